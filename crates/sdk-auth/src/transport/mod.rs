//! The HTTP transport every vendor shares: client options (timeouts, TLS trust, body limit),
//! redirects that never leave the session's origin, and the retry loop.

pub(crate) mod redirect;
pub(crate) mod retry;
pub(crate) mod tls;

use std::collections::BTreeMap;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::RETRY_AFTER;
use reqwest::{Request, Response, Url};

use crate::{Error, OperationId};
use retry::{Next, RetryPolicy, is_transient_status};

/// The default bound on the size of a body the client reads: 256 MiB.
pub const DEFAULT_MAX_BODY_SIZE: u64 = 256 * 1024 * 1024;

/// How a session's HTTP client is built.
///
/// TLS certificate verification is on by default. Appliances often ship self-signed
/// certificates, often marked as a CA (as `openssl req -x509` makes them), which cannot be a
/// trust anchor for themselves: pin the appliance's certificate with
/// [`HttpOptions::with_pinned_certificate_sha256`], or trust its issuing CA with
/// [`HttpOptions::with_ca_pem`]. The explicitly named [`HttpOptions::danger_accept_invalid_certs`]
/// turns verification off and logs a warning.
#[derive(Clone)]
pub struct HttpOptions {
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) ca_pem: Option<Vec<u8>>,
    pub(crate) pinned_sha256: Vec<String>,
    pub(crate) accept_invalid_certs: bool,
    pub(crate) allow_plain_http: bool,
    pub(crate) max_body_size: u64,
    pub(crate) retry: RetryPolicy,
    pub(crate) operation_timeouts: BTreeMap<&'static str, Duration>,
}

impl Default for HttpOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(120),
            ca_pem: None,
            pinned_sha256: Vec::new(),
            accept_invalid_certs: false,
            allow_plain_http: false,
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            retry: RetryPolicy::default(),
            operation_timeouts: BTreeMap::new(),
        }
    }
}

impl std::fmt::Debug for HttpOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpOptions")
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("custom_ca", &self.ca_pem.is_some())
            .field("pinned_sha256", &self.pinned_sha256)
            .field("accept_invalid_certs", &self.accept_invalid_certs)
            .field("allow_plain_http", &self.allow_plain_http)
            .field("max_body_size", &self.max_body_size)
            .field("retry", &self.retry)
            .field("operation_timeouts", &self.operation_timeouts)
            .finish()
    }
}

impl HttpOptions {
    /// Time allowed to establish a connection (default 10 s).
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for one whole request, body included (default 120 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed for one request of `operation` (a typed constant of an SDK's `operations`
    /// module, e.g. a console mount that takes minutes), overriding
    /// [`HttpOptions::with_timeout`] for that operation only.
    pub fn with_operation_timeout(mut self, operation: OperationId, timeout: Duration) -> Self {
        self.operation_timeouts.insert(operation.as_str(), timeout);
        self
    }

    /// Also trusts the CA certificate(s) in this PEM text (for appliances with their own CA).
    pub fn with_ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.ca_pem = Some(pem.into());
        self
    }

    /// Accepts exactly the server whose certificate has this SHA-256 fingerprint (64 hex digits,
    /// colons and case ignored), whatever its issuer, name or CA flag: the way to trust one
    /// appliance's self-signed certificate. Any other certificate is refused. May be given more
    /// than once (a certificate rotation). The handshake still proves the server holds the
    /// certificate's key.
    ///
    /// The fingerprint of a server's certificate:
    ///
    /// ```text
    /// openssl s_client -connect ddmc.example.com:3009 </dev/null 2>/dev/null \
    ///   | openssl x509 -noout -fingerprint -sha256
    /// ```
    ///
    /// or of a PEM file: `openssl x509 -in ddmc.pem -noout -fingerprint -sha256`.
    pub fn with_pinned_certificate_sha256(mut self, fingerprint: impl Into<String>) -> Self {
        self.pinned_sha256.push(fingerprint.into());
        self
    }

    /// Accepts any server certificate, however invalid. Only for lab appliances with self-signed
    /// certificates when neither pinning nor a CA will do; every session built with it logs a
    /// warning.
    pub fn danger_accept_invalid_certs(mut self, accept: bool) -> Self {
        self.accept_invalid_certs = accept;
        self
    }

    /// Allows a base URL with plain `http://` to a host other than loopback, so credentials
    /// cross the network unencrypted. Without it such a session is refused
    /// ([`Error::Config`]); `http://127.0.0.1`, `http://[::1]` and `http://localhost` are always
    /// allowed (simulators, tunnels).
    pub fn danger_allow_plain_http(mut self, allow: bool) -> Self {
        self.allow_plain_http = allow;
        self
    }

    /// The largest body, in bytes after decompression, the client reads from one answer
    /// (default [`DEFAULT_MAX_BODY_SIZE`], 256 MiB); a larger one fails the call with
    /// [`Error::BodyTooLarge`] instead of exhausting memory.
    pub fn with_max_body_size(mut self, bytes: u64) -> Self {
        self.max_body_size = bytes.max(1);
        self
    }

    /// Sets how transient failures are retried.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Builds the `reqwest::Client` these options describe, for a session at `base`.
    pub(crate) fn build_client(&self, base: &Url) -> Result<reqwest::Client, Error> {
        ensure_crypto_provider();
        let builder = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .redirect(redirect::same_origin_only())
            .user_agent(concat!("data-protection-sdks/", env!("CARGO_PKG_VERSION")));
        let builder = tls::configure(builder, self, base.host_str().unwrap_or_default())?;
        builder
            .build()
            .map_err(|e| Error::Tls(format!("cannot build the HTTP client: {e}")))
    }
}

/// Installs rustls' `ring` crypto provider as the process default unless one is installed.
///
/// reqwest is built without a bundled provider (see the workspace `Cargo.toml`), so this must run
/// before any `reqwest::Client` is built; every session constructor calls it.
pub fn ensure_crypto_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // An error means another provider is already installed, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// Whether `url` points at this machine (loopback addresses or `localhost`).
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// A fact about an answer that the caller must turn into an error.
#[derive(Debug, Clone)]
pub(crate) enum Refusal {
    /// A redirect to another origin, not followed.
    CrossOrigin {
        /// The redirect status.
        status: u16,
        /// Where it pointed (no query).
        location: String,
    },
    /// `Retry-After` longer than the policy allows.
    RetryAfterTooLong {
        /// The status.
        status: u16,
        /// The wait asked.
        wait: Duration,
    },
}

/// An answer and how many attempts it took.
pub(crate) struct Sent {
    /// The final answer.
    pub(crate) response: Response,
    /// Attempts made (1 when the first one was answered for good).
    pub(crate) attempts: u32,
    /// Set when the answer must not be used as is.
    pub(crate) refusal: Option<Refusal>,
}

/// The HTTP client of a session, its origin and its policies.
pub(crate) struct Transport {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: Url,
    pub(crate) retry: RetryPolicy,
    pub(crate) operation_timeouts: BTreeMap<&'static str, Duration>,
    pub(crate) max_body_size: u64,
}

impl Transport {
    /// The client for `base_url` with `options`.
    pub(crate) fn new(base_url: Url, options: &HttpOptions) -> Result<Self, Error> {
        Ok(Self {
            http: options.build_client(&base_url)?,
            base_url,
            retry: options.retry.clone(),
            operation_timeouts: options.operation_timeouts.clone(),
            max_body_size: options.max_body_size,
        })
    }

    /// `path` under the base URL.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url.as_str().trim_end_matches('/'))
    }

    /// The session's origin, for messages (`https://ddmc.example.com:3009`).
    pub(crate) fn origin(&self) -> String {
        self.base_url.origin().ascii_serialization()
    }

    /// Sends `request`; when `may_retry`, sends it again after transient failures (408, 429,
    /// 502, 503, 504, connection failures and timeouts) within the retry policy, never sooner
    /// than a `Retry-After` asks. Redirects to another origin are not followed (see
    /// [`Refusal::CrossOrigin`]).
    pub(crate) async fn send(
        &self,
        mut request: Request,
        operation: &str,
        may_retry: bool,
    ) -> reqwest::Result<Sent> {
        if let Some(timeout) = self.operation_timeouts.get(operation) {
            *request.timeout_mut() = Some(*timeout);
        }
        let started = Instant::now();
        let mut attempts = 0u32;
        let mut current = request;
        loop {
            attempts += 1;
            let spare = if may_retry { current.try_clone() } else { None };
            match self.http.execute(current).await {
                Ok(response) => {
                    let status = response.status();
                    if status.is_redirection()
                        && let Some(location) = redirect::cross_origin_location(&response)
                    {
                        return Ok(Sent {
                            response,
                            attempts,
                            refusal: Some(Refusal::CrossOrigin {
                                status: status.as_u16(),
                                location,
                            }),
                        });
                    }
                    if !is_transient_status(status) {
                        return Ok(Sent {
                            response,
                            attempts,
                            refusal: None,
                        });
                    }
                    let asked = response
                        .headers()
                        .get(RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| retry::retry_after(v, SystemTime::now()));
                    let decision = self.retry.next(attempts, asked, started.elapsed());
                    if let Next::TooLong(wait) = decision {
                        tracing::warn!(
                            status = status.as_u16(),
                            wait_s = wait.as_secs_f64(),
                            "the server asks to wait longer than the retry policy allows; failing now"
                        );
                        return Ok(Sent {
                            response,
                            attempts,
                            refusal: Some(Refusal::RetryAfterTooLong {
                                status: status.as_u16(),
                                wait,
                            }),
                        });
                    }
                    match (decision, spare) {
                        (Next::Retry(delay), Some(next)) => {
                            tracing::info!(
                                status = status.as_u16(),
                                attempt = attempts,
                                delay_ms = delay.as_millis() as u64,
                                "transient failure; retrying"
                            );
                            tokio::time::sleep(delay).await;
                            current = next;
                        }
                        _ => {
                            tracing::warn!(
                                status = status.as_u16(),
                                attempts,
                                elapsed_ms = started.elapsed().as_millis() as u64,
                                retried = may_retry,
                                "call failed with a transient status; no attempt left (or not safe to repeat)"
                            );
                            return Ok(Sent {
                                response,
                                attempts,
                                refusal: None,
                            });
                        }
                    }
                }
                Err(e) => {
                    let transient = e.is_connect() || e.is_timeout();
                    match (
                        transient,
                        self.retry.next(attempts, None, started.elapsed()),
                        spare,
                    ) {
                        (true, Next::Retry(delay), Some(next)) => {
                            tracing::info!(
                                error = %crate::error::chain(&e),
                                attempt = attempts,
                                delay_ms = delay.as_millis() as u64,
                                "connection failure; retrying"
                            );
                            tokio::time::sleep(delay).await;
                            current = next;
                        }
                        _ => {
                            tracing::warn!(
                                error = %crate::error::chain(&e),
                                attempts,
                                elapsed_ms = started.elapsed().as_millis() as u64,
                                retried = may_retry,
                                "call failed: the server could not be reached"
                            );
                            return Err(e);
                        }
                    }
                }
            }
        }
    }

    /// Reads a body of at most `limit` bytes; `Ok(None)` when it is longer.
    pub(crate) async fn read_bounded(
        mut response: Response,
        limit: u64,
    ) -> reqwest::Result<Option<bytes::Bytes>> {
        if response.content_length().is_some_and(|n| n > limit) {
            return Ok(None);
        }
        let mut body = bytes::BytesMut::new();
        while let Some(chunk) = response.chunk().await? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Ok(None);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Some(body.freeze()))
    }
}
