//! Listing deals: `GET /api/v2/deals` (or `/deals/archived`) with Pipedrive's own filters and a
//! cursor; `--search` through `/api/v2/deals/search`, whose reduced items are read in full with
//! one `GET /api/v2/deals?ids=` per page, the filters search lacks applied to them here.
//!
//! The filters are resolved to ids for the list endpoint; search filters by person, organization
//! and status only, so the rest are kept to be applied to the deals read.

use chrono::{DateTime, SecondsFormat, Utc};
use futures::stream::{self, StreamExt, TryStreamExt};
use serde_json::Value;

use super::meta::Meta;
use super::wire::{
    into_data_items, next_cursor, search_hit_ids, tail_cursor, DealListWire, DealObject,
};
use super::{convert, costs, v2, Pipedrive};
use crate::adapter::DealPages;
use crate::error::{Error, Result};
use crate::http::prefetch::Prefetch;
use crate::http::Request;
use crate::model::{Deal, ListQuery, Status};

/// The list endpoint's page size limit; search and `ids=` take at most 100.
pub(super) const LIST_PAGE: usize = 500;
const SEARCH_PAGE: usize = 100;

struct Cursor {
    cursor: Option<String>,
    delivered: usize,
    done: bool,
}

/// A page as the cursor stream yields it: converted, or left to convert after the prefetch.
enum Fetched {
    Deals(Vec<Deal>),
    Page(Page),
}

/// A list page before conversion.
enum Page {
    Body(Value),
    /// Not parsed yet: its cursor was read off its end.
    Text(String),
}

impl Page {
    /// A list answer and its next cursor: the cursor read off the answer's end where it ends as
    /// Pipedrive's lists do (the page is parsed later), else the answer parsed whole; `None`
    /// when it is not JSON.
    fn read(text: String) -> Option<(Page, Option<String>)> {
        if let Some(next) = tail_cursor(&text) {
            return Some((Page::Text(text), next));
        }
        let body: Value = serde_json::from_str(&text).ok()?;
        let next = next_cursor(&body);
        Some((Page::Body(body), next))
    }

    fn into_body(self) -> Result<Value> {
        match self {
            Page::Body(body) => Ok(body),
            Page::Text(text) => parse_page(&text),
        }
    }
}

enum Mode {
    List {
        archived: bool,
        params: Vec<(&'static str, String)>,
    },
    Search {
        params: Vec<(&'static str, String)>,
    },
}

impl Pipedrive {
    /// The deals `query` selects, page by page; `raw`: each keeps Pipedrive's own JSON
    /// ([`Deal::raw`]), for `--raw` and for the fields a report reads that the common deal lacks.
    pub(super) async fn list_pages<'a>(
        &'a self,
        query: &ListQuery,
        raw: bool,
    ) -> Result<DealPages<'a>> {
        if query.search.is_some() && query.archived {
            return Err(Error::usage(
                "Pipedrive's search does not cover archived deals: use --archived without --search",
            ));
        }
        let (mode, local) = match &query.search {
            Some(text) => {
                let (params, local) = self
                    .with_fresh_meta(|m| search_params(query, text, m))
                    .await?;
                (Mode::Search { params }, local)
            }
            None => {
                let (params, custom) = self
                    .with_fresh_meta(|m| Ok((list_params(query, m)?, custom_filters(query, m)?)))
                    .await?;
                let local = Local::for_list(query, custom);
                (
                    Mode::List {
                        archived: query.archived,
                        params,
                    },
                    local,
                )
            }
        };
        if !local.is_empty() {
            self.env.notice(
                "Pipedrive cannot apply some of these filters itself: crm reads the matching \
                 pages and keeps the deals that pass them",
            );
        }
        let limit = query.limit;
        let with_contacts = query.with_contacts;
        let start = Cursor {
            cursor: None,
            delivered: 0,
            done: false,
        };
        // Plain pages are converted after the prefetch, while the next page is in flight; pages
        // whose deals decide when to stop (filters crm applies, a limit) or need more requests
        // (contacts) are converted on the way.
        let convert_later = local.is_empty() && !with_contacts && limit.is_none();
        let mode = std::sync::Arc::new(mode);
        let local = std::sync::Arc::new(local);
        let pages = stream::try_unfold(start, move |mut cur| {
            let mode = mode.clone();
            let local = local.clone();
            async move {
                if cur.done {
                    return Ok(None);
                }
                let room = limit.map_or(usize::MAX, |l| l - cur.delivered);
                let (mut deals, next) = match mode.as_ref() {
                    Mode::List { archived, params } => {
                        let size = if local.is_empty() {
                            room.min(LIST_PAGE)
                        } else {
                            LIST_PAGE
                        };
                        let request = list_request(*archived, params, size, cur.cursor.as_deref());
                        let cost = list_cost(*archived);
                        let text = self.send_text(request.clone(), cost).await?;
                        let (page, next) = match Page::read(text) {
                            Some(read) => read,
                            // An answer cut short goes again through the client's retries, as
                            // every other answer does.
                            None => {
                                let body = self.send(request, cost).await?;
                                let next = next_cursor(&body);
                                (Page::Body(body), next)
                            }
                        };
                        if convert_later {
                            cur.done = next.is_none() || next == cur.cursor;
                            cur.cursor = next;
                            return Ok(Some((Fetched::Page(page), cur)));
                        }
                        (self.convert_page(page, raw).await?, next)
                    }
                    Mode::Search { params } => {
                        let size = if local.is_empty() {
                            room.min(SEARCH_PAGE)
                        } else {
                            SEARCH_PAGE
                        };
                        self.search_page(params, size, cur.cursor.as_deref(), raw)
                            .await?
                    }
                };
                deals.retain(|d| local.keeps(d));
                if with_contacts {
                    for deal in &mut deals {
                        let people = self.participants(&deal.id).await?;
                        convert::add_contacts(
                            deal,
                            people.iter().filter_map(convert::participant_person),
                        );
                    }
                }
                cur.delivered += deals.len();
                // A server that answers the same cursor again would page forever.
                let repeated = next.is_some() && next == cur.cursor;
                cur.cursor = next;
                cur.done =
                    cur.cursor.is_none() || repeated || limit.is_some_and(|l| cur.delivered >= l);
                Ok(Some((Fetched::Deals(deals), cur)))
            }
        });
        // The cursor is the critical path: the next page's request goes out while this one is
        // converted and written.
        let deals = Prefetch::new(pages.boxed()).and_then(move |fetched| async move {
            match fetched {
                Fetched::Deals(deals) => Ok(deals),
                Fetched::Page(page) => self.convert_page(page, raw).await,
            }
        });
        Ok(deals.boxed())
    }

    async fn convert_page(&self, page: Page, raw: bool) -> Result<Vec<Deal>> {
        let meta = self.meta().await?;
        page_deals(page, &meta, raw)
    }

    async fn search_page(
        &self,
        params: &[(&'static str, String)],
        size: usize,
        cursor: Option<&str>,
        raw: bool,
    ) -> Result<(Vec<Deal>, Option<String>)> {
        let mut request = Request::get(v2(&["deals", "search"]));
        for (k, v) in params {
            request = request.query(k, v);
        }
        request = request.query("limit", size);
        if let Some(c) = cursor {
            request = request.query("cursor", c);
        }
        let body = self.send(request, costs::SEARCH).await?;
        let ids = search_hit_ids(&body);
        let next = next_cursor(&body);
        Ok((self.hydrate(&ids, raw).await?, next))
    }

    /// Reads search hits in full (search items lack most fields), in the search's order; `raw`
    /// as in [`Pipedrive::list_pages`].
    pub(super) async fn hydrate(&self, ids: &[String], raw: bool) -> Result<Vec<Deal>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let meta = self.meta().await?;
        let mut deals = Vec::new();
        for chunk in ids.chunks(SEARCH_PAGE) {
            let request = Request::get(v2(&["deals"]))
                .query("ids", chunk.join(","))
                .query("limit", chunk.len());
            let body = self.send(request, costs::LIST).await?;
            deals.extend(page_deals(Page::Body(body), &meta, raw)?);
        }
        deals.sort_by_key(|d| ids.iter().position(|i| *i == d.id));
        Ok(deals)
    }
}

/// Common sort fields and the `sort_by` each one is.
const SORTS: [(&str, &str); 3] = [
    ("id", "id"),
    ("created_at", "add_time"),
    ("updated_at", "update_time"),
];

/// Filters resolved to ids; those the chosen endpoint cannot apply are checked here.
#[derive(Debug, Clone, Default)]
pub struct Local {
    pipeline: Option<String>,
    stage: Option<String>,
    owner: Option<String>,
    updated_since: Option<DateTime<Utc>>,
    updated_until: Option<DateTime<Utc>>,
    ids: Vec<String>,
    name: Option<String>,
    close_date: Option<chrono::NaiveDate>,
    custom: Vec<(String, String)>,
}

impl Local {
    /// The list endpoint applies everything but custom fields and the filters Pipedrive has none
    /// for (name, close date).
    pub fn for_list(query: &ListQuery, custom: Vec<(String, String)>) -> Self {
        Local {
            name: query.name.clone(),
            close_date: query.close_date,
            custom,
            ..Local::default()
        }
    }

    pub fn keeps(&self, deal: &Deal) -> bool {
        let is = |r: &Option<crate::model::Ref>, want: &Option<String>| {
            want.as_ref()
                .is_none_or(|w| r.as_ref().is_some_and(|r| &r.id == w))
        };
        is(&deal.pipeline, &self.pipeline)
            && is(&deal.stage, &self.stage)
            && is(&deal.owner, &self.owner)
            && self
                .updated_since
                .is_none_or(|t| deal.updated_at.is_some_and(|u| u >= t))
            && self
                .updated_until
                .is_none_or(|t| deal.updated_at.is_some_and(|u| u < t))
            && (self.ids.is_empty() || self.ids.contains(&deal.id))
            && self
                .name
                .as_ref()
                .is_none_or(|n| deal.name.as_ref() == Some(n))
            && self.close_date.is_none_or(|d| deal.close_date == Some(d))
            && self
                .custom
                .iter()
                .all(|(name, want)| deal.custom.get(name).is_some_and(|v| matches(v, want)))
    }

    pub fn is_empty(&self) -> bool {
        self.pipeline.is_none()
            && self.stage.is_none()
            && self.owner.is_none()
            && self.updated_since.is_none()
            && self.updated_until.is_none()
            && self.ids.is_empty()
            && self.name.is_none()
            && self.close_date.is_none()
            && self.custom.is_empty()
    }
}

/// A custom value equals the typed text: a string (case-insensitively), a number, or one item of
/// a multiple-option field.
fn matches(value: &Value, want: &str) -> bool {
    match value {
        Value::String(s) => s.eq_ignore_ascii_case(want.trim()),
        Value::Array(items) => items.iter().any(|i| matches(i, want)),
        Value::Object(o) => o.get("value").is_some_and(|v| matches(v, want)),
        Value::Number(n) => n.to_string() == want.trim(),
        Value::Bool(b) => b.to_string() == want.trim(),
        Value::Null => false,
    }
}

pub(super) fn status_param(status: Option<Status>) -> Result<Option<&'static str>> {
    match status {
        Some(Status::Unqualified) => Err(Error::usage(
            "Pipedrive deals are open, won or lost: there is no unqualified status",
        )),
        other => Ok(other.map(Status::key)),
    }
}

/// Pipedrive's list takes at most 100 ids.
fn ids_param(ids: &[String]) -> Result<String> {
    if ids.len() > 100 {
        return Err(Error::usage_hint(
            format!(
                "--ids names {} deals; Pipedrive reads at most 100 at once",
                ids.len()
            ),
            "split the ids over several runs of at most 100",
        ));
    }
    Ok(ids.join(","))
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The `GET /api/v2/deals` query for a plain list, names resolved.
pub fn list_params(query: &ListQuery, meta: &Meta) -> Result<Vec<(&'static str, String)>> {
    let mut params = Vec::new();
    let pipeline = query
        .pipeline
        .as_deref()
        .map(|p| meta.resolve_pipeline(p))
        .transpose()?;
    if let Some(o) = &query.owner {
        params.push(("owner_id", meta.resolve_owner(o)?.id.clone()));
    }
    if let Some(c) = &query.contact {
        params.push(("person_id", c.clone()));
    }
    if let Some(c) = &query.company {
        params.push(("org_id", c.clone()));
    }
    if let Some(p) = pipeline {
        params.push(("pipeline_id", p.id.clone()));
    }
    if let Some(s) = &query.stage {
        params.push(("stage_id", meta.resolve_stage(s, pipeline)?.id.clone()));
    }
    if let Some(s) = status_param(query.status)? {
        params.push(("status", s.to_string()));
    }
    if query.deleted {
        params.push(("status", "deleted".to_string()));
    }
    if !query.ids.is_empty() {
        params.push(("ids", ids_param(&query.ids)?));
    }
    if let Some(t) = query.updated_since {
        params.push(("updated_since", rfc3339(t)));
    }
    if let Some(t) = query.updated_until {
        params.push(("updated_until", rfc3339(t)));
    }
    if let Some(sort) = &query.sort {
        let by = SORTS
            .iter()
            .find(|(f, _)| *f == sort.field)
            .map(|(_, p)| *p)
            .ok_or_else(|| Error::usage(format!("Pipedrive cannot sort by {}", sort.field)))?;
        params.push(("sort_by", by.to_string()));
        params.push((
            "sort_direction",
            if sort.descending { "desc" } else { "asc" }.to_string(),
        ));
    }
    Ok(params)
}

/// The search query (term, person, organization, status) and the filters applied afterwards.
pub fn search_params(
    query: &ListQuery,
    text: &str,
    meta: &Meta,
) -> Result<(Vec<(&'static str, String)>, Local)> {
    if text.trim().chars().count() < 2 {
        return Err(Error::usage(
            "--search needs at least 2 characters: Pipedrive's search refuses shorter terms",
        ));
    }
    if query.sort.is_some() {
        return Err(Error::usage_hint(
            "Pipedrive's search orders by relevance: --sort cannot go with --search",
            "drop --sort, or filter without --search",
        ));
    }
    if query.deleted {
        return Err(Error::usage_hint(
            "Pipedrive's search does not cover deleted deals",
            "use --status deleted without --search",
        ));
    }
    let mut params = vec![("term", text.trim().to_string())];
    if let Some(c) = &query.contact {
        params.push(("person_id", c.clone()));
    }
    if let Some(c) = &query.company {
        params.push(("organization_id", c.clone()));
    }
    if let Some(s) = status_param(query.status)? {
        params.push(("status", s.to_string()));
    }
    let pipeline = query
        .pipeline
        .as_deref()
        .map(|p| meta.resolve_pipeline(p))
        .transpose()?;
    let local = Local {
        stage: query
            .stage
            .as_deref()
            .map(|s| meta.resolve_stage(s, pipeline).map(|s| s.id.clone()))
            .transpose()?,
        pipeline: pipeline.map(|p| p.id.clone()),
        owner: query
            .owner
            .as_deref()
            .map(|o| meta.resolve_owner(o).map(|u| u.id.clone()))
            .transpose()?,
        updated_since: query.updated_since,
        updated_until: query.updated_until,
        ids: query.ids.clone(),
        name: query.name.clone(),
        close_date: query.close_date,
        custom: custom_filters(query, meta)?,
    };
    Ok((params, local))
}

pub fn custom_filters(query: &ListQuery, meta: &Meta) -> Result<Vec<(String, String)>> {
    query
        .custom
        .iter()
        .map(|(name, value)| Ok((meta.custom_field(name)?.field_name.clone(), value.clone())))
        .collect()
}

/// `GET /api/v2/deals` (or `/deals/archived`): one page of `size` deals from `cursor`.
fn list_request(
    archived: bool,
    params: &[(&'static str, String)],
    size: usize,
    cursor: Option<&str>,
) -> Request {
    let segments: &[&str] = if archived {
        &["deals", "archived"]
    } else {
        &["deals"]
    };
    let mut request = Request::get(v2(segments));
    for (k, v) in params {
        request = request.query(k, v);
    }
    request = request.query("limit", size);
    if let Some(c) = cursor {
        request = request.query("cursor", c);
    }
    request
}

fn list_cost(archived: bool) -> u32 {
    if archived {
        costs::ARCHIVED
    } else {
        costs::LIST
    }
}

/// A list page's deals. Without `raw` a page still in text is read straight as the fields crm
/// converts ([`DealListWire`]); one that does not read that way (a repeated key is still JSON)
/// takes the general path, as does a page kept whole for `raw`.
fn page_deals(page: Page, meta: &Meta, raw: bool) -> Result<Vec<Deal>> {
    if let (Page::Text(text), false) = (&page, raw) {
        if let Ok(list) = serde_json::from_str::<DealListWire>(text) {
            return list
                .data
                .unwrap_or_default()
                .into_iter()
                .map(|DealObject(d)| convert::wire_to_deal(d, meta, None))
                .collect();
        }
    }
    into_data_items(page.into_body()?)
        .into_iter()
        .map(|d| convert::to_deal(d, meta, raw))
        .collect()
}

/// A list page's text, whose cursor was read off its complete ending, as JSON.
fn parse_page(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| Error::Transient {
        message: format!("a page of Pipedrive's deals was not valid JSON ({e}): try again"),
        outcome_unknown: None,
    })
}

/// A page of deals (`data` and `additional_data.next_cursor`), as the list answers it, read on
/// the example metadata: the fuzz targets' entry point (`fuzz/`).
#[doc(hidden)]
pub fn fuzz_page(bytes: &[u8]) -> Result<(Vec<Deal>, Option<String>)> {
    let text = String::from_utf8(bytes.to_vec()).map_err(Error::internal)?;
    let (page, next) =
        Page::read(text).ok_or_else(|| Error::internal("a page of deals that is not JSON"))?;
    Ok((page_deals(page, &Meta::example(), false)?, next))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A page read straight as [`DealListWire`] gives the deals its JSON gives: Pipedrive's
    /// documented v2 deal, one with label objects, a deleted status, a value as text and a set
    /// field as comma-separated ids, and one with little but fields crm skips.
    #[test]
    fn a_page_read_as_deal_fields_gives_the_deals_its_json_gives() {
        let documented = convert::documented_deal();
        let mut labelled = documented.clone();
        labelled["id"] = json!(2);
        labelled["labels"] = json!([{"id": 1, "label": "Hot"}]);
        labelled["status"] = json!("deleted");
        labelled["value"] = json!("1200.50");
        labelled["person_id"] = Value::Null;
        labelled["custom_fields"]["a3ac4e9e4c2b9d1f7c4b9f0b5d6e7f8a9b0c1d2e"] = json!("41,42");
        let sparse = json!({"id": "77", "title": null, "extra": {"a": [1, {"b": "}"}]}});
        let page = json!({
            "success": true,
            "data": [documented, labelled, sparse],
            "additional_data": {"next_cursor": null}
        })
        .to_string();
        let meta = Meta::example();
        let read = page_deals(Page::Text(page.clone()), &meta, false).unwrap();
        let general = page_deals(Page::Body(parse_page(&page).unwrap()), &meta, false).unwrap();
        assert_eq!(read, general);
        assert_eq!(read.len(), 3);
        assert_eq!(read[0].name.as_deref(), Some("Deal Title"));
        assert_eq!(read[1].tags, ["Hot"]);
        assert!(read[1].deleted);
        assert_eq!(read[1].amount.unwrap().to_string(), "1200.50");
        assert_eq!(read[2].id, "77");
    }

    /// A repeated key is still JSON (the last one counts) but does not read as [`DealWire`]: the
    /// page goes the general way rather than failing.
    #[test]
    fn a_page_with_a_repeated_key_is_read_the_general_way() {
        let page = r#"{"data":[{"id":1,"title":"First","title":"Second"}]}"#;
        let deals = page_deals(Page::Text(page.into()), &Meta::example(), false).unwrap();
        assert_eq!(deals[0].name.as_deref(), Some("Second"));
        let broken = page_deals(Page::Text("{\"data\":[".into()), &Meta::example(), false);
        assert!(matches!(broken, Err(Error::Transient { .. })), "{broken:?}");
    }

    /// A deal is an object (the v2 list's `data` items). serde's derived structs would also read
    /// an array, field by field in order: neither way of reading a page may take one as a deal.
    #[test]
    fn a_deal_that_is_not_an_object_is_refused_either_way() {
        let page = r#"{"data":[[1,"Acme"]],"additional_data":{"next_cursor":null}}"#;
        let meta = Meta::example();
        let read = page_deals(Page::Text(page.into()), &meta, false);
        assert!(read.is_err(), "{read:?}");
        let general = page_deals(Page::Body(parse_page(page).unwrap()), &meta, false);
        assert!(general.is_err(), "{general:?}");
    }

    #[test]
    fn list_filters_resolve_names_to_ids() {
        let meta = Meta::example();
        let q = ListQuery {
            pipeline: Some("Sales".into()),
            stage: Some("Qualified".into()),
            owner: Some("ana@example.com".into()),
            status: Some(Status::Won),
            contact: Some("7".into()),
            company: Some("9".into()),
            updated_since: Some("2026-11-01T00:00:00Z".parse().unwrap()),
            updated_until: Some("2026-11-08T00:00:00Z".parse().unwrap()),
            sort: Some("updated_at:desc".parse().unwrap()),
            ..ListQuery::default()
        };
        let want: Vec<(&str, String)> = [
            ("owner_id", "1"),
            ("person_id", "7"),
            ("org_id", "9"),
            ("pipeline_id", "1"),
            ("stage_id", "1"),
            ("status", "won"),
            ("updated_since", "2026-11-01T00:00:00Z"),
            ("updated_until", "2026-11-08T00:00:00Z"),
            ("sort_by", "update_time"),
            ("sort_direction", "desc"),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect();
        assert_eq!(list_params(&q, &meta).unwrap(), want);
    }

    #[test]
    fn search_keeps_what_it_can_and_filters_the_rest_locally() {
        let meta = Meta::example();
        let q = ListQuery {
            owner: Some("Bo Berg".into()),
            contact: Some("7".into()),
            status: Some(Status::Open),
            custom: vec![("region".into(), "emea".into())],
            ..ListQuery::default()
        };
        let (params, local) = search_params(&q, "acme", &meta).unwrap();
        assert_eq!(
            params,
            [
                ("term", "acme".to_string()),
                ("person_id", "7".to_string()),
                ("status", "open".to_string())
            ]
        );
        let mut deal = Deal::new(crate::model::Vendor::Pipedrive, "1");
        deal.owner = Some(crate::model::Ref::id("2"));
        deal.custom.insert("Region".into(), "EMEA".into());
        assert!(local.keeps(&deal));
        deal.owner = Some(crate::model::Ref::id("1"));
        assert!(!local.keeps(&deal));
        assert_eq!(search_params(&q, "a", &meta).unwrap_err().exit_code(), 2);
    }
}
