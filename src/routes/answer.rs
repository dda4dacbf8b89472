//! `/hoi-dap/<slug>`: a citizen's question (first name and district only) and the city's answer,
//! who answered and when, and the documents it rests on.

use crate::api;
use crate::base::{lang, link, texts};
use crate::components::meta::page_meta;
use crate::components::tools::PageTools;
use crate::nav;
use crate::routes::article::ArticleBody;
use crate::routes::category::Breadcrumb;
use crate::routes::questions::QuestionLinks;
use crate::routes::state::one_document;
use leptos::prelude::*;
use portal_core::i18n::{ParticipationTexts, fill};
use portal_core::participation::{Answer, excerpt};
use portal_core::route::Route;

#[component]
pub fn AnswerPage(route: Memo<Route>) -> impl IntoView {
    one_document(route, api::answer, |a| {
        view! { <AnswerView a=a /> }.into_any()
    })
}

#[component]
fn AnswerView(a: Answer) -> impl IntoView {
    let (p, l) = (ParticipationTexts::of(lang()), lang());
    nav::announce_page(a.title.clone());
    page_meta(a.title.clone(), excerpt(&a.question, 160));
    let list = link(
        &Route::Questions {
            query: String::new(),
        }
        .href()
        .unwrap_or_default(),
    );
    let asked = fill(
        p.asked_by,
        &[&a.asker.first_name, &a.asker.district, &a.asked.date_in(l)],
    );
    let answered = fill(p.answered_by, &[&a.answered_by, &a.answered.date_in(l)]);
    // The question is plain text: its paragraphs as typed, never parsed as HTML.
    let question = a
        .question
        .split("\n\n")
        .filter(|para| !para.trim().is_empty())
        .map(|para| view! { <p>{para.trim().to_owned()}</p> })
        .collect_view();
    let documents = (!a.documents.is_empty()).then(|| {
        view! {
            <section class="related-documents" aria-labelledby="documents-title">
                <h2 id="documents-title">{p.related_documents}</h2>
                <ul>
                    {a.documents
                        .iter()
                        .map(|d| {
                            let href = link(&Route::Document { slug: d.slug.clone() }.href().unwrap_or_default());
                            view! { <li><a href=href>{d.number.clone()}</a> " " {d.summary.clone()}</li> }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <div class="container page">
            <Breadcrumb trail=vec![(list, p.questions_title.to_owned())] current=a.title.clone() />
            <article class="article answer-page" aria-labelledby="answer-title">
                <header class="article-header">
                    <h1 id="answer-title">{a.title.clone()}</h1>
                    <PageTools what=texts().page />
                </header>
                <section class="asked" aria-labelledby="question-title">
                    <h2 id="question-title">{p.question}</h2>
                    <p class="card-meta">{asked}</p>
                    <blockquote class="question-text">{question}</blockquote>
                </section>
                <section class="answered" aria-labelledby="reply-title">
                    <h2 id="reply-title">{p.answer}</h2>
                    <p class="card-meta">{answered}</p>
                    <ArticleBody html=a.answer_html.clone() />
                </section>
                {documents}
            </article>
            <QuestionLinks />
        </div>
    }
}
