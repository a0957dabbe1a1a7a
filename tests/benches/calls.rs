//! Call overhead, streaming throughput and parallel listing, each SDK against bare reqwest + serde
//! on the same loopback simulator. Run with `cargo bench -p sdk-tests --bench calls`.

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sdk_tests::bench;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// 1. One typical list page: the SDK call against the same request made by hand.
fn per_call(c: &mut Criterion) {
    let rt = runtime();
    let mut group = c.benchmark_group("per_call");
    let ddmc = rt.block_on(bench::ddmc(1_000));
    group.bench_function("ddmc_mtree_page/sdk", |b| {
        b.to_async(&rt).iter(|| ddmc.sdk_page())
    });
    group.bench_function("ddmc_mtree_page/bare", |b| {
        b.to_async(&rt).iter(|| ddmc.bare_page(0))
    });
    let mgmt = rt.block_on(bench::mgmt(2_000, 0, Duration::ZERO));
    group.bench_function("mgmt_application_page/sdk", |b| {
        b.to_async(&rt).iter(|| mgmt.sdk_page())
    });
    group.bench_function("mgmt_application_page/bare", |b| {
        b.to_async(&rt).iter(|| mgmt.bare_page(0))
    });
    let druva = rt.block_on(bench::druva(1_000));
    group.bench_function("druva_report_page/sdk", |b| {
        b.to_async(&rt).iter(|| druva.sdk_page())
    });
    group.bench_function("druva_report_page/bare", |b| {
        b.to_async(&rt).iter(|| druva.bare_page(None))
    });
    group.finish();
}

/// 2. Walking 100,000 items through each vendor's stream against a bare page loop.
fn streaming(c: &mut Criterion) {
    let rt = runtime();
    let mut group = c.benchmark_group("stream_100k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Elements(100_000));
    let ddmc = rt.block_on(bench::ddmc(100_000));
    group.bench_function("ddmc/sdk", |b| b.to_async(&rt).iter(|| ddmc.sdk_walk()));
    group.bench_function("ddmc/bare", |b| b.to_async(&rt).iter(|| ddmc.bare_walk()));
    drop(ddmc);
    let mgmt = rt.block_on(bench::mgmt(100_000, 0, Duration::ZERO));
    group.bench_function("mgmt/sdk", |b| b.to_async(&rt).iter(|| mgmt.sdk_walk()));
    group.bench_function("mgmt/bare", |b| b.to_async(&rt).iter(|| mgmt.bare_walk()));
    drop(mgmt);
    let druva = rt.block_on(bench::druva(100_000));
    group.bench_function("druva/sdk", |b| b.to_async(&rt).iter(|| druva.sdk_walk()));
    group.bench_function("druva/bare", |b| b.to_async(&rt).iter(|| druva.bare_walk()));
    group.finish();
}

/// 3. 100,000 console jobs, 20 ms per page: one page at a time against 8 in flight.
fn parallel_listing(c: &mut Criterion) {
    let rt = runtime();
    let mgmt = rt.block_on(bench::mgmt(0, 100_000, Duration::from_millis(20)));
    let sequential = rt.block_on(mgmt.jobs(1));
    let parallel = rt.block_on(mgmt.jobs(8));
    assert_eq!(sequential.len(), 100_000);
    assert_eq!(
        parallel, sequential,
        "the parallel stream yields the same items in the same order"
    );
    let mut group = c.benchmark_group("jobs_100k_20ms_pages");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30))
        .throughput(Throughput::Elements(100_000));
    group.bench_function("sequential", |b| b.to_async(&rt).iter(|| mgmt.jobs(1)));
    group.bench_function("parallel_8", |b| b.to_async(&rt).iter(|| mgmt.jobs(8)));
    group.finish();
}

criterion_group!(benches, per_call, streaming, parallel_listing);
criterion_main!(benches);
