#!/usr/bin/env python3
"""Refreshes editors/helix/ from a copy of Helix's own languages.toml.

    python3 editors/helix/refresh.py PATH/TO/helix/languages.toml COMMIT

COMMIT is the Helix commit (or tag) that file comes from; it is written into the
headers. The script rewrites, in place:

  - known-languages.txt and known-language-servers.txt (every language and server
    name Helix defines);
  - in languages.toml, each [[language]]'s `language-servers` line: Helix's defaults
    for that language, in Helix's order and form, then "mufi-lsp"; and the commit
    named in the header comment.

It changes nothing else and prints what it changed. Needs Python 3.11+ (tomllib).
Then run `cargo test --test helix`.
"""

import datetime
import json
import pathlib
import re
import sys
import tomllib

HERE = pathlib.Path(__file__).resolve().parent
SERVER = "mufi-lsp"


def quote(value):
    """A TOML value for a string, a bool or a list of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(quote(v) for v in value) + "]"
    raise SystemExit(f"unexpected value in a language-servers entry: {value!r}")


def render_server(entry):
    """A `language-servers` element as Helix wrote it: a name or an inline table."""
    if isinstance(entry, str):
        return quote(entry)
    keys = sorted(entry, key=lambda k: (k != "name", k))
    return "{ " + ", ".join(f"{k} = {quote(entry[k])}" for k in keys) + " }"


def server_name(entry):
    return entry if isinstance(entry, str) else entry.get("name")


def write_list(path, title, names, commit, today):
    header = [
        f"# {title}",
        "# Source: github.com/helix-editor/helix, file languages.toml,",
        f"#   commit {commit}, read {today}.",
        "# One name a line, sorted. tests/helix.rs checks the names editors/helix/languages.toml",
        '# uses against this list; refresh it with that file (see README.md, "When Helix changes").',
    ]
    path.write_text("\n".join(header + sorted(names)) + "\n", encoding="utf-8")


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    source, commit = pathlib.Path(sys.argv[1]), sys.argv[2]
    helix = tomllib.loads(source.read_text(encoding="utf-8"))
    today = datetime.date.today().isoformat()

    defaults = {
        lang["name"]: lang.get("language-servers", []) for lang in helix.get("language", [])
    }
    servers = set(helix.get("language-server", {}))
    write_list(
        HERE / "known-languages.txt",
        "Every language Helix defines: the `name` of each [[language]] in Helix's languages.toml.",
        defaults,
        commit,
        today,
    )
    write_list(
        HERE / "known-language-servers.txt",
        "Every language server Helix defines: each [language-server.NAME] in Helix's languages.toml.",
        servers,
        commit,
        today,
    )

    ours = HERE / "languages.toml"
    lines = ours.read_text(encoding="utf-8").split("\n")
    name, missing, changed = None, [], []
    for i, line in enumerate(lines):
        if line.strip() == "[[language]]":
            name = None
        elif m := re.fullmatch(r'name\s*=\s*"([^"]+)"\s*', line):
            name = m.group(1)
        elif line.startswith("language-servers") and name is not None:
            if name not in defaults:
                missing.append(name)
                continue
            entries = [e for e in defaults[name] if server_name(e) != SERVER]
            new = "language-servers = [" + ", ".join(
                [render_server(e) for e in entries] + [quote(SERVER)]
            ) + "]"
            if new != line:
                changed.append(f"  {name}: {line.split('=', 1)[1].strip()} -> {new.split('=', 1)[1].strip()}")
                lines[i] = new
    text = "\n".join(lines)
    text = re.sub(r"^# Helix commit: .*$", lambda _: f"# Helix commit: {commit}", text, count=1, flags=re.M)
    ours.write_text(text, encoding="utf-8")

    print(f"known-languages.txt: {len(defaults)} languages; known-language-servers.txt: {len(servers)} servers")
    print("languages.toml: " + ("arrays changed:\n" + "\n".join(changed) if changed else "no array changed"))
    if missing:
        print("Helix no longer defines these languages; rename or remove their entries:", ", ".join(missing))
        sys.exit(1)


if __name__ == "__main__":
    main()
