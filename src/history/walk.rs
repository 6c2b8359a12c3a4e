//! The walk: commits oldest first, each tree's keys memoised by OID (an unchanged subtree
//! costs one lookup), each blob read and scanned once however many commits share it.
//!
//! "First" is defined by the walk order: parents before children (topological), and
//! among commits that order leaves free, older committer dates first. A key's first commit
//! is the first commit in that order whose tree holds the key; its first path is the
//! first file holding it in that commit's tree, in git's own tree order.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use git2::{ObjectType, Oid, Repository, Sort};

use super::detect::{keys_in, Kind};
use super::{format_date, open, HistoryError, HistoryReport, LeakedKey, Range};
use crate::config::Config;

/// Index of a distinct key in `Walker::keys`.
type KeyId = u32;

/// The keys in one blob, each with the line it is on.
type BlobKeys = Arc<[(KeyId, usize)]>;

/// Where a key first appeared.
struct First {
    order: usize,
    commit: Oid,
    tree: Oid,
    date: String,
}

/// What the walk knows about one key (never the key itself).
struct KeyState {
    fingerprint: String,
    redacted: String,
    permission: Option<String>,
    first: Option<First>,
    commits: usize,
}

struct Walker<'r> {
    repo: &'r Repository,
    odb: git2::Odb<'r>,
    config: &'r Config,
    keys: Vec<KeyState>,
    ids: HashMap<String, KeyId>,
    /// The keys in a blob read as a kind, with the line of each.
    blobs: HashMap<(Oid, Kind), BlobKeys>,
    /// The keys anywhere under a tree, sorted.
    trees: HashMap<Oid, Arc<[KeyId]>>,
    /// How a file name is read: the same names recur in every version of a folder.
    kinds: HashMap<Box<[u8]>, Option<Kind>>,
    blobs_scanned: usize,
}

/// Reads the history of the repository holding `path` and reports every key in it.
pub fn scan(path: &Path, range: &Range, config: &Config) -> Result<HistoryReport, HistoryError> {
    // The walk remembers what it learnt from every tree and blob, and reads each once:
    // libgit2's object cache (up to 256 MB) would only hold memory. Like git itself
    // (which checks hashes in fsck and on fetch, not on every read), it does not
    // re-hash each object it reads: that was a large share of a history scan's time.
    git2::opts::enable_caching(false);
    git2::opts::strict_hash_verification(false);
    let repo = open(path)?;
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)?;
    let head = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    if head.is_some() {
        walk.push_head()?;
    }
    match range {
        Range::Head => {}
        Range::Since(rev) => {
            let since = repo
                .revparse_single(rev)
                .and_then(|o| o.peel_to_commit())
                .map_err(|_| HistoryError::UnknownRevision { rev: rev.clone() })?;
            walk.hide(since.id())?;
        }
        // Every ref under refs/ (branches, tags, remotes, stash).
        Range::All => walk.push_glob("*")?,
    }
    let mut walker = Walker {
        repo: &repo,
        odb: repo.odb()?,
        config,
        keys: Vec::new(),
        ids: HashMap::new(),
        blobs: HashMap::new(),
        trees: HashMap::new(),
        kinds: HashMap::new(),
        blobs_scanned: 0,
    };
    let mut commits_scanned = 0;
    for (order, oid) in walk.enumerate() {
        let commit = repo.find_commit(oid?)?;
        commits_scanned += 1;
        let tree = commit.tree_id();
        for &k in walker.tree_keys(tree)?.iter() {
            let key = &mut walker.keys[k as usize];
            key.commits += 1;
            if key.first.is_none() {
                let when = commit.author().when();
                key.first = Some(First {
                    order,
                    commit: commit.id(),
                    tree,
                    date: format_date(when.seconds(), when.offset_minutes()),
                });
            }
        }
    }
    let at_head = match &head {
        Some(commit) => walker.tree_keys(commit.tree_id())?,
        None => Arc::from(Vec::new()),
    };
    let mut found = Vec::new();
    for (k, key) in walker.keys.iter().enumerate() {
        let Some(first) = &key.first else { continue };
        let (path, line) = walker
            .locate(first.tree, k as KeyId, "")?
            .unwrap_or_default();
        found.push((
            first.order,
            LeakedKey {
                fingerprint: key.fingerprint.clone(),
                redacted: key.redacted.clone(),
                permission: key.permission.clone(),
                first_commit: first.commit.to_string(),
                first_author_date: first.date.clone(),
                first_path: path,
                first_line: line,
                commits: key.commits,
                at_head: at_head.contains(&(k as KeyId)),
                baselined: false,
            },
        ));
    }
    found.sort_by(|(a, ka), (b, kb)| {
        (a, &ka.first_path, ka.first_line).cmp(&(b, &kb.first_path, kb.first_line))
    });
    Ok(HistoryReport {
        range: range.clone(),
        root: repo.workdir().unwrap_or(repo.path()).to_path_buf(),
        commits_scanned,
        blobs_scanned: walker.blobs_scanned,
        shallow: repo.is_shallow(),
        keys: found.into_iter().map(|(_, k)| k).collect(),
    })
}

impl Walker<'_> {
    /// The keys anywhere under tree `oid`, computed once per distinct tree.
    fn tree_keys(&mut self, oid: Oid) -> Result<Arc<[KeyId]>, HistoryError> {
        if let Some(keys) = self.trees.get(&oid) {
            return Ok(keys.clone());
        }
        let tree = self.repo.find_tree(oid)?;
        let mut keys = Vec::new();
        for entry in tree.iter() {
            match entry.kind() {
                Some(ObjectType::Tree) => keys.extend(self.tree_keys(entry.id())?.iter()),
                Some(ObjectType::Blob) if !is_symlink(entry.filemode()) => {
                    let Some(kind) = self.kind_of(entry.name_bytes()) else {
                        continue;
                    };
                    keys.extend(self.blob_keys(entry.id(), kind)?.iter().map(|(k, _)| *k));
                }
                // Submodules are other repositories.
                _ => {}
            }
        }
        keys.sort_unstable();
        keys.dedup();
        let keys: Arc<[KeyId]> = Arc::from(keys);
        self.trees.insert(oid, keys.clone());
        Ok(keys)
    }

    /// How a file named `name` is read (`None`: not at all), decided once per name.
    fn kind_of(&mut self, name: &[u8]) -> Option<Kind> {
        if let Some(kind) = self.kinds.get(name) {
            return *kind;
        }
        let kind = std::str::from_utf8(name).ok().and_then(Kind::of);
        self.kinds.insert(name.into(), kind);
        kind
    }

    /// The keys in blob `oid` read as `kind`, scanned once.
    fn blob_keys(&mut self, oid: Oid, kind: Kind) -> Result<BlobKeys, HistoryError> {
        if let Some(keys) = self.blobs.get(&(oid, kind)) {
            return Ok(keys.clone());
        }
        // The header says the size without inflating the blob: `check` skips big files.
        let (size, _) = self.odb.read_header(oid)?;
        let hits = if size > self.config.max_file_size {
            Vec::new()
        } else {
            self.blobs_scanned += 1;
            keys_in(self.repo.find_blob(oid)?.content(), kind, self.config)
        };
        let keys: BlobKeys = hits
            .into_iter()
            .map(|hit| {
                let next = self.keys.len() as KeyId;
                let id = *self.ids.entry(hit.fingerprint.clone()).or_insert(next);
                if id == next {
                    self.keys.push(KeyState {
                        fingerprint: hit.fingerprint,
                        redacted: hit.redacted,
                        permission: hit.permission,
                        first: None,
                        commits: 0,
                    });
                }
                (id, hit.line)
            })
            .collect();
        self.blobs.insert((oid, kind), keys.clone());
        Ok(keys)
    }

    /// The first file under tree `oid` (in tree order) holding key `k`, and its line.
    /// Only descends into trees the walk already found the key in.
    fn locate(
        &self,
        oid: Oid,
        k: KeyId,
        prefix: &str,
    ) -> Result<Option<(String, usize)>, HistoryError> {
        let tree = self.repo.find_tree(oid)?;
        for entry in tree.iter() {
            let Ok(name) = entry.name() else { continue };
            let path = format!("{prefix}{name}");
            match entry.kind() {
                Some(ObjectType::Tree)
                    if self
                        .trees
                        .get(&entry.id())
                        .is_some_and(|ks| ks.contains(&k)) =>
                {
                    if let Some(found) = self.locate(entry.id(), k, &format!("{path}/"))? {
                        return Ok(Some(found));
                    }
                }
                Some(ObjectType::Blob) if !is_symlink(entry.filemode()) => {
                    let Some(kind) = Kind::of(name) else { continue };
                    let line = self
                        .blobs
                        .get(&(entry.id(), kind))
                        .and_then(|hits| hits.iter().find(|(id, _)| *id == k));
                    if let Some((_, line)) = line {
                        return Ok(Some((path, *line)));
                    }
                }
                _ => {}
            }
        }
        Ok(None)
    }
}

/// A symlink's blob is the link's target path, not file content.
fn is_symlink(filemode: i32) -> bool {
    filemode == 0o120000
}
