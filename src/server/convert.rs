//! Engine types to LSP types: diagnostics, text edits and hovers, with positions in
//! the negotiated encoding. The only place byte ranges meet LSP positions.

use std::ops::Range;

use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, DiagnosticTag, NumberOrString, Position,
    Range as LspRange, TextEdit, Uri,
};

use crate::document::{Document, Encoding, Pos};
use crate::finding::{Edit, Finding, Severity};
use crate::rules::RuleId;

pub fn position(doc: &Document, offset: usize, encoding: Encoding) -> Position {
    let p = doc.offset_to_position(offset, encoding);
    Position::new(p.line, p.character)
}

pub fn range(doc: &Document, r: &Range<usize>, encoding: Encoding) -> LspRange {
    LspRange::new(
        position(doc, r.start, encoding),
        position(doc, r.end, encoding),
    )
}

pub fn offset(doc: &Document, p: Position, encoding: Encoding) -> usize {
    doc.position_to_offset(
        Pos {
            line: p.line,
            character: p.character,
        },
        encoding,
    )
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn diagnostic(doc: &Document, f: &Finding, encoding: Encoding) -> Diagnostic {
    let href = f.rule.docs_url().parse::<Uri>().ok();
    Diagnostic {
        range: range(doc, &f.range, encoding),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.code().to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("mufi-lsp".to_string()),
        message: f.message.clone(),
        related_information: None,
        tags: (f.rule == RuleId::UnusedSuppression).then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

pub fn diagnostics(doc: &Document, findings: &[Finding], encoding: Encoding) -> Vec<Diagnostic> {
    findings
        .iter()
        .map(|f| diagnostic(doc, f, encoding))
        .collect()
}

/// The in-file edits of a fix as LSP text edits.
pub fn text_edits(doc: &Document, edits: &[Edit], encoding: Encoding) -> Vec<TextEdit> {
    edits
        .iter()
        .filter_map(|e| match e {
            Edit::Replace { range: r, text } => Some(TextEdit {
                range: range(doc, r, encoding),
                new_text: text.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// Markdown for a hover over a finding: what and why, the decoded key (redacted),
/// and the link to the rule's reference.
pub fn hover_markdown(f: &Finding) -> String {
    let meta = f.rule.meta();
    let mut out = format!(
        "**{} {}**: {}\n\n{}\n",
        meta.code, meta.name, meta.summary, f.message
    );
    if let Some(key) = &f.key {
        out.push_str("\n| key | |\n| --- | --- |\n");
        out.push_str(&format!("| value | `{}` (redacted) |\n", key.redacted));
        if let Some(alg) = &key.algorithm {
            out.push_str(&format!("| algorithm | `{alg}` |\n"));
        }
        out.push_str(&format!(
            "| permission | {} |\n",
            key.permission
                .as_deref()
                .unwrap_or("not stated in the token")
        ));
        if let Some(project) = &key.project {
            out.push_str(&format!("| project | `{project}` |\n"));
        }
        if let Some(iat) = key.issued_at {
            out.push_str(&format!("| issued (unix time) | {iat} |\n"));
        }
    }
    if let Some(why) = section(meta.doc, "Why is this bad?") {
        out.push_str(&format!("\n**Why is this bad?** {why}\n"));
    }
    out.push_str(&format!("\n[Rule reference]({})\n", f.rule.docs_url()));
    out
}

/// The text of a `## heading` section of a rule's doc.
fn section<'a>(doc: &'a str, heading: &str) -> Option<&'a str> {
    let start = doc.find(&format!("## {heading}"))? + heading.len() + 3;
    let rest = &doc[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// A config file's problem as a diagnostic on its line (whole line: the column is
/// not known for every problem).
pub fn config_diagnostic(error: &crate::config_file::ConfigError) -> Diagnostic {
    Diagnostic {
        range: LspRange {
            start: Position {
                line: error.line,
                character: 0,
            },
            end: Position {
                line: error.line + 1,
                character: 0,
            },
        },
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("config".into())),
        source: Some("mufi-lsp".into()),
        message: format!(
            "{} (mufi-lsp keeps the last good settings of this file)",
            error.message
        ),
        ..Diagnostic::default()
    }
}
