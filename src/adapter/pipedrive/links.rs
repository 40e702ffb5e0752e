//! What a deal links to: persons (the primary `person_id` and v1 participants), the one
//! organization (`org_id`), and followers (v2).

use reqwest::Method;
use serde_json::{json, Value};

use super::input::int_id;
use super::wire::{data_items, id_text, next_cursor};
use super::{convert, costs, to_user, v1, v2, Pipedrive};
use crate::adapter::error::no_such_deal;
use crate::error::{Error, Failure, Result};
use crate::http::Request;
use crate::model::{AssociateOptions, Deal, Target, User, Vendor};

impl Pipedrive {
    /// `GET /api/v1/deals/{id}/participants`, every page (v1 pages by `start`).
    pub(crate) async fn participants(&self, id: &str) -> Result<Vec<Value>> {
        const MAX_PAGES: usize = 20;
        let mut items = Vec::new();
        let mut start = 0u64;
        for _ in 0..MAX_PAGES {
            let mut request = Request::get(v1(&["deals", id, "participants"])).query("limit", 500);
            if start > 0 {
                request = request.query("start", start);
            }
            let body = self
                .send(request, costs::PARTICIPANTS)
                .await
                .map_err(|e| no_such_deal(Vendor::Pipedrive, e, id))?;
            items.extend(data_items(&body));
            let more = body
                .pointer("/additional_data/pagination/more_items_in_collection")
                .or_else(|| body.pointer("/additional_data/more_items_in_collection"))
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let next = body
                .pointer("/additional_data/pagination/next_start")
                .or_else(|| body.pointer("/additional_data/next_start"))
                .and_then(Value::as_u64);
            match (more, next) {
                (true, Some(n)) if n > start => start = n,
                _ => break,
            }
        }
        Ok(items)
    }

    /// After a create: the contacts beyond the first (the deal's person) become participants,
    /// each with its own call, each failure reported.
    pub(super) async fn add_participants(
        &self,
        deal: &mut Deal,
        people: &[String],
    ) -> Vec<Failure> {
        let mut failures = Vec::new();
        for person in people {
            match self.add_participant(&deal.id, person).await {
                Ok(()) => convert::add_contacts(deal, [person.clone()]),
                Err(e) => failures.push(Failure {
                    record: format!("participant person {person}"),
                    message: e.to_string(),
                }),
            }
        }
        failures
    }

    pub(super) async fn add_participant(&self, id: &str, person: &str) -> Result<()> {
        let request = Request::new(Method::POST, v1(&["deals", id, "participants"]))
            .json(json!({"person_id": int_id(person)}))
            .idempotent(false)
            .subject(format!("adding person {person} to deal {id}"));
        self.send(request, costs::ADD_PARTICIPANT)
            .await
            .map_err(|e| no_such_deal(Vendor::Pipedrive, e, id))?;
        Ok(())
    }

    async fn patch(&self, id: &str, body: Value) -> Result<()> {
        let request = Request::new(Method::PATCH, v2(&["deals", id]))
            .json(body)
            .idempotent(true);
        self.send(request, costs::UPDATE)
            .await
            .map_err(|e| no_such_deal(Vendor::Pipedrive, e, id))?;
        Ok(())
    }

    pub(super) async fn link(
        &self,
        id: &str,
        target: &Target,
        options: &AssociateOptions,
    ) -> Result<String> {
        match target {
            Target::Contact(person) if options.primary => {
                self.patch(id, json!({"person_id": int_id(person)})).await?;
                Ok(format!("person {person} is now deal {id}'s contact person"))
            }
            Target::Contact(person) => {
                if options.replace {
                    return Err(Error::usage(
                        "--replace is for --company: a deal has many participants",
                    ));
                }
                self.add_participant(id, person).await?;
                Ok(format!("person {person} is now a participant of deal {id}"))
            }
            Target::Company(org) => {
                let current = self.fetch_wire(id).await?.get("org_id").and_then(id_text);
                match current {
                    Some(c) if c == *org => {
                        return Ok(format!("deal {id} is already linked to organization {org}"))
                    }
                    Some(c) if !options.replace => {
                        return Err(Error::usage_hint(
                            format!("deal {id} is already linked to organization {c}, and a Pipedrive deal has one"),
                            "pass --replace to link it to the new one instead",
                        ))
                    }
                    _ => {}
                }
                self.patch(id, json!({"org_id": int_id(org)})).await?;
                Ok(format!("deal {id} is now linked to organization {org}"))
            }
        }
    }

    pub(super) async fn unlink(&self, id: &str, target: &Target) -> Result<String> {
        match target {
            Target::Contact(person) => {
                let primary = self
                    .fetch_wire(id)
                    .await?
                    .get("person_id")
                    .and_then(id_text);
                let participants = self.participants(id).await?;
                let found = participants
                    .iter()
                    .find(|p| convert::participant_person(p).as_deref() == Some(person.as_str()))
                    .and_then(|p| p.get("id").and_then(id_text));
                if primary.as_deref() != Some(person.as_str()) && found.is_none() {
                    return Err(Error::not_found(format!(
                        "person {person} is not linked to deal {id}"
                    )));
                }
                // The v2 PATCH schema types person_id as a non-nullable integer and Pipedrive
                // documents `null` only for custom fields (seed 002): the primary person can be
                // replaced, not removed. Refused before anything is written.
                if primary.as_deref() == Some(person.as_str()) {
                    return Err(Error::Unsupported {
                        vendor: Vendor::Pipedrive,
                        what: format!("unlinking deal {id}'s primary person {person}"),
                        hint: Some(format!(
                            "Pipedrive's API v2 documents no way to empty a deal's person; \
                             make another the primary: crm deals associate {id} --contact OTHER \
                             --primary"
                        )),
                    });
                }
                if let Some(participant) = found {
                    let request = Request::new(
                        Method::DELETE,
                        v1(&["deals", id, "participants", &participant]),
                    );
                    self.send(request, costs::REMOVE_PARTICIPANT).await?;
                }
                Ok(format!("person {person} is no longer linked to deal {id}"))
            }
            // Not in Pipedrive's capabilities (`org_id` is a non-nullable integer in the v2
            // PATCH schema); refused before any request, as the CLI does.
            Target::Company(_) => {
                let e = Error::unsupported(Vendor::Pipedrive, "deals dissociate --company");
                Err(
                    match super::spec::SPEC
                        .capabilities
                        .instead(crate::adapter::Op::DissociateCompany)
                    {
                        Some(hint) => e.with_hint(hint),
                        None => e,
                    },
                )
            }
        }
    }

    async fn user(&self, text: &str) -> Result<User> {
        self.with_fresh_meta(|m| m.resolve_owner(text).map(to_user))
            .await
    }

    pub(super) async fn add_follower(&self, id: &str, user: &str) -> Result<User> {
        let user = self.user(user).await?;
        let request = Request::new(Method::POST, v2(&["deals", id, "followers"]))
            .json(json!({"user_id": int_id(&user.id)}))
            .idempotent(false)
            .subject(format!("{} following deal {id}", user.name));
        self.send(request, costs::FOLLOW)
            .await
            .map_err(|e| no_such_deal(Vendor::Pipedrive, e, id))?;
        Ok(user)
    }

    pub(super) async fn remove_follower(&self, id: &str, user: &str) -> Result<User> {
        let user = self.user(user).await?;
        let request = Request::new(Method::DELETE, v2(&["deals", id, "followers", &user.id]));
        match self.send(request, costs::UNFOLLOW).await {
            Ok(_) => Ok(user),
            // A 404 is the deal or the follower: the deal's followers tell which.
            Err(Error::NotFound { .. }) => match self.list_followers(id).await {
                Ok(_) => Err(Error::NotFound {
                    message: format!("{} does not follow deal {id}", user.name),
                    hint: Some(format!("`crm deals followers {id}` lists who does")),
                }),
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    pub(super) async fn list_followers(&self, id: &str) -> Result<Vec<User>> {
        const MAX_PAGES: usize = 20;
        let mut ids = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut request = Request::get(v2(&["deals", id, "followers"])).query("limit", 500);
            if let Some(c) = &cursor {
                request = request.query("cursor", c);
            }
            let body = self
                .send(request, costs::FOLLOWERS)
                .await
                .map_err(|e| no_such_deal(Vendor::Pipedrive, e, id))?;
            ids.extend(
                data_items(&body)
                    .iter()
                    .filter_map(|f| f.get("user_id").and_then(id_text)),
            );
            cursor = next_cursor(&body);
            if cursor.is_none() {
                break;
            }
        }
        let meta = self.meta().await?;
        Ok(ids
            .into_iter()
            .map(|uid| {
                meta.user(&uid).map(to_user).unwrap_or(User {
                    name: format!("user {uid}"),
                    id: uid,
                    email: None,
                    archived: false,
                })
            })
            .collect())
    }
}
