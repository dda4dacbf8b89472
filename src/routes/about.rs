//! `/gioi-thieu[/<slug>]` (`/en/about[/<slug>]`): the portal's own pages — introduction,
//! organisation, leaders, departments and districts, contacts.

use crate::api::{self, DocumentResource};
use crate::base::{lang, site_link, texts};
use crate::components::meta::page_meta_with;
use crate::components::status::ListSkeleton;
use crate::components::tools::PageTools;
use crate::nav;
use crate::routes::article::ArticleBody;
use crate::routes::category::Breadcrumb;
use crate::routes::state::unless_loaded;
use leptos::prelude::*;
use portal_core::InfoPage;
use portal_core::route::Route;

/// `/<section>`, `/<section>/<slug>`: the portal's own pages ([`Route::About`]).
#[component]
pub fn AboutPage(route: Memo<Route>) -> impl IntoView {
    let data = DocumentResource::new(move || route.get(), api::info_page);
    let retry = Callback::new(move |_| data.refetch());
    move || {
        unless_loaded(
            data.get(),
            || view! { <div class="container page"><ListSkeleton rows=2 /></div> }.into_any(),
            true,
            retry,
        )
        .map(|page| view! { <AboutView page=page section=data.key() /> }.into_any())
        .unwrap_or_else(|shown| shown)
    }
}

#[component]
fn AboutView(page: InfoPage, section: Route) -> impl IntoView {
    let t = texts();
    nav::announce_page(page.title.clone());
    page_meta_with(
        page.title.clone(),
        if page.lead.is_empty() {
            page.title.clone()
        } else {
            page.lead.clone()
        },
        page.alternates.clone(),
    );
    // The section's first page leads the trail on the others.
    let trail = match &section {
        Route::About { section, slug } if section != slug => page
            .section
            .first()
            .map(|first| vec![(site_link(&first.path), first.title.clone())])
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let here = section.href().map(|h| lang().route(&h));
    let pages = (page.section.len() > 1).then(|| {
        view! {
            <nav class="section-nav no-print" aria-labelledby="section-nav-title">
                <h2 id="section-nav-title" class="section-title">{t.in_this_section}</h2>
                <ul>
                    {page
                        .section
                        .iter()
                        .map(|p| {
                            let current = (Some(&p.path) == here.as_ref()).then_some("page");
                            view! { <li><a href=site_link(&p.path) aria-current=current>{p.title.clone()}</a></li> }
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
        .into_any()
    });
    let updated = page.updated.map(|u| {
        view! {
            <p class="article-meta">
                {t.page_updated} <time datetime=u.to_rfc3339()>{u.date_in(lang())}</time>
            </p>
        }
        .into_any()
    });
    // Erased views keep the page's type shallow enough for the native (prerender) build.
    let crumbs = view! { <Breadcrumb trail=trail current=page.title.clone() /> }.into_any();
    view! {
        <div class="container page info-page">
            {crumbs}
            <div class="info-layout">
                <article class="article" aria-labelledby="article-title">
                    <header class="article-header">
                        <h1 id="article-title">{page.title.clone()}</h1>
                        {updated}
                        <PageTools what=t.page />
                    </header>
                    {(!page.lead.is_empty()).then(|| view! { <p class="article-lead">{page.lead.clone()}</p> })}
                    <ArticleBody html=page.body_html.clone() />
                </article>
                {pages}
            </div>
        </div>
    }
}
