//! Pipedrive's reports: its own summary (`GET /api/v1/deals/summary`) and timeline
//! (`GET /api/v1/deals/timeline`) where they answer, the deal's changelog and flow for history,
//! and the facts of listed deals with the `won_time` the common deal leaves out.
//!
//! Documents: seeds/003 "Get deals summary", "Get archived deals summary", "Get deals timeline",
//! "Get archived deals timeline", "List updates about deal field values", "List updates about a
//! deal"; specs/pipedrive/openapi-v1.yaml `/deals/summary`, `/deals/summary/archived`,
//! `/deals/timeline`, `/deals/timeline/archived`, `/deals/{id}/changelog`, `/deals/{id}/flow`.

mod history;
mod summary;
mod timeline;

use async_trait::async_trait;
use futures::stream::StreamExt;

use super::convert::parse_time;
use super::list::status_param;
use super::meta::Meta;
use super::Pipedrive;
use crate::adapter::reports::{FactNeeds, FactPages};
use crate::adapter::Reports;
use crate::error::{Error, Result};
use crate::model::{ListQuery, Status};
use crate::reports::{
    Change, Fact, SourceChoice, Summary, SummaryRequest, Timeline, TimelineRequest,
};

#[async_trait]
impl Reports for Pipedrive {
    fn converts_listed(&self) -> bool {
        false
    }

    /// The listed deals' facts; with `won_at`, each deal's `won_time` (which the common deal
    /// has no field for) read from its v2 JSON. v2 deals carry no converted amount, so
    /// `converted` stays empty: only the summary converts (see [`Reports::vendor_summary`]).
    async fn facts<'a>(&'a self, query: &ListQuery, needs: FactNeeds) -> Result<FactPages<'a>> {
        let pages = self.list_pages(query, needs.won_at).await?;
        Ok(pages
            .map(|page| {
                page.map(|deals| {
                    deals
                        .into_iter()
                        .map(|mut deal| {
                            let won_at = deal
                                .raw
                                .take()
                                .and_then(|raw| parse_time(raw.get("won_time")));
                            Fact {
                                won_at,
                                ..Fact::from_deal(deal)
                            }
                        })
                        .collect()
                })
            })
            .boxed())
    }

    async fn home_currency(&self) -> Result<Option<String>> {
        self.default_currency().await
    }

    async fn vendor_summary(
        &self,
        query: &ListQuery,
        request: &SummaryRequest,
    ) -> Result<Option<Summary>> {
        self.summary(query, request).await
    }

    async fn vendor_timeline(
        &self,
        query: &ListQuery,
        request: &TimelineRequest,
    ) -> Result<Option<Timeline>> {
        self.timeline(query, request).await
    }

    async fn history(&self, id: &str, fields: &[String]) -> Result<Vec<Change>> {
        self.deal_history(id, fields).await
    }
}

/// One of Pipedrive's report endpoints, with the list filters it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    /// `status`, `user_id`, `pipeline_id`, `stage_id` (and `filter_id`, a saved filter crm does
    /// not use).
    Summary,
    /// `user_id`, `pipeline_id` (and `filter_id`); always open and won deals.
    Timeline,
}

impl Endpoint {
    fn name(self) -> &'static str {
        match self {
            Endpoint::Summary => "summary",
            Endpoint::Timeline => "timeline",
        }
    }
}

/// The list filters a report endpoint takes, resolved to ids as the list resolves them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Scope {
    user_id: Option<String>,
    pipeline_id: Option<String>,
    stage_id: Option<String>,
    status: Option<Status>,
    /// Pipedrive's own archive (`is_archived`): the `/archived` form of the endpoint.
    archived: bool,
}

impl Scope {
    fn of(query: &ListQuery, meta: &Meta) -> Result<Scope> {
        let pipeline = query
            .pipeline
            .as_deref()
            .map(|p| meta.resolve_pipeline(p))
            .transpose()?;
        status_param(query.status)?;
        Ok(Scope {
            user_id: query
                .owner
                .as_deref()
                .map(|o| meta.resolve_owner(o).map(|u| u.id.clone()))
                .transpose()?,
            stage_id: query
                .stage
                .as_deref()
                .map(|s| meta.resolve_stage(s, pipeline).map(|s| s.id.clone()))
                .transpose()?,
            pipeline_id: pipeline.map(|p| p.id.clone()),
            status: query.status,
            archived: query.archived,
        })
    }

    /// The query parameters of the scope (the endpoint's own, as [`refused_filter`] left them).
    fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if let Some(s) = self.status {
            params.push(("status", s.key().to_string()));
        }
        for (key, value) in [
            ("user_id", &self.user_id),
            ("pipeline_id", &self.pipeline_id),
            ("stage_id", &self.stage_id),
        ] {
            if let Some(v) = value {
                params.push((key, v.clone()));
            }
        }
        params
    }
}

/// The first filter of `query` that `endpoint` cannot apply, as the user would know it.
fn refused_filter(query: &ListQuery, endpoint: Endpoint) -> Option<&'static str> {
    let timeline = endpoint == Endpoint::Timeline;
    [
        (query.search.is_some(), "--search"),
        (query.contact.is_some(), "--contact"),
        (query.company.is_some(), "--company"),
        (query.updated_since.is_some(), "--updated-since"),
        (query.updated_until.is_some(), "--updated-until"),
        (!query.ids.is_empty(), "--ids"),
        (query.name.is_some(), "--name"),
        (query.close_date.is_some(), "--close-date"),
        (!query.custom.is_empty(), "--custom"),
        (query.deleted, "--status deleted"),
        (query.hot, "--hot"),
        (query.source.is_some(), "a deal source"),
        (query.limit.is_some(), "--limit"),
        (timeline && query.stage.is_some(), "--stage"),
        (timeline && query.status.is_some(), "--status"),
    ]
    .into_iter()
    .find_map(|(given, flag)| given.then_some(flag))
}

/// Checks that crm may list instead of asking Pipedrive's endpoint, which cannot `why` (e.g.
/// "filter by --search"): not when `--via vendor` insisted. Listed deals carry no converted value
/// (v2), so a listed report drops `--in-currency` and says so ([`Reports::converts_listed`]).
fn may_list_instead(
    endpoint: Endpoint,
    source: SourceChoice,
    in_currency: Option<&str>,
    why: &str,
) -> Result<()> {
    let name = endpoint.name();
    match (source, in_currency) {
        (SourceChoice::Vendor, Some(code)) => Err(Error::usage_hint(
            format!(
                "--in-currency {code} needs Pipedrive's own {name}, which cannot {why}: \
                 Pipedrive converts amounts only there"
            ),
            "leave out --in-currency for figures per currency, or the filters the endpoint lacks",
        )),
        (SourceChoice::Vendor, None) => Err(Error::usage_hint(
            format!("Pipedrive's {name} endpoint cannot {why}"),
            "leave out --via (or give --via list): crm sums the deals it lists",
        )),
        (SourceChoice::Auto | SourceChoice::List, _) => Ok(()),
    }
}

/// Whether `endpoint` is to answer `query` as `source` allows; `false`: crm lists instead, as
/// [`may_list_instead`] checked.
fn endpoint_answers(
    endpoint: Endpoint,
    query: &ListQuery,
    source: SourceChoice,
    in_currency: Option<&str>,
) -> Result<bool> {
    let why = match (source, refused_filter(query, endpoint)) {
        (SourceChoice::List, _) => "be skipped by --via list".to_string(),
        (_, Some(filter)) => format!("filter by {filter}"),
        (_, None) => return Ok(true),
    };
    may_list_instead(endpoint, source, in_currency, &why)?;
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_takes_owner_pipeline_stage_and_status_only() {
        let meta = Meta::example();
        let query = ListQuery {
            owner: Some("ana@example.com".into()),
            pipeline: Some("Renewals".into()),
            stage: Some("Qualified".into()),
            status: Some(Status::Won),
            ..ListQuery::default()
        };
        assert_eq!(refused_filter(&query, Endpoint::Summary), None);
        assert_eq!(refused_filter(&query, Endpoint::Timeline), Some("--stage"));
        let scope = Scope::of(&query, &meta).unwrap();
        assert_eq!(
            scope.params(),
            [
                ("status", "won".to_string()),
                ("user_id", "1".to_string()),
                ("pipeline_id", "2".to_string()),
                // "Qualified" of Renewals, not of Sales.
                ("stage_id", "3".to_string()),
            ]
        );
        let deleted = ListQuery {
            deleted: true,
            ..ListQuery::default()
        };
        assert_eq!(
            refused_filter(&deleted, Endpoint::Summary),
            Some("--status deleted")
        );
    }

    #[test]
    fn a_refused_filter_lists_unless_vendor_insists() {
        let query = ListQuery {
            search: Some("acme".into()),
            ..ListQuery::default()
        };
        let answers = |source, code| endpoint_answers(Endpoint::Summary, &query, source, code);
        assert!(!answers(SourceChoice::Auto, None).unwrap());
        assert!(!answers(SourceChoice::List, None).unwrap());
        let e = answers(SourceChoice::Vendor, None).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("--search"), "{e}");
        // A conversion lists too (the command then keeps the totals per currency and says why),
        // unless `--via vendor` insists.
        assert!(!answers(SourceChoice::Auto, Some("EUR")).unwrap());
        let e = answers(SourceChoice::Vendor, Some("EUR")).unwrap_err();
        assert!(e.to_string().contains("--in-currency EUR"), "{e}");
        let plain = ListQuery::default();
        assert!(endpoint_answers(Endpoint::Summary, &plain, SourceChoice::Auto, None).unwrap());
    }
}
