//! The rules' tree-sitter queries, embedded from `queries/<language>/<rule>.scm`,
//! compiled once per language on first use, and run into plain owned matches.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, Query, QueryCursor, Tree};

use crate::language::{registry, Language};
use crate::rules::{QueryOnly, RuleId, ALL};

mod requirements;
mod shape;
pub use requirements::Haystack;
use requirements::Requirements;

/// (query folder, rule module name, source) for every `queries/<folder>/<rule>.scm`,
/// embedded by `build.rs`. A language's query for a rule is the concatenation of its
/// folders' files (`Language::query_dirs`).
const SOURCES: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/query_sources.rs"));

/// Debug builds read queries from this folder instead, when it is set: query authors
/// iterate on `.scm` files without a rebuild.
#[cfg(debug_assertions)]
const OVERRIDE_VAR: &str = "MUFI_LSP_QUERIES";

/// A query match with capture names resolved, borrowing the tree.
#[derive(Clone, Debug)]
pub struct QueryMatchOwned<'tree> {
    pub pattern: usize,
    pub captures: Vec<(&'static str, Node<'tree>)>,
    /// The pattern's `(#set! key "value")` properties.
    pub properties: &'static [(String, String)],
}

impl<'tree> QueryMatchOwned<'tree> {
    /// The first node captured under `name`.
    pub fn get(&self, name: &str) -> Option<Node<'tree>> {
        self.captures
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, node)| *node)
    }

    /// A `(#set! key "value")` property of the matched pattern.
    pub fn property(&self, key: &str) -> Option<&'static str> {
        self.properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

struct Compiled {
    query: Query,
    names: Vec<&'static str>,
    properties: Vec<Vec<(String, String)>>,
    /// Per pattern, its index in the rule's whole query (a subset's patterns are
    /// numbered from 0 when compiled alone).
    original: Vec<usize>,
}

/// A value per (language, rule) pair, each made on first use.
type PerPair<T> = OnceLock<Vec<OnceLock<T>>>;

/// The slot of `table` for `language` and `rule`.
fn slot<T>(
    table: &'static PerPair<T>,
    language: &Language,
    rule: RuleId,
) -> Option<&'static OnceLock<T>> {
    let slots = table.get_or_init(|| {
        (0..registry().len() * ALL.len())
            .map(|_| OnceLock::new())
            .collect()
    });
    slots.get(language_at(language)? * ALL.len() + rule_at(rule)?)
}

/// Where `language` is in the registry: the index tables keep per language.
fn language_at(language: &Language) -> Option<usize> {
    registry().iter().position(|l| l.id == language.id)
}

/// Where `rule` is in `ALL`: the index tables keep per rule.
fn rule_at(rule: RuleId) -> Option<usize> {
    ALL.iter().position(|r| *r == rule)
}

/// Where the whole compiled query of `rule` for `language` is kept.
fn compiled_slot(language: &Language, rule: RuleId) -> Option<&'static OnceLock<Option<Compiled>>> {
    static CACHE: PerPair<Option<Compiled>> = OnceLock::new();
    slot(&CACHE, language, rule)
}

/// The compiled query of one rule for one language, compiled on first use: a rule
/// whose triggers never occur in a language's files never costs its compile time (the
/// Ruby grammar's queries take ~0.5 s each).
fn compiled(language: &'static Language, rule: RuleId) -> Option<&'static Compiled> {
    compiled_slot(language, rule)?
        .get_or_init(|| match compile(language, rule)? {
            Ok(compiled) => Some(compiled),
            Err(err) => {
                tracing::error!("{err}");
                None
            }
        })
        .as_ref()
}

/// Whether the whole query of `rule` for `language` has been compiled.
fn is_compiled(language: &'static Language, rule: RuleId) -> bool {
    compiled_slot(language, rule).is_some_and(|slot| slot.get().is_some())
}

/// Whether `language` has a query for `rule` (the engine skips rules that cannot fire
/// in a language before it parses).
pub fn has_query(language: &Language, rule: RuleId) -> bool {
    normalized_source(language, rule).is_some()
}

/// Whether `rule`'s query for `language` names `word` (any case) in its strings: a
/// `#eq?`/`#any-of?` argument, a regex (`[Ll]ocation` reads as `location`), or an
/// anonymous node's text. Node kinds, fields and capture names (`@sources`) are no
/// text a match holds. A query that never names a trigger word cannot match on it.
pub fn mentions(language: &Language, rule: RuleId, word: &str) -> bool {
    normalized_source(language, rule)
        .is_some_and(|source| source.contains(&word.to_ascii_lowercase()))
}

/// Whether `text` can hold the matches of `rule`'s query that a finding needs (the
/// rule's `query_only`): `false` when some text each such match demands of a node is
/// nowhere in the file. `true` where the language has no query. Read off the query's
/// source, so that a file this rules out never costs the query's compile.
pub fn may_match(language: &'static Language, rule: RuleId, hay: Haystack) -> bool {
    requirements(language, rule).is_none_or(|r| r.admit(hay))
}

/// What `rule`'s query for `language` demands of a file, read once per pair.
fn requirements(language: &Language, rule: RuleId) -> Option<&'static Requirements> {
    static TABLE: PerPair<Option<Requirements>> = OnceLock::new();
    slot(&TABLE, language, rule)?
        .get_or_init(|| {
            let source = source_for(language, rule)?;
            let gate = rule.meta().query_only.as_ref();
            let requirements =
                Requirements::of(&source, gate.unwrap_or(&QueryOnly::ANY_MATCH), language.id);
            if requirements.is_none() {
                tracing::error!(
                    "the {} query for {} has a form the prefilter cannot read",
                    rule.name(),
                    language.name
                );
            }
            requirements
        })
        .as_ref()
}

/// `rule`'s query source for `language` as `normalized` gives it, read once per pair.
fn normalized_source(language: &Language, rule: RuleId) -> Option<&'static str> {
    static TABLE: PerPair<Option<String>> = OnceLock::new();
    slot(&TABLE, language, rule)?
        .get_or_init(|| source_for(language, rule).map(|s| normalized(&s)))
        .as_deref()
}

/// The strings of a query's source, one per line, in lower case, without backslashes
/// or the `[Xx]` classes that spell one letter in either case. The values of `#set!`
/// (messages) are left out: no match holds them, except `sibling.*` and `section.*`,
/// which a node beside or above a match's must hold (`rules::declared`).
fn normalized(source: &str) -> String {
    let mut strings = String::new();
    let mut chars = source.chars().peekable();
    let word = |chars: &mut std::iter::Peekable<std::str::Chars>| {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut word = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != ')') {
            word.push(c);
        }
        word
    };
    // Inside a `(#set! …)`: its strings are properties, not text to match.
    let mut in_set = false;
    while let Some(c) = chars.next() {
        match c {
            ';' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '#' => {
                in_set = word(&mut chars) == "set!" && {
                    let key = word(&mut chars);
                    !key.starts_with("sibling.") && !key.starts_with("section.")
                };
            }
            ')' => in_set = false,
            '"' => {
                let mut string = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => string.extend(chars.next()),
                        c => string.push(c),
                    }
                }
                if !in_set {
                    strings.push_str(&string.replace('\\', ""));
                    strings.push('\n');
                }
            }
            _ => {}
        }
    }
    let lower = strings.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = String::with_capacity(lower.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'['
            && bytes.get(i + 3) == Some(&b']')
            && bytes[i + 1] == bytes[i + 2]
            && bytes[i + 1].is_ascii_alphabetic()
        {
            out.push(bytes[i + 1] as char);
            i += 4;
            continue;
        }
        let c = lower[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// Compiles `rule`'s query for `language`; `None` when the language has no grammar or
/// no query for the rule.
fn compile(language: &Language, rule: RuleId) -> Option<Result<Compiled, String>> {
    language.grammar()?;
    let source = source_for(language, rule)?;
    let count = requirements(language, rule).map(|r| r.ranges.len());
    Some(compile_source(
        language,
        rule,
        &source,
        (0..count.unwrap_or(0)).collect(),
    ))
}

/// Compiles `source`, the patterns `original` of `rule`'s query for `language`.
fn compile_source(
    language: &Language,
    rule: RuleId,
    source: &str,
    original: Vec<usize>,
) -> Result<Compiled, String> {
    let fail = |err: String| {
        format!(
            "the {} query does not compile for {}: {err}",
            rule.name(),
            language.name
        )
    };
    let grammar = language
        .grammar()
        .ok_or_else(|| fail("no grammar".into()))?;
    let started = std::time::Instant::now();
    let query = Query::new(&grammar, source).map_err(|err| fail(err.to_string()))?;
    tracing::debug!(
        "compiled {} of the {} query's patterns for {} in {:.1} ms",
        query.pattern_count(),
        rule.name(),
        language.name,
        started.elapsed().as_secs_f64() * 1000.0
    );
    let names = query
        .capture_names()
        .iter()
        .map(|n| &*Box::leak(n.to_string().into_boxed_str()))
        .collect();
    let properties = (0..query.pattern_count())
        .map(|i| {
            query
                .property_settings(i)
                .iter()
                .map(|p| {
                    (
                        p.key.to_string(),
                        p.value.as_deref().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .collect();
    // Where the source was not read into patterns, number them as compiled.
    let original = if original.len() == query.pattern_count() {
        original
    } else {
        (0..query.pattern_count()).collect()
    };
    Ok(Compiled {
        query,
        names,
        properties,
        original,
    })
}

/// Whether queries are compiled whole (the default) or, in a batch run, as the subset of
/// their patterns a file can match (`compile_subsets`).
static SUBSETS: AtomicBool = AtomicBool::new(false);

/// Compiles, for each file, only the patterns of a query that can match in it, until the
/// whole query is compiled. For `check`: a run over a tree needs few patterns of most
/// queries, and compiling a whole query takes up to half a second in the larger
/// grammars. The language server keeps whole queries: it runs the same queries on every
/// keystroke, and judging a file's patterns reads all of its text.
pub fn compile_subsets() {
    SUBSETS.store(true, Ordering::Relaxed);
}

/// Which compiled query a run uses.
enum Choice {
    Whole,
    Subset(&'static Compiled),
    /// No pattern of the query can match in the text.
    Nothing,
}

/// The query to run for `rule` in `language` over `text`: the whole query when it is
/// compiled (or subsets are off), else the patterns that can match in `text`. `None`
/// when there is no query, or no pattern can match.
fn query_for(language: &'static Language, rule: RuleId, text: &str) -> Option<&'static Compiled> {
    if !SUBSETS.load(Ordering::Relaxed) || is_compiled(language, rule) {
        return compiled(language, rule);
    }
    match subset_for(&SUBSETS_OF, language, rule, text) {
        Choice::Whole => compiled(language, rule),
        Choice::Subset(compiled) => Some(compiled),
        Choice::Nothing => None,
    }
}

/// The subset of `rule`'s query for `language` to run over `text`: one that holds
/// every pattern that can match there.
fn subset_for(
    table: &'static Subsets,
    language: &'static Language,
    rule: RuleId,
    text: &str,
) -> Choice {
    let Some(requirements) = requirements(language, rule) else {
        return Choice::Whole;
    };
    let possible = requirements.possible(Haystack {
        text,
        comments: None,
        strings: None,
    });
    if possible.iter().all(|p| *p) {
        return Choice::Whole;
    }
    if !possible.iter().any(|p| *p) {
        return Choice::Nothing;
    }
    // One subset per query, grown to the union of what the files so far could match:
    // a file whose patterns it holds reuses it, and patterns that cannot match in a
    // file cost its run little. Once the subsets compiled add up to more patterns than
    // the whole query has, or one would hold a quarter of them, the whole query is
    // compiled: never more than about twice its compile time in all. (`check` plans
    // its subsets before it parses anything, `plan`: this is for the files it did not
    // plan, such as the regions of a page.)
    let Some(mut subset) = subset_of(table, language, rule) else {
        return Choice::Whole;
    };
    if let Some(compiled) = subset.compiled {
        if possible
            .iter()
            .zip(&subset.patterns)
            .all(|(p, has)| !p || *has)
        {
            return Choice::Subset(compiled);
        }
    }
    let union: Vec<bool> = if subset.patterns.is_empty() {
        possible
    } else {
        possible
            .iter()
            .zip(&subset.patterns)
            .map(|(p, has)| *p || *has)
            .collect()
    };
    let count = union.iter().filter(|p| **p).count();
    subset.spent += count;
    // A subset of a quarter of the patterns or more costs most of the whole query's
    // compile (one pattern can cost a fifth of it), and growing it later compiles
    // those patterns again: compile the whole query at once.
    if subset.spent > union.len() || count * 4 >= union.len() {
        return Choice::Whole;
    }
    match compile_subset(language, rule, requirements, &union) {
        Some(compiled) => {
            subset.patterns = union;
            subset.compiled = Some(compiled);
            Choice::Subset(compiled)
        }
        None => Choice::Whole,
    }
}

/// Compiles the patterns `union` marks of `rule`'s query for `language` as a query of
/// their own, kept for the rest of the run like the whole queries (the subsets a run
/// leaves behind hold fewer patterns than the whole query has). `None` when it does
/// not compile (logged).
fn compile_subset(
    language: &'static Language,
    rule: RuleId,
    requirements: &Requirements,
    union: &[bool],
) -> Option<&'static Compiled> {
    let original: Vec<usize> = (0..union.len()).filter(|i| union[*i]).collect();
    let source = source_for(language, rule)?;
    let text: String = original
        .iter()
        .map(|i| &source[requirements.ranges[*i].clone()])
        .collect::<Vec<_>>()
        .join("\n");
    match compile_source(language, rule, &text, original) {
        Ok(compiled) => Some(Box::leak(Box::new(compiled))),
        Err(err) => {
            tracing::error!("{err}");
            None
        }
    }
}

/// A subset per query (`subset_for`, `plan`).
type Subsets = PerPair<std::sync::Mutex<Subset>>;

/// The subsets of the queries in this run.
static SUBSETS_OF: Subsets = OnceLock::new();

/// The subset kept for `rule`'s query for `language` in `table`, locked.
fn subset_of(
    table: &'static Subsets,
    language: &Language,
    rule: RuleId,
) -> Option<std::sync::MutexGuard<'static, Subset>> {
    Some(
        slot(table, language, rule)?
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()),
    )
}

/// `check`'s first phase, for one file before any parse: notes the patterns of
/// `rule`'s query for `language` that can match in `text` (as `subset_for` will judge
/// them when the file is analysed). Once every file is read, `compile_planned`
/// compiles each query once, with the union of the patterns its files need, instead
/// of a subset for the first files and then the whole query.
pub fn plan(language: &'static Language, rule: RuleId, text: &str) {
    plan_in(&SUBSETS_OF, language, rule, text);
}

/// `plan`, into `table`.
fn plan_in(table: &'static Subsets, language: &'static Language, rule: RuleId, text: &str) {
    if !has_query(language, rule) || is_compiled(language, rule) {
        return;
    }
    let possible = requirements(language, rule).map(|requirements| {
        requirements.possible(Haystack {
            text,
            comments: None,
            strings: None,
        })
    });
    let Some(mut subset) = subset_of(table, language, rule) else {
        return;
    };
    match possible {
        None => subset.whole_planned = true,
        Some(possible) if subset.planned.is_empty() => subset.planned = possible,
        Some(possible) => {
            for (planned, p) in subset.planned.iter_mut().zip(possible) {
                *planned |= p;
            }
        }
    }
}

/// The queries `plan` noted patterns of, the one with the most patterns first (the
/// longest compile, to start first on a core of its own).
pub fn planned() -> Vec<(&'static Language, RuleId)> {
    let mut out: Vec<(usize, &'static Language, RuleId)> = Vec::new();
    for language in registry() {
        for rule in ALL {
            let Some(subset) = slot(&SUBSETS_OF, language, *rule).and_then(OnceLock::get) else {
                continue;
            };
            let subset = subset.lock().unwrap_or_else(|p| p.into_inner());
            let count = if subset.whole_planned {
                usize::MAX
            } else {
                subset.planned.iter().filter(|p| **p).count()
            };
            if count > 0 {
                out.push((count, language, *rule));
            }
        }
    }
    out.sort_by_key(|(count, _, _)| std::cmp::Reverse(*count));
    out.into_iter().map(|(_, l, r)| (l, r)).collect()
}

/// Compiles `rule`'s query for `language` with the patterns `plan` noted: the whole
/// query when they are all of them, else a subset that `subset_for` then serves to
/// every file planned.
pub fn compile_planned(language: &'static Language, rule: RuleId) {
    compile_planned_in(&SUBSETS_OF, language, rule);
}

/// `compile_planned`, from and into `table`.
fn compile_planned_in(table: &'static Subsets, language: &'static Language, rule: RuleId) {
    let Some(planned) = subset_of(table, language, rule).map(|s| {
        let whole = s.whole_planned || (!s.planned.is_empty() && s.planned.iter().all(|p| *p));
        (!whole).then(|| s.planned.clone())
    }) else {
        return;
    };
    let Some(union) = planned else {
        compiled(language, rule);
        return;
    };
    let Some(requirements) = requirements(language, rule) else {
        return;
    };
    if !union.contains(&true) {
        return;
    }
    let count = union.iter().filter(|p| **p).count();
    if let Some(compiled) = compile_subset(language, rule, requirements, &union) {
        let Some(mut subset) = subset_of(table, language, rule) else {
            return;
        };
        subset.spent += count;
        subset.patterns = union;
        subset.compiled = Some(compiled);
    }
}

/// The subset of a query's patterns compiled so far in a batch run (`query_for`).
#[derive(Default)]
struct Subset {
    patterns: Vec<bool>,
    compiled: Option<&'static Compiled>,
    /// Patterns compiled in all the subsets so far.
    spent: usize,
    /// The patterns `plan` found the files of the run can match.
    planned: Vec<bool>,
    /// Whether `plan` found a file that needs the whole query.
    whole_planned: bool,
}

/// The file stem of a rule's queries: its module name, `hardcoded_api_key`.
pub fn file_stem(rule: RuleId) -> String {
    rule.name().replace('-', "_")
}

/// The query source of `rule` for `language`: its folders' files, concatenated.
fn source_for(language: &Language, rule: RuleId) -> Option<String> {
    let stem = file_stem(rule);
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os(OVERRIDE_VAR) {
        let parts: Vec<String> = language
            .query_dirs
            .iter()
            .filter_map(|folder| {
                std::fs::read_to_string(
                    std::path::Path::new(&dir)
                        .join(folder)
                        .join(format!("{stem}.scm")),
                )
                .ok()
            })
            .collect();
        return (!parts.is_empty()).then(|| parts.join("\n"));
    }
    let stem = stem.as_str();
    let parts: Vec<&str> = language
        .query_dirs
        .iter()
        .flat_map(|dir| {
            SOURCES
                .iter()
                .filter(move |(d, r, _)| d == dir && *r == stem)
                .map(|(_, _, source)| *source)
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// Every query folder that holds a file, for tests that every folder is used.
pub fn folders() -> Vec<&'static str> {
    let mut out: Vec<&str> = SOURCES.iter().map(|(d, _, _)| *d).collect();
    out.dedup();
    out
}

/// How deep in the tree a pattern may start; see `run`.
const MAX_START_DEPTH: u32 = 256;

/// Runs `rule`'s query for `language` over the whole tree, or only over `scope`.
pub fn run<'tree>(
    language: &'static Language,
    rule: RuleId,
    tree: &'tree Tree,
    text: &str,
    scope: Option<&[std::ops::Range<usize>]>,
) -> Vec<QueryMatchOwned<'tree>> {
    match query_for(language, rule, text) {
        Some(compiled) => run_compiled(compiled, tree, text, scope),
        None => Vec::new(),
    }
}

/// Runs `compiled` over the whole tree, or only over `scope`.
fn run_compiled<'tree>(
    compiled: &'static Compiled,
    tree: &'tree Tree,
    text: &str,
    scope: Option<&[std::ops::Range<usize>]>,
) -> Vec<QueryMatchOwned<'tree>> {
    let mut out = Vec::new();
    run_into(compiled, tree, text, scope, |_, m| out.push(m));
    out
}

/// Runs `compiled` over the whole tree, or only over `scope`, handing each match to
/// `found` with the index of its pattern in `compiled`.
fn run_into<'tree>(
    compiled: &'static Compiled,
    tree: &'tree Tree,
    text: &str,
    scope: Option<&[std::ops::Range<usize>]>,
    mut found: impl FnMut(usize, QueryMatchOwned<'tree>),
) {
    let mut cursor = QueryCursor::new();
    // Real code nests a few dozen levels; generated or hostile text can nest thousands,
    // where matching (and judging every match's surroundings) grows with the square of
    // the depth. Patterns start no deeper than this.
    cursor.set_max_start_depth(Some(MAX_START_DEPTH));
    let whole = 0..text.len();
    for range in scope.unwrap_or(std::slice::from_ref(&whole)) {
        cursor.set_byte_range(range.clone());
        let mut progress = |_: &tree_sitter::QueryCursorState| crate::budget::check();
        let options = tree_sitter::QueryCursorOptions::new().progress_callback(&mut progress);
        let mut matches = cursor.matches_with_options(
            &compiled.query,
            tree.root_node(),
            text.as_bytes(),
            options,
        );
        while let Some(m) = matches.next() {
            found(
                m.pattern_index,
                QueryMatchOwned {
                    pattern: compiled.original[m.pattern_index],
                    captures: m
                        .captures()
                        .iter()
                        .map(|c| (compiled.names[c.index as usize], c.node))
                        .collect(),
                    properties: &compiled.properties[m.pattern_index],
                },
            );
        }
    }
}

/// Several rules' queries for one language compiled as one (`batch`).
pub struct Batch {
    compiled: Compiled,
    /// Per pattern, the rule whose query it is from.
    owner: Vec<RuleId>,
}

/// The batches of each language, by the set of rules (a bit per rule in `ALL`).
type Batches = std::collections::HashMap<(usize, u32), Slot>;

/// One set's batch.
#[derive(Clone, Copy)]
enum Slot {
    Compiling,
    Ready(&'static Batch),
    /// It did not compile (`compile_batch`): never asked for again, and no smaller
    /// set waits for it.
    Failed,
}

/// How many batches a language may have, and all languages together: the rules that
/// can fire in one unit of a file are few, and mostly the same from keystroke to
/// keystroke. A batch of two rules' queries holds 30–300 kB once compiled, one of all
/// of a language's 1–4 MB (measured after `malloc_trim`).
const BATCHES_PER_LANGUAGE: usize = 4;
const BATCHES: usize = 16;

/// When a batch is asked for (`batch`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Need {
    /// A keystroke's run needs it now.
    Now,
    /// A file's first analysis asks ahead for the batch of all the rules its units can
    /// need, so that its first keystrokes find it compiled (their smaller sets use it,
    /// `batch_or`). Such a batch takes a slot only while at least half of the
    /// language's, and of all, are free: opening many files must not leave keystrokes
    /// without.
    Ahead,
}

/// `rules`' queries for `language` compiled as one, so that a scoped run (the editor's
/// keystroke) walks its units once for all of them rather than once per rule: most of
/// a query's time over a unit is the walk itself (a query of one trivial pattern costs
/// two thirds of one of fifteen). A compiled batch of more rules serves as well.
/// `None` until it is compiled: the first call compiles it on a thread of its own,
/// and the rules' own queries serve meanwhile. Also `None` for fewer than two rules,
/// in a batch run (`compile_subsets`), and when a rule has no query or its query does
/// not compile.
pub fn batch(language: &'static Language, rules: &[RuleId], need: Need) -> Option<&'static Batch> {
    static TABLE: BatchTable = std::sync::Mutex::new(None);
    batch_or(&TABLE, language, rules, need, |compile| {
        std::thread::Builder::new()
            .name("mufi-lsp-batch".into())
            .spawn(|| {
                // One compile at a time: opening files of many languages asks for
                // many, and each allocates several times what it keeps.
                static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
                let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
                compile();
                crate::server::memory::release_free();
            })
            .is_ok()
    })
}

/// Where `batch` keeps its batches.
type BatchTable = std::sync::Mutex<Option<Batches>>;

/// `batch`, kept in `table` and compiled on `spawn` (which says whether it could
/// start it).
fn batch_or(
    table: &'static BatchTable,
    language: &'static Language,
    rules: &[RuleId],
    need: Need,
    spawn: impl FnOnce(Box<dyn FnOnce() + Send>) -> bool,
) -> Option<&'static Batch> {
    if rules.len() < 2 || SUBSETS.load(Ordering::Relaxed) {
        return None;
    }
    let language_index = language_at(language)?;
    let mask = rules
        .iter()
        .try_fold(0u32, |mask, rule| Some(mask | 1 << rule_at(*rule)?))?;
    let key = (language_index, mask);
    {
        let mut table = table.lock().unwrap_or_else(|p| p.into_inner());
        let table = table.get_or_insert_with(Default::default);
        if let Some(known) = table.get(&key) {
            return match known {
                Slot::Ready(batch) => Some(*batch),
                Slot::Compiling | Slot::Failed => None,
            };
        }
        // A batch of more rules serves too (`Batch::run` sorts matches by rule): the
        // file's, asked for by its first analysis (`Need::Ahead`), holds what most of
        // its units need. While one compiles, nothing else starts.
        let serving = table
            .iter()
            .filter(|((l, m), _)| *l == language_index && m & mask == mask)
            .filter_map(|((_, m), slot)| match slot {
                Slot::Ready(batch) => Some((false, m.count_ones(), Some(*batch))),
                Slot::Compiling => Some((true, m.count_ones(), None)),
                Slot::Failed => None,
            })
            .min_by_key(|(compiling, rules, _)| (*compiling, *rules));
        if let Some((_, _, known)) = serving {
            return known;
        }
        let of_language = table.keys().filter(|(l, _)| *l == language_index).count();
        let share = match need {
            Need::Now => 1,
            Need::Ahead => 2,
        };
        if of_language * share >= BATCHES_PER_LANGUAGE || table.len() * share >= BATCHES {
            return None;
        }
        table.insert(key, Slot::Compiling);
    }
    let rules = rules.to_vec();
    let compile = move || {
        let slot = match compile_batch(language, &rules) {
            Some(batch) => Slot::Ready(Box::leak(Box::new(batch))),
            None => Slot::Failed,
        };
        let mut table = table.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(table) = table.as_mut() {
            table.insert(key, slot);
        }
    };
    if !spawn(Box::new(compile)) {
        let mut table = table.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(table) = table.as_mut() {
            table.remove(&key);
        }
    }
    None
}

/// Compiles `rules`' queries for `language` as one query: `None` if one has none or
/// does not compile.
fn compile_batch(language: &'static Language, rules: &[RuleId]) -> Option<Batch> {
    let mut source = String::new();
    let mut owner = Vec::new();
    let mut original = Vec::new();
    for rule in rules {
        let count = compiled(language, *rule)?.query.pattern_count();
        source.push_str(&source_for(language, *rule)?);
        source.push('\n');
        owner.extend(std::iter::repeat_n(*rule, count));
        original.extend(0..count);
    }
    let started = std::time::Instant::now();
    let compiled = compile_source(language, rules[0], &source, original.clone()).ok()?;
    tracing::debug!(
        "compiled the queries of {rules:?} for {} as one in {:.1} ms",
        language.name,
        started.elapsed().as_secs_f64() * 1000.0
    );
    // Each rule's patterns as its own query numbers them, or the batch is no use.
    (compiled.original == original && compiled.query.pattern_count() == owner.len())
        .then_some(Batch { compiled, owner })
}

impl Batch {
    /// Runs the batch over `scope`: each rule's matches, as its own query over the same
    /// scope gives them (`run`).
    pub fn run<'tree>(
        &'static self,
        tree: &'tree Tree,
        text: &str,
        scope: &[std::ops::Range<usize>],
    ) -> Vec<(RuleId, Vec<QueryMatchOwned<'tree>>)> {
        let mut out: Vec<(RuleId, Vec<QueryMatchOwned<'tree>>)> = Vec::new();
        for rule in &self.owner {
            if out.last().is_none_or(|(last, _)| last != rule) {
                out.push((*rule, Vec::new()));
            }
        }
        run_into(&self.compiled, tree, text, Some(scope), |index, m| {
            let rule = self.owner[index];
            if let Some((_, matches)) = out.iter_mut().find(|(r, _)| *r == rule) {
                matches.push(m);
            }
        });
        out
    }
}

/// Compiles every query of every language; used by tests to catch a broken `.scm`.
pub fn check_all_compile() -> Result<usize, String> {
    let mut count = 0;
    for language in registry() {
        for rule in ALL {
            if let Some(result) = compile(language, *rule) {
                result?;
                count += 1;
            }
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// Every fixture and example file whose language has a grammar, sorted: its path,
    /// language, text and tree.
    fn sample_files() -> Vec<(std::path::PathBuf, &'static Language, String, Tree)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        let mut stack = vec![root.join("tests/fixtures"), root.join("examples")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    paths.push(path);
                }
            }
        }
        paths.sort();
        paths
            .into_iter()
            .filter_map(|path| {
                let language = Language::for_path(&path)?;
                let text = std::fs::read_to_string(&path).ok()?;
                let tree = crate::engine::parse(language, &text)?;
                Some((path, language, text, tree))
            })
            .collect()
    }

    /// A match as tests compare it: pattern, each capture's name and place, properties.
    type Shown = (
        usize,
        Vec<(&'static str, std::ops::Range<usize>)>,
        Vec<(String, String)>,
    );

    /// Every rule's query for every language with a grammar: the language, the rule,
    /// the grammar and the query's source.
    fn every_query() -> Vec<(&'static Language, RuleId, tree_sitter::Language, String)> {
        let mut all = Vec::new();
        for language in crate::language::registry() {
            let Some(grammar) = language.grammar() else {
                continue;
            };
            for rule in crate::rules::ALL {
                if let Some(source) = super::source_for(language, *rule) {
                    all.push((language, *rule, grammar.clone(), source.to_string()));
                }
            }
        }
        all
    }

    fn shown(matches: &[QueryMatchOwned]) -> Vec<Shown> {
        matches
            .iter()
            .map(|m| {
                let captures = m
                    .captures
                    .iter()
                    .map(|(name, node)| (*name, node.byte_range()))
                    .collect();
                (m.pattern, captures, m.properties.to_vec())
            })
            .collect()
    }

    /// A `spawn` for `batch_or` that compiles at once, counting the compiles.
    fn compile_now(
        compiles: &AtomicUsize,
    ) -> impl Fn(Box<dyn FnOnce() + Send>) -> bool + Copy + '_ {
        move |compile| {
            compiles.fetch_add(1, Ordering::Relaxed);
            compile();
            true
        }
    }

    /// A batch is compiled once, by the first call for its set of rules, in any order;
    /// a language gets at most `BATCHES_PER_LANGUAGE`, and all together `BATCHES`.
    #[test]
    fn batches_are_compiled_once_and_only_so_many() {
        static TABLE: BatchTable = std::sync::Mutex::new(None);
        let compiles = AtomicUsize::new(0);
        let now = compile_now(&compiles);
        let go = Language::get(crate::language::LanguageId::Go);
        let pair = [RuleId::HardcodedApiKey, RuleId::ClientSideMufiAccess];
        assert!(
            batch_or(&TABLE, go, &pair, Need::Now, now).is_none(),
            "compiled meanwhile"
        );
        let reversed = [RuleId::ClientSideMufiAccess, RuleId::HardcodedApiKey];
        assert!(batch_or(&TABLE, go, &reversed, Need::Now, now).is_some());
        assert!(
            batch_or(&TABLE, go, &pair[..1], Need::Now, now).is_none(),
            "one rule"
        );
        assert_eq!(compiles.load(Ordering::Relaxed), 1);
        let with = |rule: RuleId| [RuleId::HardcodedApiKey, rule];
        for rule in [RuleId::PlainHttpUrl, RuleId::TlsVerificationDisabled] {
            batch_or(&TABLE, go, &with(rule), Need::Now, now);
        }
        assert_eq!(compiles.load(Ordering::Relaxed), 3);
        // The fourth set of Go's rules is its last.
        assert!(batch_or(
            &TABLE,
            go,
            &with(RuleId::CorsPermissiveOrigin),
            Need::Now,
            now
        )
        .is_none());
        assert!(batch_or(&TABLE, go, &with(RuleId::OpenRedirect), Need::Now, now).is_none());
        assert!(batch_or(&TABLE, go, &with(RuleId::OpenRedirect), Need::Now, now).is_none());
        assert_eq!(compiles.load(Ordering::Relaxed), 4);
        // Other languages share what is left of the sixteen.
        let mut compiled = 4;
        for language in registry().iter().filter(|l| l.grammar().is_some()) {
            let rules: Vec<RuleId> = ALL
                .iter()
                .copied()
                .filter(|rule| has_query(language, *rule))
                .take(2)
                .collect();
            if rules.len() == 2 && language.id != go.id {
                batch_or(&TABLE, language, &rules, Need::Now, now);
                compiled = (compiled + 1).min(BATCHES);
                assert_eq!(compiles.load(Ordering::Relaxed), compiled);
            }
        }
        assert_eq!(compiled, BATCHES, "too few languages to reach the cap");
    }

    /// A compiled batch of more rules serves a smaller set (the smallest such), one
    /// still compiling keeps a smaller set from starting its own, and a batch asked
    /// for ahead takes a slot only while half of them are free.
    #[test]
    fn a_batch_of_more_rules_serves_and_ahead_takes_half() {
        use RuleId::*;
        static TABLE: BatchTable = std::sync::Mutex::new(None);
        let compiles = AtomicUsize::new(0);
        let now = compile_now(&compiles);
        let count = || compiles.load(Ordering::Relaxed);
        let go = Language::get(crate::language::LanguageId::Go);
        let three = [HardcodedApiKey, ClientSideMufiAccess, PlainHttpUrl];
        assert!(batch_or(&TABLE, go, &three, Need::Ahead, now).is_none());
        let big = batch_or(&TABLE, go, &three, Need::Now, now).expect("compiled");
        let pair = [PlainHttpUrl, HardcodedApiKey];
        let served = batch_or(&TABLE, go, &pair, Need::Now, now).expect("served");
        assert!(std::ptr::eq(served, big));
        assert_eq!(count(), 1, "no compile for a set inside a compiled one");
        // A smaller batch of exactly the set, once there is one, serves it instead.
        let four = [
            HardcodedApiKey,
            ClientSideMufiAccess,
            PlainHttpUrl,
            OpenRedirect,
        ];
        let other = [HardcodedApiKey, OpenRedirect];
        assert!(batch_or(&TABLE, go, &other, Need::Now, now).is_none());
        let exact = batch_or(&TABLE, go, &other, Need::Now, now).expect("compiled");
        assert_eq!(count(), 2);
        // Two of Go's four slots taken: nothing more ahead, though a keystroke may.
        assert!(batch_or(&TABLE, go, &four, Need::Ahead, now).is_none());
        assert!(batch_or(&TABLE, go, &four, Need::Ahead, now).is_none());
        assert_eq!(count(), 2, "ahead with half the slots taken");
        assert!(batch_or(&TABLE, go, &four, Need::Now, now).is_none());
        assert!(batch_or(&TABLE, go, &four, Need::Now, now).is_some());
        assert_eq!(count(), 3);
        assert!(std::ptr::eq(
            batch_or(&TABLE, go, &other, Need::Now, now).expect("compiled"),
            exact
        ));
        let inside_both = [ClientSideMufiAccess, HardcodedApiKey];
        let smallest = batch_or(&TABLE, go, &inside_both, Need::Now, now).expect("served");
        assert!(
            std::ptr::eq(smallest, big),
            "the smallest batch that serves"
        );
        // While a batch compiles, the sets inside it wait for it.
        let python = Language::get(crate::language::LanguageId::Python);
        let never = |_: Box<dyn FnOnce() + Send>| {
            compiles.fetch_add(1, Ordering::Relaxed);
            true
        };
        assert!(batch_or(&TABLE, python, &three, Need::Ahead, never).is_none());
        assert!(batch_or(&TABLE, python, &pair, Need::Now, never).is_none());
        assert_eq!(count(), 4, "one compile for both");
    }

    /// A batch that does not compile (a rule without a query in the language) is not
    /// tried again, and the sets inside it compile their own.
    #[test]
    fn a_batch_that_failed_holds_nothing_back() {
        use RuleId::*;
        static TABLE: BatchTable = std::sync::Mutex::new(None);
        let compiles = AtomicUsize::new(0);
        let now = compile_now(&compiles);
        let go = Language::get(crate::language::LanguageId::Go);
        assert!(!has_query(go, CspUnsafeSource));
        let failing = [HardcodedApiKey, ClientSideMufiAccess, CspUnsafeSource];
        assert!(batch_or(&TABLE, go, &failing, Need::Ahead, now).is_none());
        assert!(batch_or(&TABLE, go, &failing, Need::Ahead, now).is_none());
        assert_eq!(compiles.load(Ordering::Relaxed), 1, "tried once");
        let pair = [HardcodedApiKey, ClientSideMufiAccess];
        assert!(batch_or(&TABLE, go, &pair, Need::Now, now).is_none());
        assert!(batch_or(&TABLE, go, &pair, Need::Now, now).is_some());
        assert_eq!(compiles.load(Ordering::Relaxed), 2);
    }

    /// A batch finds, for each of its rules, exactly the matches of the rule's own
    /// query, in the same order, over the whole file and over a part of it: in every
    /// fixture and example, with the batch of all the language's queries and with a
    /// pair of them.
    #[test]
    fn a_batch_finds_what_each_rule_s_own_query_finds() {
        let mut compared = 0;
        let mut compiled: std::collections::HashMap<_, &'static Batch> = Default::default();
        for (path, language, text, tree) in sample_files() {
            let all: Vec<RuleId> = ALL
                .iter()
                .copied()
                .filter(|rule| has_query(language, *rule))
                .collect();
            let pair: Vec<RuleId> = all.iter().rev().take(2).copied().collect();
            for rules in [&all, &pair] {
                if rules.len() < 2 {
                    continue;
                }
                let batch = *compiled
                    .entry((language.name, rules.clone()))
                    .or_insert_with(|| {
                        Box::leak(Box::new(compile_batch(language, rules).expect("compiled")))
                    });
                let third = text.len() / 3;
                let start = (third..text.len()).find(|i| text.is_char_boundary(*i));
                let scopes = [0..text.len(), start.unwrap_or(0)..text.len()];
                for scope in scopes {
                    let scope = std::slice::from_ref(&scope);
                    let found = batch.run(&tree, &text, scope);
                    assert_eq!(
                        found.iter().map(|(rule, _)| *rule).collect::<Vec<_>>(),
                        *rules,
                        "{}",
                        path.display()
                    );
                    for (rule, matches) in found {
                        let own = run(language, rule, &tree, &text, Some(scope));
                        assert_eq!(
                            shown(&matches),
                            shown(&own),
                            "{} {:?} over {scope:?}",
                            path.display(),
                            rule
                        );
                        compared += own.len();
                    }
                }
            }
        }
        assert!(compared > 500, "only {compared} matches compared");
    }

    #[test]
    fn every_query_compiles_for_every_grammar() {
        let count = super::check_all_compile().expect("queries compile");
        assert!(count >= 8, "only {count} queries compiled");
    }

    /// `check` parses a big Go or Python file as the units around its triggers
    /// (`engine::parse_around`): a pattern that reads the file's root, or top-level
    /// statements side by side, would see units that are not neighbours in the file as
    /// neighbours. No Go or Python query may name the root.
    #[test]
    fn no_go_or_python_query_reads_the_root_of_the_file() {
        use crate::language::{Language, LanguageId};
        for (id, root) in [
            (LanguageId::Go, "source_file"),
            (LanguageId::Python, "module"),
        ] {
            let language = Language::get(id);
            for rule in crate::rules::ALL {
                let Some(source) = super::source_for(language, *rule) else {
                    continue;
                };
                assert!(
                    !source.contains(&format!("({root}")),
                    "the {rule} query for {} names `{root}`",
                    language.name
                );
            }
        }
    }

    /// The prefilter reads each query's patterns off its source (`shape`) rather than
    /// compile it; that reading must agree with the compiler's, for every query.
    #[test]
    fn every_query_reads_the_same_uncompiled_as_compiled() {
        use tree_sitter::CaptureQuantifier;
        for (language, rule, grammar, source) in every_query() {
            let what = format!("the {} query for {}", rule.name(), language.name);
            let query = tree_sitter::Query::new(&grammar, &source).expect("compiles");
            let shapes = super::shape::patterns(&source)
                .unwrap_or_else(|| panic!("{what} is not read by shape"));
            assert_eq!(shapes.len(), query.pattern_count(), "{what}");
            for (i, shape) in shapes.iter().enumerate() {
                let compiled = query.start_byte_for_pattern(i)..query.end_byte_for_pattern(i);
                assert_eq!(shape.range, compiled, "{what}, pattern {i}");
                let captures: std::collections::BTreeMap<String, bool> = query
                    .capture_quantifiers(i)
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| **q != CaptureQuantifier::Zero)
                    .map(|(c, q)| {
                        (
                            query.capture_names()[c].to_string(),
                            matches!(q, CaptureQuantifier::One | CaptureQuantifier::OneOrMore),
                        )
                    })
                    .collect();
                assert_eq!(shape.captures, captures, "{what}, pattern {i}");
            }
        }
    }

    /// `sibling.*` and `section.key` properties (`rules::declared`) are read at match
    /// time: each must be a regex that compiles, `sibling.*` come with `sibling.key`, and
    /// both sit in a pattern that always captures the entry they read around (`@pair`).
    #[test]
    fn every_entry_property_is_a_regex_beside_a_pair() {
        use tree_sitter::CaptureQuantifier;
        let mut read = 0;
        for (language, rule, grammar, source) in every_query() {
            let query = tree_sitter::Query::new(&grammar, &source).expect("compiles");
            let pair = query.capture_index_for_name("pair");
            for i in 0..query.pattern_count() {
                let what = format!(
                    "the {} query for {}: {}",
                    rule.name(),
                    language.name,
                    &source[query.start_byte_for_pattern(i)..query.end_byte_for_pattern(i)]
                );
                let settings = query.property_settings(i);
                let sibling: Vec<_> = settings
                    .iter()
                    .filter(|p| p.key.starts_with("sibling.") || p.key.starts_with("section."))
                    .collect();
                if sibling.is_empty() {
                    continue;
                }
                read += 1;
                let keyed = |k: &str| sibling.iter().any(|p| &*p.key == k);
                assert!(
                    keyed("sibling.key") || !keyed("sibling.value") && !keyed("sibling.before"),
                    "no sibling.key in {what}"
                );
                for p in &sibling {
                    match &*p.key {
                        "sibling.key" | "sibling.value" | "section.key" => {
                            let re = p.value.as_deref().unwrap_or("");
                            assert!(regex::Regex::new(re).is_ok(), "{re} in {what}");
                        }
                        "sibling.before" => {}
                        other => panic!("unknown property {other} in {what}"),
                    }
                }
                let always = pair.is_some_and(|c| {
                    query.capture_quantifiers(i)[c as usize] == CaptureQuantifier::One
                });
                assert!(always, "no @pair in {what}");
            }
        }
        assert!(
            read >= 16,
            "{read} patterns with sibling or section properties"
        );
    }

    /// A pattern rooted at the node that holds a file's top-level statements is tried
    /// against each of them whenever a keystroke's unit is queried: the editor's
    /// queries run over one function, but the root contains every range. Shell's
    /// `(program (variable_assignment …))` cost 0.3 ms a keystroke in a 5,000-line
    /// script; `(#set! parent "program")` says the same from the assignment.
    ///
    /// Nor at an object or mapping (`CONTAINERS`): a JSON or YAML file is often one large
    /// one, and so is a module's config object, and a pattern of two sibling entries
    /// under it tries every pair of its entries around each keystroke (MUFI004's JSON
    /// query: 2.5 ms in a 5,000-line file, 0.08 ms without). Root it at one entry and ask for the other with
    /// `sibling.*` properties (`rules::declared::sibling`).
    #[test]
    fn no_pattern_is_rooted_at_the_root_of_a_file() {
        const CONTAINERS: &[&str] = &["object", "block_mapping", "flow_mapping"];
        let mut read = 0;
        for (language, rule, grammar, source) in every_query() {
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&grammar).expect("a grammar");
            let empty = parser.parse("", None).expect("parses");
            // A JSON document holds one value: its root may start a pattern.
            let root = Some(empty.root_node().kind()).filter(|_| language.name != "JSON");
            for shape in super::shape::patterns(&source).expect("read by shape") {
                read += 1;
                let at = shape.roots.as_ref().and_then(|kinds| {
                    kinds
                        .iter()
                        .find(|k| Some(k.as_str()) == root || CONTAINERS.contains(&k.as_str()))
                });
                assert!(
                    at.is_none(),
                    "the {} query for {} has a pattern rooted at `{}`: {}",
                    rule.name(),
                    language.name,
                    at.map_or("", |k| k.as_str()),
                    &source[shape.range]
                );
            }
        }
        assert!(read > 500, "{read} patterns read");
    }

    /// A subset of a query's patterns, compiled for a file, finds what the whole query
    /// finds there: every fixture and example, in every rule's query for its language.
    #[test]
    fn a_subset_of_patterns_finds_what_the_whole_query_finds() {
        let (mut subsets, mut nothing) = (0, 0);
        for (path, language, text, tree) in sample_files() {
            for rule in crate::rules::ALL {
                let Some(whole) = compiled(language, *rule) else {
                    continue;
                };
                let expected = shown(&run_compiled(whole, &tree, &text, None));
                let found = match subset_for(&SUBSETS_OF, language, *rule, &text) {
                    Choice::Whole => continue,
                    Choice::Nothing => {
                        nothing += 1;
                        Vec::new()
                    }
                    Choice::Subset(subset) => {
                        subsets += 1;
                        shown(&run_compiled(subset, &tree, &text, None))
                    }
                };
                assert_eq!(found, expected, "{} in {}", rule.name(), path.display());
            }
        }
        assert!(
            subsets > 20 && nothing > 20,
            "{subsets} subsets, {nothing} with none"
        );
    }

    /// `check` plans each query before it parses anything: the query is compiled once,
    /// with the union of the patterns its files can match, and that one subset serves
    /// each file planned, finding what the whole query finds there.
    #[test]
    fn a_planned_query_is_compiled_once_with_the_patterns_its_files_need() {
        static TABLE: Subsets = OnceLock::new();
        let java = Language::get(crate::language::LanguageId::Java);
        let rule = RuleId::TlsVerificationDisabled;
        let texts = [
            "class A { Object f() { return NoopHostnameVerifier.INSTANCE; } }\n",
            "class B { Object g() { return new TrustAllStrategy(); } }\n",
        ];
        let hay = |text| Haystack {
            text,
            comments: None,
            strings: None,
        };
        let requirements = requirements(java, rule).expect("Java MUFI004 is read");
        let needs: Vec<Vec<bool>> = texts
            .iter()
            .map(|t| requirements.possible(hay(t)))
            .collect();
        let union: Vec<bool> = needs[0]
            .iter()
            .zip(&needs[1])
            .map(|(a, b)| *a || *b)
            .collect();
        let count = union.iter().filter(|p| **p).count();
        assert!(
            needs[0] != needs[1] && count > 1 && count < union.len(),
            "{needs:?}"
        );
        for text in texts {
            plan_in(&TABLE, java, rule, text);
        }
        compile_planned_in(&TABLE, java, rule);
        let compiled = {
            let subset = subset_of(&TABLE, java, rule).expect("a slot");
            assert_eq!(subset.patterns, union);
            assert_eq!(subset.spent, count, "compiled once");
            subset.compiled.expect("compiled")
        };
        assert_eq!(compiled.query.pattern_count(), count);
        let whole = self::compiled(java, rule).expect("the whole query");
        for text in texts {
            let tree = crate::engine::parse(java, text).expect("parsed");
            let Choice::Subset(serving) = subset_for(&TABLE, java, rule, text) else {
                panic!("the planned subset serves {text}");
            };
            assert!(
                std::ptr::eq(serving, compiled),
                "no second compile for {text}"
            );
            let found = shown(&run_compiled(serving, &tree, text, None));
            assert!(!found.is_empty(), "{text}");
            assert_eq!(found, shown(&run_compiled(whole, &tree, text, None)));
        }
        assert_eq!(subset_of(&TABLE, java, rule).expect("a slot").spent, count);
    }

    #[test]
    fn every_query_folder_belongs_to_a_language_and_every_file_to_a_rule() {
        use crate::language::registry;
        for folder in super::folders() {
            assert!(
                registry().iter().any(|l| l.query_dirs.contains(&folder)),
                "queries/{folder}/ is used by no language"
            );
        }
        for (folder, stem, _) in super::SOURCES {
            assert!(
                crate::rules::ALL
                    .iter()
                    .any(|r| super::file_stem(*r) == *stem),
                "queries/{folder}/{stem}.scm names no rule"
            );
        }
    }

    /// A trigger counts where a query could match its text: in a predicate's
    /// argument, an anonymous node or a `sibling.*` property, not in a capture name, a
    /// node kind, a comment or a message.
    #[test]
    fn a_query_mentions_the_text_of_its_strings_only() {
        let source = r#"; cors in a comment
            ((assignment left: (identifier) @sources right: (string) @value)
             (#match? @sources "^CSP_[Ss]CRIPT_SRC\\b$")
             (#set! message "unsafe origins are flagged"))
            ((pair) @pair (#set!  sibling.value "^(?i:Allow-Origin)$"))
            ("redirect" @keyword)"#;
        let strings = super::normalized(source);
        for word in ["csp_script_src", "script", "redirect", "allow-origin"] {
            assert!(strings.contains(word), "{word} not in {strings:?}");
        }
        for word in [
            "cors",
            "sources",
            "assignment",
            "unsafe",
            "origins",
            "value",
        ] {
            assert!(!strings.contains(word), "{word} in {strings:?}");
        }
    }
}
