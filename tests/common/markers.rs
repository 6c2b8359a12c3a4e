//! `expect: MUFI00N` markers in test files, and scoring findings against them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use mufi_lsp::finding::Finding;
use mufi_lsp::report::line_col;

/// `(line, code)` pairs expected for the file at `path`: from its `<file>.expect`
/// sidecar when there is one (JSON has no comments: `LINE: MUFI001, MUFI003` per line),
/// else from the markers in its comments.
pub fn expectations_for(path: &Path, text: &str) -> BTreeSet<(usize, String)> {
    let mut sidecar = path.as_os_str().to_owned();
    sidecar.push(".expect");
    match std::fs::read_to_string(&sidecar) {
        Ok(list) => list
            .lines()
            .filter_map(|l| l.split_once(':'))
            .filter_map(|(n, codes)| Some((n.trim().parse::<usize>().ok()?, codes)))
            .flat_map(|(n, codes)| codes_in(codes).into_iter().map(move |c| (n, c)))
            .collect(),
        Err(_) => expectations(text),
    }
}

fn codes_in(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.starts_with("MUFI") && w.len() == 7)
        .map(String::from)
        .collect()
}

/// `(line, code)` pairs the file's markers expect (1-based lines).
pub fn expectations(text: &str) -> BTreeSet<(usize, String)> {
    let mut out = BTreeSet::new();
    for (index, line) in text.lines().enumerate() {
        let Some(pos) = line.find("expect:") else {
            continue;
        };
        let codes = codes_in(&line[pos + 7..]);
        let trimmed = line.trim_start();
        // `#[attr] // expect: …` in Rust is code, not a `#` comment.
        let alone = ["//", "#", "/*", "{/*", "<!--"]
            .iter()
            .any(|opener| trimmed.starts_with(opener))
            && !trimmed.starts_with("#[");
        let target = if alone { index + 2 } else { index + 1 };
        for code in codes {
            out.insert((target, code));
        }
    }
    out
}

pub fn found(text: &str, findings: &[Finding]) -> BTreeSet<(usize, String)> {
    findings
        .iter()
        .map(|f| {
            (
                line_col(text, f.range.start).line,
                f.rule.code().to_string(),
            )
        })
        .collect()
}

/// True positives, false positives and misses of one rule.
#[derive(Default, Clone, Copy)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub missed: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.missed).max(1) as f64
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} true positives, {} false positives, {} missed; precision {:.3}, recall {:.3}",
            self.tp,
            self.fp,
            self.missed,
            self.precision(),
            self.recall()
        )
    }
}

/// Compares one file's findings with its markers, adds to `totals` per rule, and
/// returns the mismatches as `line: what` strings.
pub fn score(
    path: &Path,
    text: &str,
    findings: &[Finding],
    totals: &mut BTreeMap<String, Score>,
) -> Vec<String> {
    let expected = expectations_for(path, text);
    let got = found(text, findings);
    let mut mismatches = Vec::new();
    for item in expected.union(&got) {
        let entry = totals.entry(item.1.clone()).or_default();
        match (expected.contains(item), got.contains(item)) {
            (true, true) => entry.tp += 1,
            (false, true) => {
                entry.fp += 1;
                let message = findings
                    .iter()
                    .find(|f| {
                        f.rule.code() == item.1 && line_col(text, f.range.start).line == item.0
                    })
                    .map(|f| f.message.clone())
                    .unwrap_or_default();
                mismatches.push(format!("{}: unexpected {}: {message}", item.0, item.1));
            }
            (true, false) => {
                entry.missed += 1;
                mismatches.push(format!("{}: missed {}", item.0, item.1));
            }
            (false, false) => {}
        }
    }
    mismatches
}
