//! TLS against an HTTPS server whose certificate is generated at test time (rcgen): the default
//! client refuses it, a client that trusts its CA accepts it, and the explicit insecure opt-in
//! accepts it while saying so in a warning log line.

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::post;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use sdk_auth::{DdmcCredentials, Error, HttpOptions, Session};
use tokio_rustls::TlsAcceptor;

/// A DDMC-like login endpoint served over HTTPS with a fresh self-signed certificate.
/// Returns the base URL and the certificate in PEM (the CA to trust).
async fn https_server() -> (String, String) {
    let params =
        rcgen::CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .expect("params");
    let (url, pem, _) = https_server_with(params).await;
    (url, pem)
}

/// A self-signed certificate marked as a CA, as `openssl req -x509` makes and as appliances ship.
async fn ca_marked_server(names: &[&str]) -> (String, String, Vec<u8>) {
    let mut params =
        rcgen::CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
            .expect("params");
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    https_server_with(params).await
}

/// The login endpoint over HTTPS with a certificate made from `params`; the URL, the
/// certificate's PEM and its DER.
async fn https_server_with(params: rcgen::CertificateParams) -> (String, String, Vec<u8>) {
    sdk_auth::ensure_crypto_provider();
    let signing_key = rcgen::KeyPair::generate().expect("key");
    let cert = params.self_signed(&signing_key).expect("certificate");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(signing_key.serialize_der()));
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone()], key)
        .expect("server config");
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let router = Router::new().route(
        "/rest/v1.0/auth",
        post(|| async {
            (
                StatusCode::CREATED,
                [("X-DD-AUTH-TOKEN", "tls-token")],
                r#"{"service_status":{"details":"success","code":0}}"#,
            )
                .into_response()
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let service = TowerToHyperService::new(router.clone());
            tokio::spawn(async move {
                if let Ok(tls) = acceptor.accept(tcp).await {
                    let _ = Builder::new(TokioExecutor::new())
                        .serve_connection(TokioIo::new(tls), service)
                        .await;
                }
            });
        }
    });
    (
        format!("https://127.0.0.1:{port}"),
        cert.pem(),
        cert.der().to_vec(),
    )
}

fn credentials() -> DdmcCredentials {
    DdmcCredentials::new("sysadmin", "Tls-Test-Pass-1")
}

#[tokio::test]
async fn the_default_client_refuses_an_unknown_certificate() {
    let (url, _) = https_server().await;
    let session = Session::ddmc(&url, credentials(), HttpOptions::default()).expect("session");
    let err = session
        .login()
        .await
        .expect_err("an untrusted certificate is refused");
    assert!(
        matches!(err, Error::Transport { .. } | Error::Tls(_)),
        "{err:?}"
    );
    // The message says why (rustls' reason), not only "error sending request".
    assert!(err.to_string().contains("UnknownIssuer"), "{err}");
    assert!(!session.is_logged_in().await);
}

#[tokio::test]
async fn trusting_the_servers_ca_accepts_it() {
    let (url, ca) = https_server().await;
    let options = HttpOptions::default().with_ca_pem(ca);
    let session = Session::ddmc(&url, credentials(), options).expect("session");
    session
        .login()
        .await
        .expect("login over TLS with the CA trusted");
    assert!(session.is_logged_in().await);
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn the_insecure_opt_in_accepts_it_and_warns() {
    let (url, _) = https_server().await;
    let log = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_writer(log.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let options = HttpOptions::default().danger_accept_invalid_certs(true);
    let session = Session::ddmc(&url, credentials(), options).expect("session");
    session.login().await.expect("login with verification off");
    let text = String::from_utf8(log.0.lock().expect("log").clone()).expect("utf-8");
    assert!(
        text.contains("WARN") && text.contains("verification is DISABLED"),
        "{text}"
    );
    assert!(!text.contains("Tls-Test-Pass-1"), "{text}");
}

#[tokio::test]
async fn a_ca_that_is_not_pem_is_a_clear_error() {
    let err = Session::ddmc(
        "https://127.0.0.1:1",
        credentials(),
        HttpOptions::default().with_ca_pem("not a certificate"),
    )
    .expect_err("bad PEM");
    assert!(
        matches!(err, Error::Tls(ref m) if m.contains("PEM")),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_ca_marked_self_signed_certificate_cannot_be_its_own_ca_but_can_be_pinned() {
    let (url, pem, der) = ca_marked_server(&["127.0.0.1"]).await;
    let err = Session::ddmc(&url, credentials(), HttpOptions::default().with_ca_pem(pem))
        .expect("session")
        .login()
        .await
        .expect_err("rustls refuses a CA certificate as the server's own");
    assert!(err.to_string().contains("CaUsedAsEndEntity"), "{err}");

    // Pinned by its fingerprint (as `openssl x509 -fingerprint -sha256` prints it): accepted.
    let pin = format!("sha256 Fingerprint={}", sdk_auth::fingerprint_sha256(&der));
    let session = Session::ddmc(
        &url,
        credentials(),
        HttpOptions::default().with_pinned_certificate_sha256(pin),
    )
    .expect("session");
    session.login().await.expect("the pinned certificate");

    // Any other pin: refused, saying which certificate the server showed.
    let other = "00".repeat(32);
    let err = Session::ddmc(
        &url,
        credentials(),
        HttpOptions::default().with_pinned_certificate_sha256(other),
    )
    .expect("session")
    .login()
    .await
    .expect_err("another certificate is refused");
    let text = err.to_string();
    assert!(
        text.contains("is not the pinned one")
            && text.contains(&sdk_auth::fingerprint_sha256(&der)),
        "{text}"
    );
}

#[tokio::test]
async fn a_malformed_fingerprint_is_a_clear_error() {
    let err = Session::ddmc(
        "https://127.0.0.1:1",
        credentials(),
        HttpOptions::default().with_pinned_certificate_sha256("12:34"),
    )
    .expect_err("bad fingerprint");
    assert!(
        matches!(err, Error::Tls(ref m) if m.contains("SHA-256")),
        "{err:?}"
    );
}
