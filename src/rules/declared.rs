//! Findings that a query describes in full with `#set!` properties: the range, the
//! message and the fix. Rules whose patterns say everything (most of MUFI004, MUFI006,
//! MUFI007's switches) share this instead of judging matches in Rust.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};

use regex::Regex;
use tree_sitter::Node;

use crate::finding::{Edit, Finding, Fix};
use crate::lines;
use crate::queries::QueryMatchOwned;

use super::{RuleContext, RuleId};

/// A finding described by the query itself, for languages whose patterns say it all:
/// `@setting` is the range, `(#set! message "…")` the message (`{setting}` and
/// `{value}` stand for those captures' text), and the fix one of
/// `(#set! fix.replace "text")` (replaces `@value`, or `@setting` without one),
/// `(#set! fix.remove "")` (removes `@setting` with its separator), or
/// `(#set! fix.strip-flag "k")` (drops one letter from a combined flag in `@value`),
/// titled by `fix.title` and safe for `--fix` with `(#set! fix.safe "")`.
/// `(#set! parent "kind")` keeps only matches whose `@setting` has a parent of that
/// kind: a pattern rooted at the parent instead would be tried against every child of
/// it, and when that is the file's root, every top-level statement on every keystroke.
/// With `sibling.*` properties (`sibling`), the sibling entry's value is `@value` and
/// the object or mapping holding both is `@setting` where the pattern captures none;
/// `section.key` keeps only matches in a section of that name (`in_section`).
pub fn finding(cx: &RuleContext, m: &QueryMatchOwned, rule: RuleId) -> Option<Finding> {
    let sibling = match sibling(m, cx.text) {
        Sibling::Missing => return None,
        Sibling::Found(entry) => Some(entry),
        Sibling::NotAsked => None,
    };
    if !in_section(m, cx.text) {
        return None;
    }
    let setting = m.get("setting").or_else(|| {
        sibling
            .and_then(|_| m.get("pair"))
            .and_then(|pair| pair.parent())
    })?;
    if let Some(kind) = m.property("parent") {
        if setting.parent().is_none_or(|parent| parent.kind() != kind) {
            return None;
        }
    }
    let value = m
        .get("value")
        .or_else(|| sibling.and_then(|entry| entry.child_by_field_name("value")));
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
    let mut finding = Finding::new(rule, setting.byte_range(), message);
    if let Some(fix) = fix {
        finding = finding.with_fix(fix);
    }
    Some(finding)
}

/// What a match's `sibling.*` properties ask of the entries around its `@pair`.
pub enum Sibling<'t> {
    /// The match has no `sibling.key` property.
    NotAsked,
    /// The first entry that has what they ask.
    Found(Node<'t>),
    /// No entry has it: the match does not count.
    Missing,
}

/// The entry of the object or mapping holding `@pair` (a JSON, JavaScript or TOML
/// `pair`, a YAML `block_mapping_pair` or `flow_pair`: a node with `key` and `value`
/// fields) that the match's properties ask for: `(#set! sibling.key "regex")` on the
/// key's text as written (quotes included), `(#set! sibling.value "regex")` on the
/// value's, and `(#set! sibling.before "")` for an entry before `@pair` only. Checked
/// here rather than by a pattern of two sibling entries, which is tried against every
/// pair of entries of every object around an edit: the whole file, when the document
/// is one large object. The editor re-analyses a name/value object whole
/// (`incremental::entry_unit` reads `value` entries).
pub fn sibling<'t>(m: &QueryMatchOwned<'t>, text: &str) -> Sibling<'t> {
    let Some(key) = m.property("sibling.key") else {
        return Sibling::NotAsked;
    };
    let value = m.property("sibling.value");
    let before_only = m.property("sibling.before").is_some();
    let Some((pair, container)) = m.get("pair").and_then(|p| Some((p, p.parent()?))) else {
        return Sibling::Missing;
    };
    let reads = |entry: Node, field: &str, pattern: &'static str| {
        entry
            .child_by_field_name(field)
            .and_then(|node| text.get(node.byte_range()))
            .is_some_and(|t| matches(pattern, t))
    };
    let mut cursor = container.walk();
    let found = container
        .named_children(&mut cursor)
        .take_while(|entry| !before_only || entry.start_byte() < pair.start_byte())
        .find(|entry| {
            entry.id() != pair.id()
                && reads(*entry, "key", key)
                && value.is_none_or(|v| reads(*entry, "value", v))
        });
    found.map_or(Sibling::Missing, Sibling::Found)
}

/// Whether the object or mapping holding `@pair` is the value of an entry whose key's
/// text, as written, matches `(#set! section.key "regex")` (`"tls": {"verify": false}`,
/// `tls:` above `verify: false`); true without that property. Checked here rather than
/// by a pattern rooted at the section's entry, which is tried against every entry of
/// a large one: a YAML file's one top-level key holds the whole document.
pub fn in_section(m: &QueryMatchOwned, text: &str) -> bool {
    let Some(pattern) = m.property("section.key") else {
        return true;
    };
    let Some(mut value) = m.get("pair").and_then(|pair| pair.parent()) else {
        return false;
    };
    // Up through what wraps a YAML value (`block_node`, `flow_node`) to the entry.
    while let Some(parent) = value.parent() {
        if let Some(key) = parent.child_by_field_name("key") {
            let holds = parent
                .child_by_field_name("value")
                .is_some_and(|v| v.id() == value.id());
            return holds
                && text
                    .get(key.byte_range())
                    .is_some_and(|k| matches(pattern, k));
        }
        if !matches!(parent.kind(), "block_node" | "flow_node") {
            return false;
        }
        value = parent;
    }
    false
}

/// Whether `text` matches the regex `pattern` (a query's property), compiled once.
/// An invalid one matches nothing (`queries::tests` compiles every one).
fn matches(pattern: &'static str, text: &str) -> bool {
    static COMPILED: LazyLock<Mutex<HashMap<&'static str, Option<Regex>>>> =
        LazyLock::new(Default::default);
    let mut compiled = COMPILED.lock().unwrap_or_else(PoisonError::into_inner);
    compiled
        .entry(pattern)
        .or_insert_with(|| Regex::new(pattern).ok())
        .as_ref()
        .is_some_and(|re| re.is_match(text))
}

/// The range that removes a setting cleanly: the whole line when the setting is alone
/// on it, else the setting with the comma or spaces that join it to the next one.
pub fn removal_range(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
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

/// A property's range plus the comma and spaces after it, so removing it leaves a
/// well-formed object.
pub fn with_trailing_comma(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
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
