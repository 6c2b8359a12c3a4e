//! The independent LSP-client suite in `tests/lsp_client` (Python, pytest-lsp), run
//! against the binary cargo built for this test run. Without pytest-lsp the test
//! skips with a note, except in CI (`CI` set), where it fails.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mufi-lsp");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

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
        assert!(
            !in_ci(),
            "pytest-lsp is missing, so the LSP-client suite in tests/lsp_client cannot run \
             (install it: python3 -m pip install 'pytest-lsp>=1,<2'): {why}"
        );
        // Written to the real stderr, not through eprintln!, which the test harness
        // captures and hides for passing tests: the skip must be seen.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipping tests/lsp_client: pytest-lsp not installed (python3 -m pip install 'pytest-lsp>=1,<2')"
        );
        return;
    }
    let out = Command::new("python3")
        .args(["-m", "pytest", "-q", "tests/lsp_client"])
        .env("MUFI_LSP_BIN", BIN)
        .current_dir(ROOT)
        .output()
        .expect("python3 -m pytest runs");
    assert!(
        out.status.success(),
        "pytest tests/lsp_client failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
