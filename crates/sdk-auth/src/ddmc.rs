//! DDMC / PowerProtect DD: username and password exchanged for an `X-DD-AUTH-TOKEN`.
//!
//! `POST /rest/v1.0/auth` with `{"username","password"}` answers 201 and the token in the
//! `X-DD-AUTH-TOKEN` response header (not in the body); the token goes on every call; a 401 means
//! it expired and one re-login is attempted; `DELETE /rest/v1.0/auth` logs out.

use reqwest::header::HeaderName;
use reqwest::{StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};

use crate::credential::{Credential, name};
use crate::error::excerpt;
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

pub(crate) async fn login(
    http: &reqwest::Client,
    base: &Url,
    creds: &DdmcCredentials,
) -> Result<Credential, Error> {
    let url = format!("{}{AUTH_PATH}", base.as_str().trim_end_matches('/'));
    let body =
        serde_json::json!({"username": creds.username, "password": creds.password.expose_secret()});
    let response = http
        .post(&url)
        .json(&body)
        .send()
        .await
        .map_err(|source| Error::Transport {
            vendor: Vendor::Ddmc,
            url: url.clone(),
            source,
        })?;
    let status = response.status();
    let token = response
        .headers()
        .get(TOKEN_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response.bytes().await.unwrap_or_default();
    if status.is_success() {
        let token = token
            .filter(|t| !t.is_empty())
            .ok_or_else(|| Error::LoginResponse {
                vendor: Vendor::Ddmc,
                detail: format!("HTTP {status} without an {TOKEN_HEADER} header"),
            })?;
        return Credential::new(vec![(token_header(), SecretString::from(token))], None);
    }
    let detail = service_status_details(&bytes);
    Err(match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Error::InvalidCredentials {
            vendor: Vendor::Ddmc,
            status: status.as_u16(),
            detail,
        },
        _ => Error::LoginFailed {
            vendor: Vendor::Ddmc,
            status: status.as_u16(),
            detail,
        },
    })
}

pub(crate) async fn logout(
    http: &reqwest::Client,
    base: &Url,
    credential: &Credential,
) -> Result<(), Error> {
    let url = format!("{}{AUTH_PATH}", base.as_str().trim_end_matches('/'));
    let mut request = http
        .delete(&url)
        .build()
        .map_err(|source| Error::Transport {
            vendor: Vendor::Ddmc,
            url: url.clone(),
            source,
        })?;
    credential.apply(request.headers_mut());
    let response = http
        .execute(request)
        .await
        .map_err(|source| Error::Transport {
            vendor: Vendor::Ddmc,
            url,
            source,
        })?;
    let status = response.status();
    // 401: the token had already expired, so there is nothing left to close.
    if status.is_success() || status == StatusCode::UNAUTHORIZED {
        return Ok(());
    }
    let bytes = response.bytes().await.unwrap_or_default();
    Err(Error::LogoutFailed {
        vendor: Vendor::Ddmc,
        status: status.as_u16(),
        detail: service_status_details(&bytes),
    })
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
