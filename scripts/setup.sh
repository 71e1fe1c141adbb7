#!/usr/bin/env bash
# Installs what building, serving and testing the playground needs, and only what is missing.
# Idempotent: a second run that finds everything in place takes under a second.
# Nothing is downloaded from GitHub: tools come from crates.io, npm and Debian.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
TRUNK_VERSION="0.22.1"
BINARYEN_VERSION="132.0.0"
PLAYWRIGHT_CORE_VERSION="1.65.1"
KUBERNETES_VALIDATE_VERSION="1.31.0"
WANT_CHROMIUM="${WANT_CHROMIUM:-1}"

log() { printf '[setup] %s\n' "$*" >&2; }

# The wasm-bindgen CLI must equal the crate version in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! rustup component list --installed 2>/dev/null | grep -q '^clippy'; then
  rustup component add clippy rustfmt
fi

if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 10 minutes on a fresh machine)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --ignore-rust-version
fi

WB_VERSION="$(wasm_bindgen_version)"
if [ -z "$WB_VERSION" ]; then
  log "Cargo.lock names no wasm-bindgen; run cargo generate-lockfile first"; exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WB_VERSION"; then
  log "installing wasm-bindgen-cli $WB_VERSION"
  # No --locked: the CLI's own lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  log "installing cargo-fuzz (fuzz targets run on the stable toolchain with RUSTC_BOOTSTRAP=1)"
  cargo install cargo-fuzz --locked
fi

if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  log "installing binaryen@$BINARYEN_VERSION (wasm-opt) from npm into $TOOLS"
  mkdir -p "$TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "binaryen@$BINARYEN_VERSION"
fi

# The Kubernetes v1.31 JSON schemas and their validator (PyPI), for the exported YAML.
if ! "$TOOLS/venv/bin/kubernetes-validate" --version 2>/dev/null | grep -q "$KUBERNETES_VALIDATE_VERSION"; then
  log "installing kubernetes-validate==$KUBERNETES_VALIDATE_VERSION from PyPI into $TOOLS/venv"
  mkdir -p "$TOOLS"
  python3 -m venv "$TOOLS/venv"
  "$TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
fi

if [ "$WANT_CHROMIUM" = 1 ] && [ ! -f "$TOOLS/node_modules/playwright-core/package.json" ]; then
  log "installing playwright-core@$PLAYWRIGHT_CORE_VERSION from npm into $TOOLS (it drives Debian's chromium; no browser download)"
  mkdir -p "$TOOLS"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund --prefix "$TOOLS" "playwright-core@$PLAYWRIGHT_CORE_VERSION"
fi

if [ "$WANT_CHROMIUM" = 1 ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v brotli >/dev/null; then
    log "installing chromium, chromium-driver and brotli from Debian"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver brotli >/dev/null
  fi
fi

log "tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}')"
