//! Zendesk Sell's descriptor: Core API v2 at api.getbase.com, personal access tokens as Bearer.

use std::sync::Arc;

use serde_json::Value;

use super::error::SellPolicy;
use super::links::ROLE;
use crate::adapter::spec::{
    array_at, cursor_at, person, Auth, NextPage, Paging, RateTiers, VendorSpec, WhoAmI,
};
use crate::adapter::{Associations, Capabilities, Filter, Op, Support, SORTABLE};
use crate::http::{AuthScheme, VendorPolicy};
use crate::model::Vendor;

pub static SPEC: VendorSpec = VendorSpec {
    vendor: Vendor::Sell,
    key: "sell",
    aliases: &["zendesk-sell", "zendesk"],
    display_name: "Zendesk Sell",
    default_base_url: "https://api.getbase.com",
    capabilities: Capabilities {
        vendor: Vendor::Sell,
        ops: &[
            Op::List,
            Op::Get,
            Op::Create,
            Op::Update,
            Op::Delete,
            Op::AssociateContact,
            Op::DissociateContact,
            Op::Upsert,
            Op::Pipelines,
            Op::Users,
        ],
        filters: &[
            (Filter::Stage, Support::Native),
            (Filter::Pipeline, Support::ClientSide),
            (Filter::Owner, Support::Native),
            (Filter::Ids, Support::Native),
            (Filter::Name, Support::Native),
            (Filter::CloseDate, Support::Native),
            (Filter::Hot, Support::Native),
            (Filter::Source, Support::Native),
            (Filter::Status, Support::ClientSide),
            (Filter::Contact, Support::Native),
            (Filter::Company, Support::Native),
            (Filter::UpdatedSince, Support::ClientSide),
            (Filter::UpdatedUntil, Support::ClientSide),
            (Filter::Sort, Support::Native),
            (Filter::WithContacts, Support::Native),
            (Filter::Custom, Support::Native),
        ],
        // Sell sorts by every field crm can sort by.
        sort_fields: &SORTABLE,
        delete_effect: "Zendesk Sell deletes deals permanently (it cannot be undone) and removes \
                        their associated contacts with them.",
        // Zendesk documents no web address for a deal (searched its developer and help
        // pages, 2026): Sell deals carry no `url`.
        deal_links: false,
        associations: Associations {
            roles: &[ROLE],
            labels: false,
            primary_contact: true,
            lacking: (
                "--label is a HubSpot option",
                "Zendesk Sell describes a deal's contact with --role involved",
            ),
        },
        instead: &[(
            Op::History,
            "Zendesk Sell keeps no history of a deal's fields: `crm deals get ID` shows their values now",
        )],
    },
    auth: Auth {
        http,
        lasting_token: "personal access token",
        token_kind: "Sell access token",
    },
    whoami: WhoAmI {
        path: &["v2", "users", "self"],
        describe: user,
    },
    tiers: RateTiers::none("its limit is the same on every plan (10 requests a second per token)"),
    paging: Paging {
        items: |page| array_at(page, "/items"),
        next: |page| cursor_at(page, "/meta/links/next_page").map(NextPage::Url),
    },
    sandbox_profile: "sandbox-sell",
    sandbox_aliases: &[],
};

fn http(_token: &str) -> (AuthScheme, Arc<dyn VendorPolicy>) {
    (AuthScheme::Bearer, Arc::new(SellPolicy))
}

/// `/v2/users/self`: the user.
fn user(body: &Value) -> String {
    person(&body["data"])
}
