//! The steps a user takes, written once and run on every vendor's built-in sandbox (DESIGN §7):
//! one table of flows, each a row, each run on all three sandboxes, the way rclone runs one
//! suite over every backend. What a vendor may do comes from its declared capabilities
//! (`Capabilities::of`), never from a skip written here: a step whose operation or filter a
//! vendor lacks must be refused with exit 6 ("not supported"), and its flow ends there.
//! A vendor-specific rule adds a row here rather than a test of its own.
//!
//! A flow that is known to fail on a vendor is listed in [`KNOWN_DEFECTS`] with the issue that
//! fixes it. Such an entry is strict: the flow must still fail there, so fixing the defect fails
//! this test until the entry is removed, and the list can only shrink.

mod reports;

use serde_json::Value;

use crate::support::cli::{crm, Home, Run};
use crm::adapter::{Capabilities, Filter, Op, Support};
use crm::model::Vendor;

/// What a flow needs to know of one vendor's demo data.
struct Case {
    vendor: &'static str,
    profile: &'static str,
    /// A demo deal with a contact and (where the vendor has one) a company.
    deal: &'static str,
    /// A contact and a company the demo deal is not associated with.
    other_contact: &'static str,
    other_company: &'static str,
    /// A custom field with unique values, and a value a demo deal holds.
    key_field: &'static str,
    existing_key: &'static str,
    /// The vendor's own key of the close date, which `--unset` takes beside `close_date`.
    close_date_key: &'static str,
    /// Whether the vendor documents a way to empty the close date.
    close_date_clearable: bool,
}

const CASES: &[Case] = &[
    Case {
        vendor: "hubspot",
        profile: "sandbox",
        deal: "9000001",
        other_contact: "5101",
        other_company: "3101",
        key_field: "external_id",
        existing_key: "EXT-00002",
        // HubSpot's delete moves a deal to the recycling bin (seed 000): `--archived` lists it.
        close_date_key: "closedate",
        close_date_clearable: true,
    },
    Case {
        vendor: "pipedrive",
        profile: "sandbox-pipedrive",
        deal: "1",
        other_contact: "1",
        other_company: "1",
        key_field: "External ID",
        existing_key: "EXT-00002",
        // Pipedrive marks a deleted deal `status: deleted` for 30 days (seed 003).
        close_date_key: "expected_close_date",
        // Pipedrive's v2 PATCH schema types expected_close_date non-nullable and documents
        // null only for custom fields (seed 002): crm refuses to empty it (exit 6).
        close_date_clearable: false,
    },
    Case {
        vendor: "sell",
        profile: "sandbox-sell",
        deal: "5000001",
        other_contact: "300001",
        // Sell takes the company from the primary contact (seed 004): no company association,
        // so its capabilities do not list it.
        other_company: "1",
        key_field: "external_id",
        existing_key: "EXT-00002",
        // Sell's delete "cannot be undone" (seed 004): nothing to list afterwards.
        close_date_key: "estimated_close_date",
        close_date_clearable: true,
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
        "list --contact finds the deal with the contacts and company get shows",
        |c| Box::pin(filtered_list_shows_the_deal_as_get_does(c)),
    ),
    (
        "a stage two pipelines have is ambiguous; Pipeline/Stage says which",
        |c| Box::pin(ambiguous_stage_then_pipeline_slash_stage(c)),
    ),
    (
        "--fields custom.NAME in another case shows the field",
        |c| Box::pin(fields_ignore_case(c)),
    ),
    ("an unknown --fields name exits 2", |c| {
        Box::pin(unknown_fields_exit_2(c))
    }),
    (
        "--sort amount:desc --all lists by amount, highest first",
        |c| Box::pin(sort_by_amount(c)),
    ),
    ("create and update print what get shows", |c| {
        Box::pin(writes_print_what_get_shows(c))
    }),
    (
        "unset close_date by its common name and by the vendor's key",
        |c| Box::pin(unset_by_common_name_and_vendor_key(c)),
    ),
    (
        "delete -o json prints what it deleted; the trash keeps it with its time",
        |c| Box::pin(delete_prints_what_it_deleted(c)),
    ),
    (
        "create --from and import with {\"name\": …} references, then get shows them",
        |c| Box::pin(references_by_name_object(c)),
    ),
    (
        "summary by each grouping agrees with the listed deals, by every source",
        |c| Box::pin(reports::summary_agrees_with_the_list(c)),
    ),
    ("0.10 and 0.20 add exactly 0.3 to a summary", |c| {
        Box::pin(reports::cents_add_up_exactly(c))
    }),
    (
        "timeline by month agrees with the listed open and won deals",
        |c| Box::pin(reports::timeline_agrees_with_the_list(c)),
    ),
    ("update, then history shows the update", |c| {
        Box::pin(reports::update_then_history_shows_it(c))
    }),
];

/// (flow, vendor, the issue that fixes it): flows that fail today. Strict: see the module doc.
const KNOWN_DEFECTS: &[(&str, &str, &str)] = &[];

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

fn capabilities(case: &Case) -> &'static Capabilities {
    let vendor: Vendor = case.vendor.parse().expect("a vendor");
    Capabilities::of(vendor)
}

/// `crm ARGS` for a step that needs `op`: its output where the vendor declares `op`; where it
/// does not, the command must be refused with exit 6, and there is no output to go on with.
async fn step(home: &Home, case: &Case, op: Op, args: &[&str]) -> Result<Option<Run>, String> {
    let out = crm(home, case.profile, args).await;
    if capabilities(case).supports(op) {
        return Ok(Some(out));
    }
    match out.code {
        6 => Ok(None),
        code => Err(format!(
            "`{}` exited {code}, not 6, where the vendor declares no `{}`",
            args.join(" "),
            op.describe()
        )),
    }
}

/// The flags that list deleted deals, from the vendor's declared filters: `--status deleted`
/// where a deleted deal keeps a status, else `--archived` (a recycling bin), else none.
fn list_deleted(case: &Case) -> Option<Vec<&'static str>> {
    let caps = capabilities(case);
    [Filter::Deleted, Filter::Archived]
        .into_iter()
        .find(|f| caps.filter(*f) != Support::No)
        .map(|f| f.flag().split(' ').collect())
}

async fn get(home: &Home, case: &Case, id: &str) -> Result<Value, String> {
    let out = crm(home, case.profile, &format!("deals get {id} -o json")).await;
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
        case.profile,
        &["deals", "get", case.deal, "-o", "json"],
    )
    .await;
    ok("deals get", &out)?;
    let mut source: Value = json("deals get", &out)?;
    // A copy cannot share a value that is unique per deal (HubSpot refuses it: `hasUniqueValue`):
    // the user gives the copy its own, as anyone copying a keyed record must.
    if source["custom"].get(case.key_field).is_some() {
        source["custom"][case.key_field] = Value::from("FLOW-COPY-1");
    }
    let created = crm(&home, case.profile, "deals create --from - -o json")
        .stdin(source.to_string())
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
    let export = crm(&home, case.profile, "deals export -o ndjson").await;
    ok("deals export", &export)?;
    let lines = export.stdout.lines().count();
    if lines == 0 {
        return Err("export printed no deals".into());
    }
    let plan = crm(&home, case.profile, "deals import - --plan")
        .stdin(export.stdout)
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
    let args = [
        "deals",
        "associate",
        case.deal,
        "--contact",
        case.other_contact,
    ];
    let Some(out) = step(&home, case, Op::AssociateContact, &args).await? else {
        return Ok(());
    };
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
    let company = case.other_company;
    let args = [
        "deals",
        "associate",
        case.deal,
        "--company",
        company,
        "--replace",
    ];
    let Some(out) = step(&home, case, Op::AssociateCompany, &args).await? else {
        return Ok(());
    };
    ok("deals associate --company --replace", &out)?;
    let deal = get(&home, case, case.deal).await?;
    if deal["company"] == company {
        Ok(())
    } else {
        Err(format!("company is {} after associate", deal["company"]))
    }
}

/// The upserted deal as `get` reads it, or None where the vendor declares no upsert.
async fn upsert_with_contact(case: &Case, home: &Home, key: &str) -> Result<Option<Value>, String> {
    let matcher = format!("{}={key}", case.key_field);
    let Some(out) = step(
        home,
        case,
        Op::Upsert,
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
    )
    .await?
    else {
        return Ok(None);
    };
    let deal = json("deals upsert --contact", &out)?;
    let id = deal["id"].as_str().ok_or("upsert printed no id")?;
    let read = get(home, case, id).await?;
    if contacts(&read).iter().any(|c| c == case.other_contact) {
        Ok(Some(read))
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
    let Some(deal) = upsert_with_contact(case, &home, case.existing_key).await? else {
        return Ok(());
    };
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
    let args = ["deals", "delete", case.deal, "--yes"];
    let Some(out) = step(&home, case, Op::Delete, &args).await? else {
        return Ok(());
    };
    ok("deals delete --yes", &out)?;
    let out = crm(
        &home,
        case.profile,
        &["deals", "get", case.deal, "-o", "json"],
    )
    .await;
    if out.code != 3 {
        return Err(format!("get of a deleted deal exited {}, not 3", out.code));
    }
    let Some(filter) = list_deleted(case) else {
        // Nothing lists a deleted deal there: asking for them is refused.
        let out = crm(&home, case.profile, "deals list --status deleted").await;
        return match out.code {
            6 => Ok(()),
            code => Err(format!("deals list --status deleted exited {code}, not 6")),
        };
    };
    let mut args = vec!["deals", "list", "--all", "-o", "json"];
    args.extend(filter);
    let listed = json(
        "deals list (deleted)",
        &crm(&home, case.profile, &args).await,
    )?;
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
    let out = crm(
        &home,
        case.profile,
        &["deals", "get", case.deal, "--archived", "-o", "json"],
    )
    .await;
    let kept = json("deals get --archived", &out)?;
    if kept["deleted"] != true {
        return Err(format!("get --archived without \"deleted\": true: {kept}"));
    }
    Ok(())
}

async fn filtered_list_shows_the_deal_as_get_does(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let deal = get(&home, case, case.deal).await?;
    let contact = contacts(&deal)
        .into_iter()
        .next()
        .ok_or("the demo deal has no contact")?;
    let out = crm(
        &home,
        case.profile,
        &[
            "deals",
            "list",
            "--contact",
            &contact,
            "--all",
            "-o",
            "json",
        ],
    )
    .await;
    let listed = json(&format!("deals list --contact {contact}"), &out)?;
    let found = listed
        .as_array()
        .and_then(|a| a.iter().find(|d| d["id"] == case.deal))
        .ok_or_else(|| format!("list --contact {contact} did not find deal {}", case.deal))?;
    same("company", &deal, found)?;
    if !contacts(found).contains(&contact) {
        return Err(format!("listed with contacts {}", found["contacts"]));
    }
    Ok(())
}

async fn ambiguous_stage_then_pipeline_slash_stage(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    // Every demo account has a "Contract Sent" stage in both of its pipelines.
    let mut args = vec!["deals", "create", "--name", "Flow stage", "--stage"];
    let with_contact = |mut a: Vec<&'static str>| {
        // Sell cannot create a deal without its primary contact (seed 004).
        a.extend(["--contact", case.other_contact, "-o", "json"]);
        a
    };
    args.push("Contract Sent");
    let out = crm(&home, case.profile, &with_contact(args)).await;
    if out.code != 2 {
        return Err(format!(
            "create --stage \"Contract Sent\" exited {}, not 2: {}",
            out.code,
            out.stderr.trim()
        ));
    }
    for listed in ["Sales Pipeline/Contract Sent", "Renewals/Contract Sent"] {
        if !out.stderr.contains(listed) {
            return Err(format!(
                "the candidates do not list {listed}: {}",
                out.stderr
            ));
        }
    }
    let args = vec![
        "deals",
        "create",
        "--name",
        "Flow stage",
        "--stage",
        "Renewals/Contract Sent",
    ];
    let created = json(
        "deals create --stage Renewals/Contract Sent",
        &crm(&home, case.profile, &with_contact(args)).await,
    )?;
    let id = created["id"].as_str().ok_or("create printed no id")?;
    let deal = get(&home, case, id).await?;
    if deal["pipeline"]["name"] != "Renewals" || deal["stage"]["name"] != "Contract Sent" {
        return Err(format!(
            "created in {} / {}",
            deal["pipeline"], deal["stage"]
        ));
    }
    let args = vec![
        "deals",
        "create",
        "--name",
        "Flow stage",
        "--pipeline",
        "Renewals",
        "--stage",
        "Contract Sent",
    ];
    ok(
        "deals create --pipeline Renewals --stage \"Contract Sent\"",
        &crm(&home, case.profile, &with_contact(args)).await,
    )
}

/// One rule for field names everywhere: case-insensitive when unique (here the key field,
/// upper-cased), the output under the field's own name.
async fn fields_ignore_case(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let full = get(&home, case, case.deal).await?;
    let value = full["custom"][case.key_field].clone();
    if value.is_null() {
        return Err(format!("the demo deal has no {:?}: {full}", case.key_field));
    }
    let shouted = format!("custom.{}", case.key_field.to_uppercase());
    let out = crm(
        &home,
        case.profile,
        &[
            "deals", "get", case.deal, "--fields", &shouted, "-o", "json",
        ],
    )
    .await;
    let picked = json(&format!("deals get --fields {shouted}"), &out)?;
    let want = serde_json::json!({ "custom": { case.key_field: value } });
    if picked == want {
        Ok(())
    } else {
        Err(format!("--fields {shouted} printed {picked}, not {want}"))
    }
}

/// An unknown `--fields` name, common or custom, is a usage error (exit 2), never an empty column.
async fn unknown_fields_exit_2(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    for field in ["custom.no_such_field", "nmae"] {
        let out = crm(
            &home,
            case.profile,
            &["deals", "list", "--fields", field, "-o", "csv"],
        )
        .await;
        if out.code != 2 {
            return Err(format!(
                "--fields {field} exited {}: {}",
                out.code,
                out.stdout.lines().next().unwrap_or_default()
            ));
        }
    }
    Ok(())
}

/// `--sort` takes the same fields on every vendor: sorted by the vendor where its API can, by crm
/// on a whole list (`--all`) where it cannot; a page of such a sort is refused (exit 6) before any
/// request, as the capability table says.
async fn sort_by_amount(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let args = ["deals", "list", "--sort", "amount:desc", "-o", "json"];
    let out = crm(&home, case.profile, &[&args[..], &["--all"]].concat()).await;
    let listed = json("deals list --sort amount:desc --all", &out)?;
    let amounts: Vec<Option<rust_decimal::Decimal>> = listed
        .as_array()
        .ok_or("not a list")?
        .iter()
        .map(|d| d["amount"].as_str().and_then(|a| a.parse().ok()))
        .collect();
    if amounts.len() < 2 {
        return Err(format!("{} deals listed", amounts.len()));
    }
    // Deals without an amount come together, first or last as the vendor orders them.
    let known: Vec<_> = amounts.iter().flatten().collect();
    let nulls_together = amounts
        .iter()
        .skip_while(|a| a.is_none())
        .skip_while(|a| a.is_some())
        .all(Option::is_none);
    if !nulls_together || !known.windows(2).all(|w| w[0] >= w[1]) {
        return Err(format!("not by amount, highest first: {amounts:?}"));
    }
    let page = crm(
        &home,
        case.profile,
        &[&args[..], &["--limit", "5"]].concat(),
    )
    .await;
    match (capabilities(case).sort_support("amount"), page.code) {
        (Support::Native, 0) | (Support::ClientSide, 6) => Ok(()),
        (support, code) => Err(format!(
            "--sort amount:desc --limit 5 exited {code} where the vendor's support is {support:?}"
        )),
    }
}

async fn writes_print_what_get_shows(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let source = get(&home, case, case.deal).await?;
    let contact = contacts(&source)
        .first()
        .cloned()
        .ok_or("the demo deal has no contact")?;
    let out = crm(
        &home,
        case.profile,
        &[
            "deals",
            "create",
            "--name",
            "Shape",
            "--amount",
            "1253.00",
            "--currency",
            "USD",
            "--pipeline",
            "Sales Pipeline",
            "--stage",
            "Contract Sent",
            "--owner",
            "Ada Lovelace",
            "--contact",
            &contact,
            "-o",
            "json",
        ],
    )
    .await;
    let created = json("deals create", &out)?;
    let id = created["id"].as_str().ok_or("create printed no id")?;
    let read = get(&home, case, id).await?;
    if created != read {
        return Err(format!("create printed {created}\nget shows {read}"));
    }
    if created["amount"] != "1253" || created["probability"] != "90" {
        return Err(format!(
            "amount {} and probability {}: expected \"1253\" and the stage's \"90\"",
            created["amount"], created["probability"]
        ));
    }
    let out = crm(
        &home,
        case.profile,
        &format!("deals update {id} --amount 99.50 -o json"),
    )
    .await;
    let updated = json("deals update", &out)?;
    let read = get(&home, case, id).await?;
    if updated != read {
        return Err(format!("update printed {updated}\nget shows {read}"));
    }
    if updated["amount"] != "99.5" {
        return Err(format!("amount {} is not \"99.5\"", updated["amount"]));
    }
    Ok(())
}

async fn unset_by_common_name_and_vendor_key(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    for key in ["close_date", case.close_date_key] {
        let out = crm(
            &home,
            case.profile,
            &["deals", "update", case.deal, "--close-date", "2026-03-01"],
        )
        .await;
        ok("deals update --close-date", &out)?;
        let out = crm(
            &home,
            case.profile,
            &["deals", "update", case.deal, "--unset", key, "-o", "json"],
        )
        .await;
        if !case.close_date_clearable {
            if out.code != 6 {
                return Err(format!("--unset {key} exited {}, not 6", out.code));
            }
            continue;
        }
        let updated = json(&format!("deals update --unset {key}"), &out)?;
        if !updated["close_date"].is_null() {
            return Err(format!(
                "--unset {key} left close_date {}",
                updated["close_date"]
            ));
        }
    }
    Ok(())
}

async fn delete_prints_what_it_deleted(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let deal = get(&home, case, case.deal).await?;
    let args = ["deals", "delete", case.deal, "--yes", "-o", "json"];
    let Some(out) = step(&home, case, Op::Delete, &args).await? else {
        return Ok(());
    };
    let printed = json("deals delete --yes -o json", &out)?;
    let expected = serde_json::json!([{"id": case.deal, "name": deal["name"], "deleted": true}]);
    if printed != expected {
        return Err(format!("delete printed {printed}, not {expected}"));
    }
    let trash = std::fs::read_to_string(home.data_dir().join("trash.ndjson"))
        .map_err(|e| format!("no trash file: {e}"))?;
    let line: Value = serde_json::from_str(trash.lines().last().unwrap_or_default())
        .map_err(|e| format!("trash line: {e}"))?;
    let at = line["deleted_at"].as_str().unwrap_or_default();
    // RFC 3339 in UTC with Z, whole seconds: crm's own time, as every other time is written.
    let canonical =
        at.len() == 20 && at.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(at).is_ok();
    if !canonical {
        return Err(format!(
            "deleted_at {at:?} is not like 2026-01-02T03:04:05Z"
        ));
    }
    if line["deal"] != deal {
        return Err(format!(
            "the trash keeps {}, get showed {deal}",
            line["deal"]
        ));
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
    let out = crm(&home, case.profile, "deals create --from - -o json")
        .stdin(record("Named refs", "Closed Won"))
        .await;
    let created = json("deals create --from -", &out)?;
    let id = created["id"].as_str().ok_or("create printed no id")?;
    check(&get(&home, case, id).await?)?;

    let out = crm(&home, case.profile, "deals import -")
        .stdin(record("Named refs import", "Closed Won"))
        .await;
    ok("deals import -", &out)?;
    let result: Value = serde_json::from_str(out.stdout.trim()).map_err(|e| e.to_string())?;
    let id = result["id"].as_str().ok_or("import reported no id")?;
    check(&get(&home, case, id).await?)?;

    let out = crm(&home, case.profile, "deals import - --plan")
        .stdin(record("Nope", "Nope"))
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
