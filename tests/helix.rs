//! The Helix integration, `editors/helix/languages.toml`: it names only languages and
//! servers Helix defines (the lists in `editors/helix/known-*.txt`, taken from Helix's
//! own languages.toml), adds mufi-lsp once to each language's servers, covers every
//! language mufi-lsp supports, and its server entry starts this binary with settings it
//! accepts and that still flag a plain-HTTP Mufi URL.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mufi_lsp::language::{registry, Language};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_mufi-lsp");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SERVER: &str = "mufi-lsp";

/// Every language mufi-lsp supports, as Helix names it: (mufi-lsp's name for it, the
/// Helix language `name`, the languageId Helix sends for it — its `language-id` where
/// Helix sets one, else the name — and a file Helix gives that language).
const SUPPORTED: &[(&str, &str, &str, &str)] = &[
    ("JavaScript", "javascript", "javascript", "app.js"),
    ("JavaScript", "jsx", "javascriptreact", "App.jsx"),
    ("TypeScript", "typescript", "typescript", "app.ts"),
    ("TSX", "tsx", "typescriptreact", "App.tsx"),
    ("Python", "python", "python", "app.py"),
    ("Go", "go", "go", "main.go"),
    ("Rust", "rust", "rust", "main.rs"),
    ("Java", "java", "java", "App.java"),
    ("Kotlin", "kotlin", "kotlin", "App.kt"),
    ("C#", "c-sharp", "c-sharp", "App.cs"),
    ("Ruby", "ruby", "ruby", "app.rb"),
    ("PHP", "php", "php", "index.php"),
    ("Swift", "swift", "swift", "App.swift"),
    ("Dart", "dart", "dart", "main.dart"),
    ("HTML", "html", "html", "index.html"),
    ("Vue", "vue", "vue", "App.vue"),
    ("Svelte", "svelte", "svelte", "App.svelte"),
    ("Shell", "bash", "bash", "deploy.sh"),
    ("Dockerfile", "dockerfile", "dockerfile", "Dockerfile"),
    (
        "YAML",
        "docker-compose",
        "docker-compose",
        "docker-compose.yml",
    ),
    ("YAML", "yaml", "yaml", "config.yaml"),
    ("JSON", "json", "json", "package.json"),
    ("JSON", "jsonc", "jsonc", "tsconfig.jsonc"),
    ("JSON", "json5", "json5", "settings.json5"),
    ("TOML", "toml", "toml", "config.toml"),
    ("dotenv", "env", "env", ".env"),
];

fn helix_dir() -> PathBuf {
    Path::new(ROOT).join("editors").join("helix")
}

/// `editors/helix/languages.toml`, parsed.
fn shipped() -> toml::Table {
    let path = helix_dir().join("languages.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    toml::from_str::<toml::Table>(&text)
        .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()))
}

/// The names in one of the `known-*.txt` lists (comments and blank lines skipped).
fn known(file: &str) -> BTreeSet<String> {
    let path = helix_dir().join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let names: BTreeSet<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    assert!(names.len() > 50, "{} looks truncated", path.display());
    names
}

/// The `[[language]]` entries.
fn languages(file: &toml::Table) -> &[toml::Value] {
    file.get("language")
        .and_then(toml::Value::as_array)
        .expect("languages.toml has [[language]] entries")
}

fn language_name(entry: &toml::Value) -> &str {
    entry
        .get("name")
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("a [[language]] without a string `name`: {entry}"))
}

/// The server names of one `[[language]]`: each element of `language-servers` is a
/// name or a table `{ name = "…", only-features/except-features = […] }`.
fn server_names(entry: &toml::Value) -> Vec<String> {
    let name = language_name(entry);
    let servers = entry
        .get("language-servers")
        .and_then(toml::Value::as_array)
        .unwrap_or_else(|| panic!("language {name:?} has no `language-servers` array"));
    servers
        .iter()
        .map(|server| {
            server
                .as_str()
                .or_else(|| server.get("name").and_then(toml::Value::as_str))
                .unwrap_or_else(|| panic!("language {name:?}: a server without a name: {server}"))
                .to_string()
        })
        .collect()
}

/// `[language-server.mufi-lsp]`.
fn server_entry(file: &toml::Table) -> &toml::Table {
    file.get("language-server")
        .and_then(|s| s.get(SERVER))
        .and_then(toml::Value::as_table)
        .expect("languages.toml defines [language-server.mufi-lsp]")
}

#[test]
fn every_language_is_one_helix_defines_and_appears_once() {
    let file = shipped();
    let helix = known("known-languages.txt");
    let mut seen = BTreeSet::new();
    for entry in languages(&file) {
        let name = language_name(entry);
        assert!(
            helix.contains(name),
            "[[language]] {name:?} is not a Helix language (editors/helix/known-languages.txt)"
        );
        assert!(seen.insert(name), "[[language]] {name:?} appears twice");
    }
}

#[test]
fn every_language_keeps_its_helix_servers_and_adds_mufi_lsp_last_and_once() {
    let file = shipped();
    let helix = known("known-language-servers.txt");
    let defined: BTreeSet<&str> = file
        .get("language-server")
        .and_then(toml::Value::as_table)
        .map(|t| t.keys().map(String::as_str).collect())
        .unwrap_or_default();
    for entry in languages(&file) {
        let name = language_name(entry);
        let servers = server_names(entry);
        assert_eq!(
            servers.last().map(String::as_str),
            Some(SERVER),
            "language {name:?}: mufi-lsp should end the list: {servers:?}"
        );
        assert_eq!(
            servers.iter().filter(|s| *s == SERVER).count(),
            1,
            "language {name:?}: mufi-lsp should be listed once: {servers:?}"
        );
        for server in &servers[..servers.len() - 1] {
            assert!(
                helix.contains(server) || defined.contains(server.as_str()),
                "language {name:?}: server {server:?} is neither a Helix server \
                 (editors/helix/known-language-servers.txt) nor defined in the file"
            );
        }
    }
    let command = server_entry(&file)
        .get("command")
        .and_then(toml::Value::as_str);
    assert_eq!(command, Some(SERVER), "[language-server.mufi-lsp] command");
}

#[test]
fn every_supported_language_is_covered() {
    let file = shipped();
    let listed: BTreeSet<&str> = languages(&file).iter().map(language_name).collect();
    for (ours, helix, _, _) in SUPPORTED {
        assert!(
            listed.contains(helix),
            "{ours} (Helix language {helix:?}) has no [[language]] entry"
        );
    }
    // A language added to mufi-lsp needs a line in SUPPORTED, and an entry in the file.
    for language in registry() {
        assert!(
            SUPPORTED.iter().any(|(ours, ..)| *ours == language.name),
            "mufi-lsp supports {}, but no Helix language is mapped to it here",
            language.name
        );
    }
}

#[test]
fn the_language_ids_helix_sends_reach_the_right_language() {
    let dir = Path::new("/project");
    for (ours, helix, language_id, file) in SUPPORTED {
        let path = dir.join(file);
        let found = Language::for_lsp_id(language_id, Some(path.as_path())).map(|l| l.name);
        assert_eq!(
            found,
            Some(*ours),
            "Helix language {helix:?} opens {file} with languageId {language_id:?}"
        );
    }
}

#[test]
fn the_configured_command_starts_answers_initialize_and_flags_plain_http() {
    let file = shipped();
    let entry = server_entry(&file);
    let command = entry.get("command").and_then(toml::Value::as_str);
    assert_eq!(command, Some(SERVER), "[language-server.mufi-lsp] command");
    let args: Vec<String> = match entry.get("args") {
        None => Vec::new(),
        Some(args) => args
            .as_array()
            .expect("`args` is an array")
            .iter()
            .map(|a| a.as_str().expect("each of `args` is a string").to_string())
            .collect(),
    };
    let config = match entry.get("config") {
        Some(config) => serde_json::to_value(config).expect("the config table converts to JSON"),
        None => Value::Null,
    };

    let project = tempfile::tempdir().expect("a temporary folder");
    let source = "const BASE = \"http://api.mufi.app/v1\";\n";
    let path = project.path().join("a.ts");
    std::fs::write(&path, source).expect("a.ts is written");
    let root_uri = file_uri(project.path());
    let uri = file_uri(&path);

    let mut server = Server::start(&args, project.path(), config.clone());
    let answer = server.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "clientInfo": {"name": "helix", "version": "test"},
            "rootUri": root_uri,
            "workspaceFolders": [{"uri": root_uri, "name": "project"}],
            "initializationOptions": config,
            "capabilities": {
                "general": {"positionEncodings": ["utf-8", "utf-32", "utf-16"]},
                "workspace": {
                    "configuration": true,
                    "workspaceFolders": true,
                    "workspaceEdit": {"documentChanges": true},
                },
                "textDocument": {
                    "publishDiagnostics": {"versionSupport": true},
                    "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                        "valueSet": ["", "quickfix", "source", "source.fixAll"],
                    }}},
                },
                "window": {"workDoneProgress": true},
            },
        }),
    );
    let capabilities = &answer["result"]["capabilities"];
    assert!(
        capabilities.is_object(),
        "initialize answered without capabilities: {answer}"
    );
    for capability in ["textDocumentSync", "codeActionProvider"] {
        assert!(
            !capabilities[capability].is_null(),
            "the server does not announce {capability}: {capabilities}"
        );
    }

    server.notify("initialized", json!({}));
    // Helix sends the config table again once the server is initialized.
    if !config.is_null() {
        server.notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": config }),
        );
    }
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {
            "uri": uri, "languageId": "typescript", "version": 1, "text": source,
        }}),
    );
    let published = server.wait_for("diagnostics with MUFI003 for a.ts", |message| {
        message["method"] == "textDocument/publishDiagnostics"
            && message["params"]["uri"] == uri.as_str()
            && message["params"]["diagnostics"]
                .as_array()
                .is_some_and(|all| all.iter().any(|d| d["code"] == "MUFI003"))
    });
    let diagnostic = published["params"]["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|d| d["code"] == "MUFI003"))
        .expect("the MUFI003 diagnostic");
    assert_eq!(
        diagnostic["range"]["start"]["line"], 0,
        "MUFI003 is on the URL's line: {diagnostic}"
    );

    server.request("shutdown", Value::Null);
    server.notify("exit", Value::Null);
    let status = server.wait_exit();
    assert!(status.success(), "the server exited with {status}");

    // An invalid config table is shown as an error, an unknown field as a warning.
    let complaints: Vec<&Value> = server
        .seen
        .iter()
        .filter(|m| {
            m["method"] == "window/showMessage"
                && m["params"]["type"].as_i64().is_some_and(|t| t <= 2)
        })
        .collect();
    assert!(
        complaints.is_empty(),
        "the server showed errors or warnings (is the config table valid?): {complaints:?}"
    );
}

/// How long the whole session may take before the test fails.
const SESSION: Duration = Duration::from_secs(20);

fn file_uri(path: &Path) -> String {
    let path = path.to_str().expect("temporary paths are UTF-8");
    assert!(path.starts_with('/'), "an absolute path: {path}");
    // Temporary folder names use letters, digits, `.`, `_` and `-`: nothing to escape.
    format!("file://{path}")
}

/// The server under test, spoken to as Helix would over stdio. Dropping it kills the
/// process, so a failing assertion does not leave it running.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    /// Messages from the server, parsed by a reader thread.
    messages: Receiver<Value>,
    /// The server's stderr, collected for failure messages.
    stderr: Arc<Mutex<String>>,
    /// What `workspace/configuration` is answered from: the `config` table.
    config: Value,
    /// Every message received so far.
    seen: Vec<Value>,
    next_id: i64,
    deadline: Instant,
}

impl Server {
    fn start(args: &[String], dir: &Path, config: Value) -> Server {
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {BIN}: {e}"));
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().expect("stderr is piped");
        let collected = stderr.clone();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                if let Ok(mut text) = collected.lock() {
                    text.push_str(&String::from_utf8_lossy(&buffer[..n]));
                }
            }
        });
        Server {
            stdin: child.stdin.take(),
            child,
            messages,
            stderr,
            config,
            seen: Vec::new(),
            next_id: 1,
            deadline: Instant::now() + SESSION,
        }
    }

    fn send(&mut self, message: Value) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        write_message(stdin, &message)
            .unwrap_or_else(|e| panic!("cannot write to the server ({e}): {message}"));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(lsp_message(None, method, params));
    }

    /// Sends a request and returns the server's response to it.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(lsp_message(Some(id), method, params));
        let what = format!("the answer to {method}");
        let answer = self.wait_for(&what, |m| m["id"] == id && m.get("method").is_none());
        assert!(answer.get("error").is_none(), "{method} failed: {answer}");
        answer
    }

    /// Reads messages until one satisfies `wanted`, answering the server's own requests
    /// on the way as Helix does. Fails at the session's deadline.
    fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let left = self.deadline.saturating_duration_since(Instant::now());
            let message = match self.messages.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    self.fail(&format!("no {what} within {}s", SESSION.as_secs()))
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.fail(&format!("the server closed its output before {what}"))
                }
            };
            self.seen.push(message.clone());
            if message.get("id").is_some() && message.get("method").is_some() {
                let result = self.answer(&message);
                let id = message["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
            }
            if wanted(&message) {
                return message;
            }
        }
    }

    /// Helix's answer to a request from the server: the config table (or the part the
    /// item's dotted `section` names, `null` when absent) for `workspace/configuration`,
    /// `null` for everything else (`window/workDoneProgress/create`,
    /// `client/registerCapability`, …).
    fn answer(&self, request: &Value) -> Value {
        if request["method"] != "workspace/configuration" {
            return Value::Null;
        }
        let items = request["params"]["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let values: Vec<Value> = items
            .iter()
            .map(|item| match item["section"].as_str() {
                Some(section) if !section.is_empty() => section
                    .split('.')
                    .try_fold(&self.config, |value, part| value.get(part))
                    .cloned()
                    .unwrap_or(Value::Null),
                _ => self.config.clone(),
            })
            .collect();
        Value::Array(values)
    }

    /// Closes stdin and waits for the process to end, killing it at the deadline; then
    /// keeps what the server wrote last in `seen`.
    fn wait_exit(&mut self) -> std::process::ExitStatus {
        drop(self.stdin.take());
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    while let Ok(message) = self.messages.recv_timeout(Duration::from_secs(2)) {
                        self.seen.push(message);
                    }
                    return status;
                }
                Ok(None) if Instant::now() < self.deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Ok(None) => self.fail("the server did not exit after shutdown and exit"),
                Err(e) => self.fail(&format!("cannot wait for the server: {e}")),
            }
        }
    }

    fn fail(&mut self, why: &str) -> ! {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Give the stderr thread a moment to collect the last lines.
        std::thread::sleep(Duration::from_millis(100));
        let stderr = self.stderr.lock().map(|s| s.clone()).unwrap_or_default();
        let methods: Vec<&str> = self
            .seen
            .iter()
            .map(|m| m["method"].as_str().unwrap_or("(response)"))
            .collect();
        panic!("{why}\nmessages received: {methods:?}\nserver stderr:\n{stderr}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A request (with an id) or a notification; `null` params are left out, as Helix does.
fn lsp_message(id: Option<i64>, method: &str, params: Value) -> Value {
    let mut message = json!({"jsonrpc": "2.0", "method": method});
    if let Some(id) = id {
        message["id"] = json!(id);
    }
    if !params.is_null() {
        message["params"] = params;
    }
    message
}

/// Writes one message with its `Content-Length` header.
fn write_message(out: &mut impl Write, message: &Value) -> std::io::Result<()> {
    let body = message.to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

/// Reads one message: headers up to a blank line, then `Content-Length` bytes of JSON.
/// `None` at the end of the stream; a malformed message panics (on the reader thread,
/// which the test then sees as the stream ending).
fn read_message(input: &mut impl BufRead) -> Option<Value> {
    let mut headers: HashMap<String, String> = HashMap::new();
    loop {
        let mut line = String::new();
        if input.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("a header line without `:`: {line:?}"));
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("a message without a valid Content-Length: {headers:?}"));
    let mut body = vec![0u8; length];
    input.read_exact(&mut body).ok()?;
    Some(
        serde_json::from_slice(&body)
            .unwrap_or_else(|e| panic!("a body that is not JSON ({e}): {body:?}")),
    )
}
