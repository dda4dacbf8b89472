//! `/van-ban/<slug>`: one legal document of the register: its metadata as a description list,
//! its status in words, its files, the documents it stands in relation to, the articles that cite
//! it. Missing optional fields are left out; an unknown type is shown as written, an unknown
//! status code gives way to the dates, an unknown relation is not shown.

use crate::api;
use crate::base::{base_path, lang, site_link, texts, today};
use crate::components::files::Files;
use crate::components::meta::{page_meta_with, same_in_other_language};
use crate::components::tools::PageTools;
use crate::nav;
use crate::routes::article::ArticleBody;
use crate::routes::category::Breadcrumb;
use crate::routes::state::one_document;
use leptos::prelude::*;
use portal_core::html::{self, Card};
use portal_core::i18n::RegisterTexts;
use portal_core::legal::register::REGISTER;
use portal_core::legal::{NoFile, facts, markup, status_of};
use portal_core::route::Route;
use portal_core::{Document, Lang};

/// The register as the breadcrumb's parent.
pub fn register_crumb() -> (String, String) {
    (
        crate::base::link(&format!("/{REGISTER}")),
        RegisterTexts::of(lang()).title.to_owned(),
    )
}

#[component]
pub fn DocumentPage(route: Memo<Route>) -> impl IntoView {
    one_document(route, api::document, |doc| {
        view! { <DocumentView doc=doc /> }.into_any()
    })
}

/// The articles that cite the document: the register's language's, linked on its site and
/// marked with its language on a page of another.
fn cited_by(doc: &Document, words: Option<Lang>) -> String {
    let (site, lang) = match words {
        Some(l) => (site_link(l.prefix()), l),
        None => (base_path(), lang()),
    };
    let card = Card {
        lang,
        ..Card::default()
    };
    html::card_items(&doc.cited_by, card, &site)
}

#[component]
fn DocumentView(doc: Document) -> impl IntoView {
    let r = RegisterTexts::of(lang());
    // The document's own words, in its language (the register's Vietnamese) on a page of another.
    let words = (doc.lang != lang()).then_some(doc.lang);
    let words_code = words.map(Lang::code);
    let title = format!("{} {}", doc.kind, doc.number);
    nav::announce_page(title.clone());
    let route = Route::Document {
        slug: doc.slug.clone(),
    };
    page_meta_with(
        title.clone(),
        doc.summary.clone(),
        same_in_other_language(&route),
    );
    let status = status_of(&doc, today());
    let base = base_path();
    let relations = markup::relations(&doc.relations, &base, lang());
    let relations = (!relations.is_empty()).then(|| {
        view! {
            <section class="document-relations" aria-labelledby="relations-title">
                <h2 id="relations-title">{r.related}</h2>
                <div inner_html=relations></div>
            </section>
        }
    });
    let text = doc.body_html.clone().map(|html| {
        view! {
            <section class="document-text" aria-labelledby="document-text-title">
                <h2 id="document-text-title">{r.full_text}</h2>
                <div lang=words_code><ArticleBody html=html /></div>
            </section>
        }
    });
    // Its files, or in their place why there are none: the page never leaves the reader looking
    // for a download that is not there.
    let files = if doc.files.is_empty() {
        view! {
            <section class="attachments" aria-labelledby="attachments-title">
                <h2 id="attachments-title">{r.files}</h2>
                <p class="no-file">{NoFile::say(doc.no_file.as_deref(), r)}</p>
            </section>
        }
        .into_any()
    } else {
        view! { <Files files=doc.files.clone() title=r.files names_lang=words_code /> }.into_any()
    };
    // The consultation its draft went through (Vietnamese pages only: marked so on others).
    let consulted = doc.consultation.clone().map(|c| {
        let p = portal_core::i18n::ParticipationTexts::of(lang());
        let href = format!(
            "{}{}",
            site_link(Lang::Vi.prefix()),
            Route::Consultation { slug: c.slug }
                .href()
                .unwrap_or_default()
        );
        view! {
            <section class="document-consultation" aria-labelledby="consulted-title">
                <h2 id="consulted-title">{p.consulted}</h2>
                <p><a href=href lang=(lang() != Lang::Vi).then_some("vi")>{c.title}</a></p>
            </section>
        }
    });
    let cited = (!doc.cited_by.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="cited-title">
                <h2 id="cited-title" class="section-title">{r.cited}</h2>
                <ul class="card-list" lang=words_code inner_html=cited_by(&doc, words)></ul>
            </section>
        }
    });
    view! {
        <div class="container page">
            <Breadcrumb trail=vec![register_crumb()] current=doc.number.clone() current_lang=words />
            <article class="article legal-document" aria-labelledby="document-title">
                <header class="article-header">
                    <h1 id="document-title" lang=words_code>{title}</h1>
                    <p class="article-lead" lang=words_code>{doc.summary.clone()}</p>
                    <p class=format!("document-status status-{}", status.code())>
                        <span class="status-mark" aria-hidden="true"></span>
                        {r.status_is} <strong>{status.label(r)}</strong>
                    </p>
                    <PageTools what=r.document />
                </header>
                <section class="document-facts" aria-labelledby="facts-title">
                    <h2 id="facts-title" class="visually-hidden">{texts().document_facts}</h2>
                    <dl inner_html=facts::for_document(&doc, status, lang())></dl>
                </section>
                {files}
                {relations}
                {consulted}
                {text}
            </article>
            {cited}
        </div>
    }
}
