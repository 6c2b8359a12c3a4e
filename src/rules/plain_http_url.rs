//! MUFI003 plain-http-url: `http://` URLs to real hosts in literals and dotenv values.

use std::ops::Range;

use crate::dotenv;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::language::LanguageId;
use crate::syntax;

use super::{words, RuleContext, RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::PlainHttpUrl,
    code: "MUFI003",
    name: "plain-http-url",
    summary: "an `http://` URL that should be `https://`",
    default_severity: Severity::Warning,
    triggers: &["http://"],
    query_only: None,
    doc: "## What it does
Flags `http://` URLs in string literals of every supported language, template strings, JSX and
HTML attributes (`href`, `src`, `<meta http-equiv=\"refresh\" content=\"…; url=…\">`), shell
arguments, YAML, JSON and TOML values and dotenv values.
It is an error when the host is a Mufi host (`api.mufi.app`, `dev.api.mufi.app`, any `*.mufi.app`)
and a warning otherwise.

Not flagged: comments and docstrings; loopback and local names (`localhost`, `127.0.0.0/8`,
`[::1]`, `0.0.0.0`, `host.docker.internal`, `*.local`, `*.internal`, single-label hosts such as
`http://api:8080`); reserved names (`*.test`, `*.example`, `example.com`); XML and schema
identifiers (`www.w3.org`, `json-schema.org`, …); a bare `\"http://\"` prefix; hosts allowed in
the configuration.

## Why is this bad?
Over plain HTTP the `Authorization: Bearer` header carrying your Mufi key, and the wallet data
in the response, cross the network unencrypted: anyone on the path can read the key and reuse
it until it is regenerated. Mufi's security guide: always HTTPS.

## Example
```python
MUFI_BASE_URL = \"http://api.mufi.app/v1\"
```
Use instead:
```python
MUFI_BASE_URL = \"https://api.mufi.app/v1\"
```

## Fix
Rewrites `http://` to `https://`. Safe for `check --fix` on Mufi hosts.
",
};

/// Hosts that identify XML namespaces and schemas, not servers to call.
const SCHEMA_HOSTS: &[&str] = &[
    "www.w3.org",
    "w3.org",
    "schemas.xmlsoap.org",
    "schemas.microsoft.com",
    "schemas.android.com",
    "schemas.openxmlformats.org",
    "json-schema.org",
    "purl.org",
    "xmlns.com",
    "ns.adobe.com",
    "schema.org",
    "www.schema.org",
    "java.sun.com",
    "xml.org",
    "www.xml.org",
    // XML parser feature and property identifiers (`http://apache.org/xml/features/…`).
    "apache.org",
    "xml.apache.org",
    "javax.xml.xmlconstants",
    // Property-list DTDs in Apple plists and Swift/Objective-C code.
    "www.apple.com",
    "xml.sax",
];

/// Where a URL points, as far as this rule cares.
#[derive(Debug, PartialEq, Eq)]
pub enum HostClass {
    Mufi,
    /// Loopback, local, reserved or schema hosts: never flagged.
    Exempt,
    Other,
}

/// Classifies a URL host (lowercase, without port or brackets handled here).
pub fn classify_host(host: &str) -> HostClass {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host == "mufi.app" || host.ends_with(".mufi.app") {
        return HostClass::Mufi;
    }
    if host.starts_with('[') {
        return if host == "[::1]" || host == "[::]" || host.starts_with("[::ffff:127.") {
            HostClass::Exempt
        } else {
            HostClass::Other
        };
    }
    let ipv4: Vec<&str> = host.split('.').collect();
    if ipv4.len() == 4 && ipv4.iter().all(|p| p.parse::<u8>().is_ok()) {
        // Loopback, and link-local (169.254/16, cloud metadata services).
        return if ipv4[0] == "127" || host == "0.0.0.0" || host.starts_with("169.254.") {
            HostClass::Exempt
        } else {
            HostClass::Other
        };
    }
    let exempt_suffix = [
        ".localhost",
        ".local",
        ".internal",
        ".test",
        ".example",
        ".invalid",
        ".example.com",
        ".example.net",
        ".example.org",
    ];
    let exempt_exact = ["localhost", "example.com", "example.net", "example.org"];
    if !host.contains('.')
        || exempt_exact.contains(&host.as_str())
        || exempt_suffix.iter().any(|s| host.ends_with(s))
        || SCHEMA_HOSTS.contains(&host.as_str())
    {
        return HostClass::Exempt;
    }
    HostClass::Other
}

/// Whether the `http://` at `at` in `text` cannot be flagged wherever it sits: it
/// starts a URL whose host is exempt or allowed. Read from the file's own text, without
/// a parse; `false` whenever the answer could depend on the literal around it.
pub fn never_flagged(text: &str, at: usize, config: &crate::config::Config) -> bool {
    let after_word = text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if after_word {
        return false;
    }
    // `find_urls` reads a URL to its first terminator (a line break is one) and looks at
    // that character: reading further would cost as much again per URL on a long line.
    let rest = &text[at..];
    let end = rest
        .char_indices()
        .find(|(i, c)| *i >= "http://".len() && ends_url(*c))
        .map_or(rest.len(), |(i, c)| i + c.len_utf8());
    // No URL starts there (`"http://"`, `http://${host}`): nothing to flag either.
    find_urls(&rest[..end], at)
        .iter()
        .find(|url| url.range.start == at)
        .is_none_or(|url| {
            classify_host(&url.host) == HostClass::Exempt || config.http_host_allowed(&url.host)
        })
}

/// A `http://` URL found inside a text span.
#[derive(Debug, PartialEq, Eq)]
pub struct PlainUrl {
    /// Byte range of the whole URL in the file.
    pub range: Range<usize>,
    pub host: String,
}

fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '[' | ']' | ':')
}

/// Whether `c` ends a URL: white space, quotes, brackets and the separators around
/// URLs in code.
fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\'' | '`' | '<' | '>' | '\\' | ')' | ',' | ';' | '{' | '}' | '|' | '^'
        )
}

/// Finds `http://host…` URLs in `span`, which starts at byte `base` of the file.
pub fn find_urls(span: &str, base: usize) -> Vec<PlainUrl> {
    let lower = span.to_ascii_lowercase();
    let mut out = Vec::new();
    for (pos, _) in lower.match_indices("http://") {
        // `xhttp://` is not a URL scheme boundary.
        if pos > 0
            && span[..pos]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        let after = &span[pos + 7..];
        let end = after.find(ends_url).unwrap_or(after.len());
        let rest = &after[..end];
        // Skip userinfo; the host ends at the first of / ? #.
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let hostport = authority.rsplit('@').next().unwrap_or("");
        let host = if hostport.starts_with('[') {
            hostport.find(']').map_or(hostport, |i| &hostport[..=i])
        } else {
            hostport.split(':').next().unwrap_or("")
        };
        // A bare prefix, or a host built at run time (`http://${host}`), is not a URL.
        if host.is_empty()
            || !host.chars().all(is_host_char)
            || !host.chars().any(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        // The next character after the authority must end it, not start an interpolation.
        if after[authority.len()..].starts_with(['$', '{', '%']) {
            continue;
        }
        out.push(PlainUrl {
            range: base + pos..base + pos + 7 + end,
            host: host.to_ascii_lowercase(),
        });
    }
    out
}

pub fn check(cx: &mut RuleContext) {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    if cx.language.id == LanguageId::Dotenv {
        for entry in dotenv::entries(cx.text) {
            spans.push((entry.value_range.start, entry.value_range.end));
        }
    } else {
        for m in cx.matches() {
            let Some(node) = m.get("string") else {
                continue;
            };
            if cx.language.id == LanguageId::Python && syntax::is_docstring(node) {
                continue;
            }
            // `xmlns="http://…"` attributes, `{"xmlns:x": "http://…"}` and `XML_NS = "…"`
            // name namespaces, not servers.
            if syntax::assigned_name(node, cx.text).is_some_and(names_a_namespace) {
                continue;
            }
            spans.push((node.start_byte(), node.end_byte()));
        }
    }
    for (start, end) in spans {
        let Some(span) = cx.text.get(start..end) else {
            continue;
        };
        for url in find_urls(span, start) {
            if in_namespace_attribute(&cx.text[start..url.range.start]) {
                continue;
            }
            let class = classify_host(&url.host);
            if class == HostClass::Exempt || cx.config.http_host_allowed(&url.host) {
                continue;
            }
            let finding = finding_for(&url, class == HostClass::Mufi);
            cx.push(finding);
        }
    }
}

/// A name under which a URL is an XML namespace: `xmlns`, `xmlns:svg`, `XML_NS`,
/// `atomNamespace`, `nsmap`.
fn names_a_namespace(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("xmlns")
        || words(name).iter().any(|w| {
            matches!(
                w.as_str(),
                "ns" | "xmlns" | "namespace" | "namespaces" | "nsmap"
            )
        })
}

/// Whether the text just before a URL (inside the same literal) opens an XML namespace
/// or schema-location attribute: `<svg xmlns="`, `xsi:schemaLocation="`.
fn in_namespace_attribute(before: &str) -> bool {
    let tail = before.trim_end_matches(['"', '\'', '\\']).trim_end();
    let Some(attr) = tail.strip_suffix('=') else {
        return false;
    };
    let name = attr
        .trim_end()
        .rsplit(|c: char| c.is_whitespace() || c == '<')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    name.starts_with("xmlns") || name.ends_with("schemalocation")
}

fn finding_for(url: &PlainUrl, mufi: bool) -> Finding {
    let https_at = url.range.start + 4;
    let fix = Fix::local(
        format!("Use https://{}", url.host),
        vec![Edit::replace(https_at..https_at, "s")],
    )
    .preferred();
    if mufi {
        Finding::new(
            RuleId::PlainHttpUrl,
            url.range.clone(),
            format!(
                "Plain-HTTP URL to the Mufi API (http://{}): your API key and wallet data would cross the network unencrypted. Use https://.",
                url.host
            ),
        )
        .with_severity(Severity::Error)
        .with_fix(fix.safe())
    } else {
        Finding::new(
            RuleId::PlainHttpUrl,
            url.range.clone(),
            format!(
                "Plain-HTTP URL (http://{}): traffic can be read and changed in transit. Use https://, or allow the host in mufi-lsp.toml if it is internal.",
                url.host
            ),
        )
        .with_fix(fix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_classified_per_contract() {
        assert_eq!(classify_host("api.mufi.app"), HostClass::Mufi);
        assert_eq!(classify_host("dev.api.mufi.app"), HostClass::Mufi);
        for h in [
            "localhost",
            "app.localhost",
            "127.0.0.1",
            "127.3.2.1",
            "[::1]",
            "0.0.0.0",
            "host.docker.internal",
            "printer.local",
            "api",
            "foo.test",
            "example.com",
            "www.example.org",
            "www.w3.org",
            "json-schema.org",
        ] {
            assert_eq!(classify_host(h), HostClass::Exempt, "{h}");
        }
        assert_eq!(classify_host("api.stripe.com"), HostClass::Other);
        assert_eq!(classify_host("10.0.0.5"), HostClass::Other);
    }

    #[test]
    fn urls_are_found_and_bare_prefixes_are_not() {
        let urls = find_urls("x http://api.mufi.app/v1/users y", 10);
        assert_eq!(urls.len(), 1);
        assert_eq!(urls[0].host, "api.mufi.app");
        assert_eq!(urls[0].range, 12..40);
        assert!(find_urls("http://", 0).is_empty());
        assert!(find_urls("http://${host}/x", 0).is_empty());
        assert!(find_urls("http://{host}/x", 0).is_empty());
        assert!(in_namespace_attribute("<broker xmlns=\""));
        assert!(in_namespace_attribute("<a xsi:schemaLocation='"));
        assert!(!in_namespace_attribute("see "));
        assert!(names_a_namespace("xmlns:ooo"));
        assert!(names_a_namespace("ATOM_NS"));
        assert!(!names_a_namespace("NEWS_URL"));
        let with_user = find_urls("http://user:pw@host.example.io:8080/x", 0);
        assert_eq!(with_user[0].host, "host.example.io");
    }

    /// The prefilter drops an `http://` that no literal around it could make a flagged
    /// URL: an exempt or allowed host, or no URL at all. It keeps one glued to a word
    /// and one whose host is flagged.
    #[test]
    fn an_http_prefix_is_never_flagged_only_when_no_literal_could_flag_it() {
        let config = crate::config::Config::default();
        let never = |text: &str| never_flagged(text, text.find("http://").unwrap(), &config);
        assert!(never(r#"u = "http://localhost:3000/x""#));
        assert!(never(r#"u = "http://www.example.com/a""#));
        assert!(never(r#"assert not valid("http://")"#));
        assert!(never(r#"u = f"http://{host}/x""#));
        assert!(never("u = `http://${host}/x`"));
        assert!(!never(r#"u = "http://api.stripe.com/v1""#));
        assert!(!never(r#"u = "xhttp://localhost""#));
        // Only the URL at the trigger counts, however long its line: what follows it on
        // the line (another URL, an interpolation after a terminator) changes nothing.
        assert!(never(
            r#"u = "http://localhost/x", v = "http://api.stripe.com/v1""#
        ));
        assert!(!never(
            r#"u = "http://api.stripe.com/v1", v = "http://localhost/x""#
        ));
        assert!(never("u = `http://localhost/x` + `http://${host}`"));
        assert!(never("u = `http://localhost{x}`"));
        assert!(!never("u = `http://api.stripe.com\u{2028}`"));
    }
}
