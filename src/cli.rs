//! The `check` face: walk paths (honouring .gitignore, always reading dotenv files),
//! analyse files in parallel, report, and optionally apply safe fixes atomically.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context, Result};
use ignore::WalkBuilder;

use crate::config::Config;
use crate::config_file::ConfigFiles;
use crate::engine::{self, SourceFile};
use crate::finding::{Finding, Fix};
use crate::language::{is_dotenv_name, Language};
use crate::project::{ProjectModel, Verdict};
pub use crate::report::Format;
use crate::report::{self, FileReport};
use crate::selection::FindingFilter;
use crate::settings::Settings;

pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub fix: bool,
    pub color: bool,
    /// Which findings are reported, fixed and counted (`--select`, `--ignore`, `--severity`).
    pub filter: FindingFilter,
    /// Analyse without the engine's fast path (`engine::analyze_thorough`).
    pub thorough: bool,
}

/// What a run found; the exit code follows from it.
pub struct CheckOutcome {
    pub findings: usize,
    /// Findings at warning or error severity: these fail the check (info and hints do not).
    pub failing: usize,
    pub files_scanned: usize,
    pub output: String,
    pub fixed: usize,
    /// Files that could not be read or fixed, one line each: the rest were checked,
    /// but the check is incomplete.
    pub problems: Vec<String>,
}

/// Directories never worth entering when looking for ignored dotenv files.
const HEAVY_DIRS: &[&str] = &[
    "node_modules",
    ".git",
    "target",
    ".venv",
    "venv",
    "__pycache__",
    ".next",
    "dist",
    "build",
    "vendor",
    ".tox",
];

/// Every file to analyse under `paths`: the gitignore-aware walk, plus dotenv files
/// that git ignores (they are checked anyway: ignoring them is the point).
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = BTreeSet::new();
    walk_files(paths, |path| {
        files.insert(path);
    })?;
    Ok(files.into_iter().collect())
}

/// `collect_files`, handing each file to `found` as the walk finds it (once each, in
/// no set order), so that the analysis can start before the walk ends. Fails before
/// the walk when a path does not exist.
pub fn walk_files(paths: &[PathBuf], mut found: impl FnMut(PathBuf)) -> Result<()> {
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        anyhow::bail!("{}: no such file or directory", missing.display());
    }
    let mut seen = std::collections::HashSet::new();
    let mut found = |path: PathBuf| {
        if seen.insert(path.clone()) {
            found(path);
        }
    };
    for path in paths {
        if path.is_file() {
            found(path.clone());
            continue;
        }
        // .gitignore files apply even outside a git checkout (an unpacked archive, a CI
        // workspace without .git): users write them to mean "not mine".
        let walk = WalkBuilder::new(path)
            .hidden(false)
            .require_git(false)
            .build();
        for entry in walk.flatten() {
            if entry.file_type().is_some_and(|t| t.is_file())
                && Language::for_path(entry.path()).is_some()
                && !entry.path().components().any(|c| c.as_os_str() == ".git")
            {
                found(entry.into_path());
            }
        }
        let dotenv_walk = WalkBuilder::new(path)
            .standard_filters(false)
            .filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && e.file_name()
                        .to_str()
                        .is_some_and(|n| HEAVY_DIRS.contains(&n)))
            })
            .build();
        for entry in dotenv_walk.flatten() {
            if entry.file_type().is_some_and(|t| t.is_file())
                && entry.file_name().to_str().is_some_and(is_dotenv_name)
            {
                found(entry.into_path());
            }
        }
    }
    Ok(())
}

/// The path as reports show it: relative to the current directory when under it.
pub fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.as_ref().map_or(path.to_path_buf(), |c| c.join(path))
    };
    let shown = cwd
        .as_ref()
        .and_then(|c| abs.strip_prefix(c).ok())
        .unwrap_or(path);
    shown.to_string_lossy().trim_start_matches("./").to_string()
}

/// Why a file's bytes are not analysed, if they are not.
pub fn unreadable_reason(bytes: &[u8], config: &Config) -> Option<String> {
    too_large_or_binary(bytes, config).or_else(|| {
        std::str::from_utf8(bytes)
            .is_err()
            .then(|| NOT_UTF8.to_string())
    })
}

/// `bytes` as text, or why they are not read (`unreadable_reason`), with the UTF-8
/// checked once.
pub fn readable_text(bytes: Vec<u8>, config: &Config) -> Result<String, String> {
    if let Some(reason) = too_large_or_binary(&bytes, config) {
        return Err(reason);
    }
    String::from_utf8(bytes).map_err(|_| NOT_UTF8.to_string())
}

const NOT_UTF8: &str = "not valid UTF-8";

fn too_large_or_binary(bytes: &[u8], config: &Config) -> Option<String> {
    if bytes.len() > config.max_file_size {
        return Some(format!(
            "larger than the {} byte limit",
            config.max_file_size
        ));
    }
    memchr::memchr(0, &bytes[..bytes.len().min(8192)])
        .is_some()
        .then(|| "binary".into())
}

/// `mufi-lsp explain-file PATH`: what the engine makes of a file and why: its
/// language, the code embedded in it, its project, and whether it ships to users.
pub fn explain_file(path: &Path, model: &ProjectModel, config: &Config) -> Result<String> {
    let language = Language::for_path(path)
        .with_context(|| format!("{}: not a file mufi-lsp reads", path.display()))?;
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let file = model.file_context(path);
    let mut out = String::new();
    out.push_str(&format!("file:            {}\n", path.display()));
    let folders = if language.query_dirs.is_empty() {
        String::new()
    } else {
        format!(" (queries/{})", language.query_dirs.join(", queries/"))
    };
    out.push_str(&format!("language:        {}{folders}\n", language.name));
    let tree = engine::parse(language, &text);
    for region in language.embedded_regions(&text, tree.as_ref()) {
        let from = report::line_col(&text, region.range.start).line;
        let to = report::line_col(&text, region.range.end).line;
        out.push_str(&format!(
            "embedded:        {} at lines {from}-{to}\n",
            Language::get(region.language).name
        ));
    }
    if let Some(root) = &file.project_root {
        out.push_str(&format!(
            "project root:    {} (where fixes write .env and .gitignore)\n",
            root.display()
        ));
    }
    match &file.package {
        Some(pkg) => {
            let kind = match pkg.framework {
                Some(f) => format!("a {} project", f.name()),
                None if pkg.mobile_app => "a React Native or Expo app".to_string(),
                None if pkg.browser_frontend => "a browser front end".to_string(),
                None => "a package with no front-end framework".to_string(),
            };
            let evidence = pkg
                .evidence
                .as_deref()
                .map_or(String::new(), |e| format!(" ({e})"));
            out.push_str(&format!(
                "package:         {}/package.json: {kind}{evidence}\n",
                pkg.dir.display()
            ));
        }
        None => out.push_str("package:         no package.json above the file\n"),
    }
    for (fact, label, yes, no) in [
        (
            file.android_module,
            "Gradle module",
            "an Android module",
            "not an Android module",
        ),
        (
            file.swift_server_package,
            "Swift package",
            "a server package",
            "not a server package",
        ),
        (
            file.flutter_package,
            "pubspec",
            "a Flutter package",
            "a Dart package without Flutter",
        ),
    ] {
        if let Some(fact) = fact {
            let label = format!("{label}:");
            out.push_str(&format!("{label:<17}{}\n", if fact { yes } else { no }));
        }
    }
    let git = file.git.clone().unwrap_or_else(|| model.git_facts(path));
    out.push_str(&format!("git:             {}\n", describe_git(&git)));
    match crate::project::verdict(&file, &text, language, config) {
        Verdict::ServerByGlob(glob) => out.push_str(&format!(
            "ships to users:  no: the configuration's server-side glob `{glob}` matches it. MUFI002 flags only public-prefix keys here.\n"
        )),
        Verdict::ShipsToUsers(reason) => out.push_str(&format!(
            "ships to users:  yes: {reason}. MUFI002 flags Mufi URLs and key references here.\n"
        )),
        Verdict::Server => out.push_str(
            "ships to users:  no: none of the client-side signals apply (directives, front-end folders and packages, app source sets). MUFI002 flags only public-prefix keys here.\n",
        ),
    }
    Ok(out)
}

/// One line on what git does with a file: tracked, ignored (by which rule), or neither.
fn describe_git(git: &crate::project::GitFacts) -> String {
    use crate::git::IgnoreState;
    let place = |rule: &crate::git::IgnoreRule| {
        let source = git
            .repo_root
            .as_deref()
            .and_then(|root| rule.source.strip_prefix(root).ok())
            .unwrap_or(&rule.source);
        format!("`{}` in {}", rule.pattern, source.display())
    };
    let repo = match &git.repo_root {
        Some(root) => format!("in the repository at {}", root.display()),
        None => "in no repository".to_string(),
    };
    let state = match (&git.ignore, git.tracked) {
        (IgnoreState::Ignored(rule), true) => {
            format!(
                "tracked, although {} ignores it (ignoring a tracked file has no effect)",
                place(rule)
            )
        }
        (_, true) => "tracked".to_string(),
        (IgnoreState::Ignored(rule), false) => format!("ignored by {}", place(rule)),
        (IgnoreState::Reincluded(rule), false) => {
            format!("not ignored: {} re-includes it", place(rule))
        }
        (IgnoreState::NotIgnored, false) => "not ignored: git would commit it".to_string(),
    };
    format!("{state}, {repo}")
}

/// The Mufi endpoints the files under `roots` call (for the editor, which has no scan
/// of its own to collect them from). Only MUFI009 reads them, and only about a write
/// key: when no file holds one, nothing is parsed.
pub fn workspace_facts(roots: &[PathBuf], config: &Config) -> crate::endpoints::WorkspaceFacts {
    let mut facts = crate::endpoints::WorkspaceFacts::default();
    let Ok(files) = collect_files(roots) else {
        return facts;
    };
    let mut candidates: Vec<(String, &'static Language)> = Vec::new();
    let mut write_key = false;
    for path in files {
        let Some(language) = Language::for_path(&path) else {
            continue;
        };
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(text) = readable_text(bytes, config) else {
            continue;
        };
        write_key = write_key || holds_write_key(&text);
        if crate::endpoints::may_name_endpoints(&text) {
            candidates.push((text, language));
        }
    }
    if write_key {
        for (text, language) in &candidates {
            facts
                .endpoints
                .extend(crate::endpoints::in_file(text, language));
        }
    }
    facts
}

/// Whether `text` holds a Mufi key with write permission (a MUFI009 candidate).
fn holds_write_key(text: &str) -> bool {
    text.contains("eyJ") && crate::jwt::find_all(text).iter().any(|t| t.grants_write())
}

/// Analyses one file's text. Shared by `check` and tests.
pub fn analyze_file(
    path: &Path,
    text: &str,
    model: &ProjectModel,
    config: &Config,
) -> Vec<crate::finding::Finding> {
    analyze_file_with(path, text, model, config, false, None).0
}

/// `analyze_file`, and the problem to report when the analysis ran out of time
/// (`Config::time_limit`): what it found holds, but it may have missed some.
pub fn analyze_file_in_time(
    path: &Path,
    text: &str,
    model: &ProjectModel,
    config: &Config,
) -> (Vec<Finding>, Option<String>) {
    analyze_file_with(path, text, model, config, false, None)
}

/// What `check --fix` needs to fix a file in place.
struct Fixing<'a> {
    model: &'a ProjectModel,
    options: &'a CheckOptions,
    /// How many fixes were applied, over all files.
    fixed: &'a AtomicUsize,
    errors: &'a Mutex<Vec<String>>,
}

impl Fixing<'_> {
    /// Applies the safe fixes among `findings` to the file at `path`, writes it, and
    /// analyses the fixed text again: the text and findings to report. A file that
    /// cannot be written keeps its text and findings; the error is recorded.
    fn file(
        &self,
        path: &Path,
        config: &Config,
        text: String,
        findings: Vec<Finding>,
    ) -> (String, Vec<Finding>) {
        let safe = safe_fixes(&findings, &self.options.filter);
        if safe.is_empty() {
            return (text, findings);
        }
        let (new_text, applied) = engine::apply_fixes(&text, safe);
        if applied == 0 || new_text == text {
            return (text, findings);
        }
        if let Err(e) = write_atomic(path, &text, &new_text) {
            record(self.errors, format!("{e:#}"));
            return (text, findings);
        }
        self.fixed.fetch_add(applied, Ordering::Relaxed);
        let (findings, stopped) = analyze_file_with(
            path,
            &new_text,
            self.model,
            config,
            self.options.thorough,
            None,
        );
        if let Some(problem) = stopped {
            record(self.errors, problem);
        }
        (new_text, findings)
    }
}

/// A file's text for `check`, or `None` when it is excluded by its config, cannot be
/// read (recorded in `errors`), or is not read (too large, binary, not UTF-8).
fn read_for_check(path: &Path, config: &Config, errors: &Mutex<Vec<String>>) -> Option<String> {
    if config.exclude.matches_under(path, &[]).is_some() {
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            record(errors, format!("{}: {e}", path.display()));
            return None;
        }
    };
    readable_text(bytes, config)
        .map_err(|reason| tracing::info!("skipping {}: {reason}", path.display()))
        .ok()
}

/// `analyze_file_in_time`, with or without the engine's fast path.
fn analyze_file_with(
    path: &Path,
    text: &str,
    model: &ProjectModel,
    config: &Config,
    thorough: bool,
    planned: Option<engine::Planned>,
) -> (Vec<Finding>, Option<String>) {
    let Some(language) = Language::for_path(path) else {
        return (Vec::new(), None);
    };
    let src = SourceFile {
        text,
        language,
        tree: None,
    };
    let limit = crate::budget::Limit::start(config.time_limit);
    let findings = if thorough {
        engine::analyze_thorough(&src, &model.file_context(path), config)
    } else {
        engine::analyze_lazily(&src, path, &|| model.file_context(path), config, planned)
    };
    let stopped = limit.stopped().then(|| out_of_time(path, config));
    (findings, stopped)
}

/// Runs `work` on each of `items` on `workers` threads, taking them in order, and
/// returns when all are done.
fn on_every_core<T: Send>(workers: usize, items: Vec<T>, work: impl Fn(T) + Sync) {
    let queue = Mutex::new(items.into_iter().rev().collect::<Vec<T>>());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(item) = queue.lock().ok().and_then(|mut q| q.pop()) {
                    work(item);
                }
            });
        }
    });
}

/// A file `check` read and will analyse once the queries it needs are compiled.
struct Kept {
    /// Where the walk found it.
    index: usize,
    path: PathBuf,
    config: std::sync::Arc<Config>,
    /// Its length in bytes.
    len: usize,
    /// Its text, unless `KEPT_BYTES` were kept before it.
    text: Option<String>,
    /// What the first phase found in that text.
    planned: Option<engine::Planned>,
}

/// How many bytes of text `check` keeps between reading its files and analysing
/// those that need it; past this, a file is read again. The files a tree's triggers
/// reach are a few percent of it (16 MB of a 300 MB tree). `MUFI_LSP_KEPT_BYTES` sets
/// another bound, for the tests of the files read again.
const KEPT_BYTES: usize = 256 << 20;

/// `KEPT_BYTES`, or the bound `MUFI_LSP_KEPT_BYTES` sets.
fn kept_bytes_bound() -> usize {
    std::env::var("MUFI_LSP_KEPT_BYTES")
        .ok()
        .and_then(|bound| bound.parse().ok())
        .unwrap_or(KEPT_BYTES)
}

/// Whether `check` has any rule to run in the file at `path`: `engine::plan`, which
/// also notes the patterns of the queries it needs.
fn worth_analysing(path: &Path, text: &str, config: &Config) -> Option<engine::Planned> {
    Language::for_path(path).and_then(|language| {
        let src = SourceFile {
            text,
            language,
            tree: None,
        };
        engine::plan(&src, path, config)
    })
}

/// The problem `check` reports for a file whose analysis ran out of time.
pub fn out_of_time(path: &Path, config: &Config) -> String {
    let ms = config.time_limit.unwrap_or_default().as_millis();
    format!(
        "{}: analysis stopped at the time limit ({ms} ms): findings in this file may be \
         missing. Exclude the file if it is generated (`exclude`), or raise `timeLimitMs`.",
        path.display()
    )
}

/// Keeps a problem for the end of the run: a file that could not be read, fixed or
/// analysed to the end.
fn record(problems: &Mutex<Vec<String>>, problem: String) {
    if let Ok(mut list) = problems.lock() {
        list.push(problem);
    }
}

/// The first safe, local fix of each finding `filter` keeps: what `--fix` applies.
pub fn safe_fixes<'a>(findings: &'a [Finding], filter: &FindingFilter) -> Vec<&'a Fix> {
    findings
        .iter()
        .filter(|f| filter.keeps(f))
        .flat_map(|f| f.fixes.iter().filter(|x| x.safe && x.is_local()).take(1))
        .collect()
}

impl CheckOutcome {
    /// The outcome of a run whose `reports` are final: counts and the rendered report,
    /// which names the `problems` (files left unchecked or unfixed) where its format can.
    pub fn new(
        reports: &[FileReport],
        files_scanned: usize,
        fixed: usize,
        options: &CheckOptions,
        started: Instant,
        problems: Vec<String>,
    ) -> CheckOutcome {
        let findings = reports.iter().map(|r| r.findings.len()).sum();
        let failing = reports
            .iter()
            .flat_map(|r| &r.findings)
            .filter(|f| f.severity <= crate::finding::Severity::Warning)
            .count();
        let output = report::render(
            options.format,
            reports,
            files_scanned,
            options.color,
            started.elapsed().as_millis(),
            &problems,
        );
        CheckOutcome {
            findings,
            failing,
            files_scanned,
            output,
            fixed,
            problems,
        }
    }
}

/// Writes `text` to `path` atomically (a sibling temp file with the file's
/// permissions, then a rename), unless the file no longer holds `read`, the text the
/// fixes were made for: an editor or formatter that saved meanwhile keeps its change.
/// A read-only file is left alone: the rename would replace it (even as root) where a
/// write would be refused.
fn write_atomic(path: &Path, read: &str, text: &str) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.mufi-lsp-{}.tmp", std::process::id()));
    let result = (|| -> Result<()> {
        if std::fs::metadata(path)?.permissions().readonly() {
            anyhow::bail!("it is read-only; not fixed");
        }
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        // As late as possible: only the rename itself is left after this read.
        if std::fs::read(path)? != read.as_bytes() {
            anyhow::bail!("it changed since it was read; not fixed, run check --fix again");
        }
        std::fs::rename(&tmp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("writing {}", path.display()))
}

/// Checks the files under `options.paths`, each with the nearest config file's
/// settings laid over `base`.
pub fn run_check(options: &CheckOptions, base: &Settings) -> Result<CheckOutcome> {
    let started = Instant::now();
    // A run over a tree needs few patterns of most queries: compile only those.
    crate::queries::compile_subsets();
    crate::server::memory::keep_large_blocks();
    let model = ProjectModel::new();
    // Rules whose findings the filter would drop are not run at all.
    let configs = ConfigFiles::new(base.clone()).with_rules_off(options.filter.rules_not_needed());
    let config = &*configs.config_for(None);
    let fixed = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, FileReport)>> = Mutex::new(Vec::new());
    let errors: Mutex<Vec<String>> = Mutex::new(Vec::new());
    // For MUFI009: the files that may name Mufi endpoints and those holding a write
    // key. Endpoints are read from the first (a second parse) only when the second is
    // not empty.
    let least_privilege = config.is_enabled(crate::rules::RuleId::LeastPrivilegeKey);
    let endpoint_files: Mutex<Vec<usize>> = Mutex::default();
    let write_key_files: Mutex<Vec<usize>> = Mutex::default();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    // The walk hands files over as it finds them, numbered in the order found: the
    // reading starts with the first file, not after the last.
    let (found, receiver) = std::sync::mpsc::channel::<(usize, PathBuf)>();
    let receiver = Mutex::new(receiver);
    // Three phases. First every file is read and prefiltered, and each query learns
    // which of its patterns the files that need it can match (`engine::plan`); most
    // files end there. Then each query is compiled once, with those patterns. Last, the
    // files left are analysed, the largest first. Compiling a query when the first file
    // that needs it was met, and again whole when a later one needed more, cost a sixth
    // of a run's CPU on the bench corpus.
    let kept: Mutex<Vec<Kept>> = Mutex::default();
    let kept_bytes = AtomicUsize::new(0);
    let bound = kept_bytes_bound();
    let fixing = Fixing {
        model: &model,
        options,
        fixed: &fixed,
        errors: &errors,
    };
    let files: Vec<PathBuf> = std::thread::scope(|scope| {
        let walker = scope.spawn(move || {
            let mut files = Vec::new();
            walk_files(&options.paths, |path| {
                let _ = found.send((files.len(), path.clone()));
                files.push(path);
            })
            .map(|()| files)
        });
        for _ in 0..workers {
            scope.spawn(|| loop {
                let next = receiver.lock().ok().and_then(|r| r.recv().ok());
                let Some((index, path)) = next else { break };
                let config = configs.config_for(Some(&path));
                let Some(text) = read_for_check(&path, &config, &errors) else {
                    continue;
                };
                if least_privilege {
                    for (holds, list) in [
                        (crate::endpoints::may_name_endpoints(&text), &endpoint_files),
                        (holds_write_key(&text), &write_key_files),
                    ] {
                        if let (true, Ok(mut list)) = (holds, list.lock()) {
                            list.push(index);
                        }
                    }
                }
                let planned = if options.thorough {
                    None
                } else {
                    match worth_analysing(&path, &text, &config) {
                        Some(planned) => Some(planned),
                        None => continue,
                    }
                };
                // Texts are kept up to a bound, and read again past it (and looked at
                // again, as the file may have changed).
                let len = text.len();
                let text =
                    (kept_bytes.fetch_add(len, Ordering::Relaxed) + len <= bound).then_some(text);
                let planned = planned.filter(|_| text.is_some());
                if let Ok(mut kept) = kept.lock() {
                    kept.push(Kept {
                        index,
                        path,
                        config,
                        len,
                        text,
                        planned,
                    });
                }
            });
        }
        walker
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the file walk stopped")))
    })?;
    on_every_core(workers, crate::queries::planned(), |(language, rule)| {
        crate::queries::compile_planned(language, rule);
    });
    let mut kept = kept.into_inner().unwrap_or_default();
    // The largest first, so that no core is left with a large file at the end.
    kept.sort_by_key(|k| std::cmp::Reverse(k.len));
    on_every_core(workers, kept, |kept| {
        let Kept {
            index,
            path,
            config,
            text,
            planned,
            ..
        } = kept;
        let Some(mut text) = text.or_else(|| read_for_check(&path, &config, &errors)) else {
            return;
        };
        let (mut findings, stopped) =
            analyze_file_with(&path, &text, &model, &config, options.thorough, planned);
        if let Some(problem) = stopped {
            record(&errors, problem);
        }
        if options.fix {
            (text, findings) = fixing.file(&path, &config, text, findings);
        }
        if findings.is_empty() {
            return;
        }
        if let Ok(mut r) = results.lock() {
            r.push((
                index,
                FileReport {
                    display_path: display_path(&path),
                    text,
                    findings,
                },
            ));
        }
    });
    // A config file that cannot be used would leave its files checked with other
    // settings than the team wrote down: stop, and say where.
    let config_errors = configs.errors();
    if !config_errors.is_empty() {
        let list: Vec<String> = config_errors.iter().map(ToString::to_string).collect();
        anyhow::bail!("{}", list.join("\n"));
    }
    let mut reports = results.into_inner().unwrap_or_default();
    let write_key_files = write_key_files.into_inner().unwrap_or_default();
    let mut facts = crate::endpoints::WorkspaceFacts::default();
    if !write_key_files.is_empty() {
        for index in endpoint_files.into_inner().unwrap_or_default() {
            let path = &files[index];
            if let (Some(language), Ok(text)) =
                (Language::for_path(path), std::fs::read_to_string(path))
            {
                facts
                    .endpoints
                    .extend(crate::endpoints::in_file(&text, language));
            }
        }
    }
    if facts.read_only_endpoints().is_some() {
        model.set_workspace(facts);
        for index in write_key_files {
            let path = &files[index];
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let (hints, stopped) = analyze_file_with(
                path,
                &text,
                &model,
                &configs.config_for(Some(path)),
                options.thorough,
                None,
            );
            if let Some(problem) = stopped {
                record(&errors, problem);
            }
            let hints: Vec<_> = hints
                .into_iter()
                .filter(|f| f.rule == crate::rules::RuleId::LeastPrivilegeKey)
                .collect();
            if hints.is_empty() {
                continue;
            }
            match reports.iter_mut().find(|(i, _)| *i == index) {
                Some((_, report)) => {
                    report.findings.extend(hints);
                    report
                        .findings
                        .sort_by_key(|f| (f.range.start, f.range.end, f.rule));
                }
                None => reports.push((
                    index,
                    FileReport {
                        display_path: display_path(path),
                        text,
                        findings: hints,
                    },
                )),
            }
        }
    }
    let mut problems = errors.into_inner().unwrap_or_default();
    problems.sort();
    // The same file can run out of time twice: before and after its fixes.
    problems.dedup();
    // Reports in path order, whatever order the walk found the files in.
    reports.sort_by(|(a, _), (b, _)| files[*a].cmp(&files[*b]));
    let mut reports: Vec<FileReport> = reports.into_iter().map(|(_, r)| r).collect();
    for report in &mut reports {
        options.filter.retain(&mut report.findings);
    }
    reports.retain(|r| !r.findings.is_empty());
    Ok(CheckOutcome::new(
        &reports,
        files.len(),
        fixed.into_inner(),
        options,
        started,
        problems,
    ))
}

#[cfg(test)]
mod write_tests {
    use super::*;

    #[test]
    fn a_fix_is_not_written_over_a_file_that_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.py");
        std::fs::write(&path, "saved by the editor meanwhile\n").unwrap();
        let err = write_atomic(&path, "what check read\n", "fixed\n").unwrap_err();
        assert!(
            format!("{err:#}").contains("changed since it was read"),
            "{err:#}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "saved by the editor meanwhile\n"
        );
        // No temp file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_fix_keeps_the_file_mode_and_replaces_the_file_whole() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deploy.sh");
        std::fs::write(&path, "old\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o751)).unwrap();
        // A hard link still sees the old file: the new text came by rename, not by
        // rewriting the file in place, so no reader ever sees half of it.
        let link = dir.path().join("link.sh");
        std::fs::hard_link(&path, &link).unwrap();
        write_atomic(&path, "old\n", "new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "old\n");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o751);
    }
}
