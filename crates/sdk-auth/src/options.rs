//! HTTP client options shared by every vendor: timeouts, TLS trust and the retry policy.

use std::time::Duration;

use crate::Error;
use crate::retry::RetryPolicy;

/// How a session's HTTP client is built.
///
/// TLS certificate verification is on by default. Appliances often ship self-signed
/// certificates: prefer [`HttpOptions::with_ca_pem`] with the appliance's CA; the explicitly named
/// [`HttpOptions::danger_accept_invalid_certs`] turns verification off and logs a warning.
#[derive(Clone)]
pub struct HttpOptions {
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) ca_pem: Option<Vec<u8>>,
    pub(crate) accept_invalid_certs: bool,
    pub(crate) retry: RetryPolicy,
    pub(crate) operation_timeouts: std::collections::BTreeMap<String, Duration>,
}

impl Default for HttpOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(120),
            ca_pem: None,
            accept_invalid_certs: false,
            retry: RetryPolicy::default(),
            operation_timeouts: Default::default(),
        }
    }
}

impl std::fmt::Debug for HttpOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpOptions")
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("custom_ca", &self.ca_pem.is_some())
            .field("accept_invalid_certs", &self.accept_invalid_certs)
            .field("retry", &self.retry)
            .field("operation_timeouts", &self.operation_timeouts)
            .finish()
    }
}

impl HttpOptions {
    /// Time allowed to establish a connection (default 10 s).
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for one whole request, body included (default 120 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed for one request of the operation `operation_id` (e.g. a console `mount_backup`
    /// that takes minutes), overriding [`HttpOptions::with_timeout`] for that operation only.
    pub fn with_operation_timeout(
        mut self,
        operation_id: impl Into<String>,
        timeout: Duration,
    ) -> Self {
        self.operation_timeouts.insert(operation_id.into(), timeout);
        self
    }

    /// Also trusts the CA certificate(s) in this PEM text (for appliances with their own CA).
    pub fn with_ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.ca_pem = Some(pem.into());
        self
    }

    /// Accepts any server certificate, however invalid. Only for lab appliances with self-signed
    /// certificates and no CA to trust; every session built with it logs a warning.
    pub fn danger_accept_invalid_certs(mut self, accept: bool) -> Self {
        self.accept_invalid_certs = accept;
        self
    }

    /// Sets how transient failures are retried.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Builds the `reqwest::Client` these options describe.
    pub(crate) fn build_client(&self, host: &str) -> Result<reqwest::Client, Error> {
        ensure_crypto_provider();
        let mut builder = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .user_agent(concat!("data-protection-sdks/", env!("CARGO_PKG_VERSION")));
        if let Some(pem) = &self.ca_pem {
            let certs = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| Error::Tls(format!("the CA certificate is not valid PEM: {e}")))?;
            if certs.is_empty() {
                return Err(Error::Tls("the CA PEM holds no certificate".into()));
            }
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        if self.accept_invalid_certs {
            tracing::warn!(
                host,
                "TLS certificate verification is DISABLED for this session (danger_accept_invalid_certs): \
                 traffic can be intercepted; trust the appliance's CA with with_ca_pem instead"
            );
            builder = builder.danger_accept_invalid_certs(true);
        }
        builder
            .build()
            .map_err(|e| Error::Tls(format!("cannot build the HTTP client: {e}")))
    }
}

/// Installs rustls' `ring` crypto provider as the process default unless one is installed.
///
/// reqwest is built without a bundled provider (see the workspace `Cargo.toml`), so this must run
/// before any `reqwest::Client` is built; every session constructor calls it.
pub fn ensure_crypto_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // An error means another provider is already installed, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}
