//! Parameters of the embeddable widgets (`/nhung/<kind>?…`), validated before anything is fetched,
//! so a bad snippet on a district site shows a clear message inside its own box.

use crate::slug::is_valid_slug;

pub const MAX_COUNT: u32 = 10;
pub const DEFAULT_COUNT: u32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidgetKind {
    /// The newest articles of one category.
    Latest,
    /// The portal's featured stories.
    Featured,
}

impl WidgetKind {
    pub fn from_path(segment: &str) -> Option<Self> {
        match segment {
            "moi-nhat" | "latest" => Some(WidgetKind::Latest),
            "noi-bat" | "featured" => Some(WidgetKind::Featured),
            _ => None,
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            WidgetKind::Latest => "moi-nhat",
            WidgetKind::Featured => "noi-bat",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

pub use crate::i18n::Lang;

/// Where article links open: the host's whole window, or a new tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTarget {
    Top,
    NewTab,
}

impl LinkTarget {
    pub fn attr(self) -> &'static str {
        match self {
            LinkTarget::Top => "_top",
            LinkTarget::NewTab => "_blank",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetParams {
    pub kind: WidgetKind,
    pub category: Option<String>,
    pub count: u32,
    pub theme: Theme,
    /// `#rrggbb`, validated.
    pub accent: Option<String>,
    pub lang: Lang,
    pub target: LinkTarget,
    /// The embedding page's origin, the only one the widget reports its height to.
    pub host: Option<String>,
    /// The loader's id for this box, echoed in height messages.
    pub id: Option<String>,
}

fn valid_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// An origin as `URL.origin` prints it: scheme, host, optional port; nothing else.
pub fn valid_origin(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    !rest.is_empty()
        && rest.len() <= 253
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
}

/// Reads the query of a widget URL. Every problem is reported (in Vietnamese), not just the first.
pub fn parse(kind: WidgetKind, query: &[(String, String)]) -> Result<WidgetParams, Vec<String>> {
    let get = |names: &[&str]| {
        query
            .iter()
            .find(|(k, _)| names.contains(&k.as_str()))
            .map(|(_, v)| v.trim())
    };
    let mut errors = Vec::new();
    let category = match get(&["chuyen-muc", "category"]) {
        Some(c) if is_valid_slug(c) => Some(c.to_owned()),
        Some(c) => {
            errors.push(format!("Chuyên mục “{c}” không hợp lệ."));
            None
        }
        None if kind == WidgetKind::Latest => {
            errors.push("Thiếu tham số chuyên mục (data-category).".to_owned());
            None
        }
        None => None,
    };
    let count = match get(&["so-luong", "limit"]) {
        None | Some("") => DEFAULT_COUNT,
        Some(n) => match n.parse::<u32>() {
            Ok(n) if (1..=MAX_COUNT).contains(&n) => n,
            _ => {
                errors.push(format!("Số lượng “{n}” phải từ 1 đến {MAX_COUNT}."));
                DEFAULT_COUNT
            }
        },
    };
    let theme = match get(&["giao-dien", "theme"]) {
        None | Some("") | Some("light") | Some("sang") => Theme::Light,
        Some("dark") | Some("toi") => Theme::Dark,
        Some(t) => {
            errors.push(format!("Giao diện “{t}” không hợp lệ (light hoặc dark)."));
            Theme::Light
        }
    };
    let accent = match get(&["mau", "accent"]) {
        None | Some("") => None,
        Some(c) if valid_hex_colour(c) => Some(c.to_ascii_lowercase()),
        Some(c) => {
            errors.push(format!("Màu nhấn “{c}” phải có dạng #rrggbb."));
            None
        }
    };
    let lang = match get(&["ngon-ngu", "lang"]) {
        None | Some("") | Some("vi") => Lang::Vi,
        Some("en") => Lang::En,
        Some(l) => {
            errors.push(format!("Ngôn ngữ “{l}” không hợp lệ (vi hoặc en)."));
            Lang::Vi
        }
    };
    let target = match get(&["mo", "target"]) {
        None | Some("") | Some("top") => LinkTarget::Top,
        Some("new") | Some("blank") => LinkTarget::NewTab,
        Some(t) => {
            errors.push(format!(
                "Cách mở liên kết “{t}” không hợp lệ (top hoặc new)."
            ));
            LinkTarget::Top
        }
    };
    let host = get(&["host"])
        .filter(|h| valid_origin(h))
        .map(str::to_owned);
    let id = get(&["id"])
        .filter(|i| {
            !i.is_empty()
                && i.len() <= 40
                && i.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        .map(str::to_owned);
    if errors.is_empty() {
        Ok(WidgetParams {
            kind,
            category,
            count,
            theme,
            accent,
            lang,
            target,
            host,
            id,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_and_aliases() {
        let p = parse(WidgetKind::Latest, &q(&[("category", "thoi-su")])).unwrap();
        assert_eq!(
            (p.count, p.theme, p.lang, p.target, p.accent),
            (5, Theme::Light, Lang::Vi, LinkTarget::Top, None)
        );
        let p = parse(
            WidgetKind::Latest,
            &q(&[
                ("chuyen-muc", "kinh-te"),
                ("so-luong", "3"),
                ("giao-dien", "dark"),
                ("mau", "#A3161A"),
                ("ngon-ngu", "en"),
                ("mo", "new"),
            ]),
        )
        .unwrap();
        assert_eq!(p.category.as_deref(), Some("kinh-te"));
        assert_eq!(
            (p.count, p.theme, p.lang, p.target),
            (3, Theme::Dark, Lang::En, LinkTarget::NewTab)
        );
        assert_eq!(p.accent.as_deref(), Some("#a3161a"));
        assert!(
            parse(WidgetKind::Featured, &[]).is_ok(),
            "featured needs no category"
        );
    }

    #[test]
    fn reports_every_bad_parameter() {
        let errors = parse(
            WidgetKind::Latest,
            &q(&[
                ("category", "../x"),
                ("limit", "99"),
                ("theme", "pink"),
                ("accent", "red;x"),
                ("lang", "fr"),
                ("target", "parent"),
            ]),
        )
        .unwrap_err();
        assert_eq!(errors.len(), 6, "{errors:?}");
        assert!(
            parse(WidgetKind::Latest, &[]).unwrap_err()[0].contains("Thiếu tham số chuyên mục")
        );
        assert!(parse(WidgetKind::Latest, &q(&[("category", "a"), ("limit", "0")])).is_err());
    }

    #[test]
    fn host_and_id_are_sanitised() {
        let p = parse(
            WidgetKind::Featured,
            &q(&[("host", "https://quan1.example.gov.vn:8443"), ("id", "w-1")]),
        )
        .unwrap();
        assert_eq!(p.host.as_deref(), Some("https://quan1.example.gov.vn:8443"));
        assert_eq!(p.id.as_deref(), Some("w-1"));
        let p = parse(
            WidgetKind::Featured,
            &q(&[("host", "javascript:alert(1)"), ("id", "<x>")]),
        )
        .unwrap();
        assert_eq!((p.host, p.id), (None, None));
        assert!(!valid_origin("https://a.vn/path"));
        assert!(!valid_origin("*"));
    }
}
