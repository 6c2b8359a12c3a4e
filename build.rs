//! Embeds every `queries/<folder>/<rule>.scm` into the binary: adding a language's
//! queries is adding files, not editing a table.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=queries");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut entries = Vec::new();
    for dir in std::fs::read_dir(&root).expect("queries/ exists") {
        let dir = dir.expect("queries/ is readable").path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).expect("query folder is readable") {
            let file = file.expect("query file entry").path();
            if file.extension().and_then(|e| e.to_str()) != Some("scm") {
                continue;
            }
            let folder = dir
                .file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 name");
            let rule = file
                .file_stem()
                .and_then(|n| n.to_str())
                .expect("UTF-8 name");
            entries.push((folder.to_string(), rule.to_string(), file.clone()));
        }
    }
    entries.sort();
    let mut out = String::from("&[\n");
    for (folder, rule, path) in entries {
        writeln!(
            out,
            "    ({folder:?}, {rule:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("write to string");
    }
    out.push_str("]\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set")).join("query_sources.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
