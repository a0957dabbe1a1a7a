//! What only generated code calls: the three hooks of every generated client and the decoder
//! that replaces progenitor's `ResponseValue::from_response`. Not part of the documented API.

use std::sync::Arc;

use progenitor_client::{Error as CallError, ResponseValue};
use reqwest::{Request, Response, StatusCode};
use serde::de::DeserializeOwned;

use crate::call_error::to_custom;
use crate::error::ErrorKind;
use crate::error::excerpt;
use crate::session::CallContext;
use crate::transport::{DEFAULT_MAX_BODY_SIZE, Transport};
use crate::{Error, Session};

pub use crate::lenient::{Lenient, lenient};
pub use crate::password::header_value as password_header;

/// How much of a body an error quotes (decode failures, non-JSON error pages).
const EXCERPT_BYTES: usize = 256;

/// How much of a non-JSON error page is read (it is only quoted).
const MAX_ERROR_PAGE: u64 = 64 * 1024;

/// The `pre` hook: logs in if needed and adds the credential.
pub async fn pre<E>(
    session: &Session,
    request: &mut Request,
    operation_id: &str,
) -> Result<(), CallError<E>> {
    session
        .authorize(request, operation_id)
        .await
        .map_err(|e| to_custom(&e))
}

/// The `exec` hook: sends through the session (retries, re-login, redirects, limits).
pub async fn exec(
    session: &Session,
    request: Request,
    operation_id: &'static str,
    safe_to_retry: bool,
) -> reqwest::Result<Response> {
    session.execute(request, operation_id, safe_to_retry).await
}

/// The `post` hook: a session failure marked on the answer (refused re-login, redirect to
/// another origin, `Retry-After` beyond the policy, a non-JSON error page) becomes the call's
/// error, and so does a transport failure, with its root cause in the message.
pub async fn post<E>(
    session: &Session,
    result: &reqwest::Result<Response>,
    operation_id: &str,
) -> Result<(), CallError<E>> {
    match result {
        Ok(response) => match response
            .extensions()
            .get::<CallContext>()
            .and_then(|c| c.failure.as_ref())
        {
            Some(failure) => Err(to_custom_for(operation_id, failure)),
            None => Ok(()),
        },
        Err(e) => {
            let url = e
                .url()
                .map(|u| {
                    let mut u = u.clone();
                    u.set_query(None);
                    u.to_string()
                })
                .unwrap_or_else(|| format!("{} ({operation_id})", session.base_url()));
            Err(crate::call_error::transport_custom(
                session.vendor(),
                &url,
                e,
            ))
        }
    }
}

/// A session failure as the error of the call `operation_id`: a failed re-login names the call
/// it happened in.
fn to_custom_for<E>(operation_id: &str, failure: &Error) -> CallError<E> {
    match failure.kind() {
        ErrorKind::InvalidCredentials
        | ErrorKind::LoginFailed
        | ErrorKind::LoginResponse
        | ErrorKind::TokenSource => match to_custom::<E>(failure) {
            CallError::Custom(text) => CallError::Custom(format!(
                "{operation_id}: the credentials expired and logging in again failed: {text}"
            )),
            other => other,
        },
        _ => to_custom(failure),
    }
}

/// Decodes a JSON answer (replaces progenitor's `ResponseValue::from_response`): reads at most
/// the session's body limit, and quotes at most a bounded excerpt of a body that does not decode.
pub async fn from_response<T: DeserializeOwned, E>(
    response: Response,
) -> Result<ResponseValue<T>, CallError<E>> {
    // The reading is not generic, so it is compiled once rather than once per response type.
    let (status, headers, full) = match read_answer(response).await {
        Answer::Body(status, headers, full) => (status, headers, full),
        Answer::TooLarge(too_large) => return Err(to_custom(&too_large)),
        Answer::Failed(e) => return Err(CallError::ResponseBodyError(e)),
    };
    match serde_json::from_slice(&full) {
        Ok(inner) => Ok(ResponseValue::new(inner, status, headers)),
        Err(e) => Err(CallError::InvalidResponsePayload(
            full.slice(..full.len().min(EXCERPT_BYTES)),
            e,
        )),
    }
}

/// An answer's body read within the call's limit, or why it was not.
enum Answer {
    /// The status, headers and whole body.
    Body(StatusCode, reqwest::header::HeaderMap, bytes::Bytes),
    /// An [`Error::BodyTooLarge`].
    TooLarge(Error),
    /// The body could not be read.
    Failed(reqwest::Error),
}

async fn read_answer(response: Response) -> Answer {
    let (operation, limit) = response
        .extensions()
        .get::<CallContext>()
        .map(|c| (c.operation, c.max_body_size))
        .unwrap_or(("call", DEFAULT_MAX_BODY_SIZE));
    let status = response.status();
    let headers = response.headers().clone();
    match Transport::read_bounded(response, limit).await {
        Ok(Some(body)) => Answer::Body(status, headers, body),
        Ok(None) => Answer::TooLarge(Error::BodyTooLarge {
            operation: operation.to_string(),
            limit,
        }),
        Err(e) => Answer::Failed(e),
    }
}

/// Marks an answer for the `post` hook and the decoder: the call's context, and for an error
/// status whose body is not JSON an [`Error::UnexpectedBody`] (status, operation, excerpt).
pub(crate) async fn mark(
    response: Response,
    mut context: CallContext,
    attempts: u32,
) -> reqwest::Result<Response> {
    let status = response.status();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let json = content_type.as_deref().is_some_and(|t| t.contains("json"));
    if context.failure.is_some() || !(status.is_client_error() || status.is_server_error()) || json
    {
        return Ok(with_context(response, context));
    }
    let version = response.version();
    let headers = response.headers().clone();
    let body = read_prefix(response, MAX_ERROR_PAGE).await?;
    if content_type.is_none() && serde_json::from_slice::<serde_json::Value>(&body).is_ok() {
        // JSON without a content type: let the generated code decode it.
        return Ok(rebuilt(status, version, headers, body, context));
    }
    context.failure = Some(Arc::new(Error::UnexpectedBody {
        operation: context.operation.to_string(),
        status: status.as_u16(),
        attempts,
        content_type: content_type.unwrap_or_else(|| "no content type".into()),
        excerpt: excerpt(&body[..body.len().min(EXCERPT_BYTES * 4)], 200),
    }));
    Ok(rebuilt(status, version, headers, body, context))
}

fn with_context(mut response: Response, context: CallContext) -> Response {
    response.extensions_mut().insert(context);
    response
}

/// The first `limit` bytes of a body (the rest is not read).
async fn read_prefix(mut response: Response, limit: u64) -> reqwest::Result<bytes::Bytes> {
    let mut body = bytes::BytesMut::new();
    while (body.len() as u64) < limit {
        match response.chunk().await? {
            Some(chunk) => body.extend_from_slice(&chunk),
            None => break,
        }
    }
    body.truncate(limit as usize);
    Ok(body.freeze())
}

fn rebuilt(
    status: StatusCode,
    version: reqwest::Version,
    headers: reqwest::header::HeaderMap,
    body: bytes::Bytes,
    context: CallContext,
) -> Response {
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    *response.version_mut() = version;
    *response.headers_mut() = headers;
    response.extensions_mut().insert(context);
    Response::from(response)
}
