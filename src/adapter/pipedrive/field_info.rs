//! Pipedrive's custom deal fields (`is_custom_field`) by name, as `crm deals fields` lists them.

use super::meta::Meta;
use crate::adapter::field_info::{sorted, CustomFieldInfo};

pub fn custom_fields(meta: &Meta) -> Vec<CustomFieldInfo> {
    sorted(
        meta.custom_fields()
            .map(|f| CustomFieldInfo {
                options: f.options().iter().map(|o| o.label.clone()).collect(),
                ..CustomFieldInfo::new(&f.field_name, common_type(&f.field_type), &f.field_type)
            })
            .collect(),
    )
}

/// A deal field's `field_type` (v2 `dealFields`) in crm's vocabulary.
fn common_type(field_type: &str) -> &'static str {
    match field_type {
        "int" => "number",
        "double" | "monetary" => "decimal",
        "date" => "date",
        "enum" | "status" | "visible_to" => "enum",
        "set" => "set",
        "user" => "user",
        "org" | "people" | "stage" | "deal" | "lead" | "person" => "reference",
        // varchar, varchar_auto, varchar_options, text, phone, address, time, daterange, …
        _ => "text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_not_hash_keys_and_option_labels() {
        let meta = Meta::example();
        let fields = custom_fields(&meta);
        assert!(!fields.is_empty());
        for f in &fields {
            assert!(meta.custom_field(&f.name).is_ok(), "{}", f.name);
            assert!(f.name.len() != 40 || !f.name.chars().all(|c| c.is_ascii_hexdigit()));
        }
        assert!(fields.iter().all(|f| f.name != "Title"));
        let region = fields.iter().find(|f| f.name == "Region").unwrap();
        assert_eq!(
            (region.kind.as_str(), region.vendor_type.as_str()),
            ("enum", "enum")
        );
        let seats = fields.iter().find(|f| f.name == "Seats").unwrap();
        assert_eq!(
            (seats.kind.as_str(), seats.vendor_type.as_str()),
            ("decimal", "double")
        );
        let id = fields.iter().find(|f| f.name == "External ID").unwrap();
        assert_eq!(
            (id.kind.as_str(), id.vendor_type.as_str()),
            ("text", "varchar")
        );
    }
}
