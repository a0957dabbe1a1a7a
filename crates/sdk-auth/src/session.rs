//! [`Session`]: the inner value of every generated client, through which each request passes.
//! It is the single owner of the base URL, the HTTP client (TLS, pinning, timeouts, redirects)
//! and the credential.

use std::sync::Arc;
use std::time::Instant;

use reqwest::header::{HeaderName, SET_COOKIE};
use reqwest::{Request, Response, StatusCode, Url};
use secrecy::ExposeSecret;
use tokio::sync::Mutex;
use tracing::Instrument;

use crate::auth::credential::Credential;
use crate::auth::{Login, NoLogin};
use crate::transport::{HttpOptions, Refusal, Sent, Transport, is_loopback};
use crate::{DdmcCredentials, DruvaCredentials, Error, MgmtAuth, Vendor};

struct Inner {
    transport: Transport,
    login: Box<dyn Login>,
    /// The current credential; logins happen with this lock held, so concurrent callers that
    /// all need one share a single login.
    credential: Mutex<Option<Arc<Credential>>>,
}

/// An authenticated connection to one API: the HTTP client, the credentials, the current token or
/// session, and the retry policy. Cheap to clone (all clones share one login).
///
/// Generated clients hold a `Session` and hand every request to it (see each SDK's
/// `ClientHooks` impl); a client can only be made from a session, so every request goes to the
/// session's base URL with the session's TLS settings. Users rarely touch it directly: the SDK
/// crates' `Client::login` constructors build one.
#[derive(Clone)]
pub struct Session {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("vendor", &self.vendor())
            .field("base_url", &self.inner.transport.base_url.as_str())
            .field("credentials", &"[redacted]")
            .finish()
    }
}

fn parse_base(base_url: &str, strip_suffix: Option<&str>) -> Result<Url, Error> {
    let mut trimmed = base_url.trim().trim_end_matches('/');
    if let Some(suffix) = strip_suffix {
        trimmed = trimmed
            .strip_suffix(suffix)
            .unwrap_or(trimmed)
            .trim_end_matches('/');
    }
    let url = Url::parse(trimmed)
        .map_err(|e| Error::Config(format!("`{trimmed}` is not a valid base URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::Config(format!(
            "base URL `{trimmed}` must use http or https"
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config(
            "the base URL must not carry credentials; pass them separately".into(),
        ));
    }
    Ok(url)
}

/// What an answer turned out to be, for the hook that runs after the call
/// ([`crate::__private::post`]) and the decoder ([`crate::__private::from_response`]).
#[derive(Clone)]
pub(crate) struct CallContext {
    pub(crate) operation: &'static str,
    pub(crate) max_body_size: u64,
    pub(crate) failure: Option<Arc<Error>>,
}

impl Session {
    fn build(
        base_url: &str,
        strip_suffix: Option<&str>,
        login: Box<dyn Login>,
        options: HttpOptions,
    ) -> Result<Self, Error> {
        let base_url = parse_base(base_url, strip_suffix)?;
        if base_url.scheme() == "http"
            && !is_loopback(&base_url)
            && login.vendor() != Vendor::Unauthenticated
            && !options.allow_plain_http
        {
            return Err(Error::Config(format!(
                "`{}` uses plain http:// to a host that is not loopback, so the {} credentials \
                 would cross the network unencrypted; use https:// (or, knowingly, \
                 HttpOptions::danger_allow_plain_http)",
                base_url.origin().ascii_serialization(),
                login.vendor()
            )));
        }
        Ok(Self {
            inner: Arc::new(Inner {
                transport: Transport::new(base_url, &options)?,
                login,
                credential: Mutex::new(None),
            }),
        })
    }

    /// A DDMC / PowerProtect DD session, e.g. `https://ddmc.example.com:3009`. Nothing is sent
    /// until [`Session::login`] or the first call.
    pub fn ddmc(
        base_url: &str,
        credentials: DdmcCredentials,
        options: HttpOptions,
    ) -> Result<Self, Error> {
        Self::build(base_url, None, Box::new(credentials), options)
    }

    /// A management console session. The base URL is the console host; a trailing `/actifio`
    /// (as `managementUri.api` gives it) is accepted and removed.
    pub fn mgmt(base_url: &str, auth: MgmtAuth, options: HttpOptions) -> Result<Self, Error> {
        Self::build(base_url, Some("/actifio"), Box::new(auth), options)
    }

    /// A Druva session, e.g. [`druva::DEFAULT_URL`](crate::druva::DEFAULT_URL). Tokens come from
    /// the same host.
    pub fn druva(
        base_url: &str,
        credentials: DruvaCredentials,
        options: HttpOptions,
    ) -> Result<Self, Error> {
        Self::build(base_url, None, Box::new(credentials), options)
    }

    /// A Google Cloud API session (for example `https://backupdr.googleapis.com`, where the
    /// console's management servers are listed): every call carries a bearer token from
    /// `source`, fetched again from it when the API refuses the token (401). There is no
    /// login request; the token source is the login.
    pub fn google_cloud(
        base_url: &str,
        source: impl crate::TokenSource,
        options: HttpOptions,
    ) -> Result<Self, Error> {
        Self::build(
            base_url,
            None,
            Box::new(crate::auth::google_cloud::GoogleCloud::new(source)),
            options,
        )
    }

    /// A session that adds no credentials (public endpoints, test fixtures).
    pub fn unauthenticated(base_url: &str, options: HttpOptions) -> Result<Self, Error> {
        Self::build(base_url, None, Box::new(NoLogin), options)
    }

    /// The API this session talks to.
    pub fn vendor(&self) -> Vendor {
        self.inner.login.vendor()
    }

    /// The normalised base URL (no trailing slash).
    pub fn base_url(&self) -> &str {
        self.inner.transport.base_url.as_str().trim_end_matches('/')
    }

    /// The HTTP client (TLS, timeouts and redirect policy as configured); generated clients
    /// share it.
    pub fn http(&self) -> &reqwest::Client {
        &self.inner.transport.http
    }

    /// Logs in now (unless already logged in), so bad credentials fail here with a typed error.
    pub async fn login(&self) -> Result<(), Error> {
        self.credential().await.map(|_| ())
    }

    /// Whether a credential is held and within its known lifetime.
    pub async fn is_logged_in(&self) -> bool {
        self.inner
            .credential
            .lock()
            .await
            .as_ref()
            .is_some_and(|c| c.is_fresh())
    }

    /// Logs out (DDMC: `DELETE /rest/v1.0/auth`; console: `DELETE /actifio/session/current`;
    /// Druva: forgets the token, which has no revocation endpoint). A later call logs in again.
    pub async fn logout(&self) -> Result<(), Error> {
        let Some(credential) = self.inner.credential.lock().await.take() else {
            return Ok(());
        };
        let result = self
            .inner
            .login
            .logout(&self.inner.transport, &credential)
            .await;
        tracing::info!(vendor = %self.vendor(), ok = result.is_ok(), "logged out");
        result
    }

    async fn login_once(&self) -> Result<Credential, Error> {
        let started = Instant::now();
        let result = self.inner.login.login(&self.inner.transport).await;
        match &result {
            Ok(_) => {
                tracing::info!(vendor = %self.vendor(), duration_ms = started.elapsed().as_millis() as u64, "logged in")
            }
            Err(e) => tracing::warn!(vendor = %self.vendor(), error = %e, "login failed"),
        }
        result
    }

    /// The current credential, logging in first when there is none or it has expired.
    async fn credential(&self) -> Result<Arc<Credential>, Error> {
        let mut slot = self.inner.credential.lock().await;
        if let Some(c) = slot.as_ref().filter(|c| c.is_fresh()) {
            return Ok(Arc::clone(c));
        }
        let fresh = Arc::new(self.login_once().await?);
        *slot = Some(Arc::clone(&fresh));
        Ok(fresh)
    }

    /// Replaces a credential the server refused. `used` is the fingerprint of what the refused
    /// request carried: when another caller already replaced it, that newer credential is reused,
    /// so many callers hitting one expiry cause a single login.
    async fn refresh(&self, used: u64, status: StatusCode) -> Result<Arc<Credential>, Error> {
        let mut slot = self.inner.credential.lock().await;
        if let Some(c) = slot
            .as_ref()
            .filter(|c| c.is_fresh() && c.fingerprint() != used)
        {
            return Ok(Arc::clone(c));
        }
        tracing::info!(vendor = %self.vendor(), status = status.as_u16(), "credentials refused; logging in again");
        *slot = None;
        let fresh = Arc::new(self.login_once().await?);
        *slot = Some(Arc::clone(&fresh));
        Ok(fresh)
    }

    fn is_login_request(&self, request: &Request) -> bool {
        self.inner.login.login_path().is_some_and(|path| {
            *request.method() == reqwest::Method::POST
                && request.url().path().trim_end_matches('/').ends_with(path)
        })
    }

    /// Prepares a request built by a generated client: checks it goes to the session's origin,
    /// removes progenitor's `api-version` header (the vendors define none), normalises DDMC
    /// paths (ids are sent verbatim, never double-encoded), logs in if needed and adds the
    /// credential headers.
    pub(crate) async fn authorize(
        &self,
        request: &mut Request,
        operation_id: &str,
    ) -> Result<(), Error> {
        let origin = &self.inner.transport.base_url;
        if request.url().origin() != origin.origin() {
            return Err(Error::Config(format!(
                "{operation_id}: the request goes to {}, not to the session's {}",
                request.url().origin().ascii_serialization(),
                origin.origin().ascii_serialization()
            )));
        }
        request.headers_mut().remove("api-version");
        self.inner.login.prepare_url(request.url_mut());
        if self.is_login_request(request) {
            return Ok(());
        }
        let credential = self.credential().await.map_err(|e| {
            tracing::warn!(operation = operation_id, error = %e, "cannot authorize the call");
            e
        })?;
        credential.apply(request.headers_mut());
        Ok(())
    }

    /// Sends a request: re-authenticates once and replays it when the credential was refused,
    /// retries transient failures of requests safe to repeat within the retry policy, records
    /// one tracing span, strips credentials the server echoes back, and marks answers that must
    /// become errors (see [`CallContext`]).
    pub(crate) async fn execute(
        &self,
        request: Request,
        operation_id: &'static str,
        safe_by_spec: bool,
    ) -> reqwest::Result<Response> {
        let span = tracing::info_span!(
            "sdk_call",
            vendor = %self.vendor(),
            operation = operation_id,
            method = %request.method(),
            path = request.url().path(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        self.execute_inner(request, operation_id, safe_by_spec)
            .instrument(span)
            .await
    }

    async fn execute_inner(
        &self,
        request: Request,
        operation_id: &'static str,
        safe_by_spec: bool,
    ) -> reqwest::Result<Response> {
        let started = Instant::now();
        let transport = &self.inner.transport;
        let may_retry = transport
            .retry
            .may_retry(request.method(), operation_id, safe_by_spec);
        let login_request = self.is_login_request(&request);
        let spare = request.try_clone();
        let mut sent = transport.send(request, operation_id, may_retry).await?;
        let mut attempts = sent.attempts;
        let mut failure = None;
        let status = sent.response.status();
        if !login_request
            && sent.refusal.is_none()
            && self.inner.login.is_expired(status)
            && let Some(mut replay) = spare
        {
            let used = self.fingerprint_of(replay.headers()).await;
            match self.refresh(used, status).await {
                Ok(credential) => {
                    credential.apply(replay.headers_mut());
                    sent = transport.send(replay, operation_id, may_retry).await?;
                    attempts += sent.attempts;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "re-authentication failed");
                    failure = Some(Arc::new(e));
                }
            }
        }
        let span = tracing::Span::current();
        span.record("attempts", attempts);
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        span.record("status", sent.response.status().as_u16());
        let Sent {
            mut response,
            refusal,
            ..
        } = sent;
        if failure.is_none() {
            failure = refusal.map(|r| Arc::new(self.refusal_error(r, operation_id)));
        }
        self.scrub_response(&mut response).await;
        let context = CallContext {
            operation: operation_id,
            max_body_size: transport.max_body_size,
            failure,
        };
        crate::__private::mark(response, context, attempts).await
    }

    fn refusal_error(&self, refusal: Refusal, operation_id: &str) -> Error {
        match refusal {
            Refusal::CrossOrigin { status, location } => Error::CrossOriginRedirect {
                operation: operation_id.to_string(),
                status,
                location,
                origin: self.inner.transport.origin(),
            },
            Refusal::RetryAfterTooLong { status, wait } => Error::RetryAfterTooLong {
                operation: operation_id.to_string(),
                status,
                wait,
                allowed: self.inner.transport.retry.max_delay,
            },
        }
    }

    async fn fingerprint_of(&self, headers: &reqwest::header::HeaderMap) -> u64 {
        match self.inner.credential.lock().await.as_ref() {
            Some(c) => c.fingerprint_of(headers),
            None => 0,
        }
    }

    /// Keeps credentials out of responses: DDMC re-sends `X-DD-AUTH-TOKEN` on answers (the newest
    /// value is kept for later calls, then the header is removed); cookies are marked sensitive.
    async fn scrub_response(&self, response: &mut Response) {
        if let Some(name) = self.inner.login.echoed_credential_header()
            && let Some(token) = response.headers_mut().remove(name)
        {
            self.adopt_token(
                HeaderName::from_static(name),
                token.to_str().unwrap_or_default(),
            )
            .await;
        }
        if let reqwest::header::Entry::Occupied(mut e) = response.headers_mut().entry(SET_COOKIE) {
            for v in e.iter_mut() {
                v.set_sensitive(true);
            }
        }
    }

    async fn adopt_token(&self, header: HeaderName, token: &str) {
        if token.is_empty() {
            return;
        }
        let mut slot = self.inner.credential.lock().await;
        let same = slot
            .as_ref()
            .and_then(|c| c.header(&header))
            .is_some_and(|current| current.expose_secret() == token);
        if !same && let Ok(c) = Credential::new(vec![(header, token.to_string().into())], None) {
            *slot = Some(Arc::new(c));
        }
    }
}
