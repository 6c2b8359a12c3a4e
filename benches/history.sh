#!/usr/bin/env bash
# Builds a synthetic 50,000-commit git repository from the benchmark corpus, for timing
# `mufi-lsp check --history` (not run by CI).
#
#   benches/history.sh [DEST] [CORPUS]   build DEST (default /work/bench/history-repo)
#                                        from CORPUS (default /work/bench/corpus)
#   then: /usr/bin/time -v target/release/mufi-lsp check --history DEST > /dev/null
#
# Why synthetic: the machine that measured it reaches package registries but not
# GitHub, so no large public history could be cloned. The files are real public source
# (benches/corpus.sh); only the sequence of edits is made up. It is deterministic (a
# fixed seed, fixed dates), so every run builds the same commits:
# - commit 1 imports 6,000 corpus files in their real folder layout (building the 50,000
#   commits takes about 90 s of CPU and 234 MB of disk);
# - then one commit at a time: edit 1–3 files (append a line), sometimes add a corpus
#   file or delete one; every 1,000 commits a 5-commit topic branch is merged back;
# - 40 fake Mufi keys (JWTs with a fake signature) are planted in source files and
#   `.env` files along the way; about half are deleted again later.
# Commits: COMMITS (default 50000) on `main`, merges included.
set -euo pipefail

DEST=${1:-/work/bench/history-repo}
CORPUS=${2:-/work/bench/corpus}
COMMITS=${COMMITS:-50000}

if [ -e "$DEST" ]; then
  echo "$DEST exists; remove it first" >&2
  exit 1
fi
git init -q -b main "$DEST"
python3 - "$CORPUS" "$COMMITS" <<'PY' | git -C "$DEST" fast-import --quiet
import base64, os, random, sys

corpus, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(9)
out = sys.stdout.buffer
files = []
for root, dirs, names in os.walk(corpus):
    dirs.sort()
    for n in sorted(names):
        if n != "MANIFEST.txt":
            files.append(os.path.relpath(os.path.join(root, n), corpus))
rng.shuffle(files)
initial, pool = files[:6000], files[6000:]

def read(rel):
    with open(os.path.join(corpus, rel), "rb") as f:
        return f.read()

def key(i):
    enc = lambda s: base64.urlsafe_b64encode(s.encode()).rstrip(b"=").decode()
    head = enc('{"alg":"HS256","typ":"JWT"}')
    body = enc('{"project":"prj_bench_%d","permission":"Write"}' % i)
    return f"{head}.{body}.ZmFrZS1iZW5jaC1zaWduYXR1cmUtJWQtMDEyMzQ1Njc4OQ"

tree = {}  # path -> bytes, as of main's tip
mark = 0
time = 1_600_000_000

def blob(data):
    global mark
    mark += 1
    out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)) + data + b"\n")
    return mark

def commit(ref, parent, changes, message, merge=None):
    """changes: list of (path, bytes or None for delete)."""
    global mark, time
    marks = [(p, None if d is None else blob(d)) for p, d in changes]
    mark += 1
    time += 600
    msg = message.encode()
    out.write(b"commit %s\nmark :%d\n" % (ref.encode(), mark))
    out.write(b"author Bench <bench@example.com> %d +0000\n" % time)
    out.write(b"committer Bench <bench@example.com> %d +0000\n" % time)
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    if parent:
        out.write(b"from :%d\n" % parent)
    if merge:
        out.write(b"merge :%d\n" % merge)
    for p, m in marks:
        if m is None:
            out.write(b"D %s\n" % p.encode())
        else:
            out.write(b"M 100644 :%d %s\n" % (m, p.encode()))
    out.write(b"\n")
    return mark

def edits(n, label):
    """n random edits against `tree`, applied to it; returns the change list."""
    changes = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.05 and pool:
            p = pool.pop()
            tree[p] = read(p)
        elif roll < 0.07 and len(tree) > 1000:
            p = rng.choice(list(tree))
            del tree[p]
            changes.append((p, None))
            continue
        else:
            p = rng.choice(list(tree))
            tree[p] = tree[p] + (b"\n// %s\n" % label.encode())
        changes.append((p, tree[p]))
    return changes

for p in initial:
    tree[p] = read(p)
tip = commit("refs/heads/main", None, sorted(tree.items()), "import")
planted = {}  # key index -> path
next_key = 0
made = 1
while made < total:
    i = made
    if i % 1000 == 0 and total - made > 6:
        topic, ref = tip, "refs/heads/topic-%d" % i
        merged = []
        for j in range(5):
            ch = edits(1, "topic %d.%d" % (i, j))
            merged += ch
            topic = commit(ref, topic, ch, "topic %d.%d" % (i, j))
        made += 5
        tip = commit("refs/heads/main", tip, merged, "merge topic %d" % i, merge=topic)
        made += 1
        continue
    changes = edits(rng.randint(1, 3), "change %d" % i)
    if i % 1250 == 625:
        k, next_key = next_key, next_key + 1
        if k % 4 == 3:
            p = "services/svc%d/.env" % k
            tree[p] = b"MUFI_API_KEY=%s\n" % key(k).encode()
        else:
            p = rng.choice([q for q in tree if q.endswith((".py", ".js", ".go", ".java"))])
            tree[p] = tree[p] + (b'\nMUFI_KEY = "%s"\n' % key(k).encode())
        planted[k] = p
        changes.append((p, tree[p]))
    elif i % 1250 == 1100 and planted:
        k = rng.choice(sorted(planted))
        p = planted.pop(k)
        if k % 2 == 0 and p in tree:
            del tree[p]
            changes.append((p, None))
    tip = commit("refs/heads/main", tip, changes, "change %d" % i)
    made += 1
PY
git -C "$DEST" checkout -q main
echo "built $DEST: $(git -C "$DEST" rev-list --count HEAD) commits, $(du -sh "$DEST/.git" | cut -f1) of git data"
