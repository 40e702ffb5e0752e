//! HubSpot property validation on create and update.

use std::collections::BTreeMap;
use std::str::FromStr;

use axum::http::StatusCode;
use axum::response::Response;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{bad, date_ms, meta, Store, V};
use crate::errors;
use crate::util::iso_ms;

/// Applies property values to `props`, validating them as HubSpot does.
pub(crate) fn apply(
    store: &Store,
    props: &mut BTreeMap<String, String>,
    input: &Map<String, Value>,
    me: Option<u64>,
) -> Result<(), Response> {
    for (name, value) in input {
        let Some(def) = meta::property(name) else {
            return Err(errors::error_with(
                V,
                StatusCode::BAD_REQUEST,
                "VALIDATION_ERROR",
                &format!("Property values were not valid: Property \"{name}\" does not exist"),
                Some(name),
            ));
        };
        if def.read_only {
            return Err(bad(&format!("Property values were not valid: \"{name}\" is a read only property; its value cannot be set.")));
        }
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => {
                return Err(bad(&format!(
                "Property values were not valid: \"{name}\" must be a string (clear it with \"\")"
            )))
            }
        };
        if text.is_empty() {
            props.remove(name);
            continue;
        }
        let invalid = |why: &str| {
            bad(&format!("Property values were not valid: {text:?} is not a valid value for \"{name}\": {why}"))
        };
        let text = match name.as_str() {
            "amount" => {
                Decimal::from_str(text.trim()).map_err(|_| invalid("expected a number"))?;
                text
            }
            "closedate" => {
                let ms = date_ms(&text).ok_or_else(|| invalid("expected a date"))?;
                let t = chrono::DateTime::from_timestamp_millis(ms)
                    .ok_or_else(|| invalid("date out of range"))?;
                iso_ms(t)
            }
            "hubspot_owner_id" => {
                if !store.owners.iter().any(|o| o.id.to_string() == text) {
                    return Err(invalid("no owner has this id"));
                }
                text
            }
            "region" => {
                if !crate::data::REGIONS.contains(&text.as_str()) {
                    return Err(invalid("not one of the allowed options"));
                }
                text
            }
            "deal_currency_code" => {
                if text.len() != 3 || !text.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(invalid("expected an ISO 4217 code"));
                }
                text
            }
            _ => text,
        };
        props.insert(name.clone(), text);
    }
    // A create must name the stage: seed 000 (HubSpot's deals guide) says to include `dealstage`,
    // and seed 001 (the legacy v1 API) that "the dealstage property is required when creating a
    // deal". Only the pipeline may be left out: "If a pipeline isn't specified, the default
    // pipeline will be used" (seed 000).
    if me.is_none() && !props.contains_key("dealstage") {
        return Err(errors::error_with(
            V,
            StatusCode::BAD_REQUEST,
            "VALIDATION_ERROR",
            "Property values were not valid: \"dealstage\" is required when creating a deal",
            Some("dealstage"),
        ));
    }
    // Pipeline and stage must agree.
    let pipeline = props
        .get("pipeline")
        .cloned()
        .unwrap_or_else(|| "default".into());
    let Some(pl) = store.pipelines.iter().find(|p| p.id == pipeline) else {
        return Err(bad(&format!(
            "Property values were not valid: pipeline {pipeline:?} does not exist"
        )));
    };
    let stage = props
        .get("dealstage")
        .cloned()
        .unwrap_or_else(|| pl.stages[0].id.clone());
    if !pl.stages.iter().any(|s| s.id == stage) {
        return Err(bad(&format!("Property values were not valid: {stage:?} is not a valid stage of pipeline {pipeline:?}")));
    }
    props.insert("pipeline".into(), pipeline);
    props.insert("dealstage".into(), stage);
    for def in meta::PROPS.iter().filter(|p| p.unique) {
        if let Some(v) = props.get(def.name) {
            let taken = store
                .unique
                .find(&store.deals, def.name, v)
                .is_some_and(|id| Some(id) != me);
            if taken {
                return Err(errors::error(
                    V,
                    StatusCode::CONFLICT,
                    "CONFLICT",
                    &format!("A deal with {}={v} already exists", def.name),
                ));
            }
        }
    }
    Ok(())
}
