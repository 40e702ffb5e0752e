//! HubSpot's custom deal properties (not `hubspotDefined`) as `crm deals fields` lists them.

use super::meta::Meta;
use crate::vendor::field_info::{sorted, CustomFieldInfo};

pub fn custom_fields(meta: &Meta) -> Vec<CustomFieldInfo> {
    sorted(
        meta.custom_properties()
            .map(|p| CustomFieldInfo {
                name: p.name.clone(),
                label: Some(p.label.clone()).filter(|l| !l.is_empty() && *l != p.name),
                kind: p.kind.clone(),
                options: p.options.iter().map(|o| o.label.clone()).collect(),
                read_only: p.read_only(),
            })
            .collect(),
    )
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
}
