//! Language-aware reading of tree nodes that several rules share: the content of a
//! string literal, whether it is static, docstrings, and Python's `import os`.

use std::ops::Range;

use tree_sitter::{Node, Tree};

use crate::finding::Edit;
use crate::language::{Language, LanguageId};
use crate::lines;

/// The inside of a string literal: its text and byte range, without quotes or prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Literal<'a> {
    pub node_range: (usize, usize),
    pub content: &'a str,
    pub content_start: usize,
    /// No interpolation (`${…}`, `{…}` in f-strings): the value is fixed in source.
    pub is_static: bool,
    /// Python bytes literal (`b"…"`).
    pub is_bytes: bool,
}

impl Literal<'_> {
    pub fn range(&self) -> Range<usize> {
        self.node_range.0..self.node_range.1
    }
    pub fn content_range(&self) -> Range<usize> {
        self.content_start..self.content_start + self.content.len()
    }
}

/// Node kinds that are string literals in each grammar.
pub fn is_string_kind(kind: &str) -> bool {
    matches!(kind, "string" | "template_string")
}

/// Reads a string literal node; `None` for anything else.
pub fn literal<'a>(node: Node, text: &'a str) -> Option<Literal<'a>> {
    if !is_string_kind(node.kind()) {
        return None;
    }
    let raw = text.get(node.byte_range())?;
    let start = node.start_byte();
    let is_static = !has_child_kind(node, &["template_substitution", "interpolation"]);
    // Python: optional prefix letters, then ''' """ ' or ".
    let prefix_len = raw.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
    let prefix = raw[..prefix_len].to_ascii_lowercase();
    let rest = &raw[prefix_len..];
    let quote_len = if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
        3
    } else if rest.starts_with(['"', '\'', '`']) {
        1
    } else {
        return None;
    };
    if rest.len() < quote_len * 2 {
        return Some(Literal {
            node_range: (start, node.end_byte()),
            content: "",
            content_start: start + prefix_len + quote_len.min(rest.len()),
            is_static,
            is_bytes: prefix.contains('b'),
        });
    }
    let content = &rest[quote_len..rest.len() - quote_len];
    Some(Literal {
        node_range: (start, node.end_byte()),
        content,
        content_start: start + prefix_len + quote_len,
        is_static,
        is_bytes: prefix.contains('b'),
    })
}

fn has_child_kind(node: Node, kinds: &[&str]) -> bool {
    let mut cursor = node.walk();
    let found = node
        .named_children(&mut cursor)
        .any(|c| kinds.contains(&c.kind()));
    found
}

/// The text of a name-like node without quotes: `apiKey`, `"x-api-key"` -> `x-api-key`.
pub fn name_text<'a>(node: Node, text: &'a str) -> &'a str {
    match literal(node, text) {
        Some(lit) => lit.content,
        None => text.get(node.byte_range()).unwrap_or(""),
    }
}

/// The name a literal is given: the key of its pair, the keyword of its argument, the
/// target of its assignment or declaration, the attribute it is the value of.
pub fn assigned_name<'a>(literal: Node, text: &'a str) -> Option<&'a str> {
    let parent = literal.parent()?;
    let (name, dotted) = match parent.kind() {
        "pair" => (parent.child_by_field_name("key")?, false),
        "keyword_argument" | "variable_declarator" => (parent.child_by_field_name("name")?, false),
        "assignment" | "assignment_expression" => (parent.child_by_field_name("left")?, true),
        "jsx_attribute" => (parent.named_child(0)?, false),
        _ => return None,
    };
    if name.id() == literal.id() {
        return None;
    }
    let name = name_text(name, text);
    // `self.ATOM_NS = …` is named `ATOM_NS`; `"xmlns:svg"` keeps its colon.
    Some(if dotted { last_segment(name) } else { name })
}

/// The last identifier of a dotted name: `self.session.verify` -> `verify`.
pub fn last_segment(name: &str) -> &str {
    name.rsplit(['.', ':']).next().unwrap_or(name)
}

/// A Python docstring: a string that is the first statement of a module, class or function.
pub fn is_docstring(node: Node) -> bool {
    let Some(stmt) = node.parent() else {
        return false;
    };
    if stmt.kind() != "expression_statement" {
        return false;
    }
    let Some(body) = stmt.parent() else {
        return false;
    };
    if !matches!(body.kind(), "module" | "block") {
        return false;
    }
    let mut cursor = body.walk();
    let first = body
        .named_children(&mut cursor)
        .find(|c| c.kind() != "comment");
    first.is_some_and(|f| f.id() == stmt.id())
}

/// Kinds of node that are functions, in every grammar we parse.
pub fn is_function_kind(kind: &str) -> bool {
    matches!(
        kind,
        "function_declaration"
            | "function_expression"
            | "arrow_function"
            | "method_definition"
            | "function_definition"
            | "generator_function_declaration"
    )
}

/// The nodes from `root` down to `node`'s parent, outermost first. Found by descending
/// from the root: `Node::parent` itself searches from the root, so climbing a deeply
/// nested tree one parent at a time would be quadratic.
pub fn ancestors<'t>(root: Node<'t>, node: Node<'t>) -> Vec<Node<'t>> {
    let mut path = Vec::new();
    let mut current = root;
    while current.id() != node.id() {
        path.push(current);
        match current.child_with_descendant(node) {
            Some(child) => current = child,
            None => break,
        }
    }
    path
}

/// The unit rules judge code in: the innermost function around `node`, or at the top
/// level the top-level statement that holds it.
pub fn judging_unit<'t>(root: Node<'t>, node: Node<'t>) -> Node<'t> {
    let path = ancestors(root, node);
    if let Some(function) = path.iter().rev().find(|n| is_function_kind(n.kind())) {
        return *function;
    }
    path.get(1).copied().unwrap_or(node)
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

/// The expression reading `MUFI_API_KEY` in this file, plus the edits it needs
/// (Python's `import os`).
pub fn env_read(
    language: &Language,
    tree: Option<&Tree>,
    text: &str,
    var: &str,
) -> Option<(String, Vec<Edit>)> {
    match language.id {
        LanguageId::Python => {
            let tree = tree?;
            match python_os_name(tree, text) {
                Some(os) => Some((format!("{os}.environ[\"{var}\"]"), Vec::new())),
                None => Some((
                    format!("os.environ[\"{var}\"]"),
                    vec![python_import_os_edit(tree, text)],
                )),
            }
        }
        _ => language.env_read_expr(var).map(|e| (e, Vec::new())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse;

    fn py(text: &str) -> Tree {
        parse(Language::get(LanguageId::Python), text).unwrap()
    }

    fn insert(text: &str) -> String {
        let tree = py(text);
        let Edit::Replace { range, text: new } = python_import_os_edit(&tree, text) else {
            unreachable!()
        };
        format!("{}{}{}", &text[..range.start], new, &text[range.end..])
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

    #[test]
    fn literal_content_strips_quotes_and_prefixes() {
        let text = "x = rb'abcdef'\ny = \"\"\"multi\"\"\"\n";
        let tree = py(text);
        let mut found = Vec::new();
        let mut stack = vec![tree.root_node()];
        while let Some(n) = stack.pop() {
            if let Some(lit) = literal(n, text) {
                found.push((lit.content.to_string(), lit.is_bytes));
            }
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        found.sort();
        assert_eq!(
            found,
            vec![("abcdef".to_string(), true), ("multi".to_string(), false)]
        );
    }
}
