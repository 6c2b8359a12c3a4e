//! The real binary: `check` output, exit codes and fixes, the rule reference, and
//! the language server over stdio as an editor runs it.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{action_edits, apply_edits, fake_key, run, run_with_stdin, TestClient};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_mufi-lsp");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn git_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

/// `check` keeps the text of the files it will analyse between reading them all and
/// analysing them, up to a bound; past it, a file is read again. Both ways find the
/// same over the fixtures, the examples and the evaluation projects.
#[test]
fn files_read_again_past_the_kept_bound_find_the_same() {
    let findings = |bound: Option<&str>| {
        let mut command = Command::new(BIN);
        command
            .args([
                "check",
                "tests/fixtures",
                "examples",
                "tests/eval",
                "--format",
                "json",
            ])
            .current_dir(repo());
        if let Some(bound) = bound {
            command.env("MUFI_LSP_KEPT_BYTES", bound);
        }
        let output = command.output().expect("check runs");
        let report: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
        report["findings"].as_array().expect("findings").clone()
    };
    let kept = findings(None);
    assert!(kept.len() > 100, "{} findings", kept.len());
    // None kept, and a bound that some files fit under and others not.
    for bound in ["0", "20000"] {
        assert_eq!(findings(Some(bound)), kept, "MUFI_LSP_KEPT_BYTES={bound}");
    }
}

#[test]
fn check_json_on_the_example_matches_the_schema() {
    let (code, stdout, _) = run(&["check", "examples", "--format", "json"], repo());
    assert_eq!(code, 1, "findings mean exit 1");
    let report: Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(report["version"], 1);
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.len() >= 8, "{}", findings.len());
    assert_eq!(report["summary"]["findings"], findings.len());
    assert!(report["summary"]["files_scanned"].as_u64().unwrap() >= 8);
    assert!(report["summary"]["elapsed_ms"].is_u64());
    let keys: std::collections::BTreeSet<&str> = findings[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let expected: std::collections::BTreeSet<&str> = [
        "path", "rule", "name", "severity", "message", "start", "end", "fixes",
    ]
    .into();
    assert_eq!(keys, expected);
    // Fields come out in the documented order.
    let first = &stdout[stdout.find("\"findings\"").unwrap()..];
    let order: Vec<usize> = [
        "\"path\"",
        "\"rule\"",
        "\"name\"",
        "\"severity\"",
        "\"message\"",
        "\"start\"",
        "\"end\"",
        "\"fixes\"",
    ]
    .iter()
    .map(|k| first.find(k).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    for f in findings {
        let path = f["path"].as_str().unwrap();
        assert!(path.starts_with("examples/"), "relative path: {path}");
        assert!(f["start"]["line"].as_u64().unwrap() >= 1);
        assert!(f["start"]["column"].as_u64().unwrap() >= 1);
        assert!(["error", "warning", "info", "hint"].contains(&f["severity"].as_str().unwrap()));
        for fix in f["fixes"].as_array().unwrap() {
            for edit in fix["edits"].as_array().unwrap() {
                assert_eq!(edit["path"], f["path"]);
                assert!(edit["new_text"].is_string());
            }
        }
    }
    let rules: std::collections::BTreeSet<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules.into_iter().collect::<Vec<_>>(),
        ["MUFI001", "MUFI002", "MUFI003", "MUFI004", "MUFI005"]
    );
    // No key is ever printed whole.
    let app = std::fs::read_to_string(repo().join("examples/backend/app.py")).unwrap();
    let key = &app[app.find("eyJ").unwrap()..][..40];
    assert!(!stdout.contains(key));
}

#[test]
fn json_columns_count_unicode_scalar_values() {
    let dir = git_project();
    std::fs::write(
        dir.path().join("a.js"),
        "const s = \"😀é\"; const u = \"http://api.mufi.app\";\n",
    )
    .unwrap();
    let (code, stdout, _) = run(&["check", ".", "--format", "json"], dir.path());
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let f = &report["findings"][0];
    assert_eq!(f["path"], "a.js");
    // `const s = "😀é"; const u = "` is 27 characters, so the URL starts at column 28.
    assert_eq!(f["start"], json!({"line": 1, "column": 28}));
    assert_eq!(f["end"], json!({"line": 1, "column": 47}));
}

#[test]
fn text_report_underlines_and_redacts() {
    let dir = git_project();
    let key = fake_key("Write");
    std::fs::write(
        dir.path().join("k.py"),
        format!("MUFI_API_KEY = \"{key}\"\n"),
    )
    .unwrap();
    let (code, stdout, _) = run(&["check", "k.py"], dir.path());
    assert_eq!(code, 1);
    assert!(stdout.starts_with("k.py:1:16: error[MUFI001]"), "{stdout}");
    assert!(stdout.contains("Write permission"));
    assert!(stdout.contains("^^^"));
    assert!(!stdout.contains(&key[..20]), "{stdout}");
    assert!(!stdout.contains('\x1b'), "no colour when not a terminal");
    assert!(stdout.contains("Found 1 problem in 1 files"));
}

#[test]
fn clean_tree_exits_zero_and_missing_path_exits_two() {
    let dir = git_project();
    std::fs::write(
        dir.path().join("ok.ts"),
        "export const url = \"https://api.mufi.app\";\n",
    )
    .unwrap();
    let (code, stdout, _) = run(&["check"], dir.path());
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("No problems found in 1 files"));
    let (code, _, stderr) = run(&["check", "does-not-exist"], dir.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("does-not-exist"));
    let (code, _, _) = run(&["check", "--format", "xml"], dir.path());
    assert_eq!(code, 2);
}

/// Text that takes far longer to read than real code of its size: one call nested in
/// the next, 40,000 deep, after a line that holds a finding.
fn costly_python() -> String {
    format!(
        "import requests\nrequests.get(\"https://api.mufi.app\", verify=False)\nf{}\n",
        "()".repeat(40_000)
    )
}

#[test]
fn a_file_that_runs_out_of_time_is_named_and_the_check_is_incomplete() {
    let dir = git_project();
    std::fs::write(dir.path().join("generated.py"), costly_python()).unwrap();
    std::fs::write(dir.path().join("mufi-lsp.toml"), "time-limit-ms = 1\n").unwrap();
    let (code, stdout, stderr) = run(&["check"], dir.path());
    assert_eq!(code, 2, "incomplete, not a pass: {stdout}{stderr}");
    assert!(
        stderr.contains("generated.py: analysis stopped at the time limit (1 ms)"),
        "{stderr}"
    );
    // The reports that CI reads say so too.
    let (code, stdout, _) = run(&["check", "--format", "json"], dir.path());
    assert_eq!(code, 2);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0]
        .as_str()
        .unwrap()
        .contains("generated.py: analysis stopped at the time limit"));
    let (code, stdout, _) = run(&["check", "--format", "github"], dir.path());
    assert_eq!(code, 2);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("::error title=mufi-lsp::") && l.contains("generated.py")),
        "{stdout}"
    );
    // The same through standard input.
    let (code, _, stderr) = run_with_stdin(
        &["check", "--stdin-filename", "generated.py"],
        dir.path(),
        Some(&costly_python()),
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("analysis stopped at the time limit"),
        "{stderr}"
    );
    // With no limit (0), the file is read to the end and its finding reported.
    std::fs::write(dir.path().join("mufi-lsp.toml"), "time-limit-ms = 0\n").unwrap();
    let (code, stdout, stderr) = run(&["check"], dir.path());
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.contains("MUFI004"), "{stdout}");
    assert!(!stderr.contains("time limit"), "{stderr}");
    let (_, stdout, _) = run(&["check", "--format", "json"], dir.path());
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["problems"], json!([]));
}

#[test]
fn check_honours_gitignore_but_reads_ignored_dotenv_files() {
    let dir = git_project();
    std::fs::write(dir.path().join(".gitignore"), ".env\nbuild/\n").unwrap();
    std::fs::create_dir(dir.path().join("build")).unwrap();
    std::fs::write(
        dir.path().join("build/bundle.js"),
        "new https.Agent({ rejectUnauthorized: false });\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".env"), "NEXT_PUBLIC_MUFI_API_KEY=abc\n").unwrap();
    let (code, stdout, _) = run(&["check", "--format", "json"], dir.path());
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, [".env"]);
}

#[test]
fn fix_leaves_binary_undecodable_and_read_only_files_alone() {
    let dir = git_project();
    let line = b"BASE = \"http://api.mufi.app/v1\"\n";
    let binary = [&line[..], b"\0\x01\x02"].concat();
    let latin1 = [&line[..], b"# caf\xe9\n"].concat();
    std::fs::write(dir.path().join("blob.py"), &binary).unwrap();
    std::fs::write(dir.path().join("latin1.py"), &latin1).unwrap();
    std::fs::write(dir.path().join("ok.py"), line).unwrap();
    // Read-only: a rename would replace it even where writing to it is refused.
    let locked = dir.path().join("locked.py");
    std::fs::write(&locked, line).unwrap();
    let mut mode = std::fs::metadata(&locked).unwrap().permissions();
    mode.set_readonly(true);
    std::fs::set_permissions(&locked, mode).unwrap();
    let (code, stdout, stderr) = run(&["check", "--fix"], dir.path());
    assert!(stderr.contains("applied 1 fix"), "{stderr}");
    assert!(
        stderr.contains("locked.py: it is read-only; not fixed"),
        "{stderr}"
    );
    // The others were checked and reported; the run is not a pass.
    assert!(stdout.contains("locked.py"), "{stdout}");
    assert_eq!(code, 2);
    let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    assert!(
        read("ok.py").starts_with(b"BASE = \"https://"),
        "the readable file is fixed"
    );
    assert_eq!(read("blob.py"), binary);
    assert_eq!(read("latin1.py"), latin1);
    assert_eq!(read("locked.py"), line);
    assert!(std::fs::metadata(&locked).unwrap().permissions().readonly());
}

#[test]
fn fix_applies_safe_fixes_and_keeps_the_rest() {
    let dir = git_project();
    let path = dir.path().join("client.py");
    let original = "import requests\n\nBASE = \"http://api.mufi.app/v1\"  # ü\nr = requests.get(BASE, verify=False)\nOTHER = \"http://partner.acme.io\"\n";
    std::fs::write(&path, original).unwrap();
    let (code, stdout, stderr) = run(&["check", "--fix", "--format", "json"], dir.path());
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        "import requests\n\nBASE = \"https://api.mufi.app/v1\"  # ü\nr = requests.get(BASE, verify=True)\nOTHER = \"http://partner.acme.io\"\n"
    );
    assert!(stderr.contains("applied 2 fixes"), "{stderr}");
    // The warning for a non-Mufi host is not auto-fixed, so it remains.
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["findings"].as_array().unwrap().len(), 1);
    assert_eq!(report["findings"][0]["rule"], "MUFI003");
}

#[test]
fn binary_and_non_utf8_files_are_skipped() {
    let dir = git_project();
    std::fs::write(
        dir.path().join("blob.js"),
        b"\x00\x01\x02 rejectUnauthorized: false",
    )
    .unwrap();
    std::fs::write(dir.path().join("latin1.py"), b"x = '\xe9' ; verify=False\n").unwrap();
    let (code, _, _) = run(&["check"], dir.path());
    assert_eq!(code, 0);
}

#[test]
fn rules_and_explain_print_the_reference() {
    let (code, stdout, _) = run(&["rules"], repo());
    assert_eq!(code, 0);
    for code in ["MUFI001", "MUFI002", "MUFI003", "MUFI004", "MUFI100"] {
        assert!(stdout.contains(code), "{code}");
    }
    let (code, stdout, _) = run(&["explain", "tls-verification-disabled"], repo());
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# MUFI004 tls-verification-disabled"));
    assert!(stdout.contains("## Why is this bad?"));
    let (code, _, stderr) = run(&["explain", "MUFI999"], repo());
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown rule"));
}

#[test]
fn docs_rule_reference_is_generated_from_the_registry() {
    let on_disk = std::fs::read_to_string(repo().join("docs/rules.md")).unwrap_or_default();
    let generated = mufi_lsp::rules::reference_markdown();
    assert!(
        on_disk == generated,
        "docs/rules.md is stale: run `cargo run -- rules --markdown > docs/rules.md`"
    );
}

fn spawn_server() -> std::process::Child {
    Command::new(BIN)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts")
}

fn wait_exit(child: &mut std::process::Child) -> i32 {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        assert!(Instant::now() < deadline, "server did not exit");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[tokio::test]
async fn stdio_server_flags_fixes_and_exits_cleanly() {
    let mut child = Command::new(BIN)
        .arg("--stdio")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdin = tokio::process::ChildStdin::from_std(child.stdin.take().unwrap()).unwrap();
    let stdout = tokio::process::ChildStdout::from_std(child.stdout.take().unwrap()).unwrap();
    let mut client = TestClient::new(stdout, stdin);
    let init = client.initialize(&["utf-16"]).await;
    assert_eq!(init["result"]["serverInfo"]["name"], "mufi-lsp");
    let key = fake_key("Write");
    let text =
        format!("// 🚀 deploy notes 👩‍💻\nconst cfg = {{ note: \"🎉\", mufiApiKey: \"{key}\" }};\n");
    let uri = "file:///tmp/mufi-stdio/app.js";
    client.open(uri, "javascript", &text).await;
    let diags = client.diagnostics(uri, 1).await;
    assert_eq!(diags.len(), 1);
    let prefix = "const cfg = { note: \"🎉\", mufiApiKey: ";
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 1, "character": prefix.encode_utf16().count()})
    );
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": diags[0]["range"], "context": {"diagnostics": [diags[0]]}}),
        )
        .await;
    let preferred = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap()
        .clone();
    let fixed = apply_edits(&text, &action_edits(&preferred, uri));
    assert!(
        fixed.contains("mufiApiKey: process.env.MUFI_API_KEY }"),
        "{fixed}"
    );
    assert!(!fixed.contains(&key));
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
        )
        .await;
    assert!(client.diagnostics(uri, 2).await.is_empty());
    client.request("shutdown", Value::Null).await;
    client.notify("exit", Value::Null).await;
    assert_eq!(wait_exit(&mut child), 0);
}

#[test]
fn exit_without_shutdown_is_code_one_and_closed_stdin_ends_the_server() {
    use std::io::Write;
    let frame = |v: Value| {
        let body = v.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let mut child = spawn_server();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(frame(json!({"jsonrpc": "2.0", "method": "exit"})).as_bytes())
        .unwrap();
    stdin.flush().unwrap();
    assert_eq!(wait_exit(&mut child), 1);

    let mut child = spawn_server();
    drop(child.stdin.take());
    assert_eq!(wait_exit(&mut child), 1);

    let mut child = spawn_server();
    let mut stdin = child.stdin.take().unwrap();
    let init =
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}});
    let shutdown = json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"});
    stdin
        .write_all((frame(init) + &frame(shutdown)).as_bytes())
        .unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(200));
    drop(stdin);
    assert_eq!(wait_exit(&mut child), 0, "stdin closed after shutdown");
}

/// Output ends on a whole message even when `exit` arrives while the server is still
/// writing (it used to stop mid-frame, leaving a header without its body).
#[test]
fn exit_never_cuts_a_message_in_half() {
    use std::io::Write;
    let frame = |v: Value| {
        let body = v.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let input = frame(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    ) + &frame(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        + &frame(json!({"jsonrpc": "2.0", "method": "exit"}));
    for _ in 0..40 {
        let mut child = spawn_server();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let mut rest = out.stdout.as_slice();
        let mut messages = 0;
        while !rest.is_empty() {
            let split = rest
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .expect("a header");
            let header = std::str::from_utf8(&rest[..split]).unwrap();
            let length: usize = header
                .trim_start_matches("Content-Length: ")
                .parse()
                .unwrap();
            let body = &rest[split + 4..];
            assert!(
                body.len() >= length,
                "a message was cut: {header} with {} bytes",
                body.len()
            );
            serde_json::from_slice::<Value>(&body[..length]).expect("a whole JSON body");
            rest = &body[length..];
            messages += 1;
        }
        assert!(messages >= 1, "the initialize answer is there");
        assert_eq!(out.status.code(), Some(1));
    }
}

#[test]
fn gitignore_applies_outside_a_git_checkout_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), "dist/\n").unwrap();
    std::fs::create_dir(dir.path().join("dist")).unwrap();
    std::fs::write(
        dir.path().join("dist/app.js"),
        "x = { rejectUnauthorized: false };\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("src.js"),
        "y = { rejectUnauthorized: false };\n",
    )
    .unwrap();
    let (code, stdout, _) = run(&["check", "--format", "json"], dir.path());
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["summary"]["files_scanned"], 1);
    assert_eq!(report["findings"][0]["path"], "src.js");
}

#[test]
fn explain_file_says_how_a_file_is_classified_and_why() {
    let android =
        "tests/fixtures/projects/android-legacy/app/src/main/java/com/acme/wallet/MufiApi.kt";
    let (code, out, _) = run(&["explain-file", android], repo());
    assert_eq!(code, 0);
    assert!(out.contains("language:        Kotlin"), "{out}");
    assert!(
        out.contains("ships to users:  yes: it is Android app code"),
        "{out}"
    );
    let (_, out, _) = run(
        &[
            "explain-file",
            "tests/fixtures/plain-http-url/positives.vue",
        ],
        repo(),
    );
    assert!(
        out.contains("embedded:        TypeScript at lines 9-12"),
        "{out}"
    );
    assert!(out.contains("a Vue single-file component"), "{out}");
    let (_, out, _) = run(
        &["explain-file", "tests/fixtures/plain-http-url/positives.go"],
        repo(),
    );
    assert!(out.contains("ships to users:  no:"), "{out}");
    let (code, _, err) = run(&["explain-file", "README.md"], repo());
    assert_eq!(code, 2);
    assert!(err.contains("not a file mufi-lsp reads"), "{err}");
}

#[test]
fn write_key_in_a_read_only_workspace_gets_the_least_privilege_hint() {
    let dir = git_project();
    let root = dir.path();
    std::fs::write(root.join(".gitignore"), ".env\n").unwrap();
    let key = fake_key("Write");
    std::fs::write(root.join(".env"), format!("MUFI_API_KEY={key}\n")).unwrap();
    std::fs::create_dir(root.join("src")).unwrap();
    let reads = "const MUFI = \"https://api.mufi.app\";\n// Writes would be POST /v1/users/create; this service never does.\nexport const profile = () => fetch(`${MUFI}/v1/users/profile`, { method: \"POST\" });\nexport const version = () => fetch(MUFI + \"/v1/version\");\n";
    std::fs::write(root.join("src/mufi.js"), reads).unwrap();
    let (code, stdout, _) = run(&["check", "."], root);
    assert_eq!(code, 0, "an info hint does not fail the check:\n{stdout}");
    assert!(stdout.contains("info[MUFI009]"), "{stdout}");
    assert!(
        stdout.contains("/v1/users/profile, /v1/version"),
        "{stdout}"
    );
    assert!(!stdout.contains(&key[..40]), "the key is never printed");
    // One write endpoint anywhere, and a write key is what the workspace needs.
    std::fs::write(
        root.join("src/admin.js"),
        "export const create = () => fetch(\"https://api.mufi.app/v1/users/create\", { method: \"POST\" });\n",
    )
    .unwrap();
    let (code, stdout, _) = run(&["check", "."], root);
    assert_eq!(code, 0);
    assert!(!stdout.contains("MUFI009"), "{stdout}");
    // A Read key is never hinted.
    std::fs::remove_file(root.join("src/admin.js")).unwrap();
    std::fs::write(
        root.join(".env"),
        format!("MUFI_API_KEY={}\n", fake_key("Read")),
    )
    .unwrap();
    let (_, stdout, _) = run(&["check", "."], root);
    assert!(!stdout.contains("MUFI009"), "{stdout}");
}
