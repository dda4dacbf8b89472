//! Vietnamese search folding and tokenising: the same on the index (the content tool) and on the
//! query (the browser), so "Hà Nội", "ha noi" and "HA NOI" are one query.
//!
//! Lower-casing and canonical decomposition (NFD) come from outside: the browser has
//! `String.prototype.normalize` and `toLowerCase`, the content tool `unicode-normalization` and
//! `str::to_lowercase`, and neither then needs a Unicode table in this crate (which would weigh on
//! the wasm). Folding strips the combining marks (U+0300–U+036F: every Vietnamese tone and the
//! breve, circumflex and horn) and maps `đ` (which does not decompose) to `d`. Syllables are
//! split by [`is_word_char`], a test of a few ranges rather than Unicode's tables, for the same
//! reason.

/// Whether `c` belongs to a syllable: ASCII letters and digits, and any character from U+00C0
/// up except the punctuation, symbol and emoji blocks (so every Vietnamese letter, composed or
/// with its combining marks, and letters of other scripts).
pub fn is_word_char(c: char) -> bool {
    !matches!(c,
        '\0'..='/' | ':'..='@' | '['..='`' | '{'..='\u{BF}' | '\u{D7}' | '\u{F7}'
        // General punctuation, super- and subscripts, currency, letterlike and number forms,
        // arrows, mathematical and technical symbols, boxes, shapes, dingbats.
        | '\u{2000}'..='\u{2BFF}'
        | '\u{2E00}'..='\u{2E7F}' // supplemental punctuation
        | '\u{3000}'..='\u{303F}' // CJK symbols and punctuation
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
        | '\u{FE30}'..='\u{FE4F}' // CJK compatibility forms
        | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' // full-width punctuation
        | '\u{FFF0}'..='\u{FFFF}' // specials
        | '\u{1F000}'..='\u{1FAFF}' // emoji and pictographs
        | '\u{E0000}'..='\u{E007F}' // tags
    )
}

/// `lower_nfd` (lower case, decomposed) folded: no combining marks, `đ` → `d`.
pub fn fold(lower_nfd: &str) -> String {
    let mut out = String::with_capacity(lower_nfd.len());
    fold_into(lower_nfd, &mut out);
    out
}

/// [`fold`] into `out` (emptied first): one buffer for many syllables.
pub fn fold_into(lower_nfd: &str, out: &mut String) {
    out.clear();
    for c in lower_nfd.chars() {
        match c {
            '\u{0300}'..='\u{036F}' => {}
            'đ' | 'Đ' => out.push('d'),
            c => out.push(c.to_ascii_lowercase()),
        }
    }
}

/// The syllables of folded text (runs of [`is_word_char`]).
pub fn syllables(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !is_word_char(c))
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

/// A syllable as written (lower case, composed: `"hoạch"`) and folded (`"hoach"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub exact: String,
    pub folded: String,
    /// Whether only spaces part it from the syllable before: a pair is indexed and looked up only
    /// then, not across punctuation ("… kẹt. Qua …" is no phrase).
    pub joined: bool,
}

/// The adjacent syllables of `words` that form a phrase (a pair term is the two, a space between).
pub fn joined(words: &[Word]) -> impl Iterator<Item = (&Word, &Word)> + '_ {
    words.windows(2).filter_map(|w| match w {
        [a, b] if b.joined => Some((a, b)),
        _ => None,
    })
}

/// The pairs of adjacent syllables of `words` that form a phrase: (folded, as written).
pub fn pairs(words: &[Word]) -> impl Iterator<Item = (String, String)> + '_ {
    joined(words).map(|(a, b)| {
        (
            format!("{} {}", a.folded, b.folded),
            format!("{} {}", a.exact, b.exact),
        )
    })
}

/// The syllables of `lower_nfc` text (lower case, composed, as documents and typed queries are
/// once lowered), each with its folded form; `lower_nfd` lowers and decomposes a syllable (the
/// browser's `normalize` and `toLowerCase`, or a crate natively). Splitting the composed text keeps
/// each syllable whole, so its written form can be compared with the index's.
pub fn words(lower_nfc: &str, lower_nfd: impl Fn(&str) -> String) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut gap_is_space = false;
    for piece in lower_nfc.split_inclusive(|c: char| !is_word_char(c)) {
        // `piece` is a run of word characters and the one separator after it (if any).
        let (run, sep) = match piece.char_indices().last() {
            Some((i, c)) if !is_word_char(c) => (&piece[..i], Some(c)),
            _ => (piece, None),
        };
        if !run.is_empty() {
            let folded = if run.is_ascii() {
                run.to_ascii_lowercase()
            } else {
                fold(&lower_nfd(run))
            };
            if !folded.is_empty() {
                out.push(Word {
                    exact: run.to_owned(),
                    folded,
                    joined: gap_is_space && !out.is_empty(),
                });
            }
            gap_is_space = true;
        }
        if let Some(c) = sep {
            gap_is_space &= c == ' ';
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// What the browser's `normalize("NFD")` and `toLowerCase()` give.
    fn nfd(s: &str) -> String {
        s.to_lowercase().nfd().collect()
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

    #[test]
    fn words_keep_the_written_form_beside_the_folded_one() {
        let w = words(&"Quy HOẠCH, Đà Nẵng 2026".to_lowercase(), nfd);
        let pairs: Vec<(&str, &str)> = w
            .iter()
            .map(|w| (w.exact.as_str(), w.folded.as_str()))
            .collect();
        assert_eq!(
            w.iter().map(|w| w.joined).collect::<Vec<_>>(),
            [false, true, false, true, true]
        );
        let phrases: Vec<String> = super::pairs(&w).map(|p| p.1).collect();
        assert_eq!(phrases, ["quy hoạch", "đà nẵng", "nẵng 2026"]);
        assert_eq!(
            pairs,
            [
                ("quy", "quy"),
                ("hoạch", "hoach"),
                ("đà", "da"),
                ("nẵng", "nang"),
                ("2026", "2026")
            ]
        );
        assert!(words("<>«»…!! ", nfd).is_empty());
    }

    #[test]
    fn word_characters_without_unicode_tables() {
        for (_, forms) in VOWELS {
            for form in forms {
                for c in form
                    .chars()
                    .chain(form.to_uppercase().chars())
                    .chain(nfd(form).chars())
                {
                    assert!(is_word_char(c), "{c:?}");
                }
            }
        }
        for c in "đĐ09azAZ\u{0301}\u{0323}ñçßжд中".chars() {
            assert!(is_word_char(c), "{c:?}");
        }
        for c in " \t\n.,;:!?'\"()[]{}<>/\\-_+=*&^%$#@~`|«»“”‘’–—…•·×÷€№→✓。、！？😀👍🏽\u{200B}\u{00A0}\u{FE0F}".chars() {
            assert!(!is_word_char(c), "{c:?}");
        }
        // It splits text as Unicode's alphanumerics do, on what the portal's texts hold.
        let text = "Quyết định số 41/2026/QĐ-UBND: “phố cổ” – 1.200 di tích… (Covid-19)!";
        let ours: Vec<&str> = text
            .split(|c: char| !is_word_char(c))
            .filter(|s| !s.is_empty())
            .collect();
        let unicode: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|s| !s.is_empty())
            .collect();
        assert_eq!(ours, unicode);
    }
}
