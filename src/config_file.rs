//! Config files: `mufi-lsp.toml`, `.mufi-lsp.toml`, or a `[tool.mufi-lsp]` table in
//! `pyproject.toml`; the nearest above a file wins. Read once, kept until told that
//! one changed; a broken file keeps its last good settings in force and says why.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::config::Config;
use crate::settings::{Preference, Settings};

/// Config file names, in the order they are looked for in each folder.
pub const FILE_NAMES: [&str; 2] = ["mufi-lsp.toml", ".mufi-lsp.toml"];
const PYPROJECT: &str = "pyproject.toml";

/// Whether a change to `path` can change a config: a config file or a pyproject.
pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| FILE_NAMES.contains(&n) || n == PYPROJECT)
}

/// The settings one config file holds.
#[derive(Debug)]
pub struct FileSettings {
    pub path: PathBuf,
    pub settings: Settings,
}

/// Why a config file cannot be used: where, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 0-based line of the problem (the field, or the TOML syntax error).
    pub line: u32,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}",
            self.path.display(),
            self.line + 1,
            self.message
        )
    }
}

/// Reads one config file. `Ok(None)` for a `pyproject.toml` without a
/// `[tool.mufi-lsp]` table (or a file that vanished).
pub fn load(path: &Path) -> Result<Option<FileSettings>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(error_at(path, 0, format!("cannot read it: {e}"))),
    };
    parse(path, &text)
}

/// Parses a config file's text (see `load`).
pub fn parse(path: &Path, text: &str) -> Result<Option<FileSettings>, ConfigError> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let line = e
            .span()
            .map_or(0, |span| line_of(text, span.start.min(text.len())));
        error_at(path, line, format!("not valid TOML: {}", e.message()))
    })?;
    let is_pyproject = path.file_name().is_some_and(|n| n == PYPROJECT);
    let table = if is_pyproject {
        let section = table
            .get("tool")
            .and_then(|t| t.get("mufi-lsp").or_else(|| t.get("mufi_lsp")));
        match section {
            None => return Ok(None),
            Some(toml::Value::Table(t)) => t.clone(),
            Some(_) => {
                let line = find_line(text, "mufi-lsp").unwrap_or(0);
                return Err(error_at(
                    path,
                    line,
                    "`tool.mufi-lsp` must be a table".into(),
                ));
            }
        }
    } else {
        table
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let located = |message: String| {
        let line = backticked(&message)
            .find_map(|field| find_line(text, field))
            .unwrap_or(0);
        error_at(path, line, message)
    };
    let parsed = Settings::from_toml(&table, dir).map_err(located)?;
    // A typo in a shared file must not pass silently: unknown fields are errors here.
    if let Some(field) = parsed.unknown.first() {
        let name = field.split(' ').next().unwrap_or(field);
        return Err(located(format!(
            "unknown field `{name}` (fields: rules, exclude, client-side, server-side, \
             allowed-http-hosts, extra-key-names, max-file-size, scan-workspace)"
        )));
    }
    // Globs are compiled now, so that a bad one is this file's error, not a
    // surprise at analysis time.
    parsed.settings.to_config().map_err(located)?;
    Ok(Some(FileSettings {
        path: path.to_path_buf(),
        settings: parsed.settings,
    }))
}

fn error_at(path: &Path, line: usize, message: String) -> ConfigError {
    ConfigError {
        path: path.to_path_buf(),
        line: u32::try_from(line).unwrap_or(u32::MAX),
        message,
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// The names an error message puts in backticks (`` `rules.MUFI003` `` gives
/// `MUFI003`, then `rules`), most specific first.
fn backticked(message: &str) -> impl Iterator<Item = &str> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|quoted| quoted.rsplit('.'))
}

/// The first line holding `word` as a key or value, outside comments.
fn find_line(text: &str, word: &str) -> Option<usize> {
    text.lines().position(|line| {
        let code = line.split('#').next().unwrap_or("");
        code.contains(word)
    })
}

#[derive(Default)]
struct Entry {
    /// The last good settings of the file (`None`: none, or no mufi-lsp table).
    good: Option<Arc<FileSettings>>,
    error: Option<ConfigError>,
    /// Read again before next use.
    stale: bool,
}

/// The config files of a workspace or a `check` run, and the editor's settings they
/// are layered with.
#[derive(Default)]
pub struct ConfigFiles {
    /// Folder → the config file governing it.
    nearest: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    files: Mutex<HashMap<PathBuf, Entry>>,
    /// Effective configs by governing config file (`None`: none).
    configs: Mutex<HashMap<Option<PathBuf>, Arc<Config>>>,
    /// The editor's settings (or the command line's), under the config files.
    base: Mutex<Settings>,
    /// Config files whose problem changed since `take_changes`.
    changed: Mutex<Vec<PathBuf>>,
    /// Rules switched off whatever the settings say: those `check --select`/`--ignore`
    /// would drop the findings of.
    off: std::collections::BTreeSet<crate::rules::RuleId>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl ConfigFiles {
    pub fn new(base: Settings) -> ConfigFiles {
        ConfigFiles {
            base: Mutex::new(base),
            ..ConfigFiles::default()
        }
    }

    /// These rules are not run, whatever the settings say.
    pub fn with_rules_off(
        mut self,
        rules: std::collections::BTreeSet<crate::rules::RuleId>,
    ) -> Self {
        self.off = rules;
        self
    }

    /// Replaces the editor's settings.
    pub fn set_base(&self, base: Settings) {
        *lock(&self.base) = base;
        lock(&self.configs).clear();
    }

    pub fn base(&self) -> Settings {
        lock(&self.base).clone()
    }

    /// Forgets what was read: all of it, or what depends on the file at `path`.
    pub fn invalidate(&self, path: Option<&Path>) {
        match path {
            Some(p) => {
                if let Some(entry) = lock(&self.files).get_mut(p) {
                    entry.stale = true;
                }
            }
            None => lock(&self.files).values_mut().for_each(|e| e.stale = true),
        }
        lock(&self.nearest).clear();
        lock(&self.configs).clear();
    }

    /// The configuration for a file: the editor's settings and the nearest config
    /// file's, layered as the editor's `configurationPreference` says.
    pub fn config_for(&self, path: Option<&Path>) -> Arc<Config> {
        let base = self.base();
        let file = match (base.preference.unwrap_or_default(), path) {
            (Preference::EditorOnly, _) | (_, None) => None,
            (_, Some(p)) => self.settings_for(p),
        };
        let key = file.as_ref().map(|f| f.path.clone());
        if let Some(config) = lock(&self.configs).get(&key) {
            return config.clone();
        }
        let layered = match (&file, base.preference.unwrap_or_default()) {
            (None, _) => base.clone(),
            (Some(f), Preference::EditorFirst) => f.settings.overlaid_with(&base),
            (Some(f), _) => base.overlaid_with(&f.settings),
        };
        // Both layers compiled on their own; together they still do.
        let mut config = layered.to_config().unwrap_or_default();
        config.disabled.extend(&self.off);
        let config = Arc::new(config);
        lock(&self.configs).insert(key, config.clone());
        config
    }

    /// The nearest config file's settings for a file, if any.
    pub fn settings_for(&self, path: &Path) -> Option<Arc<FileSettings>> {
        let dir = path.parent()?;
        let governing = self.nearest_in(dir)?;
        self.entry(&governing)
    }

    /// The config file governing `dir`: in it, or in the nearest folder above.
    fn nearest_in(&self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = lock(&self.nearest).get(dir) {
            return found.clone();
        }
        let mut candidates: Vec<PathBuf> = FILE_NAMES.iter().map(|n| dir.join(n)).collect();
        candidates.push(dir.join(PYPROJECT));
        let here = candidates.into_iter().find(|c| {
            c.is_file()
                && (c.file_name().is_some_and(|n| n != PYPROJECT) || self.entry(c).is_some())
        });
        let found = here.or_else(|| dir.parent().and_then(|up| self.nearest_in(up)));
        lock(&self.nearest).insert(dir.to_path_buf(), found.clone());
        found
    }

    /// A config file's settings, read if not yet read or stale; a file that fails to
    /// read keeps its last good settings and records the error.
    fn entry(&self, path: &Path) -> Option<Arc<FileSettings>> {
        {
            let files = lock(&self.files);
            if let Some(e) = files.get(path).filter(|e| !e.stale) {
                return e.good.clone();
            }
        }
        let result = load(path);
        let mut files = lock(&self.files);
        let entry = files.entry(path.to_path_buf()).or_default();
        entry.stale = false;
        let error = match result {
            Ok(settings) => {
                entry.good = settings.map(Arc::new);
                None
            }
            Err(e) => Some(e),
        };
        if entry.error != error {
            entry.error = error;
            lock(&self.changed).push(path.to_path_buf());
        }
        entry.good.clone()
    }

    /// The config files whose problem appeared, changed or went away since the last
    /// call, each with its current problem.
    pub fn take_changes(&self) -> Vec<(PathBuf, Option<ConfigError>)> {
        let changed = std::mem::take(&mut *lock(&self.changed));
        let files = lock(&self.files);
        let mut out: Vec<(PathBuf, Option<ConfigError>)> = changed
            .into_iter()
            .map(|p| {
                let error = files.get(&p).and_then(|e| e.error.clone());
                (p, error)
            })
            .collect();
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }

    /// The current problem of a config file, if any.
    pub fn error_of(&self, path: &Path) -> Option<ConfigError> {
        lock(&self.files).get(path).and_then(|e| e.error.clone())
    }

    /// Every config file with a problem now.
    pub fn errors(&self) -> Vec<ConfigError> {
        let mut errors: Vec<ConfigError> = lock(&self.files)
            .values()
            .filter_map(|e| e.error.clone())
            .collect();
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleId;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn the_nearest_file_wins_and_globs_are_relative_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "mufi-lsp.toml", "rules = { MUFI003 = \"off\" }\n");
        write(
            root,
            "web/.mufi-lsp.toml",
            "exclude = [\"gen/**\"]\nrules = { MUFI004 = \"warning\" }\n",
        );
        let files = ConfigFiles::default();
        let top = files.config_for(Some(&root.join("api/a.py")));
        assert!(!top.is_enabled(RuleId::PlainHttpUrl));
        let web = files.config_for(Some(&root.join("web/src/a.ts")));
        assert!(web.is_enabled(RuleId::PlainHttpUrl), "nearest wins whole");
        let gen = root.join("web/gen/a.ts");
        assert_eq!(web.exclude.matches_under(&gen, &[]), Some("gen/**"));
        assert_eq!(web.exclude.matches_under(&root.join("gen/a.ts"), &[]), None);
    }

    #[test]
    fn pyproject_counts_only_with_a_mufi_lsp_table() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "mufi-lsp.toml", "rules = { MUFI003 = \"off\" }\n");
        write(root, "svc/pyproject.toml", "[project]\nname = \"svc\"\n");
        write(
            root,
            "tool/pyproject.toml",
            "[project]\nname = \"t\"\n\n[tool.mufi-lsp]\nallowed-http-hosts = [\"build.acme.io\"]\n",
        );
        let files = ConfigFiles::default();
        let svc = files.config_for(Some(&root.join("svc/app.py")));
        assert!(
            !svc.is_enabled(RuleId::PlainHttpUrl),
            "falls through to the root file"
        );
        let tool = files.config_for(Some(&root.join("tool/app.py")));
        assert!(tool.is_enabled(RuleId::PlainHttpUrl));
        assert!(tool.http_host_allowed("build.acme.io"));
    }

    #[test]
    fn editor_settings_lie_under_files_unless_the_editor_says_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "mufi-lsp.toml", "rules = { MUFI003 = \"warning\" }\n");
        let file = root.join("a.ts");
        let editor = |preference: &str| {
            Settings::from_json(&serde_json::json!({
                "rules": {"MUFI003": "hint", "MUFI004": "off"},
                "configurationPreference": preference,
            }))
            .unwrap()
            .settings
        };
        let severity = |files: &ConfigFiles| {
            files
                .config_for(Some(&file))
                .severity
                .get(&RuleId::PlainHttpUrl)
                .copied()
        };
        use crate::finding::Severity;
        let files = ConfigFiles::new(editor("filesFirst"));
        assert_eq!(severity(&files), Some(Severity::Warning));
        assert!(!files
            .config_for(Some(&file))
            .is_enabled(RuleId::TlsVerificationDisabled));
        files.set_base(editor("editorFirst"));
        assert_eq!(severity(&files), Some(Severity::Hint));
        files.set_base(editor("editorOnly"));
        assert_eq!(severity(&files), Some(Severity::Hint));
    }

    #[test]
    fn a_broken_file_keeps_its_last_good_settings_and_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let path = write(root, "mufi-lsp.toml", "rules = { MUFI003 = \"off\" }\n");
        let files = ConfigFiles::default();
        let file = root.join("a.ts");
        assert!(!files
            .config_for(Some(&file))
            .is_enabled(RuleId::PlainHttpUrl));
        assert!(files.take_changes().is_empty());
        std::fs::write(&path, "# team settings\nrules = { MUFI003 = \"loud\" }\n").unwrap();
        files.invalidate(Some(&path));
        assert!(!files
            .config_for(Some(&file))
            .is_enabled(RuleId::PlainHttpUrl));
        let changes = files.take_changes();
        let error = changes[0].1.clone().expect("an error");
        assert_eq!(error.line, 1);
        assert!(error.message.contains("rules.MUFI003"), "{}", error.message);
        std::fs::write(&path, "rules = { MUFI003 = \"off\"\n").unwrap();
        files.invalidate(Some(&path));
        files.config_for(Some(&file));
        let error = files.error_of(&path).expect("a syntax error");
        assert!(
            error.message.contains("not valid TOML"),
            "{}",
            error.message
        );
        std::fs::write(&path, "exlude = [\"web/**\"]\n").unwrap();
        files.invalidate(Some(&path));
        files.config_for(Some(&file));
        assert!(files.error_of(&path).unwrap().message.contains("`exlude`"));
        std::fs::write(&path, "exclude = [\"web/[\"]\n").unwrap();
        files.invalidate(Some(&path));
        files.config_for(Some(&file));
        assert!(files.error_of(&path).unwrap().message.contains("web/["));
        std::fs::write(&path, "").unwrap();
        files.invalidate(Some(&path));
        assert!(files
            .config_for(Some(&file))
            .is_enabled(RuleId::PlainHttpUrl));
        assert_eq!(files.take_changes().last(), Some(&(path.clone(), None)));
    }
}
