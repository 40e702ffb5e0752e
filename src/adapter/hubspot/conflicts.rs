//! A batch create HubSpot refused because a unique value is taken: which records' values existing
//! deals already hold, found with one batch read by `idProperty` per unique property (seed 000:
//! "retrieve deals by a custom unique identifier property"), so the others can go in one batch
//! instead of one call each.

use std::collections::HashMap;

use serde_json::Value;

use super::HubSpot;
use crate::adapter::Taken;
use crate::error::Result;
use crate::model::DealInput;

/// A value as HubSpot keeps a property: text.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl HubSpot {
    /// For each input, the existing deal that holds one of its unique values.
    pub(super) async fn taken(&self, inputs: &[DealInput]) -> Result<Vec<Option<Taken>>> {
        let meta = self.meta().await?;
        // (input, unique property, value) for every unique value the inputs carry.
        let mut wanted: Vec<(usize, String, String)> = Vec::new();
        for (i, input) in inputs.iter().enumerate() {
            for (key, value) in &input.custom {
                let Some(property) = meta.property(key).filter(|p| p.has_unique_value) else {
                    continue;
                };
                if let Some(value) = text(value) {
                    wanted.push((i, property.name.clone(), value));
                }
            }
        }
        let mut by_property: HashMap<&str, Vec<String>> = HashMap::new();
        for (_, property, value) in &wanted {
            let values = by_property.entry(property.as_str()).or_default();
            if !values.contains(value) {
                values.push(value.clone());
            }
        }
        let mut holders: HashMap<(String, String), String> = HashMap::new();
        for (property, values) in by_property {
            for deal in self.batch_read(property, &values).await? {
                if let Some(value) = deal.custom.get(property).and_then(text) {
                    holders.insert((property.to_string(), value), deal.id.clone());
                }
            }
        }
        let mut out: Vec<Option<Taken>> = inputs.iter().map(|_| None).collect();
        for (i, property, value) in wanted {
            if out[i].is_some() {
                continue;
            }
            if let Some(id) = holders.get(&(property.clone(), value.clone())) {
                out[i] = Some(Taken {
                    property,
                    value,
                    id: id.clone(),
                });
            }
        }
        Ok(out)
    }
}
