//! Sending the planned writes: grouped into the vendor's batches, several batches in flight
//! (`--concurrency`), every confirmed write journalled before it is reported.

use futures::stream::{self, StreamExt};

use super::journal::{Entry, Journal, State};
use super::plan::Action;
use super::report::Verb;
use crate::adapter::{Bulk, Taken, Written};
use crate::error::{Error, Result};
use crate::model::DealInput;

/// One record to write.
#[derive(Debug, Clone)]
pub struct Job {
    /// Position of the record in the input.
    pub index: usize,
    pub line: usize,
    pub hash: String,
    pub input: DealInput,
    pub action: Action,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Create,
    Update,
    Upsert,
}

fn kind(action: &Action) -> Kind {
    match action {
        Action::Create => Kind::Create,
        Action::Update(_) => Kind::Update,
        Action::Upsert(_) => Kind::Upsert,
    }
}

/// What a confirmed write did, as the report and the journal name it.
pub fn verb(job: &Job, written: &Written) -> Verb {
    match (&job.action, written.created) {
        (Action::Create, _) | (Action::Upsert(_), Some(true)) => Verb::Created,
        (Action::Update(_), _) | (Action::Upsert(_), Some(false)) => Verb::Updated,
        (Action::Upsert(_), None) => Verb::Upserted,
    }
}

/// Where the batches go, and how.
#[derive(Clone, Copy)]
pub struct Sender<'a> {
    pub adapter: &'a dyn Bulk,
    pub upsert_key: Option<&'a str>,
    pub journal: &'a Journal,
    /// Read which deal holds a unique value a create conflicts on, where the vendor's answer does
    /// not say (`--skip-existing` reports it); otherwise the vendor's own words suffice, and a
    /// re-import costs no more requests than the first.
    pub name_holders: bool,
}

/// Writes every job and hands each result to `done`, batch by batch as they complete. Once
/// `stop` says so, no new batch starts; those in flight settle and are reported.
pub async fn run(
    to: Sender<'_>,
    jobs: Vec<Job>,
    concurrency: usize,
    stop: &(dyn Fn() -> bool + Sync),
    mut done: impl FnMut(&Job, Result<Written>) -> Result<()>,
) -> Result<()> {
    let (adapter, journal) = (to.adapter, to.journal);
    let size = adapter.batch_size().max(1);
    let mut chunks: Vec<Vec<Job>> = Vec::new();
    for k in [Kind::Create, Kind::Update, Kind::Upsert] {
        let same: Vec<Job> = jobs
            .iter()
            .filter(|j| kind(&j.action) == k)
            .cloned()
            .collect();
        chunks.extend(same.chunks(size).map(<[Job]>::to_vec));
    }
    let mut in_flight = stream::iter(chunks)
        .take_while(|_| std::future::ready(!stop()))
        .map(|chunk| async move {
            let results = send(to, &chunk).await;
            (chunk, results)
        })
        .buffer_unordered(concurrency.max(1));
    while let Some((chunk, results)) = in_flight.next().await {
        let results = results?;
        let entries: Vec<Entry> = chunk
            .iter()
            .zip(&results)
            .filter_map(|(job, r)| {
                r.as_ref().ok().map(|w| Entry {
                    line: job.line,
                    hash: job.hash.clone(),
                    state: State::Done,
                    action: Some(verb(job, w).as_str().to_string()),
                    id: Some(w.deal.id.clone()),
                })
            })
            .collect();
        journal.record(&entries)?;
        for (job, result) in chunk.iter().zip(results) {
            done(job, result)?;
        }
    }
    Ok(())
}

/// One batch. A batch the vendor refused as a whole (one bad record spoils HubSpot's) is sent
/// again record by record, so the good ones go through and the bad one is named. Only a refusal
/// is split: nothing of a refused batch was written.
async fn send(to: Sender<'_>, chunk: &[Job]) -> Result<Vec<Result<Written>>> {
    let Sender {
        adapter,
        upsert_key,
        journal,
        ..
    } = to;
    let mut results = send_once(adapter, upsert_key, chunk, journal).await?;
    if to.name_holders && kind(&chunk[0].action) == Kind::Create {
        name_holders(adapter, chunk, &mut results).await;
    }
    // 207: HubSpot answered each record on its own already; sending them again changes nothing.
    let refused =
        |r: &Result<Written>| matches!(r, Err(Error::Rejected { status, .. }) if *status != 207);
    let conflict = |r: &Result<Written>| matches!(r, Err(Error::Rejected { status: 409, .. }));
    if kind(&chunk[0].action) == Kind::Create
        && results.iter().all(refused)
        && results.iter().any(conflict)
    {
        if let Some(split) = without_conflicts(to, chunk).await? {
            return Ok(split);
        }
    }
    if chunk.len() > 1 && results.iter().all(refused) {
        let mut one_by_one = Vec::with_capacity(chunk.len());
        for job in chunk {
            let mut r = send_once(adapter, upsert_key, std::slice::from_ref(job), journal).await?;
            one_by_one.push(r.pop().expect("one result per job"));
        }
        return Ok(one_by_one);
    }
    Ok(results)
}

/// A create batch refused over a unique value some deal already holds: the holders are read in
/// one go, each record whose value is taken fails with a conflict naming the deal, and the others
/// go out again as one batch. `None` when no value is taken (the conflict is inside the batch
/// itself): the caller falls back to record by record.
async fn without_conflicts(to: Sender<'_>, chunk: &[Job]) -> Result<Option<Vec<Result<Written>>>> {
    let adapter = to.adapter;
    let inputs: Vec<DealInput> = chunk.iter().map(|j| j.input.clone()).collect();
    let Ok(taken) = adapter.taken_unique_values(&inputs).await else {
        return Ok(None);
    };
    if taken.iter().all(Option::is_none) {
        return Ok(None);
    }
    let rest: Vec<Job> = chunk
        .iter()
        .zip(&taken)
        .filter(|(_, t)| t.is_none())
        .map(|(j, _)| j.clone())
        .collect();
    let mut sent = if rest.is_empty() {
        Vec::new()
    } else {
        Box::pin(send(
            Sender {
                upsert_key: None,
                ..to
            },
            &rest,
        ))
        .await?
    }
    .into_iter();
    let out = taken
        .into_iter()
        .map(|t| match t {
            Some(t) => Err(held_by(adapter, t)),
            None => sent.next().expect("one result per record sent"),
        })
        .collect();
    Ok(Some(out))
}

/// Records the vendor refused one by one over a unique value (HubSpot's 207 answer) without
/// saying which deal holds it: the holders are read in one go and named. A read that fails
/// leaves the vendor's own words.
async fn name_holders(adapter: &dyn Bulk, chunk: &[Job], results: &mut [Result<Written>]) {
    let unnamed: Vec<usize> = (0..results.len())
        .filter(|&i| matches!(&results[i], Err(Error::Conflict { existing, .. }) if existing.is_empty()))
        .collect();
    if unnamed.is_empty() {
        return;
    }
    let inputs: Vec<DealInput> = unnamed.iter().map(|&i| chunk[i].input.clone()).collect();
    let Ok(taken) = adapter.taken_unique_values(&inputs).await else {
        return;
    };
    for (i, t) in unnamed.into_iter().zip(taken) {
        if let Some(t) = t {
            results[i] = Err(held_by(adapter, t));
        }
    }
}

/// The conflict of a record whose unique value the deal `t.id` holds.
fn held_by(adapter: &dyn Bulk, t: Taken) -> Error {
    Error::Conflict {
        vendor: adapter.vendor(),
        message: format!(
            "a deal with {}={:?} already exists: deal {} [CONFLICT]",
            t.property, t.value, t.id
        ),
        existing: t.id,
    }
}

async fn send_once(
    adapter: &dyn Bulk,
    upsert_key: Option<&str>,
    chunk: &[Job],
    journal: &Journal,
) -> Result<Vec<Result<Written>>> {
    let kind = kind(&chunk[0].action);
    if kind != Kind::Update {
        // Journalled before it goes out: if the run dies now, the next one knows this create may
        // have happened (an upsert can create too, and without a vendor upsert, as on Pipedrive,
        // sending it again is not enough to stay single).
        let sent: Vec<Entry> = chunk
            .iter()
            .map(|j| Entry {
                line: j.line,
                hash: j.hash.clone(),
                state: State::Sent,
                action: None,
                id: None,
            })
            .collect();
        journal.record(&sent)?;
    }
    let results = match kind {
        Kind::Create => {
            let inputs: Vec<DealInput> = chunk.iter().map(|j| j.input.clone()).collect();
            adapter.create_batch(&inputs).await
        }
        Kind::Update => adapter.update_batch(&keyed(chunk)).await,
        Kind::Upsert => {
            let key = upsert_key.expect("upsert jobs come with a key");
            adapter.upsert_batch(key, &keyed(chunk)).await
        }
    };
    if results.len() != chunk.len() {
        return Err(Error::internal(
            "a batch answered for a different number of records",
        ));
    }
    // --dry-run stops at the first request, for the whole import.
    if let Some(Err(Error::DryRunStop(s))) = results.first() {
        return Err(Error::DryRunStop(s.clone()));
    }
    Ok(results)
}

fn keyed(chunk: &[Job]) -> Vec<(String, DealInput)> {
    chunk
        .iter()
        .map(|j| {
            let key = match &j.action {
                Action::Update(id) => id.clone(),
                Action::Upsert(value) => value.clone(),
                Action::Create => String::new(),
            };
            (key, j.input.clone())
        })
        .collect()
}
