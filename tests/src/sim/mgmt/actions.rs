//! The console's estate beyond applications and backups (hosts, SLAs, templates with their
//! policies, profiles, disk pools, users, roles, organizations) and its actions: backup now,
//! mount, unmount, restore, clone and expire answer 204 without a job id and start a job that
//! progresses over time (`queued`, then `running` with a `progress` percentage, then
//! `succeeded`, or `failed` with `errorcode` and `message` when the simulator is told so),
//! visible in `/jobstatus` (every job) and `/job` (queued and running ones);
//! `PUT /job/{id}` `{"status":"cancel"}` cancels; SLAs are created, modified and deleted.
//!
//! Cheap by design: a job's state is computed from its age when jobs are read, only for the
//! jobs actions started (the 100,000 jobs of the benchmarks are never touched).

// A refusal is the HTTP answer itself; boxing it would only add noise to a simulator.
#![allow(clippy::result_large_err)]

use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::super::query_pairs;
use super::estate::{self, job};
use super::list::{Listed, list, options};
use super::{MgmtSim, MgmtSimConfig, Shared, error};

/// How the jobs that actions start from now on end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    /// `succeeded`.
    Succeed,
    /// `failed`, with this `errorcode` and `message`.
    Fail {
        /// The job's `errorcode`.
        errorcode: String,
        /// The job's `message`.
        message: String,
    },
    /// Never ends: stays `running` (below 100%) until canceled.
    Hang,
}

/// A job an action started, whose state follows its age.
#[derive(Debug)]
struct Tracked {
    index: usize,
    created: Instant,
    duration: Duration,
    outcome: JobOutcome,
    canceled: bool,
    done: bool,
}

#[derive(Debug)]
struct Jobs {
    all: Listed,
    tracked: Vec<Tracked>,
    duration: Duration,
    outcome: JobOutcome,
}

/// Mutable and extra state of the console simulator.
#[derive(Debug)]
pub(super) struct Estate {
    hosts: Listed,
    slts: Listed,
    slps: Listed,
    diskpools: Listed,
    users: Listed,
    roles: Listed,
    orgs: Listed,
    slas: Mutex<(Listed, u64)>,
    jobs: RwLock<Jobs>,
}

impl Estate {
    pub(super) fn new(config: &MgmtSimConfig) -> Self {
        let slas: Vec<Value> = (0..config.applications).filter_map(estate::sla).collect();
        Self {
            hosts: estate::hosts().into(),
            slts: estate::slts().into(),
            slps: estate::slps().into(),
            diskpools: estate::diskpools().into(),
            users: estate::users().into(),
            roles: estate::roles().into(),
            orgs: estate::orgs().into(),
            slas: Mutex::new((slas.into(), 3_900_000)),
            jobs: RwLock::new(Jobs {
                all: (0..config.jobs).map(job).collect::<Vec<_>>().into(),
                tracked: Vec::new(),
                duration: Duration::from_millis(500),
                outcome: JobOutcome::Succeed,
            }),
        }
    }

    fn collection(&self, name: &str) -> Option<&Listed> {
        Some(match name {
            "host" => &self.hosts,
            "slt" => &self.slts,
            "slp" => &self.slps,
            "diskpool" => &self.diskpools,
            "user" => &self.users,
            "role" => &self.roles,
            "org" => &self.orgs,
            _ => return None,
        })
    }
}

impl MgmtSim {
    /// How the jobs that actions start from now on end (default: they succeed).
    pub fn set_job_outcome(&self, outcome: JobOutcome) {
        self.shared.estate.jobs.write().expect("jobs lock").outcome = outcome;
    }

    /// How long the jobs that actions start from now on take from queued to their end
    /// (default 500 ms; the first fifth of it they are `queued`).
    pub fn set_job_duration(&self, duration: Duration) {
        self.shared.estate.jobs.write().expect("jobs lock").duration = duration;
    }

    /// Number of SLAs (protected applications).
    pub fn sla_count(&self) -> usize {
        self.shared.estate.slas.lock().expect("slas lock").0.len()
    }
}

/// The jobs brought up to date, for reading: readers share the lock, so concurrent page
/// requests (the parallel listing benchmark) are served in parallel. The write lock is taken
/// only while an action's job is still running: otherwise every request would wait for the
/// pages being serialized, and the simulator would serve one page at a time.
fn refreshed(jobs: &RwLock<Jobs>) -> std::sync::RwLockReadGuard<'_, Jobs> {
    {
        let current = jobs.read().expect("jobs lock");
        if current.tracked.iter().all(|t| t.done) {
            return current;
        }
    }
    jobs.write().expect("jobs lock").refresh();
    jobs.read().expect("jobs lock")
}

fn now_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0)
}

impl Jobs {
    /// Brings the jobs that actions started up to date with their age.
    fn refresh(&mut self) {
        let now = Instant::now();
        for t in self.tracked.iter_mut().filter(|t| !t.done) {
            let Some(job) = self.all.get_mut(t.index).as_object_mut() else {
                continue;
            };
            let mut set = |k: &str, v: Value| {
                job.insert(k.to_string(), v);
            };
            let end = |set: &mut dyn FnMut(&str, Value), status: &str| {
                let end = now_us();
                set("status", json!(status));
                set("progress", Value::Null);
                set("enddate", json!(end));
            };
            if t.canceled {
                end(&mut set, "canceled");
                set("message", json!("Job canceled by user"));
                t.done = true;
                continue;
            }
            let age = now.duration_since(t.created).as_secs_f64();
            let mut fraction = if t.duration.is_zero() {
                1.0
            } else {
                age / t.duration.as_secs_f64()
            };
            if t.outcome == JobOutcome::Hang {
                fraction = fraction.min(0.99);
            }
            if fraction < 0.2 {
                set("status", json!("queued"));
                set("progress", json!(0));
            } else if fraction < 1.0 {
                set("status", json!("running"));
                set("progress", json!((fraction * 100.0) as i64));
                if !job_has(job, "startdate") {
                    job.insert("startdate".into(), json!(now_us()));
                }
            } else {
                match &t.outcome {
                    JobOutcome::Fail { errorcode, message } => {
                        end(&mut set, "failed");
                        set("errorcode", json!(errorcode));
                        set("message", json!(message));
                    }
                    _ => {
                        end(&mut set, "succeeded");
                        set("message", json!("Success"));
                    }
                }
                set("duration", json!(t.duration.as_micros() as i64));
                t.done = true;
            }
        }
    }

    /// Queues a new job and returns its id.
    fn start(&mut self, jobclass: &str, code: i64, label: Option<&str>, about: &Value) -> String {
        let n = self.all.len();
        let id = (9_000_000 + n).to_string();
        let field = |k: &str| about.get(k).cloned().unwrap_or(Value::Null);
        let mut job = json!({
            "@type": "jobStatusRest",
            "id": id,
            "href": format!("https://console.example.com/actifio/job/{id}"),
            "jobname": format!("Job_{:07}", 80_000 + n),
            "jobclass": jobclass,
            "jobclasscode": code,
            "status": "queued",
            "progress": 0,
            "appid": field("appid"),
            "appname": field("appname"),
            "apptype": field("apptype"),
            "queuedate": now_us(),
            "isscheduled": false,
            "priority": "high",
            "clusterid": "142700167048"
        });
        if let Some(label) = label {
            job["label"] = json!(label);
        }
        if let Some(host) = about.get("hostname") {
            job["hostname"] = host.clone();
        }
        self.all.push(job);
        self.tracked.push(Tracked {
            index: n,
            created: Instant::now(),
            duration: self.duration,
            outcome: self.outcome.clone(),
            canceled: false,
            done: false,
        });
        id
    }
}

fn job_has(job: &Map<String, Value>, key: &str) -> bool {
    job.get(key).is_some_and(|v| !v.is_null())
}

fn pending(job: &Value) -> bool {
    matches!(
        job["status"].as_str(),
        Some("queued" | "running" | "initializing")
    )
}

fn bad_request(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, 10020, message)
}

fn not_found(what: &str, id: &str) -> Response {
    error(
        StatusCode::NOT_FOUND,
        10023,
        &format!("{what} {id} is not found"),
    )
}

fn parse_body(body: &[u8]) -> Result<Value, Response> {
    serde_json::from_slice::<Value>(body)
        .ok()
        .filter(Value::is_object)
        .ok_or_else(|| bad_request("the request body is not a JSON object"))
}

/// An id sent as a string or a number (clients send both).
fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Answers the estate and action routes; `None` leaves the request to the other routes.
pub(super) fn route(
    sim: &Shared,
    method: &Method,
    segments: &[&str],
    uri: &Uri,
    body: &[u8],
) -> Option<Response> {
    let estate = &sim.estate;
    let m = method.as_str();
    Some(match (m, segments) {
        ("GET" | "HEAD", ["actifio", "jobstatus"]) => {
            let jobs = refreshed(&estate.jobs);
            list(sim, m == "HEAD", uri, &jobs.all)
        }
        ("GET" | "HEAD", ["actifio", "job"]) => {
            let jobs = refreshed(&estate.jobs);
            let running: Vec<Value> = jobs.all.iter().filter(|j| pending(j)).cloned().collect();
            list(sim, m == "HEAD", uri, &running.into())
        }
        ("GET", ["actifio", "job", id]) => {
            let jobs = refreshed(&estate.jobs);
            match jobs.all.iter().find(|j| j["id"] == *id) {
                Some(found) => super::super::json(StatusCode::OK, found.clone()),
                None => not_found("job", id),
            }
        }
        ("PUT", ["actifio", "job", id]) => cancel(sim, id, body),
        ("OPTIONS", ["actifio", "jobstatus"]) => {
            let jobs = refreshed(&estate.jobs);
            options(&jobs.all)
        }
        ("OPTIONS", ["actifio", "job"]) => {
            let jobs = refreshed(&estate.jobs);
            let running: Vec<Value> = jobs.all.iter().filter(|j| pending(j)).cloned().collect();
            options(&running)
        }
        ("OPTIONS", ["actifio", "sla"]) => options(&estate.slas.lock().expect("slas lock").0),
        ("OPTIONS", ["actifio", name]) if estate.collection(name).is_some() => {
            options(estate.collection(name).unwrap_or_default())
        }
        ("GET" | "HEAD", ["actifio", name]) if estate.collection(name).is_some() => list(
            sim,
            m == "HEAD",
            uri,
            estate.collection(name).unwrap_or_default(),
        ),
        ("GET", ["actifio", "slt", id, "policy"]) => match estate::policies(id) {
            Some(policies) => list(sim, false, uri, &policies.into()),
            None => not_found("slt", id),
        },
        ("GET", ["actifio", name, id]) if estate.collection(name).is_some() => {
            let items = estate.collection(name).unwrap_or_default();
            match items.iter().find(|v| v["id"] == *id) {
                Some(found) => super::super::json(StatusCode::OK, found.clone()),
                None => not_found(name, id),
            }
        }
        ("GET" | "HEAD", ["actifio", "sla"]) => list_slas(sim, m == "HEAD", uri),
        ("POST", ["actifio", "sla"]) => create_sla(sim, body),
        ("GET", ["actifio", "sla", id]) => {
            let slas = estate.slas.lock().expect("slas lock");
            match slas.0.iter().find(|v| v["id"] == *id) {
                Some(found) => super::super::json(StatusCode::OK, found.clone()),
                None => not_found("sla", id),
            }
        }
        ("PUT", ["actifio", "sla", id]) => update_sla(sim, id, body),
        ("DELETE", ["actifio", "sla", id]) => {
            let mut slas = estate.slas.lock().expect("slas lock");
            match slas.0.iter().position(|v| v["id"] == *id) {
                Some(i) => {
                    slas.0.remove(i);
                    StatusCode::NO_CONTENT.into_response()
                }
                None => not_found("sla", id),
            }
        }
        ("POST", ["actifio", "application", id, "backup"]) => backup_now(sim, id, body),
        ("POST", ["actifio", "backup", id, action]) => image_action(sim, id, action, uri, body)?,
        _ => return None,
    })
}

fn backup_now(sim: &Shared, app_id: &str, body: &[u8]) -> Response {
    let Some(app) = sim.applications.iter().find(|a| a["id"] == *app_id) else {
        return not_found("application", app_id);
    };
    let body = match parse_body(body) {
        Ok(b) => b,
        Err(e) => return e,
    };
    if id_of(&body["policy"]["id"]).is_none() {
        return bad_request("policy id is required to run a backup now");
    }
    let about = json!({"appid": app["id"], "appname": app["appname"], "apptype": app["apptype"], "hostname": app["host"]["name"]});
    let label = body["label"].as_str();
    let mut jobs = sim.estate.jobs.write().expect("jobs lock");
    jobs.start("snapshot", 1, label, &about);
    StatusCode::NO_CONTENT.into_response()
}

fn image_action(sim: &Shared, id: &str, action: &str, uri: &Uri, body: &[u8]) -> Option<Response> {
    let (class, code) = match action {
        "mount" => ("mount", 5),
        "unmount" => ("unmount", 6),
        "restore" => ("restore", 8),
        "clone" => ("clone", 11),
        "expire" => ("expiration", 9),
        _ => return None,
    };
    let Some(image) = sim.backups.iter().find(|b| b["id"] == *id) else {
        return Some(not_found("backup", id));
    };
    let body = if action == "expire" {
        let force = query_pairs(uri)
            .into_iter()
            .find(|(k, _)| k == "force")
            .map(|(_, v)| v);
        if force
            .as_deref()
            .is_some_and(|v| v != "true" && v != "false")
        {
            return Some(bad_request("force must be true or false"));
        }
        json!({})
    } else {
        match parse_body(body) {
            Ok(b) => b,
            Err(e) => return Some(e),
        }
    };
    let mut about =
        json!({"appid": image["appid"], "appname": image["appname"], "apptype": image["apptype"]});
    if action == "mount" || action == "clone" {
        let host = id_of(&body["host"]["id"]);
        let hostname = body["hostname"].as_str().map(str::to_string);
        let target = match (host, hostname) {
            (Some(h), _) => match sim.estate.hosts.iter().find(|v| v["id"] == h.as_str()) {
                Some(found) => found["name"].clone(),
                None => return Some(not_found("host", &h)),
            },
            (None, Some(name)) => json!(name),
            (None, None) => {
                return Some(bad_request(&format!(
                    "{action} needs a target host (host.id) or a new host name (hostname)"
                )));
            }
        };
        about["hostname"] = target;
    }
    let label = body["label"].as_str();
    let mut jobs = sim.estate.jobs.write().expect("jobs lock");
    jobs.start(class, code, label, &about);
    Some(StatusCode::NO_CONTENT.into_response())
}

fn cancel(sim: &Shared, id: &str, body: &[u8]) -> Response {
    let body = match parse_body(body) {
        Ok(b) => b,
        Err(e) => return e,
    };
    if body["status"] != "cancel" {
        return bad_request("the only job change is {\"status\":\"cancel\"}");
    }
    let mut jobs = sim.estate.jobs.write().expect("jobs lock");
    jobs.refresh();
    let Some(index) = jobs.all.iter().position(|j| j["id"] == *id) else {
        return not_found("job", id);
    };
    if !pending(&jobs.all[index]) {
        return error(
            StatusCode::BAD_REQUEST,
            10023,
            &format!(
                "job {id} has already ended ({})",
                jobs.all[index]["status"].as_str().unwrap_or("unknown")
            ),
        );
    }
    match jobs.tracked.iter_mut().find(|t| t.index == index) {
        Some(t) => t.canceled = true,
        None => {
            // A job of the initial estate: canceled at once.
            jobs.all.get_mut(index)["status"] = json!("canceled");
            jobs.all.get_mut(index)["progress"] = Value::Null;
        }
    }
    let job = &jobs.all[index];
    super::super::json(
        StatusCode::OK,
        json!({
            "@type": "jobRest",
            "id": id,
            "jobname": job["jobname"],
            "status": job["status"],
            "changerequesttext": "cancel requested"
        }),
    )
}

/// `GET|HEAD /sla`: an `appid:==<id>` filter selects the SLA of an application (the console
/// resolves it through `application.id`); the other conditions go to the list machinery.
fn list_slas(sim: &Shared, head: bool, uri: &Uri) -> Response {
    let pairs = query_pairs(uri);
    let apps: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "filter")
        .filter_map(|(_, v)| v.strip_prefix("appid:==").map(str::to_string))
        .collect();
    let slas = sim.estate.slas.lock().expect("slas lock");
    if apps.is_empty() {
        return list(sim, head, uri, &slas.0);
    }
    let selected: Vec<Value> = slas
        .0
        .iter()
        .filter(|s| {
            s["application"]["id"]
                .as_str()
                .is_some_and(|a| apps.iter().any(|x| x == a))
        })
        .cloned()
        .collect();
    let rest: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(
            pairs
                .iter()
                .filter(|(k, v)| !(k == "filter" && v.starts_with("appid:==")))
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .finish();
    let uri: Uri = format!("{}?{rest}", uri.path())
        .parse()
        .unwrap_or_else(|_| uri.clone());
    list(sim, head, &uri, &selected.into())
}

/// A reference `{id, href, name}` to an object of `items`, or the error naming what is missing.
fn reference(items: &[Value], what: &str, id: Option<String>) -> Result<Value, Response> {
    let id = id.ok_or_else(|| bad_request(&format!("{what}.id is required")))?;
    let found = items
        .iter()
        .find(|v| v["id"] == id.as_str())
        .ok_or_else(|| not_found(what, &id))?;
    Ok(
        json!({"id": id, "href": found["href"], "name": found["name"].as_str().or(found["appname"].as_str())}),
    )
}

fn create_sla(sim: &Shared, body: &[u8]) -> Response {
    let body = match parse_body(body) {
        Ok(b) => b,
        Err(e) => return e,
    };
    let refs = (|| {
        Ok::<_, Response>((
            reference(
                &sim.applications,
                "application",
                id_of(&body["application"]["id"]),
            )?,
            reference(&sim.estate.slts, "slt", id_of(&body["slt"]["id"]))?,
            reference(&sim.estate.slps, "slp", id_of(&body["slp"]["id"]))?,
        ))
    })();
    let (application, slt, slp) = match refs {
        Ok(r) => r,
        Err(e) => return e,
    };
    let mut slas = sim.estate.slas.lock().expect("slas lock");
    if slas
        .0
        .iter()
        .any(|s| s["application"]["id"] == application["id"])
    {
        return error(
            StatusCode::BAD_REQUEST,
            10023,
            &format!(
                "application {} is already protected",
                application["id"].as_str().unwrap_or_default()
            ),
        );
    }
    slas.1 += 1;
    let id = slas.1.to_string();
    let text = |k: &str| body[k].as_str().unwrap_or("false").to_string();
    let sla = json!({
        "@type": "slaRest",
        "id": id,
        "href": format!("https://console.example.com/actifio/sla/{id}"),
        "application": application,
        "slt": slt,
        "slp": slp,
        "scheduleoff": text("scheduleoff"),
        "expirationoff": text("expirationoff"),
        "dedupasyncoff": text("dedupasyncoff"),
        "logexpirationoff": body["logexpirationoff"].as_bool().unwrap_or(false),
        "description": body["description"],
        "modifydate": now_us(),
        "stale": false
    });
    slas.0.push(sla.clone());
    super::super::json(StatusCode::OK, sla)
}

fn update_sla(sim: &Shared, id: &str, body: &[u8]) -> Response {
    let body = match parse_body(body) {
        Ok(b) => b,
        Err(e) => return e,
    };
    for flag in ["scheduleoff", "expirationoff", "dedupasyncoff"] {
        if let Some(v) = body.get(flag)
            && !matches!(v.as_str(), Some("true" | "false"))
        {
            return bad_request(&format!("{flag} must be the string \"true\" or \"false\""));
        }
    }
    let slt = match body.get("slt") {
        Some(s) => match reference(&sim.estate.slts, "slt", id_of(&s["id"])) {
            Ok(r) => Some(r),
            Err(e) => return e,
        },
        None => None,
    };
    let slp = match body.get("slp") {
        Some(s) => match reference(&sim.estate.slps, "slp", id_of(&s["id"])) {
            Ok(r) => Some(r),
            Err(e) => return e,
        },
        None => None,
    };
    let mut slas = sim.estate.slas.lock().expect("slas lock");
    let Some(index) = slas.0.iter().position(|v| v["id"] == *id) else {
        return not_found("sla", id);
    };
    let sla = slas.0.get_mut(index);
    for key in [
        "scheduleoff",
        "expirationoff",
        "dedupasyncoff",
        "logexpirationoff",
        "description",
    ] {
        if let Some(v) = body.get(key) {
            sla[key] = v.clone();
        }
    }
    if let Some(slt) = slt {
        sla["slt"] = slt;
    }
    if let Some(slp) = slp {
        sla["slp"] = slp;
    }
    sla["modifydate"] = json!(now_us());
    super::super::json(StatusCode::OK, sla.clone())
}
