//! The MSP side of the Druva simulator (`/msp`).
//!
//! Faithful to Druva's MSP document and the research (`druva.md` §1, §3.5, §4): MSP tokens come
//! from `POST /msp/auth/v1/token` (a separate credential) and are the only tokens the `/msp` APIs
//! accept; a customer token comes from `POST /msp/v2/customers/{id}/token` with the MSP token and
//! is an ordinary token of the customer's own APIs (404 for an unknown customer). The customer
//! list pages at most 100 with `pageSize` as a string, and a later page must carry the token
//! alone (400 otherwise); writes answer a task id.
//!
//! Bodies are written from the schemas and examples of Druva's documents as this project's own
//! data; [`customer`], [`tenant`], [`task`] and the others are public so that tests can check
//! that the SDK's types keep every field of them.

use axum::http::{Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};

use super::{query_pairs, query_value};

/// Largest `pageSize` of the MSP v3 lists.
pub const MAX_MSP_PAGE: usize = 100;

/// Customer `i` (ids `cust-1`, `cust-2`, ...).
pub fn customer(i: usize) -> Value {
    json!({
        "id": format!("cust-{i}"),
        "accountName": format!("acme{i}"),
        "customerName": format!("Acme {i} Ltd"),
        "address": format!("{i} Harbour Road, Pune"),
        "phone": format!("+91-20-5550-{i:04}"),
        "features": [{"name": "Ransomware Recovery", "attrs": [{"name": "enabled", "value": true}]}],
        "tenantAdmins": [11, 12],
        "status": 1,
        "createdOn": "2025-04-01T08:00:00Z",
        "activeSince": "2025-04-02T08:00:00Z",
        "attributes": [{"name": "region", "value": "EMEA"}],
        "cloud": 1
    })
}

/// The tenant (an Endpoints subscription) of customer `i`.
pub fn tenant(i: usize) -> Value {
    json!({
        "id": format!("tenant-{i}"),
        "customerID": format!("cust-{i}"),
        "productID": 1,
        "licenseExpiryDate": "2027-03-31T23:59:59Z",
        "quota": 1024.5,
        "quotaStartDate": "2026-04-01T00:00:00Z",
        "quotaEndDate": "2027-03-31T23:59:59Z",
        "servicePlanID": 3,
        "edition": "enterprise",
        "storageRegions": [{"name": "ap-south-1", "storageProvider": 1}],
        "features": [{"name": "Legal Hold", "isEnabled": true, "attrs": [{"name": "seats", "value": 250}]}],
        "tenantType": 1,
        "status": 1,
        "createdOn": "2025-04-01T08:00:00Z",
        "activeSince": "2025-04-02T08:00:00Z",
        "deleteDate": ""
    })
}

/// A finished task that created `entity`.
pub fn task(id: &str, entity: &str) -> Value {
    json!({
        "id": id,
        "name": "CreateCustomer",
        "entityType": "customer",
        "entityId": entity,
        "status": 4,
        "output": {"failed": 0, "successResp": {"entityId": entity}, "errorResp": {"code": 0, "message": ""}},
        "createdOn": "2026-11-30T10:00:00Z",
        "updatedOn": "2026-11-30T10:00:07Z"
    })
}

/// An MSP administrator.
pub fn admin() -> Value {
    json!({
        "id": 11, "email": "msp.admin@example.com", "firstName": "Asha", "lastName": "Rao",
        "phone": "+91-20-5550-0001", "timezone": "Asia/Kolkata", "status": 1, "role": 2,
        "active": true, "createdBy": 1, "lastLogin": "2026-11-30T09:12:00Z"
    })
}

/// A service plan.
pub fn service_plan() -> Value {
    json!({
        "id": 3, "name": "Endpoints Enterprise", "status": 1,
        "products": [{"edition": "enterprise", "productID": 1,
            "features": [{"name": "Legal Hold", "isEnabled": true, "attrs": [{"name": "seats", "value": 250}]}]}]
    })
}

/// An MSP-level event.
pub fn event(i: usize) -> Value {
    json!({
        "category": "AUDIT", "customerName": "Acme 1 Ltd",
        "details": {"admin": "msp.admin@example.com", "action": "login"},
        "feature": "MSP Portal", "globalID": format!("ev-{i}"), "timeStamp": 1_764_500_000 + i,
        "syslogFacility": 13, "syslogSeverity": 6, "type": "Login"
    })
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    super::json(status, json!({"code": code, "message": message}))
}

/// A page of the customer list: `pageSize` (a string, at most 100) on the first page only.
fn customer_page(uri: &Uri, customers: usize) -> Response {
    let pairs = query_pairs(uri);
    let token = query_value(&pairs, "pageToken").filter(|t| !t.is_empty());
    let (start, size) = match token {
        Some(t) => {
            if pairs.iter().any(|(k, _)| k != "pageToken") {
                return error(
                    StatusCode::BAD_REQUEST,
                    "MSP-4001",
                    "pageToken and other parameters are mutually exclusive.",
                );
            }
            let Some((start, size)) = t
                .strip_prefix("cust.")
                .and_then(|t| t.split_once('.'))
                .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
            else {
                return error(StatusCode::BAD_REQUEST, "MSP-4002", "Invalid page token.");
            };
            (start, size)
        }
        None => {
            let size = match query_value(&pairs, "pageSize") {
                None => 10,
                Some(s) => match s.parse::<usize>() {
                    Ok(n) if (1..=MAX_MSP_PAGE).contains(&n) => n,
                    _ => {
                        return error(StatusCode::BAD_REQUEST, "MSP-4003", "Invalid pageSize.");
                    }
                },
            };
            (0, size)
        }
    };
    let end = (start + size).min(customers);
    let next = if end < customers {
        format!("cust.{end}.{size}")
    } else {
        String::new()
    };
    let items: Vec<Value> = (start..end).map(|i| customer(i + 1)).collect();
    super::json(
        StatusCode::OK,
        json!({"customers": items, "nextPageToken": next}),
    )
}

/// Whether `id` names one of the `customers` customers.
pub(super) fn is_customer(id: &str, customers: usize) -> bool {
    id.strip_prefix("cust-")
        .and_then(|n| n.parse::<usize>().ok())
        .is_some_and(|n| (1..=customers).contains(&n))
}

/// The `/msp` APIs (the caller has checked the MSP token), or `None` for another path.
pub(super) fn route(
    method: &Method,
    segments: &[&str],
    uri: &Uri,
    customers: usize,
) -> Option<Response> {
    let ok = |body: Value| Some(super::json(StatusCode::OK, body));
    match (method.as_str(), segments) {
        ("GET", ["msp", "v2", "admins"]) => ok(json!({"admins": [admin()], "nextPageToken": ""})),
        ("GET", ["msp", "v3", "servicePlans"]) => {
            ok(json!({"servicePlans": [service_plan()], "nextPageToken": ""}))
        }
        ("GET", ["msp", "v3", "servicePlans", "3"]) => ok(service_plan()),
        ("GET", ["msp", "v3", "customers"]) => Some(customer_page(uri, customers)),
        ("POST", ["msp", "v3", "customers"]) => ok(json!({"task": {"id": "task-1"}})),
        ("GET", ["msp", "v3", "customers", id]) if is_customer(id, customers) => {
            ok(customer(id[5..].parse().unwrap_or(1)))
        }
        ("GET", ["msp", "v3", "tenants"]) => ok(json!({
            "tenants": (1..=customers.min(3)).map(tenant).collect::<Vec<_>>(),
            "nextPageToken": ""
        })),
        ("GET", ["msp", "v2", "events"]) => ok(json!({
            "events": (0..3).map(event).collect::<Vec<_>>(),
            "nextPageToken": ""
        })),
        ("GET", ["msp", "v2", "storage-regions"]) => ok(json!({
            "storageRegions": [{"productID": 1, "regions": [{"name": "ap-south-1", "storageProvider": 1}]}]
        })),
        ("GET", ["msp", "v2", "tasks", id]) => ok(task(id, "cust-8")),
        _ => Some(error(
            StatusCode::NOT_FOUND,
            "MSP-404",
            "The requested resource was not found.",
        )),
    }
}
