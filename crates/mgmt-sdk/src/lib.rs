//! Rust SDK for the Google Cloud Backup and DR management console API (and on-premises Actifio
//! AGM, the same API).
//!
//! Generated from `specs/mgmt.yaml` (progenitor, builder style); the login handshake (Google
//! bearer token → `POST /actifio/session` → `backupdr-management-session`), refresh on expiry,
//! retries and TLS come from [`sdk_auth`]. Every list operation has a `stream()` walking
//! `offset`/`limit` pages and, where the console has a HEAD count, a `count()` for the same
//! filters (the raw HEAD operations remain, see [`actifio_count`]). [`Filter`] and [`Sort`] write
//! the `filter=` and `sort=` syntax, [`time`] converts the microsecond timestamps, and the
//! `options_*` operations return the typed OPTIONS metadata of a collection.
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use mgmt_sdk::{Client, MgmtAuth};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let token = std::env::var("MGMT_TOKEN")?; // e.g. `gcloud auth print-access-token`
//! let client = Client::login("https://bmc-123-abc-dot-us-central1.backupdr.googleusercontent.com", MgmtAuth::google_token(token)).await?;
//! let head = client.count_applications().send().await?;
//! println!("{:?} applications", mgmt_sdk::actifio_count(head.headers()));
//! let apps: Vec<_> = client.list_applications().stream().try_collect().await?;
//! println!("listed {}", apps.len());
//! client.logout().await?;
//! # Ok(())
//! # }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

extern crate self as mgmt_sdk;

#[allow(clippy::all, missing_docs, unused_imports, dead_code)]
#[rustfmt::skip]
mod generated;
pub use generated::*;

/// Typed [httpmock](https://docs.rs/httpmock) helpers for every operation, to test code that
/// uses this SDK without a console (`features = ["mock"]`, in dev-dependencies).
///
/// [`MockServerExt`](mock::MockServerExt) adds one method per operation to
/// `httpmock::MockServer`; its closure gets the operation's typed `When` (one setter per
/// parameter) and `Then` (`ok`, `client_error`, `server_error` with the API's own types). Point a
/// client at the server with `Client::from_session(Session::unauthenticated(&server.base_url(),
/// HttpOptions::default())?)`. The crate README has a complete example.
#[cfg(feature = "mock")]
#[allow(clippy::all, missing_docs, unused_imports, dead_code)]
#[rustfmt::skip]
#[path = "generated_mock.rs"]
pub mod mock;

pub mod filter;
pub mod time;

pub use filter::{Filter, QueryError, Sort};
// Backup, mount, restore and clone with their jobs followed: needs the `applications` and
// `jobs` areas.
#[cfg(all(feature = "applications", feature = "jobs"))]
pub mod actions;
#[cfg(all(feature = "applications", feature = "jobs"))]
pub use actions::{Action, ActionError, JobState, job_state};

#[cfg(feature = "google-auth")]
pub mod google_auth;

#[cfg(feature = "google-auth")]
pub mod discovery;

/// Errors: a call's error answers [`CallError`]'s questions (`is_auth()`, `is_transient()`,
/// `is_not_found()`, `http_status()`, `retry_after()`, `session_error()`); logins fail with a
/// [`SessionError`].
pub use sdk_auth::{CallError, Error as SessionError, ErrorKind, OperationId, SessionFailure};
pub use sdk_auth::{HttpOptions, MgmtAuth, RetryPolicy, Session, StaticToken, TokenSource};

impl Client {
    /// Logs in to a management console. `base_url` is the console host; the `managementUri.api`
    /// form ending in `/actifio` is accepted too. Refused credentials fail here, typed.
    pub async fn login(base_url: &str, auth: MgmtAuth) -> Result<Self, sdk_auth::Error> {
        Self::login_with(base_url, auth, HttpOptions::default()).await
    }

    /// Like [`Client::login`] with explicit options (custom CA, timeouts, retry policy).
    pub async fn login_with(
        base_url: &str,
        auth: MgmtAuth,
        options: HttpOptions,
    ) -> Result<Self, sdk_auth::Error> {
        let session = Session::mgmt(base_url, auth, options)?;
        session.login().await?;
        Ok(Self::from_session(session))
    }
}

/// The total a HEAD (count) operation reports in its `Actifio-Count` header, whatever the
/// header's letter case (the V11.0.4 document spells it `Actifio-count`).
pub fn actifio_count(headers: &reqwest::header::HeaderMap) -> Option<u64> {
    headers
        .get("actifio-count")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// The README's examples, compiled as doctests so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
