//! Re-analysis after edits, for the editor: earlier raw findings are shifted through
//! the edits, and the rules re-run only over the functions or top-level statements the
//! edits (and the reparse) touched. Falls back to a full run when file-level facts
//! change or nearly all of the file is dirty.

use std::ops::Range;

use tree_sitter::{InputEdit, Node, Tree};

use crate::config::Config;
use crate::engine::{self, starts_in_any, SourceFile};
use crate::finding::{Edit, Finding};
use crate::language::{env_read, Language, LanguageId};
use crate::project::{self, FileContext};
use crate::rules::RuleId;
use crate::suppress;
use crate::syntax;

/// The facts rules read from the whole file rather than from the code around a finding.
/// When they change, every finding may change (`PartialEq` compares those; see
/// `whole_file`).
#[derive(Clone, Debug)]
pub struct FileFacts {
    pub client_reason: Option<String>,
    /// The MUFI001 fix's env read and the import edit it needs (where, and what): both
    /// read the imports, so an edit near them changes every MUFI001 fix.
    pub env_read: Option<(String, Vec<Edit>)>,
    /// In data files, whose units of re-analysis are entries of one document-wide
    /// object or list (`entry_unit`): whether each child of the root mentions Mufi
    /// outside comments, which MUFI001 reads from the whole child (the judging unit).
    pub mentions_mufi: Vec<bool>,
    /// The rules judged in the whole file whose triggers occur, each with where one
    /// occurs in the text these facts were read from (`engine::whole_file_triggers`):
    /// kept through an edit that leaves that occurrence alone, so that a keystroke
    /// need not read the whole file for them. Not compared: `reanalyze` runs such a
    /// rule over the whole file whenever its triggers occur, and drops its findings
    /// when they no longer do.
    pub whole_file: Vec<(RuleId, Range<usize>)>,
    /// Where a suppression marker occurs (`suppress::find_marker`), kept through edits
    /// like `whole_file`: without one, no finding is suppressed, and a keystroke need
    /// not search the whole file to know it. Not compared: it changes no raw finding.
    pub marker: Option<Range<usize>>,
}

impl PartialEq for FileFacts {
    fn eq(&self, other: &FileFacts) -> bool {
        self.client_reason == other.client_reason
            && self.env_read == other.env_read
            && self.mentions_mufi == other.mentions_mufi
    }
}

impl Eq for FileFacts {}

pub fn file_facts(src: &SourceFile, file: &FileContext, config: &Config) -> FileFacts {
    facts_with_reason(src, project::classify(file, src.text, src.language, config))
}

/// `file_facts` of one layer of a file with embedded code, whose classification is
/// the host file's (`client_reason`): embedded code ships wherever its host does.
pub fn facts_with_reason(src: &SourceFile, client_reason: Option<String>) -> FileFacts {
    let whole_file = engine::whole_file_triggers(src.text);
    facts_knowing(
        src,
        client_reason,
        whole_file,
        suppress::find_marker(src.text),
    )
}

/// `facts_with_reason` after `edits` to a text whose facts were `before`, outside of
/// which the text is the one `before` was read from: the whole-file triggers and the
/// marker are kept through them (`file_facts_after`), the rest read again.
pub fn facts_with_reason_after(
    src: &SourceFile,
    client_reason: Option<String>,
    before: &FileFacts,
    edits: &[InputEdit],
) -> FileFacts {
    let whole_file = whole_file_triggers_after(src.text, &before.whole_file, edits);
    let marker = marker_after(src.text, before.marker.as_ref(), edits);
    facts_knowing(src, client_reason, whole_file, marker)
}

/// The facts of `src`, given its classification, its whole-file triggers and its
/// marker: the rest is read from `src`.
fn facts_knowing(
    src: &SourceFile,
    client_reason: Option<String>,
    whole_file: Vec<(RuleId, Range<usize>)>,
    marker: Option<Range<usize>>,
) -> FileFacts {
    FileFacts {
        client_reason,
        env_read: env_read::env_read(src.language, src.tree, src.text, "MUFI_API_KEY", None)
            .map(|f| (f.expr, f.edits)),
        mentions_mufi: mentions_mufi(src),
        whole_file,
        marker,
    }
}

/// Whether re-analysis in `language` narrows to entries of the document's top-level
/// object or list rather than to judging units (the whole document there).
fn has_entry_units(language: &Language) -> bool {
    matches!(language.id, LanguageId::Json | LanguageId::Yaml)
}

/// `syntax::code_mentions(child, text, "mufi")` for each child of the root, where
/// `has_entry_units`; found from the first mention outside comments rather than by
/// lowering and walking all of each child.
fn mentions_mufi(src: &SourceFile) -> Vec<bool> {
    let Some(tree) = src.tree.filter(|_| has_entry_units(src.language)) else {
        return Vec::new();
    };
    let root = tree.root_node();
    let mut cursor = root.walk();
    let children: Vec<Node> = root.children(&mut cursor).collect();
    children
        .into_iter()
        .map(|child| {
            let Some(code) = src.text.get(child.byte_range()) else {
                return false;
            };
            let base = child.start_byte();
            code.as_bytes()
                .windows(4)
                .enumerate()
                .filter(|(_, w)| w.eq_ignore_ascii_case(b"mufi"))
                .any(|(at, _)| (base + at..base + at + 4).all(|b| !in_comment(child, b)))
        })
        .collect()
}

/// Whether byte `at` lies in a node under `unit` (or `unit` itself) whose kind names
/// a comment: what `syntax::code_mentions` blanks.
fn in_comment(unit: Node, at: usize) -> bool {
    let Some(leaf) = unit.descendant_for_byte_range(at, at + 1) else {
        return false;
    };
    is_comment_kind(&leaf) || syntax::ancestors(unit, leaf).iter().any(is_comment_kind)
}

/// `file_facts` after `edits` to a text whose facts were `before`: the client-side
/// classification reads the whole text, so it is kept when the edits cannot have
/// changed it (`keeps_classification`).
pub fn file_facts_after(
    src: &SourceFile,
    file: &FileContext,
    config: &Config,
    before: &FileFacts,
    edits: &[InputEdit],
) -> FileFacts {
    let kept = match edits {
        [edit] if edit.old_end_byte == edit.start_byte => {
            keeps_classification(src.text, edit.start_byte..edit.new_end_byte)
        }
        _ => false,
    };
    let client_reason = if kept {
        before.client_reason.clone()
    } else {
        project::classify(file, src.text, src.language, config)
    };
    facts_with_reason_after(src, client_reason, before, edits)
}

/// `suppress::find_marker` of `text`, given `before`, that of the text before `edits`:
/// kept through them like a whole-file trigger (`whole_file_triggers_after`).
fn marker_after(
    text: &str,
    before: Option<&Range<usize>>,
    edits: &[InputEdit],
) -> Option<Range<usize>> {
    let Some(span) = text_span(text, edits) else {
        return suppress::find_marker(text);
    };
    let reach = suppress::MARKER.len();
    kept_occurrence(text, before, &span, reach, suppress::find_marker)
}

/// `engine::whole_file_triggers` of `text`, given `before`, those of the text before
/// `edits`, each rule's occurrence kept (`kept_occurrence`) through the edits taken as
/// one (`text_span`). The whole text is read only when the edits do not fit it (stale
/// ones say nothing of where it changed).
fn whole_file_triggers_after(
    text: &str,
    before: &[(RuleId, Range<usize>)],
    edits: &[InputEdit],
) -> Vec<(RuleId, Range<usize>)> {
    let Some(span) = text_span(text, edits) else {
        return engine::whole_file_triggers(text);
    };
    let reach = engine::longest_trigger();
    crate::rules::ALL
        .iter()
        .filter(|rule| rule.judged_in_whole_file())
        .filter_map(|rule| {
            let at = before.iter().find(|(r, _)| r == rule).map(|(_, at)| at);
            let found = kept_occurrence(text, at, &span, reach, |text| {
                engine::first_trigger(*rule, text)
            });
            Some((*rule, found?))
        })
        .collect()
}

/// `edits` taken as one (`spanning`), when that fits `text`, the text after them.
fn text_span(text: &str, edits: &[InputEdit]) -> Option<InputEdit> {
    spanning(edits).filter(|e| e.start_byte <= e.new_end_byte && e.new_end_byte <= text.len())
}

/// Where something that `find` finds (at most `reach` bytes long) occurs in `text`,
/// given `before`, where it occurred in the text before `edit`. An occurrence the edit
/// leaves alone is moved; when there was none, there is one now only if it overlaps
/// the edit, so only the bytes around it are read; when the edit touched it, the whole
/// text is read.
fn kept_occurrence(
    text: &str,
    before: Option<&Range<usize>>,
    edit: &InputEdit,
    reach: usize,
    find: impl Fn(&str) -> Option<Range<usize>>,
) -> Option<Range<usize>> {
    match before {
        Some(at) if !touches(at, edit) => Some(shift(at.start, edit)..shift(at.end, edit)),
        Some(_) => find(text),
        None => {
            let near = engine::reaching(text, &(edit.start_byte..edit.new_end_byte), reach);
            find(&text[near.clone()]).map(|m| m.start + near.start..m.end + near.start)
        }
    }
}

/// `edits`, applied one after the other, as one edit: the bytes from the first
/// changed to the last, before (`old_end_byte`) and after (`new_end_byte`); the text
/// outside it is the same. Byte offsets only: its positions are the default. `None`
/// for no edits.
fn spanning(edits: &[InputEdit]) -> Option<InputEdit> {
    let (first, rest) = edits.split_first()?;
    let mut span = (first.start_byte, first.old_end_byte, first.new_end_byte);
    for edit in rest {
        let (start, old_end, new_end) = span;
        // Where the span or this edit ends last, in the text this edit is made to;
        // from there on the text is the original's, moved.
        let end = new_end.max(edit.old_end_byte);
        span = (
            start.min(edit.start_byte),
            old_end + (end - new_end),
            end - edit.old_end_byte + edit.new_end_byte,
        );
    }
    Some(byte_edit(span.0, span.1, span.2))
}

/// An edit known by its byte offsets only (its positions are the default).
fn byte_edit(start_byte: usize, old_end_byte: usize, new_end_byte: usize) -> InputEdit {
    InputEdit {
        start_byte,
        old_end_byte,
        new_end_byte,
        start_position: Default::default(),
        old_end_position: Default::default(),
        new_end_position: Default::default(),
    }
}

/// Whether inserting `inserted` (its range in the new `text`) leaves the client-side
/// classification as it was: the insertion is below the directives at the top, and no
/// string the classification looks for is made or broken by it (none occurs around
/// the insertion, before it or after).
fn keeps_classification(text: &str, inserted: Range<usize>) -> bool {
    if project::in_directive_head(text, inserted.start) {
        return false;
    }
    let reach = project::text_markers().map(str::len).max().unwrap_or(0);
    let bytes = text.as_bytes();
    let from = inserted.start.saturating_sub(reach);
    let to = (inserted.end + reach).min(bytes.len());
    let mut before = bytes[from..inserted.start].to_vec();
    before.extend_from_slice(&bytes[inserted.end..to]);
    let occurs = |hay: &[u8]| {
        project::text_markers().any(|m| hay.windows(m.len()).any(|w| w == m.as_bytes()))
    };
    !occurs(&bytes[from..to]) && !occurs(&before)
}

/// Where `offset` goes after `edit`, for offsets outside the edited span.
pub(crate) fn shift(offset: usize, edit: &InputEdit) -> usize {
    if offset >= edit.old_end_byte {
        offset + edit.new_end_byte - edit.old_end_byte
    } else {
        offset
    }
}

/// Whether `range` touches the span the edit replaced (touching counts: typing right
/// after a literal changes it).
pub(crate) fn touches(range: &Range<usize>, edit: &InputEdit) -> bool {
    range.start <= edit.old_end_byte && edit.start_byte <= range.end
}

/// Moves a finding through one edit; `false` when the edit touched it or its fixes.
pub(crate) fn shift_finding(f: &mut Finding, edit: &InputEdit) -> bool {
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
    expand_in(None, tree, range)
}

/// A data file's text, and the entries of its containers as `entry_unit` reads them,
/// kept for one re-analysis (one tree): each end of each range reads them, and a
/// container can hold thousands.
struct Entries<'a> {
    text: &'a str,
    read: std::cell::RefCell<Vec<ContainerEntries>>,
    /// Reads every container's entries one by one (`Layout::Listed`): the tests'
    /// reference for `Layout::Pairs`.
    listed_only: bool,
}

/// A container's node id, and how its entries are found.
type ContainerEntries = (usize, Layout);

impl<'a> Entries<'a> {
    /// `None` where re-analysis does not narrow to entries (`has_entry_units`).
    fn of(language: &Language, text: &'a str) -> Option<Entries<'a>> {
        has_entry_units(language).then(|| Entries {
            text,
            read: Default::default(),
            listed_only: false,
        })
    }
}

/// `range` grown to the units a rule can read around it: judging units, or in data
/// files (`entries` given), entries of the document's object or list (`entry_unit`).
fn expand_in(entries: Option<&Entries>, tree: &Tree, range: &Range<usize>) -> Range<usize> {
    let root = tree.root_node();
    let at = |offset: usize| {
        if let Some(unit) = entries.and_then(|entries| entry_unit(tree, entries, offset)) {
            return unit;
        }
        match root.descendant_for_byte_range(offset, offset) {
            // Between top-level statements: nothing encloses the offset.
            Some(node) if node.id() != root.id() => syntax::judging_unit(root, node).byte_range(),
            _ => offset..offset,
        }
    };
    let a = at(range.start);
    let b = at(range.end);
    a.start.min(b.start).min(range.start)..a.end.max(b.end).max(range.end)
}

/// In a JSON or YAML document that is one object or list, the entries around
/// `offset`: the one holding it with its neighbours on either side, or the two it lies
/// between. What a rule reads of a finding's surroundings lies there: the keys of the
/// sections above it (inside its entry), and for a removal fix, the separator before
/// the entry and whether another entry follows. `None` (the whole document) when the
/// document is not one object or list, has a parse error, or is a list with a scalar
/// item: a policy string reads its sibling items (MUFI007), or is a name/value object:
/// MUFI001 reads the `value` entry under the `name` entry's value.
fn entry_unit(tree: &Tree, entries: &Entries, offset: usize) -> Option<Range<usize>> {
    let text = entries.text;
    let root = tree.root_node();
    if root.has_error() {
        return None;
    }
    let mut container = match root.kind() {
        // JSON: document > object | array.
        "document" => only_child(root)?,
        // YAML: stream > document > block_node > block_mapping | block_sequence.
        "stream" => only_child(only_child(only_child(root)?)?)?,
        _ => return None,
    };
    // `{"services": {…}}`: a lone key's object or list holds the entries. Its key is
    // outside them, and an offset there is judged with the whole document.
    while let Some(inner) = only_child(container)
        .and_then(|entry| entry.child_by_field_name("value"))
        .and_then(|value| match value.kind() {
            "object" | "array" => Some(value),
            "block_node" => only_child(value),
            _ => None,
        })
        .filter(|inner| inner.start_byte() <= offset && offset <= inner.end_byte())
    {
        container = inner;
    }
    let scalar = |entry: &Node| match entry.kind() {
        "pair" | "object" | "array" | "block_mapping_pair" => false,
        "block_sequence_item" => {
            only_child(*entry).is_none_or(|value| value.kind() != "block_node")
        }
        _ => true,
    };
    let is_container = matches!(
        container.kind(),
        "object" | "array" | "block_mapping" | "block_sequence"
    );
    if !is_container || offset < container.start_byte() || container.end_byte() < offset {
        return None;
    }
    let mut read = entries.read.borrow_mut();
    let known = read.iter().position(|(id, _)| *id == container.id());
    let at = known.unwrap_or_else(|| {
        // A `value` key is compared as written: a container whose text never says
        // "alue" has no value entry, and its keys need not be read (a large JSON
        // object has thousands, and this runs on every keystroke).
        let says_value = text
            .get(container.byte_range())
            .is_some_and(|t| memchr::memmem::find(t.as_bytes(), b"alue").is_some());
        // An object or mapping holds only pairs (and comments): without a value entry
        // its entries are found on the tree, not read one by one.
        let mapping = matches!(container.kind(), "object" | "block_mapping");
        let layout = if mapping && !says_value && !entries.listed_only {
            Layout::Pairs
        } else {
            let mut cursor = container.walk();
            let children: Vec<Node> = container
                .named_children(&mut cursor)
                .filter(|c| !is_comment_kind(c))
                .collect();
            if children
                .iter()
                .any(|e| scalar(e) || says_value && syntax::is_value_entry(*e, text))
            {
                Layout::Whole
            } else {
                Layout::Listed(children.iter().map(Node::byte_range).collect())
            }
        };
        read.push((container.id(), layout));
        read.len() - 1
    });
    let (first, last) = match &read[at].1 {
        Layout::Whole => return None,
        Layout::Listed(entries) => {
            // The first entry that ends at or after `offset`.
            let next = entries.partition_point(|e| e.end < offset);
            let holds = entries.get(next).is_some_and(|e| e.start <= offset);
            let first = next.saturating_sub(1);
            let last = if holds { next + 1 } else { next }.min(entries.len().saturating_sub(1));
            (entries.get(first).cloned(), entries.get(last).cloned())
        }
        Layout::Pairs => {
            // The same three entries, found from the tree.
            let next = past_comments(
                container.first_named_child_for_byte(offset.saturating_sub(1)),
                true,
            )
            .filter(|e| e.end_byte() >= offset);
            let holds = next.is_some_and(|e| e.start_byte() <= offset);
            let first = match next {
                Some(n) => past_comments(n.prev_named_sibling(), false).or(Some(n)),
                None => {
                    let count = container.named_child_count();
                    past_comments(
                        count
                            .checked_sub(1)
                            .and_then(|i| container.named_child(i as u32)),
                        false,
                    )
                }
            };
            let last = match next {
                Some(n) if holds => past_comments(n.next_named_sibling(), true).or(Some(n)),
                Some(n) => Some(n),
                None => first,
            };
            (first.map(|n| n.byte_range()), last.map(|n| n.byte_range()))
        }
    };
    let start = first.map_or(container.start_byte(), |e| e.start);
    let end = last.map_or(container.end_byte(), |e| e.end);
    Some(start.min(offset)..end.max(offset))
}

/// How `entry_unit` finds a container's entries.
enum Layout {
    /// A scalar or a name/value entry among them: the unit is the whole document.
    Whole,
    /// Read once, in order.
    Listed(Vec<Range<usize>>),
    /// An object or mapping without a value entry: found on the tree around an offset.
    Pairs,
}

/// `node`, or the first sibling after it (before it, unless `forward`) that is not a
/// comment.
fn past_comments(mut node: Option<Node<'_>>, forward: bool) -> Option<Node<'_>> {
    while let Some(n) = node.filter(is_comment_kind) {
        node = if forward {
            n.next_named_sibling()
        } else {
            n.prev_named_sibling()
        };
    }
    node
}

fn is_comment_kind(node: &Node) -> bool {
    node.kind().contains("comment")
}

/// The one named child of `node` that is not a comment, if it has one.
fn only_child(node: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = node.walk();
    let mut code = node
        .named_children(&mut cursor)
        .filter(|c| !is_comment_kind(c));
    let first = code.next()?;
    code.next().is_none().then_some(first)
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
fn grow_over_reparsed(
    entries: Option<&Entries>,
    text: &str,
    base: &Tree,
    tree: &Tree,
    range: Range<usize>,
) -> Range<usize> {
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
        if grown == range || most_of(grown.len(), text.len()) {
            return grown;
        }
        range = expand_in(entries, tree, &grown);
    }
}

/// How many bytes besides the typed ones a reparse may have rebuilt for
/// `subtrees::differences` to stand for `Tree::changed_ranges`. Typing a statement in the
/// latency bench rebuilds up to a statement or a block (tens to hundreds of bytes) in
/// Rust, Java, C# and Go; Kotlin's error recovery re-nests much of the file, with its
/// nodes where they were, which `changed_ranges` tells more narrowly.
const REBUILT_LIMIT: usize = 4096;

/// Whether `dirty` bytes of a file of `len` are so much of it that re-analysing them
/// costs about what a whole run does: nine tenths. `grow_over_reparsed` stops growing
/// there too, so the two must agree: a dirty range left short of a reparse's change
/// keeps stale findings. Kotlin's error recovery re-nests 53–67% of the latency
/// bench's file on the keystroke that opens an error; at one half those went whole.
fn most_of(dirty: usize, len: usize) -> bool {
    dirty * 10 > len * 9
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
/// `base_tree` is the old tree with `edits` applied (`Tree::edit`), so that comparing it
/// with the new tree shows what the reparse changed beyond the edits.
/// `None` when a full analysis is cheaper or needed.
///
/// For text analysed as one layer: a file with embedded code goes through
/// `layers::reanalyze`. Every caller knows which it has (the server has just looked for
/// the regions with `engine::layered_regions`, a layer's language embeds nothing), and
/// looking again would walk a YAML file's whole tree once more per keystroke.
pub fn reanalyze(
    src: &SourceFile,
    file: &FileContext,
    config: &Config,
    facts: &FileFacts,
    base_tree: &Tree,
    edits: &[InputEdit],
    old: &[Finding],
) -> Option<Vec<Finding>> {
    debug_assert!(
        !engine::is_layered(src),
        "incremental::reanalyze on a file with embedded code"
    );
    let tree = src.tree?;
    let entries = Entries::of(src.language, src.text);
    let expand = |r: &Range<usize>| expand_in(entries.as_ref(), tree, r);
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
    // An edit beside a key's bytes makes or breaks the key (`ab` + `''` + `eyJ…`
    // separates it), and the key may start past the edit: read each range to the ends
    // of the tokens at its edges, as MUFI001 does.
    for r in &mut dirty {
        *r = crate::jwt::widen_to_tokens(src.text, r.clone());
    }
    let dirty = if tree.root_node().has_error() || base_tree.root_node().has_error() {
        // Error recovery can change the tree far from an edit, with the code between
        // untouched: compare the whole trees, by what the reparse rebuilt where that is
        // narrow, else node by node.
        let typed: usize = edits
            .iter()
            .map(|e| e.new_end_byte.saturating_sub(e.start_byte))
            .sum();
        match crate::subtrees::differences(base_tree, tree, REBUILT_LIMIT + typed) {
            Some(rebuilt) => dirty.extend(rebuilt),
            None => dirty.extend(
                base_tree
                    .changed_ranges(tree)
                    .map(|r| r.start_byte..r.end_byte),
            ),
        }
        merge(dirty.iter().map(expand).collect())
    } else {
        let dirty = merge(dirty.iter().map(expand).collect());
        merge(
            dirty
                .into_iter()
                .map(|r| grow_over_reparsed(entries.as_ref(), src.text, base_tree, tree, r))
                .collect(),
        )
    };
    let dirty_len: usize = dirty.iter().map(|r| r.end - r.start).sum();
    if most_of(dirty_len, src.text.len()) {
        return None;
    }
    let mut findings: Vec<Finding> = kept
        .into_iter()
        .filter(|f| !starts_in_any(&f.range, &dirty))
        .collect();
    findings.extend(engine::analyze_rules_knowing(
        src,
        file,
        config,
        Some(&dirty),
        Some(&facts.client_reason),
        &facts.whole_file,
    ));
    Some(findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::{Language, LanguageId};

    /// An object's or mapping's entries found on the tree (`Layout::Pairs`) are those
    /// read one by one, at every offset of every JSON and YAML fixture (comments
    /// between entries, flow and block mappings, nested single keys).
    #[test]
    fn entries_found_on_the_tree_are_the_entries_read_in_order() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        // Comments between entries, and no `value` key (fixtures mostly have one).
        let mut texts: Vec<(String, LanguageId, String)> = [
            (LanguageId::Yaml, "# head\na: 1\n# between\nb:\n  c: 2\n# tail\n\nd: [x, y]  # after\ne: {f: 1}\n"),
            (LanguageId::Yaml, "services:\n  a:\n    image: x\n  # gap\n  b:\n    image: y\n  # end\n"),
            (LanguageId::Json, "{\n  // lead\n  \"a\": 1, /* mid */ \"b\": {\"c\": 2},\n  \"d\": [1, 2]\n  // tail\n}\n"),
        ]
        .into_iter()
        .map(|(id, text)| (format!("{text:?}"), id, text.to_string()))
        .collect();
        let mut files = vec![root];
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let id = match path.extension().and_then(|e| e.to_str()) {
                Some("json") => LanguageId::Json,
                Some("yml" | "yaml") => LanguageId::Yaml,
                _ => continue,
            };
            if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push((path.display().to_string(), id, text));
            }
        }
        let (mut checked, mut pairs) = (0, 0);
        for (what, id, text) in &texts {
            let language = Language::get(*id);
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&language.grammar().unwrap()).unwrap();
            let tree = parser.parse(text, None).unwrap();
            let of = |listed_only| Entries {
                text,
                read: Default::default(),
                listed_only,
            };
            let (tree_found, listed) = (of(false), of(true));
            for offset in 0..=text.len() {
                assert_eq!(
                    entry_unit(&tree, &tree_found, offset),
                    entry_unit(&tree, &listed, offset),
                    "{what} at {offset}"
                );
                checked += 1;
            }
            pairs += tree_found
                .read
                .borrow()
                .iter()
                .filter(|(_, l)| matches!(l, Layout::Pairs))
                .count();
        }
        assert!(
            checked > 10_000 && pairs > 10,
            "{checked} offsets, {pairs} containers"
        );
    }

    /// Typing, one character at a time, text that makes or breaks what the
    /// classification looks for (a hook, JSX, a React import, a directive), anywhere:
    /// the facts kept across each insertion are the facts computed afresh.
    #[test]
    fn kept_classification_equals_a_fresh_one_after_each_keystroke() {
        let language = Language::get(LanguageId::Tsx);
        let file = FileContext::for_path(std::path::Path::new("/p/src/widget.tsx"));
        let config = Config::default();
        let facts_of = |text: &str| {
            let src = SourceFile {
                text,
                language,
                tree: None,
            };
            file_facts(&src, &file, &config)
        };
        let mut text = "\n".repeat(25);
        text.push_str("export function W() {\n  const x = 1;\n  return x;\n}\n");
        let typed = [
            "const [a, b] = useState(0);",
            "return <div onClick={f} />;",
            "import { useEffect } from 'react';",
            "'use client';",
            "useSt",
        ];
        let mut facts = facts_of(&text);
        let mut flips = 0;
        let mut seed = 7u64;
        for word in typed.iter().cycle().take(40) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let mut at = (seed >> 33) as usize % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            for ch in word.chars() {
                let mut insert = [0u8; 4];
                let insert = ch.encode_utf8(&mut insert);
                text.insert_str(at, insert);
                let edit = byte_edit(at, at, at + insert.len());
                let src = SourceFile {
                    text: &text,
                    language,
                    tree: None,
                };
                let kept = file_facts_after(&src, &file, &config, &facts, &[edit]);
                let fresh = facts_of(&text);
                assert_eq!(kept, fresh, "after inserting {insert:?} at {at}");
                flips += usize::from(fresh != facts);
                facts = fresh;
                at += insert.len();
            }
        }
        assert!(flips > 0, "no insertion changed the classification");
    }

    /// The rules of `kept` (triggers kept through edits) are those a fresh read of
    /// `text` finds, and each kept place holds one of its rule's triggers.
    fn assert_kept_triggers_are_fresh(text: &str, kept: &[(RuleId, Range<usize>)]) {
        let rules = |found: &[(RuleId, Range<usize>)]| -> Vec<RuleId> {
            found.iter().map(|(rule, _)| *rule).collect()
        };
        let fresh = engine::whole_file_triggers(text);
        assert_eq!(rules(kept), rules(&fresh), "{text:?}");
        for (rule, at) in kept {
            assert_eq!(
                engine::first_trigger(*rule, &text[at.clone()]),
                Some(0..at.len()),
                "{rule} at {at:?} in {text:?}"
            );
        }
    }

    /// Runs of one to four random edits (pieces of triggers typed, spans deleted),
    /// taken as one: the text outside the span is the text before them, and the
    /// triggers kept through them are those a fresh read finds, each at a trigger.
    #[test]
    fn edits_taken_as_one_keep_the_text_outside_them_and_the_triggers() {
        let pieces = [
            "redirect",
            "re",
            "direct",
            "location",
            "x",
            "\n",
            "é",
            "",
            "mufi-lsp:",
            "mufi-",
            "lsp:",
        ];
        let mut seed: u64 = 0x5eed;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut text = "x = redirect\n".repeat(3) + &"y = 2\n".repeat(10);
        let mut facts = engine::whole_file_triggers(&text);
        let mut marker = None;
        let mut markers = 0;
        for _ in 0..2000 {
            let before = text.clone();
            let mut edits = Vec::new();
            for _ in 0..1 + next(4) {
                let boundary = |at: usize| (at..=text.len()).find(|i| text.is_char_boundary(*i));
                let start = boundary(next(text.len() + 1)).unwrap_or(text.len());
                let end = boundary(start + next(12).min(text.len() - start)).unwrap_or(start);
                let typed = pieces[next(pieces.len())];
                text.replace_range(start..end, typed);
                edits.push(byte_edit(start, end, start + typed.len()));
            }
            let span = spanning(&edits).expect("edits");
            assert_eq!(before[..span.start_byte], text[..span.start_byte]);
            assert_eq!(before[span.old_end_byte..], text[span.new_end_byte..]);
            let kept = whole_file_triggers_after(&text, &facts, &edits);
            assert_kept_triggers_are_fresh(&text, &kept);
            facts = kept;
            marker = marker_after(&text, marker.as_ref(), &edits);
            let fresh = suppress::find_marker(&text);
            assert_eq!(marker.is_some(), fresh.is_some(), "{text:?}");
            if let Some(at) = &marker {
                assert_eq!(&text[at.clone()], suppress::MARKER, "{at:?} in {text:?}");
                markers += 1;
            }
            if text.len() > 400 {
                text.truncate(text.floor_char_boundary(200));
                facts = engine::whole_file_triggers(&text);
                marker = suppress::find_marker(&text);
            }
        }
        // The marker was made and broken often enough to mean something.
        assert!(
            (200..1800).contains(&markers),
            "{markers} texts with a marker"
        );
    }

    /// Typing "redirect" (a trigger of MUFI008, judged in the whole file) a character at
    /// a time, breaking it and mending it, typing before it and deleting it again, at
    /// several places: after each keystroke, the rules whose triggers occur are those a
    /// fresh read finds, and each kept place holds a trigger.
    #[test]
    fn whole_file_triggers_kept_through_edits_equal_a_fresh_read() {
        let mut text = "x = 1\n".repeat(30);
        let mut facts = engine::whole_file_triggers(&text);
        let mut checks = 0;
        let mut apply = |text: &mut String, at: usize, removed: usize, typed: &str| {
            text.replace_range(at..at + removed, typed);
            let edit = byte_edit(at, at + removed, at + typed.len());
            let kept = whole_file_triggers_after(text, &facts, &[edit]);
            assert_kept_triggers_are_fresh(text, &kept);
            facts = kept;
            checks += 1;
        };
        for place in [0, 13, 60, 180] {
            // Typed at the end of the word: the last letter makes the trigger.
            for (i, ch) in "reDirect".char_indices() {
                apply(&mut text, place + i, 0, &ch.to_string());
            }
            // Broken in the middle, then mended.
            apply(&mut text, place + 4, 0, "é");
            apply(&mut text, place + 4, "é".len(), "");
            // Typing before the word moves it.
            apply(&mut text, place, 0, "(");
            apply(&mut text, 0, 0, "# ");
            // Deleted from its end.
            let word = text.find("reDirect").expect("the word is there");
            for end in (word + 1..=word + 8).rev() {
                apply(&mut text, end - 1, 1, "");
            }
        }
        assert_eq!(checks, 80);
        // An edit that does not fit the text (a stale one): all of it is read.
        let beyond = byte_edit(text.len() + 20, text.len() + 20, text.len() + 22);
        text.push_str("location");
        assert_eq!(
            whole_file_triggers_after(&text, &[], &[beyond]),
            engine::whole_file_triggers(&text)
        );
    }
}
