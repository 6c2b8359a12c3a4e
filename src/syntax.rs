//! Language-aware reading of tree nodes that several rules share: the content of a
//! string literal in any grammar, whether it is static, docstrings, and the unit of
//! code rules judge in.

use std::ops::Range;

use tree_sitter::Node;

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

/// Node kinds that are string literals (or plain scalar values) in the grammars we parse.
pub fn is_string_kind(kind: &str) -> bool {
    matches!(
        kind,
        "string"
            | "template_string"
            | "interpreted_string_literal"
            | "raw_string_literal"
            | "string_literal"
            | "verbatim_string_literal"
            | "interpolated_string_expression"
            | "encapsed_string"
            | "nowdoc_string"
            | "line_string_literal"
            | "multi_line_string_literal"
            | "multiline_string_literal"
            | "raw_string"
            | "ansi_c_string"
            | "quoted_attribute_value"
            | "attribute_value"
            | "double_quote_scalar"
            | "single_quote_scalar"
            | "plain_scalar"
            | "block_scalar"
            // An unquoted shell word: `MUFI_KEY=mk_live_…`, `-e NAME=value`.
            | "word"
            // `NAME=$VALUE` as one shell argument.
            | "concatenation"
            // TOML `"quoted.key" = …`
            | "quoted_key"
    )
}

/// Children that make a string's value depend on run time: `${…}`, `#{…}`, `\(…)`,
/// `$var` in shell and PHP strings, f-string fields.
const DYNAMIC_KINDS: &[&str] = &[
    "template_substitution",
    "interpolation",
    "interpolated_expression",
    "raw_str_interpolation",
    "string_interpolation",
    "simple_expansion",
    "expansion",
    "command_substitution",
    "arithmetic_expansion",
    "variable_name",
    "member_access_expression",
    "subscript_expression",
    "dynamic_variable_name",
];

/// Reads a string literal node; `None` for anything else.
pub fn literal<'a>(node: Node, text: &'a str) -> Option<Literal<'a>> {
    if !is_string_kind(node.kind()) {
        return None;
    }
    let raw = text.get(node.byte_range())?;
    let start = node.start_byte();
    // Kotlin's grammar leaves `"Bearer $token"` as plain content: read `$name` as a template.
    let kotlin_template = node.kind() == "string_literal"
        && raw.as_bytes().windows(3).any(|w| {
            w[0] != b'\\'
                && w[1] == b'$'
                && (w[2].is_ascii_alphabetic() || w[2] == b'_' || w[2] == b'{')
        })
        && has_child_kind(node, &["string_content"]);
    let is_static = !has_child_kind(node, DYNAMIC_KINDS) && !kotlin_template;
    let (open, close) = delimiters(node.kind(), raw);
    let prefix = raw[..open.min(raw.len())].to_ascii_lowercase();
    let content = raw
        .get(open..raw.len().saturating_sub(close).max(open))
        .unwrap_or("");
    Some(Literal {
        node_range: (start, node.end_byte()),
        content,
        content_start: start + open.min(raw.len()),
        is_static,
        // Python `b"…"`, Rust `b"…"`.
        is_bytes: prefix.trim_end_matches(['"', '\'', '#']).contains('b'),
    })
}

/// The lengths of a literal's opening (prefix and quotes) and closing delimiters.
fn delimiters(kind: &str, raw: &str) -> (usize, usize) {
    if kind == "block_scalar" {
        // `|` or `>` and its indicators, then the lines below.
        let first_line = raw.find('\n').map_or(raw.len(), |i| i + 1);
        return (first_line, 0);
    }
    if kind == "plain_scalar" {
        // YAML's unquoted values: a quote in `r"x` is text, not a delimiter.
        return (0, 0);
    }
    // Prefix letters and sigils: Python `rb`, C# `$@`, Rust `r#`/`b`, Swift `#`, bash `$`.
    let prefix_len = raw
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || matches!(b, b'@' | b'$' | b'#'))
        .count();
    // Only a prefix when a quote follows: `plain_scalar` text is all content.
    let rest = &raw[prefix_len..];
    let quote_len = if rest.starts_with("\"\"\"") || rest.starts_with("\'\'\'") {
        3
    } else if rest.starts_with(['"', '\'', '`']) {
        1
    } else {
        return (0, 0);
    };
    let hashes = raw[..prefix_len].bytes().filter(|b| *b == b'#').count();
    let open = prefix_len + quote_len;
    // An unterminated string (broken code, a recovered parse) has no closing quote:
    // its content runs to its end rather than losing its last bytes.
    let closing = format!("{}{}", &rest[..quote_len], "#".repeat(hashes));
    if raw.len() < open + closing.len() || !raw.ends_with(&closing) {
        return (open.min(raw.len()), 0);
    }
    (open, closing.len())
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
        // Ruby symbols: `:api_key` is named `api_key`.
        None => text
            .get(node.byte_range())
            .unwrap_or("")
            .trim_start_matches(':'),
    }
}

/// The scalar a JSON or YAML key or value holds: a JSON string itself, or the scalar
/// inside a YAML flow node (only a plain one with `plain_only`: how the queries name
/// keys).
pub fn data_scalar(node: Node, plain_only: bool) -> Option<Node> {
    match node.kind() {
        "string" => Some(node),
        "flow_node" => {
            let inner = node
                .named_child(0)
                .filter(|_| node.named_child_count() == 1)?;
            let kinds: &[&str] = if plain_only {
                &["plain_scalar"]
            } else {
                &["plain_scalar", "double_quote_scalar", "single_quote_scalar"]
            };
            kinds.contains(&inner.kind()).then_some(inner)
        }
        _ => None,
    }
}

/// Whether the key of a JSON pair or YAML block or flow pair reads one of `words`: the
/// whole JSON string between its quotes, or a plain YAML scalar.
pub fn entry_key_reads(entry: Node, text: &str, words: &[&str]) -> bool {
    let Some(key) = entry.child_by_field_name("key") else {
        return false;
    };
    let Some(key_text) = data_scalar(key, true).and_then(|k| text.get(k.byte_range())) else {
        return false;
    };
    let word = match key.kind() {
        "string" => key_text.strip_prefix('"').and_then(|k| k.strip_suffix('"')),
        _ => Some(key_text),
    };
    word.is_some_and(|w| words.contains(&w))
}

/// Whether `entry` is the `value` entry of a name/value object (`{"name": "MUFI_API_KEY",
/// "value": "…"}`, `- name: … / value: …`), which rules read under a sibling entry's
/// value: MUFI001 (`named_by_sibling`) and MUFI004's YAML patterns. The editor's
/// re-analysis judges such an object whole (`incremental::entry_unit`).
pub fn is_value_entry(entry: Node, text: &str) -> bool {
    matches!(entry.kind(), "pair" | "block_mapping_pair" | "flow_pair")
        && entry_key_reads(entry, text, &["value", "Value"])
}

/// The quoted string literals of a JavaScript or TSX tree (`string` nodes, which hold
/// no code; template strings are left out) and its comments, in order. The walk does
/// not go into them: a bundle held as one string costs one node. (Other grammars'
/// `string` nodes can hold code: Ruby's `#{…}`, shell's `$(…)`.)
pub fn strings_and_comments(tree: &tree_sitter::Tree) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (mut strings, mut comments) = (Vec::new(), Vec::new());
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        let kind = node.kind();
        let leaf = if kind == "string" {
            strings.push(node.byte_range());
            true
        } else if node.is_extra() && kind.contains("comment") {
            comments.push(node.byte_range());
            true
        } else {
            false
        };
        if !leaf && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return (strings, comments);
            }
        }
    }
}

/// Whether the code of `node` (comments left out) mentions `word`, case-insensitively.
pub fn code_mentions(node: Node, text: &str, word: &str) -> bool {
    let Some(code) = text.get(node.byte_range()) else {
        return false;
    };
    let lower = code.to_ascii_lowercase();
    if !lower.contains(word) {
        return false;
    }
    // Blank the comments, then look again.
    let mut bytes = lower.into_bytes();
    let base = node.start_byte();
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.kind().contains("comment") {
            let start = n.start_byte().saturating_sub(base).min(bytes.len());
            let end = n.end_byte().saturating_sub(base).min(bytes.len());
            bytes[start..end].fill(b' ');
            continue;
        }
        stack.extend(n.children(&mut cursor));
    }
    String::from_utf8_lossy(&bytes).contains(word)
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
        // C# `[XmlRoot(Namespace = "…")]`
        "attribute_argument" => (parent.named_child(0)?, false),
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
    name.rsplit(['.', ':', '\\']).next().unwrap_or(name)
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
            // Go, Java, C#, PHP, Rust, Kotlin, Swift, Ruby, Dart, shell.
            | "method_declaration"
            | "constructor_declaration"
            | "function_item"
            | "local_function_statement"
            | "method"
            | "singleton_method"
            | "init_declaration"
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse;
    use crate::language::{Language, LanguageId};
    use tree_sitter::Tree;

    fn py(text: &str) -> Tree {
        parse(Language::get(LanguageId::Python), text).unwrap()
    }

    fn literals(language: LanguageId, text: &str) -> Vec<(String, bool)> {
        let tree = parse(Language::get(language), text).unwrap();
        let mut found = Vec::new();
        let mut stack = vec![tree.root_node()];
        while let Some(n) = stack.pop() {
            if let Some(lit) = literal(n, text) {
                found.push((lit.content.to_string(), lit.is_static));
            }
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        found.sort();
        found
    }

    #[test]
    fn literals_of_every_quoting_style() {
        let rust = literals(
            LanguageId::Rust,
            "const A: &str = r#\"ab\"cd\"#; const B: &[u8] = b\"xy\";",
        );
        assert_eq!(rust, vec![("ab\"cd".into(), true), ("xy".into(), true)]);
        let cs = literals(LanguageId::CSharp, "var a = @\"x\\y\"; var b = $\"k{v}\";");
        assert!(cs.contains(&("x\\y".into(), true)), "{cs:?}");
        assert!(cs.contains(&("k{v}".into(), false)), "{cs:?}");
        let sh = literals(LanguageId::Shell, "curl -H \"Bearer $TOKEN\" 'plain'\n");
        assert!(sh.contains(&("Bearer $TOKEN".into(), false)), "{sh:?}");
        assert!(sh.contains(&("plain".into(), true)), "{sh:?}");
        let yaml = literals(LanguageId::Yaml, "a: plain value\nb: \"quoted\"\n");
        assert!(yaml.contains(&("plain value".into(), true)), "{yaml:?}");
        assert!(yaml.contains(&("quoted".into(), true)), "{yaml:?}");
        let php = literals(LanguageId::Php, "<?php $a = \"x $b\"; $c = 'y';");
        assert!(php.contains(&("x $b".into(), false)), "{php:?}");
        assert!(php.contains(&("y".into(), true)), "{php:?}");
    }

    #[test]
    fn a_quote_inside_a_yaml_plain_scalar_is_content() {
        // YAML plain scalars have no delimiters at all, whatever quotes they hold.
        let yaml = literals(LanguageId::Yaml, "a: r\"abc\nb: x\n");
        assert!(yaml.contains(&("r\"abc".into(), true)), "{yaml:?}");
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
