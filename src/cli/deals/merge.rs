use clap::Args;

use super::{adapter_for, deal_id};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::vendor::Op;

/// Merge OTHER into KEEP; OTHER disappears
#[derive(Debug, Args)]
#[command(
    after_help = "The printed deal is the survivor as the vendor returns it: HubSpot may give it a new id.\n\nExample:\n  crm deals merge --into 42 43"
)]
pub struct MergeArgs {
    /// The deal that survives
    #[arg(long, value_name = "KEEP")]
    pub into: String,
    /// The deal merged into it and removed
    pub other: String,
}

pub async fn run(args: MergeArgs, ctx: &Context) -> Result<()> {
    let keep = deal_id(&args.into)?;
    let other = deal_id(&args.other)?;
    if keep == other {
        return Err(Error::usage("a deal cannot be merged into itself"));
    }
    let adapter = adapter_for(ctx, Op::Merge)?;
    if !ctx.confirm(&format!(
        "Merge deal {other} into deal {keep}? Deal {other} will be removed."
    ))? {
        return Err(Error::usage("nothing merged: not confirmed"));
    }
    let survivor = adapter.merge(&keep, &other).await?;
    if survivor.id != keep {
        ctx.streams
            .notice(&format!("the merged deal's id is now {}", survivor.id));
    }
    super::create::finish_write(ctx, crate::vendor::Written::new(survivor), "merged into")
}
