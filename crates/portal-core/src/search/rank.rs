//! Ranking: BM25 over weighted fields (BM25F: title above lead, lead above tags, tags above body),
//! a gentle boost for recent articles, exact-diacritic matches first, and the newest first on a
//! tie. Phrases need nothing of their own: an adjacent pair of syllables is a term of the index
//! (`fold::terms`), so a page with the phrase scores for it and for its syllables.

/// The fields of an article, in the order of [`WEIGHTS`] and of a posting's frequencies.
pub const FIELDS: [&str; 4] = ["title", "lead", "tags", "body"];
/// How much an occurrence in each field counts.
pub const WEIGHTS: [f32; 4] = [6.0, 3.0, 2.0, 1.0];
/// BM25's saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// The most the recency boost adds (a new article scores up to 15 % more), halving every year.
const RECENCY: f32 = 0.15;
const HALF_LIFE_DAYS: f32 = 365.0;
/// What a match with the query's own diacritics multiplies the score by.
const EXACT: f32 = 1.5;
/// What a match of an adjacent pair (the phrase) weighs against one of a syllable.
const PHRASE: f32 = 2.0;

/// One article in the postings of one term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The article's number in the index.
    pub doc: u32,
    /// Occurrences of the term in each field (see [`FIELDS`]).
    pub tf: [u16; 4],
}

/// What the ranking knows of an article beyond its postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocFacts {
    pub doc: u32,
    /// Its weighted length (Σ weight × syllables per field), for length normalisation.
    pub length: u32,
    /// Days since 1970-01-01 of its publication.
    pub day: u32,
}

/// The collection's figures, from the index manifest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Collection {
    pub docs: u32,
    pub average_length: f32,
    /// Today, in days since 1970-01-01 (for the recency boost).
    pub today: u32,
}

/// One term of the query: its postings, and whether the query wrote it with diacritics that
/// `exact` (the articles holding that exact form) should rank first.
pub struct QueryTerm<'a> {
    pub postings: &'a [Posting],
    pub exact: Option<&'a [u32]>,
}

/// The articles holding every syllable of the query, best first: (doc, score). `terms` are the
/// query's syllables (the first `required`, which every result must hold), then its adjacent
/// pairs, which only add to the score.
pub fn rank(
    collection: &Collection,
    terms: &[QueryTerm],
    required: usize,
    facts: impl Fn(u32) -> Option<DocFacts>,
) -> Vec<(u32, f32)> {
    // (doc, score, whether a required term) for every posting, then summed per doc: a sort, not a
    // map, so a common term's 50,000 postings cost n log n and no hash table in the wasm.
    let mut hits: Vec<(u32, f32, bool)> = Vec::new();
    let n = collection.docs.max(1) as f32;
    for (i, term) in terms.iter().enumerate() {
        let df = term.postings.len() as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        for p in term.postings {
            let Some(f) = facts(p.doc) else { continue };
            let weighted: f32 =
                p.tf.iter()
                    .zip(WEIGHTS)
                    .map(|(&t, w)| f32::from(t) * w)
                    .sum();
            let norm = 1.0 - B + B * f.length as f32 / collection.average_length.max(1.0);
            let tf = weighted / norm;
            let mut s = idf * tf * (K1 + 1.0) / (tf + K1);
            if i >= required {
                s *= PHRASE;
            }
            if term
                .exact
                .is_some_and(|docs| docs.binary_search(&p.doc).is_ok())
            {
                s *= EXACT;
            }
            hits.push((p.doc, s, i < required));
        }
    }
    hits.sort_unstable_by_key(|h| h.0);
    let mut out: Vec<(u32, f32, u32)> = Vec::new();
    for group in hits.chunk_by(|a, b| a.0 == b.0) {
        let Some(&(doc, _, _)) = group.first() else {
            continue;
        };
        // The query's syllables are distinct (the caller dedupes), so a doc holding all of them
        // has exactly `required` required hits.
        if group.iter().filter(|h| h.2).count() != required {
            continue;
        }
        let Some(f) = facts(doc) else { continue };
        let age = collection.today.saturating_sub(f.day) as f32;
        let boost = 1.0 + RECENCY * (-age / HALF_LIFE_DAYS * std::f32::consts::LN_2).exp();
        out.push((doc, group.iter().map(|h| h.1).sum::<f32>() * boost, f.day));
    }
    // Best first; on a tie, the newest.
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.2.cmp(&a.2)));
    out.into_iter().map(|(doc, s, _)| (doc, s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: Collection = Collection {
        docs: 100,
        average_length: 200.0,
        today: 20_000,
    };

    fn facts(doc: u32) -> Option<DocFacts> {
        Some(DocFacts {
            doc,
            length: 200,
            day: 20_000 - doc,
        })
    }

    fn p(doc: u32, tf: [u16; 4]) -> Posting {
        Posting { doc, tf }
    }

    #[test]
    fn title_above_lead_above_tags_above_body() {
        let postings = [
            p(1, [0, 0, 0, 1]),
            p(2, [0, 0, 1, 0]),
            p(3, [0, 1, 0, 0]),
            p(4, [1, 0, 0, 0]),
        ];
        let ranked = rank(
            &C,
            &[QueryTerm {
                postings: &postings,
                exact: None,
            }],
            1,
            facts,
        );
        assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), [4, 3, 2, 1]);
    }

    #[test]
    fn the_phrase_ranks_above_its_syllables_apart() {
        // "quy hoach": doc 7 has the phrase, doc 3 (newer) has both syllables apart, more often.
        let quy = [p(3, [0, 0, 0, 3]), p(7, [0, 0, 0, 1])];
        let hoach = [p(3, [0, 0, 0, 3]), p(7, [0, 0, 0, 1])];
        let phrase = [p(7, [0, 0, 0, 1])];
        let terms = [
            QueryTerm {
                postings: &quy,
                exact: None,
            },
            QueryTerm {
                postings: &hoach,
                exact: None,
            },
            QueryTerm {
                postings: &phrase,
                exact: None,
            },
        ];
        let ranked = rank(&C, &terms, 2, facts);
        assert_eq!(ranked.first().map(|r| r.0), Some(7), "{ranked:?}");
        assert_eq!(ranked.len(), 2, "both hold every syllable");
    }

    #[test]
    fn every_syllable_must_match() {
        let a = [p(1, [1, 0, 0, 0]), p(2, [1, 0, 0, 0])];
        let b = [p(2, [0, 0, 0, 1])];
        let terms = [
            QueryTerm {
                postings: &a,
                exact: None,
            },
            QueryTerm {
                postings: &b,
                exact: None,
            },
        ];
        assert_eq!(
            rank(&C, &terms, 2, facts)
                .iter()
                .map(|r| r.0)
                .collect::<Vec<_>>(),
            [2]
        );
    }

    /// Ranks one term's postings, each doc published on `day(doc)`.
    fn one_term(postings: &[Posting], exact: Option<&[u32]>, day: fn(u32) -> u32) -> Vec<u32> {
        let term = QueryTerm { postings, exact };
        rank(&C, &[term], 1, |doc| {
            Some(DocFacts {
                doc,
                length: 200,
                day: day(doc),
            })
        })
        .into_iter()
        .map(|r| r.0)
        .collect()
    }

    #[test]
    fn newer_first_among_equal_matches_and_exact_diacritics_before_that() {
        let postings = [p(5, [1, 0, 0, 0]), p(9, [1, 0, 0, 0])];
        // The same match: doc 9, published four days later, ranks first.
        assert_eq!(one_term(&postings, None, |d| 19_000 + d), [9, 5]);
        // Doc 5 has the query's own diacritics: it ranks first all the same.
        assert_eq!(one_term(&postings, Some(&[5]), |d| 19_000 + d), [5, 9]);
    }

    #[test]
    fn recency_is_gentle() {
        // A year-old title match still beats a body match of today.
        let postings = [p(1, [0, 0, 0, 1]), p(2, [1, 0, 0, 0])];
        let ranked = one_term(&postings, None, |d| if d == 1 { 20_000 } else { 19_635 });
        assert_eq!(ranked.first(), Some(&2));
    }
}
