use clap::Args;

use super::create::finish_write;
use super::fields::FieldArgs;
use super::{adapter_for, deal_id, output_fields};
use crate::adapter::Op;
use crate::context::Context;
use crate::error::{Error, Result};

/// Change a deal's fields; only what you pass is sent
#[derive(Debug, Args)]
#[command(
    after_help = "--unset takes the common field names (close_date, tags and the others `crm deals fields` lists), a custom field's \
                  name, or the vendor's own key.\n\n\
                  Examples:\n  crm deals update 42 --amount 2000 --status won\n  \
                  crm deals update 42 --status lost --lost-reason \"Too expensive\"\n  \
                  crm deals update 42 --unset close_date --set region=APAC  # HubSpot, Zendesk Sell"
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
    adapter.check_input(&input)?;
    let fields = output_fields(ctx, adapter.as_ref()).await?;
    let written = adapter.update(&id, &input).await?;
    finish_write(ctx, &fields, written, "updated")
}
