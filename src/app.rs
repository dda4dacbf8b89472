//! The app root: shared data, the frame and the routes.

use crate::api;
use crate::components::connectivity::ConnectionNotice;
use crate::components::shell::{Header, SiteData, SiteFooter, use_site};
use crate::router::{self, segments, use_location};
use crate::routes::{
    article::ArticlePage, category::CategoryView, embed::EmbedBuilder, home::HomePage,
    not_found::NotFound, widget::WidgetView,
};
use leptos::prelude::*;

/// The router base: the path of `<base href>` without its trailing slash ("" at the site root), so
/// a build deployed under a sub-path (`trunk build --public-url /portal/`) routes correctly.
fn router_base() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|b| web_sys::Url::new(&b).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_owned()
}

thread_local! {
    static BASE_PATH: String = router_base();
}

/// The router base ("" at the site root, `/cong` under `--public-url /cong/`), read once.
pub fn base_path() -> String {
    BASE_PATH.with(Clone::clone)
}

/// A portal route as an `href`: with the deployment's sub-path in front (`/thoi-su` becomes
/// `/cong/thoi-su` under `--public-url /cong/`), which `<A>` does not add by itself.
pub fn link(route: &str) -> String {
    BASE_PATH.with(|base| {
        if base.is_empty() {
            route.to_owned()
        } else {
            format!("{base}{route}")
        }
    })
}

/// What every page of both apps shares: the site document, the online state.
fn provide_shared() {
    let site = api::Load::new(api::site);
    provide_context(SiteData(site));
    crate::components::connectivity::provide_online();
}

/// The portal: home, categories, articles. Widgets and the snippet builder are another app
/// ([`WidgetApp`], `src/bin/nhung.rs`), so portal readers never download them; links between the
/// two are page loads (`nav::init`).
#[component]
pub fn App() -> impl IntoView {
    router::provide();
    provide_shared();
    let location = use_location();
    // By the number of path segments: `/`, `/:category`, `/:category/:article`. A page stays
    // mounted while only its parameters change (article to article), as with leptos_router.
    let page = Memo::new(move |_| segments(&location.pathname.read()).len().min(3));
    view! {
        <Shell>
            {move || match page.get() {
                0 => view! { <HomePage /> }.into_any(),
                1 => view! { <CategoryView /> }.into_any(),
                2 => view! { <ArticlePage /> }.into_any(),
                _ => view! { <NotFound /> }.into_any(),
            }}
        </Shell>
    }
}

/// The widget app (`nhung.html`): widget views for district sites (`/nhung/<kind>`) and the snippet
/// builder (`/nhung`) for their webmasters.
#[component]
pub fn WidgetApp() -> impl IntoView {
    router::provide();
    provide_shared();
    view! { <WidgetFrame /> }
}

#[component]
fn WidgetFrame() -> impl IntoView {
    let location = use_location();
    // `/nhung/:kind`: a widget, living inside another site's page, so without the portal's
    // chrome. `/nhung`: the snippet builder. Nothing else is this app's.
    let page = Memo::new(
        move |_| match segments(&location.pathname.read()).as_slice() {
            [app, _kind] if app == "nhung" => 0,
            [app] if app == "nhung" => 1,
            _ => 2,
        },
    );
    move || match page.get() {
        0 => view! {
            <main class="widget-main">
                <WidgetView />
            </main>
        }
        .into_any(),
        1 => view! {
            <Shell>
                <EmbedBuilder />
            </Shell>
        }
        .into_any(),
        _ => view! {
            <Shell>
                <NotFound />
            </Shell>
        }
        .into_any(),
    }
}

/// The portal's frame around a page: skip link, header, `<main>`, footer, live region.
#[component]
fn Shell(children: Children) -> impl IntoView {
    view! {
        // The router turns it into a jump to <main> and moves focus there (router::jump).
        <a class="skip-link" href="#main">"Bỏ qua để tới nội dung chính"</a>
        <Header />
        <main id="main" class="site-main" tabindex="-1">
            {children()}
        </main>
        <SiteFooter />
        <ConnectionNotice />
        <div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
    }
}

/// Document title (`<page> – <portal>`) and meta description of a route.
pub fn page_meta(title: impl Into<String>, description: impl Into<String>) {
    let (title, description) = (title.into(), description.into());
    let site = use_site();
    let full = move || {
        let portal = site()
            .map(|s| s.short_name.unwrap_or(s.name))
            .unwrap_or_default();
        if portal.is_empty() || portal == title {
            title.clone()
        } else {
            format!("{title} – {portal}")
        }
    };
    // Set directly rather than through leptos_meta (−4.9 KB gzip of wasm): every route has one.
    Effect::new(move |_| {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        doc.set_title(&full());
        // index.html's own description (for readers and crawlers that never run the app) is the one
        // updated, so there is always exactly one.
        if let Ok(Some(m)) = doc.query_selector("meta[name='description']") {
            let _ = m.set_attribute("content", &description);
        }
    });
}
