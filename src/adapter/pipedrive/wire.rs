//! Pipedrive's JSON: the v2 envelopes `{success, data, additional_data}`, metadata items, and the
//! v1 users and participants.

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// Pipedrive ids are integers; the common model keeps them as strings.
pub fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        // v1 expands linked records into objects carrying `value` (or `id`).
        Value::Object(o) => o.get("value").or_else(|| o.get("id")).and_then(id_text),
        _ => None,
    }
}

fn id_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v = Value::deserialize(d)?;
    id_text(&v).ok_or_else(|| serde::de::Error::custom(format!("expected an id, got {v}")))
}

/// `additional_data.next_cursor` of a v2 list; absent or null on the last page.
pub fn next_cursor(body: &Value) -> Option<String> {
    body.pointer("/additional_data/next_cursor")
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
}

/// The next cursor of a list answer read off its last bytes, before the whole answer is parsed,
/// so the next page's request can go out first: `Some(cursor)` (`Some(None)` on the last page)
/// only when the answer ends exactly as Pipedrive's lists do,
/// `"additional_data":{"next_cursor":"…"|null}}`. Anything else — another layout, an escaped
/// cursor, a truncated answer — is `None`: parse the whole answer instead.
pub fn tail_cursor(text: &str) -> Option<Option<String>> {
    let rest = text
        .trim_end()
        .strip_suffix('}')?
        .trim_end()
        .strip_suffix('}')?
        .trim_end();
    let (before, value) = if let Some(before) = rest.strip_suffix("null") {
        (before, None)
    } else {
        let quoted = rest.strip_suffix('"')?;
        let open = quoted.rfind('"')?;
        let cursor = &quoted[open + 1..];
        if cursor.contains('\\') {
            return None;
        }
        (&quoted[..open], Some(cursor.to_string()))
    };
    let before = before.trim_end().strip_suffix(':')?.trim_end();
    let before = before.strip_suffix("\"next_cursor\"")?.trim_end();
    let before = before
        .strip_suffix('{')?
        .trim_end()
        .strip_suffix(':')?
        .trim_end();
    before.strip_suffix("\"additional_data\"")?;
    Some(value.filter(|c| !c.is_empty()))
}

/// The fields of a deal that crm reads (v2's, and v1's `user_id`), each as Pipedrive sent it; the
/// rest are skipped unread. A list page is parsed straight into these: reading 500 deals into
/// `Value`s first, an ordered map for every object, cost more than converting them. Read a deal
/// through [`DealObject`], which takes nothing but an object.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DealWire {
    pub id: Option<Value>,
    pub title: Option<Value>,
    pub value: Option<Value>,
    pub currency: Option<Value>,
    pub pipeline_id: Option<Value>,
    pub stage_id: Option<Value>,
    pub status: Option<Value>,
    pub is_deleted: Option<Value>,
    pub is_archived: Option<Value>,
    pub owner_id: Option<Value>,
    pub user_id: Option<Value>,
    pub expected_close_date: Option<Value>,
    pub probability: Option<Value>,
    pub person_id: Option<Value>,
    pub org_id: Option<Value>,
    pub labels: Option<Value>,
    pub label_ids: Option<Value>,
    pub custom_fields: Option<Value>,
    pub add_time: Option<Value>,
    pub update_time: Option<Value>,
}

/// A deal as a JSON object, read as its [`DealWire`]. serde's derived structs also read an
/// array, field by field in order; a deal is an object, and anything else is refused.
#[derive(Debug)]
pub struct DealObject(pub DealWire);

impl<'de> Deserialize<'de> for DealObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Object;

        impl<'de> Visitor<'de> for Object {
            type Value = DealObject;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a deal (a JSON object)")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DealObject, A::Error> {
                DealWire::deserialize(MapAccessDeserializer::new(map)).map(DealObject)
            }
        }

        deserializer.deserialize_map(Object)
    }
}

/// A list page's deals (`data`); its cursor is read off its end.
#[derive(Debug, Deserialize)]
pub struct DealListWire {
    #[serde(default)]
    pub data: Option<Vec<DealObject>>,
}

/// `data` as a list (an empty list when null), taken out of `body` rather than copied: a list
/// page's 500 deals are converted once each.
pub fn into_data_items(mut body: Value) -> Vec<Value> {
    match body.get_mut("data").map(Value::take) {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    }
}

/// `data` as a list (an empty list when null).
pub fn data_items(body: &Value) -> Vec<Value> {
    match body.get("data") {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    }
}

/// The deal ids of a search answer (`data.items[].item.id`), in the search's order.
pub fn search_hit_ids(body: &Value) -> Vec<String> {
    body.pointer("/data/items")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.pointer("/item/id").and_then(id_text))
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct PipelineWire {
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub order_nr: i64,
    /// False when the pipeline does not use its stages' deal probabilities.
    #[serde(default)]
    pub is_deal_probability_enabled: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct StageWire {
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    pub name: String,
    #[serde(deserialize_with = "id_string")]
    pub pipeline_id: String,
    #[serde(default)]
    pub order_nr: i64,
    #[serde(default)]
    pub deal_probability: Option<Value>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct UserWire {
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub active_flag: Option<bool>,
}

/// A deal field of `GET /api/v2/dealFields`: custom ones are keyed by a 40-character hash.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct FieldWire {
    pub field_code: String,
    pub field_name: String,
    #[serde(default)]
    pub field_type: String,
    #[serde(default)]
    pub is_custom_field: bool,
    #[serde(default)]
    pub options: Option<Vec<OptionWire>>,
}

impl FieldWire {
    pub fn options(&self) -> &[OptionWire] {
        self.options.as_deref().unwrap_or(&[])
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct OptionWire {
    /// An integer for custom fields, a string for some built-in ones.
    pub id: Value,
    pub label: String,
}

impl OptionWire {
    pub fn id_text(&self) -> String {
        id_text(&self.id).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the tail says must be what the parsed answer says, whenever the tail speaks.
    fn agrees(text: &str) -> Option<Option<String>> {
        let tail = tail_cursor(text);
        if let Some(cursor) = &tail {
            let body: Value = serde_json::from_str(text).expect("valid JSON");
            assert_eq!(cursor, &next_cursor(&body), "{text}");
        }
        tail
    }

    #[test]
    fn the_cursor_is_read_off_the_end_of_a_list_answer() {
        let page =
            r#"{"success":true,"data":[{"id":1}],"additional_data":{"next_cursor":"eyJpZCI6MX0"}}"#;
        assert_eq!(agrees(page), Some(Some("eyJpZCI6MX0".into())));
        let last = r#"{"success":true,"data":[],"additional_data":{"next_cursor":null}}"#;
        assert_eq!(agrees(last), Some(None));
        let pretty =
            "{\n  \"data\": [],\n  \"additional_data\" : { \"next_cursor\" : \"c2\" }\n}\n";
        assert_eq!(agrees(pretty), Some(Some("c2".into())));
    }

    #[test]
    fn any_other_ending_is_left_to_the_parser() {
        for text in [
            // another key after the cursor
            r#"{"data":[],"additional_data":{"next_cursor":"a","more":1}}"#,
            // the cursor inside a deal, not the answer's own
            r#"{"data":[{"additional_data":{"next_cursor":"a"}}]}"#,
            // an escaped cursor
            r#"{"data":[],"additional_data":{"next_cursor":"a\"b"}}"#,
            // cut short
            r#"{"data":[],"additional_data":{"next_cursor":"a""#,
            r#"{"data":[],"additional_data":{"next_cursor":"a"}"#,
            "",
        ] {
            assert_eq!(tail_cursor(text), None, "{text}");
        }
    }
}
