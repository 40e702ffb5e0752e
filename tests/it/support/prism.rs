//! Finding and running Prism (`@stoplight/prism-cli`), one process per spec file.
//!
//! Where things are looked for:
//! - Prism: `$PRISM_BIN`, else `$PRISM_DIR/node_modules/.bin/prism`, with
//!   `PRISM_DIR` defaulting to `<repo>/target/prism` (where `scripts/test` and
//!   `.ci/run` install it);
//! - the vendors' OpenAPI files: `$CRM_SPECS_DIR`, default `<repo>/../shared/specs`.
//!   They stay outside the repository and are never copied or edited.
//!
//! When either is missing the contract tests are skipped with a notice on the
//! real stderr, unless `CRM_REQUIRE_CONTRACT=1` (CI), where that is a failure.
//!
//! Every Prism runs under a tiny `sh` wrapper that kills it when our end of its
//! stdin closes, i.e. when the test process exits for whatever reason: the
//! shared instances live in statics, which Rust never drops.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The Prism release the harness is written against (see `scripts/test`).
pub const PRISM_VERSION: &str = "5.14.2";

/// How long one Prism may take to load its file and listen. The Pipedrive
/// files (1-2 MB of YAML) take ~4 s on an idle 2-core machine; CI is slower.
const READY_TIMEOUT: Duration = Duration::from_secs(120);

/// Attempts per process: a port picked as free can be taken before Prism binds it.
const START_ATTEMPTS: usize = 3;

/// Kills the child (`$1…`) once stdin reaches EOF; exits with the child's status.
/// Background jobs of a non-interactive shell get `/dev/null` as stdin, hence fd 3.
const WRAPPER: &str = r#"exec 3<&0 </dev/null
"$@" &
pid=$!
{ cat <&3 >/dev/null; kill "$pid" 2>/dev/null; } &
wait "$pid""#;

/// What the contract tests need from the machine.
#[derive(Debug, Clone)]
pub struct Toolchain {
    pub prism: PathBuf,
    pub specs: PathBuf,
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

pub fn specs_dir() -> PathBuf {
    env_path("CRM_SPECS_DIR").unwrap_or_else(|| repo_root().join("..").join("shared").join("specs"))
}

pub fn prism_bin() -> PathBuf {
    env_path("PRISM_BIN").unwrap_or_else(|| {
        env_path("PRISM_DIR")
            .unwrap_or_else(|| repo_root().join("target").join("prism"))
            .join("node_modules")
            .join(".bin")
            .join("prism")
    })
}

/// `CRM_REQUIRE_CONTRACT=1`: missing Prism or specs fail the test instead of skipping it.
pub fn contract_required() -> bool {
    std::env::var("CRM_REQUIRE_CONTRACT").is_ok_and(|v| v == "1")
}

impl Toolchain {
    /// Looks for Prism and the spec directory; `Err` says what is missing.
    pub fn find() -> Result<Toolchain, String> {
        let specs = specs_dir();
        let prism = prism_bin();
        let mut missing = Vec::new();
        if !specs.is_dir() {
            missing.push(format!(
                "spec directory {} (set CRM_SPECS_DIR)",
                specs.display()
            ));
        }
        if !prism.is_file() {
            missing.push(format!(
                "Prism at {} (run scripts/test, or set PRISM_BIN / PRISM_DIR)",
                prism.display()
            ));
        }
        if !on_path("node") {
            missing.push("Node.js (`node` on PATH), which Prism runs on".to_string());
        }
        if missing.is_empty() {
            Ok(Toolchain { prism, specs })
        } else {
            Err(format!("missing {}", missing.join(" and ")))
        }
    }

    /// The toolchain, or `None` after a loud notice (once per test binary) when
    /// it is absent and not required. Panics when `CRM_REQUIRE_CONTRACT=1`.
    pub fn for_contract_tests() -> Option<Toolchain> {
        static FOUND: OnceLock<Result<Toolchain, String>> = OnceLock::new();
        static NOTICE: std::sync::Once = std::sync::Once::new();
        match FOUND.get_or_init(Toolchain::find) {
            Ok(tc) => Some(tc.clone()),
            Err(why) if contract_required() => {
                panic!("contract tests required (CRM_REQUIRE_CONTRACT=1) but {why}")
            }
            Err(why) => {
                NOTICE.call_once(|| {
                    // Straight to fd 2: libtest captures eprintln! of passing tests.
                    let _ = writeln!(
                        std::io::stderr(),
                        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
                         !!! CONTRACT TESTS SKIPPED: {why}\n\
                         !!! Requests are NOT being checked against the vendors' OpenAPI files.\n\
                         !!! Run scripts/test to install Prism; CI sets CRM_REQUIRE_CONTRACT=1.\n\
                         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                    );
                });
                None
            }
        }
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// `prism mock` (static examples, or `-d` generated from the schemas with a
/// fixed seed) or `prism proxy` to an upstream base URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PrismMode {
    Mock { dynamic: bool },
    Proxy { upstream: String },
}

/// Prism prints this once it has loaded the file and listens. Waiting for the
/// line, rather than probing with a request, matters in proxy mode: a probe
/// would be forwarded to the upstream.
const READY_LINE: &str = "Prism is listening on";

/// Lines of Prism's output kept for error messages.
const KEEP_LINES: usize = 40;

/// Prism's output as read so far: the last lines, and whether it is ready.
#[derive(Default)]
struct Output {
    tail: VecDeque<String>,
    ready: bool,
}

/// One running Prism. Dropping it stops the process.
pub struct PrismProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    output: Arc<Mutex<Output>>,
    pub addr: SocketAddr,
    pub label: String,
}

impl PrismProcess {
    /// Starts Prism on `spec` (relative to the spec directory) and waits until it answers.
    pub fn start(tc: &Toolchain, spec: &str, mode: &PrismMode) -> Result<PrismProcess, String> {
        start_all(tc, &[(spec, mode.clone())]).map(|mut v| v.remove(0))
    }

    fn spawn(tc: &Toolchain, spec: &str, mode: &PrismMode) -> Result<PrismProcess, String> {
        let spec_path = tc.specs.join(spec);
        if !spec_path.is_file() {
            return Err(format!("spec file {} not found", spec_path.display()));
        }
        let port = free_port()?;
        let label = match mode {
            PrismMode::Mock { dynamic: false } => format!("mock {spec}"),
            PrismMode::Mock { dynamic: true } => format!("mock -d {spec}"),
            PrismMode::Proxy { upstream } => format!("proxy {spec} -> {upstream}"),
        };
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(WRAPPER).arg("crm-prism").arg(&tc.prism);
        match mode {
            PrismMode::Mock { dynamic } => {
                cmd.arg("mock");
                if *dynamic {
                    // A fixed seed keeps generated bodies the same from run to run.
                    cmd.args(["-d", "--seed", "crm-contract"]);
                }
                cmd.arg(&spec_path);
            }
            PrismMode::Proxy { upstream } => {
                cmd.arg("proxy").arg(&spec_path).arg(upstream);
            }
        }
        cmd.args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", tc.prism.display()))?;
        let stdin = child.stdin.take();
        let output = Arc::new(Mutex::new(Output::default()));
        if let Some(out) = child.stdout.take() {
            drain(out, output.clone());
        }
        if let Some(err) = child.stderr.take() {
            drain(err, output.clone());
        }
        Ok(PrismProcess {
            child,
            stdin,
            output,
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            label,
        })
    }

    /// `Ok(true)` once Prism listens, `Err` if it exited.
    fn poll_ready(&mut self) -> Result<bool, String> {
        if self.output.lock().unwrap_or_else(|e| e.into_inner()).ready {
            return Ok(true);
        }
        if let Ok(Some(status)) = self.child.try_wait() {
            std::thread::sleep(Duration::from_millis(100)); // let the readers finish
            return Err(format!(
                "Prism ({}) exited with {status} before listening:\n{}",
                self.label,
                self.output_tail()
            ));
        }
        Ok(false)
    }

    /// The last lines Prism printed (it logs each request and its violations).
    pub fn output_tail(&self) -> String {
        let out = self.output.lock().unwrap_or_else(|e| e.into_inner());
        out.tail.iter().cloned().collect::<Vec<_>>().join("\n")
    }
}

/// Reads Prism's output to the end (so its pipe never fills), keeping the tail.
fn drain(stream: impl Read + Send + 'static, output: Arc<Mutex<Output>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            let mut out = output.lock().unwrap_or_else(|e| e.into_inner());
            out.ready |= line.contains(READY_LINE);
            if out.tail.len() == KEEP_LINES {
                out.tail.pop_front();
            }
            out.tail.push_back(line);
        }
    });
}

impl Drop for PrismProcess {
    fn drop(&mut self) {
        drop(self.stdin.take()); // the wrapper kills Prism and exits
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts several Prisms at once (startup is CPU-bound parsing; overlapping
/// the waits is what saves time) and waits for all of them.
pub fn start_all(tc: &Toolchain, specs: &[(&str, PrismMode)]) -> Result<Vec<PrismProcess>, String> {
    let mut procs = specs
        .iter()
        .map(|(spec, mode)| PrismProcess::spawn(tc, spec, mode))
        .collect::<Result<Vec<_>, _>>()?;
    let mut attempts = vec![1; procs.len()];
    let mut ready = vec![false; procs.len()];
    let deadline = Instant::now() + READY_TIMEOUT;
    while ready.iter().any(|r| !r) {
        for i in 0..procs.len() {
            if ready[i] {
                continue;
            }
            match procs[i].poll_ready() {
                Ok(r) => ready[i] = r,
                Err(e) if attempts[i] < START_ATTEMPTS && e.contains("EADDRINUSE") => {
                    attempts[i] += 1;
                    procs[i] = PrismProcess::spawn(tc, specs[i].0, &specs[i].1)?;
                }
                Err(e) => return Err(e),
            }
        }
        if Instant::now() > deadline {
            let slow: Vec<String> = (0..procs.len())
                .filter(|&i| !ready[i])
                .map(|i| format!("{}:\n{}", procs[i].label, procs[i].output_tail()))
                .collect();
            return Err(format!(
                "Prism not answering after {READY_TIMEOUT:?}: {}",
                slow.join(", ")
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(procs)
}

fn free_port() -> Result<u16, String> {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}
