//! [`OperationId`]: an API operation named by a typed constant instead of a free string.

use std::fmt;

/// The id of one API operation (`get_report_data`, `list_mtrees`...).
///
/// Each SDK crate has one constant per operation in its `operations` module
/// (`druva_sdk::operations::GET_REPORT_DATA`), so that options naming an operation
/// ([`RetryPolicy::with_safe_operations`](crate::RetryPolicy::with_safe_operations),
/// [`HttpOptions::with_operation_timeout`](crate::HttpOptions::with_operation_timeout)) cannot
/// carry a typo that is silently ignored.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OperationId(&'static str);

impl OperationId {
    /// Used by the generated `operations` modules; not for hand-written code.
    #[doc(hidden)]
    pub const fn __new(id: &'static str) -> Self {
        Self(id)
    }

    /// The operation id as the spec names it.
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Debug for OperationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Display for OperationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
