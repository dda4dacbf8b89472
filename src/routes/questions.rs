//! `/hoi-dap?linh-vuc=…&q=…`: the published questions and answers, newest answered first,
//! narrowed by field and by words folded as search folds them ("giay phep" finds "giấy phép").
//! The filters live in the address; the links to ask a question and to look one up come first.

use crate::api::{self, DocumentResource};
use crate::base::{lang, link, lower_nfd};
use crate::components::filter::Filter;
use crate::components::meta::page_meta;
use crate::components::search_box::on_submit;
use crate::components::status::ListSkeleton;
use crate::nav;
use crate::routes::state::unless_loaded;
use leptos::prelude::*;
use portal_core::i18n::{ParticipationTexts, fill};
use portal_core::participation::{
    Answers, FIELD_PARAM, TEXT_PARAM, filter_answers, questions_query,
};
use portal_core::route::{Route, query_value};
use portal_core::search::fold::fold;

fn questions_href(query: &str) -> String {
    link(
        &Route::Questions {
            query: questions_query(query),
        }
        .href()
        .unwrap_or_default(),
    )
}

/// The links every page of the section starts with.
#[component]
pub fn QuestionLinks() -> impl IntoView {
    let p = ParticipationTexts::of(lang());
    view! {
        <ul class="section-actions">
            <li><a class="button" href=link(&Route::Ask.href().unwrap_or_default())>{p.ask_link}</a></li>
            <li><a href=link(&Route::QuestionStatus { code: String::new() }.href().unwrap_or_default())>{p.status_link}</a></li>
        </ul>
    }
}

#[component]
pub fn QuestionsPage(route: Memo<Route>) -> impl IntoView {
    let p = ParticipationTexts::of(lang());
    let data = DocumentResource::new(|| (), api::answers);
    let retry = Callback::new(move |_| data.refetch());
    let query = Memo::new(move |_| match route.get() {
        Route::Questions { query } => query,
        _ => String::new(),
    });
    let field = Signal::derive(move || query_value(&query.read(), FIELD_PARAM).unwrap_or_default());
    let text = Signal::derive(move || query_value(&query.read(), TEXT_PARAM).unwrap_or_default());
    let fields = Signal::derive(move || {
        data.get()
            .and_then(Result::ok)
            .map(|d| {
                d.fields
                    .into_iter()
                    .map(|f| (f.slug, f.name))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    page_meta(p.questions_title, p.questions_description);
    view! {
        <div class="container page questions-page">
            <h1>{p.questions_title}</h1>
            <p class="article-lead">{p.questions_description}</p>
            <QuestionLinks />
            <form
                class="search-form questions-form"
                role="search"
                aria-label=p.find
                action=link(&Route::Questions { query: String::new() }.href().unwrap_or_default())
                method="get"
                on:submit=on_submit(Some("#questions-q"), questions_href)
            >
                <Filter id="questions-field" name=FIELD_PARAM label=p.field choices=fields chosen=field />
                <div class="field search-query">
                    <label for="questions-q">{p.find}</label>
                    <p class="hint" id="questions-q-hint">{p.find_hint}</p>
                    <input id="questions-q" type="search" name=TEXT_PARAM autocomplete="off"
                        aria-describedby="questions-q-hint" prop:value=text value=text.get_untracked() />
                </div>
                <div class="form-actions">
                    <button type="submit" class="button">{p.filter}</button>
                    <a href=link(&Route::Questions { query: String::new() }.href().unwrap_or_default())>{p.clear}</a>
                </div>
            </form>
            {move || {
                unless_loaded(data.get(), || view! { <ListSkeleton rows=4 /> }.into_any(), false, retry)
                    .map(|d| view! { <List data=d field=field text=text /> }.into_any())
                    .unwrap_or_else(|shown| shown)
            }}
        </div>
    }
}

#[component]
fn List(data: Answers, field: Signal<String>, text: Signal<String>) -> impl IntoView {
    let p = ParticipationTexts::of(lang());
    nav::announce_page(p.questions_title.to_owned());
    let data = StoredValue::new(data);
    move || {
        let (field, text) = (field.get(), text.get());
        data.with_value(|d| {
            let shown = filter_answers(&d.items, &field, &text, |s| fold(&lower_nfd(s)));
            let count = match shown.len() {
                0 => p.answers_none.to_owned(),
                1 => p.answers_one.to_owned(),
                n => fill(p.answers_count, &[&n.to_string()]),
            };
            let name_of = |slug: &str| {
                d.fields
                    .iter()
                    .find(|f| f.slug == slug)
                    .map(|f| f.name.clone())
                    .unwrap_or_default()
            };
            let items = shown
                .into_iter()
                .map(|a| {
                    let href = link(
                        &Route::Answer {
                            slug: a.slug.clone(),
                        }
                        .href()
                        .unwrap_or_default(),
                    );
                    let meta = format!(
                        "{} · {}",
                        name_of(&a.field),
                        fill(
                            p.answered_by,
                            &[&a.answered_by, &a.answered.date_in(lang())]
                        )
                    );
                    view! {
                        <li class="answer-card">
                            <h2><a href=href>{a.title.clone()}</a></h2>
                            <p>{a.excerpt.clone()}</p>
                            <p class="card-meta">{meta}</p>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="search-status" role="status">{count}</p>
                <ul class="answer-list">{items}</ul>
            }
        })
    }
}
