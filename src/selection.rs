//! Which findings a `check` run reports: `--select`, `--ignore` and `--severity`.
//! Applied to the engine's findings, so suppressions and fixes work as without them.

use std::collections::BTreeSet;

use crate::finding::{Finding, Severity};
use crate::rules::{RuleId, ALL};
use crate::settings::rule_by_code_or_name;

/// The findings a run keeps. The default keeps every finding.
#[derive(Clone, Debug)]
pub struct FindingFilter {
    /// Only these rules, when set (`--select`).
    select: Option<BTreeSet<RuleId>>,
    /// Never these rules (`--ignore`, which wins over `--select`).
    ignore: BTreeSet<RuleId>,
    /// The least severe finding still reported (`--severity`).
    threshold: Severity,
}

impl Default for FindingFilter {
    fn default() -> Self {
        FindingFilter {
            select: None,
            ignore: BTreeSet::new(),
            threshold: Severity::Hint,
        }
    }
}

impl FindingFilter {
    /// Builds the filter from the flags' values: rule lists (codes or names, each
    /// value comma-separated) and a threshold. Names an unknown rule and lists the rules.
    pub fn new(
        select: &[String],
        ignore: &[String],
        threshold: Severity,
    ) -> Result<FindingFilter, String> {
        let select = if select.is_empty() {
            None
        } else {
            Some(rule_list("--select", select)?)
        };
        Ok(FindingFilter {
            select,
            ignore: rule_list("--ignore", ignore)?,
            threshold,
        })
    }

    pub fn keeps(&self, finding: &Finding) -> bool {
        finding.severity <= self.threshold
            && !self.ignore.contains(&finding.rule)
            && self
                .select
                .as_ref()
                .is_none_or(|rules| rules.contains(&finding.rule))
    }

    /// The rules whose findings the filter drops whatever they are, so that analysing
    /// them is wasted: none when it keeps MUFI100, whose unused-suppression hints are
    /// judged against every rule's findings.
    pub fn rules_not_needed(&self) -> BTreeSet<RuleId> {
        let kept = |rule: RuleId| {
            !self.ignore.contains(&rule)
                && self
                    .select
                    .as_ref()
                    .is_none_or(|rules| rules.contains(&rule))
        };
        if kept(RuleId::UnusedSuppression) {
            return BTreeSet::new();
        }
        crate::rules::ALL
            .iter()
            .copied()
            .filter(|r| !kept(*r))
            .collect()
    }

    /// Drops the findings the filter does not keep.
    pub fn retain(&self, findings: &mut Vec<Finding>) {
        findings.retain(|f| self.keeps(f));
    }
}

/// `error`, `warning`, `info` or `hint`: the values of `--severity`.
pub fn parse_severity(value: &str) -> Result<Severity, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "error" => Ok(Severity::Error),
        "warning" | "warn" => Ok(Severity::Warning),
        "info" => Ok(Severity::Info),
        "hint" => Ok(Severity::Hint),
        other => Err(format!(
            "unknown severity `{other}`: use error, warning, info or hint"
        )),
    }
}

fn rule_list(flag: &str, values: &[String]) -> Result<BTreeSet<RuleId>, String> {
    let mut rules = BTreeSet::new();
    for item in values.iter().flat_map(|v| v.split(',')) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        match rule_by_code_or_name(item) {
            Some(rule) => {
                rules.insert(rule);
            }
            None => {
                let known: Vec<String> = ALL
                    .iter()
                    .map(|r| format!("  {} {}", r.code(), r.name()))
                    .collect();
                return Err(format!(
                    "{flag}: unknown rule `{item}`. The rules, by code or name:\n{}",
                    known.join("\n")
                ));
            }
        }
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: RuleId, severity: Severity) -> Finding {
        Finding::new(rule, 0..1, "m").with_severity(severity)
    }

    #[test]
    fn select_ignore_and_threshold_combine() {
        let filter = FindingFilter::new(
            &["MUFI001,plain-http-url".into(), "mufi004".into()],
            &["tls-verification-disabled".into()],
            Severity::Warning,
        )
        .unwrap();
        assert!(filter.keeps(&finding(RuleId::HardcodedApiKey, Severity::Error)));
        assert!(filter.keeps(&finding(RuleId::PlainHttpUrl, Severity::Warning)));
        assert!(!filter.keeps(&finding(RuleId::PlainHttpUrl, Severity::Info)));
        assert!(!filter.keeps(&finding(RuleId::TlsVerificationDisabled, Severity::Error)));
        assert!(!filter.keeps(&finding(RuleId::OpenRedirect, Severity::Error)));
        assert!(FindingFilter::default().keeps(&finding(RuleId::UnusedSuppression, Severity::Hint)));
    }

    #[test]
    fn unknown_rule_lists_the_rules() {
        let err = FindingFilter::new(&["MUFI999".into()], &[], Severity::Hint).unwrap_err();
        assert!(err.contains("--select: unknown rule `MUFI999`"), "{err}");
        assert!(err.contains("MUFI003 plain-http-url"), "{err}");
        assert_eq!(parse_severity("Warning"), Ok(Severity::Warning));
        assert!(parse_severity("fatal").is_err());
    }
}
