// Builds the platform package: bundles the extension, copies the mufi-lsp binary into
// server/, and runs `vsce package --target <this platform>`.
//
//   npm run package                       # the release build at ../../target/release/mufi-lsp
//   MUFI_LSP_BIN=/path/to/mufi-lsp npm run package
//   npm run package -- --out /some/dir    # where the .vsix goes (default: this folder)
//   MUFI_VSCE_TARGET=linux-arm64 ...      # package a binary built for another platform

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

/** The vsce target of this machine: linux-x64, darwin-arm64, win32-x64, alpine-x64, … */
function hostTarget() {
  const arch = { x64: 'x64', arm64: 'arm64', arm: 'armhf' }[process.arch];
  const platform = { linux: 'linux', darwin: 'darwin', win32: 'win32' }[process.platform];
  if (!arch || !platform) {
    fail(`no VS Code platform for ${process.platform}-${process.arch}; set MUFI_VSCE_TARGET`);
  }
  // musl Linux (Alpine) has its own target: glibc's version is absent from the report there.
  const musl = platform === 'linux' && !process.report?.getReport()?.header?.glibcVersionRuntime;
  return `${musl ? 'alpine' : platform}-${arch}`;
}

const host = hostTarget();
const target = process.env.MUFI_VSCE_TARGET || host;
const windowsTarget = target.startsWith('win32-');
const exe = windowsTarget ? 'mufi-lsp.exe' : 'mufi-lsp';

const outFlag = process.argv.indexOf('--out');
const outDir = path.resolve(outFlag >= 0 ? process.argv[outFlag + 1] ?? fail('--out needs a folder') : root);
const vsix = path.join(outDir, `${manifest.name}-${target}-${manifest.version}.vsix`);

const defaultBin = path.resolve(root, '../../target/release', process.platform === 'win32' ? 'mufi-lsp.exe' : 'mufi-lsp');
const bin = process.env.MUFI_LSP_BIN ? path.resolve(process.env.MUFI_LSP_BIN) : defaultBin;
if (!fs.existsSync(bin)) {
  fail(
    process.env.MUFI_LSP_BIN
      ? `MUFI_LSP_BIN is ${process.env.MUFI_LSP_BIN}, but there is no file there.`
      : `no server binary at ${bin}.\n` +
          `  Build it first, from the repository root:  cargo build --release\n` +
          `  or point MUFI_LSP_BIN at a mufi-lsp binary:  MUFI_LSP_BIN=/path/to/mufi-lsp npm run package`,
  );
}

// A binary for this machine must at least start; one for another target cannot be run here.
if (target === host) {
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (probe.status !== 0) {
    fail(`${bin} --version failed (${probe.error?.message ?? `exit ${probe.status}`}): is it a mufi-lsp binary for ${target}?`);
  }
  const version = probe.stdout.trim().split(/\s+/).pop();
  console.log(`server: ${bin} (${probe.stdout.trim()})`);
  if (version !== manifest.version) {
    console.warn(`package: warning: the server is version ${version}, the extension ${manifest.version}`);
  }
} else {
  console.log(`server: ${bin} (for ${target}, not run on this ${host} machine)`);
}

/** Runs a Node script of this folder or a dependency, echoing it as a shell would. */
function runNode(script, args = []) {
  const shown = path.relative(root, script);
  console.log(`$ node ${[shown, ...args].join(' ')}`);
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    fail(`${shown} failed (${result.error?.message ?? `exit ${result.status}`})`);
  }
}

runNode(path.join(root, 'scripts/build.mjs'));

const serverDir = path.join(root, 'server');
fs.rmSync(serverDir, { recursive: true, force: true });
fs.mkdirSync(serverDir);
fs.copyFileSync(bin, path.join(serverDir, exe));
fs.chmodSync(path.join(serverDir, exe), 0o755);
console.log(`copied the server to server/${exe}`);

fs.mkdirSync(outDir, { recursive: true });
const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
// --no-dependencies: dist/extension.js already holds everything the extension imports.
runNode(vsce, ['package', '--no-dependencies', '--target', target, '--out', vsix]);
console.log(`packaged ${vsix}`);
