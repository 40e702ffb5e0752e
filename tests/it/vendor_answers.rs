//! How crm takes a vendor's refusals, written once and run on every vendor that has the case: an
//! error answer becomes its exit code with the vendor's message, and a 429 is waited out for its
//! `Retry-After`, then the request is sent again.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::account::Account;
use crate::support::mock::{requests_to, Answers};
use crate::support::{hubspot, pipedrive, sell};

/// A vendor's error answer to one request, and what crm must make of it.
struct Refusal {
    vendor: &'static str,
    verb: &'static str,
    path: &'static str,
    status: u16,
    body: Value,
    command: &'static str,
    exit: i32,
    /// What stderr must say.
    says: &'static [&'static str],
}

fn refusals() -> Vec<Refusal> {
    let hubspot_update = |status, category, message, exit, says| Refusal {
        vendor: "hubspot",
        verb: "PATCH",
        path: "/crm/v3/objects/deals/5",
        status,
        body: hubspot::error(category, message),
        command: "deals update 5 --amount 10",
        exit,
        says,
    };
    vec![
        hubspot_update(
            401,
            "INVALID_AUTHENTICATION",
            "Authentication credentials not found",
            4,
            &["Authentication credentials not found"],
        ),
        hubspot_update(
            403,
            "MISSING_SCOPES",
            "This app hasn't been granted all required scopes",
            4,
            &["This app hasn't been granted all required scopes"],
        ),
        hubspot_update(
            404,
            "OBJECT_NOT_FOUND",
            "resource not found",
            3,
            &["HubSpot has no deal 5"],
        ),
        hubspot_update(
            400,
            "VALIDATION_ERROR",
            "Property values were not valid",
            5,
            &["Property values were not valid"],
        ),
        hubspot_update(409, "CONFLICT", "Merge conflict", 5, &["Merge conflict"]),
        Refusal {
            vendor: "pipedrive",
            verb: "GET",
            path: "/api/v2/deals/404",
            status: 404,
            body: pipedrive::error("Deal not found"),
            command: "deals get 404",
            exit: 3,
            says: &["no deal 404"],
        },
        Refusal {
            vendor: "pipedrive",
            verb: "PATCH",
            path: "/api/v2/deals/6",
            status: 400,
            body: pipedrive::error(
                "Validation failed: stage_id: Stage does not belong to pipeline",
            ),
            command: "deals update 6 --name X",
            exit: 5,
            says: &["Stage does not belong", "developers.pipedrive.com"],
        },
    ]
}

#[tokio::test]
async fn vendor_errors_map_to_exit_codes_with_the_vendors_message() {
    for refusal in refusals() {
        let account = Account::of(refusal.vendor).await;
        account
            .answer_with(refusal.verb, refusal.path, refusal.status, refusal.body)
            .await;
        let out = account.crm(refusal.command).await;
        out.assert_exit(refusal.exit);
        for text in refusal.says {
            out.assert_says(text);
        }
    }
}

/// A request a vendor first answers 429 with `Retry-After`, and then as it should.
struct Throttled {
    vendor: &'static str,
    verb: &'static str,
    path: &'static str,
    /// The header's name as the vendor spells it, and the 429's body.
    retry_after: &'static str,
    limited: Value,
    /// The answers once the wait is over: verb, path, status and body.
    then: Vec<(&'static str, &'static str, u16, Value)>,
    command: &'static str,
    /// The wait crm must at least have sat out (the header says one second).
    waits: Duration,
    /// A JSON pointer into what crm printed, and the string found there.
    prints: Option<(&'static str, &'static str)>,
}

fn throttled() -> Vec<Throttled> {
    vec![
        // A 429 means the create was not applied: it is sent again too.
        Throttled {
            vendor: "hubspot",
            verb: "POST",
            path: "/crm/v3/objects/deals",
            retry_after: "Retry-After",
            limited: hubspot::error("RATE_LIMITS", "slow down"),
            then: vec![(
                "POST",
                "/crm/v3/objects/deals",
                201,
                hubspot::deal("5", "Late", "1"),
            )],
            command: "deals create --name Late --stage contractsent -o json",
            waits: Duration::from_millis(950),
            prints: None,
        },
        Throttled {
            vendor: "pipedrive",
            verb: "GET",
            path: "/api/v2/deals",
            retry_after: "retry-after",
            limited: pipedrive::error("Request over limit"),
            then: vec![(
                "GET",
                "/api/v2/deals",
                200,
                pipedrive::page(json!([pipedrive::deal(1, "A", "1")]), None),
            )],
            command: "deals list -o json",
            waits: Duration::from_secs(1),
            prints: Some(("/0/id", "1")),
        },
        Throttled {
            vendor: "sell",
            verb: "GET",
            path: "/v2/deals/5",
            retry_after: "Retry-After",
            limited: sell::error(
                "429 Too Many Requests",
                &[("", "rate_limit_exceeded", "Too Many Requests")],
            ),
            then: vec![
                (
                    "GET",
                    "/v2/deals/5",
                    200,
                    sell::one(sell::deal(5, "Five", json!(5), 12, "2026-11-20T00:00:00Z")),
                ),
                (
                    "GET",
                    "/v2/deals/5/associated_contacts",
                    200,
                    sell::collection("associated_contact", vec![]),
                ),
            ],
            command: "deals get 5 -o json",
            waits: Duration::from_millis(900),
            prints: None,
        },
    ]
}

#[tokio::test]
async fn a_429_is_waited_out_for_its_retry_after_then_sent_again() {
    for case in throttled() {
        let account = Account::of(case.vendor).await;
        Mock::given(method(case.verb))
            .and(path(case.path))
            .respond_with(
                ResponseTemplate::new(429)
                    .insert_header(case.retry_after, "1")
                    .set_body_json(case.limited),
            )
            .up_to_n_times(1)
            .expect(1..)
            .mount(&account)
            .await;
        for (verb, p, status, body) in case.then {
            account.answer_with(verb, p, status, body).await;
        }
        let started = Instant::now();
        let out = account.crm(case.command).await;
        out.assert_exit(0);
        if let Some((pointer, value)) = case.prints {
            assert_eq!(
                out.json().pointer(pointer),
                Some(&json!(value)),
                "{}",
                out.stdout
            );
        }
        assert!(
            started.elapsed() >= case.waits,
            "{}: Retry-After was not honoured",
            case.vendor
        );
        let sent = requests_to(&account, case.verb, case.path).await;
        assert_eq!(sent.len(), 2, "{}", case.vendor);
    }
}
