//! User settings the engine honours: which rules run, at what severity, which hosts
//! may use plain HTTP, extra key names, and the largest file worth reading.

use std::collections::{HashMap, HashSet};

use crate::finding::Severity;
use crate::rules::RuleId;

#[derive(Clone, Debug)]
pub struct Config {
    pub disabled: HashSet<RuleId>,
    pub severity: HashMap<RuleId, Severity>,
    /// Hosts (or `*.suffix` patterns) that may be reached over plain HTTP.
    pub allowed_http_hosts: Vec<String>,
    /// More variable names that hold a Mufi key.
    pub extra_key_names: Vec<String>,
    /// Files larger than this are skipped, with a log line.
    pub max_file_size: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            disabled: HashSet::new(),
            severity: HashMap::new(),
            allowed_http_hosts: Vec::new(),
            extra_key_names: Vec::new(),
            max_file_size: 4 * 1024 * 1024,
        }
    }
}

impl Config {
    pub fn is_enabled(&self, rule: RuleId) -> bool {
        !self.disabled.contains(&rule)
    }

    /// Severity after the user's override, if any.
    pub fn severity_for(&self, rule: RuleId, computed: Severity) -> Severity {
        self.severity.get(&rule).copied().unwrap_or(computed)
    }

    /// Whether `host` was allowed plain HTTP by the user.
    pub fn http_host_allowed(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.allowed_http_hosts.iter().any(|pattern| {
            let pattern = pattern.to_ascii_lowercase();
            match pattern.strip_prefix("*.") {
                Some(suffix) => host.ends_with(&format!(".{suffix}")),
                None => host == pattern,
            }
        })
    }
}
