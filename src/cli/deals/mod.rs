//! `crm deals …`: one file per verb, each an Args struct and a `run`.

mod associate;
mod create;
mod delete;
mod export;
mod field_list;
mod fields;
mod follow;
mod get;
mod history;
mod import;
mod list;
mod merge;
mod reporting;
mod summary;
mod timeline;
mod update;
mod upsert;

use clap::Subcommand;

use crate::adapter::{Adapter, Capabilities, Op};
use crate::context::Context;
use crate::error::{Error, Result};

#[derive(Debug, Subcommand)]
pub enum DealsCommand {
    List(list::ListArgs),
    Get(get::GetArgs),
    Create(create::CreateArgs),
    Update(update::UpdateArgs),
    Delete(delete::DeleteArgs),
    Merge(merge::MergeArgs),
    Follow(follow::FollowArgs),
    Unfollow(follow::UnfollowArgs),
    Followers(follow::FollowersArgs),
    Associate(associate::AssociateArgs),
    Dissociate(associate::DissociateArgs),
    Upsert(upsert::UpsertArgs),
    Export(export::ExportArgs),
    Import(import::ImportArgs),
    Fields(field_list::FieldsArgs),
    Summary(summary::SummaryArgs),
    Timeline(timeline::TimelineArgs),
    History(history::HistoryArgs),
}

impl DealsCommand {
    /// Whether the command works through many deals: it shows progress instead of running
    /// against an overall deadline (DESIGN §5).
    pub fn bulk(&self) -> bool {
        match self {
            DealsCommand::List(args) => args.all || args.limit.is_some_and(|n| n > 100),
            DealsCommand::Export(_) | DealsCommand::Import(_) => true,
            // A report may read every deal: progress, no overall deadline.
            DealsCommand::Summary(_) | DealsCommand::Timeline(_) => true,
            DealsCommand::Create(args) => args.from.is_some(),
            DealsCommand::Delete(args) => args.ids.len() > 1,
            _ => false,
        }
    }
}

pub async fn run(command: DealsCommand, ctx: &Context) -> Result<()> {
    match command {
        DealsCommand::List(args) => list::run(args, ctx).await,
        DealsCommand::Get(args) => get::run(args, ctx).await,
        DealsCommand::Create(args) => create::run(args, ctx).await,
        DealsCommand::Update(args) => update::run(args, ctx).await,
        DealsCommand::Delete(args) => delete::run(args, ctx).await,
        DealsCommand::Merge(args) => merge::run(args, ctx).await,
        DealsCommand::Follow(args) => follow::run_follow(args, ctx).await,
        DealsCommand::Unfollow(args) => follow::run_unfollow(args, ctx).await,
        DealsCommand::Followers(args) => follow::run_followers(args, ctx).await,
        DealsCommand::Associate(args) => associate::run_associate(args, ctx).await,
        DealsCommand::Dissociate(args) => associate::run_dissociate(args, ctx).await,
        DealsCommand::Upsert(args) => upsert::run(args, ctx).await,
        DealsCommand::Export(args) => export::run(args, ctx).await,
        DealsCommand::Import(args) => import::run(args, ctx).await,
        DealsCommand::Fields(args) => field_list::run(args, ctx).await,
        DealsCommand::Summary(args) => summary::run(args, ctx).await,
        DealsCommand::Timeline(args) => timeline::run(args, ctx).await,
        DealsCommand::History(args) => history::run(args, ctx).await,
    }
}

/// The adapter, after checking that it offers `op`: an unsupported verb fails before any request.
pub(crate) fn adapter_for(ctx: &Context, op: Op) -> Result<Box<dyn Adapter>> {
    let connection = ctx.connection()?;
    let caps = Capabilities::of(connection.vendor);
    if !caps.supports(op) {
        let e = Error::unsupported(connection.vendor, op.describe());
        return Err(match caps.instead(op) {
            Some(hint) => e.with_hint(hint),
            None => e,
        });
    }
    ctx.adapter_for(&connection)
}

/// `--fields` as the output will use them: each `custom.NAME` resolved by the one rule for
/// field names ([`crate::resolve::find_field`]) against this account's custom fields, so
/// `custom.region` shows Pipedrive's "Region"; an unknown or ambiguous one is exit 2, checked
/// before any write.
pub(crate) async fn output_fields(ctx: &Context, adapter: &dyn Adapter) -> Result<Vec<String>> {
    let fields = &ctx.settings.fields;
    crate::output::check_fields(fields, adapter.vendor())?;
    if !fields.iter().any(|f| f.starts_with("custom.")) {
        return Ok(fields.clone());
    }
    let custom = adapter.custom_fields_info().await?;
    fields
        .iter()
        .map(|f| match f.strip_prefix("custom.") {
            Some(name) => crate::resolve::find_field("custom field", name, &custom, |c| {
                std::iter::once(c.name.as_str())
                    .chain(c.label.as_deref())
                    .collect()
            })
            .map(|c| format!("custom.{}", c.name)),
            None => Ok(f.clone()),
        })
        .collect()
}

/// Checks a deal id's form before it goes anywhere near a URL: vendors' deal ids are numbers.
pub(crate) fn deal_id(text: &str) -> Result<String> {
    crate::model::check_id("deal", text)
}
