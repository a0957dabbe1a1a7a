//! The xtask's other commands, beside `generate` and `check`: `audit` (a spec against a vendor's
//! OpenAPI document), `bench` / `build-cost` (benchmarks and build cost) and `check-areas` (each
//! SDK built with each API area alone).

pub mod area_builds;
pub mod audit;
pub mod bench;
