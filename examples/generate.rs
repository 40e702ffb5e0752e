//! Regenerates the checked-in completion scripts (`completions/`), man pages (`man/`) and the
//! README's vendor table from the clap definition and the capability data. Run it after
//! changing any command, flag, help text or capability:
//!
//!     cargo run --example generate            # writes into the repository root
//!     cargo run --example generate -- DIR     # writes into DIR/completions and DIR/man

use std::path::PathBuf;

// A developer's tool: it reports on stderr what it wrote.
#[allow(clippy::print_stderr)]
fn main() {
    let root = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    match crm_generate::write_all(&root) {
        Ok(files) => {
            for f in files {
                eprintln!("wrote {}", f.display());
            }
        }
        Err(e) => {
            eprintln!("error: generating into {}: {e}", root.display());
            std::process::exit(1);
        }
    }
}
