//! Standard output and error, shared by every part of a command, and what they are connected to.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::Error;

type Sink = Arc<Mutex<Box<dyn Write + Send>>>;

/// stdout carries data only; diagnostics, notices and progress go to stderr.
#[derive(Clone)]
pub struct Streams {
    out: Sink,
    err: Sink,
    pub stdin_is_terminal: bool,
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
    pub quiet: bool,
    /// Whether diagnostics on stderr may be coloured (`--color`, `NO_COLOR`, a terminal).
    pub err_color: bool,
    /// How wide tables may be: `COLUMNS` when set, else the terminal stdout is, else unbounded.
    pub width: Option<u16>,
    /// `TERM=dumb`: a terminal that interprets no escape sequence (no progress bar redrawn).
    pub dumb_terminal: bool,
    /// Set once a write to stdout found it closed by its reader.
    out_closed: Arc<AtomicBool>,
}

impl Streams {
    pub fn system(quiet: bool) -> Self {
        Streams {
            out: Arc::new(Mutex::new(Box::new(io::stdout()))),
            err: Arc::new(Mutex::new(Box::new(io::stderr()))),
            stdin_is_terminal: io::stdin().is_terminal(),
            stdout_is_terminal: io::stdout().is_terminal(),
            stderr_is_terminal: io::stderr().is_terminal(),
            quiet,
            err_color: false,
            width: None,
            dumb_terminal: false,
            out_closed: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Writes data to stdout. A closed pipe (`crm deals list | head -1`) is [`Error::BrokenPipe`]:
    /// a read ends quietly; a write in progress stops and says what it did (see [`Self::out_closed`]).
    pub fn out(&self, text: &str) -> Result<(), Error> {
        if self.out_closed() {
            return Err(Error::BrokenPipe);
        }
        let mut out = self.out.lock().expect("stdout lock");
        out.write_all(text.as_bytes())
            .and_then(|_| out.flush())
            .map_err(|e| {
                let e = pipe_error(e);
                if matches!(e, Error::BrokenPipe) {
                    self.out_closed.store(true, Ordering::SeqCst);
                }
                e
            })
    }

    /// Whether stdout was found closed by its reader: a command that writes deals stops starting
    /// new writes.
    pub fn out_closed(&self) -> bool {
        self.out_closed.load(Ordering::SeqCst)
    }

    /// A diagnostic line on stderr, always shown.
    pub fn err_line(&self, text: &str) {
        let mut err = self.err.lock().expect("stderr lock");
        let _ = writeln!(err, "{text}");
    }

    /// An informational line on stderr, hidden by `-q`.
    pub fn notice(&self, text: &str) {
        if !self.quiet {
            self.err_line(text);
        }
    }

    /// Whether a person can answer a prompt: stdin and stderr are both terminals.
    pub fn can_prompt(&self) -> bool {
        self.stdin_is_terminal && self.stderr_is_terminal
    }
}

fn pipe_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Error::BrokenPipe
    } else {
        Error::from(e)
    }
}
