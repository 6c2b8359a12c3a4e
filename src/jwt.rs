//! Recognises JWTs (Mufi keys are JWTs) by decoding them, not by shape alone, and
//! produces the redacted form that is the only form of a key we ever print.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{Map, Value};

use crate::finding::KeySummary;

/// A decoded token found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Jwt {
    /// Byte range of the whole token in the scanned text.
    pub start: usize,
    pub end: usize,
    pub header: Map<String, Value>,
    pub payload: Map<String, Value>,
}

impl Jwt {
    /// The permission level the key's payload states, when it states one.
    pub fn permission(&self) -> Option<String> {
        [
            "permission",
            "perm",
            "permissions",
            "scope",
            "role",
            "access",
        ]
        .iter()
        .find_map(|claim| match self.payload.get(*claim)? {
            Value::String(s) => Some(s.clone()),
            Value::Array(items) => Some(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        })
        .filter(|p| !p.is_empty())
    }

    /// Whether the payload grants write access (`Write`, `read write`, `full`).
    pub fn grants_write(&self) -> bool {
        self.permission().is_some_and(|p| {
            let p = p.to_ascii_lowercase();
            p.contains("write") || p == "full" || p == "admin"
        })
    }

    /// Whether the payload names Mufi (issuer, audience or a project claim).
    pub fn looks_like_mufi(&self) -> bool {
        self.payload.iter().any(|(k, v)| {
            let k = k.to_ascii_lowercase();
            k.contains("mufi")
                || k == "project"
                || k == "projectid"
                || k == "project_id"
                || v.as_str()
                    .is_some_and(|s| s.to_ascii_lowercase().contains("mufi"))
        })
    }

    pub fn summary(&self, text: &str) -> KeySummary {
        let token = &text[self.start..self.end];
        let str_claim = |k: &str| {
            self.payload
                .get(k)
                .and_then(Value::as_str)
                .map(String::from)
        };
        KeySummary {
            redacted: redact(token),
            algorithm: self
                .header
                .get("alg")
                .and_then(Value::as_str)
                .map(String::from),
            permission: self.permission(),
            project: str_claim("project")
                .or_else(|| str_claim("projectId"))
                .or_else(|| str_claim("project_id"))
                .map(|p| redact_claim(&p)),
            issued_at: self.payload.get("iat").and_then(Value::as_i64),
        }
    }
}

/// The first 6 characters of a secret, then `…`. Short values are fully masked.
pub fn redact(secret: &str) -> String {
    let prefix: String = secret.chars().take(6).collect();
    if secret.chars().count() <= 8 {
        "…".to_string()
    } else {
        format!("{prefix}…")
    }
}

/// Project identifiers are not secret, but keep them short in hovers.
fn redact_claim(value: &str) -> String {
    if value.chars().count() > 24 {
        let head: String = value.chars().take(20).collect();
        format!("{head}…")
    } else {
        value.to_string()
    }
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Decodes one base64url segment into a JSON object.
fn decode_object(segment: &[u8]) -> Option<Map<String, Value>> {
    // Some encoders keep `=` padding; tolerate it.
    let trimmed = segment
        .iter()
        .rposition(|b| *b != b'=')
        .map_or(&segment[..0], |i| &segment[..=i]);
    let bytes = URL_SAFE_NO_PAD.decode(trimmed).ok()?;
    match serde_json::from_slice::<Value>(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// `range` grown to whole tokens of the bytes a JWT is made of (base64url, `.`, `=`),
/// so that a scope ending or starting inside a key never reads it cut short.
pub fn widen_to_tokens(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let bytes = text.as_bytes();
    let in_token = |b: u8| is_b64url(b) || b == b'.' || b == b'=';
    let mut start = range.start.min(bytes.len());
    while start > 0 && in_token(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = range.end.clamp(start, bytes.len());
    while end < bytes.len() && in_token(bytes[end]) {
        end += 1;
    }
    start..end
}

/// Finds every JWT in `text`: three base64url segments whose first two decode to JSON
/// objects, the header carrying `alg` or `typ`. Cheap when `eyJ` does not occur.
pub fn find_all(text: &str) -> Vec<Jwt> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(pos) = memchr_eyj(&bytes[from..]) {
        let start = from + pos;
        // A token starts at a boundary: `xeyJ…` is part of something longer.
        if start > 0 && is_b64url(bytes[start - 1]) {
            from = start + 3;
            continue;
        }
        let mut end = start;
        let mut dots = Vec::new();
        while end < bytes.len()
            && (is_b64url(bytes[end]) || bytes[end] == b'.' || bytes[end] == b'=')
        {
            if bytes[end] == b'.' {
                dots.push(end);
            }
            end += 1;
        }
        from = end.max(start + 3);
        if dots.len() < 2 {
            continue;
        }
        // Exactly three segments; a trailing dot (end of sentence) is not part of it.
        let (d1, d2) = (dots[0], dots[1]);
        let mut token_end = end;
        if dots.len() > 2 {
            token_end = dots[2];
            if dots.len() > 3 || dots[2] + 1 != end {
                continue;
            }
        }
        if d2 + 1 >= token_end {
            // empty signature: unsigned `alg: none` tokens are still tokens, but need
            // a signature segment to be a key; skip.
            continue;
        }
        let Some(header) = decode_object(&bytes[start..d1]) else {
            continue;
        };
        if !header.contains_key("alg") && !header.contains_key("typ") {
            continue;
        }
        let Some(payload) = decode_object(&bytes[d1 + 1..d2]) else {
            continue;
        };
        found.push(Jwt {
            start,
            end: token_end,
            header,
            payload,
        });
    }
    found
}

/// Every run of base64url, `.` and `=` bytes with `eyJ` and two dots after it: what a
/// report must not print. Wider than `find_all` on purpose: a key glued to more text
/// (`….sig.env.`, `xeyJ…`) is no token to `find_all`, yet printing the run prints the key.
pub fn redaction_runs(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let is_run_byte = |b: u8| is_b64url(b) || b == b'.' || b == b'=';
    let mut runs = Vec::new();
    let mut from = 0;
    while let Some(pos) = memchr_eyj(&bytes[from..]) {
        let at = from + pos;
        let mut start = at;
        while start > 0 && is_run_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at;
        while end < bytes.len() && is_run_byte(bytes[end]) {
            end += 1;
        }
        if bytes[at..end].iter().filter(|b| **b == b'.').count() >= 2 {
            runs.push(start..end);
        }
        from = end.max(at + 3);
    }
    runs
}

/// `text` with every `redaction_runs` run cut to its `redact`ed prefix: for text no
/// finding describes, such as a panic message quoting the source it was slicing.
pub fn redact_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for run in redaction_runs(text) {
        out.push_str(&text[at..run.start]);
        out.push_str(&redact(&text[run.clone()]));
        at = run.end;
    }
    out.push_str(&text[at..]);
    out
}

fn memchr_eyj(hay: &[u8]) -> Option<usize> {
    hay.windows(3).position(|w| w == b"eyJ")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn text_about_a_key_keeps_only_its_prefix() {
        let key = make_jwt(r#"{"permission":"Write"}"#);
        let message = format!("byte index 9 is out of bounds of `const k = \"{key}\";`");
        let redacted = redact_runs(&message);
        assert!(!redacted.contains(&key), "{redacted}");
        assert!(
            redacted.starts_with("byte index 9 is out of bounds of `const k = \"eyJhbG…\";`"),
            "{redacted}"
        );
        assert_eq!(redact_runs("no key here"), "no key here");
    }

    /// Builds a token the way Mufi's dashboard does (the signature is fake).
    pub fn make_jwt(payload: &str) -> String {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = URL_SAFE_NO_PAD.encode(payload);
        format!("{header}.{payload}.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMTIzNDU2Nzg5MA")
    }

    #[test]
    fn finds_token_and_decodes_permission() {
        let key = make_jwt(r#"{"project":"p_123","permission":"Write"}"#);
        let text = format!("const k = \"{key}\";");
        let found = find_all(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], key);
        assert_eq!(found[0].permission().as_deref(), Some("Write"));
        assert!(found[0].looks_like_mufi());
    }

    #[test]
    fn rejects_base64_that_is_not_a_jwt() {
        // eyJ-prefixed but the payload is not JSON.
        assert!(find_all("eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln").is_empty());
        // header without alg/typ
        let h = URL_SAFE_NO_PAD.encode(r#"{"foo":1}"#);
        let p = URL_SAFE_NO_PAD.encode(r#"{"sub":"x"}"#);
        assert!(find_all(&format!("{h}.{p}.sig")).is_empty());
        assert!(find_all("eyJ").is_empty());
    }

    #[test]
    fn token_followed_by_full_stop_is_found() {
        let key = make_jwt(r#"{"sub":"1"}"#);
        let text = format!("the key is {key}. Rotate it");
        let found = find_all(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], key);
    }

    #[test]
    fn a_key_glued_to_other_text_is_still_redacted() {
        let key = make_jwt(r#"{"sub":"1"}"#);
        for text in [
            format!("x = {key}process.env.Y"),
            format!("x = a{key}"),
            key.clone(),
        ] {
            let runs = redaction_runs(&text);
            assert!(
                runs.iter().any(|r| text[r.clone()].contains(key.as_str())),
                "a run covers the key in {} bytes of text",
                text.len()
            );
        }
        assert!(redaction_runs("eyJ only.one dot").is_empty());
    }

    #[test]
    fn redaction_never_shows_more_than_six_characters() {
        assert_eq!(redact("eyJhbGciOiJIUzI1NiJ9.abc.def"), "eyJhbG…");
        assert_eq!(redact("short"), "…");
    }
}
