//! In-process protocol tests: the JSON an editor sends, over `tokio::io::duplex`,
//! and the JSON that comes back.

mod common;

use common::{action_edits, apply_edits, codes, fake_key, TestClient};
use serde_json::{json, Value};
use tokio::io::{DuplexStream, ReadHalf, WriteHalf};

type Client = TestClient<ReadHalf<DuplexStream>, WriteHalf<DuplexStream>>;

async fn start() -> (Client, tokio::task::JoinHandle<u8>) {
    let (client_end, server_end) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_end);
    let server = tokio::spawn(mufi_lsp::server::serve(server_read, server_write));
    let (client_read, client_write) = tokio::io::split(client_end);
    (TestClient::new(client_read, client_write), server)
}

async fn started(encodings: &[&str]) -> Client {
    let (mut client, _server) = start().await;
    client.initialize(encodings).await;
    client
}

async fn actions(client: &mut Client, uri: &str, diag: &Value) -> Vec<Value> {
    let resp = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag]}}),
        )
        .await;
    resp["result"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn initialize_prefers_utf8_and_falls_back_to_utf16() {
    let (mut client, _s) = start().await;
    let resp = client.initialize(&["utf-16", "utf-8"]).await;
    assert_eq!(resp["result"]["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(
        resp["result"]["capabilities"]["textDocumentSync"]["change"],
        2
    );
    let (mut client, _s) = start().await;
    let resp = client.initialize(&[]).await;
    assert_eq!(resp["result"]["capabilities"]["positionEncoding"], "utf-16");
}

#[tokio::test]
async fn emoji_before_key_keeps_utf16_range() {
    let mut client = started(&["utf-16"]).await;
    let key = fake_key("Write");
    let line = format!("const banner = \"🎉 launch 日本\"; const mufiKey = \"{key}\";\n");
    let text = format!("// header\n{line}");
    let uri = "file:///tmp/mufi-test/emoji.ts";
    client.open(uri, "typescript", &text).await;
    let diags = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI001"]);
    let d = &diags[0];
    let literal = format!("\"{key}\"");
    let prefix = &line[..line.find(&literal).unwrap()];
    assert_eq!(d["range"]["start"]["line"], 1);
    assert_eq!(
        d["range"]["start"]["character"],
        prefix.encode_utf16().count()
    );
    assert_eq!(
        d["range"]["end"]["character"],
        (prefix.to_string() + &literal).encode_utf16().count()
    );
    assert_eq!(d["source"], "mufi-lsp");
    assert!(d["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .contains("mufi001"));
    assert!(d["message"].as_str().unwrap().contains("Write"));
    assert!(d["message"].as_str().unwrap().contains("Regenerate"));
    assert!(!d["message"].as_str().unwrap().contains(&key[..20]));
}

#[tokio::test]
async fn utf8_ranges_count_bytes_when_negotiated() {
    let mut client = started(&["utf-8"]).await;
    let text = "const s = \"ü😀\"; const u = \"http://api.mufi.app/v1\";\n";
    let uri = "file:///tmp/mufi-test/utf8.js";
    client.open(uri, "javascript", text).await;
    let diags = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI003"]);
    assert_eq!(
        diags[0]["range"]["start"]["character"],
        text.find("http://").unwrap()
    );
    assert_eq!(diags[0]["severity"], 1, "Mufi host over http is an error");
}

#[tokio::test]
async fn quick_fix_replaces_key_with_env_lookup() {
    let mut client = started(&["utf-16"]).await;
    let key = fake_key("Read");
    let text = format!("const ✨ = 1;\nconst client = new MufiClient({{ apiKey: \"{key}\" }});\n");
    let uri = "file:///tmp/mufi-test/fix.js";
    client.open(uri, "javascript", &text).await;
    let diags = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI001"]);
    let actions = actions(&mut client, uri, &diags[0]).await;
    let preferred = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred fix");
    assert_eq!(preferred["kind"], "quickfix");
    assert_eq!(
        preferred["title"],
        "Replace the key with process.env.MUFI_API_KEY"
    );
    let fixed = apply_edits(&text, &action_edits(preferred, uri));
    assert_eq!(
        fixed,
        "const ✨ = 1;\nconst client = new MufiClient({ apiKey: process.env.MUFI_API_KEY });\n"
    );
    client.change_full(uri, 2, &fixed).await;
    let diags = client.diagnostics(uri, 2).await;
    assert!(diags.is_empty(), "{diags:?}");
}

#[tokio::test]
async fn python_fix_adds_import_os() {
    let mut client = started(&["utf-16"]).await;
    let key = fake_key("Write");
    let text = format!("\"\"\"Backend.\"\"\"\nimport requests\n\nMUFI_API_KEY = \"{key}\"\n");
    let uri = "file:///tmp/mufi-test/app.py";
    client.open(uri, "python", &text).await;
    let diags = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI001"]);
    let actions = actions(&mut client, uri, &diags[0]).await;
    let preferred = actions.iter().find(|a| a["isPreferred"] == true).unwrap();
    let fixed = apply_edits(&text, &action_edits(preferred, uri));
    assert_eq!(
        fixed,
        "\"\"\"Backend.\"\"\"\nimport os\nimport requests\n\nMUFI_API_KEY = os.environ[\"MUFI_API_KEY\"]\n"
    );
}

#[tokio::test]
async fn script_block_findings_keep_host_positions() {
    let mut client = started(&["utf-16"]).await;
    let text = "<template>\n  <p title=\"🎉 日本\">hi</p>\n</template>\n<script setup lang=\"ts\">\nconst label = \"🎉\"; const docs = \"http://docs.acme.io/x\";\n</script>\n";
    let uri = "file:///tmp/mufi-test/Widget.vue";
    client.open(uri, "vue", text).await;
    let diags = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI003"]);
    let line = "const label = \"🎉\"; const docs = \"http://docs.acme.io/x\";";
    let prefix = &line[..line.find("http://").unwrap()];
    assert_eq!(diags[0]["range"]["start"]["line"], 4);
    assert_eq!(
        diags[0]["range"]["start"]["character"],
        prefix.encode_utf16().count()
    );
    let actions = actions(&mut client, uri, &diags[0]).await;
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore MUFI003 on this line")
        .expect("an ignore fix");
    // Inside the script block the comment is JavaScript's, not HTML's.
    let fixed = apply_edits(text, &action_edits(ignore, uri));
    assert!(
        fixed.contains("<script setup lang=\"ts\">\n// mufi-lsp: ignore MUFI003\nconst label"),
        "{fixed}"
    );
    client.change_full(uri, 2, &fixed).await;
    assert!(client.diagnostics(uri, 2).await.is_empty());
}

#[tokio::test]
async fn go_fix_adds_the_os_import() {
    let mut client = started(&["utf-16"]).await;
    let text = "package mufi\n\nimport (\n\t\"net/http\"\n)\n\nfunc client() *http.Request {\n\tmufiKey := \"mk_live_7Hc2pQ9xZr41\"\n\treq, _ := http.NewRequest(\"GET\", \"https://api.mufi.app/v1/version\", nil)\n\treq.Header.Set(\"x-api-key\", mufiKey)\n\treturn req\n}\n";
    let uri = "file:///tmp/mufi-test/client.go";
    client.open(uri, "go", text).await;
    let diags = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI001"]);
    let actions = actions(&mut client, uri, &diags[0]).await;
    let preferred = actions.iter().find(|a| a["isPreferred"] == true).unwrap();
    assert_eq!(
        preferred["title"],
        "Replace the key with os.Getenv(\"MUFI_API_KEY\")"
    );
    let fixed = apply_edits(text, &action_edits(preferred, uri));
    assert!(
        fixed.contains("import (\n\t\"os\"\n\t\"net/http\"\n)"),
        "{fixed}"
    );
    assert!(
        fixed.contains("mufiKey := os.Getenv(\"MUFI_API_KEY\")"),
        "{fixed}"
    );
}

#[tokio::test]
async fn dockerfile_run_lines_are_read_as_shell() {
    let mut client = started(&["utf-16"]).await;
    let text = "FROM node:20\n# fetch the CA bundle\nRUN curl -fsSk https://certs.acme.io/ca.pem -o /ca.pem\n";
    let uri = "file:///tmp/mufi-test/Dockerfile";
    client.open(uri, "dockerfile", text).await;
    let diags = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI004"]);
    assert_eq!(diags[0]["range"]["start"]["line"], 2);
    assert_eq!(diags[0]["range"]["start"]["character"], "RUN curl ".len());
    let actions = actions(&mut client, uri, &diags[0]).await;
    let preferred = actions.iter().find(|a| a["isPreferred"] == true).unwrap();
    let fixed = apply_edits(text, &action_edits(preferred, uri));
    assert!(
        fixed.contains("RUN curl -fsS https://certs.acme.io"),
        "{fixed}"
    );
}

#[tokio::test]
async fn move_to_dotenv_fix_creates_env_and_gitignore_entries() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "node_modules\n").unwrap();
    let file = dir.path().join("server.js");
    let key = fake_key("Write");
    let text = format!("const MUFI_KEY = \"{key}\";\n");
    std::fs::write(&file, &text).unwrap();
    let uri = format!("file://{}", file.display());
    let mut client = started(&["utf-16"]).await;
    client.open(&uri, "javascript", &text).await;
    let diags = client.diagnostics(&uri, 1).await;
    let actions = actions(&mut client, &uri, &diags[0]).await;
    let mv = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Move the key to .env")
        })
        .expect("move fix");
    let ops = mv["edit"]["documentChanges"].as_array().unwrap();
    let env_uri = format!("file://{}", dir.path().join(".env").display());
    assert!(ops.iter().any(|op| op["kind"] == "create"
        && op["uri"] == env_uri.as_str()
        && op["options"]["overwrite"] == false));
    let env_edit = action_edits(mv, &env_uri);
    assert_eq!(env_edit[0]["newText"], format!("MUFI_API_KEY={key}\n"));
    let gi_uri = format!("file://{}", dir.path().join(".gitignore").display());
    let gi_edit = action_edits(mv, &gi_uri);
    assert_eq!(gi_edit[0]["newText"], ".env\n");
    assert_eq!(gi_edit[0]["range"]["start"]["line"], 1);
}

#[tokio::test]
async fn next_client_call_gets_a_proxy_route_for_its_one_endpoint() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::write(
        root.join("package.json"),
        r#"{"dependencies": {"next": "15.0.0", "react": "19.0.0"}}"#,
    )
    .unwrap();
    std::fs::write(root.join("next.config.mjs"), "export default {};\n").unwrap();
    std::fs::create_dir_all(root.join("app/wallet")).unwrap();
    let file = root.join("app/wallet/page.tsx");
    let text = "\"use client\";\nexport async function load() {\n  return fetch(\"https://api.mufi.app/v1/users/profile\", { method: \"POST\" });\n}\n";
    std::fs::write(&file, text).unwrap();
    let uri = format!("file://{}", file.display());
    let mut client = started(&["utf-16"]).await;
    client.open(&uri, "typescriptreact", text).await;
    let diags = client.diagnostics(&uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI002"]);
    let offered = actions(&mut client, &uri, &diags[0]).await;
    let proxy = offered
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .contains("/api/mufi/v1/users/profile")
        })
        .expect("proxy fix");
    assert_eq!(proxy["isPreferred"], true);
    let route = root.join("app/api/mufi/v1/users/profile/route.ts");
    let route_uri = format!("file://{}", route.display());
    let ops = proxy["edit"]["documentChanges"].as_array().unwrap();
    assert!(ops.iter().any(|op| op["kind"] == "create"
        && op["uri"] == route_uri.as_str()
        && op["options"]["overwrite"] == false));
    let route_text = action_edits(proxy, &route_uri)[0]["newText"]
        .as_str()
        .unwrap()
        .to_string();
    // The route makes that one call, with the server-only key, and nothing else.
    assert!(route_text.contains("const MUFI_ENDPOINT = \"https://api.mufi.app/v1/users/profile\";"));
    assert!(route_text.contains("process.env.MUFI_API_KEY"));
    assert!(!route_text.contains("env.NEXT_PUBLIC"));
    assert!(route_text.contains("export { forward as GET, forward as POST };"));
    let fixed = apply_edits(text, &action_edits(proxy, &uri));
    assert!(
        fixed.contains("fetch(\"/api/mufi/v1/users/profile\""),
        "{fixed}"
    );
    // The client file no longer calls Mufi; the route, a server file, may.
    let model = mufi_lsp::project::ProjectModel::new();
    let config = mufi_lsp::config::Config::default();
    assert!(mufi_lsp::cli::analyze_file(&file, &fixed, &model, &config).is_empty());
    std::fs::create_dir_all(route.parent().unwrap()).unwrap();
    std::fs::write(&route, &route_text).unwrap();
    let route_findings = mufi_lsp::cli::analyze_file(&route, &route_text, &model, &config);
    assert!(route_findings.is_empty(), "{route_findings:?}");
    // A route that exists is never overwritten: the fix only points the client at it.
    let again = actions(&mut client, &uri, &diags[0]).await;
    let proxy = again
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("/api/mufi/"))
        .expect("proxy fix");
    assert!(proxy["edit"]["documentChanges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|op| op["kind"] != "create"));
    assert!(action_edits(proxy, &route_uri).is_empty());
}

#[tokio::test]
async fn least_privilege_hint_arrives_once_the_workspace_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::write(root.join(".gitignore"), ".env\n").unwrap();
    std::fs::create_dir(root.join("src")).unwrap();
    std::fs::write(
        root.join("src/mufi.ts"),
        "export const profile = () => fetch(\"https://api.mufi.app/v1/users/profile\");\n",
    )
    .unwrap();
    let env = root.join(".env");
    let text = format!("MUFI_API_KEY={}\n", fake_key("Write"));
    std::fs::write(&env, &text).unwrap();
    let (mut client, _server) = start().await;
    let root_uri = format!("file://{}", root.display());
    client.initialize_in(&["utf-16"], Some(&root_uri)).await;
    let uri = format!("file://{}", env.display());
    client.open(&uri, "dotenv", &text).await;
    // The first analysis may come before the workspace's endpoints are known; a later
    // one carries the hint, at the key, with its version.
    let mut hint = None;
    for _ in 0..2 {
        let diags = client.diagnostics(&uri, 1).await;
        if let Some(d) = diags.iter().find(|d| d["code"] == "MUFI009") {
            hint = Some(d.clone());
            break;
        }
    }
    let hint = hint.expect("a MUFI009 diagnostic");
    assert_eq!(hint["severity"], 3, "information");
    assert_eq!(hint["range"]["start"]["character"], 13);
    assert!(hint["message"]
        .as_str()
        .unwrap()
        .contains("/v1/users/profile"));
}

#[tokio::test]
async fn saving_a_gitignore_updates_secret_file_findings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    let env = root.join(".env");
    let text = format!("MUFI_API_KEY={}\n", fake_key("Read"));
    std::fs::write(&env, &text).unwrap();
    let uri = format!("file://{}", env.display());
    let mut client = started(&["utf-16"]).await;
    client.open(&uri, "dotenv", &text).await;
    let diags = client.diagnostics(&uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI005"]);
    // The user adds .env to .gitignore in the editor and saves it.
    let gitignore = root.join(".gitignore");
    std::fs::write(&gitignore, ".env\n").unwrap();
    client
        .notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": format!("file://{}", gitignore.display())}}),
        )
        .await;
    let diags = client.diagnostics(&uri, 1).await;
    assert!(diags.is_empty(), "{diags:?}");
}

#[tokio::test]
async fn first_line_hover_says_where_the_file_runs() {
    let mut client = started(&["utf-16"]).await;
    let hover = |line: u32| json!({"textDocument": {"uri": "file:///tmp/mufi-test/app/wallet/page.tsx"}, "position": {"line": line, "character": 3}});
    let client_text = "\"use client\";\nconst base = \"/api/mufi\";\n";
    client
        .open(
            "file:///tmp/mufi-test/app/wallet/page.tsx",
            "typescriptreact",
            client_text,
        )
        .await;
    client
        .diagnostics("file:///tmp/mufi-test/app/wallet/page.tsx", 1)
        .await;
    let resp = client.request("textDocument/hover", hover(0)).await;
    let value = resp["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("ships to users"), "{value}");
    assert!(value.contains("use client"), "{value}");
    // Other lines, and files that never mention Mufi, get nothing from us.
    let resp = client.request("textDocument/hover", hover(1)).await;
    assert_eq!(resp["result"], Value::Null);
    let server = "file:///tmp/mufi-test/app/api/wallet/route.ts";
    client
        .open(
            server,
            "typescript",
            "export const MUFI = process.env.MUFI_API_KEY;\n",
        )
        .await;
    client.diagnostics(server, 1).await;
    let resp = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": server}, "position": {"line": 0, "character": 3}}),
        )
        .await;
    let value = resp["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("runs on a server"), "{value}");
}

#[tokio::test]
async fn ignore_comment_fix_silences_the_rule() {
    let mut client = started(&["utf-16"]).await;
    let text = "function f() {\n  return fetch(\"http://metrics.acme.io/push\");\n}\n";
    let uri = "file:///tmp/mufi-test/ignore.js";
    client.open(uri, "javascript", text).await;
    let diags = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI003"]);
    assert_eq!(diags[0]["severity"], 2, "other hosts are warnings");
    let actions = actions(&mut client, uri, &diags[0]).await;
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore MUFI003 on this line")
        .unwrap();
    let fixed = apply_edits(text, &action_edits(ignore, uri));
    assert_eq!(
        fixed,
        "function f() {\n  // mufi-lsp: ignore MUFI003\n  return fetch(\"http://metrics.acme.io/push\");\n}\n"
    );
    client.change_full(uri, 2, &fixed).await;
    assert!(client.diagnostics(uri, 2).await.is_empty());
}

#[tokio::test]
async fn unused_suppression_is_a_hint() {
    let mut client = started(&["utf-16"]).await;
    let text = "const u = \"https://api.mufi.app\"; // mufi-lsp: ignore MUFI003\n";
    let uri = "file:///tmp/mufi-test/unused.ts";
    client.open(uri, "typescript", text).await;
    let diags = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI100"]);
    assert_eq!(diags[0]["severity"], 4);
    assert_eq!(diags[0]["tags"], json!([1]));
}

#[tokio::test]
async fn fix_all_flips_every_safe_setting() {
    let mut client = started(&["utf-16"]).await;
    let text = "import requests\nrequests.get(\"https://api.mufi.app/v1/version\", verify=False)\nBASE = \"http://api.mufi.app\"\n";
    let uri = "file:///tmp/mufi-test/all.py";
    client.open(uri, "python", text).await;
    let diags = client.diagnostics(uri, 1).await;
    assert_eq!(codes(&diags), ["MUFI004", "MUFI003"]);
    let resp = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let list = resp["result"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["kind"], "source.fixAll.mufi");
    let fixed = apply_edits(text, &action_edits(&list[0], uri));
    assert_eq!(
        fixed,
        "import requests\nrequests.get(\"https://api.mufi.app/v1/version\", verify=True)\nBASE = \"https://api.mufi.app\"\n"
    );
}

#[tokio::test]
async fn hover_explains_and_redacts_the_key() {
    let mut client = started(&["utf-16"]).await;
    let key = fake_key("Write");
    let text = format!("MUFI_API_KEY = \"{key}\"\n");
    let uri = "file:///tmp/mufi-test/hover.py";
    client.open(uri, "python", &text).await;
    client.diagnostics(uri, 1).await;
    let resp = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 20}}),
        )
        .await;
    let value = resp["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("MUFI001 hardcoded-api-key"), "{value}");
    assert!(value.contains("HS256"));
    assert!(value.contains("Write"));
    assert!(value.contains(&key[..6]));
    assert!(!value.contains(&key[..12]), "hover leaks the key: {value}");
    let nothing = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 5, "character": 0}}),
        )
        .await;
    assert_eq!(nothing["result"], Value::Null);
}

#[tokio::test]
async fn did_close_clears_diagnostics() {
    let mut client = started(&["utf-16"]).await;
    let uri = "file:///tmp/mufi-test/close.js";
    client
        .open(
            uri,
            "javascript",
            "const a = { rejectUnauthorized: false };\n",
        )
        .await;
    assert_eq!(codes(&client.diagnostics(uri, 1).await), ["MUFI004"]);
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let msg = client
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["diagnostics"].as_array().is_some_and(|d| d.is_empty())
        })
        .await;
    assert!(msg["params"]["version"].is_null());
}

#[tokio::test]
async fn stale_versions_are_dropped() {
    let mut client = started(&["utf-16"]).await;
    let uri = "file:///tmp/mufi-test/stale.js";
    client.open(uri, "javascript", "let a = 1;\n").await;
    client.diagnostics(uri, 1).await;
    client
        .change_full(uri, 3, "const agent = { rejectUnauthorized: false };\n")
        .await;
    // An older version arriving late must not win.
    client.change_full(uri, 2, "let clean = 1;\n").await;
    let diags = client.diagnostics(uri, 3).await;
    assert_eq!(codes(&diags), ["MUFI004"]);
    // Hover reflects version 3 text too.
    let resp = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 20}}),
        )
        .await;
    assert!(resp["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("MUFI004"));
}

#[tokio::test]
async fn incremental_edits_on_a_large_file_keep_diagnostics_right() {
    let mut client = started(&["utf-16"]).await;
    let uri = "file:///tmp/mufi-test/big.ts";
    let mut text = String::new();
    for i in 0..5000 {
        text.push_str(&format!(
            "export function handler{i}(req: Request) {{ return {i} + 1; }} // ✓ 測試\n"
        ));
    }
    client.open(uri, "typescript", &text).await;
    assert!(client.diagnostics(uri, 1).await.is_empty());
    let mut version = 1;
    // 40 edits: insert problems at various lines, then remove some of them again.
    for step in 0..40u64 {
        version += 1;
        let line = (step * 123) % 5000;
        let insert = if step % 2 == 0 {
            format!("const u{step} = \"http://api.mufi.app/v{step}\"; ")
        } else {
            format!("const t{step} = {{ rejectUnauthorized: false }}; ")
        };
        // Insert after the emoji/CJK comment start to exercise UTF-16 columns: at column 0.
        let edit = json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": insert});
        let offset = common::utf16_offset(&text, line, 0);
        text.insert_str(offset, &insert);
        client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]}),
            )
            .await;
    }
    // Delete the first inserted problem with a multi-line-aware range edit.
    version += 1;
    let first = "const u0 = \"http://api.mufi.app/v0\"; ";
    let at = text.find(first).unwrap();
    let line = text[..at].matches('\n').count() as u64;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..at].encode_utf16().count() as u64;
    let end_col = col + first.encode_utf16().count() as u64;
    text.replace_range(at..at + first.len(), "");
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [
                {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": end_col}}, "text": ""}
            ]}),
        )
        .await;
    let diags = client.diagnostics(uri, version).await;
    // What the engine finds on the text the client holds is what the server published.
    let expected = mufi_lsp::cli::analyze_file(
        std::path::Path::new("/tmp/mufi-test/big.ts"),
        &text,
        &mufi_lsp::project::ProjectModel::new(),
        &mufi_lsp::config::Config::default(),
    );
    assert_eq!(diags.len(), expected.len());
    assert_eq!(diags.len(), 39);
    for (d, f) in diags.iter().zip(&expected) {
        let start = common::utf16_offset(
            &text,
            d["range"]["start"]["line"].as_u64().unwrap(),
            d["range"]["start"]["character"].as_u64().unwrap(),
        );
        assert_eq!(start, f.range.start);
        assert_eq!(d["code"], f.rule.code());
    }
}

#[tokio::test]
async fn malformed_messages_do_not_end_the_session() {
    let mut client = started(&["utf-16"]).await;
    client.send_raw(b"{this is not json").await;
    let err = client.next_error().await;
    assert_eq!(err["error"]["code"], -32700);
    client
        .send_raw(br#"{"jsonrpc":"2.0","id":99,"bogus":true}"#)
        .await;
    let err = client.next_error().await;
    assert_eq!(err["error"]["code"], -32600);
    assert_eq!(err["id"], 99);
    // A lone surrogate in pasted text: the edit still lands, as U+FFFD.
    let uri = "file:///tmp/mufi-test/surrogate.js";
    client.open(uri, "javascript", "let a = 1;\n").await;
    client.diagnostics(uri, 1).await;
    let body = r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///tmp/mufi-test/surrogate.js","version":2},"contentChanges":[{"text":"let a = \"\ud800\"; const x = { rejectUnauthorized: false };\n"}]}}"#;
    client.send_raw(body.as_bytes()).await;
    let diags = client.diagnostics(uri, 2).await;
    assert_eq!(codes(&diags), ["MUFI004"]);
    // And requests still get answers.
    let resp = client.request("shutdown", Value::Null).await;
    assert!(resp.get("error").is_none());
}

#[tokio::test]
async fn out_of_range_edits_are_clamped_not_fatal() {
    let mut client = started(&["utf-16"]).await;
    let uri = "file:///tmp/mufi-test/range.js";
    client.open(uri, "javascript", "let a = 1;\n").await;
    client.diagnostics(uri, 1).await;
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
                {"range": {"start": {"line": 40, "character": 3}, "end": {"line": 99, "character": 0}}, "text": "x = { rejectUnauthorized: false };\n"},
                {"range": {"start": {"line": 0, "character": 500}, "end": {"line": 0, "character": 2}}, "text": ""}
            ]}),
        )
        .await;
    let diags = client.diagnostics(uri, 2).await;
    assert_eq!(codes(&diags), ["MUFI004"]);
}

#[tokio::test]
async fn exit_codes_follow_the_spec() {
    let (mut client, server) = start().await;
    client.initialize(&[]).await;
    client.request("shutdown", Value::Null).await;
    client.notify("exit", Value::Null).await;
    assert_eq!(server.await.unwrap(), 0);

    let (mut client, server) = start().await;
    client.initialize(&[]).await;
    client.notify("exit", Value::Null).await;
    assert_eq!(server.await.unwrap(), 1);
}

#[tokio::test]
async fn files_over_the_size_limit_are_logged_not_analysed() {
    let mut client = started(&["utf-16"]).await;
    let uri = "file:///tmp/mufi-test/huge.js";
    let mut text = String::from("const a = { rejectUnauthorized: false };\n");
    while text.len() < 4 * 1024 * 1024 + 10 {
        text.push_str("// filler line of a generated bundle ..............................\n");
    }
    client.open(uri, "javascript", &text).await;
    let log = client
        .wait_for("window/logMessage", |p| {
            p["message"]
                .as_str()
                .is_some_and(|m| m.contains("not checking"))
        })
        .await;
    assert_eq!(log["params"]["type"], 2, "a warning");
    let resp = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 15}}),
        )
        .await;
    assert_eq!(resp["result"], Value::Null);
    assert!(!client
        .inbox
        .iter()
        .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri));
}
