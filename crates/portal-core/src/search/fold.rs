//! Vietnamese search folding and tokenising: the same on the index (the content tool) and on the
//! query (the browser), so "Hà Nội", "ha noi" and "HA NOI" are one query.
//!
//! Folding takes text already in NFD (canonical decomposition): the browser has
//! `String.prototype.normalize`, the content tool `unicode-normalization`, and neither then needs a
//! Unicode table in this crate (which would weigh on the wasm). It strips the combining marks
//! (U+0300–U+036F: every Vietnamese tone and the breve, circumflex and horn), maps `đ`/`Đ` (which do
//! not decompose) to `d`, and lowercases.

/// `nfd` folded: no combining marks, `đ`/`Đ` → `d`, lower case.
pub fn fold(nfd: &str) -> String {
    let mut out = String::with_capacity(nfd.len());
    for c in nfd.chars() {
        match c {
            '\u{0300}'..='\u{036F}' => {}
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The syllables of folded text: runs of letters and digits (anything else separates them).
pub fn syllables(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
}

/// The terms indexed for folded text: every syllable, and every pair of adjacent syllables joined
/// by a space (`"quy hoach"`), so a phrase ranks above its syllables apart.
pub fn terms(folded: &str) -> Vec<String> {
    let words: Vec<&str> = syllables(folded).collect();
    let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    out.extend(words.windows(2).map(|pair| pair.join(" ")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    /// The 12 vowels, each with its 6 tones (level, grave, acute, hook, tilde, dot below), lower
    /// and upper case, precomposed (NFC).
    const VOWELS: [(char, [&str; 6]); 12] = [
        ('a', ["a", "à", "á", "ả", "ã", "ạ"]),
        ('a', ["ă", "ằ", "ắ", "ẳ", "ẵ", "ặ"]),
        ('a', ["â", "ầ", "ấ", "ẩ", "ẫ", "ậ"]),
        ('e', ["e", "è", "é", "ẻ", "ẽ", "ẹ"]),
        ('e', ["ê", "ề", "ế", "ể", "ễ", "ệ"]),
        ('i', ["i", "ì", "í", "ỉ", "ĩ", "ị"]),
        ('o', ["o", "ò", "ó", "ỏ", "õ", "ọ"]),
        ('o', ["ô", "ồ", "ố", "ổ", "ỗ", "ộ"]),
        ('o', ["ơ", "ờ", "ớ", "ở", "ỡ", "ợ"]),
        ('u', ["u", "ù", "ú", "ủ", "ũ", "ụ"]),
        ('u', ["ư", "ừ", "ứ", "ử", "ữ", "ự"]),
        ('y', ["y", "ỳ", "ý", "ỷ", "ỹ", "ỵ"]),
    ];

    #[test]
    fn every_vowel_and_tone_folds_to_its_base_letter_in_nfc_and_nfd() {
        let mut checked = 0;
        for (base, forms) in VOWELS {
            for form in forms {
                for text in [form.to_string(), form.to_uppercase()] {
                    assert_eq!(
                        fold(&nfd(&text)),
                        base.to_string(),
                        "{text:?} (NFC input, normalised)"
                    );
                    // Already decomposed input folds the same.
                    let decomposed = nfd(&text);
                    assert_eq!(
                        fold(&nfd(&decomposed)),
                        base.to_string(),
                        "{text:?} (NFD input)"
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 12 * 6 * 2);
        assert_eq!(fold(&nfd("đ")), "d");
        assert_eq!(fold(&nfd("Đ")), "d");
    }

    #[test]
    fn queries_with_and_without_diacritics_are_the_same() {
        for q in ["Hà Nội", "ha noi", "HA NOI", "Hà Nội"] {
            assert_eq!(fold(&nfd(q)), "ha noi", "{q:?}");
        }
        assert_eq!(fold(&nfd("Đà Nẵng")), "da nang");
        assert_eq!(fold(&nfd("QUY HOẠCH Sông Hồng")), "quy hoach song hong");
    }

    #[test]
    fn terms_are_syllables_and_adjacent_pairs() {
        let folded = fold(&nfd("Quy hoạch, phân khu: sông Hồng (2026)!"));
        assert_eq!(
            syllables(&folded).collect::<Vec<_>>(),
            ["quy", "hoach", "phan", "khu", "song", "hong", "2026"]
        );
        let terms = terms(&folded);
        assert!(terms.contains(&"quy hoach".to_owned()));
        assert!(terms.contains(&"hong 2026".to_owned()));
        assert_eq!(terms.len(), 7 + 6);
        assert!(
            super::terms(&fold("<script>\"'"))
                .iter()
                .all(|t| t.chars().all(char::is_alphanumeric))
        );
        assert!(super::terms("").is_empty());
    }
}
