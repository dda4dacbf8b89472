//! Builds the index of an archive of any size with bounded memory, on every core: each article is
//! read once (`article(n)` gives article `n`, newest first), in one contiguous range per worker.
//! The first pass counts each term's articles and written forms, each article's length, category
//! and year, writes the records and keeps each article's terms on its worker's tape (`tape`); the
//! second reads the tapes back, computes every posting's impact (which needs those counts) and
//! spills the postings by term into buckets (`spill`), which are then read one at a time to cut
//! each term into its head and tail tiers. Only the term dictionary and the heads are held whole.

use super::count::{Codes, Counts, Merged};
use super::spill::{Posting, Spill, read_bucket};
use super::tape::{Tape, TapeReader, TapeWriter};
use super::{
    FORMS_ALWAYS, IndexReport, MAX_FORMS, PAIR_FORMS_SHARE, RECORD_TEXT, SCALE, SHARD_BYTES,
    SYLLABLE_FORMS_SHARE, numbers_doc, plain_text, put,
};
use crate::generate::{Catalogue, Sink};
use anyhow::{Context, Result, anyhow};
use portal_core::search::index::{
    Entry, Manifest, Record, Written, Year, category_term, head_size, manifest_doc, record_doc,
    shard_doc, shard_of, tail_doc, tiers,
};
use portal_core::search::rank::{PHRASE, impact};
use portal_core::{API_VERSION, Article};
// Fx: millions of short keys hashed per pass, in a tool (no untrusted keys to fear).
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::mpsc::{SyncSender, sync_channel};

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

/// A term as the second pass needs it (by its id).
struct Term {
    name: String,
    pair: bool,
    df: u32,
    /// Its written forms, most common first (none when only written folded, or too common).
    forms: Vec<String>,
    /// A pair whose syllables' impacts its postings carry (one of them is cut into a head and
    /// tails: more articles than a head holds): each syllable's id and article count, if it is a
    /// term.
    carries: Option<Carries>,
}

/// Each syllable's id and article count, if it is a term.
type Carries = (Option<(u32, u32)>, Option<(u32, u32)>);

/// The articles' terms kept between the passes go to files when the articles times this (an
/// estimate of their postings: the synthetic archive's hold about 510 terms each) passes
/// `Plan::spill_to_disk`.
const TERMS_PER_ARTICLE: u64 = 500;

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

/// Runs `job` on each range (with its own of `inputs`, one per range) in a thread of its own; the
/// results in range order.
fn each_range<I: Send, T: Send>(
    ranges: &[Range<u32>],
    inputs: Vec<I>,
    job: impl Fn(usize, Range<u32>, I) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    if inputs.len() != ranges.len() {
        return Err(anyhow!(
            "{} inputs for {} ranges",
            inputs.len(),
            ranges.len()
        ));
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = ranges
            .iter()
            .zip(inputs)
            .enumerate()
            .map(|(w, (r, input))| {
                let job = &job;
                s.spawn(move || job(w, r.clone(), input))
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

/// A scratch folder for the passes' files.
fn new_scratch() -> Result<Scratch> {
    let dir = std::env::temp_dir().join(format!(
        "portal-index-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(Scratch(dir))
}

/// Runs `job` on each range in a thread of its own while this thread writes what the jobs send
/// into `sink`; the results in range order.
fn each_range_writing<T: Send>(
    ranges: &[Range<u32>],
    sink: &mut dyn Sink,
    job: impl Fn(usize, Range<u32>, &SyncSender<(String, Vec<u8>)>) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let (send, received) = sync_channel::<(String, Vec<u8>)>(1024);
    std::thread::scope(|s| {
        let job = &job;
        let inputs = vec![(); ranges.len()];
        let workers = s.spawn(move || each_range(ranges, inputs, |w, r, ()| job(w, r, &send)));
        for (path, bytes) in received {
            sink.put(path, bytes)?;
        }
        workers
            .join()
            .map_err(|_| anyhow!("an index worker panicked"))?
    })
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
    let mut scratch = (u64::from(docs).saturating_mul(TERMS_PER_ARTICLE) > plan.spill_to_disk)
        .then(new_scratch)
        .transpose()?;
    // Pass 1: counts, each article's terms on its worker's tape, the records written by this
    // thread as the workers send them.
    let dir = scratch.as_ref().map(|s| s.0.clone());
    let parts = each_range_writing(&ranges, sink, |w, range, records| {
        let mut counts = Counts::default();
        let mut tape = TapeWriter::new(dir.as_deref(), w)?;
        for doc in range {
            let a = article(doc)?;
            counts.count(doc, &a, &mut tape)?;
            if let Some(record) = record(doc, &a)? {
                records
                    .send(record)
                    .map_err(|_| anyhow!("the index's writer stopped"))?;
            }
        }
        Ok((counts, tape.finish()?))
    })?;
    let mut merged = Merged::default();
    let mut tapes = Vec::with_capacity(parts.len());
    for (counts, tape) in parts {
        merged.add(counts);
        tapes.push(tape);
    }
    let Merged {
        ids,
        names,
        df,
        mut forms,
        lengths,
        years,
        categories,
        numbers,
        locals,
    } = merged;
    put(sink, numbers_doc(), &numbers)?;
    drop(numbers);
    phase("pass 1 (counts, records)");
    let average = lengths.iter().sum::<f32>() / lengths.len().max(1) as f32;
    let head = head_size(docs);
    let tailed = |id: u32| df.get(id as usize).is_some_and(|&n| n as usize > head);
    let syllable = |s: &str| ids.get(s).and_then(|&id| Some((id, *df.get(id as usize)?)));
    let terms: Vec<Term> = names
        .into_iter()
        .zip(&df)
        .enumerate()
        .map(|(id, (name, &n))| {
            let term_forms = forms_of(&name, n, forms.remove(&(id as u32)).as_ref(), docs);
            // Once per pair here rather than once per posting in pass 2.
            let carries = name.split_once(' ').and_then(|(a, b)| {
                let (a, b) = (syllable(a), syllable(b));
                (a.is_some_and(|s| tailed(s.0)) || b.is_some_and(|s| tailed(s.0))).then_some((a, b))
            });
            Term {
                pair: name.contains(' '),
                name,
                df: n,
                forms: term_forms,
                carries,
            }
        })
        .collect();
    drop((ids, forms));
    let codes: Vec<Codes> = locals
        .into_iter()
        .map(|local| {
            local.codes(|id| {
                terms
                    .get(id as usize)
                    .map_or(("", &[][..]), |t| (t.name.as_str(), t.forms.as_slice()))
            })
        })
        .collect();
    let postings: u64 = terms.iter().map(|t| u64::from(t.df)).sum();
    let buckets = postings.div_ceil(plan.bucket_postings.max(1)).max(1) as u32;
    if scratch.is_none() && postings > plan.spill_to_disk {
        scratch = Some(new_scratch()?);
    }
    let dir = scratch.as_ref().map(|s| s.0.as_path());

    // Pass 2: each article's terms read back from its worker's tape, their postings spilled.
    let impact_of = move |tf: [u16; 4], length: f32, df: u32| impact(tf, length, df, docs, average);
    let (terms, lengths) = (&terms, &lengths);
    let work: Vec<(Codes, Tape)> = codes.into_iter().zip(tapes).collect();
    let mut kept = each_range(&ranges, work, |w, range, (codes, tape)| {
        let mut tape = TapeReader::new(tape)?;
        let mut spill = Spill::new(buckets, dir, w)?;
        let (mut line, mut mine) = (Vec::new(), Vec::new());
        for doc in range {
            if !tape.next(&mut line)? {
                return Err(anyhow!("a scratch tape ends before article {doc}"));
            }
            codes.read(&line, &mut mine)?;
            let length = lengths.get(doc as usize).copied().unwrap_or(average);
            let syllable = |s: Option<(u32, u32)>| {
                let (id, df) = s?;
                let k = mine.binary_search_by_key(&id, |m| m.0).ok()?;
                let tf = mine.get(k)?.1;
                Some((impact_of(tf, length, df) * SCALE).round() as u32)
            };
            for &(id, tf, mask) in &mine {
                let Some(t) = terms.get(id as usize) else {
                    continue;
                };
                let phrase = if t.pair { PHRASE } else { 1.0 };
                let score = impact_of(tf, length, t.df) * phrase;
                let carried = t
                    .carries
                    .map(|(a, b)| (syllable(a).unwrap_or(0), syllable(b).unwrap_or(0)));
                spill.push(&Posting {
                    term: id,
                    written: Written {
                        doc,
                        impact: (score * SCALE).round() as u32,
                        forms: mask,
                    },
                    carried,
                })?;
            }
        }
        spill.finish()
    })?;

    phase("pass 2 (impacts)");
    // The terms, bucket by bucket: heads kept for the shards, tails written.
    let mut entries: Vec<(String, String, String)> = Vec::with_capacity(terms.len());
    let mut tail_files = 0u32;
    for b in 0..buckets {
        let mut bucket = read_bucket(&mut kept, dir, b)?;
        bucket.sort_unstable_by_key(|p| (p.term, p.written.doc));
        for group in bucket.chunk_by(|x, y| x.term == y.term) {
            let Some(t) = group.first().and_then(|p| terms.get(p.term as usize)) else {
                continue;
            };
            tail_files += entry(&t.name, group, t.forms.clone(), head, sink, &mut entries)?;
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
        terms: terms.len() + cat.order.len(),
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
pub(super) fn forms_mask<W: AsRef<str>>(forms: &[String], written: &[W]) -> u32 {
    forms
        .iter()
        .enumerate()
        .filter(|(_, f)| written.iter().any(|w| w.as_ref() == f.as_str()))
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
