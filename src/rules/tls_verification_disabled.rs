//! MUFI004 tls-verification-disabled: settings that switch off certificate or
//! hostname verification.

use tree_sitter::Node;

use crate::dotenv;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::language::LanguageId;
use crate::lines;
use crate::queries::QueryMatchOwned;
use crate::syntax;

use super::{RuleContext, RuleId, RuleMeta};

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
            if let Some(finding) = declared(cx, &m) {
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
                        with_trailing_comma(cx.text, setting.byte_range()),
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

/// A finding described by the query itself, for languages whose patterns say it all:
/// `@setting` is the range, `(#set! message "…")` the message (`{setting}` and
/// `{value}` stand for those captures' text), and the fix one of
/// `(#set! fix.replace "text")` (replaces `@value`, or `@setting` without one),
/// `(#set! fix.remove "")` (removes `@setting` with its separator), or
/// `(#set! fix.strip-flag "k")` (drops one letter from a combined flag in `@value`),
/// titled by `fix.title` and safe for `--fix` with `(#set! fix.safe "")`.
fn declared(cx: &RuleContext, m: &QueryMatchOwned) -> Option<Finding> {
    let setting = m.get("setting")?;
    let value = m.get("value");
    let short = |node: Node| {
        let t = cx.text_of(node).trim();
        let first = t.lines().next().unwrap_or("");
        if first.len() > 60 || first.len() < t.len() {
            let cut = first
                .char_indices()
                .take_while(|(i, _)| *i < 60)
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
            format!("{}…", &first[..cut])
        } else {
            first.to_string()
        }
    };
    let mut message = m.property("message")?.to_string();
    message = message.replace("{setting}", &short(setting));
    if let Some(v) = value {
        message = message.replace("{value}", &short(v));
    }
    let title = m.property("fix.title");
    let fix = if let Some(replacement) = m.property("fix.replace") {
        let target = value.unwrap_or(setting);
        Some(Fix::local(
            title.map_or_else(|| format!("Use {replacement}"), String::from),
            vec![Edit::replace(target.byte_range(), replacement)],
        ))
    } else if m.property("fix.remove").is_some() {
        Some(Fix::local(
            title.unwrap_or("Remove the setting").to_string(),
            vec![Edit::replace(
                removal_range(cx.text, setting.byte_range()),
                "",
            )],
        ))
    } else if let Some(letter) = m.property("fix.strip-flag") {
        let flag = value?;
        let word = cx.text_of(flag);
        let kept: String = word
            .char_indices()
            .filter(|(i, c)| *i == 0 || !letter.contains(*c))
            .map(|(_, c)| c)
            .collect();
        let edit = if kept == "-" || kept.is_empty() {
            Edit::replace(removal_range(cx.text, flag.byte_range()), "")
        } else {
            Edit::replace(flag.byte_range(), kept)
        };
        Some(Fix::local(
            title.unwrap_or("Remove the flag").to_string(),
            vec![edit],
        ))
    } else {
        None
    };
    let fix = fix.map(|f| {
        let f = f.preferred();
        if m.property("fix.safe").is_some() {
            f.safe()
        } else {
            f
        }
    });
    let mut finding = Finding::new(
        RuleId::TlsVerificationDisabled,
        setting.byte_range(),
        message,
    );
    if let Some(fix) = fix {
        finding = finding.with_fix(fix);
    }
    Some(finding)
}

/// The range that removes a setting cleanly: the whole line when the setting is alone
/// on it, else the setting with the comma or spaces that join it to the next one.
fn removal_range(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let line_start = lines::line_start(text, range.start);
    let line_end = lines::line_end(text, range.end);
    let before = &text[line_start..range.start];
    let after = text[range.end..line_end].trim_end();
    let after = after.strip_prefix(',').unwrap_or(after).trim();
    if before.trim().is_empty() && after.is_empty() {
        let next = lines::next_line_start(text, range.end);
        // The last member of a JSON object or TOML table: the comma before it goes too.
        let closes = text[next..].trim_start().starts_with(['}', ']']);
        let head = text[..line_start].trim_end();
        if closes && head.ends_with(',') && !text[range.clone()].trim_end().ends_with(',') {
            // From that comma to the end of the setting's line, keeping its line break.
            return head.len() - 1..line_end;
        }
        return line_start..next;
    }
    let spaced = with_trailing_comma(text, range.clone());
    if spaced != range {
        return spaced;
    }
    // A word between others: take the space before it.
    let rest = &text[range.end..];
    if rest.starts_with([' ', '\t']) {
        return range.start..range.end + 1;
    }
    if before.ends_with([' ', '\t']) {
        return range.start - 1..range.end;
    }
    range
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

/// A property's range plus the comma and spaces after it, so removing it leaves a
/// well-formed object.
fn with_trailing_comma(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let rest = &text[range.end..];
    let after_space = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if rest[after_space..].starts_with(',') {
        let after_comma = &rest[after_space + 1..];
        let spaces = after_comma.len() - after_comma.trim_start_matches([' ', '\t']).len();
        range.start..range.end + after_space + 1 + spaces
    } else {
        range
    }
}

#[cfg(test)]
mod tests {
    use super::removal_range;

    fn remove(text: &str, setting: &str) -> String {
        let start = text.find(setting).unwrap();
        let range = removal_range(text, start..start + setting.len());
        format!("{}{}", &text[..range.start], &text[range.end..])
    }

    #[test]
    fn removing_a_last_member_takes_the_comma_before_it_and_keeps_line_breaks() {
        let lf = "{\n  \"a\": 1,\n  \"GIT_SSL_NO_VERIFY\": \"1\"\n}\n";
        assert_eq!(
            remove(lf, "\"GIT_SSL_NO_VERIFY\": \"1\""),
            "{\n  \"a\": 1\n}\n"
        );
        let crlf = lf.replace('\n', "\r\n");
        assert_eq!(
            remove(&crlf, "\"GIT_SSL_NO_VERIFY\": \"1\""),
            "{\r\n  \"a\": 1\r\n}\r\n"
        );
        let middle = "{\n  \"GIT_SSL_NO_VERIFY\": \"1\",\n  \"a\": 1\n}\n";
        assert_eq!(
            remove(middle, "\"GIT_SSL_NO_VERIFY\": \"1\","),
            "{\n  \"a\": 1\n}\n"
        );
    }
}
