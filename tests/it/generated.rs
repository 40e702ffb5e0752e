//! The checked-in completion scripts and man pages: current with the clap definition, and
//! accepted by the shells and by man. A shell that is not installed is skipped loudly, unless
//! `CRM_REQUIRE_SHELLS=1` (CI sets it after installing them).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crm_generate::{write_all, REGENERATE};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files under `dir`'s `completions/` and `man/`, by path relative to `dir`.
fn generated_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for sub in ["completions", "man"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("dir entry").path();
            if path.is_file() {
                let name = format!("{sub}/{}", path.file_name().unwrap().to_string_lossy());
                files.insert(name, std::fs::read(&path).expect("readable"));
            }
        }
    }
    files
}

#[test]
fn completions_and_man_pages_are_current() {
    let fresh_dir = tempfile::tempdir().expect("temp dir");
    write_all(fresh_dir.path()).expect("generation works");
    let fresh = generated_files(fresh_dir.path());
    let checked_in = generated_files(root());
    assert!(fresh.contains_key("man/crm.1") && fresh.contains_key("completions/crm.bash"));
    let mut problems = Vec::new();
    for (name, bytes) in &fresh {
        match checked_in.get(name) {
            None => problems.push(format!("missing: {name}")),
            Some(old) if old != bytes => problems.push(format!("out of date: {name}")),
            Some(_) => {}
        }
    }
    for name in checked_in.keys().filter(|n| !fresh.contains_key(*n)) {
        problems.push(format!("no longer generated: {name}"));
    }
    assert!(
        problems.is_empty(),
        "completions/ and man/ do not match the clap definition:\n  {}\n\
         Regenerate them from the repository root and commit the result:\n    {REGENERATE}",
        problems.join("\n  ")
    );
}

/// Whether `program` is on PATH; when it is not, fails under `CRM_REQUIRE_SHELLS=1` and
/// otherwise says loudly that the check was skipped.
fn available(program: &str, package: &str) -> bool {
    found_or_skip(program, package, true)
}

/// Like [`available`], for a tool Debian does not package (PowerShell): never required.
fn optional(program: &str, package: &str) -> bool {
    found_or_skip(program, package, false)
}

fn found_or_skip(program: &str, package: &str, required_in_ci: bool) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()));
    if !found {
        assert!(
            !required_in_ci || std::env::var("CRM_REQUIRE_SHELLS").as_deref() != Ok("1"),
            "CRM_REQUIRE_SHELLS=1 but `{program}` is not installed (apt-get install {package})"
        );
        eprintln!("SKIPPED: `{program}` is not installed (apt-get install {package}); checks for it did not run");
    }
    found
}

fn completion(file: &str) -> PathBuf {
    root().join("completions").join(file)
}

/// Runs a program and returns its stdout, failing the test on a non-zero exit or stderr output.
fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "{cmd:?} failed: {stderr}"
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn bash_completion_parses_and_completes() {
    if !available("bash", "bash") {
        return;
    }
    let script = completion("crm.bash");
    run_ok(Command::new("bash").arg("-n").arg(&script));
    // Load it and ask what follows `crm deals li` and `crm -o `.
    let words = run_ok(Command::new("bash").arg("-c").arg(format!(
        r#"source '{}' || exit 1
complete -p crm >/dev/null || exit 1
COMP_WORDS=(crm deals li); COMP_CWORD=2; COMP_LINE='crm deals li'; COMP_POINT=${{#COMP_LINE}}
_crm crm li deals; echo "${{COMPREPLY[*]}}"
COMP_WORDS=(crm -o ''); COMP_CWORD=2; COMP_LINE='crm -o '; COMP_POINT=${{#COMP_LINE}}
_crm crm '' -o; echo "${{COMPREPLY[*]}}""#,
        script.display()
    )));
    let lines: Vec<&str> = words.lines().collect();
    assert_eq!(lines, ["list", "table json ndjson csv"], "{words}");
}

#[test]
fn zsh_completion_parses() {
    if !available("zsh", "zsh") {
        return;
    }
    run_ok(Command::new("zsh").arg("-n").arg(completion("_crm")));
    // Loading it defines the completion function (compdef is stubbed: no compinit needed).
    let out = run_ok(Command::new("zsh").arg("-f").arg("-c").arg(format!(
        "compdef() {{ :; }}; source '{}'; whence -w _crm",
        completion("_crm").display()
    )));
    assert_eq!(out.trim(), "_crm: function");
}

#[test]
fn fish_completion_parses_and_completes() {
    if !available("fish", "fish") {
        return;
    }
    let script = completion("crm.fish");
    run_ok(Command::new("fish").arg("--no-execute").arg(&script));
    let out = run_ok(
        Command::new("fish")
            .arg("--no-config")
            .arg("-c")
            .arg(format!(
                "source '{}'; complete -C'crm deals li'; complete -C'crm deals list --fields clo'",
                script.display()
            )),
    );
    let names: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert!(names.contains(&"list"), "{out}");
    assert!(names.contains(&"close_date"), "{out}");
}

#[test]
fn elvish_completion_compiles() {
    if !available("elvish", "elvish") {
        return;
    }
    // The `edit:` module exists only in an interactive elvish: compile the script against a
    // plain variable standing in for `edit:completion:arg-completer`.
    let script = std::fs::read_to_string(completion("crm.elv")).expect("crm.elv");
    assert!(script.contains("edit:completion:arg-completer[crm]"));
    let stand_in = format!(
        "var arg-completer = [&]\n{}",
        script.replace("edit:completion:arg-completer", "arg-completer")
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("crm.elv");
    std::fs::write(&file, stand_in).expect("write");
    run_ok(
        Command::new("elvish")
            .arg("-norc")
            .arg("-compileonly")
            .arg(&file),
    );
}

#[test]
fn powershell_completion_parses() {
    if !optional("pwsh", "powershell, from Microsoft's apt repository") {
        return;
    }
    let script = completion("_crm.ps1");
    run_ok(Command::new("pwsh").args(["-NoProfile", "-Command"]).arg(format!(
        "$e = $null; [System.Management.Automation.Language.Parser]::ParseFile('{}', [ref]$null, [ref]$e) | Out-Null; if ($e.Count) {{ $e; exit 1 }}",
        script.display()
    )));
}

#[test]
fn man_pages_render() {
    let pages = generated_files(root())
        .into_keys()
        .filter(|n| n.starts_with("man/"))
        .collect::<Vec<_>>();
    assert!(
        pages.contains(&"man/crm-deals-list.1".to_string()),
        "{pages:?}"
    );
    if available("groff", "groff-base") {
        for page in &pages {
            // -ww: every warning (undefined macros, bad escapes) on stderr, which run_ok rejects.
            run_ok(
                Command::new("groff")
                    .args(["-man", "-Tutf8", "-ww", "-z"])
                    .arg(root().join(page)),
            );
        }
    }
    if !available("man", "man-db") {
        return;
    }
    for page in pages {
        let name = page.trim_start_matches("man/").trim_end_matches(".1");
        let text = run_ok(
            Command::new("man")
                .arg("-l")
                .arg(root().join(&page))
                .env("MANWIDTH", "100")
                .env("MANPAGER", "cat")
                .env("PAGER", "cat")
                .env("MAN_KEEP_STDERR", "1"),
        );
        assert!(
            text.contains("NAME") && text.contains(name),
            "{page}:\n{text}"
        );
    }
}
