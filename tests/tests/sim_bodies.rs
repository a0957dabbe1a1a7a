//! Nothing dropped silently, on the simulators of Druva and the management console: every body
//! they answer decodes into the SDK's type with every key it had (at every depth, every array
//! item), as `ddmc_groups.rs` checks for DDMC. A second, plain HTTP client fetches each body as
//! sent; the SDK's decoded value, serialized back, must hold all of its keys.

use std::collections::BTreeSet;

use sdk_tests::sim::druva::{DruvaSim, DruvaSimConfig};
use sdk_tests::sim::mgmt::{MgmtAuthMode, MgmtSim, MgmtSimConfig};
use serde_json::Value;

/// Keys of `sent` with a value that `back` lacks (`null`, `[]` and `{}` may be left out).
fn lost(sent: &Value, back: &Value, at: &str, out: &mut BTreeSet<String>) {
    match (sent, back) {
        (Value::Object(sent), Value::Object(back)) => {
            for (key, value) in sent {
                let empty = value.is_null()
                    || value.as_array().is_some_and(Vec::is_empty)
                    || value.as_object().is_some_and(serde_json::Map::is_empty);
                if empty {
                    continue;
                }
                let here = format!("{at}/{key}");
                match back.get(key) {
                    None => {
                        out.insert(here);
                    }
                    Some(kept) => lost(value, kept, &here, out),
                }
            }
        }
        (Value::Array(sent), Value::Array(back)) => {
            assert_eq!(sent.len(), back.len(), "{at}: items lost");
            for (s, b) in sent.iter().zip(back) {
                lost(s, b, &format!("{at}/*"), out);
            }
        }
        _ => {}
    }
}

/// Asserts that `decoded` (an SDK value) keeps every key of the body `sent`.
fn assert_kept<T: serde::Serialize>(what: &str, sent: &Value, decoded: &T) {
    let back = serde_json::to_value(decoded).expect("serialize");
    assert!(
        back.as_object().is_some_and(|o| !o.is_empty()),
        "{what}: nothing decoded"
    );
    let mut keys = BTreeSet::new();
    lost(sent, &back, "", &mut keys);
    assert!(keys.is_empty(), "{what}: dropped by decoding: {keys:?}");
}

/// A plain HTTP client with the Druva simulator's bearer token.
struct DruvaRaw {
    http: reqwest::Client,
    url: String,
    token: String,
}

impl DruvaRaw {
    async fn login(sim: &DruvaSim, config: &DruvaSimConfig) -> Self {
        let http = reqwest::Client::new();
        let url = sim.url().to_string();
        let answer: Value = http
            .post(format!("{url}/token"))
            .basic_auth(&config.client_id, Some(&config.secret_key))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials&scope=read")
            .send()
            .await
            .expect("raw token")
            .json()
            .await
            .expect("token json");
        let token = answer["access_token"].as_str().expect("token").to_string();
        Self { http, url, token }
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.url))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer = request.send().await.expect("raw call");
        assert!(answer.status().is_success(), "{path}: {}", answer.status());
        answer.json().await.expect("raw json")
    }

    async fn get(&self, path: &str) -> Value {
        self.send(reqwest::Method::GET, path, None).await
    }
}

#[tokio::test]
async fn every_druva_simulator_body_decodes_with_every_key() {
    let config = DruvaSimConfig {
        report_rows: 7,
        users: 9,
        mappings: 5,
        platform_events: 12,
        insync_events: 14,
        legal_hold_custodians: 6,
        ..DruvaSimConfig::default()
    };
    let sim = DruvaSim::start(config.clone()).await.expect("simulator");
    let client = druva_sdk::Client::login(
        sim.url(),
        druva_sdk::DruvaCredentials::new(config.client_id.clone(), config.secret_key.clone()),
    )
    .await
    .expect("token");
    let raw = DruvaRaw::login(&sim, &config).await;

    let reports = client.list_reports().send().await.expect("reports");
    assert_kept(
        "reports",
        &raw.get("/platform/reporting/v1/reports").await,
        &reports.into_inner(),
    );

    let request = serde_json::json!({"filters": {"pageSize": 100}});
    let page = client
        .get_report_data()
        .version("v1")
        .report_id("epLastBackupStatus")
        .body(
            druva_sdk::types::ReportRequest::builder()
                .filters(druva_sdk::types::ReportFilters::builder().page_size(100)),
        )
        .send()
        .await
        .expect("report page");
    assert_kept(
        "report rows",
        &raw.send(
            reqwest::Method::POST,
            "/platform/reporting/v1/reports/epLastBackupStatus",
            Some(request),
        )
        .await,
        &page.into_inner(),
    );

    let mappings = client
        .list_device_mappings()
        .send()
        .await
        .expect("mappings");
    assert_kept(
        "device mappings",
        &raw.get("/insync/endpoints/v1/devicemappings").await,
        &mappings.into_inner(),
    );

    let users = client.list_users().send().await.expect("users");
    assert_kept(
        "users",
        &raw.get("/insync/usermanagement/v1/users").await,
        &users.into_inner(),
    );

    let events = client
        .list_platform_events()
        .version("v3")
        .send()
        .await
        .expect("platform events");
    assert_kept(
        "platform events",
        &raw.get("/platform/eventmanagement/v3/events").await,
        &events.into_inner(),
    );

    let events = client
        .list_insync_events()
        .send()
        .await
        .expect("inSync events");
    let sent = raw.get("/insync/eventmanagement/v2/events").await;
    // The lenient `profileID` holds `None` for the `""` the simulator sends in every 7th event
    // (documented: integer); every other key is kept.
    let mut keys = BTreeSet::new();
    lost(
        &sent,
        &serde_json::to_value(events.into_inner()).expect("serialize"),
        "",
        &mut keys,
    );
    assert_eq!(
        keys.into_iter().collect::<Vec<_>>(),
        ["/events/*/profileID"],
        "only the lenient field's empty string"
    );

    let custodians = client
        .list_legal_hold_custodians_v4()
        .policy_id("7")
        .send()
        .await
        .expect("custodians");
    assert_kept(
        "legal hold custodians",
        &raw.get("/insync/legalholds/v4/policies/7/users").await,
        &custodians.into_inner(),
    );
}

/// A plain HTTP client with a console session.
struct ConsoleRaw {
    http: reqwest::Client,
    url: String,
    token: String,
    session: String,
}

impl ConsoleRaw {
    async fn login(sim: &MgmtSim, token: &str) -> Self {
        let http = reqwest::Client::new();
        let url = sim.url().to_string();
        let answer: Value = http
            .post(format!("{url}/actifio/session"))
            .bearer_auth(token)
            .header("content-length", "0")
            .send()
            .await
            .expect("raw session")
            .json()
            .await
            .expect("session json");
        let session = answer["session_id"].as_str().expect("session").to_string();
        Self {
            http,
            url,
            token: token.to_string(),
            session,
        }
    }

    async fn get(&self, path: &str) -> Value {
        let answer = self
            .http
            .get(format!("{}{path}", self.url))
            .bearer_auth(&self.token)
            .header(
                "backupdr-management-session",
                format!("Actifio {}", self.session),
            )
            .send()
            .await
            .expect("raw get");
        assert!(answer.status().is_success(), "{path}: {}", answer.status());
        answer.json().await.expect("raw json")
    }
}

#[tokio::test]
async fn every_console_simulator_body_decodes_with_every_key() {
    let config = MgmtSimConfig {
        applications: 12,
        backups: 9,
        jobs: 5,
        ..MgmtSimConfig::default()
    };
    let MgmtAuthMode::Google { token } = config.auth.clone() else {
        unreachable!("Google mode by default")
    };
    let sim = MgmtSim::start(config).await.expect("simulator");
    let client =
        mgmt_sdk::Client::login(sim.url(), mgmt_sdk::MgmtAuth::google_token(token.clone()))
            .await
            .expect("login");
    let raw = ConsoleRaw::login(&sim, &token).await;

    let version = client.get_version().send().await.expect("version");
    assert_kept(
        "version",
        &raw.get("/actifio/config/version").await,
        &version.into_inner(),
    );

    let apps = client.list_applications().send().await.expect("apps");
    let apps = apps.into_inner();
    assert_kept(
        "applications",
        &raw.get("/actifio/application").await,
        &apps,
    );
    let id = apps.items[0].id.clone().expect("application id");
    let app = client
        .get_application()
        .application_id(id.clone())
        .send()
        .await
        .expect("app");
    assert_kept(
        "application",
        &raw.get(&format!("/actifio/application/{id}")).await,
        &app.into_inner(),
    );

    let backups = client.list_backups().send().await.expect("backups");
    let backups = backups.into_inner();
    assert_kept("backups", &raw.get("/actifio/backup").await, &backups);
    let id = backups.items[0].id.clone().expect("backup id");
    let backup = client
        .get_backup()
        .backup_id(id.clone())
        .send()
        .await
        .expect("backup");
    assert_kept(
        "backup",
        &raw.get(&format!("/actifio/backup/{id}")).await,
        &backup.into_inner(),
    );
}
