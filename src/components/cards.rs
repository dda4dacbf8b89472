//! Article summaries as cards and lists, written as HTML text by `portal_core::html` (escaped
//! there, and far cheaper to put on screen than node-by-node views; see that module).

use crate::app::base_path;
use leptos::prelude::*;
use portal_core::ArticleSummary;
use portal_core::html::{self, Card};

/// One article in a list: thumbnail, title linking to the article, date and lead.
#[component]
pub fn ArticleCard(
    article: ArticleSummary,
    /// Heading level of the title inside the page outline (2 or 3).
    #[prop(default = 3)]
    level: u8,
    #[prop(default = true)] show_lead: bool,
    /// The first picture of a page is likely its largest paint: loaded at once, not when scrolled to.
    #[prop(default = false)]
    eager: bool,
) -> impl IntoView {
    let mut content = String::new();
    let card = Card {
        level,
        show_lead,
        eager,
    };
    html::card_content(&mut content, &article, card, &base_path());
    view! { <article class=html::card_class(&article) inner_html=content></article> }
}

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
        ..Card::default()
    };
    view! { <ul class=class inner_html=html::card_items(&articles, card, &base_path())></ul> }
}
