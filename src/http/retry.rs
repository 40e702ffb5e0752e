//! When to try again and how long to wait: exponential backoff with jitter, `Retry-After` first.

use std::time::Duration;

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
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

#[derive(Debug, Default)]
pub(super) struct Attempt {
    retries: u32,
}

impl Attempt {
    /// The pause before the next try, or `None` when the retries are spent.
    pub(super) fn next_delay(
        &mut self,
        policy: &RetryPolicy,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if self.retries >= policy.max_retries {
            return None;
        }
        self.retries += 1;
        if let Some(wait) = retry_after {
            return (wait <= policy.max_retry_after).then_some(wait);
        }
        let exponential = policy
            .base_delay
            .saturating_mul(1 << (self.retries - 1).min(16))
            .min(policy.max_delay);
        let jitter = rand::thread_rng().gen_range(0.5..=1.0);
        Some(exponential.mul_f64(jitter))
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
        let mut a = Attempt::default();
        let d1 = a.next_delay(&policy, None).unwrap();
        let d2 = a.next_delay(&policy, None).unwrap();
        let d3 = a.next_delay(&policy, Some(Duration::from_secs(2))).unwrap();
        assert!(d1 <= Duration::from_millis(100) && d1 >= Duration::from_millis(50));
        assert!(d2 <= Duration::from_millis(200) && d2 >= Duration::from_millis(100));
        assert_eq!(d3, Duration::from_secs(2));
        assert_eq!(a.next_delay(&policy, None), None);
    }

    #[test]
    fn overlong_retry_after_is_not_waited() {
        let mut a = Attempt::default();
        let policy = RetryPolicy::default();
        assert_eq!(a.next_delay(&policy, Some(Duration::from_secs(3600))), None);
    }
}
