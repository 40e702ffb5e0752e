//! What users see of deals, pinned for every vendor by one table: a listing as a table, JSON or
//! CSV, one deal, and a dry run. A change to any of them shows up in review as a snapshot diff.
//! Each vendor's error messages and exit codes are pinned in its own `snapshots_<vendor>.rs`.
//!
//! The snapshot files keep the names they had when each vendor's listing was its own test in
//! `snapshots_<vendor>.rs`: `it__snapshots_<vendor>__<name>.snap`.

use crate::support::account::Account;
use crate::support::cli::{crm, Home};
use crate::support::snapshot::settings;

/// One vendor's pinned commands, each a snapshot name and a command line.
struct Pinned {
    vendor: &'static str,
    /// Run on the account with two deals ([`Account::with_deals`]).
    listing: &'static [(&'static str, &'static str)],
    /// Commands that must succeed on the account with no deals before its dry run.
    before_dry_run: &'static [&'static str],
    /// Run on the account with no deals ([`Account::of`]): what a dry run prints.
    dry_run: &'static [(&'static str, &'static str)],
}

const PINNED: &[Pinned] = &[
    Pinned {
        vendor: "hubspot",
        listing: &[
            ("list_table", "deals list -o table"),
            (
                "list_json_fields",
                "deals list -o json --fields id,name,amount,stage,status,custom.region",
            ),
            (
                "list_csv",
                "deals list -o csv --fields id,name,amount,stage,owner,close_date",
            ),
            ("get_json", "deals get 1 -o json"),
        ],
        before_dry_run: &["pipelines list"],
        dry_run: &[(
            "dry_run_create",
            "deals create --name Dry --amount 99.90 --stage 'Contract Sent' --owner 'Ana Lima' \
                --dry-run",
        )],
    },
    Pinned {
        vendor: "pipedrive",
        listing: &[
            ("list_table", "deals list -o table"),
            (
                "list_json_fields",
                "deals list -o json --fields id,name,amount,stage,status,tags,custom.Region",
            ),
            ("get_json", "deals get 1 -o json"),
        ],
        before_dry_run: &[],
        dry_run: &[("dry_run_merge", "deals merge --into 10 20 --yes --dry-run")],
    },
    Pinned {
        vendor: "sell",
        listing: &[
            ("sell_list_table", "deals list -o table"),
            (
                "sell_list_csv",
                "deals list -o csv --fields id,name,amount,stage,status,owner,close_date,tags",
            ),
            ("sell_get_json", "deals get 1 -o json"),
        ],
        before_dry_run: &[],
        dry_run: &[(
            "sell_dry_run_update",
            "deals update 5 --name Dry --amount 99.9 --tags a,b --dry-run",
        )],
    },
];

/// Runs each of `commands` in `home` on `account` and compares what it printed, its exit code
/// included, with the vendor's snapshot of that name.
async fn pin(account: &Account, home: &Home, commands: &[(&str, &str)]) {
    for (name, line) in commands {
        let out = crm(home, account, *line).await;
        let mut settings = settings(account);
        settings.set_prepend_module_to_snapshot(false);
        let file = format!("it__snapshots_{}__{name}", account.vendor);
        settings.bind(|| insta::assert_snapshot!(file, out.transcript()));
    }
}

#[tokio::test]
async fn listings_and_a_deal_in_every_format() {
    for pinned in PINNED {
        let account = Account::with_deals(pinned.vendor).await;
        pin(&account, &Home::new(), pinned.listing).await;
    }
}

#[tokio::test]
async fn dry_runs_print_the_request_and_send_nothing() {
    for pinned in PINNED {
        let account = Account::of(pinned.vendor).await;
        let home = Home::new();
        for line in pinned.before_dry_run {
            assert_eq!(crm(&home, &account, *line).await.code, 0, "{line}");
        }
        pin(&account, &home, pinned.dry_run).await;
    }
}
