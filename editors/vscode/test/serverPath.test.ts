// The server lookup: setting, then bundled binary, then PATH; Windows names; the not-found message.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { findServer, type LookupHost } from '../src/serverPath';

function linux(files: string[], env: Record<string, string> = {}): LookupHost {
  return { platform: 'linux', env, homeDir: '/home/ada', isFile: (f) => files.includes(f) };
}

function windows(files: string[], env: Record<string, string> = {}): LookupHost {
  // Windows paths compare without regard to case.
  const lower = files.map((f) => f.toLowerCase());
  return { platform: 'win32', env, homeDir: 'C:\\Users\\ada', isFile: (f) => lower.includes(f.toLowerCase()) };
}

const EXT = '/home/ada/.vscode/extensions/mufi-lsp.mufi-lsp-0.1.0-linux-x64';
const BUNDLED = `${EXT}/server/mufi-lsp`;
const ON_PATH = '/home/ada/.cargo/bin/mufi-lsp';
const PATH_ENV = { PATH: '/usr/bin:/home/ada/.cargo/bin' };

describe('server lookup', () => {
  it('takes the mufi-lsp.path setting first', () => {
    const host = linux(['/opt/mufi/mufi-lsp', BUNDLED, ON_PATH], PATH_ENV);
    assert.deepEqual(findServer({ configuredPath: '/opt/mufi/mufi-lsp', extensionPath: EXT }, host), {
      found: true,
      path: '/opt/mufi/mufi-lsp',
      source: 'setting',
    });
  });

  it('takes the bundled server when the setting is empty, before PATH', () => {
    const host = linux([BUNDLED, ON_PATH], PATH_ENV);
    for (const configuredPath of [undefined, null, '', '   ']) {
      assert.deepEqual(findServer({ configuredPath, extensionPath: EXT }, host), {
        found: true,
        path: BUNDLED,
        source: 'bundled',
      });
    }
  });

  it('falls back to the first mufi-lsp on PATH, skipping empty and relative entries', () => {
    const host = linux([ON_PATH, '/srv/other/mufi-lsp', 'bin/mufi-lsp'], {
      PATH: ':bin:/usr/bin:/home/ada/.cargo/bin:/srv/other',
    });
    const found = findServer({ extensionPath: EXT }, host);
    assert.deepEqual(found, { found: true, path: ON_PATH, source: 'PATH' });
  });

  it('does not replace a setting that points nowhere with another binary', () => {
    const host = linux([BUNDLED, ON_PATH], PATH_ENV);
    const result = findServer({ configuredPath: '/opt/missing/mufi-lsp', extensionPath: EXT }, host);
    assert.equal(result.found, false);
    assert.ok(!result.found && result.message.includes('`mufi-lsp.path`'));
    assert.ok(!result.found && result.message.includes('/opt/missing/mufi-lsp'));
    assert.ok(!result.found && result.tried.every((t) => t.startsWith('/opt/missing')));
  });

  it('resolves a relative setting against the workspace folder, and ~ against home', () => {
    const host = linux(['/work/app/tools/mufi-lsp', '/home/ada/bin/mufi-lsp']);
    const relative = findServer(
      { configuredPath: './tools/mufi-lsp', extensionPath: EXT, workspaceFolder: '/work/app' },
      host,
    );
    assert.deepEqual(relative, { found: true, path: '/work/app/tools/mufi-lsp', source: 'setting' });
    const home = findServer({ configuredPath: '~/bin/mufi-lsp', extensionPath: EXT }, host);
    assert.deepEqual(home, { found: true, path: '/home/ada/bin/mufi-lsp', source: 'setting' });
    const noFolder = findServer({ configuredPath: 'tools/mufi-lsp', extensionPath: EXT }, host);
    assert.ok(!noFolder.found && noFolder.message.includes('no folder is open'));
  });

  it('looks a bare command name in the setting up on PATH', () => {
    const host = linux(['/usr/local/bin/mufi-lsp-nightly'], { PATH: '/usr/bin:/usr/local/bin' });
    const found = findServer({ configuredPath: 'mufi-lsp-nightly', extensionPath: EXT }, host);
    assert.deepEqual(found, { found: true, path: '/usr/local/bin/mufi-lsp-nightly', source: 'setting' });
  });

  it('when nothing is found, says how to install the server or set mufi-lsp.path', () => {
    const result = findServer({ extensionPath: EXT }, linux([], PATH_ENV));
    assert.equal(result.found, false);
    if (result.found) return;
    assert.match(result.message, /cargo install --path \./);
    assert.match(result.message, /mufi-lsp\.path/);
    assert.match(result.message, /not on PATH/);
    assert.deepEqual(result.tried, [BUNDLED, '/usr/bin/mufi-lsp', ON_PATH]);
  });
});

describe('server lookup on Windows', () => {
  const WIN_EXT = 'C:\\Users\\ada\\.vscode\\extensions\\mufi-lsp.mufi-lsp-0.1.0-win32-x64';

  it('finds the bundled server as server\\mufi-lsp.exe', () => {
    const bundled = `${WIN_EXT}\\server\\mufi-lsp.exe`;
    assert.deepEqual(findServer({ extensionPath: WIN_EXT }, windows([bundled])), {
      found: true,
      path: bundled,
      source: 'bundled',
    });
  });

  it('searches Path (any case) split on ;, quoted entries too, for mufi-lsp.exe only', () => {
    const host = windows(['C:\\Tools\\mufi-lsp.cmd', 'C:\\Program Files\\Mufi\\mufi-lsp.exe'], {
      Path: 'C:\\Windows;C:\\Tools;"C:\\Program Files\\Mufi"',
    });
    assert.deepEqual(findServer({ extensionPath: WIN_EXT }, host), {
      found: true,
      path: 'C:\\Program Files\\Mufi\\mufi-lsp.exe',
      source: 'PATH',
    });
  });

  it('adds .exe to a configured path written without it', () => {
    const host = windows(['D:\\mufi\\target\\release\\mufi-lsp.exe']);
    const found = findServer({ configuredPath: 'D:\\mufi\\target\\release\\mufi-lsp', extensionPath: WIN_EXT }, host);
    assert.deepEqual(found, { found: true, path: 'D:\\mufi\\target\\release\\mufi-lsp.exe', source: 'setting' });
  });

  it('reports the .exe names it tried when nothing is there', () => {
    const result = findServer({ extensionPath: WIN_EXT }, windows([], { PATH: 'C:\\Windows' }));
    assert.ok(!result.found);
    assert.deepEqual(!result.found && result.tried, [`${WIN_EXT}\\server\\mufi-lsp.exe`, 'C:\\Windows\\mufi-lsp.exe']);
    assert.match(!result.found ? result.message : '', /cargo install --path \./);
  });
});
