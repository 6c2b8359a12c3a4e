// A stand-in for the `vscode` module, just deep enough for the extension and
// vscode-languageclient to start the real server, show messages and publish diagnostics.
// Importing this file installs it: later `require('vscode')` calls get it.

import Module from 'node:module';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

type Listener<T> = (event: T) => unknown;

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class Disposable {
  constructor(private readonly callOnDispose: () => unknown = () => undefined) {}
  static from(...items: { dispose(): unknown }[]) {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose() {
    this.callOnDispose();
  }
}

export class Uri {
  private constructor(readonly scheme: string, readonly fsPath: string, private readonly href: string) {}
  static file(file: string) {
    return new Uri('file', file, pathToFileURL(file).href);
  }
  static parse(value: string) {
    const scheme = value.slice(0, value.indexOf(':'));
    return new Uri(scheme, scheme === 'file' ? fileURLToPath(value) : value, value);
  }
  get path() {
    return this.fsPath.split(path.sep).join('/');
  }
  toString() {
    return this.href;
  }
  toJSON() {
    return this.href;
  }
  with() {
    return this;
  }
}

export class TabInputText {
  constructor(readonly uri: Uri) {}
}
export class TabInputTextDiff {
  constructor(
    readonly original: Uri,
    readonly modified: Uri,
  ) {}
}
export class TabInputCustom {
  constructor(readonly uri: Uri) {}
}

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}
export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
}
export class Diagnostic {
  code?: unknown;
  source?: string;
  constructor(readonly range: Range, readonly message: string, readonly severity = 0) {}
}

/** A text document the fake editor has open. */
export function textDocument(file: string, languageId: string, text: string) {
  return {
    uri: Uri.file(file),
    fileName: file,
    languageId,
    version: 1,
    isClosed: false,
    isUntitled: false,
    getText: () => text,
  };
}

/** What the extension did to the fake editor, for assertions. */
export const recorded = {
  output: [] as string[],
  errors: [] as { message: string; buttons: string[] }[],
  executed: [] as unknown[][],
  diagnostics: new Map<string, Diagnostic[]>(),
  diagnosticsChanged: new EventEmitter<string>(),
  /** The button the next error notification is answered with. */
  answerErrorWith: undefined as string | undefined,
};

const settings = new Map<string, unknown>();
const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
const commands = new Map<string, (...args: unknown[]) => unknown>();

/** Changes user settings (`mufi-lsp.rules`, …) and tells the extension, as VS Code does. */
export function updateSettings(values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    settings.set(key, value);
  }
  const changed = Object.keys(values);
  configurationChanged.fire({
    affectsConfiguration: (section) => changed.some((key) => key === section || key.startsWith(`${section}.`)),
  });
}

export function runCommand(id: string): unknown {
  const command = commands.get(id);
  if (!command) throw new Error(`command ${id} is not registered`);
  return command();
}

function configuration(section?: string) {
  const full = (key: string) => (section ? `${section}.${key}` : key);
  return {
    get: (key: string, fallback?: unknown) => (settings.has(full(key)) ? settings.get(full(key)) : fallback),
    has: (key: string) => settings.has(full(key)),
    inspect: () => undefined,
    update: async () => undefined,
  };
}

const event = () => new EventEmitter<unknown>().event;

export const workspace = {
  textDocuments: [] as ReturnType<typeof textDocument>[],
  notebookDocuments: [],
  workspaceFolders: undefined as { uri: Uri; name: string; index: number }[] | undefined,
  getConfiguration: configuration,
  onDidChangeConfiguration: configurationChanged.event,
  onDidGrantWorkspaceTrust: event(),
  onDidOpenTextDocument: event(),
  onDidCloseTextDocument: event(),
  onDidChangeTextDocument: event(),
  onDidSaveTextDocument: event(),
  onWillSaveTextDocument: event(),
  onDidChangeWorkspaceFolders: event(),
  onDidOpenNotebookDocument: event(),
  onDidCloseNotebookDocument: event(),
  onDidChangeNotebookDocument: event(),
  onDidSaveNotebookDocument: event(),
  createFileSystemWatcher: () => ({ onDidCreate: event(), onDidChange: event(), onDidDelete: event(), dispose() {} }),
  applyEdit: async () => true,
};

export const window = {
  createOutputChannel: (name: string) => ({
    name,
    append: (text: string) => recorded.output.push(text),
    appendLine: (text: string) => recorded.output.push(text),
    replace: () => undefined,
    clear: () => undefined,
    show: () => undefined,
    hide: () => undefined,
    dispose: () => undefined,
  }),
  showErrorMessage: async (message: string, ...buttons: unknown[]) => {
    recorded.errors.push({ message, buttons: buttons.filter((b): b is string => typeof b === 'string') });
    return recorded.answerErrorWith;
  },
  showWarningMessage: async () => undefined,
  showInformationMessage: async () => undefined,
  activeTextEditor: undefined,
  visibleTextEditors: [],
  onDidChangeActiveTextEditor: event(),
  onDidChangeVisibleTextEditors: event(),
  // Every open document shows in a tab: vscode-languageclient pulls diagnostics only
  // for documents visible in tabs.
  tabGroups: {
    get all() {
      return [{ tabs: workspace.textDocuments.map((d) => ({ input: new TabInputText(d.uri) })) }];
    },
    onDidChangeTabs: event(),
    onDidChangeTabGroups: event(),
  },
  // As VS Code does: the task gets a progress reporter and a cancellation token (the
  // server's workspace scan shows a cancellable progress bar).
  withProgress: async (_options: unknown, task: (progress: unknown, token: unknown) => unknown) =>
    task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: event() }),
};

function matches(selector: unknown, document: ReturnType<typeof textDocument>): number {
  const filters = Array.isArray(selector) ? selector : [selector];
  return filters.some((f) => {
    if (typeof f === 'string') return f === document.languageId;
    if (f.scheme && f.scheme !== document.uri.scheme) return false;
    if (f.language && f.language !== document.languageId) return false;
    if (f.pattern) return /(^|\/)(\.env(\..*)?|[^/]*\.env)$/.test(document.uri.path);
    return true;
  })
    ? 10
    : 0;
}

export const languages = {
  match: matches,
  createDiagnosticCollection: (name: string) => ({
    name,
    set: (uri: Uri, diagnostics: Diagnostic[] | undefined) => {
      recorded.diagnostics.set(uri.toString(), diagnostics ?? []);
      recorded.diagnosticsChanged.fire(uri.toString());
    },
    delete: (uri: Uri) => recorded.diagnostics.delete(uri.toString()),
    clear: () => recorded.diagnostics.clear(),
    forEach: () => undefined,
    get: (uri: Uri) => recorded.diagnostics.get(uri.toString()),
    has: (uri: Uri) => recorded.diagnostics.has(uri.toString()),
    dispose: () => undefined,
  }),
};

export const commandsApi = {
  registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
    commands.set(id, run);
    return { dispose: () => commands.delete(id) };
  },
  executeCommand: async (...args: unknown[]) => {
    recorded.executed.push(args);
    return undefined;
  },
};

/** Anything the extension or the client touches that is not modelled above: inert. */
function inert(): any {
  const target = function () {};
  return new Proxy(target, {
    get: (_t, key) => {
      if (key === 'then') return undefined;
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'dispose') return () => undefined;
      return inert();
    },
    apply: () => inert(),
    construct: () => inert(),
  });
}

const api: Record<string, unknown> = {
  version: '1.82.0',
  env: { language: 'en', appName: 'fake VS Code', machineId: 'test', sessionId: 'test', uiKind: 1 },
  EventEmitter,
  Disposable,
  Uri,
  Position,
  Range,
  Diagnostic,
  TabInputText,
  TabInputTextDiff,
  TabInputCustom,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
  CancellationError: class CancellationError extends Error {},
  CancellationTokenSource: class {
    private emitter = new EventEmitter<void>();
    token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
    cancel() {
      this.token.isCancellationRequested = true;
      this.emitter.fire();
    }
    dispose() {}
  },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  workspace,
  window,
  languages: new Proxy(languages, { get: (t: any, key) => t[key] ?? (() => new Disposable()) }),
  commands: commandsApi,
};

export const vscode = new Proxy(api, { get: (t, key: string) => (key in t ? t[key] : inert()) });

const load = (Module as any)._load;
(Module as any)._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
