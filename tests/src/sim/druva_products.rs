//! The Druva products that joined the spec after Platform, inSync and Enterprise Workloads, in
//! the simulator: job management (`/unity`), the Microsoft 365 / Google Workspace app status
//! (`/insync/cappmaster`) and Cyber Resilience (`/realize`): one operation or more of every tag.
//!
//! Bodies are written from the schemas of Druva's documents as this project's own data, and are
//! public so that tests can check that the SDK's types keep every field of them. Lists page the
//! way the documents say: a page token in the query (threat hunts), in the body (AWS resource
//! search), and a tracker that is always answered, with an empty page at the end (events).

use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};

use super::{query_pairs, query_value};

/// A job-management job (a NAS or Azure SQL backup or restore).
pub fn unity_job(job_id: i64, job_type: &str, workload: &str) -> Value {
    let mut job = json!({
        "jobID": job_id, "jobType": job_type, "state": "queued", "stateID": 1, "stateLabel": "Queued",
        "percent": 0, "createdTS": 1_764_500_000, "startedTS": 0, "endedTS": 0, "updatedTS": 1_764_500_000,
        "windowEndTS": 0, "attemptNo": 1, "retryCount": 0, "retryEnabled": false, "retryWaitinterval": 0,
        "errorCode": 0, "actualErrorCode": "", "errorCategory": "", "errorMsg": "", "errorDetails": {},
        "workloadName": workload
    });
    let rest = json!({
        "extendedParams": {}, "jobConfig": {}, "requestParams": {}, "entityID": 77, "entityName": "nas-share-1",
        "entityType": "backupset", "resourceID": 5, "resourceName": "filer-1", "resourceType": "nasdevice",
        "targetID": 0, "targetName": "", "targetType": "", "globalCustomerID": "cust-1",
        "productCustomerID": 4242, "productID": 12289, "primaryAuthEntityID": "1", "primaryAuthEntityType": "org",
        "secondaryAuthEntityID": "", "secondaryAuthEntityType": "", "scheduleEventID": "", "scheduleID": ""
    });
    if let (Value::Object(job), Value::Object(rest)) = (&mut job, rest) {
        job.extend(rest);
    }
    job
}

/// The Microsoft 365 (or Google Workspace) app status under `tenant_type`.
pub fn cloud_app_status(tenant_type: &str) -> Value {
    json!({
        "status": 200,
        tenant_type: [{"appId": 1, "appName": "Exchange Online", "status": 1,
            "lastConfigured": "2026-10-01T08:00:00Z", "clientid": "0f9c-app"}]
    })
}

/// A resource with quarantined snapshots (Cyber Resilience v2).
pub fn quarantined_resource(i: i64) -> Value {
    json!({
        "resourceID": 500 + i, "resourceName": format!("fs-{i}"), "resourceType": "File Server", "orgID": 1,
        "rangeIDs": [{"rangeID": 70 + i, "fromDate": "2026-11-01", "toDate": "2026-11-03", "quarantineType": 2}]
    })
}

/// The unusual-data-activity statistics of a resource.
pub fn anomaly_stats(workload: &str, resource: i64) -> Value {
    let change = json!({"files": 1200, "baseline": 40, "deviation": "2900%", "filePerChange": "12%", "isAlert": true});
    json!({
        "orgID": 1, "resourceID": resource, "resourceName": "fs-1", "resourceParentName": "host-1",
        "resourcePlatform": "Windows", "workload": workload, "resourceType": "File Server",
        "totalAlerts": 2, "activeAlerts": 1, "siteType": "", "siteUrl": "", "resourceUrl": "",
        "payload": {"subscription": "", "region": "", "resourceGroup": "", "csetPolicyMap": {"9": "p1"}},
        "stats": [{
            "alertTime": "2026-11-02T03:00:00Z", "alertTimestamp": "1793502000", "snapshotTime": "2026-11-02T02:00:00Z",
            "isLogAvailable": true, "unscannedDetails": "", "isQuarantined": true, "snapsphotStatus": 1,
            "alertTypes": ["Encryption"], "snapshotID": "snap-9", "snapshotName": "Nov 2 02:00", "snapshotSize": "10 GB",
            "totalFiles": 50_000, "totalFilesImpacted": 1200,
            "alertMetadata": {"created": change, "updated": change, "deleted": change, "encrpted": change},
            "status": "Active", "actionTaken": "Quarantined", "csetID": 9
        }],
        "nextPageToken": "", "isLast": true
    })
}

/// A restore scan job of the list.
pub fn restore_scan_job(i: i64) -> Value {
    json!({
        "scanJobID": i, "globalCustomerID": "cust-1", "orgID": 1, "orgName": "Default", "productID": 12289,
        "productJobType": "Restore", "resourceType": "File Server", "resourceID": 501, "resourceName": "fs-1",
        "addTime": "2026-11-05T10:00:00Z", "endTime": "2026-11-05T10:20:00Z", "jobType": "Restore Scan",
        "statusCode": 4, "status": "Successful", "deviceName": "host-1",
        "ResourceURL": "https://console.example/resource/501", "RestoreJobURL": "https://console.example/job/77"
    })
}

/// A Cyber Resilience event.
pub fn cr_event(i: i64) -> Value {
    json!({
        "id": i, "area": "Cyber Resilience", "category": "AUDIT", "type": "Admin Login", "occurenceTime": 1_764_500_000 + i,
        "syslogSeverity": 6, "syslogFacility": 13,
        "details": {"location": "Pune", "adminName": "Asha Rao", "adminEmail": "asha@example.com", "loginResult": "Success",
            "adminActivity": "Login", "adminIPAddress": "192.0.2.7", "adminLoginTime": "2026-11-30T09:00:00Z"}
    })
}

/// A threat hunt of the list.
pub fn threat_hunt(i: i64) -> Value {
    json!({
        "threatHuntID": i, "jobID": 9000 + i, "name": format!("hunt-{i}"), "description": "IOC sweep",
        "createdOn": "2026-11-10T08:00:00Z", "resourceTypes": ["VMware"], "scanStartedTime": "2026-11-10T08:01:00Z",
        "scanStatus": "Completed", "snapshotRangeStartDate": "2026-10-01", "snapshotRangeEndDate": "2026-11-01",
        "impactedResources": 1, "impactedDevices": 1, "impactedSnapshots": 3, "totalFilesImpacted": 12,
        "totalResources": 4, "totalDevices": 4, "totalSnapshots": 40
    })
}

/// An AWS device found by the resource search.
pub fn aws_device(i: i64) -> Value {
    json!({
        "resourceName": format!("i-0abc{i}"), "type": "EC2", "deviceID": 800 + i, "awsAccountName": "prod",
        "awsAccountID": 42, "orgID": 1, "region": "us-east-1", "regionLabel": "US East (N. Virginia)",
        "resources": [{"resourceID": 900 + i}]
    })
}

/// An IOC set of the list.
pub fn ioc_set(i: i64) -> Value {
    json!({
        "id": i, "name": format!("hashes-{i}"), "description": "Known ransomware hashes", "iocType": "hash",
        "isDruvaIOC": false, "createdTime": "2026-09-01T00:00:00Z", "lastModifiedOn": "2026-11-01T00:00:00Z",
        "nonConvertedIOCs": 0, "publishedBy": "asha@example.com", "source": "CISA", "totalIOCs": 250
    })
}

/// A curated snapshot.
pub fn curated_snapshot() -> Value {
    json!({
        "jobID": 61, "resourceID": 501, "resourceName": "fs-1", "resourceType": "File Server",
        "resourceURL": "https://console.example/resource/501", "restoreURL": "https://console.example/restore/61",
        "platformType": "Windows", "ssRangeStartDate": "2026-11-01", "ssRangeEndDate": "2026-11-03",
        "expiry": "2026-12-03", "enableAVScan": true, "excludeFileHashes": false, "excludeFileExtentions": true,
        "fileExtentions": [".locked"], "replaceExistingSnapshot": false, "virtualSnapshotID": "vs-61",
        "virtualSnapshotEpoch": 1_762_000_000, "virtualSnapshotName": "curated-61", "displaySnapshotName": "Curated Nov 3",
        "size": 10_737_418_240_i64, "statusCode": 1, "status": "Active", "filesIncluded": 48_000,
        "filesScanedSkipped": 10, "filesExcluded": 1_200, "filesBlocked": 0, "filesEncrypted": 1_190
    })
}

fn ok(body: Value) -> Option<Response> {
    Some(super::json(StatusCode::OK, body))
}

fn bad_request(message: &str) -> Option<Response> {
    Some(super::json(
        StatusCode::BAD_REQUEST,
        json!({"code": "4000", "message": message, "retryable": false, "data": {}}),
    ))
}

/// Two pages: the first without a token, the second for token `"page2"`; any other is refused.
fn two_pages(
    token: Option<&str>,
    first: Vec<Value>,
    second: Vec<Value>,
) -> Result<(Vec<Value>, &'static str), ()> {
    match token.filter(|t| !t.is_empty()) {
        None => Ok((first, "page2")),
        Some("page2") => Ok((second, "")),
        Some(_) => Err(()),
    }
}

/// Job management, the SaaS app status and Cyber Resilience, or `None` for another path.
pub(super) fn route(
    method: &Method,
    segments: &[&str],
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Option<Response> {
    let pairs = query_pairs(uri);
    let query = |key: &str| query_value(&pairs, key);
    match (method.as_str(), segments) {
        (
            "POST",
            [
                "unity",
                "haydn",
                "v1",
                workload @ ("nas" | "azuresql"),
                "v1",
                "jobs",
                kind @ ("backup" | "restore"),
            ],
        ) => {
            let org = headers
                .get("authentities")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("pType=org;pID="));
            if !org {
                return bad_request("The authentities header is missing or malformed.");
            }
            ok(json!({"job": unity_job(9001, kind, workload)}))
        }
        ("GET", ["insync", "cappmaster", "v1", "apps", "status"]) => match query("tenantType") {
            Some(t @ ("M365" | "GSuite")) => ok(cloud_app_status(t)),
            _ => bad_request("tenantType must be M365 or GSuite."),
        },
        ("GET", ["realize", "ransomwarerecovery", "v2", "quarantineranges"]) => {
            match two_pages(
                query("pageToken"),
                vec![quarantined_resource(1), quarantined_resource(2)],
                vec![quarantined_resource(3)],
            ) {
                Ok((items, next)) => {
                    ok(json!({"quarantinedResources": items, "nextPageToken": next}))
                }
                Err(()) => bad_request("Invalid page token."),
            }
        }
        ("GET", ["realize", "uda", "v1", "stats", workload, "resources", id]) => {
            ok(anomaly_stats(workload, id.parse().unwrap_or(0)))
        }
        ("GET", ["realize", "rwc", "v1", "settings"]) => ok(json!({
            "AVScanEnabled": true, "fileHashScanEnabled": true, "allowAdminToSkipScanEndpoints": false,
            "allowAdminToSkipScanServers": false, "allowUserToSkipScanEndpoints": false, "skipScanForDeviceReplace": true,
            "useDruvaCuratedIOCs": true, "useLightScan": false, "excludeExtensionsFromScan": [".iso"],
            "maxFileSizeToScanInMB": 512, "daysBeyondWhichToSkipScan": 90
        })),
        ("GET", ["realize", "rwcscanmaster", "v1", "jobs"]) => ok(json!({
            "jobs": [restore_scan_job(1), restore_scan_job(2)], "nextPageToken": "", "totalItems": 2
        })),
        ("GET", ["realize", "eventmanagement", "v1", "events", "tracker"]) => {
            // A tracker is always answered; past the last event the page is empty.
            match query("trackerToken").filter(|t| !t.is_empty()) {
                None => ok(
                    json!({"events": [cr_event(1), cr_event(2), cr_event(3)], "nextTrackerToken": "trk-3"}),
                ),
                Some("trk-3") => ok(json!({"events": [], "nextTrackerToken": "trk-3"})),
                Some(_) => bad_request("Invalid tracker."),
            }
        }
        ("GET", ["realize", "curatedsnapshot", "v1", "snapshots"]) => ok(json!({
            "snapshots": [curated_snapshot()], "nextPageToken": "", "totalItems": 1
        })),
        ("GET", ["realize", "threathunting", "v1", "threathunts"]) => {
            match two_pages(
                query("pageToken"),
                vec![threat_hunt(1), threat_hunt(2)],
                vec![threat_hunt(3)],
            ) {
                Ok((items, next)) => {
                    ok(json!({"threathunts": items, "nextPageToken": next, "totalItems": 3}))
                }
                Err(()) => bad_request("Invalid page token."),
            }
        }
        ("GET", ["realize", "threathunting", "v1", "threatwatch", "config"]) => {
            ok(json!({"autoQuarantineEnabled": true, "lastUpdated": "2026-11-20T12:00:00Z"}))
        }
        ("POST", ["realize", "common", "v1", "search", "aws", "resources"]) => {
            let request: Value = serde_json::from_slice(body).unwrap_or_default();
            match two_pages(
                request["pageToken"].as_str(),
                vec![aws_device(1), aws_device(2)],
                vec![aws_device(3)],
            ) {
                Ok((items, next)) => ok(json!({"devices": items, "nextPageToken": next})),
                Err(()) => bad_request("Invalid page token."),
            }
        }
        ("GET", ["realize", "threatintel", "v1", "ioc-sets"]) => match query("IocType") {
            Some("hash" | "ext") => ok(json!({
                "allPublishers": ["asha@example.com"], "iocSets": [ioc_set(1), ioc_set(2)],
                "nextPageToken": "", "totalRecords": 2
            })),
            _ => bad_request("IocType must be hash or ext."),
        },
        _ => None,
    }
}
