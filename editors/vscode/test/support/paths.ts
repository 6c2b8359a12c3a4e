// Where the tests find the extension folder and the server binary under test.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** The extension folder (tests run from out/run-<pid>/, bundled by scripts/test.mjs). */
export const extensionRoot = path.resolve(__dirname, '..', '..');

/**
 * The mufi-lsp binary under test: `MUFI_LSP_BIN` (relative to the current folder), else
 * the debug build of this repository. Throws, with what to do, when there is none.
 */
export function serverBinary(): string {
  const exe = process.platform === 'win32' ? 'mufi-lsp.exe' : 'mufi-lsp';
  const bin = process.env.MUFI_LSP_BIN
    ? path.resolve(process.env.MUFI_LSP_BIN)
    : path.resolve(extensionRoot, '..', '..', 'target', 'debug', exe);
  if (!fs.existsSync(bin)) {
    throw new Error(
      `no mufi-lsp binary at ${bin}: run \`cargo build\` at the repository root, or set MUFI_LSP_BIN`,
    );
  }
  return bin;
}
