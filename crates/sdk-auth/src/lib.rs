//! Login, sessions, tokens, retries, TLS and paging for the `ddmc-sdk`, `mgmt-sdk` and
//! `druva-sdk` crates: the runtime every generated client runs on.
//!
//! Every generated client holds a [`Session`], the single owner of the base URL, the HTTP client
//! (TLS, certificate pinning, timeouts, redirects) and the credential. For each request the
//! client's generated `ClientHooks` impl hands the request to the session, which logs in if
//! needed and adds the vendor's auth headers; on an expired credential logs in again once and
//! replays; retries transient failures (408, 429, 502, 503, 504, connection failures) of
//! requests safe to repeat, logins included, never sooner than `Retry-After` asks; never follows
//! a redirect to another origin; and records one tracing span per call.
//!
//! | vendor | credential | carried as | expired when |
//! |---|---|---|---|
//! | DDMC | [`DdmcCredentials`] → `POST /rest/v1.0/auth` | `X-DD-AUTH-TOKEN` | 401 |
//! | management console | [`MgmtAuth`] → `POST /actifio/session` | `Authorization: Bearer` + `backupdr-management-session: Actifio <id>` (Google) or `Authorization: Actifio <id>` (AGM) | 401 |
//! | Druva | [`DruvaCredentials`] → `POST /token` | `Authorization: Bearer` | 401 or 403, or `expires_in` |
//!
//! Secrets (passwords, client secrets, tokens, session ids) are held in [`secrecy`] types, sent in
//! headers marked sensitive, and never appear in `Debug`, `Display`, errors or logs.
//!
//! Where each concern lives: `auth/` (one file per vendor's login, behind one trait),
//! `transport/` (client options, `retry`, `tls`, `redirect`), [`paging`] (the page walks behind
//! every `stream()`), `error` and `call_error` (what went wrong, and the questions a call's error
//! answers: [`CallError`]), `path` (path parameter encoding).
//!
//! ```no_run
//! # async fn demo() -> Result<(), sdk_auth::Error> {
//! use sdk_auth::{DdmcCredentials, HttpOptions, Session};
//!
//! let session = Session::ddmc(
//!     "https://ddmc.example.com:3009",
//!     DdmcCredentials::new("sysadmin", "secret"),
//!     // The appliance's self-signed certificate, by its SHA-256 fingerprint.
//!     HttpOptions::default().with_pinned_certificate_sha256(
//!         "3A:0B:6C:4D:12:9E:77:21:5F:0A:C3:88:19:E4:52:B6:0D:7F:A1:C9:44:2E:8B:65:D0:13:F7:9A:3C:58:E2:06",
//!     ),
//! )?;
//! session.login().await?;
//! session.logout().await?;
//! # Ok(())
//! # }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

mod auth;
mod call_error;
mod error;
mod lenient;
mod operation;
pub mod paging;
mod password;
mod path;
mod session;
mod transport;

pub use auth::ddmc::DdmcCredentials;
pub use auth::druva::DruvaCredentials;
pub use auth::mgmt::{MgmtAuth, StaticToken, TokenSource};
pub use auth::{ddmc, druva, mgmt};
pub use call_error::{CallError, SessionFailure};
pub use error::{Error, ErrorKind, Vendor, chain};
pub use operation::OperationId;
pub use password::Password;
pub use path::encode_path;
pub use secrecy::SecretString;
pub use session::Session;
pub use transport::retry::RetryPolicy;
pub use transport::tls::fingerprint_sha256;
pub use transport::{DEFAULT_MAX_BODY_SIZE, HttpOptions, ensure_crypto_provider};
