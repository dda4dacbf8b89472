//! The portal's languages and its interface's words in each: compile-time tables (an exhaustive
//! struct per language), not an i18n crate, because a first visit pays for every byte of wasm and
//! these tables cost only their strings (README "Languages"). A string without its English form
//! does not compile (the `texts!` macro takes both), and `tests::every_string_is_translated` fails
//! on one copied untranslated.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A language of the portal. Vietnamese is the default: a document without `lang` is Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 code (`lang`, `hreflang`, the API's `lang` fields).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" | "vi-vn" => Some(Lang::Vi),
            "en" | "en-gb" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first path segment of this language's pages, after the deployment's base: Vietnamese at
    /// the root, English under `/en`.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::Vi => "",
            Lang::En => "/en",
        }
    }

    /// Splits a path relative to the deployment's base into its language and the path relative
    /// to that language's root: `/en/news/a` → (En, `/news/a`), `/en` → (En, `/`),
    /// `/thoi-su` → (Vi, `/thoi-su`).
    pub fn split(path: &str) -> (Lang, &str) {
        match path.strip_prefix(Lang::En.prefix()) {
            Some("") => (Lang::En, "/"),
            Some(rest) if rest.starts_with('/') => (Lang::En, rest),
            _ => (Lang::Vi, path),
        }
    }

    /// A route of this language as a path relative to the deployment's base (`/news` →
    /// `/en/news`; English's home is `/en`).
    pub fn route(self, route: &str) -> String {
        match (self, route) {
            (Lang::Vi, _) => route.to_owned(),
            (_, "/" | "") => self.prefix().to_owned(),
            _ => format!("{}{route}", self.prefix()),
        }
    }

    /// A document of this language, relative to the API base: English documents live under `en/`
    /// with the same layout (`en/site.json`, `en/articles/<slug>.json`), except the register's,
    /// which is one for every language (`legal::register::LANGUAGE`).
    pub fn doc(self, doc: &str) -> String {
        match self {
            Lang::Vi => doc.to_owned(),
            _ if crate::legal::register::is_register_doc(doc) => doc.to_owned(),
            Lang::En => format!("en/{doc}"),
        }
    }

    /// The other language, which the header's switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// The language's name in itself, as the switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }

    /// What separates a number's whole part from its decimals ("1,2 MB", "1.2 MB").
    pub fn decimal_mark(self) -> char {
        match self {
            Lang::Vi => ',',
            Lang::En => '.',
        }
    }

    /// Open Graph's locale.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::Vi => "vi_VN",
            Lang::En => "en_GB",
        }
    }

    /// The language with its region, as speech synthesis names voices.
    pub fn regional(self) -> &'static str {
        match self {
            Lang::Vi => "vi-VN",
            Lang::En => "en-GB",
        }
    }

    /// The interface's words in this language (those every app shows; each area's own table
    /// has its `of`).
    pub fn texts(self) -> &'static Texts {
        Texts::of(self)
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Tolerant, like the rest of the contract: a language the portal does not speak reads as
/// Vietnamese rather than reject the document.
impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = Option::<String>::deserialize(d)?;
        Ok(code
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default())
    }
}

/// `template` with each `{}` replaced by the next of `args`.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(args.next().copied().unwrap_or_default());
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// Declares a table of the interface's words: a struct with a field per string, filled once per
/// language (`$table::of`). Each area has its own table (`common`, `search`, `register`,
/// `builder`), so an app's wasm carries only the words of the pages it shows.
macro_rules! texts {
    ($(#[$meta:meta])* $table:ident { $($(#[$doc:meta])* $name:ident: $vi:expr, $en:expr;)* }) => {
        $(#[$meta])*
        /// `{}` marks where [`crate::i18n::fill`] puts a value.
        pub struct $table {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        impl $table {
            /// The table in `lang`.
            pub fn of(lang: $crate::i18n::Lang) -> &'static $table {
                static VI: $table = $table { $($name: $vi,)* };
                static EN: $table = $table { $($name: $en,)* };
                match lang {
                    $crate::i18n::Lang::Vi => &VI,
                    $crate::i18n::Lang::En => &EN,
                }
            }

            /// Every string: its name, Vietnamese, English.
            pub fn all() -> Vec<(&'static str, &'static str, &'static str)> {
                vec![$((stringify!($name), $vi, $en),)*]
            }
        }
    };
}

mod builder;
mod common;
mod offline;
mod participation;
mod register;
mod search;

pub use builder::BuilderTexts;
pub use common::Texts;
pub use offline::OfflineTexts;
pub use participation::{FormTexts, ParticipationTexts};
pub use register::RegisterTexts;
pub use search::SearchTexts;

/// The months' names for English dates ("1 November 2022").
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Letters only Vietnamese has: an "English" string with one was copied, not translated.
    fn vietnamese_letters(s: &str) -> bool {
        s.chars().any(|c| {
            "ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
                .contains(c.to_lowercase().next().unwrap_or(c))
        })
    }

    /// Why a pair is not a translation, if it is not.
    fn problem(vi: &str, en: &str) -> Option<&'static str> {
        if en.trim().is_empty() {
            Some("no English")
        } else if vietnamese_letters(en) {
            Some("English has Vietnamese letters (copied, not translated?)")
        } else if vi.matches("{}").count() != en.matches("{}").count() {
            Some("the two take a different number of values")
        } else if vi.trim().is_empty() {
            Some("no Vietnamese")
        } else {
            None
        }
    }

    #[test]
    fn every_string_is_translated() {
        let all = [
            Texts::all(),
            SearchTexts::all(),
            RegisterTexts::all(),
            BuilderTexts::all(),
            OfflineTexts::all(),
            ParticipationTexts::all(),
            FormTexts::all(),
        ];
        let bad: Vec<String> = all
            .into_iter()
            .flatten()
            .filter_map(|(name, vi, en)| problem(vi, en).map(|p| format!("{name}: {p}")))
            .collect();
        assert!(bad.is_empty(), "{bad:#?}");
    }

    #[test]
    fn the_check_catches_what_it_is_for() {
        assert_eq!(problem("Trang chủ", ""), Some("no English"));
        assert!(problem("Trang chủ", "Trang chủ").is_some());
        assert!(problem("{} bài viết", "articles").is_some());
        assert_eq!(problem("Trang chủ", "Home"), None);
    }

    #[test]
    fn paths_split_and_join() {
        assert_eq!(Lang::split("/en/news/a"), (Lang::En, "/news/a"));
        assert_eq!(Lang::split("/en"), (Lang::En, "/"));
        assert_eq!(Lang::split("/en/"), (Lang::En, "/"));
        assert_eq!(Lang::split("/english"), (Lang::Vi, "/english"));
        assert_eq!(Lang::split("/thoi-su"), (Lang::Vi, "/thoi-su"));
        assert_eq!(Lang::En.route("/"), "/en");
        assert_eq!(Lang::En.route("/news"), "/en/news");
        assert_eq!(Lang::Vi.route("/"), "/");
        assert_eq!(Lang::En.doc("site.json"), "en/site.json");
        assert_eq!(Lang::Vi.doc("site.json"), "site.json");
        assert_eq!(Lang::En.doc("documents/index.json"), "documents/index.json");
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
            assert_eq!(l.other().other(), l);
            let path = l.route("/about");
            assert_eq!(Lang::split(&path), (l, "/about"));
        }
    }

    #[test]
    fn decodes_tolerantly() {
        let l: Lang = serde_json::from_str("\"en\"").unwrap();
        assert_eq!(l, Lang::En);
        let l: Lang = serde_json::from_str("\"fr\"").unwrap();
        assert_eq!(l, Lang::Vi);
        let l: Lang = serde_json::from_str("null").unwrap();
        assert_eq!(l, Lang::Vi);
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    }

    #[test]
    fn fills_values_in_order() {
        assert_eq!(fill("{} – page {}", &["News", "2"]), "News – page 2");
        assert_eq!(fill("no values", &["x"]), "no values");
        assert_eq!(fill("{} and {}", &["a"]), "a and ");
    }
}
