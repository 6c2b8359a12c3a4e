//! Bad input never crashes the engine or the document store: deep nesting, random
//! bytes, huge files, and edits with nonsense positions.

mod common;

use common::Rng;
use mufi_lsp::config::Config;
use mufi_lsp::document::{Change, Document, Encoding, Pos};
use mufi_lsp::engine::{analyze, SourceFile};
use mufi_lsp::language::{registry, Language, LanguageId};
use mufi_lsp::project::FileContext;

fn analyze_everywhere(text: &str) {
    for language in registry() {
        let _ = analyze(
            &SourceFile {
                text,
                language,
                tree: None,
            },
            &FileContext::default(),
            &Config::default(),
        );
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 20_000;
    let arrays = format!(
        "x = {}\"http://api.mufi.app\"{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    analyze_everywhere(&arrays);
    let calls = format!("{}verify=False{}", "f(".repeat(depth), ")".repeat(depth));
    analyze_everywhere(&calls);
    let unclosed = format!("const a = {}\"eyJ\"", "{ b: ".repeat(depth));
    analyze_everywhere(&unclosed);
}

#[test]
fn random_text_with_trigger_words_does_not_panic() {
    let mut rng = Rng(0xC0FF_EE00_1234_5678);
    let words = [
        "http://",
        "mufi",
        "eyJ",
        "verify=False",
        "\"",
        "'",
        "`",
        "${",
        "{",
        "}",
        "(",
        ")",
        "\n",
        "rejectUnauthorized",
        ":",
        "=",
        "é",
        "😀",
        "\u{2028}",
        "\r",
        "#",
        "//",
        "/*",
        "mufi-lsp: ignore",
        "NEXT_PUBLIC_MUFI_KEY",
        "process.env.",
        "os.environ[",
        "]",
        "import os",
        "\"use client\"",
        "<a href=",
        ">",
        "\\",
    ];
    for _ in 0..300 {
        let len = (rng.next() % 200) as usize;
        let text: String = (0..len)
            .map(|_| words[(rng.next() % words.len() as u64) as usize])
            .collect();
        analyze_everywhere(&text);
    }
}

#[test]
fn lossy_decoded_bytes_do_not_panic() {
    let mut rng = Rng(42);
    for _ in 0..100 {
        let bytes: Vec<u8> = (0..512).map(|_| rng.next() as u8).collect();
        analyze_everywhere(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn files_over_the_size_limit_are_skipped() {
    let config = Config {
        max_file_size: 1000,
        ..Config::default()
    };
    let text = "const u = \"http://api.mufi.app\";\n".repeat(100);
    let language = &registry()[0];
    let findings = analyze(
        &SourceFile {
            text: &text,
            language,
            tree: None,
        },
        &FileContext::default(),
        &config,
    );
    assert!(findings.is_empty());
}

#[test]
fn nonsense_edit_positions_are_clamped() {
    let mut rng = Rng(7);
    for language in registry() {
        let mut doc = Document::new("let a = 1;\nconst 😀 = \"é\";\n", 1, language);
        for version in 2..200 {
            let mut p = || Pos {
                line: (rng.next() % 6) as u32,
                character: (rng.next() % 40) as u32,
            };
            let (a, b) = (p(), p());
            let change = Change {
                range: Some((a, b)),
                text: ["x", "", "😀\n", "\r\n", "é"][(rng.next() % 5) as usize].to_string(),
            };
            let encoding =
                [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][(version % 3) as usize];
            doc.apply_changes(&[change], version, encoding);
            let text = doc.text();
            // The line index ends where the text does.
            let end = Pos {
                line: u32::MAX,
                character: 0,
            };
            assert_eq!(doc.position_to_offset(end, encoding), text.len());
            // Every position maps back inside the text, on a character boundary.
            for offset in [0, text.len() / 2, text.len()] {
                let pos = doc.offset_to_position(offset, encoding);
                let back = doc.position_to_offset(pos, encoding);
                assert!(back <= text.len() && text.is_char_boundary(back));
            }
        }
    }
}

#[test]
fn key_split_by_a_line_break_inside_a_yaml_plain_scalar_does_not_panic() {
    // Pasting a key into `runtime: nodejs20.x` after its first letter, then breaking
    // the line inside the key's signature: the plain scalar `r"eyJ….d` holds a quote
    // that once read as a delimiter, cutting the scalar short of the token in it.
    let key = common::fake_key("Write");
    let cut = key.rfind('.').unwrap() + 2;
    let text = format!(
        "provider:\n  name: aws\n  r\"{}\n{}\"untime: nodejs20.x\n",
        &key[..cut],
        &key[cut..]
    );
    let findings = analyze(
        &SourceFile {
            text: &text,
            language: Language::get(LanguageId::Yaml),
            tree: None,
        },
        &FileContext::default(),
        &Config::default(),
    );
    let token = text.find("eyJ").unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f.rule.code() == "MUFI001" && f.range.start <= token),
        "the key before the break is still found"
    );
}
