//! MUFI001 hardcoded-api-key: a Mufi key (or any JWT) written into source, and
//! non-JWT literals given to a Mufi key's name, header or client option.

use std::collections::HashSet;

use tree_sitter::Node;

use crate::finding::{Edit, Finding, Fix, KeySummary, Severity};
use crate::jwt::{self, Jwt};
use crate::language::LanguageId;
use crate::queries::QueryMatchOwned;
use crate::syntax::{self, Literal};

use super::{is_mufi_key_name, is_placeholder, normalize_name, RuleContext, RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::HardcodedApiKey,
    code: "MUFI001",
    name: "hardcoded-api-key",
    summary: "a Mufi API key (or any JWT) written into source",
    default_severity: Severity::Error,
    triggers: &["eyJ", "mufi"],
    doc: "## What it does
Flags a Mufi API key written into source code: any JWT (decoded and checked, not just
matched by shape) anywhere in a source file, comments included, and string literals that
are given to a Mufi key: variables and properties named like `mufi_api_key`, `MUFI_KEY`,
`mufiToken`; `Authorization: Bearer …` and `x-api-key` headers of requests to Mufi; the
`apiKey`/`api_key`/`token` option of a Mufi client; a literal fallback after an
environment lookup (`process.env.MUFI_API_KEY || \"…\"`, `os.getenv(\"MUFI_API_KEY\", \"…\")`).

Not flagged: dotenv files (the recommended home of keys; MUFI005 watches them),
environment lookups, placeholders (`YOUR_API_KEY`, `<api-key>`, `xxx…`, `${VAR}`,
`{{ var }}`, `$VAR`, `changeme`, `test`, `fake…`, `example…`, values shorter than 8
characters) and base64 text that does not decode to a JWT.

## Why is this bad?
Mufi keys do not expire: whoever reads one has full (Write) or read access to your project
until you regenerate it. Source is copied to laptops, CI logs, forks and backups, and it stays
in version control history after the line is deleted. A key in code that ships to browsers or
apps is readable by every user.

## Example
```js
const mufi = new MufiClient({ apiKey: \"eyJhbGciOiJIUzI1NiIs…\" });
```
Use instead:
```js
const mufi = new MufiClient({ apiKey: process.env.MUFI_API_KEY });
```

## Fix
First regenerate the key in the Mufi dashboard (https://my.mufi.app): removing it from the
code is not enough. The quick fix replaces the literal with the language's read of
`MUFI_API_KEY` (`process.env.MUFI_API_KEY`, `os.environ[\"MUFI_API_KEY\"]` with `import os`
added when missing). A second fix moves the value into `.env` (created if absent, appended
otherwise, never overwritten) and makes sure `.gitignore` ignores `.env`.
",
};

const ENV_VAR: &str = "MUFI_API_KEY";

pub fn check(cx: &mut RuleContext) {
    if cx.language.id == LanguageId::Dotenv {
        return;
    }
    let client_reason = cx.client_reason();
    let mut flagged: HashSet<usize> = HashSet::new();
    let tokens: Vec<Jwt> = cx
        .ranges()
        .into_iter()
        .flat_map(|r| {
            jwt::find_all(&cx.text[r.clone()])
                .into_iter()
                .map(move |mut t| {
                    t.start += r.start;
                    t.end += r.start;
                    t
                })
        })
        .collect();
    for token in tokens {
        let finding = jwt_finding(cx, &token, client_reason.as_deref());
        flagged.insert(finding.range.start);
        cx.push(finding);
    }
    for m in cx.matches() {
        let Some(value) = m.get("value") else {
            continue;
        };
        let Some(lit) = syntax::literal(value, cx.text) else {
            continue;
        };
        if !lit.is_static || flagged.contains(&lit.node_range.0) {
            continue;
        }
        let Some((context, secret)) = named_context(cx, &m, &lit) else {
            continue;
        };
        flagged.insert(lit.node_range.0);
        let summary = KeySummary {
            redacted: jwt::redact(secret),
            algorithm: None,
            permission: None,
            project: None,
            issued_at: None,
        };
        let secret_offset =
            lit.content_start + (secret.as_ptr() as usize - lit.content.as_ptr() as usize);
        let message = message(
            &format!(
                "A Mufi API key ({}) is hardcoded here, {context}",
                summary.redacted
            ),
            client_reason.as_deref(),
        );
        let mut finding =
            Finding::new(RuleId::HardcodedApiKey, lit.range(), message).with_key(summary);
        finding.fixes = fallback_removal(cx, value).map_or_else(
            || literal_fixes(cx, &lit, secret_offset..secret_offset + secret.len(), value),
            |fix| vec![fix],
        );
        cx.push(finding);
    }
}

fn message(head: &str, client_reason: Option<&str>) -> String {
    let mut msg = format!(
        "{head}. Regenerate it in the Mufi dashboard (https://my.mufi.app) now: removing it from the code is not enough, it stays in version control history. Then read it from the {ENV_VAR} environment variable."
    );
    if let Some(reason) = client_reason {
        msg.push_str(&format!(
            " This file ships to users ({reason}): anyone using the app can read the key."
        ));
    }
    msg
}

fn jwt_finding(cx: &RuleContext, token: &Jwt, client_reason: Option<&str>) -> Finding {
    let summary = token.summary(cx.text);
    let what = match (&summary.permission, token.looks_like_mufi()) {
        (Some(p), _) => format!("A Mufi API key with {p} permission ({})", summary.redacted),
        (None, true) => format!("A Mufi API key ({})", summary.redacted),
        (None, false) => format!("A JWT ({}), which may be a Mufi API key,", summary.redacted),
    };
    let head = format!("{what} is hardcoded here");
    let literal = cx.tree.and_then(|tree| {
        let mut node = tree
            .root_node()
            .descendant_for_byte_range(token.start, token.end)?;
        // A token is a string's fragment or the string itself: a few levels at most.
        for _ in 0..4 {
            if syntax::is_string_kind(node.kind()) {
                return Some(node);
            }
            node = node.parent()?;
        }
        None
    });
    match literal.and_then(|n| syntax::literal(n, cx.text).map(|l| (n, l))) {
        Some((node, lit)) => {
            let mut finding = Finding::new(
                RuleId::HardcodedApiKey,
                lit.range(),
                message(&head, client_reason),
            )
            .with_key(summary);
            finding.fixes = fallback_removal(cx, node).map_or_else(
                || literal_fixes(cx, &lit, token.start..token.end, node),
                |fix| vec![fix],
            );
            finding
        }
        None => {
            // In a comment or other text: take the key out of it.
            let fix = Fix::local(
                format!("Replace the key with ${ENV_VAR}"),
                vec![Edit::replace(token.start..token.end, format!("${ENV_VAR}"))],
            )
            .preferred();
            Finding::new(
                RuleId::HardcodedApiKey,
                token.start..token.end,
                message(&head, client_reason),
            )
            .with_key(summary)
            .with_fix(fix)
        }
    }
}

/// Why a static, non-JWT literal is a Mufi key, and the secret part of it.
fn named_context<'a>(
    cx: &RuleContext,
    m: &QueryMatchOwned,
    lit: &Literal<'a>,
) -> Option<(String, &'a str)> {
    let content = lit.content;
    // "A request to a Mufi host": the enclosing function mentions Mufi, or for code at
    // the top level, the statement itself does (a module-level header table for some
    // other API is not Mufi's).
    let mentions_mufi = |node: Node| {
        let Some(tree) = cx.tree else { return false };
        let unit = syntax::judging_unit(tree.root_node(), node);
        cx.text_of(unit).to_ascii_lowercase().contains("mufi")
    };
    let value_node = m.get("value")?;
    let secretish = |s: &str| !is_placeholder(s) && !s.contains(char::is_whitespace);

    if let Some(name_node) = m.get("name") {
        let name = syntax::name_text(name_node, cx.text);
        let norm = normalize_name(name);
        if m.get("getter").is_some() {
            return (is_mufi_key_name(name, &cx.config.extra_key_names) && secretish(content))
                .then(|| (format!("as the default of the {name} lookup"), content));
        }
        if norm == "authorization" {
            let token = content
                .strip_prefix("Bearer ")
                .or_else(|| content.strip_prefix("bearer "))?
                .trim();
            return (secretish(token) && mentions_mufi(value_node)).then(|| {
                (
                    "in the Authorization header of a Mufi request".to_string(),
                    token,
                )
            });
        }
        if norm == "xapikey" || norm == "apikeyheader" {
            return (secretish(content) && mentions_mufi(value_node)).then(|| {
                (
                    "in the x-api-key header of a Mufi request".to_string(),
                    content,
                )
            });
        }
        if is_mufi_key_name(name, &cx.config.extra_key_names) && secretish(content) {
            return Some((format!("assigned to `{name}`"), content));
        }
        // `{ mufi: { apiKey: "…" } }`: a generic key option inside a Mufi section.
        if is_key_option(&norm) && secretish(content) && in_mufi_section(cx, name_node) {
            return Some((format!("as `{name}` of the Mufi settings"), content));
        }
        return None;
    }
    if let Some(env) = m.get("env") {
        let env_text = cx.text_of(env);
        let var = env_text
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .find(|s| !s.is_empty())
            .unwrap_or(env_text);
        return (looks_like_env_read(env_text)
            && is_mufi_key_name(var, &cx.config.extra_key_names)
            && secretish(content))
        .then(|| (format!("as the fallback when {var} is not set"), content));
    }
    if let Some(client) = m.get("client") {
        let callee = cx.text_of(client);
        let last = syntax::last_segment(callee);
        if !last.to_ascii_lowercase().contains("mufi") {
            return None;
        }
        if let Some(option) = m.get("option") {
            let option_name = syntax::name_text(option, cx.text);
            return (is_key_option(&normalize_name(option_name)) && secretish(content))
                .then(|| (format!("as the `{option_name}` option of {last}"), content));
        }
        let constructor_like = client
            .parent()
            .is_some_and(|p| p.kind() == "new_expression")
            || last.starts_with(|c: char| c.is_ascii_uppercase())
            || last.starts_with("create");
        let tokenish = content.len() >= 12
            && content.chars().any(|c| c.is_ascii_digit())
            && content.chars().any(|c| c.is_ascii_alphabetic());
        return (constructor_like && tokenish && secretish(content))
            .then(|| (format!("as the key argument of {last}"), content));
    }
    None
}

/// For a literal used as the fallback of an environment lookup
/// (`process.env.X || "…"`, `os.getenv("X", "…")`, `os.getenv("X") or "…"`), the fix
/// that drops the fallback and keeps the lookup.
fn fallback_removal(cx: &RuleContext, literal: Node) -> Option<Fix> {
    let parent = literal.parent()?;
    let title = "Remove the hardcoded fallback, keep the environment lookup";
    match parent.kind() {
        "binary_expression" | "boolean_operator" => {
            let left = parent.child_by_field_name("left")?;
            let right = parent.child_by_field_name("right")?;
            let op = parent
                .child_by_field_name("operator")
                .map(|o| cx.text_of(o));
            if right.id() != literal.id()
                || !matches!(op, Some("||" | "??" | "or"))
                || !looks_like_env_read(cx.text_of(left))
            {
                return None;
            }
            Some(
                Fix::local(
                    title,
                    vec![Edit::replace(parent.byte_range(), cx.text_of(left))],
                )
                .preferred(),
            )
        }
        "argument_list" => {
            let call = parent.parent()?;
            let callee = call.child_by_field_name("function")?;
            if !looks_like_env_read(cx.text_of(callee)) && !cx.text_of(callee).ends_with(".get") {
                return None;
            }
            let first = parent.named_child(0)?;
            if parent.named_child(1)?.id() != literal.id() {
                return None;
            }
            Some(
                Fix::local(
                    title,
                    vec![Edit::replace(first.end_byte()..literal.end_byte(), "")],
                )
                .preferred(),
            )
        }
        _ => None,
    }
}

fn is_key_option(norm: &str) -> bool {
    matches!(
        norm,
        "apikey" | "key" | "token" | "accesstoken" | "secret" | "authtoken" | "bearertoken" | "jwt"
    )
}

fn looks_like_env_read(text: &str) -> bool {
    text.contains("process.env")
        || text.contains("import.meta.env")
        || text.contains("environ")
        || text.contains("getenv")
}

/// Whether an object key sits inside a property or dict entry named for Mufi.
fn in_mufi_section(cx: &RuleContext, name: Node) -> bool {
    let mut current = name.parent();
    let mut depth = 0;
    while let Some(node) = current {
        if depth > 6 {
            break;
        }
        if matches!(
            node.kind(),
            "pair" | "variable_declarator" | "assignment" | "keyword_argument"
        ) {
            let key = node
                .child_by_field_name("key")
                .or_else(|| node.child_by_field_name("name"))
                .or_else(|| node.child_by_field_name("left"));
            if let Some(k) = key {
                if k.id() != name.id() && cx.text_of(k).to_ascii_lowercase().contains("mufi") {
                    return true;
                }
            }
        }
        current = node.parent();
        depth += 1;
    }
    false
}

/// The replacement fixes for a literal holding a key at `secret` (file offsets).
fn literal_fixes(
    cx: &RuleContext,
    lit: &Literal,
    secret: std::ops::Range<usize>,
    node: Node,
) -> Vec<Fix> {
    let Some((expr, mut extra)) = syntax::env_read(cx.language, cx.tree, cx.text, ENV_VAR) else {
        return Vec::new();
    };
    let open = &cx.text[lit.node_range.0..lit.content_start];
    let close = &cx.text[lit.content_range().end..lit.node_range.1];
    let before = &cx.text[lit.content_start..secret.start];
    let after = &cx.text[secret.end..lit.content_range().end];
    let python = cx.language.id == LanguageId::Python;
    let template = node.kind() == "template_string";
    let replacement = if before.is_empty() && after.is_empty() {
        let mut e = expr.clone();
        if lit.is_bytes {
            e.push_str(".encode()");
        }
        if needs_non_null(cx, node) {
            e.push('!');
        }
        // `<Provider apiKey="…">`: an attribute takes an expression in braces.
        if node.parent().is_some_and(|p| p.kind() == "jsx_attribute") {
            e = format!("{{{e}}}");
        }
        Edit::replace(lit.range(), e)
    } else if template {
        Edit::replace(secret.clone(), format!("${{{expr}}}"))
    } else if python && !lit.is_static {
        // An f-string with other interpolations: interpolate the env read too, with the
        // quote the string does not use.
        let inner = if open.ends_with('"') {
            expr.replace('"', "'")
        } else {
            expr.clone()
        };
        Edit::replace(secret.clone(), format!("{{{inner}}}"))
    } else if !lit.is_static {
        return Vec::new();
    } else {
        let mut parts = Vec::new();
        if !before.is_empty() {
            parts.push(format!("{open}{before}{close}"));
        }
        parts.push(if lit.is_bytes {
            format!("{expr}.encode()")
        } else {
            expr.clone()
        });
        if !after.is_empty() {
            parts.push(format!("{open}{after}{close}"));
        }
        Edit::replace(lit.range(), parts.join(" + "))
    };
    extra.insert(0, replacement);
    let replace = Fix::local(format!("Replace the key with {expr}"), extra.clone()).preferred();
    let mut fixes = vec![replace];
    if let Some(root) = &cx.file.project_root {
        let value = &cx.text[secret];
        let mut edits = extra;
        edits.push(Edit::AppendLine {
            path: root.join(".env"),
            line: format!("{ENV_VAR}={value}"),
            unless_line_starts_with: format!("{ENV_VAR}="),
        });
        edits.push(Edit::EnsureIgnored {
            gitignore: root.join(".gitignore"),
            pattern: ".env".into(),
        });
        fixes.push(Fix {
            title: format!("Move the key to .env as {ENV_VAR} and read it from there"),
            edits,
            safe: false,
            preferred: false,
        });
    }
    fixes
}

/// In TypeScript, `process.env.X` is `string | undefined`; where the literal's
/// declaration says `string`, the replacement asserts it is set.
fn needs_non_null(cx: &RuleContext, node: Node) -> bool {
    if !matches!(cx.language.id, LanguageId::TypeScript | LanguageId::Tsx) {
        return false;
    }
    node.parent().is_some_and(|p| {
        matches!(p.kind(), "variable_declarator" | "public_field_definition")
            && p.child_by_field_name("type").is_some()
    })
}
