//! `check --format json`: the stable machine-readable report (version 1).

use serde::Serialize;

use super::{FileReport, LineCol, Positions};
use crate::finding::{Edit, Finding};

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
    /// Files left unchecked or unfixed (the run exits 2): one message each.
    problems: &'a [String],
}

#[derive(Serialize)]
struct Summary {
    files_scanned: usize,
    findings: usize,
    elapsed_ms: u128,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    rule: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    start: Point,
    end: Point,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    path: &'a str,
    start: Point,
    end: Point,
    new_text: &'a str,
}

#[derive(Serialize, Clone, Copy)]
struct Point {
    line: usize,
    column: usize,
}

impl From<LineCol> for Point {
    fn from(lc: LineCol) -> Self {
        Point {
            line: lc.line,
            column: lc.column,
        }
    }
}

fn finding<'a>(file: &'a FileReport, f: &'a Finding, positions: &Positions) -> JsonFinding<'a> {
    let point = |offset| Point::from(positions.line_col(offset));
    JsonFinding {
        path: &file.display_path,
        rule: f.rule.code(),
        name: f.rule.name(),
        severity: f.severity.as_str(),
        message: &f.message,
        start: point(f.range.start),
        end: point(f.range.end),
        fixes: f
            .fixes
            .iter()
            .filter(|fix| super::fix_is_printable(fix))
            .map(|fix| JsonFix {
                title: &fix.title,
                edits: fix
                    .edits
                    .iter()
                    .filter_map(|e| match e {
                        Edit::Replace { range, text } => Some(JsonEdit {
                            path: &file.display_path,
                            start: point(range.start),
                            end: point(range.end),
                            new_text: text,
                        }),
                        _ => None,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Renders the whole report as pretty JSON.
pub fn render(
    files: &[FileReport],
    files_scanned: usize,
    elapsed_ms: u128,
    problems: &[String],
) -> String {
    let findings: Vec<JsonFinding> = files
        .iter()
        .flat_map(|file| {
            let positions = Positions::new(&file.text);
            file.findings
                .iter()
                .map(move |f| finding(file, f, &positions))
                .collect::<Vec<_>>()
        })
        .collect();
    let report = Report {
        version: 1,
        summary: Summary {
            files_scanned,
            findings: findings.len(),
            elapsed_ms,
        },
        findings,
        problems,
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into())
}
