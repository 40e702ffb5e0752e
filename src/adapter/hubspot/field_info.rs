//! HubSpot's custom deal properties (not `hubspotDefined`) as `crm deals fields` lists them.

use super::meta::Meta;
use crate::adapter::field_info::{sorted, CustomFieldInfo};

pub fn custom_fields(meta: &Meta) -> Vec<CustomFieldInfo> {
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
    fn lists_only_the_accounts_own_properties() {
        let meta = Meta::example();
        let fields = custom_fields(&meta);
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
