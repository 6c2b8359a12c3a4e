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

#[tokio::test]
async fn a_key_in_history_says_how_long_it_has_been_there() {
    let Some(repo) = GitRepo::init() else { return };
    let old = fake_key("Write");
    let text = format!("const key = \"{old}\";\n");
    repo.write("src/app.js", &text);
    repo.commit("2025-03-01T10:00:00+00:00", "add key");
    repo.write("README.md", "# demo\n");
    repo.commit("2025-03-02T10:00:00+00:00", "readme");

    let (client_end, server_end) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_end);
    tokio::spawn(mufi_lsp::server::serve(server_read, server_write));
    let (client_read, client_write) = tokio::io::split(client_end);
    let mut client = TestClient::new(client_read, client_write);
    let root = format!("file://{}", repo.path().display());
    client.initialize_in(&["utf-16"], Some(&root)).await;

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
