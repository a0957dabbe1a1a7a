//! A DDMC simulator: login with the token in `X-DD-AUTH-TOKEN`, the DDMC `/system`, managed DD
//! systems (v1.0 thin and v3.0 full lists), their MTrees and capacity statistics, and one read of
//! every other group (tag) of `specs/ddmc.yaml` (the `GROUPS` table, bodies built per request
//! with the field names of the research). MTrees, NFS exports, DD Boost storage units, users and
//! alert notify lists are kept per system: creates, modifies and deletes change later reads.
//!
//! Faithful to the wire facts of the research: 201 on login with a `service_status` body, the
//! token re-sent on every answer, errors wrapped in `service_status`, 0-based `page`/`size`
//! paging (default 20, at most 200) with `paging_info`, ids that are URL-encoded strings
//! (`<hex>%3A<hex>`, `%2Fdata%2Fcol1%2F…`) matched on the raw path, so an id encoded twice
//! (`%253A`) is not found.

use std::collections::{HashMap, HashSet};
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

/// The `X-DD-SEC-OFFICER` value the simulator accepts for retention-lock operations: base64 of
/// the security officer's `name:password` (`secofficer:Sim-SO-pass1!`).
pub const SECURITY_OFFICER: &str = "c2Vjb2ZmaWNlcjpTaW0tU08tcGFzczEh";

/// The registration access token the simulated IAM service hands out (tests check that it never
/// shows in `Debug`).
pub const SIM_REGISTRATION_TOKEN: &str = "Sim-IAM-registration-token-51f0";

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
    /// The stateful resources of each system, seeded on first use.
    store: Mutex<HashMap<(String, Kind), Vec<Value>>>,
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
            store: Mutex::default(),
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
        if let Some(injected) = sim.faults.next_login() {
            sim.login_attempts.fetch_add(1, Ordering::SeqCst);
            return injected;
        }
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
    // Retention-lock operations need the security officer's authorization (DD OS 8.x).
    if path.contains("/systems/retention-lock-")
        && headers
            .get("x-dd-sec-officer")
            .and_then(|v| v.to_str().ok())
            != Some(SECURITY_OFFICER)
    {
        return status(
            StatusCode::FORBIDDEN,
            "Security officer authorization failed",
            5403,
        );
    }
    let mut response = route(&sim, &method, &path, &uri, &token, &body);
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

fn route(
    sim: &Shared,
    method: &Method,
    path: &str,
    uri: &Uri,
    token: &str,
    body: &[u8],
) -> Response {
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
            paged(
                sim.faults.page_cap(),
                uri,
                path,
                "system_info",
                systems.len(),
                |i| system_json(&systems[i], full),
            )
        }
        ("GET", ["rest", "v2.0", "dd-systems", id, "stats", "capacity"]) => {
            match find_system(sim, id) {
                Some(system) => paged(
                    sim.faults.page_cap(),
                    uri,
                    path,
                    "stats_capacity",
                    system.capacity_samples,
                    |i| capacity_sample(system, i),
                ),
                None => status(StatusCode::NOT_FOUND, "Invalid System ID", 5008),
            }
        }
        _ => {
            if let Some(response) = stateful(sim, method.as_str(), &segments, uri, path, body) {
                return response;
            }
            group(sim, method.as_str(), &segments, uri, path)
                .unwrap_or_else(|| not_found("The resource"))
        }
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
    cap: usize,
    uri: &Uri,
    path: &str,
    key: &str,
    total: usize,
    item: impl Fn(usize) -> Value,
) -> Response {
    paged_as(cap, uri, path, key, "paging_info", total, item)
}

/// [`paged`] with the paging block under `paging_key` (`paging_info`, `pagingInfo` or `paging`).
/// A server under a page cap serves at most `cap` items from `page * size` (the page is
/// numbered with the size asked, the count cut to the cap: the least friendly reading) and
/// reports the size it served in `page_size`.
fn paged_as(
    cap: usize,
    uri: &Uri,
    path: &str,
    key: &str,
    paging_key: &str,
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
    let end = (start + size.min(cap)).min(total);
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
            paging_key: {
                "current_page": page,
                "page_entries": end - start,
                "total_entries": total,
                "page_size": size.min(cap),
                "page_links": links
            }
        }),
    )
}

/// The resources the simulator keeps per system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Mtree,
    NfsExport,
    StorageUnit,
    User,
    NotifyList,
}

impl Kind {
    /// The kind, collection URL tail and list item key of a `/rest/v1.0/dd-systems/<id>/...` path.
    fn of(tail: &[&str]) -> Option<(Self, &'static str, &'static str)> {
        Some(match tail {
            ["mtrees"] => (Self::Mtree, "mtrees", "mtree"),
            ["protocols", "nfs", "exports"] => {
                (Self::NfsExport, "protocols/nfs/exports", "exports")
            }
            ["protocols", "ddboost", "storage-units"] => (
                Self::StorageUnit,
                "protocols/ddboost/storage-units",
                "storage_units",
            ),
            ["users"] => (Self::User, "users", "user"),
            ["alerts", "notify-lists"] => (Self::NotifyList, "alerts/notify-lists", "notify_lists"),
            _ => return None,
        })
    }

    /// What a system holds before anything is created.
    fn seed(self, s: &SimSystem) -> Vec<Value> {
        let short = s.name.split('.').next().unwrap_or("dd").to_string();
        match self {
            Self::Mtree => (0..s.mtrees).map(|i| mtree_detail(s, i)).collect(),
            Self::NfsExport => (0..s.mtrees.min(3))
                .map(|i| {
                    let body = json!({"path": mtree_name(s, i), "clients": [
                        {"name": "10.20.30.0/24", "options": "rw,no_root_squash,no_all_squash,secure"}
                    ]});
                    self.create(s, &(i + 1).to_string(), &body)
                })
                .collect(),
            Self::StorageUnit => ["nbu-su01", "avamar-su", "oracle-rman"]
                .iter()
                .map(|n| self.create(s, n, &json!({"name": n, "user": "ddboost"})))
                .collect(),
            Self::User => [("sysadmin", "admin"), ("ddboost", "user"), ("secofficer", "security")]
                .iter()
                .map(|(n, role)| self.create(s, n, &json!({"name": n, "role": role})))
                .collect(),
            Self::NotifyList => ["default", &format!("{short}-storage-team")]
                .iter()
                .map(|n| {
                    let body = json!({"name": n, "property": {
                        "class_severity_pairs": [{"class": "all", "severity": "warning"}],
                        "emails": ["storage-admins@example.com"]
                    }});
                    self.create(s, n, &body)
                })
                .collect(),
        }
    }

    /// The detail object made from a create body (already checked), with id `id`.
    fn create(self, s: &SimSystem, id: &str, body: &Value) -> Value {
        let sys = system_id(s);
        let text = |k: &str, default: &str| {
            body.get(k)
                .and_then(Value::as_str)
                .unwrap_or(default)
                .to_string()
        };
        let quota = body
            .get("quota_config")
            .cloned()
            .unwrap_or(json!({"hard_limit": 0, "soft_limit": 0}));
        match self {
            Self::Mtree => {
                let gib: i64 = 1 << 30;
                json!({
                    "id": id, "name": text("name", ""), "deletable": true, "del_status": 0,
                    "ro_status": 0, "repl_destination": false, "rl_status": 0, "rl_mode": 0,
                    "tenant_unit": text("tenant_unit", ""),
                    "physical_capacity": capacity(100 * gib, 0),
                    "logical_capacity": capacity(1_000 * gib, 0),
                    "quota_config": quota, "protocol_config": [],
                    "link": [link("self", format!("/rest/v1.0/dd-systems/{sys}/mtrees/{id}"))]
                })
            }
            Self::NfsExport => {
                let path = text("path", "");
                json!({
                    "id": id, "path": path, "mtree_id": path.replace('/', "%2F"),
                    "mtree_name": path, "path_status": 0,
                    "clients": body.get("clients").cloned().unwrap_or(json!([])),
                    "link": [link("self", format!("/rest/v1.0/dd-systems/{sys}/protocols/nfs/exports/{id}"))]
                })
            }
            Self::StorageUnit => json!({
                "id": id, "name": text("name", id), "del_status": "not_deleted", "pre_comp": 0,
                "status": "RW", "report_physical_size": body.get("report_physical_size").cloned().unwrap_or(json!(0)),
                "user": text("user", "ddboost"), "tenant_unit": text("tenant_unit", ""),
                "logical_capacity": capacity(10 << 40, 0), "quota_config": quota,
                "stream_limit_config": body.get("stream_limit_config").cloned().unwrap_or(json!({
                    "write_stream_soft_limit": 0, "read_stream_soft_limit": 0,
                    "repl_stream_soft_limit": 0, "combined_stream_soft_limit": 0,
                    "combined_stream_hard_limit": 0
                })),
                "link": [link("self", format!("/rest/v1.0/dd-systems/{sys}/protocols/ddboost/storage-units/{id}"))]
            }),
            Self::User => json!({
                "id": id, "name": text("name", id), "type": "local", "role": text("role", "user"),
                "status": "enabled", "last_login_from": "", "last_login_time": "",
                "uid": 500 + id.len() as i64 * 7 + i64::from(id.as_bytes()[0]),
                "force_password_change": body.get("force_password_change").and_then(Value::as_bool).unwrap_or(false),
                "age": {
                    "last_change_days": 20_400,
                    "min_days_between_change": body.get("min_days_between_change").cloned().unwrap_or(json!(0)),
                    "max_days_between_change": body.get("max_days_between_change").cloned().unwrap_or(json!(90)),
                    "warn_days_before_expire": body.get("warn_days_before_expire").cloned().unwrap_or(json!(7)),
                    "disable_days_after_expire": body.get("disable_days_after_expire").cloned().unwrap_or(json!(0)),
                    "disable_date_days": 0, "acct_status": 0
                },
                "link": [link("self", format!("/rest/v1.0/dd-systems/{sys}/users/{id}"))]
            }),
            Self::NotifyList => json!({
                "id": id, "name": text("name", id),
                "property": body.get("property").cloned().unwrap_or(json!({})),
                "link": [link("self", format!("/rest/v1.0/dd-systems/{sys}/alerts/notify-lists/{id}"))]
            }),
        }
    }

    /// The list item / create and modify answer made from a detail object.
    fn summary(self, d: &Value) -> Value {
        let keys: &[&str] = match self {
            Self::Mtree => &["id", "name"],
            Self::NfsExport => &["id", "path", "path_status"],
            Self::StorageUnit => &["id", "name", "del_status", "link"],
            Self::User => &["id", "name", "uid", "role", "status"],
            Self::NotifyList => &["id", "name", "link"],
        };
        let mut out: serde_json::Map<String, Value> = keys
            .iter()
            .filter_map(|k| Some(((*k).to_string(), d.get(*k)?.clone())))
            .collect();
        if self == Self::Mtree {
            out.insert("data_access_ip".into(), json!("10.0.0.10"));
        }
        if !out.contains_key("link") {
            // List items carry a single link object, details an array.
            let first = d.pointer("/link/0").cloned().unwrap_or(Value::Null);
            out.insert("link".into(), first);
        }
        Value::Object(out)
    }

    /// The id a create body gets, or the reason it is refused.
    fn new_id(self, body: &Value, items: &[Value]) -> Result<String, String> {
        let field = |k: &str| {
            body.get(k)
                .and_then(Value::as_str)
                .filter(|v| !v.is_empty())
                .ok_or_else(|| format!("Missing required field: {k}"))
        };
        let id = match self {
            Self::Mtree => {
                let name = field("name")?;
                if !name.starts_with("/data/col1/") {
                    return Err(format!(
                        "Invalid MTree name {name}: must be under /data/col1/"
                    ));
                }
                name.replace('/', "%2F")
            }
            Self::NfsExport => {
                let path = field("path")?;
                if items.iter().any(|e| e["path"] == path) {
                    return Err(format!("NFS export for {path} already exists"));
                }
                let max = items
                    .iter()
                    .filter_map(|e| e["id"].as_str()?.parse::<u64>().ok())
                    .max()
                    .unwrap_or(0);
                return Ok((max + 1).to_string());
            }
            Self::User => {
                field("password")?;
                field("name")?.to_string()
            }
            Self::StorageUnit => {
                field("user")?;
                field("name")?.to_string()
            }
            Self::NotifyList => field("name")?.to_string(),
        };
        if items.iter().any(|e| e["id"] == id.as_str()) {
            return Err(format!("{id} already exists"));
        }
        Ok(id)
    }

    /// Applies a modify body to a detail object.
    fn update(self, d: &mut Value, body: &Value) -> Result<(), String> {
        let fields: &[&str] = match self {
            Self::Mtree => &["tenant_unit", "quota_config", "retention"],
            Self::NfsExport => {
                let clients = body
                    .get("clients")
                    .and_then(Value::as_array)
                    .ok_or("Missing required field: clients")?;
                let mut current: Vec<Value> = d["clients"].as_array().cloned().unwrap_or_default();
                for c in clients {
                    current.retain(|x| x["name"] != c["name"]);
                    if c.get("delete").and_then(Value::as_bool) != Some(true) {
                        current.push(json!({"name": c["name"], "options": c.get("options").cloned().unwrap_or(json!(""))}));
                    }
                }
                d["clients"] = Value::Array(current);
                return Ok(());
            }
            Self::StorageUnit => &[
                "user",
                "tenant_unit",
                "quota_config",
                "report_physical_size",
                "stream_limit_config",
            ],
            Self::User => {
                body.get("new_password")
                    .and_then(Value::as_str)
                    .filter(|p| p.len() >= 8)
                    .ok_or("Invalid new_password: at least 8 characters")?;
                // The password itself is never kept; its age restarts.
                d["age"]["last_change_days"] = json!(20_415);
                d["force_password_change"] = json!(false);
                return Ok(());
            }
            Self::NotifyList => {
                // "Existing information will be replaced by new input" (the reference).
                let property = body.as_object().cloned().ok_or("Invalid request body")?;
                d["property"] = Value::Object(property);
                return Ok(());
            }
        };
        for f in fields {
            if let Some(v) = body.get(*f) {
                d[*f] = v.clone();
            }
        }
        Ok(())
    }
}

/// Create, list, get, modify and delete of the kept resources; `None` when `segments` is not one.
fn stateful(
    sim: &Shared,
    method: &str,
    segments: &[&str],
    uri: &Uri,
    path: &str,
    body: &[u8],
) -> Option<Response> {
    let ["rest", "v1.0", "dd-systems", sys, rest @ ..] = segments else {
        return None;
    };
    let (tail, item) = match Kind::of(rest) {
        Some(k) => (k, None),
        None => {
            let (last, head) = rest.split_last()?;
            (Kind::of(head)?, Some(*last))
        }
    };
    let (kind, _, key) = tail;
    let Some(system) = find_system(sim, sys) else {
        return Some(status(StatusCode::NOT_FOUND, "Invalid System ID", 5008));
    };
    let mut store = sim.store.lock().expect("store lock");
    let items = store
        .entry((system_id(system), kind))
        .or_insert_with(|| kind.seed(system));
    let parsed: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    // Real systems also accept the body wrapped in the Swagger parameter name.
    let parsed = match parsed.as_object() {
        Some(o)
            if o.len() == 1
                && o.iter().all(|(k, v)| {
                    v.is_object()
                        && ["_create", "_modify", "_update"]
                            .iter()
                            .any(|end| k.ends_with(end))
                }) =>
        {
            o.values().next().cloned().unwrap_or(Value::Null)
        }
        _ => parsed,
    };
    let bad = |e: String| status(StatusCode::BAD_REQUEST, &e, 5400);
    let position = |items: &[Value], id: &str| items.iter().position(|e| e["id"] == id);
    Some(match (method, item) {
        ("GET", None) => paged(sim.faults.page_cap(), uri, path, key, items.len(), |i| {
            kind.summary(&items[i])
        }),
        ("POST", None) => match kind.new_id(&parsed, items) {
            Ok(id) => {
                let detail = kind.create(system, &id, &parsed);
                let answer = kind.summary(&detail);
                items.push(detail);
                super::json(StatusCode::CREATED, answer)
            }
            Err(e) if e.contains("exists") => status(StatusCode::CONFLICT, &e, 5409),
            Err(e) => bad(e),
        },
        ("DELETE", None) if kind == Kind::NotifyList => {
            items.retain(|e| e["id"] == "default");
            status(StatusCode::OK, "success", 0)
        }
        (_, None) => status(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed", 5405),
        (_, Some(id)) => match (method, position(items, id)) {
            (_, None) => not_found("The object"),
            ("GET", Some(i)) => super::json(StatusCode::OK, items[i].clone()),
            ("PUT", Some(i)) => match kind.update(&mut items[i], &parsed) {
                Ok(()) => super::json(StatusCode::OK, kind.summary(&items[i])),
                Err(e) => bad(e),
            },
            ("DELETE", Some(i)) => {
                items.remove(i);
                status(StatusCode::OK, "success", 0)
            }
            _ => status(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed", 5405),
        },
    })
}

/// Names the bodies of [`GROUPS`] may use.
struct Ctx<'a> {
    /// The system's id (URL-encoded uuid), or the DDMC's for DDMC-wide paths.
    id: &'a str,
    /// The system's uuid.
    uuid: &'a str,
    /// The system's host name.
    host: &'a str,
    /// The `{ID}` segment of the path, empty when it has none.
    item: &'a str,
}

/// One operation answered by [`group`] from the [`GROUPS`] table.
struct Group {
    /// The spec tag.
    tag: &'static str,
    method: &'static str,
    /// The spec path; `{SYSTEM-ID}` must name a system, `{ID}` matches any segment.
    pattern: &'static str,
    status: u16,
    /// For lists: the item key and the paging block key.
    list: Option<(&'static str, &'static str)>,
    /// The body (for lists: item `i`).
    body: fn(&Ctx, usize) -> Value,
}

/// Number of items the list of group `tag` holds (2 to 5, fixed per group).
fn group_len(tag: &str) -> usize {
    2 + tag.len() % 4
}

/// The answer of the [`GROUPS`] entry matching the request, built now.
fn group(sim: &Shared, method: &str, segments: &[&str], uri: &Uri, path: &str) -> Option<Response> {
    let ddmc_uuid = "11e3b3f23ccb590b:a0ae3cd21ebdb52d";
    // Literal segments win over `{ID}` (`template-audits/histories` is not an audit id).
    let (literal, with_id): (Vec<&Group>, Vec<&Group>) = GROUPS
        .iter()
        .filter(|g| g.method == method)
        .partition(|g| !g.pattern.contains("{ID}"));
    for g in literal.into_iter().chain(with_id) {
        let pattern: Vec<&str> = g.pattern.trim_start_matches('/').split('/').collect();
        if pattern.len() != segments.len() {
            continue;
        }
        let mut system = None;
        let mut item = "";
        let matched = pattern.iter().zip(segments).all(|(p, s)| match *p {
            "{SYSTEM-ID}" => {
                system = Some(*s);
                true
            }
            "{ID}" => {
                item = s;
                !s.is_empty()
            }
            _ => p == s,
        });
        if !matched {
            continue;
        }
        let (id, uuid, host) = match system {
            Some(raw) => match find_system(sim, raw) {
                Some(s) => (system_id(s), s.uuid.clone(), s.name.clone()),
                None => return Some(status(StatusCode::NOT_FOUND, "Invalid System ID", 5008)),
            },
            None => (
                ddmc_uuid.replace(':', "%3A"),
                ddmc_uuid.to_string(),
                "ddmc-sim.example.com".to_string(),
            ),
        };
        let ctx = Ctx {
            id: &id,
            uuid: &uuid,
            host: &host,
            item,
        };
        let code = StatusCode::from_u16(g.status).unwrap_or(StatusCode::OK);
        return Some(match g.list {
            Some((key, paging)) => paged_as(
                sim.faults.page_cap(),
                uri,
                path,
                key,
                paging,
                group_len(g.tag),
                |i| (g.body)(&ctx, i),
            ),
            None => super::json(code, (g.body)(&ctx, 0)),
        });
    }
    None
}

/// Bytes in a TiB.
const TIB: i64 = 1 << 40;

/// One answered operation per group (tag) of the spec without state of its own.
const GROUPS: &[Group] = &[
    Group {
        tag: "alerts",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/alerts",
        status: 200,
        list: Some(("alert_list", "paging_info")),
        body: g_alerts,
    },
    Group {
        tag: "alerts",
        method: "GET",
        pattern: "/api/v2/dd-systems/{SYSTEM-ID}/alerts",
        status: 200,
        list: Some(("alert_list", "paging_info")),
        body: g_alerts,
    },
    Group {
        tag: "cloud-profiles",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/cloud-profiles",
        status: 200,
        list: Some(("cloud_profile", "paging_info")),
        body: g_cloud_profiles,
    },
    Group {
        tag: "cloud-unit",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/cloud-units",
        status: 200,
        list: Some(("cloud_units", "paging_info")),
        body: g_cloud_unit,
    },
    Group {
        tag: "data-movement",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/data-movement",
        status: 200,
        list: None,
        body: g_data_movement,
    },
    Group {
        tag: "data-movement-policy",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/data-movement-policies",
        status: 200,
        list: Some(("data_movement_policies", "paging_info")),
        body: g_data_movement_policy,
    },
    Group {
        tag: "data-movement-stats-files",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/data-movement/stats/files",
        status: 200,
        list: Some(("data_movement_file_info", "paging_info")),
        body: g_data_movement_stats_files,
    },
    Group {
        tag: "data-movement-stats-mtrees",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/data-movement/stats/mtrees",
        status: 200,
        list: Some(("data_movement_mtree_info", "paging_info")),
        body: g_data_movement_stats_mtrees,
    },
    Group {
        tag: "data-movement-stats-recall",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/data-movement/stats/recall",
        status: 200,
        list: Some(("recall_files_info", "paging_info")),
        body: g_data_movement_stats_recall,
    },
    Group {
        tag: "managed-files",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/file-replications/managed-files/{ID}",
        status: 200,
        list: None,
        body: g_managed_files,
    },
    Group {
        tag: "filesys",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/file-systems",
        status: 200,
        list: None,
        body: g_filesys,
    },
    Group {
        tag: "licenses",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/licenses",
        status: 200,
        list: Some(("license", "paging_info")),
        body: g_licenses,
    },
    Group {
        tag: "mdtags",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/mdtags",
        status: 200,
        list: Some(("object", "paging_info")),
        body: g_mdtags,
    },
    Group {
        tag: "mtrees-id-rlfiles",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/mtrees/{ID}/rlfiles",
        status: 200,
        list: Some(("rlfile", "paging_info")),
        body: g_mtrees_id_rlfiles,
    },
    Group {
        tag: "mtrees-id-stats",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/mtrees/{ID}/stats",
        status: 200,
        list: None,
        body: g_mtrees_id_stats,
    },
    Group {
        tag: "mtrees-id-stats-capacity",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/mtrees/{ID}/stats/capacity",
        status: 200,
        list: Some(("stats_capacity", "paging_info")),
        body: g_mtrees_id_stats_capacity,
    },
    Group {
        tag: "networks",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/networks",
        status: 200,
        list: Some(("network", "paging_info")),
        body: g_networks,
    },
    Group {
        tag: "cifs-shares",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/cifs/shares",
        status: 200,
        list: Some(("share", "paging_info")),
        body: g_cifs_shares,
    },
    Group {
        tag: "ddboost",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/ddboost",
        status: 200,
        list: None,
        body: g_ddboost,
    },
    Group {
        tag: "ddboost-clients",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/ddboost/clients",
        status: 200,
        list: Some(("clients", "paging_info")),
        body: g_ddboost_clients,
    },
    Group {
        tag: "ddboost-users",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/ddboost/users",
        status: 200,
        list: Some(("user", "paging_info")),
        body: g_ddboost_users,
    },
    Group {
        tag: "vdisk-devgrps",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/vdisk/device-groups",
        status: 200,
        list: Some(("device_group", "paging_info")),
        body: g_vdisk_devgrps,
    },
    Group {
        tag: "vdisk-devices",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/vdisk/devices",
        status: 200,
        list: Some(("device", "paging_info")),
        body: g_vdisk_devices,
    },
    Group {
        tag: "vdisk-pools",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/vdisk/pools",
        status: 200,
        list: Some(("pool", "paging_info")),
        body: g_vdisk_pools,
    },
    Group {
        tag: "vdisk-stimgs",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/vdisk/static-images",
        status: 200,
        list: Some(("static_image", "paging_info")),
        body: g_vdisk_stimgs,
    },
    Group {
        tag: "repl-contexts",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/repl-contexts",
        status: 200,
        list: Some(("repl", "paging_info")),
        body: g_repl_contexts,
    },
    Group {
        tag: "scsitgt-access-groups",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/scsi-target/access-groups",
        status: 200,
        list: Some(("access_group", "paging_info")),
        body: g_scsitgt_access_groups,
    },
    Group {
        tag: "scsitgt-endpoints",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/scsi-target/endpoints",
        status: 200,
        list: Some(("endpoint", "paging_info")),
        body: g_scsitgt_endpoints,
    },
    Group {
        tag: "scsitgt-initiators",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/scsi-target/initiators",
        status: 200,
        list: Some(("initiator", "paging_info")),
        body: g_scsitgt_initiators,
    },
    Group {
        tag: "services",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/services",
        status: 200,
        list: None,
        body: g_services,
    },
    Group {
        tag: "services-asup",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/services/asups",
        status: 200,
        list: None,
        body: g_services_asup,
    },
    Group {
        tag: "services-iscsi",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/services/iscsi",
        status: 200,
        list: None,
        body: g_services_iscsi,
    },
    Group {
        tag: "services-license-server",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/services/license-server",
        status: 200,
        list: None,
        body: g_services_license_server,
    },
    Group {
        tag: "mdtags-services",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/services/mdtags",
        status: 200,
        list: None,
        body: g_mdtags_services,
    },
    Group {
        tag: "services-ntp",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/services/ntp",
        status: 200,
        list: None,
        body: g_services_ntp,
    },
    Group {
        tag: "services-snmp",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/services/snmp",
        status: 200,
        list: None,
        body: g_services_snmp,
    },
    Group {
        tag: "settings",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/settings",
        status: 200,
        list: None,
        body: g_settings,
    },
    Group {
        tag: "tenant-units",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/smt/tenant-units",
        status: 200,
        list: Some(("tenant_units", "paging_info")),
        body: g_tenant_units,
    },
    Group {
        tag: "tenants",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/smt/tenants",
        status: 200,
        list: Some(("tenants", "paging_info")),
        body: g_tenants,
    },
    Group {
        tag: "snapshots",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/snapshots",
        status: 200,
        list: Some(("snapshot", "paging_info")),
        body: g_snapshots,
    },
    Group {
        tag: "stats",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/stats",
        status: 200,
        list: None,
        body: g_stats,
    },
    Group {
        tag: "comp-measurements",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/stats/compression/measurements",
        status: 200,
        list: Some(("measurement", "paging_info")),
        body: g_comp_measurements,
    },
    Group {
        tag: "comp-measurements-support-check",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/stats/compression/measurements-support-check",
        status: 200,
        list: None,
        body: g_comp_measurements_support_check,
    },
    Group {
        tag: "stats-file-replications",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/stats/file-replications/{ID}",
        status: 200,
        list: Some(("context", "paging_info")),
        body: g_stats_file_replications,
    },
    Group {
        tag: "filesys-stats",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/stats/file-systems",
        status: 200,
        list: None,
        body: g_filesys_stats,
    },
    Group {
        tag: "stats-perf",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/stats/performance",
        status: 200,
        list: Some(("stats_performance", "paging_info")),
        body: g_stats_perf,
    },
    Group {
        tag: "stats-systems-file-replications",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/stats/systems/file-replications",
        status: 200,
        list: None,
        body: g_stats_systems_file_replications,
    },
    Group {
        tag: "stats-upgrades-schedules",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/stats/upgrades/schedules/{ID}",
        status: 200,
        list: Some(("upgrade_schedule_detailed_info", "paging_info")),
        body: g_stats_upgrades_schedules,
    },
    Group {
        tag: "support-bundles",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/supports/support-bundles",
        status: 200,
        list: Some(("support_bundles", "paging_info")),
        body: g_support_bundles,
    },
    Group {
        tag: "upgrades-schedules",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/upgrades/schedules",
        status: 200,
        list: Some(("schedules", "paging_info")),
        body: g_upgrades_schedules,
    },
    Group {
        tag: "config-templates",
        method: "GET",
        pattern: "/rest/v1.0/system/config/templates",
        status: 200,
        list: Some(("config_template", "paging_info")),
        body: g_config_templates,
    },
    Group {
        tag: "profile-access-info",
        method: "GET",
        pattern: "/rest/v1.0/system/vi/access-info",
        status: 200,
        list: Some(("profiles", "paging_info")),
        body: g_profile_access_info,
    },
    Group {
        tag: "resource-profiles",
        method: "GET",
        pattern: "/rest/v1.0/system/vi/resource",
        status: 200,
        list: Some(("resources", "paging_info")),
        body: g_resource_profiles,
    },
    Group {
        tag: "tasks",
        method: "GET",
        pattern: "/rest/v1.0/tasks",
        status: 200,
        list: Some(("task", "paging_info")),
        body: g_tasks,
    },
    Group {
        tag: "network-nic",
        method: "GET",
        pattern: "/rest/v2.0/dd-systems/{SYSTEM-ID}/networks/nics",
        status: 200,
        list: Some(("nics", "paging_info")),
        body: g_network_nic,
    },
    Group {
        tag: "nfs-exports-id-clients",
        method: "GET",
        pattern: "/rest/v2.0/dd-systems/{SYSTEM-ID}/protocols/nfs/exports/{ID}/clients",
        status: 200,
        list: Some(("clients", "paging_info")),
        body: g_nfs_exports_id_clients,
    },
    Group {
        tag: "nfs-exports-id-referrals",
        method: "GET",
        pattern: "/rest/v2.0/dd-systems/{SYSTEM-ID}/protocols/nfs/exports/{ID}/referrals",
        status: 200,
        list: None,
        body: g_nfs_exports_id_referrals,
    },
    Group {
        tag: "services-log",
        method: "GET",
        pattern: "/rest/v2.0/dd-systems/{SYSTEM-ID}/services/logs",
        status: 200,
        list: None,
        body: g_services_log,
    },
    Group {
        tag: "systems",
        method: "GET",
        pattern: "/rest/v2.0/dd-systems/{SYSTEM-ID}/systems",
        status: 200,
        list: None,
        body: g_systems,
    },
    Group {
        tag: "system-repl",
        method: "GET",
        pattern: "/rest/v2.0/dd-systems/{SYSTEM-ID}/systems/stats/repl",
        status: 200,
        list: Some(("system_stats", "paging_info")),
        body: g_system_repl,
    },
    Group {
        tag: "system-space",
        method: "GET",
        pattern: "/rest/v2.0/dd-systems/{SYSTEM-ID}/systems/stats/space",
        status: 200,
        list: Some(("system_stats", "paging_info")),
        body: g_system_space,
    },
    Group {
        tag: "mtree-id-stats-compressions",
        method: "GET",
        pattern: "/rest/v3.0/dd-systems/{SYSTEM-ID}/mtrees/{ID}/stats/compressions",
        status: 200,
        list: None,
        body: g_mtree_id_stats_compressions,
    },
    Group {
        tag: "stats-performances-mtrees",
        method: "GET",
        pattern: "/rest/v3.0/dd-systems/{SYSTEM-ID}/stats/performances/mtrees/{ID}",
        status: 200,
        list: Some(("mtree_show_perf_detail", "paging_info")),
        body: g_stats_performances_mtrees,
    },
    Group {
        tag: "appliance-pools",
        method: "GET",
        pattern: "/api/v1/appliance-pools",
        status: 200,
        list: Some(("pools", "paging_info")),
        body: g_appliance_pools,
    },
    Group {
        tag: "stats-capacities",
        method: "GET",
        pattern: "/api/v1/dd-systems/stats/capacities",
        status: 200,
        list: Some(("systems", "pagingInfo")),
        body: g_stats_capacities,
    },
    Group {
        tag: "filesys-block-storage",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/file-systems/block-storages",
        status: 200,
        list: None,
        body: g_filesys_block_storage,
    },
    Group {
        tag: "filesys-object-store",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/file-systems/object-stores",
        status: 200,
        list: None,
        body: g_filesys_object_store,
    },
    Group {
        tag: "filesys-object-stores-aws",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/file-systems/object-stores/aws",
        status: 200,
        list: None,
        body: g_filesys_object_stores_aws,
    },
    Group {
        tag: "cifs-auth",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/protocols/cifs/auth",
        status: 200,
        list: None,
        body: g_cifs_auth,
    },
    Group {
        tag: "storage-disks",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/storage/disks",
        status: 200,
        list: Some(("diskInfo", "paging_info")),
        body: g_storage_disks,
    },
    Group {
        tag: "supports-cloudiq",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/supports/cloudiq",
        status: 200,
        list: None,
        body: g_supports_cloudiq,
    },
    Group {
        tag: "users-id-pre-check",
        method: "POST",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/users/{ID}/pre-check",
        status: 201,
        list: None,
        body: g_users_id_pre_check,
    },
    Group {
        tag: "sites",
        method: "GET",
        pattern: "/api/v1/sites",
        status: 200,
        list: Some(("sites", "paging_info")),
        body: g_sites,
    },
    Group {
        tag: "config-template-audits",
        method: "GET",
        pattern: "/api/v1/system/config/template-audits/{ID}",
        status: 200,
        list: None,
        body: g_config_template_audits,
    },
    Group {
        tag: "config-template-audit-histories",
        method: "GET",
        pattern: "/api/v1/system/config/template-audits/histories",
        status: 200,
        list: Some(("ConfigTemplateAuditInfos", "paging")),
        body: g_config_template_audit_histories,
    },
    Group {
        tag: "config-template-audit-schedules",
        method: "GET",
        pattern: "/api/v1/system/config/template-audits/schedules",
        status: 200,
        list: Some(("configTemplateAuditSchedules", "paging_info")),
        body: g_config_template_audit_schedules,
    },
    Group {
        tag: "config-template-features",
        method: "GET",
        pattern: "/api/v1/system/config/templates/features",
        status: 200,
        list: None,
        body: g_config_template_features,
    },
    Group {
        tag: "config-template-apply",
        method: "POST",
        pattern: "/api/v1/system/config/templates/{ID}/apply",
        status: 202,
        list: None,
        body: g_config_template_apply,
    },
    Group {
        tag: "nfs",
        method: "GET",
        pattern: "/api/v2/dd-systems/{SYSTEM-ID}/protocols/nfs",
        status: 200,
        list: None,
        body: g_nfs,
    },
    Group {
        tag: "services-asup-reset",
        method: "POST",
        pattern: "/api/v2/dd-systems/{SYSTEM-ID}/services/asup/reset",
        status: 201,
        list: None,
        body: g_services_asup_reset,
    },
    Group {
        tag: "supports",
        method: "GET",
        pattern: "/api/v2/dd-systems/{SYSTEM-ID}/supports",
        status: 200,
        list: None,
        body: g_supports,
    },
    Group {
        tag: "network-dns-server",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/networks/dns-servers",
        status: 200,
        list: None,
        body: g_network_dns_server,
    },
    Group {
        tag: "network-domain-name",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/networks/domain-names",
        status: 200,
        list: None,
        body: g_network_domain_name,
    },
    Group {
        tag: "network-gateway",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/networks/gateways",
        status: 200,
        list: Some(("defaultGateways", "paging_info")),
        body: g_network_gateway,
    },
    Group {
        tag: "network-host-name",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/networks/host-names",
        status: 200,
        list: None,
        body: g_network_host_name,
    },
    Group {
        tag: "network-interface",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/networks/interfaces",
        status: 200,
        list: Some(("interfaces", "paging_info")),
        body: g_network_interface,
    },
    Group {
        tag: "network-interface-alias",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/networks/interfaces/aliases",
        status: 200,
        list: Some(("aliases", "paging_info")),
        body: g_network_interface_alias,
    },
    Group {
        tag: "network-interface-physical",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/networks/interfaces/physicals",
        status: 200,
        list: Some(("physicalInterfaces", "paging_info")),
        body: g_network_interface_physical,
    },
    Group {
        tag: "network-interface-vlan",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/networks/interfaces/vlans",
        status: 200,
        list: Some(("vlans", "paging_info")),
        body: g_network_interface_vlan,
    },
    Group {
        tag: "network-search-domain",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/networks/search-domains",
        status: 200,
        list: None,
        body: g_network_search_domain,
    },
    Group {
        tag: "stats-perf",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/stats/performance",
        status: 200,
        list: Some(("statsPerformance", "paging_info")),
        body: g_stats_performance_v3,
    },
    Group {
        tag: "analytics",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/analytics/capacity/mtrees",
        status: 200,
        list: Some(("mtreeStats", "pagingInfo")),
        body: g_analytics_mtree,
    },
    Group {
        tag: "authorization-policy",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/authorization/policy-config",
        status: 200,
        list: None,
        body: g_authorization_policy,
    },
    Group {
        tag: "mtree-replications",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/mtree-replications",
        status: 200,
        list: Some(("contexts", "paging_info")),
        body: g_mtree_replication,
    },
    Group {
        tag: "mtree-replications",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/mtree-replications/{ID}",
        status: 200,
        list: None,
        body: g_mtree_replication,
    },
    Group {
        tag: "update-packages",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/updates/packages",
        status: 200,
        list: Some(("packages", "paging_info")),
        body: g_update_package,
    },
    Group {
        tag: "updates",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/updates/status",
        status: 200,
        list: None,
        body: g_update_status,
    },
    Group {
        tag: "ifgroups",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/protocols/ifgroups",
        status: 200,
        list: Some(("groupInfos", "paging_info")),
        body: g_ifgroup,
    },
    Group {
        tag: "cifs",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/protocols/cifs/status",
        status: 200,
        list: None,
        body: g_cifs_status,
    },
    Group {
        tag: "ha",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/ha",
        status: 200,
        list: None,
        body: g_ha,
    },
    Group {
        tag: "qat",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/qat",
        status: 200,
        list: None,
        body: g_qat,
    },
    Group {
        tag: "managing-hosts",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/managing-hosts",
        status: 200,
        list: None,
        body: g_managing_hosts,
    },
    Group {
        tag: "adminaccess",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/adminaccess/option-config",
        status: 200,
        list: None,
        body: g_admin_access,
    },
    Group {
        tag: "ipmi",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/ipmis/config",
        status: 200,
        list: None,
        body: g_ipmi,
    },
    Group {
        tag: "activities",
        method: "GET",
        pattern: "/api/v2/dd-systems/{SYSTEM-ID}/activities",
        status: 200,
        list: Some(("activities", "paging_info")),
        body: g_activity,
    },
    Group {
        tag: "storages",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/storages",
        status: 200,
        list: Some(("StoragesInfo", "paging_info")),
        body: g_storage,
    },
    Group {
        tag: "storages",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/storages/status",
        status: 200,
        list: None,
        body: g_storage_status,
    },
    Group {
        tag: "support-assist",
        method: "GET",
        pattern: "/api/v1/dd-systems/{SYSTEM-ID}/supports/support-assist",
        status: 200,
        list: None,
        body: g_support_assist,
    },
    Group {
        tag: "cloud-providers",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/cloud-providers",
        status: 200,
        list: Some(("cloudProviders", "paging_info")),
        body: g_cloud_providers,
    },
    Group {
        tag: "cloud-profiles",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/cloud-profiles",
        status: 200,
        list: Some(("cloudProfiles", "paging_info")),
        body: g_cloud_profiles_v3,
    },
    Group {
        tag: "clouds",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/clouds",
        status: 200,
        list: None,
        body: g_clouds,
    },
    Group {
        tag: "filesys-encryption",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/file-systems/encryptions",
        status: 200,
        list: None,
        body: g_filesys_encryption,
    },
    Group {
        tag: "filesys-encryption",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/file-systems/encryptions/key-managers",
        status: 200,
        list: None,
        body: g_encryption_key_manager,
    },
    Group {
        tag: "filesys-encryption-keys",
        method: "GET",
        pattern: "/rest/v1.0/dd-systems/{SYSTEM-ID}/file-systems/encryptions/keys",
        status: 200,
        list: Some(("keys_info", "paging_info")),
        body: g_encryption_keys,
    },
    Group {
        tag: "trust",
        method: "GET",
        pattern: "/rest/v1.0/trust",
        status: 200,
        list: None,
        body: g_trust,
    },
    Group {
        tag: "sso-registration",
        method: "POST",
        pattern: "/api/v1/iam/sso-registration",
        status: 201,
        list: None,
        body: g_iam_sso_registration,
    },
    Group {
        tag: "retention-lock",
        method: "POST",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/systems/retention-lock-governance/security-auth/enable",
        status: 200,
        list: None,
        body: g_retention_lock_governance,
    },
    Group {
        tag: "users",
        method: "GET",
        pattern: "/api/v3/dd-systems/{SYSTEM-ID}/users/{ID}",
        status: 200,
        list: None,
        body: g_user_v3,
    },
    Group {
        tag: "mtrees",
        method: "GET",
        pattern: "/api/v4/dd-systems/{SYSTEM-ID}/mtrees/{ID}",
        status: 200,
        list: None,
        body: g_mtree_v4,
    },
];

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/cloud-providers` (cloud-providers): one provider per item.
fn g_cloud_providers(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let (code, name, class) = [
        ("aws", "Amazon Web Services S3", "STANDARD"),
        ("azure", "Microsoft Azure Storage", "Hot"),
        ("google", "Google Cloud Storage", "NEARLINE"),
        ("s3_flexible", "S3 compatible", "STANDARD"),
        ("alibabacloud", "Alibaba Cloud OSS", "Standard"),
    ][i % 5];
    json!({
        "code": code,
        "name": name,
        "storageClasses": [{
            "name": format!("{class} storage"),
            "code": class,
            "regions": [{"code": "eu-west-1", "name": "Europe (Ireland)"}, {"code": "us-east-2", "name": "US East (Ohio)"}]
        }],
        "accountTypes": [{"code": "standard", "name": "Standard account"}],
        "link": {"rel": "self", "href": format!("/api/v3/dd-systems/{sys}/cloud-providers")}
    })
}

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/cloud-profiles` (cloud-profiles, DD OS 8.x camelCase):
/// an AWS profile behind a proxy. Answers hold the proxy password as the system keeps it.
fn g_cloud_profiles_v3(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let classes = json!({"storageClasses": [{"name": "Standard-IA", "code": "STANDARD_IA", "regions": [{"code": "eu-west-1", "name": "Europe (Ireland)"}]}]});
    json!({
        "id": format!("cloud-profile-v3-{i}"),
        "details": {
            "name": format!("archive-{i}"),
            "cloudProvider": "aws",
            "proxy": {"hostname": "proxy.example.com", "port": 3128, "username": "ddproxy", "password": "Sim-proxy-pw"},
            "aws": {"region": "eu-west-1", "storageClass": "STANDARD", "modifiableTargetedStorageClasses": classes.clone()},
            "s3_flexible": {"s3ProviderName": "minio", "s3SignatureVersion": "v4", "region": "local", "endpoint": "https://s3.example.com", "storageClass": "STANDARD", "modifiableTargetedStorageClasses": classes},
            "azure": {"accountName": "ddarchive", "primaryKey": "Sim-azure-key", "accountType": "BlobStorage"},
            "ecs": {"endpoint": "https://ecs.example.com:9021"},
            "awsC2S": {"capUrl": "https://cap.example.com", "endpoint": "https://s3.c2s.example.com", "region": "us-iso-east-1", "agency": "ag", "mission": "ms", "role": "dd", "keyRotationDuration": 60, "storageClass": "STANDARD"}
        },
        "link": {"rel": "self", "href": format!("/api/v3/dd-systems/{sys}/cloud-profiles/cloud-profile-v3-{i}")}
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/clouds` (clouds).
fn g_clouds(_c: &Ctx, _i: usize) -> Value {
    json!({"status": "enabled"})
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/file-systems/encryptions` (filesys-encryption): the
/// active tier encrypted with AES-256-GCM, keys from an external key manager.
fn g_filesys_encryption(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "encryption_info": [
            {"enabled": true, "tier": "active", "unit_name": ""},
            {"enabled": false, "tier": "cloud_unit", "unit_name": "cu-archive"}
        ],
        "algorithm_info": {"algorithm_status": "applied", "algorithm": "aes_256_gcm"},
        "filesys_lock_info": "unlocked",
        "key_manager_in_use": "KeySecure",
        "key_manager_server": "kms.example.com",
        "key_manager_port": 5696,
        "key_manager_fips_mode": "enable",
        "key_manager_key_class": "dd-keys",
        "key_manager_kmip_user": "ddkmip",
        "key_rotation_period": {"frequency": 3, "interval": "months"},
        "last_key_rotation_date": 1_764_547_200_i64,
        "next_key_rotation_date": 1_772_323_200_i64,
        "key_rotation_without_fs_restart": true,
        "system_wide_encryption": false,
        "cloud_tier_wide_encryption": false,
        "active_tier_wide_encryption": true,
        "action_needed": "none",
        "abort_or_apply_change_status": "none",
        "link": [{"rel": "self", "href": format!("/rest/v1.0/dd-systems/{sys}/file-systems/encryptions")}]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/file-systems/encryptions/key-managers`
/// (filesys-encryption).
fn g_encryption_key_manager(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "key_manager": "KeySecure",
        "key_manager_status": "online",
        "key_manager_info": {
            "key_manager_server": "kms.example.com",
            "key_manager_port": 5696,
            "key_manager_fips_mode": "enable",
            "key_manager_key_class": "dd-keys",
            "key_manager_server_type": "KeySecure",
            "key_manager_kmip_user": "ddkmip",
            "key_rotation_policy": {"frequency": 12, "interval": "weeks"}
        },
        "last_key_rotation_date": 1_764_547_200_i64,
        "next_key_rotation_date": 1_771_804_800_i64,
        "action_needed": "none",
        "link": [{"rel": "self", "href": format!("/rest/v1.0/dd-systems/{sys}/file-systems/encryptions/key-managers")}]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/file-systems/encryptions/keys`
/// (filesys-encryption-keys): key `i`, the first one active.
fn g_encryption_keys(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("key-{}", i + 1),
        "cp_name": "active-tier",
        "key_id": format!("{}", i + 1),
        "key_muid": format!("9f1c{:028x}", i + 1),
        "key_state": if i == 0 { "Activated-RW" } else { "Activated-RO" },
        "key_size_post_comp": 41_943_040_i64 * (i as i64 + 1),
        "key_status": ["in-use"],
        "key_plugin": "KeySecure",
        "key_create_epoch": 1_733_011_200_i64 + i as i64 * 86_400,
        "key_start_epoch": 1_733_011_200_i64 + i as i64 * 86_400,
        "key_end_epoch": 0,
        "link": [{"rel": "self", "href": format!("/rest/v1.0/dd-systems/{sys}/file-systems/encryptions/keys/key-{}", i + 1)}]
    })
}

/// `GET /rest/v1.0/trust` (trust): this system's certificate (our own placeholder text).
fn g_trust(_c: &Ctx, _i: usize) -> Value {
    json!({
        "cert": "-----BEGIN CERTIFICATE-----\nU2ltdWxhdG9yIGNlcnRpZmljYXRl\n-----END CERTIFICATE-----\n",
        "fp": "3A:9C:11:5E:07:D2:8B:40:6F:E1:92:AC:55:0B:7D:C3:18:E6:24:9F"
    })
}

/// `POST /api/v1/iam/sso-registration` (sso-registration): the registration created, with the
/// registration access token the IAM service hands out.
fn g_iam_sso_registration(_c: &Ctx, _i: usize) -> Value {
    json!({
        "id": "dd-sso-client-7",
        "clientId": "dd-prod-01",
        "redirectUrl": "https://dd-prod-01.example.com/ddem/login",
        "oAuth2ServerUrl": "https://iam.example.com/oauth2",
        "clientName": "PowerProtect DD",
        "isPublic": false,
        "isEnabled": true,
        "callbackUrl": "https://dd-prod-01.example.com/ddem/callback",
        "tokenExpirationTimeInSecs": 3600,
        "tokenEndpointAuthMethod": "client_secret_basic",
        "tokenEndPointAuthSigningAlgo": "RS256",
        "idTokenSignedResponseAlgo": "RS256",
        "registrationAccessToken": SIM_REGISTRATION_TOKEN,
        "link": [{"rel": "self", "href": "/api/v1/iam/sso-registration/dd-sso-client-7"}]
    })
}

/// `POST /api/v3/dd-systems/{SYSTEM-ID}/systems/retention-lock-governance/security-auth/enable`
/// (retention-lock): only with [`SECURITY_OFFICER`] in `X-DD-SEC-OFFICER` (see `handle`).
fn g_retention_lock_governance(_c: &Ctx, _i: usize) -> Value {
    json!({"soAuthStatus": [{"operation": "REVERT", "securityAuth": "ENABLED"}]})
}

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/users/{ID}` (users, DD OS 8.x camelCase).
fn g_user_v3(c: &Ctx, _i: usize) -> Value {
    let (sys, name) = (c.id, c.item);
    json!({
        "id": name,
        "name": name,
        "type": "local",
        "lastLoginFrom": "10.20.30.40",
        "lastLoginTime": "Mon Dec  1 09:12:44 2026",
        "uid": 502,
        "forcePasswordChange": false,
        "age": {
            "last_change_days": 20_420, "min_days_between_change": 0, "max_days_between_change": 90,
            "warn_days_before_expire": 7, "disable_days_after_expire": 0, "disable_date_days": 0, "acct_status": 0
        },
        "recoveryEmail": format!("{name}@example.com"),
        "link": [{"rel": "self", "href": format!("/api/v3/dd-systems/{sys}/users/{name}")}]
    })
}

/// `GET /api/v4/dd-systems/{SYSTEM-ID}/mtrees/{ID}` (mtrees, DD OS 8.x camelCase): a
/// governance retention-locked MTree exported over DD Boost, degraded by one node.
fn g_mtree_v4(c: &Ctx, _i: usize) -> Value {
    let (sys, id) = (c.id, c.item);
    let cap = |total: i64, used: i64| json!({"total": total, "used": used, "available": total - used, "cleanable": used / 50});
    json!({
        "id": id,
        "name": "/data/col1/boost-su1",
        "dataAccessIp": "10.20.30.41",
        "dataAvailability": "partial",
        "isDegraded": "degraded",
        "degradedBy": {"ips": ["10.20.30.42"]},
        "deletable": "deletable",
        "delStatus": "not-deleted",
        "roStatus": "read-write",
        "dataType": {"data_type_string": "local", "data_type_int": 0},
        "replicationInfo": {"repl_destination_hostnames": ["dd-dr-01.example.com"]},
        "replDestination": "not-replication-destination",
        "mtreeRlDetail": {
            "rl_status": "enabled", "rl_mode": "governance", "rl_min_period": 43_200, "rl_max_period": 157_680_000,
            "auto_retention_period": 0, "auto_lock_delay": 7_200, "rl_uuid": "0d6c1b2a",
            "indefinite_retention_hold": {"status": "DISABLED", "since": ""}
        },
        "appOptimizedCompression": "GLOBAL",
        "tenant": "finance",
        "tenantUnit": "finance-tu1",
        "physicalCapacity": cap(4 * TIB, TIB),
        "logicalCapacity": cap(40 * TIB, 12 * TIB),
        "capacityUsageDetails": [{"tier": "active", "physical_capacity": cap(4 * TIB, TIB), "logical_capacity": cap(40 * TIB, 12 * TIB), "compression_factor": 12.0}],
        "quotaConfig": {"hard_limit": 50 * TIB, "soft_limit": 45 * TIB},
        "protocolConfig": ["DD Boost"],
        "link": [{"rel": "self", "href": format!("/api/v4/dd-systems/{sys}/mtrees/{id}")}]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/supports/support-assist` (support-assist): through a
/// gateway.
fn g_support_assist(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "remoteAccessEnabled": false,
        "connectionState": "CONNECTED",
        "useGateways": true,
        "gatewayEndpoints": [{"url": "https://sa-gateway.example.com:9443", "enabled": true, "useProxy": false, "priority": 1}],
        "hardReset": false,
        "link": [{"rel": "self", "href": format!("/api/v1/dd-systems/{sys}/supports/support-assist")}]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/storages` (storages): one disk.
fn g_storage(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("dev{}", i + 1),
        "slot": format!("1.{}", i + 1),
        "diskState": if i == 0 { "SYSTEM" } else { "INUSE" },
        "manufacturerModel": "HDD-8TB",
        "firmware": "A3C1",
        "serialNumber": format!("ZA{:06}", 1000 + i),
        "capacityInBytes": 8_001_563_222_016_i64,
        "type": "SAS",
        "partNumber": "005053000",
        "link": [{"rel": "self", "href": format!("/api/v1/dd-systems/{sys}/storages/dev{}", i + 1)}]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/storages/status` (storages).
fn g_storage_status(_c: &Ctx, _i: usize) -> Value {
    json!({
        "statusMessage": "Storage is healthy",
        "licenses": [{"name": "CAPACITY-ACTIVE", "model": "DDVE", "totalInGib": 16_384, "usedInGib": 4_096}],
        "capacities": [{"tier": "active", "currentCapacityInGib": 4_096, "availableCapacityInGib": 12_288, "maxCapacityInGib": 16_384, "physicalCapacityInGib": 4_300}]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/adminaccess/option-config` (adminaccess).
fn g_admin_access(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "loginMaxAttemptsCount": 4,
        "link": [{"rel": "self", "href": format!("/api/v1/dd-systems/{sys}/adminaccess/option-config")}]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/ipmis/config` (ipmi): flags as strings, as Dell documents.
fn g_ipmi(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "object": [{
            "portName": "bmc0",
            "portEnabled": "true",
            "dhcpEnabled": "false",
            "ipAddress": "198.51.100.20",
            "netmask": "255.255.255.0",
            "gateway": "198.51.100.1",
            "link": [{"rel": "self", "href": format!("/api/v1/dd-systems/{sys}/ipmis/bmc0")}]
        }]
    })
}

/// `GET /api/v2/dd-systems/{SYSTEM-ID}/activities` (activities).
fn g_activity(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let n = i as i64;
    json!({
        "id": format!("activity-{i}"),
        "creationEpoch": 1_790_000_000 + n,
        "startEpoch": 1_790_000_010 + n,
        "updateEpoch": 1_790_000_500 + n,
        "completionEpoch": 1_790_001_000 + n,
        "category": if i.is_multiple_of(2) { "GARBAGE_COLLECTION" } else { "DATA_MOVEMENT" },
        "name": format!("activity {i}"),
        "progressPercent": 100,
        "status": "SUCCESS",
        "owner": "sysadmin",
        "errorMessage": "",
        "link": [{"rel": "self", "href": format!("/api/v2/dd-systems/{sys}/activities/activity-{i}")}]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/protocols/cifs/status` (cifs).
fn g_cifs_status(c: &Ctx, _i: usize) -> Value {
    json!({"id": c.id, "status": "ENABLED"})
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/ha` (ha): an active node with one failover behind it.
fn g_ha(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    let host = c.host;
    json!({
        "haInfo": {
            "role": "active",
            "mode": "active-standby",
            "nodeName": "node0",
            "state": "highly available",
            "originHostname": host,
            "systemId": c.uuid,
            "peerInfo": {"chassisno": "CHS-0002", "serialno": "SN-0002", "ip": "192.0.2.51", "nodeName": "node1", "state": "standby", "originHostname": "dd-peer.example.com"},
            "failoverHistory": [{"reason": "planned", "startEpoch": 1_789_500_000, "endEpoch": 1_789_500_240, "status": "GOOD"}]
        },
        "createPrecheck": [{"component": "interconnect", "status": "ok", "action": "none"}],
        "link": [{"rel": "self", "href": format!("/api/v1/dd-systems/{sys}/ha")}]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/qat` (qat).
fn g_qat(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "qat": [{
            "device": "qat0",
            "vendor": "Intel",
            "fwVer": "4.22.0",
            "slot": "3",
            "cpuSocket": "0",
            "accDev": [{"bdf": "0000:6b:00.0", "status": "up"}, {"bdf": "0000:6b:00.1", "status": "up"}]
        }],
        "link": [{"rel": "self", "href": format!("/api/v1/dd-systems/{sys}/qat")}]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/managing-hosts` (managing-hosts): this simulator.
fn g_managing_hosts(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "managingHosts": [{
            "id": "ddmc-sim",
            "host": "ddmc-sim.example.com",
            "port": 3009,
            "managedSinceEpoch": 1_780_000_000,
            "lastContactEpoch": 1_790_000_000,
            "dataCenterUuid": "dc-0001",
            "systemPoolUuids": ["pool-0001"],
            "link": {"rel": "self", "href": format!("/api/v1/dd-systems/{sys}/managing-hosts/ddmc-sim")}
        }]
    })
}

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/stats/performance` (stats-perf, DD OS 8.x).
fn g_stats_performance_v3(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let n = i as i64;
    json!({
        "collectionEpoch": 1_790_000_000 + 300 * n,
        "state": "ONLINE",
        "averageCpuUtilization": 12 + n % 50,
        "throughput": {"read": 104_857_600.5, "write": 52_428_800.25, "replicationIn": 0.0, "replicationOut": 1_048_576.0},
        "iops": {"total": 900 + n, "readSequential": 400, "readRandom": 100, "writeSequential": 350, "writeRandom": 50 + n},
        "protocolLatency": {"average": 1.75, "readSequential": 1.5, "readRandom": 3.25, "writeSequential": 1.0, "writeRandom": 2.5},
        "streams": {"readSequential": 4, "readRandom": 1, "writeSequential": 8, "writeRandom": 0, "readReopened": 0, "writeReopened": 1, "replicationIn": 0, "replicationOut": 2},
        "objectStoreThroughput": {"get": 0.0, "put": 2_097_152.0},
        "objectStoreLatency": {"get": 12, "put": 30, "delete": 5},
        "objectStoreIops": {"get": 0.5, "put": 14.0, "delete": 0.25},
        "link": [{"rel": "self", "href": format!("/api/v3/dd-systems/{sys}/stats/performance")}]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/analytics/capacity/mtrees` (analytics, DD OS 8.x).
fn g_analytics_mtree(_c: &Ctx, i: usize) -> Value {
    let n = i as i64;
    json!({
        "mtreeName": format!("/data/col1/analytics{i}"),
        "logicalSizeInBytes": (n + 1) * TIB,
        "metadataInBytes": (n + 1) * 1_073_741_824,
        "physicalSizeInBytes": (n + 1) * TIB / 8,
        "uniqueSizeInBytes": (n + 1) * TIB / 20,
        "localCompression": 1.9,
        "globalCompression": 4.2,
        "uniqueness": 5 + i % 90,
        "totalFiles": 10_000 + n * 37
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/authorization/policy-config` (authorization-policy).
fn g_authorization_policy(_c: &Ctx, _i: usize) -> Value {
    json!({"Status": "DISABLED"})
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/mtree-replications[/{ID}]` (mtree-replications): a
/// context with a single `link` object, as Dell's 8.7 document shows.
fn g_mtree_replication(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let host = c.host;
    let id = if c.item.is_empty() {
        format!("rctx%3A%2F%2F{i}")
    } else {
        c.item.to_string()
    };
    json!({
        "id": id,
        "mode": if i.is_multiple_of(2) { "SOURCE" } else { "TARGET" },
        "state": "NORMAL",
        "enabled": true,
        "needResync": false,
        "connected": true,
        "connHost": "dd-target.example.com",
        "sourceHost": host,
        "destinationHost": "dd-target.example.com",
        "sourceMtreePath": format!("/data/col1/repl{i}"),
        "destinationMtreePath": format!("/data/col1/repl{i}-copy"),
        "connEpoch": 1_789_000_000,
        "syncEpoch": 1_790_000_000,
        "encryption": true,
        "authentication": "TWO_WAY",
        "propagateRetentionLock": false,
        "maxReplStreams": 16,
        "errorMessage": "",
        "link": {"rel": "self", "href": format!("/api/v1/dd-systems/{sys}/mtree-replications/{id}")}
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/updates/packages` (update-packages).
fn g_update_package(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("pkg-{i}"),
        "name": format!("ddos-8.7.0.{i}-1234567.rpm"),
        "sizeInBytes": 3_221_225_472_i64 + i as i64,
        "type": "SYSTEM",
        "class": "PRODUCTION",
        "version": format!("8.7.0.{i}"),
        "link": [{"rel": "self", "href": format!("/api/v1/dd-systems/{sys}/updates/packages/pkg-{i}")}]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/updates/status` (updates): a finished precheck.
fn g_update_status(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "operation": "PRECHECK",
        "fromVersion": "8.6.0.10",
        "toVersion": "8.7.0.0",
        "endEpoch": 1_790_000_600,
        "package": "ddos-8.7.0.0-1234567.rpm",
        "status": "SUCCEEDED",
        "nodeProgresses": [{
            "nodeId": 0,
            "phase": "precheck",
            "phaseMessage": "Precheck completed",
            "statusDetails": "1 warning",
            "issues": [{"severity": "WARNING", "issue": "Cleaning is running", "solution": "Let cleaning finish before the update"}]
        }],
        "link": [{"rel": "self", "href": format!("/api/v1/dd-systems/{sys}/updates/status")}]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/protocols/ifgroups` (ifgroups).
fn g_ifgroup(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let href = format!("/api/v1/dd-systems/{sys}/protocols/ifgroups/{i}");
    json!({
        "id": format!("{i}"),
        "name": format!("ifgroup{i}"),
        "status": "IFGROUP_STATUS_ENABLED",
        "interfaces": [{"id": format!("{i}-if0"), "ifgroupID": format!("{i}"), "ipAddress": format!("192.0.2.{}", 10 + i), "links": [{"rel": "self", "href": href.clone()}]}],
        "clients": [{"id": format!("{i}-cl0"), "ifgroupID": format!("{i}"), "ddboostClient": format!("media{i}.example.com"), "links": [{"rel": "self", "href": href.clone()}]}],
        "replications": [{"id": format!("{i}-re0"), "ifgroupID": format!("{i}"), "mtree": "/data/col1/repl0", "remoteHost": "dd-target.example.com", "links": [{"rel": "self", "href": href.clone()}]}],
        "links": [{"rel": "self", "href": href}]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/alerts` (alerts).
fn g_alerts(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let host = c.host;
    json!({
        "id": format!("alerts-{i}"),
        "alert_id": format!("alerts-{i}"),
        "object_id": format!("alerts-{i}"),
        "event_id": format!("alerts-{i}"),
        "name": format!("alerts-{i}"),
        "alert_gen_epoch": 1_790_000_000,
        "clear_epoch": 1_790_000_000,
        "msg": format!("alerts event {i} on {host}"),
        "additional_info": "none",
        "clear_additional_info": "none",
        "status": "active",
        "class": "Cifs",
        "severity": "DEBUG",
        "action": "Check the system status and retry.",
        "description": format!("alerts {i}, managed by DDMC"),
        "node_id": 7,
        "system_name": format!("{host}"),
        "timezone": "UTC",
        "tenant_name": format!("alerts-{i}"),
        "ha_system_name": format!("alerts-{i}"),
        "updated_epoch": 1_790_000_100,
        "snmp_notification_oid": "1.3.6.1.4.1.19746.2.0.1",
        "partName": "Disk 1.3",
        "partType": "Disk",
        "partModel": "HDD-8TB",
        "partError": "",
        "partIdentifiers": [{"partIdType": "Index", "partIdValue": "1.3"}],
        "link": [{
            "rel": "self",
            "title": "alerts",
            "href": format!("/rest/v1.0/dd-systems/{sys}/alerts/alerts-{i}")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/cloud-profiles` (cloud-profiles).
fn g_cloud_profiles(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("aws-profile-{i}"),
        "name": format!("aws-profile-{i}"),
        "cloud_provider": "aws",
        "link": {
            "rel": "self",
            "title": "cloud profiles",
            "href": format!("/rest/v1.0/dd-systems/{sys}/cloud-profiles/cloud-profiles-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/cloud-units` (cloud-unit).
fn g_cloud_unit(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("cloud-unit-{i}"),
        "name": format!("cloud-unit-{i}"),
        "profile_name": format!("cloud-unit-{i}"),
        "state": "ACTIVE",
        "provider_name": "AWS",
        "link": {
            "rel": "self",
            "title": "cloud unit",
            "href": format!("/rest/v1.0/dd-systems/{sys}/cloud-units/cloud-unit-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/data-movement` (data-movement).
fn g_data_movement(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "operation_info": "apply",
        "throttle": 7,
        "schedule": {
            "days": "Sun",
            "time_hour": "2026-11-20T08:15:00Z",
            "time_min": "2026-11-20T08:15:00Z",
            "repeat_every_n_weeks": 7
        },
        "status": {
            "start_time": 1_790_000_000,
            "end_time": 1_790_000_000,
            "mode": "none",
            "state": "starting",
            "postcomp_bytes": 12 * TIB,
            "precomp_bytes": 12 * TIB,
            "files_inspected": 7,
            "files_eligible": 7,
            "files_moved": 7,
            "files_failed": 7,
            "elapsed_time": 1_790_000_000,
            "percent_complete": 42,
            "phase_name": format!("data-movement-{i}"),
            "phase_elapsed_time": 1_790_000_000,
            "phase_percent_complete": 42,
            "suspended_by": "user"
        },
        "link": [{
            "rel": "self",
            "title": "data movement",
            "href": format!("/rest/v1.0/dd-systems/{sys}/data-movement")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/data-movement-policies` (data-movement-policy).
fn g_data_movement_policy(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("data-movement-policy-{i}"),
        "mtree_name": format!("/data/col1/backup{i}"),
        "cloud_unit_name": format!("data-movement-policy-{i}"),
        "link": {
            "rel": "self",
            "title": "data movement policy",
            "href": format!("/rest/v1.0/dd-systems/{sys}/data-movement-policies/data-movement-policy-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/data-movement/stats/files` (data-movement-stats-files).
fn g_data_movement_stats_files(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("data-movement-stats-files-{i}"),
        "file": format!("/data/col1/backup{i}"),
        "file_size": 12 * TIB,
        "precomp_bytes_moved": 12 * TIB,
        "destination_cloud_unit": "GiB",
        "elapsed_time": 1_790_000_000,
        "link": {
            "rel": "self",
            "title": "data movement stats files",
            "href": format!("/rest/v1.0/dd-systems/{sys}/data-movement/stats/files/data-movement-stats-files-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/data-movement/stats/mtrees` (data-movement-stats-mtrees).
fn g_data_movement_stats_mtrees(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("data-movement-stats-mtrees-{i}"),
        "mtree": format!("/data/col1/backup{i}"),
        "files_inspected": 7,
        "files_eligible": 7,
        "files_moved": 7,
        "files_failed": 7,
        "precomp_bytes_moved": 12 * TIB,
        "postcomp_bytes_moved": 12 * TIB,
        "destination_cloud_unit": "GiB",
        "elapsed_time": 1_790_000_000,
        "is_migrating": true,
        "link": {
            "rel": "self",
            "title": "data movement stats mtrees",
            "href": format!("/rest/v1.0/dd-systems/{sys}/data-movement/stats/mtrees/data-movement-stats-mtrees-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/data-movement/stats/recall` (data-movement-stats-recall).
fn g_data_movement_stats_recall(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("data-movement-stats-recall-{i}"),
        "file": format!("/data/col1/backup{i}"),
        "status": "running",
        "physical_bytes": 12 * TIB,
        "logical_bytes": 12 * TIB,
        "queued_time": 1_790_000_000,
        "start_time": 1_790_000_000,
        "end_time": 1_790_000_000,
        "unit_name": format!("data-movement-stats-recall-{i}"),
        "logical_file_size": 12 * TIB,
        "link": {
            "rel": "self",
            "title": "data movement stats recall",
            "href": format!("/rest/v1.0/dd-systems/{sys}/data-movement/stats/recall/data-movement-stats-recall-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/file-replications/managed-files/{ID}` (managed-files).
fn g_managed_files(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let host = c.host;
    json!({
        "id": format!("managed-files-{i}"),
        "status": "ok",
        "target_hostname": format!("{host}"),
        "target_path": format!("/data/col1/backup{i}/db{i}.bak"),
        "bytes_replicated": 12 * TIB,
        "total_bytes": 12 * TIB,
        "replication_error": 7,
        "link": [{
            "rel": "self",
            "title": "managed files",
            "href": format!("/rest/v1.0/dd-systems/{sys}/file-replications/managed-files/managed-files-{i}")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/file-systems` (filesys).
fn g_filesys(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let host = c.host;
    json!({
        "hostname": format!("{host}"),
        "fs_status": "invalid",
        "fs_clean_status": "clean",
        "fs_cleaning_info": {
            "filesys_clean_info": {
                "cleaning_status": "starting",
                "cleaning_dates": {
                    "start_epoch": 1_790_000_000,
                    "end_epoch": 1_790_000_000,
                    "success_epoch": 1_790_000_000
                },
                "is_aborted": true,
                "abort_reason": "none",
                "throttle": 7,
                "schedule": {
                    "occurrence": "never",
                    "days": ["Sun"],
                    "date": 1_790_000_000,
                    "time": "2026-11-20T08:15:00Z",
                    "next_scheduled_epoch": 1_790_000_000
                },
                "operation_status": "apply"
            },
            "cloud_clean_info": {
                "cleaning_status": "starting",
                "cleaning_dates": {
                    "start_epoch": 1_790_000_000,
                    "end_epoch": 1_790_000_000,
                    "success_epoch": 1_790_000_000
                },
                "is_aborted": true,
                "abort_reason": "none",
                "cloud_unit_name": format!("filesys-{i}"),
                "throttle": 7,
                "frequency": 7,
                "operation_status": "apply"
            }
        },
        "fs_uptime_secs": 2_592_000,
        "cm_partitions": {
            "ddvar_total": 12 * TIB,
            "ddvar_used": 12 * TIB,
            "ddvar_avail": 12 * TIB,
            "ddvar_percent_used": 42,
            "db_total": 12 * TIB,
            "db_used": 12 * TIB,
            "db_avail": 12 * TIB,
            "db_percent_used": 42,
            "ddvar_core_total": 12 * TIB,
            "ddvar_core_used": 12 * TIB,
            "ddvar_core_avail": 12 * TIB,
            "ddvar_core_percent_used": 42
        },
        "fs_detailed_space_info": {
            "system_tier_space_info": [{
                "tier": "active",
                "dc_total": 12 * TIB,
                "dc_used": 12 * TIB,
                "dc_avail": 12 * TIB,
                "dc_use": 7,
                "vs_used": 12 * TIB,
                "dc_credit": 7,
                "ddvar_total": 12 * TIB,
                "ddvar_used": 12 * TIB,
                "ddvar_avail": 12 * TIB,
                "ddvar_use": 7,
                "ddvar_core_total": 12 * TIB,
                "ddvar_core_used": 12 * TIB,
                "ddvar_core_avail": 12 * TIB,
                "ddvar_core_use": 7
            }],
            "system_tier_maximum_supported_capacity": [{
                "tier": "active",
                "max_supported_capacity": 2049
            }],
            "node_space_info": [{
                "hostname": format!("{host}"),
                "tier_space_info": [{
                    "tier": "active",
                    "dc_total": 12 * TIB,
                    "dc_used": 12 * TIB,
                    "dc_avail": 12 * TIB,
                    "dc_use": 7,
                    "vs_used": 12 * TIB,
                    "dc_credit": 7,
                    "ddvar_total": 12 * TIB,
                    "ddvar_used": 12 * TIB,
                    "ddvar_avail": 12 * TIB,
                    "ddvar_use": 7,
                    "ddvar_core_total": 12 * TIB,
                    "ddvar_core_used": 12 * TIB,
                    "ddvar_core_avail": 12 * TIB,
                    "ddvar_core_use": 7
                }]
            }]
        },
        "fs_options": [{
            "key": "retention",
            "value": "30d"
        }],
        "link": [{
            "rel": "self",
            "title": "filesys",
            "href": format!("/rest/v1.0/dd-systems/{sys}/file-systems")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/licenses` (licenses).
fn g_licenses(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("licenses-{i}"),
        "feature": "REPLICATION",
        "license_mode": "evaluation",
        "time_left_secs": 2_592_000,
        "total_capacity_byte": 12 * TIB,
        "link": {
            "rel": "self",
            "title": "licenses",
            "href": format!("/rest/v1.0/dd-systems/{sys}/licenses/licenses-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/mdtags` (mdtags).
fn g_mdtags(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("tag-{i}"),
        "namespace": "file",
        "collection": "daily",
        "tagset": [{
            "key": "retention",
            "value": "30d"
        }],
        "link": [{
            "rel": "self",
            "title": "mdtags",
            "href": format!("/rest/v1.0/dd-systems/{sys}/mdtags/mdtags-{i}")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/mtrees/{ID}/rlfiles` (mtrees-id-rlfiles).
fn g_mtrees_id_rlfiles(_c: &Ctx, i: usize) -> Value {
    json!({
        "rl_filepath": format!("/data/col1/backup{i}/db{i}.bak"),
        "enable": "true",
        "expiration_date": 1_790_000_000,
        "mode": "no-mode",
        "state": "unlocked"
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/mtrees/{ID}/stats` (mtrees-id-stats).
fn g_mtrees_id_stats(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "stats": [{
            "resource_name": format!("mtrees-id-stats-{i}"),
            "retention_info": [{
                "data_interval": "hourly",
                "retention_days": 90
            }],
            "link": {
                "rel": "self",
                "title": "mtrees id stats",
                "href": format!("/rest/v1.0/dd-systems/{sys}/mtrees/mtrees-id-stats-{i}/stats")
            }
        }],
        "link": [{
            "rel": "self",
            "title": "mtrees id stats",
            "href": format!("/rest/v1.0/dd-systems/{sys}/mtrees/mtrees-id-stats-{i}/stats")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/mtrees/{ID}/stats/capacity` (mtrees-id-stats-capacity).
fn g_mtrees_id_stats_capacity(_c: &Ctx, _i: usize) -> Value {
    json!({
        "collection_epoch": 1_790_000_000,
        "physical_capacity": {
            "total": 12 * TIB,
            "used": 12 * TIB,
            "available": 12 * TIB
        },
        "logical_capacity": {
            "total": 12 * TIB,
            "used": 12 * TIB,
            "available": 12 * TIB
        },
        "compression_factor": 17.2,
        "data_written": {
            "tier": "active",
            "pre_comp_written": 12 * TIB,
            "post_comp_written": 12 * TIB,
            "compression_factor": 17.2
        },
        "tier_capacity_usage": [{
            "tier": "active",
            "physical_capacity": {
                "total": 12 * TIB,
                "used": 12 * TIB,
                "available": 12 * TIB
            },
            "logical_capacity": {
                "total": 12 * TIB,
                "used": 12 * TIB,
                "available": 12 * TIB
            },
            "compression_factor": 17.2
        }],
        "tier_data_written": [{
            "tier": "active",
            "pre_comp_written": 12 * TIB,
            "post_comp_written": 12 * TIB,
            "compression_factor": 17.2
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/networks` (networks).
fn g_networks(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("ethV{i}"),
        "name": format!("ethV{i}"),
        "link": {
            "rel": "self",
            "title": "networks",
            "href": format!("/rest/v1.0/dd-systems/{sys}/networks/networks-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/cifs/shares` (cifs-shares).
fn g_cifs_shares(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("share{i}"),
        "name": format!("share{i}"),
        "path_status": 7,
        "link": {
            "rel": "self",
            "title": "cifs shares",
            "href": format!("/rest/v1.0/dd-systems/{sys}/protocols/cifs/shares/cifs-shares-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/ddboost` (ddboost).
fn g_ddboost(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "ddboost_status": "disabled",
        "ddboost_options": [{
            "key": "retention",
            "value": "30d"
        }],
        "ddboost_file_replication_options": [{
            "key": "retention",
            "value": "30d"
        }],
        "link": [{
            "rel": "self",
            "title": "ddboost",
            "href": format!("/rest/v1.0/dd-systems/{sys}/protocols/ddboost")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/ddboost/clients` (ddboost-clients).
fn g_ddboost_clients(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("client{i}.example.com"),
        "name": format!("client{i}.example.com"),
        "client_options": [{
            "option": "authentication_mode",
            "value": "none"
        }],
        "link": [{
            "rel": "self",
            "title": "ddboost clients",
            "href": format!("/rest/v1.0/dd-systems/{sys}/protocols/ddboost/clients/ddboost-clients-{i}")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/ddboost/users` (ddboost-users).
fn g_ddboost_users(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("ddboost{i}"),
        "name": format!("ddboost{i}"),
        "link": {
            "rel": "self",
            "title": "ddboost users",
            "href": format!("/rest/v1.0/dd-systems/{sys}/protocols/ddboost/users/ddboost-users-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/vdisk/device-groups` (vdisk-devgrps).
fn g_vdisk_devgrps(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let i2 = i + 16;
    json!({
        "id": format!("devgrp{i}"),
        "guid": format!("50:02:18:30:00:0a:{i2}:01"),
        "name": format!("devgrp{i}"),
        "link": {
            "rel": "self",
            "title": "vdisk devgrps",
            "href": format!("/rest/v1.0/dd-systems/{sys}/protocols/vdisk/device-groups/vdisk-devgrps-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/vdisk/devices` (vdisk-devices).
fn g_vdisk_devices(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let i2 = i + 16;
    json!({
        "id": format!("vdisk-dev{i}"),
        "wwnn": format!("50:02:18:30:00:0a:{i2}:01"),
        "name": format!("vdisk-dev{i}"),
        "link": {
            "rel": "self",
            "title": "vdisk devices",
            "href": format!("/rest/v1.0/dd-systems/{sys}/protocols/vdisk/devices/vdisk-devices-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/vdisk/pools` (vdisk-pools).
fn g_vdisk_pools(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let i2 = i + 16;
    json!({
        "id": format!("vdisk-pool{i}"),
        "guid": format!("50:02:18:30:00:0a:{i2}:01"),
        "name": format!("vdisk-pool{i}"),
        "link": {
            "rel": "self",
            "title": "vdisk pools",
            "href": format!("/rest/v1.0/dd-systems/{sys}/protocols/vdisk/pools/vdisk-pools-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/protocols/vdisk/static-images` (vdisk-stimgs).
fn g_vdisk_stimgs(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let i2 = i + 16;
    json!({
        "id": format!("stimg{i}"),
        "guid": format!("50:02:18:30:00:0a:{i2}:01"),
        "name": format!("stimg{i}"),
        "link": {
            "rel": "self",
            "title": "vdisk stimgs",
            "href": format!("/rest/v1.0/dd-systems/{sys}/protocols/vdisk/static-images/vdisk-stimgs-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/repl-contexts` (repl-contexts).
fn g_repl_contexts(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("repl-contexts-{i}"),
        "ctx": 7,
        "source": format!("/data/col1/backup{i}"),
        "destination": format!("/data/col1/backup{i}"),
        "enabled": "true",
        "link": {
            "rel": "self",
            "title": "repl contexts",
            "href": format!("/rest/v1.0/dd-systems/{sys}/repl-contexts/repl-contexts-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/scsi-target/access-groups` (scsitgt-access-groups).
fn g_scsitgt_access_groups(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("ag-esx-{i}"),
        "name": format!("ag-esx-{i}"),
        "link": {
            "rel": "self",
            "title": "scsitgt access groups",
            "href": format!("/rest/v1.0/dd-systems/{sys}/scsi-target/access-groups/scsitgt-access-groups-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/scsi-target/endpoints` (scsitgt-endpoints).
fn g_scsitgt_endpoints(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("endpoint-fc-{i}"),
        "name": format!("endpoint-fc-{i}"),
        "link": {
            "rel": "self",
            "title": "scsitgt endpoints",
            "href": format!("/rest/v1.0/dd-systems/{sys}/scsi-target/endpoints/scsitgt-endpoints-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/scsi-target/initiators` (scsitgt-initiators).
fn g_scsitgt_initiators(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("initiator-{i}"),
        "name": format!("initiator-{i}"),
        "link": {
            "rel": "self",
            "title": "scsitgt initiators",
            "href": format!("/rest/v1.0/dd-systems/{sys}/scsi-target/initiators/scsitgt-initiators-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/services` (services).
fn g_services(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "services": [{
            "name": "ntp",
            "status": "ok",
            "link": [{
                "rel": "self",
                "title": "services",
                "href": format!("/rest/v1.0/dd-systems/{sys}/services")
            }]
        }],
        "link": [{
            "rel": "self",
            "title": "services",
            "href": format!("/rest/v1.0/dd-systems/{sys}/services")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/services/asups` (services-asup).
fn g_services_asup(_c: &Ctx, i: usize) -> Value {
    json!({
        "schedule": {
            "alerts_summary_schedule": {
                "when": "daily 02:00",
                "time": "2026-11-20T08:15:00Z"
            },
            "asup_detailed_schedule": {
                "when": "daily 02:00",
                "time": "2026-11-20T08:15:00Z"
            }
        },
        "subject-tag": format!("subject-tag {i}"),
        "emails": {
            "alerts_summary_emails": ["storage-admins@example.com"],
            "asup_detailed_emails": ["storage-admins@example.com"]
        },
        "send_report": true
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/services/iscsi` (services-iscsi).
fn g_services_iscsi(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "admin_state": "ok",
        "process_state": "ok",
        "link": [{
            "rel": "self",
            "title": "services iscsi",
            "href": format!("/rest/v1.0/dd-systems/{sys}/services/iscsi")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/services/license-server` (services-license-server).
fn g_services_license_server(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "name": format!("services-license-server-{i}"),
        "port": 2049,
        "link": [{
            "rel": "self",
            "title": "services license server",
            "href": format!("/rest/v1.0/dd-systems/{sys}/services/license-server")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/services/mdtags` (mdtags-services).
fn g_mdtags_services(_c: &Ctx, _i: usize) -> Value {
    json!({
        "admin_state": "enabled",
        "process_state": "unknown"
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/services/ntp` (services-ntp).
fn g_services_ntp(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    let host = c.host;
    json!({
        "current_time_epoch": "2026-11-20T08:15:00Z",
        "synced_time_epoch": "2026-11-20T08:15:00Z",
        "synced_server": "ntp1.example.com",
        "status": "ok",
        "servers": {
            "server": [format!("{host}")]
        },
        "link": [{
            "rel": "self",
            "title": "services ntp",
            "href": format!("/rest/v1.0/dd-systems/{sys}/services/ntp")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/services/snmp` (services-snmp).
fn g_services_snmp(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let host = c.host;
    json!({
        "status": "ok",
        "general_info": {
            "system_contact": "storage-admins@example.com",
            "system_location": "Sim DC",
            "system_notes": "managed by DDMC"
        },
        "v2c_access_hosts": [{
            "community": "GiB",
            "access": "read-only",
            "hosts": [format!("{host}")]
        }],
        "v3_users": [{
            "name": format!("services-snmp-{i}"),
            "access": "read-only",
            "auth_protocol": "MD5",
            "priv_protocol": "AES"
        }],
        "v2c_traphosts": [{
            "trap_host": {
                "host": format!("{host}"),
                "port": 2049
            },
            "community": "GiB"
        }],
        "v3_traphosts": [{
            "trap_host": {
                "host": format!("{host}"),
                "port": 2049
            },
            "user": "sysadmin"
        }],
        "link": [{
            "rel": "self",
            "title": "services snmp",
            "href": format!("/rest/v1.0/dd-systems/{sys}/services/snmp")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/settings` (settings).
fn g_settings(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    let host = c.host;
    json!({
        "admin_email": "storage-admins@example.com",
        "admin_host": format!("{host}"),
        "location": "Sim DC",
        "mail_server": "smtp.example.com",
        "timezone": "UTC",
        "link": [{
            "rel": "self",
            "title": "settings",
            "href": format!("/rest/v1.0/dd-systems/{sys}/settings")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/smt/tenant-units` (tenant-units).
fn g_tenant_units(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let uuid = c.uuid;
    let host = c.host;
    json!({
        "id": format!("tu-finance-{i}"),
        "name": format!("tu-finance-{i}"),
        "uuid": format!("{uuid}"),
        "tenant_name": format!("tenant-units-{i}"),
        "pre_comp_bytes": 12 * TIB,
        "hostname": format!("{host}"),
        "security_mode": "default",
        "number_of_mtrees": 3,
        "link": {
            "rel": "self",
            "title": "tenant units",
            "href": format!("/rest/v1.0/dd-systems/{sys}/smt/tenant-units/tenant-units-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/smt/tenants` (tenants).
fn g_tenants(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let uuid = c.uuid;
    json!({
        "id": format!("tenant-{i}"),
        "name": format!("tenant-{i}"),
        "uuid": format!("{uuid}"),
        "number_of_tenant_units": 3,
        "pre_comp_bytes": 12 * TIB,
        "link": {
            "rel": "self",
            "title": "tenants",
            "href": format!("/rest/v1.0/dd-systems/{sys}/smt/tenants/tenants-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/snapshots` (snapshots).
fn g_snapshots(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("snap-daily-{i}"),
        "name": format!("snap-daily-{i}"),
        "mtree": format!("/data/col1/backup{i}"),
        "status": "expired",
        "link": {
            "rel": "self",
            "title": "snapshots",
            "href": format!("/rest/v1.0/dd-systems/{sys}/snapshots/snapshots-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/stats` (stats).
fn g_stats(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "stats": [{
            "resource_name": format!("stats-{i}"),
            "retention_info": [{
                "data_interval": "hourly",
                "retention_days": 90
            }],
            "link": {
                "rel": "self",
                "title": "stats",
                "href": format!("/rest/v1.0/dd-systems/{sys}/stats")
            }
        }],
        "link": [{
            "rel": "self",
            "title": "stats",
            "href": format!("/rest/v1.0/dd-systems/{sys}/stats")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/stats/compression/measurements` (comp-measurements).
fn g_comp_measurements(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("measurement-{i}"),
        "measurement_id": 7,
        "link": [{
            "rel": "self",
            "title": "comp measurements",
            "href": format!("/rest/v1.0/dd-systems/{sys}/stats/compression/measurements/comp-measurements-{i}")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/stats/compression/measurements-support-check` (comp-measurements-support-check).
fn g_comp_measurements_support_check(_c: &Ctx, _i: usize) -> Value {
    json!({
        "is_compression_measurement_supported": true
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/stats/file-replications/{ID}` (stats-file-replications).
fn g_stats_file_replications(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let host = c.host;
    json!({
        "id": format!("stats-file-replications-{i}"),
        "active_files": 7,
        "logical_replicated": 7,
        "last_sync_time": "2026-11-20T08:15:00Z",
        "logical_compression_bytes": 12 * TIB,
        "network_bytes": 12 * TIB,
        "repl_status": "completed",
        "direction": "inbound",
        "last_24hrs": {
            "logical_replicated": 7,
            "failed_transfers": 7,
            "failure_rate": "0%",
            "completed_transfers": 12 * TIB,
            "compression_rate": "17.2x"
        },
        "local_system": {
            "hostname": format!("{host}"),
            "storage_unit": "GiB",
            "logical_remaining": 7,
            "repl_system_status": "disabled"
        },
        "remote_system": {
            "hostname": format!("{host}"),
            "storage_unit": "GiB"
        },
        "timestamp": 1_790_000_000,
        "compression_ratio": "17.2x",
        "link": {
            "rel": "self",
            "title": "stats file replications",
            "href": format!("/rest/v1.0/dd-systems/{sys}/stats/file-replications/stats-file-replications-{i}/stats-file-replications-{i}")
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/stats/file-systems` (filesys-stats).
fn g_filesys_stats(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "filesys_stats_since_last_day": [{
            "collection_epoch": 1_790_000_000,
            "filesys_epoch_details": {
                "pre_comp_size": 12 * TIB,
                "post_comp_size": 12 * TIB,
                "global_comp_factor": 17,
                "local_comp_factor": 17,
                "total_comp_factor": 17,
                "percentage": 42
            }
        }],
        "filesys_stats_since_last_week": [{
            "collection_epoch": 1_790_000_000,
            "filesys_epoch_details": {
                "pre_comp_size": 12 * TIB,
                "post_comp_size": 12 * TIB,
                "global_comp_factor": 17,
                "local_comp_factor": 17,
                "total_comp_factor": 17,
                "percentage": 42
            }
        }],
        "filesys_stats_current": [{
            "collection_epoch": 1_790_000_000,
            "filesys_epoch_details": {
                "pre_comp_size": 12 * TIB,
                "post_comp_size": 12 * TIB,
                "global_comp_factor": 17,
                "local_comp_factor": 17,
                "total_comp_factor": 17,
                "percentage": 42
            }
        }],
        "filesys_stats_detailed": [{
            "collection_epoch": 1_790_000_000,
            "filesys_epoch_details": {
                "pre_comp_size": 12 * TIB,
                "post_comp_size": 12 * TIB,
                "global_comp_factor": 17,
                "local_comp_factor": 17,
                "total_comp_factor": 17,
                "percentage": 42
            }
        }],
        "paging_info": {
            "current_page": 0,
            "page_entries": 3,
            "total_entries": 3,
            "page_size": 20,
            "page_links": [{
                "rel": "self",
                "title": "filesys stats",
                "href": format!("/rest/v1.0/dd-systems/{sys}/stats/file-systems")
            }]
        },
        "link": [{
            "rel": "self",
            "title": "filesys stats",
            "href": format!("/rest/v1.0/dd-systems/{sys}/stats/file-systems")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/stats/performance` (stats-perf).
fn g_stats_perf(_c: &Ctx, i: usize) -> Value {
    json!({
        "collection_epoch": 1_790_000_000,
        "cpu_stats": {
            "idle": 3.5,
            "system": 3.5,
            "user": 3.5,
            "utilization": 3.5
        },
        "network_throughput": [{
            "name": format!("stats-perf-{i}"),
            "send_bytes": 3.5,
            "receive_bytes": 3.5,
            "send_rate": 3.5,
            "receive_rate": 3.5
        }],
        "filesys_stats": {
            "filesys_ops": 3.5,
            "filesys_ops_rate": 3.5,
            "data_in": 3.5,
            "data_out": 3.5,
            "data_in_rate": 3.5,
            "data_out_rate": 3.5,
            "wait_time_in": 3.5,
            "wait_time_out": 3.5,
            "wait_time_in_rate": 3.5,
            "wait_time_out_rate": 3.5
        }
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/stats/systems/file-replications` (stats-systems-file-replications).
fn g_stats_systems_file_replications(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "active": {
            "outbound": {
                "precomp_replicated_bytes": 12 * TIB,
                "precomp_remaining_bytes": 12 * TIB,
                "active_files": 7,
                "total_size": 12 * TIB
            },
            "inbound": {
                "precomp_replicated_bytes": 12 * TIB,
                "precomp_remaining_bytes": 12 * TIB,
                "active_files": 7,
                "total_size": 12 * TIB
            }
        },
        "historical": {
            "outbound": [{
                "timestamp": 1_790_000_000,
                "precomp_replicated_bytes": 12 * TIB,
                "network_bytes": 12 * TIB,
                "compression_ratio": 17.2,
                "completed_files": 12 * TIB,
                "failed_replication_jobs": 7,
                "percent_failed": 42
            }],
            "inbound": [{
                "timestamp": 1_790_000_000,
                "precomp_replicated_bytes": 12 * TIB,
                "network_bytes": 12 * TIB,
                "compression_ratio": 17.2,
                "completed_files": 12 * TIB,
                "failed_replication_jobs": 7,
                "percent_failed": 42
            }],
            "start": 7,
            "end": 7,
            "interval": "hour"
        },
        "link": [{
            "rel": "self",
            "title": "stats systems file replications",
            "href": format!("/rest/v1.0/dd-systems/{sys}/stats/systems/file-replications")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/stats/upgrades/schedules/{ID}` (stats-upgrades-schedules).
fn g_stats_upgrades_schedules(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("stats-upgrades-schedules-{i}"),
        "schedule_id": 7,
        "system_info": {
            "id": format!("stats-upgrades-schedules-{i}"),
            "name": format!("stats-upgrades-schedules-{i}"),
            "ddos_version": "7.13.0.10-1054817",
            "last_upgraded_epoch": 1_790_000_000
        },
        "package_name": "ddos-7.13.0.10-1054817.rpm",
        "reboot_before_install": true,
        "step_info": {
            "type": "stats",
            "result": "success",
            "error": "",
            "last_update_epoch": 1_790_000_000
        },
        "distribution": {
            "schedule_epoch": 1_790_000_000,
            "start_epoch": 1_790_000_000,
            "end_epoch": 1_790_000_000,
            "status": "ok",
            "error": ""
        },
        "installation": {
            "schedule_epoch": 1_790_000_000,
            "start_epoch": 1_790_000_000,
            "end_epoch": 1_790_000_000,
            "status": "ok",
            "error": ""
        },
        "precheck": {
            "schedule_epoch": 1_790_000_000,
            "start_epoch": 1_790_000_000,
            "end_epoch": 1_790_000_000,
            "status": "ok",
            "error": ""
        },
        "link": [{
            "rel": "self",
            "title": "stats upgrades schedules",
            "href": format!("/rest/v1.0/dd-systems/{sys}/stats/upgrades/schedules/stats-upgrades-schedules-{i}/stats-upgrades-schedules-{i}")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/supports/support-bundles` (support-bundles).
fn g_support_bundles(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let host = c.host;
    json!({
        "id": format!("support-bundle-{i}.tar.gz"),
        "name": format!("support-bundle-{i}.tar.gz"),
        "hostname": format!("{host}"),
        "size_in_bytes": 12 * TIB,
        "time_created_epoch": 1_790_000_000,
        "link": [{
            "rel": "self",
            "title": "support bundles",
            "href": format!("/rest/v1.0/dd-systems/{sys}/supports/support-bundles/support-bundles-{i}")
        }]
    })
}

/// `GET /rest/v1.0/dd-systems/{SYSTEM-ID}/upgrades/schedules` (upgrades-schedules).
fn g_upgrades_schedules(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "id": format!("upgrade-{i}"),
        "schedule_id": 7,
        "schedule_name": format!("upgrades-schedules-{i}"),
        "description": format!("upgrades schedules {i}, managed by DDMC"),
        "enabled": true,
        "operation": "apply",
        "schedule_type": "weekly",
        "precheck_after_distribute": true,
        "distribution": {
            "start_time": "2026-11-20T08:15:00Z"
        },
        "installation": {
            "reboot_before_install": true,
            "start_time": "2026-11-20T08:15:00Z"
        },
        "entities": {
            "entities": [{
                "id": format!("upgrade-{i}"),
                "type": "upgrades",
                "package_name": "ddos-7.13.0.10-1054817.rpm"
            }]
        },
        "link": [{
            "rel": "self",
            "title": "upgrades schedules",
            "href": format!("/rest/v1.0/dd-systems/{sys}/upgrades/schedules/upgrades-schedules-{i}")
        }]
    })
}

/// `GET /rest/v1.0/system/config/templates` (config-templates).
fn g_config_templates(c: &Ctx, i: usize) -> Value {
    let host = c.host;
    json!({
        "id": format!("template-{i}"),
        "name": format!("template-{i}"),
        "version": "7.13.0.10-1054817",
        "hostname": format!("{host}"),
        "link": [{
            "rel": "self",
            "title": "config templates",
            "href": format!("/rest/v1.0/system/config/templates/config-templates-{i}")
        }]
    })
}

/// `GET /rest/v1.0/system/vi/access-info` (profile-access-info).
fn g_profile_access_info(_c: &Ctx, i: usize) -> Value {
    json!({
        "id": format!("profile-access-info-{i}"),
        "name": format!("profile-access-info-{i}"),
        "hypervisor_provider": "aws",
        "hypervisor_details": {
            "aws": {
                "aws_credentials": {}
            }
        },
        "link": {
            "rel": "self",
            "title": "profile access info",
            "href": format!("/rest/v1.0/system/vi/access-info/profile-access-info-{i}")
        }
    })
}

/// `GET /rest/v1.0/system/vi/resource` (resource-profiles).
fn g_resource_profiles(_c: &Ctx, i: usize) -> Value {
    json!({
        "id": format!("resource-profiles-{i}"),
        "name": format!("resource-profiles-{i}"),
        "hypervisor_provider": "aws",
        "hypervisor_details": {
            "aws": {
                "aws_region": "us-east-1",
                "aws_ami_id": format!("resource-profiles-{i}"),
                "aws_subnet_id": format!("resource-profiles-{i}"),
                "aws_security_group": "https://cloudiq.example.com/"
            }
        },
        "link": {
            "rel": "self",
            "title": "resource profiles",
            "href": format!("/rest/v1.0/system/vi/resource/resource-profiles-{i}")
        }
    })
}

/// `GET /rest/v1.0/tasks` (tasks).
fn g_tasks(_c: &Ctx, i: usize) -> Value {
    json!({
        "id": format!("tasks-{i}"),
        "task_id": 7,
        "name": format!("tasks-{i}"),
        "user": "sysadmin",
        "state": "ok",
        "start_epoch": 1_790_000_000,
        "end_epoch": 1_790_000_000,
        "duration_ms": 42,
        "link": {
            "rel": "self",
            "title": "tasks",
            "href": format!("/rest/v1.0/tasks/tasks-{i}")
        }
    })
}

/// `GET /rest/v2.0/dd-systems/{SYSTEM-ID}/networks/nics` (network-nic).
fn g_network_nic(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let i1 = i + 11;
    json!({
        "id": format!("ethV{i}"),
        "name": format!("ethV{i}"),
        "address": format!("10.20.30.{i1}"),
        "netmask": "255.255.255.0",
        "dhcp": true,
        "enabled": true,
        "up_state": true,
        "has_link": true,
        "booting": true,
        "virtual": true,
        "primary": true,
        "mtu": 1500,
        "link_speed": 10000,
        "link_duplex": 7,
        "link_auto_nego": true,
        "master_id": format!("network-nic-{i}"),
        "updelay": 7,
        "downdelay": 7,
        "txqueuelen": 7,
        "link": {
            "rel": "self",
            "title": "network nic",
            "href": format!("/rest/v2.0/dd-systems/{sys}/networks/nics/network-nic-{i}")
        }
    })
}

/// `GET /rest/v2.0/dd-systems/{SYSTEM-ID}/protocols/nfs/exports/{ID}/clients` (nfs-exports-id-clients).
fn g_nfs_exports_id_clients(_c: &Ctx, i: usize) -> Value {
    json!({
        "name": format!("nfs-exports-id-clients-{i}"),
        "options": "rw,no_root_squash"
    })
}

/// `GET /rest/v2.0/dd-systems/{SYSTEM-ID}/protocols/nfs/exports/{ID}/referrals` (nfs-exports-id-referrals).
fn g_nfs_exports_id_referrals(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "referrals": [{
            "referral_name": format!("nfs-exports-id-referrals-{i}"),
            "remote_servers": [format!("remote server {i}")],
            "remote_path": format!("/data/col1/backup{i}/db{i}.bak")
        }],
        "links": [{
            "rel": "self",
            "title": "nfs exports id referrals",
            "href": format!("/rest/v2.0/dd-systems/{sys}/protocols/nfs/exports/nfs-exports-id-referrals-{i}/referrals")
        }]
    })
}

/// `GET /rest/v2.0/dd-systems/{SYSTEM-ID}/services/logs` (services-log).
fn g_services_log(c: &Ctx, _i: usize) -> Value {
    let host = c.host;
    json!({
        "Remote_logging": true,
        "hosts": [format!("{host}")]
    })
}

/// `GET /rest/v2.0/dd-systems/{SYSTEM-ID}/systems` (systems).
fn g_systems(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let uuid = c.uuid;
    let host = c.host;
    let i1 = i + 11;
    json!({
        "name": format!("systems-{i}"),
        "type": "systems",
        "version": "7.13.0.10-1054817",
        "version_history": [{
            "version": "7.13.0.10-1054817",
            "partition": "/ddvar",
            "operation": "apply",
            "time": 1_790_000_000,
            "package": "ddos-7.13.0.10-1054817.rpm"
        }],
        "serialno": format!("APM0{i}112233"),
        "model": "DD9400",
        "uptime": "2026-11-20T08:15:00Z",
        "uptime_secs": 2_592_000,
        "admin_email": "storage-admins@example.com",
        "admin_host": format!("{host}"),
        "mem_size": 12 * TIB,
        "time_zone": "UTC",
        "physical_capacity": {
            "total": 12 * TIB,
            "used": 12 * TIB,
            "available": 12 * TIB
        },
        "logical_capacity": {
            "total": 12 * TIB,
            "used": 12 * TIB,
            "available": 12 * TIB
        },
        "compression_factor": 17.2,
        "capacity_usage_details": [{
            "tier": "active",
            "physical_capacity": {
                "total": 12 * TIB,
                "used": 12 * TIB,
                "available": 12 * TIB
            },
            "logical_capacity": {
                "total": 12 * TIB,
                "used": 12 * TIB,
                "available": 12 * TIB
            },
            "compression_factor": 17.2
        }],
        "license": [{
            "license_key": format!("SIM-LIC-{i}-7K3Q"),
            "feature": "REPLICATION"
        }],
        "location": "Sim DC",
        "uuid": format!("{uuid}"),
        "current_epoch": 1_790_000_000,
        "partitions": {
            "ddvar_total": 12 * TIB,
            "ddvar_used": 12 * TIB,
            "ddvar_avail": 12 * TIB,
            "ddvar_percent_used": 42,
            "db_total": 12 * TIB,
            "db_used": 12 * TIB,
            "db_avail": 12 * TIB,
            "db_percent_used": 42,
            "ddvar_core_total": 12 * TIB,
            "ddvar_core_used": 12 * TIB,
            "ddvar_core_avail": 12 * TIB,
            "ddvar_core_percent_used": 42
        },
        "storage_policy": {
            "minimum_bytes": 12 * TIB,
            "maximum_bytes": 12 * TIB,
            "min_incr_bytes": 12 * TIB
        },
        "compute_policy": {
            "min_new_node_capacity_bytes": 12 * TIB,
            "max_capacity_utilization_percent": 42
        },
        "adopted_node_id": 7,
        "cluster_deploy": {
            "initial_capability": {
                "capacity": 12 * TIB,
                "storage": 7,
                "num_of_nodes": 3
            },
            "maximum_capability": {
                "capacity": 12 * TIB,
                "storage": 7,
                "num_of_nodes": 3
            }
        },
        "cluster_adopt": {
            "initial_capability": {
                "capacity": 12 * TIB,
                "storage": 7,
                "num_of_nodes": 3
            },
            "maximum_capability": {
                "capacity": 12 * TIB,
                "storage": 7,
                "num_of_nodes": 3
            }
        },
        "pphrase_info": {
            "pphrase_min_length": 7,
            "pphrase_status": "set"
        },
        "controller_type": "standalone",
        "cluster_id": format!("systems-{i}"),
        "power_action_info": [{
            "hostname": format!("{host}"),
            "result": "success",
            "error": ""
        }],
        "headswap_action_info": {
            "headswap_nodename": format!("systems-{i}"),
            "result": "success"
        },
        "disaster_recovery_config_info": [{
            "ip_address": format!("10.20.30.{i1}"),
            "system_mtree_name": format!("/data/col1/backup{i}")
        }],
        "link": [{
            "rel": "self",
            "title": "systems",
            "href": format!("/rest/v2.0/dd-systems/{sys}/systems")
        }]
    })
}

/// `GET /rest/v2.0/dd-systems/{SYSTEM-ID}/systems/stats/repl` (system-repl).
fn g_system_repl(_c: &Ctx, _i: usize) -> Value {
    json!({
        "collection_epoch": 1_790_000_000,
        "stats_epoch_details": {
            "in_bytes": 12 * TIB,
            "out_bytes": 12 * TIB
        }
    })
}

/// `GET /rest/v2.0/dd-systems/{SYSTEM-ID}/systems/stats/space` (system-space).
fn g_system_space(_c: &Ctx, _i: usize) -> Value {
    json!({
        "collection_epoch": 1_790_000_000,
        "stats_epoch_details": {
            "in_bytes": 12 * TIB,
            "out_bytes": 12 * TIB
        }
    })
}

/// `GET /rest/v3.0/dd-systems/{SYSTEM-ID}/mtrees/{ID}/stats/compressions` (mtree-id-stats-compressions).
fn g_mtree_id_stats_compressions(_c: &Ctx, _i: usize) -> Value {
    json!({
        "mtree_compression_info_3_0": [{
            "tier": "active",
            "start_epoch": 1_790_000_000,
            "end_epoch": 1_790_000_000,
            "pre_compression_in_bytes": 12 * TIB,
            "post_compression_in_bytes": 12 * TIB,
            "local_compression_factor": 17.2,
            "global_compression_factor": 17.2,
            "total_compression_factor": 17.2,
            "reduction_in_percentage": 3.5
        }]
    })
}

/// `GET /rest/v3.0/dd-systems/{SYSTEM-ID}/stats/performances/mtrees/{ID}` (stats-performances-mtrees).
fn g_stats_performances_mtrees(_c: &Ctx, _i: usize) -> Value {
    json!({
        "date": "2026-11-20T08:15:00Z",
        "time": "2026-11-20T08:15:00Z",
        "read_throughput": "120.5 MiB/s",
        "write_throughput": "120.5 MiB/s",
        "read_sequential_access_streams": 7,
        "write_sequential_access_streams": 7,
        "read_random_access_streams": 7,
        "write_random_access_streams": 7,
        "reopened_read_streams_in_last_30_seconds": 7,
        "reopened_write_streams_in_last_30_seconds": 7
    })
}

/// `GET /api/v1/appliance-pools` (appliance-pools).
fn g_appliance_pools(c: &Ctx, i: usize) -> Value {
    let uuid = c.uuid;
    let host = c.host;
    json!({
        "id": format!("pool-{i}"),
        "uuid": format!("{uuid}"),
        "name": format!("pool-{i}"),
        "siteName": format!("appliance-pools-{i}"),
        "siteUuid": format!("{uuid}"),
        "creationUserName": format!("appliance-pools-{i}"),
        "creationEpoch": 1_790_000_000,
        "state": "ok",
        "capacityThresholdWarning": 12 * TIB,
        "capacityThresholdCritical": 12 * TIB,
        "capacityAvailableBytes": 12 * TIB,
        "capacityUsedBytes": 12 * TIB,
        "memberCount": 3,
        "description": format!("appliance pools {i}, managed by DDMC"),
        "runningTaskId": 7,
        "members": [{
            "id": format!("pool-{i}"),
            "systemUuid": format!("{uuid}"),
            "systemName": format!("{host}"),
            "state": "ok",
            "model": "DD9400",
            "version": "7.13.0.10-1054817",
            "capacityThresholdWarning": 12 * TIB,
            "capacityThresholdCritical": 12 * TIB,
            "capacityAvailableBytes": 12 * TIB,
            "capacityUsedBytes": 12 * TIB,
            "link": {
                "rel": "self",
                "title": "appliance pools",
                "href": format!("/api/v1/appliance-pools/appliance-pools-{i}")
            }
        }],
        "link": {
            "rel": "self",
            "title": "appliance pools",
            "href": format!("/api/v1/appliance-pools/appliance-pools-{i}")
        }
    })
}

/// `GET /api/v1/dd-systems/stats/capacities` (stats-capacities).
fn g_stats_capacities(c: &Ctx, i: usize) -> Value {
    let uuid = c.uuid;
    let host = c.host;
    json!({
        "systemInfo": {
            "systemUuid": format!("{uuid}"),
            "systemName": format!("{host}"),
            "serialNum": format!("APM0{i}112233"),
            "appliancePoolUuid": format!("{uuid}"),
            "appliancePoolName": format!("stats-capacities-{i}"),
            "federationSiteUuid": format!("{uuid}"),
            "federationSiteName": format!("stats-capacities-{i}")
        },
        "tiers": {
            "all": [{
                "collectionEpoch": 1_790_000_000,
                "physicalCapacity": {
                    "total": 12 * TIB,
                    "used": 12 * TIB,
                    "available": 12 * TIB
                },
                "logicalCapacity": {
                    "total": 12 * TIB,
                    "used": 12 * TIB,
                    "available": 12 * TIB
                },
                "compressionFactor": 17.2,
                "dataWritten": {}
            }],
            "active": [{
                "collectionEpoch": 1_790_000_000,
                "physicalCapacity": {
                    "total": 12 * TIB,
                    "used": 12 * TIB,
                    "available": 12 * TIB
                },
                "logicalCapacity": {
                    "total": 12 * TIB,
                    "used": 12 * TIB,
                    "available": 12 * TIB
                },
                "compressionFactor": 17.2,
                "dataWritten": {}
            }],
            "cloud": [{
                "collectionEpoch": 1_790_000_000,
                "physicalCapacity": {
                    "total": 12 * TIB,
                    "used": 12 * TIB,
                    "available": 12 * TIB
                },
                "logicalCapacity": {
                    "total": 12 * TIB,
                    "used": 12 * TIB,
                    "available": 12 * TIB
                },
                "compressionFactor": 17.2,
                "dataWritten": {}
            }]
        },
        "collectionEpoch": "1790000000"
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/file-systems/block-storages` (filesys-block-storage).
fn g_filesys_block_storage(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "enabled": true,
        "activeTierDisks": [{
            "deviceName": format!("filesys-block-storage-{i}"),
            "capacity": 12 * TIB
        }],
        "links": [{
            "rel": "self",
            "title": "filesys block storage",
            "href": format!("/api/v1/dd-systems/{sys}/file-systems/block-storages")
        }]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/file-systems/object-stores` (filesys-object-store).
fn g_filesys_object_store(_c: &Ctx, i: usize) -> Value {
    json!({
        "enabled": true,
        "providerName": format!("filesys-object-store-{i}")
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/file-systems/object-stores/aws` (filesys-object-stores-aws).
fn g_filesys_object_stores_aws(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "roleName": format!("filesys-object-stores-aws-{i}"),
        "region": "us-east-1",
        "endpoint": format!("endpoint-{i}"),
        "bucketName": format!("filesys-object-stores-aws-{i}"),
        "link": [{
            "rel": "self",
            "title": "filesys object stores aws",
            "href": format!("/api/v1/dd-systems/{sys}/file-systems/object-stores/aws")
        }],
        "activeTierDisks": [{
            "deviceName": format!("filesys-object-stores-aws-{i}"),
            "capacity": 12 * TIB
        }]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/protocols/cifs/auth` (cifs-auth).
fn g_cifs_auth(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    json!({
        "authMode": "workgroup",
        "workgroupName": format!("cifs-auth-{i}"),
        "activeDirectoryInfo": {
            "realmName": format!("cifs-auth-{i}"),
            "organizationalUnit": "GiB"
        },
        "link": [{
            "rel": "self",
            "title": "cifs auth",
            "href": format!("/api/v1/dd-systems/{sys}/protocols/cifs/auth")
        }]
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/storage/disks` (storage-disks).
fn g_storage_disks(_c: &Ctx, i: usize) -> Value {
    let i1 = i + 11;
    json!({
        "device": format!("ethV{i}"),
        "capacity": 12 * TIB,
        "type": "storage",
        "status": "ok",
        "id": format!("dev{i1}"),
        "tierType": "active"
    })
}

/// `GET /api/v1/dd-systems/{SYSTEM-ID}/supports/cloudiq` (supports-cloudiq).
fn g_supports_cloudiq(_c: &Ctx, _i: usize) -> Value {
    json!({
        "enabled": true
    })
}

/// `POST /api/v1/dd-systems/{SYSTEM-ID}/users/{ID}/pre-check` (users-id-pre-check).
fn g_users_id_pre_check(c: &Ctx, _i: usize) -> Value {
    let (sys, user) = (c.id, c.item);
    json!({
        "id": user,
        "name": user,
        "uid": 500,
        "role": "admin",
        "status": "enabled",
        "link": {
            "rel": "self",
            "title": "user",
            "href": format!("/rest/v1.0/dd-systems/{sys}/users/{user}")
        }
    })
}

/// `GET /api/v1/sites` (sites).
fn g_sites(c: &Ctx, i: usize) -> Value {
    let uuid = c.uuid;
    let host = c.host;
    json!({
        "id": format!("site-{i}"),
        "uuid": format!("{uuid}"),
        "name": format!("site-{i}"),
        "creationUserName": format!("sites-{i}"),
        "creationEpoch": 1_790_000_000,
        "appliancePoolCount": 3,
        "systemCount": 3,
        "description": format!("sites {i}, managed by DDMC"),
        "systems": [{
            "id": format!("site-{i}"),
            "systemUuid": format!("{uuid}"),
            "systemName": format!("{host}"),
            "state": "ok",
            "model": "DD9400",
            "version": "7.13.0.10-1054817",
            "capacityThresholdWarning": 12 * TIB,
            "capacityThresholdCritical": 12 * TIB,
            "capacityAvailableBytes": 12 * TIB,
            "capacityUsedBytes": 12 * TIB,
            "link": {
                "rel": "self",
                "title": "sites",
                "href": format!("/api/v1/sites/sites-{i}")
            }
        }],
        "link": {
            "rel": "self",
            "title": "sites",
            "href": format!("/api/v1/sites/sites-{i}")
        }
    })
}

/// `GET /api/v1/system/config/template-audits/{ID}` (config-template-audits).
fn g_config_template_audits(_c: &Ctx, i: usize) -> Value {
    json!({
        "id": format!("config-template-audits-{i}"),
        "configTemplateId": format!("config-template-audits-{i}"),
        "ConfigTemplateAuditSystemInfos": [{
            "auditId": format!("config-template-audits-{i}"),
            "systemId": format!("config-template-audits-{i}"),
            "result": "success",
            "errorMessage": "",
            "auditRunEpoch": 1_790_000_000,
            "resultDetails": [{
                "featureName": "REPLICATION",
                "result": {},
                "subfeatureResults": [{}]
            }],
            "link": [{
                "rel": "self",
                "title": "config template audits",
                "href": format!("/api/v1/system/config/template-audits/config-template-audits-{i}")
            }]
        }],
        "link": [{
            "rel": "self",
            "title": "config template audits",
            "href": format!("/api/v1/system/config/template-audits/config-template-audits-{i}")
        }]
    })
}

/// `GET /api/v1/system/config/template-audits/histories` (config-template-audit-histories).
fn g_config_template_audit_histories(_c: &Ctx, i: usize) -> Value {
    json!({
        "id": format!("config-template-audit-histories-{i}"),
        "configTemplateId": format!("config-template-audit-histories-{i}"),
        "configTemplateAuditSystemInfo": {
            "auditId": format!("config-template-audit-histories-{i}"),
            "systemId": format!("config-template-audit-histories-{i}"),
            "result": "success",
            "errorMessage": "",
            "auditRunEpoch": 1_790_000_000,
            "resultDetails": [{
                "featureName": "REPLICATION",
                "result": {},
                "subfeatureResults": [{}]
            }],
            "link": [{
                "rel": "self",
                "title": "config template audit histories",
                "href": format!("/api/v1/system/config/template-audits/histories/config-template-audit-histories-{i}")
            }]
        },
        "link": [{
            "rel": "self",
            "title": "config template audit histories",
            "href": format!("/api/v1/system/config/template-audits/histories/config-template-audit-histories-{i}")
        }]
    })
}

/// `GET /api/v1/system/config/template-audits/schedules` (config-template-audit-schedules).
fn g_config_template_audit_schedules(_c: &Ctx, i: usize) -> Value {
    json!({
        "id": format!("config-template-audit-schedules-{i}"),
        "scheduleName": format!("config-template-audit-schedules-{i}"),
        "configTemplateId": format!("config-template-audit-schedules-{i}"),
        "scheduleFrequency": "weekly",
        "systemIds": [format!("config-template-audit-schedules-{i}")],
        "link": [{
            "rel": "self",
            "title": "config template audit schedules",
            "href": format!("/api/v1/system/config/template-audits/schedules/config-template-audit-schedules-{i}")
        }]
    })
}

/// `GET /api/v1/system/config/templates/features` (config-template-features).
fn g_config_template_features(_c: &Ctx, i: usize) -> Value {
    json!({
        "features": [{
            "id": format!("config-template-features-{i}"),
            "subfeatures": ["REPLICATION"],
            "link": [{
                "rel": "self",
                "title": "config template features",
                "href": "/api/v1/system/config/templates/features"
            }]
        }]
    })
}

/// `POST /api/v1/system/config/templates/{ID}/apply` (config-template-apply).
fn g_config_template_apply(c: &Ctx, _i: usize) -> Value {
    let template = c.item;
    json!({
        "service_status": {
            "details": format!("Applying config template {template}: task created"),
            "code": 0,
            "link": [{
                "rel": "related",
                "title": "task",
                "href": "/rest/v1.0/tasks/1f6e2a9c-0b7d-4c55-9e0a-5d3f8c2b7a41"
            }]
        }
    })
}

/// `GET /api/v2/dd-systems/{SYSTEM-ID}/protocols/nfs` (nfs).
fn g_nfs(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "v3Status": true,
        "v4Status": true,
        "link": {
            "rel": "self",
            "title": "nfs",
            "href": format!("/api/v2/dd-systems/{sys}/protocols/nfs")
        }
    })
}

/// `POST /api/v2/dd-systems/{SYSTEM-ID}/services/asup/reset` (services-asup-reset).
fn g_services_asup_reset(c: &Ctx, _i: usize) -> Value {
    let host = c.host;
    json!({
        "mailSubjectTag": format!("[{host}]"),
        "sendReport": true,
        "alertSummary": {
            "subscriberEmails": ["storage-admins@example.com"],
            "schedule": {
                "frequency": "daily 02:00",
                "days": ["Sun"],
                "time": {
                    "hours": 6,
                    "minutes": 0
                }
            },
            "format": "text"
        },
        "detailedAutoSupport": {
            "subscriberEmails": ["storage-admins@example.com"],
            "schedule": {
                "frequency": "daily 02:00",
                "days": ["Sun"],
                "time": {
                    "hours": 6,
                    "minutes": 0
                }
            }
        }
    })
}

/// `GET /api/v2/dd-systems/{SYSTEM-ID}/supports` (supports).
fn g_supports(_c: &Ctx, i: usize) -> Value {
    let i1 = i + 11;
    json!({
        "notificationMethod": "email",
        "esrsGateways": [{
            "gateway": format!("10.20.30.{i1}"),
            "serial_number": format!("APM0{i}112233"),
            "device_key": format!("dev{i}"),
            "device_type": "disk",
            "transfer_type": "data"
        }],
        "notificationStatus": [{
            "notification": "email",
            "status": "ok",
            "destinationAddress": format!("10.20.40.{i1}")
        }]
    })
}

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/networks/dns-servers` (network-dns-server).
fn g_network_dns_server(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let i1 = i + 11;
    json!({
        "dnsServerIpAddresses": [format!("10.20.30.{i1}")],
        "fromDhcp": true,
        "link": [{
            "rel": "self",
            "title": "network dns server",
            "href": format!("/api/v3/dd-systems/{sys}/networks/dns-servers")
        }]
    })
}

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/networks/domain-names` (network-domain-name).
fn g_network_domain_name(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "domainName": "example.com",
        "fromDhcp": true,
        "link": [{
            "rel": "self",
            "title": "network domain name",
            "href": format!("/api/v3/dd-systems/{sys}/networks/domain-names")
        }]
    })
}

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/networks/gateways` (network-gateway).
fn g_network_gateway(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let i1 = i + 11;
    json!({
        "id": format!("network-gateway-{i}"),
        "ipAddress": format!("10.20.30.{i1}"),
        "source": format!("/data/col1/backup{i}"),
        "ipVersion": "7.13.0.10-1054817",
        "link": [{
            "rel": "self",
            "title": "network gateway",
            "href": format!("/api/v3/dd-systems/{sys}/networks/gateways/network-gateway-{i}")
        }]
    })
}

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/networks/host-names` (network-host-name).
fn g_network_host_name(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    let host = c.host;
    json!({
        "hostName": format!("{host}"),
        "fromDhcp": true,
        "link": [{
            "rel": "self",
            "title": "network host name",
            "href": format!("/api/v3/dd-systems/{sys}/networks/host-names")
        }]
    })
}

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/networks/interfaces` (network-interface).
fn g_network_interface(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let i1 = i + 11;
    json!({
        "id": format!("ethV{i}"),
        "name": format!("ethV{i}"),
        "address": format!("10.20.30.{i1}"),
        "netmask": "255.255.255.0",
        "dhcp": "false",
        "enabled": true,
        "upState": "ok",
        "mtu": 1500,
        "linkSpeed": 10000,
        "linkDuplex": "full",
        "linkAutoNego": true,
        "masterId": format!("network-interface-{i}"),
        "txQueueLen": 7,
        "autoIpAddresses": [format!("10.20.30.{i1}")],
        "numAutoIp": 3,
        "bonded": true,
        "bondingMode": "roundrobin",
        "slaveIfname": ["ethV0"],
        "numSlaves": 3,
        "ipType": "ipv4",
        "link": [{
            "rel": "self",
            "title": "network interface",
            "href": format!("/api/v3/dd-systems/{sys}/networks/interfaces/network-interface-{i}")
        }]
    })
}

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/networks/interfaces/aliases` (network-interface-alias).
fn g_network_interface_alias(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let i1 = i + 11;
    json!({
        "id": format!("ethV0:{i1}"),
        "name": format!("ethV0:{i1}"),
        "baseIfname": "ethV0",
        "address": format!("10.20.30.{i1}"),
        "netmask": "255.255.255.0",
        "enabled": true,
        "upState": "ok",
        "link": [{
            "rel": "self",
            "title": "network interface alias",
            "href": format!("/api/v3/dd-systems/{sys}/networks/interfaces/aliases/network-interface-alias-{i}")
        }]
    })
}

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/networks/interfaces/physicals` (network-interface-physical).
fn g_network_interface_physical(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let i1 = i + 11;
    json!({
        "id": format!("ethV{i}"),
        "name": format!("ethV{i}"),
        "address": format!("10.20.30.{i1}"),
        "netmask": "255.255.255.0",
        "dhcp": "false",
        "enabled": true,
        "upState": "ok",
        "mtu": 1500,
        "linkSpeed": 10000,
        "linkDuplex": "full",
        "linkAutoNego": true,
        "bondedTo": "veth0",
        "txQueueLen": 7,
        "autoIpAddresses": [format!("10.20.30.{i1}")],
        "numAutoIp": 3,
        "ipType": "ipv4",
        "link": [{
            "rel": "self",
            "title": "network interface physical",
            "href": format!("/api/v3/dd-systems/{sys}/networks/interfaces/physicals/network-interface-physical-{i}")
        }]
    })
}

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/networks/interfaces/vlans` (network-interface-vlan).
fn g_network_interface_vlan(c: &Ctx, i: usize) -> Value {
    let sys = c.id;
    let i1 = i + 11;
    json!({
        "id": format!("ethV0.1{i}0"),
        "name": format!("ethV0.1{i}0"),
        "baseIfname": "ethV0",
        "address": format!("10.20.30.{i1}"),
        "netmask": "255.255.255.0",
        "enabled": true,
        "upState": "ok",
        "mtu": 1500,
        "link": [{
            "rel": "self",
            "title": "network interface vlan",
            "href": format!("/api/v3/dd-systems/{sys}/networks/interfaces/vlans/network-interface-vlan-{i}")
        }]
    })
}

/// `GET /api/v3/dd-systems/{SYSTEM-ID}/networks/search-domains` (network-search-domain).
fn g_network_search_domain(c: &Ctx, _i: usize) -> Value {
    let sys = c.id;
    json!({
        "searchDomains": ["example.com"],
        "link": [{
            "rel": "self",
            "title": "network search domain",
            "href": format!("/api/v3/dd-systems/{sys}/networks/search-domains")
        }]
    })
}
