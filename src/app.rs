//! The two apps' roots: shared data, the router and its route table, the frame.

use crate::api::{self, DocumentResource};
use crate::base::base_path;
use crate::components::connectivity::{ConnectionNotice, provide_online};
use crate::components::shell::{Header, SiteData, SiteFooter};
use crate::nav;
use crate::routes::{
    about::AboutPage, article::ArticlePage, category::CategoryView, document::DocumentPage,
    embed::EmbedBuilder, home::HomePage, not_found::NotFound, register::RegisterPage,
    search::SearchPage,
};
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;
use portal_core::route::App as Which;

/// What every page of both apps shares: the history listeners, the site document, the online state.
fn provide_shared(app: Which) {
    nav::init(app);
    let site = DocumentResource::new(|| (), |_, _| api::site());
    provide_context(SiteData(site, RwSignal::new(Vec::new())));
    provide_online();
    // The page's language, for a page the prerender did not write.
    if let Some(root) = crate::base::document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", crate::base::lang().code());
    }
}

/// The portal: home, categories, articles. Widgets and the snippet builder are another app
/// ([`WidgetApp`], `src/bin/nhung.rs`), so portal readers never download them; links between the
/// two are page loads (`nav::links`). The paths mirror `portal_core::route::Route`, which every
/// other part of the app asks.
#[component]
pub fn App() -> impl IntoView {
    provide_shared(Which::Portal);
    #[cfg(debug_assertions)]
    lookup_styles();
    view! {
        <Router base=base_path()>
            <Shell>
                <FlatRoutes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    // Before the category pages, whose pattern it would match.
                    <Route path=path!("/tim-kiem") view=SearchRoute />
                    <Route path=path!("/van-ban/*rest") view=RegisterRoute />
                    <Route path=path!("/gioi-thieu/*rest") view=AboutRoute />
                    <Route path=path!("/about/*rest") view=AboutRoute />
                    // First match wins: `/<category>/<article>` before the category's pages
                    // (`/<category>`, `/<category>/trang/<n>`; CategoryView reads the rest).
                    <Route path=path!("/:category/:article") view=ArticlePage />
                    <Route path=path!("/:category/*page") view=CategoryView />
                </FlatRoutes>
            </Shell>
        </Router>
    }
}

/// Search and the register are an app of their own in release builds ([`SearchApp`]): the portal
/// reaches them by page loads (`nav::links`, plain GET forms), and should it route there itself
/// (Back across apps) it reloads, for the host to serve that app. `trunk serve` builds the portal
/// alone, so its debug build shows their pages itself.
#[cfg(debug_assertions)]
use crate::routes::search::SearchPage as SearchRoute;

/// The look-up pages' styles (`style/lookup.css`, which `index.html` copies but does not link,
/// so release portal pages never load them), for `trunk serve`'s portal that shows those pages.
#[cfg(debug_assertions)]
fn lookup_styles() {
    if let Some(doc) = crate::base::document()
        && let (Ok(link), Some(head)) = (doc.create_element("link"), doc.head())
    {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &crate::base::site_link("/lookup.css"));
        let _ = head.append_child(&link);
    }
}

/// `/van-ban` and `/van-ban/<slug>` as one route (one fewer in the portal's table).
#[cfg(debug_assertions)]
#[component]
fn RegisterRoute() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    move || match params.read().get("rest").filter(|r| !r.is_empty()) {
        Some(_) => view! { <DocumentPage /> }.into_any(),
        None => view! { <RegisterPage /> }.into_any(),
    }
}

/// The portal's own pages, in either language's words (`paths::ABOUT`), from the address.
#[component]
fn AboutSection() -> impl IntoView {
    let section = portal_core::paths::about(crate::base::lang());
    view! { <AboutPage section=section /> }
}

#[cfg(debug_assertions)]
use AboutSection as AboutRoute;

/// Set while the portal reloads an address for the host to serve the look-up app: finding it
/// set for the same address means the host served the portal again (no mapping for it), and a
/// second reload would loop.
const RELOADING: &str = "portal-reloading";

#[cfg(not(debug_assertions))]
#[component]
fn Reload() -> impl IntoView {
    let w = crate::base::window();
    let here = w.as_ref().and_then(|w| w.location().href().ok());
    let storage = w.as_ref().and_then(|w| w.session_storage().ok().flatten());
    if let (Some(w), Some(here), Some(s)) = (&w, &here, &storage)
        && s.get_item(RELOADING).ok().flatten().as_ref() != Some(here)
    {
        let _ = s.set_item(RELOADING, here);
        let _ = w.location().reload();
        return ().into_any();
    }
    if let Some(s) = storage {
        let _ = s.remove_item(RELOADING);
    }
    view! { <NotFound /> }.into_any()
}

#[cfg(not(debug_assertions))]
use {Reload as AboutRoute, Reload as RegisterRoute, Reload as SearchRoute};

/// The look-up app (`tim-kiem.html`): search, the legal documents register and its documents, and
/// the portal's own pages in both languages, in the portal's frame. Its own bundle, so readers of
/// the portal never download the index readers, the result lists, the document and page views;
/// links between the two are page loads.
#[component]
pub fn SearchApp() -> impl IntoView {
    provide_shared(Which::Search);
    if let Some(s) = crate::base::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.remove_item(RELOADING);
    }
    view! {
        <Router base=base_path()>
            <Shell>
                <FlatRoutes fallback=NotFound>
                    <Route path=path!("/tim-kiem") view=SearchPage />
                    <Route path=path!("/van-ban") view=RegisterPage />
                    <Route path=path!("/van-ban/:slug") view=DocumentPage />
                    <Route path=path!("/gioi-thieu/*rest") view=AboutSection />
                    <Route path=path!("/about/*rest") view=AboutSection />
                </FlatRoutes>
            </Shell>
        </Router>
    }
}

/// The widget app (`nhung.html`): the snippet builder (`/nhung`) for district webmasters. The
/// widgets themselves are a page without wasm (`tin.html`, `public/widget.js`), which hosts serve
/// at `/nhung/<kind>`: a district reader downloads a few kilobytes, not an app.
#[component]
pub fn WidgetApp() -> impl IntoView {
    provide_shared(Which::Widgets);
    view! {
        <Router base=base_path()>
            <FlatRoutes fallback=|| view! { <Shell><NotFound /></Shell> }>
                <Route path=path!("/nhung") view=|| view! { <Shell><EmbedBuilder /></Shell> } />
            </FlatRoutes>
        </Router>
    }
}

/// The portal's frame around a page: skip link, header, `<main>`, footer, live region.
#[component]
fn Shell(children: Children) -> impl IntoView {
    view! {
        // nav::links turns it into a jump to <main> that moves focus there.
        <a class="skip-link" href="#main">{crate::base::texts().skip_link}</a>
        <Header />
        <main id="main" class="site-main" tabindex="-1">
            {children()}
        </main>
        <SiteFooter />
        <ConnectionNotice />
        <div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
    }
}
