//! The embeddable widgets (`/nhung/<kind>`): their kinds and the documents they read. The widget
//! page itself is `widget/tin.html` with `public/widget.js`, which validates a widget's parameters
//! (a bad snippet shows a clear message inside its own box) without any wasm.

use crate::slug::is_valid_slug;

pub const MAX_COUNT: u32 = 10;

/// The loader a district page includes (`public/nhung.js`, at the portal's base): it frames each
/// widget's page.
pub const LOADER: &str = "nhung.js";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidgetKind {
    /// The newest articles of one category.
    Latest,
    /// The portal's featured stories.
    Featured,
}

impl WidgetKind {
    pub fn path(self) -> &'static str {
        match self {
            WidgetKind::Latest => "moi-nhat",
            WidgetKind::Featured => "noi-bat",
        }
    }
}

/// `widgets/noi-bat.json`, `widgets/moi-nhat.json`, `widgets/moi-nhat/<category>.json` (under
/// `en/` in English): what a widget shows, ready to put on screen, so the widget page needs no
/// more than a few lines of script to show it (docs/widgets.md).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WidgetDoc {
    pub version: u32,
    #[serde(default)]
    pub lang: Lang,
    /// The widget's heading ("Tin mới nhất: Thời sự").
    pub title: String,
    /// Where "more" leads: a route relative to the portal's base, in its language (`/thoi-su`).
    pub link: String,
    /// Newest first, at most [`MAX_COUNT`].
    pub items: Vec<WidgetItem>,
}

/// One headline of a widget.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WidgetItem {
    pub title: String,
    /// The article's route relative to the portal's base (`/thoi-su/bai-a`, `/en/news/a`).
    pub path: String,
    pub published: crate::DateTime,
    /// `published` as the widget's language writes a date.
    pub date: String,
}

/// The document a widget reads (relative to the API base, before the language's `en/`), or
/// `None` for a category slug that cannot name one.
pub fn widget_doc(kind: WidgetKind, category: Option<&str>) -> Option<String> {
    match (kind, category) {
        (WidgetKind::Latest, Some(slug)) => {
            is_valid_slug(slug).then(|| format!("widgets/moi-nhat/{slug}.json"))
        }
        (WidgetKind::Latest, None) => None,
        (WidgetKind::Featured, _) => Some("widgets/noi-bat.json".to_owned()),
    }
}

pub use crate::i18n::Lang;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_by_kind_and_category() {
        assert_eq!(
            widget_doc(WidgetKind::Featured, None).as_deref(),
            Some("widgets/noi-bat.json")
        );
        assert_eq!(
            widget_doc(WidgetKind::Latest, Some("thoi-su")).as_deref(),
            Some("widgets/moi-nhat/thoi-su.json")
        );
        assert_eq!(widget_doc(WidgetKind::Latest, None), None);
        assert_eq!(widget_doc(WidgetKind::Latest, Some("../x")), None);
    }
}
