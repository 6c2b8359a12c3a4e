//! The rule registry: stable codes, names, default severities and documentation,
//! and the context every rule module runs in.

pub mod client_side_mufi_access;
pub mod cors_permissive_origin;
pub mod csp_unsafe_source;
pub mod declared;
pub mod hardcoded_api_key;
pub mod least_privilege_key;
mod names;
pub mod open_redirect;
pub mod plain_http_url;
pub mod secret_file_not_ignored;
pub mod tls_verification_disabled;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use tree_sitter::{Node, Tree};

use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::language::Language;
use crate::project::FileContext;
use crate::queries::{self, QueryMatchOwned};

pub use names::{is_mufi_key_name, is_placeholder, normalize_name, public_prefix, words};

/// Stable rule identity. Codes and names never change once released.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum RuleId {
    HardcodedApiKey,
    ClientSideMufiAccess,
    PlainHttpUrl,
    TlsVerificationDisabled,
    SecretFileNotIgnored,
    CorsPermissiveOrigin,
    CspUnsafeSource,
    OpenRedirect,
    LeastPrivilegeKey,
    /// A suppression comment that silences nothing.
    UnusedSuppression,
}

/// Everything the registry knows about one rule.
pub struct RuleMeta {
    pub id: RuleId,
    pub code: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    pub default_severity: Severity,
    /// The user documentation: What it does / Why is this bad? / Example / Fix.
    pub doc: &'static str,
    /// Case-insensitive substrings of which at least one must occur for the rule to fire.
    pub triggers: &'static [&'static str],
    /// `Some` when every finding outside dotenv files comes from matches of the rule's
    /// queries: the engine then does not parse a file for the rule when the text the
    /// queries' predicates demand of such matches is not in it.
    pub query_only: Option<QueryOnly>,
}

/// What a rule's findings need of its query matches, for `RuleMeta::query_only`.
pub struct QueryOnly {
    /// Per clause, captures of which one must be in some match (each clause may be met
    /// by another match); with no clauses, any match.
    pub clauses: &'static [&'static [&'static str]],
    /// Patterns the rule's code demands a capture's text match before it reports it
    /// (a superset of what it reports), by capture name.
    pub captures: &'static [(&'static str, &'static str)],
}

impl QueryOnly {
    /// Any match of the query can make a finding.
    pub const ANY_MATCH: QueryOnly = QueryOnly {
        clauses: &[],
        captures: &[],
    };
}

pub const ALL: &[RuleId] = &[
    RuleId::HardcodedApiKey,
    RuleId::ClientSideMufiAccess,
    RuleId::PlainHttpUrl,
    RuleId::TlsVerificationDisabled,
    RuleId::SecretFileNotIgnored,
    RuleId::CorsPermissiveOrigin,
    RuleId::CspUnsafeSource,
    RuleId::OpenRedirect,
    RuleId::LeastPrivilegeKey,
    RuleId::UnusedSuppression,
];

/// Where the rule reference lives; diagnostics link here.
pub const DOCS_BASE: &str = "https://github.com/mufi-lsp/mufi-lsp/blob/main/docs/rules.md";

impl RuleId {
    pub fn meta(self) -> &'static RuleMeta {
        match self {
            RuleId::HardcodedApiKey => &hardcoded_api_key::META,
            RuleId::ClientSideMufiAccess => &client_side_mufi_access::META,
            RuleId::PlainHttpUrl => &plain_http_url::META,
            RuleId::TlsVerificationDisabled => &tls_verification_disabled::META,
            RuleId::SecretFileNotIgnored => &secret_file_not_ignored::META,
            RuleId::CorsPermissiveOrigin => &cors_permissive_origin::META,
            RuleId::CspUnsafeSource => &csp_unsafe_source::META,
            RuleId::OpenRedirect => &open_redirect::META,
            RuleId::LeastPrivilegeKey => &least_privilege_key::META,
            RuleId::UnusedSuppression => &UNUSED_SUPPRESSION,
        }
    }
    pub fn code(self) -> &'static str {
        self.meta().code
    }
    pub fn name(self) -> &'static str {
        self.meta().name
    }
    pub fn default_severity(self) -> Severity {
        self.meta().default_severity
    }
    /// Rules whose findings depend on code beyond the function or statement they sit in:
    /// MUFI008 follows a variable to the handler that read it and looks for a check
    /// anywhere in it. The editor's incremental path re-runs these over the whole file.
    /// Whether the rule reads TypeScript declaration files (`language::is_declaration_file`).
    /// Those hold types and no code that runs, so the rules about what code does when
    /// it runs (turns TLS checks off, answers CORS, redirects) have nothing to judge
    /// there: a valid one holds no call, object or assignment for them to match.
    pub fn reads_declaration_files(self) -> bool {
        !matches!(
            self,
            RuleId::TlsVerificationDisabled | RuleId::CorsPermissiveOrigin | RuleId::OpenRedirect
        )
    }

    /// Whether the rule reads the file at `path` (`None`: a buffer without one).
    pub fn reads_path(self, path: Option<&std::path::Path>) -> bool {
        self.reads_declaration_files() || !path.is_some_and(crate::language::is_declaration_file)
    }

    pub fn judged_in_whole_file(self) -> bool {
        matches!(self, RuleId::OpenRedirect)
    }

    /// The rule's section in the reference.
    pub fn docs_url(self) -> String {
        let meta = self.meta();
        format!(
            "{DOCS_BASE}#{}-{}",
            meta.code.to_ascii_lowercase(),
            meta.name
        )
    }

    /// Runs the rule on one file.
    fn check(self, cx: &mut RuleContext) {
        match self {
            RuleId::HardcodedApiKey => hardcoded_api_key::check(cx),
            RuleId::ClientSideMufiAccess => client_side_mufi_access::check(cx),
            RuleId::PlainHttpUrl => plain_http_url::check(cx),
            RuleId::TlsVerificationDisabled => tls_verification_disabled::check(cx),
            RuleId::SecretFileNotIgnored => secret_file_not_ignored::check(cx),
            RuleId::CorsPermissiveOrigin => cors_permissive_origin::check(cx),
            RuleId::CspUnsafeSource => csp_unsafe_source::check(cx),
            RuleId::OpenRedirect => open_redirect::check(cx),
            RuleId::LeastPrivilegeKey => least_privilege_key::check(cx),
            // Computed by the suppression pass, not by a check.
            RuleId::UnusedSuppression => {}
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for RuleId {
    type Err = String;

    /// Accepts a code (`MUFI001`) or a name (`hardcoded-api-key`), any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        ALL.iter()
            .copied()
            .find(|r| {
                r.code().eq_ignore_ascii_case(wanted) || r.name().eq_ignore_ascii_case(wanted)
            })
            .ok_or_else(|| format!("unknown rule `{wanted}` (see `mufi-lsp rules`)"))
    }
}

static UNUSED_SUPPRESSION: RuleMeta = RuleMeta {
    id: RuleId::UnusedSuppression,
    code: "MUFI100",
    name: "unused-suppression",
    summary: "a `mufi-lsp: ignore` comment that silences nothing",
    default_severity: Severity::Hint,
    triggers: &["mufi-lsp:"],
    query_only: None,
    doc: "## What it does
Reports a `mufi-lsp: ignore …` or `mufi-lsp: ignore-file …` comment that silences no finding.

## Why is this bad?
A stale suppression hides the next real mistake on that line. Once the problem is fixed,
the comment should go too.

## Example
```js
const url = \"https://api.mufi.app\"; // mufi-lsp: ignore MUFI003
```

## Fix
Remove the comment, or the rule from its list.
",
};

/// What a rule sees of a file, and where it puts its findings.
pub struct RuleContext<'a> {
    pub text: &'a str,
    pub language: &'static Language,
    pub tree: Option<&'a Tree>,
    pub file: &'a FileContext,
    pub config: &'a Config,
    pub findings: Vec<Finding>,
    rule: RuleId,
    scope: Option<&'a [std::ops::Range<usize>]>,
    client_reason: Option<&'a Option<String>>,
    /// The matches of the rule's query over the scope, when a batch found them
    /// (`queries::batch`).
    matched: Option<Vec<QueryMatchOwned<'a>>>,
}

impl<'a> RuleContext<'a> {
    pub fn new(
        rule: RuleId,
        text: &'a str,
        language: &'static Language,
        tree: Option<&'a Tree>,
        file: &'a FileContext,
        config: &'a Config,
    ) -> Self {
        RuleContext {
            text,
            language,
            tree,
            file,
            config,
            findings: Vec::new(),
            rule,
            scope: None,
            client_reason: None,
            matched: None,
        }
    }

    /// Shares the file's client-side classification, computed once per analysis.
    pub fn with_client_reason(mut self, reason: &'a Option<String>) -> Self {
        self.client_reason = Some(reason);
        self
    }

    /// Why this file ships to users' browsers or devices, if it does.
    pub fn client_reason(&self) -> Option<String> {
        match self.client_reason {
            Some(reason) => reason.clone(),
            None => crate::project::classify(self.file, self.text, self.language, self.config),
        }
    }

    /// The byte ranges this run covers: the scope, or the whole file.
    pub fn ranges(&self) -> Vec<std::ops::Range<usize>> {
        match self.scope {
            Some(scope) => scope.to_vec(),
            None => {
                let whole = 0..self.text.len();
                vec![whole]
            }
        }
    }

    /// The byte ranges this run is restricted to, if it is.
    pub fn scope(&self) -> Option<&'a [std::ops::Range<usize>]> {
        self.scope
    }

    /// Restricts queries to these byte ranges.
    pub fn with_scope(mut self, scope: Option<&'a [std::ops::Range<usize>]>) -> Self {
        self.scope = scope;
        self
    }

    /// The matches of this rule's query (`queries/<lang>/<rule>.scm`) over the file,
    /// or its scope.
    pub fn matches(&self) -> Vec<QueryMatchOwned<'a>> {
        match (&self.matched, self.tree) {
            (Some(matched), _) => matched.clone(),
            (None, Some(tree)) => {
                queries::run(self.language, self.rule, tree, self.text, self.scope)
            }
            (None, None) => Vec::new(),
        }
    }

    /// Gives the matches of this rule's query over its scope, found beforehand.
    pub fn with_matches(mut self, matched: Option<Vec<QueryMatchOwned<'a>>>) -> Self {
        self.matched = matched;
        self
    }

    /// Source text of a node.
    pub fn text_of(&self, node: Node) -> &'a str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }
}

/// Runs one rule and returns its findings.
pub fn run_rule(rule: RuleId, mut cx: RuleContext) -> Vec<Finding> {
    rule.check(&mut cx);
    cx.findings
}

/// The rule reference as Markdown; `docs/rules.md` is this text (a test keeps it so).
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# Rule reference\n\n<!-- Generated by `mufi-lsp rules --markdown`; do not edit by hand. -->\n\n| code | name | default | summary |\n| --- | --- | --- | --- |\n",
    );
    for rule in ALL {
        let m = rule.meta();
        out.push_str(&format!(
            "| [{}](#{}-{}) | {} | {} | {} |\n",
            m.code,
            m.code.to_ascii_lowercase(),
            m.name,
            m.name,
            m.default_severity.as_str(),
            m.summary
        ));
    }
    for rule in ALL {
        let m = rule.meta();
        let doc = m.doc.replace("\n## ", "\n### ");
        let doc = doc
            .strip_prefix("## ")
            .map_or(doc.clone(), |d| format!("### {d}"));
        out.push_str(&format!("\n## {} {}\n\n{}", m.code, m.name, doc));
    }
    out
}
