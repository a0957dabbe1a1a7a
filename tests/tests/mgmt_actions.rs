//! mgmt-sdk action helpers end to end against the console simulator: backup now, mount,
//! unmount, restore, clone, expire and job cancel followed to their final state (success,
//! failure, timeout, cancel) with the bodies on the wire pinned; SLA create, modify and delete;
//! the estate lists; both auth variants through one client type; and the `google-auth` token
//! source (service-account key and impersonation) against loopback token endpoints.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{StatusCode, Uri};
use axum::response::IntoResponse;
use futures::TryStreamExt;
use mgmt_sdk::google_auth::GoogleTokenSource;
use mgmt_sdk::{ActionError, Client, HttpOptions, MgmtAuth, RetryPolicy, actifio_count, types};
use sdk_tests::sim::mgmt::{JobOutcome, MgmtAuthMode, MgmtSim, MgmtSimConfig};
use sdk_tests::sim::{WireRecord, serve};

const POLL: Duration = Duration::from_millis(15);
const PATIENCE: Duration = Duration::from_secs(60);

fn options() -> HttpOptions {
    HttpOptions::default()
        .with_retry(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
}

fn google_token(config: &MgmtSimConfig) -> String {
    match &config.auth {
        MgmtAuthMode::Google { token } => token.clone(),
        MgmtAuthMode::OnPrem { .. } => unreachable!("the default simulator is in Google mode"),
    }
}

async fn start() -> (MgmtSim, Client) {
    let config = MgmtSimConfig::default();
    let token = google_token(&config);
    let sim = MgmtSim::start(config).await.expect("simulator");
    let client = Client::login_with(sim.url(), MgmtAuth::google_token(token), options())
        .await
        .expect("login");
    (sim, client)
}

/// The writes of a wire log (actions, SLA changes, cancels): what the helpers put on the wire.
fn writes(records: Vec<WireRecord>) -> Vec<WireRecord> {
    records
        .into_iter()
        .filter(|r| matches!(r.method.as_str(), "POST" | "PUT" | "DELETE"))
        .filter(|r| !r.uri.ends_with("/actifio/session"))
        .collect()
}

/// The policy to back up application `app` with, found as users find it: the application's SLA,
/// its template, the template's snapshot policy.
async fn snapshot_policy(client: &Client, app: &str) -> String {
    let slas = client
        .list_slas()
        .filter(vec![format!("appid:=={app}")])
        .send()
        .await
        .expect("slas")
        .into_inner();
    assert_eq!(slas.items.len(), 1, "one SLA protects {app}");
    let slt = slas.items[0]
        .slt
        .as_ref()
        .and_then(|s| s.id.clone())
        .expect("template id");
    let policies = client
        .list_policies()
        .slt_id(slt)
        .send()
        .await
        .expect("policies")
        .into_inner();
    policies
        .items
        .into_iter()
        .find(|p| p.op.as_deref() == Some("snap"))
        .and_then(|p| p.id)
        .expect("a snapshot policy")
}

fn backup_now_body(policy: &str) -> types::BackupNowRest {
    types::BackupNowRest {
        policy: Some(
            types::PolicyRest {
                id: Some(policy.to_string()),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    }
}

#[tokio::test]
async fn backup_now_follows_its_label_to_success_reporting_progress() {
    let (sim, client) = start().await;
    sim.set_job_duration(Duration::from_secs(2));
    let policy = snapshot_policy(&client, "4000001").await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let progress = Arc::clone(&seen);
    let job = client
        .backup_now("4000001", backup_now_body(&policy))
        .label("nightly-4000001")
        .poll_interval(POLL)
        .timeout(PATIENCE)
        .on_progress(move |job| {
            progress
                .lock()
                .unwrap()
                .push((job.status.clone(), job.progress))
        })
        .run()
        .await
        .expect("the backup succeeds");
    assert_eq!(job.status.as_deref(), Some("succeeded"));
    assert_eq!(job.label.as_deref(), Some("nightly-4000001"));
    assert_eq!(job.appid.as_deref(), Some("4000001"));
    assert_eq!(job.progress, None, "progress is null once a job has ended");
    let seen = seen.lock().unwrap().clone();
    assert!(
        matches!(seen.first(), Some((Some(s), Some(_))) if s == "queued" || s == "running"),
        "the first snapshot shows the job pending: {seen:?}"
    );
    assert_eq!(seen.last().map(|s| s.0.as_deref()), Some(Some("succeeded")));
    let polls: Vec<String> = sim
        .wire()
        .take()
        .into_iter()
        .filter(|r| r.uri.starts_with("/actifio/jobstatus"))
        .map(|r| r.uri)
        .collect();
    assert!(
        polls
            .iter()
            .all(|u| u.contains("filter=label%3A%3D%3Dnightly-4000001")),
        "{polls:?}"
    );
    // First the jobs that already carry the label (none), then the polls.
    insta::assert_yaml_snapshot!("mgmt_action_poll_uris", (&polls[0], &polls[1]));
}

#[tokio::test]
async fn a_generated_label_is_unique_and_followed() {
    let (sim, client) = start().await;
    sim.set_job_duration(Duration::from_millis(30));
    let policy = snapshot_policy(&client, "4000002").await;
    let a = client
        .backup_now("4000002", backup_now_body(&policy))
        .poll_interval(POLL)
        .run()
        .await
        .expect("first");
    let b = client
        .backup_now("4000002", backup_now_body(&policy))
        .poll_interval(POLL)
        .run()
        .await
        .expect("second");
    let (la, lb) = (a.label.expect("label"), b.label.expect("label"));
    assert!(
        la.starts_with("sdk-") && lb.starts_with("sdk-"),
        "{la} {lb}"
    );
    assert_ne!(la, lb);
    assert_ne!(a.id, b.id, "each helper followed its own job");
    // A reused label: the job that carried it before the action is not taken for the new one.
    let again = client
        .backup_now("4000002", backup_now_body(&policy))
        .label(la.clone())
        .poll_interval(POLL)
        .run()
        .await
        .expect("third");
    assert_eq!(again.label.as_deref(), Some(la.as_str()));
    assert!(again.id != a.id && again.id != b.id, "{again:?}");
    // Two unmounts of one image in a row: each follows its own job.
    let unmount = || {
        client
            .unmount_image("8000002", types::UnmountRest::default())
            .poll_interval(POLL)
            .run()
    };
    let (first, second) = (
        unmount().await.expect("first"),
        unmount().await.expect("second"),
    );
    assert_ne!(first.id, second.id);
}

#[tokio::test]
async fn every_image_action_reaches_its_final_state_with_its_real_body() {
    let (sim, client) = start().await;
    sim.set_job_duration(Duration::from_millis(40));
    let policy = snapshot_policy(&client, "4000004").await;
    sim.wire().take();

    let backup = client
        .backup_now(
            "4000004",
            types::BackupNowRest {
                backuptype: Some("log".into()),
                ..backup_now_body(&policy)
            },
        )
        .label("log-4000004")
        .poll_interval(POLL)
        .run()
        .await
        .expect("backup now");
    let mount = client
        .mount_image(
            "8000001",
            types::MountRest {
                type_: Some("mountRest".into()),
                host: Some(
                    types::HostRest {
                        id: Some("5003".into()),
                        ..Default::default()
                    }
                    .into(),
                ),
                poweronvm: Some(false),
                migratevm: Some(false),
                ..Default::default()
            },
        )
        .label("test mount")
        .poll_interval(POLL)
        .run()
        .await
        .expect("mount");
    let restore = client
        .restore_image(
            "8000002",
            types::RestoreRest {
                recover: Some(true),
                notdisableschedule: Some(false),
                ..Default::default()
            },
        )
        .label("restore-8000002")
        .poll_interval(POLL)
        .run()
        .await
        .expect("restore");
    let clone = client
        .clone_image(
            "8000003",
            types::CloneRest {
                hostname: Some("clone-host-1".into()),
                ..Default::default()
            },
        )
        .label("clone-8000003")
        .poll_interval(POLL)
        .run()
        .await
        .expect("clone");
    let unmount = client
        .unmount_image(
            "8000001",
            types::UnmountRest {
                delete: Some(true),
                force: Some(false),
                preservevm: Some(false),
                ..Default::default()
            },
        )
        .poll_interval(POLL)
        .run()
        .await
        .expect("unmount");
    let expire = client
        .expire_image("8000005", false)
        .poll_interval(POLL)
        .run()
        .await
        .expect("expire");

    let classes: Vec<_> = [&backup, &mount, &restore, &clone, &unmount, &expire]
        .iter()
        .map(|j| (j.jobclass.clone().unwrap(), j.status.clone().unwrap()))
        .collect();
    insta::assert_yaml_snapshot!("mgmt_action_job_classes", classes);
    assert_eq!(mount.hostname.as_deref(), Some("host-03"));
    assert_eq!(
        unmount.appid.as_deref(),
        Some("4000001"),
        "the image's application"
    );
    assert_eq!(expire.appid.as_deref(), Some("4000005"));

    let records = sim.wire().take();
    let unlabelled_polls: Vec<&str> = records
        .iter()
        .filter(|r| r.uri.starts_with("/actifio/jobstatus") && r.uri.contains("jobclass"))
        .map(|r| r.uri.as_str())
        .collect();
    assert!(
        unlabelled_polls
            .iter()
            .any(|u| u.contains("jobclass%3A%3D%7Cunmount")
                && u.contains("appid%3A%3D%3D4000001")
                && u.contains("queuedate%3A%3E%3D")),
        "{unlabelled_polls:?}"
    );
    insta::assert_yaml_snapshot!("mgmt_action_bodies_wire", writes(records));
}

#[tokio::test]
async fn a_failed_job_is_a_typed_error_with_the_console_message() {
    let (sim, client) = start().await;
    sim.set_job_duration(Duration::from_millis(30));
    sim.set_job_outcome(JobOutcome::Fail {
        errorcode: "10023".into(),
        message: "Failed to mount: no free staging disk on appliance-1".into(),
    });
    let err = client
        .mount_image(
            "8000010",
            types::MountRest {
                hostname: Some("new-vm".into()),
                ..Default::default()
            },
        )
        .label("failing-mount")
        .poll_interval(POLL)
        .run()
        .await
        .expect_err("the job fails");
    let text = err.to_string();
    match err {
        ActionError::Failed { target, job } => {
            assert!(target.contains("failing-mount"), "{target}");
            assert_eq!(job.status.as_deref(), Some("failed"));
            assert_eq!(job.errorcode.as_deref(), Some("10023"));
            assert!(job.message.as_deref().unwrap().contains("staging disk"));
        }
        other => panic!("expected Failed, got {other:?}"),
    }
    assert!(
        text.contains("10023") && text.contains("no free staging disk"),
        "{text}"
    );
}

#[tokio::test]
async fn a_job_that_does_not_end_times_out_naming_label_and_last_status() {
    let (sim, client) = start().await;
    sim.set_job_outcome(JobOutcome::Hang);
    sim.set_job_duration(Duration::from_millis(20));
    let err = client
        .restore_image("8000011", types::RestoreRest::default())
        .label("slow-restore")
        .poll_interval(POLL)
        .timeout(Duration::from_millis(200))
        .run()
        .await
        .expect_err("times out");
    let text = err.to_string();
    match err {
        ActionError::Timeout {
            target,
            last_status,
            ..
        } => {
            assert!(target.contains("slow-restore"), "{target}");
            assert_eq!(last_status.as_deref(), Some("running"));
        }
        other => panic!("expected Timeout, got {other:?}"),
    }
    assert!(
        text.contains("slow-restore") && text.contains("running"),
        "{text}"
    );
}

#[tokio::test]
async fn cancel_ends_a_running_job_and_its_waiting_helper_reports_it() {
    let (sim, client) = start().await;
    sim.set_job_outcome(JobOutcome::Hang);
    let policy = snapshot_policy(&client, "4000007").await;
    let waiting = {
        let client = client.clone();
        tokio::spawn(async move {
            client
                .backup_now("4000007", backup_now_body(&policy))
                .label("to-cancel")
                .poll_interval(POLL)
                .timeout(PATIENCE)
                .run()
                .await
        })
    };
    let job_id = loop {
        let found = client
            .list_job_statuses()
            .filter(vec!["label:==to-cancel".to_string()])
            .send()
            .await
            .expect("jobs")
            .into_inner();
        if let Some(id) = found.items.first().and_then(|j| j.id.clone()) {
            break id;
        }
        tokio::time::sleep(POLL).await;
    };
    sim.wire().take();
    let canceled = client
        .cancel_job_and_wait(job_id.clone())
        .poll_interval(POLL)
        .run()
        .await
        .expect("canceled");
    assert_eq!(canceled.status.as_deref(), Some("canceled"));
    let cancel_writes = writes(sim.wire().take());
    insta::assert_yaml_snapshot!("mgmt_cancel_job_wire", cancel_writes);

    match waiting.await.expect("task") {
        Err(ActionError::Canceled { target, job }) => {
            assert!(target.contains("to-cancel"), "{target}");
            assert_eq!(job.id.as_deref(), Some(job_id.as_str()));
        }
        other => panic!("expected Canceled, got {other:?}"),
    }
    // A job that has ended cannot be canceled: the console's refusal, typed.
    let again = client
        .cancel_job_and_wait(job_id)
        .poll_interval(POLL)
        .run()
        .await
        .expect_err("already ended");
    assert!(
        matches!(&again, ActionError::Api { step, .. } if step.contains("cancel")),
        "{again:?}"
    );
    assert!(again.to_string().contains("already ended"), "{again}");
}

#[tokio::test]
async fn bad_input_is_refused_with_a_typed_error() {
    let (sim, client) = start().await;
    sim.wire().take();
    let empty_id = client
        .mount_image(" ", types::MountRest::default())
        .run()
        .await
        .expect_err("empty id");
    assert!(
        matches!(&empty_id, ActionError::InvalidInput(m) if m.contains("mount")),
        "{empty_id:?}"
    );
    let empty_label = client
        .clone_image("8000001", types::CloneRest::default())
        .label("")
        .run()
        .await
        .expect_err("empty label");
    assert!(
        matches!(&empty_label, ActionError::InvalidInput(m) if m.contains("label")),
        "{empty_label:?}"
    );
    assert!(sim.wire().take().is_empty(), "nothing was sent");

    let unknown = client
        .mount_image(
            "999999999",
            types::MountRest {
                hostname: Some("x".into()),
                ..Default::default()
            },
        )
        .run()
        .await
        .expect_err("unknown image");
    match &unknown {
        ActionError::Api { step, source } => {
            assert!(step.contains("starting mount"), "{step}");
            assert_eq!(source.status().map(|s| s.as_u16()), Some(404));
        }
        other => panic!("expected Api, got {other:?}"),
    }
    let no_host = client
        .mount_image("8000001", types::MountRest::default())
        .run()
        .await
        .expect_err("a mount needs a host");
    assert!(no_host.to_string().contains("host"), "{no_host}");
}

#[tokio::test]
async fn sla_create_modify_delete() {
    let (sim, client) = start().await;
    let before = sim.sla_count();
    let counted = actifio_count(client.count_slas().send().await.expect("count").headers());
    assert_eq!(counted, Some(before as u64));
    sim.wire().take();

    // Application 4000000 is unmanaged: protect it.
    let created = client
        .create_sla()
        .body(types::SlaRest {
            application: Some(
                types::ApplicationRest {
                    id: Some("4000000".into()),
                    ..Default::default()
                }
                .into(),
            ),
            slt: Some(
                types::SltRest {
                    id: Some("1455060".into()),
                    ..Default::default()
                }
                .into(),
            ),
            slp: Some(
                types::SlpRest {
                    id: Some("1300000".into()),
                    ..Default::default()
                }
                .into(),
            ),
            scheduleoff: Some("false".into()),
            ..Default::default()
        })
        .send()
        .await
        .expect("create")
        .into_inner();
    let id = created.id.clone().expect("sla id");
    assert_eq!(sim.sla_count(), before + 1);
    assert_eq!(created.scheduleoff.as_deref(), Some("false"));

    let modified = client
        .update_sla()
        .sla_id(id.clone())
        .body(types::SlaRest {
            scheduleoff: Some("true".into()),
            logexpirationoff: Some(true),
            ..Default::default()
        })
        .send()
        .await
        .expect("modify")
        .into_inner();
    assert_eq!(modified.scheduleoff.as_deref(), Some("true"));
    assert_eq!(modified.logexpirationoff, Some(true));
    let read = client
        .get_sla()
        .sla_id(id.clone())
        .send()
        .await
        .expect("read")
        .into_inner();
    assert_eq!(read.scheduleoff.as_deref(), Some("true"));
    assert_eq!(
        read.slt.as_ref().and_then(|s| s.id.as_deref()),
        Some("1455060")
    );

    // Protecting it twice is refused, typed.
    let twice = client
        .create_sla()
        .body(types::SlaRest {
            application: created.application.clone(),
            slt: created.slt.clone(),
            slp: created.slp.clone(),
            ..Default::default()
        })
        .send()
        .await
        .expect_err("already protected");
    assert_eq!(twice.status().map(|s| s.as_u16()), Some(400));

    client
        .delete_sla()
        .sla_id(id.clone())
        .send()
        .await
        .expect("delete");
    assert_eq!(sim.sla_count(), before);
    let gone = client
        .get_sla()
        .sla_id(id)
        .send()
        .await
        .expect_err("deleted");
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404));
    let wire: Vec<WireRecord> = writes(sim.wire().take())
        .into_iter()
        .filter(|r| {
            r.method != "POST"
                || r.body
                    .as_ref()
                    .is_some_and(|b| b["scheduleoff"].is_string())
        })
        .collect();
    for record in &wire {
        let body = record
            .body
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(
            !body.contains(":null"),
            "an unset field went out as null: {body}"
        );
    }
    insta::assert_yaml_snapshot!("mgmt_sla_create_modify_delete_wire", wire);
}

#[tokio::test]
async fn the_estate_lists_page_filter_and_count() {
    let (_sim, client) = start().await;
    macro_rules! agree {
        ($list:ident, $count:ident) => {{
            let items: Vec<_> = client
                .$list()
                .stream_with_page_size(3)
                .try_collect()
                .await
                .expect(stringify!($list));
            let counted = actifio_count(
                client
                    .$count()
                    .send()
                    .await
                    .expect(stringify!($count))
                    .headers(),
            );
            assert!(!items.is_empty(), stringify!($list));
            assert_eq!(Some(items.len() as u64), counted, stringify!($list));
            items
        }};
    }
    let hosts = agree!(list_hosts, count_hosts);
    agree!(list_slts, count_slts);
    agree!(list_slps, count_slps);
    agree!(list_disk_pools, count_disk_pools);
    agree!(list_users, count_users);
    agree!(list_roles, count_roles);
    agree!(list_orgs, count_orgs);
    agree!(list_slas, count_slas);
    assert!(hosts.iter().all(|h| h.type_.as_deref() == Some("hostRest")));

    let linux: Vec<_> = client
        .list_hosts()
        .filter(vec!["ostype:==Linux".to_string()])
        .sort("name:desc")
        .stream()
        .try_collect()
        .await
        .expect("linux hosts");
    assert!(!linux.is_empty() && linux.len() < hosts.len());
    assert!(linux.iter().all(|h| h.ostype.as_deref() == Some("Linux")));
    assert!(linux.windows(2).all(|w| w[0].name >= w[1].name), "sorted");

    let host = client
        .get_host()
        .host_id("5003")
        .send()
        .await
        .expect("host")
        .into_inner();
    insta::assert_json_snapshot!("mgmt_host_decoded", host);
    let policies = client
        .list_policies()
        .slt_id("1455060")
        .send()
        .await
        .expect("policies")
        .into_inner();
    insta::assert_json_snapshot!("mgmt_slt_policies_decoded", policies);
    let pool = client
        .get_disk_pool()
        .diskpool_id("1202")
        .send()
        .await
        .expect("pool")
        .into_inner();
    assert_eq!(pool.pooltype.as_deref(), Some("vault"));
}

#[tokio::test]
async fn the_estate_and_job_lists_answer_options_metadata() {
    let (_sim, client) = start().await;
    macro_rules! fields {
        ($op:ident) => {{
            let meta = client
                .$op()
                .send()
                .await
                .expect(stringify!($op))
                .into_inner()
                .get_list
                .expect("GET(list)");
            meta.filterablefields
                .into_iter()
                .map(|f| {
                    (
                        f.field.unwrap_or_default(),
                        f.type_.unwrap_or_default(),
                        f.values,
                    )
                })
                .collect::<Vec<_>>()
        }};
    }
    let jobs = fields!(options_job_statuses);
    assert!(jobs.iter().any(|(f, t, _)| f == "queuedate" && t == "date"));
    assert!(
        jobs.iter()
            .any(|(f, _, v)| f == "jobclass" && v.contains(&"snapshot".to_string())),
        "{jobs:?}"
    );
    let hosts = fields!(options_hosts);
    assert!(
        hosts
            .iter()
            .any(|(f, _, v)| f == "ostype" && v.contains(&"Linux".to_string())),
        "{hosts:?}"
    );
    for fields in [
        fields!(options_jobs),
        fields!(options_slts),
        fields!(options_slps),
        fields!(options_disk_pools),
        fields!(options_users),
        fields!(options_roles),
        fields!(options_orgs),
    ] {
        assert!(fields.iter().any(|(f, _, _)| f == "id"), "{fields:?}");
    }
}

/// The same helper code against both consoles: Google (bearer + session header) and on-premises
/// AGM (Basic login, `Authorization: Actifio`).
async fn mount_and_unmount(client: &Client) -> (types::JobRest, types::JobRest) {
    let mounted = client
        .mount_image(
            "8000020",
            types::MountRest {
                hostname: Some("dr-test".into()),
                ..Default::default()
            },
        )
        .label("dr-test")
        .poll_interval(POLL)
        .run()
        .await
        .expect("mount");
    let unmounted = client
        .unmount_image(
            "8000020",
            types::UnmountRest {
                delete: Some(true),
                ..Default::default()
            },
        )
        .poll_interval(POLL)
        .run()
        .await
        .expect("unmount");
    (mounted, unmounted)
}

#[tokio::test]
async fn both_auth_variants_run_the_same_helpers() {
    let (google, client) = start().await;
    google.set_job_duration(Duration::from_millis(20));
    let (m, u) = mount_and_unmount(&client).await;
    assert_eq!(m.status.as_deref(), Some("succeeded"));
    assert_eq!(u.status.as_deref(), Some("succeeded"));
    let headers: Vec<String> = google
        .wire()
        .take()
        .into_iter()
        .find(|r| r.uri.ends_with("/mount"))
        .expect("mount sent")
        .headers
        .iter()
        .map(|(k, _)| k.clone())
        .collect();
    assert!(
        headers.contains(&"backupdr-management-session".to_string()),
        "{headers:?}"
    );

    let config = MgmtSimConfig {
        auth: MgmtAuthMode::OnPrem {
            username: "admin".into(),
            password: "Agm-Pass-42".into(),
        },
        ..MgmtSimConfig::default()
    };
    let agm = MgmtSim::start(config).await.expect("simulator");
    agm.set_job_duration(Duration::from_millis(20));
    let client = Client::login_with(
        agm.url(),
        MgmtAuth::on_prem("admin", "Agm-Pass-42"),
        options(),
    )
    .await
    .expect("login");
    let (m, u) = mount_and_unmount(&client).await;
    assert_eq!(m.status.as_deref(), Some("succeeded"));
    assert_eq!(u.status.as_deref(), Some("succeeded"));
    let records = agm.wire().take();
    let mount = records
        .iter()
        .find(|r| r.uri.ends_with("/mount"))
        .expect("mount sent");
    assert!(
        mount
            .headers
            .iter()
            .any(|(k, v)| k == "authorization" && v.contains("redacted"))
    );
    assert!(
        !mount
            .headers
            .iter()
            .any(|(k, _)| k == "backupdr-management-session")
    );
}

// ---- the `google-auth` token source -------------------------------------------------------

/// A throwaway RSA key made for this test only (it signs the JWT assertion sent to the loopback
/// token endpoint below; it belongs to no account).
const TEST_ONLY_RSA_KEY: &str = concat!(
    "-----BEGIN PRIVATE KEY-----\n",
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC9LkDYZpD9oLG8\n",
    "5Ry2brFOZDC2ekAbKRJcm4iBJPG4tGY+MWe6t/bsZ9f2RpAdKxQB9PNyMl2J9PLZ\n",
    "NfbyOyzFNX7C6LTKZTQ6uJ7KITayRng+VU/rXSSXisSQM5ack+fsnlO99ixmXgGF\n",
    "qjRFir1o1Vve+mMqok0RF+pQvhmh20MRJWBECET9BwvaJQ4BLHGhpVwP/nj2jEH/\n",
    "edBp+ywGR377657upSyF4qkQv1w4wXIT30llyQFEe/mtqht6LS/M5B23nW7NezBt\n",
    "c3CTphXJT/GLckwZdq36FFYaocNAmusjAHkveQAA/uV1SI3RakrEKeENFXtA3lp+\n",
    "RsC1W2eJAgMBAAECggEABnM9xcMVfXhNpxWeuX+jrvsOiCI57lMjq6Gn8VNLpJMO\n",
    "C1/O3BhqpFvUCrMUNdJir8Bkzod2Ff6SiyJiZZbr61tsE4QwqdfyhHAIBfdE8KYj\n",
    "cmihPXKjDUGvewUvRO5sEW7Chy8OC314CtEnUBmvZJQlukAKQolfHE6W8CLTJ+gN\n",
    "Reoy/27CdWfVuBkygejgnBYTpdBbD9bMxy8VFg8ybQBEcHEB0qzGJdOMbWAaHQO7\n",
    "US2ggF/UwIcFga/NG8VLIB6I3mNkOO7i2AQG3StMdevlGSOfA0ZJwk8dO22gUqlQ\n",
    "jLQN3a/K8tJzWkFo6rreRY8Cp6KLifbhEOkugS7vgQKBgQD84+sLcuqUNhAZJk/K\n",
    "3EE67v4Tov7DCEOZ0tZHnstwSJ0oIScvA46sGim1SbjOlFudgYJJl+DHblLYrZ1J\n",
    "PW47WydPktPgIzOkuqHgkaO8dNQkFTeILlnvw6Ho3nOt3EGReU2KdllmMACagse4\n",
    "ymaF0DPBsFo3GliLbMoohZOJqQKBgQC/gcgPi8YAfzZKEUWj8OsndvFS3SjaveUk\n",
    "XesqQnm+z76uiB0GRERn8wDtts+epFu14MpyiwTpFUF4csDxrX24iSXr/0tKsJF3\n",
    "i8QdXHDy0xjB1FI78HZjSulmWy/F9s6kh8Z1T9FzXbF0oEV3d6ihj2WDtM+GT9Vf\n",
    "RmNmQDpa4QKBgFNRZCcpfU/HYBZpIPDdEECybNNbaEQpfNw5Mo/2KWCdC+okwhwj\n",
    "N+ZL2GH6IAEvr998w8grWcta9cCdsqxmqOK1bYYyAcxezK0BMEQkt6VneF1LADjF\n",
    "zKvJ8JYgdExbvN6I8Jsl0t5wAkLlw5eGV7DOn764s4BkFbgZ56DiIXHBAoGAEUON\n",
    "2XjsPJc7Oaoc8Q6C5GfgkWvGhxGfWovs6z5a40yvD+TNWQdGc2iAqO1WAiMm8Vp2\n",
    "ZaUKqEh2Qnl101OkhcI3XPMCwpTwSCqdX1g6BmnpTW/qieS/h2v1ZnjJ8bqyHjrv\n",
    "NRwg8Zl8qdrY6FAtL4NRz3G5U45W2ePqigk4OYECgYEA9s/5BY3rlG5dOY1uUlFR\n",
    "tU3gc78AdInSA+8CyFTfQ8+fdTfoehgDUtAXe5eL3X5zRdpHIfwEvNKqEJTWSpCi\n",
    "BZaoJS2mqmg+PNFG+47IEh0mBTKUyhg4xu1tTYMYjneWJy4hdBkqJ+IcHMSngTc+\n",
    "0OEd8qjkuFo4oytMUZKmp10=\n",
    "-----END PRIVATE KEY-----\n",
);

#[derive(Default)]
struct TokenServer {
    /// Form bodies received at the token endpoint.
    grants: Mutex<Vec<Vec<(String, String)>>>,
    /// (uri, authorization, JSON body) received at generateAccessToken.
    impersonations: Mutex<Vec<(String, String, serde_json::Value)>>,
    /// Answer generateAccessToken with this status instead.
    iam_status: Mutex<Option<u16>>,
    /// Answer the token endpoint with this status instead.
    token_status: Mutex<Option<u16>>,
}

/// A loopback Google: `POST /token` (OAuth JWT-bearer grant) answers `sa-token-<n>` valid 10 s
/// (less than gcp_auth's margin, so every request for a token fetches the next one);
/// `generateAccessToken` answers `impersonated-<n>`.
async fn token_server() -> (Arc<TokenServer>, sdk_tests::sim::Running) {
    let state = Arc::new(TokenServer::default());
    let shared = Arc::clone(&state);
    let app = axum::Router::new().fallback(
        move |uri: Uri, headers: axum::http::HeaderMap, body: axum::body::Bytes| {
            let state = Arc::clone(&shared);
            async move {
                if uri.path() == "/token" {
                    if let Some(status) = *state.token_status.lock().unwrap() {
                        return (StatusCode::from_u16(status).unwrap(), "{\"error\":\"invalid_grant\"}")
                            .into_response();
                    }
                    let form: Vec<(String, String)> = form_urlencoded::parse(&body)
                        .map(|(k, v)| (k.into_owned(), v.into_owned()))
                        .collect();
                    let mut grants = state.grants.lock().unwrap();
                    grants.push(form);
                    let n = grants.len();
                    return axum::Json(serde_json::json!({
                        "access_token": format!("sa-token-{n}"),
                        "expires_in": 10,
                        "token_type": "Bearer"
                    }))
                    .into_response();
                }
                let auth = headers
                    .get("authorization")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                let json: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                let mut calls = state.impersonations.lock().unwrap();
                calls.push((uri.to_string(), auth, json));
                if let Some(status) = *state.iam_status.lock().unwrap() {
                    return (
                        StatusCode::from_u16(status).unwrap(),
                        axum::Json(serde_json::json!({"error": {"code": status, "message": "Permission 'iam.serviceAccounts.getAccessToken' denied", "status": "PERMISSION_DENIED"}})),
                    )
                        .into_response();
                }
                axum::Json(serde_json::json!({
                    "accessToken": format!("impersonated-{}", calls.len()),
                    "expireTime": "2030-01-01T00:00:00Z"
                }))
                .into_response()
            }
        },
    );
    (state, serve(app).await.expect("token server"))
}

fn service_account_key(token_uri: &str) -> String {
    serde_json::json!({
        "type": "service_account",
        "project_id": "backup-prod-4711",
        "private_key_id": "0123456789abcdef",
        "private_key": TEST_ONLY_RSA_KEY,
        "client_email": "sdk-test@backup-prod-4711.iam.gserviceaccount.com",
        "client_id": "100000000000000000001",
        "token_uri": token_uri,
    })
    .to_string()
}

#[tokio::test]
async fn a_service_account_key_source_refreshes_token_and_session_once_after_expiry() {
    let (tokens, server) = token_server().await;
    let config = MgmtSimConfig {
        auth: MgmtAuthMode::Google {
            token: "sa-token-1".into(),
        },
        ..MgmtSimConfig::default()
    };
    let sim = MgmtSim::start(config).await.expect("simulator");
    let source = GoogleTokenSource::from_service_account_key(&service_account_key(&format!(
        "{}/token",
        server.url
    )))
    .expect("key");
    assert!(!format!("{source:?}").contains("PRIVATE KEY"));
    let client = Client::login_with(sim.url(), MgmtAuth::google(source), options())
        .await
        .expect("login with sa-token-1");
    {
        let grants = tokens.grants.lock().unwrap();
        assert_eq!(grants.len(), 1);
        let grant = &grants[0];
        assert!(grant.contains(&(
            "grant_type".into(),
            "urn:ietf:params:oauth:grant-type:jwt-bearer".into()
        )));
        let assertion = &grant.iter().find(|(k, _)| k == "assertion").expect("jwt").1;
        assert_eq!(assertion.split('.').count(), 3, "a signed JWT");
    }

    // The Google token expires: the console's front end answers its HTML 401; the SDK asks the
    // source again (a fresh token from the token endpoint) and opens a new session, once.
    sim.expire_google_token();
    sim.accept_google_token("sa-token-2");
    client.get_version().send().await.expect("refreshed");
    assert_eq!(sim.logins(), 2);
    assert_eq!(tokens.grants.lock().unwrap().len(), 2);

    // When the fresh token is refused too, exactly one refresh is tried and the error is clear.
    sim.expire_google_token();
    let attempts = sim.login_attempts();
    let err = client.get_version().send().await.expect_err("refused");
    let text = err.to_string();
    assert_eq!(sim.login_attempts(), attempts + 1, "one refresh, no loop");
    assert!(
        text.contains("get_version") && text.contains("401") && text.contains("non-JSON"),
        "{text}"
    );
    assert!(!text.contains("sa-token"), "{text}");
}

#[tokio::test]
async fn a_token_endpoint_refusal_is_a_token_source_error() {
    let (tokens, server) = token_server().await;
    *tokens.token_status.lock().unwrap() = Some(400);
    let sim = MgmtSim::start(MgmtSimConfig::default())
        .await
        .expect("simulator");
    let source = GoogleTokenSource::from_service_account_key(&service_account_key(&format!(
        "{}/token",
        server.url
    )))
    .expect("key");
    let err = Client::login_with(sim.url(), MgmtAuth::google(source), options())
        .await
        .expect_err("no token");
    assert!(
        matches!(&err, sdk_auth::Error::TokenSource(m) if m.contains("token")),
        "{err:?}"
    );
    assert_eq!(sim.login_attempts(), 0, "nothing sent to the console");
    let bad = GoogleTokenSource::from_service_account_key("{\"type\":\"service_account\"}")
        .expect_err("not a key");
    assert!(bad.to_string().contains("service-account key"), "{bad}");
}

#[tokio::test]
async fn impersonation_mints_the_console_token_through_generate_access_token() {
    let (tokens, server) = token_server().await;
    let config = MgmtSimConfig {
        auth: MgmtAuthMode::Google {
            token: "impersonated-1".into(),
        },
        ..MgmtSimConfig::default()
    };
    let sim = MgmtSim::start(config).await.expect("simulator");
    let source = GoogleTokenSource::from_service_account_key(&service_account_key(&format!(
        "{}/token",
        server.url
    )))
    .expect("key")
    .impersonate("backup-admin@backup-prod-4711.iam.gserviceaccount.com")
    .with_iam_credentials_url(&server.url);
    let client = Client::login_with(sim.url(), MgmtAuth::google(source), options())
        .await
        .expect("login with the impersonated token");
    client.get_version().send().await.expect("version");
    {
        let calls = tokens.impersonations.lock().unwrap();
        assert_eq!(calls.len(), 1);
        let (uri, auth, body) = &calls[0];
        assert_eq!(
            auth, "Bearer sa-token-1",
            "the source token authorizes the exchange"
        );
        insta::assert_yaml_snapshot!("mgmt_impersonation_request", (uri, body));
    }

    // Refused impersonation (no Token Creator role): a clear token-source error at login.
    *tokens.iam_status.lock().unwrap() = Some(403);
    let source = GoogleTokenSource::from_service_account_key(&service_account_key(&format!(
        "{}/token",
        server.url
    )))
    .expect("key")
    .impersonate("other@backup-prod-4711.iam.gserviceaccount.com")
    .with_iam_credentials_url(&server.url);
    let err = Client::login_with(sim.url(), MgmtAuth::google(source), options())
        .await
        .expect_err("refused");
    let text = err.to_string();
    assert!(
        matches!(err, sdk_auth::Error::TokenSource(_))
            && text.contains("other@backup-prod-4711")
            && text.contains("403")
            && text.contains("PERMISSION_DENIED"),
        "{text}"
    );
    assert!(!text.contains("sa-token"), "{text}");
}

/// Application Default Credentials as gcp_auth finds them first: the key file named by
/// `GOOGLE_APPLICATION_CREDENTIALS`. The variable is set only in a child process running the
/// ignored test below, so no other test of this binary sees it.
#[tokio::test]
async fn application_default_credentials_use_the_key_file_named_by_the_environment() {
    let (tokens, server) = token_server().await;
    let path = std::env::temp_dir().join(format!("m2-adc-key-{:016x}.json", fastrand::u64(..)));
    std::fs::write(&path, service_account_key(&format!("{}/token", server.url))).expect("key file");
    let exe = std::env::current_exe().expect("test binary");
    let key = path.clone();
    let child = tokio::task::spawn_blocking(move || {
        std::process::Command::new(exe)
            .args(["--ignored", "--exact", "adc_child", "--nocapture"])
            .env("GOOGLE_APPLICATION_CREDENTIALS", key)
            .output()
            .expect("child test")
    })
    .await
    .expect("join");
    let _ = std::fs::remove_file(&path);
    let out = String::from_utf8_lossy(&child.stdout);
    assert!(
        child.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&child.stderr)
    );
    assert!(out.contains("1 passed"), "{out}");
    assert_eq!(
        tokens.grants.lock().unwrap().len(),
        1,
        "the token came from the key's token_uri"
    );
}

#[tokio::test]
#[ignore = "run by application_default_credentials_use_the_key_file_named_by_the_environment"]
async fn adc_child() {
    use mgmt_sdk::TokenSource;
    use secrecy::ExposeSecret;
    let source = GoogleTokenSource::application_default().await.expect("ADC");
    let token = source.token().await.expect("token");
    assert_eq!(token.expose_secret(), "sa-token-1");
}
