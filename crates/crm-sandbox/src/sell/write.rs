//! Sell deal attributes: validation of create and update bodies.

use std::collections::BTreeMap;

use axum::response::Response;
use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::deals::dec;
use super::{render, unprocessable, Deal, Store, CUSTOM_FIELDS};
use crate::util::parse_time;

fn opt_int(v: &Value, key: &str) -> Result<Option<u64>, Response> {
    match v {
        Value::Null => Ok(None),
        v => v.as_u64().map(Some).ok_or_else(|| {
            unprocessable(key, "incorrect_type", &format!("{key} must be an integer"))
        }),
    }
}

/// Applies writable attributes; unknown ones are refused as the live API does.
pub(crate) fn apply(
    store: &Store,
    d: &mut Deal,
    data: &Map<String, Value>,
) -> Result<(), Response> {
    let now = Utc::now();
    let wrong = |k: &str, why: &str| unprocessable(k, "incorrect_value", &format!("{k}: {why}"));
    for (k, v) in data {
        match k.as_str() {
            "name" => {
                d.name = v
                    .as_str()
                    .filter(|s| !s.trim().is_empty())
                    .ok_or_else(|| wrong(k, "must be a non-empty string"))?
                    .into()
            }
            "contact_id" => {
                let c = opt_int(v, k)?.ok_or_else(|| wrong(k, "cannot be null"))?;
                let contact = store
                    .contacts
                    .iter()
                    .find(|x| x.id == c)
                    .ok_or_else(|| wrong(k, "no contact has this id"))?;
                d.contact_id = Some(c);
                d.organization_id = Some(contact.org.unwrap_or(contact.id));
            }
            "value" => {
                let text = match v {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => s.clone(),
                    _ => return Err(wrong(k, "must be a number or a string")),
                };
                let value = dec(&text).ok_or_else(|| wrong(k, "must be a decimal number"))?;
                if value.scale() > 2 && value.normalize().scale() > 2 {
                    return Err(wrong(k, "at most two decimal places"));
                }
                d.value = value;
            }
            "currency" => {
                d.currency = v
                    .as_str()
                    .filter(|s| s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()))
                    .ok_or_else(|| wrong(k, "must be an ISO 4217 code"))?
                    .into()
            }
            "hot" => d.hot = v.as_bool().ok_or_else(|| wrong(k, "must be a boolean"))?,
            "owner_id" => {
                let o = opt_int(v, k)?.ok_or_else(|| wrong(k, "cannot be null"))?;
                if !store.users.iter().any(|u| u.id == o) {
                    return Err(wrong(k, "no user has this id"));
                }
                d.owner_id = o;
            }
            "stage_id" => {
                let s = opt_int(v, k)?.ok_or_else(|| wrong(k, "cannot be null"))?;
                if !store.stages.iter().any(|x| x.id == s) {
                    return Err(wrong(k, "no stage has this id"));
                }
                if s != d.stage_id {
                    d.last_stage_change_at = Some(now);
                }
                d.stage_id = s;
            }
            "source_id" => d.source_id = opt_int(v, k)?,
            "loss_reason_id" => {
                let reason = opt_int(v, k)?;
                if reason.is_some_and(|r| !super::meta::LOSS_REASONS.iter().any(|(id, _)| *id == r))
                {
                    return Err(wrong(k, "no loss reason has this id"));
                }
                d.loss_reason_id = reason;
            }
            "unqualified_reason_id" => d.unqualified_reason_id = opt_int(v, k)?,
            "estimated_close_date" => {
                d.estimated_close_date = match v {
                    Value::Null => None,
                    Value::String(s) => Some(
                        NaiveDate::parse_from_str(s, "%Y-%m-%d")
                            .map_err(|_| wrong(k, "must be YYYY-MM-DD"))?,
                    ),
                    _ => return Err(wrong(k, "must be YYYY-MM-DD")),
                }
            }
            "customized_win_likelihood" => {
                let w = opt_int(v, k)?;
                if w.is_some_and(|w| w > 100) {
                    return Err(wrong(k, "must be between 0 and 100"));
                }
                d.customized_win_likelihood = w;
            }
            "last_stage_change_at" | "added_at" | "added_on" => {
                let t = v
                    .as_str()
                    .and_then(parse_time)
                    .ok_or_else(|| wrong(k, "must be an ISO 8601 date-time"))?;
                if k == "last_stage_change_at" {
                    d.last_stage_change_at = Some(t);
                } else {
                    d.added_at = Some(t);
                }
            }
            "tags" => {
                let tags = v
                    .as_array()
                    .ok_or_else(|| wrong(k, "must be an array of strings"))?;
                d.tags = tags
                    .iter()
                    .map(|t| t.as_str().map(String::from))
                    .collect::<Option<_>>()
                    .ok_or_else(|| wrong(k, "must be an array of strings"))?;
            }
            "custom_fields" => {
                for (name, value) in v.as_object().ok_or_else(|| wrong(k, "must be an object"))? {
                    if !CUSTOM_FIELDS.contains(&name.as_str()) {
                        return Err(unprocessable(
                            &format!("custom_fields/{name}"),
                            "unknown",
                            &format!("unknown custom field '{name}'"),
                        ));
                    }
                    if value.is_null() {
                        d.custom_fields.remove(name);
                    } else {
                        d.custom_fields.insert(name.clone(), value.clone());
                    }
                }
            }
            other => {
                return Err(unprocessable(
                    other,
                    "unknown",
                    &format!(
                    "The attribute '/{other}' is not a known attribute for the 'deal' resource."
                ),
                ))
            }
        }
    }
    d.updated_at = now;
    Ok(())
}

fn new_deal(store: &Store) -> Deal {
    let now = Utc::now();
    Deal {
        id: store.next_id,
        name: String::new(),
        value: Decimal::ZERO,
        currency: "USD".into(),
        hot: false,
        owner_id: store.me,
        creator_id: store.me,
        stage_id: store.stages[0].id,
        contact_id: None,
        organization_id: None,
        source_id: None,
        loss_reason_id: None,
        unqualified_reason_id: None,
        estimated_close_date: None,
        customized_win_likelihood: None,
        last_stage_change_at: Some(now),
        added_at: Some(now),
        tags: vec![],
        custom_fields: BTreeMap::new(),
        created_at: now,
        updated_at: now,
        associated: vec![],
    }
}

pub(crate) fn create_in(store: &mut Store, data: &Map<String, Value>) -> Result<Value, Response> {
    for required in ["name", "contact_id"] {
        if data.get(required).is_none_or(Value::is_null) {
            return Err(unprocessable(
                required,
                "missing",
                &format!("{required} is required"),
            ));
        }
    }
    let mut d = new_deal(store);
    apply(store, &mut d, data)?;
    store.next_id += 1;
    let v = render(&d);
    store.deals.insert(d.id, d);
    Ok(v)
}
