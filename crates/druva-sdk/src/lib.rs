//! Rust SDK for the Druva Cloud Platform APIs (Platform reporting, inSync / Endpoints...).
//!
//! Generated from `specs/druva.yaml` (progenitor, builder style); the OAuth 2.0
//! client-credentials token (cached until shortly before `expires_in`, refreshed on 401/403),
//! retries and TLS come from [`sdk_auth`]. Paged list operations have a `stream()` in the
//! operation's pagination style (`pageToken` in the query or the body, the token alone on later
//! Platform events pages, the inSync events `tracker` with `nextPageExists`, legal hold v4 page
//! numbers); every stream stops on an empty page and never follows a token twice. The report
//! ids are constants in [`reports::report_id`].
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use druva_sdk::{Client, DruvaCredentials};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::connect(DruvaCredentials::new("client-id", "secret-key")).await?;
//! let mappings: Vec<_> = client.list_device_mappings().stream().try_collect().await?;
//! println!("{} device mappings", mappings.len());
//! # Ok(())
//! # }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

extern crate self as druva_sdk;

#[allow(clippy::all, missing_docs, unused_imports, dead_code)]
#[rustfmt::skip]
mod generated;
pub use generated::*;

/// Typed [httpmock](https://docs.rs/httpmock) helpers for every operation, to test code that
/// uses this SDK without Druva (`features = ["mock"]`, in dev-dependencies).
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

// The report ids and filters of the `platform` area.
#[cfg(feature = "platform")]
pub mod reports;

pub use sdk_auth::druva::{DEFAULT_URL, GOVCLOUD_INSYNC_URL, GOVCLOUD_URL, US0_URL};
/// Errors: a call's error answers [`CallError`]'s questions (`is_auth()`, `is_transient()`,
/// `is_not_found()`, `http_status()`, `retry_after()`, `session_error()`); logins fail with a
/// [`SessionError`].
pub use sdk_auth::{CallError, Error as SessionError, ErrorKind, OperationId, SessionFailure};
pub use sdk_auth::{DruvaCredentials, HttpOptions, RetryPolicy, Session};

impl Client {
    /// Gets a token from the public cloud (`https://apis.druva.com`). Refused credentials fail
    /// here, typed.
    pub async fn connect(credentials: DruvaCredentials) -> Result<Self, sdk_auth::Error> {
        Self::login(DEFAULT_URL, credentials).await
    }

    /// Gets a token from `base_url` (regional and GovCloud hosts: see the `*_URL` constants;
    /// a token only works on the host that minted it).
    pub async fn login(
        base_url: &str,
        credentials: DruvaCredentials,
    ) -> Result<Self, sdk_auth::Error> {
        Self::login_with(base_url, credentials, HttpOptions::default()).await
    }

    /// Like [`Client::login`] with explicit options (custom CA, timeouts, retry policy).
    pub async fn login_with(
        base_url: &str,
        credentials: DruvaCredentials,
        options: HttpOptions,
    ) -> Result<Self, sdk_auth::Error> {
        let session = Session::druva(base_url, credentials, options)?;
        session.login().await?;
        Ok(Self::from_session(session))
    }
}

/// The README's examples, compiled as doctests so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
