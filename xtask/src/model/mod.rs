//! The spec and its extensions, read once.

pub mod areas;
pub mod property_ext;
pub mod spec;
