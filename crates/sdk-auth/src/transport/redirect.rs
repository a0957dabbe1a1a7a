//! Redirects: followed only within the session's origin, so no credential (header or body)
//! reaches another scheme, host or port.
//!
//! reqwest strips only `Authorization`, `Cookie` and `Proxy-Authorization` on a cross-origin
//! redirect; a DDMC token travels in `X-DD-AUTH-TOKEN`, a console session in
//! `backupdr-management-session`, and a `307` re-sends a login's JSON body with the password.
//! So a redirect is followed (up to 10 hops) only when scheme, host and port all stay the same;
//! any other is returned unfollowed and the session turns it into
//! [`Error::CrossOriginRedirect`](crate::Error::CrossOriginRedirect), naming the `Location`.

use reqwest::redirect::{Attempt, Policy};
use reqwest::{Response, Url};

/// The redirect policy of every session.
pub(crate) fn same_origin_only() -> Policy {
    Policy::custom(|attempt: Attempt<'_>| {
        let Some(first) = attempt.previous().first() else {
            return attempt.stop();
        };
        if attempt.previous().len() > 10 || !same_origin(first, attempt.url()) {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}

fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

/// The `Location` of a redirect answer when it points at another origin (without its query,
/// which may carry anything), else `None`.
pub(crate) fn cross_origin_location(response: &Response) -> Option<String> {
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)?
        .to_str()
        .ok()?;
    let target = response.url().join(location).ok()?;
    if same_origin(response.url(), &target) {
        return None;
    }
    let mut shown = target;
    shown.set_query(None);
    shown.set_fragment(None);
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    Some(shown.to_string())
}
