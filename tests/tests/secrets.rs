//! No secret leaves: every flow of the three SDKs runs with distinctive secrets while tracing
//! records everything at TRACE level; the log, and the `Debug`/`Display` of clients, sessions,
//! credentials, responses and errors, must not contain any of them.

use std::io::Write;
use std::sync::{Arc, Mutex};

use futures::TryStreamExt;
use sdk_tests::sim;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn assert_clean(what: &str, text: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(
            !text.contains(s),
            "{what} contains the secret {s:?}:\n{text}"
        );
    }
}

#[tokio::test]
async fn no_flow_prints_a_secret() {
    let log = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(log.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let mut shown = String::new();

    // DDMC: login, calls, expiry, refused login, logout.
    let ddmc_config = sim::ddmc::DdmcSimConfig {
        password: "Ddmc-Pass-LEAKCHECK-1".into(),
        ..Default::default()
    };
    let ddmc_sim = sim::ddmc::DdmcSim::start(ddmc_config.clone())
        .await
        .expect("ddmc sim");
    let creds =
        ddmc_sdk::DdmcCredentials::new(ddmc_config.username.clone(), ddmc_config.password.clone());
    let ddmc = ddmc_sdk::Client::login(ddmc_sim.url(), creds.clone())
        .await
        .expect("ddmc login");
    let system = ddmc.get_system().send().await.expect("system");
    ddmc_sim.expire_tokens();
    let systems: Vec<_> = ddmc
        .list_dd_systems()
        .stream()
        .try_collect()
        .await
        .expect("systems");
    let err = ddmc
        .list_mtrees()
        .system_id("nope")
        .send()
        .await
        .expect_err("404");
    let refused = ddmc_sdk::Client::login(
        ddmc_sim.url(),
        ddmc_sdk::DdmcCredentials::new("sysadmin", "Ddmc-Wrong-LEAKCHECK-2"),
    )
    .await
    .expect_err("refused");
    shown +=
        &format!("{ddmc:?} {creds:?} {system:?} {systems:?} {err:?} {err} {refused:?} {refused}");
    // DD OS 8.x `format: password` fields (`sdk_auth::Password`) in a request body, a builder
    // and an answer, and the security officer's `X-DD-SEC-OFFICER` header.
    let sso = ddmc.create_iam_sso_registration().body_map(|b| {
        b.client_secret(sdk_auth::Password::new("Ddmc-ClientSecret-LEAKCHECK-7"))
            .sysadmin_password(sdk_auth::Password::new("Ddmc-Sysadmin-LEAKCHECK-8"))
    });
    shown += &format!("{sso:?}");
    let registration = sso.send().await.expect("sso registration");
    assert_eq!(
        registration
            .registration_access_token
            .as_ref()
            .map(sdk_auth::Password::expose_secret),
        Some(sim::ddmc::SIM_REGISTRATION_TOKEN),
        "the token is decoded, only hidden"
    );
    let sys = systems[0].id.clone().expect("system id");
    let governance = ddmc
        .enable_retention_lock_governance_security_auth()
        .system_id(sys)
        .x_dd_sec_officer(sim::ddmc::SECURITY_OFFICER)
        .body(ddmc_sdk::types::RetentionLockGovernanceSecurityAuth::default());
    shown += &format!("{governance:?}");
    let authorized = governance.send().await.expect("security officer accepted");
    shown += &format!("{registration:?} {authorized:?}");
    ddmc.logout().await.expect("logout");

    // Management console (Google): login, calls, session expiry, dead token, logout.
    let mgmt_config = sim::mgmt::MgmtSimConfig {
        auth: sim::mgmt::MgmtAuthMode::Google {
            token: "ya29.Mgmt-Token-LEAKCHECK-3".into(),
        },
        ..Default::default()
    };
    let mgmt_sim = sim::mgmt::MgmtSim::start(mgmt_config)
        .await
        .expect("mgmt sim");
    let auth = mgmt_sdk::MgmtAuth::google_token("ya29.Mgmt-Token-LEAKCHECK-3");
    let mgmt = mgmt_sdk::Client::login(mgmt_sim.url(), auth.clone())
        .await
        .expect("mgmt login");
    let version = mgmt.get_version().send().await.expect("version");
    mgmt_sim.expire_sessions();
    let head = mgmt.count_backups().send().await.expect("count");
    mgmt_sim.expire_google_token();
    let dead = mgmt.get_version().send().await.expect_err("dead token");
    let dead_login = mgmt.session().login().await.expect_err("dead token login");
    shown += &format!(
        "{mgmt:?} {auth:?} {version:?} {head:?} {dead:?} {dead} {dead_login:?} {dead_login}"
    );
    let _ = mgmt.logout().await;

    // On-premises AGM.
    let agm_config = sim::mgmt::MgmtSimConfig {
        auth: sim::mgmt::MgmtAuthMode::OnPrem {
            username: "admin".into(),
            password: "Agm-Pass-LEAKCHECK-4".into(),
        },
        ..Default::default()
    };
    let agm_sim = sim::mgmt::MgmtSim::start(agm_config)
        .await
        .expect("agm sim");
    let agm = mgmt_sdk::Client::login(
        agm_sim.url(),
        mgmt_sdk::MgmtAuth::on_prem("admin", "Agm-Pass-LEAKCHECK-4"),
    )
    .await
    .expect("agm login");
    shown += &format!(
        "{agm:?} {:?}",
        agm.get_version().send().await.expect("version")
    );
    agm.logout().await.expect("agm logout");

    // Druva: token, calls, expiry, refused secret.
    let druva_config = sim::druva::DruvaSimConfig {
        secret_key: "Druva-Secret-LEAKCHECK-5".into(),
        ..Default::default()
    };
    let druva_sim = sim::druva::DruvaSim::start(druva_config.clone())
        .await
        .expect("druva sim");
    let dcreds = druva_sdk::DruvaCredentials::new(
        druva_config.client_id.clone(),
        druva_config.secret_key.clone(),
    );
    let druva = druva_sdk::Client::login(druva_sim.url(), dcreds.clone())
        .await
        .expect("druva login");
    let users = druva.list_users().send().await.expect("users");
    druva_sim.expire_tokens();
    let mappings: Vec<_> = druva
        .list_device_mappings()
        .stream()
        .try_collect()
        .await
        .expect("mappings");
    let drefused = druva_sdk::Client::login(
        druva_sim.url(),
        druva_sdk::DruvaCredentials::new("x", "Druva-Wrong-LEAKCHECK-6"),
    )
    .await
    .expect_err("refused");
    shown += &format!("{druva:?} {dcreds:?} {users:?} {mappings:?} {drefused:?} {drefused}");

    // Requests as the SDKs send them, with the credential headers in: their Debug hides them.
    for session in [ddmc.session(), agm.session(), druva.session()] {
        let mut request = session
            .http()
            .get(format!("{}/probe", session.base_url()))
            .build()
            .expect("request");
        sdk_auth::__private::pre::<()>(session, &mut request, "probe")
            .await
            .expect("authorize");
        shown += &format!("{request:?} {:?}", request.headers());
    }

    // The simulators' wire logs feed the snapshots: their records must be redacted too.
    let mut wire = String::new();
    for s in [
        ddmc_sim.wire(),
        mgmt_sim.wire(),
        agm_sim.wire(),
        druva_sim.wire(),
    ] {
        wire += &format!("{:?}", s.records());
    }

    let secrets = [
        "Ddmc-Pass-LEAKCHECK-1",
        "Ddmc-Wrong-LEAKCHECK-2",
        "Mgmt-Token-LEAKCHECK-3",
        "Agm-Pass-LEAKCHECK-4",
        "Druva-Secret-LEAKCHECK-5",
        "Druva-Wrong-LEAKCHECK-6",
        "Ddmc-ClientSecret-LEAKCHECK-7",
        "Ddmc-Sysadmin-LEAKCHECK-8",
        sim::ddmc::SECURITY_OFFICER,
        sim::ddmc::SIM_REGISTRATION_TOKEN,
    ];
    let logged = String::from_utf8(log.0.lock().expect("log").clone()).expect("utf-8 log");
    assert!(
        logged.contains("sdk_call"),
        "tracing captured the call spans:\n{logged}"
    );
    assert_clean("the TRACE log", &logged, &secrets);
    assert_clean("Debug/Display output", &shown, &secrets);
    assert_clean("the recorded wire", &wire, &secrets);
}

/// Snapshots are committed and published: none may hold a simulator's secret or a token header.
#[test]
fn no_snapshot_holds_a_secret() {
    let defaults = [
        sim::ddmc::DdmcSimConfig::default().password,
        match sim::mgmt::MgmtSimConfig::default().auth {
            sim::mgmt::MgmtAuthMode::Google { token } => token,
            sim::mgmt::MgmtAuthMode::OnPrem { password, .. } => password,
        },
        sim::druva::DruvaSimConfig::default().secret_key,
        "Agm-Pass-42".to_string(),
    ];
    let secrets: Vec<&str> = defaults.iter().map(String::as_str).collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).expect("snapshots folder") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("snapshot");
        assert_clean(&path.display().to_string(), &text, &secrets);
        for line in text
            .lines()
            .filter(|l| l.contains("Bearer ") || l.contains("Actifio ") || l.contains("Basic "))
        {
            assert!(line.contains("[redacted]"), "{}: {line}", path.display());
        }
        read += 1;
    }
    assert!(read > 5, "the snapshots were read");
}
