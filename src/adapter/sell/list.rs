//! Listing deals: Sell's own filters in the query (`--ids`, `--name`, `--close-date`, `--hot`,
//! `--source`); status, pipeline and the update-time bounds applied by crm (Sell has none), each
//! with a notice; `--all` reads pages concurrently, in order.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use futures::stream::{self, StreamExt};

use super::input::custom_field;
use super::meta::{category_status, Meta};
use super::wire::CustomFieldWire;
use super::Sell;
use crate::adapter::DealPages;
use crate::error::{Error, Result};
use crate::model::{Deal, ListQuery};

/// Sell's largest page.
pub const PAGE: usize = 100;
/// Pages in flight at once for `--all`; the limiter keeps them under 10 a second. Sell gives no
/// page count, so only a short page says the list is over, and every page in flight beside it is
/// a request wasted: two readers waste at most one per list (a third page is asked for only once
/// the first is delivered), and still reach Sell's 10 requests a second with round trips up to
/// 200 ms.
const CONCURRENT_PAGES: usize = 2;

/// Common sort fields and the `sort_by` name Sell knows them by.
pub const SORTS: [(&str, &str); 6] = [
    ("id", "id"),
    ("name", "name"),
    ("amount", "value"),
    ("close_date", "estimated_close_date"),
    ("created_at", "created_at"),
    ("updated_at", "updated_at"),
];

/// What to ask Sell, and what crm itself must do with the answers.
#[derive(Debug, Default, Clone)]
pub struct ListPlan {
    pub params: Vec<(String, String)>,
    /// Keep only deals in these stages (status and pipeline, which Sell cannot filter).
    pub stages: Option<Vec<String>>,
    /// Keep only deals updated since then.
    pub since: Option<DateTime<Utc>>,
    /// Pages come newest first, so the first older deal ends the listing.
    pub stop_at_older: bool,
    /// Keep only deals updated before then.
    pub until: Option<DateTime<Utc>>,
    /// Pages come oldest first, so the first deal updated since `until` ends the listing.
    pub stop_at_newer: bool,
    pub notices: Vec<String>,
}

impl ListPlan {
    fn filters_client_side(&self) -> bool {
        self.stages.is_some() || self.since.is_some() || self.until.is_some()
    }

    fn stops_early(&self) -> bool {
        self.stop_at_older || self.stop_at_newer
    }

    /// The deals of one page this listing keeps, and whether the listing is over.
    pub fn keep(&self, deals: Vec<Deal>) -> (Vec<Deal>, bool) {
        let mut over = false;
        let mut kept = Vec::new();
        for d in deals {
            if let Some(since) = self.since {
                if d.updated_at.is_some_and(|t| t < since) {
                    if self.stop_at_older {
                        over = true;
                        break;
                    }
                    continue;
                }
            }
            if let Some(until) = self.until {
                if d.updated_at.is_some_and(|t| t >= until) {
                    if self.stop_at_newer {
                        over = true;
                        break;
                    }
                    continue;
                }
            }
            let in_stage = match (&self.stages, &d.stage) {
                (Some(ids), Some(s)) => ids.contains(&s.id),
                (Some(_), None) => false,
                (None, _) => true,
            };
            if in_stage {
                kept.push(d);
            }
        }
        (kept, over)
    }
}

pub fn list_plan(query: &ListQuery, meta: &Meta, fields: &[CustomFieldWire]) -> Result<ListPlan> {
    let mut plan = ListPlan::default();
    native(query, &mut plan)?;
    let mut param = |k: &str, v: String| plan.params.push((k.to_string(), v));
    let pipeline = query
        .pipeline
        .as_deref()
        .map(|p| meta.resolve_pipeline(p))
        .transpose()?;
    if let Some(owner) = &query.owner {
        param("owner_id", meta.resolve_user(owner)?.id.clone());
    }
    let stage = query
        .stage
        .as_deref()
        .map(|s| meta.resolve_stage(s, pipeline))
        .transpose()?;
    if let Some(s) = stage {
        param("stage_id", s.id.clone());
    }
    if let Some(c) = &query.contact {
        param("contact_id", c.clone());
        plan.notices
            .push("Zendesk Sell matches --contact against each deal's primary contact only".into());
    }
    if let Some(c) = &query.company {
        param("organization_id", c.clone());
    }
    for (name, value) in &query.custom {
        let field = custom_field(fields, name)?;
        param(&format!("custom_fields[{}]", field.name), value.clone());
    }
    if let (Some(s), Some(status)) = (stage, query.status) {
        if category_status(s.category.as_deref()) != status {
            return Err(Error::usage(format!(
                "stage {:?} is not a {status} stage, so no deal can match both --stage and --status",
                s.name
            )));
        }
    }
    if stage.is_none() && (query.status.is_some() || pipeline.is_some()) {
        let ids = meta.stage_ids_with(query.status, pipeline.map(|p| p.id.as_str()));
        let what = match (query.status, pipeline) {
            (Some(s), Some(p)) => format!("status {s} in pipeline {:?}", p.name),
            (Some(s), None) => format!("status {s}"),
            (None, Some(p)) => format!("pipeline {:?}", p.name),
            (None, None) => unreachable!("checked above"),
        };
        match ids.as_slice() {
            // One stage matches: Sell's own stage filter does it.
            [only] => param("stage_id", only.clone()),
            _ => {
                plan.notices.push(format!(
                    "Zendesk Sell cannot filter by {what}: crm reads the deals and keeps those in \
                     stages {}",
                    if ids.is_empty() {
                        "(none match)".to_string()
                    } else {
                        ids.iter()
                            .map(|id| meta.stage_label(id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                ));
                plan.stages = Some(ids);
            }
        }
    }
    let mut sort = query.sort.as_ref().and_then(|s| {
        SORTS
            .iter()
            .find(|(f, _)| *f == s.field)
            .map(|(_, w)| (*w, s.descending))
    });
    if let Some(since) = query.updated_since {
        plan.since = Some(since);
        match sort {
            None | Some(("updated_at", true)) => {
                sort = Some(("updated_at", true));
                plan.stop_at_older = true;
                plan.notices.push(
                    "Zendesk Sell cannot filter by update time: crm sorts by updated_at, newest \
                     first, and stops at the first older deal"
                        .into(),
                );
            }
            Some(_) => plan.notices.push(
                "Zendesk Sell cannot filter by update time: crm reads every page of this sort \
                 order and keeps the deals updated since then"
                    .into(),
            ),
        }
    }
    updated_until(query, &mut plan, &mut sort);
    if let Some((field, desc)) = sort {
        plan.params.push((
            "sort_by".into(),
            if desc {
                format!("{field}:desc")
            } else {
                field.to_string()
            },
        ));
    }
    Ok(plan)
}

/// What a page's deals carry beside Sell's fields.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reading {
    /// Each deal's associated contacts (one request per deal).
    pub with_contacts: bool,
    /// Sell's own JSON, under `raw`.
    pub raw: bool,
}

struct Progress {
    delivered: usize,
    done: bool,
}

impl Sell {
    pub(super) async fn list_pages<'a>(&'a self, query: &ListQuery) -> Result<DealPages<'a>> {
        self.list_pages_keeping(query, self.env.raw).await
    }

    /// [`Sell::list_pages`], each deal keeping Sell's own JSON under `raw` when `raw` is set:
    /// the reports read a field the common deal lacks (`last_stage_change_at`).
    pub(super) async fn list_pages_keeping<'a>(
        &'a self,
        query: &ListQuery,
        raw: bool,
    ) -> Result<DealPages<'a>> {
        let meta = self.meta().await?;
        let fields = if query.custom.is_empty() {
            Vec::new()
        } else {
            self.custom_fields().await?
        };
        let plan = Arc::new(list_plan(query, &meta, &fields)?);
        for n in &plan.notices {
            self.env.notice(n);
        }
        let limit = query.limit;
        let per_page = match limit {
            Some(l) if !plan.filters_client_side() => l.clamp(1, PAGE),
            _ => PAGE,
        };
        let concurrency = if limit.is_none() && !plan.stops_early() {
            CONCURRENT_PAGES
        } else {
            1
        };
        let with_contacts = query.with_contacts;
        let params = Arc::new(plan.params.clone());
        // `buffered` keeps the pages in order however their answers arrive.
        let pages = stream::iter(1usize..)
            .map(move |page| {
                let params = params.clone();
                let reading = Reading { with_contacts, raw };
                async move { self.deal_page(&params, page, per_page, reading).await }
            })
            .buffered(concurrency)
            .boxed();
        let start = (
            pages,
            Progress {
                delivered: 0,
                done: false,
            },
        );
        let out = stream::unfold(start, move |(mut pages, mut progress)| {
            let plan = plan.clone();
            async move {
                if progress.done {
                    return None;
                }
                let (count, deals) = match pages.next().await? {
                    Ok(page) => page,
                    Err(e) => {
                        progress.done = true;
                        return Some((Err(e), (pages, progress)));
                    }
                };
                let (mut kept, over) = plan.keep(deals);
                if let Some(l) = limit {
                    kept.truncate(l - progress.delivered);
                }
                progress.delivered += kept.len();
                // Sell has no page count: a short page is the last one.
                progress.done =
                    over || count < per_page || limit.is_some_and(|l| progress.delivered >= l);
                Some((Ok(kept), (pages, progress)))
            }
        });
        Ok(out.boxed())
    }

    /// One page: how many deals Sell sent, and the deals.
    pub(super) async fn deal_page(
        &self,
        params: &[(String, String)],
        page: usize,
        per_page: usize,
        Reading { with_contacts, raw }: Reading,
    ) -> Result<(usize, Vec<Deal>)> {
        let meta = self.meta().await?;
        let mut request = super::get(&["v2", "deals"])
            .query("page", page)
            .query("per_page", per_page);
        for (k, v) in params {
            request = request.query(k, v);
        }
        let body = self.env.http.send(request).await?.body;
        let items = super::wire::items_of(&body);
        let count = items.len();
        let mut deals = items
            .into_iter()
            .map(|d| super::convert::to_deal(d, &meta, raw))
            .collect::<Result<Vec<_>>>()?;
        if with_contacts {
            for d in &mut deals {
                self.add_associated(d).await?;
            }
        }
        Ok((count, deals))
    }
}

/// Sell's own filters for `--ids`, `--name`, `--close-date`, `--hot` and `--source`, in its query.
pub fn native(query: &ListQuery, plan: &mut ListPlan) -> Result<()> {
    let mut param = |k: &str, v: String| plan.params.push((k.to_string(), v));
    if !query.ids.is_empty() {
        param("ids", query.ids.join(","));
    }
    if let Some(name) = &query.name {
        param("name", name.clone());
    }
    if let Some(day) = query.close_date {
        param("estimated_close_date", day.to_string());
    }
    if query.hot {
        param("hot", "true".into());
    }
    if let Some(source) = &query.source {
        param("source_id", source_id(source)?);
    }
    Ok(())
}

/// Sources by id only: neither Sell's deal documentation nor the description in the specs offers
/// an endpoint to look their names up.
fn source_id(text: &str) -> Result<String> {
    crate::model::check_id("source", text).map_err(|_| {
        Error::usage_hint(
            format!("--source {text:?} is not a source id"),
            "Zendesk Sell documents no way to look deal sources up by name: give the source's \
             number, as in a deal's source_id (crm deals get ID --raw)",
        )
    })
}

/// `--updated-until`: Sell has no such filter. Alone, crm sorts oldest first and stops at the first
/// deal changed since then; with another order (or `--updated-since`, which sorts newest first) it
/// reads every page of that order and skips the newer deals.
pub fn updated_until(
    query: &ListQuery,
    plan: &mut ListPlan,
    sort: &mut Option<(&'static str, bool)>,
) {
    let Some(until) = query.updated_until else {
        return;
    };
    plan.until = Some(until);
    let ascending_by_update = matches!(*sort, None | Some(("updated_at", false)));
    if ascending_by_update && query.updated_since.is_none() {
        *sort = Some(("updated_at", false));
        plan.stop_at_newer = true;
        plan.notices.push(
            "Zendesk Sell cannot filter by update time: crm sorts by updated_at, oldest first, \
             and stops at the first deal changed since --updated-until"
                .into(),
        );
    } else {
        plan.notices.push(
            "Zendesk Sell cannot filter by update time: crm skips the deals changed since \
             --updated-until"
                .into(),
        );
    }
}

/// A page of deals (`items[].data`), as `GET /v2/deals` answers it, read on the example
/// metadata, and how many items it held: the fuzz targets' entry point (`fuzz/`).
#[doc(hidden)]
pub fn fuzz_page(bytes: &[u8]) -> Result<(Vec<Deal>, usize)> {
    let body = serde_json::from_slice(bytes).map_err(Error::internal)?;
    let meta = Meta::example();
    let items = super::wire::items_of(&body);
    let count = items.len();
    let deals = items
        .into_iter()
        .map(|d| super::convert::to_deal(d, &meta, false))
        .collect::<Result<Vec<_>>>()?;
    Ok((deals, count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Sort, Status};

    fn pairs(plan: &ListPlan) -> Vec<(&str, &str)> {
        plan.params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn sell_filters_go_in_the_query() {
        let fields = vec![CustomFieldWire {
            id: None,
            name: "external_id".into(),
            kind: None,
        }];
        let q = ListQuery {
            owner: Some("ana@example.com".into()),
            stage: Some("Qualified".into()),
            contact: Some("5".into()),
            company: Some("6".into()),
            custom: vec![("external_id".into(), "SKU01".into())],
            sort: Some("amount:desc".parse::<Sort>().unwrap()),
            ..ListQuery::default()
        };
        let plan = list_plan(&q, &Meta::example(), &fields).unwrap();
        assert_eq!(
            pairs(&plan),
            [
                ("owner_id", "7"),
                ("stage_id", "12"),
                ("contact_id", "5"),
                ("organization_id", "6"),
                ("custom_fields[external_id]", "SKU01"),
                ("sort_by", "value:desc"),
            ]
        );
        assert_eq!(
            plan.notices,
            ["Zendesk Sell matches --contact against each deal's primary contact only"]
        );
    }

    #[test]
    fn status_and_pipeline_become_stage_ids() {
        let meta = Meta::example();
        let won = ListQuery {
            status: Some(Status::Won),
            ..ListQuery::default()
        };
        let plan = list_plan(&won, &meta, &[]).unwrap();
        assert_eq!(
            plan.stages.as_deref(),
            Some(&["13".to_string(), "23".to_string()][..])
        );
        assert!(plan.notices[0].contains("cannot filter by status won"));
        // Names over ids: the stages read as the user knows them, with their pipelines.
        assert!(
            plan.notices[0].ends_with("stages \"Won\" in Sales (13), \"Won\" in Renewals (23)"),
            "{}",
            plan.notices[0]
        );
        let won_in_renewals = ListQuery {
            status: Some(Status::Won),
            pipeline: Some("Renewals".into()),
            ..ListQuery::default()
        };
        let plan = list_plan(&won_in_renewals, &meta, &[]).unwrap();
        assert_eq!(pairs(&plan), [("stage_id", "23")]);
        assert!(plan.stages.is_none());
    }

    use crate::model::{Deal, Vendor};

    /// `--updated-since` sorts newest first and `--updated-until` alone oldest first; the list
    /// stops at the first deal past the far bound, and both bounds hold on the newest-first order.
    #[test]
    fn updated_bounds_choose_the_order_and_where_the_list_stops() {
        let deals = |updated: [&str; 3]| -> Vec<Deal> {
            (1..)
                .zip(updated)
                .map(|(id, t)| {
                    let mut d = Deal::new(Vendor::Sell, id.to_string());
                    d.updated_at = Some(t.parse().unwrap());
                    d
                })
                .collect()
        };
        let cases = [
            (
                Some("2026-11-01T00:00:00Z"),
                None,
                "updated_at:desc",
                [
                    "2026-11-20T00:00:00Z",
                    "2026-10-01T00:00:00Z",
                    "2026-11-30T00:00:00Z",
                ],
                "1",
            ),
            (
                None,
                Some("2026-11-01T00:00:00Z"),
                "updated_at",
                [
                    "2026-10-01T00:00:00Z",
                    "2026-11-01T00:00:00Z",
                    "2026-10-02T00:00:00Z",
                ],
                "1",
            ),
            (
                Some("2026-10-01T00:00:00Z"),
                Some("2026-11-01T00:00:00Z"),
                "updated_at:desc",
                [
                    "2026-11-20T00:00:00Z",
                    "2026-10-20T00:00:00Z",
                    "2026-09-20T00:00:00Z",
                ],
                "2",
            ),
        ];
        for (since, until, sort, updated, want) in cases {
            let q = ListQuery {
                updated_since: since.map(|t| t.parse().unwrap()),
                updated_until: until.map(|t| t.parse().unwrap()),
                ..ListQuery::default()
            };
            let plan = list_plan(&q, &Meta::example(), &[]).unwrap();
            assert_eq!(pairs(&plan), [("sort_by", sort)], "{since:?}..{until:?}");
            let (kept, over) = plan.keep(deals(updated));
            let kept: Vec<&str> = kept.iter().map(|d| d.id.as_str()).collect();
            assert_eq!(kept, [want], "{since:?}..{until:?}");
            assert!(over, "{since:?}..{until:?}");
            if since.is_some() && until.is_some() {
                assert_eq!(plan.notices.len(), 2);
            }
        }
    }
}
