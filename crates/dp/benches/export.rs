//! Rows per second and peak memory of the Druva report export (`dp druva report export`) of
//! 10,000 and 100,000 rows against the simulator; figures printed as a table. Run with
//! `cargo bench -p dp-cli --bench export`.
//!
//! Memory is counted by a global allocator that tracks live bytes and their peak. The simulator
//! runs in the same process, so a walk's peak also holds the simulator's page being served; what
//! matters is that the peak does not grow with the size of the list.

use std::time::Instant;

use sdk_tests::bench;
use sdk_tests::peak::{mib, peak_during};

#[global_allocator]
static ALLOCATOR: sdk_tests::peak::Counting = sdk_tests::peak::Counting;

/// What an export writes to.
#[derive(Clone, Copy, PartialEq)]
enum Sinks {
    /// Nothing: the walk alone (simulator, HTTP, decode).
    None,
    /// A SQLite file.
    Sqlite,
    /// A SQLite file and a CSV file.
    SqliteAndCsv,
}

/// The report export of 10,000 and 100,000 rows: the walk alone, into SQLite, into SQLite and
/// CSV; rows per second and peak memory above start.
async fn export_rows() {
    use dp_cli::export::{ExportTarget, export_report, rusqlite::Connection};
    println!();
    println!("| report export, pages of 500 | rows | rows/s | peak above start |");
    println!("|---|---:|---:|---:|");
    for (sinks, label) in [
        (Sinks::None, "walk alone"),
        (Sinks::Sqlite, "into SQLite"),
        (Sinks::SqliteAndCsv, "SQLite + CSV"),
    ] {
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
                    sqlite: (sinks != Sinks::None).then_some(&mut db),
                    csv: (sinks == Sinks::SqliteAndCsv)
                        .then_some(&mut csv as &mut dyn std::io::Write),
                };
                let summary =
                    export_report(&druva.client, "epLastBackupStatus", None, target, |_| {})
                        .await
                        .expect("export");
                summary.rows as usize
            })
            .await;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "| {label} | {rows} | {:.0} | {} |",
                rows as f64 / secs,
                mib(peak)
            );
            drop(db);
            let _ = std::fs::remove_dir_all(&dir);
        }
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
