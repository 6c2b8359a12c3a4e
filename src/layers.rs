//! Files that embed other languages (HTML, Vue, Svelte, CI YAML), analysed layer by
//! layer; and, for the editor, re-analysed after edits inside one embedded region by
//! reusing that region's tree and findings, the others' findings shifted.

use std::ops::Range;

use tree_sitter::{InputEdit, Tree};

use crate::config::Config;
use crate::engine::{self, candidates_in, run_rules, Scopes, SourceFile};
use crate::finding::Finding;
use crate::incremental::{self, shift, touches, FileFacts};
use crate::language::embed::{self, Region};
use crate::language::Language;
use crate::project::{self, FileContext};
use crate::suppress::find_marker;

/// What a layered analysis leaves for the next one: the regions, the host's raw
/// findings, and per region what its layer produced.
pub struct Layers {
    regions: Vec<Region>,
    host: Vec<Finding>,
    layers: Vec<Layer>,
}

/// One embedded region's layer.
struct Layer {
    /// Its tree, raw findings and facts; `None` when no rule could fire in it (it was
    /// not parsed).
    parsed: Option<(Tree, Vec<Finding>, FileFacts)>,
    /// What users see of it: `raw` finished.
    findings: Vec<Finding>,
}

/// A file that embeds other languages: the host's rules read the host's own text, each
/// embedded language's rules read its regions, each on a copy of the file with the rest
/// blanked so that offsets need no mapping. Suppressions apply within each layer.
pub fn analyze(src: &SourceFile, file: &FileContext, config: &Config) -> (Vec<Finding>, Layers) {
    analyze_with(src, file, config, true)
}

/// `analyze`, on the engine's fast path or not (`engine::analyze_thorough`).
pub fn analyze_with(
    src: &SourceFile,
    file: &FileContext,
    config: &Config,
    fast: bool,
) -> (Vec<Finding>, Layers) {
    let regions = src.language.embedded_regions(src.text, src.tree);
    analyze_regions(src, file, config, fast, regions)
}

/// `analyze_with` given the text's regions (`Language::embedded_regions`).
pub fn analyze_regions(
    src: &SourceFile,
    file: &FileContext,
    config: &Config,
    fast: bool,
    regions: Vec<Region>,
) -> (Vec<Finding>, Layers) {
    // Embedded code ships wherever its host does: a `<script>` of a .vue file.
    let client_reason = project::classify(file, src.text, src.language, config);
    let host_text = embed::blank_inside(src.text, &regions);
    let host_src = host_src(src, &host_text);
    let host = host_raw(&host_src, file, config, &client_reason, fast);
    let marked = find_marker(&host_text).is_some();
    let mut findings =
        engine::finish_layer(host.clone(), &host_src, config, src.text, None, marked);
    // Each region is a program of its own (one `<script>`, one `run:` step): an
    // unclosed quote in one must not swallow the next.
    let mut layer_text = embed::LayerText::new(src.text);
    let layers: Vec<Layer> = regions
        .iter()
        .map(|region| {
            layer_text.with_region(src.text, region, |text| {
                whole_layer(src.text, text, region, file, config, &client_reason)
            })
        })
        .collect();
    findings.extend(layers.iter().flat_map(|l| l.findings.iter().cloned()));
    findings.sort_by_key(|f| (f.range.start, f.range.end, f.rule));
    (
        findings,
        Layers {
            regions,
            host,
            layers,
        },
    )
}

/// The host's own text: the file with its regions blanked (`embed::blank_inside`).
fn host_src<'a>(src: &SourceFile<'a>, host_text: &'a str) -> SourceFile<'a> {
    SourceFile {
        text: host_text,
        language: src.language,
        tree: src.tree,
    }
}

/// The host's raw findings: its rules over its text (`host_src`).
fn host_raw(
    host: &SourceFile,
    file: &FileContext,
    config: &Config,
    client_reason: &Option<String>,
    fast: bool,
) -> Vec<Finding> {
    let plan = engine::Plan::host(host, config, fast);
    run_rules(
        host,
        file,
        config,
        plan.scopes(),
        Some(client_reason),
        plan.rules.clone(),
    )
}

/// One region's layer analysed from scratch; `text` is the file blanked outside it.
fn whole_layer(
    original: &str,
    text: &str,
    region: &Region,
    file: &FileContext,
    config: &Config,
    client_reason: &Option<String>,
) -> Layer {
    // Outside the region the layer is blank, and no trigger is all white space, so a
    // trigger that occurs in the layer overlaps the region.
    let candidates = candidates_in(&text[engine::around(text, &region.range)], config, None);
    if candidates.is_empty() {
        return Layer {
            parsed: None,
            findings: Vec::new(),
        };
    }
    let language = Language::get(region.language);
    let tree = engine::parse(language, text);
    let layer = SourceFile {
        text,
        language,
        tree: tree.as_ref(),
    };
    let raw = run_rules(
        &layer,
        file,
        config,
        Scopes::default(),
        Some(client_reason),
        candidates,
    );
    // A layer that did not parse is analysed from scratch next time too.
    let facts = tree.is_some().then(|| layer_facts(&layer, client_reason));
    let marked = facts
        .as_ref()
        .map_or_else(|| find_marker(text).is_some(), |f| f.marker.is_some());
    let findings = engine::finish_layer(
        raw.clone(),
        &layer,
        config,
        original,
        Some(&[region]),
        marked,
    );
    let parsed = tree.zip(facts).map(|(tree, facts)| (tree, raw, facts));
    Layer { parsed, findings }
}

/// A layer's facts: the host's classification (embedded code ships with its host),
/// the rest read from the layer.
fn layer_facts(layer: &SourceFile, client_reason: &Option<String>) -> FileFacts {
    incremental::facts_with_reason(layer, client_reason.clone())
}

/// `analyze` after `edits` to a text whose layered analysis left `base`, when every
/// edit lies inside one region, or every one in the host outside all regions, and the
/// regions are otherwise those of before, moved by the edits: an edited region's layer
/// is re-analysed from its edited tree like a plain file, and the other layers' findings
/// are shifted. A layer's findings depend on its region alone: it is analysed blank
/// outside it. The host's rules run again after an edit in markup; after an edit in a
/// region, whose bytes the host sees blank, its raw findings are shifted, and only
/// finished again (suppressions read lines, which the edit may add). `None` when a
/// full analysis is needed, and when `src` has no tree and the host's findings would
/// read it. `regions` are the text's (`Language::embedded_regions`); `client_reason`
/// is the file's, unchanged since `base` (the caller checks the file's facts).
pub fn reanalyze(
    src: &SourceFile,
    file: &FileContext,
    config: &Config,
    client_reason: &Option<String>,
    base: &Layers,
    edits: &[InputEdit],
    regions: &[Region],
) -> Option<(Vec<Finding>, Layers)> {
    let edited = edited_region(&base.regions, edits)?;
    if regions != moved_regions(&base.regions, edited, edits)? {
        return None;
    }
    let regions = regions.to_vec();
    let mut layers = Vec::with_capacity(base.layers.len());
    for (at, old) in base.layers.iter().enumerate() {
        if Some(at) == edited {
            layers.push(reanalyze_layer(
                src,
                file,
                config,
                client_reason,
                &regions[at],
                old,
                edits,
            )?);
        } else {
            layers.push(shifted_layer(old, edits)?);
        }
    }
    let host_text = embed::blank_inside(src.text, &regions);
    let host_src = host_src(src, &host_text);
    let shifted = edited.and_then(|_| shift_all(&base.host, edits));
    // Without the host's tree (it awaits its reparse), only a host with nothing to
    // report: no findings, and no suppression comment to find unused.
    let host_marked = find_marker(&host_text).is_some();
    let host_is_quiet = shifted.as_ref().is_some_and(Vec::is_empty) && !host_marked;
    if src.tree.is_none() && !host_is_quiet {
        return None;
    }
    let host = shifted.unwrap_or_else(|| host_raw(&host_src, file, config, client_reason, true));
    let mut findings =
        engine::finish_layer(host.clone(), &host_src, config, src.text, None, host_marked);
    findings.extend(layers.iter().flat_map(|l| l.findings.iter().cloned()));
    findings.sort_by_key(|f| (f.range.start, f.range.end, f.rule));
    Some((
        findings,
        Layers {
            regions,
            host,
            layers,
        },
    ))
}

/// The regions of `src` after `edits` to a text whose layered analysis left `base`,
/// when the language can tell without looking for them again: every edit lies inside
/// one region, which then holds what keeps the regions (`Language::keeps_regions`).
/// `None` when they must be looked for (`Language::embedded_regions`).
pub fn regions_after(src: &SourceFile, base: &Layers, edits: &[InputEdit]) -> Option<Vec<Region>> {
    let edited = edited_region(&base.regions, edits)??;
    let moved = moved_regions(&base.regions, Some(edited), edits)?;
    let body = src.text.get(moved[edited].range.clone())?;
    src.language.keeps_regions(body).then_some(moved)
}

/// Where the edits lie, followed through them: all inside one region, its ends
/// included (`Some(Some(at))`), or all in the host, touching no region (`Some(None)`,
/// an edit in HTML markup); `None` when one reaches across a region's edge or they lie
/// in two places.
fn edited_region(regions: &[Region], edits: &[InputEdit]) -> Option<Option<usize>> {
    let mut ranges: Vec<Range<usize>> = regions.iter().map(|r| r.range.clone()).collect();
    let mut edited = None;
    for edit in edits {
        let inside = ranges
            .iter()
            .position(|r| r.start <= edit.start_byte && edit.old_end_byte <= r.end);
        if inside.is_none() && ranges.iter().any(|r| touches(r, edit)) {
            return None;
        }
        if edited.is_some_and(|e| e != inside) {
            return None;
        }
        edited = Some(inside);
        for (at, r) in ranges.iter_mut().enumerate() {
            *r = if Some(at) == inside {
                r.start..shift(r.end, edit)
            } else {
                shift(r.start, edit)..shift(r.end, edit)
            };
        }
    }
    edited
}

/// The regions of before, moved through the edits (all inside region `edited`, or in
/// none); `None` when an edit touches a patched byte or another region.
fn moved_regions(
    regions: &[Region],
    edited: Option<usize>,
    edits: &[InputEdit],
) -> Option<Vec<Region>> {
    let mut moved = regions.to_vec();
    for edit in edits {
        for (at, region) in moved.iter_mut().enumerate() {
            if Some(at) == edited {
                region.range = region.range.start..shift(region.range.end, edit);
            } else {
                if touches(&region.range, edit) {
                    return None;
                }
                region.range = shift(region.range.start, edit)..shift(region.range.end, edit);
            }
            for (byte, _) in &mut region.patches {
                if touches(&(*byte..*byte + 1), edit) {
                    return None;
                }
                *byte = shift(*byte, edit);
            }
        }
    }
    Some(moved)
}

/// The edited region's layer: its tree edited and reparsed, its findings re-analysed
/// where the edits reach (`incremental::reanalyze`), or in the whole layer when its
/// facts changed.
fn reanalyze_layer(
    src: &SourceFile,
    file: &FileContext,
    config: &Config,
    client_reason: &Option<String>,
    region: &Region,
    old: &Layer,
    edits: &[InputEdit],
) -> Option<Layer> {
    let text = embed::blank_outside(src.text, &[region]);
    let Some((old_tree, old_raw, old_facts)) = &old.parsed else {
        return Some(whole_layer(
            src.text,
            &text,
            region,
            file,
            config,
            client_reason,
        ));
    };
    let language = Language::get(region.language);
    let mut base_tree = old_tree.clone();
    for edit in edits {
        base_tree.edit(edit);
    }
    let tree = crate::document::parse(language, &text, Some(&base_tree))?;
    let layer = SourceFile {
        text: &text,
        language,
        tree: Some(&tree),
    };
    // The regions are the base's moved (`reanalyze` checks), patches and all: outside
    // the edits, the layer's text is the old one's, so its facts can be kept through them.
    let facts =
        incremental::facts_with_reason_after(&layer, client_reason.clone(), old_facts, edits);
    let incremental = (facts == *old_facts)
        .then(|| incremental::reanalyze(&layer, file, config, &facts, &base_tree, edits, old_raw))
        .flatten();
    let raw = incremental
        .unwrap_or_else(|| engine::analyze_rules(&layer, file, config, None, Some(client_reason)));
    let marked = facts.marker.is_some();
    let findings = engine::finish_layer(
        raw.clone(),
        &layer,
        config,
        src.text,
        Some(&[region]),
        marked,
    );
    Some(Layer {
        parsed: Some((tree, raw, facts)),
        findings,
    })
}

/// An untouched layer moved through the edits (which lie in another region): its
/// findings shifted and its tree edited. `None` when an edit touches a finding or fix.
fn shifted_layer(old: &Layer, edits: &[InputEdit]) -> Option<Layer> {
    let parsed = match &old.parsed {
        Some((tree, raw, facts)) => {
            let mut tree = tree.clone();
            for edit in edits {
                tree.edit(edit);
            }
            Some((tree, shift_all(raw, edits)?, facts.clone()))
        }
        None => None,
    };
    Some(Layer {
        parsed,
        findings: shift_all(&old.findings, edits)?,
    })
}

/// `findings` moved through `edits`; `None` when an edit touches one or its fixes.
fn shift_all(findings: &[Finding], edits: &[InputEdit]) -> Option<Vec<Finding>> {
    findings
        .iter()
        .map(|f| {
            let mut f = f.clone();
            edits
                .iter()
                .all(|e| incremental::shift_finding(&mut f, e))
                .then_some(f)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tree_sitter::Point;

    /// An edit in HTML markup, touching no `<script>`, keeps every layer (shifted) and
    /// runs the host again: the findings are a fresh analysis's, and no full analysis is
    /// needed.
    #[test]
    fn an_edit_in_markup_reuses_every_layer() {
        let before = "<p>intro</p>\n<script>fetch(\"http://api.partner.io/a\");</script>\n<p>x</p>\n<script>new Agent({ rejectUnauthorized: false });</script>\n";
        let at = before.find("intro").unwrap() + "intro".len();
        let findings = edit_and_compare(before, at, " <a href=\"http://docs.partner.io\">docs</a>");
        let rules: Vec<_> = findings.iter().map(|f| f.rule.code()).collect();
        assert_eq!(rules, ["MUFI003", "MUFI003", "MUFI004"]);
    }

    /// An edit in a `<script>` keeps the host's raw findings, but finishes them again:
    /// a line break typed in the script moves the link below it off the line after the
    /// suppression comment, which then no longer applies (and is reported unused).
    #[test]
    fn an_edit_in_a_region_finishes_the_host_again() {
        let before = "<!-- mufi-lsp: ignore MUFI003 --><script>let a = 1;</script>\n<a href=\"http://docs.partner.io\">docs</a>\n";
        let at = before.find("let a").unwrap();
        let findings = edit_and_compare(before, at, "\n");
        let rules: Vec<_> = findings.iter().map(|f| f.rule.code()).collect();
        assert_eq!(rules, ["MUFI100", "MUFI003"]);
    }

    /// Typing in a `<script>` keeps the page's regions, moved, without looking for them
    /// again; typing a closing tag there (in any case) ends the element early, and the
    /// regions must be looked for.
    #[test]
    fn regions_are_kept_until_a_closing_tag_is_typed() {
        let before = "<p>a</p>\n<script>let a = 1;</script>\n<p>b</p>\n<script type=\"module\">let b = 2;</script>\n";
        let page = Page::analysed(before);
        let at = before.find("1;").unwrap();
        for (inserted, kept) in [("x = 2; ", true), ("</SCRIPT>", false), ("</scrip", true)] {
            let (after, edit, tree) = page.insert(at, inserted);
            let new = page.src(&after, &tree);
            let regions = regions_after(&new, &page.base, &[edit]);
            assert_eq!(regions.is_some(), kept, "after typing {inserted:?}");
            if let Some(regions) = regions {
                assert_eq!(regions, fresh_regions(&new), "after typing {inserted:?}");
            }
        }
    }

    /// Inserts `inserted` at `at` in the HTML page `before`, re-analyses the page from
    /// its first analysis, checks that this needed no full analysis and found what a
    /// fresh one finds, and returns the findings.
    fn edit_and_compare(before: &str, at: usize, inserted: &str) -> Vec<Finding> {
        let page = Page::analysed(before);
        assert!(!page.base.regions.is_empty());
        let (after, edit, tree) = page.insert(at, inserted);
        let new = page.src(&after, &tree);
        let (file, config) = (FileContext::default(), Config::default());
        let reason = project::classify(&file, new.text, new.language, &config);
        let regions = fresh_regions(&new);
        let (findings, layers) =
            reanalyze(&new, &file, &config, &reason, &page.base, &[edit], &regions)
                .expect("the edit needs no full analysis");
        let (fresh, _) = analyze(&new, &file, &config);
        assert_eq!(findings, fresh);
        assert_eq!(layers.regions, fresh_regions(&new));
        findings
    }

    /// An HTML page, parsed and analysed.
    struct Page<'a> {
        text: &'a str,
        tree: Tree,
        base: Layers,
    }

    impl<'a> Page<'a> {
        fn analysed(text: &'a str) -> Page<'a> {
            let language = Language::get(crate::language::LanguageId::Html);
            let tree = engine::parse(language, text).unwrap();
            let src = SourceFile {
                text,
                language,
                tree: Some(&tree),
            };
            let (_, base) = analyze(&src, &FileContext::default(), &Config::default());
            Page { text, tree, base }
        }

        /// The page with `inserted` at `at`: its text, the edit, and its tree reparsed
        /// from the edited old one.
        fn insert(&self, at: usize, inserted: &str) -> (String, InputEdit, Tree) {
            let after = format!("{}{inserted}{}", &self.text[..at], &self.text[at..]);
            let edit = InputEdit {
                start_byte: at,
                old_end_byte: at,
                new_end_byte: at + inserted.len(),
                start_position: Point::new(0, at),
                old_end_position: Point::new(0, at),
                new_end_position: Point::new(0, at + inserted.len()),
            };
            let mut edited = self.tree.clone();
            edited.edit(&edit);
            let language = Language::get(crate::language::LanguageId::Html);
            let tree = crate::document::parse(language, &after, Some(&edited)).unwrap();
            (after, edit, tree)
        }

        fn src<'s>(&self, text: &'s str, tree: &'s Tree) -> SourceFile<'s> {
            SourceFile {
                text,
                language: Language::get(crate::language::LanguageId::Html),
                tree: Some(tree),
            }
        }
    }

    fn fresh_regions(src: &SourceFile) -> Vec<Region> {
        src.language.embedded_regions(src.text, src.tree)
    }
}
