use clap::Args;

use super::{adapter_for, deal_id};
use crate::adapter::Op;
use crate::context::Context;
use crate::error::Result;
use crate::output::reports::write_history;

/// Show each change of a deal's fields: when, which, the old and new value, and who
#[derive(Debug, Args)]
#[command(
    after_help = "HubSpot keeps each property's past values; Pipedrive its changelog of \
                  field values and the deal's stage moves; Zendesk Sell keeps no history (exit 6).\n\n\
                  Examples:\n  crm deals history 42\n  \
                  crm deals history 42 --field stage --field amount\n  \
                  crm deals history 42 -o ndjson"
)]
pub struct HistoryArgs {
    /// The deal's id
    pub id: String,
    /// Only this field's changes, by its common name (`stage`, `amount`, `custom.Region`);
    /// repeatable
    #[arg(long = "field", value_name = "F")]
    pub fields: Vec<String>,
}

pub async fn run(args: HistoryArgs, ctx: &Context) -> Result<()> {
    let id = deal_id(&args.id)?;
    let adapter = adapter_for(ctx, Op::History)?;
    let changes = adapter.reports().history(&id, &args.fields).await?;
    write_history(&ctx.streams, ctx.format(), &changes)
}
