//! `--baseline FILE`: the fingerprints of keys already regenerated, so a history check
//! fails only on new leaks. The file holds fingerprints, never keys, so it is safe to commit.
//!
//! Format (version 1), one key per line, `#` starts a comment line:
//! ```text
//! # mufi-lsp history baseline v1
//! sha256:4be1c9a0d2f37e15  regenerated 2025-03-02 (first seen in src/app.js)
//! ```
//! The first word of a line is the fingerprint; the rest of the line is a free note.

use std::collections::HashSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::LeakedKey;

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("reading baseline {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    // The line is not echoed: a pasted key must not reach a CI log through this message.
    #[error(
        "baseline {path}, line {line}: expected a fingerprint (`sha256:` and 16 hex digits) \
         as the first word; write it with `check --history --write-baseline FILE`"
    )]
    Malformed { path: PathBuf, line: usize },
}

/// The fingerprints a baseline file lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    fingerprints: HashSet<String>,
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Baseline::parse(&text).map_err(|line| BaselineError::Malformed {
            path: path.to_path_buf(),
            line,
        })
    }

    /// Parses baseline text; the error is the 1-based number of the first bad line.
    pub fn parse(text: &str) -> Result<Baseline, usize> {
        let mut fingerprints = HashSet::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let word = line.split_whitespace().next().unwrap_or_default();
            if !is_fingerprint(word) {
                return Err(i + 1);
            }
            fingerprints.insert(word.to_string());
        }
        Ok(Baseline { fingerprints })
    }

    pub fn contains(&self, fingerprint: &str) -> bool {
        self.fingerprints.contains(fingerprint)
    }

    /// A baseline listing `keys`, each with a note saying where it was first seen.
    pub fn render(keys: &[LeakedKey]) -> String {
        let mut out = String::from(
            "# mufi-lsp history baseline v1: fingerprints of keys already regenerated.\n\
             # One per line, then a free note. It holds no keys; commit it.\n",
        );
        for key in keys {
            let _ = writeln!(
                out,
                "{}  first seen {} in {}",
                key.fingerprint, key.first_author_date, key.first_path
            );
        }
        out
    }
}

fn is_fingerprint(word: &str) -> bool {
    word.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 16
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fingerprints_and_notes_and_rejects_anything_else() {
        let text =
            "# comment\n\nsha256:0123456789abcdef  rotated by ops\nsha256:fedcba9876543210\n";
        let baseline = Baseline::parse(text).expect("valid");
        assert!(baseline.contains("sha256:0123456789abcdef"));
        assert!(baseline.contains("sha256:fedcba9876543210"));
        assert!(!baseline.contains("sha256:0000000000000000"));
        // A pasted key is refused, by line number.
        assert_eq!(
            Baseline::parse("# x\neyJhbGciOiJIUzI1NiJ9.e30.c2ln\n"),
            Err(2)
        );
        assert_eq!(Baseline::parse("sha256:0123"), Err(1));
    }
}
