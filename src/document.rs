//! An open document: its text, where its lines start, its tree-sitter tree kept
//! current by incremental reparse (or, for markup, edited and reparsed when read), its
//! version; and byte offset <-> line/character conversion in the encoding the client
//! negotiated.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use tree_sitter::{InputEdit, Parser, Point, Tree};

use crate::language::{Language, LanguageId};

/// How `character` in a position counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

/// A zero-based line and character offset in some encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub character: u32,
}

/// One content change from the client; `range: None` replaces the whole text.
#[derive(Clone, Debug)]
pub struct Change {
    pub range: Option<(Pos, Pos)>,
    pub text: String,
}

/// Spare capacity given to a text that grows by an edit: room for the next keystrokes,
/// without doubling a large file's buffer.
const EDIT_ROOM: usize = 4096;

/// A text and where its lines start (after `\n`, `\r\n` or a lone `\r`, as LSP counts
/// lines): position <-> offset conversion without a second copy of the text.
pub struct Lines {
    /// Shared with analyses in flight (`Snapshot`); edited in place when it is not.
    text: Arc<String>,
    /// The byte offset of each line's first byte; `[0]` for an empty text.
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let text = Arc::new(text.to_string());
        let mut starts = vec![0];
        starts.extend(line_starts_in(&text, 1..text.len() + 1));
        starts.shrink_to_fit();
        Lines { text, starts }
    }

    pub fn text(&self) -> &Arc<String> {
        &self.text
    }

    /// Replaces `range` (byte offsets on character boundaries) with `new`.
    fn replace(&mut self, range: Range<usize>, new: &str) {
        match Arc::get_mut(&mut self.text) {
            // No analysis holds this text: a keystroke moves the bytes after it, and the
            // text is not copied whole (twice, through a `String` into an `Arc<str>`).
            Some(text) => {
                let grows = new.len().saturating_sub(range.len());
                if text.capacity() - text.len() < grows {
                    text.reserve_exact(grows + EDIT_ROOM);
                }
                text.replace_range(range.clone(), new);
            }
            None => {
                let old = &self.text;
                let room = old.len() - range.len() + new.len() + EDIT_ROOM;
                let mut text = String::with_capacity(room);
                text.push_str(&old[..range.start]);
                text.push_str(new);
                text.push_str(&old[range.end..]);
                self.text = Arc::new(text);
            }
        }
        let text = &self.text;
        // A line starts at `p` by the bytes at `p - 1` and `p`: starts before the edit
        // stay, starts after the replaced bytes move, those between are read again.
        let new_end = range.start + new.len();
        // The first line always starts at 0.
        let kept = self.starts.partition_point(|&s| s < range.start.max(1));
        let moved = self.starts.partition_point(|&s| s <= range.end);
        let shifted: Vec<usize> = self.starts[moved..]
            .iter()
            .map(|&s| s - range.end + new_end)
            .collect();
        self.starts.truncate(kept);
        self.starts
            .extend(line_starts_in(text, range.start.max(1)..new_end + 1));
        self.starts.extend(shifted);
    }

    /// The zero-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The bytes of line `line`, its line break included.
    fn line(&self, line: usize) -> &str {
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        &self.text[start..end]
    }

    fn point_at(&self, offset: usize) -> Point {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        Point {
            row: line,
            column: offset - self.starts[line],
        }
    }

    /// Byte offset -> position. Offsets past the end map to the end; offsets inside a
    /// character map to its start.
    pub fn offset_to_position(&self, offset: usize, encoding: Encoding) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let prefix = &self.text[self.starts[line]..offset];
        Pos {
            line: line as u32,
            character: encoded_len(prefix, encoding) as u32,
        }
    }

    /// Position -> byte offset, clamped: a line past the end maps to the end of the
    /// text, a character past the line's end to the end of the line (before its line
    /// break), and a character inside a surrogate pair or UTF-8 sequence to the
    /// character's start.
    pub fn position_to_offset(&self, pos: Pos, encoding: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return self.text.len();
        }
        let slice = self.line(line);
        // Only `\n`, `\r\n` and `\r` end lines in LSP: a U+2028 or form feed that ends
        // the last line is text a client can place the cursor after.
        let content = slice
            .strip_suffix("\r\n")
            .or_else(|| slice.strip_suffix(['\n', '\r']))
            .unwrap_or(slice);
        let wanted = pos.character as usize;
        let mut units = 0usize;
        let mut bytes = 0usize;
        for ch in content.chars() {
            let width = match encoding {
                Encoding::Utf8 => ch.len_utf8(),
                Encoding::Utf16 => ch.len_utf16(),
                Encoding::Utf32 => 1,
            };
            if units + width > wanted {
                break;
            }
            units += width;
            bytes += ch.len_utf8();
        }
        self.starts[line] + bytes
    }
}

/// The offsets in `within` (each at most `text.len()`) at which a line starts.
fn line_starts_in(text: &str, within: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let end = within.end.min(bytes.len() + 1);
    (within.start.max(1)..end).filter(move |&p| match bytes[p - 1] {
        b'\n' => true,
        b'\r' => bytes.get(p) != Some(&b'\n'),
        _ => false,
    })
}

thread_local! {
    /// One parser per language and thread, reused: a parser holds buffers worth
    /// keeping, and none of its state between parses.
    static PARSERS: RefCell<HashMap<LanguageId, Parser>> = RefCell::new(HashMap::new());
}

/// Parses `text` with `language`'s grammar, reusing `old` (already edited) when given.
pub fn parse(language: &Language, text: &str, old: Option<&Tree>) -> Option<Tree> {
    PARSERS.with(|parsers| {
        let mut parsers = parsers.try_borrow_mut().ok()?;
        let parser = match parsers.entry(language.id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let mut parser = Parser::new();
                parser.set_language(&language.grammar()?).ok()?;
                e.insert(parser)
            }
        };
        let timed = old.is_some() && REPARSE_TIMING.load(Ordering::Relaxed);
        let start = timed.then(std::time::Instant::now);
        let tree = crate::engine::parse_in_time(parser, text, old);
        if let Some(start) = start {
            let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
            REPARSE_NANOS.fetch_add(nanos, Ordering::Relaxed);
        }
        tree
    })
}

/// Whether `parse` adds up the time of incremental reparses (`time_reparses`): the
/// latency bench sets the server's own reparse of each keystroke beside tree-sitter's
/// alone on the same edits. Off, it costs a reparse one atomic load.
static REPARSE_TIMING: AtomicBool = AtomicBool::new(false);
static REPARSE_NANOS: AtomicU64 = AtomicU64::new(0);

/// Starts or stops adding up the time incremental reparses take, in every thread.
pub fn time_reparses(on: bool) {
    REPARSE_TIMING.store(on, Ordering::Relaxed);
}

/// The time incremental reparses took since the last call (while `time_reparses`).
pub fn take_reparse_time() -> std::time::Duration {
    std::time::Duration::from_nanos(REPARSE_NANOS.swap(0, Ordering::Relaxed))
}

pub struct Document {
    pub version: i32,
    pub language: &'static Language,
    lines: Lines,
    /// The tree of the current text, when the document keeps one (see `State`); with
    /// `stale`, the tree of an earlier text edited along with it since.
    tree: Option<Tree>,
    /// Whether `tree` awaits its reparse: a markup file's edits are reparsed by whoever
    /// reads its tree next (`Language::defers_reparse`).
    stale: bool,
    /// The tree of the last analysed version, edited along with the text since, and
    /// the edits made since: what incremental re-analysis starts from.
    base: Option<(Tree, Vec<InputEdit>)>,
    /// While the last analysed tree has a parse error: the last analysed tree that had
    /// none, edited since, and the edits since (`analysis_base`).
    clean: Option<(Tree, Vec<InputEdit>)>,
}

/// How many edits the error-free base (`Document::analysis_base`) is kept through: a
/// file left broken while the user types on is analysed from its last base.
const CLEAN_BASE_EDITS: usize = 200;

impl Document {
    /// A document parsed now.
    pub fn new(text: &str, version: i32, language: &'static Language) -> Document {
        let mut doc = Document::unparsed(text, version, language);
        doc.tree = parse(language, text, None);
        doc
    }

    /// A document without a tree yet: whoever analyses it parses it (`set_tree`).
    pub fn unparsed(text: &str, version: i32, language: &'static Language) -> Document {
        Document {
            version,
            language,
            lines: Lines::new(text),
            tree: None,
            stale: false,
            base: None,
            clean: None,
        }
    }

    pub fn text(&self) -> Arc<String> {
        self.lines.text.clone()
    }

    /// The tree of the current text: `None` when there is none, or when it awaits its
    /// reparse (`edited_tree`).
    pub fn tree(&self) -> Option<&Tree> {
        self.tree.as_ref().filter(|_| !self.stale)
    }

    /// The tree and whether it awaits its reparse: then it is an earlier text's tree,
    /// edited along with the text since, for an incremental parse of the current text.
    pub fn edited_tree(&self) -> (Option<&Tree>, bool) {
        (self.tree.as_ref(), self.stale)
    }

    /// Whether the document keeps a tree, current or awaiting its reparse.
    pub fn has_tree(&self) -> bool {
        self.tree.is_some()
    }

    /// Reparses a tree that awaits its reparse, so that `tree` gives it.
    pub fn reparse(&mut self) {
        if let (Some(old), true) = (&self.tree, self.stale) {
            self.tree = parse(self.language, &self.lines.text, Some(old));
            self.stale = false;
        }
    }

    /// Gives the document the tree of its current text, parsed elsewhere.
    pub fn set_tree(&mut self, tree: Tree) {
        self.tree = Some(tree);
        self.stale = false;
    }

    /// Forgets the tree and the analysis base, to save memory; the next analysis
    /// parses from scratch.
    pub fn drop_tree(&mut self) {
        self.tree = None;
        self.stale = false;
        self.base = None;
        self.clean = None;
    }

    /// Applies the client's changes in order, and reparses incrementally when the
    /// document has a tree, or for markup, leaves the edited tree to be reparsed where
    /// it is read (`Language::defers_reparse`). A change whose range lies outside the
    /// document is clamped to it, never a panic.
    pub fn apply_changes(&mut self, changes: &[Change], version: i32, encoding: Encoding) {
        for change in changes {
            match change.range {
                None => {
                    self.lines = Lines::new(&change.text);
                    self.drop_tree();
                }
                Some((start, end)) => {
                    let start_byte = self.lines.position_to_offset(start, encoding);
                    let end_byte = self.lines.position_to_offset(end, encoding).max(start_byte);
                    let start_position = self.lines.point_at(start_byte);
                    let old_end_position = self.lines.point_at(end_byte);
                    self.lines.replace(start_byte..end_byte, &change.text);
                    let new_end_byte = start_byte + change.text.len();
                    let edit = InputEdit {
                        start_byte,
                        old_end_byte: end_byte,
                        new_end_byte,
                        start_position,
                        old_end_position,
                        new_end_position: self.lines.point_at(new_end_byte),
                    };
                    if let Some(tree) = self.tree.as_mut() {
                        tree.edit(&edit);
                    }
                    for (base_tree, edits) in self.base.iter_mut().chain(self.clean.iter_mut()) {
                        base_tree.edit(&edit);
                        edits.push(edit);
                    }
                }
            }
        }
        if self
            .clean
            .as_ref()
            .is_some_and(|(_, edits)| edits.len() > CLEAN_BASE_EDITS)
        {
            self.clean = None;
        }
        self.version = version;
        if self.language.defers_reparse() {
            self.stale = self.tree.is_some();
        } else if let Some(old) = &self.tree {
            self.tree = parse(self.language, &self.lines.text, Some(old));
        }
    }

    /// The analysis base: the last analysed tree, edited since, and the edits.
    pub fn base(&self) -> Option<&(Tree, Vec<InputEdit>)> {
        self.base.as_ref()
    }

    /// What the next analysis starts from: the last analysed tree and the edits since
    /// (`base`), or, when the current tree has no parse error and the last analysed
    /// one had, the last analysed tree that had none (`true`). Error recovery can
    /// rebuild much of a file around a parse error, and rebuild it again once the
    /// error is mended (Kotlin's `; val zq` before ` = 1`): the tree from before the
    /// error differs from the mended one only where the user typed.
    pub fn analysis_base(&self) -> Option<(&(Tree, Vec<InputEdit>), bool)> {
        let mended = self.tree().is_some_and(|t| !t.root_node().has_error());
        match &self.clean {
            Some(clean) if mended => Some((clean, true)),
            _ => self.base.as_ref().map(|base| (base, false)),
        }
    }

    /// Marks the current version as analysed. A tree that awaits its reparse is an
    /// earlier version's, edited since: as a base it can only make an incremental
    /// analysis read more than changed, never less. Returns whether the base this
    /// replaces is kept as the error-free base (`analysis_base`): it had no parse
    /// error and the current tree has one. The caller keeps that analysis's findings
    /// with it.
    pub fn reset_base(&mut self) -> bool {
        self.reset_base_retiring().0
    }

    /// `reset_base`, handing back the trees it lets go of instead of freeing them.
    fn reset_base_retiring(&mut self) -> (bool, Retired) {
        let replaced = self.base.take();
        let has_error = |tree: &Tree| tree.root_node().has_error();
        let mut retired = Vec::new();
        let mut kept = false;
        if self.tree().is_some_and(has_error) {
            if self.clean.is_none() {
                match replaced {
                    Some(base) if !has_error(&base.0) => {
                        self.clean = Some(base);
                        kept = true;
                    }
                    other => retired.extend(other),
                }
            } else {
                retired.extend(replaced);
            }
        } else {
            retired.extend(self.clean.take());
            retired.extend(replaced);
        }
        self.base = self.tree.clone().map(|t| (t, Vec::new()));
        (kept, Retired { _trees: retired })
    }

    /// `reset_base`, for a caller that keeps an analysis beside each base: `replaced`
    /// (the analysis of the base this replaces) becomes `clean` when that base is kept
    /// as the error-free one, and `clean` goes when the error-free base does. Hands
    /// back the trees let go of, to be dropped once the caller has answered.
    pub fn reset_base_keeping<T>(&mut self, replaced: Option<T>, clean: &mut Option<T>) -> Retired {
        let (kept, retired) = self.reset_base_retiring();
        if kept {
            *clean = replaced;
        } else if self.clean.is_none() {
            *clean = None;
        }
        retired
    }

    pub fn offset_to_position(&self, offset: usize, encoding: Encoding) -> Pos {
        self.lines.offset_to_position(offset, encoding)
    }

    pub fn position_to_offset(&self, pos: Pos, encoding: Encoding) -> usize {
        self.lines.position_to_offset(pos, encoding)
    }
}

/// Trees a document no longer needs (`Document::reset_base_keeping`). Freeing one
/// walks every node it alone holds, and a tree that error recovery rebuilt holds many:
/// a caller on the way to answering the client drops this after it has answered.
#[must_use = "dropping it frees the trees: drop it once the answer is sent"]
pub struct Retired {
    _trees: Vec<(Tree, Vec<InputEdit>)>,
}

/// The length of `s` in the units of `encoding`.
pub fn encoded_len(s: &str, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => s.encode_utf16().count(),
        Encoding::Utf32 => s.chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::{Language, LanguageId};

    fn js(text: &str) -> Document {
        Document::new(text, 1, Language::get(LanguageId::JavaScript))
    }

    #[test]
    fn utf16_positions_count_surrogate_pairs() {
        let text = "const a = \"😀\"; const k = 1;\n";
        let doc = js(text);
        let k = text.find("k =").unwrap();
        let pos = doc.offset_to_position(k, Encoding::Utf16);
        // 😀 is one char, two UTF-16 units, four bytes.
        assert_eq!(
            pos.character as usize,
            "const a = \"😀\"; const ".encode_utf16().count()
        );
        assert_eq!(doc.position_to_offset(pos, Encoding::Utf16), k);
        let pos8 = doc.offset_to_position(k, Encoding::Utf8);
        assert_eq!(pos8.character as usize, k);
        assert_eq!(doc.position_to_offset(pos8, Encoding::Utf8), k);
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let doc = js("ab\ncd\n");
        let p = |line, character| Pos { line, character };
        assert_eq!(doc.position_to_offset(p(0, 99), Encoding::Utf16), 2);
        assert_eq!(doc.position_to_offset(p(9, 0), Encoding::Utf16), 6);
        let emoji = js("😀x");
        // The middle of a surrogate pair maps to the character's start.
        assert_eq!(emoji.position_to_offset(p(0, 1), Encoding::Utf16), 0);
        assert_eq!(emoji.position_to_offset(p(0, 2), Encoding::Utf16), 4);
    }

    #[test]
    fn line_starts_stay_right_through_edits_across_line_breaks() {
        let pieces = ["\r\n", "\n", "\r", "a", "é", "😀", ""];
        let mut text = String::from("ab\r\ncd\ref\n\ngh");
        let mut lines = Lines::new(&text);
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..5000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut start = (seed % (text.len() as u64 + 1)) as usize;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + (seed >> 20) as usize % 4).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let new = pieces[(seed >> 40) as usize % pieces.len()];
            text.replace_range(start..end, new);
            lines.replace(start..end, new);
            assert_eq!(&**lines.text(), text.as_str());
            assert_eq!(lines.starts, Lines::new(&text).starts, "{text:?}");
        }
    }

    #[test]
    fn a_unicode_line_separator_at_the_end_is_text_not_a_line_break() {
        let p = |line, character| Pos { line, character };
        for text in ["a\u{2028}", "a\u{85}", "a\u{0C}", "x\na\u{0B}"] {
            let doc = js(text);
            let last = text.lines().count() as u32 - 1;
            assert_eq!(
                doc.position_to_offset(p(last, 2), Encoding::Utf32),
                text.len(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn lines_end_at_crlf_lf_and_lone_cr() {
        let doc = js("a\r\nbb\rccc\nd");
        let p = |line, character| Pos { line, character };
        assert_eq!(doc.position_to_offset(p(1, 0), Encoding::Utf16), 3);
        assert_eq!(doc.position_to_offset(p(1, 9), Encoding::Utf16), 5);
        assert_eq!(doc.position_to_offset(p(2, 3), Encoding::Utf16), 9);
        assert_eq!(doc.position_to_offset(p(3, 1), Encoding::Utf16), 11);
        assert_eq!(doc.offset_to_position(1, Encoding::Utf16), p(0, 1));
        assert_eq!(doc.offset_to_position(6, Encoding::Utf16), p(2, 0));
        assert_eq!(doc.offset_to_position(99, Encoding::Utf16), p(3, 1));
    }

    #[test]
    fn incremental_edits_keep_text_and_tree_in_step() {
        let mut doc = js("const a = 1;\nconst b = 2;\n");
        let change = Change {
            range: Some((
                Pos {
                    line: 1,
                    character: 10,
                },
                Pos {
                    line: 1,
                    character: 11,
                },
            )),
            text: "\"x\"".into(),
        };
        doc.apply_changes(&[change], 2, Encoding::Utf16);
        assert_eq!(&*doc.text(), "const a = 1;\nconst b = \"x\";\n");
        let fresh = crate::engine::parse(doc.language, &doc.text()).unwrap();
        assert_eq!(
            doc.tree().unwrap().root_node().to_sexp(),
            fresh.root_node().to_sexp()
        );
        assert_eq!(doc.version, 2);
    }

    /// An analysis holds the text it was given while the user types on: its copy never
    /// changes. A text no one else holds is edited where it is.
    #[test]
    fn an_edit_copies_the_text_only_while_an_analysis_holds_it() {
        let mut lines = Lines::new("let a = 1;\nlet b = 2;\n");
        let held = lines.text().clone();
        lines.replace(4..5, "x");
        assert_eq!(held.as_str(), "let a = 1;\nlet b = 2;\n");
        assert_eq!(lines.text().as_str(), "let x = 1;\nlet b = 2;\n");
        drop(held);
        let before = Arc::as_ptr(lines.text());
        lines.replace(15..16, "yy");
        assert_eq!(Arc::as_ptr(lines.text()), before, "edited in place");
        assert_eq!(lines.text().as_str(), "let x = 1;\nlet yy = 2;\n");
        assert_eq!(lines.point_at(17), Point { row: 1, column: 6 });
    }
}
