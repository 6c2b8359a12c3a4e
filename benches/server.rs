//! The server as an editor starts it: the built binary over stdio.
//! - start-up: from spawning the process to the answer to `initialize` (20 runs);
//! - memory: resident size (VmRSS) and its peak (VmHWM) with 200 documents of mixed
//!   languages and typical sizes open, once each has its diagnostics.
//!
//! `cargo bench --bench server`; `cargo test --benches` runs a small version.

#[path = "../tests/common/mod.rs"]
mod common;
mod corpus;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::TestClient;
use serde_json::json;
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

type Client = TestClient<ChildStdout, ChildStdin>;

fn spawn() -> (Child, Client) {
    let bin = env!("CARGO_BIN_EXE_mufi-lsp");
    let mut command = match std::env::var("MUFI_BENCH_WRAP") {
        Ok(wrap) => {
            let mut c = Command::new(wrap);
            c.arg(bin);
            c
        }
        Err(_) => Command::new(bin),
    };
    let mut child = command
        .arg("--stdio")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the mufi-lsp binary starts");
    let stdin = child.stdin.take().expect("piped stdin");
    let stdout = child.stdout.take().expect("piped stdout");
    (child, TestClient::new(stdout, stdin))
}

async fn stop(mut child: Child, mut client: Client) {
    let _ = client.request("shutdown", json!(null)).await;
    client.notify("exit", json!(null)).await;
    let _ = tokio::time::timeout(Duration::from_secs(5), child.wait()).await;
}

/// Spawn to `initialize` answered, as VS Code asks (a workspace folder, utf-16).
async fn startup(root: &str) -> Duration {
    let start = Instant::now();
    let (child, mut client) = spawn();
    let params = json!({
        "processId": std::process::id(),
        "rootUri": root,
        "workspaceFolders": [{"uri": root, "name": "bench"}],
        "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "workspace": {"configuration": true, "workspaceFolders": true},
            "window": {"workDoneProgress": true}
        }
    });
    let answer = client.request("initialize", params).await;
    let elapsed = start.elapsed();
    assert!(answer["result"]["capabilities"].is_object(), "{answer}");
    client.notify("initialized", json!({})).await;
    stop(child, client).await;
    elapsed
}

/// A kilobyte figure from `/proc/<pid>/status` (`VmRSS`, `VmHWM`).
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Opens `docs` documents (languages in turn, 200 to 1,500 lines) and waits for the
/// diagnostics of each; returns VmRSS, VmHWM, RssAnon and RssFile in kB, and the
/// bytes of text opened.
async fn memory(root: &std::path::Path, docs: usize) -> ([u64; 4], usize) {
    let (child, mut client) = spawn();
    let pid = child.id().expect("running");
    let root_uri = format!("file://{}", root.display());
    client.initialize_in(&["utf-16"], Some(&root_uri)).await;
    let mut uris = Vec::with_capacity(docs);
    let mut bytes = 0;
    for i in 0..docs {
        let corpus = &corpus::ALL[i % corpus::ALL.len()];
        let lines = 200 + (i * 7919) % 1301;
        let text = corpus.text(lines);
        bytes += text.len();
        let uri = format!("{root_uri}/src/{}", corpus.file_name(&format!("doc{i}")));
        client.open(&uri, corpus.lsp_id, &text).await;
        uris.push(uri);
    }
    for uri in &uris {
        client.diagnostics(uri, 1).await;
    }
    // The server gives freed memory back once idle, right after its last publication.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let kb = ["VmRSS:", "VmHWM:", "RssAnon:", "RssFile:"].map(|f| status_kb(pid, f).unwrap_or(0));
    stop(child, client).await;
    (kb, bytes)
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let workspace = tempfile::tempdir().expect("a temporary folder");
    let root = workspace.path();
    std::fs::create_dir_all(root.join("src")).expect("src/");
    std::fs::write(root.join("package.json"), "{\"name\": \"bench\"}\n").expect("package.json");
    let root_uri = format!("file://{}", root.display());

    let runs = if quick { 2 } else { 20 };
    let mut times: Vec<Duration> = (0..runs).map(|_| rt.block_on(startup(&root_uri))).collect();
    times.sort();
    println!(
        "start-up to initialize answered: median {:.1} ms, max {:.1} ms ({runs} runs)",
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0
    );

    let docs = if quick { 20 } else { 200 };
    let ([rss, hwm, anon, file], bytes) = rt.block_on(memory(root, docs));
    let mb = |kb: u64| kb as f64 / 1024.0;
    println!(
        "{docs} open documents ({:.1} MB of text): VmRSS {:.1} MB, VmHWM {:.1} MB \
         (RssAnon {:.1} MB, RssFile {:.1} MB)",
        bytes as f64 / 1e6,
        mb(rss),
        mb(hwm),
        mb(anon),
        mb(file)
    );
}
