//! The rules' tree-sitter queries, embedded from `queries/<language>/<rule>.scm`,
//! compiled once per language on first use, and run into plain owned matches.

use std::sync::OnceLock;

use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, Query, QueryCursor, Tree};

use crate::language::{registry, Language};
use crate::rules::{RuleId, ALL};

/// (query folder, rule, source). A language's query for a rule is the concatenation
/// of its folders' files (`Language::query_dirs`). Adding a language to a rule is
/// adding a line here and the `.scm` file.
const SOURCES: &[(&str, RuleId, &str)] = &[
    (
        "ecmascript",
        RuleId::HardcodedApiKey,
        include_str!("../queries/ecmascript/hardcoded_api_key.scm"),
    ),
    (
        "ecmascript",
        RuleId::ClientSideMufiAccess,
        include_str!("../queries/ecmascript/client_side_mufi_access.scm"),
    ),
    (
        "ecmascript",
        RuleId::PlainHttpUrl,
        include_str!("../queries/ecmascript/plain_http_url.scm"),
    ),
    (
        "ecmascript",
        RuleId::TlsVerificationDisabled,
        include_str!("../queries/ecmascript/tls_verification_disabled.scm"),
    ),
    (
        "javascript",
        RuleId::HardcodedApiKey,
        include_str!("../queries/javascript/hardcoded_api_key.scm"),
    ),
    (
        "typescript",
        RuleId::HardcodedApiKey,
        include_str!("../queries/typescript/hardcoded_api_key.scm"),
    ),
    (
        "python",
        RuleId::HardcodedApiKey,
        include_str!("../queries/python/hardcoded_api_key.scm"),
    ),
    (
        "python",
        RuleId::ClientSideMufiAccess,
        include_str!("../queries/python/client_side_mufi_access.scm"),
    ),
    (
        "python",
        RuleId::PlainHttpUrl,
        include_str!("../queries/python/plain_http_url.scm"),
    ),
    (
        "python",
        RuleId::TlsVerificationDisabled,
        include_str!("../queries/python/tls_verification_disabled.scm"),
    ),
];

/// A query match with capture names resolved, borrowing the tree.
#[derive(Clone, Debug)]
pub struct QueryMatchOwned<'tree> {
    pub pattern: usize,
    pub captures: Vec<(&'static str, Node<'tree>)>,
}

impl<'tree> QueryMatchOwned<'tree> {
    /// The first node captured under `name`.
    pub fn get(&self, name: &str) -> Option<Node<'tree>> {
        self.captures
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, node)| *node)
    }
}

struct Compiled {
    rule: RuleId,
    query: Query,
    names: Vec<&'static str>,
}

fn compiled(language: &'static Language) -> &'static [Compiled] {
    static CACHE: OnceLock<Vec<OnceLock<Vec<Compiled>>>> = OnceLock::new();
    let slots = CACHE.get_or_init(|| registry().iter().map(|_| OnceLock::new()).collect());
    let index = registry()
        .iter()
        .position(|l| l.id == language.id)
        .unwrap_or(0);
    slots[index].get_or_init(|| compile_for(language))
}

/// The query source of `rule` for `language`: its folders' files, concatenated.
fn source_for(language: &Language, rule: RuleId) -> Option<String> {
    let parts: Vec<&str> = language
        .query_dirs
        .iter()
        .flat_map(|dir| {
            SOURCES
                .iter()
                .filter(move |(d, r, _)| d == dir && *r == rule)
                .map(|(_, _, source)| *source)
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n"))
}

fn compile_for(language: &'static Language) -> Vec<Compiled> {
    let Some(grammar) = language.grammar() else {
        return Vec::new();
    };
    ALL.iter()
        .filter_map(|rule| {
            let source = source_for(language, *rule)?;
            match Query::new(&grammar, &source) {
                Ok(query) => {
                    let names = query
                        .capture_names()
                        .iter()
                        .map(|n| &*Box::leak(n.to_string().into_boxed_str()))
                        .collect();
                    Some(Compiled {
                        rule: *rule,
                        query,
                        names,
                    })
                }
                Err(err) => {
                    tracing::error!(
                        "the {} query does not compile for {}: {err}",
                        rule.name(),
                        language.name
                    );
                    None
                }
            }
        })
        .collect()
}

/// Runs `rule`'s query for `language` over the whole tree, or only over `scope`.
pub fn run<'tree>(
    language: &'static Language,
    rule: RuleId,
    tree: &'tree Tree,
    text: &str,
    scope: Option<&[std::ops::Range<usize>]>,
) -> Vec<QueryMatchOwned<'tree>> {
    let Some(compiled) = compiled(language).iter().find(|c| c.rule == rule) else {
        return Vec::new();
    };
    let mut cursor = QueryCursor::new();
    let mut out = Vec::new();
    let whole = 0..text.len();
    for range in scope.unwrap_or(std::slice::from_ref(&whole)) {
        cursor.set_byte_range(range.clone());
        let mut matches = cursor.matches(&compiled.query, tree.root_node(), text.as_bytes());
        while let Some(m) = matches.next() {
            out.push(QueryMatchOwned {
                pattern: m.pattern_index,
                captures: m
                    .captures()
                    .iter()
                    .map(|c| (compiled.names[c.index as usize], c.node))
                    .collect(),
            });
        }
    }
    out
}

/// Compiles every query of every language; used by tests to catch a broken `.scm`.
pub fn check_all_compile() -> Result<usize, String> {
    let mut count = 0;
    for language in registry() {
        let Some(grammar) = language.grammar() else {
            continue;
        };
        for rule in ALL {
            if let Some(source) = source_for(language, *rule) {
                Query::new(&grammar, &source)
                    .map_err(|e| format!("{} for {}: {e}", rule.name(), language.name))?;
                count += 1;
            }
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_query_compiles_for_every_grammar() {
        let count = super::check_all_compile().expect("queries compile");
        assert!(count >= 8, "only {count} queries compiled");
    }
}
