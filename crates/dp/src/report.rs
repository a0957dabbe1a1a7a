//! `dp druva report export`: report rows to SQLite and CSV (see [`crate::export`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, Command, FromArgMatches};

use crate::exit::CliError;
use crate::export::{self, ExportTarget, rusqlite::Connection};

/// The options of `dp druva report export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
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
    #[arg(long, value_name = "FILE", required_unless_present = "csv")]
    pub sqlite: Option<PathBuf>,
    /// CSV file to write (with several reports: one file per report, `<name>-<report>.csv`).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
}

/// `--since`, checked and written in UTC as the API compares it.
fn since_arg(since: &str) -> Result<String, String> {
    export::normalise_since(since).map_err(|e| e.to_string())
}

/// The `report` group with its `export` command.
pub fn command() -> Command {
    Command::new("report")
        .about("Report data to SQLite and CSV")
        .subcommand_required(true)
        .subcommand(
            ExportArgs::augment_args(Command::new("export"))
                .about("Export report rows to SQLite (upserted, incremental) and/or CSV")
                .long_about(
                    "Export every page of each --report to a SQLite table (typed columns, rows \
                     upserted by a stable SHA-256 key so a rerun adds no duplicate, \
                     lastSyncTimestamp kept for --incremental) and/or CSV (quoted, formula-like \
                     cells neutralised). Memory stays at about two pages.",
                ),
        )
}

/// Reads the options from the `export` command's matches.
pub fn args(m: &clap::ArgMatches) -> Result<ExportArgs, CliError> {
    ExportArgs::from_arg_matches(m).map_err(|e| CliError::usage(e.to_string()))
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

fn failed(what: &str, e: impl std::fmt::Display) -> CliError {
    CliError::other(format!("{what}: {e}"))
}

impl From<export::ExportError> for CliError {
    fn from(e: export::ExportError) -> Self {
        match e {
            export::ExportError::InvalidReportId(_) | export::ExportError::InvalidSince(_) => {
                CliError::usage(e.to_string())
            }
            other => CliError::other(other.to_string()),
        }
    }
}

/// Runs the export of every report; progress goes to `progress` (`\r`-updated), the returned
/// text is the summary, one line per report.
pub async fn run(
    client: &druva_sdk::Client,
    args: &ExportArgs,
    progress: &mut dyn Write,
) -> Result<String, CliError> {
    if args.sqlite.is_none() && args.csv.is_none() {
        return Err(CliError::usage(
            "nothing to write: give --sqlite and/or --csv",
        ));
    }
    let mut db = match &args.sqlite {
        Some(path) => Some(
            Connection::open(path)
                .map_err(|e| failed(&format!("opening {}", path.display()), e))?,
        ),
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
            Some(base) => {
                let path = csv_path(base, report, several);
                Some(std::io::BufWriter::new(
                    std::fs::File::create(&path)
                        .map_err(|e| failed(&format!("creating {}", path.display()), e))?,
                ))
            }
            None => None,
        };
        let target = ExportTarget {
            sqlite: db.as_mut(),
            csv: csv_file.as_mut().map(|f| f as &mut dyn Write),
        };
        let started = Instant::now();
        let result = export::export_report(client, report, since.as_deref(), target, |p| {
            let _ = write!(progress, "\r{report}: {} rows, {} pages", p.rows, p.pages);
            let _ = progress.flush();
        })
        .await?;
        let _ = writeln!(progress);
        if let Some(f) = csv_file.as_mut() {
            f.flush().map_err(|e| failed("writing the CSV", e))?;
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
