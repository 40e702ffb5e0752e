//! Zendesk Sell's deal custom fields (`GET /v2/deal/custom_fields`), as `crm deals fields` lists
//! them. The endpoint gives names and types; choices of list fields are not in crm's wire type.

use super::wire::CustomFieldWire;
use crate::vendor::field_info::{sorted, CustomFieldInfo};

pub fn custom_fields(fields: &[CustomFieldWire]) -> Vec<CustomFieldInfo> {
    sorted(
        fields
            .iter()
            .map(|f| CustomFieldInfo::new(&f.name, f.kind.clone().unwrap_or_default()))
            .collect(),
    )
}
