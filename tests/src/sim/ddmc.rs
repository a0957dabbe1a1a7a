//! A DDMC simulator: login with the token in `X-DD-AUTH-TOKEN`, the DDMC `/system`, managed DD
//! systems (v1.0 thin and v3.0 full lists), their MTrees and capacity statistics, and one read of
//! every other group (tag) of `specs/ddmc.yaml`. The bodies of those groups are data, one file per
//! tag in `tests/data/ddmc/` with a small template language for what varies (its `README.md`;
//! loaded and checked once by the `groups` module). MTrees, NFS exports, DD Boost storage units,
//! users and alert notify lists are kept per system: creates, modifies and deletes change later
//! reads.
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

mod groups;

/// The header that carries the DDMC token both ways.
const TOKEN_HEADER: &str = "x-dd-auth-token";

/// The `X-DD-SEC-OFFICER` value the simulator accepts for retention-lock operations: base64 of
/// the security officer's `name:password` (`secofficer:Sim-SO-pass1!`).
pub const SECURITY_OFFICER: &str = "c2Vjb2ZmaWNlcjpTaW0tU08tcGFzczEh";

/// The registration access token the simulated IAM service hands out (tests check that it never
/// shows in `Debug`); `tests/data/ddmc/sso-registration.json` sends it.
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

/// The DDMC's own uuid (its id is the URL-encoded form).
const DDMC_UUID: &str = "11e3b3f23ccb590b:a0ae3cd21ebdb52d";

/// The DDMC's own host name.
const DDMC_HOST: &str = "ddmc-sim.example.com";

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
        "protocol_config": ["NFS", "DD Boost"],
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

/// Number of items the list of group `tag` holds (2 to 5, fixed per group).
fn group_len(tag: &str) -> usize {
    2 + tag.len() % 4
}

/// The answer of the data operation ([`groups::table`]) matching the request, built now.
fn group(sim: &Shared, method: &str, segments: &[&str], uri: &Uri, path: &str) -> Option<Response> {
    // Literal segments win over `{ID}` (`template-audits/histories` is not an audit id).
    let (literal, with_id): (Vec<_>, Vec<_>) = groups::table()
        .iter()
        .filter(|g| g.method == method && g.pattern.len() == segments.len())
        .partition(|g| !g.has_item());
    for g in literal.into_iter().chain(with_id) {
        let mut system = None;
        let mut item = "";
        let matched = g
            .pattern
            .iter()
            .zip(segments)
            .all(|(p, s)| match p.as_str() {
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
        let (sys, uuid, host) = match system {
            Some(raw) => match find_system(sim, raw) {
                Some(s) => (system_id(s), s.uuid.as_str(), s.name.as_str()),
                None => return Some(status(StatusCode::NOT_FOUND, "Invalid System ID", 5008)),
            },
            None => (DDMC_UUID.replace(':', "%3A"), DDMC_UUID, DDMC_HOST),
        };
        let ctx = |i| groups::Ctx {
            sys: &sys,
            uuid,
            host,
            item,
            i,
        };
        return Some(match &g.list {
            Some((key, paging)) => paged_as(
                sim.faults.page_cap(),
                uri,
                path,
                key,
                paging,
                group_len(&g.tag),
                |i| groups::render(&g.body, &ctx(i)),
            ),
            None => super::json(g.status, groups::render(&g.body, &ctx(0))),
        });
    }
    None
}
