// Applies an LSP WorkspaceEdit to one document's text, as an editor would: both the
// `changes` map and `documentChanges`, edits of one document applied from the end.

import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

/** The document's text after every edit `edit` makes to `uri`. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit): string {
  const edits: TextEdit[] = [];
  for (const [target, list] of Object.entries(edit.changes ?? {})) {
    if (target === uri) {
      edits.push(...list);
    }
  }
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      throw new Error(`unexpected resource operation in a quick fix: ${change.kind}`);
    }
    if (change.textDocument.uri === uri) {
      edits.push(...change.edits);
    }
  }
  return applyTextEdits(text, edits);
}

/** Applies non-overlapping edits whose ranges refer to the original text (UTF-16 positions). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const starts = lineStarts(text);
  const offsetOf = (p: Position): number => {
    if (p.line >= starts.length) {
      return text.length;
    }
    const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
    return Math.min(starts[p.line] + p.character, lineEnd);
  };
  const resolved = edits
    .map((e) => ({ start: offsetOf(e.range.start), end: offsetOf(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let previousStart = Infinity;
  for (const e of resolved) {
    if (e.end > previousStart) {
      throw new Error('overlapping edits');
    }
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    previousStart = e.start;
  }
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      starts.push(i + 1);
    }
  }
  return starts;
}
