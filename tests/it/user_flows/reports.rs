//! The report flows of the table: `deals summary`, `timeline` and `history` checked against what
//! `deals list` shows of the same sandbox, so the figures are proven by a second road, not by the
//! code that computed them. Amounts are compared exactly (rust_decimal), never as floats.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::Value;

use super::{crm, get, json, ok, step, Case, Home};
use crm::adapter::Op;

/// Per group (or period) id: the deal count and, per currency, the deal count (none where the
/// vendor gives sums without counts), total and weighted total of the deals with an amount.
type Figures = BTreeMap<String, (u64, BTreeMap<String, (Option<u64>, Decimal, Decimal)>)>;

/// The group a listed deal falls in, by its JSON.
type GroupOf = fn(&Value) -> Option<String>;

fn text(value: &Value) -> Option<String> {
    value.as_str().map(String::from)
}

fn decimal(value: &Value) -> Option<Decimal> {
    value.as_str().and_then(|s| s.parse().ok())
}

/// The listed deals, every one (`--all`).
async fn listed(home: &Home, case: &Case) -> Result<Vec<Value>, String> {
    let out = crm(home, case.profile, "deals list --all -o json").await;
    let deals = json("deals list --all", &out)?;
    deals
        .as_array()
        .cloned()
        .ok_or_else(|| "deals list printed no array".into())
}

/// Sums `deals` into figures by `key`, as the issue defines them: amounts per currency never
/// mixed, weighted = amount × probability / 100.
fn figures(deals: &[Value], key: impl Fn(&Value) -> Option<String>) -> Figures {
    let mut out = Figures::new();
    for deal in deals {
        let Some(group) = key(deal) else { continue };
        let entry = out.entry(group).or_default();
        entry.0 += 1;
        if let Some(amount) = decimal(&deal["amount"]) {
            let currency = deal["currency"].as_str().unwrap_or_default().to_string();
            let money = entry.1.entry(currency).or_default();
            money.0 = Some(money.0.unwrap_or(0) + 1);
            money.1 += amount;
            // A deal without a probability weighs its whole amount (README, "Pipeline reports").
            let p = decimal(&deal["probability"]).unwrap_or(Decimal::ONE_HUNDRED);
            money.2 += amount * p / Decimal::ONE_HUNDRED;
        }
    }
    out
}

/// The figures a report printed: its groups (or periods) with a deal, by `id_of`.
fn printed(rows: &[Value], id_of: impl Fn(&Value) -> String) -> Result<Figures, String> {
    let mut out = Figures::new();
    for row in rows {
        let count = row["count"].as_u64().ok_or(format!("no count in {row}"))?;
        let mut money = BTreeMap::new();
        for (currency, m) in row["money"].as_object().into_iter().flatten() {
            // null: the vendor gave the sums without the number of deals behind them.
            let n = match &m["count"] {
                Value::Null => None,
                count => Some(count.as_u64().ok_or(format!("no count in {m}"))?),
            };
            let total = decimal(&m["total"]).ok_or(format!("no exact total in {m}"))?;
            let weighted = decimal(&m["weighted"]).ok_or(format!("no exact weighted in {m}"))?;
            money.insert(
                currency.clone(),
                (n, total.normalize(), weighted.normalize()),
            );
        }
        if count > 0 {
            out.insert(id_of(row), (count, money));
        }
    }
    Ok(out)
}

fn normalized(mut figures: Figures) -> Figures {
    for (_, money) in figures.values_mut() {
        for (_, total, weighted) in money.values_mut() {
            *total = total.normalize();
            *weighted = weighted.normalize();
        }
    }
    figures
}

/// The figures agree; a count the report leaves unknown agrees with any.
fn agree(what: &str, printed: &Figures, expected: &Figures) -> Result<(), String> {
    let mut expected = expected.clone();
    for (key, (_, money)) in expected.iter_mut() {
        for (currency, m) in money.iter_mut() {
            if printed
                .get(key)
                .and_then(|p| p.1.get(currency))
                .is_some_and(|p| p.0.is_none())
            {
                m.0 = None;
            }
        }
    }
    if *printed == expected {
        Ok(())
    } else {
        Err(format!(
            "{what}: printed {printed:?}\n  the listed deals give {expected:?}"
        ))
    }
}

/// The `--via` sources a vendor must answer: its own report where it has one, and crm's sum.
/// A vendor without one refuses `--via vendor` with exit 6; one whose report cannot answer these
/// options refuses with exit 2, where `refusable` allows it (a vendor with a summary answers
/// `--by stage`).
async fn vias(
    home: &Home,
    case: &Case,
    args: &str,
    refusable: bool,
) -> Result<Vec<&'static str>, String> {
    let out = crm(home, case.profile, &format!("{args} --via vendor -o json")).await;
    match out.code {
        0 => Ok(vec!["auto", "list", "vendor"]),
        6 => Ok(vec!["auto", "list"]),
        2 if refusable => Ok(vec!["auto", "list"]),
        code => Err(format!(
            "`{args} --via vendor` exited {code}: {}",
            out.stderr.trim()
        )),
    }
}

pub(super) async fn summary_agrees_with_the_list(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let deals = listed(&home, case).await?;
    let groupings: [(&str, GroupOf); 6] = [
        ("stage", |d| text(&d["stage"]["id"])),
        ("pipeline", |d| text(&d["pipeline"]["id"])),
        ("owner", |d| text(&d["owner"]["id"])),
        ("status", |d| text(&d["status"])),
        ("currency", |d| text(&d["currency"])),
        ("close-month", |d| {
            d["close_date"].as_str().map(|c| c[..7].to_string())
        }),
    ];
    for (by, key) in groupings {
        let args = format!("deals summary --by {by}");
        let expected = normalized(figures(&deals, key));
        let total = normalized(figures(&deals, |_| Some("total".into())));
        for via in vias(&home, case, &args, by != "stage").await? {
            let step = format!("{args} --via {via}");
            let out = crm(&home, case.profile, &format!("{step} -o json")).await;
            let summary = json(&step, &out)?;
            let groups = summary["groups"].as_array().ok_or("no groups")?;
            // Deals without the field fall in a group without an id, which the list keys leave out.
            let keyed: Vec<Value> = groups
                .iter()
                .filter(|g| !g["key"]["id"].is_null())
                .cloned()
                .collect();
            agree(
                &step,
                &printed(&keyed, |g| {
                    g["key"]["id"].as_str().unwrap_or_default().into()
                })?,
                &expected,
            )?;
            agree(
                &format!("{step}: total"),
                &printed(std::slice::from_ref(&summary["total"]), |_| "total".into())?,
                &total,
            )?;
        }
    }
    Ok(())
}

/// The total of `currency` in `deals summary --by currency`, and the deal count.
async fn currency_total(
    home: &Home,
    case: &Case,
    via: &str,
    currency: &str,
) -> Result<(u64, Decimal), String> {
    let step = format!("deals summary --by currency --via {via}");
    let summary = json(
        &step,
        &crm(home, case.profile, &format!("{step} -o json")).await,
    )?;
    let money = &summary["total"]["money"][currency];
    Ok((
        money["count"].as_u64().unwrap_or(0),
        decimal(&money["total"]).unwrap_or_default(),
    ))
}

pub(super) async fn cents_add_up_exactly(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let before = currency_total(&home, case, "auto", "USD").await?;
    for amount in ["0.10", "0.20"] {
        let args = [
            "deals",
            "create",
            "--name",
            "Cents",
            "--amount",
            amount,
            "--currency",
            "USD",
            "--contact",
            case.other_contact,
        ];
        ok(
            "deals create --amount",
            &crm(&home, case.profile, &args).await,
        )?;
    }
    let added = Decimal::new(3, 1);
    for via in vias(&home, case, "deals summary --by currency", false).await? {
        let after = currency_total(&home, case, via, "USD").await?;
        if after != (before.0 + 2, before.1 + added) {
            return Err(format!(
                "--via {via}: USD was {before:?}, 0.10 and 0.20 added, now {after:?}"
            ));
        }
    }
    Ok(())
}

/// Timelines whose periods meet month ends, a leap day's month, quarters and a week starting
/// mid-week (2026-01-07 is a Wednesday): (arguments, periods).
const TIMELINES: &[(&str, usize)] = &[
    ("--interval month --from 2025-11-01 --periods 14", 14),
    ("--interval month --from 2026-01-31 --periods 6", 6),
    ("--interval quarter --from 2025-12-31 --periods 5", 5),
    ("--interval week --from 2026-01-07 --periods 30", 30),
    ("--interval day --from 2026-02-10 --periods 40", 40),
];

pub(super) async fn timeline_agrees_with_the_list(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let deals = listed(&home, case).await?;
    let open_or_won: Vec<Value> = deals
        .into_iter()
        .filter(|d| d["status"] == "open" || d["status"] == "won")
        .collect();
    for (shape, count) in TIMELINES {
        let args = format!("deals timeline {shape}");
        for via in vias(&home, case, &args, false).await? {
            let step = format!("{args} --via {via}");
            let timeline = json(
                &step,
                &crm(&home, case.profile, &format!("{step} -o json")).await,
            )?;
            let periods = timeline["periods"].as_array().ok_or("no periods")?;
            if periods.len() != *count {
                return Err(format!("{step}: {} periods, not {count}", periods.len()));
            }
            let bounds = contiguous(&step, periods)?;
            let expected = normalized(figures(&open_or_won, |d| {
                let date = d["close_date"].as_str()?;
                bounds
                    .iter()
                    .find(|(start, end)| (start.as_str()..=end.as_str()).contains(&date))
                    .map(|(start, _)| start.clone())
            }));
            let got = printed(periods, |p| p["start"].as_str().unwrap_or_default().into())?;
            agree(&step, &got, &expected)?;
        }
    }
    Ok(())
}

/// Each period's first and last day, checked to follow one another without a gap or an overlap
/// from `--from`.
fn contiguous(step: &str, periods: &[Value]) -> Result<Vec<(String, String)>, String> {
    let day = |v: &Value| {
        v.as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .ok_or(format!("{step}: a period bound {v} is not a date"))
    };
    let from = step.split("--from ").nth(1).unwrap_or_default();
    let mut next =
        chrono::NaiveDate::parse_from_str(&from[..10], "%Y-%m-%d").map_err(|e| e.to_string())?;
    let mut bounds = Vec::new();
    for period in periods {
        let (start, end) = (day(&period["start"])?, day(&period["end"])?);
        if start != next || end < start {
            return Err(format!(
                "{step}: period {start}..{end} where {next} was due"
            ));
        }
        next = end.succ_opt().ok_or("no next day")?;
        bounds.push((start.to_string(), end.to_string()));
    }
    Ok(bounds)
}

pub(super) async fn update_then_history_shows_it(case: &'static Case) -> Result<(), String> {
    let home = Home::new();
    let before = get(&home, case, case.deal).await?;
    let update = [
        "deals",
        "update",
        case.deal,
        "--name",
        "Renamed for history",
    ];
    ok(
        "deals update --name",
        &crm(&home, case.profile, &update).await,
    )?;
    let args = [
        "deals", "history", case.deal, "--field", "name", "-o", "json",
    ];
    let Some(out) = step(&home, case, Op::History, &args).await? else {
        return Ok(());
    };
    let changes = json("deals history --field name", &out)?;
    let last = changes
        .as_array()
        .and_then(|c| c.last())
        .ok_or("history shows no change of the name")?;
    if last["field"] != "name" || last["new"] != "Renamed for history" {
        return Err(format!("the last change is {last}, not the update"));
    }
    if last["old"] != before["name"] {
        return Err(format!(
            "old is {}, the name was {}",
            last["old"], before["name"]
        ));
    }
    let bogus = crm(
        &home,
        case.profile,
        &format!("deals history {} --field nosuchfield", case.deal),
    )
    .await;
    if bogus.code != 2 {
        return Err(format!("an unknown --field exited {}, not 2", bogus.code));
    }
    Ok(())
}
