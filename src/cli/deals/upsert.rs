use clap::Args;

use super::create::finish_write;
use super::fields::FieldArgs;
use super::list::split_pair;
use super::{adapter_for, output_fields};
use crate::adapter::Op;
use crate::context::Context;
use crate::error::Result;

/// Update the deal matching a field, or create it when none matches
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  crm deals upsert --match external_id=SKU01 --name Acme --contact 201  # HubSpot, Zendesk Sell\n  crm deals upsert --match \"External ID=SKU01\" --name Acme --amount 1500  # Pipedrive\n\nHow each vendor does it: HubSpot upserts atomically on a unique property; Pipedrive searches\nfor an exact match, then creates or updates (not atomic); Zendesk Sell upserts by filter."
)]
pub struct UpsertArgs {
    /// The field that identifies the deal (repeatable)
    #[arg(long = "match", value_name = "FIELD=VALUE", required = true)]
    pub matches: Vec<String>,
    #[command(flatten)]
    pub fields: FieldArgs,
}

pub async fn run(args: UpsertArgs, ctx: &Context) -> Result<()> {
    let matches = args
        .matches
        .iter()
        .map(|m| split_pair("--match", m))
        .collect::<Result<Vec<_>>>()?;
    let mut input = args.fields.to_input()?;
    if input.pipeline.is_none() && input.stage.is_none() {
        input.default_pipeline = ctx.default_pipeline();
    }
    input.check_name(false)?;
    let adapter = adapter_for(ctx, Op::Upsert)?;
    adapter.check_input(&input)?;
    let fields = output_fields(ctx, adapter.as_ref()).await?;
    let written = adapter.upsert(&matches, &input).await?;
    let verb = match written.created {
        Some(true) => "created",
        Some(false) => "updated",
        None => "created or updated",
    };
    ctx.streams
        .notice(&format!("deal {} {verb}", written.deal.id));
    finish_write(ctx, &fields, written, verb)
}
