//! `Session` on its own, against a tiny loopback server: login, one shared re-login on expiry,
//! refused credentials, transient retries, logout, token lifetimes, and what never leaks.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use sdk_auth::{
    __private, CallError, DdmcCredentials, DruvaCredentials, Error, HttpOptions, MgmtAuth,
    OperationId, RetryPolicy, Session,
};

const PASSWORD: &str = "Pw-0123456789-secret";

#[derive(Default)]
struct Server {
    logins: AtomicUsize,
    logouts: AtomicUsize,
    token: std::sync::Mutex<String>,
    expired: AtomicBool,
    flaky_left: AtomicUsize,
    flaky_calls: AtomicUsize,
}

type S = State<Arc<Server>>;

async fn ddmc_login(State(s): S, body: String) -> Response {
    s.logins.fetch_add(1, Ordering::SeqCst);
    // A little latency so concurrent callers really overlap with the login.
    tokio::time::sleep(Duration::from_millis(20)).await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    if v["password"] != PASSWORD {
        return (
            StatusCode::UNAUTHORIZED,
            r#"{"service_status":{"details":"Authentication failed","code":5308}}"#,
        )
            .into_response();
    }
    let token = format!("tok-{}", s.logins.load(Ordering::SeqCst));
    *s.token.lock().unwrap() = token.clone();
    s.expired.store(false, Ordering::SeqCst);
    (
        StatusCode::CREATED,
        [("X-DD-AUTH-TOKEN", token)],
        r#"{"service_status":{"details":"success","code":0}}"#,
    )
        .into_response()
}

fn authorized(s: &Server, headers: &HeaderMap, name: &str, expect: &str) -> bool {
    !s.expired.load(Ordering::SeqCst)
        && headers.get(name).and_then(|v| v.to_str().ok()) == Some(expect)
}

async fn ddmc_system(State(s): S, headers: HeaderMap) -> Response {
    let token = s.token.lock().unwrap().clone();
    if !authorized(&s, &headers, "x-dd-auth-token", &token) || headers.contains_key("api-version") {
        return (
            StatusCode::UNAUTHORIZED,
            r#"{"service_status":{"details":"token expired","code":5001}}"#,
        )
            .into_response();
    }
    (
        StatusCode::OK,
        [("X-DD-AUTH-TOKEN", token)],
        r#"{"name":"ddmc"}"#,
    )
        .into_response()
}

async fn ddmc_logout(State(s): S, headers: HeaderMap) -> Response {
    let token = s.token.lock().unwrap().clone();
    if !authorized(&s, &headers, "x-dd-auth-token", &token) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    s.logouts.fetch_add(1, Ordering::SeqCst);
    s.expired.store(true, Ordering::SeqCst);
    (
        StatusCode::OK,
        r#"{"service_status":{"details":"success","code":0}}"#,
    )
        .into_response()
}

async fn flaky(State(s): S) -> Response {
    s.flaky_calls.fetch_add(1, Ordering::SeqCst);
    if s.flaky_left.load(Ordering::SeqCst) > 0 {
        s.flaky_left.fetch_sub(1, Ordering::SeqCst);
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [("Retry-After", "0")],
            "upgrading",
        )
            .into_response();
    }
    (StatusCode::OK, "{}").into_response()
}

async fn druva_token(State(s): S, headers: HeaderMap, body: String) -> Response {
    s.logins.fetch_add(1, Ordering::SeqCst);
    // "cid:Sk-secret" in HTTP Basic.
    let basic_ok = headers.get("authorization").and_then(|v| v.to_str().ok())
        == Some("Basic Y2lkOlNrLXNlY3JldA==");
    if !basic_ok || body != "grant_type=client_credentials&scope=read" {
        return (StatusCode::BAD_REQUEST, r#"{"error":"invalid_grant"}"#).into_response();
    }
    let token = format!("dt-{}", s.logins.load(Ordering::SeqCst));
    *s.token.lock().unwrap() = token.clone();
    (
        StatusCode::OK,
        format!(r#"{{"access_token":"{token}","token_type":"bearer","expires_in":1}}"#),
    )
        .into_response()
}

async fn druva_api(State(s): S, headers: HeaderMap) -> Response {
    let token = s.token.lock().unwrap().clone();
    if !authorized(&s, &headers, "authorization", &format!("Bearer {token}")) {
        return (StatusCode::FORBIDDEN, r#"{"message":"explicit deny"}"#).into_response();
    }
    (StatusCode::OK, "{}").into_response()
}

async fn mgmt_session(State(s): S, headers: HeaderMap) -> Response {
    s.logins.fetch_add(1, Ordering::SeqCst);
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer g-token") {
        return (
            StatusCode::UNAUTHORIZED,
            [("content-type", "text/html")],
            "<html><title>Error 401 (Unauthorized)</title></html>",
        )
            .into_response();
    }
    if headers.get("content-length").and_then(|v| v.to_str().ok()) != Some("0") {
        return StatusCode::LENGTH_REQUIRED.into_response();
    }
    *s.token.lock().unwrap() = "sid-1".into();
    (
        StatusCode::OK,
        r#"{"@type":"sessionRest","id":"sid-1","session_id":"sid-1"}"#,
    )
        .into_response()
}

async fn mgmt_api(State(_): S, headers: HeaderMap) -> Response {
    let ok = headers.get("authorization").and_then(|v| v.to_str().ok()) == Some("Bearer g-token")
        && headers
            .get("backupdr-management-session")
            .and_then(|v| v.to_str().ok())
            == Some("Actifio sid-1");
    if !ok {
        return (
            StatusCode::UNAUTHORIZED,
            r#"{"err_code":10040,"err_message":"session id is not found"}"#,
        )
            .into_response();
    }
    (StatusCode::OK, "{}").into_response()
}

async fn start() -> (String, Arc<Server>) {
    let state = Arc::new(Server::default());
    let app = Router::new()
        .route("/rest/v1.0/auth", post(ddmc_login).delete(ddmc_logout))
        .route("/rest/v1.0/system", get(ddmc_system))
        .route("/flaky", get(flaky).post(flaky))
        .route(
            "/html500",
            get(|| async {
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    [("content-type", "text/html")],
                    "<html><h1>Internal\nServer Error</h1></html>",
                )
            }),
        )
        .route(
            "/json404",
            get(|| async {
                (
                    StatusCode::NOT_FOUND,
                    [("content-type", "application/json")],
                    r#"{"err_code":10023,"err_message":"not found"}"#,
                )
            }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_millis(300)).await;
                "slow"
            }),
        )
        .route("/token", post(druva_token))
        .route("/insync/x", get(druva_api))
        .route("/actifio/session", post(mgmt_session))
        .route("/actifio/x", get(mgmt_api))
        .with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, state)
}

fn fast_retry() -> HttpOptions {
    HttpOptions::default()
        .with_retry(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
}

async fn call(
    session: &Session,
    method: reqwest::Method,
    url: &str,
) -> Result<reqwest::Response, String> {
    let mut request = session.http().request(method, url).build().unwrap();
    request
        .headers_mut()
        .insert("api-version", "1.0".parse().unwrap());
    __private::pre::<()>(session, &mut request, "op")
        .await
        .map_err(|e| e.to_string())?;
    __private::exec(session, request, "op", false)
        .await
        .map_err(|e| e.to_string())
}

#[tokio::test]
async fn ddmc_login_token_relogin_once_and_logout() {
    let (url, server) = start().await;
    let session = Session::ddmc(
        &url,
        DdmcCredentials::new("sysadmin", PASSWORD),
        fast_retry(),
    )
    .unwrap();
    let system = format!("{url}/rest/v1.0/system");
    let r = call(&session, reqwest::Method::GET, &system).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers().get("x-dd-auth-token").is_none(),
        "the echoed token is stripped from responses"
    );
    assert_eq!(server.logins.load(Ordering::SeqCst), 1);

    server.expired.store(true, Ordering::SeqCst);
    let r = call(&session, reqwest::Method::GET, &system).await.unwrap();
    assert_eq!(
        r.status(),
        200,
        "expired token renewed and the call replayed"
    );
    assert_eq!(server.logins.load(Ordering::SeqCst), 2);

    session.logout().await.unwrap();
    assert_eq!(server.logouts.load(Ordering::SeqCst), 1);
    assert!(!session.is_logged_in().await);
}

#[tokio::test]
async fn many_concurrent_callers_hitting_an_expiry_cause_one_login() {
    let (url, server) = start().await;
    let session = Session::ddmc(
        &url,
        DdmcCredentials::new("sysadmin", PASSWORD),
        fast_retry(),
    )
    .unwrap();
    session.login().await.unwrap();
    server.expired.store(true, Ordering::SeqCst);
    let system = format!("{url}/rest/v1.0/system");
    let calls = (0..50).map(|_| {
        let s = session.clone();
        let u = system.clone();
        tokio::spawn(async move {
            call(&s, reqwest::Method::GET, &u)
                .await
                .map(|r| r.status().as_u16())
        })
    });
    for c in calls {
        assert_eq!(c.await.unwrap(), Ok(200));
    }
    assert_eq!(
        server.logins.load(Ordering::SeqCst),
        2,
        "one initial login + exactly one re-login"
    );
}

#[tokio::test]
async fn refused_credentials_are_typed_and_never_retried() {
    let (url, server) = start().await;
    let session = Session::ddmc(
        &url,
        DdmcCredentials::new("sysadmin", "wrong-pass-XYZ"),
        fast_retry(),
    )
    .unwrap();
    let err = session.login().await.unwrap_err();
    assert!(
        matches!(err, Error::InvalidCredentials { status: 401, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("Authentication failed"), "{err}");
    assert!(!format!("{err} {err:?}").contains("wrong-pass-XYZ"));
    assert_eq!(server.logins.load(Ordering::SeqCst), 1);
    // A call fails with the same refusal, again with a single attempt.
    let msg = call(
        &session,
        reqwest::Method::GET,
        &format!("{url}/rest/v1.0/system"),
    )
    .await
    .unwrap_err();
    assert!(msg.contains("refused the credentials"), "{msg}");
    assert_eq!(server.logins.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn transient_failures_of_idempotent_requests_are_retried_post_is_not() {
    let (url, server) = start().await;
    let session = Session::unauthenticated(&url, fast_retry()).unwrap();
    server.flaky_left.store(2, Ordering::SeqCst);
    let r = call(&session, reqwest::Method::GET, &format!("{url}/flaky"))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(server.flaky_calls.load(Ordering::SeqCst), 3);

    server.flaky_calls.store(0, Ordering::SeqCst);
    server.flaky_left.store(1, Ordering::SeqCst);
    let r = call(&session, reqwest::Method::POST, &format!("{url}/flaky"))
        .await
        .unwrap();
    assert_eq!(r.status(), 503, "POST is not retried");
    assert_eq!(server.flaky_calls.load(Ordering::SeqCst), 1);

    server.flaky_calls.store(0, Ordering::SeqCst);
    server.flaky_left.store(10, Ordering::SeqCst);
    let r = call(&session, reqwest::Method::GET, &format!("{url}/flaky"))
        .await
        .unwrap();
    assert_eq!(r.status(), 503, "gives up after the attempt budget");
    assert_eq!(server.flaky_calls.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn a_post_the_caller_marks_safe_is_retried() {
    let (url, server) = start().await;
    let retry = RetryPolicy::default()
        .with_base_delay(Duration::from_millis(1))
        .with_safe_operations([OperationId::__new("op")]);
    let session = Session::unauthenticated(&url, HttpOptions::default().with_retry(retry)).unwrap();
    server.flaky_left.store(2, Ordering::SeqCst);
    let r = call(&session, reqwest::Method::POST, &format!("{url}/flaky"))
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        200,
        "the marked POST went through after two 503s"
    );
    assert_eq!(server.flaky_calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_per_operation_timeout_overrides_the_clients() {
    let (url, _server) = start().await;
    // `/slow` answers after 300 ms: too slow for a 50 ms client timeout, fine for the one
    // operation given 5 s.
    let options = HttpOptions::default()
        .with_timeout(Duration::from_millis(50))
        .with_retry(RetryPolicy::none())
        .with_operation_timeout(OperationId::__new("slow_op"), Duration::from_secs(5));
    let session = Session::unauthenticated(&url, options).unwrap();
    let send = |op: &'static str| {
        let session = session.clone();
        let url = format!("{url}/slow");
        async move {
            let request = session.http().get(url).build().unwrap();
            __private::exec(&session, request, op, false).await
        }
    };
    let err = send("other_op").await.expect_err("times out");
    assert!(err.is_timeout(), "{err:?}");
    let ok = send("slow_op").await.expect("the longer timeout applies");
    assert_eq!(ok.status(), 200);
}

#[tokio::test]
async fn a_non_json_error_page_becomes_a_typed_error_a_json_one_does_not() {
    let (url, _server) = start().await;
    let session = Session::unauthenticated(&url, fast_retry()).unwrap();
    let send = |path: &str| {
        let request = session.http().get(format!("{url}{path}")).build().unwrap();
        __private::exec(&session, request, "get_thing", false)
    };
    let html = Ok(send("/html500").await.expect("an answer"));
    let err = __private::post::<()>(&session, &html, "get_thing")
        .await
        .expect_err("a non-JSON error page is an error");
    let failure = err.session_error().expect("a session failure");
    assert_eq!(
        (failure.kind, failure.status),
        (sdk_auth::ErrorKind::UnexpectedBody, Some(500))
    );
    assert!(
        failure.message.starts_with("get_thing: HTTP 500 with a non-JSON body (text/html) after 1 attempt(s): <html><h1>Internal Server Error</h1></html>"),
        "{}",
        failure.message
    );
    let json = Ok(send("/json404").await.expect("an answer"));
    assert!(
        __private::post::<()>(&session, &json, "get_thing")
            .await
            .is_ok(),
        "a JSON error is left to the spec's type"
    );
}

#[tokio::test]
async fn druva_token_is_renewed_after_expires_in_and_on_403() {
    let (url, server) = start().await;
    let session = Session::druva(
        &url,
        DruvaCredentials::new("cid", "Sk-secret"),
        fast_retry(),
    )
    .unwrap();
    let api = format!("{url}/insync/x");
    assert_eq!(
        call(&session, reqwest::Method::GET, &api)
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(server.logins.load(Ordering::SeqCst), 1);
    // expires_in is 1 s: after it the cached token is replaced before any call fails.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        call(&session, reqwest::Method::GET, &api)
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(server.logins.load(Ordering::SeqCst), 2);
    // A 403 (Druva's "expired" answer on Platform APIs) also renews it once.
    server.expired.store(true, Ordering::SeqCst);
    *server.token.lock().unwrap() = "revoked".into();
    server.expired.store(false, Ordering::SeqCst);
    assert_eq!(
        call(&session, reqwest::Method::GET, &api)
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(server.logins.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn druva_wrong_secret_is_typed() {
    let (url, _server) = start().await;
    let session =
        Session::druva(&url, DruvaCredentials::new("cid", "Sk-WRONG"), fast_retry()).unwrap();
    let err = session.login().await.unwrap_err();
    assert!(
        matches!(err, Error::InvalidCredentials { status: 400, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn mgmt_google_sends_both_headers_and_names_an_html_401() {
    let (url, _server) = start().await;
    let session = Session::mgmt(
        &format!("{url}/actifio/"),
        MgmtAuth::google_token("g-token"),
        fast_retry(),
    )
    .unwrap();
    assert_eq!(
        session.base_url(),
        url,
        "a managementUri.api URL is accepted"
    );
    assert_eq!(
        call(&session, reqwest::Method::GET, &format!("{url}/actifio/x"))
            .await
            .unwrap()
            .status(),
        200
    );

    let bad = Session::mgmt(&url, MgmtAuth::google_token("expired-token"), fast_retry()).unwrap();
    let err = bad.login().await.unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(err, Error::InvalidCredentials { status: 401, .. }),
        "{err:?}"
    );
    assert!(msg.contains("non-JSON page"), "{msg}");
    assert!(!msg.contains("expired-token"));
}

#[tokio::test]
async fn debug_and_errors_never_show_secrets() {
    let (url, _server) = start().await;
    let session = Session::ddmc(
        &url,
        DdmcCredentials::new("sysadmin", PASSWORD),
        fast_retry(),
    )
    .unwrap();
    session.login().await.unwrap();
    let mut request = session
        .http()
        .get(format!("{url}/rest/v1.0/system"))
        .build()
        .unwrap();
    __private::pre::<()>(&session, &mut request, "get_system")
        .await
        .unwrap();
    let shown = format!("{session:?} {request:?} {:?}", session.http());
    assert!(
        !shown.contains(PASSWORD) && !shown.contains("tok-1"),
        "{shown}"
    );
    assert!(
        Session::ddmc(
            "https://user:pw@x.example",
            DdmcCredentials::new("a", "b"),
            HttpOptions::default()
        )
        .is_err()
    );
}
