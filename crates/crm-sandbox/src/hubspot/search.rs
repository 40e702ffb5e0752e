//! HubSpot `POST /crm/v3/objects/deals/search`: filter groups, query, sorts, paging.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::str::FromStr;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::{bad, date_ms, meta, Deal, St};
use crate::util::{array_items, ok, parse_body, string_items};

/// HubSpot will not page past this many results.
const MAX_RESULTS: usize = 10_000;

fn is_date(prop: &str) -> bool {
    meta::property(prop).is_some_and(|p| p.kind == "datetime" || p.kind == "date")
}

/// Compares a stored value with a filter value: as dates, numbers, or text.
fn compare(prop: &str, have: &str, want: &str) -> Option<Ordering> {
    if is_date(prop) {
        return Some(date_ms(have)?.cmp(&date_ms(want)?));
    }
    if let (Ok(a), Ok(b)) = (
        Decimal::from_str(have.trim()),
        Decimal::from_str(want.trim()),
    ) {
        return Some(a.cmp(&b));
    }
    Some(have.to_lowercase().cmp(&want.to_lowercase()))
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The ids a deal is associated with, for the `associations.{objectType}` pseudo-properties.
///
/// HubSpot's search guide, "Search through associations": search for records associated with
/// other specific records with the pseudo-property `associations.{objectType}`, e.g.
/// `{"propertyName": "associations.contact", "operator": "EQ", "value": "123"}`
/// (https://developers.hubspot.com/docs/api/crm/search). Only the v3 object type names are
/// documented there: `contact`, `company`.
fn associated(deal: &Deal, name: &str) -> Option<Vec<String>> {
    let to_type = match name.strip_prefix("associations.")? {
        "contact" => "contacts",
        "company" => "companies",
        _ => return None,
    };
    Some(
        deal.assoc
            .iter()
            .filter(|a| a.to_type == to_type)
            .map(|a| a.to_id.to_string())
            .collect(),
    )
}

/// A filter's `value` and `values`, as text whatever their JSON type.
struct Operands {
    value: Option<String>,
    values: Vec<String>,
}

impl Operands {
    fn of(f: &Value) -> Operands {
        Operands {
            value: f.get("value").and_then(text_of),
            values: array_items(f, "values").filter_map(text_of).collect(),
        }
    }
}

/// An `associations.*` filter: EQ/IN hold when one associated id matches, NEQ/NOT_IN when none
/// does, HAS_PROPERTY when there is any.
fn matches_association(ids: &[String], f: &Value, op: &str) -> Result<bool, String> {
    let Operands { value, values } = Operands::of(f);
    let need = || {
        value
            .clone()
            .ok_or_else(|| format!("operator {op} needs a value"))
    };
    let has = |v: &str| ids.iter().any(|id| id == v.trim());
    Ok(match op {
        "EQ" => has(&need()?),
        "NEQ" => !has(&need()?),
        "IN" => values.iter().any(|v| has(v)),
        "NOT_IN" => !values.iter().any(|v| has(v)),
        "HAS_PROPERTY" => !ids.is_empty(),
        "NOT_HAS_PROPERTY" => ids.is_empty(),
        other => return Err(format!("Operator {other} is not supported on associations")),
    })
}

fn matches(deal: &Deal, props: &BTreeMap<String, String>, f: &Value) -> Result<bool, String> {
    let name = f
        .get("propertyName")
        .and_then(Value::as_str)
        .ok_or("filters need a propertyName")?;
    let op = f
        .get("operator")
        .and_then(Value::as_str)
        .ok_or("filters need an operator")?;
    if let Some(ids) = associated(deal, name) {
        return matches_association(&ids, f, op);
    }
    let have = props.get(name).filter(|v| !v.is_empty());
    let Operands { value, values } = Operands::of(f);
    let need = || {
        value
            .clone()
            .ok_or_else(|| format!("operator {op} needs a value"))
    };
    let cmp = |want: &str| have.and_then(|h| compare(name, h, want));
    Ok(match op {
        "EQ" => cmp(&need()?) == Some(Ordering::Equal),
        "NEQ" => cmp(&need()?) != Some(Ordering::Equal),
        "GT" => cmp(&need()?) == Some(Ordering::Greater),
        "GTE" => matches!(cmp(&need()?), Some(Ordering::Greater | Ordering::Equal)),
        "LT" => cmp(&need()?) == Some(Ordering::Less),
        "LTE" => matches!(cmp(&need()?), Some(Ordering::Less | Ordering::Equal)),
        "BETWEEN" => {
            let high = f
                .get("highValue")
                .and_then(text_of)
                .ok_or("BETWEEN needs a highValue")?;
            matches!(cmp(&need()?), Some(Ordering::Greater | Ordering::Equal))
                && matches!(cmp(&high), Some(Ordering::Less | Ordering::Equal))
        }
        "IN" => values.iter().any(|v| cmp(v) == Some(Ordering::Equal)),
        "NOT_IN" => !values.iter().any(|v| cmp(v) == Some(Ordering::Equal)),
        "HAS_PROPERTY" => have.is_some(),
        "NOT_HAS_PROPERTY" => have.is_none(),
        "CONTAINS_TOKEN" | "NOT_CONTAINS_TOKEN" => {
            let token = need()?.trim_matches('*').to_lowercase();
            let found = have.is_some_and(|h| {
                h.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| !w.is_empty() && w.starts_with(&token))
            });
            found == (op == "CONTAINS_TOKEN")
        }
        other => return Err(format!("Unknown operator {other}")),
    })
}

/// `(property, descending)` from a sort given as an object or a string.
fn sort_of(v: &Value) -> Option<(String, bool)> {
    match v {
        Value::String(s) => Some(match s.strip_prefix('-') {
            Some(p) => (p.to_string(), true),
            None => (s.clone(), false),
        }),
        Value::Object(o) => {
            let name = o.get("propertyName").and_then(Value::as_str)?;
            let desc = o
                .get("direction")
                .and_then(Value::as_str)
                .is_some_and(|d| d.eq_ignore_ascii_case("DESCENDING"));
            Some((name.to_string(), desc))
        }
        _ => None,
    }
}

pub(crate) async fn search(State(st): St, body: Bytes) -> Response {
    let req: Value = match parse_body(&body, bad) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let limit = match req.get("limit") {
        None | Some(Value::Null) => 10,
        Some(v) => match v.as_u64() {
            Some(l) if (1..=200).contains(&l) => l as usize,
            _ => return bad("limit must be between 1 and 200"),
        },
    };
    let after: usize = match req.get("after") {
        None | Some(Value::Null) => 0,
        Some(v) => match text_of(v).and_then(|s| s.parse().ok()) {
            Some(a) => a,
            None => return bad("after must be a cursor returned in paging.next.after"),
        },
    };
    if after >= MAX_RESULTS {
        return bad("Cannot page past 10000 results. Narrow the search with filters.");
    }
    let groups: Vec<Vec<Value>> = array_items(&req, "filterGroups")
        .map(|g| {
            g.get("filters")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    if groups.len() > 5 || groups.iter().any(|g| g.len() > 6) {
        return bad("Too many filter groups or filters: at most 5 groups of 6 filters");
    }
    let sorts: Vec<(String, bool)> = array_items(&req, "sorts").filter_map(sort_of).collect();
    let query = req
        .get("query")
        .and_then(Value::as_str)
        .map(str::to_lowercase)
        .filter(|s| !s.trim().is_empty());
    let props = string_items(&req, "properties");

    let store = st.lock();
    let mut hits = vec![];
    for d in store.deals.values().filter(|d| d.archived_at.is_none()) {
        let all = store.all_properties(d);
        let mut keep = groups.is_empty();
        for g in &groups {
            let mut all_ok = true;
            for f in g {
                match matches(d, &all, f) {
                    Ok(true) => {}
                    Ok(false) => all_ok = false,
                    Err(e) => return bad(&e),
                }
            }
            keep |= all_ok;
        }
        if let Some(qs) = &query {
            let hay = format!(
                "{} {}",
                all.get("dealname").map(String::as_str).unwrap_or(""),
                all.get("description").map(String::as_str).unwrap_or("")
            )
            .to_lowercase();
            keep &= qs.split_whitespace().all(|t| hay.contains(t));
        }
        if keep {
            hits.push((d, all));
        }
    }
    if let Some((name, desc)) = sorts.first() {
        hits.sort_by(|(a_d, a), (b_d, b)| {
            let ord = match (a.get(name), b.get(name)) {
                (Some(x), Some(y)) => compare(name, x, y).unwrap_or(Ordering::Equal),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            let ord = if *desc { ord.reverse() } else { ord };
            ord.then(a_d.id.cmp(&b_d.id))
        });
    }
    let total = hits.len();
    let visible = total.min(MAX_RESULTS);
    // Search results carry no associations: deals.v3 types them `SimplePublicObject` (no
    // `associations` key), where the list and get answer `SimplePublicObjectWithAssociations`.
    // A client reads them with the v4 associations API.
    let results: Vec<Value> = hits
        .iter()
        .skip(after)
        .take(limit)
        .map(|(d, _)| store.render(d, &props))
        .collect();
    let mut body = json!({ "total": total, "results": results });
    let next = after + limit;
    if next < visible {
        body["paging"] =
            json!({ "next": { "after": next.to_string(), "link": format!("?after={next}") } });
    }
    ok(body)
}
