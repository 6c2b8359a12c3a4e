//! Edit-to-diagnostics latency: a one-line edit to a large open document, timed from
//! sending `didChange` to receiving `publishDiagnostics` for that version, through the
//! whole server (framing guard, tower-lsp-server, store, incremental reparse, worker).
//! Run with `cargo bench --bench latency`; prints p50/p95/max per language and size.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::TestClient;
use serde_json::json;

const JS_BLOCK: &str = r#"import express from "express";
export async function handler__N__(req, res) {
  const base = process.env.MUFI_BASE_URL ?? "https://api.mufi.app";
  const headers = { Authorization: `Bearer ${process.env.MUFI_API_KEY}` };
  const r = await fetch(`${base}/v1/users/profile`, { method: "POST", headers });
  if (!r.ok) { return res.status(502).json({ error: "mufi failed", id: __N__ }); }
  const body = await r.json(); // ünïcödé 🎉
  return res.json({ wallet: body.wallet, docs: "https://docs.mufi.app/users" });
}
"#;

const PY_BLOCK: &str = r#"def handler___N__(request):
    """Fetch a profile; see https://docs.mufi.app for the API."""
    base = os.environ.get("MUFI_BASE_URL", "https://api.mufi.app")
    headers = {"Authorization": f"Bearer {os.environ['MUFI_API_KEY']}"}
    r = requests.post(f"{base}/v1/users/profile", headers=headers, timeout=10)
    if r.status_code != 200:
        raise RuntimeError("mufi failed: %s" % __N__)  # ünïcödé 🎉
    return {"wallet": r.json()["wallet"]}

"#;

fn build(block: &str, header: &str, lines: usize) -> String {
    let mut text = String::from(header);
    let mut n = 0;
    while text.lines().count() < lines {
        text.push_str(&block.replace("__N__", &n.to_string()));
        n += 1;
    }
    text
}

async fn measure(name: &str, uri: &str, language: &str, mut text: String, edits: usize) {
    let (client_end, server_end) = tokio::io::duplex(1 << 22);
    let (sr, sw) = tokio::io::split(server_end);
    tokio::spawn(mufi_lsp::server::serve(sr, sw));
    let (cr, cw) = tokio::io::split(client_end);
    let mut client = TestClient::new(cr, cw);
    client.initialize(&["utf-16"]).await;
    client.open(uri, language, &text).await;
    client.diagnostics(uri, 1).await;
    let lines = text.lines().count() as u64;
    // Typing a statement at the end of a line, one keystroke per sample, on a spread
    // of lines: the file is briefly invalid at one place, as while typing.
    let python = language == "python";
    let typed: &str = if python { "; zq = 1" } else { " let zq = 1;" };
    let suitable = |l: &str| {
        if python {
            l.contains(" = ") && !l.trim_end().ends_with(':')
        } else {
            l.trim_end().ends_with(';')
        }
    };
    let mut samples = Vec::with_capacity(edits);
    let mut version = 1;
    let mut pick = 0u64;
    while samples.len() < edits {
        pick = (pick + 7919) % lines;
        let line = pick;
        if !suitable(text.lines().nth(line as usize).unwrap_or("")) {
            continue;
        }
        for ch in typed.chars() {
            if samples.len() >= edits {
                break;
            }
            version += 1;
            let content = text.lines().nth(line as usize).unwrap_or("");
            let character = content.encode_utf16().count() as u64;
            let insert = ch.to_string();
            let change = json!({"range": {"start": {"line": line, "character": character}, "end": {"line": line, "character": character}}, "text": insert});
            let start = Instant::now();
            client
                .notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
                )
                .await;
            client.diagnostics(uri, version).await;
            samples.push(start.elapsed());
            let at = common::utf16_offset(&text, line, character);
            text.insert_str(at, &insert);
            client.inbox.clear();
        }
    }
    samples.sort();
    let pct = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<28} {lines:>6} lines  p50 {:>7.2} ms  p95 {:>7.2} ms  max {:>7.2} ms  ({edits} edits)",
        ms(pct(0.50)),
        ms(pct(0.95)),
        ms(*samples.last().unwrap())
    );
}

fn main() {
    // `cargo test --benches` runs benches in test mode with `--bench` absent: keep it short.
    let quick = !std::env::args().any(|a| a == "--bench");
    let edits = if quick { 5 } else { 200 };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let js = build(JS_BLOCK, "", 5000);
        measure(
            "typescript 5k",
            "file:///bench/big.ts",
            "typescript",
            js.clone(),
            edits,
        )
        .await;
        measure(
            "javascript 5k",
            "file:///bench/big.js",
            "javascript",
            js,
            edits,
        )
        .await;
        let py = build(PY_BLOCK, "import os\nimport requests\n\n", 5000);
        measure("python 5k", "file:///bench/big.py", "python", py, edits).await;
        if !quick {
            let js50 = build(JS_BLOCK, "", 50_000);
            measure(
                "typescript 50k",
                "file:///bench/huge.ts",
                "typescript",
                js50,
                edits / 4,
            )
            .await;
        }
    });
}
