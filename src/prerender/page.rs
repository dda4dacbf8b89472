//! One route rendered by the app's own components, natively: the body's markup and what the page
//! said about itself (title, description, not found).

use crate::app::{LookupApp, ParticipationApp, PortalApp};
use crate::components::meta::{Facts, PageFacts};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use portal_core::Lang;
use portal_core::route::{App, Route};

pub struct Rendered {
    /// The app's markup, as the browser app renders it once its documents are in.
    pub body: String,
    pub facts: Facts,
}

/// Renders `route` (relative to the base path, `/thoi-su/trang/2`, `/en/news`) in its language.
/// The documents come from `api::set_source`, read at once, so the page renders with its content
/// in one synchronous pass.
pub fn render(route: &str) -> Rendered {
    let path = route.split('?').next().unwrap_or_default();
    crate::base::set_lang(Lang::split(path).0);
    let owner = Owner::new();
    let rendered = owner.with(|| {
        let facts = PageFacts::default();
        provide_context(RequestUrl::new(&crate::base::site_link(route)));
        provide_context(facts.clone());
        // Each app renders its own routes (the table says whose).
        let body = match Route::app_of(path) {
            App::Lookup => view! { <LookupApp /> }.to_html(),
            App::Participation => view! { <ParticipationApp /> }.to_html(),
            _ => view! { <PortalApp /> }.to_html(),
        };
        Rendered {
            body,
            facts: facts.with(|f| f.clone()),
        }
    });
    owner.unset_with_forced_cleanup();
    rendered
}

/// The in-app routes a page links to (`href`s under the base path, in any language), in order,
/// without repeats.
pub fn links(body: &str) -> Vec<String> {
    let base = crate::base::site_link("");
    let mut out: Vec<String> = Vec::new();
    // Links, and forms' actions (the header's search form leads to the search page).
    let pieces = body
        .split("href=\"")
        .skip(1)
        .chain(body.split("action=\"").skip(1));
    for piece in pieces {
        let Some(end) = piece.find('"') else { continue };
        let href = piece[..end].replace("&amp;", "&");
        let href = href.split('#').next().unwrap_or_default();
        let Some(route) = href.strip_prefix(base.as_str()) else {
            continue;
        };
        if route.starts_with('/') && !route.starts_with("//") && !out.iter().any(|r| *r == route) {
            out.push(route.to_owned());
        }
    }
    out
}
