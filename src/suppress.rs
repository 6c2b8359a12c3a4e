//! Suppression comments: `mufi-lsp: ignore RULE[, RULE]` on a line or the line above,
//! `mufi-lsp: ignore-file RULE` anywhere; unused ones become hints; and the fix that
//! writes such a comment in the file's own syntax.

use std::ops::Range;

use tree_sitter::Tree;

use crate::config::Config;
use crate::finding::{Edit, Finding, Fix};
use crate::language::{Language, LanguageId};
use crate::lines;
use crate::rules::RuleId;

pub(crate) const MARKER: &str = "mufi-lsp:";

/// One parsed directive.
#[derive(Debug)]
struct Directive {
    file_wide: bool,
    /// Line (0-based) the comment is on.
    line: usize,
    /// Each rule named, with the byte range of its name; `None` rule = all rules.
    rules: Vec<(Option<RuleId>, Range<usize>)>,
    /// The whole directive, for the unused hint's range.
    range: Range<usize>,
}

fn line_of(text: &str, offset: usize) -> usize {
    lines::line_index(text, offset)
}

/// Whether `offset` sits inside a comment.
fn in_comment(text: &str, offset: usize, language: &Language, tree: Option<&Tree>) -> bool {
    match (tree, language.id) {
        (Some(tree), _) => {
            let node = tree
                .root_node()
                .descendant_for_byte_range(offset, offset + 1);
            node.is_some_and(|n| n.kind().contains("comment"))
        }
        (None, LanguageId::Dotenv | LanguageId::Dockerfile) => {
            let line_start = lines::line_start(text, offset);
            let before = &text[line_start..offset];
            before.trim_start().starts_with('#') || before.contains(" #")
        }
        (None, _) => false,
    }
}

fn parse_directives(text: &str, language: &Language, tree: Option<&Tree>) -> Vec<Directive> {
    let mut out = Vec::new();
    for (pos, _) in text.match_indices(MARKER) {
        if !in_comment(text, pos, language, tree) {
            continue;
        }
        let after = pos + MARKER.len();
        let line_end = lines::line_end(text, after);
        let rest = &text[after..line_end];
        let trimmed = rest.trim_start();
        let (file_wide, word_len) = if trimmed.starts_with("ignore-file") {
            (true, "ignore-file".len())
        } else if trimmed.starts_with("ignore") {
            (false, "ignore".len())
        } else {
            continue;
        };
        let list_start = after + (rest.len() - trimmed.len()) + word_len;
        let mut rules = Vec::new();
        let mut cursor = list_start;
        let list = &text[list_start..line_end];
        for token in list.split(|c: char| c == ',' || c.is_whitespace()) {
            let start = cursor;
            cursor += token.len() + 1;
            let token = token.trim_end_matches(['*', '/', '-', '>', '}']);
            if token.is_empty() {
                continue;
            }
            match token.parse::<RuleId>() {
                Ok(rule) => rules.push((Some(rule), start..start + token.len())),
                // Anything after the rule list (`*/`, a reason) ends it.
                Err(_) => break,
            }
        }
        let end = rules.last().map_or(list_start, |(_, r)| r.end);
        if rules.is_empty() {
            rules.push((None, pos..end));
        }
        out.push(Directive {
            file_wide,
            line: line_of(text, pos),
            rules,
            range: pos..end,
        });
    }
    out
}

/// Where the first suppression marker in `text` is, if it has one: without one,
/// `apply` has nothing to do.
pub(crate) fn find_marker(text: &str) -> Option<Range<usize>> {
    memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).map(|at| at..at + MARKER.len())
}

/// Drops suppressed findings and adds a hint for each suppression that silenced nothing.
pub fn apply(
    findings: Vec<Finding>,
    text: &str,
    language: &Language,
    tree: Option<&Tree>,
    config: &Config,
) -> Vec<Finding> {
    let directives = parse_directives(text, language, tree);
    if directives.is_empty() {
        return findings;
    }
    let mut used = vec![vec![false; 0]; directives.len()];
    for (d, u) in directives.iter().zip(used.iter_mut()) {
        *u = vec![false; d.rules.len()];
    }
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let line = line_of(text, finding.range.start);
        let mut silenced = false;
        for (di, d) in directives.iter().enumerate() {
            if !d.file_wide && line != d.line && line != d.line + 1 {
                continue;
            }
            for (ri, (rule, _)) in d.rules.iter().enumerate() {
                if rule.is_none_or(|r| r == finding.rule) {
                    used[di][ri] = true;
                    silenced = true;
                }
            }
        }
        if !silenced {
            kept.push(finding);
        }
    }
    if config.is_enabled(RuleId::UnusedSuppression) {
        for (d, u) in directives.iter().zip(&used) {
            for ((rule, range), was_used) in d.rules.iter().zip(u) {
                // MUFI009 runs only when the workspace's endpoints are known: its
                // suppressions are never called unused.
                if *was_used
                    || rule.is_some_and(|r| !config.is_enabled(r) || r == RuleId::LeastPrivilegeKey)
                {
                    continue;
                }
                let what = rule.map_or("any rule".to_string(), |r| r.code().to_string());
                let fix = unused_fix(text, d, range.clone());
                kept.push(
                    Finding::new(
                        RuleId::UnusedSuppression,
                        range.clone(),
                        format!("This suppression of {what} silences nothing here; remove it."),
                    )
                    .with_fix(fix),
                );
            }
        }
    }
    kept
}

/// Removes one rule from a directive, or the whole comment when it is the last.
fn unused_fix(text: &str, d: &Directive, rule_range: Range<usize>) -> Fix {
    if d.rules.len() > 1 {
        // Remove the name and the separator that joins it to a neighbour.
        let mut end = rule_range.end;
        let bytes = text.as_bytes();
        while end < bytes.len() && matches!(bytes[end], b',' | b' ') {
            end += 1;
        }
        let mut start = rule_range.start;
        if end == rule_range.end || d.rules.last().is_some_and(|(_, r)| *r == rule_range) {
            while start > 0 && matches!(bytes[start - 1], b',' | b' ') {
                start -= 1;
            }
            end = rule_range.end;
        }
        return Fix::local(
            "Remove the unused rule from the suppression",
            vec![Edit::replace(start..end, "")],
        )
        .safe();
    }
    Fix::local(
        "Remove the unused suppression comment",
        vec![Edit::replace(d.range.clone(), "")],
    )
}

/// The "ignore this rule on this line" fix: a comment on the line above, in the
/// file's comment syntax and indentation.
/// `None` in a language without comments (JSON).
pub fn ignore_fix(
    finding: &Finding,
    text: &str,
    language: &Language,
    tree: Option<&Tree>,
) -> Option<Fix> {
    let start = finding.range.start.min(text.len());
    let line_start = lines::line_start(text, start);
    let indent: String = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let code = finding.rule.code();
    let first_token = line_start + indent.len();
    let directive = format!("mufi-lsp: ignore {code}");
    let comment = if in_jsx_children(tree, first_token) {
        format!("{{/* {directive} */}}")
    } else {
        language.comment.wrap(&directive)?
    };
    Some(Fix::local(
        format!("Ignore {code} on this line"),
        vec![Edit::replace(
            line_start..line_start,
            format!("{indent}{comment}{}", lines::line_break(text)),
        )],
    ))
}

/// True when the first token of a line is JSX content, where `//` would be text.
fn in_jsx_children(tree: Option<&Tree>, offset: usize) -> bool {
    let Some(tree) = tree else { return false };
    let Some(node) = tree.root_node().descendant_for_byte_range(offset, offset) else {
        return false;
    };
    // The first token of a line is at most a few levels below the element or
    // statement it starts; a bounded climb keeps deeply nested files cheap.
    let mut current = Some(node);
    for _ in 0..8 {
        let Some(n) = current else { break };
        match n.kind() {
            // The line starts an element: it is a child when that element is one.
            "jsx_opening_element" | "jsx_closing_element" => {
                return n
                    .parent()
                    .and_then(|element| element.parent())
                    .is_some_and(|p| p.kind() == "jsx_element");
            }
            "jsx_self_closing_element" | "jsx_text" | "jsx_expression" | "jsx_element" => {
                return n.parent().is_some_and(|p| p.kind() == "jsx_element");
            }
            k if k.ends_with("statement") || k == "program" => return false,
            _ => {}
        }
        current = n.parent();
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::engine::{analyze, apply_fixes, SourceFile};
    use crate::language::{Language, LanguageId};
    use crate::project::FileContext;

    fn run(text: &str) -> Vec<crate::finding::Finding> {
        analyze(
            &SourceFile {
                text,
                language: Language::get(LanguageId::JavaScript),
                tree: None,
            },
            &FileContext::default(),
            &Config::default(),
        )
    }

    #[test]
    fn ignore_fix_keeps_the_files_line_breaks() {
        let text = "let a = 1;\r\nfetch(\"http://x.acme.io\");\r\n";
        let findings = run(text);
        let ignore = findings[0].fixes.last().unwrap();
        let (fixed, _) = apply_fixes(text, [ignore]);
        assert_eq!(
            fixed,
            "let a = 1;\r\n// mufi-lsp: ignore MUFI003\r\nfetch(\"http://x.acme.io\");\r\n"
        );
        assert!(run(&fixed).is_empty());
    }

    #[test]
    fn suppression_in_a_cr_only_file_covers_one_line() {
        let text = "// mufi-lsp: ignore MUFI003\rfetch(\"http://a.acme.io\");\rlet b = 2;\rfetch(\"http://b.acme.io\");\r";
        let findings = run(text);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(text[findings[0].range.clone()].contains("b.acme.io"));
    }
}
