//! The workspace scan: files that are not open are checked from disk in the
//! background, with a cancellable progress bar, honouring `.gitignore`, `exclude` and
//! `scanWorkspace`; an edit made during the scan is never overwritten by the disk.

mod common;

use std::path::Path;

use common::TestClient;
use serde_json::{json, Value};
use tokio::io::{DuplexStream, ReadHalf, WriteHalf};

type Client = TestClient<ReadHalf<DuplexStream>, WriteHalf<DuplexStream>>;

const CLEAN: &str = "export const answer = 42;\n";
const HTTP_TS: &str = "export const BASE = \"http://api.mufi.app/v1\";\n";
const FIXED_TS: &str = "export const BASE = \"https://api.mufi.app/v1\";\n";

fn write(root: &Path, name: &str, text: &str) {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A tree of `clean` clean files in 100 folders, plus files with a finding at
/// `a/bad.ts`, `m/bad.ts` and `z/last.ts`, and one in a git-ignored folder.
fn tree(clean: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for i in 0..clean {
        write(root, &format!("src/d{:02}/f{i}.ts", i % 100), CLEAN);
    }
    for name in ["a/bad.ts", "m/bad.ts", "z/last.ts", "build/out.ts"] {
        write(root, name, HTTP_TS);
    }
    write(root, ".gitignore", "build/\n");
    dir
}

async fn start(root: &Path, options: Option<Value>) -> Client {
    let (client_end, server_end) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_end);
    tokio::spawn(mufi_lsp::server::serve(server_read, server_write));
    let (client_read, client_write) = tokio::io::split(client_end);
    let mut client = TestClient::new(client_read, client_write);
    client
        .request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "initializationOptions": options,
                "capabilities": {"window": {"workDoneProgress": true}}
            }),
        )
        .await;
    client.notify("initialized", json!({})).await;
    client
}

/// Everything received until the scan's progress ends, in order.
async fn until_scan_ends(client: &mut Client) -> Vec<Value> {
    let end = client
        .wait_for("$/progress", |p| p["value"]["kind"] == "end")
        .await;
    let mut seen: Vec<Value> = client.inbox.drain(..).collect();
    seen.push(end);
    seen
}

/// The URIs whose last publication (up to now) has diagnostics, and those versions.
fn published(messages: &[Value]) -> std::collections::BTreeMap<String, (usize, Value)> {
    let mut last = std::collections::BTreeMap::new();
    for m in messages
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
    {
        let p = &m["params"];
        let count = p["diagnostics"].as_array().map_or(0, Vec::len);
        last.insert(
            p["uri"].as_str().unwrap_or("").to_string(),
            (count, p["version"].clone()),
        );
    }
    last
}

#[tokio::test]
async fn ten_thousand_files_are_scanned_with_progress_and_an_edit_wins() {
    let dir = tree(9_997);
    let root = dir.path();
    let mut client = start(root, None).await;
    // While the scan runs, the user opens the last file and fixes it.
    let last = uri(&root.join("z/last.ts"));
    client.open(&last, "typescript", FIXED_TS).await;
    let mut seen = until_scan_ends(&mut client).await;
    let progress: Vec<&Value> = seen
        .iter()
        .filter(|m| m["method"] == "$/progress")
        .map(|m| &m["params"]["value"])
        .collect();
    assert_eq!(progress[0]["kind"], "begin");
    assert_eq!(progress[0]["cancellable"], true);
    let reports = progress.iter().filter(|v| v["kind"] == "report").count();
    assert!(reports >= 10, "{reports} progress reports");
    assert_eq!(
        progress.last().unwrap()["message"],
        "10000 files checked, 2 with problems"
    );
    let last_report = progress
        .iter()
        .rev()
        .find(|v| v["kind"] == "report")
        .unwrap();
    assert_eq!(last_report["message"], "10000/10000 files");
    assert_eq!(last_report["percentage"], 100);
    // The worker publishes the open file's own result, most likely long before.
    let own = |m: &Value| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == last
            && m["params"]["version"] == 1
    };
    if !seen.iter().any(own) {
        let diags = client.diagnostics(&last, 1).await;
        seen.push(json!({"method": "textDocument/publishDiagnostics",
            "params": {"uri": last, "version": 1, "diagnostics": diags}}));
    }
    let last_published = published(&seen);
    let with_findings: Vec<&String> = last_published
        .iter()
        .filter(|(_, (count, _))| *count > 0)
        .map(|(uri, _)| uri)
        .collect();
    assert_eq!(
        with_findings,
        [&uri(&root.join("a/bad.ts")), &uri(&root.join("m/bad.ts"))],
        "git-ignored and open files are not published from disk"
    );
    assert_eq!(last_published[&last], (0, json!(1)), "the edit wins");
}

#[tokio::test]
async fn the_scan_stops_when_the_user_cancels_it() {
    let dir = tree(20_000);
    let root = dir.path();
    let mut client = start(root, None).await;
    let begin = client
        .wait_for("$/progress", |p| p["value"]["kind"] == "begin")
        .await;
    client
        .notify(
            "window/workDoneProgress/cancel",
            json!({"token": begin["params"]["token"]}),
        )
        .await;
    let end = client
        .wait_for("$/progress", |p| p["value"]["kind"] == "end")
        .await;
    let message = end["params"]["value"]["message"].as_str().unwrap_or("");
    assert!(message.starts_with("stopped after"), "{message}");
}

#[tokio::test]
async fn exclude_and_scan_workspace_settings_are_honoured() {
    let dir = tree(10);
    let root = dir.path();
    write(root, "mufi-lsp.toml", "exclude = [\"m/**\"]\n");
    let mut client = start(root, None).await;
    let seen = until_scan_ends(&mut client).await;
    let with_findings: Vec<String> = published(&seen)
        .into_iter()
        .filter(|(_, (count, _))| *count > 0)
        .map(|(uri, _)| uri)
        .collect();
    assert_eq!(
        with_findings,
        [uri(&root.join("a/bad.ts")), uri(&root.join("z/last.ts"))]
    );
    // Switched off from the editor: what the scan published is withdrawn.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"scanWorkspace": false}}),
        )
        .await;
    for file in ["a/bad.ts", "z/last.ts"] {
        let cleared = client
            .wait_for("textDocument/publishDiagnostics", |p| {
                p["uri"] == uri(&root.join(file))
                    && p["diagnostics"].as_array().is_some_and(Vec::is_empty)
            })
            .await;
        assert!(cleared["params"]["version"].is_null());
    }
}

#[tokio::test]
async fn a_file_changed_on_disk_is_checked_again() {
    let dir = tree(10);
    let root = dir.path();
    let mut client = start(root, None).await;
    until_scan_ends(&mut client).await;
    write(root, "a/bad.ts", FIXED_TS);
    write(root, "src/d01/f1.ts", HTTP_TS);
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [
                {"uri": uri(&root.join("a/bad.ts")), "type": 2},
                {"uri": uri(&root.join("src/d01/f1.ts")), "type": 2},
            ]}),
        )
        .await;
    let fixed = uri(&root.join("a/bad.ts"));
    client
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == fixed && p["diagnostics"].as_array().is_some_and(Vec::is_empty)
        })
        .await;
    let broken = uri(&root.join("src/d01/f1.ts"));
    client
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == broken && p["diagnostics"][0]["code"] == "MUFI003"
        })
        .await;
}

/// A client that pulls diagnostics (and shows progress).
async fn start_pulling(root: &Path) -> Client {
    let (client_end, server_end) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_end);
    tokio::spawn(mufi_lsp::server::serve(server_read, server_write));
    let (client_read, client_write) = tokio::io::split(client_end);
    let mut client = TestClient::new(client_read, client_write);
    let resp = client
        .request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": {
                    "window": {"workDoneProgress": true},
                    "textDocument": {"diagnostic": {"relatedDocumentSupport": false}},
                    "workspace": {"diagnostics": {"refreshSupport": true}}
                }
            }),
        )
        .await;
    let provider = &resp["result"]["capabilities"]["diagnosticProvider"];
    assert_eq!(provider["workspaceDiagnostics"], true, "{resp}");
    client.notify("initialized", json!({})).await;
    client
}

#[tokio::test]
async fn pulling_clients_get_open_files_and_the_workspace_by_request_only() {
    let dir = tree(10);
    let root = dir.path();
    let mut client = start_pulling(root).await;
    let open = uri(&root.join("src/open.ts"));
    client.open(&open, "typescript", HTTP_TS).await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": open}}),
        )
        .await;
    assert_eq!(report["result"]["kind"], "full");
    assert_eq!(report["result"]["items"][0]["code"], "MUFI003");
    let seen = until_scan_ends(&mut client).await;
    // The scan asks the client to pull again once its results are in. On a slow
    // machine the scan can end while the pull above still waits for the open file's
    // analysis: the refresh is then among the messages read meanwhile.
    if !seen
        .iter()
        .any(|m| m["method"] == "workspace/diagnostic/refresh")
    {
        client
            .wait_for("workspace/diagnostic/refresh", |_| true)
            .await;
    }
    let workspace = client
        .request("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    let items = workspace["result"]["items"].as_array().unwrap().clone();
    let bad = uri(&root.join("a/bad.ts"));
    let first = items.iter().find(|i| i["uri"] == bad).expect("a/bad.ts");
    assert_eq!(first["kind"], "full");
    assert_eq!(first["items"][0]["code"], "MUFI003");
    assert!(
        items.iter().all(|i| i["uri"] != open),
        "open files are not from disk"
    );
    // Pulled again with the result ids: unchanged.
    let again = client
        .request(
            "workspace/diagnostic",
            json!({"previousResultIds": [{"uri": bad, "value": first["resultId"]}]}),
        )
        .await;
    let second = again["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["uri"] == bad)
        .cloned()
        .unwrap();
    assert_eq!(second["kind"], "unchanged");
    // Nothing was pushed.
    let pushed: Vec<&Value> = seen
        .iter()
        .chain(client.inbox.iter())
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert!(pushed.is_empty(), "{pushed:?}");
}

#[tokio::test]
async fn dotenv_files_are_scanned_with_the_workspaces_endpoints_known() {
    // Many files that call Mufi (a read), so that learning the workspace's endpoints
    // takes a while; the scan starts at once (no progress bar to create) and reads
    // the root's .env in its first batch. A write key there is worth the MUFI009 hint.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for i in 0..2_000 {
        write(
            root,
            &format!("src/d{:02}/f{i}.ts", i % 100),
            &format!(
                "export const profile{i} = () => fetch(\"https://api.mufi.app/v1/users/profile\");\n"
            ),
        );
    }
    let key = common::fake_key("Write");
    write(root, ".env", &format!("MUFI_API_KEY={key}\n"));
    let (client_end, server_end) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_end);
    tokio::spawn(mufi_lsp::server::serve(server_read, server_write));
    let (client_read, client_write) = tokio::io::split(client_end);
    let mut client = TestClient::new(client_read, client_write);
    client
        .request(
            "initialize",
            json!({"processId": null, "rootUri": uri(root), "capabilities": {}}),
        )
        .await;
    client.notify("initialized", json!({})).await;
    // The scan publishes the file once (it has findings either way: the key is not
    // git-ignored), and that once must carry the hint.
    let env = uri(&root.join(".env"));
    let published = client
        .wait_for("textDocument/publishDiagnostics", |p| p["uri"] == env)
        .await;
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics.iter().any(|d| d["code"] == "MUFI009"),
        "{diagnostics:?}"
    );
}
