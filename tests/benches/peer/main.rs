//! Row 1 of the peer comparison: one console application list page (offset 0, limit 1000)
//! against the same loopback simulator, through (a) mgmt-sdk, (b) openapi-generator's Rust
//! client, (c) bare reqwest + serde into mgmt-sdk's types. Sequential calls, interleaved
//! round-robin (the order rotates every iteration) so machine noise hits all three alike.
//! Prints a Markdown table on stdout.

use std::time::{Duration, Instant};

use mgmt_oag::apis::{application_api, configuration::Configuration};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};

const TOKEN: &str = "sim-google-token-9f1c";
const PAGE: usize = 1_000;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i]
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

#[tokio::main]
async fn main() {
    let warmup = env_or("PEER_WARMUP", 200);
    let calls = env_or("PEER_CALLS", 2_000);
    let m = sdk_tests::bench::mgmt(2_000, 0, Duration::ZERO).await;
    let url = m.sim.url().to_string();

    // The spec declares no security scheme, so the peer client knows nothing about the console's
    // login: log in by hand and give its reqwest client the two headers every call needs.
    let session: serde_json::Value = reqwest::Client::new()
        .post(format!("{url}/actifio/session"))
        .bearer_auth(TOKEN)
        .header("content-length", "0")
        .send()
        .await
        .expect("peer login")
        .json()
        .await
        .expect("session");
    let session = session["session_id"].as_str().expect("session_id");
    let mut headers = HeaderMap::new();
    headers.insert(
        AUTHORIZATION,
        HeaderValue::from_str(&format!("Bearer {TOKEN}")).unwrap(),
    );
    headers.insert(
        "backupdr-management-session",
        HeaderValue::from_str(&format!("Actifio {session}")).unwrap(),
    );
    let peer = Configuration {
        base_path: url.clone(),
        client: reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .unwrap(),
        ..Configuration::default()
    };

    let sdk_call = || async {
        let page = m
            .client
            .list_applications()
            .offset(0)
            .limit(PAGE as u32)
            .send()
            .await;
        page.expect("sdk page").into_inner().items.len()
    };
    let peer_call = || async {
        let page =
            application_api::list_applications(&peer, Some(0), Some(PAGE as i64), None, None, None)
                .await;
        page.expect("peer page").items.expect("peer items").len()
    };
    let bare_call = || async { m.bare_page(0).await };

    // Correctness first: all three decode the full page.
    assert_eq!(sdk_call().await, PAGE, "sdk items");
    assert_eq!(peer_call().await, PAGE, "peer items");
    assert_eq!(bare_call().await, PAGE, "bare items");

    let names = [
        "mgmt-sdk (progenitor)",
        "openapi-generator 7.10.0 (rust, reqwest)",
        "bare reqwest + serde",
    ];
    let mut samples: [Vec<Duration>; 3] = Default::default();
    for i in 0..warmup + calls {
        for k in 0..3 {
            let which = (i + k) % 3;
            let start = Instant::now();
            let n = match which {
                0 => sdk_call().await,
                1 => peer_call().await,
                _ => bare_call().await,
            };
            let took = start.elapsed();
            assert_eq!(n, PAGE, "{} decoded {n} items", names[which]);
            if i >= warmup {
                samples[which].push(took);
            }
        }
    }
    for s in &mut samples {
        s.sort();
    }
    let med: Vec<Duration> = samples.iter().map(|s| quantile(s, 0.5)).collect();
    let p90: Vec<Duration> = samples.iter().map(|s| quantile(s, 0.9)).collect();
    println!(
        "| client (GET /actifio/application?offset=0&limit=1000, {PAGE} items) | median µs | p90 µs | median / bare | p90 / bare |"
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    for k in 0..3 {
        println!(
            "| {} | {:.0} | {:.0} | {:.2} | {:.2} |",
            names[k],
            us(med[k]),
            us(p90[k]),
            us(med[k]) / us(med[2]),
            us(p90[k]) / us(p90[2]),
        );
    }
    println!();
    println!(
        "{calls} measured calls each after {warmup} warm-up, sequential, round-robin interleaved; \
         all three asserted to decode {PAGE} items every call. \
         Ratios: peer/bare = {:.2} (median), {:.2} (p90); sdk/bare = {:.2} (median), {:.2} (p90); \
         peer/sdk = {:.2} (median).",
        us(med[1]) / us(med[2]),
        us(p90[1]) / us(p90[2]),
        us(med[0]) / us(med[2]),
        us(p90[0]) / us(p90[2]),
        us(med[1]) / us(med[0]),
    );
}
