//! The LanguageServer implementation. Handlers are thin: they update the store
//! synchronously, then hand work to the store's worker or a blocking task.

use std::sync::{Arc, OnceLock};

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::document::{Change, Encoding, Pos};
use crate::engine;
use crate::finding::Fix;
use crate::language::Language;
use crate::settings::Settings;

use super::convert;
use super::file_edits::{self, EditCaps};
use super::state::State;

/// The code action kind of fix-all.
pub const FIX_ALL_KIND: &str = "source.fixAll.mufi";

pub struct Backend {
    client: Client,
    state: Arc<State>,
    caps: OnceLock<EditCaps>,
    /// Whether the client answers `workspace/configuration`.
    pulls_configuration: OnceLock<bool>,
    /// Whether the client can be asked to watch files (dynamic registration).
    watches_files: OnceLock<bool>,
    /// Whether the client shows server-initiated progress.
    shows_progress: OnceLock<bool>,
    /// Whether the client can be told to pull diagnostics again.
    refreshes_diagnostics: OnceLock<bool>,
    /// A problem with the `initializationOptions`, shown once the client is ready.
    init_settings_problem: std::sync::Mutex<Option<(MessageType, String)>>,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend {
            state: State::new(client.clone()),
            client,
            caps: OnceLock::new(),
            pulls_configuration: OnceLock::new(),
            watches_files: OnceLock::new(),
            shows_progress: OnceLock::new(),
            refreshes_diagnostics: OnceLock::new(),
            init_settings_problem: std::sync::Mutex::new(None),
        }
    }

    /// Replaces the editor's settings. A bad value is shown to the user and the last
    /// good settings stay in force; unknown fields (typos, most likely) are named.
    /// Returns a message for the user, if any.
    fn apply_settings(&self, value: &serde_json::Value) -> Option<(MessageType, String)> {
        let parsed = match Settings::from_json(value) {
            Ok(p) => p,
            Err(e) => return Some((MessageType::ERROR, rejected(&e))),
        };
        if let Err(e) = parsed.settings.to_config() {
            return Some((MessageType::ERROR, rejected(&e)));
        }
        self.state.configs.set_base(parsed.settings);
        self.state.refresh_project_facts();
        (!parsed.unknown.is_empty()).then(|| {
            (
                MessageType::WARNING,
                format!(
                    "mufi-lsp: ignoring unknown settings: {} (known: rules, exclude, clientSide, \
                     serverSide, allowedHttpHosts, extraKeyNames, maxFileSize, scanWorkspace, \
                     configurationPreference)",
                    parsed.unknown.join(", ")
                ),
            )
        })
    }

    /// New editor settings, pushed or pulled: applied, any problem shown, and what
    /// depends on them (config problems, pulled and scanned diagnostics) renewed.
    async fn settings_changed(&self, value: &serde_json::Value) {
        let message = self.apply_settings(value);
        self.show(message).await;
        self.report_config_changes().await;
        self.refresh_pulled();
        self.start_scan();
    }

    /// Tells the user about config files whose problem appeared or went away: a
    /// message, and a diagnostic on the file (through the worker when it is open, so
    /// its own findings are kept).
    async fn report_config_changes(&self) {
        for (path, error) in self.state.configs.take_changes() {
            let Ok(uri) = Uri::from_file_path(&path).ok_or(()) else {
                continue;
            };
            if let Some(e) = &error {
                let text = format!("mufi-lsp: {e} (the last good settings stay in force)");
                self.show(Some((MessageType::ERROR, text))).await;
            }
            if self.state.requeue(&uri) {
                continue;
            }
            let diagnostics = error.iter().map(convert::config_diagnostic).collect();
            self.client
                .publish_diagnostics(uri, diagnostics, None)
                .await;
        }
    }

    /// After a file changed on disk or was saved: forget what depended on it, analyse
    /// again what is open, and report config problems.
    async fn file_changed(&self, path: &std::path::Path) {
        let config = crate::config_file::is_config_file(path);
        let project = crate::project::is_project_file(path);
        if !config && !project {
            return;
        }
        if config {
            self.state.configs.invalidate(Some(path));
        }
        if project {
            self.state.model.invalidate();
        }
        self.state.refresh_project_facts();
        self.report_config_changes().await;
        self.refresh_pulled();
        // What every file on disk is may have changed too.
        self.start_scan();
    }

    /// A file changed on disk outside the editor: analyse it again if the workspace
    /// is scanned (the worker drops the result if the file is open).
    fn source_changed(&self, path: &std::path::Path) {
        if Language::for_path(path).is_none() {
            return;
        }
        let Some(roots) = self.scanning() else {
            return;
        };
        if !roots.iter().any(|r| path.starts_with(r)) {
            return;
        }
        let state = self.state.clone();
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || super::scan::rescan(&state, &path));
    }

    /// Asks the client to report changes to the files that change what others are:
    /// config files, `.gitignore`s and the project manifests. Off the protocol task:
    /// the client answers in its own time.
    fn watch_files(&self) {
        const GLOBS: &[&str] = &[
            "**/mufi-lsp.toml",
            "**/.mufi-lsp.toml",
            "**/pyproject.toml",
            "**/.gitignore",
            "**/package.json",
            "**/{pubspec.yaml,Package.swift,build.gradle,build.gradle.kts}",
        ];
        let mut globs: Vec<String> = GLOBS.iter().map(|g| (*g).to_string()).collect();
        if self.scanning().is_some() {
            // Source files too, to keep the scan's results current.
            let mut extensions: Vec<&str> = crate::language::registry()
                .iter()
                .flat_map(|l| l.extensions.iter().copied())
                .collect();
            extensions.sort_unstable();
            extensions.dedup();
            globs.push(format!("**/*.{{{}}}", extensions.join(",")));
            globs.push("**/.env*".into());
        }
        let watchers: Vec<FileSystemWatcher> = globs
            .into_iter()
            .map(|g| FileSystemWatcher {
                glob_pattern: GlobPattern::String(g),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "mufi-lsp-watched-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(e) = client.register_capability(vec![registration]).await {
                tracing::warn!("the client would not watch files: {e}");
            }
        });
    }

    /// The user cancelled a progress the server started: the workspace scan stops
    /// at its next batch.
    pub async fn work_done_progress_cancel(&self, params: WorkDoneProgressCancelParams) {
        if super::scan::is_scan_token(&params.token) {
            self.state.scans.cancel();
        }
    }

    /// Whether the workspace is to be scanned: there is one, and its settings allow.
    fn scanning(&self) -> Option<Vec<std::path::PathBuf>> {
        scan_roots(&self.state)
    }

    /// Starts a workspace scan (ending any older one), or, when scanning is off,
    /// clears what earlier scans published.
    fn start_scan(&self) {
        self.scan_launcher().start();
    }

    /// What starting a scan needs, for a task that starts one later.
    fn scan_launcher(&self) -> ScanLauncher {
        ScanLauncher {
            client: self.client.clone(),
            state: self.state.clone(),
            progress: self.shows_progress.get() == Some(&true),
            refresh: self.refreshes_diagnostics.get() == Some(&true),
        }
    }

    /// Learns which Mufi endpoints the workspace calls (MUFI009), then scans it. In this
    /// order, in one task: the scan reads every file too, and a file it analysed before
    /// the endpoints were known (a `.env` holding a write key) would keep a result
    /// without the hint, since nothing scans it again when they arrive.
    fn learn_workspace_then_scan(&self) {
        let roots = self.state.roots();
        if roots.is_empty() {
            self.start_scan();
            return;
        }
        let state = self.state.clone();
        let scan = self.scan_launcher();
        tokio::spawn(async move {
            // Off the protocol task: it reads the whole workspace.
            let learned = tokio::task::spawn_blocking(move || {
                let facts = crate::cli::workspace_facts(&roots, &state.config_for(None));
                state.model.set_workspace(facts);
                // Open documents are analysed again with them.
                state.refresh_project_facts();
            })
            .await;
            if learned.is_err() {
                tracing::error!("reading the workspace's Mufi endpoints failed");
            }
            scan.start();
        });
    }

    /// Asks a pulling client to pull again: what the files are has changed.
    fn refresh_pulled(&self) {
        refresh_pulled(
            &self.client,
            &self.state,
            self.refreshes_diagnostics.get() == Some(&true),
        );
    }

    async fn show(&self, message: Option<(MessageType, String)>) {
        if let Some((kind, text)) = message {
            self.client.log_message(kind, &text).await;
            self.client.show_message(kind, text).await;
        }
    }

    fn caps(&self) -> EditCaps {
        self.caps.get().copied().unwrap_or_default()
    }
}

/// Starts a workspace scan from any task (see `Backend::start_scan`).
struct ScanLauncher {
    client: Client,
    state: Arc<State>,
    progress: bool,
    refresh: bool,
}

impl ScanLauncher {
    fn start(self) {
        match scan_roots(&self.state) {
            Some(roots) => {
                tokio::spawn(super::scan::run(
                    self.client,
                    self.state,
                    roots,
                    self.progress,
                    self.refresh,
                ));
            }
            None => {
                super::scan::clear(&self.state);
                refresh_pulled(&self.client, &self.state, self.refresh);
            }
        }
    }
}

/// The workspace folders when the workspace is to be scanned: there is one, and its
/// settings allow.
fn scan_roots(state: &State) -> Option<Vec<std::path::PathBuf>> {
    let roots = state.roots();
    let first = roots.first()?;
    state
        .config_for(Some(&first.join(".")))
        .scan_workspace
        .then_some(roots)
}

/// Asks a pulling client that can be asked (`refreshes`) to pull again.
fn refresh_pulled(client: &Client, state: &State, refreshes: bool) {
    if state.pulls() && refreshes {
        let client = client.clone();
        tokio::spawn(async move {
            let _ = client.workspace_diagnostic_refresh().await;
        });
    }
}

fn rejected(problem: &str) -> String {
    format!("mufi-lsp: invalid settings, keeping the previous ones: {problem}")
}

fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

fn encoding_kind(e: Encoding) -> PositionEncodingKind {
    match e {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// The workspace folders, or the older `rootUri`, as local paths.
#[allow(deprecated)]
fn workspace_roots(params: &InitializeParams) -> Vec<std::path::PathBuf> {
    let folders: Vec<_> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    params
        .root_uri
        .as_ref()
        .and_then(|u| u.to_file_path().map(|p| p.into_owned()))
        .into_iter()
        .collect()
}

fn edit_caps(params: &InitializeParams) -> EditCaps {
    let ws = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.workspace_edit.as_ref());
    EditCaps {
        document_changes: ws.and_then(|w| w.document_changes).unwrap_or(false),
        create_files: ws
            .and_then(|w| w.resource_operations.as_ref())
            .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate_encoding(&params);
        if let Ok(mut e) = self.state.encoding.write() {
            *e = encoding;
        }
        let _ = self.caps.set(edit_caps(&params));
        if let Ok(mut r) = self.state.roots.write() {
            *r = workspace_roots(&params);
        }
        let _ = self.pulls_configuration.set(
            params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.configuration)
                .unwrap_or(false),
        );
        let _ = self.watches_files.set(
            params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
        );
        let _ = self.shows_progress.set(
            params
                .capabilities
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
        );
        // Clients that pull diagnostics get them only that way (pushing as well would
        // show every problem twice), provided they can be told to pull again: settings
        // and project changes alter findings without an edit. Neovim 0.11 pulls but
        // cannot be told, so it is pushed to.
        let refreshes = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        let pull = refreshes
            && params
                .capabilities
                .text_document
                .as_ref()
                .and_then(|t| t.diagnostic.as_ref())
                .is_some();
        self.state
            .pull
            .store(pull, std::sync::atomic::Ordering::SeqCst);
        let _ = self.refreshes_diagnostics.set(refreshes);
        if let Some(options) = &params.initialization_options {
            let problem = self.apply_settings(options);
            if let Ok(mut p) = self.init_settings_problem.lock() {
                *p = problem;
            }
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding_kind(encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::SOURCE_FIX_ALL,
                            CodeActionKind::new(FIX_ALL_KIND),
                        ]),
                        resolve_provider: Some(false),
                        ..CodeActionOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                diagnostic_provider: pull.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("mufi-lsp".into()),
                        // A .gitignore or a manifest changes other files' findings.
                        inter_file_dependencies: true,
                        workspace_diagnostics: true,
                        ..DiagnosticOptions::default()
                    })
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "mufi-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.client
            .log_message(MessageType::INFO, "mufi-lsp ready")
            .await;
        let problem = self
            .init_settings_problem
            .lock()
            .ok()
            .and_then(|mut p| p.take());
        self.show(problem).await;
        if self.watches_files.get() == Some(&true) {
            self.watch_files();
        }
        self.learn_workspace_then_scan();
        super::history::load_in_background(self.state.clone());
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let path = doc.uri.to_file_path().map(|p| p.into_owned());
        let Some(language) = Language::for_lsp_id(&doc.language_id, path.as_deref()) else {
            return;
        };
        // Synchronous: the store is updated before this handler can yield.
        let uri = doc.uri.clone();
        if let Some(reason) = self.state.open(doc.uri, &doc.text, doc.version, language) {
            self.client
                .log_message(
                    MessageType::WARNING,
                    format!("mufi-lsp is not checking {}: {reason}", uri.as_str()),
                )
                .await;
        }
        // Opening a file reads the config files above it.
        self.report_config_changes().await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let changes: Vec<Change> = params
            .content_changes
            .into_iter()
            .map(|c| Change {
                range: c.range.map(|r| {
                    (
                        Pos {
                            line: r.start.line,
                            character: r.start.character,
                        },
                        Pos {
                            line: r.end.line,
                            character: r.end.character,
                        },
                    )
                }),
                text: c.text,
            })
            .collect();
        self.state.change(
            &params.text_document.uri,
            &changes,
            params.text_document.version,
        );
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // A saved config file, .gitignore, package.json or framework config changes
        // what other files are: read it again and re-analyse what is open.
        if let Some(path) = params.text_document.uri.to_file_path() {
            self.file_changed(&path).await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        for change in params.changes {
            if let Some(path) = change.uri.to_file_path() {
                self.file_changed(&path).await;
                self.source_changed(&path);
            }
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // Clients that push send the settings; others send `null` and expect to be
        // asked (`workspace/configuration`).
        let empty = match &params.settings {
            serde_json::Value::Null => true,
            serde_json::Value::Array(a) => a.is_empty(),
            _ => false,
        };
        if !empty {
            self.settings_changed(&params.settings).await;
            return;
        }
        if self.pulls_configuration.get() == Some(&true) {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some(crate::settings::SECTION.into()),
            };
            match self.client.configuration(vec![item]).await {
                // `null` is "nothing under that section" (Helix answers so when
                // its `config` table has no `mufi-lsp` key): keep what is in force.
                Ok(values) => match values.into_iter().next() {
                    Some(value) if !value.is_null() => self.settings_changed(&value).await,
                    _ => {}
                },
                Err(e) => tracing::warn!("workspace/configuration failed: {e}"),
            }
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let state = self.state.clone();
        let uri = params.text_document.uri;
        let items = tokio::task::spawn_blocking(move || {
            // Not open: what the scan read from disk, if anything.
            state
                .current_diagnostics(&uri)
                .unwrap_or_else(|| state.scans.on_disk(&uri))
        })
        .await
        .unwrap_or_default();
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        let state = &self.state;
        let known: std::collections::HashMap<&Uri, &str> = params
            .previous_result_ids
            .iter()
            .map(|p| (&p.uri, p.value.as_str()))
            .collect();
        let items = state
            .scans
            .report(|uri| state.is_open(uri))
            .into_iter()
            .map(|(uri, id, items)| {
                if known.get(&uri) == Some(&id.as_str()) {
                    return WorkspaceDocumentDiagnosticReport::Unchanged(
                        WorkspaceUnchangedDocumentDiagnosticReport {
                            uri,
                            version: None,
                            unchanged_document_diagnostic_report:
                                UnchangedDocumentDiagnosticReport { result_id: id },
                        },
                    );
                }
                WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
                    uri,
                    version: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(id),
                        items,
                    },
                })
            })
            .collect();
        Ok(WorkspaceDiagnosticReportResult::Report(
            WorkspaceDiagnosticReport { items },
        ))
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.state.close(&uri);
        self.client
            .publish_diagnostics(uri.clone(), Vec::new(), None)
            .await;
        // Closed, the file is what is on disk again.
        if let Some(path) = uri.to_file_path() {
            self.source_changed(&path);
        }
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let state = self.state.clone();
        let caps = self.caps();
        let actions = tokio::task::spawn_blocking(move || code_actions(&state, &params, caps))
            .await
            .unwrap_or_default();
        Ok(Some(actions))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let state = self.state.clone();
        let hover = tokio::task::spawn_blocking(move || {
            let uri = &params.text_document_position_params.text_document.uri;
            let pos = params.text_document_position_params.position;
            let encoding = state.encoding();
            let (snap, findings) = state.current_findings(uri)?;
            let config = snap.config.clone();
            state.with_doc(uri, |doc| {
                let offset = convert::offset(doc, pos, encoding);
                let Some(f) = findings
                    .iter()
                    .find(|f| f.range.start <= offset && offset <= f.range.end)
                else {
                    // The first line of a file that mentions Mufi says where it runs.
                    let mentions = snap.text.to_ascii_lowercase().contains("mufi");
                    return (pos.line == 0 && mentions).then(|| Hover {
                        contents: HoverContents::Markup(MarkupContent {
                            kind: MarkupKind::Markdown,
                            value: where_it_runs(&snap.file, &snap.text, snap.language, &config),
                        }),
                        range: None,
                    });
                };
                Some(Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: convert::hover_markdown(f),
                    }),
                    range: Some(convert::range(doc, &f.range, encoding)),
                })
            })?
        })
        .await
        .ok()
        .flatten();
        Ok(hover)
    }
}

/// The first-line hover: whether the file ships to users, and why (what
/// `mufi-lsp explain-file` says).
fn where_it_runs(
    file: &crate::project::FileContext,
    text: &str,
    language: &'static Language,
    config: &crate::config::Config,
) -> String {
    use crate::project::Verdict;
    let verdict = match crate::project::verdict(file, text, language, config) {
        Verdict::ServerByGlob(glob) => format!(
            "runs on a server: the configuration's server-side glob `{glob}` matches it"
        ),
        Verdict::ShipsToUsers(reason) => format!(
            "**ships to users**: {reason}. Mufi URLs and key references here are reported (MUFI002)"
        ),
        Verdict::Server => "runs on a server: no client-side signal applies (directives, front-end folders and packages, app source sets)".to_string(),
    };
    format!(
        "**mufi-lsp**: this {} file {verdict}.\n\n`mufi-lsp explain-file` prints the details.",
        language.name
    )
}

fn wants(only: &Option<Vec<CodeActionKind>>, kind: &str) -> bool {
    match only {
        None => true,
        Some(kinds) => kinds
            .iter()
            .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str()))),
    }
}

fn code_actions(state: &State, params: &CodeActionParams, caps: EditCaps) -> CodeActionResponse {
    let uri = &params.text_document.uri;
    let encoding = state.encoding();
    let Some((snap, findings)) = state.current_findings(uri) else {
        return Vec::new();
    };
    let only = &params.context.only;
    let open = state.open_texts();
    state
        .with_doc(uri, |doc| {
            if doc.version != snap.version {
                return Vec::new();
            }
            let mut out = Vec::new();
            let start = convert::offset(doc, params.range.start, encoding);
            let end = convert::offset(doc, params.range.end, encoding);
            if wants(only, CodeActionKind::QUICKFIX.as_str()) {
                for f in findings
                    .iter()
                    .filter(|f| f.range.start <= end && start <= f.range.end)
                {
                    let mut diagnostic = convert::diagnostic(doc, f, encoding);
                    state.history.annotate_one(&doc.text(), f, &mut diagnostic);
                    for fix in &f.fixes {
                        let Some(edit) =
                            file_edits::workspace_edit(&open, uri, doc, fix, encoding, caps)
                        else {
                            continue;
                        };
                        out.push(CodeActionOrCommand::CodeAction(CodeAction {
                            title: fix.title.clone(),
                            kind: Some(CodeActionKind::QUICKFIX),
                            diagnostics: Some(vec![diagnostic.clone()]),
                            edit: Some(edit),
                            is_preferred: fix.preferred.then_some(true),
                            ..CodeAction::default()
                        }));
                    }
                }
            }
            if wants(only, FIX_ALL_KIND) {
                let safe: Vec<&Fix> = findings
                    .iter()
                    .filter_map(|f| f.fixes.iter().find(|x| x.safe && x.is_local()))
                    .collect();
                let chosen = engine::select_fixes(&snap.text, safe);
                if !chosen.is_empty() {
                    let edits: Vec<_> = chosen
                        .iter()
                        .flat_map(|f| f.edits.iter().cloned())
                        .collect();
                    let fix = Fix::local("Fix all safely fixable Mufi problems", edits);
                    if let Some(edit) =
                        file_edits::workspace_edit(&open, uri, doc, &fix, encoding, caps)
                    {
                        out.push(CodeActionOrCommand::CodeAction(CodeAction {
                            title: fix.title,
                            kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
                            edit: Some(edit),
                            ..CodeAction::default()
                        }));
                    }
                }
            }
            out
        })
        .unwrap_or_default()
}
