//! Every word a reader sees comes from the language tables (`portal_core::i18n`): a view that
//! writes one of its own would show it in the wrong language on the other site. And no literal in
//! the app's code spells a path word, which is the route table's (the last tests).
//!
//! The rule, over every `.rs` file under `src/` and portal-core's markup (`html.rs`, `legal/`),
//! outside comments and `#[cfg(test)]` items: a string literal fails when it is
//! - text of a `view!` with a letter in it;
//! - the value of an attribute a reader is given (`aria-label`, `title`, `placeholder`, `alt`,
//!   `label`, `what`) with a letter in it;
//! - an argument of `page_meta`, `page_meta_with` or `announce_page` (titles, announcements);
//! - anywhere else, text with a Vietnamese letter, HTML with words between its tags, or an English
//!   phrase (two words or more, starting with a capital: "Page {} of {}").
//!
//! Not checked: arguments of logging and assertion macros, `expect` and attributes (`#[…]`),
//! which readers never see; technical strings (classes, ids, attribute names, URLs, paths,
//! `lang` codes) pass the rule as they are. A single lower-case English word outside a view
//! ("search") is not told from a technical one: keep such words in the tables too.

#![cfg(not(target_arch = "wasm32"))]

#[path = "literals/scan.rs"]
mod scan;

use scan::{Literal, Place, literals};
use std::path::{Path, PathBuf};

/// Calls whose arguments readers never see.
const UNSEEN: &[&str] = &[
    "#",
    "assert!",
    "assert_eq!",
    "assert_ne!",
    "debug_assert!",
    "eprintln!",
    "println!",
    "panic!",
    "unreachable!",
    "log!",
    "warn!",
    "error!",
    "debug_warn!",
    "expect",
    "Err",
    "map_err",
    "ok_or",
];

/// Attributes and component properties a reader is given.
const SHOWN_ATTRIBUTES: &[&str] = &[
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "aria-valuetext",
    "title",
    "placeholder",
    "alt",
    "label",
    "what",
];

/// Functions whose arguments are a page's title, description or announcement.
const SHOWN_CALLS: &[&str] = &["page_meta", "page_meta_with", "announce_page"];

/// Letters only Vietnamese has (the same test as `i18n`'s).
fn vietnamese(s: &str) -> bool {
    s.chars().any(|c| {
        "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
            .contains(c.to_lowercase().next().unwrap_or(c))
    })
}

fn has_letters(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// `s` without its `{}`/`{name}` placeholders: the values are not the literal's words.
fn without_placeholders(s: &str) -> String {
    outside(s, '{', '}', false)
}

/// The text of HTML: what is outside its tags (a piece that closes a tag before it opens one
/// starts inside a tag).
fn outside_tags(s: &str) -> String {
    outside(s, '<', '>', s.find('>') < s.find('<'))
}

/// `s` without what stands between `open` and `close` (`inside`: it starts between them).
fn outside(s: &str, open: char, close: char, mut inside: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == open {
            inside = true;
        } else if c == close {
            inside = false;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// A word in HTML's text: three letters or a capital (not a `<language>vi</language>` code).
fn html_words(s: &str) -> bool {
    s.split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 3 || w.starts_with(char::is_uppercase))
}

/// Two words or more, most of the text, the first with a capital: prose, not a technical string.
fn english_phrase(s: &str) -> bool {
    let tokens: Vec<&str> = s.split_whitespace().collect();
    let word = |t: &str| {
        let t = t.trim_matches(|c: char| ".,;:!?…'’\"«»()–-".contains(c));
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '’')
    };
    let words = tokens.iter().filter(|t| word(t)).count();
    s.trim_start().starts_with(|c: char| c.is_ascii_uppercase())
        && words >= 2
        && words * 2 > tokens.len()
}

/// Why a literal is shown to readers, if it is.
fn shown(l: &Literal) -> Option<&'static str> {
    if l.calls.iter().any(|c| UNSEEN.contains(&c.as_str())) {
        return None;
    }
    let text = without_placeholders(&l.text);
    let html = text.contains('<');
    let words = if html { outside_tags(&text) } else { text };
    match &l.place {
        Place::ViewText if has_letters(&words) => Some("text of a view"),
        Place::ViewAttr(a) if SHOWN_ATTRIBUTES.contains(&a.as_str()) && has_letters(&words) => {
            Some("an attribute readers are given")
        }
        _ if l.calls.iter().any(|c| SHOWN_CALLS.contains(&c.as_str())) && has_letters(&words) => {
            Some("a page's title or announcement")
        }
        _ if vietnamese(&words) => Some("Vietnamese"),
        _ if html && html_words(&words) => Some("words in HTML"),
        _ if english_phrase(&words) => Some("an English phrase"),
        _ => None,
    }
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `file:line: why: "text"` for each literal of `source` shown to readers.
fn problems(name: &str, source: &str) -> Vec<String> {
    literals(source)
        .iter()
        .filter_map(|l| shown(l).map(|why| format!("{name}:{}: {why}: {:?}", l.line, l.text)))
        .collect()
}

#[test]
fn every_word_readers_see_comes_from_the_tables() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("crates/portal-core/src/legal"), &mut files);
    files.push(root.join("crates/portal-core/src/html.rs"));
    assert!(files.len() > 40, "the sources were not found");
    let mut found = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap_or_default();
        let name = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        found.extend(problems(&name, &source));
    }
    assert!(
        found.is_empty(),
        "words outside portal_core::i18n's tables:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_tells_words_from_technical_strings() {
    let shown = [
        r#"view! { <button class="button">"Tìm"</button> }"#,
        r#"view! { <h1>"Search"</h1> }"#,
        r#"view! { <form aria-label="Search the portal"></form> }"#,
        r#"view! { <Filter label="Year" /> }"#,
        r#"fn f() { page_meta("Search", d); }"#,
        r#"fn f() -> String { format!("There are {n} documents") }"#,
        r#"fn f(o: &mut String) { o.push_str("<p>Loading</p>"); }"#,
        r#"fn f() -> &str { "Không tìm thấy" }"#,
        r#"view! { <p>{format!("Page {} of {}", a, b)}</p> }"#,
    ];
    for source in shown {
        assert_eq!(problems("x.rs", source).len(), 1, "{source}");
    }
    let technical = [
        r#"view! { <form class="search-form register-form" role="search" method="get"></form> }"#,
        r#"view! { <a lang="vi" hreflang="vi" href="/van-ban">{t.register}</a> " (" {n} ")" }"#,
        r#"fn f() { leptos::logging::warn!("API document: item left out: {}", e); }"#,
        r#"fn f() { x.expect("The tree is consistent"); }"#,
        r#"fn f(o: &mut String) { o.push_str("<span class=\"relation-summary\"> – "); }"#,
        r#"const SEL: &str = ".article h1, .article .article-lead";"#,
        r#"// Tìm kiếm: "Tìm kiếm"
           fn f() {}"#,
        r#"#[cfg(test)] mod tests { fn t() { assert!(f("Hà Nội") == "Hà Nội"); let x = "Có"; } }"#,
        r#"#[component] fn C(#[prop(default = "card list")] c: &str) {}"#,
        r#"fn f() -> char { '"' } fn g<'a>(s: &'a str) -> &'a str { s }"#,
    ];
    for source in technical {
        assert_eq!(problems("x.rs", source), Vec::<String>::new(), "{source}");
    }
}

/// The portal's path words are the route table's (crates/portal-core): no string literal in the
/// app's code spells one, so a path changes in one place. A word counts where it stands as a path
/// segment or a file's name (`/van-ban`, `nhung.js`, `"tim-kiem"`), not inside prose.
const PATH_WORDS: [&str; 5] = ["tim-kiem", "van-ban", "gioi-thieu", "nhung", "trang"];

/// Whether `literal` spells `word` as a path segment or a file's name.
fn names(literal: &str, word: &str) -> bool {
    literal.match_indices(word).any(|(at, _)| {
        let before = literal[..at].chars().next_back();
        let after = literal[at + word.len()..].chars().next();
        matches!(before, None | Some('/' | '}'))
            && matches!(after, None | Some('/' | '?' | '.' | '#'))
    })
}

#[test]
fn the_path_word_check_finds_path_words_and_leaves_prose() {
    assert!(names("/van-ban", "van-ban"));
    assert!(names("{}nhung/{path}", "nhung"));
    assert!(names("nhung.js", "nhung"));
    assert!(names("tim-kiem", "tim-kiem"));
    assert!(!names("Tìm thấy 3 kết quả, trang 2 trên 5.", "trang"));
    assert!(!names("van-ban-phap-luat", "van-ban"));
    // Comments and test items are not the app's code.
    let texts: Vec<String> = literals(
        "let a = \"x\"; // \"z\"\n// \"w\"\n#[cfg(test)]\nmod tests { const T: &str = \"t\"; }",
    )
    .into_iter()
    .map(|l| l.text)
    .collect();
    assert_eq!(texts, vec!["x".to_owned()]);
}

#[test]
fn no_literal_in_src_names_a_path_word() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 20, "src/ has the app's files");
    let mut found = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap_or_default();
        for l in literals(&source) {
            if PATH_WORDS.iter().any(|w| names(&l.text, w)) {
                found.push(format!("{}:{}: {:?}", file.display(), l.line, l.text));
            }
        }
    }
    assert!(
        found.is_empty(),
        "path words outside the route table:\n{}",
        found.join("\n")
    );
}
