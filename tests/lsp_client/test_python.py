"""Python files: `verify=False` (MUFI004) flipped by its quick fix, and a hardcoded key
(MUFI001) replaced by an environment lookup that brings its own `import os`."""

from __future__ import annotations

from pathlib import Path

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
    make_jwt,
    open_doc,
    preferred,
    utf16_len,
)

VERIFY_FALSE = '''"""Wallet sync — 同期 🔄."""
import requests


def fetch(url):
    return requests.get(url, verify=False)
'''


async def test_verify_false_quick_fix_sets_verify_true(client: MufiClient, tmp_path: Path):
    uri = (tmp_path / "sync.py").as_uri()
    open_doc(client, uri, "python", VERIFY_FALSE)
    diags = await client.wait_for_diagnostics(uri, 1)
    assert codes(diags) == ["MUFI004"]
    [d] = diags
    assert d.source == "mufi-lsp"
    assert d.severity == types.DiagnosticSeverity.Error
    line = VERIFY_FALSE.splitlines()[5]
    assert d.range.start.line == 5
    # the range covers the offending argument (or at least its `False`)
    covered = line[d.range.start.character : d.range.end.character]
    assert "False" in covered and "requests" not in covered, covered

    fix = preferred(await code_actions(client, uri, d))
    assert fix.kind == types.CodeActionKind.QuickFix
    assert action_uris(fix) == {uri}
    fixed = apply_text_edits(VERIFY_FALSE, action_edits(fix, uri))
    assert fixed == VERIFY_FALSE.replace("verify=False", "verify=True")

    change_full(client, uri, 2, fixed)
    assert await client.wait_for_diagnostics(uri, 2) == []


KEY = make_jwt("Write")
HARDCODED = f'''"""Backend settings 🔐."""
import requests

MUFI_API_KEY = "{KEY}"
session = requests.Session()
'''


async def test_hardcoded_key_fix_adds_import_os(client: MufiClient, tmp_path: Path):
    uri = (tmp_path / "settings.py").as_uri()
    open_doc(client, uri, "python", HARDCODED)
    diags = await client.wait_for_diagnostics(uri, 1)
    assert codes(diags) == ["MUFI001"]
    [d] = diags
    assert d.range.start == types.Position(line=3, character=utf16_len("MUFI_API_KEY = "))
    assert d.range.end == types.Position(line=3, character=utf16_len(f'MUFI_API_KEY = "{KEY}"'))
    assert "Write" in d.message
    assert_redacted(KEY, d.message)

    fix = preferred(await code_actions(client, uri, d))
    edits = action_edits(fix, uri)
    fixed = apply_text_edits(HARDCODED, edits)
    assert fixed == (
        '"""Backend settings 🔐."""\n'
        "import os\n"
        "import requests\n"
        "\n"
        'MUFI_API_KEY = os.environ["MUFI_API_KEY"]\n'
        "session = requests.Session()\n"
    )
    assert KEY not in fixed
    # two edits in one action: the import and the replacement
    assert len(edits) == 2

    change_full(client, uri, 2, fixed)
    assert await client.wait_for_diagnostics(uri, 2) == []


async def test_key_fix_does_not_duplicate_an_existing_import_os(client: MufiClient, tmp_path: Path):
    text = f'import os\n\nMUFI_API_KEY = "{KEY}"\n'
    uri = (tmp_path / "again.py").as_uri()
    open_doc(client, uri, "python", text)
    [d] = await client.wait_for_diagnostics(uri, 1)
    fix = preferred(await code_actions(client, uri, d))
    fixed = apply_text_edits(text, action_edits(fix, uri))
    assert fixed == 'import os\n\nMUFI_API_KEY = os.environ["MUFI_API_KEY"]\n'
