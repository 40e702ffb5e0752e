//! The user's fields as a Sell deal `data` object: names resolved, values checked, only what
//! changes, nothing dropped silently.

use serde_json::{json, Map, Value};

use super::convert::amount_text;
use super::meta::{category_status, Meta};
use super::wire::{id_number, CustomFieldWire, LossReasonWire, PipelineWire, StageWire};
use crate::adapter::common_key;
use crate::error::{Error, Result};
use crate::model::{Deal, DealInput, Status, Vendor};
use crate::resolve::{ambiguous, match_field, resolve, unknown_field, Candidate, FieldMatch};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Create,
    Update,
    Upsert,
}

/// What the plan needs to know besides the input.
pub struct Known<'a> {
    pub meta: &'a Meta,
    /// The deal custom fields; empty unless the input names custom fields.
    pub custom_fields: &'a [CustomFieldWire],
    /// Sell's loss reasons; empty unless the input gives one.
    pub loss_reasons: &'a [LossReasonWire],
    /// The deal as it is now (update): its pipeline and tags.
    pub current: Option<&'a Deal>,
    /// `--dry-run`: notices say what the write would do, since it is not sent.
    pub dry_run: bool,
}

/// The `data` to send, the contacts to associate after a create, and what to tell the user.
#[derive(Debug, Default)]
pub struct Plan {
    pub data: Map<String, Value>,
    pub extra_contacts: Vec<String>,
    pub notices: Vec<String>,
}

/// Fields the common model has and Sell requires, so they cannot be cleared.
const REQUIRED: [&str; 6] = ["name", "stage", "pipeline", "owner", "currency", "contacts"];

/// Sell's own deal attributes and the common field each one is, so `--unset` takes either.
const VENDOR_KEYS: [(&str, &str); 7] = [
    ("value", "amount"),
    ("stage_id", "stage"),
    ("owner_id", "owner"),
    ("contact_id", "contacts"),
    ("organization_id", "company"),
    ("estimated_close_date", "close_date"),
    ("loss_reason_id", "lost_reason"),
];

pub fn needs_custom_fields(input: &DealInput) -> bool {
    !input.custom.is_empty()
        || input.unset.iter().any(|k| {
            !matches!(
                common_key(&VENDOR_KEYS, k),
                "close_date" | "lost_reason" | "tags" | "amount"
            )
        })
}

/// A custom field by its exact name, or by a unique case-insensitive match.
pub fn custom_field<'a>(fields: &'a [CustomFieldWire], name: &str) -> Result<&'a CustomFieldWire> {
    let by_name = |f: &'a CustomFieldWire| vec![f.name.as_str()];
    match match_field(name, fields, by_name) {
        FieldMatch::One(f) => return Ok(f),
        FieldMatch::Several(several) => {
            return Err(ambiguous("custom field", name, &several, by_name))
        }
        FieldMatch::None => {}
    }
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let err = unknown_field("custom field", name, names.iter().copied());
    let known = if names.is_empty() {
        "this account defines no deal custom fields".to_string()
    } else {
        format!("the deal custom fields are: {}", names.join(", "))
    };
    let hint = match err.hint() {
        Some(h) if h.starts_with("did you mean") => format!("{h} ({known})"),
        _ => known,
    };
    Err(err.with_hint(hint))
}

fn pipeline_for<'a>(input: &DealInput, known: &Known<'a>) -> Result<Option<&'a PipelineWire>> {
    if let Some(p) = &input.pipeline {
        return known.meta.resolve_pipeline(p).map(Some);
    }
    let current = known
        .current
        .and_then(|d| d.pipeline.as_ref())
        .and_then(|p| known.meta.pipeline(&p.id));
    Ok(current)
}

/// The stage to send, if the input moves the deal.
fn stage_for<'a>(
    input: &DealInput,
    known: &Known<'a>,
    notices: &mut Vec<String>,
) -> Result<Option<&'a StageWire>> {
    let meta = known.meta;
    let pipeline = pipeline_for(input, known)?;
    let stage = match (&input.stage, input.status) {
        (Some(s), status) => {
            let stage = meta.resolve_stage(s, pipeline)?;
            if let Some(status) = status {
                if category_status(stage.category.as_deref()) != status {
                    return Err(Error::usage(format!(
                        "stage {:?} is not a {status} stage: give --stage or --status, not both",
                        stage.name
                    )));
                }
            }
            Some(stage)
        }
        (None, Some(Status::Open)) => {
            return Err(Error::usage_hint(
                "--status open does not say which stage",
                "pass --stage to reopen a deal",
            ))
        }
        (None, Some(status)) => {
            let pipeline = match pipeline {
                Some(p) => p,
                None => match meta.pipelines.as_slice() {
                    [only] => only,
                    _ => {
                        return Err(Error::usage_hint(
                            format!("--status {status} needs to know the pipeline"),
                            "pass --pipeline, or --stage",
                        ))
                    }
                },
            };
            Some(meta.closing_stage(&pipeline.id, status)?)
        }
        (None, None) => match (&input.pipeline, pipeline) {
            (Some(_), Some(p)) => {
                let first = meta.first_stage(&p.id)?;
                notices.push(format!(
                    "no --stage given: using {:?}, the first stage of pipeline {:?}",
                    first.name, p.name
                ));
                Some(first)
            }
            _ => None,
        },
    };
    Ok(stage)
}

fn tags(input: &DealInput, known: &Known, plan: &mut Plan) -> Result<()> {
    match (&input.tags, input.add_tags.is_empty()) {
        (Some(_), false) => Err(Error::usage_hint(
            "--tags replaces the tags and --tag adds to them: give one",
            "--tags a,b sets exactly a and b; --tag a keeps the others",
        )),
        (Some(tags), true) => {
            // `--tags ""` clears them: no empty tag is ever sent.
            let tags: Vec<&String> = tags.iter().filter(|t| !t.trim().is_empty()).collect();
            plan.data.insert("tags".into(), json!(tags));
            let replaces = if known.dry_run {
                "would replace"
            } else {
                "replaces"
            };
            plan.notices.push(if tags.is_empty() {
                format!("tags: this write {replaces} the deal's tags with none")
            } else {
                let names: Vec<&str> = tags.iter().map(|t| t.as_str()).collect();
                format!(
                    "tags: this write {replaces} the deal's tags with {}",
                    names.join(", ")
                )
            });
            Ok(())
        }
        (None, false) => {
            // Sell replaces the whole set on every write: read it, add, write it all back.
            let mut all = known.current.map(|d| d.tags.clone()).unwrap_or_default();
            let mut added = Vec::new();
            for t in &input.add_tags {
                if !all.contains(t) {
                    all.push(t.clone());
                    added.push(t.as_str());
                }
            }
            let (adds, sends) = if known.dry_run {
                ("would add", "would send")
            } else {
                ("adds", "sends")
            };
            plan.notices.push(if added.is_empty() {
                format!(
                    "tags unchanged: the deal already has {}",
                    input.add_tags.join(", ")
                )
            } else {
                format!(
                    "tags: this write {adds} {} (Sell replaces the whole set, so it {sends} {})",
                    added.join(", "),
                    all.join(", ")
                )
            });
            plan.data.insert("tags".into(), json!(all));
            Ok(())
        }
        (None, true) => Ok(()),
    }
}

fn loss_reason(name: &str, reasons: &[LossReasonWire]) -> Result<Value> {
    let candidates: Vec<Candidate> = reasons
        .iter()
        .map(|r| Candidate::new(&r.id, &r.name))
        .collect();
    id_number(&resolve("loss reason", name, &candidates)?.id)
}

pub fn contacts(input: &DealInput, mode: Mode, plan: &mut Plan) -> Result<()> {
    if let Some(company) = &input.company {
        if input.contacts.is_empty() {
            return Err(
                Error::unsupported(Vendor::Sell, "setting a deal's company (--company)").with_hint(
                    "Sell sets the organization from the primary contact: pass --contact",
                ),
            );
        }
        // A deal piped back in (`get -o json | create --from -`) carries the company Sell derived.
        plan.notices.push(format!(
            "company {company} is not sent: Zendesk Sell takes the company from the primary contact"
        ));
    }
    match (input.contacts.split_first(), mode) {
        (None, Mode::Create) => Err(Error::usage_hint(
            "Zendesk Sell needs a primary contact to create a deal",
            "pass --contact ID (the contact's id in Sell)",
        )),
        (None, _) => Ok(()),
        (Some((primary, rest)), Mode::Create) => {
            plan.data.insert("contact_id".into(), id_number(primary)?);
            plan.extra_contacts = rest.to_vec();
            Ok(())
        }
        (Some((primary, [])), _) => {
            plan.data.insert("contact_id".into(), id_number(primary)?);
            Ok(())
        }
        (Some(_), _) => Err(Error::usage_hint(
            "one --contact sets the deal's primary contact; several are for a create",
            "add more contacts with `crm deals associate ID --contact C`",
        )),
    }
}

pub fn plan(input: &DealInput, known: &Known, mode: Mode) -> Result<Plan> {
    let mut plan = Plan::default();
    contacts(input, mode, &mut plan)?;
    let meta = known.meta;
    if let Some(name) = &input.name {
        plan.data.insert("name".into(), json!(name));
    }
    if let Some(amount) = input.amount {
        plan.data
            .insert("value".into(), json!(amount_text(amount)?));
    }
    if let Some(currency) = &input.currency {
        plan.data.insert("currency".into(), json!(currency));
    }
    if let Some(owner) = &input.owner {
        plan.data
            .insert("owner_id".into(), id_number(&meta.resolve_user(owner)?.id)?);
    }
    if let Some(date) = input.close_date {
        plan.data
            .insert("estimated_close_date".into(), json!(date.to_string()));
    }
    let stage = stage_for(input, known, &mut plan.notices)?;
    if let Some(stage) = stage {
        plan.data.insert("stage_id".into(), id_number(&stage.id)?);
    }
    if let Some(reason) = &input.lost_reason {
        let lost = stage.map(|s| category_status(s.category.as_deref())) == Some(Status::Lost)
            || (mode == Mode::Update
                && stage.is_none()
                && known.current.and_then(|d| d.status) == Some(Status::Lost));
        if !lost {
            return Err(Error::usage_hint(
                "--lost-reason goes with --status lost",
                "pass --status lost --lost-reason \"…\"",
            ));
        }
        plan.data.insert(
            "loss_reason_id".into(),
            loss_reason(reason, known.loss_reasons)?,
        );
    }
    tags(input, known, &mut plan)?;
    let mut custom = Map::new();
    for (key, value) in &input.custom {
        let field = custom_field(known.custom_fields, key)?;
        custom.insert(field.name.clone(), value.clone());
    }
    for key in &input.unset {
        match common_key(&VENDOR_KEYS, key) {
            "close_date" => {
                plan.data.insert("estimated_close_date".into(), Value::Null);
            }
            "lost_reason" => {
                plan.data.insert("loss_reason_id".into(), Value::Null);
            }
            "tags" => {
                plan.data.insert("tags".into(), json!([]));
            }
            k if REQUIRED.contains(&k) || k == "amount" => {
                return Err(Error::usage(format!(
                    "{k} cannot be cleared in Zendesk Sell: set another value instead"
                )))
            }
            k => {
                let field = custom_field(known.custom_fields, k)?;
                custom.insert(field.name.clone(), Value::Null);
            }
        }
    }
    if !custom.is_empty() {
        plan.data
            .insert("custom_fields".into(), Value::Object(custom));
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Vec<CustomFieldWire> {
        ["region", "external_id"]
            .iter()
            .map(|n| CustomFieldWire {
                id: None,
                name: n.to_string(),
                kind: Some("string".into()),
            })
            .collect()
    }

    fn reasons() -> Vec<LossReasonWire> {
        vec![LossReasonWire {
            id: "91".into(),
            name: "Too expensive".into(),
        }]
    }

    fn known<'a>(
        meta: &'a Meta,
        f: &'a [CustomFieldWire],
        r: &'a [LossReasonWire],
        current: Option<&'a Deal>,
    ) -> Known<'a> {
        Known {
            meta,
            custom_fields: f,
            loss_reasons: r,
            current,
            dry_run: false,
        }
    }

    #[test]
    fn a_create_needs_a_contact_and_sends_ids_as_numbers() {
        let meta = Meta::example();
        let (f, r) = (fields(), reasons());
        let mut input = DealInput {
            name: Some("Acme".into()),
            amount: Some("1500".parse().unwrap()),
            owner: Some("Ana Lima".into()),
            stage: Some("Qualified".into()),
            ..DealInput::default()
        };
        let k = known(&meta, &f, &r, None);
        assert_eq!(plan(&input, &k, Mode::Create).unwrap_err().exit_code(), 2);
        input.contacts = vec!["5".into(), "6".into()];
        input.custom.insert("Region".into(), json!("EMEA"));
        let p = plan(&input, &k, Mode::Create).unwrap();
        assert_eq!(
            Value::Object(p.data),
            json!({"contact_id": 5, "name": "Acme", "value": "1500.00", "owner_id": 7,
                   "stage_id": 12, "custom_fields": {"region": "EMEA"}})
        );
        assert_eq!(p.extra_contacts, ["6"]);
    }

    #[test]
    fn lost_with_a_reason_resolves_both() {
        let meta = Meta::example();
        let (f, r) = (fields(), reasons());
        let mut current = Deal::new(Vendor::Sell, "1");
        current.pipeline = Some(crate::model::Ref::id("2"));
        let input = DealInput {
            status: Some(Status::Lost),
            lost_reason: Some("too expensive".into()),
            ..DealInput::default()
        };
        let p = plan(&input, &known(&meta, &f, &r, Some(&current)), Mode::Update).unwrap();
        assert_eq!(
            Value::Object(p.data),
            json!({"stage_id": 24, "loss_reason_id": 91})
        );
        let bad = DealInput {
            status: Some(Status::Lost),
            lost_reason: Some("Weather".into()),
            ..DealInput::default()
        };
        let e = plan(&bad, &known(&meta, &f, &r, Some(&current)), Mode::Update).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.hint().unwrap().contains("Too expensive"));
    }

    #[test]
    fn tags_add_to_the_current_set_or_replace_it() {
        let meta = Meta::example();
        let (f, r) = (fields(), reasons());
        let mut current = Deal::new(Vendor::Sell, "1");
        current.tags = vec!["a".into(), "b".into()];
        let add = DealInput {
            add_tags: vec!["c".into(), "a".into()],
            ..DealInput::default()
        };
        let p = plan(&add, &known(&meta, &f, &r, Some(&current)), Mode::Update).unwrap();
        assert_eq!(p.data["tags"], json!(["a", "b", "c"]));
        assert_eq!(
            p.notices[0],
            "tags: this write adds c (Sell replaces the whole set, so it sends a, b, c)"
        );
        let replace = DealInput {
            tags: Some(vec!["z".into()]),
            ..DealInput::default()
        };
        let p = plan(
            &replace,
            &known(&meta, &f, &r, Some(&current)),
            Mode::Update,
        )
        .unwrap();
        assert_eq!(p.data["tags"], json!(["z"]));
        assert_eq!(
            p.notices[0],
            "tags: this write replaces the deal's tags with z"
        );
        // A dry run sends nothing: its notice says what the write would do.
        let mut dry = known(&meta, &f, &r, Some(&current));
        dry.dry_run = true;
        let p = plan(&replace, &dry, Mode::Update).unwrap();
        assert_eq!(
            p.notices[0],
            "tags: this write would replace the deal's tags with z"
        );
    }

    #[test]
    fn unknown_custom_fields_list_the_known_names_and_company_is_unsupported() {
        let meta = Meta::example();
        let (f, r) = (fields(), reasons());
        let mut input = DealInput::default();
        input.custom.insert("regoin".into(), json!("x"));
        let e = plan(&input, &known(&meta, &f, &r, None), Mode::Update).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let hint = e.hint().unwrap();
        assert!(
            hint.contains("\"region\"") && hint.contains("region, external_id"),
            "{hint}"
        );
        let company = DealInput {
            company: Some("3".into()),
            ..DealInput::default()
        };
        let e = plan(&company, &known(&meta, &f, &r, None), Mode::Update).unwrap_err();
        assert_eq!(e.exit_code(), 6);
    }
}
