// Bundles the extension and vscode-languageclient into dist/extension.js (esbuild).
// `node scripts/build.mjs --dev` keeps it unminified with a source map, for debugging.

import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dev = process.argv.includes('--dev');

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  minify: !dev,
  keepNames: true,
  sourcemap: dev,
  logLevel: 'warning',
});
console.log(`built dist/extension.js${dev ? ' (dev)' : ''}`);
