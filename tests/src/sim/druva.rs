//! A Druva Cloud Platform simulator: the client-credentials token endpoint, Platform reporting
//! (rows paged with `pageToken` in the request body), inSync device mappings (state: create,
//! list, delete) and users (paged with `pageToken` in the query).
//!
//! Faithful to the wire facts of the research: `POST /token` with HTTP Basic and a form body
//! answers `{access_token, token_type: "bearer", expires_in}` or 400 `invalid_grant`; tokens
//! expire; an expired token gets 401 on inSync and 403 on Platform; `nextPageToken` is `""` on
//! the last page; errors are `{code, message, retryable, data}`; report rows are free-form.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{Faults, Server, basic_auth, query_pairs, query_value, random_token};

/// Device mappings per page of the list.
const MAPPINGS_PER_PAGE: usize = 4;
/// Users per page of the list.
const USERS_PER_PAGE: usize = 50;
/// Largest `pageSize` of a report request.
const MAX_REPORT_PAGE: usize = 500;

/// What the Druva simulator holds.
#[derive(Debug, Clone)]
pub struct DruvaSimConfig {
    /// The API credential's client id.
    pub client_id: String,
    /// Its secret key.
    pub secret_key: String,
    /// Lifetime of the tokens issued (Druva: 30 minutes, 15 on GovCloud endpoints).
    pub token_ttl: Duration,
    /// Rows of every report.
    pub report_rows: usize,
    /// inSync users.
    pub users: usize,
    /// Device mappings at start.
    pub mappings: usize,
}

impl Default for DruvaSimConfig {
    /// 30-minute tokens, 2345 report rows, 120 users and 9 device mappings.
    fn default() -> Self {
        Self {
            client_id: "sim-client-id".into(),
            secret_key: "Sim-Druva-secret-7Q".into(),
            token_ttl: Duration::from_secs(1_800),
            report_rows: 2_345,
            users: 120,
            mappings: 9,
        }
    }
}

#[derive(Debug)]
struct Shared {
    config: DruvaSimConfig,
    tokens: Mutex<HashMap<String, Instant>>,
    token_requests: AtomicUsize,
    mappings: Mutex<Vec<Value>>,
    next_mapping: AtomicUsize,
    faults: Arc<Faults>,
}

/// A running Druva simulator on loopback.
#[derive(Debug)]
pub struct DruvaSim {
    server: Server,
    shared: Arc<Shared>,
}

impl std::ops::Deref for DruvaSim {
    type Target = Server;
    fn deref(&self) -> &Server {
        &self.server
    }
}

impl DruvaSim {
    /// Starts the simulator on a free loopback port.
    pub async fn start(config: DruvaSimConfig) -> std::io::Result<Self> {
        let mappings = (0..config.mappings)
            .map(|i| mapping(i + 1, &format!("user{i}@example.com")))
            .collect();
        let shared = Arc::new(Shared {
            next_mapping: AtomicUsize::new(config.mappings + 1),
            config,
            tokens: Mutex::default(),
            token_requests: AtomicUsize::new(0),
            mappings: Mutex::new(mappings),
            faults: Arc::default(),
        });
        let server = Server::start(Arc::clone(&shared), Arc::clone(&shared.faults), handle).await?;
        Ok(Self { server, shared })
    }

    /// Expires every token issued so far.
    pub fn expire_tokens(&self) {
        self.shared.tokens.lock().expect("tokens lock").clear();
    }

    /// Number of `POST /token` requests, refused ones included.
    pub fn token_requests(&self) -> usize {
        self.shared.token_requests.load(Ordering::SeqCst)
    }

    /// Number of device mappings held now.
    pub fn mapping_count(&self) -> usize {
        self.shared.mappings.lock().expect("mappings lock").len()
    }
}

fn api_error(status: StatusCode, code: &str, message: &str) -> Response {
    super::json(
        status,
        json!({"code": code, "message": message, "retryable": false, "data": {}}),
    )
}

async fn handle(
    State(sim): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    if path == "/token" && method == Method::POST {
        return token(&sim, &headers, &body);
    }
    if let Some(injected) = sim.faults.next() {
        return injected;
    }
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let valid = bearer.is_some_and(|t| {
        sim.tokens
            .lock()
            .expect("tokens lock")
            .get(t)
            .is_some_and(|expiry| Instant::now() < *expiry)
    });
    if !valid {
        // inSync documents 401 for an expired token; the Platform gateway answers 403.
        return if path.starts_with("/insync/") {
            api_error(
                StatusCode::UNAUTHORIZED,
                "InsyncEndpoints-1001",
                "Authentication token is missing or expired.",
            )
        } else {
            api_error(
                StatusCode::FORBIDDEN,
                "403",
                "User is not authorized to access this resource with an explicit deny",
            )
        };
    }
    route(&sim, &method, &path, &uri, &body)
}

fn token(sim: &Shared, headers: &HeaderMap, body: &[u8]) -> Response {
    sim.token_requests.fetch_add(1, Ordering::SeqCst);
    let form: HashMap<String, String> = form_urlencoded::parse(body).into_owned().collect();
    if form.get("grant_type").map(String::as_str) != Some("client_credentials") {
        return super::json(
            StatusCode::BAD_REQUEST,
            json!({"error": "unsupported_grant_type"}),
        );
    }
    if basic_auth(headers) != Some((sim.config.client_id.clone(), sim.config.secret_key.clone())) {
        return super::json(StatusCode::BAD_REQUEST, json!({"error": "invalid_grant"}));
    }
    let token = random_token();
    sim.tokens
        .lock()
        .expect("tokens lock")
        .insert(token.clone(), Instant::now() + sim.config.token_ttl);
    super::json(
        StatusCode::OK,
        json!({"access_token": token, "token_type": "bearer", "expires_in": sim.config.token_ttl.as_secs()}),
    )
}

fn route(sim: &Shared, method: &Method, path: &str, uri: &Uri, body: &[u8]) -> Response {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match (method.as_str(), segments.as_slice()) {
        ("GET", ["platform", "reporting", "v1", "reports"]) => super::json(
            StatusCode::OK,
            json!({"reports": [
                {"reportID": "epLastBackupStatus", "reportName": "Last Backup Status", "reportDescription": "Last backup status of every device", "productName": "Endpoints", "version": "v1"},
                {"reportID": "epSharedDevices", "reportName": "Shared Devices", "reportDescription": "Devices shared between users", "productName": "Endpoints", "version": "v1"},
                {"reportID": "ewBackupActivity", "reportName": "Backup Activity", "reportDescription": "Backup jobs of enterprise workloads", "productName": "Enterprise Workloads", "version": "v1"}
            ]}),
        ),
        ("POST", ["platform", "reporting", "v1" | "v2", "reports", report]) => {
            report_page(sim, report, body)
        }
        ("GET", ["insync", "endpoints", "v1", "devicemappings"]) => {
            let all = sim.mappings.lock().expect("mappings lock").clone();
            token_page(uri, "imdMappings", &all, MAPPINGS_PER_PAGE)
        }
        ("POST", ["insync", "endpoints", "v1", "devicemappings"]) => create_mapping(sim, body),
        ("DELETE", ["insync", "endpoints", "v1", "devicemappings", id]) => {
            let mut all = sim.mappings.lock().expect("mappings lock");
            let before = all.len();
            all.retain(|m| m["mappingID"] != *id);
            if all.len() == before {
                api_error(
                    StatusCode::NOT_FOUND,
                    "InsyncEndpoints-1404",
                    "Device mapping not found.",
                )
            } else {
                StatusCode::OK.into_response()
            }
        }
        ("GET", ["insync", "usermanagement", "v1", "users"]) => {
            let users: Vec<Value> = (0..sim.config.users).map(user).collect();
            token_page(uri, "users", &users, USERS_PER_PAGE)
        }
        // The gateway answers unknown paths with an empty 404.
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

fn mapping(n: usize, email: &str) -> Value {
    json!({
        "mappingID": n.to_string(),
        "emailID": email,
        "userName": email.split('@').next().unwrap_or(email),
        "deviceName": format!("LAPTOP-{n:04}"),
        "deviceIdentifierType": "serial-number",
        "deviceIdentifier": format!("SN-{n:06}"),
        "oldDeviceName": "",
        "restoreData": "ALL"
    })
}

fn create_mapping(sim: &Shared, body: &[u8]) -> Response {
    let Ok(request) = serde_json::from_slice::<Value>(body) else {
        return api_error(
            StatusCode::BAD_REQUEST,
            "InsyncEndpoints-1400",
            "The request body is not JSON.",
        );
    };
    for field in [
        "emailID",
        "userName",
        "deviceName",
        "deviceIdentifierType",
        "deviceIdentifier",
    ] {
        if !request[field].is_string() {
            return api_error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "InsyncEndpoints-1422",
                &format!("{field} is required."),
            );
        }
    }
    let n = sim.next_mapping.fetch_add(1, Ordering::SeqCst);
    let mut created = request.clone();
    created["mappingID"] = json!(n.to_string());
    sim.mappings
        .lock()
        .expect("mappings lock")
        .push(created.clone());
    super::json(StatusCode::OK, created)
}

fn user(i: usize) -> Value {
    json!({
        "userID": 10_000 + i,
        "userName": format!("User {i:03}"),
        "emailID": format!("user{i:03}@example.com"),
        "status": if i % 10 == 9 { "preserved" } else { "active" },
        "profileID": 1 + i % 3,
        "storageID": 1,
        "quota": "Unlimited",
        "addedOn": format!("2025-{:02}-{:02}T08:00:00Z", 1 + i % 12, 1 + i % 28),
        "privacySettingsEnabled": "false"
    })
}

/// One page of `items` under `key`; the `pageToken` query parameter is an offset in disguise.
fn token_page(uri: &Uri, key: &str, items: &[Value], per_page: usize) -> Response {
    let pairs = query_pairs(uri);
    let start = match query_value(&pairs, "pageToken").map(decode_token) {
        None => 0,
        Some(Some(offset)) => offset.min(items.len()),
        Some(None) => {
            return api_error(
                StatusCode::BAD_REQUEST,
                "InsyncEndpoints-1400",
                "Invalid page token.",
            );
        }
    };
    let end = (start + per_page).min(items.len());
    let next = if end < items.len() {
        encode_token(end)
    } else {
        String::new()
    };
    super::json(
        StatusCode::OK,
        json!({"totalSize": items.len(), "nextPageToken": next, key: items[start..end]}),
    )
}

fn encode_token(offset: usize) -> String {
    format!(
        "pt{:x}.{:08x}",
        offset,
        (offset as u32).wrapping_mul(2_654_435_761)
    )
}

fn decode_token(token: &str) -> Option<usize> {
    let (offset, check) = token.strip_prefix("pt")?.split_once('.')?;
    let offset = usize::from_str_radix(offset, 16).ok()?;
    (format!("{:08x}", (offset as u32).wrapping_mul(2_654_435_761)) == check).then_some(offset)
}

/// The report whose rows carry values that break naive CSV writers and spreadsheets.
pub const HOSTILE_REPORT: &str = "simHostileCells";

/// Row `i` of `report`: the fields of `epLastBackupStatus` for any report id, except
/// [`HOSTILE_REPORT`], whose text cells hold commas, quotes, line breaks and formula starters.
fn report_row(report: &str, i: usize) -> Value {
    if report == HOSTILE_REPORT {
        const CELLS: [&str; 8] = [
            "plain, with a comma",
            "say \"hi\"",
            "two\nlines",
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1:A2)",
            "\tTabbed",
        ];
        return json!({
            "lastUpdatedTime": format!("2026-01-01T00:00:{:02}Z", i % 60),
            "device": format!("DEV-{i:03}"),
            "note": CELLS[i % CELLS.len()],
            "bytes": -(i as i64),
        });
    }
    let day = 1 + i % 28;
    json!({
        "lastUpdatedTime": format!("2026-01-{day:02}T{:02}:{:02}:00Z", i % 24, i % 60),
        "userName": format!("User {:03}", i % 120),
        "userEmailID": format!("user{:03}@example.com", i % 120),
        "device": format!("LAPTOP-{i:05}"),
        "profile": "Default",
        "clientVersion": "7.5.2",
        "osPlatform": if i.is_multiple_of(3) { "Mac" } else { "Windows" },
        "deviceStatus": "Enabled",
        "startTime": format!("2026-01-{day:02}T01:00:00Z"),
        "endTime": format!("2026-01-{day:02}T01:{:02}:00Z", 5 + i % 50),
        "filesBackedUp": (i * 37) % 10_000,
        "filesMissed": i % 7,
        "isDeleted": 0,
        "status": if i.is_multiple_of(11) { "Backup Failed" } else { "Backup Successful" },
        "bytesTransferredMB": (i * 13) % 4_096,
        "timeTakenMinutes": 5 + i % 50
    })
}

/// Whether `row` passes every filter (string comparison, which orders ISO dates correctly).
fn passes(row: &Value, filters: &[Value]) -> bool {
    filters.iter().all(|f| {
        let field = f["fieldName"].as_str().unwrap_or_default();
        let wanted = match &f["value"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let actual = match &row[field] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match f["operator"]
            .as_str()
            .unwrap_or_default()
            .to_ascii_uppercase()
            .as_str()
        {
            "EQUAL" => actual == wanted,
            "NOTEQUAL" => actual != wanted,
            "CONTAINS" => actual.contains(&wanted),
            "LT" => actual < wanted,
            "LTE" | "LTEQ" => actual <= wanted,
            "GT" => actual > wanted,
            _ => actual >= wanted,
        }
    })
}

fn report_page(sim: &Shared, report: &str, body: &[u8]) -> Response {
    if !report.chars().all(|c| c.is_ascii_alphanumeric()) || report.is_empty() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Ok(request) = serde_json::from_slice::<Value>(body) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let page_size = request["filters"]["pageSize"].as_u64().unwrap_or(100) as usize;
    if page_size == 0 || page_size > MAX_REPORT_PAGE {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let filters = request["filters"]["filterBy"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let start = match request["pageToken"].as_str().filter(|t| !t.is_empty()) {
        None => 0,
        Some(t) => match decode_token(t) {
            Some(offset) => offset,
            None => return StatusCode::BAD_REQUEST.into_response(),
        },
    };
    // Rows are generated on the fly so a large report costs no memory in the simulator.
    let mut rows = Vec::with_capacity(page_size);
    let mut next = String::new();
    let mut i = start;
    while i < sim.config.report_rows {
        let row = report_row(report, i);
        i += 1;
        if passes(&row, &filters) {
            rows.push(row);
            if rows.len() == page_size {
                break;
            }
        }
    }
    if i < sim.config.report_rows {
        next = encode_token(i);
    }
    super::json(
        StatusCode::OK,
        json!({
            "data": rows,
            "lastSyncTimestamp": "2026-01-28T23:59:00Z",
            "filters": request["filters"],
            "nextPageToken": next
        }),
    )
}
