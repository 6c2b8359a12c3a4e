//! An open document: its text (ropey), its tree-sitter tree kept current by
//! incremental reparse, its version; and byte offset <-> line/character conversion
//! in the encoding the client negotiated.

use std::sync::Arc;

use ropey::Rope;
use tree_sitter::{InputEdit, Parser, Point, Tree};

use crate::language::Language;

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

pub struct Document {
    pub version: i32,
    pub language: &'static Language,
    rope: Rope,
    /// The text as one string, rebuilt after each batch of edits, shared with workers.
    snapshot: Arc<str>,
    tree: Option<Tree>,
    parser: Option<Parser>,
    /// The tree of the last analysed version, edited along with the text since, and
    /// the edits made since: what incremental re-analysis starts from.
    base: Option<(Tree, Vec<InputEdit>)>,
}

impl Document {
    pub fn new(text: &str, version: i32, language: &'static Language) -> Document {
        let parser = language.grammar().and_then(|g| {
            let mut p = Parser::new();
            p.set_language(&g).ok().map(|_| p)
        });
        let mut doc = Document {
            version,
            language,
            rope: Rope::from_str(text),
            snapshot: Arc::from(text),
            tree: None,
            parser,
            base: None,
        };
        doc.reparse(false);
        doc
    }

    pub fn text(&self) -> Arc<str> {
        self.snapshot.clone()
    }

    pub fn tree(&self) -> Option<&Tree> {
        self.tree.as_ref()
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    /// Applies the client's changes in order. A change whose range lies outside the
    /// document is clamped to it, never a panic.
    pub fn apply_changes(&mut self, changes: &[Change], version: i32, encoding: Encoding) {
        let mut incremental = self.tree.is_some();
        for change in changes {
            match change.range {
                None => {
                    self.rope = Rope::from_str(&change.text);
                    incremental = false;
                    self.base = None;
                }
                Some((start, end)) => {
                    let start_byte = position_to_offset(&self.rope, start, encoding);
                    let end_byte = position_to_offset(&self.rope, end, encoding).max(start_byte);
                    let start_char = self.rope.byte_to_char(start_byte);
                    let end_char = self.rope.byte_to_char(end_byte);
                    let start_point = point_at(&self.rope, start_byte);
                    let old_end_point = point_at(&self.rope, end_byte);
                    self.rope.remove(start_char..end_char);
                    self.rope.insert(start_char, &change.text);
                    let new_end_byte = start_byte + change.text.len();
                    let edit = InputEdit {
                        start_byte,
                        old_end_byte: end_byte,
                        new_end_byte,
                        start_position: start_point,
                        old_end_position: old_end_point,
                        new_end_position: point_at(&self.rope, new_end_byte),
                    };
                    if incremental {
                        if let Some(tree) = self.tree.as_mut() {
                            tree.edit(&edit);
                        }
                    }
                    if let Some((base_tree, edits)) = self.base.as_mut() {
                        base_tree.edit(&edit);
                        edits.push(edit);
                    }
                }
            }
        }
        self.version = version;
        self.snapshot = Arc::from(self.rope.to_string());
        self.reparse(incremental);
    }

    fn reparse(&mut self, incremental: bool) {
        let Some(parser) = self.parser.as_mut() else {
            return;
        };
        let old = if incremental {
            self.tree.as_ref()
        } else {
            None
        };
        self.tree = parser.parse(self.snapshot.as_bytes(), old);
    }

    /// The analysis base: the last analysed tree, edited since, and the edits.
    pub fn base(&self) -> Option<&(Tree, Vec<InputEdit>)> {
        self.base.as_ref()
    }

    /// Marks the current version as analysed.
    pub fn reset_base(&mut self) {
        self.base = self.tree.clone().map(|t| (t, Vec::new()));
    }

    pub fn offset_to_position(&self, offset: usize, encoding: Encoding) -> Pos {
        offset_to_position(&self.rope, offset, encoding)
    }

    pub fn position_to_offset(&self, pos: Pos, encoding: Encoding) -> usize {
        position_to_offset(&self.rope, pos, encoding)
    }
}

fn point_at(rope: &Rope, byte: usize) -> Point {
    let byte = byte.min(rope.len_bytes());
    let line = rope.byte_to_line(byte);
    Point {
        row: line,
        column: byte - rope.line_to_byte(line),
    }
}

/// The length of `s` in the units of `encoding`.
pub fn encoded_len(s: &str, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => s.encode_utf16().count(),
        Encoding::Utf32 => s.chars().count(),
    }
}

/// Byte offset -> position. Offsets past the end map to the end; offsets inside a
/// character map to its start.
pub fn offset_to_position(rope: &Rope, offset: usize, encoding: Encoding) -> Pos {
    let mut offset = offset.min(rope.len_bytes());
    while offset > 0 && !is_char_boundary(rope, offset) {
        offset -= 1;
    }
    let line = rope.byte_to_line(offset);
    let line_start = rope.line_to_byte(line);
    let prefix = rope.byte_slice(line_start..offset);
    let character = match encoding {
        Encoding::Utf8 => offset - line_start,
        Encoding::Utf16 => {
            let start_char = rope.byte_to_char(line_start);
            let end_char = rope.byte_to_char(offset);
            rope.char_to_utf16_cu(end_char) - rope.char_to_utf16_cu(start_char)
        }
        Encoding::Utf32 => prefix.len_chars(),
    };
    Pos {
        line: line as u32,
        character: character as u32,
    }
}

fn is_char_boundary(rope: &Rope, byte: usize) -> bool {
    let ch = rope.byte_to_char(byte);
    rope.char_to_byte(ch) == byte
}

/// Position -> byte offset, clamped: a line past the end maps to the end of the text,
/// a character past the line's end to the end of the line (before its newline), and a
/// character inside a surrogate pair or UTF-8 sequence to the character's start.
pub fn position_to_offset(rope: &Rope, pos: Pos, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start = rope.line_to_byte(line);
    let slice = rope.line(line);
    let mut content_len = slice.len_bytes();
    // Exclude the line break from addressable columns.
    let chars = slice.len_chars();
    let last = (chars > 0).then(|| slice.char(chars - 1));
    let before_last = (chars > 1).then(|| slice.char(chars - 2));
    match (before_last, last) {
        (Some('\r'), Some('\n')) => content_len -= 2,
        (_, Some('\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0B}' | '\u{0C}')) => {
            content_len -= last.map_or(0, char::len_utf8)
        }
        _ => {}
    }
    let wanted = pos.character as usize;
    let mut units = 0usize;
    let mut bytes = 0usize;
    for ch in slice.chars() {
        if bytes >= content_len {
            break;
        }
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
    line_start + bytes.min(content_len)
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
}
