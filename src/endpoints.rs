//! Which Mufi endpoints a workspace calls, and whether each needs a write key: the
//! facts behind the least-privilege hint (MUFI009). Endpoints are read from string
//! literals (never comments) of files that mention Mufi.

use std::collections::BTreeSet;

use crate::engine;
use crate::language::Language;
use crate::queries;
use crate::rules::RuleId;
use crate::syntax;

/// What an endpoint needs of a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    /// Not known: the hint stays silent when any endpoint is unknown.
    Unknown,
}

/// Resource paths whose last word names an action that changes data.
const WRITE_WORDS: &[&str] = &[
    "create",
    "update",
    "delete",
    "remove",
    "add",
    "set",
    "transfer",
    "send",
    "mint",
    "issue",
    "assign",
    "register",
    "edit",
    "cancel",
    "refund",
    "topup",
    "deposit",
    "withdraw",
    "buy",
    "purchase",
    "redeem",
    "archive",
    "publish",
    "activate",
    "deactivate",
    "reset",
    "regenerate",
    "upload",
    "import",
    "grant",
    "revoke",
    "approve",
    "reject",
    "credit",
    "debit",
    "pay",
    "new",
    "modify",
    "patch",
    "rename",
    "move",
    "claim",
    "burn",
    "sell",
    "order",
    "checkout",
    "enroll",
    "invite",
    "link",
    "unlink",
    "disable",
    "enable",
];

/// Last words of endpoints that only read (Mufi's `POST /v1/users/profile` is a read).
const READ_WORDS: &[&str] = &[
    "profile",
    "get",
    "list",
    "search",
    "find",
    "balance",
    "balances",
    "version",
    "info",
    "details",
    "detail",
    "status",
    "history",
    "transactions",
    "count",
    "stats",
    "lookup",
    "query",
    "show",
    "view",
    "read",
    "fetch",
    "health",
    "ping",
    "me",
    "summary",
    "overview",
    "report",
    "export",
    "check",
    "exists",
    "all",
];

/// Whether the endpoint at `path` (`v1/users/profile`, `/v1/users/{id}/balance`) reads or
/// writes, from its last meaningful word.
pub fn classify(path: &str) -> Access {
    let last = path
        .trim_matches('/')
        .rsplit('/')
        .find(|s| !s.is_empty() && !s.contains(['{', '$', ':', '<']) && s != &"v1")
        .unwrap_or("");
    let words = crate::rules::words(last);
    if words.iter().any(|w| WRITE_WORDS.contains(&w.as_str())) {
        Access::Write
    } else if words
        .last()
        .is_some_and(|w| READ_WORDS.contains(&w.as_str()))
    {
        Access::Read
    } else {
        Access::Unknown
    }
}

/// Whether `text` can name a Mufi endpoint at all (a cheap test before `in_file` parses).
pub fn may_name_endpoints(text: &str) -> bool {
    text.contains("/v1/") && text.to_ascii_lowercase().contains("mufi")
}

/// The Mufi endpoint paths (`/v1/users/profile`) named in the string literals of one file.
/// Files that never mention Mufi name no Mufi endpoint.
pub fn in_file(text: &str, language: &'static Language) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if !may_name_endpoints(text) {
        return out;
    }
    let Some(tree) = engine::parse(language, text) else {
        return out;
    };
    for m in queries::run(language, RuleId::PlainHttpUrl, &tree, text, None) {
        let Some(lit) = m.get("string").and_then(|n| syntax::literal(n, text)) else {
            continue;
        };
        for (at, _) in lit.content.match_indices("/v1/") {
            let path: String = lit.content[at..]
                .chars()
                .take_while(|c| !matches!(c, '?' | '#' | '"' | '\'' | '`' | ' ' | '\n'))
                .collect();
            if path.len() > "/v1/".len() {
                out.insert(path);
            }
        }
    }
    out
}

/// What the workspace as a whole calls.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkspaceFacts {
    pub endpoints: BTreeSet<String>,
}

impl WorkspaceFacts {
    /// The endpoints, when there is at least one and every one is a read.
    pub fn read_only_endpoints(&self) -> Option<Vec<&str>> {
        let all: Vec<&str> = self.endpoints.iter().map(String::as_str).collect();
        (!all.is_empty() && all.iter().all(|p| classify(p) == Access::Read)).then_some(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::LanguageId;

    #[test]
    fn endpoints_read_or_write_by_their_last_word() {
        assert_eq!(classify("/v1/users/create"), Access::Write);
        assert_eq!(classify("/v1/users/profile"), Access::Read);
        assert_eq!(classify("/v1/version"), Access::Read);
        assert_eq!(classify("/v1/events/${id}/addProduct"), Access::Write);
        assert_eq!(classify("/v1/users/{userId}/balance"), Access::Read);
        assert_eq!(classify("/v1/wallets"), Access::Unknown);
    }

    #[test]
    fn endpoints_come_from_strings_not_comments() {
        let js = Language::get(LanguageId::JavaScript);
        let text = "// POST https://api.mufi.app/v1/users/create\nconst MUFI = 'https://api.mufi.app';\nfetch(`${MUFI}/v1/users/profile?x=1`);\n";
        let found = in_file(text, js);
        assert_eq!(found.into_iter().collect::<Vec<_>>(), ["/v1/users/profile"]);
        assert!(
            in_file("fetch('/v1/users/create')", js).is_empty(),
            "no Mufi"
        );
    }
}
