//! A DDMC simulator: login with the token in `X-DD-AUTH-TOKEN`, the DDMC `/system`, managed DD
//! systems (v1.0 thin and v3.0 full lists), their MTrees and capacity statistics.
//!
//! Faithful to the wire facts of the research: 201 on login with a `service_status` body, the
//! token re-sent on every answer, errors wrapped in `service_status`, 0-based `page`/`size`
//! paging (default 20, at most 200) with `paging_info`, ids that are URL-encoded strings
//! (`<hex>%3A<hex>`, `%2Fdata%2Fcol1%2F…`) matched on the raw path, so an id encoded twice
//! (`%253A`) is not found.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};

use super::{Faults, Server, query_pairs, query_value, random_token};

/// The header that carries the DDMC token both ways.
const TOKEN_HEADER: &str = "x-dd-auth-token";

/// One managed DD system of the simulator.
#[derive(Debug, Clone)]
pub struct SimSystem {
    /// Host name.
    pub name: String,
    /// `<16 hex>:<16 hex>`; its URL-encoded form is the system's id.
    pub uuid: String,
    /// Number of MTrees.
    pub mtrees: usize,
    /// Number of capacity samples.
    pub capacity_samples: usize,
}

/// What the DDMC simulator holds.
#[derive(Debug, Clone)]
pub struct DdmcSimConfig {
    /// The one account that may log in.
    pub username: String,
    /// Its password.
    pub password: String,
    /// The managed systems.
    pub systems: Vec<SimSystem>,
}

impl Default for DdmcSimConfig {
    /// `sysadmin`, three systems with 7, 45 and 250 MTrees and 30 capacity samples each.
    fn default() -> Self {
        let systems = [("dd-prod-01", 7), ("dd-prod-02", 45), ("dd-dr-01", 250)]
            .into_iter()
            .enumerate()
            .map(|(i, (name, mtrees))| SimSystem {
                name: format!("{name}.example.com"),
                uuid: format!(
                    "{:016x}:{:016x}",
                    0xbb5b_ed4a_dc90_ee00u64 + i as u64,
                    0x4496_a0e4_def1_6e90u64 + i as u64
                ),
                mtrees,
                capacity_samples: 30,
            })
            .collect();
        Self {
            username: "sysadmin".into(),
            password: "Sim-DDMC-pass1!".into(),
            systems,
        }
    }
}

#[derive(Debug)]
struct Shared {
    config: DdmcSimConfig,
    tokens: Mutex<HashSet<String>>,
    login_attempts: AtomicUsize,
    logouts: AtomicUsize,
    faults: Arc<Faults>,
}

/// A running DDMC simulator on loopback.
#[derive(Debug)]
pub struct DdmcSim {
    server: Server,
    shared: Arc<Shared>,
}

impl std::ops::Deref for DdmcSim {
    type Target = Server;
    fn deref(&self) -> &Server {
        &self.server
    }
}

impl DdmcSim {
    /// Starts the simulator on a free loopback port.
    pub async fn start(config: DdmcSimConfig) -> std::io::Result<Self> {
        let shared = Arc::new(Shared {
            config,
            tokens: Mutex::default(),
            login_attempts: AtomicUsize::new(0),
            logouts: AtomicUsize::new(0),
            faults: Arc::default(),
        });
        let server = Server::start(Arc::clone(&shared), Arc::clone(&shared.faults), handle).await?;
        Ok(Self { server, shared })
    }

    /// Invalidates every token, as an idle timeout or a DDMC restart does.
    pub fn expire_tokens(&self) {
        self.shared.tokens.lock().expect("tokens lock").clear();
    }

    /// Number of `POST /rest/v1.0/auth` requests, refused ones included.
    pub fn login_attempts(&self) -> usize {
        self.shared.login_attempts.load(Ordering::SeqCst)
    }

    /// Number of successful `DELETE /rest/v1.0/auth` requests.
    pub fn logouts(&self) -> usize {
        self.shared.logouts.load(Ordering::SeqCst)
    }
}

/// A `{"service_status": {...}}` answer.
fn status(code: StatusCode, details: &str, ddmc_code: i64) -> Response {
    super::json(
        code,
        json!({"service_status": {"details": details, "code": ddmc_code, "link": []}}),
    )
}

fn not_found(what: &str) -> Response {
    status(
        StatusCode::NOT_FOUND,
        &format!("{what} does not exist"),
        5008,
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
    if path == "/rest/v1.0/auth" && method == Method::POST {
        return login(&sim, &body);
    }
    if let Some(injected) = sim.faults.next() {
        return injected;
    }
    let token = headers
        .get(TOKEN_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let valid = token
        .as_ref()
        .is_some_and(|t| sim.tokens.lock().expect("tokens lock").contains(t));
    if !valid {
        return status(
            StatusCode::UNAUTHORIZED,
            "Authentication failed: invalid or expired token",
            5401,
        );
    }
    let token = token.unwrap_or_default();
    let mut response = route(&sim, &method, &path, &uri, &token);
    // Real systems send the token back on (almost) every answer; not after a logout.
    let logged_out = path == "/rest/v1.0/auth";
    if let (false, Ok(value)) = (logged_out, HeaderValue::from_str(&token)) {
        response.headers_mut().insert(TOKEN_HEADER, value);
    }
    response
}

fn login(sim: &Shared, body: &[u8]) -> Response {
    sim.login_attempts.fetch_add(1, Ordering::SeqCst);
    let parsed: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    // Both the flat body and the `auth_info` wrapper work on real systems.
    let info = parsed.get("auth_info").unwrap_or(&parsed);
    let user = info.get("username").and_then(Value::as_str);
    let password = info.get("password").and_then(Value::as_str);
    if user != Some(sim.config.username.as_str()) || password != Some(sim.config.password.as_str())
    {
        return status(
            StatusCode::UNAUTHORIZED,
            "Authentication failed: invalid username or password",
            5401,
        );
    }
    let token = random_token();
    sim.tokens
        .lock()
        .expect("tokens lock")
        .insert(token.clone());
    let mut response = super::json(
        StatusCode::CREATED,
        json!({"service_status": {"details": "success", "code": 0, "link": [
            {"rel": "related", "href": "/rest/v1.0/system"},
            {"rel": "related", "href": "/rest/v1.0/dd-systems"}
        ]}}),
    );
    if let Ok(value) = HeaderValue::from_str(&token) {
        response.headers_mut().insert(TOKEN_HEADER, value);
    }
    response
}

fn route(sim: &Shared, method: &Method, path: &str, uri: &Uri, token: &str) -> Response {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match (method.as_str(), segments.as_slice()) {
        ("DELETE", ["rest", "v1.0", "auth"]) => {
            sim.tokens.lock().expect("tokens lock").remove(token);
            sim.logouts.fetch_add(1, Ordering::SeqCst);
            status(StatusCode::OK, "success", 0)
        }
        ("GET", ["rest", "v1.0", "system"]) => super::json(StatusCode::OK, ddmc_system()),
        ("GET", ["rest", version @ ("v1.0" | "v3.0"), "dd-systems"]) => {
            let full = *version == "v3.0";
            let systems = &sim.config.systems;
            paged(uri, path, "system_info", systems.len(), |i| {
                system_json(&systems[i], full)
            })
        }
        ("GET", ["rest", "v1.0", "dd-systems", id, "mtrees"]) => match find_system(sim, id) {
            Some(system) => paged(uri, path, "mtree", system.mtrees, |i| {
                mtree_summary(system, i)
            }),
            None => status(StatusCode::NOT_FOUND, "Invalid System ID", 5008),
        },
        ("GET", ["rest", "v1.0", "dd-systems", id, "mtrees", mtree]) => {
            match find_system(sim, id) {
                Some(system) => match (0..system.mtrees).find(|i| mtree_id(system, *i) == *mtree) {
                    Some(i) => super::json(StatusCode::OK, mtree_detail(system, i)),
                    None => not_found("MTree"),
                },
                None => status(StatusCode::NOT_FOUND, "Invalid System ID", 5008),
            }
        }
        ("GET", ["rest", "v2.0", "dd-systems", id, "stats", "capacity"]) => {
            match find_system(sim, id) {
                Some(system) => paged(uri, path, "stats_capacity", system.capacity_samples, |i| {
                    capacity_sample(system, i)
                }),
                None => status(StatusCode::NOT_FOUND, "Invalid System ID", 5008),
            }
        }
        _ => not_found("The resource"),
    }
}

/// The system whose id (the URL-encoded uuid) is `raw`, compared on the raw path segment.
fn find_system<'a>(sim: &'a Shared, raw: &str) -> Option<&'a SimSystem> {
    sim.config.systems.iter().find(|s| system_id(s) == raw)
}

fn system_id(s: &SimSystem) -> String {
    s.uuid.replace(':', "%3A")
}

fn mtree_name(s: &SimSystem, i: usize) -> String {
    let short = s.name.split('.').next().unwrap_or("dd");
    format!("/data/col1/{short}-mt{i:04}")
}

fn mtree_id(s: &SimSystem, i: usize) -> String {
    mtree_name(s, i).replace('/', "%2F")
}

fn link(rel: &str, href: String) -> Value {
    json!({"rel": rel, "href": href})
}

fn capacity(total: i64, used: i64) -> Value {
    json!({"total": total, "used": used, "available": total - used})
}

fn ddmc_system() -> Value {
    json!({
        "name": "ddmc-sim.example.com",
        "version": "Data Domain OS 7.3.0.5-660120",
        "serialno": "SIMDDMC0000001",
        "model": "DD Management Center",
        "uptime": "18:39:58 up 10 days, 3:49",
        "uptime_secs": 877_765,
        "uuid": "11e3b3f23ccb590b:a0ae3cd21ebdb52d",
        "link": [
            link("self", "/rest/v1.0/system".into()),
            link("parent", "/rest/v1.0".into()),
            link("vi", "/rest/v1.0/system/vi".into()),
            link("config", "/rest/v1.0/system/config".into())
        ]
    })
}

fn system_json(s: &SimSystem, full: bool) -> Value {
    let id = system_id(s);
    if !full {
        return json!({"id": id, "name": s.name, "link": link("self", format!("/rest/v1.0/dd-systems/{id}"))});
    }
    let tib: i64 = 1 << 40;
    json!({
        "id": id,
        "name": s.name,
        "type": "DD",
        "version": "Data Domain OS 7.13.0.10-1054817",
        "user_role": "admin",
        "serialno": format!("APM00{:08}", s.mtrees),
        "model": "DD9400",
        "uptime": "up 120 days",
        "uptime_secs": 10_368_000,
        "state": "connected",
        "status": "ok",
        "added_epoch": 1_700_000_000,
        "time_zone": "UTC",
        "physical_capacity": capacity(500 * tib, 180 * tib),
        "logical_capacity": capacity(9_000 * tib, 3_100 * tib),
        "compression_factor": 17.2,
        "capacity_usage_details": [
            {"tier": "active", "physical_capacity": capacity(500 * tib, 180 * tib), "compression_factor": 17.2}
        ],
        "license": [{"license_key": "SIM-LICENSE", "feature": "REPLICATION"}],
        "location": "Sim DC",
        "uuid": s.uuid,
        "system_status": "normal",
        "link": [link("self", format!("/rest/v3.0/dd-systems/{id}"))]
    })
}

fn mtree_summary(s: &SimSystem, i: usize) -> Value {
    let id = mtree_id(s, i);
    json!({
        "id": id,
        "name": mtree_name(s, i),
        "data_access_ip": "10.0.0.10",
        "link": link("self", format!("/rest/v1.0/dd-systems/{}/mtrees/{id}", system_id(s)))
    })
}

fn mtree_detail(s: &SimSystem, i: usize) -> Value {
    let gib: i64 = 1 << 30;
    let id = mtree_id(s, i);
    json!({
        "id": id,
        "name": mtree_name(s, i),
        "deletable": true,
        "del_status": 0,
        "ro_status": 0,
        "repl_destination": false,
        "rl_status": 0,
        "rl_mode": 0,
        "tenant_unit": "",
        "physical_capacity": capacity(100 * gib, (i as i64 % 90 + 1) * gib),
        "logical_capacity": capacity(1_000 * gib, (i as i64 % 900 + 10) * gib),
        "quota_config": {"hard_limit": 0, "soft_limit": 0},
        "protocol_config": ["nfs", "ddboost"],
        "link": [link("self", format!("/rest/v1.0/dd-systems/{}/mtrees/{id}", system_id(s)))]
    })
}

fn capacity_sample(s: &SimSystem, i: usize) -> Value {
    let tib: i64 = 1 << 40;
    let used = 180 * tib - i as i64 * (tib / 4);
    json!({
        "collection_epoch": 1_790_000_000 - i as i64 * 3_600,
        "physical_capacity": capacity(500 * tib, used),
        "logical_capacity": capacity(9_000 * tib, used * 17),
        "compression_factor": 17.0 + (s.mtrees % 5) as f64 / 10.0,
        "data_written": {"tier": "active", "pre_comp_written": 40 * tib, "post_comp_written": 2 * tib, "compression_factor": 20.0}
    })
}

/// One page of `total` items (item `i` made by `item(i)`, so only the page is built) under `key`,
/// with the real `paging_info` (0-based pages, at most 200).
fn paged(
    uri: &Uri,
    path: &str,
    key: &str,
    total: usize,
    item: impl Fn(usize) -> Value,
) -> Response {
    let pairs = query_pairs(uri);
    let parse = |name: &str, default: usize| -> Result<usize, String> {
        match query_value(&pairs, name) {
            None => Ok(default),
            Some(v) => v
                .parse::<usize>()
                .map_err(|_| format!("Invalid value of {name}: {v}")),
        }
    };
    let (page, size) = match (parse("page", 0), parse("size", 20)) {
        (Ok(p), Ok(s)) => (p, s),
        (Err(e), _) | (_, Err(e)) => return status(StatusCode::BAD_REQUEST, &e, 5400),
    };
    if size > 200 {
        return status(
            StatusCode::BAD_REQUEST,
            "Invalid value of size: the maximum page size is 200",
            5400,
        );
    }
    let start = page.saturating_mul(size).min(total);
    let end = (start + size).min(total);
    let last = total.saturating_sub(1).checked_div(size).unwrap_or(0);
    let href = |p: usize| format!("{path}?page={p}&size={size}");
    let mut links = vec![link("first", href(0)), link("last", href(last))];
    if page < last {
        links.push(link("next", href(page + 1)));
    }
    if page > 0 {
        links.push(link("prev", href(page - 1)));
    }
    super::json(
        StatusCode::OK,
        json!({
            key: (start..end).map(item).collect::<Vec<_>>(),
            "paging_info": {
                "current_page": page,
                "page_entries": end - start,
                "total_entries": total,
                "page_size": size,
                "page_links": links
            }
        }),
    )
}
