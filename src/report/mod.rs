//! Reports for `check`: one file's findings with the text they point into, and the
//! line/column arithmetic (1-based, Unicode scalar values) reports share.

pub mod json;
pub mod text;

use std::ops::Range;

use crate::finding::Finding;
use crate::jwt;
use crate::lines;
use crate::rules::RuleId;

/// One analysed file, ready to report.
pub struct FileReport {
    /// The path as shown: relative to the current directory when under it.
    pub display_path: String,
    pub text: String,
    pub findings: Vec<Finding>,
}

/// A 1-based line and column, the column counting Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Converts a byte offset into a 1-based line and column.
pub fn line_col(text: &str, offset: usize) -> LineCol {
    Positions::new(text).line_col(offset)
}

/// `line_col` for many offsets of one text: the line starts are found once.
pub struct Positions<'a> {
    text: &'a str,
    index: lines::LineIndex,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Positions<'a> {
        Positions {
            text,
            index: lines::LineIndex::new(text),
        }
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_start = self.index.line_start(offset);
        LineCol {
            line: self.index.line(offset) + 1,
            column: text[line_start..offset].chars().count() + 1,
        }
    }
}

/// The byte ranges of secrets within `line` (which starts at byte `base`): every JWT,
/// and the literal of each key finding. Reports print these redacted.
pub fn secret_ranges(line: &str, base: usize, findings: &[Finding]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = jwt::find_all(line)
        .into_iter()
        .map(|t| base + t.start..base + t.end)
        .collect();
    for f in findings {
        if f.rule == RuleId::HardcodedApiKey && f.key.is_some() {
            let mut start = f.range.start.max(base);
            let mut end = f.range.end.min(base + line.len());
            if start >= end {
                continue;
            }
            // Keep a literal's quotes visible: redact what is between them.
            let shown = &line[start - base..end - base];
            if let Some(q) = shown
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\'' | '`'))
            {
                start += 1;
                if end > start && shown.ends_with(q) && shown.len() > 1 {
                    end -= 1;
                }
            }
            if start < end {
                ranges.push(start..end);
            }
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// `line` with each secret replaced by its redacted form, and a function mapping a byte
/// offset of the original file to a column (in chars) of the displayed line.
pub fn redact_line(
    line: &str,
    base: usize,
    secrets: &[Range<usize>],
) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(line.len());
    // (original byte offset, display char column) checkpoints
    let mut map = Vec::new();
    let mut pos = base;
    let mut col = 0usize;
    for secret in secrets {
        if secret.start < pos || secret.start > base + line.len() {
            continue;
        }
        let plain = &line[pos - base..secret.start - base];
        out.push_str(plain);
        col += plain.chars().count();
        map.push((secret.start, col));
        let end = secret.end.min(base + line.len());
        let shown = jwt::redact(&line[secret.start - base..end - base]);
        col += shown.chars().count();
        out.push_str(&shown);
        map.push((end, col));
        pos = end;
    }
    out.push_str(&line[pos - base..]);
    (out, map)
}

/// The display column of original offset `offset`, given `redact_line`'s checkpoints.
pub fn display_column(line: &str, base: usize, map: &[(usize, usize)], offset: usize) -> usize {
    let offset = offset.clamp(base, base + line.len());
    let (anchor, col) = map
        .iter()
        .rev()
        .find(|(o, _)| *o <= offset)
        .copied()
        .unwrap_or((base, 0));
    let mut from = anchor - base;
    let mut to = offset - base;
    while !line.is_char_boundary(from) {
        from -= 1;
    }
    while !line.is_char_boundary(to) {
        to -= 1;
    }
    col + line.get(from..to).map_or(0, |s| s.chars().count())
}
