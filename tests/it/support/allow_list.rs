//! The one place where known defects of the vendors' files are excused: no contract test
//! filters violations by itself. Each entry names the document that justifies it.
//!
//! The files are never edited. An entry excuses a violation only when the
//! request does exactly what the real API documents and the file gets wrong;
//! anything else still fails the test. Excused violations are kept (see
//! `ContractServer::allowed_violations`) so a test can show they happened.
//! Where no document backs what crm sends, crm changes, not this list: Pipedrive documents
//! `null` only for custom fields (seed 002; the v2 file types `person_id`, `org_id` and
//! `expected_close_date` as non-nullable), so crm sends no null there.
//!
//! In mock mode Prism has already answered the request with a 4xx, which the
//! CLI would treat as an error, so each entry also knows how to `repair` the
//! request into one the file accepts; the router then asks Prism again and
//! hands that answer to the CLI. Prism's mock answer does not depend on the
//! request's content, so the repair changes nothing the test can observe.
//! In proxy mode Prism forwards the original request anyway; no repair.

use axum::http::Method;
use serde_json::Value;

use super::violations::RawViolation;

/// The parts of a request an entry may look at and rewrite.
#[derive(Debug, Clone)]
pub struct RequestParts {
    pub method: Method,
    /// As the CLI sent it, with any version prefix.
    pub path: String,
    pub query: Option<String>,
    pub body: Vec<u8>,
}

pub struct Allowance {
    /// Shown in reports and in `allowed_violations()`.
    pub id: &'static str,
    /// `"hubspot"`, `"pipedrive"` or `"sell"`: the route set it applies to.
    pub vendor: &'static str,
    pub excuses: fn(&RequestParts, &RawViolation) -> bool,
    pub repair: fn(&mut RequestParts, &RawViolation),
}

pub const ALLOW_LIST: &[Allowance] = &[
    // HubSpot CRM search (`POST /crm/v3/objects/{type}/search`): the file types
    // `sorts` as an array of strings, but the API documents (and needs) objects
    // `{"propertyName": "createdate", "direction": "DESCENDING"}` (HubSpot's "Search the
    // CRM" guide, sorting search results). Excused only when the element is exactly such an
    // object.
    Allowance {
        id: "hubspot-search-sorts-objects",
        vendor: "hubspot",
        excuses: hubspot_sorts_excused,
        repair: hubspot_sorts_repair,
    },
    // Pipedrive: multi-value query parameters whose description in the same file says
    // "comma separated" (`include_fields=products_count,files_count`, search
    // `fields=title,notes`, v2 `GET /deals` and `/deals/archived`
    // `status=open,won`, `item_types`) are typed as a single enum value, so
    // Prism rejects the comma form the API asks for. Excused only for those
    // parameter names (`COMMA_LIST_PARAMS`) and when every item of the list is
    // one of the enum's values (Prism lists them in its message).
    Allowance {
        id: "pipedrive-comma-separated-enum-list",
        vendor: "pipedrive",
        excuses: comma_enum_excused,
        repair: comma_enum_repair,
    },
];

/// The entry excusing `v`, if any.
pub fn find(vendor: &str, req: &RequestParts, v: &RawViolation) -> Option<&'static Allowance> {
    ALLOW_LIST
        .iter()
        .find(|a| a.vendor == vendor && (a.excuses)(req, v))
}

// ---- HubSpot search sorts ----

fn is_hubspot_search(req: &RequestParts) -> bool {
    let segs: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    req.method == Method::POST && matches!(segs.as_slice(), ["crm", "v3", "objects", _, "search"])
}

fn sorts_index(v: &RawViolation) -> Option<usize> {
    match v.location.as_slice() {
        [r, b, s, i] if r == "request" && b == "body" && s == "sorts" && v.code == "type" => {
            i.parse().ok()
        }
        _ => None,
    }
}

fn hubspot_sorts_excused(req: &RequestParts, v: &RawViolation) -> bool {
    let (true, Some(i)) = (is_hubspot_search(req), sorts_index(v)) else {
        return false;
    };
    let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
        return false;
    };
    let Some(Value::Object(sort)) = body.get("sorts").and_then(|s| s.get(i)) else {
        return false;
    };
    let name_ok = sort.get("propertyName").is_some_and(Value::is_string);
    let dir_ok = sort
        .get("direction")
        .and_then(Value::as_str)
        .is_none_or(|d| d == "ASCENDING" || d == "DESCENDING");
    name_ok && dir_ok && sort.keys().all(|k| k == "propertyName" || k == "direction")
}

fn hubspot_sorts_repair(req: &mut RequestParts, v: &RawViolation) {
    let Some(i) = sorts_index(v) else { return };
    let Ok(mut body) = serde_json::from_slice::<Value>(&req.body) else {
        return;
    };
    if let Some(slot) = body.get_mut("sorts").and_then(|s| s.get_mut(i)) {
        let name = slot
            .get("propertyName")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        *slot = Value::String(name);
    }
    req.body = serde_json::to_vec(&body).unwrap_or_default();
}

// ---- Pipedrive comma-separated enum lists ----

/// Enum-typed query parameters the Pipedrive files describe as comma-separated
/// lists (found by scanning both files' parameter descriptions).
const COMMA_LIST_PARAMS: &[&str] = &["include_fields", "fields", "status", "item_types"];

fn enum_param(v: &RawViolation) -> Option<&str> {
    match v.location.as_slice() {
        [r, q, name]
            if r == "request"
                && q == "query"
                && v.code == "enum"
                && COMMA_LIST_PARAMS.contains(&name.as_str()) =>
        {
            Some(name)
        }
        _ => None,
    }
}

fn allowed_values(v: &RawViolation) -> Vec<&str> {
    v.message
        .split_once("allowed values:")
        .map(|(_, list)| list.split(',').map(str::trim).collect())
        .unwrap_or_default()
}

fn query_pairs(req: &RequestParts) -> Vec<(String, String)> {
    url::form_urlencoded::parse(req.query.as_deref().unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

fn comma_enum_excused(req: &RequestParts, v: &RawViolation) -> bool {
    let Some(name) = enum_param(v) else {
        return false;
    };
    let allowed = allowed_values(v);
    let values: Vec<String> = query_pairs(req)
        .into_iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v)
        .collect();
    !values.is_empty()
        && values.iter().any(|value| value.contains(','))
        && values
            .iter()
            .flat_map(|value| value.split(','))
            .all(|item| allowed.contains(&item))
}

fn comma_enum_repair(req: &mut RequestParts, v: &RawViolation) {
    let Some(name) = enum_param(v) else { return };
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, value) in query_pairs(req) {
        let value = if k == name {
            value.split(',').next().unwrap_or_default().to_string()
        } else {
            value
        };
        out.append_pair(&k, &value);
    }
    req.query = Some(out.finish());
}

// ---- Responses (proxy mode): the sandbox follows the vendor where the file is wrong ----

/// An answer of the sandbox that breaks a file because the file, not the
/// vendor's documented behaviour, is wrong.
pub struct ResponseAllowance {
    pub id: &'static str,
    pub vendor: &'static str,
    /// `status`: what the sandbox answered.
    pub excuses: fn(u16, &super::violations::Violation) -> bool,
}

pub const RESPONSE_ALLOW_LIST: &[ResponseAllowance] = &[
    // Pipedrive v2: several operations (e.g. `GET /deals/{id}`) list only
    // their 200 answer, yet the API answers an unknown id with 404
    // `{"success": false, "error": …}`, as the v1 file documents for the same
    // resources. Excused only for a 404 and only Prism's "status not in the
    // document" warning; the body of documented statuses is still checked.
    ResponseAllowance {
        id: "pipedrive-undocumented-404",
        vendor: "pipedrive",
        excuses: undocumented_not_found,
    },
    // Not the vendor's file but Prism's proxy: `prism proxy` warns that it cannot match the 200
    // of `PATCH /deals/{id}` although the v2 file declares exactly that answer. Only a warning
    // on the PATCH of a 2xx; errors in the answer's body are still reported.
    ResponseAllowance {
        id: "prism-proxy-patch-200-warning",
        vendor: "pipedrive",
        excuses: proxy_patch_warning,
    },
];

fn proxy_patch_warning(status: u16, v: &super::violations::Violation) -> bool {
    (200..300).contains(&status) && v.method == "PATCH" && v.severity == "Warning"
}

/// The entry excusing the response violation `v` of an answer with `status`, if any.
pub fn find_response(
    vendor: &str,
    status: u16,
    v: &super::violations::Violation,
) -> Option<&'static ResponseAllowance> {
    RESPONSE_ALLOW_LIST
        .iter()
        .find(|a| a.vendor == vendor && (a.excuses)(status, v))
}

fn undocumented_not_found(status: u16, v: &super::violations::Violation) -> bool {
    status == 404
        && v.location == ["response"]
        && v.message
            .contains("Unable to match the returned status code with those defined")
}

// ---- Routes a file lacks (proxy mode) ----

/// `(vendor, method, path)` of requests to endpoints the vendor documents but its file does not
/// describe, so Prism forwards them with "Selected route not found". The answers cannot be
/// checked against a file either; the sandbox's tests check their shape.
pub const UNDESCRIBED_ROUTES: &[(&str, &str, &str)] = &[
    // Sell: our derived file covers deals, pipelines, stages, users and associated contacts
    // only; the deal custom fields and loss reasons are Sell endpoints crm reads for `--match`,
    // `--set` and `--lost-reason`, documented in Zendesk's Sell reference: "Retrieve custom field
    // GET /v2/:resource_type/custom_fields"
    // (https://developer.zendesk.com/api-reference/sales-crm/resources/custom-fields/, used as
    // `/v2/deal/custom_fields` by Zendesk's own zendesk-sell-for-zapier,
    // src/common/customFields/fetch.ts) and "Retrieve all reasons GET /v2/loss_reasons"
    // (https://developer.zendesk.com/api-reference/sales-crm/resources/loss-reasons/).
    ("sell", "GET", "/v2/deal/custom_fields"),
    ("sell", "GET", "/v2/loss_reasons"),
    // HubSpot: no file of the collection describes the account information API; crm reads
    // `GET /account-info/v3/details` (portal id and web domain) for deals' `url`. The harness has
    // no route for it, so crm gets a 404 and leaves `url` out.
    ("hubspot", "GET", "/account-info/v3/details"),
];

/// Whether a request's "route not found" is one of [`UNDESCRIBED_ROUTES`].
pub fn undescribed_route(vendor: &str, v: &super::violations::Violation) -> bool {
    (v.message.contains("Selected route not found") || v.code == "no-route")
        && UNDESCRIBED_ROUTES
            .iter()
            .any(|&(vn, m, p)| vn == vendor && m == v.method && p == v.path)
}
