//! Client-side rate limiting: named sliding windows, each a capacity of cost units per window.
//!
//! A request charges one or more buckets (HubSpot: the 10-second window, plus the search window for
//! searches; Pipedrive: token costs against the burst window and the daily budget). A request waits
//! until every bucket it charges has room, so a well-configured limiter never draws a 429.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// How much longer than its window a charge is kept. crm records a charge when it sends the
/// request; the vendor counts it when the request arrives, a little later. Without this, the
/// request that a full rolling window lets through the instant the oldest charge leaves it can
/// reach a server whose window still holds that charge, and draw a 429 with a whole-second
/// `Retry-After`.
const ARRIVAL_SLACK: Duration = Duration::from_millis(25);

/// What one request spends from one bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Charge {
    pub bucket: &'static str,
    pub cost: u32,
}

#[derive(Debug)]
struct Bucket {
    capacity: u32,
    window: Duration,
    spent: VecDeque<(Instant, u32)>,
    /// Set after a 429: nobody draws from this bucket before then.
    paused_until: Option<Instant>,
}

impl Bucket {
    fn used(&mut self, now: Instant) -> u32 {
        while let Some(&(at, _)) = self.spent.front() {
            if now.duration_since(at) >= self.window + ARRIVAL_SLACK {
                self.spent.pop_front();
            } else {
                break;
            }
        }
        self.spent.iter().map(|&(_, c)| c).sum()
    }

    /// How long until `cost` fits, or zero if it fits now.
    fn wait_for(&mut self, cost: u32, now: Instant) -> Duration {
        if let Some(until) = self.paused_until {
            if until > now {
                return until - now;
            }
            self.paused_until = None;
        }
        let cost = cost.min(self.capacity);
        let mut used = self.used(now);
        if used + cost <= self.capacity {
            return Duration::ZERO;
        }
        for &(at, c) in &self.spent {
            used -= c;
            if used + cost <= self.capacity {
                return (at + self.window + ARRIVAL_SLACK).saturating_duration_since(now);
            }
        }
        self.window + ARRIVAL_SLACK
    }
}

#[derive(Debug, Default)]
pub struct Limiter {
    buckets: Mutex<HashMap<&'static str, Bucket>>,
}

impl Limiter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets (or changes, when the vendor tells us its real limit) a bucket's capacity and window.
    pub fn configure(&self, bucket: &'static str, capacity: u32, window: Duration) {
        let mut buckets = self.buckets.lock().expect("limiter lock");
        let entry = buckets.entry(bucket).or_insert_with(|| Bucket {
            capacity,
            window,
            spent: VecDeque::new(),
            paused_until: None,
        });
        entry.capacity = capacity.max(1);
        entry.window = window;
    }

    pub fn capacity(&self, bucket: &str) -> Option<(u32, Duration)> {
        let buckets = self.buckets.lock().expect("limiter lock");
        buckets.get(bucket).map(|b| (b.capacity, b.window))
    }

    /// What crm's own charges spend of `bucket`'s window now, and its capacity.
    pub fn usage(&self, bucket: &str) -> Option<(u32, u32)> {
        let mut buckets = self.buckets.lock().expect("limiter lock");
        buckets
            .get_mut(bucket)
            .map(|b| (b.used(Instant::now()), b.capacity))
    }

    /// Stops every draw from `bucket` until `delay` has passed (after a 429's `Retry-After`).
    pub fn pause(&self, bucket: &'static str, delay: Duration) {
        let mut buckets = self.buckets.lock().expect("limiter lock");
        if let Some(b) = buckets.get_mut(bucket) {
            let until = Instant::now() + delay;
            b.paused_until = Some(b.paused_until.map_or(until, |u| u.max(until)));
        }
    }

    /// Waits until every charged bucket has room, then records the charges.
    pub async fn acquire(&self, charges: &[Charge]) {
        loop {
            let wait = {
                let mut buckets = self.buckets.lock().expect("limiter lock");
                let now = Instant::now();
                let wait = charges
                    .iter()
                    .filter_map(|c| buckets.get_mut(c.bucket).map(|b| b.wait_for(c.cost, now)))
                    .max()
                    .unwrap_or(Duration::ZERO);
                if wait.is_zero() {
                    for c in charges {
                        if let Some(b) = buckets.get_mut(c.bucket) {
                            b.spent.push_back((now, c.cost));
                        }
                    }
                }
                wait
            };
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
            limiter
                .acquire(&[Charge {
                    bucket: "w",
                    cost: 1,
                }])
                .await;
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
        let big = [Charge {
            bucket: "t",
            cost: 8,
        }];
        limiter.acquire(&big).await;
        limiter.acquire(&big).await;
        assert!(start.elapsed() >= Duration::from_secs(2));
        limiter.pause("t", Duration::from_secs(5));
        let before = Instant::now();
        limiter
            .acquire(&[Charge {
                bucket: "t",
                cost: 1,
            }])
            .await;
        assert!(before.elapsed() >= Duration::from_secs(5));
    }

    /// On the paused clock any wait would advance time: none may pass.
    #[tokio::test(start_paused = true)]
    async fn unknown_buckets_do_not_limit() {
        let limiter = Limiter::new();
        limiter.configure("known", 1, Duration::from_secs(60));
        let start = Instant::now();
        for _ in 0..3 {
            limiter
                .acquire(&[Charge {
                    bucket: "none",
                    cost: 1000,
                }])
                .await;
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
