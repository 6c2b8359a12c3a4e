//! MUFI001 hardcoded-api-key: a Mufi key (or any JWT) written into source, and
//! non-JWT literals given to a Mufi key's name, header or client option.

use std::collections::HashSet;

use tree_sitter::Node;

use crate::finding::{Edit, Finding, Fix, KeySummary, Severity};
use crate::jwt::{self, Jwt};
use crate::language::env_read::{env_read, Splice};
use crate::language::{Language, LanguageId};
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
    query_only: None,
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
added when missing, `os.Getenv(\"MUFI_API_KEY\")` with its import, `System.getenv(…)`,
`ENV.fetch(…)`, `getenv('…')`, `\"$MUFI_API_KEY\"` in shell, `${MUFI_API_KEY}` in YAML; the full
list is in `docs/languages.md`). It is not offered where a run-time read cannot compile
(`const` items, annotations), in pages that run in the browser, or in JSON and TOML. A second fix moves the value into `.env` (created if absent, appended
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
    let mut tokens: Vec<Jwt> = cx
        .ranges()
        .into_iter()
        .map(|r| jwt::widen_to_tokens(cx.text, r))
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
    tokens.sort_by_key(|t| t.start);
    tokens.dedup_by_key(|t| t.start);
    for token in tokens {
        let finding = jwt_finding(cx, &token, client_reason.as_deref());
        flagged.insert(finding.range.start);
        cx.push(finding);
    }
    let matches = cx.matches();
    let named_by_sibling = match cx.language.id {
        LanguageId::Json | LanguageId::Yaml => named_by_sibling(&matches, cx.text),
        _ => Vec::new(),
    };
    for m in matches.into_iter().chain(named_by_sibling) {
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
    // The fixes splice around the key inside the literal's content, so the literal
    // must hold the whole token; in a broken parse it may hold only part of it.
    let holds_token =
        |l: &Literal| l.content_start <= token.start && token.end <= l.content_range().end;
    match literal.and_then(|n| {
        syntax::literal(n, cx.text)
            .filter(holds_token)
            .map(|l| (n, l))
    }) {
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

/// Name/value objects of JSON and YAML (only: other languages' dictionaries are code,
/// where such objects are rare), where a key's name is the sibling entry's value:
/// ECS and Kubernetes env lists (`- name: MUFI_API_KEY` / `value: …`), Postman headers
/// (`{"key": "x-api-key", "value": "…"}`). For each match of a `value` entry (a plain
/// `@name`/`@value` pair), a match naming its value with each `name` entry beside it.
/// Done here rather than by a query pattern of two sibling pairs, which tree-sitter
/// tries on every pair of every object: half the time of a keystroke in a large JSON
/// file.
fn named_by_sibling<'t>(matches: &[QueryMatchOwned<'t>], text: &str) -> Vec<QueryMatchOwned<'t>> {
    let mut out = Vec::new();
    for m in matches {
        let (Some(name), Some(value)) = (m.get("name"), m.get("value")) else {
            continue;
        };
        // The `value` entry: a JSON pair, or a YAML pair around the key's flow node.
        let entry = match name.kind() {
            "string" => name.parent(),
            _ => name.parent().and_then(|n| n.parent()),
        };
        let Some(entry) = entry.filter(|e| syntax::is_value_entry(*e, text)) else {
            continue;
        };
        let names: &[&str] = match entry.kind() {
            "pair" => &["name", "Name", "key", "Key"],
            _ => &["name", "Name"],
        };
        let Some(container) = entry.parent() else {
            continue;
        };
        let mut cursor = container.walk();
        for sibling in container.named_children(&mut cursor) {
            if sibling.id() == entry.id()
                || sibling.kind() != entry.kind()
                || !syntax::entry_key_reads(sibling, text, names)
            {
                continue;
            }
            let Some(named) = sibling
                .child_by_field_name("value")
                .and_then(|v| syntax::data_scalar(v, false))
            else {
                continue;
            };
            out.push(QueryMatchOwned {
                pattern: m.pattern,
                captures: vec![("name", named), ("value", value)],
                properties: m.properties,
            });
        }
    }
    out
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
        syntax::code_mentions(unit, cx.text, "mufi")
    };
    let value_node = m.get("value")?;
    let secretish = |s: &str| !is_placeholder(s) && !s.contains(char::is_whitespace);

    // The name the value is given: a separate node (`@name`), or inside the literal
    // itself: `NAME=value` (`@entry`, compose and Dockerfile env lists) or
    // `Name: value` (`@header`, curl's -H and PHP header arrays).
    let inline_split = |sep: char| {
        let (name, rest) = content.split_once(sep)?;
        let name = name.trim();
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        valid.then(|| (name, rest.trim_start()))
    };
    let named = match (m.get("name"), m.get("entry"), m.get("header")) {
        (Some(node), _, _) => Some((syntax::name_text(node, cx.text), content, node)),
        (None, Some(node), _) => inline_split('=').map(|(n, v)| (n, v, node)),
        // A header string ends at its first escape (`\r\n` before the next header).
        (None, None, Some(node)) => inline_split(':').map(|(n, v)| {
            let end = v.find('\\').unwrap_or(v.len());
            (n, v[..end].trim_end(), node)
        }),
        _ => None,
    };
    // `buildConfigField("String", "MUFI_API_KEY", "\"mk_…\"")`: the value is Java source.
    let named = named.map(|(n, v, node)| {
        let inner = v
            .strip_prefix("\\\"")
            .and_then(|v| v.strip_suffix("\\\""))
            .unwrap_or(v);
        (n, inner, node)
    });
    if let Some((name, content, name_node)) = named {
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
        // `.bearer_auth("…")` (reqwest), `.SetAuthToken("…")` (resty): the token itself.
        if matches!(
            norm.as_str(),
            "bearerauth"
                | "setbearerauth"
                | "setauthtoken"
                | "setbearerauthtoken"
                | "withbearertoken"
                | "withtoken"
        ) && m
            .get("name")
            .is_some_and(|n| !syntax::is_string_kind(n.kind()))
        {
            return (secretish(content) && mentions_mufi(value_node)).then(|| {
                (
                    format!("as the bearer token (`{name}`) of a Mufi request"),
                    content,
                )
            });
        }
        if norm == "xapikey" || norm == "apikeyheader" {
            // `API_KEY_HEADER = "x-api-key"` names the header; a key has digits.
            let header_name = content.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
            return (secretish(content) && !header_name && mentions_mufi(value_node)).then(|| {
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
        // `MufiClient(…)`, `mufi.NewClient(…)`, `mufi::Client::new(…)`, `Mufi.Config{…}`.
        if !callee.to_ascii_lowercase().contains("mufi") {
            return None;
        }
        if let Some(option) = m.get("option") {
            let option_name = syntax::name_text(option, cx.text);
            return (is_key_option(&normalize_name(option_name)) && secretish(content))
                .then(|| (format!("as the `{option_name}` option of {last}"), content));
        }
        // In Go and C# every exported function is capitalised: only `New…` counts there.
        let capital_is_constructor = !matches!(cx.language.id, LanguageId::Go | LanguageId::CSharp);
        let constructor_like = client
            .parent()
            .is_some_and(|p| matches!(p.kind(), "new_expression" | "object_creation_expression"))
            || (capital_is_constructor && last.starts_with(|c: char| c.is_ascii_uppercase()))
            || last.starts_with("New")
            || last == "new"
            || last.starts_with("create")
            || last.starts_with("Create");
        // A key, not a path, URL or id with dots.
        let tokenish = content.len() >= 12
            && content.chars().any(|c| c.is_ascii_digit())
            && content.chars().any(|c| c.is_ascii_alphabetic())
            && !content.contains(['/', '.', ':', ' ']);
        return (constructor_like && tokenish && secretish(content))
            .then(|| (format!("as the key argument of {last}"), content));
    }
    None
}

/// For a literal used as the fallback of an environment lookup
/// (`process.env.X || "…"`, `os.getenv("X", "…")`, `ENV["X"] || "…"`, Kotlin's `?:`,
/// C#/Swift/Dart `??`), the fix that drops the fallback and keeps the lookup.
fn fallback_removal(cx: &RuleContext, literal: Node) -> Option<Fix> {
    let parent = literal.parent()?;
    let title = "Remove the hardcoded fallback, keep the environment lookup";
    // PHP and Kotlin wrap each argument in a node of its own.
    let (item, list) = match parent.kind() {
        "argument" | "value_argument" => (parent, parent.parent()?),
        _ => (literal, parent),
    };
    if matches!(
        list.kind(),
        "argument_list" | "arguments" | "value_arguments"
    ) {
        let call = list.parent()?;
        // Receiver and method: `ENV.fetch`, `os.environ.get`, `System.getenv().getOrDefault`.
        let callee_text = cx.text.get(call.start_byte()..list.start_byte())?.trim();
        if !looks_like_env_read(callee_text) && !callee_text.ends_with(".get") {
            return None;
        }
        let first = list.named_child(0)?;
        if list.named_child(1)?.id() != item.id() || list.named_child_count() != 2 {
            return None;
        }
        // A project's own helper (`getEnv(key, fallback)`) needs both arguments: an empty
        // default keeps it compiling. Library lookups take the default as optional.
        const OPTIONAL_DEFAULT: &[&str] = &[
            "os.getenv",
            "environ.get",
            "ENV.fetch",
            "env",
            "getOrDefault",
            ".get",
        ];
        if !OPTIONAL_DEFAULT.iter().any(|s| callee_text.ends_with(s)) {
            let quote = &cx.text[literal.start_byte()..]
                .chars()
                .find(|c| matches!(c, '"' | '\'' | '`'))
                .unwrap_or('"')
                .to_string();
            return Some(
                Fix::local(
                    "Replace the hardcoded fallback with an empty default",
                    vec![Edit::replace(
                        literal.byte_range(),
                        format!("{quote}{quote}"),
                    )],
                )
                .preferred(),
            );
        }
        // `System.getenv().getOrDefault("X", "…")` -> `System.getenv("X")`.
        if callee_text.ends_with(".getOrDefault") && callee_text.contains("getenv()") {
            let reader = callee_text
                .trim_end_matches(".getOrDefault")
                .trim_end_matches("()");
            return Some(
                Fix::local(
                    title,
                    vec![Edit::replace(
                        call.byte_range(),
                        format!("{reader}({})", cx.text_of(first)),
                    )],
                )
                .preferred(),
            );
        }
        return Some(
            Fix::local(
                title,
                vec![Edit::replace(first.end_byte()..item.end_byte(), "")],
            )
            .preferred(),
        );
    }
    // A binary fallback: `lookup OP "literal"` with the literal last.
    if parent.named_child_count() < 2 {
        return None;
    }
    let left = parent.named_child(0)?;
    let last = parent.named_child(parent.named_child_count() as u32 - 1)?;
    if last.id() != literal.id() || left.id() == literal.id() {
        return None;
    }
    let op = cx.text.get(left.end_byte()..literal.start_byte())?.trim();
    if !matches!(op, "||" | "??" | "or" | "?:") || !looks_like_env_read(cx.text_of(left)) {
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

fn is_key_option(norm: &str) -> bool {
    matches!(
        norm,
        "apikey" | "key" | "token" | "accesstoken" | "secret" | "authtoken" | "bearertoken" | "jwt"
    )
}

fn looks_like_env_read(text: &str) -> bool {
    const READS: &[&str] = &[
        "process.env",
        "import.meta.env",
        "environ",
        "getenv",
        "Getenv",
        "LookupEnv",
        "GetEnvironmentVariable",
        "env::var",
        "ENV[",
        "ENV.fetch",
        "$_ENV",
        "$_SERVER",
        "environment[",
        "fromEnvironment",
        "option_env!",
        "env!(",
        "dotenvy::var",
        "dotenv::var",
        "var_os",
        "getEnv",
        "env(",
        "Environment.get(",
        "dotenv.env[",
        "dotenv.get(",
        "Deno.env",
        "Bun.env",
    ];
    READS.iter().any(|r| text.contains(r))
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
            "pair"
                | "variable_declarator"
                | "assignment"
                | "keyword_argument"
                | "block_mapping_pair"
                | "flow_pair"
                | "table"
                | "array_element_initializer"
        ) {
            // TOML pairs and `[mufi]` tables name their key as the first child.
            let key = node
                .child_by_field_name("key")
                .or_else(|| node.child_by_field_name("name"))
                .or_else(|| node.child_by_field_name("left"))
                .or_else(|| node.named_child(0));
            if let Some(k) = key {
                if k.id() != name.id() && cx.text_of(k).to_ascii_lowercase().contains("mufi") {
                    return true;
                }
            }
        }
        // `<mufi-wallet api-key="…">`, `<MufiProvider apiKey="…">`: an attribute of a
        // Mufi component.
        if matches!(
            node.kind(),
            "start_tag" | "self_closing_tag" | "jsx_opening_element" | "jsx_self_closing_element"
        ) {
            let tag = node
                .child_by_field_name("name")
                .or_else(|| node.named_child(0));
            if tag.is_some_and(|t| cx.text_of(t).to_ascii_lowercase().contains("mufi")) {
                return true;
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
    // A page that runs in the browser (HTML, Vue, Svelte) has no environment to read:
    // the key has to move behind the backend, which no local edit does.
    let host = cx.file.path.as_deref().and_then(Language::for_path);
    if host.is_some_and(|h| h.always_client_side) {
        return Vec::new();
    }
    // App code on a device has no environment to read either (Android, iOS, Flutter).
    if !cx.language.is_js_family() && cx.client_reason().is_some() {
        return Vec::new();
    }
    // Shell inside a package.json string would need JSON escaping of its quotes.
    if host.is_some_and(|h| h.id == LanguageId::Json) {
        return Vec::new();
    }
    // A Dockerfile `ENV KEY=…` bakes whatever it holds into the image, a variable
    // included: the key must come at run time (`docker run -e`, a build secret).
    if host.is_some_and(|h| h.id == LanguageId::Dockerfile) && is_bare_assignment(node) {
        return Vec::new();
    }
    let Some(read) = env_read(cx.language, cx.tree, cx.text, ENV_VAR, Some(node)) else {
        return Vec::new();
    };
    let mut expr = read.expr;
    // A GitHub Actions workflow reads repository secrets, not the runner's environment.
    let workflow = cx.file.path.as_deref().is_some_and(|p| {
        let p = p.to_string_lossy().replace('\\', "/");
        p.contains(".github/workflows/") || p.contains(".github/actions/")
    });
    if cx.language.id == LanguageId::Yaml && workflow {
        expr = format!("${{{{ secrets.{ENV_VAR} }}}}");
    }
    let extra = read.edits;
    let around = Around::new(cx.text, lit, &secret);
    let Around {
        open,
        close,
        before,
        after,
        ..
    } = around;
    let whole = before.is_empty() && after.is_empty();
    let replacement = match read.splice {
        Splice::Interpolate => {
            let reference = if after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
                format!("${{{ENV_VAR}}}")
            } else {
                expr.clone()
            };
            match (cx.language.id, open) {
                // The whole literal is the key: a double-quoted read replaces it.
                (LanguageId::Shell, _) if whole => {
                    Edit::replace(lit.range(), format!("\"{expr}\""))
                }
                // Shell: no expansion inside single quotes; an unquoted word needs quotes.
                (LanguageId::Shell, o) if o.ends_with('\'') => {
                    Edit::replace(secret.clone(), format!("'\"{reference}\"'"))
                }
                (LanguageId::Shell, "") => {
                    Edit::replace(secret.clone(), format!("\"{reference}\""))
                }
                // A plain YAML scalar: quoted, so it stays valid in flow mappings too.
                (LanguageId::Yaml, "") if whole => {
                    Edit::replace(secret.clone(), format!("\"{reference}\""))
                }
                _ => Edit::replace(secret.clone(), reference),
            }
        }
        Splice::Format => {
            if !lit.is_static {
                return Vec::new();
            }
            if whole {
                match owned_string_call(cx, node) {
                    // `"…".to_string()`, `String::from("…")`: the read is a String already.
                    Some(call) => Edit::replace(call.byte_range(), expr.clone()),
                    None => Edit::replace(lit.range(), format!("&{expr}")),
                }
            } else {
                let escape = |s: &str| s.replace('{', "{{").replace('}', "}}");
                Edit::replace(
                    lit.range(),
                    format!(
                        "&format!({open}{}{{}}{}{close}, {expr})",
                        escape(before),
                        escape(after)
                    ),
                )
            }
        }
        Splice::Concat(op) => match concat_replacement(cx, lit, &around, node, &expr, op) {
            Some(edit) => edit,
            None => return Vec::new(),
        },
    };
    finish_fixes(cx, replacement, extra, &expr, secret)
}

/// The replace fix (with its extra edits, such as an import) and the move-to-.env fix.
fn finish_fixes(
    cx: &RuleContext,
    replacement: Edit,
    mut extra: Vec<Edit>,
    expr: &str,
    secret: std::ops::Range<usize>,
) -> Vec<Fix> {
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

/// A shell assignment that is a statement of its own (a Dockerfile `ENV`/`ARG` line),
/// not an `export` or a command's prefix.
fn is_bare_assignment(literal: Node) -> bool {
    let Some(assignment) = literal
        .parent()
        .filter(|p| p.kind() == "variable_assignment")
    else {
        return false;
    };
    assignment
        .parent()
        .is_some_and(|p| matches!(p.kind(), "program" | "variable_assignments"))
}

/// Rust: the call that turns the literal into an owned `String` (`"…".to_string()`,
/// `.to_owned()`, `.into()`, `String::from("…")`), which the env read replaces whole.
fn owned_string_call<'t>(cx: &RuleContext, literal: Node<'t>) -> Option<Node<'t>> {
    let parent = literal.parent()?;
    if parent.kind() == "field_expression" {
        let method = parent.child_by_field_name("field")?;
        let call = parent.parent()?;
        let no_args = call
            .child_by_field_name("arguments")
            .is_some_and(|a| a.named_child_count() == 0);
        return (call.kind() == "call_expression"
            && no_args
            && matches!(cx.text_of(method), "to_string" | "to_owned" | "into"))
        .then_some(call);
    }
    if parent.kind() == "arguments" && parent.named_child_count() == 1 {
        let call = parent.parent()?;
        let function = call.child_by_field_name("function")?;
        return matches!(
            cx.text_of(function),
            "String::from" | "std::string::String::from"
        )
        .then_some(call);
    }
    None
}

/// A literal split around the key in it: its opening and closing delimiters, the key's
/// range, and the text before and after the key inside the literal.
struct Around<'a> {
    open: &'a str,
    close: &'a str,
    before: &'a str,
    after: &'a str,
    secret: std::ops::Range<usize>,
}

impl<'a> Around<'a> {
    fn new(text: &'a str, lit: &Literal, secret: &std::ops::Range<usize>) -> Around<'a> {
        Around {
            open: &text[lit.node_range.0..lit.content_start],
            close: &text[lit.content_range().end..lit.node_range.1],
            before: &text[lit.content_start..secret.start],
            after: &text[secret.end..lit.content_range().end],
            secret: secret.clone(),
        }
    }
}

/// The replacement in a language that joins strings with an operator (`+`, `.`).
fn concat_replacement(
    cx: &RuleContext,
    lit: &Literal,
    around: &Around,
    node: Node,
    expr: &str,
    op: &str,
) -> Option<Edit> {
    let Around {
        open,
        close,
        before,
        after,
        ref secret,
    } = *around;
    let python = cx.language.id == LanguageId::Python;
    let template = node.kind() == "template_string";
    if before.is_empty() && after.is_empty() {
        let mut e = expr.to_string();
        if lit.is_bytes && python {
            e.push_str(".encode()");
        }
        if needs_non_null(cx, node) {
            e.push('!');
        }
        // `<Provider apiKey="…">`: an attribute takes an expression in braces.
        if node.parent().is_some_and(|p| p.kind() == "jsx_attribute") {
            e = format!("{{{e}}}");
        }
        return Some(Edit::replace(lit.range(), e));
    }
    if template {
        return Some(Edit::replace(secret.clone(), format!("${{{expr}}}")));
    }
    if python && !lit.is_static {
        // An f-string with other interpolations: interpolate the env read too, with the
        // quote the string does not use.
        let inner = if open.ends_with('"') {
            expr.replace('"', "'")
        } else {
            expr.to_string()
        };
        return Some(Edit::replace(secret.clone(), format!("{{{inner}}}")));
    }
    // Multi-line strings (Swift and C# `"""`) cannot be joined with `+` on one line.
    let multi_line = open.contains("\"\"\"") || open.contains("\'\'\'");
    if !lit.is_static || open.len() > 3 || close.len() > 3 || (multi_line && !python) {
        // Raw or interpolated strings in other languages: not a safe splice.
        return None;
    }
    let mut parts = Vec::new();
    if !before.is_empty() {
        parts.push(format!("{open}{before}{close}"));
    }
    parts.push(if lit.is_bytes && python {
        format!("{expr}.encode()")
    } else {
        expr.to_string()
    });
    if !after.is_empty() {
        parts.push(format!("{open}{after}{close}"));
    }
    Some(Edit::replace(lit.range(), parts.join(op)))
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
