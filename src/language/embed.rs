//! Code of one language inside a file of another: `<script>` blocks in HTML, Vue and
//! Svelte, the shell of a Dockerfile, `run:` steps in CI YAML, package.json scripts.
//! The engine analyses each region with its own language's rules on a copy of the file
//! in which everything else is blanked, so byte offsets, lines and columns are the
//! host file's own: findings and fixes need no mapping back.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use tree_sitter::{Node, Tree};

use super::LanguageId;

/// Finds the embedded regions of a host file.
pub type Finder = fn(&str, Option<&Tree>) -> Vec<Region>;

/// What a host language embeds: how to find it, and how the language reference says it.
#[derive(Debug)]
pub struct Embeds {
    pub find: Finder,
    pub description: &'static str,
    /// Whether edits inside one region that leave it holding this text leave every
    /// region where it was (moved by the edits), so that `find` need not run again;
    /// `None` when no edit can be judged so.
    pub keeps_regions: Option<fn(&str) -> bool>,
}

pub const SCRIPT_ELEMENTS: Embeds = Embeds {
    find: script_elements,
    description:
        "`<script>` blocks as JavaScript or TypeScript (by `lang`/`type`), JSON-LD as JSON",
    keeps_regions: Some(closes_no_script),
};
pub const DOCKERFILE_SHELL: Embeds = Embeds {
    find: dockerfile_shell,
    description: "`RUN`, `CMD`, `ENV`, `ARG` lines as shell",
    keeps_regions: None,
};
pub const YAML_RUN_SCRIPTS: Embeds = Embeds {
    find: yaml_run_scripts,
    description: "`run:`, `script:`, `before_script:`, `after_script:` steps as shell",
    keeps_regions: None,
};
pub const PACKAGE_JSON_SCRIPTS: Embeds = Embeds {
    find: package_json_scripts,
    description: "package.json `scripts` as shell",
    keeps_regions: None,
};

/// Whether a `<script>` element's body holds no `</script` in any case: its raw text
/// runs to the first one, so an edit inside the body that leaves none there leaves the
/// element, and the page around it, as they were. (No `</script` can straddle the
/// body's end: the closing tag after the body starts with `<`, and `<` comes first in
/// `</script` and nowhere else.)
fn closes_no_script(body: &str) -> bool {
    !body
        .as_bytes()
        .windows(b"</script".len())
        .any(|w| w.eq_ignore_ascii_case(b"</script"))
}

/// A byte range of the host file holding code of `language`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    pub language: LanguageId,
    pub range: Range<usize>,
    /// Single ASCII bytes to substitute inside the range, keeping every offset: a
    /// Dockerfile keyword blanked, `ENV KEY value` read as `KEY=value`, JSON's `\"`.
    pub patches: Vec<(usize, u8)>,
}

/// The host text with everything outside `regions` blanked to spaces (line breaks
/// kept, so lines and columns stay the host's) and the regions' patches applied.
pub fn blank_outside(text: &str, regions: &[&Region]) -> String {
    let mut bytes: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    for region in regions {
        let range = region.range.start.min(text.len())..region.range.end.min(text.len());
        if !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
            continue;
        }
        bytes[range.clone()].copy_from_slice(&text.as_bytes()[range.clone()]);
        for (at, byte) in &region.patches {
            // ASCII over ASCII only: the result stays valid UTF-8.
            if range.contains(at) && byte.is_ascii() && text.as_bytes()[*at].is_ascii() {
                bytes[*at] = *byte;
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// `blank_outside` for one region at a time, at the cost of the region rather than of
/// the file: the blanked host is made once, and each region is written into it for
/// as long as it is read, then blanked again.
pub struct LayerText {
    blank: String,
}

impl LayerText {
    pub fn new(host: &str) -> LayerText {
        LayerText {
            blank: blank_outside(host, &[]),
        }
    }

    /// Runs `read` on `blank_outside(host, &[region])`.
    pub fn with_region<R>(
        &mut self,
        host: &str,
        region: &Region,
        read: impl FnOnce(&str) -> R,
    ) -> R {
        let range = region.range.start.min(host.len())..region.range.end.min(host.len());
        if range.start > range.end
            || !host.is_char_boundary(range.start)
            || !host.is_char_boundary(range.end)
        {
            return read(&self.blank);
        }
        let blanked = self.blank[range.clone()].to_string();
        self.blank
            .replace_range(range.clone(), &host[range.clone()]);
        for (at, byte) in &region.patches {
            // ASCII over ASCII only: the text stays valid UTF-8.
            if range.contains(at) && byte.is_ascii() && host.as_bytes()[*at].is_ascii() {
                let patch = [*byte];
                let patch = std::str::from_utf8(&patch).unwrap_or(" ");
                self.blank.replace_range(*at..*at + 1, patch);
            }
        }
        let out = read(&self.blank);
        self.blank.replace_range(range, &blanked);
        out
    }
}

/// The host text with the regions blanked (line breaks kept): what the host's own
/// rules read.
pub fn blank_inside(text: &str, regions: &[Region]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for region in regions {
        let range = region.range.start.min(text.len())..region.range.end.min(text.len());
        // Whole characters only, so the result stays valid UTF-8.
        if !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
            continue;
        }
        for b in &mut bytes[range] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}

fn node_text<'a>(node: Node, text: &'a str) -> &'a str {
    text.get(node.byte_range()).unwrap_or("")
}

/// `<script>` elements of HTML, Vue and Svelte files, by their `lang`/`type`.
pub fn script_elements(text: &str, tree: Option<&Tree>) -> Vec<Region> {
    let Some(tree) = tree else {
        return Vec::new();
    };
    // A script element's start tag names it, in any case: the walk goes down only into
    // nodes that hold the word, which in a page is a few of its thousands.
    static WORD: OnceLock<AhoCorasick> = OnceLock::new();
    let word = WORD.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["script"])
            .expect("one literal pattern")
    });
    let named_at: Vec<usize> = word.find_iter(text).map(|m| m.start()).collect();
    let holds_word = |node: &Node| {
        let first = named_at.partition_point(|at| *at < node.start_byte());
        named_at.get(first).is_some_and(|at| *at < node.end_byte())
    };
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if !holds_word(&node) {
            continue;
        }
        if node.kind() != "script_element" {
            let mut c = node.walk();
            stack.extend(node.named_children(&mut c));
            continue;
        }
        let mut c = node.walk();
        let children: Vec<Node> = node.named_children(&mut c).collect();
        let Some(body) = children.iter().find(|n| n.kind() == "raw_text") else {
            continue;
        };
        let mut lang = None;
        let mut script_type = None;
        if let Some(tag) = children.iter().find(|n| n.kind() == "start_tag") {
            let mut c = tag.walk();
            for attr in tag
                .named_children(&mut c)
                .filter(|n| n.kind() == "attribute")
            {
                let mut c = attr.walk();
                let parts: Vec<Node> = attr.named_children(&mut c).collect();
                let name = parts
                    .first()
                    .map(|n| node_text(*n, text).to_ascii_lowercase());
                let value = parts
                    .get(1)
                    .map(|v| {
                        node_text(*v, text)
                            .trim_matches(['"', '\''])
                            .to_ascii_lowercase()
                    })
                    .unwrap_or_default();
                match name.as_deref() {
                    Some("lang") => lang = Some(value),
                    Some("type") => script_type = Some(value),
                    _ => {}
                }
            }
        }
        let language = match (lang.as_deref(), script_type.as_deref()) {
            (Some("ts"), _) | (_, Some("text/typescript" | "application/typescript")) => {
                LanguageId::TypeScript
            }
            (Some("tsx"), _) => LanguageId::Tsx,
            (Some("js" | "javascript" | "jsx") | None, None) => LanguageId::JavaScript,
            (
                None,
                Some(
                    "module"
                    | "text/javascript"
                    | "application/javascript"
                    | "text/babel"
                    | "text/jsx",
                ),
            ) => LanguageId::JavaScript,
            (None, Some("application/json" | "application/ld+json" | "importmap")) => {
                LanguageId::Json
            }
            // Templates and unknown types are not code we read.
            _ => continue,
        };
        out.push(Region {
            language,
            range: body.byte_range(),
            patches: Vec::new(),
        });
    }
    out.sort_by_key(|r| r.range.start);
    out
}

/// A Dockerfile read as shell: instruction keywords blanked, `ENV KEY value` read as
/// `KEY=value`, comments and continuation lines kept.
pub fn dockerfile_shell(text: &str, _tree: Option<&Tree>) -> Vec<Region> {
    let mut patches = Vec::new();
    let mut continued = false;
    let mut heredoc: Option<String> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        if let Some(end) = &heredoc {
            // `RUN <<EOF` … `EOF`: the body is shell as it stands.
            if trimmed == end {
                heredoc = None;
            }
            continue;
        }
        if trimmed.starts_with('#') {
            if continued {
                // Docker drops comment lines inside a continued instruction; for the
                // shell they become a continuation of their own.
                for i in 0..body.len() {
                    patches.push((start + i, b' '));
                }
                if let Some(last) = body.len().checked_sub(1) {
                    patches.push((start + last, b'\\'));
                }
            }
            continue;
        }
        let was_continued = continued;
        continued = body.trim_end().ends_with('\\');
        if was_continued || trimmed.is_empty() {
            continue;
        }
        let indent = body.len() - trimmed.len();
        let keyword_len = trimmed
            .bytes()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let keyword = trimmed[..keyword_len].to_ascii_uppercase();
        for i in 0..keyword_len {
            patches.push((start + indent + i, b' '));
        }
        let args = trimmed[keyword_len..].trim_start();
        let args_at = start + indent + (trimmed.len() - args.len());
        if matches!(keyword.as_str(), "ENV" | "ARG" | "LABEL") {
            // `ENV KEY value` (the legacy form): the space after the key becomes `=`.
            let key_len = args
                .bytes()
                .take_while(|b| !b.is_ascii_whitespace() && *b != b'=')
                .count();
            if key_len > 0 && args[key_len..].starts_with([' ', '\t']) {
                patches.push((args_at + key_len, b'='));
            }
        }
        if args.starts_with('[') && !continued {
            // Exec form, `CMD ["curl", "-k", "…"]`: the JSON array's brackets and commas
            // become spaces, leaving the quoted words of a command.
            let mut in_string = false;
            let mut escaped = false;
            for (i, b) in args.bytes().enumerate() {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' if in_string => escaped = true,
                    b'"' => in_string = !in_string,
                    b'[' | b']' | b',' if !in_string => patches.push((args_at + i, b' ')),
                    _ => {}
                }
            }
        }
        if let Some(at) = args.find("<<") {
            let tag: String = args[at + 2..]
                .trim_start_matches('-')
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !tag.is_empty() {
                heredoc = Some(tag);
            }
        }
    }
    vec![Region {
        language: LanguageId::Shell,
        range: 0..text.len(),
        patches,
    }]
}

/// Shell steps of CI files: `run:` (GitHub Actions), `script:`, `before_script:`,
/// `after_script:` (GitLab), as a scalar or a list of scalars.
pub fn yaml_run_scripts(text: &str, tree: Option<&Tree>) -> Vec<Region> {
    // Every key looked for holds `run` or `script`: without them, no walk of the tree
    // (the editor asks on every keystroke).
    let Some(tree) = tree.filter(|_| text.contains("run") || text.contains("script")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        let mut c = node.walk();
        stack.extend(node.named_children(&mut c));
        if node.kind() != "block_mapping_pair" {
            continue;
        }
        let key = node.child_by_field_name("key").map(|k| node_text(k, text));
        if !matches!(
            key,
            Some("run" | "script" | "before_script" | "after_script")
        ) {
            continue;
        }
        let Some(value) = node.child_by_field_name("value") else {
            continue;
        };
        let mut scalars = vec![value];
        let mut found = Vec::new();
        while let Some(n) = scalars.pop() {
            match n.kind() {
                "plain_scalar" | "double_quote_scalar" | "single_quote_scalar" | "block_scalar" => {
                    found.push(n)
                }
                "block_node" | "flow_node" | "block_sequence" | "block_sequence_item" => {
                    let mut c = n.walk();
                    scalars.extend(n.named_children(&mut c));
                }
                _ => {}
            }
        }
        for scalar in found {
            let Some(lit) = crate::syntax::literal(scalar, text) else {
                continue;
            };
            let range = lit.content_range();
            if !range.is_empty() {
                out.push(Region {
                    language: LanguageId::Shell,
                    range,
                    patches: Vec::new(),
                });
            }
        }
    }
    out.sort_by_key(|r| r.range.start);
    out
}

/// The `scripts` of a package.json, read as shell (`\"` read as `"`).
pub fn package_json_scripts(text: &str, tree: Option<&Tree>) -> Vec<Region> {
    // A key is compared as written, so a file that never writes `"scripts"` has none;
    // the editor asks on every keystroke, and a large JSON file's object has thousands
    // of keys to compare.
    let Some(tree) =
        tree.filter(|_| memchr::memmem::find(text.as_bytes(), b"\"scripts\"").is_some())
    else {
        return Vec::new();
    };
    let root = tree.root_node();
    let Some(object) = root.named_child(0).filter(|n| n.kind() == "object") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut c = object.walk();
    for pair in object.named_children(&mut c) {
        let key = pair.child_by_field_name("key").map(|k| node_text(k, text));
        if key != Some("\"scripts\"") {
            continue;
        }
        let Some(scripts) = pair.child_by_field_name("value") else {
            continue;
        };
        let mut c = scripts.walk();
        for script in scripts.named_children(&mut c) {
            let Some(value) = script.child_by_field_name("value") else {
                continue;
            };
            let Some(lit) = crate::syntax::literal(value, text) else {
                continue;
            };
            let range = lit.content_range();
            // `\"` pairs: the opening one reads ` "`, the closing one `" `, so the quoted
            // word keeps its text exactly.
            let mut patches = Vec::new();
            for (n, (i, _)) in text[range.clone()].match_indices("\\\"").enumerate() {
                let at = range.start + i;
                if n % 2 == 0 {
                    patches.push((at, b' '));
                } else {
                    patches.push((at, b'"'));
                    patches.push((at + 1, b' '));
                }
            }
            out.push(Region {
                language: LanguageId::Shell,
                range,
                patches,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse;
    use crate::language::Language;

    fn regions(id: LanguageId, text: &str) -> Vec<Region> {
        let lang = Language::get(id);
        let tree = parse(lang, text);
        lang.embedded_regions(text, tree.as_ref())
    }

    #[test]
    fn script_blocks_are_found_with_their_language() {
        let text = "<template><a href=\"x\">x</a></template>\n<script setup lang=\"ts\">\nconst a: number = 1;\n</script>\n<script type=\"text/template\">x</script>\n";
        let found = regions(LanguageId::Vue, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].language, LanguageId::TypeScript);
        assert_eq!(&text[found[0].range.clone()], "\nconst a: number = 1;\n");
    }

    /// The walk goes down only into nodes that hold the word "script": in any case, at
    /// any depth, and words elsewhere in the page (text, attributes) change nothing.
    #[test]
    fn script_elements_in_any_case_at_any_depth() {
        let text = "<p>a script, a <b>Script</b></p>\n<div><section><SCRIPT>let a = 1;</SCRIPT></section></div>\n<p data-script=\"x\"><Script type=\"module\">let b = 2;</Script></p>\n";
        let bodies: Vec<&str> = regions(LanguageId::Html, text)
            .iter()
            .map(|r| &text[r.range.clone()])
            .collect();
        assert_eq!(bodies, ["let a = 1;", "let b = 2;"]);
    }

    #[test]
    fn dockerfile_keywords_are_blanked_and_env_gets_an_equals() {
        let text = "FROM node:20\nENV API_KEY secret\nRUN curl -k \\\n  https://x.io\n";
        let found = regions(LanguageId::Dockerfile, text);
        let shell = blank_outside(text, &found.iter().collect::<Vec<_>>());
        assert_eq!(
            shell,
            "     node:20\n    API_KEY=secret\n    curl -k \\\n  https://x.io\n"
        );
        assert_eq!(shell.len(), text.len());
    }

    #[test]
    fn dockerfile_exec_form_heredocs_and_continued_comments_read_as_shell() {
        let text = "CMD [\"curl\", \"-k\", \"https://x.io\"]\nRUN apt-get update \\\n  # tools\n  && curl -k x\nRUN cat <<EOF\nFROM x\nEOF\n";
        let found = regions(LanguageId::Dockerfile, text);
        let shell = blank_outside(text, &found.iter().collect::<Vec<_>>());
        assert!(
            shell.starts_with("     \"curl\"  \"-k\"  \"https://x.io\" \n"),
            "{shell}"
        );
        assert!(shell.contains("\n        \\\n  && curl"), "{shell}");
        assert!(shell.contains("\nFROM x\nEOF\n"), "{shell}");
        let tree = parse(Language::get(LanguageId::Shell), &shell).unwrap();
        assert!(!tree.root_node().has_error(), "{shell}");
    }

    #[test]
    fn ci_run_steps_and_package_scripts_are_shell() {
        let text = "jobs:\n  a:\n    steps:\n      - run: curl -k https://x.io\n      - run: |\n          echo hi\n";
        let found = regions(LanguageId::Yaml, text);
        let bodies: Vec<&str> = found.iter().map(|r| &text[r.range.clone()]).collect();
        assert_eq!(bodies, vec!["curl -k https://x.io", "          echo hi\n"]);
        let json = "{\"scripts\": {\"dev\": \"curl -H \\\"x: y\\\" -k h\"}, \"x\": \"curl -k\"}";
        let found = regions(LanguageId::Json, json);
        assert_eq!(found.len(), 1);
        let shell = blank_outside(json, &found.iter().collect::<Vec<_>>());
        assert!(shell.contains("curl -H  \"x: y\"  -k h"), "{shell}");
    }

    #[test]
    fn layer_text_is_blank_outside_one_region_at_a_time() {
        let text = "{\"scripts\": {\"a\": \"curl -H \\\"x: y\\\" é\", \"b\": \"🎉 -k\"}}\r\n<x>";
        let mut found = regions(LanguageId::Json, text);
        found.push(Region {
            language: LanguageId::Shell,
            // Not on a character boundary: left blank, as `blank_outside` leaves it.
            range: text.find('🎉').unwrap() + 1..text.len(),
            patches: Vec::new(),
        });
        assert!(
            found.len() == 3 && !found[0].patches.is_empty(),
            "{found:?}"
        );
        let mut layers = LayerText::new(text);
        for region in &found {
            let got = layers.with_region(text, region, str::to_string);
            assert_eq!(got, blank_outside(text, &[region]));
        }
        assert_eq!(
            layers.with_region(text, &found[2], str::to_string),
            blank_outside(text, &[])
        );
    }

    #[test]
    fn blank_inside_is_the_complement_of_blank_outside() {
        let r = |a, b| Region {
            language: LanguageId::Shell,
            range: a..b,
            patches: Vec::new(),
        };
        let text = "0123\n56789";
        let regions = [r(2, 4), r(6, 8)];
        assert_eq!(blank_inside(text, &regions), "01  \n5  89");
        assert_eq!(
            blank_outside(text, &regions.iter().collect::<Vec<_>>()),
            "  23\n 67  "
        );
        assert_eq!(blank_inside(text, &[r(0, 10)]), "    \n     ");
    }
}
