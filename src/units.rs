//! The top-level units of a Go or Python file, found from the lexer's strings and
//! comments without a parse. `check` parses only the units of a big file that hold a
//! trigger (`engine::parse_around`): the rest cannot hold a finding, and costs no parse.

use std::ops::Range;

use crate::language::lexer::Lexed;
use crate::language::{Language, LanguageId};

/// One top-level unit of a file (`unit_starts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Where it starts: the first line of the comments above it, or of its code.
    pub start: usize,
    /// Where its code starts: the first character of its first line of code (the
    /// unit's start when it has none).
    pub code: usize,
}

impl Unit {
    /// Whether a Python unit declares a function or a class (decorated or not), where
    /// the code that rules judge together is its own.
    pub fn is_python_declaration(&self, text: &str) -> bool {
        self.code_starts_with(text, &["def ", "class ", "async def ", "@"])
    }

    /// Whether a Python unit is an import (`import os`, `from flask import redirect`).
    pub fn is_python_import(&self, text: &str) -> bool {
        self.code_starts_with(text, &["import ", "from "])
    }

    fn code_starts_with(&self, text: &str, words: &[&str]) -> bool {
        words.iter().any(|word| text[self.code..].starts_with(word))
    }
}

/// The top-level units of `text`, in order: the first at 0, each running to the next
/// one's start and the last to the end of the text. A unit is a top-level
/// declaration or statement with the comment and blank lines right above it (its doc
/// comment, a suppression comment), and in Python with its decorators and its `else`,
/// `elif`, `except` and `finally` clauses. `None` for other languages.
///
/// A unit starts at a line whose first character is code, in column 0, outside any
/// bracket, string or comment (and in Python, not after a line ending in `\`). Where
/// the lexer misreads the file the units may be wrong; a parse of them then has
/// errors, and the caller parses the whole file instead.
pub fn unit_starts(language: &Language, text: &str, lexed: &Lexed) -> Option<Vec<Unit>> {
    let python = match language.id {
        LanguageId::Go => false,
        LanguageId::Python => true,
        _ => return None,
    };
    Some(scan(python, text, lexed, 0..text.len(), Some(0)))
}

/// The members of a Python class that is the unit `unit` of `text`, ending at `end`
/// (`unit_starts`): its header first (the comments above it, the `class` line), then
/// each statement of its body with the comment and blank lines above it, a method
/// with its decorators. `None` when the unit is no class (a decorated one is not
/// split), or its body is on the header's line.
pub fn members(text: &str, lexed: &Lexed, unit: Unit, end: usize) -> Option<Vec<Unit>> {
    if !unit.code_starts_with(text, &["class "]) {
        return None;
    }
    let members = scan(true, text, lexed, unit.start..end, None);
    (members.len() > 1).then_some(members)
}

/// The units of `text` within `range` (which starts a line): lines of code at the
/// column `indent`, or when `None`, at the column of the first line of code indented
/// past the first (a class body's); the first line of code is always the first unit's.
fn scan(
    python: bool,
    text: &str,
    lexed: &Lexed,
    range: Range<usize>,
    indent: Option<usize>,
) -> Vec<Unit> {
    let mut indent = indent;
    let bytes = &text.as_bytes()[..range.end];
    // Strings and comments in order, each marked whether it is a comment: what is
    // inside them opens or closes nothing.
    let mut skips: Vec<(Range<usize>, bool)> = lexed
        .comments
        .iter()
        .map(|r| (r.clone(), true))
        .chain(lexed.strings.iter().map(|r| (r.clone(), false)))
        .filter(|(r, _)| !r.is_empty() && r.end > range.start && r.start < range.end)
        .collect();
    skips.sort_by_key(|(r, _)| r.start);
    let mut skips = skips.into_iter().peekable();
    let mut starts = vec![Unit {
        start: range.start,
        code: range.start,
    }];
    let mut first_code = true;
    let mut depth = 0usize;
    // Where the comment and blank lines right above the current line start.
    let mut above: Option<usize> = None;
    let mut after_decorator = false;
    let mut continued = false;
    // The end of the last string or comment read, and whether it was a comment: a
    // line that starts before it starts inside it.
    let mut inside_until = range.start;
    let mut inside_comment = false;
    let mut line_start = range.start;
    while line_start < bytes.len() {
        let line_end =
            memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |n| line_start + n + 1);
        let first = (line_start..line_end).find(|&i| !bytes[i].is_ascii_whitespace());
        let in_literal = inside_until > line_start;
        let comment_first = first.is_some_and(|f| {
            skips
                .peek()
                .is_some_and(|(r, comment)| *comment && r.start == f)
        });
        match first {
            // A block comment's later lines belong with its first.
            _ if in_literal && inside_comment && depth == 0 && !continued => {}
            _ if in_literal || depth > 0 || continued => above = None,
            None => {
                above.get_or_insert(line_start);
            }
            Some(_) if comment_first => {
                above.get_or_insert(line_start);
            }
            Some(f) if first_code => {
                starts[0].code = f;
                first_code = false;
                after_decorator = python && bytes[f] == b'@';
                above = None;
            }
            Some(f) if indent.is_none_or(|column| f - line_start != column) => {
                if indent.is_none() && f > line_start {
                    // The first line of a class body sets its column.
                    indent = Some(f - line_start);
                    starts.push(Unit {
                        start: above.unwrap_or(line_start),
                        code: f,
                    });
                    after_decorator = bytes[f] == b'@';
                }
                above = None;
            }
            Some(f) => {
                let word = word_at(bytes, f);
                let continues = python
                    && (after_decorator
                        || matches!(word, b"else" | b"elif" | b"except" | b"finally"));
                if !continues {
                    starts.push(Unit {
                        start: above.unwrap_or(line_start),
                        code: f,
                    });
                }
                after_decorator = python && bytes[f] == b'@';
                above = None;
            }
        }
        // Brackets on this line, outside strings and comments; a string or comment
        // running past the line's end leaves the next line inside it.
        let mut i = line_start.max(inside_until);
        while i < line_end {
            if let Some((skip, comment)) = skips.next_if(|(r, _)| r.start <= i) {
                if skip.end > i {
                    inside_until = skip.end;
                    inside_comment = comment;
                    i = skip.end;
                }
                continue;
            }
            // Up to the next string or comment, or the line's end.
            let stop = skips
                .peek()
                .map_or(line_end, |(r, _)| r.start.min(line_end));
            for b in &bytes[i..stop] {
                match b {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            i = stop;
        }
        continued =
            python && joins_next_line(&bytes[line_start..line_end], line_start, inside_until);
        line_start = line_end;
    }
    starts
}

/// The word (letters, digits, `_`) at `at`.
fn word_at(bytes: &[u8], at: usize) -> &[u8] {
    let end = bytes[at..]
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
        .map_or(bytes.len(), |n| at + n);
    &bytes[at..end]
}

/// Whether a line (with its line break) starting at `start` ends in a `\\` that joins
/// the next line to it: one past `code_from`, the end of the last string or comment.
fn joins_next_line(line: &[u8], start: usize, code_from: usize) -> bool {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    line.ends_with(b"\\") && start + line.len() > code_from
}

/// The index of the unit among `units` that holds `offset`.
pub fn unit_of(units: &[Unit], offset: usize) -> usize {
    units
        .partition_point(|u| u.start <= offset)
        .saturating_sub(1)
}

/// The units among `units` (`unit_starts` over a text of `len` bytes) that hold one
/// of `offsets`, and the first unit, merged where they touch: the byte ranges to
/// parse. The first unit holds what rules read of a file's head: a module docstring
/// (which string is one), the package clause and imports.
pub fn units_holding(units: &[Unit], len: usize, offsets: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for k in holding(units, offsets, 1) {
        push_merged(&mut out, units[k].start..end_of(units, k, len));
    }
    out
}

/// `units_holding` for Python, where a class among the units is split into its members
/// (`members`): its header and first statement (a class docstring is one only there),
/// and the members that hold one of `offsets`. A test module is often one class.
pub fn units_and_members_holding(
    text: &str,
    lexed: &Lexed,
    units: &[Unit],
    offsets: &[usize],
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for k in holding(units, offsets, 1) {
        let end = end_of(units, k, text.len());
        match (k > 0)
            .then(|| members(text, lexed, units[k], end))
            .flatten()
        {
            Some(members) => {
                let inside: Vec<usize> = offsets
                    .iter()
                    .copied()
                    .filter(|o| (units[k].start..end).contains(o))
                    .collect();
                for m in holding(&members, &inside, 2) {
                    push_merged(&mut out, members[m].start..end_of(&members, m, end));
                }
            }
            None => push_merged(&mut out, units[k].start..end),
        }
    }
    out
}

/// The indexes of the units that hold one of `offsets`, and of the first `head` units,
/// in order.
fn holding(units: &[Unit], offsets: &[usize], head: usize) -> Vec<usize> {
    let mut chosen: Vec<usize> = offsets.iter().map(|&o| unit_of(units, o)).collect();
    chosen.extend(0..head.min(units.len()));
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}

/// Where the unit `k` of `units` ends: where the next starts, or at `end`.
fn end_of(units: &[Unit], k: usize, end: usize) -> usize {
    units.get(k + 1).map_or(end, |u| u.start)
}

/// Adds `range` to `ranges`, joined to the last one where they touch.
fn push_merged(ranges: &mut Vec<Range<usize>>, range: Range<usize>) {
    match ranges.last_mut() {
        Some(last) if last.end == range.start => last.end = range.end,
        _ => ranges.push(range),
    }
}

/// `ranges` (in order, apart) less `cuts` (in order, apart): what is left of them.
pub fn without(
    ranges: Vec<Range<usize>>,
    cuts: impl IntoIterator<Item = Range<usize>>,
) -> Vec<Range<usize>> {
    let mut out = ranges;
    for cut in cuts {
        out = out
            .into_iter()
            .flat_map(|r| {
                let before = r.start..r.end.min(cut.start);
                let after = r.start.max(cut.end)..r.end;
                [before, after]
            })
            .filter(|r| !r.is_empty())
            .collect();
    }
    out
}

/// `ranges` (in order, apart) as the parser takes them: with the row and column of
/// each end, counted in bytes as tree-sitter counts them.
pub fn parser_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<tree_sitter::Range> {
    let bytes = text.as_bytes();
    let mut row = 0;
    let mut line_start = 0;
    let mut counted = 0;
    let mut point = |offset: usize| {
        for at in memchr::memchr_iter(b'\n', &bytes[counted..offset]) {
            row += 1;
            line_start = counted + at + 1;
        }
        counted = offset;
        tree_sitter::Point::new(row, offset - line_start)
    };
    ranges
        .iter()
        .map(|r| tree_sitter::Range {
            start_point: point(r.start),
            end_point: point(r.end),
            start_byte: r.start,
            end_byte: r.end,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::lexer;

    fn units(id: LanguageId, text: &str) -> Vec<&str> {
        let language = Language::get(id);
        let lexed = lexer::lex(language, text).expect("a lexer");
        let units = unit_starts(language, text, &lexed).expect("units");
        pieces(text, &units, text.len())
    }

    /// The text of each of `units`, the last running to `end`.
    fn pieces<'t>(text: &'t str, units: &[Unit], end: usize) -> Vec<&'t str> {
        (0..units.len())
            .map(|k| &text[units[k].start..end_of(units, k, end)])
            .collect()
    }

    #[test]
    fn go_units_are_declarations_with_their_doc_comments() {
        let text = "package main\n\nimport (\n\t\"os\"\n)\n\n// Get reads.\n// It is long.\nfunc Get() {\n\tx := `\nfunc raw() {\n`\n\t_ = x\n}\n\nvar a = []string{\n\"(\",\n}\n/* a\nfunc c() {} */\ntype T struct{}\n";
        assert_eq!(
            units(LanguageId::Go, text),
            [
                "package main\n",
                "\nimport (\n\t\"os\"\n)\n",
                "\n// Get reads.\n// It is long.\nfunc Get() {\n\tx := `\nfunc raw() {\n`\n\t_ = x\n}\n",
                "\nvar a = []string{\n\"(\",\n}\n",
                "/* a\nfunc c() {} */\ntype T struct{}\n",
            ]
        );
    }

    #[test]
    fn comments_before_the_first_code_belong_to_the_first_unit() {
        let text = "// Copyright.\n\n// Package a.\npackage a\n\n// F.\nfunc F() {}\n";
        assert_eq!(
            units(LanguageId::Go, text),
            [
                "// Copyright.\n\n// Package a.\npackage a\n",
                "\n// F.\nfunc F() {}\n"
            ]
        );
    }

    #[test]
    fn python_units_keep_decorators_clauses_and_joined_lines() {
        let text = "\"\"\"Doc.\n\nimport nothing\n\"\"\"\nimport os\n\n# The app.\n@app.route(\"/\")\n# note\n@login\ndef index():\n    x = [\n1,\n]\n\n    return x\n\ntry:\n    import json\nexcept ImportError:\n    json = None\nfinally:\n    pass\nURL = \"a\" \\\n\"b\"\nif x:\n    pass\nelse:\n    pass\n";
        assert_eq!(
            units(LanguageId::Python, text),
            [
                "\"\"\"Doc.\n\nimport nothing\n\"\"\"\n",
                "import os\n",
                "\n# The app.\n@app.route(\"/\")\n# note\n@login\ndef index():\n    x = [\n1,\n]\n\n    return x\n",
                "\ntry:\n    import json\nexcept ImportError:\n    json = None\nfinally:\n    pass\n",
                "URL = \"a\" \\\n\"b\"\n",
                "if x:\n    pass\nelse:\n    pass\n",
            ]
        );
    }

    #[test]
    fn a_python_class_splits_into_its_header_and_members() {
        let text = "import os\n\n# Views.\nclass Views(\n    Base,\n):\n    \"\"\"Doc.\n\nmore\n    \"\"\"\n\n    URL = (\n\"x\")\n\n    # The index.\n    @route\n    def index(self):\n        if x:\n            pass\n        else:\n            pass\n\n    class Meta:\n        pass\n";
        let python = Language::get(LanguageId::Python);
        let lexed = lexer::lex(python, text).expect("a lexer");
        let units = unit_starts(python, text, &lexed).expect("units");
        assert_eq!(units.len(), 2);
        let members = members(text, &lexed, units[1], text.len()).expect("a class");
        assert_eq!(
            pieces(text, &members, text.len()),
            [
                "\n# Views.\nclass Views(\n    Base,\n):\n",
                "    \"\"\"Doc.\n\nmore\n    \"\"\"\n",
                "\n    URL = (\n\"x\")\n",
                "\n    # The index.\n    @route\n    def index(self):\n        if x:\n            pass\n        else:\n            pass\n",
                "\n    class Meta:\n        pass\n",
            ]
        );
        assert_eq!(members[0].code, text.find("class Views").unwrap());
        assert_eq!(super::members(text, &lexed, units[0], units[1].start), None);
    }

    #[test]
    fn cuts_leave_what_is_around_them() {
        let one = |r: Range<usize>| std::iter::once(r).collect::<Vec<_>>();
        assert_eq!(
            without(vec![0..10, 20..30], [2..4, 8..22, 29..40]),
            vec![0..2, 4..8, 22..29]
        );
        assert_eq!(without(one(5..9), [0..5, 9..12]), one(5..9));
        assert!(without(one(5..9), one(0..12)).is_empty());
    }

    #[test]
    fn parser_ranges_count_rows_and_columns_in_bytes() {
        let text = "ab\nçd\nef";
        let ranges = parser_ranges(text, &[0..3, 4..7, 7..9]);
        let points: Vec<_> = ranges
            .iter()
            .map(|r| {
                (
                    (r.start_point.row, r.start_point.column),
                    (r.end_point.row, r.end_point.column),
                )
            })
            .collect();
        assert_eq!(
            points,
            [((0, 0), (1, 0)), ((1, 1), (2, 0)), ((2, 0), (2, 2))]
        );
    }

    #[test]
    fn the_units_to_parse_hold_the_offsets_and_the_head() {
        let starts: Vec<Unit> = [0, 10, 20, 30, 40]
            .map(|start| Unit { start, code: start })
            .to_vec();
        assert_eq!(
            units_holding(&starts, 50, &[25, 27, 45]),
            [0..10, 20..30, 40..50]
        );
        assert_eq!(units_holding(&starts, 50, &[12, 25]), vec![0..30]);
        assert_eq!(units_holding(&starts, 50, &[]), vec![0..10]);
    }
}
