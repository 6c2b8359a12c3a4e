//! Walks every file under `tests/fixtures/`, runs the engine as `check` does, and
//! compares findings with the `expect: MUFI00N` markers written in the files.
//! Also snapshots messages and fixes, re-parses every fixed file, and makes sure no
//! report ever prints a whole key. Adding a case is adding a file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;

use common::markers::{score, Score};
use mufi_lsp::cli::analyze_file;
use mufi_lsp::config::Config;
use mufi_lsp::engine::{apply_fixes, parse};
use mufi_lsp::finding::Finding;
use mufi_lsp::language::Language;
use mufi_lsp::project::ProjectModel;
use mufi_lsp::report::{json, line_col, text, FileReport};
use mufi_lsp::rules::RuleId;

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![fixture_root()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture dir is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if Language::for_path(&path).is_some() {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(fixture_root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn analyze(path: &Path) -> (String, Vec<Finding>) {
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    let findings = analyze_file(path, &text, &ProjectModel::new(), &Config::default());
    (text, findings)
}

#[test]
fn fixtures_match_their_expect_markers() {
    let files = fixture_files();
    assert!(files.len() >= 20, "only {} fixture files", files.len());
    let mut failures = Vec::new();
    let mut totals: BTreeMap<String, Score> = BTreeMap::new();
    for path in &files {
        let (text, findings) = analyze(path);
        failures.extend(
            score(&text, &findings, &mut totals)
                .into_iter()
                .map(|m| format!("{}:{m}", relative(path))),
        );
    }
    for (rule, s) in &totals {
        eprintln!("{rule}: {s}");
    }
    assert!(
        failures.is_empty(),
        "{} fixture mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_positive_and_negative_fixtures() {
    let files = fixture_files();
    for rule in [
        RuleId::HardcodedApiKey,
        RuleId::ClientSideMufiAccess,
        RuleId::PlainHttpUrl,
        RuleId::TlsVerificationDisabled,
    ] {
        let dir = fixture_root().join(rule.name());
        let under: Vec<_> = files.iter().filter(|f| f.starts_with(&dir)).collect();
        let positives = under
            .iter()
            .filter(|f| {
                let text = std::fs::read_to_string(f).unwrap_or_default();
                text.contains(&format!("expect: {}", rule.code())) || text.contains(rule.code())
            })
            .count();
        assert!(
            positives >= 3,
            "{}: only {positives} positive fixture files",
            rule.name()
        );
        assert!(
            under
                .iter()
                .any(|f| f.to_string_lossy().contains("negatives")),
            "{}: no negatives file",
            rule.name()
        );
    }
}

fn error_count(language: &Language, text: &str) -> usize {
    let Some(tree) = parse(language, text) else {
        return 0;
    };
    let mut count = 0;
    let mut cursor = tree.walk();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            count += 1;
        }
        stack.extend(node.children(&mut cursor));
    }
    count
}

#[test]
fn every_local_fix_leaves_a_file_that_parses() {
    let mut failures = Vec::new();
    for path in fixture_files() {
        let language = Language::for_path(&path).expect("fixture language");
        if language.grammar().is_none() {
            continue;
        }
        let (text, findings) = analyze(&path);
        let before = error_count(language, &text);
        for f in &findings {
            for fix in f.fixes.iter().filter(|x| x.is_local()) {
                let (fixed, applied) = apply_fixes(&text, [fix]);
                assert_eq!(
                    applied,
                    1,
                    "{}: fix {:?} did not apply",
                    relative(&path),
                    fix.title
                );
                let after = error_count(language, &fixed);
                if after > before {
                    failures.push(format!(
                        "{}:{}: `{}` leaves {} syntax errors (was {before})",
                        relative(&path),
                        line_col(&text, f.range.start).line,
                        fix.title,
                        after
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn preferred_fixes_remove_the_findings_they_fix() {
    let mut failures = Vec::new();
    for path in fixture_files() {
        let (text, findings) = analyze(&path);
        for f in &findings {
            let Some(fix) = f.fixes.iter().find(|x| x.preferred && x.is_local()) else {
                continue;
            };
            let (fixed, _) = apply_fixes(&text, [fix]);
            let after = analyze_file(&path, &fixed, &ProjectModel::new(), &Config::default());
            // The fixed text is shorter or longer: compare by rule and line.
            let line = line_col(&text, f.range.start).line;
            let shift = fixed.lines().count() as isize - text.lines().count() as isize;
            let still = after.iter().any(|g| {
                g.rule == f.rule
                    && line_col(&fixed, g.range.start).line as isize == line as isize + shift
                    && g.rule != RuleId::ClientSideMufiAccess
            });
            if still {
                failures.push(format!(
                    "{}:{line}: {} still reported after `{}`",
                    relative(&path),
                    f.rule,
                    fix.title
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn reports_never_print_a_whole_key() {
    let mut keys = Vec::new();
    let mut reports = Vec::new();
    for path in fixture_files() {
        let (text, findings) = analyze(&path);
        for token in mufi_lsp::jwt::find_all(&text) {
            keys.push(text[token.start..token.end].to_string());
        }
        reports.push(FileReport {
            display_path: relative(&path),
            text,
            findings,
        });
    }
    assert!(
        keys.len() >= 5,
        "fixtures hold too few keys to test redaction"
    );
    let text_out = text::render(&reports, reports.len(), false);
    let json_out = json::render(&reports, reports.len(), 0);
    let messages: String = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(|f| f.message.clone()))
        .collect();
    for key in &keys {
        let head = &key[..key.len().min(24)];
        assert!(!text_out.contains(key.as_str()), "text report prints a key");
        assert!(!json_out.contains(head), "json report prints a key");
        assert!(!messages.contains(head), "a message prints a key");
    }
}

#[test]
fn fixture_findings_snapshot() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots");
    settings.bind(|| {
        for path in fixture_files() {
            let (text, findings) = analyze(&path);
            let mut out = String::new();
            for f in &findings {
                let start = line_col(&text, f.range.start);
                let end = line_col(&text, f.range.end);
                out.push_str(&format!(
                    "{}:{}-{}:{} {} {} {}\n",
                    start.line,
                    start.column,
                    end.line,
                    end.column,
                    f.rule.code(),
                    f.severity.as_str(),
                    f.message
                ));
                for fix in &f.fixes {
                    let mark = match (fix.preferred, fix.safe) {
                        (true, true) => "preferred, safe",
                        (true, false) => "preferred",
                        (false, true) => "safe",
                        (false, false) => "",
                    };
                    out.push_str(&format!("    fix: {} [{mark}]\n", fix.title));
                }
            }
            let name = relative(&path).replace(['/', '.'], "__");
            insta::assert_snapshot!(name, out);
        }
    });
}
