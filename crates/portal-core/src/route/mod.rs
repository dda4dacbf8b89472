//! The one route table: every page of every app, parsed from a path and a query, with its address,
//! the app that shows it and the API documents it reads. The apps' dispatch, prefetching, the
//! prerender, `public/assets/boot.js` (through the documents the prerender names in each page) and
//! the hosts (`host`, generated) all ask this module; the kinds are declared in `table`.

pub mod host;
pub mod menu;
pub mod table;

use crate::legal::register::{REGISTER, document_doc};
use crate::participation::{self as part, ASK, CONSULTATIONS, QUESTIONS, STATUS};
use crate::paths::{self, PAGE_PARAM};
pub use crate::paths::{query_pairs, query_value};
use crate::search::query::Search;
use std::borrow::Cow;
pub use table::{App, Kind, Prerender, SNIPPETS};

/// A page, from its address relative to the deployment's base path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`
    Home,
    /// `/<category>` (`page` none: the front page), `/<category>/trang/<k>` (and the older
    /// `/<category>?trang=<k>`): the `k`-th page counted from the oldest article
    /// ([`crate::pagination::Archive`]).
    Category { slug: String, page: Option<u32> },
    /// `/<category>/<article>`
    Article { category: String, slug: String },
    /// `/gioi-thieu`, `/gioi-thieu/<slug>` (`/about…` in English): the portal's own pages; the
    /// section's first page has the section's word as its slug.
    About { section: String, slug: String },
    /// `/tim-kiem?q=…`: search (its parameters in the query, so the address can be shared).
    Search(Search),
    /// `/van-ban?…`: the legal documents register, its filters in the query (kept as written:
    /// the register page parses them, `crate::legal::filter::Filters`, so the portal's bundle
    /// does not carry that parser).
    Register { query: String },
    /// `/van-ban/<slug>`: one legal document.
    Document { slug: String },
    /// `/nhung`: the snippet builder.
    SnippetBuilder,
    /// `/nhung/<kind>`: a widget (the widget page, no wasm).
    Widget { kind: String },
    /// `/doc-ngoai-tuyen` (`/en/offline`): what this browser can read offline; the service worker
    /// answers with it an address it has no copy of while the network is gone. `word` is the
    /// language's.
    Offline { word: String },
    /// `/lay-y-kien`: the public consultations on drafts.
    Consultations,
    /// `/lay-y-kien/<slug>`: one consultation, with its comment form while open.
    Consultation { slug: String },
    /// `/hoi-dap?linh-vuc=…&q=…`: the published answers, their filters in the query (kept as
    /// written, like the register's).
    Questions { query: String },
    /// `/hoi-dap/gui-cau-hoi`: the form that sends a question.
    Ask,
    /// `/hoi-dap/tra-cuu?ma=<reference>`: a sent question's state.
    QuestionStatus { code: String },
    /// `/hoi-dap/<slug>`: a question and its answer.
    Answer { slug: String },
    /// Anything else.
    NotFound,
}

fn decode(segment: &str) -> Cow<'_, str> {
    percent_encoding::percent_decode_str(segment).decode_utf8_lossy()
}

impl Route {
    /// `path` is relative to the base path (`/thoi-su`, not `/cong/thoi-su`); its segments are
    /// percent-decoded. `query` may start with `?`. The kind is the table's
    /// ([`table::kind_of`]); this reads its fields.
    pub fn parse(path: &str, query: &str) -> Route {
        let decoded: Vec<Cow<'_, str>> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(decode)
            .collect();
        let segments: Vec<&str> = decoded.iter().map(|s| s.as_ref()).collect();
        let at = |i: usize| segments.get(i).map(|s| (*s).to_owned()).unwrap_or_default();
        match table::kind_of(&segments) {
            Kind::Home => Route::Home,
            Kind::SnippetBuilder => Route::SnippetBuilder,
            Kind::Widget => Route::Widget { kind: at(1) },
            Kind::Offline => Route::Offline { word: at(0) },
            Kind::Consultations => Route::Consultations,
            Kind::Consultation => Route::Consultation { slug: at(1) },
            Kind::Questions => Route::Questions {
                query: query.strip_prefix('?').unwrap_or(query).to_owned(),
            },
            Kind::Ask => Route::Ask,
            Kind::QuestionStatus => Route::QuestionStatus {
                code: query_value(query, part::CODE_PARAM).unwrap_or_default(),
            },
            Kind::Answer => Route::Answer { slug: at(1) },
            Kind::Search => Route::Search(Search::parse(query)),
            Kind::Register => Route::Register {
                query: query.strip_prefix('?').unwrap_or(query).to_owned(),
            },
            Kind::Document => Route::Document { slug: at(1) },
            Kind::About => Route::About {
                section: at(0),
                slug: segments.get(1).map_or_else(|| at(0), |s| (*s).to_owned()),
            },
            Kind::Category => match segments.get(2) {
                Some(page) => Route::category(&at(0), Some(page)),
                None => Route::category(&at(0), query_value(query, PAGE_PARAM).as_deref()),
            },
            Kind::Article => Route::Article {
                category: at(0),
                slug: at(1),
            },
            Kind::NotFound => Route::NotFound,
        }
    }

    /// A category page from its route parameters: the page is `trang`'s value, the front page
    /// unless it is a number from 1.
    pub fn category(slug: &str, page: Option<&str>) -> Route {
        Route::Category {
            slug: slug.to_owned(),
            page: page
                .and_then(|p| p.trim().parse::<u32>().ok())
                .filter(|&k| k >= 1),
        }
    }

    /// The route's kind, whose row of the table says which app shows it and how it is written.
    pub fn kind(&self) -> Kind {
        match self {
            Route::Home => Kind::Home,
            Route::Category { .. } => Kind::Category,
            Route::Article { .. } => Kind::Article,
            Route::About { .. } => Kind::About,
            Route::Search(_) => Kind::Search,
            Route::Register { .. } => Kind::Register,
            Route::Document { .. } => Kind::Document,
            Route::SnippetBuilder => Kind::SnippetBuilder,
            Route::Widget { .. } => Kind::Widget,
            Route::Offline { .. } => Kind::Offline,
            Route::Consultations => Kind::Consultations,
            Route::Consultation { .. } => Kind::Consultation,
            Route::Questions { .. } => Kind::Questions,
            Route::Ask => Kind::Ask,
            Route::QuestionStatus { .. } => Kind::QuestionStatus,
            Route::Answer { .. } => Kind::Answer,
            Route::NotFound => Kind::NotFound,
        }
    }

    /// The app that shows this route.
    pub fn app(&self) -> App {
        self.kind().spec().app
    }

    /// The address relative to the base path; `None` for [`Route::NotFound`].
    pub fn href(&self) -> Option<String> {
        Some(match self {
            Route::Home => "/".to_owned(),
            Route::Category { slug, page: None } => paths::category_route(slug),
            Route::Category {
                slug,
                page: Some(k),
            } => paths::archive_route(slug, *k),
            Route::Article { category, slug } => paths::article_route(category, slug),
            Route::About { section, slug } => paths::page_route(section, slug),
            Route::Search(search) => search.href(),
            Route::Register { query } if query.is_empty() => format!("/{REGISTER}"),
            Route::Register { query } => format!("/{REGISTER}?{query}"),
            Route::Document { slug } => format!("/{REGISTER}/{slug}"),
            Route::SnippetBuilder => format!("/{SNIPPETS}"),
            Route::Widget { kind } => format!("/{SNIPPETS}/{kind}"),
            Route::Offline { word } => format!("/{word}"),
            Route::Consultations => format!("/{CONSULTATIONS}"),
            Route::Consultation { slug } => format!("/{CONSULTATIONS}/{slug}"),
            Route::Questions { query } if query.is_empty() => format!("/{QUESTIONS}"),
            Route::Questions { query } => format!("/{QUESTIONS}?{query}"),
            Route::Ask => format!("/{QUESTIONS}/{ASK}"),
            Route::QuestionStatus { code } if code.is_empty() => format!("/{QUESTIONS}/{STATUS}"),
            Route::QuestionStatus { code } => {
                let q: String = form_urlencoded::Serializer::new(String::new())
                    .append_pair(part::CODE_PARAM, code)
                    .finish();
                format!("/{QUESTIONS}/{STATUS}?{q}")
            }
            Route::Answer { slug } => format!("/{QUESTIONS}/{slug}"),
            Route::NotFound => return None,
        })
    }

    /// The API document the page shows (relative to the API base), if any; `None` too when a slug
    /// could not name a document. Widget pages read theirs with their own parameters.
    pub fn document(&self) -> Option<String> {
        match self {
            Route::Home => Some(paths::home_doc()),
            Route::Category { slug, page: None } => paths::category_doc(slug),
            Route::Category {
                slug,
                page: Some(k),
            } => paths::archive_doc(slug, *k),
            Route::Article { slug, .. } => paths::article_doc(slug),
            Route::Document { slug } => document_doc(slug),
            // `/gioi-thieu/gioi-thieu` is not an address: the section's first page is `/gioi-thieu`.
            Route::About { section, slug }
                if section == slug || !paths::ABOUT.contains(&slug.as_str()) =>
            {
                paths::page_doc(slug)
            }
            Route::About { .. } => None,
            Route::Consultations => Some(part::consultations_doc()),
            Route::Consultation { slug } => part::consultation_doc(slug),
            Route::Questions { .. } => Some(part::answers_doc()),
            Route::Answer { slug } => part::answer_doc(slug),
            // The form reads the fields from the answers' index.
            Route::Ask => Some(part::answers_doc()),
            // The state comes from the receiver, never from a file.
            Route::QuestionStatus { .. } => None,
            // A search or the register reads several documents (indexes, or a CMS's endpoint).
            Route::Search(_)
            | Route::Register { .. }
            | Route::SnippetBuilder
            | Route::Widget { .. }
            | Route::Offline { .. }
            | Route::NotFound => None,
        }
    }

    /// Every document the page reads first (relative to the API base, in the page's language's
    /// folder): what `public/assets/boot.js` fetches ahead while the wasm downloads, named in the
    /// prerendered page (`<meta name="portal-documents">`). The site document for every page of
    /// the portal's frame; a search and the register start from their index's manifest.
    pub fn documents(&self) -> Vec<String> {
        let mut docs = Vec::new();
        if !matches!(self, Route::Widget { .. }) {
            docs.push(paths::site_doc());
        }
        match self {
            Route::Search(_) => docs.push(crate::search::index::manifest_doc()),
            Route::Register { .. } => docs.push(crate::legal::register::manifest_doc()),
            _ => docs.extend(self.document()),
        }
        docs
    }

    /// The app that shows `path` (relative to the base path, in either language): the table's
    /// answer for its kind. An unknown address is the portal's (its 404 page), whatever its first
    /// word, as the hosts serve it (`host`).
    pub fn app_of(path: &str) -> App {
        let (_, path) = crate::i18n::Lang::split(path);
        Route::parse(path, "").app()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(slug: &str, page: u32) -> Route {
        Route::Category {
            slug: slug.into(),
            page: (page >= 1).then_some(page),
        }
    }

    #[test]
    fn parses_every_kind() {
        assert_eq!(Route::parse("/", ""), Route::Home);
        assert_eq!(Route::parse("", ""), Route::Home);
        assert_eq!(Route::parse("/thoi-su", ""), cat("thoi-su", 0));
        assert_eq!(Route::parse("/thoi-su/", "?trang=3"), cat("thoi-su", 3));
        assert_eq!(
            Route::parse("/thoi-su/bai-a", "trang=2"),
            Route::Article {
                category: "thoi-su".into(),
                slug: "bai-a".into()
            }
        );
        assert_eq!(Route::parse("/nhung", ""), Route::SnippetBuilder);
        assert_eq!(
            Route::parse("/nhung/moi-nhat", "so=5"),
            Route::Widget {
                kind: "moi-nhat".into()
            }
        );
        assert_eq!(Route::parse("/nhung/a/b", ""), Route::NotFound);
        assert_eq!(Route::parse("/a/b/c", ""), Route::NotFound);
        assert_eq!(
            Route::parse("/van-ban", "?loai=quyet-dinh"),
            Route::Register {
                query: "loai=quyet-dinh".into()
            }
        );
        assert_eq!(Route::parse("/van-ban/a/b", ""), Route::NotFound);
        assert_eq!(Route::parse("/tim-kiem/a", ""), Route::NotFound);
        assert_eq!(Route::parse("/thoi-su/trang/3", ""), cat("thoi-su", 3));
        assert_eq!(
            Route::parse("/gioi-thieu/lanh-dao", ""),
            Route::About {
                section: "gioi-thieu".into(),
                slug: "lanh-dao".into()
            }
        );
        assert_eq!(Route::parse("/about/a/b", ""), Route::NotFound);
        assert_eq!(
            Route::parse("/thoi-su/trang/3/", "?trang=5"),
            cat("thoi-su", 3)
        );
        assert_eq!(Route::parse("/thoi-su/trang/x", ""), cat("thoi-su", 0));
        assert_eq!(
            Route::parse("/tim-kiem/", "q=ha+noi&nam=2025"),
            Route::Search(Search {
                q: "ha noi".into(),
                year: Some(2025),
                page: 1,
                ..Search::default()
            })
        );
        assert_eq!(
            Route::Search(Search::parse("q=a&trang=2"))
                .href()
                .as_deref(),
            Some("/tim-kiem?q=a&trang=2")
        );
    }

    #[test]
    fn query_and_segments_are_percent_decoded_the_same_everywhere() {
        // The page decodes `trang`; prefetching used not to (issue 13): both now ask Route.
        assert_eq!(Route::parse("/thoi-su", "?trang=%32"), cat("thoi-su", 2));
        assert_eq!(Route::parse("/thoi-su", "x=1&trang=+4+"), cat("thoi-su", 4));
        assert_eq!(Route::parse("/thoi-su", "trang=abc"), cat("thoi-su", 0));
        assert_eq!(Route::parse("/thoi-su", "trang=0"), cat("thoi-su", 0));
        assert_eq!(Route::parse("/thoi%2Dsu", ""), cat("thoi-su", 0));
        assert_eq!(Route::parse("/%6Ehung", ""), Route::SnippetBuilder);
        assert_eq!(query_value("?a=1&a=2", "a").as_deref(), Some("1"));
        assert_eq!(
            query_pairs("q=H%C3%A0+N%E1%BB%99i&x"),
            vec![("q".into(), "Hà Nội".into()), ("x".into(), String::new())]
        );
    }

    #[test]
    fn hrefs_and_documents() {
        let routes = [
            (Route::Home, Some("/"), Some("home.json")),
            (
                cat("thoi-su", 0),
                Some("/thoi-su"),
                Some("categories/thoi-su/index.json"),
            ),
            (
                cat("thoi-su", 3),
                Some("/thoi-su/trang/3"),
                Some("categories/thoi-su/3.json"),
            ),
            (
                Route::Article {
                    category: "thoi-su".into(),
                    slug: "bai-a".into(),
                },
                Some("/thoi-su/bai-a"),
                Some("articles/bai-a.json"),
            ),
            (Route::SnippetBuilder, Some("/nhung"), None),
            (
                Route::About {
                    section: "gioi-thieu".into(),
                    slug: "gioi-thieu".into(),
                },
                Some("/gioi-thieu"),
                Some("pages/gioi-thieu.json"),
            ),
            (
                Route::About {
                    section: "about".into(),
                    slug: "organisation".into(),
                },
                Some("/about/organisation"),
                Some("pages/organisation.json"),
            ),
            (
                Route::About {
                    section: "gioi-thieu".into(),
                    slug: "about".into(),
                },
                Some("/gioi-thieu/about"),
                None,
            ),
            (
                Route::Document {
                    slug: "nd-42-2022-nd-cp".into(),
                },
                Some("/van-ban/nd-42-2022-nd-cp"),
                Some("documents/nd-42-2022-nd-cp.json"),
            ),
            (
                Route::Widget {
                    kind: "noi-bat".into(),
                },
                Some("/nhung/noi-bat"),
                None,
            ),
            (
                Route::Offline {
                    word: "doc-ngoai-tuyen".into(),
                },
                Some("/doc-ngoai-tuyen"),
                None,
            ),
            (Route::NotFound, None, None),
            // A slug that cannot name a document fetches nothing.
            (cat("Bad_Slug", 0), Some("/Bad_Slug"), None),
            (cat("..%2Fsite", 0), Some("/..%2Fsite"), None),
        ];
        for (route, href, doc) in routes {
            assert_eq!(route.href().as_deref(), href, "{route:?}");
            assert_eq!(route.document().as_deref(), doc, "{route:?}");
            // Every address parses back to its route.
            if let Some(h) = href
                && doc.is_some()
            {
                let (path, query) = h.split_once('?').unwrap_or((h, ""));
                assert_eq!(Route::parse(path, query), route);
            }
        }
    }

    #[test]
    fn the_offline_page_in_both_languages() {
        for lang in [crate::i18n::Lang::Vi, crate::i18n::Lang::En] {
            let path = paths::offline_route(lang);
            let route = Route::parse(&path, "");
            assert_eq!(route.kind(), Kind::Offline, "{path}");
            assert_eq!(route.href(), Some(path));
            assert_eq!(route.documents(), vec![paths::site_doc()]);
        }
        // Its word is the table's: no category can take it.
        assert_eq!(
            Route::parse("/doc-ngoai-tuyen/x", "").kind(),
            Kind::NotFound
        );
    }

    #[test]
    fn participation_routes_round_trip() {
        let routes = [
            (
                Route::Consultations,
                "/lay-y-kien",
                Some("consultations/index.json"),
            ),
            (
                Route::Consultation {
                    slug: "du-thao-a".into(),
                },
                "/lay-y-kien/du-thao-a",
                Some("consultations/du-thao-a.json"),
            ),
            (
                Route::Questions {
                    query: "linh-vuc=y-te&q=the".into(),
                },
                "/hoi-dap?linh-vuc=y-te&q=the",
                Some("questions/index.json"),
            ),
            (
                Route::Ask,
                "/hoi-dap/gui-cau-hoi",
                Some("questions/index.json"),
            ),
            (
                Route::QuestionStatus {
                    code: "HD-0000 0001".into(),
                },
                "/hoi-dap/tra-cuu?ma=HD-0000+0001",
                None,
            ),
            (
                Route::Answer {
                    slug: "doi-giay-phep".into(),
                },
                "/hoi-dap/doi-giay-phep",
                Some("questions/doi-giay-phep.json"),
            ),
        ];
        for (route, href, doc) in routes {
            assert_eq!(route.href().as_deref(), Some(href), "{route:?}");
            assert_eq!(route.document().as_deref(), doc, "{route:?}");
            let (path, query) = href.split_once('?').unwrap_or((href, ""));
            assert_eq!(Route::parse(path, query), route);
            assert_eq!(route.app(), App::Participation);
        }
        assert_eq!(
            Route::Answer {
                slug: "../x".into()
            }
            .document(),
            None
        );
    }

    #[test]
    fn which_app() {
        assert_eq!(Route::app_of("/nhung/moi-nhat"), App::WidgetPage);
        assert_eq!(Route::app_of("/nhung"), App::SnippetBuilder);
        assert_eq!(Route::app_of("/thoi-su"), App::Portal);
        assert_eq!(Route::app_of("/nhung/"), App::SnippetBuilder);
        assert_eq!(Route::app_of("/nhung/a/b"), App::Portal);
        assert_eq!(Route::app_of("/nhung-x"), App::Portal);
        assert_eq!(Route::app_of("/"), App::Portal);
        assert_eq!(Route::app_of("/tim-kiem"), App::Lookup);
        assert_eq!(Route::app_of("/tim-kiem/x"), App::Portal);
        assert_eq!(Route::app_of("/en/tim-kiem"), App::Lookup);
        assert_eq!(Route::app_of("/van-ban"), App::Lookup);
        assert_eq!(Route::app_of("/van-ban/nd-42-2022-nd-cp"), App::Lookup);
        assert_eq!(Route::app_of("/van-ban-phap-luat"), App::Portal);
        assert_eq!(Route::app_of("/gioi-thieu/lien-he"), App::Lookup);
        assert_eq!(Route::app_of("/en/about"), App::Lookup);
        assert_eq!(Route::app_of("/en/news"), App::Portal);
        assert_eq!(Route::app_of("/en"), App::Portal);
    }
}
