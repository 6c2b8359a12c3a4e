//! MUFI006 cors-permissive-origin: CORS that lets any origin read responses, a request's
//! Origin reflected back, and localhost origins in production configuration.

use std::path::Path;

use tree_sitter::Node;

use crate::dotenv;
use crate::finding::{Finding, Severity};
use crate::language::LanguageId;
use crate::syntax;

use super::{declared, words, QueryOnly, RuleContext, RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::CorsPermissiveOrigin,
    code: "MUFI006",
    name: "cors-permissive-origin",
    summary: "CORS that allows any origin, or localhost in production config",
    default_severity: Severity::Warning,
    // `anyHost()` (Ktor) and `applyPermitDefaultValues()` (Spring) can sit in a
    // function of their own, away from the word CORS.
    triggers: &["cors", "origin", "anyhost", "permitdefault"],
    query_only: Some(QueryOnly {
        clauses: &[],
        // An allowed origin is reported only when it is a loopback one (`is_localhost_origin`);
        // a header list's `"value"` only when a sibling names the header (`declared::sibling`).
        captures: &[
            ("origin", LOCALHOST_ORIGIN),
            ("value_key", "(?i)access-control-allow-origin"),
        ],
    }),
    doc: "## What it does
Flags CORS set up to accept any origin:
- `Access-Control-Allow-Origin: *` set in code or configuration (`vercel.json`, `netlify.toml`,
  `serverless.yml` headers), and a request's `Origin` header written back into it;
- Express `cors()` with no `origin` option, or `origin: '*'`/`true`;
- Flask-CORS `CORS(app)` without `origins` or with `\"*\"`; FastAPI/Starlette
  `CORSMiddleware(allow_origins=[\"*\"])`; Django `CORS_ALLOW_ALL_ORIGINS = True`
  (`CORS_ORIGIN_ALLOW_ALL`);
- Go rs/cors `AllowedOrigins: []string{\"*\"}`, `AllowAllOrigins: true`; Spring `@CrossOrigin`
  without origins, `allowedOrigins(\"*\")`; ASP.NET `AllowAnyOrigin()`; Rails/Rack `origins \"*\"`;
  PHP and Laravel `'allowed_origins' => ['*']`;
- localhost origins (`http://localhost:3000`, `127.0.0.1`) in configuration meant for
  production: files named for it (`production.json`, `application-prod.yml`,
  `.env.production`, `settings/production.py`) or a `production:` section.

Not flagged: exact origins and allowlists, localhost in development or test configuration.
TypeScript declaration files (`.d.ts`, `.d.mts`, `.d.cts`) are not read: they hold types,
not code that runs.

## Why is this bad?
Your backend is the one place that holds the Mufi key. With `*` (or a reflected origin) any
website a user visits can call your API from their browser and read the answers; with
credentials allowed, as that user. Mufi's security guide: exact origins, no wildcard and no
localhost in production.

## Example
```js
app.use(cors());
```
Use instead:
```js
app.use(cors({ origin: [\"https://app.acme-shop.io\"] }));
```

## Fix
None automatic: only you know which origins are yours.
",
};

pub fn check(cx: &mut RuleContext) {
    if cx.language.id == LanguageId::Dotenv {
        check_dotenv(cx);
        return;
    }
    let production_file = cx.file.path.as_deref().is_some_and(is_production_path);
    let root = cx.tree.map(|t| t.root_node());
    for m in cx.matches() {
        if m.property("message").is_some() {
            // Flask-CORS reads `CORS_ORIGINS` from the app's config when it is set.
            let configured = cx.language.id == LanguageId::Python
                && cx.text.contains("CORS_ORIGINS")
                && m.get("setting")
                    .is_some_and(|s| cx.text_of(s).contains("CORS("));
            if configured {
                continue;
            }
            if let Some(finding) = declared::finding(cx, &m, RuleId::CorsPermissiveOrigin) {
                cx.push(finding);
            }
            continue;
        }
        // `@origin`: a string given as an allowed origin; flagged when it is a loopback
        // origin in production configuration (and, in a header list, when the header
        // it is the value of is named beside it: `declared::finding` checks that for
        // the declared patterns above).
        if matches!(declared::sibling(&m, cx.text), declared::Sibling::Missing) {
            continue;
        }
        let (Some(origin), Some(root)) = (m.get("origin"), root) else {
            continue;
        };
        let value = syntax::literal(origin, cx.text).map_or(cx.text_of(origin), |l| l.content);
        // One origin, or a comma-separated list of them.
        let Some(local) = localhost_in_list(value) else {
            continue;
        };
        if !production_file && !in_production_section(cx, root, origin) {
            continue;
        }
        cx.push(localhost_finding(origin.byte_range(), local));
    }
}

fn localhost_finding(range: std::ops::Range<usize>, value: &str) -> Finding {
    Finding::new(
        RuleId::CorsPermissiveOrigin,
        range,
        format!(
            "`{}` is a localhost origin in production configuration: any page served from a visitor's own machine (a dev server, malware) may call your API. List only your production origins.",
            value.trim()
        ),
    )
}

fn check_dotenv(cx: &mut RuleContext) {
    if !cx.file.path.as_deref().is_some_and(is_production_path) {
        return;
    }
    for entry in dotenv::entries(cx.text) {
        let key = entry.key.to_ascii_lowercase();
        if !(key.contains("origin") || key.contains("cors")) {
            continue;
        }
        if let Some(local) = localhost_in_list(entry.value) {
            cx.push(localhost_finding(entry.value_range.clone(), local));
        }
    }
}

/// The first localhost origin of a comma- or space-separated list of origins.
fn localhost_in_list(value: &str) -> Option<&str> {
    value
        .split([',', ' '])
        .map(str::trim)
        .find(|v| !v.is_empty() && is_localhost_origin(v))
}

/// Text every origin `is_localhost_origin` accepts holds (any case): what the engine
/// looks for before it parses a file for an allowed origin.
const LOCALHOST_ORIGIN: &str = r"(?i)localhost|127\.|::1|0\.0\.0\.0";

/// `http://localhost:3000`, `https://127.0.0.1`, `localhost:5173`, `[::1]`.
fn is_localhost_origin(value: &str) -> bool {
    let v = value.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
    let host = v
        .split_once("://")
        .map_or(v.as_str(), |(_, rest)| rest)
        .split(['/', '?'])
        .next()
        .unwrap_or("");
    let host = host.strip_prefix('[').map_or_else(
        || host.rsplit_once(':').map_or(host, |(h, _)| h),
        |rest| rest.split(']').next().unwrap_or(""),
    );
    host == "localhost"
        || host.ends_with(".localhost")
        || host.starts_with("127.")
        || host == "::1"
        || host == "0.0.0.0"
}

/// A file meant for production by its name or folder: `production.json`,
/// `application-prod.yml`, `.env.production`, `config/prod/…`.
pub fn is_production_path(path: &Path) -> bool {
    path.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|part| words(part).iter().any(|w| is_production_word(w)))
    })
}

fn is_production_word(word: &str) -> bool {
    matches!(word, "prod" | "production" | "prd")
}

/// Whether `node` sits under a key or table named for production (`production:` in YAML,
/// `[production]` in TOML, `"production": {…}` in JSON, `production = {…}`).
fn in_production_section(cx: &RuleContext, root: Node, node: Node) -> bool {
    syntax::ancestors(root, node).iter().any(|a| {
        let key = a.child_by_field_name("key").or_else(|| match a.kind() {
            "table" | "table_array_element" => a.named_child(0),
            _ => None,
        });
        key.filter(|k| k.id() != node.id())
            .map(|k| syntax::name_text(k, cx.text))
            .is_some_and(|name| words(name).iter().any(|w| is_production_word(w)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_localhost_origin_holds_the_text_the_engine_looks_for() {
        let pattern = regex::Regex::new(LOCALHOST_ORIGIN).expect("valid pattern");
        for origin in [
            "http://localhost:3000",
            "HTTPS://LOCALHOST",
            "app.localhost:8080",
            "https://127.0.0.1",
            "127.1.2.3:80",
            "[::1]",
            "http://[::1]:4000",
            "0.0.0.0:5173",
        ] {
            assert!(is_localhost_origin(origin), "{origin}");
            assert!(pattern.is_match(origin), "{origin}");
        }
        assert!(!pattern.is_match("https://app.example.com"));
    }

    #[test]
    fn localhost_origins_are_recognised_in_every_spelling() {
        for yes in [
            "http://localhost:3000",
            "https://127.0.0.1",
            "localhost:5173",
            "http://[::1]:8080",
            "http://app.localhost",
        ] {
            assert!(is_localhost_origin(yes), "{yes}");
        }
        for no in ["https://app.acme-shop.io", "http://localhostess.io", ""] {
            assert!(!is_localhost_origin(no), "{no}");
        }
    }

    #[test]
    fn production_paths_are_named_for_it() {
        for yes in [
            "config/production.json",
            "src/main/resources/application-prod.yml",
            "web/.env.production",
            "deploy/prod/values.yaml",
        ] {
            assert!(is_production_path(Path::new(yes)), "{yes}");
        }
        for no in ["config/development.json", "src/products.ts", ".env.local"] {
            assert!(!is_production_path(Path::new(no)), "{no}");
        }
    }
}
