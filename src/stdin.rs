//! `check --stdin-filename PATH`: one file's text read from standard input (an editor
//! buffer, a formatter pipeline), analysed as if it were at PATH and reported with it.

use std::path::Path;
use std::time::Instant;

use crate::cli::{
    analyze_file_in_time, display_path, readable_text, safe_fixes, CheckOptions, CheckOutcome,
};
use crate::config::Config;
use crate::engine;
use crate::project::ProjectModel;
use crate::report::FileReport;

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
    let mut problems = Vec::new();
    let excluded = config.exclude.matches_under(path, &[]).is_some();
    let readable = match readable_text(input.clone(), config) {
        Ok(_) if excluded => None,
        Ok(text) => Some(text),
        Err(reason) => {
            tracing::info!("not analysing standard input: {reason}");
            None
        }
    };
    if let Some(mut text) = readable {
        let model = ProjectModel::new();
        let (mut findings, stopped) = analyze_file_in_time(path, &text, &model, config);
        problems.extend(stopped);
        options.filter.retain(&mut findings);
        if options.fix {
            let safe = safe_fixes(&findings, &options.filter);
            let (new_text, applied) = engine::apply_fixes(&text, safe);
            if applied > 0 && new_text != text {
                fixed = applied;
                text = new_text;
                let stopped;
                (findings, stopped) = analyze_file_in_time(path, &text, &model, config);
                problems.extend(stopped.filter(|p| !problems.contains(p)));
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
    let outcome = CheckOutcome::new(&reports, 1, fixed, options, started, problems);
    StdinOutcome {
        outcome,
        fixed_text,
    }
}
