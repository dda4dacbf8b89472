//! The index's first pass, per worker: each term's articles and written forms (by an id local to
//! the worker), each article's length, year and category; and each article's terms on a tape, so
//! that the second pass reads them rather than making and tokenising every article again.

use super::build::forms_mask;
use super::tape::{TapeWriter, put_varint, take_varint};
use super::{article_terms, fields, fingerprint};
use anyhow::{Context, Result};
use portal_core::Article;
use portal_core::search::rank::weighted_length;
// Fx: as in `build`.
use rustc_hash::FxHashMap as HashMap;

/// What one worker counts of one of its terms.
#[derive(Default)]
struct Seen {
    df: u32,
    /// Its written forms other than folded, with their article counts (a line's form code `k` is
    /// form `k - 1`; code 0 is the folded form itself).
    forms: Vec<(String, u32)>,
    /// Articles in which the folded form itself is not written.
    absent: u32,
}

/// What the first pass learns from one range of articles.
#[derive(Default)]
pub(super) struct Counts {
    ids: HashMap<String, u32>,
    seen: Vec<Seen>,
    lengths: Vec<f32>,
    years: Vec<i32>,
    categories: HashMap<String, Vec<u32>>,
    /// Each article's slug and fingerprint, in number order (`search/numbers.json`).
    numbers: Vec<(String, String)>,
    line: Vec<u8>,
}

impl Counts {
    /// Counts article `doc` and puts its terms on `tape`: per term its local id, occurrences per
    /// field, then its written forms' codes.
    pub fn count(&mut self, doc: u32, a: &Article, tape: &mut TapeWriter) -> Result<()> {
        let fields = fields(a);
        self.lengths
            .push(weighted_length(fields.each_ref().map(|f| f.len() as u32)));
        self.years.push(a.published.in_vietnam().date.year);
        self.numbers.push((a.slug.clone(), fingerprint(a)));
        for c in &a.category_path {
            self.categories.entry(c.slug.clone()).or_default().push(doc);
        }
        self.line.clear();
        for (term, (tf, written)) in article_terms(&fields) {
            let id = match self.ids.get(term.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.seen.len() as u32;
                    self.seen.push(Seen::default());
                    self.ids.insert(term.clone(), id);
                    id
                }
            };
            let seen = self.seen.get_mut(id as usize).context("a term's count")?;
            seen.df += 1;
            put_varint(&mut self.line, id);
            for n in tf {
                put_varint(&mut self.line, u32::from(n));
            }
            put_varint(&mut self.line, written.len() as u32);
            for w in &written {
                let code = if *w == term {
                    0
                } else if let Some(k) = seen.forms.iter().position(|(f, _)| f == w) {
                    if let Some(f) = seen.forms.get_mut(k) {
                        f.1 += 1;
                    }
                    k + 1
                } else {
                    seen.forms.push((w.clone(), 1));
                    seen.forms.len()
                };
                put_varint(&mut self.line, code as u32);
            }
            if !written.contains(&term) {
                seen.absent += 1;
            }
        }
        tape.put(&self.line)
    }
}

/// The whole archive's terms and counts, merged from every worker's in range order.
#[derive(Default)]
pub(super) struct Merged {
    pub ids: HashMap<String, u32>,
    pub names: Vec<String>,
    pub df: Vec<u32>,
    /// Terms written other than folded somewhere (as `forms_of` takes them): each other written
    /// form's article count, and the articles in which the folded form is not written.
    pub forms: HashMap<u32, (HashMap<String, u32>, u32)>,
    pub lengths: Vec<f32>,
    pub years: Vec<i32>,
    pub categories: HashMap<String, Vec<u32>>,
    pub numbers: Vec<(String, String)>,
    /// Per worker, how its lines read.
    pub locals: Vec<Local>,
}

/// One worker's local ids in the whole archive's, and its terms' other written forms.
pub(super) struct Local {
    global: Vec<u32>,
    /// (local id, its forms in code order), for the terms with forms, by local id.
    forms: Vec<(u32, Vec<String>)>,
}

impl Merged {
    pub fn add(&mut self, part: Counts) {
        let Counts {
            ids,
            seen,
            lengths,
            years,
            categories,
            numbers,
            line: _,
        } = part;
        let mut global = vec![0u32; seen.len()];
        for (name, local) in ids {
            let id = match self.ids.get(name.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.names.len() as u32;
                    self.names.push(name.clone());
                    self.df.push(0);
                    self.ids.insert(name, id);
                    id
                }
            };
            if let Some(g) = global.get_mut(local as usize) {
                *g = id;
            }
        }
        let mut local_forms = Vec::new();
        for (local, s) in seen.into_iter().enumerate() {
            let Some(&id) = global.get(local) else {
                continue;
            };
            if let Some(df) = self.df.get_mut(id as usize) {
                *df += s.df;
            }
            if s.forms.is_empty() {
                continue;
            }
            let (counts, absent) = self.forms.entry(id).or_default();
            for (form, n) in &s.forms {
                *counts.entry(form.clone()).or_default() += n;
            }
            *absent += s.absent;
            local_forms.push((local as u32, s.forms.into_iter().map(|f| f.0).collect()));
        }
        self.locals.push(Local {
            global,
            forms: local_forms,
        });
        self.lengths.extend(lengths);
        self.years.extend(years);
        self.numbers.extend(numbers);
        for (slug, docs) in categories {
            self.categories.entry(slug).or_default().extend(docs);
        }
    }
}

/// How a worker's lines read once the terms' listed forms are known.
pub(super) struct Codes {
    global: Vec<u32>,
    /// Per local id, where its codes' bits start in `bits`.
    starts: Vec<u32>,
    bits: Vec<u32>,
}

impl Local {
    /// `term(id)`: a term's name and the forms its postings tell apart (`Written::forms`'s bits).
    pub fn codes<'a>(self, term: impl Fn(u32) -> (&'a str, &'a [String])) -> Codes {
        let bit = |listed: &[String], form: &str| forms_mask(listed, &[form]);
        let (mut starts, mut bits) = (Vec::with_capacity(self.global.len()), Vec::new());
        let mut with_forms = self.forms.into_iter().peekable();
        for (local, &id) in self.global.iter().enumerate() {
            starts.push(bits.len() as u32);
            let (name, listed) = term(id);
            bits.push(bit(listed, name));
            if let Some((_, forms)) = with_forms.next_if(|(l, _)| *l as usize == local) {
                bits.extend(forms.iter().map(|f| bit(listed, f)));
            }
        }
        Codes {
            global: self.global,
            starts,
            bits,
        }
    }
}

impl Codes {
    /// An article's line: per term its global id, occurrences per field and forms' mask, in
    /// global id order (into `out`, cleared first).
    pub fn read(&self, line: &[u8], out: &mut Vec<(u32, [u16; 4], u32)>) -> Result<()> {
        out.clear();
        let mut at = 0;
        while at < line.len() {
            let local = take_varint(line, &mut at)? as usize;
            let id = *self
                .global
                .get(local)
                .context("a term unknown to its worker")?;
            let mut tf = [0u16; 4];
            for n in &mut tf {
                *n = take_varint(line, &mut at)? as u16;
            }
            let start = *self.starts.get(local).context("a term's codes")? as usize;
            let mut mask = 0;
            for _ in 0..take_varint(line, &mut at)? {
                let code = take_varint(line, &mut at)? as usize;
                mask |= self.bits.get(start + code).copied().unwrap_or(0);
            }
            out.push((id, tf, mask));
        }
        out.sort_unstable_by_key(|t| t.0);
        Ok(())
    }
}
