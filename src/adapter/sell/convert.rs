//! Sell deals to the common model, and amounts to Sell's two-decimal strings.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::meta::{category_status, Meta};
use super::wire::id_text;
use crate::error::{Error, Result};
use crate::model::{decimal_from_json, Deal, Ref, Vendor};

fn text<'a>(data: &'a Value, key: &str) -> Option<&'a str> {
    data.get(key).and_then(Value::as_str)
}

fn id(data: &Value, key: &str) -> Option<String> {
    data.get(key).and_then(id_text)
}

fn time(data: &Value, key: &str) -> Option<DateTime<Utc>> {
    text(data, key)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// `estimated_close_date` is a date; a date-time is read as its UTC date.
fn close_date(data: &Value) -> Option<NaiveDate> {
    let t = text(data, "estimated_close_date")?;
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .or_else(|| time(data, "estimated_close_date").map(|d| d.date_naive()))
}

/// One deal's `data`, in the common shape. `contacts` holds the primary contact.
pub fn to_deal(data: Value, meta: &Meta, raw: bool) -> Result<Deal> {
    let deal_id =
        id(&data, "id").ok_or_else(|| Error::internal("Zendesk Sell sent a deal without an id"))?;
    let mut deal = Deal::new(Vendor::Sell, deal_id);
    deal.name = text(&data, "name").map(str::to_string);
    // A number (1000) or a two-decimal string ("1000.50"): both read exactly, never through f64.
    deal.amount = data.get("value").and_then(decimal_from_json);
    deal.currency = text(&data, "currency").map(str::to_string);
    if let Some(stage_id) = id(&data, "stage_id") {
        let stage = meta.stage(&stage_id);
        deal.stage = Some(Ref {
            id: stage_id.clone(),
            name: stage.map(|s| s.name.clone()),
        });
        if let Some(stage) = stage {
            deal.pipeline = Some(Ref {
                id: stage.pipeline_id.clone(),
                name: meta.pipeline(&stage.pipeline_id).map(|p| p.name.clone()),
            });
            deal.status = Some(category_status(stage.category.as_deref()));
        }
    }
    deal.owner = id(&data, "owner_id").map(|o| Ref {
        name: meta.user_name(&o),
        id: o,
    });
    deal.close_date = close_date(&data);
    // The deal's own likelihood, else its stage's (`likelihood` of `GET /v2/stages`).
    deal.probability = data
        .get("customized_win_likelihood")
        .and_then(decimal_from_json)
        .or_else(|| {
            let stage = meta.stage(&deal.stage.as_ref()?.id)?;
            stage.likelihood.map(Decimal::from)
        });
    deal.contacts = id(&data, "contact_id").into_iter().collect();
    deal.company = id(&data, "organization_id");
    deal.tags = data
        .get("tags")
        .and_then(Value::as_array)
        .map(|t| {
            t.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    deal.custom = data
        .get("custom_fields")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Map<_, _>>()
        })
        .unwrap_or_default();
    deal.created_at = time(&data, "created_at");
    deal.updated_at = time(&data, "updated_at");
    if raw {
        deal.raw = Some(data);
    }
    Ok(deal)
}

/// Sell keeps two decimals: an amount with more is refused rather than rounded.
pub fn amount_text(amount: Decimal) -> Result<String> {
    if amount.normalize().scale() > 2 {
        return Err(Error::usage_hint(
            format!("amount {amount} has more than two decimals, which Zendesk Sell does not keep"),
            "round the amount yourself, e.g. --amount 1500.25",
        ));
    }
    Ok(format!("{:.2}", amount))
}

/// The Zapier app's fixture folder under `CRM_SPECS_DIR` (default `../shared/specs`), if present.
/// Absent, the tests that read Sell's published data are skipped with a notice, except under
/// `CRM_REQUIRE_CONTRACT=1` (CI), where that is a failure.
/// One deal in Sell's envelope (`{"data": {…}, "meta": {…}}`), as `GET /v2/deals/{id}` answers,
/// read on the example metadata: the fuzz targets' entry point (`fuzz/`).
#[doc(hidden)]
pub fn fuzz_deal(bytes: &[u8]) -> Result<Deal> {
    let body = serde_json::from_slice(bytes).map_err(Error::internal)?;
    let data = super::wire::data_of(body, "a deal")?;
    to_deal(data, &Meta::example(), true)
}

#[cfg(test)]
pub(crate) fn tests_fixtures() -> Option<std::path::PathBuf> {
    let specs = std::env::var("CRM_SPECS_DIR").unwrap_or_else(|_| "../shared/specs".into());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(specs);
    fixtures_in(
        &root,
        std::env::var("CRM_REQUIRE_CONTRACT").as_deref() == Ok("1"),
    )
}

#[cfg(test)]
fn fixtures_in(root: &std::path::Path, required: bool) -> Option<std::path::PathBuf> {
    let dir = root.join("zendesk-sell/fixtures/zendesk-sell-for-zapier/src");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        !required,
        "Sell's published fixtures are not under {} and CRM_REQUIRE_CONTRACT=1: set \
         CRM_SPECS_DIR to the vendors' files",
        root.display()
    );
    eprintln!("SKIPPED: Sell fixtures not found under {}", root.display());
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_fixtures_skip_only_when_they_are_not_required() {
        let nowhere = std::path::Path::new("/nonexistent/crm-specs");
        assert_eq!(fixtures_in(nowhere, false), None);
        let required = std::panic::catch_unwind(|| fixtures_in(nowhere, true));
        assert!(
            required.is_err(),
            "CRM_REQUIRE_CONTRACT=1 must fail, not skip"
        );
    }

    /// The deal of the seed's examples (Sell Deals reference).
    fn documented() -> Value {
        json!({"id": 1, "creator_id": 1, "owner_id": 7, "name": "Website Redesign", "value": "1000.50",
               "currency": "USD", "hot": true, "stage_id": 13, "last_stage_change_at": "2014-08-27T16:32:56Z",
               "source_id": 10, "loss_reason_id": null, "contact_id": 1, "organization_id": 2,
               "estimated_close_date": null, "customized_win_likelihood": 15, "tags": ["important"],
               "custom_fields": {"website": "http://www.coffeeshop.com"},
               "created_at": "2014-08-27T16:32:56Z", "updated_at": "2014-08-27T17:32:56Z"})
    }

    #[test]
    fn reads_the_documented_deal() {
        let d = to_deal(documented(), &Meta::example(), false).unwrap();
        assert_eq!(d.id, "1");
        assert_eq!(d.amount.unwrap().to_string(), "1000.50");
        assert_eq!(
            d.stage,
            Some(Ref {
                id: "13".into(),
                name: Some("Won".into())
            })
        );
        assert_eq!(
            d.pipeline,
            Some(Ref {
                id: "1".into(),
                name: Some("Sales".into())
            })
        );
        assert_eq!(d.status, Some(crate::model::Status::Won));
        assert_eq!(d.owner.as_ref().unwrap().label(), "Ana Lima");
        assert_eq!(d.probability.unwrap().to_string(), "15");
        assert_eq!(d.contacts, ["1"]);
        assert_eq!(d.company.as_deref(), Some("2"));
        assert_eq!(d.tags, ["important"]);
        assert_eq!(d.custom["website"], "http://www.coffeeshop.com");
        assert_eq!(d.close_date, None);
        assert_eq!(
            d.created_at.unwrap().to_rfc3339(),
            "2014-08-27T16:32:56+00:00"
        );
    }

    /// `customized_win_likelihood` is "user-provided" (seed 004); without it the stage's
    /// `likelihood` applies.
    #[test]
    fn probability_is_the_deals_else_its_stages() {
        let meta = Meta::example();
        let mut v = documented();
        v["customized_win_likelihood"] = Value::Null;
        let stage = meta.stage("13").unwrap().likelihood;
        assert!(stage.is_some(), "the example stage has a likelihood");
        let d = to_deal(v, &meta, false).unwrap();
        assert_eq!(d.probability, stage.map(Decimal::from));
    }

    #[test]
    fn values_come_as_numbers_or_strings() {
        let mut v = documented();
        v["value"] = json!(1000);
        assert_eq!(
            to_deal(v.clone(), &Meta::example(), false)
                .unwrap()
                .amount
                .unwrap()
                .to_string(),
            "1000"
        );
        v["value"] = json!("0.10");
        assert_eq!(
            to_deal(v, &Meta::example(), false)
                .unwrap()
                .amount
                .unwrap()
                .to_string(),
            "0.10"
        );
    }

    #[test]
    fn amounts_are_sent_with_two_decimals_or_refused() {
        assert_eq!(amount_text("1500".parse().unwrap()).unwrap(), "1500.00");
        assert_eq!(amount_text("1000.5".parse().unwrap()).unwrap(), "1000.50");
        assert_eq!(amount_text("1.500".parse().unwrap()).unwrap(), "1.50");
        assert_eq!(
            amount_text("1.505".parse().unwrap())
                .unwrap_err()
                .exit_code(),
            2
        );
    }

    /// Every deal fixture of Zendesk's own Zapier app reads (`CRM_SPECS_DIR`, skipped without it).
    #[test]
    fn reads_the_vendor_fixtures() {
        let Some(dir) = fixtures() else { return };
        let read = |p: &str| -> Value {
            serde_json::from_str(&std::fs::read_to_string(dir.join(p)).unwrap()).unwrap()
        };
        let many = read("deal/__test__/multipleDeals.fixture.json");
        let deals: Vec<Deal> = super::super::wire::items_of(&many)
            .into_iter()
            .map(|d| to_deal(d, &Meta::default(), false).unwrap())
            .collect();
        assert!(deals.len() >= 2);
        assert_eq!(deals[0].id, "51753911");
        assert_eq!(deals[0].amount.unwrap().to_string(), "0");
        assert_eq!(deals[0].custom["Very_Complicated.CustomField"], "XX OO XX");
        assert_eq!(deals[0].contacts, ["204996371"]);
        assert_eq!(deals[0].company.as_deref(), Some("204996235"));
        // A deal with an attribute the seed does not document (`state_id`) still reads.
        let one =
            super::super::wire::data_of(read("deal/__test__/singleDeal.fixture.json"), "a deal")
                .unwrap();
        let d = to_deal(one, &Meta::default(), false).unwrap();
        assert_eq!((d.id.as_str(), d.contacts[0].as_str()), ("123", "1234567"));
    }

    fn fixtures() -> Option<std::path::PathBuf> {
        super::tests_fixtures()
    }
}
