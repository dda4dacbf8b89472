//! One function per document of the contract.

use super::client::get;
use super::error::ApiError;
use portal_core::route::Route;
use portal_core::{Article, CategoryPage, Document, Home, InfoPage, Site, paths};
use web_sys::AbortSignal;

pub async fn site() -> Result<Site, ApiError> {
    get(Some(paths::site_doc()), None).await
}

pub async fn home(signal: Option<AbortSignal>) -> Result<Home, ApiError> {
    get(Route::Home.document(), signal.as_ref()).await
}

/// The page of a category route (`Route::Category`).
pub async fn category(route: Route, signal: Option<AbortSignal>) -> Result<CategoryPage, ApiError> {
    get(route.document(), signal.as_ref()).await
}

/// The article of an article route (`Route::Article`).
pub async fn article(route: Route, signal: Option<AbortSignal>) -> Result<Article, ApiError> {
    get(route.document(), signal.as_ref()).await
}

/// One of the portal's own pages (`Route::About`).
pub async fn info_page(route: Route, signal: Option<AbortSignal>) -> Result<InfoPage, ApiError> {
    get(route.document(), signal.as_ref()).await
}

/// The document of a document route (`Route::Document`).
pub async fn document(route: Route, signal: Option<AbortSignal>) -> Result<Document, ApiError> {
    get(route.document(), signal.as_ref()).await
}

/// The consultations' list (`Route::Consultations`).
pub async fn consultations(
    route: Route,
    signal: Option<AbortSignal>,
) -> Result<portal_core::participation::Consultations, ApiError> {
    get(route.document(), signal.as_ref()).await
}

/// One consultation (`Route::Consultation`).
pub async fn consultation(
    route: Route,
    signal: Option<AbortSignal>,
) -> Result<portal_core::participation::Consultation, ApiError> {
    get(route.document(), signal.as_ref()).await
}

/// The published answers and the fields (`Route::Questions`, and the question form's fields).
pub async fn answers(
    _: (),
    signal: Option<AbortSignal>,
) -> Result<portal_core::participation::Answers, ApiError> {
    get(
        Some(portal_core::participation::answers_doc()),
        signal.as_ref(),
    )
    .await
}

/// One question and its answer (`Route::Answer`).
pub async fn answer(
    route: Route,
    signal: Option<AbortSignal>,
) -> Result<portal_core::participation::Answer, ApiError> {
    get(route.document(), signal.as_ref()).await
}
