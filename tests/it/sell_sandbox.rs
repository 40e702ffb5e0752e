//! `crm --profile sandbox-sell`: the built-in Sell emulator end to end, with no account.

use serde_json::Value;

use crate::support::cli::{crm, run, Args, Home, Run};

/// `crm --profile sandbox-sell ARGS`, which must succeed.
async fn succeeds(home: &Home, args: &(impl Args + ?Sized)) -> Run {
    let args = &args.to_args()[..];
    let out = crm(home, "sandbox-sell", args).await;
    assert_eq!(out.code, 0, "crm {args:?}: {}", out.stderr);
    out
}

/// The deals of a fresh built-in Sell account whose stage's `category` is `won`, over raw HTTP.
async fn won_deals_by_stage_category() -> usize {
    use crate::sandbox::{start_default, Api};
    use crm::sandbox::SandboxVendor;
    let sb = start_default(SandboxVendor::Sell).await;
    let api = Api::new(&sb, SandboxVendor::Sell);
    let all = |path: &'static str| {
        let api = &api;
        async move {
            let mut items = Vec::new();
            for page in 1.. {
                let (status, body) = api.get(&format!("{path}?page={page}&per_page=100")).await;
                assert_eq!(status, 200, "{body}");
                let got = body["items"].as_array().unwrap().clone();
                if got.is_empty() {
                    break;
                }
                items.extend(got.into_iter().map(|i| i["data"].clone()));
            }
            items
        }
    };
    let won_stages: Vec<Value> = all("/v2/stages")
        .await
        .into_iter()
        .filter(|s| s["category"] == "won")
        .map(|s| s["id"].clone())
        .collect();
    assert!(!won_stages.is_empty(), "no stage of category won");
    all("/v2/deals")
        .await
        .iter()
        .filter(|d| won_stages.contains(&d["stage_id"]))
        .count()
}

#[tokio::test]
async fn the_sell_sandbox_lists_writes_and_deletes_through_the_adapter() {
    let home = Home::new();
    let out = succeeds(&home, "deals list --all -o json").await;
    let deals = out.json();
    let all = deals.as_array().unwrap();
    assert!(all.len() >= 20, "the demo account's deals: {}", all.len());
    assert!(all.iter().all(|d| d["vendor"] == "sell"));
    assert!(all[0]["stage"]["name"].is_string() && all[0]["pipeline"]["name"].is_string());
    let ids: Vec<u64> = all
        .iter()
        .map(|d| d["id"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "pages in order");

    let won = succeeds(&home, "deals list --status won --all -o json").await;
    won.assert_says("cannot filter by status won");
    let won = won.json();
    assert!(won.as_array().unwrap().iter().all(|d| d["status"] == "won"));
    // Counted without crm's status mapping: the built-in account's deals whose stage is of
    // Sell's category "won" (Sell's Stages reference), read raw from an emulator started with
    // the same arguments as the built-in profile's.
    let expected = won_deals_by_stage_category().await;
    assert!(
        expected > 0 && expected < all.len(),
        "the demo account has some won deals, not only: {expected} of {}",
        all.len()
    );
    assert_eq!(won.as_array().unwrap().len(), expected);

    let first = &all[0];
    let id = first["id"].as_str().unwrap();
    let contact = first["contacts"][0].as_str().unwrap();
    let out = succeeds(
        &home,
        &format!("deals update {id} --tag sandboxed --set region=APAC -o json"),
    )
    .await;
    let updated = out.json();
    assert!(updated["tags"]
        .as_array()
        .unwrap()
        .contains(&Value::from("sandboxed")));
    assert_eq!(
        updated["tags"].as_array().unwrap().len(),
        first["tags"].as_array().unwrap().len() + 1
    );
    assert_eq!(updated["custom"]["region"], "APAC");
    let out = succeeds(
        &home,
        &format!("deals update {id} --status lost --lost-reason 'Too expensive' -o json --raw"),
    )
    .await;
    assert_eq!(out.json()["status"], "lost");
    assert_eq!(out.json()["raw"]["loss_reason_id"], 4_000_001);

    let out = succeeds(
        &home,
        &[
            "deals",
            "upsert",
            "--match",
            "external_id=NEW-1",
            "--name",
            "Upserted",
            "--contact",
            contact,
            "--amount",
            "12.50",
            "-o",
            "json",
        ],
    )
    .await;
    let created = out.json();
    assert_eq!(created["amount"], "12.5");
    assert_eq!(created["custom"]["external_id"], "NEW-1");
    let again = succeeds(
        &home,
        "deals upsert --match external_id=NEW-1 --name Renamed -o json",
    )
    .await;
    assert_eq!(
        again.json()["id"],
        created["id"],
        "the second upsert updates the same deal"
    );

    let new_id = created["id"].as_str().unwrap();
    succeeds(&home, &format!("deals delete {new_id} --yes")).await;
    let mut cmd = home.crm();
    cmd.args(["--profile", "sandbox-sell", "deals", "get", new_id]);
    assert_eq!(run(cmd).await.code, 3, "deleted for good");
}
