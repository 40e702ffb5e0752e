//! One function per fuzz target (see `TARGETS`). Each must never panic on any input; where the
//! parser promises something of what it accepts, the target checks it.

use chrono::{DateTime, Datelike, Utc};
use serde_json::Value;

use crm::model::{self, DealInput};

/// A fuzz target: the fuzzer's bytes in; a panic is a finding.
pub type Target = fn(&[u8]);

/// Every target by name, as `scripts/fuzz`, `fuzz_targets/` and the regression test know them.
pub const TARGETS: &[(&str, Target)] = &[
    ("amount", amount),
    ("date", date),
    ("time", time),
    ("id", id),
    ("pairs", pairs),
    ("import_records", import_records),
    ("map_file", map_file),
    ("hubspot_answers", hubspot_answers),
    ("pipedrive_answers", pipedrive_answers),
    ("sell_answers", sell_answers),
];

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// `--amount`, and `amount` in JSON input (a string or a number): one rule, exact round trip.
pub fn amount(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let flag = model::parse_amount(t);
    let json = model::input_amount(&Value::String(t.to_string()));
    assert_eq!(flag.is_ok(), json.is_ok(), "{t:?}: flag and JSON disagree");
    if let Ok(d) = flag {
        assert_eq!(json.unwrap(), Some(d));
        let again = model::parse_amount(&d.to_string()).expect("its own text parses");
        assert_eq!(again, d, "{t:?} does not round-trip");
        assert!(
            !t.contains(['e', 'E', ',']),
            "{t:?}: an exponent or separator passed"
        );
    }
    if let Ok(v @ Value::Number(_)) = serde_json::from_str::<Value>(t) {
        let _ = model::input_amount(&v);
    }
}

/// `--close-date` and `close_date`: YYYY-MM-DD in the years 1900-9999, nothing else.
pub fn date(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let plain = model::parse_date(t);
    let flag = model::parse_flag_date("--close-date", t);
    assert_eq!(plain.is_ok(), flag.is_ok(), "{t:?}");
    if let Ok(d) = plain {
        assert!((1900..=9999).contains(&d.year()), "{t:?} -> {d}");
        assert_eq!(d.to_string(), t.trim(), "{t:?} is not the date it became");
    }
    let from_json = DealInput::from_json(serde_json::json!({ "close_date": t }));
    assert_eq!(
        from_json.is_ok(),
        flag.is_ok(),
        "{t:?}: JSON and flag disagree"
    );
}

/// `--updated-since`/`--updated-until`: never a panic (100000000d did), never before 1970.
pub fn time(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let now = DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    if let Ok(at) = model::parse_time("--updated-since", t, now) {
        assert!(at.timestamp() >= 0, "{t:?} -> {at}, before 1970");
    }
}

/// Ids before they go into a URL path: digits only, and a path segment never adds a segment.
pub fn id(data: &[u8]) {
    let Some(t) = text(data) else { return };
    if let Ok(id) = model::check_id("deal", t) {
        assert!(!id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit()));
    }
    let path = crm::http::path(&["crm", "v3", "objects", "deals", t]);
    assert_eq!(path.matches('/').count(), 5, "{t:?} -> {path}");
    assert!(!path.contains(['?', '#', ' ', '\\']), "{t:?} -> {path}");
}

/// `--set`, `--custom`, `--match` NAME=VALUE: the name is trimmed and not empty; the value is
/// everything after the first `=`.
pub fn pairs(data: &[u8]) {
    let Some(t) = text(data) else { return };
    for flag in ["--set", "--custom", "--match"] {
        if let Ok((k, v)) = model::parse_pair(flag, t) {
            assert!(!k.is_empty() && k == k.trim(), "{t:?}");
            assert!(t.ends_with(&format!("={v}")), "{t:?}");
        }
    }
}

/// Import records: NDJSON, CSV or a JSON array (the first byte chooses), each read, numbered and
/// prepared as a write; never a panic, line numbers increasing.
pub fn import_records(data: &[u8]) {
    use crm::import::input::{parse_bytes, InputFormat};
    use crm::import::plan::Rules;
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = match first % 3 {
        0 => InputFormat::Ndjson,
        1 => InputFormat::Csv,
        _ => InputFormat::Json,
    };
    let Ok(input) = parse_bytes(rest, format) else {
        return;
    };
    let lines: Vec<usize> = input.records.iter().map(|r| r.line).collect();
    if format == InputFormat::Ndjson {
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
    }
    for key in [None, Some("external_id")] {
        let rules = Rules {
            upsert_key: key,
            mapping: None,
            foreign: None,
            target: crm::model::Vendor::Hubspot,
        };
        for record in &input.records {
            let _ = record.original.text();
            if let Ok(value) = &record.value {
                if let Ok((deal, _)) = rules.prepare(value.clone()) {
                    let _ = deal.check_name(true);
                    // What input reads, it writes back in a form it reads again.
                    let written = serde_json::to_value(&deal).expect("a DealInput serialises");
                    let again = DealInput::from_json(written.clone());
                    assert!(again.is_ok(), "{written} does not read back: {again:?}");
                }
            }
        }
    }
}

/// A `--map` file (TOML, or JSON when it starts with `{`), then applied to a deal: the input is
/// the map, a NUL byte, and the deal's JSON.
pub fn map_file(data: &[u8]) {
    use crm::import::map::{Mapping, TargetNames};
    use crm::model::{Pipeline, Stage, Status, User};
    let (map, deal) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"{\"pipeline\":{\"name\":\"Sales\"},\"stage\":\"Won\",\"owner\":{\"id\":\"1\"},\"custom\":{\"region\":\"EMEA\"},\"tags\":[\"a\"]}"[..]),
    };
    let Some(map) = text(map) else { return };
    let Ok(mapping) = Mapping::parse(map) else {
        return;
    };
    let Ok(Value::Object(mut deal)) = serde_json::from_slice::<Value>(deal) else {
        return;
    };
    let target = TargetNames {
        pipelines: vec![Pipeline {
            id: "p2".into(),
            name: "Renewals".into(),
            stages: vec![Stage {
                id: "s1".into(),
                name: "Won".into(),
                pipeline_id: "p2".into(),
                status: Status::Won,
                probability: None,
            }],
        }],
        users: vec![User {
            id: "9".into(),
            name: "Grace Hopper".into(),
            email: Some("grace@example.com".into()),
            archived: false,
        }],
        custom: vec!["External ID".into(), "Region".into()],
    };
    if mapping.apply(&mut deal, &target).is_ok() {
        mapping.fill_defaults(&mut deal);
        let _ = DealInput::from_json(Value::Object(deal));
    }
}

/// The first byte chooses what the rest is: a deal, a page of deals, or an error body (with a
/// status from the second byte).
fn answers(
    data: &[u8],
    deal: fn(&[u8]) -> crm::error::Result<crm::model::Deal>,
    page: fn(&[u8]),
    error: fn(u16, &[u8]) -> crm::error::Error,
) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    match first % 3 {
        0 => {
            if let Ok(d) = deal(rest) {
                // Whatever crm makes of an answer, it prints.
                serde_json::to_string(&d).expect("a deal serialises");
            }
        }
        1 => page(rest),
        _ => {
            let status = 400 + u16::from(rest.first().copied().unwrap_or(0)) % 200;
            let e = error(status, rest.get(1..).unwrap_or_default());
            let _ = (e.exit_code(), e.hint(), e.to_string());
        }
    }
}

pub fn hubspot_answers(data: &[u8]) {
    use crm::adapter::hubspot as v;
    answers(
        data,
        v::fuzz_deal,
        |b| drop(v::fuzz_page(b)),
        |status, body| crm::adapter::fuzz_error(crm::model::Vendor::Hubspot, status, body),
    );
}

pub fn pipedrive_answers(data: &[u8]) {
    use crm::adapter::pipedrive as v;
    answers(
        data,
        v::fuzz_deal,
        |b| drop(v::fuzz_page(b)),
        |status, body| crm::adapter::fuzz_error(crm::model::Vendor::Pipedrive, status, body),
    );
}

pub fn sell_answers(data: &[u8]) {
    use crm::adapter::sell as v;
    answers(
        data,
        v::fuzz_deal,
        |b| drop(v::fuzz_page(b)),
        |status, body| crm::adapter::fuzz_error(crm::model::Vendor::Sell, status, body),
    );
}
