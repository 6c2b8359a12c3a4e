// Finds the mufi-lsp executable: the `mufi-lsp.path` setting, then the server bundled in
// the extension, then `mufi-lsp` on PATH. Pure: the file system and environment are passed in.

import * as path from 'node:path';

/** What the lookup may ask of the machine; the extension passes the real one, tests a fake. */
export interface LookupHost {
  platform: string;
  env: Record<string, string | undefined>;
  /** True when a regular file exists at this absolute path. */
  isFile(file: string): boolean;
  homeDir?: string;
}

export interface LookupRequest {
  /** The `mufi-lsp.path` setting as written; empty or null means "not set". */
  configuredPath?: string | null;
  /** The extension's install folder, holding `server/mufi-lsp[.exe]` in a platform package. */
  extensionPath: string;
  /** The first workspace folder, for a relative `mufi-lsp.path`. */
  workspaceFolder?: string;
}

export type ServerLocation =
  | { found: true; path: string; source: 'setting' | 'bundled' | 'PATH' }
  | { found: false; message: string; tried: string[] };

export const INSTALL_HINT =
  'Install it with `cargo install --path .` from a clone of https://github.com/mufi-lsp/mufi-lsp ' +
  '(this puts `mufi-lsp` on your PATH), or set `mufi-lsp.path` to the executable.';

/** `mufi-lsp.exe` on Windows, `mufi-lsp` elsewhere. */
export function executableName(platform: string): string {
  return platform === 'win32' ? 'mufi-lsp.exe' : 'mufi-lsp';
}

export function findServer(request: LookupRequest, host: LookupHost): ServerLocation {
  const paths = host.platform === 'win32' ? path.win32 : path.posix;
  const tried: string[] = [];
  const firstFile = (candidates: string[]): string | undefined => {
    for (const candidate of candidates) {
      tried.push(candidate);
      if (host.isFile(candidate)) {
        return candidate;
      }
    }
    return undefined;
  };

  const configured = request.configuredPath?.trim();
  if (configured) {
    // A setting the user wrote is never silently replaced by another binary: if it
    // points nowhere, say so rather than run something else.
    const resolved = resolveConfigured(configured, request, host, paths);
    const hit = resolved.kind === 'command' ? searchPath(resolved.name, host, paths, firstFile) : firstFile(resolved.candidates);
    if (hit) {
      return { found: true, path: hit, source: 'setting' };
    }
    const where =
      resolved.kind === 'command'
        ? `\`${configured}\` is not a file and no \`${resolved.name}\` is on PATH`
        : resolved.candidates.length === 0
          ? `\`${configured}\` is a relative path and no folder is open to resolve it against`
          : `there is no file at ${resolved.candidates[0]}`;
    return {
      found: false,
      tried,
      message: `The \`mufi-lsp.path\` setting is \`${configured}\`, but ${where}. Correct the setting, or clear it to use the bundled server or \`mufi-lsp\` on PATH.`,
    };
  }

  const bundled = firstFile([paths.join(request.extensionPath, 'server', executableName(host.platform))]);
  if (bundled) {
    return { found: true, path: bundled, source: 'bundled' };
  }

  const onPath = searchPath('mufi-lsp', host, paths, firstFile);
  if (onPath) {
    return { found: true, path: onPath, source: 'PATH' };
  }

  return {
    found: false,
    tried,
    message: `The mufi-lsp language server was not found: this extension has no bundled server for this platform and \`mufi-lsp\` is not on PATH. ${INSTALL_HINT}`,
  };
}

type Configured = { kind: 'command'; name: string } | { kind: 'file'; candidates: string[] };

function resolveConfigured(
  configured: string,
  request: LookupRequest,
  host: LookupHost,
  paths: path.PlatformPath,
): Configured {
  let value = configured;
  if ((value === '~' || value.startsWith('~/') || value.startsWith('~\\')) && host.homeDir) {
    value = paths.join(host.homeDir, value.slice(1));
  }
  const hasSeparator = value.includes('/') || (host.platform === 'win32' && value.includes('\\'));
  if (!hasSeparator) {
    // A bare name such as `mufi-lsp-nightly`: look it up like a shell would.
    return { kind: 'command', name: value };
  }
  let absolute: string;
  if (paths.isAbsolute(value)) {
    absolute = paths.normalize(value);
  } else if (request.workspaceFolder) {
    absolute = paths.resolve(request.workspaceFolder, value);
  } else {
    return { kind: 'file', candidates: [] };
  }
  const candidates = [absolute];
  if (host.platform === 'win32' && !absolute.toLowerCase().endsWith('.exe')) {
    candidates.push(`${absolute}.exe`);
  }
  return { kind: 'file', candidates };
}

/**
 * The first `name` in a PATH folder. On Windows only `.exe` is tried: Node cannot start
 * a `.cmd` or `.bat` server without a shell.
 */
function searchPath(
  name: string,
  host: LookupHost,
  paths: path.PlatformPath,
  firstFile: (candidates: string[]) => string | undefined,
): string | undefined {
  const windows = host.platform === 'win32';
  const pathVar = windows
    ? Object.entries(host.env).find(([key]) => key.toUpperCase() === 'PATH')?.[1]
    : host.env.PATH;
  const names = windows && !name.toLowerCase().endsWith('.exe') ? [`${name}.exe`] : [name];
  const dirs = (pathVar ?? '')
    .split(windows ? ';' : ':')
    .map((dir) => (windows ? dir.replace(/^"(.*)"$/, '$1') : dir).trim())
    // An empty entry means "the current folder" to a shell; a server is never taken from there.
    .filter((dir) => dir !== '' && paths.isAbsolute(dir));
  return firstFile(dirs.flatMap((dir) => names.map((file) => paths.join(dir, file))));
}
