// The extension itself (dist's source, src/extension.ts) in a stand-in VS Code, with the
// real server: not-found notification, initial settings, settings pushed on change,
// restart when mufi-lsp.path changes, the restart command, deactivation.

import { recorded, runCommand, textDocument, updateSettings, workspace, Uri } from './support/fakeVscode';

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

import * as extension from '../src/extension';
import { WAIT_MS, withTimeout } from './support/lspServer';
import { serverBinary } from './support/paths';

/** Resolves once `check` holds, polled as the fake editor records things; fails after WAIT_MS. */
function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  return new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`timed out after ${WAIT_MS / 1000} s waiting for ${what}`));
      }
    }, 20);
  });
}

const codeOf = (d: { code?: unknown }) =>
  typeof d.code === 'object' && d.code !== null ? (d.code as { value: unknown }).value : d.code;

describe('the extension in a stand-in VS Code', () => {
  let dir: string;
  let extensionPath: string;
  let uri: string;
  const subscriptions: { dispose(): unknown }[] = [];
  const savedPath = process.env.PATH;
  const lines = (pattern: RegExp) => recorded.output.filter((l) => pattern.test(l)).length;
  const flagged = () => (recorded.diagnostics.get(uri) ?? []).filter((d) => codeOf(d) === 'MUFI003').map((d) => d.range.start.line);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mufi-lsp-ext-'));
    extensionPath = path.join(dir, 'extension');
    fs.mkdirSync(extensionPath);
    const file = path.join(dir, 'client.ts');
    const text = 'const BASE = "http://api.mufi.app/v1";\nconst STUB = "http://mufi-stub.staging-corp.net/v1";\n';
    fs.writeFileSync(file, text);
    const doc = textDocument(file, 'typescript', text);
    uri = doc.uri.toString();
    workspace.textDocuments.push(doc);
    workspace.workspaceFolders = [{ uri: Uri.file(dir), name: 'w', index: 0 }];
    updateSettings({ 'mufi-lsp.allowedHttpHosts': ['*.staging-corp.net'], 'mufi-lsp.trace.server': 'off' });
  });

  after(async () => {
    process.env.PATH = savedPath;
    await extension.deactivate();
    subscriptions.forEach((s) => s.dispose());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('with no server anywhere, says how to install one and opens mufi-lsp.path on request', async () => {
    process.env.PATH = '';
    recorded.answerErrorWith = 'Open Setting';
    extension.activate({ extensionPath, subscriptions } as any);
    await until(() => recorded.errors.length > 0, 'the error notification');
    const [{ message, buttons }] = recorded.errors;
    assert.match(message, /cargo install --path \./);
    assert.match(message, /mufi-lsp\.path/);
    assert.ok(buttons.includes('Open Setting'));
    assert.ok(recorded.output.includes(message), 'the same text is in the output channel');
    await until(() => recorded.executed.length > 0, 'the settings to open');
    assert.deepEqual(recorded.executed[0], ['workbench.action.openSettings', 'mufi-lsp.path']);
    process.env.PATH = savedPath;
  });

  it('starts the server when mufi-lsp.path is set, with the settings as initializationOptions', async () => {
    updateSettings({ 'mufi-lsp.path': serverBinary() });
    await until(() => flagged().length > 0, 'MUFI003 in the diagnostics collection');
    assert.deepEqual(flagged(), [0], 'allowedHttpHosts reached the server: line 1 is not flagged');
    assert.equal(lines(/from the mufi-lsp\.path setting/), 1);
  });

  it('pushes a settings change to the running server, and a reset to defaults too', async () => {
    updateSettings({ 'mufi-lsp.rules': { MUFI003: 'off' } });
    await until(() => recorded.diagnostics.has(uri) && flagged().length === 0, 'MUFI003 to go with the rule off');
    updateSettings({ 'mufi-lsp.rules': {}, 'mufi-lsp.allowedHttpHosts': [] });
    await until(() => flagged().length === 2, 'both URLs flagged with the defaults back');
    assert.equal(lines(/^Starting /), 1, 'no restart for these settings');
  });

  it('restarts on "Mufi: Restart Server", and takes the bundled server once mufi-lsp.path is cleared', async () => {
    recorded.diagnostics.delete(uri); // so only a publication from the new server counts
    await runCommand('mufi-lsp.restart');
    await until(() => lines(/^Starting /) === 2 && flagged().length === 2, 'the restarted server to publish');
    fs.mkdirSync(path.join(extensionPath, 'server'));
    fs.symlinkSync(serverBinary(), path.join(extensionPath, 'server', process.platform === 'win32' ? 'mufi-lsp.exe' : 'mufi-lsp'));
    recorded.diagnostics.delete(uri);
    updateSettings({ 'mufi-lsp.path': null });
    await until(() => lines(/from this extension/) === 1 && flagged().length === 2, 'the bundled server to publish');
  });

  it('stops the server on deactivation', async () => {
    await withTimeout(Promise.resolve(extension.deactivate()), 'deactivate', WAIT_MS);
    assert.equal(recorded.errors.length, 1, `no other error: ${recorded.errors.map((e) => e.message).join(' | ')}`);
  });
});
