//! Pipedrive's metadata: pipelines and stages (v2), users (v1 only), deal fields with the labels
//! and the custom fields' hash keys (v2); and names resolved through it.

use serde::{Deserialize, Serialize};

use super::wire::{FieldWire, OptionWire, PipelineWire, StageWire, UserWire};
use crate::error::Result;
use crate::resolve::{find_field, resolve, resolve_stage, Candidate, StageCandidate};

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
        let candidates: Vec<Candidate> = self
            .pipelines
            .iter()
            .map(|p| Candidate::new(&p.id, &p.name))
            .collect();
        let id = resolve("pipeline", text, &candidates)?.id.clone();
        Ok(self.pipeline(&id).expect("resolved from the same list"))
    }

    /// A stage by id or name, within a pipeline when one is given (names repeat across pipelines).
    pub fn resolve_stage(&self, text: &str, pipeline: Option<&PipelineWire>) -> Result<&StageWire> {
        let stages: Vec<&StageWire> = self
            .stages
            .iter()
            .filter(|s| pipeline.is_none_or(|p| p.id == s.pipeline_id))
            .collect();
        let candidates: Vec<StageCandidate> = stages
            .iter()
            .map(|s| StageCandidate {
                id: s.id.clone(),
                name: s.name.clone(),
                pipeline_id: s.pipeline_id.clone(),
                pipeline: self
                    .pipeline(&s.pipeline_id)
                    .map_or(s.pipeline_id.clone(), |p| p.name.clone()),
            })
            .collect();
        Ok(stages[resolve_stage(text, &candidates)?])
    }

    /// A user by id, name or email.
    pub fn resolve_owner(&self, text: &str) -> Result<&UserWire> {
        let wanted = text.trim();
        if let Some(u) = self.users.iter().find(|u| {
            u.email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
        }) {
            return Ok(u);
        }
        let candidates: Vec<Candidate> = self
            .users
            .iter()
            .map(|u| Candidate::new(&u.id, &u.name))
            .collect();
        let id = resolve("user", wanted, &candidates)?.id.clone();
        Ok(self.user(&id).expect("resolved from the same list"))
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
    /// Also the metadata of the fuzz entry points (`fuzzing`).
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
}
