//! `check --format github`: one GitHub Actions workflow command per finding, which the
//! runner turns into an annotation on the file and line, then a summary line.

use std::fmt::Write;

use super::{FileReport, Positions};
use crate::finding::Severity;

/// Escapes a command's message the way the Actions runner unescapes it.
pub(super) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, and `:` and `,`, which end a property.
pub(super) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders every finding as `::error file=…,line=…::message`, each problem (a file
/// left unchecked or unfixed) as an error of the run, then the summary.
pub fn render(files: &[FileReport], files_scanned: usize, problems: &[String]) -> String {
    let mut out = String::new();
    for file in files {
        let positions = Positions::new(&file.text);
        let path = escape_property(&file.display_path.replace('\\', "/"));
        for f in &file.findings {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let start = positions.line_col(f.range.start);
            let end = positions.line_col(f.range.end);
            let mut properties = format!("file={path},line={}", start.line);
            // The runner accepts columns only on a one-line annotation.
            if end.line == start.line {
                let _ = write!(
                    properties,
                    ",col={},endLine={},endColumn={}",
                    start.column, end.line, end.column
                );
            } else {
                let _ = write!(properties, ",endLine={}", end.line);
            }
            let title = escape_property(&format!("{} {}", f.rule.code(), f.rule.name()));
            let _ = writeln!(
                out,
                "::{command} {properties},title={title}::{}",
                escape_data(&f.message)
            );
        }
    }
    for problem in problems {
        let _ = writeln!(out, "::error title=mufi-lsp::{}", escape_data(problem));
    }
    let _ = writeln!(out, "{}", super::summary_line(files, files_scanned));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("dir,x/a:b%.js"), "dir%2Cx/a%3Ab%25.js");
    }
}
