//! `crm profiles` and which account a command reaches: the precedence of flags, environment and
//! config, the vendor-mismatch refusal, and a config file that failures never touch.

use wiremock::MockServer;

use crate::support::account::Account;
use crate::support::cli::{run, run_sync, Home, Run};
use crate::support::creds::{config_text, login};
use crate::support::hubspot::account;
use crate::support::json::strings;

const US: &str = "pat-na1-us000000-0000-0000-0000-000000000001";
const EU: &str = "pat-eu1-eu000000-0000-0000-0000-000000000002";
const ENV: &str = "pat-na1-env00000-0000-0000-0000-000000000003";

fn profiles(home: &Home, args: &[&str]) -> Run {
    let mut cmd = home.crm();
    cmd.arg("profiles").args(args);
    run_sync(cmd)
}

#[test]
fn add_list_use_remove() {
    let home = Home::new();
    let out = profiles(
        &home,
        &[
            "add",
            "acme",
            "--vendor",
            "pipedrive",
            "--base-url",
            "https://acme.pipedrive.com",
        ],
    );
    out.assert_exit(0);
    let out = profiles(
        &home,
        &[
            "add",
            "hub",
            "--vendor",
            "hubspot",
            "--default-output",
            "csv",
            "--default-pipeline",
            "Sales",
            "--rate-limit-tier",
            "professional",
        ],
    );
    out.assert_exit(0);
    let out = profiles(&home, &["list", "-o", "json"]);
    out.assert_exit(0);
    let list = out.json();
    let names = strings(&list, "/name");
    assert_eq!(
        names,
        [
            "acme",
            "hub",
            "sandbox",
            "sandbox-hubspot",
            "sandbox-pipedrive",
            "sandbox-sell"
        ]
    );
    assert_eq!(
        list[0]["default"], true,
        "the first profile becomes the default"
    );
    assert_eq!(list[0]["base_url"], "https://acme.pipedrive.com/");
    assert_eq!(list[1]["default_output"], "csv");
    assert_eq!(list[1]["default_pipeline"], "Sales");
    assert_eq!(list[1]["rate_limit_tier"], "professional");
    assert_eq!(list[2]["builtin"], true);

    assert_eq!(profiles(&home, &["use", "hub"]).code, 0);
    // The profile's default output applies when -o is not given.
    let out = profiles(&home, &["list"]);
    // CSV's header is the JSON keys.
    assert!(
        out.stdout.starts_with("name,vendor,base_url,default,"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("hub,hubspot,https://api.hubapi.com,true,"),
        "{}",
        out.stdout
    );

    assert_eq!(profiles(&home, &["remove", "hub"]).code, 0);
    let config = config_text(&home).unwrap();
    assert!(
        !config.contains("hub") && !config.contains("default ="),
        "{config}"
    );
}

#[test]
fn failures_leave_the_config_file_untouched() {
    let home = Home::new();
    assert_eq!(
        profiles(&home, &["add", "acme", "--vendor", "sell"]).code,
        0
    );
    let before = config_text(&home).unwrap();
    let cases: &[(&[&str], i32, &str)] = &[
        (&["add", "acme", "--vendor", "sell"], 2, "exists already"),
        (&["add", "sandbox", "--vendor", "hubspot"], 2, "built-in"),
        (
            &["add", "x y", "--vendor", "hubspot"],
            2,
            "not a valid profile name",
        ),
        (
            &[
                "add",
                "eu",
                "--vendor",
                "hubspot",
                "--base-url",
                "not a url",
            ],
            2,
            "not a URL",
        ),
        (&["remove", "nope"], 3, "acme"),
        (&["remove", "sandbox"], 2, "built-in"),
        (&["use", "nope"], 3, "sandbox"),
    ];
    for (args, code, said) in cases {
        let out = profiles(&home, args);
        assert_eq!(out.code, *code, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(said), "{args:?}: {}", out.stderr);
        assert_eq!(
            config_text(&home).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }

    // A file crm cannot parse is reported, never rewritten.
    let path = home.path().join("config").join("config.toml");
    std::fs::write(&path, "default = [unterminated\n").unwrap();
    for args in [
        &["add", "eu", "--vendor", "hubspot"][..],
        &["use", "acme"],
        &["list"],
    ] {
        let out = profiles(&home, args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        out.assert_says("config.toml is not valid");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "default = [unterminated\n"
        );
    }
}

#[test]
fn a_commented_config_keeps_its_comments_and_order_when_profiles_rewrite_it() {
    let home = Home::new();
    let path = home.path().join("config").join("config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // What crm must leave exactly as the user wrote it.
    let notes = "# My CRM accounts. crm may add and remove profiles; keep these notes.\n";
    let work = "\
# The sales team's Pipedrive
[profiles.work]
vendor = \"pipedrive\"
base_url = \"https://acme.pipedrive.com/\"  # company domain
token_storage = \"file\"
";
    let written_by_hand = format!(
        "{notes}default = \"work\"  # the portal I use most\n\n{work}
# Old account, kept for reference
[profiles.old]
vendor = \"sell\"
token_storage = \"file\"
"
    );
    std::fs::write(&path, &written_by_hand).unwrap();

    for args in [
        &["add", "eu", "--vendor", "hubspot"][..],
        &["use", "eu"],
        &["remove", "old"],
    ] {
        let out = profiles(&home, args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!(
            "{notes}default = \"eu\"  # the portal I use most\n\n{work}
[profiles.eu]
vendor = \"hubspot\"
"
        )
    );
}

/// Two HubSpot portals, a profile for each with its token in the (test-only) token file.
async fn two_portals(home: &Home) -> (Account, Account) {
    let (us, eu) = (account().await, account().await);
    for (name, server, token) in [("us", &us, US), ("eu", &eu, EU)] {
        let out = login(
            home,
            name,
            &server.uri(),
            token,
            &["--no-verify", "--insecure-storage"],
        )
        .await;
        out.assert_exit(0);
    }
    (us, eu)
}

/// The Authorization headers a server received since the last look.
async fn seen(server: &MockServer, offset: &mut usize) -> Vec<String> {
    let all = server.received_requests().await.unwrap_or_default();
    let new = all[*offset..]
        .iter()
        .map(|r| {
            r.headers
                .get("authorization")
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    *offset = all.len();
    new
}

/// Flags, environment, the server that must be reached and the token it must see.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str, &'a str);

#[tokio::test]
async fn the_profile_and_token_in_use_follow_the_precedence() {
    let home = Home::new();
    let (us, eu) = two_portals(&home).await;
    let other = account().await;
    let bearer = |t: &str| format!("Bearer {t}");
    let mut offsets = [0; 3];
    // (flag, environment) → which server got which token; "us" is the default (the first login).
    let cases: &[Case] = &[
        (&[], &[], "us", US),
        (&[], &[("CRM_PROFILE", "eu")], "eu", EU),
        (&["--profile", "us"], &[("CRM_PROFILE", "eu")], "us", US),
        (&["--profile", "eu"], &[("CRM_TOKEN", ENV)], "eu", ENV),
        (
            &["--profile", "eu"],
            &[("CRM_TOKEN", ENV), ("CRM_VENDOR", "hubspot")],
            "eu",
            ENV,
        ),
        (
            &[],
            &[
                ("CRM_TOKEN", ENV),
                ("CRM_VENDOR", "hubspot"),
                ("CRM_BASE_URL", "OTHER"),
            ],
            "other",
            ENV,
        ),
        (
            &["--profile", "eu"],
            &[("CRM_BASE_URL", "OTHER")],
            "other",
            EU,
        ),
    ];
    for (flags, env, server, token) in cases {
        let mut cmd = home.crm();
        for (k, v) in *env {
            cmd.env(
                k,
                if *v == "OTHER" {
                    other.uri()
                } else {
                    v.to_string()
                },
            );
        }
        cmd.args(*flags)
            .args(["pipelines", "list", "-o", "json", "--refresh"]);
        let out = run(cmd).await;
        assert_eq!(out.code, 0, "{flags:?} {env:?}: {}", out.stderr);
        let got = [
            ("us", seen(&us, &mut offsets[0]).await),
            ("eu", seen(&eu, &mut offsets[1]).await),
            ("other", seen(&other, &mut offsets[2]).await),
        ];
        for (name, headers) in got {
            if name == *server {
                assert!(
                    !headers.is_empty() && headers.iter().all(|h| *h == bearer(token)),
                    "{flags:?} {env:?}: {name} saw {headers:?}"
                );
            } else {
                assert!(
                    headers.is_empty(),
                    "{flags:?} {env:?}: {name} saw {headers:?}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_token_for_another_vendor_is_refused_before_any_request() {
    let home = Home::new();
    let (us, eu) = two_portals(&home).await;
    let mut cmd = home.crm();
    cmd.env("CRM_TOKEN", ENV)
        .env("CRM_VENDOR", "pipedrive")
        .args(["--profile", "eu", "pipelines", "list"]);
    let out = run(cmd).await;
    out.assert_exit(2);
    out.assert_says("the token was not sent");
    assert!(!out.stderr.contains(ENV));
    for server in [&us, &eu] {
        assert!(server.received_requests().await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn a_builtin_sandbox_can_be_the_default_profile() {
    let home = Home::new();
    assert_eq!(profiles(&home, &["use", "sandbox-hubspot"]).code, 0);
    let mut cmd = home.crm();
    cmd.args(["pipelines", "list", "-o", "json"]);
    let out = run(cmd).await;
    out.assert_exit(0);
    assert!(out.stdout.contains("Sales Pipeline"), "{}", out.stdout);
}
