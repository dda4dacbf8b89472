use crate::api::{self, DocumentResource};
use crate::base::{base_path, lang, link, texts};
use crate::components::cards::ArticleList;
use crate::components::files::Files;
use crate::components::meta::page_meta_with;
use crate::components::speech::ReadAloud;
use crate::components::status::ListSkeleton;
use crate::components::tools::{PageTools, SaveOffline};
use crate::routes::category::{Breadcrumb, crumbs};
use crate::routes::not_found::NotFound;
use crate::routes::state::unless_loaded;
use crate::{nav, sanitize};
use leptos::prelude::*;
use portal_core::legal::facts;
use portal_core::route::Route;
use portal_core::{Article, html};

/// `/<category>/<article>` ([`Route::Article`]).
#[component]
pub fn ArticlePage(route: Memo<Route>) -> impl IntoView {
    let data = DocumentResource::new(move || route.get(), api::article);
    let retry = Callback::new(move |_| data.refetch());
    move || match unless_loaded(
        data.get(),
        || view! { <ArticleSkeleton /> }.into_any(),
        true,
        retry,
    ) {
        // An article asked for under another category than its own is not this URL's page.
        Ok(a) if matches!(data.key(), Route::Article { category, .. } if a.category().is_some_and(|c| c.slug == category)) => {
            view! { <ArticleView article=a /> }.into_any()
        }
        Ok(_) => view! { <NotFound /> }.into_any(),
        Err(shown) => shown,
    }
}

/// Shaped like an article: breadcrumb, two-line title, meta line, lead, paragraphs.
#[component]
fn ArticleSkeleton() -> impl IntoView {
    view! {
        <div class="container page" aria-busy="true">
            <div class="skeleton-line w-40" aria-hidden="true"></div>
            <div class="article skeleton" aria-hidden="true">
                <div class="skeleton-heading"></div>
                <div class="skeleton-line w-40"></div>
                <div class="skeleton-line w-90"></div>
                <div class="skeleton-line w-75"></div>
                <div class="skeleton-block"></div>
            </div>
            <ListSkeleton rows=0 />
        </div>
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    nav::announce_page(article.title.clone());
    let (t, lang) = (texts(), lang());
    let full_trail = crumbs(&article.category_path);
    // The static parts are HTML text built in plain Rust (`portal_core::html`), as cards are: far
    // fewer bytes of wasm than reactive views for markup that never changes.
    let category_link = article.category().map(|c| {
        let html = html::category_link(c, t, &base_path());
        view! { <p class="article-category" inner_html=html></p> }
    });
    let meta = html::article_meta(&article.published, article.updated.as_ref(), lang, t);
    let related = (!article.related.is_empty()).then(|| {
        view! {
            <section class="related no-print" aria-labelledby="related-title">
                <h2 id="related-title" class="section-title">{t.related}</h2>
                <ArticleList articles=article.related.clone() />
            </section>
        }
    });
    let tags = (!article.tags.is_empty())
        .then(|| view! { <div class="tags" inner_html=html::tags(&article.tags, t)></div> });
    let attachments = (!article.attachments.is_empty())
        .then(|| view! { <Files files=article.attachments.clone() /> });
    // Its page in the register, in the page's language: another app (a page load, `nav::links`).
    let document = article.document.as_ref().map(|d| {
        let page = d
            .slug
            .as_ref()
            .and_then(|slug| Route::Document { slug: slug.clone() }.href())
            .map(|h| link(&h));
        let html = facts::for_article(d, page.as_deref(), lang);
        view! { <section class="document-facts" aria-label=t.document_facts inner_html=html></section> }
    });
    let author = (!article.author.is_empty())
        .then(|| view! { <p class="article-author">{article.author.clone()}</p> });
    page_meta_with(
        article.title.clone(),
        article.lead.clone(),
        article.alternates.clone(),
    );
    view! {
        <div class="container page">
            <Breadcrumb trail=full_trail current=article.title.clone() />
            <article class="article" aria-labelledby="article-title">
                <header class="article-header">
                    <h1 id="article-title">{article.title.clone()}</h1>
                    <p class="article-meta" inner_html=meta></p>
                    <PageTools what=t.article><ReadAloud /><SaveOffline /></PageTools>
                </header>
                {document}
                <p class="article-lead">{article.lead.clone()}</p>
                <ArticleBody html=article.body_html.clone() />
                {author}
                {attachments}
                {tags}
                {category_link}
            </article>
            {related}
        </div>
    }
}

/// The body, sanitized (see `crate::sanitize`): in the browser inserted as nodes, never as an HTML
/// string; in the prerender written as the HTML the same policy keeps.
#[component]
pub fn ArticleBody(html: String) -> impl IntoView {
    body_view(html)
}

#[cfg(not(target_arch = "wasm32"))]
fn body_view(html: String) -> impl IntoView {
    view! { <div class="article-body" inner_html=sanitize::to_html(&html)></div> }
}

#[cfg(target_arch = "wasm32")]
fn body_view(html: String) -> impl IntoView {
    let body = NodeRef::<leptos::html::Div>::new();
    crate::base::effect(move || {
        body.track();
        let html = html.clone();
        // In a task of its own: the longest part of an article's rendering (docs/performance.md).
        crate::base::later(move || fill(body, &html));
    });
    view! { <div class="article-body" node_ref=body></div> }
}

#[cfg(target_arch = "wasm32")]
fn fill(body: NodeRef<leptos::html::Div>, html: &str) {
    // The reader may have left the page meanwhile.
    let Some(div) = body.try_get_untracked().flatten() else {
        return;
    };
    div.set_inner_html("");
    match sanitize::sanitize(html) {
        Some(fragment) => {
            let _ = div.append_child(&fragment);
            sanitize::enhance(&div);
        }
        None => div.set_text_content(Some(texts().body_unavailable)),
    }
}
