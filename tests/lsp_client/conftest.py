"""Shared fixtures and helpers for the pytest-lsp suite.

Everything here talks to the real `mufi-lsp` binary over stdio through pytest-lsp's
`LanguageClient` (pygls + lsprotocol). Nothing from the Rust side is reused: key
construction, UTF-16 position arithmetic and edit application are all done here.
"""

from __future__ import annotations

import asyncio
import base64
import bisect
import json
import os
import re
from pathlib import Path

import pytest
import pytest_asyncio
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

_LINE_END = re.compile(r"\r\n|\r|\n")

REPO_ROOT = Path(__file__).resolve().parents[2]
"""tests/lsp_client/conftest.py -> the repository root."""

DEFAULT_BIN = REPO_ROOT / "target" / "debug" / "mufi-lsp"
SERVER_BIN = Path(os.environ.get("MUFI_LSP_BIN") or DEFAULT_BIN)

WAIT = 20.0
"""Seconds to wait for any one response or publication before failing."""


def pytest_configure(config: pytest.Config) -> None:
    if not SERVER_BIN.is_file() or not os.access(SERVER_BIN, os.X_OK):
        raise pytest.UsageError(
            f"mufi-lsp binary not found at {SERVER_BIN}: run `cargo build` in {REPO_ROOT} "
            "or point MUFI_LSP_BIN at the binary"
        )


# --------------------------------------------------------------------------- client


class MufiClient(LanguageClient):
    """pytest-lsp's client, plus every publishDiagnostics kept in order (with its
    version) and the server's exit code."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []
        self._published_event = asyncio.Event()
        self.exit_code: int | None = None
        self.exited = asyncio.Event()
        self.registrations: list[types.Registration] = []

    async def server_exit(self, server: asyncio.subprocess.Process) -> None:
        self.exit_code = server.returncode
        self.exited.set()
        self._published_event.set()  # wakes diagnostics waiters, who then fail fast
        await super().server_exit(server)

    @property
    def running(self) -> bool:
        return self._server is not None and self._server.returncode is None

    async def wait_for_diagnostics(
        self, uri: str, version: int, timeout: float = WAIT
    ) -> list[types.Diagnostic]:
        """The diagnostics published for `uri` at exactly `version`.

        The server may skip intermediate versions (it publishes only if the document is
        still at the analysed version), so earlier publications are passed over."""

        async def find() -> list[types.Diagnostic]:
            while True:
                for p in reversed(self.published):
                    if p.uri == uri and p.version == version:
                        return list(p.diagnostics)
                if not self.running:
                    raise AssertionError(
                        f"server exited ({self.exit_code}) before publishing {uri} v{version}"
                    )
                self._published_event.clear()
                await self._published_event.wait()

        try:
            return await asyncio.wait_for(find(), timeout)
        except asyncio.TimeoutError:
            seen = [(p.uri, p.version) for p in self.published]
            raise AssertionError(
                f"no publishDiagnostics for {uri} at version {version} within {timeout}s; "
                f"saw {seen}"
            ) from None


def on_publish_diagnostics(client: MufiClient, params: types.PublishDiagnosticsParams):
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)
    client._published_event.set()


def on_register_capability(client: MufiClient, params: types.RegistrationParams) -> None:
    """pytest-lsp advertises dynamic registration but has no handler for it; the
    server asks to watch its config files."""
    client.registrations.extend(params.registrations)


def make_client() -> MufiClient:
    client = MufiClient(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = on_publish_diagnostics
    features[types.CLIENT_REGISTER_CAPABILITY] = on_register_capability
    register_lsp_features(client, features)
    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[str(SERVER_BIN)],
        client_factory=make_client,
        server_env={**os.environ, "MUFI_LSP_LOG": "warn"},
    ),
)
async def lsp(lsp_client: MufiClient):
    """A started, not yet initialized server. Tests that end the session themselves
    (shutdown/exit) leave nothing to do here; otherwise the session is closed
    politely, and the process killed if it does not go."""
    yield
    if not lsp_client.running:
        return
    try:
        if lsp_client.capabilities is not None:
            await asyncio.wait_for(lsp_client.shutdown_session(), 10)
        else:
            lsp_client.exit(None)
            await asyncio.wait_for(lsp_client.exited.wait(), 10)
    except (asyncio.TimeoutError, RuntimeError, ConnectionError):
        pass
    if lsp_client.running:
        lsp_client._server.kill()
        await lsp_client._server.wait()


def vscode_capabilities() -> types.ClientCapabilities:
    """The capabilities VS Code 1.65 sends, as recorded by pytest-lsp: no
    `general.positionEncodings`, so UTF-16 is the only encoding on offer."""
    return pytest_lsp.client_capabilities("visual-studio-code")


async def initialize(
    client: MufiClient,
    capabilities: types.ClientCapabilities,
    root: Path | None = None,
) -> types.InitializeResult:
    params = types.InitializeParams(
        capabilities=capabilities,
        root_uri=root.as_uri() if root else None,
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)]
        if root
        else None,
    )
    return await asyncio.wait_for(client.initialize_session(params), WAIT)


@pytest_asyncio.fixture
async def client(lsp: MufiClient, tmp_path: Path) -> MufiClient:
    """An initialized session with a UTF-16-only (VS Code) client."""
    result = await initialize(lsp, vscode_capabilities(), tmp_path)
    assert result.capabilities.position_encoding in (None, types.PositionEncodingKind.Utf16)
    return lsp


# --------------------------------------------------------------------------- helpers


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def make_jwt(permission: str = "Write", project: str = "prj_t") -> str:
    """A JWT-shaped Mufi key: real base64url header and payload, fake signature."""
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = b64url(
        json.dumps({"project": project, "permission": permission}, separators=(",", ":")).encode()
    )
    signature = b64url(b"fake signature, 32 bytes long!!!")
    assert len(signature) == 43
    return f"{header}.{payload}.{signature}"


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def utf8_len(s: str) -> int:
    return len(s.encode("utf-8"))


def line_starts(text: str) -> list[int]:
    """Python string offsets where each line starts (LSP lines: LF, CRLF or CR end one)."""
    return [0, *(m.end() for m in _LINE_END.finditer(text))]


def line_content_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] not in "\r\n":
        end += 1
    return end


def offset_at(text: str, pos: types.Position, starts: list[int] | None = None) -> int:
    """The Python string offset of a UTF-16 LSP position (exact: no clamping allowed)."""
    starts = starts if starts is not None else line_starts(text)
    assert pos.line < len(starts) or (pos.line == len(starts) and pos.character == 0), pos
    if pos.line == len(starts):
        return len(text)
    i = starts[pos.line]
    end = line_content_end(text, i)
    units = 0
    while units < pos.character:
        assert i < end, f"character {pos.character} past the end of line {pos.line}"
        units += utf16_len(text[i])
        i += 1
    assert units == pos.character, f"position {pos} splits a surrogate pair"
    return i


def position_at(text: str, offset: int, starts: list[int] | None = None) -> types.Position:
    """The UTF-16 LSP position of a Python string offset."""
    starts = starts if starts is not None else line_starts(text)
    line = bisect.bisect_right(starts, offset) - 1
    return types.Position(line=line, character=utf16_len(text[starts[line] : offset]))


def apply_text_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Applies LSP text edits (ranges in UTF-16, all relative to `text`), last first."""
    starts = line_starts(text)
    spans = sorted(
        (
            (
                offset_at(text, e.range.start, starts),
                offset_at(text, e.range.end, starts),
                e.new_text,
            )
            for e in edits
        ),
        key=lambda s: (s[0], s[1]),
    )
    for (_, a_end, _), (b_start, _, _) in zip(spans, spans[1:], strict=False):
        assert a_end <= b_start, f"overlapping edits: {spans}"
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def action_edits(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    """The text edits an action makes to `uri`, from `changes` or `documentChanges`."""
    edit = action.edit
    assert edit is not None, f"action without an edit: {action.title}"
    out: list[types.TextEdit] = []
    if edit.changes:
        out.extend(edit.changes.get(uri, []))
    for change in edit.document_changes or []:
        if isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri:
            out.extend(change.edits)
    return out


def action_uris(action: types.CodeAction) -> set[str]:
    edit = action.edit
    uris: set[str] = set()
    if edit is None:
        return uris
    uris.update((edit.changes or {}).keys())
    for change in edit.document_changes or []:
        if isinstance(change, types.TextDocumentEdit):
            uris.add(change.text_document.uri)
        elif hasattr(change, "uri"):
            uris.add(change.uri)
    return uris


def open_doc(client: MufiClient, uri: str, language: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=version, text=text
            )
        )
    )


def change_full(client: MufiClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def code_actions(
    client: MufiClient, uri: str, diagnostic: types.Diagnostic
) -> list[types.CodeAction]:
    result = await asyncio.wait_for(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=diagnostic.range,
                context=types.CodeActionContext(diagnostics=[diagnostic]),
            )
        ),
        WAIT,
    )
    actions = [a for a in result or [] if isinstance(a, types.CodeAction)]
    assert len(actions) == len(result or []), f"bare commands in {result}"
    return actions


def preferred(actions: list[types.CodeAction]) -> types.CodeAction:
    chosen = [a for a in actions if a.is_preferred]
    assert len(chosen) == 1, f"want exactly one preferred action: {[a.title for a in actions]}"
    return chosen[0]


def codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def assert_redacted(key: str, text: str) -> None:
    """`text` may show the key's first 6 characters, and no 7 consecutive ones."""
    for i in range(len(key) - 6):
        assert key[i : i + 7] not in text, f"key leaks (chars {i}..{i + 7}) in {text!r}"
