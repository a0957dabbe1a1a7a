//! Druva Cyber Resilience (`/realize`) through the real SDK against the simulator: one test per
//! area of the API, each walking its pages the way Druva documents them, and a check that the
//! SDK's types keep every field the simulator sends.

use druva_sdk::{Client, DruvaCredentials, types};
use futures::TryStreamExt;
use sdk_tests::keys::assert_keeps_every_key;
use sdk_tests::sim::druva::{DruvaSim, DruvaSimConfig};
use sdk_tests::sim::druva_products as bodies;

async fn client() -> (DruvaSim, Client) {
    let config = DruvaSimConfig::default();
    let credentials = DruvaCredentials::new(config.client_id.clone(), config.secret_key.clone());
    let sim = DruvaSim::start(config).await.expect("simulator");
    let client = Client::login(sim.url(), credentials).await.expect("token");
    (sim, client)
}

#[test]
fn the_types_keep_every_field_of_the_simulator_bodies() {
    assert_keeps_every_key::<types::CrQuarantinedResourceSummary>(&bodies::quarantined_resource(1));
    assert_keeps_every_key::<types::CrAnomalyStats>(&bodies::anomaly_stats("fileserver", 501));
    assert_keeps_every_key::<types::CrRestoreScanJobSummary>(&bodies::restore_scan_job(1));
    assert_keeps_every_key::<types::CrEvent>(&bodies::cr_event(1));
    assert_keeps_every_key::<types::CrThreatHuntListItem>(&bodies::threat_hunt(1));
    assert_keeps_every_key::<types::CrAwsDevice>(&bodies::aws_device(1));
    assert_keeps_every_key::<types::CrIocSetSummary>(&bodies::ioc_set(1));
    assert_keeps_every_key::<types::CrCuratedSnapshot>(&bodies::curated_snapshot());
}

#[tokio::test]
async fn ransomware_recovery_walks_every_quarantined_resource() {
    let (_sim, client) = client().await;
    let resources: Vec<_> = client
        .list_quarantined_resources()
        .stream()
        .try_collect()
        .await
        .expect("both pages");
    let ids: Vec<_> = resources.iter().filter_map(|r| r.resource_id).collect();
    assert_eq!(ids, [501, 502, 503]);
}

#[tokio::test]
async fn data_anomaly_statistics_are_typed_to_the_file_counts() {
    let (_sim, client) = client().await;
    let stats = client
        .get_snapshot_anomaly_stats()
        .workload("fileserver")
        .resource_id(501)
        .send()
        .await
        .expect("stats")
        .into_inner();
    let snapshot = &stats.stats.expect("stats")[0];
    let encrypted = snapshot
        .alert_metadata
        .as_ref()
        .and_then(|m| m.encrpted.as_ref())
        .and_then(|c| c.files);
    assert_eq!(encrypted, Some(1200));
}

#[tokio::test]
async fn restore_scans_list_jobs_and_settings() {
    let (_sim, client) = client().await;
    let jobs: Vec<_> = client
        .list_restore_scan_jobs()
        .stream()
        .try_collect()
        .await
        .expect("jobs");
    assert_eq!(jobs.len(), 2);
    let settings = client
        .get_restore_scan_settings()
        .send()
        .await
        .expect("settings");
    assert_eq!(settings.max_file_size_to_scan_in_mb, Some(512));
}

#[tokio::test]
async fn the_event_tracker_walk_ends_on_the_empty_page() {
    let (_sim, client) = client().await;
    let events: Vec<_> = client
        .list_cyber_resilience_events_by_tracker()
        .stream()
        .try_collect()
        .await
        .expect("the walk ends although a tracker is always answered");
    assert_eq!(events.len(), 3);
}

#[tokio::test]
async fn curated_snapshots_are_listed() {
    let (_sim, client) = client().await;
    let snapshots: Vec<_> = client
        .list_curated_snapshots()
        .stream()
        .try_collect()
        .await
        .expect("snapshots");
    assert_eq!(snapshots[0].virtual_snapshot_id.as_deref(), Some("vs-61"));
}

#[tokio::test]
async fn threat_hunts_walk_every_page() {
    let (_sim, client) = client().await;
    let hunts: Vec<_> = client
        .list_threat_hunts()
        .stream()
        .try_collect()
        .await
        .expect("hunts");
    let ids: Vec<_> = hunts.iter().filter_map(|h| h.threat_hunt_id).collect();
    assert_eq!(ids, [1, 2, 3]);
}

#[tokio::test]
async fn threat_watch_configuration_is_read() {
    let (_sim, client) = client().await;
    let config = client
        .get_threat_watch_config()
        .send()
        .await
        .expect("config");
    assert_eq!(config.auto_quarantine_enabled, Some(true));
}

#[tokio::test]
async fn the_aws_resource_search_sends_the_token_in_the_body() {
    let (_sim, client) = client().await;
    let devices: Vec<_> = client
        .search_aws_resources()
        .body(types::CrAwsResourceSearch::builder().org_i_ds(vec![1]))
        .stream()
        .try_collect()
        .await
        .expect("both pages");
    let ids: Vec<_> = devices.iter().filter_map(|d| d.device_id).collect();
    assert_eq!(ids, [801, 802, 803]);
}

#[tokio::test]
async fn ioc_sets_are_listed_by_type() {
    let (_sim, client) = client().await;
    let sets: Vec<_> = client
        .list_ioc_sets()
        .ioc_type(types::ListIocSetsIocType::Hash)
        .stream()
        .try_collect()
        .await
        .expect("IOC sets");
    assert_eq!(sets.len(), 2);
}
