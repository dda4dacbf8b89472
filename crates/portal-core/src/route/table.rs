//! The route table: every kind of page, declared once — its path shapes (both languages), the app
//! that shows it, whether the prerender writes it. `Route::parse` reads the shapes, the apps ask
//! `app`, the prerender asks `prerender`, and the hosts' maps (`super::host`) are generated from
//! it, so none of them spells a path word of its own.

use crate::legal::register::REGISTER;
use crate::participation::{ASK, CONSULTATIONS, QUESTIONS, STATUS};
use crate::paths::{ABOUT, OFFLINE, PAGE_PARAM};
use crate::search::query::SEARCH;

/// The first path segment of the snippet builder (`/nhung`) and of the widgets (`/nhung/<kind>`).
pub const SNIPPETS: &str = "nhung";

/// A kind of page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Home,
    Category,
    Article,
    About,
    Search,
    Register,
    Document,
    SnippetBuilder,
    Widget,
    Offline,
    Consultations,
    Consultation,
    Questions,
    Ask,
    QuestionStatus,
    Answer,
    NotFound,
}

/// What a host serves for a route: one of the apps, or the widget page (no wasm). Links between
/// two of them are page loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum App {
    /// Home, categories, articles (`index.html`, every page prerendered).
    Portal,
    /// Search, the legal documents register and its documents, the portal's own pages: their
    /// index readers and views stay out of the portal's bundle.
    Lookup,
    /// The consultations and the questions with their forms (citizens writing to the city): the
    /// forms, drafts and sending stay out of the look-up app, whose search they slowed.
    Participation,
    /// The snippet builder for district webmasters.
    SnippetBuilder,
    /// A widget framed by a district site: a page without wasm.
    WidgetPage,
}

impl App {
    /// The page a host serves for this app's routes that have no prerendered file (written by
    /// `scripts/build.sh` beside the portal's `index.html`).
    pub fn entry(self) -> &'static str {
        match self {
            App::Portal => "index.html",
            App::Lookup => "lookup.html",
            App::Participation => "participation.html",
            App::SnippetBuilder => "snippet-builder.html",
            App::WidgetPage => "tin.html",
        }
    }

    /// The folder of the app's own files in a build (Trunk's `data-target-path` in its entry
    /// page): hosts and the development loop send `/<folder>/…` to the app. The portal's are at
    /// the root.
    pub fn assets(self) -> Option<&'static str> {
        match self {
            App::Portal => None,
            App::Lookup => Some("lookup"),
            App::Participation => Some("participation"),
            App::SnippetBuilder => Some("snippet-builder"),
            App::WidgetPage => Some("widget"),
        }
    }

    /// Every app.
    pub const ALL: [App; 5] = [
        App::Portal,
        App::Lookup,
        App::Participation,
        App::SnippetBuilder,
        App::WidgetPage,
    ];
}

/// Whether and how the prerender writes a route kind's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prerender {
    Never,
    /// Every page it reaches.
    Always,
    /// One page, with no query (its results need the app; a static host serves one file whatever
    /// the query).
    Bare,
}

/// One segment of a path shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    /// One of these words (every language's).
    Word(&'static [&'static str]),
    /// Any one segment: a slug, a page number.
    Any,
}

/// One kind's row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub kind: Kind,
    /// The paths it answers, relative to its language's base (`[]` is `/`).
    pub shapes: &'static [&'static [Seg]],
    pub app: App,
    pub prerender: Prerender,
    /// Whether the English site (`/en/…`) has it; the Vietnamese has every kind.
    pub english: bool,
    /// Whether other sites may frame it (`frame-ancestors *`).
    pub framed: bool,
}

use Seg::{Any, Word};

/// First match wins: the kinds that claim a first word before the portal's slugs.
pub const TABLE: &[Spec] = &[
    Spec {
        kind: Kind::Home,
        shapes: &[&[]],
        app: App::Portal,
        prerender: Prerender::Always,
        english: true,
        framed: false,
    },
    Spec {
        kind: Kind::SnippetBuilder,
        shapes: &[&[Word(&[SNIPPETS])]],
        app: App::SnippetBuilder,
        prerender: Prerender::Never,
        english: true,
        framed: false,
    },
    Spec {
        kind: Kind::Widget,
        shapes: &[&[Word(&[SNIPPETS]), Any]],
        app: App::WidgetPage,
        prerender: Prerender::Never,
        english: true,
        framed: true,
    },
    Spec {
        kind: Kind::Search,
        shapes: &[&[Word(&[SEARCH])]],
        app: App::Lookup,
        prerender: Prerender::Bare,
        english: true,
        framed: false,
    },
    Spec {
        kind: Kind::Register,
        shapes: &[&[Word(&[REGISTER])]],
        app: App::Lookup,
        prerender: Prerender::Bare,
        english: true,
        framed: false,
    },
    Spec {
        kind: Kind::Document,
        shapes: &[&[Word(&[REGISTER]), Any]],
        app: App::Lookup,
        prerender: Prerender::Always,
        english: true,
        framed: false,
    },
    Spec {
        kind: Kind::About,
        shapes: &[&[Word(&ABOUT)], &[Word(&ABOUT), Any]],
        app: App::Lookup,
        prerender: Prerender::Always,
        english: true,
        framed: false,
    },
    Spec {
        kind: Kind::Offline,
        shapes: &[&[Word(&OFFLINE)]],
        app: App::Lookup,
        prerender: Prerender::Always,
        english: true,
        framed: false,
    },
    Spec {
        kind: Kind::Consultations,
        shapes: &[&[Word(&[CONSULTATIONS])]],
        app: App::Participation,
        prerender: Prerender::Always,
        english: false,
        framed: false,
    },
    Spec {
        kind: Kind::Consultation,
        shapes: &[&[Word(&[CONSULTATIONS]), Any]],
        app: App::Participation,
        prerender: Prerender::Always,
        english: false,
        framed: false,
    },
    Spec {
        kind: Kind::Questions,
        shapes: &[&[Word(&[QUESTIONS])]],
        app: App::Participation,
        prerender: Prerender::Bare,
        english: false,
        framed: false,
    },
    // Before `Answer`: its words are no answer's slug.
    Spec {
        kind: Kind::Ask,
        shapes: &[&[Word(&[QUESTIONS]), Word(&[ASK])]],
        app: App::Participation,
        prerender: Prerender::Always,
        english: false,
        framed: false,
    },
    Spec {
        kind: Kind::QuestionStatus,
        shapes: &[&[Word(&[QUESTIONS]), Word(&[STATUS])]],
        app: App::Participation,
        prerender: Prerender::Bare,
        english: false,
        framed: false,
    },
    Spec {
        kind: Kind::Answer,
        shapes: &[&[Word(&[QUESTIONS]), Any]],
        app: App::Participation,
        prerender: Prerender::Always,
        english: false,
        framed: false,
    },
    Spec {
        kind: Kind::Category,
        shapes: &[&[Any], &[Any, Word(&[PAGE_PARAM]), Any]],
        app: App::Portal,
        prerender: Prerender::Always,
        english: true,
        framed: false,
    },
    Spec {
        kind: Kind::Article,
        shapes: &[&[Any, Any]],
        app: App::Portal,
        prerender: Prerender::Always,
        english: true,
        framed: false,
    },
];

/// The not-found page: served by the portal (`404.html`, status 404).
const NOT_FOUND: Spec = Spec {
    kind: Kind::NotFound,
    shapes: &[],
    app: App::Portal,
    prerender: Prerender::Never,
    english: true,
    framed: false,
};

impl Kind {
    /// This kind's row.
    pub fn spec(self) -> &'static Spec {
        TABLE.iter().find(|s| s.kind == self).unwrap_or(&NOT_FOUND)
    }
}

fn matches(shape: &[Seg], segments: &[&str]) -> bool {
    shape.len() == segments.len()
        && shape.iter().zip(segments).all(|(seg, s)| match seg {
            Word(words) => words.contains(s),
            Any => true,
        })
}

/// The kind whose shape matches `segments` (percent-decoded, without the language's prefix). A
/// first word that a kind claims is never a category's slug: `/van-ban/a/b` is not found.
pub fn kind_of(segments: &[&str]) -> Kind {
    if let Some(spec) = TABLE
        .iter()
        .find(|s| s.shapes.iter().any(|shape| matches(shape, segments)))
    {
        let claimed = segments.first().is_some_and(|first| claims(first));
        if !claimed || !matches!(spec.kind, Kind::Category | Kind::Article) {
            return spec.kind;
        }
    }
    Kind::NotFound
}

/// Whether `word` is the first word of a kind's shape (`tim-kiem`, `nhung`): no slug may take it.
pub fn claims(word: &str) -> bool {
    TABLE
        .iter()
        .flat_map(|s| s.shapes.iter())
        .any(|shape| matches!(shape.first(), Some(Word(words)) if words.contains(&word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_row() {
        for kind in [
            Kind::Home,
            Kind::Category,
            Kind::Article,
            Kind::About,
            Kind::Search,
            Kind::Register,
            Kind::Document,
            Kind::SnippetBuilder,
            Kind::Widget,
            Kind::Offline,
            Kind::Consultations,
            Kind::Consultation,
            Kind::Questions,
            Kind::Ask,
            Kind::QuestionStatus,
            Kind::Answer,
        ] {
            assert_eq!(
                TABLE.iter().filter(|s| s.kind == kind).count(),
                1,
                "{kind:?}"
            );
        }
        assert_eq!(Kind::NotFound.spec().kind, Kind::NotFound);
    }

    #[test]
    fn claimed_words_are_not_slugs() {
        assert_eq!(kind_of(&["van-ban", "a", "b"]), Kind::NotFound);
        assert_eq!(kind_of(&["tim-kiem", "a"]), Kind::NotFound);
        assert_eq!(kind_of(&["nhung", "a", "b"]), Kind::NotFound);
        assert_eq!(kind_of(&["about", "a", "b"]), Kind::NotFound);
        assert_eq!(kind_of(&["trang"]), Kind::Category);
        assert_eq!(kind_of(&["thoi-su", "trang"]), Kind::Article);
        assert!(claims("gioi-thieu") && claims("nhung") && !claims("trang"));
        assert_eq!(kind_of(&["hoi-dap", "gui-cau-hoi"]), Kind::Ask);
        assert_eq!(kind_of(&["hoi-dap", "tra-cuu"]), Kind::QuestionStatus);
        assert_eq!(kind_of(&["hoi-dap", "doi-giay-phep"]), Kind::Answer);
        assert_eq!(kind_of(&["hoi-dap", "a", "b"]), Kind::NotFound);
        assert_eq!(kind_of(&["lay-y-kien", "a", "b"]), Kind::NotFound);
    }
}
