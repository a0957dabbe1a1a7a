//! DDMC / PowerProtect DD: username and password exchanged for an `X-DD-AUTH-TOKEN`.
//!
//! `POST /rest/v1.0/auth` with `{"username","password"}` answers 201 and the token in the
//! `X-DD-AUTH-TOKEN` response header (not in the body); the token goes on every call; a 401 means
//! it expired and one re-login is attempted; `DELETE /rest/v1.0/auth` logs out.

use reqwest::header::HeaderName;
use reqwest::{StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};

use super::credential::{Credential, name};
use super::{AuthFuture, build, exchange, login_error};
use crate::error::excerpt;
use crate::transport::Transport;
use crate::{Error, Vendor};

/// Path of the login (POST) and logout (DELETE) endpoint.
pub const AUTH_PATH: &str = "/rest/v1.0/auth";

/// The token header, on requests and responses.
pub const TOKEN_HEADER: &str = "x-dd-auth-token";

/// A DDMC or PowerProtect DD user name and password.
#[derive(Clone)]
pub struct DdmcCredentials {
    username: String,
    password: SecretString,
}

impl DdmcCredentials {
    /// Credentials of a DDMC (or DD system) user.
    pub fn new(username: impl Into<String>, password: impl Into<SecretString>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
        }
    }

    /// The user name.
    pub fn username(&self) -> &str {
        &self.username
    }
}

impl std::fmt::Debug for DdmcCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DdmcCredentials")
            .field("username", &self.username)
            .field("password", &"[redacted]")
            .finish()
    }
}

pub(crate) fn token_header() -> HeaderName {
    name(TOKEN_HEADER)
}

impl super::Login for DdmcCredentials {
    fn vendor(&self) -> Vendor {
        Vendor::Ddmc
    }

    fn login_path(&self) -> Option<&str> {
        Some(AUTH_PATH)
    }

    fn login<'a>(&'a self, transport: &'a Transport) -> AuthFuture<'a, Credential> {
        Box::pin(async move {
            let url = transport.url(AUTH_PATH);
            let body = serde_json::json!({"username": self.username, "password": self.password.expose_secret()});
            let request = build(Vendor::Ddmc, &url, transport.http.post(&url).json(&body))?;
            let answer = exchange(transport, Vendor::Ddmc, request).await?;
            if answer.status.is_success() {
                let token = answer
                    .headers
                    .get(TOKEN_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| Error::LoginResponse {
                        vendor: Vendor::Ddmc,
                        detail: format!("HTTP {} without an {TOKEN_HEADER} header", answer.status),
                    })?;
                return Credential::new(
                    vec![(token_header(), SecretString::from(token.to_string()))],
                    None,
                );
            }
            let refused = matches!(
                answer.status,
                StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
            );
            Err(login_error(
                Vendor::Ddmc,
                &answer,
                refused,
                service_status_details(&answer.body),
            ))
        })
    }

    fn logout<'a>(
        &'a self,
        transport: &'a Transport,
        credential: &'a Credential,
    ) -> AuthFuture<'a, ()> {
        Box::pin(super::logout(
            transport,
            Vendor::Ddmc,
            AUTH_PATH,
            credential,
            service_status_details,
        ))
    }

    fn prepare_url(&self, url: &mut Url) {
        normalise_path(url);
    }

    fn echoed_credential_header(&self) -> Option<&'static str> {
        Some(TOKEN_HEADER)
    }
}

/// `service_status.details` of a DDMC answer, or a bounded excerpt of the body.
fn service_status_details(body: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            v.pointer("/service_status/details")
                .and_then(|d| d.as_str())
                .map(|d| excerpt(d.as_bytes(), 300))
        })
        .unwrap_or_else(|| excerpt(body, 300))
}

/// DDMC ids (mtree paths, system uuids) are returned already URL-encoded and must be sent
/// verbatim. progenitor percent-encodes path parameters (`%` → `%25`) and leaves `:` alone, so the
/// path is normalised here: `%25XX` → `%XX` (never producing an encoded dot, which a URL parser
/// could turn into a `..` segment) and `:` → `%3A`, as DDMC requires for system ids.
pub(crate) fn normalise_path(url: &mut Url) {
    let path = url.path();
    if !path.contains("%25") && !path.contains(':') {
        return;
    }
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b':' {
            out.push_str("%3A");
            i += 1;
        } else if bytes[i..].starts_with(b"%25")
            && i + 4 < bytes.len()
            && bytes[i + 3].is_ascii_hexdigit()
            && bytes[i + 4].is_ascii_hexdigit()
            && !(bytes[i + 3] == b'2' && (bytes[i + 4] | 0x20) == b'e')
        {
            out.push('%');
            i += 3;
        } else {
            out.push(bytes[i] as char);
            i += 1;
        }
    }
    url.set_path(&out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(path: &str) -> String {
        let mut url = Url::parse(&format!("https://dd.example:3009{path}")).unwrap();
        normalise_path(&mut url);
        url.path().to_string()
    }

    #[test]
    fn pre_encoded_ids_are_not_double_encoded() {
        assert_eq!(
            norm("/rest/v1.0/dd-systems/bb5b%253A4496/mtrees/%252Fdata%252Fcol1%252Fbackup1"),
            "/rest/v1.0/dd-systems/bb5b%3A4496/mtrees/%2Fdata%2Fcol1%2Fbackup1"
        );
    }

    #[test]
    fn raw_colons_are_encoded_and_dots_stay_inert() {
        assert_eq!(
            norm("/rest/v1.0/dd-systems/bb5b:4496/mtrees"),
            "/rest/v1.0/dd-systems/bb5b%3A4496/mtrees"
        );
        assert_eq!(
            norm("/rest/v1.0/dd-systems/%252e%252e/mtrees"),
            "/rest/v1.0/dd-systems/%252e%252e/mtrees"
        );
        assert_eq!(norm("/rest/v1.0/system"), "/rest/v1.0/system");
    }

    #[test]
    fn debug_hides_the_password() {
        let c = DdmcCredentials::new("sysadmin", "hunter2-secret");
        let s = format!("{c:?}");
        assert!(s.contains("sysadmin") && !s.contains("hunter2"), "{s}");
    }
}
