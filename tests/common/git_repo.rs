//! Repositories built by a test with the `git` command line, with fixed names, emails and
//! dates so commit ids and reports are the same on every machine. Without git the test
//! skips locally and fails in CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::tools::skip_or_fail;

pub struct GitRepo {
    dir: tempfile::TempDir,
}

impl GitRepo {
    /// A fresh repository on branch `main`, or `None` (skipped) without git.
    pub fn init() -> Option<GitRepo> {
        let has_git = Command::new("git")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !has_git {
            skip_or_fail(
                "history tests",
                "git is not installed",
                "apt-get install git",
            );
            return None;
        }
        let repo = GitRepo {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        Some(repo)
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs git in the repository and returns its trimmed stdout; panics when git fails.
    pub fn git(&self, args: &[&str]) -> String {
        self.git_at(args, "2025-01-01T00:00:00+00:00")
    }

    fn git_at(&self, args: &[&str], date: &str) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(self.path())
            // The user's own configuration (hooks, signing, excludes) must not leak in.
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Ada")
            .env("GIT_AUTHOR_EMAIL", "ada@example.com")
            .env("GIT_COMMITTER_NAME", "Ada")
            .env("GIT_COMMITTER_EMAIL", "ada@example.com")
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder is writable");
        }
        std::fs::write(&path, text).expect("file is writable");
        path
    }

    /// Stages everything and commits at `date` (author and committer); returns the id.
    pub fn commit(&self, date: &str, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git_at(&["commit", "-q", "--allow-empty", "-m", message], date);
        self.git(&["rev-parse", "HEAD"])
    }

    /// Merges `branch` into the current branch at `date`, always with a merge commit.
    pub fn merge(&self, branch: &str, date: &str) -> String {
        self.git_at(&["merge", "-q", "--no-ff", "-m", "merge", branch], date);
        self.git(&["rev-parse", "HEAD"])
    }
}
