#!/usr/bin/env bash
# Shows the size budget bites: a copy of the release build with 1.5 MB of incompressible bytes
# added to its wasm must fail scripts/sizes.sh.
set -euo pipefail
dist="$1"; budget="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$dist"/*.wasm "$dist"/*.js "$dist"/*.html "$tmp"/ 2>/dev/null || true
wasm="$(ls "$tmp"/*.wasm | head -1)"
head -c 1500000 /dev/urandom >> "$wasm"
if bash "$(dirname "$0")/sizes.sh" "$tmp" "$budget" > "$tmp/out.txt"; then
  cat "$tmp/out.txt"
  echo "the bloated build passed the budget: the check is broken"
  exit 1
fi
tail -1 "$tmp/out.txt"
echo "a bloated build fails the budget, as it should"
