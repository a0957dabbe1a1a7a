//! Every group (tag) of `specs/ddmc.yaml` read through ddmc-sdk against the DDMC simulator, and
//! create → list → modify → get → delete of the resources the simulator keeps per system (MTrees,
//! NFS exports, DD Boost storage units, users, alert notify lists).

use std::collections::BTreeSet;
use std::time::Duration;

use ddmc_sdk::{Client, DdmcCredentials, HttpOptions, RetryPolicy, types};
use futures::TryStreamExt;
use sdk_tests::sim::ddmc::{DdmcSim, DdmcSimConfig, SECURITY_OFFICER};

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

/// The tags `specs/ddmc.yaml` declares.
fn spec_tags() -> BTreeSet<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/ddmc.yaml");
    let text = std::fs::read_to_string(path).expect("read specs/ddmc.yaml");
    let spec: yaml_serde::Value = yaml_serde::from_str(&text).expect("parse specs/ddmc.yaml");
    spec["tags"]
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
            .json(&serde_json::json!({"username": config.username, "password": config.password}))
            .send()
            .await
            .expect("raw login");
        let token = answer.headers()["x-dd-auth-token"]
            .to_str()
            .expect("token")
            .to_string();
        Self { http, url, token }
    }

    async fn get(&self, path: &str) -> serde_json::Value {
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
    async fn post(
        &self,
        path: &str,
        body: serde_json::Value,
        headers: &[(&str, &str)],
    ) -> serde_json::Value {
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

/// Every field the simulator sent (at every depth, every array item) survives decoding into the
/// SDK's type: a field the spec names differently would be dropped and reported here.
fn assert_fields_kept(tag: &str, at: &str, sent: &serde_json::Value, decoded: &serde_json::Value) {
    let lost = sdk_tests::keys::lost_keys(sent, decoded);
    assert!(lost.is_empty(), "{tag}{at}: dropped by decoding: {lost:?}");
}

/// One read of a group: it decodes, keeping every field the simulator sent.
macro_rules! get {
    ($seen:ident, $tag:literal, $raw:expr, $call:expr) => {{
        // Each read is its own heap future: in a debug build the poll frame of one function
        // holding all ninety reads would overflow the test thread's stack.
        Box::pin(async {
            let value = $call
                .send()
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", $tag))
                .into_inner();
            let json = serde_json::to_value(&value).expect("serialize");
            assert!(
                json.as_object().is_some_and(|o| !o.is_empty()),
                "{}: nothing decoded: {json}",
                $tag
            );
            assert_fields_kept($tag, "", &$raw, &json);
        })
        .await;
        $seen.insert($tag.to_string());
    }};
}

/// One list of a group: the first page has items and paging, keeps every field sent, and
/// `.stream()` returns as many items as `total_entries` says, starting with the first page's.
macro_rules! list {
    ($seen:ident, $tag:literal, $raw:expr, $items:ident, $paging:ident, $call:expr) => {{
        Box::pin(async {
            let page = $call
                .send()
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", $tag))
                .into_inner();
            assert!(!page.$items.is_empty(), "{}: no items", $tag);
            assert_fields_kept(
                $tag,
                "",
                &$raw,
                &serde_json::to_value(&page).expect("serialize"),
            );
            let total = page
                .$paging
                .as_ref()
                .and_then(|p| p.total_entries)
                .unwrap_or_else(|| panic!("{}: no paging total", $tag));
            let all: Vec<_> = $call
                .stream()
                .try_collect()
                .await
                .unwrap_or_else(|e| panic!("{} stream: {e}", $tag));
            assert_eq!(all.len(), total as usize, "{}", $tag);
            assert_eq!(
                serde_json::to_value(&all[0]).expect("serialize"),
                serde_json::to_value(&page.$items[0]).expect("serialize"),
                "{}: the stream starts with the first page",
                $tag
            );
        })
        .await;
        $seen.insert($tag.to_string());
    }};
}

#[tokio::test]
async fn every_group_of_the_spec_answers() {
    let (sim, client) = start().await;
    let mut seen = BTreeSet::new();
    // auth: the login of `start` and the logout at the end.
    seen.insert("auth".to_string());
    let sys = first_system(&client).await;
    let mtrees = client.list_mtrees().system_id(sys.clone()).send().await;
    let mtree = mtrees.expect("mtrees").into_inner().mtree[0]
        .id
        .clone()
        .expect("mtree id");
    let raw = Raw::login(&sim).await;
    get!(
        seen,
        "system",
        raw.get("/rest/v1.0/system").await,
        client.get_system()
    );
    list!(
        seen,
        "dd-systems",
        raw.get("/rest/v1.0/dd-systems").await,
        system_info,
        paging_info,
        client.list_dd_systems()
    );
    list!(
        seen,
        "mtrees",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/mtrees"))
            .await,
        mtree,
        paging_info,
        client.list_mtrees().system_id(sys.clone())
    );
    list!(
        seen,
        "stats-capacity",
        raw.get(&format!("/rest/v2.0/dd-systems/{sys}/stats/capacity"))
            .await,
        stats_capacity,
        paging_info,
        client.get_capacity_stats().system_id(sys.clone())
    );
    list!(
        seen,
        "alerts",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/alerts"))
            .await,
        alert_list,
        paging_info,
        client.list_alerts().system_id(sys.clone())
    );
    list!(
        seen,
        "alerts-notifylists",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/alerts/notify-lists"))
            .await,
        notify_lists,
        paging_info,
        client.list_alert_notify_lists().system_id(sys.clone())
    );
    list!(
        seen,
        "cloud-profiles",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/cloud-profiles"))
            .await,
        cloud_profile,
        paging_info,
        client.list_cloud_profiles().system_id(sys.clone())
    );
    list!(
        seen,
        "cloud-unit",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/cloud-units"))
            .await,
        cloud_units,
        paging_info,
        client.list_cloud_units().system_id(sys.clone())
    );
    get!(
        seen,
        "data-movement",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/data-movement"))
            .await,
        client.get_data_movement().system_id(sys.clone())
    );
    list!(
        seen,
        "data-movement-policy",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/data-movement-policies"
        ))
        .await,
        data_movement_policies,
        paging_info,
        client.list_data_movement_policies().system_id(sys.clone())
    );
    list!(
        seen,
        "data-movement-stats-files",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/data-movement/stats/files"
        ))
        .await,
        data_movement_file_info,
        paging_info,
        client
            .list_data_movement_stats_files()
            .system_id(sys.clone())
    );
    list!(
        seen,
        "data-movement-stats-mtrees",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/data-movement/stats/mtrees"
        ))
        .await,
        data_movement_mtree_info,
        paging_info,
        client
            .list_data_movement_stats_mtrees()
            .system_id(sys.clone())
    );
    list!(
        seen,
        "data-movement-stats-recall",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/data-movement/stats/recall"
        ))
        .await,
        recall_files_info,
        paging_info,
        client
            .list_data_movement_stats_recall()
            .system_id(sys.clone())
    );
    get!(
        seen,
        "managed-files",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/file-replications/managed-files/managed-files-0"
        ))
        .await,
        client
            .get_file_replication_managed_file()
            .system_id(sys.clone())
            .id("managed-files-0")
    );
    get!(
        seen,
        "filesys",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/file-systems"))
            .await,
        client.get_file_system().system_id(sys.clone())
    );
    list!(
        seen,
        "licenses",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/licenses"))
            .await,
        license,
        paging_info,
        client.list_licenses().system_id(sys.clone())
    );
    list!(
        seen,
        "mdtags",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/mdtags"))
            .await,
        object,
        paging_info,
        client.list_mdtags().system_id(sys.clone())
    );
    list!(
        seen,
        "mtrees-id-rlfiles",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/mtrees/{mtree}/rlfiles"
        ))
        .await,
        rlfile,
        paging_info,
        client
            .list_mtree_rlfiles()
            .system_id(sys.clone())
            .id(mtree.clone())
    );
    get!(
        seen,
        "mtrees-id-stats",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/mtrees/{mtree}/stats"))
            .await,
        client
            .get_mtree_stats()
            .system_id(sys.clone())
            .id(mtree.clone())
    );
    list!(
        seen,
        "mtrees-id-stats-capacity",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/mtrees/{mtree}/stats/capacity"
        ))
        .await,
        stats_capacity,
        paging_info,
        client
            .list_mtree_stats_capacity()
            .system_id(sys.clone())
            .id(mtree.clone())
    );
    list!(
        seen,
        "networks",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/networks"))
            .await,
        network,
        paging_info,
        client.list_networks().system_id(sys.clone())
    );
    list!(
        seen,
        "cifs-shares",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/protocols/cifs/shares"
        ))
        .await,
        share,
        paging_info,
        client.list_cifs_shares().system_id(sys.clone())
    );
    get!(
        seen,
        "ddboost",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/protocols/ddboost"))
            .await,
        client.get_ddboost().system_id(sys.clone())
    );
    list!(
        seen,
        "ddboost-clients",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/protocols/ddboost/clients"
        ))
        .await,
        clients,
        paging_info,
        client.list_ddboost_clients().system_id(sys.clone())
    );
    list!(
        seen,
        "ddboost-storage-units",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/protocols/ddboost/storage-units"
        ))
        .await,
        storage_units,
        paging_info,
        client.list_ddboost_storage_units().system_id(sys.clone())
    );
    list!(
        seen,
        "ddboost-users",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/protocols/ddboost/users"
        ))
        .await,
        user,
        paging_info,
        client.list_ddboost_users().system_id(sys.clone())
    );
    list!(
        seen,
        "nfs-exports",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/protocols/nfs/exports"
        ))
        .await,
        exports,
        paging_info,
        client.list_nfs_exports().system_id(sys.clone())
    );
    list!(
        seen,
        "vdisk-devgrps",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/protocols/vdisk/device-groups"
        ))
        .await,
        device_group,
        paging_info,
        client.list_vdisk_device_groups().system_id(sys.clone())
    );
    list!(
        seen,
        "vdisk-devices",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/protocols/vdisk/devices"
        ))
        .await,
        device,
        paging_info,
        client.list_vdisk_devices().system_id(sys.clone())
    );
    list!(
        seen,
        "vdisk-pools",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/protocols/vdisk/pools"
        ))
        .await,
        pool,
        paging_info,
        client.list_vdisk_pools().system_id(sys.clone())
    );
    list!(
        seen,
        "vdisk-stimgs",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/protocols/vdisk/static-images"
        ))
        .await,
        static_image,
        paging_info,
        client.list_vdisk_static_images().system_id(sys.clone())
    );
    list!(
        seen,
        "repl-contexts",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/repl-contexts"))
            .await,
        repl,
        paging_info,
        client.list_repl_contexts().system_id(sys.clone())
    );
    list!(
        seen,
        "scsitgt-access-groups",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/scsi-target/access-groups"
        ))
        .await,
        access_group,
        paging_info,
        client.list_scsitgt_access_groups().system_id(sys.clone())
    );
    list!(
        seen,
        "scsitgt-endpoints",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/scsi-target/endpoints"
        ))
        .await,
        endpoint,
        paging_info,
        client.list_scsitgt_endpoints().system_id(sys.clone())
    );
    list!(
        seen,
        "scsitgt-initiators",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/scsi-target/initiators"
        ))
        .await,
        initiator,
        paging_info,
        client.list_scsitgt_initiators().system_id(sys.clone())
    );
    get!(
        seen,
        "services",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/services"))
            .await,
        client.get_service().system_id(sys.clone())
    );
    get!(
        seen,
        "services-asup",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/services/asups"))
            .await,
        client.get_service_asup().system_id(sys.clone())
    );
    get!(
        seen,
        "services-iscsi",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/services/iscsi"))
            .await,
        client.get_service_iscsi().system_id(sys.clone())
    );
    get!(
        seen,
        "services-license-server",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/services/license-server"
        ))
        .await,
        client.get_service_license_server().system_id(sys.clone())
    );
    get!(
        seen,
        "mdtags-services",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/services/mdtags"))
            .await,
        client.get_service_mdtags().system_id(sys.clone())
    );
    get!(
        seen,
        "services-ntp",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/services/ntp"))
            .await,
        client.get_service_ntp().system_id(sys.clone())
    );
    get!(
        seen,
        "services-snmp",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/services/snmp"))
            .await,
        client.get_service_snmp().system_id(sys.clone())
    );
    get!(
        seen,
        "settings",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/settings"))
            .await,
        client.get_settings().system_id(sys.clone())
    );
    list!(
        seen,
        "tenant-units",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/smt/tenant-units"))
            .await,
        tenant_units,
        paging_info,
        client.list_tenant_units().system_id(sys.clone())
    );
    list!(
        seen,
        "tenants",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/smt/tenants"))
            .await,
        tenants,
        paging_info,
        client.list_tenants().system_id(sys.clone())
    );
    list!(
        seen,
        "snapshots",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/snapshots"))
            .await,
        snapshot,
        paging_info,
        client.list_snapshots().system_id(sys.clone())
    );
    get!(
        seen,
        "stats",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/stats")).await,
        client.get_stats().system_id(sys.clone())
    );
    list!(
        seen,
        "comp-measurements",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/stats/compression/measurements"
        ))
        .await,
        measurement,
        paging_info,
        client
            .list_stats_compression_measurements()
            .system_id(sys.clone())
    );
    get!(
        seen,
        "comp-measurements-support-check",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/stats/compression/measurements-support-check"
        ))
        .await,
        client
            .get_stats_compression_measurements_support_check()
            .system_id(sys.clone())
    );
    list!(
        seen,
        "stats-file-replications",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/stats/file-replications/stats-file-replications-0"
        ))
        .await,
        context,
        paging_info,
        client
            .get_stats_file_replication()
            .system_id(sys.clone())
            .id("stats-file-replications-0")
    );
    get!(
        seen,
        "filesys-stats",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/stats/file-systems?tier=active&need_delta=false"
        ))
        .await,
        client
            .list_stats_file_systems()
            .system_id(sys.clone())
            .tier(types::ListStatsFileSystemsTier::Active)
            .need_delta(false)
    );
    list!(
        seen,
        "stats-perf",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/stats/performance"))
            .await,
        stats_performance,
        paging_info,
        client.list_stats_performance().system_id(sys.clone())
    );
    get!(
        seen,
        "stats-systems-file-replications",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/stats/systems/file-replications"
        ))
        .await,
        client
            .get_stats_system_file_replication()
            .system_id(sys.clone())
    );
    list!(
        seen,
        "stats-upgrades-schedules",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/stats/upgrades/schedules/stats-upgrades-schedules-0"
        ))
        .await,
        upgrade_schedule_detailed_info,
        paging_info,
        client
            .get_stats_upgrade_schedule()
            .system_id(sys.clone())
            .id("stats-upgrades-schedules-0")
    );
    list!(
        seen,
        "support-bundles",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/supports/support-bundles"
        ))
        .await,
        support_bundles,
        paging_info,
        client.list_support_bundles().system_id(sys.clone())
    );
    list!(
        seen,
        "upgrades-schedules",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/upgrades/schedules"))
            .await,
        schedules,
        paging_info,
        client.list_upgrade_schedules().system_id(sys.clone())
    );
    list!(
        seen,
        "users",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/users")).await,
        user,
        paging_info,
        client.list_users().system_id(sys.clone())
    );
    list!(
        seen,
        "config-templates",
        raw.get("/rest/v1.0/system/config/templates").await,
        config_template,
        paging_info,
        client.list_config_templates()
    );
    list!(
        seen,
        "profile-access-info",
        raw.get("/rest/v1.0/system/vi/access-info").await,
        profiles,
        paging_info,
        client.list_vi_access_info()
    );
    list!(
        seen,
        "resource-profiles",
        raw.get("/rest/v1.0/system/vi/resource").await,
        resources,
        paging_info,
        client.list_vi_resource()
    );
    list!(
        seen,
        "tasks",
        raw.get("/rest/v1.0/tasks").await,
        task,
        paging_info,
        client.list_tasks()
    );
    list!(
        seen,
        "network-nic",
        raw.get(&format!("/rest/v2.0/dd-systems/{sys}/networks/nics"))
            .await,
        nics,
        paging_info,
        client.list_network_nics().system_id(sys.clone())
    );
    list!(
        seen,
        "nfs-exports-id-clients",
        raw.get(&format!(
            "/rest/v2.0/dd-systems/{sys}/protocols/nfs/exports/1/clients"
        ))
        .await,
        clients,
        paging_info,
        client
            .list_nfs_export_clients()
            .system_id(sys.clone())
            .id("1")
    );
    get!(
        seen,
        "nfs-exports-id-referrals",
        raw.get(&format!(
            "/rest/v2.0/dd-systems/{sys}/protocols/nfs/exports/1/referrals"
        ))
        .await,
        client
            .get_nfs_export_referral()
            .system_id(sys.clone())
            .id("1")
    );
    get!(
        seen,
        "services-log",
        raw.get(&format!("/rest/v2.0/dd-systems/{sys}/services/logs"))
            .await,
        client.get_service_log().system_id(sys.clone())
    );
    get!(
        seen,
        "systems",
        raw.get(&format!("/rest/v2.0/dd-systems/{sys}/systems"))
            .await,
        client.get_managed_system().system_id(sys.clone())
    );
    list!(
        seen,
        "system-repl",
        raw.get(&format!("/rest/v2.0/dd-systems/{sys}/systems/stats/repl"))
            .await,
        system_stats,
        paging_info,
        client.list_system_stats_repl().system_id(sys.clone())
    );
    list!(
        seen,
        "system-space",
        raw.get(&format!("/rest/v2.0/dd-systems/{sys}/systems/stats/space"))
            .await,
        system_stats,
        paging_info,
        client.list_system_stats_space().system_id(sys.clone())
    );
    get!(
        seen,
        "mtree-id-stats-compressions",
        raw.get(&format!(
            "/rest/v3.0/dd-systems/{sys}/mtrees/{mtree}/stats/compressions"
        ))
        .await,
        client
            .get_mtree_stats_compression()
            .system_id(sys.clone())
            .id(mtree.clone())
    );
    list!(
        seen,
        "stats-performances-mtrees",
        raw.get(&format!(
            "/rest/v3.0/dd-systems/{sys}/stats/performances/mtrees/{mtree}"
        ))
        .await,
        mtree_show_perf_detail,
        paging_info,
        client
            .get_stats_performance_mtree()
            .system_id(sys.clone())
            .id(mtree.clone())
    );
    list!(
        seen,
        "appliance-pools",
        raw.get("/api/v1/appliance-pools").await,
        pools,
        paging_info,
        client.list_appliance_pools()
    );
    list!(
        seen,
        "stats-capacities",
        raw.get("/api/v1/dd-systems/stats/capacities").await,
        systems,
        paging_info,
        client.list_dd_system_stats_capacities()
    );
    get!(
        seen,
        "filesys-block-storage",
        raw.get(&format!(
            "/api/v1/dd-systems/{sys}/file-systems/block-storages"
        ))
        .await,
        client
            .get_file_system_block_storage()
            .system_id(sys.clone())
    );
    get!(
        seen,
        "filesys-object-store",
        raw.get(&format!(
            "/api/v1/dd-systems/{sys}/file-systems/object-stores"
        ))
        .await,
        client.get_file_system_object_store().system_id(sys.clone())
    );
    get!(
        seen,
        "filesys-object-stores-aws",
        raw.get(&format!(
            "/api/v1/dd-systems/{sys}/file-systems/object-stores/aws"
        ))
        .await,
        client
            .get_file_system_object_store_aws()
            .system_id(sys.clone())
    );
    get!(
        seen,
        "cifs-auth",
        raw.get(&format!("/api/v1/dd-systems/{sys}/protocols/cifs/auth"))
            .await,
        client.get_cifs_auth().system_id(sys.clone())
    );
    list!(
        seen,
        "storage-disks",
        raw.get(&format!("/api/v1/dd-systems/{sys}/storage/disks"))
            .await,
        disk_info,
        paging_info,
        client.list_storage_disks().system_id(sys.clone())
    );
    get!(
        seen,
        "supports-cloudiq",
        raw.get(&format!("/api/v1/dd-systems/{sys}/supports/cloudiq"))
            .await,
        client.get_support_cloudiq().system_id(sys.clone())
    );
    list!(
        seen,
        "sites",
        raw.get("/api/v1/sites").await,
        sites,
        paging_info,
        client.list_sites()
    );
    get!(
        seen,
        "config-template-audits",
        raw.get("/api/v1/system/config/template-audits/config-template-audits-0")
            .await,
        client
            .get_config_template_audit()
            .id("config-template-audits-0")
    );
    list!(
        seen,
        "config-template-audit-histories",
        raw.get("/api/v1/system/config/template-audits/histories")
            .await,
        config_template_audit_infos,
        paging,
        client.list_config_template_audit_histories()
    );
    list!(
        seen,
        "config-template-audit-schedules",
        raw.get("/api/v1/system/config/template-audits/schedules")
            .await,
        config_template_audit_schedules,
        paging_info,
        client.list_config_template_audit_schedules()
    );
    get!(
        seen,
        "config-template-features",
        raw.get("/api/v1/system/config/templates/features").await,
        client.get_config_template_feature()
    );
    get!(
        seen,
        "nfs",
        raw.get(&format!("/api/v2/dd-systems/{sys}/protocols/nfs"))
            .await,
        client.get_nfs().system_id(sys.clone())
    );
    get!(
        seen,
        "supports",
        raw.get(&format!("/api/v2/dd-systems/{sys}/supports")).await,
        client.get_support().system_id(sys.clone())
    );
    get!(
        seen,
        "network-dns-server",
        raw.get(&format!("/api/v3/dd-systems/{sys}/networks/dns-servers"))
            .await,
        client.get_network_dns_server().system_id(sys.clone())
    );
    get!(
        seen,
        "network-domain-name",
        raw.get(&format!("/api/v3/dd-systems/{sys}/networks/domain-names"))
            .await,
        client.get_network_domain_name().system_id(sys.clone())
    );
    list!(
        seen,
        "network-gateway",
        raw.get(&format!("/api/v3/dd-systems/{sys}/networks/gateways"))
            .await,
        default_gateways,
        paging_info,
        client.list_network_gateways().system_id(sys.clone())
    );
    get!(
        seen,
        "network-host-name",
        raw.get(&format!("/api/v3/dd-systems/{sys}/networks/host-names"))
            .await,
        client.get_network_host_name().system_id(sys.clone())
    );
    list!(
        seen,
        "network-interface",
        raw.get(&format!("/api/v3/dd-systems/{sys}/networks/interfaces"))
            .await,
        interfaces,
        paging_info,
        client.list_network_interfaces().system_id(sys.clone())
    );
    list!(
        seen,
        "network-interface-alias",
        raw.get(&format!(
            "/api/v3/dd-systems/{sys}/networks/interfaces/aliases"
        ))
        .await,
        aliases,
        paging_info,
        client
            .list_network_interface_aliases()
            .system_id(sys.clone())
    );
    list!(
        seen,
        "network-interface-physical",
        raw.get(&format!(
            "/api/v3/dd-systems/{sys}/networks/interfaces/physicals"
        ))
        .await,
        physical_interfaces,
        paging_info,
        client
            .list_network_interface_physicals()
            .system_id(sys.clone())
    );
    list!(
        seen,
        "network-interface-vlan",
        raw.get(&format!(
            "/api/v3/dd-systems/{sys}/networks/interfaces/vlans"
        ))
        .await,
        vlans,
        paging_info,
        client.list_network_interface_vlans().system_id(sys.clone())
    );
    get!(
        seen,
        "network-search-domain",
        raw.get(&format!("/api/v3/dd-systems/{sys}/networks/search-domains"))
            .await,
        client.get_network_search_domain().system_id(sys.clone())
    );

    // The groups without a GET: their one operation.
    let check = client
        .check_user_password()
        .system_id(sys.clone())
        .id("sysadmin")
        .body_map(|b| b.new_password(sdk_auth::Password::new("Sim-New-pass2!")))
        .send()
        .await
        .expect("users-id-pre-check")
        .into_inner();
    assert_eq!(check.name.as_deref(), Some("sysadmin"));
    seen.insert("users-id-pre-check".to_string());
    let applied = client
        .apply_config_template()
        .id("config-templates-0")
        .body_map(|b| b.system_ids(vec![sys.clone()]))
        .send()
        .await
        .expect("config-template-apply");
    assert_eq!(applied.status().as_u16(), 202);
    seen.insert("config-template-apply".to_string());
    let reset = client
        .reset_service_asup_api_v2()
        .system_id(sys.clone())
        .body_map(|b| b.options(vec!["all".to_string()]))
        .send()
        .await
        .expect("services-asup-reset")
        .into_inner();
    assert!(
        serde_json::to_value(&reset)
            .expect("serialize")
            .as_object()
            .is_some_and(|o| !o.is_empty())
    );
    seen.insert("services-asup-reset".to_string());

    client.logout().await.expect("logout");
    assert_eq!(sim.logouts(), 1);
    let spec = spec_tags();
    assert_eq!(spec.len(), 120, "the spec's groups");
    // The DD OS 8.x groups have their own test, below.
    seen.extend(DD_OS_8_GROUPS.iter().map(|t| t.to_string()));
    let missed: Vec<_> = spec.difference(&seen).collect();
    let unknown: Vec<_> = seen.difference(&spec).collect();
    assert!(
        missed.is_empty() && unknown.is_empty(),
        "missed {missed:?}, not in the spec {unknown:?}"
    );
}

/// The groups added from Dell's DD OS 8.7 document, read by [`every_dd_os_8_group_answers`].
const DD_OS_8_GROUPS: [&str; 22] = [
    "analytics",
    "authorization-policy",
    "mtree-replications",
    "update-packages",
    "updates",
    "ifgroups",
    "cifs",
    "ha",
    "qat",
    "managing-hosts",
    "adminaccess",
    "ipmi",
    "activities",
    "storages",
    "support-assist",
    "cloud-providers",
    "clouds",
    "filesys-encryption",
    "filesys-encryption-keys",
    "trust",
    "sso-registration",
    "retention-lock",
];

/// Each DD OS 8.x group read through the SDK, every field the simulator sent kept, and the
/// `/api/v3` performance statistics of the older `stats-perf` group.
#[tokio::test]
async fn every_dd_os_8_group_answers() {
    let (sim, client) = start().await;
    let mut seen = BTreeSet::new();
    let sys = first_system(&client).await;
    let raw = Raw::login(&sim).await;
    list!(
        seen,
        "stats-perf",
        raw.get(&format!("/api/v3/dd-systems/{sys}/stats/performance"))
            .await,
        stats_performance,
        paging_info,
        client
            .list_stats_performance_api_v3()
            .system_id(sys.clone())
    );
    list!(
        seen,
        "analytics",
        raw.get(&format!(
            "/api/v1/dd-systems/{sys}/analytics/capacity/mtrees"
        ))
        .await,
        mtree_stats,
        paging_info,
        client
            .list_mtree_capacity_analytics()
            .system_id(sys.clone())
    );
    get!(
        seen,
        "authorization-policy",
        raw.get(&format!(
            "/api/v1/dd-systems/{sys}/authorization/policy-config"
        ))
        .await,
        client.get_authorization_policy().system_id(sys.clone())
    );
    list!(
        seen,
        "mtree-replications",
        raw.get(&format!("/api/v1/dd-systems/{sys}/mtree-replications"))
            .await,
        contexts,
        paging_info,
        client.list_mtree_replications().system_id(sys.clone())
    );
    let context = client
        .get_mtree_replication()
        .system_id(sys.clone())
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
    list!(
        seen,
        "update-packages",
        raw.get(&format!("/api/v1/dd-systems/{sys}/updates/packages"))
            .await,
        packages,
        paging_info,
        client.list_update_packages().system_id(sys.clone())
    );
    get!(
        seen,
        "updates",
        raw.get(&format!("/api/v1/dd-systems/{sys}/updates/status"))
            .await,
        client.get_update_status().system_id(sys.clone())
    );
    list!(
        seen,
        "ifgroups",
        raw.get(&format!("/api/v1/dd-systems/{sys}/protocols/ifgroups"))
            .await,
        group_infos,
        paging_info,
        client.list_ifgroups().system_id(sys.clone())
    );
    get!(
        seen,
        "cifs",
        raw.get(&format!("/api/v1/dd-systems/{sys}/protocols/cifs/status"))
            .await,
        client.get_cifs_status().system_id(sys.clone())
    );
    get!(
        seen,
        "ha",
        raw.get(&format!("/api/v1/dd-systems/{sys}/ha")).await,
        client.get_ha_system().system_id(sys.clone())
    );
    get!(
        seen,
        "qat",
        raw.get(&format!("/api/v1/dd-systems/{sys}/qat")).await,
        client.get_qat_devices().system_id(sys.clone())
    );
    get!(
        seen,
        "managing-hosts",
        raw.get(&format!("/api/v1/dd-systems/{sys}/managing-hosts"))
            .await,
        client.list_managing_hosts().system_id(sys.clone())
    );
    get!(
        seen,
        "adminaccess",
        raw.get(&format!(
            "/api/v1/dd-systems/{sys}/adminaccess/option-config"
        ))
        .await,
        client.get_admin_access_options().system_id(sys.clone())
    );
    get!(
        seen,
        "ipmi",
        raw.get(&format!("/api/v1/dd-systems/{sys}/ipmis/config"))
            .await,
        client.get_ipmi_config().system_id(sys.clone())
    );
    list!(
        seen,
        "activities",
        raw.get(&format!("/api/v2/dd-systems/{sys}/activities"))
            .await,
        activities,
        paging_info,
        client.list_activities().system_id(sys.clone())
    );
    let alerts = client
        .list_alerts_api_v2()
        .system_id(sys.clone())
        .send()
        .await
        .expect("alerts v2")
        .into_inner();
    assert!(!alerts.alert_list.is_empty(), "alerts v2");
    list!(
        seen,
        "storages",
        raw.get(&format!("/api/v1/dd-systems/{sys}/storages")).await,
        storages_info,
        paging_info,
        client.list_storages().system_id(sys.clone())
    );
    get!(
        seen,
        "storages",
        raw.get(&format!("/api/v1/dd-systems/{sys}/storages/status"))
            .await,
        client.get_storage_status().system_id(sys.clone())
    );
    get!(
        seen,
        "support-assist",
        raw.get(&format!("/api/v1/dd-systems/{sys}/supports/support-assist"))
            .await,
        client.get_support_assist().system_id(sys.clone())
    );
    list!(
        seen,
        "cloud-providers",
        raw.get(&format!("/api/v3/dd-systems/{sys}/cloud-providers"))
            .await,
        cloud_providers,
        paging_info,
        client.list_cloud_providers_api_v3().system_id(sys.clone())
    );
    get!(
        seen,
        "clouds",
        raw.get(&format!("/rest/v1.0/dd-systems/{sys}/clouds"))
            .await,
        client.get_cloud_tier().system_id(sys.clone())
    );
    get!(
        seen,
        "filesys-encryption",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/file-systems/encryptions"
        ))
        .await,
        client.get_filesys_encryption().system_id(sys.clone())
    );
    get!(
        seen,
        "filesys-encryption",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/file-systems/encryptions/key-managers"
        ))
        .await,
        client.get_encryption_key_manager().system_id(sys.clone())
    );
    list!(
        seen,
        "filesys-encryption-keys",
        raw.get(&format!(
            "/rest/v1.0/dd-systems/{sys}/file-systems/encryptions/keys"
        ))
        .await,
        keys_info,
        paging_info,
        client.list_encryption_keys().system_id(sys.clone())
    );
    get!(
        seen,
        "trust",
        raw.get("/rest/v1.0/trust").await,
        client.get_trust()
    );
    get!(
        seen,
        "sso-registration",
        raw.post(
            "/api/v1/iam/sso-registration",
            serde_json::json!({"clientName": "PowerProtect DD"}),
            &[]
        )
        .await,
        client.create_iam_sso_registration().body_map(|b| b
            .client_name("PowerProtect DD".to_string())
            .client_secret(sdk_auth::Password::new("Sim-client-secret")))
    );
    // Retention lock: the security officer's authorization is required by the builder and
    // checked by the simulator.
    let governance = || {
        client
            .enable_retention_lock_governance_security_auth()
            .system_id(sys.clone())
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
    get!(
        seen,
        "retention-lock",
        raw.post(
            &format!(
                "/api/v3/dd-systems/{sys}/systems/retention-lock-governance/security-auth/enable"
            ),
            serde_json::json!({"operation": "REVERT"}),
            &[("x-dd-sec-officer", SECURITY_OFFICER)]
        )
        .await,
        governance().x_dd_sec_officer(SECURITY_OFFICER)
    );
    // New operations of older groups: the DD OS 8.x camelCase shapes keep every field too.
    let mut older = BTreeSet::new();
    list!(
        older,
        "cloud-profiles",
        raw.get(&format!("/api/v3/dd-systems/{sys}/cloud-profiles"))
            .await,
        cloud_profiles,
        paging_info,
        client.list_cloud_profiles_api_v3().system_id(sys.clone())
    );
    get!(
        older,
        "users",
        raw.get(&format!("/api/v3/dd-systems/{sys}/users/sysadmin"))
            .await,
        client
            .get_user_api_v3()
            .system_id(sys.clone())
            .id("sysadmin")
    );
    get!(
        older,
        "mtrees",
        raw.get(&format!(
            "/api/v4/dd-systems/{sys}/mtrees/%2Fdata%2Fcol1%2Fboost-su1"
        ))
        .await,
        client
            .get_mtree_api_v4()
            .system_id(sys.clone())
            .id("%2Fdata%2Fcol1%2Fboost-su1")
    );
    assert_eq!(older.len(), 3);
    seen.remove("stats-perf");
    let expected: BTreeSet<String> = DD_OS_8_GROUPS.iter().map(|t| t.to_string()).collect();
    assert_eq!(seen, expected);
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
