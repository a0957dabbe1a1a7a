//! From options, environment and profile to a logged-in client.
//!
//! Each setting comes from, in order: its option (`--url`), its environment variable (`DP_URL`),
//! the profile (`--profile`, `DP_PROFILE`, else the config's `default` when it is a profile of
//! the same vendor). The secret (DDMC or AGM password, Druva secret key, static Google token)
//! never comes from an option: it comes from the variable the profile names (`password_env`),
//! else `DP_SECRET`, else the profile's `password_command`, else the OS keyring (`keyring =
//! true`).

use std::path::PathBuf;

use secrecy::SecretString;

use crate::config::{AuthKind, Config, Profile, Vendor};
use crate::exit::CliError;

/// The environment variable that may hold the secret.
pub const SECRET_ENV: &str = "DP_SECRET";

/// The connection options of the command line (already merged with their variables by clap).
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--config` / `DP_CONFIG`.
    pub config: Option<PathBuf>,
    /// `--profile` / `DP_PROFILE`.
    pub profile: Option<String>,
    /// `--url` / `DP_URL`.
    pub url: Option<String>,
    /// `--user` / `DP_USER`.
    pub user: Option<String>,
    /// `--auth` / `DP_AUTH`.
    pub auth: Option<String>,
    /// `--impersonate` / `DP_IMPERSONATE`.
    pub impersonate: Option<String>,
    /// `--ca-file` / `DP_CA_FILE`.
    pub ca_file: Option<PathBuf>,
    /// `--cert-sha256` / `DP_CERT_SHA256`.
    pub cert_sha256: Option<String>,
    /// `--accept-invalid-certs` / `DP_ACCEPT_INVALID_CERTS`.
    pub accept_invalid_certs: bool,
}

/// The merged settings of one connection.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The API.
    pub vendor: Vendor,
    /// The profile used, if any.
    pub profile_name: Option<String>,
    /// The profile's values with the options applied over them.
    pub profile: Profile,
}

impl Settings {
    /// Merges `flags` over the chosen profile of the config file.
    pub fn resolve(flags: &Flags, vendor: Vendor) -> Result<Self, CliError> {
        let path = crate::config::path(flags.config.as_deref())?;
        let config = Config::load(&path)?;
        let (profile_name, mut profile) = match &flags.profile {
            Some(name) => {
                let p = config.profile(name)?.clone();
                if let Some(v) = p.vendor
                    && v != vendor
                {
                    return Err(CliError::usage(format!(
                        "profile `{name}` is a {} profile, not {}",
                        v.as_str(),
                        vendor.as_str()
                    )));
                }
                (Some(name.clone()), p)
            }
            None => match config
                .default
                .as_ref()
                .and_then(|d| config.profiles.get(d).map(|p| (d, p)))
            {
                Some((d, p)) if p.vendor.is_none_or(|v| v == vendor) => {
                    (Some(d.clone()), p.clone())
                }
                _ => (None, Profile::default()),
            },
        };
        if let Some(u) = &flags.url {
            profile.url = Some(u.clone());
        }
        if let Some(u) = &flags.user {
            profile.user = Some(u.clone());
        }
        if let Some(a) = &flags.auth {
            profile.auth = Some(AuthKind::parse(a)?);
        }
        if let Some(i) = &flags.impersonate {
            profile.impersonate = Some(i.clone());
        }
        if let Some(c) = &flags.ca_file {
            profile.ca_file = Some(c.clone());
        }
        if let Some(c) = &flags.cert_sha256 {
            profile.cert_sha256 = Some(c.clone());
        }
        if flags.accept_invalid_certs {
            profile.accept_invalid_certs = true;
        }
        profile.vendor = Some(vendor);
        Ok(Self {
            vendor,
            profile_name,
            profile,
        })
    }

    /// The base URL (Druva: the public cloud unless set).
    pub fn url(&self) -> Result<String, CliError> {
        match (&self.profile.url, self.vendor) {
            (Some(u), _) => Ok(u.clone()),
            (None, Vendor::Druva) => Ok(druva_sdk::DEFAULT_URL.to_string()),
            (None, v) => Err(CliError::usage(format!(
                "no URL for {}: pass --url, set DP_URL, or use a profile (`dp profile add`)",
                v.as_str()
            ))),
        }
    }

    fn user(&self, what: &str) -> Result<String, CliError> {
        self.profile.user.clone().ok_or_else(|| {
            CliError::usage(format!(
                "no {what}: pass --user, set DP_USER, or use a profile"
            ))
        })
    }

    /// The authentication kind (the vendor's default unless set).
    pub fn auth(&self) -> AuthKind {
        self.profile.auth.unwrap_or(match self.vendor {
            Vendor::Ddmc => AuthKind::Password,
            Vendor::Druva => AuthKind::ClientCredentials,
            Vendor::Mgmt => {
                if std::env::var_os(SECRET_ENV).is_some()
                    || self.profile.password_env.is_some()
                    || self.profile.password_command.is_some()
                    || self.profile.keyring
                {
                    AuthKind::GoogleToken
                } else {
                    AuthKind::GoogleAdc
                }
            }
        })
    }

    /// The secret, from the first source that has one.
    pub fn secret(&self) -> Result<Option<SecretString>, CliError> {
        if let Some(var) = &self.profile.password_env {
            return match std::env::var(var) {
                Ok(v) if !v.is_empty() => Ok(Some(v.into())),
                _ => Err(CliError::usage(format!(
                    "the profile's password_env `{var}` is not set"
                ))),
            };
        }
        if let Ok(v) = std::env::var(SECRET_ENV)
            && !v.is_empty()
        {
            return Ok(Some(v.into()));
        }
        if let Some(cmd) = &self.profile.password_command {
            return crate::config::run_password_command(cmd).map(|s| Some(s.into()));
        }
        if self.profile.keyring {
            return self.keyring_secret().map(Some);
        }
        Ok(None)
    }

    #[cfg(feature = "keyring")]
    fn keyring_secret(&self) -> Result<SecretString, CliError> {
        let name = self
            .profile_name
            .as_deref()
            .ok_or_else(|| CliError::usage("the keyring holds secrets of profiles only"))?;
        crate::config::keyring_entry(name)?
            .get_password()
            .map(SecretString::from)
            .map_err(|e| {
                CliError::usage(format!(
                    "no secret for profile `{name}` in the OS keyring: {e}"
                ))
            })
    }

    #[cfg(not(feature = "keyring"))]
    fn keyring_secret(&self) -> Result<SecretString, CliError> {
        Err(CliError::usage(
            "this dp was built without the `keyring` feature: use password_env or password_command",
        ))
    }

    fn required_secret(&self, what: &str) -> Result<SecretString, CliError> {
        self.secret()?.ok_or_else(|| {
            CliError::usage(format!(
                "no {what}: set {SECRET_ENV}, or give the profile a password_env, password_command or keyring"
            ))
        })
    }

    /// The HTTP options (trust, pinning).
    pub fn options(&self) -> Result<sdk_auth::HttpOptions, CliError> {
        let mut options = sdk_auth::HttpOptions::default();
        if let Some(ca) = &self.profile.ca_file {
            let pem = std::fs::read(ca).map_err(|e| {
                CliError::usage(format!("cannot read the CA file {}: {e}", ca.display()))
            })?;
            options = options.with_ca_pem(pem);
        }
        if let Some(fp) = &self.profile.cert_sha256 {
            options = options.with_pinned_certificate_sha256(fp.clone());
        }
        if self.profile.accept_invalid_certs {
            options = options.danger_accept_invalid_certs(true);
        }
        Ok(options)
    }

    /// Logs in to a DDMC.
    pub async fn ddmc(&self) -> Result<ddmc_sdk::Client, CliError> {
        let url = self.url()?;
        let creds = ddmc_sdk::DdmcCredentials::new(
            self.user("DDMC user")?,
            self.required_secret("DDMC password")?,
        );
        ddmc_sdk::Client::login_with(&url, creds, self.options()?)
            .await
            .map_err(|e| CliError::session(&e).context(format!("logging in to {url}")))
    }

    /// The Google bearer-token source of the `google-*` auth kinds: the static token from the
    /// secret, or Application Default Credentials (impersonating the profile's account).
    pub async fn google_source(&self) -> Result<GoogleSource, CliError> {
        match self.auth() {
            AuthKind::GoogleToken => Ok(GoogleSource(Box::new(sdk_auth::StaticToken::new(
                self.required_secret("Google token")?,
            )))),
            AuthKind::GoogleAdc | AuthKind::GoogleImpersonate => {
                let mut source = mgmt_sdk::google_auth::GoogleTokenSource::application_default()
                    .await
                    .map_err(|e| CliError::session(&e))?;
                if let Some(sa) = &self.profile.impersonate {
                    source = source.impersonate(sa.clone());
                } else if self.auth() == AuthKind::GoogleImpersonate {
                    return Err(CliError::usage(
                        "google-impersonate needs --impersonate (or the profile's impersonate)",
                    ));
                }
                Ok(GoogleSource(Box::new(source)))
            }
            other => Err(CliError::usage(format!(
                "auth kind {other:?} gives no Google token (google-token, google-adc, google-impersonate)"
            ))),
        }
    }

    /// Logs in to a management console.
    pub async fn mgmt(&self) -> Result<mgmt_sdk::Client, CliError> {
        let url = self.url()?;
        let auth = match self.auth() {
            AuthKind::GoogleToken | AuthKind::GoogleAdc | AuthKind::GoogleImpersonate => {
                sdk_auth::MgmtAuth::google(self.google_source().await?)
            }
            AuthKind::Agm => sdk_auth::MgmtAuth::on_prem(
                self.user("AGM user")?,
                self.required_secret("AGM password")?,
            ),
            other => {
                return Err(CliError::usage(format!(
                    "auth kind {other:?} is not one of the console's (google-token, google-adc, google-impersonate, agm)"
                )));
            }
        };
        mgmt_sdk::Client::login_with(&url, auth, self.options()?)
            .await
            .map_err(|e| CliError::session(&e).context(format!("logging in to {url}")))
    }

    /// Gets a Druva token.
    pub async fn druva(&self) -> Result<druva_sdk::Client, CliError> {
        let url = self.url()?;
        let id = self.user("Druva client id")?;
        let secret = self.required_secret("Druva secret key")?;
        let creds = match self.auth() {
            AuthKind::Msp => druva_sdk::DruvaCredentials::msp(id, secret),
            AuthKind::ClientCredentials => druva_sdk::DruvaCredentials::new(id, secret),
            other => {
                return Err(CliError::usage(format!(
                    "auth kind {other:?} is not one of Druva's (client-credentials, msp)"
                )));
            }
        };
        druva_sdk::Client::login_with(&url, creds, self.options()?)
            .await
            .map_err(|e| CliError::session(&e).context(format!("getting a token from {url}")))
    }
}

/// A Google bearer-token source chosen by the auth kind ([`Settings::google_source`]).
pub struct GoogleSource(Box<dyn sdk_auth::TokenSource>);

impl sdk_auth::TokenSource for GoogleSource {
    fn token(&self) -> sdk_auth::mgmt::TokenFuture<'_> {
        self.0.token()
    }
}
