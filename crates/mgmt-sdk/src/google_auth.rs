//! Google OAuth bearer tokens for the console (feature `google-auth`): Application Default
//! Credentials, a service-account key, and service-account impersonation, through the
//! [`gcp_auth`] crate (rustls with `ring`, no C build).
//!
//! [`GoogleTokenSource`] implements [`TokenSource`]: the session asks it for a token at every
//! login and re-login; it hands out its cached token while that is valid and fetches a fresh one
//! once it has expired, so a console 401 after token expiry costs one refresh of token and session.
//!
//! ```no_run
//! use mgmt_sdk::{Client, MgmtAuth};
//! use mgmt_sdk::google_auth::GoogleTokenSource;
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! // ADC (GOOGLE_APPLICATION_CREDENTIALS, gcloud's ADC file, the metadata server or gcloud),
//! // then impersonate the service account that holds the console role.
//! let source = GoogleTokenSource::application_default()
//!     .await?
//!     .impersonate("backup-admin@my-project.iam.gserviceaccount.com");
//! let console = "https://bmc-123-abcd-dot-us-central1.backupdr.googleusercontent.com";
//! let client = Client::login(console, MgmtAuth::google(source)).await?;
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sdk_auth::mgmt::TokenFuture;
use sdk_auth::{Error, TokenSource};
use secrecy::{ExposeSecret, SecretString};

/// The OAuth scope the console needs (research: `cloud-platform`).
pub const CLOUD_PLATFORM_SCOPE: &str = "https://www.googleapis.com/auth/cloud-platform";

/// Google's IAM Service Account Credentials API.
pub const IAM_CREDENTIALS_URL: &str = "https://iamcredentials.googleapis.com";

/// How long before its end an impersonated token is replaced.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);

/// A Google bearer-token source for [`MgmtAuth::google`](crate::MgmtAuth::google).
pub struct GoogleTokenSource {
    provider: Arc<dyn gcp_auth::TokenProvider>,
    scopes: Vec<String>,
    impersonation: Option<Impersonation>,
}

struct Impersonation {
    service_account: String,
    endpoint: String,
    lifetime: Duration,
    http: reqwest::Client,
    /// The impersonated token and the instant it is replaced.
    cached: tokio::sync::Mutex<Option<(SecretString, Instant)>>,
}

impl fmt::Debug for GoogleTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoogleTokenSource")
            .field("scopes", &self.scopes)
            .field(
                "impersonate",
                &self.impersonation.as_ref().map(|i| &i.service_account),
            )
            .finish_non_exhaustive()
    }
}

fn source_error(what: &str, e: gcp_auth::Error) -> Error {
    // gcp_auth's messages name the step, never the key or token.
    let mut text = format!("{what}: {e}");
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    Error::TokenSource(text)
}

impl GoogleTokenSource {
    /// Application Default Credentials, found as gcp_auth finds them: the key file named by
    /// `GOOGLE_APPLICATION_CREDENTIALS`, gcloud's ADC file, the metadata server of a Google
    /// Cloud VM, then `gcloud auth print-access-token`.
    pub async fn application_default() -> Result<Self, Error> {
        let provider = gcp_auth::provider()
            .await
            .map_err(|e| source_error("no Google Application Default Credentials", e))?;
        Ok(Self::from_provider(provider))
    }

    /// A service-account key (the JSON document Google issues). Tokens come from the key's
    /// `token_uri`.
    pub fn from_service_account_key(json: &str) -> Result<Self, Error> {
        let account = gcp_auth::CustomServiceAccount::from_json(json)
            .map_err(|e| source_error("unusable service-account key", e))?;
        Ok(Self::from_provider(Arc::new(account)))
    }

    /// A service-account key file.
    pub fn from_service_account_key_file(path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        let account = gcp_auth::CustomServiceAccount::from_file(path)
            .map_err(|e| source_error("unusable service-account key file", e))?;
        Ok(Self::from_provider(Arc::new(account)))
    }

    /// Any gcp_auth token provider.
    pub fn from_provider(provider: Arc<dyn gcp_auth::TokenProvider>) -> Self {
        Self {
            provider,
            scopes: vec![CLOUD_PLATFORM_SCOPE.to_string()],
            impersonation: None,
        }
    }

    /// Requests these OAuth scopes instead of [`CLOUD_PLATFORM_SCOPE`] alone (AGMPowerCLI adds
    /// `https://www.googleapis.com/auth/userinfo.email`).
    pub fn with_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Impersonates `service_account` (an e-mail): the credentials found so far only mint
    /// short-lived tokens of that account through IAM Credentials `generateAccessToken`. The
    /// caller needs "Service Account Token Creator" on that account.
    pub fn impersonate(mut self, service_account: impl Into<String>) -> Self {
        sdk_auth::ensure_crypto_provider();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap_or_default();
        self.impersonation = Some(Impersonation {
            service_account: service_account.into(),
            endpoint: IAM_CREDENTIALS_URL.to_string(),
            lifetime: Duration::from_secs(3600),
            http,
            cached: tokio::sync::Mutex::new(None),
        });
        self
    }

    /// The IAM Credentials API base URL (default [`IAM_CREDENTIALS_URL`]; a private endpoint or
    /// a test server). No effect without [`GoogleTokenSource::impersonate`].
    pub fn with_iam_credentials_url(mut self, url: impl Into<String>) -> Self {
        if let Some(i) = self.impersonation.as_mut() {
            i.endpoint = url.into().trim_end_matches('/').to_string();
        }
        self
    }

    /// The lifetime requested for impersonated tokens (default one hour, Google's maximum
    /// unless an organization policy allows twelve). No effect without impersonation.
    pub fn with_lifetime(mut self, lifetime: Duration) -> Self {
        if let Some(i) = self.impersonation.as_mut() {
            i.lifetime = lifetime;
        }
        self
    }

    async fn source_token(&self) -> Result<SecretString, Error> {
        let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
        let token = self
            .provider
            .token(&scopes)
            .await
            .map_err(|e| source_error("fetching a Google token failed", e))?;
        Ok(SecretString::from(token.as_str().to_string()))
    }

    async fn impersonated(&self, i: &Impersonation) -> Result<SecretString, Error> {
        let mut cached = i.cached.lock().await;
        if let Some((token, until)) = cached.as_ref()
            && Instant::now() < *until
        {
            return Ok(token.clone());
        }
        let source = self.source_token().await?;
        let account = &i.service_account;
        let url = format!(
            "{}/v1/projects/-/serviceAccounts/{}:generateAccessToken",
            i.endpoint,
            sdk_auth::encode_path(account)
        );
        let asked = Instant::now();
        let response = i
            .http
            .post(&url)
            .bearer_auth(source.expose_secret())
            .json(&serde_json::json!({
                "scope": self.scopes,
                "lifetime": format!("{}s", i.lifetime.as_secs()),
            }))
            .send()
            .await
            .map_err(|e| {
                Error::TokenSource(format!(
                    "impersonating {account}: {url} unreachable: {}",
                    e.without_url()
                ))
            })?;
        let status = response.status();
        let body = response.bytes().await.unwrap_or_default();
        if !status.is_success() {
            let text: String = String::from_utf8_lossy(&body).chars().take(300).collect();
            return Err(Error::TokenSource(format!(
                "impersonating {account}: generateAccessToken answered HTTP {status}: {}",
                text.replace(['\r', '\n'], " ")
            )));
        }
        let token = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v.get("accessToken")?.as_str().map(str::to_string))
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                Error::TokenSource(format!(
                    "impersonating {account}: the generateAccessToken answer has no accessToken"
                ))
            })?;
        let token = SecretString::from(token);
        let until = asked + i.lifetime.saturating_sub(EXPIRY_MARGIN);
        *cached = Some((token.clone(), until));
        Ok(token)
    }
}

impl TokenSource for GoogleTokenSource {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move {
            match &self.impersonation {
                Some(i) => self.impersonated(i).await,
                None => self.source_token().await,
            }
        })
    }
}
