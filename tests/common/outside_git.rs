//! Copies of test trees outside any git repository. MUFI005 reads git's state: a
//! fixture analysed inside this repository would depend on whether the test files are
//! committed yet. In a copy under the system's temporary folder, only the tree's own
//! `.gitignore` files decide, the same on every machine.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Copies `source` to a fresh folder named `<name>-<pid>` under the temporary folder
/// (removing copies over an hour old) and returns the copy's path.
pub fn copy_outside_git(source: &Path, name: &str) -> PathBuf {
    let parent = std::env::temp_dir().join("mufi-lsp-tests");
    std::fs::create_dir_all(&parent).expect("temporary folder is writable");
    if let Ok(entries) = std::fs::read_dir(&parent) {
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        for entry in entries.flatten() {
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < hour_ago);
            if old {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let target = parent.join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&target);
    copy_tree(source, &target);
    assert!(
        mufi_lsp::git::Repo::discover(&target).is_none(),
        "{} is inside a git repository; set TMPDIR elsewhere",
        target.display()
    );
    target
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("copy folder is writable");
    for entry in std::fs::read_dir(from).expect("test tree is readable") {
        let entry = entry.expect("entry");
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copy a test file");
        }
    }
}
