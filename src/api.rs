//! The typed client of the content API (contract v1, see docs/api.md).

use portal_core::{Article, CategoryPage, Home, Site, paths};
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Default API location, relative to the document's base URL so sub-path deployments work.
const DEFAULT_BASE: &str = "api/v1";
/// Documents kept in memory, so Back and repeated visits need no request.
const CACHE_ENTRIES: usize = 64;

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
}

impl ApiError {
    /// What the reader is told, in Vietnamese.
    pub fn message(&self) -> String {
        match self {
            ApiError::NotFound => "Không tìm thấy nội dung này.".to_owned(),
            ApiError::Network => {
                "Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại."
                    .to_owned()
            }
            ApiError::Server(code) => {
                format!("Máy chủ đang gặp sự cố (mã {code}). Vui lòng thử lại sau ít phút.")
            }
            ApiError::Http(code) => format!("Máy chủ từ chối yêu cầu (mã {code})."),
            ApiError::Decode(_) => {
                "Nội dung tạm thời không hiển thị được do dữ liệu không hợp lệ.".to_owned()
            }
        }
    }
}

/// Response bodies by URL, oldest evicted first once the bound is reached.
#[derive(Default)]
struct Cache {
    bodies: HashMap<String, Rc<str>>,
    order: VecDeque<String>,
}

thread_local! {
    static BASE: String = read_base();
    static CACHE: RefCell<Cache> = RefCell::default();
}

/// The API base: `<meta name="portal-api-base" content="…">` resolved against the document's base
/// URL, so one build serves any deployment (edit the meta tag, not the wasm).
fn read_base() -> String {
    let doc = web_sys::window().and_then(|w| w.document());
    let configured = doc
        .as_ref()
        .and_then(|d| {
            d.query_selector("meta[name='portal-api-base']")
                .ok()
                .flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::HtmlMetaElement>().ok())
        .map(|m| m.content())
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_BASE.to_owned());
    let base_uri = doc.and_then(|d| d.base_uri().ok().flatten());
    match base_uri.and_then(|b| web_sys::Url::new_with_base(&configured, &b).ok()) {
        Some(url) => url.href(),
        None => configured,
    }
}

pub fn base() -> String {
    BASE.with(Clone::clone)
}

fn cached(url: &str) -> Option<Rc<str>> {
    CACHE.with(|c| c.borrow().bodies.get(url).cloned())
}

fn remember(url: String, text: Rc<str>) {
    CACHE.with(|c| {
        let cache = &mut *c.borrow_mut();
        if cache.bodies.insert(url.clone(), text).is_none() {
            cache.order.push_back(url);
        }
        while cache.order.len() > CACHE_ENTRIES {
            if let Some(old) = cache.order.pop_front() {
                cache.bodies.remove(&old);
            }
        }
    });
}

async fn fetch_text(url: &str) -> Result<Rc<str>, ApiError> {
    if let Some(hit) = cached(url) {
        return Ok(hit);
    }
    let resp = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    let status = resp.status();
    match status {
        200..=299 => {}
        404 | 410 => return Err(ApiError::NotFound),
        500..=599 => return Err(ApiError::Server(status)),
        _ => return Err(ApiError::Http(status)),
    }
    // A static host with an SPA fallback answers a missing .json with index.html and 200.
    if resp
        .headers()
        .get("content-type")
        .is_some_and(|t| t.contains("text/html"))
    {
        return Err(ApiError::NotFound);
    }
    let text: Rc<str> = resp.text().await.map_err(|_| ApiError::Network)?.into();
    remember(url.to_owned(), text.clone());
    Ok(text)
}

/// Fetches and decodes one document (a path relative to the API base).
pub async fn get<T: DeserializeOwned>(doc: Option<String>) -> Result<T, ApiError> {
    let doc = doc.ok_or(ApiError::NotFound)?;
    let url = paths::join(&base(), &doc);
    let text = fetch_text(&url).await?;
    serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()))
}

pub async fn site() -> Result<Site, ApiError> {
    get(Some(paths::site_doc())).await
}

pub async fn home() -> Result<Home, ApiError> {
    get(Some(paths::home_doc())).await
}

pub async fn category(slug: &str, page: u32) -> Result<CategoryPage, ApiError> {
    get(paths::category_doc(slug, page)).await
}

pub async fn article(slug: &str) -> Result<Article, ApiError> {
    get(paths::article_doc(slug)).await
}

/// Resolves a content URL (absolute, or relative to the portal's base) for `src`/`href`.
pub fn asset_url(url: &str) -> String {
    url.to_owned()
}
