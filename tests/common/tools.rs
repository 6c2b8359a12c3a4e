//! Suites that need a tool the Rust toolchain does not bring (pytest-lsp, Neovim,
//! npm packages): they skip with a printed reason locally and fail in CI (`CI` set),
//! where `.ci/run` installs the tool.

use std::io::Write;

pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// Fails in CI; elsewhere prints why `suite` is skipped, to the real stderr (the test
/// harness hides `eprintln!` output of passing tests, and a skip must be seen).
pub fn skip_or_fail(suite: &str, why: &str, install: &str) {
    assert!(!in_ci(), "{suite} cannot run: {why}. Install it: {install}");
    let _ = writeln!(
        std::io::stderr(),
        "skipping {suite}: {why} (install: {install})"
    );
}

/// Asserts a finished suite passed, showing everything it printed when it did not.
pub fn assert_suite_passed(suite: &str, out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{suite} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
