// `npm test` after the type check: bundles test/*.test.ts with esbuild and runs them with
// Node's built-in test runner. Each run compiles into its own out/run-<pid>/ (so runs at
// the same time do not trip over each other) and is stopped whole if it outlasts
// MUFI_TEST_TIMEOUT seconds (default 600), so a hung server fails the run instead of hanging it.

import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2); // `node scripts/test.mjs e2e vsix` runs those files only
const tests = fs
  .readdirSync(path.join(root, 'test'))
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();
if (tests.length === 0) {
  console.error(`test: no test file matches ${only.join(' ')}`);
  process.exit(1);
}

// Two levels below the folder, like out/test/ would be: the tests find the folder from __dirname.
const outDir = path.join('out', `run-${process.pid}`);
const cleanUp = () => fs.rmSync(path.join(root, outDir), { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: tests.map((f) => `test/${f}`),
  outdir: outDir,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
const compiled = tests.map((f) => path.join(outDir, f.replace(/\.ts$/, '.js')));
console.log(`compiled ${tests.length} test files with esbuild: ${tests.join(', ')}`);
console.log(`server under test: ${process.env.MUFI_LSP_BIN ?? '../../target/debug/mufi-lsp (set MUFI_LSP_BIN to change)'}`);

const limit = Number(process.env.MUFI_TEST_TIMEOUT ?? 600);
const args = ['--enable-source-maps', '--test', '--test-reporter=spec', ...compiled];
console.log(`$ node ${args.join(' ')}`);
const windows = process.platform === 'win32';
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', detached: !windows });
const killAll = (signal) => {
  try {
    windows ? child.kill(signal) : process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
};
const watchdog = setTimeout(() => {
  console.error(`test: still running after ${limit} s: stopping the tests and the servers they started`);
  killAll('SIGKILL');
}, limit * 1000);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => killAll(signal));
}
child.on('exit', (code) => {
  clearTimeout(watchdog);
  cleanUp();
  process.exit(code ?? 1);
});
