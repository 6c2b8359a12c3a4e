//! Properties over generated input: the fuzz targets' oracles (`common/oracles.rs`) run
//! here with bounded case counts so CI checks them on stable, and every offset <->
//! position conversion is held to an LSP model written apart from it.

#[path = "common/oracles.rs"]
mod oracles;

use mufi_lsp::document::{Change, Document, Encoding, Pos};
use mufi_lsp::language::{Language, LanguageId};
use mufi_lsp::lines::{line_end, line_index, line_start, next_line_start, LineIndex};
use mufi_lsp::report::Positions;
use oracles::{model_offset, model_position};
use proptest::prelude::*;

/// Case counts keep the whole file within about a minute of a debug build on two cores;
/// `PROPTEST_CASES` raises them for a longer local run.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        // Failures are turned into named regression tests, not files beside this one.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text made of the characters conversions get wrong: multi-byte, astral (a surrogate
/// pair in UTF-16), CJK, combining marks, zero-width joiners, and every line break.
fn tricky_text() -> impl Strategy<Value = String> {
    const ALPHABET: &[&str] = &[
        "a",
        "é",
        "😀",
        "日",
        "e\u{301}",
        "\u{200d}",
        "👩\u{200d}💻",
        "\n",
        "\r\n",
        "\r",
        "\r\r\n",
        "\u{2028}",
        "\u{85}",
        "\u{0b}",
        "\t",
        "\0",
        "\u{feff}",
    ];
    proptest::collection::vec(proptest::sample::select(ALPHABET), 0..40).prop_map(|v| v.concat())
}

const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

fn document(text: &str) -> Document {
    Document::unparsed(text, 1, Language::get(LanguageId::JavaScript))
}

/// The offsets a position can name: character boundaries, except between the `\r`
/// and `\n` of a CRLF, which LSP has no position for (the line's end is before both).
fn boundaries(text: &str) -> impl Iterator<Item = usize> + '_ {
    (0..=text.len()).filter(|&o| {
        text.is_char_boundary(o) && !(text[..o].ends_with('\r') && text[o..].starts_with('\n'))
    })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn every_offset_round_trips_through_its_lsp_position(text in tricky_text()) {
        let doc = document(&text);
        for encoding in ENCODINGS {
            for offset in boundaries(&text) {
                let pos = doc.offset_to_position(offset, encoding);
                prop_assert_eq!(pos, model_position(&text, offset, encoding), "{:?} at {}", encoding, offset);
                prop_assert_eq!(doc.position_to_offset(pos, encoding), offset, "{:?}", encoding);
            }
        }
    }

    #[test]
    fn an_offset_inside_a_character_maps_to_the_character_start(text in tricky_text()) {
        let doc = document(&text);
        for offset in (0..=text.len()).filter(|o| !text.is_char_boundary(*o)) {
            let start = (0..offset).rev().find(|o| text.is_char_boundary(*o)).unwrap_or(0);
            for encoding in ENCODINGS {
                prop_assert_eq!(
                    doc.offset_to_position(offset, encoding),
                    doc.offset_to_position(start, encoding)
                );
            }
        }
    }

    #[test]
    fn any_position_clamps_like_the_lsp_model(
        text in tricky_text(),
        positions in proptest::collection::vec((0u32..12, 0u32..48), 1..16),
    ) {
        let doc = document(&text);
        for (line, character) in positions {
            let pos = Pos { line, character };
            for encoding in ENCODINGS {
                prop_assert_eq!(
                    doc.position_to_offset(pos, encoding),
                    model_offset(&text, pos, encoding),
                    "{:?} {:?}", pos, encoding
                );
            }
        }
    }

    #[test]
    fn line_arithmetic_agrees_with_the_lsp_model(text in tricky_text()) {
        let index = LineIndex::new(&text);
        let positions = Positions::new(&text);
        for offset in boundaries(&text) {
            let pos = model_position(&text, offset, Encoding::Utf32);
            let start = offset - model_position(&text, offset, Encoding::Utf8).character as usize;
            let rest = &text[start..];
            let end = start + rest.find(['\n', '\r']).unwrap_or(rest.len());
            let next = end + if rest[end - start..].starts_with("\r\n") { 2 } else { usize::from(end < text.len()) };
            prop_assert_eq!(line_index(&text, offset), pos.line as usize);
            prop_assert_eq!(index.line(offset), pos.line as usize);
            prop_assert_eq!(line_start(&text, offset), start);
            prop_assert_eq!(index.line_start(offset), start);
            prop_assert_eq!(line_end(&text, offset), end);
            prop_assert_eq!(next_line_start(&text, offset), next);
            // Reports count 1-based lines, columns in scalar values and in UTF-16 units.
            let lc = positions.line_col(offset);
            prop_assert_eq!((lc.line, lc.column), (pos.line as usize + 1, pos.character as usize + 1));
            prop_assert_eq!(
                positions.utf16_column(offset),
                model_position(&text, offset, Encoding::Utf16).character as usize + 1
            );
        }
    }
}

/// Found by the engine fuzzer: MUFI002's message quoted the code that reads a key, and
/// the code held the key itself, so every report printed it whole.
#[test]
fn a_message_quoting_code_with_a_key_in_it_prints_the_key_redacted() {
    let input: &[u8] = &[
        33, 7, 67, 67, 67, 67, 67, 67, 67, 67, 67, 36, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67,
        67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 45, 67, 67, 67, 67, 67, 67, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 67, 67, 67, 67, 67, 67, 112, 114, 111, 156, 154, 156, 139, 67, 67, 67, 67,
        0, 0, 0, 0, 0, 49, 255, 99, 0, 0, 0, 0, 101, 121, 74, 104, 98, 71, 99, 105, 79, 105, 67,
        67, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 67, 67, 67, 67, 67, 67, 112, 114, 111, 156, 154, 156,
        139, 67, 67, 67, 67, 0, 0, 0, 0, 0, 49, 255, 74, 33,
    ];
    oracles::engine_survives_in_one_language(input);
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn random_edits_give_the_text_and_findings_of_a_fresh_open(
        data in proptest::collection::vec(any::<u8>(), 0..600)
    ) {
        oracles::edits_match_a_fresh_open(&data);
    }

    /// The engine fuzz target's input, replayed as it is.
    #[test]
    fn the_engine_survives_any_input_in_the_language_it_picks(
        data in proptest::collection::vec(any::<u8>(), 0..600)
    ) {
        oracles::engine_survives_in_one_language(&data);
    }

    #[test]
    fn the_framing_guard_survives_any_input(data in proptest::collection::vec(any::<u8>(), 0..600)) {
        oracles::framing_survives(&data);
    }
}

proptest! {
    // Each case runs every language and every report format.
    #![proptest_config(config(24))]

    #[test]
    fn the_engine_survives_any_bytes_in_every_language(
        data in proptest::collection::vec(any::<u8>(), 0..400)
    ) {
        oracles::engine_survives(&data);
    }

    #[test]
    fn the_engine_survives_generated_code_in_every_language(
        data in proptest::collection::vec(any::<u8>(), 0..400)
    ) {
        let text = oracles::text(&mut oracles::Choices::new(&data), 60);
        oracles::engine_survives(text.as_bytes());
    }
}

/// Found by the edits fuzzer (`fuzz/regressions/edits-9afcc28d.bin`, reduced): in
/// `\eyJ…` error recovery reads `\e` as an escape sequence, so the key starts in one
/// top-level unit and ends in the next. An empty edit at the start re-analysed only
/// the first unit, whose text alone holds no key trigger, and the key vanished.
#[test]
fn a_key_split_between_two_units_survives_an_edit_beside_it() {
    let key = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2Z1enoiLCJwZXJtaXNzaW9uIjoiV3JpdGUifQ.ZnV6ei1zaWduYXR1cmUtbm90LXJlYWwtMDEyMzQ1Njc4OQ";
    let text = format!("a\nb\n\\{key}ore\n");
    let mut session = oracles::Session::open(&text, Language::get(LanguageId::Tsx));
    let ranges = |findings: Vec<mufi_lsp::finding::Finding>| -> Vec<_> {
        findings
            .into_iter()
            .map(|f| (f.rule.code(), f.range))
            .collect()
    };
    assert_eq!(ranges(session.analyze()), [("MUFI001", 5..150)]);
    let at = |line, character| Pos { line, character };
    for (from, to) in [(at(0, 0), at(2, 0)), (at(0, 0), at(0, 0))] {
        session.change(
            Change {
                range: Some((from, to)),
                text: String::new(),
            },
            Encoding::Utf16,
        );
        assert_eq!(
            ranges(session.analyze()),
            [("MUFI001", 1..146)],
            "after the edit {from:?}..{to:?}"
        );
    }
}

/// Found by the edits fuzzer (`fuzz/regressions/edits-9feba76f.bin`, reduced): `ab`
/// glued to a key hides it (`abeyJ…` is one longer token). Typing `''` between them
/// makes the key, which starts just past the edit. Where a parse error (here a control
/// character) leaves no unit around the edit but the edit itself, the key was never
/// looked at again.
#[test]
fn a_key_an_edit_separates_from_the_text_before_it_is_found() {
    let filler: String = (0..40).map(|i| format!("k{i}: v\n")).collect();
    let key = oracles::FAKE_KEY;
    let text = format!("{filler}\u{1b}[31mapiKey\nab{key}");
    let mut session = oracles::Session::open(&text, Language::get(LanguageId::Yaml));
    assert_eq!(session.analyze(), [], "`abeyJ…` is no key");
    let at = |line, character| Pos { line, character };
    for (place, typed) in [(at(42, 139), "'''"), (at(41, 2), "''")] {
        session.change(
            Change {
                range: Some((place, place)),
                text: typed.to_string(),
            },
            Encoding::Utf8,
        );
    }
    let text = session.doc.text().to_string();
    let got = session.analyze();
    assert!(
        got.iter().any(|f| f.rule.code() == "MUFI001"),
        "no MUFI001 in {got:?}"
    );
    let fresh = oracles::Session::open(&text, Language::get(LanguageId::Yaml)).analyze();
    assert_eq!(got, fresh);
}
/// A document that is itself a name/value object: MUFI001 reads the `value` entry
/// under the `name` entry's value, however many entries lie between, so an edit to the
/// name re-judges the value. (Re-analysing the entries around the edit alone kept the
/// finding after the name stopped naming a key.)
#[test]
fn renaming_the_name_of_a_name_value_document_rejudges_its_value() {
    let filler = |line: &dyn Fn(usize) -> String| (0..40).map(line).collect::<String>();
    let json = format!(
        "{{\n  \"name\": \"MUFI_API_KEY\",\n{}  \"value\": \"ecs_8Kj3Hg6Fd1Sa4Zx7\"\n}}\n",
        filler(&|i| format!("  \"k{i}\": \"v\",\n"))
    );
    let yaml = format!(
        "name: MUFI_API_KEY\n{}value: ecs_8Kj3Hg6Fd1Sa4Zx7\n",
        filler(&|i| format!("k{i}: v\n"))
    );
    for (text, id) in [(json, LanguageId::Json), (yaml, LanguageId::Yaml)] {
        let language = Language::get(id);
        let mut session = oracles::Session::open(&text, language);
        let codes = |findings: Vec<mufi_lsp::finding::Finding>| -> Vec<&str> {
            findings.iter().map(|f| f.rule.code()).collect()
        };
        assert_eq!(codes(session.analyze()), ["MUFI001"], "{}", language.name);
        let line = text
            .lines()
            .position(|l| l.contains("MUFI_API_KEY"))
            .unwrap();
        let at = text.lines().nth(line).unwrap().find("KEY").unwrap() as u32 + 2;
        let place = |character| Pos {
            line: line as u32,
            character,
        };
        session.change(
            Change {
                range: Some((place(at), place(at + 1))),
                text: "X".to_string(),
            },
            Encoding::Utf8,
        );
        assert_eq!(
            codes(session.analyze()),
            [] as [&str; 0],
            "{}",
            language.name
        );
    }
}

/// Every input a fuzzer found and `fuzz/regressions/` keeps, replayed through the
/// oracle its name starts with (`edits-`, `engine-`, `framing-`). Drop a file in to
/// add one.
#[test]
fn every_kept_fuzzer_finding_replays_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions is readable") {
        let path = entry.expect("a directory entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(&path).expect("a kept input is readable");
        let oracle: fn(&[u8]) = match name.split('-').next() {
            Some("edits") => oracles::edits_match_a_fresh_open,
            Some("engine") => oracles::engine_survives,
            Some("framing") => oracles::framing_survives,
            _ => panic!(
                "{name}: name a kept input after its fuzz target (edits-, engine-, framing-)"
            ),
        };
        println!("replaying {name}");
        oracle(&data);
        replayed += 1;
    }
    assert!(replayed > 0, "no kept inputs in {}", dir.display());
}
