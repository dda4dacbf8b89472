//! What a result shows of its text: the matched syllables (for `<mark>`) and a snippet around the
//! first match. Both compare folded syllables, so "ha noi" marks "Hà Nội".

use crate::search::fold::{fold_into, is_word_char};
use std::ops::Range;

/// How much of the text a snippet shows, in characters, and how much of it comes before the
/// first match.
const SNIPPET_CHARS: usize = 220;
const LEAD_IN_CHARS: usize = 70;

/// The byte ranges of `text`'s alphanumeric runs, in order.
fn runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

/// The byte ranges of the syllables of `text` that fold to one of `folded` (`lower_nfd` lowers
/// and decomposes text, as for [`crate::search::fold::words`]).
///
/// `lower_nfd` runs once on the whole text, not once a syllable: in the browser each call
/// crosses into JavaScript, and a result's text has hundreds of syllables. Lowering and
/// decomposing keep the runs of [`is_word_char`] (a letter's marks are word characters too), so
/// the lowered text's runs are the text's, in order; were their counts ever to differ, each run
/// is lowered alone.
pub fn marks(text: &str, folded: &[&str], lower_nfd: impl Fn(&str) -> String) -> Vec<Range<usize>> {
    matching(text, folded, lower_nfd, usize::MAX)
}

/// The first `most` of [`marks`], found without folding the syllables after them (a snippet
/// needs only the first).
fn matching(
    text: &str,
    folded: &[&str],
    lower_nfd: impl Fn(&str) -> String,
    most: usize,
) -> Vec<Range<usize>> {
    let lowered = lower_nfd(text);
    let mut buffer = String::new();
    let mut matches = |lowered_run: &str| {
        fold_into(lowered_run, &mut buffer);
        folded.contains(&buffer.as_str())
    };
    if runs(text).count() == runs(&lowered).count() {
        runs(text)
            .zip(runs(&lowered))
            .filter(|(_, l)| lowered.get(l.clone()).is_some_and(&mut matches))
            .map(|(r, _)| r)
            .take(most)
            .collect()
    } else {
        runs(text)
            .filter(|r| {
                text.get(r.clone())
                    .is_some_and(|run| matches(&lower_nfd(run)))
            })
            .take(most)
            .collect()
    }
}

/// `text` split into (piece, marked) pieces in order, for rendering with `<mark>`.
pub fn pieces(text: &str, marks: &[Range<usize>]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in marks {
        if r.start < at || r.end > text.len() {
            continue;
        }
        if r.start > at {
            out.push((text[at..r.start].to_owned(), false));
        }
        out.push((text[r.clone()].to_owned(), true));
        at = r.end;
    }
    if at < text.len() {
        out.push((text[at..].to_owned(), false));
    }
    out
}

/// The byte offset `chars` characters before (negative) or after `from`, within `text`.
fn char_step(text: &str, from: usize, chars: isize) -> usize {
    if chars < 0 {
        text[..from]
            .char_indices()
            .rev()
            .nth(chars.unsigned_abs().saturating_sub(1))
            .map_or(0, |(i, _)| i)
    } else {
        text[from..]
            .char_indices()
            .nth(chars.unsigned_abs())
            .map_or(text.len(), |(i, _)| from + i)
    }
}

/// About [`SNIPPET_CHARS`] characters of `text` around the first syllable that folds to one of
/// `folded` (the start when none does), cut at spaces, with `…` where it was cut.
pub fn snippet(text: &str, folded: &[&str], nfd: impl Fn(&str) -> String) -> String {
    let text = text.trim();
    let first = matching(text, folded, nfd, 1)
        .first()
        .map_or(0, |r| r.start);
    let mut start = char_step(text, first, -(LEAD_IN_CHARS as isize));
    if start > 0 {
        // Begin at a word: after the next space before the match.
        start = text[start..first]
            .find(' ')
            .map_or(first, |i| start + i + 1);
    }
    let mut end = char_step(text, start, SNIPPET_CHARS as isize);
    if end < text.len() {
        end = text[start..end].rfind(' ').map_or(end, |i| start + i);
    }
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    out.push_str(text[start..end].trim());
    if end < text.len() {
        out.push_str(" …");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nfd(s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        s.to_lowercase().nfd().collect()
    }

    #[test]
    fn marks_find_folded_syllables_only_whole() {
        let text = "Hà Nội: quy hoạch Hanoi và HÀ NỘI";
        let m = marks(text, &["ha", "noi"], nfd);
        let marked: Vec<&str> = m.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(marked, ["Hà", "Nội", "HÀ", "NỘI"]);
        let p = pieces(text, &m);
        assert_eq!(p.first(), Some(&("Hà".to_owned(), true)));
        assert_eq!(p.iter().map(|x| x.0.as_str()).collect::<String>(), text);
        assert!(marks("", &["a"], nfd).is_empty());
        // The text is lowered once, whatever its length.
        let calls = std::cell::Cell::new(0);
        let counted = |s: &str| {
            calls.set(calls.get() + 1);
            nfd(s)
        };
        let long = "Quy hoạch, QUY HOẠCH; quy-hoach 🏙 Hà Nội. ".repeat(50);
        let once = marks(&long, &["quy", "hoach"], counted);
        assert_eq!(calls.get(), 1);
        assert_eq!(once.len(), 300);
        // Text written decomposed (NFD) marks the same syllables, at its own offsets.
        let decomposed = nfd("Hà Nội: quy hoạch");
        let d: Vec<&str> = marks(&decomposed, &["hoach"], nfd)
            .into_iter()
            .map(|r| &decomposed[r])
            .collect();
        assert_eq!(d, [nfd("hoạch").as_str()]);
        // A lowering that changed the runs (here: one turned into two) falls back to lowering
        // each run alone, and still marks the right syllables.
        let splitting = |s: &str| nfd(s).replace('đ', "d-");
        let t = "Đà Nẵng đón khách; đà";
        let fallback: Vec<&str> = marks(t, &["da", "khach"], splitting)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(fallback, ["khách"]);
        let plain: Vec<&str> = marks(t, &["da", "khach"], nfd)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(plain, ["Đà", "khách", "đà"]);
        // The first alone (a snippet's), by either path, is the first of all.
        for lower in [&nfd as &dyn Fn(&str) -> String, &splitting] {
            let all = marks(t, &["khach", "da"], lower);
            assert_eq!(matching(t, &["khach", "da"], lower, 1), all[..1]);
        }
        // A range beyond the text, and one overlapping the one before, are skipped.
        assert_eq!(
            pieces("ab", &[0..1, 0..1, 1..9]),
            [("a".to_owned(), true), ("b".to_owned(), false)]
        );
    }

    #[test]
    fn snippets_center_on_the_first_match_and_cut_at_spaces() {
        let before = "Mở đầu câu chuyện dài. ".repeat(20);
        let after = " Sau đó là phần tiếp theo. ".repeat(20);
        let text = format!("{before}Đề án quy hoạch sông Hồng{after}");
        let s = snippet(&text, &["song", "hong"], nfd);
        assert!(s.starts_with("… "), "{s}");
        assert!(s.ends_with(" …"), "{s}");
        assert!(s.contains("sông Hồng"), "{s}");
        assert!(
            s.chars().count() <= SNIPPET_CHARS + 4,
            "{}",
            s.chars().count()
        );
        // No match: the start. Short text: whole.
        assert!(snippet(&text, &["xyz"], nfd).starts_with("Mở đầu"));
        assert_eq!(snippet(" Ngắn thôi. ", &["ngan"], nfd), "Ngắn thôi.");
        assert_eq!(snippet("", &["a"], nfd), "");
        // Multi-byte text with no spaces never splits a character.
        let dense = "ệ".repeat(500);
        assert!(snippet(&dense, &["e"], nfd).starts_with('ệ'));
    }
}
