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

fn expand(tree: &Tree, range: &Range<usize>) -> Range<usize> {
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

/// A node on the way down to a byte: its kind and range.
type Step = (u16, usize, usize);

/// The nodes from the root down to the first leaf that ends after `offset`.
fn path_to(tree: &Tree, offset: usize) -> Vec<Step> {
    let step = |n: tree_sitter::Node| (n.kind_id(), n.start_byte(), n.end_byte());
    let mut cursor = tree.walk();
    let mut path = vec![step(cursor.node())];
    while cursor.goto_first_child_for_byte(offset).is_some() {
        path.push(step(cursor.node()));
    }
    path
}

/// Where the syntax at `offset` differs between the two trees: the range covering the
/// first differing nodes on the way down to it, if any.
fn differs_at(base: &Tree, tree: &Tree, offset: usize) -> Option<Range<usize>> {
    let old = path_to(base, offset);
    let new = path_to(tree, offset);
    let depth = old.iter().zip(&new).take_while(|(o, n)| o == n).count();
    if depth == old.len() && depth == new.len() {
        return None;
    }
    let ends: Vec<&Step> = [old.get(depth), new.get(depth)]
        .into_iter()
        .flatten()
        .collect();
    let start = ends.iter().map(|s| s.1).min().unwrap_or(offset).min(offset);
    let end = ends
        .iter()
        .map(|s| s.2)
        .max()
        .unwrap_or(offset)
        .max(offset + 1);
    Some(start..end)
}

/// Grows a dirty `range` (whole judging units) over what the reparse changed beyond
/// it: an unclosed string or comment can swallow the code after an edit, a closed one
/// give it back. The syntax just after the range and just before it must be the same
/// in the edited old tree (`base`) and the new one, from the root down to the first
/// token on either side: where it is, the parse converged there and what lies
/// beyond is unchanged. Only the boundaries are compared, where `Tree::changed_ranges`
/// walks the whole tree (as long again as the reparse itself on a large file).
fn grow_over_reparsed(text: &str, base: &Tree, tree: &Tree, range: Range<usize>) -> Range<usize> {
    let mut range = range;
    loop {
        let after = (range.end < text.len())
            .then(|| differs_at(base, tree, range.end))
            .flatten();
        // The last byte before the range that is not white space.
        let before = text.as_bytes()[..range.start.min(text.len())]
            .iter()
            .rposition(|b| !b.is_ascii_whitespace());
        let before = before.and_then(|at| differs_at(base, tree, at));
        let grown = [after, before]
            .into_iter()
            .flatten()
            .fold(range.clone(), |r, d| {
                r.start.min(d.start)..r.end.max(d.end).min(text.len())
            });
        // Most of the file: the caller analyses all of it anyway.
        if grown == range || grown.len() * 2 > text.len() {
            return grown;
        }
        range = expand(tree, &grown);
    }
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
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
/// `base_tree` is the old tree with `edits` applied (`Tree::edit`), so that comparing it
/// with the new tree shows what the reparse changed beyond the edits.
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
    let dirty = if tree.root_node().has_error() || base_tree.root_node().has_error() {
        // Error recovery can change the tree far from an edit, with the code between
        // untouched: compare the whole trees.
        dirty.extend(
            base_tree
                .changed_ranges(tree)
                .map(|r| r.start_byte..r.end_byte),
        );
        merge(dirty.iter().map(|r| expand(tree, r)).collect())
    } else {
        let dirty = merge(dirty.iter().map(|r| expand(tree, r)).collect());
        merge(
            dirty
                .into_iter()
                .map(|r| grow_over_reparsed(src.text, base_tree, tree, r))
                .collect(),
        )
    };
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
