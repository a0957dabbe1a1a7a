//! Report export to SQLite and CSV (`dp druva report export`): the seed's use case of fetching Druva
//! report data into a local database for BI tools, or into a spreadsheet.
//!
//! [`export_report`] pages through every page of a report with the SDK's stream (tokens renewed
//! on expiry), holding one page in memory at a time, and writes each row:
//! - to SQLite: one table per report (named after the report id), one column per row field,
//!   typed `INTEGER`/`REAL`/`TEXT` from the first value seen, new fields added as they appear;
//!   each row is keyed by a SHA-256 digest of its content ([`row_key`]: stable across Rust
//!   releases, platforms and runs), so a rerun upserts instead of duplicating; rows are written
//!   in transactions of up to [`ROWS_PER_TRANSACTION`] rows, so the rate does not fall as the
//!   table grows; the report's `lastSyncTimestamp` is kept in the `_druva_sync` table so the
//!   next run can ask only for what changed ([`last_sync`]);
//! - to CSV: a header from the first page's fields (fields that appear later go, as JSON, into
//!   an `_extra` column), RFC 4180 quoting, and text cells that a spreadsheet would run as a
//!   formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) prefixed with `'`.
//!
//! The next page is fetched while the current one is written (one page ahead, so memory stays at
//! about two pages).
//!
//! ```no_run
//! # async fn demo(client: druva_sdk::Client) -> Result<(), dp_cli::export::ExportError> {
//! use dp_cli::export::{ExportTarget, export_report};
//! let mut db = dp_cli::export::rusqlite::Connection::open("estate.db")?;
//! let target = ExportTarget { sqlite: Some(&mut db), csv: None };
//! let summary = export_report(&client, "epLastBackupStatus", Some("2026-01-01T00:00:00Z"), target, |_| {}).await?;
//! println!("{} rows in {} pages", summary.rows, summary.pages);
//! # Ok(())
//! # }
//! ```

pub use rusqlite;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use rusqlite::Connection;
use serde_json::{Map, Value};

use druva_sdk::types;

/// Rows per page requested (the API's maximum).
pub const PAGE_SIZE: i64 = 500;

/// Rows written to SQLite per transaction. One transaction per page of 500 made every commit
/// rewrite as many index pages as rows, so the rate halved from 10,000 to 100,000 rows; at
/// 20,000 rows per commit it holds (BENCHMARKS.md). An interrupted export keeps every committed
/// transaction, and a rerun upserts what was already written.
pub const ROWS_PER_TRANSACTION: usize = 20_000;

/// What went wrong during an export.
#[derive(Debug)]
#[non_exhaustive]
pub enum ExportError {
    /// The report id is not a plain identifier (letters and digits), so it cannot name a table.
    InvalidReportId(String),
    /// `since` is neither a date (`2026-01-01`) nor an RFC 3339 date-time
    /// (`2026-01-01T08:00:00Z`, `2026-01-01T09:00:00+01:00`).
    InvalidSince(String),
    /// The API call failed (after the SDK's retries and token renewal).
    Api(String),
    /// SQLite failed.
    Sqlite(rusqlite::Error),
    /// Writing the CSV failed.
    Csv(csv::Error),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::InvalidReportId(id) => {
                write!(f, "report id {id:?} is not letters and digits only")
            }
            ExportError::InvalidSince(since) => write!(
                f,
                "since {since:?} is neither a date (2026-01-01) nor an RFC 3339 date-time (2026-01-01T08:00:00Z)"
            ),
            ExportError::Api(e) => write!(f, "report data could not be fetched: {e}"),
            ExportError::Sqlite(e) => write!(f, "SQLite: {e}"),
            ExportError::Csv(e) => write!(f, "CSV: {e}"),
        }
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExportError::Sqlite(e) => Some(e),
            ExportError::Csv(e) => Some(e),
            ExportError::InvalidReportId(_)
            | ExportError::InvalidSince(_)
            | ExportError::Api(_) => None,
        }
    }
}

impl From<rusqlite::Error> for ExportError {
    fn from(e: rusqlite::Error) -> Self {
        ExportError::Sqlite(e)
    }
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        ExportError::Csv(e)
    }
}

/// Where the rows go (either or both).
pub struct ExportTarget<'a> {
    /// A SQLite database.
    pub sqlite: Option<&'a mut Connection>,
    /// A CSV destination (a file, stdout...).
    pub csv: Option<&'a mut dyn Write>,
}

/// Progress after each page.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Progress {
    /// Rows written so far.
    pub rows: u64,
    /// Pages fetched so far.
    pub pages: u64,
}

/// The outcome of one report's export.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ExportSummary {
    /// Rows fetched and written.
    pub rows: u64,
    /// Pages fetched.
    pub pages: u64,
    /// Rows the SQLite table holds after the export (duplicates merged).
    pub table_rows: Option<u64>,
    /// The report's `lastSyncTimestamp` (stored in `_druva_sync` for the next run).
    pub last_sync: Option<String>,
}

/// The `lastSyncTimestamp` recorded by the previous export of `report_id` into `db`, if any: pass
/// it as `since` to fetch only rows updated after it.
pub fn last_sync(db: &Connection, report_id: &str) -> Result<Option<String>, ExportError> {
    ensure_sync_table(db)?;
    let mut stmt = db.prepare("SELECT last_sync FROM _druva_sync WHERE report = ?1")?;
    let mut rows = stmt.query([report_id])?;
    Ok(match rows.next()? {
        Some(row) => row.get(0)?,
        None => None,
    })
}

fn ensure_sync_table(db: &Connection) -> Result<(), ExportError> {
    db.execute_batch(
        "CREATE TABLE IF NOT EXISTS _druva_sync (report TEXT PRIMARY KEY, last_sync TEXT, rows INTEGER, exported_at TEXT DEFAULT CURRENT_TIMESTAMP)",
    )?;
    Ok(())
}

/// Checks `since` and writes it as the API compares it: a date (`2026-01-01`) becomes midnight
/// UTC (`2026-01-01T00:00:00Z`); an RFC 3339 date-time is converted to UTC
/// (`2026-01-01T09:00:00+01:00` becomes `2026-01-01T08:00:00Z`; fractions of a second are kept).
///
/// ```
/// use dp_cli::export::normalise_since;
/// assert_eq!(normalise_since("2026-01-01")?, "2026-01-01T00:00:00Z");
/// assert_eq!(normalise_since("2026-01-01T09:00:00+01:00")?, "2026-01-01T08:00:00Z");
/// assert!(normalise_since("2026-13-01").is_err());
/// # Ok::<(), dp_cli::export::ExportError>(())
/// ```
pub fn normalise_since(since: &str) -> Result<String, ExportError> {
    use time::format_description::well_known::Rfc3339;
    let invalid = || ExportError::InvalidSince(since.to_string());
    let date_only = time::macros::format_description!("[year]-[month]-[day]");
    let at = match time::Date::parse(since, &date_only) {
        Ok(date) => date.midnight().assume_utc(),
        Err(_) => time::OffsetDateTime::parse(since, &Rfc3339).map_err(|_| invalid())?,
    };
    at.to_offset(time::UtcOffset::UTC)
        .format(&Rfc3339)
        .map_err(|_| invalid())
}

/// Exports every row of `report_id` updated at or after `since` (a date such as `2026-01-01` or
/// an RFC 3339 date-time such as `2026-01-01T08:00:00Z`, see [`normalise_since`]; without it the
/// API returns the last 24 hours) into `target`, calling `progress` after every page.
///
/// Must run inside a tokio runtime: the next page is fetched on a tokio task while the current
/// one is written.
pub async fn export_report(
    client: &druva_sdk::Client,
    report_id: &str,
    since: Option<&str>,
    target: ExportTarget<'_>,
    mut progress: impl FnMut(Progress),
) -> Result<ExportSummary, ExportError> {
    if report_id.is_empty() || !report_id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ExportError::InvalidReportId(report_id.to_string()));
    }
    let since = since.map(normalise_since).transpose()?;
    let mut filters = types::ReportFilters::builder().page_size(PAGE_SIZE);
    if let Some(since) = since {
        let filter = types::ReportFilter::builder()
            .field_name("lastUpdatedTime")
            .operator(types::ReportFilterOperator::Gte)
            .value(since);
        let filter =
            types::ReportFilter::try_from(filter).map_err(|e| ExportError::Api(e.to_string()))?;
        filters = filters.filter_by(vec![filter]);
    }
    let body = types::ReportRequest::builder().filters(filters);

    let ExportTarget { sqlite, csv } = target;
    let mut sqlite = sqlite
        .map(|db| SqliteSink::new(db, report_id))
        .transpose()?;
    let mut csv = csv.map(CsvSink::new);
    let mut rows = 0u64;
    let mut pages = 0u64;
    let mut last_sync = None;

    // Page by page (not the row stream) so that the page's `lastSyncTimestamp` is seen; the walk
    // ends as the SDK's streams do: on an empty token, an empty page or a token seen before.
    // While a page is written, the next one is already being fetched and decoded on a task.
    let mut seen = std::collections::HashSet::new();
    let mut next = Prefetch::start(client, report_id, &body, None);
    loop {
        let page = next.finish().await?;
        pages += 1;
        let data: Vec<Map<String, Value>> = page
            .data
            .unwrap_or_default()
            .into_iter()
            .map(|r| r.0)
            .collect();
        let token = page
            .next_page_token
            .filter(|t| !t.is_empty() && !data.is_empty() && seen.insert(t.clone()));
        let more = token.is_some();
        if let Some(t) = token {
            next = Prefetch::start(client, report_id, &body, Some(t));
        }
        if page.last_sync_timestamp.is_some() {
            last_sync = page.last_sync_timestamp;
        }
        if let Some(sink) = sqlite.as_mut() {
            sink.write_page(&data)?;
        }
        if let Some(sink) = csv.as_mut() {
            sink.write_page(&data)?;
        }
        rows += data.len() as u64;
        progress(Progress { rows, pages });
        if !more {
            break;
        }
    }
    if let Some(sink) = csv.as_mut() {
        sink.finish()?;
    }
    let table_rows = match sqlite.as_mut() {
        Some(sink) => Some(sink.finish(last_sync.as_deref())?),
        None => None,
    };
    Ok(ExportSummary {
        rows,
        pages,
        table_rows,
        last_sync,
    })
}

/// One page of report data being fetched on a tokio task; the task is aborted if the export
/// stops (an error, or the export future dropped).
struct Prefetch(Option<tokio::task::JoinHandle<Result<types::ReportPage, ExportError>>>);

impl Prefetch {
    fn start(
        client: &druva_sdk::Client,
        report_id: &str,
        body: &types::builder::ReportRequest,
        token: Option<String>,
    ) -> Self {
        let client = client.clone();
        let report_id = report_id.to_string();
        let body = body.clone();
        Prefetch(Some(tokio::spawn(async move {
            let mut request = client
                .get_report_data()
                .version("v1")
                .report_id(report_id)
                .body(body);
            if let Some(t) = token {
                request = request.body_map(move |b| b.page_token(t));
            }
            request
                .send()
                .await
                .map(|page| page.into_inner())
                .map_err(|e| ExportError::Api(e.to_string()))
        })))
    }

    async fn finish(&mut self) -> Result<types::ReportPage, ExportError> {
        let handle = self.0.take().expect("a prefetch is awaited once");
        match handle.await {
            Ok(page) => page,
            Err(e) => Err(ExportError::Api(format!("the page fetch stopped: {e}"))),
        }
    }
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        if let Some(handle) = self.0.take() {
            handle.abort();
        }
    }
}

/// SQLite column affinity for a JSON value.
fn affinity(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "INTEGER",
        Value::Number(n) if n.is_i64() || n.is_u64() => "INTEGER",
        Value::Number(_) => "REAL",
        _ => "TEXT",
    }
}

fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The key a row is upserted under: the first 128 bits, in hex, of the SHA-256 digest of the
/// row's JSON with its fields sorted by name (so field order does not matter). SHA-256 is fixed by
/// its standard, so the key of a row never changes with the Rust release, the platform or the
/// run (Rust's `DefaultHasher`, used before, is allowed to change between releases, which would
/// have written every row again after a toolchain upgrade).
///
/// ```
/// use serde_json::json;
/// let row = json!({"device": "LAPTOP-00001", "filesMissed": 1});
/// let reordered = json!({"filesMissed": 1, "device": "LAPTOP-00001"});
/// let key = dp_cli::export::row_key(row.as_object().unwrap());
/// assert_eq!(key, dp_cli::export::row_key(reordered.as_object().unwrap()));
/// assert_eq!(key.len(), 32);
/// ```
pub fn row_key(row: &Map<String, Value>) -> String {
    use std::fmt::Write as _;
    let sorted: BTreeMap<&String, &Value> = row.iter().collect();
    // Serializing maps of strings to JSON values cannot fail.
    let text = serde_json::to_vec(&sorted).unwrap_or_default();
    let digest = ring::digest::digest(&ring::digest::SHA256, &text);
    digest.as_ref()[..16]
        .iter()
        .fold(String::with_capacity(32), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

struct SqliteSink<'a> {
    db: &'a mut Connection,
    report: String,
    table: String,
    columns: HashMap<String, &'static str>,
    /// The columns of the last row written and its `INSERT` statement: rows of a report share
    /// their fields, so the statement is made once, not once per row.
    last_insert: (Vec<String>, String),
    /// Rows written in the transaction this sink opened and has not committed yet; `None` when
    /// no such transaction is open (none yet, or the caller's own transaction is in use).
    pending: Option<usize>,
}

impl<'a> SqliteSink<'a> {
    fn new(db: &'a mut Connection, report: &str) -> Result<Self, ExportError> {
        ensure_sync_table(db)?;
        let table = quote_ident(report);
        db.execute_batch(&format!(
            "CREATE TABLE IF NOT EXISTS {table} (_row_key TEXT PRIMARY KEY)"
        ))?;
        let mut columns = HashMap::new();
        {
            let mut stmt = db.prepare(&format!(
                "SELECT name, type FROM pragma_table_info('{}')",
                report
            ))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let name: String = r.get(0)?;
                let ty: String = r.get(1)?;
                let ty = match ty.as_str() {
                    "INTEGER" => "INTEGER",
                    "REAL" => "REAL",
                    _ => "TEXT",
                };
                columns.insert(name, ty);
            }
        }
        Ok(Self {
            db,
            report: report.to_string(),
            table,
            columns,
            last_insert: (Vec::new(), String::new()),
            pending: None,
        })
    }

    /// Opens a transaction unless one is open (ours, or the caller's: then the caller commits).
    fn begin(&mut self) -> Result<(), ExportError> {
        if self.pending.is_none() && self.db.is_autocommit() {
            self.db.execute_batch("BEGIN")?;
            self.pending = Some(0);
        }
        Ok(())
    }

    /// Commits the transaction this sink opened, if any.
    fn commit(&mut self) -> Result<(), ExportError> {
        if self.pending.take().is_some() {
            self.db.execute_batch("COMMIT")?;
        }
        Ok(())
    }

    fn write_page(&mut self, data: &[Map<String, Value>]) -> Result<(), ExportError> {
        self.begin()?;
        let tx = &*self.db;
        for row in data {
            for (k, v) in row {
                if !self.columns.contains_key(k) && !v.is_null() {
                    let ty = affinity(v);
                    tx.execute_batch(&format!(
                        "ALTER TABLE {} ADD COLUMN {} {ty}",
                        self.table,
                        quote_ident(k)
                    ))?;
                    self.columns.insert(k.clone(), ty);
                }
            }
            let fields: Vec<(&String, &Value)> = row
                .iter()
                .filter(|(k, _)| self.columns.contains_key(*k))
                .collect();
            let (last_names, sql) = &mut self.last_insert;
            if last_names.len() != fields.len()
                || last_names.iter().zip(&fields).any(|(a, (b, _))| a != *b)
            {
                *last_names = fields.iter().map(|(k, _)| (*k).clone()).collect();
                let names: Vec<String> = std::iter::once("_row_key".to_string())
                    .chain(fields.iter().map(|(k, _)| quote_ident(k)))
                    .collect();
                let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
                *sql = format!(
                    "INSERT OR REPLACE INTO {} ({}) VALUES ({})",
                    self.table,
                    names.join(", "),
                    marks.join(", ")
                );
            }
            let key = row_key(row);
            let values = std::iter::once(SqlValue::Key(&key))
                .chain(fields.iter().map(|(_, v)| SqlValue::Field(v)));
            tx.prepare_cached(sql)?
                .execute(rusqlite::params_from_iter(values))?;
        }
        if let Some(pending) = self.pending.as_mut() {
            *pending += data.len();
            if *pending >= ROWS_PER_TRANSACTION {
                self.commit()?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, last_sync: Option<&str>) -> Result<u64, ExportError> {
        self.begin()?;
        let count: i64 =
            self.db
                .query_row(&format!("SELECT COUNT(*) FROM {}", self.table), [], |r| {
                    r.get(0)
                })?;
        self.db.execute(
            "INSERT INTO _druva_sync (report, last_sync, rows, exported_at) VALUES (?1, ?2, ?3, CURRENT_TIMESTAMP)
             ON CONFLICT(report) DO UPDATE SET last_sync = COALESCE(excluded.last_sync, last_sync), rows = excluded.rows, exported_at = excluded.exported_at",
            rusqlite::params![self.report, last_sync, count],
        )?;
        self.commit()?;
        Ok(count as u64)
    }
}

impl Drop for SqliteSink<'_> {
    /// An export that stops early (an API error after the SDK's retries) keeps the rows it wrote:
    /// they are whole rows, and a rerun upserts them. Should the commit fail, the transaction is
    /// rolled back so that the caller's connection is never left inside it.
    fn drop(&mut self) {
        if self.pending.take().is_some() && self.db.execute_batch("COMMIT").is_err() {
            let _ = self.db.execute_batch("ROLLBACK");
        }
    }
}

/// A value bound to an `INSERT`: texts are borrowed from the decoded row, not copied.
enum SqlValue<'v> {
    /// The row key.
    Key(&'v str),
    /// A field of the row.
    Field(&'v Value),
}

impl rusqlite::ToSql for SqlValue<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value as V, ValueRef};
        let v = match self {
            SqlValue::Key(key) => return Ok(ToSqlOutput::Borrowed(ValueRef::Text(key.as_bytes()))),
            SqlValue::Field(v) => v,
        };
        Ok(match v {
            Value::Null => ToSqlOutput::Owned(V::Null),
            Value::Bool(b) => ToSqlOutput::Owned(V::Integer(i64::from(*b))),
            Value::Number(n) => ToSqlOutput::Owned(match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => V::Integer(i),
                (None, Some(f)) => V::Real(f),
                _ => V::Text(n.to_string()),
            }),
            Value::String(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            other => ToSqlOutput::Owned(V::Text(other.to_string())),
        })
    }
}

/// Makes a text cell safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`, `@`, tab
/// or carriage return would be run as a formula, so it gets a leading `'`.
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn csv_cell(v: &Value) -> std::borrow::Cow<'_, str> {
    match v {
        Value::Null => "".into(),
        Value::String(s) => neutralise_formula(s),
        Value::Number(n) => n.to_string().into(),
        Value::Bool(b) => if *b { "true" } else { "false" }.into(),
        other => neutralise_formula(&other.to_string()).into_owned().into(),
    }
}

struct CsvSink<'a> {
    writer: csv::Writer<&'a mut dyn Write>,
    header: Option<Vec<String>>,
    /// The header's names, to tell a row's extra fields at a glance.
    columns: std::collections::HashSet<String>,
}

impl<'a> CsvSink<'a> {
    fn new(out: &'a mut dyn Write) -> Self {
        Self {
            writer: csv::WriterBuilder::new().from_writer(out),
            header: None,
            columns: Default::default(),
        }
    }

    fn write_page(&mut self, data: &[Map<String, Value>]) -> Result<(), ExportError> {
        if self.header.is_none() && !data.is_empty() {
            let mut header: Vec<String> = Vec::new();
            for row in data {
                for k in row.keys() {
                    if !header.contains(k) {
                        header.push(k.clone());
                    }
                }
            }
            let mut record: Vec<String> = header
                .iter()
                .map(|h| neutralise_formula(h).into_owned())
                .collect();
            record.push("_extra".into());
            self.writer.write_record(&record)?;
            self.columns = header.iter().cloned().collect();
            self.header = Some(header);
        }
        let Some(header) = &self.header else {
            return Ok(());
        };
        for row in data {
            for h in header {
                match row.get(h) {
                    Some(v) => self.writer.write_field(csv_cell(v).as_bytes())?,
                    None => self.writer.write_field(b"")?,
                }
            }
            let extra: Map<String, Value> = row
                .iter()
                .filter(|(k, _)| !self.columns.contains(k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if extra.is_empty() {
                self.writer.write_field(b"")?;
            } else {
                let text = Value::Object(extra).to_string();
                self.writer
                    .write_field(neutralise_formula(&text).as_bytes())?;
            }
            self.writer.write_record(None::<&[u8]>)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), ExportError> {
        self.writer.flush().map_err(|e| ExportError::Csv(e.into()))
    }
}
