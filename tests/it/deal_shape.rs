//! One deal, one shape, on every vendor: the same demo deal read from the three built-in
//! sandboxes as JSON, CSV and tables (80 and 200 columns), pinned side by side; the keys of CSV
//! and JSON; what a list says when it stops at its limit; records from another CRM.

use serde_json::{Map, Value};
use unicode_width::UnicodeWidthStr;

use crate::support::cli::{crm, run, run_sync, Args, Home, Run, To};

/// The built-in sandboxes and the id each gives the fifth demo deal ("Initech: Website
/// Redesign", 1253 USD, "Contract Sent" of the Renewals pipeline: a stage name both pipelines
/// have, an amount HubSpot keeps as "1253.00").
const SANDBOXES: [(&str, &str, &str); 3] = [
    ("hubspot", "sandbox", "9000005"),
    ("pipedrive", "sandbox-pipedrive", "5"),
    ("sell", "sandbox-sell", "5000005"),
];

/// `crm --profile PROFILE ARGS` (in a terminal `columns` wide, if given), which must succeed.
fn succeeds(home: &Home, profile: &str, args: &(impl Args + ?Sized), columns: Option<&str>) -> Run {
    let args = &args.to_args()[..];
    let mut cmd = crm(home, profile, args);
    if let Some(c) = columns {
        cmd = cmd.env("COLUMNS", c);
    }
    let out = cmd.run_sync();
    assert_eq!(out.code, 0, "crm {args:?} on {profile}: {}", out.stderr);
    out
}

/// The deal as a person compares it across CRMs: ids, `vendor` and `url` set aside, references
/// by name, custom fields by their names without case or separators, and tags left out (HubSpot
/// has none, `deals fields` says so; the others' are compared on their own).
fn comparable(deal: &Value) -> Value {
    let mut d = deal.as_object().cloned().unwrap_or_default();
    for key in ["id", "vendor", "url", "contacts", "company"] {
        d.remove(key);
    }
    for key in ["pipeline", "stage", "owner"] {
        let name = d[key]["name"].clone();
        d.insert(key.into(), name);
    }
    d.remove("tags");
    let custom: Map<String, Value> = d["custom"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| {
            let loose: String = k
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            (loose, v.clone())
        })
        .collect();
    d.insert("custom".into(), Value::Object(custom));
    Value::Object(d)
}

#[test]
fn the_same_demo_deal_reads_the_same_on_every_vendor() {
    let mut seen: Vec<(&str, Value)> = Vec::new();
    for (vendor, profile, id) in SANDBOXES {
        let home = Home::new();
        let get = succeeds(&home, profile, &format!("deals get {id} -o json"), None);
        let ids = format!("--ids={id}");
        let csv = succeeds(&home, profile, &["deals", "list", &ids, "-o", "csv"], None);
        let narrow = succeeds(
            &home,
            profile,
            &["deals", "list", &ids, "-o", "table"],
            Some("80"),
        );
        let wide = succeeds(
            &home,
            profile,
            &["deals", "list", &ids, "-o", "table"],
            Some("200"),
        );
        let side_by_side = format!(
            "--- get -o json\n{}--- list -o csv\n{}--- list -o table, 80 columns\n{}--- list -o table, 200 columns\n{}",
            get.stdout, csv.stdout, narrow.stdout, wide.stdout
        );
        insta::assert_snapshot!(format!("demo_deal_{vendor}"), side_by_side);

        // CSV's header is exactly the deal's JSON keys, url included only where there is one.
        let deal = get.json();
        let keys: Vec<&str> = deal
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let header: Vec<&str> = csv.stdout.lines().next().unwrap().split(',').collect();
        assert_eq!(header, keys, "{vendor}");
        for line in narrow.stdout.lines() {
            assert!(line.width() <= 80, "{vendor}: wider than 80: {line}");
        }
        seen.push((vendor, deal));
    }
    let (first, first_deal) = &seen[0];
    for (vendor, deal) in &seen[1..] {
        assert_eq!(
            comparable(deal),
            comparable(first_deal),
            "{vendor} and {first} read the same deal differently"
        );
    }
    // The values have one form: the amount HubSpot keeps as "1253.00", the stage's probability.
    for (vendor, deal) in &seen {
        assert_eq!(deal["amount"], "1253", "{vendor}");
        assert_eq!(deal["probability"], "90", "{vendor}");
        assert_eq!(deal["created_at"], "2025-04-18T11:56:00Z", "{vendor}");
    }
    assert_eq!(
        seen[1].1["tags"], seen[2].1["tags"],
        "Pipedrive and Sell tags"
    );
    assert!(seen[1].1["url"].is_string(), "Pipedrive links its deals");
    assert!(seen[2].1.get("url").is_none(), "Sell has no url key");
}

#[test]
fn tables_fit_80_columns_and_name_the_pipeline() {
    for (vendor, profile, _) in SANDBOXES {
        let home = Home::new();
        let out = succeeds(&home, profile, "deals list --limit 8 -o table", Some("80"));
        insta::assert_snapshot!(format!("list_80_{vendor}"), out.stdout);
        for line in out.stdout.lines() {
            assert!(line.width() <= 80, "{vendor}: wider than 80: {line}");
        }
        // One line per deal: nothing wraps; the demo account has two pipelines.
        assert_eq!(
            out.stdout.lines().count(),
            8 + 4,
            "{vendor}:\n{}",
            out.stdout
        );
        assert!(out.stdout.contains("pipeline"), "{vendor}:\n{}", out.stdout);
        assert!(out.stdout.contains("2026-02-11"), "{vendor}: dates whole");
    }
}

#[test]
fn csv_headers_are_the_json_keys_for_every_listing() {
    for (vendor, profile, _) in SANDBOXES {
        let home = Home::new();
        for args in [
            &["stages", "list"][..],
            &["pipelines", "list"],
            &["deals", "fields"],
            &["deals", "list", "--limit", "3"],
        ] {
            let json = succeeds(&home, profile, &[args, &["-o", "json"]].concat(), None).json();
            let csv = succeeds(&home, profile, &[args, &["-o", "csv"]].concat(), None);
            let mut keys: Vec<String> = Vec::new();
            for record in json.as_array().unwrap() {
                for k in record.as_object().unwrap().keys() {
                    if !keys.contains(k) {
                        keys.push(k.clone());
                    }
                }
            }
            let header = csv.stdout.lines().next().unwrap_or_default();
            assert_eq!(header, keys.join(","), "{vendor}: {args:?}");
        }
    }
}

#[test]
fn fields_url_is_there_where_the_vendor_links_deals_and_refused_where_not() {
    let home = Home::new();
    let out = succeeds(
        &home,
        "sandbox-pipedrive",
        "deals list --limit 2 --fields id,probability,url",
        None,
    );
    for deal in out.json().as_array().unwrap() {
        let keys: Vec<&str> = deal
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["id", "probability", "url"], "{deal}");
        assert!(deal["probability"].is_string(), "{deal}");
    }
    let mut cmd = home.crm();
    cmd.args([
        "--profile",
        "sandbox-sell",
        "deals",
        "list",
        "--fields",
        "id,url",
    ]);
    let out = run_sync(cmd);
    out.assert_exit(6);
    out.assert_says("Zendesk Sell");
    assert_eq!(out.stdout, "", "nothing on stdout");
}

/// A list that stops at its default limit says so on stderr with -v (and on a terminal),
/// never on stdout; one that shows everything says nothing.
#[tokio::test]
async fn a_list_that_stops_at_its_limit_says_so() {
    use crm::sandbox::{spawn, SandboxVendor, ServeArgs};
    for vendor in [
        SandboxVendor::Hubspot,
        SandboxVendor::Pipedrive,
        SandboxVendor::Sell,
    ] {
        for (deals, more) in [(116, true), (100, false)] {
            let mut args = ServeArgs::new(vendor);
            args.deals = deals;
            let sandbox = spawn(args).await.expect("sandbox starts");
            let home = Home::new();
            let list = |verbose: bool| {
                let mut cmd = crm(
                    &home,
                    To::env(vendor.name(), sandbox.url(), "sandbox-token"),
                    "",
                )
                .command();
                cmd.args(["deals", "list", "-o", "json"]);
                if verbose {
                    cmd.arg("-v");
                }
                run(cmd)
            };
            let told = list(true).await;
            told.assert_exit(0);
            assert_eq!(told.json().as_array().unwrap().len(), 100, "{vendor:?}");
            let says = told
                .stderr
                .contains("showing 100 of more; --all for every deal, --limit N");
            assert_eq!(
                says, more,
                "{vendor:?} with {deals} deals:\n{}",
                told.stderr
            );
            assert!(!told.stdout.contains("showing"), "never on stdout");
            let quiet = list(false).await;
            assert!(
                !quiet.stderr.contains("showing"),
                "not on a pipe without -v: {}",
                quiet.stderr
            );
        }
    }
}

/// `deals export` of one CRM piped into `deals import` of another, with no `--map`: owners,
/// stages and pipelines are found by name; what the target lacks is reported per record, with
/// a pointer to `--map`.
#[test]
fn records_from_another_crm_are_matched_by_name() {
    let home = Home::new();
    let export = succeeds(&home, "sandbox", "deals export", None);
    let source: Vec<Value> = export
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut records = source.clone();
    // One owner the target does not have, one reference that carries only its source id.
    records[1]["owner"] = serde_json::json!({"id": "910999", "name": "Nobody Here"});
    records[2]["stage"] = serde_json::json!({"id": "contractsent"});
    let input: String = records.iter().map(|r| format!("{r}\n")).collect();

    let mut cmd = home.crm();
    cmd.args(["--profile", "sandbox-pipedrive", "deals", "import", "-"])
        .write_stdin(input);
    let out = run_sync(cmd);
    assert_eq!(out.code, 8, "two records cannot be matched: {}", out.stderr);
    let mut results: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), source.len());
    results.sort_by_key(|r| r["line"].as_u64());
    let owner = results[1]["error"].as_str().unwrap();
    assert!(
        owner.contains("\"Nobody Here\"") && owner.contains("--map"),
        "{owner}"
    );
    let stage = results[2]["error"].as_str().unwrap();
    assert!(
        stage.contains("no name") && stage.contains("--map"),
        "{stage}"
    );
    assert!(!out.stdout.contains("910901"), "never the source's ids");
    for (i, result) in results.iter().enumerate() {
        if i == 1 || i == 2 {
            continue;
        }
        assert_eq!(result["action"], "created", "{result}");
        let id = result["id"].as_str().unwrap();
        let copy = succeeds(
            &home,
            "sandbox-pipedrive",
            &format!("deals get {id} -o json"),
            None,
        )
        .json();
        for key in ["pipeline", "stage", "owner"] {
            assert_eq!(
                copy[key]["name"],
                source[i][key]["name"],
                "{key} of line {}",
                i + 1
            );
        }
        assert_eq!(copy["vendor"], "pipedrive");
    }
}

/// Messages name what the user named: Sell's notice about `--status` names the stages it keeps
/// (it used to list `2000006, 2000011`).
#[test]
fn notices_name_stages_not_ids() {
    let home = Home::new();
    let out = succeeds(
        &home,
        "sandbox-sell",
        "deals list --status won -o json",
        None,
    );
    out.assert_says("\"Closed Won\" in Sales Pipeline (");
    out.assert_says("\"Closed Won\" in Renewals (");
}
