//! Prompts on a real terminal: `crm` runs on the slave side of a pseudo-terminal (its stdin,
//! stdout, stderr and controlling terminal), and the test types at the master side like a person.

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::cli::{run_sync, Home};

/// A `crm` child on a pseudo-terminal, and what it has written so far.
struct Terminal {
    child: std::process::Child,
    master: std::fs::File,
    output: mpsc::Receiver<Vec<u8>>,
    seen: String,
}

impl Terminal {
    fn spawn(cmd: Command) -> Terminal {
        Terminal::spawn_sized(cmd, 100)
    }

    /// A terminal `columns` wide (and 30 lines high).
    fn spawn_sized(mut cmd: Command, columns: u16) -> Terminal {
        let (mut master, mut slave) = (0, 0);
        // SAFETY: openpty writes two new descriptors; the null pointers ask for no name and defaults.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        let size = libc::winsize {
            ws_row: 30,
            ws_col: columns,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCSWINSZ reads one winsize from a valid pointer; `slave` is open.
        let rc = unsafe { libc::ioctl(slave, libc::TIOCSWINSZ, &size) };
        assert_eq!(rc, 0, "TIOCSWINSZ: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened and are owned here alone.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        cmd.stdin(Stdio::from(slave.try_clone().expect("dup")))
            .stdout(Stdio::from(slave.try_clone().expect("dup")))
            .stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls between fork and exec: a new session whose
        // controlling terminal is the pty, so /dev/tty (which dialoguer reads) is this terminal.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("crm starts");
        drop(cmd); // closes the parent's copies of the slave, so reads end when crm exits
        let master = std::fs::File::from(master);
        let mut reader = master.try_clone().expect("dup master");
        let (tx, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // EIO once the child has closed the slave: the end of its output.
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Terminal {
            child,
            master,
            output,
            seen: String::new(),
        }
    }

    /// Waits until crm has written `text`, and fails with what it wrote if it exits first.
    fn expect(&mut self, text: &str) {
        while !self.seen.contains(text) {
            match self.output.recv() {
                Ok(chunk) => self.seen.push_str(&String::from_utf8_lossy(&chunk)),
                Err(_) => panic!(
                    "crm ended without writing {text:?}; it wrote:\n{}",
                    self.seen
                ),
            }
        }
    }

    /// The terminal's local modes now (on Linux the master reports the slave's).
    fn local_modes(&self) -> libc::tcflag_t {
        // SAFETY: tcgetattr fills a plain C struct.
        let mut modes: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(self.master.as_raw_fd(), &mut modes) };
        assert_eq!(rc, 0, "tcgetattr: {}", std::io::Error::last_os_error());
        modes.c_lflag
    }

    /// Waits until crm has set the terminal up to read, judged by its local modes: a prompt
    /// that switches echo or line editing off flushes what was typed before it did.
    fn wait_for_local_mode(&mut self, off: libc::tcflag_t) {
        loop {
            // SAFETY: tcgetattr fills a plain C struct; on Linux the master reports the slave's modes.
            let mut modes: libc::termios = unsafe { std::mem::zeroed() };
            let rc = unsafe { libc::tcgetattr(self.master.as_raw_fd(), &mut modes) };
            assert_eq!(rc, 0, "tcgetattr: {}", std::io::Error::last_os_error());
            if modes.c_lflag & off == 0 {
                return;
            }
            if self.child.try_wait().expect("wait").is_some() {
                panic!(
                    "crm ended without setting the terminal up to read; it wrote:\n{}",
                    self.seen
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn type_keys(&mut self, keys: &str) {
        self.master.write_all(keys.as_bytes()).expect("type");
    }

    /// The exit code (-1 when a signal ended crm), and everything crm wrote to the terminal.
    fn finish(self) -> (i32, String) {
        let (code, screen, _) = self.finish_with_modes();
        (code, screen)
    }

    /// As [`Terminal::finish`], with the terminal's local modes once crm has exited.
    fn finish_with_modes(mut self) -> (i32, String, libc::tcflag_t) {
        let status = self.child.wait().expect("wait");
        // The reader ends (and the channel closes) once crm's side of the terminal is closed.
        while let Ok(chunk) = self.output.recv() {
            self.seen.push_str(&String::from_utf8_lossy(&chunk));
        }
        let modes = self.local_modes();
        (status.code().unwrap_or(-1), self.seen, modes)
    }
}

fn sandbox_deal_exists(home: &Home, id: &str) -> bool {
    let mut get = home.crm();
    get.args(["--profile", "sandbox", "deals", "get", id, "-o", "json"]);
    let out = run_sync(get);
    match out.code {
        0 => true,
        3 => false,
        code => panic!("deals get exited {code}: {}", out.stderr),
    }
}

#[test]
fn delete_asks_on_a_terminal_and_no_keeps_the_deal() {
    let home = Home::new();
    let mut cmd = home.crm_std();
    cmd.args(["--profile", "sandbox", "deals", "delete", "9000001"]);
    let mut term = Terminal::spawn(cmd);
    term.expect("9000001");
    term.expect("[y/N]");
    term.wait_for_local_mode(libc::ICANON);
    term.type_keys("n");
    let (code, screen) = term.finish();
    assert_eq!(code, 2, "a refused confirmation is exit 2:\n{screen}");
    assert!(screen.contains("nothing deleted"), "{screen}");
    assert!(
        sandbox_deal_exists(&home, "9000001"),
        "the deal is still there"
    );
}

#[test]
fn delete_asks_on_a_terminal_and_yes_deletes() {
    let home = Home::new();
    let mut cmd = home.crm_std();
    cmd.args(["--profile", "sandbox", "deals", "delete", "9000002"]);
    let mut term = Terminal::spawn(cmd);
    term.expect("[y/N]");
    term.wait_for_local_mode(libc::ICANON);
    term.type_keys("y");
    let (code, screen) = term.finish();
    assert_eq!(code, 0, "{screen}");
    assert!(!sandbox_deal_exists(&home, "9000002"), "the deal is gone");
}

#[test]
fn login_reads_the_token_at_a_hidden_prompt_and_never_echoes_it() {
    let home = Home::new();
    let token = "pat-na1-hidden-0123456789abcdef";
    let mut cmd = home.crm_std();
    cmd.args([
        "auth",
        "login",
        "--profile",
        "work",
        "--vendor",
        "hubspot",
        "--no-verify",
        "--insecure-storage",
    ]);
    let mut term = Terminal::spawn(cmd);
    term.expect("token for profile \"work\"");
    term.wait_for_local_mode(libc::ECHO);
    term.type_keys(token);
    term.type_keys("\r");
    let (code, screen) = term.finish();
    assert_eq!(code, 0, "{screen}");
    assert!(
        !screen.contains(token),
        "the terminal showed the token:\n{screen}"
    );
    let stored = std::fs::read_to_string(home.path().join("config").join("credentials.toml"))
        .expect("the token is stored in the file --insecure-storage names");
    assert!(stored.contains(token), "the typed token is what was stored");
}

/// A wait for the rate limit longer than a second says why on a terminal, where a person would
/// otherwise think crm hangs: here Pipedrive's burst window of 3 requests per 2 s
/// (https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting), against a cold list of 6.
#[test]
fn a_long_wait_for_the_rate_limit_says_why_on_a_terminal() {
    use crm::sandbox::{spawn, SandboxVendor, ServeArgs};
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let mut args = ServeArgs::new(SandboxVendor::Pipedrive);
    args.burst = Some("3/2s".parse().unwrap());
    let sandbox = runtime.block_on(spawn(args)).expect("sandbox starts");
    let home = Home::new();
    let mut cmd = home.crm_std();
    cmd.env("CRM_VENDOR", "pipedrive")
        .env("CRM_TOKEN", "0123456789abcdef0123456789abcdef01234567")
        .env("CRM_BASE_URL", sandbox.url())
        .args(["deals", "list", "--limit", "5"]);
    let mut term = Terminal::spawn(cmd);
    term.expect("waiting for the rate limit of 3 requests per 2 s");
    let (code, screen) = term.finish();
    assert_eq!(code, 0, "{screen}");
    assert_eq!(
        screen.matches("waiting for the rate limit").count(),
        1,
        "once a run:\n{screen}"
    );
    drop(sandbox);
}

#[test]
fn the_delete_question_names_the_deal_and_is_drawn_once_on_a_narrow_terminal() {
    let home = Home::new();
    let mut cmd = home.crm_std();
    cmd.args(["--profile", "sandbox", "deals", "delete", "9000002"]);
    // Narrower than the question's lines: they wrap, and must not be drawn again.
    let mut term = Terminal::spawn_sized(cmd, 40);
    term.expect("[y/N]");
    term.wait_for_local_mode(libc::ICANON);
    term.type_keys("n");
    let (code, screen) = term.finish();
    assert_eq!(code, 2, "{screen}");
    for shown in [
        "Wayne Enterprises: Support Plan",
        "9555 EUR",
        "Qualified To Buy",
    ] {
        assert!(
            screen.contains(shown),
            "the question shows {shown:?}:\n{screen}"
        );
    }
    assert_eq!(screen.matches("About to delete").count(), 1, "{screen}");
    assert_eq!(screen.matches("[y/N]").count(), 1, "{screen}");
}

#[test]
fn ctrl_c_at_a_prompt_leaves_the_terminal_as_it_was() {
    let home = Home::new();
    let mut cmd = home.crm_std();
    cmd.env("TERM", "xterm")
        .args(["--profile", "sandbox", "deals", "delete", "9000001"]);
    let mut term = Terminal::spawn(cmd);
    let before = term.local_modes();
    term.expect("[y/N]");
    term.wait_for_local_mode(libc::ICANON);
    term.type_keys("\x03");
    let (code, screen, after) = term.finish_with_modes();
    assert_ne!(code, 0, "Ctrl-C does not delete:\n{screen}");
    // The cursor is never hidden (`ESC[?25l` with no `ESC[?25h` left it hidden before).
    let hidden = screen.matches("\x1b[?25l").count();
    let shown = screen.matches("\x1b[?25h").count();
    assert!(hidden <= shown, "the cursor stays hidden:\n{screen:?}");
    let wanted = libc::ICANON | libc::ECHO;
    assert_eq!(
        after & wanted,
        before & wanted,
        "line editing and echo are back as they were"
    );
    assert!(
        sandbox_deal_exists(&home, "9000001"),
        "the deal is still there"
    );
}

#[test]
fn a_dumb_terminal_gets_no_escape_sequences() {
    let run_on = |term: &str| {
        let home = Home::new();
        let mut cmd = home.crm_std();
        cmd.env_remove("NO_COLOR").env("TERM", term).args([
            "--profile",
            "sandbox",
            "deals",
            "get",
            "8999999",
        ]);
        let t = Terminal::spawn(cmd);
        t.finish()
    };
    let (code, screen) = run_on("xterm-256color");
    assert_eq!(code, 3, "{screen}");
    assert!(
        screen.contains('\x1b'),
        "a colour terminal gets colour: {screen:?}"
    );
    let (code, screen) = run_on("dumb");
    assert_eq!(code, 3, "{screen}");
    assert!(screen.contains("error:"), "{screen:?}");
    assert!(!screen.contains('\x1b'), "TERM=dumb: {screen:?}");

    // Nor does the question of a delete.
    let home = Home::new();
    let mut cmd = home.crm_std();
    cmd.env_remove("NO_COLOR").env("TERM", "dumb").args([
        "--profile",
        "sandbox",
        "deals",
        "delete",
        "9000003",
    ]);
    let mut term = Terminal::spawn(cmd);
    term.expect("[y/N]");
    term.wait_for_local_mode(libc::ICANON);
    term.type_keys("n");
    let (code, screen) = term.finish();
    assert_eq!(code, 2, "{screen}");
    assert!(!screen.contains('\x1b'), "TERM=dumb: {screen:?}");
}

#[test]
fn a_summary_on_a_terminal_is_a_chart_coloured_unless_told_not_to() {
    let run_on = |no_color: bool, flags: &[&str]| {
        let home = Home::new();
        let mut cmd = home.crm_std();
        cmd.env_remove("NO_COLOR").env("TERM", "xterm-256color");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        cmd.args(["--profile", "sandbox-pipedrive", "deals", "summary"])
            .args(flags);
        Terminal::spawn_sized(cmd, 100).finish()
    };
    let bars = ['█', '▉', '▊', '▋', '▌', '▍', '▎', '▏'];
    let (code, screen) = run_on(false, &[]);
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains(bars), "a terminal gets the chart: {screen}");
    assert!(screen.contains("\x1b["), "and in colour: {screen:?}");
    for (no_color, flags) in [(true, &[][..]), (false, &["--color", "never"][..])] {
        let (code, screen) = run_on(no_color, flags);
        assert_eq!(code, 0, "{screen}");
        assert!(screen.contains(bars), "{screen}");
        assert!(
            !screen.contains('\x1b'),
            "NO_COLOR / --color never: {screen:?}"
        );
    }
    // The same command into a pipe: the numbers as JSON, no chart.
    let home = Home::new();
    let out = crate::support::cli::crm(&home, "sandbox-pipedrive", "deals summary").run_sync();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.json()["groups"].is_array(), "{}", out.stdout);
    assert!(!out.stdout.contains(bars), "{}", out.stdout);
}
