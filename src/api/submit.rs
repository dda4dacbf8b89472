//! The write half of the contract (docs/api.md, "Writing to the city"): one POST of what a citizen
//! sends, and the state of a sent question. Never retried by itself and never cached: the form
//! decides when to send again, always with the same idempotency key.

use super::client::api_href;
use super::error::ApiError;
#[cfg(target_arch = "wasm32")]
use portal_core::participation::submit::{Closed, Refused};
use portal_core::participation::submit::{
    FieldError, QuestionStatus, Receipt, question_status_endpoint,
};
use serde::Serialize;

/// Why a submission was not recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// 400: the fields the receiver refused.
    Refused(Vec<FieldError>),
    /// 409: the consultation closed (its closing date).
    Closed(String),
    /// 413.
    TooLarge,
    /// 429: seconds to wait.
    TooMany(u32),
    /// No answer, a timeout, a server failure, an answer that is not the contract's.
    Failed(ApiError),
}

/// `body` as JSON text: the browser's `JSON.stringify` (no JSON writer in the wasm); natively
/// (the prerender, which never sends) `None`.
pub fn to_json<T: Serialize>(body: &T) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    return body
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
        .and_then(|v| js_sys::JSON::stringify(&v).ok())
        .map(String::from);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = body;
        None
    }
}

/// Sends `json` (a submission, [`to_json`]) to `endpoint` (relative to the API base).
pub async fn send(endpoint: &str, json: String) -> Result<Receipt, SendError> {
    #[cfg(target_arch = "wasm32")]
    {
        let url = api_href(endpoint);
        let post = |abort: &web_sys::AbortSignal| {
            gloo_net::http::Request::post(&url)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .abort_signal(Some(abort))
                .body(json)
        };
        let reply = super::http::exchange(post, None)
            .await
            .map_err(SendError::Failed)?;
        match reply.status {
            200 | 201 if !reply.html => super::decode_text(&reply.text).map_err(SendError::Failed),
            400 => match super::decode_text::<Refused>(&reply.text) {
                Ok(r) if !r.errors.is_empty() => Err(SendError::Refused(r.errors)),
                _ => Err(SendError::Failed(ApiError::Http(400))),
            },
            409 => Err(SendError::Closed(
                super::decode_text::<Closed>(&reply.text)
                    .map(|c| c.closes)
                    .unwrap_or_default(),
            )),
            413 => Err(SendError::TooLarge),
            429 => Err(SendError::TooMany(
                reply
                    .retry_after
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(60),
            )),
            status @ 500..=599 => Err(SendError::Failed(ApiError::Server(status))),
            status => Err(SendError::Failed(ApiError::Http(status))),
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (endpoint, json, api_href);
        Err(SendError::Failed(ApiError::Network))
    }
}

/// A sent question's state by its reference: `Ok(None)` when no question has it (or it cannot be
/// a reference).
pub async fn question_status(reference: String) -> Result<Option<QuestionStatus>, ApiError> {
    let Some(endpoint) = question_status_endpoint(&reference) else {
        return Ok(None);
    };
    #[cfg(target_arch = "wasm32")]
    {
        let reply = super::http::get(&api_href(&endpoint), None).await?;
        match reply.status {
            200 if !reply.html => super::decode_text(&reply.text).map(Some),
            200 | 404 => Ok(None),
            status @ 500..=599 => Err(ApiError::Server(status)),
            status => Err(ApiError::Http(status)),
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = endpoint;
        Ok(None)
    }
}
