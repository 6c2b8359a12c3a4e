//! Which blobs a history scan reads and the keys in one blob's text. Detection is the
//! rules' own: MUFI001's JWT decoding for source and config files, MUFI005's for dotenv.

use std::path::Path;

use crate::cli::unreadable_reason;
use crate::config::Config;
use crate::dotenv;
use crate::jwt;
use crate::language::{is_dotenv_name, is_dotenv_template, Language};
use crate::rules::secret_file_not_ignored::holds_key;

/// How a blob is read, decided by its file name alone (as `check` decides it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A file `check` analyses: every JWT in it is a MUFI001 key, comments included.
    Source,
    /// A dotenv file: each entry holding a key (MUFI005's test).
    Dotenv,
    /// `.env.example` and friends: meant to be committed, so only real JWTs count.
    DotenvTemplate,
}

impl Kind {
    /// `None` for files `check` never reads (images, lock files, unknown extensions).
    pub fn of(file_name: &str) -> Option<Kind> {
        if is_dotenv_template(file_name) {
            Some(Kind::DotenvTemplate)
        } else if is_dotenv_name(file_name) {
            Some(Kind::Dotenv)
        } else {
            Language::for_path(Path::new(file_name)).map(|_| Kind::Source)
        }
    }
}

/// One key in one blob.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub fingerprint: String,
    pub redacted: String,
    pub permission: Option<String>,
    /// 1-based line of the key's first character.
    pub line: usize,
}

/// The keys in a blob's bytes; none for binary, oversized or non-UTF-8 blobs (which
/// `check` skips too).
pub fn keys_in(bytes: &[u8], kind: Kind, config: &Config) -> Vec<Hit> {
    if unreadable_reason(bytes, config).is_some() {
        return Vec::new();
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Vec::new();
    };
    let line_of = |offset: usize| 1 + text[..offset].bytes().filter(|b| *b == b'\n').count();
    let jwt_hits = |scope: &str, base: usize| -> Vec<Hit> {
        jwt::find_all(scope)
            .into_iter()
            .map(|t| {
                let token = &scope[t.start..t.end];
                Hit {
                    fingerprint: super::fingerprint(token),
                    redacted: jwt::redact(token),
                    permission: t.permission(),
                    line: line_of(base + t.start),
                }
            })
            .collect()
    };
    match kind {
        Kind::Source | Kind::DotenvTemplate => jwt_hits(text, 0),
        Kind::Dotenv => dotenv::entries(text)
            .iter()
            .filter(|e| holds_key(e, &config.extra_key_names))
            .flat_map(|e| {
                let tokens = jwt_hits(e.value, e.value_range.start);
                if tokens.is_empty() {
                    // A named non-JWT key: the value is the key.
                    vec![Hit {
                        fingerprint: super::fingerprint(e.value),
                        redacted: jwt::redact(e.value.trim()),
                        permission: None,
                        line: line_of(e.value_range.start),
                    }]
                } else {
                    tokens
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::tests::make_jwt;

    #[test]
    fn file_names_decide_how_a_blob_is_read() {
        assert_eq!(Kind::of("app.js"), Some(Kind::Source));
        assert_eq!(Kind::of(".env"), Some(Kind::Dotenv));
        assert_eq!(Kind::of(".env.production"), Some(Kind::Dotenv));
        assert_eq!(Kind::of(".env.example"), Some(Kind::DotenvTemplate));
        assert_eq!(Kind::of("logo.png"), None);
    }

    #[test]
    fn finds_keys_in_source_and_dotenv_with_their_lines() {
        let key = make_jwt(r#"{"project":"p","permission":"Read"}"#);
        let config = Config::default();
        let hits = keys_in(
            format!("a\nconst k = '{key}';\n").as_bytes(),
            Kind::Source,
            &config,
        );
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].line, 2);
        assert_eq!(hits[0].permission.as_deref(), Some("Read"));
        assert_eq!(hits[0].fingerprint, super::super::fingerprint(&key));
        let env = "# x\nMUFI_API_KEY=s3cr3t-value-123\nOTHER=1\nMUFI_KEY=your-key-here\n";
        let hits = keys_in(env.as_bytes(), Kind::Dotenv, &config);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].line, 2);
        assert_eq!(hits[0].redacted, "s3cr3t…");
        assert!(keys_in(env.as_bytes(), Kind::DotenvTemplate, &config).is_empty());
        assert!(keys_in(b"\0binary eyJ", Kind::Source, &config).is_empty());
    }
}
