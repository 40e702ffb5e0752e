//! Standard output and error, shared by every part of a command, and what they are connected to.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::Error;
use crate::jq::JqFilter;

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
    /// Whether data on stdout may be coloured (the charts of `deals summary|timeline`).
    pub out_color: bool,
    /// How wide tables may be: `COLUMNS` when set, else the terminal stdout is, else unbounded.
    pub width: Option<u16>,
    /// `TERM=dumb`: a terminal that interprets no escape sequence (no progress bar redrawn).
    pub dumb_terminal: bool,
    /// Set once a write to stdout found it closed by its reader.
    out_closed: Arc<AtomicBool>,
    /// `--jq`: what stdout's JSON goes through before it is written.
    jq: Option<Arc<JqOutput>>,
}

/// The `--jq` filter and the output it has not filtered yet.
struct JqOutput {
    filter: JqFilter,
    /// Each line is a JSON value (`-o ndjson`, `crm api --paginate`): filtered as it comes.
    per_line: AtomicBool,
    /// A document (`-o json`) arrives in pieces: kept until [`Streams::finish`].
    pending: Mutex<String>,
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
            out_color: false,
            width: None,
            dumb_terminal: false,
            out_closed: Arc::new(AtomicBool::new(false)),
            jq: None,
        }
    }

    /// Sends stdout's JSON through `filter`: line by line when `per_line`, else as one document
    /// at [`Self::finish`].
    pub fn with_jq(mut self, filter: JqFilter, per_line: bool) -> Self {
        self.jq = Some(Arc::new(JqOutput {
            filter,
            per_line: AtomicBool::new(per_line),
            pending: Mutex::new(String::new()),
        }));
        self
    }

    /// From now on, each line of stdout is a JSON value of its own (a stream of items).
    pub fn json_lines(&self) {
        if let Some(jq) = &self.jq {
            jq.per_line.store(true, Ordering::SeqCst);
        }
    }

    /// Writes what `--jq` held back (a JSON document) through its filter.
    pub fn finish(&self) -> Result<(), Error> {
        let Some(jq) = &self.jq else { return Ok(()) };
        let pending = std::mem::take(&mut *jq.pending.lock().expect("jq lock"));
        if pending.trim().is_empty() {
            return Ok(());
        }
        let mut out = String::new();
        jq.filter.run_into(&mut out, &pending, true)?;
        self.write_out(&out)
    }

    /// Writes data to stdout. A closed pipe (`crm deals list | head -1`) is [`Error::BrokenPipe`]:
    /// a read ends quietly; a write in progress stops and says what it did (see [`Self::out_closed`]).
    pub fn out(&self, text: &str) -> Result<(), Error> {
        let Some(jq) = &self.jq else {
            return self.write_out(text);
        };
        if !jq.per_line.load(Ordering::SeqCst) {
            jq.pending.lock().expect("jq lock").push_str(text);
            return Ok(());
        }
        let mut out = String::new();
        jq.filter.run_into(&mut out, text, false)?;
        self.write_out(&out)
    }

    fn write_out(&self, text: &str) -> Result<(), Error> {
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
