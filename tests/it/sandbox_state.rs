//! The sandbox's persistent state (issue 11): one SQLite database that any number of processes
//! share; a writer killed mid-transaction leaves it intact; a reader writes nothing; the JSON
//! state of earlier versions is migrated once; `crm sandbox reset` goes back to the demo data.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::cli::{crm, Args, Home, To};

fn crm_bin() -> &'static str {
    env!("CARGO_BIN_EXE_crm")
}

/// `crm sandbox serve` in a process of its own, once it says where it listens.
struct Served {
    child: Child,
    url: String,
}

impl Served {
    fn start(home: &Home, args: &[&str]) -> Served {
        let mut child = home
            .crm_std()
            .args(["sandbox", "serve"])
            .args(args)
            .stderr(Stdio::piped())
            .spawn()
            .expect("crm sandbox serve starts");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let url = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(at) = line.split("listening on ").nth(1) {
                        break at.trim().to_string();
                    }
                }
                _ => panic!("crm sandbox serve stopped: {:?}", child.wait()),
            }
        };
        Served { child, url }
    }

    /// `crm` pointed at this server.
    fn output(
        &self,
        home: &Home,
        vendor: &'static str,
        args: &(impl Args + ?Sized),
    ) -> std::process::Output {
        let args = &args.to_args()[..];
        crm(home, To::sandbox(vendor, self.url.clone()), args)
            .std()
            .output()
            .unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `crm ARGS` in `home`, run to completion.
fn output(home: &Home, args: &(impl Args + ?Sized)) -> std::process::Output {
    let args = &args.to_args()[..];
    crm(home, To::Default, args).std().output().unwrap()
}

/// `crm --profile PROFILE deals get` of `deal`, as crm printed it before, in `home`.
fn get_again(home: &Home, profile: &str, deal: &Value) -> std::process::Output {
    let id = deal["id"].as_str().unwrap();
    output(home, &format!("--profile {profile} deals get {id}"))
}

fn ok_json(out: std::process::Output) -> Value {
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn wal_of(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// The database's generation: how many write transactions changed something.
fn generation(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT value FROM meta WHERE key = 'generation'",
        [],
        |row| row.get::<_, String>(0),
    )
    .unwrap()
    .parse()
    .unwrap()
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

#[test]
fn a_writer_killed_mid_transaction_leaves_the_database_intact() {
    let home = Home::new();
    let db = home.path().join("state.db");
    let db_arg = db.to_str().unwrap();
    // The first write of a new state is the whole demo in one transaction: 100,000 deals take
    // long enough to be caught in the middle, once part of it has reached the write-ahead log.
    let mut writer = home
        .crm_std()
        .args([
            "sandbox", "serve", "--vendor", "hubspot", "--deals", "100000", "--state", db_arg,
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        if std::fs::metadata(wal_of(&db)).is_ok_and(|m| m.len() > 1 << 20) {
            break;
        }
        assert!(
            writer.try_wait().unwrap().is_none(),
            "the writer ended early"
        );
        assert!(Instant::now() < deadline, "the write never reached the log");
        std::thread::sleep(Duration::from_millis(5));
    }
    writer.kill().unwrap(); // SIGKILL
    writer.wait().unwrap();
    let mut said = String::new();
    std::io::Read::read_to_string(&mut writer.stderr.take().unwrap(), &mut said).unwrap();
    assert!(
        !said.contains("listening"),
        "killed before its first write committed: {said}"
    );

    assert_eq!(integrity(&db), "ok");
    // The next command works, on a state the half-written transaction never touched.
    let served = Served::start(
        &home,
        &["--vendor", "hubspot", "--deals", "3", "--state", db_arg],
    );
    let listed =
        ok_json(served.output(&home, "hubspot", &["deals", "list", "--all", "-o", "json"]));
    assert_eq!(listed.as_array().unwrap().len(), 3);
    let created = ok_json(served.output(
        &home,
        "hubspot",
        &["deals", "create", "--name", "After the crash", "-o", "json"],
    ));
    let got = ok_json(served.output(
        &home,
        "hubspot",
        &[
            "deals",
            "get",
            created["id"].as_str().unwrap(),
            "-o",
            "json",
        ],
    ));
    assert_eq!(got["name"], "After the crash");
    drop(served);
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn two_servers_on_one_state_file_see_each_others_writes() {
    let home = Home::new();
    let db = home.path().join("shared.db");
    let args = [
        "--vendor",
        "sell",
        "--deals",
        "3",
        "--state",
        db.to_str().unwrap(),
    ];
    let a = Served::start(&home, &args);
    let b = Served::start(&home, &args);
    let mut ids = Vec::new();
    for (i, server) in [&a, &b, &a, &b].iter().enumerate() {
        let deal = ok_json(server.output(
            &home,
            "sell",
            &[
                "deals",
                "create",
                "--name",
                &format!("Both{i}"),
                "--contact",
                "300001",
                "-o",
                "json",
            ],
        ));
        ids.push(deal["id"].as_str().unwrap().to_string());
    }
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 4, "ids come from the database: {ids:?}");
    for server in [&a, &b] {
        let listed =
            ok_json(server.output(&home, "sell", &["deals", "list", "--all", "-o", "json"]));
        let names: Vec<&str> = listed
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["name"].as_str())
            .filter(|n| n.starts_with("Both"))
            .collect();
        assert_eq!(names.len(), 4, "{names:?}");
    }
}

#[test]
fn a_process_that_only_reads_writes_nothing() {
    let home = Home::new();
    let db = home.data_dir().join("sandbox").join("hubspot.db");
    ok_json(output(&home, "--profile sandbox deals list -o json"));
    let before = generation(&db);
    for args in [
        &["deals", "list", "--all", "-o", "json"][..],
        &["deals", "get", "9000001", "-o", "json"],
        &["deals", "export"],
        &["stages", "list", "-o", "json"],
        &[
            "deals",
            "list",
            "--pipeline",
            "Sales Pipeline",
            "--stage",
            "Contract Sent",
        ],
    ] {
        let out = output(&home, &[&["--profile", "sandbox"][..], args].concat());
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    assert_eq!(generation(&db), before, "reads wrote nothing");
    ok_json(output(
        &home,
        "--profile sandbox deals create --name W -o json",
    ));
    assert_eq!(generation(&db), before + 1, "one write, one transaction");
}

/// The JSON state an earlier crm wrote (made with that version: `crm sandbox serve --deals 3
/// --state F` and one `deals create --name "Made before SQLite"`).
fn legacy(vendor: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sandbox")
        .join(format!("legacy-{vendor}-state.json"));
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_builtin_profiles_old_json_state_is_migrated_once() {
    for (vendor, profile, id) in [
        ("hubspot", "sandbox", "9000004"),
        ("sell", "sandbox-sell", "5000004"),
    ] {
        let home = Home::new();
        let dir = home.data_dir().join("sandbox");
        std::fs::create_dir_all(&dir).unwrap();
        let json = dir.join(format!("{vendor}.json"));
        std::fs::write(&json, legacy(vendor)).unwrap();
        let listed = ok_json(output(
            &home,
            &["--profile", profile, "deals", "list", "-o", "json"],
        ));
        assert_eq!(listed.as_array().unwrap().len(), 4, "{vendor}: {listed}");
        let got = ok_json(output(
            &home,
            &["--profile", profile, "deals", "get", id, "-o", "json"],
        ));
        assert_eq!(got["name"], "Made before SQLite");
        assert!(!json.exists(), "{vendor}: the JSON is gone once migrated");
        // Ids carry on after the migrated ones.
        let mut create = vec!["--profile", profile, "deals", "create", "--name", "New"];
        if vendor == "sell" {
            create.extend(["--contact", "300001"]);
        }
        create.extend(["-o", "json"]);
        let new = ok_json(output(&home, &create));
        assert!(new["id"].as_str().unwrap() > id, "{new}");
    }
}

#[test]
fn a_state_file_in_the_old_json_format_is_migrated_in_place() {
    let home = Home::new();
    let file = home.path().join("sell.json");
    std::fs::write(&file, legacy("sell")).unwrap();
    let served = Served::start(
        &home,
        &["--vendor", "sell", "--state", file.to_str().unwrap()],
    );
    let got = ok_json(served.output(&home, "sell", &["deals", "get", "5000004", "-o", "json"]));
    assert_eq!(got["name"], "Made before SQLite");
    drop(served);
    let head = std::fs::read(&file).unwrap();
    assert!(head.starts_with(b"SQLite format 3\0"), "now a database");
    let kept = std::fs::read_to_string(home.path().join("sell.json.json-backup")).unwrap();
    assert_eq!(kept, legacy("sell"), "the old file is kept beside it");
    let served = Served::start(
        &home,
        &["--vendor", "sell", "--state", file.to_str().unwrap()],
    );
    let listed = ok_json(served.output(&home, "sell", &["deals", "list", "--all", "-o", "json"]));
    assert_eq!(listed.as_array().unwrap().len(), 4);
}

#[test]
fn an_unreadable_old_state_is_refused_with_the_way_to_reset() {
    let home = Home::new();
    let dir = home.data_dir().join("sandbox");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("hubspot.json"), "{\"vendor\": \"hubspot\", \"sto").unwrap();
    let out = output(&home, "--profile sandbox deals list");
    assert_ne!(out.status.code(), Some(0));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("hubspot.json"), "{stderr}");
    assert!(
        stderr.contains("crm sandbox reset --vendor hubspot"),
        "{stderr}"
    );
    let out = output(&home, "sandbox reset --vendor hubspot");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed = ok_json(output(&home, "--profile sandbox deals list --all -o json"));
    assert_eq!(listed.as_array().unwrap().len(), 25, "the demo data");
}

#[test]
fn sandbox_reset_goes_back_to_the_demo_data() {
    let home = Home::new();
    let created = ok_json(output(
        &home,
        "--profile sandbox-pipedrive deals create --name 'Gone after reset' -o json",
    ));
    let sell = ok_json(output(
        &home,
        "--profile sandbox-sell deals create --name Kept --contact 300001 -o json",
    ));
    let out = output(&home, "sandbox reset --vendor pipedrive");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = get_again(&home, "sandbox-pipedrive", &created);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let listed = ok_json(output(
        &home,
        "--profile sandbox-pipedrive deals list --all -o json",
    ));
    assert_eq!(listed.as_array().unwrap().len(), 25);
    // Only the vendor named; without --vendor, every built-in sandbox.
    let out = get_again(&home, "sandbox-sell", &sell);
    assert!(out.status.success());
    let out = output(&home, "sandbox reset");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = get_again(&home, "sandbox-sell", &sell);
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn a_state_of_another_vendor_is_refused() {
    let home = Home::new();
    let db = home.path().join("one.db");
    drop(Served::start(
        &home,
        &["--vendor", "hubspot", "--state", db.to_str().unwrap()],
    ));
    let out = Command::new(crm_bin())
        .args([
            "sandbox",
            "serve",
            "--vendor",
            "sell",
            "--state",
            db.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("holds hubspot data, not sell"),
        "{}",
        text(&out.stderr)
    );
}
