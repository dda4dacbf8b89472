//! Builds the index of an archive of any size with bounded memory, on every core: the articles are
//! read twice (`article(n)` gives article `n`, newest first), in one contiguous range per worker.
//! The first pass counts each term's articles and written forms, each article's length, category
//! and year; the second computes every posting's impact (which needs those counts), writes the
//! records, and spills the postings by term into buckets (`spill`), which are then read one at a
//! time to cut each term into its head and tail tiers. Only the term dictionary and the heads are
//! held whole.

use super::spill::{Posting, Spill, read_bucket};
use super::{
    FORMS_ALWAYS, IndexReport, MAX_FORMS, PAIR_FORMS_SHARE, RECORD_TEXT, SCALE, SHARD_BYTES,
    SYLLABLE_FORMS_SHARE, article_terms, fields, fingerprint, numbers_doc, plain_text, put,
};
use crate::generate::{Catalogue, Sink};
use anyhow::{Context, Result, anyhow};
use portal_core::search::index::{
    Entry, Manifest, Record, Written, Year, category_term, head_size, manifest_doc, record_doc,
    shard_doc, shard_of, tail_doc, tiers,
};
use portal_core::search::rank::{PHRASE, impact, weighted_length};
use portal_core::{API_VERSION, Article};
// Fx: millions of short keys hashed per pass, in a tool (no untrusted keys to fear).
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;

/// Reads article `n` of the archive (newest first).
pub type Articles<'a> = &'a (dyn Fn(u32) -> Result<Article> + Sync);

/// How the work is laid out; the index written is the same whatever it is.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Threads, each reading one contiguous range of articles.
    pub workers: usize,
    /// Postings per bucket read back at once (about 17 bytes each in the spill).
    pub bucket_postings: u64,
    /// Above this many postings, the spill goes to files rather than memory.
    pub spill_to_disk: u64,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            workers: std::thread::available_parallelism().map_or(1, usize::from),
            bucket_postings: 4_000_000,
            spill_to_disk: 8_000_000,
        }
    }
}

/// What the first pass learns from one range of articles.
#[derive(Default)]
struct Counts {
    df: HashMap<String, u32>,
    /// Terms written other than folded in some article: each written form's article count, and
    /// the number of articles in which the folded form itself is not written.
    forms: HashMap<String, (HashMap<String, u32>, u32)>,
    lengths: Vec<f32>,
    years: Vec<i32>,
    categories: HashMap<String, Vec<u32>>,
    /// Each article's slug and fingerprint, in number order (`search/numbers.json`).
    numbers: Vec<(String, String)>,
}

impl Counts {
    fn count(&mut self, doc: u32, a: &Article) {
        let fields = fields(a);
        self.lengths
            .push(weighted_length(fields.each_ref().map(|f| f.len() as u32)));
        self.years.push(a.published.in_vietnam().date.year);
        self.numbers.push((a.slug.clone(), fingerprint(a)));
        for c in &a.category_path {
            self.categories.entry(c.slug.clone()).or_default().push(doc);
        }
        for (term, (_, written)) in article_terms(&fields) {
            if written.iter().any(|w| *w != term) {
                let (counts, absent) = self.forms.entry(term.clone()).or_default();
                for w in written.iter().filter(|w| **w != term) {
                    *counts.entry(w.clone()).or_default() += 1;
                }
                if !written.contains(&term) {
                    *absent += 1;
                }
            }
            *self.df.entry(term).or_default() += 1;
        }
    }

    /// Adds the counts of the range after this one.
    fn merge(&mut self, next: Counts) {
        for (term, n) in next.df {
            *self.df.entry(term).or_default() += n;
        }
        for (term, (counts, absent)) in next.forms {
            let (mine, my_absent) = self.forms.entry(term).or_default();
            for (form, n) in counts {
                *mine.entry(form).or_default() += n;
            }
            *my_absent += absent;
        }
        self.lengths.extend(next.lengths);
        self.years.extend(next.years);
        self.numbers.extend(next.numbers);
        for (slug, docs) in next.categories {
            self.categories.entry(slug).or_default().extend(docs);
        }
    }
}

/// A term as the second pass needs it.
struct Term {
    id: u32,
    df: u32,
    /// Its written forms, most common first (none when only written folded, or too common).
    forms: Vec<String>,
    /// A pair whose syllables' impacts its postings carry (one of them is cut into a head and
    /// tails: more articles than a head holds): each syllable's article count, if it is a term.
    carries: Option<Carries>,
}

/// Each syllable's article count, if it is a term.
type Carries = (Option<u32>, Option<u32>);

/// The forms a term's postings tell apart (`Entry`'s `v`), from the first pass's counts.
pub(super) fn forms_of(
    term: &str,
    df: u32,
    counts: Option<&(HashMap<String, u32>, u32)>,
    docs: u32,
) -> Vec<String> {
    let Some((counts, absent)) = counts else {
        return Vec::new();
    };
    let share = if term.contains(' ') {
        PAIR_FORMS_SHARE
    } else {
        SYLLABLE_FORMS_SHARE
    };
    if df > FORMS_ALWAYS.max(docs / share) {
        return Vec::new();
    }
    let mut list: Vec<(&str, u32)> = counts.iter().map(|(f, n)| (f.as_str(), *n)).collect();
    let plain = df.saturating_sub(*absent);
    if plain > 0 {
        list.push((term, plain));
    }
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let list: Vec<String> = list
        .into_iter()
        .take(MAX_FORMS)
        .map(|f| f.0.to_owned())
        .collect();
    if list.len() == 1 && list.first().map(String::as_str) == Some(term) {
        return Vec::new();
    }
    list
}

/// `docs` split into `workers` contiguous ranges.
fn ranges(docs: u32, workers: usize) -> Vec<Range<u32>> {
    let workers = (workers.max(1) as u32).min(docs.max(1));
    let step = docs.div_ceil(workers);
    (0..workers)
        .map(|w| (w * step).min(docs)..((w + 1) * step).min(docs))
        .collect()
}

/// Runs `job` on each range in a thread of its own; the results in range order.
fn each_range<T: Send>(
    ranges: &[Range<u32>],
    job: impl Fn(usize, Range<u32>) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    std::thread::scope(|s| {
        let handles: Vec<_> = ranges
            .iter()
            .enumerate()
            .map(|(w, r)| {
                let job = &job;
                s.spawn(move || job(w, r.clone()))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().map_err(|_| anyhow!("an index worker panicked"))?)
            .collect()
    })
}

/// A scratch folder removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes the index of `docs` articles (`article(n)`, newest first: their numbers are their
/// places) into `sink`.
pub fn build(
    cat: &Catalogue,
    docs: u32,
    article: Articles,
    sink: &mut dyn Sink,
    plan: Plan,
) -> Result<IndexReport> {
    let ranges = ranges(docs, plan.workers);
    // Each phase's time on standard error (scripts/scale.sh reads where the time goes).
    let started = std::time::Instant::now();
    let phase =
        |name: &str| eprintln!("    index {name}: {:.1} s", started.elapsed().as_secs_f64());
    // Pass 1.
    let mut counts = Counts::default();
    for part in each_range(&ranges, |_, range| {
        let mut c = Counts::default();
        for doc in range {
            c.count(doc, &article(doc)?);
        }
        Ok(c)
    })? {
        counts.merge(part);
    }
    let Counts {
        df,
        forms,
        lengths,
        years,
        categories,
        numbers,
    } = counts;
    put(sink, numbers_doc(), &numbers)?;
    drop(numbers);
    phase("pass 1 (counts)");
    let average = lengths.iter().sum::<f32>() / lengths.len().max(1) as f32;
    let head = head_size(docs);
    let mut names: Vec<String> = Vec::with_capacity(df.len());
    let mut terms: HashMap<String, Term> =
        HashMap::with_capacity_and_hasher(df.len(), Default::default());
    for (term, n) in df {
        let term_forms = forms_of(&term, n, forms.get(&term), docs);
        names.push(term.clone());
        terms.insert(
            term,
            Term {
                id: names.len() as u32 - 1,
                df: n,
                forms: term_forms,
                carries: None,
            },
        );
    }
    drop(forms);
    // Once per pair here rather than once per posting in pass 2.
    let df_of = |s: &str| terms.get(s).map(|t| t.df);
    let carrying: Vec<(u32, Carries)> = names
        .iter()
        .enumerate()
        .filter_map(|(id, name)| {
            let (a, b) = name.split_once(' ')?;
            let (a, b) = (df_of(a), df_of(b));
            let tailed = |df: Option<u32>| df.is_some_and(|n| n as usize > head);
            (tailed(a) || tailed(b)).then_some((id as u32, (a, b)))
        })
        .collect();
    for (id, carries) in carrying {
        if let Some(t) = names.get(id as usize).and_then(|n| terms.get_mut(n)) {
            t.carries = Some(carries);
        }
    }
    let postings: u64 = terms.values().map(|t| u64::from(t.df)).sum();
    let buckets = postings.div_ceil(plan.bucket_postings.max(1)).max(1) as u32;
    let scratch = (postings > plan.spill_to_disk)
        .then(|| -> Result<Scratch> {
            let dir = std::env::temp_dir().join(format!(
                "portal-index-{}-{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos())
            ));
            std::fs::create_dir_all(&dir)?;
            Ok(Scratch(dir))
        })
        .transpose()?;
    let dir = scratch.as_ref().map(|s| s.0.as_path());

    // Pass 2: postings spilled, records written by this thread as the workers send them.
    let (records, received) = sync_channel::<(String, Vec<u8>)>(1024);
    let impact_of = move |tf: [u16; 4], length: f32, df: u32| impact(tf, length, df, docs, average);
    let (ranges, terms, lengths) = (&ranges, &terms, &lengths);
    let mut kept = std::thread::scope(|s| -> Result<Vec<Vec<Vec<u8>>>> {
        let workers = s.spawn(move || {
            each_range(ranges, |w, range| {
                let records = records.clone();
                let mut spill = Spill::new(buckets, dir, w)?;
                for doc in range {
                    let a = article(doc)?;
                    let length = lengths.get(doc as usize).copied().unwrap_or(average);
                    let mine = article_terms(&fields(&a));
                    let syllable = |s: &str, df: Option<u32>| {
                        let tf = mine.get(s).map(|t| t.0)?;
                        Some((impact_of(tf, length, df?) * SCALE).round() as u32)
                    };
                    for (term, (tf, written)) in &mine {
                        let Some(t) = terms.get(term) else { continue };
                        let phrase = if term.contains(' ') { PHRASE } else { 1.0 };
                        let score = impact_of(*tf, length, t.df) * phrase;
                        let mask = forms_mask(&t.forms, written);
                        let carried =
                            t.carries
                                .zip(term.split_once(' '))
                                .map(|((df_a, df_b), (a, b))| {
                                    (
                                        syllable(a, df_a).unwrap_or(0),
                                        syllable(b, df_b).unwrap_or(0),
                                    )
                                });
                        spill.push(&Posting {
                            term: t.id,
                            written: Written {
                                doc,
                                impact: (score * SCALE).round() as u32,
                                forms: mask,
                            },
                            carried,
                        })?;
                    }
                    if let Some(record) = record(doc, &a)? {
                        records
                            .send(record)
                            .map_err(|_| anyhow!("the index's writer stopped"))?;
                    }
                }
                spill.finish()
            })
        });
        for (path, bytes) in received {
            sink.put(path, bytes)?;
        }
        workers
            .join()
            .map_err(|_| anyhow!("an index worker panicked"))?
    })?;

    phase("pass 2 (impacts, records)");
    // The terms, bucket by bucket: heads kept for the shards, tails written.
    let mut entries: Vec<(String, String, String)> = Vec::with_capacity(terms.len());
    let mut tail_files = 0u32;
    for b in 0..buckets {
        let mut bucket = read_bucket(&mut kept, dir, b)?;
        bucket.sort_unstable_by_key(|p| (p.term, p.written.doc));
        for group in bucket.chunk_by(|x, y| x.term == y.term) {
            let Some(name) = group.first().and_then(|p| names.get(p.term as usize)) else {
                continue;
            };
            let term_forms = terms.get(name).map(|t| t.forms.clone()).unwrap_or_default();
            tail_files += entry(name, group, term_forms, head, sink, &mut entries)?;
        }
    }
    for slug in &cat.order {
        let group: Vec<Posting> = categories
            .get(slug)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&doc| Posting {
                term: 0,
                written: Written {
                    doc,
                    impact: 0,
                    forms: 0,
                },
                carried: None,
            })
            .collect();
        entry(
            &category_term(slug),
            &group,
            Vec::new(),
            usize::MAX,
            sink,
            &mut entries,
        )?;
    }
    drop(scratch);
    phase("terms (tiers, tails)");

    let shards = write_shards(entries, sink, shard_doc)?;
    phase("shards");
    let mut year_list: Vec<Year> = Vec::new();
    for (doc, year) in years.into_iter().enumerate() {
        match year_list.last_mut() {
            Some(y) if y.year == year => y.count += 1,
            _ => year_list.push(Year {
                year,
                first: doc as u32,
                count: 1,
            }),
        }
    }
    let manifest = Manifest {
        version: API_VERSION,
        docs,
        shards,
        years: year_list,
        categories: cat.order.iter().filter_map(|s| cat.reference(s)).collect(),
        average,
        delta: None,
    };
    put(sink, manifest_doc(), &manifest)?;
    let category_postings: usize = cat
        .order
        .iter()
        .filter_map(|s| categories.get(s))
        .map(Vec::len)
        .sum();
    Ok(IndexReport {
        terms: names.len() + cat.order.len(),
        postings: postings as usize + category_postings,
        shards,
        tails: tail_files,
    })
}

/// One term's entry (its head, as JSON) kept in `entries`, its tails written; returns how many
/// tail files. `group`: the term's postings in article order.
fn entry(
    term: &str,
    group: &[Posting],
    term_forms: Vec<String>,
    head: usize,
    sink: &mut dyn Sink,
    entries: &mut Vec<(String, String, String)>,
) -> Result<u32> {
    let list: Vec<Written> = group.iter().map(|p| p.written).collect();
    let cut = tiers(&list, head);
    let carries = group.first().is_some_and(|p| p.carried.is_some());
    // A pair carries its syllables' impacts in each tier: the first syllable's for every posting,
    // then the second's.
    let carried = |tier: &[Written]| -> Vec<u32> {
        if !carries {
            return Vec::new();
        }
        let of = |w: &Written| {
            group
                .binary_search_by_key(&w.doc, |p| p.written.doc)
                .ok()
                .and_then(|k| group.get(k))
                .and_then(|p| p.carried)
                .unwrap_or((0, 0))
        };
        let firsts = tier.iter().map(|w| of(w).0);
        let seconds = tier.iter().map(|w| of(w).1);
        firsts.chain(seconds).collect()
    };
    let count = term_forms.len();
    let first = cut.first().map_or(&[][..], Vec::as_slice);
    let value = Entry::new(first, term_forms, carried(first), cut.len() as u32 - 1)
        .counted(group.len() as u32);
    let mut tails = 0;
    for (k, tier) in cut.iter().enumerate().skip(1) {
        put(
            sink,
            tail_doc(term, k as u32),
            &Entry::tail(tier, count, carried(tier)),
        )?;
        tails += 1;
    }
    entries.push(shard_entry(term, &value)?);
    Ok(tails)
}

/// Which of a term's listed written `forms` an article that wrote it as `written` holds
/// (`Written::forms`: bit `i` for form `i`).
pub(super) fn forms_mask(forms: &[String], written: &[String]) -> u32 {
    forms
        .iter()
        .enumerate()
        .filter(|(_, f)| written.contains(f))
        .fold(0u32, |m, (i, _)| m | 1 << i)
}

/// A term's entry as [`write_shards`] takes it: the term, then its key and value as JSON.
pub(super) fn shard_entry(term: &str, value: &Entry) -> Result<(String, String, String)> {
    Ok((
        term.to_owned(),
        serde_json::to_string(term)?,
        serde_json::to_string(value)?,
    ))
}

/// The shards (at `path(n)`), each about `SHARD_BYTES` of JSON, in the order of their keys' text;
/// returns how many.
pub(super) fn write_shards(
    mut entries: Vec<(String, String, String)>,
    sink: &mut dyn Sink,
    path: fn(u32) -> String,
) -> Result<u32> {
    entries.sort_by(|a, b| a.1.cmp(&b.1));
    let bytes: usize = entries.iter().map(|(_, k, v)| k.len() + v.len() + 2).sum();
    let shards = bytes.div_ceil(SHARD_BYTES).max(1) as u32;
    let mut files: Vec<String> = vec![String::from("{"); shards as usize];
    for (term, key, value) in &entries {
        if let Some(file) = files.get_mut(shard_of(term, shards) as usize) {
            if file.len() > 1 {
                file.push(',');
            }
            file.push_str(key);
            file.push(':');
            file.push_str(value);
        }
    }
    for (n, mut file) in files.into_iter().enumerate() {
        file.push_str("}\n");
        sink.put(path(n as u32), file.into_bytes())?;
    }
    Ok(shards)
}

/// An article's record (what a result shows), as its path and bytes.
pub(super) fn record(doc: u32, a: &Article) -> Result<Option<(String, Vec<u8>)>> {
    let Some(category) = a.category_path.last().cloned() else {
        return Ok(None);
    };
    let mut text = a.lead.clone();
    text.push(' ');
    text.push_str(&plain_text(&a.body_html));
    if let Some((cut, _)) = text.char_indices().nth(RECORD_TEXT) {
        text.truncate(cut);
    }
    let record = Record {
        slug: a.slug.clone(),
        title: a.title.clone(),
        category,
        published: a.published,
        text,
    };
    let mut bytes = serde_json::to_vec(&record).context("record")?;
    bytes.push(b'\n');
    Ok(Some((record_doc(doc), bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_every_article_once_in_order() {
        for (docs, workers) in [(0, 2), (1, 2), (7, 2), (10, 3), (5, 8)] {
            let all: Vec<u32> = ranges(docs, workers).into_iter().flatten().collect();
            assert_eq!(all, (0..docs).collect::<Vec<_>>(), "{docs} / {workers}");
        }
    }

    #[test]
    fn scratch_is_removed() {
        use std::path::Path;
        let dir = std::env::temp_dir().join(format!("scratch-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        drop(Scratch(dir.clone()));
        assert!(!Path::new(&dir).exists());
    }
}
