//! Listing deals: the plain list endpoint when nothing is filtered, the search endpoint otherwise.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use serde_json::{json, Value};

use super::links::associations_with;
use super::meta::Meta;
use super::wire::ObjectPage;
use super::HubSpot;
use crate::adapter::DealPages;
use crate::error::{Error, Result};
use crate::http::prefetch::Prefetch;
use crate::http::{path, Charge, Request};
use crate::model::{Deal, ListQuery, Sort, Status};

/// The list endpoint's page size limit, and the search endpoint's.
const LIST_PAGE: usize = 100;
const SEARCH_PAGE: usize = 200;
/// The search endpoint returns at most this many results for one query.
const SEARCH_CAP: u64 = 10_000;
/// Inputs of one v4 association batch read (HubSpot takes up to 1,000).
const ASSOCIATION_READ_BATCH: usize = 1000;

/// Common sort fields and the HubSpot property each sorts on.
pub const SORTS: [(&str, &str); 5] = [
    ("name", "dealname"),
    ("amount", "amount"),
    ("close_date", "closedate"),
    ("created_at", "createdate"),
    ("updated_at", "hs_lastmodifieddate"),
];

pub fn needs_search(query: &ListQuery) -> bool {
    query.stage.is_some()
        || query.pipeline.is_some()
        || query.owner.is_some()
        || query.status.is_some()
        || query.contact.is_some()
        || query.company.is_some()
        || query.updated_since.is_some()
        || query.updated_until.is_some()
        || query.search.is_some()
        || !query.ids.is_empty()
        || query.name.is_some()
        || query.close_date.is_some()
        || query.sort.is_some()
        || !query.custom.is_empty()
}

fn filter(property: &str, operator: &str, value: impl Into<String>) -> Value {
    json!({"propertyName": property, "operator": operator, "value": value.into()})
}

fn millis(t: DateTime<Utc>) -> String {
    t.timestamp_millis().to_string()
}

/// The search request's filters (one group: every filter must hold), with names resolved.
pub fn search_filters(query: &ListQuery, meta: &Meta) -> Result<Vec<Value>> {
    let mut filters = Vec::new();
    let pipeline = query
        .pipeline
        .as_deref()
        .map(|p| meta.resolve_pipeline(p))
        .transpose()?;
    if let Some(p) = pipeline {
        filters.push(filter("pipeline", "EQ", &p.id));
    }
    if let Some(stage) = &query.stage {
        let (_, s) = meta.resolve_stage(stage, pipeline)?;
        filters.push(filter("dealstage", "EQ", &s.id));
    }
    if let Some(owner) = &query.owner {
        filters.push(filter(
            "hubspot_owner_id",
            "EQ",
            &meta.resolve_owner(owner)?.id,
        ));
    }
    match query.status {
        Some(Status::Won) => filters.push(filter("hs_is_closed_won", "EQ", "true")),
        Some(Status::Lost) => {
            filters.push(filter("hs_is_closed", "EQ", "true"));
            filters.push(filter("hs_is_closed_won", "EQ", "false"));
        }
        Some(Status::Open) => filters.push(filter("hs_is_closed", "EQ", "false")),
        Some(Status::Unqualified) => {
            return Err(Error::usage("HubSpot deals have no unqualified status"))
        }
        None => {}
    }
    if let Some(c) = &query.contact {
        filters.push(filter("associations.contact", "EQ", c));
    }
    if let Some(c) = &query.company {
        filters.push(filter("associations.company", "EQ", c));
    }
    if let Some(t) = query.updated_since {
        filters.push(filter("hs_lastmodifieddate", "GTE", millis(t)));
    }
    // LT, not LTE: the same exclusive bound as Pipedrive's updated_until and Sell's client side.
    if let Some(t) = query.updated_until {
        filters.push(filter("hs_lastmodifieddate", "LT", millis(t)));
    }
    if !query.ids.is_empty() {
        filters
            .push(json!({"propertyName": "hs_object_id", "operator": "IN", "values": query.ids}));
    }
    if let Some(name) = &query.name {
        filters.push(filter("dealname", "EQ", name));
    }
    // closedate is a date-time written as midnight UTC: the day is [midnight, next midnight).
    if let Some(day) = query.close_date {
        let start = day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc();
        filters.push(filter("closedate", "GTE", millis(start)));
        filters.push(filter(
            "closedate",
            "LT",
            millis(start + chrono::Duration::days(1)),
        ));
    }
    for (name, value) in &query.custom {
        let property = meta.find_property(name)?;
        // An enumeration stores an option's value; its label is what people see and type, so a
        // filter takes either, as `--set` does (an unknown option is exit 3 with the list).
        let value = super::input::option_value(property, value)?;
        filters.push(filter(&property.name, "EQ", value));
    }
    Ok(filters)
}

/// HubSpot takes sort objects, although its OpenAPI file types them as strings.
pub fn search_sorts(sort: Option<&Sort>) -> Vec<Value> {
    sort.and_then(|s| {
        SORTS.iter().find(|(f, _)| *f == s.field).map(|(_, p)| {
            json!({"propertyName": p, "direction": if s.descending { "DESCENDING" } else { "ASCENDING" }})
        })
    })
    .into_iter()
    .collect()
}

struct Cursor {
    after: Option<String>,
    delivered: usize,
    first: bool,
    done: bool,
    capped_at: Option<u64>,
}

/// What a listing asks HubSpot for, beside the deals `query` selects.
pub(super) struct Wanted {
    /// The properties each deal carries (HubSpot answers only those named).
    pub properties: Vec<String>,
    /// Whether the plain list answers each deal's contacts and companies too (`associations=`).
    pub associations: bool,
}

/// HubSpot's pages of deals, as they come.
pub(super) type ObjectPages<'a> = BoxStream<'a, Result<ObjectPage>>;

impl HubSpot {
    pub(super) async fn list_pages<'a>(&'a self, query: &ListQuery) -> Result<DealPages<'a>> {
        let meta = self.meta().await?;
        let wanted = Wanted {
            properties: self.property_names(&meta),
            associations: true,
        };
        let pages = self.object_pages(query, wanted).await?;
        let searched = needs_search(query);
        let with_contacts = query.with_contacts;
        // Only the cursor is on the critical path: converting a page (and reading its
        // associations) happens while the next page's request is in flight.
        let deals = Prefetch::new(pages).and_then(move |page| {
            let meta = meta.clone();
            async move { self.page_deals(page, &meta, searched, with_contacts).await }
        });
        Ok(deals.boxed())
    }

    /// The pages of the deals `query` selects, each deal with what `wanted` names: through the
    /// plain list when nothing is filtered, else the search (which stops at 10,000 results: the
    /// stream then ends with [`Error::Partial`], after a notice). Every listing pages here.
    pub(super) async fn object_pages<'a>(
        &'a self,
        query: &ListQuery,
        wanted: Wanted,
    ) -> Result<ObjectPages<'a>> {
        let searching = needs_search(query);
        if searching && query.archived {
            return Err(Error::usage(
                "HubSpot cannot filter archived deals: use --archived without other filters",
            ));
        }
        let search_body = if searching {
            let filters = self.with_fresh_meta(|m| search_filters(query, m)).await?;
            let mut body = json!({
                "filterGroups": if filters.is_empty() { json!([]) } else { json!([{"filters": filters}]) },
                "sorts": search_sorts(query.sort.as_ref()),
                "properties": wanted.properties,
            });
            if let Some(text) = &query.search {
                body["query"] = json!(text);
            }
            Some(body)
        } else {
            None
        };
        let limit = query.limit;
        let archived = query.archived;
        let properties = wanted.properties.join(",");
        let associations = wanted.associations;
        let start = Cursor {
            after: None,
            delivered: 0,
            first: true,
            done: false,
            capped_at: None,
        };
        let pages = stream::try_unfold(start, move |mut cur| {
            let search_body = search_body.clone();
            let properties = properties.clone();
            async move {
                if cur.done {
                    if let Some(total) = cur.capped_at.take() {
                        return Err(Error::Partial {
                            summary: format!(
                                "listed {} of {total} deals: HubSpot's search stops at {SEARCH_CAP}",
                                cur.delivered
                            ),
                            failures: Vec::new(),
                        });
                    }
                    return Ok(None);
                }
                let room = limit.map_or(usize::MAX, |l| l - cur.delivered);
                let page = match &search_body {
                    Some(body) => {
                        let left = (SEARCH_CAP as usize).saturating_sub(cur.delivered);
                        let size = room.min(SEARCH_PAGE).min(left);
                        self.search_page(body.clone(), size, cur.after.as_deref())
                            .await?
                    }
                    None => {
                        let size = room.min(LIST_PAGE);
                        let at = (cur.after.as_deref(), archived);
                        self.list_page(&properties, associations, size, at).await?
                    }
                };
                if cur.first {
                    cur.first = false;
                    if let Some(total) = page.total.filter(|t| *t > SEARCH_CAP) {
                        let wanted = limit.is_none_or(|l| l as u64 > SEARCH_CAP);
                        if wanted {
                            self.env.notice(&format!(
                                "{total} deals match, but HubSpot's search returns at most {SEARCH_CAP}: \
                                 narrow the filters (e.g. --updated-since) to reach the rest"
                            ));
                            cur.capped_at = Some(total);
                        }
                    }
                }
                cur.delivered += page.results.len();
                cur.after = page.next_after();
                let reached_cap = search_body.is_some() && cur.delivered as u64 >= SEARCH_CAP;
                cur.done = cur.after.is_none()
                    || limit.is_some_and(|l| cur.delivered >= l)
                    || reached_cap
                    || page.results.is_empty();
                if cur.done && !reached_cap {
                    cur.capped_at = None;
                }
                Ok(Some((page, cur)))
            }
        });
        Ok(pages.boxed())
    }

    /// One page of the plain list, from cursor `after`, live or (`archived`) deleted deals.
    async fn list_page(
        &self,
        properties: &str,
        associations: bool,
        size: usize,
        (after, archived): (Option<&str>, bool),
    ) -> Result<ObjectPage> {
        let mut request = Request::get(path(&["crm", "v3", "objects", "deals"]))
            .query("limit", size)
            .query("properties", properties);
        if associations {
            request = request.query("associations", "contacts,companies");
        }
        request = request.query("archived", archived);
        if let Some(a) = after {
            request = request.query("after", a);
        }
        let response = self.env.http.send(request).await?;
        read_page(response.body)
    }

    async fn search_page(
        &self,
        mut body: Value,
        size: usize,
        after: Option<&str>,
    ) -> Result<ObjectPage> {
        body["limit"] = json!(size);
        if let Some(a) = after {
            body["after"] = json!(a);
        }
        let request = Request::new(
            reqwest::Method::POST,
            path(&["crm", "v3", "objects", "deals", "search"]),
        )
        .json(body)
        .idempotent(true)
        .charges(vec![
            Charge {
                bucket: "default",
                cost: 1,
            },
            Charge {
                bucket: "search",
                cost: 1,
            },
        ]);
        let response = self.env.http.send(request).await?;
        read_page(response.body)
    }

    /// A page's deals. The list endpoint answers with each deal's associations (`associations=`);
    /// the search endpoint with none, so a search page's contacts and companies are read with one
    /// v4 batch read per object type: every path shows the same deal. `--with-contacts` on a
    /// list page reads the contacts from the associations API itself, as `get` would.
    async fn page_deals(
        &self,
        page: ObjectPage,
        meta: &Meta,
        searched: bool,
        with_contacts: bool,
    ) -> Result<Vec<Deal>> {
        let mut deals = page
            .results
            .into_iter()
            .map(|v| super::convert::to_deal(v, meta, self.env.raw))
            .collect::<Result<Vec<_>>>()?;
        if deals.is_empty() {
            return Ok(deals);
        }
        if searched {
            self.add_associations(&mut deals).await?;
        } else if with_contacts {
            let ids: Vec<String> = deals.iter().map(|d| d.id.clone()).collect();
            let contacts = self.read_associations("contacts", &ids).await?;
            for deal in &mut deals {
                deal.contacts = contacts
                    .get(&deal.id)
                    .map(|to| to.iter().map(|(id, _)| id.clone()).collect())
                    .unwrap_or_default();
            }
        }
        Ok(deals)
    }

    /// Fills the deals' contacts (all of them) and company (the primary one, type 5) with a v4
    /// batch read per object type, both in flight at once.
    pub(super) async fn add_associations(&self, deals: &mut [Deal]) -> Result<()> {
        let ids: Vec<String> = deals.iter().map(|d| d.id.clone()).collect();
        let (contacts, companies) = futures::try_join!(
            self.read_associations("contacts", &ids),
            self.read_associations("companies", &ids)
        )?;
        for deal in deals.iter_mut() {
            deal.contacts = contacts
                .get(&deal.id)
                .map(|to| to.iter().map(|(id, _)| id.clone()).collect())
                .unwrap_or_default();
            deal.company = companies.get(&deal.id).and_then(|to| {
                to.iter()
                    .find(|(_, types)| types.contains(&super::DEAL_TO_PRIMARY_COMPANY))
                    .map(|(id, _)| id.clone())
            });
        }
        Ok(())
    }

    /// `POST /crm/v4/associations/deals/{to_type}/batch/read`: each deal's associated records of
    /// one type, with their association type ids. A deal gone since it was listed (207 with
    /// `errors[]`) simply has none.
    async fn read_associations(
        &self,
        to_type: &str,
        ids: &[String],
    ) -> Result<HashMap<String, Vec<(String, Vec<i64>)>>> {
        let mut found: HashMap<String, Vec<(String, Vec<i64>)>> = HashMap::new();
        for chunk in ids.chunks(ASSOCIATION_READ_BATCH) {
            let inputs: Vec<Value> = chunk.iter().map(|id| json!({"id": id})).collect();
            let request = Request::new(
                reqwest::Method::POST,
                associations_with(to_type, &["batch", "read"]),
            )
            .json(json!({"inputs": inputs}))
            .idempotent(true);
            let response = self.env.http.send(request).await?;
            for r in response
                .body
                .get("results")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let from = r.pointer("/from/id").map(id_text).unwrap_or_default();
                let entry = found.entry(from).or_default();
                for to in r.get("to").and_then(Value::as_array).into_iter().flatten() {
                    let Some(id) = to.get("toObjectId").map(id_text) else {
                        continue;
                    };
                    let types: Vec<i64> = to
                        .get("associationTypes")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|t| t.get("typeId").and_then(Value::as_i64))
                        .collect();
                    match entry.iter_mut().find(|(known, _)| *known == id) {
                        Some((_, known)) => known.extend(types),
                        None => entry.push((id, types)),
                    }
                }
            }
        }
        Ok(found)
    }
}

pub(super) fn read_page(body: Value) -> Result<ObjectPage> {
    serde_json::from_value(body)
        .map_err(|e| Error::internal(format!("HubSpot sent a page crm cannot read: {e}")))
}

fn id_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A page of deals, as the list and the search answer it, read on the example metadata: the
/// deals and the next cursor. The fuzz targets' entry point (`fuzz/`).
#[doc(hidden)]
pub fn fuzz_page(bytes: &[u8]) -> Result<(Vec<Deal>, Option<String>)> {
    let page = read_page(serde_json::from_slice(bytes).map_err(Error::internal)?)?;
    let next = page.next_after();
    let meta = Meta::example();
    let deals = page
        .results
        .into_iter()
        .map(|v| super::convert::to_deal(v, &meta, false))
        .collect::<Result<Vec<_>>>()?;
    Ok((deals, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_resolve_names_to_ids() {
        let meta = Meta::example();
        let q = ListQuery {
            pipeline: Some("Sales Pipeline".into()),
            stage: Some("Contract Sent".into()),
            owner: Some("ana@example.com".into()),
            status: Some(Status::Lost),
            contact: Some("201".into()),
            updated_since: Some("2026-11-01T00:00:00Z".parse().unwrap()),
            updated_until: Some("2026-11-01T00:00:01Z".parse().unwrap()),
            custom: vec![("Region".into(), "Europe".into())],
            ..ListQuery::default()
        };
        let f = search_filters(&q, &meta).unwrap();
        let pairs: Vec<(String, String)> = f
            .iter()
            .map(|x| {
                (
                    x["propertyName"].as_str().unwrap().into(),
                    x["value"].as_str().unwrap().into(),
                )
            })
            .collect();
        assert_eq!(
            pairs,
            [
                ("pipeline", "default"),
                ("dealstage", "contractsent"),
                ("hubspot_owner_id", "910901"),
                ("hs_is_closed", "true"),
                ("hs_is_closed_won", "false"),
                ("associations.contact", "201"),
                ("hs_lastmodifieddate", "1793491200000"),
                ("hs_lastmodifieddate", "1793491201000"),
                ("region", "EMEA"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }

    #[test]
    fn a_custom_filter_takes_an_option_label_and_refuses_an_unknown_option() {
        let meta = Meta::example();
        let q = ListQuery {
            custom: vec![("region".into(), "EMEA".into())],
            ..ListQuery::default()
        };
        assert_eq!(search_filters(&q, &meta).unwrap()[0]["value"], "EMEA");
        let q = ListQuery {
            custom: vec![("region".into(), "Mars".into())],
            ..ListQuery::default()
        };
        let e = search_filters(&q, &meta).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(
            e.hint().unwrap().contains("Europe (EMEA)"),
            "{:?}",
            e.hint()
        );
    }

    #[test]
    fn sorts_are_objects() {
        let s: Sort = "amount:desc".parse().unwrap();
        assert_eq!(
            search_sorts(Some(&s)),
            [json!({"propertyName": "amount", "direction": "DESCENDING"})]
        );
    }
}
