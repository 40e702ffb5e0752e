//! A list page's outline: the page with its top-level arrays left empty. Every vendor's paging
//! ([`crate::adapter::spec::Paging::next`]) is outside those arrays, so `--paginate` reads the
//! next cursor off the outline and sends the next request before it parses the page's items.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

/// The outline of a JSON object; `None` when `text` is not one (the caller parses it whole and
/// reports what it is).
pub fn of(text: &str) -> Option<Value> {
    let mut de = serde_json::Deserializer::from_str(text);
    let outline = de.deserialize_map(Top).ok()?;
    de.end().ok()?;
    Some(outline)
}

struct Top;

impl<'de> Visitor<'de> for Top {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Field)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// One top-level value: an array skipped (scanned, not built), anything else kept whole.
struct Field;

impl<'de> DeserializeSeed<'de> for Field {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Field {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Value::Array(Vec::new()))
    }

    // Objects go to `Value`'s own visitor, which also reads serde_json's exact numbers (they
    // arrive as one-entry maps).
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Vendor;

    /// Each vendor's list page (shapes from the vendors' descriptions: HubSpot's deals.v3
    /// `CollectionResponse…`, Pipedrive v2 `additional_data.next_cursor` and v1
    /// `additional_data.pagination`, Sell's `meta.links.next_page`).
    fn pages() -> Vec<&'static str> {
        vec![
            r#"{"results":[{"id":"1","properties":{"amount":"10.50"}}],"paging":{"next":{"after":"NTI1Cg%3D%3D","link":"?after=NTI1Cg%3D%3D"}}}"#,
            r#"{"success":true,"data":[{"id":1,"value":12.30}],"additional_data":{"next_cursor":"eyJmaWVsZCI6ImlkIn0"}}"#,
            r#"{"success":true,"data":[{"id":1}],"additional_data":{"pagination":{"start":0,"limit":100,"more_items_in_collection":true,"next_start":100}}}"#,
            r#"{"items":[{"data":{"id":1},"meta":{"type":"deal"}}],"meta":{"type":"collection","count":1,"links":{"self":"https://api.getbase.com/v2/deals?page=1","next_page":"https://api.getbase.com/v2/deals?page=2"}}}"#,
            r#"{"results":[],"paging":null,"total":1.5e3}"#,
        ]
    }

    #[test]
    fn keeps_all_but_the_top_level_arrays() {
        for text in pages() {
            let mut whole: Value = serde_json::from_str(text).unwrap();
            for (_, value) in whole.as_object_mut().unwrap().iter_mut() {
                if value.is_array() {
                    *value = Value::Array(Vec::new());
                }
            }
            assert_eq!(of(text).unwrap(), whole, "{text}");
        }
    }

    #[test]
    fn every_vendor_reads_the_same_next_page_off_the_outline() {
        for vendor in Vendor::ALL {
            for text in pages() {
                let whole: Value = serde_json::from_str(text).unwrap();
                let next = vendor.spec().paging.next;
                assert_eq!(next(&of(text).unwrap()), next(&whole), "{text}");
            }
        }
    }

    #[test]
    fn what_is_not_an_object_has_no_outline() {
        for text in ["[1,2]", "\"text\"", "{\"a\":[1,", "{} trailing", "<html>"] {
            assert_eq!(of(text), None, "{text}");
        }
    }
}
