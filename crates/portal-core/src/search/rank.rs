//! Ranking: BM25 over weighted fields (BM25F: title above lead, lead above tags, tags above body),
//! a gentle boost for recent articles, exact-diacritic matches first, and the newest first on a
//! tie.
//!
//! Everything that depends only on the collection is computed once, when the index is written:
//! each posting carries its term's BM25F score for that article ([`impact`]), quantised. A query
//! then only adds up its terms' impacts ([`rank`]), which keeps the browser's work (and its wasm)
//! small. Phrases need nothing of their own: an adjacent pair of syllables is a term of the index
//! (`fold::terms`) whose impact counts [`PHRASE`] times, so a page with the phrase scores for it
//! and for its syllables.

/// The fields of an article, in the order of [`WEIGHTS`] and of the frequencies given to [`impact`].
pub const FIELDS: [&str; 4] = ["title", "lead", "tags", "body"];
/// How much an occurrence in each field counts.
pub const WEIGHTS: [f32; 4] = [6.0, 3.0, 2.0, 1.0];
/// BM25's saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// The most the recency boost adds (a new article scores up to 15 % more), halving every year.
const RECENCY: f32 = 0.15;
/// What a match of an adjacent pair (the phrase) weighs against one of a syllable.
pub const PHRASE: f32 = 2.0;

/// The weighted length of an article (Σ weight × syllables per field), for length normalisation.
pub fn weighted_length(syllables: [u32; 4]) -> f32 {
    syllables
        .iter()
        .zip(WEIGHTS)
        .map(|(&n, w)| n as f32 * w)
        .sum()
}

/// The BM25F score of one term in one article: `tf` its occurrences per field (see [`FIELDS`]),
/// `length` the article's weighted length, `df` how many of the collection's `docs` articles hold
/// the term, `average_length` theirs.
pub fn impact(tf: [u16; 4], length: f32, df: u32, docs: u32, average_length: f32) -> f32 {
    let n = docs.max(1) as f32;
    let df = df as f32;
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    let weighted: f32 = tf.iter().zip(WEIGHTS).map(|(&t, w)| f32::from(t) * w).sum();
    let norm = 1.0 - B + B * length / average_length.max(1.0);
    let tf = weighted / norm;
    idf * tf * (K1 + 1.0) / (tf + K1)
}

/// The recency boost of an article `age_years` older than the newest one: [`RECENCY`] halved for
/// every year, linearly between whole years (no `exp` from libm in the wasm).
pub fn recency(age_years: f32) -> f32 {
    let age = age_years.clamp(0.0, 60.0);
    let whole = age as i32;
    let half = 0.5f32.powi(whole);
    1.0 + RECENCY * (half - (age - whole as f32) * half / 2.0)
}

/// One article in the postings of one term, as the query reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The article's number in the index (0 is the newest).
    pub doc: u32,
    /// The term's quantised score in that article.
    pub impact: u32,
    /// Whether the article holds the term with the query's own diacritics (always true for a
    /// term the query wrote without any).
    pub exact: bool,
}

/// A result: its article, its score, and whether it holds every term as the query wrote it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub doc: u32,
    pub score: f32,
    pub exact: bool,
}

/// The articles holding every syllable of the query and passing `keep` (the filters), best first:
/// exact-diacritic matches, then by score, then the newest; only the best `limit` of them, with
/// how many there are in all. `terms` are the postings (sorted by article) of the query's distinct
/// syllables (the first `required`, which every result must hold), then of its adjacent pairs,
/// which only add to the score. `boost` is an article's recency boost.
///
/// The lists are walked together, led by the shortest required one (each cursor only moves
/// forward), and only the best `limit` are sorted: three lists of 95,000 postings cost a few
/// milliseconds, not a sort of all their postings.
pub fn rank(
    terms: &[Vec<Posting>],
    required: usize,
    keep: impl Fn(u32) -> bool,
    boost: impl Fn(u32) -> f32,
    limit: usize,
) -> (Vec<Ranked>, usize) {
    let Some((lead, leader)) = terms
        .iter()
        .enumerate()
        .take(required)
        .min_by_key(|(_, list)| list.len())
    else {
        return (Vec::new(), 0);
    };
    let mut cursors = vec![0usize; terms.len()];
    let mut out: Vec<Ranked> = Vec::new();
    'docs: for p in leader {
        if !keep(p.doc) {
            continue;
        }
        let (mut score, mut exact) = (p.impact, p.exact);
        for (i, list) in terms.iter().enumerate() {
            if i == lead {
                continue;
            }
            let Some(at) = cursors.get_mut(i) else {
                continue;
            };
            while list.get(*at).is_some_and(|q| q.doc < p.doc) {
                *at += 1;
            }
            match list.get(*at) {
                Some(q) if q.doc == p.doc => {
                    score = score.saturating_add(q.impact);
                    // Every term it holds (its syllables, and the pairs it has) as written.
                    exact &= q.exact;
                }
                _ if i < required => continue 'docs,
                _ => {}
            }
        }
        out.push(Ranked {
            doc: p.doc,
            score: score as f32 * boost(p.doc),
            exact,
        });
    }
    let total = out.len();
    let order = |a: &Ranked, b: &Ranked| {
        b.exact
            .cmp(&a.exact)
            .then(b.score.total_cmp(&a.score))
            .then(a.doc.cmp(&b.doc))
    };
    if limit == 0 {
        out.clear();
    } else if limit < total {
        out.select_nth_unstable_by(limit - 1, order);
        out.truncate(limit);
    }
    out.sort_unstable_by(order);
    (out, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(doc: u32, impact: u32) -> Posting {
        Posting {
            doc,
            impact,
            exact: true,
        }
    }

    fn docs(ranked: &[Ranked]) -> Vec<u32> {
        ranked.iter().map(|r| r.doc).collect()
    }

    #[test]
    fn title_above_lead_above_tags_above_body() {
        let score = |tf| impact(tf, 200.0, 10, 100, 200.0);
        let fields = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];
        let scores: Vec<f32> = fields.into_iter().map(score).collect();
        assert!(scores.windows(2).all(|w| w[0] > w[1]), "{scores:?}");
    }

    #[test]
    fn rarer_terms_and_shorter_articles_score_higher() {
        assert!(
            impact([0, 0, 0, 1], 200.0, 5, 100, 200.0)
                > impact([0, 0, 0, 1], 200.0, 50, 100, 200.0)
        );
        assert!(
            impact([0, 0, 0, 1], 100.0, 5, 100, 200.0) > impact([0, 0, 0, 1], 400.0, 5, 100, 200.0)
        );
        // Saturation: ten body mentions are worth less than ten times one.
        let one = impact([0, 0, 0, 1], 200.0, 5, 100, 200.0);
        assert!(impact([0, 0, 0, 10], 200.0, 5, 100, 200.0) < 3.0 * one);
    }

    #[test]
    fn the_phrase_ranks_above_its_syllables_apart() {
        // "quy hoach": doc 7 has the phrase, doc 3 (newer) has both syllables apart, more often.
        let quy = vec![p(3, 9), p(7, 6)];
        let hoach = vec![p(3, 9), p(7, 6)];
        let phrase = vec![p(7, 12)];
        let ranked = rank(&[quy, hoach, phrase], 2, |_| true, |_| 1.0, 10).0;
        assert_eq!(
            docs(&ranked),
            [7, 3],
            "both hold every syllable, the phrase first"
        );
    }

    #[test]
    fn every_syllable_must_match_and_filters_apply() {
        let a = vec![p(1, 5), p(2, 5), p(4, 5)];
        let b = vec![p(2, 1), p(4, 1)];
        assert_eq!(
            docs(&rank(&[a.clone(), b.clone()], 2, |_| true, |_| 1.0, 10).0),
            [2, 4]
        );
        assert_eq!(docs(&rank(&[a, b], 2, |d| d != 2, |_| 1.0, 10).0), [4]);
        assert!(rank(&[], 0, |_| true, |_| 1.0, 10).0.is_empty());
    }

    #[test]
    fn newest_first_on_a_tie_and_exact_diacritics_before_everything() {
        let term = vec![p(9, 4), p(5, 4)];
        // The same score: doc 5 (the newer, numbers count from the newest) first.
        assert_eq!(
            docs(&rank(std::slice::from_ref(&term), 1, |_| true, |_| 1.0, 10).0),
            [5, 9]
        );
        // Doc 9 holds the query's own diacritics: first, even against a far better score.
        let term = vec![
            Posting {
                doc: 5,
                impact: 40,
                exact: false,
            },
            Posting {
                doc: 9,
                impact: 4,
                exact: true,
            },
        ];
        assert_eq!(docs(&rank(&[term], 1, |_| true, |_| 1.0, 10).0), [9, 5]);
    }

    #[test]
    fn recency_is_gentle() {
        assert!((recency(0.0) - 1.15).abs() < 1e-6);
        assert!((recency(1.0) - 1.075).abs() < 1e-6);
        assert!((recency(1.5) - 1.05625).abs() < 1e-6);
        assert!(recency(80.0) >= 1.0 && recency(-3.0) == recency(0.0));
        // A year-old title match still beats a body match of today.
        let title = impact([1, 0, 0, 0], 200.0, 10, 100, 200.0) * recency(1.0);
        let body = impact([0, 0, 0, 1], 200.0, 10, 100, 200.0) * recency(0.0);
        assert!(title > body);
    }

    #[test]
    fn only_the_best_are_sorted_but_all_are_counted() {
        let a: Vec<Posting> = (0..1000).map(|d| p(d, d % 7)).collect();
        let b: Vec<Posting> = (0..1000).filter(|d| d % 2 == 0).map(|d| p(d, 1)).collect();
        let (best, total) = rank(&[a.clone(), b.clone()], 2, |_| true, |_| 1.0, 3);
        assert_eq!(total, 500);
        // The best score, 6 + 1, is the even articles ≡ 6 (mod 7): the three newest of them.
        assert_eq!(docs(&best), [6, 20, 34]);
        let (all, total) = rank(&[a, b], 2, |_| true, |_| 1.0, usize::MAX);
        assert_eq!((all.len(), total), (500, 500));
        assert_eq!(all[..3], best[..]);
        assert!(rank(&[vec![p(1, 1)]], 1, |_| true, |_| 1.0, 0).0.is_empty());
    }
}
