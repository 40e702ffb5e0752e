use clap::Args;

use super::adapter_for;
use super::list::{check_filters, MatchArgs};
use super::reporting::{each_fact, listed_conversion, ReportArgs};
use crate::adapter::{Adapter, Capabilities, FactNeeds, Op};
use crate::context::Context;
use crate::error::Result;
use crate::model::{ListQuery, Pipeline};
use crate::output::reports::write_summary;
use crate::reports::{GroupBy, GroupKey, Source, SummaryBuilder, SummaryRequest};

/// Count and total deals by stage, pipeline, owner, status, currency or close month
#[derive(Debug, Args)]
#[command(
    after_help = "Per group: the number of deals and, per currency (never added \
                  together), the total, the weighted total (amount times probability) and the average; \
                  a total row last. On a terminal a bar chart stands beside the table; -o \
                  json|ndjson|csv give the numbers only.\n\n\
                  Examples:\n  crm deals summary\n  \
                  crm deals summary --by owner --pipeline \"Sales Pipeline\" --status open\n  \
                  crm deals summary --by close-month --in-currency USD\n  \
                  crm deals summary --by status -o csv > pipeline.csv"
)]
pub struct SummaryArgs {
    /// What to group deals by
    #[arg(long, value_enum, default_value_t = GroupBy::Stage)]
    pub by: GroupBy,
    #[command(flatten)]
    pub report: ReportArgs,
    #[command(flatten)]
    pub filters: MatchArgs,
}

pub async fn run(args: SummaryArgs, ctx: &Context) -> Result<()> {
    let query = args.filters.to_query()?;
    let adapter = adapter_for(ctx, Op::List)?;
    check_filters(&query, Capabilities::of(adapter.vendor()))?;
    let mut request = SummaryRequest {
        by: args.by,
        in_currency: args.report.conversion(adapter.as_ref(), ctx).await?,
        source: args.report.via,
    };
    let summary = match adapter.reports().vendor_summary(&query, &request).await? {
        Some(summary) => summary,
        None => {
            listed_conversion(adapter.as_ref(), ctx, "summary", &mut request.in_currency);
            let seeds = empty_groups(adapter.as_ref(), &query, request.by).await?;
            let mut builder = SummaryBuilder::new(&request).with_groups(seeds);
            let needs = FactNeeds {
                converted: request.in_currency.is_some(),
                won_at: false,
            };
            each_fact(adapter.as_ref(), &query, needs, |fact| builder.add(fact)).await?;
            builder.finish(Source::List)
        }
    };
    write_summary(&ctx.streams, ctx.format(), &summary)
}

/// The groups a summary shows even when no deal falls in them, in the vendor's order: the stages
/// of the pipelines the filters leave (named `Pipeline / Stage` when several pipelines show), the
/// pipelines, the account's active owners, the statuses.
async fn empty_groups(
    adapter: &dyn Adapter,
    query: &ListQuery,
    by: GroupBy,
) -> Result<Vec<GroupKey>> {
    Ok(match by {
        GroupBy::Stage => {
            let pipelines = chosen_pipelines(adapter, query).await?;
            let several = pipelines.len() > 1;
            let mut keys = Vec::new();
            for pipeline in &pipelines {
                for stage in &pipeline.stages {
                    let chosen = query
                        .stage
                        .as_deref()
                        .is_none_or(|s| s == stage.id || s.eq_ignore_ascii_case(&stage.name));
                    if chosen {
                        let label = if several {
                            format!("{} / {}", pipeline.name, stage.name)
                        } else {
                            stage.name.clone()
                        };
                        keys.push(GroupKey::new(stage.id.clone(), &label));
                    }
                }
            }
            keys
        }
        GroupBy::Pipeline => chosen_pipelines(adapter, query)
            .await?
            .into_iter()
            .map(|p| GroupKey::new(p.id, &p.name))
            .collect(),
        GroupBy::Owner if query.owner.is_none() => adapter
            .users()
            .await?
            .into_iter()
            .filter(|u| !u.archived)
            .map(|u| GroupKey::new(u.id, &u.name))
            .collect(),
        GroupBy::Status if query.status.is_none() => ["open", "won", "lost"]
            .into_iter()
            .map(|s| GroupKey::new(s, s))
            .collect(),
        GroupBy::Owner | GroupBy::Status | GroupBy::Currency | GroupBy::CloseMonth => Vec::new(),
    })
}

/// The account's pipelines, or the one `--pipeline` names.
async fn chosen_pipelines(adapter: &dyn Adapter, query: &ListQuery) -> Result<Vec<Pipeline>> {
    let pipelines = adapter.pipelines().await?;
    match &query.pipeline {
        Some(wanted) => Ok(vec![crate::resolve::pipeline(wanted, &pipelines)?.clone()]),
        None => Ok(pipelines),
    }
}
