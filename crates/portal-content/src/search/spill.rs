//! Postings on their way from the articles to the terms: written in article order by each worker,
//! read back bucket by bucket (a bucket holds every posting of the terms whose id falls in it), so
//! the index of a large archive never holds all its postings at once. In memory for a small
//! archive, in files under a scratch folder for a large one.

use anyhow::{Context, Result};
use portal_core::search::index::Written;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// One posting of a term: its article, impact and forms, and for a pair whose syllables have
/// tails the syllables' own impacts in that article (`Entry`'s carries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub term: u32,
    pub written: Written,
    pub carried: Option<(u32, u32)>,
}

const PLAIN: usize = 17;
const CARRYING: usize = 25;

fn encode(p: &Posting, out: &mut Vec<u8>) {
    for n in [p.term, p.written.doc, p.written.impact, p.written.forms] {
        out.extend(n.to_le_bytes());
    }
    match p.carried {
        None => out.push(0),
        Some((a, b)) => {
            out.push(1);
            out.extend(a.to_le_bytes());
            out.extend(b.to_le_bytes());
        }
    }
}

fn decode(bytes: &[u8], out: &mut Vec<Posting>) {
    let word = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_le_bytes)
    };
    let mut at = 0;
    while at + PLAIN <= bytes.len() {
        let carried = (bytes.get(at + 16) == Some(&1)).then(|| (word(at + 17), word(at + 21)));
        out.push(Posting {
            term: word(at),
            written: Written {
                doc: word(at + 4),
                impact: word(at + 8),
                forms: word(at + 12),
            },
            carried,
        });
        at += if carried.is_some() { CARRYING } else { PLAIN };
    }
}

/// One worker's postings, by bucket.
pub struct Spill {
    buckets: Vec<Vec<u8>>,
    files: Option<Vec<BufWriter<File>>>,
}

/// A bucket's buffer goes to its file past this many bytes.
const FLUSH: usize = 1 << 20;

impl Spill {
    /// `buckets` buckets, in files `<dir>/<worker>-<bucket>` if `dir` is given.
    pub fn new(buckets: u32, dir: Option<&Path>, worker: usize) -> Result<Spill> {
        let files = match dir {
            Some(dir) => Some(
                (0..buckets)
                    .map(|b| {
                        let path = part(dir, worker, b);
                        File::create(&path)
                            .map(BufWriter::new)
                            .with_context(|| format!("creating {}", path.display()))
                    })
                    .collect::<Result<Vec<_>>>()?,
            ),
            None => None,
        };
        Ok(Spill {
            buckets: vec![Vec::new(); buckets as usize],
            files,
        })
    }

    pub fn push(&mut self, posting: &Posting) -> Result<()> {
        let n = self.buckets.len().max(1);
        let b = posting.term as usize % n;
        let Some(buffer) = self.buckets.get_mut(b) else {
            return Ok(());
        };
        encode(posting, buffer);
        if buffer.len() > FLUSH
            && let Some(file) = self.files.as_mut().and_then(|f| f.get_mut(b))
        {
            file.write_all(buffer)?;
            buffer.clear();
        }
        Ok(())
    }

    /// Ends the writing: what stays in memory (everything when there are no files).
    pub fn finish(mut self) -> Result<Vec<Vec<u8>>> {
        if let Some(files) = self.files.as_mut() {
            for (file, buffer) in files.iter_mut().zip(&mut self.buckets) {
                file.write_all(buffer)?;
                file.flush()?;
                buffer.clear();
            }
        }
        Ok(self.buckets)
    }
}

fn part(dir: &Path, worker: usize, bucket: u32) -> PathBuf {
    dir.join(format!("{worker}-{bucket}"))
}

/// Every posting of bucket `b`, from every worker's part (files removed once read).
pub fn read_bucket(kept: &mut [Vec<Vec<u8>>], dir: Option<&Path>, b: u32) -> Result<Vec<Posting>> {
    let mut out = Vec::new();
    for (worker, buckets) in kept.iter_mut().enumerate() {
        if let Some(dir) = dir {
            let path = part(dir, worker, b);
            let mut bytes = Vec::new();
            File::open(&path)?.read_to_end(&mut bytes)?;
            decode(&bytes, &mut out);
            std::fs::remove_file(&path)?;
        }
        if let Some(buffer) = buckets.get_mut(b as usize) {
            decode(buffer, &mut out);
            *buffer = Vec::new();
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_come_back_as_written_in_memory_and_in_files() {
        let postings: Vec<Posting> = (0..50u32)
            .map(|n| Posting {
                term: n % 7,
                written: Written {
                    doc: n,
                    impact: n * 3,
                    forms: n % 4,
                },
                carried: (n % 3 == 0).then_some((n, n + 1)),
            })
            .collect();
        let dir = std::env::temp_dir().join(format!("spill-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for dir in [None, Some(dir.as_path())] {
            let mut spill = Spill::new(3, dir, 0).unwrap();
            for p in &postings {
                spill.push(p).unwrap();
            }
            let mut kept = vec![spill.finish().unwrap()];
            let mut back: Vec<Posting> = (0..3)
                .flat_map(|b| read_bucket(&mut kept, dir, b).unwrap())
                .collect();
            back.sort_by_key(|p| p.written.doc);
            assert_eq!(back, postings);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
