//! `/lay-y-kien`: the public consultations on drafts, open ones first with the days left, then
//! those opening soon, then closed ones (ordered on the reader's day, `participation::ordered`).

use crate::api::{self, DocumentResource};
use crate::base::{lang, link, today};
use crate::components::meta::page_meta;
use crate::components::status::ListSkeleton;
use crate::nav;
use crate::routes::state::unless_loaded;
use leptos::prelude::*;
use portal_core::i18n::{ParticipationTexts, fill};
use portal_core::participation::{ConsultationCard, Consultations, Period, ordered};
use portal_core::route::Route;

/// The period in words: the days left and the closing date, the opening date, or the closing.
pub fn period_words(period: Period, card: &ConsultationCard) -> String {
    let p = ParticipationTexts::of(lang());
    let l = lang();
    match period {
        Period::Open { days_left: 1 } => format!(
            "{} · {}",
            p.last_day,
            fill(p.closes_on, &[&card.closes.in_lang(l)])
        ),
        Period::Open { days_left } => format!(
            "{} · {}",
            fill(p.days_left, &[&days_left.to_string()]),
            fill(p.closes_on, &[&card.closes.in_lang(l)])
        ),
        Period::Upcoming => fill(p.opens_on, &[&card.opens.in_lang(l)]),
        Period::Closed => fill(p.closed_on, &[&card.closes.in_lang(l)]),
    }
}

/// The class that marks a period (`state-open`, …).
pub fn period_class(period: Period) -> &'static str {
    match period {
        Period::Open { .. } => "consultation-state state-open",
        Period::Upcoming => "consultation-state state-upcoming",
        Period::Closed => "consultation-state state-closed",
    }
}

#[component]
pub fn ConsultationsPage(route: Memo<Route>) -> impl IntoView {
    let p = ParticipationTexts::of(lang());
    let data = DocumentResource::new(move || route.get(), api::consultations);
    let retry = Callback::new(move |_| data.refetch());
    page_meta(p.consultations_title, p.consultations_description);
    view! {
        <div class="container page consultations-page">
            <h1>{p.consultations_title}</h1>
            <p class="article-lead">{p.consultations_description}</p>
            {move || {
                unless_loaded(data.get(), || view! { <ListSkeleton rows=3 /> }.into_any(), false, retry)
                    .map(|d| view! { <Groups data=d /> }.into_any())
                    .unwrap_or_else(|shown| shown)
            }}
        </div>
    }
}

#[component]
fn Groups(data: Consultations) -> impl IntoView {
    let p = ParticipationTexts::of(lang());
    nav::announce_page(p.consultations_title.to_owned());
    let list = ordered(&data.items, today());
    let group = |title: &'static str, id: &'static str, keep: fn(&Period) -> bool| {
        let items: Vec<_> = list.iter().filter(|(period, _)| keep(period)).collect();
        (!items.is_empty()).then(|| {
            view! {
                <section class="consultation-group" aria-labelledby=id>
                    <h2 id=id class="section-title">{title}</h2>
                    <ul class="consultation-list">
                        {items
                            .into_iter()
                            .map(|(period, card)| {
                                let href = link(&Route::Consultation { slug: card.slug.clone() }.href().unwrap_or_default());
                                view! {
                                    <li class="consultation-card">
                                        <h3><a href=href>{card.title.clone()}</a></h3>
                                        <p class="card-meta">{card.drafted_by.clone()}</p>
                                        <p class=period_class(*period)>{period_words(*period, card)}</p>
                                        {card.reported.then(|| view! { <p class="card-meta">{p.reported}</p> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    };
    let none_open = (!list
        .iter()
        .any(|(period, _)| matches!(period, Period::Open { .. })))
    .then(|| view! { <p class="notice">{p.none_open}</p> });
    view! {
        {none_open}
        {group(p.open_now, "open-title", |x| matches!(x, Period::Open { .. }))}
        {group(p.upcoming, "upcoming-title", |x| *x == Period::Upcoming)}
        {group(p.closed, "closed-title", |x| *x == Period::Closed)}
    }
}
