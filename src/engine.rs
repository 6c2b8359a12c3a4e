//! The pure analysis engine both faces call: prefilter, parse when needed, run the
//! rules that can fire, apply severities and suppressions, return findings.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use tree_sitter::{Parser, Tree};

use crate::config::Config;
use std::ops::Range;

use crate::finding::{Edit, Finding, Fix};
use crate::jwt;
use crate::language::{embed, lexer, Language};
use crate::lines;
use crate::project::{self, FileContext};
use crate::rules::{self, RuleContext, RuleId, ALL};
use crate::suppress;

/// One file to analyse. `tree` is the editor's incrementally maintained tree, when
/// there is one; without it the engine parses (only if some rule can fire).
pub struct SourceFile<'a> {
    pub text: &'a str,
    pub language: &'static Language,
    pub tree: Option<&'a Tree>,
}

/// The aho-corasick automaton over every rule's trigger strings.
struct Prefilter {
    automaton: AhoCorasick,
    /// The trigger strings, one per pattern.
    triggers: Vec<&'static str>,
    /// For each pattern, the rule it belongs to.
    owner: Vec<RuleId>,
    /// For each pattern, for each language of the registry: where it counts there, if
    /// its rule can fire there at all.
    place: Vec<Vec<Option<Place>>>,
}

fn prefilter() -> &'static Prefilter {
    static PREFILTER: OnceLock<Prefilter> = OnceLock::new();
    PREFILTER.get_or_init(|| {
        let mut triggers = Vec::new();
        let mut owner = Vec::new();
        let mut place = Vec::new();
        for rule in ALL {
            for trigger in rule.meta().triggers {
                triggers.push(*trigger);
                owner.push(*rule);
                place.push(
                    crate::language::registry()
                        .iter()
                        .map(|l| place_of(*rule, trigger, l))
                        .collect(),
                );
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&triggers)
            .expect("trigger strings form a valid automaton");
        Prefilter {
            automaton,
            triggers,
            owner,
            place,
        }
    })
}

/// Where one of `rule`'s triggers occurs first in `text` (an automaton per rule,
/// compiled once).
pub(crate) fn first_trigger(rule: RuleId, text: &str) -> Option<Range<usize>> {
    static AUTOMATA: OnceLock<Vec<AhoCorasick>> = OnceLock::new();
    let automata = AUTOMATA.get_or_init(|| {
        ALL.iter()
            .map(|r| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .build(r.meta().triggers)
                    .expect("trigger strings form a valid automaton")
            })
            .collect()
    });
    automata[rule_index(rule)]
        .find(text)
        .map(|m| m.start()..m.end())
}

/// The part of `text` where a trigger that overlaps `range` can be: the range, and as
/// many bytes on either side as the longest trigger, on character boundaries.
pub(crate) fn around(text: &str, range: &Range<usize>) -> Range<usize> {
    reaching(text, range, longest_trigger())
}

/// The length in bytes of the longest trigger string of any rule.
pub(crate) fn longest_trigger() -> usize {
    static LONGEST: OnceLock<usize> = OnceLock::new();
    *LONGEST.get_or_init(|| {
        ALL.iter()
            .flat_map(|r| r.meta().triggers)
            .map(|t| t.len())
            .max()
            .unwrap_or(0)
    })
}

/// `range` and `reach` bytes on either side of it, within `text` and on character
/// boundaries: where a string `reach` bytes long that overlaps `range` can be.
pub(crate) fn reaching(text: &str, range: &Range<usize>, reach: usize) -> Range<usize> {
    let mut start = range.start.saturating_sub(reach).min(text.len());
    let mut end = range.end.saturating_add(reach).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The rules judged in the whole file (`RuleId::judged_in_whole_file`) whose
/// triggers occur in `text`, each with where one occurs.
pub fn whole_file_triggers(text: &str) -> Vec<(RuleId, Range<usize>)> {
    ALL.iter()
        .filter(|rule| rule.judged_in_whole_file())
        .filter_map(|rule| Some((*rule, first_trigger(*rule, text)?)))
        .collect()
}

/// The rules whose trigger strings occur in `text`.
pub fn candidate_rules(text: &str) -> Vec<RuleId> {
    let pf = prefilter();
    let mut hit = [false; ALL.len()];
    let mut remaining = ALL.len();
    for m in pf.automaton.find_overlapping_iter(text) {
        let rule = pf.owner[m.pattern().as_usize()];
        let index = rule_index(rule);
        if !hit[index] {
            hit[index] = true;
            remaining -= 1;
            if remaining == 0 {
                break;
            }
        }
    }
    ALL.iter()
        .zip(hit)
        .filter_map(|(rule, h)| h.then_some(*rule))
        .collect()
}

/// Parses `text` from scratch with the language's grammar.
pub fn parse(language: &Language, text: &str) -> Option<Tree> {
    parse_ranges(language, text, &[])
}

/// Parses only `ranges` of `text` (all of it when there are none).
fn parse_ranges(language: &Language, text: &str, ranges: &[tree_sitter::Range]) -> Option<Tree> {
    let grammar = language.grammar()?;
    let mut parser = Parser::new();
    parser.set_language(&grammar).ok()?;
    if !ranges.is_empty() {
        parser.set_included_ranges(ranges).ok()?;
    }
    parse_in_time(&mut parser, text, None)
}

/// `parser.parse`, given up when the analysis's time is up (`budget`). A parser that
/// gave up is reset: the next parse would otherwise resume this one.
pub fn parse_in_time(parser: &mut Parser, text: &str, old: Option<&Tree>) -> Option<Tree> {
    let bytes = text.as_bytes();
    let mut progress = |_: &tree_sitter::ParseState| crate::budget::check();
    let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
    let tree = parser.parse_with_options(
        &mut |offset, _| bytes.get(offset..).unwrap_or_default(),
        old,
        Some(options),
    );
    if tree.is_none() {
        parser.reset();
    }
    tree
}

/// On the fast path, parses only the top-level units of a Go or Python file that hold
/// its triggers (`units`), with its first unit, when they are at most half of it and
/// the rules that can fire read nothing else of the file; and leaves the insides of
/// giant string literals out (`giant_literals`). Where that parse has errors, or a
/// giant literal is not the string the parser reads there, the whole file is parsed.
fn parse_around(language: &Language, text: &str, prefiltered: &Prefiltered) -> Option<Tree> {
    let units = units_to_parse(language, text, prefiltered);
    let giants = giant_literals(language, text, prefiltered);
    if units.is_none() && giants.is_empty() {
        return parse(language, text);
    }
    let ranges = crate::units::without(
        units.unwrap_or_else(|| std::iter::once(0..text.len()).collect()),
        giants.iter().map(|g| g.inside.clone()),
    );
    let tree = parse_ranges(language, text, &crate::units::parser_ranges(text, &ranges));
    let parsed: usize = ranges.iter().map(|r| r.len()).sum();
    match tree.filter(|t| !t.root_node().has_error() && giants.iter().all(|g| g.is_read_in(t))) {
        Some(tree) => {
            tracing::trace!(
                ranges = ranges.len(),
                bytes = parsed,
                giants = giants.len(),
                "parsed around"
            );
            Some(tree)
        }
        None => {
            tracing::trace!(ranges = ranges.len(), "parse around has errors");
            parse(language, text)
        }
    }
}

/// A string literal at least this long is parsed as its quotes alone on the fast path
/// (`giant_literals`): a bundle or an asset held in a string (1.9 MB of Swagger UI in
/// `effect`'s sources) cost a tenth of a second to parse, escape by escape.
const GIANT_LITERAL: usize = 32 * 1024;

/// A giant string literal, and its inside (between its quotes).
struct GiantLiteral {
    whole: Range<usize>,
    inside: Range<usize>,
}

impl GiantLiteral {
    /// Whether the parse without the inside reads the literal as one string node that
    /// spans it quote to quote: then the parser was in the same state there as on the
    /// whole text (the text before it is the same), and leaves it in the same state.
    fn is_read_in(&self, tree: &Tree) -> bool {
        tree.root_node()
            .descendant_for_byte_range(self.inside.start, self.inside.end)
            .is_some_and(|node| {
                node.byte_range() == self.whole
                    && node.kind().contains("string")
                    && !node.kind().contains("template")
            })
    }
}

/// The rules whose findings never come from inside a giant string literal's node:
/// their queries capture a literal whole (its text is read from the file, inside
/// included), or the part of one that a short anchored predicate demands. The key
/// rules read secrets and hosts inside literals, and are left out.
const READ_LITERALS_WHOLE: &[RuleId] = &[
    RuleId::PlainHttpUrl,
    RuleId::TlsVerificationDisabled,
    RuleId::CorsPermissiveOrigin,
    RuleId::CspUnsafeSource,
    RuleId::OpenRedirect,
];

/// The giant string literals (`GIANT_LITERAL` bytes or more) of a file that the fast
/// path can parse as their quotes alone: quoted ones that hold no code (no template,
/// no f-string, no Java `\{` template), in a language whose lexer finds them, when
/// every rule that can fire reads literals whole.
fn giant_literals(language: &Language, text: &str, prefiltered: &Prefiltered) -> Vec<GiantLiteral> {
    use crate::language::LanguageId::{Go, Java, JavaScript, Python, Tsx, TypeScript};
    if text.len() < GIANT_LITERAL
        || !matches!(
            language.id,
            JavaScript | TypeScript | Tsx | Python | Go | Java
        )
        || !prefiltered
            .rules
            .iter()
            .all(|r| READ_LITERALS_WHOLE.contains(r))
    {
        return Vec::new();
    }
    let lexed;
    let lexed = match &prefiltered.lexed {
        Some(known) => known,
        None => match lexer::lex(language, text) {
            Some(known) => {
                lexed = known;
                &lexed
            }
            None => return Vec::new(),
        },
    };
    let bytes = text.as_bytes();
    lexed
        .strings
        .iter()
        .filter(|r| r.len() >= GIANT_LITERAL)
        .filter_map(|r| {
            let quote = bytes[r.start];
            let quotes_allowed: &[u8] = if language.id == Go { b"\"'`" } else { b"\"'" };
            if !quotes_allowed.contains(&quote) || bytes[r.end - 1] != quote {
                return None;
            }
            // `"""` and `'''` (Python, Java text blocks) keep all three quotes.
            let q = if bytes[r.start..].starts_with(&[quote; 3])
                && bytes[..r.end].ends_with(&[quote; 3])
            {
                3
            } else {
                1
            };
            let prefix = &bytes[r.start.saturating_sub(2)..r.start];
            let holds_code = match language.id {
                Python => prefix.iter().any(|b| matches!(b, b'f' | b'F')),
                Java => bytes[r.clone()].windows(2).any(|w| w == b"\\{"),
                _ => false,
            };
            (!holds_code && r.len() > 2 * q).then(|| GiantLiteral {
                whole: r.clone(),
                inside: r.start + q..r.end - q,
            })
        })
        .collect()
}

/// The ranges `parse_around` parses, or `None` for the whole file. The rules that can
/// fire must judge a trigger by its own unit: MUFI003, MUFI004, MUFI006 and MUFI007;
/// MUFI008 in Go (whose top level holds only declarations), and in Python when every
/// trigger is in a function, a class or an import. The key rules read the whole file
/// (the imports a fix adds to), and a suppression comment anywhere can silence a
/// finding.
fn units_to_parse(
    language: &Language,
    text: &str,
    prefiltered: &Prefiltered,
) -> Option<Vec<Range<usize>>> {
    use crate::language::LanguageId::{Go, Python};
    let hits = prefiltered.hits.as_ref()?;
    let by_unit = |rule: &RuleId| match rule {
        RuleId::PlainHttpUrl
        | RuleId::TlsVerificationDisabled
        | RuleId::CorsPermissiveOrigin
        | RuleId::CspUnsafeSource => true,
        RuleId::OpenRedirect => language.id == Go || language.id == Python,
        _ => false,
    };
    if !prefiltered.rules.iter().all(by_unit) || suppress::find_marker(text).is_some() {
        return None;
    }
    let lexed;
    let lexed = match &prefiltered.lexed {
        Some(known) => known,
        None => {
            lexed = lexer::lex(language, text)?;
            &lexed
        }
    };
    let units = crate::units::unit_starts(language, text, lexed)?;
    let offsets: Vec<usize> = hits.iter().flat_map(|(_, h)| [h.start, h.end]).collect();
    // MUFI008 judges a trigger among a script's top-level statements by all of them
    // (`Prefiltered::top_level_scope`): in Python, only triggers in functions, classes
    // and imports can be judged by their own unit.
    if language.id == Python
        && prefiltered.rules.contains(&RuleId::OpenRedirect)
        && !offsets.iter().all(|o| {
            let unit = units[crate::units::unit_of(&units, *o)];
            unit.code <= *o && (unit.is_python_declaration(text) || unit.is_python_import(text))
        })
    {
        return None;
    }
    // MUFI008 judges a trigger in a class by the whole class: its classes stay whole.
    let units = if language.id == Python && !prefiltered.rules.contains(&RuleId::OpenRedirect) {
        crate::units::units_and_members_holding(text, lexed, &units, &offsets)
    } else {
        crate::units::units_holding(&units, text.len(), &offsets)
    };
    let covered: usize = units.iter().map(|r| r.len()).sum();
    if covered * 2 > text.len() {
        return None;
    }
    Some(units)
}

/// Analyses one file. Findings are sorted by position and carry their fixes,
/// including the "ignore on this line" fix.
///
/// The fast path: a trigger only counts where its rule can read it (not in a comment,
/// in a language the rule has a query for), so most files are never parsed; and the
/// rules' queries run only over the statements and functions around the triggers.
/// Findings are the same as `analyze_thorough`'s (`tests/fast_path.rs` holds it so).
pub fn analyze(src: &SourceFile, file: &FileContext, config: &Config) -> Vec<Finding> {
    analyze_with(src, Context::Known(file), config, true, None)
}

/// `analyze` for a file whose context is costly to learn (it reads the folders around
/// it): `context` is called only when some rule can fire in the file, which most files
/// of a tree never reach. `path` names the file in traces. `planned` is what `plan`
/// found in this very text, if it was asked.
pub fn analyze_lazily(
    src: &SourceFile,
    path: &std::path::Path,
    context: &dyn Fn() -> FileContext,
    config: &Config,
    planned: Option<Planned>,
) -> Vec<Finding> {
    let file = Context::Later { path, context };
    analyze_with(src, file, config, true, planned.and_then(|p| p.0))
}

/// What `plan` found in a file, for its analysis (`analyze_lazily`) not to look again.
pub struct Planned(Option<Prefiltered>);

/// `check`'s first phase for one file, before anything is parsed: `None` when
/// `analyze_lazily` has no rule to run in it; else what the prefilter found, having
/// noted, through `queries::plan`, which patterns of each rule's query can match in
/// it. Once every file is planned, each query is compiled once with the patterns the
/// run needs (`queries::compile_planned`).
pub fn plan(src: &SourceFile, path: &std::path::Path, config: &Config) -> Option<Planned> {
    if src.text.len() > config.max_file_size {
        return None;
    }
    if src.language.has_embeds() {
        // Each region is looked at when it is analysed (`layers`).
        return Some(Planned(None));
    }
    let mut prefiltered = Prefiltered::new(src.text, src.language, config);
    prefiltered.keep(|rule| rule.reads_path(Some(path)));
    for rule in &prefiltered.rules {
        crate::queries::plan(src.language, *rule, src.text);
    }
    (!prefiltered.rules.is_empty()).then_some(Planned(Some(prefiltered)))
}

/// `analyze` without the fast path: every trigger counts, and queries run over the
/// whole file. The reference the fast path is tested against.
pub fn analyze_thorough(src: &SourceFile, file: &FileContext, config: &Config) -> Vec<Finding> {
    analyze_with(src, Context::Known(file), config, false, None)
}

/// A file's context, or how to learn it when it is needed.
enum Context<'a> {
    Known(&'a FileContext),
    Later {
        path: &'a std::path::Path,
        context: &'a dyn Fn() -> FileContext,
    },
}

fn analyze_with(
    src: &SourceFile,
    file: Context,
    config: &Config,
    fast: bool,
    planned: Option<Prefiltered>,
) -> Vec<Finding> {
    if src.text.len() > config.max_file_size {
        return Vec::new();
    }
    let path = match &file {
        Context::Known(file) => file.path.as_deref(),
        Context::Later { path, .. } => Some(*path),
    };
    let _file = tracing::trace_span!("analyze", path = ?path).entered();
    let started = std::time::Instant::now();
    // One prefilter scan decides both whether to parse and which rules run.
    let mut prefiltered = if let Some(planned) = planned {
        planned
    } else if fast && !src.language.has_embeds() {
        Prefiltered::new(src.text, src.language, config)
    } else {
        Prefiltered::everything(candidates_in(src.text, config, None))
    };
    // Before the parse: a declaration file that only such rules could fire in is not parsed.
    prefiltered.keep(|rule| rule.reads_path(path));
    tracing::trace!(
        language = src.language.name,
        bytes = src.text.len(),
        rules = ?prefiltered.rules,
        "prefiltered"
    );
    if prefiltered.rules.is_empty() && src.tree.is_none() && !src.language.has_embeds() {
        // No rule can fire: nothing to parse, and no context to learn. (An editor's
        // tree with errors has its rules looked for again, in `Plan::of`.)
        tracing::trace!(
            prefilter_us = started.elapsed().as_micros() as u64,
            parse_us = 0,
            rules_us = 0,
            "analysed"
        );
        return Vec::new();
    }
    let learned;
    let file = match file {
        Context::Known(file) => file,
        Context::Later { context, .. } => {
            learned = context();
            &learned
        }
    };
    let prefiltered_at = started.elapsed();
    let owned_tree;
    let tree = match src.tree {
        Some(tree) => Some(tree),
        None if prefiltered.rules.is_empty() => None,
        None => {
            owned_tree = if fast {
                parse_around(src.language, src.text, &prefiltered)
            } else {
                parse(src.language, src.text)
            };
            owned_tree.as_ref()
        }
    };
    let parsed_at = started.elapsed();
    let src = SourceFile {
        text: src.text,
        language: src.language,
        tree,
    };
    let findings = if src.language.has_embeds() {
        crate::layers::analyze_with(&src, file, config, fast).0
    } else {
        let plan = Plan::of(prefiltered, &src, config, fast, fast);
        let raw = run_rules(&src, file, config, plan.scopes(), None, plan.rules.clone());
        finish(raw, &src, config)
    };
    // Where one file's time went, for finding the dear ones:
    // `MUFI_LSP_LOG=mufi_lsp::engine=trace` (`docs/performance.md`).
    tracing::trace!(
        prefilter_us = prefiltered_at.as_micros() as u64,
        parse_us = (parsed_at - prefiltered_at).as_micros() as u64,
        rules_us = (started.elapsed() - parsed_at).as_micros() as u64,
        "analysed"
    );
    findings
}

/// The rules to run over a parsed file, and where.
pub(crate) struct Plan {
    pub rules: Vec<RuleId>,
    local: Option<Vec<Range<usize>>>,
    whole: Option<Vec<Range<usize>>>,
    urls: Option<Vec<Range<usize>>>,
}

impl Plan {
    /// What the prefilter found over `src`, judged as a whole where the parse has
    /// errors, with the scopes around the triggers on the fast path.
    fn of(
        prefiltered: Prefiltered,
        src: &SourceFile,
        config: &Config,
        fast: bool,
        scoped: bool,
    ) -> Plan {
        use crate::language::LanguageId::{JavaScript, Tsx};
        // Where the parse found errors, tree-sitter's recovery can read as code what
        // the lexer took for a comment (an unclosed `/*`): judge such files as a whole.
        let prefiltered = match src.tree {
            Some(tree) if fast && tree.root_node().has_error() => {
                Prefiltered::everything(may_match(
                    candidates_in(src.text, config, None),
                    src.language,
                    crate::queries::Haystack {
                        text: src.text,
                        comments: None,
                        strings: None,
                    },
                ))
            }
            // JavaScript's lexer cannot tell text in a string literal from code (JSX
            // text), its tree can: a rule whose demands are met only inside strings (a
            // bundle holding another as one string) needs no query run. Only where such a
            // rule is left: the walk over the tree costs about what a query run does.
            Some(tree)
                if fast
                    && matches!(src.language.id, JavaScript | Tsx)
                    && prefiltered
                        .rules
                        .iter()
                        .any(|rule| rule.meta().query_only.is_some()) =>
            {
                let (strings, comments) = crate::syntax::strings_and_comments(tree);
                let rules = may_match(
                    prefiltered.rules.clone(),
                    src.language,
                    crate::queries::Haystack {
                        text: src.text,
                        comments: Some(&comments),
                        strings: Some(&strings),
                    },
                );
                let mut prefiltered = prefiltered;
                prefiltered.keep(|rule| rules.contains(&rule));
                prefiltered
            }
            _ => prefiltered,
        };
        let (local, whole, urls) = match (scoped, src.tree) {
            (true, Some(tree)) => {
                let local = prefiltered.scope(tree, src.text.len());
                let units = local
                    .as_ref()
                    .map_or(src.text.len(), |units| units.iter().map(|u| u.len()).sum());
                (
                    local,
                    prefiltered.top_level_scope(tree, src.language),
                    prefiltered.url_scope(units),
                )
            }
            _ => (None, None, None),
        };
        Plan {
            rules: prefiltered.rules,
            local,
            whole,
            urls,
        }
    }

    /// The plan for the host layer of a file that embeds code (its regions blanked in
    /// `src`): on the fast path, the same prefilter as any file's, over the whole host.
    /// No scopes: a page's markup can hold thousands of triggers (its links) among
    /// thousands of top-level nodes, and finding the unit around each costs more than
    /// the host's queries, which see mostly blank text.
    pub(crate) fn host(src: &SourceFile, config: &Config, fast: bool) -> Plan {
        let prefiltered = if fast {
            Prefiltered::new(src.text, src.language, config)
        } else {
            Prefiltered::everything(candidates_in(src.text, config, None))
        };
        Plan::of(prefiltered, src, config, fast, false)
    }

    pub(crate) fn scopes(&self) -> Scopes<'_> {
        Scopes {
            local: self.local.as_deref(),
            whole: self.whole.as_deref(),
            urls: self.urls.as_deref(),
            batched: false,
        }
    }
}

/// Whether `src` is analysed layer by layer (`analyze_layers`): it holds code of
/// another language. A file of a language that can embed others but does not (a JSON
/// file without `scripts`, YAML without `run:` steps) is analysed like any other.
pub fn is_layered(src: &SourceFile) -> bool {
    layered_regions(src).is_some()
}

/// The regions of embedded code in `src`, when there are any (`is_layered`).
pub fn layered_regions(src: &SourceFile) -> Option<Vec<crate::language::embed::Region>> {
    if !src.language.has_embeds() {
        return None;
    }
    Some(src.language.embedded_regions(src.text, src.tree)).filter(|r| !r.is_empty())
}

/// The fewest bytes of units per place for MUFI003 to read its places one by one
/// (`Prefiltered::url_scope`).
const URL_SPACING: usize = 512;

/// What the prefilter found in one file: the rules that can fire, and where their
/// triggers are.
struct Prefiltered {
    rules: Vec<RuleId>,
    /// The triggers that count, in order, with their rules; `None` when every part of
    /// the file must be read (the thorough path).
    hits: Option<Vec<(RuleId, Range<usize>)>>,
    /// The file's strings and comments, when the prefilter lexed it.
    lexed: Option<lexer::Lexed>,
}

impl Prefiltered {
    fn everything(rules: Vec<RuleId>) -> Prefiltered {
        Prefiltered {
            rules,
            hits: None,
            lexed: None,
        }
    }

    /// Keeps the rules `keep` accepts, and only their triggers.
    fn keep(&mut self, keep: impl Fn(RuleId) -> bool) {
        self.rules.retain(|rule| keep(*rule));
        if let Some(hits) = &mut self.hits {
            hits.retain(|(rule, _)| keep(*rule));
        }
    }

    /// Where MUFI003 reads: the places of its own triggers. Each of its findings is a
    /// URL that starts at a trigger (`http://`), in a literal a match captures; that
    /// match's root holds the literal, so it intersects
    /// the trigger, and a query cursor limited to the trigger's bytes still finds it
    /// (tree-sitter starts a match at any node that intersects the range, and follows
    /// it into nodes outside it). A minified bundle held in one string literal is one
    /// statement: its unit is the whole file, its trigger a few bytes. Each place is a
    /// walk down from the root, past the siblings before it: where the places are
    /// dense (more than one per `URL_SPACING` bytes of the units the other rules read,
    /// `units`), one walk over the units costs less.
    fn url_scope(&self, units: usize) -> Option<Vec<Range<usize>>> {
        let hits = self.hits.as_ref()?;
        let urls = crate::incremental::merge(
            hits.iter()
                .filter(|(rule, _)| *rule == RuleId::PlainHttpUrl)
                .map(|(_, range)| range.clone())
                .collect(),
        );
        (urls.len() * URL_SPACING <= units).then_some(urls)
    }

    /// One pass of the automaton over `text`. A trigger counts when its rule is
    /// enabled and can fire in `language`, and it sits where the rule reads: outside
    /// comments for most, anywhere for a key (a key in a comment is leaked too), inside
    /// comments for a suppression. The comments are lexed only when a hit needs it.
    fn new(text: &str, language: &'static Language, config: &Config) -> Prefiltered {
        let pf = prefilter();
        let language_at = language_index(language);
        let mut lexed: Option<Option<lexer::Lexed>> = None;
        let mut docstrings: Option<Vec<Range<usize>>> = None;
        let mut hit = [false; ALL.len()];
        let mut hits = Vec::new();
        let mut policy_hit = false;
        for m in pf.automaton.find_overlapping_iter(text) {
            let pattern = m.pattern().as_usize();
            let rule = pf.owner[pattern];
            let Some(place) = pf.place[pattern][language_at] else {
                continue;
            };
            if !config.is_enabled(rule) {
                continue;
            }
            let range = m.start()..m.end();
            if place != Place::Anywhere {
                let known = lexed.get_or_insert_with(|| lexer::lex(language, text));
                if let Some(known) = known {
                    let counts = match place {
                        Place::InComments => lexer::inside(&known.comments, &range),
                        Place::InStrings => lexer::inside(&known.strings, &range),
                        _ => !lexer::inside(&known.comments, &range),
                    };
                    if !counts {
                        continue;
                    }
                }
            }
            if rule == RuleId::PlainHttpUrl
                && rules::plain_http_url::never_flagged(text, range.start, config)
            {
                continue;
            }
            // MUFI003 passes over Python's docstrings.
            if rule == RuleId::PlainHttpUrl && language.id == crate::language::LanguageId::Python {
                let known = lexed.get_or_insert_with(|| lexer::lex(language, text));
                if let Some(known) = known {
                    let docstrings =
                        docstrings.get_or_insert_with(|| lexer::python_docstrings(text, known));
                    if lexer::inside(docstrings, &range) {
                        continue;
                    }
                }
            }
            if rule == RuleId::CspUnsafeSource && names_a_policy_directive(pf.triggers[pattern]) {
                policy_hit = true;
            }
            hit[rule_index(rule)] = true;
            hits.push((rule, range));
        }
        let mut rules: Vec<RuleId> = ALL
            .iter()
            .zip(hit)
            .filter_map(|(rule, h)| h.then_some(*rule))
            .collect();
        // A node a query's predicate names starts outside comments: where the lexer
        // knows them (it was run for a trigger above, or is cheap to run now), the
        // demanded text counts only there.
        let gated = rules.iter().any(|r| r.meta().query_only.is_some());
        let known = match lexed {
            Some(known) => known,
            None if gated => lexer::lex(language, text),
            None => None,
        };
        let strings = known
            .as_ref()
            .and_then(|l| lexer::code_free_strings(language, text, l));
        let hay = crate::queries::Haystack {
            text,
            comments: known.as_ref().map(|l| l.comments.as_slice()),
            strings: strings.as_deref(),
        };
        rules = may_match(rules, language, hay);
        // MUFI007 reads a string as a policy only where a directive it judges is named
        // (`script-src`): without one, only its query's matches can make a finding.
        if !policy_hit {
            rules.retain(|rule| {
                *rule != RuleId::CspUnsafeSource || crate::queries::may_match(language, *rule, hay)
            });
        }
        hits.retain(|(rule, _)| rules.contains(rule));
        if !config.extra_key_names.is_empty() && mentions_extra_key_name(text, config) {
            // The user's own key names have no trigger positions: read the whole file.
            rules.extend(KEY_NAME_RULES);
            rules.sort();
            rules.dedup();
            rules.retain(|r| config.is_enabled(*r));
            return Prefiltered::everything(rules);
        }
        Prefiltered {
            rules,
            hits: Some(hits),
            lexed: known,
        }
    }

    /// The statements and functions that hold the triggers: the only places a rule
    /// can fire (the property the editor's incremental path rests on too). `None`
    /// when they are most of the file, where one pass over all of it is cheaper.
    fn scope(&self, tree: &Tree, len: usize) -> Option<Vec<Range<usize>>> {
        let hits = self.hits.as_ref()?;
        let units = crate::incremental::merge(
            hits.iter()
                .map(|(_, h)| crate::incremental::expand(tree, h))
                .collect(),
        );
        let covered: usize = units.iter().map(|r| r.end - r.start).sum();
        (covered * 2 <= len).then_some(units)
    }

    /// The top-level declarations that hold the triggers: where the rules judged in
    /// the whole file look. A redirect's target is read from the request in the
    /// handler around it, so a declaration (a function, a class) holds both; top-level
    /// statements of a script can read the request in one and redirect in another, so
    /// a trigger among them means the whole file. An import reads nothing from the
    /// request and redirects nowhere: a trigger there (`from flask import redirect`)
    /// asks for no unit.
    fn top_level_scope(&self, tree: &Tree, language: &Language) -> Option<Vec<Range<usize>>> {
        let hits = self.hits.as_ref()?;
        let root = tree.root_node();
        // Down from the root: `parent()` walks are as deep as the tree, per step.
        let top_level = |h: &Range<usize>| {
            let node = root.descendant_for_byte_range(h.start, h.end)?;
            if node.id() == root.id() {
                return None;
            }
            root.child_with_descendant(node)
        };
        let mut units = Vec::with_capacity(hits.len());
        for (_, hit) in hits {
            match top_level(hit) {
                Some(unit) if is_declaration(language, unit) => units.push(unit.byte_range()),
                Some(unit) if is_import(unit) => {}
                _ => return None,
            }
        }
        Some(crate::incremental::merge(units))
    }
}

/// `rules` without those whose findings all come from query matches that cannot occur
/// in `text`: the text their predicates demand is not there.
fn may_match(
    mut rules: Vec<RuleId>,
    language: &'static Language,
    hay: crate::queries::Haystack,
) -> Vec<RuleId> {
    rules.retain(|rule| {
        rule.meta().query_only.is_none() || crate::queries::may_match(language, *rule, hay)
    });
    rules
}

/// Whether a top-level node is an import (`import os`, `from flask import redirect`,
/// `import { redirect } from "next/navigation"`).
fn is_import(node: tree_sitter::Node) -> bool {
    matches!(
        node.kind(),
        "import_statement" | "import_from_statement" | "future_import_statement"
    )
}

/// Whether a top-level node is a declaration that holds its own code (a function, a
/// class), rather than a statement of a script. Go, Java, Kotlin, Rust and Dart have
/// no statements at the top level.
fn is_declaration(language: &Language, node: tree_sitter::Node) -> bool {
    use crate::language::LanguageId::*;
    if matches!(language.id, Go | Java | Kotlin | Rust | Dart) {
        return true;
    }
    let kind = match node.kind() {
        "export_statement" => node
            .named_child(0)
            .map_or("export_statement", |declaration| declaration.kind()),
        kind => kind,
    };
    matches!(
        kind,
        "function_declaration"
            | "generator_function_declaration"
            | "class_declaration"
            | "abstract_class_declaration"
            | "function_definition"
            | "class_definition"
            | "decorated_definition"
            | "method_declaration"
    )
}

/// Whether a MUFI007 trigger names a policy directive the rule judges in a string
/// (`script-src`, `default-src`, `frame-src`, `child-src`): a policy with a problem
/// holds one of them (`csp_unsafe_source::policy_problems_in`).
fn names_a_policy_directive(trigger: &str) -> bool {
    trigger.ends_with("-src")
}

/// Where a trigger must sit to count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Anywhere,
    OutsideComments,
    InComments,
    /// In a string literal: a policy string for MUFI007.
    InStrings,
}

/// Where `rule`'s `trigger` counts in `language`, or `None` when it cannot make the
/// rule fire there. A rule fires only in languages it has a query for (dotenv files
/// are read by the rules' own code); MUFI006 and MUFI008 judge nothing their queries
/// do not name, so there a trigger counts only where the language's query names it;
/// MUFI007 also reads every string as a possible policy; the key rules read JWTs in
/// any text, comments included.
fn place_of(rule: RuleId, trigger: &str, language: &Language) -> Option<Place> {
    use crate::language::LanguageId::Dotenv;
    let dotenv = language.id == Dotenv;
    let query = |r| crate::queries::has_query(language, r);
    let named = || crate::queries::mentions(language, rule, trigger);
    let outside = Some(Place::OutsideComments);
    match rule {
        RuleId::UnusedSuppression => Some(Place::InComments),
        RuleId::HardcodedApiKey | RuleId::LeastPrivilegeKey
            if trigger.eq_ignore_ascii_case("eyj") =>
        {
            (!dotenv || rule == RuleId::LeastPrivilegeKey).then_some(Place::Anywhere)
        }
        RuleId::HardcodedApiKey => (!dotenv && query(rule)).then_some(Place::OutsideComments),
        RuleId::LeastPrivilegeKey => outside,
        RuleId::SecretFileNotIgnored => dotenv.then_some(Place::OutsideComments),
        RuleId::CspUnsafeSource if named() => outside,
        // Any string is read as a policy, and a policy string has a problem only in a
        // `script-src`, `default-src`, `frame-src` or `child-src` directive it holds.
        RuleId::CspUnsafeSource if names_a_policy_directive(trigger) => {
            query(RuleId::PlainHttpUrl).then_some(Place::InStrings)
        }
        RuleId::CspUnsafeSource => None,
        // MUFI004's code also judges values its queries do not name (`CERT_NONE`).
        RuleId::ClientSideMufiAccess | RuleId::PlainHttpUrl | RuleId::TlsVerificationDisabled => {
            (dotenv || query(rule)).then_some(Place::OutsideComments)
        }
        // A CORS plugin's block names its hosts without saying "origin": Ktor's
        // `install(CORS) { allowHost("…") }`.
        RuleId::CorsPermissiveOrigin if trigger == "cors" => {
            (dotenv || query(rule)).then_some(Place::OutsideComments)
        }
        RuleId::OpenRedirect | RuleId::CorsPermissiveOrigin => {
            (dotenv || named()).then_some(Place::OutsideComments)
        }
    }
}

fn rule_index(rule: RuleId) -> usize {
    ALL.iter().position(|r| *r == rule).unwrap_or(0)
}

fn language_index(language: &Language) -> usize {
    crate::language::registry()
        .iter()
        .position(|l| l.id == language.id)
        .unwrap_or(0)
}

/// Runs the rules that can fire, without suppressions: the "raw" findings. With
/// `scope`, queries run only over those byte ranges (the editor's incremental path;
/// the caller keeps findings outside them from an earlier run). `client_reason` is the
/// file's client-side classification when the caller has it already.
pub fn analyze_rules(
    src: &SourceFile,
    file: &FileContext,
    config: &Config,
    scope: Option<&[Range<usize>]>,
    client_reason: Option<&Option<String>>,
) -> Vec<Finding> {
    let whole = match scope {
        Some(_) => whole_file_triggers(src.text),
        None => Vec::new(),
    };
    analyze_rules_knowing(src, file, config, scope, client_reason, &whole)
}

/// `analyze_rules` where the caller knows which rules judged in the whole file have
/// triggers in it (`whole_file_triggers`; the editor keeps them through edits rather
/// than read a large file for them on every keystroke).
pub(crate) fn analyze_rules_knowing(
    src: &SourceFile,
    file: &FileContext,
    config: &Config,
    scope: Option<&[Range<usize>]>,
    client_reason: Option<&Option<String>>,
    whole_file: &[(RuleId, Range<usize>)],
) -> Vec<Finding> {
    if src.text.len() > config.max_file_size {
        return Vec::new();
    }
    let mut candidates = candidates_in(src.text, config, scope);
    if scope.is_some() {
        // Rules judged in the whole file run whenever the file can trigger them.
        for (rule, _) in whole_file {
            if !candidates.contains(rule) && config.is_enabled(*rule) {
                candidates.push(*rule);
            }
        }
    }
    // The editor's scopes are units: the findings kept from before are replaced unit
    // by unit.
    let scopes = Scopes {
        local: scope,
        whole: None,
        urls: None,
        batched: true,
    };
    run_rules(src, file, config, scopes, client_reason, candidates)
}

/// The enabled rules whose triggers occur in the text, or with a scope, in its ranges:
/// a rule can only fire in a scope whose text holds one of its triggers, since the
/// units a scope is made of (functions, statements) hold everything a rule reads locally.
/// The one thing read across units is a key's text: error recovery can split a token
/// between two of them, so each range is read to the ends of the tokens at its edges.
pub(crate) fn candidates_in(
    text: &str,
    config: &Config,
    scope: Option<&[Range<usize>]>,
) -> Vec<RuleId> {
    let mut candidates: Vec<RuleId> = match scope {
        None => candidate_rules(text),
        Some(ranges) => ranges
            .iter()
            .filter_map(|r| text.get(jwt::widen_to_tokens(text, r.clone())))
            .flat_map(candidate_rules)
            .collect(),
    };
    if !config.extra_key_names.is_empty() {
        let pieces: Vec<&str> = match scope {
            None => vec![text],
            Some(ranges) => ranges.iter().filter_map(|r| text.get(r.clone())).collect(),
        };
        if pieces.iter().any(|p| mentions_extra_key_name(p, config)) {
            candidates.extend(KEY_NAME_RULES);
        }
    }
    candidates.sort();
    candidates.dedup();
    candidates.retain(|r| config.is_enabled(*r));
    candidates
}

/// The rules that read key names, and so can fire on the user's own names in a file
/// that never says "mufi".
const KEY_NAME_RULES: [RuleId; 3] = [
    RuleId::HardcodedApiKey,
    RuleId::ClientSideMufiAccess,
    RuleId::SecretFileNotIgnored,
];

/// Whether `text` may hold one of the user's extra key names in any spelling
/// (`PAY_TOKEN`, `payToken`): the first word of the name, in any case, occurs.
fn mentions_extra_key_name(text: &str, config: &Config) -> bool {
    config.extra_key_names.iter().any(|name| {
        let Some(first) = rules::words(name).into_iter().next() else {
            return false;
        };
        let first = first.to_ascii_lowercase();
        text.as_bytes()
            .windows(first.len())
            .any(|w| w.eq_ignore_ascii_case(first.as_bytes()))
    })
}

/// Where a run's rules look: `local` for most (`None`: everywhere), `whole` for the
/// rules judged in the whole file (`None`: the whole file).
#[derive(Clone, Copy, Default)]
pub(crate) struct Scopes<'a> {
    local: Option<&'a [Range<usize>]>,
    whole: Option<&'a [Range<usize>]>,
    /// MUFI003's: the places of its own triggers (`Prefiltered::url_scope`).
    urls: Option<&'a [Range<usize>]>,
    /// Whether the rules reading `local` run as one batched query (`queries::batch`):
    /// the editor's keystrokes, which run the same few sets of rules again and again.
    /// Not a scan's or `check`'s plans, whose sets vary from file to file and would
    /// take up the batches a language may have.
    batched: bool,
}

impl<'a> Scopes<'a> {
    /// Where `rule` reads, `None` for the whole file.
    fn of(&self, rule: RuleId) -> Option<&'a [Range<usize>]> {
        match rule {
            RuleId::PlainHttpUrl if self.urls.is_some() => self.urls,
            _ if rule.judged_in_whole_file() => self.whole,
            _ => self.local,
        }
    }
}

pub(crate) fn run_rules(
    src: &SourceFile,
    file: &FileContext,
    config: &Config,
    scopes: Scopes,
    client_reason: Option<&Option<String>>,
    candidates: Vec<RuleId>,
) -> Vec<Finding> {
    let needs_reason = candidates
        .iter()
        .any(|r| matches!(r, RuleId::HardcodedApiKey | RuleId::ClientSideMufiAccess));
    let client_reason = match client_reason {
        Some(known) => known.clone(),
        None if needs_reason => project::classify(file, src.text, src.language, config),
        None => None,
    };
    let mut findings = Vec::new();
    let rules: Vec<RuleId> = candidates
        .into_iter()
        .filter(|rule| rule.reads_path(file.path.as_deref()))
        .collect();
    let mut batched = batched_matches(src, scopes, &rules);
    for rule in rules {
        let scope = scopes.of(rule);
        let matched = batched
            .iter_mut()
            .find(|(r, _)| *r == rule)
            .map(|(_, matches)| std::mem::take(matches));
        let cx = RuleContext::new(rule, src.text, src.language, src.tree, file, config)
            .with_scope(scope)
            .with_client_reason(&client_reason)
            .with_matches(matched);
        let started = std::time::Instant::now();
        let mut found = rules::run_rule(rule, cx);
        tracing::trace!(
            ?rule,
            scoped = scope.is_some(),
            us = started.elapsed().as_micros() as u64,
            "rule ran"
        );
        if let (Some(scope), false) = (scope, rule.judged_in_whole_file()) {
            found.retain(|f| starts_in_any(&f.range, scope));
        }
        findings.extend(found);
    }
    findings
}

/// The matches of the queries of `rules` that read the local scope, found in one walk
/// over it (`queries::batch`) when the scopes are batched, there are several, and
/// their batch is compiled. A run over the whole file (the editor's first analysis of
/// it) asks for the batch of all its rules, which its keystrokes' smaller sets use.
fn batched_matches<'t>(
    src: &SourceFile<'t>,
    scopes: Scopes,
    rules: &[RuleId],
) -> Vec<(RuleId, Vec<crate::queries::QueryMatchOwned<'t>>)> {
    let (Some(tree), true) = (src.tree, scopes.batched) else {
        return Vec::new();
    };
    let local_rules: Vec<RuleId> = rules
        .iter()
        .copied()
        .filter(|rule| {
            let local = match scopes.local {
                Some(local) => scopes.of(*rule) == Some(local),
                None => !rule.judged_in_whole_file() && scopes.of(*rule).is_none(),
            };
            local && crate::queries::has_query(src.language, *rule)
        })
        .collect();
    let need = match scopes.local {
        Some(_) => crate::queries::Need::Now,
        None => crate::queries::Need::Ahead,
    };
    let whole = 0..src.text.len();
    let scope = scopes.local.unwrap_or(std::slice::from_ref(&whole));
    match crate::queries::batch(src.language, &local_rules, need) {
        Some(batch) => batch.run(tree, src.text, scope),
        None => Vec::new(),
    }
}

/// Whether `range` starts inside one of `ranges`: a finding belongs to the scope its
/// start is in, so a scoped run and the findings kept from before never overlap.
pub fn starts_in_any(range: &Range<usize>, ranges: &[Range<usize>]) -> bool {
    ranges.iter().any(|r| r.contains(&range.start))
}

/// Turns raw findings into what users see: severities, order, no duplicates,
/// suppressions applied (with unused-suppression hints), and the ignore fix.
pub fn finish(findings: Vec<Finding>, src: &SourceFile, config: &Config) -> Vec<Finding> {
    let marked = suppress::find_marker(src.text).is_some();
    finish_knowing(findings, src, config, marked)
}

/// `finish`, told whether the text holds a suppression marker (`suppress::find_marker`)
/// by one who kept track of it through the edits (`FileFacts::marker`), so that a
/// keystroke need not search the whole text for one.
pub fn finish_knowing(
    findings: Vec<Finding>,
    src: &SourceFile,
    config: &Config,
    marked: bool,
) -> Vec<Finding> {
    finish_layer(findings, src, config, src.text, None, marked)
}

/// `finish` for one layer of a file. `original` is the file's real text, which the
/// ignore comment's indentation is read from; for an embedded layer, the comment is
/// only offered where it lands inside the layer's `regions`. `marked`: whether the
/// layer's text holds a suppression marker (`suppress::find_marker`).
pub(crate) fn finish_layer(
    mut findings: Vec<Finding>,
    src: &SourceFile,
    config: &Config,
    original: &str,
    regions: Option<&[&embed::Region]>,
    marked: bool,
) -> Vec<Finding> {
    for f in &mut findings {
        f.severity = config.severity_for(f.rule, f.severity);
        // A message or fix title that quotes code can quote a key with it: every
        // face shows these, so no rule may print one whole.
        f.message = crate::jwt::redact_runs(&f.message);
        for fix in &mut f.fixes {
            fix.title = crate::jwt::redact_runs(&fix.title);
        }
    }
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.range == b.range);
    // Without a marker in the text, nothing is suppressed and no directive is unused.
    let mut findings = if marked {
        suppress::apply(findings, src.text, src.language, src.tree, config)
    } else {
        findings
    };
    for f in &mut findings {
        if f.rule == RuleId::UnusedSuppression {
            continue;
        }
        let line_start = lines::line_start(original, f.range.start.min(original.len()));
        let lands_inside = regions.is_none_or(|rs| {
            rs.iter()
                .any(|r| r.range.start <= line_start && line_start < r.range.end)
        });
        if !lands_inside {
            continue;
        }
        if let Some(fix) = suppress::ignore_fix(f, original, src.language, src.tree) {
            f.fixes.push(fix);
        }
    }
    findings.sort_by_key(|f| (f.range.start, f.range.end, f.rule));
    findings
}

/// Picks, in order, the fixes whose local edits are valid for `text` and overlap no
/// edit already picked.
pub fn select_fixes<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> Vec<&'f Fix> {
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut chosen = Vec::new();
    for fix in fixes {
        let ranges: Vec<Range<usize>> = fix
            .edits
            .iter()
            .filter_map(|e| match e {
                Edit::Replace { range, .. } => Some(range.clone()),
                _ => None,
            })
            .collect();
        let valid = !ranges.is_empty()
            && ranges.iter().all(|r| {
                r.start <= r.end
                    && r.end <= text.len()
                    && text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end)
            });
        let overlaps = ranges.iter().any(|r| {
            taken.iter().any(|t| {
                (r.start < t.end && t.start < r.end)
                    || (r.start == t.start && (r.is_empty() || t.is_empty()))
            })
        });
        if valid && !overlaps {
            taken.extend(ranges);
            chosen.push(fix);
        }
    }
    chosen
}

/// Applies the local edits of the fixes `select_fixes` picks. Returns the new text
/// and how many fixes were applied.
pub fn apply_fixes<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> (String, usize) {
    let chosen = select_fixes(text, fixes);
    let mut edits: Vec<(Range<usize>, &str)> = chosen
        .iter()
        .flat_map(|fix| fix.edits.iter())
        .filter_map(|e| match e {
            Edit::Replace { range, text } => Some((range.clone(), text.as_str())),
            _ => None,
        })
        .collect();
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, new_text) in edits {
        out.push_str(&text[last..range.start]);
        out.push_str(new_text);
        last = range.end;
    }
    out.push_str(&text[last..]);
    (out, chosen.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `layers::around` rests on it: a trigger that is all white space could occur in the
    /// blanked part of a layer alone.
    #[test]
    fn no_trigger_is_all_white_space() {
        for rule in ALL {
            for trigger in rule.meta().triggers {
                assert!(
                    trigger.bytes().any(|b| !b.is_ascii_whitespace()),
                    "{rule}: {trigger:?}"
                );
            }
        }
    }

    /// A file no rule can fire in never has its context learned (it reads the
    /// folders around the file); one where a rule can fire has, and finds the same.
    #[test]
    fn a_file_without_triggers_costs_no_context() {
        use crate::language::LanguageId;
        let path = std::path::Path::new("app/main.py");
        let learned = std::cell::Cell::new(0);
        let context = || {
            learned.set(learned.get() + 1);
            FileContext::for_path(path)
        };
        let config = Config::default();
        let python = Language::get(LanguageId::Python);
        let src = |text| SourceFile {
            text,
            language: python,
            tree: None,
        };
        let quiet = "# Fetch it over http://example.com, verify it.\nx = 1\n";
        assert_eq!(
            analyze_lazily(&src(quiet), path, &context, &config, None),
            vec![]
        );
        // `check` does not keep it after reading it.
        assert!(plan(&src(quiet), path, &config).is_none());
        assert_eq!(learned.get(), 0);
        let loud = "import requests\nrequests.get(url, verify=False)\n";
        let planned = plan(&src(loud), path, &config);
        assert!(planned.is_some());
        let found = analyze_lazily(&src(loud), path, &context, &config, None);
        assert_eq!(learned.get(), 1);
        // What `plan` found serves the analysis of the same text.
        assert_eq!(
            found,
            analyze_lazily(&src(loud), path, &context, &config, planned)
        );
        assert_eq!(
            found,
            analyze(&src(loud), &FileContext::for_path(path), &config)
        );
        assert!(found
            .iter()
            .any(|f| f.rule == RuleId::TlsVerificationDisabled));
    }

    /// A TypeScript declaration file is not read by the rules about what code does when
    /// it runs, in `check` (lazily), in a full analysis and on the editor's scoped path;
    /// the same text as a `.ts` file is, and the other rules read both.
    #[test]
    fn declaration_files_are_not_read_by_the_rules_about_running_code() {
        use crate::language::LanguageId;
        let text = "import cors from 'cors';\napp.use(cors());\n\
            https.request({ rejectUnauthorized: false });\n\
            export function go(req, res) { res.redirect(req.query.next); }\n\
            export const base = \"http://api.mufi.app/v1\";\n";
        let typescript = Language::get(LanguageId::TypeScript);
        let tree = parse(typescript, text);
        let config = Config::default();
        let rules_in = |path: &str, parsed: bool| {
            let path = std::path::Path::new(path);
            let file = FileContext::for_path(path);
            let src = SourceFile {
                text,
                language: typescript,
                tree: tree.as_ref().filter(|_| parsed),
            };
            let rules = |found: Vec<Finding>| {
                let mut rules: Vec<RuleId> = found.iter().map(|f| f.rule).collect();
                rules.sort();
                rules.dedup();
                rules
            };
            let full = rules(analyze(&src, &file, &config));
            let lazy = analyze_lazily(&src, path, &|| file.clone(), &config, None);
            assert_eq!(rules(lazy), full, "{path:?}");
            if parsed {
                let whole = 0..text.len();
                let scope = std::slice::from_ref(&whole);
                let scoped = analyze_rules(&src, &file, &config, Some(scope), None);
                assert_eq!(rules(scoped), full, "{path:?}");
            }
            full
        };
        for parsed in [false, true] {
            use RuleId::*;
            let running = [TlsVerificationDisabled, CorsPermissiveOrigin, OpenRedirect];
            let in_ts = rules_in("src/server.ts", parsed);
            assert!(running.iter().all(|r| in_ts.contains(r)), "{in_ts:?}");
            assert!(in_ts.contains(&PlainHttpUrl));
            for path in ["types/server.d.ts", "lib/index.D.MTS", "x.d.cts"] {
                let in_dts = rules_in(path, parsed);
                assert_eq!(in_dts, vec![PlainHttpUrl], "{path}");
            }
        }
        assert!(!crate::language::is_declaration_file(std::path::Path::new(
            ".d.ts"
        )));
        assert!(!crate::language::is_declaration_file(std::path::Path::new(
            "d.ts"
        )));
    }

    /// Declarations without a trigger, more bytes than `len` of them.
    fn filler(one: impl Fn(usize) -> String, len: usize) -> String {
        let mut out = String::new();
        let mut i = 0;
        while out.len() <= len {
            out.push_str(&one(i));
            i += 1;
        }
        out
    }

    /// Go functions without a trigger, more than 2,000 bytes of them.
    fn go_functions() -> String {
        filler(
            |i| format!("func f{i}() int {{\n\treturn {i}\n}}\n\n"),
            2000,
        )
    }

    fn parsed_units(language: &'static Language, text: &str) -> Option<Vec<Range<usize>>> {
        let prefiltered = Prefiltered::new(text, language, &Config::default());
        units_to_parse(language, text, &prefiltered)
    }

    fn fast_and_thorough(language: &'static Language, text: &str) -> (Vec<Finding>, Vec<Finding>) {
        let src = SourceFile {
            text,
            language,
            tree: None,
        };
        let file = FileContext::for_path(std::path::Path::new("app/main"));
        let config = Config::default();
        (
            analyze(&src, &file, &config),
            analyze_thorough(&src, &file, &config),
        )
    }

    /// A big Go file costs a parse of the declarations that hold its triggers and of its
    /// head, not of the rest; what that finds is what a whole parse finds.
    #[test]
    fn only_the_units_around_the_triggers_of_a_go_file_are_parsed() {
        use crate::language::LanguageId;
        let go = Language::get(LanguageId::Go);
        let head = "package main\n\nimport \"net/http\"\n\n";
        let fill = go_functions();
        let client = "// Client skips checks.\nvar client = &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}\n";
        let text = format!("{head}{fill}{client}{fill}");
        let start = head.len() + fill.len();
        assert_eq!(
            parsed_units(go, &text),
            Some(vec![0..13, start - 1..start + client.len()])
        );
        let (fast, thorough) = fast_and_thorough(go, &text);
        assert_eq!(fast.len(), 1, "{fast:?}");
        assert_eq!(fast, thorough);
        // A suppression comment may be anywhere: the whole file is parsed.
        let suppressed = format!("{text}// mufi-lsp: ignore-file MUFI004\n");
        assert_eq!(parsed_units(go, &suppressed), None);
    }

    /// A parse of the units that has an error (the lexer misread the file, or the code
    /// is broken) gives way to a parse of the whole file.
    #[test]
    fn units_that_parse_with_errors_give_way_to_the_whole_file() {
        use crate::language::LanguageId;
        let go = Language::get(LanguageId::Go);
        let fill = go_functions();
        let parsed = |text: &str| {
            let prefiltered = Prefiltered::new(text, go, &Config::default());
            let tree = parse_around(go, text, &prefiltered).expect("a tree");
            let ranges = tree.included_ranges();
            (
                ranges.len(),
                ranges[0].start_byte,
                ranges[ranges.len() - 1].end_byte,
            )
        };
        let clean = format!(
            "package main\n\n{fill}var c = tls.Config{{InsecureSkipVerify: true}}\n\n{fill}"
        );
        assert_eq!(parsed(&clean).0, 2);
        let broken = format!(
            "package main\n\n{fill}var c = tls.Config{{InsecureSkipVerify: true,,}}\n\n{fill}"
        );
        // The whole text: one range, from the start, with no end.
        assert_eq!(parsed(&broken), (1, 0, u32::MAX as usize));
    }

    /// A literal past `GIANT_LITERAL` bytes (a bundle in a string) is parsed as its
    /// quotes alone, and what the fast path finds is what a whole parse finds: the URL
    /// inside it, the setting beside it. A literal that holds code (an f-string, a
    /// template) is parsed whole, and the call inside it is found.
    #[test]
    fn a_giant_string_literal_is_parsed_as_its_quotes_alone() {
        use crate::language::LanguageId;
        let piece = r#"a=\"origin\"; location.href=\"http://fb.me/x\"; \\n"#;
        let body = piece.repeat(GIANT_LITERAL / piece.len() + 1);
        // Raw and triple-quoted literals span lines: the rows after them stay right.
        let lines = body.replace("; ", ";\n");
        let js_cors = "app.use(cors({ origin: '*' }));\n";
        let py_tls = "requests.get(url, verify=False)";
        let cases = [
            (
                LanguageId::JavaScript,
                format!("{js_cors}const bundle = \"{body}\";\n{js_cors}"),
                true,
                2,
            ),
            (
                LanguageId::TypeScript,
                format!("const bundle: string = '{body}';\n{js_cors}"),
                true,
                1,
            ),
            (
                LanguageId::Python,
                format!("BUNDLE = \"\"\"{lines}\"\"\"\n{py_tls}\n"),
                true,
                1,
            ),
            (
                LanguageId::Go,
                format!(
                    "package main\n\nvar bundle = `{lines}`\nvar u = \"http://metrics.acme.io\"\n"
                ),
                true,
                0,
            ),
            // Code inside: parsed whole.
            (
                LanguageId::Python,
                format!("BUNDLE = f\"{body}{{{py_tls}}}\"\n"),
                false,
                1,
            ),
            (
                LanguageId::JavaScript,
                format!("const b = `{body}${{https.request({{ rejectUnauthorized: false }})}}`;\n"),
                false,
                1,
            ),
        ];
        for (id, text, cut, others) in cases {
            let language = Language::get(id);
            let prefiltered = Prefiltered::new(&text, language, &Config::default());
            let tree = parse_around(language, &text, &prefiltered).expect("a tree");
            let at = text.find("http://fb.me").expect("a URL");
            let literal = tree
                .root_node()
                .descendant_for_byte_range(at, at + 1)
                .expect("a node");
            let literal = std::iter::successors(Some(literal), |n| n.parent())
                .find(|n| n.kind().contains("string") && n.byte_range().len() > GIANT_LITERAL)
                .expect("the literal");
            // Its quotes alone, or every escape inside it.
            let parsed_inside = literal.child_count() > 100;
            assert_eq!(parsed_inside, !cut, "{id:?}: {}", literal.child_count());
            // Past the literal, rows and columns are the whole parse's.
            let last = text.trim_end().len() - 1;
            let whole = parse(language, &text).expect("a tree");
            let at = |tree: &Tree| {
                let node = tree.root_node().descendant_for_byte_range(last, last + 1);
                node.map(|n| (n.kind().to_string(), n.start_position()))
            };
            assert_eq!(at(&tree), at(&whole), "{id:?}");
            let (fast, thorough) = fast_and_thorough(language, &text);
            assert_eq!(fast, thorough, "{id:?}");
            let urls = fast
                .iter()
                .filter(|f| f.rule == RuleId::PlainHttpUrl)
                .count();
            assert!(urls > 100, "{id:?}: the URLs inside the literal");
            assert_eq!(fast.len() - urls, others, "{id:?}: the findings beside it");
        }
    }

    /// A Python class (a test module is often one) is parsed as its header, its first
    /// statement and the members that hold triggers; the first statement stays, so a
    /// string that is no docstring in the file is none in the units either.
    #[test]
    fn a_python_class_is_parsed_as_the_members_around_its_triggers() {
        use crate::language::LanguageId;
        let python = Language::get(LanguageId::Python);
        let head = "import requests\n\n\nclass TestClient:\n    \"\"\"Calls.\"\"\"\n";
        let fill = filler(
            |i| format!("\n    def test_{i}(self):\n        return {i}\n"),
            3000,
        );
        let calls = "\n    def test_calls(self):\n        requests.get(URL, verify=False)\n";
        let url = "\n    \"http://pay.acme-shop.io/callback\"\n";
        let text = format!("{head}{fill}{url}{fill}{calls}");
        let class = text.find("\n\nclass").expect("the class") + 1;
        let url_at = head.len() + fill.len();
        let calls_at = text.len() - calls.len();
        assert_eq!(
            parsed_units(python, &text),
            Some(vec![
                0..text.find("\n    def test_0").expect("a member"),
                url_at..url_at + url.len(),
                calls_at..text.len(),
            ])
        );
        assert!(class < head.len());
        let (fast, thorough) = fast_and_thorough(python, &text);
        let rules: Vec<RuleId> = fast.iter().map(|f| f.rule).collect();
        assert_eq!(
            rules,
            [RuleId::PlainHttpUrl, RuleId::TlsVerificationDisabled]
        );
        assert_eq!(fast, thorough);
    }

    /// MUFI008 reads a Python script's top-level statements together: a redirect there
    /// costs a parse of the whole file, one in a function only that function's.
    #[test]
    fn a_redirect_among_python_top_level_statements_costs_a_whole_parse() {
        use crate::language::LanguageId;
        let python = Language::get(LanguageId::Python);
        let head =
            "from flask import redirect, request\n\nnext_url = request.values.get('next', '/')\n";
        let fill = filler(
            |i| format!("\n\n@cached\ndef f{i}():\n    return {i}\n"),
            2000,
        );
        let script = format!("{head}{fill}\nresponse = redirect(next_url)\n");
        assert_eq!(parsed_units(python, &script), None);
        let (fast, thorough) = fast_and_thorough(python, &script);
        assert_eq!(fast.len(), 1, "{fast:?}");
        assert_eq!(fast, thorough);
        let view = "\n\n@app.get('/continue')\ndef go():\n    next_url = request.values.get('next', '/')\n    return redirect(next_url)\n";
        let app = format!("from flask import redirect, request\n{fill}{view}{fill}");
        let start = app.find("\n\n@app.get").expect("the view");
        assert_eq!(
            parsed_units(python, &app),
            Some(vec![0..36, start..start + view.len()])
        );
        let (fast, thorough) = fast_and_thorough(python, &app);
        assert_eq!(fast.len(), 1, "{fast:?}");
        assert_eq!(fast, thorough);
    }

    /// MUFI007 reads every string as a policy, but only a string naming a directive it
    /// judges costs a parse: CSS's `font-face-src` or a `data-src` attribute does not.
    #[test]
    fn a_string_naming_no_judged_directive_costs_no_parse() {
        use crate::language::LanguageId;
        let js = Language::get(LanguageId::JavaScript);
        let config = Config::default();
        let rules = |text: &str| Prefiltered::new(text, js, &config).rules;
        assert_eq!(
            rules(r#"const css = "@font-face{font-face-src: url(a)}"; el.dataset["data-src"];"#),
            []
        );
        for directive in [
            "script-src",
            "script-src-elem",
            "default-src",
            "frame-src",
            "child-src",
        ] {
            let policy = format!("const policy = \"{directive} 'self'\";");
            assert_eq!(rules(&policy), [RuleId::CspUnsafeSource], "{directive}");
        }
    }

    /// MUFI007's words that only its query reads (`unsafe`, `csp`, `sources`) cost a
    /// parse only where the query can match; a directive's name in a string always
    /// does, since every string is read as a policy.
    #[test]
    fn words_only_the_policy_query_reads_cost_a_parse_only_where_it_can_match() {
        use crate::language::LanguageId;
        let python = Language::get(LanguageId::Python);
        let config = Config::default();
        let rules = |text: &str| Prefiltered::new(text, python, &config).rules;
        assert_eq!(
            rules("def _ncsplit(expr):\n    return unsafe_sources(expr)\n"),
            []
        );
        assert_eq!(
            rules("CSP_SCRIPT_SRC = (\"'self'\", \"'unsafe-inline'\")\n"),
            [RuleId::CspUnsafeSource]
        );
        assert_eq!(
            rules("policy = unsafe + \"default-src *\"\n"),
            [RuleId::CspUnsafeSource]
        );
    }

    /// A node a query's predicate names cannot start inside a string literal's
    /// content: a docstring that mentions `verify=False` costs no parse, code inside
    /// an f-string's braces still does.
    #[test]
    fn words_inside_plain_string_literals_cost_no_parse() {
        use crate::language::LanguageId;
        let python = Language::get(LanguageId::Python);
        let config = Config::default();
        let rules = |text: &str| Prefiltered::new(text, python, &config).rules;
        let docstring =
            "def get(url):\n    \"\"\"Never pass verify=False.\"\"\"\n    return fetch(url)\n";
        assert_eq!(rules(docstring), []);
        let fstring = "log(f\"{requests.get(url, verify=False)}\")\n";
        assert_eq!(rules(fstring), [RuleId::TlsVerificationDisabled]);
        let code = "requests.get(url, verify=False)\n";
        assert_eq!(rules(code), [RuleId::TlsVerificationDisabled]);
    }

    /// After the parse, JavaScript's tree tells text in a string literal from code,
    /// which its lexer cannot (JSX text): a redirect written inside a string runs no
    /// query, one in code (JSX included) does.
    #[test]
    fn a_parsed_javascript_file_drops_rules_met_only_inside_strings() {
        use crate::language::LanguageId;
        let js = Language::get(LanguageId::JavaScript);
        let config = Config::default();
        let planned = |text: &str| {
            let tree = parse(js, text).expect("parses");
            let src = SourceFile {
                text,
                language: js,
                tree: Some(&tree),
            };
            let prefiltered = Prefiltered::new(text, js, &config);
            let before = prefiltered.rules.clone();
            (
                before,
                Plan::of(prefiltered, &src, &config, true, false).rules,
            )
        };
        let code = "app.get('/go', (req, res) => res.redirect(req.query.next));\n";
        let bundle = format!("export const ui = {:?};\n", code);
        let (before, after) = planned(&bundle);
        assert!(before.contains(&RuleId::OpenRedirect), "{before:?}");
        assert!(!after.contains(&RuleId::OpenRedirect), "{after:?}");
        assert!(planned(code).1.contains(&RuleId::OpenRedirect));
        let jsx = "const A = (req, res) => <p>Don't {res.redirect(req.query.next)}</p>;\n";
        assert!(planned(jsx).1.contains(&RuleId::OpenRedirect));
    }

    /// MUFI003 reads only the places of its own triggers: a bundle held in one string
    /// literal is one statement, the whole file, and its URL a few bytes of it. What
    /// it finds there is what a run over the whole file finds, in every shape of
    /// literal, nested or with context around it; where they are dense, it
    /// reads the units like the other rules.
    #[test]
    fn plain_urls_are_read_at_their_triggers_alone() {
        use crate::language::LanguageId;
        let config = Config::default();
        let planned = |language: &'static Language, text: &str| {
            let tree = parse(language, text).expect("parses");
            let src = SourceFile {
                text,
                language,
                tree: Some(&tree),
            };
            let prefiltered = Prefiltered::new(text, language, &config);
            let hits: Vec<(RuleId, Range<usize>)> = prefiltered.hits.clone().unwrap_or_default();
            let plan = Plan::of(prefiltered, &src, &config, true, true);
            (plan.urls, plan.local, hits)
        };
        let ts = Language::get(LanguageId::TypeScript);
        let code = filler(
            |i| format!("function f{i}(o,s){{return o+s*{i}}};\\n"),
            4000,
        );
        let bundle = format!(
            "export const ui = \"{code}fetch('http://cdn.acme.io/a.js');{code}\";\n\
             export const ns = \"http://www.w3.org/2000/svg\";\n"
        );
        let (urls, local, _) = planned(ts, &bundle);
        let at = bundle.find("http://cdn").unwrap();
        let trigger = at..at + "http://".len();
        assert_eq!(urls.as_deref(), Some(std::slice::from_ref(&trigger)));
        assert_eq!(local, None, "the bundle's unit is the whole file");
        let (fast, thorough) = fast_and_thorough(ts, &bundle);
        assert_eq!(fast.len(), 1, "{fast:?}");
        assert_eq!(fast[0].range.start, at);
        assert_eq!(fast, thorough);
        // Literals inside literals, and matches whose other captures lie outside the
        // trigger's bytes, in every language with a MUFI003 query.
        let samples = [
            (LanguageId::JavaScript, "const a = `x ${\"http://in.acme.io\"} http://out.acme.io`;\n"),
            (LanguageId::Ruby, "url = \"http://a.acme.io/#{path}\" + 'http://b.acme.io'\n"),
            (LanguageId::Php, "<?php\n$u = \"http://a.acme.io/$path\" . 'http://b.acme.io';\n"),
            (LanguageId::Json, "{\"a\": {\"url\": \"http://a.acme.io\"}, \"b\": [\"http://b.acme.io\"]}\n"),
            (LanguageId::Toml, "[server]\nurl = \"http://a.acme.io\"\nlist = [\"http://b.acme.io\"]\n"),
            (LanguageId::Yaml, "base:\n  url: http://api.acme.io/v1\nlist:\n  - \"http://b.acme.io\"\n"),
            (LanguageId::Shell, "curl http://a.acme.io/x && wget \"http://b.acme.io/$f\"\n"),
            (LanguageId::Python, "\"\"\"Docs at http://docs.acme.io.\"\"\"\nURL = f\"http://a.acme.io/{path}\" + 'http://c.acme.io'\n"),
            (LanguageId::Go, "package main\n\nvar u = `http://a.acme.io` + \"http://b.acme.io\"\n"),
        ];
        let file = FileContext::for_path(std::path::Path::new("app/main"));
        for (id, text) in samples {
            let language = Language::get(id);
            let tree = parse(language, text).expect("parses");
            let src = SourceFile {
                text,
                language,
                tree: Some(&tree),
            };
            // However dense the places: the density only decides what is cheaper.
            let urls = Prefiltered::new(text, language, &config)
                .url_scope(usize::MAX)
                .expect("the fast path knows the triggers");
            assert!(urls.len() >= 2, "{id:?}: {urls:?}");
            let run = |urls: Option<&[Range<usize>]>| {
                let scopes = Scopes {
                    local: None,
                    whole: None,
                    urls,
                    batched: false,
                };
                // A literal around two places is matched from each: `finish` keeps one.
                let raw = run_rules(
                    &src,
                    &file,
                    &config,
                    scopes,
                    None,
                    vec![RuleId::PlainHttpUrl],
                );
                finish(raw, &src, &config)
            };
            let at_triggers = run(Some(&urls));
            assert!(at_triggers.len() >= 2, "{id:?}: {at_triggers:?}");
            assert_eq!(at_triggers, run(None), "{id:?}");
            let (fast, thorough) = fast_and_thorough(language, text);
            assert_eq!(fast, thorough, "{id:?}");
        }
        let many = filler(|i| format!("const u{i} = \"http://h{i}.acme.io\";\n"), 2000);
        let (urls, _, hits) = planned(ts, &many);
        assert!(hits.len() * URL_SPACING > many.len());
        assert_eq!(urls, None);
    }
}
