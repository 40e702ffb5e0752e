use clap::Args;

use super::{adapter_for, deal_id};
use crate::context::Context;
use crate::error::Result;
use crate::output::write_deal;
use crate::vendor::Op;

/// Show one deal, with its contacts and company
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  crm deals get 42\n  crm deals get 42 -o json --raw")]
pub struct GetArgs {
    /// The deal's id
    pub id: String,
}

pub async fn run(args: GetArgs, ctx: &Context) -> Result<()> {
    let id = deal_id(&args.id)?;
    let adapter = adapter_for(ctx, Op::Get)?;
    let deal = adapter.get(&id, true).await?;
    write_deal(ctx.format(), &ctx.globals.fields, &ctx.streams, &deal)
}
