-- mufi-lsp for Neovim 0.11+ (vim.lsp.config format).
--
-- Use it: put this file in ~/.config/nvim/lsp/ (or add the folder that holds lsp/, e.g.
-- /path/to/mufi-lsp/editors/neovim, to 'runtimepath'), make sure `mufi-lsp` is on your
-- PATH (`cargo install --path .`), then in init.lua:
--
--   vim.lsp.enable("mufi_lsp")
--
-- Override any field with vim.lsp.config("mufi_lsp", { ... }), e.g. settings:
--
--   vim.lsp.config("mufi_lsp", {
--     settings = { ["mufi-lsp"] = { rules = { MUFI003 = "off" }, allowedHttpHosts = { "*.internal" } } },
--   })
--
-- Dotenv files: Neovim 0.11 gives `.env` and `*.env` the filetype `sh` (0.12: `env`) and
-- `.env.local`, `.env.production`, … no filetype at all; see editors/neovim/README.md for
-- the one line that makes them attach. The server recognises dotenv files by path.
-- Full guide: editors/neovim/README.md.

---@type vim.lsp.Config
return {
  cmd = { "mufi-lsp" },
  -- Neovim's own filetype names (checked with vim.filetype on 0.11). "bash" is only set
  -- by a modeline, "env" is 0.12's dotenv filetype, "yaml.docker-compose" / "yaml.gitlab"
  -- are names users set following nvim-lspconfig's docs; the server falls back to the
  -- file's path for any name it does not know.
  filetypes = {
    "javascript",
    "javascriptreact",
    "typescript",
    "typescriptreact",
    "python",
    "go",
    "rust",
    "java",
    "kotlin",
    "cs",
    "ruby",
    "php",
    "swift",
    "dart",
    "html",
    "vue",
    "svelte",
    "sh",
    "bash",
    "zsh",
    "dockerfile",
    "yaml",
    "yaml.docker-compose",
    "yaml.gitlab",
    "json",
    "jsonc",
    "toml",
    "env",
  },
  -- The first marker found (searching upwards from the file) sets the workspace root. Without
  -- one, the server still runs on the file alone.
  root_markers = {
    "mufi-lsp.toml",
    ".mufi-lsp.toml",
    ".git",
    "package.json",
    "pyproject.toml",
    "requirements.txt",
    "go.mod",
    "Cargo.toml",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "settings.gradle.kts",
    "Gemfile",
    "composer.json",
    "Package.swift",
    "pubspec.yaml",
  },
  -- Sent after initialize (workspace/didChangeConfiguration); fields are listed in the README.
  settings = {
    ["mufi-lsp"] = {},
  },
}
