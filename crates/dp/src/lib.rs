//! `dp`: one command line for Dell DDMC / PowerProtect DD, the Google Cloud Backup and DR
//! management console (and on-premises AGM) and Druva, over the workspace's SDKs: every API
//! operation as a generated command, the everyday verbs by hand, profiles, and output for people
//! and scripts. The crate README is the user's guide; `dp --help` shows examples.
//!
//! The library half exists so that tests reach the internals; the binary is `src/main.rs`.

#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

pub mod config;
pub mod connect;
pub mod exit;
pub mod export;
pub mod gen_support;
pub mod output;
pub mod report;
pub mod verbs;

/// The generated commands of each API (`cargo xtask generate`; do not edit).
#[allow(clippy::all, missing_docs, unused_mut, unused_variables)]
#[rustfmt::skip]
pub mod generated {
    #[path = "ddmc.rs"]
    pub mod ddmc;
    #[path = "druva.rs"]
    pub mod druva;
    #[path = "mgmt.rs"]
    pub mod mgmt;
}

use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};

use config::{Config, Profile, Vendor};
use connect::{Flags, Settings};
use exit::CliError;
use output::{Format, Output};

const EXAMPLES: &str = "\
Examples:
  # DDMC: every mtree of a system, all pages, as a table on a terminal or JSON in a pipe
  DP_URL=https://ddmc:3009 DP_USER=sysadmin DP_SECRET=... dp ddmc mtrees list-mtrees --system-id ID
  # the same through a profile, as CSV, the first 10 only
  dp profile add lab --vendor ddmc --url https://ddmc:3009 --user sysadmin --password-env LAB_PW
  dp -p lab ddmc mtrees list-mtrees --system-id ID -o csv --limit 10
  # console: how many applications match a filter, then a backup now followed to its end
  dp -p console mgmt applications list-applications --filter apptype:==SqlServerWriter --count
  dp -p console mgmt backup-now 4242 --policy-id 77 --wait --timeout 3600
  # a body from a template
  dp mgmt applications update-application --body-template > body.json
  # Druva: new inSync events since the last run, one JSON per line
  dp -p druva druva events follow --state events.tracker
  # Druva: a report into SQLite, then only what changed since
  dp -p druva druva report export --report epLastBackupStatus --sqlite estate.db
  dp -p druva druva report export --report epLastBackupStatus --sqlite estate.db --incremental
  # try it all without a real system
  cargo run --bin simulators";

fn global(arg: Arg) -> Arg {
    arg.global(true)
        .hide_env_values(true)
        .help_heading("Global options")
}

/// The whole command tree.
pub fn command() -> Command {
    let ddmc = Command::new("ddmc")
        .about("Dell PowerProtect DD Management Center / DD REST API")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommands(generated::ddmc::commands())
        .mut_subcommand("tasks", |c| c.subcommands(verbs::ddmc_task_commands()));
    let mgmt = Command::new("mgmt")
        .about("Google Cloud Backup and DR management console (and on-premises AGM)")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommands(generated::mgmt::commands())
        .subcommands(verbs::mgmt_commands())
        .mut_subcommand("jobs", |c| c.subcommands(verbs::mgmt_job_commands()));
    let druva = Command::new("druva")
        .about("Druva Cloud Platform (Platform, inSync, Enterprise Workloads, Cyber Resilience, MSP, job management, Microsoft 365)")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommands(generated::druva::commands())
        .subcommands(verbs::druva_commands())
        .subcommand(report::command());
    Command::new("dp")
        .version(env!("CARGO_PKG_VERSION"))
        .about("One command line for DDMC, the Backup and DR console and Druva: every API operation, every page, typed errors")
        .after_help(format!("{EXAMPLES}\n\n{}", exit::HELP))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(global(
            Arg::new("output")
                .short('o')
                .long("output")
                .value_name("FORMAT")
                .value_parser(Format::NAMES)
                .help("Output format [default: table on a terminal, else json]"),
        ))
        .arg(global(
            Arg::new("profile")
                .value_name("PROFILE")
                .short('p')
                .long("profile")
                .env("DP_PROFILE")
                .help("The profile to use (`dp profile list`)"),
        ))
        .arg(global(
            Arg::new("config")
                .value_name("FILE")
                .long("config")
                .env("DP_CONFIG")
                .value_parser(clap::value_parser!(std::path::PathBuf))
                .help("The config file [default: the platform's config dir, dp/config.toml]"),
        ))
        .arg(global(
            Arg::new("url")
                .value_name("URL")
                .long("url")
                .env("DP_URL")
                .help("Base URL of the API (overrides the profile's)"),
        ))
        .arg(global(
            Arg::new("user")
                .value_name("USER")
                .long("user")
                .env("DP_USER")
                .help("DDMC or AGM user, or Druva client id; the secret comes from DP_SECRET or the profile"),
        ))
        .arg(global(
            Arg::new("auth")
                .value_name("KIND")
                .long("auth")
                .env("DP_AUTH")
                .help("password | google-token | google-adc | google-impersonate | agm | client-credentials | msp"),
        ))
        .arg(global(
            Arg::new("impersonate")
                .value_name("ACCOUNT")
                .long("impersonate")
                .env("DP_IMPERSONATE")
                .help("Service account to impersonate (google-impersonate)"),
        ))
        .arg(global(
            Arg::new("ca-file")
                .value_name("PEM")
                .long("ca-file")
                .env("DP_CA_FILE")
                .value_parser(clap::value_parser!(std::path::PathBuf))
                .help("PEM file of a CA to trust"),
        ))
        .arg(global(
            Arg::new("cert-sha256")
                .value_name("SHA256")
                .long("cert-sha256")
                .env("DP_CERT_SHA256")
                .help("Pin the server certificate by its SHA-256 fingerprint"),
        ))
        .arg(global(
            Arg::new("accept-invalid-certs")
                .long("accept-invalid-certs")
                .env("DP_ACCEPT_INVALID_CERTS")
                .action(ArgAction::SetTrue)
                .help("Accept any certificate (dangerous; prefer --cert-sha256)"),
        ))
        .subcommand(ddmc)
        .subcommand(mgmt)
        .subcommand(druva)
        .subcommand(profile_command())
        .subcommand(
            Command::new("completions")
                .about("Print a shell completion script (bash, zsh, fish, powershell, elvish)")
                .arg(
                    Arg::new("shell")
                        .required(true)
                        .value_parser(clap::value_parser!(clap_complete::Shell)),
                ),
        )
}

fn profile_command() -> Command {
    Command::new("profile")
        .about("Named connection settings (never secrets) in the config file")
        .subcommand_required(true)
        .subcommand(
            Command::new("add")
                .about("Add or replace a profile")
                .arg(Arg::new("name").required(true))
                .arg(
                    Arg::new("vendor")
                        .long("vendor")
                        .required(true)
                        .value_parser(["ddmc", "mgmt", "druva"]),
                )
                .arg(
                    Arg::new("password-env")
                        .long("password-env")
                        .help("Environment variable holding the secret"),
                )
                .arg(
                    Arg::new("password-command")
                        .long("password-command")
                        .help("Command printing the secret on its first line"),
                )
                .arg(
                    Arg::new("keyring")
                        .long("keyring")
                        .action(ArgAction::SetTrue)
                        .help("Read the secret from stdin now and keep it in the OS keyring"),
                )
                .arg(
                    Arg::new("default")
                        .long("default")
                        .action(ArgAction::SetTrue)
                        .help("Make it the default profile"),
                ),
        )
        .subcommand(Command::new("list").about("List the profiles"))
        .subcommand(
            Command::new("test")
                .about("Log in with a profile (and log out)")
                .arg(Arg::new("name").required(true)),
        )
        .subcommand(
            Command::new("remove")
                .about("Remove a profile")
                .arg(Arg::new("name").required(true)),
        )
}

fn flags(m: &ArgMatches) -> Flags {
    let s = |id: &str| m.get_one::<String>(id).cloned();
    Flags {
        config: m.get_one::<std::path::PathBuf>("config").cloned(),
        profile: s("profile"),
        url: s("url"),
        user: s("user"),
        auth: s("auth"),
        impersonate: s("impersonate"),
        ca_file: m.get_one::<std::path::PathBuf>("ca-file").cloned(),
        cert_sha256: s("cert-sha256"),
        accept_invalid_certs: m.get_flag("accept-invalid-certs"),
    }
}

/// Runs `dp` with the process's arguments and returns its exit code.
pub fn main() -> ExitCode {
    let matches = match command().try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("dp: error: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(async {
        tokio::select! {
            r = run(&matches) => r,
            _ = tokio::signal::ctrl_c() => Err(CliError::other("interrupted")),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.code == exit::Code::Ok => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dp: {e}");
            ExitCode::from(e.code.as_u8())
        }
    }
}

/// The leaf of a command path: the names from the vendor down, and the leaf's matches.
fn leaf(m: &ArgMatches) -> (Vec<&str>, &ArgMatches) {
    let mut names = Vec::new();
    let mut at = m;
    while let Some((name, sub)) = at.subcommand() {
        names.push(name);
        at = sub;
    }
    (names, at)
}

/// Runs the parsed command line.
pub async fn run(m: &ArgMatches) -> Result<(), CliError> {
    let format = m
        .get_one::<String>("output")
        .map(|f| Format::parse(f))
        .transpose()?;
    let (path, lm) = leaf(m);
    let flags = flags(lm);
    let follow = matches!(
        path.as_slice(),
        [_, "events", "follow"] | [_, "jobs", "watch"]
    );
    let mut out = Output::stdout(format.or(if follow { Some(Format::Ndjson) } else { None }));
    match path.as_slice() {
        ["completions"] => {
            let shell = *lm
                .get_one::<clap_complete::Shell>("shell")
                .ok_or_else(|| CliError::usage("which shell?"))?;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(), "dp", &mut script);
            out.raw(&String::from_utf8_lossy(&script))
        }
        ["profile", sub] => profile(sub, lm, &flags, &mut out).await,
        [vendor, rest @ ..] => {
            let vendor = Vendor::parse(vendor)?;
            let name = rest.last().copied().unwrap_or_default();
            if lm.try_get_one::<bool>("body-template").ok().flatten() == Some(&true) {
                let template = match vendor {
                    Vendor::Ddmc => generated::ddmc::body_template(name),
                    Vendor::Mgmt => generated::mgmt::body_template(name),
                    Vendor::Druva => generated::druva::body_template(name),
                };
                let t = template.ok_or_else(|| CliError::usage(format!("{name} takes no body")))?;
                return out.raw(&format!("{t}\n"));
            }
            let settings = Settings::resolve(&flags, vendor)?;
            match vendor {
                Vendor::Ddmc => {
                    let client = settings.ddmc().await?;
                    let r = match rest {
                        ["tasks", "wait"] => verbs::ddmc_wait(&client, lm, &mut out).await,
                        _ => generated::ddmc::run(&client, name, lm, &mut out).await,
                    };
                    let _ = client.logout().await;
                    r
                }
                Vendor::Mgmt if rest == ["consoles"] => {
                    verbs::mgmt_consoles(&settings, lm, &flags, &mut out).await
                }
                Vendor::Mgmt => {
                    let client = settings.mgmt().await?;
                    let r = match rest {
                        [
                            verb @ ("backup-now" | "mount" | "unmount" | "restore" | "clone"
                            | "expire"),
                        ] => verbs::run_mgmt_action(&client, verb, lm, &mut out).await,
                        ["jobs", "follow"] => verbs::mgmt_follow(&client, lm, &mut out).await,
                        ["jobs", "watch"] => verbs::mgmt_watch(&client, lm, &mut out).await,
                        _ => generated::mgmt::run(&client, name, lm, &mut out).await,
                    };
                    let _ = client.logout().await;
                    r
                }
                Vendor::Druva => {
                    let client = settings.druva().await?;
                    match rest {
                        ["events", "follow"] => verbs::druva_follow(&client, lm, &mut out).await,
                        ["report", "export"] => {
                            let args = report::args(lm)?;
                            let mut progress: Box<dyn std::io::Write> = if out.progress() {
                                Box::new(std::io::stderr())
                            } else {
                                Box::new(std::io::sink())
                            };
                            let summary = report::run(&client, &args, &mut progress).await?;
                            eprint!("{summary}");
                            Ok(())
                        }
                        _ => generated::druva::run(&client, name, lm, &mut out).await,
                    }
                }
            }
        }
        [] => Err(CliError::usage("no command (see dp --help)")),
    }
}

async fn profile(
    sub: &str,
    m: &ArgMatches,
    flags: &Flags,
    out: &mut Output,
) -> Result<(), CliError> {
    let path = config::path(flags.config.as_deref())?;
    let mut config = Config::load(&path)?;
    let name = m
        .try_get_one::<String>("name")
        .ok()
        .flatten()
        .cloned()
        .unwrap_or_default();
    match sub {
        "add" => {
            let vendor = Vendor::parse(m.get_one::<String>("vendor").map_or("", |s| s))?;
            let profile = Profile {
                vendor: Some(vendor),
                url: flags.url.clone(),
                user: flags.user.clone(),
                auth: flags
                    .auth
                    .as_deref()
                    .map(config::AuthKind::parse)
                    .transpose()?,
                impersonate: flags.impersonate.clone(),
                ca_file: flags.ca_file.clone(),
                cert_sha256: flags.cert_sha256.clone(),
                accept_invalid_certs: flags.accept_invalid_certs,
                password_env: m.get_one::<String>("password-env").cloned(),
                password_command: m.get_one::<String>("password-command").cloned(),
                keyring: m.get_flag("keyring"),
            };
            if profile.keyring {
                store_in_keyring(&name)?;
            }
            config.profiles.insert(name.clone(), profile);
            if m.get_flag("default") {
                config.default = Some(name.clone());
            }
            config.save(&path)?;
            eprintln!("profile `{name}` saved in {}", path.display());
            Ok(())
        }
        "list" => {
            let rows: Vec<serde_json::Value> = config
                .profiles
                .iter()
                .map(|(n, p)| {
                    let mut v = serde_json::to_value(p).unwrap_or_default();
                    v["name"] = serde_json::json!(n);
                    v["default"] = serde_json::json!(config.default.as_deref() == Some(n));
                    v
                })
                .collect();
            out.print_value(&serde_json::Value::Array(rows))
        }
        "test" => {
            let p = config.profile(&name)?;
            let vendor = p
                .vendor
                .ok_or_else(|| CliError::usage(format!("profile `{name}` names no vendor")))?;
            let mut f = flags.clone();
            f.profile = Some(name.clone());
            let settings = Settings::resolve(&f, vendor)?;
            let url = settings.url()?;
            match vendor {
                Vendor::Ddmc => settings.ddmc().await?.logout().await?,
                Vendor::Mgmt => settings.mgmt().await?.logout().await?,
                Vendor::Druva => drop(settings.druva().await?),
            }
            out.print_value(&serde_json::json!({"profile": name, "url": url, "login": "ok"}))
        }
        "remove" => {
            if config.profiles.remove(&name).is_none() {
                return Err(CliError::usage(format!("no profile `{name}`")));
            }
            if config.default.as_deref() == Some(name.as_str()) {
                config.default = None;
            }
            config.save(&path)?;
            #[cfg(feature = "keyring")]
            if let Ok(entry) = config::keyring_entry(&name) {
                let _ = entry.delete_credential();
            }
            Ok(())
        }
        other => Err(CliError::usage(format!(
            "unknown profile command `{other}`"
        ))),
    }
}

#[cfg(feature = "keyring")]
fn store_in_keyring(name: &str) -> Result<(), CliError> {
    eprintln!("secret for profile `{name}` (one line on stdin):");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    let secret = line.trim_end_matches(['\r', '\n']);
    if secret.is_empty() {
        return Err(CliError::usage("no secret given on stdin"));
    }
    config::keyring_entry(name)?
        .set_password(secret)
        .map_err(|e| CliError::other(format!("cannot store the secret in the OS keyring: {e}")))
}

#[cfg(not(feature = "keyring"))]
fn store_in_keyring(_name: &str) -> Result<(), CliError> {
    Err(CliError::usage(
        "this dp was built without the `keyring` feature: use --password-env or --password-command",
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_tree_is_consistent() {
        super::command().debug_assert();
    }
}
