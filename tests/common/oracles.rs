//! Input generators and oracles shared by the property tests (`tests/properties.rs`)
//! and the fuzz targets (`fuzz/`): each oracle reads every choice it makes from one
//! byte string and panics when a property breaks, so a fuzzer's finding replays as a test.
//! Kept to the library, std, tokio and serde_json: the fuzz crate includes this file.

use std::path::PathBuf;
use std::sync::Arc;

use mufi_lsp::config::Config;
use mufi_lsp::document::{encoded_len, Change, Document, Encoding, Pos};
use mufi_lsp::engine::{analyze, analyze_thorough, SourceFile};
use mufi_lsp::finding::{Edit, Finding};
use mufi_lsp::incremental::FileFacts;
use mufi_lsp::jwt;
use mufi_lsp::language::{registry, Language};
use mufi_lsp::project::FileContext;
use mufi_lsp::report::{self, FileReport, Format};
use mufi_lsp::server::framing::{pump_input, read_frame, Frame};
use mufi_lsp::server::state::{self, Base, Raw, Snapshot};

/// Reads choices from the input front to back; an exhausted input reads as zeros, so
/// every byte string is a valid script and a shorter one is a simpler script.
pub struct Choices<'a> {
    data: &'a [u8],
}

impl<'a> Choices<'a> {
    pub fn new(data: &'a [u8]) -> Choices<'a> {
        Choices { data }
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    /// A number below `n` (0 when `n` is 0 or 1).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        u16::from_le_bytes([self.byte(), self.byte()]) as usize % n
    }

    /// Up to `n` raw bytes.
    pub fn bytes(&mut self, n: usize) -> &'a [u8] {
        let (taken, rest) = self.data.split_at(n.min(self.data.len()));
        self.data = rest;
        taken
    }
}

/// A fake Mufi key (a JWT with a fake signature): the engine's strongest trigger.
pub const FAKE_KEY: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2Z1enoiLCJwZXJtaXNzaW9uIjoiV3JpdGUifQ.ZnV6ei1zaWduYXR1cmUtbm90LXJlYWwtMDEyMzQ1Njc4OQ";

/// What generated text is made of: the words rules look for, the syntax around them,
/// and the characters position arithmetic gets wrong (multi-byte, astral, combining,
/// every line break LSP knows and some it does not, NUL and control characters).
const PIECES: &[&str] = &[
    FAKE_KEY,
    "\"",
    "'",
    "`",
    "http://api.mufi.app/v1",
    "https://",
    "mufi",
    "MufiClient(",
    "apiKey",
    "mufiApiKey = ",
    "MUFI_API_KEY",
    "verify=False",
    "rejectUnauthorized: false",
    "InsecureSkipVerify: true",
    "Access-Control-Allow-Origin",
    "\"*\"",
    "unsafe-inline",
    "redirect(",
    "process.env.",
    "os.environ[",
    "import os\n",
    "\"use client\"\n",
    "// mufi-lsp: ignore MUFI003\n",
    "# mufi-lsp: ignore\n",
    "<script>",
    "</script>",
    "<a href=",
    "${",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ":",
    "=",
    ";",
    ",",
    ".",
    " ",
    "  ",
    "\t",
    "-",
    "#",
    "//",
    "/*",
    "*/",
    "\\",
    "x",
    "é",
    "日本",
    "😀",
    "e\u{301}",
    "\u{200d}",
    "\u{feff}",
    "\n",
    "\r\n",
    "\r",
    "\u{2028}",
    "\u{85}",
    "\u{0b}",
    "\u{0c}",
    "\0",
    "\u{1b}[31m",
];

/// A text of up to `max` pieces, now and then with raw bytes read lossily.
pub fn text(c: &mut Choices, max: usize) -> String {
    let count = c.below(max + 1);
    let mut out = String::new();
    for _ in 0..count {
        match c.below(8) {
            0 => {
                let n = c.below(8);
                out.push_str(&String::from_utf8_lossy(c.bytes(n)));
            }
            _ => out.push_str(PIECES[c.below(PIECES.len())]),
        }
    }
    out
}

const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

/// The byte offset of `pos` in `text` by LSP's rules, written apart from `Lines` as
/// its model: lines end at `\n`, `\r\n` or a lone `\r`; a line past the end is the
/// end; a character past the line's end is the line's end; a character inside a
/// multi-unit character is its start.
pub fn model_offset(text: &str, pos: Pos, encoding: Encoding) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text[start..].find(['\n', '\r']) {
            Some(i) if text[start + i..].starts_with("\r\n") => start += i + 2,
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    let mut units = 0usize;
    for (i, ch) in text[start..end].char_indices() {
        units += encoded_len(ch.encode_utf8(&mut [0; 4]), encoding);
        if units > pos.character as usize {
            return start + i;
        }
    }
    end
}

/// The position of byte `offset` (a character boundary) in `text`, by LSP's rules.
pub fn model_position(text: &str, offset: usize, encoding: Encoding) -> Pos {
    let before = &text[..offset];
    let mut line = 0;
    let mut start = 0;
    let bytes = before.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        let ends = *b == b'\n' || (*b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'));
        if ends {
            line += 1;
            start = i + 1;
        }
    }
    Pos {
        line,
        character: encoded_len(&text[start..offset], encoding) as u32,
    }
}

/// A document edited the way the language server edits and analyses it: changes
/// applied on arrival, analysis (`server::state::analyze`) now and then, incremental
/// from the last analysed version, trees dropped when memory is short.
pub struct Session {
    pub doc: Document,
    last: Option<(Raw, FileFacts)>,
    /// The last analysis without a parse error, while the document keeps its tree.
    clean: Option<(Raw, FileFacts)>,
    config: Arc<Config>,
}

impl Session {
    /// Opens `text` as the server does (unparsed; the first analysis parses it).
    pub fn open(text: &str, language: &'static Language) -> Session {
        Session {
            doc: Document::unparsed(text, 1, language),
            last: None,
            clean: None,
            config: Arc::new(Config::default()),
        }
    }

    pub fn change(&mut self, change: Change, encoding: Encoding) {
        let version = self.doc.version + 1;
        self.doc.apply_changes(&[change], version, encoding);
    }

    /// What the server's worker does with a queued document.
    pub fn analyze(&mut self) -> Vec<Finding> {
        let base = Base::of(&self.doc, self.last.as_ref(), self.clean.as_ref());
        let (tree, stale) = self.doc.edited_tree();
        let snap = Snapshot {
            version: self.doc.version,
            text: self.doc.text(),
            tree: tree.cloned(),
            stale,
            language: self.doc.language,
            file: FileContext::default(),
            base,
            excluded: None,
            generation: 0,
            config: self.config.clone(),
            last_took: None,
            reparse_took: std::time::Duration::ZERO,
        };
        let analysis = state::analyze(&snap, &self.config);
        let replaced = std::mem::replace(
            &mut self.last,
            analysis.raw.map(|raw| (raw, analysis.facts)),
        );
        if let (None, Some(tree)) = (self.doc.tree(), analysis.parsed) {
            self.doc.set_tree(tree);
        }
        let _ = self.doc.reset_base_keeping(replaced, &mut self.clean);
        analysis.findings
    }
}

/// Oracle (a): random edits to an open document leave the text the client has (by
/// `model_offset`) and the findings of opening that text fresh, at every analysis.
pub fn edits_match_a_fresh_open(data: &[u8]) {
    let mut c = Choices::new(data);
    let language = &registry()[c.below(registry().len())];
    let encoding = ENCODINGS[c.below(3)];
    let mut model = text(&mut c, 24);
    let mut session = Session::open(&model, language);
    session.analyze();
    // `ORACLE_TRACE=1` prints each step, to read a finding's replay.
    let trace = std::env::var_os("ORACLE_TRACE").is_some();
    let mut step = 0;
    while !c.is_empty() && step < 64 {
        step += 1;
        let line_count = model.matches('\n').count() + model.matches('\r').count() + 2;
        let mut pos = || Pos {
            line: c.below(line_count) as u32,
            character: c.below(24) as u32,
        };
        let (start, end) = (pos(), pos());
        let whole = c.below(16) == 0;
        let inserted = text(&mut c, 3);
        if whole {
            model = inserted.clone();
        } else {
            // A reversed range is read as empty at its start, as the server documents.
            let from = model_offset(&model, start, encoding);
            let to = model_offset(&model, end, encoding).max(from);
            model.replace_range(from..to, &inserted);
        }
        let range = (!whole).then_some((start, end));
        if trace {
            eprintln!(
                "{} step {step}: {range:?} <- {inserted:?}\n  now {model:?}",
                language.name
            );
        }
        session.change(
            Change {
                range,
                text: inserted,
            },
            encoding,
        );
        assert!(
            *session.doc.text() == *model,
            "{} step {step}: the document's text differs from the client's ({encoding:?})",
            language.name
        );
        let what = c.below(4);
        if trace {
            eprintln!(
                "  then {}",
                ["analyse", "drop tree", "nothing", "nothing"][what]
            );
        }
        match what {
            0 => assert_findings_of_a_fresh_open(&mut session, &model, step),
            1 => session.doc.drop_tree(),
            _ => {}
        }
    }
    assert_findings_of_a_fresh_open(&mut session, &model, step);
}

fn assert_findings_of_a_fresh_open(session: &mut Session, text: &str, step: usize) {
    let language = session.doc.language;
    let got = session.analyze();
    let want = Session::open(text, language).analyze();
    assert_eq!(
        got, want,
        "{} after edit {step}: the edited document's findings differ from a fresh open",
        language.name
    );
}

/// A path that `language` claims, for the rules that look at the file's name.
fn path_for(language: &Language) -> PathBuf {
    let name = match (language.extensions.first(), language.file_names.first()) {
        (Some(ext), _) => format!("input.{ext}"),
        (None, Some(name)) => name.to_string(),
        (None, None) => "input".to_string(),
    };
    PathBuf::from("/nonexistent/mufi-fuzz").join(name)
}

/// Every finding and fix points inside `text`, on character boundaries.
fn assert_ranges_inside(text: &str, findings: &[Finding], language: &Language) {
    let inside = |r: &std::ops::Range<usize>| {
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    for f in findings {
        assert!(
            inside(&f.range),
            "{}: {} range {:?} outside the text",
            language.name,
            f.rule.code(),
            f.range
        );
        for edit in f.fixes.iter().flat_map(|fix| &fix.edits) {
            if let Edit::Replace { range, .. } = edit {
                assert!(
                    inside(range),
                    "{}: {} fix edit {range:?} outside the text",
                    language.name,
                    f.rule.code()
                );
            }
        }
    }
}

/// Oracle (b): the engine and every report on arbitrary bytes, as every language,
/// never panic, keep their ranges inside the text, and never print a whole JWT.
pub fn engine_survives(data: &[u8]) {
    for language in registry() {
        engine_survives_as(language, data);
    }
}

/// `engine_survives` for the language the first byte picks (a fuzzer's many short
/// runs cover every language at a 25th of the cost of each), on the rest as raw
/// bytes or, when the second byte is odd, as code made of `PIECES`.
pub fn engine_survives_in_one_language(data: &[u8]) {
    let mut c = Choices::new(data);
    let language = &registry()[c.byte() as usize % registry().len()];
    if c.byte() % 2 == 1 {
        let code = text(&mut c, 200);
        engine_survives_as(language, code.as_bytes());
    } else {
        engine_survives_as(language, c.bytes(usize::MAX));
    }
}

fn engine_survives_as(language: &'static Language, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let tokens: Vec<&str> = jwt::find_all(&text)
        .iter()
        .map(|t| &text[t.start..t.end])
        .collect();
    {
        let path = path_for(language);
        let file = FileContext {
            path: Some(path.clone()),
            ..FileContext::default()
        };
        let src = SourceFile {
            text: &text,
            language,
            tree: None,
        };
        let findings = analyze(&src, &file, &Config::default());
        assert_ranges_inside(&text, &findings, language);
        // The fast path (prefilter, lexer, demands, scopes) finds what the thorough
        // one finds wherever the parse has no error: where it has one, tree-sitter's
        // recovery may read as code what the lexer read as a comment (by design).
        let clean = mufi_lsp::engine::parse(language, &text)
            .is_none_or(|tree| !tree.root_node().has_error());
        if clean && !language.has_embeds() {
            let thorough = analyze_thorough(&src, &file, &Config::default());
            let shown = |f: &[Finding]| -> Vec<String> {
                f.iter()
                    .map(|f| format!("{:?} {:?} {}", f.rule, f.range, f.message))
                    .collect()
            };
            assert_eq!(
                shown(&findings),
                shown(&thorough),
                "{}: the fast path differs from the thorough one on {:?}",
                language.name,
                &*text
            );
        }
        let files = [FileReport {
            display_path: path.display().to_string(),
            text: text.to_string(),
            findings,
        }];
        for format in [Format::Text, Format::Json, Format::Sarif, Format::Github] {
            let out = report::render(format, &files, 1, false, 0, &[]);
            if let Some(at) = tokens.iter().find_map(|t| out.find(t)) {
                // What led up to it, without the token itself.
                let mut from = at.saturating_sub(160);
                while !out.is_char_boundary(from) {
                    from -= 1;
                }
                panic!(
                    "{}: a {format:?} report prints a whole JWT after {:?}",
                    language.name,
                    &out[from..at]
                );
            }
        }
    }
}

/// A stream of framed messages for the framing guard: sound requests, bodies that
/// are not JSON or not JSON-RPC, lone surrogates, invalid UTF-8, wrong or missing
/// lengths, and bytes between frames.
pub fn framed_stream(c: &mut Choices) -> Vec<u8> {
    const BODIES: &[&str] = &[
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
        r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"t":"a\ud800b"}}"#,
        r#"{"jsonrpc":"2.0","method":"x","params":{"t":"\udc00\\ud800\ud83d\ude00\\"}}"#,
        r#"{"jsonrpc":"2.0","id":2,"result":null}"#,
        r#"{"jsonrpc":"2.0","id":"s","error":{"code":1,"message":"m"}}"#,
        r#"{"jsonrpc":"2.0","id":3,"bogus":true}"#,
        r#"{"jsonrpc":"2.0","method":"shutdown","id":4}"#,
        r#"[1,2"#,
        r#"{"#,
        r#""\u"#,
        "null",
    ];
    let mut out = Vec::new();
    while !c.is_empty() {
        let mut body = BODIES[c.below(BODIES.len())].as_bytes().to_vec();
        if c.below(4) == 0 {
            let at = c.below(body.len() + 1);
            let n = c.below(6);
            let noise = c.bytes(n).to_vec();
            body.splice(at..at, noise);
        }
        let length = match c.below(8) {
            0 => body.len() + c.below(4),
            1 => body.len().saturating_sub(c.below(4)),
            _ => body.len(),
        };
        match c.below(10) {
            0 => out.extend_from_slice(b"Content-Type: x\r\n\r\n"),
            1 => out.extend_from_slice(b"Content-Length: nope\r\n\r\n"),
            2 => {
                let n = c.below(6);
                out.extend_from_slice(c.bytes(n));
            }
            _ => {}
        }
        let separator: &[u8] = if c.below(6) == 0 {
            b"\n\n"
        } else {
            b"\r\n\r\n"
        };
        out.extend_from_slice(format!("Content-Length: {length}").as_bytes());
        out.extend_from_slice(separator);
        out.extend_from_slice(&body);
    }
    out
}

/// Reads `stream` frame by frame; every frame must be a JSON body.
async fn assert_all_json(stream: &[u8], what: &str) {
    let mut reader = tokio::io::BufReader::new(stream);
    loop {
        match read_frame(&mut reader).await {
            Ok(Frame::Body(body)) => assert!(
                serde_json::from_slice::<serde_json::Value>(&body).is_ok(),
                "{what}: a frame that is not JSON"
            ),
            Ok(Frame::Eof) => return,
            other => panic!("{what}: {other:?}"),
        }
    }
}

/// Oracle (c): the framing guard reads any input to its end without a panic, forwards
/// only JSON to the server, and answers the client only in framed JSON.
pub fn framing_survives(data: &[u8]) {
    let mut c = Choices::new(data);
    let stream = match c.byte() % 2 {
        0 => framed_stream(&mut c),
        _ => c.bytes(usize::MAX).to_vec(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        let replies = Arc::new(tokio::sync::Mutex::new(Vec::new()));
        let mut forwarded = Vec::new();
        let code = pump_input(&stream[..], &mut forwarded, replies.clone()).await;
        assert!(code <= 1, "exit code {code}");
        assert_all_json(&forwarded, "forwarded to the server").await;
        assert_all_json(&replies.lock().await, "answered to the client").await;
    });
}
