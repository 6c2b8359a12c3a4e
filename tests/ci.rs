//! mufi-lsp where CI and commits meet it: the pre-commit hooks (run by a real
//! pre-commit on a staged key) and the shell example of docs/ci.md, run as written.

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::fake_key;
use common::tools::skip_or_fail;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_mufi-lsp");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `PATH` with the binary under test first, so `mufi-lsp` is the one cargo built.
fn path_with_binary() -> OsString {
    let bin_dir = Path::new(BIN).parent().expect("the binary is in a folder");
    let mut dirs = vec![bin_dir.to_path_buf()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries join")
}

/// git in `dir` with a fixed identity and none of the caller's repository variables.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The hook manifest as a list of hooks, each a map of its top-level fields (the file is
/// flat YAML: `- id: …` starts a hook, `  key: value` lines follow).
fn hooks() -> Vec<Vec<(String, String)>> {
    let text = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap();
    let mut hooks: Vec<Vec<(String, String)>> = Vec::new();
    for line in text.lines() {
        let field = line.trim_start_matches("- ").trim();
        if line.trim_start().starts_with('#') || field.is_empty() {
            continue;
        }
        if line.starts_with("- ") {
            hooks.push(Vec::new());
        }
        let (key, value) = field.split_once(':').expect("key: value");
        let value = value.trim().trim_matches('"').to_string();
        hooks
            .last_mut()
            .expect("a field inside a hook")
            .push((key.to_string(), value));
    }
    hooks
}

#[test]
fn pre_commit_manifest_offers_a_cargo_hook_and_a_system_hook() {
    let hooks = hooks();
    let field = |hook: &Vec<(String, String)>, key: &str| {
        hook.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let ids: Vec<String> = hooks.iter().map(|h| field(h, "id")).collect();
    assert_eq!(ids, ["mufi-lsp", "mufi-lsp-system"]);
    for (hook, language) in hooks.iter().zip(["rust", "system"]) {
        assert_eq!(field(hook, "language"), language);
        assert_eq!(field(hook, "entry"), "mufi-lsp check");
        assert_eq!(field(hook, "types"), "[text]");
        assert_eq!(field(hook, "pass_filenames"), "true");
        assert!(!field(hook, "name").is_empty());
    }
    // `language: rust` arrived in pre-commit 2.21.
    assert_eq!(field(&hooks[0], "minimum_pre_commit_version"), "2.21.0");
    // The cargo hook builds this package, whose binary is the entry's command.
    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string(repo().join("Cargo.toml")).unwrap()).unwrap();
    assert_eq!(manifest["package"]["name"].as_str(), Some("mufi-lsp"));
    assert_eq!(manifest["bin"][0]["name"].as_str(), Some("mufi-lsp"));
}

fn pre_commit(cwd: &Path, cache: &Path, args: &[&str]) -> Output {
    Command::new("python3")
        .args(["-m", "pre_commit"])
        .args(args)
        .current_dir(cwd)
        .env("PATH", path_with_binary())
        .env("PRE_COMMIT_HOME", cache)
        .env("PRE_COMMIT_COLOR", "never")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("python3 runs")
}

#[test]
fn pre_commit_system_hook_stops_a_staged_key_and_passes_clean_files() {
    let available = Command::new("python3")
        .args(["-m", "pre_commit", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        return skip_or_fail(
            "pre-commit hook test",
            "pre-commit is not importable by python3",
            "python3 -m pip install 'pre-commit>=3,<5'",
        );
    }
    let temp = tempfile::tempdir().unwrap();
    // A hook repository holding this checkout's manifest, committed as pre-commit wants.
    let hooks = temp.path().join("hooks");
    std::fs::create_dir(&hooks).unwrap();
    std::fs::copy(
        repo().join(".pre-commit-hooks.yaml"),
        hooks.join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    git(&hooks, &["init", "-q"]);
    git(&hooks, &["add", "."]);
    git(&hooks, &["commit", "-q", "-m", "hooks"]);
    // A project with a key staged in source and in a dotenv file that .gitignore names.
    let work = temp.path().join("work");
    std::fs::create_dir(&work).unwrap();
    git(&work, &["init", "-q"]);
    let key = fake_key("Write");
    std::fs::write(work.join(".gitignore"), ".env\n").unwrap();
    std::fs::write(work.join("app.py"), format!("MUFI_API_KEY = \"{key}\"\n")).unwrap();
    std::fs::write(work.join(".env"), format!("MUFI_API_KEY={key}\n")).unwrap();
    std::fs::write(
        work.join("ok.py"),
        "import os\nMUFI_API_KEY = os.environ[\"MUFI_API_KEY\"]\n",
    )
    .unwrap();
    git(&work, &["add", ".gitignore", "app.py", "ok.py"]);
    git(&work, &["add", "-f", ".env"]);
    let cache = temp.path().join("cache");
    let hooks_arg = hooks.to_str().unwrap();

    let out = pre_commit(
        &work,
        &cache,
        &[
            "try-repo",
            hooks_arg,
            "mufi-lsp-system",
            "--files",
            "app.py",
            ".env",
        ],
    );
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "a staged key fails the hook:\n{log}");
    assert!(log.contains("app.py:1:16: error[MUFI001]"), "{log}");
    assert!(
        log.contains(".env:1:14: error[MUFI005]"),
        "the staged .env:\n{log}"
    );
    assert!(!log.contains(&key), "the key is never printed:\n{log}");

    let out = pre_commit(
        &work,
        &cache,
        &[
            "try-repo",
            hooks_arg,
            "mufi-lsp-system",
            "--files",
            "ok.py",
            ".gitignore",
        ],
    );
    assert!(
        out.status.success(),
        "clean files pass:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The fenced block after `<!-- ci-example: … exits N and writes FILE -->` in
/// docs/ci.md, with N and FILE.
fn ci_example() -> (String, i32, String) {
    let doc = std::fs::read_to_string(repo().join("docs/ci.md")).unwrap();
    let marker_at = doc
        .find("<!-- ci-example")
        .expect("docs/ci.md marks its example");
    let marker = &doc[marker_at..marker_at + doc[marker_at..].find("-->").unwrap()];
    let exits = marker
        .split("exits ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("the marker says which code the example exits with");
    let writes = marker
        .split("writes ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .expect("the marker says which file the example writes")
        .to_string();
    let after = &doc[marker_at + marker.len()..];
    let fence = after
        .find("```sh\n")
        .expect("a ```sh block follows the marker")
        + 6;
    let body = &after[fence..];
    let script = body[..body.find("```").expect("the block ends")].to_string();
    (script, exits, writes)
}

#[test]
fn docs_ci_shell_example_runs_as_documented_on_the_examples() {
    let (script, exits, writes) = ci_example();
    let examples: PathBuf =
        common::outside_git::copy_outside_git(&repo().join("examples"), "ci-example");
    let out = Command::new("sh")
        .args(["-c", &script])
        .current_dir(&examples)
        .env("PATH", path_with_binary())
        .output()
        .expect("sh runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(exits),
        "docs/ci.md says the example exits {exits}:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sarif = std::fs::read_to_string(examples.join(&writes)).expect("the SARIF file is written");
    let log: Value = serde_json::from_str(&sarif).expect("the SARIF file parses");
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(
        stdout.contains("error[MUFI001]"),
        "the readable report is in the log:\n{stdout}"
    );
}
