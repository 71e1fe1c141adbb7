#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 20 s each; FUZZ_SECONDS to change).
# A longer run of one target:  FUZZ_SECONDS=3600 bash scripts/fuzz.sh terminal_line
# Uses cargo-fuzz on the stable toolchain (RUSTC_BOOTSTRAP=1 enables the flags it needs) with no
# sanitizer: what is looked for is a panic, a stack overflow or a hang on some input.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/env.sh
SECONDS_EACH="${FUZZ_SECONDS:-20}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(shell_parse manifest kubectl_args terminal_line)
export RUSTC_BOOTSTRAP=1
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  echo "fuzzing $t for ${SECONDS_EACH}s"
  set +e
  cargo fuzz run --sanitizer none --fuzz-dir fuzz "$t" "fuzz/corpus/$t" fuzz/seeds -- \
    -max_total_time="$SECONDS_EACH" -rss_limit_mb=4096 -timeout=10 -max_len=4096 -print_final_stats=1 > "$log" 2>&1
  status=$?
  set -e
  grep -E "^(Done [0-9]+ runs|stat::number_of_executed_units)" "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$log"
    echo "fuzz target $t failed (exit $status); the input is in fuzz/artifacts/$t"
    exit 1
  fi
done
echo "fuzzing done: ${#targets[@]} targets, ${SECONDS_EACH}s each"
