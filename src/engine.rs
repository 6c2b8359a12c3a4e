//! The pure analysis engine both faces call: prefilter, parse when needed, run the
//! rules that can fire, apply severities and suppressions, return findings.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use tree_sitter::{Parser, Tree};

use crate::config::Config;
use std::ops::Range;

use crate::finding::{Edit, Finding, Fix};
use crate::language::{embed, Language};
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
    /// For each pattern, the rule it belongs to.
    owner: Vec<RuleId>,
}

fn prefilter() -> &'static Prefilter {
    static PREFILTER: OnceLock<Prefilter> = OnceLock::new();
    PREFILTER.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for rule in ALL {
            for trigger in rule.meta().triggers {
                patterns.push(*trigger);
                owner.push(*rule);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("trigger strings form a valid automaton");
        Prefilter { automaton, owner }
    })
}

/// Whether one of `rule`'s triggers occurs in `text` (compiled once per rule).
fn triggers_in(rule: RuleId, text: &str) -> bool {
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
    let index = ALL.iter().position(|r| *r == rule).unwrap_or(0);
    automata[index].is_match(text)
}

/// The rules whose trigger strings occur in `text`.
pub fn candidate_rules(text: &str) -> Vec<RuleId> {
    let pf = prefilter();
    let mut hit = [false; ALL.len()];
    let mut remaining = ALL.len();
    for m in pf.automaton.find_overlapping_iter(text) {
        let rule = pf.owner[m.pattern().as_usize()];
        let index = ALL.iter().position(|r| *r == rule).unwrap_or(0);
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
    let grammar = language.grammar()?;
    let mut parser = Parser::new();
    parser.set_language(&grammar).ok()?;
    parser.parse(text, None)
}

/// Analyses one file. Findings are sorted by position and carry their fixes,
/// including the "ignore on this line" fix.
pub fn analyze(src: &SourceFile, file: &FileContext, config: &Config) -> Vec<Finding> {
    if src.text.len() > config.max_file_size {
        return Vec::new();
    }
    // One prefilter scan decides both whether to parse and which rules run.
    let candidates = candidates_in(src.text, config, None);
    let owned_tree;
    let tree = match src.tree {
        Some(tree) => Some(tree),
        None if candidates.is_empty() => None,
        None => {
            owned_tree = parse(src.language, src.text);
            owned_tree.as_ref()
        }
    };
    let src = SourceFile {
        text: src.text,
        language: src.language,
        tree,
    };
    if src.language.has_embeds() {
        return analyze_layers(&src, file, config);
    }
    let raw = run_rules(&src, file, config, None, None, candidates);
    finish(raw, &src, config)
}

/// A file that embeds other languages: the host's rules read the host's own text, each
/// embedded language's rules read its regions, each on a copy of the file with the rest
/// blanked so that offsets need no mapping. Suppressions apply within each layer.
fn analyze_layers(src: &SourceFile, file: &FileContext, config: &Config) -> Vec<Finding> {
    let regions = src.language.embedded_regions(src.text, src.tree);
    // Embedded code ships wherever its host does: a `<script>` of a .vue file.
    let client_reason = project::classify(file, src.text, src.language, config);
    let host_text = embed::blank_inside(src.text, &regions);
    let host = SourceFile {
        text: &host_text,
        language: src.language,
        tree: src.tree,
    };
    let candidates = candidates_in(host.text, config, None);
    let raw = run_rules(&host, file, config, None, Some(&client_reason), candidates);
    let mut findings = finish_layer(raw, &host, config, src.text, None);
    // Each region is a program of its own (one `<script>`, one `run:` step): an
    // unclosed quote in one must not swallow the next.
    for region in &regions {
        let language = Language::get(region.language);
        let own = [region];
        let text = embed::blank_outside(src.text, &own);
        let candidates = candidates_in(&text, config, None);
        if candidates.is_empty() {
            continue;
        }
        let tree = parse(language, &text);
        let layer = SourceFile {
            text: &text,
            language,
            tree: tree.as_ref(),
        };
        let raw = run_rules(&layer, file, config, None, Some(&client_reason), candidates);
        findings.extend(finish_layer(raw, &layer, config, src.text, Some(&own)));
    }
    findings.sort_by_key(|f| (f.range.start, f.range.end, f.rule));
    findings
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
    if src.text.len() > config.max_file_size {
        return Vec::new();
    }
    let mut candidates = candidates_in(src.text, config, scope);
    if scope.is_some() {
        // Rules judged in the whole file run whenever the file can trigger them: a
        // small automaton of their triggers, stopping at the first match.
        for rule in ALL.iter().filter(|r| r.judged_in_whole_file()) {
            if !candidates.contains(rule)
                && config.is_enabled(*rule)
                && triggers_in(*rule, src.text)
            {
                candidates.push(*rule);
            }
        }
    }
    run_rules(src, file, config, scope, client_reason, candidates)
}

/// The enabled rules whose triggers occur in the text, or with a scope, in its ranges:
/// a rule can only fire in a scope whose text holds one of its triggers, since the
/// units a scope is made of (functions, statements) hold everything a rule reads locally.
fn candidates_in(text: &str, config: &Config, scope: Option<&[Range<usize>]>) -> Vec<RuleId> {
    let mut candidates: Vec<RuleId> = match scope {
        None => candidate_rules(text),
        Some(ranges) => ranges
            .iter()
            .filter_map(|r| text.get(r.clone()))
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

fn run_rules(
    src: &SourceFile,
    file: &FileContext,
    config: &Config,
    scope: Option<&[Range<usize>]>,
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
    for rule in candidates {
        let whole = rule.judged_in_whole_file();
        let cx = RuleContext::new(rule, src.text, src.language, src.tree, file, config)
            .with_scope(if whole { None } else { scope })
            .with_client_reason(&client_reason);
        let mut found = rules::run_rule(rule, cx);
        if let (Some(scope), false) = (scope, whole) {
            found.retain(|f| starts_in_any(&f.range, scope));
        }
        findings.extend(found);
    }
    findings
}

/// Whether `range` starts inside one of `ranges`: a finding belongs to the scope its
/// start is in, so a scoped run and the findings kept from before never overlap.
pub fn starts_in_any(range: &Range<usize>, ranges: &[Range<usize>]) -> bool {
    ranges.iter().any(|r| r.contains(&range.start))
}

/// Turns raw findings into what users see: severities, order, no duplicates,
/// suppressions applied (with unused-suppression hints), and the ignore fix.
pub fn finish(findings: Vec<Finding>, src: &SourceFile, config: &Config) -> Vec<Finding> {
    finish_layer(findings, src, config, src.text, None)
}

/// `finish` for one layer of a file. `original` is the file's real text, which the
/// ignore comment's indentation is read from; for an embedded layer, the comment is
/// only offered where it lands inside the layer's `regions`.
fn finish_layer(
    mut findings: Vec<Finding>,
    src: &SourceFile,
    config: &Config,
    original: &str,
    regions: Option<&[&embed::Region]>,
) -> Vec<Finding> {
    for f in &mut findings {
        f.severity = config.severity_for(f.rule, f.severity);
    }
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.range == b.range);
    let mut findings = suppress::apply(findings, src.text, src.language, src.tree, config);
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
