//! Where an incremental reparse changed a tree, read from what it shared: the new tree
//! holds the old one's unchanged subtrees themselves, so only what differs is walked.
//!
//! `Tree::changed_ranges` compares the two trees node by node over their whole length
//! (about half a reparse's time at 5,000 lines of Rust or C#). A reparse builds new nodes
//! only where it had to and takes everything else over from the old tree by reference,
//! so a subtree held by both trees is the same syntax at the same place, and a walk that
//! skips such subtrees visits only the rebuilt part. The API has no way to tell a shared
//! subtree: `Node::id` is where a node's slot lies in its parent, which moves with every
//! new parent. This module reads the slot itself and tree-sitter's subtree records (the
//! layout of the pinned `tree-sitter` crate, checked against the API on first use: see
//! `layout_holds`). Where the check fails, or on a target the layout is not known for,
//! `differences` gives `None` and the caller compares the trees as before.

use std::ops::Range;
use std::sync::OnceLock;

use tree_sitter::{Node, Tree};

use crate::language::{Language, LanguageId};

/// One of tree-sitter's subtrees as a parent holds it: a pointer to its record, or a
/// small leaf held in the word itself (lowest bit set; records are aligned, so their
/// addresses never have it). Equal words are the same subtree: the same record, or a leaf
/// with the same kind, size, padding and parse state.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Subtree(usize);

// Offsets in tree-sitter 0.27's `SubtreeHeapData` (`lib/src/subtree.h`), 64-bit little-
// endian: ref_count u32 at 0, padding `Length` at 4 (bytes first), size `Length` at 16,
// lookahead_bytes, error_cost, child_count u32 at 36, symbol u16 at 40, parse_state u16
// at 42, the flag bits from 44 (visible, named, extra, fragile ×2, has_changes, external
// ×2, depends_on_column, is_missing, is_keyword), then for a node with children its
// counts and at 66 its production id. A node's children are stored just before it.
const PADDING_BYTES: usize = 4;
const SIZE_BYTES: usize = 16;
const CHILD_COUNT: usize = 36;
const SYMBOL: usize = 40;
const FLAGS: usize = 44;
const PRODUCTION: usize = 66;

impl Subtree {
    /// The subtree `node` stands for.
    fn of(node: Node<'_>) -> Subtree {
        // SAFETY: a node's id is the address of the `Subtree` word it was made from (the
        // tree's root field, or a slot in its parent's children), alive while the tree
        // is, which outlives the node.
        Subtree(unsafe { std::ptr::read(node.id() as *const usize) })
    }

    fn is_inline(self) -> bool {
        self.0 & 1 == 1
    }

    /// Byte `at` of an inline leaf: flags, symbol, parse state (2), padding columns,
    /// padding rows and lookahead, padding bytes, size bytes.
    fn inline_byte(self, at: u32) -> usize {
        (self.0 >> (8 * at)) & 0xff
    }

    fn read_u32(self, offset: usize) -> u32 {
        // SAFETY: `self` is a record (not inline) of a live tree; `offset` lies within it.
        unsafe { std::ptr::read_unaligned((self.0 as *const u8).add(offset) as *const u32) }
    }

    fn read_u16(self, offset: usize) -> u16 {
        // SAFETY: as `read_u32`.
        unsafe { std::ptr::read_unaligned((self.0 as *const u8).add(offset) as *const u16) }
    }

    fn padding(self) -> usize {
        if self.is_inline() {
            self.inline_byte(6)
        } else {
            self.read_u32(PADDING_BYTES) as usize
        }
    }

    /// Its bytes, with the white space before it.
    fn total(self) -> usize {
        if self.is_inline() {
            self.inline_byte(6) + self.inline_byte(7)
        } else {
            (self.read_u32(PADDING_BYTES) + self.read_u32(SIZE_BYTES)) as usize
        }
    }

    fn children<'t>(self) -> &'t [Subtree] {
        if self.is_inline() {
            return &[];
        }
        let count = self.read_u32(CHILD_COUNT) as usize;
        // SAFETY: tree-sitter allocates a node's children and its record as one block,
        // the `count` children first; the block lives as long as the tree holding it.
        unsafe { std::slice::from_raw_parts((self.0 as *const Subtree).sub(count), count) }
    }

    fn is_visible(self) -> bool {
        if self.is_inline() {
            self.inline_byte(0) & 0b10 != 0
        } else {
            self.read_u16(FLAGS) & 1 != 0
        }
    }

    /// What a node shows of itself besides its children: its kind, the production its
    /// children were reduced by (which names their fields and aliases), and whether it is
    /// visible, named, extra or missing.
    fn shape(self) -> (u16, u16, u16) {
        if self.is_inline() {
            let flags = self.inline_byte(0) >> 1;
            let shown = (flags & 0b111) | ((flags >> 4) & 1) << 3;
            (self.inline_byte(1) as u16, 0, shown as u16)
        } else {
            let flags = self.read_u16(FLAGS);
            let shown = (flags & 0b111) | ((flags >> 9) & 1) << 3;
            let production = if self.read_u32(CHILD_COUNT) > 0 {
                self.read_u16(PRODUCTION)
            } else {
                0
            };
            (self.read_u16(SYMBOL), production, shown)
        }
    }

    /// Whether `self`, a leaf of the edited old tree, shows what `new`, a leaf at the same
    /// place, does: the same kind and bytes, and no edit touched it (so the same text).
    /// A reparse makes new leaves for tokens it lexed again, whose parse state differs.
    fn same_leaf(self, new: Subtree) -> bool {
        let untouched = if self.is_inline() {
            self.inline_byte(0) & 0b1_0000 == 0
        } else {
            self.read_u16(FLAGS) & 0b10_0000 == 0
        };
        untouched
            && self.children().is_empty()
            && new.children().is_empty()
            && self.shape() == new.shape()
            && self.padding() == new.padding()
            && self.total() == new.total()
    }

    /// Whether two differing subtrees at one place may be compared child by child.
    fn comparable(self, other: Subtree) -> bool {
        self.shape() == other.shape()
            && self.total() == other.total()
            && !self.children().is_empty()
            && !other.children().is_empty()
    }
}

/// The byte ranges where `tree`, reparsed from `base` (the old tree with the edits
/// applied), differs from it; outside them both trees hold the same nodes at the same
/// places. `None` when this build cannot read the trees (see the module's comment) or
/// when the ranges would cover more than `limit` bytes: a reparse that re-nested much of
/// the file can share little and still show the same nodes, which `Tree::changed_ranges`
/// tells more narrowly.
pub fn differences(base: &Tree, tree: &Tree, limit: usize) -> Option<Vec<Range<usize>>> {
    if !layout_holds() {
        return None;
    }
    let mut out = Vec::new();
    let mut covered = 0;
    let mut pairs = vec![(
        Subtree::of(base.root_node()),
        Subtree::of(tree.root_node()),
        0,
    )];
    while let Some((old, new, at)) = pairs.pop() {
        let before = out.len();
        compare(old, new, at, &mut pairs, &mut out);
        covered += out[before..]
            .iter()
            .map(|r: &Range<usize>| r.len())
            .sum::<usize>();
        if covered > limit {
            return None;
        }
    }
    Some(out)
}

/// Compares two differing subtrees that start at `at` (their white space included):
/// children that differ alike are pushed on `pairs` to be compared in turn, the rest of
/// what differs goes to `out`.
fn compare(
    old: Subtree,
    new: Subtree,
    at: usize,
    pairs: &mut Vec<(Subtree, Subtree, usize)>,
    out: &mut Vec<Range<usize>>,
) {
    if old == new || old.same_leaf(new) {
        return;
    }
    let (old_children, new_children) = (old.children(), new.children());
    let same_length = old.total() == new.total();
    if old_children.is_empty() || new_children.is_empty() || old.shape() != new.shape() {
        out.push(past_padding(at, [old, new])..at + old.total().max(new.total()));
        return;
    }
    // Where a node's white space ends, it starts: a first child gone or come, of no
    // bytes (an error's missing token), moves it.
    if old.padding() != new.padding() {
        out.push(past_padding(at, [old, new])..at + old.padding().max(new.padding()));
    }
    // The children both share at either end are the same at the same places (at the end,
    // when the two are as long: roots may not be, where white space was typed at the end
    // of the file; other pairs are compared only when they are).
    let head = old_children
        .iter()
        .zip(new_children)
        .take_while(|(a, b)| a == b)
        .count();
    let tail = old_children[head..]
        .iter()
        .rev()
        .zip(new_children[head..].iter().rev())
        .take_while(|(a, b)| same_length && a == b)
        .count();
    let olds = &old_children[head..old_children.len() - tail];
    let news = &new_children[head..new_children.len() - tail];
    let start = at
        + old_children[..head]
            .iter()
            .map(|c| c.total())
            .sum::<usize>();
    // Between them, step through both in byte order. Where they start together, the same
    // subtree is skipped and two alike are compared later; from where they part until
    // they start together again, the bytes differ.
    let (mut i, mut j, mut old_at, mut new_at) = (0, 0, start, start);
    let mut parted: Option<usize> = None;
    while let (Some(&a), Some(&b)) = (olds.get(i), news.get(j)) {
        let (a_len, b_len) = (a.total(), b.total());
        if old_at == new_at {
            if let Some(from) = parted.take() {
                out.push(from..old_at);
            }
            let same = a == b || a.same_leaf(b);
            if same || a.comparable(b) {
                if !same {
                    pairs.push((a, b, old_at));
                }
                (i, j, old_at, new_at) = (i + 1, j + 1, old_at + a_len, new_at + b_len);
                continue;
            }
            parted = Some(past_padding(old_at, [a, b]));
        }
        let (a_end, b_end) = (old_at + a_len, new_at + b_len);
        if a_end <= b_end {
            (i, old_at) = (i + 1, a_end);
        }
        if b_end <= a_end {
            (j, new_at) = (j + 1, b_end);
        }
    }
    if parted.is_some() || i < olds.len() || j < news.len() {
        let next = [olds.get(i), news.get(j)].into_iter().flatten().copied();
        let from =
            parted.unwrap_or(old_at.min(new_at) + next.map(|c| c.padding()).min().unwrap_or(0));
        let old_end = old_at + olds[i..].iter().map(|c| c.total()).sum::<usize>();
        let new_end = new_at + news[j..].iter().map(|c| c.total()).sum::<usize>();
        out.push(from..old_end.max(new_end));
    }
}

/// Where the first of `subtrees`, all starting at `at`, starts past its white space: the
/// space before a node lies between it and the one before, and a range starting there
/// would take in a judging unit that ends there (a method before the changed one).
fn past_padding(at: usize, subtrees: [Subtree; 2]) -> usize {
    at + subtrees.iter().map(|s| s.padding()).min().unwrap_or(0)
}

/// Whether this build reads tree-sitter's records right: on small parses in three
/// grammars (external scanners, aliases, errors), every visible node found by walking
/// the records has the range, the order and the kind the API gives, and every node's
/// children add up to it. Checked once.
pub fn layout_holds() -> bool {
    static HOLDS: OnceLock<bool> = OnceLock::new();
    *HOLDS.get_or_init(|| {
        let holds = cfg!(all(target_pointer_width = "64", target_endian = "little"))
            && SAMPLES.iter().all(|(id, text)| {
                let mut parser = tree_sitter::Parser::new();
                Language::get(*id)
                    .grammar()
                    .is_some_and(|grammar| parser.set_language(&grammar).is_ok())
                    && parser.parse(text, None).is_some_and(|t| reads_like_api(&t))
            });
        if !holds {
            tracing::warn!("tree-sitter's subtree layout is not the one this build knows: trees are compared node by node");
        }
        holds
    })
}

const SAMPLES: &[(LanguageId, &str)] = &[
    (
        LanguageId::Rust,
        "/* a */ fn f(x: &str) -> u8 { let s = r#\"raw\"#; g(\"k\", 1.5e3) }\nimpl T for U { fn m(&self) { self.x.y(); } }\nfn broken( {\n",
    ),
    (
        LanguageId::Python,
        "def f(a, *b, **c):\n    if a:\n        return f\"{a!r}\"\n    x = [i for i in b]\nclass K(object):\n    y: int = 1\nprint(\n",
    ),
    (
        LanguageId::Json,
        "{\"a\": [1, 2.5, true, null, {\"b\": \"c\\n\"}], \"d\": {}}",
    ),
];

/// The visible nodes of `tree` as its records hold them, against the API's walk.
fn reads_like_api(tree: &Tree) -> bool {
    let mut from_records = Vec::new();
    let mut stack = vec![(Subtree::of(tree.root_node()), 0usize, true)];
    let mut sums_hold = true;
    while let Some((subtree, at, is_root)) = stack.pop() {
        if is_root || subtree.is_visible() {
            let start = at + subtree.padding();
            from_records.push((start, at + subtree.total(), subtree.shape().0));
        }
        let children = subtree.children();
        if !children.is_empty() {
            sums_hold &= children.iter().map(|c| c.total()).sum::<usize>() == subtree.total();
        }
        let mut ends: Vec<(Subtree, usize, bool)> = Vec::with_capacity(children.len());
        let mut offset = at;
        for child in children {
            ends.push((*child, offset, false));
            offset += child.total();
        }
        stack.extend(ends.into_iter().rev());
    }
    let mut from_api = Vec::new();
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        from_api.push((node.start_byte(), node.end_byte(), node.grammar_id()));
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    sums_hold && from_records == from_api && from_api.len() > 20
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pinned tree-sitter's layout is the one read here: a bump that changes it must
    /// fail here, not quietly fall back to the slower comparison.
    #[test]
    fn this_build_reads_tree_sitters_records() {
        assert!(layout_holds());
    }

    /// Every visible node with its field and its parent's kind, that lies outside `ranges`
    /// and does not meet one.
    fn nodes_outside(tree: &Tree, ranges: &[Range<usize>]) -> Vec<(usize, usize, u16, u16, u16)> {
        // Ends included: a node whose end moved to where a range starts (a root that
        // now stops before the rest of the text) touches it.
        let touches = |s: usize, e: usize| ranges.iter().any(|r| s <= r.end && r.start <= e);
        let mut out = Vec::new();
        let mut cursor = tree.walk();
        let mut parents: Vec<u16> = vec![0];
        'walk: loop {
            let node = cursor.node();
            if !touches(node.start_byte(), node.end_byte()) {
                let field = cursor.field_id().map_or(0, |f| f.get());
                let parent = *parents.last().unwrap_or(&0);
                out.push((
                    node.start_byte(),
                    node.end_byte(),
                    node.kind_id(),
                    field,
                    parent,
                ));
            }
            if cursor.goto_first_child() {
                parents.push(node.kind_id());
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
                parents.pop();
            }
        }
        out
    }

    /// Random edits to every fixture with a grammar (brackets, quotes, comment openers,
    /// words, deletions), each reparsed incrementally: outside the ranges `differences`
    /// gives, the edited old tree and the new one hold the same visible nodes, with the
    /// same fields, under parents of the same kinds; and it finds a difference wherever
    /// the reparse changed anything at all.
    #[test]
    fn outside_the_differences_both_trees_hold_the_same_nodes() {
        let mut files =
            vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
        let mut texts = Vec::new();
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            } else if let Some(grammar) = Language::for_path(&path).and_then(|l| l.grammar()) {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push((path, grammar, text));
                }
            }
        }
        texts.sort_by(|a, b| a.0.cmp(&b.0));
        const PIECES: &[&str] = &[
            "{", "}", "(", ")", "\"", "'", "/*", "*/", "#", "//", ";", "\n", " x", "if ", "`", "<",
            ">", "]", "[", ":", ",",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut compared, mut with_errors, mut narrowed) = (0, 0, 0);
        for (path, grammar, text) in &texts {
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(grammar).unwrap();
            let mut text = text.clone();
            let Some(mut tree) = parser.parse(&text, None) else {
                continue;
            };
            for _ in 0..30 {
                let mut at = next(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let (removed, inserted) = if next(3) == 0 && at < text.len() {
                    let mut end = (at + 1 + next(8)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    (at..end, "")
                } else {
                    (at..at, PIECES[next(PIECES.len())])
                };
                let point = |text: &str, offset: usize| {
                    let before = &text[..offset];
                    let row = before.matches('\n').count();
                    let column = offset - before.rfind('\n').map_or(0, |i| i + 1);
                    tree_sitter::Point { row, column }
                };
                let start_position = point(&text, removed.start);
                let old_end_position = point(&text, removed.end);
                text.replace_range(removed.clone(), inserted);
                let edit = tree_sitter::InputEdit {
                    start_byte: removed.start,
                    old_end_byte: removed.end,
                    new_end_byte: removed.start + inserted.len(),
                    start_position,
                    old_end_position,
                    new_end_position: point(&text, removed.start + inserted.len()),
                };
                let mut base = tree.clone();
                base.edit(&edit);
                tree.edit(&edit);
                let new = parser.parse(&text, Some(&tree)).unwrap();
                let ranges = differences(&base, &new, usize::MAX).expect("layout holds");
                let (old_nodes, new_nodes) =
                    (nodes_outside(&base, &ranges), nodes_outside(&new, &ranges));
                assert!(
                    old_nodes == new_nodes,
                    "{}: after {edit:?}, outside {ranges:?} the trees differ",
                    path.display()
                );
                let changed = base.changed_ranges(&new).count() > 0;
                assert!(
                    !changed || !ranges.is_empty(),
                    "{}: a change not found",
                    path.display()
                );
                compared += 1;
                with_errors += usize::from(new.root_node().has_error());
                let spanned: usize = ranges.iter().map(|r| r.len()).sum();
                narrowed += usize::from(spanned * 4 < text.len());
                tree = new;
            }
        }
        assert!(
            compared > 10_000 && with_errors > 5_000 && narrowed * 2 > compared,
            "{compared} edits, {with_errors} with errors, {narrowed} narrow"
        );
    }
}
