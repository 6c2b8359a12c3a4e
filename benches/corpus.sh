#!/usr/bin/env bash
# Builds the benchmark corpus: a large mixed-language tree of real public source
# (Go, Java, C++, Python, TypeScript/JavaScript), assembled from pinned releases on
# Debian, PyPI and npm, so that every run of the benchmarks reads the same bytes.
#
#   benches/corpus.sh [DEST]                 build the corpus (default /work/bench/corpus)
#   benches/corpus.sh --scaled DIR [CORPUS]  build DIR/x1 (a ~50 MB slice of CORPUS),
#                                            DIR/x4 and DIR/x16 (4 and 16 hardlinked copies)
#   benches/corpus.sh --stats DIR            print size and file counts of any tree
#
# Environment:
#   CORPUS_CACHE  where downloads are kept between runs (default /work/bench/cache)
#   DEBS_DIR      extra folder searched for the pinned .deb files (default /work/bench/debs)
#
# Every download is checked against the SHA-256 pinned below; a mismatch stops the
# build. Debian drops superseded versions from its mirrors: when a pinned .deb can no
# longer be fetched, the script says so and stops (set CORPUS_ALLOW_NEWER_DEBS=1 to
# take the current version instead, at the cost of a different corpus).
set -euo pipefail

CACHE=${CORPUS_CACHE:-/work/bench/cache}
DEBS_DIR=${DEBS_DIR:-/work/bench/debs}

# ---------------------------------------------------------------------------
# Ingredients. "name version sha256" (sha256 of the downloaded artifact).
# ---------------------------------------------------------------------------

# Debian bookworm binary packages (source trees shipped as data).
DEBS=(
  "golang-1.19-src 1.19.8-2 2dfa82fe4f08f4e0193c532e561af4c91871f5235608f04f2bb8d57bb288df5a"
  "openjdk-17-source 17.0.19+10-1~deb12u2 2591b37131025f872f057be99467b45f7fa2aed928c8d779208db9c3239e1190"
  "libboost1.81-dev 1.81.0-5+deb12u1 bfe6d942c9fa4d68c8455e712a16fe3911f85d92959a0753cb22e5c13c2067de"
)

# JDK modules taken from the JDK's src.zip.
JDK_MODULES=(java.base java.net.http java.sql java.logging jdk.httpserver java.naming)

# Go: src/ (the standard library, runtime and their testdata) without cmd/, except
# these tools of cmd/: the compiler, the go command, the linker and their internals.
GO_CMDS=(compile go internal link)

# Boost libraries (folders under /usr/include/boost), plus boost/*.hpp.
BOOST_LIBS=(asio beast spirit mpl hana container intrusive regex graph log thread
  interprocess json url algorithm property_tree program_options filesystem system
  process core type_traits range iterator unordered variant2 optional smart_ptr)

# PyPI source distributions.
PYPI=(
  "Django 4.2.16 6f1616c2786c408ce86ab7e10f792b8f15742f7b7b7460243929cb371e7f1dad"
  "sympy 1.13.3 b27fd2c6530e0ab39e275fc9b683895367e51d5da91baa8d3d64db2565fec4d9"
  "aiohttp 3.10.10 0631dd7c9f0822cc61c88586ca76d5b5ada26538097d0f1df510b082bad3411a"
  "django-cors-headers 4.5.0 6c01a85cf1ec779a7bde621db853aa3ce5c065a5ba8e27df7a9f9e8dac310f4f"
  "fastapi 0.115.4 db653475586b091cb8b2fec2ac54a680ac6a158e07406e1abae31679e8826349"
  "flask 3.0.3 ceb27b0af3823ea2737928a4d99d125a06175b8512c445cbd9a9ce200ef76842"
  "flask-cors 5.0.0 5aadb4b950c4e93745034594d9f3ea6591f734bb3662e16e255ffbf5e89c88ef"
  "httpx 0.27.2 f7c2be1d2f3c3c3160d441802406b206c2b76f5947b11115e6df10c6c65e66c2"
  "requests 2.32.3 55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760"
  "starlette 0.41.2 9834fd799d1a87fd346deb76158668cfa0b0d56f85caefe8268e2d97c3468b62"
  "tornado 6.4.1 92d3ab53183d8c50f8204a51e6f91d18a15d5ef261e84d452800d4ff6fc504e9"
  "urllib3 2.2.3 e7d814a81dad81e6caf2ec9fdedb284ecc9c73076b62654547cc64ccdcae26e9"
  "werkzeug 3.0.4 34f2371506b250df4d4f84bfe7b0921e4762525762bbd936614909fe25cd7306"
)

# npm tarballs: packages that ship TypeScript sources (effect, rxjs, fp-ts, grpc-js,
# mobx, immer, redux toolkit, tanstack query), declarations and real JavaScript.
NPM=(
  "effect 3.10.0 624f9620d493535bdaff102720f4425be541f94f90be0e356e93af85bdb68799"
  "@effect/platform 0.69.9 9a6e0bb5b0b67701740400f9e07712bc2a9523b7f0c9c895bc7fe8b8745dcd89"
  "rxjs 7.8.1 c532167725ab7d085123209156c93cef22f2479cb9c8527060f1cd903aa9d149"
  "fp-ts 2.16.9 7470c38215c2a1c7c3c22f6f8feed7e21202c4df536e07c36b00c1cbf546ba2a"
  "@grpc/grpc-js 1.12.2 a1066ca50bdd81ea3c9815ac0f4b1a0d5ad79360728d5a332f7b823797391f1b"
  "mobx 6.13.5 b85a7f765065c081724a7c49e91f59950151607b2f1c5a77c8ec4231f7129a1b"
  "immer 10.1.1 946cc79684ad1e080b09d4f2da14247b272aa667f3aaa100f35846148689f08f"
  "@reduxjs/toolkit 2.3.0 08b1d2ee2734db303144369c3bf908fc92269c6540673fbbd2b2af51021e1f76"
  "@tanstack/query-core 5.59.16 13840720e79a4bee7161908d038e01bc0cada0517bbc73da942d7e22af3008b1"
  "zod 3.23.8 461cea3c57c75a4ee97bf678e9e4669d963fc57c6ecec93a858aba11ca709e19"
  "typeorm 0.3.20 12d63383bfa712607fce9fcc3025a1087a18aa7b44b1c26d0ec62bde0ce47501"
  "core-js 3.38.1 224b8d2f0eb0dba25973ac6949f348da77cc5f6ca2fd058064f27acbf04264e0"
  "webpack 5.90.0 b6f84cba2e7896ff3515e43b921209911fd80ced990f32492be0f8dc343dc083"
  "eslint 8.57.0 97ec696de2427643aaa7cfa0478ea4fc8ef964c3b2fc9b1f4b57b5180629cf12"
  "lodash-es 4.17.21 777598ac703f02b403ef678cd11bce2150ad788f35c774ea7c9cc241a892cb7b"
  "fastify 5.0.0 51b47989828cd51984c690efe8f34e49467a3cbcccbd007a0a334c24aaf0c6b6"
  "undici 6.20.1 9d8abdb5473872e165e2ab84b0535088ccdf4074ae7563ce5305e1ea5a840704"
  "axios 1.7.7 5f2dde3882446ea1cb5094dd7db99b4ed7cf09f0c96be646a8d30959b0923bec"
  "express 4.21.1 4097da0999b7078263460df02b0990244794d84e79e185e6d4ff50ce06d79462"
  "koa 2.15.3 23b9a334640c93f61306e1941dc87b6001b0273230482fb9138243de870727f1"
  "cors 2.8.5 dedbc70c3f470cbfb089316f18ccc20890b0c86f7780da83c5ae90982a22de26"
  "helmet 8.0.0 7bc161f55179e4e2c02f353890b372c6b7f2509a75364aac48324009f5bfbc27"
)

# Not source: source maps (JSON holding the sources again), compiled gettext
# catalogues, images, fonts, archives and object files (test inputs of Go's packages).
DROP_GLOBS=('*.map' '*.mo' '*.png' '*.jpg' '*.jpeg' '*.gif' '*.ico' '*.ttf' '*.woff'
  '*.woff2' '*.eot' '*.pdf' '*.zip' '*.gz' '*.tgz' '*.tar' '*.bz2' '*.xz' '*.zst'
  '*.wasm' '*.syso' '*.obj' '*.a' '*.so' '*.exe' '*.dll' '*.class' '*.jar')

# The slice behind --scaled: folders of the corpus, about 50 MB of every language.
SLICE=(
  go/src/net go/src/crypto go/src/encoding go/src/go
  java/java.base/java/net java/java.base/sun/security java/java.net.http java/jdk.httpserver
  cpp/boost/asio cpp/boost/beast cpp/boost/json
  python/Django-4.2.16/django/db python/sympy-1.13.3/sympy/core python/requests-2.32.3
  python/urllib3-2.2.3 python/aiohttp-3.10.10/aiohttp python/flask-3.0.3 python/werkzeug-3.0.4
  js/rxjs-7.8.1 js/effect-3.10.0/src js/express-4.21.1 js/cors-2.8.5 js/axios-1.7.7
  js/fastify-5.0.0
)

# ---------------------------------------------------------------------------

die() { echo "corpus.sh: $*" >&2; exit 1; }
say() { echo "==> $*" >&2; }

check_sha() { # FILE EXPECTED
  local got
  got=$(sha256sum "$1" | cut -d' ' -f1)
  [[ "$got" == "$2" ]] || die "$(basename "$1"): sha256 $got, expected $2 (a different artifact: delete it from $CACHE to retry)"
}

# The cached artifact whose name starts with PREFIX, if any.
cached() { # DIR PREFIX
  find "$1" -maxdepth 1 -type f -name "$2" -print -quit 2>/dev/null
}

fetch_deb() { # NAME VERSION SHA -> prints the path
  local name=$1 version=$2 sha=$3 file fv
  fv=${version//:/%3a}
  for dir in "$CACHE/debs" "$DEBS_DIR"; do
    file=$(cached "$dir" "${name}_${fv}_*.deb")
    if [[ -n "$file" ]]; then check_sha "$file" "$sha"; echo "$file"; return; fi
  done
  mkdir -p "$CACHE/debs"
  say "apt-get download $name=$version"
  if ! (cd "$CACHE/debs" && apt-get download -q "$name=$version" >&2); then
    if [[ "${CORPUS_ALLOW_NEWER_DEBS:-0}" == 1 ]]; then
      echo "WARNING: $name=$version is gone from the mirror; taking the current version: the corpus will differ" >&2
      (cd "$CACHE/debs" && apt-get download -q "$name" >&2) || die "apt-get download $name failed (run apt-get update?)"
      # shellcheck disable=SC2012 # the newest download of NAME: plain file names
      ls -t "$CACHE/debs/${name}"_*.deb | head -1
      return
    fi
    die "apt-get download $name=$version failed: run apt-get update, or the mirror no longer has it (CORPUS_ALLOW_NEWER_DEBS=1 takes the current version)"
  fi
  file=$(cached "$CACHE/debs" "${name}_${fv}_*.deb")
  [[ -n "$file" ]] || die "apt-get download $name=$version left no file"
  check_sha "$file" "$sha"
  echo "$file"
}

fetch_pypi() { # NAME VERSION SHA -> prints the path
  local name=$1 version=$2 sha=$3 file norm
  # sdist names: Django-4.2.16.tar.gz, django_cors_headers-4.5.0.tar.gz, flask-3.0.3.tar.gz
  norm=${name//-/_}
  mkdir -p "$CACHE/pypi"
  file=$(find "$CACHE/pypi" -maxdepth 1 -type f -iname "${norm}-${version}.tar.gz" -print -quit)
  if [[ -z "$file" ]]; then
    say "pip download $name==$version (sdist)"
    python3 -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: \
      -d "$CACHE/pypi" "$name==$version" >&2 || die "pip download $name==$version failed"
    file=$(find "$CACHE/pypi" -maxdepth 1 -type f -iname "${norm}-${version}.tar.gz" -print -quit)
    [[ -n "$file" ]] || die "pip download $name==$version left no ${norm}-${version}.tar.gz"
  fi
  check_sha "$file" "$sha"
  echo "$file"
}

fetch_npm() { # NAME VERSION SHA -> prints the path
  local name=$1 version=$2 sha=$3 file base
  base=${name#@}; base=${base//\//-}
  mkdir -p "$CACHE/npm"
  file="$CACHE/npm/${base}-${version}.tgz"
  if [[ ! -f "$file" ]]; then
    say "npm pack $name@$version"
    (cd "$CACHE/npm" && npm pack --silent "$name@$version" >/dev/null) || die "npm pack $name@$version failed"
    [[ -f "$file" ]] || die "npm pack $name@$version left no $(basename "$file")"
  fi
  check_sha "$file" "$sha"
  echo "$file"
}

# Size and file counts of a tree: per language, and per extension.
stats() { # DIR
  local dir=$1
  [[ -d "$dir" ]] || die "$dir: no such folder"
  find "$dir" -type f -printf '%s\t%f\n' | awk -F'\t' '
    function lang(e) {
      if (e == "go") return "Go"
      if (e == "java") return "Java"
      if (e ~ /^(hpp|ipp|h|hh|hxx|cpp|cc|cxx|c|inl|tpp)$/) return "C/C++"
      if (e ~ /^(py|pyi|pyx|pxd)$/) return "Python"
      if (e ~ /^(ts|tsx|mts|cts|d\.ts|d\.mts|d\.cts)$/) return "TypeScript"
      if (e ~ /^(js|mjs|cjs|jsx)$/) return "JavaScript"
      return "other"
    }
    {
      name = tolower($2); ext = "(none)"
      if (name ~ /\.d\.(ts|mts|cts)$/) { sub(/^.*\.d\./, "d.", name); ext = name }
      else if (name ~ /\.[^.]+$/ && name !~ /^\.[^.]+$/) { sub(/^.*\./, "", name); ext = name }
      n[ext]++; b[ext] += $1; total += $1; files++
      l = lang(ext); ln[l]++; lb[l] += $1
    }
    END {
      printf "%-12s %9s %10s\n", "language", "files", "MB"
      split("Go Java C/C++ Python TypeScript JavaScript other", order, " ")
      for (i = 1; i <= 7; i++) { l = order[i]; printf "%-12s %9d %10.1f\n", l, ln[l], lb[l] / 1e6 }
      printf "%-12s %9d %10.1f\n\n", "total", files, total / 1e6
      printf "%-12s %9s %10s\n", "extension", "files", "MB"
      for (e in n) printf "%-12s %9d %10.1f\n", e, n[e], b[e] / 1e6 | "sort -k2,2nr | head -25"
    }'
}

build() { # DEST
  local dest=$1 stage tmp f name version sha dir
  command -v dpkg-deb >/dev/null || die "dpkg-deb is needed"
  command -v unzip >/dev/null || die "unzip is needed (apt-get install unzip)"
  command -v npm >/dev/null || die "npm is needed"
  if [[ -e "$dest" ]]; then
    [[ -f "$dest/MANIFEST.txt" || -z "$(ls -A "$dest")" ]] \
      || die "$dest exists and is not a corpus built by this script: refusing to replace it"
  fi
  mkdir -p "$CACHE"
  tmp="$dest.partial"
  rm -rf "$tmp"
  mkdir -p "$tmp"/{go,java,cpp,python,js}
  stage=$(mktemp -d "${TMPDIR:-/tmp}/corpus-stage.XXXXXX")
  # shellcheck disable=SC2064 # expanded now: $stage is local to this function
  trap "rm -rf '$stage'" EXIT
  {
    echo "mufi-lsp benchmark corpus, built by benches/corpus.sh on $(date -u +%Y-%m-%d)"
    echo "Each entry: source, name, version, sha256 of the downloaded artifact."
  } >"$tmp/MANIFEST.txt"

  for entry in "${DEBS[@]}"; do
    read -r name version sha <<<"$entry"
    f=$(fetch_deb "$name" "$version" "$sha")
    say "unpacking $(basename "$f")"
    mkdir -p "$stage/$name"
    dpkg-deb -x "$f" "$stage/$name"
    echo "debian $name $version $(sha256sum "$f" | cut -d' ' -f1)" >>"$tmp/MANIFEST.txt"
  done

  # Go: the standard library and runtime (src/ without cmd/, the toolchain).
  dir=$(find "$stage/golang-1.19-src" -type d -path '*/go-1.19/src' -print -quit)
  [[ -n "$dir" ]] || die "no go-1.19/src in golang-1.19-src"
  mkdir -p "$tmp/go/src/cmd"
  (cd "$dir" && find . -mindepth 1 -maxdepth 1 ! -name cmd -exec cp -a {} "$tmp/go/src/" \;)
  for c in "${GO_CMDS[@]}"; do cp -a "$dir/cmd/$c" "$tmp/go/src/cmd/"; done

  # Java: the JDK's own sources, a few modules of src.zip.
  f=$(find "$stage/openjdk-17-source" -name src.zip -print -quit)
  [[ -n "$f" ]] || die "no src.zip in openjdk-17-source"
  unzip -q "$f" "${JDK_MODULES[@]/%//*}" -d "$tmp/java"

  # C++: Boost headers.
  dir=$(find "$stage/libboost1.81-dev" -type d -path '*/include/boost' -print -quit)
  [[ -n "$dir" ]] || die "no include/boost in libboost1.81-dev"
  mkdir -p "$tmp/cpp/boost"
  for lib in "${BOOST_LIBS[@]}"; do cp -a "$dir/$lib" "$tmp/cpp/boost/"; done
  cp -a "$dir"/*.hpp "$tmp/cpp/boost/"

  # Python: sdists, unpacked as NAME-VERSION/.
  for entry in "${PYPI[@]}"; do
    read -r name version sha <<<"$entry"
    f=$(fetch_pypi "$name" "$version" "$sha")
    tar -xzf "$f" -C "$tmp/python"
    echo "pypi $name $version $sha" >>"$tmp/MANIFEST.txt"
  done

  # TypeScript/JavaScript: npm tarballs, package/ renamed to NAME-VERSION/.
  for entry in "${NPM[@]}"; do
    read -r name version sha <<<"$entry"
    f=$(fetch_npm "$name" "$version" "$sha")
    dir="$tmp/js/$(basename "$f" .tgz)"
    mkdir -p "$dir"
    tar -xzf "$f" -C "$dir" --strip-components=1
    echo "npm $name $version $sha" >>"$tmp/MANIFEST.txt"
  done

  for g in "${DROP_GLOBS[@]}"; do find "$tmp" -type f -name "$g" -delete; done
  # Tarballs carry their authors' modes; the corpus is read-only data.
  chmod -R u+rwX,go+rX "$tmp"
  {
    echo "go: golang-1.19-src, src/ without cmd/ except cmd/{$(IFS=,; echo "${GO_CMDS[*]}")}"
    echo "java: openjdk-17-source src.zip modules: ${JDK_MODULES[*]}"
    echo "cpp: libboost1.81-dev boost/*.hpp and: ${BOOST_LIBS[*]}"
    echo "dropped: ${DROP_GLOBS[*]}"
  } >>"$tmp/MANIFEST.txt"

  rm -rf "$dest"
  mv "$tmp" "$dest"
  say "corpus at $dest"
  du -sh --apparent-size "$dest" >&2
  stats "$dest"
  local ignores
  ignores=$(find "$dest" \( -name .gitignore -o -name .ignore \) | wc -l)
  echo
  echo "ignore files in the corpus (.gitignore/.ignore, honoured by mufi-lsp and rg): $ignores"
}

scaled() { # DIR CORPUS
  local out=$1 corpus=$2 i
  [[ -f "$corpus/MANIFEST.txt" ]] || die "$corpus: no corpus there (build it first: benches/corpus.sh $corpus)"
  for part in "${SLICE[@]}"; do [[ -e "$corpus/$part" ]] || die "$corpus/$part is missing"; done
  # Hardlinks need one filesystem: out and the corpus must share it.
  mkdir -p "$out"
  rm -rf "$out/x1" "$out/x4" "$out/x16"
  mkdir -p "$out/x1" "$out/x4" "$out/x16"
  (cd "$corpus" && cp -al --parents "${SLICE[@]}" "$out/x1/")
  for i in 1 2 3 4; do cp -al "$out/x1" "$out/x4/c$i"; done
  for i in $(seq -w 1 16); do cp -al "$out/x1" "$out/x16/c$i"; done
  for x in x1 x4 x16; do
    find "$out/$x" -type f -printf '%s\n' \
      | awk -v x="$x" '{ s += $1; n++ } END { printf "%s: %.1f MB (%d bytes) in %d files\n", x, s / 1e6, s, n }'
  done
  echo
  stats "$out/x1"
}

case "${1:-}" in
  -h | --help)
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  --scaled)
    [[ $# -ge 2 ]] || die "usage: corpus.sh --scaled DIR [CORPUS]"
    scaled "$2" "${3:-/work/bench/corpus}"
    ;;
  --stats)
    [[ $# -ge 2 ]] || die "usage: corpus.sh --stats DIR"
    du -sh --apparent-size "$2"
    stats "$2"
    ;;
  -*)
    die "unknown option $1 (see --help)"
    ;;
  *)
    build "${1:-/work/bench/corpus}"
    ;;
esac
