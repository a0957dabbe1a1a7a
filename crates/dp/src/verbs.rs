//! The hand-written verbs over the SDKs' helpers: the console's actions with `--wait`, `jobs
//! follow` and `jobs watch`; DDMC `tasks wait`; Druva `events follow`.

use std::time::{Duration, Instant};

use clap::{Arg, ArgAction, ArgMatches, Command};
use futures::StreamExt;
use serde_json::{Value, json};

use crate::exit::{CliError, Code};
use crate::output::{Output, Progress};

fn seconds(name: &'static str, default: &'static str, help: &'static str) -> Arg {
    Arg::new(name)
        .long(name)
        .value_name("SECONDS")
        .value_parser(clap::value_parser!(f64))
        .default_value(default)
        .help(help)
}

fn duration(m: &ArgMatches, name: &str) -> Result<Duration, CliError> {
    let secs = m.get_one::<f64>(name).copied().unwrap_or(0.0);
    Duration::try_from_secs_f64(secs)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| CliError::usage(format!("--{name} must be a positive number of seconds")))
}

fn wait_args(c: Command) -> Command {
    c.arg(
        Arg::new("wait")
            .long("wait")
            .action(ArgAction::SetTrue)
            .help("Follow the job until it ends (exit 7 if it fails, 6 on --timeout)"),
    )
    .arg(seconds(
        "timeout",
        "3600",
        "With --wait: how long to wait for the job",
    ))
    .arg(seconds(
        "poll",
        "2",
        "With --wait: seconds between two polls",
    ))
    .arg(
        Arg::new("label")
            .long("label")
            .help("The job label to send and follow (default: the body's, else a unique one)"),
    )
}

fn json_body_arg() -> Arg {
    Arg::new("json-body")
        .long("json-body")
        .value_name("FILE|-")
        .help("Options of the action as JSON (a file, or `-` for stdin); see the generated command's --body-template")
}

fn id_arg(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name).required(true).value_name(name).help(help)
}

/// The console's action verbs (`backup-now`, `mount`, ...), added to `dp mgmt`.
pub fn mgmt_commands() -> Vec<Command> {
    let image = || id_arg("BACKUP_ID", "The backup image id");
    vec![
        Command::new("consoles")
            .about("List a Google Cloud project's management consoles (Backup and DR API) and, with --save-profile, make a profile of one")
            .after_help("Example:\n  dp mgmt consoles --project my-project --location us-central1 --save-profile prod\n\nNeeds a Google token (--auth google-adc, the default without a secret, google-impersonate or google-token) allowed `backupdr.managementServers.list`.")
            .arg(
                Arg::new("project")
                    .long("project")
                    .required(true)
                    .help("The Google Cloud project id"),
            )
            .arg(
                Arg::new("location")
                    .long("location")
                    .help("The region (e.g. us-central1) [default: every location]"),
            )
            .arg(
                Arg::new("save-profile")
                    .long("save-profile")
                    .value_name("NAME")
                    .help("Save a console profile named NAME for the one console found (its API URL and this Google auth)"),
            )
            .arg(
                Arg::new("backupdr-url")
                    .long("backupdr-url")
                    .env("DP_BACKUPDR_URL")
                    .hide(true)
                    .default_value(mgmt_sdk::discovery::BACKUPDR_URL)
                    .help("The Backup and DR API (a private endpoint or a test server)"),
            ),
        wait_args(
            Command::new("backup-now")
                .about("Run a backup of an application now (--wait follows its job)")
                .arg(id_arg("APPLICATION_ID", "The application id"))
                .arg(
                    Arg::new("policy-id")
                        .long("policy-id")
                        .help("The policy (of the application's template) to run; else the body's"),
                )
                .arg(
                    Arg::new("backup-type")
                        .long("backup-type")
                        .help("`log` or `DB` for databases"),
                )
                .arg(json_body_arg()),
        ),
        wait_args(
            Command::new("mount")
                .about("Mount a backup image (--wait follows its job)")
                .arg(image())
                .arg(json_body_arg()),
        ),
        wait_args(
            Command::new("unmount")
                .about("Unmount a mounted image (--wait follows its job)")
                .arg(image())
                .arg(
                    Arg::new("delete")
                        .long("delete")
                        .action(ArgAction::SetTrue)
                        .help("Also delete the mounted image"),
                )
                .arg(json_body_arg()),
        ),
        wait_args(
            Command::new("restore")
                .about("Restore from a backup image (--wait follows its job)")
                .arg(image())
                .arg(json_body_arg()),
        ),
        wait_args(
            Command::new("clone")
                .about("Clone a backup image (--wait follows its job)")
                .arg(image())
                .arg(json_body_arg()),
        ),
        wait_args(
            Command::new("expire")
                .about("Expire a backup image (--wait follows its job)")
                .arg(image())
                .arg(
                    Arg::new("force")
                        .long("force")
                        .action(ArgAction::SetTrue)
                        .help("Expire even if the image is in use"),
                ),
        ),
    ]
}

/// `jobs follow` and `jobs watch`, added to the generated `jobs` group of `dp mgmt`.
pub fn mgmt_job_commands() -> Vec<Command> {
    vec![
        Command::new("follow")
            .about("Follow any job by name (`Job_0123456`) or id until it ends")
            .long_about(
                "Follow any job by name (`Job_0123456`) or id until it ends: running jobs \
                 (/job) and finished ones (/jobstatus). Exit 0 when it succeeded, 7 when it \
                 failed or was canceled, 6 after --timeout, 4 when no such job exists.",
            )
            .arg(id_arg("JOB", "The job's name (jobname) or id"))
            .arg(seconds("timeout", "3600", "How long to follow the job"))
            .arg(seconds("poll", "2", "Seconds between two polls")),
        Command::new("watch")
            .about("Print the running jobs every --poll seconds until none is left")
            .arg(
                Arg::new("filter")
                    .long("filter")
                    .action(ArgAction::Append)
                    .help("Conditions `<field>:<op><value>` on the jobs (repeatable)"),
            )
            .arg(seconds(
                "timeout",
                "3600",
                "How long to watch (exit 6 after it)",
            ))
            .arg(seconds("poll", "5", "Seconds between two listings")),
    ]
}

/// `tasks wait`, added to the generated `tasks` group of `dp ddmc`.
pub fn ddmc_task_commands() -> Vec<Command> {
    vec![
        Command::new("wait")
            .about("Wait until a DDMC task ends; exit 7 if it failed")
            .arg(id_arg(
                "TASK_ID",
                "The task id (from the Location of a 202 answer)",
            ))
            .arg(seconds(
                "timeout",
                "3600",
                "How long to wait (exit 6 after it)",
            ))
            .arg(seconds("poll", "2", "Seconds between two polls")),
    ]
}

/// `events follow`, added to `dp druva`.
pub fn druva_commands() -> Vec<Command> {
    vec![
        Command::new("events")
            .about("inSync events, followed")
            .subcommand_required(true)
            .subcommand(
                Command::new("follow")
                    .about("Print new inSync events, resuming from the tracker saved in --state")
                    .long_about(
                        "Print new inSync events as ndjson (or -o), resuming where the last run \
                         stopped: the inSync tracker is read from --state before and written \
                         to it after every walk. With --poll the walk repeats every SECONDS \
                         until interrupted.",
                    )
                    .arg(
                        Arg::new("state")
                            .long("state")
                            .required(true)
                            .value_name("FILE")
                            .value_parser(clap::value_parser!(std::path::PathBuf))
                            .help("Where the tracker is kept between runs"),
                    )
                    .arg(
                        Arg::new("poll")
                            .long("poll")
                            .value_name("SECONDS")
                            .value_parser(clap::value_parser!(f64))
                            .help("Poll again every SECONDS (default: one walk, then exit)"),
                    ),
            ),
    ]
}

fn read_body(m: &ArgMatches) -> Result<Value, CliError> {
    let Some(path) = m.try_get_one::<String>("json-body").ok().flatten() else {
        return Ok(json!({}));
    };
    let text = if path == "-" {
        std::io::read_to_string(std::io::stdin())?
    } else {
        std::fs::read_to_string(path)
            .map_err(|e| CliError::usage(format!("cannot read --json-body {path}: {e}")))?
    };
    let v: Value = serde_json::from_str(&text)
        .map_err(|e| CliError::usage(format!("--json-body {path} is not JSON: {e}")))?;
    if !v.is_object() {
        return Err(CliError::usage(format!(
            "--json-body {path} must be a JSON object"
        )));
    }
    Ok(v)
}

fn typed<T: serde::de::DeserializeOwned>(v: Value, what: &str) -> Result<T, CliError> {
    serde_json::from_value(v)
        .map_err(|e| CliError::usage(format!("the options of {what} are not valid: {e}")))
}

fn progress_text(job: &mgmt_sdk::types::JobRest) -> String {
    let name = job.jobname.as_deref().unwrap_or("job");
    let status = job.status.as_deref().unwrap_or("?");
    match job.progress {
        Some(p) => format!("{name} {status} {p}%"),
        None => format!("{name} {status}"),
    }
}

/// Runs a console action verb.
pub async fn run_mgmt_action(
    client: &mgmt_sdk::Client,
    verb: &str,
    m: &ArgMatches,
    out: &mut Output,
) -> Result<(), CliError> {
    let mut body = read_body(m)?;
    let label = m.get_one::<String>("label").cloned();
    if let Some(l) = &label
        && verb != "expire"
    {
        body["label"] = json!(l);
    }
    let id = m
        .get_one::<String>(if verb == "backup-now" {
            "APPLICATION_ID"
        } else {
            "BACKUP_ID"
        })
        .cloned()
        .unwrap_or_default();
    let action = match verb {
        "backup-now" => {
            if let Some(p) = m.get_one::<String>("policy-id") {
                body["policy"] = json!({ "id": p });
            }
            if let Some(t) = m.get_one::<String>("backup-type") {
                body["backuptype"] = json!(t);
            }
            let body: mgmt_sdk::types::BackupNowRest = typed(body, verb)?;
            if !m.get_flag("wait") {
                client
                    .backup_application()
                    .application_id(&id)
                    .body(body)
                    .send()
                    .await?;
                return started(out, verb, &id);
            }
            client.backup_now(&id, body)
        }
        "mount" => {
            let body: mgmt_sdk::types::MountRest = typed(body, verb)?;
            if !m.get_flag("wait") {
                client
                    .mount_backup()
                    .backup_id(&id)
                    .body(body)
                    .send()
                    .await?;
                return started(out, verb, &id);
            }
            client.mount_image(&id, body)
        }
        "unmount" => {
            if m.get_flag("delete") {
                body["delete"] = json!(true);
            }
            let body: mgmt_sdk::types::UnmountRest = typed(body, verb)?;
            if !m.get_flag("wait") {
                client
                    .unmount_backup()
                    .backup_id(&id)
                    .body(body)
                    .send()
                    .await?;
                return started(out, verb, &id);
            }
            client.unmount_image(&id, body)
        }
        "restore" => {
            let body: mgmt_sdk::types::RestoreRest = typed(body, verb)?;
            if !m.get_flag("wait") {
                client
                    .restore_backup()
                    .backup_id(&id)
                    .body(body)
                    .send()
                    .await?;
                return started(out, verb, &id);
            }
            client.restore_image(&id, body)
        }
        "clone" => {
            let body: mgmt_sdk::types::CloneRest = typed(body, verb)?;
            if !m.get_flag("wait") {
                client
                    .clone_backup()
                    .backup_id(&id)
                    .body(body)
                    .send()
                    .await?;
                return started(out, verb, &id);
            }
            client.clone_image(&id, body)
        }
        "expire" => {
            let force = m.get_flag("force");
            if !m.get_flag("wait") {
                client
                    .expire_backup()
                    .backup_id(&id)
                    .force(force)
                    .send()
                    .await?;
                return started(out, verb, &id);
            }
            client.expire_image(&id, force)
        }
        other => return Err(CliError::usage(format!("unknown action `{other}`"))),
    };
    let progress = Progress::new(out.progress(), "waiting");
    let mut action = action
        .timeout(duration(m, "timeout")?)
        .poll_interval(duration(m, "poll")?)
        .on_progress(|job| progress.message(&progress_text(job)));
    if let Some(l) = label {
        action = action.label(l);
    }
    let result = action.run().await;
    progress.done();
    let job = result?;
    out.print(&job)
}

fn started(out: &mut Output, verb: &str, id: &str) -> Result<(), CliError> {
    out.print_value(&json!({"action": verb, "id": id, "status": "started"}))
}

/// The newest job named (or with id) `job` in `/jobstatus`, then `/job`, as JSON.
async fn find_job(client: &mgmt_sdk::Client, job: &str) -> Result<Option<Value>, CliError> {
    for filter in [format!("jobname:=={job}"), format!("id:=={job}")] {
        let done = client
            .list_job_statuses()
            .filter(vec![filter.clone()])
            .sort("queuedate:desc")
            .limit(1)
            .send()
            .await?
            .into_inner();
        if let Some(j) = done.items.into_iter().next() {
            return Ok(Some(serde_json::to_value(j).unwrap_or_default()));
        }
        let running = client
            .list_jobs()
            .filter(vec![filter])
            .sort("queuedate:desc")
            .limit(1)
            .send()
            .await?
            .into_inner();
        if let Some(j) = running.items.into_iter().next() {
            return Ok(Some(serde_json::to_value(j).unwrap_or_default()));
        }
    }
    Ok(None)
}

/// `dp mgmt jobs follow JOB`.
pub async fn mgmt_follow(
    client: &mgmt_sdk::Client,
    m: &ArgMatches,
    out: &mut Output,
) -> Result<(), CliError> {
    let name = m.get_one::<String>("JOB").cloned().unwrap_or_default();
    let timeout = duration(m, "timeout")?;
    let poll = duration(m, "poll")?;
    let started = Instant::now();
    let progress = Progress::new(out.progress(), "following");
    let mut seen = false;
    loop {
        let job = find_job(client, &name).await?;
        match &job {
            None if !seen => {
                progress.done();
                return Err(CliError::new(Code::NotFound, format!("no job `{name}`")));
            }
            None => {}
            Some(j) => {
                seen = true;
                let status = j.get("status").and_then(Value::as_str);
                progress.message(&format!("{name} {}", status.unwrap_or("?")));
                match mgmt_sdk::job_state(status) {
                    mgmt_sdk::JobState::Succeeded => {
                        progress.done();
                        return out.print_value(j);
                    }
                    mgmt_sdk::JobState::Failed | mgmt_sdk::JobState::Canceled => {
                        progress.done();
                        out.print_value(j)?;
                        let message = j.get("message").and_then(Value::as_str).unwrap_or("");
                        return Err(CliError::new(
                            Code::JobFailed,
                            format!("job {name} ended as {}: {message}", status.unwrap_or("?")),
                        ));
                    }
                    _ => {}
                }
            }
        }
        if started.elapsed() + poll > timeout {
            progress.done();
            let last = job
                .as_ref()
                .and_then(|j| j.get("status"))
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_string();
            return Err(CliError::new(
                Code::Timeout,
                format!(
                    "job {name} had not ended after {:.0?} (last status: {last})",
                    started.elapsed()
                ),
            ));
        }
        tokio::time::sleep(poll).await;
    }
}

/// `dp mgmt jobs watch`.
pub async fn mgmt_watch(
    client: &mgmt_sdk::Client,
    m: &ArgMatches,
    out: &mut Output,
) -> Result<(), CliError> {
    let filters: Vec<String> = m
        .get_many::<String>("filter")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let timeout = duration(m, "timeout")?;
    let poll = duration(m, "poll")?;
    let started = Instant::now();
    loop {
        let mut b = client.list_jobs().sort("queuedate:desc");
        if !filters.is_empty() {
            b = b.filter(filters.clone());
        }
        let mut stream = std::pin::pin!(b.stream());
        let mut running = Vec::new();
        while let Some(job) = stream.next().await {
            running.push(serde_json::to_value(job?).unwrap_or_default());
        }
        if running.is_empty() {
            return Ok(());
        }
        out.print_value(&Value::Array(running))?;
        if started.elapsed() + poll > timeout {
            return Err(CliError::new(
                Code::Timeout,
                format!("jobs were still running after {:.0?}", started.elapsed()),
            ));
        }
        tokio::time::sleep(poll).await;
    }
}

/// `dp ddmc tasks wait TASK_ID`.
pub async fn ddmc_wait(
    client: &ddmc_sdk::Client,
    m: &ArgMatches,
    out: &mut Output,
) -> Result<(), CliError> {
    let id = m.get_one::<String>("TASK_ID").cloned().unwrap_or_default();
    let task = client
        .wait_for_task(&id, duration(m, "timeout")?, duration(m, "poll")?)
        .await?;
    out.print(&task)?;
    let state = task.state.as_deref().unwrap_or("").to_ascii_lowercase();
    if ["fail", "error", "abort", "cancel", "timeout"]
        .iter()
        .any(|s| state.contains(s))
    {
        return Err(CliError::new(
            Code::JobFailed,
            format!(
                "task {id} ended as {}",
                task.state.as_deref().unwrap_or("?")
            ),
        ));
    }
    Ok(())
}

/// `dp druva events follow --state FILE`.
pub async fn druva_follow(
    client: &druva_sdk::Client,
    m: &ArgMatches,
    out: &mut Output,
) -> Result<(), CliError> {
    let state = m
        .get_one::<std::path::PathBuf>("state")
        .cloned()
        .ok_or_else(|| CliError::usage("--state is required"))?;
    let poll = match m.get_one::<f64>("poll") {
        Some(_) => Some(duration(m, "poll")?),
        None => None,
    };
    loop {
        let saved = match std::fs::read_to_string(&state) {
            Ok(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(CliError::other(format!(
                    "cannot read the state {}: {e}",
                    state.display()
                )));
            }
        };
        let mut b = client.list_insync_events();
        if let Some(t) = &saved {
            b = b.tracker(t.clone());
        }
        let (stream, resume) = b.stream_resumable();
        let walked = out.stream(stream, None).await;
        // Persist what was reached even when the walk failed part-way: the printed events are
        // not printed again.
        if let Some(token) = resume.token() {
            let tmp = state.with_extension("tmp");
            std::fs::write(&tmp, &token)
                .and_then(|()| std::fs::rename(&tmp, &state))
                .map_err(|e| {
                    CliError::other(format!("cannot save the state {}: {e}", state.display()))
                })?;
        }
        walked?;
        match poll {
            Some(p) => tokio::time::sleep(p).await,
            None => return Ok(()),
        }
    }
}

/// `dp mgmt consoles`: the project's management consoles; with `--save-profile`, a profile for
/// the one found.
pub async fn mgmt_consoles(
    settings: &crate::connect::Settings,
    m: &ArgMatches,
    flags: &crate::connect::Flags,
    out: &mut Output,
) -> Result<(), CliError> {
    let project = m
        .get_one::<String>("project")
        .ok_or_else(|| CliError::usage("--project is required"))?;
    let location = m.get_one::<String>("location").map(String::as_str);
    let url = m
        .get_one::<String>("backupdr-url")
        .map_or(mgmt_sdk::discovery::BACKUPDR_URL, String::as_str);
    // Google's public API: the console's CA or pin does not apply to it.
    let api = mgmt_sdk::discovery::BackupDr::with_options(
        url,
        settings.google_source().await?,
        sdk_auth::HttpOptions::default(),
    )
    .map_err(|e| CliError::session(&e))?;
    let found = api
        .management_servers(project, location)
        .await
        .map_err(|e| CliError::call(&e).context(format!("listing the consoles of {project}")))?;
    for unreachable in &found.unreachable {
        eprintln!(
            "warning: Google could not reach location {unreachable}; its consoles may be missing"
        );
    }
    let rows: Vec<Value> = found
        .servers
        .iter()
        .map(|s| {
            json!({
                "location": s.location(),
                "id": s.id(),
                "state": s.state,
                "api": s.api_url(),
                "name": s.name,
            })
        })
        .collect();
    if let Some(name) = m.get_one::<String>("save-profile") {
        let api_url = match found.servers.as_slice() {
            [one] => one.api_url().ok_or_else(|| {
                CliError::new(
                    Code::NotFound,
                    format!(
                        "console {} has no API URL yet (state {:?})",
                        one.name, one.state
                    ),
                )
            })?,
            [] => {
                return Err(CliError::new(
                    Code::NotFound,
                    format!("no console in project {project}"),
                ));
            }
            more => {
                return Err(CliError::usage(format!(
                    "{} consoles found; name one with --location to save a profile",
                    more.len()
                )));
            }
        };
        let path = crate::config::path(flags.config.as_deref())?;
        let mut config = crate::config::Config::load(&path)?;
        let p = &settings.profile;
        let profile = crate::config::Profile {
            vendor: Some(crate::config::Vendor::Mgmt),
            url: Some(api_url.to_string()),
            auth: Some(settings.auth()),
            impersonate: p.impersonate.clone(),
            password_env: p.password_env.clone(),
            password_command: p.password_command.clone(),
            keyring: p.keyring,
            ..Default::default()
        };
        config.profiles.insert(name.clone(), profile);
        config.save(&path)?;
        eprintln!("profile `{name}` saved in {}", path.display());
    }
    out.print_value(&Value::Array(rows))
}
