//! Every example of every `--help` page (the man pages print the same text) and every README line
//! that runs on a built-in sandbox, run against the three built-in sandboxes: each exits 0, or 6
//! where the vendor lacks the operation (`crm vendors` says so). An example written for some
//! vendors only says which in a trailing comment (`# HubSpot, Pipedrive`) and runs on those.
//!
//! Examples are written as a user types them, with placeholder ids: 42 and 43 are deals, 201 a
//! contact, 301 a company. The test puts each sandbox's own ids in their place (a contact and a
//! company that deal 42 is not linked to, so associate, then dissociate, both do something);
//! names ("Sales Pipeline", "Ada Lovelace", …) are the demo data's, the same on every vendor, and
//! are run as written. A vendor's examples run one after another in one account, in the order of
//! the help tree (so `follow` comes before `unfollow`); an example that deletes or merges gets
//! deals of its own, and one that asks on a terminal is answered by `--yes`, as a script does.
//!
//! Not run: `auth`, `profiles` and `sandbox serve` manage crm itself, not a CRM (they need a token
//! prompt, the OS keyring, or run until stopped), and an example that names profiles of the
//! user's own (`--profile old`).

use std::collections::BTreeMap;
use std::path::Path;

use crm::adapter::{Capabilities, IntoEnumIterator, Op};
use serde_json::Value;

use crate::help::command_paths;
use crate::support::cli::Home;

/// The built-in sandboxes: profile, vendor key, and the names an example's comment may use.
const SANDBOXES: [(&str, &str, &[&str]); 3] = [
    ("sandbox", "hubspot", &["HubSpot"]),
    ("sandbox-pipedrive", "pipedrive", &["Pipedrive"]),
    ("sandbox-sell", "sell", &["Zendesk Sell", "Sell"]),
];

/// Help pages whose examples manage crm itself rather than a CRM (see the module doc).
const NOT_A_CRM: [&str; 3] = ["auth", "profiles", "sandbox"];

/// (example, vendor, the issue that fixes it): examples that fail today. Strict, as the user
/// flows' list: a listed example must still fail there, and the list can only shrink.
const KNOWN_DEFECTS: &[(&str, &str, &str)] = &[];

/// One example: the command line, and the vendors it is written for (all when `None`).
#[derive(Debug, Clone)]
struct Example {
    page: String,
    command: String,
    vendors: Option<String>,
}

/// The command paths of the help tree, in its order: `["deals", "list"]`, …
fn pages() -> Vec<Vec<String>> {
    command_paths().into_iter().map(|(path, _)| path).collect()
}

/// The examples of a help text: the indented `crm …` lines after `Example(s):`, a line ending
/// in `\` joined with the next, a trailing `# vendors` comment taken apart.
fn examples_in(page: &str, help: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut inside = false;
    let mut pending: Option<String> = None;
    for line in help.lines() {
        if line.starts_with("Example:") || line.starts_with("Examples:") {
            inside = true;
            continue;
        }
        if !inside {
            continue;
        }
        if !line.starts_with("  ") {
            inside = false;
            continue;
        }
        let text = line.trim();
        let joined = match pending.take() {
            Some(start) => format!("{start} {text}"),
            None if text.starts_with("crm ") => text.to_string(),
            None => continue,
        };
        if let Some(start) = joined.strip_suffix('\\') {
            pending = Some(start.trim_end().to_string());
            continue;
        }
        let (command, vendors) = match joined.split_once("  # ") {
            Some((c, v)) => (c.trim().to_string(), Some(v.trim().to_string())),
            None => (joined, None),
        };
        out.push(Example {
            page: page.to_string(),
            command,
            vendors,
        });
    }
    out
}

/// `sh -c LINE` in `home` (see [`Home::sh`]) with `profile` in use (`CRM_PROFILE`). The exit
/// code and stderr.
fn shell(home: &Home, profile: &str, line: &str) -> (i32, String) {
    let out = home
        .sh(line)
        .env("CRM_PROFILE", profile)
        .output()
        .expect("sh runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// One vendor's ids for the placeholders, read from its demo data.
struct Ids {
    deal: String,
    other_deal: String,
    contact: String,
    company: String,
    /// Deals nobody else's example uses, for the examples that delete or merge.
    spare: Vec<String>,
}

fn ids(home: &Home, profile: &str) -> Ids {
    let mut cmd = home.crm();
    cmd.args(["--profile", profile, "deals", "list", "--all", "-o", "json"]);
    let out = crate::support::cli::run_sync(cmd);
    assert_eq!(out.code, 0, "{profile}: {}", out.stderr);
    let deals = out.json().as_array().cloned().unwrap_or_default();
    let text = |v: &Value| v.as_str().map(str::to_string);
    let first = &deals[0];
    let theirs: Vec<String> = first["contacts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(text)
        .collect();
    let other = deals
        .iter()
        .find(|d| {
            let contact = d["contacts"][0].as_str();
            contact.is_some_and(|c| !theirs.iter().any(|t| t == c))
                && d["company"].is_string()
                && d["company"] != first["company"]
        })
        .expect("a deal with another contact and company");
    Ids {
        deal: text(&first["id"]).unwrap(),
        other_deal: text(&deals[1]["id"]).unwrap(),
        contact: text(&other["contacts"][0]).unwrap(),
        company: text(&other["company"]).unwrap(),
        spare: deals.iter().rev().filter_map(|d| text(&d["id"])).collect(),
    }
}

/// The example with this vendor's ids in place of the placeholders.
fn with_ids(command: &str, ids: &mut Ids) -> String {
    let destructive = command.contains("deals delete") || command.contains("deals merge");
    let (deal, other) = if destructive {
        (ids.spare.remove(0), ids.spare.remove(0))
    } else {
        (ids.deal.clone(), ids.other_deal.clone())
    };
    let mut out = Vec::new();
    for word in command.split(' ') {
        out.push(match word {
            "42" => deal.clone(),
            "43" => other.clone(),
            "201" => ids.contact.clone(),
            "301" => ids.company.clone(),
            w => w.to_string(),
        });
    }
    let mut line = out.join(" ");
    if destructive && !line.contains("--yes") {
        line.push_str(" --yes");
    }
    line
}

/// Whether `vendor` lacks an operation the example uses (the capability table's "-").
fn lacks_its_operation(vendor: &str, command: &str) -> bool {
    let vendor: crm::model::Vendor = vendor.parse().unwrap();
    let caps = Capabilities::of(vendor);
    Op::iter().any(|op| {
        !caps.supports(op)
            && op
                .describe()
                .split(' ')
                .all(|w| command.split(' ').any(|c| c == w))
    })
}

fn all_examples() -> Vec<Example> {
    let home = Home::new();
    let mut out = Vec::new();
    for path in pages() {
        let mut cmd = home.crm();
        cmd.args(&path).arg("--help");
        let help = crate::support::cli::run_sync(cmd).stdout;
        out.extend(examples_in(&path.join(" "), &help));
    }
    out
}

#[test]
fn every_help_example_runs_on_every_vendor() {
    let examples = all_examples();
    assert!(
        examples.len() > 30,
        "only {} examples found: is the parser still reading the help?",
        examples.len()
    );
    let runnable: Vec<Example> = examples
        .into_iter()
        .filter(|e| {
            !NOT_A_CRM
                .iter()
                .any(|p| e.page.split(' ').next() == Some(p))
        })
        .filter(|e| !names_own_profiles(&e.command))
        .collect();
    let reports: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = SANDBOXES
            .iter()
            .map(|sandbox| {
                let runnable = &runnable;
                scope.spawn(move || run_on(sandbox, runnable))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let report: Vec<String> = reports.into_iter().flatten().collect();
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}

/// Whether an example names a profile that is not built in: the user's own accounts.
fn names_own_profiles(command: &str) -> bool {
    let words: Vec<&str> = command.split(' ').collect();
    words.windows(2).any(|w| {
        w[0] == "--profile"
            && !SANDBOXES.iter().any(|(p, _, _)| *p == w[1])
            && w[1] != "sandbox-hubspot"
    })
}

fn run_on((profile, vendor, names): &(&str, &str, &[&str]), examples: &[Example]) -> Vec<String> {
    let home = Home::new();
    let mut ids = ids(&home, profile);
    let mut report = Vec::new();
    let mut seen = BTreeMap::new();
    for example in examples {
        if let Some(only) = &example.vendors {
            if !names.iter().any(|n| only.contains(n)) {
                continue;
            }
        }
        let line = with_ids(&example.command, &mut ids);
        let (code, stderr) = shell(&home, profile, &line);
        let ok = code == 0 || (code == 6 && lacks_its_operation(vendor, &example.command));
        let known = KNOWN_DEFECTS
            .iter()
            .find(|(e, v, _)| *e == example.command && v == vendor)
            .map(|(_, _, issue)| *issue);
        seen.insert(example.command.clone(), ());
        match (ok, known) {
            (true, None) => {}
            (false, Some(issue)) => eprintln!("known defect ({issue}) on {vendor}: {line}"),
            (false, None) => report.push(format!(
                "`crm {}` example on {vendor} exited {code}: {line}\n    {}",
                example.page,
                stderr.trim().replace('\n', "\n    ")
            )),
            (true, Some(issue)) => report.push(format!(
                "{line} now works on {vendor}: remove its KNOWN_DEFECTS entry ({issue})"
            )),
        }
    }
    for (example, v, issue) in KNOWN_DEFECTS {
        if v == vendor && !seen.contains_key(*example) {
            report.push(format!(
                "KNOWN_DEFECTS names an example that no help shows ({issue}): {example}"
            ));
        }
    }
    report
}

/// The README's command lines that name a built-in sandbox run as they are written. The block of
/// pipes (`<!-- pipes:start -->`) builds on its own lines: `many_processes` runs it as one script.
#[test]
fn the_readmes_sandbox_lines_run() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let mut in_code = false;
    let mut in_pipes = false;
    let mut lines = Vec::new();
    for line in readme.lines() {
        match line.trim() {
            "<!-- pipes:start -->" => in_pipes = true,
            "<!-- pipes:end -->" => in_pipes = false,
            _ => {}
        }
        if in_pipes {
            continue;
        }
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        let text = line.trim();
        if in_code && text.starts_with("crm --profile sandbox") {
            let command = text.split("  #").next().unwrap_or(text).trim();
            lines.push(command.to_string());
        }
    }
    assert!(lines.len() >= 4, "README sandbox lines: {lines:?}");
    let home = Home::new();
    let mut report = Vec::new();
    for line in &lines {
        let (code, stderr) = shell(&home, "sandbox", line);
        if code != 0 {
            report.push(format!("{line}: exit {code}\n    {}", stderr.trim()));
        }
    }
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}

#[test]
fn the_parser_reads_continued_lines_and_vendor_comments() {
    let help = "Usage: crm x\n\nExamples:\n  crm deals create --name A \\\n      --stage B\n  \
                crm deals follow 42 --user \"Ada Lovelace\"  # Pipedrive\n\nMore text\n  crm not this\n";
    let found = examples_in("deals", help);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].command, "crm deals create --name A --stage B");
    assert_eq!(found[1].vendors.as_deref(), Some("Pipedrive"));
    assert!(names_own_profiles("crm --profile old deals export"));
    assert!(!names_own_profiles("crm --profile sandbox-sell deals list"));
    assert!(lacks_its_operation("sell", "crm deals merge --into 42 43"));
    assert!(lacks_its_operation(
        "sell",
        "crm deals associate 42 --company 301"
    ));
    assert!(!lacks_its_operation(
        "sell",
        "crm deals associate 42 --contact 201"
    ));
}
