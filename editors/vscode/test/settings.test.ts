// The mapping from `mufi-lsp.*` VS Code settings to the server's settings object.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readerOf, toServerSettings } from '../src/settings';

describe('settings mapping', () => {
  it('passes every server field through and drops the extension-only ones', () => {
    const settings = toServerSettings(
      readerOf({
        path: '/opt/mufi-lsp',
        trace: { server: 'verbose' },
        'trace.server': 'verbose',
        rules: { MUFI003: 'warning', 'least-privilege-key': 'off' },
        exclude: ['**/vendor/**'],
        clientSide: ['web/widgets/**'],
        serverSide: ['web/app/api/**'],
        allowedHttpHosts: ['localhost', '*.corp.example'],
        extraKeyNames: ['PAYMENTS_TOKEN'],
        maxFileSize: 1048576,
        timeLimitMs: 0,
        scanWorkspace: false,
        configurationPreference: 'editorOnly',
      }),
    );
    assert.deepEqual(settings, {
      rules: { MUFI003: 'warning', 'least-privilege-key': 'off' },
      exclude: ['**/vendor/**'],
      clientSide: ['web/widgets/**'],
      serverSide: ['web/app/api/**'],
      allowedHttpHosts: ['localhost', '*.corp.example'],
      extraKeyNames: ['PAYMENTS_TOKEN'],
      maxFileSize: 1048576,
      timeLimitMs: 0,
      scanWorkspace: false,
      configurationPreference: 'editorOnly',
    });
  });

  it('sends {} for the defaults, so a reset reaches the server', () => {
    const defaults = {
      path: null,
      rules: {},
      exclude: [],
      clientSide: [],
      serverSide: [],
      allowedHttpHosts: [],
      extraKeyNames: [],
      maxFileSize: null,
      timeLimitMs: null,
      scanWorkspace: true,
      configurationPreference: 'filesFirst',
    };
    assert.deepEqual(toServerSettings(readerOf(defaults)), {});
    assert.deepEqual(toServerSettings(readerOf({})), {});
  });

  it('sends scanWorkspace only when off, so off then on again ends with the server default (on)', () => {
    const off = toServerSettings(readerOf({ scanWorkspace: false }));
    assert.equal(JSON.stringify(off), '{"scanWorkspace":false}');
    // Back on: the push is the whole settings object, without the field, which the
    // server reads as its default, true.
    assert.deepEqual(toServerSettings(readerOf({ scanWorkspace: true })), {});
    assert.deepEqual(toServerSettings(readerOf({ scanWorkspace: null })), {});
  });

  it('sends configurationPreference unless it is the default, filesFirst', () => {
    for (const preference of ['editorFirst', 'editorOnly']) {
      assert.deepEqual(toServerSettings(readerOf({ configurationPreference: preference })), {
        configurationPreference: preference,
      });
    }
    assert.deepEqual(toServerSettings(readerOf({ configurationPreference: ' editorFirst ' })), {
      configurationPreference: 'editorFirst',
    });
    for (const unset of ['filesFirst', ' filesFirst ', '', '  ', null, undefined]) {
      assert.deepEqual(toServerSettings(readerOf({ configurationPreference: unset })), {}, String(unset));
    }
  });

  it('leaves out blank list entries and blank rules, and trims', () => {
    const settings = toServerSettings(
      readerOf({ exclude: ['', '  ', ' dist/** '], extraKeyNames: [''], rules: { MUFI001: '', ' MUFI004 ': ' hint ' } }),
    );
    assert.deepEqual(settings, { exclude: ['dist/**'], rules: { MUFI004: 'hint' } });
  });

  it('takes a lone string as a one-item list', () => {
    assert.deepEqual(toServerSettings(readerOf({ exclude: '**/vendor/**' })), { exclude: ['**/vendor/**'] });
  });

  it('passes values of the wrong type on, for the server to report', () => {
    const settings = toServerSettings(
      readerOf({ maxFileSize: 'big', rules: { MUFI003: 'loud' }, scanWorkspace: 'yes', configurationPreference: 'filesLast' }),
    );
    assert.deepEqual(settings, {
      maxFileSize: 'big',
      rules: { MUFI003: 'loud' },
      scanWorkspace: 'yes',
      configurationPreference: 'filesLast',
    });
    assert.deepEqual(toServerSettings(readerOf({ scanWorkspace: 0, configurationPreference: 2 })), {
      scanWorkspace: 0,
      configurationPreference: 2,
    });
  });

  it('reads through a WorkspaceConfiguration-like get() and keeps no undefined keys', () => {
    const asked: string[] = [];
    const settings = toServerSettings({
      get: (key) => {
        asked.push(key);
        return key === 'rules' ? { MUFI100: 'off' } : undefined;
      },
    });
    assert.equal(JSON.stringify(settings), '{"rules":{"MUFI100":"off"}}');
    assert.ok(!asked.includes('path') && !asked.includes('trace.server'), 'never reads extension-only keys');
  });
});
