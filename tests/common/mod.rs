//! A minimal LSP client for tests: frames JSON over any byte streams, keeps the
//! notifications it sees, and applies text edits with its own UTF-16 arithmetic
//! (independent of the server's) so a wrong range shows up as wrong text.
#![allow(dead_code)]

pub mod git_repo;
pub mod markers;
pub mod outside_git;
pub mod tools;

use std::collections::VecDeque;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

pub struct TestClient<R, W> {
    reader: BufReader<R>,
    writer: W,
    next_id: i64,
    pub inbox: VecDeque<Value>,
    /// What this client answers to `workspace/configuration` (one value per item).
    pub configuration: Option<Value>,
}

pub const TIMEOUT: Duration = Duration::from_secs(20);

impl<R: AsyncRead + Unpin, W: AsyncWrite + Unpin> TestClient<R, W> {
    pub fn new(reader: R, writer: W) -> Self {
        TestClient {
            reader: BufReader::new(reader),
            writer,
            next_id: 1,
            inbox: VecDeque::new(),
            configuration: None,
        }
    }

    pub async fn send_raw(&mut self, body: &[u8]) {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        self.writer.write_all(header.as_bytes()).await.unwrap();
        self.writer.write_all(body).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        let msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(msg.to_string().as_bytes()).await;
    }

    /// Reads one message; `None` at end of stream.
    pub async fn read(&mut self) -> Option<Value> {
        let mut length = None;
        loop {
            let mut line = String::new();
            let n = tokio::time::timeout(TIMEOUT, self.reader.read_line(&mut line))
                .await
                .expect("server answered in time")
                .ok()?;
            if n == 0 {
                return None;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length?];
        self.reader.read_exact(&mut body).await.ok()?;
        serde_json::from_slice(&body).ok()
    }

    /// Sends a request and returns its response, keeping notifications in the inbox.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(msg.to_string().as_bytes()).await;
        self.response_to(json!(id)).await
    }

    pub async fn response_to(&mut self, id: Value) -> Value {
        loop {
            let msg = self.read().await.expect("stream open");
            if msg.get("id") == Some(&id) && msg.get("method").is_none() {
                return msg;
            }
            self.answer_server_request(&msg).await;
            self.inbox.push_back(msg);
        }
    }

    /// Requests the server makes of the client get an empty answer.
    async fn answer_server_request(&mut self, msg: &Value) {
        if let (Some(id), Some(method)) = (msg.get("id"), msg.get("method")) {
            let result = match (&self.configuration, method.as_str()) {
                (Some(settings), Some("workspace/configuration")) => {
                    let items = msg["params"]["items"].as_array().map_or(0, Vec::len);
                    Value::Array(vec![settings.clone(); items])
                }
                _ => Value::Null,
            };
            let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
            self.send_raw(reply.to_string().as_bytes()).await;
        }
    }

    /// The next error response, keeping everything else in the inbox.
    pub async fn next_error(&mut self) -> Value {
        loop {
            let msg = self.read().await.expect("stream open");
            if msg.get("error").is_some() {
                return msg;
            }
            self.inbox.push_back(msg);
        }
    }

    /// Waits for a notification matching `pred`, looking at the inbox first.
    pub async fn wait_for(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .inbox
            .iter()
            .position(|m| m["method"] == method && pred(&m["params"]))
        {
            return self.inbox.remove(i).unwrap();
        }
        loop {
            let msg = self.read().await.expect("stream open");
            self.answer_server_request(&msg).await;
            if msg["method"] == method && pred(&msg["params"]) {
                return msg;
            }
            self.inbox.push_back(msg);
        }
    }

    /// Waits for the diagnostics of `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let msg = self
            .wait_for("textDocument/publishDiagnostics", |p| {
                p["uri"] == uri && p["version"] == version
            })
            .await;
        msg["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub async fn initialize(&mut self, encodings: &[&str]) -> Value {
        self.initialize_in(encodings, None).await
    }

    /// `initialize` with a workspace folder (`rootUri`).
    pub async fn initialize_in(&mut self, encodings: &[&str], root_uri: Option<&str>) -> Value {
        self.initialize_with(encodings, root_uri, None).await
    }

    /// `initialize` with a workspace folder and `initializationOptions`; the client
    /// says it answers `workspace/configuration` when it has a `configuration`.
    pub async fn initialize_with(
        &mut self,
        encodings: &[&str],
        root_uri: Option<&str>,
        options: Option<Value>,
    ) -> Value {
        let resp = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root_uri,
                    "initializationOptions": options,
                    "capabilities": {
                        "general": {"positionEncodings": encodings},
                        "workspace": {
                            "configuration": self.configuration.is_some(),
                            "workspaceEdit": {
                                "documentChanges": true,
                                "resourceOperations": ["create"]
                            }
                        }
                    }
                }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        resp
    }

    /// Replaces the whole text of `uri` (a full-document change).
    pub async fn change_full(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        )
        .await;
    }

    pub async fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        )
        .await;
    }
}

/// Byte offset of an LSP position counted in UTF-16 code units.
/// The rule codes of a list of diagnostics, in order.
pub fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

pub fn utf16_offset(text: &str, line: u64, character: u64) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i as u64 == line {
            let mut units = 0u64;
            for (b, ch) in l.char_indices() {
                if units >= character || ch == '\n' {
                    return offset + b;
                }
                units += ch.len_utf16() as u64;
            }
            return offset + l.trim_end_matches('\n').len();
        }
        offset += l.len();
    }
    text.len()
}

/// Applies LSP text edits (UTF-16 positions) to `text`.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut resolved: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let start = utf16_offset(
                text,
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
            );
            let end = utf16_offset(
                text,
                r["end"]["line"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            );
            (start, end, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    resolved.sort_by_key(|(s, _, _)| std::cmp::Reverse(*s));
    let mut out = text.to_string();
    for (s, e, t) in resolved {
        out.replace_range(s..e, &t);
    }
    out
}

/// The edits a code action makes to `uri`, from `changes` or `documentChanges`.
pub fn action_edits(action: &Value, uri: &str) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(list) = edit["changes"][uri].as_array() {
        return list.clone();
    }
    edit["documentChanges"]
        .as_array()
        .map(|ops| {
            ops.iter()
                .filter(|op| op["textDocument"]["uri"] == uri)
                .flat_map(|op| op["edits"].as_array().cloned().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}

/// A fake Mufi key: a real JWT shape with a fake signature.
pub fn fake_key(permission: &str) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(format!(
        r#"{{"project":"prj_test","permission":"{permission}","iat":1714000000}}"#
    ));
    format!("{header}.{payload}.dGVzdC1zaWduYXR1cmUtbm90LXJlYWwtMDEyMzQ1Njc4OQ")
}

/// A small deterministic generator (xorshift) for randomized tests.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Runs the mufi-lsp binary with `args` in `cwd`: its exit code, stdout and stderr.
pub fn run(args: &[&str], cwd: &Path) -> (i32, String, String) {
    run_with_stdin(args, cwd, None)
}

/// `run`, with `stdin` written to the binary's standard input.
pub fn run_with_stdin(args: &[&str], cwd: &Path, stdin: Option<&str>) -> (i32, String, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_mufi-lsp"))
        .args(args)
        .current_dir(cwd)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(text.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
