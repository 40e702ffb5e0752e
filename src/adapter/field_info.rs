//! What `crm deals fields` shows of a vendor's custom fields: the name `--set` and
//! `--fields custom.NAME` take, its type, and the values an option field allows.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomFieldInfo {
    /// The name `--set NAME=…` and `custom.NAME` use.
    pub name: String,
    /// The label the vendor's web app shows, when it differs from the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The type in crm's one vocabulary ([`TYPES`]), the same words on every vendor.
    #[serde(rename = "type")]
    pub kind: String,
    /// The vendor's own type name (`enumeration`, `varchar`, `string`, …).
    pub vendor_type: String,
    /// The values an option field accepts, by label.
    pub options: Vec<String>,
    /// Computed by the vendor: shown in output, refused by `--set`.
    pub read_only: bool,
}

/// The field types `crm deals fields` names, whatever the vendor calls them: `number` is a
/// whole number, `decimal` one that may have decimals, `enum` one option, `set` several,
/// `user` a user of the account, `reference` another record (a pipeline, a stage, a contact…).
pub const TYPES: [&str; 10] = [
    "text",
    "number",
    "decimal",
    "date",
    "datetime",
    "enum",
    "set",
    "bool",
    "user",
    "reference",
];

impl CustomFieldInfo {
    /// A field whose vendor type `vendor_type` reads as `kind` in crm's vocabulary.
    pub fn new(name: impl Into<String>, kind: &str, vendor_type: impl Into<String>) -> Self {
        debug_assert!(TYPES.contains(&kind), "{kind} is not in crm's vocabulary");
        CustomFieldInfo {
            name: name.into(),
            label: None,
            kind: kind.to_string(),
            vendor_type: vendor_type.into(),
            options: Vec::new(),
            read_only: false,
        }
    }
}

/// Sorted by name, so the list reads the same whatever order the vendor answered in.
pub fn sorted(mut fields: Vec<CustomFieldInfo>) -> Vec<CustomFieldInfo> {
    fields.sort_by_key(|f| f.name.to_lowercase());
    fields
}
