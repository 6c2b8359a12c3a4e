//! What a file is within its project: does it ship to browsers or devices, which
//! package and root it belongs to. Disk reads happen in `ProjectModel`; the
//! classification itself is a pure function of those facts and the file's text.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use ignore::gitignore::Gitignore;
use serde_json::Value;

use crate::config::Config;
use crate::endpoints::WorkspaceFacts;
use crate::git::{self, IgnoreLevels, IgnoreState, Repo};
use crate::language::{is_dotenv_name, Language, LanguageId};

/// A JavaScript framework that decides where a package's files run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framework {
    Next,
    Nuxt,
    SvelteKit,
    Remix,
    Gatsby,
    Angular,
    Vite,
    CreateReactApp,
    Expo,
    ReactNative,
    /// A browser extension (`manifest.json` with `manifest_version`).
    BrowserExtension,
}

impl Framework {
    pub fn name(self) -> &'static str {
        match self {
            Framework::Next => "Next.js",
            Framework::Nuxt => "Nuxt",
            Framework::SvelteKit => "SvelteKit",
            Framework::Remix => "Remix",
            Framework::Gatsby => "Gatsby",
            Framework::Angular => "Angular",
            Framework::Vite => "Vite",
            Framework::CreateReactApp => "Create React App",
            Framework::Expo => "Expo",
            Framework::ReactNative => "React Native",
            Framework::BrowserExtension => "browser extension",
        }
    }
}

/// Facts read from the nearest `package.json` and the config files beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackageFacts {
    pub dir: PathBuf,
    /// The framework, when a config file or dependency names one.
    pub framework: Option<Framework>,
    /// Depends on a browser front-end toolchain (vite, react-scripts, Angular, Svelte, Vue)
    /// and on no server framework.
    pub browser_frontend: bool,
    /// React Native or Expo: everything ships inside the app.
    pub mobile_app: bool,
    /// Which file or dependency decided it, for explanations.
    pub evidence: Option<String>,
    /// For Next.js: where its routes live, so that a fix can add one
    /// (`app/` or `src/app/` for the App Router, else `pages/` or `src/pages/`).
    pub next_routes: Option<NextRoutes>,
}

/// Where a Next.js project keeps its routes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextRoutes {
    /// The App Router folder (`app/`, `src/app/`).
    App(PathBuf),
    /// The Pages Router folder (`pages/`, `src/pages/`).
    Pages(PathBuf),
}

/// Everything the engine knows about a file besides its text.
#[derive(Clone, Debug, Default)]
pub struct FileContext {
    pub path: Option<PathBuf>,
    /// Where `.env` and `.gitignore` live for fixes.
    pub project_root: Option<PathBuf>,
    pub package: Option<PackageFacts>,
    /// For Dart files: whether the nearest `pubspec.yaml` depends on the Flutter SDK
    /// (`None` when there is none).
    pub flutter_package: Option<bool>,
    /// For Kotlin and Java files: whether the nearest Gradle build applies the Android
    /// application or library plugin (`None` when there is no Gradle build).
    pub android_module: Option<bool>,
    /// For Swift files: whether the nearest `Package.swift` is a server package (Vapor,
    /// Hummingbird; `None` when there is none).
    pub swift_server_package: Option<bool>,
    /// What git does with the file; read for dotenv files (MUFI005) and explanations.
    pub git: Option<GitFacts>,
    /// The Mufi endpoints the whole workspace calls, when a face has gathered them
    /// (MUFI009).
    pub workspace: Option<Arc<WorkspaceFacts>>,
}

/// What git would do with a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GitFacts {
    /// The working tree holding the file, or `None` outside any repository (then only
    /// `.gitignore` files decide, as they will once a repository is created).
    pub repo_root: Option<PathBuf>,
    /// The index already has the file: ignore rules no longer apply to it.
    pub tracked: bool,
    pub ignore: IgnoreState,
    /// Where an ignore rule for the file goes: the nearest existing `.gitignore` between
    /// the file and the repository's top, or a new one at the top (or, outside a
    /// repository, in the file's folder).
    pub nearest_gitignore: PathBuf,
}

impl GitFacts {
    /// Whether `git add -A` would include the file, or it is already in.
    pub fn would_commit(&self) -> bool {
        self.tracked || !self.ignore.is_ignored()
    }
}

impl FileContext {
    pub fn for_path(path: &Path) -> FileContext {
        FileContext {
            path: Some(path.to_path_buf()),
            ..FileContext::default()
        }
    }

    pub fn file_name(&self) -> Option<&str> {
        self.path.as_deref()?.file_name()?.to_str()
    }

    /// `next.config.js`, `next.config.mjs`, `next.config.ts`.
    pub fn is_next_config(&self) -> bool {
        self.file_name()
            .is_some_and(|n| n.starts_with("next.config."))
    }
}

/// Reads and caches project facts from disk, per directory.
#[derive(Default)]
pub struct ProjectModel {
    packages: Mutex<HashMap<PathBuf, Option<PackageFacts>>>,
    /// Each folder's `.gitignore`, parsed once.
    gitignores: Mutex<HashMap<PathBuf, Option<Arc<Gitignore>>>>,
    /// Per working tree: its excludes and the tracked paths of its index.
    repos: Mutex<HashMap<PathBuf, Arc<RepoFacts>>>,
    /// What the workspace calls, once a face has gathered it.
    workspace: Mutex<Option<Arc<WorkspaceFacts>>>,
    /// Each folder's answer from its nearest build manifest of each kind.
    manifests: Mutex<HashMap<(PathBuf, Manifest), Option<bool>>>,
    /// Each folder's project root and `package.json` facts: `check` asks for every
    /// file, and each answer costs a walk up the folders.
    folders: Mutex<HashMap<PathBuf, (PathBuf, Option<PackageFacts>)>>,
    /// The folders `project_root` has looked at.
    roots: Mutex<Roots>,
}

/// Build manifests whose one fact decides how a language's files are classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Manifest {
    /// `pubspec.yaml`: depends on the Flutter SDK.
    Pubspec,
    /// `build.gradle(.kts)`: applies the Android application or library plugin.
    Gradle,
    /// `Package.swift`: a server package (Vapor, Hummingbird, …).
    SwiftPackage,
}

impl Manifest {
    fn names(self) -> &'static [&'static str] {
        match self {
            Manifest::Pubspec => &["pubspec.yaml"],
            Manifest::Gradle => &["build.gradle.kts", "build.gradle"],
            Manifest::SwiftPackage => &["Package.swift"],
        }
    }

    fn judge(self, text: &str) -> bool {
        match self {
            Manifest::Pubspec => text.lines().any(|l| {
                let l = l.trim();
                l == "sdk: flutter" || (l.starts_with("flutter:") && !l.contains('"'))
            }),
            Manifest::Gradle => {
                text.contains("com.android.application")
                    || text.contains("com.android.library")
                    || text.contains("android.application")
                    || text.contains("android.library")
            }
            Manifest::SwiftPackage => {
                let lower = text.to_ascii_lowercase();
                [
                    "vapor",
                    "hummingbird",
                    "swift-nio",
                    "kitura",
                    "smoke-framework",
                ]
                .iter()
                .any(|s| lower.contains(s))
            }
        }
    }
}

/// What one repository's own files say, with the index's modification time so that a
/// commit or `git add` is noticed.
struct RepoFacts {
    repo: Repo,
    excludes: Vec<Arc<Gitignore>>,
    index_mtime: Option<SystemTime>,
    tracked: Arc<HashSet<String>>,
}

const FRONTEND_DEPS: &[&str] = &[
    "vite",
    "react-scripts",
    "@angular/core",
    "svelte",
    "vue",
    "@vue/cli-service",
    "parcel",
    "preact",
];
const MOBILE_DEPS: &[&str] = &["react-native", "expo"];
const SERVER_DEPS: &[&str] = &[
    "express",
    "fastify",
    "koa",
    "@nestjs/core",
    "@hapi/hapi",
    "hono",
    "@sveltejs/kit",
    "nuxt",
    "@remix-run/node",
];

impl ProjectModel {
    pub fn new() -> ProjectModel {
        ProjectModel::default()
    }

    /// Builds the context of the file at `path` (absolute or relative to the cwd).
    pub fn file_context(&self, path: &Path) -> FileContext {
        let abs = absolute(path);
        let ext = abs
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let is_dart = ext == "dart";
        let is_jvm = matches!(ext.as_str(), "kt" | "kts" | "java");
        let is_dotenv = abs
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_dotenv_name);
        let (root, package) = self.folder_facts(&abs);
        FileContext {
            project_root: Some(root),
            package,
            flutter_package: is_dart
                .then(|| self.manifest_fact(&abs, Manifest::Pubspec))
                .flatten(),
            android_module: is_jvm
                .then(|| self.manifest_fact(&abs, Manifest::Gradle))
                .flatten(),
            swift_server_package: (ext == "swift")
                .then(|| self.manifest_fact(&abs, Manifest::SwiftPackage))
                .flatten(),
            git: is_dotenv.then(|| self.git_facts(&abs)),
            workspace: self.workspace.lock().ok().and_then(|w| w.clone()),
            path: Some(abs),
        }
    }

    /// Sets what the workspace calls (MUFI009 reads it).
    pub fn set_workspace(&self, facts: WorkspaceFacts) {
        if let Ok(mut w) = self.workspace.lock() {
            *w = Some(Arc::new(facts));
        }
    }

    /// The project root and `package.json` facts of `file`'s folder, found once per folder.
    fn folder_facts(&self, file: &Path) -> (PathBuf, Option<PackageFacts>) {
        let dir = file.parent().unwrap_or(file);
        if let Some(known) = self.folders.lock().ok().and_then(|m| m.get(dir).cloned()) {
            return known;
        }
        let root = match self.roots.lock() {
            Ok(mut roots) => roots.root(file),
            Err(_) => project_root(file),
        };
        let facts = (root, self.package_for(file));
        if let Ok(mut map) = self.folders.lock() {
            map.insert(dir.to_path_buf(), facts.clone());
        }
        facts
    }

    /// The nearest `kind` manifest's fact for `file`, read once per folder.
    fn manifest_fact(&self, file: &Path, kind: Manifest) -> Option<bool> {
        let key = (file.parent()?.to_path_buf(), kind);
        if let Some(cached) = self
            .manifests
            .lock()
            .ok()
            .and_then(|m| m.get(&key).copied())
        {
            return cached;
        }
        let fact = nearest_manifest(file, kind.names()).map(|text| kind.judge(&text));
        if let Ok(mut map) = self.manifests.lock() {
            map.insert(key, fact);
        }
        fact
    }

    /// Forgets cached facts, e.g. when a `package.json` or `.gitignore` changes.
    pub fn invalidate(&self) {
        if let Ok(mut map) = self.folders.lock() {
            map.clear();
        }
        if let Ok(mut roots) = self.roots.lock() {
            *roots = Roots::default();
        }
        if let Ok(mut map) = self.manifests.lock() {
            map.clear();
        }
        if let Ok(mut map) = self.packages.lock() {
            map.clear();
        }
        if let Ok(mut map) = self.gitignores.lock() {
            map.clear();
        }
        if let Ok(mut map) = self.repos.lock() {
            map.clear();
        }
    }

    /// Whether git ignores or tracks the file at `path` (absolute, or relative to the
    /// current folder), from the repository's own files.
    pub fn git_facts(&self, path: &Path) -> GitFacts {
        let abs = absolute(path);
        let repo = Repo::discover(abs.parent().unwrap_or(&abs)).map(|r| self.repo_facts(r));
        let top = match &repo {
            Some(r) => r.repo.root.clone(),
            None => abs
                .ancestors()
                .last()
                .map_or_else(|| PathBuf::from("/"), Path::to_path_buf),
        };
        let tracked = repo.as_ref().is_some_and(|r| {
            r.repo
                .relative(&abs)
                .is_some_and(|rel| r.tracked.contains(&rel))
        });
        let excludes = repo
            .as_ref()
            .map(|r| r.excludes.clone())
            .unwrap_or_default();
        let mut levels_for = |dir: &Path| IgnoreLevels {
            gitignores: dir
                .ancestors()
                .take_while(|a| a.starts_with(&top))
                .filter_map(|a| self.gitignore(a))
                .collect(),
            excludes: excludes.clone(),
        };
        let ignore = git::ignore_state(&top, &abs, &mut levels_for);
        let dir = abs.parent().unwrap_or(&abs);
        let fallback = repo.as_ref().map_or(dir, |r| r.repo.root.as_path());
        let nearest_gitignore = dir
            .ancestors()
            .take_while(|a| a.starts_with(fallback))
            .map(|a| a.join(".gitignore"))
            .find(|g| g.is_file())
            .unwrap_or_else(|| fallback.join(".gitignore"));
        GitFacts {
            nearest_gitignore,
            repo_root: repo.map(|r| r.repo.root.clone()),
            tracked,
            ignore,
        }
    }

    fn gitignore(&self, dir: &Path) -> Option<Arc<Gitignore>> {
        if let Ok(map) = self.gitignores.lock() {
            if let Some(cached) = map.get(dir) {
                return cached.clone();
            }
        }
        let parsed = git::folder_gitignore(dir).map(Arc::new);
        if let Ok(mut map) = self.gitignores.lock() {
            map.insert(dir.to_path_buf(), parsed.clone());
        }
        parsed
    }

    fn repo_facts(&self, repo: Repo) -> Arc<RepoFacts> {
        let index = repo.index_path();
        let mtime = std::fs::metadata(&index).and_then(|m| m.modified()).ok();
        if let Ok(map) = self.repos.lock() {
            if let Some(cached) = map.get(&repo.root) {
                if cached.index_mtime == mtime {
                    return cached.clone();
                }
            }
        }
        let tracked = match git::read_index(&index, git::uses_sha256(&repo)) {
            Ok(paths) => paths,
            Err(err) => {
                // A fresh repository has no index yet: nothing is tracked.
                if index.exists() {
                    tracing::warn!("cannot read the git index: {err}");
                }
                HashSet::new()
            }
        };
        let excludes = [git::info_exclude(&repo), git::global_excludes(&repo.root)]
            .into_iter()
            .flatten()
            .map(Arc::new)
            .collect();
        let facts = Arc::new(RepoFacts {
            excludes,
            index_mtime: mtime,
            tracked: Arc::new(tracked),
            repo,
        });
        if let Ok(mut map) = self.repos.lock() {
            map.insert(facts.repo.root.clone(), facts.clone());
        }
        facts
    }

    fn package_for(&self, file: &Path) -> Option<PackageFacts> {
        let dir = file.parent()?;
        for ancestor in dir.ancestors() {
            if let Ok(map) = self.packages.lock() {
                if let Some(cached) = map.get(ancestor) {
                    return cached.clone();
                }
            }
            let manifest = ancestor.join("package.json");
            if manifest.is_file() {
                let facts = read_package(&manifest);
                if let Ok(mut map) = self.packages.lock() {
                    map.insert(ancestor.to_path_buf(), facts.clone());
                }
                return facts;
            }
            if ancestor.join(".git").exists() {
                break;
            }
        }
        None
    }
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

/// The nearest ancestor holding `.git`; failing that, the nearest with a manifest;
/// failing that, the file's own folder.
pub fn project_root(file: &Path) -> PathBuf {
    let dir = file.parent().unwrap_or(file);
    let found = |holds: &dyn Fn(&Path) -> bool| dir.ancestors().find(|a| holds(a));
    found(&has_git)
        .or_else(|| found(&has_manifest))
        .unwrap_or(dir)
        .to_path_buf()
}

fn has_git(dir: &Path) -> bool {
    dir.join(".git").exists()
}

fn has_manifest(dir: &Path) -> bool {
    const MANIFESTS: &[&str] = &[
        "package.json",
        "pyproject.toml",
        "requirements.txt",
        "setup.py",
        "Pipfile",
    ];
    MANIFESTS.iter().any(|m| dir.join(m).is_file())
}

/// `project_root`, remembering each folder's nearest `.git` and manifest folders, so
/// that a tree's folders are each looked at once rather than once per folder below.
#[derive(Default)]
struct Roots {
    git: HashMap<PathBuf, Option<PathBuf>>,
    manifest: HashMap<PathBuf, Option<PathBuf>>,
}

impl Roots {
    fn root(&mut self, file: &Path) -> PathBuf {
        let dir = file.parent().unwrap_or(file);
        Self::nearest(&mut self.git, dir, &has_git)
            .or_else(|| Self::nearest(&mut self.manifest, dir, &has_manifest))
            .unwrap_or_else(|| dir.to_path_buf())
    }

    /// The nearest of `dir` and its ancestors that `holds`, through `known`.
    fn nearest(
        known: &mut HashMap<PathBuf, Option<PathBuf>>,
        dir: &Path,
        holds: &dyn Fn(&Path) -> bool,
    ) -> Option<PathBuf> {
        // Up to the first folder already known (or the top), then back down.
        let mut unknown = Vec::new();
        let mut answer = None;
        for a in dir.ancestors() {
            if let Some(found) = known.get(a) {
                answer = found.clone();
                break;
            }
            unknown.push(a);
        }
        for a in unknown.into_iter().rev() {
            if holds(a) {
                answer = Some(a.to_path_buf());
            }
            known.insert(a.to_path_buf(), answer.clone());
        }
        answer
    }
}

fn read_package(manifest: &Path) -> Option<PackageFacts> {
    let dir = manifest.parent()?;
    let text = std::fs::read_to_string(manifest).ok()?;
    let json: Value = serde_json::from_str(&text).ok()?;
    let mut deps: Vec<String> = Vec::new();
    for section in ["dependencies", "devDependencies", "peerDependencies"] {
        if let Some(map) = json.get(section).and_then(Value::as_object) {
            deps.extend(map.keys().cloned());
        }
    }
    let has = |list: &[&'static str]| -> Option<&'static str> {
        list.iter().find(|d| deps.iter().any(|x| x == *d)).copied()
    };
    let server = has(SERVER_DEPS);
    let frontend = has(FRONTEND_DEPS);
    let mobile = has(MOBILE_DEPS);
    let (framework, framework_evidence) = match detect_framework(dir, &deps) {
        Some((f, e)) => (Some(f), Some(e)),
        None => (None, None),
    };
    let mobile_app =
        mobile.is_some() || matches!(framework, Some(Framework::Expo | Framework::ReactNative));
    let next_routes = (framework == Some(Framework::Next)).then(|| {
        let found = |name: &str| {
            [dir.join(name), dir.join("src").join(name)]
                .into_iter()
                .find(|d| d.is_dir())
        };
        match (found("app"), found("pages")) {
            (Some(app), _) => NextRoutes::App(app),
            (None, Some(pages)) => NextRoutes::Pages(pages),
            (None, None) => NextRoutes::App(dir.join("app")),
        }
    });
    Some(PackageFacts {
        dir: dir.to_path_buf(),
        browser_frontend: frontend.is_some() && server.is_none()
            || framework == Some(Framework::BrowserExtension),
        mobile_app,
        evidence: framework_evidence
            .or_else(|| mobile.or(frontend).map(|d| format!("dependency `{d}`"))),
        framework,
        next_routes,
    })
}

/// The framework of the package in `dir`: its config files first (`next.config.mjs`,
/// `svelte.config.js`, `angular.json`, an Expo `app.json`), then its dependencies.
fn detect_framework(dir: &Path, deps: &[String]) -> Option<(Framework, String)> {
    let file_with_stem = |stem: &str| -> Option<String> {
        let entries = std::fs::read_dir(dir).ok()?;
        entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .find(|n| {
                n.strip_prefix(stem)
                    .is_some_and(|rest| rest.starts_with('.'))
            })
    };
    let dep = |name: &str| deps.iter().any(|d| d == name);
    let dep_prefix = |prefix: &str| deps.iter().find(|d| d.starts_with(prefix)).cloned();
    if let Some(f) = file_with_stem("next.config") {
        return Some((Framework::Next, f));
    }
    if dep("next") {
        return Some((Framework::Next, "dependency `next`".into()));
    }
    if let Some(f) = file_with_stem("nuxt.config") {
        return Some((Framework::Nuxt, f));
    }
    if dep("nuxt") {
        return Some((Framework::Nuxt, "dependency `nuxt`".into()));
    }
    if let Some(f) = file_with_stem("svelte.config") {
        if dep("@sveltejs/kit") {
            return Some((Framework::SvelteKit, f));
        }
    }
    if dep("@sveltejs/kit") {
        return Some((Framework::SvelteKit, "dependency `@sveltejs/kit`".into()));
    }
    if let Some(d) = dep_prefix("@remix-run/") {
        return Some((Framework::Remix, format!("dependency `{d}`")));
    }
    let app_json = std::fs::read_to_string(dir.join("app.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok());
    if app_json.as_ref().is_some_and(|j| j.get("expo").is_some()) {
        return Some((Framework::Expo, "app.json with an `expo` section".into()));
    }
    if dep("expo") {
        return Some((Framework::Expo, "dependency `expo`".into()));
    }
    if dep("react-native") {
        return Some((Framework::ReactNative, "dependency `react-native`".into()));
    }
    if let Some(f) = file_with_stem("gatsby-config") {
        return Some((Framework::Gatsby, f));
    }
    if dir.join("angular.json").is_file() {
        return Some((Framework::Angular, "angular.json".into()));
    }
    let extension = std::fs::read_to_string(dir.join("manifest.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .is_some_and(|j| j.get("manifest_version").is_some());
    if extension {
        return Some((
            Framework::BrowserExtension,
            "manifest.json with `manifest_version`".into(),
        ));
    }
    if let Some(f) = file_with_stem("vite.config") {
        return Some((Framework::Vite, f));
    }
    if dep("react-scripts") {
        return Some((
            Framework::CreateReactApp,
            "dependency `react-scripts`".into(),
        ));
    }
    None
}

/// Files the project model reads: a change to one can change what other files are.
pub fn is_project_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    const NAMES: &[&str] = &[
        ".gitignore",
        "package.json",
        "app.json",
        "angular.json",
        "manifest.json",
        "pubspec.yaml",
        "Package.swift",
        "build.gradle",
        "build.gradle.kts",
        "exclude",
    ];
    const CONFIG_STEMS: &[&str] = &[
        "next.config.",
        "nuxt.config.",
        "svelte.config.",
        "vite.config.",
        "gatsby-config.",
    ];
    NAMES.contains(&name) || CONFIG_STEMS.iter().any(|s| name.starts_with(s))
}

/// The configuration's verdict for a file, when one of its globs matches: the glob, and
/// whether it marks the file client-side. Globs match the path relative to their
/// config file's folder, or else to the project root.
pub fn side_override<'c>(file: &FileContext, config: &'c Config) -> Option<(&'c str, bool)> {
    let path = file.path.as_deref()?;
    config.side_globs.decide(path, file.project_root.as_deref())
}

/// Where a file runs, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict<'c> {
    /// It ships to users' browsers or devices, for this reason.
    ShipsToUsers(String),
    /// The configuration's server-side glob says it runs on a server.
    ServerByGlob(&'c str),
    /// No client-side signal applies.
    Server,
}

/// Where a file runs: the configuration's globs first, then the project model's
/// inference (`client_side_reason`).
pub fn verdict<'c>(
    file: &FileContext,
    text: &str,
    language: &Language,
    config: &'c Config,
) -> Verdict<'c> {
    match side_override(file, config) {
        Some((glob, true)) => Verdict::ShipsToUsers(format!(
            "the configuration's client-side glob `{glob}` matches it"
        )),
        Some((glob, false)) => Verdict::ServerByGlob(glob),
        None => {
            client_side_reason(file, text, language).map_or(Verdict::Server, Verdict::ShipsToUsers)
        }
    }
}

/// Why a file ships to users (`verdict`), or `None` when it runs on a server.
pub fn classify(
    file: &FileContext,
    text: &str,
    language: &Language,
    config: &Config,
) -> Option<String> {
    match verdict(file, text, language, config) {
        Verdict::ShipsToUsers(reason) => Some(reason),
        Verdict::ServerByGlob(_) | Verdict::Server => None,
    }
}

/// Why a file ships to users' browsers or devices, or `None` when it does not.
pub fn client_side_reason(file: &FileContext, text: &str, language: &Language) -> Option<String> {
    if language.always_client_side {
        return Some(format!(
            "it is {}, which runs in the browser",
            match language.id {
                LanguageId::Html => "an HTML page",
                LanguageId::Vue => "a Vue single-file component",
                LanguageId::Svelte => "a Svelte component",
                _ => "a front-end file",
            }
        ));
    }
    let path = file.path.as_deref();
    let components: Vec<String> = path
        .map(|p| {
            p.components()
                .filter_map(|c| match c {
                    Component::Normal(s) => s.to_str().map(str::to_ascii_lowercase),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let file_name = file.file_name().unwrap_or("").to_ascii_lowercase();

    let head = directive_head(text);
    if head.iter().any(|d| d == "use client") {
        return Some("it starts with a \"use client\" directive".into());
    }
    match language.id {
        LanguageId::JavaScript | LanguageId::TypeScript | LanguageId::Tsx => {}
        LanguageId::Kotlin | LanguageId::Java => {
            return android_reason(&components, text, file.android_module)
        }
        LanguageId::Swift => {
            return apple_app_reason(path, &components, text, file.swift_server_package)
        }
        LanguageId::Dart => return flutter_reason(&components, text, file.flutter_package),
        _ => return None,
    }
    if is_server_location(&components, &file_name, text) || head.iter().any(|d| d == "use server") {
        return None;
    }
    if let Some(dir) = components
        .iter()
        .rev()
        .skip(1)
        .find(|c| matches!(c.as_str(), "public" | "static" | "www"))
    {
        return Some(format!("it is served as a static asset from `{dir}/`"));
    }
    if let Some(pkg) = &file.package {
        let evidence = pkg.evidence.as_deref().unwrap_or("");
        let rel = path.and_then(|p| p.strip_prefix(&pkg.dir).ok());
        if let (Some(framework), Some(rel)) = (pkg.framework, rel) {
            if let Some(reason) = framework_reason(framework, rel, &file_name) {
                return Some(format!(
                    "{reason} ({} project: {evidence})",
                    framework.name()
                ));
            }
        }
        if pkg.mobile_app && !is_build_tooling(&file_name) {
            return Some(format!(
                "it is app code of a {evidence} project, shipped inside the app"
            ));
        }
        if pkg.browser_frontend {
            if let Some(rel) = path.and_then(|p| p.strip_prefix(&pkg.dir).ok()) {
                if rel.components().next().and_then(|c| c.as_os_str().to_str()) == Some("src") {
                    return Some(format!(
                        "it is front-end source of a {evidence} project, bundled for the browser"
                    ));
                }
            }
        }
    }
    if is_react_component(text) {
        return Some(
            "it is a React component that uses hooks or DOM event handlers, so it runs in the browser"
                .into(),
        );
    }
    None
}

/// Where a framework puts code that runs in the browser, for a file at `rel` inside its
/// package. Server locations were ruled out before.
fn framework_reason(framework: Framework, rel: &Path, file_name: &str) -> Option<String> {
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| c.as_os_str().to_str().map(str::to_ascii_lowercase))
        .collect();
    let dirs = &parts[..parts.len().saturating_sub(1)];
    // The first folder that means something: `src/` (and Nuxt 4's `app/`) hold the
    // same folders as the package's top.
    let wrapper = |d: &str| d == "src" || (d == "app" && framework == Framework::Nuxt);
    let first = match dirs {
        [w, d, ..] if wrapper(w) => Some(d.as_str()),
        [d, ..] => Some(d.as_str()),
        [] => None,
    };
    let top = |names: &[&str]| first.is_some_and(|d| names.contains(&d));
    match framework {
        Framework::Next if top(&["pages"]) && !file_name.starts_with("_document.") => {
            Some("it is a Pages Router page, bundled for the browser (only getServerSideProps and the like stay on the server)".into())
        }
        Framework::Nuxt
            if top(&[
                "pages",
                "components",
                "layouts",
                "composables",
                "plugins",
                "middleware",
            ]) && !file_name.contains(".server.") =>
        {
            Some("it is in a Nuxt folder whose code runs in the browser".into())
        }
        Framework::SvelteKit => {
            let stem = file_name.split('.').next().unwrap_or("");
            let universal = matches!(stem, "+page" | "+layout")
                && (file_name.ends_with(".ts") || file_name.ends_with(".js"));
            if universal {
                Some("it is a universal load module: SvelteKit runs it in the browser too".into())
            } else if file_name.starts_with("hooks.client.") {
                Some("it is SvelteKit's client hooks module".into())
            } else {
                None
            }
        }
        Framework::Vite | Framework::CreateReactApp | Framework::Angular | Framework::Gatsby
            if dirs.first().is_some_and(|d| d == "src") =>
        {
            Some("it is front-end source, bundled for the browser".into())
        }
        Framework::BrowserExtension => Some("it is part of a browser extension".into()),
        _ => None,
    }
}

/// Build configuration beside an app's code (`babel.config.js`, `metro.config.js`,
/// `app.config.ts`): it runs on the developer's machine, not in the app.
fn is_build_tooling(file_name: &str) -> bool {
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    stem.ends_with(".config") || stem.ends_with("rc") && file_name.starts_with('.')
}

/// The folders of a path, lowercase, without the file name.
fn dirs(components: &[String]) -> &[String] {
    &components[..components.len().saturating_sub(1)]
}

fn has_pair(components: &[String], a: &str, b: &str) -> bool {
    dirs(components).windows(2).any(|w| w[0] == a && w[1] == b)
}

/// Android app code: imports the Android SDK, or sits in an app module's `src/main/`
/// (or a Kotlin Multiplatform `androidMain`).
fn android_reason(
    components: &[String],
    text: &str,
    android_module: Option<bool>,
) -> Option<String> {
    let dirs = dirs(components);
    let imports_android = ANDROID_IMPORTS.iter().any(|m| text.contains(m));
    // Unit and instrumented tests do not ship in the app.
    let test_code =
        has_pair(components, "src", "test") || has_pair(components, "src", "androidtest");
    let server = dirs.iter().any(|d| d == "server" || d == "backend");
    let main_source =
        has_pair(components, "src", "main") || dirs.iter().any(|d| d == "androidmain");
    let reason = match android_module {
        // The Gradle build says it: an Android module's main sources ship in the app.
        Some(true) if main_source && !test_code => {
            Some("it is main source of an Android module (its Gradle build applies the Android plugin), shipped inside the app")
        }
        // A Gradle module without the Android plugin (a Ktor or Spring server) does not.
        Some(false) if !imports_android => None,
        _ if imports_android && !test_code => Some("it is Android app code (it imports the Android SDK), shipped inside the app"),
        _ if main_source && dirs.iter().any(|d| d == "app") && !server => {
            Some("it is Android app code, shipped inside the app")
        }
        _ => None,
    };
    reason.map(String::from)
}

/// Swift is iOS and macOS app code unless it is a server (Vapor, Hummingbird): by its
/// imports, its folder, or the package it belongs to.
fn apple_app_reason(
    path: Option<&Path>,
    components: &[String],
    text: &str,
    server_package: Option<bool>,
) -> Option<String> {
    let server_import = SWIFT_SERVER_IMPORTS.iter().any(|m| text.contains(m));
    let server_dir = dirs(components)
        .iter()
        .any(|d| d == "server" || d == "backend");
    // Xcode test targets: `WalletTests/`, `WalletUITests/` (capitalised: not `unit-tests/`).
    let test_code = path.is_some_and(|p| {
        p.parent().is_some_and(|dir| {
            dir.components().any(|c| {
                c.as_os_str()
                    .to_str()
                    .is_some_and(|d| d.len() > 5 && d.ends_with("Tests") && !d.contains('-'))
            })
        })
    });
    (!server_import && !server_dir && server_package != Some(true) && !test_code)
        .then(|| "it is Swift app code, shipped inside the iOS or macOS app".into())
}

/// Flutter app code: imports Flutter, or sits in a package's `lib/` next to Flutter code.
/// A package's `lib/` ships with a Flutter app only when its pubspec depends on
/// Flutter; a pure Dart server package (shelf, dart_frog) keeps `lib/` on the server.
fn flutter_reason(
    components: &[String],
    text: &str,
    flutter_package: Option<bool>,
) -> Option<String> {
    let flutter = text.contains(FLUTTER_IMPORT);
    let in_lib = dirs(components).iter().any(|d| d == "lib");
    let server =
        text.contains(SHELF_IMPORT) || dirs(components).iter().any(|d| d == "bin" || d == "server");
    // Tests run on the developer's machine, not in the app.
    let test_code = dirs(components)
        .iter()
        .any(|d| matches!(d.as_str(), "test" | "integration_test" | "test_driver"));
    let app_package = flutter_package != Some(false);
    (!test_code && (flutter || (in_lib && !server && app_package)))
        .then(|| "it is Flutter app code, shipped inside the app".into())
}

/// The text of the nearest of `names` above `file`, within its repository.
fn nearest_manifest(file: &Path, names: &[&str]) -> Option<String> {
    let dir = file.parent()?;
    for ancestor in dir.ancestors() {
        for name in names {
            if let Ok(text) = std::fs::read_to_string(ancestor.join(name)) {
                return Some(text);
            }
        }
        if ancestor.join(".git").exists() {
            break;
        }
    }
    None
}

/// Server route folders and server-only modules.
fn is_server_location(components: &[String], file_name: &str, text: &str) -> bool {
    let dirs = &components[..components.len().saturating_sub(1)];
    let pair = |a: &str, b: &str| dirs.windows(2).any(|w| w[0] == a && w[1] == b);
    pair("app", "api")
        || pair("pages", "api")
        || pair("lib", "server")
        || dirs.iter().any(|d| d == "server" || d == "functions")
        || file_name.contains(".server.")
        || file_name.starts_with("route.")
        || file_name.starts_with("+server.")
        || file_name.starts_with("middleware.")
        || file_name.starts_with("next.config.")
        || SERVER_ONLY_IMPORTS.iter().any(|m| text.contains(m))
}

/// String directives before the first statement: `"use client"`, `'use strict'`.
fn directive_head(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().take(DIRECTIVE_LINES) {
        let t = line.trim();
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        let t = t.trim_end_matches(';').trim();
        let quoted =
            (t.starts_with('"') && t.ends_with('"')) || (t.starts_with('\'') && t.ends_with('\''));
        if quoted && t.len() >= 2 {
            out.push(t[1..t.len() - 1].to_string());
        } else {
            break;
        }
    }
    out
}

fn is_react_component(text: &str) -> bool {
    let jsx = JSX.iter().any(|m| text.contains(m));
    let hooks = HOOKS.iter().any(|h| text.contains(h));
    let handlers = HANDLERS.iter().any(|h| text.contains(h));
    (jsx && (hooks || handlers)) || (hooks && REACT_IMPORTS.iter().any(|m| text.contains(m)))
}

// What the classification reads of a file's text: its first lines (directives), and
// whether these strings occur anywhere. `text_markers` lists them all, so that the
// editor can tell an edit that cannot change the verdict.
const DIRECTIVE_LINES: usize = 20;
const ANDROID_IMPORTS: &[&str] = &["import android.", "import androidx."];
const SWIFT_SERVER_IMPORTS: &[&str] = &[
    "import Vapor",
    "import Hummingbird",
    "import Kitura",
    "import NIOHTTP1",
];
const FLUTTER_IMPORT: &str = "package:flutter/";
const SHELF_IMPORT: &str = "package:shelf";
const SERVER_ONLY_IMPORTS: &[&str] = &["'server-only'", "\"server-only\""];
const JSX: &[&str] = &["</", "/>"];
const HOOKS: &[&str] = &[
    "useState(",
    "useEffect(",
    "useReducer(",
    "useLayoutEffect(",
    "useRef(",
    "useSWR(",
    "useQuery(",
];
const HANDLERS: &[&str] = &["onClick={", "onChange={", "onSubmit={", "onInput={"];
const REACT_IMPORTS: &[&str] = &["from \"react\"", "from 'react'"];

/// Every string whose presence anywhere in a file's text can change `classify`.
pub fn text_markers() -> impl Iterator<Item = &'static str> {
    [
        ANDROID_IMPORTS,
        SWIFT_SERVER_IMPORTS,
        &[FLUTTER_IMPORT, SHELF_IMPORT],
        SERVER_ONLY_IMPORTS,
        JSX,
        HOOKS,
        HANDLERS,
        REACT_IMPORTS,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Whether an edit at `offset` can change the directives `classify` reads at the top.
pub fn in_directive_head(text: &str, offset: usize) -> bool {
    let head_end = text
        .match_indices('\n')
        .nth(DIRECTIVE_LINES)
        .map_or(text.len(), |(at, _)| at);
    offset <= head_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pure_dart_package_keeps_lib_on_the_server() {
        let dart = Language::get(LanguageId::Dart);
        let mut server = ctx("/p/wallet_api/lib/routes.dart");
        server.flutter_package = Some(false);
        assert!(client_side_reason(&server, "import 'dart:io';", dart).is_none());
        let mut app = ctx("/p/wallet_app/lib/api.dart");
        app.flutter_package = Some(true);
        assert!(client_side_reason(&app, "import 'dart:io';", dart).is_some());
        // A Flutter import decides on its own.
        assert!(
            client_side_reason(&server, "import 'package:flutter/material.dart';", dart).is_some()
        );
    }

    fn js() -> &'static Language {
        Language::get(LanguageId::JavaScript)
    }

    fn ctx(path: &str) -> FileContext {
        FileContext::for_path(Path::new(path))
    }

    #[test]
    fn use_client_directive_makes_a_file_client_side() {
        let text = "\"use client\";\nimport x from 'y';\n";
        assert!(client_side_reason(&ctx("/p/app/page.tsx"), text, js()).is_some());
    }

    #[test]
    fn api_routes_are_server_side_even_with_hooks_in_text() {
        let text = "export async function GET() { const x = useState(1); return <a/> }";
        assert!(client_side_reason(&ctx("/p/app/api/mufi/route.ts"), text, js()).is_none());
        assert!(client_side_reason(&ctx("/p/lib/mufi.server.ts"), text, js()).is_none());
    }

    #[test]
    fn public_folder_and_hook_components_are_client_side() {
        assert!(client_side_reason(&ctx("/p/public/widget.js"), "fetch(x)", js()).is_some());
        let comp = "import { useState } from 'react';\nexport function W() { const [a] = useState(0); return <div onClick={() => 1} />; }";
        assert!(client_side_reason(&ctx("/p/components/W.jsx"), comp, js()).is_some());
        assert!(client_side_reason(&ctx("/p/scripts/sync.js"), "fetch(x)", js()).is_none());
    }

    #[test]
    fn vite_src_is_client_side() {
        let mut c = ctx("/p/web/src/api.ts");
        c.package = Some(PackageFacts {
            dir: PathBuf::from("/p/web"),
            framework: None,
            browser_frontend: true,
            mobile_app: false,
            evidence: Some("vite".into()),
            next_routes: None,
        });
        let reason = client_side_reason(&c, "export const x = 1;", js()).unwrap();
        assert!(reason.contains("vite"), "{reason}");
        let mut other = c.clone();
        other.path = Some(PathBuf::from("/p/web/vite.config.ts"));
        assert!(client_side_reason(&other, "export const x = 1;", js()).is_none());
    }

    fn in_framework(path: &str, framework: Framework) -> FileContext {
        let mut c = ctx(path);
        c.package = Some(PackageFacts {
            dir: PathBuf::from("/p/web"),
            framework: Some(framework),
            browser_frontend: false,
            mobile_app: false,
            evidence: Some("a config file".into()),
            next_routes: None,
        });
        c
    }

    #[test]
    fn frameworks_decide_by_their_own_folders() {
        let code = "export const x = 1;";
        let client =
            |path: &str, f: Framework| client_side_reason(&in_framework(path, f), code, js());
        // SvelteKit: universal load modules and client hooks run in the browser.
        assert!(client("/p/web/src/routes/+page.ts", Framework::SvelteKit).is_some());
        assert!(client("/p/web/src/routes/w/+layout.js", Framework::SvelteKit).is_some());
        assert!(client("/p/web/src/hooks.client.ts", Framework::SvelteKit).is_some());
        assert!(client("/p/web/src/routes/+page.server.ts", Framework::SvelteKit).is_none());
        assert!(client("/p/web/src/routes/api/+server.ts", Framework::SvelteKit).is_none());
        assert!(client("/p/web/src/lib/server/mufi.ts", Framework::SvelteKit).is_none());
        // Next.js: the Pages Router bundles pages, not API routes or _document.
        assert!(client("/p/web/pages/wallet.tsx", Framework::Next).is_some());
        assert!(client("/p/web/src/pages/index.tsx", Framework::Next).is_some());
        assert!(client("/p/web/pages/_document.tsx", Framework::Next).is_none());
        assert!(client("/p/web/pages/api/wallet.ts", Framework::Next).is_none());
        assert!(client("/p/web/app/page.tsx", Framework::Next).is_none());
        // Nuxt: pages, components, composables, plugins; not server/.
        assert!(client("/p/web/composables/useWallet.ts", Framework::Nuxt).is_some());
        assert!(client("/p/web/app/pages/index.vue", Framework::Nuxt).is_some());
        assert!(client("/p/web/plugins/mufi.server.ts", Framework::Nuxt).is_none());
        assert!(client("/p/web/server/api/wallet.ts", Framework::Nuxt).is_none());
        // A Vite project's src/ ships even when the package also runs a server.
        assert!(client("/p/web/src/api.ts", Framework::Vite).is_some());
        assert!(client("/p/web/server/proxy.ts", Framework::Vite).is_none());
        assert!(client("/p/web/scripts/seed.ts", Framework::Vite).is_none());
    }

    #[test]
    fn gradle_and_swift_packages_decide_for_jvm_and_swift_files() {
        let kotlin = Language::get(LanguageId::Kotlin);
        let mut app = ctx("/p/wallet/src/main/kotlin/Mufi.kt");
        app.android_module = Some(true);
        assert!(client_side_reason(&app, "class Mufi", kotlin).is_some());
        let mut test = ctx("/p/wallet/src/test/kotlin/MufiTest.kt");
        test.android_module = Some(true);
        assert!(client_side_reason(&test, "class MufiTest", kotlin).is_none());
        let mut server = ctx("/p/app/src/main/kotlin/Server.kt");
        server.android_module = Some(false);
        assert!(client_side_reason(&server, "fun main() {}", kotlin).is_none());
        let swift = Language::get(LanguageId::Swift);
        let mut vapor = ctx("/p/Backend/Sources/App/Mufi.swift");
        vapor.swift_server_package = Some(true);
        assert!(client_side_reason(&vapor, "import Foundation", swift).is_none());
        let ios = ctx("/p/Wallet/Mufi.swift");
        assert!(client_side_reason(&ios, "import SwiftUI", swift).is_some());
        let xctest = ctx("/p/WalletTests/MufiTests.swift");
        assert!(client_side_reason(&xctest, "import XCTest", swift).is_none());
    }

    #[test]
    fn configured_globs_decide_before_the_model() {
        let mut config = Config::default();
        config.side_globs = crate::config::SideGlobs::new(
            &["scripts/embed/**".to_string()],
            &["web/src/server-bridge/**".to_string()],
        )
        .unwrap();
        let mut script = ctx("/p/scripts/embed/widget.js");
        script.project_root = Some(PathBuf::from("/p"));
        let reason = classify(&script, "fetch(x)", js(), &config).unwrap();
        assert!(reason.contains("scripts/embed/**"), "{reason}");
        let mut bridge = in_framework("/p/web/src/server-bridge/mufi.ts", Framework::Vite);
        bridge.project_root = Some(PathBuf::from("/p"));
        assert!(
            client_side_reason(&bridge, "x", js()).is_some(),
            "the model says client"
        );
        assert!(
            classify(&bridge, "x", js(), &config).is_none(),
            "the glob says server"
        );
    }

    /// The remembered walk finds the roots a fresh walk finds, in any order of asking:
    /// a `.git` anywhere above wins over a nearer manifest, a manifest over nothing.
    #[test]
    fn remembered_roots_are_the_roots_a_walk_finds() {
        let top = tempfile::tempdir().unwrap();
        let t = top.path();
        for dir in [
            "repo/.git",
            "repo/web/src/ui",
            "loose/app/lib",
            "loose/bare/x",
        ] {
            std::fs::create_dir_all(t.join(dir)).unwrap();
        }
        std::fs::write(t.join("repo/web/package.json"), "{}").unwrap();
        std::fs::write(t.join("loose/app/pyproject.toml"), "").unwrap();
        let files = [
            "loose/app/lib/m.py",
            "repo/web/src/ui/a.ts",
            "loose/bare/x/y.py",
            "repo/web/b.ts",
            "loose/app/c.py",
            "repo/d.ts",
        ];
        let mut roots = Roots::default();
        for file in files {
            let file = t.join(file);
            assert_eq!(roots.root(&file), project_root(&file), "{}", file.display());
        }
        assert_eq!(roots.root(&t.join("repo/web/src/ui/a.ts")), t.join("repo"));
        assert_eq!(
            roots.root(&t.join("loose/app/lib/m.py")),
            t.join("loose/app")
        );
        assert_eq!(
            roots.root(&t.join("loose/bare/x/y.py")),
            t.join("loose/bare/x")
        );
    }

    /// A manifest or `.git` that appears is seen once the model is invalidated, as the
    /// editor does when such a file changes: the remembered roots are forgotten too.
    #[test]
    fn an_invalidated_model_finds_a_new_project_root() {
        let top = tempfile::tempdir().unwrap();
        let app = top.path().join("app");
        std::fs::create_dir_all(app.join("lib")).unwrap();
        let file = app.join("lib/m.py");
        let model = ProjectModel::default();
        assert_eq!(
            model.file_context(&file).project_root,
            Some(app.join("lib"))
        );
        std::fs::write(app.join("pyproject.toml"), "").unwrap();
        model.invalidate();
        assert_eq!(model.file_context(&file).project_root, Some(app));
    }
}
