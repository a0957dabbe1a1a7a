//! Rows per second and peak memory of the Druva report export (`dp druva report export`) of
//! 10,000 and 100,000 rows against the simulator; figures printed as a table. Run with
//! `cargo bench -p dp-cli --bench export`.
//!
//! Memory is counted by a global allocator that tracks live bytes and their peak. The simulator
//! runs in the same process, so a walk's peak also holds the simulator's page being served; what
//! matters is that the peak does not grow with the size of the list.

use std::alloc::{GlobalAlloc, Layout, System};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

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

/// The report export (SQLite file and CSV file) of a 100,000-row report: rows per second and peak.
async fn export_rows() {
    use dp_cli::export::{ExportTarget, export_report, rusqlite::Connection};
    println!();
    println!("| report export | rows | rows/s | peak above start |");
    println!("|---|---:|---:|---:|");
    for n in [10_000, 100_000] {
        let druva = bench::druva(n).await;
        let dir = std::env::temp_dir().join(format!("export-bench-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let mut db = Connection::open(dir.join("estate.db")).expect("db");
        let mut csv =
            std::io::BufWriter::new(std::fs::File::create(dir.join("out.csv")).expect("csv"));
        let started = Instant::now();
        let (rows, peak) = peak_during(async {
            let target = ExportTarget {
                sqlite: Some(&mut db),
                csv: Some(&mut csv),
            };
            let summary = export_report(&druva.client, "epLastBackupStatus", None, target, |_| {})
                .await
                .expect("export");
            summary.rows as usize
        })
        .await;
        let secs = started.elapsed().as_secs_f64();
        println!(
            "| SQLite + CSV, pages of 500 | {rows} | {:.0} | {} |",
            rows as f64 / secs,
            mib(peak)
        );
        drop(db);
        let _ = std::fs::remove_dir_all(&dir);
    }
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
    rt.block_on(export_rows());
}
