//! `ddmc_sdk::Client::wait_for_task` against a server whose task runs for a few polls, and one
//! whose task never ends.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use ddmc_sdk::tasks::WaitError;

async fn server(polls_until_done: usize) -> (String, Arc<AtomicUsize>) {
    let polls = Arc::new(AtomicUsize::new(0));
    let router = Router::new()
        .route(
            "/rest/v1.0/auth",
            post(|| async {
                (
                    StatusCode::CREATED,
                    [("X-DD-AUTH-TOKEN", "task-token")],
                    r#"{"service_status":{"details":"success","code":0}}"#,
                )
            }),
        )
        .route(
            "/rest/v1.0/tasks/{id}",
            get(
                move |State(polls): State<Arc<AtomicUsize>>, Path(id): Path<String>| async move {
                    let n = polls.fetch_add(1, Ordering::SeqCst) + 1;
                    let (state, end) = if n >= polls_until_done {
                        ("COMPLETED", 1_790_000_100)
                    } else {
                        ("RUNNING", 0)
                    };
                    axum::Json(serde_json::json!({
                        "id": id, "task_id": 42, "name": "config template apply", "state": state,
                        "start_epoch": 1_790_000_000, "end_epoch": end,
                        "status": {"details": "ok", "error_code": 0},
                        "step": [{"id": "1", "name": "apply", "state": state}]
                    }))
                    .into_response()
                },
            ),
        )
        .with_state(Arc::clone(&polls));
    let running = sdk_tests::sim::serve(router).await.expect("server");
    let url = running.url.clone();
    std::mem::forget(running); // lives for the test process
    (url, polls)
}

async fn client(url: &str) -> ddmc_sdk::Client {
    ddmc_sdk::Client::login(url, ddmc_sdk::DdmcCredentials::new("sysadmin", "pw"))
        .await
        .expect("login")
}

#[tokio::test]
async fn waits_until_the_task_ends() {
    let (url, polls) = server(3).await;
    let task = client(&url)
        .await
        .wait_for_task("42", Duration::from_secs(5), Duration::from_millis(10))
        .await
        .expect("task ended");
    assert_eq!(task.state.as_deref(), Some("COMPLETED"));
    assert_eq!(polls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn gives_up_after_the_timeout() {
    let (url, _) = server(usize::MAX).await;
    let err = client(&url)
        .await
        .wait_for_task("42", Duration::from_millis(100), Duration::from_millis(20))
        .await
        .expect_err("never ends");
    assert!(
        matches!(err, WaitError::Timeout { ref last_state, .. } if last_state.as_deref() == Some("RUNNING")),
        "{err}"
    );
    assert!(err.to_string().contains("task 42 had not ended"), "{err}");
}
