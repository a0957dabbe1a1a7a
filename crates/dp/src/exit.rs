//! Exit codes and the command line's error: one clear line on stderr (plus its causes), an exit
//! code a script can branch on, never a secret.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | any other failure (an unexpected answer, a local I/O error...) |
//! | 2 | usage: a bad option or value, a missing setting, an invalid `--json-body` or profile |
//! | 3 | authentication refused (bad credentials, HTTP 401/403, even after one fresh login) |
//! | 4 | not found (HTTP 404) |
//! | 5 | transient failure after the retries (408, 429, 502, 503, 504, connection or timeout) |
//! | 6 | timeout: a followed job or task had not ended within `--timeout` |
//! | 7 | job failed: a followed job or task failed or was canceled |

use std::fmt;

use sdk_auth::CallError;

/// The documented exit codes of `dp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Code {
    /// 0: success.
    Ok,
    /// 1: any other failure.
    Other,
    /// 2: usage (the same code clap uses for a bad command line).
    Usage,
    /// 3: authentication refused.
    Auth,
    /// 4: the object does not exist.
    NotFound,
    /// 5: a transient failure that outlived the retries.
    Transient,
    /// 6: a followed job or task did not end in time.
    Timeout,
    /// 7: a followed job or task failed or was canceled.
    JobFailed,
}

impl Code {
    /// The process exit status.
    pub fn as_u8(self) -> u8 {
        match self {
            Code::Ok => 0,
            Code::Other => 1,
            Code::Usage => 2,
            Code::Auth => 3,
            Code::NotFound => 4,
            Code::Transient => 5,
            Code::Timeout => 6,
            Code::JobFailed => 7,
        }
    }
}

/// The exit codes as `--help` shows them.
pub const HELP: &str = "\
Exit codes:
  0  success
  1  other failure
  2  usage: bad option or value, missing setting, invalid --json-body or profile
  3  authentication refused (credentials, HTTP 401/403)
  4  not found (HTTP 404)
  5  transient failure after retries (408, 429, 502-504, connection, timeout)
  6  timeout: a followed job or task did not end within --timeout
  7  job failed: a followed job or task failed or was canceled";

/// A failure of a command: what to print and how to exit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    /// The exit code.
    pub code: Code,
    /// One line saying what went wrong.
    pub message: String,
    /// The causes, outermost first (printed as `caused by:` lines).
    pub causes: Vec<String>,
}

impl CliError {
    /// An error with `code` and `message`.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            causes: Vec::new(),
        }
    }

    /// A usage error (exit code 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Code::Usage, message)
    }

    /// Any other failure (exit code 1).
    pub fn other(message: impl Into<String>) -> Self {
        Self::new(Code::Other, message)
    }

    /// Adds a cause line.
    pub fn caused_by(mut self, cause: impl Into<String>) -> Self {
        self.causes.push(cause.into());
        self
    }

    /// Prefixes the message with what was being done (`logging in to ...`).
    pub fn context(mut self, what: impl fmt::Display) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }

    /// From a login or session error of `sdk-auth`.
    pub fn session(error: &sdk_auth::Error) -> Self {
        let code = if error.is_auth() {
            Code::Auth
        } else if error.is_transient() {
            Code::Transient
        } else if error.kind() == sdk_auth::ErrorKind::Config {
            Code::Usage
        } else {
            Code::Other
        };
        let mut e = Self::new(code, error.to_string());
        let chain = sdk_auth::chain(error);
        let top = error.to_string();
        for cause in chain.strip_prefix(&top).unwrap_or("").split(": ") {
            if !cause.trim().is_empty() {
                e.causes.push(cause.trim().to_string());
            }
        }
        e
    }

    /// From a generated call's error: the code from [`CallError`]'s predicates, the message from
    /// the status and a bounded excerpt of the API's error body.
    pub fn call<E: serde::Serialize + fmt::Debug>(error: &progenitor_client::Error<E>) -> Self {
        let code = call_code(error);
        let message = match error {
            progenitor_client::Error::ErrorResponse(rv) => {
                let body = serde_json::to_string(rv.as_ref()).unwrap_or_default();
                let status = rv.status();
                if body.is_empty() || body == "null" {
                    format!("the API answered {status}")
                } else {
                    format!("the API answered {status}: {}", bounded(&body, 400))
                }
            }
            progenitor_client::Error::Custom(_) => match error.session_error() {
                Some(f) => f.message,
                None => error.to_string(),
            },
            progenitor_client::Error::UnexpectedResponse(r) => {
                format!("unexpected answer {} from the API", r.status())
            }
            progenitor_client::Error::InvalidRequest(what) => {
                return Self::usage(format!("invalid request: {what}"));
            }
            other => bounded(&other.to_string(), 400),
        };
        let mut e = Self::new(code, message);
        let mut source = std::error::Error::source(error);
        while let Some(s) = source {
            e.causes.push(bounded(&s.to_string(), 400));
            source = s.source();
        }
        e
    }
}

fn call_code<E>(error: &progenitor_client::Error<E>) -> Code {
    if error.is_auth() {
        Code::Auth
    } else if error.is_not_found() {
        Code::NotFound
    } else if error.is_transient() {
        Code::Transient
    } else {
        Code::Other
    }
}

/// `text` cut to at most `max` characters (an ellipsis marks the cut).
pub fn bounded(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.message)?;
        for cause in &self.causes {
            write!(f, "\n  caused by: {cause}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CliError {}

impl<E: serde::Serialize + fmt::Debug> From<progenitor_client::Error<E>> for CliError {
    fn from(error: progenitor_client::Error<E>) -> Self {
        Self::call(&error)
    }
}

impl From<sdk_auth::Error> for CliError {
    fn from(error: sdk_auth::Error) -> Self {
        Self::session(&error)
    }
}

impl From<std::io::Error> for CliError {
    fn from(error: std::io::Error) -> Self {
        Self::other(format!("I/O error: {error}"))
    }
}

impl<E: serde::Serialize + fmt::Debug> From<mgmt_sdk::CountError<E>> for CliError {
    fn from(error: mgmt_sdk::CountError<E>) -> Self {
        match error {
            mgmt_sdk::CountError::Request(e) => Self::call(&e),
            mgmt_sdk::CountError::MissingHeader { operation, status } => Self::other(format!(
                "{operation}: the answer ({status}) has no count header"
            )),
            mgmt_sdk::CountError::NotANumber { operation, value } => Self::other(format!(
                "{operation}: the count header `{value}` is not a number"
            )),
        }
    }
}

impl From<mgmt_sdk::ActionError> for CliError {
    fn from(error: mgmt_sdk::ActionError) -> Self {
        let code = match &error {
            mgmt_sdk::ActionError::Timeout { .. } => Code::Timeout,
            mgmt_sdk::ActionError::Failed { .. }
            | mgmt_sdk::ActionError::Canceled { .. }
            | mgmt_sdk::ActionError::NotCanceled { .. } => Code::JobFailed,
            mgmt_sdk::ActionError::InvalidInput(_) => Code::Usage,
            mgmt_sdk::ActionError::Api { source, .. } => call_code(source),
            _ => Code::Other,
        };
        match &error {
            mgmt_sdk::ActionError::Api { step, source } => {
                let inner = Self::call(source);
                Self {
                    code,
                    message: format!("{step} failed: {}", inner.message),
                    causes: inner.causes,
                }
            }
            _ => Self::new(code, error.to_string()),
        }
    }
}

impl From<ddmc_sdk::tasks::WaitError> for CliError {
    fn from(error: ddmc_sdk::tasks::WaitError) -> Self {
        match error {
            ddmc_sdk::tasks::WaitError::Api(e) => Self::call(&e),
            other => Self::new(Code::Timeout, other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_documented() {
        let all = [
            Code::Ok,
            Code::Other,
            Code::Usage,
            Code::Auth,
            Code::NotFound,
            Code::Transient,
            Code::Timeout,
            Code::JobFailed,
        ];
        let mut seen = std::collections::BTreeSet::new();
        for c in all {
            assert!(seen.insert(c.as_u8()), "{c:?} reuses a code");
            assert!(
                HELP.contains(&format!("  {}  ", c.as_u8())),
                "{c:?} is not in the help"
            );
        }
    }

    #[test]
    fn bounded_cuts_long_text() {
        assert_eq!(bounded("abc", 5), "abc");
        assert_eq!(bounded("abcdef", 3), "abc…");
    }
}
