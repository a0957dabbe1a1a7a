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
        "cluster": {"@type": "clusterRest", "id": "7188", "clusterid": "142700167048", "name": "appliance-1"}
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
