//! Settings from the editor: `initializationOptions`, `workspace/didChangeConfiguration`
//! (pushed, or pulled with `workspace/configuration`), applied to open documents at
//! once, bad values shown to the user while the last good settings stay in force.

mod common;

use common::{codes, TestClient};
use serde_json::{json, Value};
use tokio::io::{DuplexStream, ReadHalf, WriteHalf};

type Client = TestClient<ReadHalf<DuplexStream>, WriteHalf<DuplexStream>>;

fn client() -> Client {
    let (client_end, server_end) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_end);
    tokio::spawn(mufi_lsp::server::serve(server_read, server_write));
    let (client_read, client_write) = tokio::io::split(client_end);
    TestClient::new(client_read, client_write)
}

/// Waits for diagnostics of `uri` at `version` that satisfy `pred`: a re-analysis for
/// another reason (the workspace read at start) may publish the old result first.
async fn diagnostics_until(
    client: &mut Client,
    uri: &str,
    version: i64,
    pred: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    loop {
        let diags = client.diagnostics(uri, version).await;
        if pred(&diags) {
            return diags;
        }
    }
}

async fn push_settings(client: &mut Client, settings: Value) {
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": settings }),
        )
        .await;
}

/// A folder holding a web app's package.json, and its URI.
fn web_app() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("package.json"), "{\"name\": \"app\"}\n").unwrap();
    let root_uri = format!("file://{}", dir.path().display());
    (dir, root_uri)
}

/// A client-side call to a Mufi endpoint.
const MUFI_CALL: &str =
    "export const pay = () => fetch(\"https://api.mufi.app/v1/users/profile\");\n";

const PLAIN_HTTP_TS: &str = "const BASE = \"http://api.mufi.app/v1\";\n";
const PY: &str = "import requests\n\
    requests.get(\"http://api.mufi.app/v1/users\", verify=False)\n";

#[tokio::test]
async fn initialization_options_switch_rules_off_and_change_severity() {
    let mut client = client();
    let options = json!({"rules": {"MUFI003": "off", "tls-verification-disabled": "warning"}});
    client
        .initialize_with(&["utf-16"], None, Some(options))
        .await;
    client.open("file:///tmp/s/a.py", "python", PY).await;
    let diags = client.diagnostics("file:///tmp/s/a.py", 1).await;
    assert_eq!(codes(&diags), ["MUFI004"]);
    assert_eq!(diags[0]["severity"], 2, "warning, as the settings ask");
}

#[tokio::test]
async fn pushed_settings_reach_open_documents_without_a_restart() {
    let mut client = client();
    client.initialize(&["utf-16"]).await;
    let uri = "file:///tmp/s/base.ts";
    client.open(uri, "typescript", PLAIN_HTTP_TS).await;
    assert_eq!(codes(&client.diagnostics(uri, 1).await), ["MUFI003"]);
    // VS Code and Neovim file the settings under the section name.
    push_settings(
        &mut client,
        json!({"mufi-lsp": {"rules": {"plain-http-url": "off"}}}),
    )
    .await;
    let diags = client.diagnostics(uri, 1).await;
    assert!(diags.is_empty(), "{diags:?}");
    // And back on, bare (as Helix sends its `config` table).
    push_settings(&mut client, json!({"rules": {"MUFI003": "hint"}})).await;
    let diags = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI003"]);
    assert_eq!(diags[0]["severity"], 4, "hint");
}

#[tokio::test]
async fn bad_settings_are_shown_and_the_last_good_ones_stay() {
    let mut client = client();
    client.initialize(&["utf-16"]).await;
    let uri = "file:///tmp/s/bad.ts";
    client.open(uri, "typescript", PLAIN_HTTP_TS).await;
    client.diagnostics(uri, 1).await;
    push_settings(&mut client, json!({"rules": {"MUFI003": "off"}})).await;
    assert!(client.diagnostics(uri, 1).await.is_empty());
    push_settings(
        &mut client,
        json!({"rules": {"MUFI003": "loud"}, "exclude": "vendor"}),
    )
    .await;
    let shown = client
        .wait_for("window/showMessage", |p| p["type"] == 1)
        .await;
    let text = shown["params"]["message"].as_str().unwrap_or_default();
    for part in ["keeping the previous", "rules.MUFI003", "`exclude`"] {
        assert!(text.contains(part), "{part} missing from {text:?}");
    }
    // MUFI003 is still off: the rejected settings changed nothing.
    client
        .change_full(uri, 2, &format!("{PLAIN_HTTP_TS}// edited\n"))
        .await;
    assert!(client.diagnostics(uri, 2).await.is_empty());
}

#[tokio::test]
async fn bad_initialization_options_are_shown_once_ready() {
    let mut client = client();
    client
        .initialize_with(&["utf-16"], None, Some(json!({"exclude": ["web/["]})))
        .await;
    let shown = client
        .wait_for("window/showMessage", |p| p["type"] == 1)
        .await;
    assert!(shown["params"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("web/["));
    // The defaults are in force.
    client
        .open("file:///tmp/s/d.ts", "typescript", PLAIN_HTTP_TS)
        .await;
    assert_eq!(
        codes(&client.diagnostics("file:///tmp/s/d.ts", 1).await),
        ["MUFI003"]
    );
}

#[tokio::test]
async fn unknown_settings_are_named_in_a_warning() {
    let mut client = client();
    client.initialize(&["utf-16"]).await;
    push_settings(&mut client, json!({"exlude": ["vendor/**"]})).await;
    let shown = client
        .wait_for("window/showMessage", |p| p["type"] == 2)
        .await;
    assert!(shown["params"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("exlude"));
}

#[tokio::test]
async fn settings_are_pulled_when_the_client_sends_none() {
    let mut client = client();
    client.configuration = Some(json!({"rules": {"MUFI003": "off"}}));
    client.initialize(&["utf-16"]).await;
    let uri = "file:///tmp/s/pull.ts";
    client.open(uri, "typescript", PLAIN_HTTP_TS).await;
    assert_eq!(codes(&client.diagnostics(uri, 1).await), ["MUFI003"]);
    push_settings(&mut client, Value::Null).await;
    let diags = client.diagnostics(uri, 1).await;
    assert!(diags.is_empty(), "{diags:?}");
}

#[tokio::test]
async fn exclude_globs_are_relative_to_the_workspace_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let root_uri = format!("file://{}", root.display());
    let mut client = client();
    client
        .initialize_with(
            &["utf-16"],
            Some(&root_uri),
            Some(json!({"exclude": ["vendor/**"]})),
        )
        .await;
    let vendored = format!("{root_uri}/vendor/sdk/base.ts");
    let own = format!("{root_uri}/src/vendor.ts");
    client.open(&vendored, "typescript", PLAIN_HTTP_TS).await;
    client.open(&own, "typescript", PLAIN_HTTP_TS).await;
    assert!(client.diagnostics(&vendored, 1).await.is_empty());
    assert_eq!(codes(&client.diagnostics(&own, 1).await), ["MUFI003"]);
    // Dropping the glob brings the vendored file's finding back.
    push_settings(&mut client, json!({"exclude": []})).await;
    let diags = diagnostics_until(&mut client, &vendored, 1, |d| !d.is_empty()).await;
    assert_eq!(codes(&diags), ["MUFI003"]);
}

#[tokio::test]
async fn allowed_hosts_and_extra_key_names_apply() {
    let mut client = client();
    client
        .initialize_with(
            &["utf-16"],
            None,
            Some(json!({"allowedHttpHosts": ["*.corp.acme.io"]})),
        )
        .await;
    let uri = "file:///tmp/s/hosts.ts";
    let text = "export const AUDIT = \"http://audit.corp.acme.io/log\";\n\
                export const OTHER = \"http://audit.acme.io/log\";\n\
                const PAYMENTS_SECRET = \"q8Zr2LxV7mNc4TbW9yHs3KdP6fJg1AeU\";\n";
    client.open(uri, "typescript", text).await;
    let diags = client.diagnostics(uri, 1).await;
    let lines: Vec<_> = diags
        .iter()
        .map(|d| (d["code"].clone(), d["range"]["start"]["line"].clone()))
        .collect();
    assert_eq!(lines, [(json!("MUFI003"), json!(1))], "{diags:?}");
    push_settings(
        &mut client,
        json!({"allowedHttpHosts": ["*.corp.acme.io"], "extraKeyNames": ["PAYMENTS_SECRET"]}),
    )
    .await;
    let diags = client.diagnostics(uri, 1).await;
    let lines: Vec<_> = diags
        .iter()
        .map(|d| (d["code"].clone(), d["range"]["start"]["line"].clone()))
        .collect();
    assert_eq!(
        lines,
        [(json!("MUFI003"), json!(1)), (json!("MUFI001"), json!(2))],
        "{diags:?}"
    );
}

#[tokio::test]
async fn client_side_globs_mark_files_that_ship_to_users() {
    let (_dir, root_uri) = web_app();
    let mut client = client();
    client.initialize_in(&["utf-16"], Some(&root_uri)).await;
    let uri = format!("{root_uri}/widgets/pay.ts");
    let text = MUFI_CALL;
    client.open(&uri, "typescript", text).await;
    assert!(client.diagnostics(&uri, 1).await.is_empty());
    push_settings(&mut client, json!({"clientSide": ["widgets/**"]})).await;
    let diags = diagnostics_until(&mut client, &uri, 1, |d| !d.is_empty()).await;
    assert_eq!(codes(&diags), ["MUFI002"], "{diags:?}");
    assert!(diags[0]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("widgets/**"));
}

#[tokio::test]
async fn a_pulled_null_keeps_the_settings_in_force() {
    // Helix answers `workspace/configuration` with `null` when its `config` table has
    // no `mufi-lsp` key: that is "nothing to add", not "back to defaults".
    let mut client = client();
    client.configuration = Some(Value::Null);
    client
        .initialize_with(
            &["utf-16"],
            None,
            Some(json!({"rules": {"MUFI003": "off"}})),
        )
        .await;
    let uri = "file:///tmp/s/null.ts";
    client.open(uri, "typescript", PLAIN_HTTP_TS).await;
    assert!(client.diagnostics(uri, 1).await.is_empty());
    push_settings(&mut client, Value::Null).await;
    client
        .change_full(uri, 2, &format!("{PLAIN_HTTP_TS}// edited\n"))
        .await;
    assert!(client.diagnostics(uri, 2).await.is_empty());
}

#[tokio::test]
async fn max_file_size_and_server_side_globs_apply_from_the_editor() {
    let (_dir, root_uri) = web_app();
    let mut client = client();
    client
        .initialize_with(
            &["utf-16"],
            Some(&root_uri),
            Some(json!({
                "maxFileSize": 100,
                "clientSide": ["web/**"],
                "serverSide": ["web/api/**"],
            })),
        )
        .await;
    let call = MUFI_CALL;
    let widget = format!("{root_uri}/web/widget.ts");
    let proxy = format!("{root_uri}/web/api/proxy.ts");
    client.open(&widget, "typescript", call).await;
    client.open(&proxy, "typescript", call).await;
    let diags = diagnostics_until(&mut client, &widget, 1, |d| !d.is_empty()).await;
    assert_eq!(codes(&diags), ["MUFI002"]);
    assert!(
        client.diagnostics(&proxy, 1).await.is_empty(),
        "server-side wins"
    );
    // Over 100 bytes: not checked, and said so in the log.
    let big = format!("{root_uri}/big.ts");
    client
        .open(&big, "typescript", &PLAIN_HTTP_TS.repeat(5))
        .await;
    let logged = client
        .wait_for("window/logMessage", |p| {
            p["message"]
                .as_str()
                .is_some_and(|m| m.contains("over the 100 byte limit"))
        })
        .await;
    assert!(logged["params"]["message"]
        .as_str()
        .unwrap()
        .contains("big.ts"));
}

#[tokio::test]
async fn a_document_that_runs_out_of_time_is_named_and_read_whole_without_a_limit() {
    let mut client = client();
    client.initialize(&["utf-16"]).await;
    push_settings(&mut client, json!({"timeLimitMs": 1})).await;
    let uri = "file:///tmp/s/generated.py";
    // One call nested in the next, 40,000 deep: far costlier to read than its size.
    let text = format!("{PY}f{}\n", "()".repeat(40_000));
    client.open(uri, "python", &text).await;
    let shown = client
        .wait_for("window/showMessage", |p| p["type"] == 2)
        .await;
    let message = shown["params"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("generated.py: analysis stopped at the time limit (1 ms)"),
        "{message}"
    );
    // Diagnostics still come, with whatever was found in time.
    client.diagnostics(uri, 1).await;
    push_settings(&mut client, json!({"timeLimitMs": 0})).await;
    let diags = diagnostics_until(&mut client, uri, 1, |d| {
        codes(d).contains(&"MUFI004".into())
    })
    .await;
    assert!(codes(&diags).contains(&"MUFI003".to_string()), "{diags:?}");
}
