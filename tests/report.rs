//! The CI faces of `check` through the real binary: SARIF (validated against the
//! official 2.1.0 schema), GitHub workflow commands, `--select`/`--ignore`/`--severity`,
//! `--stdin-filename`, and keys never printed in any format.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::tools::{assert_suite_passed, skip_or_fail};
use common::{fake_key, run, run_with_stdin};
use serde_json::Value;

/// A temporary project outside any git repository (a `.git` folder stops the project
/// model from looking further up).
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn sarif(args: &[&str], cwd: &Path) -> (i32, Value) {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(&all, cwd);
    let log = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("SARIF is JSON ({e}):\n{stdout}\n{stderr}"));
    (code, log)
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

/// The official SARIF 2.1.0 schema (OASIS, `sarif-schema-2.1.0.json`) as published in
/// the source of the `serde-sarif` crate, which cargo fetches from crates.io into its
/// registry cache (a throwaway manifest, resolved by `cargo metadata`: nothing builds).
fn official_sarif_schema() -> Result<PathBuf, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::create_dir(dir.path().join("src")).map_err(|e| e.to_string())?;
    std::fs::write(dir.path().join("src/lib.rs"), "").map_err(|e| e.to_string())?;
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[package]\nname = \"sarif-schema-source\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\nserde-sarif = \"=0.8.0\"\n",
    )
    .map_err(|e| e.to_string())?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(dir.path().join("Cargo.toml"))
        .output()
        .map_err(|e| format!("cargo does not run: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata could not fetch serde-sarif: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let metadata: Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    let manifest = metadata["packages"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "serde-sarif"))
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or("serde-sarif is not in cargo's metadata")?;
    let schema = Path::new(manifest).with_file_name("src/schema.json");
    let text =
        std::fs::read_to_string(&schema).map_err(|e| format!("{}: {e}", schema.display()))?;
    let parsed: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let id = parsed["$id"].as_str().unwrap_or_default();
    if !id.ends_with("/sarif-schema-2.1.0.json") {
        return Err(format!(
            "{} is not the SARIF 2.1.0 schema ($id {id})",
            schema.display()
        ));
    }
    Ok(schema)
}

/// Validates `log` against `schema` with Python's `jsonschema` (the reference validator),
/// checking formats too; returns the validator's complaints.
const VALIDATE: &str = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
log = json.load(sys.stdin)
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
errors = list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(log))
for e in errors:
    print("/".join(map(str, e.absolute_path)), e.message[:300])
sys.exit(1 if errors else 0)
"#;

fn validate(schema: &Path, log: &Value) -> std::process::Output {
    let mut child = Command::new("python3")
        .args(["-c", VALIDATE])
        .arg(schema)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(log.to_string().as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn sarif_report_validates_against_the_official_2_1_0_schema() {
    const SUITE: &str = "SARIF schema validation";
    const INSTALL: &str = "python3 -m pip install 'jsonschema>=4.18,<5' (and crates.io reachable)";
    let has_jsonschema = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_jsonschema {
        return skip_or_fail(SUITE, "Python's jsonschema is not importable", INSTALL);
    }
    let schema = match official_sarif_schema() {
        Ok(schema) => schema,
        Err(why) => return skip_or_fail(SUITE, &why, INSTALL),
    };
    let examples = common::outside_git::copy_outside_git(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"),
        "sarif-schema",
    );
    let key = fake_key("Write");
    std::fs::write(
        examples.join("backend/keys.js"),
        format!("// 😀 é\nconst client = mufi({{ apiKey: \"{key}\" }});\nconst u = \"http://api.mufi.app\"; // mufi-lsp: ignore MUFI004\n"),
    )
    .unwrap();
    let (code, log) = sarif(&["."], &examples);
    assert_eq!(code, 1);
    let levels: Vec<&str> = results(&log)
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert!(
        levels.contains(&"note"),
        "the unused suppression is a note: {levels:?}"
    );
    assert!(
        results(&log).iter().any(|r| r["fixes"].is_array()),
        "with fixes"
    );
    assert_suite_passed(SUITE, &validate(&schema, &log));
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    // The validator is live: a level SARIF does not have is caught.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "info".into();
    assert!(!validate(&schema, &broken).status.success());
    // A file that ran out of time: the run did not succeed, and says why.
    let costly = format!(
        "import requests\nrequests.get(\"https://api.mufi.app\", verify=False)\nf{}\n",
        "()".repeat(40_000)
    );
    let dir = project(&[
        ("generated.py", costly.as_str()),
        ("mufi-lsp.toml", "time-limit-ms = 1\n"),
    ]);
    let (code, log) = sarif(&["."], dir.path());
    assert_eq!(code, 2);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert!(
        notes.len() == 1
            && notes[0]["level"] == "error"
            && notes[0]["message"]["text"]
                .as_str()
                .unwrap()
                .contains("generated.py: analysis stopped at the time limit"),
        "{notes:?}"
    );
    assert_suite_passed(SUITE, &validate(&schema, &log));
}

#[test]
fn sarif_describes_every_rule_and_counts_columns_in_utf16() {
    let dir = project(&[(
        "src/a.js",
        "const s = \"😀é\"; const u = \"http://api.mufi.app\";\n",
    )]);
    let (code, log) = sarif(&["."], dir.path());
    assert_eq!(code, 1);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"]
        .as_str()
        .unwrap()
        .ends_with("sarif-schema-2.1.0.json"));
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "mufi-lsp");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), mufi_lsp::rules::ALL.len());
    for (rule, id) in rules.iter().zip(mufi_lsp::rules::ALL) {
        let meta = id.meta();
        assert_eq!(rule["id"], meta.code);
        assert_eq!(rule["name"], meta.name);
        assert_eq!(rule["shortDescription"]["text"], meta.summary);
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert_eq!(rule["help"]["markdown"], meta.doc);
        assert_eq!(rule["help"]["text"], meta.doc);
        assert_eq!(rule["helpUri"], id.docs_url());
        assert!(["error", "warning", "note"]
            .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let result = &results(&log)[0];
    assert_eq!(result["ruleId"], "MUFI003");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "MUFI003");
    assert_eq!(result["level"], "error");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "src/a.js");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    // `const s = "😀é"; const u = "` is 27 characters but 28 UTF-16 code units (the
    // emoji is two), so the URL starts at column 29; the end column is exclusive.
    let region = &location["region"];
    assert_eq!(region["startLine"], 1);
    assert_eq!(region["startColumn"], 29);
    assert_eq!(region["endLine"], 1);
    assert_eq!(region["endColumn"], 29 + "http://api.mufi.app".len());
    // The safe fix comes along, in the same columns: an `s` inserted after `http`.
    let fix = &result["fixes"][0];
    assert_eq!(fix["description"]["text"], "Use https://api.mufi.app");
    let replacement = &fix["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["startColumn"], 33);
    assert_eq!(replacement["deletedRegion"]["endColumn"], 33);
    assert_eq!(replacement["insertedContent"]["text"], "s");
}

fn fingerprints(log: &Value) -> Vec<String> {
    results(log)
        .iter()
        .map(|r| {
            r["partialFingerprints"]["mufiFingerprint/v1"]
                .as_str()
                .expect("every result has a fingerprint")
                .to_string()
        })
        .collect()
}

#[test]
fn fingerprints_survive_lines_inserted_above_and_tell_repeats_apart() {
    let key = fake_key("Write");
    let body = format!(
        "const a = fetch(\"http://partner.acme.io\");\nconst a = fetch(\"http://partner.acme.io\");\nconst k = \"{key}\";\n"
    );
    let dir = project(&[("app.js", &body)]);
    let (_, before) = sarif(&["app.js"], dir.path());
    let before = fingerprints(&before);
    assert_eq!(before.len(), 3);
    assert_ne!(before[0], before[1], "same line text, another occurrence");
    assert!(before.iter().all(|f| f.len() == 64));
    std::fs::write(
        dir.path().join("app.js"),
        format!("// a new header\n\n  import x from \"y\";\n{body}"),
    )
    .unwrap();
    let (_, after) = sarif(&["app.js"], dir.path());
    assert_eq!(fingerprints(&after), before);
    // Re-indenting the flagged line keeps it too; editing its text is a new alert.
    std::fs::write(
        dir.path().join("app.js"),
        body.replacen("const a", "    const a", 1),
    )
    .unwrap();
    let (_, indented) = sarif(&["app.js"], dir.path());
    assert_eq!(fingerprints(&indented), before);
    std::fs::write(
        dir.path().join("app.js"),
        body.replacen("const a", "let a", 1),
    )
    .unwrap();
    let (_, edited) = sarif(&["app.js"], dir.path());
    let edited = fingerprints(&edited);
    assert_ne!(edited[0], before[0]);
    // The untouched copy is now the only occurrence of its text: it keeps the first
    // alert, and the edited line gets a new one.
    assert_eq!(edited[1], before[0]);
    assert_eq!(edited[2], before[2]);
}

#[test]
fn github_format_writes_one_escaped_workflow_command_per_finding() {
    let dir = project(&[
        (
            "weird,name.py",
            "import requests\nrequests.get(\"http://partner.acme.io\", verify=False)\n",
        ),
        ("clean.js", "const x = 1; // mufi-lsp: ignore MUFI003\n"),
    ]);
    let (code, stdout, _) = run(&["check", "--format", "github", "."], dir.path());
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(
        lines[0].starts_with("::notice file=clean.js,line=1,col=34,endLine=1,endColumn=41,"),
        "{stdout}"
    );
    assert!(
        lines[0].contains(",title=MUFI100 unused-suppression::"),
        "{stdout}"
    );
    let warning = lines
        .iter()
        .find(|l| l.contains("title=MUFI003"))
        .expect("the plain-http warning");
    assert!(
        warning.starts_with("::warning file=weird%2Cname.py,line=2,col=15,endLine=2,endColumn=37,title=MUFI003 plain-http-url::Plain-HTTP URL (http://partner.acme.io)"),
        "{warning}"
    );
    let error = lines.iter().find(|l| l.contains("title=MUFI004")).unwrap();
    assert!(
        error.starts_with("::error file=weird%2Cname.py,line=2,"),
        "{error}"
    );
    assert_eq!(
        lines[3],
        "Found 3 problems in 2 files (1 errors, 1 warnings, 0 infos, 1 hints)."
    );
}

#[test]
fn select_ignore_and_severity_choose_what_is_reported_and_the_exit_code() {
    let dir = project(&[(
        "client.py",
        "import requests\nrequests.get(\"http://partner.acme.io\", verify=False)\nx = 1  # mufi-lsp: ignore MUFI001\n",
    )]);
    let rules_of = |args: &[&str]| -> (i32, Vec<String>) {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        let (code, stdout, stderr) = run(&all, dir.path());
        let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stderr}"));
        let rules = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        (code, rules)
    };
    assert_eq!(
        rules_of(&[]),
        (
            1,
            vec!["MUFI003".into(), "MUFI004".into(), "MUFI100".into()]
        )
    );
    assert_eq!(
        rules_of(&["--select", "plain-http-url"]),
        (1, vec!["MUFI003".into()])
    );
    assert_eq!(
        rules_of(&["--select", "MUFI003,mufi100", "--ignore", "MUFI003"]),
        (0, vec!["MUFI100".into()])
    );
    assert_eq!(
        rules_of(&["--ignore", "MUFI004", "--ignore", "unused-suppression"]),
        (1, vec!["MUFI003".into()])
    );
    assert_eq!(
        rules_of(&["--severity", "error"]),
        (1, vec!["MUFI004".into()])
    );
    assert_eq!(
        rules_of(&["--severity", "error", "--ignore", "MUFI004"]),
        (0, vec![]),
        "a warning below the threshold does not fail the check"
    );
    assert_eq!(
        rules_of(&["--severity", "warning"]),
        (1, vec!["MUFI003".into(), "MUFI004".into()])
    );
    let (code, stdout, stderr) = run(&["check", "--select", "MUFI003,nope"], dir.path());
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("--select: unknown rule `nope`"), "{stderr}");
    assert!(
        stderr.contains("MUFI008 open-redirect"),
        "lists the rules: {stderr}"
    );
    let (code, _, stderr) = run(&["check", "--severity", "fatal"], dir.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("error, warning, info or hint"), "{stderr}");
    // --fix with --select fixes only the selected rule.
    let (_, _, _) = run(&["check", "--fix", "--select", "MUFI003"], dir.path());
    let text = std::fs::read_to_string(dir.path().join("client.py")).unwrap();
    assert!(
        text.contains("verify=False"),
        "MUFI004's fix was not selected: {text}"
    );
}

#[test]
fn stdin_filename_checks_the_text_as_the_file_at_that_path() {
    let dir = project(&[(
        "web/package.json",
        "{\"dependencies\": {\"next\": \"15.0.0\"}}\n",
    )]);
    let source = "import requests\nr = requests.get(\"http://api.mufi.app/v1\", verify=False)\n";
    let (code, stdout, _) = run_with_stdin(
        &[
            "check",
            "--stdin-filename",
            "svc/client.py",
            "--format",
            "json",
        ],
        dir.path(),
        Some(source),
    );
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["summary"]["files_scanned"], 1);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    assert!(findings.iter().all(|f| f["path"] == "svc/client.py"));
    assert!(!dir.path().join("svc").exists());
    // The path decides the language and the project: a dotenv file of a Next.js app.
    let (code, stdout, _) = run_with_stdin(
        &["check", "--stdin-filename", "web/.env.local"],
        dir.path(),
        Some(&format!("NEXT_PUBLIC_MUFI_API_KEY={}\n", fake_key("Write"))),
    );
    assert_eq!(code, 1);
    assert!(
        stdout.contains("web/.env.local:1:1: error[MUFI002]"),
        "{stdout}"
    );
    // With --fix: the fixed text on stdout, the report on stderr, nothing written.
    let (code, stdout, stderr) = run_with_stdin(
        &["check", "--stdin-filename", "svc/client.py", "--fix"],
        dir.path(),
        Some(source),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "import requests\nr = requests.get(\"https://api.mufi.app/v1\", verify=True)\n"
    );
    assert!(stderr.contains("No problems found in 1 files"), "{stderr}");
    assert!(stderr.contains("applied 2 fixes"), "{stderr}");
    assert!(!dir.path().join("svc").exists());
    // Nothing to fix: the text comes back unchanged.
    let (code, stdout, _) = run_with_stdin(
        &["check", "--stdin-filename", "ok.py", "--fix"],
        dir.path(),
        Some("x = 1\n"),
    );
    assert_eq!((code, stdout.as_str()), (0, "x = 1\n"));
    let (code, _, stderr) = run(&["check", "--stdin-filename", "a.py", "src"], dir.path());
    assert_eq!(code, 2, "PATHs and --stdin-filename do not mix: {stderr}");
}

#[test]
fn no_report_format_prints_the_key() {
    let key = fake_key("Write");
    let payload = key.split('.').nth(1).unwrap().to_string();
    let files = [
        (
            "src/k.js",
            format!("const k = \"{key}\"; const t = \"{key}\";\n// {key}\n"),
        ),
        // A finding on a line whose key is glued to more text: no token to the JWT
        // scanner, but the excerpt of the line must not show it either.
        (
            "src/glued.js",
            format!("fetch(\"http://api.mufi.app/v1\"); // {key}.env.x\n"),
        ),
        (".env", format!("NEXT_PUBLIC_MUFI_API_KEY={key}\n")),
        // The fix for the first key splices around it and keeps the rest of the
        // literal: the second key, which a report must not print as new text.
        ("src/pair.js", format!("const pair = \"{key} {key}\";\n")),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    for (format, fix) in ["text", "json", "sarif", "github"]
        .into_iter()
        .flat_map(|f| [(f, false), (f, true)])
    {
        let dir = project(&files);
        let mut args = vec!["check", "--format", format, "."];
        if fix {
            args.push("--fix");
        }
        let (code, stdout, stderr) = run(&args, dir.path());
        assert_eq!(code, 1, "{format}: {stderr}");
        for out in [&stdout, &stderr] {
            if let Some(at) = out.find(&key) {
                // Show where, never the key itself.
                panic!("{format} printed the key after {:?}", &out[..at]);
            }
            assert!(
                !out.contains(&payload),
                "{format} printed the key's payload"
            );
        }
        assert!(stdout.contains("MUFI001"), "{format}: {stdout}");
    }
}

#[test]
fn an_explicit_gitignored_file_is_checked() {
    // What pre-commit does: it passes staged files by name, ignored or not.
    let dir = project(&[
        (".gitignore", "generated/\nlocal.py\n"),
        (
            "generated/agent.js",
            "new https.Agent({ rejectUnauthorized: false });\n",
        ),
        ("local.py", "requests.get(\"https://x.io\", verify=False)\n"),
        ("README.md", "plain text that pre-commit passes as well\n"),
    ]);
    let (code, stdout, _) = run(&["check"], dir.path());
    assert_eq!(code, 0, "the walk skips ignored files: {stdout}");
    let (code, stdout, _) = run(
        &["check", "generated/agent.js", "local.py", "README.md"],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(stdout.contains("generated/agent.js:1:"), "{stdout}");
    assert!(stdout.contains("local.py:1:"), "{stdout}");
    assert!(stdout.contains("in 3 files"), "{stdout}");
}

/// `--select`/`--ignore` do not run the rules whose findings they drop, and that
/// changes nothing they keep: over every fixture, selecting one rule reports exactly
/// that rule's findings of a full run (suppressions included). Keeping MUFI100 makes
/// every rule run, since its hints are judged against all of them
/// (`select_ignore_and_severity_choose_what_is_reported_and_the_exit_code`).
#[test]
fn selecting_a_rule_reports_what_a_full_run_reports_of_it() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let findings = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json", "."];
        all.extend_from_slice(args);
        let (_, stdout, stderr) = run(&all, &fixtures);
        let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stderr}"));
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {} {} {}",
                    f["rule"], f["path"], f["start"], f["message"]
                )
            })
            .collect()
    };
    let everything = findings(&[]);
    let mut compared = 0;
    for rule in mufi_lsp::rules::ALL {
        let code = rule.code();
        let of_rule: Vec<&String> = everything
            .iter()
            .filter(|f| f.starts_with(&format!("\"{code}\"")))
            .collect();
        let selected = findings(&["--select", code]);
        assert_eq!(
            selected.iter().collect::<Vec<_>>(),
            of_rule,
            "--select {code} differs from the full run's {code} findings"
        );
        compared += selected.len();
    }
    assert!(compared > 100, "only {compared} findings compared");
}
