//! Config files (`mufi-lsp.toml`, `.mufi-lsp.toml`, `[tool.mufi-lsp]` in
//! `pyproject.toml`), through both faces: `check` and the server. Every setting is
//! shown to work from a file; a broken file is reported where it is broken.

mod common;

use std::path::Path;
use std::process::Command;

use common::{codes, TestClient};
use serde_json::{json, Value};
use tokio::io::{DuplexStream, ReadHalf, WriteHalf};

const BIN: &str = env!("CARGO_BIN_EXE_mufi-lsp");

fn write(root: &Path, name: &str, text: &str) {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `check --format json` in `root`: the exit code and `(path, line, rule)` findings.
fn check(root: &Path) -> (i32, Vec<(String, u64, String)>, String) {
    let out = Command::new(BIN)
        .args(["check", "--format", "json", "."])
        .current_dir(root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let mut found = Vec::new();
    if let Ok(report) = serde_json::from_str::<Value>(&stdout) {
        for f in report["findings"].as_array().into_iter().flatten() {
            found.push((
                f["path"].as_str().unwrap_or("").to_string(),
                f["start"]["line"].as_u64().unwrap_or(0),
                f["rule"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    found.sort();
    (out.status.code().unwrap_or(-1), found, stderr)
}

/// `(path, rule)` of each finding.
fn path_rules(found: &[(String, u64, String)]) -> Vec<(&str, &str)> {
    found
        .iter()
        .map(|(p, _, r)| (p.as_str(), r.as_str()))
        .collect()
}

const HTTP_TS: &str = "export const BASE = \"http://api.mufi.app/v1\";\n";
const TLS_PY: &str = "import requests\nrequests.get(URL, verify=False)\n";

fn sample_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "web/base.ts", HTTP_TS);
    write(root, "web/gen/base.ts", HTTP_TS);
    write(root, "api/client.py", TLS_PY);
    dir
}

#[test]
fn check_reads_rules_and_exclude_from_the_nearest_file() {
    let dir = sample_tree();
    let root = dir.path();
    let (code, found, _) = check(root);
    assert_eq!(code, 1);
    assert_eq!(found.len(), 3, "{found:?}");
    write(
        root,
        "mufi-lsp.toml",
        "[rules]\nMUFI003 = \"off\"\n\"tls-verification-disabled\" = \"error\"\n",
    );
    // Nearer: applies to web/ alone, globs relative to web/, and replaces the root file.
    write(root, "web/.mufi-lsp.toml", "exclude = [\"gen/**\"]\n");
    let (code, found, _) = check(root);
    assert_eq!(code, 1);
    let rules = path_rules(&found);
    assert_eq!(
        rules,
        [("api/client.py", "MUFI004"), ("web/base.ts", "MUFI003")],
        "{found:?}"
    );
}

#[test]
fn check_reads_the_tool_table_of_pyproject() {
    let dir = sample_tree();
    let root = dir.path();
    write(
        root,
        "api/pyproject.toml",
        "[project]\nname = \"api\"\n\n[tool.mufi-lsp]\nrules = { MUFI004 = \"off\" }\n",
    );
    let (_, found, _) = check(root);
    assert!(
        found.iter().all(|(p, _, _)| p != "api/client.py"),
        "{found:?}"
    );
    // A pyproject without the table is not a config file: the root one still applies.
    write(root, "api/pyproject.toml", "[project]\nname = \"api\"\n");
    write(root, "mufi-lsp.toml", "rules = { MUFI003 = \"off\" }\n");
    let (_, found, _) = check(root);
    let rules: Vec<_> = found.iter().map(|(_, _, r)| r.as_str()).collect();
    assert_eq!(rules, ["MUFI004"], "{found:?}");
}

#[test]
fn check_reads_hosts_key_names_size_and_side_globs_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "package.json", "{\"name\": \"app\"}\n");
    write(
        root,
        "src/audit.ts",
        "export const AUDIT = \"http://audit.acme.io/log\";\n\
         const PAYMENTS_SECRET = \"q8Zr2LxV7mNc4TbW9yHs3KdP6fJg1AeU\";\n",
    );
    write(
        root,
        "widgets/pay.ts",
        "export const pay = () => fetch(\"https://api.mufi.app/v1/users/profile\");\n",
    );
    write(root, "big/huge.ts", &HTTP_TS.repeat(100));
    let (_, found, _) = check(root);
    let rules = path_rules(&found);
    assert!(rules.contains(&("src/audit.ts", "MUFI003")), "{found:?}");
    assert!(rules.contains(&("big/huge.ts", "MUFI003")), "{found:?}");
    assert!(!rules
        .iter()
        .any(|(_, r)| *r == "MUFI001" || *r == "MUFI002"));
    write(
        root,
        "mufi-lsp.toml",
        "allowed-http-hosts = [\"*.acme.io\"]\n\
         extra-key-names = [\"PAYMENTS_SECRET\"]\n\
         client-side = [\"widgets/**\"]\n\
         max-file-size = 1000\n",
    );
    let (_, found, _) = check(root);
    let rules = path_rules(&found);
    assert_eq!(
        rules,
        [("src/audit.ts", "MUFI001"), ("widgets/pay.ts", "MUFI002")],
        "{found:?}"
    );
}

#[test]
fn check_stops_on_a_broken_config_file_and_says_where() {
    let dir = sample_tree();
    let root = dir.path();
    write(
        root,
        "mufi-lsp.toml",
        "# shared settings\n[rules]\nMUFI003 = \"loud\"\n",
    );
    let (code, _, stderr) = check(root);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("mufi-lsp.toml:3:"), "{stderr}");
    assert!(stderr.contains("rules.MUFI003"), "{stderr}");
    write(root, "mufi-lsp.toml", "exlude = [\"gen/**\"]\n");
    let (code, _, stderr) = check(root);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown field `exlude`"), "{stderr}");
    write(root, "mufi-lsp.toml", "rules = { MUFI003 = \"off\"\n");
    let (code, _, stderr) = check(root);
    assert_eq!(code, 2);
    assert!(stderr.contains("not valid TOML"), "{stderr}");
}

type Client = TestClient<ReadHalf<DuplexStream>, WriteHalf<DuplexStream>>;

async fn server(root: &Path, options: Option<Value>) -> Client {
    let (client_end, server_end) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_end);
    tokio::spawn(mufi_lsp::server::serve(server_read, server_write));
    let (client_read, client_write) = tokio::io::split(client_end);
    let mut client = TestClient::new(client_read, client_write);
    let root_uri = format!("file://{}", root.display());
    client
        .initialize_with(&["utf-16"], Some(&root_uri), options)
        .await;
    client
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

async fn saved(client: &mut Client, path: &Path) {
    client
        .notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": uri(path)}}),
        )
        .await;
}

/// Diagnostics of `uri` (any version) once they satisfy `pred`: a re-analysis for
/// another reason may publish an older result first.
async fn diagnostics_until(
    client: &mut Client,
    uri: &str,
    pred: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    loop {
        let msg = client
            .wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri)
            .await;
        let diags = msg["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if pred(&diags) {
            return diags;
        }
    }
}

#[tokio::test]
async fn the_server_applies_the_file_and_follows_its_changes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let config = root.join("mufi-lsp.toml");
    write(root, "mufi-lsp.toml", "rules = { MUFI003 = \"off\" }\n");
    let mut client = server(root, None).await;
    let ts = uri(&root.join("web/base.ts"));
    client.open(&ts, "typescript", HTTP_TS).await;
    diagnostics_until(&mut client, &ts, |d| d.is_empty()).await;
    // The user edits the file in the editor and saves it.
    write(root, "mufi-lsp.toml", "rules = { MUFI003 = \"hint\" }\n");
    saved(&mut client, &config).await;
    let diags = diagnostics_until(&mut client, &ts, |d| !d.is_empty()).await;
    assert_eq!(codes(&diags), ["MUFI003"]);
    assert_eq!(diags[0]["severity"], 4);
    // Another tool rewrites it: the client's file watcher reports the change.
    write(root, "mufi-lsp.toml", "exclude = [\"web/**\"]\n");
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri(&config), "type": 2}]}),
        )
        .await;
    diagnostics_until(&mut client, &ts, |d| d.is_empty()).await;
}

#[tokio::test]
async fn a_broken_file_is_shown_on_its_line_and_its_last_good_settings_stay() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let config = root.join(".mufi-lsp.toml");
    write(root, ".mufi-lsp.toml", "rules = { MUFI003 = \"off\" }\n");
    let mut client = server(root, None).await;
    let ts = uri(&root.join("base.ts"));
    client.open(&ts, "typescript", HTTP_TS).await;
    diagnostics_until(&mut client, &ts, |d| d.is_empty()).await;
    write(
        root,
        ".mufi-lsp.toml",
        "rules = { MUFI003 = \"off\" }\nallowed-http-hosts = \"build.acme.io\"\n",
    );
    saved(&mut client, &config).await;
    let shown = client
        .wait_for("window/showMessage", |p| p["type"] == 1)
        .await;
    let text = shown["params"]["message"].as_str().unwrap_or_default();
    assert!(text.contains(".mufi-lsp.toml:2"), "{text}");
    let on_file = diagnostics_until(&mut client, &uri(&config), |d| !d.is_empty()).await;
    assert_eq!(on_file[0]["range"]["start"]["line"], 1);
    assert!(on_file[0]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("allowed-http-hosts"));
    // MUFI003 is still off in the open file.
    client
        .change_full(&ts, 2, &format!("{HTTP_TS}// edited\n"))
        .await;
    assert!(client.diagnostics(&ts, 2).await.is_empty());
    // Fixed: the diagnostic on the config file goes away.
    write(
        root,
        ".mufi-lsp.toml",
        "rules = { MUFI003 = \"off\" }\nallowed-http-hosts = [\"build.acme.io\"]\n",
    );
    saved(&mut client, &config).await;
    diagnostics_until(&mut client, &uri(&config), |d| d.is_empty()).await;
}

#[tokio::test]
async fn files_win_over_the_editor_unless_it_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "mufi-lsp.toml", "rules = { MUFI003 = \"warning\" }\n");
    let editor = json!({"rules": {"MUFI003": "hint"}});
    let mut client = server(root, Some(editor)).await;
    let ts = uri(&root.join("base.ts"));
    client.open(&ts, "typescript", HTTP_TS).await;
    let diags = diagnostics_until(&mut client, &ts, |d| !d.is_empty()).await;
    assert_eq!(diags[0]["severity"], 2, "the file's warning wins");
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"rules": {"MUFI003": "hint"}, "configurationPreference": "editorFirst"}}),
        )
        .await;
    diagnostics_until(&mut client, &ts, |d| {
        d.first().is_some_and(|d| d["severity"] == 4)
    })
    .await;
}

#[tokio::test]
async fn the_server_asks_to_watch_config_and_ignore_files() {
    let dir = tempfile::tempdir().unwrap();
    let (client_end, server_end) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_end);
    tokio::spawn(mufi_lsp::server::serve(server_read, server_write));
    let (client_read, client_write) = tokio::io::split(client_end);
    let mut client: Client = TestClient::new(client_read, client_write);
    client
        .request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(dir.path()),
                "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}
            }),
        )
        .await;
    client.notify("initialized", json!({})).await;
    let request = loop {
        let msg = client.read().await.expect("a message");
        if msg["method"] == "client/registerCapability" {
            break msg;
        }
    };
    let registration = &request["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["globPattern"].as_str())
        .collect();
    for glob in [
        "**/mufi-lsp.toml",
        "**/.mufi-lsp.toml",
        "**/pyproject.toml",
        "**/.gitignore",
    ] {
        assert!(globs.contains(&glob), "{glob} not in {globs:?}");
    }
}

#[test]
fn stdin_is_checked_with_the_config_file_of_the_path_it_stands_for() {
    let dir = sample_tree();
    let root = dir.path();
    write(
        root,
        "mufi-lsp.toml",
        "exclude = [\"web/gen/**\"]\nrules = { MUFI003 = \"warning\" }\n",
    );
    let run = |path: &str| {
        let (code, stdout, _) = common::run_with_stdin(
            &["check", "--format", "json", "--stdin-filename", path],
            root,
            Some(HTTP_TS),
        );
        let report: Value = serde_json::from_str(&stdout).unwrap_or_default();
        let severities: Vec<String> = report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| f["severity"].as_str().unwrap_or("").to_string())
            .collect();
        (code, severities)
    };
    assert_eq!(run("web/base.ts"), (1, vec!["warning".to_string()]));
    assert_eq!(run("web/gen/base.ts"), (0, vec![]));
}

#[test]
fn server_side_globs_in_a_file_win_over_client_side_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "package.json", "{\"name\": \"app\"}\n");
    let call = "export const pay = () => fetch(\"https://api.mufi.app/v1/users/profile\");\n";
    write(root, "web/widget.ts", call);
    write(root, "web/api/proxy.ts", call);
    write(
        root,
        "mufi-lsp.toml",
        "client-side = [\"web/**\"]\nserver-side = [\"web/api/**\"]\n",
    );
    let (_, found, _) = check(root);
    assert_eq!(
        path_rules(&found),
        [("web/widget.ts", "MUFI002")],
        "{found:?}"
    );
}

#[test]
fn scan_workspace_in_a_file_switches_the_editor_scan_off() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "mufi-lsp.toml", "scan-workspace = false\n");
    let config = mufi_lsp::config_file::ConfigFiles::default().config_for(Some(&root.join("a.ts")));
    assert!(!config.scan_workspace);
    write(root, "mufi-lsp.toml", "scan-workspace = \"no\"\n");
    let files = mufi_lsp::config_file::ConfigFiles::default();
    files.config_for(Some(&root.join("a.ts")));
    let errors = files.errors();
    assert!(
        errors[0]
            .message
            .contains("`scan-workspace` must be true or false"),
        "{errors:?}"
    );
}
