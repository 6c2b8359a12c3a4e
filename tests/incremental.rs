//! Incremental re-analysis must agree with a full analysis after any edit sequence:
//! random edits (typing, deleting, pasting problems) over every fixture file, each
//! step checked against analysing the same text from scratch.

mod common;

use std::path::{Path, PathBuf};

use common::Rng;

use mufi_lsp::config::Config;
use mufi_lsp::document::{Change, Document, Encoding, Pos};
use mufi_lsp::engine::{analyze, analyze_rules, finish, is_layered, SourceFile};
use mufi_lsp::finding::Finding;
use mufi_lsp::incremental::{file_facts, reanalyze};
use mufi_lsp::language::{Language, LanguageId};
use mufi_lsp::project::ProjectModel;

const SNIPPETS: &[&str] = &[
    "\"http://api.mufi.app/v1\"",
    " verify=False",
    "rejectUnauthorized: false, ",
    "mufiApiKey = \"s3cr3t-live-key-123\"\n",
    "\"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwZXJtaXNzaW9uIjoiV3JpdGUifQ.c2lnbmF0dXJlLWZha2UtMTIzNDU2Nzg5\"",
    "\n",
    "\"",
    "(",
    "// mufi-lsp: ignore MUFI003\n",
    "é😀",
    "}",
];

fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if Language::for_path(&p).is_some_and(|l| l.grammar().is_some()) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn summary(findings: &[Finding]) -> Vec<(usize, usize, &'static str, String)> {
    findings
        .iter()
        .map(|f| (f.range.start, f.range.end, f.rule.code(), f.message.clone()))
        .collect()
}

fn pos_of(text: &str, offset: usize) -> Pos {
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos {
        line,
        character: text[start..offset].encode_utf16().count() as u32,
    }
}

/// A document analysed the way the server analyses it, incrementally from its last
/// analysis (or from its last one without a parse error: `Document::analysis_base`),
/// each analysis checked against a full analysis of the same text.
struct Tracked<'a> {
    path: &'a Path,
    file: mufi_lsp::project::FileContext,
    config: &'a Config,
    language: &'static Language,
    text: String,
    doc: Document,
    raw: Option<Vec<Finding>>,
    facts: mufi_lsp::incremental::FileFacts,
    /// The raw findings and facts of the last analysis without a parse error.
    clean: Option<(Option<Vec<Finding>>, mufi_lsp::incremental::FileFacts)>,
    version: i32,
    incremental_runs: usize,
    mended_runs: usize,
}

impl<'a> Tracked<'a> {
    fn open(path: &'a Path, model: &ProjectModel, config: &'a Config) -> Tracked<'a> {
        let language = Language::for_path(path).unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let file = model.file_context(path);
        let mut doc = Document::new(&text, 1, language);
        let tree = doc.tree().cloned();
        let first = SourceFile {
            text: &text,
            language,
            tree: tree.as_ref(),
        };
        // Files with embedded code (HTML, Vue, CI YAML) are analysed layer by layer,
        // from scratch (`state::analyze`), and leave no raw findings to start from.
        let raw = (!is_layered(&first)).then(|| analyze_rules(&first, &file, config, None, None));
        let facts = file_facts(&first, &file, config);
        doc.reset_base();
        Tracked {
            path,
            file,
            config,
            language,
            text,
            doc,
            raw,
            facts,
            clean: None,
            version: 1,
            incremental_runs: 0,
            mended_runs: 0,
        }
    }

    /// Replaces `start..end` with `insert`, analyses, and checks the findings and
    /// their fixes against a full analysis.
    fn edit(&mut self, start: usize, end: usize, insert: &str, what: &str) {
        let (config, file, language) = (self.config, &self.file, self.language);
        let change = Change {
            range: Some((pos_of(&self.text, start), pos_of(&self.text, end))),
            text: insert.to_string(),
        };
        if std::env::var_os("MUFI_DEBUG_INCREMENTAL").is_some() {
            eprintln!(
                "{} {what}: {start}..{end} <- {insert:?}",
                self.path.display()
            );
        }
        self.text.replace_range(start..end, insert);
        self.version += 1;
        self.doc
            .apply_changes(&[change], self.version, Encoding::Utf16);
        // This is the engine's incremental path, which reads a current tree (a
        // markup document leaves its reparse to the server's analysis).
        self.doc.reparse();
        assert_eq!(
            &*self.doc.text(),
            self.text.as_str(),
            "document text diverged"
        );
        let tree = self.doc.tree().cloned();
        let text = self.text.clone();
        let now = SourceFile {
            text: &text,
            language,
            tree: tree.as_ref(),
        };
        let ((base_tree, edits), mended) = self
            .doc
            .analysis_base()
            .map(|(base, mended)| (base.clone(), mended))
            .unwrap();
        let (from, from_facts) = match (mended, &self.clean) {
            (true, Some((raw, facts))) => (raw, facts),
            _ => (&self.raw, &self.facts),
        };
        let new_facts = file_facts(&now, file, config);
        let next_raw = match from {
            _ if is_layered(&now) => None,
            Some(raw) if new_facts == *from_facts => Some(
                match reanalyze(&now, file, config, &new_facts, &base_tree, &edits, raw) {
                    Some(r) => {
                        self.incremental_runs += 1;
                        self.mended_runs += usize::from(mended);
                        r
                    }
                    None => analyze_rules(&now, file, config, None, None),
                },
            ),
            _ => Some(analyze_rules(&now, file, config, None, None)),
        };
        let got = match &next_raw {
            Some(raw) => finish(raw.clone(), &now, config),
            None => analyze(&now, file, config),
        };
        let want = analyze(&now, file, config);
        assert_eq!(
            summary(&got),
            summary(&want),
            "{} {what}: incremental and full analysis differ",
            self.path.display()
        );
        // Fixes must match too: they are edits to the user's file.
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(
                g.fixes,
                w.fixes,
                "{} {what}: fixes differ",
                self.path.display()
            );
        }
        let replaced = (
            std::mem::replace(&mut self.raw, next_raw),
            self.facts.clone(),
        );
        self.facts = new_facts;
        let _ = self.doc.reset_base_keeping(Some(replaced), &mut self.clean);
    }
}

#[test]
fn incremental_findings_equal_full_analysis_after_random_edits() {
    let model = ProjectModel::new();
    let config = Config::default();
    let mut incremental_runs = 0;
    let mut data_file_runs = 0;
    for (path, seed) in fixtures()
        .into_iter()
        .flat_map(|p| [0x9E37_79B9_7F4A_7C15u64, 0xDEAD_BEEF, 0x3141_5926].map(|s| (p.clone(), s)))
    {
        let mut rng = Rng(seed);
        let mut doc = Tracked::open(&path, &model, &config);
        for step in 0..25 {
            // Pick an edit on a char boundary.
            let text = &doc.text;
            let mut start = rng.below(text.len() + 1);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + rng.below(12)).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let insert = if rng.below(3) == 0 {
                ""
            } else {
                SNIPPETS[rng.below(SNIPPETS.len())]
            };
            doc.edit(start, end, insert, &format!("(seed {seed:#x}) step {step}"));
        }
        incremental_runs += doc.incremental_runs;
        if doc.language.has_embeds() {
            data_file_runs += doc.incremental_runs;
        }
    }
    assert!(
        incremental_runs > 200,
        "only {incremental_runs} incremental runs"
    );
    // JSON and YAML files without embedded code take the incremental path too.
    assert!(
        data_file_runs > 20,
        "only {data_file_runs} incremental runs in data files"
    );
}

/// Typing, a character at a time, text that opens a parse error and closes it again
/// (an unclosed call, string or block, a declaration without its value), at the ends
/// of lines of every fixture: each keystroke's findings are a full analysis's, and the
/// keystrokes that mend the error start from the tree from before it.
#[test]
fn typing_through_a_parse_error_matches_a_full_analysis() {
    const TYPED: &[&str] = &["; val zq = 1", " f(zq, 2)", " { zq }", " \"zq\"", " [zq]"];
    let model = ProjectModel::new();
    let config = Config::default();
    let mut mended_runs = 0;
    let mut typed = 0;
    for path in fixtures() {
        let mut doc = Tracked::open(&path, &model, &config);
        let mut rng = Rng(0x5EED_u64 ^ doc.text.len() as u64);
        for word in 0..3 {
            // The end of a line with code on it.
            let ends: Vec<usize> = doc
                .text
                .match_indices('\n')
                .map(|(at, _)| at)
                .filter(|&at| {
                    doc.text[..at]
                        .lines()
                        .last()
                        .is_some_and(|l| l.trim().len() > 3)
                })
                .collect();
            if ends.is_empty() {
                break;
            }
            let mut at = ends[rng.below(ends.len())];
            let chosen = TYPED[rng.below(TYPED.len())];
            for ch in chosen.chars() {
                let mut buf = [0u8; 4];
                let ch = ch.encode_utf8(&mut buf);
                doc.edit(at, at, ch, &format!("word {word} typing {chosen:?}"));
                at += ch.len();
                typed += 1;
            }
        }
        mended_runs += doc.mended_runs;
    }
    assert!(typed > 1000, "only {typed} keystrokes");
    assert!(
        mended_runs > 50,
        "only {mended_runs} runs from the error-free base"
    );
}

#[path = "common/oracles.rs"]
#[allow(dead_code)]
mod oracles;

/// Replaces `range` of `text` (the document's text, as the test keeps it) with
/// `typed`, there and in `session`'s document, and returns the findings after it,
/// having checked them against a fresh open of the new text.
fn edit_matching_a_fresh_open(
    session: &mut oracles::Session,
    text: &mut String,
    range: std::ops::Range<usize>,
    typed: &str,
) -> Vec<Finding> {
    let start = oracles::model_position(text, range.start, Encoding::Utf16);
    let end = oracles::model_position(text, range.end, Encoding::Utf16);
    text.replace_range(range, typed);
    let change = Change {
        range: Some((start, end)),
        text: typed.to_string(),
    };
    session.change(change, Encoding::Utf16);
    let got = session.analyze();
    let language = session.doc.language;
    let want = oracles::Session::open(text, language).analyze();
    assert_eq!(
        got, want,
        "{} after typing {typed:?}: {text:?}",
        language.name
    );
    got
}

/// JSON and YAML are re-analysed around the edited entries of the document's object or
/// list, not the whole document. Edits that change what other entries read must still
/// give what a fresh open gives: whether the document mentions Mufi (an Authorization
/// header is a key only then), whether a removed setting has a neighbour, the sibling
/// policies of a policy string, and embedded code appearing or going. Each document is
/// padded (at `@@`) with entries enough that one entry is a small part of it.
#[test]
fn data_file_edits_that_reach_other_entries_match_a_fresh_open() {
    use mufi_lsp::language::LanguageId::{Json, Yaml};
    use oracles::Session;
    const JSON_PAD: &str = "\"fN\": {\"v\": N},\n  ";
    const YAML_PAD: &str = "fN:\n  v: N\n";
    /// A language, a document, the entry it is padded with, and edits (text found, its
    /// replacement).
    type Case = (
        LanguageId,
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    );
    let cases: &[Case] = &[
        (
            Json,
            "{\n  \"clientA\": {\"headers\": {\"Authorization\": \"Bearer sk_live_abcdef123456\"}},\n  @@\"clientB\": {\"url\": \"https://api.example.com\"}\n}\n",
            JSON_PAD,
            &[("example", "mufi"), ("mufi.com", "other.com"), ("other", "mUfI")],
        ),
        (
            Json,
            "{\n  @@\"a\": {\"x\": 1},\n  \"GIT_SSL_NO_VERIFY\": \"1\"\n}\n",
            JSON_PAD,
            &[
                ("\"1\"\n", "\"1\",\n  \"b\": {\"y\": 2}\n"),
                ("  \"a\": {\"x\": 1},\n", ""),
                (",\n  \"b\": {\"y\": 2}", ""),
            ],
        ),
        (
            Json,
            "[\"default-src 'self' 'unsafe-inline'\", @@\"img-src *\"]\n",
            "{\"v\": N}, ",
            &[("img-src *", "script-src 'self'"), ("script-src", "img-src")],
        ),
        (
            Json,
            "{\n  @@\"name\": \"x\",\n  \"scriptz\": {\"get\": \"curl -k https://api.mufi.app\"}\n}\n",
            JSON_PAD,
            &[("scriptz", "scripts"), ("scripts", "scriptx")],
        ),
        (
            Yaml,
            "a:\n  headers:\n    x-api-key: k3y1234567890abc\n@@b:\n  url: https://api.example.com\n",
            YAML_PAD,
            &[("example", "mufi"), ("mufi", "other"), ("b:\n", "# mufi\nb:\n"), ("# mufi", "mufi: 1")],
        ),
        (
            Yaml,
            "services:\n  a:\n    headers:\n      x-api-key: k3y1234567890abc\n  @@b:\n    url: https://api.example.com\n",
            "  fN:\n    v: N\n",
            &[("example", "mufi"), ("mufi", "other")],
        ),
        (
            Json,
            "{\"services\": {\n  @@\"a\": {\"x\": 1},\n  \"GIT_SSL_NO_VERIFY\": \"1\"\n}}\n",
            JSON_PAD,
            &[
                ("\"1\"\n", "\"1\",\n  \"b\": {\"y\": 2}\n"),
                ("services", "mufi"),
                ("  \"a\": {\"x\": 1},\n", ""),
            ],
        ),
        (
            Yaml,
            "@@jobs:\n  build:\n    steps:\n      - name: x\n",
            YAML_PAD,
            &[
                ("- name: x", "- name: x\n      - run: curl -k https://api.mufi.app"),
                ("      - run: curl -k https://api.mufi.app\n", ""),
            ],
        ),
        (
            Yaml,
            "@@- name: GIT_SSL_NO_VERIFY\n  value: \"1\"\n",
            "- v: N\n",
            &[
                ("\"1\"\n", "\"1\"\n- name: B\n  value: \"2\"\n"),
                ("value: \"1\"", "value: \"1\"\n  other: 1"),
                ("- name: B\n  value: \"2\"\n", ""),
            ],
        ),
    ];
    for (id, text, pad, steps) in cases {
        let language = Language::get(*id);
        let padding: String = (0..40).map(|n| pad.replace('N', &n.to_string())).collect();
        let mut text = text.replace("@@", &padding);
        let mut session = Session::open(&text, language);
        let mut seen = vec![session.analyze()];
        for (find, replace) in steps.iter() {
            let at = text.find(find).expect("the edit's text is there");
            let got =
                edit_matching_a_fresh_open(&mut session, &mut text, at..at + find.len(), replace);
            seen.push(got);
        }
        seen.dedup();
        assert!(seen.len() > 1, "no edit changed a finding or fix: {text:?}");
    }
}

/// In Vue and Svelte files, an edit inside one `<script>` re-analyses that script from
/// its edited tree and shifts the other layers' findings. Edits that make or break a
/// finding there, that open or close a `</script>`, that touch the template, or that add
/// a script must still give what a fresh open gives. Each script is padded (at `@@`)
/// so that one statement is a small part of it.
#[test]
fn edits_in_embedded_scripts_match_a_fresh_open() {
    use mufi_lsp::language::LanguageId::{Svelte, Vue};
    use oracles::Session;
    const PAD: &str = "const vN = N;\n";
    type Case = (
        LanguageId,
        &'static str,
        &'static [(&'static str, &'static str)],
    );
    let cases: &[Case] = &[
        (
            Vue,
            "<template>\n  <p>{{ a }}</p>\n</template>\n\n<script setup lang=\"ts\">\n@@const docs = \"https://docs.acme-retail.com\";\nconst api = `http://api.mufi.app/v1`;\n</script>\n",
            &[
                // A finding made, suppressed, unsuppressed and unmade inside the script.
                ("https://docs", "http://docs"),
                ("const docs", "// mufi-lsp: ignore MUFI003\nconst docs"),
                ("// mufi-lsp: ignore MUFI003\n", ""),
                ("http://docs", "https://docs"),
                ("const v3 = 3;", "const v3 = 3; const x = { rejectUnauthorized: false };"),
                // The template, whose host layer and the script's findings move.
                ("<p>{{ a }}</p>", "<p>{{ a }}</p>\n  <a href=\"http://help.acme-retail.com\">Help</a>"),
                // A `</script>` closed early, then opened again.
                ("const v5 = 5;", "const v5 = 5;</script>"),
                ("const v5 = 5;</script>", "const v5 = 5;"),
                // Closed inside a comment, where the script's own parse sees no error.
                ("const v5 = 5;", "const v5 = 5; // </script>"),
                (" // </script>", ""),
                // The closing tag itself edited away and back.
                ("</script>\n", ""),
                ("`;\n", "`;\n</script>\n"),
                // A second script appears; then each is edited in turn.
                ("</template>\n", "</template>\n<script>\nconst key = \"http://api.mufi.app\";\n</script>\n"),
                ("const v7 = 7;", "const v7 = 7;\nconst plain = \"http://plain.acme-retail.com\";"),
                ("const key = \"http", "const key = \"https"),
                ("const v9 = 9;", ""),
                // A rule judged in the whole layer (MUFI008) made, unmade and made again:
                // the layer's facts keep its triggers through the edits.
                ("const v4 = 4;", "const v4 = 4;\napp.get(\"/go\", (req, res) => res.redirect(req.query.next));"),
                ("res.redirect(req", "res.send(req"),
                ("res.send(req", "res.redirect(req"),
                ("req.query.next", "\"/home\""),
            ],
        ),
        (
            Svelte,
            "<script>\n@@const api = \"https://api.mufi.app\";\n</script>\n\n<a href=\"/\">{api}</a>\n",
            &[
                ("https://api.mufi", "http://api.mufi"),
                ("const v2 = 2;", "const v2 = 2; fetch(api, { rejectUnauthorized: false });"),
                ("<a href=\"/\">", "<a href=\"http://x.acme-retail.com\">"),
                ("http://api.mufi", "https://api.mufi"),
                ("const v4 = 4;", "const v4 = `"),
                ("const v6 = 6;", "const v6 = `;"),
            ],
        ),
    ];
    let mut judged_whole = false;
    for (id, text, steps) in cases {
        let language = Language::get(*id);
        let padding: String = (0..40).map(|n| PAD.replace('N', &n.to_string())).collect();
        let mut text = text.replace("@@", &padding);
        let mut session = Session::open(&text, language);
        let mut seen = vec![session.analyze()];
        for (find, replace) in steps.iter() {
            let at = text.find(find).expect("the edit's text is there");
            let got =
                edit_matching_a_fresh_open(&mut session, &mut text, at..at + find.len(), replace);
            judged_whole |= got.iter().any(|f| f.rule.code() == "MUFI008");
            seen.push(got);
        }
        seen.dedup();
        assert!(
            seen.len() > 4,
            "few edits changed a finding or fix: {text:?}"
        );
    }
    assert!(judged_whole, "no edit made a MUFI008 finding");
}

/// Random edits over every fixture with embedded code (HTML, Vue, Svelte, CI YAML,
/// package.json), analysed as the server does (`state::analyze`, which re-analyses one
/// region's layer when the edits stay inside it, without reparsing the markup around
/// it): at each step, what a fresh open gives.
#[test]
fn layered_files_after_random_edits_match_a_fresh_open() {
    use oracles::{model_position, Session};
    let mut layered = 0;
    let mut unparsed = 0;
    for (path, seed) in fixtures()
        .into_iter()
        .filter(|p| Language::for_path(p).is_some_and(|l| l.has_embeds()))
        .flat_map(|p| [0x9E37_79B9_7F4A_7C15u64, 0xDEAD_BEEF, 0x3141_5926].map(|s| (p.clone(), s)))
    {
        let mut rng = Rng(seed);
        let language = Language::for_path(&path).unwrap();
        let mut text = std::fs::read_to_string(&path).unwrap();
        let mut session = Session::open(&text, language);
        session.analyze();
        for step in 0..25 {
            let mut start = rng.below(text.len() + 1);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + rng.below(12)).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let insert = if rng.below(3) == 0 {
                ""
            } else {
                SNIPPETS[rng.below(SNIPPETS.len())]
            };
            let change = Change {
                range: Some((
                    model_position(&text, start, Encoding::Utf16),
                    model_position(&text, end, Encoding::Utf16),
                )),
                text: insert.to_string(),
            };
            text.replace_range(start..end, insert);
            session.change(change, Encoding::Utf16);
            let got = session.analyze();
            // A markup file analysed inside one script leaves its tree unparsed.
            unparsed += usize::from(session.doc.edited_tree().1);
            let tree = mufi_lsp::document::parse(language, &text, None);
            let src = SourceFile {
                text: &text,
                language,
                tree: tree.as_ref(),
            };
            layered += usize::from(is_layered(&src));
            let want = Session::open(&text, language).analyze();
            assert_eq!(
                got,
                want,
                "{} (seed {seed:#x}) after step {step}",
                path.display()
            );
        }
    }
    assert!(layered > 100, "only {layered} steps in layered files");
    eprintln!("{unparsed} of {layered} steps left the markup unparsed");
    assert!(
        unparsed > 20,
        "only {unparsed} steps analysed without reparsing the markup"
    );
}

/// A markup document edited inside one script is analysed without its own tree, which
/// awaits its reparse (`Language::defers_reparse`), and its file facts are read then
/// too: in every such fixture, they are the same without the tree as with it.
#[test]
fn markup_that_defers_its_reparse_has_the_same_facts_without_its_tree() {
    let model = ProjectModel::new();
    let config = Config::default();
    let mut compared = 0;
    for path in fixtures() {
        let language = Language::for_path(&path).unwrap();
        if !language.defers_reparse() {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let file = model.file_context(&path);
        let tree = mufi_lsp::document::parse(language, &text, None);
        let with = |tree| SourceFile {
            text: &text,
            language,
            tree,
        };
        assert_eq!(
            format!("{:?}", file_facts(&with(tree.as_ref()), &file, &config)),
            format!("{:?}", file_facts(&with(None), &file, &config)),
            "{}",
            path.display()
        );
        compared += 1;
    }
    assert!(compared >= 6, "only {compared} markup fixtures");
}

/// A suppression comment typed a character at a time on a new line above a finding,
/// its marker broken in the middle and mended, then deleted a character at a time:
/// after every keystroke the findings are a fresh open's (the finding goes once the
/// comment names its rule and comes back when the marker breaks). The server keeps
/// where a marker is through the edits rather than searching the whole file each time.
#[test]
fn a_suppression_typed_and_deleted_a_key_at_a_time_matches_a_fresh_open() {
    use oracles::Session;
    let cases = [
        (
            LanguageId::JavaScript,
            "// mufi-lsp: ignore MUFI003",
            "fetch(\"http://metrics.acme.io/push\");\n",
        ),
        (
            LanguageId::Python,
            "# mufi-lsp: ignore MUFI004",
            "requests.get(\"https://partner.acme.io\", verify=False)\n",
        ),
        (
            LanguageId::Go,
            "// mufi-lsp: ignore MUFI003",
            "var u = \"http://metrics.acme.io/push\"\n",
        ),
    ];
    for (id, comment, line) in cases {
        let language = Language::get(id);
        let filler: String = (0..30).map(|i| format!("{}\n", pad_line(id, i))).collect();
        let head = if id == LanguageId::Go {
            "package main\n\n"
        } else {
            ""
        };
        let mut text = format!("{head}{filler}{line}{filler}");
        let at = head.len() + filler.len();
        let mut session = Session::open(&text, language);
        let mut seen = vec![session.analyze()];
        let mut step = |session: &mut Session,
                        text: &mut String,
                        range: std::ops::Range<usize>,
                        typed: &str| {
            seen.push(edit_matching_a_fresh_open(session, text, range, typed));
        };
        // A new line first, so that the line below is never commented out.
        step(&mut session, &mut text, at..at, "\n");
        for (i, ch) in comment.char_indices() {
            step(&mut session, &mut text, at + i..at + i, &ch.to_string());
        }
        // Break the marker ("mufi-lsp:" loses its dash), then mend it.
        let dash = at + comment.find("mufi-lsp").unwrap() + 4;
        step(&mut session, &mut text, dash..dash + 1, "");
        step(&mut session, &mut text, dash..dash, "-");
        for _ in 0..=comment.len() {
            step(&mut session, &mut text, at..at + 1, "");
        }
        let codes = |findings: &[Finding]| -> Vec<&str> {
            findings.iter().map(|f| f.rule.code()).collect()
        };
        let kinds: Vec<Vec<&str>> = seen.iter().map(|f| codes(f)).collect();
        let rule = &comment[comment.len() - 7..];
        assert!(
            kinds.iter().any(|k| k.is_empty()) && kinds.iter().any(|k| k == &[rule]),
            "{}: the finding was never both suppressed and shown: {kinds:?}",
            language.name
        );
        assert_eq!(seen.first(), seen.last(), "{}", language.name);
    }
}

/// A line of filler code in `language`, numbered.
fn pad_line(language: LanguageId, n: usize) -> String {
    match language {
        LanguageId::Python => format!("v{n} = {n}"),
        LanguageId::Go => format!("var v{n} = {n}"),
        _ => format!("const v{n} = {n};"),
    }
}
