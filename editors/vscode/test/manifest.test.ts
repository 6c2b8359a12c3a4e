// package.json against the code: activation, settings schema, commands, and the
// versions vsce and vscode-languageclient 9 need.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { DOTENV_PATTERN, LANGUAGE_IDS, documentSelector } from '../src/languages';
import { CONFIGURATION_PREFERENCES, RULE_LEVELS, SERVER_KEYS, readerOf, toServerSettings } from '../src/settings';
import { extensionRoot } from './support/paths';

const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
const properties: Record<string, any> = manifest.contributes.configuration.properties;

/** The rules of the server's registry (README "Rules"). */
const RULES: [string, string][] = [
  ['MUFI001', 'hardcoded-api-key'],
  ['MUFI002', 'client-side-mufi-access'],
  ['MUFI003', 'plain-http-url'],
  ['MUFI004', 'tls-verification-disabled'],
  ['MUFI005', 'secret-file-not-ignored'],
  ['MUFI006', 'cors-permissive-origin'],
  ['MUFI007', 'csp-unsafe-source'],
  ['MUFI008', 'open-redirect'],
  ['MUFI009', 'least-privilege-key'],
  ['MUFI100', 'unused-suppression'],
];

/** The fields the server's settings parser knows. */
const SERVER_FIELDS = [
  'rules',
  'exclude',
  'clientSide',
  'serverSide',
  'allowedHttpHosts',
  'extraKeyNames',
  'maxFileSize',
  'timeLimitMs',
  'scanWorkspace',
  'configurationPreference',
];

/** A value other than the default for each setting, of the type its schema gives. */
const NON_DEFAULT: Record<string, unknown> = {
  path: '/opt/mufi-lsp',
  rules: { MUFI003: 'off' },
  maxFileSize: 10,
  timeLimitMs: 500,
  scanWorkspace: false,
  configurationPreference: 'editorFirst',
  'trace.server': 'verbose',
};

describe('package.json', () => {
  it('activates on every supported language and on dotenv files', () => {
    assert.deepEqual(manifest.activationEvents, [
      ...LANGUAGE_IDS.map((id) => `onLanguage:${id}`),
      'workspaceContains:**/.env*',
    ]);
    const selector = documentSelector();
    for (const language of LANGUAGE_IDS) {
      assert.ok(selector.some((f) => 'language' in f && f.language === language && f.scheme === 'file'), language);
    }
    assert.ok(selector.some((f) => 'pattern' in f && f.pattern === DOTENV_PATTERN && f.scheme === 'file'));
  });

  it('contributes the settings, each described', () => {
    assert.deepEqual(Object.keys(properties).sort(), [
      ...SERVER_FIELDS.map((f) => `mufi-lsp.${f}`),
      'mufi-lsp.path',
      'mufi-lsp.trace.server',
    ].sort());
    for (const [key, schema] of Object.entries(properties)) {
      assert.ok((schema.markdownDescription ?? schema.description ?? '').length > 30, `${key} has a description`);
      assert.ok('default' in schema, `${key} has a default`);
    }
    assert.deepEqual(properties['mufi-lsp.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.equal(Object.keys(properties).length, 12);
  });

  it('describes scanWorkspace and configurationPreference as the server reads them', () => {
    const scan = properties['mufi-lsp.scanWorkspace'];
    assert.equal(scan.type, 'boolean');
    assert.equal(scan.default, true);
    const preference = properties['mufi-lsp.configurationPreference'];
    assert.equal(preference.type, 'string');
    assert.deepEqual(preference.enum, [...CONFIGURATION_PREFERENCES]);
    assert.equal(preference.default, 'filesFirst');
    assert.equal(preference.enumDescriptions.length, preference.enum.length);
    for (const text of preference.enumDescriptions) {
      assert.ok(text.length > 20, text);
    }
    assert.match(preference.markdownDescription, /mufi-lsp\.toml/);
  });

  it('sends {} for the defaults the manifest declares', () => {
    const defaults = Object.fromEntries(
      Object.entries(properties).map(([key, schema]) => [key.slice('mufi-lsp.'.length), schema.default]),
    );
    assert.deepEqual(toServerSettings(readerOf(defaults)), {});
  });

  it('sends the server exactly the fields it knows, none of the extension-only ones', () => {
    const everything = Object.fromEntries(
      Object.keys(properties).map((key) => {
        const field = key.slice('mufi-lsp.'.length);
        return [field, field in NON_DEFAULT ? NON_DEFAULT[field] : ['x']];
      }),
    );
    assert.deepEqual(Object.keys(toServerSettings(readerOf(everything))).sort(), [...SERVER_FIELDS].sort());
    assert.deepEqual([...SERVER_KEYS].sort(), [...SERVER_FIELDS].sort(), 'the keys whose change is pushed');
  });

  it('describes every rule, by code and by name, with the severity values', () => {
    const rules = properties['mufi-lsp.rules'];
    const keys = RULES.flat();
    assert.deepEqual([...rules.propertyNames.enum].sort(), [...keys].sort());
    assert.deepEqual(Object.keys(rules.properties).sort(), [...keys].sort());
    for (const [code, name] of RULES) {
      assert.deepEqual(rules.properties[code].enum, [...RULE_LEVELS], code);
      assert.deepEqual(rules.properties[name].enum, [...RULE_LEVELS], name);
      assert.ok(rules.properties[code].description.startsWith(`${name}:`), `${code} names its rule`);
    }
    assert.equal(rules.additionalProperties, false);
  });

  it('contributes "Mufi: Restart Server" and "Mufi: Show Output"', () => {
    const commands = manifest.contributes.commands.map((c: any) => `${c.command} = ${c.category}: ${c.title}`);
    assert.deepEqual(commands, ['mufi-lsp.restart = Mufi: Restart Server', 'mufi-lsp.showOutput = Mufi: Show Output']);
  });

  it('keeps mufi-lsp.path out of untrusted workspaces', () => {
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['mufi-lsp.path']);
  });

  it('pins the VS Code API to what vscode-languageclient 9 needs, as vsce checks', () => {
    assert.equal(manifest.engines.vscode, '^1.82.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.82.0');
    assert.match(manifest.dependencies['vscode-languageclient'], /^\^9\./);
    const client = JSON.parse(
      fs.readFileSync(path.join(extensionRoot, 'node_modules/vscode-languageclient/package.json'), 'utf8'),
    );
    assert.equal(client.engines.vscode, manifest.engines.vscode);
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.repository.url, 'https://github.com/mufi-lsp/mufi-lsp');
    assert.ok(fs.readFileSync(path.join(extensionRoot, 'LICENSE'), 'utf8').includes('mufi-lsp contributors'));
  });
});
