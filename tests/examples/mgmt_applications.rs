//! Count, filter and list applications of a Backup and DR management console, against the
//! bundled console simulator.
//!
//! `cargo run -p sdk-tests --example mgmt_applications`. Against a real console, use its URL and
//! a Google token (`gcloud auth print-access-token`, or feature `google-auth`).

use futures::TryStreamExt;
use mgmt_sdk::{Client, Filter, MgmtAuth, Sort};
use sdk_tests::sim::mgmt::{MgmtAuthMode, MgmtSim, MgmtSimConfig};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = MgmtSimConfig::default();
    let MgmtAuthMode::Google { token } = config.auth.clone() else {
        return Err("the default simulator is in Google mode".into());
    };
    let sim = MgmtSim::start(config).await?;
    println!("console simulator on {}", sim.url());

    let client = Client::login(sim.url(), MgmtAuth::google_token(token)).await?;
    let head = client.count_applications().send().await?;
    println!(
        "{:?} applications (HEAD count)",
        mgmt_sdk::actifio_count(head.headers())
    );
    let apps: Vec<_> = client
        .list_applications()
        .sort(Sort::asc("appname"))
        .stream()
        .try_collect()
        .await?;
    println!("listed {} (pages of 1,000)", apps.len());
    let failed = client
        .list_job_statuses()
        .filter(Filter::new().any_of("status", ["failed", "canceled"]))
        .count()
        .await?;
    println!("{failed} failed or canceled jobs");
    client.logout().await?;
    Ok(())
}
