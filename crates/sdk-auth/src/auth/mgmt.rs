//! Management console (Google Cloud Backup and DR, or on-premises Actifio AGM): a session id.
//!
//! Google Cloud: a Google OAuth bearer token (from a pluggable [`TokenSource`]) is sent to
//! `POST /actifio/session` with an empty body and `Content-Length: 0`; the answer's `session_id`
//! then travels as `backupdr-management-session: Actifio <id>` next to `Authorization: Bearer
//! <token>` on every call. On-premises AGM: HTTP Basic login, then `Authorization: Actifio <id>`.
//! A 401 triggers one refresh of token and session; `DELETE /actifio/session/current` logs out.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_LENGTH};
use secrecy::{ExposeSecret, SecretString};

use super::credential::{Credential, name};
use super::{AuthFuture, build, exchange, login_error};
use crate::error::excerpt;
use crate::transport::Transport;
use crate::{Error, Vendor};

/// Path of the login endpoint (POST).
pub const SESSION_PATH: &str = "/actifio/session";

/// Path of the logout endpoint (DELETE).
pub const CURRENT_SESSION_PATH: &str = "/actifio/session/current";

/// The session header of Google Cloud consoles.
pub const SESSION_HEADER: &str = "backupdr-management-session";

/// A future returned by a [`TokenSource`].
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<SecretString, Error>> + Send + 'a>>;

/// Where Google OAuth bearer tokens come from.
///
/// Implement it to plug in any token provider (Application Default Credentials, service-account
/// impersonation, a token file...). [`StaticToken`] serves a fixed token. The session calls
/// [`TokenSource::token`] at every login and re-login, so a source returns a fresh token when
/// the one it handed out before has expired.
pub trait TokenSource: Send + Sync + 'static {
    /// A currently valid bearer token (without the `Bearer ` prefix).
    fn token(&self) -> TokenFuture<'_>;
}

/// A fixed bearer token, e.g. from `gcloud auth print-access-token`.
#[derive(Clone)]
pub struct StaticToken(SecretString);

impl StaticToken {
    /// Wraps a token.
    pub fn new(token: impl Into<SecretString>) -> Self {
        Self(token.into())
    }
}

impl std::fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaticToken([redacted])")
    }
}

impl TokenSource for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// How to log in to a management console.
#[derive(Clone)]
pub enum MgmtAuth {
    /// Google Cloud Backup and DR: bearer token plus `backupdr-management-session`.
    Google(Arc<dyn TokenSource>),
    /// On-premises Actifio AGM: HTTP Basic login, then `Authorization: Actifio <session id>`.
    OnPrem {
        /// The AGM user.
        username: String,
        /// Its password.
        password: SecretString,
    },
}

impl MgmtAuth {
    /// Google Cloud with a bearer-token source.
    pub fn google(source: impl TokenSource) -> Self {
        Self::Google(Arc::new(source))
    }

    /// Google Cloud with a fixed bearer token.
    pub fn google_token(token: impl Into<SecretString>) -> Self {
        Self::google(StaticToken::new(token))
    }

    /// On-premises AGM with a user name and password.
    pub fn on_prem(username: impl Into<String>, password: impl Into<SecretString>) -> Self {
        Self::OnPrem {
            username: username.into(),
            password: password.into(),
        }
    }
}

impl std::fmt::Debug for MgmtAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MgmtAuth::Google(_) => f.write_str("MgmtAuth::Google([token source])"),
            MgmtAuth::OnPrem { username, .. } => f
                .debug_struct("MgmtAuth::OnPrem")
                .field("username", username)
                .field("password", &"[redacted]")
                .finish(),
        }
    }
}

impl super::Login for MgmtAuth {
    fn vendor(&self) -> Vendor {
        Vendor::Mgmt
    }

    fn login_path(&self) -> Option<&str> {
        Some(SESSION_PATH)
    }

    fn login<'a>(&'a self, transport: &'a Transport) -> AuthFuture<'a, Credential> {
        Box::pin(async move {
            let url = transport.url(SESSION_PATH);
            let mut request = transport
                .http
                .post(&url)
                .header(CONTENT_LENGTH, "0")
                .body(Vec::<u8>::new());
            let bearer = match self {
                MgmtAuth::Google(source) => {
                    let token = source.token().await?;
                    request = request.header(
                        AUTHORIZATION,
                        sensitive(&format!("Bearer {}", token.expose_secret()))?,
                    );
                    Some(token)
                }
                MgmtAuth::OnPrem { username, password } => {
                    request = request.basic_auth(username, Some(password.expose_secret()));
                    None
                }
            };
            let request = build(Vendor::Mgmt, &url, request)?;
            let answer = exchange(transport, Vendor::Mgmt, request).await?;
            let status = answer.status;
            if !status.is_success() {
                let refused = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN);
                return Err(login_error(
                    Vendor::Mgmt,
                    &answer,
                    refused,
                    error_detail(&answer.body),
                ));
            }
            let body: serde_json::Value =
                serde_json::from_slice(&answer.body).map_err(|_| Error::LoginResponse {
                    vendor: Vendor::Mgmt,
                    detail: format!("HTTP {status} with a body that is not JSON"),
                })?;
            let session_id = ["session_id", "id"]
                .iter()
                .find_map(|k| {
                    body.get(k)
                        .and_then(|v| v.as_str())
                        .filter(|s| !s.is_empty())
                })
                .ok_or_else(|| Error::LoginResponse {
                    vendor: Vendor::Mgmt,
                    detail: "the session answer has neither `session_id` nor `id`".into(),
                })?;
            let session = SecretString::from(format!("Actifio {session_id}"));
            let headers = match bearer {
                Some(token) => vec![
                    (
                        AUTHORIZATION,
                        SecretString::from(format!("Bearer {}", token.expose_secret())),
                    ),
                    (name(SESSION_HEADER), session),
                ],
                None => vec![(AUTHORIZATION, session)],
            };
            Credential::new(headers, None)
        })
    }

    fn logout<'a>(
        &'a self,
        transport: &'a Transport,
        credential: &'a Credential,
    ) -> AuthFuture<'a, ()> {
        Box::pin(super::logout(
            transport,
            Vendor::Mgmt,
            CURRENT_SESSION_PATH,
            credential,
            error_detail,
        ))
    }
}

fn sensitive(value: &str) -> Result<reqwest::header::HeaderValue, Error> {
    let mut v = reqwest::header::HeaderValue::from_str(value).map_err(|_| {
        Error::Config("the bearer token contains characters not allowed in an HTTP header".into())
    })?;
    v.set_sensitive(true);
    Ok(v)
}

/// `err_message` (with `err_code`) of a console error body; Google's front end answers an expired
/// or invalid token with an HTML page instead, which is named as such.
fn error_detail(body: &[u8]) -> String {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(v) => match (
            v.get("err_code"),
            v.get("err_message").and_then(|m| m.as_str()),
        ) {
            (Some(code), Some(msg)) => format!("err_code {code}: {}", excerpt(msg.as_bytes(), 300)),
            _ => excerpt(body, 300),
        },
        Err(_) => format!(
            "a non-JSON page from the front end (an expired or invalid Google token?): {}",
            excerpt(body, 120)
        ),
    }
}
