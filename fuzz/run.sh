#!/usr/bin/env bash
# Runs every fuzz target for FUZZ_SECONDS (default 60) seconds, one after another (two cores:
# one libFuzzer job at a time), and prints one line per target. Exits non-zero if any target
# crashed or failed to build. Crash inputs land in fuzz/artifacts/<target>/; to keep one, copy
# it into fuzz/regressions/<target>/ (replayed by `cargo test --test fuzz_regressions`).
#
#   FUZZ_SECONDS=300 fuzz/run.sh               all targets
#   fuzz/run.sh inline_model bundle_parse      some of them
set -uo pipefail

CARGO_FUZZ_VERSION=0.13.2
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
cd "$(dirname "$0")/.."

if ! cargo fuzz --version 2>/dev/null | grep -q "cargo-fuzz $CARGO_FUZZ_VERSION\$"; then
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked || exit 1
fi

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(bundle_parse markdown_import inline_model)

log_dir=fuzz/target/run-logs
mkdir -p "$log_dir"
failed=0
summary=()
for target in "${targets[@]}"; do
  log="$log_dir/$target.log"
  echo "== $target: fuzzing for ${SECONDS_PER_TARGET}s (log: $log)"
  # -max_len: else libFuzzer caps inputs at the largest seed (a few hundred bytes for
  # inline_model). -timeout: an input taking 10 s is a hang worth reporting (default 1200 s).
  cargo +nightly fuzz run "$target" -- -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 \
    -max_len=16384 -timeout=10 -print_final_stats=1 >"$log" 2>&1
  status=$?
  # The final stats line, else the last `#N DONE` / `#N ...` progress line.
  execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9][0-9]*\)[[:space:]].*/\1/p' "$log" | tail -n 1)
  # Slow units are written too; only crash, leak, timeout and oom inputs count as crashes.
  artifact=$(sed -n 's/.*Test unit written to \(.*\/\(crash\|leak\|timeout\|oom\)-.*\)$/\1/p' "$log" | tail -n 1)
  if [ -n "$artifact" ]; then  # show the panic and its message, else the sanitizer's report
    { grep -m 1 -A 1 "panicked at" "$log" || grep -m 1 -E "^==[0-9]+== ?ERROR" "$log"; } | sed 's/^/    /'
    result="CRASH, input saved to $artifact"
    failed=1
  elif [ "$status" -ne 0 ]; then
    result="FAILED (exit $status, no crash input; see the log)"
    failed=1
  else
    result="ok, no crash"
  fi
  summary+=("$(printf '%-16s %12s execs in %ss: %s' "$target" "${execs:-?}" "$SECONDS_PER_TARGET" "$result")")
done

echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
exit "$failed"
