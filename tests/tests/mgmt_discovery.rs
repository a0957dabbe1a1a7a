//! Console discovery: a project's management servers from the Backup and DR API, every page read,
//! unreachable locations reported, a refused token replaced by a fresh one, errors typed.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use httpmock::Method::GET;
use httpmock::MockServer;
use mgmt_sdk::discovery::BackupDr;
use mgmt_sdk::{CallError, HttpOptions, TokenSource};
use serde_json::json;

/// Hands out `token-1`, `token-2`, ... and counts the tokens asked for.
#[derive(Clone, Default)]
struct Counting(Arc<AtomicUsize>);

impl TokenSource for Counting {
    fn token(&self) -> sdk_auth::mgmt::TokenFuture<'_> {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(async move { Ok(sdk_auth::SecretString::from(format!("token-{n}"))) })
    }
}

const PATH: &str = "/v1/projects/my-project/locations/-/managementServers";

fn server(id: &str, location: &str, api: Option<&str>) -> serde_json::Value {
    let mut s = json!({
        "name": format!("projects/my-project/locations/{location}/managementServers/{id}"),
        "type": "BACKUP_RESTORE",
        "state": "READY",
        "createTime": "2026-03-01T10:00:00Z",
        "networks": [{"network": "projects/my-project/global/networks/default", "peeringMode": "PRIVATE_SERVICE_ACCESS"}],
        "oauth2ClientId": "1234567890",
    });
    if let Some(api) = api {
        s["managementUri"] = json!({"webUi": format!("{api}/ui"), "api": format!("{api}/actifio")});
    }
    s
}

fn backupdr(server: &MockServer, source: Counting) -> BackupDr {
    BackupDr::with_options(&server.base_url(), source, HttpOptions::default())
        .expect("a loopback URL is accepted")
}

#[tokio::test]
async fn every_page_is_read_and_unreachable_locations_are_reported() {
    let mock = MockServer::start_async().await;
    let first = mock
        .mock_async(|when, then| {
            when.method(GET)
                .path(PATH)
                .query_param_missing("pageToken")
                .header("authorization", "Bearer token-1");
            then.status(200).json_body(json!({
                "managementServers": [server("ms-1", "us-central1", Some("https://bmc-1.example.com"))],
                "nextPageToken": "page-2",
                "unreachable": ["asia-south2"],
            }));
        })
        .await;
    let second = mock
        .mock_async(|when, then| {
            when.method(GET)
                .path(PATH)
                .query_param("pageToken", "page-2");
            then.status(200).json_body(json!({
                "managementServers": [server("ms-2", "europe-west3", None)],
                "unreachable": ["asia-south2", "me-west1"],
            }));
        })
        .await;
    let found = backupdr(&mock, Counting::default())
        .management_servers("my-project", None)
        .await
        .expect("listed");
    first.assert_async().await;
    second.assert_async().await;
    let ids: Vec<(&str, &str)> = found
        .servers
        .iter()
        .map(|s| (s.location(), s.id()))
        .collect();
    assert_eq!(ids, [("us-central1", "ms-1"), ("europe-west3", "ms-2")]);
    assert_eq!(
        found.servers[0].api_url(),
        Some("https://bmc-1.example.com/actifio")
    );
    assert_eq!(
        found.servers[1].api_url(),
        None,
        "a console without URI yet"
    );
    assert_eq!(found.servers[0].state.as_deref(), Some("READY"));
    // Fields not typed are kept, not dropped.
    assert_eq!(found.servers[0].other["oauth2ClientId"], "1234567890");
    assert!(found.servers[0].other.contains_key("networks"));
    assert_eq!(found.unreachable, ["asia-south2", "me-west1"]);
}

#[tokio::test]
async fn a_refused_token_is_replaced_by_a_fresh_one() {
    let mock = MockServer::start_async().await;
    let refused = mock
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v1/projects/p/locations/us-east4/managementServers")
                .header("authorization", "Bearer token-1");
            then.status(401).json_body(json!({"error": {"code": 401, "status": "UNAUTHENTICATED", "message": "Request had invalid authentication credentials."}}));
        })
        .await;
    let accepted = mock
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v1/projects/p/locations/us-east4/managementServers")
                .header("authorization", "Bearer token-2");
            then.status(200).json_body(json!({"managementServers": [server("ms-9", "us-east4", Some("https://bmc-9.example.com"))]}));
        })
        .await;
    let source = Counting::default();
    let found = backupdr(&mock, source.clone())
        .management_servers("p", Some("us-east4"))
        .await
        .expect("listed after one refresh");
    refused.assert_async().await;
    accepted.assert_async().await;
    assert_eq!(source.0.load(Ordering::SeqCst), 2, "one fresh token");
    assert_eq!(found.servers.len(), 1);
}

#[tokio::test]
async fn a_refusal_is_a_typed_error_with_googles_answer() {
    let mock = MockServer::start_async().await;
    mock.mock_async(|when, then| {
        when.method(GET).path("/v1/projects/no%2Fsuch/locations/-/managementServers");
        then.status(403).json_body(json!({"error": {"code": 403, "status": "PERMISSION_DENIED", "message": "Permission 'backupdr.managementServers.list' denied"}}));
    })
    .await;
    let err = backupdr(&mock, Counting::default())
        .management_servers("no/such", None)
        .await
        .expect_err("refused");
    assert_eq!(err.http_status(), Some(403));
    assert!(!err.is_transient());
    match err {
        mgmt_sdk::Error::ErrorResponse(answer) => {
            assert_eq!(answer.into_inner()["error"]["status"], "PERMISSION_DENIED");
        }
        other => panic!("expected the API's error answer, got {other:?}"),
    }
}
