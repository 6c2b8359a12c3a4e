"""A hardcoded JWT-shaped Mufi key in TypeScript, after emoji and CJK on the same line:
UTF-16 ranges, redaction, and the preferred quick fix applied client-side."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from conftest import (
    MufiClient,
    action_edits,
    action_uris,
    apply_text_edits,
    assert_redacted,
    change_full,
    code_actions,
    codes,
    initialize,
    make_jwt,
    open_doc,
    preferred,
    utf8_len,
    utf16_len,
    vscode_capabilities,
)

KEY = make_jwt("Write")
BEFORE = 'const banner = "🎉 launch 日本語 👩‍💻 ok"; '
LINE = f'{BEFORE}const mufiKey = "{KEY}";'
TEXT = f"// 🚀 deploy notes\n{LINE}\nexport default mufiKey;\n"
LITERAL = f'"{KEY}"'
PREFIX = LINE[: LINE.index(LITERAL)]


def test_the_key_is_a_jwt_with_a_43_char_signature():
    header, payload, signature = KEY.split(".")
    assert header == "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    assert "=" not in KEY and len(signature) == 43
    # the prefix really does differ between encodings, or the test proves nothing
    assert len(PREFIX) < utf16_len(PREFIX) < utf8_len(PREFIX)


async def test_mufi001_range_is_in_utf16_code_units(client: MufiClient, tmp_path: Path):
    uri = (tmp_path / "config.ts").as_uri()
    open_doc(client, uri, "typescript", TEXT)
    diags = await client.wait_for_diagnostics(uri, 1)
    assert codes(diags) == ["MUFI001"]
    d = diags[0]
    assert d.source == "mufi-lsp"
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.range == types.Range(
        start=types.Position(line=1, character=utf16_len(PREFIX)),
        end=types.Position(line=1, character=utf16_len(PREFIX + LITERAL)),
    )
    # spelled out: 57 UTF-16 units before the literal (54 code points, 71 UTF-8 bytes)
    assert (d.range.start.character, d.range.end.character) == (57, 57 + len(KEY) + 2)
    assert "Write" in d.message
    assert_redacted(KEY, d.message)
    assert d.code_description is not None and "mufi001" in d.code_description.href.lower()


async def test_preferred_quick_fix_moves_the_key_to_the_environment(
    client: MufiClient, tmp_path: Path
):
    uri = (tmp_path / "config.ts").as_uri()
    open_doc(client, uri, "typescript", TEXT)
    [diag] = await client.wait_for_diagnostics(uri, 1)
    assert diag.code == "MUFI001"

    actions = await code_actions(client, uri, diag)
    fix = preferred(actions)
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.diagnostics and fix.diagnostics[0].code == "MUFI001"
    assert action_uris(fix) == {uri}, "the preferred fix edits only this file"
    for action in actions:
        assert_redacted(KEY, action.title)

    fixed = apply_text_edits(TEXT, action_edits(fix, uri))
    assert "process.env.MUFI_API_KEY" in fixed
    assert KEY not in fixed and KEY[:20] not in fixed
    assert fixed == TEXT.replace(LITERAL, "process.env.MUFI_API_KEY")

    change_full(client, uri, 2, fixed)
    diags = await client.wait_for_diagnostics(uri, 2)
    assert "MUFI001" not in codes(diags)
    assert diags == []


@pytest.mark.parametrize(
    ("offered", "negotiated", "units"),
    [
        (None, types.PositionEncodingKind.Utf16, utf16_len),
        (["utf-16"], types.PositionEncodingKind.Utf16, utf16_len),
        (["utf-32"], types.PositionEncodingKind.Utf16, utf16_len),
        (["utf-16", "utf-8"], types.PositionEncodingKind.Utf8, utf8_len),
    ],
    ids=["none-offered", "utf16", "utf32-only", "utf8-offered"],
)
async def test_position_encoding_negotiation(
    lsp: MufiClient, tmp_path: Path, offered, negotiated, units
):
    """The server picks UTF-8 when offered, else UTF-16, says so, and counts in it."""
    caps = vscode_capabilities()
    if offered is not None:
        caps.general = types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind(e) for e in offered]
        )
    result = await initialize(lsp, caps, tmp_path)
    assert (result.capabilities.position_encoding or types.PositionEncodingKind.Utf16) == negotiated
    uri = (tmp_path / "config.ts").as_uri()
    open_doc(lsp, uri, "typescript", TEXT)
    [d] = await lsp.wait_for_diagnostics(uri, 1)
    assert (d.range.start.character, d.range.end.character) == (
        units(PREFIX),
        units(PREFIX + LITERAL),
    )
