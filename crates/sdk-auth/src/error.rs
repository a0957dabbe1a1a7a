//! The error type of session setup, login and logout.

use std::fmt;

/// Which API a session talks to; used in messages and tracing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Vendor {
    /// Dell PowerProtect DD Management Center / PowerProtect DD REST API.
    Ddmc,
    /// Google Cloud Backup and DR management console (or on-premises Actifio AGM).
    Mgmt,
    /// Druva Cloud Platform APIs.
    Druva,
    /// A Google Cloud API other than the console (Backup and DR's management servers).
    GoogleCloud,
    /// A session without authentication (test fixtures, public endpoints).
    Unauthenticated,
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Vendor::Ddmc => "DDMC",
            Vendor::Mgmt => "management console",
            Vendor::Druva => "Druva",
            Vendor::GoogleCloud => "Google Cloud API",
            Vendor::Unauthenticated => "unauthenticated API",
        })
    }
}

/// What went wrong while configuring a session, logging in or out, or sending a call.
///
/// No variant ever carries a password, token, client secret or session id: messages hold only
/// status codes, URLs without credentials and bounded excerpts of server answers.
///
/// Ask what happened with the predicates ([`Error::is_auth`], [`Error::is_transient`],
/// [`Error::status`], [`Error::retry_after`], [`Error::kind`]); a generated call's error answers the
/// same questions through [`CallError`](crate::CallError).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server refused the credentials (wrong password, client secret, bearer token...).
    /// The SDK never retries this: DDMC locks accounts after repeated failures.
    #[error("{vendor} refused the credentials (HTTP {status}): {detail}")]
    InvalidCredentials {
        /// The API that refused them.
        vendor: Vendor,
        /// HTTP status of the login answer.
        status: u16,
        /// A bounded excerpt of the server's answer.
        detail: String,
    },
    /// The login endpoint answered with an unexpected status (after the retries the policy
    /// allows, when the status is transient).
    #[error("{vendor} login failed with HTTP {status} after {attempts} attempt(s): {detail}")]
    LoginFailed {
        /// The API.
        vendor: Vendor,
        /// HTTP status of the login answer.
        status: u16,
        /// How many times the login was sent.
        attempts: u32,
        /// A bounded excerpt of the server's answer.
        detail: String,
    },
    /// The login succeeded but its answer lacks what the vendor always sends.
    #[error("{vendor} login answer is not usable: {detail}")]
    LoginResponse {
        /// The API.
        vendor: Vendor,
        /// What is missing or malformed.
        detail: String,
    },
    /// Logging out failed (the session may stay open until it times out on the server).
    #[error("{vendor} logout failed with HTTP {status}: {detail}")]
    LogoutFailed {
        /// The API.
        vendor: Vendor,
        /// HTTP status of the logout answer.
        status: u16,
        /// A bounded excerpt of the server's answer.
        detail: String,
    },
    /// The server could not be reached or the exchange failed at the HTTP level. The message
    /// names the root cause (connection refused, unknown certificate issuer, name mismatch...).
    #[error("{vendor}: request to {url} failed: {}", chain(.source))]
    Transport {
        /// The API.
        vendor: Vendor,
        /// The URL (never carries credentials).
        url: String,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// The server redirected to another origin (scheme, host or port). The redirect is not
    /// followed, so no credential reaches the other origin.
    #[error(
        "{operation}: HTTP {status} redirects to another origin ({location}); not followed, so that credentials stay with {origin}"
    )]
    CrossOriginRedirect {
        /// The operation id of the call (`login` for a login).
        operation: String,
        /// The redirect status (301, 302, 303, 307, 308).
        status: u16,
        /// The `Location` the server named (without its query).
        location: String,
        /// The session's origin.
        origin: String,
    },
    /// The server asked to wait before retrying for longer than the retry policy allows
    /// (`Retry-After` above [`RetryPolicy::with_max_delay`](crate::RetryPolicy::with_max_delay)),
    /// so the call failed at once instead of retrying early.
    #[error(
        "{operation}: HTTP {status}; the server asked to wait {} s before retrying, more than the retry policy allows ({} s)",
        .wait.as_secs_f64(), .allowed.as_secs_f64()
    )]
    RetryAfterTooLong {
        /// The operation id of the call (`login` for a login).
        operation: String,
        /// The HTTP status (429, 503...).
        status: u16,
        /// How long the server asked to wait (`Retry-After`).
        wait: std::time::Duration,
        /// The longest wait the policy allows.
        allowed: std::time::Duration,
    },
    /// The API answered an error status with a body that is not the JSON error document the
    /// spec describes (a proxy's or Google front end's HTML page, an empty body...).
    #[error(
        "{operation}: HTTP {status} with a non-JSON body ({content_type}) after {attempts} attempt(s): {excerpt}"
    )]
    UnexpectedBody {
        /// The operation id of the call.
        operation: String,
        /// The HTTP status.
        status: u16,
        /// How many times the request was sent (retries of transient failures included).
        attempts: u32,
        /// The answer's `Content-Type`, or `no content type`.
        content_type: String,
        /// A bounded, single-line excerpt of the body.
        excerpt: String,
    },
    /// An answer's body is larger than [`HttpOptions::with_max_body_size`](crate::HttpOptions::with_max_body_size)
    /// allows (after decompression); reading stopped there.
    #[error("{operation}: the answer's body exceeds the limit of {limit} bytes; reading stopped")]
    BodyTooLarge {
        /// The operation id of the call.
        operation: String,
        /// The configured limit in bytes.
        limit: u64,
    },
    /// The bearer-token source (for example Google Application Default Credentials) failed.
    #[error("bearer token source failed: {0}")]
    TokenSource(String),
    /// The session configuration is invalid (bad URL, a credential that cannot be sent in a header...).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// TLS could not be configured (unreadable CA certificate, malformed fingerprint...).
    #[error("TLS setup failed: {0}")]
    Tls(String),
}

/// The kind of an [`Error`], for programs that branch on what happened (also recovered from a
/// generated call's error by [`CallError::session_error`](crate::CallError::session_error)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// [`Error::InvalidCredentials`].
    InvalidCredentials,
    /// [`Error::LoginFailed`].
    LoginFailed,
    /// [`Error::LoginResponse`].
    LoginResponse,
    /// [`Error::LogoutFailed`].
    LogoutFailed,
    /// [`Error::Transport`]: the server could not be reached or the exchange broke.
    Transport,
    /// [`Error::CrossOriginRedirect`].
    CrossOriginRedirect,
    /// [`Error::RetryAfterTooLong`].
    RetryAfterTooLong,
    /// [`Error::UnexpectedBody`].
    UnexpectedBody,
    /// [`Error::BodyTooLarge`].
    BodyTooLarge,
    /// [`Error::TokenSource`].
    TokenSource,
    /// [`Error::Config`].
    Config,
    /// [`Error::Tls`].
    Tls,
}

impl ErrorKind {
    const ALL: [(ErrorKind, &'static str); 12] = [
        (ErrorKind::InvalidCredentials, "invalid-credentials"),
        (ErrorKind::LoginFailed, "login-failed"),
        (ErrorKind::LoginResponse, "login-response"),
        (ErrorKind::LogoutFailed, "logout-failed"),
        (ErrorKind::Transport, "transport"),
        (ErrorKind::CrossOriginRedirect, "cross-origin-redirect"),
        (ErrorKind::RetryAfterTooLong, "retry-after-too-long"),
        (ErrorKind::UnexpectedBody, "unexpected-body"),
        (ErrorKind::BodyTooLarge, "body-too-large"),
        (ErrorKind::TokenSource, "token-source"),
        (ErrorKind::Config, "config"),
        (ErrorKind::Tls, "tls"),
    ];

    /// A stable, kebab-case name (`invalid-credentials`, `transport`...).
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map(|(_, n)| *n)
            .unwrap_or("unknown")
    }

    /// The kind named by [`ErrorKind::as_str`].
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidCredentials { .. } => ErrorKind::InvalidCredentials,
            Error::LoginFailed { .. } => ErrorKind::LoginFailed,
            Error::LoginResponse { .. } => ErrorKind::LoginResponse,
            Error::LogoutFailed { .. } => ErrorKind::LogoutFailed,
            Error::Transport { .. } => ErrorKind::Transport,
            Error::CrossOriginRedirect { .. } => ErrorKind::CrossOriginRedirect,
            Error::RetryAfterTooLong { .. } => ErrorKind::RetryAfterTooLong,
            Error::UnexpectedBody { .. } => ErrorKind::UnexpectedBody,
            Error::BodyTooLarge { .. } => ErrorKind::BodyTooLarge,
            Error::TokenSource(_) => ErrorKind::TokenSource,
            Error::Config(_) => ErrorKind::Config,
            Error::Tls(_) => ErrorKind::Tls,
        }
    }

    /// The HTTP status the server answered, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::InvalidCredentials { status, .. }
            | Error::LoginFailed { status, .. }
            | Error::LogoutFailed { status, .. }
            | Error::CrossOriginRedirect { status, .. }
            | Error::RetryAfterTooLong { status, .. }
            | Error::UnexpectedBody { status, .. } => Some(*status),
            Error::Transport { source, .. } => source.status().map(|s| s.as_u16()),
            _ => None,
        }
    }

    /// Whether the credentials were refused (never retried: log in with other credentials).
    pub fn is_auth(&self) -> bool {
        matches!(self, Error::InvalidCredentials { .. })
            || matches!(
                self,
                Error::UnexpectedBody {
                    status: 401 | 403,
                    ..
                }
            )
    }

    /// Whether trying again later may succeed: the server could not be reached, or it answered a
    /// transient status (408, 429, 502, 503, 504) after the retries the policy allows.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Transport { source, .. } => source.is_connect() || source.is_timeout(),
            Error::RetryAfterTooLong { .. } => true,
            _ => self
                .status()
                .is_some_and(|s| matches!(s, 408 | 429 | 502 | 503 | 504)),
        }
    }

    /// How long the server asked to wait before another attempt, when it said so.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            Error::RetryAfterTooLong { wait, .. } => Some(*wait),
            _ => None,
        }
    }
}

/// The messages of an error and all its sources, joined with `: `, each said once: the root
/// cause (for example rustls' `invalid peer certificate: UnknownIssuer`) is always named.
pub fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !text.is_empty() && !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

/// Shortens a server answer to at most `max` characters on a char boundary, for error messages.
pub(crate) fn excerpt(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return "(empty body)".to_string();
    }
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_bounded_and_single_line() {
        assert_eq!(excerpt(b"", 10), "(empty body)");
        assert_eq!(excerpt(b"line1\nline2", 20), "line1 line2");
        assert_eq!(excerpt("ééééé".as_bytes(), 3), "ééé…");
    }
}
