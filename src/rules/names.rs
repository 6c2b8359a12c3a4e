//! What a Mufi key is called and what a placeholder looks like: the vocabulary the
//! key rules (MUFI001, MUFI002) share.

/// Prefixes that bundlers inline into browser or app code.
pub const PUBLIC_PREFIXES: &[&str] = &[
    "NEXT_PUBLIC_",
    "VITE_",
    "REACT_APP_",
    "EXPO_PUBLIC_",
    "GATSBY_",
    "NUXT_PUBLIC_",
    "PUBLIC_",
];

/// Lower case, without `_`, `-`, `.` or spaces: `MUFI_API_KEY` and `mufiApiKey` agree.
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | '.' | ' ' | '$'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A name that holds a Mufi key: `mufi_api_key`, `MUFI_KEY`, `mufiToken`,
/// `NEXT_PUBLIC_MUFI_API_KEY`; not `MUFI_KEY_PATH`, `mufiBaseUrl`, `mufi_key_id`.
pub fn is_mufi_key_name(name: &str, extra: &[String]) -> bool {
    let norm = normalize_name(name);
    if extra.iter().any(|e| normalize_name(e) == norm) {
        return true;
    }
    if !norm.contains("mufi") {
        return false;
    }
    const SECRET_WORDS: &[&str] = &["key", "token", "secret", "jwt", "credential", "bearer"];
    const NOT_A_SECRET: &[&str] = &[
        "path", "file", "url", "uri", "host", "name", "id", "env", "var", "header", "length",
        "len", "prefix", "format", "type", "endpoint", "dir", "kind", "label", "regex",
    ];
    let Some(pos) = SECRET_WORDS
        .iter()
        .filter_map(|w| norm.rfind(w).map(|p| p + w.len()))
        .max()
    else {
        return false;
    };
    // Whatever follows the secret word must not make it something else (`keypath`, `keyid`).
    let tail = &norm[pos..];
    // `mufiKeys` is usually a list of names, not a key.
    tail.is_empty() || !(tail.starts_with('s') || NOT_A_SECRET.iter().any(|w| tail.starts_with(w)))
}

/// The public prefix of an env var name, when it has one.
pub fn public_prefix(name: &str) -> Option<&'static str> {
    PUBLIC_PREFIXES.iter().copied().find(|p| {
        name.len() > p.len()
            && name
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })
}

/// Values that stand in for a key in docs and templates, and values that cannot be one.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.chars().count() < 8 {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    // Templating and env references.
    if lower.contains("${")
        || lower.contains("{{")
        || lower.contains("%(")
        || lower.starts_with('$')
        || lower.starts_with("%")
        || (lower.starts_with('<') && lower.ends_with('>'))
        || (lower.starts_with('[') && lower.ends_with(']'))
    {
        return true;
    }
    // Prose, URLs and paths are not keys.
    if v.contains(char::is_whitespace)
        || lower.contains("://")
        || lower.starts_with('/')
        || lower.starts_with("./")
        || lower.contains("...")
        || lower.contains('…')
    {
        return true;
    }
    // An env var's name, not its value: `MUFI_API_KEY`.
    if v.chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    {
        return true;
    }
    // One repeated character, masks: `xxxxxxxx`, `********`, `00000000`.
    let distinct: std::collections::HashSet<char> =
        lower.chars().filter(|c| *c != '-' && *c != '_').collect();
    if distinct.len() <= 2 {
        return true;
    }
    const WORDS: &[&str] = &[
        "your",
        "placeholder",
        "changeme",
        "change_me",
        "change-me",
        "replace",
        "insert",
        "example",
        "sample",
        "dummy",
        "fake",
        "mock",
        "redacted",
        "todo",
        "xxxx",
        "****",
        "<",
        "not-a-real",
        "notreal",
        "not_real",
    ];
    if WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    const EXACT: &[&str] = &[
        "test",
        "testing",
        "undefined",
        "null",
        "none",
        "secret",
        "password",
    ];
    if EXACT.contains(&lower.as_str()) || lower.starts_with("test") {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_match_case_and_separator_insensitively() {
        for name in [
            "mufi_api_key",
            "MUFI_KEY",
            "mufiToken",
            "mufiApiKey",
            "MufiSecret",
            "NEXT_PUBLIC_MUFI_API_KEY",
            "mufi-api-key",
        ] {
            assert!(is_mufi_key_name(name, &[]), "{name}");
        }
        for name in [
            "MUFI_KEY_PATH",
            "mufiBaseUrl",
            "mufi_key_id",
            "api_key",
            "MUFI_API_URL",
            "mufiKeyEnvVar",
            "keyboard",
        ] {
            assert!(!is_mufi_key_name(name, &[]), "{name}");
        }
        assert!(is_mufi_key_name("walletSecret", &["WALLET_SECRET".into()]));
    }

    #[test]
    fn placeholders_are_recognised() {
        for v in [
            "YOUR_API_KEY",
            "<api-key>",
            "xxxxxxxxxxxx",
            "${MUFI_API_KEY}",
            "{{ mufi_key }}",
            "$MUFI_API_KEY",
            "changeme",
            "test",
            "fake-key-123456",
            "example-key-abc",
            "short",
            "your-mufi-key-here",
            "eyJhbGciOi...",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
        for v in [
            "mk_live_9f8a7b6c5d4e",
            "s3cr3t-live-key-123",
            "a8F3kL0pQz9x",
        ] {
            assert!(!is_placeholder(v), "{v}");
        }
    }

    #[test]
    fn public_prefixes_are_found() {
        assert_eq!(public_prefix("NEXT_PUBLIC_MUFI_KEY"), Some("NEXT_PUBLIC_"));
        assert_eq!(public_prefix("VITE_MUFI_KEY"), Some("VITE_"));
        assert_eq!(public_prefix("MUFI_API_KEY"), None);
        // Slicing at the prefix length must not split a character.
        assert_eq!(public_prefix("/sé😀tus"), None);
    }
}
