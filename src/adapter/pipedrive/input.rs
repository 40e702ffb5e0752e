//! The user's fields as a Pipedrive v2 deal body: names resolved to ids, custom field names to
//! hash keys, labels to label ids, amounts as exact JSON numbers; nothing silently dropped.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::{Map, Number, Value};

use super::meta::Meta;
use super::wire::FieldWire;
use crate::adapter::common_key;
use crate::error::{Error, Result};
use crate::model::{DealInput, Status, Vendor};
use crate::resolve::unknown_field;

/// An exact decimal as a JSON number, from its text (serde_json keeps it verbatim).
pub fn number(d: Decimal) -> Value {
    Number::from_str(&d.to_string()).map_or(Value::Null, Value::Number)
}

/// Ids go out as JSON integers, as the v2 schemas type them.
pub fn int_id(id: &str) -> Value {
    id.parse::<u64>().map_or_else(
        |_| Value::String(id.to_string()),
        |n| Value::Number(n.into()),
    )
}

/// The common fields `--unset` may clear, and the v2 field each one is: `label_ids` takes an
/// empty list and `lost_reason` is nullable in the v2 PATCH schema.
const CLEARABLE: [(&str, &str); 2] = [("tags", "label_ids"), ("lost_reason", "lost_reason")];
/// Common fields Pipedrive documents no way to clear: the v2 PATCH schema types
/// `expected_close_date` (a date) and `org_id` (an integer) as non-nullable, and Pipedrive
/// documents `null` only for custom fields (seed 002, "Update a deal"). What to do instead.
pub(super) const UNCLEARABLE: [(&str, &str); 2] = [
    ("close_date", "set another date with --close-date"),
    (
        "company",
        "link another organization: crm deals associate ID --company OTHER --replace",
    ),
];
/// Pipedrive's own deal keys and the common field each one is, so `--unset` takes either.
const VENDOR_KEYS: [(&str, &str); 11] = [
    ("title", "name"),
    ("value", "amount"),
    ("currency", "currency"),
    ("pipeline_id", "pipeline"),
    ("stage_id", "stage"),
    ("owner_id", "owner"),
    ("status", "status"),
    ("expected_close_date", "close_date"),
    ("label_ids", "tags"),
    ("org_id", "company"),
    ("lost_reason", "lost_reason"),
];

/// Common fields Pipedrive always keeps a value for.
const REQUIRED: [&str; 7] = [
    "name", "amount", "currency", "pipeline", "stage", "owner", "status",
];

/// Builds the body of a create (`current_labels` None) or an update.
pub fn body(
    input: &DealInput,
    meta: &Meta,
    creating: bool,
    current_labels: &[String],
) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    if let Some(name) = &input.name {
        out.insert("title".into(), Value::String(name.clone()));
    }
    if let Some(amount) = input.amount {
        out.insert("value".into(), number(amount));
    }
    if let Some(currency) = &input.currency {
        out.insert("currency".into(), Value::String(currency.to_uppercase()));
    }
    if let Some(owner) = &input.owner {
        out.insert("owner_id".into(), int_id(&meta.resolve_owner(owner)?.id));
    }
    if let Some(date) = input.close_date {
        out.insert(
            "expected_close_date".into(),
            Value::String(date.to_string()),
        );
    }
    let pipeline = input
        .pipeline
        .as_deref()
        .map(|p| meta.resolve_pipeline(p))
        .transpose()?;
    if let Some(p) = pipeline {
        out.insert("pipeline_id".into(), int_id(&p.id));
    }
    if let Some(s) = &input.stage {
        out.insert(
            "stage_id".into(),
            int_id(&meta.resolve_stage(s, pipeline)?.id),
        );
    }
    match input.status {
        Some(Status::Unqualified) => {
            return Err(Error::usage(
                "Pipedrive deals are open, won or lost: there is no unqualified status",
            ))
        }
        Some(s) => {
            out.insert("status".into(), Value::String(s.key().into()));
        }
        None => {}
    }
    if let Some(reason) = &input.lost_reason {
        if input.status != Some(Status::Lost) {
            return Err(Error::usage_hint(
                "--lost-reason goes with --status lost",
                "pass --status lost --lost-reason \"…\"",
            ));
        }
        out.insert("lost_reason".into(), Value::String(reason.clone()));
    }
    if creating {
        if let Some(person) = input.contacts.first() {
            out.insert("person_id".into(), int_id(person));
        }
        if let Some(org) = &input.company {
            out.insert("org_id".into(), int_id(org));
        }
    }
    if input.tags.is_some() || !input.add_tags.is_empty() {
        let mut ids: Vec<String> = match &input.tags {
            Some(tags) => tags
                .iter()
                .map(|t| meta.resolve_label(t))
                .collect::<Result<_>>()?,
            None => current_labels.to_vec(),
        };
        for t in &input.add_tags {
            let id = meta.resolve_label(t)?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        out.insert(
            "label_ids".into(),
            Value::Array(ids.iter().map(|i| int_id(i)).collect()),
        );
    }
    let mut custom = Map::new();
    for (name, value) in &input.custom {
        let field = meta.custom_field(name)?;
        custom.insert(field.field_code.clone(), custom_value(field, value)?);
    }
    for key in &input.unset {
        let key = &common_key(&VENDOR_KEYS, key).to_string();
        if let Some((_, instead)) = UNCLEARABLE.iter().find(|(f, _)| f == key) {
            return Err(Error::Unsupported {
                vendor: Vendor::Pipedrive,
                what: format!("clearing {key}"),
                hint: Some(format!(
                    "Pipedrive's API v2 documents no way to empty it; {instead}"
                )),
            });
        } else if let Some((_, wire)) = CLEARABLE.iter().find(|(f, _)| f == key) {
            let empty = if *wire == "label_ids" {
                Value::Array(vec![])
            } else {
                Value::Null
            };
            out.insert(wire.to_string(), empty);
        } else if REQUIRED.contains(&key.as_str()) {
            return Err(Error::usage(format!(
                "{key} cannot be cleared: Pipedrive deals always have one"
            )));
        } else {
            let field = meta.custom_field(key).map_err(|_| {
                let names = CLEARABLE
                    .iter()
                    .chain(UNCLEARABLE.iter())
                    .map(|(f, _)| *f)
                    .chain(meta.custom_fields().map(|f| f.field_name.as_str()));
                unknown_field("field or custom field", key, names)
            })?;
            // Pipedrive clears a custom field with null (an empty list is refused for sets).
            custom.insert(field.field_code.clone(), Value::Null);
        }
    }
    if !custom.is_empty() {
        out.insert("custom_fields".into(), Value::Object(custom));
    }
    Ok(out)
}

/// A custom field's value as Pipedrive takes it: option labels to option ids, numbers as numbers.
fn custom_value(field: &FieldWire, value: &Value) -> Result<Value> {
    let text = match value {
        Value::Null => return Ok(Value::Null),
        Value::String(s) => s.clone(),
        Value::Array(_) if field.field_type == "set" => String::new(),
        other => other.to_string(),
    };
    match field.field_type.as_str() {
        "enum" => option_id(field, &text),
        "set" => {
            let parts: Vec<String> = match value {
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                    .collect(),
                _ => text
                    .split([';', ','])
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect(),
            };
            // No option clears the field, with null: the v2 file says an empty list "is not
            // supported and will result in a validation error" for `set` fields.
            if parts.is_empty() {
                return Ok(Value::Null);
            }
            Ok(Value::Array(
                parts
                    .iter()
                    .map(|p| option_id(field, p))
                    .collect::<Result<_>>()?,
            ))
        }
        "int" | "double" | "monetary" | "user" | "org" | "people" | "deal" => {
            let d =
                crate::model::decimal_from_json(&Value::String(text.clone())).ok_or_else(|| {
                    Error::usage(format!(
                        "custom field {:?} takes a number, not {text:?}",
                        field.field_name
                    ))
                })?;
            Ok(number(d))
        }
        _ => Ok(Value::String(text)),
    }
}

fn option_id(field: &FieldWire, text: &str) -> Result<Value> {
    let found = field
        .options()
        .iter()
        .find(|o| o.id_text() == text)
        .or_else(|| {
            field
                .options()
                .iter()
                .find(|o| o.label.eq_ignore_ascii_case(text.trim()))
        });
    match found {
        Some(o) => Ok(o.id.clone()),
        None => Err(Error::NotFound {
            message: format!("custom field {:?} has no option {text:?}", field.field_name),
            hint: Some(format!(
                "the options are: {}",
                field
                    .options()
                    .iter()
                    .map(|o| o.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_create_body_with_names_resolved() {
        let meta = Meta::example();
        let mut input = DealInput {
            name: Some("Acme".into()),
            amount: Some("12345678901234.56".parse().unwrap()),
            currency: Some("eur".into()),
            pipeline: Some("Renewals".into()),
            stage: Some("Qualified".into()),
            owner: Some("ana@example.com".into()),
            close_date: Some("2026-12-31".parse().unwrap()),
            contacts: vec!["7".into(), "8".into()],
            company: Some("9".into()),
            tags: Some(vec!["Hot".into()]),
            ..DealInput::default()
        };
        input.custom.insert("Region".into(), json!("apac"));
        input.custom.insert("Channels".into(), json!("Web;Phone"));
        input.custom.insert("Seats".into(), json!("3"));
        let b = body(&input, &meta, true, &[]).unwrap();
        assert_eq!(
            Value::Object(b.clone()),
            json!({
                "title": "Acme", "value": 12345678901234.56, "currency": "EUR", "owner_id": 1,
                "expected_close_date": "2026-12-31", "pipeline_id": 2, "stage_id": 3,
                "person_id": 7, "org_id": 9, "label_ids": [1],
                "custom_fields": {
                    "dcf558aac1ae4e8c4f849ba5e668430d8df9be12": 32,
                    "a3ac4e9e4c2b9d1f7c4b9f0b5d6e7f8a9b0c1d2e": [41, 42],
                    "5e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f": 3
                }
            })
        );
        assert_eq!(b["value"].to_string(), "12345678901234.56");
    }

    #[test]
    fn status_lost_reason_tags_and_unset() {
        let meta = Meta::example();
        let input = DealInput {
            status: Some(Status::Lost),
            lost_reason: Some("Budget".into()),
            add_tags: vec!["Warm".into()],
            unset: vec!["External ID".into()],
            ..DealInput::default()
        };
        let b = body(&input, &meta, false, &["1".into()]).unwrap();
        assert_eq!(
            Value::Object(b),
            json!({"status": "lost", "lost_reason": "Budget", "label_ids": [1, 2],
                   "custom_fields": {"0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c": null}})
        );
        // Pipedrive documents null only for custom fields: no undocumented null is sent.
        for field in ["close_date", "company"] {
            let clear = DealInput {
                unset: vec![field.into()],
                ..DealInput::default()
            };
            let e = body(&clear, &meta, false, &[]).unwrap_err();
            assert_eq!(e.exit_code(), 6, "{field}: {e}");
        }
        let alone = DealInput {
            lost_reason: Some("Budget".into()),
            ..DealInput::default()
        };
        assert_eq!(body(&alone, &meta, false, &[]).unwrap_err().exit_code(), 2);
    }

    #[test]
    fn bad_names_and_values() {
        let meta = Meta::example();
        let mut i = DealInput::default();
        i.custom.insert("Regoin".into(), json!("EMEA"));
        let e = body(&i, &meta, false, &[]).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.hint().unwrap().contains("Region"));
        let mut i = DealInput::default();
        i.custom.insert("Region".into(), json!("Mars"));
        assert_eq!(body(&i, &meta, false, &[]).unwrap_err().exit_code(), 3);
        let i = DealInput {
            tags: Some(vec!["Cold".into()]),
            ..DealInput::default()
        };
        assert_eq!(body(&i, &meta, false, &[]).unwrap_err().exit_code(), 3);
        let i = DealInput {
            unset: vec!["name".into()],
            ..DealInput::default()
        };
        assert_eq!(body(&i, &meta, false, &[]).unwrap_err().exit_code(), 2);
    }

    /// `--set Channels=` (a `set` field, no option) clears it with null, never `[]`.
    #[test]
    fn an_empty_multiple_option_value_clears_with_null() {
        let meta = Meta::example();
        for empty in [json!(""), json!([]), json!(" ; ")] {
            let mut i = DealInput::default();
            i.custom.insert("Channels".into(), empty.clone());
            let b = body(&i, &meta, false, &[]).unwrap();
            assert_eq!(
                b["custom_fields"],
                json!({"a3ac4e9e4c2b9d1f7c4b9f0b5d6e7f8a9b0c1d2e": null}),
                "{empty}"
            );
        }
    }
}
