//! `/van-ban/<slug>`: one legal document of the register: its metadata as a description list,
//! its status in words, its files, the documents it stands in relation to, the articles that cite
//! it. Missing optional fields are left out; an unknown type is shown as written, an unknown
//! status code gives way to the dates, an unknown relation is not shown.

use crate::api::{self, DocumentResource};
use crate::base::{link, today};
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
use leptos_router::hooks::use_params_map;
use portal_core::legal::register::REGISTER;
use portal_core::legal::{Relation, status_of};
use portal_core::route::Route;
use portal_core::{CategoryRef, Date, Document, DocumentLink};

/// The register as the breadcrumb's parent.
pub fn register_crumb() -> CategoryRef {
    CategoryRef {
        slug: REGISTER.to_owned(),
        name: "Tra cứu văn bản".to_owned(),
    }
}

fn document_href(slug: &str) -> Option<String> {
    Route::Document {
        slug: slug.to_owned(),
    }
    .href()
    .map(|h| link(&h))
}

#[component]
pub fn DocumentPage() -> impl IntoView {
    let params = use_params_map();
    let data = DocumentResource::new(
        move || {
            let p = params.read();
            // `:slug` in the look-up app; `*rest` in the portal's debug build (`app.rs`).
            Route::Document {
                slug: p.get("slug").or_else(|| p.get("rest")).unwrap_or_default(),
            }
        },
        api::document,
    );
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

fn date_view(d: Date) -> impl IntoView {
    view! { <time datetime=d.to_iso()>{d.to_vietnamese()}</time> }
}

#[component]
fn DocumentView(doc: Document) -> impl IntoView {
    let title = format!("{} {}", doc.kind, doc.number);
    nav::announce_page(title.clone());
    page_meta(title.clone(), doc.summary.clone());
    let status = status_of(&doc, today());
    let field =
        (!doc.field.is_empty()).then(|| view! { <dt>"Lĩnh vực"</dt> <dd>{doc.field.clone()}</dd> });
    let signer = doc.signer.clone().map(|s| {
        let who = if s.title.is_empty() {
            s.name
        } else {
            format!("{}, {}", s.name, s.title)
        };
        view! { <dt>"Người ký"</dt> <dd>{who}</dd> }
    });
    let effective = doc
        .effective
        .map(|d| view! { <dt>"Ngày có hiệu lực"</dt> <dd>{date_view(d)}</dd> });
    let expires = doc
        .expires
        .map(|d| view! { <dt>"Ngày hết hiệu lực"</dt> <dd>{date_view(d)}</dd> });
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
                    <dl>
                        <dt>"Số ký hiệu"</dt>
                        <dd>{doc.number.clone()}</dd>
                        <dt>"Loại văn bản"</dt>
                        <dd>{doc.kind.clone()}</dd>
                        {field}
                        <dt>"Cơ quan ban hành"</dt>
                        <dd>{doc.issuer.clone()}</dd>
                        {signer}
                        <dt>"Ngày ban hành"</dt>
                        <dd>{date_view(doc.issued)}</dd>
                        {effective}
                        {expires}
                        <dt>"Tình trạng hiệu lực"</dt>
                        <dd>{status.label()}</dd>
                        <dt>"Trích yếu"</dt>
                        <dd>{doc.summary.clone()}</dd>
                    </dl>
                </section>
                {files}
                <Relations links=doc.relations.clone() />
                {text}
            </article>
            {cited}
        </div>
    }
}

/// Related documents grouped by relation, in a fixed order (what replaces it first).
#[component]
fn Relations(links: Vec<DocumentLink>) -> impl IntoView {
    let order = [
        Relation::ReplacedBy,
        Relation::AmendedBy,
        Relation::GuidedBy,
        Relation::Replaces,
        Relation::Amends,
        Relation::Guides,
    ];
    let groups: Vec<(Relation, Vec<DocumentLink>)> = order
        .into_iter()
        .map(|r| {
            let of: Vec<DocumentLink> = links
                .iter()
                .filter(|l| Relation::from_code(&l.relation) == Some(r))
                .cloned()
                .collect();
            (r, of)
        })
        .filter(|(_, of)| !of.is_empty())
        .collect();
    (!groups.is_empty()).then(|| {
        view! {
            <section class="document-relations" aria-labelledby="relations-title">
                <h2 id="relations-title">"Văn bản liên quan"</h2>
                {groups
                    .into_iter()
                    .map(|(r, of)| {
                        view! {
                            <h3>{r.label()}</h3>
                            <ul>
                                {of
                                    .into_iter()
                                    .map(|l| {
                                        let d = l.document;
                                        let summary = (!d.summary.is_empty())
                                            .then(|| view! { <span class="relation-summary">" – " {d.summary}</span> });
                                        view! {
                                            <li>
                                                <a href=document_href(&d.slug)>{d.number}</a>
                                                {summary}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
                    .collect_view()}
            </section>
        }
    })
}
