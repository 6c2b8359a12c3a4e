// Turns the `mufi-lsp.*` VS Code settings into the settings object the server reads
// (initializationOptions and workspace/didChangeConfiguration). Pure: no VS Code import.

/** Rule severities the server accepts; `on` means the rule's default severity. */
export const RULE_LEVELS = ['off', 'on', 'error', 'warning', 'info', 'hint'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/** Whose setting wins when a project config file and the editor both set a field. */
export const CONFIGURATION_PREFERENCES = ['filesFirst', 'editorFirst', 'editorOnly'] as const;
export type ConfigurationPreference = (typeof CONFIGURATION_PREFERENCES)[number];

/** The server's settings object: every field optional, absent means the server's default. */
export interface ServerSettings {
  rules?: Record<string, RuleLevel | string>;
  exclude?: string[];
  clientSide?: string[];
  serverSide?: string[];
  allowedHttpHosts?: string[];
  extraKeyNames?: string[];
  maxFileSize?: number;
  timeLimitMs?: number;
  scanWorkspace?: boolean;
  configurationPreference?: ConfigurationPreference;
}

/** What the mapping needs from a `vscode.WorkspaceConfiguration`. */
export interface ConfigurationReader {
  get(key: string): unknown;
}

const GLOB_LISTS = ['exclude', 'clientSide', 'serverSide', 'allowedHttpHosts', 'extraKeyNames'] as const;

/** The `mufi-lsp.*` settings that belong to the server (the others are the extension's). */
export const SERVER_KEYS = [
  'rules',
  ...GLOB_LISTS,
  'maxFileSize',
  'timeLimitMs',
  'scanWorkspace',
  'configurationPreference',
] as const;

/**
 * Reads the server's settings from the `mufi-lsp` section. Only the server's own keys
 * are sent: `path` and `trace.server` belong to the extension. Unset, `null`, empty
 * lists, blank entries and the defaults (`scanWorkspace: true`, `configurationPreference:
 * "filesFirst"`) are left out, so the server keeps its defaults. Each push replaces the
 * server's whole editor layer and a missing field means the default, so switching back
 * to a default reaches the server all the same; and VS Code's own default, which `get`
 * cannot tell from a value the user set, never overrides a project config file under
 * `editorFirst`. Values of the wrong type are passed on: the server says what is wrong
 * with them (a `showMessage` error) better than a silent drop would.
 */
export function toServerSettings(config: ConfigurationReader): ServerSettings {
  const settings: ServerSettings = {};

  const rules = config.get('rules');
  if (isPlainObject(rules)) {
    const kept = Object.entries(rules).filter(
      ([rule, level]) => rule.trim() !== '' && level !== undefined && level !== null && level !== '',
    );
    if (kept.length > 0) {
      settings.rules = Object.fromEntries(kept.map(([rule, level]) => [rule.trim(), trimmed(level)])) as
        ServerSettings['rules'];
    }
  } else if (rules !== undefined && rules !== null) {
    settings.rules = rules as ServerSettings['rules'];
  }

  for (const key of GLOB_LISTS) {
    const list = stringList(config.get(key));
    if (list !== undefined) {
      settings[key] = list;
    }
  }

  const maxFileSize = config.get('maxFileSize');
  if (maxFileSize !== undefined && maxFileSize !== null && maxFileSize !== '') {
    settings.maxFileSize = maxFileSize as number;
  }

  const timeLimitMs = config.get('timeLimitMs');
  if (timeLimitMs !== undefined && timeLimitMs !== null && timeLimitMs !== '') {
    settings.timeLimitMs = timeLimitMs as number;
  }

  const scanWorkspace = config.get('scanWorkspace');
  if (scanWorkspace !== undefined && scanWorkspace !== null && scanWorkspace !== '' && scanWorkspace !== true) {
    settings.scanWorkspace = scanWorkspace as boolean;
  }

  const preference = trimmed(config.get('configurationPreference'));
  if (preference !== undefined && preference !== null && preference !== '' && preference !== 'filesFirst') {
    settings.configurationPreference = preference as ConfigurationPreference;
  }
  return settings;
}

/** A reader over a plain object such as `{ rules: { MUFI003: 'off' } }`, for tests and scripts. */
export function readerOf(values: Record<string, unknown>): ConfigurationReader {
  return { get: (key) => values[key] };
}

/** A list with blank entries dropped; a lone string counts as a one-item list. */
function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const kept = items
    .map(trimmed)
    .filter((item) => item !== '' && item !== undefined && item !== null) as string[];
  return kept.length > 0 ? kept : undefined;
}

function trimmed(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
