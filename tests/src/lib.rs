//! Workspace integration tests: loopback simulators of the three APIs, the read-only tour that
//! drives the SDKs end to end (`cargo run --bin tour`), the generator's compiled fixture, and the
//! benchmarks' fixtures (`cargo bench -p sdk-tests`) and the simulators `dp` is tried against
//! (`cargo run --bin simulators`).

pub mod bench;
pub mod fixture;
pub mod keys;
pub mod peak;
pub mod sim;
pub mod simulators;
pub mod tour;

/// The workspace README's examples, compiled as doctests so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
