//! The project model's answer to "would git commit this file?" against git's own, on
//! repositories built here: nested `.gitignore` files, negations, ignored folders,
//! `info/exclude`, tracked files that are ignored later, index version 4. Then MUFI005's
//! verdicts on the same repositories. Needs `git`: skips with a note, except in CI.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use mufi_lsp::cli::analyze_file;
use mufi_lsp::config::Config;
use mufi_lsp::finding::Edit;
use mufi_lsp::project::ProjectModel;
use mufi_lsp::rules::RuleId;

fn git_available() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v.is_empty()),
            "git is required in CI"
        );
        eprintln!("skipping: git is not installed");
    }
    ok
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        // The user's own configuration (global excludes, hooks) must not leak in.
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@t")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@t")
        .output()
        .expect("git runs");
    out
}

fn ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// A repository with every shape of ignore rule; returns it and the dotenv paths.
fn build_repo() -> (tempfile::TempDir, Vec<&'static str>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    ok(root, &["init", "-q"]);
    let key = format!("MUFI_API_KEY={}\n", common::fake_key("Write"));
    write(
        root,
        ".gitignore",
        "node_modules/\n.env\n/build/\n*.secret.env\n",
    );
    write(root, "web/.gitignore", ".env*.local\n!.env.example\n");
    write(root, "api/.gitignore", "!.env\n");
    write(root, "deep/.gitignore", "/config/\n");
    write(root, "deep/config/.gitignore", "!.env\n");
    write(root, ".git/info/exclude", "scratch/\n");
    let files = vec![
        ".env",
        ".env.production",
        "web/.env.local",
        "web/.env.development.local",
        "web/.env.example",
        "web/.env",
        "web/.env.staging",
        "api/.env",
        "build/.env",
        "deep/config/.env",
        "scratch/.env",
        "svc/prod.secret.env",
        "svc/.env.staging",
        "tracked/.env",
    ];
    for f in &files {
        write(root, f, &key);
    }
    // Tracked, then ignored: ignoring it now changes nothing.
    ok(root, &["add", "-f", "tracked/.env"]);
    ok(root, &["commit", "-q", "-m", "oops"]);
    write(root, "tracked/.gitignore", ".env\n");
    (dir, files)
}

/// git's own verdict: (ignored by the rules, tracked).
fn git_says(root: &Path, rel: &str) -> (bool, bool) {
    let ignored = git(root, &["check-ignore", "-q", "--no-index", rel])
        .status
        .success();
    let tracked = git(root, &["ls-files", "--error-unmatch", rel])
        .status
        .success();
    (ignored, tracked)
}

#[test]
fn ignore_and_tracked_state_agree_with_git() {
    if !git_available() {
        return;
    }
    let (dir, files) = build_repo();
    let root = dir.path().canonicalize().unwrap();
    let check = |model: &ProjectModel| {
        let mut disagreements = Vec::new();
        for rel in &files {
            let facts = model.git_facts(&root.join(rel));
            let ours = (facts.ignore.is_ignored(), facts.tracked);
            let theirs = git_says(&root, rel);
            if ours != theirs {
                disagreements.push(format!(
                    "{rel}: ours (ignored, tracked) = {ours:?}, git = {theirs:?}"
                ));
            }
            assert_eq!(facts.repo_root.as_deref(), Some(root.as_path()));
        }
        assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    };
    check(&ProjectModel::new());
    // The same answers from a version 4 index (paths prefix-compressed).
    ok(&root, &["update-index", "--index-version", "4"]);
    ok(
        &root,
        &["add", "-f", "web/.env.example", "svc/.env.staging"],
    );
    check(&ProjectModel::new());
}

#[test]
fn secret_file_rule_follows_git() {
    if !git_available() {
        return;
    }
    let (dir, _) = build_repo();
    let root = dir.path().canonicalize().unwrap();
    let model = ProjectModel::new();
    let findings = |rel: &str| {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        analyze_file(&path, &text, &model, &Config::default())
            .into_iter()
            .filter(|f| f.rule == RuleId::SecretFileNotIgnored)
            .collect::<Vec<_>>()
    };
    // Ignored: silent. The example file is a template: never checked.
    for quiet in [
        ".env",
        "web/.env.local",
        "build/.env",
        "deep/config/.env",
        "scratch/.env",
        "svc/prod.secret.env",
        "web/.env.example",
    ] {
        assert!(findings(quiet).is_empty(), "{quiet} is ignored");
    }
    // Not ignored: flagged, with a fix that writes the nearest .gitignore.
    let staging = findings("svc/.env.staging");
    assert_eq!(staging.len(), 1);
    assert!(staging[0].message.contains("would commit"));
    let Edit::EnsureIgnored { gitignore, pattern } = &staging[0].fixes[0].edits[0] else {
        panic!("the fix edits a .gitignore: {:?}", staging[0].fixes);
    };
    assert_eq!(gitignore, &root.join(".gitignore"));
    assert_eq!(pattern, ".env.staging");
    let web = findings("web/.env.staging");
    let Edit::EnsureIgnored { gitignore, .. } = &web[0].fixes[0].edits[0] else {
        panic!("the fix edits a .gitignore");
    };
    assert_eq!(gitignore, &root.join("web/.gitignore"), "the nearest one");
    // Re-included by a negation: flagged, and the message names the rule.
    let api = findings("api/.env");
    assert_eq!(api.len(), 1);
    assert!(api[0].message.contains("`!.env`"), "{}", api[0].message);
    // Tracked, though ignored now: flagged as already in history, no .gitignore fix.
    let tracked = findings("tracked/.env");
    assert_eq!(tracked.len(), 1);
    assert!(
        tracked[0].message.contains("already tracks") && tracked[0].message.contains("Regenerate"),
        "{}",
        tracked[0].message
    );
    assert!(tracked[0]
        .fixes
        .iter()
        .all(|f| !matches!(f.edits[0], Edit::EnsureIgnored { .. })));
    // Never the key itself.
    let key = common::fake_key("Write");
    assert!(!tracked[0].message.contains(&key[..30]));
}

#[test]
fn a_commit_is_noticed_without_a_restart() {
    if !git_available() {
        return;
    }
    let (dir, _) = build_repo();
    let root = dir.path().canonicalize().unwrap();
    let model = ProjectModel::new();
    let file = root.join("svc/.env.staging");
    assert!(!model.git_facts(&file).tracked);
    // The index changes on disk; the cached copy is read again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    ok(&root, &["add", "svc/.env.staging"]);
    assert!(model.git_facts(&file).tracked);
}
