//! Sell's JSON: the `{data, meta}` envelope, collections of envelopes, and the metadata records.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::error::{Error, Result};

/// A request body: Sell wants every write wrapped as `{"data": …, "meta": {"type": …}}`.
pub fn envelope(kind: &str, data: Value) -> Value {
    json!({"data": data, "meta": {"type": kind}})
}

/// The `data` of a single-resource answer.
pub fn data_of(body: Value, what: &str) -> Result<Value> {
    match body {
        Value::Object(mut map) => map
            .remove("data")
            .filter(Value::is_object)
            .ok_or_else(|| Error::internal(format!("Zendesk Sell sent {what} without data"))),
        _ => Err(Error::internal(format!(
            "Zendesk Sell sent {what} that is not a JSON object"
        ))),
    }
}

/// The `data` of every item of a collection answer, in order.
pub fn items_of(body: &Value) -> Vec<Value> {
    body.get("items")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.get("data").cloned())
                .collect()
        })
        .unwrap_or_default()
}

/// The items of a collection, read as `T`.
pub fn typed_items<T: DeserializeOwned>(body: &Value, what: &str) -> Result<Vec<T>> {
    items_of(body)
        .into_iter()
        .map(|v| {
            serde_json::from_value(v).map_err(|e| {
                Error::internal(format!("Zendesk Sell sent {what} crm cannot read: {e}"))
            })
        })
        .collect()
}

/// Sell ids are JSON numbers; the common model keeps them as text.
pub fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// An id the user gave (already checked to be digits) as the JSON number Sell expects.
pub fn id_number(id: &str) -> Result<Value> {
    id.parse::<u64>()
        .map(|n| json!(n))
        .map_err(|_| Error::usage(format!("{id:?} is not a Zendesk Sell id")))
}

fn de_id<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    let v = Value::deserialize(d)?;
    id_text(&v).ok_or_else(|| serde::de::Error::custom(format!("not an id: {v}")))
}

fn de_opt_id<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    let v = Option::<Value>::deserialize(d)?;
    Ok(v.as_ref().and_then(id_text))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StageWire {
    #[serde(deserialize_with = "de_id")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub position: Option<i64>,
    #[serde(default)]
    pub likelihood: Option<i64>,
    #[serde(default = "yes")]
    pub active: bool,
    #[serde(deserialize_with = "de_id")]
    pub pipeline_id: String,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PipelineWire {
    #[serde(deserialize_with = "de_id")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub disabled: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserWire {
    #[serde(deserialize_with = "de_id")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

/// One deal custom field (`GET /v2/deal/custom_fields`: Zendesk's "Custom Fields" reference,
/// `GET /v2/:resource_type/custom_fields`,
/// https://developer.zendesk.com/api-reference/sales-crm/resources/custom-fields/).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CustomFieldWire {
    #[serde(default, deserialize_with = "de_opt_id")]
    pub id: Option<String>,
    pub name: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// One reason a deal was lost (`GET /v2/loss_reasons`: Zendesk's "Loss Reasons" reference,
/// https://developer.zendesk.com/api-reference/sales-crm/resources/loss-reasons/).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LossReasonWire {
    #[serde(deserialize_with = "de_id")]
    pub id: String,
    pub name: String,
}

/// One contact on a deal (`GET /v2/deals/{id}/associated_contacts`).
#[derive(Debug, Clone, Deserialize)]
pub struct AssociatedContactWire {
    #[serde(deserialize_with = "de_id")]
    pub contact_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes_wrap_and_unwrap() {
        let body = envelope("deal", json!({"name": "A"}));
        assert_eq!(
            body,
            json!({"data": {"name": "A"}, "meta": {"type": "deal"}})
        );
        assert_eq!(data_of(body, "a deal").unwrap(), json!({"name": "A"}));
        assert!(data_of(json!({"items": []}), "a deal").is_err());
        let list =
            json!({"items": [{"data": {"id": 1}, "meta": {"type": "deal"}}], "meta": {"count": 1}});
        assert_eq!(items_of(&list), [json!({"id": 1})]);
    }

    #[test]
    fn ids_are_numbers_on_the_wire() {
        assert_eq!(id_number("42").unwrap(), json!(42));
        assert_eq!(id_text(&json!(42)).as_deref(), Some("42"));
        assert_eq!(id_text(&Value::Null), None);
    }
}
