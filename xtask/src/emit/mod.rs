//! Code emitted beside progenitor's.

pub(crate) mod cli;
pub(crate) mod counts;
pub(crate) mod operations;
pub(crate) mod options;
pub(crate) mod streams;
