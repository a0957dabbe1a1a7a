//! Druva AWS Native (`/awsnative`) in the simulator: one operation or more of every tag of the
//! area, answered for one organization (`org-1`) and one account (`acct-1`).
//!
//! The bodies are data: `druva_aws_bodies.json` holds one body per schema, derived from the
//! schemas of `specs/druva.yaml` (which follow Druva's `aws-native.json`, every field) and filled
//! with this project's own values; the lists give each item its own id. Paged lists answer
//! `{total, hits}` for `offset` and `pageSize` (`limit` for tasks) and serve at most two items
//! a page whatever was asked, as a server that caps its page size does.

use std::sync::OnceLock;

use axum::http::{Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};

use super::{query_pairs, query_value};

/// The organization the simulator knows.
pub const ORGANIZATION: &str = "org-1";
/// The account the simulator knows.
pub const ACCOUNT: &str = "acct-1";
/// Items a list page holds at most, whatever the request asks.
pub const PAGE_CAP: usize = 2;

/// The body of schema `schema` (a name of `specs/druva.yaml`), as the simulator sends it.
///
/// # Panics
///
/// When the data file has no body for `schema` (a test names a schema it does not hold).
pub fn body(schema: &str) -> Value {
    static BODIES: OnceLock<Value> = OnceLock::new();
    let bodies = BODIES.get_or_init(|| {
        serde_json::from_str(include_str!("druva_aws_bodies.json"))
            .expect("druva_aws_bodies.json is JSON")
    });
    bodies
        .get(schema)
        .cloned()
        .unwrap_or_else(|| panic!("druva_aws_bodies.json has no body for {schema}"))
}

/// `body(schema)` with `fields` replaced (an item of a list, with its own id).
///
/// # Panics
///
/// When a field is not one of the schema's (the body would send a key the SDK does not know).
fn with(schema: &str, fields: Value) -> Value {
    let mut item = body(schema);
    if let (Value::Object(item), Value::Object(fields)) = (&mut item, fields) {
        for (key, value) in fields {
            let slot = item
                .get_mut(&key)
                .unwrap_or_else(|| panic!("{schema} has no field {key}"));
            *slot = value;
        }
    }
    item
}

/// The `n`-th audit record (ids 1, 2, ...).
pub fn audit(n: i64) -> Value {
    with("AwsAudit", json!({"id": n, "operation": format!("op-{n}")}))
}

/// The `n`-th backup policy of the list.
pub fn policy(n: i64) -> Value {
    with(
        "AwsPolicySummary",
        json!({"id": n, "name": format!("daily-{n}")}),
    )
}

/// The `n`-th backup (an EBS snapshot).
pub fn backup(n: i64) -> Value {
    with(
        "AwsBackup",
        json!({"_id": format!("snap-{n:04}"), "Id": format!("snap-{n:04}")}),
    )
}

/// The `n`-th environment clone.
pub fn clone(n: i64) -> Value {
    with(
        "AwsClone",
        json!({"stack_name": format!("clone-{n}"), "job_id": format!("job-{n}")}),
    )
}

/// The `n`-th resource of an account.
pub fn resource(n: i64) -> Value {
    with("AwsResource", json!({"_id": format!("i-{n:04}")}))
}

/// The `n`-th server of an account.
pub fn server(n: i64) -> Value {
    with(
        "AwsServer",
        json!({"_id": format!("i-{n:04}"), "InstanceId": format!("i-{n:04}")}),
    )
}

/// The `n`-th task.
pub fn task(n: i64) -> Value {
    with("AwsTask", json!({"id": format!("task-{n}")}))
}

/// `count` items made by `item`, as the page at `offset` of at most `size` (and `PAGE_CAP`).
fn page(count: i64, offset: Option<&str>, size: Option<&str>, item: fn(i64) -> Value) -> Value {
    let offset: i64 = offset.and_then(|o| o.parse().ok()).unwrap_or(0);
    let size: i64 = size.and_then(|s| s.parse().ok()).unwrap_or(30);
    let size = size.min(PAGE_CAP as i64);
    let hits: Vec<Value> = (offset + 1..=count)
        .take(size.max(0) as usize)
        .map(item)
        .collect();
    json!({"total": count, "hits": hits})
}

fn ok(body: Value) -> Option<Response> {
    Some(super::json(StatusCode::OK, body))
}

fn not_found(what: &str) -> Option<Response> {
    Some(super::json(
        StatusCode::NOT_FOUND,
        json!({"message": format!("{what} not found")}),
    ))
}

/// AWS Native, or `None` for another path.
pub(super) fn route(
    method: &Method,
    segments: &[&str],
    uri: &Uri,
    request: &[u8],
) -> Option<Response> {
    let ["awsnative", "organizations", rest @ ..] = segments else {
        return None;
    };
    let pairs = query_pairs(uri);
    let query = |key: &str| query_value(&pairs, key);
    let [org, rest @ ..] = rest else {
        return (method == Method::GET)
            .then(|| super::json(StatusCode::OK, body("GetOrganizationsByIdResponse")));
    };
    if *org != ORGANIZATION {
        return not_found("organization");
    }
    let account = match rest {
        ["accounts", account, ..] => Some(*account),
        _ => None,
    };
    if account.is_some_and(|a| a != ACCOUNT) {
        return not_found("account");
    }
    match (method.as_str(), rest) {
        ("GET", ["accounts", _]) => ok(with(
            "GetOrganizationsAccountsByIdResponse",
            json!({"id": ACCOUNT, "organization_id": ORGANIZATION}),
        )),
        ("GET", ["audits"]) => ok(page(5, query("offset"), query("pageSize"), audit)),
        ("GET", ["audits", "count"]) => ok(json!({"count": 5})),
        ("GET", ["accounts", _, "aws", "regions", _, "vpcs"]) => {
            ok(body("GetOrganizationsAccountsAwsRegionsVpcsResponse"))
        }
        ("GET", ["policies"]) => ok(page(3, query("offset"), query("pageSize"), policy)),
        ("GET", ["policies", id]) => match id.parse::<i64>() {
            Ok(n @ 1..=3) => ok(with(
                "GetOrganizationsPoliciesByIdResponse",
                json!({"id": n, "name": format!("daily-{n}")}),
            )),
            _ => not_found("policy"),
        },
        ("GET", ["accounts", _, "backups"]) => {
            ok(page(3, query("offset"), query("pageSize"), backup))
        }
        ("GET", ["accounts", _, "buckets", id]) => ok(with(
            "GetOrganizationsAccountsBucketsByIdResponse",
            json!({"Id": id, "Name": id}),
        )),
        ("GET", ["accounts", _, "disasterrecoveryplans", id]) => ok(with(
            "GetOrganizationsAccountsDisasterrecoveryplansByIdResponse",
            json!({"id": id.parse::<i64>().unwrap_or(0)}),
        )),
        ("GET", ["accounts", _, "environments", "clones"]) => {
            ok(page(3, query("offset"), query("pageSize"), clone))
        }
        ("GET", ["accounts", _, "filelevelsearch", "searches", id]) => ok(with(
            "GetOrganizationsAccountsFilelevelsearchSearchesByIdResponse",
            json!({"search_id": id}),
        )),
        ("PUT", ["notification_settings"]) => {
            // The settings as saved: what was sent.
            match serde_json::from_slice::<Value>(request) {
                Ok(settings @ Value::Array(_)) => ok(settings),
                _ => Some(super::json(
                    StatusCode::BAD_REQUEST,
                    json!({"message": "the body must be an array of settings"}),
                )),
            }
        }
        ("POST", ["onboarding", stack]) => ok(with(
            "PostOrganizationsOnboardingByIdResponse",
            json!({"Name": stack}),
        )),
        ("GET", ["reports", id]) => ok(with(
            "GetOrganizationsReportsByIdResponse",
            json!({"id": id.parse::<i64>().unwrap_or(0), "status": "complete"}),
        )),
        ("GET", ["reportsubscriptions"]) => ok(body("GetOrganizationsReportsubscriptionsResponse")),
        ("GET", ["reporttemplates", id]) => ok(with(
            "GetOrganizationsReportTemplatesResponse",
            json!({"id": id}),
        )),
        ("GET", ["accounts", _, "resources"]) => {
            ok(page(5, query("offset"), query("pageSize"), resource))
        }
        ("GET", ["accounts", _, "restores", id]) => ok(with(
            "GetOrganizationsAccountsRestoresByIdResponse",
            json!({"id": id.parse::<i64>().unwrap_or(0)}),
        )),
        ("GET", ["accounts", _, "schedules"]) => {
            ok(body("GetOrganizationsAccountsSchedulesResponse"))
        }
        ("GET", ["scripts"]) => ok(body("GetOrganizationsScriptsResponse")),
        ("GET", ["accounts", _, "servers"]) => {
            ok(page(3, query("offset"), query("pageSize"), server))
        }
        ("GET", ["tasks"]) => ok(page(4, query("offset"), query("limit"), task)),
        ("GET", ["tasks", id]) => ok(with("GetOrganizationsTasksByIdResponse", json!({"id": id}))),
        ("GET", ["accounts", _, "volumes", id]) => ok(with(
            "GetOrganizationsAccountsVolumesByIdResponse",
            json!({"VolumeId": id}),
        )),
        ("GET", ["vpcs"]) => ok(body("GetOrganizationsVpcsResponse")),
        _ => None,
    }
}
