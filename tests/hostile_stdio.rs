//! Hostile input to the real binary over stdio, one session: after each blow the
//! server must still answer a request. And no channel the server writes to (its
//! diagnostics, hovers, code actions, log messages, stderr) ever carries a whole key.

mod common;

use std::process::Stdio;
use std::time::Duration;

use common::{codes, fake_key, TestClient};
use serde_json::{json, Value};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

const BIN: &str = env!("CARGO_BIN_EXE_mufi-lsp");

type Client = TestClient<ChildStdout, ChildStdin>;

/// The server on stdio; its stderr (the log) is collected by `stderr_of`.
fn spawn(log_level: &str) -> (Client, Child) {
    let mut child = Command::new(BIN)
        .arg("--stdio")
        .env("MUFI_LSP_LOG", log_level)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the server starts");
    let stdin = child.stdin.take().expect("piped stdin");
    let stdout = child.stdout.take().expect("piped stdout");
    (TestClient::new(stdout, stdin), child)
}

/// Shuts the server down the polite way and returns its exit code and its log.
async fn shut_down(mut client: Client, mut child: Child) -> (i32, String) {
    let resp = client.request("shutdown", Value::Null).await;
    assert!(resp.get("error").is_none(), "shutdown: {resp}");
    client.notify("exit", Value::Null).await;
    let status = tokio::time::timeout(Duration::from_secs(5), child.wait())
        .await
        .expect("the server exits within 5 s of exit")
        .expect("exit status");
    let mut log = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        use tokio::io::AsyncReadExt;
        let _ = stderr.read_to_string(&mut log).await;
    }
    (status.code().unwrap_or(-1), log)
}

const SENTINEL: &str = "file:///tmp/mufi-hostile/sentinel.js";

/// The server answers a request: a hover on the sentinel's finding.
async fn assert_answers(client: &mut Client, after: &str) {
    let resp = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": SENTINEL}, "position": {"line": 0, "character": 24}}),
        )
        .await;
    assert!(
        resp.get("error").is_none() && resp["result"]["contents"]["value"].is_string(),
        "after {after}, the hover was not answered: {resp}"
    );
}

/// Notifies a change of `uri` to `version`.
async fn change(client: &mut Client, uri: &str, version: i64, changes: Value) {
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
}

fn edit(start: (u32, u32), end: (u32, u32), text: &str) -> Value {
    json!({"range": {"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}}, "text": text})
}

#[tokio::test]
async fn the_server_keeps_answering_through_hostile_input() {
    let (mut client, child) = spawn("warn");
    client.initialize(&["utf-16"]).await;
    client
        .open(
            SENTINEL,
            "javascript",
            "fetch(\"http://api.mufi.app/v1\");\n",
        )
        .await;
    assert_eq!(codes(&client.diagnostics(SENTINEL, 1).await), ["MUFI003"]);
    assert_answers(&mut client, "opening").await;

    // Malformed JSON, a body that is no JSON-RPC message, JSON nested 50,000 deep.
    client.send_raw(b"{\"jsonrpc\":\"2.0\",\"id\":1,").await;
    assert_eq!(client.next_error().await["error"]["code"], -32700);
    client.send_raw(br#"{"jsonrpc":"2.0","id":77,"x":1}"#).await;
    assert_eq!(client.next_error().await["error"]["code"], -32600);
    let deep = format!(
        r#"{{"jsonrpc":"2.0","id":78,"method":"x","params":{}{}}}"#,
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    client.send_raw(deep.as_bytes()).await;
    assert!(client.next_error().await.get("error").is_some());
    assert_answers(&mut client, "malformed JSON").await;

    // Unknown methods: a request gets MethodNotFound, a notification nothing.
    let resp = client.request("mufi/noSuchMethod", json!({})).await;
    assert_eq!(resp["error"]["code"], -32601, "{resp}");
    client.notify("mufi/noSuchNotification", json!({})).await;
    assert_answers(&mut client, "unknown methods").await;

    // A lone surrogate in a document's text arrives as U+FFFD, the rest analysed.
    let uri = "file:///tmp/mufi-hostile/surrogate.js";
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{uri}","languageId":"javascript","version":1,"text":"const a = \"\ud800\"; new Agent({{ rejectUnauthorized: false }});\n"}}}}}}"#
    );
    client.send_raw(body.as_bytes()).await;
    assert_eq!(codes(&client.diagnostics(uri, 1).await), ["MUFI004"]);
    assert_answers(&mut client, "a lone surrogate").await;

    // Edits outside the document are clamped to it; a reversed range is empty.
    let uri = "file:///tmp/mufi-hostile/range.js";
    client.open(uri, "javascript", "let a = 1;\n").await;
    client.diagnostics(uri, 1).await;
    let changes = json!([
        edit((40, 3), (99, 0), "x = { rejectUnauthorized: false };\n"),
        edit((0, 9), (0, 4), "2"),
        edit((0, 9999), (0, 9999), " // end"),
    ]);
    change(&mut client, uri, 2, changes).await;
    let diags = client.diagnostics(uri, 2).await;
    assert_eq!(codes(&diags), ["MUFI004"]);
    // The first edit went to the end: the finding is on line 1, where it appended it.
    assert_eq!(diags[0]["range"]["start"]["line"], 1);
    assert_answers(&mut client, "edits outside the document").await;

    // Changes and closes for documents never opened are dropped.
    let ghost = "file:///tmp/mufi-hostile/never-opened.js";
    change(&mut client, ghost, 5, json!([edit((0, 0), (0, 0), "x")])).await;
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": ghost}}),
        )
        .await;
    assert_answers(&mut client, "changes to a document never opened").await;
    // The close may clear the file's diagnostics; nothing is ever found in it.
    assert!(!client.inbox.iter().any(|m| m["params"]["uri"] == ghost
        && m["method"] == "textDocument/publishDiagnostics"
        && m["params"]["diagnostics"] != json!([])));

    // NULs and control characters are text like any other.
    let uri = "file:///tmp/mufi-hostile/control.js";
    let text =
        "\0\u{1}\u{7}\u{1b}[2J\u{8}\u{7f}\u{b}\u{c}\nnew Agent({ rejectUnauthorized: false });\0\n";
    client.open(uri, "javascript", text).await;
    assert_eq!(codes(&client.diagnostics(uri, 1).await), ["MUFI004"]);
    assert_answers(&mut client, "NULs and control characters").await;

    // Nesting 50,000 deep in a document: no recursion that overflows the stack.
    let uri = "file:///tmp/mufi-hostile/deep.js";
    let deep = format!(
        "const x = {}\"http://api.mufi.app/v1\"{};\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    client.open(uri, "javascript", &deep).await;
    client.diagnostics(uri, 1).await;
    assert_answers(&mut client, "50,000-deep nesting").await;

    // A 15 MB document: logged and left alone, and its edits too.
    let uri = "file:///tmp/mufi-hostile/huge.js";
    let line = "new Agent({ rejectUnauthorized: false }); // a generated bundle ........\n";
    let huge = line.repeat(15 * 1024 * 1024 / line.len() + 1);
    client.open(uri, "javascript", &huge).await;
    client
        .wait_for("window/logMessage", |p| {
            p["message"].as_str().is_some_and(|m| m.contains("huge.js"))
        })
        .await;
    change(&mut client, uri, 2, json!([edit((0, 0), (0, 0), "x")])).await;
    assert_answers(&mut client, "a 15 MB document").await;

    // 2,000 edits in a burst: the last diagnostics published describe the last version.
    let uri = "file:///tmp/mufi-hostile/burst.js";
    client.open(uri, "javascript", "").await;
    client.diagnostics(uri, 1).await;
    let typed =
        "// typed one key at a time\n".repeat(74) + "new Agent({ rejectUnauthorized: false });";
    let typed = &typed[typed.len() - 2000..];
    let (mut line, mut character) = (0u32, 0u32);
    for (i, ch) in typed.chars().enumerate() {
        let at = (line, character);
        change(
            &mut client,
            uri,
            i as i64 + 2,
            json!([edit(at, at, &ch.to_string())]),
        )
        .await;
        if ch == '\n' {
            (line, character) = (line + 1, 0);
        } else {
            character += 1;
        }
    }
    let last = typed.chars().count() as i64 + 1;
    let diags = client.diagnostics(uri, last).await;
    assert_eq!(codes(&diags), ["MUFI004"]);
    assert_eq!(diags[0]["range"]["start"]["line"], line);
    assert_answers(&mut client, "2,000 edits in a burst").await;
    let published: Vec<i64> = client
        .inbox
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    // Each version is published at most once, in order: one analysis that took in
    // several edits answers the jobs those edits queued.
    assert!(
        published.iter().all(|v| *v < last) && published.windows(2).all(|w| w[0] < w[1]),
        "diagnostics published twice or out of order around the last ({last}): {published:?}"
    );

    let (code, _log) = shut_down(client, child).await;
    assert_eq!(code, 0);
}

#[tokio::test]
async fn no_output_channel_carries_a_key() {
    // Trace-level logging: the most the server ever writes to stderr.
    let (mut client, child) = spawn("trace");
    client.initialize(&["utf-16"]).await;
    let key = fake_key("Write");
    let payload = key.split('.').nth(1).expect("a JWT payload").to_string();
    let docs = [
        (
            "app.js",
            "javascript",
            format!("const k = \"{key}\";\n// {key}\n"),
        ),
        ("app.py", "python", format!("MUFI_API_KEY = '{key}'\n")),
        (
            "client.tsx",
            "typescriptreact",
            format!("\"use client\";\nconst c = new MufiClient({{ apiKey: \"{key}\" }});\n"),
        ),
        (
            ".env",
            "dotenv",
            format!("NEXT_PUBLIC_MUFI_API_KEY={key}\n"),
        ),
        (
            "glued.js",
            "javascript",
            format!("fetch(\"http://api.mufi.app/v1\"); // {key}.env.x\n"),
        ),
    ];
    let mut seen = Vec::new();
    for (name, language, text) in &docs {
        let uri = format!("file:///tmp/mufi-hostile/leak/{name}");
        client.open(&uri, language, text).await;
        let diags = client.diagnostics(&uri, 1).await;
        assert!(!diags.is_empty(), "{name}: a finding to look at");
        for d in &diags {
            let hover = client
                .request(
                    "textDocument/hover",
                    json!({"textDocument": {"uri": uri}, "position": d["range"]["start"]}),
                )
                .await;
            let actions = client
                .request(
                    "textDocument/codeAction",
                    json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
                )
                .await;
            seen.push(("hover", hover.to_string()));
            // Titles only: a fix's edits may carry the key where the user wants it
            // (moved into `.env`), which is the point of the fix, not output.
            let titles = actions["result"].as_array().into_iter().flatten();
            seen.extend(titles.map(|a| ("code action title", a["title"].to_string())));
        }
        seen.push(("diagnostics", Value::Array(diags).to_string()));
    }
    let first_line = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///tmp/mufi-hostile/leak/client.tsx"}, "position": {"line": 0, "character": 1}}),
        )
        .await;
    seen.push(("first-line hover", first_line.to_string()));
    seen.extend(client.inbox.iter().map(|m| ("notification", m.to_string())));
    let (_, log) = shut_down(client, child).await;
    assert!(!log.is_empty(), "trace logging wrote nothing to stderr");
    seen.push(("stderr log", log));
    for (channel, out) in &seen {
        if let Some(at) = out.find(&key).or_else(|| out.find(&payload)) {
            // Where it was, never the key itself.
            let from = out[..at].char_indices().rev().nth(80).map_or(0, |(i, _)| i);
            panic!("the {channel} carries a key after {:?}", &out[from..at]);
        }
    }
    assert!(
        seen.iter()
            .any(|(c, out)| *c == "hover" && out.contains("eyJhbG…")),
        "hovers show the redacted key"
    );
}
