//! `/lay-y-kien/<slug>`: one draft put out for comment: who drafted it, the period, a summary,
//! its files, the parts a comment can address, the document it became and the report on the
//! comments once published; while open, the comment form (`components::form`).

use crate::api;
use crate::base::{lang, link, today};
use crate::components::files::Files;
use crate::components::form::{CitizenForm, FieldSpec, FormSpec, Input, prepared};
use crate::components::meta::page_meta;
use crate::nav;
use crate::routes::article::ArticleBody;
use crate::routes::category::Breadcrumb;
use crate::routes::consultations::{period_class, period_words};
use crate::routes::state::one_document;
use leptos::prelude::*;
use portal_core::i18n::{FormTexts, ParticipationTexts, fill};
use portal_core::participation::submit::{self, Comment, MAX_LINE, MAX_TEXT};
use portal_core::participation::{Consultation, ConsultationCard, Period, period};
use portal_core::route::Route;

#[component]
pub fn ConsultationPage(route: Memo<Route>) -> impl IntoView {
    one_document(route, api::consultation, |c| {
        view! { <ConsultationView c=c /> }.into_any()
    })
}

#[component]
fn ConsultationView(c: Consultation) -> impl IntoView {
    let (p, l) = (ParticipationTexts::of(lang()), lang());
    nav::announce_page(c.title.clone());
    page_meta(c.title.clone(), c.summary.clone());
    let card = ConsultationCard::from(&c);
    let now = period(c.opens, c.closes, today());
    let list = link(&Route::Consultations.href().unwrap_or_default());
    let facts = [
        (p.drafted_by, c.drafted_by.clone()),
        (
            p.period,
            fill(p.period_range, &[&c.opens.in_lang(l), &c.closes.in_lang(l)]),
        ),
    ];
    let files =
        (!c.files.is_empty()).then(|| view! { <Files files=c.files.clone() title=p.files /> });
    let sections = (!c.sections.is_empty()).then(|| {
        view! {
            <section class="draft-sections" aria-labelledby="sections-title">
                <h2 id="sections-title">{p.sections}</h2>
                <ul>{c.sections.iter().map(|s| view! { <li>{s.title.clone()}</li> }).collect_view()}</ul>
            </section>
        }
    });
    let became = c.document.clone().map(|d| {
        let href = link(
            &Route::Document {
                slug: d.slug.clone(),
            }
            .href()
            .unwrap_or_default(),
        );
        view! {
            <section class="draft-document" aria-labelledby="became-title">
                <h2 id="became-title">{p.became}</h2>
                <p><a href=href>{d.number.clone()}</a> " " {d.summary.clone()}</p>
            </section>
        }
    });
    let report = c.report.clone().map(|r| {
        let file = r.file.clone().map(|f| view! { <Files files=vec![f] /> });
        view! {
            <section class="draft-report" aria-labelledby="report-title">
                <h2 id="report-title">{p.report}</h2>
                <p class="card-meta">
                    {fill(p.report_facts, &[&r.published.in_lang(l), &r.comments.to_string()])}
                </p>
                <ArticleBody html=r.summary_html.clone() />
                {file}
            </section>
        }
    });
    let form = match now {
        Period::Open { .. } => view! { <CitizenForm spec=comment_form(&c) /> }.into_any(),
        Period::Closed => view! { <p class="notice form-closed">{p.no_form_closed}</p> }.into_any(),
        Period::Upcoming => {
            view! { <p class="notice form-closed">{p.no_form_upcoming}</p> }.into_any()
        }
    };
    view! {
        <div class="container page">
            <Breadcrumb trail=vec![(list, p.consultations_title.to_owned())] current=p.draft_of />
            <article class="article consultation" aria-labelledby="consultation-title">
                <header class="article-header">
                    <h1 id="consultation-title">{c.title.clone()}</h1>
                    <p class=period_class(now)>{period_words(now, &card)}</p>
                </header>
                <dl class="facts-list">
                    {facts
                        .into_iter()
                        .map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })
                        .collect_view()}
                </dl>
                <section class="draft-summary" aria-labelledby="summary-title">
                    <h2 id="summary-title">{p.summary}</h2>
                    <p>{c.summary.clone()}</p>
                </section>
                {files}
                {sections}
                {became}
                {report}
            </article>
            {form}
        </div>
    }
}

/// The comment form of an open consultation.
fn comment_form(c: &Consultation) -> FormSpec {
    let f = FormTexts::of(lang());
    let mut choices = vec![(String::new(), f.section_all.to_owned())];
    choices.extend(c.sections.iter().map(|s| (s.id.clone(), s.title.clone())));
    let sections: Vec<String> = c.sections.iter().map(|s| s.id.clone()).collect();
    let slug = c.slug.clone();
    let organisation = Input::Line {
        autocomplete: "organization",
    };
    FormSpec {
        id: format!("comment:{}", c.slug),
        title: f.comment_title,
        intro: f.comment_intro,
        fields: vec![
            FieldSpec::new("section", f.section, Input::Choice(choices), 0),
            FieldSpec::new("comment", f.comment, Input::Text, MAX_TEXT),
            FieldSpec::name(),
            FieldSpec::new("organisation", f.organisation, organisation, MAX_LINE).optional(),
            FieldSpec::email(f.email_hint_comment).optional(),
            FieldSpec::consent(),
        ],
        endpoint: submit::comments_endpoint(),
        prepare: std::rc::Rc::new(move |e| {
            let comment = Comment {
                key: e.key.clone(),
                consultation: slug.clone(),
                section: e.get("section"),
                name: e.get("name"),
                organisation: e.get("organisation"),
                email: e.get("email").trim().to_owned(),
                comment: e.get("comment"),
                consent: e.consent,
                website: e.website.clone(),
            };
            let ids: Vec<&str> = sections.iter().map(String::as_str).collect();
            prepared(&comment, comment.check(&ids))
        }),
        receipt: f.comment_receipt,
        another: f.another,
        follow: None,
    }
}
