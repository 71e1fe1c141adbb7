#!/usr/bin/env bash
# Runs every test: formatting, lints (native and wasm32), native tests, the release build and its
# size budget, wasm tests in headless Chromium, and the end-to-end test of the built page (served
# at / and at the Pages sub-path). Installs only what is missing first; safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
. scripts/env.sh

# The release download (wasm + js + css + html) must stay under this many brotli bytes.
SIZE_BUDGET_BROTLI="${SIZE_BUDGET_BROTLI:-1000000}"

step() { printf '\n=== %s\n' "$*"; }
failed=0
passed=0
run() {
  local name="$1"; shift
  step "$name"
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failed=$((failed + 1)); fi
}

run "cargo fmt --check" cargo fmt --all -- --check
run "clippy (native)" cargo clippy --all-targets -- -D warnings
run "clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings
run "native tests" cargo test
# tests/export.rs leaves every lesson's exported objects there; a real cluster's schemas judge them.
run "exported YAML against the Kubernetes v1.31 schemas" bash -c 'ls target/exported-yaml/*.yaml >/dev/null && "$KUBE_PLAYGROUND_TOOLS/venv/bin/kubernetes-validate" --strict -k 1.31.0 --quiet target/exported-yaml/*.yaml'
run "release build (/)" trunk build --release --dist dist
run "release build (/kube-playground/)" trunk build --release --dist dist-pages --public-url /kube-playground/
run "size budget" bash scripts/sizes.sh dist "$SIZE_BUDGET_BROTLI"
run "size budget refuses a bloated build" bash scripts/check-budget-fails.sh dist "$SIZE_BUDGET_BROTLI"
run "wasm tests in headless Chromium" env WASM_BINDGEN_TEST_TIMEOUT=60 cargo test --target wasm32-unknown-unknown --test web
run "fuzz targets (${FUZZ_SECONDS:-10}s each)" env FUZZ_SECONDS="${FUZZ_SECONDS:-10}" bash scripts/fuzz.sh
run "end-to-end in headless Chromium" env NODE_PATH="$KUBE_PLAYGROUND_TOOLS/node_modules" node --test tests/e2e/

step "summary"
echo "steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
