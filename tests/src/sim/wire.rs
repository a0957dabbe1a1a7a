//! Recording of what clients send, with secrets redacted, for wire snapshots.

use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;

/// Headers that carry no meaning for a snapshot (transport details that vary by client build).
const NOISE_HEADERS: &[&str] = &[
    "host",
    "content-length",
    "user-agent",
    "accept-encoding",
    "connection",
];

/// JSON body keys whose values are secrets and never recorded.
const SECRET_KEYS: &[&str] = &[
    "password",
    "secret",
    "client_secret",
    "access_token",
    "token",
    "session_id",
    "newPassword",
    "currentPassword",
    "new_password",
    "current_password",
    // DD OS 8.x `format: password` fields.
    "rem_password",
    "clientSecret",
    "sysadminPassword",
    "registrationAccessToken",
    "peerPwd",
    "accessKey",
    "pin",
    "peerAccessKey",
    "peerPin",
    "passphrase",
    "access_key",
    "secret_key",
    "primaryKey",
];

/// One request as a client put it on the wire, secrets redacted.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WireRecord {
    /// HTTP method.
    pub method: String,
    /// Path and query exactly as received (percent-encoding preserved).
    pub uri: String,
    /// Meaningful headers in the order received, lower-cased names, secrets redacted.
    pub headers: Vec<(String, String)>,
    /// The body: JSON with secret values redacted, form bodies as text, or `None` when empty.
    pub body: Option<serde_json::Value>,
}

/// A shared, append-only log of the requests a simulator received.
#[derive(Debug, Clone, Default)]
pub struct WireLog(Arc<Mutex<Vec<WireRecord>>>);

impl WireLog {
    /// Returns every record so far and empties the log.
    pub fn take(&self) -> Vec<WireRecord> {
        std::mem::take(&mut *self.0.lock().expect("wire log lock"))
    }

    /// Returns a copy of every record so far.
    pub fn records(&self) -> Vec<WireRecord> {
        self.0.lock().expect("wire log lock").clone()
    }

    /// Number of records matching `method` whose path (without query) equals `path`.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.0
            .lock()
            .expect("wire log lock")
            .iter()
            .filter(|r| r.method == method && r.uri.split('?').next() == Some(path))
            .count()
    }

    fn push(&self, record: WireRecord) {
        self.0.lock().expect("wire log lock").push(record);
    }
}

/// Redacts a header value if the header carries a credential; keeps the auth scheme visible.
fn redact_header(name: &str, value: &str) -> String {
    match name {
        "authorization" | "backupdr-management-session" => match value.split_once(' ') {
            Some((scheme, _)) => format!("{scheme} [redacted]"),
            None => "[redacted]".to_string(),
        },
        "x-dd-auth-token" | "x-dd-sec-officer" | "cookie" => "[redacted]".to_string(),
        _ => value.to_string(),
    }
}

fn redact_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if SECRET_KEYS.contains(&k.as_str()) {
                    *v = serde_json::Value::String("[redacted]".into());
                } else {
                    redact_json(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

fn body_value(bytes: &Bytes) -> Option<serde_json::Value> {
    if bytes.is_empty() {
        return None;
    }
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(mut v) => {
            redact_json(&mut v);
            Some(v)
        }
        Err(_) => Some(serde_json::Value::String(
            String::from_utf8_lossy(bytes).into_owned(),
        )),
    }
}

/// axum middleware that appends every request to the [`WireLog`] in its state.
pub async fn record(State(log): State<WireLog>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let headers = parts
        .headers
        .iter()
        .filter(|(n, _)| !NOISE_HEADERS.contains(&n.as_str()))
        .map(|(n, v)| {
            let name = n.as_str().to_string();
            let value = redact_header(&name, &String::from_utf8_lossy(v.as_bytes()));
            (name, value)
        })
        .collect();
    log.push(WireRecord {
        method: parts.method.to_string(),
        uri: parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        headers,
        body: body_value(&bytes),
    });
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
