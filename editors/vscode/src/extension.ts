// The VS Code side of mufi-lsp: finds the server, starts it through vscode-languageclient,
// and passes the `mufi-lsp.*` settings on, at start and whenever they change.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';

import { documentSelector } from './languages';
import { executableName, findServer } from './serverPath';
import { SERVER_KEYS, toServerSettings } from './settings';

const SECTION = 'mufi-lsp';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let extensionPath: string;
/** Serialises start/stop so quick successive restarts cannot start two servers. */
let pending: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): void {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel('Mufi LSP');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('mufi-lsp.restart', () => queue(restart)),
    vscode.commands.registerCommand('mufi-lsp.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.path`)) {
        output.appendLine('mufi-lsp.path changed: restarting the server.');
        void queue(restart);
      } else if (SERVER_KEYS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`)) && client?.isRunning()) {
        void client
          .sendNotification(DidChangeConfigurationNotification.type, { settings: currentSettings() })
          .catch((error) => output.appendLine(`Could not send the new settings: ${error}`));
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void queue(restart)),
  );
  void queue(start);
}

export function deactivate(): Thenable<void> | undefined {
  return queue(stop);
}

function queue(step: () => Promise<void>): Promise<void> {
  pending = pending.then(step, step).catch((error) => {
    output.appendLine(`mufi-lsp: ${error instanceof Error ? error.message : String(error)}`);
  });
  return pending;
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop().catch((error) => output.appendLine(`Stopping the server failed: ${error}`));
    await running.dispose().catch(() => undefined);
  }
}

function currentSettings() {
  return toServerSettings(vscode.workspace.getConfiguration(SECTION));
}

async function start(): Promise<void> {
  prepareBundledServer();
  const location = findServer(
    {
      configuredPath: vscode.workspace.getConfiguration(SECTION).get<string | null>('path'),
      extensionPath,
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    },
    {
      platform: process.platform,
      env: process.env,
      homeDir: os.homedir(),
      isFile: (file) => isExecutableFile(file),
    },
  );
  if (!location.found) {
    output.appendLine(location.message);
    output.appendLine(`Looked for the server at:\n  ${location.tried.join('\n  ') || '(nowhere)'}`);
    void vscode.window.showErrorMessage(location.message, 'Open Setting', 'Show Output').then((choice) => {
      if (choice === 'Open Setting') {
        void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.path`);
      } else if (choice === 'Show Output') {
        output.show(true);
      }
    });
    return;
  }
  output.appendLine(`Starting ${location.path} (from ${describe(location.source)}).`);

  const serverOptions: ServerOptions = { command: location.path, args: [] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    // Read when the client (re)starts, so a restart always sends the settings of the moment.
    initializationOptions: () => currentSettings(),
    middleware: {
      workspace: {
        // Should the server ask (`workspace/configuration`) rather than be told, it gets
        // the same mapped object, not the raw section with `path` and `trace` in it.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, i) => (item.section === SECTION ? currentSettings() : answers[i]));
        },
      },
    },
  };
  const next = new LanguageClient(SECTION, 'Mufi LSP', serverOptions, clientOptions);
  client = next;
  try {
    await next.start();
  } catch (error) {
    const message = `mufi-lsp could not start (${location.path}): ${error instanceof Error ? error.message : String(error)}`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
      if (choice) {
        output.show(true);
      }
    });
  }
}

function describe(source: 'setting' | 'bundled' | 'PATH'): string {
  return source === 'setting' ? 'the mufi-lsp.path setting' : source === 'bundled' ? 'this extension' : 'PATH';
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** Gives the bundled server its executable bit back if an unzip along the way dropped it. */
function prepareBundledServer(): void {
  if (process.platform === 'win32') {
    return;
  }
  const bundled = path.join(extensionPath, 'server', executableName(process.platform));
  try {
    fs.accessSync(bundled, fs.constants.X_OK);
  } catch {
    try {
      if (fs.statSync(bundled).isFile()) {
        fs.chmodSync(bundled, 0o755);
      }
    } catch {
      // No bundled server: the lookup goes on to PATH.
    }
  }
}
