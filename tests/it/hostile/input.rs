//! Input a script author types or pipes in: out-of-range times and dates, empty input, nameless
//! deals, bytes that are not UTF-8, amounts with an exponent. Each is exit 2 (or one failed record
//! of an import) with a message naming the flag or field and the value.

use serde_json::Value;

use super::{count, PROFILES};
use crate::support::cli::{crm, Home};

#[tokio::test]
async fn overlong_ages_and_times_before_1970_are_usage_errors_naming_the_flag() {
    // Issue 15: 100000000d panicked (exit 101); 700000d quietly listed nothing on HubSpot.
    for (profile, _) in PROFILES {
        let home = Home::new();
        for args in [
            &["deals", "list", "--updated-since", "100000000d"][..],
            &["deals", "list", "--updated-until", "100000000d"],
            &["deals", "export", "--updated-since", "100000000d"],
            &["deals", "list", "--updated-since", "700000d"],
            &["deals", "list", "--updated-since", "1969-12-31"],
        ] {
            let out = crm(&home, profile, args).await;
            assert_eq!(out.code, 2, "{profile} {args:?}: {}", out.stderr);
            assert!(
                out.stderr.contains(args[3]) && out.stderr.contains(args[2]),
                "{profile} {args:?}: the message names the flag and the value: {}",
                out.stderr
            );
            assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        }
    }
}

#[tokio::test]
async fn close_dates_are_four_digit_years_in_range() {
    // Issue 15: --close-date 26-01-05 was stored as the year 26, and 0000-01-01 was accepted.
    let home = Home::new();
    for date in ["26-01-05", "0000-01-01", "2026-02-30"] {
        let out = crm(
            &home,
            "sandbox",
            &["deals", "create", "--name", "D", "--close-date", date],
        )
        .await;
        assert_eq!(out.code, 2, "{date}: {}", out.stderr);
        out.assert_says(&format!("--close-date {date:?}"));
        let out = crm(&home, "sandbox", &["deals", "list", "--close-date", date]).await;
        assert_eq!(out.code, 2, "{date}: {}", out.stderr);
    }
}

#[tokio::test]
async fn nothing_in_is_a_usage_error_and_every_deal_needs_a_name() {
    // Issue 15: `create --from - < /dev/null` exited 0; `{}`, `{"name":""}` and `--name ""`
    // created deals named null.
    for (profile, contact) in PROFILES {
        let home = Home::new();
        let before = count(&home, profile).await;
        for stdin in ["", "\n\n", "[]"] {
            let out = crm(&home, profile, "deals create --from -")
                .stdin(stdin)
                .await;
            assert_eq!(out.code, 2, "{profile} {stdin:?}: {}", out.stderr);
            out.assert_says("no deal");
        }
        let out = crm(&home, profile, "deals import -").stdin("").await;
        assert_eq!(out.code, 2, "{profile}: {}", out.stderr);
        out.assert_says("no records");
        let nameless = [
            format!(r#"{{"contacts": ["{contact}"]}}"#),
            format!(r#"{{"name": "", "contacts": ["{contact}"]}}"#),
            format!(r#"{{"name": "  ", "contacts": ["{contact}"]}}"#),
        ];
        for record in &nameless {
            let out = crm(&home, profile, "deals create --from -")
                .stdin(record)
                .await;
            assert_eq!(out.code, 2, "{profile} {record}: {}", out.stderr);
            out.assert_says("name");
            let out = crm(&home, profile, "deals import -").stdin(record).await;
            assert_eq!(out.code, 8, "{profile} {record}: {}", out.stderr);
            assert!(out.stdout.contains("\"failed\""), "{}", out.stdout);
        }
        let out = crm(
            &home,
            profile,
            &["deals", "create", "--name", "", "--contact", contact],
        )
        .await;
        assert_eq!(out.code, 2, "{profile}: {}", out.stderr);
        let out = crm(&home, profile, &["deals", "update", "1", "--name", " "]).await;
        assert_eq!(out.code, 2, "{profile}: {}", out.stderr);
        assert_eq!(
            count(&home, profile).await,
            before,
            "{profile}: nothing created"
        );
    }
}

#[tokio::test]
async fn a_byte_that_is_not_utf8_fails_its_record_only_and_names_the_line() {
    // Issue 15: one invalid byte rejected the whole import, with no line number.
    let home = Home::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deals.ndjson");
    let mut bytes = b"{\"name\":\"Good 1\"}\n".to_vec();
    bytes.extend_from_slice(b"{\"name\":\"Bad \xff byte\"}\n{\"name\":\"Good 2\"}\n");
    std::fs::write(&file, bytes).unwrap();
    let out = crm(
        &home,
        "sandbox",
        &["deals", "import", file.to_str().unwrap()],
    )
    .await;
    out.assert_exit(8);
    let results: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_line = |n: u64| results.iter().find(|r| r["line"] == n).unwrap();
    assert_eq!(by_line(1)["action"], "created");
    assert_eq!(by_line(3)["action"], "created");
    assert_eq!(by_line(2)["action"], "failed");
    assert!(
        by_line(2)["error"].as_str().unwrap().contains("UTF-8"),
        "{}",
        by_line(2)
    );

    // `--from` reads one document: the whole input is refused, naming the line.
    let mut bytes = b"{\"name\":\"A\"}\n".to_vec();
    bytes.extend_from_slice(b"{\"name\":\"\xc3\"}\n");
    std::fs::write(&file, bytes).unwrap();
    let out = crm(
        &home,
        "sandbox",
        &["deals", "create", "--from", file.to_str().unwrap()],
    )
    .await;
    out.assert_exit(2);
    out.assert_says("line 2");
}

#[tokio::test]
async fn json_amounts_and_dates_follow_the_flags_rules_and_name_the_field() {
    // Issue 15: "amount": "1e3" was stored as 1000 while --amount 1e3 is refused; a bad date
    // said "input is out of range" with no field or value.
    let home = Home::new();
    for (record, field) in [
        (r#"{"name": "A", "amount": "1e3"}"#, r#"amount "1e3""#),
        (r#"{"name": "A", "amount": 1e3}"#, r#"amount "1e"#),
        (
            r#"{"name": "A", "close_date": "2026-02-30"}"#,
            r#"close_date "2026-02-30""#,
        ),
        (
            r#"{"name": "A", "close_date": "0026-01-05"}"#,
            r#"close_date "0026-01-05""#,
        ),
    ] {
        let out = crm(&home, "sandbox", "deals create --from -")
            .stdin(record)
            .await;
        assert_eq!(out.code, 2, "{record}: {}", out.stderr);
        assert!(out.stderr.contains(field), "{record}: {}", out.stderr);
        let out = crm(&home, "sandbox", "deals import -").stdin(record).await;
        assert_eq!(out.code, 8, "{record}: {}", out.stderr);
        assert!(
            out.stdout.contains(field.replace('"', "\\\"").as_str()),
            "{}",
            out.stdout
        );
    }
    // A negative amount is a value, not a flag (it needed --amount=-5).
    let out = crm(
        &home,
        "sandbox",
        "deals create --name Refund --amount -5 -o json",
    )
    .await;
    assert!(
        !out.stderr.contains("unexpected argument"),
        "{}",
        out.stderr
    );
    out.assert_exit(0);
    assert_eq!(out.json()["amount"], "-5");
}
