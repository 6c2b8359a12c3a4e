//! `check --stdin-filename PATH`: one file's text read from standard input (an editor
//! buffer, a formatter pipeline), analysed as if it were at PATH and reported with it.

use std::path::Path;
use std::time::Instant;

use crate::cli::{analyze_file, display_path, unreadable_reason, CheckOptions, CheckOutcome};
use crate::config::Config;
use crate::engine;
use crate::finding::{Fix, Severity};
use crate::project::ProjectModel;
use crate::report::{self, FileReport};

/// What a check of standard input found, and with `--fix` the text to print: the input
/// with the safe fixes applied (nothing is written to disk).
pub struct StdinOutcome {
    pub outcome: CheckOutcome,
    pub fixed_text: Option<Vec<u8>>,
}

/// Checks `input` as the file at `path`: its language from the name, its project and git
/// state from where the path sits (the file itself need not exist). MUFI009 needs the
/// whole workspace and is not reported here.
pub fn check(path: &Path, input: Vec<u8>, options: &CheckOptions, config: &Config) -> StdinOutcome {
    let started = Instant::now();
    let mut fixed = 0;
    let mut reports = Vec::new();
    let mut fixed_text = None;
    let excluded = config.exclude.matches_under(path, &[]).is_some();
    let readable = match unreadable_reason(&input, config) {
        None if excluded => None,
        None => String::from_utf8(input.clone()).ok(),
        Some(reason) => {
            tracing::info!("not analysing standard input: {reason}");
            None
        }
    };
    if let Some(mut text) = readable {
        let model = ProjectModel::new();
        let mut findings = analyze_file(path, &text, &model, config);
        options.filter.retain(&mut findings);
        if options.fix {
            let safe: Vec<&Fix> = findings
                .iter()
                .flat_map(|f| f.fixes.iter().filter(|x| x.safe && x.is_local()).take(1))
                .collect();
            let (new_text, applied) = engine::apply_fixes(&text, safe);
            if applied > 0 && new_text != text {
                fixed = applied;
                text = new_text;
                findings = analyze_file(path, &text, &model, config);
                options.filter.retain(&mut findings);
            }
            fixed_text = Some(text.clone().into_bytes());
        }
        if !findings.is_empty() {
            reports.push(FileReport {
                display_path: display_path(path),
                text,
                findings,
            });
        }
    }
    if options.fix && fixed_text.is_none() {
        fixed_text = Some(input);
    }
    let findings = reports.iter().map(|r| r.findings.len()).sum();
    let failing = reports
        .iter()
        .flat_map(|r| &r.findings)
        .filter(|f| f.severity <= Severity::Warning)
        .count();
    let output = report::render(
        options.format,
        &reports,
        1,
        options.color,
        started.elapsed().as_millis(),
    );
    StdinOutcome {
        outcome: CheckOutcome {
            findings,
            failing,
            files_scanned: 1,
            output,
            fixed,
        },
        fixed_text,
    }
}
