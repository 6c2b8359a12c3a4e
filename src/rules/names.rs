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

/// The words of an identifier, lower case: `mufiApiKey`, `MUFI_API_KEY` and
/// `mufi-api-key` all give `mufi api key`; `MUFIKey` gives `mufi key`.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A name that holds a Mufi key: `mufi_api_key`, `MUFI_KEY`, `mufiToken`,
/// `NEXT_PUBLIC_MUFI_API_KEY`; not `MUFI_KEY_PATH`, `mufiBaseUrl`, `mufi_key_id`,
/// `mufiKeyboard`.
pub fn is_mufi_key_name(name: &str, extra: &[String]) -> bool {
    let norm = normalize_name(name);
    if extra.iter().any(|e| normalize_name(e) == norm) {
        return true;
    }
    if !norm.contains("mufi") {
        return false;
    }
    const SECRET_WORDS: &[&str] = &[
        "key",
        "apikey",
        "token",
        "secret",
        "jwt",
        "credential",
        "credentials",
        "bearer",
    ];
    const NOT_A_SECRET: &[&str] = &[
        "path",
        "file",
        "url",
        "uri",
        "host",
        "name",
        "id",
        "env",
        "var",
        "header",
        "length",
        "len",
        "prefix",
        "format",
        "type",
        "endpoint",
        "dir",
        "kind",
        "label",
        "regex",
        "keys",
        "tokens",
        "help",
        "hint",
        "placeholder",
        "field",
        "input",
        "storage",
        "expiry",
    ];
    let words = words(name);
    // A name written without separators (`MUFIAPIKEY`) is one word: judge it whole.
    if words.len() == 1 {
        let w = &words[0];
        return w.starts_with("mufi") && SECRET_WORDS.iter().any(|s| w.ends_with(s));
    }
    if !words.iter().any(|w| w.contains("mufi")) {
        return false;
    }
    let Some(last_secret) = words.iter().rposition(|w| {
        SECRET_WORDS.contains(&w.as_str()) || (w.contains("mufi") && w.ends_with("key"))
    }) else {
        return false;
    };
    // What follows the secret word must not make it something else (`key_path`, `keyId`).
    words
        .get(last_secret + 1)
        .is_none_or(|next| !NOT_A_SECRET.contains(&next.as_str()))
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
        // Vercel secret references: `"@mufi-api-key"`.
        || (lower.starts_with('@') && !lower.contains(char::is_whitespace))
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
            "MUFIAPIKEY",
            "mufiReadKey",
            "MUFI_WRITE_TOKEN",
            "mufiKeyLive",
            "apiKeyMufi",
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
            "mufiKeyboardShortcut",
            "mufiKeys",
            "mufiTokenExpiry",
            "MUFI_KEY_HELP",
        ] {
            assert!(!is_mufi_key_name(name, &[]), "{name}");
        }
        assert!(is_mufi_key_name("walletSecret", &["WALLET_SECRET".into()]));
    }

    #[test]
    fn words_split_on_case_and_separators() {
        assert_eq!(words("mufiApiKey"), ["mufi", "api", "key"]);
        assert_eq!(
            words("NEXT_PUBLIC_MUFI_KEY"),
            ["next", "public", "mufi", "key"]
        );
        assert_eq!(words("MUFIKey"), ["mufi", "key"]);
        assert_eq!(words("x-api-key"), ["x", "api", "key"]);
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
