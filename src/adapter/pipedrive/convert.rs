//! Pipedrive v2 deals to the common model: ids to names, hash keys to field names, label ids to
//! label names, `value` read as an exact decimal from its JSON text.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::meta::Meta;
use super::wire::{id_text, DealObject, DealWire, FieldWire};
use crate::error::{Error, Result};
use crate::model::{decimal_from_json, Deal, Ref, Status, Vendor};

/// v2 sends RFC 3339; v1 sends `YYYY-MM-DD HH:MM:SS` in UTC.
pub fn parse_time(value: Option<&Value>) -> Option<DateTime<Utc>> {
    let text = value?.as_str()?.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|t| t.and_utc())
}

fn status_of(value: Option<&Value>) -> Option<Status> {
    match value?.as_str()? {
        "open" => Some(Status::Open),
        "won" => Some(Status::Won),
        "lost" => Some(Status::Lost),
        _ => None,
    }
}

/// An option field's value as its label(s): a single id (`enum`), a list or comma-separated ids
/// (`set`), or `{id, label}` objects (`include_option_labels`).
fn option_labels(field: &FieldWire, value: &Value) -> Value {
    let label = |v: &Value| -> Value {
        if let Some(l) = v.get("label") {
            return l.clone();
        }
        let id = id_text(v).unwrap_or_default();
        field
            .options()
            .iter()
            .find(|o| o.id_text() == id)
            .map_or_else(|| v.clone(), |o| Value::String(o.label.clone()))
    };
    match (field.field_type.as_str(), value) {
        ("set", Value::Array(items)) => Value::Array(items.iter().map(label).collect()),
        ("set", Value::String(s)) => Value::Array(
            s.split(',')
                .filter(|x| !x.trim().is_empty())
                .map(|x| label(&Value::String(x.trim().to_string())))
                .collect(),
        ),
        (_, v) => label(v),
    }
}

/// The custom fields by name; empty ones are left out.
pub fn custom_by_name(fields: Option<&Value>, meta: &Meta) -> Map<String, Value> {
    let Some(Value::Object(fields)) = fields else {
        return Map::new();
    };
    fields
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(key, v)| match meta.custom_by_key(key) {
            Some(f) if !f.options().is_empty() => (f.field_name.clone(), option_labels(f, v)),
            Some(f) => (f.field_name.clone(), v.clone()),
            // A field created since the metadata was cached still shows, under its key.
            None => (key.clone(), v.clone()),
        })
        .collect()
}

/// The stage's `deal_probability`, the default of a deal without its own `probability`; none
/// where the pipeline has deal probability switched off (`is_deal_probability_enabled`).
fn stage_probability(meta: &Meta, stage: &Ref, pipeline: Option<&Ref>) -> Option<Decimal> {
    let stage = meta.stage(&stage.id)?;
    let pipeline = meta.pipeline(pipeline.map_or(&stage.pipeline_id, |p| &p.id));
    if pipeline.and_then(|p| p.is_deal_probability_enabled) == Some(false) {
        return None;
    }
    stage.deal_probability.as_ref().and_then(decimal_from_json)
}

/// A deal as Pipedrive's JSON has it (v2, or v1's merge answer); `raw`: the JSON is kept as
/// [`Deal::raw`].
pub fn to_deal(value: Value, meta: &Meta, raw: bool) -> Result<Deal> {
    // Only a deal kept whole for `raw` has its fields copied; otherwise they are moved out.
    let (deal, raw) = if raw {
        (DealObject::deserialize(&value), Some(value))
    } else {
        (serde_json::from_value(value), None)
    };
    let DealObject(wire) =
        deal.map_err(|e| Error::internal(format!("Pipedrive sent a deal crm cannot read: {e}")))?;
    wire_to_deal(wire, meta, raw)
}

/// A deal read as its [`DealWire`]; `raw`: Pipedrive's whole JSON of it, kept as [`Deal::raw`].
pub fn wire_to_deal(wire: DealWire, meta: &Meta, raw: Option<Value>) -> Result<Deal> {
    let id = wire
        .id
        .as_ref()
        .and_then(id_text)
        .ok_or_else(|| Error::internal("Pipedrive sent a deal without an id"))?;
    let mut deal = Deal::new(Vendor::Pipedrive, id);
    deal.name = string(wire.title);
    deal.amount = wire.value.as_ref().and_then(decimal_from_json);
    deal.currency = string(wire.currency);
    deal.pipeline = wire.pipeline_id.as_ref().and_then(id_text).map(|id| Ref {
        name: meta.pipeline(&id).map(|p| p.name.clone()),
        id,
    });
    deal.stage = wire.stage_id.as_ref().and_then(id_text).map(|id| Ref {
        name: meta.stage(&id).map(|s| s.name.clone()),
        id,
    });
    deal.status = status_of(wire.status.as_ref());
    // A deleted deal keeps its real status (a `status: deleted` says none, so none is shown);
    // `is_archived` is Pipedrive's own archive, a live deal put aside.
    deal.deleted = wire.is_deleted.as_ref().and_then(Value::as_bool) == Some(true)
        || wire.status.as_ref().and_then(Value::as_str) == Some("deleted");
    deal.archived = wire.is_archived.as_ref().and_then(Value::as_bool) == Some(true);
    // v1 (the merge answer) calls the owner `user_id`.
    deal.owner = wire
        .owner_id
        .or(wire.user_id)
        .as_ref()
        .and_then(id_text)
        .map(|id| Ref {
            name: meta.user(&id).map(|u| u.name.clone()),
            id,
        });
    deal.close_date = wire
        .expected_close_date
        .as_ref()
        .and_then(Value::as_str)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    deal.probability = wire
        .probability
        .as_ref()
        .and_then(decimal_from_json)
        .or_else(|| stage_probability(meta, deal.stage.as_ref()?, deal.pipeline.as_ref()));
    deal.contacts = wire
        .person_id
        .as_ref()
        .and_then(id_text)
        .into_iter()
        .collect();
    deal.company = wire.org_id.as_ref().and_then(id_text);
    deal.tags = match (wire.labels, wire.label_ids) {
        // `include_labels=true` carries the names with the ids.
        (Some(Value::Array(labels)), _) => labels
            .iter()
            .filter_map(|l| l.get("label").and_then(Value::as_str).map(str::to_string))
            .collect(),
        (_, Some(Value::Array(ids))) => ids
            .iter()
            .filter_map(id_text)
            .map(|id| meta.label_name(&id).map_or(id.clone(), str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    deal.custom = custom_by_name(wire.custom_fields.as_ref(), meta);
    deal.created_at = parse_time(wire.add_time.as_ref());
    deal.updated_at = parse_time(wire.update_time.as_ref());
    deal.url = meta.deal_url(&deal.id);
    deal.raw = raw;
    Ok(deal)
}

fn string(value: Option<Value>) -> Option<String> {
    match value {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// The person ids of `GET /api/v1/deals/{id}/participants` items.
pub fn participant_person(item: &Value) -> Option<String> {
    item.get("person_id")
        .and_then(id_text)
        .or_else(|| item.pointer("/person/id").and_then(id_text))
}

/// Adds participants to a deal's contacts after its primary person, without repeats.
pub fn add_contacts(deal: &mut Deal, people: impl IntoIterator<Item = String>) {
    for p in people {
        if !deal.contacts.contains(&p) {
            deal.contacts.push(p);
        }
    }
}

/// One deal, as `GET /api/v2/deals/{id}` answers it (`{"success", "data"}`), read on the example
/// metadata: the fuzz targets' entry point (`fuzz/`).
#[doc(hidden)]
pub fn fuzz_deal(bytes: &[u8]) -> Result<Deal> {
    let body: Value = serde_json::from_slice(bytes).map_err(Error::internal)?;
    to_deal(
        body.get("data").cloned().unwrap_or(Value::Null),
        &Meta::example(),
        true,
    )
}

/// The deal of the v2 `GET /deals` example in Pipedrive's OpenAPI file, with custom fields.
#[cfg(test)]
pub(super) fn documented_deal() -> Value {
    serde_json::from_str(
        r#"{
            "id": 1, "title": "Deal Title", "creator_user_id": 1, "owner_id": 1, "value": 200,
            "person_id": 1, "org_id": 1, "stage_id": 1, "pipeline_id": 1, "currency": "USD",
            "archive_time": "2021-01-01T00:00:00Z", "add_time": "2021-01-01T00:00:00Z",
            "update_time": "2021-01-01T00:00:00Z", "stage_change_time": "2021-01-01T00:00:00Z",
            "status": "open", "is_archived": false, "is_deleted": false, "probability": 90,
            "lost_reason": "Lost Reason", "visible_to": 7, "close_time": "2021-01-01T00:00:00Z",
            "expected_close_date": "2021-01-01", "label_ids": [1, 2, 3], "origin": "ManuallyCreated",
            "custom_fields": {
                "dcf558aac1ae4e8c4f849ba5e668430d8df9be12": 31,
                "a3ac4e9e4c2b9d1f7c4b9f0b5d6e7f8a9b0c1d2e": [41, 42],
                "5e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f": 12.5,
                "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c": null
            }
        }"#,
    )
    .unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_documented_example() {
        let meta = Meta::example();
        let deal = to_deal(documented_deal(), &meta, false).unwrap();
        assert_eq!(deal.id, "1");
        assert_eq!(deal.vendor, Vendor::Pipedrive);
        assert_eq!(deal.name.as_deref(), Some("Deal Title"));
        assert_eq!(deal.amount.unwrap().to_string(), "200");
        assert_eq!(deal.pipeline.as_ref().unwrap().label(), "Sales");
        assert_eq!(deal.stage.as_ref().unwrap().label(), "Qualified");
        assert_eq!(deal.owner.as_ref().unwrap().label(), "Ana Lima");
        assert_eq!(deal.status, Some(Status::Open));
        assert_eq!(deal.close_date.unwrap().to_string(), "2021-01-01");
        assert_eq!(deal.probability.unwrap().to_string(), "90");
        assert_eq!(deal.contacts, ["1"]);
        assert_eq!(deal.company.as_deref(), Some("1"));
        // Label 3 is not in the metadata: its id shows rather than nothing.
        assert_eq!(deal.tags, ["Hot", "Warm", "3"]);
        assert_eq!(
            Value::Object(deal.custom.clone()),
            json!({"Region": "EMEA", "Channels": ["Web", "Phone"], "Seats": 12.5})
        );
        assert_eq!(
            deal.created_at.unwrap().to_rfc3339(),
            "2021-01-01T00:00:00+00:00"
        );
        assert_eq!(
            deal.url.as_deref(),
            Some("https://acme.pipedrive.com/deal/1")
        );
        assert!(deal.raw.is_none());
        assert!(to_deal(documented_deal(), &meta, true)
            .unwrap()
            .raw
            .is_some());
    }

    /// A deleted deal keeps its real status with `deleted: true`; Pipedrive's own archive is
    /// `archived: true` (the v2 deal's `is_deleted` and `is_archived`).
    #[test]
    fn deleted_and_archived_are_flags_beside_the_real_status() {
        let meta = Meta::example();
        let mut wire = documented_deal();
        assert!(!to_deal(wire.clone(), &meta, false).unwrap().deleted);
        wire["is_deleted"] = json!(true);
        wire["status"] = json!("won");
        let deal = to_deal(wire.clone(), &meta, false).unwrap();
        assert!(deal.deleted && !deal.archived);
        assert_eq!(deal.status, Some(Status::Won));
        let json = serde_json::to_value(&deal).unwrap();
        assert_eq!(json["deleted"], true);
        assert!(json.get("archived").is_none(), "absent unless true");
        wire["is_deleted"] = json!(false);
        wire["is_archived"] = json!(true);
        let deal = to_deal(wire, &meta, false).unwrap();
        assert!(deal.archived && !deal.deleted);
        assert!(serde_json::to_value(&deal)
            .unwrap()
            .get("deleted")
            .is_none());
    }

    /// Pipedrive's `probability` is the deal's own; without one the stage's `deal_probability`
    /// applies (v2 stages, "used when the deal weighted values are used"), unless the pipeline
    /// has deal probability switched off.
    #[test]
    fn probability_is_the_deals_else_its_stages() {
        let mut meta = Meta::example();
        let mut v = documented_deal();
        v["probability"] = Value::Null;
        v["stage_id"] = json!(2);
        let deal = to_deal(v.clone(), &meta, false).unwrap();
        assert_eq!(deal.probability.unwrap().to_string(), "60");
        meta.pipelines[0].is_deal_probability_enabled = Some(false);
        assert_eq!(to_deal(v, &meta, false).unwrap().probability, None);
    }

    #[test]
    fn values_are_exact_from_the_json_text() {
        let meta = Meta::example();
        for (text, want) in [
            ("0.1", "0.1"),
            ("1e2", "100"),
            ("12345678901234.56", "12345678901234.56"),
        ] {
            let v: Value =
                serde_json::from_str(&format!(r#"{{"id": 5, "value": {text}}}"#)).unwrap();
            assert_eq!(
                to_deal(v, &meta, false)
                    .unwrap()
                    .amount
                    .unwrap()
                    .to_string(),
                want
            );
        }
    }

    #[test]
    fn option_objects_comma_sets_and_v1_times() {
        let meta = Meta::example();
        let v = json!({
            "id": 9, "user_id": {"id": 2, "name": "Bo Berg", "value": 2},
            "add_time": "2024-05-06 07:08:09", "status": "lost",
            "labels": [{"id": 2, "label": "Warm"}],
            "custom_fields": {
                "dcf558aac1ae4e8c4f849ba5e668430d8df9be12": {"id": 32, "label": "APAC"},
                "a3ac4e9e4c2b9d1f7c4b9f0b5d6e7f8a9b0c1d2e": "41,42",
                "ffffffffffffffffffffffffffffffffffffffff": "new field"
            }
        });
        let deal = to_deal(v, &meta, false).unwrap();
        assert_eq!(deal.owner.unwrap().label(), "Bo Berg");
        assert_eq!(deal.status, Some(Status::Lost));
        assert_eq!(deal.tags, ["Warm"]);
        assert_eq!(
            deal.created_at.unwrap().to_rfc3339(),
            "2024-05-06T07:08:09+00:00"
        );
        assert_eq!(deal.custom["Region"], "APAC");
        assert_eq!(deal.custom["Channels"], json!(["Web", "Phone"]));
        assert_eq!(
            deal.custom["ffffffffffffffffffffffffffffffffffffffff"],
            "new field"
        );
    }

    #[test]
    fn participants_join_the_primary_person() {
        let mut deal = Deal::new(Vendor::Pipedrive, "1");
        deal.contacts = vec!["7".into()];
        let items = [
            json!({"id": 1, "person_id": {"name": "A", "value": 7}}),
            json!({"id": 2, "person": {"id": 8}}),
        ];
        add_contacts(&mut deal, items.iter().filter_map(participant_person));
        assert_eq!(deal.contacts, ["7", "8"]);
    }
}
