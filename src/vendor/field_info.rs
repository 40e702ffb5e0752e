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
    /// The vendor's own type name (`enumeration`, `varchar`, `string`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// The values an option field accepts, by label.
    pub options: Vec<String>,
    /// Computed by the vendor: shown in output, refused by `--set`.
    pub read_only: bool,
}

impl CustomFieldInfo {
    pub fn new(name: impl Into<String>, kind: impl Into<String>) -> Self {
        CustomFieldInfo {
            name: name.into(),
            label: None,
            kind: kind.into(),
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
