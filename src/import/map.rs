//! The mapping file of a migration (`--map FILE`, TOML or JSON): which pipeline, stage, owner and
//! custom field of the source each name becomes in the target, and what to do with the names the
//! map does not list and the target does not have.
//!
//! ```toml
//! [pipelines]
//! "Sales Pipeline" = "Renewals"           # map to
//! [stages]
//! "Sales Pipeline/Contract Sent" = "Contract Sent"   # a stage of one source pipeline
//! "Closed Won" = "Closed Won"              # a stage of any source pipeline
//! [owners]
//! "Ada Lovelace" = "grace.hopper@example.com"
//! [custom]
//! legacy_code = false                     # drop
//! [missing]                               # reject (default) | drop | keep
//! owners = "drop"
//! [defaults]                              # for records that lack the field in the target
//! contacts = ["5101"]                     # e.g. a CRM that requires a contact on create
//! ```
//!
//! A target without tags (HubSpot) takes `tags = false` (drop them) or `tags = "deal_tags"` (keep
//! them, joined by `;`, in that custom field), written before the first table.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::model::{Pipeline, User};

/// What one listed name becomes: another name, or (`false`) nothing.
#[derive(Debug, Clone)]
pub enum MapTo {
    /// A name or an id of the target: `"Renewals"`, `7`, `{name = "Renewals"}` or `{id = "7"}`
    /// (the forms a deal's JSON takes, read by the same rule).
    Name(String),
    /// `false` drops the field; `true` keeps the name as it is.
    Keep(bool),
}

impl<'de> Deserialize<'de> for MapTo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Bool(keep) => Ok(MapTo::Keep(keep)),
            value => match crate::model::ref_text("the map's value", &value) {
                Ok(Some(name)) => Ok(MapTo::Name(name)),
                Ok(None) => Err(serde::de::Error::custom(
                    "a map's value is a name, an id, {name = …}, {id = …}, or true/false",
                )),
                Err(e) => Err(serde::de::Error::custom(e)),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    /// The record fails with a message naming the missing name.
    #[default]
    Reject,
    /// The field is left out of the record.
    Drop,
    /// The name goes through as it is (the target decides).
    Keep,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Missing {
    #[serde(default)]
    pub pipelines: Policy,
    #[serde(default)]
    pub stages: Policy,
    #[serde(default)]
    pub owners: Policy,
    /// Custom fields the map does not list: kept unless this says otherwise.
    #[serde(default = "keep")]
    pub custom: Policy,
}

fn keep() -> Policy {
    Policy::Keep
}

impl Default for Missing {
    fn default() -> Self {
        Missing {
            pipelines: Policy::Reject,
            stages: Policy::Reject,
            owners: Policy::Reject,
            custom: Policy::Keep,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    #[serde(default)]
    pub pipelines: BTreeMap<String, MapTo>,
    #[serde(default)]
    pub stages: BTreeMap<String, MapTo>,
    #[serde(default)]
    pub owners: BTreeMap<String, MapTo>,
    #[serde(default)]
    pub custom: BTreeMap<String, MapTo>,
    #[serde(default)]
    pub missing: Missing,
    /// Keep contact and company ids: only when the target has the same ids (the same account).
    #[serde(default)]
    pub keep_associations: bool,
    /// Common-model fields given to every record that has none after mapping.
    #[serde(default)]
    pub defaults: Map<String, Value>,
    /// Tags, for a target that has none: `false` drops them, a name keeps them in that custom
    /// field (joined by `;`). Unset, tags go to the target as they are.
    #[serde(default)]
    pub tags: Option<MapTo>,
    /// Records from another CRM with no `--map`: names are matched as they are, never the
    /// source's ids, and what the target lacks is reported with a pointer to `--map`.
    #[serde(skip)]
    pub implicit: bool,
}

/// The target's names, to tell which source names it lacks.
pub struct TargetNames {
    pub pipelines: Vec<Pipeline>,
    pub users: Vec<User>,
    /// The target's custom field names (read for records from another CRM only).
    pub custom: Vec<String>,
}

impl Mapping {
    /// The mapping of records from another CRM when no `--map` is given: every name as it is.
    pub fn implicit() -> Mapping {
        Mapping {
            implicit: true,
            ..Mapping::default()
        }
    }

    pub fn load(path: &str) -> Result<Mapping> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::usage(format!("cannot read the map {path}: {e}")))?;
        Mapping::parse(&text).map_err(|e| {
            Error::usage_hint(
                format!("the map {path} is not valid: {e}"),
                "see `crm deals import --help` for the map's tables: pipelines, stages, owners, custom, \
                 missing, defaults; and tags",
            )
        })
    }

    /// A map's text: JSON when it starts with `{`, else TOML.
    pub fn parse(text: &str) -> std::result::Result<Mapping, String> {
        if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| e.to_string())
        } else {
            toml::from_str(text).map_err(|e| e.to_string())
        }
    }

    /// Rewrites one exported deal's names into the target's, in place.
    pub fn apply(
        &self,
        deal: &mut Map<String, Value>,
        target: &TargetNames,
    ) -> std::result::Result<(), String> {
        if self.implicit {
            // The source's ids mean nothing in another CRM: a reference goes by its name.
            for kind in ["pipeline", "stage", "owner"] {
                if let Some(id) = nameless_ref(deal.get(kind)) {
                    return Err(format!(
                        "{kind} {id} has no name in the record, and ids do not carry over from \
                         another CRM: give the {kind}'s name, or --map FILE with [missing] \
                         {kind}s = \"drop\" (see `crm deals import --help`)"
                    ));
                }
            }
        }
        let source_pipeline = ref_name(deal.get("pipeline"));
        let pipeline = match &source_pipeline {
            Some(name) => self.map_one(
                "pipeline",
                name,
                self.pipelines.get(name),
                self.missing.pipelines,
                |n| target.pipeline(n).is_some(),
            )?,
            None => None,
        };
        set_or_remove(deal, "pipeline", pipeline.clone());

        if let Some(name) = ref_name(deal.get("stage")) {
            let listed = source_pipeline
                .as_ref()
                .and_then(|p| self.stages.get(&format!("{p}/{name}")))
                .or_else(|| self.stages.get(&name));
            let scope = pipeline.as_deref().and_then(|p| target.pipeline(p));
            let stage = self.map_one("stage", &name, listed, self.missing.stages, |n| {
                target.has_stage(scope, n)
            })?;
            set_or_remove(deal, "stage", stage);
        }

        if let Some(name) = ref_name(deal.get("owner")) {
            let owner = self.map_one(
                "owner",
                &name,
                self.owners.get(&name),
                self.missing.owners,
                |n| target.has_user(n),
            )?;
            set_or_remove(deal, "owner", owner);
        }

        if let Some(Value::Object(custom)) = deal.remove("custom") {
            let mut out = Map::new();
            for (key, value) in custom {
                let key = if self.implicit {
                    target.custom_named(&key).unwrap_or(key)
                } else {
                    key
                };
                let name = match self.custom_rule(&key)? {
                    Some(MapTo::Name(n)) => Some(n.clone()),
                    Some(MapTo::Keep(true)) => Some(key.clone()),
                    Some(MapTo::Keep(false)) => None,
                    None => match self.missing.custom {
                        Policy::Keep => Some(key.clone()),
                        Policy::Drop => None,
                        Policy::Reject if value.is_null() => None,
                        Policy::Reject => {
                            return Err(format!(
                                "custom field {key:?} is not in the map: add it under [custom] \
                                 (a target name, or false to drop it)"
                            ))
                        }
                    },
                };
                if let Some(name) = name {
                    out.insert(name, value);
                }
            }
            deal.insert("custom".into(), Value::Object(out));
        }
        self.map_tags(deal);
        Ok(())
    }

    /// What `[custom]` says of a source field, by the one rule for field names: the key written
    /// exactly, else the one that matches ignoring case; several such keys are an error.
    fn custom_rule(&self, field: &str) -> std::result::Result<Option<&MapTo>, String> {
        let listed: Vec<(&String, &MapTo)> = self.custom.iter().collect();
        match crate::resolve::match_field(field, &listed, |(k, _)| vec![k.as_str()]) {
            crate::resolve::FieldMatch::One((_, rule)) => Ok(Some(rule)),
            crate::resolve::FieldMatch::None => Ok(None),
            crate::resolve::FieldMatch::Several(several) => Err(format!(
                "custom field {field:?} matches several [custom] entries of the map when case is \
                 ignored ({}): write it exactly",
                several
                    .iter()
                    .map(|(k, _)| format!("{k:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    fn map_tags(&self, deal: &mut Map<String, Value>) {
        let Some(rule) = &self.tags else {
            return;
        };
        let tags = deal.remove("tags");
        match (rule, tags) {
            (MapTo::Keep(true), Some(tags)) => {
                deal.insert("tags".into(), tags);
            }
            (MapTo::Name(field), Some(Value::Array(list))) if !list.is_empty() => {
                let text: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
                let custom = deal
                    .entry("custom")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(custom) = custom {
                    custom.insert(field.clone(), Value::String(text.join(";")));
                }
            }
            _ => {}
        }
    }

    /// Gives a record the `[defaults]` it lacks (a missing, null or empty field).
    pub fn fill_defaults(&self, deal: &mut Map<String, Value>) {
        for (key, value) in &self.defaults {
            let lacking = match deal.get(key) {
                None | Some(Value::Null) => true,
                Some(Value::Array(a)) => a.is_empty(),
                Some(Value::String(s)) => s.is_empty(),
                Some(_) => false,
            };
            if lacking {
                deal.insert(key.clone(), value.clone());
            }
        }
    }

    /// One name through the map: listed (to a name, or dropped), else kept when the target has
    /// it, else the policy for missing names.
    fn map_one(
        &self,
        kind: &str,
        name: &str,
        listed: Option<&MapTo>,
        policy: Policy,
        exists: impl Fn(&str) -> bool,
    ) -> std::result::Result<Option<String>, String> {
        match listed {
            Some(MapTo::Name(n)) => Ok(Some(n.clone())),
            Some(MapTo::Keep(true)) => Ok(Some(name.to_string())),
            Some(MapTo::Keep(false)) => Ok(None),
            None if exists(name) => Ok(Some(name.to_string())),
            None => match policy {
                Policy::Keep => Ok(Some(name.to_string())),
                Policy::Drop => Ok(None),
                Policy::Reject if self.implicit => Err(format!(
                    "{kind} {name:?} is not in this CRM (the record comes from another one): \
                     give --map FILE saying what it becomes, e.g. [{kind}s] {name:?} = \"…\" \
                     (see `crm deals import --help`)"
                )),
                Policy::Reject => Err(format!(
                    "{kind} {name:?} is not in the target and the map does not say what it becomes: \
                     add it under [{kind}s] (a target name, or false to drop it)"
                )),
            },
        }
    }
}

impl TargetNames {
    fn pipeline(&self, name: &str) -> Option<&Pipeline> {
        self.pipelines
            .iter()
            .find(|p| p.id == name || p.name.eq_ignore_ascii_case(name))
    }

    fn has_stage(&self, scope: Option<&Pipeline>, name: &str) -> bool {
        let pipelines: Vec<&Pipeline> = match scope {
            Some(p) => vec![p],
            None => self.pipelines.iter().collect(),
        };
        pipelines
            .iter()
            .flat_map(|p| &p.stages)
            .any(|s| s.id == name || s.name.eq_ignore_ascii_case(name))
    }

    /// The target's custom field whose name is `key`'s once case and separators are set aside
    /// (`external_id` is `External ID`), when exactly one is.
    fn custom_named(&self, key: &str) -> Option<String> {
        let loose = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let wanted = loose(key);
        let mut found = self.custom.iter().filter(|c| loose(c) == wanted);
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one.clone()),
            _ => None,
        }
    }

    fn has_user(&self, name: &str) -> bool {
        self.users.iter().any(|u| {
            u.id == name
                || u.name.eq_ignore_ascii_case(name)
                || u.email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(name))
        })
    }
}

/// The id of an exported reference that carries no name (`{"id": "7"}`).
fn nameless_ref(value: Option<&Value>) -> Option<String> {
    let object = value?.as_object()?;
    if object.get("name").is_some_and(|n| !n.is_null()) {
        return None;
    }
    object.get("id").map(|id| match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// The name of an exported reference (`{"id", "name"}`), or the text given.
fn ref_name(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.get("name").or_else(|| o.get("id")).and_then(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }),
        _ => None,
    }
}

fn set_or_remove(deal: &mut Map<String, Value>, key: &str, value: Option<String>) {
    match value {
        Some(v) => deal.insert(key.into(), Value::String(v)),
        None => deal.remove(key),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stage, Status};
    use serde_json::json;

    fn target() -> TargetNames {
        let stage = |id: &str, name: &str| Stage {
            id: id.into(),
            name: name.into(),
            pipeline_id: "p2".into(),
            status: Status::Open,
            probability: None,
        };
        TargetNames {
            pipelines: vec![Pipeline {
                id: "p2".into(),
                name: "Renewals".into(),
                stages: vec![stage("s1", "Renewal Due"), stage("s2", "Closed Won")],
            }],
            users: vec![User {
                id: "9".into(),
                name: "Grace Hopper".into(),
                email: Some("grace@example.com".into()),
                archived: false,
            }],
            custom: vec!["External ID".into(), "Region".into()],
        }
    }

    fn mapping() -> Mapping {
        toml::from_str(
            r#"
            [pipelines]
            "Sales Pipeline" = "Renewals"
            [stages]
            "Sales Pipeline/Appointment Scheduled" = "Renewal Due"
            [owners]
            "Ada Lovelace" = "grace@example.com"
            [custom]
            legacy = false
            region = "territory"
            [missing]
            owners = "drop"
            "#,
        )
        .unwrap()
    }

    fn deal() -> Map<String, Value> {
        json!({
            "pipeline": {"id": "default", "name": "Sales Pipeline"},
            "stage": {"id": "a", "name": "Appointment Scheduled"},
            "owner": {"id": "1", "name": "Ada Lovelace"},
            "custom": {"legacy": "x", "region": "EMEA"}
        })
        .as_object()
        .unwrap()
        .clone()
    }

    #[test]
    fn names_are_mapped_dropped_and_renamed() {
        let mut d = deal();
        mapping().apply(&mut d, &target()).unwrap();
        assert_eq!(d["pipeline"], "Renewals");
        assert_eq!(d["stage"], "Renewal Due");
        assert_eq!(d["owner"], "grace@example.com");
        assert_eq!(d["custom"], json!({"territory": "EMEA"}));
    }

    /// A map's `[custom]` keys follow the one rule for field names: Pipedrive exports "Region"
    /// where the map says `region`; two keys that differ only in case are refused.
    #[test]
    fn custom_keys_match_ignoring_case_when_unique() {
        let mut d = deal();
        d.insert("custom".into(), json!({"Region": "EMEA", "LEGACY": "x"}));
        mapping().apply(&mut d, &target()).unwrap();
        assert_eq!(d["custom"], json!({"territory": "EMEA"}));
        let mut twins = mapping();
        twins
            .custom
            .insert("REGION".into(), MapTo::Name("zone".into()));
        let mut d = deal();
        d.insert("custom".into(), json!({"Region": "EMEA"}));
        let e = twins.apply(&mut d, &target()).unwrap_err();
        assert!(e.contains("\"REGION\", \"region\""), "{e}");
        let mut d = deal();
        twins.apply(&mut d, &target()).unwrap();
        assert_eq!(d["custom"], json!({"territory": "EMEA"}), "exact wins");
    }

    #[test]
    fn missing_names_follow_the_policy() {
        let mut d = deal();
        d.insert("stage".into(), json!({"id": "b", "name": "Qualified"}));
        d.insert("owner".into(), json!({"id": "2", "name": "Nobody"}));
        let err = mapping().apply(&mut d.clone(), &target()).unwrap_err();
        assert!(err.contains("stage \"Qualified\""), "{err}");
        let mut m = mapping();
        m.missing.stages = Policy::Drop;
        m.apply(&mut d, &target()).unwrap();
        assert!(!d.contains_key("stage") && !d.contains_key("owner"));
        let m: Mapping =
            toml::from_str("[defaults]\ncontacts = [\"7\"]\ncurrency = \"EUR\"").unwrap();
        let mut d = json!({"currency": "USD", "contacts": []})
            .as_object()
            .unwrap()
            .clone();
        m.fill_defaults(&mut d);
        assert_eq!(d["contacts"], json!(["7"]));
        assert_eq!(d["currency"], "USD");
        // Names the target has pass through unlisted.
        let mut d = json!({"stage": "Closed Won", "pipeline": "Renewals"})
            .as_object()
            .unwrap()
            .clone();
        d.insert("custom".into(), json!({"unlisted": "x"}));
        Mapping::default().apply(&mut d, &target()).unwrap();
        assert_eq!(d["stage"], "Closed Won");
        assert_eq!(d["custom"]["unlisted"], "x");
    }

    #[test]
    fn records_from_another_crm_go_by_name_never_by_id() {
        let mut d = json!({
            "pipeline": {"id": "default", "name": "Renewals"},
            "stage": {"id": "x1", "name": "closed won"},
            "owner": {"id": "910901", "name": "Grace Hopper"},
            "custom": {"external_id": "EXT-1", "region": "EMEA", "other": "x"}
        })
        .as_object()
        .unwrap()
        .clone();
        Mapping::implicit().apply(&mut d, &target()).unwrap();
        assert_eq!(d["owner"], "Grace Hopper");
        assert_eq!(d["stage"], "closed won");
        assert_eq!(
            d["custom"],
            json!({"External ID": "EXT-1", "Region": "EMEA", "other": "x"})
        );
        let mut d = json!({"owner": {"id": "910904", "name": "Katherine Johnson"}})
            .as_object()
            .unwrap()
            .clone();
        let err = Mapping::implicit().apply(&mut d, &target()).unwrap_err();
        assert!(err.contains("owner \"Katherine Johnson\""), "{err}");
        assert!(err.contains("--map"), "{err}");
        let mut d = json!({"owner": {"id": "910904"}})
            .as_object()
            .unwrap()
            .clone();
        let err = Mapping::implicit().apply(&mut d, &target()).unwrap_err();
        assert!(err.contains("owner 910904 has no name"), "{err}");
    }

    #[test]
    fn map_values_take_the_forms_of_a_deal_json() {
        // Issue 15: a map's target written as {name = …} or {id = …}, as deals print them.
        let m: Mapping = toml::from_str(
            r#"
            [pipelines]
            "Sales Pipeline" = {name = "Renewals"}
            [stages]
            "Appointment Scheduled" = {id = "s1"}
            [owners]
            "Ada Lovelace" = {id = "9", name = "Grace Hopper"}
            "#,
        )
        .unwrap();
        let mut d = deal();
        d.remove("custom");
        m.apply(&mut d, &target()).unwrap();
        assert_eq!(d["pipeline"], "Renewals");
        assert_eq!(d["stage"], "s1");
        assert_eq!(d["owner"], "9");
        for bad in [
            "[stages]\nA = {}",
            "[stages]\nA = {nme = \"x\"}",
            "[stages]\nA = []",
        ] {
            assert!(toml::from_str::<Mapping>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tags_go_as_they_are_or_dropped_or_into_a_custom_field() {
        let with_tags = |m: &str| {
            let m: Mapping = toml::from_str(m).unwrap();
            let mut d = json!({"tags": ["hot", "q3"], "custom": {"region": "EMEA"}})
                .as_object()
                .unwrap()
                .clone();
            m.apply(&mut d, &target()).unwrap();
            d
        };
        assert_eq!(with_tags("")["tags"], json!(["hot", "q3"]));
        assert!(!with_tags("tags = false").contains_key("tags"));
        let kept = with_tags("tags = \"deal_tags\"");
        assert!(!kept.contains_key("tags"));
        assert_eq!(
            kept["custom"],
            json!({"region": "EMEA", "deal_tags": "hot;q3"})
        );
    }
}
