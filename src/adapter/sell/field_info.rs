//! Zendesk Sell's deal custom fields (`GET /v2/deal/custom_fields`), as `crm deals fields` lists
//! them. The endpoint gives names and types; choices of list fields are not in crm's wire type.

use super::wire::CustomFieldWire;
use crate::adapter::field_info::{sorted, CustomFieldInfo};

pub fn custom_fields(fields: &[CustomFieldWire]) -> Vec<CustomFieldInfo> {
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
