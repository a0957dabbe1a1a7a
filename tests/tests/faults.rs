//! The fault matrix: every fault the simulators can inject, against each of the three SDKs.
//!
//! Each API implements [`Api`] (how to start it, read, write, stream and count logins); each
//! fault is one generic scenario; `matrix!` instantiates every scenario for every API, so a
//! failing cell names both (e.g. `druva::expiry_under_100_concurrent_calls`).

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant, SystemTime};

use futures::{StreamExt, TryStreamExt};
use sdk_auth::{HttpOptions, RetryPolicy};
use sdk_tests::sim::{self, Server};

type Call = Pin<Box<dyn Future<Output = Result<u16, String>> + Send>>;

fn options() -> HttpOptions {
    HttpOptions::default()
        .with_retry(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
}

/// What a scenario needs from one API.
trait Api: Sized {
    /// Starts the simulator and logs in.
    async fn start() -> Self;
    /// The simulator (URL, wire log, fault injection).
    fn server(&self) -> &Server;
    /// Expires every credential the simulator handed out.
    fn expire(&self);
    /// Logins or token requests so far, refused ones included.
    fn logins(&self) -> usize;
    /// An idempotent read; its method and path (for counting requests on the wire).
    fn read(&self) -> Call;
    const READ: (&'static str, &'static str);
    /// Streams a list of `total` items, expiring the credentials after `expire_after` items;
    /// returns the item ids in order.
    async fn stream_ids(&self, expire_after: usize) -> Result<Vec<String>, String>;
    /// Logs in with a wrong secret.
    async fn wrong_login(&self) -> sdk_auth::Error;
    /// Logs in against a port nobody listens on.
    async fn login_to(url: &str) -> Result<(), sdk_auth::Error>;
    /// Logs in again to the same simulator with the right credentials.
    async fn fresh_login(&self) -> Result<(), sdk_auth::Error>;
}

mod apis {
    use super::*;
    use sim::ddmc::{DdmcSim, DdmcSimConfig};
    use sim::druva::{DruvaSim, DruvaSimConfig};
    use sim::mgmt::{MgmtAuthMode, MgmtSim, MgmtSimConfig};

    pub struct Ddmc(pub DdmcSim, pub ddmc_sdk::Client, pub String);

    impl Api for Ddmc {
        async fn start() -> Self {
            let config = DdmcSimConfig::default();
            let creds =
                ddmc_sdk::DdmcCredentials::new(config.username.clone(), config.password.clone());
            let sim = DdmcSim::start(config).await.expect("sim");
            let client = ddmc_sdk::Client::login_with(sim.url(), creds, options())
                .await
                .expect("login");
            let systems: Vec<_> = client
                .list_dd_systems()
                .stream()
                .try_collect()
                .await
                .expect("systems");
            let big = systems[2].id.clone().expect("id");
            sim.wire().take();
            Ddmc(sim, client, big)
        }
        fn server(&self) -> &Server {
            &self.0
        }
        fn expire(&self) {
            self.0.expire_tokens()
        }
        fn logins(&self) -> usize {
            self.0.login_attempts()
        }
        fn read(&self) -> Call {
            let c = self.1.clone();
            Box::pin(async move {
                c.get_system()
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .map_err(|e| e.to_string())
            })
        }
        const READ: (&'static str, &'static str) = ("GET", "/rest/v1.0/system");
        async fn stream_ids(&self, expire_after: usize) -> Result<Vec<String>, String> {
            let mut stream = self
                .1
                .list_mtrees()
                .system_id(self.2.clone())
                .stream_with_page_size(50);
            let mut ids = Vec::new();
            while let Some(m) = stream.next().await {
                ids.push(m.map_err(|e| e.to_string())?.id.unwrap_or_default());
                if ids.len() == expire_after {
                    self.expire();
                }
            }
            Ok(ids)
        }
        async fn wrong_login(&self) -> sdk_auth::Error {
            let creds = ddmc_sdk::DdmcCredentials::new("sysadmin", "Wrong-Fault-Pass");
            ddmc_sdk::Client::login_with(self.0.url(), creds, options())
                .await
                .expect_err("refused")
        }
        async fn login_to(url: &str) -> Result<(), sdk_auth::Error> {
            ddmc_sdk::Client::login_with(url, ddmc_sdk::DdmcCredentials::new("u", "p"), options())
                .await
                .map(|_| ())
        }
        async fn fresh_login(&self) -> Result<(), sdk_auth::Error> {
            let config = DdmcSimConfig::default();
            let creds = ddmc_sdk::DdmcCredentials::new(config.username, config.password);
            ddmc_sdk::Client::login_with(self.0.url(), creds, options())
                .await
                .map(|_| ())
        }
    }

    pub struct Mgmt(pub MgmtSim, pub mgmt_sdk::Client);

    fn google_token(config: &MgmtSimConfig) -> String {
        match &config.auth {
            MgmtAuthMode::Google { token } => token.clone(),
            MgmtAuthMode::OnPrem { .. } => unreachable!("Google mode by default"),
        }
    }

    impl Api for Mgmt {
        async fn start() -> Self {
            let config = MgmtSimConfig::default();
            let token = google_token(&config);
            let sim = MgmtSim::start(config).await.expect("sim");
            let client = mgmt_sdk::Client::login_with(
                sim.url(),
                mgmt_sdk::MgmtAuth::google_token(token),
                options(),
            )
            .await
            .expect("login");
            Mgmt(sim, client)
        }
        fn server(&self) -> &Server {
            &self.0
        }
        fn expire(&self) {
            self.0.expire_sessions()
        }
        fn logins(&self) -> usize {
            self.0.login_attempts()
        }
        fn read(&self) -> Call {
            let c = self.1.clone();
            Box::pin(async move {
                c.get_version()
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .map_err(|e| e.to_string())
            })
        }
        const READ: (&'static str, &'static str) = ("GET", "/actifio/config/version");
        async fn stream_ids(&self, expire_after: usize) -> Result<Vec<String>, String> {
            let mut stream = self.1.list_applications().stream_with_page_size(400);
            let mut ids = Vec::new();
            while let Some(a) = stream.next().await {
                ids.push(a.map_err(|e| e.to_string())?.id.unwrap_or_default());
                if ids.len() == expire_after {
                    self.expire();
                }
            }
            Ok(ids)
        }
        async fn wrong_login(&self) -> sdk_auth::Error {
            mgmt_sdk::Client::login_with(
                self.0.url(),
                mgmt_sdk::MgmtAuth::google_token("ya29.wrong"),
                options(),
            )
            .await
            .expect_err("refused")
        }
        async fn login_to(url: &str) -> Result<(), sdk_auth::Error> {
            mgmt_sdk::Client::login_with(url, mgmt_sdk::MgmtAuth::google_token("t"), options())
                .await
                .map(|_| ())
        }
        async fn fresh_login(&self) -> Result<(), sdk_auth::Error> {
            let token = google_token(&MgmtSimConfig::default());
            mgmt_sdk::Client::login_with(
                self.0.url(),
                mgmt_sdk::MgmtAuth::google_token(token),
                options(),
            )
            .await
            .map(|_| ())
        }
    }

    pub struct Druva(pub DruvaSim, pub druva_sdk::Client);

    impl Api for Druva {
        async fn start() -> Self {
            let config = DruvaSimConfig::default();
            let creds = druva_sdk::DruvaCredentials::new(
                config.client_id.clone(),
                config.secret_key.clone(),
            );
            let sim = DruvaSim::start(config).await.expect("sim");
            let client = druva_sdk::Client::login_with(sim.url(), creds, options())
                .await
                .expect("token");
            Druva(sim, client)
        }
        fn server(&self) -> &Server {
            &self.0
        }
        fn expire(&self) {
            self.0.expire_tokens()
        }
        fn logins(&self) -> usize {
            self.0.token_requests()
        }
        fn read(&self) -> Call {
            let c = self.1.clone();
            Box::pin(async move {
                c.list_users()
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .map_err(|e| e.to_string())
            })
        }
        const READ: (&'static str, &'static str) = ("GET", "/insync/usermanagement/v1/users");
        async fn stream_ids(&self, expire_after: usize) -> Result<Vec<String>, String> {
            let mut stream = self.1.list_users().stream();
            let mut ids = Vec::new();
            while let Some(u) = stream.next().await {
                ids.push(
                    u.map_err(|e| e.to_string())?
                        .user_id
                        .map(|i| i.to_string())
                        .unwrap_or_default(),
                );
                if ids.len() == expire_after {
                    self.expire();
                }
            }
            Ok(ids)
        }
        async fn wrong_login(&self) -> sdk_auth::Error {
            let creds = druva_sdk::DruvaCredentials::new("sim-client-id", "Wrong-Fault-Secret");
            druva_sdk::Client::login_with(self.0.url(), creds, options())
                .await
                .expect_err("refused")
        }
        async fn login_to(url: &str) -> Result<(), sdk_auth::Error> {
            druva_sdk::Client::login_with(
                url,
                druva_sdk::DruvaCredentials::new("i", "s"),
                options(),
            )
            .await
            .map(|_| ())
        }
        async fn fresh_login(&self) -> Result<(), sdk_auth::Error> {
            let config = DruvaSimConfig::default();
            let creds = druva_sdk::DruvaCredentials::new(config.client_id, config.secret_key);
            druva_sdk::Client::login_with(self.0.url(), creds, options())
                .await
                .map(|_| ())
        }
    }
}

/// Expired credentials: one re-login, the call replayed.
async fn expiry_relogs_in_once<A: Api>() {
    let api = A::start().await;
    api.expire();
    assert_eq!(api.read().await, Ok(200));
    assert_eq!(api.logins(), 2, "one login at start, one after the expiry");
}

/// 100 concurrent calls that all hit the expiry cause exactly one login.
async fn expiry_under_100_concurrent_calls<A: Api>() {
    let api = A::start().await;
    api.expire();
    let calls: Vec<_> = (0..100).map(|_| tokio::spawn(api.read())).collect();
    for call in calls {
        assert_eq!(call.await.expect("task"), Ok(200));
    }
    assert_eq!(api.logins(), 2, "100 callers shared one re-login");
}

/// A stream that crosses the expiry goes on without losing or repeating items.
async fn stream_across_expiry<A: Api>() {
    let api = A::start().await;
    let before = api.stream_ids(usize::MAX).await.expect("stream");
    let across = api
        .stream_ids(before.len() / 2 + 1)
        .await
        .expect("stream across the expiry");
    assert_eq!(across, before, "same items, same order");
    assert_eq!(
        across.iter().collect::<HashSet<_>>().len(),
        across.len(),
        "no repeats"
    );
    assert_eq!(api.logins(), 2);
}

/// Wrong credentials: a typed error at once, one attempt only.
async fn wrong_credentials_fail_at_once<A: Api>() {
    let api = A::start().await;
    let before = api.logins();
    let err = api.wrong_login().await;
    assert!(
        matches!(err, sdk_auth::Error::InvalidCredentials { .. }),
        "{err:?}"
    );
    assert_eq!(api.logins(), before + 1, "never retried");
}

/// Two 503s, then success: retried.
async fn transient_503s_are_retried<A: Api>() {
    let api = A::start().await;
    api.server().wire().take();
    api.server().inject_failures(503, 2, None);
    assert_eq!(api.read().await, Ok(200));
    assert_eq!(api.server().wire().count(A::READ.0, A::READ.1), 3);
}

/// 429 with `Retry-After` in seconds, then as an HTTP date: both are waited out.
async fn retry_after_is_honoured<A: Api>() {
    let api = A::start().await;
    api.server().inject_retry_after(429, 1, "1");
    let started = Instant::now();
    assert_eq!(api.read().await, Ok(200));
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "waited {:?}",
        started.elapsed()
    );

    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    api.server().inject_retry_after(503, 1, &date);
    let started = Instant::now();
    assert_eq!(api.read().await, Ok(200));
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "waited {:?}",
        started.elapsed()
    );
}

/// A failure that does not go away: the policy's four attempts, then the error.
async fn persistent_failure_gives_up<A: Api>() {
    let api = A::start().await;
    api.server().wire().take();
    api.server().inject_failures(502, 100, None);
    let err = api.read().await.expect_err("gives up");
    assert!(
        err.contains("HTTP 502") && err.contains("after 4 attempt(s)"),
        "{err}"
    );
    assert_eq!(api.server().wire().count(A::READ.0, A::READ.1), 4);
}

/// A proxy's HTML error page is an error, not a panic, and is not retried when not transient.
async fn html_error_page_is_an_error<A: Api>() {
    let api = A::start().await;
    api.server().wire().take();
    api.server().inject_response(
        500,
        1,
        "text/html",
        "<html><body><h1>500 Internal Server Error</h1></body></html>",
    );
    let err = api.read().await.expect_err("an error");
    assert!(!err.is_empty());
    assert_eq!(api.server().wire().count(A::READ.0, A::READ.1), 1);
}

/// A malformed JSON success body is an error, not a panic.
async fn malformed_json_is_an_error<A: Api>() {
    let api = A::start().await;
    api.server()
        .inject_response(200, 1, "application/json", r#"{"items": [{"id": "1", "#);
    let err = api.read().await.expect_err("an error");
    assert!(
        err.to_lowercase().contains("invalid") || err.contains("EOF"),
        "{err}"
    );
}

/// Nobody listening: a typed transport error, quickly.
async fn connection_refused_is_a_transport_error<A: Api>() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let err = A::login_to(&url).await.expect_err("refused");
    assert!(matches!(err, sdk_auth::Error::Transport { .. }), "{err:?}");
    // The message names the root cause, not only "error sending request".
    assert!(err.to_string().to_lowercase().contains("refused"), "{err}");
    assert!(err.is_transient());
}

/// A server that caps every page (at an odd size that divides nothing, and at a larger one):
/// every stream yields exactly what it yields uncapped, in order, with no repeats.
async fn capped_pages_lose_nothing<A: Api>() {
    let api = A::start().await;
    let all = api.stream_ids(usize::MAX).await.expect("uncapped");
    assert!(all.len() > 20, "a list of several pages");
    for cap in [7, 33] {
        api.server().cap_page_size(cap);
        let capped = api.stream_ids(usize::MAX).await.expect("capped");
        assert_eq!(capped, all, "cap {cap}");
    }
}

/// An upgrade: the login answers 503, then 502 (HTML), then works: the login is retried.
async fn logins_are_retried_through_an_upgrade<A: Api>() {
    let api = A::start().await;
    let before = api.logins();
    api.server().inject_login_failures(503, 2, Some(0));
    api.fresh_login().await.expect("logged in after two 503s");
    assert_eq!(api.logins(), before + 3);
    let before = api.logins();
    api.server().inject_login_failures(502, 1, None);
    api.fresh_login().await.expect("logged in after a 502");
    assert_eq!(api.logins(), before + 2);
}

/// A `Retry-After` beyond the policy's longest wait: a typed error at once, saying how long.
async fn a_wait_beyond_the_policy_fails_at_once<A: Api>() {
    let api = A::start().await;
    let before = api.logins();
    api.server().inject_login_failures(503, 5, Some(120));
    match api.fresh_login().await {
        Err(e @ sdk_auth::Error::RetryAfterTooLong { .. }) => {
            assert_eq!(e.retry_after(), Some(Duration::from_secs(120)));
            assert!(e.to_string().contains("120 s"), "{e}");
        }
        other => panic!("expected RetryAfterTooLong, got {other:?}"),
    }
    assert_eq!(api.logins(), before + 1, "not retried early");
    api.server().inject_login_failures(503, 0, None);

    api.server().wire().take();
    api.server().inject_retry_after(429, 5, "120");
    let err = api.read().await.expect_err("fails at once");
    assert!(
        err.contains("120 s") && err.contains("retry-after-too-long"),
        "{err}"
    );
    assert_eq!(api.server().wire().count(A::READ.0, A::READ.1), 1);
}

/// Another loopback server that records everything it receives.
async fn other_origin() -> (sim::Running, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let seen: std::sync::Arc<std::sync::Mutex<Vec<String>>> = Default::default();
    let log = seen.clone();
    let router = axum::Router::new().fallback(move |req: axum::extract::Request| {
        let log = log.clone();
        async move {
            log.lock().expect("log").push(format!(
                "{} {} {:?}",
                req.method(),
                req.uri(),
                req.headers()
            ));
            "{}"
        }
    });
    (sim::serve(router).await.expect("other server"), seen)
}

/// A redirect to another origin (scheme, host or port) is never followed, for calls (302, 307)
/// and logins (307, which would re-send the password): the other server receives nothing.
async fn credentials_never_leave_the_origin<A: Api>() {
    let api = A::start().await;
    let (other, seen) = other_origin().await;
    for status in [302, 307] {
        api.server()
            .inject_redirect(status, 1, &format!("{}/steal?x=1", other.url), false);
        let err = api.read().await.expect_err("not followed");
        assert!(
            err.contains("another origin") && err.contains(&format!("{}/steal", other.url)),
            "{err}"
        );
    }
    api.server()
        .inject_redirect(307, 1, &format!("{}/login", other.url), true);
    match api.fresh_login().await {
        Err(sdk_auth::Error::CrossOriginRedirect { location, .. }) => {
            assert_eq!(location, format!("{}/login", other.url))
        }
        other => panic!("expected CrossOriginRedirect, got {other:?}"),
    }
    assert!(seen.lock().expect("log").is_empty(), "{:?}", seen.lock());
}

/// A redirect within the origin is followed (with the credential, which stays on the origin).
async fn same_origin_redirects_are_followed<A: Api>() {
    let api = A::start().await;
    api.server().wire().take();
    let target = format!("{}{}", api.server().url(), A::READ.1);
    api.server().inject_redirect(307, 1, &target, false);
    assert_eq!(api.read().await, Ok(200));
    assert_eq!(api.server().wire().count(A::READ.0, A::READ.1), 2);
}

/// A 200 whose JSON is broken after a megabyte: the error quotes a bounded excerpt only.
async fn a_broken_page_is_quoted_in_a_bounded_excerpt<A: Api>() {
    let api = A::start().await;
    let body = format!("{{\"x\": \"{}", "y".repeat(2 << 20));
    api.server()
        .inject_response(200, 1, "application/json", &body);
    let err = api.read().await.expect_err("an error");
    assert!(err.len() < 2_000, "{} bytes of message", err.len());
}

macro_rules! matrix {
    ($($api:ident),*) => {
        $(
            #[allow(non_snake_case)]
            mod $api {
                use super::*;
                type A = apis::$api;
                #[tokio::test] async fn expiry_relogs_in_once() { super::expiry_relogs_in_once::<A>().await }
                #[tokio::test] async fn expiry_under_100_concurrent_calls() { super::expiry_under_100_concurrent_calls::<A>().await }
                #[tokio::test] async fn stream_across_expiry() { super::stream_across_expiry::<A>().await }
                #[tokio::test] async fn wrong_credentials_fail_at_once() { super::wrong_credentials_fail_at_once::<A>().await }
                #[tokio::test] async fn transient_503s_are_retried() { super::transient_503s_are_retried::<A>().await }
                #[tokio::test] async fn retry_after_is_honoured() { super::retry_after_is_honoured::<A>().await }
                #[tokio::test] async fn persistent_failure_gives_up() { super::persistent_failure_gives_up::<A>().await }
                #[tokio::test] async fn html_error_page_is_an_error() { super::html_error_page_is_an_error::<A>().await }
                #[tokio::test] async fn malformed_json_is_an_error() { super::malformed_json_is_an_error::<A>().await }
                #[tokio::test] async fn connection_refused_is_a_transport_error() { super::connection_refused_is_a_transport_error::<A>().await }
                #[tokio::test] async fn capped_pages_lose_nothing() { super::capped_pages_lose_nothing::<A>().await }
                #[tokio::test] async fn logins_are_retried_through_an_upgrade() { super::logins_are_retried_through_an_upgrade::<A>().await }
                #[tokio::test] async fn a_wait_beyond_the_policy_fails_at_once() { super::a_wait_beyond_the_policy_fails_at_once::<A>().await }
                #[tokio::test] async fn credentials_never_leave_the_origin() { super::credentials_never_leave_the_origin::<A>().await }
                #[tokio::test] async fn same_origin_redirects_are_followed() { super::same_origin_redirects_are_followed::<A>().await }
                #[tokio::test] async fn a_broken_page_is_quoted_in_a_bounded_excerpt() { super::a_broken_page_is_quoted_in_a_bounded_excerpt::<A>().await }
            }
        )*
    };
}

matrix!(Ddmc, Mgmt, Druva);
