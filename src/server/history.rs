//! The editor's view of git history: which keys already reached a commit. Read once in
//! the background after `initialized` (local files only, never the network), then a
//! flagged key that is in history says so in its diagnostic.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::RwLock;

use tower_lsp_server::ls_types::Diagnostic;

use super::state::State;
use crate::config::Config;
use crate::finding::Finding;
use crate::history::{self, fingerprint, Range};
use crate::jwt;
use crate::rules::RuleId;

/// Where a key has been: in how many commits, since which day.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen {
    commits: usize,
    since: String,
}

/// Keys found in the workspace's history, by fingerprint; empty until read.
#[derive(Default)]
pub struct KeyHistory {
    seen: RwLock<HashMap<String, Seen>>,
}

impl KeyHistory {
    /// Reads the history of every repository holding a root (each repository once).
    /// Blocking: run off the protocol task. Returns how many keys history holds.
    pub fn load(&self, roots: &[PathBuf], config: &Config) -> usize {
        let mut repos: Vec<PathBuf> = roots
            .iter()
            .filter_map(|root| history::open(root).ok())
            .map(|repo| repo.path().to_path_buf())
            .collect();
        repos.sort();
        repos.dedup();
        let mut seen = HashMap::new();
        for repo in repos {
            match history::scan(&repo, &Range::Head, config) {
                Ok(report) => {
                    for key in report.keys {
                        let day = key.first_author_date.get(..10).unwrap_or_default();
                        let entry = seen.entry(key.fingerprint).or_insert(Seen {
                            commits: 0,
                            since: day.to_string(),
                        });
                        entry.commits = entry.commits.max(key.commits);
                        if day < entry.since.as_str() {
                            entry.since = day.to_string();
                        }
                    }
                }
                Err(e) => tracing::warn!("reading {}'s history: {e}", repo.display()),
            }
        }
        let found = seen.len();
        if let Ok(mut slot) = self.seen.write() {
            *slot = seen;
        }
        found
    }

    /// The sentence a finding's diagnostic gains when its key is in history.
    pub fn note(&self, text: &str, f: &Finding) -> Option<String> {
        if !matches!(
            f.rule,
            RuleId::HardcodedApiKey | RuleId::SecretFileNotIgnored
        ) {
            return None;
        }
        let seen = self.seen.read().ok()?;
        if seen.is_empty() {
            return None;
        }
        let flagged = text.get(f.range.clone())?;
        let tokens = jwt::find_all(flagged);
        let mut prints: Vec<String> = tokens
            .iter()
            .map(|t| fingerprint(&flagged[t.start..t.end]))
            .collect();
        if tokens.is_empty() {
            // A named key that is not a JWT (a dotenv value): the value is the key.
            prints.push(fingerprint(flagged.trim_matches(['"', '\'', '`'])));
        }
        let hit = prints.iter().find_map(|p| seen.get(p))?;
        Some(format!(
            "This key is in {} commit{} since {}: regenerate it; removing it here is not enough.",
            hit.commits,
            if hit.commits == 1 { "" } else { "s" },
            hit.since
        ))
    }

    /// Adds the history note to `diagnostic`, made from `f`, when there is one.
    pub fn annotate_one(&self, text: &str, f: &Finding, diagnostic: &mut Diagnostic) {
        if let Some(note) = self.note(text, f) {
            diagnostic.message = format!("{} {note}", diagnostic.message);
        }
    }

    /// `annotate_one` over diagnostics made one per finding, in order.
    pub fn annotate(&self, text: &str, findings: &[Finding], diagnostics: &mut [Diagnostic]) {
        for (f, d) in findings.iter().zip(diagnostics.iter_mut()) {
            self.annotate_one(text, f, d);
        }
    }
}

/// Reads the workspace's history in the background, then re-publishes the open
/// documents whose findings it has news for, and the files the workspace scan reported
/// before the history was in (re-read from disk: closed files keep no findings).
pub fn load_in_background(state: std::sync::Arc<State>) {
    let roots = state.roots();
    if roots.is_empty() {
        return;
    }
    tokio::task::spawn_blocking(move || {
        let found = state.history.load(&roots, &state.config_for(None));
        tracing::info!("git history holds {found} Mufi keys");
        if found == 0 {
            return;
        }
        let noted: Vec<_> = state
            .docs()
            .iter()
            .filter(|(_, open)| {
                open.findings.as_ref().is_some_and(|(_, findings)| {
                    findings
                        .iter()
                        .any(|f| state.history.note(&open.doc.text(), f).is_some())
                })
            })
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in noted {
            state.requeue(&uri);
        }
        for uri in state.scans.with_findings() {
            if let Some(path) = uri.to_file_path() {
                super::scan::rescan(&state, &path);
            }
        }
    });
}
