//! syn passes over progenitor's output.

pub(crate) mod boxing;
pub(crate) mod cfg;
pub(crate) mod client_owner;
pub(crate) mod cycles;
pub(crate) mod inline;
pub mod lenient;
pub(crate) mod password_headers;
pub mod rust_names;
