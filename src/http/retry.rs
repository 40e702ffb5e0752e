//! When to try again and how long to wait: exponential backoff with jitter, `Retry-After` first,
//! and never past the command's deadline (DESIGN §5, the network budget).

use std::time::{Duration, Instant};

use rand::Rng;
use reqwest::header::{HeaderMap, RETRY_AFTER};

#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Tries after the first one.
    pub max_retries: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// A `Retry-After` longer than this is not waited out: the command fails and says when to retry.
    pub max_retry_after: Duration,
    /// When the whole command must be over (`CRM_DEADLINE_SECS`); `None` for bulk commands,
    /// which show their progress instead.
    pub deadline: Option<Deadline>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
            deadline: None,
        }
    }
}

/// The moment a command must be over, and the budget it came from (for messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub at: Instant,
    pub budget: Duration,
}

impl Deadline {
    /// `budget` from now.
    pub fn after(budget: Duration) -> Deadline {
        Deadline {
            at: Instant::now() + budget,
            budget,
        }
    }

    pub fn remaining(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }
}

/// What to do after a failed try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Next {
    /// Wait this long, then try again.
    Wait(Duration),
    /// Every retry is spent.
    Exhausted,
    /// The wait would end past the command's deadline.
    PastDeadline,
    /// The vendor's `Retry-After` is longer than crm waits (or than the deadline leaves).
    TooLong(Duration),
}

#[derive(Debug, Default)]
pub(super) struct Attempt {
    /// Tries made so far, the first one included.
    pub(super) tries: u32,
}

impl Attempt {
    /// What to do after the latest try failed (`retry_after` is the vendor's wait, if it gave one).
    pub(super) fn next(&self, policy: &RetryPolicy, retry_after: Option<Duration>) -> Next {
        let left = policy.deadline.map(|d| d.remaining());
        if let Some(wait) = retry_after {
            if wait > policy.max_retry_after || left.is_some_and(|left| wait >= left) {
                return Next::TooLong(wait);
            }
        }
        let retries = self.tries.saturating_sub(1);
        if retries >= policy.max_retries {
            return Next::Exhausted;
        }
        let delay = retry_after.unwrap_or_else(|| {
            let exponential = policy
                .base_delay
                .saturating_mul(1 << retries.min(16))
                .min(policy.max_delay);
            exponential.mul_f64(rand::thread_rng().gen_range(0.5..=1.0))
        });
        if left.is_some_and(|left| delay >= left) {
            return Next::PastDeadline;
        }
        Next::Wait(delay)
    }
}

/// `1 try`, `6 tries`.
pub(super) fn tries(n: u32) -> String {
    if n == 1 {
        "1 try".into()
    } else {
        format!("{n} tries")
    }
}

/// A wait as a person says it: `45 s`, `3 min`, `1 h`, `2 h 30 min`.
pub(super) fn human(wait: Duration) -> String {
    let secs = wait.as_secs_f64().ceil() as u64;
    match secs {
        0..=119 => format!("{secs} s"),
        120..=3599 => format!("{} min", secs.div_ceil(60)),
        _ => {
            let minutes = secs.div_ceil(60);
            match minutes % 60 {
                0 => format!("{} h", minutes / 60),
                m => format!("{} h {m} min", minutes / 60),
            }
        }
    }
}

/// The local time after `wait` from now, to the minute and rounded up: `16:05`, or with the
/// date when it is not within a day.
pub(super) fn after(wait: Duration) -> String {
    let wait = chrono::TimeDelta::from_std(wait).unwrap_or(chrono::TimeDelta::MAX);
    let now = chrono::Local::now();
    let Some(at) = now.checked_add_signed(wait + chrono::TimeDelta::seconds(59)) else {
        return "a long while".into();
    };
    if wait < chrono::TimeDelta::hours(24) {
        at.format("%H:%M").to_string()
    } else {
        at.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// Reads `Retry-After` as seconds or an HTTP date.
pub(super) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = at.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        h.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn backoff_grows_and_stops() {
        let policy = RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(100),
            ..RetryPolicy::default()
        };
        let mut a = Attempt { tries: 1 };
        let wait = |a: &Attempt, after: Option<Duration>| match a.next(&policy, after) {
            Next::Wait(d) => d,
            other => panic!("{other:?}"),
        };
        let d1 = wait(&a, None);
        a.tries += 1;
        let d2 = wait(&a, None);
        a.tries += 1;
        let d3 = wait(&a, Some(Duration::from_secs(2)));
        a.tries += 1;
        assert!(d1 <= Duration::from_millis(100) && d1 >= Duration::from_millis(50));
        assert!(d2 <= Duration::from_millis(200) && d2 >= Duration::from_millis(100));
        assert_eq!(d3, Duration::from_secs(2));
        assert_eq!(a.next(&policy, None), Next::Exhausted);
    }

    #[test]
    fn overlong_retry_after_is_not_waited() {
        let a = Attempt { tries: 1 };
        let policy = RetryPolicy::default();
        let hour = Duration::from_secs(3600);
        assert_eq!(a.next(&policy, Some(hour)), Next::TooLong(hour));
        // Not even once the retries are spent: the message is about the wait, not the retries.
        let none = RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        };
        assert_eq!(a.next(&none, Some(hour)), Next::TooLong(hour));
    }

    #[test]
    fn no_wait_passes_the_deadline() {
        let policy = RetryPolicy {
            base_delay: Duration::from_secs(10),
            deadline: Some(Deadline::after(Duration::from_secs(5))),
            ..RetryPolicy::default()
        };
        let a = Attempt { tries: 2 };
        assert_eq!(a.next(&policy, None), Next::PastDeadline);
        let wait = Duration::from_secs(30);
        assert_eq!(a.next(&policy, Some(wait)), Next::TooLong(wait));
    }

    #[test]
    fn waits_read_as_people_say_them() {
        assert_eq!(human(Duration::from_secs(3600)), "1 h");
        assert_eq!(human(Duration::from_secs(5400)), "1 h 30 min");
        assert_eq!(human(Duration::from_secs(45)), "45 s");
        assert_eq!(human(Duration::from_secs(600)), "10 min");
        assert_eq!(tries(1), "1 try");
        assert_eq!(tries(6), "6 tries");
        assert_eq!(after(Duration::from_secs(60)).len(), 5);
        assert_eq!(after(Duration::from_secs(3 * 86_400)).len(), 16);
    }
}
