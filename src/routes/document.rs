//! `/van-ban/<slug>`: one legal document of the register: its metadata as a description list,
//! its status in words, its files, the documents it stands in relation to, the articles that cite
//! it. Missing optional fields are left out; an unknown type is shown as written, an unknown
//! status code gives way to the dates, an unknown relation is not shown.

use crate::api::{self, DocumentResource};
use crate::base::{base_path, today};
use crate::components::cards::ArticleList;
use crate::components::files::Files;
use crate::components::meta::page_meta;
use crate::components::status::ListSkeleton;
use crate::components::tools::PageTools;
use crate::nav;
use crate::routes::article::ArticleBody;
use crate::routes::category::Breadcrumb;
use crate::routes::state::unless_loaded;
use leptos::prelude::*;
use portal_core::Document;
use portal_core::legal::register::REGISTER;
use portal_core::legal::{markup, status_of};
use portal_core::route::Route;

/// The register as the breadcrumb's parent.
pub fn register_crumb() -> (String, String) {
    (
        crate::base::link(&format!("/{REGISTER}")),
        "Tra cứu văn bản".to_owned(),
    )
}

#[component]
pub fn DocumentPage(route: Memo<Route>) -> impl IntoView {
    let data = DocumentResource::new(move || route.get(), api::document);
    let retry = Callback::new(move |_| data.refetch());
    move || match unless_loaded(
        data.get(),
        || view! { <div class="container page"><ListSkeleton rows=2 /></div> }.into_any(),
        true,
        retry,
    ) {
        Ok(doc) => view! { <DocumentView doc=doc /> }.into_any(),
        Err(shown) => shown,
    }
}

#[component]
fn DocumentView(doc: Document) -> impl IntoView {
    let title = format!("{} {}", doc.kind, doc.number);
    nav::announce_page(title.clone());
    page_meta(title.clone(), doc.summary.clone());
    let status = status_of(&doc, today());
    let base = base_path();
    let relations = markup::relations(&doc.relations, &base);
    let relations = (!relations.is_empty()).then(|| {
        view! {
            <section class="document-relations" aria-labelledby="relations-title">
                <h2 id="relations-title">"Văn bản liên quan"</h2>
                <div inner_html=relations></div>
            </section>
        }
    });
    let text = doc.body_html.clone().map(|html| {
        view! {
            <section class="document-text" aria-labelledby="document-text-title">
                <h2 id="document-text-title">"Toàn văn"</h2>
                <ArticleBody html=html />
            </section>
        }
    });
    let files = (!doc.files.is_empty())
        .then(|| view! { <Files files=doc.files.clone() title="Tệp văn bản" /> });
    let cited = (!doc.cited_by.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="cited-title">
                <h2 id="cited-title" class="section-title">"Tin bài về văn bản này"</h2>
                <ArticleList articles=doc.cited_by.clone() />
            </section>
        }
    });
    view! {
        <div class="container page">
            <Breadcrumb trail=vec![register_crumb()] current=doc.number.clone() />
            <article class="article legal-document" aria-labelledby="document-title">
                <header class="article-header">
                    <h1 id="document-title">{title}</h1>
                    <p class="article-lead">{doc.summary.clone()}</p>
                    <p class=format!("document-status status-{}", status.code())>
                        <span class="status-mark" aria-hidden="true"></span>
                        "Tình trạng: " <strong>{status.label()}</strong>
                    </p>
                    <PageTools what="văn bản" />
                </header>
                <section class="document-facts" aria-labelledby="facts-title">
                    <h2 id="facts-title" class="visually-hidden">"Thông tin văn bản"</h2>
                    <dl inner_html=markup::facts(&doc, status)></dl>
                </section>
                {files}
                {relations}
                {text}
            </article>
            {cited}
        </div>
    }
}
