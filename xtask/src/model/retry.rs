//! `x-safe-to-retry: true` on a POST or PATCH that only reads: its transient failures are retried
//! like a GET's (the hooks hand the table to `sdk-auth`, see `emit::operations`).

use crate::model::spec::Op;

/// The operation's `x-safe-to-retry`, checked: a boolean, and only where it changes something
/// (POST or PATCH; every other method is retried anyway).
pub fn safe_to_retry(op: &Op<'_>) -> Result<bool, String> {
    let Some(value) = op.op.extensions.get("x-safe-to-retry") else {
        return Ok(false);
    };
    let safe = value
        .as_bool()
        .ok_or("`x-safe-to-retry` must be `true` or `false`")?;
    if safe && !matches!(op.method, "POST" | "PATCH") {
        return Err(format!(
            "`x-safe-to-retry` on a {} operation: only POST and PATCH need it (other methods are retried anyway)",
            op.method
        ));
    }
    Ok(safe)
}
