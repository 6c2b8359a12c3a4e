//! The held-out corpus in `tests/eval/` (written without reading the rules): precision
//! and recall per rule must stay at or above 0.9. Only MUFI001–MUFI004 are scored.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::markers::{score, Score};
use mufi_lsp::cli::{analyze_file, collect_files};
use mufi_lsp::config::Config;
use mufi_lsp::language::Language;
use mufi_lsp::project::ProjectModel;

const FLOOR: f64 = 0.9;

#[test]
fn held_out_corpus_precision_and_recall() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let files: Vec<PathBuf> =
        collect_files(std::slice::from_ref(&root)).expect("corpus is readable");
    assert!(files.len() >= 15, "corpus too small: {}", files.len());
    let model = ProjectModel::new();
    let mut totals: BTreeMap<String, Score> = BTreeMap::new();
    let mut per_language: BTreeMap<(&str, String), Score> = BTreeMap::new();
    let mut mismatches = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("UTF-8");
        let findings: Vec<_> = analyze_file(path, &text, &model, &Config::default())
            .into_iter()
            .filter(|f| ["MUFI001", "MUFI002", "MUFI003", "MUFI004"].contains(&f.rule.code()))
            .collect();
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        mismatches.extend(
            score(path, &text, &findings, &mut totals)
                .into_iter()
                .map(|m| format!("{rel}:{m}")),
        );
        let language = Language::for_path(path).map_or("?", |l| l.name);
        let mut own = BTreeMap::new();
        score(path, &text, &findings, &mut own);
        for (rule, s) in own {
            let entry = per_language.entry((language, rule)).or_default();
            entry.tp += s.tp;
            entry.fp += s.fp;
            entry.missed += s.missed;
        }
    }
    for m in &mismatches {
        eprintln!("{m}");
    }
    for ((language, rule), s) in &per_language {
        eprintln!("{language} {rule}: {s}");
    }
    let mut below = Vec::new();
    for rule in ["MUFI001", "MUFI002", "MUFI003", "MUFI004"] {
        let s = totals.get(rule).copied().unwrap_or_default();
        eprintln!("{rule}: {s}");
        assert!(s.tp > 0, "{rule} has no positives in the corpus");
        if s.precision() < FLOOR || s.recall() < FLOOR {
            below.push(format!("{rule}: {s}"));
        }
    }
    assert!(below.is_empty(), "below {FLOOR}:\n{}", below.join("\n"));
}
