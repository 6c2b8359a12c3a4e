//! The registry of languages mufi-lsp understands and the per-language facts rules
//! and fixes need: grammar, file names, comment syntax, how to read an env var, and
//! which other languages a file can embed.

pub mod embed;
pub mod env_read;
pub mod lexer;

use std::path::Path;
use std::sync::OnceLock;

use tree_sitter::{Language as Grammar, Tree};

pub use env_read::EnvRead;

/// Every language the engine knows. Adding one means a variant, a registry entry
/// and query files under `queries/<query_dir>/`; the engine does not change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LanguageId {
    JavaScript,
    TypeScript,
    Tsx,
    Python,
    Go,
    Rust,
    Java,
    Kotlin,
    CSharp,
    Ruby,
    Php,
    Swift,
    Dart,
    Html,
    Vue,
    Svelte,
    Shell,
    Dockerfile,
    Yaml,
    Json,
    Toml,
    Dotenv,
}

/// How a language writes comments, for suppression comments and their quick fix.
#[derive(Clone, Copy, Debug)]
pub struct CommentSyntax {
    /// Line comment opener (`//`, `#`).
    pub line: Option<&'static str>,
    /// Block comment delimiters (`<!--`, `-->`), used when there is no line comment.
    pub block: Option<(&'static str, &'static str)>,
}

impl CommentSyntax {
    const SLASHES: CommentSyntax = CommentSyntax {
        line: Some("//"),
        block: Some(("/*", "*/")),
    };
    const HASH: CommentSyntax = CommentSyntax {
        line: Some("#"),
        block: None,
    };
    const MARKUP: CommentSyntax = CommentSyntax {
        line: None,
        block: Some(("<!--", "-->")),
    };
    const NONE: CommentSyntax = CommentSyntax {
        line: None,
        block: None,
    };

    /// `text` as a comment on a line of its own, or `None` when the language has none.
    pub fn wrap(&self, text: &str) -> Option<String> {
        match (self.line, self.block) {
            (Some(line), _) => Some(format!("{line} {text}")),
            (None, Some((open, close))) => Some(format!("{open} {text} {close}")),
            (None, None) => None,
        }
    }
}

/// One registry entry.
#[derive(Debug)]
pub struct Language {
    pub id: LanguageId,
    /// Human name, also used in reports and `docs/languages.md`.
    pub name: &'static str,
    /// LSP `languageId`s editors send for this language.
    pub lsp_ids: &'static [&'static str],
    /// File extensions, without the dot.
    pub extensions: &'static [&'static str],
    /// Whole file names (`Dockerfile`, `Gemfile`), and prefixes ending in `.` (`Dockerfile.`).
    pub file_names: &'static [&'static str],
    /// Folders under `queries/` whose rule queries apply, shared ones first.
    pub query_dirs: &'static [&'static str],
    pub comment: CommentSyntax,
    /// How the MUFI001 fix reads `MUFI_API_KEY` (see `env_read.rs`).
    pub env_read: EnvRead,
    /// Ships to browsers or devices whatever its path (HTML, single-file components).
    pub always_client_side: bool,
    grammar: Option<fn() -> Grammar>,
    /// Code of other languages inside this one: `<script>` in HTML, `RUN` in a Dockerfile.
    embeds: Option<embed::Embeds>,
}

impl Language {
    /// The tree-sitter grammar, if this language is parsed with one.
    pub fn grammar(&self) -> Option<Grammar> {
        self.grammar.map(|make| make())
    }

    /// The regions of embedded code in `text` (`tree` is this language's parse of it).
    pub fn embedded_regions(&self, text: &str, tree: Option<&Tree>) -> Vec<embed::Region> {
        match &self.embeds {
            Some(embeds) => (embeds.find)(text, tree),
            None => Vec::new(),
        }
    }

    /// Whether edits inside one region that leave it holding `body` leave every region
    /// where it was (`embed::Embeds::keeps_regions`).
    pub fn keeps_regions(&self, body: &str) -> bool {
        self.embeds
            .as_ref()
            .and_then(|e| e.keeps_regions)
            .is_some_and(|keeps| keeps(body))
    }

    /// Which languages this one embeds, for the language reference.
    pub fn embeds_description(&self) -> Option<&'static str> {
        self.embeds.as_ref().map(|e| e.description)
    }

    /// Whether an open document of this language leaves its tree edited, not
    /// reparsed, until something reads it (`Document::edited_tree`): markup whose
    /// regions can be kept through an edit (`keeps_regions`). An edit inside a
    /// `<script>` is analysed from the script's own tree (`layers::reanalyze`), while
    /// the host's reparse lexes the whole script again: 1.7 ms of a keystroke in a
    /// 5,000-line Vue file, for a tree nothing reads. Such a host's file facts do not
    /// read its tree either (it has no `env_read`).
    pub fn defers_reparse(&self) -> bool {
        self.embeds
            .as_ref()
            .is_some_and(|e| e.keeps_regions.is_some())
            && self.env_read == EnvRead::None
    }

    /// Whether files of this language can hold code of another.
    pub fn has_embeds(&self) -> bool {
        self.embeds.is_some()
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
        let by_name = registry().iter().find(|l| {
            l.file_names
                .iter()
                .any(|n| file_name == *n || (n.ends_with('.') && file_name.starts_with(n)))
        });
        if by_name.is_some() {
            return by_name;
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        registry()
            .iter()
            .find(|l| l.extensions.iter().any(|e| *e == ext))
    }

    /// Picks the language from an editor's `languageId`, falling back to the path.
    pub fn for_lsp_id(lsp_id: &str, path: Option<&Path>) -> Option<&'static Language> {
        // The path wins for dotenv (editors send `plaintext`, `dotenv` or `properties`)
        // and whenever it agrees with the editor.
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

/// TypeScript declaration files (`index.d.ts`, `.d.mts`, `.d.cts`): types only, no code
/// that runs (`RuleId::reads_declaration_files`).
pub fn is_declaration_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    [".d.ts", ".d.mts", ".d.cts"]
        .iter()
        .any(|suffix| lower.len() > suffix.len() && lower.ends_with(suffix))
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

/// A registry entry's grammar constructor.
macro_rules! grammar {
    ($name:ident, $value:expr) => {
        fn $name() -> Grammar {
            $value.into()
        }
    };
}
grammar!(javascript, tree_sitter_javascript::LANGUAGE);
grammar!(typescript, tree_sitter_typescript::LANGUAGE_TYPESCRIPT);
grammar!(tsx, tree_sitter_typescript::LANGUAGE_TSX);
grammar!(python, tree_sitter_python::LANGUAGE);
grammar!(go, tree_sitter_go::LANGUAGE);
grammar!(rust, tree_sitter_rust::LANGUAGE);
grammar!(java, tree_sitter_java::LANGUAGE);
grammar!(kotlin, tree_sitter_kotlin_ng::LANGUAGE);
grammar!(c_sharp, tree_sitter_c_sharp::LANGUAGE);
grammar!(ruby, tree_sitter_ruby::LANGUAGE);
grammar!(php, tree_sitter_php::LANGUAGE_PHP);
grammar!(swift, tree_sitter_swift::LANGUAGE);
grammar!(dart, tree_sitter_dart::LANGUAGE);
grammar!(html, tree_sitter_html::LANGUAGE);
grammar!(bash, tree_sitter_bash::LANGUAGE);
grammar!(yaml, tree_sitter_yaml::LANGUAGE);
grammar!(json, tree_sitter_json::LANGUAGE);
grammar!(toml, tree_sitter_toml_ng::LANGUAGE);

/// A registry entry with the fields most languages leave empty filled in.
const BASE: Language = Language {
    id: LanguageId::Dotenv,
    name: "",
    lsp_ids: &[],
    extensions: &[],
    file_names: &[],
    query_dirs: &[],
    comment: CommentSyntax::HASH,
    env_read: EnvRead::None,
    always_client_side: false,
    grammar: None,
    embeds: None,
};

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
                comment: CommentSyntax::SLASHES,
                env_read: EnvRead::NodeProcessEnv,
                grammar: Some(javascript),
                ..BASE
            },
            Language {
                id: LanguageId::TypeScript,
                name: "TypeScript",
                lsp_ids: &["typescript"],
                extensions: &["ts", "mts", "cts"],
                query_dirs: &["ecmascript", "typescript"],
                comment: CommentSyntax::SLASHES,
                env_read: EnvRead::NodeProcessEnv,
                grammar: Some(typescript),
                ..BASE
            },
            Language {
                id: LanguageId::Tsx,
                name: "TSX",
                lsp_ids: &["typescriptreact", "tsx"],
                extensions: &["tsx"],
                query_dirs: &["ecmascript", "typescript"],
                comment: CommentSyntax::SLASHES,
                env_read: EnvRead::NodeProcessEnv,
                grammar: Some(tsx),
                ..BASE
            },
            Language {
                id: LanguageId::Python,
                name: "Python",
                lsp_ids: &["python"],
                extensions: &["py", "pyi", "pyw"],
                query_dirs: &["python"],
                env_read: EnvRead::PythonOsEnviron,
                grammar: Some(python),
                ..BASE
            },
            Language {
                id: LanguageId::Go,
                name: "Go",
                lsp_ids: &["go"],
                extensions: &["go"],
                query_dirs: &["go"],
                comment: CommentSyntax::SLASHES,
                env_read: EnvRead::GoOsGetenv,
                grammar: Some(go),
                ..BASE
            },
            Language {
                id: LanguageId::Rust,
                name: "Rust",
                lsp_ids: &["rust"],
                extensions: &["rs"],
                query_dirs: &["rust"],
                comment: CommentSyntax::SLASHES,
                env_read: EnvRead::RustStdEnv,
                grammar: Some(rust),
                ..BASE
            },
            Language {
                id: LanguageId::Java,
                name: "Java",
                lsp_ids: &["java"],
                extensions: &["java"],
                query_dirs: &["java"],
                comment: CommentSyntax::SLASHES,
                env_read: EnvRead::JvmSystemGetenv,
                grammar: Some(java),
                ..BASE
            },
            Language {
                id: LanguageId::Kotlin,
                name: "Kotlin",
                lsp_ids: &["kotlin"],
                extensions: &["kt", "kts"],
                query_dirs: &["kotlin"],
                comment: CommentSyntax::SLASHES,
                env_read: EnvRead::JvmSystemGetenv,
                grammar: Some(kotlin),
                ..BASE
            },
            Language {
                id: LanguageId::CSharp,
                name: "C#",
                lsp_ids: &["csharp", "cs", "c-sharp"],
                extensions: &["cs"],
                query_dirs: &["csharp"],
                comment: CommentSyntax::SLASHES,
                env_read: EnvRead::DotnetEnvironment,
                grammar: Some(c_sharp),
                ..BASE
            },
            Language {
                id: LanguageId::Ruby,
                name: "Ruby",
                lsp_ids: &["ruby"],
                extensions: &["rb", "rake", "gemspec", "ru"],
                file_names: &["Gemfile", "Rakefile", "Guardfile", "Fastfile", "Podfile"],
                query_dirs: &["ruby"],
                env_read: EnvRead::RubyEnvFetch,
                grammar: Some(ruby),
                ..BASE
            },
            Language {
                id: LanguageId::Php,
                name: "PHP",
                lsp_ids: &["php"],
                extensions: &["php", "phtml", "php8"],
                query_dirs: &["php"],
                comment: CommentSyntax::SLASHES,
                env_read: EnvRead::PhpGetenv,
                grammar: Some(php),
                ..BASE
            },
            Language {
                id: LanguageId::Swift,
                name: "Swift",
                lsp_ids: &["swift"],
                extensions: &["swift"],
                query_dirs: &["swift"],
                comment: CommentSyntax::SLASHES,
                env_read: EnvRead::SwiftProcessInfo,
                grammar: Some(swift),
                ..BASE
            },
            Language {
                id: LanguageId::Dart,
                name: "Dart",
                lsp_ids: &["dart"],
                extensions: &["dart"],
                query_dirs: &["dart"],
                comment: CommentSyntax::SLASHES,
                env_read: EnvRead::DartPlatform,
                grammar: Some(dart),
                ..BASE
            },
            Language {
                id: LanguageId::Html,
                name: "HTML",
                lsp_ids: &["html"],
                extensions: &["html", "htm", "xhtml"],
                query_dirs: &["html"],
                comment: CommentSyntax::MARKUP,
                always_client_side: true,
                grammar: Some(html),
                embeds: Some(embed::SCRIPT_ELEMENTS),
                ..BASE
            },
            Language {
                id: LanguageId::Vue,
                name: "Vue",
                lsp_ids: &["vue"],
                extensions: &["vue"],
                query_dirs: &["html"],
                comment: CommentSyntax::MARKUP,
                always_client_side: true,
                grammar: Some(html),
                embeds: Some(embed::SCRIPT_ELEMENTS),
                ..BASE
            },
            Language {
                id: LanguageId::Svelte,
                name: "Svelte",
                lsp_ids: &["svelte"],
                extensions: &["svelte"],
                query_dirs: &["html"],
                comment: CommentSyntax::MARKUP,
                always_client_side: true,
                grammar: Some(html),
                embeds: Some(embed::SCRIPT_ELEMENTS),
                ..BASE
            },
            Language {
                id: LanguageId::Shell,
                name: "Shell",
                lsp_ids: &["shellscript", "sh", "bash", "zsh"],
                extensions: &["sh", "bash", "zsh", "ksh", "bats"],
                file_names: &[".bashrc", ".bash_profile", ".profile", ".zshrc"],
                query_dirs: &["shell"],
                env_read: EnvRead::ShellVariable,
                grammar: Some(bash),
                ..BASE
            },
            Language {
                id: LanguageId::Dockerfile,
                name: "Dockerfile",
                lsp_ids: &["dockerfile"],
                extensions: &["dockerfile", "containerfile"],
                file_names: &[
                    "Dockerfile",
                    "Containerfile",
                    "Dockerfile.",
                    "Containerfile.",
                ],
                embeds: Some(embed::DOCKERFILE_SHELL),
                ..BASE
            },
            Language {
                id: LanguageId::Yaml,
                name: "YAML",
                lsp_ids: &[
                    "yaml",
                    "dockercompose",
                    "docker-compose",
                    "github-actions-workflow",
                ],
                extensions: &["yml", "yaml"],
                file_names: &[".condarc", ".clang-format"],
                query_dirs: &["yaml"],
                env_read: EnvRead::ComposeVariable,
                grammar: Some(yaml),
                embeds: Some(embed::YAML_RUN_SCRIPTS),
                ..BASE
            },
            Language {
                id: LanguageId::Json,
                name: "JSON",
                lsp_ids: &["json", "jsonc", "json5"],
                extensions: &["json", "jsonc", "json5"],
                query_dirs: &["json"],
                comment: CommentSyntax::NONE,
                grammar: Some(json),
                embeds: Some(embed::PACKAGE_JSON_SCRIPTS),
                ..BASE
            },
            Language {
                id: LanguageId::Toml,
                name: "TOML",
                lsp_ids: &["toml"],
                extensions: &["toml"],
                file_names: &["Pipfile"],
                query_dirs: &["toml"],
                grammar: Some(toml),
                ..BASE
            },
            Language {
                id: LanguageId::Dotenv,
                name: "dotenv",
                lsp_ids: &["dotenv", "env"],
                extensions: &["env"],
                ..BASE
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
