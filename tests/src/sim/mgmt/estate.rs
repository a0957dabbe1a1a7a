//! The console's objects as the simulator serves them: generated from an index, with the field
//! names, id types (strings) and microsecond dates of the real console.

use serde_json::{Value, json};

const APP_TYPES: [&str; 5] = [
    "GCPInstance",
    "VMBackup",
    "SqlServerWriter",
    "FileSystem",
    "ConsistencyGroup",
];
const JOB_STATUSES: [&str; 5] = ["running", "queued", "succeeded", "failed", "canceled"];
/// 2026-01-01T00:00:00Z in microseconds.
const EPOCH_US: i64 = 1_767_225_600_000_000;

pub(super) fn application(i: usize) -> Value {
    let id = (4_000_000 + i).to_string();
    json!({
        "@type": "applicationRest",
        "id": id,
        "href": format!("https://console.example.com/actifio/application/{id}"),
        "syncdate": EPOCH_US + i as i64 * 1_000_000,
        "stale": false,
        "appname": format!("app-{i:05}"),
        "apptype": APP_TYPES[i % APP_TYPES.len()],
        "friendlytype": APP_TYPES[i % APP_TYPES.len()],
        "managed": !i.is_multiple_of(3),
        "isvm": i.is_multiple_of(2),
        "srcid": (90_000 + i).to_string(),
        "sourcecluster": "142700167048",
        "host": {"@type": "hostRest", "id": (5_000 + i % 50).to_string(), "name": format!("host-{:02}", i % 50)},
        "cluster": {"@type": "clusterRest", "id": "7188", "clusterid": "142700167048", "name": "appliance-1", "type": "Sky"}
    })
}

pub(super) fn backup(i: usize) -> Value {
    let id = (8_000_000 + i).to_string();
    json!({
        "@type": "backupRest",
        "id": id,
        "backupname": format!("Image_{:07}", 110_000 + i),
        "appname": format!("app-{:05}", i % 2_500),
        "appid": (4_000_000 + i % 2_500).to_string(),
        "apptype": APP_TYPES[i % APP_TYPES.len()],
        "jobclass": if i.is_multiple_of(4) { "OnVault" } else { "snapshot" },
        "jobclasscode": if i.is_multiple_of(4) { 22 } else { 1 },
        "consistencydate": EPOCH_US + i as i64 * 3_600_000_000,
        "expiration": EPOCH_US + (i as i64 + 720) * 3_600_000_000,
        "consumedsize": 1_073_741_824_i64 * (i as i64 % 40 + 1),
        "virtualsize": (10_737_418_240_i64 * (i as i64 % 8 + 1)).to_string(),
        "clusterid": "142700167048"
    })
}

pub(super) fn job(i: usize) -> Value {
    let id = (9_000_000 + i).to_string();
    let start = EPOCH_US + i as i64 * 60_000_000;
    json!({
        "@type": "jobStatusRest",
        "id": id,
        "jobname": format!("Job_{:07}", 80_000 + i),
        "jobclass": if i.is_multiple_of(7) { "mount" } else { "snapshot" },
        "status": JOB_STATUSES[i % JOB_STATUSES.len()],
        "progress": (i * 13 % 101) as i64,
        "appname": format!("app-{:05}", i % 2_500),
        "appid": (4_000_000 + i % 2_500).to_string(),
        "startdate": start,
        "queuedate": start - 5_000_000,
        "duration": 42_000_000_i64,
        "isscheduled": i.is_multiple_of(2)
    })
}

/// The appliance every object of the simulated estate lives on (console `id` and appliance
/// `clusterid`, the two ids users confuse).
fn appliance() -> Value {
    json!({"@type": "clusterRest", "id": "7188", "clusterid": "142700167048", "name": "appliance-1"})
}

const HOSTS: usize = 50;
const SLTS: usize = 8;
const SLPS: usize = 4;
const POOLS: usize = 4;
const USERS: usize = 12;
const ROLES: [&str; 5] = [
    "Administrator",
    "Backup Admin",
    "Backup Operator",
    "Mount User",
    "Read Only",
];
const ORGS: [&str; 3] = ["Default Organization", "Finance", "Engineering"];

pub(super) fn host(i: usize) -> Value {
    let id = (5_000 + i).to_string();
    let windows = i.is_multiple_of(4);
    json!({
        "@type": "hostRest",
        "id": id,
        "href": format!("https://console.example.com/actifio/host/{id}"),
        "syncdate": EPOCH_US + i as i64 * 1_000_000,
        "stale": false,
        "name": format!("host-{i:02}"),
        "hostname": format!("host-{i:02}.corp.example.com"),
        "friendlypath": format!("host-{i:02}"),
        "hosttype": if i.is_multiple_of(5) { "vcenter" } else { "generic" },
        "ostype": if windows { "Win32" } else { "Linux" },
        "osversion": if windows { "Windows Server 2022" } else { "Rocky Linux 9.4" },
        "ipaddress": format!("10.20.{}.{}", i / 200, 10 + i % 200),
        "isvm": !i.is_multiple_of(5),
        "isvcenterhost": i.is_multiple_of(5),
        "isesxhost": false,
        "isclusterhost": false,
        "isproxyhost": false,
        "hasagent": i.is_multiple_of(2),
        "srcid": (70_000 + i).to_string(),
        "clusterid": "142700167048",
        "sourcecluster": "142700167048",
        "zone": "us-central1-a",
        "projectid": "backup-prod-4711",
        "autoupgrade": "DISABLED",
        "connectorversion": "11.0.4.6831",
        "modifydate": EPOCH_US + i as i64 * 2_000_000,
        "appliance": appliance()
    })
}

pub(super) fn hosts() -> Vec<Value> {
    (0..HOSTS).map(host).collect()
}

fn slt_id(i: usize) -> String {
    (1_455_060 + i * 10).to_string()
}

fn slp_id(i: usize) -> String {
    (1_300_000 + i).to_string()
}

pub(super) fn slt(i: usize) -> Value {
    let id = slt_id(i);
    json!({
        "@type": "sltRest",
        "id": id,
        "href": format!("https://console.example.com/actifio/slt/{id}"),
        "name": format!("{}-{}", ["daily", "hourly", "weekly", "gold"][i % 4], i),
        "description": format!("backup template {i}"),
        "override": if i.is_multiple_of(2) { "true" } else { "false" },
        "sourcename": format!("template-{i}"),
        "managedbyagm": true,
        "usedbycloudapp": i.is_multiple_of(3),
        "policy_href": format!("https://console.example.com/actifio/slt/{id}/policy"),
        "option_href": format!("https://console.example.com/actifio/slt/{id}/settableoption"),
        "syncdate": EPOCH_US,
        "stale": false
    })
}

pub(super) fn slts() -> Vec<Value> {
    (0..SLTS).map(slt).collect()
}

/// The policies of template `slt` (by its id), or `None` for an unknown template.
pub(super) fn policies(template: &str) -> Option<Vec<Value>> {
    let i = (0..SLTS).find(|&i| slt_id(i) == template)?;
    let base = 1_455_061 + i * 10;
    let snap = json!({
        "@type": "policyRest",
        "id": base.to_string(),
        "name": "snap",
        "op": "snap",
        "priority": "medium",
        "rpo": "24",
        "rpom": "0",
        "retention": "7",
        "retentionm": "days",
        "starttime": "68400",
        "endtime": "75600",
        "scheduletype": "daily",
        "selection": "weekday in (sun,mon,tue,wed,thu,fri,sat)",
        "iscontinuous": false,
        "verification": false,
        "slt": {"id": template, "name": slt(i)["name"]}
    });
    let vault = json!({
        "@type": "policyRest",
        "id": (base + 1).to_string(),
        "name": "onvault",
        "op": "cloud",
        "priority": "medium",
        "rpo": "24",
        "retention": "30",
        "retentionm": "days",
        "scheduletype": "daily",
        "iscontinuous": false,
        "verification": false,
        "slt": {"id": template, "name": slt(i)["name"]}
    });
    Some(vec![snap, vault])
}

pub(super) fn diskpool(i: usize) -> Value {
    let id = (1_200 + i).to_string();
    let vault = i >= 2;
    let capacity = 10_485_760_i64 * (i as i64 + 1);
    let usage = capacity / 10 * (i as i64 + 3);
    json!({
        "@type": "diskPoolRest",
        "id": id,
        "href": format!("https://console.example.com/actifio/diskpool/{id}"),
        "name": if vault { format!("onvault-pool-{i}") } else { format!("act_per_pool00{i}") },
        "pooltype": if vault { "vault" } else { "perf" },
        "pooltypedisplayname": if vault { "OnVault" } else { "Snapshot" },
        "udsuid": 100 + i as i64,
        "capacity_mb": capacity,
        "usage_mb": usage,
        "free_mb": capacity - usage,
        "pct": usage as f64 * 100.0 / capacity as f64,
        "warnpct": 80,
        "safepct": 90,
        "immutable": vault,
        "state": "ONLINE",
        "status": "normal",
        "properties": if vault {
            json!([{"key": "bucket", "value": format!("gs://backup-vault-{i}")}, {"key": "vaulttype", "value": "GoogleNative"}])
        } else {
            json!([])
        },
        "cluster": appliance(),
        "modifydate": EPOCH_US + i as i64 * 86_400_000_000,
        "syncdate": EPOCH_US,
        "stale": false
    })
}

pub(super) fn diskpools() -> Vec<Value> {
    (0..POOLS).map(diskpool).collect()
}

pub(super) fn slp(i: usize) -> Value {
    let id = slp_id(i);
    json!({
        "@type": "slpRest",
        "id": id,
        "href": format!("https://console.example.com/actifio/slp/{id}"),
        "name": format!("profile-{}", ["local", "regional", "dr", "archive"][i % 4]),
        "description": format!("resource profile {i}"),
        "clusterid": "142700167048",
        "cid": "7188",
        "srcid": (60_000 + i).to_string(),
        "localnode": "appliance-1",
        "performancepool": "act_per_pool000",
        "vaultpool": {"id": (1_202 + i % 2).to_string(), "name": format!("onvault-pool-{}", 2 + i % 2)},
        "createdate": EPOCH_US - 86_400_000_000 * 30,
        "modifydate": EPOCH_US + i as i64 * 86_400_000_000,
        "syncdate": EPOCH_US,
        "stale": false
    })
}

pub(super) fn slps() -> Vec<Value> {
    (0..SLPS).map(slp).collect()
}

pub(super) fn role(i: usize) -> Value {
    let id = (1_000 + i).to_string();
    json!({
        "@type": "roleRest",
        "id": id,
        "href": format!("https://console.example.com/actifio/role/{id}"),
        "name": ROLES[i],
        "description": format!("{} role", ROLES[i]),
        "createdate": EPOCH_US - 86_400_000_000 * 90,
        "rightList": [{"id": "Access Application Manager", "name": "Access Application Manager"}]
    })
}

pub(super) fn roles() -> Vec<Value> {
    (0..ROLES.len()).map(role).collect()
}

pub(super) fn org(i: usize) -> Value {
    let id = (2_000 + i).to_string();
    json!({
        "@type": "organizationRest",
        "id": id,
        "href": format!("https://console.example.com/actifio/org/{id}"),
        "name": ORGS[i],
        "description": format!("{} organization", ORGS[i]),
        "createdate": EPOCH_US - 86_400_000_000 * 60,
        "modifydate": EPOCH_US,
        "version": "1",
        "resourcecollection": {"hostlist": [], "applist": [], "slplist": [], "sltlist": [], "hostlistcount": 0, "applistcount": 0}
    })
}

pub(super) fn orgs() -> Vec<Value> {
    (0..ORGS.len()).map(org).collect()
}

pub(super) fn user(i: usize) -> Value {
    let id = (6_131 + i).to_string();
    let name = if i == 0 {
        "sa@backup-prod-4711.iam.gserviceaccount.com".to_string()
    } else {
        format!("user{i:02}@corp.example.com")
    };
    json!({
        "@type": "userRest",
        "id": id,
        "href": format!("https://console.example.com/actifio/user/{id}"),
        "name": name,
        "firstname": format!("First{i}"),
        "lastname": format!("Last{i}"),
        "email": if i == 0 { String::new() } else { format!("user{i:02}@corp.example.com") },
        "timezone": "UTC",
        "dataaccesslevel": (i % 3) as i64,
        "localonly": i.is_multiple_of(2),
        "version": 0,
        "createdate": EPOCH_US - 86_400_000_000 * (i as i64 + 1),
        "rolelist": [role(i % ROLES.len())],
        "orglist": [{"id": org(i % ORGS.len())["id"], "name": ORGS[i % ORGS.len()]}]
    })
}

pub(super) fn users() -> Vec<Value> {
    (0..USERS).map(user).collect()
}

/// The SLA protecting application `application` (an index) with template and profile chosen
/// from it, or `None` when the application is unmanaged.
pub(super) fn sla(application: usize) -> Option<Value> {
    if application.is_multiple_of(3) {
        return None;
    }
    let id = (3_000_000 + application).to_string();
    let app_id = (4_000_000 + application).to_string();
    let (t, p) = (application % SLTS, application % SLPS);
    Some(json!({
        "@type": "slaRest",
        "id": id,
        "href": format!("https://console.example.com/actifio/sla/{id}"),
        "application": {"id": app_id, "href": format!("https://console.example.com/actifio/application/{app_id}"), "name": format!("app-{application:05}")},
        "slt": {"id": slt_id(t), "href": format!("https://console.example.com/actifio/slt/{}", slt_id(t)), "name": slt(t)["name"], "override": "true", "sourcename": format!("template-{t}")},
        "slp": {"id": slp_id(p), "href": format!("https://console.example.com/actifio/slp/{}", slp_id(p)), "name": slp(p)["name"]},
        "scheduleoff": "false",
        "expirationoff": "false",
        "dedupasyncoff": "false",
        "logexpirationoff": false,
        "modifydate": EPOCH_US + application as i64 * 1_000_000,
        "syncdate": EPOCH_US,
        "stale": false
    }))
}
