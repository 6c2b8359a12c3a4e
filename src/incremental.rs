//! Re-analysis after edits, for the editor: earlier raw findings are shifted through
//! the edits, and the rules re-run only over the functions or top-level statements the
//! edits (and the reparse) touched. Falls back to a full run when file-level facts
//! change or most of the file is dirty.

use std::ops::Range;

use tree_sitter::{InputEdit, Tree};

use crate::config::Config;
use crate::engine::{analyze_rules, starts_in_any, SourceFile};
use crate::finding::{Edit, Finding};
use crate::language::env_read;
use crate::project::{self, FileContext};
use crate::syntax;

/// The facts rules read from the whole file rather than from the code around a finding.
/// When they change, every finding may change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFacts {
    pub client_reason: Option<String>,
    /// The MUFI001 fix's env read and the import edit it needs (where, and what): both
    /// read the imports, so an edit near them changes every MUFI001 fix.
    pub env_read: Option<(String, Vec<Edit>)>,
}

pub fn file_facts(src: &SourceFile, file: &FileContext, config: &Config) -> FileFacts {
    FileFacts {
        client_reason: project::classify(file, src.text, src.language, config),
        env_read: env_read::env_read(src.language, src.tree, src.text, "MUFI_API_KEY", None)
            .map(|f| (f.expr, f.edits)),
    }
}

/// Where `offset` goes after `edit`, for offsets outside the edited span.
fn shift(offset: usize, edit: &InputEdit) -> usize {
    if offset >= edit.old_end_byte {
        offset + edit.new_end_byte - edit.old_end_byte
    } else {
        offset
    }
}

/// Whether `range` touches the span the edit replaced (touching counts: typing right
/// after a literal changes it).
fn touches(range: &Range<usize>, edit: &InputEdit) -> bool {
    range.start <= edit.old_end_byte && edit.start_byte <= range.end
}

/// Moves a finding through one edit; `false` when the edit touched it or its fixes.
fn shift_finding(f: &mut Finding, edit: &InputEdit) -> bool {
    if touches(&f.range, edit) {
        return false;
    }
    for fix in &mut f.fixes {
        for e in &mut fix.edits {
            if let Edit::Replace { range, .. } = e {
                if touches(range, edit) {
                    return false;
                }
                *range = shift(range.start, edit)..shift(range.end, edit);
            }
        }
    }
    f.range = shift(f.range.start, edit)..shift(f.range.end, edit);
    true
}

pub(crate) fn expand(tree: &Tree, range: &Range<usize>) -> Range<usize> {
    let root = tree.root_node();
    let at = |offset: usize| match root.descendant_for_byte_range(offset, offset) {
        // Between top-level statements: nothing encloses the offset.
        Some(node) if node.id() != root.id() => syntax::judging_unit(root, node).byte_range(),
        _ => offset..offset,
    };
    let a = at(range.start);
    let b = at(range.end);
    a.start.min(b.start).min(range.start)..a.end.max(b.end).max(range.end)
}

pub(crate) fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Raw findings for `src` given the raw findings `old` of the text before `edits`.
/// `base_tree` is the old tree with `edits` applied (`Tree::edit`), so that its changed
/// ranges against the new tree show what the reparse changed beyond the edits.
/// `None` when a full analysis is cheaper or needed.
pub fn reanalyze(
    src: &SourceFile,
    file: &FileContext,
    config: &Config,
    facts: &FileFacts,
    base_tree: &Tree,
    edits: &[InputEdit],
    old: &[Finding],
) -> Option<Vec<Finding>> {
    if src.language.has_embeds() {
        return None;
    }
    let tree = src.tree?;
    let mut dirty: Vec<Range<usize>> = Vec::new();
    for edit in edits {
        for r in &mut dirty {
            if touches(r, edit) {
                *r = r.start.min(edit.start_byte)..shift(r.end.max(edit.old_end_byte), edit);
            } else {
                *r = shift(r.start, edit)..shift(r.end, edit);
            }
        }
        dirty.push(edit.start_byte..edit.new_end_byte);
    }
    let mut kept = Vec::with_capacity(old.len());
    // Rules judged in the whole file are run again over all of it below.
    for f in old.iter().filter(|f| !f.rule.judged_in_whole_file()) {
        let mut f = f.clone();
        let original = f.range.clone();
        let mut alive = true;
        for edit in edits {
            if alive && !shift_finding(&mut f, edit) {
                alive = false;
            }
        }
        if alive {
            kept.push(f);
        } else {
            // Edited, or its fix is stale: recompute wherever it now is.
            let moved = edits.iter().fold(original, |r, e| {
                shift(r.start, e)..shift(r.end, e).max(shift(r.start, e))
            });
            dirty.push(moved);
        }
    }
    dirty.extend(
        base_tree
            .changed_ranges(tree)
            .map(|r| r.start_byte..r.end_byte),
    );
    let dirty = merge(dirty.iter().map(|r| expand(tree, r)).collect());
    let dirty_len: usize = dirty.iter().map(|r| r.end - r.start).sum();
    if dirty_len * 2 > src.text.len() {
        return None;
    }
    let mut findings: Vec<Finding> = kept
        .into_iter()
        .filter(|f| !starts_in_any(&f.range, &dirty))
        .collect();
    findings.extend(analyze_rules(
        src,
        file,
        config,
        Some(&dirty),
        Some(&facts.client_reason),
    ));
    Some(findings)
}
