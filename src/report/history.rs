//! Reports of `check --history`: the keys found in git history, in text, JSON and
//! GitHub annotations (SARIF is in `sarif/history.rs`). Keys appear only redacted.

use std::fmt::Write;

use serde::Serialize;

use super::github::{escape_data, escape_property};
use super::Format;
use crate::history::{HistoryReport, LeakedKey};
use crate::rules::RuleId;

/// Renders `report` in `format`; `elapsed_ms` goes into the JSON summary.
pub fn render(report: &HistoryReport, format: Format, elapsed_ms: u128) -> String {
    match format {
        Format::Text => text(report),
        Format::Json => json(report, elapsed_ms),
        Format::Sarif => super::sarif::history::render(report),
        Format::Github => github(report),
    }
}

/// One sentence on a key: where it entered history and what to do about it.
pub fn message(key: &LeakedKey, commits_scanned: usize) -> String {
    let permission = key
        .permission
        .as_deref()
        .map_or(String::new(), |p| format!(", {p}"));
    let head = if key.at_head {
        "still at HEAD"
    } else {
        "no longer at HEAD"
    };
    format!(
        "Mufi key {} ({}{permission}) was committed on {} in {} and is in {} of {} commits, {head}: \
         regenerate it in the Mufi dashboard; removing it from the code does not remove it from history",
        key.fingerprint,
        key.redacted,
        key.first_author_date,
        short(&key.first_commit),
        key.commits,
        commits_scanned,
    )
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

/// The closing line: new keys, and how many the baseline covers.
pub fn summary_line(report: &HistoryReport) -> String {
    let new = report.new_keys();
    let at_head = report
        .keys
        .iter()
        .filter(|k| !k.baselined && k.at_head)
        .count();
    let baselined = report.keys.len() - new;
    let mut line = if new == 0 {
        format!("No new Mufi keys in {} commits", report.commits_scanned)
    } else {
        format!(
            "Found {new} Mufi key{} in {} commits ({at_head} still at HEAD)",
            if new == 1 { "" } else { "s" },
            report.commits_scanned
        )
    };
    if baselined > 0 {
        let _ = write!(
            line,
            "; {baselined} more in the baseline (already regenerated)"
        );
    }
    line.push('.');
    if report.shallow {
        line.push_str(
            " This is a shallow clone: older commits were not read \
             (fetch them with `git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout).",
        );
    }
    line
}

fn text(report: &HistoryReport) -> String {
    let mut out = String::new();
    for key in report.keys.iter().filter(|k| !k.baselined) {
        let _ = writeln!(
            out,
            "{}:{}: error {} {}",
            key.first_path,
            key.first_line,
            RuleId::HardcodedApiKey.code(),
            message(key, report.commits_scanned)
        );
    }
    let _ = writeln!(out, "{}", summary_line(report));
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    history: JsonHistory,
    keys: Vec<JsonKey<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonHistory {
    range: String,
    commits_scanned: usize,
    blobs_scanned: usize,
    shallow: bool,
}

#[derive(Serialize)]
struct JsonKey<'a> {
    rule: &'static str,
    #[serde(flatten)]
    key: &'a LeakedKey,
}

#[derive(Serialize)]
struct JsonSummary {
    keys: usize,
    new_keys: usize,
    elapsed_ms: u128,
}

fn json(report: &HistoryReport, elapsed_ms: u128) -> String {
    let out = JsonReport {
        version: 1,
        history: JsonHistory {
            range: report.range.describe(),
            commits_scanned: report.commits_scanned,
            blobs_scanned: report.blobs_scanned,
            shallow: report.shallow,
        },
        keys: report
            .keys
            .iter()
            .map(|key| JsonKey {
                rule: RuleId::HardcodedApiKey.code(),
                key,
            })
            .collect(),
        summary: JsonSummary {
            keys: report.keys.len(),
            new_keys: report.new_keys(),
            elapsed_ms,
        },
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into())
}

fn github(report: &HistoryReport) -> String {
    let mut out = String::new();
    let title = escape_property(&format!(
        "{} {}",
        RuleId::HardcodedApiKey.code(),
        RuleId::HardcodedApiKey.name()
    ));
    for key in report.keys.iter().filter(|k| !k.baselined) {
        let _ = writeln!(
            out,
            "::error file={},line={},title={title}::{}",
            escape_property(&key.first_path),
            key.first_line,
            escape_data(&message(key, report.commits_scanned))
        );
    }
    let _ = writeln!(out, "{}", summary_line(report));
    out
}
