// Packages the extension the way `npm run package` does (with MUFI_LSP_BIN = the binary
// under test) and checks what the .vsix holds, entry by entry.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as vm from 'node:vm';
import yauzl from 'yauzl';

import { extensionRoot, serverBinary } from './support/paths';

interface Entry {
  name: string;
  mode: number;
  size: number;
  data: Buffer;
}

function readZip(file: string): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Entry>();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, {
              name: entry.fileName,
              mode: (entry.externalFileAttributes >>> 16) & 0o7777,
              size: entry.uncompressedSize,
              data: Buffer.concat(chunks),
            });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('the packaged .vsix', () => {
  const windows = process.platform === 'win32';
  const serverEntry = `extension/server/${windows ? 'mufi-lsp.exe' : 'mufi-lsp'}`;
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
  let outDir: string;
  let target: string;
  let vsix: string;
  let entries: Map<string, Entry>;

  before(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mufi-lsp-vsix-'));
    // Package a copy of the folder, so the test neither needs nor touches this folder's
    // dist/ and server/ (a real `npm run package` may be using them).
    const staging = path.join(outDir, 'vscode');
    fs.mkdirSync(staging);
    for (const entry of ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'scripts', 'src']) {
      fs.cpSync(path.join(extensionRoot, entry), path.join(staging, entry), { recursive: true });
    }
    fs.symlinkSync(path.join(extensionRoot, 'node_modules'), path.join(staging, 'node_modules'), 'junction');
    const bin = serverBinary();
    const run = spawnSync(process.execPath, ['scripts/package.mjs', '--out', outDir], {
      cwd: staging,
      env: { ...process.env, MUFI_LSP_BIN: bin },
      encoding: 'utf8',
      timeout: 300_000,
    });
    assert.equal(run.status, 0, `npm run package failed:\n${run.stdout}\n${run.stderr}`);
    const made = fs.readdirSync(outDir).filter((f) => f.endsWith('.vsix'));
    assert.equal(made.length, 1, `one .vsix in ${outDir}: ${made.join(', ')}`);
    vsix = path.join(outDir, made[0]);
    target = made[0].slice('mufi-lsp-'.length, -`-${manifest.version}.vsix`.length);
    entries = await readZip(vsix);
  });

  after(() => {
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('is named mufi-lsp-<this platform>-<version>.vsix', () => {
    const arch = { x64: 'x64', arm64: 'arm64', arm: 'armhf' }[process.arch as string];
    assert.match(target, new RegExp(`^(${process.platform}|alpine)-${arch}$`));
    assert.equal(path.basename(vsix), `mufi-lsp-${target}-${manifest.version}.vsix`);
  });

  it('holds the bundle, the server, the manifest, README and LICENSE, and nothing else', () => {
    assert.deepEqual([...entries.keys()].sort(), [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/dist/extension.js',
      'extension/package.json',
      'extension/readme.md',
      serverEntry,
    ].sort());
    for (const name of entries.keys()) {
      assert.doesNotMatch(name, /node_modules|\/src\/|\/test\/|\/out\/|\/scripts\/|\.ts$|\.map$|tsconfig/, name);
    }
  });

  it('carries the server under test byte for byte, executable', () => {
    const server = entries.get(serverEntry)!;
    const bin = fs.readFileSync(serverBinary());
    assert.equal(server.size, bin.length);
    assert.equal(sha256(server.data), sha256(bin));
    if (!windows) {
      // vsce 3 records the file's mode in the zip, and VS Code restores it on install.
      assert.equal(server.mode & 0o111, 0o111, `mode ${server.mode.toString(8)} is executable`);
    }
  });

  it('names the target platform in extension.vsixmanifest', () => {
    const xml = entries.get('extension.vsixmanifest')!.data.toString('utf8');
    assert.match(xml, new RegExp(`<Identity [^>]*Id="mufi-lsp"[^>]*Version="${manifest.version}"[^>]*TargetPlatform="${target}"`));
    assert.match(xml, /Microsoft\.VisualStudio\.Code\.Engine" Value="\^1\.82\.0"/);
    const types = entries.get('[Content_Types].xml')!.data.toString('utf8');
    for (const ext of ['.js', '.json', '.md', '.txt', '.vsixmanifest']) {
      assert.ok(types.includes(`Extension="${ext}"`), `[Content_Types].xml covers ${ext}`);
    }
  });

  it('ships the package.json of this folder, contributes and activation included', () => {
    const shipped = JSON.parse(entries.get('extension/package.json')!.data.toString('utf8'));
    assert.equal(shipped.main, './dist/extension.js');
    assert.deepEqual(shipped.contributes, manifest.contributes);
    assert.deepEqual(shipped.activationEvents, manifest.activationEvents);
    assert.deepEqual(shipped.engines, { vscode: '^1.82.0' });
  });

  it('bundles every dependency: dist/extension.js needs only vscode and Node', () => {
    const bundle = entries.get('extension/dist/extension.js')!.data.toString('utf8');
    const required = new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    const foreign = [...required].filter((m) => m !== 'vscode' && !builtinModules.includes(m.replace(/^node:/, '')));
    assert.deepEqual(foreign, [], 'modules the bundle would look for in node_modules');

    // Load it as VS Code would, with a stand-in `vscode` module: it must evaluate and export the hooks.
    const stub: any = new Proxy(function () {}, { get: (_t, key) => (key === 'prototype' ? {} : stub), construct: () => stub, apply: () => stub });
    const module = { exports: {} as Record<string, unknown> };
    const load = (name: string) => (name === 'vscode' ? stub : require(name));
    vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${bundle}\n})`)(
      module.exports, load, module, '/ext/dist/extension.js', '/ext/dist',
    );
    assert.equal(typeof module.exports.activate, 'function');
    assert.equal(typeof module.exports.deactivate, 'function');
  });
});
