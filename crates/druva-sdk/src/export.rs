//! Report export to SQLite and CSV (feature `export`): the seed's use case of fetching Druva
//! report data into a local database for BI tools, or into a spreadsheet.
//!
//! [`export_report`] pages through every page of a report with the SDK's stream (tokens renewed
//! on expiry), holding one page in memory at a time, and writes each row:
//! - to SQLite: one table per report (named after the report id), one column per row field,
//!   typed `INTEGER`/`REAL`/`TEXT` from the first value seen, new fields added as they appear;
//!   each row is keyed by a hash of its content, so a rerun upserts instead of duplicating; the
//!   report's `lastSyncTimestamp` is kept in the `_druva_sync` table so the next run can ask only
//!   for what changed ([`last_sync`]);
//! - to CSV: a header from the first page's fields (fields that appear later go, as JSON, into
//!   an `_extra` column), RFC 4180 quoting, and text cells that a spreadsheet would run as a
//!   formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) prefixed with `'`.
//!
//! ```no_run
//! # async fn demo(client: druva_sdk::Client) -> Result<(), druva_sdk::export::ExportError> {
//! use druva_sdk::export::{ExportTarget, export_report};
//! let mut db = druva_sdk::export::rusqlite::Connection::open("estate.db")?;
//! let target = ExportTarget { sqlite: Some(&mut db), csv: None };
//! let summary = export_report(&client, "epLastBackupStatus", Some("2026-01-01T00:00:00Z"), target, |_| {}).await?;
//! println!("{} rows in {} pages", summary.rows, summary.pages);
//! # Ok(())
//! # }
//! ```

pub use rusqlite;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::io::Write;

use rusqlite::Connection;
use serde_json::{Map, Value};

use crate::types;

/// Rows per page requested (the API's maximum).
pub const PAGE_SIZE: i64 = 500;

/// What went wrong during an export.
#[derive(Debug)]
#[non_exhaustive]
pub enum ExportError {
    /// The report id is not a plain identifier (letters and digits), so it cannot name a table.
    InvalidReportId(String),
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
            ExportError::InvalidReportId(_) | ExportError::Api(_) => None,
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

/// Exports every row of `report_id` updated at or after `since` (a UTC date-time such as
/// `2026-01-01T00:00:00Z`; without it the API returns the last 24 hours) into `target`, calling
/// `progress` after every page.
pub async fn export_report(
    client: &crate::Client,
    report_id: &str,
    since: Option<&str>,
    target: ExportTarget<'_>,
    mut progress: impl FnMut(Progress),
) -> Result<ExportSummary, ExportError> {
    if report_id.is_empty() || !report_id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ExportError::InvalidReportId(report_id.to_string()));
    }
    let mut filters = types::ReportFilters::builder().page_size(PAGE_SIZE);
    if let Some(since) = since {
        let filter = types::ReportFilter::builder()
            .field_name("lastUpdatedTime")
            .operator(types::ReportFilterOperator::Gte)
            .value(since.to_string());
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

    // Page by page (not the row stream) so that each page is one SQLite transaction and the
    // page's `lastSyncTimestamp` is seen; the walk ends as the SDK's streams do: on an empty
    // token, an empty page or a token seen before.
    let mut token: Option<String> = None;
    let mut seen = std::collections::HashSet::new();
    loop {
        let mut request = client
            .get_report_data()
            .version("v1")
            .report_id(report_id)
            .body(body.clone());
        if let Some(t) = token.clone() {
            request = request.body_map(move |b| b.page_token(t));
        }
        let page = request
            .send()
            .await
            .map_err(|e| ExportError::Api(e.to_string()))?
            .into_inner();
        pages += 1;
        if page.last_sync_timestamp.is_some() {
            last_sync = page.last_sync_timestamp.clone();
        }
        let data: Vec<Map<String, Value>> = page
            .data
            .unwrap_or_default()
            .into_iter()
            .map(|r| r.0)
            .collect();
        if let Some(sink) = sqlite.as_mut() {
            sink.write_page(&data)?;
        }
        if let Some(sink) = csv.as_mut() {
            sink.write_page(&data)?;
        }
        rows += data.len() as u64;
        progress(Progress { rows, pages });
        let next = page.next_page_token.filter(|t| !t.is_empty());
        match next {
            Some(t) if !data.is_empty() && seen.insert(t.clone()) => token = Some(t),
            _ => break,
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

/// A stable key of a row's content (field order does not matter).
fn row_key(row: &Map<String, Value>) -> String {
    let sorted: BTreeMap<&String, &Value> = row.iter().collect();
    let text = serde_json::to_string(&sorted).unwrap_or_default();
    let mut a = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut a);
    let mut b = std::collections::hash_map::DefaultHasher::new();
    (text.len(), &text).hash(&mut b);
    format!("{:016x}{:016x}", a.finish(), b.finish())
}

struct SqliteSink<'a> {
    db: &'a mut Connection,
    report: String,
    table: String,
    columns: HashMap<String, &'static str>,
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
        })
    }

    fn write_page(&mut self, data: &[Map<String, Value>]) -> Result<(), ExportError> {
        let tx = self.db.transaction()?;
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
            let names: Vec<String> = std::iter::once("_row_key".to_string())
                .chain(fields.iter().map(|(k, _)| quote_ident(k)))
                .collect();
            let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
            let sql = format!(
                "INSERT OR REPLACE INTO {} ({}) VALUES ({})",
                self.table,
                names.join(", "),
                marks.join(", ")
            );
            let mut values: Vec<rusqlite::types::Value> =
                vec![rusqlite::types::Value::Text(row_key(row))];
            values.extend(fields.iter().map(|(_, v)| sql_value(v)));
            tx.prepare_cached(&sql)?
                .execute(rusqlite::params_from_iter(values))?;
        }
        tx.commit()?;
        Ok(())
    }

    fn finish(&mut self, last_sync: Option<&str>) -> Result<u64, ExportError> {
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
        Ok(count as u64)
    }
}

fn sql_value(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Null => V::Null,
        Value::Bool(b) => V::Integer(i64::from(*b)),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => V::Integer(i),
            (None, Some(f)) => V::Real(f),
            _ => V::Text(n.to_string()),
        },
        Value::String(s) => V::Text(s.clone()),
        other => V::Text(other.to_string()),
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

fn csv_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => neutralise_formula(s).into_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => neutralise_formula(&other.to_string()).into_owned(),
    }
}

struct CsvSink<'a> {
    writer: csv::Writer<&'a mut dyn Write>,
    header: Option<Vec<String>>,
}

impl<'a> CsvSink<'a> {
    fn new(out: &'a mut dyn Write) -> Self {
        Self {
            writer: csv::WriterBuilder::new().from_writer(out),
            header: None,
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
            self.header = Some(header);
        }
        let Some(header) = &self.header else {
            return Ok(());
        };
        for row in data {
            let mut record: Vec<String> = header
                .iter()
                .map(|h| row.get(h).map(csv_cell).unwrap_or_default())
                .collect();
            let extra: Map<String, Value> = row
                .iter()
                .filter(|(k, _)| !header.contains(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            record.push(if extra.is_empty() {
                String::new()
            } else {
                neutralise_formula(&Value::Object(extra).to_string()).into_owned()
            });
            self.writer.write_record(&record)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), ExportError> {
        self.writer.flush().map_err(|e| ExportError::Csv(e.into()))
    }
}
