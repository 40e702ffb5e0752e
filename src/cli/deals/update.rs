use clap::Args;

use super::create::finish_write;
use super::fields::FieldArgs;
use super::{adapter_for, deal_id};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::vendor::Op;

/// Change a deal's fields; only what you pass is sent
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  crm deals update 42 --amount 2000 --stage \"Closed Won\"\n  crm deals update 42 --status lost --lost-reason \"Budget\"\n  crm deals update 42 --unset closedate --set region=APAC"
)]
pub struct UpdateArgs {
    /// The deal's id
    pub id: String,
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Add a tag to the existing ones (repeatable)
    #[arg(long = "tag", value_name = "T")]
    pub add_tags: Vec<String>,
    /// Clear a field or property (repeatable)
    #[arg(long, value_name = "KEY")]
    pub unset: Vec<String>,
    /// Why the deal was lost (with --status lost)
    #[arg(long, value_name = "R")]
    pub lost_reason: Option<String>,
}

pub async fn run(args: UpdateArgs, ctx: &Context) -> Result<()> {
    let id = deal_id(&args.id)?;
    let mut input = args.fields.to_input()?;
    input.add_tags = args.add_tags;
    input.unset = args.unset;
    input.lost_reason = args.lost_reason;
    if input.is_empty() {
        return Err(Error::usage_hint(
            "nothing to change",
            "pass at least one field flag, e.g. --amount 2000 or --stage \"Closed Won\"",
        ));
    }
    input.check_name(false)?;
    if input.stage.is_some() && input.status.is_some() {
        return Err(Error::usage_hint(
            "--stage and --status both choose the stage",
            "give one: --status won|lost moves the deal to its pipeline's closing stage",
        ));
    }
    let adapter = adapter_for(ctx, Op::Update)?;
    let written = adapter.update(&id, &input).await?;
    finish_write(ctx, written, "updated")
}
