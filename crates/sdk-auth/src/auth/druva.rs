//! Druva Cloud Platform: OAuth 2.0 client credentials.
//!
//! `POST {host}/token` with HTTP Basic (client id, secret key) and the form body
//! `grant_type=client_credentials&scope=read` returns `{access_token, token_type, expires_in}`.
//! The token is cached until shortly before `expires_in` and sent as `Authorization: Bearer`.
//! An expired token answers 401 (inSync) or 403 (Platform, per Druva's FAQ): either triggers one
//! refresh. Tokens only work on the host (cloud) that minted them.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::AUTHORIZATION;
use secrecy::{ExposeSecret, SecretString};

use super::credential::Credential;
use super::{AuthFuture, build, exchange, login_error};
use crate::error::excerpt;
use crate::transport::Transport;
use crate::{Error, Vendor};

/// The public ("mainline") cloud.
pub const DEFAULT_URL: &str = "https://apis.druva.com";
/// The US-0 regional alias used by Druva's own Reporting SDK samples.
pub const US0_URL: &str = "https://apis-us0.druva.com";
/// Endpoints and Data Governance (inSync) GovCloud.
pub const GOVCLOUD_INSYNC_URL: &str = "https://govcloudapis.druva.com";
/// Enterprise Workloads and Cyber Resilience GovCloud.
pub const GOVCLOUD_URL: &str = "https://govapis.druva.com";

/// Path of the standard token endpoint.
pub const TOKEN_PATH: &str = "/token";

/// Path of the MSP token endpoint (an MSP credential is a separate credential type).
pub const MSP_TOKEN_PATH: &str = "/msp/auth/v1/token";

/// An API credential: Client ID and Secret Key from the Druva Cloud Platform Console.
#[derive(Clone)]
pub struct DruvaCredentials {
    client_id: String,
    secret_key: SecretString,
    token_path: &'static str,
}

impl DruvaCredentials {
    /// A standard API credential.
    pub fn new(client_id: impl Into<String>, secret_key: impl Into<SecretString>) -> Self {
        Self {
            client_id: client_id.into(),
            secret_key: secret_key.into(),
            token_path: TOKEN_PATH,
        }
    }

    /// An MSP API credential (tokens from `/msp/auth/v1/token`).
    pub fn msp(client_id: impl Into<String>, secret_key: impl Into<SecretString>) -> Self {
        Self {
            token_path: MSP_TOKEN_PATH,
            ..Self::new(client_id, secret_key)
        }
    }

    /// The Client ID (not a secret on its own).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The token endpoint path this credential uses.
    pub fn token_path(&self) -> &'static str {
        self.token_path
    }
}

impl std::fmt::Debug for DruvaCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DruvaCredentials")
            .field("client_id", &self.client_id)
            .field("secret_key", &"[redacted]")
            .field("token_path", &self.token_path)
            .finish()
    }
}

#[derive(serde::Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

/// How long before `expires_in` a cached token is replaced: a tenth of the lifetime, at most 60 s.
fn refresh_margin(lifetime: Duration) -> Duration {
    (lifetime / 10).min(Duration::from_secs(60))
}

impl super::Login for DruvaCredentials {
    fn vendor(&self) -> Vendor {
        Vendor::Druva
    }

    fn login_path(&self) -> &str {
        self.token_path
    }

    /// Platform answers an expired token with 403 (Druva's FAQ), inSync with 401.
    fn is_expired(&self, status: StatusCode) -> bool {
        matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
    }

    fn login<'a>(&'a self, transport: &'a Transport) -> AuthFuture<'a, Credential> {
        Box::pin(async move {
            let url = transport.url(self.token_path);
            let started = Instant::now();
            let request = transport
                .http
                .post(&url)
                .basic_auth(&self.client_id, Some(self.secret_key.expose_secret()))
                .form(&[("grant_type", "client_credentials"), ("scope", "read")]);
            let request = build(Vendor::Druva, &url, request)?;
            let answer = exchange(transport, Vendor::Druva, request).await?;
            let status = answer.status;
            if !status.is_success() {
                let detail = excerpt(&answer.body, 300);
                let refused = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
                    || (status == StatusCode::BAD_REQUEST && detail.contains("invalid_grant"));
                return Err(login_error(Vendor::Druva, &answer, refused, detail));
            }
            let token: TokenAnswer =
                serde_json::from_slice(&answer.body).map_err(|_| Error::LoginResponse {
                    vendor: Vendor::Druva,
                    detail: format!("HTTP {status} without a JSON `access_token`"),
                })?;
            let expires_at = token.expires_in.map(|secs| {
                let lifetime = Duration::from_secs(secs);
                started + lifetime - refresh_margin(lifetime)
            });
            Credential::new(
                vec![(
                    AUTHORIZATION,
                    SecretString::from(format!("Bearer {}", token.access_token)),
                )],
                expires_at,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_replaced_shortly_before_they_expire() {
        assert_eq!(
            refresh_margin(Duration::from_secs(1800)),
            Duration::from_secs(60)
        );
        assert_eq!(
            refresh_margin(Duration::from_secs(10)),
            Duration::from_secs(1)
        );
    }

    #[test]
    fn debug_hides_the_secret_key() {
        let s = format!("{:?}", DruvaCredentials::new("id-1", "very-secret"));
        assert!(s.contains("id-1") && !s.contains("very-secret"), "{s}");
    }
}
