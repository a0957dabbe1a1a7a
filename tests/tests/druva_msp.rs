//! Druva MSP (`/msp`), customer-scoped tokens, job management (`/unity`) and the Microsoft 365 /
//! Google Workspace app status, through the real SDK against the simulator: every new area of
//! the spec answers, pages are walked as Druva documents them, and no field the simulator sends
//! is lost by the SDK's types.

use druva_sdk::{CallError, Client, DruvaCredentials, types};
use futures::TryStreamExt;
use sdk_tests::keys::assert_keeps_every_key;
use sdk_tests::sim::druva::{DruvaSim, DruvaSimConfig};
use sdk_tests::sim::{druva_msp, druva_products};

async fn start() -> DruvaSim {
    DruvaSim::start(DruvaSimConfig::default())
        .await
        .expect("simulator")
}

fn msp_credentials(sim: &DruvaSim) -> DruvaCredentials {
    let config = DruvaSimConfig::default();
    let _ = sim;
    DruvaCredentials::msp(config.msp_client_id, config.msp_secret_key)
}

#[test]
fn the_types_keep_every_field_of_the_simulator_bodies() {
    assert_keeps_every_key::<types::MspCustomer>(&druva_msp::customer(1));
    assert_keeps_every_key::<types::MspTenant>(&druva_msp::tenant(1));
    assert_keeps_every_key::<types::MspTask>(&druva_msp::task("task-1", "cust-8"));
    assert_keeps_every_key::<types::MspAdmin>(&druva_msp::admin());
    assert_keeps_every_key::<types::MspServicePlan>(&druva_msp::service_plan());
    assert_keeps_every_key::<types::MspEvent>(&druva_msp::event(1));
    assert_keeps_every_key::<types::UnityJob>(&druva_products::unity_job(1, "backup", "nas"));
    assert_keeps_every_key::<types::CloudAppStatus>(&druva_products::cloud_app_status("M365"));
    assert_keeps_every_key::<types::CloudAppStatus>(&druva_products::cloud_app_status("GSuite"));
}

#[tokio::test]
async fn the_customer_walk_sends_the_token_alone_on_later_pages_and_gets_every_customer() {
    let sim = start().await;
    let client = Client::login(sim.url(), msp_credentials(&sim))
        .await
        .expect("MSP token");
    let customers: Vec<types::MspCustomer> = client
        .list_msp_customers()
        .page_size("3")
        .include_features(true)
        .stream()
        .try_collect()
        .await
        .expect("every page (the simulator refuses a token sent with other parameters)");
    let ids: Vec<String> = customers.into_iter().filter_map(|c| c.id).collect();
    let expected: Vec<String> = (1..=7).map(|i| format!("cust-{i}")).collect();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn a_customer_scoped_credential_calls_the_customers_apis_and_not_the_msp_ones() {
    let sim = start().await;
    let customer = Client::login(sim.url(), msp_credentials(&sim).for_customer("cust-2"))
        .await
        .expect("MSP token, then the customer token");
    assert_eq!(sim.token_requests(), 2, "one MSP token, one customer token");
    let page = customer
        .get_report_data()
        .version("v1")
        .report_id("epLastBackupStatus")
        .body(
            types::ReportRequest::builder().filters(types::ReportFilters::builder().page_size(100)),
        )
        .send()
        .await
        .expect("the customer's report")
        .into_inner();
    assert!(!page.data.unwrap_or_default().is_empty());

    let refused = customer
        .list_msp_customers()
        .send()
        .await
        .expect_err("a customer token is not an MSP token");
    assert!(refused.is_auth(), "{refused}");

    let msp = Client::login(sim.url(), msp_credentials(&sim))
        .await
        .expect("MSP token");
    let refused = msp
        .list_reports()
        .send()
        .await
        .expect_err("an MSP token is not a customer token");
    assert!(refused.is_auth(), "{refused}");
}

#[tokio::test]
async fn an_unknown_customer_is_refused_once_as_invalid_credentials() {
    let sim = start().await;
    let err = Client::login(sim.url(), msp_credentials(&sim).for_customer("cust-99"))
        .await
        .expect_err("no such customer");
    assert!(
        matches!(err, sdk_auth::Error::InvalidCredentials { status: 404, .. }),
        "{err}"
    );
    assert_eq!(sim.token_requests(), 2, "the refusal is not retried");
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains(&DruvaSimConfig::default().msp_secret_key),
        "{shown}"
    );
}

#[tokio::test]
async fn an_expired_customer_token_is_replaced_by_both_steps() {
    let sim = start().await;
    let customer = Client::login(sim.url(), msp_credentials(&sim).for_customer("cust-3"))
        .await
        .expect("login");
    customer.list_reports().send().await.expect("first call");
    sim.expire_tokens();
    customer
        .list_reports()
        .send()
        .await
        .expect("after the expiry: a new MSP token, then a new customer token");
    assert_eq!(sim.token_requests(), 4);
}

#[tokio::test]
async fn every_msp_area_answers() {
    let sim = start().await;
    let msp = Client::login(sim.url(), msp_credentials(&sim))
        .await
        .expect("MSP token");
    let admins: Vec<_> = msp
        .list_msp_admins()
        .stream()
        .try_collect()
        .await
        .expect("admins");
    assert_eq!(admins[0].email.as_deref(), Some("msp.admin@example.com"));
    let plans: Vec<_> = msp
        .list_msp_service_plans()
        .stream()
        .try_collect()
        .await
        .expect("plans");
    assert_eq!(plans[0].id, Some(3));
    let plan = msp
        .get_msp_service_plan()
        .service_plan_id(3)
        .send()
        .await
        .expect("plan");
    assert_eq!(plan.name.as_deref(), Some("Endpoints Enterprise"));
    let one = msp
        .get_msp_customer()
        .customer_id("cust-4")
        .send()
        .await
        .expect("customer");
    assert_eq!(one.customer_name.as_deref(), Some("Acme 4 Ltd"));
    let tenants: Vec<_> = msp
        .list_msp_tenants()
        .stream()
        .try_collect()
        .await
        .expect("tenants");
    assert_eq!(tenants.len(), 3);
    let events: Vec<_> = msp
        .list_msp_events()
        .stream()
        .try_collect()
        .await
        .expect("events");
    assert_eq!(events.len(), 3);
    let regions = msp
        .list_msp_storage_regions()
        .send()
        .await
        .expect("regions")
        .into_inner();
    assert_eq!(regions.storage_regions.map(|r| r.len()), Some(1));
    let task = msp
        .create_msp_customer()
        .body(
            types::NewMspCustomer::builder()
                .account_name("acme8")
                .address("8 Harbour Road")
                .customer_name("Acme 8 Ltd")
                .phone("+91-20-5550-0008"),
        )
        .send()
        .await
        .expect("create")
        .into_inner();
    let id = task.task.and_then(|t| t.id).expect("a task id");
    let done = msp.get_msp_task().task_id(&id).send().await.expect("task");
    assert_eq!(
        (done.status, done.entity_id.as_deref()),
        (Some(4), Some("cust-8"))
    );
    let rows: Vec<_> = msp
        .get_msp_report_data()
        .version("v1")
        .report_id("mspEPLastBackupStatus")
        .body(
            types::ReportRequest::builder().filters(types::ReportFilters::builder().page_size(100)),
        )
        .stream()
        .try_collect()
        .await
        .expect("MSP report rows");
    assert!(!rows.is_empty());
}

#[tokio::test]
async fn job_management_and_the_saas_app_status_answer() {
    let sim = start().await;
    let config = DruvaSimConfig::default();
    let client = Client::login(
        sim.url(),
        DruvaCredentials::new(config.client_id, config.secret_key),
    )
    .await
    .expect("token");
    let job = client
        .create_nas_backup_job()
        .authentities("pType=org;pID=1")
        .body(types::UnityBackupRequest { backupset_id: 77 })
        .send()
        .await
        .expect("backup job")
        .into_inner();
    let job = job.job.expect("a job");
    assert_eq!(
        (job.job_id, job.workload_name.as_deref()),
        (Some(9001), Some("nas"))
    );
    let refused = client
        .create_azure_sql_backup_job()
        .authentities("org=1")
        .body(types::UnityBackupRequest { backupset_id: 77 })
        .send()
        .await
        .expect_err("a malformed authentities header");
    assert_eq!(refused.http_status(), Some(400));

    let status = client
        .get_cloud_app_status()
        .tenant_type(types::GetCloudAppStatusTenantType::M365)
        .send()
        .await
        .expect("M365 status")
        .into_inner();
    assert_eq!(status.m365.map(|apps| apps.len()), Some(1));
    let status = client
        .get_cloud_app_status()
        .tenant_type(types::GetCloudAppStatusTenantType::GSuite)
        .send()
        .await
        .expect("Google Workspace status")
        .into_inner();
    assert_eq!(status.g_suite.map(|apps| apps.len()), Some(1));
}
