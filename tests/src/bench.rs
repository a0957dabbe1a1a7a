//! Fixtures shared by the benchmarks (`cargo bench -p sdk-tests`): simulators holding large lists,
//! a logged-in SDK client for each, and a bare `reqwest` client holding the same credential, so
//! the same request can be made both ways and decoded into the same generated types.

use futures::TryStreamExt;
use serde_json::json;

use crate::sim::ddmc::{DdmcSim, DdmcSimConfig, SimSystem};
use crate::sim::druva::{DruvaSim, DruvaSimConfig};
use crate::sim::mgmt::{MgmtAuthMode, MgmtSim, MgmtSimConfig};

/// Items per page in the per-call comparisons and the sequential walks (DDMC's maximum).
pub const DDMC_PAGE: u32 = 200;
/// Items per console page (the SDK's default).
pub const MGMT_PAGE: u32 = 1_000;
/// Rows per Druva report page (the API's maximum).
pub const DRUVA_PAGE: i64 = 500;

/// A DDMC simulator with one system of `mtrees` MTrees, and both clients.
pub struct Ddmc {
    /// The simulator.
    pub sim: DdmcSim,
    /// The SDK client.
    pub client: ddmc_sdk::Client,
    /// A bare client and the token it sends.
    pub bare: reqwest::Client,
    token: String,
    system: String,
}

/// Starts a DDMC simulator with one system of `mtrees` MTrees and logs in both ways.
pub async fn ddmc(mtrees: usize) -> Ddmc {
    let config = DdmcSimConfig {
        systems: vec![SimSystem {
            name: "dd-bench.example.com".into(),
            uuid: "bb5bed4adc90ee00:4496a0e4def16e90".into(),
            mtrees,
            capacity_samples: 1,
        }],
        ..DdmcSimConfig::default()
    };
    let credentials =
        ddmc_sdk::DdmcCredentials::new(config.username.clone(), config.password.clone());
    let body = json!({"username": config.username, "password": config.password});
    let sim = DdmcSim::start(config).await.expect("simulator");
    let client = ddmc_sdk::Client::login(sim.url(), credentials)
        .await
        .expect("login");
    let bare = reqwest::Client::new();
    let answer = bare
        .post(format!("{}/rest/v1.0/auth", sim.url()))
        .json(&body)
        .send()
        .await
        .expect("bare login");
    let token = answer.headers()["x-dd-auth-token"]
        .to_str()
        .expect("token")
        .to_string();
    Ddmc {
        sim,
        client,
        bare,
        token,
        system: "bb5bed4adc90ee00%3A4496a0e4def16e90".into(),
    }
}

impl Ddmc {
    /// One page of MTrees through the SDK; returns the item count.
    pub async fn sdk_page(&self) -> usize {
        let page = self
            .client
            .list_mtrees()
            .system_id(self.system.clone())
            .page(0)
            .size(DDMC_PAGE)
            .send()
            .await;
        page.expect("page").into_inner().mtree.len()
    }

    /// The same page with bare reqwest and serde.
    pub async fn bare_page(&self, page: u32) -> usize {
        let url = format!(
            "{}/rest/v1.0/dd-systems/{}/mtrees?page={page}&size={DDMC_PAGE}",
            self.sim.url(),
            self.system
        );
        let answer = self
            .bare
            .get(url)
            .header("X-DD-AUTH-TOKEN", &self.token)
            .send()
            .await
            .expect("bare page");
        answer
            .json::<ddmc_sdk::types::MtreeList>()
            .await
            .expect("decode")
            .mtree
            .len()
    }

    /// Every MTree through the SDK's stream; returns the count.
    pub async fn sdk_walk(&self) -> usize {
        let stream = self
            .client
            .list_mtrees()
            .system_id(self.system.clone())
            .stream();
        stream
            .try_fold(0, |n, _| async move { Ok(n + 1) })
            .await
            .expect("walk")
    }

    /// Every MTree with a bare page loop; returns the count.
    pub async fn bare_walk(&self) -> usize {
        let mut total = 0;
        for page in 0.. {
            let n = self.bare_page(page).await;
            total += n;
            if n < DDMC_PAGE as usize {
                break;
            }
        }
        total
    }
}

/// A console simulator and both clients (Google mode).
pub struct Mgmt {
    /// The simulator.
    pub sim: MgmtSim,
    /// The SDK client.
    pub client: mgmt_sdk::Client,
    /// A bare client.
    pub bare: reqwest::Client,
    token: String,
    session: String,
}

/// Starts a console simulator with `applications` applications and `jobs` jobs, each list page
/// taking `page_latency` to answer, and logs in both ways.
pub async fn mgmt(applications: usize, jobs: usize, page_latency: std::time::Duration) -> Mgmt {
    let config = MgmtSimConfig {
        applications,
        jobs,
        backups: 0,
        page_latency,
        ..MgmtSimConfig::default()
    };
    let token = match &config.auth {
        MgmtAuthMode::Google { token } => token.clone(),
        MgmtAuthMode::OnPrem { .. } => unreachable!("Google mode by default"),
    };
    let sim = MgmtSim::start(config).await.expect("simulator");
    let client =
        mgmt_sdk::Client::login(sim.url(), mgmt_sdk::MgmtAuth::google_token(token.clone()))
            .await
            .expect("login");
    let bare = reqwest::Client::new();
    let session: serde_json::Value = bare
        .post(format!("{}/actifio/session", sim.url()))
        .bearer_auth(&token)
        .header("content-length", "0")
        .send()
        .await
        .expect("bare login")
        .json()
        .await
        .expect("session");
    let session = session["session_id"]
        .as_str()
        .expect("session id")
        .to_string();
    Mgmt {
        sim,
        client,
        bare,
        token,
        session,
    }
}

impl Mgmt {
    /// One page of applications through the SDK.
    pub async fn sdk_page(&self) -> usize {
        let page = self
            .client
            .list_applications()
            .offset(0)
            .limit(MGMT_PAGE)
            .send()
            .await;
        page.expect("page").into_inner().items.len()
    }

    /// The same page with bare reqwest and serde.
    pub async fn bare_page(&self, offset: u64) -> usize {
        let url = format!(
            "{}/actifio/application?offset={offset}&limit={MGMT_PAGE}",
            self.sim.url()
        );
        let answer = self
            .bare
            .get(url)
            .bearer_auth(&self.token)
            .header(
                "backupdr-management-session",
                format!("Actifio {}", self.session),
            )
            .send()
            .await
            .expect("bare page");
        answer
            .json::<mgmt_sdk::types::ListApplicationRest>()
            .await
            .expect("decode")
            .items
            .len()
    }

    /// Every application through the SDK's stream.
    pub async fn sdk_walk(&self) -> usize {
        let stream = self.client.list_applications().stream();
        stream
            .try_fold(0, |n, _| async move { Ok(n + 1) })
            .await
            .expect("walk")
    }

    /// Every application with a bare page loop.
    pub async fn bare_walk(&self) -> usize {
        let mut total = 0;
        loop {
            let n = self.bare_page(total as u64).await;
            total += n;
            if n < MGMT_PAGE as usize {
                return total;
            }
        }
    }

    /// The id of every job, one page at a time or with `concurrency` pages in flight. Each job
    /// is reduced to its id as it arrives, as a caller processing a stream would; collecting
    /// 100,000 whole jobs first would measure the growth of that vector, not the listing.
    pub async fn jobs(&self, concurrency: usize) -> Vec<String> {
        self.client
            .list_job_statuses()
            .stream_parallel(MGMT_PAGE, concurrency)
            .map_ok(|job| job.id.unwrap_or_default())
            .try_collect()
            .await
            .expect("jobs")
    }
}

/// A Druva simulator and both clients.
pub struct Druva {
    /// The simulator.
    pub sim: DruvaSim,
    /// The SDK client.
    pub client: druva_sdk::Client,
    /// A bare client.
    pub bare: reqwest::Client,
    token: String,
}

/// Starts a Druva simulator whose reports have `rows` rows and gets a token both ways.
pub async fn druva(rows: usize) -> Druva {
    let config = DruvaSimConfig {
        report_rows: rows,
        ..DruvaSimConfig::default()
    };
    let credentials =
        druva_sdk::DruvaCredentials::new(config.client_id.clone(), config.secret_key.clone());
    let (id, secret) = (config.client_id.clone(), config.secret_key.clone());
    let sim = DruvaSim::start(config).await.expect("simulator");
    let client = druva_sdk::Client::login(sim.url(), credentials)
        .await
        .expect("token");
    let bare = reqwest::Client::new();
    let answer: serde_json::Value = bare
        .post(format!("{}/token", sim.url()))
        .basic_auth(id, Some(secret))
        .form(&[("grant_type", "client_credentials"), ("scope", "read")])
        .send()
        .await
        .expect("bare token")
        .json()
        .await
        .expect("token");
    let token = answer["access_token"]
        .as_str()
        .expect("access_token")
        .to_string();
    Druva {
        sim,
        client,
        bare,
        token,
    }
}

fn report_request() -> druva_sdk::types::builder::ReportRequest {
    druva_sdk::types::ReportRequest::builder()
        .filters(druva_sdk::types::ReportFilters::builder().page_size(DRUVA_PAGE))
}

impl Druva {
    /// One report page through the SDK.
    pub async fn sdk_page(&self) -> usize {
        let page = self
            .client
            .get_report_data()
            .version("v1")
            .report_id("epLastBackupStatus")
            .body(report_request())
            .send()
            .await;
        page.expect("page").into_inner().data.map_or(0, |d| d.len())
    }

    /// The same page with bare reqwest and serde; returns the rows and the next token.
    pub async fn bare_page(&self, token: Option<&str>) -> (usize, String) {
        let mut body = json!({"filters": {"pageSize": DRUVA_PAGE}});
        if let Some(t) = token {
            body["pageToken"] = json!(t);
        }
        let answer = self
            .bare
            .post(format!(
                "{}/platform/reporting/v1/reports/epLastBackupStatus",
                self.sim.url()
            ))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .expect("bare page");
        let page = answer
            .json::<druva_sdk::types::ReportPage>()
            .await
            .expect("decode");
        (
            page.data.map_or(0, |d| d.len()),
            page.next_page_token.unwrap_or_default(),
        )
    }

    /// Every row through the SDK's stream.
    pub async fn sdk_walk(&self) -> usize {
        let stream = self
            .client
            .get_report_data()
            .version("v1")
            .report_id("epLastBackupStatus")
            .body(report_request())
            .stream();
        stream
            .try_fold(0, |n, _| async move { Ok(n + 1) })
            .await
            .expect("walk")
    }

    /// Every row with a bare page loop.
    pub async fn bare_walk(&self) -> usize {
        let (mut total, mut next) = self.bare_page(None).await;
        while !next.is_empty() {
            let (n, t) = self.bare_page(Some(&next)).await;
            total += n;
            next = t;
        }
        total
    }
}
