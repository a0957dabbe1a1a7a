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
    sdk_auth::ensure_crypto_provider();
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .expect("certificate");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
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
    (format!("https://127.0.0.1:{port}"), certified.cert.pem())
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
