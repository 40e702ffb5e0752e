use clap::Args;
use futures::StreamExt;

use super::{adapter_for, output_fields};
use crate::adapter::{Capabilities, Filter, Op, Support};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{parse_time, Deal, ListQuery, ListStatus, Sort};
use crate::output::{DealWriter, Format};

/// How many deals `deals list` shows without `--limit` or `--all`.
const DEFAULT_LIMIT: usize = 100;

/// The filters that choose deals, shared by `deals list`, `deals export` and the reports.
#[derive(Debug, Clone, Args)]
pub struct MatchArgs {
    /// Only deals in this stage (name or id)
    #[arg(long, value_name = "S")]
    pub stage: Option<String>,
    /// Only deals in this pipeline (name or id)
    #[arg(long, value_name = "P")]
    pub pipeline: Option<String>,
    /// Only deals owned by this user (name, email or id)
    #[arg(long, value_name = "O")]
    pub owner: Option<String>,
    /// Only open, won or lost deals; deleted: those the vendor still keeps after a delete
    #[arg(long, value_enum)]
    pub status: Option<ListStatus>,
    /// Only deals associated with this contact (id)
    #[arg(long, value_name = "C")]
    pub contact: Option<String>,
    /// Only deals associated with this company (id)
    #[arg(long, value_name = "C")]
    pub company: Option<String>,
    /// Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d
    #[arg(long, value_name = "T")]
    pub updated_since: Option<String>,
    /// Only deals last changed before then (same forms as --updated-since)
    #[arg(long, value_name = "T")]
    pub updated_until: Option<String>,
    /// Only deals matching this text
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only these deals (comma-separated ids)
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    pub ids: Vec<String>,
    /// Only deals with exactly this name
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// Only deals expected to close on this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub close_date: Option<String>,
    /// Only deals marked hot
    #[arg(long)]
    pub hot: bool,
    /// Only deals from this source (its id)
    #[arg(long, value_name = "ID")]
    pub source: Option<String>,
    /// Only deals whose custom field NAME equals VALUE (repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub custom: Vec<String>,
    /// Archived (deleted) deals instead of live ones
    #[arg(long)]
    pub archived: bool,
}

/// The filters and the order of `deals list` and `deals export`.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    #[command(flatten)]
    pub matching: MatchArgs,
    /// Sort by id, name, amount, close_date, created_at or updated_at, ascending or with `:desc`
    /// (`crm vendors` shows which a vendor sorts itself; crm sorts the others on --all)
    #[arg(long, value_name = "FIELD[:desc]")]
    pub sort: Option<String>,
    /// Read every deal's contacts (one extra request per deal on some vendors)
    #[arg(long)]
    pub with_contacts: bool,
}

/// List deals, filtered and sorted
#[derive(Debug, Args)]
#[command(
    after_help = "Without --limit or --all, the first 100 deals; when more match, stderr says so (on a \
                  terminal, or with -v).\n\n\
                  Examples:\n  crm deals list --pipeline \"Sales Pipeline\" --stage \"Contract Sent\" --owner \"Ada Lovelace\"\n  \
                  crm deals list --status won --updated-since 7d --sort updated_at:desc\n  \
                  crm deals list --sort amount:desc --limit 10  # HubSpot, Zendesk Sell\n  \
                  crm deals list --all -o ndjson > deals.ndjson"
)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    /// At most N deals [default: 100]
    #[arg(long, value_name = "N", conflicts_with = "all", value_parser = positive)]
    pub limit: Option<usize>,
    /// Every matching deal, page after page
    #[arg(long)]
    pub all: bool,
}

/// `--limit`: a count of deals, at least 1 (0 would send a request no vendor accepts).
fn positive(text: &str) -> std::result::Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("give at least 1 (or --all for every deal)".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{text:?} is not a whole number")),
    }
}

/// The longest `--search` text: far past any real search, short enough for every vendor's URL.
const SEARCH_CHARS: usize = 1_000;

fn search_text(text: &str) -> Result<String> {
    let chars = text.chars().count();
    if chars > SEARCH_CHARS {
        return Err(Error::usage_hint(
            format!("--search is {chars} characters long: at most {SEARCH_CHARS}"),
            "search for a shorter text, e.g. a word of the deal's name",
        ));
    }
    if text.trim().is_empty() {
        return Err(Error::usage("--search is empty: give the text to look for"));
    }
    Ok(text.to_string())
}

fn exact_name(text: &str) -> Result<String> {
    if text.trim().is_empty() {
        return Err(Error::usage("--name is empty: give the deal's exact name"));
    }
    Ok(text.to_string())
}

pub(crate) fn split_pair(flag: &str, text: &str) -> Result<(String, String)> {
    crate::model::parse_pair(flag, text)
}

impl FilterArgs {
    pub fn to_query(&self, limit: Option<usize>) -> Result<ListQuery> {
        let mut query = self.matching.to_query()?;
        query.limit = limit;
        query.with_contacts = self.with_contacts;
        query.sort = self
            .sort
            .as_deref()
            .map(|s| {
                s.parse::<Sort>().map_err(|e| {
                    Error::usage_hint(
                        format!("--sort {s:?}: {e}"),
                        "write --sort FIELD or --sort FIELD:desc",
                    )
                })
            })
            .transpose()?;
        Ok(query)
    }
}

impl MatchArgs {
    /// The deals these filters choose, in the vendor's order, without a limit.
    pub fn to_query(&self) -> Result<ListQuery> {
        let query = self.parse()?;
        if let (Some(since), Some(until)) = (query.updated_since, query.updated_until) {
            if since >= until {
                return Err(Error::usage_hint(
                    "--updated-until is not later than --updated-since, so no deal can match",
                    "give --updated-until a later time than --updated-since",
                ));
            }
        }
        Ok(query)
    }

    fn parse(&self) -> Result<ListQuery> {
        let now = chrono::Utc::now();
        Ok(ListQuery {
            stage: self.stage.clone(),
            pipeline: self.pipeline.clone(),
            owner: self.owner.clone(),
            status: self.status.and_then(ListStatus::deal_status),
            deleted: self.status == Some(ListStatus::Deleted),
            ids: self
                .ids
                .iter()
                .map(|id| crate::model::check_id("deal", id))
                .collect::<Result<_>>()?,
            name: self.name.as_deref().map(exact_name).transpose()?,
            close_date: self
                .close_date
                .as_deref()
                .map(|d| crate::model::parse_flag_date("--close-date", d))
                .transpose()?,
            hot: self.hot,
            source: self.source.clone(),
            contact: self
                .contact
                .as_deref()
                .map(|c| crate::model::check_id("contact", c))
                .transpose()?,
            company: self
                .company
                .as_deref()
                .map(|c| crate::model::check_id("company", c))
                .transpose()?,
            updated_since: self
                .updated_since
                .as_deref()
                .map(|t| parse_time("--updated-since", t, now))
                .transpose()?,
            updated_until: self
                .updated_until
                .as_deref()
                .map(|t| parse_time("--updated-until", t, now))
                .transpose()?,
            search: self.search.as_deref().map(search_text).transpose()?,
            archived: self.archived,
            sort: None,
            limit: None,
            with_contacts: false,
            custom: self
                .custom
                .iter()
                .map(|c| split_pair("--custom", c))
                .collect::<Result<_>>()?,
        })
    }
}

/// Refuses a filter the vendor cannot apply, before any request (exit 6), and names a sort the
/// vendor cannot use (exit 2).
pub(crate) fn check_filters(query: &ListQuery, caps: &crate::adapter::Capabilities) -> Result<()> {
    let used = [
        (Filter::Stage, query.stage.is_some()),
        (Filter::Pipeline, query.pipeline.is_some()),
        (Filter::Owner, query.owner.is_some()),
        (Filter::Status, query.status.is_some()),
        (Filter::Deleted, query.deleted),
        (Filter::Contact, query.contact.is_some()),
        (Filter::Company, query.company.is_some()),
        (Filter::UpdatedSince, query.updated_since.is_some()),
        (Filter::UpdatedUntil, query.updated_until.is_some()),
        (Filter::Search, query.search.is_some()),
        (Filter::Ids, !query.ids.is_empty()),
        (Filter::Name, query.name.is_some()),
        (Filter::CloseDate, query.close_date.is_some()),
        (Filter::Hot, query.hot),
        (Filter::Source, query.source.is_some()),
        (Filter::Archived, query.archived),
        (Filter::Sort, query.sort.is_some()),
        (Filter::WithContacts, query.with_contacts),
        (Filter::Custom, !query.custom.is_empty()),
    ];
    for (filter, given) in used {
        if given && caps.filter(filter) == Support::No {
            let refused = Error::unsupported(caps.vendor, format!("deals list {}", filter.flag()));
            return Err(match filter {
                Filter::Deleted => refused.with_hint(deleted_instead(caps)),
                _ => refused,
            });
        }
    }
    if let Some(sort) = &query.sort {
        match caps.sort_support(&sort.field) {
            Support::Native => {}
            // crm sorts a whole list itself; a part of one would be the wrong part.
            Support::ClientSide if query.limit.is_none() => {}
            Support::ClientSide => {
                return Err(Error::unsupported(
                    caps.vendor,
                    format!("deals list --sort {} without --all", sort.field),
                )
                .with_hint(format!(
                    "{} sorts by {} itself; with --all, crm reads every matching deal and sorts \
                     them by {}",
                    caps.vendor,
                    caps.sort_fields.join(", "),
                    sort.field
                )))
            }
            Support::No => {
                return Err(crate::resolve::unknown_field(
                    "sort field",
                    &sort.field,
                    crate::adapter::SORTABLE,
                )
                .with_hint(format!(
                    "sort by one of: {}",
                    crate::adapter::SORTABLE.join(", ")
                )))
            }
        }
    }
    Ok(())
}

/// Ids are numbers on every vendor: compared as numbers, not text.
fn id_key(deal: &Deal) -> (u64, &str) {
    (deal.id.parse().unwrap_or(u64::MAX), &deal.id)
}

/// Sorts a whole list by a common field, as a vendor without that sort cannot: missing values
/// last either way, ties in the vendor's order.
fn sort_deals(deals: &mut [Deal], sort: &Sort) {
    use std::cmp::Ordering;
    fn by<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) if descending => b.cmp(&a),
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let d = sort.descending;
    deals.sort_by(|a, b| match sort.field.as_str() {
        "id" => by(Some(id_key(a)), Some(id_key(b)), d),
        "name" => by(
            a.name.as_ref().map(|n| n.to_lowercase()),
            b.name.as_ref().map(|n| n.to_lowercase()),
            d,
        ),
        "amount" => by(a.amount, b.amount, d),
        "close_date" => by(a.close_date, b.close_date, d),
        "created_at" => by(a.created_at, b.created_at, d),
        "updated_at" => by(a.updated_at, b.updated_at, d),
        _ => Ordering::Equal,
    });
}

/// Where a vendor without a deleted status keeps its deleted deals, if anywhere.
fn deleted_instead(caps: &crate::adapter::Capabilities) -> String {
    if caps.filter(Filter::Archived) == Support::No {
        format!(
            "{}: there are none to list",
            caps.delete_effect.trim_end_matches('.')
        )
    } else {
        format!("{} --archived lists them", caps.delete_effect)
    }
}

pub async fn run(args: ListArgs, ctx: &Context) -> Result<()> {
    let limit = if args.all {
        None
    } else {
        Some(args.limit.unwrap_or(DEFAULT_LIMIT))
    };
    // Only the default limit is told about: a --limit N is what the user asked for.
    let probe = args.limit.is_none() && limit.is_some();
    let shown = stream(args.filters, limit, probe, ctx.format(), ctx).await?;
    // Said where a person reads it: on a terminal, or with -v; never on stdout.
    let told = ctx.streams.stderr_is_terminal || ctx.settings.verbose;
    if probe && shown.more && told {
        ctx.streams.notice(&format!(
            "showing {} of more; --all for every deal, --limit N",
            shown.count
        ));
    }
    Ok(())
}

/// How many deals were written, and whether more matched than the limit let through.
pub(crate) struct Streamed {
    pub count: usize,
    pub more: bool,
}

/// Writes the matching deals page by page as they arrive (constant memory for NDJSON and CSV).
/// With `probe`, one deal past the limit is asked for, so that "more exist" is known, not
/// guessed; it costs a request only when a page ends exactly at the limit and more deals follow.
pub(crate) async fn stream(
    filters: FilterArgs,
    limit: Option<usize>,
    probe: bool,
    format: Format,
    ctx: &Context,
) -> Result<Streamed> {
    let mut query = filters.to_query(limit.map(|l| if probe { l + 1 } else { l }))?;
    let adapter = adapter_for(ctx, Op::List)?;
    let caps = Capabilities::of(adapter.vendor());
    check_filters(&query, caps)?;
    let fields = output_fields(ctx, adapter.as_ref()).await?;
    let mut writer = DealWriter::new(format, &fields, ctx.streams.clone(), adapter.vendor())?;
    if format == Format::Table && fields.is_empty() {
        // Stage names repeat across pipelines: the table names the pipeline when there are several.
        let several = match adapter.pipelines().await {
            Ok(pipelines) => pipelines.len() > 1,
            Err(e @ (Error::DryRunStop(_) | Error::BrokenPipe)) => return Err(e),
            // Only a column is at stake: the list itself says what is wrong, if anything.
            Err(_) => false,
        };
        writer = writer.with_pipeline_column(several);
    }
    let client_sort = query
        .sort
        .take_if(|s| caps.sort_support(&s.field) == Support::ClientSide);
    if let Some(sort) = client_sort {
        ctx.streams.notice(&format!(
            "{} cannot sort by {}: crm reads every matching deal, then sorts and writes them",
            caps.vendor, sort.field
        ));
        let mut deals = Vec::new();
        let mut pages = adapter.list(&query).await?;
        while let Some(page) = pages.next().await {
            deals.extend(page?);
        }
        sort_deals(&mut deals, &sort);
        writer.write(&deals)?;
        let count = writer.count();
        writer.finish()?;
        return Ok(Streamed { count, more: false });
    }
    let mut pages = adapter.list(&query).await?;
    let mut more = false;
    let mut failure = None;
    while let Some(page) = pages.next().await {
        let page = match page {
            Ok(p) => p,
            Err(e) => {
                failure = Some(e);
                break;
            }
        };
        let room = limit.map_or(usize::MAX, |l| l - writer.count());
        more |= page.len() > room;
        writer.write(&page[..page.len().min(room)])?;
        if limit.is_some_and(|l| writer.count() >= l) {
            // The page ended at the limit: the next one (asked for one deal) says whether more
            // exist. Should it fail, nothing is claimed.
            if probe && !more {
                if let Some(Ok(next)) = pages.next().await {
                    more = !next.is_empty();
                }
            }
            break;
        }
    }
    drop(pages);
    let count = writer.count();
    // What was read is written out (a JSON array closed) before a failure is reported.
    writer.finish()?;
    match failure {
        Some(e) => Err(e),
        None => Ok(Streamed { count, more }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Vendor;

    fn deal(id: &str, name: Option<&str>, amount: Option<&str>) -> Deal {
        let mut d = Deal::new(Vendor::Pipedrive, id);
        d.name = name.map(String::from);
        d.amount = amount.map(|a| a.parse().unwrap());
        d
    }

    fn ids(deals: &[Deal]) -> Vec<&str> {
        deals.iter().map(|d| d.id.as_str()).collect()
    }

    #[test]
    fn a_whole_list_sorts_with_missing_values_last_and_ids_as_numbers() {
        let mut deals = vec![
            deal("10", Some("beta"), None),
            deal("9", Some("Alpha"), Some("20.5")),
            deal("100", None, Some("3")),
            deal("2", Some("alpha"), Some("20.5")),
        ];
        sort_deals(&mut deals, &"amount:desc".parse().unwrap());
        assert_eq!(
            ids(&deals),
            ["9", "2", "100", "10"],
            "ties keep their order"
        );
        sort_deals(&mut deals, &"amount".parse().unwrap());
        assert_eq!(ids(&deals), ["100", "9", "2", "10"]);
        sort_deals(&mut deals, &"name".parse().unwrap());
        assert_eq!(ids(&deals), ["9", "2", "10", "100"], "case ignored");
        sort_deals(&mut deals, &"id".parse().unwrap());
        assert_eq!(ids(&deals), ["2", "9", "10", "100"]);
    }
}
