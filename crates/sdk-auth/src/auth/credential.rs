//! An issued credential (token, session id) as the headers that carry it.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Instant;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};

use crate::Error;

/// What a login produced: header values to send on every call, and when they stop working.
pub(crate) struct Credential {
    headers: Vec<(HeaderName, SecretString)>,
    expires_at: Option<Instant>,
}

impl Credential {
    /// A credential carried by `headers`, valid until `expires_at` (or until refused, if `None`).
    pub(crate) fn new(
        headers: Vec<(HeaderName, SecretString)>,
        expires_at: Option<Instant>,
    ) -> Result<Self, Error> {
        for (name, value) in &headers {
            // Validate once, so a value that cannot travel in a header fails the login, not a call.
            HeaderValue::from_str(value.expose_secret()).map_err(|_| {
                Error::Config(format!(
                    "the credential for header `{name}` contains characters not allowed in an HTTP header"
                ))
            })?;
        }
        Ok(Self {
            headers,
            expires_at,
        })
    }

    /// Whether the credential is still within its lifetime.
    pub(crate) fn is_fresh(&self) -> bool {
        self.expires_at.is_none_or(|t| Instant::now() < t)
    }

    /// Sets the credential's headers on `headers`, marked sensitive so `Debug` never shows them.
    pub(crate) fn apply(&self, headers: &mut HeaderMap) {
        for (name, value) in &self.headers {
            if let Ok(mut v) = HeaderValue::from_str(value.expose_secret()) {
                v.set_sensitive(true);
                headers.insert(name.clone(), v);
            }
        }
    }

    /// The value of one of the credential's headers.
    pub(crate) fn header(&self, name: &HeaderName) -> Option<&SecretString> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// A digest of the credential's header values, to tell which credential a request carried
    /// without keeping another copy of the secret.
    pub(crate) fn fingerprint(&self) -> u64 {
        let mut h = DefaultHasher::new();
        for (name, value) in &self.headers {
            name.as_str().hash(&mut h);
            value.expose_secret().as_bytes().hash(&mut h);
        }
        h.finish()
    }

    /// The digest [`Credential::fingerprint`] would give for the credential headers on a request.
    pub(crate) fn fingerprint_of(&self, headers: &HeaderMap) -> u64 {
        let mut h = DefaultHasher::new();
        for (name, _) in &self.headers {
            name.as_str().hash(&mut h);
            headers
                .get(name)
                .map(|v| v.as_bytes())
                .unwrap_or_default()
                .hash(&mut h);
        }
        h.finish()
    }
}

/// `HeaderName` for a static header name.
pub(crate) fn name(s: &'static str) -> HeaderName {
    HeaderName::from_static(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applied_headers_are_sensitive_and_fingerprints_match() {
        let c = Credential::new(
            vec![(name("x-dd-auth-token"), SecretString::from("tok-1"))],
            None,
        )
        .unwrap();
        let mut h = HeaderMap::new();
        c.apply(&mut h);
        assert!(h["x-dd-auth-token"].is_sensitive());
        assert!(!format!("{h:?}").contains("tok-1"));
        assert_eq!(c.fingerprint(), c.fingerprint_of(&h));
        let other = Credential::new(
            vec![(name("x-dd-auth-token"), SecretString::from("tok-2"))],
            None,
        )
        .unwrap();
        assert_ne!(other.fingerprint(), c.fingerprint_of(&h));
    }

    #[test]
    fn header_breaking_values_are_refused_without_echoing_them() {
        let err = Credential::new(
            vec![(
                name("authorization"),
                SecretString::from("Bearer a\r\nX-Evil: 1"),
            )],
            None,
        )
        .err()
        .expect("CR/LF refused");
        let msg = err.to_string();
        assert!(
            msg.contains("authorization") && !msg.contains("X-Evil"),
            "{msg}"
        );
    }
}
