//! Dropping a client leaves nothing running: the simulators run on a runtime of their own, and
//! on the client's runtime no task outlives the dropped clients (the SDKs spawn no refresh or
//! keep-alive task; reqwest's connection tasks end with the connections).

use std::time::Duration;

use sdk_tests::sim;

#[test]
fn a_dropped_client_leaves_no_task_behind() {
    let servers = tokio::runtime::Runtime::new().expect("server runtime");
    let (druva, ddmc) = servers.block_on(async {
        let druva = sim::druva::DruvaSim::start(sim::druva::DruvaSimConfig::default())
            .await
            .expect("sim");
        let ddmc = sim::ddmc::DdmcSim::start(sim::ddmc::DdmcSimConfig::default())
            .await
            .expect("sim");
        (druva, ddmc)
    });
    let druva_config = sim::druva::DruvaSimConfig::default();
    let ddmc_config = sim::ddmc::DdmcSimConfig::default();

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    rt.block_on(async {
        let metrics = tokio::runtime::Handle::current().metrics();
        assert_eq!(metrics.num_alive_tasks(), 0);
        let credentials =
            druva_sdk::DruvaCredentials::new(druva_config.client_id, druva_config.secret_key);
        let client = druva_sdk::Client::login(druva.url(), credentials)
            .await
            .expect("token");
        client.list_users().send().await.expect("call");
        let credentials =
            ddmc_sdk::DdmcCredentials::new(ddmc_config.username, ddmc_config.password);
        let other = ddmc_sdk::Client::login(ddmc.url(), credentials)
            .await
            .expect("login");
        other.get_system().send().await.expect("call");
        assert!(
            metrics.num_alive_tasks() > 0,
            "connection tasks run while the clients live"
        );
        drop(client);
        drop(other);

        let mut alive = metrics.num_alive_tasks();
        for _ in 0..100 {
            if alive == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
            alive = metrics.num_alive_tasks();
        }
        assert_eq!(alive, 0, "no task outlives the dropped clients");
    });
    drop((druva, ddmc));
}
