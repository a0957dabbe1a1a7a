//! Finding a project's management consoles (feature `google-auth`): the Backup and DR API's
//! `projects.locations.managementServers.list`, as AGMPowerCLI's
//! `Get-GoogleCloudBackupDRConsole` does, so that a console URL comes from a project and a
//! region instead of being copied from the Cloud console.
//!
//! The calls go through an [`sdk_auth::Session`] like every other call of the SDK: the same TLS
//! settings, retries of transient failures (`Retry-After` honoured), a fresh token from the
//! source when Google refuses the one sent, and bounded error excerpts. Every page is read
//! (`nextPageToken`), and the locations Google could not reach are returned, not dropped.
//!
//! ```no_run
//! use mgmt_sdk::discovery::BackupDr;
//! use mgmt_sdk::google_auth::GoogleTokenSource;
//! use mgmt_sdk::{Client, MgmtAuth};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let source = GoogleTokenSource::application_default().await?;
//! let found = BackupDr::new(source)?
//!     .management_servers("my-project", None)
//!     .await?;
//! for server in &found.servers {
//!     println!("{} {} {:?}", server.location(), server.id(), server.api_url());
//! }
//! if let Some(api) = found.servers.first().and_then(|s| s.api_url()) {
//!     let source = GoogleTokenSource::application_default().await?;
//!     let client = Client::login(api, MgmtAuth::google(source)).await?;
//!     # let _ = client;
//! }
//! # Ok(())
//! # }
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::{Error, HttpOptions, ResponseValue, Session, SessionError, TokenSource};

/// The Backup and DR API.
pub const BACKUPDR_URL: &str = "https://backupdr.googleapis.com";

/// The operation id of the list call, in tracing spans and error messages.
const OPERATION: &str = "list_management_servers";

/// The Backup and DR API of Google Cloud, where a project's management consoles are listed.
#[derive(Debug, Clone)]
pub struct BackupDr {
    session: Session,
}

/// A management console (`ManagementServer` of the Backup and DR API).
///
/// Only the fields a user acts on are typed; every other field Google sends is kept in
/// [`ManagementServer::other`], so nothing the API answered is lost.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ManagementServer {
    /// `projects/{project}/locations/{location}/managementServers/{id}`.
    pub name: String,
    /// `READY`, `CREATING`, `UPDATING`, `DELETING`, `REPAIRING`, `MAINTENANCE`, `ERROR`...
    #[serde(default)]
    pub state: Option<String>,
    /// `BACKUP_RESTORE` for the consoles of Backup and DR.
    #[serde(default, rename = "type")]
    pub server_type: Option<String>,
    /// The console's addresses.
    #[serde(default)]
    pub management_uri: Option<ManagementUri>,
    /// The description given when the console was made.
    #[serde(default)]
    pub description: Option<String>,
    /// When the console was made (RFC 3339).
    #[serde(default)]
    pub create_time: Option<String>,
    /// The other fields of the answer, as sent.
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

/// The addresses of a management console.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ManagementUri {
    /// The console's web UI.
    #[serde(default)]
    pub web_ui: Option<String>,
    /// The console's API (`https://bmc-...backupdr.googleusercontent.com/actifio`): what
    /// [`Client::login`](crate::Client::login) takes.
    #[serde(default)]
    pub api: Option<String>,
    /// Fields Google may add.
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

impl ManagementServer {
    /// The location (region) in the resource name, e.g. `us-central1`.
    pub fn location(&self) -> &str {
        self.segment_after("locations")
    }

    /// The console's id, the last segment of the resource name.
    pub fn id(&self) -> &str {
        self.segment_after("managementServers")
    }

    /// The console's API URL, when Google gives one (a console still being made has none).
    pub fn api_url(&self) -> Option<&str> {
        self.management_uri.as_ref()?.api.as_deref()
    }

    fn segment_after(&self, key: &str) -> &str {
        let mut parts = self.name.split('/');
        while let Some(part) = parts.next() {
            if part == key {
                return parts.next().unwrap_or_default();
            }
        }
        ""
    }
}

/// What a listing found.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ManagementServers {
    /// The consoles, in the order Google listed them, every page read.
    pub servers: Vec<ManagementServer>,
    /// Locations Google could not reach: their consoles may be missing from `servers`.
    pub unreachable: Vec<String>,
}

/// One page of the list answer.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Page {
    #[serde(default)]
    management_servers: Vec<ManagementServer>,
    #[serde(default)]
    next_page_token: Option<String>,
    #[serde(default)]
    unreachable: Vec<String>,
}

impl BackupDr {
    /// The Backup and DR API at [`BACKUPDR_URL`], with tokens from `source` (for example a
    /// [`GoogleTokenSource`](crate::google_auth::GoogleTokenSource)).
    pub fn new(source: impl TokenSource) -> Result<Self, SessionError> {
        Self::with_options(BACKUPDR_URL, source, HttpOptions::default())
    }

    /// The API at `base_url` (a private endpoint, a proxy, a test server) with these HTTP
    /// options.
    pub fn with_options(
        base_url: &str,
        source: impl TokenSource,
        options: HttpOptions,
    ) -> Result<Self, SessionError> {
        Ok(Self {
            session: Session::google_cloud(base_url, source, options)?,
        })
    }

    /// The management consoles of `project` in `location`, or in every location when `None`.
    ///
    /// Errors are those of a generated call ([`CallError`](crate::CallError) answers what
    /// happened): Google's JSON error answers (403 when the caller lacks
    /// `backupdr.managementServers.list`, 404 for an unknown project) come back as
    /// `ErrorResponse` with the answer's JSON.
    pub async fn management_servers(
        &self,
        project: &str,
        location: Option<&str>,
    ) -> Result<ManagementServers, Error<Value>> {
        let url = format!(
            "{}/v1/projects/{}/locations/{}/managementServers",
            self.session.base_url(),
            sdk_auth::encode_path(project),
            sdk_auth::encode_path(location.unwrap_or("-")),
        );
        let mut found = ManagementServers::default();
        let mut token: Option<String> = None;
        loop {
            let mut request = self.session.http().get(&url);
            if let Some(t) = &token {
                request = request.query(&[("pageToken", t.as_str())]);
            }
            let page = self.page(request).await?.into_inner();
            found.servers.extend(page.management_servers);
            for location in page.unreachable {
                if !found.unreachable.contains(&location) {
                    found.unreachable.push(location);
                }
            }
            match page.next_page_token.filter(|t| !t.is_empty()) {
                // A token repeated would loop for ever; the list ends there instead.
                Some(next) if token.as_deref() != Some(next.as_str()) => token = Some(next),
                _ => return Ok(found),
            }
        }
    }

    async fn page(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<ResponseValue<Page>, Error<Value>> {
        use sdk_auth::__private::{exec, from_response, post, pre};
        let mut request = request.build()?;
        pre(&self.session, &mut request, OPERATION).await?;
        let result = exec(&self.session, request, OPERATION, true).await;
        post(&self.session, &result, OPERATION).await?;
        let response = result?;
        match response.status().as_u16() {
            200..=299 => from_response::<Page, Value>(response).await,
            400..=599 => Err(Error::ErrorResponse(
                from_response::<Value, Value>(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
}
