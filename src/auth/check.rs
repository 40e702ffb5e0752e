//! One cheap call that proves a token works and says whose it is. The token travels in the
//! request header only; HubSpot's token-info endpoint, which takes the token in its path, is
//! never used.

use serde_json::Value;

use crate::error::Result;
use crate::http::{path, HttpClient, Request};
use crate::model::Vendor;

/// The request that checks a token for `vendor`.
pub fn request(vendor: Vendor) -> Request {
    let segments: &[&str] = match vendor {
        Vendor::Hubspot => &["account-info", "v3", "details"],
        Vendor::Pipedrive => &["api", "v1", "users", "me"],
        Vendor::Sell => &["v2", "users", "self"],
    };
    Request::get(path(segments)).subject(format!("the {vendor} token check"))
}

/// Who the token belongs to, as a short phrase (`Ana Lima <ana@example.com>`, `portal 123`).
pub async fn whoami(http: &HttpClient, vendor: Vendor) -> Result<String> {
    let response = http.send(request(vendor)).await?;
    Ok(describe(vendor, &response.body))
}

fn text(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn person(user: &Value) -> String {
    match (text(user, "name"), text(user, "email")) {
        (Some(name), Some(email)) => format!("{name} <{email}>"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => {
            text(user, "id").map_or("an unnamed user".into(), |id| format!("user {id}"))
        }
    }
}

pub fn describe(vendor: Vendor, body: &Value) -> String {
    match vendor {
        Vendor::Hubspot => {
            let portal = text(body, "portalId").unwrap_or_else(|| "?".into());
            match text(body, "uiDomain") {
                Some(domain) => format!("portal {portal} ({domain})"),
                None => format!("portal {portal}"),
            }
        }
        Vendor::Pipedrive => {
            let user = &body["data"];
            match text(user, "company_domain").or_else(|| text(user, "company_name")) {
                Some(company) => format!("{} at {company}", person(user)),
                None => person(user),
            }
        }
        Vendor::Sell => person(&body["data"]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_check_never_puts_a_token_in_the_path() {
        assert_eq!(request(Vendor::Hubspot).path, "/account-info/v3/details");
        assert_eq!(request(Vendor::Pipedrive).path, "/api/v1/users/me");
        assert_eq!(request(Vendor::Sell).path, "/v2/users/self");
        assert!(Vendor::ALL.iter().all(|v| request(*v).query.is_empty()));
    }

    #[test]
    fn each_vendor_answer_names_the_account() {
        let hubspot = json!({"portalId": 62515, "uiDomain": "app-eu1.hubspot.com"});
        assert_eq!(
            describe(Vendor::Hubspot, &hubspot),
            "portal 62515 (app-eu1.hubspot.com)"
        );
        let pipedrive = json!({"success": true, "data": {"id": 1, "name": "Ana", "email": "ana@x.io", "company_domain": "acme"}});
        assert_eq!(
            describe(Vendor::Pipedrive, &pipedrive),
            "Ana <ana@x.io> at acme"
        );
        let sell = json!({"data": {"id": 1, "name": "Me", "email": "me@example.com"}, "meta": {"type": "user"}});
        assert_eq!(describe(Vendor::Sell, &sell), "Me <me@example.com>");
        assert_eq!(
            describe(Vendor::Sell, &json!({"data": {"id": 7}})),
            "user 7"
        );
    }
}
