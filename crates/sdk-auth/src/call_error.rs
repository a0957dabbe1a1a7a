//! What a generated call's error says: one set of questions for every SDK.
//!
//! Calls return progenitor's `Error<E>`. A failure of the session itself (refused re-login,
//! token source, transport, a redirect to another origin, a non-JSON error page...) travels in
//! its `Custom` variant as the [`Error`]'s message followed by a marker
//! (`[sdk-auth kind=… status=… retry_after_ms=…]`) from which [`CallError`] recovers the
//! typed facts; answers of the API travel as `ErrorResponse` with their status and headers.

use std::time::{Duration, SystemTime};

use progenitor_client::Error as ProgenitorError;

use crate::error::{Error, ErrorKind};

/// The typed facts of a session failure, recovered from a call's error.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SessionFailure {
    /// What kind of failure it was.
    pub kind: ErrorKind,
    /// The HTTP status the server answered, if it answered.
    pub status: Option<u16>,
    /// How long the server asked to wait, if it said so.
    pub retry_after: Option<Duration>,
    /// Whether the failure was a connection or timeout failure (a transient transport failure).
    pub transient_transport: bool,
    /// The message (bounded; never a secret).
    pub message: String,
}

const MARKER: &str = " [sdk-auth kind=";

/// Turns a session [`Error`] into the `Custom` variant of a generated call's error, keeping its
/// typed facts in a marker [`CallError`] reads back.
pub(crate) fn to_custom<E>(error: &Error) -> ProgenitorError<E> {
    let mut text = format!("{error}{MARKER}{}", error.kind());
    if let Some(status) = error.status() {
        text.push_str(&format!(" status={status}"));
    }
    if let Some(wait) = error.retry_after() {
        text.push_str(&format!(" retry_after_ms={}", wait.as_millis()));
    }
    if matches!(error, Error::Transport { .. }) && error.is_transient() {
        text.push_str(" transient=1");
    }
    text.push(']');
    ProgenitorError::Custom(text)
}

/// The `Custom` error of a call whose request failed at the transport level: the message names
/// the root cause (as [`Error::Transport`] does for logins).
pub(crate) fn transport_custom<E>(
    vendor: crate::Vendor,
    url: &str,
    error: &reqwest::Error,
) -> ProgenitorError<E> {
    let transient = if error.is_connect() || error.is_timeout() {
        " transient=1"
    } else {
        ""
    };
    let status = error
        .status()
        .map(|s| format!(" status={}", s.as_u16()))
        .unwrap_or_default();
    ProgenitorError::Custom(format!(
        "{vendor}: request to {url} failed: {}{MARKER}{}{status}{transient}]",
        crate::error::chain(error),
        ErrorKind::Transport
    ))
}

fn parse(text: &str) -> Option<SessionFailure> {
    let at = text.rfind(MARKER)?;
    let fields = text[at + MARKER.len()..].strip_suffix(']')?;
    let mut parts = fields.split(' ');
    let kind = ErrorKind::from_name(parts.next()?)?;
    let mut failure = SessionFailure {
        kind,
        status: None,
        retry_after: None,
        transient_transport: false,
        message: text[..at].to_string(),
    };
    for part in parts {
        match part.split_once('=') {
            Some(("status", v)) => failure.status = v.parse().ok(),
            Some(("retry_after_ms", v)) => {
                failure.retry_after = v.parse().ok().map(Duration::from_millis)
            }
            Some(("transient", "1")) => failure.transient_transport = true,
            _ => {}
        }
    }
    Some(failure)
}

/// Questions every generated call's error answers, whichever SDK it comes from.
///
/// ```no_run
/// use sdk_auth::CallError;
///
/// // `err` is the error of any generated call (`client.get_mtree()...send().await`).
/// fn handle(err: &impl CallError) {
///     if err.is_not_found() {
///         // the object is gone
///     } else if err.is_auth() {
///         // the credentials were refused, even after one fresh login
///     } else if err.is_transient() {
///         // retries were used up: try again later, at least err.retry_after() from now
///     }
/// }
/// ```
pub trait CallError {
    /// The session failure this error carries (refused credentials, transport, redirect to
    /// another origin, `Retry-After` beyond the policy, a non-JSON error page...), if it is one.
    fn session_error(&self) -> Option<SessionFailure>;

    /// The HTTP status of the answer, if there was one.
    fn http_status(&self) -> Option<u16>;

    /// Whether the credentials were refused (HTTP 401 or 403, or a refused re-login).
    fn is_auth(&self) -> bool;

    /// Whether the object does not exist (HTTP 404).
    fn is_not_found(&self) -> bool {
        self.http_status() == Some(404)
    }

    /// Whether trying again later may succeed: a transient status (408, 429, 502, 503, 504)
    /// after the retries the policy allows, a connection failure or a timeout.
    fn is_transient(&self) -> bool;

    /// How long the server asked to wait before another attempt (`Retry-After`), if it said so.
    fn retry_after(&self) -> Option<Duration>;
}

fn transient_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 502 | 503 | 504)
}

impl<E> CallError for ProgenitorError<E> {
    fn session_error(&self) -> Option<SessionFailure> {
        match self {
            ProgenitorError::Custom(text) => parse(text),
            _ => None,
        }
    }

    fn http_status(&self) -> Option<u16> {
        match self {
            ProgenitorError::Custom(_) => self.session_error().and_then(|f| f.status),
            ProgenitorError::ErrorResponse(rv) => Some(rv.status().as_u16()),
            ProgenitorError::UnexpectedResponse(r) => Some(r.status().as_u16()),
            ProgenitorError::CommunicationError(e) => e.status().map(|s| s.as_u16()),
            _ => None,
        }
    }

    fn is_auth(&self) -> bool {
        if let Some(f) = self.session_error() {
            return f.kind == ErrorKind::InvalidCredentials
                || (f.kind == ErrorKind::UnexpectedBody && matches!(f.status, Some(401 | 403)));
        }
        matches!(self.http_status(), Some(401 | 403))
    }

    fn is_transient(&self) -> bool {
        match self {
            ProgenitorError::CommunicationError(e) => e.is_connect() || e.is_timeout(),
            ProgenitorError::Custom(_) => self.session_error().is_some_and(|f| {
                f.transient_transport
                    || f.kind == ErrorKind::RetryAfterTooLong
                    || f.status.is_some_and(transient_status)
            }),
            _ => self.http_status().is_some_and(transient_status),
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        let headers = match self {
            ProgenitorError::Custom(_) => return self.session_error()?.retry_after,
            ProgenitorError::ErrorResponse(rv) => rv.headers(),
            ProgenitorError::UnexpectedResponse(r) => r.headers(),
            _ => return None,
        };
        let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
        crate::transport::retry::retry_after(value, SystemTime::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Vendor;

    #[test]
    fn the_marker_round_trips_kind_status_and_wait() {
        let e = Error::RetryAfterTooLong {
            operation: "list_jobs".into(),
            status: 503,
            wait: Duration::from_secs(120),
            allowed: Duration::from_secs(10),
        };
        let call: ProgenitorError<()> = to_custom(&e);
        let f = call.session_error().expect("marker");
        assert_eq!(f.kind, ErrorKind::RetryAfterTooLong);
        assert_eq!(f.status, Some(503));
        assert_eq!(call.retry_after(), Some(Duration::from_secs(120)));
        assert!(call.is_transient() && !call.is_auth() && !call.is_not_found());
        assert!(f.message.contains("120 s"), "{}", f.message);

        let refused: ProgenitorError<()> = to_custom(&Error::InvalidCredentials {
            vendor: Vendor::Ddmc,
            status: 401,
            detail: "bad password".into(),
        });
        assert!(refused.is_auth() && !refused.is_transient());
        assert_eq!(refused.http_status(), Some(401));
    }

    #[test]
    fn a_custom_error_without_the_marker_is_no_session_failure() {
        let e: ProgenitorError<()> = ProgenitorError::Custom("kind=transport]".into());
        assert!(e.session_error().is_none());
    }
}
