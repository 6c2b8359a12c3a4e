//! Settings as users write them (editor settings today, config files next), checked
//! field by field with messages that name the field, and turned into a `Config`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::config::{Config, PathGlobs, SideGlobs};
use crate::finding::Severity;
use crate::rules::{self, RuleId};

/// The section name editors file these settings under (`"mufi-lsp": {…}`).
pub const SECTION: &str = "mufi-lsp";

/// What the user asked of one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    /// On, at the rule's own severity.
    On,
    At(Severity),
}

/// Whose settings win when a config file and the editor both set a field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Preference {
    /// Config files win, field by field (the default: the project's file is shared
    /// by the team and CI, the editor's settings are one person's).
    #[default]
    FilesFirst,
    EditorFirst,
    /// Config files are not read.
    EditorOnly,
}

/// Globs as written, and the folder they are relative to: a config file's folder, or
/// `None` for the editor's (then the workspace folder or the file's project).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GlobList {
    pub patterns: Vec<String>,
    pub base: Option<PathBuf>,
}

/// Every field a user can set, as written; `None` where the user said nothing, so
/// that settings from two places can be layered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    pub rules: BTreeMap<RuleId, RuleLevel>,
    pub exclude: Option<GlobList>,
    pub client_side: Option<GlobList>,
    pub server_side: Option<GlobList>,
    pub allowed_http_hosts: Option<Vec<String>>,
    pub extra_key_names: Option<Vec<String>>,
    pub max_file_size: Option<usize>,
    /// Milliseconds one file's analysis may take; 0 for no limit.
    pub time_limit_ms: Option<usize>,
    /// Whether the server checks every file of the workspace, not just open ones.
    pub scan_workspace: Option<bool>,
    /// Editor only: whether config files or the editor win.
    pub preference: Option<Preference>,
}

/// Settings read from a value, and what in it was not understood but not wrong
/// either (unknown fields: likely typos, reported, not fatal).
#[derive(Debug)]
pub struct Parsed {
    pub settings: Settings,
    pub unknown: Vec<String>,
}

/// The fields, each in the spellings accepted: camelCase (JSON, VS Code), kebab-case
/// (TOML, Helix) and snake_case.
const FIELDS: &[(&str, &[&str])] = &[
    ("rules", &["rules"]),
    ("exclude", &["exclude"]),
    ("clientSide", &["clientSide", "client-side", "client_side"]),
    ("serverSide", &["serverSide", "server-side", "server_side"]),
    (
        "allowedHttpHosts",
        &[
            "allowedHttpHosts",
            "allowed-http-hosts",
            "allowed_http_hosts",
        ],
    ),
    (
        "extraKeyNames",
        &["extraKeyNames", "extra-key-names", "extra_key_names"],
    ),
    (
        "maxFileSize",
        &["maxFileSize", "max-file-size", "max_file_size"],
    ),
    (
        "timeLimitMs",
        &["timeLimitMs", "time-limit-ms", "time_limit_ms"],
    ),
    (
        "scanWorkspace",
        &["scanWorkspace", "scan-workspace", "scan_workspace"],
    ),
    (
        "configurationPreference",
        &[
            "configurationPreference",
            "configuration-preference",
            "configuration_preference",
        ],
    ),
];

impl Settings {
    /// Reads settings from what an editor sent: the object itself, or the object
    /// under `"mufi-lsp"`. `null` and empty values mean "no settings". Every problem
    /// is reported, not just the first, each naming its field.
    pub fn from_json(value: &Value) -> Result<Parsed, String> {
        let value = section(value);
        let object = match value {
            Value::Null => return Ok(Parsed::empty()),
            Value::Array(a) if a.is_empty() => return Ok(Parsed::empty()),
            Value::Object(o) => o,
            other => {
                return Err(format!(
                    "settings must be an object of fields, not {}",
                    describe(other)
                ))
            }
        };
        let mut settings = Settings::default();
        let mut errors = Vec::new();
        let mut unknown = Vec::new();
        for (key, value) in object {
            let Some((field, _)) = FIELDS
                .iter()
                .find(|(_, names)| names.contains(&key.as_str()))
            else {
                unknown.push(key.clone());
                continue;
            };
            let globs = |v: Vec<String>| {
                Some(GlobList {
                    patterns: v,
                    base: None,
                })
            };
            let result = match *field {
                "rules" => rule_levels(value).map(|r| settings.rules = r),
                // Messages name the field as the user wrote it.
                "exclude" => strings(key, value).map(|v| settings.exclude = globs(v)),
                "clientSide" => strings(key, value).map(|v| settings.client_side = globs(v)),
                "serverSide" => strings(key, value).map(|v| settings.server_side = globs(v)),
                "allowedHttpHosts" => {
                    strings(key, value).map(|v| settings.allowed_http_hosts = Some(v))
                }
                "extraKeyNames" => strings(key, value).map(|v| settings.extra_key_names = Some(v)),
                "maxFileSize" => size(key, value).map(|v| settings.max_file_size = v),
                "timeLimitMs" => millis(key, value).map(|v| settings.time_limit_ms = v),
                "scanWorkspace" => switch(key, value).map(|v| settings.scan_workspace = v),
                _ => preference(key, value).map(|p| settings.preference = p),
            };
            if let Err(e) = result {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            Ok(Parsed { settings, unknown })
        } else {
            Err(errors.join("; "))
        }
    }

    /// Reads the settings of a config file (TOML, already parsed), whose globs are
    /// relative to `dir`, the file's folder.
    pub fn from_toml(value: &toml::Table, dir: &Path) -> Result<Parsed, String> {
        let json = serde_json::to_value(value).map_err(|e| e.to_string())?;
        let mut parsed = Settings::from_json(&json)?;
        for list in [
            &mut parsed.settings.exclude,
            &mut parsed.settings.client_side,
            &mut parsed.settings.server_side,
        ]
        .into_iter()
        .flatten()
        {
            list.base = Some(std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()));
        }
        if parsed.settings.preference.take().is_some() {
            parsed.unknown.push(
                "configurationPreference (an editor setting: it decides whether this file wins)"
                    .into(),
            );
        }
        Ok(parsed)
    }

    /// These settings with `top`'s laid over them, field by field (rules rule by rule).
    pub fn overlaid_with(&self, top: &Settings) -> Settings {
        let mut rules = self.rules.clone();
        rules.extend(top.rules.iter().map(|(r, l)| (*r, *l)));
        Settings {
            rules,
            exclude: top.exclude.clone().or_else(|| self.exclude.clone()),
            client_side: top.client_side.clone().or_else(|| self.client_side.clone()),
            server_side: top.server_side.clone().or_else(|| self.server_side.clone()),
            allowed_http_hosts: top
                .allowed_http_hosts
                .clone()
                .or_else(|| self.allowed_http_hosts.clone()),
            extra_key_names: top
                .extra_key_names
                .clone()
                .or_else(|| self.extra_key_names.clone()),
            max_file_size: top.max_file_size.or(self.max_file_size),
            time_limit_ms: top.time_limit_ms.or(self.time_limit_ms),
            scan_workspace: top.scan_workspace.or(self.scan_workspace),
            preference: top.preference.or(self.preference),
        }
    }

    /// The engine's configuration: globs compiled, rules switched. Fails on a glob
    /// that does not compile, naming it.
    pub fn to_config(&self) -> Result<Config, String> {
        let mut config = Config::default();
        for (&rule, &level) in &self.rules {
            match level {
                RuleLevel::Off => {
                    config.disabled.insert(rule);
                }
                RuleLevel::On => {}
                RuleLevel::At(severity) => {
                    config.severity.insert(rule, severity);
                }
            }
        }
        let compile = |list: &Option<GlobList>| -> Result<PathGlobs, String> {
            match list {
                Some(l) => PathGlobs::new(&l.patterns).map(|g| g.with_base(l.base.clone())),
                None => Ok(PathGlobs::default()),
            }
        };
        config.exclude = compile(&self.exclude).map_err(|e| format!("`exclude`: {e}"))?;
        config.side_globs = SideGlobs {
            client: compile(&self.client_side).map_err(|e| format!("`clientSide`: {e}"))?,
            server: compile(&self.server_side).map_err(|e| format!("`serverSide`: {e}"))?,
        };
        config.allowed_http_hosts = self.allowed_http_hosts.clone().unwrap_or_default();
        config.extra_key_names = self.extra_key_names.clone().unwrap_or_default();
        if let Some(size) = self.max_file_size {
            config.max_file_size = size;
        }
        if let Some(ms) = self.time_limit_ms {
            config.time_limit = (ms > 0).then(|| std::time::Duration::from_millis(ms as u64));
        }
        if let Some(scan) = self.scan_workspace {
            config.scan_workspace = scan;
        }
        Ok(config)
    }
}

impl Parsed {
    fn empty() -> Parsed {
        Parsed {
            settings: Settings::default(),
            unknown: Vec::new(),
        }
    }
}

/// The settings object inside what was sent: `{"mufi-lsp": {…}}` or `{…}`.
fn section(value: &Value) -> &Value {
    match value {
        Value::Object(o) => o
            .get(SECTION)
            .or_else(|| o.get("mufi_lsp"))
            .filter(|v| v.is_object() || v.is_null() || is_empty_list(v))
            .unwrap_or(value),
        _ => value,
    }
}

/// Lua and some TOML writers turn an empty table into `[]`: it means "nothing".
fn is_empty_list(value: &Value) -> bool {
    value.as_array().is_some_and(Vec::is_empty)
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn strings(field: &str, value: &Value) -> Result<Vec<String>, String> {
    let wrong = || {
        format!(
            "`{field}` must be a list of strings, not {}",
            describe(value)
        )
    };
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string).ok_or_else(wrong))
            .collect(),
        _ => Err(wrong()),
    }
}

fn size(field: &str, value: &Value) -> Result<Option<usize>, String> {
    whole_number(field, value, "bytes", 1)
}

/// Milliseconds, 0 meaning no limit.
fn millis(field: &str, value: &Value) -> Result<Option<usize>, String> {
    whole_number(field, value, "milliseconds", 0)
}

fn whole_number(
    field: &str,
    value: &Value,
    unit: &str,
    least: u64,
) -> Result<Option<usize>, String> {
    let least_word = if least == 0 { "whole" } else { "positive" };
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_u64()
            .filter(|&n| n >= least)
            .and_then(|n| usize::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| format!("`{field}` must be a {least_word} number of {unit}, not {n}")),
        other => Err(format!(
            "`{field}` must be a number of {unit}, not {}",
            describe(other)
        )),
    }
}

fn rule_levels(value: &Value) -> Result<BTreeMap<RuleId, RuleLevel>, String> {
    let object = match value {
        Value::Null => return Ok(BTreeMap::new()),
        v if is_empty_list(v) => return Ok(BTreeMap::new()),
        Value::Object(o) => o,
        other => {
            return Err(format!(
                "`rules` must map rule codes or names to a level, not {}",
                describe(other)
            ))
        }
    };
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    for (key, level) in object {
        let Some(rule) = rule_by_code_or_name(key) else {
            errors.push(format!(
                "`rules`: no rule is called `{key}` (rules: {})",
                rules::ALL
                    .iter()
                    .map(|r| r.code())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            continue;
        };
        match parse_level(level) {
            Some(level) => {
                out.insert(rule, level);
            }
            None => errors.push(format!(
                "`rules.{key}` must be one of \"off\", \"on\", \"error\", \"warning\", \"info\", \"hint\", not {}",
                describe(level)
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors.join("; "))
    }
}

fn switch(field: &str, value: &Value) -> Result<Option<bool>, String> {
    match value {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        other => Err(format!(
            "`{field}` must be true or false, not {}",
            describe(other)
        )),
    }
}

fn preference(field: &str, value: &Value) -> Result<Option<Preference>, String> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => match s.as_str() {
            "filesFirst" | "files-first" => Ok(Some(Preference::FilesFirst)),
            "editorFirst" | "editor-first" => Ok(Some(Preference::EditorFirst)),
            "editorOnly" | "editor-only" => Ok(Some(Preference::EditorOnly)),
            _ => Err(format!(
                "`{field}` must be \"filesFirst\", \"editorFirst\" or \"editorOnly\", not {}",
                describe(value)
            )),
        },
        other => Err(format!(
            "`{field}` must be a string, not {}",
            describe(other)
        )),
    }
}

/// A rule by its code (`MUFI003`, any case) or name (`plain-http-url`).
pub fn rule_by_code_or_name(key: &str) -> Option<RuleId> {
    rules::ALL
        .iter()
        .copied()
        .find(|r| r.code().eq_ignore_ascii_case(key) || r.name().eq_ignore_ascii_case(key))
}

fn parse_level(value: &Value) -> Option<RuleLevel> {
    match value {
        Value::Bool(true) => Some(RuleLevel::On),
        Value::Bool(false) => Some(RuleLevel::Off),
        Value::String(s) => Some(match s.to_ascii_lowercase().as_str() {
            "off" | "none" | "disabled" => RuleLevel::Off,
            "on" | "default" | "enabled" => RuleLevel::On,
            "error" => RuleLevel::At(Severity::Error),
            "warning" | "warn" => RuleLevel::At(Severity::Warning),
            "info" | "information" => RuleLevel::At(Severity::Info),
            "hint" => RuleLevel::At(Severity::Hint),
            _ => return None,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_every_field_in_every_spelling() {
        for (client, hosts, size) in [
            ("clientSide", "allowedHttpHosts", "maxFileSize"),
            ("client-side", "allowed-http-hosts", "max-file-size"),
        ] {
            let parsed = Settings::from_json(&json!({
                "mufi-lsp": {
                    "rules": {"MUFI003": "warning", "open-redirect": "off", "mufi001": true},
                    "exclude": ["**/vendor/**"],
                    client: ["web/**"],
                    "serverSide": ["web/api/**"],
                    hosts: ["*.internal"],
                    "extraKeyNames": ["PAY_TOKEN"],
                    size: 1000,
                }
            }))
            .unwrap();
            assert!(parsed.unknown.is_empty());
            let s = parsed.settings;
            assert_eq!(
                s.rules.get(&RuleId::PlainHttpUrl),
                Some(&RuleLevel::At(Severity::Warning))
            );
            assert_eq!(s.rules.get(&RuleId::OpenRedirect), Some(&RuleLevel::Off));
            assert_eq!(s.rules.get(&RuleId::HardcodedApiKey), Some(&RuleLevel::On));
            assert_eq!(s.client_side.as_ref().unwrap().patterns, ["web/**"]);
            assert_eq!(s.max_file_size, Some(1000));
            let config = s.to_config().unwrap();
            assert!(!config.is_enabled(RuleId::OpenRedirect));
            assert!(config.http_host_allowed("db.internal"));
            assert_eq!(config.max_file_size, 1000);
            assert_eq!(
                config
                    .exclude
                    .matches(std::path::Path::new("a/vendor/x.js")),
                Some("**/vendor/**")
            );
        }
    }

    #[test]
    fn the_time_limit_is_in_milliseconds_and_zero_lifts_it() {
        use std::time::Duration;
        assert_eq!(
            Settings::default().to_config().unwrap().time_limit,
            Some(crate::config::DEFAULT_TIME_LIMIT)
        );
        for (value, limit) in [
            (
                json!({"timeLimitMs": 250}),
                Some(Duration::from_millis(250)),
            ),
            (json!({"time-limit-ms": 0}), None),
            (
                json!({"time_limit_ms": null}),
                Some(crate::config::DEFAULT_TIME_LIMIT),
            ),
        ] {
            let settings = Settings::from_json(&value).unwrap().settings;
            assert_eq!(settings.to_config().unwrap().time_limit, limit, "{value}");
        }
        let err = Settings::from_json(&json!({"timeLimitMs": -5})).unwrap_err();
        assert!(
            err.contains("`timeLimitMs` must be a whole number of milliseconds"),
            "{err}"
        );
    }

    #[test]
    fn empty_values_mean_no_settings() {
        for v in [
            json!(null),
            json!([]),
            json!({}),
            json!({"mufi-lsp": null}),
            // What Neovim sends for `{ ["mufi-lsp"] = { rules = {} } }`.
            json!({"mufi-lsp": []}),
            json!({"mufi-lsp": {"rules": []}}),
        ] {
            assert_eq!(
                Settings::from_json(&v).unwrap().settings,
                Settings::default()
            );
        }
    }

    #[test]
    fn every_mistake_is_named() {
        let err = Settings::from_json(&json!({
            "rules": {"MUFI042": "off", "MUFI003": "loud"},
            "exclude": "vendor",
            "maxFileSize": -1,
        }))
        .unwrap_err();
        for part in [
            "MUFI042",
            "rules.MUFI003",
            "\"loud\"",
            "`exclude`",
            "`maxFileSize`",
        ] {
            assert!(err.contains(part), "{part} missing from: {err}");
        }
        let bad_glob = Settings::from_json(&json!({"exclude": ["web/["]}))
            .unwrap()
            .settings
            .to_config()
            .unwrap_err();
        assert!(bad_glob.contains("web/["), "{bad_glob}");
    }

    #[test]
    fn unknown_fields_are_reported_not_fatal() {
        let parsed = Settings::from_json(&json!({"exlude": ["x"], "rules": {}})).unwrap();
        assert_eq!(parsed.unknown, ["exlude"]);
    }
}
