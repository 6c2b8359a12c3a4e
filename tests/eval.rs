//! The held-out corpus in `tests/eval/` (written without reading the rules): precision
//! and recall per rule must stay at or above 0.9. Only MUFI001–MUFI004 are scored.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::markers::{score, Score};
use mufi_lsp::cli::{analyze_file, collect_files};
use mufi_lsp::config::Config;
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
            score(&text, &findings, &mut totals)
                .into_iter()
                .map(|m| format!("{rel}:{m}")),
        );
    }
    for m in &mismatches {
        eprintln!("{m}");
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
