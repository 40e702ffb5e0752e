//! From an input record to a planned write: the record's JSON normalised (and mapped, in a
//! migration) into a [`DealInput`], the write it needs, and what it would change.

use serde_json::{json, Map, Value};

use super::map::{Mapping, TargetNames};
use crate::adapter::UpsertLinks;
use crate::model::{Deal, DealInput, Ref, Vendor, OUTPUT_ONLY_FIELDS};

/// The write one record needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Create,
    /// Update the deal with this id (the record carries an `id`).
    Update(String),
    /// Create or update the deal whose upsert key has this value.
    Upsert(String),
}

/// A record ready to write.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Position of the record in the input.
    pub index: usize,
    pub input: DealInput,
    pub action: Action,
}

/// How records become writes.
pub struct Rules<'a> {
    pub upsert_key: Option<&'a str>,
    /// A migration: names are mapped, and the source's ids mean nothing in the target.
    pub mapping: Option<(&'a Mapping, &'a TargetNames)>,
    /// Without `--map`, the mapping of records whose `vendor` is another CRM than `target`'s.
    pub foreign: Option<(&'a Mapping, &'a TargetNames)>,
    /// The CRM written to.
    pub target: Vendor,
}

impl Rules<'_> {
    /// Whether a record comes from another CRM than the target (its `vendor` says so).
    pub fn is_foreign(&self, value: &Value) -> bool {
        value
            .get("vendor")
            .and_then(Value::as_str)
            .is_some_and(|v| v.parse::<Vendor>().map_or(true, |v| v != self.target))
    }

    pub fn prepare(&self, value: Value) -> Result<(DealInput, Action), String> {
        let mapping = match (self.mapping, self.foreign) {
            (Some(m), _) => Some(m),
            (None, Some(m)) if self.is_foreign(&value) => Some(m),
            _ => None,
        };
        let Value::Object(mut deal) = value else {
            return Err("expected a JSON object for a deal".into());
        };
        let id = deal.remove("id");
        for key in OUTPUT_ONLY_FIELDS {
            deal.remove(key);
        }
        // HubSpot deals have no tags, and its export says so with an empty list.
        if deal
            .get("tags")
            .is_some_and(|t| t.as_array().is_some_and(Vec::is_empty))
        {
            deal.remove("tags");
        }
        if let Some((mapping, target)) = mapping {
            mapping.apply(&mut deal, target)?;
            // The stage decides the status in the target; the source's may disagree after mapping.
            if deal.contains_key("stage") {
                deal.remove("status");
            }
            if !mapping.keep_associations {
                deal.remove("contacts");
                deal.remove("company");
            }
            if let Some(Value::Object(custom)) = deal.get_mut("custom") {
                custom.retain(|_, v| !v.is_null());
            }
            mapping.fill_defaults(&mut deal);
        }
        let input = DealInput::from_json(Value::Object(deal))?;
        let action = match (self.upsert_key, id_text(id.as_ref())) {
            (Some(key), _) => Action::Upsert(key_value(&input, key)?),
            (None, Some(id)) if mapping.is_none() => {
                Action::Update(crate::model::check_id("deal", &id).map_err(|e| e.to_string())?)
            }
            (None, _) => Action::Create,
        };
        Ok((input, action))
    }
}

/// An update or upsert leaves a deal's contacts and company as they are (associations have their
/// own command), so a record exported with them imports back; the report says they were not applied.
///
/// An upsert does what the vendor declares ([`UpsertLinks`]): it keeps them all when the vendor's
/// upsert adds them, or only the first contact when it creates through the vendor's own create
/// (Sell cannot create a deal without its primary contact).
pub fn leave_associations(
    input: &mut DealInput,
    action: &Action,
    upsert_links: UpsertLinks,
) -> Option<String> {
    if *action == Action::Create || (input.contacts.is_empty() && input.company.is_none()) {
        return None;
    }
    if matches!(action, Action::Upsert(_)) {
        match upsert_links {
            UpsertLinks::All => return None,
            UpsertLinks::PrimaryContact => {
                let others = input.contacts.len() > 1;
                input.contacts.truncate(1);
                if input.company.take().is_none() && !others {
                    return None;
                }
                return Some(
                    "an upsert sets only the primary contact (the first): use `crm deals \
                     associate` for the company and other contacts"
                        .into(),
                );
            }
        }
    }
    input.contacts.clear();
    input.company = None;
    Some(
        "contacts and company are not changed by an update: use `crm deals associate` for them"
            .into(),
    )
}

fn id_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The record's value of the upsert key, a custom field.
fn key_value(input: &DealInput, key: &str) -> Result<String, String> {
    match input.custom.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        _ => Err(format!(
            "no value for the upsert key {key:?}: give it as \"custom\": {{\"{key}\": \"…\"}}"
        )),
    }
}

/// What an update would change: `{field: {"from": …, "to": …}}` for each field that differs.
pub fn diff(input: &DealInput, existing: &Deal) -> Map<String, Value> {
    let mut out = Map::new();
    let mut change = |field: &str, from: Value, to: Value| {
        out.insert(field.to_string(), json!({"from": from, "to": to}));
    };
    let text = |s: &Option<String>| json!(s);
    if let Some(name) = &input.name {
        if existing.name.as_ref() != Some(name) {
            change("name", text(&existing.name), json!(name));
        }
    }
    if let Some(amount) = input.amount {
        if existing.amount.map(|a| a.normalize()) != Some(amount.normalize()) {
            change(
                "amount",
                json!(existing.amount.map(crate::model::decimal_text)),
                json!(crate::model::decimal_text(amount)),
            );
        }
    }
    if let Some(currency) = &input.currency {
        if !existing
            .currency
            .as_ref()
            .is_some_and(|c| c.eq_ignore_ascii_case(currency))
        {
            change("currency", text(&existing.currency), json!(currency));
        }
    }
    for (field, wanted, have) in [
        ("pipeline", &input.pipeline, &existing.pipeline),
        ("stage", &input.stage, &existing.stage),
        ("owner", &input.owner, &existing.owner),
    ] {
        if let Some(wanted) = wanted {
            // A stage may be named "Pipeline/Stage" (crate::resolve::resolve_stage).
            let qualified = field == "stage"
                && wanted.split_once('/').is_some_and(|(p, s)| {
                    names(existing.pipeline.as_ref(), p.trim()) && names(have.as_ref(), s.trim())
                });
            if !qualified && !names(have.as_ref(), wanted) {
                change(
                    field,
                    json!(have.as_ref().map(|r| r.label().to_string())),
                    json!(wanted),
                );
            }
        }
    }
    if let Some(date) = input.close_date {
        if existing.close_date != Some(date) {
            change(
                "close_date",
                json!(existing.close_date.map(|d| d.to_string())),
                json!(date.to_string()),
            );
        }
    }
    if let Some(status) = input.status {
        if existing.status != Some(status) {
            change("status", json!(existing.status), json!(status));
        }
    }
    for (key, value) in &input.custom {
        let have = existing.custom.get(key).unwrap_or(&Value::Null);
        if plain(have) != plain(value) {
            change(&format!("custom.{key}"), have.clone(), value.clone());
        }
    }
    out
}

/// Whether a reference is the one a user named, by id or by name.
fn names(have: Option<&Ref>, wanted: &str) -> bool {
    have.is_some_and(|r| {
        r.id == wanted
            || r.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(wanted))
    })
}

/// A value as text, so `"5"` and `5`, or null and `""`, compare equal.
fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Vendor;

    fn rules(key: Option<&str>) -> Rules<'_> {
        Rules {
            upsert_key: key,
            mapping: None,
            foreign: None,
            target: Vendor::Hubspot,
        }
    }

    #[test]
    fn the_action_follows_id_and_key() {
        let exported = json!({"id": "12", "vendor": "hubspot", "name": "A", "tags": [],
            "stage": {"id": "s1", "name": "Won"}, "custom": {"external_id": "EXT-1"}});
        let (input, action) = rules(None).prepare(exported.clone()).unwrap();
        assert_eq!(action, Action::Update("12".into()));
        assert_eq!(input.stage.as_deref(), Some("s1"));
        assert_eq!(input.tags, None);
        let (_, action) = rules(Some("external_id")).prepare(exported).unwrap();
        assert_eq!(action, Action::Upsert("EXT-1".into()));
        let err = rules(Some("external_id"))
            .prepare(json!({"name": "B"}))
            .unwrap_err();
        assert!(err.contains("upsert key"), "{err}");
        assert!(rules(None).prepare(json!({"amount": "1,5"})).is_err());
        assert!(rules(None).prepare(json!({"id": "../x"})).is_err());
    }

    #[test]
    fn diff_names_only_what_changes() {
        let mut deal = Deal::new(Vendor::Hubspot, "1");
        deal.name = Some("A".into());
        deal.amount = Some("10.50".parse().unwrap());
        deal.stage = Some(Ref {
            id: "s1".into(),
            name: Some("Won".into()),
        });
        deal.custom.insert("region".into(), json!("EMEA"));
        let (input, _) = rules(None)
            .prepare(json!({"name": "A", "amount": "10.5", "stage": "won",
                "custom": {"region": "APAC"}}))
            .unwrap();
        let d = diff(&input, &deal);
        assert_eq!(d.keys().collect::<Vec<_>>(), ["custom.region"]);
        assert_eq!(d["custom.region"], json!({"from": "EMEA", "to": "APAC"}));
    }
}
