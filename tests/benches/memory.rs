//! Peak memory of the item streams and token refresh under load; figures printed as a table.
//! Run with `cargo bench -p sdk-tests --bench memory`.
//!
//! Memory is counted by a global allocator that tracks live bytes and their peak. The simulator
//! runs in the same process, so a walk's peak also holds the simulator's page being served; what
//! matters is that the peak does not grow with the size of the list.

use std::time::{Duration, Instant};

use sdk_tests::bench;
use sdk_tests::peak::{mib, peak_during};

#[global_allocator]
static ALLOCATOR: sdk_tests::peak::Counting = sdk_tests::peak::Counting;

async fn memory_rows() {
    println!("| stream | items | peak above start (SDK) | peak above start (bare loop) |");
    println!("|---|---:|---:|---:|");
    for n in [10_000, 100_000] {
        let d = bench::ddmc(n).await;
        d.bare_page(0).await; // the simulator builds its state on first use: not the client's memory
        let (items, sdk) = peak_during(d.sdk_walk()).await;
        let (_, bare) = peak_during(d.bare_walk()).await;
        println!(
            "| DDMC mtrees (pages of {}) | {items} | {} | {} |",
            bench::DDMC_PAGE,
            mib(sdk),
            mib(bare)
        );
    }
    for n in [10_000, 100_000] {
        let m = bench::mgmt(n, 0, Duration::ZERO).await;
        m.bare_page(0).await;
        let (items, sdk) = peak_during(m.sdk_walk()).await;
        let (_, bare) = peak_during(m.bare_walk()).await;
        println!(
            "| console applications (pages of {}) | {items} | {} | {} |",
            bench::MGMT_PAGE,
            mib(sdk),
            mib(bare)
        );
    }
    for n in [10_000, 100_000] {
        let d = bench::druva(n).await;
        d.bare_page(None).await;
        let (items, sdk) = peak_during(d.sdk_walk()).await;
        let (_, bare) = peak_during(d.bare_walk()).await;
        println!(
            "| Druva report rows (pages of {}) | {items} | {} | {} |",
            bench::DRUVA_PAGE,
            mib(sdk),
            mib(bare)
        );
    }
}

/// 1,000 concurrent calls, with and without a token expiry just before them.
async fn refresh_rows() {
    let druva = bench::druva(10).await;
    let burst = || async {
        let started = Instant::now();
        let calls: Vec<_> = (0..1_000)
            .map(|_| {
                let c = druva.client.clone();
                tokio::spawn(async move { c.list_reports().send().await.map(|_| ()) })
            })
            .collect();
        for call in calls {
            call.await.expect("task").expect("call");
        }
        started.elapsed()
    };
    let mut plain = Vec::new();
    let mut expired = Vec::new();
    let mut token_requests = Vec::new();
    for _ in 0..7 {
        plain.push(burst().await);
        let before = druva.sim.token_requests();
        druva.sim.expire_tokens();
        expired.push(burst().await);
        token_requests.push(druva.sim.token_requests() - before);
    }
    plain.sort();
    expired.sort();
    let median = |v: &[Duration]| v[v.len() / 2];
    println!();
    println!("| 1,000 concurrent calls (median of 7) | wall time | token requests |");
    println!("|---|---:|---:|");
    println!(
        "| no expiry | {:.1} ms | 0 |",
        median(&plain).as_secs_f64() * 1e3
    );
    println!(
        "| token expired just before | {:.1} ms | {} (each round: {:?}) |",
        median(&expired).as_secs_f64() * 1e3,
        token_requests.iter().max().copied().unwrap_or_default(),
        token_requests
    );
    println!(
        "| added latency | {:.1} ms | |",
        (median(&expired).as_secs_f64() - median(&plain).as_secs_f64()) * 1e3
    );
}

fn main() {
    // `cargo test --benches` runs bench targets with `--bench`-less arguments; only measure for real.
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        memory_rows().await;
        refresh_rows().await;
    });
}
