//! What crm knows of a vendor beyond its verbs, as one value per vendor (`<vendor>/spec.rs`):
//! its names, its server, what it can do, how its tokens travel, how a token is checked, its
//! rate-limit tiers and its built-in sandbox profile. The rest of crm asks [`Vendor::spec`]
//! instead of matching on the vendor.

use std::sync::Arc;

use serde_json::Value;

use super::tiers::Tier;
use super::{hubspot, pipedrive, sell, Capabilities};
use crate::http::{AuthScheme, VendorPolicy};
use crate::model::Vendor;

/// One vendor's descriptor.
pub struct VendorSpec {
    pub vendor: Vendor,
    /// The identifier used in JSON, config files and `CRM_VENDOR`.
    pub key: &'static str,
    /// Other names `CRM_VENDOR` and config files accept for it.
    pub aliases: &'static [&'static str],
    /// The name people know the product by.
    pub display_name: &'static str,
    /// The vendor's API when a profile names no base URL.
    pub default_base_url: &'static str,
    pub capabilities: Capabilities,
    pub auth: Auth,
    /// The one cheap call that proves a token works and says whose it is.
    pub whoami: WhoAmI,
    pub tiers: RateTiers,
    /// How the vendor's lists page (`crm api --paginate`).
    pub paging: Paging,
    /// The built-in profile that runs this vendor's emulator inside crm.
    pub sandbox_profile: &'static str,
    /// Other names of that profile.
    pub sandbox_aliases: &'static [&'static str],
}

/// How the vendor takes a token.
pub struct Auth {
    /// How a token travels (always a header) and how the vendor's error answers read; both may
    /// depend on the token's form (Pipedrive: API token or OAuth access token).
    pub http: fn(token: &str) -> (AuthScheme, Arc<dyn VendorPolicy>),
    /// The kind of token that does not expire, as login hints name it.
    pub lasting_token: &'static str,
    /// The token a user pastes at login, with the vendor's name.
    pub token_kind: &'static str,
}

/// The token check: a request whose path carries no token, and how its answer names the account.
pub struct WhoAmI {
    pub path: &'static [&'static str],
    /// Who the token belongs to, as a short phrase (`Ana Lima <ana@example.com>`, `portal 123`).
    pub describe: fn(&Value) -> String,
}

/// How any list of the vendor's API pages: where a page's items are and how to ask for the next.
pub struct Paging {
    /// The page's items (`results`, `data`, `items`); `None` when the answer is not a list page.
    pub items: fn(&Value) -> Option<&Vec<Value>>,
    /// How to ask for the page after this one; `None` on the last page.
    pub next: fn(&Value) -> Option<NextPage>,
}

/// What changes in a list request to get its next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextPage {
    /// A cursor the request carries: in its query for a GET, in its JSON body for a POST
    /// (HubSpot's searches).
    Cursor { key: &'static str, value: String },
    /// The next page's address, as the vendor gives it (a full URL).
    Url(String),
}

/// The array at `pointer` of a page: a [`Paging::items`] for most vendors.
pub(crate) fn array_at<'a>(page: &'a Value, pointer: &str) -> Option<&'a Vec<Value>> {
    page.pointer(pointer).and_then(Value::as_array)
}

/// A cursor at `pointer` of a page, as text (a string or a number), when there is one.
pub(crate) fn cursor_at(page: &Value, pointer: &str) -> Option<String> {
    match page.pointer(pointer)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The plans a profile's `rate_limit_tier` may name.
pub struct RateTiers {
    /// In the order the vendor lists its plans.
    pub tiers: &'static [Tier],
    /// For a vendor without tiers: why (its limit is the same on every plan).
    pub untiered: Option<&'static str>,
    /// How many times a tier's budget a token gets (Pipedrive's OAuth tokens: four).
    pub token_factor: fn(token: &str) -> u32,
}

impl RateTiers {
    /// No tiers: the same limit on every plan, given as the reason.
    pub const fn none(why: &'static str) -> Self {
        RateTiers {
            tiers: &[],
            untiered: Some(why),
            token_factor: same_for_every_token,
        }
    }
}

/// A [`RateTiers::token_factor`] for vendors whose budget does not depend on the token.
pub fn same_for_every_token(_token: &str) -> u32 {
    1
}

impl Vendor {
    /// The vendor's descriptor: the one `match` on vendor the rest of crm relies on.
    pub fn spec(self) -> &'static VendorSpec {
        match self {
            Vendor::Hubspot => &hubspot::spec::SPEC,
            Vendor::Pipedrive => &pipedrive::spec::SPEC,
            Vendor::Sell => &sell::spec::SPEC,
        }
    }
}

/// A field of a who-am-I answer as text: a non-empty string or a number.
pub(crate) fn text(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A user object of a who-am-I answer as `Name <email>`, or what of it there is.
pub(crate) fn person(user: &Value) -> String {
    match (text(user, "name"), text(user, "email")) {
        (Some(name), Some(email)) => format!("{name} <{email}>"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => {
            text(user, "id").map_or("an unnamed user".into(), |id| format!("user {id}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_spec_is_its_vendors() {
        for vendor in Vendor::ALL {
            let spec = vendor.spec();
            assert_eq!(spec.vendor, vendor);
            assert_eq!(spec.capabilities.vendor, vendor);
            assert_eq!(spec.key.parse::<Vendor>().unwrap(), vendor);
        }
    }

    #[test]
    fn the_token_check_never_puts_a_token_in_the_path() {
        let paths: Vec<String> = Vendor::ALL.map(|v| v.spec().whoami.path.join("/")).to_vec();
        assert_eq!(
            paths,
            [
                "account-info/v3/details",
                "api/v1/users/me",
                "v2/users/self"
            ]
        );
    }

    #[test]
    fn each_vendor_answer_names_the_account() {
        let describe = |vendor: Vendor, body: Value| (vendor.spec().whoami.describe)(&body);
        let hubspot = json!({"portalId": 62515, "uiDomain": "app-eu1.hubspot.com"});
        assert_eq!(
            describe(Vendor::Hubspot, hubspot),
            "portal 62515 (app-eu1.hubspot.com)"
        );
        let pipedrive = json!({"success": true, "data": {"id": 1, "name": "Ana", "email": "ana@x.io", "company_domain": "acme"}});
        assert_eq!(
            describe(Vendor::Pipedrive, pipedrive),
            "Ana <ana@x.io> at acme"
        );
        let sell = json!({"data": {"id": 1, "name": "Me", "email": "me@example.com"}, "meta": {"type": "user"}});
        assert_eq!(describe(Vendor::Sell, sell), "Me <me@example.com>");
        assert_eq!(describe(Vendor::Sell, json!({"data": {"id": 7}})), "user 7");
    }

    #[test]
    fn each_vendor_says_where_its_next_page_is() {
        let next = |v: Vendor, page: Value| (v.spec().paging.next)(&page);
        let cursor = |key, value: &str| {
            Some(NextPage::Cursor {
                key,
                value: value.into(),
            })
        };
        assert_eq!(
            next(
                Vendor::Hubspot,
                json!({"paging": {"next": {"after": "20"}}})
            ),
            cursor("after", "20")
        );
        assert_eq!(next(Vendor::Hubspot, json!({"results": []})), None);
        assert_eq!(
            next(
                Vendor::Pipedrive,
                json!({"additional_data": {"next_cursor": "c2"}})
            ),
            cursor("cursor", "c2")
        );
        let v1 = |more| json!({"additional_data": {"pagination": {"more_items_in_collection": more, "next_start": 100}}});
        assert_eq!(next(Vendor::Pipedrive, v1(true)), cursor("start", "100"));
        assert_eq!(next(Vendor::Pipedrive, v1(false)), None);
        let link = "https://api.getbase.com/v2/deals?page=2&per_page=25";
        assert_eq!(
            next(
                Vendor::Sell,
                json!({"meta": {"links": {"next_page": link}}})
            ),
            Some(NextPage::Url(link.into()))
        );
        assert_eq!(next(Vendor::Sell, json!({"meta": {"links": {}}})), None);
    }
}
