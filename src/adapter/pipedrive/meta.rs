//! Pipedrive's metadata: pipelines and stages (v2), users (v1 only), deal fields with the labels
//! and the custom fields' hash keys (v2), loaded through the cache with the company domain (v1);
//! names resolved through it; and the custom fields (`is_custom_field`) by name, as
//! `crm deals fields` lists them.

use std::sync::atomic::Ordering;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::wire::{
    data_items, into_data_items, next_cursor, FieldWire, OptionWire, PipelineWire, StageWire,
    UserWire,
};
use super::{costs, v1, v2, Pipedrive};
use crate::adapter::field_info::{sorted, CustomFieldInfo};
use crate::error::{Error, Result};
use crate::http::Request;
use crate::resolve::{self, find_field, resolve, Candidate, UserWords};

/// The deal field whose options are the deal labels (`label_ids`).
pub const LABEL_FIELD: &str = "label_ids";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Meta {
    pub pipelines: Vec<PipelineWire>,
    pub stages: Vec<StageWire>,
    pub users: Vec<UserWire>,
    pub fields: Vec<FieldWire>,
    /// `COMPANY` of `https://COMPANY.pipedrive.com`, for links to deals.
    #[serde(default)]
    pub company_domain: Option<String>,
}

resolve::named!(PipelineWire { id: id, name: name });
resolve::named!(StageWire {
    id: id,
    name: name,
    pipeline: pipeline_id
});
resolve::named!(UserWire {
    id: id,
    name: name,
    email: email
});

impl Meta {
    pub fn pipeline(&self, id: &str) -> Option<&PipelineWire> {
        self.pipelines.iter().find(|p| p.id == id)
    }

    pub fn stage(&self, id: &str) -> Option<&StageWire> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn user(&self, id: &str) -> Option<&UserWire> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn resolve_pipeline(&self, text: &str) -> Result<&PipelineWire> {
        resolve::pipeline(text, &self.pipelines)
    }

    /// A stage by id or name, within a pipeline when one is given (names repeat across pipelines).
    pub fn resolve_stage(&self, text: &str, pipeline: Option<&PipelineWire>) -> Result<&StageWire> {
        resolve::stage(text, &self.pipelines, &self.stages, pipeline)
    }

    /// A user by id, name or email.
    pub fn resolve_owner(&self, text: &str) -> Result<&UserWire> {
        let words = UserWords {
            kind: "user",
            with_email: false,
        };
        resolve::user(words, text, &self.users)
    }

    fn labels(&self) -> &[OptionWire] {
        self.fields
            .iter()
            .find(|f| f.field_code == LABEL_FIELD)
            .map_or(&[], |f| f.options())
    }

    pub fn label_name(&self, id: &str) -> Option<&str> {
        self.labels()
            .iter()
            .find(|o| o.id_text() == id)
            .map(|o| o.label.as_str())
    }

    /// A label's id from its name (or id).
    pub fn resolve_label(&self, text: &str) -> Result<String> {
        let candidates: Vec<Candidate> = self
            .labels()
            .iter()
            .map(|o| Candidate::new(o.id_text(), &o.label))
            .collect();
        Ok(resolve("label", text, &candidates)?.id.clone())
    }

    pub fn custom_fields(&self) -> impl Iterator<Item = &FieldWire> {
        self.fields.iter().filter(|f| f.is_custom_field)
    }

    pub fn custom_by_key(&self, key: &str) -> Option<&FieldWire> {
        self.custom_fields().find(|f| f.field_code == key)
    }

    /// A custom field by its name (as users and JSON output write it) or its hash key, by the one
    /// rule for field names ([`find_field`]): exact, else case-insensitive when unique.
    pub fn custom_field(&self, name: &str) -> Result<&FieldWire> {
        let fields: Vec<&FieldWire> = self.custom_fields().collect();
        find_field("custom field", name, &fields, |f| {
            vec![f.field_name.as_str(), f.field_code.as_str()]
        })
        .copied()
    }

    /// The deal's page in Pipedrive's web app.
    pub fn deal_url(&self, id: &str) -> Option<String> {
        self.company_domain
            .as_ref()
            .map(|d| format!("https://{d}.pipedrive.com/deal/{id}"))
    }

    /// Stages of a pipeline in display order.
    pub fn stages_of(&self, pipeline: &str) -> Vec<&StageWire> {
        let mut stages: Vec<&StageWire> = self
            .stages
            .iter()
            .filter(|s| s.pipeline_id == pipeline)
            .collect();
        stages.sort_by_key(|s| s.order_nr);
        stages
    }

    /// Metadata shaped like the examples of Pipedrive's documentation, for unit tests.
    /// Also the metadata of the fuzz entry points (`fuzz_deal`, `fuzz_page`).
    pub fn example() -> Meta {
        serde_json::from_value(serde_json::json!({
            "pipelines": [{"id": 1, "name": "Sales", "order_nr": 1}, {"id": 2, "name": "Renewals", "order_nr": 2}],
            "stages": [
                {"id": 1, "name": "Qualified", "pipeline_id": 1, "order_nr": 1, "deal_probability": 10},
                {"id": 2, "name": "Proposal", "pipeline_id": 1, "order_nr": 2, "deal_probability": 60},
                {"id": 3, "name": "Qualified", "pipeline_id": 2, "order_nr": 1, "deal_probability": 20}
            ],
            "users": [
                {"id": 1, "name": "Ana Lima", "email": "ana@example.com", "active_flag": true},
                {"id": 2, "name": "Bo Berg", "email": "bo@example.com", "active_flag": false}
            ],
            "fields": [
                {"field_code": "title", "field_name": "Title", "field_type": "varchar", "is_custom_field": false},
                {"field_code": "label_ids", "field_name": "Label", "field_type": "set", "is_custom_field": false,
                 "options": [{"id": 1, "label": "Hot"}, {"id": 2, "label": "Warm"}]},
                {"field_code": "dcf558aac1ae4e8c4f849ba5e668430d8df9be12", "field_name": "Region",
                 "field_type": "enum", "is_custom_field": true,
                 "options": [{"id": 31, "label": "EMEA"}, {"id": 32, "label": "APAC"}]},
                {"field_code": "a3ac4e9e4c2b9d1f7c4b9f0b5d6e7f8a9b0c1d2e", "field_name": "Channels",
                 "field_type": "set", "is_custom_field": true,
                 "options": [{"id": 41, "label": "Web"}, {"id": 42, "label": "Phone"}]},
                {"field_code": "5e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f", "field_name": "Seats",
                 "field_type": "double", "is_custom_field": true},
                {"field_code": "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", "field_name": "External ID",
                 "field_type": "varchar", "is_custom_field": true}
            ],
            "company_domain": "acme"
        }))
        .expect("example metadata")
    }
}

impl Pipedrive {
    /// Every item of the v2 list `/api/v2/{endpoint}`, from the cache under `key` when fresh.
    async fn cached_list<T: serde::Serialize + serde::de::DeserializeOwned>(
        &self,
        key: &str,
        endpoint: &str,
        tokens: u32,
        what: &str,
    ) -> Result<Vec<T>> {
        let segments = [endpoint];
        let fetch = self.fetch_all(&segments, tokens, what);
        self.env.cache.get_or_fetch(key, fetch).await
    }

    /// Every item of a v2 list, following the cursor.
    async fn fetch_all<T: serde::de::DeserializeOwned>(
        &self,
        segments: &[&str],
        tokens: u32,
        what: &str,
    ) -> Result<Vec<T>> {
        // 500 a page: no account has this many pages of metadata, so more means a server that
        // never stops paging, and crm would rather stop than loop forever.
        const MAX_PAGES: usize = 20;
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut request = Request::get(v2(segments)).query("limit", 500);
            if let Some(c) = &cursor {
                request = request.query("cursor", c);
            }
            let body = self.send(request, tokens).await?;
            items.extend(data_items(&body));
            cursor = next_cursor(&body);
            if cursor.is_none() {
                break;
            }
        }
        parse(Value::Array(items), what)
    }

    async fn fetch_users(&self) -> Result<Vec<UserWire>> {
        let body = self
            .send(Request::get(v1(&["users"])), costs::USERS)
            .await?;
        parse(Value::Array(into_data_items(body)), "users")
    }

    /// The account's company domain (`/api/v1/users/me`), which deal links need. A link is a nicety:
    /// when the call fails, deals come without one rather than the command failing.
    async fn fetch_company_domain(&self) -> Result<Option<String>> {
        match self
            .send(Request::get(v1(&["users", "me"])), costs::ME)
            .await
        {
            Ok(body) => Ok(body
                .pointer("/data/company_domain")
                .and_then(Value::as_str)
                .filter(|d| {
                    !d.is_empty() && d.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                })
                .map(str::to_string)),
            Err(e @ Error::DryRunStop(_)) => Err(e),
            Err(_) => Ok(None),
        }
    }

    /// The user's default currency (`default_currency` of `/api/v1/users/me`): the one Pipedrive's
    /// summary converts into. Cached like the rest of the metadata.
    pub(crate) async fn default_currency(&self) -> Result<Option<String>> {
        let fetch = async {
            let body = self
                .send(Request::get(v1(&["users", "me"])), costs::ME)
                .await?;
            Ok(body
                .pointer("/data/default_currency")
                .and_then(Value::as_str)
                .filter(|c| !c.is_empty())
                .map(str::to_string))
        };
        self.env.cache.get_or_fetch("currency", fetch).await
    }

    /// Pipelines, stages, users and deal fields, from the cache when fresh.
    pub(crate) async fn meta(&self) -> Result<Meta> {
        let cache = &self.env.cache;
        Ok(Meta {
            pipelines: self
                .cached_list("pipelines", "pipelines", costs::PIPELINES, "pipelines")
                .await?,
            stages: self
                .cached_list("stages", "stages", costs::STAGES, "stages")
                .await?,
            users: cache.get_or_fetch("users", self.fetch_users()).await?,
            fields: self
                .cached_list("fields", "dealFields", costs::FIELDS, "deal fields")
                .await?,
            company_domain: cache
                .get_or_fetch("company", self.fetch_company_domain())
                .await?,
        })
    }

    /// Runs a name lookup; when a name is missing from cached metadata, reloads it once and
    /// retries (a stage or field created since the cache was written must still resolve).
    pub(crate) async fn with_fresh_meta<T>(
        &self,
        lookup: impl Fn(&Meta) -> Result<T>,
    ) -> Result<T> {
        let meta = self.meta().await?;
        match lookup(&meta) {
            Err(Error::NotFound { .. } | Error::Usage { .. })
                if !self.reloaded.swap(true, Ordering::SeqCst) =>
            {
                for name in ["pipelines", "stages", "users", "fields", "company"] {
                    self.env.cache.forget(name);
                }
                lookup(&self.meta().await?)
            }
            other => other,
        }
    }
}

fn parse<T: serde::de::DeserializeOwned>(items: Value, what: &str) -> Result<T> {
    serde_json::from_value(items)
        .map_err(|e| Error::internal(format!("Pipedrive sent {what} crm cannot read: {e}")))
}

pub fn field_info(meta: &Meta) -> Vec<CustomFieldInfo> {
    sorted(
        meta.custom_fields()
            .map(|f| CustomFieldInfo {
                options: f.options().iter().map(|o| o.label.clone()).collect(),
                ..CustomFieldInfo::new(&f.field_name, common_type(&f.field_type), &f.field_type)
            })
            .collect(),
    )
}

/// A deal field's `field_type` (v2 `dealFields`) in crm's vocabulary.
fn common_type(field_type: &str) -> &'static str {
    match field_type {
        "int" => "number",
        "double" | "monetary" => "decimal",
        "date" => "date",
        "enum" | "status" | "visible_to" => "enum",
        "set" => "set",
        "user" => "user",
        "org" | "people" | "stage" | "deal" | "lead" | "person" => "reference",
        // varchar, varchar_auto, varchar_options, text, phone, address, time, daterange, …
        _ => "text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_and_repeat_across_pipelines() {
        let meta = Meta::example();
        assert_eq!(meta.resolve_pipeline("renewals").unwrap().id, "2");
        assert_eq!(meta.resolve_stage("Proposal", None).unwrap().id, "2");
        assert_eq!(
            meta.resolve_stage("Qualified", None)
                .unwrap_err()
                .exit_code(),
            2
        );
        let sales = meta.pipeline("1").unwrap();
        assert_eq!(
            meta.resolve_stage("Qualified", Some(sales)).unwrap().id,
            "1"
        );
        assert_eq!(meta.resolve_owner("BO@example.com").unwrap().id, "2");
        assert_eq!(meta.resolve_owner("Nobody").unwrap_err().exit_code(), 3);
        assert_eq!(meta.resolve_label("hot").unwrap(), "1");
        assert_eq!(meta.label_name("2"), Some("Warm"));
    }

    #[test]
    fn custom_fields_by_name_or_key_with_did_you_mean() {
        let meta = Meta::example();
        assert_eq!(
            meta.custom_field("Region").unwrap().field_code,
            "dcf558aac1ae4e8c4f849ba5e668430d8df9be12"
        );
        assert_eq!(
            meta.custom_field("dcf558aac1ae4e8c4f849ba5e668430d8df9be12")
                .unwrap()
                .field_name,
            "Region"
        );
        let e = meta.custom_field("Regoin").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.hint().unwrap().contains("Region"));
    }

    #[test]
    fn names_not_hash_keys_and_option_labels() {
        let meta = Meta::example();
        let fields = field_info(&meta);
        assert!(!fields.is_empty());
        for f in &fields {
            assert!(meta.custom_field(&f.name).is_ok(), "{}", f.name);
            assert!(f.name.len() != 40 || !f.name.chars().all(|c| c.is_ascii_hexdigit()));
        }
        assert!(fields.iter().all(|f| f.name != "Title"));
        let region = fields.iter().find(|f| f.name == "Region").unwrap();
        assert_eq!(
            (region.kind.as_str(), region.vendor_type.as_str()),
            ("enum", "enum")
        );
        let seats = fields.iter().find(|f| f.name == "Seats").unwrap();
        assert_eq!(
            (seats.kind.as_str(), seats.vendor_type.as_str()),
            ("decimal", "double")
        );
        let id = fields.iter().find(|f| f.name == "External ID").unwrap();
        assert_eq!(
            (id.kind.as_str(), id.vendor_type.as_str()),
            ("text", "varchar")
        );
    }
}
