//! Report export to SQLite and CSV against the Druva simulator: every page, idempotent reruns,
//! incremental runs, token expiry mid-export, and CSV cells that must not break a spreadsheet.

use std::time::Duration;

use dp_cli::export::{ExportTarget, export_report, last_sync, rusqlite::Connection};
use druva_sdk::{Client, DruvaCredentials, HttpOptions, RetryPolicy};
use sdk_tests::sim::druva::{DruvaSim, DruvaSimConfig, HOSTILE_REPORT};

async fn start(rows: usize) -> (DruvaSim, Client) {
    let config = DruvaSimConfig {
        report_rows: rows,
        ..DruvaSimConfig::default()
    };
    let credentials = DruvaCredentials::new(config.client_id.clone(), config.secret_key.clone());
    let sim = DruvaSim::start(config).await.expect("simulator");
    let options = HttpOptions::default()
        .with_retry(RetryPolicy::default().with_base_delay(Duration::from_millis(1)));
    let client = Client::login_with(sim.url(), credentials, options)
        .await
        .expect("token");
    (sim, client)
}

fn count(db: &Connection, table: &str) -> i64 {
    db.query_row(&format!("SELECT COUNT(*) FROM \"{table}\""), [], |r| {
        r.get(0)
    })
    .expect("count")
}

#[tokio::test]
async fn a_rerun_upserts_instead_of_duplicating() {
    let (_sim, client) = start(2_345).await;
    let mut db = Connection::open_in_memory().expect("db");
    for _ in 0..2 {
        let target = ExportTarget {
            sqlite: Some(&mut db),
            csv: None,
        };
        let summary = export_report(&client, "epLastBackupStatus", None, target, |_| {})
            .await
            .expect("export");
        assert_eq!(
            (summary.rows, summary.pages, summary.table_rows),
            (2_345, 5, Some(2_345))
        );
    }
    assert_eq!(
        count(&db, "epLastBackupStatus"),
        2_345,
        "the second run added no row"
    );
    // Columns are typed from the values.
    let ty: String = db
        .query_row(
            "SELECT type FROM pragma_table_info('epLastBackupStatus') WHERE name = 'filesBackedUp'",
            [],
            |r| r.get(0),
        )
        .expect("column");
    assert_eq!(ty, "INTEGER");
    assert_eq!(
        last_sync(&db, "epLastBackupStatus")
            .expect("sync")
            .as_deref(),
        Some("2026-01-28T23:59:00Z")
    );
}

#[tokio::test]
async fn since_fetches_only_newer_rows() {
    let (sim, client) = start(2_345).await;
    let mut db = Connection::open_in_memory().expect("db");
    let target = ExportTarget {
        sqlite: Some(&mut db),
        csv: None,
    };
    let summary = export_report(
        &client,
        "epLastBackupStatus",
        Some("2026-01-27T00:00:00Z"),
        target,
        |_| {},
    )
    .await
    .expect("export");
    assert!(summary.rows > 0 && summary.rows < 2_345, "{summary:?}");
    let body = sim
        .wire()
        .records()
        .last()
        .and_then(|r| r.body.clone())
        .expect("body");
    assert_eq!(body["filters"]["filterBy"][0]["operator"], "GTE");
    let older: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM epLastBackupStatus WHERE lastUpdatedTime < '2026-01-27'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(older, 0);
}

#[tokio::test]
async fn a_token_that_expires_mid_export_loses_no_row() {
    let (sim, client) = start(2_345).await;
    let mut db = Connection::open_in_memory().expect("db");
    let target = ExportTarget {
        sqlite: Some(&mut db),
        csv: None,
    };
    let summary = export_report(&client, "epLastBackupStatus", None, target, |p| {
        if p.pages == 2 {
            sim.expire_tokens();
        }
    })
    .await
    .expect("export");
    assert_eq!(summary.rows, 2_345);
    assert_eq!(count(&db, "epLastBackupStatus"), 2_345);
    assert_eq!(
        sim.token_requests(),
        2,
        "one token at start, one after the expiry"
    );
}

#[tokio::test]
async fn csv_quotes_hostile_values_and_neutralises_formulas() {
    let (_sim, client) = start(16).await;
    let mut out: Vec<u8> = Vec::new();
    let target = ExportTarget {
        sqlite: None,
        csv: Some(&mut out),
    };
    let summary = export_report(&client, HOSTILE_REPORT, None, target, |_| {})
        .await
        .expect("export");
    assert_eq!(summary.rows, 16);
    let text = String::from_utf8(out.clone()).expect("utf-8");
    insta::assert_snapshot!(
        "export_hostile_cells_csv",
        text.lines().take(10).collect::<Vec<_>>().join("\n")
    );

    // A CSV reader gets back exactly the cells, neutralised where a spreadsheet would run them.
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header = reader.headers().expect("header").clone();
    let note = header
        .iter()
        .position(|h| h == "note")
        .expect("note column");
    let bytes = header
        .iter()
        .position(|h| h == "bytes")
        .expect("bytes column");
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(records.len(), 16);
    let notes: Vec<&str> = records.iter().map(|r| &r[note]).collect();
    assert_eq!(notes[0], "plain, with a comma");
    assert_eq!(notes[1], "say \"hi\"");
    assert_eq!(notes[2], "two\nlines");
    for cell in notes.iter().filter(|c| !c.starts_with(['p', 's', 't'])) {
        assert!(cell.starts_with('\''), "{cell:?} is neutralised");
    }
    // Numbers stay numbers: -1 is not text a spreadsheet would evaluate.
    assert_eq!(&records[1][bytes], "-1");
}

/// `dp druva report export ...`'s matches of `args`.
fn export_args(args: &[&str]) -> Result<dp_cli::report::ExportArgs, String> {
    let matches = dp_cli::report::command()
        .try_get_matches_from(["report", "export"].iter().chain(args))
        .map_err(|e| e.to_string())?;
    let (_, m) = matches.subcommand().expect("export");
    dp_cli::report::args(m).map_err(|e| e.to_string())
}

#[tokio::test]
async fn the_command_exports_sqlite_and_csv() {
    let (_sim, client) = start(2_345).await;
    let dir = std::env::temp_dir().join(format!("dp-report-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let db = dir.join("estate.db");
    let csv = dir.join("out.csv");
    let args = export_args(&[
        "--report",
        "epLastBackupStatus",
        "--since",
        "2026-01-01",
        "--sqlite",
        db.to_str().expect("path"),
        "--csv",
        csv.to_str().expect("path"),
    ])
    .expect("arguments");
    let mut progress = Vec::new();
    let summary = dp_cli::report::run(&client, &args, &mut progress)
        .await
        .expect("export");
    assert!(
        summary.contains(
            "epLastBackupStatus: 2345 rows in 5 pages updated since 2026-01-01T00:00:00Z"
        ),
        "{summary}"
    );
    let csv_lines = std::fs::read_to_string(&csv).expect("csv").lines().count();
    assert_eq!(csv_lines, 2_346, "a header and every row");
    // --incremental reads the recorded lastSyncTimestamp back from the database.
    let again = export_args(&[
        "--report",
        "epLastBackupStatus",
        "--incremental",
        "--sqlite",
        db.to_str().expect("path"),
    ])
    .expect("arguments");
    let summary = dp_cli::report::run(&client, &again, &mut progress)
        .await
        .expect("incremental export");
    assert!(summary.contains("updated since"), "{summary}");
    assert!(summary.contains("table holds 2345 rows"), "{summary}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn row_keys_do_not_depend_on_the_rust_release() {
    // A fixed digest: if this changes, every existing export database would get every row a
    // second time on its next run. SHA-256 of `{"device":"LAPTOP-00001","filesMissed":1}`.
    let row = serde_json::json!({"filesMissed": 1, "device": "LAPTOP-00001"});
    assert_eq!(
        dp_cli::export::row_key(row.as_object().expect("object")),
        ROW_KEY_OF_THE_SAMPLE
    );
}

/// The first 16 bytes of `printf '{"device":"LAPTOP-00001","filesMissed":1}' | sha256sum`.
const ROW_KEY_OF_THE_SAMPLE: &str = "c2c41d54e45b3a0108bd144b88308bb6";

#[tokio::test]
async fn an_export_that_fails_midway_keeps_the_rows_it_wrote_and_no_open_transaction() {
    let (sim, client) = start(5_000).await;
    let mut db = Connection::open_in_memory().expect("db");
    let mut written = 0;
    let target = ExportTarget {
        sqlite: Some(&mut db),
        csv: None,
    };
    let result = export_report(&client, "epLastBackupStatus", None, target, |p| {
        written = p.rows;
        if p.pages == 2 {
            // Not transient: no retry, the export stops at the next page fetched.
            sim.inject_failures(500, 10, None);
        }
    })
    .await;
    let error = result.expect_err("the export fails on the broken page");
    assert!(
        matches!(error, dp_cli::export::ExportError::Api(_)),
        "{error}"
    );
    assert!(
        (1_000..5_000).contains(&written),
        "pages before the failure were written: {written}"
    );
    assert!(db.is_autocommit(), "no transaction is left open");
    assert_eq!(
        count(&db, "epLastBackupStatus"),
        written as i64,
        "every row reported written is in the table"
    );
}

#[tokio::test]
async fn a_transaction_the_caller_opened_is_left_to_the_caller() {
    let (_sim, client) = start(1_200).await;
    let mut db = Connection::open_in_memory().expect("db");
    db.execute_batch("BEGIN").expect("begin");
    let target = ExportTarget {
        sqlite: Some(&mut db),
        csv: None,
    };
    let summary = export_report(&client, "epLastBackupStatus", None, target, |_| {})
        .await
        .expect("export");
    assert_eq!(summary.table_rows, Some(1_200));
    assert!(
        !db.is_autocommit(),
        "the caller's transaction is still open"
    );
    db.execute_batch("ROLLBACK").expect("rollback");
    let tables: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'epLastBackupStatus'",
            [],
            |r| r.get(0),
        )
        .expect("tables");
    assert_eq!(tables, 0, "the caller's rollback undid the whole export");
}

#[test]
fn a_since_that_is_not_a_date_is_refused_before_anything_is_fetched() {
    for bad in [
        "2026-13-01",
        "yesterday",
        "2026-01-01T25:00:00Z",
        "2026-01-01 08:00",
    ] {
        let error = export_args(&[
            "--report",
            "epLastBackupStatus",
            "--since",
            bad,
            "--csv",
            "out.csv",
        ])
        .expect_err(bad);
        assert!(error.contains("--since") && error.contains(bad), "{error}");
    }
    let args = export_args(&[
        "--report",
        "epLastBackupStatus",
        "--since",
        "2026-01-01T09:30:00+01:00",
        "--csv",
        "out.csv",
    ])
    .expect("an RFC 3339 date-time with an offset");
    assert_eq!(args.since.as_deref(), Some("2026-01-01T08:30:00Z"));
    assert!(
        export_args(&["--report", "epLastBackupStatus"]).is_err(),
        "nothing to write"
    );
}
