//! [`Session`]: the inner value of every generated client, through which each request passes.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderName, RETRY_AFTER, SET_COOKIE};
use reqwest::{Method, Request, Response, StatusCode, Url};
use secrecy::ExposeSecret;
use tokio::sync::Mutex;
use tracing::Instrument;

use crate::credential::Credential;
use crate::options::HttpOptions;
use crate::retry::{RetryPolicy, is_transient_status, retry_after};
use crate::{DdmcCredentials, DruvaCredentials, Error, MgmtAuth, Vendor, ddmc, druva, mgmt};

/// How a session authenticates.
enum Scheme {
    Ddmc(DdmcCredentials),
    Mgmt(MgmtAuth),
    Druva(DruvaCredentials),
    None,
}

impl Scheme {
    fn vendor(&self) -> Vendor {
        match self {
            Scheme::Ddmc(_) => Vendor::Ddmc,
            Scheme::Mgmt(_) => Vendor::Mgmt,
            Scheme::Druva(_) => Vendor::Druva,
            Scheme::None => Vendor::Unauthenticated,
        }
    }

    /// The request that performs the login itself is sent untouched.
    fn is_login_request(&self, method: &Method, url: &Url) -> bool {
        let path = match self {
            Scheme::Ddmc(_) => ddmc::AUTH_PATH,
            Scheme::Mgmt(_) => mgmt::SESSION_PATH,
            Scheme::Druva(c) => c.token_path(),
            Scheme::None => return true,
        };
        *method == Method::POST && url.path().trim_end_matches('/').ends_with(path)
    }

    /// Statuses that mean "the credential expired": one re-login, then the request is replayed.
    fn is_auth_failure(&self, status: StatusCode) -> bool {
        match self {
            Scheme::Druva(_) => matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
            Scheme::None => false,
            _ => status == StatusCode::UNAUTHORIZED,
        }
    }
}

struct Inner {
    base_url: Url,
    http: reqwest::Client,
    scheme: Scheme,
    retry: RetryPolicy,
    /// Per-operation request timeouts that override the client's.
    operation_timeouts: std::collections::BTreeMap<String, Duration>,
    /// The current credential; logins happen with this lock held, so concurrent callers that
    /// all need one share a single login.
    credential: Mutex<Option<Arc<Credential>>>,
}

/// An authenticated connection to one API: the HTTP client, the credentials, the current token or
/// session, and the retry policy. Cheap to clone (all clones share one login).
///
/// Generated clients hold a `Session` and call [`Session::authorize`] and [`Session::execute`] for
/// every request (see each SDK's `ClientHooks` impl). Users rarely touch it directly: the SDK
/// crates' `Client::login` constructors build one.
#[derive(Clone)]
pub struct Session {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("vendor", &self.inner.scheme.vendor())
            .field("base_url", &self.inner.base_url.as_str())
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

impl Session {
    fn build(
        base_url: &str,
        strip_suffix: Option<&str>,
        scheme: Scheme,
        options: HttpOptions,
    ) -> Result<Self, Error> {
        let base_url = parse_base(base_url, strip_suffix)?;
        let http = options.build_client(base_url.host_str().unwrap_or_default())?;
        Ok(Self {
            inner: Arc::new(Inner {
                base_url,
                http,
                scheme,
                retry: options.retry,
                operation_timeouts: options.operation_timeouts,
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
        Self::build(base_url, None, Scheme::Ddmc(credentials), options)
    }

    /// A management console session. The base URL is the console host; a trailing `/actifio`
    /// (as `managementUri.api` gives it) is accepted and removed.
    pub fn mgmt(base_url: &str, auth: MgmtAuth, options: HttpOptions) -> Result<Self, Error> {
        Self::build(base_url, Some("/actifio"), Scheme::Mgmt(auth), options)
    }

    /// A Druva session, e.g. [`druva::DEFAULT_URL`](crate::druva::DEFAULT_URL). Tokens come from
    /// the same host.
    pub fn druva(
        base_url: &str,
        credentials: DruvaCredentials,
        options: HttpOptions,
    ) -> Result<Self, Error> {
        Self::build(base_url, None, Scheme::Druva(credentials), options)
    }

    /// A session that adds no credentials (public endpoints, test fixtures).
    pub fn unauthenticated(base_url: &str, options: HttpOptions) -> Result<Self, Error> {
        Self::build(base_url, None, Scheme::None, options)
    }

    /// The API this session talks to.
    pub fn vendor(&self) -> Vendor {
        self.inner.scheme.vendor()
    }

    /// The normalised base URL (no trailing slash).
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str().trim_end_matches('/')
    }

    /// The HTTP client (TLS and timeouts as configured); generated clients share it.
    pub fn http(&self) -> &reqwest::Client {
        &self.inner.http
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
        let http = &self.inner.http;
        let base = &self.inner.base_url;
        let result = match &self.inner.scheme {
            Scheme::Ddmc(_) => ddmc::logout(http, base, &credential).await,
            Scheme::Mgmt(_) => mgmt::logout(http, base, &credential).await,
            Scheme::Druva(_) | Scheme::None => Ok(()),
        };
        tracing::info!(vendor = %self.vendor(), ok = result.is_ok(), "logged out");
        result
    }

    async fn login_once(&self) -> Result<Credential, Error> {
        let http = &self.inner.http;
        let base = &self.inner.base_url;
        let started = Instant::now();
        let result = match &self.inner.scheme {
            Scheme::Ddmc(c) => ddmc::login(http, base, c).await,
            Scheme::Mgmt(a) => mgmt::login(http, base, a).await,
            Scheme::Druva(c) => druva::login(http, base, c).await,
            Scheme::None => Credential::new(Vec::new(), None),
        };
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

    /// Prepares a request built by a generated client: removes progenitor's `api-version` header
    /// (the vendors define none), normalises DDMC paths (ids are sent verbatim, never
    /// double-encoded), logs in if needed and adds the credential headers.
    pub async fn authorize(&self, request: &mut Request, operation_id: &str) -> Result<(), Error> {
        request.headers_mut().remove("api-version");
        if matches!(self.inner.scheme, Scheme::Ddmc(_)) {
            ddmc::normalise_path(request.url_mut());
        }
        if self
            .inner
            .scheme
            .is_login_request(request.method(), request.url())
        {
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
    /// retries transient failures of idempotent requests within the retry policy, records one
    /// tracing span, and strips credentials the server echoes back from the response.
    pub async fn execute(
        &self,
        http: &reqwest::Client,
        request: Request,
        operation_id: &str,
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
        self.execute_inner(http, request, operation_id)
            .instrument(span)
            .await
    }

    async fn execute_inner(
        &self,
        http: &reqwest::Client,
        mut request: Request,
        operation_id: &str,
    ) -> reqwest::Result<Response> {
        if let Some(timeout) = self.inner.operation_timeouts.get(operation_id) {
            *request.timeout_mut() = Some(*timeout);
        }
        let started = Instant::now();
        let scheme = &self.inner.scheme;
        let idempotent = self.inner.retry.may_retry(request.method(), operation_id);
        let login_request = scheme.is_login_request(request.method(), request.url());
        let mut reauthenticated = false;
        let mut attempts = 0u32;
        let mut current = request;
        let span = tracing::Span::current();
        let outcome = loop {
            attempts += 1;
            let spare = current.try_clone();
            match http.execute(current).await {
                Ok(response) => {
                    let status = response.status();
                    if !login_request && !reauthenticated && scheme.is_auth_failure(status) {
                        reauthenticated = true;
                        if let Some(mut replay) = spare {
                            let used = self.fingerprint_of(replay.headers()).await;
                            match self.refresh(used, status).await {
                                Ok(credential) => {
                                    credential.apply(replay.headers_mut());
                                    current = replay;
                                    continue;
                                }
                                Err(e) => {
                                    tracing::warn!(error = %e, "re-authentication failed; returning the refusal");
                                }
                            }
                        }
                        break Ok(response);
                    }
                    let retry_after_header = response
                        .headers()
                        .get(RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| retry_after(v, SystemTime::now()));
                    if is_transient_status(status)
                        && idempotent
                        && let Some(next) = spare
                        && let Some(delay) = self.retry_delay(attempts, retry_after_header, started)
                    {
                        tracing::info!(
                            status = status.as_u16(),
                            attempt = attempts,
                            delay_ms = delay.as_millis() as u64,
                            "transient failure; retrying"
                        );
                        tokio::time::sleep(delay).await;
                        current = next;
                        continue;
                    }
                    break Ok(response);
                }
                Err(e) => {
                    if (e.is_connect() || e.is_timeout())
                        && idempotent
                        && let Some(next) = spare
                        && let Some(delay) = self.retry_delay(attempts, None, started)
                    {
                        tracing::info!(
                            error = %e,
                            attempt = attempts,
                            delay_ms = delay.as_millis() as u64,
                            "connection failure; retrying"
                        );
                        tokio::time::sleep(delay).await;
                        current = next;
                        continue;
                    }
                    break Err(e);
                }
            }
        };
        span.record("attempts", attempts);
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        let elapsed_ms = started.elapsed().as_millis() as u64;
        match &outcome {
            Ok(r) if is_transient_status(r.status()) => tracing::warn!(
                status = r.status().as_u16(),
                attempts,
                elapsed_ms,
                retried = idempotent,
                "call failed with a transient status; no attempt left (or not safe to repeat)"
            ),
            Err(e) => tracing::warn!(
                error = %e,
                attempts,
                elapsed_ms,
                retried = idempotent,
                "call failed: the server could not be reached"
            ),
            Ok(_) => {}
        }
        match outcome {
            Ok(mut response) => {
                span.record("status", response.status().as_u16());
                self.scrub_response(&mut response).await;
                mark_unexpected_body(response, operation_id, attempts).await
            }
            Err(e) => Err(e),
        }
    }

    /// The hook generated clients call after [`Session::execute`]: turns an error answer whose
    /// body is not JSON into [`Error::UnexpectedBody`] (status, operation, excerpt) instead of
    /// letting it fail to decode as the spec's error type.
    pub fn check_response(&self, result: &reqwest::Result<Response>) -> Result<(), Error> {
        match result {
            Ok(response) => match response.extensions().get::<UnexpectedBody>() {
                Some(u) => Err(Error::UnexpectedBody {
                    operation: u.operation.clone(),
                    status: u.status,
                    attempts: u.attempts,
                    content_type: u.content_type.clone(),
                    excerpt: u.excerpt.clone(),
                }),
                None => Ok(()),
            },
            Err(_) => Ok(()),
        }
    }

    /// The wait before another attempt, or `None` when the policy says stop: attempts used up,
    /// or the wait (the server's `Retry-After`, capped, else backoff) would pass the time budget.
    fn retry_delay(
        &self,
        attempts: u32,
        retry_after: Option<Duration>,
        started: Instant,
    ) -> Option<Duration> {
        let policy = &self.inner.retry;
        if attempts >= policy.max_attempts {
            return None;
        }
        let delay = retry_after
            .map(|d| d.min(policy.max_delay))
            .unwrap_or_else(|| policy.backoff(attempts));
        (started.elapsed() + delay <= policy.max_elapsed).then_some(delay)
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
        if matches!(self.inner.scheme, Scheme::Ddmc(_))
            && let Some(token) = response.headers_mut().remove(ddmc::TOKEN_HEADER)
        {
            self.adopt_ddmc_token(token.to_str().unwrap_or_default())
                .await;
        }
        if let reqwest::header::Entry::Occupied(mut e) = response.headers_mut().entry(SET_COOKIE) {
            for v in e.iter_mut() {
                v.set_sensitive(true);
            }
        }
    }

    async fn adopt_ddmc_token(&self, token: &str) {
        if token.is_empty() {
            return;
        }
        let header: HeaderName = ddmc::token_header();
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

/// Marks an answer whose error body is not JSON (see [`Session::check_response`]).
#[derive(Clone)]
struct UnexpectedBody {
    operation: String,
    status: u16,
    attempts: u32,
    content_type: String,
    excerpt: String,
}

/// Error answers with a body that is not JSON are read (they are small pages), and the response is
/// rebuilt with the same status, headers and body plus an [`UnexpectedBody`] mark.
async fn mark_unexpected_body(
    response: Response,
    operation_id: &str,
    attempts: u32,
) -> reqwest::Result<Response> {
    let status = response.status();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let json = content_type.as_deref().is_some_and(|t| t.contains("json"));
    if !(status.is_client_error() || status.is_server_error()) || json {
        return Ok(response);
    }
    let version = response.version();
    let headers = response.headers().clone();
    let body = response.bytes().await?;
    if content_type.is_none() && serde_json::from_slice::<serde_json::Value>(&body).is_ok() {
        // JSON without a content type: let the generated code decode it.
        return Ok(rebuilt(status, version, headers, body, None));
    }
    let mark = UnexpectedBody {
        operation: operation_id.to_string(),
        status: status.as_u16(),
        attempts,
        content_type: content_type.unwrap_or_else(|| "no content type".into()),
        excerpt: crate::error::excerpt(&body, 200),
    };
    Ok(rebuilt(status, version, headers, body, Some(mark)))
}

fn rebuilt(
    status: StatusCode,
    version: reqwest::Version,
    headers: reqwest::header::HeaderMap,
    body: bytes::Bytes,
    mark: Option<UnexpectedBody>,
) -> Response {
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    *response.version_mut() = version;
    *response.headers_mut() = headers;
    if let Some(mark) = mark {
        response.extensions_mut().insert(mark);
    }
    Response::from(response)
}
