//! The editor's side of history: a flagged key that is also in git history says so in
//! its diagnostic, once the server has read the history in the background.

mod common;

use common::git_repo::GitRepo;
use common::{fake_key, TestClient};
use serde_json::Value;

fn messages(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .map(|ds| {
            ds.iter()
                .filter_map(|d| d["message"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// A server over an in-process pipe, initialized with `repo` as its workspace; and the
/// workspace's URI.
async fn start_in(
    repo: &GitRepo,
) -> (
    TestClient<
        tokio::io::ReadHalf<tokio::io::DuplexStream>,
        tokio::io::WriteHalf<tokio::io::DuplexStream>,
    >,
    String,
) {
    let (client_end, server_end) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_end);
    tokio::spawn(mufi_lsp::server::serve(server_read, server_write));
    let (client_read, client_write) = tokio::io::split(client_end);
    let mut client = TestClient::new(client_read, client_write);
    let root = format!("file://{}", repo.path().display());
    client.initialize_in(&["utf-16"], Some(&root)).await;
    (client, root)
}

#[tokio::test]
async fn a_key_in_history_says_how_long_it_has_been_there() {
    let Some(repo) = GitRepo::init() else { return };
    let old = fake_key("Write");
    let text = format!("const key = \"{old}\";\n");
    repo.write("src/app.js", &text);
    repo.commit("2025-03-01T10:00:00+00:00", "add key");
    repo.write("README.md", "# demo\n");
    repo.commit("2025-03-02T10:00:00+00:00", "readme");

    let (mut client, root) = start_in(&repo).await;

    let uri = format!("{root}/src/app.js");
    client.open(&uri, "javascript", &text).await;
    let note =
        "This key is in 2 commits since 2025-03-01: regenerate it; removing it here is not enough.";
    let published = client
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str() && messages(p).iter().any(|m| m.ends_with(note))
        })
        .await;
    let found = messages(&published["params"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(!found[0].contains(old.split('.').nth(1).unwrap_or("-")));

    // A key that never reached a commit gets no such note.
    let new = fake_key("Read");
    let fresh = format!("{root}/src/new.js");
    client
        .open(&fresh, "javascript", &format!("const key = \"{new}\";\n"))
        .await;
    let diags = client.diagnostics(&fresh, 1).await;
    assert_eq!(diags.len(), 1);
    let message = diags[0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("hardcoded"), "{message}");
    assert!(!message.contains("This key is in"), "{message}");
}

#[tokio::test]
async fn files_only_the_workspace_scan_reports_carry_the_note_too() {
    let Some(repo) = GitRepo::init() else { return };
    let key = fake_key("Write");
    // Whether the scan reaches a file before or after the history is in (the server
    // then publishes the file again), its last diagnostics carry the note.
    for i in 0..40 {
        repo.write(
            &format!("src/m{i}.js"),
            &format!("export const key{i} = \"{key}\";\n"),
        );
    }
    repo.commit("2025-03-01T10:00:00+00:00", "add keys");

    let (mut client, root) = start_in(&repo).await;

    // Never opened: only the scan reports these files.
    let note =
        "This key is in 1 commit since 2025-03-01: regenerate it; removing it here is not enough.";
    for i in [0, 39] {
        let uri = format!("{root}/src/m{i}.js");
        client
            .wait_for("textDocument/publishDiagnostics", |p| {
                p["uri"] == uri.as_str() && messages(p).iter().any(|m| m.ends_with(note))
            })
            .await;
    }
}
