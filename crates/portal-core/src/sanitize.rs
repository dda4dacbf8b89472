//! The HTML sanitizer's policy: which elements, attributes and URLs survive. The browser-side
//! walker (`src/sanitize.rs` in the app) applies it to a parsed, inert DOM; keeping the policy here
//! lets it be tested natively and exhaustively.

/// What happens to an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagRule {
    /// Keep the element (with its allowed attributes) and its cleaned children.
    Keep,
    /// Keep the element under another name (an `h1` in a body would be a second `h1` on the page).
    Rename(&'static str),
    /// Drop the element but keep its cleaned children (presentational or unknown wrappers).
    Unwrap,
    /// Drop the element and everything inside it.
    Drop,
}

/// Elements kept (with their allowed attributes).
pub const KEEP: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements whose content is code, a resource or a control: removed with everything inside.
pub const DROP: &[&str] = &[
    "applet",
    "audio",
    "base",
    "basefont",
    "button",
    "canvas",
    "datalist",
    "dialog",
    "embed",
    "form",
    "frame",
    "frameset",
    "head",
    "iframe",
    "input",
    "isindex",
    "keygen",
    "link",
    "math",
    "menu",
    "meta",
    "meter",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "optgroup",
    "option",
    "output",
    "param",
    "picture",
    "plaintext",
    "portal",
    "progress",
    "script",
    "select",
    "slot",
    "source",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "track",
    "video",
    "xmp",
];

/// The rule for an element, by lowercase local name. Unknown elements are unwrapped, so their text
/// survives but nothing about them does. `iframe` is decided separately (see [`embed_allowed`]).
pub fn tag_rule(tag: &str) -> TagRule {
    if tag == "h1" {
        TagRule::Rename("h2")
    } else if KEEP.contains(&tag) {
        TagRule::Keep
    } else if DROP.contains(&tag) {
        TagRule::Drop
    } else {
        TagRule::Unwrap
    }
}

/// Attributes that carry a URL and must pass [`url_allowed`].
pub fn is_url_attr(attr: &str) -> bool {
    matches!(attr, "href" | "src" | "cite")
}

/// Whether `attr` may stay on `tag` (names lowercase). No `style`, `class`, `id` or event handlers
/// anywhere: they would let content restyle the page, clobber DOM globals or run script.
pub fn attr_allowed(tag: &str, attr: &str) -> bool {
    if matches!(attr, "title" | "lang" | "dir") {
        return true;
    }
    matches!(
        (tag, attr),
        ("a", "href")
            | ("img", "src" | "alt" | "width" | "height")
            | (
                "iframe",
                "src" | "title" | "width" | "height" | "allowfullscreen"
            )
            | ("td" | "th", "colspan" | "rowspan" | "headers")
            | ("th", "scope" | "abbr")
            | ("col" | "colgroup", "span")
            | ("ol", "start" | "reversed" | "type")
            | ("li", "value")
            | ("time" | "del" | "ins", "datetime")
            | ("blockquote" | "q" | "del" | "ins", "cite")
    )
}

/// The scheme of a URL after the normalisation browsers apply (control characters and whitespace
/// removed, lowercased), or `None` for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    cleaned[end..]
        .starts_with(':')
        .then(|| cleaned[..end].to_ascii_lowercase())
}

/// Whether a URL may be used in `href`/`src`/`cite`: http, https, mailto, tel, or relative.
/// `data:` is allowed only for raster images in `img src`.
pub fn url_allowed(tag: &str, attr: &str, url: &str) -> bool {
    if url.chars().any(|c| c == '\\') {
        return false;
    }
    match scheme(url).as_deref() {
        None => true,
        Some("http" | "https") => true,
        Some("mailto" | "tel") => attr == "href",
        Some("data") => {
            tag == "img" && attr == "src" && {
                let lower = url.trim_start().to_ascii_lowercase();
                [
                    "data:image/png;",
                    "data:image/jpeg;",
                    "data:image/gif;",
                    "data:image/webp;",
                ]
                .iter()
                .any(|p| lower.starts_with(p))
            }
        }
        Some(_) => false,
    }
}

/// Hosts whose players may be embedded, over https only, on their embed paths.
const EMBEDS: &[(&str, &str)] = &[
    ("www.youtube-nocookie.com", "/embed/"),
    ("www.youtube.com", "/embed/"),
    ("player.vimeo.com", "/video/"),
];

/// Whether an `iframe src` points at an allowed embed.
pub fn embed_allowed(src: &str) -> bool {
    let Some(rest) = src.trim().strip_prefix("https://") else {
        return false;
    };
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    EMBEDS
        .iter()
        .any(|(h, p)| host.eq_ignore_ascii_case(h) && path.starts_with(p))
}

/// Whether a link leaves the portal (gets `rel="noopener noreferrer"` and an external marker).
pub fn is_external(href: &str) -> bool {
    matches!(scheme(href).as_deref(), Some("http" | "https")) || href.trim_start().starts_with("//")
}

/// Deepest nesting kept; anything deeper is dropped so hostile input cannot exhaust the stack.
pub const MAX_DEPTH: usize = 48;

/// What the portal sets on a kept element whatever the content said: lazy images, sandboxed
/// embeds. Both walkers (the browser's, and the prerender's) apply the same list.
pub fn added_attributes(tag: &str) -> &'static [(&'static str, &'static str)] {
    match tag {
        "img" => &[("loading", "lazy"), ("decoding", "async")],
        "iframe" => &[
            (
                "sandbox",
                "allow-scripts allow-same-origin allow-presentation allow-popups",
            ),
            ("referrerpolicy", "strict-origin-when-cross-origin"),
            ("loading", "lazy"),
        ],
        _ => &[],
    }
}

/// `rel` of a link that leaves the portal ([`is_external`]).
pub const EXTERNAL_REL: &str = "noopener noreferrer external";
// An embed without a `title`, a table without a caption are named in the page's language
// (`i18n::Texts`'s `embed_title`, `table_label`).

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_rules() {
        assert_eq!(tag_rule("p"), TagRule::Keep);
        assert_eq!(tag_rule("h1"), TagRule::Rename("h2"));
        assert_eq!(tag_rule("script"), TagRule::Drop);
        assert_eq!(tag_rule("svg"), TagRule::Drop);
        assert_eq!(tag_rule("math"), TagRule::Drop);
        assert_eq!(tag_rule("font"), TagRule::Unwrap);
        assert_eq!(tag_rule("x-widget"), TagRule::Unwrap);
        for t in KEEP {
            assert!(!DROP.contains(t), "{t} both kept and dropped");
        }
    }

    #[test]
    fn attributes() {
        assert!(attr_allowed("a", "href"));
        assert!(attr_allowed("img", "alt"));
        assert!(attr_allowed("th", "scope"));
        for bad in [
            "onclick",
            "onerror",
            "style",
            "class",
            "id",
            "srcdoc",
            "formaction",
            "xlink:href",
            "srcset",
        ] {
            assert!(
                !attr_allowed("a", bad) && !attr_allowed("img", bad),
                "{bad}"
            );
        }
    }

    #[test]
    fn urls() {
        for ok in [
            "https://example.gov.vn/a",
            "http://x",
            "mailto:a@b.vn",
            "tel:+84240000",
            "media/a.svg",
            "/x",
            "#muc",
            "?trang=2",
            "./trang-2:a",
        ] {
            assert!(url_allowed("a", "href", ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{0001}javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "jav&#x09;ascript:alert(1)".replace("&#x09;", "\t").as_str(),
            "file:///etc/passwd",
            "\\\\evil\\share",
        ] {
            assert!(!url_allowed("a", "href", bad), "{bad:?}");
        }
        assert!(url_allowed("img", "src", "data:image/png;base64,iVBOR"));
        assert!(!url_allowed(
            "img",
            "src",
            "data:image/svg+xml;base64,PHN2Zz4="
        ));
        assert!(!url_allowed("a", "href", "data:image/png;base64,iVBOR"));
        assert!(!url_allowed("img", "src", "mailto:a@b"));
    }

    #[test]
    fn embeds() {
        assert!(embed_allowed("https://www.youtube-nocookie.com/embed/abc"));
        assert!(embed_allowed("https://player.vimeo.com/video/1"));
        assert!(!embed_allowed("http://www.youtube.com/embed/abc"));
        assert!(!embed_allowed("https://www.youtube.com.evil.vn/embed/abc"));
        assert!(!embed_allowed("https://evil.vn/www.youtube.com/embed/"));
        assert!(!embed_allowed("javascript:alert(1)"));
    }

    #[test]
    fn external_links() {
        assert!(is_external("https://example.gov.vn"));
        assert!(is_external("//cdn.example"));
        assert!(!is_external("dich-vu-cong"));
        assert!(!is_external("mailto:a@b"));
    }
}
