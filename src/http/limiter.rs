//! Client-side rate limiting: named sliding windows, each a capacity of cost units per window.
//!
//! A request charges one or more buckets (HubSpot: the 10-second window, plus the search window for
//! searches; Pipedrive: token costs against the burst window and the daily budget). A request waits
//! until every bucket it charges has room, so a well-configured limiter never draws a 429.
//!
//! The vendor's window belongs to the account, not to one process: with [`Limiter::shared`], every
//! crm process on an account spends from one record of its windows, a small file (under the cache
//! directory) read and rewritten under an advisory lock at each charge, with wall-clock times.
//! What a process learns from the vendor (its real limit, a pause after a 429) goes there too. The
//! lock is held for a read and a write, never while waiting; the operating system drops it with a
//! process that dies, and a process that cannot get it within [`LOCK_WAIT`] goes on with what it
//! knows, so nobody is held up for more than one window. A dead process's charges leave the
//! window like any others.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tokio::time::Instant;

/// How much longer than its window a charge is kept. crm records a charge when it sends the
/// request; the vendor counts it when the request arrives, a little later. Without this, the
/// request that a full rolling window lets through the instant the oldest charge leaves it can
/// reach a server whose window still holds that charge, and draw a 429 with a whole-second
/// `Retry-After`.
const ARRIVAL_SLACK: Duration = Duration::from_millis(25);

/// Charges are kept per 1/`SLOTS` of their window, each as if made at the end of its slot: a
/// bucket's record holds at most about `SLOTS` entries (Sell's hourly bucket sees 36,000
/// requests), and a charge never seems to leave the window before it does.
const SLOTS: u64 = 1024;

/// How long a process waits for the shared record's lock before going on without it.
const LOCK_WAIT: Duration = Duration::from_millis(100);

/// The longest pause the limiter takes. The retry loop gives up on a longer `Retry-After` (it
/// says when to retry, and exits); held here, such a pause would make the account's next
/// processes wait silently instead of hearing the vendor say so. Anything further in a record
/// is a clock that moved.
const MAX_PAUSE: Duration = Duration::from_secs(120);

/// What one request spends from one bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Charge {
    pub bucket: &'static str,
    pub cost: u32,
}

/// Microseconds: since the Unix epoch (a shared record), or since the limiter was made.
type Micros = u64;

fn micros(d: Duration) -> Micros {
    d.as_micros().min(u64::MAX as u128) as Micros
}

/// What every process on the account shares of one bucket.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Window {
    /// (time, cost), oldest first.
    spent: VecDeque<(Micros, u32)>,
    /// Set after a 429 (or a vendor's "nothing left"): nobody draws before then.
    paused_until: Option<Micros>,
    /// The capacity and window (µs) the vendor announced.
    learned: Option<(u32, Micros)>,
}

#[derive(Debug)]
struct Bucket {
    /// What this process was configured with, until the vendor says otherwise.
    capacity: u32,
    window: Duration,
    shared: Window,
}

impl Bucket {
    fn limit(&self) -> (u32, Duration) {
        match self.shared.learned {
            Some((capacity, window)) => (capacity.max(1), Duration::from_micros(window)),
            None => (self.capacity, self.window),
        }
    }

    fn used(&mut self, now: Micros) -> u32 {
        let keep = micros(self.limit().1 + ARRIVAL_SLACK);
        while let Some(&(at, _)) = self.shared.spent.front() {
            if now.saturating_sub(at) >= keep {
                self.shared.spent.pop_front();
            } else {
                break;
            }
        }
        self.shared.spent.iter().map(|&(_, c)| c).sum()
    }

    /// How long until `cost` fits, or zero if it fits now.
    fn wait_for(&mut self, cost: u32, now: Micros) -> Duration {
        if let Some(until) = self.shared.paused_until {
            if until > now {
                return Duration::from_micros(until - now);
            }
            self.shared.paused_until = None;
        }
        let (capacity, window) = self.limit();
        let keep = micros(window + ARRIVAL_SLACK);
        let cost = cost.min(capacity);
        let mut used = self.used(now);
        if used + cost <= capacity {
            return Duration::ZERO;
        }
        for &(at, c) in &self.shared.spent {
            used -= c;
            if used + cost <= capacity {
                return Duration::from_micros((at + keep).saturating_sub(now).max(1));
            }
        }
        window + ARRIVAL_SLACK
    }

    fn charge(&mut self, cost: u32, now: Micros) {
        let slot = (micros(self.limit().1) / SLOTS).max(1);
        let at = (now / slot + 1) * slot;
        match self.shared.spent.back_mut() {
            Some(last) if last.0 == at => last.1 += cost,
            _ => self.shared.spent.push_back((at, cost)),
        }
    }

    /// Drops what a clock that moved backwards would make last too long.
    fn sanitize(&mut self, now: Micros) {
        let window = micros(self.limit().1);
        self.shared
            .spent
            .retain(|&(at, _)| at <= now.saturating_add(window));
        if self
            .shared
            .paused_until
            .is_some_and(|until| until > now.saturating_add(micros(MAX_PAUSE)))
        {
            self.shared.paused_until = None;
        }
    }
}

/// The shared record: every bucket of one account.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    buckets: BTreeMap<String, Window>,
}

#[derive(Debug, Default)]
struct Inner {
    buckets: HashMap<&'static str, Bucket>,
    /// Whether this process has sent a request: a `configure` after that is something the
    /// vendor said, and is shared; before, it sets this process's starting budget.
    started: bool,
    /// The shared record could not be used (its lock held too long, an I/O error): not before.
    alone_until: Option<Micros>,
}

#[derive(Debug)]
enum Clock {
    /// Tokio's clock since the limiter was made (tests pause it).
    Process(Instant),
    /// Wall-clock time, the one clock processes share.
    Wall,
}

#[derive(Debug)]
pub struct Limiter {
    inner: Mutex<Inner>,
    clock: Clock,
    /// The account's shared record, if any.
    record: Option<PathBuf>,
}

impl Default for Limiter {
    fn default() -> Self {
        Self::new()
    }
}

/// Opens and locks the record, waiting at most [`LOCK_WAIT`].
fn lock_record(path: &std::path::Path) -> Option<File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).ok()?;
    }
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .ok()?;
    let deadline = std::time::Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Some(file),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(1));
            }
            Err(_) => return None,
        }
    }
}

fn read_record(file: &mut File) -> Option<Record> {
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    if text.trim().is_empty() {
        return Some(Record::default());
    }
    serde_json::from_str(&text).ok()
}

/// Writes `record` over the file's start and cuts what is left of a longer one. Truncating
/// first cost half a millisecond a request on ext4 (journaled), on the path between one list
/// page and the next; under the lock no reader sees the file half-written.
fn write_record(file: &mut File, record: &Record) -> std::io::Result<()> {
    let text = serde_json::to_vec(record).map_err(std::io::Error::other)?;
    let before = file.seek(SeekFrom::End(0))?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&text)?;
    let len = text.len() as u64;
    if len < before {
        file.set_len(len)?;
    }
    Ok(())
}

impl Limiter {
    /// A limiter of this process alone.
    pub fn new() -> Self {
        Limiter {
            inner: Mutex::new(Inner::default()),
            clock: Clock::Process(Instant::now()),
            record: None,
        }
    }

    /// A limiter whose windows every process using the same `record` file shares.
    pub fn shared(record: PathBuf) -> Self {
        Limiter {
            inner: Mutex::new(Inner::default()),
            clock: Clock::Wall,
            record: Some(record),
        }
    }

    fn now(&self) -> Micros {
        match self.clock {
            Clock::Process(start) => micros(start.elapsed()),
            Clock::Wall => micros(
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .unwrap_or(Duration::ZERO),
            ),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().expect("limiter lock")
    }

    /// Runs `f` on the buckets as the shared record has them, and records what it changed.
    fn update<T>(&self, f: impl FnOnce(&mut Inner, Micros) -> T) -> T {
        let mut inner = self.lock();
        let now = self.now();
        let Some(path) = &self.record else {
            return f(&mut inner, now);
        };
        if inner.alone_until.is_some_and(|until| now < until) {
            return f(&mut inner, now);
        }
        let Some(mut file) = lock_record(path) else {
            let longest = inner.buckets.values().map(|b| b.limit().1).max();
            let pause = longest
                .unwrap_or(Duration::ZERO)
                .min(Duration::from_secs(10));
            inner.alone_until = Some(now + micros(pause));
            return f(&mut inner, now);
        };
        inner.alone_until = None;
        // A record that does not parse (a writer killed mid-write) is replaced by what this
        // process knows.
        let mut record = read_record(&mut file).unwrap_or_default();
        for (name, bucket) in inner.buckets.iter_mut() {
            if let Some(shared) = record.buckets.get(*name) {
                bucket.shared = shared.clone();
                bucket.sanitize(now);
            }
        }
        let out = f(&mut inner, now);
        for (name, bucket) in &inner.buckets {
            record
                .buckets
                .insert(name.to_string(), bucket.shared.clone());
        }
        let _ = write_record(&mut file, &record);
        let _ = file.unlock();
        out
    }

    /// Sets (or changes, when the vendor tells us its real limit) a bucket's capacity and window.
    /// Before this process's first request it is this process's starting budget; after, it is
    /// what the vendor said, and every process on the account takes it.
    pub fn configure(&self, bucket: &'static str, capacity: u32, window: Duration) {
        let capacity = capacity.max(1);
        {
            let mut inner = self.lock();
            if !inner.started {
                let entry = inner.buckets.entry(bucket).or_insert_with(|| Bucket {
                    capacity,
                    window,
                    shared: Window::default(),
                });
                entry.capacity = capacity;
                entry.window = window;
                return;
            }
        }
        self.update(|inner, _| {
            let entry = inner.buckets.entry(bucket).or_insert_with(|| Bucket {
                capacity,
                window,
                shared: Window::default(),
            });
            entry.shared.learned = Some((capacity, micros(window)));
        });
    }

    pub fn capacity(&self, bucket: &str) -> Option<(u32, Duration)> {
        self.lock().buckets.get(bucket).map(Bucket::limit)
    }

    /// What the account's charges (this process's, and with a shared record every crm process's
    /// as of this process's last request) spend of `bucket`'s window now, and its capacity.
    pub fn usage(&self, bucket: &str) -> Option<(u32, u32)> {
        let now = self.now();
        let mut inner = self.lock();
        inner
            .buckets
            .get_mut(bucket)
            .map(|b| (b.used(now), b.limit().0))
    }

    /// Stops every draw from `bucket` until `delay` has passed (after a 429's `Retry-After`);
    /// a delay over two minutes is left to the vendor to repeat.
    pub fn pause(&self, bucket: &'static str, delay: Duration) {
        if delay > MAX_PAUSE {
            return;
        }
        self.update(|inner, now| {
            if let Some(b) = inner.buckets.get_mut(bucket) {
                let until = now + micros(delay);
                b.shared.paused_until = Some(b.shared.paused_until.map_or(until, |u| u.max(until)));
            }
        });
    }

    /// Waits until every charged bucket has room, then records the charges.
    pub async fn acquire(&self, charges: &[Charge]) {
        loop {
            let wait = self.update(|inner, now| {
                inner.started = true;
                let wait = charges
                    .iter()
                    .filter_map(|c| {
                        inner
                            .buckets
                            .get_mut(c.bucket)
                            .map(|b| b.wait_for(c.cost, now))
                    })
                    .max()
                    .unwrap_or(Duration::ZERO);
                if wait.is_zero() {
                    for c in charges {
                        if let Some(b) = inner.buckets.get_mut(c.bucket) {
                            b.charge(c.cost, now);
                        }
                    }
                }
                wait
            });
            if wait.is_zero() {
                return;
            }
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn never_exceeds_capacity_in_any_window() {
        let limiter = Limiter::new();
        limiter.configure("w", 3, Duration::from_secs(1));
        let start = Instant::now();
        let mut times = Vec::new();
        for _ in 0..7 {
            limiter.acquire(&charge("w", 1)).await;
            times.push(start.elapsed());
        }
        for (i, t) in times.iter().enumerate().skip(3) {
            assert!(*t >= times[i - 3] + Duration::from_secs(1), "{times:?}");
        }
        assert!(times[6] < Duration::from_millis(2100), "{times:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn costs_and_pauses_count() {
        let limiter = Limiter::new();
        limiter.configure("t", 10, Duration::from_secs(2));
        let start = Instant::now();
        let big = charge("t", 8);
        limiter.acquire(&big).await;
        limiter.acquire(&big).await;
        assert!(start.elapsed() >= Duration::from_secs(2));
        limiter.pause("t", Duration::from_secs(5));
        let before = Instant::now();
        limiter.acquire(&charge("t", 1)).await;
        assert!(before.elapsed() >= Duration::from_secs(5));
    }

    /// A request's charge on one bucket.
    fn charge(bucket: &'static str, cost: u32) -> [Charge; 1] {
        [Charge { bucket, cost }]
    }

    /// Two limiters on one record: the second waits for the window the first spent.
    #[tokio::test]
    async fn processes_sharing_a_record_share_the_window() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("account").join("limits.json");
        let (a, b) = (
            Limiter::shared(record.clone()),
            Limiter::shared(record.clone()),
        );
        for l in [&a, &b] {
            l.configure("w", 3, Duration::from_millis(300));
        }
        let start = std::time::Instant::now();
        for _ in 0..3 {
            a.acquire(&charge("w", 1)).await;
        }
        assert_eq!(b.usage("w"), Some((0, 3)), "b has not looked yet");
        b.acquire(&charge("w", 1)).await;
        assert!(start.elapsed() >= Duration::from_millis(300), "b waited");
        let (used, capacity) = b.usage("w").unwrap();
        assert!(
            (1..=capacity).contains(&used),
            "b's charge counted with a's: {used}"
        );
        let text = std::fs::read_to_string(&record).unwrap();
        assert!(text.contains("\"w\""), "{text}");
    }

    #[tokio::test]
    async fn what_one_process_learns_and_a_pause_reach_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("limits.json");
        let (a, b) = (
            Limiter::shared(record.clone()),
            Limiter::shared(record.clone()),
        );
        for l in [&a, &b] {
            l.configure("w", 100, Duration::from_secs(10));
            l.acquire(&charge("w", 1)).await;
        }
        // After a request: what the vendor announced, shared.
        a.configure("w", 190, Duration::from_secs(10));
        assert_eq!(b.capacity("w"), Some((100, Duration::from_secs(10))));
        b.acquire(&charge("w", 1)).await;
        assert_eq!(b.capacity("w"), Some((190, Duration::from_secs(10))));
        // A starting budget configured later by a new process does not undo it.
        let c = Limiter::shared(record.clone());
        c.configure("w", 100, Duration::from_secs(10));
        c.acquire(&charge("w", 1)).await;
        assert_eq!(c.capacity("w"), Some((190, Duration::from_secs(10))));
        let start = std::time::Instant::now();
        a.pause("w", Duration::from_millis(200));
        b.acquire(&charge("w", 1)).await;
        assert!(
            start.elapsed() >= Duration::from_millis(190),
            "b honoured a's pause"
        );
    }

    #[tokio::test]
    async fn a_held_lock_or_a_broken_record_never_stops_a_process() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("limits.json");
        std::fs::write(&record, "{\"buckets\": {\"w\": {\"spe").unwrap();
        let a = Limiter::shared(record.clone());
        a.configure("w", 2, Duration::from_secs(60));
        a.acquire(&charge("w", 1)).await;
        let text = std::fs::read_to_string(&record).unwrap();
        let fixed: Record = serde_json::from_str(&text).expect("rewritten whole");
        assert_eq!(fixed.buckets["w"].spent.len(), 1);

        // A process stuck while holding the lock: the others go on with what they know.
        let holder = File::open(&record).unwrap();
        holder.lock().unwrap();
        a.acquire(&charge("w", 1)).await;
        assert_eq!(a.usage("w").unwrap().0, 2, "counted here all the same");
        drop(holder);
    }

    #[test]
    fn a_long_window_keeps_a_bounded_record() {
        let mut bucket = Bucket {
            capacity: 36_000,
            window: Duration::from_secs(3600),
            shared: Window::default(),
        };
        // Ten requests a second for an hour.
        for i in 0..36_000u64 {
            bucket.charge(1, i * 100_000);
        }
        assert!(bucket.shared.spent.len() <= SLOTS as usize + 1);
        assert_eq!(bucket.used(3_600 * 1_000_000 - 1), 36_000);
        // A charge is recorded no earlier than it was made: it never leaves the window early.
        let mut fresh = Bucket {
            capacity: 1,
            window: Duration::from_secs(3600),
            shared: Window::default(),
        };
        fresh.charge(1, 150_000);
        assert!(fresh.shared.spent[0].0 >= 150_000);
    }

    #[test]
    fn a_shorter_record_replaces_a_longer_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("limits.json");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .unwrap();
        let mut long = Record::default();
        let window = Window {
            spent: (0..50).map(|i| (i * 1_000_000, 1)).collect(),
            ..Window::default()
        };
        long.buckets.insert("burst".into(), window);
        write_record(&mut file, &long).unwrap();
        let short = Record::default();
        write_record(&mut file, &short).unwrap();
        file.seek(SeekFrom::Start(0)).unwrap();
        let back = read_record(&mut file).expect("the shorter record reads back");
        assert!(back.buckets.is_empty());
        assert_eq!(
            std::fs::metadata(&path).unwrap().len(),
            serde_json::to_vec(&short).unwrap().len() as u64
        );
    }

    /// On the paused clock any wait would advance time: none may pass.
    #[tokio::test(start_paused = true)]
    async fn unknown_buckets_do_not_limit() {
        let limiter = Limiter::new();
        limiter.configure("known", 1, Duration::from_secs(60));
        let start = Instant::now();
        for _ in 0..3 {
            limiter.acquire(&charge("none", 1000)).await;
        }
        assert_eq!(Instant::now(), start, "an unknown bucket made crm wait");
        assert_eq!(limiter.usage("none"), None);
        assert_eq!(
            limiter.usage("known"),
            Some((0, 1)),
            "nothing charged elsewhere"
        );
    }
}
