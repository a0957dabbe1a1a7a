//! Login, sessions, tokens, retries and TLS for the `ddmc-sdk`, `mgmt-sdk` and `druva-sdk` crates.
//!
//! Every generated client holds a [`Session`]. For each request the client's generated
//! `ClientHooks` impl calls [`Session::authorize`] (log in if needed, add the vendor's auth
//! headers) and [`Session::execute`] (send; on an expired credential log in again once and
//! replay; retry transient failures of idempotent requests with backoff, honouring
//! `Retry-After`; one tracing span per call).
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
//! ```no_run
//! # async fn demo() -> Result<(), sdk_auth::Error> {
//! use sdk_auth::{DdmcCredentials, HttpOptions, Session};
//!
//! let session = Session::ddmc(
//!     "https://ddmc.example.com:3009",
//!     DdmcCredentials::new("sysadmin", "secret"),
//!     HttpOptions::default().with_ca_pem(std::fs::read("ddmc-ca.pem").unwrap_or_default()),
//! )?;
//! session.login().await?;
//! session.logout().await?;
//! # Ok(())
//! # }
//! ```

mod credential;
pub mod ddmc;
pub mod druva;
mod error;
pub mod mgmt;
mod options;
pub mod paging;
mod path;
mod retry;
mod session;

pub use ddmc::DdmcCredentials;
pub use druva::DruvaCredentials;
pub use error::{Error, Vendor};
pub use mgmt::{MgmtAuth, StaticToken, TokenSource};
pub use options::{HttpOptions, ensure_crypto_provider};
pub use path::encode_path;
pub use retry::RetryPolicy;
pub use secrecy::SecretString;
pub use session::Session;
