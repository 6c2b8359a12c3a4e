//! The document store and the analysis worker. Edits are applied synchronously, in
//! arrival order, before any `.await`; analysis runs on a blocking thread, or in place
//! when the document's analyses are quick; a result is published only if the document
//! is still at the version it was computed for.

use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::mpsc;
use tower_lsp_server::ls_types::{MessageType, Uri};
use tower_lsp_server::Client;
use tree_sitter::{InputEdit, Tree};

use crate::config::Config;
use crate::config_file::ConfigFiles;
use crate::document::{Change, Document, Encoding};
use crate::engine::{self, SourceFile};
use crate::finding::Finding;
use crate::incremental::{self, FileFacts};
use crate::language::Language;
use crate::layers::{self, Layers};
use crate::project::{FileContext, ProjectModel};

use super::convert;

pub struct OpenDoc {
    pub doc: Document,
    pub path: Option<PathBuf>,
    /// What the file is in its project, read from disk once when it is opened (so the
    /// edit path does no I/O).
    pub file: FileContext,
    /// Its configuration (editor settings and the nearest config file), likewise.
    pub config: Arc<Config>,
    /// The user's `exclude` glob that matches it, if any, likewise.
    pub excluded: Option<String>,
    /// Findings computed for `doc.version`, when they are current.
    pub findings: Option<(i32, Arc<Vec<Finding>>)>,
    /// Raw (unsuppressed) findings and file facts of the last analysed version: the
    /// starting point of incremental re-analysis, paired with `doc.base()`.
    pub raw: Option<(Raw, FileFacts)>,
    /// The same of the last analysed version without a parse error, while the
    /// document keeps its tree (`Document::analysis_base`).
    pub clean_raw: Option<(Raw, FileFacts)>,
    /// Why the file is not analysed (binary, too large), logged once.
    pub skipped: Option<String>,
    /// Whether the user was told that its analysis ran out of time (once per opening).
    pub told_out_of_time: bool,
    /// How long its last analysis took: the next one, if it starts from that one, runs
    /// in place when it was quick (`in_place`).
    pub last_took: Option<Duration>,
    /// The longest reparse of its edits since its last analysis (`in_place`).
    pub reparse_took: Duration,
    /// When the user last opened or changed it (`State::clock`): the documents
    /// touched last keep their trees.
    pub touched: u64,
}

impl OpenDoc {
    /// Drops what the next analysis would start from (both bases' raw findings), so
    /// that it analyses the file from scratch.
    fn forget_analysis(&mut self) {
        self.raw = None;
        self.clean_raw = None;
    }
}

/// A consistent copy of a document for analysis off the lock.
pub struct Snapshot {
    pub version: i32,
    pub text: Arc<String>,
    /// The document's tree; with `stale`, an earlier text's tree edited since
    /// (`Document::edited_tree`), reparsed by the analysis if it reads it.
    pub tree: Option<Tree>,
    pub stale: bool,
    pub language: &'static Language,
    pub file: FileContext,
    /// The last analysed tree (edited since), the edits, and its raw findings and facts.
    pub base: Option<Base>,
    /// The user's `exclude` glob that matches the file: nothing is reported.
    pub excluded: Option<String>,
    /// The settings and project facts it was taken under (`State::generation`).
    pub generation: u64,
    pub config: Arc<Config>,
    /// How long the document's last analysis took.
    pub last_took: Option<Duration>,
    /// The longest reparse of its edits since.
    pub reparse_took: Duration,
}

pub struct Base {
    pub tree: Tree,
    pub edits: Vec<InputEdit>,
    pub raw: Raw,
    pub facts: FileFacts,
}

/// What an analysis leaves for the next one to start from.
#[derive(Clone)]
pub enum Raw {
    /// A plain file's raw (unsuppressed) findings.
    Plain(Arc<Vec<Finding>>),
    /// A file with embedded code: each layer's tree and findings.
    Layered(Arc<Layers>),
}

impl Base {
    /// The base of `doc`'s next analysis (`Document::analysis_base`): its last analysed
    /// tree and edits since with that analysis's raw findings and facts (`last`), or
    /// the same of its last analysis without a parse error (`clean`); `None` when one
    /// of them is missing.
    pub fn of(
        doc: &Document,
        last: Option<&(Raw, FileFacts)>,
        clean: Option<&(Raw, FileFacts)>,
    ) -> Option<Base> {
        let ((tree, edits), (raw, facts)) = match (doc.analysis_base()?, clean) {
            ((clean_base, true), Some(clean)) => (clean_base, clean),
            _ => (doc.base()?, last?),
        };
        Some(Base {
            tree: tree.clone(),
            edits: edits.clone(),
            raw: raw.clone(),
            facts: facts.clone(),
        })
    }
}

/// What one analysis produced: the raw findings and facts to keep for next time, and
/// the findings users see.
pub struct Analysis {
    /// `None` for an excluded file or one too large to analyse.
    pub raw: Option<Raw>,
    pub facts: FileFacts,
    pub findings: Vec<Finding>,
    /// The tree of a snapshot that had none, or whose tree awaited its reparse and
    /// was read.
    pub parsed: Option<Tree>,
    /// Whether a parse or a query gave up at the time limit (`Config::time_limit`):
    /// the findings hold, but some may be missing.
    pub stopped: bool,
}

/// What is open in the editor, by path: uri, text, version.
#[derive(Default)]
pub struct OpenTexts(pub HashMap<PathBuf, (Uri, Arc<String>, i32)>);

pub struct State {
    docs: Mutex<HashMap<Uri, OpenDoc>>,
    pub encoding: RwLock<Encoding>,
    /// The editor's settings layered with the config files, per file.
    pub configs: ConfigFiles,
    /// The workspace folders the client named: `exclude` globs are relative to them.
    pub roots: RwLock<Vec<PathBuf>>,
    pub model: ProjectModel,
    /// Bumped whenever settings or project facts change: an analysis started before
    /// is stale even if the document's version is not.
    generation: std::sync::atomic::AtomicU64,
    /// The workspace scan.
    pub scans: super::scan::Scans,
    /// Keys already in git history (`check --history`), read in the background.
    pub history: super::history::KeyHistory,
    /// The client pulls diagnostics (`textDocument/diagnostic`): nothing is pushed.
    pub pull: std::sync::atomic::AtomicBool,
    /// Counts opens and changes, to order documents by when they were last touched.
    clock: std::sync::atomic::AtomicU64,
    queue: mpsc::UnboundedSender<Job>,
}

/// How many of the documents touched last keep their syntax trees between edits, and
/// how much text they may hold together (the one touched last keeps its tree anyway).
/// A tree takes about 20 times its text in memory; a document without one is parsed
/// from scratch when it is next analysed, and keeps the tree then.
const TREES_KEPT: usize = 8;
const TREE_TEXT_BUDGET: usize = 2 << 20;

/// Work for the worker, the one task that publishes diagnostics: it sees opens,
/// edits and results from disk in order, so a file's disk result can never land
/// after the editor's.
pub enum Job {
    /// Analyse an open document whose text or facts changed; skipped when its
    /// current version was analysed since (a burst of edits queues one job per edit,
    /// and one analysis may already have covered several of them).
    Analyse(Uri),
    /// Analyse an open document and publish again even when its version was
    /// analysed: what is said about its findings changed (history notes, a config
    /// problem), not its text.
    Reanalyse(Uri),
    /// Diagnostics of a file read from disk (the workspace scan): published only if the
    /// file is not open in the editor when the worker gets to it.
    Disk(Uri, Vec<tower_lsp_server::ls_types::Diagnostic>),
    /// Tells the sender that every job queued before it was handled.
    Done(tokio::sync::oneshot::Sender<()>),
}

impl State {
    pub fn new(client: Client) -> Arc<State> {
        let (queue, rx) = mpsc::unbounded_channel();
        let state = Arc::new(State {
            docs: Mutex::new(HashMap::new()),
            encoding: RwLock::new(Encoding::Utf16),
            configs: ConfigFiles::default(),
            roots: RwLock::new(Vec::new()),
            model: ProjectModel::new(),
            generation: std::sync::atomic::AtomicU64::new(0),
            scans: super::scan::Scans::default(),
            history: super::history::KeyHistory::default(),
            pull: std::sync::atomic::AtomicBool::new(false),
            clock: std::sync::atomic::AtomicU64::new(0),
            queue,
        });
        tokio::spawn(worker(Arc::downgrade(&state), client, rx));
        state
    }

    /// The document store. A panic elsewhere while it was held must not take every
    /// document down with it, so a poisoned lock is recovered.
    pub fn docs(&self) -> std::sync::MutexGuard<'_, HashMap<Uri, OpenDoc>> {
        self.docs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding.read().map(|e| *e).unwrap_or(Encoding::Utf16)
    }

    /// The configuration for a file (or, without a path, the editor's alone).
    pub fn config_for(&self, path: Option<&std::path::Path>) -> Arc<Config> {
        self.configs.config_for(path)
    }

    pub fn roots(&self) -> Vec<PathBuf> {
        self.roots.read().map(|r| r.clone()).unwrap_or_default()
    }

    /// The `exclude` glob that keeps this file from being checked, if any; globs are
    /// relative to the workspace folder, else the project or repository holding it.
    /// The one rule for the editor's open files and the workspace scan alike.
    pub fn excluded_by(&self, file: &FileContext, config: &Config) -> Option<String> {
        let path = file.path.as_deref()?;
        let roots = self.roots();
        let mut bases: Vec<&std::path::Path> = roots.iter().map(PathBuf::as_path).collect();
        bases.extend(file.project_root.as_deref());
        bases.extend(file.git.as_ref().and_then(|g| g.repo_root.as_deref()));
        config
            .exclude
            .matches_under(path, &bases)
            .map(str::to_string)
    }

    /// Opens (or reopens) a document and queues its analysis. Returns why it will not
    /// be analysed, when it will not.
    pub fn open(
        &self,
        uri: Uri,
        text: &str,
        version: i32,
        language: &'static Language,
    ) -> Option<String> {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let file = match &path {
            Some(p) => self.model.file_context(p),
            None => FileContext::default(),
        };
        let config = self.config_for(path.as_deref());
        let excluded = self.excluded_by(&file, &config);
        let skipped = too_large(text, &config);
        // Parsed by the worker, off the protocol task.
        let doc = Document::unparsed(if skipped.is_some() { "" } else { text }, version, language);
        if let Some(reason) = &skipped {
            tracing::warn!("not analysing {}: {reason}", uri.as_str());
        }
        let reply = skipped.clone();
        {
            let mut docs = self.docs();
            docs.insert(
                uri.clone(),
                OpenDoc {
                    doc,
                    path,
                    file,
                    config,
                    excluded,
                    findings: None,
                    raw: None,
                    clean_raw: None,
                    skipped,
                    told_out_of_time: false,
                    last_took: None,
                    reparse_took: Duration::ZERO,
                    touched: self.tick(),
                },
            );
        }
        let _ = self.queue.send(Job::Analyse(uri));
        reply
    }

    /// Applies changes if `version` is newer than the document's; stale ones are dropped.
    pub fn change(&self, uri: &Uri, changes: &[Change], version: i32) -> bool {
        let encoding = self.encoding();
        let mut docs = self.docs();
        let Some(open) = docs.get_mut(uri) else {
            return false;
        };
        if version <= open.doc.version {
            tracing::warn!(
                "dropping stale change {version} for {} (at {})",
                uri.as_str(),
                open.doc.version
            );
            return false;
        }
        if open.skipped.is_some() {
            open.doc.version = version;
            return false;
        }
        {
            // The reparse runs here, under the lock: pathological text must not hold
            // it past the limit. A reparse that gives up leaves no tree, and the
            // worker's analysis parses from scratch (and says when it runs out).
            // Markup only edits its tree here; the analysis reparses it if it reads
            // it (`Language::defers_reparse`).
            let _limit = crate::budget::Limit::start(open.config.time_limit);
            let started = Instant::now();
            open.doc.apply_changes(changes, version, encoding);
            open.reparse_took = open.reparse_took.max(started.elapsed());
        }
        open.findings = None;
        open.touched = self.tick();
        drop(docs);
        let _ = self.queue.send(Job::Analyse(uri.clone()));
        true
    }

    /// Reads every open document's project facts again (after the workspace's facts
    /// changed) and analyses each from scratch.
    pub fn refresh_project_facts(&self) {
        let uris: Vec<Uri> = {
            let mut docs = self.docs();
            // Under the store's lock, so that no result computed before can be
            // stored after the reset below.
            self.generation
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            for open in docs.values_mut() {
                if let Some(path) = &open.path {
                    open.file = self.model.file_context(path);
                }
                open.config = self.config_for(open.path.as_deref());
                open.excluded = self.excluded_by(&open.file, &open.config);
                open.forget_analysis();
                open.findings = None;
            }
            docs.keys().cloned().collect()
        };
        for uri in uris {
            let _ = self.queue.send(Job::Analyse(uri));
        }
    }

    /// Queues an open document for analysis again; false when it is not open.
    pub fn requeue(&self, uri: &Uri) -> bool {
        let open = self.docs().contains_key(uri);
        if open {
            let _ = self.queue.send(Job::Reanalyse(uri.clone()));
        }
        open
    }

    /// Hands a file's diagnostics from disk to the worker.
    pub fn publish_from_disk(
        &self,
        uri: Uri,
        diagnostics: Vec<tower_lsp_server::ls_types::Diagnostic>,
    ) {
        let _ = self.queue.send(Job::Disk(uri, diagnostics));
    }

    /// `done` is told once the worker has handled every job queued so far.
    pub fn after_queued(&self, done: tokio::sync::oneshot::Sender<()>) {
        let _ = self.queue.send(Job::Done(done));
    }

    pub fn pulls(&self) -> bool {
        self.pull.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The diagnostics of an open document as they are now (computed if need be),
    /// with the config file's problem if it is one; `None` when it is not open.
    pub fn current_diagnostics(
        &self,
        uri: &Uri,
    ) -> Option<Vec<tower_lsp_server::ls_types::Diagnostic>> {
        let (_, findings) = self.current_findings(uri)?;
        let encoding = self.encoding();
        let docs = self.docs();
        Some(self.diagnostics_of(docs.get(uri)?, &findings, encoding))
    }

    /// An open document's findings as diagnostics; an open config file also shows why
    /// it cannot be used.
    fn diagnostics_of(
        &self,
        open: &OpenDoc,
        findings: &[Finding],
        encoding: Encoding,
    ) -> Vec<tower_lsp_server::ls_types::Diagnostic> {
        let mut diagnostics = convert::diagnostics(&open.doc, findings, encoding);
        self.history
            .annotate(&open.doc.text(), findings, &mut diagnostics);
        let problem = open.path.as_deref().and_then(|p| self.configs.error_of(p));
        diagnostics.extend(problem.iter().map(convert::config_diagnostic));
        diagnostics
    }

    pub fn is_open(&self, uri: &Uri) -> bool {
        self.docs().contains_key(uri)
    }

    pub fn close(&self, uri: &Uri) {
        self.docs().remove(uri);
    }

    /// Whether the document's findings describe its current text, as they do when an
    /// earlier job's analysis took in the edits this job was queued for.
    fn analysed_current(&self, uri: &Uri) -> bool {
        self.docs().get(uri).is_some_and(|open| {
            open.findings
                .as_ref()
                .is_some_and(|(version, _)| *version == open.doc.version)
        })
    }

    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let docs = self.docs();
        let open = docs.get(uri)?;
        if open.skipped.is_some() {
            return None;
        }
        let file = open.file.clone();
        let generation = self.generation();
        let config = open.config.clone();
        let excluded = open.excluded.clone();
        let base = Base::of(&open.doc, open.raw.as_ref(), open.clean_raw.as_ref());
        let (tree, stale) = open.doc.edited_tree();
        Some(Snapshot {
            version: open.doc.version,
            text: open.doc.text(),
            tree: tree.cloned(),
            stale,
            language: open.doc.language,
            file,
            base,
            excluded,
            generation,
            config,
            last_took: open.last_took,
            reparse_took: open.reparse_took,
        })
    }

    fn tick(&self) -> u64 {
        self.clock.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    }

    /// Drops the trees of all but the documents touched last (`TREES_KEPT`).
    fn keep_recent_trees(docs: &mut HashMap<Uri, OpenDoc>) {
        let mut with_trees: Vec<&mut OpenDoc> = docs
            .values_mut()
            .filter(|open| open.doc.has_tree())
            .collect();
        if with_trees.len() <= 1 {
            return;
        }
        with_trees.sort_by_key(|open| std::cmp::Reverse(open.touched));
        let mut text = 0;
        for (kept, open) in with_trees.into_iter().enumerate() {
            text += open.doc.text().len();
            if kept > 0 && (kept >= TREES_KEPT || text > TREE_TEXT_BUDGET) {
                open.doc.drop_tree();
                // The raw findings are the incremental path's, which needs the tree.
                open.forget_analysis();
            }
        }
    }

    fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Findings for the document as it is now: cached when current, else computed.
    pub fn current_findings(&self, uri: &Uri) -> Option<(Snapshot, Arc<Vec<Finding>>)> {
        let snap = self.snapshot(uri)?;
        let cached = {
            let docs = self.docs();
            docs.get(uri).and_then(|open| {
                open.findings
                    .as_ref()
                    .filter(|(v, _)| *v == snap.version)
                    .map(|(_, f)| f.clone())
            })
        };
        let findings = cached.unwrap_or_else(|| Arc::new(analyze(&snap, &snap.config).findings));
        Some((snap, findings))
    }

    /// Runs `f` with the open document, if any.
    pub fn with_doc<T>(&self, uri: &Uri, f: impl FnOnce(&Document) -> T) -> Option<T> {
        self.docs().get(uri).map(|open| f(&open.doc))
    }

    /// The texts of open documents by path, for edits to other files. Taken before a
    /// caller holds the store's lock (it is not re-entrant).
    pub fn open_texts(&self) -> OpenTexts {
        let docs = self.docs();
        OpenTexts(
            docs.iter()
                .filter_map(|(uri, open)| {
                    let path = open.path.clone()?;
                    Some((path, (uri.clone(), open.doc.text(), open.doc.version)))
                })
                .collect(),
        )
    }
}

fn too_large(text: &str, config: &Config) -> Option<String> {
    (text.len() > config.max_file_size).then(|| {
        format!(
            "the file is {} bytes, over the {} byte limit",
            text.len(),
            config.max_file_size
        )
    })
}

/// Analyses a snapshot: incrementally from its base when the file-level facts are
/// unchanged, from scratch otherwise. A snapshot without a tree is parsed here, off
/// the protocol task, and the tree handed back (`Analysis::parsed`).
pub fn analyze(snap: &Snapshot, config: &Config) -> Analysis {
    analyze_within(snap, config, config.time_limit)
}

/// `analyze` under the time limit `limit` rather than the configured one.
fn analyze_within(snap: &Snapshot, config: &Config, limit: Option<Duration>) -> Analysis {
    let limit = crate::budget::Limit::start(limit);
    if snap.stale {
        if let Some(analysis) = in_one_region(snap, config) {
            return Analysis {
                stopped: limit.stopped(),
                ..analysis
            };
        }
    }
    let parsed = match (&snap.tree, snap.stale) {
        (Some(_), false) => None,
        // Incrementally from the edited tree when there is one.
        (edited, _) => crate::document::parse(snap.language, &snap.text, edited.as_ref()),
    };
    let src = SourceFile {
        text: &snap.text,
        language: snap.language,
        tree: parsed
            .as_ref()
            .or(snap.tree.as_ref().filter(|_| !snap.stale)),
    };
    let facts = match &snap.base {
        Some(base) => {
            incremental::file_facts_after(&src, &snap.file, config, &base.facts, &base.edits)
        }
        None => incremental::file_facts(&src, &snap.file, config),
    };
    let (raw, findings) = if snap.excluded.is_some() {
        (Some(Raw::Plain(Arc::default())), Vec::new())
    } else if let Some(regions) = layered_regions_after(&src, snap.base.as_ref()) {
        if src.text.len() > config.max_file_size {
            (None, Vec::new())
        } else {
            let incremental = reanalyze_layers(&src, snap, config, &facts, &regions);
            let (findings, layers) = incremental.unwrap_or_else(|| {
                layers::analyze_regions(&src, &snap.file, config, true, regions)
            });
            (Some(Raw::Layered(Arc::new(layers))), findings)
        }
    } else {
        let incremental = snap.base.as_ref().and_then(|base| match &base.raw {
            // Not layered: `layered_regions` said so above.
            Raw::Plain(raw) if base.facts == facts => incremental::reanalyze(
                &src,
                &snap.file,
                config,
                &facts,
                &base.tree,
                &base.edits,
                raw,
            ),
            _ => None,
        });
        let raw = incremental.unwrap_or_else(|| {
            engine::analyze_rules(&src, &snap.file, config, None, Some(&facts.client_reason))
        });
        let findings = engine::finish_knowing(raw.clone(), &src, config, facts.marker.is_some());
        (Some(Raw::Plain(Arc::new(raw))), findings)
    };
    Analysis {
        raw,
        facts,
        findings,
        parsed,
        stopped: limit.stopped(),
    }
}

/// The analysis of a markup file whose tree awaits its reparse, without reparsing it:
/// when every edit since the last analysis lies inside one script, which keeps the
/// regions where they were, and the markup has nothing to report (`layers::reanalyze`
/// without a host tree). `None` when the tree must be read.
fn in_one_region(snap: &Snapshot, config: &Config) -> Option<Analysis> {
    let base = snap.base.as_ref()?;
    let Raw::Layered(layers) = &base.raw else {
        return None;
    };
    if snap.excluded.is_some() || snap.text.len() > config.max_file_size {
        return None;
    }
    let src = SourceFile {
        text: &snap.text,
        language: snap.language,
        tree: None,
    };
    let regions = layers::regions_after(&src, layers, &base.edits)?;
    // A markup host's facts do not read its tree (`Language::defers_reparse`).
    let facts = incremental::file_facts_after(&src, &snap.file, config, &base.facts, &base.edits);
    let (findings, layers) = reanalyze_layers(&src, snap, config, &facts, &regions)?;
    Some(Analysis {
        raw: Some(Raw::Layered(Arc::new(layers))),
        facts,
        findings,
        parsed: None,
        stopped: false,
    })
}

/// `layers::reanalyze` of `src` from `snap`'s base, when that was a layered analysis
/// and the file's facts are still `facts`.
fn reanalyze_layers(
    src: &SourceFile,
    snap: &Snapshot,
    config: &Config,
    facts: &FileFacts,
    regions: &[crate::language::embed::Region],
) -> Option<(Vec<Finding>, Layers)> {
    let base = snap.base.as_ref()?;
    let Raw::Layered(layers) = &base.raw else {
        return None;
    };
    if base.facts != *facts {
        return None;
    }
    layers::reanalyze(
        src,
        &snap.file,
        config,
        &facts.client_reason,
        layers,
        &base.edits,
        regions,
    )
}

/// The regions of embedded code in `src` when it has any (`engine::layered_regions`):
/// moved from the base's where an edit inside one region keeps them all.
fn layered_regions_after(
    src: &SourceFile,
    base: Option<&Base>,
) -> Option<Vec<crate::language::embed::Region>> {
    let kept = base.and_then(|base| match &base.raw {
        Raw::Layered(layers) => layers::regions_after(src, layers, &base.edits),
        Raw::Plain(_) => None,
    });
    kept.or_else(|| engine::layered_regions(src))
}

/// What the worker keeps of a snapshot once it is analysed.
struct Analysed {
    version: i32,
    generation: u64,
    bytes: usize,
    config: Arc<Config>,
    /// How long the analysis took.
    took: Duration,
}

/// A document whose last analysis took at most this long is analysed again in place,
/// on the worker's own thread, when the new analysis starts from the last one: a
/// keystroke's analysis then costs no hand-over to a blocking thread and back, which
/// is two thread wake-ups (about a tenth of a millisecond here, as much as the whole
/// analysis of a keystroke in a 5,000-line file).
const IN_PLACE_AFTER: Duration = Duration::from_millis(5);

/// How long an analysis in place may hold the worker's thread: one that runs out is
/// done again on a blocking thread under the configured limit.
const IN_PLACE_LIMIT: Duration = Duration::from_millis(20);

/// The time limit of an analysis of `snap` in place, or `None` when it is to run on a
/// blocking thread: it has no tree or nothing to start from (the document was opened,
/// or its facts changed), its last analysis was slow, or so was the reparse of an edit
/// since. A slow reparse is error recovery rebuilding much of the tree (Kotlin's
/// reparse takes 14–36 ms on a few keystrokes of its bench, against 0.3 ms on the
/// rest), and the analysis reads what was rebuilt: in place, it ran out at 20 ms and
/// was done again from the start.
fn in_place(snap: &Snapshot) -> Option<Duration> {
    let quick = snap.last_took.is_some_and(|took| took <= IN_PLACE_AFTER)
        && snap.reparse_took <= IN_PLACE_AFTER;
    (quick && snap.tree.is_some() && snap.base.is_some()).then(|| {
        snap.config
            .time_limit
            .map_or(IN_PLACE_LIMIT, |limit| limit.min(IN_PLACE_LIMIT))
    })
}

/// Analyses `snap` in place when `in_place` gives it a limit and it finishes within
/// it, else on a blocking thread under its configured limit. `None` if that thread
/// failed.
async fn analyse(snap: Snapshot, in_place: Option<Duration>) -> Option<(Analysed, Analysis)> {
    // The snapshot comes back only from an analysis that stopped at its limit, to be
    // done again; otherwise its text is dropped here, not after publishing: a document
    // whose text no analysis holds is edited in place (`Lines::replace`).
    let run = move |snap: Snapshot, limit: Option<Duration>| {
        let started = Instant::now();
        let analysis = analyze_within(&snap, &snap.config, limit);
        let done = Analysed {
            version: snap.version,
            generation: snap.generation,
            bytes: snap.text.len(),
            config: snap.config.clone(),
            took: started.elapsed(),
        };
        let again = (analysis.stopped && snap.config.time_limit != limit).then_some(snap);
        (done, analysis, again)
    };
    let snap = match in_place {
        // A panic must not take the worker down with it, as it would not from a
        // blocking thread.
        Some(limit) => {
            match std::panic::catch_unwind(AssertUnwindSafe(|| run(snap, Some(limit)))) {
                Ok((done, analysis, None)) => return Some((done, analysis)),
                // Stopped short of the configured limit: done again where it may take longer.
                Ok((_, _, Some(snap))) => snap,
                Err(_) => return None,
            }
        }
        None => snap,
    };
    let limit = snap.config.time_limit;
    let (done, analysis, _) = tokio::task::spawn_blocking(move || run(snap, limit))
        .await
        .ok()?;
    Some((done, analysis))
}

/// How much text the worker parses from scratch before it hands free memory back.
const TRIM_AFTER_PARSED: usize = 1 << 20;

/// Analyses queued documents one at a time, coalescing repeated requests, and
/// publishes each result only if the document has not moved on meanwhile; publishes
/// results from disk only for files that are not open.
async fn worker(
    state: std::sync::Weak<State>,
    client: Client,
    mut rx: mpsc::UnboundedReceiver<Job>,
) {
    // Text parsed from scratch since the allocator last gave memory back.
    let mut parsed_since_trim = 0usize;
    while let Some(first) = rx.recv().await {
        let mut pending: Vec<Job> = vec![first];
        while let Ok(more) = rx.try_recv() {
            pending.push(more);
        }
        let forced: HashSet<Uri> = pending
            .iter()
            .filter_map(|job| match job {
                Job::Reanalyse(uri) => Some(uri.clone()),
                _ => None,
            })
            .collect();
        let mut seen = HashSet::new();
        pending.retain(|job| match job {
            Job::Analyse(uri) | Job::Reanalyse(uri) => seen.insert(uri.clone()),
            Job::Disk(..) | Job::Done(_) => true,
        });
        for job in pending {
            let Some(state) = state.upgrade() else { return };
            let uri = match job {
                Job::Analyse(uri) | Job::Reanalyse(uri) => uri,
                Job::Done(done) => {
                    let _ = done.send(());
                    continue;
                }
                Job::Disk(uri, diagnostics) => {
                    // The editor's text wins over the disk's.
                    if state.is_open(&uri) {
                        continue;
                    }
                    if state.pulls() {
                        state.scans.keep(uri, diagnostics);
                    } else {
                        client.publish_diagnostics(uri, diagnostics, None).await;
                    }
                    continue;
                }
            };
            if !forced.contains(&uri) && state.analysed_current(&uri) {
                continue;
            }
            let Some(snap) = state.snapshot(&uri) else {
                continue;
            };
            let limit = in_place(&snap);
            let Some((done, analysis)) = analyse(snap, limit).await else {
                tracing::error!("analysis of {} failed", uri.as_str());
                continue;
            };
            if analysis.parsed.is_some() {
                parsed_since_trim += done.bytes;
            }
            let findings = Arc::new(analysis.findings);
            let encoding = state.encoding();
            let mut out_of_time = None;
            let (diagnostics, retired) = {
                let mut docs = state.docs();
                let Some(open) = docs.get_mut(&uri) else {
                    continue;
                };
                if open.doc.version != done.version || done.generation != state.generation() {
                    // An edit, or new settings or project facts, arrived while we
                    // worked; a fresh analysis is queued.
                    continue;
                }
                open.findings = Some((done.version, findings.clone()));
                open.last_took = Some(done.took);
                open.reparse_took = Duration::ZERO;
                // Findings cut short are no base for the next analysis: it would keep
                // them for the code it does not read again.
                let replaced = std::mem::replace(
                    &mut open.raw,
                    analysis
                        .raw
                        .filter(|_| !analysis.stopped)
                        .map(|raw| (raw, analysis.facts)),
                );
                if analysis.stopped && !std::mem::replace(&mut open.told_out_of_time, true) {
                    let path = open.path.clone().unwrap_or_else(|| uri.as_str().into());
                    out_of_time = Some(crate::cli::out_of_time(&path, &done.config));
                }
                if let (None, Some(tree)) = (open.doc.tree(), analysis.parsed) {
                    open.doc.set_tree(tree);
                }
                let retired = open.doc.reset_base_keeping(replaced, &mut open.clean_raw);
                let diagnostics = state.diagnostics_of(open, &findings, encoding);
                State::keep_recent_trees(&mut docs);
                (diagnostics, retired)
            };
            if let Some(message) = out_of_time {
                tracing::warn!("{message}");
                client.show_message(MessageType::WARNING, message).await;
            }
            // A pulling client asks for them (`textDocument/diagnostic`).
            if !state.pulls() {
                client
                    .publish_diagnostics(uri, diagnostics, Some(done.version))
                    .await;
            }
            // The trees the document let go of are freed once the answer is out, on
            // another thread: a keystroke typed meanwhile need not wait for it.
            tokio::task::spawn_blocking(move || drop(retired));
        }
        if parsed_since_trim >= TRIM_AFTER_PARSED && rx.is_empty() {
            // Idle: the trees of the documents analysed from scratch are gone, but
            // glibc keeps the memory they held in its per-thread arenas.
            parsed_since_trim = 0;
            tokio::task::spawn_blocking(super::memory::release_free);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Pos;
    use crate::language::LanguageId;

    /// A JavaScript file with a problem per function, analysed once, then edited by a
    /// keystroke in its first function: the snapshot of its second analysis, which
    /// starts from the first, and the findings of a fresh analysis of the same text.
    /// The functions are long enough for a query over one to check the time.
    fn snapshot_after_a_keystroke(last_took: Duration) -> (Snapshot, Vec<Finding>) {
        let language = Language::get(LanguageId::JavaScript);
        let mut text = String::new();
        for n in 0..50 {
            text.push_str(&format!("function f{n}(a) {{\n"));
            for i in 0..40 {
                text.push_str(&format!("  const b{i} = a + {i};\n"));
            }
            text.push_str(&format!(
                "  return fetch(\"http://api.mufi.app/v1/{n}\", {{ body: b0 }});\n}}\n"
            ));
        }
        let mut doc = Document::new(&text, 1, language);
        let config = Arc::new(Config::default());
        // What the worker takes of `doc` (`State::snapshot`), with no base.
        let take = |doc: &Document| Snapshot {
            version: doc.version,
            text: doc.text(),
            tree: doc.tree().cloned(),
            stale: false,
            language,
            file: FileContext::default(),
            base: None,
            excluded: None,
            generation: 0,
            config: config.clone(),
            last_took: None,
            reparse_took: Duration::ZERO,
        };
        let first = analyze(&take(&doc), &config);
        assert!(
            !first.stopped && first.findings.len() >= 50,
            "{}",
            first.findings.len()
        );
        doc.reset_base();
        // `const b4` becomes `const bx4`.
        let at = Pos {
            line: 5,
            character: 9,
        };
        let change = Change {
            range: Some((at, at)),
            text: "x".into(),
        };
        doc.apply_changes(&[change], 2, Encoding::Utf16);
        let fresh = analyze(&take(&doc), &config);
        let snap = Snapshot {
            base: Base::of(&doc, first.raw.map(|raw| (raw, first.facts)).as_ref(), None),
            last_took: Some(last_took),
            ..take(&doc)
        };
        assert!(snap.base.is_some());
        (snap, fresh.findings)
    }

    #[test]
    fn a_keystroke_after_a_quick_analysis_is_analysed_in_place() {
        let (snap, _) = snapshot_after_a_keystroke(Duration::from_millis(1));
        assert_eq!(in_place(&snap), Some(IN_PLACE_LIMIT));
        // A configured limit below the one in place is kept.
        let tight = Config {
            time_limit: Some(Duration::from_millis(3)),
            ..Config::default()
        };
        let snap = Snapshot {
            config: Arc::new(tight),
            ..snap
        };
        assert_eq!(in_place(&snap), Some(Duration::from_millis(3)));
        // After a slow reparse: on a blocking thread.
        assert_eq!(
            in_place(&Snapshot {
                reparse_took: IN_PLACE_AFTER * 2,
                ..snap
            }),
            None
        );
        // Slow last time, or nothing to start from: on a blocking thread.
        let (snap, _) = snapshot_after_a_keystroke(IN_PLACE_AFTER * 2);
        assert_eq!(in_place(&snap), None);
        let snap = Snapshot { base: None, ..snap };
        assert_eq!(
            in_place(&Snapshot {
                last_took: Some(Duration::ZERO),
                ..snap
            }),
            None
        );
    }

    /// An analysis in place that runs out of its short limit is done again under the
    /// configured one: what is published is never cut short by the first attempt.
    #[tokio::test]
    async fn an_analysis_in_place_that_runs_out_is_done_again_whole() {
        let (snap, fresh) = snapshot_after_a_keystroke(Duration::ZERO);
        let config = snap.config.clone();
        assert!(
            analyze_within(&snap, &config, Some(Duration::ZERO)).stopped,
            "the keystroke's analysis does not reach a time check: the test proves nothing"
        );
        let (done, analysis) = analyse(snap, Some(Duration::ZERO)).await.expect("analysed");
        assert!(!analysis.stopped);
        assert_eq!(done.version, 2);
        let summary = |f: &[Finding]| -> Vec<(Range, &'static str)> {
            f.iter().map(|f| (f.range.clone(), f.rule.code())).collect()
        };
        assert_eq!(summary(&analysis.findings), summary(&fresh));
    }

    type Range = std::ops::Range<usize>;
}
