#!/usr/bin/env bash
# Prints the release download sizes (raw, gzip -9, brotli -q 11) and fails when the total
# brotli size of what the page needs for its first prompt is over the budget.  usage: sizes.sh DIST_DIR BUDGET_BYTES
set -euo pipefail
dist="$1"; budget="$2"
total_raw=0; total_gz=0; total_br=0
printf '%-8s %10s %10s %10s  %s\n' kind raw gzip brotli file
# Every file the page loads: the wasm, its JS glue and snippets, the service worker, CSS, HTML.
while IFS= read -r f; do
  raw=$(stat -c%s "$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-8s %10d %10d %10d  %s\n' "${f##*.}" "$raw" "$gz" "$br" "${f#"$dist"/}"
done < <(find "$dist" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' \) | sort)
printf '%-8s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
# Fetched after the first prompt (kubectl explain's descriptions): shown, not in the budget.
while IFS= read -r f; do
  printf '%-8s %10d %10d %10d  %s (after the first prompt)\n' deferred "$(stat -c%s "$f")" \
    "$(gzip -9c "$f" | wc -c)" "$(brotli -q 11 -c "$f" | wc -c)" "${f#"$dist"/}"
done < <(find "$dist" -type f -name '*.txt' | sort)
if [ "$total_br" -gt "$budget" ]; then
  echo "size budget exceeded: $total_br bytes brotli > $budget"
  exit 1
fi
echo "size budget ok: $total_br bytes brotli <= $budget"
