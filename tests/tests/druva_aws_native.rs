//! Druva AWS Native (`/awsnative`) through the real SDK against the simulator: one test per tag
//! of the area, the paged lists walked through their generated streams (`offset` and
//! `pageSize`, or `limit` for tasks, on a server that serves two items a page whatever is
//! asked), and a check that the SDK's types keep every field the simulator sends.

use druva_sdk::{Client, DruvaCredentials, types};
use futures::TryStreamExt;
use sdk_tests::keys::assert_keeps_every_key;
use sdk_tests::sim::druva::{DruvaSim, DruvaSimConfig};
use sdk_tests::sim::druva_aws::{self as aws, ACCOUNT, ORGANIZATION};

async fn client() -> (DruvaSim, Client) {
    let config = DruvaSimConfig::default();
    let credentials = DruvaCredentials::new(config.client_id.clone(), config.secret_key.clone());
    let sim = DruvaSim::start(config).await.expect("simulator");
    let client = Client::login(sim.url(), credentials).await.expect("token");
    (sim, client)
}

#[test]
fn the_types_keep_every_field_of_the_simulator_bodies() {
    macro_rules! keeps {
        ($($t:ident),* $(,)?) => {
            $( assert_keeps_every_key::<types::$t>(&aws::body(stringify!($t))); )*
        };
    }
    keeps!(
        GetOrganizationsAccountsByIdResponse,
        AwsAudit,
        GetOrganizationsAuditsCountResponse,
        GetOrganizationsAccountsAwsRegionsVpcsResponse,
        AwsPolicySummary,
        GetOrganizationsPoliciesByIdResponse,
        AwsBackup,
        GetOrganizationsAccountsBucketsByIdResponse,
        GetOrganizationsAccountsDisasterrecoveryplansByIdResponse,
        AwsClone,
        GetOrganizationsAccountsFilelevelsearchSearchesByIdResponse,
        PutOrganizationsNotificationSettingsRequest,
        PostOrganizationsOnboardingByIdResponse,
        GetOrganizationsByIdResponse,
        GetOrganizationsReportsByIdResponse,
        GetOrganizationsReportsubscriptionsResponse,
        GetOrganizationsReportTemplatesResponse,
        AwsResource,
        GetOrganizationsAccountsRestoresByIdResponse,
        GetOrganizationsAccountsSchedulesResponse,
        GetOrganizationsScriptsResponse,
        AwsServer,
        AwsTask,
        GetOrganizationsTasksByIdResponse,
        GetOrganizationsAccountsVolumesByIdResponse,
        GetOrganizationsVpcsResponse,
    );
    // The paged items with their own ids, as the lists send them.
    assert_keeps_every_key::<types::AwsServer>(&aws::server(2));
    assert_keeps_every_key::<types::AwsBackup>(&aws::backup(2));
}

#[tokio::test]
async fn an_account_is_read_by_id() {
    let (_sim, client) = client().await;
    let account = client
        .get_aws_account()
        .organization_id(ORGANIZATION)
        .account_id(ACCOUNT)
        .send()
        .await
        .expect("account");
    assert_eq!(account.id.as_deref(), Some(ACCOUNT));
    let other = client
        .get_aws_account()
        .organization_id(ORGANIZATION)
        .account_id("acct-9")
        .send()
        .await;
    assert_eq!(
        other.expect_err("unknown").status().map(|s| s.as_u16()),
        Some(404)
    );
}

#[tokio::test]
async fn audit_records_walk_every_capped_page() {
    let (_sim, client) = client().await;
    let audits: Vec<_> = client
        .list_aws_audits()
        .organization_id(ORGANIZATION)
        .stream()
        .try_collect()
        .await
        .expect("three pages of at most two");
    let ids: Vec<_> = audits.iter().filter_map(|a| a.id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    let count = client
        .count_aws_audits()
        .organization_id(ORGANIZATION)
        .send()
        .await
        .expect("count");
    assert_eq!(count.count, Some(5));
}

#[tokio::test]
async fn the_vpcs_of_a_region_are_typed() {
    let (_sim, client) = client().await;
    let vpcs = client
        .list_aws_region_vpcs()
        .organization_id(ORGANIZATION)
        .account_id(ACCOUNT)
        .region("us-east-1")
        .send()
        .await
        .expect("vpcs")
        .into_inner();
    let vpc = &vpcs.vpcs[0];
    assert_eq!(vpc.cidr_block.as_deref(), Some("10.20.0.0/16"));
}

#[tokio::test]
async fn backup_policies_are_listed_then_read_by_id() {
    let (_sim, client) = client().await;
    let policies: Vec<_> = client
        .list_aws_backup_policies()
        .organization_id(ORGANIZATION)
        .stream()
        .try_collect()
        .await
        .expect("policies");
    let names: Vec<_> = policies.iter().filter_map(|p| p.name.clone()).collect();
    assert_eq!(names, ["daily-1", "daily-2", "daily-3"]);
    let policy = client
        .get_aws_backup_policy()
        .organization_id(ORGANIZATION)
        .policy_id("2")
        .send()
        .await
        .expect("policy");
    assert_eq!(policy.name.as_deref(), Some("daily-2"));
}

#[tokio::test]
async fn backups_walk_every_page_with_their_filters() {
    let (_sim, client) = client().await;
    let backups: Vec<_> = client
        .list_aws_backups()
        .organization_id(ORGANIZATION)
        .account_id(ACCOUNT)
        .types(types::ListAwsBackupsTypes::Snapshot)
        .filter(r#"{"region": ["us-east-1"]}"#)
        .order(types::ListAwsBackupsOrder::BackupTime)
        .direction(types::ListAwsBackupsDirection::Desc)
        .stream()
        .try_collect()
        .await
        .expect("backups");
    let ids: Vec<_> = backups.iter().filter_map(|b| b.doc_id.clone()).collect();
    assert_eq!(ids, ["snap-0001", "snap-0002", "snap-0003"]);
}

#[tokio::test]
async fn a_bucket_is_read_by_id() {
    let (_sim, client) = client().await;
    let bucket = client
        .get_aws_bucket()
        .organization_id(ORGANIZATION)
        .account_id(ACCOUNT)
        .bucket_id("logs-bucket")
        .send()
        .await
        .expect("bucket");
    assert_eq!(bucket.name.as_deref(), Some("logs-bucket"));
}

#[tokio::test]
async fn a_dr_plan_is_read_by_id() {
    let (_sim, client) = client().await;
    let plan = client
        .get_aws_dr_plan()
        .organization_id(ORGANIZATION)
        .account_id(ACCOUNT)
        .dr_plan_id("42")
        .send()
        .await
        .expect("plan");
    assert_eq!(plan.id, Some(42));
}

#[tokio::test]
async fn environment_clones_walk_every_page() {
    let (_sim, client) = client().await;
    let clones: Vec<_> = client
        .list_aws_environment_clones()
        .organization_id(ORGANIZATION)
        .account_id(ACCOUNT)
        .stream()
        .try_collect()
        .await
        .expect("clones");
    let names: Vec<_> = clones.iter().filter_map(|c| c.stack_name.clone()).collect();
    assert_eq!(names, ["clone-1", "clone-2", "clone-3"]);
}

#[tokio::test]
async fn a_file_level_search_is_polled() {
    let (_sim, client) = client().await;
    let search = client
        .get_aws_fls_search()
        .organization_id(ORGANIZATION)
        .account_id(ACCOUNT)
        .search_id("s-7")
        .send()
        .await
        .expect("search");
    assert_eq!(search.search_id.as_deref(), Some("s-7"));
}

#[tokio::test]
async fn notification_settings_are_saved() {
    let (_sim, client) = client().await;
    let settings: types::PutOrganizationsNotificationSettingsRequest =
        serde_json::from_value(aws::body("PutOrganizationsNotificationSettingsRequest"))
            .expect("settings");
    let sent = serde_json::to_value(&settings).expect("serialize");
    let saved = client
        .update_aws_notification_settings()
        .organization_id(ORGANIZATION)
        .body(settings)
        .send()
        .await
        .expect("saved")
        .into_inner();
    assert_eq!(serde_json::to_value(&saved).expect("serialize"), sent);
}

#[tokio::test]
async fn onboarding_is_finalized_for_a_stack() {
    let (_sim, client) = client().await;
    let answer = client
        .finalize_aws_onboarding()
        .organization_id(ORGANIZATION)
        .stack_id("stack-9")
        .body(types::PostOrganizationsOnboardingByIdRequest::builder())
        .send()
        .await
        .expect("onboarding");
    assert_eq!(answer.name.as_deref(), Some("stack-9"));
}

#[tokio::test]
async fn the_organizations_are_read() {
    let (_sim, client) = client().await;
    let organization = client
        .list_aws_organizations()
        .send()
        .await
        .expect("organizations");
    assert!(organization.id.is_some());
}

#[tokio::test]
async fn a_report_is_polled_until_complete() {
    let (_sim, client) = client().await;
    let report = client
        .get_aws_report()
        .organization_id(ORGANIZATION)
        .report_id("12")
        .send()
        .await
        .expect("report");
    assert_eq!(
        (report.id, report.status.as_deref()),
        (Some(12), Some("complete"))
    );
}

#[tokio::test]
async fn report_subscriptions_are_read() {
    let (_sim, client) = client().await;
    let subscription = client
        .list_aws_report_subscriptions()
        .organization_id(ORGANIZATION)
        .send()
        .await
        .expect("subscriptions");
    assert!(subscription.name.is_some());
}

#[tokio::test]
async fn a_report_template_is_read_by_id() {
    let (_sim, client) = client().await;
    let template = client
        .get_aws_report_template()
        .organization_id(ORGANIZATION)
        .report_template_id("backup-summary")
        .send()
        .await
        .expect("template");
    assert_eq!(template.id.as_deref(), Some("backup-summary"));
}

#[tokio::test]
async fn account_resources_walk_every_page() {
    let (_sim, client) = client().await;
    let resources: Vec<_> = client
        .list_aws_account_resources()
        .organization_id(ORGANIZATION)
        .account_id(ACCOUNT)
        .extend(types::ListAwsAccountResourcesExtend::CrConfiguration)
        .types(types::ListAwsAccountResourcesTypes::Ec2)
        .filter("{}")
        .order(types::ListAwsAccountResourcesOrder::Id)
        .direction(types::ListAwsAccountResourcesDirection::Asc)
        .stream_with_page_size(10)
        .try_collect()
        .await
        .expect("resources");
    assert_eq!(resources.len(), 5);
    assert_eq!(resources[4].id.as_deref(), Some("i-0005"));
}

#[tokio::test]
async fn a_restore_is_read_by_id() {
    let (_sim, client) = client().await;
    let restore = client
        .get_aws_restore()
        .organization_id(ORGANIZATION)
        .account_id(ACCOUNT)
        .restore_id("31")
        .send()
        .await
        .expect("restore");
    assert_eq!(restore.id, Some(31));
}

#[tokio::test]
async fn schedules_are_listed() {
    let (_sim, client) = client().await;
    let schedules = client
        .list_aws_schedules()
        .organization_id(ORGANIZATION)
        .account_id(ACCOUNT)
        .send()
        .await
        .expect("schedules")
        .into_inner();
    assert_eq!(schedules.hits.len(), 1);
}

#[tokio::test]
async fn scripts_are_listed() {
    let (_sim, client) = client().await;
    let scripts = client
        .list_aws_scripts()
        .organization_id(ORGANIZATION)
        .send()
        .await
        .expect("scripts")
        .into_inner();
    assert_eq!(scripts.hits.len(), 1);
}

#[tokio::test]
async fn servers_walk_every_page() {
    let (_sim, client) = client().await;
    let servers: Vec<_> = client
        .list_aws_servers()
        .organization_id(ORGANIZATION)
        .account_id(ACCOUNT)
        .stream()
        .try_collect()
        .await
        .expect("servers");
    let ids: Vec<_> = servers
        .iter()
        .filter_map(|s| s.instance_id.clone())
        .collect();
    assert_eq!(ids, ["i-0001", "i-0002", "i-0003"]);
}

#[tokio::test]
async fn tasks_walk_every_page_by_limit_then_one_is_read() {
    let (_sim, client) = client().await;
    let tasks: Vec<_> = client
        .list_aws_tasks()
        .organization_id(ORGANIZATION)
        .type_("backup")
        .filter("{}")
        .order(types::ListAwsTasksOrder::CreatedAt)
        .direction(types::ListAwsTasksDirection::Desc)
        .stream()
        .try_collect()
        .await
        .expect("tasks");
    let ids: Vec<_> = tasks.iter().filter_map(|t| t.id.clone()).collect();
    assert_eq!(ids, ["task-1", "task-2", "task-3", "task-4"]);
    let task = client
        .get_aws_task()
        .organization_id(ORGANIZATION)
        .task_id("task-3")
        .send()
        .await
        .expect("task");
    assert_eq!(task.id.as_deref(), Some("task-3"));
}

#[tokio::test]
async fn a_volume_is_read_by_id() {
    let (_sim, client) = client().await;
    let volume = client
        .get_aws_volume()
        .organization_id(ORGANIZATION)
        .account_id(ACCOUNT)
        .volume_id("vol-0042")
        .send()
        .await
        .expect("volume");
    assert_eq!(volume.volume_id.as_deref(), Some("vol-0042"));
}

#[tokio::test]
async fn the_vpcs_of_the_organization_are_read() {
    let (_sim, client) = client().await;
    let vpcs = client
        .list_aws_org_vpcs()
        .organization_id(ORGANIZATION)
        .filter("{}")
        .send()
        .await
        .expect("vpcs");
    assert_eq!(vpcs.count, Some(3));
}
