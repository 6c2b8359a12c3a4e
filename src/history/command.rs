//! `check --history` at the command line's edge: scan, apply the baseline, render, and
//! say whether the check fails. `main.rs` only parses flags into `HistoryOptions`.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};

use super::{scan, Baseline, Range};
use crate::config_file::ConfigFiles;
use crate::report::{history, Format};

pub struct HistoryOptions {
    /// A path inside the repository to read.
    pub path: PathBuf,
    pub range: Range,
    pub format: Format,
    /// Fingerprints of keys already regenerated (`--baseline`).
    pub baseline: Option<PathBuf>,
    /// Where to write every key found as a new baseline (`--write-baseline`).
    pub write_baseline: Option<PathBuf>,
}

pub struct HistoryOutcome {
    pub output: String,
    /// Keys not in the baseline: any makes the check fail.
    pub new_keys: usize,
}

pub fn run(options: &HistoryOptions) -> Result<HistoryOutcome> {
    let started = Instant::now();
    let configs = ConfigFiles::default();
    let config = configs.config_for(Some(&options.path));
    if let Some(e) = configs.errors().first() {
        anyhow::bail!("{e}");
    }
    let mut report = scan(&options.path, &options.range, &config)?;
    if let Some(path) = &options.baseline {
        report.apply(&Baseline::read(path)?);
    }
    if let Some(path) = &options.write_baseline {
        std::fs::write(path, Baseline::render(&report.keys))
            .with_context(|| format!("writing baseline {}", path.display()))?;
    }
    Ok(HistoryOutcome {
        output: history::render(&report, options.format, started.elapsed().as_millis()),
        new_keys: report.new_keys(),
    })
}
