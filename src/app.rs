//! The apps' roots: shared data, the router, the dispatch of an address to its page, the frame.
//! Which kind an address is, and which app shows it, is the route table's answer
//! (`portal_core::route::table`); each app lists only its own pages, so no app carries another's.

use crate::api::{self, DocumentResource};
use crate::base::{base_path, route_path_of};
use crate::components::connectivity::{ConnectionNotice, provide_online};
use crate::components::later::Later;
use crate::components::shell::{Header, SiteData, SiteFooter};
use crate::nav;
use crate::routes::{
    about::AboutPage, answer::AnswerPage, article::ArticlePage, ask::AskPage,
    category::CategoryView, consultation::ConsultationPage, consultations::ConsultationsPage,
    document::DocumentPage, embed::SnippetBuilder, home::HomePage, not_found::NotFound,
    offline::OfflinePage, question_status::QuestionStatusPage, questions::QuestionsPage,
    register::RegisterPage, search::SearchPage,
};
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;
use portal_core::route::{App, Kind, Route};

/// What every page of every app shares: the history listeners, the site document, the online state.
fn provide_shared(app: App) {
    nav::init(app);
    let site = DocumentResource::new(|| (), |_, _| api::site());
    provide_context(SiteData {
        site,
        alternates: RwSignal::new(Vec::new()),
    });
    provide_online();
    // The page's language, for a page the prerender did not write.
    if let Some(root) = crate::base::document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", crate::base::lang().code());
    }
}

/// The portal (`index.html`): home, categories, articles.
#[component]
pub fn PortalApp() -> impl IntoView {
    provide_shared(App::Portal);
    view! { <Frame app=App::Portal pages=portal_pages /> }
}

fn portal_pages(kind: Kind, route: Memo<Route>) -> Option<AnyView> {
    Some(match kind {
        Kind::Home => view! { <HomePage /> }.into_any(),
        Kind::Category => view! { <CategoryView route=route /> }.into_any(),
        Kind::Article => view! { <ArticlePage route=route /> }.into_any(),
        _ => return None,
    })
}

/// The look-up app (`lookup.html`): search, the legal documents register and its documents, the
/// portal's own pages. Its own bundle, so readers of the portal never download the index
/// readers, the result lists, the document and page views.
#[component]
pub fn LookupApp() -> impl IntoView {
    provide_shared(App::Lookup);
    arrived();
    view! { <Frame app=App::Lookup pages=lookup_pages /> }
}

fn lookup_pages(kind: Kind, route: Memo<Route>) -> Option<AnyView> {
    Some(match kind {
        Kind::Search => view! { <SearchPage route=route /> }.into_any(),
        Kind::Register => view! { <RegisterPage route=route /> }.into_any(),
        Kind::Document => view! { <DocumentPage route=route /> }.into_any(),
        Kind::About => view! { <AboutPage route=route /> }.into_any(),
        Kind::Offline => view! { <OfflinePage /> }.into_any(),
        _ => return None,
    })
}

/// Citizens writing to the city (`participation.html`): the consultations and the questions with
/// their forms, drafts and sending, in a bundle of their own so that search and the register
/// (the look-up app) do not carry them.
#[component]
pub fn ParticipationApp() -> impl IntoView {
    provide_shared(App::Participation);
    arrived();
    view! { <Frame app=App::Participation pages=participation_pages /> }
}

fn participation_pages(kind: Kind, route: Memo<Route>) -> Option<AnyView> {
    Some(match kind {
        Kind::Consultations => view! { <ConsultationsPage route=route /> }.into_any(),
        Kind::Consultation => view! { <ConsultationPage route=route /> }.into_any(),
        Kind::Questions => view! { <QuestionsPage route=route /> }.into_any(),
        Kind::Ask => view! { <AskPage /> }.into_any(),
        Kind::QuestionStatus => view! { <QuestionStatusPage route=route /> }.into_any(),
        Kind::Answer => view! { <AnswerPage route=route /> }.into_any(),
        _ => return None,
    })
}

/// The snippet builder (`snippet-builder.html`, `/nhung`) for district webmasters. The widgets
/// themselves are a page without wasm (`tin.html`, `public/widget.js`).
#[component]
pub fn SnippetBuilderApp() -> impl IntoView {
    provide_shared(App::SnippetBuilder);
    view! { <Frame app=App::SnippetBuilder pages=builder_pages /> }
}

fn builder_pages(kind: Kind, _: Memo<Route>) -> Option<AnyView> {
    (kind == Kind::SnippetBuilder).then(|| view! { <SnippetBuilder /> }.into_any())
}

/// The router (its links and history) around the frame and the page of the address.
#[component]
fn Frame(app: App, pages: fn(Kind, Memo<Route>) -> Option<AnyView>) -> impl IntoView {
    view! {
        <Later>
            <Router base=base_path()>
                <Later>
                    <Shell>
                        <Later>
                            <Pages app=app pages=pages />
                        </Later>
                    </Shell>
                </Later>
            </Router>
        </Later>
    }
}

/// The page of the router's address: the table's kind, shown by this app's page for it, which is
/// handed its route. A page stays while the address keeps its kind (a category's next page, the
/// register's filters) and follows its route; another kind is another page. A kind another app
/// shows is a page load ([`Reload`]).
#[component]
fn Pages(app: App, pages: fn(Kind, Memo<Route>) -> Option<AnyView>) -> impl IntoView {
    let location = use_location();
    let parsed = move || {
        Route::parse(
            &route_path_of(&location.pathname.read()),
            &location.search.read(),
        )
    };
    // A click on a link ends with the router's work; the new page renders in a task of its own.
    let route = crate::base::in_next_task(parsed);
    let kind = Memo::new(move |_| route.with(Route::kind));
    // The router puts a new address in the address bar once its routes say the page is there
    // (what leptos_router's FlatRoutes does): after this dispatch has rendered it.
    #[cfg(target_arch = "wasm32")]
    if let Some(url) = use_context::<leptos_router::location::BrowserUrl>() {
        Effect::new(move |_| {
            route.track();
            leptos_router::location::LocationProvider::ready_to_complete(&url);
        });
    }
    move || {
        let kind = kind.get();
        // This kind's route: it does not change to another kind's while this page goes.
        let own = Memo::new(move |prev: Option<&Route>| {
            let now = route.get();
            match prev {
                Some(prev) if now.kind() != kind => prev.clone(),
                _ => now,
            }
        });
        if kind != Kind::NotFound && kind.spec().app != app {
            return view! { <Reload /> }.into_any();
        }
        pages(kind, own).unwrap_or_else(|| view! { <NotFound /> }.into_any())
    }
}

/// Set while an app reloads an address for the host to serve another app: finding it set for
/// the same address means the host served this app again (no mapping for it), and a second
/// reload would loop.
const RELOADING: &str = "portal-reloading";

/// An app reached by [`Reload`]'s page load has started: the host served the right app, so the
/// next reload of this address is not a loop.
fn arrived() {
    if let Some(s) = crate::base::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.remove_item(RELOADING);
    }
}

/// Another app's page reached inside this one (Back across apps): a page load, for the host to
/// serve that app.
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

/// The portal's frame around a page: skip link, header, `<main>`, footer, live region.
#[component]
fn Shell(children: Children) -> impl IntoView {
    view! {
        // nav::links turns it into a jump to <main> that moves focus there.
        <a class="skip-link" href="#main">{crate::base::texts().skip_link}</a>
        <Later>
            <Header />
        </Later>
        <main id="main" class="site-main" tabindex="-1">
            {children()}
        </main>
        <Later>
            <SiteFooter />
        </Later>
        <ConnectionNotice />
        <div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
    }
}
