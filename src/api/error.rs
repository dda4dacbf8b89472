//! What can go wrong with a request to the content API, and what the reader is told.

use portal_core::i18n::fill;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The API says the document does not exist (404/410, or a static host's HTML fallback).
    NotFound,
    /// No answer: offline, DNS, CORS, connection reset.
    Network,
    /// The server failed (5xx).
    Server(u16),
    /// Any other non-success status.
    Http(u16),
    /// The body is not the document the contract describes.
    Decode(String),
    /// The reader left the page first; nothing is shown for it.
    Aborted,
    /// No answer within the time limit.
    Timeout,
}

impl ApiError {
    /// What the reader is told, in the page's language.
    pub fn message(&self) -> String {
        let t = crate::base::texts();
        match self {
            ApiError::NotFound => t.not_found_error.to_owned(),
            ApiError::Network => t.network_error.to_owned(),
            ApiError::Server(code) => fill(t.server_error, &[&code.to_string()]),
            ApiError::Http(code) => fill(t.http_error, &[&code.to_string()]),
            ApiError::Decode(_) => t.decode_error.to_owned(),
            ApiError::Aborted => t.aborted.to_owned(),
            ApiError::Timeout => t.timeout.to_owned(),
        }
    }
}

impl ApiError {
    /// A failure that leaves a prerendered page as it was served while the app takes it over,
    /// and is asked again quietly: every one but an answer about the document (not found) and
    /// the reader's own leaving (aborted).
    pub(super) fn keeps_page(&self) -> bool {
        !matches!(self, ApiError::NotFound | ApiError::Aborted)
    }

    /// Worth trying again by itself: the failure may be passing.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(super) fn transient(&self) -> bool {
        matches!(
            self,
            ApiError::Network | ApiError::Timeout | ApiError::Server(_)
        )
    }
}
