//! A deal's contacts in Sell: the associated contacts (role `involved`) and the primary one.

use reqwest::Method;
use serde_json::json;

use super::wire::{envelope, id_number, AssociatedContactWire};
use super::{request, Sell};
use crate::error::Result;
use crate::model::{AssociateOptions, Deal};

/// The only role Sell documents for a deal's associated contact.
pub(super) const ROLE: &str = "involved";

impl Sell {
    /// Adds the deal's associated contacts after its primary one.
    pub(super) async fn add_associated(&self, deal: &mut Deal) -> Result<()> {
        let contacts: Vec<AssociatedContactWire> = self
            .collect(&["v2", "deals", &deal.id, "associated_contacts"])
            .await?;
        for c in contacts {
            if !deal.contacts.contains(&c.contact_id) {
                deal.contacts.push(c.contact_id);
            }
        }
        Ok(())
    }

    pub(super) async fn post_associated(&self, id: &str, contact: &str) -> Result<()> {
        let request = request(Method::POST, &["v2", "deals", id, "associated_contacts"])
            .json(envelope(
                "associated_contact",
                json!({"contact_id": id_number(contact)?, "role": ROLE}),
            ))
            .idempotent(false)
            .subject(format!("association of contact {contact} with deal {id}"));
        self.env.http.send(request).await?;
        Ok(())
    }

    pub(super) async fn associate_contact(
        &self,
        id: &str,
        contact: &str,
        options: &AssociateOptions,
    ) -> Result<String> {
        if options.primary {
            let deal = self
                .put_deal(
                    id,
                    [("contact_id".to_string(), id_number(contact)?)]
                        .into_iter()
                        .collect(),
                )
                .await?;
            return Ok(format!(
                "contact {contact} is now the primary contact of deal {}",
                deal.id
            ));
        }
        self.post_associated(id, contact).await?;
        Ok(format!(
            "deal {id} is now associated with contact {contact} (role {ROLE})"
        ))
    }

    pub(super) async fn dissociate_contact(&self, id: &str, contact: &str) -> Result<String> {
        let request = request(
            Method::DELETE,
            &["v2", "deals", id, "associated_contacts", contact],
        );
        self.env.http.send(request).await?;
        Ok(format!(
            "deal {id} is no longer associated with contact {contact}"
        ))
    }
}
