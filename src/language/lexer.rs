//! Where a file's comments are, found without a parse: one pass over the bytes that
//! knows a language's comment and string syntax and nothing else.
//!
//! The engine asks it one question, "is this trigger inside a comment?", so that a
//! license header's `http://` or a doc comment's "redirect" does not cost a parse. A
//! mistake here can only lose findings in one direction (code taken for a comment), so
//! the lexer is built to err the other way: strings it does not know run to the end of
//! their line at most, and languages whose lexical rules are too irregular to follow
//! cheaply (Ruby, shell, PHP, YAML, markup) have no lexer, and every trigger counts.
//! `tests/lexer.rs` holds it to tree-sitter's own comment nodes.

use std::ops::Range;

use super::{Language, LanguageId};

/// One kind of string literal.
#[derive(Clone, Copy, Debug)]
struct Quote {
    open: &'static str,
    close: &'static str,
    /// Whether `\` escapes the next character.
    escapes: bool,
    /// Whether the literal may span lines; when not, a newline ends it (the lexer's
    /// recovery from a quote it misread).
    multiline: bool,
    /// Code inside the literal: `${` … `}`, Swift's `\(` … `)`, C#'s `{` … `}`. Its
    /// strings and comments are lexed as code's are.
    interpolation: Option<&'static str>,
}

const fn quote(open: &'static str, close: &'static str, escapes: bool, multiline: bool) -> Quote {
    Quote {
        open,
        close,
        escapes,
        multiline,
        interpolation: None,
    }
}

/// `quote` with code inside between `opener` and its closing bracket.
const fn interpolated(
    open: &'static str,
    close: &'static str,
    escapes: bool,
    multiline: bool,
    opener: &'static str,
) -> Quote {
    Quote {
        interpolation: Some(opener),
        ..quote(open, close, escapes, multiline)
    }
}

/// A language's comment and string syntax.
#[derive(Debug)]
struct Lexicon {
    line: &'static [&'static str],
    block: Option<(&'static str, &'static str)>,
    /// Whether block comments nest (Rust, Swift, Kotlin, Dart).
    nested: bool,
    /// Longest openers first.
    quotes: &'static [Quote],
    /// JavaScript's `/…/` regular expression literals.
    regex_literals: bool,
    /// Rust's `'a` lifetimes, which are not character literals.
    lifetimes: bool,
}

const ECMASCRIPT: Lexicon = Lexicon {
    line: &["//"],
    block: Some(("/*", "*/")),
    nested: false,
    quotes: &[
        interpolated("`", "`", true, true, "${"),
        quote("\"", "\"", true, false),
        quote("'", "'", true, false),
    ],
    regex_literals: true,
    lifetimes: false,
};

const GO: Lexicon = Lexicon {
    line: &["//"],
    block: Some(("/*", "*/")),
    nested: false,
    quotes: &[
        quote("`", "`", false, true),
        quote("\"", "\"", true, false),
        quote("'", "'", true, false),
    ],
    regex_literals: false,
    lifetimes: false,
};

const JAVA: Lexicon = Lexicon {
    line: &["//"],
    block: Some(("/*", "*/")),
    nested: false,
    quotes: &[
        quote("\"\"\"", "\"\"\"", true, true),
        quote("\"", "\"", true, false),
        quote("'", "'", true, false),
    ],
    regex_literals: false,
    lifetimes: false,
};

const KOTLIN: Lexicon = Lexicon {
    line: &["//"],
    block: Some(("/*", "*/")),
    nested: true,
    quotes: &[
        interpolated("\"\"\"", "\"\"\"", false, true, "${"),
        interpolated("\"", "\"", true, false, "${"),
        quote("'", "'", true, false),
    ],
    regex_literals: false,
    lifetimes: false,
};

const CSHARP: Lexicon = Lexicon {
    line: &["//"],
    block: Some(("/*", "*/")),
    nested: false,
    quotes: &[
        quote("\"\"\"", "\"\"\"", false, true),
        // Verbatim: `""` inside reads as a close and a reopen, which lands the same.
        interpolated("$@\"", "\"", false, true, "{"),
        interpolated("@$\"", "\"", false, true, "{"),
        quote("@\"", "\"", false, true),
        interpolated("$\"", "\"", true, false, "{"),
        quote("\"", "\"", true, false),
        quote("'", "'", true, false),
    ],
    regex_literals: false,
    lifetimes: false,
};

const SWIFT: Lexicon = Lexicon {
    line: &["//"],
    block: Some(("/*", "*/")),
    nested: true,
    quotes: &[
        interpolated("\"\"\"", "\"\"\"", true, true, "\\("),
        interpolated("\"", "\"", true, false, "\\("),
    ],
    regex_literals: false,
    lifetimes: false,
};

const DART: Lexicon = Lexicon {
    line: &["//"],
    block: Some(("/*", "*/")),
    nested: true,
    quotes: &[
        interpolated("\"\"\"", "\"\"\"", true, true, "${"),
        interpolated("'''", "'''", true, true, "${"),
        interpolated("\"", "\"", true, false, "${"),
        interpolated("'", "'", true, false, "${"),
    ],
    regex_literals: false,
    lifetimes: false,
};

const RUST: Lexicon = Lexicon {
    line: &["//"],
    block: Some(("/*", "*/")),
    nested: true,
    quotes: &[
        quote("r###\"", "\"###", false, true),
        quote("r##\"", "\"##", false, true),
        quote("r#\"", "\"#", false, true),
        quote("\"", "\"", true, true),
        quote("'", "'", true, false),
    ],
    regex_literals: false,
    lifetimes: true,
};

const PYTHON: Lexicon = Lexicon {
    line: &["#"],
    block: None,
    nested: false,
    quotes: &[
        quote("\"\"\"", "\"\"\"", true, true),
        quote("'''", "'''", true, true),
        quote("\"", "\"", true, false),
        quote("'", "'", true, false),
    ],
    regex_literals: false,
    lifetimes: false,
};

const TOML: Lexicon = Lexicon {
    line: &["#"],
    block: None,
    nested: false,
    quotes: &[
        quote("\"\"\"", "\"\"\"", true, true),
        quote("'''", "'''", false, true),
        quote("\"", "\"", true, false),
        quote("'", "'", false, false),
    ],
    regex_literals: false,
    lifetimes: false,
};

fn lexicon(id: LanguageId) -> Option<&'static Lexicon> {
    Some(match id {
        LanguageId::JavaScript | LanguageId::TypeScript | LanguageId::Tsx => &ECMASCRIPT,
        LanguageId::Go => &GO,
        LanguageId::Java => &JAVA,
        LanguageId::Kotlin => &KOTLIN,
        LanguageId::CSharp => &CSHARP,
        LanguageId::Swift => &SWIFT,
        LanguageId::Dart => &DART,
        LanguageId::Rust => &RUST,
        LanguageId::Python => &PYTHON,
        LanguageId::Toml => &TOML,
        // JSON has no comments to skip; the others are too irregular to lex cheaply and
        // safely (Ruby's `%q{}` and heredocs, shell's `$#`, PHP's HTML outside `<?php`,
        // YAML's block scalars), or embed other languages.
        _ => return None,
    })
}

/// Where a file's comments and string literals are: byte ranges, in order.
#[derive(Debug, Default)]
pub struct Lexed {
    pub comments: Vec<Range<usize>>,
    /// Whole literals, quotes and interpolated code included.
    pub strings: Vec<Range<usize>>,
}

/// Lexes `text`, or `None` when `language` has no lexer (then no trigger may be taken
/// for a comment, nor for code outside a string).
pub fn lex(language: &Language, text: &str) -> Option<Lexed> {
    let lexicon = lexicon(language.id)?;
    Some(scan(lexicon, text.as_bytes()))
}

/// The byte ranges of `text`'s comments, in order (see `lex`).
pub fn comments(language: &Language, text: &str) -> Option<Vec<Range<usize>>> {
    lex(language, text).map(|l| l.comments)
}

/// The string literals among `lexed`'s that hold no code, in languages where the
/// lexer can tell: no interpolation can open inside them, so no node of code starts
/// past their opening quote. Python's, except f-strings; Go's; Java's, except those
/// holding a `\{` template; TypeScript's quoted ones (not template literals).
/// JavaScript and TSX are left out: the lexer reads JSX text (`<p>Don't {f(x)}</p>`)
/// as an open quote with code after it.
pub fn code_free_strings(
    language: &Language,
    text: &str,
    lexed: &Lexed,
) -> Option<Vec<Range<usize>>> {
    let bytes = text.as_bytes();
    let keep: fn(&[u8], &Range<usize>) -> bool = match language.id {
        LanguageId::Python => |bytes, r| {
            // A prefix of up to two letters before the quote: `f`, `rf`, `Fr`, ….
            let prefix = &bytes[r.start.saturating_sub(2)..r.start];
            !prefix.iter().any(|b| matches!(b, b'f' | b'F'))
        },
        LanguageId::Go => |_, _| true,
        LanguageId::Java => |bytes, r| !bytes[r.clone()].windows(2).any(|w| w == b"\\{"),
        LanguageId::TypeScript => |bytes, r| matches!(bytes.get(r.start), Some(b'"' | b'\'')),
        _ => return None,
    };
    Some(
        lexed
            .strings
            .iter()
            .filter(|r| keep(bytes, r))
            .cloned()
            .collect(),
    )
}

/// The Python docstrings among `lexed`'s strings: literals that are the first
/// statement of the module or of a block, as `syntax::is_docstring` reads them after a
/// parse. Without the parse, a literal counts only when nothing can make it more: it
/// starts its line (no prefix, no backslash continuing the line before) at bracket
/// depth 0, nothing but a comment follows it on its line, and before it there is only
/// comments and white space, to the start of the file or to a `:` ending a line at
/// depth 0 (a block's header). Everything else is left for the parse to judge.
pub fn python_docstrings(text: &str, lexed: &Lexed) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    // What is not code, in order: comments and strings.
    let mut skipped: Vec<(&Range<usize>, bool)> = lexed
        .comments
        .iter()
        .map(|c| (c, false))
        .chain(lexed.strings.iter().map(|s| (s, true)))
        .collect();
    skipped.sort_by_key(|(r, _)| r.start);
    let mut docstrings = Vec::new();
    let mut depth = 0i64;
    // The last byte of code (not white space, comment or string) and its depth.
    let mut last_code: Option<(u8, i64)> = None;
    let mut at = 0;
    for (range, is_string) in skipped {
        if range.start < at {
            continue;
        }
        for &b in &bytes[at..range.start] {
            match b {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                _ => {}
            }
            if !b.is_ascii_whitespace() {
                last_code = Some((b, depth));
            }
        }
        at = range.end.min(bytes.len());
        if !is_string {
            continue;
        }
        let opens_block = matches!(last_code, None | Some((b':', 0)));
        if opens_block && depth == 0 && starts_line(bytes, range.start) && ends_statement(bytes, at)
        {
            docstrings.push(range.clone());
        }
        // The literal is code: a second one after it is no docstring.
        last_code = Some((b'"', depth));
    }
    docstrings
}

/// Whether only spaces or tabs stand between the line's start and `at`, and the line
/// before does not end in a backslash (which would continue it).
fn starts_line(bytes: &[u8], at: usize) -> bool {
    let before = &bytes[..at];
    let indent = before
        .iter()
        .rev()
        .take_while(|b| **b == b' ' || **b == b'\t')
        .count();
    let line_start = at - indent;
    if line_start > 0 && !matches!(before[line_start - 1], b'\n' | b'\r') {
        return false;
    }
    let previous = before[..line_start]
        .iter()
        .rev()
        .find(|b| **b != b'\n' && **b != b'\r');
    previous != Some(&b'\\')
}

/// Whether only spaces or tabs, then a comment, a line break or the end follow `at`.
fn ends_statement(bytes: &[u8], at: usize) -> bool {
    bytes[at..]
        .iter()
        .find(|b| **b != b' ' && **b != b'\t')
        .is_none_or(|b| matches!(b, b'\n' | b'\r' | b'#'))
}

/// Whether `lexicon` has a line comment or a quote opening at `at`.
fn starts(bytes: &[u8], at: usize, token: &str) -> bool {
    bytes[at..].starts_with(token.as_bytes())
}

fn scan(lx: &Lexicon, bytes: &[u8]) -> Lexed {
    // The bytes that can open a comment or a string, and `/` (a regex, or division):
    // all others are passed over in a tight loop, without trying each opener.
    let mut stops = [false; 256];
    let firsts = lx
        .line
        .iter()
        .chain(lx.block.iter().map(|(open, _)| open))
        .chain(lx.quotes.iter().map(|q| &q.open));
    for token in firsts {
        stops[usize::from(token.as_bytes()[0])] = true;
    }
    stops[usize::from(b'/')] = true;
    // Inside an interpolation, its brackets stop the loop too.
    let with = |brackets: [u8; 2]| {
        let mut table = stops;
        for b in brackets {
            table[usize::from(b)] = true;
        }
        table
    };
    let mut lexer = Lexer {
        lx,
        bytes,
        lexed: Lexed::default(),
        interpolating: 0,
        stops,
        stops_in_braces: with([b'{', b'}']),
        stops_in_parens: with([b'(', b')']),
        string_stops: lx.quotes.iter().map(string_stops).collect(),
    };
    lexer.code(0, None);
    lexer.lexed
}

/// The bytes a string's body stops at: an escape, its close, an interpolation, and
/// the line's end where the string cannot span lines.
fn string_stops(q: &Quote) -> [bool; 256] {
    let mut table = [false; 256];
    table[usize::from(q.close.as_bytes()[0])] = true;
    if q.escapes {
        table[usize::from(b'\\')] = true;
    }
    if let Some(opener) = q.interpolation {
        table[usize::from(opener.as_bytes()[0])] = true;
    }
    if !q.multiline {
        table[usize::from(b'\n')] = true;
        table[usize::from(b'\r')] = true;
    }
    table
}

/// The first byte at or after `i` that `stops` holds, or the end.
fn next_stop(bytes: &[u8], mut i: usize, stops: &[bool; 256]) -> usize {
    while i < bytes.len() && !stops[usize::from(bytes[i])] {
        i += 1;
    }
    i
}

struct Lexer<'a> {
    lx: &'a Lexicon,
    bytes: &'a [u8],
    lexed: Lexed,
    /// How many interpolations deep the lexer is: strings inside one are part of the
    /// string around it, and not recorded apart.
    interpolating: usize,
    /// Where plain code may end (`scan`), and the same inside an interpolation
    /// between braces or between parentheses.
    stops: [bool; 256],
    stops_in_braces: [bool; 256],
    stops_in_parens: [bool; 256],
    /// For each of the lexicon's quotes, in order, where its body may end.
    string_stops: Vec<[bool; 256]>,
}

/// The last byte of code before some point that is not white space, and the end of
/// the last word of code: what tells a regex from a division.
#[derive(Clone, Copy)]
struct LastCode {
    byte: u8,
    word_end: usize,
}

impl Lexer<'_> {
    /// Lexes code from `i` to the end, or with `close`, to the bracket that closes an
    /// interpolation (brackets of its kind nest); returns where it stopped.
    fn code(&mut self, mut i: usize, close: Option<(u8, u8)>) -> usize {
        let (lx, bytes) = (self.lx, self.bytes);
        let stops = match close {
            None => self.stops,
            Some((b'(', _)) => self.stops_in_parens,
            Some(_) => self.stops_in_braces,
        };
        // The code before the plain run that starts at `plain_from` and goes on to
        // `i`; the run itself is read back only where a `/` or a comment needs it.
        let mut before = LastCode {
            byte: b'\n',
            word_end: 0,
        };
        let mut plain_from = i;
        let mut depth = 0usize;
        loop {
            i = next_stop(bytes, i, &stops);
            let Some(&b) = bytes.get(i) else {
                return bytes.len();
            };
            if let Some((open, shut)) = close {
                if b == shut {
                    if depth == 0 {
                        return i + 1;
                    }
                    depth -= 1;
                } else if b == open {
                    depth += 1;
                }
            }
            // Line comments.
            if let Some(open) = lx.line.iter().find(|o| starts(bytes, i, o)) {
                before = self.last_code(plain_from, i, before);
                let end = line_end(bytes, i + open.len());
                self.lexed.comments.push(i..end);
                i = end;
                plain_from = i;
                continue;
            }
            // Block comments.
            if let Some((open, shut)) = lx.block {
                if starts(bytes, i, open) {
                    before = self.last_code(plain_from, i, before);
                    let end = block_end(bytes, i + open.len(), open, shut, lx.nested);
                    self.lexed.comments.push(i..end);
                    i = end;
                    plain_from = i;
                    continue;
                }
            }
            // Strings.
            if let Some(at) = lx.quotes.iter().position(|q| starts(bytes, i, q.open)) {
                let q = &lx.quotes[at];
                if q.open == "'" && lx.lifetimes && !is_char_literal(bytes, i) {
                    i += 1;
                    continue;
                }
                let end = self.string(i + q.open.len(), at);
                if self.interpolating == 0 {
                    self.lexed.strings.push(i..end);
                }
                i = end;
                before = LastCode {
                    byte: b'"',
                    word_end: before.word_end,
                };
                plain_from = i;
                continue;
            }
            if b == b'/' && lx.regex_literals {
                let last = self.last_code(plain_from, i, before);
                if regex_may_start(last.byte, bytes, last.word_end) {
                    i = regex_end(bytes, i + 1);
                    before = LastCode {
                        byte: b'/',
                        word_end: last.word_end,
                    };
                    plain_from = i;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// What `last_code` is at `i`, reading the plain code from `from` back from `i`;
    /// `before` is what it was at `from`.
    fn last_code(&self, from: usize, i: usize, before: LastCode) -> LastCode {
        match self.bytes[from..i]
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
        {
            Some(at) => {
                let byte = self.bytes[from + at];
                LastCode {
                    byte,
                    word_end: if is_word_byte(byte) {
                        from + at + 1
                    } else {
                        before.word_end
                    },
                }
            }
            None => before,
        }
    }

    /// The end of a string of the lexicon's quote `at` whose body starts at `i`.
    fn string(&mut self, mut i: usize, at: usize) -> usize {
        let bytes = self.bytes;
        let q = &self.lx.quotes[at];
        loop {
            i = next_stop(bytes, i, &self.string_stops[at]);
            let Some(&b) = bytes.get(i) else {
                return bytes.len();
            };
            if let Some(opener) = q.interpolation {
                if starts(bytes, i, opener) {
                    // C#'s `{{` is a literal brace.
                    if opener == "{" && bytes.get(i + 1) == Some(&b'{') {
                        i += 2;
                        continue;
                    }
                    let open = opener.as_bytes()[opener.len() - 1];
                    let shut = if open == b'(' { b')' } else { b'}' };
                    self.interpolating += 1;
                    i = self.code(i + opener.len(), Some((open, shut)));
                    self.interpolating -= 1;
                    continue;
                }
            }
            if q.escapes && b == b'\\' {
                i += 2;
                continue;
            }
            if starts(bytes, i, q.close) {
                return i + q.close.len();
            }
            if (b == b'\n' || b == b'\r') && !q.multiline {
                return i;
            }
            i += 1;
        }
    }
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    let from = from.min(bytes.len());
    memchr::memchr2(b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |p| from + p)
}

fn block_end(bytes: &[u8], mut i: usize, open: &str, close: &str, nested: bool) -> usize {
    let mut depth = 1;
    let (open_first, close_first) = (open.as_bytes()[0], close.as_bytes()[0]);
    while i < bytes.len() {
        let next = if nested {
            memchr::memchr2(open_first, close_first, &bytes[i..])
        } else {
            memchr::memchr(close_first, &bytes[i..])
        };
        let Some(next) = next else {
            break;
        };
        i += next;
        if starts(bytes, i, close) {
            depth -= 1;
            i += close.len();
            if depth == 0 {
                return i;
            }
            continue;
        }
        if nested && starts(bytes, i, open) {
            depth += 1;
            i += open.len();
            continue;
        }
        i += 1;
    }
    bytes.len()
}

/// Rust: `'x'`, `'\n'`, `'\u{1F600}'` are characters; `'a` in `&'a str` is a lifetime.
fn is_char_literal(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at + 1) {
        Some(b'\\') => true,
        Some(_) => {
            // One character (up to 4 UTF-8 bytes), then the closing quote.
            (2..=5).any(|n| bytes.get(at + n) == Some(&b'\''))
                && !bytes[at + 1..(at + 5).min(bytes.len())]
                    .iter()
                    .take_while(|b| **b != b'\'')
                    .any(|b| *b == b'\n')
        }
        None => false,
    }
}

/// Whether `b` can be part of a JavaScript word (an identifier or keyword).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// Whether a `/` after `last` (the previous non-blank byte of code) opens a regular
/// expression rather than dividing. After a word, only keywords like `return` allow one.
fn regex_may_start(last: u8, bytes: &[u8], last_word_end: usize) -> bool {
    if is_word_byte(last) {
        let word_start = bytes[..last_word_end]
            .iter()
            .rposition(|b| !is_word_byte(*b))
            .map_or(0, |p| p + 1);
        let word = &bytes[word_start..last_word_end];
        return matches!(
            word,
            b"return"
                | b"typeof"
                | b"case"
                | b"do"
                | b"else"
                | b"in"
                | b"of"
                | b"void"
                | b"yield"
                | b"await"
                | b"delete"
                | b"instanceof"
                | b"throw"
                | b"new"
        );
    }
    !matches!(last, b')' | b']' | b'}' | b'"' | b'\'' | b'`' | b'/' | b'.') || last == b'\n'
}

/// The end of a regular expression literal whose body starts at `i`: an unescaped `/`
/// outside a character class, or the end of the line.
fn regex_end(bytes: &[u8], mut i: usize) -> usize {
    let mut class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => class = true,
            b']' => class = false,
            b'/' if !class => return i + 1,
            b'\n' | b'\r' => return i,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Whether `range` lies wholly inside one of `comments` (sorted, disjoint).
pub fn inside(comments: &[Range<usize>], range: &Range<usize>) -> bool {
    let at = comments.partition_point(|c| c.end <= range.start);
    comments
        .get(at)
        .is_some_and(|c| c.start <= range.start && range.end <= c.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment_texts(id: LanguageId, text: &str) -> Vec<&str> {
        comments(Language::get(id), text)
            .unwrap()
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn strings_hide_comment_openers() {
        let js = "const u = \"http://x\"; // real\nconst g = 'src/**/*.js'; /* block */ x";
        assert_eq!(
            comment_texts(LanguageId::JavaScript, js),
            ["// real", "/* block */"]
        );
        let go = "s := `a // not\n/* not */`\n// yes";
        assert_eq!(comment_texts(LanguageId::Go, go), ["// yes"]);
        let py = "x = \"\"\"\n# not\n\"\"\"  # yes\ny = '#' # also";
        assert_eq!(comment_texts(LanguageId::Python, py), ["# yes", "# also"]);
    }

    #[test]
    fn interpolations_are_code_with_their_own_strings() {
        let dart = "s = 'a${u.substring('http://'.length)}' : u; // c";
        assert_eq!(comment_texts(LanguageId::Dart, dart), ["// c"]);
        let js = "t = `${a ? `x//` : '//'} /* not */` // c";
        assert_eq!(comment_texts(LanguageId::JavaScript, js), ["// c"]);
        let swift = "s = \"\\(f(\"http://x\")) // not\" // c";
        assert_eq!(comment_texts(LanguageId::Swift, swift), ["// c"]);
        let cs = "s = $\"{{ {d[\"//\"]} }}\"; // c";
        assert_eq!(comment_texts(LanguageId::CSharp, cs), ["// c"]);
    }

    #[test]
    fn regex_literals_and_division() {
        let js = "const r = /\\/*x/; a = b / c; // c\nif (/\"/.test(s)) {} // d";
        assert_eq!(comment_texts(LanguageId::JavaScript, js), ["// c", "// d"]);
    }

    /// What comes before a `/` is read back across comments and white space: a word
    /// divides, `return` opens a regex.
    #[test]
    fn the_code_before_a_slash_is_read_across_comments() {
        let js = "a = b /* c */\n / d; // e\nreturn /* c */ /\"/.test(s); // f";
        assert_eq!(
            comment_texts(LanguageId::JavaScript, js),
            ["/* c */", "// e", "/* c */", "// f"]
        );
        let js = "f(`${a /* x */ / b}` + '//') // g";
        assert_eq!(
            comment_texts(LanguageId::JavaScript, js),
            ["/* x */", "// g"]
        );
    }

    #[test]
    fn nested_blocks_and_lifetimes() {
        let rs = "/* a /* b */ still */ fn f<'a>(x: &'a str) -> char { '\\'' } // c";
        assert_eq!(
            comment_texts(LanguageId::Rust, rs),
            ["/* a /* b */ still */", "// c"]
        );
    }

    #[test]
    fn unterminated_quote_stops_at_the_line_end() {
        // A stray apostrophe must not turn the rest of the file into a string, nor
        // the next line's string into code.
        let js = "x = a ' b\ny = \"// not a comment\" // comment";
        assert_eq!(comment_texts(LanguageId::JavaScript, js), ["// comment"]);
    }

    #[test]
    fn strings_are_whole_literals() {
        let js = "a = `x ${'y'} z` + \"w\" // 'c'";
        let lexed = lex(Language::get(LanguageId::JavaScript), js).unwrap();
        let strings: Vec<&str> = lexed.strings.iter().map(|r| &js[r.clone()]).collect();
        assert_eq!(strings, ["`x ${'y'} z`", "\"w\""]);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let js = "// a\rx = 'b\ry = 1; // c\r\n";
        assert_eq!(comment_texts(LanguageId::JavaScript, js), ["// a", "// c"]);
    }

    #[test]
    fn inside_needs_the_whole_range() {
        let c = [2..5, 10..20];
        assert!(inside(&c, &(2..5)));
        assert!(inside(&c, &(12..14)));
        assert!(!inside(&c, &(4..6)));
        assert!(!inside(&c, &(6..8)));
        assert!(!inside(&c, &(19..21)));
    }

    #[test]
    fn languages_without_a_lexer() {
        for id in [
            LanguageId::Ruby,
            LanguageId::Shell,
            LanguageId::Php,
            LanguageId::Yaml,
        ] {
            assert!(comments(Language::get(id), "# x").is_none());
        }
    }
}
