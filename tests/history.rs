//! `check --history` on repositories built here: keys added, moved, deleted and re-added,
//! a branch merged and one left unmerged, a `.env` tracked and later ignored. Reports are
//! compared whole, and no report may hold a whole key.

mod common;

use common::git_repo::GitRepo;
use common::{fake_key, run};
use mufi_lsp::config::Config;
use mufi_lsp::history::{scan, LeakedKey, Range};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The story every test reads, commit by commit.
struct Story {
    repo: GitRepo,
    /// Commit ids c1..c9 (index 0 is c1).
    c: Vec<String>,
    /// Key A: added, moved, deleted, re-added. B: in a tracked `.env`, later ignored.
    /// C: added on a merged branch. D: only on an unmerged branch.
    a: String,
    b: String,
    c_key: String,
    d: String,
}

fn story() -> Option<Story> {
    let repo = GitRepo::init()?;
    let (a, b, c_key, d) = (
        fake_key("Write"),
        fake_key("Read"),
        fake_key("Admin"),
        fake_key("Deploy"),
    );
    let mut c = Vec::new();
    repo.write("README.md", "# demo\n");
    repo.write("src/app.js", &format!("// config\nconst key = \"{a}\";\n"));
    c.push(repo.commit("2025-03-01T10:00:00+00:00", "add app"));
    std::fs::rename(
        repo.path().join("src/app.js"),
        repo.path().join("src/client.js"),
    )
    .expect("rename");
    c.push(repo.commit("2025-03-02T10:00:00+00:00", "move app"));
    repo.write("src/client.js", "const key = process.env.MUFI_API_KEY;\n");
    c.push(repo.commit("2025-03-03T10:00:00+00:00", "remove key"));
    repo.write(".env", &format!("MUFI_API_KEY={b}\n"));
    repo.write(".env.example", "MUFI_API_KEY=your-key-here\n");
    c.push(repo.commit("2025-03-04T09:00:00+01:00", "add .env"));
    repo.git(&["rm", "-q", "--cached", ".env"]);
    repo.write(".gitignore", ".env\n");
    c.push(repo.commit("2025-03-05T10:00:00+00:00", "ignore .env"));
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write(
        "config/settings.py",
        &format!("MUFI_API_KEY = \"{c_key}\"\n"),
    );
    c.push(repo.commit("2025-03-06T10:00:00+00:00", "settings"));
    repo.git(&["checkout", "-q", "main"]);
    repo.write("lib/keys.ts", &format!("export const k = \"{a}\";\n"));
    c.push(repo.commit("2025-03-07T10:00:00+00:00", "re-add key"));
    c.push(repo.merge("feature", "2025-03-08T10:00:00+00:00"));
    // Checked out at c3 (before .gitignore), the untracked .env would be committed.
    std::fs::remove_file(repo.path().join(".env")).expect("remove .env");
    repo.git(&["checkout", "-q", "-b", "side", &c[2]]);
    repo.write("side.go", &format!("package side\nvar k = \"{d}\"\n"));
    c.push(repo.commit("2025-03-09T10:00:00+00:00", "side"));
    repo.git(&["checkout", "-q", "main"]);
    Some(Story {
        repo,
        c,
        a,
        b,
        c_key,
        d,
    })
}

/// Computed here, not by the library: `sha256:` and the first 16 hex digits.
fn fp(key: &str) -> String {
    let hex: String = Sha256::digest(key.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256:{hex}")
}

fn leaked(key: &str, permission: &str, first: &str, date: &str, path: &str) -> LeakedKey {
    LeakedKey {
        fingerprint: fp(key),
        redacted: "eyJhbG…".into(),
        permission: Some(permission.into()),
        first_commit: first.into(),
        first_author_date: date.into(),
        first_path: path.into(),
        first_line: 1,
        commits: 0,
        at_head: false,
        baselined: false,
    }
}

/// What HEAD's history holds: A (4 commits: c1, c2, c7, c8), B (c4 only), C (c6, c8).
fn expected_from_head(s: &Story) -> Vec<LeakedKey> {
    vec![
        LeakedKey {
            first_line: 2,
            commits: 4,
            at_head: true,
            ..leaked(
                &s.a,
                "Write",
                &s.c[0],
                "2025-03-01T10:00:00+00:00",
                "src/app.js",
            )
        },
        LeakedKey {
            commits: 1,
            ..leaked(&s.b, "Read", &s.c[3], "2025-03-04T09:00:00+01:00", ".env")
        },
        LeakedKey {
            commits: 2,
            at_head: true,
            ..leaked(
                &s.c_key,
                "Admin",
                &s.c[5],
                "2025-03-06T10:00:00+00:00",
                "config/settings.py",
            )
        },
    ]
}

#[test]
fn each_key_is_reported_once_with_its_first_commit_path_and_count() {
    let Some(s) = story() else { return };
    let report = scan(s.repo.path(), &Range::Head, &Config::default()).expect("scan");
    assert_eq!(report.commits_scanned, 8);
    assert_eq!(report.keys, expected_from_head(&s));
}

#[test]
fn all_refs_add_the_unmerged_branch() {
    let Some(s) = story() else { return };
    let report = scan(s.repo.path(), &Range::All, &Config::default()).expect("scan");
    assert_eq!(report.commits_scanned, 9);
    let mut expected = expected_from_head(&s);
    expected.push(LeakedKey {
        first_line: 2,
        commits: 1,
        ..leaked(
            &s.d,
            "Deploy",
            &s.c[8],
            "2025-03-09T10:00:00+00:00",
            "side.go",
        )
    });
    assert_eq!(report.keys, expected);
}

#[test]
fn since_reads_only_the_later_commits() {
    let Some(s) = story() else { return };
    let range = Range::Since(s.c[4].clone());
    let report = scan(s.repo.path(), &range, &Config::default()).expect("scan");
    // c6, c7 and the merge; A counts again from its re-adding in lib/keys.ts.
    assert_eq!(report.commits_scanned, 3);
    let expected = vec![
        LeakedKey {
            commits: 2,
            at_head: true,
            ..leaked(
                &s.c_key,
                "Admin",
                &s.c[5],
                "2025-03-06T10:00:00+00:00",
                "config/settings.py",
            )
        },
        LeakedKey {
            commits: 2,
            at_head: true,
            ..leaked(
                &s.a,
                "Write",
                &s.c[6],
                "2025-03-07T10:00:00+00:00",
                "lib/keys.ts",
            )
        },
    ];
    assert_eq!(report.keys, expected);
}

#[test]
fn a_blob_shared_by_many_commits_is_scanned_once() {
    let Some(repo) = GitRepo::init() else { return };
    let key = fake_key("Write");
    repo.write("keys.js", &format!("const k = \"{key}\";\n"));
    for i in 0..30 {
        repo.write("notes.js", &format!("// note {i}\n"));
        repo.commit(&format!("2025-04-01T10:{i:02}:00+00:00"), "note");
    }
    let report = scan(repo.path(), &Range::Head, &Config::default()).expect("scan");
    assert_eq!(report.commits_scanned, 30);
    // keys.js once, and each of the 30 versions of notes.js once.
    assert_eq!(report.blobs_scanned, 31);
    assert_eq!(report.keys.len(), 1);
    assert_eq!(report.keys[0].commits, 30);
}

/// No part of a key that identifies it (its payload or signature) may be printed.
fn assert_no_key(s: &Story, output: &str) {
    for key in [&s.a, &s.b, &s.c_key, &s.d] {
        for segment in key.split('.').skip(1) {
            assert!(!output.contains(segment), "a key segment was printed");
        }
    }
}

#[test]
fn text_report_is_exact_and_fails_the_check() {
    let Some(s) = story() else { return };
    let (code, out, err) = run(&["check", "--history"], s.repo.path());
    assert_eq!(code, 1, "{err}");
    let tail = "regenerate it in the Mufi dashboard; removing it from the code does not remove it from history";
    let expected = format!(
        "src/app.js:2: error MUFI001 Mufi key {} (eyJhbG…, Write) was committed on 2025-03-01T10:00:00+00:00 in {} and is in 4 of 8 commits, still at HEAD: {tail}\n\
         .env:1: error MUFI001 Mufi key {} (eyJhbG…, Read) was committed on 2025-03-04T09:00:00+01:00 in {} and is in 1 of 8 commits, no longer at HEAD: {tail}\n\
         config/settings.py:1: error MUFI001 Mufi key {} (eyJhbG…, Admin) was committed on 2025-03-06T10:00:00+00:00 in {} and is in 2 of 8 commits, still at HEAD: {tail}\n\
         Found 3 Mufi keys in 8 commits (2 still at HEAD).\n",
        fp(&s.a),
        &s.c[0][..12],
        fp(&s.b),
        &s.c[3][..12],
        fp(&s.c_key),
        &s.c[5][..12],
    );
    assert_eq!(out, expected);
}

#[test]
fn json_report_lists_keys_and_counts() {
    let Some(s) = story() else { return };
    let (code, out, _) = run(
        &["check", "--history", "--all", "--format", "json"],
        s.repo.path(),
    );
    assert_eq!(code, 1);
    let mut json: Value = serde_json::from_str(&out).expect("json");
    assert!(json["summary"]["elapsed_ms"].is_u64());
    json["summary"]["elapsed_ms"] = Value::Null;
    assert_eq!(json["version"], 1);
    assert_eq!(json["history"]["range"], "--all");
    assert_eq!(json["history"]["commits_scanned"], 9);
    assert_eq!(
        json["summary"],
        serde_json::json!({"keys": 4, "new_keys": 4, "elapsed_ms": null})
    );
    let last = &json["keys"][3];
    assert_eq!(
        *last,
        serde_json::json!({
            "rule": "MUFI001",
            "fingerprint": fp(&s.d),
            "redacted": "eyJhbG…",
            "permission": "Deploy",
            "first_commit": s.c[8],
            "first_author_date": "2025-03-09T10:00:00+00:00",
            "first_path": "side.go",
            "first_line": 2,
            "commits": 1,
            "at_head": false,
            "baselined": false
        })
    );
}

#[test]
fn no_report_format_prints_a_key() {
    let Some(s) = story() else { return };
    for format in ["text", "json", "sarif", "github"] {
        let (code, out, err) = run(
            &["check", "--history", "--all", "--format", format],
            s.repo.path(),
        );
        assert_eq!(code, 1, "{format}: {err}");
        assert!(out.contains(&fp(&s.d)), "{format} names the keys");
        assert_no_key(&s, &out);
        assert_no_key(&s, &err);
    }
}

#[test]
fn sarif_has_one_result_per_key_with_its_fingerprint() {
    let Some(s) = story() else { return };
    let (_, out, _) = run(&["check", "--history", "--format", "sarif"], s.repo.path());
    let sarif: Value = serde_json::from_str(&out).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    let first = &results[0];
    assert_eq!(first["ruleId"], "MUFI001");
    assert_eq!(first["partialFingerprints"]["mufiKey/v1"], fp(&s.a));
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "src/app.js");
    assert_eq!(location["region"]["startLine"], 2);
    assert_eq!(first["properties"]["commits"], 4);
    assert_eq!(first["properties"]["firstCommit"], s.c[0]);
}

#[test]
fn baseline_lets_ci_fail_only_on_new_keys() {
    let Some(s) = story() else { return };
    let dir = tempfile::tempdir().expect("temporary folder");
    let baseline = dir.path().join("mufi-baseline.txt");
    let baseline_arg = baseline.to_str().expect("utf-8 path");
    let (code, _, err) = run(
        &["check", "--history", "--write-baseline", baseline_arg],
        s.repo.path(),
    );
    assert_eq!(code, 1, "{err}");
    let written = std::fs::read_to_string(&baseline).expect("baseline written");
    assert_no_key(&s, &written);
    for key in [&s.a, &s.b, &s.c_key] {
        assert!(written.contains(&fp(key)));
    }

    let (code, out, err) = run(
        &["check", "--history", "--baseline", baseline_arg],
        s.repo.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "No new Mufi keys in 8 commits; 3 more in the baseline (already regenerated).\n"
    );

    // The unmerged branch's key is new: only it is reported.
    let (code, out, _) = run(
        &["check", "--history", "--all", "--baseline", baseline_arg],
        s.repo.path(),
    );
    assert_eq!(code, 1);
    assert!(out.starts_with(&format!("side.go:2: error MUFI001 Mufi key {}", fp(&s.d))));
    assert_eq!(out.lines().count(), 2, "{out}");
    let (_, sarif, _) = run(
        &[
            "check",
            "--history",
            "--all",
            "--format",
            "sarif",
            "--baseline",
            baseline_arg,
        ],
        s.repo.path(),
    );
    let sarif: Value = serde_json::from_str(&sarif).expect("sarif");
    let suppressed: Vec<bool> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed, [true, true, true, false]);
}

#[test]
fn a_key_pasted_into_the_baseline_is_refused_without_echoing_it() {
    let Some(s) = story() else { return };
    let baseline = s.repo.path().join("baseline.txt");
    std::fs::write(&baseline, format!("# keys\n{}\n", s.a)).expect("write");
    let (code, out, err) = run(
        &["check", "--history", "--baseline", "baseline.txt"],
        s.repo.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("line 2"), "{err}");
    assert_no_key(&s, &out);
    assert_no_key(&s, &err);
}

#[test]
fn outside_a_repository_is_an_error() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (code, _, err) = run(&["check", "--history"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("not inside a git repository"), "{err}");
}

#[test]
fn a_shallow_clone_says_older_commits_were_not_read() {
    let Some(s) = story() else { return };
    let clone = tempfile::tempdir().expect("temporary folder");
    let source = format!("file://{}", s.repo.path().display());
    let target = clone.path().join("c");
    s.repo.git(&[
        "clone",
        "-q",
        "--depth",
        "2",
        &source,
        target.to_str().expect("utf-8 path"),
    ]);
    let (code, out, _) = run(&["check", "--history", "--format", "json"], &target);
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["history"]["shallow"], true);
    assert_eq!(
        json["history"]["commits_scanned"], 3,
        "the merge and its parents"
    );
    let (_, text, _) = run(&["check", "--history"], &target);
    assert!(text.contains("This is a shallow clone"), "{text}");
    let (_, text, _) = run(&["check", "--history"], s.repo.path());
    assert!(!text.contains("shallow"), "{text}");
}

#[test]
fn unknown_revisions_and_history_flags_without_history_are_usage_errors() {
    let Some(s) = story() else { return };
    let (code, _, err) = run(
        &["check", "--history", "--since", "no-such-tag"],
        s.repo.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("--since no-such-tag: no such commit"), "{err}");
    let (code, _, err) = run(&["check", "--since", "main"], s.repo.path());
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["check", "--history", ".", "src"], s.repo.path());
    assert_eq!(code, 2);
    assert!(err.contains("one repository"), "{err}");
}
