//! MUFI005 secret-file-not-ignored: a dotenv file holding a Mufi key that git would
//! commit, because no ignore rule covers it or the index already tracks it.

use std::path::Path;

use crate::dotenv;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::git::IgnoreState;
use crate::jwt;
use crate::language::{is_dotenv_template, LanguageId};
use crate::project::GitFacts;

use super::{is_mufi_key_name, is_placeholder, RuleContext, RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::SecretFileNotIgnored,
    code: "MUFI005",
    name: "secret-file-not-ignored",
    summary: "a dotenv file holding a Mufi key that git would commit",
    default_severity: Severity::Error,
    // A JWT (`eyJ…`) or a Mufi key name.
    triggers: &["eyj", "mufi"],
    query_only: None,
    doc: "## What it does
Flags each line of a dotenv file (`.env`, `.env.local`, `.env.production`, `production.env`, …)
that holds a Mufi key, when git would commit the file: no ignore rule covers it (nested
`.gitignore` files, `.git/info/exclude` and your global excludes are all read, as git reads
them), or the index already tracks it. Templates meant to be committed (`.env.example`,
`.env.sample`, `.env.template`) are not checked. Outside a git repository, the `.gitignore`
files above the file decide, as they will once the repository is created.

A key is a JWT, or a value given to a variable named like a Mufi key (`MUFI_API_KEY`) that is
not a placeholder.

## Why is this bad?
A dotenv file is the right home for a key only while it stays out of version control. Once
committed, the key is in every clone and every fork of the history, and Mufi keys do not
expire: it must be regenerated in the dashboard.

## Example
```sh
# .env, with no .gitignore entry for it
MUFI_API_KEY=eyJhbGciOiJIUzI1NiJ9.eyJwZXJtaXNzaW9uIjoiV3JpdGUifQ.c2ln
```
Use instead: add `.env` to `.gitignore`, and commit a `.env.example` with a placeholder.

## Fix
Adds the file's name to the nearest `.gitignore` (created at the repository's top when there
is none). When the file is already tracked, the message says so: ignoring it is then not
enough, run `git rm --cached` on it and regenerate the key.
",
};

pub fn check(cx: &mut RuleContext) {
    if cx.language.id != LanguageId::Dotenv {
        return;
    }
    let Some(path) = cx.file.path.as_deref() else {
        return;
    };
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    if is_dotenv_template(name) {
        return;
    }
    let Some(git) = &cx.file.git else {
        return;
    };
    if !git.would_commit() {
        return;
    }
    let message = message(name, git, path);
    let fix = (!git.ignore.is_ignored()).then(|| ignore_fix(name, git, path));
    for entry in dotenv::entries(cx.text) {
        let value = entry.value.trim();
        if !holds_key(&entry, &cx.config.extra_key_names) {
            continue;
        }
        let jwt = jwt::find_all(value).into_iter().next();
        let mut finding = Finding::new(
            RuleId::SecretFileNotIgnored,
            entry.value_range.clone(),
            format!("{} holds a Mufi key in {message}", entry.key),
        );
        if let Some(token) = jwt {
            finding = finding.with_key(token.summary(value));
        }
        if let Some(fix) = &fix {
            finding = finding.with_fix(fix.clone());
        }
        cx.push(finding);
    }
}

/// Whether a dotenv entry holds a Mufi key: a JWT, or a real value (not a placeholder or
/// a `$VAR` reference) under a Mufi key's name. History scans ask the same question.
pub fn holds_key(entry: &dotenv::Entry, extra_key_names: &[String]) -> bool {
    let value = entry.value.trim();
    !jwt::find_all(value).is_empty()
        || (is_mufi_key_name(entry.key, extra_key_names)
            && !is_placeholder(value)
            && !value.starts_with('$'))
}

fn message(name: &str, git: &GitFacts, file: &Path) -> String {
    if git.tracked {
        return format!(
            "{name}, which git already tracks: the key is in the repository's history. Regenerate it in the Mufi dashboard now, run `git rm --cached {name}`, and make sure .gitignore ignores it."
        );
    }
    let why = match &git.ignore {
        IgnoreState::Reincluded(rule) => format!(
            "`{}` in {} re-includes it",
            rule.pattern,
            display(&rule.source, git, file)
        ),
        _ if git.repo_root.is_none() => {
            "no .gitignore ignores it (and there is no repository yet)".to_string()
        }
        _ => "no .gitignore ignores it".to_string(),
    };
    format!("{name}, which git would commit: {why}. Add it to .gitignore before the next commit.")
}

/// A path relative to the repository's top when it is inside, else as it is.
/// A path relative to the repository's top, or outside a repository to the dotenv
/// file's folder (`../.gitignore`): never the machine's absolute path.
fn display(path: &Path, git: &GitFacts, file: &Path) -> String {
    if let Some(rel) = git
        .repo_root
        .as_deref()
        .and_then(|top| path.strip_prefix(top).ok())
    {
        return rel.display().to_string();
    }
    let dir = file.parent().unwrap_or(Path::new(""));
    for (ups, base) in dir.ancestors().enumerate() {
        if let Ok(rel) = path.strip_prefix(base) {
            let mut out = "../".repeat(ups);
            out.push_str(&rel.display().to_string());
            return out;
        }
    }
    path.display().to_string()
}

/// Adds the file's name to the nearest `.gitignore` (`GitFacts::nearest_gitignore`).
fn ignore_fix(name: &str, git: &GitFacts, file: &Path) -> Fix {
    let gitignore = git.nearest_gitignore.clone();
    Fix {
        title: format!("Add {name} to {}", display(&gitignore, git, file)),
        edits: vec![Edit::EnsureIgnored {
            gitignore,
            pattern: name.to_string(),
        }],
        safe: false,
        preferred: true,
    }
}
