#!/usr/bin/env bash
# Serves the playground at http://127.0.0.1:8080, building it as needed.
# Installs only what is missing (see scripts/setup.sh); safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WANT_CHROMIUM=0 bash scripts/setup.sh
. scripts/env.sh
exec trunk serve --release --address 127.0.0.1 --port "${PORT:-8080}"
