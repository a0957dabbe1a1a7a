//! Druva Cloud Platform: OAuth 2.0 client credentials.
//!
//! `POST {host}/token` with HTTP Basic (client id, secret key) and the form body
//! `grant_type=client_credentials&scope=read` returns `{access_token, token_type, expires_in}`.
//! The token is cached until shortly before `expires_in` and sent as `Authorization: Bearer`.
//! An expired token answers 401 (inSync) or 403 (Platform, per Druva's FAQ): either triggers one
//! refresh. Tokens only work on the host (cloud) that minted them.
//!
//! MSP credentials get their token from `POST {host}/msp/auth/v1/token` (the form body is
//! `grant_type=client_credentials` alone, as in Druva's MSP samples). A customer's own APIs
//! (`/platform`, `/insync`, `/phoenix`, ...) are called with a customer token, minted with the
//! MSP token at `POST /msp/v2/customers/{customerID}/token`: [`DruvaCredentials::for_customer`]
//! does both steps at every login, so an expired customer token is replaced like any other.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, HeaderValue};
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

/// An API credential: Client ID and Secret Key from the Druva Cloud Platform Console (or, for
/// [`DruvaCredentials::msp`], from the MSP console), optionally scoped to one MSP customer.
#[derive(Clone)]
pub struct DruvaCredentials {
    client_id: String,
    secret_key: SecretString,
    token_path: &'static str,
    customer_id: Option<String>,
}

impl DruvaCredentials {
    /// A standard API credential.
    pub fn new(client_id: impl Into<String>, secret_key: impl Into<SecretString>) -> Self {
        Self {
            client_id: client_id.into(),
            secret_key: secret_key.into(),
            token_path: TOKEN_PATH,
            customer_id: None,
        }
    }

    /// An MSP API credential (tokens from `/msp/auth/v1/token`).
    pub fn msp(client_id: impl Into<String>, secret_key: impl Into<SecretString>) -> Self {
        Self {
            token_path: MSP_TOKEN_PATH,
            ..Self::new(client_id, secret_key)
        }
    }

    /// This MSP credential, scoped to one customer: each login gets an MSP token, then the
    /// customer's token (`POST /msp/v2/customers/{customer_id}/token`), which every call then
    /// carries. Use it to call the customer's own APIs (reports, inSync, Enterprise Workloads);
    /// use the unscoped [`DruvaCredentials::msp`] for the `/msp` APIs.
    ///
    /// An MSP credential is implied: calling this on a [`DruvaCredentials::new`] credential
    /// makes it an MSP one.
    ///
    /// ```
    /// let credentials = sdk_auth::DruvaCredentials::msp("msp-client", "msp-secret").for_customer("cust-42");
    /// assert_eq!(credentials.customer_id(), Some("cust-42"));
    /// assert_eq!(credentials.token_path(), sdk_auth::druva::MSP_TOKEN_PATH);
    /// ```
    pub fn for_customer(self, customer_id: impl Into<String>) -> Self {
        Self {
            token_path: MSP_TOKEN_PATH,
            customer_id: Some(customer_id.into()),
            ..self
        }
    }

    /// The MSP customer whose token this credential logs in with, if it is scoped to one.
    pub fn customer_id(&self) -> Option<&str> {
        self.customer_id.as_deref()
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
            .field("customer_id", &self.customer_id)
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

    fn login_path(&self) -> Option<&str> {
        Some(self.token_path)
    }

    /// Platform answers an expired token with 403 (Druva's FAQ), inSync with 401.
    fn is_expired(&self, status: StatusCode) -> bool {
        matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
    }

    fn login<'a>(&'a self, transport: &'a Transport) -> AuthFuture<'a, Credential> {
        Box::pin(async move {
            let url = transport.url(self.token_path);
            let started = Instant::now();
            let form: &[(&str, &str)] = if self.token_path == MSP_TOKEN_PATH {
                &[("grant_type", "client_credentials")]
            } else {
                &[("grant_type", "client_credentials"), ("scope", "read")]
            };
            let request = transport
                .http
                .post(&url)
                .basic_auth(&self.client_id, Some(self.secret_key.expose_secret()))
                .form(form);
            let mut token = token_exchange(transport, &url, request, started).await?;
            if let Some(customer) = &self.customer_id {
                let url = transport.url(&format!(
                    "/msp/v2/customers/{}/token",
                    crate::encode_path(customer)
                ));
                let started = Instant::now();
                let mut bearer = HeaderValue::try_from(format!("Bearer {}", token.access_token))
                    .map_err(|_| Error::LoginResponse {
                        vendor: Vendor::Druva,
                        detail: "the MSP token is not a valid header value".into(),
                    })?;
                bearer.set_sensitive(true);
                let request = transport
                    .http
                    .post(&url)
                    .header(AUTHORIZATION, bearer)
                    .form(&[("grant_type", "client_credentials")]);
                token = token_exchange(transport, &url, request, started).await?;
            }
            Credential::new(
                vec![(
                    AUTHORIZATION,
                    SecretString::from(format!("Bearer {}", token.access_token)),
                )],
                token.expires_at,
            )
        })
    }
}

/// A token and when to replace it.
struct Token {
    access_token: String,
    expires_at: Option<Instant>,
}

/// Sends one token request (with the transport's retries) and reads `{access_token, expires_in}`.
/// 401, 403, 404 (an MSP customer that does not exist) and 400 `invalid_grant` are refusals,
/// never retried.
async fn token_exchange(
    transport: &Transport,
    url: &str,
    request: reqwest::RequestBuilder,
    started: Instant,
) -> Result<Token, Error> {
    let request = build(Vendor::Druva, url, request)?;
    let answer = exchange(transport, Vendor::Druva, request).await?;
    let status = answer.status;
    if !status.is_success() {
        let detail = excerpt(&answer.body, 300);
        let refused = matches!(
            status,
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
        ) || (status == StatusCode::BAD_REQUEST && detail.contains("invalid_grant"));
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
    Ok(Token {
        access_token: token.access_token,
        expires_at,
    })
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
        let s = format!(
            "{:?}",
            DruvaCredentials::msp("id-2", "msp-secret").for_customer("c-9")
        );
        assert!(
            s.contains("id-2") && s.contains("c-9") && !s.contains("msp-secret"),
            "{s}"
        );
    }
}
