//! Article summaries as cards and lists, written as HTML text by `portal_core::html` (escaped
//! there, and far cheaper to put on screen than node-by-node views; see that module).

use crate::base::base_path;
use leptos::prelude::*;
use portal_core::ArticleSummary;
use portal_core::html::{self, Card};

/// A list of cards; `eager` loads the first card's picture at once.
#[component]
pub fn ArticleList(
    articles: Vec<ArticleSummary>,
    #[prop(default = 3)] level: u8,
    #[prop(default = "card-list")] class: &'static str,
    #[prop(default = false)] eager: bool,
) -> impl IntoView {
    let card = Card {
        level,
        eager,
        lang: crate::base::lang(),
        ..Card::default()
    };
    view! { <ul class=class inner_html=html::card_items(&articles, card, &base_path())></ul> }
}
