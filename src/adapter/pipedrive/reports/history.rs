//! `deals history`: the deal's changelog (`GET /api/v1/deals/{id}/changelog`, cursor-paged, 20
//! tokens a page), and, for the stage changes it may lack, the `dealChange` items of the deal's
//! flow (`GET /api/v1/deals/{id}/flow`, offset-paged, 40 tokens a page; asked only when stage
//! changes are wanted). Keys become the common field names, ids the names people read.
//!
//! A changelog item (openapi-v1 `GetChangelogResponse`): `field_key`, `old_value`, `new_value`
//! (strings), `actor_user_id`, `time` (`YYYY-MM-DD HH:MM:SS`, UTC), `change_source`. A flow
//! `dealChange` item carries the same in `data` (`user_id` for the actor, `log_time`), its
//! values sometimes as numbers.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::super::convert::parse_time;
use super::super::meta::Meta;
use super::super::wire::{data_items, id_text, next_cursor};
use super::super::{costs, v1, Pipedrive};
use crate::adapter::error::no_such_deal;
use crate::adapter::reports::history_fields;
use crate::error::{Error, Result};
use crate::http::Request;
use crate::model::{decimal_from_json, decimal_text, Vendor};
use crate::reports::Change;

/// The changelog's page size: openapi-v1 sets no maximum for its `limit`; Pipedrive's
/// cursor-paged lists take at most 500 (seed 003, "a maximum value of 500 is allowed").
const CHANGELOG_PAGE: usize = 500;
/// The flow's page size: the offset-paged lists of a deal take at most 100 (seed 003, "List
/// files attached to a deal": "a maximum value of 100 is allowed").
const FLOW_PAGE: usize = 100;

/// The fields the common deal has, by common name, with Pipedrive's keys for each: the v1 key
/// the changelog writes, then the v2 field code where it differs (v1 deals call the owner
/// `user_id` and the labels `label`, v2 `owner_id` and `label_ids`).
const COMMON: [(&str, &[&str]); 12] = [
    ("name", &["title"]),
    ("amount", &["value"]),
    ("currency", &["currency"]),
    ("stage", &["stage_id"]),
    ("pipeline", &["pipeline_id"]),
    ("owner", &["user_id", "owner_id"]),
    ("status", &["status"]),
    ("close_date", &["expected_close_date"]),
    ("probability", &["probability"]),
    ("company", &["org_id"]),
    ("contact", &["person_id"]),
    ("tags", &["label", "label_ids"]),
];

/// The common name of Pipedrive's key `key`, if the common deal has the field.
fn common_name(key: &str) -> Option<&'static str> {
    COMMON
        .iter()
        .find(|(name, keys)| *name == key || keys.contains(&key))
        .map(|(name, _)| *name)
}

/// Comma-separated option ids as their labels (`label_of`), an unknown id as itself.
fn labels<'a>(ids: &str, label_of: impl Fn(&str) -> Option<&'a str>) -> String {
    ids.split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| label_of(id).unwrap_or(id).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One change as Pipedrive wrote it, before names replace keys and ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct WireChange {
    key: String,
    time: DateTime<Utc>,
    old: Option<String>,
    new: Option<String>,
    actor: Option<String>,
    source: Option<String>,
}

impl WireChange {
    /// A changelog item, or a flow `dealChange` item's `data`.
    fn read(item: &Value) -> Result<WireChange> {
        let key = item
            .get("field_key")
            .and_then(Value::as_str)
            .ok_or_else(|| unreadable("a change without field_key"))?;
        let time = parse_time(item.get("time").or_else(|| item.get("log_time")))
            .ok_or_else(|| unreadable("a change without its time"))?;
        Ok(WireChange {
            key: key.to_string(),
            time,
            old: text(item.get("old_value")),
            new: text(item.get("new_value")),
            actor: item
                .get("actor_user_id")
                .or_else(|| item.get("user_id"))
                .and_then(id_text),
            source: text(item.get("change_source")),
        })
    }

    /// What makes two reports of a change the same one.
    fn identity(&self) -> (&str, DateTime<Utc>, &Option<String>, &Option<String>) {
        (&self.key, self.time, &self.old, &self.new)
    }
}

fn unreadable(what: &str) -> Error {
    Error::internal(format!(
        "Pipedrive sent a deal changelog crm cannot read: {what}"
    ))
}

/// A value as text: strings as they are, numbers as written.
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

impl Pipedrive {
    pub(super) async fn deal_history(&self, id: &str, fields: &[String]) -> Result<Vec<Change>> {
        let meta = self.meta().await?;
        let wanted = wanted(fields, &meta)?;
        let wants = |name: &str| wanted.as_ref().is_none_or(|w| w.iter().any(|n| n == name));
        let mut changes = self.changelog(id).await?;
        if wants("stage") {
            let known: HashSet<_> = changes.iter().map(WireChange::identity).collect();
            let missing: Vec<WireChange> = self
                .flow_stage_changes(id)
                .await?
                .into_iter()
                .filter(|c| !known.contains(&c.identity()))
                .collect();
            changes.extend(missing);
        }
        // Both lists come newest first: oldest first, the same change once.
        changes.reverse();
        changes.sort_by_key(|c| c.time);
        let mut seen = HashSet::new();
        changes.retain(|c| seen.insert(c.clone()));
        Ok(changes
            .into_iter()
            .map(|c| to_change(c, &meta))
            .filter(|c| wants(&c.field))
            .collect())
    }

    async fn changelog(&self, id: &str) -> Result<Vec<WireChange>> {
        let mut changes = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut request =
                Request::get(v1(&["deals", id, "changelog"])).query("limit", CHANGELOG_PAGE);
            if let Some(c) = &cursor {
                request = request.query("cursor", c);
            }
            let body = self
                .send(request, costs::CHANGELOG)
                .await
                .map_err(|e| no_such_deal(Vendor::Pipedrive, e, id))?;
            for item in data_items(&body) {
                changes.push(WireChange::read(&item)?);
            }
            let next = next_cursor(&body);
            // A server that answers the same cursor again would page forever.
            if next.is_none() || next == cursor {
                return Ok(changes);
            }
            cursor = next;
        }
    }

    /// The stage changes among the flow's `dealChange` items.
    async fn flow_stage_changes(&self, id: &str) -> Result<Vec<WireChange>> {
        let mut changes = Vec::new();
        let mut seen = HashSet::new();
        let mut start = 0;
        loop {
            let request = Request::get(v1(&["deals", id, "flow"]))
                .query("start", start)
                .query("limit", FLOW_PAGE)
                .query("items", "dealChange");
            let body = self
                .send(request, costs::FLOW)
                .await
                .map_err(|e| no_such_deal(Vendor::Pipedrive, e, id))?;
            let page = data_items(&body);
            let fresh: Vec<&Value> = page
                .iter()
                .filter(|item| seen.insert(item.to_string()))
                .collect();
            // A server that answers the same page again would page forever.
            if fresh.is_empty() {
                return Ok(changes);
            }
            for item in fresh {
                let data = item.get("data").unwrap_or(&Value::Null);
                let is_stage = item.get("object").and_then(Value::as_str) == Some("dealChange")
                    && data.get("field_key").and_then(Value::as_str) == Some("stage_id");
                if is_stage {
                    changes.push(WireChange::read(data)?);
                }
            }
            // openapi-v1's schema puts `more_items_in_collection` in `additional_data`, its
            // example under `additional_data.pagination`.
            let paging = body
                .pointer("/additional_data/pagination")
                .or_else(|| body.get("additional_data"));
            let more = paging
                .and_then(|p| p.get("more_items_in_collection"))
                .and_then(Value::as_bool)
                == Some(true);
            if !more {
                return Ok(changes);
            }
            start = paging
                .and_then(|p| p.get("next_start"))
                .and_then(Value::as_u64)
                .unwrap_or(start + page.len() as u64);
        }
    }
}

/// A field the history can show: the name it is shown by and the names a user may type.
struct Field {
    name: String,
    aliases: Vec<String>,
}

/// Every field name of the account's deals: the common ones (or Pipedrive's key for them), the
/// custom fields as `custom.<name>` (or their key), and Pipedrive's other deal fields by their
/// key.
fn known_fields(meta: &Meta) -> Vec<Field> {
    let common = COMMON.iter().map(|(name, keys)| Field {
        name: name.to_string(),
        aliases: keys.iter().map(|k| k.to_string()).collect(),
    });
    let custom = meta.custom_fields().map(|f| Field {
        name: format!("custom.{}", f.field_name),
        aliases: vec![format!("custom.{}", f.field_code)],
    });
    let others = meta
        .fields
        .iter()
        .filter(|f| !f.is_custom_field && common_name(&f.field_code).is_none())
        .map(|f| Field {
            name: f.field_code.clone(),
            aliases: Vec::new(),
        });
    common.chain(custom).chain(others).collect()
}

/// The names `field` goes by: the one it is shown by first.
fn names(field: &Field) -> Vec<&str> {
    std::iter::once(field.name.as_str())
        .chain(field.aliases.iter().map(String::as_str))
        .collect()
}

/// The names of the fields the user asked for, as changes are named; `None`: every field.
fn wanted(typed: &[String], meta: &Meta) -> Result<Option<Vec<String>>> {
    if typed.is_empty() {
        return Ok(None);
    }
    let fields = known_fields(meta);
    let picked = history_fields(Vendor::Pipedrive, typed, &fields, names)?;
    Ok(Some(picked.into_iter().map(|f| f.name.clone()).collect()))
}

/// A change in the common vocabulary: the field's common name (`custom.<name>` for a custom
/// field, Pipedrive's key for the rest), names for ids, exact decimals for amounts.
fn to_change(c: WireChange, meta: &Meta) -> Change {
    let common = common_name(&c.key);
    let custom = meta.custom_by_key(&c.key);
    let field = match (common, custom) {
        (Some(name), _) => name.to_string(),
        (None, Some(f)) => format!("custom.{}", f.field_name),
        (None, None) => c.key.clone(),
    };
    let value = |v: Option<String>| -> Option<String> {
        let v = v?;
        Some(match (common, custom) {
            (Some("stage"), _) => meta.stage(&v).map_or(v, |s| s.name.clone()),
            (Some("pipeline"), _) => meta.pipeline(&v).map_or(v, |p| p.name.clone()),
            (Some("owner"), _) => meta.user(&v).map_or(v, |u| u.name.clone()),
            (Some("amount" | "probability"), _) => {
                decimal_from_json(&Value::String(v.clone())).map_or(v, decimal_text)
            }
            (Some("tags"), _) => labels(&v, |id| meta.label_name(id)),
            (None, Some(f)) if !f.options().is_empty() => labels(&v, |id| {
                f.options()
                    .iter()
                    .find(|o| o.id_text() == id)
                    .map(|o| o.label.as_str())
            }),
            _ => v,
        })
    };
    Change {
        time: c.time,
        old: value(c.old),
        new: value(c.new),
        by: c
            .actor
            .map(|id| meta.user(&id).map_or(id, |u| u.name.clone())),
        source: c.source,
        field,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example answer of `GET /deals/{id}/changelog` in openapi-v1, newest first.
    fn documented() -> Value {
        serde_json::json!({"success": true, "data": [
            {"field_key": "title", "old_value": "My Deel", "new_value": "My Deal",
             "actor_user_id": 26, "time": "2024-02-12 09:14:35", "change_source": "app",
             "change_source_user_agent": "Mozilla/5.0", "is_bulk_update_flag": false},
            {"field_key": "value", "old_value": "0", "new_value": "100",
             "actor_user_id": 26, "time": "2024-02-12 09:10:12", "change_source": "app",
             "change_source_user_agent": "Mozilla/5.0", "is_bulk_update_flag": false}],
            "additional_data": {"next_cursor": "aWQ6NTQ0"}})
    }

    #[test]
    fn the_documented_changelog_in_common_names() {
        let meta = Meta::example();
        let changes: Vec<Change> = data_items(&documented())
            .iter()
            .map(|i| to_change(WireChange::read(i).unwrap(), &meta))
            .collect();
        assert_eq!(changes[0].field, "name");
        assert_eq!(changes[0].old.as_deref(), Some("My Deel"));
        assert_eq!(changes[0].by.as_deref(), Some("26"), "user 26 is not known");
        assert_eq!(changes[0].source.as_deref(), Some("app"));
        assert_eq!(
            crate::model::time_text(changes[0].time),
            "2024-02-12T09:14:35Z"
        );
        assert_eq!(changes[1].field, "amount");
        assert_eq!(
            (changes[1].old.as_deref(), changes[1].new.as_deref()),
            (Some("0"), Some("100"))
        );
    }

    #[test]
    fn stages_owners_and_custom_options_by_name() {
        let meta = Meta::example();
        let change = |key: &str, old: Value, new: Value| {
            let item = serde_json::json!({"field_key": key, "old_value": old,
                "new_value": new, "user_id": 1, "log_time": "2020-09-25 09:21:55"});
            to_change(WireChange::read(&item).unwrap(), &meta)
        };
        let stage = change("stage_id", 1.into(), 2.into());
        assert_eq!(stage.field, "stage");
        assert_eq!(
            (stage.old.as_deref(), stage.new.as_deref()),
            (Some("Qualified"), Some("Proposal"))
        );
        assert_eq!(stage.by.as_deref(), Some("Ana Lima"));
        let region = change(
            "dcf558aac1ae4e8c4f849ba5e668430d8df9be12",
            Value::Null,
            "32".into(),
        );
        assert_eq!(region.field, "custom.Region");
        assert_eq!((region.old, region.new.as_deref()), (None, Some("APAC")));
        let amount = change("value", "100.50".into(), "1e3".into());
        assert_eq!(amount.new.as_deref(), Some("1000"));
        assert_eq!(
            change("lost_reason", Value::Null, "Price".into()).field,
            "lost_reason"
        );
    }

    #[test]
    fn field_names_as_typed_or_a_list_of_those_that_exist() {
        let meta = Meta::example();
        let typed = |names: &[&str]| {
            wanted(
                &names.iter().map(|n| n.to_string()).collect::<Vec<_>>(),
                &meta,
            )
        };
        assert_eq!(typed(&[]).unwrap(), None);
        assert_eq!(
            typed(&["Stage", "custom.region", "AMOUNT", "title"]).unwrap(),
            Some(vec![
                "stage".to_string(),
                "custom.Region".to_string(),
                "amount".to_string(),
                // Pipedrive's own key of a common field names it too.
                "name".to_string(),
            ])
        );
        let e = typed(&["stgae"]).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let hint = e.hint().unwrap();
        assert!(
            hint.contains("stage") && hint.contains("custom.Region"),
            "{hint}"
        );
    }
}
