//! [`Password`]: what a spec property (or header parameter) with `format: password` compiles into.
//!
//! Generated request and response types derive `Debug`, and so do the builders that hold them;
//! a plain `String` field would print a password, an access key or a client secret wherever a
//! caller logs a request. A `Password` keeps the value in a [`SecretString`] (zeroed on drop),
//! prints `Password([REDACTED])` in `Debug`, has no `Display`, and serializes to and from the
//! plain JSON string the API expects, so the wire is unchanged.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use reqwest::header::{HeaderValue, InvalidHeaderValue};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A secret string field of a generated type (`format: password` in the spec): the value is sent
/// and received as a plain JSON string, but never shown by `Debug` (there is no `Display`).
///
/// ```
/// use sdk_auth::Password;
///
/// let p = Password::new("s3cret");
/// assert_eq!(format!("{p:?}"), "Password([REDACTED])");
/// assert_eq!(serde_json::to_string(&p).unwrap(), r#""s3cret""#);
/// assert_eq!(p.expose_secret(), "s3cret");
/// ```
#[derive(Clone)]
pub struct Password(SecretString);

impl Password {
    /// A password holding `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Self(SecretString::from(value.into()))
    }

    /// The value itself (to send it somewhere other than through the SDK, or to compare it).
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password([REDACTED])")
    }
}

/// Compares the values (without short-circuiting on the first differing byte).
impl PartialEq for Password {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (
            self.expose_secret().as_bytes(),
            other.expose_secret().as_bytes(),
        );
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl Eq for Password {}

impl From<String> for Password {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for Password {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<SecretString> for Password {
    fn from(value: SecretString) -> Self {
        Self(value)
    }
}

/// Any string is a password (so that the command line can take one as an option).
impl FromStr for Password {
    type Err = Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self::new(s))
    }
}

impl Serialize for Password {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose_secret())
    }
}

impl<'de> Deserialize<'de> for Password {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Password {
    fn schema_name() -> String {
        "Password".to_string()
    }

    fn json_schema(_: &mut schemars::r#gen::SchemaGenerator) -> schemars::schema::Schema {
        schemars::schema::SchemaObject {
            instance_type: Some(schemars::schema::InstanceType::String.into()),
            format: Some("password".to_string()),
            ..Default::default()
        }
        .into()
    }
}

/// The header value of a `format: password` header parameter, marked sensitive (so that
/// `reqwest` and `http` never show it in `Debug` either).
pub fn header_value(value: &Password) -> Result<HeaderValue, InvalidHeaderValue> {
    let mut header = HeaderValue::from_str(value.expose_secret())?;
    header.set_sensitive(true);
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_and_serde_keeps_the_value() {
        let p: Password = serde_json::from_str(r#""hunter2""#).unwrap();
        assert_eq!(format!("{p:?}"), "Password([REDACTED])");
        assert!(!format!("{:?}", Some(p.clone())).contains("hunter2"));
        assert_eq!(serde_json::to_value(&p).unwrap(), "hunter2");
        assert_eq!(p, Password::from("hunter2"));
        assert_ne!(p, Password::from("hunter3"));
        assert_ne!(p, Password::from("hunter22"));
    }

    #[test]
    fn header_value_is_sensitive() {
        let h = header_value(&Password::new("so:pw")).unwrap();
        assert!(h.is_sensitive());
        assert_eq!(h.to_str().unwrap(), "so:pw");
        assert!(!format!("{h:?}").contains("so:pw"));
        assert!(header_value(&Password::new("a\nb")).is_err());
    }
}
