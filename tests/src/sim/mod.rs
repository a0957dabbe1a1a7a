//! Loopback simulators of the three vendor APIs.
//!
//! Each simulator is a real HTTP server (axum) bound to `127.0.0.1` on a free port, with enough
//! state to exercise the SDKs end to end: logins and tokens that can be expired on demand,
//! refused credentials, lists that span several pages and objects that can be created, listed and
//! deleted. Every request is recorded in a [`WireLog`] (secrets redacted) so tests can snapshot
//! exactly what the SDKs put on the wire.
//!
//! The bodies the simulators serve are written from the facts in the project's research on the
//! real APIs (field names, casing, wrappers, types), not from the generated Rust types.

pub mod ddmc;
pub mod druva;
pub mod druva_aws;
pub mod druva_msp;
pub mod druva_products;
pub mod mgmt;
mod wire;

pub use wire::{WireLog, WireRecord};

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A simulator server running in the background on loopback; stopped when dropped.
#[derive(Debug)]
pub struct Running {
    /// Base URL of the server, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub url: String,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Running {
    /// Stops the server and waits until it has shut down.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Serves `router` on a free loopback port until the returned [`Running`] is dropped or stopped.
pub async fn serve(router: Router) -> std::io::Result<Running> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    Ok(Running {
        url: format!("http://{addr}"),
        shutdown: Some(tx),
        task: Some(task),
    })
}

/// A planned run of injected answers: the next `times` requests (logins excepted) get it.
#[derive(Debug, Clone)]
struct Planned {
    status: u16,
    times: usize,
    retry_after: Option<String>,
    content_type: &'static str,
    body: String,
    location: Option<String>,
}

/// Failures and hostile behaviour injected on demand (shared by the three simulators): planned
/// answers for API calls and for logins, and a cap on every page size.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    calls: std::sync::Mutex<Option<Planned>>,
    logins: std::sync::Mutex<Option<Planned>>,
    page_cap: std::sync::atomic::AtomicUsize,
}

impl Faults {
    fn set(&self, planned: Planned) {
        *self.calls.lock().expect("faults lock") = Some(planned);
    }

    /// The largest page the server serves now (`usize::MAX` when uncapped).
    pub(crate) fn page_cap(&self) -> usize {
        match self.page_cap.load(std::sync::atomic::Ordering::SeqCst) {
            0 => usize::MAX,
            cap => cap,
        }
    }

    /// The injected answer for this request, if one is planned.
    pub(crate) fn next(&self) -> Option<Response> {
        Self::take(&self.calls)
    }

    /// The injected answer for this login or token request, if one is planned.
    pub(crate) fn next_login(&self) -> Option<Response> {
        Self::take(&self.logins)
    }

    fn take(slot: &std::sync::Mutex<Option<Planned>>) -> Option<Response> {
        let mut planned = slot.lock().expect("faults lock");
        let p = planned.as_mut().filter(|p| p.times > 0)?;
        p.times -= 1;
        let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        let mut response = (
            status,
            [(header::CONTENT_TYPE, p.content_type)],
            p.body.clone(),
        )
            .into_response();
        if let Some(value) = p
            .retry_after
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        if let Some(value) = p
            .location
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            response.headers_mut().insert(header::LOCATION, value);
        }
        Some(response)
    }
}
/// The decoded query pairs of a request, in order (repeated keys kept).
pub(crate) fn query_pairs(uri: &Uri) -> Vec<(String, String)> {
    form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The last value of query parameter `key`.
pub(crate) fn query_value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// A JSON answer.
pub(crate) fn json(status: StatusCode, body: serde_json::Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// The `(user, password)` of an HTTP Basic `Authorization` header.
pub(crate) fn basic_auth(headers: &HeaderMap) -> Option<(String, String)> {
    use base64::Engine as _;
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

/// A random token of 32 hex digits.
pub(crate) fn random_token() -> String {
    format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..))
}

/// What every simulator offers: its URL, the log of what it received and fault injection.
/// Each simulator dereferences to its `Server`.
#[derive(Debug)]
pub struct Server {
    running: Running,
    wire: WireLog,
    faults: std::sync::Arc<Faults>,
}

impl Server {
    /// Serves `handler` (which sees every request, after it is recorded) on a free loopback port.
    pub(crate) async fn start<S, H, T>(
        state: S,
        faults: std::sync::Arc<Faults>,
        handler: H,
    ) -> std::io::Result<Self>
    where
        S: Clone + Send + Sync + 'static,
        H: axum::handler::Handler<T, S>,
        T: 'static,
    {
        let wire = WireLog::default();
        let router = Router::new().fallback(handler).with_state(state).layer(
            axum::middleware::from_fn_with_state(wire.clone(), wire::record),
        );
        Ok(Self {
            running: serve(router).await?,
            wire,
            faults,
        })
    }

    /// Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn url(&self) -> &str {
        &self.running.url
    }

    /// Every request received so far (secrets redacted).
    pub fn wire(&self) -> &WireLog {
        &self.wire
    }

    /// Answers the next `times` requests (logins and token requests excepted) with `status`,
    /// with a `Retry-After: <secs>` header when `retry_after` is given.
    pub fn inject_failures(&self, status: u16, times: usize, retry_after: Option<u64>) {
        self.faults.set(Planned {
            status,
            times,
            retry_after: retry_after.map(|s| s.to_string()),
            content_type: "text/plain",
            body: "injected failure".into(),
            location: None,
        });
    }

    /// Answers the next `times` requests with `status`, `Retry-After: <value>` (seconds or an
    /// HTTP date, sent as given), and a plain-text body.
    pub fn inject_retry_after(&self, status: u16, times: usize, value: &str) {
        self.faults.set(Planned {
            status,
            times,
            retry_after: Some(value.to_string()),
            content_type: "text/plain",
            body: "slow down".into(),
            location: None,
        });
    }

    /// Answers the next `times` requests with `status` and exactly this body and content type
    /// (an HTML error page from a proxy, a truncated JSON document...).
    pub fn inject_response(
        &self,
        status: u16,
        times: usize,
        content_type: &'static str,
        body: &str,
    ) {
        self.faults.set(Planned {
            status,
            times,
            retry_after: None,
            content_type,
            body: body.to_string(),
            location: None,
        });
    }

    /// Answers the next `times` logins or token requests with `status` (a console being upgraded
    /// answers 502 or 503 to everything, the login first), with `Retry-After: <secs>` when given.
    pub fn inject_login_failures(&self, status: u16, times: usize, retry_after: Option<u64>) {
        *self.faults.logins.lock().expect("faults lock") = Some(Planned {
            status,
            times,
            retry_after: retry_after.map(|s| s.to_string()),
            content_type: "text/html",
            body: "<html><body>Service is being upgraded</body></html>".into(),
            location: None,
        });
    }

    /// Answers the next `times` API calls (`login: false`) or logins (`login: true`) with a
    /// redirect: `status` (301, 302, 303, 307, 308) and `Location: <location>`.
    pub fn inject_redirect(&self, status: u16, times: usize, location: &str, login: bool) {
        let planned = Planned {
            status,
            times,
            retry_after: None,
            content_type: "text/plain",
            body: "moved".into(),
            location: Some(location.to_string()),
        };
        let slot = if login {
            &self.faults.logins
        } else {
            &self.faults.calls
        };
        *slot.lock().expect("faults lock") = Some(planned);
    }

    /// Serves at most `cap` items per page from now on, whatever page size a request asks for
    /// (0 lifts the cap), as real servers do ("the actual upper limit is decided by the API
    /// service").
    pub fn cap_page_size(&self, cap: usize) {
        self.faults
            .page_cap
            .store(cap, std::sync::atomic::Ordering::SeqCst);
    }
}
