//! ddmc-sdk end to end against the DDMC simulator: login, reads, paging, ids, expiry, refusal,
//! transient failures and logout, with what went on the wire pinned by insta snapshots.

use std::time::Duration;

use ddmc_sdk::{Client, DdmcCredentials, HttpOptions, RetryPolicy};
use futures::TryStreamExt;
use sdk_tests::sim::ddmc::{DdmcSim, DdmcSimConfig};

fn options() -> HttpOptions {
    HttpOptions::default()
        .with_retry(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
}

async fn start() -> (DdmcSim, Client) {
    let config = DdmcSimConfig::default();
    let credentials = DdmcCredentials::new(config.username.clone(), config.password.clone());
    let sim = DdmcSim::start(config).await.expect("simulator");
    let client = Client::login_with(sim.url(), credentials, options())
        .await
        .expect("login");
    (sim, client)
}

#[tokio::test]
async fn login_system_and_logout_as_sent_on_the_wire() {
    let (sim, client) = start().await;
    let system = client
        .get_system()
        .send()
        .await
        .expect("system")
        .into_inner();
    assert_eq!(system.model.as_deref(), Some("DD Management Center"));
    client.logout().await.expect("logout");
    assert_eq!(sim.logouts(), 1);
    insta::assert_yaml_snapshot!("ddmc_login_system_logout_wire", sim.wire().take());
    insta::assert_json_snapshot!("ddmc_system_decoded", system);
}

#[tokio::test]
async fn lists_walk_every_page_and_ids_travel_verbatim() {
    let (sim, client) = start().await;
    let systems: Vec<_> = client
        .list_dd_systems()
        .stream()
        .try_collect()
        .await
        .expect("systems");
    assert_eq!(systems.len(), 3);
    let ids: Vec<String> = systems.iter().map(|s| s.id.clone().expect("id")).collect();
    assert!(
        ids.iter().all(|id| id.contains("%3A")),
        "ids arrive URL-encoded: {ids:?}"
    );
    sim.wire().take();

    // The third system has 250 mtrees: two requests of 200.
    let mtrees: Vec<_> = client
        .list_mtrees()
        .system_id(ids[2].clone())
        .stream()
        .try_collect()
        .await
        .expect("mtrees");
    assert_eq!(mtrees.len(), 250);
    let uris: Vec<String> = sim.wire().take().into_iter().map(|r| r.uri).collect();
    insta::assert_yaml_snapshot!("ddmc_mtree_pages_uris", uris);

    // An mtree id (`%2Fdata%2Fcol1%2F…`) is used exactly as returned.
    let first = mtrees[0].id.clone().expect("mtree id");
    assert!(first.starts_with("%2Fdata%2Fcol1%2F"), "{first}");
    let mtree = client
        .get_mtree()
        .system_id(ids[2].clone())
        .id(first.clone())
        .send()
        .await
        .expect("mtree");
    assert_eq!(mtree.id.as_deref(), Some(first.as_str()));

    // A raw uuid with `:` is accepted too (sent as %3A).
    let raw = ids[0].replace("%3A", ":");
    let few: Vec<_> = client
        .list_mtrees()
        .system_id(raw)
        .stream()
        .try_collect()
        .await
        .expect("raw id");
    assert_eq!(few.len(), 7);
}

#[tokio::test]
async fn v3_systems_and_capacity_stats_decode() {
    let (_sim, client) = start().await;
    let systems: Vec<_> = client
        .list_dd_systems_v3()
        .stream()
        .try_collect()
        .await
        .expect("v3");
    assert_eq!(systems.len(), 3);
    let id = systems[0].id.clone().expect("id");
    let stats: Vec<_> = client
        .get_capacity_stats()
        .system_id(id)
        .stream()
        .try_collect()
        .await
        .expect("stats");
    assert_eq!(stats.len(), 30);
    assert!(stats.iter().all(|s| s.collection_epoch.is_some()));
    insta::assert_json_snapshot!("ddmc_v3_system_decoded", systems[0]);
}

#[tokio::test]
async fn an_expired_token_costs_exactly_one_relogin_for_concurrent_callers() {
    let (sim, client) = start().await;
    assert_eq!(sim.login_attempts(), 1);
    sim.expire_tokens();
    let calls = (0..20).map(|_| {
        let c = client.clone();
        tokio::spawn(async move { c.get_system().send().await.map(|r| r.status().as_u16()) })
    });
    for call in calls {
        assert_eq!(call.await.expect("task").expect("call after expiry"), 200);
    }
    assert_eq!(
        sim.login_attempts(),
        2,
        "one initial login and one re-login"
    );
}

#[tokio::test]
async fn a_refused_password_is_a_typed_error_and_is_not_retried() {
    let config = DdmcSimConfig::default();
    let username = config.username.clone();
    let sim = DdmcSim::start(config).await.expect("simulator");
    let err = Client::login_with(
        sim.url(),
        DdmcCredentials::new(username, "Wrong-Pass-123"),
        options(),
    )
    .await
    .expect_err("refused");
    assert!(
        matches!(err, sdk_auth::Error::InvalidCredentials { status: 401, .. }),
        "{err:?}"
    );
    assert!(!err.to_string().contains("Wrong-Pass-123"));
    assert_eq!(
        sim.login_attempts(),
        1,
        "never retried: DDMC locks accounts"
    );
}

#[tokio::test]
async fn transient_failures_are_retried_and_api_errors_are_typed() {
    let (sim, client) = start().await;
    sim.inject_failures(503, 2, Some(0));
    let system = client
        .get_system()
        .send()
        .await
        .expect("retried through two 503s");
    assert_eq!(system.status().as_u16(), 200);

    let err = client
        .list_mtrees()
        .system_id("0000000000000000%3A0000000000000000")
        .send()
        .await
        .expect_err("404");
    match err {
        ddmc_sdk::Error::ErrorResponse(rv) => {
            assert_eq!(rv.status().as_u16(), 404);
            let details = rv
                .service_status
                .as_ref()
                .and_then(|s| s.details.clone())
                .unwrap_or_default();
            assert!(!details.is_empty(), "the service_status wrapper decodes");
        }
        other => panic!("expected a typed service_status error, got {other:?}"),
    }
}

/// DD systems send errors in several shapes: the `service_status` wrapper (the wire of 7.x), the
/// flat `{"code", "details"}` of Dell's DD OS 8.7 examples and 8.x's `ErrorResponse`. Each
/// decodes into the typed error with what it said; none is an empty value.
#[tokio::test]
async fn error_bodies_decode_in_every_shape_dd_systems_send() {
    let server = httpmock::MockServer::start_async().await;
    let session = ddmc_sdk::Session::unauthenticated(&server.base_url(), HttpOptions::default())
        .expect("session");
    let client = Client::from_session(session);
    let shapes = [
        (
            "wrapped",
            serde_json::json!({"service_status": {"code": 5008, "details": "MTree exists", "link": []}}),
            Some(5008),
            "MTree exists",
        ),
        (
            "flat",
            serde_json::json!({"code": 5469, "details": "Bad request payload"}),
            Some(5469),
            "Bad request payload",
        ),
        (
            "error-response",
            serde_json::json!({"http_status_code": 400, "messages": [
                {"severity": "ERROR", "code": "E100", "message": "Invalid replication context specified", "timestamp": "2026-01-01T00:00:00Z"}
            ]}),
            None,
            "Invalid replication context specified",
        ),
    ];
    for (shape, body, code, details) in shapes {
        let path = format!("/rest/v1.0/dd-systems/{shape}/mtrees");
        let mock = server
            .mock_async(|when, then| {
                when.method(httpmock::Method::GET).path(path.clone());
                then.status(400)
                    .header("content-type", "application/json")
                    .json_body(body.clone());
            })
            .await;
        let err = client
            .list_mtrees()
            .system_id(shape)
            .send()
            .await
            .expect_err("400");
        match err {
            ddmc_sdk::Error::ErrorResponse(rv) => {
                assert_eq!(rv.status().as_u16(), 400, "{shape}");
                assert!(
                    !rv.is_empty(),
                    "{shape}: a flat error is not an empty value"
                );
                assert_eq!(rv.code(), code, "{shape}");
                assert_eq!(rv.details().as_deref(), Some(details), "{shape}");
            }
            other => panic!("{shape}: expected a typed status error, got {other:?}"),
        }
        mock.delete_async().await;
    }
}
