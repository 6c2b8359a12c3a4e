"""Incremental sync on a large file: 40 range-edit didChange notifications, the text
tracked client-side with our own UTF-16 arithmetic, then the final version's
diagnostics compared with what the client's copy of the text says they must be."""

from __future__ import annotations

import random
import re
from pathlib import Path

from lsprotocol import types

from conftest import (
    MufiClient,
    apply_text_edits,
    line_starts,
    open_doc,
    position_at,
    utf16_len,
)

INSERT = 'const u = "http://api.mufi.app/x";'
URL = "http://api.mufi.app/x"
LINES = 5000


def generated_js() -> str:
    out = ["// generated: 5,000 lines of harmless JavaScript ✓ 測試\n"]
    for i in range(1, LINES):
        if i % 3 == 0:
            out.append(f'const note{i} = "🚀 launch 日本 👩‍💻 {i}";\n')
        else:
            out.append(f"export function handler{i}(req) {{ return req.id + {i}; }}\n")
    return "".join(out)


def change(start: types.Position, end: types.Position, text: str):
    return types.TextDocumentContentChangePartial(
        range=types.Range(start=start, end=end), text=text
    )


def apply(text: str, c: types.TextDocumentContentChangePartial) -> str:
    return apply_text_edits(text, [types.TextEdit(range=c.range, new_text=c.text)])


class Plan:
    """Random but seeded edits, each computed against the client's current text."""

    def __init__(self, text: str, seed: int = 20240611):
        self.text = text
        self.rng = random.Random(seed)
        self.inserted = 0
        self.deleted = 0
        self.tail_inserts = 0

    def insert(self) -> types.TextDocumentContentChangePartial:
        starts = line_starts(self.text)
        if self.rng.random() < 0.3:
            # at the end of a line holding emoji and CJK: exercises UTF-16 columns
            while True:
                line = self.rng.randrange(len(starts) - 1)
                end = self.text.index("\n", starts[line])
                if (
                    self.text[starts[line] : end].startswith("const note")
                    and URL not in self.text[starts[line] : end]
                ):
                    break
            pos = position_at(self.text, end, starts)
            c = change(pos, pos, " " + INSERT)
            self.tail_inserts += 1
        else:
            # a new line at a line start (the line after the last one included)
            line = self.rng.randrange(len(starts))
            pos = types.Position(line=line, character=0)
            c = change(pos, pos, INSERT + "\n")
        self.inserted += 1
        self.text = apply(self.text, c)
        return c

    def delete(self) -> types.TextDocumentContentChangePartial:
        found = [m.start() for m in re.finditer(re.escape(INSERT), self.text)]
        at = self.rng.choice(found)
        starts = line_starts(self.text)
        if at in starts:  # a whole inserted line: delete it and its newline
            line = starts.index(at)
            c = change(
                types.Position(line=line, character=0),
                types.Position(line=line + 1, character=0),
                "",
            )
        else:  # appended after ' ' at a line's end
            c = change(
                position_at(self.text, at - 1, starts),
                position_at(self.text, at + len(INSERT), starts),
                "",
            )
        self.deleted += 1
        self.text = apply(self.text, c)
        return c

    def step(self) -> list[types.TextDocumentContentChangePartial]:
        live = self.inserted - self.deleted
        if live > 2 and self.rng.random() < 0.2:
            # two changes in one notification, applied in order
            return [self.delete(), self.insert()]
        if live > 0 and self.rng.random() < 0.35:
            return [self.delete()]
        return [self.insert()]


def expected_diagnostics(text: str) -> list[tuple[int, int, int]]:
    out = []
    starts = line_starts(text)
    i = text.find(f'"{URL}"')
    while i != -1:
        start = position_at(text, i + 1, starts)
        out.append((start.line, start.character, start.character + utf16_len(URL)))
        i = text.find(f'"{URL}"', i + 1)
    return out


async def test_forty_incremental_edits_on_a_5000_line_file(client: MufiClient, tmp_path: Path):
    uri = (tmp_path / "big.js").as_uri()
    text = generated_js()
    assert text.count("\n") == LINES
    open_doc(client, uri, "javascript", text)
    assert await client.wait_for_diagnostics(uri, 1, timeout=30) == []

    plan = Plan(text)
    version = 1
    for _ in range(40):
        version += 1
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=plan.step(),
            )
        )
    assert version == 41
    # the plan did what it claims: inserts of both kinds, deletes, and survivors
    assert plan.deleted >= 8 and plan.tail_inserts >= 3
    live = plan.inserted - plan.deleted
    assert live >= 8

    diags = await client.wait_for_diagnostics(uri, version, timeout=30)
    expected = expected_diagnostics(plan.text)
    assert len(expected) == live, "one URL per surviving insert in the client's text"
    assert all(d.code == "MUFI003" for d in diags), [d.code for d in diags]
    assert all(d.severity == types.DiagnosticSeverity.Error for d in diags)
    got = sorted(
        (d.range.start.line, d.range.start.character, d.range.end.character) for d in diags
    )
    assert all(d.range.start.line == d.range.end.line for d in diags)
    assert got == expected
    # tail inserts sit after emoji: their UTF-16 columns are not code-point columns
    lines = plan.text.split("\n")
    assert any(col != lines[line].index(URL) for line, col, _ in expected)
