//! TLS trust: the platform's roots by default, an extra CA, certificate pinning by SHA-256, or
//! (explicitly, with a warning) no verification.

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

use super::HttpOptions;
use crate::Error;

/// Applies the TLS options to a client builder.
pub(crate) fn configure(
    mut builder: reqwest::ClientBuilder,
    options: &HttpOptions,
    host: &str,
) -> Result<reqwest::ClientBuilder, Error> {
    if !options.pinned_sha256.is_empty() {
        let pins = options
            .pinned_sha256
            .iter()
            .map(|p| parse_fingerprint(p))
            .collect::<Result<Vec<_>, _>>()?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = PinnedVerifier {
            pins,
            algorithms: provider.signature_verification_algorithms,
        };
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::Tls(format!("cannot configure TLS: {e}")))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        return Ok(builder.tls_backend_preconfigured(config));
    }
    if let Some(pem) = &options.ca_pem {
        let certs = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|e| Error::Tls(format!("the CA certificate is not valid PEM: {e}")))?;
        if certs.is_empty() {
            return Err(Error::Tls("the CA PEM holds no certificate".into()));
        }
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    if options.accept_invalid_certs {
        tracing::warn!(
            host,
            "TLS certificate verification is DISABLED for this session (danger_accept_invalid_certs): \
             traffic can be intercepted; pin the appliance's certificate \
             (with_pinned_certificate_sha256) or trust its CA (with_ca_pem) instead"
        );
        builder = builder.danger_accept_invalid_certs(true);
    }
    Ok(builder)
}

/// Parses a SHA-256 fingerprint: 64 hex digits, with or without colons, any case, optionally
/// after `sha256 Fingerprint=` (as `openssl x509 -fingerprint -sha256` prints it).
pub(crate) fn parse_fingerprint(text: &str) -> Result<[u8; 32], Error> {
    let trimmed = text.trim();
    let value = trimmed.rsplit_once('=').map(|(_, v)| v).unwrap_or(trimmed);
    let hex: String = value.chars().filter(|c| *c != ':').collect();
    let bad = || {
        Error::Tls(format!(
            "`{}` is not a SHA-256 certificate fingerprint (64 hex digits, colons allowed)",
            crate::error::excerpt(text.as_bytes(), 120)
        ))
    };
    if hex.len() != 64 || !hex.is_ascii() {
        return Err(bad());
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    Ok(out)
}

/// The SHA-256 fingerprint of a DER certificate, as `AB:CD:…`.
pub fn fingerprint_sha256(der: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, der);
    digest
        .as_ref()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Accepts exactly the certificates whose SHA-256 digest is pinned; signatures are still
/// verified, so the server must hold the certificate's key.
#[derive(Debug)]
struct PinnedVerifier {
    pins: Vec<[u8; 32]>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for PinnedVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let digest = ring::digest::digest(&ring::digest::SHA256, end_entity.as_ref());
        if self.pins.iter().any(|p| p.as_slice() == digest.as_ref()) {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(format!(
                "the server's certificate (SHA-256 {}) is not the pinned one",
                fingerprint_sha256(end_entity.as_ref())
            )))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_parse_in_openssl_and_bare_forms() {
        let bare = "ab".repeat(32);
        let colons = vec!["AB"; 32].join(":");
        assert_eq!(parse_fingerprint(&bare).unwrap(), [0xab; 32]);
        assert_eq!(parse_fingerprint(&colons).unwrap(), [0xab; 32]);
        assert_eq!(
            parse_fingerprint(&format!("sha256 Fingerprint={colons}")).unwrap(),
            [0xab; 32]
        );
        let err = parse_fingerprint("abc").unwrap_err().to_string();
        assert!(err.contains("not a SHA-256"), "{err}");
    }
}
