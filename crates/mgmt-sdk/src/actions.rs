//! The actions users run every day (backup now, mount, unmount, restore, clone, expire, job
//! cancel), each followed to the end of the job it starts.
//!
//! The console answers these actions with `204 No Content` and no job id. A helper therefore
//! sends the action with a unique `label` (the caller's, or a generated `sdk-<hex>`), then polls
//! `GET /actifio/jobstatus?filter=label:==<label>` (running and finished jobs), falling back to
//! `GET /actifio/job` (running and queued jobs) while the job is not listed there yet, until the
//! job reaches a final state or the timeout passes. Unmount and expire take no label: they are
//! followed by the newest job of their class (`jobclass` containing `unmount` / `expir`) for the
//! image's application queued since just before the request (the correlation AGMPowerLib uses).
//! Jobs that already matched before the action was sent (a reused label, an earlier unmount of
//! the same application) are looked up first and never taken for the new one.
//!
//! Job states are an open set: `succeeded`, `failed` and `canceled` (or `cancelled`, `aborted`)
//! end a job; every other status (`queued`, `initializing`, `running`, `notrun` — a job that is
//! re-queued under a suffixed name — and any status a later console adds) keeps polling.
//!
//! ```no_run
//! use std::time::Duration;
//! use mgmt_sdk::{Client, types};
//!
//! # async fn demo(client: Client) -> Result<(), Box<dyn std::error::Error>> {
//! let body = types::BackupNowRest {
//!     policy: Some(types::PolicyRest { id: Some("1455061".into()), ..Default::default() }.into()),
//!     ..Default::default()
//! };
//! let job = client
//!     .backup_now("1482152", body)
//!     .timeout(Duration::from_secs(3600))
//!     .on_progress(|job| println!("{:?} {:?}%", job.status, job.progress))
//!     .run()
//!     .await?;
//! println!("{:?} succeeded", job.jobname);
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::{Client, types};

/// The error of a console call made by an action helper.
pub type ApiError = crate::Error<types::Error>;

/// How long a helper waits for its job by default (mounts of large images are slow).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// How often a helper polls the job by default.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(5);

/// How far before the request an unlabelled action's job may have been queued (tolerates a
/// console clock that runs behind the client's).
const CLOCK_SLACK: Duration = Duration::from_secs(120);

/// Where a job status puts the job. Open: a later version may tell more states apart, so a
/// `match` needs a `_` arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JobState {
    /// The job ended well (`succeeded`, also `succeeded with warnings` and the like).
    Succeeded,
    /// The job ended in failure (`failed`); its `message` and `errorcode` say why.
    Failed,
    /// The job was canceled (`canceled`, `cancelled`, `aborted`).
    Canceled,
    /// Anything else: `queued`, `initializing`, `running`, `notrun`, no status, or a status this
    /// SDK does not know. The job is polled further.
    Pending,
}

/// Classifies a job `status` (any letter case). Unknown statuses are [`JobState::Pending`].
pub fn job_state(status: Option<&str>) -> JobState {
    let Some(status) = status.map(|s| s.trim().to_ascii_lowercase()) else {
        return JobState::Pending;
    };
    if status.starts_with("succeeded") || status == "success" || status == "successful" {
        JobState::Succeeded
    } else if status.starts_with("failed") || status == "failure" {
        JobState::Failed
    } else if matches!(status.as_str(), "canceled" | "cancelled" | "aborted") {
        JobState::Canceled
    } else {
        JobState::Pending
    }
}

/// Why an action helper did not return a finished job.
#[derive(Debug)]
#[non_exhaustive]
pub enum ActionError {
    /// An argument cannot be sent (an empty id or label...).
    InvalidInput(String),
    /// The console refused the action itself, or a call made while following it failed.
    Api {
        /// What the helper was doing (`starting mount`, `polling label sdk-…`).
        step: String,
        /// The console's answer.
        source: ApiError,
    },
    /// The job had not ended when the timeout passed.
    Timeout {
        /// The job being followed (`label sdk-…`, `unmount of image 123`…).
        target: String,
        /// The job's last status, `None` when no job had appeared yet.
        last_status: Option<String>,
        /// How long the helper waited.
        waited: Duration,
    },
    /// The job failed; `job.message` and `job.errorcode` carry the console's reason.
    Failed {
        /// The job being followed.
        target: String,
        /// The job as last seen.
        job: Box<types::JobRest>,
    },
    /// The job was canceled (by a user, or by [`Client::cancel_job_and_wait`]).
    Canceled {
        /// The job being followed.
        target: String,
        /// The job as last seen.
        job: Box<types::JobRest>,
    },
    /// A job status could not be read as a job.
    UnexpectedJob {
        /// The job being followed.
        target: String,
        /// What did not fit.
        detail: String,
    },
    /// A cancel came too late: the job ended (succeeded or failed) before it could be canceled.
    NotCanceled {
        /// The job being followed.
        target: String,
        /// The job as last seen.
        job: Box<types::JobRest>,
    },
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = |job: &types::JobRest| job.jobname.clone().unwrap_or_else(|| "job".into());
        match self {
            ActionError::InvalidInput(what) => write!(f, "invalid action input: {what}"),
            ActionError::Api { step, source } => write!(f, "{step} failed: {source}"),
            ActionError::Timeout {
                target,
                last_status,
                waited,
            } => write!(
                f,
                "the job of {target} had not ended after {waited:.0?} (last status: {})",
                last_status.as_deref().unwrap_or("no job visible yet")
            ),
            ActionError::Failed { target, job } => write!(
                f,
                "{} ({target}) failed: errorcode {}: {}",
                name(job),
                job.errorcode.as_deref().unwrap_or("none"),
                job.message.as_deref().unwrap_or("no message")
            ),
            ActionError::UnexpectedJob { target, detail } => {
                write!(f, "the job of {target} is not readable: {detail}")
            }
            ActionError::Canceled { target, job } => {
                write!(f, "{} ({target}) was canceled", name(job))
            }
            ActionError::NotCanceled { target, job } => write!(
                f,
                "{} ({target}) ended as {} before it could be canceled",
                name(job),
                job.status.as_deref().unwrap_or("unknown")
            ),
        }
    }
}

impl std::error::Error for ActionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ActionError::Api { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// What an [`Action`] sends.
#[derive(Debug, Clone)]
enum Request {
    BackupNow(String, types::BackupNowRest),
    Mount(String, types::MountRest),
    Unmount(String, types::UnmountRest),
    Restore(String, types::RestoreRest),
    Clone(String, types::CloneRest),
    Expire(String, bool),
    Cancel(String),
}

impl Request {
    fn name(&self) -> &'static str {
        match self {
            Request::BackupNow(..) => "backup now",
            Request::Mount(..) => "mount",
            Request::Unmount(..) => "unmount",
            Request::Restore(..) => "restore",
            Request::Clone(..) => "clone",
            Request::Expire(..) => "expire",
            Request::Cancel(..) => "cancel",
        }
    }

    fn id(&self) -> &str {
        match self {
            Request::BackupNow(id, _)
            | Request::Mount(id, _)
            | Request::Unmount(id, _)
            | Request::Restore(id, _)
            | Request::Clone(id, _)
            | Request::Expire(id, _)
            | Request::Cancel(id) => id,
        }
    }

    /// The label already in the body, for the actions that carry one.
    fn body_label(&self) -> Option<Option<&str>> {
        match self {
            Request::BackupNow(_, b) => Some(b.label.as_deref()),
            Request::Mount(_, b) => Some(b.label.as_deref()),
            Request::Restore(_, b) => Some(b.label.as_deref()),
            Request::Clone(_, b) => Some(b.label.as_deref()),
            Request::Unmount(..) | Request::Expire(..) | Request::Cancel(..) => None,
        }
    }

    fn set_label(&mut self, label: String) {
        match self {
            Request::BackupNow(_, b) => b.label = Some(label),
            Request::Mount(_, b) => b.label = Some(label),
            Request::Restore(_, b) => b.label = Some(label),
            Request::Clone(_, b) => b.label = Some(label),
            Request::Unmount(..) | Request::Expire(..) | Request::Cancel(..) => {}
        }
    }
}

/// How the helper finds the job of its action.
#[derive(Debug, Clone)]
struct Follow {
    /// `filter=` conditions selecting the job (the newest by `queuedate` wins).
    filters: Vec<String>,
    /// What the job is, for messages.
    target: String,
    /// Ids of jobs that matched before the action was sent (a reused label, an earlier unmount
    /// of the same application): never taken for the action's job.
    exclude: Vec<String>,
}

type Progress<'a> = Box<dyn FnMut(&types::JobRest) + Send + 'a>;

/// An action to run and follow; built by [`Client::backup_now`], [`Client::mount_image`],
/// [`Client::unmount_image`], [`Client::restore_image`], [`Client::clone_image`],
/// [`Client::expire_image`] or [`Client::cancel_job_and_wait`], started by [`Action::run`].
#[must_use = "an action does nothing until `run().await`"]
pub struct Action<'a> {
    client: &'a Client,
    request: Request,
    label: Option<String>,
    timeout: Duration,
    poll: Duration,
    progress: Option<Progress<'a>>,
}

impl fmt::Debug for Action<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Action")
            .field("action", &self.request.name())
            .field("id", &self.request.id())
            .field("label", &self.label)
            .field("timeout", &self.timeout)
            .field("poll", &self.poll)
            .finish_non_exhaustive()
    }
}

impl<'a> Action<'a> {
    fn new(client: &'a Client, request: Request) -> Self {
        Self {
            client,
            request,
            label: None,
            timeout: DEFAULT_TIMEOUT,
            poll: DEFAULT_POLL_INTERVAL,
            progress: None,
        }
    }

    /// The label to send and follow (backup now, mount, restore, clone). Without one, the label
    /// of the body is used, else a unique `sdk-<16 hex digits>` is generated. Choose a label no
    /// other running action uses: the helper follows the newest job carrying it.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// How long to wait for the job to end ([`DEFAULT_TIMEOUT`] unless set).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long to wait between two polls ([`DEFAULT_POLL_INTERVAL`] unless set).
    pub fn poll_interval(mut self, poll: Duration) -> Self {
        self.poll = poll;
        self
    }

    /// Called with the job each time a poll sees it (status, `progress` in percent while
    /// running, dates...), the final poll included.
    pub fn on_progress(mut self, progress: impl FnMut(&types::JobRest) + Send + 'a) -> Self {
        self.progress = Some(Box::new(progress));
        self
    }

    /// Sends the action, then follows its job to a final state. Returns the finished job when it
    /// succeeded (for [`Client::cancel_job_and_wait`]: when it was canceled); otherwise a typed
    /// [`ActionError`] naming the job, its status and the console's message.
    pub async fn run(mut self) -> Result<types::JobRest, ActionError> {
        if self.request.id().trim().is_empty() {
            return Err(ActionError::InvalidInput(format!(
                "{}: the id is empty",
                self.request.name()
            )));
        }
        if self.poll.is_zero() {
            return Err(ActionError::InvalidInput(format!(
                "{}: the poll interval is zero",
                self.request.name()
            )));
        }
        let follow = self.start().await?;
        self.follow(follow).await
    }

    /// Sends the action and says how to find its job.
    async fn start(&mut self) -> Result<Follow, ActionError> {
        let client = self.client;
        let name = self.request.name();
        let step = |what: &str| format!("{what} {name}");
        if let Some(in_body) = self.request.body_label() {
            let label = match self.label.clone().or_else(|| in_body.map(str::to_string)) {
                Some(l) if l.trim().is_empty() => {
                    return Err(ActionError::InvalidInput(format!(
                        "{name}: the label is empty"
                    )));
                }
                Some(l) => l,
                None => format!("sdk-{:016x}", fastrand::u64(..)),
            };
            self.request.set_label(label.clone());
            self.label = Some(label);
        }
        let labelled = match self.label.clone() {
            Some(label) if self.request.body_label().is_some() => {
                let mut follow = Follow {
                    filters: vec![format!("label:=={label}")],
                    target: format!("{name} label {label}"),
                    exclude: Vec::new(),
                };
                follow.exclude = existing(client, &follow).await?;
                Some(follow)
            }
            _ => None,
        };
        let since = now_us().saturating_sub(CLOCK_SLACK.as_micros() as i64);
        let sent = match &self.request {
            Request::BackupNow(id, body) => client
                .backup_application()
                .application_id(id.as_str())
                .body(body.clone())
                .send()
                .await
                .map(drop),
            Request::Mount(id, body) => client
                .mount_backup()
                .backup_id(id.as_str())
                .body(body.clone())
                .send()
                .await
                .map(drop),
            Request::Restore(id, body) => client
                .restore_backup()
                .backup_id(id.as_str())
                .body(body.clone())
                .send()
                .await
                .map(drop),
            Request::Clone(id, body) => client
                .clone_backup()
                .backup_id(id.as_str())
                .body(body.clone())
                .send()
                .await
                .map(drop),
            Request::Unmount(id, _) | Request::Expire(id, _) => {
                let app = application_of(client, name, id).await?;
                let class = if matches!(self.request, Request::Unmount(..)) {
                    "unmount"
                } else {
                    "expir"
                };
                let mut filters = vec![
                    format!("jobclass:=|{class}"),
                    format!("queuedate:>={since}"),
                ];
                if let Some(app) = app {
                    filters.push(format!("appid:=={app}"));
                }
                let mut follow = Follow {
                    filters,
                    target: format!("{name} of image {id}"),
                    exclude: Vec::new(),
                };
                follow.exclude = existing(client, &follow).await?;
                let sent = match &self.request {
                    Request::Unmount(_, body) => client
                        .unmount_backup()
                        .backup_id(id.as_str())
                        .body(body.clone())
                        .send()
                        .await
                        .map(drop),
                    Request::Expire(_, force) => client
                        .expire_backup()
                        .backup_id(id.as_str())
                        .force(*force)
                        .send()
                        .await
                        .map(drop),
                    _ => unreachable!("matched above"),
                };
                sent.map_err(|source| ActionError::Api {
                    step: step("starting"),
                    source,
                })?;
                return Ok(follow);
            }
            Request::Cancel(id) => {
                let answer = client
                    .cancel_job()
                    .job_id(id.as_str())
                    .body(types::JobCancelRest {
                        status: types::JobCancelRestStatus::Cancel,
                    })
                    .send()
                    .await
                    .map_err(|source| ActionError::Api {
                        step: step("sending"),
                        source,
                    })?
                    .into_inner();
                let filter = match answer.jobname.filter(|n| !n.is_empty()) {
                    Some(jobname) => format!("jobname:=={jobname}"),
                    None => format!("id:=={id}"),
                };
                return Ok(Follow {
                    filters: vec![filter],
                    target: format!("cancel of job {id}"),
                    exclude: Vec::new(),
                });
            }
        };
        sent.map_err(|source| ActionError::Api {
            step: step("starting"),
            source,
        })?;
        labelled.ok_or_else(|| ActionError::InvalidInput(format!("{name}: no label to follow")))
    }

    async fn follow(mut self, follow: Follow) -> Result<types::JobRest, ActionError> {
        let started = Instant::now();
        let mut last_status = None;
        loop {
            if let Some(job) = find_job(self.client, &follow).await? {
                if let Some(progress) = self.progress.as_mut() {
                    progress(&job);
                }
                let state = job_state(job.status.as_deref());
                let cancel = matches!(self.request, Request::Cancel(_));
                let target = follow.target.clone();
                match (state, cancel) {
                    (JobState::Pending, _) => last_status = job.status.clone(),
                    (JobState::Succeeded, false) | (JobState::Canceled, true) => return Ok(job),
                    (JobState::Failed, false) => {
                        return Err(ActionError::Failed {
                            target,
                            job: Box::new(job),
                        });
                    }
                    (JobState::Canceled, false) => {
                        return Err(ActionError::Canceled {
                            target,
                            job: Box::new(job),
                        });
                    }
                    (JobState::Succeeded | JobState::Failed, true) => {
                        return Err(ActionError::NotCanceled {
                            target,
                            job: Box::new(job),
                        });
                    }
                }
            }
            let waited = started.elapsed();
            if waited + self.poll > self.timeout {
                return Err(ActionError::Timeout {
                    target: follow.target,
                    last_status,
                    waited,
                });
            }
            tokio::time::sleep(self.poll).await;
        }
    }
}

/// The application id of a backup image, to find the job of an unlabelled action.
async fn application_of(
    client: &Client,
    action: &str,
    backup_id: &str,
) -> Result<Option<String>, ActionError> {
    let backup = client
        .get_backup()
        .backup_id(backup_id)
        .send()
        .await
        .map_err(|source| ActionError::Api {
            step: format!("reading image {backup_id} before {action}"),
            source,
        })?
        .into_inner();
    Ok(backup
        .appid
        .clone()
        .or_else(|| backup.application.as_ref().and_then(|a| a.id.clone()))
        .filter(|id| !id.is_empty()))
}

/// How many jobs that matched before the action are remembered (and skipped).
const EXCLUDE_LIMIT: usize = 100;

/// Ids of the jobs matching `follow` before the action is sent.
async fn existing(client: &Client, follow: &Follow) -> Result<Vec<String>, ActionError> {
    let page = client
        .list_job_statuses()
        .filter(follow.filters.clone())
        .sort("queuedate:desc")
        .limit(EXCLUDE_LIMIT as i64)
        .send()
        .await
        .map_err(|source| ActionError::Api {
            step: format!("looking for earlier jobs of {}", follow.target),
            source,
        })?
        .into_inner();
    Ok(page.items.into_iter().filter_map(|j| j.id).collect())
}

/// The newest job matching `follow` that did not exist before the action: first in
/// `/jobstatus`, then in `/job`.
async fn find_job(client: &Client, follow: &Follow) -> Result<Option<types::JobRest>, ActionError> {
    let step = || format!("polling the job of {}", follow.target);
    let fresh = |id: &Option<String>| id.as_ref().is_none_or(|id| !follow.exclude.contains(id));
    let limit = follow.exclude.len() as i64 + 1;
    let statuses = client
        .list_job_statuses()
        .filter(follow.filters.clone())
        .sort("queuedate:desc")
        .limit(limit)
        .send()
        .await
        .map_err(|source| ActionError::Api {
            step: step(),
            source,
        })?
        .into_inner();
    if let Some(status) = statuses.items.into_iter().find(|j| fresh(&j.id)) {
        // `/jobstatus` rows and `/job` rows are the same JSON object under two schema names.
        let job = serde_json::to_value(status)
            .and_then(serde_json::from_value)
            .map_err(|e| ActionError::UnexpectedJob {
                target: follow.target.clone(),
                detail: e.to_string(),
            })?;
        return Ok(Some(job));
    }
    let running = client
        .list_jobs()
        .filter(follow.filters.clone())
        .sort("queuedate:desc")
        .limit(limit)
        .send()
        .await
        .map_err(|source| ActionError::Api {
            step: step(),
            source,
        })?
        .into_inner();
    Ok(running.items.into_iter().find(|j| fresh(&j.id)))
}

fn now_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0)
}

impl Client {
    /// Runs a backup now of application `application_id` (`POST /application/{id}/backup`) and
    /// follows its job. `body.policy` names the policy of the application's template (from
    /// `list_slas` filtered on `appid`, then `list_policies`); `backuptype` `log` or `DB` for
    /// databases.
    pub fn backup_now(
        &self,
        application_id: impl Into<String>,
        body: types::BackupNowRest,
    ) -> Action<'_> {
        Action::new(self, Request::BackupNow(application_id.into(), body))
    }

    /// Mounts backup image `backup_id` (`POST /backup/{id}/mount`, e.g. `host` plus options) and
    /// follows its job.
    pub fn mount_image(&self, backup_id: impl Into<String>, body: types::MountRest) -> Action<'_> {
        Action::new(self, Request::Mount(backup_id.into(), body))
    }

    /// Unmounts the mounted image `backup_id` (`POST /backup/{id}/unmount`; `delete: true` also
    /// deletes it) and follows the newest unmount job of its application.
    pub fn unmount_image(
        &self,
        backup_id: impl Into<String>,
        body: types::UnmountRest,
    ) -> Action<'_> {
        Action::new(self, Request::Unmount(backup_id.into(), body))
    }

    /// Restores from backup image `backup_id` (`POST /backup/{id}/restore`) and follows its job.
    pub fn restore_image(
        &self,
        backup_id: impl Into<String>,
        body: types::RestoreRest,
    ) -> Action<'_> {
        Action::new(self, Request::Restore(backup_id.into(), body))
    }

    /// Clones backup image `backup_id` (`POST /backup/{id}/clone`) and follows its job.
    pub fn clone_image(&self, backup_id: impl Into<String>, body: types::CloneRest) -> Action<'_> {
        Action::new(self, Request::Clone(backup_id.into(), body))
    }

    /// Expires backup image `backup_id` (`POST /backup/{id}/expire`, `force` even if in use) and
    /// follows the newest expiration job of its application.
    pub fn expire_image(&self, backup_id: impl Into<String>, force: bool) -> Action<'_> {
        Action::new(self, Request::Expire(backup_id.into(), force))
    }

    /// Cancels job `job_id` (`PUT /job/{id}` with `{"status":"cancel"}`) and follows it until it
    /// is canceled; a job that ends otherwise first gives [`ActionError::NotCanceled`].
    pub fn cancel_job_and_wait(&self, job_id: impl Into<String>) -> Action<'_> {
        Action::new(self, Request::Cancel(job_id.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_an_open_set() {
        assert_eq!(job_state(Some("succeeded")), JobState::Succeeded);
        assert_eq!(
            job_state(Some("Succeeded with warnings")),
            JobState::Succeeded
        );
        assert_eq!(job_state(Some("failed")), JobState::Failed);
        assert_eq!(job_state(Some("canceled")), JobState::Canceled);
        assert_eq!(job_state(Some("cancelled")), JobState::Canceled);
        for pending in ["queued", "initializing", "running", "notrun", "paused", ""] {
            assert_eq!(job_state(Some(pending)), JobState::Pending, "{pending}");
        }
        assert_eq!(job_state(None), JobState::Pending);
    }

    #[test]
    fn a_timeout_names_the_label_and_the_last_status() {
        let e = ActionError::Timeout {
            target: "mount label sdk-1".into(),
            last_status: Some("running".into()),
            waited: Duration::from_secs(3),
        };
        let text = e.to_string();
        assert!(text.contains("sdk-1") && text.contains("running"), "{text}");
    }

    #[test]
    fn a_failure_carries_the_console_message() {
        let job = types::JobRest {
            jobname: Some("Job_0080640".into()),
            status: Some("failed".into()),
            errorcode: Some("10023".into()),
            message: Some("no space left in the pool".into()),
            ..Default::default()
        };
        let text = ActionError::Failed {
            target: "mount label x".into(),
            job: Box::new(job),
        }
        .to_string();
        assert!(
            text.contains("Job_0080640") && text.contains("10023") && text.contains("no space"),
            "{text}"
        );
    }
}
