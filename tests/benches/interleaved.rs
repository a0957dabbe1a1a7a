//! Per-call overhead measured interleaved: SDK and bare reqwest + serde calls alternate in one
//! process against one simulator, so that machine noise (which swings criterion's separate
//! runs by ±20% here) hits both sides alike. Run with
//! `cargo bench -p sdk-tests --bench interleaved` (not part of CI).

use std::time::{Duration, Instant};

use sdk_tests::bench;

/// Calls of each side after the warm-up.
const PAIRS: usize = 2_000;
const WARM_UP: usize = 100;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Times `sdk` and `bare` alternately (the order flips every pair) and prints the medians, the
/// median of the per-pair ratios and its 90th percentile.
async fn interleave<S, B, FS, FB>(name: &str, mut sdk: S, mut bare: B)
where
    S: FnMut() -> FS,
    B: FnMut() -> FB,
    FS: std::future::Future<Output = usize>,
    FB: std::future::Future<Output = usize>,
{
    for _ in 0..WARM_UP {
        assert_eq!(
            sdk().await,
            bare().await,
            "{name}: both sides read the same page"
        );
    }
    let (mut s, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..PAIRS {
        let time = |d: Duration| d.as_secs_f64() * 1e3;
        let (ts, tb) = if i % 2 == 0 {
            let t = Instant::now();
            sdk().await;
            let ts = time(t.elapsed());
            let t = Instant::now();
            bare().await;
            (ts, time(t.elapsed()))
        } else {
            let t = Instant::now();
            bare().await;
            let tb = time(t.elapsed());
            let t = Instant::now();
            sdk().await;
            (time(t.elapsed()), tb)
        };
        s.push(ts);
        b.push(tb);
        ratios.push(ts / tb);
    }
    for v in [&mut s, &mut b, &mut ratios] {
        v.sort_by(f64::total_cmp);
    }
    println!(
        "| {name} | {:.3} ms | {:.3} ms | {:.2} | {:.2} |",
        percentile(&s, 0.5),
        percentile(&b, 0.5),
        percentile(&ratios, 0.5),
        percentile(&ratios, 0.9)
    );
}

fn main() {
    // `cargo bench` passes `--bench`; there is nothing to select here.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        println!("| call | SDK median | bare median | SDK/bare median | SDK/bare p90 |");
        println!("|---|---:|---:|---:|---:|");
        let ddmc = bench::ddmc(1_000).await;
        interleave(
            "DDMC mtree page (200 items)",
            || ddmc.sdk_page(),
            || ddmc.bare_page(0),
        )
        .await;
        drop(ddmc);
        let mgmt = bench::mgmt(2_000, 0, Duration::ZERO).await;
        interleave(
            "console application page (1,000 items)",
            || mgmt.sdk_page(),
            || mgmt.bare_page(0),
        )
        .await;
        drop(mgmt);
        let druva = bench::druva(1_000).await;
        interleave(
            "Druva report page (500 rows)",
            || druva.sdk_page(),
            || async { druva.bare_page(None).await.0 },
        )
        .await;
    });
}
