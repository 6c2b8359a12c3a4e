//! Reports for `check`: one file's findings with the text they point into, the
//! line/column arithmetic (1-based, Unicode scalar values) reports share, and the
//! choice of format.

pub mod github;
pub mod history;
pub mod json;
pub mod sarif;
pub mod text;

use std::ops::Range;

use crate::finding::{Edit, Finding, Fix, Severity};
use crate::jwt;
use crate::lines;
use crate::rules::RuleId;

/// The report formats of `check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col`, the rule, the message and the source line, underlined.
    Text,
    /// The stable JSON report (version 1).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
}

/// Renders `files` in `format`. `elapsed_ms` is the run's time so far (JSON reports it).
/// `problems` (files left unchecked or unfixed, which make the run exit 2) are in the
/// JSON report, the SARIF log's invocation and the GitHub annotations; the text report
/// leaves them to standard error, where every format also prints them.
pub fn render(
    format: Format,
    files: &[FileReport],
    files_scanned: usize,
    color: bool,
    elapsed_ms: u128,
    problems: &[String],
) -> String {
    match format {
        Format::Text => text::render(files, files_scanned, color),
        Format::Json => json::render(files, files_scanned, elapsed_ms, problems),
        Format::Sarif => sarif::render(files, problems),
        Format::Github => github::render(files, files_scanned, problems),
    }
}

/// The closing line of the text and GitHub reports: how many problems of each severity.
pub fn summary_line(files: &[FileReport], files_scanned: usize) -> String {
    let mut counts = [0usize; 4];
    for f in files.iter().flat_map(|file| &file.findings) {
        counts[f.severity as usize] += 1;
    }
    let total: usize = counts.iter().sum();
    if total == 0 {
        return format!("No problems found in {files_scanned} files.");
    }
    format!(
        "Found {total} problem{} in {files_scanned} files ({} errors, {} warnings, {} infos, {} hints).",
        if total == 1 { "" } else { "s" },
        counts[Severity::Error as usize],
        counts[Severity::Warning as usize],
        counts[Severity::Info as usize],
        counts[Severity::Hint as usize]
    )
}

/// The source line holding byte `offset`, without its line break, with every secret on
/// it redacted: what a report may show or hash of a flagged line.
pub fn redacted_line(text: &str, offset: usize, findings: &[Finding]) -> String {
    let line_start = lines::line_start(text, offset);
    let line_end = lines::line_end(text, offset);
    let line = &text[line_start..line_end];
    let secrets = secret_ranges(line, line_start, findings);
    redact_line(line, line_start, &secrets).0
}

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

impl Positions<'_> {
    /// The 1-based column of `offset` counted in UTF-16 code units (what GitHub code
    /// scanning and LSP clients count): an emoji before a finding counts 2, not 1.
    pub fn utf16_column(&self, offset: usize) -> usize {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_start = self.index.line_start(offset);
        text[line_start..offset].encode_utf16().count() + 1
    }
}

/// Whether a report may print `fix`. Fixes that write to other files (moving a key
/// into `.env`) carry the key itself; a fix that splices around one key re-emits the
/// rest of its literal, which may hold another. Both stay in the editor.
pub fn fix_is_printable(fix: &Fix) -> bool {
    fix.edits.iter().all(|e| match e {
        Edit::Replace { text, .. } => jwt::redaction_runs(text).is_empty(),
        _ => false,
    })
}

/// The byte ranges of secrets within `line` (which starts at byte `base`): every JWT,
/// and the literal of each key finding. Reports print these redacted.
pub fn secret_ranges(line: &str, base: usize, findings: &[Finding]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = jwt::redaction_runs(line)
        .into_iter()
        .map(|r| base + r.start..base + r.end)
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
    // `redact_line` shows each range once, in order: overlapping ones become one, or
    // the tail of the second would be printed in the clear.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
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
