//! Rust SDK for the Dell PowerProtect DD Management Center (DDMC) and PowerProtect DD REST API.
//!
//! Generated from `specs/ddmc.yaml` (progenitor, builder style); login, token refresh, retries and
//! TLS come from [`sdk_auth`]. Every list operation has a `stream()` that walks all pages (200
//! items per request) so no caller silently gets only the API's default 20 items.
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use ddmc_sdk::{Client, DdmcCredentials};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::login("https://ddmc.example.com:3009", DdmcCredentials::new("sysadmin", "secret")).await?;
//! let systems = client.list_dd_systems().stream().try_collect::<Vec<_>>().await?;
//! for system in &systems {
//!     let id = system.id.as_deref().unwrap_or_default();
//!     let mtrees = client.list_mtrees().system_id(id).stream().try_collect::<Vec<_>>().await?;
//!     println!("{}: {} mtrees", system.name.as_deref().unwrap_or("?"), mtrees.len());
//! }
//! client.logout().await?;
//! # Ok(())
//! # }
//! ```
//!
//! System and mtree ids are passed exactly as the API returns them (already URL-encoded, e.g.
//! `bb5bed4adc90eebb%3A4496a0e4def16e94`, `%2Fdata%2Fcol1%2Fbackup1`); they are never
//! double-encoded. A raw `uuid` with `:` also works (sent as `%3A`).

#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

extern crate self as ddmc_sdk;

#[allow(clippy::all, missing_docs, unused_imports, dead_code)]
#[rustfmt::skip]
mod generated;
pub use generated::*;

/// Typed [httpmock](https://docs.rs/httpmock) helpers for every operation, to test code that
/// uses this SDK without a DDMC (`features = ["mock"]`, in dev-dependencies).
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

mod status;
pub mod tasks;

/// Errors: a call's error answers [`CallError`]'s questions (`is_auth()`, `is_transient()`,
/// `is_not_found()`, `http_status()`, `retry_after()`, `session_error()`); logins fail with a
/// [`SessionError`].
pub use sdk_auth::{CallError, Error as SessionError, ErrorKind, OperationId, SessionFailure};
pub use sdk_auth::{DdmcCredentials, HttpOptions, RetryPolicy, Session};

impl Client {
    /// Logs in to a DDMC (or DD system) at `base_url`, e.g. `https://ddmc.example.com:3009`,
    /// with certificate verification on. Bad credentials fail here, typed.
    pub async fn login(
        base_url: &str,
        credentials: DdmcCredentials,
    ) -> Result<Self, sdk_auth::Error> {
        Self::login_with(base_url, credentials, HttpOptions::default()).await
    }

    /// Like [`Client::login`] with explicit options (custom CA, timeouts, retry policy).
    pub async fn login_with(
        base_url: &str,
        credentials: DdmcCredentials,
        options: HttpOptions,
    ) -> Result<Self, sdk_auth::Error> {
        let session = Session::ddmc(base_url, credentials, options)?;
        session.login().await?;
        Ok(Self::from_session(session))
    }
}

/// The README's examples, compiled as doctests so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
