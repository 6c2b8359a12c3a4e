//! The engine's fast path (triggers in comments ignored, rules skipped where they have
//! nothing to read, queries only around the triggers) must find exactly what a full
//! analysis finds. Every fixture, example and evaluation project is analysed both
//! ways: as written, with lone `\r` line breaks, behind a license header, and (Go and
//! Python) before many declarations without a trigger, where only some units are
//! parsed. `check`'s first phase (`engine::plan`) keeps every text with a finding.
//! The comment lexer the fast path trusts is held to tree-sitter's own comment nodes
//! on the same files.

use std::path::{Path, PathBuf};

use mufi_lsp::config::Config;
use mufi_lsp::engine::{analyze, analyze_thorough, parse, plan, SourceFile};
use mufi_lsp::finding::Finding;
use mufi_lsp::language::{lexer, Language, LanguageId};
use mufi_lsp::project::ProjectModel;

/// Every file the engine has a language for under the test corpora.
fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = ["tests/fixtures", "tests/eval", "examples"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if Language::for_path(&path).is_some() {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(out.len() > 200, "the corpus is all there: {}", out.len());
    out
}

/// What a user sees of a finding.
fn shown(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let fixes: Vec<&str> = f.fixes.iter().map(|x| x.title.as_str()).collect();
            format!(
                "{} {:?} {:?} {} {:?}",
                f.rule, f.severity, f.range, f.message, fixes
            )
        })
        .collect()
}

/// A license header in the language's own comment syntax, full of triggers.
fn license_header(language: &Language) -> Option<String> {
    let body = "Licensed under the Apache License, Version 2.0; see http://www.apache.org/licenses/LICENSE-2.0. \
                Redirect, Location, Origin, CORS, trust, verify, insecure, unsafe-inline script-src, mufi.";
    language.comment.wrap(body).map(|c| format!("{c}\n"))
}

/// Top-level declarations without a trigger, more bytes than `len` of them: with
/// them after a file, the fast path parses only the units that hold its triggers
/// (`engine::parse_around`, Go and Python).
fn filler(language: &Language, len: usize) -> Option<String> {
    let one = |i: usize| match language.id {
        LanguageId::Go => Some(format!(
            "// filler{i} returns.\nfunc filler{i}() int {{\n\treturn {i}\n}}\n\n"
        )),
        LanguageId::Python => Some(format!("@cached\ndef filler{i}():\n    return {i}\n\n\n")),
        _ => None,
    };
    let mut out = String::new();
    let mut i = 0;
    while out.len() <= len {
        out.push_str(&one(i)?);
        i += 1;
    }
    Some(out)
}

/// A declaration of a string literal longer than `engine::GIANT_LITERAL` (a bundle
/// held in a string), with escapes, a URL and other rules' words inside: the fast
/// path parses it as its quotes alone.
fn giant_literal(language: &Language) -> Option<String> {
    let piece = "var s=\\\"origin\\\"; location.href=\\\"http://fb.me/x\\\"; verify\\n";
    let body = piece.repeat(40 * 1024 / piece.len() + 1);
    match language.id {
        LanguageId::JavaScript | LanguageId::TypeScript | LanguageId::Tsx => {
            Some(format!("\nexport const bundle = \"{body}\";\n"))
        }
        LanguageId::Python => Some(format!("\nBUNDLE = \"{body}\"\n")),
        LanguageId::Go => Some(format!("\nvar bundle = \"{body}\"\n")),
        _ => None,
    }
}

#[test]
fn fast_path_finds_what_the_thorough_path_finds() {
    let model = ProjectModel::new();
    let config = Config::default();
    let mut compared = 0;
    let mut differences = Vec::new();
    for path in corpus() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let language = Language::for_path(&path).expect("filtered by language");
        let file = model.file_context(&path);
        // As written, with lone carriage returns for line breaks (old Mac files), and
        // behind a license header.
        let mut texts = vec![text.clone(), text.replace('\n', "\r")];
        if let Some(header) = license_header(language) {
            texts.push(format!("{header}{text}"));
        }
        if let Some(filler) = filler(language, text.len()) {
            texts.push(format!("{text}\n{filler}"));
        }
        if let Some(giant) = giant_literal(language) {
            texts.push(format!("{text}{giant}"));
        }
        for text in texts {
            let src = SourceFile {
                text: &text,
                language,
                tree: None,
            };
            let fast = shown(&analyze(&src, &file, &config));
            let thorough = shown(&analyze_thorough(&src, &file, &config));
            compared += 1;
            // `check` analyses only the files its first phase keeps.
            if !thorough.is_empty() && plan(&src, &path, &config).is_none() {
                differences.push(format!("{}: ruled out by `plan`", path.display()));
            }
            if fast != thorough {
                differences.push(format!(
                    "{}:\n  fast:     {fast:#?}\n  thorough: {thorough:#?}",
                    path.display()
                ));
            }
        }
    }
    assert!(compared > 600, "compared {compared} texts");
    assert!(
        differences.is_empty(),
        "{} of {compared} texts differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

/// Whether tree-sitter puts a comment node at `offset`.
fn tree_sitter_comment_at(tree: &tree_sitter::Tree, offset: usize) -> bool {
    let Some(mut node) = tree
        .root_node()
        .descendant_for_byte_range(offset, offset + 1)
    else {
        return false;
    };
    loop {
        if node.kind().contains("comment") {
            return true;
        }
        match node.parent() {
            Some(parent) => node = parent,
            None => return false,
        }
    }
}

#[test]
fn lexer_comments_are_tree_sitter_comments() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for path in corpus() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let language = Language::for_path(&path).expect("filtered by language");
        let Some(comments) = lexer::comments(language, &text) else {
            continue;
        };
        let Some(tree) = parse(language, &text) else {
            continue;
        };
        for range in comments {
            checked += 1;
            // Both ends: a comment the lexer ran on too far would end in code.
            let last = range.end.saturating_sub(1).max(range.start);
            for offset in [range.start, last] {
                if !tree_sitter_comment_at(&tree, offset) {
                    wrong.push(format!(
                        "{}: {:?} is not a comment to tree-sitter",
                        path.display(),
                        &text[range.clone()]
                    ));
                }
            }
        }
    }
    assert!(checked > 500, "checked {checked} comments");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Python with literals that are docstrings and literals that only look like them.
const DOCSTRINGS: &str = r#"#!/usr/bin/env python
"""Module docstring: http://docs.one.io"""
import os


def plain():
    """Function docstring."""
    "http://a-second-string.io"
    return 1


class Client(
    Base,
):  # a comment after the header
    # and one before the docstring
    '''Class docstring.'''

    def call(self, a,
             b) -> str:
        r"""A raw docstring, left to the parse."""
        x = {
            "key":
            "http://inside-brackets.io"
        }
        y = 1 + \
            "continued"
        if a:
            "http://first-in-an-if-block.io"  # still a docstring to is_docstring
        return f"http://{a}"
"#;

/// Every literal the lexer takes for a Python docstring (so MUFI003's triggers in it
/// cost no parse) is one to `syntax::is_docstring` after the parse.
#[test]
fn lexer_docstrings_are_tree_sitter_docstrings() {
    let python = Language::get(mufi_lsp::language::LanguageId::Python);
    let docstrings_of = |text: &str| -> Vec<(std::ops::Range<usize>, bool)> {
        let lexed = lexer::lex(python, text).expect("Python has a lexer");
        let tree = parse(python, text).expect("Python parses");
        lexer::python_docstrings(text, &lexed)
            .into_iter()
            .map(|range| {
                let mut node = tree
                    .root_node()
                    .descendant_for_byte_range(range.start, range.end);
                while let Some(n) = node.filter(|n| n.kind() != "string") {
                    node = n.parent();
                }
                let is = node
                    .is_some_and(|n| n.byte_range() == range && mufi_lsp::syntax::is_docstring(n));
                (range, is)
            })
            .collect()
    };
    let found = docstrings_of(DOCSTRINGS);
    let texts: Vec<&str> = found.iter().map(|(r, _)| &DOCSTRINGS[r.clone()]).collect();
    assert_eq!(
        texts,
        [
            r#""""Module docstring: http://docs.one.io""""#,
            r#""""Function docstring.""""#,
            "'''Class docstring.'''",
            r#""http://first-in-an-if-block.io""#,
        ]
    );
    let mut checked = found.len();
    let mut wrong: Vec<String> = found
        .iter()
        .filter(|(_, is)| !is)
        .map(|(r, _)| format!("{:?}", &DOCSTRINGS[r.clone()]))
        .collect();
    for path in corpus() {
        if Language::for_path(&path).map(|l| l.id) != Some(python.id) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for (range, is) in docstrings_of(&text) {
            checked += 1;
            if !is {
                wrong.push(format!("{}: {:?}", path.display(), &text[range]));
            }
        }
    }
    assert!(checked > 10, "checked {checked} docstrings");
    assert!(
        wrong.is_empty(),
        "not docstrings to tree-sitter:\n{}",
        wrong.join("\n")
    );
}
