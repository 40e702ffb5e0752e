//! `export | import --map` between two sandboxes, checked deal by deal.

use std::process::Stdio;

use crm::sandbox::SandboxVendor;
use serde_json::json;

use super::{export, import, lines, sandbox, write};
use crate::support::cli::Home;

/// One migration: `crm deals export` from `source` piped into `crm deals import --map` on
/// `target`, then every deal checked field by field. Adding a vendor pair is one more test.
async fn migrate(source: SandboxVendor, target: SandboxVendor, map: &str) {
    let from = sandbox(source, 20, |_| {}).await;
    let to = sandbox(target, 0, |a| a.seed = 99).await;
    let home = Home::new();
    let map_file = write(home.path(), "map.toml", map);
    let mapping: toml::Value = toml::from_str(map).unwrap();
    let source_deals = export(&home, &from, source).await;
    assert!(
        source_deals.iter().any(|d| d["close_date"].is_null()),
        "the demo data has deals without a close date, for the map's default"
    );

    let mut exporter = home.crm_std();
    exporter
        .env("CRM_VENDOR", source.name())
        .env("CRM_TOKEN", "sandbox-token")
        .env("CRM_BASE_URL", from.url())
        .args(["deals", "export"])
        .stdout(Stdio::piped());
    let mut exporter = exporter.spawn().unwrap();
    let mut importer = home.crm_std();
    importer
        .env("CRM_VENDOR", target.name())
        .env("CRM_TOKEN", "sandbox-token")
        .env("CRM_BASE_URL", to.url())
        .args(["deals", "import", "-", "--map", &map_file])
        .stdin(exporter.stdout.take().unwrap());
    let out = tokio::task::spawn_blocking(move || importer.output().unwrap())
        .await
        .unwrap();
    assert!(exporter.wait().unwrap().success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stderr}{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let report = lines(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(report.len(), source_deals.len());

    let target_deals = export(&home, &to, target).await;
    assert_eq!(target_deals.len(), source_deals.len());
    let mapped = |table: &str, key: &str| -> Option<String> {
        mapping.get(table)?.get(key)?.as_str().map(String::from)
    };
    for result in &report {
        let line = result["line"].as_u64().unwrap() as usize;
        let src = &source_deals[line - 1];
        let dst = target_deals
            .iter()
            .find(|d| d["id"] == result["id"])
            .expect("created");
        let pipeline = src["pipeline"]["name"].as_str().unwrap();
        let stage = src["stage"]["name"].as_str().unwrap();
        let want_stage = mapped("stages", &format!("{pipeline}/{stage}"))
            .or_else(|| mapped("stages", stage))
            .unwrap_or_else(|| stage.to_string());
        let owner = src["owner"]["name"].as_str().unwrap();
        let want_owner = mapped("owners", owner).unwrap_or_else(|| owner.to_string());
        // A field the source lacks takes the map's default, when it has one.
        let want = |field: &str| match (
            &src[field],
            mapping.get("defaults").and_then(|d| d.get(field)),
        ) {
            (serde_json::Value::Null, Some(toml::Value::String(d))) => json!(d),
            (v, _) => v.clone(),
        };
        assert_eq!(dst["name"], want("name"));
        // Exact amounts: the same decimal, whatever trailing zeros a vendor writes.
        let amount = |v: &serde_json::Value| {
            v.as_str()
                .map(|a| a.parse::<rust_decimal::Decimal>().unwrap().normalize())
        };
        // Pipedrive has no empty amount: a deal without one has the value 0.
        let want_amount = match want("amount") {
            serde_json::Value::Null if target == SandboxVendor::Pipedrive => json!("0"),
            a => a,
        };
        assert_eq!(amount(&dst["amount"]), amount(&want_amount), "{src}");
        assert_eq!(dst["currency"], want("currency"));
        assert_eq!(dst["close_date"], want("close_date"));
        assert_eq!(dst["stage"]["name"], want_stage.as_str(), "{src}");
        assert_eq!(dst["owner"]["name"], want_owner.as_str(), "{src}");
        if let Some(p) = mapped("pipelines", pipeline) {
            assert_eq!(dst["pipeline"]["name"], p.as_str());
        }
        for (key, value) in src["custom"].as_object().unwrap() {
            // The map may rename a custom field (a name) or drop it (false).
            let name = match mapping.get("custom").and_then(|c| c.get(key)) {
                Some(toml::Value::String(to)) => to.clone(),
                Some(toml::Value::Boolean(false)) => continue,
                _ => key.clone(),
            };
            if !value.is_null() {
                assert_eq!(&dst["custom"][&name], value, "custom {key} as {name}");
            }
        }
    }
}

const HUBSPOT_TO_HUBSPOT: &str = r#"
[pipelines]
"Renewals" = "Sales Pipeline"
[stages]
"Renewals/Renewal Due" = "Appointment Scheduled"
"Renewals/Contract Sent" = "Contract Sent"
"Renewals/Closed Won" = "Closed Won"
"Renewals/Closed Lost" = "Closed Lost"
"Sales Pipeline/Qualified To Buy" = "Presentation Scheduled"
[owners]
"Ada Lovelace" = "Grace Hopper"
"Alan Turing" = "Katherine Johnson"
[defaults]
close_date = "2027-01-31"
"#;

#[tokio::test]
async fn migration_hubspot_to_hubspot_maps_pipelines_stages_and_owners_by_name() {
    migrate(
        SandboxVendor::Hubspot,
        SandboxVendor::Hubspot,
        HUBSPOT_TO_HUBSPOT,
    )
    .await;
}

/// The mapping of a HubSpot export onto Pipedrive: its custom fields, and a default close date.
pub(crate) const HUBSPOT_TO_PIPEDRIVE: &str = r#"
[custom]
external_id = "External ID"
region = "Region"
[defaults]
close_date = "2027-01-31"
"#;

const PIPEDRIVE_TO_SELL: &str = r#"
[stages]
"Renewals/Renewal Due" = "Appointment Scheduled"
[pipelines]
"Renewals" = "Sales Pipeline"
[owners]
"Ada Lovelace" = "Grace Hopper"
[custom]
"External ID" = "external_id"
"Region" = "region"
[defaults]
close_date = "2027-01-31"
contacts = ["300012"]
"#;

const SELL_TO_HUBSPOT: &str = r#"
tags = false
[defaults]
close_date = "2027-01-31"
"#;

#[tokio::test]
async fn migration_hubspot_to_pipedrive() {
    migrate(
        SandboxVendor::Hubspot,
        SandboxVendor::Pipedrive,
        HUBSPOT_TO_PIPEDRIVE,
    )
    .await;
}

#[tokio::test]
async fn migration_pipedrive_to_sell() {
    migrate(
        SandboxVendor::Pipedrive,
        SandboxVendor::Sell,
        PIPEDRIVE_TO_SELL,
    )
    .await;
}

#[tokio::test]
async fn migration_sell_to_hubspot() {
    migrate(SandboxVendor::Sell, SandboxVendor::Hubspot, SELL_TO_HUBSPOT).await;
}

#[tokio::test]
async fn a_map_that_leaves_a_name_out_rejects_those_records_by_line() {
    let from = sandbox(SandboxVendor::Hubspot, 10, |_| {}).await;
    let to = sandbox(SandboxVendor::Hubspot, 0, |_| {}).await;
    let home = Home::new();
    let exported = export(&home, &from, SandboxVendor::Hubspot).await;
    let text: String = exported
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d["owner"]["name"] = json!("Someone Gone");
            d.to_string() + "\n"
        })
        .collect();
    let file = write(home.path(), "in.ndjson", &text);
    let map = write(home.path(), "map.toml", "[missing]\nowners = \"reject\"\n");
    let out = import(&home, &to, &[&file, "--map", &map]).await;
    out.assert_exit(8);
    let results = lines(&out.stdout);
    assert!(results.iter().all(|r| r["error"]
        .as_str()
        .is_some_and(|e| e.contains("owner \"Someone Gone\" is not in the target"))));
    let map = write(home.path(), "map.toml", "[missing]\nowners = \"drop\"\n");
    let out = import(&home, &to, &[&file, "--map", &map]).await;
    out.assert_exit(0);
    let deals = export(&home, &to, SandboxVendor::Hubspot).await;
    assert_eq!(deals.len(), exported.len());
    assert!(deals.iter().all(|d| d["owner"].is_null()), "owners dropped");
}
