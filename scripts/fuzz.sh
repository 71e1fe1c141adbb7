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
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  echo "fuzzing $t for ${SECONDS_EACH}s"
  cargo fuzz run --sanitizer none --fuzz-dir fuzz "$t" "fuzz/corpus/$t" fuzz/seeds -- \
    -max_total_time="$SECONDS_EACH" -rss_limit_mb=4096 -timeout=10 -max_len=4096 -print_final_stats=1 2>&1 \
    | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==|SUMMARY|thread '|Done)" || true
  # cargo fuzz exits non-zero on a crash; PIPESTATUS keeps that.
  [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz target $t found a crash (see fuzz/artifacts/$t)"; exit 1; }
done
echo "fuzzing done: ${#targets[@]} targets, ${SECONDS_EACH}s each"
