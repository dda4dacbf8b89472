//! The typed client of the content API (contract v1, see docs/api.md): one function per document,
//! decoded through the contract's serde types (`portal_core::decode`) from the browser's JSON.parse.

mod ahead;
mod client;
mod documents;
mod error;
mod http;
mod quiet;
mod register;
mod resource;
mod search;
mod shard;
mod submit;
mod tiers;

pub use ahead::{may_fetch_ahead, prefetch_link};
#[cfg(not(target_arch = "wasm32"))]
pub use client::{Source, set_source};
pub use client::{api_href, decode_text, document_url, get};
pub use documents::{
    answer, answers, article, category, consultation, consultations, document, home, info_page,
    site,
};
pub use error::ApiError;
pub use register::{Found, RegisterPage, found, register};
pub use resource::DocumentResource;
pub use search::search;
pub use submit::{SendError, question_status, send, to_json};
