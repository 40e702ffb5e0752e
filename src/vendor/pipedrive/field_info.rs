//! Pipedrive's custom deal fields (`is_custom_field`) by name, as `crm deals fields` lists them.

use super::meta::Meta;
use crate::vendor::field_info::{sorted, CustomFieldInfo};

pub fn custom_fields(meta: &Meta) -> Vec<CustomFieldInfo> {
    sorted(
        meta.custom_fields()
            .map(|f| CustomFieldInfo {
                options: f.options().iter().map(|o| o.label.clone()).collect(),
                ..CustomFieldInfo::new(&f.field_name, &f.field_type)
            })
            .collect(),
    )
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
    }
}
