//! What a file must hold for a query to match in it: the text its `#eq?`, `#any-of?`
//! and `#match?` predicates demand of the captures a match always has. The engine reads
//! these before it parses, so that a file a rule cannot fire in is never parsed for it.

use aho_corasick::AhoCorasick;
use regex::Regex;
use regex_syntax::hir::{Hir, HirKind};
use tree_sitter::{CaptureQuantifier, Query};

use crate::rules::QueryOnly;

/// Text a capture's node must hold; a node's text is part of the file's, so the file
/// must hold it too.
enum Needle {
    /// `#eq?`: the exact text.
    Literal(String),
    /// `#any-of?`: one of these texts.
    AnyOf(AhoCorasick),
    /// `#match?`: the pattern with its anchors and word boundaries dropped, which a
    /// node's boundaries satisfy but the file around it need not.
    Pattern(Regex),
}

impl Needle {
    fn found_in(&self, text: &str) -> bool {
        match self {
            Needle::Literal(literal) => text.contains(literal.as_str()),
            Needle::AnyOf(automaton) => automaton.is_match(text),
            Needle::Pattern(regex) => regex.is_match(text),
        }
    }
}

/// One capture of one pattern: whether every match has it, and the needles of the
/// predicates on it.
struct Capture {
    index: u32,
    always: bool,
    needles: Vec<usize>,
}

/// What each pattern of one compiled query demands of a file.
pub struct Requirements {
    needles: Vec<Needle>,
    /// Per pattern, the captures it has (in some match at least).
    patterns: Vec<Vec<Capture>>,
    /// The gate's clauses, as capture indexes (a name the query lacks is left out).
    clauses: Vec<Vec<u32>>,
}

impl Requirements {
    /// Reads the predicates of each pattern of `query`, compiled from `source`, and
    /// what the rule's code demands of them (`gate`).
    pub fn of(query: &Query, source: &str, gate: &QueryOnly) -> Requirements {
        let names: Vec<String> = query
            .capture_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        let mut needles = Vec::new();
        // The rule's own demands of a capture's text, wherever the capture is.
        let demanded: Vec<(&str, usize)> = gate
            .captures
            .iter()
            .filter_map(|(capture, pattern)| {
                let regex = Regex::new(pattern).ok()?;
                needles.push(Needle::Pattern(regex));
                Some((*capture, needles.len() - 1))
            })
            .collect();
        let mut patterns = Vec::with_capacity(query.pattern_count());
        for pattern in 0..query.pattern_count() {
            let quantifiers = query.capture_quantifiers(pattern);
            let mut captures: Vec<Capture> = quantifiers
                .iter()
                .enumerate()
                .filter(|(_, q)| **q != CaptureQuantifier::Zero)
                .map(|(index, q)| Capture {
                    index: index as u32,
                    always: matches!(q, CaptureQuantifier::One | CaptureQuantifier::OneOrMore),
                    needles: demanded
                        .iter()
                        .filter(|(capture, _)| *capture == names[index])
                        .map(|(_, needle)| *needle)
                        .collect(),
                })
                .collect();
            let text = source
                .get(query.start_byte_for_pattern(pattern)..query.end_byte_for_pattern(pattern))
                .unwrap_or("");
            for predicate in predicates(text) {
                let Some(needle) = predicate.needle() else {
                    continue;
                };
                let Some(capture) = captures
                    .iter_mut()
                    .find(|c| names[c.index as usize] == predicate.capture)
                else {
                    continue;
                };
                capture.needles.push(needles.len());
                needles.push(needle);
            }
            patterns.push(captures);
        }
        Requirements {
            needles,
            patterns,
            clauses: gate
                .clauses
                .iter()
                .map(|clause| {
                    clause
                        .iter()
                        .filter_map(|name| query.capture_index_for_name(name))
                        .collect()
                })
                .collect(),
        }
    }

    /// Whether `text` can hold the matches a finding needs: per clause of the gate, a
    /// match with one of its captures (each clause may be met by another match); with no
    /// clauses, any match. `false` means no such match can exist in `text`.
    pub fn admit(&self, text: &str) -> bool {
        let mut known: Vec<Option<bool>> = vec![None; self.needles.len()];
        let mut holds = |needle: usize| {
            *known[needle].get_or_insert_with(|| self.needles[needle].found_in(text))
        };
        let mut pattern_holds = |captures: &[Capture], with: Option<u32>| {
            captures
                .iter()
                .filter(|c| c.always || Some(c.index) == with)
                .all(|c| c.needles.iter().all(|n| holds(*n)))
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
        match (self.name.as_str(), self.strings.as_slice()) {
            ("eq?" | "any-eq?", [literal]) => Some(Needle::Literal(literal.clone())),
            ("any-of?", literals) if !literals.is_empty() => {
                AhoCorasick::new(literals).ok().map(Needle::AnyOf)
            }
            ("match?" | "any-match?", [pattern]) => {
                let hir = regex_syntax::parse(pattern).ok()?;
                Regex::new(&without_looks(hir).to_string())
                    .ok()
                    .map(Needle::Pattern)
            }
            _ => None,
        }
    }
}

/// `hir` with every look-around assertion (`^`, `$`, `\b`) replaced by nothing: what
/// matches a node's text then matches the file, wherever the node sits in it.
fn without_looks(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Repetition(mut repetition) => {
            repetition.sub = Box::new(without_looks(*repetition.sub));
            Hir::repetition(repetition)
        }
        HirKind::Capture(mut capture) => {
            capture.sub = Box::new(without_looks(*capture.sub));
            Hir::capture(capture)
        }
        HirKind::Concat(parts) => Hir::concat(parts.into_iter().map(without_looks).collect()),
        HirKind::Alternation(parts) => {
            Hir::alternation(parts.into_iter().map(without_looks).collect())
        }
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
    }
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
        let query = Query::new(&language, source).expect("query compiles");
        Requirements::of(&query, source, gate)
    }

    fn requirements(source: &str) -> Requirements {
        gated(source, &QueryOnly::ANY_MATCH)
    }

    #[test]
    fn a_pattern_needs_the_text_its_predicates_name() {
        let query = requirements(
            r#"((keyword_argument name: (identifier) @key value: (false))
               (#eq? @key "verify"))"#,
        );
        assert!(query.admit("get(url, verify=False)"));
        assert!(!query.admit("get(url, timeout=3)"));
    }

    #[test]
    fn match_patterns_lose_their_anchors_and_keep_their_case_rules() {
        let query = requirements(
            r#"((identifier) @fn (#match? @fn "^(?i)cors$"))
               ((identifier) @x (#any-of? @x "alpha" "beta"))"#,
        );
        assert!(query.admit("flask_cors.CORS(app)"));
        assert!(query.admit("x = beta_value"));
        assert!(!query.admit("origin = request.origin"));
    }

    #[test]
    fn predicates_on_optional_captures_demand_nothing_unless_a_clause_needs_them() {
        let source = r#"(call
                 function: (identifier) @sink
                 arguments: (argument_list [(identifier) (attribute) @request] @target)
                 (#eq? @sink "redirect")
                 (#match? @request "^request\\.args"))"#;
        assert!(requirements(source).admit("redirect(next)"));
        let target = QueryOnly {
            clauses: &[&["target"]],
            captures: &[],
        };
        assert!(gated(source, &target).admit("redirect(next)"));
        let request = QueryOnly {
            clauses: &[&["target"], &["request"]],
            captures: &[],
        };
        assert!(!gated(source, &request).admit("redirect(next)"));
        assert!(gated(source, &request).admit("redirect(request.args['next'])"));
    }

    #[test]
    fn the_rules_own_demands_of_a_capture_count_where_the_capture_is() {
        let source = r#"((assignment left: (identifier) @key right: (string) @origin)
               (#match? @key "(?i)origins?$"))"#;
        let gate = QueryOnly {
            clauses: &[],
            captures: &[("origin", "localhost")],
        };
        assert!(!gated(source, &gate).admit("ALLOWED_ORIGINS = ['https://app.example']"));
        assert!(gated(source, &gate).admit("ALLOWED_ORIGINS = ['http://localhost:3000']"));
    }

    #[test]
    fn negated_predicates_and_comments_demand_nothing() {
        let query = requirements(
            r#"; (#eq? @fn "nowhere")
               ((identifier) @fn (#not-eq? @fn "skip") (#match? @fn "\\(#eq"))"#,
        );
        assert!(query.admit("(#eq"));
        assert!(!query.admit("nowhere"));
    }
}
