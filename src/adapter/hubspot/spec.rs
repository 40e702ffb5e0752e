//! HubSpot's descriptor: CRM API v3 at api.hubapi.com, private-app tokens as Bearer.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use super::error::HubSpotPolicy;
use crate::adapter::spec::{
    array_at, cursor_at, same_for_every_token, text, Auth, NextPage, Paging, RateTiers, VendorSpec,
    WhoAmI,
};
use crate::adapter::tiers::Tier;
use crate::adapter::{Associations, Capabilities, Filter, Op, Support};
use crate::http::{AuthScheme, VendorPolicy};
use crate::model::Vendor;

pub static SPEC: VendorSpec = VendorSpec {
    vendor: Vendor::Hubspot,
    key: "hubspot",
    aliases: &[],
    display_name: "HubSpot",
    default_base_url: "https://api.hubapi.com",
    capabilities: Capabilities {
        vendor: Vendor::Hubspot,
        ops: &[
            Op::List,
            Op::Get,
            Op::Create,
            Op::Update,
            Op::Delete,
            Op::Merge,
            Op::AssociateContact,
            Op::AssociateCompany,
            Op::DissociateContact,
            Op::DissociateCompany,
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
            (Filter::Name, Support::Native),
            (Filter::CloseDate, Support::Native),
            (Filter::Status, Support::Native),
            (Filter::Contact, Support::Native),
            (Filter::Company, Support::Native),
            (Filter::UpdatedSince, Support::Native),
            (Filter::UpdatedUntil, Support::Native),
            (Filter::Search, Support::Native),
            (Filter::Archived, Support::Native),
            (Filter::Sort, Support::Native),
            (Filter::WithContacts, Support::Native),
            (Filter::Custom, Support::Native),
        ],
        sort_fields: &["name", "amount", "close_date", "created_at", "updated_at"],
        delete_effect:
            "HubSpot moves deleted deals to its recycling bin, where they can be restored for 90 days.",
        // `https://app.hubspot.com/contacts/{portalId}/record/0-3/{id}` (DESIGN §3).
        deal_links: true,
        associations: Associations {
            roles: &[],
            labels: true,
            primary_contact: false,
            lacking: (
                "--role is not a HubSpot option",
                "HubSpot describes an association with --label",
            ),
        },
        instead: &[],
    },
    auth: Auth {
        http,
        lasting_token: "private-app access token",
        token_kind: "HubSpot private-app token",
    },
    // Never the token-info endpoint, which takes the token in its path.
    whoami: WhoAmI {
        path: &["account-info", "v3", "details"],
        describe: account,
    },
    // Private apps: 100 requests / 10 s on Free and Starter, 190 on Professional and
    // Enterprise, 250 with the API Limit Increase capacity pack (HubSpot's rate-limit page).
    tiers: RateTiers {
        tiers: &[
            tier("free", 100),
            tier("starter", 100),
            tier("professional", 190),
            tier("enterprise", 190),
            tier("api-limit-increase", 250),
        ],
        untiered: None,
        token_factor: same_for_every_token,
    },
    paging: Paging {
        items: |page| array_at(page, "/results"),
        next: |page| {
            cursor_at(page, "/paging/next/after").map(|value| NextPage::Cursor {
                key: "after",
                value,
            })
        },
    },
    sandbox_profile: "sandbox",
    sandbox_aliases: &["sandbox-hubspot"],
};

const fn tier(name: &'static str, capacity: u32) -> Tier {
    Tier {
        name,
        bucket: "default",
        capacity,
        window: Duration::from_secs(10),
    }
}

fn http(_token: &str) -> (AuthScheme, Arc<dyn VendorPolicy>) {
    (AuthScheme::Bearer, Arc::new(HubSpotPolicy))
}

/// `/account-info/v3/details`: the portal, and its web domain when HubSpot gives it.
fn account(body: &Value) -> String {
    let portal = text(body, "portalId").unwrap_or_else(|| "?".into());
    match text(body, "uiDomain") {
        Some(domain) => format!("portal {portal} ({domain})"),
        None => format!("portal {portal}"),
    }
}
