//! Pipedrive's store built from the demo data.

use std::collections::BTreeMap;

use serde_json::json;
use sha2::{Digest, Sha256};

use super::history::Change;
use super::{CustomField, Deal, Follower, Named, Participant, Person, Stage, Store, User};
use crate::data::{numbered, Demo, StageKind, TAGS};

/// A 40-character hex key, as Pipedrive gives custom fields.
fn field_key(name: &str) -> String {
    let digest = Sha256::digest(format!("pipedrive-sandbox:{name}").as_bytes());
    digest
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()[..40]
        .to_string()
}

impl Store {
    pub(crate) fn from_demo(demo: &Demo) -> Store {
        let users: Vec<User> = numbered(&demo.users, 11_000_001, |id, u| User {
            id,
            name: u.full_name(),
            email: u.email.clone(),
            active: u.active,
        });
        let orgs: Vec<Named> = numbered(&demo.companies, 1, |id, c| Named {
            id,
            name: c.name.into(),
        });
        let persons: Vec<Person> = numbered(&demo.contacts, 1, |id, c| Person {
            id,
            first: c.first.into(),
            last: c.last.into(),
            email: c.email.clone(),
            org_id: orgs[c.company].id,
        });
        let mut stages = vec![];
        let pipelines: Vec<Named> = numbered(&demo.pipelines, 1, |id, pl| {
            for (s, st) in pl.stages.iter().enumerate() {
                stages.push(Stage {
                    id: stages.len() as u64 + 1,
                    pipeline_id: id,
                    name: st.name.into(),
                    order_nr: s as u32 + 1,
                    probability: st.probability,
                    kind: match st.kind {
                        StageKind::Open => "open",
                        StageKind::Won => "won",
                        StageKind::Lost => "lost",
                    }
                    .into(),
                });
            }
            Named {
                id,
                name: pl.name.into(),
            }
        });
        let custom = vec![
            CustomField {
                key: field_key("region"),
                name: "Region".into(),
                options: crate::data::REGIONS.iter().map(|r| r.to_string()).collect(),
            },
            CustomField {
                key: field_key("external_id"),
                name: "External ID".into(),
                options: vec![],
            },
        ];
        let labels: Vec<Named> = numbered(&TAGS, 1, |id, t| Named {
            id,
            name: t.to_string(),
        });
        let mut next_participant = 1;
        let mut next_change = 1;
        let deals: BTreeMap<u64, Deal> = demo
            .deals
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let id = 1 + i as u64;
                let stage = demo.pipelines[..d.pipeline]
                    .iter()
                    .map(|p| p.stages.len())
                    .sum::<usize>()
                    + d.stage;
                let st = &stages[stage];
                let closed = (st.kind != "open").then_some(d.updated);
                // A deal past its pipeline's first stage got there in the app, the day it was
                // last updated: its changelog has that move.
                let first = stages.iter().find(|s| s.pipeline_id == st.pipeline_id);
                let changes: Vec<Change> = first
                    .filter(|first| first.id != st.id)
                    .map(|first| {
                        next_change += 1;
                        Change {
                            id: next_change - 1,
                            field_key: "stage_id".into(),
                            old_value: Some(first.id.to_string()),
                            new_value: Some(st.id.to_string()),
                            actor_user_id: users[d.owner].id,
                            time: d.updated,
                            source: "app".into(),
                            user_agent: None,
                        }
                    })
                    .into_iter()
                    .collect();
                let participants = d
                    .contacts
                    .iter()
                    .map(|&c| {
                        next_participant += 1;
                        Participant {
                            id: next_participant - 1,
                            person_id: persons[c].id,
                            add_time: d.created,
                        }
                    })
                    .collect();
                let mut custom_fields = BTreeMap::new();
                custom_fields.insert(custom[0].key.clone(), json!(d.region));
                custom_fields.insert(custom[1].key.clone(), json!(d.external_id));
                let deal = Deal {
                    id,
                    title: d.name.clone(),
                    value: d.amount.unwrap_or_default(),
                    currency: d.currency.into(),
                    owner_id: users[d.owner].id,
                    creator_id: users[0].id,
                    person_id: Some(persons[d.contacts[0]].id),
                    org_id: Some(orgs[d.company].id),
                    pipeline_id: st.pipeline_id,
                    stage_id: st.id,
                    status: if st.kind == "open" {
                        "open".into()
                    } else {
                        st.kind.clone()
                    },
                    is_deleted: false,
                    is_archived: false,
                    add_time: d.created,
                    update_time: d.updated,
                    stage_change_time: Some(d.updated),
                    won_time: closed.filter(|_| st.kind == "won"),
                    lost_time: closed.filter(|_| st.kind == "lost"),
                    close_time: closed,
                    lost_reason: (st.kind == "lost").then(|| "Price too high".to_string()),
                    probability: None,
                    expected_close_date: d.close_date,
                    label_ids: d
                        .tags
                        .iter()
                        .filter_map(|t| labels.iter().find(|l| l.name == *t).map(|l| l.id))
                        .collect(),
                    custom_fields,
                    followers: vec![Follower {
                        user_id: users[d.owner].id,
                        add_time: d.created,
                    }],
                    participants,
                    changes,
                };
                (id, deal)
            })
            .collect();
        Store {
            deals: deals.into(),
            next_deal: 1 + demo.deals.len() as u64,
            next_participant,
            me: users[0].id,
            users,
            persons,
            orgs,
            pipelines,
            stages,
            labels,
            custom,
            company_domain: "sandbox-company".into(),
            probability_off: Default::default(),
            next_change,
        }
    }
}
