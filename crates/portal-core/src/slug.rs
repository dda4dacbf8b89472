//! Vietnamese-aware slugs and diacritic folding.
//!
//! A small table instead of a Unicode normalisation crate: Vietnamese needs only the Latin letters
//! below, and the table costs a few hundred bytes of wasm where a full decomposition table costs tens
//! of kilobytes.

const FOLDS: &[(char, &str)] = &[
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('i', "ìíỉĩị"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('u', "ùúủũụưừứửữự"),
    ('y', "ỳýỷỹỵ"),
    ('d', "đ"),
];

/// Folds one lowercase character to its base Latin letter (`ệ` → `e`, `đ` → `d`).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    for (base, variants) in FOLDS {
        if variants.contains(c) {
            return *base;
        }
    }
    c
}

/// Lowercases and strips Vietnamese diacritics, keeping every other character: the form used to
/// compare text regardless of accents (search, sorting).
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .collect()
}

/// A readable ASCII slug: `"Tin tức – Sự kiện"` → `"tin-tuc-su-kien"`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Shortens a slug to at most `max` bytes without cutting a word in half.
pub fn truncate_slug(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    match slug[..=max].rfind('-') {
        Some(cut) if cut > 0 => &slug[..cut],
        _ => &slug[..max],
    }
}

/// True for the slugs the API may be asked for: `[a-z0-9]` words joined by single dashes.
/// Anything else (dots, slashes, percent-escapes) is rejected before it can reach a request URL.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugifies_vietnamese_titles() {
        assert_eq!(slugify("Tin tức – Sự kiện"), "tin-tuc-su-kien");
        assert_eq!(slugify("Chỉ đạo - Điều hành"), "chi-dao-dieu-hanh");
        assert_eq!(slugify("Quy hoạch – Kế hoạch"), "quy-hoach-ke-hoach");
        assert_eq!(
            slugify("  ĐƯỜNG Vành đai 4: khởi công!  "),
            "duong-vanh-dai-4-khoi-cong"
        );
        assert_eq!(
            slugify("Nghị định 42/2022/NĐ-CP"),
            "nghi-dinh-42-2022-nd-cp"
        );
        assert_eq!(slugify("Hỏi đáp"), "hoi-dap");
        assert_eq!(
            slugify("“Hà Nội – Điện Biên Phủ trên không”"),
            "ha-noi-dien-bien-phu-tren-khong"
        );
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn folds_every_vietnamese_vowel() {
        assert_eq!(fold("ẮẰẲẴẶ ỨỪỬỮỰ Ỳ Đ"), "aaaaa uuuuu y d");
        assert_eq!(fold("Thủ đô"), "thu do");
    }

    #[test]
    fn validates_slugs() {
        assert!(is_valid_slug("tin-tuc-su-kien"));
        assert!(is_valid_slug("a1"));
        for bad in [
            "", "-a", "a-", "a--b", "A", "a/b", "..", "a.json", "tin tuc", "%2e",
        ] {
            assert!(!is_valid_slug(bad), "{bad:?} must be rejected");
        }
        assert!(!is_valid_slug(&"a".repeat(201)));
    }

    #[test]
    fn slugify_output_is_always_valid_or_empty() {
        for t in ["Xin chào", "a -- b", "--x--", "Ủy ban nhân dân", "42", "Ê!"] {
            let s = slugify(t);
            assert!(s.is_empty() || is_valid_slug(&s), "{t:?} → {s:?}");
        }
    }

    #[test]
    fn truncates_on_word_boundaries() {
        assert_eq!(truncate_slug("mot-hai-ba-bon", 9), "mot-hai");
        assert_eq!(truncate_slug("mot-hai", 20), "mot-hai");
        assert_eq!(truncate_slug("abcdefghij", 4), "abcd");
    }
}
