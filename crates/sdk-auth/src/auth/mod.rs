//! The vendors' logins: one [`Login`] implementation per vendor, and the plumbing they share
//! (send the login or logout through the transport with retries, read the answer bounded,
//! classify refusals).

pub(crate) mod credential;
pub mod ddmc;
pub mod druva;
pub(crate) mod google_cloud;
pub mod mgmt;

use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{Method, Request, StatusCode, Url};

use crate::transport::{Refusal, Transport};
use crate::{Error, Vendor};
use credential::Credential;

/// A boxed future of a login step.
pub(crate) type AuthFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

/// How one vendor logs in, recognises an expired credential and logs out.
pub(crate) trait Login: Send + Sync + 'static {
    /// The API.
    fn vendor(&self) -> Vendor;

    /// Path of the login request: sent untouched (no credential added, never replayed on 401);
    /// `None` when the login sends no request to the API (a token from elsewhere).
    fn login_path(&self) -> Option<&str>;

    /// Statuses that mean "the credential expired": one re-login, then the call is replayed.
    fn is_expired(&self, status: StatusCode) -> bool {
        status == StatusCode::UNAUTHORIZED
    }

    /// Logs in and returns the credential.
    fn login<'a>(&'a self, transport: &'a Transport) -> AuthFuture<'a, Credential>;

    /// Logs out (default: nothing to close on the server).
    fn logout<'a>(
        &'a self,
        _transport: &'a Transport,
        _credential: &'a Credential,
    ) -> AuthFuture<'a, ()> {
        Box::pin(async { Ok(()) })
    }

    /// Adjusts a request's URL before it is sent (DDMC: pre-encoded ids).
    fn prepare_url(&self, _url: &mut Url) {}

    /// A response header in which the server re-sends a fresh credential (DDMC), adopted for
    /// later calls and removed from the answer.
    fn echoed_credential_header(&self) -> Option<&'static str> {
        None
    }
}

/// A session without credentials.
pub(crate) struct NoLogin;

impl Login for NoLogin {
    fn vendor(&self) -> Vendor {
        Vendor::Unauthenticated
    }
    fn login_path(&self) -> Option<&str> {
        None
    }
    fn is_expired(&self, _status: StatusCode) -> bool {
        false
    }
    fn login<'a>(&'a self, _transport: &'a Transport) -> AuthFuture<'a, Credential> {
        Box::pin(async { Credential::new(Vec::new(), None) })
    }
}

/// A login or logout answer, read whole (bounded).
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) attempts: u32,
}

/// The largest login or logout answer read (they are a few hundred bytes).
const MAX_AUTH_ANSWER: u64 = 1024 * 1024;

/// Sends a login, token or logout request with the session's retry policy (transient statuses,
/// connection failures, `Retry-After`), never to another origin; reads the answer.
pub(crate) async fn exchange(
    transport: &Transport,
    vendor: Vendor,
    request: Request,
) -> Result<Answer, Error> {
    let url = request.url().as_str().to_string();
    let transport_error = |source: reqwest::Error| Error::Transport {
        vendor,
        url: url.clone(),
        source,
    };
    let sent = transport
        .send(request, "login", true)
        .await
        .map_err(transport_error)?;
    match sent.refusal {
        Some(Refusal::CrossOrigin { status, location }) => {
            return Err(Error::CrossOriginRedirect {
                operation: format!("{vendor} login"),
                status,
                location,
                origin: transport.origin(),
            });
        }
        Some(Refusal::RetryAfterTooLong { status, wait }) => {
            return Err(Error::RetryAfterTooLong {
                operation: format!("{vendor} login"),
                status,
                wait,
                allowed: transport.retry.max_delay,
            });
        }
        None => {}
    }
    let status = sent.response.status();
    let headers = sent.response.headers().clone();
    let body = Transport::read_bounded(sent.response, MAX_AUTH_ANSWER)
        .await
        .map_err(transport_error)?
        .ok_or_else(|| Error::LoginResponse {
            vendor,
            detail: format!("HTTP {status} with a body over {MAX_AUTH_ANSWER} bytes"),
        })?;
    Ok(Answer {
        status,
        headers,
        body,
        attempts: sent.attempts,
    })
}

/// Builds a login or logout request, naming the vendor and URL when it cannot be built.
pub(crate) fn build(
    vendor: Vendor,
    url: &str,
    request: reqwest::RequestBuilder,
) -> Result<Request, Error> {
    request.build().map_err(|source| Error::Transport {
        vendor,
        url: url.to_string(),
        source,
    })
}

/// The error of a refused login: refused credentials (`refused`) or another failure.
pub(crate) fn login_error(vendor: Vendor, answer: &Answer, refused: bool, detail: String) -> Error {
    if refused {
        Error::InvalidCredentials {
            vendor,
            status: answer.status.as_u16(),
            detail,
        }
    } else {
        Error::LoginFailed {
            vendor,
            status: answer.status.as_u16(),
            attempts: answer.attempts,
            detail,
        }
    }
}

/// `DELETE path` with the credential; 2xx or 401 (already expired) is a success.
pub(crate) async fn logout(
    transport: &Transport,
    vendor: Vendor,
    path: &str,
    credential: &Credential,
    detail: fn(&[u8]) -> String,
) -> Result<(), Error> {
    let url = transport.url(path);
    let mut request = build(vendor, &url, transport.http.request(Method::DELETE, &url))?;
    credential.apply(request.headers_mut());
    let answer = exchange(transport, vendor, request).await?;
    if answer.status.is_success() || answer.status == StatusCode::UNAUTHORIZED {
        return Ok(());
    }
    Err(Error::LogoutFailed {
        vendor,
        status: answer.status.as_u16(),
        detail: detail(&answer.body),
    })
}
