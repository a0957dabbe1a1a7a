//! Retry of transient failures: which answers are transient, how long to wait, when to stop.

use std::time::{Duration, SystemTime};

use reqwest::{Method, StatusCode};

use crate::OperationId;

/// How transient failures (408, 429, 502, 503, 504 and connection errors) are retried.
///
/// Retried: idempotent requests (GET, HEAD, PUT, DELETE, OPTIONS), the POSTs the spec marks safe
/// to repeat (`x-safe-to-retry`: reads such as Druva's `get_report_data`), the operations the
/// caller marks safe with [`RetryPolicy::with_safe_operations`] (one made idempotent with a
/// unique label, say), and logins and token requests. Refused credentials are never retried.
///
/// The wait before retry `n` is `base_delay * 2^(n-1)` capped at `max_delay`, with jitter. A
/// server's `Retry-After` (seconds or an HTTP date) is a minimum: the retry never comes sooner;
/// when it asks for more than `max_delay`, the call fails at once with
/// [`Error::RetryAfterTooLong`](crate::Error::RetryAfterTooLong), saying how long the server asked
/// to wait. Retrying stops after `max_attempts` attempts in all or when the next wait would pass
/// `max_elapsed`.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) base_delay: Duration,
    pub(crate) max_delay: Duration,
    pub(crate) max_elapsed: Duration,
    pub(crate) safe_operations: std::sync::Arc<std::collections::BTreeSet<&'static str>>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(60),
            safe_operations: Default::default(),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Total attempts including the first (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Base of the exponential backoff.
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// Longest single wait; a server asking (`Retry-After`) for more fails the call at once.
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Longest total time spent retrying one call.
    pub fn with_max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }

    /// Marks operations (typed constants of an SDK's `operations` module, e.g.
    /// `mgmt_sdk::operations::BACKUP_NOW` when the caller labels each request uniquely) as safe to
    /// repeat whatever their HTTP method, so their transient failures are retried like a GET's.
    /// Other POST and PATCH requests are never retried, except those the spec marks read-only.
    pub fn with_safe_operations<I>(mut self, operations: I) -> Self
    where
        I: IntoIterator<Item = OperationId>,
    {
        let mut set = (*self.safe_operations).clone();
        set.extend(operations.into_iter().map(OperationId::as_str));
        self.safe_operations = std::sync::Arc::new(set);
        self
    }

    /// Whether a request of `method` for `operation_id` may be sent again after a transient
    /// failure; `safe_by_spec` is the spec's `x-safe-to-retry` for the operation.
    pub(crate) fn may_retry(
        &self,
        method: &Method,
        operation_id: &str,
        safe_by_spec: bool,
    ) -> bool {
        safe_by_spec || is_idempotent(method) || self.safe_operations.contains(operation_id)
    }

    /// The wait before attempt `attempt + 1` after `attempt` failed attempts (1-based).
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let cap = exp.min(self.max_delay);
        // Full jitter: a uniformly random wait in [cap/2, cap] keeps callers from retrying in step.
        let half = cap / 2;
        half + Duration::from_nanos(fastrand::u64(
            0..=half.as_nanos().min(u128::from(u64::MAX)) as u64,
        ))
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// Send again after this wait.
    Retry(Duration),
    /// Attempts or time used up: return the failure.
    GiveUp,
    /// The server asked (`Retry-After`) for a longer wait than the policy allows.
    TooLong(Duration),
}

impl RetryPolicy {
    /// The decision after `attempts` failed attempts, `elapsed` after the first was sent, with the
    /// server's `Retry-After` if it sent one. A `Retry-After` is a minimum, never shortened.
    pub(crate) fn next(
        &self,
        attempts: u32,
        retry_after: Option<Duration>,
        elapsed: Duration,
    ) -> Next {
        if let Some(wait) = retry_after
            && wait > self.max_delay
        {
            return Next::TooLong(wait);
        }
        if attempts >= self.max_attempts {
            return Next::GiveUp;
        }
        let delay = retry_after.unwrap_or_else(|| self.backoff(attempts));
        if elapsed + delay > self.max_elapsed {
            return Next::GiveUp;
        }
        Next::Retry(delay)
    }
}

/// Statuses that mean "try again later".
pub(crate) fn is_transient_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 502 | 503 | 504)
}

/// Methods that may be sent twice without changing the outcome.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
    )
}

/// Parses a `Retry-After` header: delay-seconds or an HTTP date.
pub(crate) fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_accepts_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn retry_after_is_a_minimum_and_too_long_a_wait_fails_at_once() {
        let p = RetryPolicy::default().with_max_delay(Duration::from_secs(10));
        assert_eq!(
            p.next(1, Some(Duration::from_secs(7)), Duration::ZERO),
            Next::Retry(Duration::from_secs(7))
        );
        assert_eq!(
            p.next(1, Some(Duration::from_secs(30)), Duration::ZERO),
            Next::TooLong(Duration::from_secs(30))
        );
        assert_eq!(p.next(4, None, Duration::ZERO), Next::GiveUp);
        assert_eq!(
            p.next(1, Some(Duration::from_secs(5)), Duration::from_secs(58)),
            Next::GiveUp,
            "the wait would pass max_elapsed"
        );
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default()
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_millis(300));
        for _ in 0..50 {
            let first = p.backoff(1);
            assert!(
                first >= Duration::from_millis(50) && first <= Duration::from_millis(100),
                "{first:?}"
            );
            let later = p.backoff(10);
            assert!(
                later >= Duration::from_millis(150) && later <= Duration::from_millis(300),
                "{later:?}"
            );
        }
    }

    #[test]
    fn only_transient_statuses_and_idempotent_methods_qualify() {
        for s in [408, 429, 502, 503, 504] {
            assert!(is_transient_status(StatusCode::from_u16(s).unwrap()));
        }
        for s in [400, 401, 403, 404, 500, 501] {
            assert!(!is_transient_status(StatusCode::from_u16(s).unwrap()));
        }
        assert!(is_idempotent(&Method::GET) && is_idempotent(&Method::DELETE));
        assert!(!is_idempotent(&Method::POST) && !is_idempotent(&Method::PATCH));
    }
}
