//! MUFI007 csp-unsafe-source: a Content-Security-Policy that lets injected script run.
//! Policies are parsed wherever a string holds one (header code, `<meta http-equiv>`,
//! framework config), and directive lists (helmet, django-csp, Talisman) per source.

use std::ops::Range;

use tree_sitter::Node;

use crate::finding::{Edit, Finding, Fix, Severity};
use crate::queries;
use crate::syntax;

use super::{declared, RuleContext, RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::CspUnsafeSource,
    code: "MUFI007",
    name: "csp-unsafe-source",
    summary: "a Content-Security-Policy allowing `'unsafe-inline'`/`'unsafe-eval'`, or `*` script sources",
    default_severity: Severity::Warning,
    triggers: &[
        // The directives a problem can be in (`script-src-elem` and `-attr` hold
        // `script-src`); not any `-src`, which CSS's `font-face-src` and HTML's
        // `data-src` attributes are full of.
        "script-src",
        "default-src",
        "frame-src",
        "child-src",
        "scriptsrc",
        "defaultsrc",
        "framesrc",
        "childsrc",
        "script_src",
        "default_src",
        "frame_src",
        "child_src",
        "contentsecuritypolicy",
        "content_security_policy",
        // Builder APIs and keyword constants: `ScriptSources(s => s.UnsafeEval())`,
        // `Keyword::UNSAFE_EVAL`, `:unsafe_inline`, Tauri's `"csp"`.
        "unsafe",
        "sources",
        "csp",
    ],
    query_only: None,
    doc: "## What it does
Reads each Content-Security-Policy where it is set (a header value in code, `<meta
http-equiv=\"Content-Security-Policy\">`, `next.config.*` headers, YAML/JSON/TOML hosting config,
helmet/django-csp/Talisman directive lists) and flags, in `script-src` (or `default-src` when
there is no `script-src`):
- `'unsafe-inline'`, unless a nonce (`'nonce-…'`) or hash (`'sha256-…'`) in the same directive
  makes browsers ignore it;
- `'unsafe-eval'`;
- `*`, `http:` or `data:` as a source;

and `*` in `frame-src` or `child-src`, and helmet's `contentSecurityPolicy: false`.

Not flagged: `'unsafe-inline'` in `style-src`, strict policies, and nonce- or hash-based
policies that keep `'unsafe-inline'` for old browsers.

## Why is this bad?
A front end that talks to your Mufi-backed API is worth attacking. A policy that allows inline
or evaluated script, or script from anywhere, does not stop an injected `<script>` from making
requests as the user. Mufi's security guide: a strict policy, no `unsafe-inline`, a set
`frame-src`.

## Example
```js
res.setHeader(\"Content-Security-Policy\", \"default-src 'self'; script-src 'self' 'unsafe-inline'\");
```
Use instead: a nonce per response, `script-src 'self' 'nonce-r4nd0m'`, and no inline handlers.

## Fix
Removes the unsafe source from the policy (check that the page still works: inline scripts
need a nonce or hash, or moving to a file).
",
};

/// The directives a policy can hold, for telling a policy from other text.
const DIRECTIVES: &[&str] = &[
    "default-src",
    "script-src",
    "script-src-elem",
    "script-src-attr",
    "style-src",
    "style-src-elem",
    "style-src-attr",
    "img-src",
    "connect-src",
    "font-src",
    "object-src",
    "media-src",
    "frame-src",
    "child-src",
    "worker-src",
    "manifest-src",
    "frame-ancestors",
    "form-action",
    "base-uri",
    "sandbox",
    "report-uri",
    "report-to",
    "upgrade-insecure-requests",
    "block-all-mixed-content",
    "require-trusted-types-for",
    "trusted-types",
];

/// One problem in a policy: the source token's range (relative to the policy text) and
/// the message.
#[derive(Debug, PartialEq, Eq)]
pub struct Problem {
    pub range: Range<usize>,
    pub message: String,
}

pub fn check(cx: &mut RuleContext) {
    let Some(tree) = cx.tree else {
        return;
    };
    let mut seen: Vec<Range<usize>> = Vec::new();
    for m in cx.matches() {
        if m.property("message").is_some() {
            if let Some(finding) = declared::finding(cx, &m, RuleId::CspUnsafeSource) {
                cx.push(finding);
            }
            continue;
        }
        if let (Some(directive), Some(sources)) = (m.get("directive"), m.get("sources")) {
            let name = directive_name(syntax::name_text(directive, cx.text));
            check_directive_list(cx, &name, sources);
            seen.push(sources.byte_range());
        } else if let Some(policy) = m.get("policy") {
            check_policy_node(cx, policy);
            seen.push(policy.byte_range());
        }
    }
    // Every string of the file is a candidate policy: the places a policy is set are
    // too many to list, and a string that parses as one is one. MUFI003's query
    // already names every string-like node of each language.
    let scope = cx.ranges();
    let strings = queries::run(
        cx.language,
        RuleId::PlainHttpUrl,
        tree,
        cx.text,
        Some(&scope),
    );
    for m in strings {
        let Some(node) = m.get("string") else {
            continue;
        };
        let inside_seen = seen
            .iter()
            .any(|r| r.start <= node.start_byte() && node.end_byte() <= r.end);
        if !inside_seen {
            check_policy_node(cx, node);
        }
    }
}

fn check_policy_node(cx: &mut RuleContext, node: Node) {
    if syntax::is_docstring(node) {
        return;
    }
    let (content, start) = match syntax::literal(node, cx.text) {
        Some(lit) => (lit.content, lit.content_start),
        None => (cx.text_of(node), node.start_byte()),
    };
    // `["default-src *", "script-src 'self'"].join("; ")`: the elements are one policy.
    let sibling_script_src = node.parent().is_some_and(|list| {
        is_list_kind(list.kind()) && {
            let mut cursor = list.walk();
            let found = list
                .named_children(&mut cursor)
                .filter(|c| c.id() != node.id())
                .filter_map(|c| syntax::literal(c, cx.text))
                .any(|lit| declares_script_src(lit.content));
            found
        }
    });
    for problem in policy_problems_in(content, sibling_script_src) {
        let range = start + problem.range.start..start + problem.range.end;
        push(cx, range, problem.message, None);
    }
}

fn is_list_kind(kind: &str) -> bool {
    matches!(
        kind,
        "array"
            | "list"
            | "tuple"
            | "array_creation_expression"
            | "array_initializer"
            | "collection_literal"
            | "flow_sequence"
            | "block_sequence"
            | "array_literal"
            | "list_literal"
            | "initializer_expression"
            | "composite_literal"
            | "literal_value"
            | "arguments"
            | "argument_list"
            | "value_arguments"
    )
}

/// Whether a policy text sets `script-src` (or `script-src-elem`).
fn declares_script_src(policy: &str) -> bool {
    directives(policy)
        .iter()
        .any(|(n, _)| n == "script-src" || n == "script-src-elem")
}

/// A directive given as a list (`scriptSrc: ["'self'", "'unsafe-inline'"]`) or as one
/// string of sources (`'script-src': "'self' 'unsafe-inline'"`).
fn check_directive_list(cx: &mut RuleContext, name: &str, sources: Node) {
    // Each token, and when it is a whole element of a list, that element's range.
    let mut tokens: Vec<(String, Range<usize>, Option<Range<usize>>)> = Vec::new();
    let mut stack = vec![sources];
    while let Some(node) = stack.pop() {
        if let Some(lit) = syntax::literal(node, cx.text) {
            let split = split_tokens(lit.content);
            let whole_element = split.len() == 1
                && node.parent().is_some_and(|p| is_list_kind(p.kind()))
                && node.id() != sources.id();
            for (token, range) in split {
                tokens.push((
                    token,
                    lit.content_start + range.start..lit.content_start + range.end,
                    whole_element.then(|| lit.range()),
                ));
            }
            continue;
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    tokens.sort_by_key(|(_, r, _)| r.start);
    let words: Vec<&str> = tokens.iter().map(|(t, _, _)| t.as_str()).collect();
    // helmet and django-csp set their own script-src unless told not to: a list's
    // default-src is not read as the script policy.
    for (index, message) in directive_problems(name, &words, name != "default-src") {
        let (_, range, element) = &tokens[index];
        let lone_value = element.is_none() && words.len() == 1;
        if lone_value {
            // `"frame-src": "*"`: removing the only source would leave no value.
            cx.push(Finding::new(
                RuleId::CspUnsafeSource,
                range.clone(),
                message,
            ));
        } else {
            push(cx, range.clone(), message, element.clone());
        }
    }
}

/// A finding with the fix that removes the source: the token from a policy string, or
/// `element` (a whole string of a list) with its comma.
fn push(cx: &mut RuleContext, range: Range<usize>, message: String, element: Option<Range<usize>>) {
    let token = cx.text.get(range.clone()).unwrap_or("").to_string();
    let remove = match element {
        Some(element) => element_removal(cx.text, element),
        None => removal(cx.text, range.clone()),
    };
    let fix = Fix::local(
        format!("Remove {token} from the policy"),
        vec![Edit::replace(remove, "")],
    );
    cx.push(Finding::new(RuleId::CspUnsafeSource, range, message).with_fix(fix));
}

/// A list element with the comma that joins it to the next one (or, the last, the
/// comma before it).
fn element_removal(text: &str, element: Range<usize>) -> Range<usize> {
    let around = declared::with_trailing_comma(text, element.clone());
    if around != element {
        return around;
    }
    let head = text[..element.start].trim_end();
    if head.ends_with(',') {
        return head.len() - 1..element.end;
    }
    element
}

/// The token with the spaces before it (or after it, at the start of a policy).
fn removal(text: &str, range: Range<usize>) -> Range<usize> {
    let before = &text[..range.start];
    let after = &text[range.end..];
    let spaces_before = before.len() - before.trim_end_matches([' ', '\t']).len();
    if spaces_before > 0 {
        return range.start - spaces_before..range.end;
    }
    let spaces_after = after.len() - after.trim_start_matches([' ', '\t']).len();
    range.start..range.end + spaces_after
}

/// `scriptSrc`, `script_src`, `CSP_SCRIPT_SRC`, `"script-src"` -> `script-src`.
pub fn directive_name(raw: &str) -> String {
    let lower = super::words(raw).join("-");
    lower.strip_prefix("csp-").unwrap_or(&lower).to_string()
}

/// A policy's directives: each name (lower case) with its source tokens (cleaned,
/// with ranges relative to the policy text).
type Directives = Vec<(String, Vec<(String, Range<usize>)>)>;

/// The directives of a policy text, after a leading header name
/// (`Content-Security-Policy: …`). Segments that are not directives, or whose sources
/// do not look like sources (prose that mentions `script-src`), are left out.
fn directives(policy: &str) -> Directives {
    let mut out = Directives::new();
    let mut offset = header_name_len(policy);
    for segment in policy[offset..].split_inclusive([';', ',']) {
        let body = segment.trim_end_matches([';', ',']);
        let tokens: Vec<(String, Range<usize>)> = split_tokens(body)
            .into_iter()
            .map(|(t, r)| (t, offset + r.start..offset + r.end))
            .collect();
        offset += segment.len();
        let Some(((name, _), sources)) = tokens.split_first() else {
            continue;
        };
        let name = name.to_ascii_lowercase();
        if !DIRECTIVES.contains(&name.as_str()) || !sources.iter().all(|(t, _)| is_source_shaped(t))
        {
            continue;
        }
        out.push((name, sources.to_vec()));
    }
    out
}

/// The length of a leading `Content-Security-Policy:` (or `-Report-Only:`) and the
/// spaces after it.
fn header_name_len(policy: &str) -> usize {
    let trimmed = policy.trim_start();
    let lead = policy.len() - trimmed.len();
    let lower = trimmed.to_ascii_lowercase();
    for name in [
        "content-security-policy-report-only:",
        "content-security-policy:",
    ] {
        if lower.starts_with(name) {
            let rest = &trimmed[name.len()..];
            return lead + name.len() + (rest.len() - rest.trim_start().len());
        }
    }
    0
}

/// What a source expression can look like: a quoted keyword, nonce or hash, a scheme
/// (`https:`), a host (`cdn.acme.io`, `*.acme.io`, `https://x`), `*`, or a template
/// placeholder a server fills in (`$NONCE`, `${nonce}`, `{{nonce}}`).
fn is_source_shaped(token: &str) -> bool {
    let t = token.trim_matches(['\'', '"']);
    token.starts_with('\'')
        || t == "*"
        || t.ends_with(':')
        || t.contains(['.', ':', '/', '*', '$', '{', '%', '<'])
        || t.eq_ignore_ascii_case("localhost")
}

/// The problems of one policy text (`default-src 'self'; script-src …`), with ranges
/// relative to it. Text that is not a policy has none.
pub fn policy_problems(policy: &str) -> Vec<Problem> {
    policy_problems_in(policy, false)
}

/// `policy_problems`, when `script_src_elsewhere` says another part of the same policy
/// (a sibling string in a joined list) sets `script-src`.
fn policy_problems_in(policy: &str, script_src_elsewhere: bool) -> Vec<Problem> {
    let directives = directives(policy);
    let has_script_src = script_src_elsewhere
        || directives
            .iter()
            .any(|(n, _)| n == "script-src" || n == "script-src-elem");
    let mut out = Vec::new();
    for (name, sources) in &directives {
        if name == "default-src" && has_script_src {
            // Script sources come from script-src.
            continue;
        }
        let words: Vec<&str> = sources.iter().map(|(t, _)| t.as_str()).collect();
        for (i, message) in directive_problems(name, &words, true) {
            out.push(Problem {
                range: sources[i].1.clone(),
                message,
            });
        }
    }
    out
}

/// The problems of one directive's sources: indexes into `sources` and messages.
/// `default-src` counts as a script directive (the caller passes it only when there is
/// no `script-src`).
fn directive_problems(name: &str, sources: &[&str], scripts: bool) -> Vec<(usize, String)> {
    let name = name.to_ascii_lowercase();
    let script = matches!(
        name.as_str(),
        "script-src" | "script-src-elem" | "script-src-attr" | "default-src"
    ) && scripts;
    let frames = matches!(name.as_str(), "frame-src" | "child-src");
    let lower: Vec<String> = sources.iter().map(|s| s.to_ascii_lowercase()).collect();
    // A nonce or hash, or a placeholder a server fills with one (`$NONCE`, `{nonce}`).
    let has_nonce_or_hash = lower.iter().any(|s| {
        let s = s.trim_matches('\'');
        s.starts_with("nonce-")
            || s.starts_with("sha256-")
            || s.starts_with("sha384-")
            || s.starts_with("sha512-")
            || s.contains("nonce")
    });
    let mut out = Vec::new();
    for (i, source) in lower.iter().enumerate() {
        let message = match source.as_str() {
            "'unsafe-inline'" if script && !has_nonce_or_hash => format!(
                "`'unsafe-inline'` in {name} lets any injected inline script run, which is what a CSP is for stopping. Use a nonce or hash for the scripts you need (with one, browsers ignore 'unsafe-inline')."
            ),
            "'unsafe-eval'" if script => format!(
                "`'unsafe-eval'` in {name} lets injected strings run as code (eval, new Function). Remove it; most libraries have a build that does not need it."
            ),
            "*" if script => format!(
                "`*` in {name} allows script from any host, so an injected <script src> loads from anywhere. List the hosts you serve script from."
            ),
            "http:" if script => format!(
                "`http:` in {name} allows script from any plain-HTTP host, which anyone on the network path can replace. List https hosts."
            ),
            "data:" if script => format!(
                "`data:` in {name} lets an injected <script src=\"data:…\"> run. Remove it."
            ),
            "*" if frames => format!(
                "`*` in {name} lets any site be framed in your pages. List the origins you embed."
            ),
            _ => continue,
        };
        out.push((i, message));
    }
    out
}

/// Whitespace-separated tokens of a source list, with their ranges. A token is cleaned
/// of what a host language glues to it (`\'unsafe-inline\'` in an escaped string,
/// `'unsafe-eval'";` at the end of an nginx line, `">` of a quoted attribute); the
/// range covers the cleaned token only.
fn split_tokens(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    let push = |s: usize, e: usize, out: &mut Vec<(String, Range<usize>)>| {
        let raw = &text[s..e];
        let lead = raw.len() - raw.trim_start_matches(['"', '`', '(']).len();
        let trail = raw.len() - raw.trim_end_matches(['"', '`', '>', ')', ';', ',']).len();
        if lead + trail >= raw.len() {
            return;
        }
        let kept = &raw[lead..raw.len() - trail];
        out.push((kept.replace('\\', ""), s + lead..e - trail));
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Whitespace, or an escaped line break or tab inside a string literal.
        let escape = bytes[i] == b'\\' && matches!(bytes.get(i + 1), Some(b'n' | b'r' | b't'));
        let space = bytes[i].is_ascii_whitespace() || escape;
        match (space, start) {
            (true, Some(s)) => {
                push(s, i, &mut out);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += if escape { 2 } else { 1 };
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(policy: &str) -> Vec<&str> {
        policy_problems(policy)
            .into_iter()
            .map(|p| &policy[p.range])
            .collect()
    }

    #[test]
    fn unsafe_sources_in_script_directives_are_flagged() {
        assert_eq!(
            flagged("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'"),
            ["'unsafe-inline'", "'unsafe-eval'"]
        );
        assert_eq!(flagged("script-src * data: http:"), ["*", "data:", "http:"]);
        assert_eq!(
            flagged("default-src * 'unsafe-inline'"),
            ["*", "'unsafe-inline'"]
        );
        assert_eq!(flagged("frame-src *; child-src *"), ["*", "*"]);
    }

    #[test]
    fn nonces_hashes_and_style_src_are_not_flagged() {
        assert!(flagged("script-src 'self' 'nonce-r4nd0m' 'unsafe-inline'").is_empty());
        assert!(flagged("script-src 'sha256-abc=' 'unsafe-inline' 'strict-dynamic'").is_empty());
        assert!(flagged("default-src 'self'; style-src 'self' 'unsafe-inline'").is_empty());
        // default-src does not govern scripts when script-src is set.
        assert!(flagged("default-src *; script-src 'self'; frame-src 'self'").is_empty());
        assert!(flagged("unsafe-inline is a word in this sentence").is_empty());
        assert!(flagged("").is_empty());
    }

    #[test]
    fn header_names_escapes_and_prose_are_handled() {
        assert_eq!(
            flagged("Content-Security-Policy: script-src 'self' 'unsafe-inline'"),
            ["'unsafe-inline'"]
        );
        assert_eq!(
            flagged("content-security-policy-report-only: default-src * 'unsafe-eval'"),
            ["*", "'unsafe-eval'"]
        );
        assert_eq!(
            flagged("script-src \\'self\\' \\'unsafe-inline\\'"),
            ["\\'unsafe-inline\\'"]
        );
        assert_eq!(
            flagged("default-src 'self'; script-src 'self' 'unsafe-eval'\";"),
            ["'unsafe-eval'"]
        );
        assert_eq!(flagged("default-src 'self';\\nscript-src *"), ["*"]);
        assert!(flagged("script-src must never contain 'unsafe-inline' here.").is_empty());
        assert!(flagged("script-src 'self' $NONCE 'unsafe-inline'").is_empty());
    }

    #[test]
    fn directive_names_are_read_in_every_spelling() {
        for raw in ["scriptSrc", "script_src", "CSP_SCRIPT_SRC", "script-src"] {
            assert_eq!(directive_name(raw), "script-src", "{raw}");
        }
    }

    #[test]
    fn removing_a_source_keeps_the_policy_well_formed() {
        let text = "h = \"script-src 'self' 'unsafe-inline'; img-src *\"";
        let at = text.find("'unsafe-inline'").unwrap();
        let r = removal(text, at..at + "'unsafe-inline'".len());
        let fixed = format!("{}{}", &text[..r.start], &text[r.end..]);
        assert_eq!(fixed, "h = \"script-src 'self'; img-src *\"");
        let list = "scriptSrc: [\"'self'\", \"'unsafe-inline'\"]";
        let at = list.find("\"'unsafe-inline'").unwrap();
        let r = element_removal(list, at..at + "\"'unsafe-inline'\"".len());
        assert_eq!(
            format!("{}{}", &list[..r.start], &list[r.end..]),
            "scriptSrc: [\"'self'\"]"
        );
    }
}
