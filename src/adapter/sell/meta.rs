//! Sell's metadata: pipelines, stages (whose category gives a deal's status), users; names
//! resolved through it; and the deal custom fields (`GET /v2/deal/custom_fields`) as
//! `crm deals fields` lists them (the endpoint gives names and types; choices of list fields are
//! not in crm's wire type).

use serde::{Deserialize, Serialize};

use super::wire::{CustomFieldWire, PipelineWire, StageWire, UserWire};
use crate::adapter::field_info::{sorted, CustomFieldInfo};
use crate::error::{Error, Result};
use crate::model::Status;
use crate::resolve::{self, UserWords};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Meta {
    pub pipelines: Vec<PipelineWire>,
    pub stages: Vec<StageWire>,
    pub users: Vec<UserWire>,
}

/// `won`, `lost` and `unqualified` stages close a deal; every other category is open.
pub fn category_status(category: Option<&str>) -> Status {
    match category {
        Some("won") => Status::Won,
        Some("lost") => Status::Lost,
        Some("unqualified") => Status::Unqualified,
        _ => Status::Open,
    }
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

    /// A pipeline's stages in Sell's order (`position`).
    pub fn stages_of(&self, pipeline_id: &str) -> Vec<&StageWire> {
        let mut stages: Vec<&StageWire> = self
            .stages
            .iter()
            .filter(|s| s.pipeline_id == pipeline_id)
            .collect();
        stages.sort_by_key(|s| (s.position.unwrap_or(i64::MAX), s.id.clone()));
        stages
    }

    pub fn resolve_pipeline(&self, text: &str) -> Result<&PipelineWire> {
        resolve::pipeline(text, &self.pipelines)
    }

    /// A stage by id or name, within a pipeline when one is given.
    pub fn resolve_stage(&self, text: &str, pipeline: Option<&PipelineWire>) -> Result<&StageWire> {
        resolve::stage(text, &self.pipelines, &self.stages, pipeline)
    }

    /// A user by id, name or email.
    pub fn resolve_user(&self, text: &str) -> Result<&UserWire> {
        let words = UserWords {
            kind: "owner",
            with_email: true,
        };
        resolve::user(words, text, &self.users)
    }

    /// The stage ids whose deals have `status`, in `pipeline` when given.
    pub fn stage_ids_with(&self, status: Option<Status>, pipeline: Option<&str>) -> Vec<String> {
        self.stages
            .iter()
            .filter(|s| pipeline.is_none_or(|p| p == s.pipeline_id))
            .filter(|s| status.is_none_or(|st| category_status(s.category.as_deref()) == st))
            .map(|s| s.id.clone())
            .collect()
    }

    /// A stage as messages name it: `"Won" in Sales (13)`, its pipeline named where there are
    /// several (stage names repeat across pipelines).
    pub fn stage_label(&self, id: &str) -> String {
        let Some(stage) = self.stage(id) else {
            return id.to_string();
        };
        match self.pipeline(&stage.pipeline_id) {
            Some(p) if self.pipelines.len() > 1 => format!("{:?} in {} ({id})", stage.name, p.name),
            _ => format!("{:?} ({id})", stage.name),
        }
    }

    /// A pipeline by name for messages, its id when it is unknown.
    fn pipeline_label(&self, id: &str) -> String {
        self.pipeline(id)
            .map_or_else(|| id.to_string(), |p| format!("{:?}", p.name))
    }

    /// The stage a `--status won|lost|unqualified` moves a deal to, in its pipeline.
    pub fn closing_stage(&self, pipeline_id: &str, status: Status) -> Result<&StageWire> {
        let stages = self.stages_of(pipeline_id);
        let found: Vec<&&StageWire> = stages
            .iter()
            .filter(|s| category_status(s.category.as_deref()) == status)
            .collect();
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(Error::NotFound {
                message: format!(
                    "pipeline {} has no {status} stage",
                    self.pipeline_label(pipeline_id)
                ),
                hint: Some("pass --stage to choose the stage".into()),
            }),
            several => Err(Error::usage_hint(
                format!(
                    "pipeline {} has several {status} stages",
                    self.pipeline_label(pipeline_id)
                ),
                format!(
                    "pass --stage with one of: {}",
                    several
                        .iter()
                        .map(|s| format!("{} (id {})", s.name, s.id))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }

    /// The first stage of a pipeline, for a create that names only the pipeline.
    pub fn first_stage(&self, pipeline_id: &str) -> Result<&StageWire> {
        self.stages_of(pipeline_id)
            .into_iter()
            .next()
            .ok_or_else(|| {
                Error::not_found(format!(
                    "pipeline {} has no stages",
                    self.pipeline_label(pipeline_id)
                ))
            })
    }

    /// Owners by id for messages and output.
    pub fn user_name(&self, id: &str) -> Option<String> {
        self.user(id).map(|u| u.name.clone())
    }

    /// Also the metadata of the fuzz entry points (`fuzz_deal`, `fuzz_page`).
    pub fn example() -> Meta {
        let stage =
            |id: &str, name: &str, category: &str, position: i64, pipeline: &str| StageWire {
                id: id.into(),
                name: name.into(),
                category: Some(category.into()),
                position: Some(position),
                likelihood: Some(position * 10),
                active: true,
                pipeline_id: pipeline.into(),
            };
        Meta {
            pipelines: vec![
                PipelineWire {
                    id: "1".into(),
                    name: "Sales".into(),
                    disabled: false,
                },
                PipelineWire {
                    id: "2".into(),
                    name: "Renewals".into(),
                    disabled: false,
                },
            ],
            stages: vec![
                stage("11", "Incoming", "incoming", 1, "1"),
                stage("12", "Qualified", "in_progress", 2, "1"),
                stage("13", "Won", "won", 3, "1"),
                stage("14", "Lost", "lost", 4, "1"),
                stage("15", "Unqualified", "unqualified", 5, "1"),
                stage("21", "Due", "incoming", 1, "2"),
                stage("23", "Won", "won", 2, "2"),
                stage("24", "Lost", "lost", 3, "2"),
            ],
            users: vec![UserWire {
                id: "7".into(),
                name: "Ana Lima".into(),
                email: Some("ana@example.com".into()),
                status: Some("active".into()),
            }],
        }
    }
}

pub fn field_info(fields: &[CustomFieldWire]) -> Vec<CustomFieldInfo> {
    sorted(
        fields
            .iter()
            .map(|f| {
                let vendor = f.kind.clone().unwrap_or_default();
                CustomFieldInfo::new(&f.name, common_type(&vendor), vendor)
            })
            .collect(),
    )
}

/// A custom field's `type` in crm's vocabulary. Sell's reference names the field kinds it can
/// filter on as Number, Single Line Text, Dropdown and Multi Select (seed 004).
fn common_type(kind: &str) -> &'static str {
    match kind {
        "number" => "decimal",
        "list" | "dropdown" => "enum",
        "multi_select_list" | "multi_select" => "set",
        "bool" | "boolean" => "bool",
        "date" => "date",
        "datetime" => "datetime",
        _ => "text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_give_the_status() {
        assert_eq!(category_status(Some("won")), Status::Won);
        assert_eq!(category_status(Some("unqualified")), Status::Unqualified);
        assert_eq!(category_status(Some("incoming")), Status::Open);
        assert_eq!(category_status(None), Status::Open);
    }

    #[test]
    fn names_resolve_and_ambiguity_is_reported() {
        let m = Meta::example();
        assert_eq!(m.resolve_stage("Qualified", None).unwrap().id, "12");
        assert_eq!(m.resolve_stage("won", None).unwrap_err().exit_code(), 2);
        let renewals = m.resolve_pipeline("Renewals").unwrap();
        assert_eq!(m.resolve_stage("Won", Some(renewals)).unwrap().id, "23");
        assert_eq!(m.resolve_user("ana@example.com").unwrap().id, "7");
        assert_eq!(m.resolve_user("Bo").unwrap_err().exit_code(), 3);
        assert_eq!(m.closing_stage("2", Status::Lost).unwrap().id, "24");
        assert_eq!(m.stage_ids_with(Some(Status::Won), None), ["13", "23"]);
        assert_eq!(m.first_stage("2").unwrap().id, "21");
    }

    /// Stages, pipelines and users of Zendesk's Zapier fixtures read into the metadata.
    #[test]
    fn reads_the_vendor_metadata_fixtures() {
        use super::super::wire::typed_items;
        let Some(dir) = super::super::convert::tests_fixtures() else {
            return;
        };
        let read = |p: &str| -> serde_json::Value {
            serde_json::from_str(&std::fs::read_to_string(dir.join(p)).unwrap()).unwrap()
        };
        let mut stages: Vec<StageWire> = Vec::new();
        for f in [
            "deal/stages/__test__/stagesResponse.fixture.json",
            "deal/stages/__test__/multipleStages.fixture.json",
            "deal/stages/__test__/singleStageResponse.fixture.json",
        ] {
            let read: Vec<StageWire> = typed_items(&read(f), "stages").unwrap();
            assert!(!read.is_empty(), "{f}");
            stages.extend(read);
        }
        let meta = Meta {
            pipelines: typed_items(
                &read("deal/stages/__test__/pipelinesResponse.fixture.json"),
                "pipelines",
            )
            .unwrap(),
            stages,
            users: typed_items(&read("users/__test__/usersResponse.fixture.json"), "users")
                .unwrap(),
        };
        let first = meta.stage("6524005").unwrap();
        assert_eq!(
            (first.name.as_str(), first.pipeline_id.as_str()),
            ("Prospecting", "757056")
        );
        assert_eq!(category_status(first.category.as_deref()), Status::Open);
        assert_eq!(meta.pipeline("789898").unwrap().name, "Sales pipeline");
        assert_eq!(meta.user("1089189").unwrap().name, "Uzi");
    }
}
