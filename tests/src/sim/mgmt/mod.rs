//! A management console simulator (Google Cloud Backup and DR, or on-premises AGM): sessions,
//! version, applications, backups and job statuses with filters, sorting, offset/limit paging and
//! HEAD counts.
//!
//! Faithful to the wire facts of the research: `POST /actifio/session` with a Google bearer token
//! (or HTTP Basic on AGM) answers a `sessionRest` whose `id` and `session_id` agree; later calls
//! carry `backupdr-management-session: Actifio <id>` (Google) or `Authorization: Actifio <id>`
//! (AGM); an invalid Google token gets Google's non-JSON 401 page; console errors are
//! `{err_code, err_message}`; lists are `{count, items}` where `count` is the page size; HEAD
//! answers 204 with `Actifio-Count`; ids are strings and dates microseconds since the epoch.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::{Faults, Server, basic_auth};

mod actions;
mod estate;
mod list;

pub use actions::JobOutcome;
use estate::{application, backup};
pub use list::HeadAnswer;
use list::{Listed, list, options};

/// How the simulated console authenticates.
#[derive(Debug, Clone)]
pub enum MgmtAuthMode {
    /// Google Cloud Backup and DR: a bearer token, then the `backupdr-management-session` header.
    Google {
        /// The Google token the console accepts at start.
        token: String,
    },
    /// On-premises AGM: HTTP Basic login, then `Authorization: Actifio <session id>`.
    OnPrem {
        /// The account name.
        username: String,
        /// Its password.
        password: String,
    },
}

/// What the console simulator holds.
#[derive(Debug, Clone)]
pub struct MgmtSimConfig {
    /// The authentication variant.
    pub auth: MgmtAuthMode,
    /// Number of applications.
    pub applications: usize,
    /// Number of backup images.
    pub backups: usize,
    /// Number of jobs.
    pub jobs: usize,
    /// The largest `limit` the console honours (larger ones are cut to it).
    pub max_limit: usize,
    /// Extra time every list page takes to answer (a slow console or a long link).
    pub page_latency: std::time::Duration,
    /// The status HEAD (count) requests get.
    pub head_answer: HeadAnswer,
}

impl Default for MgmtSimConfig {
    /// Google mode, 2500 applications, 1200 backups and 300 jobs.
    fn default() -> Self {
        Self {
            auth: MgmtAuthMode::Google {
                token: "sim-google-token-9f1c".into(),
            },
            applications: 2_500,
            backups: 1_200,
            jobs: 300,
            max_limit: 5_000,
            page_latency: std::time::Duration::ZERO,
            head_answer: HeadAnswer::NoContent,
        }
    }
}

#[derive(Debug)]
struct Shared {
    config: MgmtSimConfig,
    /// The Google token accepted now (`None` once expired).
    google_token: Mutex<Option<String>>,
    sessions: Mutex<HashSet<String>>,
    logins: AtomicUsize,
    login_attempts: AtomicUsize,
    logouts: AtomicUsize,
    faults: Arc<Faults>,
    applications: Listed,
    backups: Listed,
    /// Jobs, SLAs and the rest of the estate; actions.
    estate: actions::Estate,
}

/// A running console simulator on loopback.
#[derive(Debug)]
pub struct MgmtSim {
    server: Server,
    shared: Arc<Shared>,
}

impl std::ops::Deref for MgmtSim {
    type Target = Server;
    fn deref(&self) -> &Server {
        &self.server
    }
}

impl MgmtSim {
    /// Starts the simulator on a free loopback port.
    pub async fn start(config: MgmtSimConfig) -> std::io::Result<Self> {
        let google_token = match &config.auth {
            MgmtAuthMode::Google { token } => Some(token.clone()),
            MgmtAuthMode::OnPrem { .. } => None,
        };
        let shared = Arc::new(Shared {
            applications: (0..config.applications)
                .map(application)
                .collect::<Vec<_>>()
                .into(),
            backups: (0..config.backups).map(backup).collect::<Vec<_>>().into(),
            estate: actions::Estate::new(&config),
            config,
            google_token: Mutex::new(google_token),
            sessions: Mutex::default(),
            logins: AtomicUsize::new(0),
            login_attempts: AtomicUsize::new(0),
            logouts: AtomicUsize::new(0),
            faults: Arc::default(),
        });
        let server = Server::start(Arc::clone(&shared), Arc::clone(&shared.faults), handle).await?;
        Ok(Self { server, shared })
    }

    /// Ends every session, as a session timeout does.
    pub fn expire_sessions(&self) {
        self.shared.sessions.lock().expect("sessions lock").clear();
    }

    /// Stops accepting the current Google token (Google's front end then answers an HTML 401).
    pub fn expire_google_token(&self) {
        *self.shared.google_token.lock().expect("token lock") = None;
    }

    /// Accepts `token` as the valid Google token from now on.
    pub fn accept_google_token(&self, token: &str) {
        *self.shared.google_token.lock().expect("token lock") = Some(token.to_string());
    }

    /// Number of successful logins.
    pub fn logins(&self) -> usize {
        self.shared.logins.load(Ordering::SeqCst)
    }

    /// Number of `POST /actifio/session` requests, refused ones included.
    pub fn login_attempts(&self) -> usize {
        self.shared.login_attempts.load(Ordering::SeqCst)
    }

    /// Number of logouts.
    pub fn logouts(&self) -> usize {
        self.shared.logouts.load(Ordering::SeqCst)
    }
}

/// A console error body.
fn error(status: StatusCode, code: i64, message: &str) -> Response {
    super::json(status, json!({"err_code": code, "err_message": message}))
}

/// What Google's front end answers for a missing, expired or invalid token: not JSON.
fn google_401() -> Response {
    let page = "<!DOCTYPE html>\n<html lang=en><title>Error 401 (Unauthorized)!!1</title>\
                <p><b>401.</b> <ins>That's an error.</ins><p>There was an error in your request. <ins>That's all we know.</ins>";
    (
        StatusCode::UNAUTHORIZED,
        [(header::CONTENT_TYPE, "text/html; charset=UTF-8")],
        page,
    )
        .into_response()
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn handle(
    State(sim): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let path = uri.path().to_string();
    if path == "/actifio/session" && method == Method::POST {
        sim.login_attempts.fetch_add(1, Ordering::SeqCst);
        if let Some(injected) = sim.faults.next_login() {
            return injected;
        }
    }
    let google = matches!(sim.config.auth, MgmtAuthMode::Google { .. });
    if google {
        let token = header_str(&headers, "authorization").and_then(|v| v.strip_prefix("Bearer "));
        let accepted = sim.google_token.lock().expect("token lock").clone();
        if token.is_none() || token != accepted.as_deref() {
            return google_401();
        }
    }
    if path == "/actifio/session" && method == Method::POST {
        return login(&sim, &headers);
    }
    if let Some(injected) = sim.faults.next() {
        return injected;
    }
    let session_header = if google {
        "backupdr-management-session"
    } else {
        "authorization"
    };
    let session = header_str(&headers, session_header)
        .and_then(|v| v.strip_prefix("Actifio "))
        .map(str::to_string);
    let known = session
        .as_ref()
        .is_some_and(|s| sim.sessions.lock().expect("sessions lock").contains(s));
    let Some(session) = session.filter(|_| known) else {
        return error(StatusCode::UNAUTHORIZED, 10040, "session id is not found");
    };
    let is_list_page = method == Method::GET && path.matches('/').count() == 2;
    if is_list_page && !sim.config.page_latency.is_zero() {
        tokio::time::sleep(sim.config.page_latency).await;
    }
    route(&sim, &method, &path, &uri, &session, &body)
}

fn login(sim: &Shared, headers: &HeaderMap) -> Response {
    if let MgmtAuthMode::OnPrem { username, password } = &sim.config.auth
        && basic_auth(headers) != Some((username.clone(), password.clone()))
    {
        return error(
            StatusCode::UNAUTHORIZED,
            10011,
            "java.lang.SecurityException: Login failed.",
        );
    }
    sim.logins.fetch_add(1, Ordering::SeqCst);
    let id = format!(
        "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
        fastrand::u32(..),
        fastrand::u16(..),
        fastrand::u16(..0x1000),
        fastrand::u16(..0x1000),
        fastrand::u64(..1 << 48)
    );
    sim.sessions
        .lock()
        .expect("sessions lock")
        .insert(id.clone());
    super::json(
        StatusCode::OK,
        json!({
            "@type": "sessionRest",
            "id": id,
            "href": format!("https://console.example.com/actifio/session/{id}"),
            "session_id": id,
            "rights": [{"id": "Access Application Manager", "name": "Access Application Manager"}],
            "user": {"@type": "userRest", "id": "6131", "name": "sa@project.iam.gserviceaccount.com", "dataaccesslevel": 1, "createdate": 1_680_191_656_238_000_i64, "localonly": true, "version": 0},
            "authconfig": {"method": "DATABASE"},
            "region": "us-central1"
        }),
    )
}

fn route(
    sim: &Shared,
    method: &Method,
    path: &str,
    uri: &Uri,
    session: &str,
    body: &[u8],
) -> Response {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    if let Some(answer) = actions::route(sim, method, &segments, uri, body) {
        return answer;
    }
    let collection = |name: &str| -> Option<&Listed> {
        match name {
            "application" => Some(&sim.applications),
            "backup" => Some(&sim.backups),
            _ => None,
        }
    };
    match (method.as_str(), segments.as_slice()) {
        ("GET", ["actifio", "session", "current"]) => super::json(
            StatusCode::OK,
            json!({"@type": "sessionRest", "id": session, "session_id": session, "region": "us-central1"}),
        ),
        ("DELETE", ["actifio", "session", "current"]) => {
            sim.sessions.lock().expect("sessions lock").remove(session);
            sim.logouts.fetch_add(1, Ordering::SeqCst);
            StatusCode::NO_CONTENT.into_response()
        }
        ("GET", ["actifio", "config", "version"]) => super::json(
            StatusCode::OK,
            json!({"product": "AGM", "summary": "11.0.4.6831"}),
        ),
        (m @ ("GET" | "HEAD"), ["actifio", name]) if collection(name).is_some() => {
            let items = collection(name).unwrap_or_default();
            list(sim, m == "HEAD", uri, items)
        }
        ("OPTIONS", ["actifio", name]) if collection(name).is_some() => {
            options(collection(name).unwrap_or_default())
        }
        ("GET", ["actifio", name, id]) if collection(name).is_some() => {
            let items = collection(name).unwrap_or_default();
            match items.iter().find(|v| v["id"] == *id) {
                Some(found) => super::json(StatusCode::OK, found.clone()),
                None => error(
                    StatusCode::NOT_FOUND,
                    10023,
                    &format!("{name} {id} is not found"),
                ),
            }
        }
        _ => error(StatusCode::NOT_FOUND, 10023, "no such resource"),
    }
}
