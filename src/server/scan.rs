//! The workspace scan: every file the workspace's `.gitignore`s allow (and every
//! dotenv file), read from disk and analysed in the background, with `$/progress`
//! and cancellation. Results go through the worker, which drops them for files open
//! in the editor: the editor's text wins over the disk's.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tower_lsp_server::ls_types::notification::Progress;
use tower_lsp_server::ls_types::request::WorkDoneProgressCreate;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::Client;

use crate::document::Document;
use crate::language::Language;

use super::convert;
use super::state::State;

/// Files analysed between two progress reports (and two cancellation checks).
const BATCH: usize = 128;

/// The scan's state: which run is current (a new scan or a cancel ends the older
/// one), and which files have diagnostics from disk, to clear when they are fixed.
#[derive(Default)]
pub struct Scans {
    run: AtomicU64,
    cancelled: AtomicBool,
    with_findings: Mutex<HashSet<Uri>>,
    /// For clients that pull: the latest diagnostics from disk of each file that has
    /// or had findings (empty once fixed, so the client clears them).
    /// Each with a result id (a counter), so that a client re-pulling every few
    /// seconds is told "unchanged" for files that are.
    disk: Mutex<HashMap<Uri, (String, Vec<Diagnostic>)>>,
    results: AtomicU64,
}

impl Scans {
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
    }

    /// The files whose disk diagnostics the scans published and that still have some.
    pub fn with_findings(&self) -> Vec<Uri> {
        self.with_findings
            .lock()
            .map(|set| set.iter().cloned().collect())
            .unwrap_or_default()
    }

    pub fn keep(&self, uri: Uri, diagnostics: Vec<Diagnostic>) {
        let id = format!("disk-{}", self.results.fetch_add(1, Ordering::SeqCst));
        if let Ok(mut disk) = self.disk.lock() {
            disk.insert(uri, (id, diagnostics));
        }
    }

    /// The diagnostics read from disk for one file (none if it has none).
    pub fn on_disk(&self, uri: &Uri) -> Vec<Diagnostic> {
        self.disk
            .lock()
            .ok()
            .and_then(|disk| disk.get(uri).map(|(_, d)| d.clone()))
            .unwrap_or_default()
    }

    /// The workspace report: files from disk that are not open (`open` says), with
    /// their result ids.
    pub fn report(&self, open: impl Fn(&Uri) -> bool) -> Vec<(Uri, String, Vec<Diagnostic>)> {
        let disk = self.disk.lock().map(|d| d.clone()).unwrap_or_default();
        let mut out: Vec<(Uri, String, Vec<Diagnostic>)> = disk
            .into_iter()
            .filter(|(uri, _)| !open(uri))
            .map(|(uri, (id, d))| (uri, id, d))
            .collect();
        out.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        out
    }
}

/// The progress token of a scan run.
fn token(run: u64) -> NumberOrString {
    NumberOrString::String(format!("mufi-lsp/workspace-scan/{run}"))
}

/// Whether `token` is one of ours (`window/workDoneProgress/cancel`).
pub fn is_scan_token(token: &NumberOrString) -> bool {
    matches!(token, NumberOrString::String(s) if s.starts_with("mufi-lsp/workspace-scan/"))
}

/// Scans the workspace folders; with `progress`, shows a cancellable progress bar;
/// with `refresh`, asks a pulling client to pull again when done.
pub async fn run(
    client: Client,
    state: Arc<State>,
    roots: Vec<PathBuf>,
    progress: bool,
    refresh: bool,
) {
    let run = state.scans.run.fetch_add(1, Ordering::SeqCst) + 1;
    state.scans.cancelled.store(false, Ordering::SeqCst);
    let files = {
        let roots = roots.clone();
        tokio::task::spawn_blocking(move || crate::cli::collect_files(&roots).unwrap_or_default())
            .await
            .unwrap_or_default()
    };
    let token = token(run);
    let progress = progress
        && client
            .send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                token: token.clone(),
            })
            .await
            .is_ok();
    let report = |value: WorkDoneProgress| {
        let client = client.clone();
        let token = token.clone();
        async move {
            if progress {
                client
                    .send_notification::<Progress>(ProgressParams {
                        token,
                        value: ProgressParamsValue::WorkDone(value),
                    })
                    .await;
            }
        }
    };
    report(WorkDoneProgress::Begin(WorkDoneProgressBegin {
        title: "mufi-lsp: checking the workspace".into(),
        cancellable: Some(true),
        message: Some(format!("0/{} files", files.len())),
        percentage: Some(0),
    }))
    .await;
    let total = files.len();
    let mut done = 0;
    let mut with_findings = 0;
    let mut stopped = false;
    for batch in files.chunks(BATCH) {
        let current = state.scans.run.load(Ordering::SeqCst) == run;
        if !current || state.scans.cancelled.load(Ordering::SeqCst) {
            stopped = true;
            break;
        }
        let batch = batch.to_vec();
        let scanning = state.clone();
        let found = tokio::task::spawn_blocking(move || {
            batch
                .iter()
                .map(|path| rescan(&scanning, path))
                .sum::<usize>()
        })
        .await
        .unwrap_or(0);
        with_findings += found;
        done += BATCH.min(total - done);
        report(WorkDoneProgress::Report(WorkDoneProgressReport {
            cancellable: Some(true),
            message: Some(format!("{done}/{total} files")),
            percentage: u32::try_from(done * 100 / total.max(1)).ok(),
        }))
        .await;
    }
    let message = if stopped {
        format!("stopped after {done} of {total} files")
    } else {
        format!("{total} files checked, {with_findings} with problems")
    };
    // The scan has ended for the user once what it found is published: the worker
    // publishes it, and may still be at it.
    wait_for_worker(&state).await;
    report(WorkDoneProgress::End(WorkDoneProgressEnd {
        message: Some(message.clone()),
    }))
    .await;
    tracing::info!("workspace scan: {message}");
    if refresh {
        let _ = client.workspace_diagnostic_refresh().await;
    }
}

/// Waits until the worker has taken what the scan queued (a marker job comes back).
async fn wait_for_worker(state: &State) {
    let (done, wait) = tokio::sync::oneshot::channel();
    state.after_queued(done);
    let _ = tokio::time::timeout(std::time::Duration::from_secs(30), wait).await;
}

/// Ends any running scan and withdraws what scans published (scanning was switched
/// off).
pub fn clear(state: &State) {
    state.scans.run.fetch_add(1, Ordering::SeqCst);
    let published: Vec<Uri> = state
        .scans
        .with_findings
        .lock()
        .map(|mut set| set.drain().collect())
        .unwrap_or_default();
    for uri in published {
        state.publish_from_disk(uri, Vec::new());
    }
}

/// Analyses one file from disk and hands its diagnostics to the worker; returns 1
/// when it has findings. A file that is clean now but had findings is cleared.
pub fn rescan(state: &State, path: &Path) -> usize {
    let Ok(uri) = Uri::from_file_path(path).ok_or(()) else {
        return 0;
    };
    if state.is_open(&uri) {
        return 0;
    }
    let diagnostics = disk_diagnostics(state, path);
    let has = !diagnostics.is_empty();
    let had = {
        let mut set = state
            .scans
            .with_findings
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if has {
            !set.insert(uri.clone())
        } else {
            set.remove(&uri)
        }
    };
    if has || had {
        state.publish_from_disk(uri, diagnostics);
    }
    usize::from(has)
}

/// What mufi-lsp finds in the file on disk, as diagnostics (none when it is excluded,
/// gone, binary or too large).
fn disk_diagnostics(state: &State, path: &Path) -> Vec<Diagnostic> {
    let config = state.config_for(Some(path));
    let file = state.model.file_context(path);
    if state.excluded_by(&file, &config).is_some() {
        return Vec::new();
    }
    let Some(language) = Language::for_path(path) else {
        return Vec::new();
    };
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let Ok(text) = crate::cli::readable_text(bytes, &config) else {
        return Vec::new();
    };
    let src = crate::engine::SourceFile {
        text: &text,
        language,
        tree: None,
    };
    let limit = crate::budget::Limit::start(config.time_limit);
    let findings = crate::engine::analyze(&src, &file, &config);
    if limit.stopped() {
        tracing::warn!("{}", crate::cli::out_of_time(path, &config));
    }
    drop(limit);
    if findings.is_empty() {
        return Vec::new();
    }
    let doc = Document::unparsed(&text, 0, language);
    let mut diagnostics = convert::diagnostics(&doc, &findings, state.encoding());
    state.history.annotate(&text, &findings, &mut diagnostics);
    diagnostics
}
