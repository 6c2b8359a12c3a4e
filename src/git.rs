//! What git would do with a file, read from the repository's own files without running
//! git: whether an ignore rule covers it (nested `.gitignore` files, `.git/info/exclude`,
//! the user's global excludes) and whether the index already tracks it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// A working tree and where its git data lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repo {
    /// The working tree's top folder.
    pub root: PathBuf,
    /// `.git`, or where a `.git` file points (worktrees, submodules).
    pub git_dir: PathBuf,
    /// Where shared data (`info/exclude`) lives: the main repository's git dir for a worktree.
    pub common_dir: PathBuf,
}

impl Repo {
    /// The repository whose working tree holds `path` (a file or folder).
    pub fn discover(path: &Path) -> Option<Repo> {
        path.ancestors().find_map(|dir| {
            let dot_git = dir.join(".git");
            if dot_git.is_dir() {
                return Some(Repo {
                    root: dir.to_path_buf(),
                    common_dir: common_dir(&dot_git),
                    git_dir: dot_git,
                });
            }
            // `gitdir: <path>` in a `.git` file.
            let text = std::fs::read_to_string(&dot_git).ok()?;
            let target = text.trim().strip_prefix("gitdir:")?.trim();
            let git_dir = dir.join(target);
            Some(Repo {
                root: dir.to_path_buf(),
                common_dir: common_dir(&git_dir),
                git_dir,
            })
        })
    }

    pub fn index_path(&self) -> PathBuf {
        self.git_dir.join("index")
    }

    /// `path` relative to the working tree, with `/` separators, as the index spells it.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<&str> = rel
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<_>>()?;
        Some(parts.join("/"))
    }
}

fn common_dir(git_dir: &Path) -> PathBuf {
    match std::fs::read_to_string(git_dir.join("commondir")) {
        Ok(text) => git_dir.join(text.trim()),
        Err(_) => git_dir.to_path_buf(),
    }
}

/// The paths the index at `index` tracks. Reads index versions 2, 3 and 4 (the path
/// compression of v4 included) with SHA-1 or SHA-256 object names.
pub fn read_index(index: &Path, sha256: bool) -> Result<HashSet<String>, String> {
    let bytes = std::fs::read(index).map_err(|e| format!("{}: {e}", index.display()))?;
    parse_index(&bytes, if sha256 { 32 } else { 20 })
}

/// Whether the repository's object format is SHA-256 (`extensions.objectformat`).
pub fn uses_sha256(repo: &Repo) -> bool {
    std::fs::read_to_string(repo.common_dir.join("config")).is_ok_and(|config| {
        config.lines().any(|l| {
            let l = l.trim().to_ascii_lowercase().replace(' ', "");
            l == "objectformat=sha256"
        })
    })
}

fn parse_index(bytes: &[u8], hash_len: usize) -> Result<HashSet<String>, String> {
    let be32 = |at: usize| -> Result<u32, String> {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or_else(|| "index ends early".to_string())
    };
    if bytes.get(..4) != Some(b"DIRC") {
        return Err("not a git index".into());
    }
    let version = be32(4)?;
    if !(2..=4).contains(&version) {
        return Err(format!("index version {version} is not supported"));
    }
    let count = be32(8)? as usize;
    let mut paths = HashSet::with_capacity(count.min(1 << 20));
    let mut at = 12;
    let mut previous: Vec<u8> = Vec::new();
    // ctime, mtime (8 each), dev, ino, mode, uid, gid, size (4 each), object name, flags.
    let fixed = 40 + hash_len + 2;
    for _ in 0..count {
        let entry_start = at;
        let flags_at = entry_start + 40 + hash_len;
        let flags = bytes
            .get(flags_at..flags_at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or("index ends early")?;
        at = entry_start + fixed;
        if flags & 0x4000 != 0 {
            if version < 3 {
                return Err("extended flags in a version 2 index".into());
            }
            at += 2;
        }
        let path = if version == 4 {
            // A varint of how many bytes to drop from the previous path, then the suffix.
            let mut strip: usize = 0;
            loop {
                let byte = *bytes.get(at).ok_or("index ends early")?;
                at += 1;
                strip = (strip << 7) | usize::from(byte & 0x7f);
                if byte & 0x80 == 0 {
                    break;
                }
                strip += 1;
            }
            let end = at + find_nul(bytes.get(at..).ok_or("index ends early")?)?;
            let keep = previous.len().checked_sub(strip).ok_or("bad path prefix")?;
            let mut path = previous[..keep].to_vec();
            path.extend_from_slice(&bytes[at..end]);
            at = end + 1;
            path
        } else {
            let end = at + find_nul(bytes.get(at..).ok_or("index ends early")?)?;
            let path = bytes[at..end].to_vec();
            // Entries are padded with NULs to a multiple of eight bytes.
            let len = end - entry_start;
            at = entry_start + (len + 8) / 8 * 8;
            path
        };
        paths.insert(String::from_utf8_lossy(&path).into_owned());
        previous = path;
    }
    Ok(paths)
}

fn find_nul(bytes: &[u8]) -> Result<usize, String> {
    bytes
        .iter()
        .position(|b| *b == 0)
        .ok_or_else(|| "unterminated path in index".to_string())
}

/// The rule that decides a path's ignore state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoreRule {
    /// The file the rule is in (`.gitignore`, `info/exclude`, the global excludes file).
    pub source: PathBuf,
    /// The pattern as written (`.env*`, `!.env.example`).
    pub pattern: String,
}

/// What git's ignore rules say about one path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IgnoreState {
    Ignored(IgnoreRule),
    /// A `!pattern` re-includes it.
    Reincluded(IgnoreRule),
    NotIgnored,
}

impl IgnoreState {
    pub fn is_ignored(&self) -> bool {
        matches!(self, IgnoreState::Ignored(_))
    }
}

/// The ignore files that apply at one folder, most specific first.
#[derive(Default)]
pub struct IgnoreLevels {
    /// `.gitignore` matchers from the folder up to the top folder.
    pub gitignores: Vec<Arc<Gitignore>>,
    /// `info/exclude` and the global excludes file, in that order.
    pub excludes: Vec<Arc<Gitignore>>,
}

/// Git's answer for `path` (relative to `top`, the working tree or the folder the
/// search stopped at): a parent folder that is ignored ignores everything inside it,
/// whatever deeper files say; otherwise the deepest `.gitignore` with a matching rule
/// decides (its last matching line), then `info/exclude`, then the global excludes.
pub fn ignore_state(
    top: &Path,
    path: &Path,
    levels_for: &mut dyn FnMut(&Path) -> IgnoreLevels,
) -> IgnoreState {
    let Ok(rel) = path.strip_prefix(top) else {
        return IgnoreState::NotIgnored;
    };
    let mut current = top.to_path_buf();
    let components: Vec<_> = rel.components().collect();
    for (i, component) in components.iter().enumerate() {
        let parent = current.clone();
        current.push(component);
        let is_dir = i + 1 < components.len();
        let state = decide(&current, is_dir, &levels_for(&parent));
        if is_dir && state.is_ignored() {
            return state;
        }
        if !is_dir {
            return state;
        }
    }
    IgnoreState::NotIgnored
}

fn decide(path: &Path, is_dir: bool, levels: &IgnoreLevels) -> IgnoreState {
    for matcher in levels.gitignores.iter().chain(levels.excludes.iter()) {
        let m = matcher.matched(path, is_dir);
        if let Some(glob) = m.inner() {
            let rule = IgnoreRule {
                source: glob
                    .from()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| matcher.path().join(".gitignore")),
                pattern: glob.original().to_string(),
            };
            return if m.is_ignore() {
                IgnoreState::Ignored(rule)
            } else {
                IgnoreState::Reincluded(rule)
            };
        }
    }
    IgnoreState::NotIgnored
}

/// The `.gitignore` of one folder, or `None` when it has none (or it cannot be read).
pub fn folder_gitignore(dir: &Path) -> Option<Gitignore> {
    let file = dir.join(".gitignore");
    if !file.is_file() {
        return None;
    }
    let mut builder = GitignoreBuilder::new(dir);
    if let Some(err) = builder.add(&file) {
        tracing::debug!("{}: {err}", file.display());
    }
    builder.build().ok()
}

/// `info/exclude` of a repository, matched from its working tree.
pub fn info_exclude(repo: &Repo) -> Option<Gitignore> {
    let file = repo.common_dir.join("info").join("exclude");
    if !file.is_file() {
        return None;
    }
    let mut builder = GitignoreBuilder::new(&repo.root);
    builder.add(&file);
    builder.build().ok()
}

/// The user's global excludes (`core.excludesFile`, or `$XDG_CONFIG_HOME/git/ignore`),
/// matched from `root`.
pub fn global_excludes(root: &Path) -> Option<Gitignore> {
    let file = ignore::gitignore::gitconfig_excludes_path()?;
    if !file.is_file() {
        return None;
    }
    let mut builder = GitignoreBuilder::new(root);
    builder.add(&file);
    builder.build().ok().filter(|g| !g.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, extended: bool, hash_len: usize) -> Vec<u8> {
        let mut e = vec![0u8; 40 + hash_len];
        let mut flags = path.len().min(0xfff) as u16;
        if extended {
            flags |= 0x4000;
        }
        e.extend_from_slice(&flags.to_be_bytes());
        if extended {
            e.extend_from_slice(&[0, 0]);
        }
        e.extend_from_slice(path.as_bytes());
        let pad = 8 - (e.len() % 8);
        e.extend(std::iter::repeat_n(0u8, pad));
        e
    }

    fn header(version: u32, count: u32) -> Vec<u8> {
        let mut h = b"DIRC".to_vec();
        h.extend_from_slice(&version.to_be_bytes());
        h.extend_from_slice(&count.to_be_bytes());
        h
    }

    #[test]
    fn reads_version_2_and_3_indexes() {
        let mut bytes = header(2, 2);
        bytes.extend(entry(".env", false, 20));
        bytes.extend(entry("web/.env.local", false, 20));
        let paths = parse_index(&bytes, 20).unwrap();
        assert!(paths.contains(".env") && paths.contains("web/.env.local"));
        let mut v3 = header(3, 1);
        v3.extend(entry("a/b.txt", true, 20));
        assert!(parse_index(&v3, 20).unwrap().contains("a/b.txt"));
    }

    #[test]
    fn reads_version_4_path_compression() {
        let mut bytes = header(4, 2);
        for (strip, suffix) in [(0u8, "web/.env"), (0, ".local")] {
            bytes.extend(vec![0u8; 40 + 20]);
            bytes.extend_from_slice(&0u16.to_be_bytes());
            bytes.push(strip);
            bytes.extend_from_slice(suffix.as_bytes());
            bytes.push(0);
        }
        let paths = parse_index(&bytes, 20).unwrap();
        assert!(paths.contains("web/.env"));
        assert!(paths.contains("web/.env.local"), "{paths:?}");
    }

    #[test]
    fn truncated_or_foreign_files_are_errors_not_panics() {
        let mut bytes = header(2, 3);
        bytes.extend(entry(".env", false, 20));
        assert!(parse_index(&bytes, 20).is_err());
        assert!(parse_index(b"PACK", 20).is_err());
        assert!(parse_index(&header(9, 0), 20).is_err());
        for cut in 0..bytes.len() {
            let _ = parse_index(&bytes[..cut], 20);
        }
    }
}
