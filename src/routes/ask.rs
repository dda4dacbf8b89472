//! `/hoi-dap/gui-cau-hoi`: the form that sends a question to the city; its receipt links to the
//! question's state page.

use crate::api::{self, DocumentResource};
use crate::base::{lang, link};
use crate::components::form::{CitizenForm, FieldSpec, FormSpec, Input, prepared};
use crate::components::meta::page_meta;
use crate::components::status::ListSkeleton;
use crate::nav;
use crate::routes::category::Breadcrumb;
use crate::routes::state::unless_loaded;
use leptos::prelude::*;
use portal_core::i18n::{FormTexts, ParticipationTexts};
use portal_core::participation::submit::{self, MAX_LINE, MAX_TEXT, Question};
use portal_core::participation::{Answers, QuestionField};
use portal_core::route::Route;

#[component]
pub fn AskPage() -> impl IntoView {
    let p = ParticipationTexts::of(lang());
    let data = DocumentResource::new(|| (), api::answers);
    let retry = Callback::new(move |_| data.refetch());
    page_meta(p.ask_title, p.ask_description);
    let list = link(
        &Route::Questions {
            query: String::new(),
        }
        .href()
        .unwrap_or_default(),
    );
    view! {
        <div class="container page ask-page">
            <Breadcrumb trail=vec![(list, p.questions_title.to_owned())] current=p.ask_title />
            <h1>{p.ask_title}</h1>
            <p class="article-lead">{p.ask_intro}</p>
            {move || {
                unless_loaded(data.get(), || view! { <ListSkeleton rows=2 /> }.into_any(), false, retry)
                    .map(|d: Answers| {
                        nav::announce_page(p.ask_title.to_owned());
                        view! { <CitizenForm spec=question_form(d.fields) /> }.into_any()
                    })
                    .unwrap_or_else(|shown| shown)
            }}
        </div>
    }
}

/// The state page of a reference.
fn status_href(reference: &str) -> String {
    link(
        &Route::QuestionStatus {
            code: reference.to_owned(),
        }
        .href()
        .unwrap_or_default(),
    )
}

fn question_form(known: Vec<QuestionField>) -> FormSpec {
    let (f, p) = (FormTexts::of(lang()), ParticipationTexts::of(lang()));
    let mut choices = vec![(String::new(), f.field_choose.to_owned())];
    choices.extend(known.iter().map(|k| (k.slug.clone(), k.name.clone())));
    let slugs: Vec<String> = known.into_iter().map(|k| k.slug).collect();
    let line = |autocomplete| Input::Line { autocomplete };
    FormSpec {
        id: "question".to_owned(),
        title: p.question,
        intro: p.ask_description,
        fields: vec![
            FieldSpec::new("field", f.field, Input::Choice(choices), 0),
            FieldSpec::new("title", f.question_title, line("off"), MAX_LINE),
            FieldSpec::new("question", f.question, Input::Text, MAX_TEXT),
            FieldSpec::name(),
            FieldSpec::new("district", f.district, line("address-level2"), MAX_LINE),
            FieldSpec::email(f.email_hint),
            FieldSpec::consent(),
        ],
        endpoint: submit::questions_endpoint(),
        prepare: std::rc::Rc::new(move |e| {
            let question = Question {
                key: e.key.clone(),
                name: e.get("name"),
                district: e.get("district"),
                email: e.get("email").trim().to_owned(),
                field: e.get("field"),
                title: e.get("title"),
                question: e.get("question"),
                consent: e.consent,
                website: e.website.clone(),
            };
            let known: Vec<&str> = slugs.iter().map(String::as_str).collect();
            prepared(&question, question.check(&known))
        }),
        receipt: f.question_receipt,
        another: f.another_question,
        follow: Some((p.status_link, status_href)),
    }
}
