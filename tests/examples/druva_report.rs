//! Device mappings and every row of a Druva report, against the bundled Druva simulator.
//!
//! `cargo run -p sdk-tests --example druva_report`. Against Druva, use
//! `Client::connect(DruvaCredentials::new(client_id, secret_key))` (or `Client::login` with a
//! regional or GovCloud URL).

use druva_sdk::{Client, DruvaCredentials, types};
use futures::TryStreamExt;
use sdk_tests::sim::druva::{DruvaSim, DruvaSimConfig};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = DruvaSimConfig::default();
    let credentials = DruvaCredentials::new(config.client_id.clone(), config.secret_key.clone());
    let sim = DruvaSim::start(config).await?;
    println!("Druva simulator on {}", sim.url());

    let client = Client::login(sim.url(), credentials).await?;
    let mappings: Vec<_> = client.list_device_mappings().stream().try_collect().await?;
    println!("{} device mappings", mappings.len());
    let rows: Vec<_> = client
        .get_report_data()
        .version("v1")
        .report_id(druva_sdk::reports::report_id::EP_LAST_BACKUP_STATUS)
        .body(
            types::ReportRequest::builder().filters(types::ReportFilters::builder().page_size(500)),
        )
        .stream()
        .try_collect()
        .await?;
    println!("epLastBackupStatus: {} rows", rows.len());
    Ok(())
}
