// End to end: the real mufi-lsp binary, driven over stdio through vscode-languageserver-protocol
// the way the extension's client drives it, with settings made by the extension's own mapping.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Command, Diagnostic, InitializeResult } from 'vscode-languageserver-protocol/node';

import { readerOf, toServerSettings } from '../src/settings';
import { LspServer, VSCODE_LIKE_CAPABILITIES, WAIT_MS, withTimeout } from './support/lspServer';
import { extensionRoot, serverBinary } from './support/paths';
import { applyWorkspaceEdit } from './support/workspaceEdit';

const HTTP_LINE = 'const BASE = "http://api.mufi.app/v1";\n';
const HTTPS_LINE = 'const BASE = "https://api.mufi.app/v1";\n';
/** Plain HTTP to a host the sample configuration allows: flagged only if the settings were lost. */
const ALLOWED_LINE = 'const STUB = "http://mufi-stub.staging-corp.net/v1";\n';
const isPlainHttp = (d: Diagnostic) => d.code === 'MUFI003';

/** A configuration as VS Code would hold it, extension-only keys included. */
const SAMPLE_CONFIGURATION = {
  path: '/opt/mufi-lsp/bin/mufi-lsp',
  trace: { server: 'verbose' },
  rules: { MUFI009: 'off', 'unused-suppression': 'hint' },
  exclude: ['**/vendor/**'],
  serverSide: ['**/*.ts'],
  allowedHttpHosts: ['localhost', '*.staging-corp.net'],
  extraKeyNames: ['PAYMENTS_TOKEN'],
  maxFileSize: 1_048_576,
  scanWorkspace: false,
  configurationPreference: 'editorFirst',
};

/** Errors (rejected settings) and warnings (unknown fields, such as a leaked `path`) shown so far. */
const complaintsOf = (server: LspServer) => server.shownMessages.filter((m) => m.type <= 2).map((m) => m.message);

describe('mufi-lsp end to end, over stdio', () => {
  let workspace: string;
  let server: LspServer;
  let uri: string;
  let text = `// Talks to Mufi.\n${HTTP_LINE}${ALLOWED_LINE}export default { BASE, STUB };\n`;
  let version = 1;
  let plainHttp: Diagnostic;

  before(async () => {
    // Outside any git repository, so nothing about this machine's checkout leaks in.
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'mufi-lsp-e2e-'));
    fs.mkdirSync(path.join(workspace, 'src'));
    const file = path.join(workspace, 'src', 'client.ts');
    fs.writeFileSync(file, text);
    uri = pathToFileURL(file).href;

    const initializationOptions = toServerSettings(readerOf(SAMPLE_CONFIGURATION));
    assert.equal('path' in initializationOptions, false, 'the extension-only setting is not sent');
    assert.equal(initializationOptions.scanWorkspace, false);
    assert.equal(initializationOptions.configurationPreference, 'editorFirst');
    server = LspServer.spawn(serverBinary(), initializationOptions);
    const root = pathToFileURL(workspace).href;
    const result = await withTimeout(
      server.connection.sendRequest<InitializeResult>('initialize', {
        processId: process.pid,
        clientInfo: { name: 'mufi-lsp e2e test' },
        rootUri: root,
        workspaceFolders: [{ uri: root, name: 'e2e' }],
        capabilities: VSCODE_LIKE_CAPABILITIES,
        initializationOptions,
      }),
      'the initialize response',
    );
    assert.ok(result.capabilities.codeActionProvider, 'the server offers code actions');
    await server.connection.sendNotification('initialized', {});
  });

  after(() => {
    server?.kill();
    if (workspace) {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('flags a plain-http Mufi URL in an opened TypeScript file (MUFI003), honouring initializationOptions', async () => {
    const since = server.mark();
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version, text },
    });
    const diagnostics = await server.waitForDiagnostics(
      uri,
      since,
      (ds) => ds.some(isPlainHttp),
      'a MUFI003 diagnostic',
    );
    const flagged = diagnostics.filter(isPlainHttp);
    assert.deepEqual(
      flagged.map((d) => d.range.start.line),
      [1],
      'the Mufi URL is flagged; the host allowed by allowedHttpHosts (line 2) is not',
    );
    plainHttp = flagged[0];
    assert.deepEqual(complaintsOf(server), [], 'scanWorkspace and configurationPreference are known fields');
  });

  it('offers a preferred quick fix whose edit switches the URL to https', async () => {
    const actions = await withTimeout(
      server.connection.sendRequest<(CodeAction | Command)[] | null>('textDocument/codeAction', {
        textDocument: { uri },
        range: plainHttp.range,
        context: { diagnostics: [plainHttp], only: ['quickfix'], triggerKind: 1 },
      }),
      'the code actions',
    );
    const quickFixes = (actions ?? []).filter(
      (a): a is CodeAction => 'kind' in a && a.kind === 'quickfix',
    );
    const preferred = quickFixes.find((a) => a.isPreferred);
    assert.ok(preferred, `a preferred quick fix among: ${quickFixes.map((a) => a.title).join(' | ')}`);
    assert.ok(preferred.edit, 'the fix carries its edit');
    const fixed = applyWorkspaceEdit(text, uri, preferred.edit);
    assert.equal(fixed, text.replace(HTTP_LINE, HTTPS_LINE));
    assert.ok(fixed.includes('https://api.mufi.app/v1'));
    text = fixed;
  });

  it('clears the diagnostics once the fixed text is sent', async () => {
    const since = server.mark();
    version += 1;
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    await server.waitForDiagnostics(uri, since, (ds) => ds.length === 0, 'empty diagnostics', version);
  });

  it('applies a settings change without a restart: MUFI003 off', async () => {
    // Re-introduce the URL and see it flagged first, so the change is what silences it.
    let since = server.mark();
    version += 1;
    text = text.replace(HTTPS_LINE, HTTP_LINE);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    await server.waitForDiagnostics(uri, since, (ds) => ds.some(isPlainHttp), 'MUFI003 again', version);

    const settings = toServerSettings(readerOf({ rules: { MUFI003: 'off' } }));
    assert.deepEqual(settings, { rules: { MUFI003: 'off' } });
    server.settings = settings;
    since = server.mark();
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings });
    await server.waitForDiagnostics(
      uri,
      since,
      (ds) => !ds.some(isPlainHttp),
      'the diagnostics republished without MUFI003 after workspace/didChangeConfiguration',
    );
    assert.deepEqual(complaintsOf(server), [], 'the server accepted every setting, at start and on change');
  });

  it('shuts down cleanly: shutdown, exit, exit code 0', async () => {
    await withTimeout(server.connection.sendRequest('shutdown'), 'the shutdown response');
    await server.connection.sendNotification('exit');
    const { code, signal } = await withTimeout(server.exited, 'the server process to exit');
    assert.equal(signal, null, 'not killed by a signal');
    assert.equal(code, 0);
  });
});

describe('the mufi-lsp.rules schema', () => {
  it('lists exactly the rules of the server binary (`mufi-lsp rules`)', () => {
    const run = spawnSync(serverBinary(), ['rules'], { encoding: 'utf8', timeout: WAIT_MS });
    assert.equal(run.status, 0, run.stderr);
    const fromServer = run.stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/).slice(0, 2))
      .filter(([code]) => /^MUFI\d+$/.test(code ?? ''))
      .flat();
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
    const schema = manifest.contributes.configuration.properties['mufi-lsp.rules'];
    assert.ok(fromServer.length >= 20, `read the rule table: ${run.stdout}`);
    assert.deepEqual([...schema.propertyNames.enum].sort(), [...fromServer].sort());
  });
});
