//! Profiles: named connection settings in a TOML file in the platform's config directory
//! (`~/.config/dp/config.toml` on Linux, `~/Library/Application Support/dp/config.toml` on
//! macOS, `%APPDATA%\dp\config\config.toml` on Windows; `--config` or `DP_CONFIG` elsewhere).
//!
//! ```toml
//! default = "lab"                       # used when no --profile / DP_PROFILE is given
//!
//! [profiles.lab]
//! vendor = "ddmc"                       # ddmc | mgmt | druva
//! url = "https://ddmc.example.com:3009"
//! user = "sysadmin"                     # DDMC or AGM user, Druva client id
//! cert_sha256 = "3A:0B:…"               # or ca_file = "/etc/ssl/ddmc.pem"
//! password_env = "DDMC_PASSWORD"        # the secret: an environment variable,
//! # password_command = "pass show ddmc" # or a command's first line of output,
//! # keyring = true                      # or the OS keyring (`dp profile add --keyring`)
//! ```
//!
//! A profile never holds a secret itself: the file names where the secret comes from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::exit::CliError;

/// Which API a profile talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Vendor {
    /// Dell DDMC / PowerProtect DD.
    Ddmc,
    /// Google Cloud Backup and DR management console (or on-premises AGM).
    Mgmt,
    /// Druva Cloud Platform.
    Druva,
}

impl Vendor {
    /// The subcommand name (`ddmc`, `mgmt`, `druva`).
    pub fn as_str(self) -> &'static str {
        match self {
            Vendor::Ddmc => "ddmc",
            Vendor::Mgmt => "mgmt",
            Vendor::Druva => "druva",
        }
    }

    /// Parses a subcommand name.
    pub fn parse(name: &str) -> Result<Self, CliError> {
        match name {
            "ddmc" => Ok(Vendor::Ddmc),
            "mgmt" => Ok(Vendor::Mgmt),
            "druva" => Ok(Vendor::Druva),
            other => Err(CliError::usage(format!(
                "unknown vendor `{other}` (ddmc, mgmt, druva)"
            ))),
        }
    }
}

/// How a profile authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthKind {
    /// DDMC user and password (the DDMC default).
    Password,
    /// A static Google OAuth token as the secret (`gcloud auth print-access-token`).
    GoogleToken,
    /// Google Application Default Credentials (the console default without a secret).
    GoogleAdc,
    /// ADC impersonating the service account named by `impersonate`.
    GoogleImpersonate,
    /// On-premises AGM: user and password.
    Agm,
    /// Druva API credentials: client id (`user`) and secret key (the Druva default).
    ClientCredentials,
    /// Druva MSP credentials.
    Msp,
}

impl AuthKind {
    /// Parses the `--auth` / `DP_AUTH` value.
    pub fn parse(name: &str) -> Result<Self, CliError> {
        #[derive(Deserialize)]
        struct W {
            a: AuthKind,
        }
        toml::from_str::<W>(&format!("a = {:?}", name))
            .map(|w| w.a)
            .map_err(|_| {
                CliError::usage(format!(
                    "unknown auth kind `{name}` (password, google-token, google-adc, google-impersonate, agm, client-credentials, msp)"
                ))
            })
    }
}

/// One named profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The API.
    pub vendor: Option<Vendor>,
    /// Base URL.
    pub url: Option<String>,
    /// DDMC or AGM user name, or Druva client id.
    pub user: Option<String>,
    /// Authentication kind (defaults per vendor).
    pub auth: Option<AuthKind>,
    /// Service account to impersonate (`google-impersonate`).
    pub impersonate: Option<String>,
    /// PEM file of the CA to trust.
    pub ca_file: Option<PathBuf>,
    /// Pinned SHA-256 fingerprint of the server certificate.
    pub cert_sha256: Option<String>,
    /// Accept any certificate (explicit opt-in; prefer `cert_sha256`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accept_invalid_certs: bool,
    /// Environment variable holding the secret.
    pub password_env: Option<String>,
    /// Command whose first line of output is the secret (run with `sh -c` / `cmd /C`).
    pub password_command: Option<String>,
    /// The secret is in the OS keyring (service `dp`, entry = profile name).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keyring: bool,
}

/// The config file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The profile used when none is named.
    pub default: Option<String>,
    /// The profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// The config file's path: `explicit` (from `--config` / `DP_CONFIG`), else the platform's.
pub fn path(explicit: Option<&Path>) -> Result<PathBuf, CliError> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "dp")
        .map(|d| d.config_dir().join("config.toml"))
        .ok_or_else(|| {
            CliError::usage("no home directory to keep the config in: pass --config or DP_CONFIG")
        })
}

impl Config {
    /// Reads the file at `path`; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Self, CliError> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                CliError::usage(format!("the config {} is not valid", path.display()))
                    .caused_by(e.message().to_string())
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(CliError::other(format!(
                "cannot read the config {}: {e}",
                path.display()
            ))),
        }
    }

    /// Writes the file at `path` (creating its directory).
    pub fn save(&self, path: &Path) -> Result<(), CliError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| CliError::other(format!("cannot create {}: {e}", dir.display())))?;
        }
        let text = toml::to_string_pretty(self)
            .map_err(|e| CliError::other(format!("cannot encode the config: {e}")))?;
        std::fs::write(path, text)
            .map_err(|e| CliError::other(format!("cannot write {}: {e}", path.display())))
    }

    /// The profile `name`, or an error listing the known ones.
    pub fn profile(&self, name: &str) -> Result<&Profile, CliError> {
        self.profiles.get(name).ok_or_else(|| {
            let known: Vec<&str> = self.profiles.keys().map(String::as_str).collect();
            CliError::usage(format!(
                "no profile `{name}` (known: {})",
                if known.is_empty() {
                    "none; add one with `dp profile add`".to_string()
                } else {
                    known.join(", ")
                }
            ))
        })
    }
}

/// Runs `command` through the shell and returns its first line of output (the secret).
pub fn run_password_command(command: &str) -> Result<String, CliError> {
    let mut cmd = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", command]);
        c
    } else {
        let mut c = std::process::Command::new("sh");
        c.args(["-c", command]);
        c
    };
    let out = cmd
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| CliError::usage(format!("cannot run the password_command: {e}")))?;
    if !out.status.success() {
        return Err(CliError::usage(format!(
            "the password_command failed ({})",
            out.status
        )));
    }
    let text = String::from_utf8(out.stdout)
        .map_err(|_| CliError::usage("the password_command printed something that is not UTF-8"))?;
    let line = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_string();
    if line.is_empty() {
        return Err(CliError::usage("the password_command printed nothing"));
    }
    Ok(line)
}

/// The keyring entry of profile `name`.
#[cfg(feature = "keyring")]
pub fn keyring_entry(name: &str) -> Result<keyring::Entry, CliError> {
    keyring::Entry::new("dp", name)
        .map_err(|e| CliError::other(format!("the OS keyring is not available: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_round_trips_and_unknown_keys_are_refused() {
        let mut config = Config::default();
        config.profiles.insert(
            "lab".into(),
            Profile {
                vendor: Some(Vendor::Ddmc),
                url: Some("https://ddmc:3009".into()),
                user: Some("sysadmin".into()),
                password_env: Some("LAB_PW".into()),
                ..Profile::default()
            },
        );
        let text = toml::to_string_pretty(&config).unwrap();
        assert_eq!(toml::from_str::<Config>(&text).unwrap(), config);
        assert!(toml::from_str::<Config>("[profiles.x]\npassword = \"s\"\n").is_err());
        assert_eq!(AuthKind::parse("google-adc").unwrap(), AuthKind::GoogleAdc);
        assert!(AuthKind::parse("nope").is_err());
    }

    #[test]
    fn a_password_command_gives_its_first_line() {
        assert_eq!(
            run_password_command("printf 's3cret\\nmore'").unwrap(),
            "s3cret"
        );
        assert!(run_password_command("exit 3").is_err());
    }
}
