//! The independent LSP-client suite in `tests/lsp_client` (Python, pytest-lsp), run
//! against the binary cargo built for this test run. Without pytest-lsp the test
//! skips with a note, except in CI (`CI` set), where it fails.

mod common;

use std::process::Command;

use common::tools::{assert_suite_passed, skip_or_fail};

const BIN: &str = env!("CARGO_BIN_EXE_mufi-lsp");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `None` when `python3 -c "import pytest_lsp"` works, else why not.
fn pytest_lsp_missing() -> Option<String> {
    match Command::new("python3")
        .args(["-c", "import pytest_lsp"])
        .current_dir(ROOT)
        .output()
    {
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(String::from_utf8_lossy(&out.stderr).trim().to_string()),
        Err(e) => Some(format!("cannot run python3: {e}")),
    }
}

#[test]
fn pytest_lsp_suite_passes() {
    if let Some(why) = pytest_lsp_missing() {
        skip_or_fail(
            "tests/lsp_client",
            &format!("pytest-lsp is not installed ({why})"),
            "python3 -m pip install 'pytest-lsp>=1,<2'",
        );
        return;
    }
    let out = Command::new("python3")
        .args(["-m", "pytest", "-q", "tests/lsp_client"])
        .env("MUFI_LSP_BIN", BIN)
        .current_dir(ROOT)
        .output()
        .expect("python3 -m pytest runs");
    assert_suite_passed("pytest tests/lsp_client", &out);
}
