//! The tour (`cargo run --bin tour`) against the bundled simulators: every API succeeds and the
//! summary reports what the simulators hold.

#[tokio::test]
async fn the_tour_runs_against_the_simulators() {
    let report = sdk_tests::tour::run(&sdk_tests::tour::TourConfig::simulators()).await;
    assert_eq!(report.failures, 0, "{}", report.text);
    for expected in [
        "3 DD systems",
        "302 mtrees in all",
        "2500 applications listed in 3 page(s)",
        "epLastBackupStatus: 2345 rows in 5 page(s)",
        "9 device mappings",
        "120 users",
        "logged out",
    ] {
        assert!(
            report.text.contains(expected),
            "missing {expected:?} in:\n{}",
            report.text
        );
    }
}
