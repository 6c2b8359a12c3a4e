//! `check --history --format sarif`: one result per key, at the file and line where it
//! first entered history, paths relative to the repository's top folder. A key the
//! baseline lists is a suppressed result, so code scanning closes its alert.

use std::collections::BTreeMap;

use serde_json::json;

use super::{
    level, location, log, srcroot_at, PhysicalLocation, Region, ResultLocation, SarifResult,
    Suppression, Text,
};
use crate::history::{HistoryReport, LeakedKey};
use crate::report::history::message;
use crate::rules::{RuleId, ALL};

/// The key of the key's fingerprint in `partialFingerprints`: the same key is the same
/// alert whichever commit or path it turns up in.
const KEY_FINGERPRINT: &str = "mufiKey/v1";

pub fn render(report: &HistoryReport) -> String {
    let results = report
        .keys
        .iter()
        .map(|key| result(key, report.commits_scanned))
        .collect();
    log(results, srcroot_at(&report.root), &[])
}

fn result(key: &LeakedKey, commits_scanned: usize) -> SarifResult {
    let rule = RuleId::HardcodedApiKey;
    SarifResult {
        rule_id: rule.code(),
        rule_index: ALL.iter().position(|r| *r == rule).unwrap_or(0),
        level: level(rule.meta().default_severity),
        message: Text {
            text: message(key, commits_scanned),
        },
        locations: vec![ResultLocation {
            physical_location: PhysicalLocation {
                artifact_location: location(&key.first_path),
                // The whole line: the commit's text is not at hand here.
                region: Region {
                    start_line: key.first_line,
                    start_column: 1,
                    end_line: key.first_line + 1,
                    end_column: 1,
                },
            },
        }],
        partial_fingerprints: BTreeMap::from([(KEY_FINGERPRINT, key.fingerprint.clone())]),
        fixes: Vec::new(),
        suppressions: if key.baselined {
            vec![Suppression {
                kind: "external",
                justification: "listed in the --baseline file: already regenerated",
            }]
        } else {
            Vec::new()
        },
        properties: Some(json!({
            "firstCommit": key.first_commit,
            "firstAuthorDate": key.first_author_date,
            "commits": key.commits,
            "atHead": key.at_head,
        })),
    }
}
