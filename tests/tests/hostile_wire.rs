//! Servers less friendly than the simulators' defaults: capped page sizes in every pagination
//! style, the console's parallel walk on a capping console, inSync's tracker handed back for
//! the next poll, typed answers to "what went wrong", plain `http://` refused for real hosts, and
//! a bound on the size of a body. (The fault matrix in `faults.rs` covers logins through an
//! upgrade, `Retry-After`, redirects to another origin and bounded excerpts for all three APIs.)

use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use sdk_auth::{CallError, ErrorKind, HttpOptions, RetryPolicy};
use sdk_tests::sim::druva::{DruvaSim, DruvaSimConfig};
use sdk_tests::sim::mgmt::{MgmtAuthMode, MgmtSim, MgmtSimConfig};

fn options() -> HttpOptions {
    HttpOptions::default()
        .with_retry(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
}

async fn console(config: MgmtSimConfig, options: HttpOptions) -> (MgmtSim, mgmt_sdk::Client) {
    let MgmtAuthMode::Google { token } = config.auth.clone() else {
        unreachable!("Google mode")
    };
    let sim = MgmtSim::start(config).await.expect("simulator");
    let client =
        mgmt_sdk::Client::login_with(sim.url(), mgmt_sdk::MgmtAuth::google_token(token), options)
            .await
            .expect("login");
    (sim, client)
}

async fn druva(config: DruvaSimConfig) -> (DruvaSim, druva_sdk::Client) {
    let creds =
        druva_sdk::DruvaCredentials::new(config.client_id.clone(), config.secret_key.clone());
    let sim = DruvaSim::start(config).await.expect("simulator");
    let client = druva_sdk::Client::login_with(sim.url(), creds, options())
        .await
        .expect("token");
    (sim, client)
}

fn assert_distinct<T: std::hash::Hash + Eq + std::fmt::Debug>(items: &[T]) {
    let set: std::collections::HashSet<&T> = items.iter().collect();
    assert_eq!(set.len(), items.len(), "no repeats");
}

#[tokio::test]
async fn the_parallel_console_walk_is_exact_on_a_console_that_caps_pages() {
    let (sim, client) = console(MgmtSimConfig::default(), options()).await;
    let all: Vec<_> = client
        .list_applications()
        .stream()
        .try_collect()
        .await
        .expect("uncapped");
    assert_eq!(all.len(), 2_500);
    // 333 divides neither the page size asked (1000) nor the total.
    sim.cap_page_size(333);
    for concurrency in [1, 3, 8] {
        let capped: Vec<_> = client
            .list_applications()
            .stream_parallel(1_000, concurrency)
            .try_collect()
            .await
            .expect("capped");
        assert_eq!(capped, all, "concurrency {concurrency}");
    }
    let ids: Vec<_> = all.iter().map(|a| a.id.clone()).collect();
    assert_distinct(&ids);
}

#[tokio::test]
async fn druva_walks_are_exact_when_every_page_is_capped() {
    let config = DruvaSimConfig {
        report_rows: 100,
        platform_events: 50,
        insync_events: 50,
        legal_hold_custodians: 50,
        ..DruvaSimConfig::default()
    };
    let (sim, client) = druva(config).await;
    sim.cap_page_size(3);
    let rows: Vec<_> = client
        .get_report_data()
        .version("v1")
        .report_id("epLastBackupStatus")
        .body(
            druva_sdk::types::ReportRequest::builder()
                .filters(druva_sdk::types::ReportFilters::builder().page_size(50)),
        )
        .stream()
        .try_collect()
        .await
        .expect("report rows");
    assert_eq!(rows.len(), 100);
    let custodians: Vec<_> = client
        .list_legal_hold_custodians_v4()
        .policy_id("7")
        .stream_with_page_size(20)
        .try_collect()
        .await
        .expect("custodians");
    let ids: Vec<_> = custodians.iter().map(|c| c.user_id).collect();
    assert_eq!(ids, (20_000..20_050).map(Some).collect::<Vec<_>>());
    let events: Vec<_> = client
        .list_insync_events()
        .stream()
        .try_collect()
        .await
        .expect("inSync events");
    let ids: Vec<_> = events.iter().map(|e| e.event_id).collect();
    assert_eq!(ids, (500_000..500_050).map(Some).collect::<Vec<_>>());
    let events: Vec<_> = client
        .list_platform_events()
        .version("v3")
        .page_size(20)
        .stream()
        .try_collect()
        .await
        .expect("Platform events");
    assert_eq!(events.len(), 50);
}

/// Fields marked `x-lenient` in the spec: one wrong-typed scalar does not fail a page. The
/// simulator sends `"profileID": ""` in every 7th inSync event (documented: integer) and
/// `"privacySettingsEnabled": true` for every 4th user (documented: string).
#[tokio::test]
async fn a_wrong_typed_lenient_field_does_not_fail_the_page() {
    let (_sim, client) = druva(DruvaSimConfig {
        insync_events: 30,
        insync_events_per_page: 30,
        users: 12,
        ..DruvaSimConfig::default()
    })
    .await;
    let page = client
        .list_insync_events()
        .send()
        .await
        .expect("a page with `profileID: \"\"` decodes")
        .into_inner();
    let events = page.events.expect("events");
    assert_eq!(events.len(), 30, "every item of the page");
    for (i, e) in events.iter().enumerate() {
        // An empty string where an integer is documented holds `None`; the rest of the item is
        // intact.
        let expected = if i % 7 == 6 { None } else { Some(1) };
        assert_eq!(e.profile_id, expected, "event {i}");
        assert_eq!(e.event_id, Some(500_000 + i as i64));
        assert_eq!(e.profile_name.as_deref(), Some("Default"));
        assert_eq!(e.in_sync_user_id, Some(10_000 + i as i64));
        assert!(e.timestamp.is_some() && e.ip.is_some());
    }
    let users: Vec<_> = client
        .list_users()
        .stream()
        .try_collect()
        .await
        .expect("users with a boolean `privacySettingsEnabled` decode");
    assert_eq!(users.len(), 12);
    for (i, u) in users.iter().enumerate() {
        // A boolean where a string is documented holds its JSON text.
        let expected = if i % 4 == 3 { "true" } else { "false" };
        assert_eq!(
            u.privacy_settings_enabled.as_deref(),
            Some(expected),
            "user {i}"
        );
        assert_eq!(u.user_id, Some(10_000 + i as i64));
        assert_eq!(
            u.email_id.as_deref(),
            Some(format!("user{i:03}@example.com").as_str())
        );
    }
    // Strict fields stay strict: the same drift in a field without `x-lenient` is an error that
    // names the body, not a silent `None`.
    let bad: Result<druva_sdk::types::InsyncEvent, _> =
        serde_json::from_value(serde_json::json!({"eventID": ""}));
    assert!(bad.is_err());
}

#[tokio::test]
async fn an_insync_poller_resumes_from_the_tracker_it_saved() {
    let config = DruvaSimConfig {
        insync_events: 40,
        insync_events_per_page: 5,
        ..DruvaSimConfig::default()
    };
    let (_sim, client) = druva(config).await;
    // A first poll that stops after two pages (10 events): the tracker says where.
    let (mut stream, resume) = client.list_insync_events().stream_resumable();
    let mut first = Vec::new();
    while first.len() < 10 {
        first.push(stream.next().await.expect("an event").expect("ok").event_id);
    }
    drop(stream);
    let saved = resume.token().expect("a tracker after the first page");
    // The next poll starts from the saved tracker: the events after, none again.
    let (stream, resume) = client
        .list_insync_events()
        .tracker(saved)
        .stream_resumable();
    let rest: Vec<_> = stream
        .map(|e| e.expect("ok").event_id)
        .collect::<Vec<_>>()
        .await;
    assert_eq!(first, (500_000..500_010).map(Some).collect::<Vec<_>>());
    assert_eq!(rest, (500_010..500_040).map(Some).collect::<Vec<_>>());
    // At the end the tracker is still handed back (for the poll after, when new events come).
    let last = resume.token().expect("the final tracker");
    let (stream, _) = client.list_insync_events().tracker(last).stream_resumable();
    assert_eq!(stream.count().await, 0, "nothing new since the last poll");
}

#[tokio::test]
async fn a_calls_error_says_what_happened() {
    let config = MgmtSimConfig::default();
    let (sim, client) = console(config, options()).await;
    let missing = client
        .get_application()
        .application_id("no-such-application")
        .send()
        .await
        .expect_err("not found");
    assert!(missing.is_not_found() && !missing.is_auth() && !missing.is_transient());
    assert_eq!(missing.http_status(), Some(404));

    sim.inject_failures(503, 100, None);
    let busy = client.get_version().send().await.expect_err("still busy");
    assert!(busy.is_transient(), "{busy}");
    sim.inject_failures(503, 0, None);

    // The Google token stops working: the re-login is refused, typed.
    sim.expire_google_token();
    sim.expire_sessions();
    let refused = client.get_version().send().await.expect_err("refused");
    assert!(refused.is_auth(), "{refused}");
    let failure = refused.session_error().expect("a session failure");
    assert_eq!(failure.kind, ErrorKind::InvalidCredentials);
    assert_eq!(failure.status, Some(401));
}

#[tokio::test]
async fn a_body_over_the_limit_fails_instead_of_exhausting_memory() {
    let (_sim, client) = console(
        MgmtSimConfig::default(),
        options().with_max_body_size(64 * 1024),
    )
    .await;
    // One application is well under 64 KiB; a page of 1000 is far over it.
    client
        .list_applications()
        .limit(1)
        .send()
        .await
        .expect("a small page");
    let err = client
        .list_applications()
        .limit(1_000)
        .send()
        .await
        .expect_err("over the limit");
    assert_eq!(
        err.session_error().map(|f| f.kind),
        Some(ErrorKind::BodyTooLarge),
        "{err}"
    );
}

#[tokio::test]
async fn plain_http_to_a_real_host_is_refused_unless_named() {
    let creds = || sdk_auth::DdmcCredentials::new("sysadmin", "pw");
    let err = sdk_auth::Session::ddmc(
        "http://ddmc.example.com:3009",
        creds(),
        HttpOptions::default(),
    )
    .expect_err("plain http to a real host");
    assert!(
        matches!(err, sdk_auth::Error::Config(ref m) if m.contains("unencrypted")),
        "{err:?}"
    );
    sdk_auth::Session::ddmc(
        "http://ddmc.example.com:3009",
        creds(),
        HttpOptions::default().danger_allow_plain_http(true),
    )
    .expect("explicitly allowed");
    for loopback in [
        "http://127.0.0.1:3009",
        "http://[::1]:3009",
        "http://localhost:3009",
    ] {
        sdk_auth::Session::ddmc(loopback, creds(), HttpOptions::default()).expect(loopback);
    }
}
