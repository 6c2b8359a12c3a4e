//! MUFI004 tls-verification-disabled: settings that switch off certificate or
//! hostname verification.

use tree_sitter::Node;

use crate::dotenv;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::language::LanguageId;
use crate::lines;
use crate::syntax;

use super::{declared, QueryOnly, RuleContext, RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::TlsVerificationDisabled,
    code: "MUFI004",
    name: "tls-verification-disabled",
    summary: "certificate or hostname verification switched off",
    default_severity: Severity::Error,
    triggers: &[
        // `verif` also covers HostnameVerifier, SslVerifyMode, VERIFY_NONE, sslVerify.
        "verif",
        "insecure",
        "danger",
        // checkServerTrusted, TrustAllStrategy, loadTrustMaterial, DisabledTrustEvaluator.
        "trust",
        "sslerror",
        "certificatevalidation",
        "servercertificate",
        "usecredential",
        "badcertificate",
        "curl",
        "wget",
        "strict-ssl",
        "allow_invalid",
        "validate_cert",
        "check_cert",
        "self_signed",
        "accept_any",
        "certificates",
        "disablessl",
        "selfsigned",
        "disableevaluation",
        "sslpolicyerrors",
        "strict_ssl",
        "rejectunauthorized",
        "strictssl",
        "tls_reject",
        "_create_unverified_context",
        "check_hostname",
        "cert_none",
        "ssl=",
        "ssl =",
        "checkserveridentity",
        "httpsverify",
        "ssl_no_verify",
    ],
    query_only: Some(QueryOnly::ANY_MATCH),
    doc: "## What it does
Flags the setting that turns TLS certificate or hostname verification off:
- Python: `verify=False` on requests/httpx calls and clients, `session.verify = False`,
  `ssl._create_unverified_context()`, `check_hostname = False`, `verify_mode = ssl.CERT_NONE`,
  `cert_reqs='CERT_NONE'`, aiohttp `ssl=False`/`verify_ssl=False`;
- JavaScript and TypeScript (also in HTML, Vue and Svelte scripts): `rejectUnauthorized: false`,
  `NODE_TLS_REJECT_UNAUTHORIZED` set to `0`, a `checkServerIdentity` that returns nothing;
- Go: `InsecureSkipVerify: true`, `.InsecureSkipVerify = true`;
- Rust: `danger_accept_invalid_certs(true)`, `danger_accept_invalid_hostnames(true)`, rustls
  `dangerous()` custom verifiers, openssl `SslVerifyMode::NONE`;
- Java and Kotlin: trust managers whose `checkServerTrusted` does nothing, hostname verifiers that
  return `true`, `NoopHostnameVerifier`, OkHttp `hostnameVerifier { _, _ -> true }`, Android
  `onReceivedSslError` calling `proceed()`;
- C#: `ServerCertificateCustomValidationCallback`/`ServerCertificateValidationCallback` returning
  `true`, `DangerousAcceptAnyServerCertificateValidator`;
- Ruby `VERIFY_NONE`; PHP `CURLOPT_SSL_VERIFYPEER` false/0, `CURLOPT_SSL_VERIFYHOST` 0, Guzzle
  `'verify' => false`; Swift trust challenges answered with `.useCredential` without evaluating
  the trust, Alamofire `DisabledTrustEvaluator`; Dart `badCertificateCallback` returning true;
- shell, Dockerfiles and CI steps: `curl -k`/`--insecure` (also `-fsSk`), `wget
  --no-check-certificate`, `git config http.sslVerify false`, `GIT_SSL_NO_VERIFY`,
  `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `npm config set strict-ssl false`;
- YAML, JSON, TOML and dotenv: Kubernetes `insecure-skip-tls-verify: true`, the environment
  variables above, and tools' verification switches (`strict-ssl`, `rejectUnauthorized`, …).

`docs/languages.md` lists which languages each rule covers, checked by the fixture tests.

Not flagged: the secure values (`verify=True`, `verify=\"/path/ca.pem\"`,
`rejectUnauthorized: true`), names that merely contain the words, comments, and
`verify=False` on calls that are not HTTP clients (such as JWT decoding).
TypeScript declaration files (`.d.ts`, `.d.mts`, `.d.cts`) are not read: they hold types,
not code that runs.

## Why is this bad?
Without verification any machine on the network path can pose as `api.mufi.app`, read the
`Authorization` header with your key and answer with whatever it likes. Mufi's security
guide: validate TLS certificates, never disable verification.

## Example
```js
const agent = new https.Agent({ rejectUnauthorized: false });
```
Use instead:
```js
const agent = new https.Agent({ rejectUnauthorized: true });
```
If a private CA is the reason, pass it (`ca: fs.readFileSync(\"ca.pem\")`, `verify=\"ca.pem\"`).

## Fix
Flips the setting to its secure value (safe for `check --fix`), or removes the option.
",
};

/// Call names on which `verify=`/`ssl=` is an HTTP client's TLS switch.
const HTTP_CALLS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "request",
    "send",
    "stream",
    "urlopen",
    "client",
    "asyncclient",
    "session",
    "clientsession",
    "tcpconnector",
    "ws_connect",
    "mount",
    "httptransport",
    "asynchttptransport",
    "wrap_socket",
    "create_connection",
    "poolmanager",
    "connectionpool",
    "httpsconnectionpool",
    "proxymanager",
    "create_default_context",
];

fn is_http_callee(callee: &str) -> bool {
    let lower = callee.to_ascii_lowercase();
    if lower.contains("jwt") || lower.contains("decode") || lower.contains("signature") {
        return false;
    }
    let last = syntax::last_segment(&lower);
    HTTP_CALLS.contains(&last)
        || [
            "requests", "httpx", "aiohttp", "urllib", "session", "client", "http", "mufi", "api",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

fn flip(value: Node, secure: &str, title: &str) -> Fix {
    Fix::local(
        title.to_string(),
        vec![Edit::replace(value.byte_range(), secure)],
    )
    .safe()
    .preferred()
}

pub fn check(cx: &mut RuleContext) {
    if cx.language.id == LanguageId::Dotenv {
        check_dotenv(cx);
        return;
    }
    for m in cx.matches() {
        if m.property("message").is_some() {
            if let Some(finding) = declared::finding(cx, &m, RuleId::TlsVerificationDisabled) {
                cx.push(finding);
            }
            continue;
        }
        if let Some(reference) = m.get("reference") {
            // `ssl._create_unverified_context` -> `ssl.create_default_context`
            let Some(attr) = m.get("unverified") else {
                continue;
            };
            let fix = Fix::local(
                "Use ssl.create_default_context (verifies certificates)",
                vec![Edit::replace(attr.byte_range(), "create_default_context")],
            )
            .safe()
            .preferred();
            cx.push(
                Finding::new(
                    RuleId::TlsVerificationDisabled,
                    reference.byte_range(),
                    "ssl._create_unverified_context() makes a context that accepts any certificate, so anyone on the network can impersonate the server. Use ssl.create_default_context().",
                )
                .with_fix(fix),
            );
            continue;
        }
        if m.get("identity").is_some() {
            let Some(setting) = m.get("setting").or(m.get("method")) else {
                continue;
            };
            let body = m.get("callback").or(m.get("body"));
            if body.is_some_and(|b| returns_nothing(cx, b)) {
                let fix = Fix::local(
                    "Remove checkServerIdentity (Node's default check verifies the hostname)",
                    vec![Edit::replace(
                        declared::with_trailing_comma(cx.text, setting.byte_range()),
                        "",
                    )],
                )
                .preferred();
                cx.push(
                    Finding::new(
                        RuleId::TlsVerificationDisabled,
                        setting.byte_range(),
                        "This checkServerIdentity returns nothing, so every hostname is accepted: a valid certificate for any site passes. Remove it (Node's default check is right) or return an Error on mismatch.",
                    )
                    .with_fix(fix),
                );
            }
            continue;
        }
        let (Some(key), Some(value), Some(setting)) =
            (m.get("key"), m.get("value"), m.get("setting"))
        else {
            continue;
        };
        let key_name = syntax::name_text(key, cx.text).to_string();
        let value_text = cx.text_of(value).trim().to_string();
        if let Some(callee) = m.get("callee") {
            if !is_http_callee(cx.text_of(callee)) {
                continue;
            }
        }
        if let Some(object) = m.get("object") {
            // `self.verify = False` on some class is not a TLS switch; `self.session.verify` is.
            let obj = cx.text_of(object).to_ascii_lowercase();
            if key_name == "verify" && !is_http_callee(&obj) && !obj.ends_with('s') {
                continue;
            }
        }
        if let Some(finding) = judge(cx, &key_name, &value_text, value, setting) {
            cx.push(finding);
        }
    }
}

/// Decides whether `key = value` disables verification, and how to fix it.
fn judge(
    cx: &RuleContext,
    key: &str,
    value: &str,
    value_node: Node,
    setting: Node,
) -> Option<Finding> {
    let python = cx.language.id == LanguageId::Python;
    let unquoted = value.trim_matches(['"', '\'', '`']);
    let (message, fix) = match key {
        "rejectUnauthorized" | "strictSSL" if value == "false" => (
            format!("`{key}: false` accepts any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it, or pass your private CA with `ca`."),
            flip(value_node, "true", &format!("Set {key} to true")),
        ),
        "NODE_TLS_REJECT_UNAUTHORIZED" | "PYTHONHTTPSVERIFY" if unquoted == "0" || value == "false" || value == "False" => {
            let secure = if value.starts_with(['"', '\'', '`']) {
                format!("{}1{}", &value[..1], &value[..1])
            } else {
                "1".to_string()
            };
            (
                format!("Setting {key} to 0 turns off certificate verification for every HTTPS request in the process. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS or SSL_CERT_FILE instead."),
                flip(value_node, &secure, &format!("Set {key} to 1")),
            )
        }
        "verify" | "verify_ssl" | "check_hostname" if python && value == "False" => (
            match key {
                "check_hostname" => "`check_hostname = False` accepts a certificate issued for any host. Keep it True.".to_string(),
                _ => format!("`{key}=False` accepts any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it, or pass a CA bundle path."),
            },
            flip(value_node, "True", &format!("Set {key} to True")),
        ),
        "ssl" if python && value == "False" => (
            "aiohttp `ssl=False` skips certificate verification. Remove it, or pass an ssl.SSLContext that trusts your CA.".to_string(),
            flip(value_node, "True", "Set ssl to True"),
        ),
        "cert_reqs" | "verify_mode" if python && is_cert_none(unquoted) => {
            let secure = value.replace("CERT_NONE", "CERT_REQUIRED");
            (
                format!("`{key}` CERT_NONE accepts any certificate. Use CERT_REQUIRED."),
                flip(value_node, &secure, "Use CERT_REQUIRED"),
            )
        }
        _ => return None,
    };
    Some(
        Finding::new(
            RuleId::TlsVerificationDisabled,
            setting.byte_range(),
            message,
        )
        .with_fix(fix),
    )
}

fn is_cert_none(value: &str) -> bool {
    value == "CERT_NONE" || value.ends_with(".CERT_NONE") || value == "none"
}

/// An arrow or function whose body returns nothing: `() => {}`, `() => undefined`,
/// `function () { return; }`.
fn returns_nothing(cx: &RuleContext, node: Node) -> bool {
    let body = match node.kind() {
        "statement_block" => node,
        _ => match node.child_by_field_name("body") {
            Some(b) => b,
            None => return false,
        },
    };
    if body.kind() != "statement_block" {
        let t = cx.text_of(body).trim();
        return matches!(t, "undefined" | "null" | "void 0" | "true");
    }
    let mut cursor = body.walk();
    let empty = body
        .named_children(&mut cursor)
        .filter(|c| c.kind() != "comment")
        .all(|stmt| {
            stmt.kind() == "return_statement" && {
                let t = cx.text_of(stmt).trim_end_matches(';').trim();
                matches!(t, "return" | "return undefined" | "return null")
            }
        });
    empty
}

fn check_dotenv(cx: &mut RuleContext) {
    for entry in dotenv::entries(cx.text) {
        let value = entry.value.trim();
        let (message, fix) = match entry.key {
            "NODE_TLS_REJECT_UNAUTHORIZED" | "PYTHONHTTPSVERIFY" if value == "0" || value.eq_ignore_ascii_case("false") => (
                format!("{}=0 turns off certificate verification for every HTTPS request of the process. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS or SSL_CERT_FILE instead.", entry.key),
                Fix::local(
                    format!("Set {} to 1", entry.key),
                    vec![Edit::replace(entry.value_range.clone(), "1")],
                )
                .safe()
                .preferred(),
            ),
            "GIT_SSL_NO_VERIFY" if !value.is_empty() => (
                "GIT_SSL_NO_VERIFY makes git skip certificate checks whatever its value. Remove it.".to_string(),
                Fix::local(
                    "Remove GIT_SSL_NO_VERIFY",
                    vec![Edit::replace(
                        entry.line_range.start..lines::next_line_start(cx.text, entry.line_range.start),
                        "",
                    )],
                )
                .preferred(),
            ),
            _ => continue,
        };
        cx.push(
            Finding::new(
                RuleId::TlsVerificationDisabled,
                entry.line_range.clone(),
                message,
            )
            .with_fix(fix),
        );
    }
}
