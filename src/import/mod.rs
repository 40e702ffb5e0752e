//! `crm deals import`: many deals in, every record accounted for.
//!
//! input (read, with line numbers) → map (a migration's names) → plan (validate, resolve, decide
//! the write; `--plan` stops here) → execute (batches, concurrency, journal) → report. [`run`]
//! goes through them in that order: [`read`], [`Names::load`], [`check`] and
//! [`one_write_per_deal`], then [`plan_report`] or [`write`].

pub mod execute;
pub mod input;
pub mod journal;
pub mod map;
pub mod plan;
pub mod report;
pub mod settle;

use std::collections::HashMap;

use self::execute::Job;
use self::journal::{Earlier, Journal};
use self::map::{Mapping, TargetNames};
use self::plan::{Action, Rules};
use self::report::{describe, Outcome, Reporter, Verb};
use crate::adapter::Bulk;
use crate::error::{Error, Result};
use crate::streams::Streams;

/// What the command line asked for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub source: String,
    pub format: Option<input::InputFormat>,
    pub upsert_key: Option<String>,
    pub plan: bool,
    pub journal: Option<String>,
    pub rejects: Option<String>,
    pub concurrency: usize,
    pub map: Option<String>,
    pub strict: bool,
    /// `--dry-run`: nothing is sent, so nothing may be journalled as sent.
    pub dry_run: bool,
    /// `--skip-existing`: a create whose unique value a deal already holds is skipped, not failed.
    pub skip_existing: bool,
}

const DUPLICATE_POSSIBLE: &str = "an earlier run sent this create and its outcome is unknown; \
     with no unique key to check, it was sent again and a duplicate is possible \
     (use --upsert-key to make imports exact)";

pub async fn run(options: &Options, adapter: &dyn Bulk, streams: &Streams) -> Result<()> {
    let input = read(options)?;
    let names = Names::load(options, adapter, &input).await?;
    let journal = match &options.journal {
        Some(path) if !options.dry_run => Journal::open(path)?,
        _ => Journal::none(),
    };
    let rules = Rules {
        upsert_key: options.upsert_key.as_deref(),
        mapping: names.mapping.as_ref().zip(names.target.as_ref()),
        foreign: names.implicit.as_ref().zip(names.target.as_ref()),
        target: adapter.vendor(),
    };
    let mut reporter = Reporter::new(streams, input.records.len());

    // Every record is read, mapped and checked before anything is written.
    let checked = check(
        options,
        adapter,
        &input,
        &rules,
        names.mapping.is_some(),
        &journal,
        &mut reporter,
    )
    .await?;
    let Checked {
        mut jobs,
        mut warnings,
        mut malformed,
        in_doubt,
    } = checked;
    malformed.extend(one_write_per_deal(&mut jobs, options.upsert_key.as_deref()));
    malformed.sort_by_key(|(index, _)| *index);
    if options.strict && !malformed.is_empty() {
        let count = malformed.len();
        for (index, outcome) in malformed {
            reporter.emit(index, outcome)?;
        }
        write_rejects(options, &input, &reporter)?;
        return Err(Error::usage_hint(
            format!("{count} records are malformed; with --strict nothing was written"),
            "the report on stdout names each line; fix them, or drop --strict to import the others",
        ));
    }
    for (index, outcome) in malformed {
        reporter.emit(index, outcome)?;
    }
    let lines: Vec<usize> = input.records.iter().map(|r| r.line).collect();
    if streams.out_closed() && !options.plan {
        // Closed before any write: nothing is started.
        write_rejects(options, &input, &reporter)?;
        return Err(reporter.stopped(&lines, options.journal.as_deref()));
    }

    if options.plan {
        plan_report(adapter, options, jobs, &warnings, &mut reporter).await?;
        write_rejects(options, &input, &reporter)?;
        if streams.out_closed() {
            // --plan writes nothing: a closed stdout ends it quietly, as it does a list.
            return Err(Error::BrokenPipe);
        }
        return reporter.finish("planned");
    }

    if let Some(key) = options.upsert_key.as_deref() {
        for (index, warning) in settle::in_doubt_upserts(adapter, key, &mut jobs, &in_doubt).await?
        {
            warnings.insert(index, warning.to_string());
        }
    }
    write(
        options,
        adapter,
        &journal,
        jobs,
        &warnings,
        streams,
        &mut reporter,
    )
    .await?;
    write_rejects(options, &input, &reporter)?;
    if streams.out_closed() {
        return Err(reporter.stopped(&lines, options.journal.as_deref()));
    }
    reporter.finish("imported")
}

/// The records of `--source`; none is a usage error.
fn read(options: &Options) -> Result<input::Input> {
    let input = input::read(&options.source, options.format)?;
    if input.records.is_empty() {
        let source = match options.source.as_str() {
            "-" => "stdin",
            file => file,
        };
        return Err(Error::usage_hint(
            format!("no records in {source}: nothing to import"),
            "give deals in the common JSON shape: one per line, a JSON array, or CSV with a header \
             and rows",
        ));
    }
    Ok(input)
}

/// The names a migration maps: `--map FILE`, or the implicit mapping of records exported from
/// another CRM, with the target account's pipelines, users and custom fields they map onto.
struct Names {
    mapping: Option<Mapping>,
    implicit: Option<Mapping>,
    target: Option<TargetNames>,
}

impl Names {
    async fn load(options: &Options, adapter: &dyn Bulk, input: &input::Input) -> Result<Names> {
        let mapping = options.map.as_deref().map(Mapping::load).transpose()?;
        // Records exported from another CRM (their `vendor` says which) and no --map: names are
        // matched as they are, never the source's ids.
        let probe = Rules {
            upsert_key: None,
            mapping: None,
            foreign: None,
            target: adapter.vendor(),
        };
        let implicit = (mapping.is_none()
            && input
                .records
                .iter()
                .any(|r| r.value.as_ref().is_ok_and(|v| probe.is_foreign(v))))
        .then(Mapping::implicit);
        let target = match (&mapping, &implicit) {
            (None, None) => None,
            _ => Some(TargetNames {
                pipelines: adapter.pipelines().await?,
                users: adapter.users().await?,
                custom: match &implicit {
                    Some(_) => adapter
                        .custom_fields_info()
                        .await?
                        .into_iter()
                        .map(|f| f.name)
                        .collect(),
                    None => Vec::new(),
                },
            }),
        };
        Ok(Names {
            mapping,
            implicit,
            target,
        })
    }
}

/// The records checked: the writes to make, the warnings to give with them (by record index),
/// the records that cannot be written, and the upserts an earlier run left in doubt (indexes in
/// `jobs`).
struct Checked {
    jobs: Vec<Job>,
    warnings: HashMap<usize, String>,
    malformed: Vec<(usize, Outcome)>,
    in_doubt: Vec<usize>,
}

/// Maps, validates and resolves every record, without writing anything. A record an earlier run
/// wrote (journal) is reported as skipped here.
async fn check(
    options: &Options,
    adapter: &dyn Bulk,
    input: &input::Input,
    rules: &Rules<'_>,
    mapped: bool,
    journal: &Journal,
    reporter: &mut Reporter,
) -> Result<Checked> {
    let mut jobs = Vec::new();
    let mut warnings: HashMap<usize, String> = HashMap::new();
    let mut notes: HashMap<usize, String> = HashMap::new();
    let mut malformed = Vec::new();
    let mut in_doubt = Vec::new();
    let upsert_links = adapter.upsert_links();
    for (index, record) in input.records.iter().enumerate() {
        let hash = journal::hash(&record.original.text());
        let earlier = journal.earlier(record.line, &hash);
        match earlier {
            Some(Earlier::Done { action, id }) if !options.plan => {
                let outcome = Outcome {
                    id: id.clone(),
                    warning: Some(format!("{action} by an earlier run (journal)")),
                    ..Outcome::new(record.line, Verb::Skipped)
                };
                reporter.emit(index, outcome)?;
                continue;
            }
            _ => {}
        }
        let foreign = !mapped && record.value.as_ref().is_ok_and(|v| rules.is_foreign(v));
        let prepared = record.value.clone().and_then(|v| rules.prepare(v));
        let checked = match prepared {
            Err(e) => Err(e),
            Ok((mut input, action)) => {
                if let Some(note) = plan::leave_associations(&mut input, &action, upsert_links) {
                    notes.insert(index, note);
                }
                let creating = action == Action::Create;
                let valid = match input.check_name(creating) {
                    Ok(()) => adapter.validate(&input, creating).await,
                    Err(e) => Err(e),
                };
                match valid {
                    Ok(()) => Ok((input, action)),
                    Err(e @ Error::DryRunStop(_)) => return Err(e),
                    Err(e) if foreign => Err(format!(
                        "{}; the record comes from another CRM: --map FILE says what its names \
                         become and gives defaults (see `crm deals import --help`)",
                        describe(&e)
                    )),
                    Err(e) => Err(describe(&e)),
                }
            }
        };
        match checked {
            Ok((input, action)) => {
                // An upsert settles an unconfirmed write by its key; a keyless create cannot.
                if earlier == Some(&Earlier::SentUnconfirmed) {
                    match action {
                        Action::Create => {
                            warnings.insert(index, DUPLICATE_POSSIBLE.to_string());
                        }
                        Action::Upsert(_) => in_doubt.push(jobs.len()),
                        Action::Update(_) => {}
                    }
                }
                jobs.push(Job {
                    index,
                    line: record.line,
                    hash,
                    input,
                    action,
                })
            }
            Err(e) => malformed.push((index, Outcome::failed(record.line, e))),
        }
    }
    for (index, note) in notes {
        warnings
            .entry(index)
            .and_modify(|w| *w = format!("{w}; {note}"))
            .or_insert(note);
    }
    Ok(Checked {
        jobs,
        warnings,
        malformed,
        in_doubt,
    })
}

/// One import writes each deal once: a key (an upsert key's value, or an id) seen on an earlier
/// record makes the later records fail, so no batch ever carries one key twice. Returns the
/// failed records; `jobs` keeps the others.
fn one_write_per_deal(jobs: &mut Vec<Job>, upsert_key: Option<&str>) -> Vec<(usize, Outcome)> {
    let mut failed = Vec::new();
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    let mut kept = std::collections::HashSet::with_capacity(jobs.len());
    for job in jobs.iter() {
        let key = match &job.action {
            Action::Update(id) => Some(id.as_str()),
            Action::Upsert(value) => Some(value.as_str()),
            Action::Create => None,
        };
        match key.map(|k| (k, first_line.get(k).copied())) {
            Some((k, Some(line))) => {
                let what = match (&job.action, upsert_key) {
                    (Action::Upsert(_), Some(field)) => format!("{field} {k:?}"),
                    _ => format!("id {k}"),
                };
                let error = format!(
                    "duplicate: line {line} has the same {what}, and one import writes each \
                     deal once (merge the two records, or drop one)"
                );
                failed.push((job.index, Outcome::failed(job.line, error)));
            }
            Some((k, None)) => {
                first_line.insert(k, job.line);
                kept.insert(job.index);
            }
            None => {
                kept.insert(job.index);
            }
        }
    }
    jobs.retain(|j| kept.contains(&j.index));
    failed
}

/// Sends the writes and reports each record's outcome as its batch completes.
async fn write(
    options: &Options,
    adapter: &dyn Bulk,
    journal: &Journal,
    jobs: Vec<Job>,
    warnings: &HashMap<usize, String>,
    streams: &Streams,
    reporter: &mut Reporter,
) -> Result<()> {
    let to = execute::Sender {
        adapter,
        upsert_key: options.upsert_key.as_deref(),
        journal,
        name_holders: options.skip_existing,
    };
    execute::run(
        to,
        jobs,
        options.concurrency,
        &|| streams.out_closed(),
        |job, result| {
            let outcome = match result {
                Ok(written) => Outcome {
                    id: Some(written.deal.id.clone()),
                    error: (!written.failures.is_empty()).then(|| {
                        written
                            .failures
                            .iter()
                            .map(|f| format!("{}: {}", f.record, f.message))
                            .collect::<Vec<_>>()
                            .join("; ")
                    }),
                    warning: warnings.get(&job.index).cloned(),
                    ..Outcome::new(job.line, execute::verb(job, &written))
                },
                Err(Error::Conflict {
                    message, existing, ..
                }) if options.skip_existing && !existing.is_empty() => Outcome {
                    id: Some(existing),
                    warning: Some(message),
                    ..Outcome::new(job.line, Verb::Skipped)
                },
                Err(e) => {
                    // A create that may have happened is not a reject to send again: neither a
                    // plain create nor an upsert that had to create (Pipedrive's search-then-
                    // create), whose deal a later run with the journal finds by its key.
                    let unknown = matches!(job.action, Action::Create | Action::Upsert(_))
                        && matches!(
                            e,
                            Error::Transient {
                                outcome_unknown: Some(_),
                                ..
                            }
                        );
                    let failed = Outcome::failed(job.line, describe(&e));
                    Outcome {
                        action: if unknown {
                            Verb::Unknown
                        } else {
                            failed.action
                        },
                        warning: warnings.get(&job.index).cloned(),
                        ..failed
                    }
                }
            };
            reporter.emit(job.index, outcome)
        },
    )
    .await
}

fn write_rejects(options: &Options, input: &input::Input, reporter: &Reporter) -> Result<()> {
    match &options.rejects {
        Some(path) => report::write_rejects(path, input, &reporter.rejected),
        None => Ok(()),
    }
}

/// `--plan`: reads the deals the records would touch and says, for each, what would happen.
async fn plan_report(
    adapter: &dyn Bulk,
    options: &Options,
    jobs: Vec<Job>,
    warnings: &HashMap<usize, String>,
    reporter: &mut Reporter,
) -> Result<()> {
    let key = options.upsert_key.as_deref().unwrap_or("id");
    let wanted: Vec<String> = jobs
        .iter()
        .filter_map(|j| match &j.action {
            Action::Update(v) | Action::Upsert(v) => Some(v.clone()),
            Action::Create => None,
        })
        .collect();
    let existing = if wanted.is_empty() {
        Vec::new()
    } else {
        adapter.read_by_key(key, &wanted).await?
    };
    let by_key: HashMap<String, &crate::model::Deal> = existing
        .iter()
        .filter_map(|d| settle::key_of(d, key).map(|k| (k, d)))
        .collect();
    for job in jobs {
        let found = match &job.action {
            Action::Update(v) | Action::Upsert(v) => by_key.get(v).copied(),
            Action::Create => None,
        };
        let outcome = match (&job.action, found) {
            (Action::Update(id), None) => {
                Outcome::failed(job.line, format!("there is no deal {id}"))
            }
            (_, None) => Outcome::new(job.line, Verb::Create),
            (_, Some(deal)) => {
                let diff = plan::diff(&job.input, deal);
                let verb = if diff.is_empty() {
                    Verb::Unchanged
                } else {
                    Verb::Update
                };
                Outcome {
                    id: Some(deal.id.clone()),
                    diff: Some(diff),
                    ..Outcome::new(job.line, verb)
                }
            }
        };
        let outcome = Outcome {
            warning: warnings.get(&job.index).cloned(),
            ..outcome
        };
        reporter.emit(job.index, outcome)?;
    }
    Ok(())
}
