//! User settings the engine honours: which rules run, at what severity, which hosts
//! may use plain HTTP, extra key names, and the largest file worth reading.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::finding::Severity;
use crate::rules::RuleId;

/// A list of globs over paths relative to a root (`**/vendor/**`, `web/widgets/**`),
/// which remembers the patterns as written, for messages.
#[derive(Clone, Debug, Default)]
pub struct PathGlobs {
    patterns: Vec<String>,
    set: Option<GlobSet>,
    /// The folder the globs are relative to, when they come from a config file.
    base: Option<std::path::PathBuf>,
}

impl PathGlobs {
    pub fn new(globs: &[String]) -> Result<PathGlobs, String> {
        if globs.is_empty() {
            return Ok(PathGlobs::default());
        }
        let mut builder = GlobSetBuilder::new();
        for g in globs {
            builder.add(Glob::new(g).map_err(|e| format!("bad glob `{g}`: {e}"))?);
        }
        let set = builder.build().map_err(|e| e.to_string())?;
        Ok(PathGlobs {
            patterns: globs.to_vec(),
            set: Some(set),
            base: None,
        })
    }

    pub fn with_base(mut self, base: Option<std::path::PathBuf>) -> PathGlobs {
        self.base = base;
        self
    }

    /// The first glob (as written) that matches `rel`.
    pub fn matches(&self, rel: &Path) -> Option<&str> {
        let set = self.set.as_ref()?;
        let index = *set.matches(rel).first()?;
        self.patterns.get(index).map(String::as_str)
    }

    /// The first glob that matches `path` relative to the globs' own folder (a config
    /// file's), else to one of `bases`, or, when no base holds it, the path itself (so
    /// that `**/generated/**` works anywhere).
    pub fn matches_under(&self, path: &Path, bases: &[&Path]) -> Option<&str> {
        self.set.as_ref()?;
        if let Some(base) = &self.base {
            // Config files' folders are absolute; `check` may pass relative paths.
            let absolute;
            let path = if path.is_relative() && base.is_absolute() {
                absolute = std::path::absolute(path).ok()?;
                absolute.as_path()
            } else {
                path
            };
            return self.matches(path.strip_prefix(base).ok()?);
        }
        let relative: Vec<&Path> = bases
            .iter()
            .filter_map(|base| path.strip_prefix(base).ok())
            .collect();
        if relative.is_empty() {
            let bare = path.strip_prefix("/").unwrap_or(path);
            return self.matches(bare);
        }
        relative.into_iter().find_map(|rel| self.matches(rel))
    }
}

/// Globs that decide whether files ship to users, over what the project model infers.
#[derive(Clone, Debug, Default)]
pub struct SideGlobs {
    pub client: PathGlobs,
    pub server: PathGlobs,
}

impl SideGlobs {
    /// Compiles the user's client-side and server-side globs (`web/widgets/**`,
    /// `**/*.worker.ts`), matched against paths relative to the project root.
    pub fn new(client: &[String], server: &[String]) -> Result<SideGlobs, String> {
        Ok(SideGlobs {
            client: PathGlobs::new(client)?,
            server: PathGlobs::new(server)?,
        })
    }

    /// `Some((glob, client_side))` when a glob decides for `path`; globs are relative
    /// to their config file's folder, or else to `project_root`. Server-side globs win
    /// over client-side ones: a user who names a server folder inside a client one
    /// means the exception.
    pub fn decide(&self, path: &Path, project_root: Option<&Path>) -> Option<(&str, bool)> {
        let bases: Vec<&Path> = project_root.into_iter().collect();
        if let Some(glob) = self.server.matches_under(path, &bases) {
            return Some((glob, false));
        }
        self.client
            .matches_under(path, &bases)
            .map(|glob| (glob, true))
    }
}

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
    /// Globs that mark files client-side or server-side for MUFI002.
    pub side_globs: SideGlobs,
    /// Files the user does not want checked at all.
    pub exclude: PathGlobs,
    /// Whether the server checks the whole workspace in the background.
    pub scan_workspace: bool,
    /// How long one file's analysis may take before its parse or queries give up
    /// (`budget`); `None`: as long as it takes.
    pub time_limit: Option<std::time::Duration>,
}

/// The default `time_limit`. The slowest file of a 300 MB tree of real projects takes
/// 65 ms here; generated text can take minutes. A debug build (the test suite's) runs
/// the engine's own code several times slower, and the tests share the cores: a file
/// that needs a query compiled took over 300 ms there, so it gets ten times longer.
pub const DEFAULT_TIME_LIMIT: std::time::Duration = if cfg!(debug_assertions) {
    std::time::Duration::from_secs(30)
} else {
    std::time::Duration::from_secs(3)
};

impl Default for Config {
    fn default() -> Self {
        Config {
            disabled: HashSet::new(),
            severity: HashMap::new(),
            allowed_http_hosts: Vec::new(),
            extra_key_names: Vec::new(),
            max_file_size: 4 * 1024 * 1024,
            side_globs: SideGlobs::default(),
            exclude: PathGlobs::default(),
            scan_workspace: true,
            time_limit: Some(DEFAULT_TIME_LIMIT),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_globs_win_and_name_the_glob() {
        let globs = SideGlobs::new(
            &["web/**".to_string(), "**/*.widget.ts".to_string()],
            &["web/server/**".to_string()],
        )
        .unwrap();
        let root = Some(Path::new("/p"));
        let decide = |p: &str| globs.decide(&Path::new("/p").join(p), root);
        assert_eq!(decide("web/app.ts"), Some(("web/**", true)));
        assert_eq!(decide("lib/pay.widget.ts"), Some(("**/*.widget.ts", true)));
        assert_eq!(decide("web/server/mufi.ts"), Some(("web/server/**", false)));
        assert_eq!(decide("api/mufi.ts"), None);
        assert!(SideGlobs::new(&["web/[".to_string()], &[]).is_err());
    }
}
