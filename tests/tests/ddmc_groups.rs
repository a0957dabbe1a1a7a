//! Every group (tag) of `specs/ddmc.yaml` read through ddmc-sdk against the DDMC simulator, each
//! read its own test so that one failure hides no other (`every_tag_of_the_spec_has_its_test`
//! fails when a tag of the spec has none), and create → list → modify → get → delete of the
//! resources the simulator keeps per system (MTrees, NFS exports, DD Boost storage units, users,
//! alert notify lists).
//!
//! A group read checks what a user relies on: the call succeeds, the decoded value keeps every
//! key the simulator sent (at every depth, every array item; a field the spec names differently
//! would be dropped), every string sent where the spec documents its known values is one of
//! them, and for lists: items on the first page, `paging_info` totals that `.stream()` agrees
//! with, and no id served twice.

use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;
use std::time::Duration;

use ddmc_sdk::{Client, DdmcCredentials, HttpOptions, RetryPolicy, types};
use futures::TryStreamExt;
use sdk_tests::sim::ddmc::{DdmcSim, DdmcSimConfig, SECURITY_OFFICER};
use serde_json::{Value, json};

async fn start() -> (DdmcSim, Client) {
    let config = DdmcSimConfig::default();
    let credentials = DdmcCredentials::new(config.username.clone(), config.password.clone());
    let sim = DdmcSim::start(config).await.expect("simulator");
    let options = HttpOptions::default()
        .with_retry(RetryPolicy::default().with_base_delay(Duration::from_millis(1)));
    let client = Client::login_with(sim.url(), credentials, options)
        .await
        .expect("login");
    (sim, client)
}

/// The id of the first managed system (`<hex>%3A<hex>`).
async fn first_system(client: &Client) -> String {
    let systems = client.list_dd_systems().send().await.expect("systems");
    systems.into_inner().system_info[0]
        .id
        .clone()
        .expect("system id")
}

/// `specs/ddmc.yaml`, parsed once.
fn spec() -> &'static yaml_serde::Value {
    static SPEC: OnceLock<yaml_serde::Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/ddmc.yaml");
        let text = std::fs::read_to_string(path).expect("read specs/ddmc.yaml");
        yaml_serde::from_str(&text).expect("parse specs/ddmc.yaml")
    })
}

/// The tags `specs/ddmc.yaml` declares.
fn spec_tags() -> BTreeSet<String> {
    spec()["tags"]
        .as_sequence()
        .expect("tags")
        .iter()
        .map(|t| t["name"].as_str().expect("tag name").to_string())
        .collect()
}

/// A second, plain HTTP session on the simulator, to see bodies exactly as they were sent.
struct Raw {
    http: reqwest::Client,
    url: String,
    token: String,
}

impl Raw {
    async fn login(sim: &DdmcSim) -> Self {
        let config = DdmcSimConfig::default();
        let http = reqwest::Client::new();
        let url = sim.url().to_string();
        let answer = http
            .post(format!("{url}/rest/v1.0/auth"))
            .json(&json!({"username": config.username, "password": config.password}))
            .send()
            .await
            .expect("raw login");
        let token = answer.headers()["x-dd-auth-token"]
            .to_str()
            .expect("token")
            .to_string();
        Self { http, url, token }
    }

    async fn get(&self, path: &str) -> Value {
        let answer = self
            .http
            .get(format!("{}{path}", self.url))
            .header("x-dd-auth-token", &self.token)
            .send()
            .await
            .expect("raw get");
        assert!(answer.status().is_success(), "{path}: {}", answer.status());
        answer.json().await.expect("raw json")
    }

    /// A POST of `body` with the extra `headers`, answered with success.
    async fn post(&self, path: &str, body: Value, headers: &[(&str, &str)]) -> Value {
        let mut request = self
            .http
            .post(format!("{}{path}", self.url))
            .header("x-dd-auth-token", &self.token)
            .json(&body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let answer = request.send().await.expect("raw post");
        assert!(answer.status().is_success(), "{path}: {}", answer.status());
        answer.json().await.expect("raw json")
    }
}

/// What a group test works with: a logged-in client, a raw session, the first system and its
/// first MTree.
struct Fixture {
    /// The simulator, running as long as the fixture lives.
    _sim: DdmcSim,
    client: Client,
    raw: Raw,
    /// The first system's id.
    sys: String,
    /// The id of the first MTree of that system (`%2Fdata%2Fcol1%2F...`).
    mtree: String,
}

impl Fixture {
    async fn start() -> Self {
        let (sim, client) = start().await;
        let sys = first_system(&client).await;
        let mtrees = client.list_mtrees().system_id(sys.clone()).send().await;
        let mtree = mtrees.expect("mtrees").into_inner().mtree[0]
            .id
            .clone()
            .expect("mtree id");
        let raw = Raw::login(&sim).await;
        Self {
            _sim: sim,
            client,
            raw,
            sys,
            mtree,
        }
    }

    /// The first system's id, for a builder.
    fn sys(&self) -> String {
        self.sys.clone()
    }

    /// The first MTree's id, for a builder.
    fn mtree(&self) -> String {
        self.mtree.clone()
    }

    /// `template` with `{sys}` and `{mtree}` filled in.
    fn path(&self, template: &str) -> String {
        template
            .replace("{sys}", &self.sys)
            .replace("{mtree}", &self.mtree)
    }
}

/// The decoded `value` is not empty and keeps every key the simulator `sent` to `method path`,
/// and the strings sent are among the known values the spec documents for them.
fn assert_decoded<T: serde::Serialize>(
    tag: &str,
    method: &str,
    path: &str,
    sent: &Value,
    value: &T,
) {
    let json = serde_json::to_value(value).expect("serialize");
    assert!(
        json.as_object().is_some_and(|o| !o.is_empty()),
        "{tag}: nothing decoded: {json}"
    );
    let lost = sdk_tests::keys::lost_keys(sent, &json);
    assert!(lost.is_empty(), "{tag}: dropped by decoding: {lost:?}");
    let schema = success_schema(method, path)
        .unwrap_or_else(|| panic!("{tag}: no success schema for {method} {path} in the spec"));
    let mut unknown = Vec::new();
    known_values(sent, schema, "", &mut unknown);
    assert!(
        unknown.is_empty(),
        "{tag}: values outside the spec's known values: {unknown:?}"
    );
}

/// The JSON success schema of the spec's operation answering `method path` (a concrete path;
/// literal segments win over placeholders, as on the server).
fn success_schema(method: &str, path: &str) -> Option<&'static yaml_serde::Value> {
    let path = path.split('?').next().unwrap_or(path);
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let paths = spec()["paths"].as_mapping()?;
    let (_, item) = paths
        .iter()
        .filter_map(|(template, item)| {
            let template: Vec<&str> = template
                .as_str()?
                .trim_start_matches('/')
                .split('/')
                .collect();
            let fits = template.len() == segments.len()
                && template
                    .iter()
                    .zip(&segments)
                    .all(|(t, s)| t == s || t.starts_with('{'));
            let literals = template.iter().filter(|t| !t.starts_with('{')).count();
            fits.then_some((literals, item))
        })
        .max_by_key(|(literals, _)| *literals)?;
    let responses = item[method.to_ascii_lowercase().as_str()]["responses"].as_mapping()?;
    responses
        .iter()
        .find(|(code, _)| code.as_str().is_some_and(|c| c.starts_with('2')))
        .map(|(_, r)| &r["content"]["application/json"]["schema"])
}

/// The spec's schema `$ref` resolved.
fn resolve(schema: &yaml_serde::Value) -> &yaml_serde::Value {
    let mut schema = schema;
    while let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        schema = &spec()["components"]["schemas"][name];
    }
    schema
}

/// Collects into `unknown` the strings of `value` outside the values a description lists as
/// `` `a`, `b` or `c` (known values...) ``; a list ending in `...` is not exhaustive.
fn known_values(value: &Value, schema: &yaml_serde::Value, at: &str, unknown: &mut Vec<String>) {
    let schema = resolve(schema);
    for combined in ["allOf", "oneOf", "anyOf"] {
        for part in schema[combined].as_sequence().into_iter().flatten() {
            known_values(value, part, at, unknown);
        }
    }
    match value {
        Value::String(s) => {
            let description = schema["description"].as_str().unwrap_or_default();
            if let Some((listed, _)) = description.split_once("(known values") {
                let open = listed.trim_end().ends_with("...");
                let known: Vec<&str> = listed.split('`').skip(1).step_by(2).collect();
                if !open && !known.is_empty() && !known.contains(&s.as_str()) {
                    unknown.push(format!("{at}: {s:?} not in {known:?}"));
                }
            }
        }
        Value::Object(o) => {
            for (key, v) in o {
                let property = &schema["properties"][key.as_str()];
                if !property.is_null() {
                    known_values(v, property, &format!("{at}/{key}"), unknown);
                }
            }
        }
        Value::Array(a) => {
            for (n, v) in a.iter().enumerate() {
                known_values(v, &schema["items"], &format!("{at}/{n}"), unknown);
            }
        }
        _ => {}
    }
}

/// No two items with the same `id`.
fn assert_ids_unique<T: serde::Serialize>(tag: &str, items: &[T]) {
    let mut seen = HashSet::new();
    for item in items {
        let item = serde_json::to_value(item).expect("serialize");
        if let Some(id) = item.get("id").and_then(Value::as_str) {
            assert!(seen.insert(id.to_string()), "{tag}: id {id} served twice");
        }
    }
}

/// One `#[tokio::test]` per entry, and [`GROUP_TESTS`]: each test with the tag it reads. In a
/// test, `TAG` is its tag.
macro_rules! group_tests {
    ($( $(#[$meta:meta])* $name:ident: $tag:literal => { $($body:tt)* } )*) => {
        $(
            $(#[$meta])*
            #[tokio::test]
            async fn $name() {
                #[allow(dead_code, reason = "not every test names its tag")]
                const TAG: &str = $tag;
                // The test's future on the heap, off the 2 MB stack of the test thread.
                Box::pin(async move { $($body)* }).await
            }
        )*
        /// Every group test and the tag it reads.
        const GROUP_TESTS: &[(&str, &str)] = &[$((stringify!($name), $tag)),*];
    };
}

/// One read of a group (`$path` with `{sys}` and `{mtree}` filled in, GET unless a method and
/// body are given): the call succeeds and decodes everything sent. Gives the fixture back.
macro_rules! get {
    ($path:literal, |$f:ident| $call:expr) => {{
        let $f = Fixture::start().await;
        let path = $f.path($path);
        let sent = $f.raw.get(&path).await;
        let value = $call
            .send()
            .await
            .unwrap_or_else(|e| panic!("{TAG}: {e}"))
            .into_inner();
        assert_decoded(TAG, "GET", &path, &sent, &value);
        $f
    }};
    (POST $path:literal, $body:expr, $headers:expr, |$f:ident| $call:expr) => {{
        let $f = Fixture::start().await;
        let path = $f.path($path);
        let sent = $f.raw.post(&path, $body, $headers).await;
        let value = $call
            .send()
            .await
            .unwrap_or_else(|e| panic!("{TAG}: {e}"))
            .into_inner();
        assert_decoded(TAG, "POST", &path, &sent, &value);
        $f
    }};
}

/// One list of a group: the first page has items and paging, holds every item up to the
/// default page size of 20, keeps every field sent, and `.stream()` returns as many items as
/// `total_entries` says, starting with the first page's, no id twice. Gives the fixture back.
macro_rules! list {
    ($path:literal, $items:ident, $paging:ident, |$f:ident| $call:expr) => {{
        let $f = Fixture::start().await;
        let path = $f.path($path);
        let sent = $f.raw.get(&path).await;
        let page = $call
            .send()
            .await
            .unwrap_or_else(|e| panic!("{TAG}: {e}"))
            .into_inner();
        assert!(!page.$items.is_empty(), "{TAG}: no items");
        assert_decoded(TAG, "GET", &path, &sent, &page);
        let total = page
            .$paging
            .as_ref()
            .and_then(|p| p.total_entries)
            .unwrap_or_else(|| panic!("{TAG}: no paging total")) as usize;
        assert_eq!(page.$items.len(), total.min(20), "{TAG}: the first page");
        let all: Vec<_> = $call
            .stream()
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("{TAG} stream: {e}"));
        assert_eq!(all.len(), total, "{TAG}");
        assert_eq!(
            serde_json::to_value(&all[0]).expect("serialize"),
            serde_json::to_value(&page.$items[0]).expect("serialize"),
            "{TAG}: the stream starts with the first page"
        );
        assert_ids_unique(TAG, &all);
        $f
    }};
}

#[test]
fn every_tag_of_the_spec_has_its_test() {
    let spec = spec_tags();
    assert_eq!(spec.len(), 120, "the spec's groups");
    let tested: BTreeSet<String> = GROUP_TESTS.iter().map(|(_, t)| t.to_string()).collect();
    let missed: Vec<_> = spec.difference(&tested).collect();
    let unknown: Vec<_> = tested.difference(&spec).collect();
    assert!(
        missed.is_empty() && unknown.is_empty(),
        "tags without a test {missed:?}, tests of tags not in the spec {unknown:?}"
    );
    let names: HashSet<&str> = GROUP_TESTS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names.len(), GROUP_TESTS.len(), "test names are unique");
}

#[test]
fn every_data_file_of_the_simulator_is_a_tag_of_the_spec() {
    let spec = spec_tags();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/ddmc");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).expect("tests/data/ddmc") {
        let path = entry.expect("entry").path();
        let Some(tag) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".json"))
        else {
            continue;
        };
        assert!(
            spec.contains(tag),
            "{}: not a tag of the spec",
            path.display()
        );
        files += 1;
    }
    assert!(files > 90, "{files} data files");
}

#[test]
fn known_values_outside_the_spec_are_found() {
    // `FAILED` is a known value of `UpdateStatus.status`, `DONE` is not.
    let path = "/api/v1/dd-systems/x/updates/status";
    let schema = success_schema("GET", path).expect("schema");
    let mut unknown = Vec::new();
    known_values(&json!({"status": "FAILED"}), schema, "", &mut unknown);
    assert!(unknown.is_empty(), "{unknown:?}");
    known_values(&json!({"status": "DONE"}), schema, "", &mut unknown);
    assert_eq!(unknown.len(), 1, "{unknown:?}");
}

group_tests! {
    /// The login of the fixture and the logout.
    auth: "auth" => {
        let (sim, client) = start().await;
        client.logout().await.expect("logout");
        assert_eq!(sim.logouts(), 1);
    }
    dd_systems: "dd-systems" => {
        list!("/rest/v1.0/dd-systems", system_info, paging_info, |f| f.client.list_dd_systems());
    }
    system: "system" => {
        get!("/rest/v1.0/system", |f| f.client.get_system());
    }
    mtrees: "mtrees" => {
        list!("/rest/v1.0/dd-systems/{sys}/mtrees", mtree, paging_info,
            |f| f.client.list_mtrees().system_id(f.sys()));
    }
    stats_capacity: "stats-capacity" => {
        list!("/rest/v2.0/dd-systems/{sys}/stats/capacity", stats_capacity, paging_info,
            |f| f.client.get_capacity_stats().system_id(f.sys()));
    }
    alerts: "alerts" => {
        list!("/rest/v1.0/dd-systems/{sys}/alerts", alert_list, paging_info,
            |f| f.client.list_alerts().system_id(f.sys()));
    }
    alerts_api_v2: "alerts" => {
        list!("/api/v2/dd-systems/{sys}/alerts", alert_list, paging_info,
            |f| f.client.list_alerts_api_v2().system_id(f.sys()));
    }
    alerts_notify_lists: "alerts-notifylists" => {
        list!("/rest/v1.0/dd-systems/{sys}/alerts/notify-lists", notify_lists, paging_info,
            |f| f.client.list_alert_notify_lists().system_id(f.sys()));
    }
    cloud_profiles: "cloud-profiles" => {
        list!("/rest/v1.0/dd-systems/{sys}/cloud-profiles", cloud_profile, paging_info,
            |f| f.client.list_cloud_profiles().system_id(f.sys()));
    }
    cloud_profiles_api_v3: "cloud-profiles" => {
        list!("/api/v3/dd-systems/{sys}/cloud-profiles", cloud_profiles, paging_info,
            |f| f.client.list_cloud_profiles_api_v3().system_id(f.sys()));
    }
    cloud_unit: "cloud-unit" => {
        list!("/rest/v1.0/dd-systems/{sys}/cloud-units", cloud_units, paging_info,
            |f| f.client.list_cloud_units().system_id(f.sys()));
    }
    data_movement: "data-movement" => {
        get!("/rest/v1.0/dd-systems/{sys}/data-movement",
            |f| f.client.get_data_movement().system_id(f.sys()));
    }
    data_movement_policy: "data-movement-policy" => {
        list!("/rest/v1.0/dd-systems/{sys}/data-movement-policies",
            data_movement_policies, paging_info,
            |f| f.client.list_data_movement_policies().system_id(f.sys()));
    }
    data_movement_stats_files: "data-movement-stats-files" => {
        list!("/rest/v1.0/dd-systems/{sys}/data-movement/stats/files",
            data_movement_file_info, paging_info,
            |f| f.client.list_data_movement_stats_files().system_id(f.sys()));
    }
    data_movement_stats_mtrees: "data-movement-stats-mtrees" => {
        list!("/rest/v1.0/dd-systems/{sys}/data-movement/stats/mtrees",
            data_movement_mtree_info, paging_info,
            |f| f.client.list_data_movement_stats_mtrees().system_id(f.sys()));
    }
    data_movement_stats_recall: "data-movement-stats-recall" => {
        list!("/rest/v1.0/dd-systems/{sys}/data-movement/stats/recall",
            recall_files_info, paging_info,
            |f| f.client.list_data_movement_stats_recall().system_id(f.sys()));
    }
    managed_files: "managed-files" => {
        get!("/rest/v1.0/dd-systems/{sys}/file-replications/managed-files/managed-files-0",
            |f| f.client.get_file_replication_managed_file()
                .system_id(f.sys()).id("managed-files-0"));
    }
    filesys: "filesys" => {
        get!("/rest/v1.0/dd-systems/{sys}/file-systems",
            |f| f.client.get_file_system().system_id(f.sys()));
    }
    licenses: "licenses" => {
        list!("/rest/v1.0/dd-systems/{sys}/licenses", license, paging_info,
            |f| f.client.list_licenses().system_id(f.sys()));
    }
    mdtags: "mdtags" => {
        list!("/rest/v1.0/dd-systems/{sys}/mdtags", object, paging_info,
            |f| f.client.list_mdtags().system_id(f.sys()));
    }
    mtrees_id_rlfiles: "mtrees-id-rlfiles" => {
        list!("/rest/v1.0/dd-systems/{sys}/mtrees/{mtree}/rlfiles", rlfile, paging_info,
            |f| f.client.list_mtree_rlfiles().system_id(f.sys()).id(f.mtree()));
    }
    mtrees_id_stats: "mtrees-id-stats" => {
        get!("/rest/v1.0/dd-systems/{sys}/mtrees/{mtree}/stats",
            |f| f.client.get_mtree_stats().system_id(f.sys()).id(f.mtree()));
    }
    mtrees_id_stats_capacity: "mtrees-id-stats-capacity" => {
        list!("/rest/v1.0/dd-systems/{sys}/mtrees/{mtree}/stats/capacity",
            stats_capacity, paging_info,
            |f| f.client.list_mtree_stats_capacity().system_id(f.sys()).id(f.mtree()));
    }
    networks: "networks" => {
        list!("/rest/v1.0/dd-systems/{sys}/networks", network, paging_info,
            |f| f.client.list_networks().system_id(f.sys()));
    }
    cifs_shares: "cifs-shares" => {
        list!("/rest/v1.0/dd-systems/{sys}/protocols/cifs/shares", share, paging_info,
            |f| f.client.list_cifs_shares().system_id(f.sys()));
    }
    ddboost: "ddboost" => {
        get!("/rest/v1.0/dd-systems/{sys}/protocols/ddboost",
            |f| f.client.get_ddboost().system_id(f.sys()));
    }
    ddboost_clients: "ddboost-clients" => {
        list!("/rest/v1.0/dd-systems/{sys}/protocols/ddboost/clients", clients, paging_info,
            |f| f.client.list_ddboost_clients().system_id(f.sys()));
    }
    ddboost_storage_units: "ddboost-storage-units" => {
        list!("/rest/v1.0/dd-systems/{sys}/protocols/ddboost/storage-units",
            storage_units, paging_info,
            |f| f.client.list_ddboost_storage_units().system_id(f.sys()));
    }
    ddboost_users: "ddboost-users" => {
        list!("/rest/v1.0/dd-systems/{sys}/protocols/ddboost/users", user, paging_info,
            |f| f.client.list_ddboost_users().system_id(f.sys()));
    }
    nfs_exports: "nfs-exports" => {
        list!("/rest/v1.0/dd-systems/{sys}/protocols/nfs/exports", exports, paging_info,
            |f| f.client.list_nfs_exports().system_id(f.sys()));
    }
    vdisk_devgrps: "vdisk-devgrps" => {
        list!("/rest/v1.0/dd-systems/{sys}/protocols/vdisk/device-groups",
            device_group, paging_info,
            |f| f.client.list_vdisk_device_groups().system_id(f.sys()));
    }
    vdisk_devices: "vdisk-devices" => {
        list!("/rest/v1.0/dd-systems/{sys}/protocols/vdisk/devices", device, paging_info,
            |f| f.client.list_vdisk_devices().system_id(f.sys()));
    }
    vdisk_pools: "vdisk-pools" => {
        list!("/rest/v1.0/dd-systems/{sys}/protocols/vdisk/pools", pool, paging_info,
            |f| f.client.list_vdisk_pools().system_id(f.sys()));
    }
    vdisk_stimgs: "vdisk-stimgs" => {
        list!("/rest/v1.0/dd-systems/{sys}/protocols/vdisk/static-images",
            static_image, paging_info,
            |f| f.client.list_vdisk_static_images().system_id(f.sys()));
    }
    repl_contexts: "repl-contexts" => {
        list!("/rest/v1.0/dd-systems/{sys}/repl-contexts", repl, paging_info,
            |f| f.client.list_repl_contexts().system_id(f.sys()));
    }
    scsitgt_access_groups: "scsitgt-access-groups" => {
        list!("/rest/v1.0/dd-systems/{sys}/scsi-target/access-groups", access_group, paging_info,
            |f| f.client.list_scsitgt_access_groups().system_id(f.sys()));
    }
    scsitgt_endpoints: "scsitgt-endpoints" => {
        list!("/rest/v1.0/dd-systems/{sys}/scsi-target/endpoints", endpoint, paging_info,
            |f| f.client.list_scsitgt_endpoints().system_id(f.sys()));
    }
    scsitgt_initiators: "scsitgt-initiators" => {
        list!("/rest/v1.0/dd-systems/{sys}/scsi-target/initiators", initiator, paging_info,
            |f| f.client.list_scsitgt_initiators().system_id(f.sys()));
    }
    services: "services" => {
        get!("/rest/v1.0/dd-systems/{sys}/services", |f| f.client.get_service().system_id(f.sys()));
    }
    services_asup: "services-asup" => {
        get!("/rest/v1.0/dd-systems/{sys}/services/asups",
            |f| f.client.get_service_asup().system_id(f.sys()));
    }
    services_iscsi: "services-iscsi" => {
        get!("/rest/v1.0/dd-systems/{sys}/services/iscsi",
            |f| f.client.get_service_iscsi().system_id(f.sys()));
    }
    services_license_server: "services-license-server" => {
        get!("/rest/v1.0/dd-systems/{sys}/services/license-server",
            |f| f.client.get_service_license_server().system_id(f.sys()));
    }
    mdtags_services: "mdtags-services" => {
        get!("/rest/v1.0/dd-systems/{sys}/services/mdtags",
            |f| f.client.get_service_mdtags().system_id(f.sys()));
    }
    services_ntp: "services-ntp" => {
        get!("/rest/v1.0/dd-systems/{sys}/services/ntp",
            |f| f.client.get_service_ntp().system_id(f.sys()));
    }
    services_snmp: "services-snmp" => {
        get!("/rest/v1.0/dd-systems/{sys}/services/snmp",
            |f| f.client.get_service_snmp().system_id(f.sys()));
    }
    settings: "settings" => {
        get!("/rest/v1.0/dd-systems/{sys}/settings",
            |f| f.client.get_settings().system_id(f.sys()));
    }
    tenant_units: "tenant-units" => {
        list!("/rest/v1.0/dd-systems/{sys}/smt/tenant-units", tenant_units, paging_info,
            |f| f.client.list_tenant_units().system_id(f.sys()));
    }
    tenants: "tenants" => {
        list!("/rest/v1.0/dd-systems/{sys}/smt/tenants", tenants, paging_info,
            |f| f.client.list_tenants().system_id(f.sys()));
    }
    snapshots: "snapshots" => {
        list!("/rest/v1.0/dd-systems/{sys}/snapshots", snapshot, paging_info,
            |f| f.client.list_snapshots().system_id(f.sys()));
    }
    stats: "stats" => {
        get!("/rest/v1.0/dd-systems/{sys}/stats", |f| f.client.get_stats().system_id(f.sys()));
    }
    comp_measurements: "comp-measurements" => {
        list!("/rest/v1.0/dd-systems/{sys}/stats/compression/measurements",
            measurement, paging_info,
            |f| f.client.list_stats_compression_measurements().system_id(f.sys()));
    }
    comp_measurements_support_check: "comp-measurements-support-check" => {
        get!("/rest/v1.0/dd-systems/{sys}/stats/compression/measurements-support-check",
            |f| f.client.get_stats_compression_measurements_support_check().system_id(f.sys()));
    }
    stats_file_replications: "stats-file-replications" => {
        list!("/rest/v1.0/dd-systems/{sys}/stats/file-replications/stats-file-replications-0",
            context, paging_info,
            |f| f.client.get_stats_file_replication()
                .system_id(f.sys()).id("stats-file-replications-0"));
    }
    filesys_stats: "filesys-stats" => {
        get!("/rest/v1.0/dd-systems/{sys}/stats/file-systems?tier=active&need_delta=false",
            |f| f.client.list_stats_file_systems()
                .system_id(f.sys())
                .tier(types::ListStatsFileSystemsTier::Active)
                .need_delta(false));
    }
    stats_perf: "stats-perf" => {
        list!("/rest/v1.0/dd-systems/{sys}/stats/performance", stats_performance, paging_info,
            |f| f.client.list_stats_performance().system_id(f.sys()));
    }
    stats_perf_api_v3: "stats-perf" => {
        list!("/api/v3/dd-systems/{sys}/stats/performance", stats_performance, paging_info,
            |f| f.client.list_stats_performance_api_v3().system_id(f.sys()));
    }
    stats_systems_file_replications: "stats-systems-file-replications" => {
        get!("/rest/v1.0/dd-systems/{sys}/stats/systems/file-replications",
            |f| f.client.get_stats_system_file_replication().system_id(f.sys()));
    }
    stats_upgrades_schedules: "stats-upgrades-schedules" => {
        list!("/rest/v1.0/dd-systems/{sys}/stats/upgrades/schedules/stats-upgrades-schedules-0",
            upgrade_schedule_detailed_info, paging_info,
            |f| f.client.get_stats_upgrade_schedule()
                .system_id(f.sys()).id("stats-upgrades-schedules-0"));
    }
    support_bundles: "support-bundles" => {
        list!("/rest/v1.0/dd-systems/{sys}/supports/support-bundles", support_bundles, paging_info,
            |f| f.client.list_support_bundles().system_id(f.sys()));
    }
    upgrades_schedules: "upgrades-schedules" => {
        list!("/rest/v1.0/dd-systems/{sys}/upgrades/schedules", schedules, paging_info,
            |f| f.client.list_upgrade_schedules().system_id(f.sys()));
    }
    users: "users" => {
        list!("/rest/v1.0/dd-systems/{sys}/users", user, paging_info,
            |f| f.client.list_users().system_id(f.sys()));
    }
    users_api_v3: "users" => {
        get!("/api/v3/dd-systems/{sys}/users/sysadmin",
            |f| f.client.get_user_api_v3().system_id(f.sys()).id("sysadmin"));
    }
    config_templates: "config-templates" => {
        list!("/rest/v1.0/system/config/templates", config_template, paging_info,
            |f| f.client.list_config_templates());
    }
    profile_access_info: "profile-access-info" => {
        list!("/rest/v1.0/system/vi/access-info", profiles, paging_info,
            |f| f.client.list_vi_access_info());
    }
    resource_profiles: "resource-profiles" => {
        list!("/rest/v1.0/system/vi/resource", resources, paging_info,
            |f| f.client.list_vi_resource());
    }
    tasks: "tasks" => {
        list!("/rest/v1.0/tasks", task, paging_info, |f| f.client.list_tasks());
    }
    network_nic: "network-nic" => {
        list!("/rest/v2.0/dd-systems/{sys}/networks/nics", nics, paging_info,
            |f| f.client.list_network_nics().system_id(f.sys()));
    }
    nfs_exports_id_clients: "nfs-exports-id-clients" => {
        list!("/rest/v2.0/dd-systems/{sys}/protocols/nfs/exports/1/clients", clients, paging_info,
            |f| f.client.list_nfs_export_clients().system_id(f.sys()).id("1"));
    }
    nfs_exports_id_referrals: "nfs-exports-id-referrals" => {
        get!("/rest/v2.0/dd-systems/{sys}/protocols/nfs/exports/1/referrals",
            |f| f.client.get_nfs_export_referral().system_id(f.sys()).id("1"));
    }
    services_log: "services-log" => {
        get!("/rest/v2.0/dd-systems/{sys}/services/logs",
            |f| f.client.get_service_log().system_id(f.sys()));
    }
    systems: "systems" => {
        get!("/rest/v2.0/dd-systems/{sys}/systems",
            |f| f.client.get_managed_system().system_id(f.sys()));
    }
    system_repl: "system-repl" => {
        list!("/rest/v2.0/dd-systems/{sys}/systems/stats/repl", system_stats, paging_info,
            |f| f.client.list_system_stats_repl().system_id(f.sys()));
    }
    system_space: "system-space" => {
        list!("/rest/v2.0/dd-systems/{sys}/systems/stats/space", system_stats, paging_info,
            |f| f.client.list_system_stats_space().system_id(f.sys()));
    }
    mtree_id_stats_compressions: "mtree-id-stats-compressions" => {
        get!("/rest/v3.0/dd-systems/{sys}/mtrees/{mtree}/stats/compressions",
            |f| f.client.get_mtree_stats_compression().system_id(f.sys()).id(f.mtree()));
    }
    stats_performances_mtrees: "stats-performances-mtrees" => {
        list!("/rest/v3.0/dd-systems/{sys}/stats/performances/mtrees/{mtree}",
            mtree_show_perf_detail, paging_info,
            |f| f.client.get_stats_performance_mtree().system_id(f.sys()).id(f.mtree()));
    }
    appliance_pools: "appliance-pools" => {
        list!("/api/v1/appliance-pools", pools, paging_info, |f| f.client.list_appliance_pools());
    }
    stats_capacities: "stats-capacities" => {
        list!("/api/v1/dd-systems/stats/capacities", systems, paging_info,
            |f| f.client.list_dd_system_stats_capacities());
    }
    filesys_block_storage: "filesys-block-storage" => {
        get!("/api/v1/dd-systems/{sys}/file-systems/block-storages",
            |f| f.client.get_file_system_block_storage().system_id(f.sys()));
    }
    filesys_object_store: "filesys-object-store" => {
        get!("/api/v1/dd-systems/{sys}/file-systems/object-stores",
            |f| f.client.get_file_system_object_store().system_id(f.sys()));
    }
    filesys_object_stores_aws: "filesys-object-stores-aws" => {
        get!("/api/v1/dd-systems/{sys}/file-systems/object-stores/aws",
            |f| f.client.get_file_system_object_store_aws().system_id(f.sys()));
    }
    cifs_auth: "cifs-auth" => {
        get!("/api/v1/dd-systems/{sys}/protocols/cifs/auth",
            |f| f.client.get_cifs_auth().system_id(f.sys()));
    }
    storage_disks: "storage-disks" => {
        list!("/api/v1/dd-systems/{sys}/storage/disks", disk_info, paging_info,
            |f| f.client.list_storage_disks().system_id(f.sys()));
    }
    supports_cloudiq: "supports-cloudiq" => {
        get!("/api/v1/dd-systems/{sys}/supports/cloudiq",
            |f| f.client.get_support_cloudiq().system_id(f.sys()));
    }
    sites: "sites" => {
        list!("/api/v1/sites", sites, paging_info, |f| f.client.list_sites());
    }
    config_template_audits: "config-template-audits" => {
        get!("/api/v1/system/config/template-audits/config-template-audits-0",
            |f| f.client.get_config_template_audit().id("config-template-audits-0"));
    }
    config_template_audit_histories: "config-template-audit-histories" => {
        list!("/api/v1/system/config/template-audits/histories",
            config_template_audit_infos, paging,
            |f| f.client.list_config_template_audit_histories());
    }
    config_template_audit_schedules: "config-template-audit-schedules" => {
        list!("/api/v1/system/config/template-audits/schedules",
            config_template_audit_schedules, paging_info,
            |f| f.client.list_config_template_audit_schedules());
    }
    config_template_features: "config-template-features" => {
        get!("/api/v1/system/config/templates/features",
            |f| f.client.get_config_template_feature());
    }
    nfs: "nfs" => {
        get!("/api/v2/dd-systems/{sys}/protocols/nfs", |f| f.client.get_nfs().system_id(f.sys()));
    }
    supports: "supports" => {
        get!("/api/v2/dd-systems/{sys}/supports", |f| f.client.get_support().system_id(f.sys()));
    }
    network_dns_server: "network-dns-server" => {
        get!("/api/v3/dd-systems/{sys}/networks/dns-servers",
            |f| f.client.get_network_dns_server().system_id(f.sys()));
    }
    network_domain_name: "network-domain-name" => {
        get!("/api/v3/dd-systems/{sys}/networks/domain-names",
            |f| f.client.get_network_domain_name().system_id(f.sys()));
    }
    network_gateway: "network-gateway" => {
        list!("/api/v3/dd-systems/{sys}/networks/gateways", default_gateways, paging_info,
            |f| f.client.list_network_gateways().system_id(f.sys()));
    }
    network_host_name: "network-host-name" => {
        get!("/api/v3/dd-systems/{sys}/networks/host-names",
            |f| f.client.get_network_host_name().system_id(f.sys()));
    }
    network_interface: "network-interface" => {
        list!("/api/v3/dd-systems/{sys}/networks/interfaces", interfaces, paging_info,
            |f| f.client.list_network_interfaces().system_id(f.sys()));
    }
    network_interface_alias: "network-interface-alias" => {
        list!("/api/v3/dd-systems/{sys}/networks/interfaces/aliases", aliases, paging_info,
            |f| f.client.list_network_interface_aliases().system_id(f.sys()));
    }
    network_interface_physical: "network-interface-physical" => {
        list!("/api/v3/dd-systems/{sys}/networks/interfaces/physicals",
            physical_interfaces, paging_info,
            |f| f.client.list_network_interface_physicals().system_id(f.sys()));
    }
    network_interface_vlan: "network-interface-vlan" => {
        list!("/api/v3/dd-systems/{sys}/networks/interfaces/vlans", vlans, paging_info,
            |f| f.client.list_network_interface_vlans().system_id(f.sys()));
    }
    network_search_domain: "network-search-domain" => {
        get!("/api/v3/dd-systems/{sys}/networks/search-domains",
            |f| f.client.get_network_search_domain().system_id(f.sys()));
    }
    analytics: "analytics" => {
        list!("/api/v1/dd-systems/{sys}/analytics/capacity/mtrees", mtree_stats, paging_info,
            |f| f.client.list_mtree_capacity_analytics().system_id(f.sys()));
    }
    authorization_policy: "authorization-policy" => {
        get!("/api/v1/dd-systems/{sys}/authorization/policy-config",
            |f| f.client.get_authorization_policy().system_id(f.sys()));
    }
    mtree_replications: "mtree-replications" => {
        list!("/api/v1/dd-systems/{sys}/mtree-replications", contexts, paging_info,
            |f| f.client.list_mtree_replications().system_id(f.sys()));
    }
    update_packages: "update-packages" => {
        list!("/api/v1/dd-systems/{sys}/updates/packages", packages, paging_info,
            |f| f.client.list_update_packages().system_id(f.sys()));
    }
    updates: "updates" => {
        get!("/api/v1/dd-systems/{sys}/updates/status",
            |f| f.client.get_update_status().system_id(f.sys()));
    }
    ifgroups: "ifgroups" => {
        list!("/api/v1/dd-systems/{sys}/protocols/ifgroups", group_infos, paging_info,
            |f| f.client.list_ifgroups().system_id(f.sys()));
    }
    cifs: "cifs" => {
        get!("/api/v1/dd-systems/{sys}/protocols/cifs/status",
            |f| f.client.get_cifs_status().system_id(f.sys()));
    }
    ha: "ha" => {
        get!("/api/v1/dd-systems/{sys}/ha", |f| f.client.get_ha_system().system_id(f.sys()));
    }
    qat: "qat" => {
        get!("/api/v1/dd-systems/{sys}/qat", |f| f.client.get_qat_devices().system_id(f.sys()));
    }
    managing_hosts: "managing-hosts" => {
        get!("/api/v1/dd-systems/{sys}/managing-hosts",
            |f| f.client.list_managing_hosts().system_id(f.sys()));
    }
    adminaccess: "adminaccess" => {
        get!("/api/v1/dd-systems/{sys}/adminaccess/option-config",
            |f| f.client.get_admin_access_options().system_id(f.sys()));
    }
    ipmi: "ipmi" => {
        get!("/api/v1/dd-systems/{sys}/ipmis/config",
            |f| f.client.get_ipmi_config().system_id(f.sys()));
    }
    activities: "activities" => {
        list!("/api/v2/dd-systems/{sys}/activities", activities, paging_info,
            |f| f.client.list_activities().system_id(f.sys()));
    }
    storages: "storages" => {
        list!("/api/v1/dd-systems/{sys}/storages", storages_info, paging_info,
            |f| f.client.list_storages().system_id(f.sys()));
    }
    storages_status: "storages" => {
        get!("/api/v1/dd-systems/{sys}/storages/status",
            |f| f.client.get_storage_status().system_id(f.sys()));
    }
    support_assist: "support-assist" => {
        get!("/api/v1/dd-systems/{sys}/supports/support-assist",
            |f| f.client.get_support_assist().system_id(f.sys()));
    }
    cloud_providers: "cloud-providers" => {
        list!("/api/v3/dd-systems/{sys}/cloud-providers", cloud_providers, paging_info,
            |f| f.client.list_cloud_providers_api_v3().system_id(f.sys()));
    }
    clouds: "clouds" => {
        get!("/rest/v1.0/dd-systems/{sys}/clouds",
            |f| f.client.get_cloud_tier().system_id(f.sys()));
    }
    filesys_encryption: "filesys-encryption" => {
        get!("/rest/v1.0/dd-systems/{sys}/file-systems/encryptions",
            |f| f.client.get_filesys_encryption().system_id(f.sys()));
    }
    filesys_encryption_key_managers: "filesys-encryption" => {
        get!("/rest/v1.0/dd-systems/{sys}/file-systems/encryptions/key-managers",
            |f| f.client.get_encryption_key_manager().system_id(f.sys()));
    }
    filesys_encryption_keys: "filesys-encryption-keys" => {
        list!("/rest/v1.0/dd-systems/{sys}/file-systems/encryptions/keys", keys_info, paging_info,
            |f| f.client.list_encryption_keys().system_id(f.sys()));
    }
    trust: "trust" => {
        get!("/rest/v1.0/trust", |f| f.client.get_trust());
    }
    mtrees_api_v4: "mtrees" => {
        get!("/api/v4/dd-systems/{sys}/mtrees/%2Fdata%2Fcol1%2Fboost-su1",
            |f| f.client.get_mtree_api_v4().system_id(f.sys()).id("%2Fdata%2Fcol1%2Fboost-su1"));
    }
    /// One context read by its id, which is sent back as it came (still encoded).
    mtree_replications_get: "mtree-replications" => {
        let f = get!(
            "/api/v1/dd-systems/{sys}/mtree-replications/rctx%3A%2F%2F0",
            |f| f.client
                .get_mtree_replication()
                .system_id(f.sys())
                .id("rctx%3A%2F%2F0")
        );
        let context = f
            .client
            .get_mtree_replication()
            .system_id(f.sys())
            .id("rctx%3A%2F%2F0")
            .send()
            .await
            .expect("one context")
            .into_inner();
        assert_eq!(
            context.id.as_deref(),
            Some("rctx%3A%2F%2F0"),
            "the id as sent"
        );
        assert!(context.link.is_some(), "a single link object");
    }
    /// Registration with the IAM service (a POST).
    sso_registration: "sso-registration" => {
        get!(
            POST "/api/v1/iam/sso-registration",
            json!({"clientName": "PowerProtect DD"}),
            &[],
            |f| f.client.create_iam_sso_registration().body_map(|b| b
                .client_name("PowerProtect DD".to_string())
                .client_secret(sdk_auth::Password::new("Sim-client-secret")))
        );
    }
    /// Retention lock with the security officer's authorization.
    retention_lock: "retention-lock" => {
        get!(
            POST "/api/v3/dd-systems/{sys}/systems/retention-lock-governance/security-auth/enable",
            json!({"operation": "REVERT"}),
            &[("x-dd-sec-officer", SECURITY_OFFICER)],
            |f| f.client
                .enable_retention_lock_governance_security_auth()
                .system_id(f.sys())
                .body(types::RetentionLockGovernanceSecurityAuth {
                    operation: Some(types::RetentionLockGovernanceSecurityAuthOperation::Revert),
                })
                .x_dd_sec_officer(SECURITY_OFFICER)
        );
    }
    /// The security officer's authorization is required by the builder and checked by the
    /// simulator.
    retention_lock_needs_the_security_officer: "retention-lock" => {
        let f = Fixture::start().await;
        let governance = || {
            f.client
                .enable_retention_lock_governance_security_auth()
                .system_id(f.sys())
                .body(types::RetentionLockGovernanceSecurityAuth {
                    operation: Some(types::RetentionLockGovernanceSecurityAuthOperation::Revert),
                })
        };
        let unauthorized = governance().send().await.expect_err("no security officer");
        assert!(
            unauthorized.to_string().contains("x_dd_sec_officer"),
            "{unauthorized}"
        );
        let refused = governance()
            .x_dd_sec_officer("bm90OnRoZS1vZmZpY2Vy")
            .send()
            .await
            .expect_err("a wrong security officer");
        assert_eq!(refused.status().map(|s| s.as_u16()), Some(403), "{refused}");
    }
    /// The password check of a user (the group's one operation, a POST).
    users_id_pre_check: "users-id-pre-check" => {
        let f = get!(
            POST "/api/v1/dd-systems/{sys}/users/sysadmin/pre-check",
            json!({"new_password": "Sim-New-pass2!"}),
            &[],
            |f| f.client
                .check_user_password()
                .system_id(f.sys())
                .id("sysadmin")
                .body_map(|b| b.new_password(sdk_auth::Password::new("Sim-New-pass2!")))
        );
        let check = f
            .client
            .check_user_password()
            .system_id(f.sys())
            .id("sysadmin")
            .body_map(|b| b.new_password(sdk_auth::Password::new("Sim-New-pass2!")))
            .send()
            .await
            .expect(TAG)
            .into_inner();
        assert_eq!(check.name.as_deref(), Some("sysadmin"));
    }
    /// A config template applied: accepted (202) with the task that applies it.
    config_template_apply: "config-template-apply" => {
        let f = Fixture::start().await;
        let path = "/api/v1/system/config/templates/config-templates-0/apply";
        let sent = f.raw.post(path, json!({"systemIds": [f.sys]}), &[]).await;
        let applied = f
            .client
            .apply_config_template()
            .id("config-templates-0")
            .body_map(|b| b.system_ids(vec![f.sys()]))
            .send()
            .await
            .expect(TAG);
        assert_eq!(applied.status().as_u16(), 202);
        assert_decoded(TAG, "POST", path, &sent, &applied.into_inner());
    }
    /// The DD OS 8.x AutoSupport settings reset (the group's one operation, a POST).
    services_asup_reset: "services-asup-reset" => {
        get!(
            POST "/api/v2/dd-systems/{sys}/services/asup/reset",
            json!({"options": ["all"]}),
            &[],
            |f| f.client
                .reset_service_asup_api_v2()
                .system_id(f.sys())
                .body_map(|b| b.options(vec!["all".to_string()]))
        );
    }
}

/// The HTTP status of a refused call.
fn status_of<E: std::fmt::Debug>(
    result: Result<E, ddmc_sdk::Error<types::ServiceStatusResponse>>,
) -> u16 {
    result
        .expect_err("refused")
        .status()
        .map(|s| s.as_u16())
        .unwrap_or_default()
}

#[tokio::test]
async fn mtree_create_list_modify_get_delete_as_sent_on_the_wire() {
    let (sim, client) = start().await;
    let sys = first_system(&client).await;
    sim.wire().take();

    let created = client
        .create_mtree()
        .system_id(sys.clone())
        .body_map(|b| {
            b.name("/data/col1/sim-crud")
                .quota_config(types::MtreeCreateQuotaConfig {
                    hard_limit: Some(200 << 30),
                    soft_limit: Some(150 << 30),
                })
        })
        .send()
        .await
        .expect("create");
    assert_eq!(created.status().as_u16(), 201);
    let id = created.into_inner().id.expect("id");
    assert_eq!(id, "%2Fdata%2Fcol1%2Fsim-crud");

    let names = |items: Vec<types::MtreeSummary>| -> Vec<String> {
        items.into_iter().filter_map(|m| m.name).collect()
    };
    let listed: Vec<_> = client
        .list_mtrees()
        .system_id(sys.clone())
        .stream()
        .try_collect()
        .await
        .expect("list");
    assert_eq!(listed.len(), 8, "7 seeded + 1 created");
    assert!(names(listed).contains(&"/data/col1/sim-crud".to_string()));

    client
        .update_mtree()
        .system_id(sys.clone())
        .id(id.clone())
        .body_map(|b| {
            b.quota_config(types::MtreeCreateQuotaConfig {
                hard_limit: Some(500 << 30),
                soft_limit: Some(400 << 30),
            })
        })
        .send()
        .await
        .expect("modify");
    let got = client
        .get_mtree()
        .system_id(sys.clone())
        .id(id.clone())
        .send()
        .await
        .expect("get")
        .into_inner();
    let quota = got.quota_config.expect("quota");
    assert_eq!(
        (quota.hard_limit, quota.soft_limit),
        (Some(500 << 30), Some(400 << 30))
    );

    client
        .delete_mtree()
        .system_id(sys.clone())
        .id(id.clone())
        .send()
        .await
        .expect("delete");
    assert_eq!(
        status_of(
            client
                .get_mtree()
                .system_id(sys.clone())
                .id(id.clone())
                .send()
                .await
        ),
        404
    );
    let listed: Vec<_> = client
        .list_mtrees()
        .system_id(sys.clone())
        .stream()
        .try_collect()
        .await
        .expect("list");
    assert!(!names(listed).contains(&"/data/col1/sim-crud".to_string()));

    insta::assert_yaml_snapshot!("ddmc_mtree_crud_wire", sim.wire().take());
}

#[tokio::test]
async fn mtree_create_refusals_use_service_status() {
    let (_sim, client) = start().await;
    let sys = first_system(&client).await;
    let create = |name: &'static str| {
        client
            .create_mtree()
            .system_id(sys.clone())
            .body_map(move |b| b.name(name))
    };
    assert_eq!(
        status_of(create("/data/col1/dd-prod-01-mt0000").send().await),
        409,
        "exists"
    );
    assert_eq!(
        status_of(create("/backup/elsewhere").send().await),
        400,
        "not under /data/col1"
    );
    let missing = client
        .delete_mtree()
        .system_id(sys.clone())
        .id("%2Fdata%2Fcol1%2Fnone")
        .send()
        .await;
    match missing.expect_err("missing") {
        ddmc_sdk::Error::ErrorResponse(rv) => {
            assert_eq!(rv.status().as_u16(), 404);
            let body = serde_json::to_value(rv.into_inner()).expect("serialize");
            assert_eq!(body["service_status"]["code"], 5008, "{body}");
        }
        other => panic!("not a service_status error: {other:?}"),
    }
}

#[tokio::test]
async fn nfs_export_create_list_modify_get_delete() {
    let (_sim, client) = start().await;
    let sys = first_system(&client).await;
    let created = client
        .create_nfs_export()
        .system_id(sys.clone())
        .body_map(|b| {
            b.path("/data/col1/dd-prod-01-mt0005")
                .clients(vec![types::NfsExportCreateClient {
                    name: "backup-host01.example.com".into(),
                    options: Some("rw,no_root_squash,no_all_squash,secure".into()),
                }])
        })
        .send()
        .await
        .expect("create")
        .into_inner();
    let id = created.id.expect("id");
    assert_eq!(
        created.path.as_deref(),
        Some("/data/col1/dd-prod-01-mt0005")
    );
    let listed: Vec<_> = client
        .list_nfs_exports()
        .system_id(sys.clone())
        .stream()
        .try_collect()
        .await
        .expect("list");
    assert!(listed.iter().any(|e| e.id.as_deref() == Some(id.as_str())));

    client
        .update_nfs_export()
        .system_id(sys.clone())
        .id(id.clone())
        .body_map(|b| {
            b.clients(vec![
                types::NfsExportUpdateClient {
                    name: "backup-host01.example.com".into(),
                    options: None,
                    delete: Some(true),
                },
                types::NfsExportUpdateClient {
                    name: "10.40.0.0/16".into(),
                    options: Some("ro,root_squash".into()),
                    delete: None,
                },
            ])
        })
        .send()
        .await
        .expect("modify");
    let got = client
        .get_nfs_export()
        .system_id(sys.clone())
        .id(id.clone())
        .send()
        .await
        .expect("get")
        .into_inner();
    let clients: Vec<_> = got
        .clients
        .iter()
        .map(|c| {
            (
                c.name.clone().unwrap_or_default(),
                c.options.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        clients,
        vec![("10.40.0.0/16".to_string(), "ro,root_squash".to_string())]
    );

    client
        .delete_nfs_export()
        .system_id(sys.clone())
        .id(id.clone())
        .send()
        .await
        .expect("delete");
    assert_eq!(
        status_of(
            client
                .get_nfs_export()
                .system_id(sys.clone())
                .id(id.clone())
                .send()
                .await
        ),
        404
    );
    let listed: Vec<_> = client
        .list_nfs_exports()
        .system_id(sys.clone())
        .stream()
        .try_collect()
        .await
        .expect("list");
    assert!(listed.iter().all(|e| e.id.as_deref() != Some(id.as_str())));
}

#[tokio::test]
async fn ddboost_storage_unit_create_list_modify_get_delete() {
    let (_sim, client) = start().await;
    let sys = first_system(&client).await;
    let created = client
        .create_ddboost_storage_unit()
        .system_id(sys.clone())
        .body_map(|b| b.name("veeam-su01").user("ddboost"))
        .send()
        .await
        .expect("create")
        .into_inner();
    let id = created.id.expect("id");
    let listed: Vec<_> = client
        .list_ddboost_storage_units()
        .system_id(sys.clone())
        .stream()
        .try_collect()
        .await
        .expect("list");
    assert!(
        listed
            .iter()
            .any(|s| s.name.as_deref() == Some("veeam-su01"))
    );

    client
        .update_ddboost_storage_unit()
        .system_id(sys.clone())
        .id(id.clone())
        .body_map(|b| {
            b.report_physical_size(2_000_000_i64).quota_config(
                types::DdboostStorageUnitCreateQuotaConfig {
                    hard_limit: Some(10 << 40),
                    soft_limit: None,
                },
            )
        })
        .send()
        .await
        .expect("modify");
    let got = client
        .get_ddboost_storage_unit()
        .system_id(sys.clone())
        .id(id.clone())
        .send()
        .await
        .expect("get")
        .into_inner();
    assert_eq!(got.report_physical_size, Some(2_000_000));
    assert_eq!(got.quota_config.and_then(|q| q.hard_limit), Some(10 << 40));
    assert_eq!(got.user.as_deref(), Some("ddboost"));

    // A modify of the quota alone leaves the rest as it was.
    client
        .update_ddboost_storage_unit()
        .system_id(sys.clone())
        .id(id.clone())
        .body_map(|b| {
            b.quota_config(types::DdboostStorageUnitCreateQuotaConfig {
                hard_limit: Some(20 << 40),
                soft_limit: Some(15 << 40),
            })
        })
        .send()
        .await
        .expect("modify the quota");
    let got = client
        .get_ddboost_storage_unit()
        .system_id(sys.clone())
        .id(id.clone())
        .send()
        .await
        .expect("get")
        .into_inner();
    assert_eq!(got.quota_config.and_then(|q| q.hard_limit), Some(20 << 40));
    assert_eq!(got.report_physical_size, Some(2_000_000));

    client
        .delete_ddboost_storage_unit()
        .system_id(sys.clone())
        .id(id.clone())
        .send()
        .await
        .expect("delete");
    assert_eq!(
        status_of(
            client
                .get_ddboost_storage_unit()
                .system_id(sys.clone())
                .id(id.clone())
                .send()
                .await
        ),
        404
    );
    let listed: Vec<_> = client
        .list_ddboost_storage_units()
        .system_id(sys.clone())
        .stream()
        .try_collect()
        .await
        .expect("list");
    assert!(
        listed
            .iter()
            .all(|s| s.name.as_deref() != Some("veeam-su01"))
    );
}

#[tokio::test]
async fn user_create_list_modify_get_delete() {
    let (_sim, client) = start().await;
    let sys = first_system(&client).await;
    let created = client
        .create_user()
        .system_id(sys.clone())
        .body_map(|b| {
            b.name("backup-op1")
                .password("Sim-User-pass3!")
                .role(types::UserCreateRole::BackupOperator)
                .force_password_change(true)
        })
        .send()
        .await
        .expect("create")
        .into_inner();
    let id = created.id.expect("id");
    assert_eq!(created.role.as_deref(), Some("backup-operator"));
    let listed: Vec<_> = client
        .list_users()
        .system_id(sys.clone())
        .stream()
        .try_collect()
        .await
        .expect("list");
    assert!(
        listed
            .iter()
            .any(|u| u.name.as_deref() == Some("backup-op1"))
    );
    let before = client
        .get_user()
        .system_id(sys.clone())
        .id(id.clone())
        .send()
        .await
        .expect("get")
        .into_inner();
    assert_eq!(before.force_password_change, Some(true));

    client
        .update_user()
        .system_id(sys.clone())
        .id(id.clone())
        .body_map(|b| {
            b.new_password("Sim-User-pass4!")
                .current_password(sdk_auth::Password::new("Sim-User-pass3!"))
        })
        .send()
        .await
        .expect("modify");
    let after = client
        .get_user()
        .system_id(sys.clone())
        .id(id.clone())
        .send()
        .await
        .expect("get")
        .into_inner();
    assert_eq!(after.force_password_change, Some(false));
    assert_ne!(
        after.age.and_then(|a| a.last_change_days),
        before.age.and_then(|a| a.last_change_days),
        "the password age restarts"
    );

    client
        .delete_user()
        .system_id(sys.clone())
        .id(id.clone())
        .send()
        .await
        .expect("delete");
    assert_eq!(
        status_of(
            client
                .get_user()
                .system_id(sys.clone())
                .id(id.clone())
                .send()
                .await
        ),
        404
    );
    let listed: Vec<_> = client
        .list_users()
        .system_id(sys.clone())
        .stream()
        .try_collect()
        .await
        .expect("list");
    assert!(
        listed
            .iter()
            .all(|u| u.name.as_deref() != Some("backup-op1"))
    );
}

#[tokio::test]
async fn alert_notify_list_create_list_modify_get_delete() {
    let (_sim, client) = start().await;
    let sys = first_system(&client).await;
    let created = client
        .create_alert_notify_list()
        .system_id(sys.clone())
        .body_map(|b| {
            b.name("dr-team")
                .property(types::AlertNotifyListCreateProperty {
                    class_severity_pairs: vec![types::AlertNotifyListClassSeverityPair {
                        class: types::AlertNotifyListClassSeverityPairClass::Filesystem,
                        severity: Some(types::AlertNotifyListClassSeverityPairSeverity::Critical),
                    }],
                    emails: vec!["dr-team@example.com".into()],
                    tenant: None,
                    tenant_unit: None,
                    tenant_unit_uuid: None,
                })
        })
        .send()
        .await
        .expect("create")
        .into_inner();
    let id = created.id.expect("id");
    let listed: Vec<_> = client
        .list_alert_notify_lists()
        .system_id(sys.clone())
        .stream()
        .try_collect()
        .await
        .expect("list");
    assert!(listed.iter().any(|n| n.name.as_deref() == Some("dr-team")));

    client
        .update_alert_notify_list()
        .system_id(sys.clone())
        .id(id.clone())
        .body_map(|b| {
            b.emails(vec![
                "dr-team@example.com".to_string(),
                "oncall@example.com".to_string(),
            ])
        })
        .send()
        .await
        .expect("modify");
    let got = client
        .get_alert_notify_list()
        .system_id(sys.clone())
        .id(id.clone())
        .send()
        .await
        .expect("get")
        .into_inner();
    let property = got.property.expect("property");
    assert_eq!(
        property.emails,
        vec!["dr-team@example.com", "oncall@example.com"]
    );
    assert!(
        property.class_severity_pairs.is_empty(),
        "a modify replaces the whole property, as the reference says"
    );

    client
        .delete_alert_notify_list()
        .system_id(sys.clone())
        .id(id.clone())
        .send()
        .await
        .expect("delete");
    assert_eq!(
        status_of(
            client
                .get_alert_notify_list()
                .system_id(sys.clone())
                .id(id.clone())
                .send()
                .await
        ),
        404
    );
    let listed: Vec<_> = client
        .list_alert_notify_lists()
        .system_id(sys.clone())
        .stream()
        .try_collect()
        .await
        .expect("list");
    assert!(listed.iter().all(|n| n.name.as_deref() != Some("dr-team")));
}
