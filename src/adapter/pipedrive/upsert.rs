//! Upsert without a vendor upsert: an exact-match search, then a create or an update. Not atomic:
//! a deal created by someone else between the two calls makes a duplicate, and crm says so.

use serde_json::{Map, Value};

use super::input::int_id;
use super::{costs, v2, Pipedrive};
use crate::adapter::{Adapter, Written};
use crate::error::{Error, Result};
use crate::http::Request;
use crate::model::{Deal, DealInput};
use crate::resolve::unknown_field;

/// What a `--match` field is searched as: the title, or one custom field (by its name).
enum Key {
    Title,
    Custom(String),
}

impl Pipedrive {
    pub(super) async fn upsert_by_search(
        &self,
        matches: &[(String, String)],
        input: &DealInput,
    ) -> Result<Written> {
        let Some((first_field, first_value)) = matches.first() else {
            return Err(Error::usage(
                "upsert needs at least one --match FIELD=VALUE",
            ));
        };
        let keys = self
            .with_fresh_meta(|m| {
                matches
                    .iter()
                    .map(|(field, _)| match field.as_str() {
                        "name" | "title" => Ok(Key::Title),
                        other => m
                            .custom_field(other)
                            .map(|f| Key::Custom(f.field_name.clone()))
                            .map_err(|_| {
                                unknown_field(
                                    "match field",
                                    other,
                                    std::iter::once("name")
                                        .chain(m.custom_fields().map(|f| f.field_name.as_str())),
                                )
                            }),
                    })
                    .collect::<Result<Vec<_>>>()
            })
            .await?;
        self.env.notice(
            "Pipedrive has no upsert: crm searches for an exact match, then creates or updates \
             (not atomic: a deal created meanwhile by someone else is not seen)",
        );
        let fields = match keys[0] {
            Key::Title => "title",
            Key::Custom(_) => "custom_fields",
        };
        let request = Request::get(v2(&["deals", "search"]))
            .query("term", first_value.trim())
            .query("fields", fields)
            .query("exact_match", true)
            .query("limit", 100);
        let body = self.send(request, costs::SEARCH).await?;
        let ids: Vec<String> = body
            .pointer("/data/items")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.pointer("/item/id").and_then(super::wire::id_text))
                    .collect()
            })
            .unwrap_or_default();
        let found: Vec<Deal> = self
            .hydrate(&ids)
            .await?
            .into_iter()
            .filter(|d| {
                keys.iter()
                    .zip(matches)
                    .all(|(key, (_, want))| equals(d, key, want))
            })
            .collect();
        match found.as_slice() {
            [] => {
                let mut create = input.clone();
                if create.name.is_none() && first_field_is_title(first_field) {
                    create.name = Some(first_value.clone());
                }
                for (key, (_, value)) in keys.iter().zip(matches) {
                    if let Key::Custom(name) = key {
                        create
                            .custom
                            .entry(name.clone())
                            .or_insert_with(|| Value::String(value.clone()));
                    }
                }
                let mut written = self.create(&create).await?;
                written.created = Some(true);
                Ok(written)
            }
            [one] => {
                let mut written = self.update_as_upsert(&one.id, input).await?;
                written.created = Some(false);
                Ok(written)
            }
            several => Err(Error::Rejected {
                vendor: crate::model::Vendor::Pipedrive,
                status: 409,
                message: format!(
                    "{} deals match exactly ({}): upsert needs one; narrow --match",
                    several.len(),
                    several
                        .iter()
                        .map(|d| d.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }
}

impl Pipedrive {
    /// Upsert's update: the fields, and the links a create would make from the same input (the
    /// first contact the deal's person, the others participants, the company its organization),
    /// so that the same input gives the same deal whichever path runs. `deals update` itself
    /// leaves links to `deals associate`.
    async fn update_as_upsert(&self, id: &str, input: &DealInput) -> Result<Written> {
        let mut fields = input.clone();
        let contacts = std::mem::take(&mut fields.contacts);
        let company = fields.company.take();
        let mut body = if fields.is_empty() {
            Map::new()
        } else {
            self.update_body(id, &fields).await?
        };
        if let Some(person) = contacts.first() {
            body.insert("person_id".into(), int_id(person));
        }
        if let Some(org) = &company {
            body.insert("org_id".into(), int_id(org));
        }
        if body.is_empty() {
            return Err(Error::usage("nothing to change: give at least one field"));
        }
        self.patch_deal(id, body).await?;
        let mut deal = self.fetch_deal(id, true).await?;
        let missing: Vec<String> = contacts
            .get(1..)
            .unwrap_or_default()
            .iter()
            .filter(|c| !deal.contacts.contains(c))
            .cloned()
            .collect();
        let failures = self.add_participants(&mut deal, &missing).await;
        Ok(Written {
            deal,
            failures,
            created: None,
        })
    }
}

fn first_field_is_title(field: &str) -> bool {
    field == "name" || field == "title"
}

fn equals(deal: &Deal, key: &Key, want: &str) -> bool {
    match key {
        Key::Title => deal.name.as_deref() == Some(want.trim()),
        Key::Custom(name) => match deal.custom.get(name) {
            Some(Value::String(s)) => s == want.trim(),
            Some(Value::Number(n)) => n.to_string() == want.trim(),
            Some(_) => false,
            None => false,
        },
    }
}
