//! What a HubSpot token may do beyond authenticating: its scopes (`--scopes`) and the search
//! endpoint's own rate limit (`--search-rate-limit`). Both answer in HubSpot's own shapes.

use std::collections::{BTreeSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::errors::request_id;
use crate::RateLimit;

#[derive(Default)]
pub(crate) struct Access {
    /// The scopes the token was granted; `None`: every scope.
    scopes: Option<BTreeSet<String>>,
    search: Option<(RateLimit, Mutex<VecDeque<Instant>>)>,
}

impl Access {
    pub(crate) fn new(scopes: Option<&[String]>, search: Option<RateLimit>) -> Arc<Access> {
        Arc::new(Access {
            scopes: scopes.map(|s| s.iter().map(|x| x.trim().to_string()).collect()),
            search: search.map(|l| (l, Mutex::new(VecDeque::new()))),
        })
    }
}

/// The scopes of which a request needs one, as the OpenAPI files declare them (`security`):
/// crmOwners.v3 `GET /crm/v3/owners` takes `crm.objects.owners.read` (or `automation`);
/// deals.v3 reads (get, list, search, batch read) `crm.objects.deals.read`, its writes
/// `crm.objects.deals.write`. Other paths accept long lists of scopes and are not checked.
fn required(method: &Method, path: &str) -> Option<&'static [&'static str]> {
    if path.starts_with("/crm/v3/owners") {
        return Some(&["crm.objects.owners.read", "automation"]);
    }
    if path.starts_with("/crm/v3/objects/deals") {
        let read =
            *method == Method::GET || path.ends_with("/search") || path.ends_with("/batch/read");
        return Some(if read {
            &["crm.objects.deals.read"]
        } else {
            &["crm.objects.deals.write"]
        });
    }
    None
}

/// HubSpot's answer to a token without the scope, as HubSpot sends it: 403, category
/// `MISSING_SCOPES`, the scopes in `errors[].context.requiredGranularScopes` (answers quoted in
/// HubSpot's developer community, e.g. "One or more of the following scopes are required.").
fn missing_scopes(scopes: &[&str]) -> Response {
    let body = json!({
        "status": "error",
        "message": "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        "correlationId": request_id(),
        "errors": [{
            "message": "One or more of the following scopes are required.",
            "context": { "requiredGranularScopes": scopes },
        }],
        "links": { "scopes": "https://developers.hubspot.com/scopes" },
        "category": "MISSING_SCOPES",
    });
    (StatusCode::FORBIDDEN, axum::Json(body)).into_response()
}

/// The search endpoints' own limit ("five requests per second", HubSpot's search guide), on top
/// of the account's: a 429 in the shape of HubSpot's other rate-limit answers.
fn search_limited() -> Response {
    let body = json!({
        "status": "error",
        "message": "You have reached your secondly limit.",
        "errorType": "RATE_LIMIT",
        "correlationId": request_id(),
        "policyName": "SECONDLY",
        "category": "RATE_LIMITS",
    });
    let mut resp = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
    resp.headers_mut()
        .insert("retry-after", HeaderValue::from_static("1"));
    resp
}

pub(crate) async fn layer(State(access): State<Arc<Access>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if let (Some(granted), Some(needs)) = (&access.scopes, required(req.method(), &path)) {
        if !needs.iter().any(|s| granted.contains(*s)) {
            return missing_scopes(&needs[..1]);
        }
    }
    if let Some((limit, spent)) = &access.search {
        if path.ends_with("/search") {
            let now = Instant::now();
            let mut spent = spent.lock().unwrap_or_else(|p| p.into_inner());
            while spent
                .front()
                .is_some_and(|&at| now.duration_since(at) >= limit.window)
            {
                spent.pop_front();
            }
            if spent.len() >= limit.max as usize {
                return search_limited();
            }
            spent.push_back(now);
        }
    }
    next.run(req).await
}
