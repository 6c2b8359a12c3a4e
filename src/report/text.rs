//! `check --format text`: file:line:col, code, message, and the source line with the
//! range underlined; secrets in the excerpt are redacted. Colour on a terminal.

use std::fmt::Write;

use super::{display_column, redact_line, secret_ranges, FileReport, Positions};
use crate::finding::Severity;
use crate::lines;

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Renders every finding of every file, then a summary line.
pub fn render(files: &[FileReport], files_scanned: usize, color: bool) -> String {
    let paint = Paint { on: color };
    let mut out = String::new();
    for file in files {
        let positions = Positions::new(&file.text);
        for f in &file.findings {
            let start = positions.line_col(f.range.start);
            let end = positions.line_col(f.range.end);
            let (sev_color, sev) = match f.severity {
                Severity::Error => ("1;31", "error"),
                Severity::Warning => ("1;33", "warning"),
                Severity::Info => ("1;36", "info"),
                Severity::Hint => ("1;34", "hint"),
            };
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                paint.wrap("1", &file.display_path),
                start.line,
                start.column,
                paint.wrap(sev_color, sev),
                f.rule.code(),
                f.message
            );
            // The excerpt: the first line of the range.
            let line_start = lines::line_start(&file.text, f.range.start);
            let line_end = lines::line_end(&file.text, f.range.start);
            let line = file.text[line_start..line_end].trim_end_matches('\r');
            let secrets = secret_ranges(line, line_start, &file.findings);
            let (shown, map) = redact_line(line, line_start, &secrets);
            let from = display_column(line, line_start, &map, f.range.start);
            let to = if end.line == start.line {
                display_column(line, line_start, &map, f.range.end)
            } else {
                shown.chars().count()
            };
            let gutter = start.line.to_string();
            let pad = " ".repeat(gutter.len());
            let shown = shown.replace('\t', " ");
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{gutter} | {shown}");
            let marks = "^".repeat(to.saturating_sub(from).max(1));
            let _ = writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(from),
                paint.wrap(sev_color, &marks)
            );
            if let Some(fix) = f.fixes.first().filter(|x| x.preferred) {
                let _ = writeln!(out, "{pad} = fix: {}", fix.title);
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "{}", super::summary_line(files, files_scanned));
    out
}
