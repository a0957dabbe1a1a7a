//! `druva-export`: exports Druva reports to SQLite and CSV (see the README). With Druva
//! credentials in the environment it reads the real API; without them it runs against the
//! bundled simulator, so it works on a fresh clone.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use druva_sdk::export::{self, ExportTarget, rusqlite::Connection};

use crate::sim::druva::{DruvaSim, DruvaSimConfig};

/// Command-line arguments of `druva-export`.
#[derive(Debug, clap::Parser)]
#[command(
    name = "druva-export",
    about = "Export Druva report data to SQLite and CSV"
)]
pub struct Args {
    /// Report id, e.g. epLastBackupStatus (repeat for several reports).
    #[arg(long = "report", required = true)]
    pub reports: Vec<String>,
    /// Only rows updated on or after this UTC date (2026-01-01) or RFC 3339 date-time
    /// (2026-01-01T08:00:00Z, 2026-01-01T09:00:00+01:00); checked before anything is fetched.
    #[arg(long, value_parser = since_arg)]
    pub since: Option<String>,
    /// Only rows updated since the previous export into --sqlite (its recorded lastSyncTimestamp).
    #[arg(long, conflicts_with = "since", requires = "sqlite")]
    pub incremental: bool,
    /// SQLite database to create or update (one table per report, rows upserted).
    #[arg(long)]
    pub sqlite: Option<PathBuf>,
    /// CSV file to write (with several reports: one file per report, `<name>-<report>.csv`).
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Rows per report of the bundled simulator, used when no credentials are set.
    #[arg(long, default_value_t = 2_345)]
    pub sim_rows: usize,
}

/// `--since`, checked and written in UTC as the API compares it.
fn since_arg(since: &str) -> Result<String, String> {
    export::normalise_since(since).map_err(|e| e.to_string())
}

fn csv_path(base: &Path, report: &str, several: bool) -> PathBuf {
    if !several {
        return base.to_path_buf();
    }
    let stem = base
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("export");
    base.with_file_name(format!("{stem}-{report}.csv"))
}

/// Runs the export; progress goes to `progress`, the summary is returned.
pub async fn run(
    args: &Args,
    progress: &mut dyn Write,
) -> Result<String, Box<dyn std::error::Error>> {
    if args.sqlite.is_none() && args.csv.is_none() {
        return Err("nothing to write: give --sqlite and/or --csv".into());
    }
    let id = std::env::var("DRUVA_CLIENT_ID").ok();
    let secret = std::env::var("DRUVA_SECRET_KEY").ok();
    let (client, _sim, source) = match (id, secret) {
        (Some(id), Some(secret)) => {
            let url =
                std::env::var("DRUVA_URL").unwrap_or_else(|_| druva_sdk::DEFAULT_URL.to_string());
            let client =
                druva_sdk::Client::login(&url, druva_sdk::DruvaCredentials::new(id, secret))
                    .await?;
            (client, None, url)
        }
        _ => {
            let config = DruvaSimConfig {
                report_rows: args.sim_rows,
                ..DruvaSimConfig::default()
            };
            let credentials = druva_sdk::DruvaCredentials::new(
                config.client_id.clone(),
                config.secret_key.clone(),
            );
            let sim = DruvaSim::start(config).await?;
            let client = druva_sdk::Client::login(sim.url(), credentials).await?;
            let source = format!(
                "the bundled simulator at {} (set DRUVA_CLIENT_ID and DRUVA_SECRET_KEY for Druva)",
                sim.url()
            );
            (client, Some(sim), source)
        }
    };
    writeln!(progress, "exporting from {source}")?;
    let mut db = match &args.sqlite {
        Some(path) => Some(Connection::open(path)?),
        None => None,
    };
    let mut summary = String::new();
    let several = args.reports.len() > 1;
    for report in &args.reports {
        let since = match (&args.since, args.incremental, &db) {
            (Some(s), _, _) => Some(s.clone()),
            (None, true, Some(db)) => export::last_sync(db, report)?,
            _ => None,
        };
        let mut csv_file = match &args.csv {
            Some(base) => Some(std::io::BufWriter::new(std::fs::File::create(csv_path(
                base, report, several,
            ))?)),
            None => None,
        };
        let target = ExportTarget {
            sqlite: db.as_mut(),
            csv: csv_file.as_mut().map(|f| f as &mut dyn Write),
        };
        let started = Instant::now();
        let result = export::export_report(&client, report, since.as_deref(), target, |p| {
            let _ = write!(progress, "\r{report}: {} rows, {} pages", p.rows, p.pages);
            let _ = progress.flush();
        })
        .await?;
        writeln!(progress)?;
        if let Some(f) = csv_file.as_mut() {
            f.flush()?;
        }
        let secs = started.elapsed().as_secs_f64();
        summary += &format!(
            "{report}: {} rows in {} pages{} in {:.2} s ({:.0} rows/s){}{}\n",
            result.rows,
            result.pages,
            since
                .map(|s| format!(" updated since {s}"))
                .unwrap_or_default(),
            secs,
            result.rows as f64 / secs.max(1e-9),
            result
                .table_rows
                .map(|n| format!("; table holds {n} rows"))
                .unwrap_or_default(),
            result
                .last_sync
                .map(|s| format!("; lastSyncTimestamp {s}"))
                .unwrap_or_default(),
        );
    }
    Ok(summary)
}
