//! Hostile input, as property tests against the simulators: path parameters can never change the
//! path, query values can never inject a parameter, a credential with CR/LF is refused before
//! anything is sent, and arbitrary bytes decode into every response type of the three SDKs
//! without a panic.

use futures::TryStreamExt;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sdk_tests::sim::{self, WireRecord};

/// Values that have broken path handling somewhere, tried before the random ones.
const NASTY: &[&str] = &[
    "..",
    ".",
    "../../auth",
    "..\\..\\auth",
    "%2e%2e",
    "a/b",
    "?page=1",
    "#frag",
    "a b",
    "\r\nX: y",
    "",
    "%",
    "%2F",
    "é/ü",
    "..;/x",
];

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    })
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(NASTY).prop_map(str::to_string),
        "[./\\\\?#%&=: a-zA-Z0-9;+]{0,16}",
        any::<String>(),
    ]
}

/// The path (without query) of the last request the simulator received.
fn last_path(records: &[WireRecord]) -> String {
    let uri = &records.last().expect("a request reached the simulator").uri;
    uri.split('?').next().unwrap_or_default().to_string()
}

/// Checks that `path` is `prefix` followed by exactly one segment.
fn one_segment_after(path: &str, prefix: &str) -> Result<(), TestCaseError> {
    let rest = path
        .strip_prefix(prefix)
        .ok_or_else(|| TestCaseError::fail(format!("{path} left {prefix}")))?;
    prop_assert!(
        !rest.contains('/'),
        "{} became more than one segment: {}",
        prefix,
        path
    );
    Ok(())
}

#[test]
fn path_parameters_never_change_the_path() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (ddmc_sim, ddmc, system) = rt.block_on(async {
        let config = sim::ddmc::DdmcSimConfig::default();
        let creds =
            ddmc_sdk::DdmcCredentials::new(config.username.clone(), config.password.clone());
        let s = sim::ddmc::DdmcSim::start(config).await.expect("sim");
        let c = ddmc_sdk::Client::login(s.url(), creds)
            .await
            .expect("login");
        let systems: Vec<_> = c
            .list_dd_systems()
            .stream()
            .try_collect()
            .await
            .expect("systems");
        let id = systems[0].id.clone().expect("id");
        (s, c, id)
    });
    let (mgmt_sim, mgmt) = rt.block_on(async {
        let s = sim::mgmt::MgmtSim::start(sim::mgmt::MgmtSimConfig::default())
            .await
            .expect("sim");
        let c = mgmt_sdk::Client::login(
            s.url(),
            mgmt_sdk::MgmtAuth::google_token("sim-google-token-9f1c"),
        )
        .await
        .expect("login");
        (s, c)
    });
    let (druva_sim, druva) = rt.block_on(async {
        let config = sim::druva::DruvaSimConfig::default();
        let creds =
            druva_sdk::DruvaCredentials::new(config.client_id.clone(), config.secret_key.clone());
        let s = sim::druva::DruvaSim::start(config).await.expect("sim");
        let c = druva_sdk::Client::login(s.url(), creds)
            .await
            .expect("token");
        (s, c)
    });
    let ddmc_prefix = format!("/rest/v1.0/dd-systems/{system}/mtrees/");
    runner()
        .run(&value(), |v| {
            rt.block_on(async {
                let _ = ddmc
                    .get_mtree()
                    .system_id(system.clone())
                    .id(v.clone())
                    .send()
                    .await;
                one_segment_after(&last_path(&ddmc_sim.wire().records()), &ddmc_prefix)?;
                let _ = mgmt.get_backup().backup_id(v.clone()).send().await;
                one_segment_after(&last_path(&mgmt_sim.wire().records()), "/actifio/backup/")?;
                let request = druva_sdk::types::ReportRequest::builder()
                    .filters(druva_sdk::types::ReportFilters::builder().page_size(10));
                let _ = druva
                    .get_report_data()
                    .version("v1")
                    .report_id(v.clone())
                    .body(request)
                    .send()
                    .await;
                one_segment_after(
                    &last_path(&druva_sim.wire().records()),
                    "/platform/reporting/v1/reports/",
                )
            })
        })
        .expect("no path parameter may change the path");
}

#[test]
fn query_values_cannot_inject_parameters() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (mgmt_sim, mgmt) = rt.block_on(async {
        let s = sim::mgmt::MgmtSim::start(sim::mgmt::MgmtSimConfig::default())
            .await
            .expect("sim");
        let c = mgmt_sdk::Client::login(
            s.url(),
            mgmt_sdk::MgmtAuth::google_token("sim-google-token-9f1c"),
        )
        .await
        .expect("login");
        (s, c)
    });
    runner()
        .run(&(value(), value(), value()), |(a, b, sort)| {
            rt.block_on(async {
                mgmt_sim.wire().take();
                let _ = mgmt
                    .list_job_statuses()
                    .filter(vec![a.clone(), b.clone()])
                    .sort(sort.clone())
                    .send()
                    .await;
                let records = mgmt_sim.wire().take();
                let uri = &records.last().expect("request").uri;
                let query = uri.split_once('?').map(|(_, q)| q).unwrap_or_default();
                let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
                let expected = vec![
                    ("filter".to_string(), a),
                    ("filter".to_string(), b),
                    ("sort".to_string(), sort),
                ];
                prop_assert_eq!(pairs, expected);
                Ok(())
            })
        })
        .expect("query values arrive exactly as given");
}

#[test]
fn a_credential_with_a_line_break_is_refused_before_sending() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let s = sim::mgmt::MgmtSim::start(sim::mgmt::MgmtSimConfig::default())
            .await
            .expect("sim");
        let token = "sim-google-token-9f1c\r\nX-Injected: yes";
        let err = mgmt_sdk::Client::login(s.url(), mgmt_sdk::MgmtAuth::google_token(token))
            .await
            .expect_err("a header value with CR/LF is refused");
        assert!(
            !format!("{err} {err:?}").contains("sim-google-token"),
            "{err:?}"
        );
        assert!(
            s.wire()
                .records()
                .iter()
                .all(|r| r.headers.iter().all(|(n, _)| n != "x-injected")),
            "nothing was injected"
        );
    });
}

#[test]
fn arbitrary_bytes_decode_into_every_response_type_without_panic() {
    let json = prop::collection::vec(any::<u8>(), 0..64).prop_map(|b| b.to_vec());
    let shaped = (
        proptest::sample::select(
            &[
                "id",
                "items",
                "count",
                "@type",
                "paging_info",
                "data",
                "nextPageToken",
                "service_status",
            ][..],
        ),
        prop_oneof![
            Just("null".to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|f| if f.is_finite() {
                f.to_string()
            } else {
                "1e999".into()
            }),
            "[a-z\"\\\\]{0,8}".prop_map(|s| format!("{s:?}")),
            Just("[{}]".to_string()),
            Just("{\"a\":[1,\"x\",null]}".to_string()),
        ],
    )
        .prop_map(|(k, v)| format!("{{\"{k}\": {v}}}").into_bytes());
    runner()
        .run(&prop_oneof![json, shaped], |bytes| {
            let _ = ddmc_sdk::__decode_every_response_type(&bytes);
            let _ = mgmt_sdk::__decode_every_response_type(&bytes);
            let _ = druva_sdk::__decode_every_response_type(&bytes);
            Ok(())
        })
        .expect("decoding never panics");
    // The empty object is accepted by every type whose fields are all optional, as the specs make them.
    assert!(ddmc_sdk::__decode_every_response_type(b"{}") > 0);
    assert!(mgmt_sdk::__decode_every_response_type(b"{}") > 0);
    assert!(druva_sdk::__decode_every_response_type(b"{}") > 0);
}
