use clap::Args;

use super::{adapter_for, deal_id, output_fields};
use crate::adapter::Op;
use crate::context::Context;
use crate::error::Result;
use crate::output::write_deal;

/// Show one deal, with its contacts and company
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  crm deals get 42\n  crm deals get 42 -o json --raw\n  crm deals get 42 --archived"
)]
pub struct GetArgs {
    /// The deal's id
    pub id: String,
    /// Show it even if it was deleted but the vendor still keeps it (HubSpot's recycling bin,
    /// Pipedrive's deleted deals for 30 days); it then carries "deleted": true
    #[arg(long)]
    pub archived: bool,
}

pub async fn run(args: GetArgs, ctx: &Context) -> Result<()> {
    let id = deal_id(&args.id)?;
    let adapter = adapter_for(ctx, Op::Get)?;
    let fields = output_fields(ctx, adapter.as_ref()).await?;
    let deal = if args.archived {
        adapter.get_including_deleted(&id).await?
    } else {
        adapter.get(&id, true).await?
    };
    write_deal(ctx.format(), &fields, &ctx.streams, &deal)
}
