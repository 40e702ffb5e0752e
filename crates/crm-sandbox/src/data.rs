//! Deterministic demo data, the same for every vendor: a seed and a deal count
//! always give the same users, companies, contacts, pipelines and deals.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;

pub(crate) struct User {
    pub first: &'static str,
    pub last: &'static str,
    pub email: String,
    pub active: bool,
}

impl User {
    /// "First Last".
    pub(crate) fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

/// `items` in demo order, numbered from `first`: how each vendor gives ids to the demo records
/// (the first id is the vendor's own).
pub(crate) fn numbered<T, U>(
    items: &[T],
    first: u64,
    mut make: impl FnMut(u64, &T) -> U,
) -> Vec<U> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| make(first + i as u64, item))
        .collect()
}

pub(crate) struct Company {
    pub name: &'static str,
    pub domain: &'static str,
}

pub(crate) struct Contact {
    pub first: &'static str,
    pub last: &'static str,
    pub email: String,
    /// Index into `Demo::companies`.
    pub company: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum StageKind {
    Open,
    Won,
    Lost,
}

pub(crate) struct Stage {
    pub name: &'static str,
    /// HubSpot's internal name in the default pipeline.
    pub slug: &'static str,
    /// Percent, 0–100.
    pub probability: u32,
    pub kind: StageKind,
}

pub(crate) struct Pipeline {
    pub name: &'static str,
    pub stages: Vec<Stage>,
}

pub(crate) struct Deal {
    pub name: String,
    pub amount: Option<Decimal>,
    pub currency: &'static str,
    pub pipeline: usize,
    pub stage: usize,
    /// Index into `Demo::users` (always an active one).
    pub owner: usize,
    /// Indexes into `Demo::contacts`; the first is the primary one.
    pub contacts: Vec<usize>,
    pub company: usize,
    pub close_date: Option<NaiveDate>,
    pub tags: Vec<&'static str>,
    pub region: &'static str,
    pub external_id: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

pub(crate) struct Demo {
    pub users: Vec<User>,
    pub companies: Vec<Company>,
    pub contacts: Vec<Contact>,
    pub pipelines: Vec<Pipeline>,
    pub deals: Vec<Deal>,
}

pub(crate) const REGIONS: [&str; 4] = ["EMEA", "NA", "APAC", "LATAM"];
pub(crate) const TAGS: [&str; 4] = ["hot", "enterprise", "renewal", "partner"];

/// The instant the demo data is "now" at: fixed, so data is reproducible.
pub(crate) fn epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

fn stage(name: &'static str, slug: &'static str, probability: u32, kind: StageKind) -> Stage {
    Stage {
        name,
        slug,
        probability,
        kind,
    }
}

impl Demo {
    pub(crate) fn generate(seed: u64, deals: usize) -> Demo {
        let mut rng = StdRng::seed_from_u64(seed);
        let names = [
            ("Ada", "Lovelace", true),
            ("Grace", "Hopper", true),
            ("Alan", "Turing", true),
            ("Katherine", "Johnson", true),
            ("Edsger", "Dijkstra", false),
        ];
        let users = names
            .iter()
            .map(|&(first, last, active)| User {
                first,
                last,
                email: format!(
                    "{}.{}@example.com",
                    first.to_lowercase(),
                    last.to_lowercase()
                ),
                active,
            })
            .collect();
        let companies: Vec<Company> = [
            ("Acme Corp", "acme.example"),
            ("Globex", "globex.example"),
            ("Initech", "initech.example"),
            ("Umbrella", "umbrella.example"),
            ("Stark Industries", "stark.example"),
            ("Wayne Enterprises", "wayne.example"),
            ("Hooli", "hooli.example"),
            ("Vandelay Industries", "vandelay.example"),
        ]
        .into_iter()
        .map(|(name, domain)| Company { name, domain })
        .collect();
        let firsts = [
            "Maria", "John", "Aiko", "Omar", "Lena", "Pedro", "Chen", "Fatima",
        ];
        let lasts = [
            "Garcia", "Smith", "Tanaka", "Haddad", "Novak", "Silva", "Wei", "Diallo",
        ];
        let contacts: Vec<Contact> = (0..16)
            .map(|i| {
                let (first, last) = (firsts[i % 8], lasts[(i * 3 + i / 8) % 8]);
                let company = i % companies.len();
                Contact {
                    first,
                    last,
                    email: format!(
                        "{}.{}@{}",
                        first.to_lowercase(),
                        last.to_lowercase(),
                        companies[company].domain
                    ),
                    company,
                }
            })
            .collect();
        use StageKind::*;
        let pipelines = vec![
            Pipeline {
                name: "Sales Pipeline",
                stages: vec![
                    stage("Appointment Scheduled", "appointmentscheduled", 20, Open),
                    stage("Qualified To Buy", "qualifiedtobuy", 40, Open),
                    stage("Presentation Scheduled", "presentationscheduled", 60, Open),
                    stage(
                        "Decision Maker Bought-In",
                        "decisionmakerboughtin",
                        80,
                        Open,
                    ),
                    stage("Contract Sent", "contractsent", 90, Open),
                    stage("Closed Won", "closedwon", 100, Won),
                    stage("Closed Lost", "closedlost", 0, Lost),
                ],
            },
            Pipeline {
                name: "Renewals",
                stages: vec![
                    stage("Renewal Due", "renewaldue", 50, Open),
                    stage("Contract Sent", "renewalcontractsent", 90, Open),
                    stage("Closed Won", "renewalclosedwon", 100, Won),
                    stage("Closed Lost", "renewalclosedlost", 0, Lost),
                ],
            },
        ];
        let products = [
            "Website Redesign",
            "Annual License",
            "Support Plan",
            "Data Migration",
            "Onboarding",
            "API Integration",
        ];
        let base = epoch();
        let deals = (0..deals)
            .map(|i| {
                let contact = rng.gen_range(0..contacts.len());
                let mut deal_contacts = vec![contact];
                if rng.gen_bool(0.3) {
                    let other = rng.gen_range(0..contacts.len());
                    if other != contact {
                        deal_contacts.push(other);
                    }
                }
                let pipeline = if rng.gen_bool(0.8) { 0 } else { 1 };
                let stage = rng.gen_range(0..pipelines[pipeline].stages.len());
                let amount = if rng.gen_bool(0.9) {
                    let cents: i64 =
                        rng.gen_range(500..10_000) * 100 + [0, 50, 99][rng.gen_range(0..3)];
                    Some(Decimal::new(cents, 2))
                } else {
                    None
                };
                let created =
                    base - Duration::days(rng.gen_range(5..400)) - Duration::minutes(i as i64);
                let updated = created + Duration::hours(rng.gen_range(1..96));
                let tag_count = rng.gen_range(0..3);
                let mut tags: Vec<&'static str> =
                    TAGS.choose_multiple(&mut rng, tag_count).copied().collect();
                tags.sort_unstable();
                Deal {
                    name: format!(
                        "{}: {}",
                        companies[contacts[contact].company].name,
                        products[rng.gen_range(0..products.len())]
                    ),
                    amount,
                    currency: if rng.gen_bool(0.8) { "USD" } else { "EUR" },
                    pipeline,
                    stage,
                    owner: rng.gen_range(0..4),
                    company: contacts[contact].company,
                    contacts: deal_contacts,
                    close_date: rng
                        .gen_bool(0.85)
                        .then(|| (base + Duration::days(rng.gen_range(-60..180))).date_naive()),
                    tags,
                    region: REGIONS[rng.gen_range(0..REGIONS.len())],
                    external_id: format!("EXT-{:05}", i + 1),
                    created,
                    updated,
                }
            })
            .collect();
        Demo {
            users,
            companies,
            contacts,
            pipelines,
            deals,
        }
    }
}
