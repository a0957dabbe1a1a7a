#!/usr/bin/env bash
# Peer comparison (project issue 7, "Benchmarks"): the Rust client that openapi-generator makes
# from specs/mgmt.yaml against our mgmt-sdk, on
#   row 1: per-call cost of one console application list page (GET /actifio/application?offset=0&limit=1000)
#          against the same loopback simulator, beside bare reqwest + serde;
#   row 5: build cost (generated lines, clean build of the crate alone with its dependencies
#          already built, debug and release, normal transitive dependency count).
# Run from the repository root: tests/benches/peer/run.sh. NOT run in CI. It never touches the
# workspace's build: everything it makes goes under target/peer/ (own venv, own crates with their
# own [workspace] table and lock file, CARGO_TARGET_DIR=target/peer/target).
# Needs python3 (venv), Java 17 as `java`, cargo, and PyPI + crates.io.
# Environment: PEER_CALLS (2000), PEER_WARMUP (200), PEER_RESULTS (/tmp/briefs/peer_results.md),
# PEER_SKIP_SDK_BUILD=1 to skip timing our own crate's build (row 5 then shows only the peer's build).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE=$ROOT/tests/benches/peer
OUT=$ROOT/target/peer
OAG_VERSION=7.10.0
RESULTS=${PEER_RESULTS:-/tmp/briefs/peer_results.md}
export CARGO_TARGET_DIR=$OUT/target
cd "$ROOT"
mkdir -p "$OUT" "$(dirname "$RESULTS")"

say() { echo "== $*" >&2; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START=$(loadavg)

# 0. A snapshot of the committed tree (PEER_REV, default HEAD) in target/peer/src: the harness and
# the build measurements use our crates from there, so concurrent edits in the work tree can
# neither break nor skew them. Re-extracted only when the commit changes (keeps builds cached).
# The key is the tree hashes of what the builds read, so a commit that changes only this folder
# (or docs) does not force a rebuild of our crates.
REV=$(git rev-parse "${PEER_REV:-HEAD}")
KEY=$(for p in Cargo.toml Cargo.lock crates specs xtask tests/Cargo.toml tests/src; do
    git rev-parse "$REV:$p"
done | tr '\n' ' ')
SRC=$OUT/src
if [ "$(cat "$SRC/.peer-rev" 2>/dev/null)" != "$KEY" ]; then
    say "snapshot of $REV in target/peer/src"
    rm -rf "$SRC"
    mkdir -p "$SRC"
    git archive --format=tar "$REV" | tar -x -C "$SRC"
    echo "$KEY" >"$SRC/.peer-rev"
    rm -f "$OUT/harness/Cargo.lock" "$OUT/sdk-alone/Cargo.lock"
fi

# 1. openapi-generator from PyPI (the wheel bundles the jar; runs on the machine's Java).
OAG=$OUT/venv/bin/openapi-generator-cli
if [ ! -x "$OAG" ] || [ "$("$OAG" version 2>/dev/null)" != "$OAG_VERSION" ]; then
    say "venv + openapi-generator-cli==$OAG_VERSION"
    python3 -m venv "$OUT/venv"
    "$OUT/venv/bin/pip" install -q "openapi-generator-cli==$OAG_VERSION"
fi
OAG_REPORTED=$("$OAG" version)

# 2. Generate the Rust client (reqwest, async) and check that it compiles.
OAG_PROPS=packageName=mgmt_oag,library=reqwest,supportAsync=true
generate() { # SPEC [extra generator args...]
    local spec=$1
    shift
    rm -rf "$OUT/mgmt-oag"
    say "generate from $spec $*"
    "$OAG" generate -i "$spec" -g rust -o "$OUT/mgmt-oag" \
        --additional-properties="$OAG_PROPS" "$@" >"$OUT/generate.log" 2>&1 || return 1
    # Its own workspace root, so cargo does not take it for a stray member of ours.
    printf '\n[workspace]\n' >>"$OUT/mgmt-oag/Cargo.toml"
}
ERRORS=0
compiles() { # builds target/peer/mgmt-oag (debug); sets ERRORS on failure
    say "cargo build (debug) of the generated crate and its dependencies"
    if (cd "$OUT/mgmt-oag" && cargo build) >"$OUT/build-check.log" 2>&1; then
        return 0
    fi
    ERRORS=$(grep -E '^error(\[E[0-9]+\])?: ' "$OUT/build-check.log" |
        grep -Evc '^error: (could not compile|aborting)' || true)
    say "does not compile: $ERRORS errors (target/peer/build-check.log)"
    return 1
}
FULL_ERRORS=0
if generate "$SRC/specs/mgmt.yaml" && compiles; then
    MEASURED="the full spec (specs/mgmt.yaml, every operation)"
    WHY="it generates with validation on and compiles without errors or changes"
else
    FULL_ERRORS=$ERRORS
    if generate "$SRC/specs/mgmt.yaml" --skip-validate-spec && compiles; then
        MEASURED="the full spec (specs/mgmt.yaml) generated with --skip-validate-spec"
        WHY="without it the generator or the build failed ($FULL_ERRORS compile errors)"
    else
        FULL_ERRORS=$((ERRORS > FULL_ERRORS ? ERRORS : FULL_ERRORS))
        say "slicing the spec to the operations the benchmark needs"
        "$OUT/venv/bin/pip" install -q pyyaml
        "$OUT/venv/bin/python" "$HERE/slice.py" "$SRC/specs/mgmt.yaml" "$OUT/mgmt-slice.yaml" \
            create_session list_applications count_applications get_application
        generate "$OUT/mgmt-slice.yaml" && compiles || {
            say "even the slice does not compile"
            exit 1
        }
        MEASURED="a slice of the spec (target/peer/mgmt-slice.yaml: create_session, list_applications, count_applications, get_application and what they reference)"
        WHY="the client of the full spec does not compile ($FULL_ERRORS compile errors, with and without --skip-validate-spec)"
    fi
fi
say "measured: $MEASURED"

# 3. Row 5 for a crate: lines, clean build of the crate alone (deps built), debug and release, deps.
crate_build() { # DIR PACKAGE -> "debug_s release_s"
    local dir=$1 pkg=$2 t debug release
    (
        cd "$dir"
        cargo build >>"$OUT/row5-build.log" 2>&1
        cargo clean -p "$pkg" >>"$OUT/row5-build.log" 2>&1
        t=$(now)
        cargo build >>"$OUT/row5-build.log" 2>&1
        debug=$(since "$t")
        cargo build --release >>"$OUT/row5-build.log" 2>&1
        cargo clean -p "$pkg" --release >>"$OUT/row5-build.log" 2>&1
        t=$(now)
        cargo build --release >>"$OUT/row5-build.log" 2>&1
        release=$(since "$t")
        echo "$debug $release"
    )
}
deps() { # DIR PACKAGE
    (cd "$1" && cargo tree -p "$2" -e normal --prefix none --no-dedupe) | sort -u | wc -l |
        awk '{ print $1 - 1 }'
}
: >"$OUT/row5-build.log"
PEER_LINES=$(find "$OUT/mgmt-oag/src" -name '*.rs' -print0 | xargs -0 cat | wc -l)
PEER_FILES=$(find "$OUT/mgmt-oag/src" -name '*.rs' | wc -l)
say "row 5: timing the generated crate's clean build (debug, then release)"
TIMES=$(crate_build "$OUT/mgmt-oag" mgmt_oag)
read -r PEER_DEBUG PEER_RELEASE <<<"$TIMES"
PEER_DEPS=$(deps "$OUT/mgmt-oag" mgmt_oag)

# Ours, measured the same way: a standalone crate depending only on mgmt-sdk (default features,
# default cargo profiles, the workspace's lock file as the starting point).
SDK_LINES=$(find "$SRC/crates/mgmt-sdk/src" -name '*.rs' ! -name generated_mock.rs -print0 | xargs -0 cat | wc -l)
SDK_MOCK_LINES=$(wc -l <"$SRC/crates/mgmt-sdk/src/generated_mock.rs")
SDK_FILES=$(find "$SRC/crates/mgmt-sdk/src" -name '*.rs' ! -name generated_mock.rs | wc -l)
mkdir -p "$OUT/sdk-alone/src"
cat >"$OUT/sdk-alone/Cargo.toml" <<EOF
[package]
name = "sdk-alone"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
mgmt-sdk = { path = "$SRC/crates/mgmt-sdk" }
EOF
: >"$OUT/sdk-alone/src/lib.rs"
[ -f "$OUT/sdk-alone/Cargo.lock" ] || cp "$SRC/Cargo.lock" "$OUT/sdk-alone/Cargo.lock"
SDK_DEPS=$(deps "$OUT/sdk-alone" mgmt-sdk)
if [ "${PEER_SKIP_SDK_BUILD:-0}" = 1 ]; then
    SDK_DEBUG="not timed" SDK_RELEASE="not timed"
else
    say "row 5: timing mgmt-sdk's clean build the same way"
    TIMES=$(crate_build "$OUT/sdk-alone" mgmt-sdk)
    read -r SDK_DEBUG SDK_RELEASE <<<"$TIMES"
fi

# 4. Row 1: the harness (own workspace root and lock file), release.
H=$OUT/harness
mkdir -p "$H/src"
sed -e "s#@ROOT@#$SRC#g" -e "s#@OAG@#$OUT/mgmt-oag#g" "$HERE/Cargo.toml.in" >"$H/Cargo.toml"
cp "$HERE/main.rs" "$H/src/main.rs"
[ -f "$H/Cargo.lock" ] || cp "$SRC/Cargo.lock" "$H/Cargo.lock"
say "row 1: building the harness (release)"
(cd "$H" && cargo build --release) >"$OUT/harness-build.log" 2>&1 || {
    tail -40 "$OUT/harness-build.log" >&2
    exit 1
}
say "row 1: ${PEER_WARMUP:-200} warm-up + ${PEER_CALLS:-2000} measured calls of each client"
"$CARGO_TARGET_DIR/release/peer-harness" >"$OUT/row1.md"

# 5. Report.
{
    echo "# Peer comparison: openapi-generator's Rust client vs mgmt-sdk (console API)"
    echo
    echo "Machine: $(nproc) cores, $(uname -m), $(rustc --version); openapi-generator-cli $OAG_REPORTED" \
        "(PyPI wheel, generator \`rust\`, \`$OAG_PROPS\`) on $(java -version 2>&1 | head -1)." \
        "Load average at start $LOAD_START, at end $(loadavg) (shared machine: other builds may run)."
    echo
    echo "Our crates: commit $REV (snapshot in target/peer/src)."
    echo "Peer client measured: $MEASURED, because $WHY."
    echo
    echo "## Row 1: per-call cost, one list page against the loopback simulator (2000 applications)"
    echo
    cat "$OUT/row1.md"
    echo
    echo "## Row 5: build cost"
    echo
    echo "| crate | Rust lines (files) | clean build of the crate alone, debug s | release s | normal transitive deps |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    echo "| mgmt_oag (openapi-generator $OAG_REPORTED) | $PEER_LINES ($PEER_FILES) | $PEER_DEBUG | $PEER_RELEASE | $PEER_DEPS |"
    echo "| mgmt-sdk (progenitor, default features) | $SDK_LINES ($SDK_FILES; +$SDK_MOCK_LINES with \`mock\`) | $SDK_DEBUG | $SDK_RELEASE | $SDK_DEPS |"
    echo
    echo "Build times: \`cargo build\` once, \`cargo clean -p <crate>\`, then the timed \`cargo build\`" \
        "(same with \`--release\`), in standalone crates under target/peer with default cargo profiles." \
        "Deps: \`cargo tree -p <crate> -e normal --prefix none --no-dedupe | sort -u | wc -l\` minus one."
} | tee "$RESULTS"
say "written to $RESULTS"
