//! HubSpot's metadata: pipelines and stages, owners, deal properties; names resolved through it;
//! and the account's own properties (not `hubspotDefined`) as `crm deals fields` lists them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::wire::{AccountWire, OwnerWire, PipelineWire, PropertyWire, StageWire};
use crate::adapter::field_info::{sorted, CustomFieldInfo};
use crate::error::{Error, Result};
use crate::model::{Status, User};
use crate::resolve::{self, UserWords};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Meta {
    pub pipelines: Vec<PipelineWire>,
    pub owners: Vec<OwnerWire>,
    pub properties: Vec<PropertyWire>,
    /// The portal's details, for links to deals; `None` when they could not be read.
    #[serde(default)]
    pub account: Option<AccountWire>,
    /// The scope the token lacks to read owners, when it does: owners then show by id.
    #[serde(skip)]
    pub owners_denied: Option<String>,
}

resolve::named!(PipelineWire {
    id: id,
    name: label
});

/// A stage with its pipeline: HubSpot's stages sit inside their pipeline and do not name it.
struct ScopedStage<'a>(&'a PipelineWire, &'a StageWire);

impl resolve::Named for ScopedStage<'_> {
    fn id(&self) -> &str {
        &self.1.id
    }
    fn name(&self) -> &str {
        &self.1.label
    }
}

impl resolve::InPipeline for ScopedStage<'_> {
    fn pipeline_id(&self) -> &str {
        &self.0.id
    }
}

impl Meta {
    /// The deal's page in HubSpot's web app: `https://{uiDomain}/contacts/{portalId}/record/0-3/{id}`
    /// (0-3 is the deal object type). `uiDomain` is `app.hubspot.com`, or `app-eu1.hubspot.com`
    /// for portals hosted in the EU; when a portal does not say, its `dataHostingLocation` does.
    pub fn deal_url(&self, id: &str) -> Option<String> {
        let account = self.account.as_ref()?;
        let host = match (&account.ui_domain, &account.data_hosting_location) {
            (Some(d), _) if !d.trim().is_empty() => d.trim().to_string(),
            (_, Some(l)) if !l.is_empty() && !l.eq_ignore_ascii_case("na1") => {
                format!("app-{}.hubspot.com", l.to_ascii_lowercase())
            }
            _ => "app.hubspot.com".to_string(),
        };
        Some(format!(
            "https://{host}/contacts/{}/record/0-3/{id}",
            account.portal_id
        ))
    }

    /// The account's company currency, where its details were read and say it.
    pub fn company_currency(&self) -> Option<&str> {
        let code = self.account.as_ref()?.company_currency.as_deref()?.trim();
        (!code.is_empty()).then_some(code)
    }

    pub fn pipeline(&self, id: &str) -> Option<&PipelineWire> {
        self.pipelines.iter().find(|p| p.id == id)
    }

    /// A stage by id, in the given pipeline when known (stage ids are unique per pipeline only).
    pub fn stage(&self, pipeline: Option<&str>, id: &str) -> Option<&StageWire> {
        let mut pipelines: Vec<&PipelineWire> = self.pipelines.iter().collect();
        if let Some(p) = pipeline {
            pipelines.sort_by_key(|x| x.id != p);
        }
        pipelines
            .into_iter()
            .flat_map(|p| p.stages.iter())
            .find(|s| s.id == id)
    }

    /// Closed with probability 1 is won; closed otherwise is lost.
    pub fn stage_status(&self, stage: &StageWire) -> Status {
        match (stage.is_closed(), stage.probability()) {
            (true, Some(p)) if p == Decimal::ONE => Status::Won,
            (true, _) => Status::Lost,
            (false, _) => Status::Open,
        }
    }

    pub fn owner(&self, id: &str) -> Option<&OwnerWire> {
        self.owners.iter().find(|o| o.id == id)
    }

    /// The properties the account created (HubSpot marks its own with `hubspotDefined`).
    pub fn custom_properties(&self) -> impl Iterator<Item = &PropertyWire> {
        self.properties
            .iter()
            .filter(|p| p.hubspot_defined != Some(true))
    }

    /// A property by internal name or label, by the one rule for field names
    /// ([`crate::resolve::find_field`]): exact, else case-insensitive when unique.
    pub fn property(&self, name: &str) -> Option<&PropertyWire> {
        self.find_property(name).ok()
    }

    /// [`Meta::property`], or why not: unknown (exit 2, did you mean) or ambiguous (exit 2,
    /// the candidates).
    pub fn find_property(&self, name: &str) -> Result<&PropertyWire> {
        crate::resolve::find_field("property", name, &self.properties, |p| {
            vec![p.name.as_str(), p.label.as_str()]
        })
    }

    fn ordered_pipelines(&self) -> Vec<&PipelineWire> {
        let mut p: Vec<&PipelineWire> = self.pipelines.iter().collect();
        p.sort_by_key(|p| (p.display_order, p.id != "default"));
        p
    }

    /// The pipeline HubSpot uses when none is named.
    pub fn default_pipeline(&self) -> Result<&PipelineWire> {
        self.pipelines
            .iter()
            .find(|p| p.id == "default")
            .or_else(|| self.ordered_pipelines().into_iter().next())
            .ok_or_else(|| Error::not_found("this HubSpot account has no deal pipelines"))
    }

    pub fn resolve_pipeline(&self, input: &str) -> Result<&PipelineWire> {
        resolve::pipeline(input, &self.pipelines)
    }

    /// A stage by name, id or `Pipeline/Stage`, within `pipeline` when given, else across all
    /// pipelines (a name two pipelines share is ambiguous: see [`crate::resolve::resolve_stage`]).
    pub fn resolve_stage<'a>(
        &'a self,
        input: &str,
        pipeline: Option<&'a PipelineWire>,
    ) -> Result<(&'a PipelineWire, &'a StageWire)> {
        let scope: Vec<&PipelineWire> = match pipeline {
            Some(p) => vec![p],
            None => self.ordered_pipelines(),
        };
        let stages: Vec<ScopedStage> = scope
            .iter()
            .flat_map(|p| p.stages.iter().map(move |s| ScopedStage(p, s)))
            .collect();
        let ScopedStage(p, s) = resolve::stage(input, &self.pipelines, &stages, None)?;
        Ok((*p, *s))
    }

    /// An owner by id, email or full name (archived owners included, so old deals resolve).
    /// Without the owners scope only an id can be used, as it is: nothing can be looked up.
    pub fn resolve_owner(&self, input: &str) -> Result<OwnerWire> {
        if let Some(scope) = &self.owners_denied {
            let id = input.trim();
            if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
                return Ok(OwnerWire {
                    id: id.to_string(),
                    ..OwnerWire::default()
                });
            }
            return Err(Error::auth(
                format!("owner {input:?} cannot be looked up: the token lacks the scope {scope}"),
                format!("give the private app the scope {scope}, or give the owner's numeric id"),
            ));
        }
        self.lookup_owner(input).cloned()
    }

    fn lookup_owner(&self, input: &str) -> Result<&OwnerWire> {
        let users: Vec<User> = self.owners.iter().map(OwnerWire::to_user).collect();
        let words = UserWords {
            kind: "owner",
            with_email: true,
        };
        let id = &resolve::user(words, input, &users)?.id;
        Ok(self.owner(id).expect("resolved from the same list"))
    }

    /// The closed-won or closed-lost stage of a pipeline.
    pub fn closing_stage<'a>(
        &self,
        pipeline: &'a PipelineWire,
        status: Status,
    ) -> Result<&'a StageWire> {
        let mut stages: Vec<&StageWire> = pipeline
            .stages
            .iter()
            .filter(|s| self.stage_status(s) == status)
            .collect();
        stages.sort_by_key(|s| s.display_order);
        stages.first().copied().ok_or_else(|| {
            Error::not_found(format!(
                "pipeline {:?} has no {status} stage",
                pipeline.label
            ))
        })
    }

    pub fn first_stage<'a>(&self, pipeline: &'a PipelineWire) -> Result<&'a StageWire> {
        pipeline
            .stages
            .iter()
            .min_by_key(|s| s.display_order)
            .ok_or_else(|| Error::not_found(format!("pipeline {:?} has no stages", pipeline.label)))
    }

    /// Also the metadata of the fuzz entry points (`fuzz_deal`, `fuzz_page`).
    pub fn example() -> Meta {
        serde_json::from_value(serde_json::json!({
            "pipelines": [{
                "id": "default", "label": "Sales Pipeline", "displayOrder": 0,
                "stages": [
                    {"id": "appointmentscheduled", "label": "Appointment Scheduled", "displayOrder": 0,
                     "metadata": {"isClosed": "false", "probability": "0.2"}},
                    {"id": "presentationscheduled", "label": "Presentation Scheduled", "displayOrder": 2,
                     "metadata": {"isClosed": "false", "probability": "0.6"}},
                    {"id": "contractsent", "label": "Contract Sent", "displayOrder": 4,
                     "metadata": {"isClosed": "false", "probability": "0.9"}},
                    {"id": "closedwon", "label": "Closed Won", "displayOrder": 5,
                     "metadata": {"isClosed": "true", "probability": "1.0"}},
                    {"id": "closedlost", "label": "Closed Lost", "displayOrder": 6,
                     "metadata": {"isClosed": "true", "probability": "0.0"}}
                ]
            }, {
                "id": "77", "label": "Renewals", "displayOrder": 1,
                "stages": [
                    {"id": "78", "label": "Contract Sent", "displayOrder": 0,
                     "metadata": {"isClosed": "false", "probability": "0.5"}}
                ]
            }],
            "owners": [
                {"id": "910901", "email": "ana@example.com", "firstName": "Ana", "lastName": "Lima", "archived": false},
                {"id": "910902", "email": "bo@example.com", "firstName": "Bo", "lastName": "Berg", "archived": true}
            ],
            "properties": [
                {"name": "dealname", "label": "Deal Name", "type": "string", "hubspotDefined": true},
                {"name": "amount", "label": "Amount", "type": "number", "hubspotDefined": true},
                {"name": "region", "label": "Region", "type": "enumeration",
                 "options": [{"label": "Europe", "value": "EMEA"}, {"label": "Asia", "value": "APAC"}]},
                {"name": "external_id", "label": "External ID", "type": "string", "hasUniqueValue": true}
            ]
        }))
        .expect("example metadata")
    }
}

pub fn field_info(meta: &Meta) -> Vec<CustomFieldInfo> {
    sorted(
        meta.custom_properties()
            .map(|p| CustomFieldInfo {
                label: Some(p.label.clone()).filter(|l| !l.is_empty() && *l != p.name),
                options: p.options.iter().map(|o| o.label.clone()).collect(),
                read_only: p.read_only(),
                ..CustomFieldInfo::new(
                    &p.name,
                    common_type(&p.kind, &p.field_type),
                    vendor_type(&p.kind, &p.field_type),
                )
            })
            .collect(),
    )
}

/// A property's `type` (and its `fieldType`, which tells one option from several) in crm's
/// vocabulary (HubSpot's properties API: `string`, `number`, `date`, `datetime`, `bool`,
/// `enumeration` shown as `select`, `radio`, `checkbox` or `booleancheckbox`).
fn common_type(kind: &str, field_type: &str) -> &'static str {
    match (kind, field_type) {
        ("number", _) => "decimal",
        ("date", _) => "date",
        ("datetime", _) => "datetime",
        ("bool", _) | ("enumeration", "booleancheckbox") => "bool",
        ("enumeration", "checkbox") => "set",
        ("enumeration", _) => "enum",
        _ => "text",
    }
}

/// `enumeration/checkbox`: the type with the field type that decides its meaning.
fn vendor_type(kind: &str, field_type: &str) -> String {
    if field_type.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}/{field_type}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_resolve_by_name_within_a_pipeline() {
        let meta = Meta::example();
        let sales = meta.resolve_pipeline("Sales Pipeline").unwrap();
        let (p, s) = meta.resolve_stage("contract sent", Some(sales)).unwrap();
        assert_eq!((p.id.as_str(), s.id.as_str()), ("default", "contractsent"));
        let (p, _) = meta.resolve_stage("78", None).unwrap();
        assert_eq!(p.id, "77");
    }

    #[test]
    fn an_ambiguous_stage_lists_both_pipelines() {
        let meta = Meta::example();
        let e = meta.resolve_stage("Contract Sent", None).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let hint = e.hint().unwrap();
        assert!(
            hint.contains("Sales Pipeline/Contract Sent")
                && hint.contains("Renewals/Contract Sent"),
            "{hint}"
        );
    }

    #[test]
    fn unknown_stage_is_3_and_lists_real_ids() {
        let meta = Meta::example();
        let e = meta.resolve_stage("Negotiation", None).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e
            .hint()
            .unwrap()
            .contains("Sales Pipeline/Contract Sent (id contractsent)"));
    }

    #[test]
    fn owners_by_email_name_or_id() {
        let meta = Meta::example();
        assert_eq!(meta.resolve_owner("ana@example.com").unwrap().id, "910901");
        assert_eq!(meta.resolve_owner("Bo Berg").unwrap().id, "910902");
        assert_eq!(meta.resolve_owner("nobody").unwrap_err().exit_code(), 3);
    }

    #[test]
    fn deal_links_use_the_portal_s_web_domain() {
        let mut meta = Meta::example();
        assert_eq!(meta.deal_url("512"), None, "no portal details, no link");
        let account = |ui: Option<&str>, hosted: Option<&str>| AccountWire {
            portal_id: 62515,
            ui_domain: ui.map(String::from),
            data_hosting_location: hosted.map(String::from),
            company_currency: None,
        };
        meta.account = Some(account(Some("app.hubspot.com"), Some("na1")));
        assert_eq!(
            meta.deal_url("512").unwrap(),
            "https://app.hubspot.com/contacts/62515/record/0-3/512"
        );
        for eu in [
            account(Some("app-eu1.hubspot.com"), None),
            account(None, Some("eu1")),
        ] {
            meta.account = Some(eu);
            assert_eq!(
                meta.deal_url("512").unwrap(),
                "https://app-eu1.hubspot.com/contacts/62515/record/0-3/512"
            );
        }
    }

    #[test]
    fn without_the_owners_scope_only_an_owner_id_resolves() {
        let mut meta = Meta::example();
        meta.owners.clear();
        meta.owners_denied = Some("crm.objects.owners.read".into());
        assert_eq!(meta.resolve_owner("910901").unwrap().id, "910901");
        let e = meta.resolve_owner("Ana Lima").unwrap_err();
        assert_eq!(e.exit_code(), 4);
        assert!(e.to_string().contains("crm.objects.owners.read"), "{e}");
    }

    #[test]
    fn closing_and_first_stages() {
        let meta = Meta::example();
        let p = meta.default_pipeline().unwrap();
        assert_eq!(meta.closing_stage(p, Status::Won).unwrap().id, "closedwon");
        assert_eq!(
            meta.closing_stage(p, Status::Lost).unwrap().id,
            "closedlost"
        );
        assert_eq!(meta.first_stage(p).unwrap().id, "appointmentscheduled");
    }

    #[test]
    fn lists_only_the_accounts_own_properties() {
        let meta = Meta::example();
        let fields = field_info(&meta);
        assert!(!fields.is_empty());
        for f in &fields {
            let p = meta.property(&f.name).unwrap();
            assert_ne!(p.hubspot_defined, Some(true), "{}", f.name);
        }
        assert!(fields.iter().all(|f| f.name != "dealname"));
    }

    #[test]
    fn types_read_in_one_vocabulary() {
        assert_eq!(common_type("enumeration", "select"), "enum");
        assert_eq!(common_type("enumeration", "checkbox"), "set");
        assert_eq!(common_type("enumeration", "booleancheckbox"), "bool");
        assert_eq!(common_type("string", "textarea"), "text");
        assert_eq!(common_type("number", "number"), "decimal");
        assert_eq!(
            vendor_type("enumeration", "checkbox"),
            "enumeration/checkbox"
        );
    }
}
