//! A recognisable token, run through every path that prints or writes something: `-vvv` traces,
//! `--dry-run`, failing requests, refusals, `auth status`. It must appear in no stdout, stderr,
//! URL, config, cache or trash file, and no flag may take it as an argument.

use std::path::Path;

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::account::Account;
use crate::support::cli::{crm, run, run_sync, Home, Run, To};
use crate::support::creds::{login, mount_account_info};
use crate::support::hubspot::{account, deal};
use crate::support::mock::Answers;

const TOKEN: &str = "pat-na1-LEAKLEAK-0000-1111-2222-333344445555";
/// A part of the token that no redaction or masking may show.
const MARK: &str = "LEAKLEAK";

fn assert_clean(what: &str, out: &Run) {
    for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(
            !text.contains(MARK),
            "{what}: the token is in {stream}:\n{text}"
        );
    }
}

/// Every file under `dir` but the opted-in plaintext token file.
fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.file_name().unwrap() != "credentials.toml" {
            out.push(path);
        }
    }
}

async fn server() -> Account {
    let server = account().await;
    mount_account_info(&server, TOKEN).await;
    server
        .answer("GET", "/crm/v3/objects/deals/5", deal("5", "Five", "5.00"))
        .await;
    server
        .answer_status("DELETE", "/crm/v3/objects/deals/5", 204)
        .await;
    server
        .answer_with(
            "GET",
            "/crm/v3/objects/deals/6",
            503,
            json!({"status": "error", "message": "down"}),
        )
        .await;
    server.answer_with("GET", "/crm/v3/objects/deals", 401, json!({ "status": "error", "category": "INVALID_AUTHENTICATION", "message": "expired" })).await;
    server
}

/// What a run is called, its arguments and its environment.
type Step<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, &'a str)]);

#[tokio::test]
async fn the_token_never_shows_anywhere() {
    let server = server().await;
    let refusing = MockServer::start().await;
    mount_account_info(&refusing, "another-token").await;
    let home = Home::new();

    let out = login(
        &home,
        "hub",
        &server.uri(),
        TOKEN,
        &["--insecure-storage", "-vvv"],
    )
    .await;
    out.assert_exit(0);
    out.assert_says("> authorization: Bearer (redacted)");
    assert_clean("login -vvv", &out);
    let out = login(
        &home,
        "refused",
        &refusing.uri(),
        TOKEN,
        &["--insecure-storage", "-vvv"],
    )
    .await;
    out.assert_exit(4);
    assert_clean("refused login", &out);
    let out = login(
        &home,
        "dry",
        &server.uri(),
        TOKEN,
        &["--insecure-storage", "--dry-run"],
    )
    .await;
    assert_clean("login --dry-run", &out);

    let runs: &[Step] = &[
        ("status", &["auth", "status", "-vvv"], &[]),
        ("status json", &["auth", "status", "-o", "json"], &[]),
        (
            "pipelines -vvv",
            &["pipelines", "list", "-vvv", "--refresh"],
            &[],
        ),
        ("dry run", &["deals", "list", "--dry-run", "--refresh"], &[]),
        ("401 -vvv", &["deals", "list", "-vvv"], &[]),
        ("503 -vvv", &["deals", "get", "6", "-vvv"], &[]),
        ("delete", &["deals", "delete", "5", "--yes", "-vvv"], &[]),
        ("profiles", &["profiles", "list"], &[]),
        (
            "api -vvv",
            &["api", "/crm/v3/objects/deals/5", "-vvv", "--include"],
            &[],
        ),
        (
            "api 401 -vvv",
            &["api", "/crm/v3/objects/deals", "-vvv"],
            &[],
        ),
        (
            "api 503 -vvv",
            &["api", "/crm/v3/objects/deals/6", "-vvv"],
            &[],
        ),
        (
            "api post dry",
            &[
                "api",
                "/crm/v3/objects/deals",
                "-f",
                "properties[dealname]=x",
                "--dry-run",
            ],
            &[],
        ),
        (
            "api env route",
            &["api", "-X", "DELETE", "/crm/v3/objects/deals/5", "-vvv"],
            &[
                ("CRM_TOKEN", TOKEN),
                ("CRM_VENDOR", "hubspot"),
                ("CRM_BASE_URL", "SERVER"),
            ],
        ),
        (
            "api another host",
            &[
                "api",
                "https://crm.example.com/crm/v3/objects/deals",
                "-vvv",
            ],
            &[],
        ),
        (
            "env route",
            &["deals", "list", "-vvv"],
            &[
                ("CRM_TOKEN", TOKEN),
                ("CRM_VENDOR", "hubspot"),
                ("CRM_BASE_URL", "SERVER"),
            ],
        ),
        (
            "env route dry",
            &["deals", "get", "5", "--dry-run"],
            &[
                ("CRM_TOKEN", TOKEN),
                ("CRM_VENDOR", "hubspot"),
                ("CRM_BASE_URL", "SERVER"),
            ],
        ),
        (
            "mismatch",
            &["--profile", "hub", "deals", "list", "-vvv"],
            &[("CRM_TOKEN", TOKEN), ("CRM_VENDOR", "sell")],
        ),
        (
            "plain http",
            &["deals", "list", "-vvv"],
            &[
                ("CRM_TOKEN", TOKEN),
                ("CRM_VENDOR", "hubspot"),
                ("CRM_BASE_URL", "http://crm.example.com"),
            ],
        ),
        (
            "env status",
            &["auth", "status", "-vvv"],
            &[
                ("CRM_TOKEN", TOKEN),
                ("CRM_VENDOR", "hubspot"),
                ("CRM_BASE_URL", "SERVER"),
            ],
        ),
        (
            "env logout",
            &["auth", "logout", "-vvv", "--profile", "dry"],
            &[("CRM_TOKEN", TOKEN)],
        ),
    ];
    let mut exit_codes = Vec::new();
    for (what, args, env) in runs {
        let mut cmd = home.crm();
        for (k, v) in *env {
            cmd.env(
                k,
                if *v == "SERVER" {
                    server.uri()
                } else {
                    v.to_string()
                },
            );
        }
        cmd.args(*args);
        let out = run(cmd).await;
        assert_clean(what, &out);
        exit_codes.push((*what, out.code));
    }
    // The failing runs did fail (so their error paths were the ones checked).
    for (what, code) in [
        ("401 -vvv", 4),
        ("mismatch", 2),
        ("plain http", 2),
        ("503 -vvv", 7),
        ("api 401 -vvv", 4),
        ("api 503 -vvv", 7),
        ("api another host", 2),
    ] {
        assert!(exit_codes.contains(&(what, code)), "{what}: {exit_codes:?}");
    }

    for request in server.received_requests().await.unwrap() {
        assert!(
            !request.url.as_str().contains(MARK),
            "token in a URL: {}",
            request.url
        );
    }
    let mut written = Vec::new();
    files(home.path(), &mut written);
    assert!(
        written.iter().any(|p| p.ends_with("config.toml")),
        "{written:?}"
    );
    assert!(
        written.iter().any(|p| p.ends_with("trash.ndjson")),
        "{written:?}"
    );
    for file in written {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(MARK),
            "the token is in {}",
            file.display()
        );
    }
    let credentials = home.path().join("config").join("credentials.toml");
    assert!(
        std::fs::read_to_string(credentials)
            .unwrap()
            .contains(TOKEN),
        "opted in, so it is there"
    );
}

#[test]
fn no_flag_takes_a_token() {
    let home = Home::new();
    for command in [
        &["auth", "login"][..],
        &["auth", "status"],
        &["profiles", "add"],
    ] {
        let mut cmd = home.crm();
        cmd.args(command).arg("--help");
        let out = run_sync(cmd);
        assert_eq!(out.code, 0);
        for line in out.stdout.lines() {
            let flag = line.split_whitespace().find(|w| w.starts_with("--"));
            if let Some(flag) = flag {
                assert!(
                    flag == "--with-token" || !flag.contains("token") && !flag.contains("secret"),
                    "{command:?} has a flag that takes a secret: {line}"
                );
            }
        }
    }
    let mut cmd = home.crm();
    cmd.args(["auth", "login", "--vendor", "hubspot", "--token", TOKEN]);
    let out = run_sync(cmd);
    out.assert_exit(2);
    assert_clean("--token", &out);
    assert!(!std::path::Path::new(&home.path().join("config").join("config.toml")).exists());
}

/// A Pipedrive API token (40 hex characters, sent as `x-api-token`) with a recognisable middle.
const PIPEDRIVE_TOKEN: &str = "0123456789abcdef00deadbeef00fedcba987654";

/// A server that redirects every request to `to` + its path.
async fn redirecting_to(to: &str, status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("location", format!("{to}/api/v2/deals/5").as_str()),
        )
        .expect(1..)
        .mount(&server)
        .await;
    server
}

/// DESIGN §5: no redirect is followed to another origin, and the token never travels to one.
/// reqwest's default policy follows it and strips only `Authorization`, so `x-api-token` went
/// along. The second server records what reaches it: nothing may.
#[tokio::test]
async fn a_redirect_to_another_origin_is_not_followed_and_the_token_stays_home() {
    let recorder = MockServer::start().await;
    for status in [301, 302, 307, 308] {
        let first = redirecting_to(&recorder.uri(), status).await;
        let home = Home::new();
        let to = To::Env {
            vendor: "pipedrive",
            base_url: first.uri(),
            token: PIPEDRIVE_TOKEN,
        };
        let out = crm(&home, to, "deals get 5 -vvv").await;
        assert_eq!(out.code, 2, "{status}: {}", out.stderr);
        let target = recorder.uri();
        assert!(
            out.stderr.contains(&format!("redirect to {target}")),
            "{status}: the message names the target: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("deadbeef"), "{}", out.stderr);
        assert_eq!(first.received_requests().await.unwrap().len(), 1);
    }
    let reached = recorder.received_requests().await.unwrap();
    assert!(
        reached.is_empty(),
        "requests reached the other origin: {:?}",
        reached
            .iter()
            .map(|r| (r.url.to_string(), r.headers.clone()))
            .collect::<Vec<_>>()
    );
}

/// A redirect within the origin (same scheme, host and port) is still followed, token and all.
#[tokio::test]
async fn a_redirect_within_the_origin_is_followed() {
    let server = account().await;
    mount_account_info(&server, TOKEN).await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/deals/7"))
        .respond_with(
            ResponseTemplate::new(301).insert_header("location", "/crm/v3/objects/deals/5"),
        )
        .expect(1..)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/deals/5"))
        .and(wiremock::matchers::header(
            "authorization",
            format!("Bearer {TOKEN}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(deal("5", "Five", "5.00")))
        .expect(1..)
        .mount(&server)
        .await;
    let home = Home::new();
    let to = To::Env {
        vendor: "hubspot",
        base_url: server.uri(),
        token: TOKEN,
    };
    let out = crm(&home, to, "deals get 7 -o json").await;
    out.assert_exit(0);
    assert!(out.stdout.contains("\"Five\""), "{}", out.stdout);
}
