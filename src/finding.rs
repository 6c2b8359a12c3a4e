//! The engine's output types: what a rule found, where (byte ranges), and the edits
//! that fix it. No protocol or report types here; the faces translate these.

use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

use crate::rules::RuleId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// One edit a fix makes. Edits to the analysed file are byte ranges; edits to other
/// files are intentions that the face resolves against the disk (it alone reads files).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Replace `range` of the analysed file with `text`.
    Replace { range: Range<usize>, text: String },
    /// Append `line` to the file at `path`, creating it when absent, unless a line of
    /// that file already starts with `unless_line_starts_with`. Never overwrites.
    AppendLine {
        path: PathBuf,
        line: String,
        unless_line_starts_with: String,
    },
    /// Make sure the `.gitignore` at `gitignore` ignores `pattern`; append it if not.
    EnsureIgnored { gitignore: PathBuf, pattern: String },
    /// Create the file at `path` with `text`, unless it exists: never overwrites.
    CreateFile { path: PathBuf, text: String },
}

impl Edit {
    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Edit {
        Edit::Replace {
            range,
            text: text.into(),
        }
    }
}

/// A fix offered for a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, readable as a code action title.
    pub title: String,
    pub edits: Vec<Edit>,
    /// Safe for `check --fix` and fix-all: a literal change that cannot alter behaviour
    /// beyond the intended one.
    pub safe: bool,
    /// The fix an editor should offer first.
    pub preferred: bool,
}

impl Fix {
    /// A fix that only touches the analysed file.
    pub fn local(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            edits,
            safe: false,
            preferred: false,
        }
    }

    pub fn safe(mut self) -> Fix {
        self.safe = true;
        self
    }

    pub fn preferred(mut self) -> Fix {
        self.preferred = true;
        self
    }

    /// True when every edit stays inside the analysed file.
    pub fn is_local(&self) -> bool {
        self.edits.iter().all(|e| matches!(e, Edit::Replace { .. }))
    }

    /// The byte ranges the fix replaces in the analysed file.
    pub fn replaced_ranges(&self) -> impl Iterator<Item = &Range<usize>> {
        self.edits.iter().filter_map(|e| match e {
            Edit::Replace { range, .. } => Some(range),
            _ => None,
        })
    }
}

/// What a hover can say about a key without showing it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeySummary {
    /// First characters of the key, then `…`.
    pub redacted: String,
    pub algorithm: Option<String>,
    pub permission: Option<String>,
    pub project: Option<String>,
    pub issued_at: Option<i64>,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    /// Byte range in the analysed text.
    pub range: Range<usize>,
    pub message: String,
    pub fixes: Vec<Fix>,
    /// Set for findings about a key, for hovers.
    pub key: Option<KeySummary>,
}

impl Finding {
    pub fn new(rule: RuleId, range: Range<usize>, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.default_severity(),
            range,
            message: message.into(),
            fixes: Vec::new(),
            key: None,
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fixes.push(fix);
        self
    }

    pub fn with_key(mut self, key: KeySummary) -> Finding {
        self.key = Some(key);
        self
    }
}
