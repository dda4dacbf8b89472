//! One worker's lines (an article's terms as the index's first pass saw them), written in order and
//! read back in the same order by the second pass: in memory for a small archive, in a scratch file
//! for a large one. Numbers inside a line are LEB128 varints (most are small).

use anyhow::{Context, Result, bail};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// A tape being written.
pub struct TapeWriter {
    file: Option<(PathBuf, BufWriter<File>)>,
    memory: Vec<u8>,
}

/// A tape written, to be read once.
pub enum Tape {
    Memory(Vec<u8>),
    File(PathBuf),
}

impl TapeWriter {
    /// Worker `worker`'s tape, in `<dir>/tape-<worker>` if `dir` is given.
    pub fn new(dir: Option<&Path>, worker: usize) -> Result<TapeWriter> {
        let file = match dir {
            Some(dir) => {
                let path = dir.join(format!("tape-{worker}"));
                let file =
                    File::create(&path).with_context(|| format!("creating {}", path.display()))?;
                Some((path, BufWriter::with_capacity(1 << 20, file)))
            }
            None => None,
        };
        Ok(TapeWriter {
            file,
            memory: Vec::new(),
        })
    }

    /// Adds one line.
    pub fn put(&mut self, line: &[u8]) -> Result<()> {
        let length = u32::try_from(line.len()).context("a line longer than 4 GB")?;
        match self.file.as_mut() {
            Some((_, file)) => {
                file.write_all(&length.to_le_bytes())?;
                file.write_all(line)?;
            }
            None => {
                self.memory.extend(length.to_le_bytes());
                self.memory.extend_from_slice(line);
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<Tape> {
        match self.file {
            Some((path, mut file)) => {
                file.flush()?;
                Ok(Tape::File(path))
            }
            None => Ok(Tape::Memory(self.memory)),
        }
    }
}

/// Reads a tape's lines in the order they were put (its file is removed when the reader goes).
pub struct TapeReader {
    source: Box<dyn Read + Send>,
    file: Option<PathBuf>,
}

impl TapeReader {
    pub fn new(tape: Tape) -> Result<TapeReader> {
        Ok(match tape {
            Tape::Memory(bytes) => TapeReader {
                source: Box::new(std::io::Cursor::new(bytes)),
                file: None,
            },
            Tape::File(path) => TapeReader {
                source: Box::new(BufReader::with_capacity(
                    1 << 20,
                    File::open(&path).with_context(|| format!("opening {}", path.display()))?,
                )),
                file: Some(path),
            },
        })
    }

    /// The next line into `line`; false at the tape's end.
    pub fn next(&mut self, line: &mut Vec<u8>) -> Result<bool> {
        let mut length = [0u8; 4];
        match self.source.read_exact(&mut length) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        line.resize(u32::from_le_bytes(length) as usize, 0);
        self.source
            .read_exact(line)
            .context("a scratch tape ends inside a line")?;
        Ok(true)
    }
}

impl Drop for TapeReader {
    fn drop(&mut self) {
        if let Some(path) = &self.file {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Appends `n` as a varint.
pub fn put_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The varint at `*at`, moving past it.
pub fn take_varint(bytes: &[u8], at: &mut usize) -> Result<u32> {
    let mut n: u32 = 0;
    for shift in (0..35).step_by(7) {
        let Some(&b) = bytes.get(*at) else {
            bail!("a scratch line ends inside a number")
        };
        *at += 1;
        n |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
        if b & 0x80 == 0 {
            return Ok(n);
        }
    }
    bail!("a number in a scratch line is too long")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_back_in_order_from_memory_and_from_a_file() {
        let lines: Vec<Vec<u8>> = (0..40u32)
            .map(|n| {
                let mut line = Vec::new();
                for k in 0..n {
                    put_varint(&mut line, k.wrapping_mul(2_654_435_761));
                }
                line
            })
            .collect();
        let dir = std::env::temp_dir().join(format!("tape-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for dir in [None, Some(dir.as_path())] {
            let mut tape = TapeWriter::new(dir, 3).unwrap();
            for line in &lines {
                tape.put(line).unwrap();
            }
            let mut reader = TapeReader::new(tape.finish().unwrap()).unwrap();
            let mut line = Vec::new();
            for (n, want) in lines.iter().enumerate() {
                assert!(reader.next(&mut line).unwrap());
                assert_eq!(&line, want);
                let mut at = 0;
                for k in 0..n as u32 {
                    let got = take_varint(&line, &mut at).unwrap();
                    assert_eq!(got, k.wrapping_mul(2_654_435_761));
                }
                assert_eq!(at, line.len());
            }
            assert!(!reader.next(&mut line).unwrap());
        }
        // The file went with its reader.
        assert!(!dir.join("tape-3").exists());
        std::fs::remove_dir_all(&dir).unwrap();
        // A cut number is an error, not a panic.
        assert!(take_varint(&[0x80, 0x80], &mut 0).is_err());
        assert!(take_varint(&[0xff; 6], &mut 0).is_err());
    }
}
