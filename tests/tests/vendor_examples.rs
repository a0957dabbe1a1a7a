//! Nothing dropped silently: every example that the vendors' published API documents give for a
//! success response of an operation our specs cover decodes into our generated type, and
//! re-serializing it gives back every key it had.
//!
//! Every response field of our specs is optional and unknown keys are ignored, so a field the
//! spec lacks (or names differently) decodes "successfully" and is gone. This test reads the
//! documents in place (`../shared/research/vendor-specs/`, next to the workspace), matches their
//! operations with ours by method and path (parameter names folded, the server's path in front),
//! decodes each example (`example`, `examples.*.value` of the media type, and the `example` of
//! the response schema) and lists every key present in the input but absent in the output.
//! The list must be empty, or each entry in [`DELIBERATE`] with its reason, for every vendor.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use sdk_tests::keys::lost_keys;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Keys the decoding drops on purpose: (document, `METHOD /path` as the document writes it,
/// key path in the example, reason).
const DELIBERATE: &[(&str, &str, &str, &str)] = &[
    (
        "mgmt-v11.0.4-swagger.yaml",
        "GET /localaudit/{audit_id}",
        "/createdate",
        AUDIT_IS_NOT_AN_ORGANIZATION,
    ),
    (
        "mgmt-v11.0.4-swagger.yaml",
        "GET /localaudit/{audit_id}",
        "/description",
        AUDIT_IS_NOT_AN_ORGANIZATION,
    ),
    (
        "mgmt-v11.0.4-swagger.yaml",
        "GET /localaudit/{audit_id}",
        "/modifydate",
        AUDIT_IS_NOT_AN_ORGANIZATION,
    ),
    (
        "mgmt-v11.0.4-swagger.yaml",
        "GET /localaudit/{audit_id}",
        "/name",
        AUDIT_IS_NOT_AN_ORGANIZATION,
    ),
    (
        "mgmt-v11.0.4-swagger.yaml",
        "GET /localaudit/{audit_id}",
        "/resourcecollection",
        AUDIT_IS_NOT_AN_ORGANIZATION,
    ),
    (
        "mgmt-v11.0.4-swagger.yaml",
        "GET /localaudit/{audit_id}",
        "/version",
        AUDIT_IS_NOT_AN_ORGANIZATION,
    ),
];

/// Why the console's example of one audit record loses the keys of an organization.
const AUDIT_IS_NOT_AN_ORGANIZATION: &str = "the document gives `OrganizationRest` for one audit record; consoles answer an `auditRest` (research mgmt.md §7), so the example is an organization's";

fn vendor_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/research/vendor-specs")
}

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    } else {
        yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// Decodes `body` as `T` and serializes it back.
fn roundtrip<T: DeserializeOwned + Serialize>(body: &[u8]) -> Result<Value, String> {
    let decoded: T = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    let bytes = serde_json::to_vec(&decoded).map_err(|e| e.to_string())?;
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}

/// `fn $name(schema, body)`: the round trip through the generated type of a component schema,
/// or `None` when the table lacks it.
macro_rules! table {
    ($name:ident, $krate:ident, [$($t:ident),* $(,)?]) => {
        fn $name(schema: &str, body: &[u8]) -> Option<Result<Value, String>> {
            Some(match schema {
                $(stringify!($t) => roundtrip::<$krate::types::$t>(body),)*
                _ => return None,
            })
        }
    };
}

table!(
    ddmc,
    ddmc_sdk,
    [
        DdboostStorageUnitApiV3,
        FileSystemBlockStorage,
        FileSystemObjectStoreAws,
        StatsPerformanceV3List,
        StorageDiskList,
        SupportAssistEnabled,
    ]
);

table!(
    druva,
    druva_sdk,
    [
        TokenResponse,
        MspCustomerList,
        MspCustomer,
        MspServicePlanList,
        MspTenantList,
        CloudAppStatus,
        CloudAppDeviceList,
    ]
);

table!(
    mgmt,
    mgmt_sdk,
    [
        ApplianceUpdateReadmeRest,
        ListApplianceUpdateLogsRest,
        AdvancedOptionRest,
        AnyValue,
        AppClassRest,
        ApplianceUpdateInstallationJobRest,
        ApplianceUpdateRest,
        ApplicationRest,
        ArrayRest,
        AuditRest,
        BackupRest,
        CertificateRevocationRest,
        ClusterRest,
        ConsistencyGroupRest,
        DiskMappingRest,
        DiskPoolRest,
        DynamicProtectionJobConfigRest,
        DynamicProtectionRest,
        HostRest,
        ListAdvancedOptionRest,
        ListApplianceUpdateInstallationJobRest,
        ListApplicationRest,
        ListArrayRest,
        ListArrayTestResultRest,
        ListArrayTypeRest,
        ListAuditRest,
        ListBackupRest,
        ListClusterRest,
        ListConsistencyGroupRest,
        ListConsolidatedApplianceUpdatesRest,
        ListDiskPoolRest,
        ListDynamicProtectionRest,
        ListHostRest,
        ListJobStatusRest,
        ListLogicalGroupRest,
        ListOrganizationRest,
        ListPolicyRest,
        ListRest,
        ListRightRest,
        ListRoleRest,
        ListSlaRest,
        ListSlpRest,
        ListSltRest,
        ListStringRest,
        ListUserRest,
        ListWorkflowRest,
        LogicalGroupRest,
        OrganizationRest,
        PolicyRest,
        RestorePreflightRest,
        RightRest,
        RoleRest,
        SessionRest,
        SlaErrorWarningsRest,
        SlaRest,
        SlpRest,
        SltRest,
        UserRest,
        VersionDetailRest,
        VersionRest,
        WorkflowRest,
    ]
);

/// The round trip of a body through the generated type of a component schema (`None`: the
/// table has no such type).
type Decode = fn(&str, &[u8]) -> Option<Result<Value, String>>;

/// One of our specs and the documents of its vendor.
struct Api {
    spec: &'static str,
    /// File names of its documents start with this.
    documents: &'static str,
    decode: Decode,
}

const APIS: &[Api] = &[
    Api {
        spec: "specs/ddmc.yaml",
        documents: "dd-",
        decode: ddmc,
    },
    Api {
        spec: "specs/druva.yaml",
        documents: "druva-",
        decode: druva,
    },
    Api {
        spec: "specs/mgmt.yaml",
        documents: "mgmt-",
        decode: mgmt,
    },
];

const METHODS: [&str; 6] = ["get", "put", "post", "delete", "patch", "head"];

/// The path of the first server URL (`https://h/x/` and `//h/x` give `/x`).
fn base_path(doc: &Value) -> String {
    let url = doc
        .pointer("/servers/0/url")
        .and_then(Value::as_str)
        .unwrap_or("");
    let rest = if let Some((_, after)) = url.split_once("://") {
        after.split_once('/').map_or("", |(_, p)| p)
    } else if let Some(after) = url.strip_prefix("//") {
        after.split_once('/').map_or("", |(_, p)| p)
    } else {
        url.trim_start_matches('/')
    };
    let rest = rest.trim_end_matches('/');
    if rest.is_empty() {
        String::new()
    } else {
        format!("/{rest}")
    }
}

/// `METHOD /path` with every `{parameter}` written `{}`.
fn fold(method: &str, path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if inside => {}
            _ => out.push(c),
        }
    }
    format!(
        "{} {}",
        method.to_ascii_uppercase(),
        out.trim_end_matches('/')
    )
}

fn resolve<'a>(doc: &'a Value, mut v: &'a Value) -> &'a Value {
    for _ in 0..32 {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) if r.starts_with('#') => match doc.pointer(&r[1..]) {
                Some(next) => v = next,
                None => return v,
            },
            _ => return v,
        }
    }
    v
}

/// Our operations: folded `METHOD /path` → the component schema name of the first 2xx JSON
/// body (`None` when it has no body or an inline schema).
fn our_operations(spec: &Value) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for m in METHODS {
            let Some(op) = item.get(m) else { continue };
            let schema = op["responses"].as_object().and_then(|r| {
                let mut codes: Vec<&String> = r.keys().filter(|c| c.starts_with('2')).collect();
                codes.sort();
                codes.into_iter().find_map(|c| {
                    let r = resolve(spec, &r[c]);
                    let media = r.get("content")?.as_object()?.values().next()?;
                    let reference = media.get("schema")?.get("$ref")?.as_str()?;
                    Some(reference.rsplit('/').next()?.to_string())
                })
            });
            out.push((fold(m, path), schema));
        }
    }
    out
}

/// An example as JSON: readme.io exports (Druva's documents) hold bodies as JSON text. `null`
/// items of arrays are removed: the console document's example generator writes `[null]` where
/// a schema recurses (`SlpRest` in an `ApplicationRest` in an `SlpRest`...), which no answer
/// has; `null` object values stay (every field of our types is optional).
fn as_json(v: &Value) -> Value {
    fn strip(v: Value) -> Value {
        match v {
            Value::Array(items) => Value::Array(
                items
                    .into_iter()
                    .filter(|i| !i.is_null())
                    .map(strip)
                    .collect(),
            ),
            Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, strip(v))).collect())
            }
            other => other,
        }
    }
    strip(match v {
        Value::String(s) => match serde_json::from_str::<Value>(s) {
            Ok(parsed @ (Value::Object(_) | Value::Array(_))) => parsed,
            _ => v.clone(),
        },
        other => other.clone(),
    })
}

/// Every whole-body example of the success responses of `op`.
fn examples(doc: &Value, op: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let Some(responses) = op.get("responses").and_then(Value::as_object) else {
        return out;
    };
    for (code, r) in responses {
        if !code.starts_with('2') {
            continue;
        }
        let r = resolve(doc, r);
        for (media, m) in r
            .get("content")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if !media.contains("json") {
                continue;
            }
            if let Some(e) = m.get("example") {
                out.push((format!("{code} example"), as_json(e)));
            }
            for (name, e) in m
                .get("examples")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let e = resolve(doc, e);
                if let Some(v) = e.get("value") {
                    out.push((format!("{code} examples.{name}"), as_json(v)));
                }
            }
            if let Some(schema) = m.get("schema") {
                let schema = resolve(doc, schema);
                if let Some(e) = schema.get("example") {
                    out.push((format!("{code} schema example"), as_json(e)));
                }
                for (i, e) in schema
                    .get("examples")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    out.push((format!("{code} schema examples[{i}]"), as_json(e)));
                }
            }
        }
    }
    out
}

/// The problems found in the examples of the documents of `api`, and how many examples were
/// checked.
fn check(api: &Api) -> (Vec<String>, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = vendor_dir();
    let mut documents: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml")
            )
        })
        .collect();
    documents.sort();
    let mut problems = Vec::new();
    let mut checked = 0;
    let mut used = BTreeSet::new();
    {
        let spec = read(&root.join(api.spec));
        let ours = our_operations(&spec);
        for path in documents.iter().filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(api.documents))
        }) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
            let doc = read(path);
            let base = base_path(&doc);
            for (p, item) in doc["paths"].as_object().expect("paths") {
                for m in METHODS {
                    let Some(op) = item.get(m) else { continue };
                    let key = fold(m, &format!("{base}{p}"));
                    let Some((_, schema)) = ours.iter().find(|(k, _)| *k == key) else {
                        continue;
                    };
                    let label = format!("{} {p}", m.to_ascii_uppercase());
                    for (which, example) in examples(&doc, op) {
                        let Some(schema) = schema else {
                            problems.push(format!(
                                "{name} {label} ({which}): our spec has no success body schema"
                            ));
                            continue;
                        };
                        let body = serde_json::to_vec(&example).expect("example");
                        let Some(back) = (api.decode)(schema, &body) else {
                            problems.push(format!(
                                "{name} {label}: add `{schema}` to the table of {}",
                                api.spec
                            ));
                            continue;
                        };
                        checked += 1;
                        let back = match back {
                            Ok(back) => back,
                            Err(e) => {
                                problems.push(format!(
                                    "{name} {label} ({which}): does not decode into {schema}: {e}"
                                ));
                                continue;
                            }
                        };
                        let keys = lost_keys(&example, &back);
                        for k in keys {
                            let deliberate = DELIBERATE
                                .iter()
                                .find(|(d, l, at, _)| *d == name && *l == label && *at == k);
                            match deliberate {
                                Some(entry) => {
                                    used.insert(*entry);
                                }
                                None => problems.push(format!(
                                    "{name} {label} ({which}): `{k}` is dropped by {schema}"
                                )),
                            }
                        }
                    }
                }
            }
        }
    }
    for entry in DELIBERATE {
        let ours = documents.iter().any(|d| {
            d.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n == entry.0 && n.starts_with(api.documents))
        });
        if ours && !used.contains(entry) {
            problems.push(format!("stale deliberate difference: {entry:?}"));
        }
    }
    (problems, checked)
}

#[test]
fn every_example_of_a_covered_operation_keeps_every_key() {
    for api in APIS {
        let (problems, checked) = check(api);
        assert!(checked > 0, "{}: no example was checked", api.spec);
        assert!(
            problems.is_empty(),
            "{}: {} problem(s) in {checked} example(s):\n{}",
            api.spec,
            problems.len(),
            problems.join("\n")
        );
    }
}

#[test]
fn a_dropped_key_is_found_at_any_depth() {
    let sent = serde_json::json!({"a": 1, "n": null, "e": [], "l": [{"x": 1}, {"x": 2, "y": 3}], "o": {"p": {"q": 1}}});
    let back = serde_json::json!({"a": 1, "l": [{"x": 1}, {"x": 2}], "o": {"p": {}}});
    let keys = lost_keys(&sent, &back);
    assert_eq!(keys.into_iter().collect::<Vec<_>>(), ["/l/*/y", "/o/p/q"]);
}
