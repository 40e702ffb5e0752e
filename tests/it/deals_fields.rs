//! `crm deals fields` for every vendor, through the built-in sandboxes: the common fields, the
//! account's custom fields by name (never Pipedrive's hash keys) with their options, and the
//! "did you mean" hint that sends users to it.

use serde_json::Value;

use crate::support::cli::{run_sync, Home};

fn fields(profile: &str) -> Vec<Value> {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.args(["--profile", profile, "deals", "fields", "-o", "json"]);
    let out = run_sync(cmd);
    assert_eq!(out.code, 0, "{profile}: {}", out.stderr);
    out.json().as_array().unwrap().clone()
}

fn custom<'a>(rows: &'a [Value], name: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["field"] == format!("custom.{name}"))
        .unwrap_or_else(|| panic!("no custom.{name} in {rows:?}"))
}

#[test]
fn every_vendor_lists_common_and_custom_fields() {
    for (profile, region, external) in [
        ("sandbox-hubspot", "region", "external_id"),
        ("sandbox-pipedrive", "Region", "External ID"),
        ("sandbox-sell", "region", "external_id"),
    ] {
        let rows = fields(profile);
        let amount = rows.iter().find(|r| r["field"] == "amount").unwrap();
        assert_eq!(amount["set_with"], "--amount", "{profile}");
        assert_eq!(amount["custom"], false);
        let id = rows.iter().find(|r| r["field"] == "id").unwrap();
        assert!(id["set_with"].is_null(), "{profile}: id is read only");
        let region = custom(&rows, region);
        assert_eq!(region["custom"], true);
        assert!(
            region["set_with"].as_str().unwrap().starts_with("--set "),
            "{profile}: {region}"
        );
        custom(&rows, external);
        assert!(
            rows.iter().all(|r| !r["field"]
                .as_str()
                .unwrap()
                .trim_start_matches("custom.")
                .chars()
                .all(|c| c.is_ascii_hexdigit())
                || r["field"] == "id"),
            "{profile}: a hash key leaked: {rows:?}"
        );
    }
    // Option fields list their options (by label: HubSpot's sandbox labels EMEA "Europe").
    for (profile, option) in [("sandbox-hubspot", "Europe"), ("sandbox-pipedrive", "EMEA")] {
        let rows = fields(profile);
        let region = rows
            .iter()
            .find(|r| {
                r["field"]
                    .as_str()
                    .unwrap()
                    .eq_ignore_ascii_case("custom.region")
            })
            .unwrap();
        let options: Vec<&str> = region["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_str().unwrap())
            .collect();
        assert!(options.contains(&option), "{profile}: {options:?}");
    }
}

#[test]
fn fields_a_vendor_cannot_write_say_why() {
    let row = |profile: &str, field: &str| {
        fields(profile)
            .into_iter()
            .find(|r| r["field"] == field)
            .unwrap()
    };
    let tags = row("sandbox-hubspot", "tags");
    assert!(tags["set_with"].is_null(), "{tags}");
    assert!(tags["note"].as_str().unwrap().contains("no tags"), "{tags}");
    assert_eq!(row("sandbox-pipedrive", "tags")["set_with"], "--tags");
    let company = row("sandbox-sell", "company");
    assert!(company["set_with"].is_null(), "{company}");
    assert!(company["note"]
        .as_str()
        .unwrap()
        .contains("primary contact"));
    assert_eq!(row("sandbox-pipedrive", "company")["set_with"], "--company");
}

#[test]
fn the_did_you_mean_hint_names_a_command_that_runs() {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.args(["--profile", "sandbox", "deals", "list", "--fields", "zzz"]);
    let out = run_sync(cmd);
    out.assert_exit(2);
    out.assert_says("crm deals fields");

    let mut cmd = home.crm();
    cmd.args(["--profile", "sandbox", "deals", "fields"]);
    let out = run_sync(cmd);
    out.assert_exit(0);
    assert!(out.stdout.contains("custom.region"), "{}", out.stdout);
}

/// The same type words on every vendor, and each vendor's own type of a custom field beside it
/// (HubSpot says `enumeration`, Pipedrive `enum`; both read `enum`).
#[test]
fn types_read_the_same_on_every_vendor() {
    let vocabulary = [
        "text",
        "number",
        "decimal",
        "date",
        "datetime",
        "enum",
        "set",
        "bool",
        "user",
        "reference",
    ];
    let mut regions = Vec::new();
    for (profile, region) in [
        ("sandbox-hubspot", "region"),
        ("sandbox-pipedrive", "Region"),
        ("sandbox-sell", "region"),
    ] {
        let rows = fields(profile);
        for row in &rows {
            let kind = row["type"].as_str().unwrap();
            assert!(
                vocabulary.contains(&kind) || row["field"] == "custom",
                "{profile}: {row}"
            );
            assert_eq!(
                row["custom"] == true,
                row["vendor_type"].is_string(),
                "{profile}: custom fields carry the vendor's type: {row}"
            );
        }
        let by_name = |f: &str| rows.iter().find(|r| r["field"] == f).unwrap().clone();
        assert_eq!(by_name("close_date")["type"], "date", "{profile}");
        assert_eq!(by_name("amount")["type"], "decimal", "{profile}");
        assert_eq!(by_name("owner")["type"], "user", "{profile}");
        regions.push(custom(&rows, region).clone());
    }
    // An option field: one word here, each vendor's own beside it.
    assert_eq!(regions[0]["type"], "enum");
    assert_eq!(regions[1]["type"], "enum");
    assert_ne!(regions[0]["vendor_type"], regions[1]["vendor_type"]);
}
