//! MUFI002 client-side-mufi-access: Mufi reached from code that ships to browsers or
//! devices, and Mufi keys behind prefixes that bundlers inline into that code.

use crate::dotenv;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::language::LanguageId;
use crate::project::NextRoutes;
use crate::syntax;

use super::{is_mufi_key_name, public_prefix, RuleContext, RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::ClientSideMufiAccess,
    code: "MUFI002",
    name: "client-side-mufi-access",
    summary: "Mufi reached from code that ships to browsers or devices",
    default_severity: Severity::Error,
    triggers: &["mufi"],
    query_only: None,
    doc: "## What it does
In a file that ships to users, flags each Mufi API URL (`api.mufi.app`, `dev.api.mufi.app`)
and each reference to a Mufi key (`process.env.NEXT_PUBLIC_MUFI…`, `import.meta.env.VITE_MUFI…`,
a variable named like a Mufi key). A file ships to users when it has a `\"use client\"`
directive, is a React component using hooks or DOM event handlers outside server route
folders (`app/api/`, `pages/api/`, `server/`, `*.server.*`, files importing `server-only`), is
front-end source (`src/`) of a Vite, Create React App, Vue, Svelte or Angular package, lives in
`public/`, `static/` or `www/`, or belongs to a React Native or Expo app. Code inside
`getServerSideProps`, `getStaticProps`, `getStaticPaths` (Next.js) or an exported
`loader`/`action` (Remix) runs on the server and is not flagged.

Everywhere, client-side or not, it flags a Mufi key behind a prefix that bundlers inline into
browser code (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `EXPO_PUBLIC_`, `GATSBY_`, `PUBLIC_`,
`NUXT_PUBLIC_`): in dotenv files, in `next.config.*` `env`, and when read in code.

A hardcoded key literal in client code is MUFI001.

## Why is this bad?
Everything in a browser bundle or an app package can be read by anyone who uses it. A Mufi
key there gives every visitor your project's access, and Mufi keys do not expire. Mufi's
security guide: server-side only; the front end talks to your backend, which calls Mufi.

## Example
```tsx
\"use client\";
const res = await fetch(\"https://api.mufi.app/v1/users/profile\", {
  headers: { Authorization: `Bearer ${process.env.NEXT_PUBLIC_MUFI_API_KEY}` },
});
```
Use instead: call your own route (`/api/mufi/profile`) and let the server add the key from
`process.env.MUFI_API_KEY`.

## Fix
Where it is safe, renames the public variable to the server-only `MUFI_API_KEY`.
",
};

const SERVER_VAR: &str = "MUFI_API_KEY";

/// Mufi hosts that are not the API (dashboard, docs, marketing).
const NON_API_HOSTS: &[&str] = &[
    "mufi.app",
    "my.mufi.app",
    "docs.mufi.app",
    "www.mufi.app",
    "status.mufi.app",
    "blog.mufi.app",
    "help.mufi.app",
];

/// Exports that Next.js and Remix run only on the server and strip from client bundles.
const SERVER_ONLY_FUNCTIONS: &[&str] = &[
    "getServerSideProps",
    "getStaticProps",
    "getStaticPaths",
    "generateMetadata",
    "generateStaticParams",
    "loader",
    "action",
];

/// Whether `node` sits inside one of the server-only functions, declared either as
/// `function getServerSideProps` or `const getServerSideProps = async () => …`.
fn in_server_only_function(root: tree_sitter::Node, node: tree_sitter::Node, text: &str) -> bool {
    let path = syntax::ancestors(root, node);
    path.iter().enumerate().any(|(i, n)| {
        let name = match n.kind() {
            "function_declaration" | "generator_function_declaration" => {
                n.child_by_field_name("name")
            }
            "arrow_function" | "function_expression" => i
                .checked_sub(1)
                .map(|p| path[p])
                .filter(|p| p.kind() == "variable_declarator")
                .and_then(|p| p.child_by_field_name("name")),
            _ => None,
        };
        name.and_then(|id| text.get(id.byte_range()))
            .is_some_and(|id| SERVER_ONLY_FUNCTIONS.contains(&id))
    })
}

/// The Mufi API host named in `s`, if any.
pub fn mufi_api_host(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    for (pos, _) in lower.match_indices("mufi.app") {
        let head = &lower[..pos];
        let start = head
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '.' || *c == '-'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let after = lower[pos + 8..].chars().next();
        if after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-') {
            continue;
        }
        let host = &lower[start..pos + 8];
        if !NON_API_HOSTS.contains(&host) {
            return Some(host.to_string());
        }
    }
    None
}

fn public_key_name(name: &str, extra: &[String]) -> Option<&'static str> {
    let prefix = public_prefix(name)?;
    is_mufi_key_name(&name[prefix.len()..], extra).then_some(prefix)
}

fn rename_fix(range: std::ops::Range<usize>, from: &str) -> Fix {
    Fix::local(
        format!("Rename {from} to the server-only {SERVER_VAR}"),
        vec![Edit::replace(range, SERVER_VAR)],
    )
    .preferred()
}

fn public_message(name: &str, prefix: &str) -> String {
    format!(
        "{name} is a Mufi key behind the {prefix} prefix, which the bundler inlines into browser code: anyone using the app can read it. Keep the key server-side as {SERVER_VAR} and route Mufi calls through your backend."
    )
}

pub fn check(cx: &mut RuleContext) {
    let extra = cx.config.extra_key_names.clone();
    if cx.language.id == LanguageId::Dotenv {
        for entry in dotenv::entries(cx.text) {
            if let Some(prefix) = public_key_name(entry.key, &extra) {
                cx.push(
                    Finding::new(
                        RuleId::ClientSideMufiAccess,
                        entry.key_range.clone(),
                        public_message(entry.key, prefix),
                    )
                    .with_fix(rename_fix(entry.key_range.clone(), entry.key)),
                );
            }
        }
        return;
    }
    let reason = cx.client_reason();
    let ships = |what: &str, reason: &str| {
        format!(
            "This file ships to users ({reason}): {what} puts Mufi access where anyone using the app can read it. Route the call through your backend, which keeps {SERVER_VAR} server-side."
        )
    };
    let next_config = cx.file.is_next_config();
    for m in cx.matches() {
        // Next.js strips data-fetching functions from the client bundle: code in them
        // runs on the server even in a file that ships.
        let reason = match m.captures.first() {
            Some((_, anchor))
                if cx
                    .tree
                    .is_some_and(|t| in_server_only_function(t.root_node(), *anchor, cx.text)) =>
            {
                None
            }
            _ => reason.clone(),
        };
        // `NAME=value` strings: compose and Dockerfile env lists.
        if let Some(entry) = m.get("entry") {
            let Some(lit) = syntax::literal(entry, cx.text) else {
                continue;
            };
            let Some((name, _)) = lit.content.split_once('=') else {
                continue;
            };
            if let Some(prefix) = public_key_name(name.trim(), &extra) {
                let start = lit.content_start + (name.len() - name.trim_start().len());
                let range = start..start + name.trim().len();
                cx.push(
                    Finding::new(
                        RuleId::ClientSideMufiAccess,
                        lit.range(),
                        public_message(name.trim(), prefix),
                    )
                    .with_fix(rename_fix(range, name.trim())),
                );
            }
            continue;
        }
        if let (Some(read), Some(var)) = (m.get("read"), m.get("var")) {
            let name = syntax::name_text(var, cx.text);
            if let Some(prefix) = public_key_name(name, &extra) {
                let rename_range = match syntax::literal(var, cx.text) {
                    Some(lit) => lit.content_range(),
                    None => var.byte_range(),
                };
                let mut finding = Finding::new(
                    RuleId::ClientSideMufiAccess,
                    read.byte_range(),
                    public_message(name, prefix),
                );
                // In code that runs in the browser the server-only name reads nothing;
                // renaming there would silently break the call, so only offer it elsewhere.
                if reason.is_none() {
                    finding = finding.with_fix(rename_fix(rename_range, name));
                }
                cx.push(finding);
            } else if let Some(reason) = &reason {
                if is_mufi_key_name(name, &extra) {
                    cx.push(Finding::new(
                        RuleId::ClientSideMufiAccess,
                        read.byte_range(),
                        ships(&format!("reading {name} here"), reason),
                    ));
                }
            }
            continue;
        }
        if let Some(declared) = m.get("declared") {
            let Some(reason) = &reason else { continue };
            let name = cx.text_of(declared);
            if !is_mufi_key_name(name, &extra) {
                continue;
            }
            // A literal value is MUFI001's; an env read is flagged on the read itself.
            let value = m.get("declared_value");
            if value
                .is_some_and(|v| syntax::is_string_kind(v.kind()) || cx.text_of(v).contains(".env"))
            {
                continue;
            }
            cx.push(Finding::new(
                RuleId::ClientSideMufiAccess,
                declared.byte_range(),
                ships(&format!("holding a Mufi key in `{name}`"), reason),
            ));
            continue;
        }
        if let Some(reference) = m.get("reference") {
            let Some(reason) = &reason else { continue };
            let name = cx.text_of(reference);
            // Declarations are judged above; a property key is not a use of the variable.
            let is_declaration = reference.parent().is_some_and(|p| {
                p.kind() == "variable_declarator"
                    && p.child_by_field_name("name")
                        .is_some_and(|n| n.id() == reference.id())
            });
            if is_declaration || !is_mufi_key_name(name, &extra) {
                continue;
            }
            cx.push(Finding::new(
                RuleId::ClientSideMufiAccess,
                reference.byte_range(),
                ships(&format!("using the Mufi key in `{name}`"), reason),
            ));
            continue;
        }
        if let Some(string) = m.get("string") {
            let Some(reason) = &reason else { continue };
            let Some(lit) = syntax::literal(string, cx.text) else {
                continue;
            };
            if let Some(host) = mufi_api_host(lit.content) {
                let mut finding = Finding::new(
                    RuleId::ClientSideMufiAccess,
                    lit.range(),
                    ships(&format!("calling the Mufi API ({host}) from here"), reason),
                );
                if let Some(fix) = proxy_fix(cx, &lit) {
                    finding = finding.with_fix(fix);
                }
                cx.push(finding);
            }
            // Kotlin's grammar keeps `"Bearer $mufiKey"` as plain string content.
            if cx.language.id == LanguageId::Kotlin {
                for (name, range) in dollar_templates(lit.content, lit.content_start) {
                    if is_mufi_key_name(name, &extra) {
                        cx.push(Finding::new(
                            RuleId::ClientSideMufiAccess,
                            range,
                            ships(&format!("using the Mufi key in `{name}`"), reason),
                        ));
                    }
                }
            }
            continue;
        }
        if let (Some(inlined), Some(pair)) = (m.get("inlined"), m.get("inlined_pair")) {
            let name = syntax::name_text(inlined, cx.text);
            if next_config && is_mufi_key_name(name, &extra) {
                cx.push(Finding::new(
                    RuleId::ClientSideMufiAccess,
                    pair.byte_range(),
                    format!(
                        "next.config `env` inlines {name} into the browser bundle, whatever its prefix: anyone using the app can read it. Remove it from `env` and read process.env.{SERVER_VAR} in server code only."
                    ),
                ));
            }
        }
    }
}

/// For a Next.js client file calling one Mufi endpoint by a fixed URL
/// (`"https://api.mufi.app/v1/users/profile"`): a server route that makes that one call
/// with the server's key (created unless it exists), and the URL pointed at it. One
/// route per endpoint, so the route cannot be used to reach any other Mufi endpoint.
fn proxy_fix(cx: &RuleContext, lit: &syntax::Literal) -> Option<Fix> {
    let routes = cx.file.package.as_ref()?.next_routes.as_ref()?;
    if !lit.is_static {
        return None;
    }
    let url = lit.content;
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/')?;
    let path = path.split(['?', '#']).next().unwrap_or("");
    let endpoint_ok = path.starts_with("v1/")
        && path.len() > 3
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_'));
    if !endpoint_ok || url.contains('?') || mufi_api_host(url).is_none() {
        return None;
    }
    let path = path.trim_end_matches('/');
    let typescript = cx
        .file
        .path
        .as_deref()
        .and_then(|p| p.extension())
        .is_some_and(|e| e == "ts" || e == "tsx");
    let ext = if typescript { "ts" } else { "js" };
    let upstream = format!("https://{host}/{path}");
    let (file, text) = match routes {
        NextRoutes::App(app) => (
            app.join("api/mufi").join(path).join(format!("route.{ext}")),
            app_route(&upstream, typescript),
        ),
        NextRoutes::Pages(pages) => (
            pages.join("api/mufi").join(format!("{path}.{ext}")),
            pages_route(&upstream, typescript),
        ),
    };
    let local = format!("/api/mufi/{path}");
    Some(Fix {
        title: format!("Call {local} instead: create a server route that adds the key"),
        edits: vec![
            Edit::replace(lit.content_range(), local),
            Edit::CreateFile { path: file, text },
        ],
        safe: false,
        preferred: true,
    })
}

const ROUTE_HEADER: &str =
    "// Calls one Mufi endpoint for the browser, adding the key on the server.
// Written by mufi-lsp's quick fix. MUFI_API_KEY is a server-only variable (no
// NEXT_PUBLIC_ prefix): set it in .env.local and in your host's settings. Check here
// that the caller is a signed-in user allowed to make this call.
";

fn app_route(upstream: &str, typescript: bool) -> String {
    let param = if typescript {
        "request: Request"
    } else {
        "request"
    };
    format!(
        "{ROUTE_HEADER}
const MUFI_ENDPOINT = \"{upstream}\";

async function forward({param}) {{
  const response = await fetch(MUFI_ENDPOINT, {{
    method: request.method,
    headers: {{
      \"content-type\": request.headers.get(\"content-type\") ?? \"application/json\",
      authorization: `Bearer ${{process.env.MUFI_API_KEY}}`,
    }},
    body: request.method === \"GET\" || request.method === \"HEAD\" ? undefined : await request.text(),
    cache: \"no-store\",
  }});
  return new Response(response.body, {{
    status: response.status,
    headers: {{ \"content-type\": response.headers.get(\"content-type\") ?? \"application/json\" }},
  }});
}}

export {{ forward as GET, forward as POST }};
"
    )
}

fn pages_route(upstream: &str, typescript: bool) -> String {
    let (import, signature) = if typescript {
        (
            "import type { NextApiRequest, NextApiResponse } from \"next\";\n\n",
            "req: NextApiRequest, res: NextApiResponse",
        )
    } else {
        ("", "req, res")
    };
    format!(
        "{ROUTE_HEADER}{import}const MUFI_ENDPOINT = \"{upstream}\";

export default async function handler({signature}) {{
  const response = await fetch(MUFI_ENDPOINT, {{
    method: req.method,
    headers: {{
      \"content-type\": \"application/json\",
      authorization: `Bearer ${{process.env.MUFI_API_KEY}}`,
    }},
    body: req.method === \"GET\" || req.method === \"HEAD\" ? undefined : JSON.stringify(req.body),
  }});
  res.status(response.status).send(await response.text());
}}
"
    )
}

/// The names in `$name` and `${name}` templates of a string's content, with their
/// ranges in the file (`start` is where the content begins). `\$` is not a template.
fn dollar_templates(content: &str, start: usize) -> Vec<(&str, std::ops::Range<usize>)> {
    let bytes = content.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == b'$' {
            let braced = bytes.get(i + 1) == Some(&b'{');
            let from = i + 1 + usize::from(braced);
            let len = content[from.min(content.len())..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            if len > 0 && !bytes[from].is_ascii_digit() {
                out.push((&content[from..from + len], start + from..start + from + len));
            }
            i = from + len;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_proxy_routes_parse_in_both_routers_and_languages() {
        use crate::engine::parse;
        use crate::language::Language;
        let url = "https://api.mufi.app/v1/users/profile";
        for (text, language) in [
            (app_route(url, true), LanguageId::TypeScript),
            (app_route(url, false), LanguageId::JavaScript),
            (pages_route(url, true), LanguageId::TypeScript),
            (pages_route(url, false), LanguageId::JavaScript),
        ] {
            let tree = parse(Language::get(language), &text).unwrap();
            assert!(!tree.root_node().has_error(), "{text}");
            assert!(text.contains("process.env.MUFI_API_KEY"));
        }
    }

    #[test]
    fn kotlin_dollar_templates_are_read() {
        let found: Vec<&str> = dollar_templates("Bearer $mufiKey, ${mufiToken}.x \\$literal $1", 0)
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(found, ["mufiKey", "mufiToken"]);
    }

    #[test]
    fn api_hosts_are_told_from_dashboard_and_docs() {
        assert_eq!(
            mufi_api_host("https://api.mufi.app/v1/version").as_deref(),
            Some("api.mufi.app")
        );
        assert_eq!(
            mufi_api_host("https://dev.api.mufi.app").as_deref(),
            Some("dev.api.mufi.app")
        );
        assert_eq!(mufi_api_host("https://my.mufi.app/keys"), None);
        assert_eq!(mufi_api_host("see docs.mufi.app"), None);
        assert_eq!(mufi_api_host("mufi.application"), None);
        // A multi-byte character right before the host must not split.
        assert_eq!(
            mufi_api_host("httpé😀.api.mufi.app/v1").as_deref(),
            Some(".api.mufi.app")
        );
    }
}
