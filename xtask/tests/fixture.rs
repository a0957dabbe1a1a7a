//! The generator's output for a small fixture spec, pinned with insta. The same output is
//! committed under `tests/src/fixture/` and compiled there, so a change in progenitor or in the
//! xtask shows up here as a reviewable diff and there as a compile check.

#[test]
fn fixture_output_is_pinned() {
    let yaml = include_str!("../fixtures/fixture.yaml");
    let generated = xtask::generate_from_str("xtask/fixtures/fixture.yaml", yaml, "crate::fixture")
        .expect("the fixture spec generates");
    insta::assert_snapshot!("fixture_client", generated.client);
    insta::assert_snapshot!("fixture_mock", generated.mock);
}

#[test]
fn generation_is_deterministic() {
    let yaml = include_str!("../fixtures/fixture.yaml");
    let a = xtask::generate_from_str("fixture.yaml", yaml, "crate::fixture").expect("generates");
    let b = xtask::generate_from_str("fixture.yaml", yaml, "crate::fixture").expect("generates");
    assert_eq!(a, b);
}
