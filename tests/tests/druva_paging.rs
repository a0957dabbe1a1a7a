//! druva-sdk item streams in each of Druva's five pagination styles, against the simulator:
//! `pageToken` in the query (inSync users), `pageToken` in the body (reports), a token that
//! replaces the filters (Platform events), a `tracker` with `nextPageExists` (inSync events) and
//! 1-based page numbers (legal hold v4). Each walk must yield exactly the items the API holds (no
//! loss, no repeats) and stop where the style says, also across token expiry and 429 answers.

use std::collections::HashSet;
use std::time::Duration;

use druva_sdk::{Client, DruvaCredentials, HttpOptions, RetryPolicy, types};
use futures::{StreamExt, TryStreamExt};
use sdk_tests::sim::WireRecord;
use sdk_tests::sim::druva::{DruvaSim, DruvaSimConfig};

fn options() -> HttpOptions {
    // Short waits. A `Retry-After` is never shortened: tests that throttle ask for 0 s.
    HttpOptions::default().with_retry(
        RetryPolicy::default()
            .with_base_delay(Duration::from_millis(1))
            .with_max_delay(Duration::from_millis(5)),
    )
}

async fn start_with(config: DruvaSimConfig) -> (DruvaSim, Client) {
    let credentials = DruvaCredentials::new(config.client_id.clone(), config.secret_key.clone());
    let sim = DruvaSim::start(config).await.expect("simulator");
    let client = Client::login_with(sim.url(), credentials, options())
        .await
        .expect("token");
    (sim, client)
}

/// The requests to `path` (without query), in order.
fn requests_to(sim: &DruvaSim, path: &str) -> Vec<WireRecord> {
    sim.wire()
        .records()
        .into_iter()
        .filter(|r| r.uri.split('?').next() == Some(path))
        .collect()
}

/// The decoded query pairs of a recorded request.
fn query(record: &WireRecord) -> Vec<(String, String)> {
    let q = record.uri.split_once('?').map_or("", |(_, q)| q);
    form_urlencoded::parse(q.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn assert_distinct<T: std::hash::Hash + Eq + std::fmt::Debug>(items: &[T]) {
    let set: HashSet<&T> = items.iter().collect();
    assert_eq!(set.len(), items.len(), "no item twice: {items:?}");
}

const EVENTS: &str = "/platform/eventmanagement/v3/events";
const INSYNC_EVENTS: &str = "/insync/eventmanagement/v2/events";
const USERS: &str = "/insync/usermanagement/v1/users";
const CUSTODIANS: &str = "/insync/legalholds/v4/policies/7/users";

#[tokio::test]
async fn token_in_query_walks_every_user_once() {
    let (sim, client) = start_with(DruvaSimConfig::default()).await;
    let users: Vec<_> = client
        .list_users()
        .stream()
        .try_collect()
        .await
        .expect("users");
    let ids: Vec<i64> = users.iter().map(|u| u.user_id.expect("userID")).collect();
    assert_eq!(ids, (10_000..10_120).collect::<Vec<_>>());
    let requests = requests_to(&sim, USERS);
    assert_eq!(requests.len(), 3, "50 users per page");
    assert!(query(&requests[0]).is_empty());
    assert!(
        query(&requests[2])
            .iter()
            .any(|(k, v)| k == "pageToken" && !v.is_empty())
    );
}

#[tokio::test]
async fn token_in_body_walks_every_report_row_once_resending_the_filters() {
    let config = DruvaSimConfig {
        report_rows: 30,
        ..DruvaSimConfig::default()
    };
    let (sim, client) = start_with(config).await;
    let filter = types::ReportFilter::builder()
        .field_name("status")
        .operator(types::ReportFilterOperator::Equal)
        .value("Backup Failed");
    let rows: Vec<_> = client
        .get_report_data()
        .version("v1")
        .report_id(druva_sdk::reports::report_id::EP_LAST_BACKUP_STATUS)
        .body(
            types::ReportRequest::builder().filters(
                types::ReportFilters::builder()
                    .page_size(2)
                    .filter_by(vec![filter.try_into().expect("filter")]),
            ),
        )
        .stream()
        .try_collect()
        .await
        .expect("rows");
    // Rows 0, 11 and 22 failed (every eleventh).
    let devices: Vec<String> = rows
        .iter()
        .map(|r| r.0["device"].as_str().expect("device").to_string())
        .collect();
    assert_eq!(devices, ["LAPTOP-00000", "LAPTOP-00011", "LAPTOP-00022"]);
    let requests = requests_to(&sim, "/platform/reporting/v1/reports/epLastBackupStatus");
    assert_eq!(requests.len(), 2);
    let later = requests[1].body.as_ref().expect("body");
    assert_eq!(later["filters"]["filterBy"][0]["fieldName"], "status");
    assert!(later["pageToken"].as_str().is_some_and(|t| !t.is_empty()));
}

#[tokio::test]
async fn platform_events_send_the_token_alone_and_stop_on_an_empty_page() {
    let config = DruvaSimConfig {
        platform_events: 25,
        ..DruvaSimConfig::default()
    };
    let (sim, client) = start_with(config).await;
    let events: Vec<_> = client
        .list_platform_events()
        .version("v3")
        .category(types::ListPlatformEventsCategory::Alert)
        .page_size(4)
        .stream()
        .try_collect()
        .await
        .expect("events");
    // Alerts are the events 1, 4, 7... below 25.
    let ids: Vec<i64> = events.iter().map(|e| e.id.expect("id")).collect();
    assert_eq!(ids, (1..25).step_by(3).collect::<Vec<_>>());
    assert!(
        events
            .iter()
            .all(|e| e.category.as_deref() == Some("ALERT"))
    );
    let requests = requests_to(&sim, EVENTS);
    // Two full pages, then an empty page that still carries a token: the walk ends there.
    assert_eq!(requests.len(), 3);
    let first: Vec<String> = query(&requests[0]).into_iter().map(|(k, _)| k).collect();
    assert_eq!(first, ["category", "pageSize"]);
    for later in &requests[1..] {
        let pairs = query(later);
        assert_eq!(pairs.len(), 1, "the token alone: {}", later.uri);
        assert_eq!(pairs[0].0, "pageToken");
        assert!(pairs[0].1.starts_with("ev"));
    }
}

#[tokio::test]
async fn the_simulator_refuses_a_platform_events_token_sent_with_filters() {
    let (_sim, client) = start_with(DruvaSimConfig::default()).await;
    let first = client
        .list_platform_events()
        .version("v3")
        .page_size(10)
        .send()
        .await
        .expect("first page")
        .into_inner();
    let token = first.next_page_token.expect("token");
    let refused = client
        .list_platform_events()
        .version("v3")
        .page_size(10)
        .page_token(token.clone())
        .send()
        .await
        .expect_err("token with a filter");
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(400));
    let alone = client
        .list_platform_events()
        .version("v3")
        .page_token(token)
        .send()
        .await
        .expect("token alone")
        .into_inner();
    assert_eq!(alone.events.unwrap_or_default().len(), 10);
}

#[tokio::test]
async fn insync_events_follow_the_tracker_until_next_page_exists_is_false() {
    let config = DruvaSimConfig {
        insync_events: 20,
        insync_events_per_page: 5,
        ..DruvaSimConfig::default()
    };
    let (sim, client) = start_with(config).await;
    let events: Vec<_> = client
        .list_insync_events()
        .stream()
        .try_collect()
        .await
        .expect("events");
    let ids: Vec<i64> = events
        .iter()
        .map(|e| e.event_id.expect("eventID"))
        .collect();
    assert_eq!(ids, (500_000..500_020).collect::<Vec<_>>());
    let requests = requests_to(&sim, INSYNC_EVENTS);
    // The fourth answer says `nextPageExists: false` (with a tracker, for later polling): no
    // fifth request.
    assert_eq!(requests.len(), 4);
    assert!(query(&requests[0]).is_empty());
    for later in &requests[1..] {
        assert!(
            later.uri.contains("tracker=tr%2B") && later.uri.contains("%2F"),
            "the tracker is URL-encoded: {}",
            later.uri
        );
    }
}

#[tokio::test]
async fn page_numbers_are_one_based_and_end_at_the_announced_last_page() {
    let config = DruvaSimConfig {
        legal_hold_custodians: 23,
        ..DruvaSimConfig::default()
    };
    let (sim, client) = start_with(config).await;
    let custodians: Vec<_> = client
        .list_legal_hold_custodians_v4()
        .policy_id("7")
        .stream_with_page_size(5)
        .try_collect()
        .await
        .expect("custodians");
    let ids: Vec<i64> = custodians
        .iter()
        .map(|c| c.user_id.expect("userId"))
        .collect();
    assert_eq!(ids, (20_000..20_023).collect::<Vec<_>>());
    let pages: Vec<Vec<(String, String)>> =
        requests_to(&sim, CUSTODIANS).iter().map(query).collect();
    let expected: Vec<Vec<(String, String)>> = (1..=5)
        .map(|n| {
            vec![
                ("pageNumber".to_string(), n.to_string()),
                ("pageSize".to_string(), "5".to_string()),
            ]
        })
        .collect();
    assert_eq!(pages, expected);
    // `stream()` asks for the maximum, 500: one page.
    sim.wire().take();
    let all: Vec<_> = client
        .list_legal_hold_custodians_v4()
        .policy_id("7")
        .stream()
        .try_collect()
        .await
        .expect("custodians");
    assert_eq!(all.len(), 23);
    assert_eq!(requests_to(&sim, CUSTODIANS).len(), 1);
}

#[tokio::test]
async fn an_empty_page_ends_a_token_walk_even_with_a_token() {
    let (sim, client) = start_with(DruvaSimConfig::default()).await;
    sim.inject_response(
        200,
        1,
        "application/json",
        r#"{"totalSize": 120, "nextPageToken": "more-to-come", "users": []}"#,
    );
    let users: Vec<_> = client
        .list_users()
        .stream()
        .try_collect()
        .await
        .expect("users");
    assert!(users.is_empty());
    assert_eq!(requests_to(&sim, USERS).len(), 1);
}

#[tokio::test]
async fn a_repeated_token_ends_a_token_walk() {
    let (sim, client) = start_with(DruvaSimConfig::default()).await;
    let page = r#"{"totalSize": 1, "nextPageToken": "same", "users": [{"userID": 1}]}"#;
    sim.inject_response(200, 3, "application/json", page);
    let users: Vec<_> = client
        .list_users()
        .stream()
        .try_collect()
        .await
        .expect("users");
    // The first answer names `same`; the second names it again: not followed a second time.
    assert_eq!(users.len(), 2);
    let requests = requests_to(&sim, USERS);
    assert_eq!(requests.len(), 2);
    assert_eq!(query(&requests[1]), [("pageToken".into(), "same".into())]);
}

#[tokio::test]
async fn a_tracker_walk_stops_on_an_empty_page_even_if_more_is_announced() {
    let (sim, client) = start_with(DruvaSimConfig::default()).await;
    sim.inject_response(
        200,
        1,
        "application/json",
        r#"{"tracker": "t1", "nextPageExists": true, "events": []}"#,
    );
    let events: Vec<_> = client
        .list_insync_events()
        .stream()
        .try_collect()
        .await
        .expect("events");
    assert!(events.is_empty());
    assert_eq!(requests_to(&sim, INSYNC_EVENTS).len(), 1);
}

#[tokio::test]
async fn streams_survive_token_expiry_mid_walk() {
    let config = DruvaSimConfig {
        platform_events: 30,
        insync_events: 12,
        insync_events_per_page: 4,
        ..DruvaSimConfig::default()
    };
    let (sim, client) = start_with(config).await;
    // Platform (expired token answers 403): filters on page 1, the token alone afterwards.
    let mut events = client
        .list_platform_events()
        .version("v3")
        .page_size(10)
        .stream();
    let mut ids = Vec::new();
    for _ in 0..10 {
        ids.push(events.next().await.expect("item").expect("event").id);
    }
    sim.expire_tokens();
    while let Some(e) = events.next().await {
        ids.push(e.expect("event after expiry").id);
    }
    assert_eq!(ids, (0..30).map(Some).collect::<Vec<_>>());
    assert_eq!(sim.token_requests(), 2, "one new token");
    // inSync (expired token answers 401) through the tracker.
    let mut events = client.list_insync_events().stream();
    let mut ids = Vec::new();
    for _ in 0..4 {
        ids.push(events.next().await.expect("item").expect("event").event_id);
    }
    sim.expire_tokens();
    while let Some(e) = events.next().await {
        ids.push(e.expect("event after expiry").event_id);
    }
    assert_eq!(ids, (500_000..500_012).map(Some).collect::<Vec<_>>());
    assert_eq!(sim.token_requests(), 3);
}

#[tokio::test]
async fn a_short_lived_token_expires_and_is_renewed_during_a_walk() {
    // Tokens configurable to seconds: a 1-second token, expired before the second page.
    let config = DruvaSimConfig {
        token_ttl: Duration::from_secs(1),
        legal_hold_custodians: 6,
        ..DruvaSimConfig::default()
    };
    let (sim, client) = start_with(config).await;
    let mut custodians = client
        .list_legal_hold_custodians_v4()
        .policy_id("7")
        .stream_with_page_size(3);
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(
            custodians
                .next()
                .await
                .expect("item")
                .expect("custodian")
                .user_id,
        );
    }
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    while let Some(c) = custodians.next().await {
        ids.push(c.expect("custodian after expiry").user_id);
    }
    assert_eq!(ids, (20_000..20_006).map(Some).collect::<Vec<_>>());
    assert!(sim.token_requests() >= 2, "the token was renewed");
}

#[tokio::test]
async fn streams_survive_spontaneous_429s_with_retry_after() {
    let config = DruvaSimConfig {
        platform_events: 40,
        insync_events: 40,
        insync_events_per_page: 5,
        legal_hold_custodians: 40,
        report_rows: 300,
        throttle_every: 3,
        // `Retry-After: 0`: retry at once (a longer wait is honoured, never cut; see faults.rs).
        throttle_retry_after: 0,
        ..DruvaSimConfig::default()
    };
    let (sim, client) = start_with(config).await;
    // The report read is a POST the spec marks `x-safe-to-retry`: its 429s are retried with no
    // option set by the caller.
    let rows: Vec<_> = client
        .get_report_data()
        .version("v1")
        .report_id("epLastBackupStatus")
        .body(types::ReportRequest::builder().filters(types::ReportFilters::builder().page_size(7)))
        .stream()
        .try_collect()
        .await
        .expect("report rows through 429s");
    assert_eq!(rows.len(), 300);
    let events: Vec<_> = client
        .list_platform_events()
        .version("v3")
        .page_size(5)
        .stream()
        .try_collect()
        .await
        .expect("platform events");
    assert_eq!(
        events.iter().map(|e| e.id).collect::<Vec<_>>(),
        (0..40).map(Some).collect::<Vec<_>>()
    );
    let events: Vec<_> = client
        .list_insync_events()
        .stream()
        .try_collect()
        .await
        .expect("inSync events");
    assert_eq!(
        events.iter().map(|e| e.event_id).collect::<Vec<_>>(),
        (500_000..500_040).map(Some).collect::<Vec<_>>()
    );
    let custodians: Vec<_> = client
        .list_legal_hold_custodians_v4()
        .policy_id("7")
        .stream_with_page_size(5)
        .try_collect()
        .await
        .expect("custodians");
    assert_eq!(custodians.len(), 40);
    assert_distinct(&custodians.iter().map(|c| c.user_id).collect::<Vec<_>>());
    assert!(sim.throttled() >= 8, "throttled {} times", sim.throttled());
    let throttled_answers = sim
        .wire()
        .records()
        .iter()
        .filter(|r| r.uri.starts_with(EVENTS))
        .count();
    assert!(throttled_answers > 9, "retries went on the wire");
}
