//! The registry of languages mufi-lsp understands and the per-language facts rules
//! and fixes need: grammar, file names, comment syntax, how to read an env var.

use std::path::Path;
use std::sync::OnceLock;

use tree_sitter::Language as Grammar;

/// Every language the engine knows. Adding one means a variant, a registry entry
/// and query files under `queries/<query_dir>/`; the engine does not change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LanguageId {
    JavaScript,
    TypeScript,
    Tsx,
    Python,
    Dotenv,
}

/// How a language reads the `MUFI_API_KEY` environment variable, for the MUFI001 fix.
#[derive(Clone, Copy, Debug)]
pub enum EnvRead {
    /// `process.env.MUFI_API_KEY`
    NodeProcessEnv,
    /// `os.environ["MUFI_API_KEY"]`, with `import os` added when missing.
    PythonOsEnviron,
    /// Not source code (dotenv): nothing to rewrite.
    None,
}

/// One registry entry.
#[derive(Debug)]
pub struct Language {
    pub id: LanguageId,
    /// Human name, also used in reports.
    pub name: &'static str,
    /// LSP `languageId`s editors send for this language.
    pub lsp_ids: &'static [&'static str],
    /// File extensions, without the dot.
    pub extensions: &'static [&'static str],
    /// Folders under `queries/` whose rule queries apply, shared ones first.
    pub query_dirs: &'static [&'static str],
    /// Line comment opener (`//`, `#`).
    pub line_comment: &'static str,
    pub env_read: EnvRead,
    grammar: Option<fn() -> Grammar>,
}

impl Language {
    /// The tree-sitter grammar, if this language is parsed with one.
    pub fn grammar(&self) -> Option<Grammar> {
        self.grammar.map(|make| make())
    }

    /// The expression that reads `var` from the environment, as this language writes it.
    pub fn env_read_expr(&self, var: &str) -> Option<String> {
        match self.env_read {
            EnvRead::NodeProcessEnv => Some(format!("process.env.{var}")),
            EnvRead::PythonOsEnviron => Some(format!("os.environ[\"{var}\"]")),
            EnvRead::None => None,
        }
    }

    pub fn is_js_family(&self) -> bool {
        matches!(
            self.id,
            LanguageId::JavaScript | LanguageId::TypeScript | LanguageId::Tsx
        )
    }

    /// Looks a language up by id.
    pub fn get(id: LanguageId) -> &'static Language {
        registry()
            .iter()
            .find(|l| l.id == id)
            .expect("every LanguageId has a registry entry")
    }

    /// Picks the language of a file from its name alone.
    pub fn for_path(path: &Path) -> Option<&'static Language> {
        let file_name = path.file_name()?.to_str()?;
        if is_dotenv_name(file_name) {
            return Some(Language::get(LanguageId::Dotenv));
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        registry()
            .iter()
            .find(|l| l.extensions.iter().any(|e| *e == ext))
    }

    /// Picks the language from an editor's `languageId`, falling back to the path.
    pub fn for_lsp_id(lsp_id: &str, path: Option<&Path>) -> Option<&'static Language> {
        // The path wins for dotenv: editors send `plaintext`, `dotenv` or `properties`.
        if let Some(lang) = path.and_then(Language::for_path) {
            if lang.id == LanguageId::Dotenv || lang.lsp_ids.contains(&lsp_id) {
                return Some(lang);
            }
        }
        registry()
            .iter()
            .find(|l| l.lsp_ids.contains(&lsp_id))
            .or_else(|| path.and_then(Language::for_path))
    }
}

/// `.env`, `.env.local`, `.env.production`, `production.env`, … but not the
/// committed templates (`.env.example`, `.env.sample`, `.env.template`).
pub fn is_dotenv_name(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    lower == ".env" || lower.starts_with(".env.") || lower.ends_with(".env")
}

/// Dotenv files that are meant to be committed as documentation.
pub fn is_dotenv_template(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    is_dotenv_name(&lower)
        && ["example", "sample", "template", "dist", "defaults"]
            .iter()
            .any(|t| lower.contains(t))
}

fn javascript() -> Grammar {
    tree_sitter_javascript::LANGUAGE.into()
}
fn typescript() -> Grammar {
    tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()
}
fn tsx() -> Grammar {
    tree_sitter_typescript::LANGUAGE_TSX.into()
}
fn python() -> Grammar {
    tree_sitter_python::LANGUAGE.into()
}

/// All languages, in a stable order.
pub fn registry() -> &'static [Language] {
    static REGISTRY: OnceLock<Vec<Language>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        vec![
            Language {
                id: LanguageId::JavaScript,
                name: "JavaScript",
                lsp_ids: &["javascript", "javascriptreact", "jsx"],
                extensions: &["js", "jsx", "mjs", "cjs"],
                query_dirs: &["ecmascript", "javascript"],
                line_comment: "//",
                env_read: EnvRead::NodeProcessEnv,
                grammar: Some(javascript),
            },
            Language {
                id: LanguageId::TypeScript,
                name: "TypeScript",
                lsp_ids: &["typescript"],
                extensions: &["ts", "mts", "cts"],
                query_dirs: &["ecmascript", "typescript"],
                line_comment: "//",
                env_read: EnvRead::NodeProcessEnv,
                grammar: Some(typescript),
            },
            Language {
                id: LanguageId::Tsx,
                name: "TSX",
                lsp_ids: &["typescriptreact", "tsx"],
                extensions: &["tsx"],
                query_dirs: &["ecmascript", "typescript"],
                line_comment: "//",
                env_read: EnvRead::NodeProcessEnv,
                grammar: Some(tsx),
            },
            Language {
                id: LanguageId::Python,
                name: "Python",
                lsp_ids: &["python"],
                extensions: &["py", "pyi", "pyw"],
                query_dirs: &["python"],
                line_comment: "#",
                env_read: EnvRead::PythonOsEnviron,
                grammar: Some(python),
            },
            Language {
                id: LanguageId::Dotenv,
                name: "dotenv",
                lsp_ids: &["dotenv", "env"],
                extensions: &["env"],
                query_dirs: &[],
                line_comment: "#",
                env_read: EnvRead::None,
                grammar: None,
            },
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_language_from_file_name() {
        let id = |p: &str| Language::for_path(Path::new(p)).map(|l| l.id);
        assert_eq!(id("web/app/page.tsx"), Some(LanguageId::Tsx));
        assert_eq!(id("a/b.jsx"), Some(LanguageId::JavaScript));
        assert_eq!(id("server.mjs"), Some(LanguageId::JavaScript));
        assert_eq!(id("api/main.py"), Some(LanguageId::Python));
        assert_eq!(id("x/.env.local"), Some(LanguageId::Dotenv));
        assert_eq!(id(".env"), Some(LanguageId::Dotenv));
        assert_eq!(id("README.md"), None);
    }

    #[test]
    fn dotenv_templates_are_recognised() {
        assert!(is_dotenv_template(".env.example"));
        assert!(is_dotenv_template(".env.sample"));
        assert!(!is_dotenv_template(".env.production"));
    }

    #[test]
    fn editor_language_id_falls_back_to_path() {
        let lang = Language::for_lsp_id("plaintext", Some(Path::new("/p/.env"))).map(|l| l.id);
        assert_eq!(lang, Some(LanguageId::Dotenv));
        let lang = Language::for_lsp_id("typescriptreact", None).map(|l| l.id);
        assert_eq!(lang, Some(LanguageId::Tsx));
    }
}
