//! Edit-to-diagnostics latency: one keystroke in a large open document, timed from
//! sending `didChange` to receiving `publishDiagnostics` for that version, through the
//! whole server (framing guard, tower-lsp-server, store, incremental reparse, worker),
//! for every language the server parses with a grammar. Beside it, the floor: the same
//! keystrokes on the same text with tree-sitter alone (`Tree::edit` and an incremental
//! `Parser::parse` with the old tree, same grammar), and the ratio of the p95s. Last, the
//! same reparses timed inside the server (`document::time_reparses`: every incremental
//! reparse a keystroke caused, a page's scripts included), and the ratio of the server's
//! p95 to theirs: tree-sitter alone reparses back to back with its tables and the tree
//! in the cache, the server between analyses and replies (see docs/performance.md). First,
//! the harness's own round trip: the same keystrokes answered by a server that does
//! nothing else, which no server measured here can beat.
//!
//! `cargo bench --bench latency` (append language names after `--` to pick some, and
//! `--edits=N` for N keystrokes per file, `--lines=N` for the files of N lines only,
//! `--pause=MS` to wait MS milliseconds between the file's first diagnostics and the
//! first keystroke, `--settle=MS` to wait MS milliseconds after the first keystroke);
//! `cargo test --benches` runs a small version of each.
//!
//! The keystrokes start as soon as the file's first diagnostics arrive, as in an editor
//! that opens a file and types at once. For the first second or so the server compiles
//! the batched query of the file's rules on a thread of its own (`queries::batch`,
//! asked for by the file's first analysis), and meanwhile runs each rule's own query:
//! a run of 200 keystrokes measures mostly that. `--pause=2000`, a user who reads
//! before typing, measures the keystrokes after it.

#[path = "../tests/common/mod.rs"]
mod common;
mod corpus;

use std::time::{Duration, Instant};

use common::TestClient;
use corpus::{Corpus, Keystroke};
use mufi_lsp::language::Language;
use mufi_lsp::server::framing::{read_frame, write_frame, Frame};
use serde_json::json;
use tree_sitter::{InputEdit, Parser, Point};

/// Sorted samples and their percentiles.
struct Samples(Vec<Duration>);

impl Samples {
    fn new(mut samples: Vec<Duration>) -> Samples {
        samples.sort();
        Samples(samples)
    }

    fn pct(&self, p: f64) -> Duration {
        let n = self.0.len();
        self.0[((n as f64 * p) as usize).min(n - 1)]
    }

    fn max(&self) -> Duration {
        self.0.last().copied().unwrap_or_default()
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// How long the typing waits: `pause` between the file's first diagnostics and the
/// first keystroke, `settle` after the first keystroke.
#[derive(Clone, Copy)]
struct Waits {
    pause: Option<Duration>,
    settle: Option<Duration>,
}

/// Times each keystroke through the server, from `didChange` to its diagnostics, and
/// the reparses it caused there.
async fn through_server(
    corpus: &Corpus,
    text: &str,
    keystrokes: &[Keystroke],
    waits: Waits,
) -> (Samples, Samples) {
    let (client_end, server_end) = tokio::io::duplex(1 << 22);
    let (sr, sw) = tokio::io::split(server_end);
    tokio::spawn(mufi_lsp::server::serve(sr, sw));
    let (cr, cw) = tokio::io::split(client_end);
    let mut client = TestClient::new(cr, cw);
    client.initialize(&["utf-16"]).await;
    let uri = format!("file:///bench/{}", corpus.file_name("big"));
    client.open(&uri, corpus.lsp_id, text).await;
    client.diagnostics(&uri, 1).await;
    if let Some(pause) = waits.pause {
        tokio::time::sleep(pause).await;
    }
    let changes = keystrokes.iter().map(|k| {
        let at = json!({"line": k.line, "character": k.utf16});
        json!({"range": {"start": at, "end": at}, "text": k.text})
    });
    mufi_lsp::document::time_reparses(true);
    let samples = type_into(&mut client, &uri, changes, waits.settle).await;
    mufi_lsp::document::time_reparses(false);
    let _ = client.request("shutdown", json!(null)).await;
    client.notify("exit", json!(null)).await;
    samples
}

/// Sends each change as the next version of `uri` and times it until its diagnostics
/// arrive, and takes the time the reparses it caused took (while the server's reparses
/// are timed); with `settle`, waits that long after the first.
async fn type_into<R, W>(
    client: &mut TestClient<R, W>,
    uri: &str,
    changes: impl Iterator<Item = serde_json::Value>,
    settle: Option<Duration>,
) -> (Samples, Samples)
where
    R: tokio::io::AsyncRead + Unpin,
    W: tokio::io::AsyncWrite + Unpin,
{
    let (mut samples, mut reparses) = (Vec::new(), Vec::new());
    mufi_lsp::document::take_reparse_time();
    for (version, change) in (2..).zip(changes) {
        let start = Instant::now();
        client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
            )
            .await;
        client.diagnostics(uri, version).await;
        samples.push(start.elapsed());
        reparses.push(mufi_lsp::document::take_reparse_time());
        client.inbox.clear();
        if let (2, Some(settle)) = (version, settle) {
            tokio::time::sleep(settle).await;
        }
    }
    (Samples::new(samples), Samples::new(reparses))
}

/// The harness's own floor: keystrokes answered by a server that only reads each framed
/// message and answers a `didChange` with empty diagnostics for its version (no
/// document, no parse, no rules), on the same runtime and pipes as `through_server`.
/// No server measured here can go under it.
async fn round_trip_floor(keystrokes: usize) -> Samples {
    let (client_end, server_end) = tokio::io::duplex(1 << 22);
    let (sr, mut sw) = tokio::io::split(server_end);
    tokio::spawn(async move {
        let mut reader = tokio::io::BufReader::new(sr);
        while let Ok(Frame::Body(body)) = read_frame(&mut reader).await {
            let Ok(message) = serde_json::from_slice::<serde_json::Value>(&body) else {
                continue;
            };
            let document = &message["params"]["textDocument"];
            let reply = json!({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
                "params": {"uri": document["uri"], "version": document["version"], "diagnostics": []}});
            if write_frame(&mut sw, reply.to_string().as_bytes())
                .await
                .is_err()
            {
                return;
            }
        }
    });
    let (cr, cw) = tokio::io::split(client_end);
    let mut client = TestClient::new(cr, cw);
    let at = json!({"line": 0, "character": 0});
    let change = json!({"range": {"start": at, "end": at}, "text": "x"});
    type_into(
        &mut client,
        "file:///bench/floor.txt",
        std::iter::repeat_n(change, keystrokes),
        None,
    )
    .await
    .0
}

/// Times tree-sitter alone on the same keystrokes: `Tree::edit` and an incremental
/// reparse with the old tree. `None` for a language without a grammar.
fn reparse_floor(corpus: &Corpus, text: &str, keystrokes: &[Keystroke]) -> Option<Samples> {
    let path = std::path::PathBuf::from(corpus.file_name("/bench/big"));
    let language = Language::for_lsp_id(corpus.lsp_id, Some(&path))?;
    let mut parser = Parser::new();
    parser.set_language(&language.grammar()?).ok()?;
    let mut text = text.to_string();
    let mut tree = parser.parse(&text, None)?;
    let mut samples = Vec::with_capacity(keystrokes.len());
    for k in keystrokes {
        text.insert_str(k.offset, &k.text);
        let at = Point {
            row: k.line,
            column: k.column,
        };
        let edit = InputEdit {
            start_byte: k.offset,
            old_end_byte: k.offset,
            new_end_byte: k.offset + k.text.len(),
            start_position: at,
            old_end_position: at,
            new_end_position: Point {
                row: k.line,
                column: k.column + k.text.len(),
            },
        };
        let start = Instant::now();
        tree.edit(&edit);
        tree = parser.parse(&text, Some(&tree))?;
        samples.push(start.elapsed());
    }
    Some(Samples::new(samples))
}

fn main() {
    // `cargo test --benches` runs benches with `--bench` absent: keep it short.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = !args.iter().any(|a| a == "--bench");
    // `--edits=N`: N keystrokes per size instead of the usual counts, so that a profile
    // (`perf record`) is the keystrokes' and not the first analysis's.
    let edits_override: Option<usize> = args
        .iter()
        .find_map(|a| a.strip_prefix("--edits="))
        .and_then(|n| n.parse().ok());
    // `--lines=N`: files of N lines only (any N: a small file shows what a keystroke
    // costs besides the reparse and the rules).
    let lines_only: Option<usize> = args
        .iter()
        .find_map(|a| a.strip_prefix("--lines="))
        .and_then(|n| n.parse().ok());
    // `--pause=MS`, `--settle=MS`: see the module's comment.
    let millis = |flag: &str| {
        args.iter()
            .find_map(|a| a.strip_prefix(flag))
            .and_then(|n| n.parse().ok())
            .map(Duration::from_millis)
    };
    let waits = Waits {
        pause: millis("--pause="),
        settle: millis("--settle="),
    };
    let only: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let floor = rt.block_on(round_trip_floor(if quick { 20 } else { 1000 }));
    println!(
        "round trip alone (a server that only answers): p50 {:.3} ms, p95 {:.3} ms",
        ms(floor.pct(0.50)),
        ms(floor.pct(0.95))
    );
    println!(
        "{:<12} {:>6} {:>5} | {:>14} {:>8} {:>8} | {:>14} {:>8} | {:>6} | {:>14} {:>8} | {:>6}",
        "language",
        "lines",
        "edits",
        "server p50 ms",
        "p95",
        "max",
        "reparse p50 ms",
        "p95",
        "p95 ×",
        "in server p50",
        "p95",
        "p95 ×"
    );
    for corpus in corpus::ALL {
        if !only.is_empty() && !only.iter().any(|o| *o == corpus.name) {
            continue;
        }
        let sizes: Vec<(usize, usize)> = match (quick, corpus.large, lines_only) {
            (true, _, _) => vec![(200, 3)],
            (false, _, Some(n)) => vec![(n, 200)],
            (false, false, None) => vec![(5_000, 200)],
            (false, true, None) => vec![(5_000, 200), (50_000, 100)],
        };
        for (lines, edits) in sizes {
            let edits = edits_override.unwrap_or(edits);
            let text = corpus.text(lines);
            let keystrokes = corpus::keystrokes(corpus, &text, edits);
            let (server, in_server) =
                rt.block_on(through_server(corpus, &text, &keystrokes, waits));
            let Some(floor) = reparse_floor(corpus, &text, &keystrokes) else {
                println!("{}: no grammar", corpus.name);
                continue;
            };
            // A markup page without scripts is never reparsed: its tree is not read.
            let ratio = |of: &Samples| match of.pct(0.95).as_secs_f64() {
                0.0 => "-".to_string(),
                p95 => format!("{:.2}", server.pct(0.95).as_secs_f64() / p95),
            };
            println!(
                "{:<12} {:>6} {:>5} | {:>14.2} {:>8.2} {:>8.2} | {:>14.2} {:>8.2} | {:>6} | {:>14.2} {:>8.2} | {:>6}",
                corpus.name,
                text.lines().count(),
                edits,
                ms(server.pct(0.50)),
                ms(server.pct(0.95)),
                ms(server.max()),
                ms(floor.pct(0.50)),
                ms(floor.pct(0.95)),
                ratio(&floor),
                ms(in_server.pct(0.50)),
                ms(in_server.pct(0.95)),
                ratio(&in_server),
            );
        }
    }
}
