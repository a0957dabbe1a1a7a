//! The `dp` binary end to end against the bundled simulators: generated commands of each
//! vendor, the verbs, every output format, profiles with a secret from the environment, and the
//! exit codes.

use std::path::PathBuf;
use std::time::Duration;

use sdk_tests::sim::ddmc::DdmcSimConfig;
use sdk_tests::sim::druva::DruvaSimConfig;
use sdk_tests::sim::mgmt::{JobOutcome, MgmtAuthMode, MgmtSimConfig};
use sdk_tests::simulators::Simulators;

/// A password no output may ever show.
const CANARY: &str = "Canary-Secret-5e1f9";

struct Env {
    sims: Simulators,
    dir: PathBuf,
    vars: Vec<(&'static str, String)>,
}

/// What one run printed and how it exited.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn assert_no_secret(&self) -> &Self {
        for (what, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            for secret in [CANARY, "sim-google-token-9f1c", "Sim-Druva-secret-7Q"] {
                assert!(!text.contains(secret), "{what} shows a secret: {text}");
            }
        }
        self
    }
}

async fn env(name: &str) -> Env {
    env_with(name, MgmtSimConfig::default()).await
}

async fn env_with(name: &str, mgmt: MgmtSimConfig) -> Env {
    let ddmc = DdmcSimConfig {
        password: CANARY.into(),
        ..DdmcSimConfig::default()
    };
    let druva = DruvaSimConfig {
        insync_events: 30,
        insync_events_per_page: 10,
        ..DruvaSimConfig::default()
    };
    let sims = Simulators::start_with(ddmc, mgmt, druva)
        .await
        .expect("simulators");
    let dir = std::env::temp_dir().join(format!("dp-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let vars = sims.write_env(&dir.join("config.toml")).expect("config");
    Env { sims, dir, vars }
}

impl Env {
    async fn dp(&self, args: &[&str]) -> Run {
        self.dp_with(args, &[]).await
    }

    async fn dp_with(&self, args: &[&str], extra: &[(&str, &str)]) -> Run {
        self.dp_full(args, extra, None).await
    }

    async fn dp_full(&self, args: &[&str], extra: &[(&str, &str)], stdin: Option<&str>) -> Run {
        let mut cmd = assert_cmd::Command::cargo_bin("dp").expect("the dp binary");
        for var in [
            "DP_PROFILE",
            "DP_URL",
            "DP_USER",
            "DP_SECRET",
            "DP_AUTH",
            "DP_CA_FILE",
            "DP_CERT_SHA256",
            "DP_ACCEPT_INVALID_CERTS",
            "DP_IMPERSONATE",
        ] {
            cmd.env_remove(var);
        }
        for (k, v) in &self.vars {
            cmd.env(k, v);
        }
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd.args(args).timeout(Duration::from_secs(60));
        if let Some(input) = stdin {
            cmd.write_stdin(input.to_string());
        }
        let out = tokio::task::spawn_blocking(move || cmd.output().expect("dp runs"))
            .await
            .expect("join");
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
        };
        run.assert_no_secret();
        run
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn json(run: &Run) -> serde_json::Value {
    assert_eq!(run.code, 0, "{run:?}");
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {run:?}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_generated_command_of_each_vendor_walks_every_page() {
    let e = env("generated").await;
    let systems = json(
        &e.dp(&["-p", "sim-ddmc", "ddmc", "dd-systems", "list-dd-systems"])
            .await,
    );
    let systems = systems.as_array().expect("an array");
    assert!(!systems.is_empty());
    let id = systems[0]["id"].as_str().expect("system id").to_string();
    let mtrees = json(
        &e.dp(&[
            "-p",
            "sim-ddmc",
            "ddmc",
            "mtrees",
            "list-mtrees",
            "--system-id",
            &id,
        ])
        .await,
    );
    let count = e
        .dp(&[
            "-p",
            "sim-ddmc",
            "ddmc",
            "mtrees",
            "list-mtrees",
            "--system-id",
            &id,
            "--count",
        ])
        .await;
    assert_eq!(json(&count)["count"], mtrees.as_array().unwrap().len());

    // The console: HEAD count, and --limit stops the walk early.
    let count = json(
        &e.dp(&[
            "-p",
            "sim-mgmt",
            "mgmt",
            "applications",
            "list-applications",
            "--count",
        ])
        .await,
    );
    assert_eq!(count["count"], 2500);
    let first = e
        .dp(&[
            "-p",
            "sim-mgmt",
            "mgmt",
            "applications",
            "list-applications",
            "--limit",
            "3",
            "-o",
            "ndjson",
        ])
        .await;
    assert_eq!(first.code, 0, "{first:?}");
    assert_eq!(first.stdout.lines().count(), 3);

    // Druva, as CSV.
    let csv = e
        .dp(&[
            "-p",
            "sim-druva",
            "druva",
            "insync",
            "list-device-mappings",
            "-o",
            "csv",
        ])
        .await;
    assert_eq!(csv.code, 0, "{csv:?}");
    insta::assert_snapshot!("druva_device_mappings_csv", csv.stdout);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_output_format() {
    let e = env("formats").await;
    let base = [
        "-p",
        "sim-druva",
        "druva",
        "insync",
        "list-device-mappings",
        "-o",
    ];
    let run = |f: &'static str| {
        let mut args = base.to_vec();
        args.push(f);
        args
    };
    let json_out = json(&e.dp(&run("json")).await);
    let n = json_out.as_array().expect("array").len();
    assert_eq!(n, 9);
    let nd = e.dp(&run("ndjson")).await;
    assert_eq!(nd.stdout.lines().count(), n);
    for line in nd.stdout.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("one JSON value per line");
    }
    let yaml = e.dp(&run("yaml")).await;
    let back: serde_json::Value = yaml_serde::from_str(&yaml.stdout).expect("YAML");
    assert_eq!(back, json_out);
    let table = e.dp(&run("table")).await;
    let mut lines = table.stdout.lines();
    assert!(
        lines.next().unwrap().starts_with("deviceIdentifier"),
        "{table:?}"
    );
    assert_eq!(lines.count(), n);
    // A single object as a table: one field per line.
    let one = e
        .dp(&[
            "-p",
            "sim-ddmc",
            "ddmc",
            "dd-systems",
            "list-dd-systems",
            "--limit",
            "1",
            "-o",
            "yaml",
        ])
        .await;
    assert_eq!(one.code, 0, "{one:?}");
    assert!(one.stdout.starts_with("- "), "{one:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_codes_are_distinct_and_errors_are_one_line() {
    let e = env("codes").await;
    let missing = e
        .dp(&[
            "-p",
            "sim-mgmt",
            "mgmt",
            "applications",
            "get-backup",
            "--backup-id",
            "nope",
        ])
        .await;
    assert_eq!(missing.code, 4, "{missing:?}");
    assert!(
        missing
            .stderr
            .starts_with("dp: error: the API answered 404"),
        "{missing:?}"
    );
    assert_eq!(missing.stderr.lines().count(), 1, "{missing:?}");

    let refused = e
        .dp_with(
            &["-p", "sim-ddmc", "ddmc", "dd-systems", "list-dd-systems"],
            &[("DP_SIM_DDMC_SECRET", "wrong-password")],
        )
        .await;
    assert_eq!(refused.code, 3, "{refused:?}");
    assert!(
        refused.stderr.contains("refused the credentials"),
        "{refused:?}"
    );

    let usage = e
        .dp(&["-p", "sim-ddmc", "ddmc", "mtrees", "list-mtrees"])
        .await;
    assert_eq!(usage.code, 2, "{usage:?}");
    let bad_value = e
        .dp(&[
            "-p",
            "sim-ddmc",
            "ddmc",
            "mtrees",
            "list-mtrees",
            "--system-id",
            "x",
            "--limit",
            "many",
        ])
        .await;
    assert_eq!(bad_value.code, 2, "{bad_value:?}");
    // An enum parameter: clap names the values the spec allows.
    let bad_enum = e
        .dp(&[
            "-p",
            "sim-ddmc",
            "ddmc",
            "stats",
            "get-capacity-stats",
            "--system-id",
            "x",
            "--tier",
            "bogus",
        ])
        .await;
    assert_eq!(bad_enum.code, 2, "{bad_enum:?}");
    assert!(
        bad_enum.stderr.contains("active, cloud, archive, total"),
        "{bad_enum:?}"
    );
    let no_profile = e
        .dp(&["-p", "nope", "ddmc", "dd-systems", "list-dd-systems"])
        .await;
    assert_eq!(no_profile.code, 2, "{no_profile:?}");
    assert!(
        no_profile.stderr.contains("sim-ddmc"),
        "names the known profiles: {no_profile:?}"
    );

    // The console asks for a wait longer than the retry policy allows: transient, exit 5.
    e.sims.mgmt.inject_failures(503, 20, Some(600));
    let transient = e
        .dp(&[
            "-p",
            "sim-mgmt",
            "mgmt",
            "applications",
            "list-applications",
            "--limit",
            "1",
        ])
        .await;
    assert_eq!(transient.code, 5, "{transient:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_secret_comes_from_the_environment_and_is_never_shown() {
    let e = env("secret").await;
    let config = e.dir.join("mine.toml");
    let config = config.to_str().unwrap();
    let url = e.sims.ddmc.url().to_string();
    let add = e
        .dp(&[
            "--config",
            config,
            "profile",
            "add",
            "lab",
            "--vendor",
            "ddmc",
            "--url",
            &url,
            "--user",
            "sysadmin",
            "--password-env",
            "LAB_PASSWORD",
            "--default",
        ])
        .await;
    assert_eq!(add.code, 0, "{add:?}");
    let file = std::fs::read_to_string(config).unwrap();
    assert!(
        file.contains("password_env = \"LAB_PASSWORD\"") && !file.contains(CANARY),
        "{file}"
    );
    let with = [("LAB_PASSWORD", CANARY)];
    let test = e
        .dp_with(&["--config", config, "profile", "test", "lab"], &with)
        .await;
    assert_eq!(json(&test)["login"], "ok");
    let list = e
        .dp_with(&["--config", config, "profile", "list"], &with)
        .await;
    assert_eq!(json(&list)[0]["name"], "lab");
    // The default profile, no -p.
    let systems = e
        .dp_with(
            &["--config", config, "ddmc", "dd-systems", "list-dd-systems"],
            &with,
        )
        .await;
    assert!(json(&systems).as_array().is_some());
    // --help, with the secret in the environment; an error; a secret in DP_SECRET too.
    let help = e
        .dp_with(&["--config", config, "ddmc", "--help"], &with)
        .await;
    assert_eq!(help.code, 0);
    let unset = e
        .dp(&["--config", config, "ddmc", "dd-systems", "list-dd-systems"])
        .await;
    assert_eq!(unset.code, 2, "{unset:?}");
    assert!(unset.stderr.contains("LAB_PASSWORD"), "{unset:?}");
    let plain = e
        .dp_with(
            &[
                "--url",
                &url,
                "--user",
                "sysadmin",
                "ddmc",
                "dd-systems",
                "list-dd-systems",
                "-o",
                "ndjson",
            ],
            &[("DP_SECRET", CANARY), ("DP_CONFIG", "/nonexistent/dp.toml")],
        )
        .await;
    assert_eq!(plain.code, 0, "{plain:?}");
    // Every run above was checked by `assert_no_secret`.
}

#[tokio::test(flavor = "multi_thread")]
async fn console_actions_wait_for_their_jobs() {
    let e = env("actions").await;
    e.sims.mgmt.set_job_duration(Duration::from_millis(200));
    let body = e.dir.join("mount.json");
    std::fs::write(&body, r#"{"hostname":"new-vm"}"#).unwrap();
    let body = body.to_str().unwrap();
    let job = json(
        &e.dp(&[
            "-p",
            "sim-mgmt",
            "mgmt",
            "mount",
            "8000010",
            "--json-body",
            body,
            "--label",
            "cli-m1",
            "--wait",
            "--poll",
            "0.05",
        ])
        .await,
    );
    assert_eq!(job["status"], "succeeded");
    assert_eq!(job["label"], "cli-m1");
    let name = job["jobname"].as_str().expect("job name").to_string();
    let followed = json(
        &e.dp(&["-p", "sim-mgmt", "mgmt", "jobs", "follow", &name])
            .await,
    );
    assert_eq!(followed["jobname"], name.as_str());
    let unknown = e
        .dp(&["-p", "sim-mgmt", "mgmt", "jobs", "follow", "Job_none"])
        .await;
    assert_eq!(unknown.code, 4, "{unknown:?}");

    // Without --wait: started, not followed.
    let started = json(&e.dp(&["-p", "sim-mgmt", "mgmt", "expire", "8000011"]).await);
    assert_eq!(started["status"], "started");

    e.sims.mgmt.set_job_outcome(JobOutcome::Fail {
        errorcode: "10023".into(),
        message: "no free staging disk".into(),
    });
    let failed = e
        .dp(&[
            "-p",
            "sim-mgmt",
            "mgmt",
            "mount",
            "8000012",
            "--json-body",
            body,
            "--label",
            "cli-m2",
            "--wait",
            "--poll",
            "0.05",
        ])
        .await;
    assert_eq!(failed.code, 7, "{failed:?}");
    assert!(failed.stderr.contains("no free staging disk"), "{failed:?}");

    e.sims.mgmt.set_job_outcome(JobOutcome::Hang);
    let slow = e
        .dp(&[
            "-p",
            "sim-mgmt",
            "mgmt",
            "clone",
            "8000013",
            "--json-body",
            body,
            "--label",
            "cli-c1",
            "--wait",
            "--poll",
            "0.05",
            "--timeout",
            "0.5",
        ])
        .await;
    assert_eq!(slow.code, 6, "{slow:?}");
    assert!(slow.stderr.contains("had not ended"), "{slow:?}");

    // The hung clone is still running: `jobs watch` lists it, one JSON per line, until its
    // timeout.
    let watch = e
        .dp(&[
            "-p",
            "sim-mgmt",
            "mgmt",
            "jobs",
            "watch",
            "--filter",
            "label:==cli-c1",
            "--poll",
            "0.1",
            "--timeout",
            "0.3",
        ])
        .await;
    assert_eq!(watch.code, 6, "{watch:?}");
    let first: serde_json::Value =
        serde_json::from_str(watch.stdout.lines().next().expect("a running job")).unwrap();
    assert_eq!(first["label"], "cli-c1");
}

/// A DDMC whose task `t-ok` has completed, `t-fail` has failed and `t-run` never ends.
async fn task_server() -> sdk_tests::sim::Running {
    use axum::routing::{get, post};
    let router = axum::Router::new()
        .route(
            "/rest/v1.0/auth",
            post(|| async {
                (
                    axum::http::StatusCode::CREATED,
                    [("X-DD-AUTH-TOKEN", "task-token")],
                    r#"{"service_status":{"details":"success","code":0}}"#,
                )
            }),
        )
        .route(
            "/rest/v1.0/tasks/{id}",
            get(
                |axum::extract::Path(id): axum::extract::Path<String>| async move {
                    let (state, end) = match id.as_str() {
                        "t-ok" => ("COMPLETED", 1_790_000_100),
                        "t-fail" => ("FAILED", 1_790_000_100),
                        _ => ("RUNNING", 0),
                    };
                    axum::Json(serde_json::json!({
                        "id": id, "task_id": 42, "name": "apply", "state": state,
                        "start_epoch": 1_790_000_000, "end_epoch": end
                    }))
                },
            ),
        );
    sdk_tests::sim::serve(router).await.expect("task server")
}

#[tokio::test(flavor = "multi_thread")]
async fn ddmc_task_wait_and_druva_events_follow_resume() {
    let e = env("follow").await;
    let tasks = task_server().await;
    let url = tasks.url.clone();
    let secret = [("DP_SECRET", CANARY)];
    let wait = |id: &'static str, timeout: &'static str| {
        vec![
            "--url",
            &url,
            "--user",
            "sysadmin",
            "ddmc",
            "tasks",
            "wait",
            id,
            "--poll",
            "0.05",
            "--timeout",
            timeout,
        ]
    };
    let done = e.dp_with(&wait("t-ok", "5"), &secret).await;
    assert_eq!(json(&done)["state"], "COMPLETED");
    let failed = e.dp_with(&wait("t-fail", "5"), &secret).await;
    assert_eq!(failed.code, 7, "{failed:?}");
    let slow = e.dp_with(&wait("t-run", "0.3"), &secret).await;
    assert_eq!(slow.code, 6, "{slow:?}");

    let state = e.dir.join("events.tracker");
    let state = state.to_str().unwrap();
    let first = e
        .dp(&[
            "-p",
            "sim-druva",
            "druva",
            "events",
            "follow",
            "--state",
            state,
        ])
        .await;
    assert_eq!(first.code, 0, "{first:?}");
    assert_eq!(
        first.stdout.lines().count(),
        30,
        "ndjson by default: {first:?}"
    );
    let saved = std::fs::read_to_string(state).expect("the tracker is saved");
    assert!(!saved.trim().is_empty());
    let again = e
        .dp(&[
            "-p",
            "sim-druva",
            "druva",
            "events",
            "follow",
            "--state",
            state,
        ])
        .await;
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(
        again.stdout.lines().count(),
        0,
        "resumed after the last event: {again:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bodies_templates_help_and_completions() {
    let e = env("bodies").await;
    let template = e
        .dp(&["mgmt", "policies", "create-slt", "--body-template"])
        .await;
    assert_eq!(template.code, 0, "{template:?}");
    let t: serde_json::Value = serde_json::from_str(&template.stdout).expect("a JSON template");
    assert!(t.is_object(), "{t}");
    let bad = e.dir.join("bad.json");
    std::fs::write(&bad, r#"{"name": 12"#).unwrap();
    let invalid = e
        .dp(&[
            "-p",
            "sim-mgmt",
            "mgmt",
            "policies",
            "create-slt",
            "--json-body",
            bad.to_str().unwrap(),
        ])
        .await;
    assert_eq!(invalid.code, 2, "{invalid:?}");
    assert!(invalid.stderr.contains("--json-body"), "{invalid:?}");

    // A body on stdin, through a generated command, then found by a generated list.
    let systems = json(
        &e.dp(&["-p", "sim-ddmc", "ddmc", "dd-systems", "list-dd-systems"])
            .await,
    );
    let id = systems[0]["id"].as_str().unwrap().to_string();
    let created = e
        .dp_full(
            &[
                "-p",
                "sim-ddmc",
                "ddmc",
                "mtrees",
                "create-mtree",
                "--system-id",
                &id,
                "--json-body",
                "-",
            ],
            &[],
            Some(r#"{"name": "/data/col1/from-dp"}"#),
        )
        .await;
    assert_eq!(created.code, 0, "{created:?}");
    let all = json(
        &e.dp(&[
            "-p",
            "sim-ddmc",
            "ddmc",
            "mtrees",
            "list-mtrees",
            "--system-id",
            &id,
        ])
        .await,
    );
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    assert!(names.contains(&"/data/col1/from-dp"), "{names:?}");

    let help = e.dp(&["ddmc", "mtrees", "list-mtrees", "--help"]).await;
    assert_eq!(help.code, 0);
    insta::assert_snapshot!("ddmc_list_mtrees_help", help.stdout);
    let top = e.dp(&["--help"]).await;
    assert!(
        top.stdout.contains("Examples:") && top.stdout.contains("Exit codes:"),
        "{top:?}"
    );

    let bash = e.dp(&["completions", "bash"]).await;
    assert_eq!(bash.code, 0);
    assert!(
        bash.stdout.contains("list-mtrees"),
        "completes generated commands"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn on_premises_agm_logs_in_with_user_and_password() {
    let e = env_with(
        "agm",
        MgmtSimConfig {
            auth: MgmtAuthMode::OnPrem {
                username: "admin".into(),
                password: CANARY.into(),
            },
            ..MgmtSimConfig::default()
        },
    )
    .await;
    let url = e.sims.mgmt.url().to_string();
    let count = e
        .dp_with(
            &[
                "--url",
                &url,
                "--auth",
                "agm",
                "--user",
                "admin",
                "mgmt",
                "jobs",
                "list-jobs",
                "--count",
            ],
            &[("DP_SECRET", CANARY), ("DP_CONFIG", "/nonexistent/dp.toml")],
        )
        .await;
    assert!(json(&count)["count"].as_u64().is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn druva_report_export_writes_sqlite_and_csv() {
    let e = env("export").await;
    let db = e.dir.join("estate.db");
    let csv = e.dir.join("rows.csv");
    let run = e
        .dp(&[
            "-p",
            "sim-druva",
            "druva",
            "report",
            "export",
            "--report",
            "epLastBackupStatus",
            "--since",
            "2026-01-01",
            "--sqlite",
            db.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ])
        .await;
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr
            .contains("epLastBackupStatus: 2345 rows in 5 pages"),
        "the summary: {run:?}"
    );
    let lines = std::fs::read_to_string(&csv).unwrap().lines().count();
    assert_eq!(lines, 2_346);
    let bad = e
        .dp(&[
            "-p",
            "sim-druva",
            "druva",
            "report",
            "export",
            "--report",
            "epLastBackupStatus",
            "--since",
            "yesterday",
            "--csv",
            csv.to_str().unwrap(),
        ])
        .await;
    assert_eq!(bad.code, 2, "{bad:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn consoles_are_found_from_a_project_and_saved_as_a_profile() {
    let e = env("consoles").await;
    let token = "sim-google-token-9f1c";
    let api = format!("{}/actifio", e.sims.mgmt.url().trim_end_matches('/'));
    let google = httpmock::MockServer::start_async().await;
    let listed = google
        .mock_async(|when, then| {
            when.method(httpmock::Method::GET)
                .path("/v1/projects/my-project/locations/us-central1/managementServers")
                .header("authorization", format!("Bearer {token}"));
            then.status(200).json_body(serde_json::json!({
                "managementServers": [{
                    "name": "projects/my-project/locations/us-central1/managementServers/ms-1",
                    "state": "READY",
                    "type": "BACKUP_RESTORE",
                    "managementUri": {"api": api, "webUi": "https://console.example.com"}
                }]
            }));
        })
        .await;
    let config = e.dir.join("found.toml");
    let config = config.to_str().expect("utf-8 path");
    let vars = [
        ("DP_SECRET", token),
        ("DP_AUTH", "google-token"),
        ("DP_CONFIG", config),
    ];
    let google_url = google.base_url();
    let run = e
        .dp_with(
            &[
                "mgmt",
                "consoles",
                "--project",
                "my-project",
                "--location",
                "us-central1",
                "--save-profile",
                "found",
                "--backupdr-url",
                &google_url,
                "-o",
                "json",
            ],
            &vars,
        )
        .await;
    listed.assert_async().await;
    let rows = json(&run);
    assert_eq!(rows[0]["id"], "ms-1");
    assert_eq!(rows[0]["location"], "us-central1");
    assert_eq!(rows[0]["api"], api.as_str());
    let saved = std::fs::read_to_string(config).expect("the profile was saved");
    assert!(saved.contains("[profiles.found]"), "{saved}");
    assert!(!saved.contains(token), "a secret was saved: {saved}");
    // The saved profile reaches the console it names.
    let count = e
        .dp_with(
            &[
                "-p",
                "found",
                "mgmt",
                "jobs",
                "list-jobs",
                "--count",
                "-o",
                "json",
            ],
            &vars,
        )
        .await;
    assert!(json(&count)["count"].as_u64().is_some(), "{count:?}");
    // Two consoles and no location: which one to save is the user's choice.
    google
        .mock_async(|when, then| {
            when.method(httpmock::Method::GET)
                .path("/v1/projects/two/locations/-/managementServers");
            then.status(200).json_body(serde_json::json!({
                "managementServers": [
                    {"name": "projects/two/locations/a/managementServers/x"},
                    {"name": "projects/two/locations/b/managementServers/y"}
                ]
            }));
        })
        .await;
    let ambiguous = e
        .dp_with(
            &[
                "mgmt",
                "consoles",
                "--project",
                "two",
                "--save-profile",
                "p2",
                "--backupdr-url",
                &google_url,
            ],
            &vars,
        )
        .await;
    assert_eq!(ambiguous.code, 2, "{ambiguous:?}");
    assert!(
        ambiguous.stderr.contains("2 consoles found"),
        "{ambiguous:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_secret_parameter_comes_from_its_environment_variable() {
    use sdk_tests::sim::ddmc::SECURITY_OFFICER;
    let e = env("officer").await;
    let systems = json(
        &e.dp(&["-p", "sim-ddmc", "ddmc", "dd-systems", "list-dd-systems"])
            .await,
    );
    let id = systems[0]["id"].as_str().expect("system id").to_string();
    let body = e.dir.join("revert.json");
    std::fs::write(&body, r#"{"operation": "REVERT"}"#).unwrap();
    let body = body.to_str().expect("utf-8 path");
    let args = [
        "-p",
        "sim-ddmc",
        "ddmc",
        "security",
        "enable-retention-lock-governance-security-auth",
        "--system-id",
        &id,
        "--json-body",
        body,
    ];
    let shows_officer =
        |run: &Run| run.stdout.contains(SECURITY_OFFICER) || run.stderr.contains(SECURITY_OFFICER);
    // From the variable, the system accepts it.
    let ok = e
        .dp_with(&args, &[("DP_X_DD_SEC_OFFICER", SECURITY_OFFICER)])
        .await;
    assert_eq!(ok.code, 0, "{ok:?}");
    assert!(!shows_officer(&ok), "{ok:?}");
    // A wrong one is refused (authentication, exit 3) without being echoed.
    let wrong = "d3Jvbmc6b2ZmaWNlcg==";
    let refused = e.dp_with(&args, &[("DP_X_DD_SEC_OFFICER", wrong)]).await;
    assert_eq!(refused.code, 3, "{refused:?}");
    assert!(!refused.stderr.contains(wrong), "{refused:?}");
    // --help names the variable, never its value.
    let help = e
        .dp_with(
            &[
                "ddmc",
                "security",
                "enable-retention-lock-governance-security-auth",
                "--help",
            ],
            &[("DP_X_DD_SEC_OFFICER", SECURITY_OFFICER)],
        )
        .await;
    assert_eq!(help.code, 0, "{help:?}");
    assert!(help.stdout.contains("DP_X_DD_SEC_OFFICER"), "{help:?}");
    assert!(!shows_officer(&help), "{help:?}");
}
