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
    /// A session without authentication (test fixtures, public endpoints).
    Unauthenticated,
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Vendor::Ddmc => "DDMC",
            Vendor::Mgmt => "management console",
            Vendor::Druva => "Druva",
            Vendor::Unauthenticated => "unauthenticated API",
        })
    }
}

/// What went wrong while configuring a session, logging in or out.
///
/// No variant ever carries a password, token, client secret or session id: messages hold only
/// status codes, URLs without credentials and bounded excerpts of server error bodies.
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
    /// The login endpoint answered with an unexpected status.
    #[error("{vendor} login failed with HTTP {status}: {detail}")]
    LoginFailed {
        /// The API.
        vendor: Vendor,
        /// HTTP status of the login answer.
        status: u16,
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
    /// The server could not be reached or the exchange failed at the HTTP level.
    #[error("{vendor}: request to {url} failed: {source}")]
    Transport {
        /// The API.
        vendor: Vendor,
        /// The URL (never carries credentials).
        url: String,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
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
    /// The bearer-token source (for example Google Application Default Credentials) failed.
    #[error("bearer token source failed: {0}")]
    TokenSource(String),
    /// The session configuration is invalid (bad URL, a credential that cannot be sent in a header...).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// TLS could not be configured (unreadable CA certificate...).
    #[error("TLS setup failed: {0}")]
    Tls(String),
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
