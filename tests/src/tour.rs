//! The read-only tour behind `cargo run --bin tour`: drives the three SDKs end to end and prints
//! what it found, per API. Each API runs against its bundled simulator unless the environment
//! names a real system (see the README); against real systems it only logs in, reads and logs
//! out, and never prints a secret.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use futures::TryStreamExt;

use crate::sim;

/// Where one API's tour runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<C> {
    /// Start the bundled simulator.
    Simulator,
    /// A real system, configured from the environment.
    Real(C),
}

/// DDMC settings read from `DDMC_URL`, `DDMC_USERNAME`, `DDMC_PASSWORD`, `DDMC_CERT_SHA256`,
/// `DDMC_CA_CERT`, `DDMC_ACCEPT_INVALID_CERTS`.
#[derive(Clone, PartialEq, Eq)]
pub struct DdmcEnv {
    url: String,
    username: String,
    password: String,
    ca_cert: Option<String>,
    cert_sha256: Option<String>,
    accept_invalid_certs: bool,
}

/// Console settings read from `MGMT_URL` and `MGMT_TOKEN`.
#[derive(Clone, PartialEq, Eq)]
pub struct MgmtEnv {
    url: String,
    token: String,
}

/// Druva settings read from `DRUVA_URL` (optional), `DRUVA_CLIENT_ID`, `DRUVA_SECRET_KEY`.
#[derive(Clone, PartialEq, Eq)]
pub struct DruvaEnv {
    url: String,
    client_id: String,
    secret_key: String,
}

macro_rules! redacted_debug {
    ($($t:ty: $($field:ident),*;)*) => {$(
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut d = f.debug_struct(stringify!($t));
                $(d.field(stringify!($field), &self.$field);)*
                d.finish_non_exhaustive()
            }
        }
    )*};
}
redacted_debug! {
    DdmcEnv: url, username, ca_cert, cert_sha256, accept_invalid_certs;
    MgmtEnv: url;
    DruvaEnv: url, client_id;
}

/// The tour's configuration: one target per API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TourConfig {
    /// DDMC target.
    pub ddmc: Target<DdmcEnv>,
    /// Management console target.
    pub mgmt: Target<MgmtEnv>,
    /// Druva target.
    pub druva: Target<DruvaEnv>,
}

impl TourConfig {
    /// Everything against the simulators.
    pub fn simulators() -> Self {
        Self {
            ddmc: Target::Simulator,
            mgmt: Target::Simulator,
            druva: Target::Simulator,
        }
    }

    /// Reads the environment through `get`; an API whose variables are all set runs for real,
    /// one with some but not all set is an error naming the missing ones.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let get = |k: &str| get(k).filter(|v| !v.trim().is_empty());
        let all = |keys: &[&str]| -> Result<Option<Vec<String>>, String> {
            let values: Vec<Option<String>> = keys.iter().map(|k| get(k)).collect();
            if values.iter().all(Option::is_none) {
                return Ok(None);
            }
            let missing: Vec<&str> = keys
                .iter()
                .zip(&values)
                .filter(|(_, v)| v.is_none())
                .map(|(k, _)| *k)
                .collect();
            if missing.is_empty() {
                Ok(Some(values.into_iter().flatten().collect()))
            } else {
                Err(format!(
                    "set {} too (or none of {})",
                    missing.join(", "),
                    keys.join(", ")
                ))
            }
        };
        let ddmc = match all(&["DDMC_URL", "DDMC_USERNAME", "DDMC_PASSWORD"])? {
            None => Target::Simulator,
            Some(v) => Target::Real(DdmcEnv {
                url: v[0].clone(),
                username: v[1].clone(),
                password: v[2].clone(),
                ca_cert: get("DDMC_CA_CERT"),
                cert_sha256: get("DDMC_CERT_SHA256"),
                accept_invalid_certs: get("DDMC_ACCEPT_INVALID_CERTS")
                    .is_some_and(|v| v == "1" || v == "true"),
            }),
        };
        let mgmt = match all(&["MGMT_URL", "MGMT_TOKEN"])? {
            None => Target::Simulator,
            Some(v) => Target::Real(MgmtEnv {
                url: v[0].clone(),
                token: v[1].clone(),
            }),
        };
        let druva = match all(&["DRUVA_CLIENT_ID", "DRUVA_SECRET_KEY"])? {
            None => Target::Simulator,
            Some(v) => Target::Real(DruvaEnv {
                url: get("DRUVA_URL").unwrap_or_else(|| druva_sdk::DEFAULT_URL.to_string()),
                client_id: v[0].clone(),
                secret_key: v[1].clone(),
            }),
        };
        Ok(Self { ddmc, mgmt, druva })
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A section of the printed summary.
struct Section {
    text: String,
}

impl Section {
    fn new(title: &str, target: &str) -> Self {
        Self {
            text: format!("{title} — {target}\n"),
        }
    }

    fn line(&mut self, what: impl std::fmt::Display, took: Option<Duration>) {
        let what = what.to_string();
        match took {
            Some(d) => {
                let _ = writeln!(
                    self.text,
                    "  {what:<64} {:>8.1} ms",
                    d.as_secs_f64() * 1000.0
                );
            }
            None => {
                let _ = writeln!(self.text, "  {what}");
            }
        }
    }
}

async fn timed<T, E, F: std::future::Future<Output = Result<T, E>>>(
    f: F,
) -> Result<(T, Duration), E> {
    let started = Instant::now();
    let v = f.await?;
    Ok((v, started.elapsed()))
}

fn pages(items: usize, page_size: usize) -> usize {
    items.div_ceil(page_size).max(1)
}

/// What the tour printed and how many APIs failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TourReport {
    /// The printed summary, one section per API.
    pub text: String,
    /// Number of APIs whose tour failed (their section names the error).
    pub failures: usize,
}

/// Runs the tour of every API (a failing API does not stop the others).
pub async fn run(config: &TourConfig) -> TourReport {
    let mut text = String::from("Data-protection SDK tour (read-only)\n\n");
    let mut failures = 0;
    let sections = [
        ("DDMC", ddmc(&config.ddmc).await),
        ("Management console", mgmt(&config.mgmt).await),
        ("Druva", druva(&config.druva).await),
    ];
    for (name, section) in sections {
        match section {
            Ok(s) => text.push_str(&s.text),
            Err(e) => {
                failures += 1;
                let _ = writeln!(text, "{name} — FAILED: {e}");
            }
        }
        text.push('\n');
    }
    TourReport { text, failures }
}

async fn ddmc(target: &Target<DdmcEnv>) -> Result<Section, BoxError> {
    use ddmc_sdk::{Client, DdmcCredentials, HttpOptions};
    let (sim, url, username, password, options) = match target {
        Target::Simulator => {
            let config = sim::ddmc::DdmcSimConfig::default();
            let (user, pass) = (config.username.clone(), config.password.clone());
            let sim = sim::ddmc::DdmcSim::start(config).await?;
            let url = sim.url().to_string();
            (Some(sim), url, user, pass, HttpOptions::default())
        }
        Target::Real(env) => {
            let mut options = HttpOptions::default();
            if let Some(path) = &env.ca_cert {
                options = options.with_ca_pem(
                    std::fs::read(path).map_err(|e| format!("DDMC_CA_CERT {path}: {e}"))?,
                );
            }
            if let Some(fingerprint) = &env.cert_sha256 {
                options = options.with_pinned_certificate_sha256(fingerprint.clone());
            }
            options = options.danger_accept_invalid_certs(env.accept_invalid_certs);
            (
                None,
                env.url.clone(),
                env.username.clone(),
                env.password.clone(),
                options,
            )
        }
    };
    let mut s = Section::new(
        "DDMC",
        &where_(&sim.as_ref().map(|s| s.url().to_string()), &url),
    );
    let (client, took) = timed(Client::login_with(
        &url,
        DdmcCredentials::new(username.clone(), password),
        options,
    ))
    .await?;
    s.line(format!("logged in as {username}"), Some(took));
    let (system, took) = timed(client.get_system().send()).await?;
    s.line(
        format!(
            "system {} ({}, {})",
            system.name.as_deref().unwrap_or("?"),
            system.model.as_deref().unwrap_or("?"),
            system.version.as_deref().unwrap_or("?")
        ),
        Some(took),
    );
    let (systems, took) =
        timed(client.list_dd_systems_v3().stream().try_collect::<Vec<_>>()).await?;
    s.line(
        format!(
            "{} DD systems in {} page(s) of ≤200",
            systems.len(),
            pages(systems.len(), 200)
        ),
        Some(took),
    );
    let mut total_mtrees = 0;
    for system in &systems {
        let id = system.id.clone().unwrap_or_default();
        let (mtrees, took) = timed(
            client
                .list_mtrees()
                .system_id(id.clone())
                .stream()
                .try_collect::<Vec<_>>(),
        )
        .await?;
        total_mtrees += mtrees.len();
        let (stats, _) = timed(
            client
                .get_capacity_stats()
                .system_id(id.clone())
                .stream()
                .try_collect::<Vec<_>>(),
        )
        .await?;
        let (alerts, _) = timed(
            client
                .list_alerts()
                .system_id(id)
                .stream()
                .try_collect::<Vec<_>>(),
        )
        .await?;
        let latest = stats
            .iter()
            .max_by_key(|c| c.collection_epoch.unwrap_or_default());
        let used = latest.and_then(|c| c.physical_capacity.as_ref()).map(|p| {
            format!(
                "{} of {} used",
                gib(p.used.unwrap_or_default()),
                gib(p.total.unwrap_or_default())
            )
        });
        s.line(
            format!(
                "  {}: {} mtrees in {} page(s); {} capacity samples{}; {} alerts",
                system.name.as_deref().unwrap_or("?"),
                mtrees.len(),
                pages(mtrees.len(), 200),
                stats.len(),
                used.map(|u| format!(", latest {u}")).unwrap_or_default(),
                alerts.len()
            ),
            Some(took),
        );
    }
    s.line(format!("{total_mtrees} mtrees in all"), None);
    let ((), took) = timed(client.logout()).await?;
    s.line("logged out", Some(took));
    if let Some(sim) = sim {
        s.line(
            format!(
                "{} requests reached the simulator",
                sim.wire().records().len()
            ),
            None,
        );
    }
    Ok(s)
}

async fn mgmt(target: &Target<MgmtEnv>) -> Result<Section, BoxError> {
    use mgmt_sdk::{Client, MgmtAuth, actifio_count};
    let (sim, url, token) = match target {
        Target::Simulator => {
            let config = sim::mgmt::MgmtSimConfig::default();
            let token = match &config.auth {
                sim::mgmt::MgmtAuthMode::Google { token } => token.clone(),
                sim::mgmt::MgmtAuthMode::OnPrem { .. } => {
                    return Err("the tour expects a Google-mode simulator".into());
                }
            };
            let sim = sim::mgmt::MgmtSim::start(config).await?;
            let url = sim.url().to_string();
            (Some(sim), url, token)
        }
        Target::Real(env) => (None, env.url.clone(), env.token.clone()),
    };
    let mut s = Section::new(
        "Management console",
        &where_(&sim.as_ref().map(|s| s.url().to_string()), &url),
    );
    let (client, took) = timed(Client::login(&url, MgmtAuth::google_token(token))).await?;
    s.line("session opened with a Google bearer token", Some(took));
    let (version, took) = timed(client.get_version().send()).await?;
    s.line(
        format!(
            "console {} {}",
            version.product.as_deref().unwrap_or("?"),
            version.summary.as_deref().unwrap_or("?")
        ),
        Some(took),
    );
    let (head, took) = timed(client.count_applications().send()).await?;
    let counted = actifio_count(head.headers());
    s.line(
        format!("HEAD /application: {} applications", opt(counted)),
        Some(took),
    );
    let (apps, took) = timed(client.list_applications().stream().try_collect::<Vec<_>>()).await?;
    s.line(
        format!(
            "{} applications listed in {} page(s) of ≤1000",
            apps.len(),
            pages(apps.len(), 1000)
        ),
        Some(took),
    );
    let (head, _) = timed(client.count_backups().send()).await?;
    let (backups, took) = timed(client.list_backups().stream().try_collect::<Vec<_>>()).await?;
    s.line(
        format!(
            "{} backups listed in {} page(s) (HEAD said {})",
            backups.len(),
            pages(backups.len(), 1000),
            opt(actifio_count(head.headers()))
        ),
        Some(took),
    );
    let (jobs, took) = timed(client.list_job_statuses().stream().try_collect::<Vec<_>>()).await?;
    let running = jobs
        .iter()
        .filter(|j| j.status.as_deref() == Some("running"))
        .count();
    s.line(
        format!("{} jobs ({} running)", jobs.len(), running),
        Some(took),
    );
    let ((), took) = timed(client.logout()).await?;
    s.line("logged out", Some(took));
    if let Some(sim) = sim {
        s.line(
            format!(
                "{} requests reached the simulator",
                sim.wire().records().len()
            ),
            None,
        );
    }
    Ok(s)
}

async fn druva(target: &Target<DruvaEnv>) -> Result<Section, BoxError> {
    use druva_sdk::{Client, DruvaCredentials, types};
    let (sim, url, id, secret) = match target {
        Target::Simulator => {
            let config = sim::druva::DruvaSimConfig::default();
            let (id, secret) = (config.client_id.clone(), config.secret_key.clone());
            let sim = sim::druva::DruvaSim::start(config).await?;
            let url = sim.url().to_string();
            (Some(sim), url, id, secret)
        }
        Target::Real(env) => (
            None,
            env.url.clone(),
            env.client_id.clone(),
            env.secret_key.clone(),
        ),
    };
    let mut s = Section::new(
        "Druva",
        &where_(&sim.as_ref().map(|s| s.url().to_string()), &url),
    );
    let (client, took) = timed(Client::login(&url, DruvaCredentials::new(id, secret))).await?;
    s.line("access token obtained (client credentials)", Some(took));
    let (reports, took) = timed(client.list_reports().send()).await?;
    let reports = reports.into_inner().reports.unwrap_or_default();
    s.line(format!("{} reports available", reports.len()), Some(took));
    let request =
        types::ReportRequest::builder().filters(types::ReportFilters::builder().page_size(500));
    let (rows, took) = timed(
        client
            .get_report_data()
            .version("v1")
            .report_id("epLastBackupStatus")
            .body(request)
            .stream()
            .try_collect::<Vec<_>>(),
    )
    .await?;
    s.line(
        format!(
            "epLastBackupStatus: {} rows in {} page(s) of ≤500",
            rows.len(),
            pages(rows.len(), 500)
        ),
        Some(took),
    );
    let (mappings, took) = timed(
        client
            .list_device_mappings()
            .stream()
            .try_collect::<Vec<_>>(),
    )
    .await?;
    s.line(format!("{} device mappings", mappings.len()), Some(took));
    let (users, took) = timed(client.list_users().stream().try_collect::<Vec<_>>()).await?;
    s.line(format!("{} users", users.len()), Some(took));
    let ((), took) = timed(client.logout()).await?;
    s.line("token discarded", Some(took));
    if let Some(sim) = sim {
        s.line(
            format!(
                "{} requests reached the simulator",
                sim.wire().records().len()
            ),
            None,
        );
    }
    Ok(s)
}

fn where_(sim: &Option<String>, url: &str) -> String {
    match sim {
        Some(u) => format!("simulator at {u}"),
        None => url.to_string(),
    }
}

fn opt(v: Option<u64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "?".into())
}

fn gib(bytes: i64) -> String {
    format!("{:.1} GiB", bytes as f64 / (1u64 << 30) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_environment_names_what_is_missing() {
        let env = |k: &str| (k == "DDMC_URL").then(|| "https://dd:3009".to_string());
        let err = TourConfig::from_env(env).unwrap_err();
        assert!(err.contains("DDMC_USERNAME, DDMC_PASSWORD"), "{err}");
        assert_eq!(
            TourConfig::from_env(|_| None).unwrap(),
            TourConfig::simulators()
        );
    }

    #[test]
    fn debug_of_the_environment_hides_secrets() {
        let env = |k: &str| match k {
            "MGMT_URL" => Some("https://console".to_string()),
            "MGMT_TOKEN" => Some("ya29.SECRET".to_string()),
            _ => None,
        };
        let config = TourConfig::from_env(env).unwrap();
        assert!(!format!("{config:?}").contains("SECRET"));
    }
}
