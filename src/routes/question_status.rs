//! `/hoi-dap/tra-cuu?ma=<reference>`: a sent question's state, asked of the receiver by its
//! reference (received, being answered, answered with a link to the answer). The reference is the
//! only key: nothing personal is shown or put in the address.

use crate::api::{self, DocumentResource};
use crate::base::{lang, link};
use crate::components::meta::page_meta;
use crate::components::search_box::on_submit;
use crate::components::status::ErrorPanel;
use crate::nav;
use crate::routes::category::Breadcrumb;
use leptos::prelude::*;
use portal_core::i18n::{ParticipationTexts, fill};
use portal_core::participation::CODE_PARAM;
use portal_core::participation::submit::{QuestionState, QuestionStatus, normalise_reference};
use portal_core::route::{Route, query_value};

fn status_href(query: &str) -> String {
    let code = query_value(query, CODE_PARAM).unwrap_or_default();
    link(&Route::QuestionStatus { code }.href().unwrap_or_default())
}

#[component]
pub fn QuestionStatusPage(route: Memo<Route>) -> impl IntoView {
    let p = ParticipationTexts::of(lang());
    let code = Memo::new(move |_| match route.get() {
        Route::QuestionStatus { code } => code,
        _ => String::new(),
    });
    let data = DocumentResource::new(
        move || code.get(),
        |code: String, _| api::question_status(code),
    );
    let retry = Callback::new(move |_| data.refetch());
    page_meta(p.status_title, p.status_description);
    let list = link(
        &Route::Questions {
            query: String::new(),
        }
        .href()
        .unwrap_or_default(),
    );
    let result = move || {
        let typed = code.get();
        // What the page shows once it has its answer (`None` while the receiver is asked).
        let shown = if typed.trim().is_empty() {
            nav::announce_page(p.status_title.to_owned());
            Some(().into_any())
        } else if let Some(reference) = normalise_reference(&typed) {
            match data.get() {
                None => None,
                Some(Err(e)) => Some(view! { <ErrorPanel error=e retry=retry /> }.into_any()),
                Some(Ok(None)) => Some(
                    view! { <p class="notice" role="status">{fill(p.status_unknown, &[&reference])}</p> }
                        .into_any(),
                ),
                Some(Ok(Some(s))) => Some(view! { <State s=s /> }.into_any()),
            }
        } else {
            Some(view! { <p class="notice" role="status">{p.status_invalid}</p> }.into_any())
        };
        match shown {
            Some(view) => {
                crate::base::page_ready();
                view
            }
            None => ().into_any(),
        }
    };
    view! {
        <div class="container page status-page">
            <Breadcrumb trail=vec![(list, p.questions_title.to_owned())] current=p.status_title />
            <h1>{p.status_title}</h1>
            <form
                class="search-form status-form"
                action=link(&Route::QuestionStatus { code: String::new() }.href().unwrap_or_default())
                method="get"
                on:submit=on_submit(Some("#status-code"), status_href)
            >
                <div class="field">
                    <label for="status-code">{p.status_code}</label>
                    <p class="hint" id="status-code-hint">{p.status_hint}</p>
                    <input id="status-code" name=CODE_PARAM type="text" autocomplete="off" spellcheck="false"
                        autocapitalize="characters" aria-describedby="status-code-hint"
                        prop:value=code value=code.get_untracked() />
                </div>
                <div class="form-actions">
                    <button type="submit" class="button">{p.status_find}</button>
                </div>
            </form>
            <div class="status-result">{result}</div>
        </div>
    }
}

#[component]
fn State(s: QuestionStatus) -> impl IntoView {
    let p = ParticipationTexts::of(lang());
    let sent = portal_core::DateTime::parse(&s.received)
        .map(|d| d.in_vietnam().date_in(lang()))
        .unwrap_or_else(|_| s.received.clone());
    let title = fill(p.status_of, &[&s.reference, &sent]);
    nav::announce_page(title.clone());
    let (words, class) = match s.state {
        QuestionState::Received => (p.state_received, "state-received"),
        QuestionState::Answering => (p.state_answering, "state-answering"),
        QuestionState::Answered => (p.state_answered, "state-answered"),
    };
    let answer = s
        .answer
        .filter(|_| s.state == QuestionState::Answered)
        .map(|slug| {
            let href = link(&Route::Answer { slug }.href().unwrap_or_default());
            view! { <p><a href=href>{p.read_answer}</a></p> }
        });
    view! {
        <section class=format!("question-state {class}") aria-labelledby="state-title">
            <h2 id="state-title">{title}</h2>
            <p><strong>{words}</strong></p>
            {answer}
        </section>
    }
}
