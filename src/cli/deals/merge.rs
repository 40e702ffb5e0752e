use clap::Args;

use super::delete::deal_label;
use super::{adapter_for, deal_id, output_fields};
use crate::adapter::Op;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::deal_summary;

/// Merge OTHER into KEEP; OTHER disappears
#[derive(Debug, Args)]
#[command(
    after_help = "On a terminal crm shows both deals (name, amount, stage) and asks; from a \
                  script, --yes confirms (without it the command fails with exit 2). The printed \
                  deal is the survivor as the vendor returns it: HubSpot may give it a new id. \
                  Zendesk Sell cannot merge deals (exit 6).\n\n\
                  Examples:\n  crm deals merge --into 42 43\n  crm deals merge --into 42 43 --yes -o json"
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
    let fields = output_fields(ctx, adapter.as_ref()).await?;
    // A script without --yes fails before any request; a person sees both deals named.
    ctx.check_can_confirm()?;
    if !ctx.settings.yes {
        let kept = adapter.get(&keep, false).await?;
        let gone = adapter.get(&other, false).await?;
        let question = format!(
            "About to merge\n  {}\ninto\n  {}\n{} will be removed. Merge?",
            deal_summary(&gone),
            deal_summary(&kept),
            deal_label(&gone),
        );
        if !ctx.confirm(&question)? {
            return Err(Error::usage("nothing merged: not confirmed"));
        }
    }
    let survivor = adapter.merge(&keep, &other).await?;
    if survivor.id != keep {
        ctx.streams
            .notice(&format!("the merged deal's id is now {}", survivor.id));
    }
    super::create::finish_write(
        ctx,
        &fields,
        crate::adapter::Written::new(survivor),
        "merged into",
    )
}
