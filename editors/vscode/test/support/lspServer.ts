// A minimal LSP client over the same Node protocol stack vscode-languageclient uses
// (vscode-languageserver-protocol/node), for driving the real mufi-lsp binary in tests.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';

/** How long any one wait for the server may take before the test fails. */
export const WAIT_MS = 20_000;

/** The capabilities VS Code announces that matter to mufi-lsp. */
export const VSCODE_LIKE_CAPABILITIES: ClientCapabilities = {
  general: { positionEncodings: ['utf-16'] },
  workspace: {
    applyEdit: true,
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
    workspaceEdit: {
      documentChanges: true,
      resourceOperations: ['create', 'rename', 'delete'],
      failureHandling: 'textOnlyTransactional',
    },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true, willSave: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
      tagSupport: { valueSet: [1, 2] },
    },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      dataSupport: true,
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: ['', 'quickfix', 'refactor', 'source', 'source.organizeImports', 'source.fixAll'],
        },
      },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class LspServer {
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly shownMessages: ShowMessageParams[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderrTail = '';
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    /** Answers the server's `workspace/configuration` requests, as VS Code would. */
    public settings: unknown,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4000);
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.notify();
    });
    this.connection.onNotification('window/showMessage', (params: ShowMessageParams) => {
      this.shownMessages.push(params);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => this.settings),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  static spawn(bin: string, settings: unknown): LspServer {
    const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    return new LspServer(child, settings);
  }

  /** The server's standard error so far (its end), for failure messages. */
  get stderr(): string {
    return this.stderrTail;
  }

  /** A marker: waits given it only look at what the server sends after this point. */
  mark(): number {
    return this.published.length;
  }

  /**
   * The diagnostics of the first publication for `uri` after `since` (and for
   * `version` or later, when the server says which version) that satisfies `accept`.
   */
  waitForDiagnostics(
    uri: string,
    since: number,
    accept: (diagnostics: Diagnostic[]) => boolean,
    what: string,
    version?: number,
  ): Promise<Diagnostic[]> {
    const found = new Promise<Diagnostic[]>((resolve) => {
      const check = () => {
        for (let i = since; i < this.published.length; i++) {
          const p = this.published[i];
          const current = version === undefined || p.version === undefined || p.version >= version;
          if (p.uri === uri && current && accept(p.diagnostics)) {
            this.listeners.delete(check);
            resolve(p.diagnostics);
            return;
          }
        }
      };
      this.listeners.add(check);
      check();
    });
    return withTimeout(found, what).catch((error: Error) => {
      this.listeners.clear();
      const last = [...this.published].reverse().find((p) => p.uri === uri);
      throw new Error(
        `${error.message}; last diagnostics for the document: ${JSON.stringify(last?.diagnostics.map(summary) ?? null)}` +
          (this.stderr ? `; server stderr: ${this.stderr}` : ''),
      );
    });
  }

  /** Kills the server if it is still running (test cleanup). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill();
    }
    this.connection.dispose();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      listener();
    }
  }
}

/** A one-line view of a diagnostic that never carries a whole key. */
export function summary(d: Diagnostic): string {
  return `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}
