//! mgmt-sdk end to end against the console simulator: both auth variants, counts, paging,
//! session expiry, an expired Google token, refusal and logout, with the wire pinned by insta.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures::TryStreamExt;
use mgmt_sdk::{Client, HttpOptions, MgmtAuth, RetryPolicy, TokenSource, actifio_count};
use sdk_tests::sim::mgmt::{MgmtAuthMode, MgmtSim, MgmtSimConfig};

fn options() -> HttpOptions {
    HttpOptions::default()
        .with_retry(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
}

fn google_token(config: &MgmtSimConfig) -> String {
    match &config.auth {
        MgmtAuthMode::Google { token } => token.clone(),
        MgmtAuthMode::OnPrem { .. } => unreachable!("the default simulator is in Google mode"),
    }
}

async fn start() -> (MgmtSim, Client) {
    let config = MgmtSimConfig::default();
    let token = google_token(&config);
    let sim = MgmtSim::start(config).await.expect("simulator");
    let client = Client::login_with(sim.url(), MgmtAuth::google_token(token), options())
        .await
        .expect("login");
    (sim, client)
}

#[tokio::test]
async fn google_login_version_count_and_logout_as_sent_on_the_wire() {
    let (sim, client) = start().await;
    let version = client
        .get_version()
        .send()
        .await
        .expect("version")
        .into_inner();
    assert_eq!(version.product.as_deref(), Some("AGM"));
    let head = client
        .count_applications()
        .filter(vec!["apptype:==GCPInstance".to_string()])
        .send()
        .await
        .expect("count");
    assert!(actifio_count(head.headers()).is_some_and(|n| n > 0));
    client.logout().await.expect("logout");
    assert_eq!(sim.logouts(), 1);
    insta::assert_yaml_snapshot!(
        "mgmt_google_login_version_count_logout_wire",
        sim.wire().take()
    );
    insta::assert_json_snapshot!("mgmt_version_decoded", version);
}

#[tokio::test]
async fn streams_walk_offset_pages_and_agree_with_head_counts() {
    let (sim, client) = start().await;
    let total = actifio_count(
        client
            .count_applications()
            .send()
            .await
            .expect("count")
            .headers(),
    )
    .expect("count header");
    sim.wire().take();
    let apps: Vec<_> = client
        .list_applications()
        .stream()
        .try_collect()
        .await
        .expect("apps");
    assert_eq!(apps.len() as u64, total);
    let uris: Vec<String> = sim.wire().take().into_iter().map(|r| r.uri).collect();
    insta::assert_yaml_snapshot!("mgmt_application_pages_uris", uris);
    assert!(
        apps.iter()
            .all(|a| a.type_.as_deref() == Some("applicationRest")),
        "@type decodes"
    );

    let app = client
        .get_application()
        .application_id(apps[0].id.clone().expect("id"))
        .send()
        .await
        .expect("app");
    assert_eq!(app.id, apps[0].id);
    insta::assert_json_snapshot!("mgmt_application_decoded", app.into_inner());

    let backups: Vec<_> = client
        .list_backups()
        .stream_with_page_size(500)
        .try_collect()
        .await
        .expect("backups");
    let counted = actifio_count(
        client
            .count_backups()
            .send()
            .await
            .expect("count")
            .headers(),
    );
    assert_eq!(Some(backups.len() as u64), counted);
}

#[tokio::test]
async fn filters_go_out_as_repeated_parameters() {
    let (sim, client) = start().await;
    sim.wire().take();
    let jobs: Vec<_> = client
        .list_job_statuses()
        .filter(vec![
            "status:==running".to_string(),
            "status:==queued".to_string(),
        ])
        .sort("startdate:desc")
        .stream()
        .try_collect()
        .await
        .expect("jobs");
    assert!(
        jobs.iter()
            .all(|j| matches!(j.status.as_deref(), Some("running" | "queued")))
    );
    // One page, then the request for what follows it (a short page is not the end: the
    // console may serve fewer than asked), answered empty. Both carry the filters.
    let uris: Vec<String> = sim.wire().take().into_iter().map(|r| r.uri).collect();
    assert_eq!(uris.len(), 2, "{uris:?}");
    for uri in &uris {
        assert!(
            uri.contains("filter=status%3A%3D%3Drunning&filter=status%3A%3D%3Dqueued"),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn an_expired_session_is_renewed_once_for_concurrent_callers() {
    let (sim, client) = start().await;
    assert_eq!(sim.logins(), 1);
    sim.expire_sessions();
    let calls = (0..20).map(|_| {
        let c = client.clone();
        tokio::spawn(async move { c.get_version().send().await.map(|r| r.status().as_u16()) })
    });
    for call in calls {
        assert_eq!(call.await.expect("task").expect("after expiry"), 200);
    }
    assert_eq!(sim.logins(), 2);
}

/// A token source that mints the next token of a list each time, as ADC does after expiry.
struct Rotating {
    tokens: Vec<String>,
    next: AtomicUsize,
}

impl TokenSource for Rotating {
    fn token(&self) -> sdk_auth::mgmt::TokenFuture<'_> {
        let i = self
            .next
            .fetch_add(1, Ordering::SeqCst)
            .min(self.tokens.len() - 1);
        let token = self.tokens[i].clone();
        Box::pin(async move { Ok(token.into()) })
    }
}

#[tokio::test]
async fn an_expired_google_token_is_refreshed_with_the_session() {
    let config = MgmtSimConfig::default();
    let first = google_token(&config);
    let sim = MgmtSim::start(config).await.expect("simulator");
    let source = Rotating {
        tokens: vec![first, "sim-google-token-rotated".into()],
        next: AtomicUsize::new(0),
    };
    let client = Client::login_with(sim.url(), MgmtAuth::google(source), options())
        .await
        .expect("login");
    sim.expire_google_token();
    sim.accept_google_token("sim-google-token-rotated");
    let version = client
        .get_version()
        .send()
        .await
        .expect("token and session refreshed");
    assert_eq!(version.status().as_u16(), 200);
    assert_eq!(sim.logins(), 2);
}

#[tokio::test]
async fn a_token_that_cannot_be_refreshed_gives_a_clear_error() {
    let (sim, client) = start().await;
    sim.expire_google_token();
    let err = client
        .get_version()
        .send()
        .await
        .expect_err("the static token is dead");
    // The re-login with the dead token is refused with Google's HTML page: the SDK says so,
    // with the operation and the status, typed, instead of failing to decode the page.
    let text = err.to_string();
    assert!(
        text.contains("get_version") && text.contains("HTTP 401") && text.contains("non-JSON"),
        "{text}"
    );
    assert!(mgmt_sdk::CallError::is_auth(&err), "{text}");
    let login = client.session().login().await.expect_err("login refused");
    let msg = login.to_string();
    assert!(
        matches!(
            login,
            sdk_auth::Error::InvalidCredentials { status: 401, .. }
        ),
        "{login:?}"
    );
    assert!(msg.contains("non-JSON page"), "{msg}");
    assert!(!msg.contains("sim-google-token"), "{msg}");
}

#[tokio::test]
async fn on_prem_basic_login_uses_the_actifio_scheme() {
    let config = MgmtSimConfig {
        auth: MgmtAuthMode::OnPrem {
            username: "admin".into(),
            password: "Agm-Pass-42".into(),
        },
        ..MgmtSimConfig::default()
    };
    let sim = MgmtSim::start(config).await.expect("simulator");
    let client = Client::login_with(
        sim.url(),
        MgmtAuth::on_prem("admin", "Agm-Pass-42"),
        options(),
    )
    .await
    .expect("login");
    client.get_version().send().await.expect("version");
    let records = sim.wire().take();
    insta::assert_yaml_snapshot!("mgmt_on_prem_login_wire", records);

    let refused = Client::login_with(sim.url(), MgmtAuth::on_prem("admin", "nope"), options())
        .await
        .expect_err("refused");
    assert!(
        matches!(
            refused,
            sdk_auth::Error::InvalidCredentials { status: 401, .. }
        ),
        "{refused:?}"
    );
}

#[tokio::test]
async fn console_errors_decode_into_err_code_and_message() {
    let (_sim, client) = start().await;
    let err = client
        .get_backup()
        .backup_id("999999999")
        .send()
        .await
        .expect_err("unknown backup");
    match err {
        mgmt_sdk::Error::ErrorResponse(rv) => {
            assert_eq!(rv.status().as_u16(), 404);
            assert!(rv.err_code.is_some() && rv.err_message.is_some());
        }
        other => panic!("expected a typed console error, got {other:?}"),
    }
}

/// The paths of every `null` in `value` (`/a/0/b`).
fn nulls(value: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Null => out.push(at.to_string()),
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                nulls(v, &format!("{at}/{i}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                nulls(v, &format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
}

/// The console types nest each other in cycles (an application's SLA names the application, a
/// host its vCenter host, a policy its predecessor, a credential's pool its credential). An unset
/// nested object is left out of a request body, never sent as `null` (which the console reads as
/// "clear it").
#[test]
fn unset_nested_objects_of_a_request_body_are_left_out() {
    use mgmt_sdk::types;
    let sla = types::SlaRest {
        application: Some(
            types::ApplicationRest {
                id: Some("4000000".into()),
                ..Default::default()
            }
            .into(),
        ),
        slp: Some(
            types::SlpRest {
                id: Some("1300000".into()),
                cloud_credential: Some(
                    types::CloudCredentialRest {
                        id: Some("7".into()),
                        ..Default::default()
                    }
                    .into(),
                ),
                ..Default::default()
            }
            .into(),
        ),
        slt: Some(
            types::SltRest {
                policies: vec![types::PolicyRest {
                    id: Some("1455062".into()),
                    compliancesettings: Some(types::ComplianceSettingsRest::default().into()),
                    ..Default::default()
                }],
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    };
    let body = serde_json::to_value(&sla).expect("serialize");
    let mut found = Vec::new();
    nulls(&body, "", &mut found);
    assert!(found.is_empty(), "null on the wire at {found:?}: {body}");
    assert_eq!(
        body,
        serde_json::json!({
            "application": {"id": "4000000"},
            "slp": {"id": "1300000", "cloudCredential": {"id": "7"}},
            "slt": {"policies": [{"id": "1455062", "compliancesettings": {}}]},
        })
    );
    for empty in [
        serde_json::to_value(types::HostRest::default()),
        serde_json::to_value(types::PolicyRest::default()),
        serde_json::to_value(types::CloudCredentialRest::default()),
        serde_json::to_value(types::ApplicationRest::default()),
    ] {
        assert_eq!(empty.expect("serialize"), serde_json::json!({}));
    }

    // The builders take the plain type and box it.
    let host: types::HostRest = types::builder::HostRest::default()
        .vcenter_host(Some(types::HostRest {
            id: Some("1".into()),
            ..Default::default()
        }))
        .try_into()
        .expect("host");
    assert_eq!(
        host.vcenter_host.as_ref().and_then(|h| h.id.as_deref()),
        Some("1")
    );
}

/// A decoded list item costs little when its nested objects are absent: every nested object
/// is behind a pointer (a page of 1,000 applications is a few MB, not hundreds).
#[test]
fn list_items_without_nested_objects_are_small() {
    use mgmt_sdk::types;
    let sizes = [
        (
            "ApplicationRest",
            std::mem::size_of::<types::ApplicationRest>(),
        ),
        ("BackupRest", std::mem::size_of::<types::BackupRest>()),
        ("HostRest", std::mem::size_of::<types::HostRest>()),
        ("JobStatusRest", std::mem::size_of::<types::JobStatusRest>()),
        ("SlaRest", std::mem::size_of::<types::SlaRest>()),
    ];
    for (name, size) in sizes {
        println!("{name}: {size} bytes");
        assert!(size < 4096, "{name} is {size} bytes");
    }
    let app: types::ApplicationRest =
        serde_json::from_str(r#"{"id":"4000000","appname":"db1"}"#).expect("decode");
    assert!(app.host.is_none() && app.cluster.is_none() && app.sla.is_none());
}
