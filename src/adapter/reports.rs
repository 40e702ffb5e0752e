//! What `deals summary`, `deals timeline` and `deals history` ask of a vendor. The defaults read
//! the deals through [`Adapter::list`], so every vendor reports; a vendor with report endpoints
//! of its own (Pipedrive's summary and timeline) or a leaner list overrides them.

use async_trait::async_trait;
use futures::stream::{BoxStream, StreamExt};

use super::{unsupported, Adapter, Op};
use crate::error::{Error, Result};
use crate::model::{ListQuery, Vendor};
use crate::reports::{
    Change, Fact, SourceChoice, Summary, SummaryRequest, Timeline, TimelineRequest,
};

/// Pages of facts, in order, as they arrive.
pub type FactPages<'a> = BoxStream<'a, Result<Vec<Fact>>>;

/// Which of a [`Fact`]'s optional parts a report reads, so a vendor asks only for those.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FactNeeds {
    /// [`Fact::won_at`] (a timeline by `won_at`).
    pub won_at: bool,
    /// [`Fact::converted`] (`--in-currency`).
    pub converted: bool,
}

#[async_trait]
pub trait Reports: Adapter {
    /// The facts of the deals `query` selects, page by page, in constant memory. Errors: as
    /// [`Adapter::list`].
    async fn facts<'a>(&'a self, query: &ListQuery, _needs: FactNeeds) -> Result<FactPages<'a>> {
        let pages = self.list(query).await?;
        Ok(pages
            .map(|page| page.map(|deals| deals.into_iter().map(Fact::from_deal).collect()))
            .boxed())
    }

    /// Whether [`Reports::facts`] gives converted amounts (where [`Reports::home_currency`] is
    /// some): a vendor that converts only in its own reports (Pipedrive) answers `false`, and a
    /// listed report then keeps its totals per currency.
    fn converts_listed(&self) -> bool {
        true
    }

    /// The currency the vendor converts amounts into for `--in-currency` (HubSpot's company
    /// currency, Pipedrive's default currency); `None` where it converts none.
    async fn home_currency(&self) -> Result<Option<String>> {
        Ok(None)
    }

    /// The vendor's own summary of the deals `query` selects, where it has one that answers the
    /// request and, with [`SourceChoice::Auto`], costs less than listing; `None`: crm lists.
    /// Errors: [`Error::Usage`] when `--via vendor` asks for what the vendor cannot answer.
    async fn vendor_summary(
        &self,
        _query: &ListQuery,
        request: &SummaryRequest,
    ) -> Result<Option<Summary>> {
        no_vendor_report(self.vendor(), "summary", request.source)
    }

    /// The vendor's own timeline, as [`Reports::vendor_summary`].
    async fn vendor_timeline(
        &self,
        _query: &ListQuery,
        request: &TimelineRequest,
    ) -> Result<Option<Timeline>> {
        no_vendor_report(self.vendor(), "timeline", request.source)
    }

    /// The changes of deal `id`'s fields — every field, or those `fields` names by their common
    /// names — oldest first. Errors: [`Error::NotFound`] when there is no such deal.
    async fn history(&self, _id: &str, _fields: &[String]) -> Result<Vec<Change>> {
        Err(unsupported(self.vendor(), Op::History))
    }
}

/// The fields among `fields` (each known by `names`, listed by its first) that the `typed` names
/// pick for `deals history --field`, in the order typed, matched as field names are everywhere
/// ([`crate::resolve::match_field`]): several matches are exit 2 listing them, none is exit 2
/// listing every field a history shows. Checked before any request.
pub(crate) fn history_fields<'a, T>(
    vendor: Vendor,
    typed: &[String],
    fields: &'a [T],
    names: impl Fn(&'a T) -> Vec<&'a str> + Copy,
) -> Result<Vec<&'a T>> {
    use crate::resolve::{ambiguous, match_field, FieldMatch};
    typed
        .iter()
        .map(|input| match match_field(input, fields, names) {
            FieldMatch::One(field) => Ok(field),
            FieldMatch::Several(several) => Err(ambiguous("field", input, &several, names)),
            FieldMatch::None => {
                let there: Vec<&str> = fields
                    .iter()
                    .filter_map(|f| names(f).first().copied())
                    .collect();
                Err(Error::usage_hint(
                    format!(
                        "{} keeps no history of a deal field {:?}",
                        vendor.display_name(),
                        input.trim()
                    ),
                    format!("the fields a history shows: {}", there.join(", ")),
                ))
            }
        })
        .collect()
}

/// The answer of a vendor without a report endpoint: crm lists, unless `--via vendor` insisted
/// (exit 6: the vendor lacks it).
fn no_vendor_report<T>(vendor: Vendor, report: &str, source: SourceChoice) -> Result<Option<T>> {
    match source {
        SourceChoice::Vendor => Err(Error::unsupported(
            vendor,
            format!("deals {report} --via vendor (it has no {report} endpoint)"),
        )
        .with_hint("leave out --via (or give --via list): crm sums the deals it lists")),
        SourceChoice::Auto | SourceChoice::List => Ok(None),
    }
}
