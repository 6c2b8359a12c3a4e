#!/usr/bin/env python3
"""Side-by-side comparison of mufi-lsp with its peers on one source tree.

    python3 benches/compare.py [TREE] [--runs 3] [--json out.json]
    python3 benches/compare.py --scaling /work/bench/scaled [--runs 3]

Tools, each run once to warm the page cache and collect its findings, then timed
--runs times (with hyperfine when it is installed):

  mufi-lsp      `mufi-lsp check --format json .` (--mufi-lsp, $MUFI_LSP, or
                target/release/mufi-lsp of this repository)
  ripgrep       `rg -F -i -c` with the union of the rules' trigger strings (read from
                src/rules/*.rs) over the files mufi-lsp reads, with the same ignore
                rules: the floor, the cost of reading the bytes
  ast-grep      benches/peers/ast-grep (rules written to match mufi-lsp's)
  semgrep       benches/peers/semgrep.yml, with its default ignores ...
  semgrep-all   ... and on the whole tree (no .gitignore/.semgrepignore, no size cap)
  gitleaks      when it is on PATH (it is not packaged in Debian bookworm)

Peers are installed into a temporary folder (a venv for Semgrep from PyPI, an npm
prefix for ast-grep), never globally: --peers-dir DIR keeps and reuses them.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCHES = Path(__file__).resolve().parent
REPO = BENCHES.parent
PEERS = BENCHES / "peers"
DEFAULT_TREE = Path("/work/bench/corpus")
SEMGREP_VERSION = "1.185.0"
AST_GREP_VERSION = "0.51.1"
ALL_TOOLS = ["mufi-lsp", "ripgrep", "ast-grep", "semgrep", "semgrep-all", "gitleaks"]

# mufi-lsp's languages, by extension and by file name: ripgrep reads the same files.
# Read from src/language/mod.rs when it is there (mufi_file_kinds); these are the fallback.
MUFI_EXTENSIONS = (
    "js jsx mjs cjs ts mts cts tsx py pyi pyw go rs java kt kts cs rb rake gemspec ru "
    "php phtml php8 swift dart html htm xhtml vue svelte sh bash zsh ksh bats dockerfile "
    "containerfile yml yaml json jsonc json5 toml env"
).split()
MUFI_FILE_NAMES = [
    "Gemfile", "Rakefile", "Guardfile", "Fastfile", "Podfile",
    "Dockerfile", "Containerfile", "Dockerfile.*", "Containerfile.*", ".bashrc",
    ".bash_profile", ".profile", ".zshrc", ".condarc", ".clang-format", "Pipfile",
    ".env", ".env.*", "*.env",
]
# The mufi-lsp file size limit (config.max_file_size).
MAX_FILE_BYTES = 4 * 1024 * 1024

# Used only when src/rules/*.rs cannot be read (the script copied elsewhere).
FALLBACK_TRIGGERS = [
    "eyJ", "mufi", "http://", "verif", "insecure", "danger", "trust", "sslerror",
    "certificatevalidation", "servercertificate", "usecredential", "badcertificate",
    "curl", "wget", "strict-ssl", "allow_invalid", "validate_cert", "check_cert",
    "self_signed", "accept_any", "certificates", "disablessl", "selfsigned",
    "disableevaluation", "sslpolicyerrors", "strict_ssl", "cors", "origin", "anyhost",
    "permitdefault", "-src", "scriptsrc", "defaultsrc", "framesrc", "childsrc",
    "script_src", "default_src", "frame_src", "child_src", "contentsecuritypolicy",
    "content_security_policy", "unsafe", "sources", "csp", "redirect", "location",
    "httpfound", "seeother", "see_other", "mufi-lsp:",
]

# The families the peers' rules stand for (benches/peers/): MUFI005 and the
# client-side judgement of MUFI002 need project knowledge a pattern does not have.
PEER_FAMILIES = {
    "ast-grep": {"MUFI001", "MUFI002", "MUFI003", "MUFI004", "MUFI006", "MUFI007", "MUFI008"},
    "semgrep": {"MUFI001", "MUFI002", "MUFI003", "MUFI004", "MUFI006", "MUFI007", "MUFI008"},
    "semgrep-all": {"MUFI001", "MUFI002", "MUFI003", "MUFI004", "MUFI006", "MUFI007", "MUFI008"},
    "gitleaks": {"MUFI001"},
}

FAMILY_NAMES = {
    "MUFI001": "hardcoded-api-key",
    "MUFI002": "client-side-mufi-access",
    "MUFI003": "plain-http-url",
    "MUFI004": "tls-verification-disabled",
    "MUFI005": "secret-file-not-ignored",
    "MUFI006": "cors-permissive-origin",
    "MUFI007": "csp-unsafe-source",
    "MUFI008": "open-redirect",
    "MUFI009": "least-privilege-key",
    "MUFI100": "unused-suppression",
}


def log(msg: str) -> None:
    print(f"[compare] {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ machine


def machine_info() -> dict:
    info = {"nproc": os.cpu_count(), "platform": platform.platform()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    info["ram_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                    break
    except OSError:
        pass
    try:
        info["nproc"] = len(os.sched_getaffinity(0))
    except AttributeError:
        pass
    return info


def tool_version(argv: list[str], env: dict | None = None) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unknown ({e})"
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else "unknown"


# ------------------------------------------------------------------ triggers


def rust_string_literals(block: str) -> list[str]:
    """The string literals of a Rust array body, skipping // and /* */ comments."""
    out, i, n = [], 0, len(block)
    while i < n:
        c = block[i]
        if block.startswith("//", i):
            j = block.find("\n", i)
            i = n if j < 0 else j + 1
        elif block.startswith("/*", i):
            j = block.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif c == '"':
            j, buf = i + 1, []
            while j < n and block[j] != '"':
                if block[j] == "\\" and j + 1 < n:
                    nxt = block[j + 1]
                    buf.append({"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'"}.get(nxt, nxt))
                    j += 2
                else:
                    buf.append(block[j])
                    j += 1
            out.append("".join(buf))
            i = j + 1
        else:
            i += 1
    return out


def array_body(text: str, start: int) -> str:
    """The text from `start` (just after a `[`) to its matching `]`, strings and
    comments skipped."""
    i, n, depth = start, len(text), 1
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return text[start:i]
        i += 1
    return text[start:]


def rule_triggers(repo: Path) -> tuple[list[str], str]:
    rules_dir = repo / "src" / "rules"
    found: list[str] = []
    for path in sorted(rules_dir.glob("*.rs")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"triggers:\s*&\[", text):
            found += rust_string_literals(array_body(text, m.end()))
    if not found:
        return FALLBACK_TRIGGERS, "built-in list (src/rules/*.rs not found)"
    seen: dict[str, None] = {}
    for t in found:
        seen.setdefault(t.lower(), None)
    return list(seen), f"{rules_dir}"


def mufi_file_kinds(repo: Path) -> tuple[list[str], list[str]]:
    """The extensions and file-name globs of mufi-lsp's languages, from its registry."""
    path = repo / "src" / "language" / "mod.rs"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return MUFI_EXTENSIONS, MUFI_FILE_NAMES
    exts: dict[str, None] = {}
    names: dict[str, None] = {}
    for m in re.finditer(r"\b(extensions|file_names):\s*&\[", text):
        for lit in rust_string_literals(array_body(text, m.end())):
            if m.group(1) == "extensions":
                exts.setdefault(lit.lower(), None)
            else:
                # "Dockerfile." stands for Dockerfile.* (see Language::for_path)
                names.setdefault(lit + "*" if lit.endswith(".") else lit, None)
    if not exts:
        return MUFI_EXTENSIONS, MUFI_FILE_NAMES
    # Dotenv files are picked by is_dotenv_name, not by the registry.
    for dotenv in (".env", ".env.*", "*.env"):
        names.setdefault(dotenv, None)
    return list(exts), list(names)


# ------------------------------------------------------------------ peers


def ensure_apt(binary: str, package: str) -> str | None:
    path = shutil.which(binary)
    if path:
        return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log(f"{binary} is missing: apt-get install -y {package}")
        subprocess.run(["apt-get", "install", "-y", "-q", package],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return shutil.which(binary)


def install_semgrep(peers_dir: Path, version: str) -> tuple[str | None, str]:
    venv = peers_dir / "semgrep-venv"
    exe = venv / "bin" / "semgrep"
    if exe.exists():
        return str(exe), ""
    log(f"installing semgrep=={version} into {venv} (PyPI)")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q",
                        "--disable-pip-version-check", f"semgrep=={version}"],
                       check=True, stdout=subprocess.DEVNULL, timeout=1800)
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        return None, f"pip install semgrep=={version} failed: {e}"
    return (str(exe), "") if exe.exists() else (None, "semgrep not found after pip install")


def install_ast_grep(peers_dir: Path, version: str) -> tuple[str | None, str]:
    prefix = peers_dir / "ast-grep"
    # The platform package's native binary: no node start-up in the timings.
    candidates = sorted((prefix / "node_modules" / "@ast-grep").glob("cli-*/ast-grep"))
    shim = prefix / "node_modules" / ".bin" / "ast-grep"
    if not candidates and not shim.exists():
        if not shutil.which("npm"):
            return None, "npm not found"
        log(f"installing @ast-grep/cli@{version} into {prefix} (npm)")
        prefix.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit",
                            "--no-fund", "--no-save", "--silent", f"@ast-grep/cli@{version}"],
                           check=True, stdout=subprocess.DEVNULL, timeout=1800)
        except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            return None, f"npm install @ast-grep/cli@{version} failed: {e}"
        candidates = sorted((prefix / "node_modules" / "@ast-grep").glob("cli-*/ast-grep"))
    for c in candidates:
        if os.access(c, os.X_OK):
            return str(c), ""
    if shim.exists():
        return str(shim), ""
    return None, "ast-grep not found after npm install"


# ------------------------------------------------------------------ running


class Run:
    """One tool's result."""

    def __init__(self, name: str, label: str):
        self.name = name
        self.label = label
        self.argv: list[str] = []
        self.env: dict[str, str] = {}
        self.skipped: str | None = None
        self.error: str | None = None
        self.first_s: float | None = None
        self.times: list[float] = []
        self.user_s: float | None = None
        self.system_s: float | None = None
        self.peak_rss_mb: float | None = None
        self.exit_code: int | None = None
        self.files: int | None = None
        self.findings: int | None = None
        # (family, path, line) of each finding; family is None for ripgrep
        self.locations: list[tuple[str | None, str, int]] = []
        self.timer = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    def as_json(self) -> dict:
        return {
            "label": self.label, "command": self.argv and shlex.join(self.argv),
            "skipped": self.skipped, "error": self.error, "exit_code": self.exit_code,
            "first_run_s": self.first_s, "times_s": self.times, "median_s": self.median,
            "user_s": self.user_s, "system_s": self.system_s,
            "peak_rss_mb": self.peak_rss_mb, "files": self.files,
            "findings": self.findings, "timer": self.timer,
        }


def run_capture(argv: list[str], cwd: Path, env: dict, out_path: Path, err_path: Path,
                timeout: float) -> tuple[int | None, float, object]:
    """Runs argv once, stdout/stderr to files. Returns (exit code or None on timeout,
    wall seconds, rusage of the child)."""
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = start + timeout
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                wall = time.perf_counter() - start
                proc.returncode = os.waitstatus_to_exitcode(status)
                return proc.returncode, wall, rusage
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, rusage = os.wait4(proc.pid, 0)
                return None, time.perf_counter() - start, rusage
            time.sleep(0.01)


def time_runs(run: Run, cwd: Path, runs: int, timeout: float, workdir: Path,
              hyperfine: str | None) -> None:
    if runs <= 0:
        return
    if hyperfine:
        export = workdir / f"{run.name}.hyperfine.json"
        cmd = shlex.join(["timeout", "-k", "10", str(int(timeout))] + run.argv)
        argv = [hyperfine, "-N", "--style", "none", "-i", "--warmup", "0",
                "--runs", str(runs), "--export-json", str(export), cmd]
        proc = subprocess.run(argv, cwd=cwd, env=run.env, capture_output=True, text=True)
        if proc.returncode != 0 or not export.exists():
            run.error = f"hyperfine failed: {proc.stderr.strip()[-500:]}"
            return
        result = json.loads(export.read_text())["results"][0]
        run.times = list(result["times"])
        run.user_s, run.system_s = result.get("user"), result.get("system")
        codes = result.get("exit_codes") or []
        if any(c is not None and c >= 124 for c in codes):
            run.error = f"a timed run hit the {int(timeout)} s timeout or failed: exit codes {codes}"
        run.timer = f"hyperfine, {runs} runs"
        return
    user = system = 0.0
    for _ in range(runs):
        code, wall, ru = run_capture(run.argv, cwd, run.env, Path(os.devnull),
                                     Path(os.devnull), timeout)
        if code is None:
            run.error = f"a timed run hit the {int(timeout)} s timeout"
            return
        run.times.append(wall)
        user += ru.ru_utime
        system += ru.ru_stime
    run.user_s, run.system_s = user / runs, system / runs
    run.timer = f"own loop, {runs} runs (hyperfine not found)"


def rel(path: str, tree: Path) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(tree)
        except ValueError:
            pass
    s = os.path.normpath(str(p))
    return s[2:] if s.startswith("./") else s


def family_of(rule_id: str) -> str | None:
    m = re.search(r"(?i)mufi(\d{3})", rule_id)
    return f"MUFI{m.group(1)}" if m else None


def parse_mufi(run: Run, out: Path, tree: Path) -> None:
    data = json.loads(out.read_text(encoding="utf-8"))
    run.files = data.get("summary", {}).get("files_scanned")
    for f in data.get("findings", []):
        run.locations.append((f["rule"], rel(f["path"], tree), f["start"]["line"]))
    run.findings = len(run.locations)


def parse_rg(run: Run, out: Path) -> None:
    total = files = 0
    for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
        path, _, count = line.rpartition(":")
        if count.isdigit():
            total += int(count)
            files += 1
    run.findings = total
    run.matched_files = files  # type: ignore[attr-defined]


def parse_ast_grep(run: Run, out: Path, err: Path, tree: Path) -> None:
    for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        d = json.loads(line)
        run.locations.append((family_of(d.get("ruleId", "")), rel(d["file"], tree),
                              d["range"]["start"]["line"] + 1))
    run.findings = len(run.locations)
    m = re.search(r"scannedFileCount=(\d+)", err.read_text(errors="replace"))
    run.files = int(m.group(1)) if m else None


def parse_semgrep(run: Run, out: Path, tree: Path) -> None:
    data = json.loads(out.read_text(encoding="utf-8"))
    for r in data.get("results", []):
        run.locations.append((family_of(r.get("check_id", "")), rel(r["path"], tree),
                              r["start"]["line"]))
    run.findings = len(run.locations)
    scanned = data.get("paths", {}).get("scanned")
    run.files = len(scanned) if isinstance(scanned, list) else None
    errors = data.get("errors") or []
    if errors:
        run.semgrep_errors = len(errors)  # type: ignore[attr-defined]


def parse_gitleaks(run: Run, report: Path, tree: Path) -> None:
    data = json.loads(report.read_text(encoding="utf-8") or "[]") if report.exists() else []
    for r in data:
        run.locations.append(("MUFI001", rel(r.get("File", ""), tree), r.get("StartLine", 0)))
    run.findings = len(run.locations)


def count_files(argv: list[str], cwd: Path) -> int | None:
    try:
        out = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return len(out.stdout.splitlines())


def tree_size(tree: Path) -> tuple[int, int]:
    files = size = 0
    for root, dirs, names in os.walk(tree):
        for n in names:
            try:
                st = os.lstat(os.path.join(root, n))
            except OSError:
                continue
            if not os.path.islink(os.path.join(root, n)):
                files += 1
                size += st.st_size
    return files, size


# ------------------------------------------------------------------ commands


def rg_argv(rg: str, triggers: list[str], jobs: int, files_only: bool = False) -> list[str]:
    argv = [rg, "--hidden", "--no-require-git", "--max-filesize", str(MAX_FILE_BYTES),
            "-j", str(jobs), "--no-config", "--iglob", "!.git"]
    extensions, file_names = mufi_file_kinds(REPO)
    for ext in extensions:
        argv += ["--iglob", f"*.{ext}"]
    for name in file_names:
        argv += ["--iglob", name]
    if files_only:
        return argv + ["--files", "."]
    argv += ["-F", "-i", "-c"]
    for t in triggers:
        argv += ["-e", t]
    return argv + ["."]


def semgrep_env(peers_dir: Path) -> dict:
    env = dict(os.environ)
    for sub in ("config", "cache"):
        (peers_dir / "semgrep-home" / sub).mkdir(parents=True, exist_ok=True)
    env.update({
        "XDG_CONFIG_HOME": str(peers_dir / "semgrep-home" / "config"),
        "XDG_CACHE_HOME": str(peers_dir / "semgrep-home" / "cache"),
        "SEMGREP_SEND_METRICS": "off",
        "SEMGREP_ENABLE_VERSION_CHECK": "0",
    })
    return env


def setup_runs(args, workdir: Path, peers_dir: Path, report: dict) -> list[Run]:
    """Finds or installs each tool and builds its command line."""
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = set(tools) - set(ALL_TOOLS)
    if unknown:
        sys.exit(f"unknown tools: {', '.join(sorted(unknown))} (known: {', '.join(ALL_TOOLS)})")
    jobs = args.jobs
    triggers, trigger_source = rule_triggers(REPO)
    report["triggers"] = {"source": trigger_source, "count": len(triggers), "strings": triggers}

    hyperfine = None if args.no_hyperfine else ensure_apt("hyperfine", "hyperfine")
    rg = ensure_apt("rg", "ripgrep")
    versions = report["versions"]
    versions["hyperfine"] = tool_version([hyperfine, "--version"]) if hyperfine else "not found: own timing loop"
    report["hyperfine"] = hyperfine

    runs: list[Run] = []
    mufi = args.mufi_lsp or os.environ.get("MUFI_LSP") or str(REPO / "target" / "release" / "mufi-lsp")
    base_env = dict(os.environ)

    for name in tools:
        if name == "mufi-lsp":
            r = Run(name, "mufi-lsp")
            if not (os.path.isfile(mufi) and os.access(mufi, os.X_OK)):
                r.skipped = f"{mufi} is not an executable (build it: cargo build --release, or pass --mufi-lsp)"
            else:
                versions["mufi-lsp"] = f"{tool_version([mufi, '--version'])} ({mufi})"
                r.argv, r.env = [mufi, "check", "--format", "json", "."], base_env
        elif name == "ripgrep":
            r = Run(name, "ripgrep (trigger strings)")
            if not rg:
                r.skipped = "rg not found (apt-get install ripgrep)"
            else:
                versions["ripgrep"] = tool_version([rg, "--version"])
                r.argv, r.env = rg_argv(rg, triggers, jobs), base_env
        elif name == "ast-grep":
            r = Run(name, "ast-grep")
            exe, why = (None, "--no-install given") if args.no_install and not (
                peers_dir / "ast-grep").exists() else install_ast_grep(peers_dir, args.ast_grep_version)
            if not exe:
                r.skipped = why
            else:
                versions["ast-grep"] = tool_version([exe, "--version"])
                cfg = PEERS / "ast-grep" / "sgconfig.yml"
                r.argv = [exe, "scan", "-c", str(cfg), "--json=stream", "--inspect", "summary",
                          "-j", str(jobs), "."]
                r.env = base_env
        elif name in ("semgrep", "semgrep-all"):
            r = Run(name, "semgrep (default ignores)" if name == "semgrep" else "semgrep (whole tree)")
            exe, why = (None, "--no-install given") if args.no_install and not (
                peers_dir / "semgrep-venv").exists() else install_semgrep(peers_dir, args.semgrep_version)
            if not exe:
                r.skipped = why
            else:
                r.env = semgrep_env(peers_dir)
                versions.setdefault("semgrep", tool_version([exe, "--version"], r.env))
                r.argv = [exe, "scan", "--config", str(PEERS / "semgrep.yml"), "--json",
                          "--metrics=off", "--disable-version-check", "-j", str(jobs), "-q"]
                if name == "semgrep-all":
                    # No .gitignore, no .semgrepignore (nor its default list that skips
                    # tests/ and *_test.go), no 1 MB file size cap.
                    r.argv += ["--no-git-ignore", "--x-ignore-semgrepignore-files",
                               "--max-target-bytes", "0"]
                r.argv.append(".")
        else:  # gitleaks
            r = Run(name, "gitleaks")
            exe = shutil.which("gitleaks")
            if not exe:
                r.skipped = ("gitleaks is not on PATH: it is not packaged in Debian bookworm and "
                             "its release binaries come from GitHub, which this machine cannot reach")
            else:
                versions["gitleaks"] = tool_version([exe, "version"])
                out = workdir / "gitleaks.json"
                helptext = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
                if re.search(r"^\s+dir\s", helptext, re.M):
                    r.argv = [exe, "dir", ".", "--no-banner", "--exit-code", "0",
                              "--report-format", "json", "--report-path", str(out)]
                else:
                    r.argv = [exe, "detect", "--no-git", "--source", ".", "--no-banner",
                              "--exit-code", "0", "--report-format", "json", "--report-path", str(out)]
                r.env = base_env
        runs.append(r)
    return runs


def execute_runs(args, runs: list[Run], tree: Path, workdir: Path, report: dict) -> None:
    rg = next((r.argv[0] for r in runs if r.name == "ripgrep" and r.argv), None)
    triggers = report["triggers"]["strings"]
    jobs = args.jobs
    hyperfine = report.get("hyperfine")
    for r in runs:
        if r.skipped:
            log(f"{r.label}: skipped: {r.skipped}")
            continue
        out, err = workdir / f"{r.name}.out", workdir / f"{r.name}.err"
        log(f"{r.label}: first run (warm-up, findings): {shlex.join(r.argv[:6])} …")
        code, wall, ru = run_capture(r.argv, tree, r.env, out, err, args.timeout)
        r.exit_code, r.first_s = code, wall
        r.peak_rss_mb = round(ru.ru_maxrss / 1024, 1)
        if code is None:
            r.error = f"timed out after {args.timeout:.0f} s"
            continue
        ok = {"mufi-lsp": (0, 1), "ripgrep": (0, 1)}.get(r.name, (0, 1))
        if code not in ok:
            r.error = f"exit code {code}: {err.read_text(errors='replace').strip()[-400:]}"
            continue
        try:
            if r.name == "mufi-lsp":
                parse_mufi(r, out, tree)
            elif r.name == "ripgrep":
                parse_rg(r, out)
                r.files = count_files(rg_argv(rg, triggers, jobs, files_only=True), tree)
            elif r.name == "ast-grep":
                parse_ast_grep(r, out, err, tree)
            elif r.name.startswith("semgrep"):
                parse_semgrep(r, out, tree)
            else:
                parse_gitleaks(r, workdir / "gitleaks.json", tree)
        except (ValueError, KeyError) as e:
            r.error = f"could not read its output: {e}"
            continue
        log(f"{r.label}: {wall:.2f} s, {r.findings} findings; timing {args.runs} runs")
        time_runs(r, tree, args.runs, args.timeout, workdir, hyperfine)


# ------------------------------------------------------------------ reports


def fmt(v, spec: str, none: str = "-") -> str:
    return none if v is None else format(v, spec)


def print_table(headers: list[str], rows: list[list[str]], right: set[int]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    line = "  ".join(h.rjust(w) if i in right else h.ljust(w) for i, (h, w) in enumerate(zip(headers, widths)))
    print(line)
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))


def print_runs(runs: list[Run], report: dict) -> None:
    base = next((r.median for r in runs if r.name == "mufi-lsp" and r.median), None)
    print()
    print("== Timings (wall time, median of the timed runs, after a warm-up run) ==")
    rows = []
    for r in runs:
        if r.skipped:
            rows.append([r.label, "skipped", "", "", "", "", "", "", ""])
            continue
        if r.error and not r.times:
            rows.append([r.label, "failed", "", fmt(r.first_s, ".2f"), "", "", "", "", ""])
            continue
        ratio = f"{r.median / base:.2f}x" if base and r.median else "-"
        cpu = (r.user_s or 0) + (r.system_s or 0) if r.user_s is not None else None
        rows.append([
            r.label, fmt(r.median, ".2f"), ratio,
            f"{min(r.times):.2f}-{max(r.times):.2f}" if r.times else "-",
            fmt(cpu, ".2f"), fmt(r.peak_rss_mb, ".0f"), fmt(r.files, "d"),
            fmt(r.findings, "d"), fmt(r.exit_code, "d"),
        ])
    print_table(["tool", "median s", "vs mufi-lsp", "range s", "cpu s", "peak RSS MB",
                 "files", "findings", "exit"], rows, {1, 2, 3, 4, 5, 6, 7, 8})
    print()
    print("cpu s: user+system per run; peak RSS: largest process (semgrep runs several);")
    print("files: files the tool reports reading (ripgrep: files it would search);")
    print("findings: ripgrep counts lines holding a trigger string, the others findings.")
    for r in runs:
        if r.skipped:
            print(f"  {r.label}: skipped: {r.skipped}")
        elif r.error:
            print(f"  {r.label}: {r.error}")
        if getattr(r, "semgrep_errors", 0):
            print(f"  {r.label}: semgrep reported {r.semgrep_errors} errors (mostly files it could not parse)")
    for r in runs:
        if r.argv and not r.skipped:
            cmd = shlex.join(r.argv)
            print(f"  $ {cmd if len(cmd) < 300 else cmd[:300] + ' …'}")


def source_line(tree: Path, path: str, line: int) -> str:
    try:
        with open(tree / path, encoding="utf-8", errors="replace") as f:
            for i, text in enumerate(f, 1):
                if i == line:
                    text = " ".join(text.strip().split())
                    return text if len(text) <= 110 else text[:107] + "…"
    except OSError:
        pass
    return ""


def findings_comparison(runs: list[Run], tree: Path, args, report: dict) -> None:
    mufi = next((r for r in runs if r.name == "mufi-lsp" and r.findings is not None), None)
    peers = [r for r in runs if r.name not in ("mufi-lsp", "ripgrep") and r.findings is not None]
    rule_tools = ([mufi] if mufi else []) + peers
    if not rule_tools:
        return
    families = sorted({loc[0] or "other" for r in rule_tools for loc in r.locations} | set(FAMILY_NAMES) - {"MUFI009", "MUFI100"})
    distinct = {r.name: {} for r in rule_tools}
    for r in rule_tools:
        for fam in families:
            distinct[r.name][fam] = len({(p, l) for f, p, l in r.locations if (f or "other") == fam})
    print()
    print("== Findings per rule family (distinct file:line locations) ==")
    rows = []
    for fam in families:
        counts = [distinct[r.name][fam] for r in rule_tools]
        if not any(counts) and fam not in FAMILY_NAMES:
            continue
        rows.append([fam, FAMILY_NAMES.get(fam, "")] + [str(c) for c in counts])
    print_table(["family", "name"] + [r.label for r in rule_tools], rows,
                set(range(2, 2 + len(rule_tools))))
    report["families"] = distinct
    if not mufi:
        return
    slack = args.line_slack
    index: dict[tuple[str, str], list[int]] = {}
    for fam, path, line in mufi.locations:
        index.setdefault((fam, path), []).append(line)

    def mufi_has(fam, path, line) -> bool:
        return any(abs(l - line) <= slack for l in index.get((fam, path), ()))

    report["peer_only"] = {}
    print()
    print(f"== Found by a peer, not by mufi-lsp (same family and file, within {slack} lines) ==")
    for r in peers:
        locs = sorted({(f or "other", p, l) for f, p, l in r.locations})
        only = [loc for loc in locs if not mufi_has(*loc)]
        peer_index: dict[tuple[str, str], list[int]] = {}
        for f, p, l in locs:
            peer_index.setdefault((f, p), []).append(l)
        covered = PEER_FAMILIES.get(r.name, set())
        mufi_only = [loc for loc in sorted(set(mufi.locations))
                     if loc[0] in covered
                     and not any(abs(l - loc[2]) <= slack for l in peer_index.get((loc[0], loc[1]), ()))]
        mufi_by_fam: dict[str, int] = {}
        for f, _, _ in mufi_only:
            mufi_by_fam[f] = mufi_by_fam.get(f, 0) + 1
        by_fam: dict[str, int] = {}
        for f, _, _ in only:
            by_fam[f] = by_fam.get(f, 0) + 1
        summary = ", ".join(f"{f} {n}" for f, n in sorted(by_fam.items())) or "none"
        msummary = ", ".join(f"{f} {n}" for f, n in sorted(mufi_by_fam.items())) or "none"
        print(f"{r.label}: {len(only)} of {len(locs)} locations not found by mufi-lsp ({summary})")
        print(f"  (the other way: {len(mufi_only)} mufi-lsp locations in the families these rules "
              f"stand for that this peer did not find: {msummary})")
        shown = []
        for f, p, l in only[: args.max_list]:
            text = source_line(tree, p, l)
            shown.append({"family": f, "path": p, "line": l, "text": text})
            print(f"  {f} {p}:{l}: {text}")
        mufi_shown = []
        if mufi_only and args.max_list:
            print(f"  and the first {min(len(mufi_only), args.max_list // 2 or 1)} of those found by mufi-lsp only:")
        for f, p, l in mufi_only[: args.max_list // 2 or 1] if mufi_only and args.max_list else []:
            text = source_line(tree, p, l)
            mufi_shown.append({"family": f, "path": p, "line": l, "text": text})
            print(f"    {f} {p}:{l}: {text}")
        report["peer_only"][r.name] = {"count": len(only), "by_family": by_fam, "examples": shown,
                                       "mufi_only": len(mufi_only), "mufi_only_by_family": mufi_by_fam,
                                       "mufi_only_examples": mufi_shown}
    print()


# ------------------------------------------------------------------ scaling


def scaling_setup(args, report: dict) -> None:
    base = Path(args.scaling)
    if not any((base / d).is_dir() for d in ("x1", "x4", "x16")):
        sys.exit(f"{base}: no x1/x4/x16 folders (make them with benches/corpus.sh --scaled {base})")
    mufi = args.mufi_lsp or os.environ.get("MUFI_LSP") or str(REPO / "target" / "release" / "mufi-lsp")
    rg = ensure_apt("rg", "ripgrep")
    hyperfine = None if args.no_hyperfine else ensure_apt("hyperfine", "hyperfine")
    triggers, _ = rule_triggers(REPO)
    versions = report["versions"]
    tools = []
    if os.access(mufi, os.X_OK):
        tools.append(("mufi-lsp", [mufi, "check", "--format", "json", "."]))
        versions.setdefault("mufi-lsp", f"{tool_version([mufi, '--version'])} ({mufi})")
    else:
        log(f"scaling: {mufi} is not executable: mufi-lsp skipped")
    if rg:
        tools.append(("ripgrep", rg_argv(rg, triggers, args.jobs)))
        versions.setdefault("ripgrep", tool_version([rg, "--version"]))
    versions.setdefault("hyperfine", tool_version([hyperfine, "--version"]) if hyperfine else "not found: own timing loop")
    report["scaling_tools"] = tools
    report["scaling_hyperfine"] = hyperfine


def scaling(args, workdir: Path, report: dict) -> None:
    base = Path(args.scaling)
    levels = [d for d in ("x1", "x4", "x16") if (base / d).is_dir()]
    tools = report.pop("scaling_tools")
    hyperfine = report.pop("scaling_hyperfine")
    results = []
    for level in levels:
        tree = base / level
        files, size = tree_size(tree)
        mb = size / 1e6
        for name, argv in tools:
            r = Run(f"{name}-{level}", name)
            r.argv, r.env = argv, dict(os.environ)
            log(f"scaling {level}: {name}: warm-up run")
            code, wall, _ = run_capture(argv, tree, r.env, Path(os.devnull), Path(os.devnull), args.timeout)
            if code is None or code not in (0, 1):
                results.append({"level": level, "tool": name, "files": files, "mb": mb,
                                "error": f"exit {code}" if code is not None else "timeout"})
                continue
            time_runs(r, tree, max(args.runs, 1), args.timeout, workdir, hyperfine)
            med = r.median
            results.append({"level": level, "tool": name, "files": files, "mb": round(mb, 1),
                            "median_s": med, "times_s": r.times,
                            "ms_per_mb": med * 1000 / mb if med else None,
                            "mb_per_s": mb / med if med else None, "error": r.error})
    print()
    print(f"== Scaling: {base} (x4/x16 are hardlinked copies of x1) ==")
    rows = []
    for name, _ in tools:
        first = next((x for x in results if x["tool"] == name and x.get("ms_per_mb")), None)
        for x in results:
            if x["tool"] != name:
                continue
            if x.get("median_s") is None:
                rows.append([name, x["level"], f"{x['mb']:.1f}", str(x["files"]), "failed", "", "", ""])
                continue
            rel_cost = x["ms_per_mb"] / first["ms_per_mb"] if first else None
            rows.append([name, x["level"], f"{x['mb']:.1f}", str(x["files"]), f"{x['median_s']:.2f}",
                         f"{x['ms_per_mb']:.2f}", f"{x['mb_per_s']:.1f}", fmt(rel_cost, ".2f")])
    print_table(["tool", "tree", "MB", "files", "median s", "ms/MB", "MB/s", "ms/MB vs x1"], rows,
                {2, 3, 4, 5, 6, 7})
    print("ms/MB vs x1: 1.00 is linear; above 1 the cost per byte grows with the tree.")
    fits = {}
    for name, _ in tools:
        pts = [(x["mb"], x["median_s"]) for x in results if x["tool"] == name and x.get("median_s")]
        if len(pts) >= 2:
            # Least squares t = fixed + per_mb * MB: a start-up cost and a cost per byte.
            n = len(pts)
            mx, my = sum(p[0] for p in pts) / n, sum(p[1] for p in pts) / n
            sxx = sum((p[0] - mx) ** 2 for p in pts)
            if sxx > 0:
                slope = sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx
                fixed = my - slope * mx
                fits[name] = {"fixed_s": fixed, "ms_per_mb": slope * 1000}
                print(f"{name}: time = {fixed:.2f} s + {slope * 1000:.1f} ms/MB (least squares over {n} trees)")
    report["scaling"] = {"dir": str(base), "results": results, "fits": fits}


# ------------------------------------------------------------------ main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tree", nargs="?", help=f"the tree to compare on (default {DEFAULT_TREE}, "
                    "unless only --scaling is asked for)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per tool, after one warm-up run (default 3)")
    ap.add_argument("--json", help="write the raw results as JSON here")
    ap.add_argument("--mufi-lsp", help="the mufi-lsp binary (default $MUFI_LSP, else target/release/mufi-lsp)")
    ap.add_argument("--tools", default=",".join(ALL_TOOLS), help=f"comma-separated subset of {','.join(ALL_TOOLS)}")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2,
                    help="threads for the peers (rg -j, ast-grep -j, semgrep -j; default: the core count)")
    ap.add_argument("--peers-dir", help="install the peers here and keep them (default: a temporary folder, removed)")
    ap.add_argument("--no-install", action="store_true", help="use only peers already in --peers-dir")
    ap.add_argument("--semgrep-version", default=SEMGREP_VERSION)
    ap.add_argument("--ast-grep-version", default=AST_GREP_VERSION)
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed for one run of a tool (default 3600)")
    ap.add_argument("--line-slack", type=int, default=2,
                    help="a peer location matches a mufi-lsp finding of the same family this many lines away (default 2)")
    ap.add_argument("--max-list", type=int, default=10, help="peer-only locations to list per peer (default 10)")
    ap.add_argument("--no-hyperfine", action="store_true", help="time with a plain loop even if hyperfine is there")
    ap.add_argument("--scaling", metavar="DIR", help="also time mufi-lsp and ripgrep on DIR/x1, DIR/x4, DIR/x16")
    args = ap.parse_args()

    tree = Path(args.tree).resolve() if args.tree else (None if args.scaling else DEFAULT_TREE)
    if tree is not None and not tree.is_dir():
        sys.exit(f"{tree}: no such folder (build the corpus: benches/corpus.sh {tree})")

    report: dict = {"machine": machine_info(), "versions": {}, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    m = report["machine"]
    print(f"machine: {m.get('nproc')} cores, {m.get('cpu', '?')}, {m.get('ram_gib', '?')} GiB RAM, {m.get('platform')}")

    workdir = Path(tempfile.mkdtemp(prefix="mufi-compare-"))
    if args.peers_dir:
        peers_dir = Path(args.peers_dir).resolve()
        peers_dir.mkdir(parents=True, exist_ok=True)
    else:
        peers_dir = workdir / "peers"
        peers_dir.mkdir()
    try:
        runs = setup_runs(args, workdir, peers_dir, report) if tree is not None else []
        if args.scaling:
            scaling_setup(args, report)
        print("versions:")
        for k, v in report["versions"].items():
            print(f"  {k}: {v}")
        if tree is not None:
            files, size = tree_size(tree)
            report["tree"] = {"path": str(tree), "files": files, "bytes": size}
            print(f"tree: {tree}: {files} files, {size / 1e6:.1f} MB")
            print(f"trigger strings for ripgrep: {report['triggers']['count']}, from {report['triggers']['source']}")
            sys.stdout.flush()
            execute_runs(args, runs, tree, workdir, report)
            report["runs"] = {r.name: r.as_json() for r in runs}
            print_runs(runs, report)
            findings_comparison(runs, tree, args, report)
        if args.scaling:
            scaling(args, workdir, report)
        report.pop("hyperfine", None)
        if args.json:
            Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
            print(f"raw results: {args.json}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
