//! How each language reads the `MUFI_API_KEY` environment variable, for the MUFI001
//! fix: the expression, the import it needs, and how it joins the rest of a string.

use tree_sitter::{Node, Tree};

use crate::finding::Edit;
use crate::lines;

use super::Language;

/// The env-var read a language's fix writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvRead {
    /// `process.env.MUFI_API_KEY`
    NodeProcessEnv,
    /// `os.environ["MUFI_API_KEY"]`, with `import os` added when missing.
    PythonOsEnviron,
    /// `os.Getenv("MUFI_API_KEY")`, with the `"os"` import added when missing.
    GoOsGetenv,
    /// `&std::env::var("MUFI_API_KEY").expect("…")`.
    RustStdEnv,
    /// `System.getenv("MUFI_API_KEY")` (Java and Kotlin, no import needed).
    JvmSystemGetenv,
    /// `Environment.GetEnvironmentVariable("MUFI_API_KEY")`, qualified unless `using System;`.
    DotnetEnvironment,
    /// `ENV.fetch("MUFI_API_KEY")`
    RubyEnvFetch,
    /// `getenv('MUFI_API_KEY')`
    PhpGetenv,
    /// `ProcessInfo.processInfo.environment["MUFI_API_KEY"] ?? ""`, with `import Foundation`.
    SwiftProcessInfo,
    /// `Platform.environment['MUFI_API_KEY']!`, with `import 'dart:io';`.
    DartPlatform,
    /// `"$MUFI_API_KEY"`, interpolated into the string.
    ShellVariable,
    /// `${MUFI_API_KEY}` (docker compose, CI variables), interpolated into the value.
    ComposeVariable,
    /// Not code that can read the environment (dotenv, JSON, TOML, HTML).
    None,
}

/// How the read joins the parts of a string around the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Splice {
    /// `"Bearer " + read` with this operator.
    Concat(&'static str),
    /// The read goes inside the string itself (`"Bearer $MUFI_API_KEY"`).
    Interpolate,
    /// Rust: `&format!("Bearer {}", read)`.
    Format,
}

/// The fix's replacement expression, the edits it needs elsewhere (imports), and how
/// it joins a string's other parts.
#[derive(Clone, Debug)]
pub struct EnvReadFix {
    pub expr: String,
    pub edits: Vec<Edit>,
    pub splice: Splice,
}

impl EnvRead {
    /// What the fix writes, for the language reference.
    pub fn describe(self) -> &'static str {
        match self {
            EnvRead::NodeProcessEnv => "`process.env.MUFI_API_KEY`",
            EnvRead::PythonOsEnviron => "`os.environ[\"MUFI_API_KEY\"]`, adding `import os`",
            EnvRead::GoOsGetenv => "`os.Getenv(\"MUFI_API_KEY\")`, adding the `\"os\"` import",
            EnvRead::RustStdEnv => {
                "`&std::env::var(\"MUFI_API_KEY\").expect(…)` (not in `const`/`static` items)"
            }
            EnvRead::JvmSystemGetenv => "`System.getenv(\"MUFI_API_KEY\")` (not in `const val` or annotations)",
            EnvRead::DotnetEnvironment => {
                "`Environment.GetEnvironmentVariable(\"MUFI_API_KEY\")` (qualified without `using System;`; not in `const`)"
            }
            EnvRead::RubyEnvFetch => "`ENV.fetch(\"MUFI_API_KEY\")`",
            EnvRead::PhpGetenv => "`getenv('MUFI_API_KEY')` (not in `const`)",
            EnvRead::SwiftProcessInfo => {
                "`ProcessInfo.processInfo.environment[\"MUFI_API_KEY\"] ?? \"\"`, adding `import Foundation`"
            }
            EnvRead::DartPlatform => {
                "`Platform.environment['MUFI_API_KEY']!`, adding `import 'dart:io';` (not in `const`)"
            }
            EnvRead::ShellVariable => "`\"$MUFI_API_KEY\"`",
            EnvRead::ComposeVariable => "`${MUFI_API_KEY}`",
            EnvRead::None => "none: the format cannot read the environment",
        }
    }

    /// Keywords that make a declaration a compile-time constant, where a run-time read
    /// does not compile (`const KEY: &str`, `const val`, Go `const`).
    fn constant_keywords(self) -> &'static [&'static str] {
        match self {
            EnvRead::RustStdEnv => &["const", "static"],
            EnvRead::GoOsGetenv
            | EnvRead::DotnetEnvironment
            | EnvRead::DartPlatform
            | EnvRead::PhpGetenv
            | EnvRead::JvmSystemGetenv => &["const"],
            _ => &[],
        }
    }
}

/// The read of `var` in this file, or `None` where the language cannot read one or
/// the literal at `literal` sits where a run-time value does not compile.
pub fn env_read(
    language: &Language,
    tree: Option<&Tree>,
    text: &str,
    var: &str,
    literal: Option<Node>,
) -> Option<EnvReadFix> {
    if let (Some(tree), Some(node)) = (tree, literal) {
        if in_constant(language.env_read, tree, node, text) {
            return None;
        }
    }
    let plain = |expr: String| EnvReadFix {
        expr,
        edits: Vec::new(),
        splice: Splice::Concat(" + "),
    };
    let fix = match language.env_read {
        EnvRead::NodeProcessEnv => plain(format!("process.env.{var}")),
        EnvRead::PythonOsEnviron => {
            let tree = tree?;
            match python_os_name(tree, text) {
                Some(os) => plain(format!("{os}.environ[\"{var}\"]")),
                None => EnvReadFix {
                    edits: vec![python_import_os_edit(tree, text)],
                    ..plain(format!("os.environ[\"{var}\"]"))
                },
            }
        }
        EnvRead::GoOsGetenv => {
            let tree = tree?;
            match go_import(tree, text, "os") {
                GoImport::Named(name) => plain(format!("{name}.Getenv(\"{var}\")")),
                GoImport::Missing(edit) => EnvReadFix {
                    edits: vec![edit],
                    ..plain(format!("os.Getenv(\"{var}\")"))
                },
            }
        }
        EnvRead::RustStdEnv => EnvReadFix {
            expr: format!("std::env::var(\"{var}\").expect(\"{var} is set\")"),
            edits: Vec::new(),
            splice: Splice::Format,
        },
        EnvRead::JvmSystemGetenv => plain(format!("System.getenv(\"{var}\")")),
        EnvRead::DotnetEnvironment => {
            let qualified = if has_line(text, |l| l == "using System;") {
                ""
            } else {
                "System."
            };
            plain(format!(
                "{qualified}Environment.GetEnvironmentVariable(\"{var}\")"
            ))
        }
        EnvRead::RubyEnvFetch => plain(format!("ENV.fetch(\"{var}\")")),
        EnvRead::PhpGetenv => EnvReadFix {
            splice: Splice::Concat(" . "),
            ..plain(format!("getenv('{var}')"))
        },
        EnvRead::SwiftProcessInfo => {
            let expr = format!("(ProcessInfo.processInfo.environment[\"{var}\"] ?? \"\")");
            let imported = has_line(text, |l| {
                [
                    "import Foundation",
                    "import UIKit",
                    "import SwiftUI",
                    "import AppKit",
                    "import Cocoa",
                ]
                .iter()
                .any(|m| l == *m || l.starts_with(&format!("{m} ")))
            });
            let edits = if imported {
                Vec::new()
            } else {
                vec![import_at_top(text, "import Foundation", &["import "])]
            };
            EnvReadFix {
                edits,
                ..plain(expr)
            }
        }
        EnvRead::DartPlatform => {
            let imported = text.contains("'dart:io'") || text.contains("\"dart:io\"");
            let edits = if imported {
                Vec::new()
            } else {
                vec![import_at_top(
                    text,
                    "import 'dart:io';",
                    &["import ", "library "],
                )]
            };
            EnvReadFix {
                edits,
                ..plain(format!("Platform.environment['{var}']!"))
            }
        }
        EnvRead::ShellVariable => EnvReadFix {
            expr: format!("${var}"),
            edits: Vec::new(),
            splice: Splice::Interpolate,
        },
        EnvRead::ComposeVariable => EnvReadFix {
            expr: format!("${{{var}}}"),
            edits: Vec::new(),
            splice: Splice::Interpolate,
        },
        EnvRead::None => return None,
    };
    Some(fix)
}

fn has_line(text: &str, wanted: impl Fn(&str) -> bool) -> bool {
    text.lines().any(|l| wanted(l.trim()))
}

/// Whether `node` sits in a compile-time constant of a language where the read would
/// not compile there.
fn in_constant(read: EnvRead, tree: &Tree, node: Node, text: &str) -> bool {
    let keywords = read.constant_keywords();
    if keywords.is_empty() {
        return false;
    }
    // Go's `const ( Key = "…" )` block, Rust's `const_item`/`static_item`, PHP's
    // `const_declaration`: the kind says it.
    const CONSTANT_KINDS: &[&str] = &[
        "const_declaration",
        "const_spec",
        "const_item",
        "static_item",
        // Annotation and attribute arguments must be constants too.
        "annotation",
        "marker_annotation",
        "attribute",
        "attribute_list",
        // PHP property and parameter defaults take constant expressions only.
        "property_element",
        "simple_parameter",
        "property_promotion_parameter",
        "static_variable_declaration",
    ];
    // C# and Dart parameter defaults must be compile-time constants too.
    let parameter_kinds: &[&str] = match read {
        EnvRead::DotnetEnvironment => &["parameter"],
        EnvRead::DartPlatform => &["optional_formal_parameters", "const_object_expression"],
        _ => &[],
    };
    let path = crate::syntax::ancestors(tree.root_node(), node);
    if path
        .iter()
        .rev()
        .take(6)
        .any(|n| CONSTANT_KINDS.contains(&n.kind()) || parameter_kinds.contains(&n.kind()))
    {
        return true;
    }
    // Otherwise a keyword before the literal on its line: `const val`, `const string`,
    // `static const`, `const KEY =`.
    let line_start = lines::line_start(text, node.start_byte());
    let before = &text[line_start..node.start_byte()];
    before
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .any(|w| keywords.contains(&w))
}

/// A top-of-file import line: before the first line starting with one of `anchors`,
/// or after the leading comments and blank lines.
fn import_at_top(text: &str, line: &str, anchors: &[&str]) -> Edit {
    let nl = lines::line_break(text);
    let mut offset = 0;
    let mut after_comments = 0;
    let mut in_header = true;
    for l in text.split_inclusive('\n') {
        let t = l.trim();
        if anchors.iter().any(|a| t.starts_with(a)) {
            return Edit::replace(offset..offset, format!("{line}{nl}"));
        }
        if in_header && (t.is_empty() || t.starts_with("//") || t.starts_with("#!")) {
            after_comments = offset + l.len();
        } else {
            in_header = false;
        }
        offset += l.len();
    }
    if after_comments == text.len() && !text.is_empty() && !text.ends_with('\n') {
        return Edit::replace(after_comments..after_comments, format!("{nl}{line}{nl}"));
    }
    Edit::replace(after_comments..after_comments, format!("{line}{nl}"))
}

enum GoImport {
    /// The package is imported under this name.
    Named(String),
    /// Not imported: the edit that adds it.
    Missing(Edit),
}

/// How a Go file names the standard package `path`, or the edit that imports it.
fn go_import(tree: &Tree, text: &str, path: &str) -> GoImport {
    let root = tree.root_node();
    let quoted = format!("\"{path}\"");
    let nl = lines::line_break(text);
    let mut cursor = root.walk();
    let mut first_decl: Option<Node> = None;
    let mut package_end = None;
    for decl in root.named_children(&mut cursor) {
        match decl.kind() {
            "package_clause" => package_end = Some(decl.end_byte()),
            "import_declaration" => {
                first_decl.get_or_insert(decl);
                let mut stack = vec![decl];
                while let Some(n) = stack.pop() {
                    if n.kind() == "import_spec" {
                        let spec_path = n.child_by_field_name("path");
                        if spec_path.and_then(|p| text.get(p.byte_range())) == Some(&quoted) {
                            let name = n
                                .child_by_field_name("name")
                                .and_then(|a| text.get(a.byte_range()))
                                .filter(|a| *a != "_" && *a != ".")
                                .unwrap_or(path);
                            return GoImport::Named(name.to_string());
                        }
                    }
                    let mut c = n.walk();
                    stack.extend(n.named_children(&mut c));
                }
            }
            _ => {}
        }
    }
    if let Some(decl) = first_decl {
        let mut c = decl.walk();
        let list = decl
            .named_children(&mut c)
            .find(|n| n.kind() == "import_spec_list");
        if let Some(list) = list {
            // After the `(`: a new first line in the block.
            let open = list.start_byte() + 1;
            let after = lines::next_line_start(text, open);
            return GoImport::Missing(Edit::replace(after..after, format!("\t{quoted}{nl}")));
        }
        let at = lines::line_start(text, decl.start_byte());
        return GoImport::Missing(Edit::replace(at..at, format!("import {quoted}{nl}")));
    }
    let at = package_end.unwrap_or(0);
    GoImport::Missing(Edit::replace(at..at, format!("{nl}{nl}import {quoted}")))
}

/// How Python code can name `os` here: `os`, an alias, or `None` when it is not imported.
pub fn python_os_name(tree: &Tree, text: &str) -> Option<String> {
    let root = tree.root_node();
    let mut cursor = root.walk();
    for stmt in root.named_children(&mut cursor) {
        if stmt.kind() != "import_statement" {
            continue;
        }
        let mut c2 = stmt.walk();
        for name in stmt.named_children(&mut c2) {
            match name.kind() {
                "dotted_name" if text.get(name.byte_range()) == Some("os") => {
                    return Some("os".into())
                }
                "aliased_import" => {
                    let module = name.child_by_field_name("name");
                    let alias = name.child_by_field_name("alias");
                    if let (Some(m), Some(a)) = (module, alias) {
                        if text.get(m.byte_range()) == Some("os") {
                            return text.get(a.byte_range()).map(String::from);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// The edit that adds `import os` to a Python module: before its first import, or
/// after the docstring, `from __future__` imports and leading comments.
pub fn python_import_os_edit(tree: &Tree, text: &str) -> Edit {
    let root = tree.root_node();
    let mut cursor = root.walk();
    let mut insert_at = 0usize;
    let mut seen_statement = false;
    for stmt in root.named_children(&mut cursor) {
        match stmt.kind() {
            // Shebang, encoding line, licence header.
            "comment" => {
                insert_at = lines::next_line_start(text, stmt.end_byte());
                continue;
            }
            "expression_statement"
                if !seen_statement && stmt.named_child(0).is_some_and(|c| c.kind() == "string") =>
            {
                insert_at = lines::next_line_start(text, stmt.end_byte());
            }
            "future_import_statement" => insert_at = lines::next_line_start(text, stmt.end_byte()),
            "import_statement" | "import_from_statement" => {
                insert_at = lines::line_start(text, stmt.start_byte()).max(insert_at);
                break;
            }
            _ => break,
        }
        seen_statement = true;
    }
    // A file that does not end in a newline after a docstring needs one first.
    let needs_newline =
        insert_at == text.len() && !text.is_empty() && !text.ends_with(['\n', '\r']);
    let nl = lines::line_break(text);
    let line = if needs_newline {
        format!("{nl}import os{nl}")
    } else {
        format!("import os{nl}")
    };
    Edit::replace(insert_at..insert_at, line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse;
    use crate::language::LanguageId;

    fn apply(text: &str, edit: &Edit) -> String {
        let Edit::Replace { range, text: new } = edit else {
            unreachable!()
        };
        format!("{}{}{}", &text[..range.start], new, &text[range.end..])
    }

    fn py(text: &str) -> Tree {
        parse(Language::get(LanguageId::Python), text).unwrap()
    }

    fn insert(text: &str) -> String {
        apply(text, &python_import_os_edit(&py(text), text))
    }

    #[test]
    fn import_os_goes_before_first_import_after_docstring() {
        assert_eq!(
            insert("\"\"\"Doc.\"\"\"\nimport sys\nx = 1\n"),
            "\"\"\"Doc.\"\"\"\nimport os\nimport sys\nx = 1\n"
        );
        assert_eq!(
            insert("from __future__ import annotations\nx = 1\n"),
            "from __future__ import annotations\nimport os\nx = 1\n"
        );
        assert_eq!(insert("x = 1\n"), "import os\nx = 1\n");
        assert_eq!(
            insert("#!/usr/bin/env python\nx = 1\n"),
            "#!/usr/bin/env python\nimport os\nx = 1\n"
        );
    }

    #[test]
    fn existing_os_import_and_alias_are_reused() {
        let text = "import sys, os\n";
        assert_eq!(python_os_name(&py(text), text).as_deref(), Some("os"));
        let text = "import os as _os\n";
        assert_eq!(python_os_name(&py(text), text).as_deref(), Some("_os"));
        let text = "from os import path\n";
        assert_eq!(python_os_name(&py(text), text), None);
    }

    fn go_fix(text: &str) -> String {
        let tree = parse(Language::get(LanguageId::Go), text).unwrap();
        match go_import(&tree, text, "os") {
            GoImport::Named(name) => name,
            GoImport::Missing(edit) => apply(text, &edit),
        }
    }

    #[test]
    fn go_import_is_added_to_the_block_or_reused() {
        assert_eq!(
            go_fix("package main\n\nimport (\n\t\"fmt\"\n)\n"),
            "package main\n\nimport (\n\t\"os\"\n\t\"fmt\"\n)\n"
        );
        assert_eq!(
            go_fix("package main\n\nimport \"fmt\"\n"),
            "package main\n\nimport \"os\"\nimport \"fmt\"\n"
        );
        assert_eq!(
            go_fix("package main\n\nfunc f() {}\n"),
            "package main\n\nimport \"os\"\n\nfunc f() {}\n"
        );
        assert_eq!(go_fix("package main\nimport (\n\tgoos \"os\"\n)\n"), "goos");
    }

    #[test]
    fn top_imports_follow_header_comments() {
        let edit = import_at_top(
            "// Header\n\nclass A {}\n",
            "import Foundation",
            &["import "],
        );
        assert_eq!(
            apply("// Header\n\nclass A {}\n", &edit),
            "// Header\n\nimport Foundation\nclass A {}\n"
        );
        let text = "import 'package:http/http.dart';\nvoid main() {}\n";
        let edit = import_at_top(text, "import 'dart:io';", &["import ", "library "]);
        assert!(apply(text, &edit).starts_with("import 'dart:io';\nimport 'package:http"));
    }
}
