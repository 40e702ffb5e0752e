//! Running the real `crm` binary in a hermetic environment: no inherited variables, fresh
//! config, cache and data directories, fast retries, and no way to the user's OS keyring.
//!
//! The keyring is the one store that a fresh directory does not isolate. On Linux crm reaches
//! the Secret Service over the D-Bus session bus, and with `DBUS_SESSION_BUS_ADDRESS` unset the
//! D-Bus library falls back to `$XDG_RUNTIME_DIR/bus`, then `/run/user/$UID/bus`: the desktop
//! user's own bus. So every command gets an explicit session bus address that leads nowhere
//! (a socket path in the test's temporary home that nothing listens on); keyring calls fail
//! there as on a headless host. `tests/it/hermetic.rs` proves it with a bus that records
//! connections. Only `tests/it/keyring.rs` talks to a real Secret Service, and only inside the
//! private `dbus-run-session` that `scripts/test` starts.
//!
//! macOS and Windows have no bus to redirect: their Keychain / Credential Manager is always the
//! user's own. There the helpers refuse to start crm unless `CRM_KEYRING_TEST=1` says the
//! developer accepts that tests may add and remove `crm`/`crm-it-*` entries in it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A sandboxed home for one test: its own config, cache and data directories.
pub struct Home {
    dir: TempDir,
}

impl Home {
    pub fn new() -> Self {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `crm` with no inherited environment but PATH, and this home's directories.
    pub fn crm(&self) -> Command {
        Command::from_std(self.crm_std())
    }

    /// The same as [`Home::crm`], as a `std::process::Command`: for tests that wire up the
    /// child's stdout themselves (a closed pipe, a shell pipeline).
    pub fn crm_std(&self) -> std::process::Command {
        refuse_the_users_keyring();
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_crm"));
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("DBUS_SESSION_BUS_ADDRESS", self.no_bus_address())
            .env("CRM_CONFIG_DIR", self.dir.path().join("config"))
            .env("CRM_CACHE_DIR", self.dir.path().join("cache"))
            .env("CRM_DATA_DIR", self.data_dir())
            .env("CRM_RETRY_BASE_MS", "10")
            .env("NO_COLOR", "1");
        cmd
    }

    /// `sh -c SCRIPT` in this home's folder, with crm's hermetic environment and the `crm`
    /// under test first on PATH: for a test that runs a line as a user's shell would.
    pub fn sh(&self, script: &str) -> std::process::Command {
        let hermetic = self.crm_std();
        let mut sh = std::process::Command::new("sh");
        sh.env_clear();
        for (key, value) in hermetic.get_envs() {
            if let Some(value) = value {
                sh.env(key, value);
            }
        }
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_crm"))
            .parent()
            .expect("crm's folder");
        let inherited = std::env::var_os("PATH").unwrap_or_default();
        let path = std::iter::once(bin_dir.to_path_buf()).chain(std::env::split_paths(&inherited));
        sh.env("PATH", std::env::join_paths(path).expect("a PATH"))
            .current_dir(self.path())
            .args(["-c", script]);
        sh
    }

    /// A D-Bus address in this home where nothing listens: the session bus every command gets,
    /// so no keyring call can fall back to the user's bus.
    pub fn no_bus_address(&self) -> String {
        format!(
            "unix:path={}",
            self.dir.path().join("no-session-bus").display()
        )
    }
}

/// How a command is told which CRM to reach, as a user would tell it.
#[derive(Clone)]
pub enum To<'a> {
    /// Nothing: a command that needs no CRM, or the home's default profile.
    Default,
    /// `--profile NAME`.
    Profile(&'a str),
    /// `CRM_VENDOR`, `CRM_BASE_URL` and `CRM_TOKEN` (the cron route).
    Env {
        vendor: &'a str,
        base_url: String,
        token: &'a str,
    },
}

impl<'a> To<'a> {
    /// `vendor`'s account at `base_url` with `token`, through the environment.
    pub fn env(vendor: &'a str, base_url: impl ToString, token: &'a str) -> Self {
        To::Env {
            vendor,
            base_url: base_url.to_string(),
            token,
        }
    }
}

impl To<'static> {
    /// A sandbox serving `vendor` at `url`, through the environment (it takes any token).
    pub fn sandbox(vendor: &'static str, url: String) -> Self {
        To::Env {
            vendor,
            base_url: url,
            token: "sandbox-token",
        }
    }
}

impl<'a> From<&'a str> for To<'a> {
    /// A profile's name.
    fn from(profile: &'a str) -> Self {
        To::Profile(profile)
    }
}

/// A command line as a user types it, split into its arguments: words between spaces, and a
/// `'quoted part'` kept whole (`deals list --stage 'Contract Sent'`).
pub fn argv(line: &str) -> Vec<&str> {
    let mut args = Vec::new();
    let mut rest = line.trim_start();
    while !rest.is_empty() {
        let (arg, after) = match rest.strip_prefix('\'') {
            Some(quoted) => quoted.split_once('\'').expect("a closing quote"),
            None => rest.split_once(' ').unwrap_or((rest, "")),
        };
        args.push(arg);
        rest = after.trim_start();
    }
    args
}

/// What a command takes as its arguments: a list, or one command line as a user types it
/// (split by [`argv`]).
pub trait Args {
    fn to_args(&self) -> Vec<&str>;
}

impl Args for str {
    fn to_args(&self) -> Vec<&str> {
        argv(self)
    }
}

impl Args for String {
    fn to_args(&self) -> Vec<&str> {
        argv(self)
    }
}

impl Args for [&str] {
    fn to_args(&self) -> Vec<&str> {
        self.to_vec()
    }
}

impl<const N: usize> Args for [&str; N] {
    fn to_args(&self) -> Vec<&str> {
        self.to_vec()
    }
}

impl Args for Vec<&str> {
    fn to_args(&self) -> Vec<&str> {
        self.clone()
    }
}

/// `crm ARGS` in `home`, reaching the CRM `to` says: the one way the suite runs crm. Await it
/// (it runs off the async runtime, so a mock server keeps serving), or [`Crm::run_sync`] it;
/// give it input or environment first where a test needs to.
pub fn crm<'a>(home: &Home, to: impl Into<To<'a>>, args: &(impl Args + ?Sized)) -> Crm {
    let mut cmd = home.crm_std();
    match to.into() {
        To::Default => {}
        To::Profile(name) => {
            cmd.args(["--profile", name]);
        }
        To::Env {
            vendor,
            base_url,
            token,
        } => {
            cmd.env("CRM_VENDOR", vendor)
                .env("CRM_TOKEN", token)
                .env("CRM_BASE_URL", base_url);
        }
    }
    cmd.args(args.to_args());
    Crm { cmd, stdin: None }
}

/// A `crm` command ready to run: see [`crm`].
pub struct Crm {
    cmd: std::process::Command,
    stdin: Option<Vec<u8>>,
}

impl Crm {
    /// Feeds `text` to the command's stdin.
    pub fn stdin(mut self, text: impl AsRef<[u8]>) -> Self {
        self.stdin = Some(text.as_ref().to_vec());
        self
    }

    /// Sets one more environment variable.
    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// Runs the command where no async runtime needs to keep serving.
    pub fn run_sync(self) -> Run {
        run_sync(self.command())
    }

    /// The command itself, for a test that runs it its own way.
    pub fn command(self) -> Command {
        let mut cmd = Command::from_std(self.cmd);
        if let Some(input) = self.stdin {
            cmd.write_stdin(input);
        }
        cmd
    }

    /// The command as a `std::process::Command`, for a test that wires up its pipes itself.
    pub fn std(self) -> std::process::Command {
        assert!(self.stdin.is_none(), "a std command is given no stdin here");
        self.cmd
    }
}

impl std::future::IntoFuture for Crm {
    type Output = Run;
    type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Run> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(run(self.command()))
    }
}

/// Runs each of `lines` in `home` against `to`, in turn, and writes them down as a session for a
/// snapshot: `$ crm ARGS` (the arguments crm was given, joined by spaces), then what it printed
/// and its exit code.
pub async fn session<'a>(home: &Home, to: impl Into<To<'a>> + Clone, lines: &[&str]) -> String {
    let mut session = String::new();
    for line in lines {
        let out = crm(home, to.clone(), *line).await;
        let args = argv(line).join(" ");
        session.push_str(&format!("$ crm {args}\n{}\n", out.transcript()));
    }
    session
}

/// On platforms whose OS keyring cannot be redirected, refuses to run crm unless opted in.
fn refuse_the_users_keyring() {
    if cfg!(any(target_os = "macos", target_os = "windows"))
        && std::env::var("CRM_KEYRING_TEST").as_deref() != Ok("1")
    {
        panic!(
            "on this platform crm's tests would reach your own OS keyring (Keychain / Credential \
            Manager), which no environment variable redirects; run them on Linux (scripts/test), \
            or set CRM_KEYRING_TEST=1 to accept test entries under the service \"crm\""
        );
    }
}

/// What a finished command printed, and its exit code.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// Fails, showing stderr, unless the command exited `code`.
    pub fn assert_exit(&self, code: i32) {
        assert_eq!(self.code, code, "{}", self.stderr);
    }

    /// Fails, showing stderr, unless stderr says `text`.
    pub fn assert_says(&self, text: &str) {
        assert!(self.stderr.contains(text), "{}", self.stderr);
    }

    /// The line of stderr that states the error, showing all of stderr when there is none.
    pub fn error_line(&self) -> &str {
        let line = self.stderr.lines().find(|l| l.starts_with("error:"));
        line.unwrap_or_else(|| panic!("no error line in: {}", self.stderr))
    }

    /// Stdout, stderr and the exit code together, for snapshots.
    pub fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs the command to completion (off the async runtime, so a mock server keeps serving).
pub async fn run(mut cmd: Command) -> Run {
    let output = tokio::task::spawn_blocking(move || cmd.output().expect("crm runs"))
        .await
        .expect("join");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs a command that needs no server.
pub fn run_sync(mut cmd: Command) -> Run {
    let output = cmd.output().expect("crm runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn argv_splits_on_spaces_and_keeps_quoted_parts_whole() {
    assert_eq!(
        argv("deals list --stage 'Contract Sent'  -o json"),
        ["deals", "list", "--stage", "Contract Sent", "-o", "json"]
    );
    assert_eq!(
        argv("--set 'External ID=SKU-1'"),
        ["--set", "External ID=SKU-1"]
    );
}
