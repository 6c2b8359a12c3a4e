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

/// The widest excerpt, in characters. A longer line (a minified bundle's can run to
/// megabytes) is cut to a window around the range, with `…` where text is left out.
const EXCERPT_WIDTH: usize = 160;

/// How much of a cut line is shown before the range.
const EXCERPT_LEAD: usize = 60;

/// `line` and the underlined columns `from..to` in it, cut to `EXCERPT_WIDTH` around
/// them when longer; the columns then count in the cut text.
fn window(line: &str, from: usize, to: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= EXCERPT_WIDTH {
        return (line.to_string(), from, to);
    }
    let from = from.min(chars.len());
    let end = (from.saturating_sub(EXCERPT_LEAD) + EXCERPT_WIDTH).min(chars.len());
    let start = end.saturating_sub(EXCERPT_WIDTH).min(from);
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    let shift = |col: usize| col.clamp(start, end) - start + usize::from(start > 0);
    (shown, shift(from), shift(to.max(from)))
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
            let (shown, from, to) = window(&shown.replace('\t', " "), from, to);
            let gutter = start.line.to_string();
            let pad = " ".repeat(gutter.len());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;
    use crate::rules::RuleId;

    /// A finding deep in a minified line shows a window of the line around it, with the
    /// carets under the range, not the whole line.
    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_range() {
        let url = "http://fb.me/x";
        let mut text = "var a=1;".repeat(50_000);
        let at = text.len();
        text.push_str(&format!("f(\"{url}\");"));
        text.push_str(&"var b=2;".repeat(50_000));
        let start = at + 3;
        let file = FileReport {
            display_path: "bundle.js".into(),
            text: text.clone(),
            findings: vec![Finding::new(
                RuleId::PlainHttpUrl,
                start..start + url.len(),
                "plain http",
            )],
        };
        let out = render(&[file], 1, false);
        assert!(out.len() < 1_000, "{} bytes", out.len());
        assert!(out.contains(&format!("1:{}:", start + 1)), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let excerpt = lines.iter().find(|l| l.starts_with("1 | ")).unwrap();
        let carets = lines.iter().find(|l| l.contains('^')).unwrap();
        let excerpt: Vec<char> = excerpt.chars().collect();
        let col = carets.find('^').unwrap();
        let under: String = excerpt[col..col + url.len()].iter().collect();
        assert_eq!(under, url);
        assert_eq!(carets.trim_start_matches([' ', '|']).len(), url.len());
        assert!(excerpt.starts_with(&['1', ' ', '|', ' ', '…']));
        assert!(excerpt.ends_with(&['…']));
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        assert_eq!(window("let x = 1;", 4, 5), ("let x = 1;".into(), 4, 5));
        // At the very start and the very end of a long line.
        let line = "x".repeat(500);
        let (shown, from, to) = window(&line, 0, 3);
        assert_eq!((shown.chars().count(), from, to), (EXCERPT_WIDTH + 1, 0, 3));
        assert!(shown.ends_with('…') && !shown.starts_with('…'));
        let (shown, from, to) = window(&line, 498, 500);
        assert_eq!(shown.chars().count(), EXCERPT_WIDTH + 1);
        assert!(shown.starts_with('…') && !shown.ends_with('…'));
        assert_eq!((from, to), (EXCERPT_WIDTH - 1, EXCERPT_WIDTH + 1));
    }
}
