//! `crm deals import` against the built-in sandbox: every record accounted for, nothing twice.

pub(crate) mod migration;
mod pipedrive_lag;
mod record_by_record;
mod resume;
mod sandbox_index;
mod writes;

use std::collections::BTreeMap;
use std::path::Path;

use crm::sandbox::{spawn, RunningSandbox, SandboxVendor, ServeArgs};
use serde_json::{json, Value};

use crate::support::cli::{crm, run, Home, Run, To};

pub(super) async fn sandbox(
    vendor: SandboxVendor,
    deals: usize,
    tweak: impl FnOnce(&mut ServeArgs),
) -> RunningSandbox {
    let mut args = ServeArgs::new(vendor);
    args.deals = deals;
    tweak(&mut args);
    spawn(args).await.expect("sandbox starts")
}

/// `crm` against `vendor`'s sandbox `sb`, for the test to give its arguments.
pub(super) fn against(
    home: &Home,
    sb: &RunningSandbox,
    vendor: SandboxVendor,
) -> assert_cmd::Command {
    crm(home, To::sandbox(vendor.name(), sb.url()), &[]).command()
}

pub(super) async fn import(home: &Home, sb: &RunningSandbox, args: &[&str]) -> Run {
    import_to(home, sb, SandboxVendor::Hubspot, args).await
}

pub(super) async fn import_to(
    home: &Home,
    sb: &RunningSandbox,
    vendor: SandboxVendor,
    args: &[&str],
) -> Run {
    let mut cmd = against(home, sb, vendor);
    cmd.args(["deals", "import"]).args(args);
    run(cmd).await
}

/// Every deal in the sandbox, through `crm deals export`.
pub(super) async fn export(home: &Home, sb: &RunningSandbox, vendor: SandboxVendor) -> Vec<Value> {
    let mut cmd = against(home, sb, vendor);
    // Reads are idempotent: enough retries see them through a sandbox injecting faults.
    cmd.env("CRM_MAX_RETRIES", "30").args(["deals", "export"]);
    let out = run(cmd).await;
    out.assert_exit(0);
    lines(&out.stdout)
}

pub(super) fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// How many deals carry each external id.
pub(super) fn external_ids(deals: &[Value]) -> BTreeMap<String, usize> {
    keyed_ids(deals, "external_id")
}

/// How many deals carry each value of the custom field `key`.
pub(super) fn keyed_ids(deals: &[Value], key: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for d in deals {
        if let Some(id) = d["custom"][key].as_str() {
            *counts.entry(id.to_string()).or_default() += 1;
        }
    }
    counts
}

/// Deal `i` of the series `prefix`: its name (`{prefix} deal {i}`), an amount with cents, its
/// currency, pipeline and stage; a test adds its keys and the rest.
pub(super) fn record(prefix: &str, i: usize) -> Value {
    json!({
        "name": format!("{prefix} deal {i}"),
        "amount": format!("{i}.{:02}", i % 100),
        "currency": "USD",
        "pipeline": "Sales Pipeline",
        "stage": "Contract Sent",
    })
}

/// `n` deals keyed `{prefix}-00001`…, amounts with cents.
pub(super) fn records(n: usize, prefix: &str) -> String {
    (1..=n)
        .map(|i| {
            let mut record = record(prefix, i);
            record["custom"] = json!({"external_id": format!("{prefix}-{i:05}")});
            format!("{record}\n")
        })
        .collect()
}

pub(super) fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write input");
    path.to_str().expect("utf-8 path").to_string()
}
