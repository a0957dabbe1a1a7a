//! What response compression buys on a slow link: one console page of 1,000 applications fetched
//! through `mgmt-sdk`, served as plain JSON or gzip, over a loopback link throttled in-process
//! (a TCP relay that paces every chunk to a fixed rate, both directions; no `tc` needed).
//!
//! Run with `cargo bench -p sdk-tests --bench compression`. Prints a Markdown table: link rate,
//! encoding, bytes the server sent for the page, median and spread of the page time over the
//! rounds. The SDK client is the same in both rows: it always sends `Accept-Encoding: gzip,
//! deflate`; only the server's answer differs.

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Response, header};
use axum::routing::{get, post};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use sdk_tests::sim::mgmt::{MgmtAuthMode, MgmtSim, MgmtSimConfig};

const PAGE: u32 = 1_000;
const ROUNDS: usize = 7;

/// The page as the simulator serves it, and its gzip form.
struct Page {
    plain: Vec<u8>,
    gzip: Vec<u8>,
}

/// What the front server answers with and what it saw.
struct Front {
    page: Page,
    compress: bool,
    sent_bytes: AtomicU64,
    accept_encoding: std::sync::Mutex<Option<String>>,
}

async fn session() -> Response<Body> {
    Response::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            r#"{"@type":"sessionRest","session_id":"bench-session"}"#,
        ))
        .expect("response")
}

async fn applications(State(front): State<Arc<Front>>, headers: HeaderMap) -> Response<Body> {
    let accepted = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let gzip_ok = accepted.as_deref().is_some_and(|a| a.contains("gzip"));
    *front.accept_encoding.lock().expect("lock") = accepted;
    let builder = Response::builder().header(header::CONTENT_TYPE, "application/json");
    let (builder, body) = if front.compress && gzip_ok {
        (
            builder.header(header::CONTENT_ENCODING, "gzip"),
            front.page.gzip.clone(),
        )
    } else {
        (builder, front.page.plain.clone())
    };
    front.sent_bytes.store(body.len() as u64, Ordering::Relaxed);
    builder.body(Body::from(body)).expect("response")
}

/// Serves `/actifio/session` and `/actifio/application` on a free loopback port.
async fn start_front(front: Arc<Front>) -> String {
    let router = Router::new()
        .route("/actifio/session", post(session))
        .route("/actifio/application", get(applications))
        .with_state(front);
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr.to_string()
}

/// Copies `from` to `to`, pacing every chunk so the rate never exceeds `bytes_per_second`.
async fn paced_copy(
    mut from: impl AsyncReadExt + Unpin,
    mut to: impl AsyncWriteExt + Unpin,
    bytes_per_second: u64,
) {
    let mut buf = vec![0u8; 8 * 1024];
    let started = Instant::now();
    let mut sent: u64 = 0;
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        sent += n as u64;
        // The moment this many bytes may have crossed the link: wait for it, then write.
        let due = started + Duration::from_secs_f64(sent as f64 / bytes_per_second as f64);
        tokio::time::sleep_until(due.into()).await;
        if to.write_all(&buf[..n]).await.is_err() {
            break;
        }
    }
    let _ = to.shutdown().await;
}

/// A relay on a free loopback port to `upstream`, throttled to `bytes_per_second` each way.
async fn start_link(upstream: String, bytes_per_second: u64) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let upstream = upstream.clone();
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(&upstream).await else {
                    return;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let (cr, cw) = client.into_split();
                let (sr, sw) = server.into_split();
                tokio::join!(
                    paced_copy(cr, sw, bytes_per_second),
                    paced_copy(sr, cw, bytes_per_second)
                );
            });
        }
    });
    addr.to_string()
}

/// One page of 1,000 applications, exactly as the console simulator serves it.
async fn page_from_simulator() -> Page {
    let config = MgmtSimConfig {
        applications: PAGE as usize,
        backups: 0,
        jobs: 0,
        ..MgmtSimConfig::default()
    };
    let MgmtAuthMode::Google { token } = config.auth.clone() else {
        unreachable!("Google mode by default")
    };
    let sim = MgmtSim::start(config).await.expect("simulator");
    sdk_auth::ensure_crypto_provider();
    let http = reqwest::Client::new();
    let session: serde_json::Value = http
        .post(format!("{}/actifio/session", sim.url()))
        .bearer_auth(&token)
        .header("content-length", "0")
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("session");
    let plain = http
        .get(format!(
            "{}/actifio/application?offset=0&limit={PAGE}",
            sim.url()
        ))
        .bearer_auth(&token)
        .header(
            "backupdr-management-session",
            format!("Actifio {}", session["session_id"].as_str().expect("id")),
        )
        .send()
        .await
        .expect("page")
        .bytes()
        .await
        .expect("body")
        .to_vec();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&plain).expect("gzip");
    let gzip = encoder.finish().expect("gzip");
    Page { plain, gzip }
}

struct Row {
    link: &'static str,
    encoding: &'static str,
    bytes: u64,
    median: Duration,
    min: Duration,
    max: Duration,
    accept_encoding: String,
}

async fn measure(link: &'static str, rate: Option<u64>, compress: bool, page: &Page) -> Row {
    let front = Arc::new(Front {
        page: Page {
            plain: page.plain.clone(),
            gzip: page.gzip.clone(),
        },
        compress,
        sent_bytes: AtomicU64::new(0),
        accept_encoding: std::sync::Mutex::new(None),
    });
    let origin = start_front(Arc::clone(&front)).await;
    let addr = match rate {
        Some(rate) => start_link(origin, rate).await,
        None => origin,
    };
    let client = mgmt_sdk::Client::login(
        &format!("http://{addr}"),
        mgmt_sdk::MgmtAuth::google_token("bench-token"),
    )
    .await
    .expect("login");
    let mut times = Vec::with_capacity(ROUNDS);
    // One warm-up call (connection set up, allocator warm), then the measured rounds.
    for round in 0..=ROUNDS {
        let start = Instant::now();
        let page = client
            .list_applications()
            .offset(0)
            .limit(PAGE)
            .send()
            .await
            .expect("page")
            .into_inner();
        let elapsed = start.elapsed();
        assert_eq!(page.items.len(), PAGE as usize);
        if round > 0 {
            times.push(elapsed);
        }
    }
    times.sort();
    let accept_encoding = front
        .accept_encoding
        .lock()
        .expect("lock")
        .clone()
        .unwrap_or_else(|| "(none)".into());
    Row {
        link,
        encoding: if compress { "gzip" } else { "identity" },
        bytes: front.sent_bytes.load(Ordering::Relaxed),
        median: times[times.len() / 2],
        min: times[0],
        max: times[times.len() - 1],
        accept_encoding,
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let page = page_from_simulator().await;
        println!(
            "page of {PAGE} applications: {} bytes JSON, {} bytes gzip (level 6), ratio {:.1}x\n",
            page.plain.len(),
            page.gzip.len(),
            page.plain.len() as f64 / page.gzip.len() as f64
        );
        let links: [(&'static str, Option<u64>); 3] = [
            ("loopback, unthrottled", None),
            ("100 Mbit/s", Some(100_000_000 / 8)),
            ("10 Mbit/s", Some(10_000_000 / 8)),
        ];
        println!("| link | encoding | bytes sent | median | min..max |");
        println!("|---|---|---:|---:|---:|");
        let mut accept = String::new();
        for (link, rate) in links {
            for compress in [false, true] {
                let row = measure(link, rate, compress, &page).await;
                println!(
                    "| {} | {} | {} | {:.1} ms | {:.1}..{:.1} ms |",
                    row.link,
                    row.encoding,
                    row.bytes,
                    row.median.as_secs_f64() * 1e3,
                    row.min.as_secs_f64() * 1e3,
                    row.max.as_secs_f64() * 1e3
                );
                accept = row.accept_encoding;
            }
        }
        println!("\nthe SDK's request carried `Accept-Encoding: {accept}`");
    });
}
