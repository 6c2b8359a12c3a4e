// Which documents the extension hands to mufi-lsp: the VS Code language ids the server
// understands, plus dotenv files by name, whatever language id VS Code gave them.

/** VS Code language ids the server analyses (`Language::for_lsp_id` on the server side). */
export const LANGUAGE_IDS = [
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'python',
  'go',
  'rust',
  'java',
  'kotlin',
  'csharp',
  'ruby',
  'php',
  'swift',
  'dart',
  'html',
  'vue',
  'svelte',
  'shellscript',
  'dockerfile',
  'yaml',
  'dockercompose',
  'json',
  'jsonc',
  'toml',
  'dotenv',
] as const;

/** Dotenv files, which VS Code may call `plaintext`, `properties`, `dotenv` or `ini`. */
export const DOTENV_PATTERN = '**/{.env,.env.*,*.env}';

/** The shapes of document filter used here, kept local so this module needs no VS Code. */
export type DocumentFilter = { scheme: string; language: string } | { scheme: string; pattern: string };

/**
 * Files on disk and unsaved editors of the supported languages, and dotenv files on
 * disk. Other schemes (git diffs, remote file systems) are left out: the server reads
 * the project around a file from the disk.
 */
export function documentSelector(): DocumentFilter[] {
  const byLanguage = LANGUAGE_IDS.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  return [...byLanguage, { scheme: 'file', pattern: DOTENV_PATTERN }];
}
