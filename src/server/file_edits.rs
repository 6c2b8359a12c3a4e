//! Turns a fix into an LSP workspace edit. Edits to other files (`.env`, `.gitignore`,
//! a new proxy route) are resolved here against what is open in the editor or on disk:
//! appended, created when absent, never overwritten, and skipped when already in place.

use std::collections::HashMap;
use std::path::Path;

use ignore::gitignore::GitignoreBuilder;
use tower_lsp_server::ls_types::{
    CreateFile, CreateFileOptions, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp, TextDocumentEdit,
    TextEdit, Uri, WorkspaceEdit,
};

use crate::document::{encoded_len, Document, Encoding};
use crate::finding::{Edit, Fix};

use super::convert;
use super::state::OpenTexts;

/// What the client said it can do with workspace edits.
#[derive(Clone, Copy, Debug, Default)]
pub struct EditCaps {
    pub document_changes: bool,
    pub create_files: bool,
}

/// One text appended to another file.
struct Append {
    uri: Uri,
    /// The file's current text, when it exists (open or on disk).
    existing: Option<String>,
    version: Option<i32>,
    text: String,
}

fn current_text(open: &OpenTexts, path: &Path) -> (Option<String>, Option<i32>, Option<Uri>) {
    if let Some((uri, text, version)) = open.0.get(path) {
        return (Some(text.to_string()), Some(*version), Some(uri.clone()));
    }
    (std::fs::read_to_string(path).ok(), None, None)
}

fn resolve(open: &OpenTexts, edit: &Edit) -> Option<Option<Append>> {
    let (path, line) = match edit {
        Edit::Replace { .. } => return Some(None),
        Edit::AppendLine {
            path,
            line,
            unless_line_starts_with,
        } => {
            let (existing, _, _) = current_text(open, path);
            if existing.as_deref().is_some_and(|t| {
                t.lines()
                    .any(|l| l.trim_start().starts_with(unless_line_starts_with.as_str()))
            }) {
                return Some(None);
            }
            (path, line.clone())
        }
        Edit::EnsureIgnored { gitignore, pattern } => {
            let (existing, _, _) = current_text(open, gitignore);
            if let Some(text) = &existing {
                let dir = gitignore.parent().unwrap_or(Path::new("/"));
                let mut builder = GitignoreBuilder::new(dir);
                for l in text.lines() {
                    let _ = builder.add_line(None, l);
                }
                if let Ok(gi) = builder.build() {
                    if gi.matched(dir.join(pattern), false).is_ignore() {
                        return Some(None);
                    }
                }
            }
            (gitignore, pattern.clone())
        }
        Edit::CreateFile { path, text } => {
            let (existing, version, open_uri) = current_text(open, path);
            if existing.is_some() {
                return Some(None);
            }
            let uri = open_uri.or_else(|| Uri::from_file_path(path))?;
            return Some(Some(Append {
                uri,
                existing: None,
                version,
                text: text.clone(),
            }));
        }
    };
    let (existing, version, open_uri) = current_text(open, path);
    let uri = open_uri.or_else(|| Uri::from_file_path(path))?;
    let needs_newline = existing
        .as_deref()
        .is_some_and(|t| !t.is_empty() && !t.ends_with('\n'));
    Some(Some(Append {
        uri,
        existing,
        version,
        text: format!("{}{line}\n", if needs_newline { "\n" } else { "" }),
    }))
}

fn end_position(text: &str, encoding: Encoding) -> Position {
    let line = text.bytes().filter(|b| *b == b'\n').count() as u32;
    let last = text.rfind('\n').map_or(text, |i| &text[i + 1..]);
    Position::new(line, encoded_len(last, encoding) as u32)
}

/// The workspace edit for `fix` on the open document `uri`, or `None` when the client
/// cannot apply it (a file would need creating and it cannot create files).
pub fn workspace_edit(
    open: &OpenTexts,
    uri: &Uri,
    doc: &Document,
    fix: &Fix,
    encoding: Encoding,
    caps: EditCaps,
) -> Option<WorkspaceEdit> {
    let local = convert::text_edits(doc, &fix.edits, encoding);
    let mut appends = Vec::new();
    for edit in &fix.edits {
        if let Some(append) = resolve(open, edit)? {
            appends.push(append);
        }
    }
    let needs_create = appends.iter().any(|a| a.existing.is_none());
    if needs_create && !(caps.document_changes && caps.create_files) {
        return None;
    }
    if !caps.document_changes {
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        changes.insert(uri.clone(), local);
        for a in appends {
            let at = end_position(a.existing.as_deref().unwrap_or(""), encoding);
            changes.entry(a.uri).or_default().push(TextEdit {
                range: Range::new(at, at),
                new_text: a.text,
            });
        }
        return Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        });
    }
    let mut ops = vec![DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: uri.clone(),
            version: Some(doc.version),
        },
        edits: local.into_iter().map(OneOf::Left).collect(),
    })];
    for a in appends {
        if a.existing.is_none() {
            ops.push(DocumentChangeOperation::Op(ResourceOp::Create(
                CreateFile {
                    uri: a.uri.clone(),
                    options: Some(CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                },
            )));
        }
        let at = end_position(a.existing.as_deref().unwrap_or(""), encoding);
        ops.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: a.uri,
                version: a.version,
            },
            edits: vec![OneOf::Left(TextEdit {
                range: Range::new(at, at),
                new_text: a.text,
            })],
        }));
    }
    Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(ops)),
        ..WorkspaceEdit::default()
    })
}
