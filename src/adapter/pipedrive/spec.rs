//! Pipedrive's descriptor: API v2 (and the v1 endpoints v2 lacks) at api.pipedrive.com or a
//! company domain; API tokens in `x-api-token`, OAuth access tokens as Bearer.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use super::error::{is_api_token, PipedrivePolicy};
use crate::adapter::spec::{
    array_at, cursor_at, person, text, Auth, NextPage, Paging, RateTiers, VendorSpec, WhoAmI,
};
use crate::adapter::tiers::Tier;
use crate::adapter::{Associations, Capabilities, Filter, Op, Support};
use crate::http::{AuthScheme, VendorPolicy};
use crate::model::Vendor;

pub static SPEC: VendorSpec = VendorSpec {
    vendor: Vendor::Pipedrive,
    key: "pipedrive",
    aliases: &[],
    display_name: "Pipedrive",
    default_base_url: "https://api.pipedrive.com",
    capabilities: Capabilities {
        vendor: Vendor::Pipedrive,
        ops: &[
            Op::List,
            Op::Get,
            Op::Create,
            Op::Update,
            Op::Delete,
            Op::Merge,
            Op::Follow,
            Op::Unfollow,
            Op::Followers,
            Op::AssociateContact,
            Op::AssociateCompany,
            Op::DissociateContact,
            // No DissociateCompany: see links.rs (org_id cannot be emptied through API v2).
            Op::Upsert,
            Op::Pipelines,
            Op::Users,
            Op::History,
        ],
        filters: &[
            (Filter::Stage, Support::Native),
            (Filter::Pipeline, Support::Native),
            (Filter::Owner, Support::Native),
            (Filter::Ids, Support::Native),
            (Filter::Name, Support::ClientSide),
            (Filter::CloseDate, Support::ClientSide),
            (Filter::Status, Support::Native),
            (Filter::Deleted, Support::Native),
            (Filter::Contact, Support::Native),
            (Filter::Company, Support::Native),
            (Filter::UpdatedSince, Support::Native),
            (Filter::UpdatedUntil, Support::Native),
            (Filter::Search, Support::Native),
            (Filter::Archived, Support::Native),
            (Filter::Sort, Support::Native),
            (Filter::WithContacts, Support::Native),
            (Filter::Custom, Support::ClientSide),
        ],
        sort_fields: &["id", "created_at", "updated_at"],
        delete_effect:
            "Pipedrive marks deleted deals as deleted and removes them for good after 30 days.",
        // `https://{company}.pipedrive.com/deal/{id}`, the company from `/api/v1/users/me`.
        deal_links: true,
        // A deal's contact person is its primary person; the others are participants.
        associations: Associations {
            roles: &[],
            labels: false,
            primary_contact: true,
            lacking: (
                "--role and --label are not Pipedrive options",
                "Pipedrive links a person as the deal's contact person (--primary) or a participant",
            ),
        },
        instead: &[(
            Op::DissociateCompany,
            "Pipedrive's API v2 documents no way to empty a deal's organization (org_id is \
             a non-nullable integer); link another: crm deals associate ID --company OTHER \
             --replace",
        )],
    },
    auth: Auth {
        http,
        lasting_token: "API token (Personal preferences > API)",
        token_kind: "Pipedrive API token",
    },
    whoami: WhoAmI {
        path: &["api", "v1", "users", "me"],
        describe: user_and_company,
    },
    // Requests per token and rolling 2-second window (its token costs count against the daily
    // budget only): Essential 20, Advanced 40, Professional 80, Power 100, Enterprise 120 for API
    // tokens, four times that for OAuth tokens
    // (https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting). The 2024 plan names
    // take their predecessors' budgets: Lite = Essential, Growth = Advanced, Premium =
    // Professional, Ultimate = Enterprise.
    tiers: RateTiers {
        tiers: &[
            tier("lite", 20),
            tier("growth", 40),
            tier("premium", 80),
            tier("ultimate", 120),
            tier("essential", 20),
            tier("advanced", 40),
            tier("professional", 80),
            tier("power", 100),
            tier("enterprise", 120),
        ],
        untiered: None,
        token_factor: oauth_gets_four_times,
    },
    paging: Paging {
        items: |page| array_at(page, "/data"),
        // v2 lists carry a cursor; v1 lists an offset, while more items are in the collection.
        next: |page| {
            if let Some(value) = cursor_at(page, "/additional_data/next_cursor") {
                return Some(NextPage::Cursor {
                    key: "cursor",
                    value,
                });
            }
            let more = page.pointer("/additional_data/pagination/more_items_in_collection");
            if more.and_then(Value::as_bool) != Some(true) {
                return None;
            }
            cursor_at(page, "/additional_data/pagination/next_start").map(|value| {
                NextPage::Cursor {
                    key: "start",
                    value,
                }
            })
        },
    },
    sandbox_profile: "sandbox-pipedrive",
    sandbox_aliases: &[],
};

/// `capacity` is the API-token budget in requests.
const fn tier(name: &'static str, capacity: u32) -> Tier {
    Tier {
        name,
        bucket: "burst",
        capacity,
        window: Duration::from_secs(2),
    }
}

fn oauth_gets_four_times(token: &str) -> u32 {
    if is_api_token(token) {
        1
    } else {
        4
    }
}

fn http(token: &str) -> (AuthScheme, Arc<dyn VendorPolicy>) {
    let api_token = is_api_token(token);
    let auth = if api_token {
        AuthScheme::Header("x-api-token")
    } else {
        AuthScheme::Bearer
    };
    (auth, Arc::new(PipedrivePolicy { api_token }))
}

/// `/api/v1/users/me`: the user, and the company when Pipedrive gives it.
fn user_and_company(body: &Value) -> String {
    let user = &body["data"];
    match text(user, "company_domain").or_else(|| text(user, "company_name")) {
        Some(company) => format!("{} at {company}", person(user)),
        None => person(user),
    }
}
