//! A Druva Cloud Platform simulator: the client-credentials token endpoint, Platform reporting
//! (rows paged with `pageToken` in the request body), inSync device mappings (state: create,
//! list, delete) and users (paged with `pageToken` in the query), and events in each of Druva's
//! other pagination styles: Platform events (`pageToken` alone on later pages: a token sent with
//! any filter is refused with 400), inSync events (`tracker` + `nextPageExists`) and legal hold
//! custodians (1-based `pageNumber` + `pageInfo.totalPages`). Optionally every Nth request is
//! throttled with 429 and `Retry-After`, as Druva's events APIs document.
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
/// Largest (and default) `pageSize` of Platform events and legal hold v4 lists.
const MAX_EVENT_PAGE: usize = 500;
/// The Platform events filters a later page must not repeat (the token carries them).
const EVENT_FILTERS: [&str; 6] = [
    "pageSize",
    "productID",
    "category",
    "type",
    "feature",
    "syslogSeverity",
];

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
    /// Platform events (`/platform/eventmanagement/{version}/events`).
    pub platform_events: usize,
    /// inSync events (`/insync/eventmanagement/v2/events`).
    pub insync_events: usize,
    /// inSync events per answer (Druva: at most 500).
    pub insync_events_per_page: usize,
    /// Custodians of every legal hold policy (`/insync/legalholds/v4/policies/{id}/users`).
    pub legal_hold_custodians: usize,
    /// Throttle every Nth API request (token requests excepted) with 429 and `Retry-After`;
    /// 0 (the default) never throttles, so other tests stay deterministic.
    pub throttle_every: usize,
    /// The `Retry-After` seconds of a throttled answer.
    pub throttle_retry_after: u64,
    /// The MSP API credential's client id (`/msp/auth/v1/token`).
    pub msp_client_id: String,
    /// Its secret key.
    pub msp_secret_key: String,
    /// MSP customers (`cust-1` ...), each of which can be given a customer token.
    pub msp_customers: usize,
}

impl Default for DruvaSimConfig {
    /// 30-minute tokens, 2345 report rows, 120 users, 9 device mappings, 1234 Platform events,
    /// 1100 inSync events (500 per answer), 1234 custodians per legal hold, no throttling, 7 MSP
    /// customers.
    fn default() -> Self {
        Self {
            client_id: "sim-client-id".into(),
            secret_key: "Sim-Druva-secret-7Q".into(),
            token_ttl: Duration::from_secs(1_800),
            report_rows: 2_345,
            users: 120,
            mappings: 9,
            platform_events: 1_234,
            insync_events: 1_100,
            insync_events_per_page: 500,
            legal_hold_custodians: 1_234,
            throttle_every: 0,
            throttle_retry_after: 1,
            msp_client_id: "sim-msp-client-id".into(),
            msp_secret_key: "Sim-MSP-secret-4K".into(),
            msp_customers: 7,
        }
    }
}

#[derive(Debug)]
struct Shared {
    config: DruvaSimConfig,
    tokens: Mutex<HashMap<String, Instant>>,
    /// MSP tokens: the only ones the `/msp` APIs accept, and refused by every other API.
    msp_tokens: Mutex<HashMap<String, Instant>>,
    token_requests: AtomicUsize,
    mappings: Mutex<Vec<Value>>,
    next_mapping: AtomicUsize,
    faults: Arc<Faults>,
    /// Platform events page tokens issued: each carries the first request's filters and size.
    event_tokens: Mutex<HashMap<String, EventCursor>>,
    /// API requests so far (token requests excepted), for throttling.
    api_requests: AtomicUsize,
    /// Requests answered 429 by the throttle.
    throttled: AtomicUsize,
}

/// Where a Platform events token points, with the filters of the request that started the walk.
#[derive(Debug, Clone)]
struct EventCursor {
    offset: usize,
    page_size: usize,
    category: Option<String>,
    product_id: Option<i64>,
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
            msp_tokens: Mutex::default(),
            token_requests: AtomicUsize::new(0),
            mappings: Mutex::new(mappings),
            faults: Arc::default(),
            event_tokens: Mutex::default(),
            api_requests: AtomicUsize::new(0),
            throttled: AtomicUsize::new(0),
        });
        let server = Server::start(Arc::clone(&shared), Arc::clone(&shared.faults), handle).await?;
        Ok(Self { server, shared })
    }

    /// Expires every token issued so far (MSP and customer tokens included).
    pub fn expire_tokens(&self) {
        self.shared.tokens.lock().expect("tokens lock").clear();
        self.shared.msp_tokens.lock().expect("tokens lock").clear();
    }

    /// Number of token requests (`POST /token`, `/msp/auth/v1/token` and customer tokens),
    /// refused ones included.
    pub fn token_requests(&self) -> usize {
        self.shared.token_requests.load(Ordering::SeqCst)
    }

    /// Number of requests the throttle answered with 429 (see
    /// [`DruvaSimConfig::throttle_every`]).
    pub fn throttled(&self) -> usize {
        self.shared.throttled.load(Ordering::SeqCst)
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
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let token_request = method == Method::POST
        && (path == "/token"
            || path == "/msp/auth/v1/token"
            || matches!(segments.as_slice(), ["msp", "v2", "customers", _, "token"]));
    if token_request {
        if let Some(injected) = sim.faults.next_login() {
            sim.token_requests.fetch_add(1, Ordering::SeqCst);
            return injected;
        }
        return match segments.as_slice() {
            ["token"] => token(&sim, &headers, &body),
            ["msp", "auth", "v1", "token"] => msp_token(&sim, &headers, &body),
            [.., customer, _] => customer_token(&sim, &headers, customer),
            _ => StatusCode::NOT_FOUND.into_response(),
        };
    }
    if let Some(injected) = sim.faults.next() {
        return injected;
    }
    let n = sim.api_requests.fetch_add(1, Ordering::SeqCst) + 1;
    let every = sim.config.throttle_every;
    if every > 0 && n.is_multiple_of(every) {
        sim.throttled.fetch_add(1, Ordering::SeqCst);
        let mut response = super::json(
            StatusCode::TOO_MANY_REQUESTS,
            json!({"code": "429", "message": "Too many API requests. Try requesting API after some time.", "retryable": true, "data": {}}),
        );
        response.headers_mut().insert(
            header::RETRY_AFTER,
            header::HeaderValue::from(sim.config.throttle_retry_after),
        );
        return response;
    }
    let msp = path.starts_with("/msp/");
    let valid = bearer_valid(if msp { &sim.msp_tokens } else { &sim.tokens }, &headers);
    if msp {
        if !valid {
            return super::json(
                StatusCode::UNAUTHORIZED,
                json!({"code": "401", "message": "The request did not include a valid Access Token."}),
            );
        }
        if let ("POST", ["msp", "reporting", "v1" | "v2" | "v3", "reports", report]) =
            (method.as_str(), segments.as_slice())
        {
            return report_page(&sim, report, &body);
        }
        return super::druva_msp::route(&method, &segments, &uri, sim.config.msp_customers)
            .unwrap_or_else(|| StatusCode::NOT_FOUND.into_response());
    }
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
    if let Some(answer) = super::druva_products::route(&method, &segments, &uri, &headers, &body) {
        return answer;
    }
    if let Some(answer) = super::druva_aws::route(&method, &segments, &uri, &body) {
        return answer;
    }
    route(&sim, &method, &path, &uri, &body)
}

/// Whether the request's bearer token is one of `tokens` and has not expired.
fn bearer_valid(tokens: &Mutex<HashMap<String, Instant>>, headers: &HeaderMap) -> bool {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    bearer.is_some_and(|t| {
        tokens
            .lock()
            .expect("tokens lock")
            .get(t)
            .is_some_and(|expiry| Instant::now() < *expiry)
    })
}

/// Issues a token into `tokens`, answered as Druva's token endpoints do.
fn issue(sim: &Shared, tokens: &Mutex<HashMap<String, Instant>>) -> Response {
    let token = random_token();
    tokens
        .lock()
        .expect("tokens lock")
        .insert(token.clone(), Instant::now() + sim.config.token_ttl);
    super::json(
        StatusCode::OK,
        json!({"access_token": token, "token_type": "bearer", "expires_in": sim.config.token_ttl.as_secs()}),
    )
}

/// `POST /msp/auth/v1/token`: the MSP credential, `grant_type=client_credentials` alone.
fn msp_token(sim: &Shared, headers: &HeaderMap, body: &[u8]) -> Response {
    sim.token_requests.fetch_add(1, Ordering::SeqCst);
    let form: HashMap<String, String> = form_urlencoded::parse(body).into_owned().collect();
    if form.get("grant_type").map(String::as_str) != Some("client_credentials") {
        return super::json(
            StatusCode::BAD_REQUEST,
            json!({"error": "unsupported_grant_type"}),
        );
    }
    let msp = (
        sim.config.msp_client_id.clone(),
        sim.config.msp_secret_key.clone(),
    );
    if basic_auth(headers) != Some(msp) {
        return super::json(StatusCode::BAD_REQUEST, json!({"error": "invalid_grant"}));
    }
    issue(sim, &sim.msp_tokens)
}

/// `POST /msp/v2/customers/{id}/token`: a token of the customer's own APIs, for an MSP token.
fn customer_token(sim: &Shared, headers: &HeaderMap, customer: &str) -> Response {
    sim.token_requests.fetch_add(1, Ordering::SeqCst);
    if !bearer_valid(&sim.msp_tokens, headers) {
        return super::json(
            StatusCode::UNAUTHORIZED,
            json!({"code": "401", "message": "The request did not include a valid Access Token."}),
        );
    }
    if !super::druva_msp::is_customer(customer, sim.config.msp_customers) {
        return super::json(
            StatusCode::NOT_FOUND,
            json!({"code": "MSP-404", "message": "The requested resource was not found."}),
        );
    }
    issue(sim, &sim.tokens)
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
    issue(sim, &sim.tokens)
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
            token_page(
                sim.faults.page_cap(),
                uri,
                "imdMappings",
                &all,
                MAPPINGS_PER_PAGE,
            )
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
            token_page(sim.faults.page_cap(), uri, "users", &users, USERS_PER_PAGE)
        }
        ("GET", ["platform", "eventmanagement", "v1" | "v2" | "v3", "events"]) => {
            platform_events(sim, uri, segments[2])
        }
        ("GET", ["insync", "eventmanagement", "v2", "events"]) => insync_events(sim, uri),
        ("GET", ["insync", "legalholds", "v4", "policies", policy, "users"]) => {
            legal_hold_custodians(sim, uri, policy)
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
        // Documented as a string; Druva's own example sends a boolean: every 4th user here.
        "privacySettingsEnabled": if i % 4 == 3 { json!(true) } else { json!("false") }
    })
}

/// One page of `items` under `key`; the `pageToken` query parameter is an offset in disguise.
fn token_page(cap: usize, uri: &Uri, key: &str, items: &[Value], per_page: usize) -> Response {
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
    let end = (start + per_page.min(cap)).min(items.len());
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

/// A row of `epLastBackupStatus`, serialized as it is made (no `Value` map per row: the report
/// export benchmark measures the export, not the simulator).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct BackupStatusRow {
    last_updated_time: String,
    user_name: String,
    #[serde(rename = "userEmailID")]
    user_email_id: String,
    device: String,
    profile: &'static str,
    client_version: &'static str,
    os_platform: &'static str,
    device_status: &'static str,
    start_time: String,
    end_time: String,
    files_backed_up: usize,
    files_missed: usize,
    is_deleted: u8,
    status: &'static str,
    #[serde(rename = "bytesTransferredMB")]
    bytes_transferred_mb: usize,
    time_taken_minutes: usize,
}

/// A report row as served.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum ReportRow {
    BackupStatus(Box<BackupStatusRow>),
    Other(Value),
}

impl ReportRow {
    /// The row as JSON, to apply filters to.
    fn to_value(&self) -> Value {
        match self {
            ReportRow::BackupStatus(row) => serde_json::to_value(row).unwrap_or_default(),
            ReportRow::Other(v) => v.clone(),
        }
    }
}

/// Row `i` of `report`: the fields of `epLastBackupStatus` for any report id, except
/// [`HOSTILE_REPORT`], whose text cells hold commas, quotes, line breaks and formula starters.
fn report_row(report: &str, i: usize) -> ReportRow {
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
        return ReportRow::Other(json!({
            "lastUpdatedTime": format!("2026-01-01T00:00:{:02}Z", i % 60),
            "device": format!("DEV-{i:03}"),
            "note": CELLS[i % CELLS.len()],
            "bytes": -(i as i64),
        }));
    }
    let day = 1 + i % 28;
    ReportRow::BackupStatus(Box::new(BackupStatusRow {
        last_updated_time: format!("2026-01-{day:02}T{:02}:{:02}:00Z", i % 24, i % 60),
        user_name: format!("User {:03}", i % 120),
        user_email_id: format!("user{:03}@example.com", i % 120),
        device: format!("LAPTOP-{i:05}"),
        profile: "Default",
        client_version: "7.5.2",
        os_platform: if i.is_multiple_of(3) {
            "Mac"
        } else {
            "Windows"
        },
        device_status: "Enabled",
        start_time: format!("2026-01-{day:02}T01:00:00Z"),
        end_time: format!("2026-01-{day:02}T01:{:02}:00Z", 5 + i % 50),
        files_backed_up: (i * 37) % 10_000,
        files_missed: i % 7,
        is_deleted: 0,
        status: if i.is_multiple_of(11) {
            "Backup Failed"
        } else {
            "Backup Successful"
        },
        bytes_transferred_mb: (i * 13) % 4_096,
        time_taken_minutes: 5 + i % 50,
    }))
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
    let page_size = page_size.min(sim.faults.page_cap());
    let mut rows = Vec::with_capacity(page_size);
    let mut next = String::new();
    let mut i = start;
    while i < sim.config.report_rows {
        let row = report_row(report, i);
        i += 1;
        if filters.is_empty() || passes(&row.to_value(), &filters) {
            rows.push(row);
            if rows.len() == page_size {
                break;
            }
        }
    }
    if i < sim.config.report_rows {
        next = encode_token(i);
    }
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Page<'a> {
        data: Vec<ReportRow>,
        last_sync_timestamp: &'static str,
        filters: &'a Value,
        next_page_token: String,
    }
    let body = serde_json::to_vec(&Page {
        data: rows,
        last_sync_timestamp: "2026-01-28T23:59:00Z",
        filters: &request["filters"],
        next_page_token: next,
    })
    .unwrap_or_default();
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// Platform event `i` (every third an alert, every third an audit; three products in turn).
fn platform_event(i: usize, version: &str) -> Value {
    let category = ["EVENT", "ALERT", "AUDIT"][i % 3];
    let (feature, kind) = if version == "v3" {
        ("Alerts And Notifications", "Alert")
    } else {
        ("alertsAndNotifications", "alert")
    };
    let details = json!({"eventNumber": i, "message": format!("Event {i}")});
    let product = [4097, 8193, 12289][i % 3];
    json!({
        "id": i,
        "globalID": format!("ev-{i:06}"),
        "category": category,
        "productID": product,
        "feature": feature,
        "type": kind,
        "timeStamp": 1_767_225_600 + 60 * i as i64,
        "syslogFacility": 23,
        "syslogSeverity": i % 8,
        "details": if version == "v1" { Value::String(details.to_string()) } else { details },
    })
}

/// Platform events: filters on the first request only; later pages send `pageToken` alone (a
/// token sent with any filter is refused, as Druva's spec says). The feed is live, so the last
/// page still carries a token: the page after it is empty and carries yet another (fresh) token,
/// as in the research's payload samples; only a client that stops on an empty page ends.
fn platform_events(sim: &Shared, uri: &Uri, version: &str) -> Response {
    let pairs = query_pairs(uri);
    let bad = |message: &str| api_error(StatusCode::BAD_REQUEST, "PlatformEvents-1400", message);
    let cursor = match query_value(&pairs, "pageToken").filter(|t| !t.is_empty()) {
        Some(token) => {
            if let Some(filter) = EVENT_FILTERS
                .iter()
                .find(|f| query_value(&pairs, f).is_some())
            {
                return bad(&format!(
                    "pageToken cannot be combined with other query parameters ({filter})"
                ));
            }
            match sim.event_tokens.lock().expect("tokens lock").get(token) {
                Some(cursor) => cursor.clone(),
                None => return bad("Invalid pageToken."),
            }
        }
        None => {
            let page_size = match query_value(&pairs, "pageSize").map(str::parse::<usize>) {
                None => MAX_EVENT_PAGE,
                Some(Ok(n)) if (1..=MAX_EVENT_PAGE).contains(&n) => n,
                Some(_) => return bad("pageSize must be between 1 and 500."),
            };
            let category = query_value(&pairs, "category").map(str::to_string);
            if category
                .as_deref()
                .is_some_and(|c| !["EVENT", "ALERT", "AUDIT"].contains(&c))
            {
                return bad("category must be EVENT, ALERT or AUDIT.");
            }
            let product_id = match query_value(&pairs, "productID").map(str::parse::<i64>) {
                None => None,
                Some(Ok(p)) => Some(p),
                Some(Err(_)) => return bad("productID must be an integer."),
            };
            EventCursor {
                offset: 0,
                page_size,
                category,
                product_id,
            }
        }
    };
    let mut events = Vec::new();
    let mut i = cursor.offset;
    while i < sim.config.platform_events
        && events.len() < cursor.page_size.min(sim.faults.page_cap())
    {
        let event = platform_event(i, version);
        i += 1;
        let category_ok = cursor
            .category
            .as_deref()
            .is_none_or(|c| event["category"] == c);
        let product_ok = cursor.product_id.is_none_or(|p| event["productID"] == p);
        if category_ok && product_ok {
            events.push(event);
        }
    }
    let token = format!("ev{}", random_token());
    sim.event_tokens.lock().expect("tokens lock").insert(
        token.clone(),
        EventCursor {
            offset: i,
            ..cursor
        },
    );
    super::json(
        StatusCode::OK,
        json!({"events": events, "nextPageToken": token}),
    )
}

/// inSync event `i`, with the wire's lowercase `timestamp` and integer severity.
fn insync_event(i: usize) -> Value {
    json!({
        "eventID": 500_000 + i,
        "eventType": if i.is_multiple_of(4) { "Backup Failed" } else { "Backup Successful" },
        "eventState": "Completed",
        "eventDetails": format!("Device: LAPTOP-{i:05}, Files: {}", i * 7),
        "initiator": if i.is_multiple_of(5) { Value::Null } else { json!("System") },
        "inSyncUserID": 10_000 + i % 120,
        "inSyncUserName": format!("User {:03}", i % 120),
        "inSyncUserEmail": format!("user{:03}@example.com", i % 120),
        "inSyncDataSourceID": i,
        "inSyncDataSourceName": format!("LAPTOP-{i:05}"),
        "clientOS": "Windows",
        "clientVersion": "7.5.2",
        // Documented as an integer; some events send `""`: every 7th one here.
        "profileID": if i % 7 == 6 { json!("") } else { json!(1) },
        "profileName": "Default",
        "timestamp": format!("2026-01-{:02}T{:02}:{:02}:00Z", 1 + i % 28, i % 24, i % 60),
        "severity": 6,
        "facility": 23,
        "ip": format!("10.0.{}.{}", i / 250 % 250, i % 250),
    })
}

/// A tracker: the offset of the next event, with characters a client must URL-encode.
fn encode_tracker(offset: usize) -> String {
    format!(
        "tr+{offset:x}/{:08x}==",
        (offset as u32).wrapping_mul(2_246_822_519)
    )
}

fn decode_tracker(tracker: &str) -> Option<usize> {
    let rest = tracker.strip_prefix("tr+")?.strip_suffix("==")?;
    let (offset, check) = rest.split_once('/')?;
    let offset = usize::from_str_radix(offset, 16).ok()?;
    (format!("{:08x}", (offset as u32).wrapping_mul(2_246_822_519)) == check).then_some(offset)
}

/// inSync events: without `tracker`, the first page; every answer carries a tracker (also the
/// last one, for incremental polling later) and `nextPageExists`.
fn insync_events(sim: &Shared, uri: &Uri) -> Response {
    let pairs = query_pairs(uri);
    let start = match query_value(&pairs, "tracker") {
        None => 0,
        Some(t) => match decode_tracker(t) {
            Some(offset) => offset.min(sim.config.insync_events),
            None => {
                return api_error(
                    StatusCode::BAD_REQUEST,
                    "InsyncEvents-1400",
                    "Invalid tracker",
                );
            }
        },
    };
    let per_page = sim
        .config
        .insync_events_per_page
        .clamp(1, 500)
        .min(sim.faults.page_cap());
    let end = (start + per_page).min(sim.config.insync_events);
    let events: Vec<Value> = (start..end).map(insync_event).collect();
    super::json(
        StatusCode::OK,
        json!({
            "tracker": encode_tracker(end),
            "nextPageExists": end < sim.config.insync_events,
            "events": events,
        }),
    )
}

/// Legal hold v4 custodians: 1-based `pageNumber`, `pageSize` up to 500, `pageInfo`.
fn legal_hold_custodians(sim: &Shared, uri: &Uri, policy: &str) -> Response {
    let Ok(policy_id) = policy.parse::<i64>() else {
        return api_error(
            StatusCode::NOT_FOUND,
            "inSyncLegalholds-4294967438",
            "Legalhold policy not found.",
        );
    };
    let pairs = query_pairs(uri);
    let bad = || {
        api_error(
            StatusCode::BAD_REQUEST,
            "inSyncLegalholds-4294967489",
            "Invalid API Syntax",
        )
    };
    let page = match query_value(&pairs, "pageNumber").map(str::parse::<usize>) {
        None => 1,
        Some(Ok(n)) if n >= 1 => n,
        Some(_) => return bad(),
    };
    let size = match query_value(&pairs, "pageSize").map(str::parse::<usize>) {
        None => 100,
        Some(Ok(n)) if (1..=MAX_EVENT_PAGE).contains(&n) => n,
        Some(_) => return bad(),
    };
    let total = sim.config.legal_hold_custodians;
    let size = size.min(sim.faults.page_cap());
    let start = ((page - 1) * size).min(total);
    let end = (start + size).min(total);
    let users: Vec<Value> = (start..end)
        .map(|i| {
            json!({
                "userId": 20_000 + i,
                "userName": format!("Custodian {i:04}"),
                "userEmail": format!("custodian{i:04}@example.com"),
                "status": if i % 9 == 8 { "Inactive" } else { "Active" },
                "policyId": policy_id,
                "onLegalHold": true,
                "numberOfDataSources": 1 + i % 3,
                "collectedData": "1.2 GB",
                "collectedDataInBytes": 1_288_490_188_i64 + i as i64,
            })
        })
        .collect();
    super::json(
        StatusCode::OK,
        json!({
            "results": {"usersList": users, "totalCustodians": total},
            "pageInfo": {"totalPages": total.div_ceil(size), "pageNumber": page, "pageSize": size},
        }),
    )
}
