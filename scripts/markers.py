#!/usr/bin/env python3
"""Compares `expect: MUFI00N` markers with what mufi-lsp reports, file by file.

A quick loop for rule and query authors (the real check is `cargo test --test fixtures`):

    cargo build
    MUFI_LSP_QUERIES=queries scripts/markers.py tests/fixtures/tls-verification-disabled/positives.go

With MUFI_LSP_QUERIES set, a debug build reads queries/ from disk, so edits to .scm
files need no rebuild. JSON files take their markers from a `<file>.expect` sidecar
(`LINE: MUFI001, MUFI003` per line). Prints each mismatch and a fixed-text parse check.
"""
import json
import os
import re
import subprocess
import sys

BIN = os.environ.get("MUFI_LSP_BIN", os.path.join(os.path.dirname(__file__), "..", "target", "debug", "mufi-lsp"))
CODE = re.compile(r"MUFI00[1-8]")


def expectations(path, text):
    out = set()
    sidecar = path + ".expect"
    if os.path.exists(sidecar):
        for line in open(sidecar, encoding="utf-8"):
            if ":" in line:
                n, codes = line.split(":", 1)
                for c in CODE.findall(codes):
                    out.add((int(n), c))
        return out
    for i, line in enumerate(text.splitlines()):
        pos = line.find("expect:")
        if pos < 0:
            continue
        codes = CODE.findall(line[pos + 7:])
        t = line.lstrip()
        alone = any(t.startswith(o) for o in ("//", "#", "/*", "{/*", "<!--")) and not t.startswith("#[")
        target = i + 2 if alone else i + 1
        for c in codes:
            out.add((target, c))
    return out


def main(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in names if not n.endswith((".expect", ".md", ".snap"))]
        else:
            files.append(p)
    bad = 0
    for path in sorted(files):
        out = subprocess.run([BIN, "check", "--format", "json", path], capture_output=True, text=True)
        try:
            report = json.loads(out.stdout)
        except json.JSONDecodeError:
            print(f"{path}: no JSON report: {out.stderr.strip()[:300]}")
            bad += 1
            continue
        text = open(path, encoding="utf-8", errors="replace").read()
        found = {(f["start"]["line"], f["rule"]) for f in report["findings"] if CODE.fullmatch(f["rule"])}
        want = expectations(path, text)
        for line, code in sorted(want - found):
            print(f"{path}:{line}: missed {code}")
            bad += 1
        for line, code in sorted(found - want):
            msg = next(f["message"] for f in report["findings"] if (f["start"]["line"], f["rule"]) == (line, code))
            print(f"{path}:{line}: unexpected {code}: {msg[:120]}")
            bad += 1
        print(f"{path}: {len(want & found)} matched, {len(want - found)} missed, {len(found - want)} unexpected")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
