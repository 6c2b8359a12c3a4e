//! Walks every file under `tests/fixtures/`, runs the engine as `check` does, and
//! compares findings with the `expect: MUFI00N` markers written in the files.
//! Also snapshots messages and fixes, re-parses every fixed file, and makes sure no
//! report ever prints a whole key. Adding a case is adding a file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;

use common::markers::{score, Score};
use mufi_lsp::cli::analyze_file;
use mufi_lsp::config::Config;
use mufi_lsp::document::{Document, Encoding};
use mufi_lsp::engine::{apply_fixes, parse};
use mufi_lsp::finding::{Edit, Finding, Fix};
use mufi_lsp::language::{embed, registry, Language, LanguageId};
use mufi_lsp::project::ProjectModel;
use mufi_lsp::report::{json, line_col, text, FileReport};
use mufi_lsp::rules::RuleId;

/// The fixtures, copied once per test run outside any git repository (see
/// `common::outside_git`): their own `.gitignore` files alone decide MUFI005.
fn fixture_root() -> PathBuf {
    static COPY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    COPY.get_or_init(|| {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        common::outside_git::copy_outside_git(&source, "fixtures")
    })
    .clone()
}

fn fixture_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![fixture_root()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture dir is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if Language::for_path(&path).is_some() {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(fixture_root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn analyze(path: &Path) -> (String, Vec<Finding>) {
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    let findings = analyze_file(path, &text, &ProjectModel::new(), &Config::default());
    (text, findings)
}

#[test]
fn fixtures_match_their_expect_markers() {
    let files = fixture_files();
    assert!(files.len() >= 20, "only {} fixture files", files.len());
    let mut failures = Vec::new();
    let mut totals: BTreeMap<String, Score> = BTreeMap::new();
    for path in &files {
        let (text, findings) = analyze(path);
        failures.extend(
            score(path, &text, &findings, &mut totals)
                .into_iter()
                .map(|m| format!("{}:{m}", relative(path))),
        );
    }
    for (rule, s) in &totals {
        eprintln!("{rule}: {s}");
    }
    assert!(
        failures.is_empty(),
        "{} fixture mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Syntax errors in `text`: the host's parse, plus each embedded language's parse of
/// its regions (a broken `<script>` or Dockerfile `RUN` line counts).
fn error_count(language: &Language, text: &str) -> usize {
    let tree = parse(language, text);
    let mut count = tree.as_ref().map_or(0, tree_errors);
    for region in language.embedded_regions(text, tree.as_ref()) {
        let layer = embed::blank_outside(text, &[&region]);
        if let Some(tree) = parse(Language::get(region.language), &layer) {
            count += tree_errors(&tree);
        }
    }
    count
}

fn tree_errors(tree: &tree_sitter::Tree) -> usize {
    let mut count = 0;
    let mut cursor = tree.walk();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            count += 1;
        }
        stack.extend(node.children(&mut cursor));
    }
    count
}

#[test]
fn every_local_fix_leaves_a_file_that_parses() {
    let mut failures = Vec::new();
    for path in fixture_files() {
        let language = Language::for_path(&path).expect("fixture language");
        if language.grammar().is_none() && !language.has_embeds() {
            continue;
        }
        let (text, findings) = analyze(&path);
        let before = error_count(language, &text);
        for f in &findings {
            for fix in f.fixes.iter().filter(|x| x.is_local()) {
                let (fixed, applied) = apply_fixes(&text, [fix]);
                assert_eq!(
                    applied,
                    1,
                    "{}: fix {:?} did not apply",
                    relative(&path),
                    fix.title
                );
                let after = error_count(language, &fixed);
                if after > before {
                    failures.push(format!(
                        "{}:{}: `{}` leaves {} syntax errors (was {before})",
                        relative(&path),
                        line_col(&text, f.range.start).line,
                        fix.title,
                        after
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `fix`'s edits to the file itself as an editor receives and applies them: ranges
/// turned into UTF-16 positions by the server's conversion, applied by the test
/// client's own arithmetic.
fn apply_as_an_editor(text: &str, fix: &Fix) -> String {
    let doc = Document::unparsed(text, 1, Language::get(LanguageId::JavaScript));
    let position = |offset: usize| {
        let p = doc.offset_to_position(offset, Encoding::Utf16);
        serde_json::json!({"line": p.line, "character": p.character})
    };
    let edits: Vec<serde_json::Value> = fix
        .edits
        .iter()
        .filter_map(|e| match e {
            Edit::Replace { range, text } => Some(serde_json::json!({
                "range": {"start": position(range.start), "end": position(range.end)},
                "newText": text,
            })),
            _ => None,
        })
        .collect();
    common::apply_edits(text, &edits)
}

#[test]
fn every_fix_changes_only_its_ranges_in_the_engine_and_in_an_editor() {
    let mut checked = 0;
    for path in fixture_files() {
        let (text, findings) = analyze(&path);
        for fix in findings.iter().flat_map(|f| &f.fixes) {
            let (Some(lo), Some(hi)) = (
                fix.replaced_ranges().map(|r| r.start).min(),
                fix.replaced_ranges().map(|r| r.end).max(),
            ) else {
                continue;
            };
            let at = format!("{}: `{}`", relative(&path), fix.title);
            let (fixed, _) = apply_fixes(&text, [fix]);
            assert!(
                fixed.starts_with(&text[..lo]) && fixed.ends_with(&text[hi..]),
                "{at} changes text outside its edits"
            );
            assert_eq!(
                apply_as_an_editor(&text, fix),
                fixed,
                "{at}: an editor applying the fix gets other text than check --fix"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} fixes checked");
}

#[test]
fn all_safe_fixes_of_a_file_at_once_leave_a_file_that_parses() {
    let mut failures = Vec::new();
    for path in fixture_files() {
        let language = Language::for_path(&path).expect("fixture language");
        let (text, findings) = analyze(&path);
        let safe = findings
            .iter()
            .flat_map(|f| &f.fixes)
            .filter(|x| x.safe && x.is_local());
        let (fixed, applied) = apply_fixes(&text, safe);
        if applied > 0 && error_count(language, &fixed) > error_count(language, &text) {
            failures.push(relative(&path));
        }
    }
    assert!(
        failures.is_empty(),
        "check --fix breaks the syntax of {failures:?}"
    );
}

#[test]
fn preferred_fixes_remove_the_findings_they_fix() {
    let mut failures = Vec::new();
    for path in fixture_files() {
        let (text, findings) = analyze(&path);
        for f in &findings {
            let Some(fix) = f.fixes.iter().find(|x| x.preferred && x.is_local()) else {
                continue;
            };
            let (fixed, _) = apply_fixes(&text, [fix]);
            let after = analyze_file(&path, &fixed, &ProjectModel::new(), &Config::default());
            // The fixed text is shorter or longer: compare by rule and line.
            let line = line_col(&text, f.range.start).line;
            let shift = fixed.lines().count() as isize - text.lines().count() as isize;
            let still = after.iter().any(|g| {
                g.rule == f.rule
                    && line_col(&fixed, g.range.start).line as isize == line as isize + shift
                    && g.rule != RuleId::ClientSideMufiAccess
            });
            if still {
                failures.push(format!(
                    "{}:{line}: {} still reported after `{}`",
                    relative(&path),
                    f.rule,
                    fix.title
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn reports_never_print_a_whole_key() {
    let mut keys = Vec::new();
    let mut reports = Vec::new();
    for path in fixture_files() {
        let (text, findings) = analyze(&path);
        for token in mufi_lsp::jwt::find_all(&text) {
            keys.push(text[token.start..token.end].to_string());
        }
        reports.push(FileReport {
            display_path: relative(&path),
            text,
            findings,
        });
    }
    assert!(
        keys.len() >= 5,
        "fixtures hold too few keys to test redaction"
    );
    let text_out = text::render(&reports, reports.len(), false);
    let json_out = json::render(&reports, reports.len(), 0, &[]);
    let messages: String = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(|f| f.message.clone()))
        .collect();
    for key in &keys {
        let head = &key[..key.len().min(24)];
        assert!(!text_out.contains(key.as_str()), "text report prints a key");
        assert!(!json_out.contains(head), "json report prints a key");
        assert!(!messages.contains(head), "a message prints a key");
    }
}

#[test]
fn fixture_findings_snapshot() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots");
    settings.bind(|| {
        for path in fixture_files() {
            let (text, findings) = analyze(&path);
            let mut out = String::new();
            for f in &findings {
                let start = line_col(&text, f.range.start);
                let end = line_col(&text, f.range.end);
                out.push_str(&format!(
                    "{}:{}-{}:{} {} {} {}\n",
                    start.line,
                    start.column,
                    end.line,
                    end.column,
                    f.rule.code(),
                    f.severity.as_str(),
                    f.message
                ));
                for fix in &f.fixes {
                    let mark = match (fix.preferred, fix.safe) {
                        (true, true) => "preferred, safe",
                        (true, false) => "preferred",
                        (false, true) => "safe",
                        (false, false) => "",
                    };
                    out.push_str(&format!("    fix: {} [{mark}]\n", fix.title));
                }
            }
            let name = relative(&path).replace(['/', '.'], "__");
            insta::assert_snapshot!(name, out);
        }
    });
}

/// What the fixtures prove for one language and rule.
#[derive(Default, Clone, Copy)]
struct Cell {
    /// Marked lines reported.
    true_positives: usize,
    negative_files: usize,
    /// Findings that carry a fix besides the ignore comment.
    fixed: usize,
}

/// Which languages the matrix claims a rule covers (each needs fixtures), and which the
/// contract says the rule never applies to ("n/a"). Anything else shows "—": not
/// covered yet.
enum Claim {
    /// Every language but these, which are n/a.
    AllBut(&'static [LanguageId]),
    /// Only these; the rest is n/a when `never` lists it, else not covered.
    Only {
        languages: &'static [LanguageId],
        never: &'static [LanguageId],
    },
}

impl Claim {
    fn never(&self, language: LanguageId) -> bool {
        match self {
            Claim::AllBut(never) | Claim::Only { never, .. } => never.contains(&language),
        }
    }
    fn claims(&self, language: LanguageId) -> bool {
        match self {
            Claim::AllBut(never) => !never.contains(&language),
            Claim::Only { languages, .. } => languages.contains(&language),
        }
    }
}

use LanguageId as L;

const MATRIX_RULES: &[(RuleId, Claim)] = &[
    (RuleId::HardcodedApiKey, Claim::AllBut(&[L::Dotenv])),
    (RuleId::ClientSideMufiAccess, Claim::AllBut(&[])),
    (RuleId::PlainHttpUrl, Claim::AllBut(&[])),
    (RuleId::TlsVerificationDisabled, Claim::AllBut(&[])),
    (
        RuleId::SecretFileNotIgnored,
        Claim::Only {
            languages: &[L::Dotenv],
            never: &[
                L::JavaScript,
                L::TypeScript,
                L::Tsx,
                L::Python,
                L::Go,
                L::Rust,
                L::Java,
                L::Kotlin,
                L::CSharp,
                L::Ruby,
                L::Php,
                L::Swift,
                L::Dart,
                L::Html,
                L::Vue,
                L::Svelte,
                L::Shell,
                L::Dockerfile,
                L::Yaml,
                L::Json,
                L::Toml,
            ],
        },
    ),
    (
        RuleId::CorsPermissiveOrigin,
        Claim::Only {
            languages: &[
                L::JavaScript,
                L::TypeScript,
                L::Python,
                L::Go,
                L::Java,
                L::Kotlin,
                L::CSharp,
                L::Ruby,
                L::Php,
                L::Yaml,
                L::Json,
                L::Toml,
                L::Dotenv,
            ],
            never: &[
                L::Html,
                L::Vue,
                L::Svelte,
                L::Swift,
                L::Dart,
                L::Dockerfile,
                L::Shell,
            ],
        },
    ),
    (
        RuleId::CspUnsafeSource,
        Claim::Only {
            languages: &[
                L::JavaScript,
                L::TypeScript,
                L::Python,
                L::Go,
                L::Java,
                L::Kotlin,
                L::CSharp,
                L::Ruby,
                L::Php,
                L::Html,
                L::Vue,
                L::Yaml,
                L::Json,
                L::Toml,
            ],
            never: &[L::Dotenv, L::Dockerfile, L::Swift, L::Dart],
        },
    ),
    (
        RuleId::OpenRedirect,
        Claim::Only {
            languages: &[
                L::JavaScript,
                L::TypeScript,
                L::Tsx,
                L::Python,
                L::Go,
                L::Java,
                L::Kotlin,
                L::CSharp,
                L::Ruby,
                L::Php,
            ],
            never: &[
                L::Html,
                L::Vue,
                L::Svelte,
                L::Shell,
                L::Dockerfile,
                L::Yaml,
                L::Json,
                L::Toml,
                L::Dotenv,
                L::Swift,
                L::Dart,
            ],
        },
    ),
];

fn support_matrix() -> BTreeMap<(LanguageId, RuleId), Cell> {
    let mut cells: BTreeMap<(LanguageId, RuleId), Cell> = BTreeMap::new();
    for path in fixture_files() {
        let language = Language::for_path(&path).expect("fixture language").id;
        let rel = relative(&path);
        let Some(rule) = MATRIX_RULES
            .iter()
            .map(|(r, _)| *r)
            .find(|r| rel.starts_with(&format!("{}/", r.name())))
        else {
            continue;
        };
        let (text, findings) = analyze(&path);
        let cell = cells.entry((language, rule)).or_default();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("negatives") {
            cell.negative_files += 1;
        }
        let expected = common::markers::expectations_for(&path, &text);
        for f in findings.iter().filter(|f| f.rule == rule) {
            let line = line_col(&text, f.range.start).line;
            if expected.contains(&(line, rule.code().to_string())) {
                cell.true_positives += 1;
                if f.fixes.iter().any(|x| !x.title.starts_with("Ignore ")) {
                    cell.fixed += 1;
                }
            }
        }
    }
    cells
}

fn languages_markdown(cells: &BTreeMap<(LanguageId, RuleId), Cell>) -> String {
    let mut out = String::from(
        "# Supported languages\n\n<!-- Generated by `tests/fixtures.rs` from the language registry and the fixture results; do not edit by hand. Regenerate with `MUFI_UPDATE_DOCS=1 cargo test --test fixtures support_matrix`. -->\n\n",
    );
    out.push_str(
        "A rule is marked **✓** for a language when the fixtures under `tests/fixtures/<rule>/` in that\nlanguage have reported true positives and a negatives file that stays silent, and **✓ fix**\nwhen some of those findings also carry a quick fix besides the ignore comment (which fixes\nexist depends on the shape: the MUFI001 fix per language is in the second table). The test that writes\nthis page fails when a cell loses its fixtures, so the table cannot claim more than is tested.\n\n",
    );
    out.push_str("| language | files |");
    for (rule, _) in MATRIX_RULES {
        out.push_str(&format!(" {} |", rule.code()));
    }
    out.push_str("\n| --- | --- |");
    for _ in MATRIX_RULES {
        out.push_str(" --- |");
    }
    out.push('\n');
    for language in registry() {
        let mut files: Vec<String> = language
            .extensions
            .iter()
            .map(|e| format!("`.{e}`"))
            .collect();
        files.extend(language.file_names.iter().map(|n| {
            if n.ends_with('.') {
                format!("`{n}*`")
            } else {
                format!("`{n}`")
            }
        }));
        if language.id == LanguageId::Dotenv {
            files = vec!["`.env`".into(), "`.env.*`".into(), "`*.env`".into()];
        }
        let mut row = format!("| {} | {} |", language.name, files.join(" "));
        for (rule, claim) in MATRIX_RULES {
            let cell = cells
                .get(&(language.id, *rule))
                .copied()
                .unwrap_or_default();
            let mark = if claim.never(language.id) {
                "n/a"
            } else if cell.true_positives == 0 || cell.negative_files == 0 {
                "—"
            } else if cell.fixed > 0 {
                "✓ fix"
            } else {
                "✓"
            };
            row.push_str(&format!(" {mark} |"));
        }
        out.push_str(&row);
        out.push('\n');
    }
    out.push_str("\nn/a: the contract never applies the rule there (MUFI001 in dotenv files: `.env` is where keys belong, and MUFI005 checks it is ignored; MUFI005 reads only dotenv files). —: possible, not covered yet (no fixtures claim it).\n");
    out.push_str("\n## Per language\n\n| language | editor `languageId` | comment | MUFI001 fix reads the key with | embedded code |\n| --- | --- | --- | --- | --- |\n");
    for language in registry() {
        let comment = match (language.comment.line, language.comment.block) {
            (Some(line), _) => format!("`{line}`"),
            (None, Some((open, close))) => format!("`{open} … {close}`"),
            (None, None) => "none (no ignore comment)".into(),
        };
        let ids: Vec<String> = language.lsp_ids.iter().map(|i| format!("`{i}`")).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            language.name,
            ids.join(", "),
            comment,
            language.env_read.describe(),
            language.embeds_description().unwrap_or("")
        ));
    }
    out
}

#[test]
fn support_matrix_is_full_and_documented() {
    let cells = support_matrix();
    let mut gaps = Vec::new();
    for language in registry() {
        for (rule, claim) in MATRIX_RULES {
            if !claim.claims(language.id) {
                continue;
            }
            let cell = cells
                .get(&(language.id, *rule))
                .copied()
                .unwrap_or_default();
            if cell.true_positives == 0 || cell.negative_files == 0 {
                gaps.push(format!(
                    "{} × {}: {} true positives, {} negatives files",
                    language.name,
                    rule.code(),
                    cell.true_positives,
                    cell.negative_files
                ));
            }
        }
    }
    let doc = languages_markdown(&cells);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/languages.md");
    if std::env::var_os("MUFI_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &doc).expect("docs/languages.md is writable");
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(gaps.is_empty(), "support matrix gaps:\n{}", gaps.join("\n"));
    assert!(
        current == doc,
        "docs/languages.md is out of date: regenerate it with MUFI_UPDATE_DOCS=1 cargo test --test fixtures support_matrix"
    );
}

/// Each project tree's `classification.expect` lists its source files as `client` or
/// `server`; the project model must agree on every one, and every source file of the
/// tree must be listed.
#[test]
fn project_trees_are_classified_as_expected() {
    const SOURCE_EXTENSIONS: &[&str] = &[
        "js", "jsx", "ts", "tsx", "mjs", "cjs", "vue", "svelte", "html", "kt", "java", "swift",
        "dart",
    ];
    let projects = fixture_root().join("projects");
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut trees = 0;
    for entry in std::fs::read_dir(&projects).expect("projects/ exists") {
        let root = entry.expect("entry").path();
        let Ok(list) = std::fs::read_to_string(root.join("classification.expect")) else {
            continue;
        };
        trees += 1;
        let model = ProjectModel::new();
        let mut listed = std::collections::BTreeSet::new();
        for line in list.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (rel, verdict) = line
                .rsplit_once(':')
                .unwrap_or_else(|| panic!("{}: bad line `{line}`", root.display()));
            let path = root.join(rel.trim());
            listed.insert(path.clone());
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("{}: listed but missing", relative(&path)));
            let language = Language::for_path(&path).expect("a source file");
            let context = model.file_context(&path);
            let reason = mufi_lsp::project::client_side_reason(&context, &text, language);
            let expected_client = match verdict.trim() {
                "client" => true,
                "server" => false,
                other => panic!("{}: verdict `{other}`", relative(&path)),
            };
            checked += 1;
            if reason.is_some() != expected_client {
                failures.push(format!(
                    "{}: expected {}, got {}",
                    relative(&path),
                    verdict.trim(),
                    reason.map_or("server".to_string(), |r| format!("client ({r})"))
                ));
            }
        }
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("readable") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e))
                    && !listed.contains(&path)
                {
                    failures.push(format!("{}: not in classification.expect", relative(&path)));
                }
            }
        }
    }
    assert!(
        trees >= 7,
        "only {trees} project trees with classification.expect"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{checked} files in {trees} project trees classified as expected");
}
