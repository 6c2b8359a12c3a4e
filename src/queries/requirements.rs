//! What a file must hold for a query to match in it: the text its `#eq?`, `#any-of?`
//! and `#match?` predicates demand of the captures a match always has. The engine reads
//! these before it parses, so that a file a rule cannot fire in is never parsed for it.

use std::ops::Range;

use regex::Regex;
use regex_syntax::hir::{
    Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look,
};

use super::shape::Place;
use crate::language::LanguageId;
use crate::rules::QueryOnly;

/// Text a capture's node must hold; a node's text is part of the file's, so the file
/// must hold it too.
struct Needle {
    kind: NeedleKind,
    /// Whether the needle's text starts where the node does (`#eq?`, `#any-of?`, a
    /// `#match?` anchored with `^`), and ends where it does (the same with `$`): then
    /// an occurrence counts only at a token's edge, and where it starts, only outside
    /// comments (`could_be_node`). A pattern checks its end in the regex itself.
    starts_node: bool,
    ends_node: bool,
    /// Whether the node where the needle starts cannot start inside a string
    /// literal's content: it starts the node, and every node the capture can hold is
    /// code (an identifier, a call, a whole string literal), not a part of a string.
    outside_strings: bool,
    /// What the grammar puts after every node the capture can be, past white space:
    /// a callee's `(`, a key's `:` (`next_after`). `None`: anything may follow.
    next: Option<&'static [u8]>,
    /// For a `Pattern` needle with `next`: the predicate's own regex, to find where a
    /// node that starts at a match can end, and its longest text.
    whole: Option<(Lazy, usize)>,
    /// For a `Pattern` needle whose regex ignores the case of every letter it names
    /// (`(?i:origin)`): the same regex with lower-case letters only, to run over the
    /// file's ASCII-lowered text. It matches there exactly where the regex matches in
    /// the file, and its literals are plain words the regex engine finds by vectorised
    /// search, where the case-blind regex runs its automaton over every byte.
    folded: Option<Lazy>,
}

/// The longest run of word characters read back from an occurrence to see whether a
/// token can start there (`Needle::could_be_node`).
const WORD_RUN_LIMIT: usize = 256;

/// Node kinds that lie inside a string literal (its content, escapes, interpolated
/// code): a capture that can hold one may start inside a string.
const STRING_PARTS: &[&str] = &[
    "string_content",
    "string_fragment",
    "string_start",
    "string_end",
    "escape_sequence",
    "escape_interpolation",
    "interpreted_string_literal_content",
    "raw_string_literal_content",
    "multiline_string_fragment",
    "string_interpolation",
    "interpolation",
    "template_substitution",
    "format_specifier",
    "type_conversion",
];

enum NeedleKind {
    /// `#eq?` and `#any-of?`: one of these texts (`Needle::text_in`).
    AnyOf(Vec<String>),
    /// `#match?`: the pattern with its anchors and word boundaries dropped, which a
    /// node's boundaries satisfy but the file around it need not.
    Pattern(Lazy),
    /// A key's needle and its value's, where the grammar puts only a separator (and
    /// white space or comments) between the two nodes: `verify=False`, `"origin": "*"`.
    /// The value's needle must hold right after one of the key's occurrences.
    Followed(Followed),
}

/// The needles of a key and of the value that follows it (`NeedleKind::Followed`).
struct Followed {
    key: usize,
    value: usize,
    /// The byte between the two nodes (`=`, `:`).
    separator: u8,
    /// For a `Pattern` value: its regex anchored where the value starts.
    anchored: Option<Lazy>,
}

/// A regex compiled when a file first needs it: most needles of a query are never
/// looked for (their pattern's texts are missing first), and compiling them all was
/// 2% of `check`'s CPU on the bench corpus.
struct Lazy {
    source: String,
    regex: std::sync::OnceLock<Option<Regex>>,
}

impl Lazy {
    fn new(source: String) -> Lazy {
        Lazy {
            source,
            regex: std::sync::OnceLock::new(),
        }
    }

    /// The regex; `None` if it cannot be compiled (beyond the size limits), where the
    /// needle must be taken to hold.
    fn get(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| Regex::new(&self.source).ok())
            .as_ref()
    }
}

/// The file a needle is looked for in: its text, and its comments when the language's
/// lexer knows them (no node but a comment starts inside one).
#[derive(Clone, Copy)]
pub struct Haystack<'a> {
    pub text: &'a str,
    pub comments: Option<&'a [Range<usize>]>,
    /// String literals that hold no code (no interpolation), where the lexer knows
    /// them: no code node starts inside one.
    pub strings: Option<&'a [Range<usize>]>,
}

impl Needle {
    /// Whether `other` demands the same text in the same place.
    fn same_as(&self, other: &Needle) -> bool {
        let kind = match (&self.kind, &other.kind) {
            (NeedleKind::AnyOf(a), NeedleKind::AnyOf(b)) => a == b,
            (NeedleKind::Pattern(a), NeedleKind::Pattern(b)) => a.source == b.source,
            (NeedleKind::Followed(a), NeedleKind::Followed(b)) => {
                (a.key, a.value, a.separator) == (b.key, b.value, b.separator)
            }
            _ => false,
        };
        kind && self.starts_node == other.starts_node
            && self.ends_node == other.ends_node
            && self.outside_strings == other.outside_strings
            && self.next == other.next
    }

    /// The order needles are tried in. Texts first, the longest first (a long word is
    /// rarer than `set` or `*`, and searched for faster); then patterns: one that says
    /// what follows its node first (it rules out most files that hold its text), then
    /// the shorter regexes (a long one, such as MUFI006's `(null, true)` callback, is a
    /// slow pass).
    fn rank(&self) -> (bool, bool, usize) {
        match &self.kind {
            NeedleKind::AnyOf(texts) => {
                let shortest = texts.iter().map(String::len).min().unwrap_or(0);
                (false, false, usize::MAX - shortest)
            }
            NeedleKind::Pattern(regex) => (true, self.next.is_none(), regex.source.len()),
            // Settled after the key's and the value's own needles, which it implies.
            NeedleKind::Followed(_) => (true, true, usize::MAX),
        }
    }

    /// Whether an `AnyOf` needle's text occurs where the needle says it must, looked
    /// for text by text: a vectorised search for a word is many times faster than the
    /// automaton over all the query's texts (common words among them: `set`, `get`,
    /// `*`), and settles the needle alone, so a pattern fails at its first missing
    /// text without the file being read for the rest.
    fn text_in(&self, texts: &[String], hay: Haystack) -> bool {
        self.texts_where(texts, hay, |_| true)
    }

    /// Whether one of `texts` occurs where the needle says it must and `then` holds of
    /// the end of that occurrence.
    fn texts_where(
        &self,
        texts: &[String],
        hay: Haystack,
        mut then: impl FnMut(usize) -> bool,
    ) -> bool {
        let bytes = hay.text.as_bytes();
        texts.iter().any(|text| {
            if text.is_empty() {
                return true;
            }
            let finder = memchr::memmem::Finder::new(text.as_bytes());
            let mut from = 0;
            // Every occurrence, overlapping ones too, until one counts.
            while let Some(at) = bytes.get(from..).and_then(|rest| finder.find(rest)) {
                let start = from + at;
                let end = start + text.len();
                if (!self.starts_node || self.could_be_node(hay, start, Some(end))) && then(end) {
                    return true;
                }
                from = start + 1;
            }
            false
        })
    }

    /// Whether a `Pattern` needle's regex matches where the needle says it must.
    fn matched_in(&self, regex: &Lazy, hay: Haystack, lowered: Option<&str>) -> bool {
        if !self.starts_node {
            let (regex, searched) = self.searched(regex, hay, lowered);
            return regex.get().is_none_or(|regex| regex.is_match(searched));
        }
        self.matches_where(regex, hay, lowered, |_| true)
    }

    /// The regex to search with and the text to search: the folded regex over the
    /// lowered text where the needle has one and the text is given, else `regex` over
    /// the file. Offsets are the same in both texts.
    fn searched<'s>(
        &'s self,
        regex: &'s Lazy,
        hay: Haystack<'s>,
        lowered: Option<&'s str>,
    ) -> (&'s Lazy, &'s str) {
        match (&self.folded, lowered) {
            (Some(folded), Some(lowered)) => (folded, lowered),
            _ => (regex, hay.text),
        }
    }

    /// For a `Pattern` needle that starts its node: whether a node its predicate
    /// accepts can start and end where the needle says, with `then` holding of its
    /// end. Without a bound on the node's length (`whole`), only whether it can start:
    /// `then` is not asked.
    fn matches_where(
        &self,
        regex: &Lazy,
        hay: Haystack,
        lowered: Option<&str>,
        mut then: impl FnMut(usize) -> bool,
    ) -> bool {
        let (regex, searched) = self.searched(regex, hay, lowered);
        let Some(regex) = regex.get() else {
            return true;
        };
        // Every place a match can start, not only the leftmost of each run.
        let bytes = hay.text.as_bytes();
        let mut from = 0;
        while let Some(m) = regex.find_at(searched, from) {
            if self.could_be_node(hay, m.start(), None)
                && self.could_end(hay.text, m.start(), &mut then)
            {
                return true;
            }
            from = m.start() + 1;
            while from < bytes.len() && !hay.text.is_char_boundary(from) {
                from += 1;
            }
        }
        false
    }

    /// Whether a key's occurrence is followed by `separator` and then by a text its
    /// value's needle accepts (`NeedleKind::Followed`), white space skipped on either
    /// side of the separator. A comment (or a line continuation) in between ends the
    /// search in the value's favour: what it hides is not read.
    fn followed_in(
        needles: &[Needle],
        followed: &Followed,
        hay: Haystack,
        lowered: Option<&str>,
    ) -> bool {
        let key = &needles[followed.key];
        let value = &needles[followed.value];
        let Some(next) = key.next else {
            return true;
        };
        let bytes = hay.text.as_bytes();
        let openers = |b: u8| b != followed.separator && next.contains(&b);
        let skip = |from: usize| {
            bytes[from..]
                .iter()
                .position(|b| !(b.is_ascii_whitespace() || *b == b'\x0b'))
                .map(|n| from + n)
        };
        let value_at = |start: usize| -> bool {
            match &value.kind {
                NeedleKind::AnyOf(texts) => texts.iter().any(|text| {
                    hay.text[start..].starts_with(text.as_str())
                        && value.could_be_node(hay, start, Some(start + text.len()))
                }),
                NeedleKind::Pattern(_) => followed
                    .anchored
                    .as_ref()
                    .and_then(Lazy::get)
                    .is_none_or(|anchored| anchored.is_match(&hay.text[start..])),
                NeedleKind::Followed(_) => true,
            }
        };
        let after_key = |end: usize| -> bool {
            let Some(at) = skip(end) else {
                return false;
            };
            if !bytes[at].is_ascii() || openers(bytes[at]) {
                return true;
            }
            if bytes[at] != followed.separator {
                return false;
            }
            match skip(at + 1) {
                None => false,
                Some(start) if !bytes[start].is_ascii() || openers(bytes[start]) => true,
                Some(start) => value_at(start),
            }
        };
        match &key.kind {
            NeedleKind::AnyOf(texts) => key.texts_where(texts, hay, after_key),
            NeedleKind::Pattern(regex) => key.matches_where(regex, hay, lowered, after_key),
            NeedleKind::Followed(_) => true,
        }
    }

    /// Whether a node can start at `start` (and end at `end`, when the needle says
    /// where it ends): not inside a comment, and not in the middle of a word. A word
    /// character right before the start is allowed where a token of its own can end
    /// there: an escape sequence (`"\nverify"`) or a number (`1if`).
    fn could_be_node(&self, hay: Haystack, start: usize, end: Option<usize>) -> bool {
        let bytes = hay.text.as_bytes();
        if hay
            .comments
            .is_some_and(|comments| inside_any(comments, start))
        {
            return false;
        }
        if self.outside_strings
            && hay
                .strings
                .is_some_and(|strings| strictly_inside_any(strings, start))
        {
            return false;
        }
        let word = |at: usize| bytes.get(at).is_some_and(|b| is_word(*b));
        if start > 0 && word(start) && word(start - 1) {
            // Read back at most `WORD_RUN_LIMIT` bytes: a run that long is no name
            // anyone writes (a blob, generated text), and reading all of it back for
            // each occurrence inside it is quadratic (`setsetset…` took minutes). Past
            // the limit, the node may start here.
            let run = bytes[..start]
                .iter()
                .rev()
                .take(WORD_RUN_LIMIT)
                .take_while(|b| is_word(**b))
                .count();
            let run_start = start - run;
            let escaped = run_start > 0 && bytes[run_start - 1] == b'\\';
            if run < WORD_RUN_LIMIT && !escaped && !bytes[run_start].is_ascii_digit() {
                return false;
            }
        }
        match end {
            Some(end) if self.ends_node => {
                !(end > start && word(end - 1) && word(end)) && self.followed_well(bytes, end)
            }
            _ => true,
        }
    }

    /// Whether what comes after `end`, past white space, may follow the node there.
    fn followed_well(&self, bytes: &[u8], end: usize) -> bool {
        let Some(next) = self.next else {
            return true;
        };

        match bytes[end..]
            .iter()
            .find(|b| !(b.is_ascii_whitespace() || **b == b'\x0b'))
        {
            // Past the end of the file nothing follows. A non-ASCII character may be
            // white space (JavaScript's no-break space).
            None => false,
            Some(b) => !b.is_ascii() || next.contains(b),
        }
    }

    /// For a `Pattern` needle that says what follows its node: whether a node whose
    /// text the predicate accepts can start at `start`, be followed well, and end where
    /// `then` holds. Each end up to the longest text the regex accepts is tried.
    fn could_end(&self, text: &str, start: usize, then: &mut impl FnMut(usize) -> bool) -> bool {
        let Some((whole, longest)) = &self.whole else {
            // Where such a node ends is not known: it may end anywhere.
            return true;
        };
        let Some(whole) = whole.get() else {
            return true;
        };
        let last = text.len().min(start + longest);
        (start..=last).any(|end| {
            text.is_char_boundary(end)
                && whole.is_match(&text[start..end])
                && self.followed_well(text.as_bytes(), end)
                && then(end)
        })
    }
}

/// What `language`'s grammar puts after a node in `place`, past white space and
/// comments, as the bytes that may come next: `(` after a callee, `:` after an
/// object's key, `=` after a keyword argument's name, `,` or the closing bracket after
/// an argument or a list's item. The openers of comments (and
/// Python's line continuation) are in each set, so that a comment in between is no
/// reason to rule a file out. `None` where the grammar allows more than this table
/// knows, and for the languages it does not cover.
pub(super) fn next_after(language: LanguageId, place: &Place) -> Option<&'static [u8]> {
    use LanguageId::*;
    let is = |parent: &str, field: &str| {
        place.parent.as_deref() == Some(parent) && place.field.as_deref() == Some(field)
    };
    // A call's callee, or the name that ends a member callee (`res.redirect(…)`).
    let callee = |call: &str, member: &str, name: &str| {
        is(call, "function")
            || (is(member, name)
                && place.grandparent.as_deref() == Some(call)
                && place.parent_field.as_deref() == Some("function"))
    };
    // A direct child of a list: what separates the items, or what closes the list.
    let item_of = |list: &str| is_child_of(place, list);
    match language {
        // `f(…)`, `f?.(…)`, `` f`…` ``, `f<T>(…)`; `/*`, `//`, `<!--` and `-->` comments.
        JavaScript | TypeScript | Tsx
            if callee("call_expression", "member_expression", "property") =>
        {
            Some(b"(?`</-")
        }
        JavaScript | TypeScript | Tsx if is("pair", "key") => Some(b":/<-"),
        JavaScript | TypeScript | Tsx if is("pair", "value") => Some(b",}/<-"),
        JavaScript | TypeScript | Tsx if item_of("arguments") => Some(b",)/<-"),
        JavaScript | TypeScript | Tsx if item_of("array") => Some(b",]/<-"),
        Python if callee("call", "attribute", "attribute") => Some(b"(#\\"),
        Python if is("pair", "key") => Some(b":#\\"),
        Python if is("keyword_argument", "name") => Some(b"=#\\"),
        // The name that ends an assignment's left side: `x.verify = …`, `x.verify: T = …`.
        Python
            if is("attribute", "attribute")
                && place.parent_field.as_deref() == Some("left")
                && place.grandparent.as_deref() == Some("assignment") =>
        {
            Some(b"=:#\\")
        }
        Python if item_of("argument_list") => Some(b",)#\\"),
        Python if item_of("list") => Some(b",]#\\"),
        // `f(…)`, `f[T](…)`; an argument `xs...`.
        Go if callee("call_expression", "selector_expression", "field") => Some(b"([/"),
        Go if item_of("argument_list") => Some(b",)./"),
        Java if is("method_invocation", "name") => Some(b"(/"),
        Java if item_of("argument_list") => Some(b",)/"),
        Json if is("pair", "key") => Some(b":/"),
        Json if is("pair", "value") => Some(b",}/"),
        Json if item_of("array") => Some(b",]/"),
        _ => None,
    }
}

/// Whether `place` is a direct child of a `list` node, in no field.
fn is_child_of(place: &Place, list: &str) -> bool {
    place.parent.as_deref() == Some(list) && place.field.is_none()
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `offset` lies inside one of `ranges` (sorted, disjoint).
fn inside_any(ranges: &[Range<usize>], offset: usize) -> bool {
    let at = ranges.partition_point(|r| r.end <= offset);
    ranges.get(at).is_some_and(|r| r.start <= offset)
}

/// Whether `offset` lies inside one of `ranges` (sorted, disjoint) and is not its
/// first byte: inside a string literal, past its opening quote.
fn strictly_inside_any(ranges: &[Range<usize>], offset: usize) -> bool {
    let at = ranges.partition_point(|r| r.end <= offset);
    ranges.get(at).is_some_and(|r| r.start < offset)
}

/// One capture of one pattern: whether every match has it, and the needles of the
/// predicates on it.
struct Capture {
    index: u32,
    always: bool,
    needles: Vec<usize>,
    /// The needles the rule's code demands of the capture (`QueryOnly::captures`): a
    /// match without them makes no finding, but it is still a match.
    demands: Vec<usize>,
}

/// What each pattern of one compiled query demands of a file.
pub struct Requirements {
    /// Where each pattern lies in the query's source.
    pub ranges: Vec<Range<usize>>,
    needles: Vec<Needle>,
    /// Per pattern, the captures it has (in some match at least).
    patterns: Vec<Vec<Capture>>,
    /// The gate's clauses, as capture indexes (a name the query lacks is left out).
    clauses: Vec<Vec<u32>>,
}

/// Which needles a file holds, found on first demand, each on its own: a text with a
/// vectorised search, a regex with its own pass (a set of them loses each one's
/// literal prefilter, and is slower than the separate scans).
struct Found<'r, 'h> {
    needles: &'r [Needle],
    hay: Haystack<'h>,
    known: Vec<Option<bool>>,
    /// The file's text with its ASCII letters lowered, made for the first needle with
    /// a folded regex (`Needle::folded`).
    lowered: std::cell::OnceCell<String>,
}

impl<'r, 'h> Found<'r, 'h> {
    fn new(requirements: &'r Requirements, hay: Haystack<'h>) -> Self {
        Found {
            needles: &requirements.needles,
            hay,
            known: vec![None; requirements.needles.len()],
            lowered: std::cell::OnceCell::new(),
        }
    }

    /// Whether the file holds every needle of `needles`: those already settled
    /// first, then the texts (a fast search each), then the patterns (a regex pass
    /// each), each kind the likeliest to fail cheaply first (`Needle::rank`).
    fn hold_all<'n>(&mut self, needles: impl Iterator<Item = &'n usize>) -> bool {
        let mut needles: Vec<usize> = needles.copied().collect();
        if needles.iter().any(|n| self.known[*n] == Some(false)) {
            return false;
        }
        let kinds = self.needles;
        needles.sort_by_key(|n| kinds[*n].rank());
        needles.into_iter().all(|n| self.holds(n))
    }

    fn holds(&mut self, needle: usize) -> bool {
        if let Some(known) = self.known[needle] {
            return known;
        }
        let this = &self.needles[needle];
        let searcher = match &this.kind {
            NeedleKind::Followed(followed) => &self.needles[followed.key],
            _ => this,
        };
        let lowered = searcher.folded.is_some().then(|| {
            self.lowered
                .get_or_init(|| self.hay.text.to_ascii_lowercase())
                .as_str()
        });
        let holds = match &this.kind {
            NeedleKind::AnyOf(texts) => this.text_in(texts, self.hay),
            NeedleKind::Pattern(regex) => this.matched_in(regex, self.hay, lowered),
            NeedleKind::Followed(followed) => {
                Needle::followed_in(self.needles, followed, self.hay, lowered)
            }
        };
        self.known[needle] = Some(holds);
        holds
    }
}

impl Requirements {
    /// Reads the predicates of each pattern of the query `source` and what the rule's
    /// code demands of them (`gate`), without compiling the query; `None` when the
    /// source is not a query `shape` knows.
    pub fn of(source: &str, gate: &QueryOnly, language: LanguageId) -> Option<Requirements> {
        let shapes = super::shape::patterns(source)?;
        // Capture names, numbered in order of first appearance.
        let mut names: Vec<&str> = Vec::new();
        for shape in &shapes {
            for name in shape.captures.keys() {
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
            }
        }
        let index_of = |name: &str| names.iter().position(|n| *n == name).map(|i| i as u32);
        let mut needles = Vec::new();
        // The rule's own demands of a capture's text, wherever the capture is.
        let demanded: Vec<(&str, usize)> = gate
            .captures
            .iter()
            .filter_map(|(capture, pattern)| {
                regex_syntax::parse(pattern).ok()?;
                needles.push(Needle {
                    kind: NeedleKind::Pattern(Lazy::new(pattern.to_string())),
                    starts_node: false,
                    ends_node: false,
                    outside_strings: false,
                    next: None,
                    whole: None,
                    folded: None,
                });
                Some((*capture, needles.len() - 1))
            })
            .collect();
        let mut patterns = Vec::with_capacity(shapes.len());
        for shape in &shapes {
            let mut captures: Vec<Capture> = shape
                .captures
                .iter()
                .filter_map(|(name, always)| {
                    Some(Capture {
                        index: index_of(name)?,
                        always: *always,
                        needles: Vec::new(),
                        demands: demanded
                            .iter()
                            .filter(|(capture, _)| capture == name)
                            .map(|(_, needle)| *needle)
                            .collect(),
                    })
                })
                .collect();
            for predicate in predicates(&source[shape.range.clone()]) {
                let Some(mut needle) = predicate.needle() else {
                    continue;
                };
                needle.outside_strings = needle.starts_node
                    && shape
                        .kinds
                        .get(&predicate.capture)
                        .and_then(|kinds| kinds.as_ref())
                        .is_some_and(|kinds| {
                            !kinds.is_empty()
                                && kinds.iter().all(|k| !STRING_PARTS.contains(&k.as_str()))
                        });
                if needle.starts_node && needle.ends_node {
                    needle.next = shape.places.get(&predicate.capture).and_then(|places| {
                        follow_of(places.iter().map(|place| next_after(language, place)))
                    });
                }
                if needle.next.is_some() && matches!(needle.kind, NeedleKind::Pattern(_)) {
                    needle.whole = predicate.whole();
                    if needle.whole.is_none() {
                        needle.next = None;
                    }
                }
                let Some(capture) = captures
                    .iter_mut()
                    .find(|c| names[c.index as usize] == predicate.capture)
                else {
                    continue;
                };
                capture.needles.push(needle_at(&mut needles, needle));
            }
            for (key, value, separator) in followed_pairs(shape, language) {
                let needle_of = |name: &str| {
                    let capture = captures.iter().find(|c| names[c.index as usize] == name)?;
                    capture.needles.iter().copied().find(|n| {
                        let n = &needles[*n];
                        n.starts_node && n.ends_node
                    })
                };
                let (Some(key_needle), Some(value_needle)) = (needle_of(key), needle_of(value))
                else {
                    continue;
                };
                if needles[key_needle].next.is_none() {
                    continue;
                }
                let anchored = match &needles[value_needle].kind {
                    NeedleKind::Pattern(regex) => {
                        Some(Lazy::new(format!("\\A(?:{})", regex.source)))
                    }
                    _ => None,
                };
                let needle = Needle {
                    kind: NeedleKind::Followed(Followed {
                        key: key_needle,
                        value: value_needle,
                        separator,
                        anchored,
                    }),
                    starts_node: false,
                    ends_node: false,
                    outside_strings: false,
                    next: None,
                    whole: None,
                    folded: None,
                };
                let at = needle_at(&mut needles, needle);
                if let Some(capture) = captures.iter_mut().find(|c| names[c.index as usize] == key)
                {
                    capture.needles.push(at);
                }
            }
            patterns.push(captures);
        }
        Some(Requirements {
            ranges: shapes.iter().map(|shape| shape.range.clone()).collect(),
            needles,
            patterns,
            clauses: gate
                .clauses
                .iter()
                .map(|clause| clause.iter().filter_map(|name| index_of(name)).collect())
                .collect(),
        })
    }

    /// Per pattern, whether it can match in `text` at all: the text its predicates
    /// demand of the captures it always has is there.
    pub fn possible(&self, hay: Haystack) -> Vec<bool> {
        let mut found = Found::new(self, hay);
        self.patterns
            .iter()
            .map(|captures| {
                // The query's own predicates only: the rule's demands decide findings,
                // not matches.
                found.hold_all(
                    captures
                        .iter()
                        .filter(|c| c.always)
                        .flat_map(|c| c.needles.iter()),
                )
            })
            .collect()
    }

    /// Whether `text` can hold the matches a finding needs: per clause of the gate, a
    /// match with one of its captures (each clause may be met by another match); with no
    /// clauses, any match. `false` means no such match can exist in `text`.
    pub fn admit(&self, hay: Haystack) -> bool {
        let mut found = Found::new(self, hay);
        let mut pattern_holds = |captures: &[Capture], with: Option<u32>| {
            found.hold_all(
                captures
                    .iter()
                    .filter(|c| c.always || Some(c.index) == with)
                    .flat_map(|c| c.needles.iter().chain(&c.demands)),
            )
        };
        if self.clauses.is_empty() {
            return self.patterns.iter().any(|p| pattern_holds(p, None));
        }
        self.clauses.iter().all(|clause| {
            self.patterns.iter().any(|captures| {
                captures
                    .iter()
                    .filter(|c| clause.contains(&c.index))
                    .any(|c| pattern_holds(captures, Some(c.index)))
            })
        })
    }
}

/// The index of `needle` in `needles`, added unless an equal one is there: the same
/// predicate recurs across patterns, with one needle for all.
fn needle_at(needles: &mut Vec<Needle>, needle: Needle) -> usize {
    match needles.iter().position(|n| n.same_as(&needle)) {
        Some(known) => known,
        None => {
            needles.push(needle);
            needles.len() - 1
        }
    }
}

/// The captures of `shape` that are a key and the value after it: both in every
/// match, each in one place, where the grammar puts only a separator between the two
/// nodes (`separator_between`). With the separator.
fn followed_pairs(shape: &super::shape::Pattern, language: LanguageId) -> Vec<(&str, &str, u8)> {
    let single = |name: &str| match shape.places.get(name).map(Vec::as_slice) {
        Some([place]) if shape.captures.get(name) == Some(&true) => Some(place),
        _ => None,
    };
    let mut out = Vec::new();
    for (key, key_place) in shape.places.keys().filter_map(|k| Some((k, single(k)?))) {
        for (value, value_place) in shape.places.keys().filter_map(|v| Some((v, single(v)?))) {
            if key == value {
                continue;
            }
            if let Some(separator) = separator_between(language, key_place, value_place) {
                out.push((key.as_str(), value.as_str(), separator));
            }
        }
    }
    out
}

/// The one token `language`'s grammar puts between a node in `key`'s place and the
/// node in `value`'s, where nothing else can stand between them but white space and
/// comments: `name=value` in a Python keyword argument, `key: value` in an object's
/// pair, `x.verify = value` (the attribute's name ends the assignment's left side).
/// `None` for the places this table does not know.
fn separator_between(language: LanguageId, key: &Place, value: &Place) -> Option<u8> {
    use LanguageId::*;
    let field = |place: &Place, parent: &str, field: &str| {
        place.parent.as_deref() == Some(parent) && place.field.as_deref() == Some(field)
    };
    // Children of one node of the pattern.
    let siblings = key.parent_at.is_some() && key.parent_at == value.parent_at;
    match language {
        Python if siblings && field(key, "keyword_argument", "name") => {
            field(value, "keyword_argument", "value").then_some(b'=')
        }
        Python | JavaScript | TypeScript | Tsx | Json if siblings && field(key, "pair", "key") => {
            field(value, "pair", "value").then_some(b':')
        }
        Python
            if field(key, "attribute", "attribute")
                && key.parent_field.as_deref() == Some("left")
                && key.grandparent.as_deref() == Some("assignment")
                && key.grandparent_at.is_some()
                && key.grandparent_at == value.parent_at =>
        {
            field(value, "assignment", "right").then_some(b'=')
        }
        _ => None,
    }
}

/// What may follow a capture's node in all its places: their sets together, `None` if
/// one place allows anything (or there is none).
fn follow_of(mut places: impl Iterator<Item = Option<&'static [u8]>>) -> Option<&'static [u8]> {
    let first = places.next()??;
    places.try_fold(first, |all, next| (next? == all).then_some(all))
}

/// A text predicate on one capture: `(#eq? @name "text")` and its kin.
struct Predicate {
    name: String,
    capture: String,
    strings: Vec<String>,
}

impl Predicate {
    /// The needle a node's text must hold, for the predicates that demand one (`#not-…`
    /// ones and comparisons of two captures demand nothing of the file).
    fn needle(&self) -> Option<Needle> {
        let literals = |literals: &[String]| {
            Some(Needle {
                kind: NeedleKind::AnyOf(literals.to_vec()),
                starts_node: true,
                ends_node: true,
                outside_strings: false,
                next: None,
                whole: None,
                folded: None,
            })
        };
        match (self.name.as_str(), self.strings.as_slice()) {
            ("eq?" | "any-eq?", [literal]) => literals(std::slice::from_ref(literal)),
            ("any-of?", list) if !list.is_empty() => literals(list),
            ("match?" | "any-match?", [pattern]) => {
                let hir = regex_syntax::parse(pattern).ok()?;
                let starts_node = hir.properties().look_set_prefix().contains(Look::Start);
                let ends_node = hir.properties().look_set_suffix().contains(Look::End);
                let bare = without_looks(hir);
                // The node ends there: the end of the text, a character that is not
                // part of a word, or a word's start right after a non-word character.
                // Only a word running on past the match is ruled out.
                let end = if ends_node {
                    "(?:$|[^A-Za-z0-9_]|(?-u:\\b))"
                } else {
                    ""
                };
                let folded = (names_letters(&bare) && case_blind(&bare))
                    .then(|| Lazy::new(format!("(?:{}){end}", lower_case(bare.clone()))));
                Some(Needle {
                    kind: NeedleKind::Pattern(Lazy::new(format!("(?:{bare}){end}"))),
                    starts_node,
                    ends_node,
                    outside_strings: false,
                    next: None,
                    whole: None,
                    folded,
                })
            }
            _ => None,
        }
    }

    /// For a `#match?` anchored at both ends, its regex and the longest text it
    /// accepts; `None` when that is unbounded.
    fn whole(&self) -> Option<(Lazy, usize)> {
        let [pattern] = self.strings.as_slice() else {
            return None;
        };
        let longest = regex_syntax::parse(pattern)
            .ok()?
            .properties()
            .maximum_len()?;
        Some((Lazy::new(pattern.clone()), longest))
    }
}

/// `hir` with every look-around assertion (`^`, `$`, `\b`) replaced by nothing: what
/// matches a node's text then matches the file, wherever the node sits in it. Each
/// class keeps its ASCII characters and takes every other character in place of its
/// own (`\w`, the `ſ` that `(?i)s` holds): a wider pattern, so still one every match
/// of the predicate's satisfies, and a far smaller automaton to run over a file.
fn without_looks(hir: Hir) -> Hir {
    map_leaves(hir, &|leaf| match leaf {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Class(Class::Unicode(class)) => Hir::class(Class::Unicode(ascii_or_any(&class))),
        leaf => rebuilt(leaf),
    })
}

/// `hir` rebuilt with each of its leaves (a literal, a class, a look-around, the empty
/// regex) replaced by what `leaf` makes of it.
fn map_leaves(hir: Hir, leaf: &impl Fn(HirKind) -> Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Repetition(mut repetition) => {
            repetition.sub = Box::new(map_leaves(*repetition.sub, leaf));
            Hir::repetition(repetition)
        }
        HirKind::Capture(mut capture) => {
            capture.sub = Box::new(map_leaves(*capture.sub, leaf));
            Hir::capture(capture)
        }
        HirKind::Concat(parts) => {
            Hir::concat(parts.into_iter().map(|p| map_leaves(p, leaf)).collect())
        }
        HirKind::Alternation(parts) => {
            Hir::alternation(parts.into_iter().map(|p| map_leaves(p, leaf)).collect())
        }
        other => leaf(other),
    }
}

/// A leaf of a regex (`map_leaves`) as it was.
fn rebuilt(leaf: HirKind) -> Hir {
    match leaf {
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Look(look) => Hir::look(look),
        _ => Hir::empty(),
    }
}

/// The leaves of `hir`: its literals, classes, look-arounds and empty regexes.
fn leaves(hir: &Hir) -> Vec<&HirKind> {
    match hir.kind() {
        HirKind::Repetition(repetition) => leaves(&repetition.sub),
        HirKind::Capture(capture) => leaves(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().flat_map(leaves).collect()
        }
        leaf => vec![leaf],
    }
}

/// `class`'s ASCII characters, and every non-ASCII character if it holds any.
fn ascii_or_any(class: &ClassUnicode) -> ClassUnicode {
    let mut ranges: Vec<ClassUnicodeRange> = class
        .ranges()
        .iter()
        .filter(|r| r.start() <= '\x7f')
        .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\x7f')))
        .collect();
    if class.ranges().iter().any(|r| r.end() > '\x7f') {
        ranges.push(ClassUnicodeRange::new('\u{80}', char::MAX));
    }
    ClassUnicode::new(ranges)
}

/// Whether `hir` names an ASCII letter (in a literal or a class).
fn names_letters(hir: &Hir) -> bool {
    leaves(hir).into_iter().any(|leaf| match leaf {
        HirKind::Literal(literal) => literal.0.iter().any(u8::is_ascii_alphabetic),
        HirKind::Class(class) => ascii_letters().any(|b| class_has(class, b)),
        _ => false,
    })
}

/// Whether `hir` treats every ASCII letter as its other case too: no literal holds a
/// letter, and each class that holds a letter holds its other case. Such a regex
/// matches a text exactly where it matches the text with its ASCII letters lowered.
fn case_blind(hir: &Hir) -> bool {
    leaves(hir).into_iter().all(|leaf| match leaf {
        HirKind::Literal(literal) => !literal.0.iter().any(u8::is_ascii_alphabetic),
        // ASCII letters differ from their other case in one bit.
        HirKind::Class(class) => {
            ascii_letters().all(|b| !class_has(class, b) || class_has(class, b ^ 0x20))
        }
        _ => true,
    })
}

fn ascii_letters() -> impl Iterator<Item = u8> {
    (b'A'..=b'Z').chain(b'a'..=b'z')
}

/// Whether `class` holds the ASCII byte `b`.
fn class_has(class: &Class, b: u8) -> bool {
    match class {
        Class::Unicode(class) => {
            let c = char::from(b);
            class
                .ranges()
                .iter()
                .any(|r| r.start() <= c && c <= r.end())
        }
        Class::Bytes(class) => class
            .ranges()
            .iter()
            .any(|r| r.start() <= b && b <= r.end()),
    }
}

/// `hir` with the upper-case ASCII letters taken out of its classes: for a case-blind
/// regex (`case_blind`), the regex to run over a text whose letters were lowered.
fn lower_case(hir: Hir) -> Hir {
    map_leaves(hir, &|leaf| match leaf {
        HirKind::Class(Class::Unicode(mut class)) => {
            class.difference(&ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]));
            Hir::class(Class::Unicode(class))
        }
        HirKind::Class(Class::Bytes(mut class)) => {
            class.difference(&ClassBytes::new([ClassBytesRange::new(b'A', b'Z')]));
            Hir::class(Class::Bytes(class))
        }
        leaf => rebuilt(leaf),
    })
}

/// The `(#name? @capture "string" …)` predicates in one pattern's source, comments and
/// string contents skipped.
fn predicates(source: &str) -> Vec<Predicate> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b';' => i = source[i..].find('\n').map_or(bytes.len(), |n| i + n),
            b'"' => i = read_string(source, i).1,
            b'(' if bytes.get(i + 1) == Some(&b'#') => {
                let (predicate, end) = read_predicate(source, i + 2);
                out.extend(predicate);
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Reads a predicate from just after its `(#` to its closing parenthesis; returns it when
/// it names exactly one capture, and the index after the `)`.
fn read_predicate(source: &str, start: usize) -> (Option<Predicate>, usize) {
    let bytes = source.as_bytes();
    let name_end = source[start..]
        .find(|c: char| c.is_whitespace() || c == ')')
        .map_or(bytes.len(), |n| start + n);
    let name = source[start..name_end].to_string();
    let mut captures = Vec::new();
    let mut strings = Vec::new();
    let mut i = name_end;
    while i < bytes.len() {
        match bytes[i] {
            b')' => {
                i += 1;
                break;
            }
            b'"' => {
                let (string, end) = read_string(source, i);
                strings.push(string);
                i = end + 1;
            }
            b'@' => {
                let end = source[i + 1..]
                    .find(|c: char| c.is_whitespace() || c == ')')
                    .map_or(bytes.len(), |n| i + 1 + n);
                captures.push(source[i + 1..end].to_string());
                i = end;
            }
            _ => i += 1,
        }
    }
    let predicate = match captures.as_slice() {
        [capture] => Some(Predicate {
            name,
            capture: capture.clone(),
            strings,
        }),
        _ => None,
    };
    (predicate, i)
}

/// The string literal opening at `start` (a `"`), unescaped as tree-sitter does, and the
/// index of its closing quote.
fn read_string(source: &str, start: usize) -> (String, usize) {
    let mut out = String::new();
    let mut chars = source[start + 1..].char_indices();
    while let Some((offset, c)) = chars.next() {
        match c {
            '"' => return (out, start + 1 + offset),
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, 't')) => out.push('\t'),
                Some((_, '0')) => out.push('\0'),
                Some((_, other)) => out.push(other),
                None => break,
            },
            c => out.push(c),
        }
    }
    (out, source.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gated(source: &str, gate: &QueryOnly) -> Requirements {
        let language: tree_sitter::Language = tree_sitter_python::LANGUAGE.into();
        tree_sitter::Query::new(&language, source).expect("query compiles");
        Requirements::of(source, gate, LanguageId::Python).expect("a query shape knows")
    }

    fn requirements(source: &str) -> Requirements {
        gated(source, &QueryOnly::ANY_MATCH)
    }

    impl Requirements {
        fn admits(&self, text: &str) -> bool {
            self.admit(Haystack {
                text,
                comments: None,
                strings: None,
            })
        }

        /// What `text` is found to hold of the needles, all of them asked for at once.
        fn found_in<'t>(&self, text: &'t str) -> (bool, Found<'_, 't>) {
            let hay = Haystack {
                text,
                comments: None,
                strings: None,
            };
            let mut found = Found::new(self, hay);
            let all: Vec<usize> = (0..self.needles.len()).collect();
            (found.hold_all(all.iter()), found)
        }
    }

    /// A node of code cannot start inside a string literal's content, so text that
    /// such a node must start with counts only outside string literals; text a
    /// string's own parts must hold counts inside them.
    #[test]
    fn code_demanded_inside_a_string_does_not_count() {
        let query = requirements(
            r#"((keyword_argument name: (identifier) @key value: (false))
               (#eq? @key "verify"))"#,
        );
        let docstring = "def f():\n    \"\"\"Call it with verify=True.\"\"\"\n    g(x=False)";
        let string = docstring.find('"').unwrap()..docstring.rfind('"').unwrap() + 1;
        let hay = |text| Haystack {
            text,
            comments: None,
            strings: Some(std::slice::from_ref(&string)),
        };
        assert!(!query.admit(hay(docstring)));
        // Without the strings known, the word counts wherever a token could start.
        assert!(query.admits(docstring));
        let real = "def f():\n    \"\"\"Call it with verify=True.\"\"\"\n    g(verify=False)";
        assert!(query.admit(hay(real)));

        let content =
            requirements(r#"((string (string_content) @content) (#eq? @content "verify"))"#);
        let text = "x = \"verify\"";
        let string = 4..text.len();
        assert!(content.admit(Haystack {
            text,
            comments: None,
            strings: Some(std::slice::from_ref(&string)),
        }));
    }

    /// The needles' texts are looked for in one pass: a text two needles share counts
    /// for both, and a predicate repeated across patterns is one needle.
    #[test]
    fn a_text_two_needles_share_counts_for_both() {
        let query = requirements(
            r#"((call function: (identifier) @f
                 arguments: (argument_list (keyword_argument name: (identifier) @key)))
               (#eq? @f "never_here") (#eq? @key "verify"))
               ((keyword_argument name: (identifier) @key value: (false))
               (#any-of? @key "verify" "ssl_verify"))
               ((keyword_argument name: (identifier) @key value: (true))
               (#any-of? @key "verify" "ssl_verify"))"#,
        );
        assert_eq!(
            query.needles.len(),
            3,
            "the repeated #any-of? is one needle"
        );
        let hay = |text| Haystack {
            text,
            comments: None,
            strings: None,
        };
        assert_eq!(
            query.possible(hay("get(url, verify=False)")),
            [false, true, true]
        );
        assert!(query.admits("get(url, verify=False)"));
        assert!(query.admits("get(url, ssl_verify=False)"));
        // Inside a longer word, no node can hold the text.
        assert!(!query.admits("get(url, xverify=False)"));
    }

    #[test]
    fn a_pattern_needs_the_text_its_predicates_name() {
        let query = requirements(
            r#"((keyword_argument name: (identifier) @key value: (false))
               (#eq? @key "verify"))"#,
        );
        assert!(query.admits("get(url, verify=False)"));
        assert!(!query.admits("get(url, timeout=3)"));
    }

    #[test]
    fn match_patterns_lose_their_anchors_and_keep_their_case_rules() {
        let query = requirements(
            r#"((identifier) @fn (#match? @fn "^(?i)cors$"))
               ((identifier) @x (#any-of? @x "alpha" "beta"))"#,
        );
        assert!(query.admits("flask_cors.CORS(app)"));
        assert!(query.admits("x = beta"));
        assert!(!query.admits("origin = request.origin"));
    }

    /// The needle of a `#match?` takes any non-ASCII character where the pattern has a
    /// class (`\w`, the long `ſ` that `(?i)s` holds): wider than the predicate, never
    /// narrower, so a file whose identifiers are not ASCII still counts.
    #[test]
    fn match_patterns_keep_every_character_their_classes_hold() {
        let query = requirements(
            r#"((identifier) @fn (#match? @fn "^(?i)cors_\\w+$"))
               ((identifier) @x (#match? @x "^[a-zé]+_origin$"))"#,
        );
        assert!(query.admits("cors_straße = 1"));
        assert!(query.admits("CORſ_x = 1"));
        assert!(query.admits("café_origin = 1"));
        assert!(!query.admits("cors = 1"));
        assert!(!query.admits("CAFE_origin = 1"));
    }

    /// A node's text starts and ends at token edges: `verify` inside `verify_token` or
    /// `lossless` is no `verify` node, nor is a `^`-anchored match inside a word. Where a
    /// token of its own can end on a word character (an escape, a number), the next may
    /// start right after it.
    #[test]
    fn demanded_text_counts_only_at_the_edges_of_a_token() {
        let query = requirements(
            r#"((identifier) @key (#any-of? @key "verify" "ssl"))
               ((identifier) @fn (#match? @fn "^(?i)cors"))"#,
        );
        assert!(!query.admits("def verify_token(): lossless = unverify"));
        assert!(!query.admits("flask_cors = 1; xcors()"));
        let whole =
            requirements(r#"((identifier) @key (#match? @key "^[\"']?(origin|origins)[\"']?$"))"#);
        assert!(!whole.admits("const originalFn = location.originsX;"));
        assert!(whole.admits("const o = location.origin;"));
        assert!(whole.admits("{ origins: [] }"));
        assert!(whole.admits("x = {\"origin\"in y}"));
        assert!(whole.admits("origin"));
        assert!(query.admits("get(url, verify=False)"));
        assert!(query.admits("(ssl)"));
        assert!(query.admits("CORS_app(x)"));
        assert!(query.admits(r#"print("\nverify")"#));
        assert!(query.admits("x = 1if ssl else 2"));
        assert!(query.admits("x = \\x41ssl"));
    }

    /// No node but a comment starts inside a comment, so text a predicate demands of a
    /// node's start does not count there; unanchored patterns may match inside a node
    /// that holds a comment, so they count anywhere.
    #[test]
    fn demanded_text_in_a_comment_does_not_count_where_the_node_starts() {
        let source = r#"((identifier) @key (#eq? @key "verify"))
               ((call) @call (#match? @call "insecure"))"#;
        let text = "# verify and insecure, in a comment\nx = 1\n";
        let comment: Vec<Range<usize>> = std::iter::once(0..text.find('\n').unwrap()).collect();
        let hay = |comments| Haystack {
            text,
            comments,
            strings: None,
        };
        let exact = requirements(r#"((identifier) @key (#eq? @key "verify"))"#);
        assert!(exact.admit(hay(None)));
        assert!(!exact.admit(hay(Some(comment.as_slice()))));
        assert!(requirements(source).admit(hay(Some(comment.as_slice()))));
    }

    #[test]
    fn predicates_on_optional_captures_demand_nothing_unless_a_clause_needs_them() {
        let source = r#"(call
                 function: (identifier) @sink
                 arguments: (argument_list [(identifier) (attribute) @request] @target)
                 (#eq? @sink "redirect")
                 (#match? @request "^request\\.args"))"#;
        assert!(requirements(source).admits("redirect(next)"));
        let target = QueryOnly {
            clauses: &[&["target"]],
            captures: &[],
        };
        assert!(gated(source, &target).admits("redirect(next)"));
        let request = QueryOnly {
            clauses: &[&["target"], &["request"]],
            captures: &[],
        };
        assert!(!gated(source, &request).admits("redirect(next)"));
        assert!(gated(source, &request).admits("redirect(request.args['next'])"));
    }

    #[test]
    fn the_rules_own_demands_of_a_capture_count_where_the_capture_is() {
        let source = r#"((assignment left: (identifier) @key right: (string) @origin)
               (#match? @key "(?i)origins?$"))"#;
        let gate = QueryOnly {
            clauses: &[],
            captures: &[("origin", "localhost")],
        };
        assert!(!gated(source, &gate).admits("ALLOWED_ORIGINS = ['https://app.example']"));
        assert!(gated(source, &gate).admits("ALLOWED_ORIGINS = ['http://localhost:3000']"));
    }

    #[test]
    fn negated_predicates_and_comments_demand_nothing() {
        let query = requirements(
            r#"; (#eq? @fn "nowhere")
               ((identifier) @fn (#not-eq? @fn "skip") (#match? @fn "\\(#eq"))"#,
        );
        assert!(query.admits("(#eq"));
        assert!(!query.admits("nowhere"));
    }

    /// A callee's name is followed by its arguments, a key by its `:`, a keyword
    /// argument's name by its `=`: the same word anywhere else holds no such node.
    /// White space, a comment or a line continuation may come between.
    #[test]
    fn a_node_is_followed_by_what_its_place_puts_after_it() {
        let call = requirements(
            r#"((call function: [(identifier) @f (attribute attribute: (identifier) @f)])
               (#eq? @f "redirect"))"#,
        );
        assert!(call.admits("return redirect(url)"));
        assert!(call.admits("return flask.redirect (url)"));
        assert!(call.admits("return redirect  # where to\n    (url)"));
        assert!(call.admits("return redirect \\\n(url)"));
        assert!(!call.admits("target = redirect.url"));
        assert!(!call.admits("redirect = None"));
        assert!(
            !call.admits("import redirect"),
            "nothing follows at the end"
        );

        let keyword = requirements(
            r#"((keyword_argument name: (identifier) @k value: (false)) (#eq? @k "verify"))"#,
        );
        assert!(keyword.admits("get(url, verify = False)"));
        assert!(!keyword.admits("verify(cert)\nget(url, check=False)"));

        // A `#match?` that says where the node ends: each end it allows is tried.
        let key = requirements(
            r#"((pair key: (string) @k value: (string)) (#match? @k "^[\"']?origins?[\"']?$"))"#,
        );
        assert!(key.admits(r#"CORS = {"origins" : "*"}"#));
        assert!(key.admits("CORS = {'origin': '*'}"));
        assert!(!key.admits(r#"names = {"origins", "hosts"}"#));
        assert!(!key.admits(r#"name = "origin""#));
    }

    /// JavaScript's callees: optional calls, type arguments, tagged templates, and a
    /// non-ASCII character that may be white space.
    #[test]
    fn a_javascript_callee_is_followed_by_its_arguments() {
        let source = r#"((call_expression
               function: [(identifier) @f (member_expression property: (property_identifier) @f)])
             (#eq? @f "location"))"#;
        let javascript: tree_sitter::Language = tree_sitter_javascript::LANGUAGE.into();
        tree_sitter::Query::new(&javascript, source).expect("query compiles");
        let query = Requirements::of(source, &QueryOnly::ANY_MATCH, LanguageId::JavaScript)
            .expect("a query shape knows");
        for called in [
            "res.location(next)",
            "res.location?.(next)",
            "res.location<string>(next)",
            "location`next`",
            "location /* to */ (next)",
            "location\u{a0}(next)",
        ] {
            assert!(query.admits(called), "{called}");
        }
        for other in ["return location.origin", "const { location } = window"] {
            assert!(!query.admits(other), "{other}");
        }
    }

    /// An argument is followed by a comma or the closing parenthesis.
    #[test]
    fn an_argument_is_followed_by_a_comma_or_the_end_of_the_list() {
        let source = r#"((call_expression
               function: (member_expression property: (property_identifier) @set)
               arguments: (arguments . (string) @header))
             (#eq? @set "set")
             (#match? @header "^[\"'][Ll]ocation[\"']$"))"#;
        let javascript: tree_sitter::Language = tree_sitter_javascript::LANGUAGE.into();
        tree_sitter::Query::new(&javascript, source).expect("query compiles");
        let query = Requirements::of(source, &QueryOnly::ANY_MATCH, LanguageId::JavaScript)
            .expect("a query shape knows");
        assert!(query.admits(r#"res.set("Location", next)"#));
        assert!(query.admits(r#"res.set( 'location' /* the header */ , next)"#));
        assert!(query.admits(r#"res.set("Location")"#));
        assert!(!query.admits(r#"params.set(key, value); if ("location" in globalThis) {}"#));
    }

    /// A pattern's regexes are tried in `Needle::rank`'s order: one that says what
    /// follows its node, then the shorter ones; once one fails, the rest are not run.
    #[test]
    fn the_likeliest_regex_to_fail_runs_first() {
        let query = requirements(
            r#"((pair key: (string) @key value: (lambda) @a_callback)
               (#match? @a_callback "^lambda \\w+, \\w+: \\w+\\(None, True\\)$")
               (#match? @key "^[\"']origin[\"']$"))"#,
        );
        let (holds, found) = query.found_in("origin = request.headers['origin']");
        assert!(!holds);
        let settled: Vec<bool> = found.known.iter().map(Option::is_some).collect();
        let key = query
            .needles
            .iter()
            .position(|n| n.next.is_some())
            .expect("the key's needle knows what follows it");
        assert_eq!(found.known[key], Some(false));
        assert_eq!(
            settled.iter().filter(|s| **s).count(),
            1,
            "the callback's regex never ran"
        );
    }

    /// Each text is looked for on its own, the longest (rarest) first: a pattern whose
    /// long word is missing fails without the file being searched for its short one.
    /// Every occurrence is tried until one sits where a node can start.
    #[test]
    fn texts_are_looked_for_one_by_one_the_longest_first() {
        let query = requirements(
            r#"((call function: (identifier) @f
                 arguments: (argument_list (identifier) @x))
               (#eq? @f "set") (#eq? @x "rejectUnauthorized"))"#,
        );
        let (holds, found) = query.found_in("set(a); reset(b)");
        assert!(!holds);
        let text_of = |n: &Needle| match &n.kind {
            NeedleKind::AnyOf(texts) => texts.join("|"),
            NeedleKind::Pattern(_) | NeedleKind::Followed(_) => String::new(),
        };
        let settled: Vec<(String, Option<bool>)> = query
            .needles
            .iter()
            .zip(&found.known)
            .map(|(n, known)| (text_of(n), *known))
            .collect();
        assert_eq!(
            settled,
            vec![
                ("set".to_string(), None),
                ("rejectUnauthorized".to_string(), Some(false))
            ]
        );
        assert!(query.admits("reset(x); subset; set(rejectUnauthorized)"));
        assert!(!query.admits("reset(rejectUnauthorized); subset = 1"));
    }

    /// An occurrence inside a run of word characters is no token's start, but the run
    /// is read back only `WORD_RUN_LIMIT` bytes: past that, the occurrence may start a
    /// node. Reading every run back whole made `setsetset…` quadratic (minutes for
    /// 1.8 MB).
    #[test]
    fn a_long_run_of_word_characters_is_read_back_only_so_far() {
        let query = requirements(r#"((identifier) @f (#eq? @f "set"))"#);
        assert!(!query.admits("reset(1); subset = 2"));
        let short = format!("{}set(1)", "a".repeat(WORD_RUN_LIMIT - 1));
        assert!(!query.admits(&short));
        let long = format!("{}set(1)", "a".repeat(WORD_RUN_LIMIT));
        assert!(query.admits(&long));
        assert!(query.admits(&"set".repeat(100_000)));
    }

    /// A key's value is looked for right after the key, past the separator the grammar
    /// puts between them: a file with `verify=verify` and a `False` elsewhere cannot
    /// match `verify=False`. A comment between them is not read past: the file may
    /// match.
    #[test]
    fn a_value_is_looked_for_right_after_its_key() {
        let query = requirements(
            r#"((call arguments: (argument_list
                  (keyword_argument name: (identifier) @key value: (_) @value)))
               (#any-of? @key "verify" "ssl") (#eq? @value "False"))
              ((assignment left: (attribute attribute: (identifier) @key) right: (_) @value)
               (#eq? @key "verify") (#match? @value "^(False|0)$"))"#,
        );
        for text in [
            "get(url, verify=False)",
            "get(url, ssl = False)",
            "get(url,\n    verify=\n    False,\n)",
            "get(url, verify=  # not now\n    False)",
            "s.verify = False",
            "s.verify=0",
            "s.verify: bool = False",
        ] {
            assert!(query.admits(text), "{text:?}");
        }
        for text in [
            "get(url, verify=verify)\nx = False",
            "get(url, verify=Falsehood)",
            "if verify == other: ok = False",
            "s.verify = verify\nt.ssl_ok = False",
            "verify(False)",
        ] {
            assert!(!query.admits(text), "{text:?}");
        }
    }

    /// The pairing needs one node holding both: a key and a value in two different
    /// keyword arguments are not paired, and a file then needs each needle only.
    #[test]
    fn a_key_and_a_value_of_two_nodes_are_not_paired() {
        let query = requirements(
            r#"((argument_list
                  (keyword_argument name: (identifier) @key)
                  (keyword_argument value: (_) @value))
               (#eq? @key "verify") (#eq? @value "False"))"#,
        );
        assert!(!query
            .needles
            .iter()
            .any(|n| matches!(n.kind, NeedleKind::Followed(_))));
        assert!(query.admits("get(verify=verify, ssl=False)"));
    }

    /// A `#match?` that ignores the case of every letter it names is run, lower-cased,
    /// over the file's lowered text: it finds the same matches at the same offsets. One
    /// that names a letter in one case only is run as written.
    #[test]
    fn a_case_blind_regex_runs_over_the_lowered_text() {
        let needle = |pattern: &str| {
            Predicate {
                name: "match?".into(),
                capture: "k".into(),
                strings: vec![pattern.into()],
            }
            .needle()
            .expect("a needle")
        };
        let blind = needle(r#"^["']?(?i:origins?|allow_?origins?|cors)["']?$"#);
        let NeedleKind::Pattern(regex) = &blind.kind else {
            panic!("a pattern needle");
        };
        let folded = blind.folded.as_ref().expect("a folded regex");
        for text in [
            "const o = { ORIGIN: x, Allow_Origins: [], 'cOrS': 1 }",
            "originsorigin Origins\u{212A} ſtrict\"Origin\" allow_origin",
            "nothing here",
        ] {
            let lowered = text.to_ascii_lowercase();
            let spans = |regex: &Lazy, text: &str| -> Vec<(usize, usize)> {
                let regex = regex.get().expect("compiles");
                (0..text.len())
                    .filter(|at| text.is_char_boundary(*at))
                    .filter_map(|at| regex.find_at(text, at).map(|m| (m.start(), m.end())))
                    .collect()
            };
            assert_eq!(spans(regex, text), spans(folded, &lowered), "{text:?}");
        }
        // A letter in one case only, or a case-blind regex with no letter: as written.
        assert!(needle("^Origin$").folded.is_none());
        assert!(needle("^(?i:o)rigin$").folded.is_none());
        assert!(needle("^[*]$").folded.is_none());
        // The admission is the same either way.
        let query = requirements(
            r#"((pair key: (string) @k) (#match? @k "^[\"'](?i:allow_origins)[\"']$"))"#,
        );
        assert!(query.needles.iter().any(|n| n.folded.is_some()));
        assert!(query.admits("{'ALLOW_ORIGINS': ['*']}"));
        assert!(!query.admits("{'ALLOW_ORIGIN': ['*']}"));
    }

    /// A needle's regex is compiled when a file first needs it, not with the query's
    /// demands: a pattern whose text is missing never compiles its regexes.
    #[test]
    fn a_regex_is_compiled_only_when_a_file_needs_it() {
        let query = requirements(
            r#"((call function: (identifier) @f arguments: (argument_list (string) @url))
               (#eq? @f "fetch_insecurely") (#match? @url "^.http://[a-z]+"))"#,
        );
        let compiled = |query: &Requirements| {
            query.needles.iter().any(|n| match &n.kind {
                NeedleKind::Pattern(regex) => regex.regex.get().is_some(),
                NeedleKind::AnyOf(_) | NeedleKind::Followed(_) => false,
            })
        };
        assert!(!query.admits("get('http://example.com')"));
        assert!(!compiled(&query));
        assert!(query.admits("fetch_insecurely('http://example')"));
        assert!(compiled(&query));
    }
}
