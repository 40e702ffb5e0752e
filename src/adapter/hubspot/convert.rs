//! HubSpot deals to and from the common model.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::meta::Meta;
use super::wire::Object;
use crate::error::{Error, Result};
use crate::model::{decimal_from_json, Deal, Ref, Status, Vendor};

/// The HubSpot-defined properties the common model maps; every read names them (HubSpot returns
/// only the properties a request asks for), plus the account's custom properties.
pub const MAPPED: [&str; 13] = [
    "dealname",
    "amount",
    "deal_currency_code",
    "pipeline",
    "dealstage",
    "hs_is_closed_won",
    "hs_is_closed",
    "hubspot_owner_id",
    "closedate",
    "hs_deal_stage_probability",
    "createdate",
    "hs_lastmodifieddate",
    "closed_lost_reason",
];

/// The common field names and the HubSpot property each one is written to.
pub const FIELD_PROPERTIES: [(&str, &str); 8] = [
    ("name", "dealname"),
    ("amount", "amount"),
    ("currency", "deal_currency_code"),
    ("pipeline", "pipeline"),
    ("stage", "dealstage"),
    ("owner", "hubspot_owner_id"),
    ("close_date", "closedate"),
    ("lost_reason", "closed_lost_reason"),
];

pub(super) fn parse_time(text: Option<&str>) -> Option<DateTime<Utc>> {
    let t = text?;
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(dt.with_timezone(&Utc));
    }
    t.parse::<i64>()
        .ok()
        .and_then(DateTime::from_timestamp_millis)
}

/// `closedate` is a date-time; the common model keeps its UTC date.
pub(super) fn parse_close_date(text: Option<&str>) -> Option<NaiveDate> {
    parse_time(text)
        .map(|t| t.date_naive())
        .or_else(|| text.and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()))
}

/// Written as midnight UTC of that date.
pub fn close_date_property(date: NaiveDate) -> String {
    format!("{date}T00:00:00.000Z")
}

fn status_of(object: &Object, meta: &Meta) -> Option<Status> {
    match (
        object.property("hs_is_closed_won"),
        object.property("hs_is_closed"),
    ) {
        (Some("true"), _) => Some(Status::Won),
        (_, Some("true")) => Some(Status::Lost),
        (_, Some("false")) => Some(Status::Open),
        _ => {
            let stage = meta.stage(object.property("pipeline"), object.property("dealstage")?)?;
            Some(meta.stage_status(stage))
        }
    }
}

pub fn to_deal(value: Value, meta: &Meta, raw: bool) -> Result<Deal> {
    let object: Object = serde_json::from_value(value.clone())
        .map_err(|e| Error::internal(format!("HubSpot sent a deal crm cannot read: {e}")))?;
    let mut deal = Deal::new(Vendor::Hubspot, &object.id);
    deal.name = object.property("dealname").map(str::to_string);
    deal.amount = object
        .property("amount")
        .and_then(|a| decimal_from_json(&Value::String(a.into())));
    deal.currency = object.property("deal_currency_code").map(str::to_string);
    let pipeline_id = object.property("pipeline");
    deal.pipeline = pipeline_id.map(|id| Ref {
        id: id.to_string(),
        name: meta.pipeline(id).map(|p| p.label.clone()),
    });
    deal.stage = object.property("dealstage").map(|id| Ref {
        id: id.to_string(),
        name: meta.stage(pipeline_id, id).map(|s| s.label.clone()),
    });
    deal.status = status_of(&object, meta);
    // A deal in the recycling bin is deleted, its real status kept (DESIGN §3).
    deal.deleted = object.archived;
    deal.owner = object.property("hubspot_owner_id").map(|id| Ref {
        id: id.to_string(),
        name: meta.owner(id).map(|o| o.display_name()),
    });
    deal.close_date = parse_close_date(object.property("closedate"));
    // HubSpot computes `hs_deal_stage_probability` from the stage; an answer without it (a
    // create's) reads the stage's own, so every output of a deal shows the same value.
    deal.probability = object
        .property("hs_deal_stage_probability")
        .and_then(|p| decimal_from_json(&Value::String(p.into())))
        .or_else(|| {
            meta.stage(pipeline_id, object.property("dealstage")?)?
                .probability()
        })
        .map(|p| (p * Decimal::from(100)).normalize());
    deal.contacts = object
        .associated("contacts")
        .into_iter()
        .map(|(id, _)| id)
        .fold(Vec::new(), |mut ids, id| {
            if !ids.contains(&id) {
                ids.push(id);
            }
            ids
        });
    deal.company = object
        .associated("companies")
        .into_iter()
        .find(|(_, kind)| kind == "deal_to_company")
        .map(|(id, _)| id);
    deal.custom = meta
        .custom_properties()
        .filter_map(|p| {
            object
                .properties
                .get(&p.name)
                .filter(|v| !v.is_null())
                .map(|v| (p.name.clone(), v.clone()))
        })
        .collect::<Map<_, _>>();
    deal.created_at = parse_time(object.created_at.as_deref())
        .or_else(|| parse_time(object.property("createdate")));
    deal.updated_at = parse_time(object.updated_at.as_deref())
        .or_else(|| parse_time(object.property("hs_lastmodifieddate")));
    deal.url = meta.deal_url(&deal.id);
    if raw {
        deal.raw = Some(value);
    }
    Ok(deal)
}

/// One deal object, as `GET /crm/v3/objects/deals/{id}` answers it, read on the example metadata:
/// the fuzz targets' entry point (`fuzz/`).
#[doc(hidden)]
pub fn fuzz_deal(bytes: &[u8]) -> Result<Deal> {
    let body = serde_json::from_slice(bytes).map_err(Error::internal)?;
    to_deal(body, &Meta::example(), true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The example deal of HubSpot's v3 documentation and OpenAPI file.
    fn documented_deal() -> Value {
        json!({
            "id": "512",
            "properties": {
                "amount": "1500.00",
                "closedate": "2019-12-07T16:50:06.678Z",
                "createdate": "2019-10-30T03:30:17.883Z",
                "dealname": "Custom data integrations",
                "dealstage": "presentationscheduled",
                "hs_lastmodifieddate": "2019-12-07T16:50:06.678Z",
                "hubspot_owner_id": "910901",
                "pipeline": "default",
                "hs_deal_stage_probability": "0.5",
                "region": "EMEA"
            },
            "associations": {
                "contacts": {"results": [{"id": "201", "type": "deal_to_contact"}]},
                "companies": {"results": [
                    {"id": "300", "type": "deal_to_company_unlabeled"},
                    {"id": "301", "type": "deal_to_company"}
                ]}
            },
            "createdAt": "2019-10-30T03:30:17.883Z",
            "updatedAt": "2019-12-07T16:50:06.678Z",
            "archived": false
        })
    }

    #[test]
    fn reads_the_documented_example() {
        let meta = Meta::example();
        let deal = to_deal(documented_deal(), &meta, false).unwrap();
        assert_eq!(deal.id, "512");
        assert_eq!(deal.name.as_deref(), Some("Custom data integrations"));
        assert_eq!(deal.amount.unwrap().to_string(), "1500.00");
        assert_eq!(serde_json::to_value(&deal).unwrap()["amount"], "1500");
        assert_eq!(deal.close_date.unwrap().to_string(), "2019-12-07");
        assert_eq!(
            deal.stage.as_ref().unwrap().name.as_deref(),
            Some("Presentation Scheduled")
        );
        assert_eq!(deal.pipeline.as_ref().unwrap().label(), "Sales Pipeline");
        assert_eq!(deal.owner.as_ref().unwrap().label(), "Ana Lima");
        assert_eq!(deal.status, Some(Status::Open));
        assert_eq!(deal.probability.unwrap().to_string(), "50");
        assert_eq!(deal.contacts, ["201"]);
        assert_eq!(deal.company.as_deref(), Some("301"));
        assert_eq!(deal.custom.get("region"), Some(&json!("EMEA")));
        assert!(deal.raw.is_none());
        let raw = to_deal(documented_deal(), &meta, true).unwrap();
        assert_eq!(raw.raw.unwrap()["id"], "512");
    }

    #[test]
    fn probability_without_the_property_is_the_stages() {
        let meta = Meta::example();
        let mut v = documented_deal();
        v["properties"]
            .as_object_mut()
            .unwrap()
            .remove("hs_deal_stage_probability");
        v["properties"]["dealstage"] = json!("contractsent");
        let deal = to_deal(v, &meta, false).unwrap();
        assert_eq!(deal.probability.unwrap().to_string(), "90");
    }

    #[test]
    fn status_comes_from_closed_flags() {
        let meta = Meta::example();
        let mut v = documented_deal();
        v["properties"]["hs_is_closed_won"] = json!("true");
        v["properties"]["hs_is_closed"] = json!("true");
        assert_eq!(
            to_deal(v.clone(), &meta, false).unwrap().status,
            Some(Status::Won)
        );
        v["properties"]["hs_is_closed_won"] = json!("false");
        assert_eq!(to_deal(v, &meta, false).unwrap().status, Some(Status::Lost));
    }

    #[test]
    fn close_dates_write_as_midnight_utc() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        assert_eq!(close_date_property(d), "2026-12-31T00:00:00.000Z");
    }
}
