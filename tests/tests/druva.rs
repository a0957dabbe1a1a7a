//! druva-sdk end to end against the Druva simulator: token, reports paged through the body,
//! device mappings created, listed and deleted, users paged through the query, token expiry,
//! refusal, with the wire pinned by insta.

use std::time::Duration;

use druva_sdk::{Client, DruvaCredentials, HttpOptions, RetryPolicy, types};
use futures::TryStreamExt;
use sdk_tests::sim::druva::{DruvaSim, DruvaSimConfig};

fn options() -> HttpOptions {
    HttpOptions::default()
        .with_retry(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
}

async fn start_with(config: DruvaSimConfig) -> (DruvaSim, Client) {
    let credentials = DruvaCredentials::new(config.client_id.clone(), config.secret_key.clone());
    let sim = DruvaSim::start(config).await.expect("simulator");
    let client = Client::login_with(sim.url(), credentials, options())
        .await
        .expect("token");
    (sim, client)
}

async fn start() -> (DruvaSim, Client) {
    start_with(DruvaSimConfig::default()).await
}

fn report_request(page_size: i64) -> types::builder::ReportRequest {
    types::ReportRequest::builder().filters(types::ReportFilters::builder().page_size(page_size))
}

#[tokio::test]
async fn token_and_report_pages_as_sent_on_the_wire() {
    let config = DruvaSimConfig {
        report_rows: 5,
        ..DruvaSimConfig::default()
    };
    let (sim, client) = start_with(config).await;
    let rows: Vec<_> = client
        .get_report_data()
        .version("v1")
        .report_id("epLastBackupStatus")
        .body(report_request(2))
        .stream()
        .try_collect()
        .await
        .expect("rows");
    assert_eq!(rows.len(), 5);
    insta::assert_yaml_snapshot!("druva_token_and_report_pages_wire", sim.wire().take());
    insta::assert_json_snapshot!("druva_report_row_decoded", rows[0]);
}

#[tokio::test]
async fn a_large_report_streams_every_row() {
    let (sim, client) = start().await;
    let rows: Vec<_> = client
        .get_report_data()
        .version("v1")
        .report_id("epLastBackupStatus")
        .body(report_request(500))
        .stream()
        .try_collect()
        .await
        .expect("rows");
    assert_eq!(rows.len(), 2_345);
    assert_eq!(
        sim.wire()
            .count("POST", "/platform/reporting/v1/reports/epLastBackupStatus"),
        5
    );
}

#[tokio::test]
async fn device_mappings_are_created_listed_across_pages_and_deleted() {
    let (sim, client) = start().await;
    let before: Vec<_> = client
        .list_device_mappings()
        .stream()
        .try_collect()
        .await
        .expect("list");
    assert_eq!(before.len(), 9);
    let created = client
        .create_device_mapping()
        .body(
            types::NewDeviceMapping::builder()
                .email_id("new.user@example.com")
                .user_name("New User")
                .device_name("LAPTOP-NEW")
                .device_identifier_type(types::NewDeviceMappingDeviceIdentifierType::SerialNumber)
                .device_identifier("SN-0001"),
        )
        .send()
        .await
        .expect("create")
        .into_inner();
    let id = created.mapping_id.clone().expect("mappingID");
    let after: Vec<_> = client
        .list_device_mappings()
        .stream()
        .try_collect()
        .await
        .expect("list");
    assert_eq!(after.len(), 10);
    assert!(
        after
            .iter()
            .any(|m| m.mapping_id.as_deref() == Some(id.as_str()))
    );
    client
        .delete_device_mapping()
        .mapping_id(id)
        .send()
        .await
        .expect("delete");
    assert_eq!(sim.mapping_count(), 9);
}

#[tokio::test]
async fn users_stream_through_query_tokens() {
    let (sim, client) = start().await;
    let users: Vec<_> = client
        .list_users()
        .stream()
        .try_collect()
        .await
        .expect("users");
    assert_eq!(users.len(), 120);
    assert_eq!(
        sim.wire().count("GET", "/insync/usermanagement/v1/users"),
        3
    );
}

#[tokio::test]
async fn an_expired_token_mid_stream_is_refreshed_without_losing_rows() {
    let (sim, client) = start().await;
    let mut stream = client
        .get_report_data()
        .version("v1")
        .report_id("epLastBackupStatus")
        .body(report_request(500))
        .stream();
    let mut n = 0;
    while let Some(row) = stream.try_next().await.expect("row") {
        n += 1;
        if n == 700 {
            sim.expire_tokens();
        }
        let _ = row;
    }
    assert_eq!(n, 2_345);
    assert_eq!(sim.token_requests(), 2);
}

#[tokio::test]
async fn a_wrong_secret_is_a_typed_error() {
    let config = DruvaSimConfig::default();
    let id = config.client_id.clone();
    let sim = DruvaSim::start(config).await.expect("simulator");
    let err = Client::login_with(
        sim.url(),
        DruvaCredentials::new(id, "Wrong-Secret-99"),
        options(),
    )
    .await
    .expect_err("refused");
    assert!(
        matches!(err, sdk_auth::Error::InvalidCredentials { status: 400, .. }),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?}").contains("Wrong-Secret-99"));
    assert_eq!(sim.token_requests(), 1);
}

#[tokio::test]
async fn rate_limits_are_waited_out() {
    let (sim, client) = start().await;
    sim.inject_failures(429, 1, Some(0));
    let users = client.list_users().send().await.expect("after a 429");
    assert_eq!(users.status().as_u16(), 200);
}
