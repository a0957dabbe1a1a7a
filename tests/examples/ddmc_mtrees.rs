//! Every mtree of every system a DDMC manages, all pages, against the bundled DDMC simulator.
//!
//! `cargo run -p sdk-tests --example ddmc_mtrees`. Against a real DDMC, replace the simulator's
//! URL and credentials with yours (and see `HttpOptions::with_ca_pem` for an appliance CA).

use ddmc_sdk::{Client, DdmcCredentials};
use futures::TryStreamExt;
use sdk_tests::sim::ddmc::{DdmcSim, DdmcSimConfig};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = DdmcSimConfig::default();
    let credentials = DdmcCredentials::new(config.username.clone(), config.password.clone());
    let sim = DdmcSim::start(config).await?;
    println!("DDMC simulator on {}", sim.url());

    let client = Client::login(sim.url(), credentials).await?;
    let systems: Vec<_> = client.list_dd_systems().stream().try_collect().await?;
    for system in &systems {
        // Ids come back already URL-encoded (`…%3A…`) and are passed verbatim.
        let id = system.id.clone().unwrap_or_default();
        let mtrees: Vec<_> = client
            .list_mtrees()
            .system_id(id)
            .stream()
            .try_collect()
            .await?;
        println!(
            "{}: {} mtrees",
            system.name.as_deref().unwrap_or("?"),
            mtrees.len()
        );
    }
    client.logout().await?;
    Ok(())
}
