//! The user's fields as HubSpot properties: names resolved, values checked, nothing dropped.

use serde_json::{Map, Value};

use super::convert::{close_date_property, FIELD_PROPERTIES};
use super::meta::Meta;
use crate::error::{Error, Result};
use crate::model::{DealInput, Status, Vendor};
use crate::resolve::unknown_field;

/// The properties to send, and what the user should be told about choices made for them.
#[derive(Debug, Default)]
pub struct Properties {
    pub values: Map<String, Value>,
    pub notices: Vec<String>,
}

/// HubSpot deals have no tags: a non-empty `tags` (or `--tag`) is refused, never dropped. An empty
/// list means nothing (every vendor's output carries one) and never reaches here.
pub fn refuse_tags(input: &DealInput) -> Result<()> {
    let tags = input.tags.as_ref().is_some_and(|t| !t.is_empty()) || !input.add_tags.is_empty();
    if tags {
        return Err(Error::unsupported(Vendor::Hubspot, "tags (--tags / --tag)").with_hint(
            "HubSpot deals have no tags: leave `tags` out, or keep them in a custom property with --set",
        ));
    }
    Ok(())
}

/// Builds the properties of a create (`current_pipeline` None) or an update.
pub fn properties(
    input: &DealInput,
    meta: &Meta,
    creating: bool,
    current_pipeline: Option<&str>,
) -> Result<Properties> {
    refuse_tags(input)?;
    let mut out = Properties::default();
    let mut set = |k: &str, v: String| {
        out.values.insert(k.to_string(), Value::String(v));
    };
    if let Some(name) = &input.name {
        set("dealname", name.clone());
    }
    if let Some(amount) = input.amount {
        set("amount", amount.to_string());
    }
    if let Some(currency) = &input.currency {
        set("deal_currency_code", currency.clone());
    }
    if let Some(owner) = &input.owner {
        set("hubspot_owner_id", meta.resolve_owner(owner)?.id.clone());
    }
    if let Some(date) = input.close_date {
        set("closedate", close_date_property(date));
    }
    if let Some(reason) = &input.lost_reason {
        if input.status != Some(Status::Lost) && creating {
            return Err(Error::usage("--lost-reason goes with --status lost"));
        }
        set("closed_lost_reason", reason.clone());
    }

    let needs_pipeline =
        creating || input.pipeline.is_some() || input.stage.is_some() || input.status.is_some();
    if needs_pipeline {
        let named = input
            .pipeline
            .as_deref()
            .map(|p| meta.resolve_pipeline(p))
            .transpose()?;
        let current = current_pipeline.and_then(|id| meta.pipeline(id));
        // A stage is looked up in the pipeline the user named, else in the deal's current one,
        // else in every pipeline: a name several pipelines have is then ambiguous (exit 2), never
        // settled by picking one silently.
        let staged = match &input.stage {
            None => None,
            Some(s) => Some(match (named, current) {
                (Some(p), _) => meta.resolve_stage(s, Some(p))?,
                (None, Some(p)) => match meta.resolve_stage(s, Some(p)) {
                    Err(Error::NotFound { .. }) => meta.resolve_stage(s, None)?,
                    other => other?,
                },
                (None, None) => meta.resolve_stage(s, None)?,
            }),
        };
        let pipeline = match (staged, named, current) {
            (Some((p, _)), _, _) | (None, Some(p), _) | (None, None, Some(p)) => p,
            (None, None, None) => meta.default_pipeline()?,
        };
        let stage = match (staged.map(|(_, s)| s), input.status) {
            // The output shape carries both (a deal piped back in); they must agree.
            (Some(stage), Some(status)) => {
                if meta.stage_status(stage) != status {
                    return Err(Error::usage(format!(
                        "stage {:?} is not a {status} stage: give --stage or --status, not both",
                        stage.label
                    )));
                }
                Some(stage)
            }
            (Some(stage), None) => Some(stage),
            (None, Some(Status::Open)) => {
                return Err(Error::usage_hint(
                    "--status open does not say which stage",
                    "pass --stage to reopen a deal",
                ))
            }
            (None, Some(status)) => Some(meta.closing_stage(pipeline, status)?),
            (None, None) if creating => {
                let first = meta.first_stage(pipeline)?;
                out.notices.push(format!(
                    "no --stage given: using {:?}, the first stage of pipeline {:?}",
                    first.label, pipeline.label
                ));
                Some(first)
            }
            (None, None) => None,
        };
        // HubSpot checks a stage against the deal's pipeline: a move to another one sends both.
        let moved = staged.is_some() && current.is_none_or(|c| c.id != pipeline.id);
        if creating || named.is_some() || moved {
            out.values
                .insert("pipeline".into(), Value::String(pipeline.id.clone()));
        }
        if let Some(stage) = stage {
            out.values
                .insert("dealstage".into(), Value::String(stage.id.clone()));
        }
    }

    for (key, value) in &input.custom {
        let property = meta.find_property(key)?;
        if property.read_only() {
            return Err(Error::usage(format!(
                "property {:?} is read-only in HubSpot",
                property.name
            )));
        }
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        let text = option_value(property, &text)?;
        out.values
            .insert(property.name.clone(), Value::String(text));
    }

    for key in &input.unset {
        let name = FIELD_PROPERTIES
            .iter()
            .find(|(field, _)| field == key)
            .map(|(_, p)| p.to_string())
            .or_else(|| meta.property(key).map(|p| p.name.clone()))
            .ok_or_else(|| {
                let names = FIELD_PROPERTIES
                    .iter()
                    .map(|(f, _)| *f)
                    .chain(meta.properties.iter().map(|p| p.name.as_str()));
                unknown_field("field or property", key, names)
            })?;
        if ["dealname", "pipeline", "dealstage"].contains(&name.as_str()) {
            return Err(Error::usage(format!(
                "{key} cannot be cleared: HubSpot requires it"
            )));
        }
        // HubSpot clears a property with an empty string, never null.
        out.values.insert(name, Value::String(String::new()));
    }
    Ok(out)
}

/// Options of enumeration properties accept their label or their value; the value is sent.
pub(super) fn option_value(property: &super::wire::PropertyWire, text: &str) -> Result<String> {
    if property.options.is_empty() || text.is_empty() {
        return Ok(text.to_string());
    }
    let parts: Vec<&str> = text.split(';').collect();
    let mut values = Vec::new();
    for part in parts {
        let found = property
            .options
            .iter()
            .find(|o| o.value == part)
            .or_else(|| {
                property
                    .options
                    .iter()
                    .find(|o| o.label.eq_ignore_ascii_case(part))
            });
        match found {
            Some(o) => values.push(o.value.clone()),
            None => {
                let known: Vec<String> = property
                    .options
                    .iter()
                    .map(|o| format!("{} ({})", o.label, o.value))
                    .collect();
                return Err(Error::NotFound {
                    message: format!("property {:?} has no option {part:?}", property.name),
                    hint: Some(format!("the options are: {}", known.join(", "))),
                });
            }
        }
    }
    Ok(values.join(";"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn input() -> DealInput {
        DealInput {
            name: Some("Acme".into()),
            ..DealInput::default()
        }
    }

    #[test]
    fn a_create_without_stage_takes_the_first_and_says_so() {
        let meta = Meta::example();
        let p = properties(&input(), &meta, true, None).unwrap();
        assert_eq!(p.values["pipeline"], "default");
        assert_eq!(p.values["dealstage"], "appointmentscheduled");
        assert!(p.notices[0].contains("Appointment Scheduled"));
    }

    #[test]
    fn stage_and_status_from_json_must_agree() {
        let meta = Meta::example();
        let mut i = input();
        i.stage = Some("closedwon".into());
        i.status = Some(Status::Won);
        assert_eq!(
            properties(&i, &meta, true, None).unwrap().values["dealstage"],
            "closedwon"
        );
        i.status = Some(Status::Lost);
        assert_eq!(
            properties(&i, &meta, true, None).unwrap_err().exit_code(),
            2
        );
    }

    #[test]
    fn status_moves_to_the_closing_stage() {
        let meta = Meta::example();
        let i = DealInput {
            status: Some(Status::Won),
            ..DealInput::default()
        };
        let p = properties(&i, &meta, false, Some("default")).unwrap();
        assert_eq!(p.values["dealstage"], "closedwon");
        assert!(!p.values.contains_key("pipeline"));
    }

    #[test]
    fn values_are_strings_and_unset_sends_empty() {
        let meta = Meta::example();
        let mut i = input();
        i.amount = Some("1500.00".parse().unwrap());
        i.close_date = Some("2026-12-31".parse().unwrap());
        i.owner = Some("ana@example.com".into());
        i.custom.insert("Region".into(), json!("Asia"));
        i.unset = vec!["close_date".into(), "external_id".into()];
        let p = properties(&i, &meta, false, Some("default")).unwrap();
        assert_eq!(p.values["amount"], "1500.00");
        assert_eq!(p.values["hubspot_owner_id"], "910901");
        assert_eq!(p.values["region"], "APAC");
        assert_eq!(p.values["closedate"], "");
        assert_eq!(p.values["external_id"], "");
    }

    #[test]
    fn unknown_property_suggests_and_tags_are_refused() {
        let meta = Meta::example();
        let mut i = input();
        i.custom.insert("regoin".into(), json!("EMEA"));
        let e = properties(&i, &meta, true, None).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.hint().unwrap().contains("region"));
        let t = DealInput {
            tags: Some(vec!["a".into()]),
            ..DealInput::default()
        };
        assert_eq!(
            properties(&t, &meta, false, None).unwrap_err().exit_code(),
            6
        );
    }
}
