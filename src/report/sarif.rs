//! `check --format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other viewers.
//! The only place SARIF types exist; columns count UTF-16 code units (`columnKind`).

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{redacted_line, FileReport, Positions};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::rules::{RuleId, ALL};

pub(super) mod history;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Paths in results are relative to this base: the folder `check` ran in.
const SRCROOT: &str = "%SRCROOT%";
/// The key of our fingerprint in `partialFingerprints`; bump the version when its
/// inputs change, so code scanning does not match old alerts against new hashes.
pub const FINGERPRINT_KEY: &str = "mufiFingerprint/v1";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, Location>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    /// GitHub ranks security alerts by this CVSS-like score (0.0–10.0, as a string).
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    /// The run's problems: files left unchecked or unfixed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<ResultLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<serde_json::Value>,
}

/// Why a result is not an alert (a history key listed in the baseline).
#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: Location,
    region: Region,
}

/// An `artifactLocation`: a URI, relative to `uriBaseId` when it has one.
#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Location {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: Location,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

/// SARIF has three result levels; info and hints are notes.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// The "What it does" section of a rule's doc: its full description.
fn what_it_does(doc: &str) -> Option<String> {
    let body = doc.split("## What it does").nth(1)?;
    let body = body.split("\n## ").next()?.trim();
    (!body.is_empty()).then(|| body.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn rule(id: RuleId) -> Rule {
    let meta = id.meta();
    let security = id != RuleId::UnusedSuppression;
    Rule {
        id: meta.code,
        name: meta.name,
        short_description: Text {
            text: meta.summary.to_string(),
        },
        full_description: Text {
            text: what_it_does(meta.doc).unwrap_or_else(|| meta.summary.to_string()),
        },
        help: Help {
            text: meta.doc,
            markdown: meta.doc,
        },
        help_uri: id.docs_url(),
        default_configuration: Configuration {
            level: level(meta.default_severity),
        },
        properties: RuleProperties {
            tags: if security {
                vec!["security"]
            } else {
                vec!["maintainability"]
            },
            security_severity: security.then_some(match meta.default_severity {
                Severity::Error => "8.0",
                Severity::Warning => "5.0",
                Severity::Info | Severity::Hint => "2.0",
            }),
        },
    }
}

/// `path` (as reports show it) as an artifact location: relative to `%SRCROOT%` with
/// forward slashes, or an absolute `file:` URI for a file outside the current folder.
fn location(display_path: &str) -> Location {
    let slashed = display_path.replace('\\', "/");
    let absolute = slashed.starts_with('/') || slashed.as_bytes().get(1) == Some(&b':');
    if absolute {
        let rooted = if slashed.starts_with('/') {
            slashed
        } else {
            format!("/{slashed}")
        };
        Location {
            uri: format!("file://{}", percent_encode(&rooted)),
            uri_base_id: None,
        }
    } else {
        Location {
            uri: percent_encode(&slashed),
            uri_base_id: Some(SRCROOT),
        }
    }
}

/// Percent-encodes what a URI path may not hold as is (RFC 3986 `pchar` and `/`).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The folder `check` ran in, as the `file:` URI `%SRCROOT%` stands for.
fn srcroot() -> BTreeMap<&'static str, Location> {
    std::env::current_dir().map_or_else(|_| BTreeMap::new(), |cwd| srcroot_at(&cwd))
}

/// `%SRCROOT%` standing for folder `dir`.
fn srcroot_at(dir: &std::path::Path) -> BTreeMap<&'static str, Location> {
    let mut bases = BTreeMap::new();
    {
        let mut path = dir.to_string_lossy().replace('\\', "/");
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        bases.insert(
            SRCROOT,
            Location {
                uri: format!("file://{}", percent_encode(&path)),
                uri_base_id: None,
            },
        );
    }
    bases
}

fn region(positions: &Positions, range: &Range<usize>) -> Region {
    let start = positions.line_col(range.start);
    let end = positions.line_col(range.end);
    Region {
        start_line: start.line,
        start_column: positions.utf16_column(range.start),
        end_line: end.line,
        end_column: positions.utf16_column(range.end),
    }
}

/// What code scanning matches alerts on across commits: the rule, the file, the flagged
/// line's text (secrets redacted, whitespace collapsed) and which occurrence of that
/// (rule, line) pair in the file this is. Line numbers stay out, so code inserted above
/// a finding keeps its alert. The hash never sees a key, only its redacted form.
fn fingerprint(rule: RuleId, path: &str, normalized_line: &str, occurrence: usize) -> String {
    let mut hasher = Sha256::new();
    for part in [rule.code(), path, normalized_line, &occurrence.to_string()] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The fingerprint of each finding of `file`, in the order of `file.findings`.
fn fingerprints(file: &FileReport) -> Vec<String> {
    let mut order: Vec<usize> = (0..file.findings.len()).collect();
    order.sort_by_key(|&i| {
        let f = &file.findings[i];
        (f.range.start, f.range.end, f.rule)
    });
    let path = file.display_path.replace('\\', "/");
    let mut seen: HashMap<(RuleId, String), usize> = HashMap::new();
    let mut out = vec![String::new(); file.findings.len()];
    for i in order {
        let f = &file.findings[i];
        let line = redacted_line(&file.text, f.range.start, &file.findings);
        let normalized = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let count = seen.entry((f.rule, normalized.clone())).or_insert(0);
        out[i] = fingerprint(f.rule, &path, &normalized, *count);
        *count += 1;
    }
    out
}

/// A fix `check --fix` would apply, as a SARIF fix; none for fixes that touch other
/// files (they carry the key to `.env`) or whose new text holds a key.
fn fix(fix: &Fix, file: &FileReport, positions: &Positions) -> Option<SarifFix> {
    if !(fix.safe && fix.is_local()) {
        return None;
    }
    let replacements: Vec<Replacement> = fix
        .edits
        .iter()
        .filter_map(|e| match e {
            Edit::Replace { range, text } => Some(Replacement {
                deleted_region: region(positions, range),
                inserted_content: Text { text: text.clone() },
            }),
            _ => None,
        })
        .collect();
    if replacements.is_empty() || !super::fix_is_printable(fix) {
        return None;
    }
    Some(SarifFix {
        description: Text {
            text: fix.title.clone(),
        },
        artifact_changes: vec![ArtifactChange {
            artifact_location: location(&file.display_path),
            replacements,
        }],
    })
}

fn result(file: &FileReport, f: &Finding, positions: &Positions, fp: String) -> SarifResult {
    SarifResult {
        rule_id: f.rule.code(),
        rule_index: ALL.iter().position(|r| *r == f.rule).unwrap_or(0),
        level: level(f.severity),
        // Engine messages are already redacted: they name a key by its first characters.
        message: Text {
            text: f.message.clone(),
        },
        locations: vec![ResultLocation {
            physical_location: PhysicalLocation {
                artifact_location: location(&file.display_path),
                region: region(positions, &f.range),
            },
        }],
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fp)]),
        fixes: f
            .fixes
            .iter()
            .filter_map(|x| fix(x, file, positions))
            .collect(),
        suppressions: Vec::new(),
        properties: None,
    }
}

/// Renders the whole run as a pretty-printed SARIF log.
pub fn render(files: &[FileReport], problems: &[String]) -> String {
    let mut results = Vec::new();
    for file in files {
        let positions = Positions::new(&file.text);
        for (f, fp) in file.findings.iter().zip(fingerprints(file)) {
            results.push(result(file, f, &positions, fp));
        }
    }
    log(results, srcroot(), problems)
}

/// The whole log around `results`, with every rule, paths relative to `bases`; a run
/// with `problems` did not succeed, and says why.
fn log(
    results: Vec<SarifResult>,
    bases: BTreeMap<&'static str, Location>,
    problems: &[String],
) -> String {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "mufi-lsp",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: ALL.iter().copied().map(rule).collect(),
                },
            },
            invocations: vec![Invocation {
                execution_successful: problems.is_empty(),
                tool_execution_notifications: problems
                    .iter()
                    .map(|problem| Notification {
                        level: "error",
                        message: Text {
                            text: problem.clone(),
                        },
                    })
                    .collect(),
            }],
            original_uri_base_ids: bases,
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uris_or_file_uris() {
        let rel = location("web/my app/a.js");
        assert_eq!(rel.uri, "web/my%20app/a.js");
        assert_eq!(rel.uri_base_id, Some(SRCROOT));
        let abs = location("/tmp/x#1/a.js");
        assert_eq!(abs.uri, "file:///tmp/x%231/a.js");
        assert_eq!(abs.uri_base_id, None);
    }

    #[test]
    fn full_description_is_the_what_it_does_section() {
        let doc = "## What it does\nFlags a thing\nacross lines.\n\n## Why is this bad?\nBecause.";
        assert_eq!(
            what_it_does(doc).as_deref(),
            Some("Flags a thing across lines.")
        );
    }
}
