//! What an import tells: one NDJSON result per input record on stdout, progress and a summary on
//! stderr, and the failed records in `--rejects FILE`, in the input's own format.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::input::{Input, InputFormat, Original};
use crate::error::{Error, Failure, Result};
use crate::streams::Streams;

/// What became of a record, as its report line's `action` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verb {
    Created,
    Updated,
    /// Written by an upsert whose vendor does not say whether it created the deal.
    Upserted,
    /// Not written: an earlier run did it (journal), or `--skip-existing` found the deal.
    Skipped,
    Failed,
    /// A create that may have happened: its answer never came.
    Unknown,
    /// `--plan`: would be created.
    Create,
    /// `--plan`: would be updated.
    Update,
    /// `--plan`: already as the record says.
    Unchanged,
}

impl Verb {
    /// The word in the report, the summary's counts and the journal.
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Created => "created",
            Verb::Updated => "updated",
            Verb::Upserted => "upserted",
            Verb::Skipped => "skipped",
            Verb::Failed => "failed",
            Verb::Unknown => "unknown",
            Verb::Create => "create",
            Verb::Update => "update",
            Verb::Unchanged => "unchanged",
        }
    }
}

/// One record's result.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub line: usize,
    pub action: Verb,
    pub id: Option<String>,
    pub error: Option<String>,
    pub warning: Option<String>,
    pub diff: Option<Map<String, Value>>,
}

impl Outcome {
    pub fn new(line: usize, action: Verb) -> Outcome {
        Outcome {
            line,
            action,
            id: None,
            error: None,
            warning: None,
            diff: None,
        }
    }

    pub fn failed(line: usize, error: impl Into<String>) -> Outcome {
        Outcome {
            error: Some(error.into()),
            ..Outcome::new(line, Verb::Failed)
        }
    }

    fn to_json(&self) -> Value {
        let mut v =
            json!({"line": self.line, "action": self.action, "id": self.id, "error": self.error});
        if let Some(w) = &self.warning {
            v["warning"] = json!(w);
        }
        if let Some(d) = &self.diff {
            v["diff"] = Value::Object(d.clone());
        }
        v
    }
}

/// The text of an error for a report line: the message, and its hint on the same line.
pub fn describe(e: &Error) -> String {
    // A hint that lists every candidate is for a terminal; a report line keeps its start.
    const HINT_CHARS: usize = 240;
    match e.hint() {
        Some(h) => {
            let flat = h.lines().map(str::trim).collect::<Vec<_>>().join(" ");
            let short: String = flat.chars().take(HINT_CHARS).collect();
            let more = if short.len() < flat.len() { " …" } else { "" };
            format!("{e} ({short}{more})")
        }
        None => e.to_string(),
    }
}

pub struct Reporter {
    streams: Streams,
    counts: BTreeMap<&'static str, usize>,
    failures: Vec<Failure>,
    /// Input positions of the records that failed, for `--rejects`.
    pub rejected: Vec<usize>,
    /// Which input positions have a result (the others were not written, if stdout closed).
    reported: Vec<bool>,
    /// Results that wait for an earlier record's: stdout gets them in input order.
    pending: BTreeMap<usize, String>,
    /// The input position printed next.
    next: usize,
    progress: ProgressBar,
    /// Off a terminal, progress is a line on stderr at every tenth of the records (and at least
    /// every [`PROGRESS_EVERY`]): `(tenths shown, when the last line was)`.
    lines: Option<(usize, Instant)>,
    started: Instant,
}

/// The longest silence of a long import off a terminal.
const PROGRESS_EVERY: Duration = Duration::from_secs(30);

/// Imports smaller than this show no progress lines off a terminal.
const PROGRESS_FROM: usize = 100;

impl Reporter {
    pub fn new(streams: &Streams, total: usize) -> Reporter {
        // A progress bar redraws itself with escape sequences a dumb terminal would print.
        let progress = if streams.stderr_is_terminal && !streams.quiet && !streams.dumb_terminal {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} records  {per_sec}  ETA {eta}")
                    .expect("template parses"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        } else {
            ProgressBar::hidden()
        };
        Reporter {
            streams: streams.clone(),
            counts: BTreeMap::new(),
            failures: Vec::new(),
            rejected: Vec::new(),
            reported: vec![false; total],
            pending: BTreeMap::new(),
            next: 0,
            lines: (!streams.stderr_is_terminal && !streams.quiet && total >= PROGRESS_FROM)
                .then(|| (0, Instant::now())),
            progress,
            started: Instant::now(),
        }
    }

    /// Prints one record's result. `index` is the record's position in the input. When stdout
    /// has been closed the result is counted, not printed: the writes in flight settle and
    /// [`Reporter::stopped`] tells what happened.
    pub fn emit(&mut self, index: usize, outcome: Outcome) -> Result<()> {
        if let Some(seen) = self.reported.get_mut(index) {
            *seen = true;
        }
        *self.counts.entry(outcome.action.as_str()).or_default() += 1;
        if let Some(error) = &outcome.error {
            // A deal that was written but whose associations failed, or a create whose outcome
            // is unknown, is not re-imported from the rejects: that could create it twice. The
            // report line names what happened; the journal knows the create was sent.
            if outcome.id.is_none() && outcome.action != Verb::Unknown {
                self.rejected.push(index);
            }
            self.failures.push(Failure {
                record: format!("line {}", outcome.line),
                message: error.clone(),
            });
        }
        self.progress.inc(1);
        self.progress_line();
        let mut text = outcome.to_json().to_string();
        text.push('\n');
        self.pending.insert(index, text);
        self.print_ready(false)
    }

    /// Prints the results whose turn has come; with `all`, every result held (the run ends).
    fn print_ready(&mut self, all: bool) -> Result<()> {
        loop {
            let turn = match self.pending.first_key_value() {
                Some((&i, _)) if all || i == self.next => i,
                _ => return Ok(()),
            };
            let text = self.pending.remove(&turn).expect("just seen");
            self.next = turn + 1;
            match self.progress.suspend(|| self.streams.out(&text)) {
                // Noticed by the caller through `Streams::out_closed`.
                Err(Error::BrokenPipe) => {}
                other => other?,
            }
        }
    }

    /// Prints every result still held, in input order (before the summary, or an error).
    pub fn flush(&mut self) -> Result<()> {
        self.print_ready(true)
    }

    /// Off a terminal: `progress: 300/1000 records, 250/s, about 3 s left`.
    fn progress_line(&mut self) {
        let Some((tenths, at)) = self.lines else {
            return;
        };
        let total = self.reported.len().max(1);
        let done = self.progress.position() as usize;
        let now_tenths = done * 10 / total;
        if now_tenths <= tenths && at.elapsed() < PROGRESS_EVERY {
            return;
        }
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let rate = done as f64 / secs;
        let left = (total - done.min(total)) as f64 / rate.max(0.001);
        self.streams.err_line(&format!(
            "progress: {done}/{total} records, {rate:.0}/s, about {left:.0} s left"
        ));
        self.lines = Some((now_tenths, Instant::now()));
    }

    /// The end of a run whose stdout was closed by its reader: what was done, what was not
    /// (`lines` holds each input position's line), and how to finish (exit 1).
    pub fn stopped(mut self, lines: &[usize], journal: Option<&str>) -> Error {
        let _ = self.flush();
        self.progress.finish_and_clear();
        let done: usize = self.counts.values().sum();
        let counts = self.counts_text();
        let left: Vec<usize> = lines
            .iter()
            .zip(&self.reported)
            .filter(|(_, seen)| !**seen)
            .map(|(line, _)| *line)
            .collect();
        let mut summary = format!(
            "stdout was closed by its reader: crm stopped starting writes after {done} of {} \
             records",
            lines.len()
        );
        if !counts.is_empty() {
            summary.push_str(&format!(" ({})", counts.join(", ")));
        }
        if left.is_empty() {
            summary.push_str("; every record was written, but not every result printed");
        } else {
            summary.push_str(&format!(
                "; {} records were not written: {} {}",
                left.len(),
                if left.len() == 1 { "line" } else { "lines" },
                ranges(&left)
            ));
        }
        let hint = match journal {
            Some(path) => format!(
                "the journal {path} holds what was done: run the same command (with --journal \
                 {path}) to write the rest"
            ),
            None => "no --journal was given, so running the same command again writes the \
                     records above once more: import only the lines not written, and give \
                     --journal FILE to make a run resumable"
                .to_string(),
        };
        Error::OutputClosed { summary, hint }
    }

    /// How many records had each outcome: `3 created`, `1 updated`.
    fn counts_text(&self) -> Vec<String> {
        self.counts
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect()
    }

    pub fn failed(&self) -> usize {
        self.failures.len()
    }

    /// The summary line, then the exit: 8 when some records failed.
    pub fn finish(mut self, what: &str) -> Result<()> {
        self.flush()?;
        self.progress.finish_and_clear();
        let total: usize = self.counts.values().sum();
        let counts = self.counts_text();
        let summary = format!(
            "{what} {total} records in {:.1}s: {}",
            self.started.elapsed().as_secs_f64(),
            counts.join(", ")
        );
        if self.failures.is_empty() {
            self.streams.err_line(&summary);
            return Ok(());
        }
        const SHOWN: usize = 10;
        let mut failures = std::mem::take(&mut self.failures);
        let more = failures.len().saturating_sub(SHOWN);
        failures.truncate(SHOWN);
        if more > 0 {
            failures.push(Failure {
                record: format!("and {more} more"),
                message: "see the NDJSON report on stdout".into(),
            });
        }
        Err(Error::Partial { summary, failures })
    }
}

/// `3-7, 9, 12-40`: sorted numbers as ranges, the first few of them.
pub fn ranges(numbers: &[usize]) -> String {
    const SHOWN: usize = 8;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for &n in numbers {
        match spans.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => spans.push((n, n)),
        }
    }
    let mut parts: Vec<String> = spans
        .iter()
        .take(SHOWN)
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    if spans.len() > SHOWN {
        parts.push("…".into());
    }
    parts.join(", ")
}

impl Drop for Reporter {
    /// A run that ends early (an error, `--strict`) still prints the results it has, in order.
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Writes the records at `indexes` to `path` in the input's format, ready to fix and import again.
pub fn write_rejects(path: &str, input: &Input, indexes: &[usize]) -> Result<()> {
    let mut indexes = indexes.to_vec();
    indexes.sort_unstable();
    let records = indexes.iter().map(|&i| &input.records[i].original);
    let text = match input.format {
        InputFormat::Ndjson => records
            .map(|o| match o {
                Original::Line(l) => format!("{l}\n"),
                Original::Item(v) => format!("{v}\n"),
                Original::Row(r) => format!("{}\n", r.join(",")),
            })
            .collect::<String>(),
        InputFormat::Json => {
            let items: Vec<Value> = records
                .filter_map(|o| match o {
                    Original::Item(v) => Some(v.clone()),
                    _ => None,
                })
                .collect();
            serde_json::to_string_pretty(&items).expect("values serialise") + "\n"
        }
        InputFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new());
            let mut rows = vec![input.header.clone()];
            rows.extend(records.filter_map(|o| match o {
                Original::Row(r) if !r.is_empty() => Some(r.clone()),
                _ => None,
            }));
            for row in rows {
                w.write_record(&row)
                    .map_err(|e| Error::internal(format!("rejects: {e}")))?;
            }
            String::from_utf8(w.into_inner().map_err(|e| Error::internal(e.to_string()))?)
                .expect("csv is utf-8")
        }
    };
    std::fs::write(path, text)
        .map_err(|e| Error::usage(format!("cannot write the rejects file {path}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_ranges() {
        assert_eq!(ranges(&[3, 4, 5, 7, 9, 10]), "3-5, 7, 9-10");
        assert_eq!(ranges(&[]), "");
        let many: Vec<usize> = (1..40).step_by(2).collect();
        assert!(ranges(&many).ends_with(", …"));
    }
}
