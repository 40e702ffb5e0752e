//! Completion scripts, man pages and the README's vendor table, generated from crm's clap
//! definition and capability data and checked in. `cargo run --example generate` rewrites them;
//! tests fail when they fall behind the code.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

use crm::cli::{vendors, Cli};

/// The one command that brings `completions/`, `man/` and the README table up to date, run from the repository root.
pub const REGENERATE: &str = "cargo run --example generate";

/// The shells we ship completion scripts for.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// Writes `completions/` and `man/` under `root`, replacing the files already there (so a
/// removed subcommand's page disappears too), and the vendor table of `root/README.md` when
/// there is one. Returns the files written, sorted.
pub fn write_all(root: &Path) -> io::Result<Vec<PathBuf>> {
    let completions = root.join("completions");
    let man = root.join("man");
    for dir in [&completions, &man] {
        clear_files(dir)?;
        fs::create_dir_all(dir)?;
    }
    let mut cmd = Cli::command();
    for shell in SHELLS {
        clap_complete::generate_to(shell, &mut cmd, "crm", &completions)?;
    }
    // One page for `crm` and one per visible subcommand: `crm-deals-list.1`.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let source = format!("crm {}", cmd.get_version().unwrap_or_default());
    write_man_pages(&cmd, &source, &man)?;
    let mut written = Vec::new();
    for dir in [&completions, &man] {
        for entry in fs::read_dir(dir)? {
            written.push(entry?.path());
        }
    }
    let readme = root.join("README.md");
    if readme.exists() {
        let text = fs::read_to_string(&readme)?;
        let updated = vendors::with_readme_table(&text)
            .map_err(|problem| io::Error::new(io::ErrorKind::InvalidData, problem))?;
        if updated != text {
            fs::write(&readme, updated)?;
        }
        written.push(readme);
    }
    written.sort();
    Ok(written)
}

/// What `clap_mangen::generate_to` does, but every page's footer says `source`, "crm 0.1.0",
/// rather than the bare subcommand name ("list 0.1.0").
fn write_man_pages(cmd: &clap::Command, source: &str, dir: &Path) -> io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_man_pages(sub, source, dir)?;
    }
    clap_mangen::Man::new(cmd.clone())
        .source(source.to_string())
        .manual("crm manual")
        .generate_to(dir)?;
    Ok(())
}

fn clear_files(dir: &Path) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}
