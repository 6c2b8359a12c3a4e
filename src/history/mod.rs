//! `check --history`: which Mufi keys ever reached a commit. Deleting a key from the
//! current file does not un-leak it, so this walks the history and reports each key once.
//!
//! Keys are known only by their fingerprint (`fingerprint`); the scan keeps no key text.

pub mod baseline;
pub mod command;
mod date;
mod detect;
mod walk;

use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

pub use baseline::Baseline;
pub use date::format_date;
pub use walk::scan;

/// Which commits a history scan reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Range {
    /// Every commit reachable from HEAD (the default).
    #[default]
    Head,
    /// Commits reachable from HEAD but not from this revision (`git log REV..HEAD`).
    Since(String),
    /// Every commit reachable from any ref or from HEAD (`git log --all`).
    All,
}

impl Range {
    /// How reports name the range.
    pub fn describe(&self) -> String {
        match self {
            Range::Head => "HEAD".into(),
            Range::Since(rev) => format!("{rev}..HEAD"),
            Range::All => "--all".into(),
        }
    }
}

/// What went wrong reading a repository's history.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("{path}: not inside a git repository (check --history reads git history)")]
    NotARepository { path: PathBuf },
    #[error("--since {rev}: no such commit in this repository")]
    UnknownRevision { rev: String },
    #[error("reading git history: {0}")]
    Git(#[from] git2::Error),
}

/// One distinct key found in history. Its fields are the JSON report's, by these names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LeakedKey {
    /// `sha256:` and the first 16 hex digits of the key's SHA-256: stable, and no key.
    pub fingerprint: String,
    /// The key's first characters, as every report shows keys.
    pub redacted: String,
    /// The permission the key's payload states, when it states one.
    pub permission: Option<String>,
    /// The first commit (see `walk`) whose tree holds the key, as full hex.
    pub first_commit: String,
    /// That commit's author date, `YYYY-MM-DDTHH:MM:SS±HH:MM` in the author's offset.
    pub first_author_date: String,
    /// Where the key sits in that commit (repository-relative, `/`-separated) and its line.
    pub first_path: String,
    pub first_line: usize,
    /// How many scanned commits have a tree that holds the key.
    pub commits: usize,
    /// Whether HEAD's tree still holds it.
    pub at_head: bool,
    /// Whether the baseline lists it as already regenerated.
    pub baselined: bool,
}

/// The result of a history scan, keys in the order they first appeared.
#[derive(Clone, Debug, Default)]
pub struct HistoryReport {
    pub range: Range,
    /// The repository's working tree (its git dir for a bare one): paths are relative to it.
    pub root: PathBuf,
    pub commits_scanned: usize,
    pub blobs_scanned: usize,
    /// A shallow clone (CI checkouts often are): commits before its boundary are missing.
    pub shallow: bool,
    pub keys: Vec<LeakedKey>,
}

impl HistoryReport {
    /// Keys the baseline does not cover: these fail the check.
    pub fn new_keys(&self) -> usize {
        self.keys.iter().filter(|k| !k.baselined).count()
    }

    /// Marks the keys `baseline` lists.
    pub fn apply(&mut self, baseline: &Baseline) {
        for key in &mut self.keys {
            key.baselined = baseline.contains(&key.fingerprint);
        }
    }
}

/// The stable name of a key: a hash of its text, short enough to read, never the key.
pub fn fingerprint(key: &str) -> String {
    let digest = Sha256::digest(key.trim().as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The repository whose working tree (or git dir) holds `path`.
pub fn open(path: &Path) -> Result<git2::Repository, HistoryError> {
    git2::Repository::discover(path).map_err(|_| HistoryError::NotARepository {
        path: path.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_short_stable_and_not_the_key() {
        let key = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
        let fp = fingerprint(key);
        assert_eq!(fp, fingerprint(key));
        assert_eq!(fp.len(), "sha256:".len() + 16);
        assert!(!fp.contains("eyJ"));
        assert_ne!(
            fp,
            fingerprint("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyIn0.c2lnbmF0dXJl")
        );
    }
}
