//! What `dp` prints: a table when stdout is a terminal, else JSON; `-o json|ndjson|csv|yaml|table`.
//!
//! Lists are streamed: `ndjson` writes one item per line as its page arrives, `json` writes one
//! array element at a time, `yaml` one sequence entry at a time, so memory stays bounded by one
//! page whatever the list's length. `csv` and `table` take their columns from the first
//! [`SAMPLE`] items (nested values are written as compact JSON); a later item with a field
//! none of those had is reported on stderr, never dropped silently.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use futures::{Stream, StreamExt};
use serde::Serialize;
use serde_json::Value;

use crate::exit::CliError;

/// How many items `csv` and `table` read before fixing their columns.
pub const SAMPLE: usize = 500;

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for people (the default on a terminal).
    Table,
    /// One JSON document (the default when stdout is not a terminal).
    Json,
    /// One JSON value per line.
    Ndjson,
    /// Comma-separated values with a header row.
    Csv,
    /// YAML.
    Yaml,
}

impl Format {
    /// Parses `-o`'s value.
    pub fn parse(name: &str) -> Result<Self, CliError> {
        Ok(match name {
            "table" => Format::Table,
            "json" => Format::Json,
            "ndjson" => Format::Ndjson,
            "csv" => Format::Csv,
            "yaml" => Format::Yaml,
            other => {
                return Err(CliError::usage(format!(
                    "unknown output format `{other}` (json, ndjson, csv, yaml, table)"
                )));
            }
        })
    }

    /// The names `-o` accepts.
    pub const NAMES: [&'static str; 5] = ["json", "ndjson", "csv", "yaml", "table"];
}

/// Where and how results are written.
pub struct Output {
    format: Format,
    out: Box<dyn Write + Send>,
    progress: bool,
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("format", &self.format)
            .field("progress", &self.progress)
            .finish_non_exhaustive()
    }
}

fn io(e: std::io::Error) -> CliError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        // The reader went away (`dp ... | head`): stop quietly.
        return CliError::new(crate::exit::Code::Ok, "the output was closed");
    }
    CliError::other(format!("cannot write the output: {e}"))
}

impl Output {
    /// Output to stdout in `format` (`None`: table on a terminal, else JSON); progress on stderr
    /// only when stderr is a terminal.
    pub fn stdout(format: Option<Format>) -> Self {
        let tty = std::io::stdout().is_terminal();
        let format = format.unwrap_or(if tty { Format::Table } else { Format::Json });
        Self {
            format,
            out: Box::new(std::io::LineWriter::new(std::io::stdout())),
            progress: std::io::stderr().is_terminal(),
        }
    }

    /// Output to `out` (tests), without progress.
    pub fn to_writer(format: Format, out: Box<dyn Write + Send>) -> Self {
        Self {
            format,
            out,
            progress: false,
        }
    }

    /// The format in use.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Whether progress may be drawn on stderr.
    pub fn progress(&self) -> bool {
        self.progress
    }

    /// Writes `text` as it is (a template, a completion script).
    pub fn raw(&mut self, text: &str) -> Result<(), CliError> {
        self.out.write_all(text.as_bytes()).map_err(io)?;
        self.out.flush().map_err(io)
    }

    /// Prints one serialisable value.
    pub fn print<T: Serialize>(&mut self, value: &T) -> Result<(), CliError> {
        let value = serde_json::to_value(value)
            .map_err(|e| CliError::other(format!("cannot encode the answer: {e}")))?;
        self.print_value(&value)
    }

    /// Prints one JSON value in the output format.
    pub fn print_value(&mut self, value: &Value) -> Result<(), CliError> {
        match self.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut self.out, value)
                    .map_err(|e| CliError::other(e.to_string()))?;
                writeln!(self.out).map_err(io)?;
            }
            Format::Ndjson => match value {
                Value::Array(items) => {
                    for item in items {
                        self.line(item)?;
                    }
                }
                v => self.line(v)?,
            },
            Format::Yaml => {
                let text =
                    yaml_serde::to_string(value).map_err(|e| CliError::other(e.to_string()))?;
                self.out.write_all(text.as_bytes()).map_err(io)?;
            }
            Format::Csv | Format::Table => {
                let rows: Vec<Value> = match value {
                    Value::Array(items) => items.clone(),
                    Value::Object(map) if self.format == Format::Table => map
                        .iter()
                        .map(|(k, v)| serde_json::json!({"field": k, "value": v}))
                        .collect(),
                    v => vec![v.clone()],
                };
                let mut t = Tabular::new(self.format);
                for row in rows {
                    t.push(row, &mut self.out)?;
                }
                t.finish(&mut self.out)?;
            }
        }
        self.out.flush().map_err(io)
    }

    fn line(&mut self, value: &Value) -> Result<(), CliError> {
        serde_json::to_writer(&mut self.out, value).map_err(|e| CliError::other(e.to_string()))?;
        writeln!(self.out).map_err(io)
    }

    /// Prints a call's typed answer.
    pub fn value<T: Serialize>(
        &mut self,
        answer: progenitor_client::ResponseValue<T>,
    ) -> Result<(), CliError> {
        self.print(&answer.into_inner())
    }

    /// A call without a body: prints nothing but a count header (`Actifio-Count`), if any.
    pub fn unit(&mut self, answer: progenitor_client::ResponseValue<()>) -> Result<(), CliError> {
        if let Some(count) = mgmt_sdk::actifio_count(answer.headers()) {
            return self.print_count(count);
        }
        Ok(())
    }

    /// Writes a raw answer to stdout as it arrives.
    pub async fn bytes(
        &mut self,
        answer: progenitor_client::ResponseValue<progenitor_client::ByteStream>,
    ) -> Result<(), CliError> {
        let mut stream = answer.into_inner().into_inner();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| CliError::other(format!("reading the answer: {e}")))?;
            self.out.write_all(&chunk).map_err(io)?;
        }
        self.out.flush().map_err(io)
    }

    /// Prints the total of a HEAD count.
    pub fn count<E>(&mut self, count: Result<u64, E>) -> Result<(), CliError>
    where
        CliError: From<E>,
    {
        let n = count.map_err(CliError::from)?;
        self.print_count(n)
    }

    fn print_count(&mut self, n: u64) -> Result<(), CliError> {
        match self.format {
            Format::Table | Format::Csv => {
                if self.format == Format::Csv {
                    writeln!(self.out, "count").map_err(io)?;
                }
                writeln!(self.out, "{n}").map_err(io)?;
                self.out.flush().map_err(io)
            }
            _ => self.print_value(&serde_json::json!({ "count": n })),
        }
    }

    /// Counts the items of a list by walking it (memory: one page).
    pub async fn count_stream<T, E, S>(&mut self, stream: S) -> Result<(), CliError>
    where
        S: Stream<Item = Result<T, E>>,
        CliError: From<E>,
    {
        let mut stream = std::pin::pin!(stream);
        let mut n = 0u64;
        let progress = Progress::new(self.progress, "counting");
        while let Some(item) = stream.next().await {
            item.map_err(CliError::from)?;
            n += 1;
            progress.tick(n);
        }
        progress.done();
        self.print_count(n)
    }

    /// Prints every item of a list as it streams in, stopping after `limit` items if given.
    pub async fn stream<T, E, S>(&mut self, stream: S, limit: Option<u64>) -> Result<(), CliError>
    where
        T: Serialize,
        S: Stream<Item = Result<T, E>>,
        CliError: From<E>,
    {
        let mut stream = std::pin::pin!(stream);
        let mut n = 0u64;
        let progress = Progress::new(self.progress, "listing");
        let mut table = Tabular::new(self.format);
        if self.format == Format::Json {
            write!(self.out, "[").map_err(io)?;
        }
        while limit.is_none_or(|l| n < l) {
            let Some(item) = stream.next().await else {
                break;
            };
            let item = item.map_err(CliError::from)?;
            let value = serde_json::to_value(&item)
                .map_err(|e| CliError::other(format!("cannot encode an item: {e}")))?;
            match self.format {
                Format::Json => {
                    if n > 0 {
                        write!(self.out, ",").map_err(io)?;
                    }
                    let text = serde_json::to_string_pretty(&value)
                        .map_err(|e| CliError::other(e.to_string()))?;
                    write!(self.out, "\n  {}", text.replace('\n', "\n  ")).map_err(io)?;
                }
                Format::Ndjson => self.line(&value)?,
                Format::Yaml => {
                    let text = yaml_serde::to_string(&[&value])
                        .map_err(|e| CliError::other(e.to_string()))?;
                    self.out.write_all(text.as_bytes()).map_err(io)?;
                }
                Format::Csv | Format::Table => table.push(value, &mut self.out)?,
            }
            n += 1;
            progress.tick(n);
        }
        progress.done();
        match self.format {
            Format::Json => writeln!(self.out, "{}]", if n > 0 { "\n" } else { "" }).map_err(io)?,
            Format::Yaml if n == 0 => writeln!(self.out, "[]").map_err(io)?,
            Format::Csv | Format::Table => table.finish(&mut self.out)?,
            _ => {}
        }
        self.out.flush().map_err(io)
    }
}

/// A spinner on stderr that appears only when the work lasts more than a second.
pub struct Progress {
    enabled: bool,
    started: Instant,
    what: &'static str,
    bar: std::sync::OnceLock<indicatif::ProgressBar>,
}

impl Progress {
    /// A spinner for `what` (`listing`...), drawn only if `enabled`.
    pub fn new(enabled: bool, what: &'static str) -> Self {
        Self {
            enabled,
            started: Instant::now(),
            what,
            bar: std::sync::OnceLock::new(),
        }
    }

    /// Reports `n` items so far.
    pub fn tick(&self, n: u64) {
        self.message(&format!("{n} items"));
    }

    /// Shows `text` (after the first second of work).
    pub fn message(&self, text: &str) {
        if !self.enabled || self.started.elapsed() < Duration::from_secs(1) {
            return;
        }
        let bar = self.bar.get_or_init(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        bar.set_message(format!("{}: {text}", self.what));
    }

    /// Removes the spinner.
    pub fn done(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

/// `csv` and `table` rows: columns from the first [`SAMPLE`] rows, then streamed.
struct Tabular {
    format: Format,
    sample: Vec<Value>,
    columns: Option<Vec<String>>,
    widths: Vec<usize>,
    left_out: std::collections::BTreeSet<String>,
}

/// The longest cell a table shows (a longer one is cut; `-o json` has every byte).
const CELL: usize = 60;

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

fn keys(value: &Value) -> Vec<String> {
    match value {
        Value::Object(map) => map.keys().cloned().collect(),
        _ => vec!["value".into()],
    }
}

fn get<'a>(value: &'a Value, column: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) => map.get(column),
        v if column == "value" => Some(v),
        _ => None,
    }
}

impl Tabular {
    fn new(format: Format) -> Self {
        Self {
            format,
            sample: Vec::new(),
            columns: None,
            widths: Vec::new(),
            left_out: Default::default(),
        }
    }

    fn push(&mut self, row: Value, out: &mut dyn Write) -> Result<(), CliError> {
        if self.columns.is_some() {
            return self.write_row(&row, out);
        }
        self.sample.push(row);
        if self.sample.len() >= SAMPLE {
            self.fix_columns(out)?;
        }
        Ok(())
    }

    fn fix_columns(&mut self, out: &mut dyn Write) -> Result<(), CliError> {
        let mut columns: Vec<String> = Vec::new();
        for row in &self.sample {
            for k in keys(row) {
                if !columns.contains(&k) {
                    columns.push(k);
                }
            }
        }
        self.widths = columns
            .iter()
            .map(|c| {
                self.sample
                    .iter()
                    .map(|r| cell(get(r, c)).chars().count().min(CELL))
                    .max()
                    .unwrap_or(0)
                    .max(c.chars().count())
            })
            .collect();
        self.columns = Some(columns.clone());
        self.write_cells(&columns, out)?;
        for row in std::mem::take(&mut self.sample) {
            self.write_row(&row, out)?;
        }
        Ok(())
    }

    fn write_row(&mut self, row: &Value, out: &mut dyn Write) -> Result<(), CliError> {
        let columns = self.columns.clone().unwrap_or_default();
        for k in keys(row) {
            if !columns.contains(&k) && get(row, &k).is_some_and(|v| !v.is_null()) {
                self.left_out.insert(k);
            }
        }
        let cells: Vec<String> = columns.iter().map(|c| cell(get(row, c))).collect();
        self.write_cells(&cells, out)
    }

    fn write_cells(&self, cells: &[String], out: &mut dyn Write) -> Result<(), CliError> {
        match self.format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record(cells)
                    .map_err(|e| CliError::other(e.to_string()))?;
                let bytes = w.into_inner().map_err(|e| CliError::other(e.to_string()))?;
                out.write_all(&bytes).map_err(io)
            }
            _ => {
                let mut line = String::new();
                for (i, c) in cells.iter().enumerate() {
                    let width = self.widths.get(i).copied().unwrap_or(0);
                    let mut text: String = c
                        .chars()
                        .map(|ch| if ch.is_control() { ' ' } else { ch })
                        .collect();
                    if text.chars().count() > CELL {
                        text = format!("{}…", text.chars().take(CELL - 1).collect::<String>());
                    }
                    let pad = width.saturating_sub(text.chars().count());
                    line.push_str(&text);
                    if i + 1 < cells.len() {
                        line.push_str(&" ".repeat(pad + 2));
                    }
                }
                writeln!(out, "{}", line.trim_end()).map_err(io)
            }
        }
    }

    fn finish(&mut self, out: &mut dyn Write) -> Result<(), CliError> {
        if self.columns.is_none() && !self.sample.is_empty() {
            self.fix_columns(out)?;
        }
        if !self.left_out.is_empty() {
            let names: Vec<&str> = self.left_out.iter().map(String::as_str).collect();
            eprintln!(
                "warning: fields first seen after the first {SAMPLE} items are not in the columns: {} (use -o json or -o ndjson for every field)",
                names.join(", ")
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);
    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    async fn listed(format: Format, limit: Option<u64>) -> String {
        let buf = Buf::default();
        let mut out = Output::to_writer(format, Box::new(buf.clone()));
        let items = futures::stream::iter((1..=3).map(|i| {
            Ok::<_, CliError>(serde_json::json!({"id": i, "name": format!("n,{i}"), "tags": [i]}))
        }));
        out.stream(items, limit).await.unwrap();
        String::from_utf8(buf.0.lock().unwrap().clone()).unwrap()
    }

    #[tokio::test]
    async fn every_format_streams_a_list() {
        let json = listed(Format::Json, None).await;
        let parsed: Vec<Value> = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed.len(), 3);
        assert_eq!(listed(Format::Ndjson, Some(2)).await.lines().count(), 2);
        let csv = listed(Format::Csv, None).await;
        assert_eq!(csv.lines().next(), Some("id,name,tags"));
        assert!(csv.contains("1,\"n,1\",[1]"), "{csv}");
        let yaml = listed(Format::Yaml, None).await;
        let back: Vec<Value> = yaml_serde::from_str(&yaml).unwrap();
        assert_eq!(back.len(), 3);
        let table = listed(Format::Table, Some(1)).await;
        assert_eq!(table, "id  name  tags\n1   n,1   [1]\n");
        assert_eq!(listed(Format::Json, Some(0)).await.trim(), "[]");
    }
}
