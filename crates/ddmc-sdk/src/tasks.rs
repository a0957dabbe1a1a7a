//! Following DDMC's asynchronous operations: a 202 answer (config-template apply and audit,
//! support bundles, appliance-pool changes...) starts a task that `GET /rest/v1.0/tasks/{ID}`
//! reports on. [`Client::wait_for_task`] polls it until it ends or a timeout passes.

use std::time::{Duration, Instant};

use crate::{Client, types};

/// Task states (any letter case) that mean the task has ended. DDMC does not publish its state
/// list; a task also counts as ended once it reports an `end_epoch`.
const ENDED: &[&str] = &[
    "completed",
    "complete",
    "succeeded",
    "success",
    "successful",
    "done",
    "failed",
    "failure",
    "error",
    "aborted",
    "cancelled",
    "canceled",
    "partial",
    "timeout",
];

/// Whether `task` has ended: it reports an `end_epoch`, or its state (any letter case) is one
/// that means the end (`completed`, `succeeded`, `done`, `failed`, `error`, `aborted`,
/// `canceled`, `partial`, `timeout` and their variants).
pub fn task_has_ended(task: &types::TaskDetail) -> bool {
    task.end_epoch.is_some_and(|e| e > 0)
        || task
            .state
            .as_deref()
            .is_some_and(|s| ENDED.iter().any(|e| e.eq_ignore_ascii_case(s.trim())))
}

/// Why waiting for a task stopped without the task ending.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError {
    /// The task was still running when the timeout passed.
    Timeout {
        /// The task id.
        task: String,
        /// Its last reported state.
        last_state: Option<String>,
        /// How long we waited.
        waited: Duration,
    },
    /// Reading the task failed.
    Api(crate::Error<types::ServiceStatusResponse>),
}

impl std::fmt::Display for WaitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WaitError::Timeout {
                task,
                last_state,
                waited,
            } => write!(
                f,
                "task {task} had not ended after {:.0?} (last state: {})",
                waited,
                last_state.as_deref().unwrap_or("unknown")
            ),
            WaitError::Api(e) => write!(f, "reading the task failed: {e}"),
        }
    }
}

impl std::error::Error for WaitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::Api(e) => Some(e),
            WaitError::Timeout { .. } => None,
        }
    }
}

impl Client {
    /// Polls task `task_id` every `poll` until it ends (see [`task_has_ended`]) and returns its
    /// last detail; check its `status` for the outcome. Fails with [`WaitError::Timeout`] when it
    /// has not ended within `timeout`.
    pub async fn wait_for_task(
        &self,
        task_id: &str,
        timeout: Duration,
        poll: Duration,
    ) -> Result<types::TaskDetail, WaitError> {
        let started = Instant::now();
        loop {
            let task = self
                .get_task()
                .id(task_id)
                .send()
                .await
                .map_err(WaitError::Api)?
                .into_inner();
            if task_has_ended(&task) {
                return Ok(task);
            }
            let waited = started.elapsed();
            if waited + poll > timeout {
                return Err(WaitError::Timeout {
                    task: task_id.to_string(),
                    last_state: task.state,
                    waited,
                });
            }
            tokio::time::sleep(poll).await;
        }
    }
}

/// The task id in the `Location` header of a 202 answer (`…/rest/v1.0/tasks/{ID}`), if any.
pub fn task_id_from_location(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let location = headers.get(reqwest::header::LOCATION)?.to_str().ok()?;
    let (_, id) = location.split_once("/tasks/")?;
    let id = id.split(['?', '#', '/']).next()?;
    (!id.is_empty()).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(state: Option<&str>, end: Option<i64>) -> types::TaskDetail {
        types::TaskDetail {
            state: state.map(str::to_string),
            end_epoch: end,
            ..Default::default()
        }
    }

    #[test]
    fn a_task_ends_on_a_final_state_or_an_end_time() {
        assert!(!task_has_ended(&task(Some("RUNNING"), None)));
        assert!(!task_has_ended(&task(None, Some(0))));
        assert!(task_has_ended(&task(Some("Completed"), None)));
        assert!(task_has_ended(&task(Some("FAILED"), None)));
        assert!(task_has_ended(&task(
            Some("something new"),
            Some(1_790_000_000)
        )));
    }

    #[test]
    fn the_task_id_comes_from_the_location_header() {
        let mut headers = reqwest::header::HeaderMap::new();
        assert_eq!(task_id_from_location(&headers), None);
        headers.insert(
            reqwest::header::LOCATION,
            "https://ddmc:3009/rest/v1.0/tasks/1234?x=1"
                .parse()
                .unwrap(),
        );
        assert_eq!(task_id_from_location(&headers).as_deref(), Some("1234"));
    }
}
