// The test helper that applies a quick fix's WorkspaceEdit, checked on its own.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { applyTextEdits, applyWorkspaceEdit } from './support/workspaceEdit';

const range = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});

describe('WorkspaceEdit applier', () => {
  const uri = 'file:///w/a.ts';
  const text = 'let a = "http://x";\nlet b = 1;\n';

  it('applies `changes` for the document and ignores other documents', () => {
    const out = applyWorkspaceEdit(text, uri, {
      changes: {
        [uri]: [{ range: range(0, 9, 0, 13), newText: 'https' }],
        'file:///w/other.ts': [{ range: range(0, 0, 0, 3), newText: 'XXX' }],
      },
    });
    assert.equal(out, 'let a = "https://x";\nlet b = 1;\n');
  });

  it('applies `documentChanges`, several edits against the original positions', () => {
    const out = applyWorkspaceEdit(text, uri, {
      documentChanges: [
        {
          textDocument: { uri, version: 3 },
          edits: [
            { range: range(0, 0, 0, 3), newText: 'const' },
            { range: range(1, 0, 1, 3), newText: 'const' },
          ],
        },
      ],
    });
    assert.equal(out, 'const a = "http://x";\nconst b = 1;\n');
  });

  it('counts characters in UTF-16 code units', () => {
    assert.equal(applyTextEdits('😀 http://x', [{ range: range(0, 3, 0, 7), newText: 'https' }]), '😀 https://x');
  });

  it('rejects overlapping edits', () => {
    assert.throws(() =>
      applyTextEdits('abcdef', [
        { range: range(0, 0, 0, 3), newText: 'x' },
        { range: range(0, 2, 0, 4), newText: 'y' },
      ]),
    );
  });
});
