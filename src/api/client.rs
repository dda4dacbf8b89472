//! Requests to the content API: where it lives (the API base), fetching a document and decoding it
//! with the contract's types; natively, the prerender's reader instead of the network.

use super::error::ApiError;
#[cfg(target_arch = "wasm32")]
use super::http;
use crate::base::{absolute, meta_content};
use portal_core::{decode, paths};
use serde::de::DeserializeOwned;
use web_sys::AbortSignal;

thread_local! {
    /// The API base: `<meta name="portal-api-base" content="…">` resolved against the document's
    /// base URL, so one build serves any deployment (edit the meta tag, not the wasm).
    static BASE: String = absolute(
        &meta_content("portal-api-base")
            .filter(|c| !c.trim().is_empty())
            .unwrap_or_else(|| paths::API_BASE.to_owned()),
    );
}

/// The URL of a document (a path relative to the API base) in the page's language: English
/// documents are under `en/` (`Lang::doc`).
pub fn document_url(doc: &str) -> String {
    BASE.with(|base| paths::join(base, &crate::base::lang().doc(doc)))
}

/// An address the API names (absolute, or relative to the API base, like `site.json`'s search
/// endpoint), resolved as a browser would.
pub fn api_href(href: &str) -> String {
    BASE.with(|base| paths::resolve(&format!("{}/", base.trim_end_matches('/')), href))
        .unwrap_or_else(|| document_url(href))
}

/// Decodes a body with the contract's types: parsed by the browser's `JSON.parse` (no JSON parser
/// in the wasm), read through serde-wasm-bindgen; natively (the prerender) by serde_json. Items of
/// a list that fail are left out and logged, so one bad card never costs the whole page.
pub fn decode_text<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    // Only the decoding itself is generic: what comes before and after is compiled once.
    #[cfg(target_arch = "wasm32")]
    let decoded =
        decode::from_deserializer::<T, _>(serde_wasm_bindgen::Deserializer::from(parse(text)?))
            .map_err(invalid)?;
    #[cfg(not(target_arch = "wasm32"))]
    let decoded = decode::from_str::<T>(text).map_err(invalid)?;
    report(decoded.skipped);
    Ok(decoded.value)
}

/// The browser's parse of a document's text, its nesting bounded first.
#[cfg(target_arch = "wasm32")]
fn parse(text: &str) -> Result<wasm_bindgen::JsValue, ApiError> {
    decode::check_depth(text).map_err(invalid)?;
    js_sys::JSON::parse(text).map_err(|_| ApiError::Decode("not JSON".to_owned()))
}

fn invalid(e: decode::DecodeError) -> ApiError {
    ApiError::Decode(tidy(e).to_string())
}

fn report(skipped: Vec<decode::DecodeError>) {
    for skipped in skipped {
        leptos::logging::warn!("API document: item left out: {}", tidy(skipped));
    }
}

/// serde-wasm-bindgen's errors are JavaScript `Error`s, whose text starts with "Error: ".
fn tidy(mut e: decode::DecodeError) -> decode::DecodeError {
    if let Some(problem) = e.problem.strip_prefix("Error: ") {
        e.problem = problem.to_owned();
    }
    e
}

/// Fetches and decodes one document (a path relative to the API base). `None` (a slug that cannot
/// name a document) is "not found" without a request.
#[cfg(target_arch = "wasm32")]
pub async fn get<T: DeserializeOwned>(
    doc: Option<String>,
    signal: Option<&AbortSignal>,
) -> Result<T, ApiError> {
    let (url, text) = fetch(doc, signal).await?;
    let value = decode_text(&text)?;
    http::remember(url, text);
    Ok(value)
}

/// A document's URL and text (not generic: compiled once for every kind of document).
#[cfg(target_arch = "wasm32")]
async fn fetch(
    doc: Option<String>,
    signal: Option<&AbortSignal>,
) -> Result<(String, std::rc::Rc<str>), ApiError> {
    let url = document_url(&doc.ok_or(ApiError::NotFound)?);
    let text = http::fetch_text(&url, signal).await?;
    Ok((url, text))
}

/// The prerender's documents: read by [`set_source`]'s reader, and ready at once (the future never
/// waits), so a page renders with its content in one pass.
#[cfg(not(target_arch = "wasm32"))]
pub async fn get<T: DeserializeOwned>(
    doc: Option<String>,
    _signal: Option<&AbortSignal>,
) -> Result<T, ApiError> {
    let doc = crate::base::lang().doc(&doc.ok_or(ApiError::NotFound)?);
    decode_text(&read(&doc)?)
}

/// A document's text from [`set_source`]'s reader.
#[cfg(not(target_arch = "wasm32"))]
fn read(doc: &str) -> Result<String, ApiError> {
    SOURCE
        .with(|s| s.borrow().as_ref().map(|read| read(doc)))
        .ok_or(ApiError::Network)?
        .ok_or(ApiError::NotFound)
}

/// Runs `futures` at once (a search's shards, its results' records): their outputs in order, or
/// the first error. A few lines instead of `futures`' `try_join_all` (3 KB of wasm): the lists
/// are short, so polling every unfinished one on each wake-up costs nothing.
pub(super) async fn try_join<T, F>(futures: impl IntoIterator<Item = F>) -> Result<Vec<T>, ApiError>
where
    F: std::future::Future<Output = Result<T, ApiError>>,
{
    use std::task::Poll;
    let mut slots: Vec<(std::pin::Pin<Box<F>>, Option<T>)> =
        futures.into_iter().map(|f| (Box::pin(f), None)).collect();
    std::future::poll_fn(move |cx| {
        let mut waiting = false;
        for (future, out) in slots.iter_mut().filter(|s| s.1.is_none()) {
            match future.as_mut().poll(cx) {
                Poll::Ready(Ok(v)) => *out = Some(v),
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => waiting = true,
            }
        }
        if waiting {
            return Poll::Pending;
        }
        Poll::Ready(Ok(slots.iter_mut().filter_map(|s| s.1.take()).collect()))
    })
    .await
}

/// The text at `url` (an API URL), kept like a decoded document's: the search index's shards are
/// read term by term rather than decoded whole.
#[cfg(target_arch = "wasm32")]
pub(super) async fn text(
    url: &str,
    signal: Option<&AbortSignal>,
) -> Result<std::rc::Rc<str>, ApiError> {
    let text = http::fetch_text(url, signal).await?;
    http::remember(url.to_owned(), text.clone());
    Ok(text)
}

/// The text at `url`, not kept: for what its reader keeps in a form of its own (search tiers).
pub(super) async fn text_unkept(
    url: &str,
    signal: Option<&AbortSignal>,
) -> Result<std::rc::Rc<str>, ApiError> {
    #[cfg(target_arch = "wasm32")]
    return http::fetch_text(url, signal).await;
    #[cfg(not(target_arch = "wasm32"))]
    return text(url, signal).await;
}

/// The prerender's reader, for an API URL.
#[cfg(not(target_arch = "wasm32"))]
pub(super) async fn text(
    url: &str,
    _signal: Option<&AbortSignal>,
) -> Result<std::rc::Rc<str>, ApiError> {
    let doc = BASE.with(|base| {
        url.strip_prefix(base.as_str())
            .map(|d| d.trim_start_matches('/').to_owned())
    });
    read(&doc.ok_or(ApiError::NotFound)?).map(Into::into)
}

/// Reads a document's text by its path relative to the API base (`None`: the API does not have it).
#[cfg(not(target_arch = "wasm32"))]
pub type Source = Box<dyn Fn(&str) -> Option<String>>;

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static SOURCE: std::cell::RefCell<Option<Source>> = Default::default();
}

/// Where the prerender's documents come from (a folder, or a CMS's answers).
#[cfg(not(target_arch = "wasm32"))]
pub fn set_source(read: Source) {
    SOURCE.with(|s| *s.borrow_mut() = Some(read));
}
