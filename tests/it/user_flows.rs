//! The steps a user takes, written once and run on every vendor's built-in sandbox (DESIGN §7):
//! one table of flows, each a row, each run on the three sandboxes a vendor's capabilities allow.
//! A vendor-specific rule adds a row here rather than a test of its own.
//!
//! A flow that is known to fail on a vendor is listed in [`KNOWN_DEFECTS`] with the issue that
//! fixes it. Such an entry is strict: the flow must still fail there, so fixing the defect fails
//! this test until the entry is removed, and the list can only shrink.

use serde_json::Value;

use crate::support::cli::{run, Home, Run};

/// What a flow needs to know of one vendor's demo data.
struct Case {
    vendor: &'static str,
    profile: &'static str,
    /// A demo deal with a contact and (where the vendor has one) a company.
    deal: &'static str,
    /// A contact and a company the demo deal is not associated with.
    other_contact: &'static str,
    other_company: Option<&'static str>,
    /// A custom field with unique values, and a value a demo deal holds.
    key_field: &'static str,
    existing_key: &'static str,
    /// How a deleted deal can still be listed, if the vendor keeps it.
    list_deleted: Option<&'static [&'static str]>,
}

const CASES: &[Case] = &[
    Case {
        vendor: "hubspot",
        profile: "sandbox",
        deal: "9000001",
        other_contact: "5101",
        other_company: Some("3101"),
        key_field: "external_id",
        existing_key: "EXT-00002",
        // HubSpot's delete moves a deal to the recycling bin (seed 000).
        list_deleted: Some(&["--archived"]),
    },
    Case {
        vendor: "pipedrive",
        profile: "sandbox-pipedrive",
        deal: "1",
        other_contact: "1",
        other_company: Some("1"),
        key_field: "External ID",
        existing_key: "EXT-00002",
        // Pipedrive marks a deleted deal `status: deleted` for 30 days (seed 003).
        list_deleted: Some(&["--status", "deleted"]),
    },
    Case {
        vendor: "sell",
        profile: "sandbox-sell",
        deal: "5000001",
        other_contact: "300001",
        // Sell takes the company from the primary contact (seed 004): no company association.
        other_company: None,
        key_field: "external_id",
        existing_key: "EXT-00002",
        // Sell's delete "cannot be undone" (seed 004): nothing to list afterwards.
        list_deleted: None,
    },
];

type Flow = fn(&'static Case) -> futures::future::BoxFuture<'static, Result<(), String>>;

/// The table: each row a flow, run on every vendor.
const FLOWS: &[(&str, Flow)] = &[
    ("get, then create --from its output", |c| {
        Box::pin(get_then_create_from_output(c))
    }),
    ("export, then import --plan says unchanged", |c| {
        Box::pin(export_then_plan_is_unchanged(c))
    }),
    ("associate a contact, then get shows it", |c| {
        Box::pin(associate_contact_then_get(c))
    }),
    ("associate a company, then get shows it", |c| {
        Box::pin(associate_company_then_get(c))
    }),
    ("upsert a new key with a contact, then get shows it", |c| {
        Box::pin(upsert_new_with_contact_then_get(c))
    }),
    (
        "upsert an existing key with a contact, then get shows it",
        |c| Box::pin(upsert_existing_with_contact_then_get(c)),
    ),
    (
        "delete, then get exits 3 and the deal is listed deleted",
        |c| Box::pin(delete_then_get_is_not_found(c)),
    ),
    (
        "create --from and import with {\"name\": …} references, then get shows them",
        |c| Box::pin(references_by_name_object(c)),
    ),
];

/// (flow, vendor, the issue that fixes it): flows that fail today. Strict: see the module doc.
const KNOWN_DEFECTS: &[(&str, &str, &str)] = &[
    ("get, then create --from its output", "hubspot", "issue 12"),
    (
        "associate a company, then get shows it",
        "hubspot",
        "issue 12",
    ),
    (
        "upsert a new key with a contact, then get shows it",
        "hubspot",
        "issue 12",
    ),
    (
        "upsert an existing key with a contact, then get shows it",
        "hubspot",
        "issue 12",
    ),
    (
        "upsert an existing key with a contact, then get shows it",
        "pipedrive",
        "issue 13",
    ),
    (
        "delete, then get exits 3 and the deal is listed deleted",
        "hubspot",
        "issue 13",
    ),
    (
        "delete, then get exits 3 and the deal is listed deleted",
        "pipedrive",
        "issue 13",
    ),
];

#[tokio::test]
async fn every_flow_on_every_vendor() {
    let mut report = Vec::new();
    for (name, flow) in FLOWS {
        for case in CASES {
            let known = KNOWN_DEFECTS
                .iter()
                .find(|(f, v, _)| f == name && *v == case.vendor)
                .map(|(_, _, issue)| *issue);
            match (flow(case).await, known) {
                (Ok(()), None) => {}
                (Err(why), Some(issue)) => {
                    eprintln!("known defect ({issue}): {name} on {}: {why}", case.vendor)
                }
                (Err(why), None) => report.push(format!("{name} on {}: {why}", case.vendor)),
                (Ok(()), Some(issue)) => report.push(format!(
                    "{name} on {} now works: remove its KNOWN_DEFECTS entry ({issue})",
                    case.vendor
                )),
            }
        }
    }
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}

/// `crm --profile <sandbox> ARGS`, in a fresh home per flow.
async fn crm(home: &Home, case: &Case, args: &[&str], stdin: Option<String>) -> Run {
    let mut cmd = home.crm();
    cmd.args(["--profile", case.profile]).args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    run(cmd).await
}

fn ok(step: &str, out: &Run) -> Result<(), String> {
    if out.code == 0 {
        Ok(())
    } else {
        Err(format!(
            "`{step}` exited {}: {}",
            out.code,
            out.stderr.trim()
        ))
    }
}

fn json(step: &str, out: &Run) -> Result<Value, String> {
    ok(step, out)?;
    serde_json::from_str(&out.stdout).map_err(|e| format!("`{step}` printed no JSON ({e})"))
}

async fn get(home: &Home, case: &Case, id: &str) -> Result<Value, String> {
    let out = crm(home, case, &["deals", "get", id, "-o", "json"], None).await;
    json(&format!("deals get {id}"), &out)
}

fn contacts(deal: &Value) -> Vec<String> {
    deal["contacts"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn same(field: &str, a: &Value, b: &Value) -> Result<(), String> {
    if a[field] == b[field] {
        Ok(())
    } else {
        Err(format!("{field}: {} became {}", a[field], b[field]))
    }
}

async fn get_then_create_from_output(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let out = crm(
        &home,
        case,
        &["deals", "get", case.deal, "-o", "json"],
        None,
    )
    .await;
    ok("deals get", &out)?;
    let source: Value = json("deals get", &out)?;
    let created = crm(
        &home,
        case,
        &["deals", "create", "--from", "-", "-o", "json"],
        Some(out.stdout.clone()),
    )
    .await;
    let created = json("deals create --from -", &created)?;
    let id = created["id"].as_str().ok_or("create printed no id")?;
    if id == case.deal {
        return Err("create --from reused the source's id".into());
    }
    let copy = get(&home, case, id).await?;
    for field in [
        "name",
        "amount",
        "currency",
        "pipeline",
        "stage",
        "owner",
        "close_date",
        "custom",
    ] {
        same(field, &source, &copy)?;
    }
    Ok(())
}

async fn export_then_plan_is_unchanged(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let export = crm(&home, case, &["deals", "export", "-o", "ndjson"], None).await;
    ok("deals export", &export)?;
    let lines = export.stdout.lines().count();
    if lines == 0 {
        return Err("export printed no deals".into());
    }
    let plan = crm(
        &home,
        case,
        &["deals", "import", "-", "--plan"],
        Some(export.stdout),
    )
    .await;
    ok("deals import --plan", &plan)?;
    let actions: Vec<Value> = plan
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).map_err(|e| format!("plan line {l:?}: {e}")))
        .collect::<Result<_, _>>()?;
    if actions.len() != lines {
        return Err(format!("{lines} deals exported, {} planned", actions.len()));
    }
    match actions.iter().find(|a| a["action"] != "unchanged") {
        Some(a) => Err(format!("plan is not unchanged: {a}")),
        None => Ok(()),
    }
}

async fn associate_contact_then_get(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let out = crm(
        &home,
        case,
        &[
            "deals",
            "associate",
            case.deal,
            "--contact",
            case.other_contact,
        ],
        None,
    )
    .await;
    ok("deals associate --contact", &out)?;
    let deal = get(&home, case, case.deal).await?;
    if contacts(&deal).iter().any(|c| c == case.other_contact) {
        Ok(())
    } else {
        Err(format!("contacts are {} after associate", deal["contacts"]))
    }
}

async fn associate_company_then_get(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let Some(company) = case.other_company else {
        // The vendor declares no company association: the command says so with exit 6.
        let out = crm(
            &home,
            case,
            &["deals", "associate", case.deal, "--company", "1"],
            None,
        )
        .await;
        return match out.code {
            6 => Ok(()),
            code => Err(format!("associate --company exited {code}, not 6")),
        };
    };
    let out = crm(
        &home,
        case,
        &[
            "deals",
            "associate",
            case.deal,
            "--company",
            company,
            "--replace",
        ],
        None,
    )
    .await;
    ok("deals associate --company --replace", &out)?;
    let deal = get(&home, case, case.deal).await?;
    if deal["company"] == company {
        Ok(())
    } else {
        Err(format!("company is {} after associate", deal["company"]))
    }
}

async fn upsert_with_contact(case: &Case, home: &Home, key: &str) -> Result<Value, String> {
    let matcher = format!("{}={key}", case.key_field);
    let out = crm(
        home,
        case,
        &[
            "deals",
            "upsert",
            "--match",
            &matcher,
            "--name",
            "Flow upsert",
            "--contact",
            case.other_contact,
            "-o",
            "json",
        ],
        None,
    )
    .await;
    let deal = json("deals upsert --contact", &out)?;
    let id = deal["id"].as_str().ok_or("upsert printed no id")?;
    let read = get(home, case, id).await?;
    if contacts(&read).iter().any(|c| c == case.other_contact) {
        Ok(read)
    } else {
        Err(format!("contacts are {} after upsert", read["contacts"]))
    }
}

async fn upsert_new_with_contact_then_get(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    upsert_with_contact(case, &home, "FLOW-NEW-1")
        .await
        .map(drop)
}

async fn upsert_existing_with_contact_then_get(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let deal = upsert_with_contact(case, &home, case.existing_key).await?;
    if deal["name"] == "Flow upsert" {
        Ok(())
    } else {
        Err(format!(
            "the existing deal was not updated: {}",
            deal["name"]
        ))
    }
}

async fn delete_then_get_is_not_found(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let out = crm(&home, case, &["deals", "delete", case.deal, "--yes"], None).await;
    ok("deals delete --yes", &out)?;
    let out = crm(
        &home,
        case,
        &["deals", "get", case.deal, "-o", "json"],
        None,
    )
    .await;
    if out.code != 3 {
        return Err(format!("get of a deleted deal exited {}, not 3", out.code));
    }
    let Some(filter) = case.list_deleted else {
        return Ok(());
    };
    let mut args = vec!["deals", "list", "--all", "-o", "json"];
    args.extend_from_slice(filter);
    let listed = json("deals list (deleted)", &crm(&home, case, &args, None).await)?;
    let deal = listed
        .as_array()
        .and_then(|a| a.iter().find(|d| d["id"] == case.deal))
        .ok_or("the deleted deal is not listed")?;
    if deal["deleted"] != true {
        return Err(format!("listed without \"deleted\": true: {deal}"));
    }
    if deal["status"] == "deleted" {
        return Err("a deleted deal lost its real status".into());
    }
    Ok(())
}

/// Issue 15: `"stage": {"name": "Closed Won"}` (the output's shape, without the id) was dropped:
/// the deal went to the first stage with no owner, and `--plan` said `create` for a stage that
/// does not exist.
async fn references_by_name_object(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let record = |name: &str, stage: &str| {
        serde_json::json!({
            "name": name,
            "pipeline": {"name": "Sales Pipeline"},
            "stage": {"name": stage},
            "owner": {"name": "Alan Turing"},
            "contacts": [case.other_contact],
        })
        .to_string()
    };
    let check = |deal: &Value| -> Result<(), String> {
        if deal["stage"]["name"] != "Closed Won"
            || deal["pipeline"]["name"] != "Sales Pipeline"
            || deal["owner"]["name"] != "Alan Turing"
        {
            return Err(format!(
                "stage {}, pipeline {}, owner {}",
                deal["stage"], deal["pipeline"], deal["owner"]
            ));
        }
        Ok(())
    };
    let out = crm(
        &home,
        case,
        &["deals", "create", "--from", "-", "-o", "json"],
        Some(record("Named refs", "Closed Won")),
    )
    .await;
    let created = json("deals create --from -", &out)?;
    let id = created["id"].as_str().ok_or("create printed no id")?;
    check(&get(&home, case, id).await?)?;

    let out = crm(
        &home,
        case,
        &["deals", "import", "-"],
        Some(record("Named refs import", "Closed Won")),
    )
    .await;
    ok("deals import -", &out)?;
    let result: Value = serde_json::from_str(out.stdout.trim()).map_err(|e| e.to_string())?;
    let id = result["id"].as_str().ok_or("import reported no id")?;
    check(&get(&home, case, id).await?)?;

    let out = crm(
        &home,
        case,
        &["deals", "import", "-", "--plan"],
        Some(record("Nope", "Nope")),
    )
    .await;
    let planned: Value = serde_json::from_str(out.stdout.trim()).unwrap_or(Value::Null);
    if out.code != 8 || planned["action"] != "failed" {
        return Err(format!(
            "--plan of a stage named \"Nope\" exited {}: {}",
            out.code,
            out.stdout.trim()
        ));
    }
    Ok(())
}
