//! What a file is within its project: does it ship to browsers or devices, which
//! package and root it belongs to. Disk reads happen in `ProjectModel`; the
//! classification itself is a pure function of those facts and the file's text.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use serde_json::Value;

use crate::language::{Language, LanguageId};

/// Facts read from the nearest `package.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackageFacts {
    pub dir: PathBuf,
    /// Depends on a browser front-end toolchain (vite, react-scripts, Angular, Svelte, Vue)
    /// and on no server framework.
    pub browser_frontend: bool,
    /// React Native or Expo: everything ships inside the app.
    pub mobile_app: bool,
    /// Which dependency decided it, for explanations.
    pub evidence: Option<String>,
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
        let is_dart = abs.extension().is_some_and(|e| e == "dart");
        FileContext {
            project_root: Some(project_root(&abs)),
            package: self.package_for(&abs),
            flutter_package: if is_dart { flutter_pubspec(&abs) } else { None },
            path: Some(abs),
        }
    }

    /// Forgets cached facts, e.g. when a `package.json` changes.
    pub fn invalidate(&self) {
        if let Ok(mut map) = self.packages.lock() {
            map.clear();
        }
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
    if let Some(git) = dir.ancestors().find(|a| a.join(".git").exists()) {
        return git.to_path_buf();
    }
    const MANIFESTS: &[&str] = &[
        "package.json",
        "pyproject.toml",
        "requirements.txt",
        "setup.py",
        "Pipfile",
    ];
    dir.ancestors()
        .find(|a| MANIFESTS.iter().any(|m| a.join(m).is_file()))
        .unwrap_or(dir)
        .to_path_buf()
}

fn read_package(manifest: &Path) -> Option<PackageFacts> {
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
    Some(PackageFacts {
        dir: manifest.parent()?.to_path_buf(),
        browser_frontend: frontend.is_some() && server.is_none(),
        mobile_app: mobile.is_some(),
        evidence: mobile.or(frontend).map(String::from),
    })
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
        LanguageId::Kotlin | LanguageId::Java => return android_reason(&components, text),
        LanguageId::Swift => return apple_app_reason(&components, text),
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
        if pkg.mobile_app {
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

/// The folders of a path, lowercase, without the file name.
fn dirs(components: &[String]) -> &[String] {
    &components[..components.len().saturating_sub(1)]
}

fn has_pair(components: &[String], a: &str, b: &str) -> bool {
    dirs(components).windows(2).any(|w| w[0] == a && w[1] == b)
}

/// Android app code: imports the Android SDK, or sits in an app module's `src/main/`
/// (or a Kotlin Multiplatform `androidMain`).
fn android_reason(components: &[String], text: &str) -> Option<String> {
    let imports_android = text.contains("import android.") || text.contains("import androidx.");
    let app_module = has_pair(components, "src", "main")
        && dirs(components).iter().any(|d| d == "app")
        || dirs(components).iter().any(|d| d == "androidmain");
    let server = dirs(components)
        .iter()
        .any(|d| d == "server" || d == "backend");
    if imports_android || (app_module && !server) {
        return Some("it is Android app code, shipped inside the app".into());
    }
    None
}

/// Swift is iOS and macOS app code unless it is a server (Vapor, Hummingbird).
fn apple_app_reason(components: &[String], text: &str) -> Option<String> {
    let server_import = [
        "import Vapor",
        "import Hummingbird",
        "import Kitura",
        "import NIOHTTP1",
    ]
    .iter()
    .any(|m| text.contains(m));
    let server_dir = dirs(components)
        .iter()
        .any(|d| d == "server" || d == "backend");
    (!server_import && !server_dir)
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
    let flutter = text.contains("package:flutter/");
    let in_lib = dirs(components).iter().any(|d| d == "lib");
    let server = text.contains("package:shelf")
        || dirs(components).iter().any(|d| d == "bin" || d == "server");
    let app_package = flutter_package != Some(false);
    (flutter || (in_lib && !server && app_package))
        .then(|| "it is Flutter app code, shipped inside the app".into())
}

/// Whether the nearest `pubspec.yaml` above `file` depends on the Flutter SDK.
fn flutter_pubspec(file: &Path) -> Option<bool> {
    let dir = file.parent()?;
    for ancestor in dir.ancestors() {
        let pubspec = ancestor.join("pubspec.yaml");
        if let Ok(text) = std::fs::read_to_string(&pubspec) {
            return Some(text.lines().any(|l| {
                let l = l.trim();
                l == "sdk: flutter" || (l.starts_with("flutter:") && !l.contains('"'))
            }));
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
        || file_name.starts_with("middleware.")
        || file_name.starts_with("next.config.")
        || text.contains("'server-only'")
        || text.contains("\"server-only\"")
}

/// String directives before the first statement: `"use client"`, `'use strict'`.
fn directive_head(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().take(20) {
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
    let jsx = text.contains("</") || text.contains("/>");
    let hooks = HOOKS.iter().any(|h| text.contains(h));
    let handlers = HANDLERS.iter().any(|h| text.contains(h));
    (jsx && (hooks || handlers))
        || (hooks && text.contains("from \"react\""))
        || (hooks && text.contains("from 'react'"))
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
            browser_frontend: true,
            mobile_app: false,
            evidence: Some("vite".into()),
        });
        let reason = client_side_reason(&c, "export const x = 1;", js()).unwrap();
        assert!(reason.contains("vite"), "{reason}");
        let mut other = c.clone();
        other.path = Some(PathBuf::from("/p/web/vite.config.ts"));
        assert!(client_side_reason(&other, "export const x = 1;", js()).is_none());
    }
}
