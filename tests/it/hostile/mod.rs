//! Issue 15: hostile input and hostile networks. No panic, no silent stop: a fast and exact
//! failure, with the exit code of DESIGN §2 and a message that names what was wrong.

mod conflicts;
mod exits;
mod input;
mod network;
mod unknown;
mod writes;

use crate::support::cli::{crm, Home};

/// The built-in sandbox of each vendor, and a contact its creates can take (Sell requires one).
pub(super) const PROFILES: [(&str, &str); 3] = [
    ("sandbox", "5101"),
    ("sandbox-pipedrive", "1"),
    ("sandbox-sell", "300001"),
];

/// How many live deals the profile's sandbox holds.
pub(super) async fn count(home: &Home, profile: &str) -> usize {
    let out = crm(home, profile, "deals list --all -o ndjson").await;
    out.assert_exit(0);
    out.stdout.lines().filter(|l| !l.trim().is_empty()).count()
}
