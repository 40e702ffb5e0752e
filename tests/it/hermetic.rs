//! No test can reach the developer's own keyring: the commands of the suite that touch the OS
//! keyring run here beside a fake session bus, placed where the D-Bus library's fallback looks
//! for the user's bus (`$XDG_RUNTIME_DIR/bus`, else `/run/user/$UID/bus`), and not one
//! connection may arrive. The same recorder does see the connection of a command run without the
//! explicit bus address that `Home::crm` sets, so the proof fails if that address goes away.

#![cfg(target_os = "linux")]

use std::os::unix::net::UnixListener;
use std::path::Path;

use crate::support::cli::{crm, run_sync, Home, Run, To};

const TOKEN: &str = "pat-na1-hermetic-0000-0000-0000-000000000000";

/// A socket named `bus` in `dir` that accepts nothing by itself: [`FakeBus::connections`] takes
/// whatever connected since (a client's `connect` completes in the listen backlog).
struct FakeBus {
    listener: UnixListener,
}

impl FakeBus {
    fn in_dir(dir: &Path) -> FakeBus {
        let listener = UnixListener::bind(dir.join("bus")).expect("bind the fake bus");
        listener.set_nonblocking(true).expect("nonblocking");
        FakeBus { listener }
    }

    /// How many clients connected since the last call (each is closed at once).
    fn connections(&self) -> usize {
        let mut n = 0;
        loop {
            match self.listener.accept() {
                Ok(_) => n += 1,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return n,
                Err(e) => panic!("fake bus: {e}"),
            }
        }
    }
}

/// Every command shape of the suite that reaches the keyring store (login without
/// `--insecure-storage`, a keyring profile's token read by a command or by `auth status`,
/// logout, and `profiles remove`), each checked to have reached the store and found it absent.
#[test]
fn the_suites_keyring_commands_never_reach_the_users_session_bus() {
    let home = Home::new();
    let runtime = tempfile::tempdir().unwrap();
    let bus = FakeBus::in_dir(runtime.path());
    // crm in this home, its runtime directory the fake bus's.
    let command = |args: &str| crm(&home, To::Default, args).env("XDG_RUNTIME_DIR", runtime.path());
    let keyring_said = |out: &Run| {
        let text = format!("{}{}", out.stdout, out.stderr);
        assert!(
            text.contains("keyring"),
            "the command did not reach the keyring store: {text}"
        );
    };

    // tests/it/auth.rs: login to the keyring (exit 4: no keyring here).
    let out = command("auth login --vendor sell --with-token --no-verify")
        .stdin(TOKEN)
        .run_sync();
    out.assert_exit(4);
    keyring_said(&out);

    // A keyring profile: its token is read by a command and by `auth status`.
    let out = command("profiles add hub --vendor hubspot").run_sync();
    out.assert_exit(0);
    let out = command("--profile hub deals list").run_sync();
    out.assert_exit(4);
    keyring_said(&out);
    let out = command("auth status --no-verify -o json").run_sync();
    keyring_said(&out);
    let out = command("auth logout --profile hub").run_sync();
    keyring_said(&out);

    // tests/it/profiles.rs: `profiles remove` deletes the profile's keyring entry.
    let out = command("profiles remove hub").run_sync();
    keyring_said(&out);

    assert_eq!(
        bus.connections(),
        0,
        "a test command connected to the user's session bus"
    );

    // The recorder works: without the explicit address, the same kind of command finds it.
    let mut cmd = home.crm();
    cmd.env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("XDG_RUNTIME_DIR", runtime.path())
        .args(["profiles", "add", "probe", "--vendor", "hubspot"]);
    assert_eq!(run_sync(cmd).code, 0);
    let mut cmd = home.crm();
    cmd.env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("XDG_RUNTIME_DIR", runtime.path())
        .args(["auth", "status", "--profile", "probe", "--no-verify"]);
    run_sync(cmd);
    assert!(
        bus.connections() >= 1,
        "the fake bus saw nothing even from a command without an explicit bus address"
    );
}
