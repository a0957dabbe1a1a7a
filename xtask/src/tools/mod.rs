//! The xtask's other commands.

pub mod area_builds;
pub mod audit;
pub mod bench;
