//! HubSpot as a real portal behaves (issue 12), through the real binary against the HubSpot
//! sandbox, which answers as HubSpot documents: no silent drops, the same deal on every path,
//! tokens with narrow scopes. Each test names the item it holds.

use crm::sandbox::{spawn, RunningSandbox, SandboxVendor, ServeArgs};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::cli::{crm, Home, To};
use crate::support::hubspot::{self, account_details};
use crate::support::mock::Answers;

const TOKEN: &str = "pat-na1-portal-0000";

async fn sandbox(tweak: impl FnOnce(&mut ServeArgs)) -> RunningSandbox {
    let mut args = ServeArgs::new(SandboxVendor::Hubspot);
    tweak(&mut args);
    spawn(args).await.expect("sandbox starts")
}

/// The sandbox's HubSpot account, through the environment.
fn on(sb: &RunningSandbox) -> To<'static> {
    To::Env {
        vendor: "hubspot",
        base_url: sb.url(),
        token: TOKEN,
    }
}

async fn get(home: &Home, sb: &RunningSandbox, id: &str) -> Value {
    let out = crm(home, on(sb), &format!("deals get {id} -o json")).await;
    assert_eq!(out.code, 0, "get {id}: {}", out.stderr);
    out.json()
}

async fn list(home: &Home, sb: &RunningSandbox, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["deals", "list", "--all", "-o", "json"];
    all.extend_from_slice(args);
    let out = crm(home, on(sb), &all).await;
    assert_eq!(out.code, 0, "list {args:?}: {}", out.stderr);
    out.json().as_array().unwrap().clone()
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn file(home: &Home, name: &str, text: &str) -> String {
    let p = home.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

/// Item 1: output-only fields and an empty `tags` are ignored on input: a deal's own JSON, and a
/// HubSpot line of `trash.ndjson`, create a deal again.
#[tokio::test]
async fn a_deal_s_own_json_and_its_trash_line_create_it_again() {
    let sb = sandbox(|_| {}).await;
    let home = Home::new();
    let mut source = get(&home, &sb, "9000002").await;
    assert_eq!(source["tags"], json!([]));
    // A copy gets its own unique key (HubSpot refuses a taken one: `hasUniqueValue`).
    source["custom"]["external_id"] = json!("COPY-1");
    let out = crm(&home, on(&sb), "deals create --from - -o json")
        .stdin(source.to_string())
        .await;
    out.assert_exit(0);
    let copy = get(&home, &sb, out.json()["id"].as_str().unwrap()).await;
    for field in [
        "name",
        "amount",
        "pipeline",
        "stage",
        "owner",
        "close_date",
        "contacts",
        "company",
    ] {
        assert_eq!(copy[field], source[field], "{field}");
    }

    let out = crm(&home, on(&sb), "deals delete 9000003 --yes").await;
    out.assert_exit(0);
    let trash = std::fs::read_to_string(home.data_dir().join("trash.ndjson")).unwrap();
    let line: Value = serde_json::from_str(trash.lines().last().unwrap()).unwrap();
    let out = crm(&home, on(&sb), "deals create --from - -o json")
        .stdin(line["deal"].to_string())
        .await;
    out.assert_exit(0);
    assert_eq!(out.json()["name"], line["deal"]["name"]);
}

/// Item 1: a non-empty `tags` is refused before anything is sent (exit 6, the records named, no
/// deal created); one record of one that fails has its own exit code, not 8 ("partial").
#[tokio::test]
async fn tags_are_refused_before_anything_is_sent_and_one_failed_record_is_not_partial() {
    let sb = sandbox(|_| {}).await;
    let home = Home::new();
    let before = list(&home, &sb, &[]).await.len();
    let records = format!(
        "{}\n{}\n",
        json!({"name": "No tags", "stage": "contractsent"}),
        json!({"name": "Tagged", "stage": "contractsent", "tags": ["vip"]}),
    );
    let out = crm(&home, on(&sb), "deals create --from -")
        .stdin(records)
        .await;
    out.assert_exit(6);
    out.assert_says("tags");
    out.assert_says("records 2");
    assert_eq!(
        list(&home, &sb, &[]).await.len(),
        before,
        "nothing was created"
    );

    let one = json!({"name": "Lost stage", "stage": "Nowhere"}).to_string();
    let out = crm(&home, on(&sb), "deals create --from -")
        .stdin(one)
        .await;
    out.assert_exit(3);
    out.assert_says("no stage named");
}

/// Item 2: a filtered list (search) shows each deal's contacts and company as `get` does, and
/// `--contact` / `--company` find the deals associated with them.
#[tokio::test]
async fn filtered_lists_show_the_same_deal_as_get_and_find_by_contact_and_company() {
    let sb = sandbox(|_| {}).await;
    let home = Home::new();
    let deal = get(&home, &sb, "9000001").await;
    let contact = deal["contacts"][0].as_str().unwrap().to_string();
    let company = deal["company"].as_str().unwrap().to_string();
    for filter in [
        vec!["--contact", contact.as_str()],
        vec!["--company", company.as_str()],
        vec!["--stage", deal["stage"]["id"].as_str().unwrap()],
        vec!["--ids", "9000001"],
        vec!["--sort", "amount:desc"],
    ] {
        let found = list(&home, &sb, &filter).await;
        let listed = found
            .iter()
            .find(|d| d["id"] == "9000001")
            .unwrap_or_else(|| panic!("{filter:?} did not find 9000001"));
        assert_eq!(listed["company"], deal["company"], "{filter:?}");
        assert_eq!(listed["contacts"], deal["contacts"], "{filter:?}");
    }
    let out = crm(
        &home,
        on(&sb),
        &["deals", "export", "--company", &company, "-o", "ndjson"],
    )
    .await;
    out.assert_exit(0);
    assert!(lines(&out.stdout)
        .iter()
        .all(|d| d["company"] == company.as_str()));
}

/// Item 3: `company` is the primary company. The first company of a deal becomes primary, a
/// further one does not (and crm says so), `--replace` moves the primary; `get` shows each.
#[tokio::test]
async fn associate_company_makes_or_keeps_the_primary_and_get_shows_it() {
    let sb = sandbox(|_| {}).await;
    let home = Home::new();
    let out = crm(
        &home,
        on(&sb),
        "deals create --name Bare --stage contractsent -o json",
    )
    .await;
    let id = out.json()["id"].as_str().unwrap().to_string();
    assert_eq!(get(&home, &sb, &id).await["company"], Value::Null);
    let out = crm(
        &home,
        on(&sb),
        &format!("deals associate {id} --company 3101"),
    )
    .await;
    out.assert_exit(0);
    assert_eq!(get(&home, &sb, &id).await["company"], "3101");

    let out = crm(
        &home,
        on(&sb),
        &format!("deals associate {id} --company 3102"),
    )
    .await;
    out.assert_exit(0);
    out.assert_says("primary company is still 3101");
    assert_eq!(get(&home, &sb, &id).await["company"], "3101");

    let out = crm(
        &home,
        on(&sb),
        &format!("deals associate {id} --company 3102 --replace"),
    )
    .await;
    out.assert_exit(0);
    assert_eq!(get(&home, &sb, &id).await["company"], "3102");
}

/// Items 4 and 5: an upsert's `--contact` is added after the write (a missing one is exit 8 with
/// the deal written), and an upsert that creates gets a stage (HubSpot needs one), said on stderr.
#[tokio::test]
async fn upsert_adds_its_contacts_and_a_new_key_gets_the_first_stage() {
    let sb = sandbox(|_| {}).await;
    let home = Home::new();
    let out = crm(
        &home,
        on(&sb),
        "deals upsert --match external_id=UP-NEW --name 'New by upsert' --pipeline Renewals \
            --contact 5103 -o json",
    )
    .await;
    out.assert_exit(0);
    out.assert_says("first stage of pipeline \"Renewals\"");
    let id = out.json()["id"].as_str().unwrap().to_string();
    let deal = get(&home, &sb, &id).await;
    assert_eq!(deal["stage"]["name"], "Renewal Due");
    assert_eq!(deal["contacts"], json!(["5103"]));

    // An existing key keeps its stage; a contact HubSpot does not have fails that association.
    let out = crm(
        &home,
        on(&sb),
        "deals upsert --match external_id=UP-NEW --amount 12 --contact 999999",
    )
    .await;
    out.assert_exit(8);
    out.assert_says("999999");
    let deal = get(&home, &sb, &id).await;
    assert_eq!(deal["amount"], "12");
    assert_eq!(deal["stage"]["name"], "Renewal Due");
}

/// Items 4, 5 and 6 in `deals import --upsert-key`: new keys get a stage, contacts and company
/// are added after the batch (one failure is that record's, exit 8), and a record HubSpot refuses
/// in a 207 answer carries HubSpot's own reason.
#[tokio::test]
async fn an_upsert_import_adds_associations_and_reports_each_record_s_own_reason() {
    let sb = sandbox(|_| {}).await;
    let home = Home::new();
    let records = [
        json!({"name": "I-1", "contacts": ["5104"], "company": "3105",
               "custom": {"external_id": "IMP-1"}}),
        json!({"name": "I-2", "contacts": ["999999"], "custom": {"external_id": "IMP-2"}}),
        json!({"name": "Existing", "amount": "5", "custom": {"external_id": "EXT-00004"}}),
    ];
    let text: String = records.iter().map(|r| r.to_string() + "\n").collect();
    let input = file(&home, "in.ndjson", &text);
    let out = crm(
        &home,
        on(&sb),
        &["deals", "import", &input, "--upsert-key", "external_id"],
    )
    .await;
    out.assert_exit(8);
    let results = lines(&out.stdout);
    let first = &results[0];
    assert_eq!(first["action"], "created", "{first}");
    let deal = get(&home, &sb, first["id"].as_str().unwrap()).await;
    assert_eq!(deal["contacts"], json!(["5104"]));
    assert_eq!(deal["company"], "3105");
    assert_eq!(deal["pipeline"]["name"], "Sales Pipeline");
    assert_eq!(deal["stage"]["name"], "Appointment Scheduled");
    let second = &results[1];
    assert_eq!(second["action"], "created", "the deal is written: {second}");
    let error = second["error"].as_str().unwrap();
    assert!(
        error.contains("999999") && error.contains("OBJECT_NOT_FOUND"),
        "{error}"
    );
    assert_eq!(results[2]["action"], "updated", "{}", out.stdout);

    // A batch update whose one record HubSpot refuses (a unique value taken): that record's line
    // carries HubSpot's category and message, the others are written.
    let taken = list(&home, &sb, &["--ids", "9000005"]).await[0]["custom"]["external_id"]
        .as_str()
        .unwrap()
        .to_string();
    let text = format!(
        "{}\n{}\n",
        json!({"id": "9000006", "amount": "66"}),
        json!({"id": "9000007", "custom": {"external_id": taken}}),
    );
    let input = file(&home, "update.ndjson", &text);
    let out = crm(&home, on(&sb), &["-v", "deals", "import", &input]).await;
    out.assert_exit(8);
    // One call: HubSpot answered each record (207), nothing is sent again record by record.
    let sent = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("> POST") && l.ends_with("/batch/update"))
        .count();
    assert_eq!(sent, 1, "{}", out.stderr);
    let results = lines(&out.stdout);
    assert_eq!(results[0]["action"], "updated", "{}", out.stdout);
    let refused = &results[1];
    assert_eq!(refused["action"], "failed");
    let error = refused["error"].as_str().unwrap();
    assert!(
        error.contains("already exists") && error.contains("[CONFLICT]"),
        "HubSpot's own reason, not \"no deal\": {error}"
    );
}

/// Item 6: a batch create whose one record HubSpot refuses reports that record's reason, never
/// "outcome unknown".
#[tokio::test]
async fn a_batch_create_reports_the_refused_record_s_reason() {
    let sb = sandbox(|_| {}).await;
    let home = Home::new();
    let text = format!(
        "{}\n{}\n",
        json!({"name": "Fine", "stage": "contractsent"}),
        json!({"name": "Dup key", "stage": "contractsent", "custom": {"external_id": "EXT-00001"}}),
    );
    let input = file(&home, "create.ndjson", &text);
    let out = crm(&home, on(&sb), &["deals", "import", &input]).await;
    out.assert_exit(8);
    let results = lines(&out.stdout);
    assert_eq!(results[0]["action"], "created");
    assert_eq!(results[1]["action"], "failed", "{}", out.stdout);
    let error = results[1]["error"].as_str().unwrap();
    assert!(error.contains("[CONFLICT]"), "{error}");
    assert!(!error.contains("unknown"), "{error}");
}

/// Item 7: a key repeated in one import: `--plan` names the later records, and the run fails
/// them instead of sending one key twice in a batch.
#[tokio::test]
async fn a_key_repeated_in_one_import_is_reported_on_its_later_lines() {
    let sb = sandbox(|_| {}).await;
    let home = Home::new();
    let text: String = ["EXT-00001", "EXT-00002", "EXT-00001", "EXT-00001"]
        .iter()
        .enumerate()
        .map(|(i, k)| {
            json!({"name": format!("Dup {i}"), "custom": {"external_id": k}}).to_string() + "\n"
        })
        .collect();
    let input = file(&home, "dups.ndjson", &text);
    for plan in [true, false] {
        let mut args = vec![
            "deals",
            "import",
            input.as_str(),
            "--upsert-key",
            "external_id",
        ];
        if plan {
            args.push("--plan");
        }
        let out = crm(&home, on(&sb), &args).await;
        assert_eq!(out.code, 8, "plan {plan}: {}", out.stderr);
        let results = lines(&out.stdout);
        let failed: Vec<u64> = results
            .iter()
            .filter(|r| r["action"] == "failed")
            .map(|r| r["line"].as_u64().unwrap())
            .collect();
        assert_eq!(failed, [3, 4], "plan {plan}: {}", out.stdout);
        for r in results.iter().filter(|r| r["action"] == "failed") {
            let error = r["error"].as_str().unwrap();
            assert!(
                error.contains("duplicate") && error.contains("line 1"),
                "{error}"
            );
        }
        assert!(
            results
                .iter()
                .all(|r| r["error"].as_str().is_none_or(|e| !e.contains("left out"))),
            "{}",
            out.stdout
        );
    }
    assert_eq!(get(&home, &sb, "9000001").await["name"], "Dup 0");
}

/// Item 8: `--custom` takes an enumeration option's label as `--set` does; an unknown option is
/// exit 3 with the options.
#[tokio::test]
async fn custom_filters_take_option_labels() {
    let sb = sandbox(|_| {}).await;
    let home = Home::new();
    let by_label = list(&home, &sb, &["--custom", "region=Europe"]).await;
    assert!(!by_label.is_empty());
    assert!(by_label.iter().all(|d| d["custom"]["region"] == "EMEA"));
    let by_value = list(&home, &sb, &["--custom", "region=EMEA"]).await;
    assert_eq!(by_label, by_value);
    let out = crm(&home, on(&sb), "deals list --custom region=Mars").await;
    out.assert_exit(3);
    out.assert_says("Europe (EMEA)");
}

/// Item 9: a token without the owners scope reads deals (owners by id, one notice naming the
/// scope HubSpot's 403 MISSING_SCOPES names); a command that needs owner names exits 4 naming it.
#[tokio::test]
async fn a_token_without_the_owners_scope_reads_deals_and_needs_it_only_for_owner_names() {
    let sb = sandbox(|args| {
        args.scopes = Some(vec![
            "crm.objects.deals.read".into(),
            "crm.objects.deals.write".into(),
        ])
    })
    .await;
    let home = Home::new();
    let out = crm(&home, on(&sb), "deals get 9000001 -o json").await;
    out.assert_exit(0);
    let deal = out.json();
    assert!(deal["owner"]["id"].is_string());
    assert!(deal["owner"]["name"].is_null(), "{deal}");
    assert_eq!(
        out.stderr.matches("crm.objects.owners.read").count(),
        1,
        "one notice: {}",
        out.stderr
    );
    let out = crm(&home, on(&sb), "deals list --owner 'Ada Lovelace'").await;
    out.assert_exit(4);
    out.assert_says("crm.objects.owners.read");
    let owner = deal["owner"]["id"].as_str().unwrap();
    let by_id = list(&home, &sb, &["--owner", owner]).await;
    assert!(by_id.iter().any(|d| d["id"] == "9000001"));
}

/// Item 11: `url` is the deal's page in HubSpot, from the portal id of
/// `GET /account-info/v3/details`, read once and cached with the metadata.
#[tokio::test]
async fn url_links_to_the_deal_in_hubspot() {
    let sb = sandbox(|_| {}).await;
    let home = Home::new();
    let deal = get(&home, &sb, "9000001").await;
    assert_eq!(
        deal["url"],
        "https://app.hubspot.com/contacts/24681357/record/0-3/9000001"
    );
    let listed = list(&home, &sb, &["--ids", "9000001,9000002"]).await;
    assert!(listed.iter().all(|d| d["url"]
        .as_str()
        .unwrap()
        .ends_with(d["id"].as_str().unwrap())));

    // An EU portal's pages are on app-eu1; the details are read once, then cached.
    let server = hubspot::account().await;
    Mock::given(method("GET"))
        .and(path("/account-info/v3/details"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(account_details("app-eu1.hubspot.com")),
        )
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    server
        .answer(
            "GET",
            "/crm/v3/objects/deals/7",
            hubspot::deal("7", "Seven", "1"),
        )
        .await;
    let home = Home::new();
    for _ in 0..2 {
        let out = crm(&home, &server, "deals get 7 -o json").await;
        out.assert_exit(0);
        assert_eq!(
            out.json()["url"],
            "https://app-eu1.hubspot.com/contacts/62515/record/0-3/7"
        );
    }
}
