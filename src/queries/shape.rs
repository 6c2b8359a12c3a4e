//! A query's patterns read from its source, without compiling it: where each pattern
//! lies and which captures every one of its matches has. Compiling a query costs up to
//! half a second in the larger grammars, and deciding that a file needs no parse must
//! not pay it. This reads the query grammar as tree-sitter's `query.c` does;
//! `queries::tests` holds it to the compiled query for every language and rule.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// One top-level pattern: its bytes in the source (from its first character to the
/// next pattern's, as tree-sitter counts them), and per capture name whether every
/// match of the pattern has it (not under `?` or `*`, and in every branch of each
/// alternation around it).
#[derive(Debug, PartialEq, Eq)]
pub struct Pattern {
    pub range: Range<usize>,
    pub captures: BTreeMap<String, bool>,
    /// Per capture name, the kinds of node it can hold (`None`: any).
    pub kinds: BTreeMap<String, Kinds>,
    /// Per capture name, every place in the pattern where it is captured.
    pub places: BTreeMap<String, Vec<Place>>,
    /// The kinds of node a match can be rooted at (`None`: any, or a sequence of
    /// siblings, which is rooted at their parent).
    pub roots: Kinds,
}

/// Where a capture sits in its pattern: the field it fills in its parent node, and the
/// same for the parent in the grandparent. `None` where the pattern does not say (no
/// field, a wildcard parent, or the pattern's top).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    pub field: Option<String>,
    pub parent: Option<String>,
    pub parent_field: Option<String>,
    pub grandparent: Option<String>,
    /// Which node of the pattern the parent is (named nodes numbered in the order
    /// they open): two captures with the same number are children of one node.
    pub parent_at: Option<usize>,
    /// The same for the grandparent.
    pub grandparent_at: Option<usize>,
}

/// A named node whose children are being read, and the field it fills in its parent.
struct Frame {
    kind: Option<String>,
    field: Option<String>,
    /// The node's number in its pattern (`Place::parent_at`).
    at: usize,
}

/// The node kinds a pattern can match, by name: `None` for any node (`_`, `(_)`, a
/// grouped sequence, an anonymous `"token"`).
pub type Kinds = Option<BTreeSet<String>>;

fn union(a: Kinds, b: Kinds) -> Kinds {
    match (a, b) {
        (Some(mut a), Some(b)) => {
            a.extend(b);
            Some(a)
        }
        _ => None,
    }
}

/// The patterns of `source`, or `None` when it is not a query this reader knows (the
/// compiler would reject it too, or it uses a form our queries do not).
pub fn patterns(source: &str) -> Option<Vec<Pattern>> {
    let mut reader = Reader {
        bytes: source.as_bytes(),
        at: 0,
        kinds: BTreeMap::new(),
        places: BTreeMap::new(),
        frames: Vec::new(),
        opened: 0,
        field: None,
        group: None,
    };
    reader.skip_blank();
    let mut out = Vec::new();
    while reader.at < reader.bytes.len() {
        let start = reader.at;
        reader.group = None;
        reader.opened = 0;
        let (captures, kinds) = reader.pattern()??;
        out.push(Pattern {
            range: start..reader.at,
            captures,
            kinds: std::mem::take(&mut reader.kinds),
            places: std::mem::take(&mut reader.places),
            roots: match reader.group.take() {
                // The pattern is a group: `((call) @c (#eq? …))`.
                Some(single) if source[start..].starts_with('(') => single,
                _ => kinds,
            },
        });
    }
    Some(out)
}

type Captures = BTreeMap<String, bool>;

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The node kinds of the captures read so far in the current pattern.
    kinds: BTreeMap<String, Kinds>,
    /// The places of the captures read so far in the current pattern.
    places: BTreeMap<String, Vec<Place>>,
    /// The named nodes around the pattern being read, outermost first.
    frames: Vec<Frame>,
    /// How many named nodes the current pattern has opened so far.
    opened: usize,
    /// The field the next pattern read fills (`name: pattern`).
    field: Option<String>,
    /// For a top-level group, the kinds of its one pattern (`Some(None)`: several, or
    /// one that matches any node): `((call) @c (#eq? …))` is rooted at `call`.
    group: Option<Kinds>,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips white space and `;` comments.
    fn skip_blank(&mut self) {
        while let Some(b) = self.peek() {
            if b.is_ascii_whitespace() {
                self.at += 1;
            } else if b == b';' {
                while self.peek().is_some_and(|b| b != b'\n') {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    fn at_identifier(&self) -> bool {
        self.peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    }

    /// Reads an identifier (a node, field or capture name); empty when none starts here.
    fn identifier(&mut self) -> &str {
        let start = self.at;
        if self.at_identifier() {
            self.at += 1;
            while self
                .peek()
                .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            {
                self.at += 1;
            }
        }
        std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or("")
    }

    /// Skips a string literal opening here, escapes and all.
    fn string(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                b'\\' => self.at += 2,
                _ => self.at += 1,
            }
        }
    }

    /// One pattern and its suffixes, with the kinds of node it matches; `Some(None)`
    /// at a closing `)` or `]` (the enclosing group ends), `None` on a syntax this
    /// reader does not know.
    fn pattern(&mut self) -> Option<Option<(Captures, Kinds)>> {
        let mut captures = Captures::new();
        let mut kinds: Kinds = None;
        // The field this pattern fills: its alternatives fill it too, its children not.
        let field = self.field.take();
        match self.peek()? {
            b')' | b']' => return Some(None),
            b'[' => {
                self.at += 1;
                self.skip_blank();
                let mut branches: Option<(Captures, Kinds)> = None;
                loop {
                    self.field.clone_from(&field);
                    let Some(branch) = self.pattern()? else {
                        self.field = None;
                        if self.peek() == Some(b']') && branches.is_some() {
                            self.at += 1;
                            break;
                        }
                        return None;
                    };
                    branches = Some(match branches {
                        None => branch,
                        Some(before) => (join(before.0, branch.0), union(before.1, branch.1)),
                    });
                }
                (captures, kinds) = branches?;
            }
            b'(' => {
                self.at += 1;
                self.skip_blank();
                match self.peek()? {
                    b'(' | b'"' | b'[' => {
                        // A grouped sequence of siblings.
                        let top = self.frames.is_empty() && self.group.is_none();
                        let (read, single) = self.children()?;
                        captures = read;
                        if top {
                            self.group = Some(single);
                        }
                    }
                    b'.' | b'#' => {
                        // A predicate: it captures nothing, and takes no suffixes.
                        self.predicate()?;
                        return Some(Some((captures, None)));
                    }
                    _ => {
                        // A named node (`name` or `supertype/name`) and its children.
                        let mut name = self.identifier().to_string();
                        if name.is_empty() {
                            return None;
                        }
                        if self.peek() == Some(b'/') {
                            self.at += 1;
                            name = self.identifier().to_string();
                            if name.is_empty() {
                                return None;
                            }
                        }
                        self.frames.push(Frame {
                            kind: (name != "_").then(|| name.clone()),
                            field: field.clone(),
                            at: self.opened,
                        });
                        self.opened += 1;
                        if name != "_" {
                            kinds = Some(BTreeSet::from([name]));
                        }
                        self.skip_blank();
                        captures = self.children()?.0;
                        self.frames.pop();
                    }
                }
            }
            b'_' if !self
                .bytes
                .get(self.at + 1)
                .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')) =>
            {
                self.at += 1;
            }
            b'"' => self.string()?,
            _ if self.at_identifier() => {
                // A field: `name: pattern`.
                let name = self.identifier().to_string();
                self.skip_blank();
                if self.peek() != Some(b':') {
                    return None;
                }
                self.at += 1;
                self.skip_blank();
                self.field = Some(name);
                (captures, kinds) = self.pattern()??;
                // The field's pattern was captured in its place; captures after the
                // field's pattern are on the same node.
                return self.suffixes(captures, kinds, None);
            }
            _ => return None,
        }
        self.suffixes(captures, kinds, Some(field))
    }

    /// The quantifiers and captures after a pattern, `field` being the one it fills
    /// (`None`: it was read as a field's pattern, which recorded its own place).
    fn suffixes(
        &mut self,
        mut captures: Captures,
        kinds: Kinds,
        field: Option<Option<String>>,
    ) -> Option<Option<(Captures, Kinds)>> {
        self.skip_blank();
        let mut optional = false;
        loop {
            match self.peek() {
                Some(b'+') => self.at += 1,
                Some(b'*' | b'?') => {
                    optional = true;
                    self.at += 1;
                }
                Some(b'@') => {
                    self.at += 1;
                    let name = self.identifier().to_string();
                    if name.is_empty() {
                        return None;
                    }
                    let known = match self.kinds.remove(&name) {
                        Some(before) => union(before, kinds.clone()),
                        None => kinds.clone(),
                    };
                    self.kinds.insert(name.clone(), known);
                    if let Some(field) = &field {
                        let place = self.place(field.clone());
                        self.places.entry(name.clone()).or_default().push(place);
                    }
                    captures.insert(name, true);
                }
                _ => break,
            }
            self.skip_blank();
        }
        if optional {
            captures.values_mut().for_each(|always| *always = false);
        }
        Some(Some((captures, kinds)))
    }

    /// Where a node filling `field` of the innermost frame sits.
    fn place(&self, field: Option<String>) -> Place {
        let parent = self.frames.last();
        Place {
            field,
            parent: parent.and_then(|f| f.kind.clone()),
            parent_field: parent.and_then(|f| f.field.clone()),
            grandparent: self
                .frames
                .len()
                .checked_sub(2)
                .and_then(|at| self.frames[at].kind.clone()),
            parent_at: parent.map(|f| f.at),
            grandparent_at: self
                .frames
                .len()
                .checked_sub(2)
                .map(|at| self.frames[at].at),
        }
    }

    /// The children of a node or group up to and past its `)`: patterns, fields,
    /// negated fields (`!name`) and anchors (`.`); and the kinds of node the one
    /// pattern among them matches, when there is one (predicates aside).
    fn children(&mut self) -> Option<(Captures, Kinds)> {
        let mut captures = Captures::new();
        let mut patterns = 0;
        let mut single: Kinds = None;
        loop {
            match self.peek()? {
                b'!' => {
                    self.at += 1;
                    if self.identifier().is_empty() {
                        return None;
                    }
                    self.skip_blank();
                    continue;
                }
                b'.' => {
                    self.at += 1;
                    self.skip_blank();
                }
                _ => {}
            }
            let predicate = self.peek() == Some(b'(')
                && self.bytes[self.at + 1..]
                    .iter()
                    .find(|b| !b.is_ascii_whitespace())
                    .is_some_and(|b| matches!(b, b'#' | b'.'));
            let Some((child, kinds)) = self.pattern()? else {
                if self.peek() == Some(b')') {
                    self.at += 1;
                    return Some((captures, if patterns == 1 { single } else { None }));
                }
                return None;
            };
            if !predicate {
                patterns += 1;
                single = kinds;
            }
            add(&mut captures, child);
        }
    }

    /// Skips a predicate from just after its `(` to past its `)`.
    fn predicate(&mut self) -> Option<()> {
        loop {
            match self.peek()? {
                b')' => {
                    self.at += 1;
                    self.skip_blank();
                    return Some(());
                }
                b'"' => self.string()?,
                b';' => self.skip_blank(),
                _ => self.at += 1,
            }
        }
    }
}

/// Siblings: a capture is always there if some sibling always has it.
fn add(into: &mut Captures, from: Captures) {
    for (name, always) in from {
        *into.entry(name).or_insert(false) |= always;
    }
}

/// Alternatives: a capture is always there only if every branch always has it.
fn join(a: Captures, b: Captures) -> Captures {
    let mut out = Captures::new();
    for (name, always) in &a {
        out.insert(name.clone(), *always && b.get(name) == Some(&true));
    }
    for name in b.keys() {
        out.entry(name.clone()).or_insert(false);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(source: &str) -> Vec<(String, Vec<(&'static str, bool)>)> {
        patterns(source)
            .expect("a query this reader knows")
            .into_iter()
            .map(|p| {
                let captures = p
                    .captures
                    .into_iter()
                    .map(|(name, always)| (&*Box::leak(name.into_boxed_str()), always))
                    .collect();
                (source[p.range].trim().to_string(), captures)
            })
            .collect()
    }

    #[test]
    fn a_pattern_is_rooted_where_its_outermost_node_is() {
        let roots = |source: &str| -> Vec<Option<Vec<String>>> {
            patterns(source)
                .expect("a query this reader knows")
                .into_iter()
                .map(|p| p.roots.map(|kinds| kinds.into_iter().collect()))
                .collect()
        };
        let kinds = |names: &[&str]| Some(names.iter().map(|n| n.to_string()).collect());
        let source = r#"(call (args (string) @s)) @c
            ((assignment left: (identifier) @name) @setting (#eq? @name "x") (#set! parent "program"))
            ([(command (word) @w) (program (word) @w)] (#eq? @w "k"))
            [(a) (b (c))]
            ((a) . (b))
            ([((a) (b)) (c)] (#eq? @x "y"))
            (_ value: (identifier) @v)
            "token" @t"#;
        assert_eq!(
            roots(source),
            [
                kinds(&["call"]),
                kinds(&["assignment"]),
                kinds(&["command", "program"]),
                kinds(&["a", "b"]),
                None,
                None,
                None,
                None,
            ]
        );
    }

    #[test]
    fn optional_and_alternative_captures_are_not_always_there() {
        let source = r#"; a comment
            ((call function: (identifier) @fn
                   arguments: (args [(string) @s (identifier) @s (number) @n]?)) @call
             (#eq? @fn "get"))
            [(a) @x (b)] @both
            (c (d)+ @many (e)* @some)"#;
        assert_eq!(
            shape(source),
            [
                (
                    r#"((call function: (identifier) @fn
                   arguments: (args [(string) @s (identifier) @s (number) @n]?)) @call
             (#eq? @fn "get"))"#
                        .to_string(),
                    vec![("call", true), ("fn", true), ("n", false), ("s", false)]
                ),
                (
                    "[(a) @x (b)] @both".to_string(),
                    vec![("both", true), ("x", false)]
                ),
                (
                    "(c (d)+ @many (e)* @some)".to_string(),
                    vec![("many", true), ("some", false)]
                ),
            ]
        );
    }

    #[test]
    fn a_capture_in_every_branch_is_always_there() {
        assert_eq!(
            shape(r#"[(a) @x ((b) @x (c) @y) "d" @x]"#),
            [(
                r#"[(a) @x ((b) @x (c) @y) "d" @x]"#.to_string(),
                vec![("x", true), ("y", false)]
            )]
        );
    }

    #[test]
    fn captures_know_the_kinds_of_node_they_hold() {
        let source = r#"((keyword_argument
               name: (identifier) @key
               value: [(false) (none) (expression/string)] @value) @setting
             (string (string_content) @content)
             [(a) @x (_) @x]
             _ @any
             (#eq? @key "verify"))"#;
        let pattern = &patterns(source).expect("a query this reader knows")[0];
        let kinds = |name: &str| -> Option<Vec<String>> {
            pattern.kinds[name].clone().map(|k| k.into_iter().collect())
        };
        assert_eq!(kinds("key"), Some(vec!["identifier".to_string()]));
        assert_eq!(
            kinds("value"),
            Some(vec!["false".into(), "none".into(), "string".into()])
        );
        assert_eq!(kinds("setting"), Some(vec!["keyword_argument".into()]));
        assert_eq!(kinds("content"), Some(vec!["string_content".into()]));
        // A wildcard in any branch, or alone, can be any node.
        assert_eq!(kinds("x"), None);
        assert_eq!(kinds("any"), None);
    }

    /// A capture knows the field it fills and its parent's, for every place it is
    /// captured in: each branch of an alternation that fills a field fills it too.
    #[test]
    fn captures_know_where_they_sit() {
        let source = r#"((call_expression
               function: [
                 (identifier) @fn
                 (member_expression property: (property_identifier) @fn)
               ]
               arguments: (arguments (string) @arg))
             (#eq? @fn "redirect"))"#;
        let pattern = &patterns(source).expect("a query this reader knows")[0];
        let place = |field: Option<&str>,
                     (parent, at): (&str, usize),
                     parent_field: Option<&str>,
                     grand: Option<&str>| Place {
            field: field.map(String::from),
            parent: Some(parent.to_string()),
            parent_field: parent_field.map(String::from),
            grandparent: grand.map(String::from),
            parent_at: Some(at),
            grandparent_at: grand.map(|_| 0),
        };
        // Named nodes are numbered as they open: call_expression 0, identifier 1,
        // member_expression 2, property_identifier 3, arguments 4, string 5.
        assert_eq!(
            pattern.places["fn"],
            [
                place(Some("function"), ("call_expression", 0), None, None),
                place(
                    Some("property"),
                    ("member_expression", 2),
                    Some("function"),
                    Some("call_expression")
                ),
            ]
        );
        assert_eq!(
            pattern.places["arg"],
            [place(
                None,
                ("arguments", 4),
                Some("arguments"),
                Some("call_expression")
            )]
        );
        // The pattern's own node sits nowhere the pattern says.
        let top = &patterns("(pair key: (_) @key) @pair").expect("a query this reader knows")[0];
        assert_eq!(top.places["pair"], [Place::default()]);
        assert_eq!(
            top.places["key"],
            [place(Some("key"), ("pair", 0), None, None)]
        );
        // Two captures in one node share its number; in two nodes of a kind, they do not.
        let two = &patterns(
            "(argument_list (keyword_argument name: (_) @a) (keyword_argument value: (_) @b value: (_) @c))",
        )
        .expect("a query this reader knows")[0];
        let at = |name: &str| two.places[name][0].parent_at;
        assert_ne!(at("a"), at("b"));
        assert_eq!(at("b"), at("c"));
    }

    #[test]
    fn unknown_syntax_is_refused() {
        assert!(patterns("(a").is_none());
        assert!(patterns("(a))").is_none());
        assert!(patterns("(a field (b))").is_none());
    }
}
