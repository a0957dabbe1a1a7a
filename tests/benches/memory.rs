//! Peak memory of the item streams and token refresh under load; figures printed as a table.
//! Run with `cargo bench -p sdk-tests --bench memory`.
//!
//! Memory is counted by a global allocator that tracks live bytes and their peak. The simulator
//! runs in the same process, so a walk's peak also holds the simulator's page being served; what
//! matters is that the peak does not grow with the size of the list.

use std::alloc::{GlobalAlloc, Layout, System};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sdk_tests::bench;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as `System.alloc`.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as `System.dealloc`.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as `System.realloc`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak live bytes above the starting point while `work` runs.
async fn peak_during<F: Future<Output = usize>>(work: F) -> (usize, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let items = work.await;
    (items, PEAK.load(Ordering::Relaxed).saturating_sub(base))
}

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

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
