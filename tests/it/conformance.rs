//! Capabilities and implementations agree, both ways: every operation a vendor declares is
//! implemented (it reaches the vendor instead of answering "not supported"), and every operation it
//! does not declare answers "not supported" without sending a request.

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use wiremock::MockServer;

use crm::adapter::{self, Adapter, AdapterEnv, Capabilities, IntoEnumIterator, Op};
use crm::cache::MetaCache;
use crm::error::Error;
use crm::http::{HttpClient, HttpConfig, RetryPolicy, Trace};
use crm::model::{AssociateOptions, DealInput, ListQuery, Target, Vendor};
use crm::secret::Secret;
use crm::streams::Streams;

pub fn adapter(vendor: Vendor, base: &str) -> crm::error::Result<Box<dyn Adapter>> {
    adapter_with(
        vendor,
        base,
        "0123456789abcdef0123456789abcdef01234567",
        Arc::new(MetaCache::in_memory()),
    )
}

/// An adapter of `vendor` at `base` with `token` and the metadata `cache`, no retries (a retry
/// would hide a refused request).
pub fn adapter_with(
    vendor: Vendor,
    base: &str,
    token: &str,
    cache: Arc<MetaCache>,
) -> crm::error::Result<Box<dyn Adapter>> {
    let token = Secret::new(token);
    let (auth, policy) = adapter::http_profile(vendor, token.expose());
    let streams = Streams::system(true);
    let http = HttpClient::new(
        HttpConfig {
            base_url: base.parse().unwrap(),
            token,
            auth,
            timeout: Duration::from_secs(5),
            retry: RetryPolicy {
                max_retries: 0,
                ..RetryPolicy::default()
            },
            trace: Trace {
                verbose: false,
                dry_run: false,
                streams: streams.clone(),
            },
        },
        policy,
    )?;
    adapter::build(
        vendor,
        AdapterEnv {
            http,
            cache,
            streams,
            raw: false,
        },
    )
}

async fn call(adapter: &dyn Adapter, op: Op) -> crm::error::Result<()> {
    let input = DealInput {
        name: Some("Conformance".into()),
        contacts: vec!["1".into()],
        ..DealInput::default()
    };
    let change = DealInput {
        name: Some("Renamed".into()),
        ..DealInput::default()
    };
    let options = AssociateOptions::default();
    let contact = Target::Contact("1".into());
    let company = Target::Company("1".into());
    match op {
        Op::List => {
            let mut pages = adapter.list(&ListQuery::default()).await?;
            pages.next().await.transpose().map(|_| ())
        }
        Op::Get => adapter.get("1", false).await.map(|_| ()),
        Op::Create => adapter.create(&input).await.map(|_| ()),
        Op::Update => adapter.update("1", &change).await.map(|_| ()),
        Op::Delete => adapter.delete("1").await,
        Op::Merge => adapter.merge("1", "2").await.map(|_| ()),
        Op::Follow => adapter.follow("1", "1").await.map(|_| ()),
        Op::Unfollow => adapter.unfollow("1", "1").await.map(|_| ()),
        Op::Followers => adapter.followers("1").await.map(|_| ()),
        Op::AssociateContact => adapter.associate("1", &contact, &options).await.map(|_| ()),
        Op::AssociateCompany => adapter.associate("1", &company, &options).await.map(|_| ()),
        Op::DissociateContact => adapter.dissociate("1", &contact).await.map(|_| ()),
        Op::DissociateCompany => adapter.dissociate("1", &company).await.map(|_| ()),
        Op::Upsert => adapter
            .upsert(&[("name".into(), "Conformance".into())], &input)
            .await
            .map(|_| ()),
        Op::Pipelines => adapter.pipelines().await.map(|_| ()),
        Op::Users => adapter.users().await.map(|_| ()),
        Op::History => adapter.reports().history("1", &[]).await.map(|_| ()),
    }
}

#[tokio::test]
async fn capabilities_match_the_implementation_both_ways() {
    for vendor in Vendor::ALL {
        let caps = Capabilities::of(vendor);
        assert_eq!(caps.vendor, vendor);
        let server = MockServer::start().await;
        let adapter = match adapter(vendor, &server.uri()) {
            Ok(a) => a,
            Err(Error::Unsupported { .. }) => {
                assert!(
                    caps.ops.is_empty(),
                    "{vendor} declares operations but has no adapter"
                );
                continue;
            }
            Err(e) => panic!("{vendor}: {e}"),
        };
        for op in Op::iter() {
            server.reset().await;
            let result = call(adapter.as_ref(), op).await;
            let requests = server.received_requests().await.unwrap_or_default().len();
            if caps.supports(op) {
                assert!(
                    !matches!(result, Err(Error::Unsupported { .. })),
                    "{vendor} declares {op:?} but answers not supported"
                );
                assert!(requests > 0, "{vendor} declares {op:?} but sent no request");
            } else {
                assert!(
                    matches!(result, Err(Error::Unsupported { .. })),
                    "{vendor} does not declare {op:?} but answered {result:?}"
                );
                assert_eq!(
                    requests, 0,
                    "{vendor} sent a request for unsupported {op:?}"
                );
            }
        }
    }
}

/// Sell's filter declarations, both ways, through the binary: a native filter reaches Sell's query
/// silently, a client-side one says so on stderr, an undeclared one exits 6 before any request.
#[tokio::test]
async fn sell_filters_behave_as_declared() {
    use crm::adapter::{Filter, Support};
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, ResponseTemplate};

    use crate::support::cli::{crm, Home, To};
    use crate::support::sell;

    let server = wiremock::MockServer::start().await;
    let caps = Capabilities::of(Vendor::Sell);
    let home = Home::new();
    for filter in Filter::iter() {
        let args: &[&str] = match filter {
            Filter::Stage => &["--stage", "Qualified"],
            Filter::Pipeline => &["--pipeline", "Sales"],
            Filter::Owner => &["--owner", "7"],
            Filter::Status => &["--status", "won"],
            Filter::Deleted => &["--status", "deleted"],
            Filter::Contact => &["--contact", "5"],
            Filter::Company => &["--company", "6"],
            Filter::UpdatedSince => &["--updated-since", "2026-11-01"],
            Filter::UpdatedUntil => &["--updated-until", "2026-12-01"],
            Filter::Search => &["--search", "acme"],
            Filter::Ids => &["--ids", "1,2"],
            Filter::Name => &["--name", "One"],
            Filter::CloseDate => &["--close-date", "2026-12-31"],
            Filter::Hot => &["--hot"],
            Filter::Source => &["--source", "10"],
            Filter::Archived => &["--archived"],
            Filter::Sort => &["--sort", "name"],
            Filter::WithContacts => &["--with-contacts"],
            Filter::Custom => &["--custom", "region=EMEA"],
        };
        server.reset().await;
        for (p, kind, items) in [
            ("/v2/pipelines", "pipeline", sell::pipelines()),
            ("/v2/stages", "stage", sell::stages()),
            ("/v2/users", "user", sell::users()),
            (
                "/v2/deal/custom_fields",
                "custom_field",
                sell::custom_fields(),
            ),
        ] {
            Mock::given(method("GET"))
                .and(path(p))
                .respond_with(
                    ResponseTemplate::new(200).set_body_json(sell::collection(kind, items)),
                )
                .mount(&server)
                .await;
        }
        let deal = sell::deal(1, "One", serde_json::json!(1), 13, "2026-11-20T00:00:00Z");
        Mock::given(method("GET"))
            .and(path("/v2/deals"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(sell::collection("deal", vec![deal])),
            )
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/v2/deals/1/associated_contacts"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(sell::collection("associated_contact", vec![])),
            )
            .mount(&server)
            .await;
        let to = To::env("sell", server.uri(), sell::TOKEN);
        let out = crm(
            &home,
            to,
            &[&["deals", "list", "-o", "json"], args].concat(),
        )
        .await;
        let sent = server.received_requests().await.unwrap_or_default();
        let list_query: Vec<String> = sent
            .iter()
            .filter(|r| r.url.path() == "/v2/deals")
            .flat_map(|r| {
                r.url
                    .query_pairs()
                    .map(|(k, _)| k.into_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|k| k != "page" && k != "per_page")
            .collect();
        match caps.filter(filter) {
            Support::No => {
                assert_eq!(out.code, 6, "{filter:?}: {}", out.stderr);
                assert!(sent.is_empty(), "{filter:?} sent requests");
            }
            Support::ClientSide => {
                assert_eq!(out.code, 0, "{filter:?}: {}", out.stderr);
                assert!(
                    out.stderr.contains("Zendesk Sell cannot filter by"),
                    "{filter:?}: {}",
                    out.stderr
                );
            }
            Support::Native => {
                assert_eq!(out.code, 0, "{filter:?}: {}", out.stderr);
                assert!(
                    !out.stderr.contains("cannot filter"),
                    "{filter:?} is native: {}",
                    out.stderr
                );
                let reached = !list_query.is_empty()
                    || sent
                        .iter()
                        .any(|r| r.url.path().ends_with("/associated_contacts"));
                assert!(
                    reached,
                    "{filter:?} declared native but Sell was not asked to apply it"
                );
            }
        }
    }
}

/// Pipedrive has an adapter, so the walk above checks all its operations rather than skipping it;
/// and the token decides the header: an API token in `x-api-token`, anything else as Bearer.
#[tokio::test]
async fn pipedrive_is_walked_and_sends_tokens_in_headers_only() {
    let server = MockServer::start().await;
    let adapter = adapter(Vendor::Pipedrive, &server.uri()).expect("the Pipedrive adapter builds");
    // Every operation but dissociating the company: org_id cannot be emptied through API v2.
    let missing: Vec<Op> = Op::iter()
        .filter(|op| !Capabilities::of(Vendor::Pipedrive).supports(*op))
        .collect();
    assert_eq!(missing, [Op::DissociateCompany]);
    let _ = adapter.get("1", false).await;
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(!requests.is_empty());
    for r in &requests {
        assert_eq!(
            r.headers.get("x-api-token").map(|v| v.to_str().unwrap()),
            Some("0123456789abcdef0123456789abcdef01234567")
        );
        assert!(r.headers.get("authorization").is_none());
        assert!(!r.url.as_str().contains("api_token"));
    }
    let (auth, _) = adapter::http_profile(Vendor::Pipedrive, "oauth-access-token");
    assert!(matches!(auth, crm::http::AuthScheme::Bearer));
}

/// HubSpot's and Pipedrive's filter declarations, both ways, through the binary: a native filter
/// changes the deal requests sent (the vendor applies it) without a notice, a client-side one says
/// so on stderr, an undeclared one exits 6 before any request.
#[tokio::test]
async fn hubspot_and_pipedrive_filters_behave_as_declared() {
    use crm::adapter::{Filter, Support};
    use serde_json::json;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, ResponseTemplate};

    use crate::support::cli::{crm, Home, To};
    use crate::support::{hubspot, pipedrive};

    async fn answer(server: &MockServer, verb: &str, p: &str, body: serde_json::Value) {
        Mock::given(method(verb))
            .and(path(p))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(server)
            .await;
    }
    fn args(vendor: Vendor, filter: Filter) -> Vec<&'static str> {
        let hub = vendor == Vendor::Hubspot;
        match filter {
            Filter::Stage if hub => vec!["--stage", "Contract Sent"],
            Filter::Stage => vec!["--stage", "Proposal Made"],
            Filter::Pipeline if hub => vec!["--pipeline", "Sales Pipeline"],
            Filter::Pipeline => vec!["--pipeline", "Sales"],
            Filter::Owner if hub => vec!["--owner", "ana@example.com"],
            Filter::Owner => vec!["--owner", "bo@example.com"],
            Filter::Status => vec!["--status", "won"],
            Filter::Deleted => vec!["--status", "deleted"],
            Filter::Contact => vec!["--contact", "201"],
            Filter::Company => vec!["--company", "301"],
            Filter::UpdatedSince => vec!["--updated-since", "2026-01-01"],
            Filter::UpdatedUntil => vec!["--updated-until", "2026-12-01"],
            Filter::Search => vec!["--search", "acme"],
            Filter::Ids => vec!["--ids", "1,2"],
            Filter::Name => vec!["--name", "One"],
            Filter::CloseDate => vec!["--close-date", "2026-12-31"],
            Filter::Hot => vec!["--hot"],
            Filter::Source => vec!["--source", "10"],
            Filter::Archived => vec!["--archived"],
            Filter::Sort if hub => vec!["--sort", "amount:desc"],
            Filter::Sort => vec!["--sort", "updated_at:desc"],
            Filter::WithContacts => vec!["--with-contacts"],
            Filter::Custom => vec!["--custom", "Region=EMEA"],
        }
    }

    /// Requests about deals, not the metadata (cached after the first run).
    fn is_deal_request(r: &wiremock::Request) -> bool {
        let p = r.url.path();
        [
            "/crm/v3/objects/deals",
            "/crm/v4/",
            "/api/v2/deals",
            "/api/v1/deals",
        ]
        .iter()
        .any(|prefix| p.starts_with(prefix))
    }

    let home = Home::new();
    for vendor in [Vendor::Hubspot, Vendor::Pipedrive] {
        let caps = Capabilities::of(vendor);
        let server = if vendor == Vendor::Hubspot {
            let server = hubspot::account().await;
            let one = json!({"total": 1, "results": [hubspot::deal("1", "One", "5")]});
            answer(&server, "POST", "/crm/v3/objects/deals/search", one.clone()).await;
            answer(&server, "GET", "/crm/v3/objects/deals", one).await;
            // Search results carry no associations: each page's are read by v4 batch.
            for to in ["contacts", "companies"] {
                let batch = format!("/crm/v4/associations/deals/{to}/batch/read");
                answer(&server, "POST", &batch, json!({"results": []})).await;
            }
            server
        } else {
            let server = pipedrive::account().await;
            let one = pipedrive::page(json!([pipedrive::deal(1, "One", "5")]), None);
            answer(&server, "GET", "/api/v2/deals", one.clone()).await;
            answer(&server, "GET", "/api/v2/deals/archived", one).await;
            let hit = pipedrive::search_hits(&[(1, "One", 1.0)]);
            answer(&server, "GET", "/api/v2/deals/search", hit).await;
            let people = pipedrive::participants(&[]);
            answer(&server, "GET", "/api/v1/deals/1/participants", people).await;
            server
        };
        let token = match vendor {
            Vendor::Hubspot => hubspot::TOKEN,
            _ => pipedrive::TOKEN,
        };
        let deal_requests = || async {
            let sent = server.received_requests().await.unwrap_or_default();
            sent.iter()
                .filter(|r| is_deal_request(r))
                .map(|r| {
                    format!(
                        "{} {} {}",
                        r.method,
                        r.url,
                        String::from_utf8_lossy(&r.body)
                    )
                })
                .collect::<Vec<_>>()
        };
        let list = |extra: Vec<&'static str>| {
            let to = To::env(vendor.key(), server.uri(), token);
            crm(
                &home,
                to,
                &[&["deals", "list", "-o", "json", "--limit", "5"][..], &extra].concat(),
            )
        };
        let out = list(vec![]).await;
        assert_eq!(out.code, 0, "{vendor} baseline: {}", out.stderr);
        let baseline = deal_requests().await;
        for filter in Filter::iter() {
            let before = server.received_requests().await.unwrap_or_default().len();
            let out = list(args(vendor, filter)).await;
            let sent = server.received_requests().await.unwrap_or_default();
            let requests: Vec<String> = deal_requests()
                .await
                .into_iter()
                .skip(sent[..before].iter().filter(|r| is_deal_request(r)).count())
                .collect();
            match caps.filter(filter) {
                Support::No => {
                    assert_eq!(out.code, 6, "{vendor} {filter:?}: {}", out.stderr);
                    assert_eq!(sent.len(), before, "{vendor} {filter:?} sent requests");
                }
                Support::ClientSide => {
                    assert_eq!(out.code, 0, "{vendor} {filter:?}: {}", out.stderr);
                    assert!(
                        out.stderr.contains("cannot apply") || out.stderr.contains("cannot filter"),
                        "{vendor} {filter:?} is client-side: {}",
                        out.stderr
                    );
                }
                Support::Native => {
                    assert_eq!(out.code, 0, "{vendor} {filter:?}: {}", out.stderr);
                    assert!(
                        !out.stderr.contains("cannot"),
                        "{vendor} {filter:?} is native: {}",
                        out.stderr
                    );
                    assert_ne!(
                        requests, baseline,
                        "{vendor} {filter:?} declared native but the vendor was not asked to apply it"
                    );
                }
            }
        }
    }
}
