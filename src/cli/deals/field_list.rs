//! `crm deals fields`: the names `--fields` and `--set` accept, the common ones and this
//! account's custom fields, so a "did you mean" can point somewhere real.

use clap::Args;
use serde::Serialize;

use crate::adapter::{Capabilities, CustomFieldInfo};
use crate::context::Context;
use crate::error::Result;
use crate::output::write_records;

/// List the deal fields: the common ones, and this account's custom fields with type and options
#[derive(Debug, Args)]
#[command(
    after_help = "`--fields` takes the names in the first column (custom.NAME selects one custom \
                  field); a custom field is written with `--set NAME=VALUE`, an option field by \
                  one of its options.\n\n\
                  Types are the same words on every vendor: text, number (whole), decimal, date, \
                  datetime, enum (one option), set (several), bool, user, reference (another \
                  record); `custom` is the object of the custom fields. The vendor's own type of \
                  a custom field is beside it.\n\n\
                  Examples:\n  crm deals fields\n  crm deals fields -o json"
)]
pub struct FieldsArgs {}

/// One field as `crm deals fields` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldRow {
    /// The name `--fields` takes.
    pub field: String,
    /// crm's type, the same words on every vendor.
    #[serde(rename = "type")]
    pub kind: String,
    /// The vendor's own type of a custom field (the common fields are crm's own).
    pub vendor_type: Option<String>,
    pub custom: bool,
    /// How to write it, or null when it is read only.
    pub set_with: Option<String>,
    pub options: Vec<String>,
    /// Why this vendor does not take it in a write, when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The common deal fields, in output order: type, and the flag that writes it.
const COMMON: [(&str, &str, Option<&str>); 18] = [
    ("id", "text", None),
    ("vendor", "enum", None),
    ("name", "text", Some("--name")),
    ("amount", "decimal", Some("--amount")),
    ("currency", "text", Some("--currency")),
    ("pipeline", "reference", Some("--pipeline")),
    ("stage", "reference", Some("--stage")),
    ("status", "enum", Some("--status")),
    ("owner", "user", Some("--owner")),
    ("close_date", "date", Some("--close-date")),
    ("probability", "decimal", None),
    ("contacts", "reference", Some("--contact")),
    ("company", "reference", Some("--company")),
    ("tags", "set", Some("--tags")),
    ("custom", "object", Some("--set NAME=VALUE")),
    ("created_at", "datetime", None),
    ("updated_at", "datetime", None),
    ("url", "text", None),
];

/// `unwritable`: common fields the vendor refuses in a write, with the reason.
pub fn rows(custom: &[CustomFieldInfo], unwritable: &[(&str, &str)]) -> Vec<FieldRow> {
    let common = COMMON.iter().map(|(field, kind, flag)| {
        let note = unwritable
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, why)| why.to_string());
        FieldRow {
            field: field.to_string(),
            kind: kind.to_string(),
            vendor_type: None,
            custom: false,
            set_with: flag.filter(|_| note.is_none()).map(str::to_string),
            options: Vec::new(),
            note,
        }
    });
    let custom = custom.iter().map(|f| FieldRow {
        field: format!("custom.{}", f.name),
        kind: f.kind.clone(),
        vendor_type: Some(f.vendor_type.clone()),
        custom: true,
        set_with: (!f.read_only).then(|| quoted(&format!("--set {}=VALUE", f.name))),
        options: f.options.clone(),
        note: None,
    });
    common.chain(custom).collect()
}

/// `--set NAME=VALUE` as a shell takes it: quoted when the name has spaces.
fn quoted(flag: &str) -> String {
    match flag.split_once(' ') {
        Some((set, pair)) if pair.contains(char::is_whitespace) => format!("{set} \"{pair}\""),
        _ => flag.to_string(),
    }
}

pub async fn run(_args: FieldsArgs, ctx: &Context) -> Result<()> {
    let adapter = ctx.adapter()?;
    let custom = adapter.custom_fields_info().await?;
    let mut rows = rows(&custom, adapter.unwritable_fields());
    // A vendor that gives no link to a deal has no `url` (see `crm vendors`).
    if !Capabilities::of(adapter.vendor()).deal_links {
        rows.retain(|r| r.field != "url");
    }
    write_records(
        ctx.format(),
        &ctx.streams,
        &["field", "type", "vendor type", "set with", "options"],
        &rows,
        |r: &FieldRow| {
            let set_with = match (&r.set_with, &r.note) {
                (Some(flag), _) => flag.clone(),
                (None, Some(note)) => format!("({note})"),
                (None, None) => "(read only)".into(),
            };
            vec![
                r.field.clone(),
                r.kind.clone(),
                r.vendor_type.clone().unwrap_or_default(),
                set_with,
                r.options.join(", "),
            ]
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapter::field_info::TYPES;
    use crate::output::DEAL_FIELDS;

    #[test]
    fn the_common_fields_are_exactly_those_fields_accepts() {
        let names: Vec<&str> = COMMON.iter().map(|(f, _, _)| *f).collect();
        assert_eq!(names, DEAL_FIELDS);
        for (field, kind, _) in COMMON {
            assert!(
                TYPES.contains(&kind) || field == "custom",
                "{field}: {kind} is not in the vocabulary"
            );
        }
    }

    #[test]
    fn custom_fields_follow_with_their_set_syntax() {
        let mut region = CustomFieldInfo::new("Deal Region", "enum", "enumeration/select");
        region.options = vec!["EMEA".into(), "APAC".into()];
        let mut score = CustomFieldInfo::new("score", "number", "int");
        score.read_only = true;
        let rows = rows(&[region, score], &[("tags", "no tags here")]);
        let tags = rows.iter().find(|r| r.field == "tags").unwrap();
        assert_eq!(tags.set_with, None);
        assert_eq!(tags.note.as_deref(), Some("no tags here"));
        let region = &rows[COMMON.len()];
        assert_eq!(region.field, "custom.Deal Region");
        assert_eq!(
            region.set_with.as_deref(),
            Some("--set \"Deal Region=VALUE\"")
        );
        assert_eq!(region.options, ["EMEA", "APAC"]);
        assert_eq!(rows[COMMON.len() + 1].set_with, None);
    }
}
