use clap::Args;

use super::adapter_for;
use super::list::{check_filters, MatchArgs};
use super::reporting::{each_fact, listed_conversion, ReportArgs};
use crate::adapter::{Capabilities, FactNeeds, Op};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::reports::write_timeline;
use crate::reports::{DateField, Interval, Source, TimelineBuilder, TimelineRequest};

/// The most periods one timeline shows: ten years of months, far past any chart's width.
const MAX_PERIODS: u32 = 120;

/// Open and won deals per day, week, month or quarter of their close (or created, won) date
#[derive(Debug, Args)]
#[command(
    after_help = "As Pipedrive's deals timeline: periods start at --from (a week is 7 days \
                  from it, a month runs to the day before the same date of the next month, a \
                  quarter 3 months), and only open and won deals count. Per period: the number of \
                  deals and, per currency, the total and the weighted total. On a terminal a bar \
                  chart (a sparkline when narrow) follows the table.\n\n\
                  Examples:\n  crm deals timeline --from 2027-01-01\n  \
                  crm deals timeline --interval quarter --from 2027-01-01 --periods 4 --owner \"Ada Lovelace\"\n  \
                  crm deals timeline --interval week --from 2026-12-07 --field created_at -o csv"
)]
pub struct TimelineArgs {
    /// How long each period is
    #[arg(long, value_enum, default_value_t = Interval::Month)]
    pub interval: Interval,
    /// The first day of the first period (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// How many periods
    #[arg(long, value_name = "N", default_value_t = 12, value_parser = periods)]
    pub periods: u32,
    /// The deal date that places a deal in a period
    #[arg(long, value_enum, default_value_t = DateField::CloseDate)]
    pub field: DateField,
    #[command(flatten)]
    pub report: ReportArgs,
    #[command(flatten)]
    pub filters: MatchArgs,
}

/// `--periods`: 1 to [`MAX_PERIODS`].
fn periods(text: &str) -> std::result::Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_PERIODS).contains(&n) => Ok(n),
        Ok(_) => Err(format!("give 1 to {MAX_PERIODS} periods")),
        Err(_) => Err(format!("{text:?} is not a whole number")),
    }
}

pub async fn run(args: TimelineArgs, ctx: &Context) -> Result<()> {
    let from = crate::model::parse_flag_date("--from", &args.from)?;
    let query = args.filters.to_query()?;
    if query.deleted {
        return Err(Error::usage_hint(
            "a timeline counts open and won deals, never deleted ones",
            "leave out --status deleted",
        ));
    }
    let adapter = adapter_for(ctx, Op::List)?;
    check_filters(&query, Capabilities::of(adapter.vendor()))?;
    let mut request = TimelineRequest {
        interval: args.interval,
        from,
        periods: args.periods,
        field: args.field,
        in_currency: args.report.conversion(adapter.as_ref(), ctx).await?,
        source: args.report.via,
    };
    let timeline = match adapter.reports().vendor_timeline(&query, &request).await? {
        Some(timeline) => timeline,
        None => {
            listed_conversion(adapter.as_ref(), ctx, "timeline", &mut request.in_currency);
            let mut builder = TimelineBuilder::new(&request);
            let needs = FactNeeds {
                converted: request.in_currency.is_some(),
                won_at: request.field == DateField::WonAt,
            };
            each_fact(adapter.as_ref(), &query, needs, |fact| builder.add(fact)).await?;
            builder.finish(Source::List)
        }
    };
    write_timeline(&ctx.streams, ctx.format(), &timeline)
}
