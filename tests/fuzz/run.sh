#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time (scripts/test.sh: 20 s each, two at a
# time), after replaying its kept regression inputs; prints executions and corpus sizes.
# Usage: tests/fuzz/run.sh BUILD_DIR [SECONDS] [JOBS]      (see tests/fuzz/README)
set -euo pipefail
build=$(cd "$1" && pwd)
secs=${2:-20}
jobs=${3:-2}
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KIOSK_SOURCE_DIR="$src" TMPDIR="$work" SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export LSAN_OPTIONS="suppressions=$src/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
targets=(${FUZZ_TARGETS:-fuzz_config fuzz_po fuzz_content_ini fuzz_envelope fuzz_known_kiosks fuzz_text_layout
  fuzz_replay fuzz_intake})

run_one() {
  local name=$1 bin="$build/tests/fuzz/$1" dir="$work/$1"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  local regress="$src/tests/fuzz/regressions/$name"
  if [ -d "$regress" ] && [ -n "$(ls -A "$regress")" ]; then
    if ! "$bin" -runs=1 "$regress"/* > "$dir/regress.log" 2>&1; then
      tail -40 "$dir/regress.log"
      echo "FAIL: $name: a kept regression input fails again" >&2
      return 1
    fi
  fi
  cp "$src/tests/fuzz/corpus/$name"/* "$dir/corpus/"
  local seeds
  seeds=$(ls "$dir/corpus" | wc -l)
  if ! (cd "$dir" && "$bin" -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 -max_len=16384 \
      -print_final_stats=1 -artifact_prefix="$dir/artifacts/" "$dir/corpus" \
      > "$dir/run.log" 2>&1); then
    tail -60 "$dir/run.log"
    echo "FAIL: $name found a crash, leak or hang; the input:" >&2
    ls -l "$dir/artifacts" >&2
    mkdir -p "$src/tests/fuzz/found"
    cp "$dir/artifacts"/* "$src/tests/fuzz/found/" 2>/dev/null || true
    return 1
  fi
  local execs
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$dir/run.log")
  echo "fuzz $name: $execs runs in $secs s; corpus $seeds seeds -> $(ls "$dir/corpus" | wc -l) inputs; no crash, leak or hang"
}

status=0
pids=()
for name in "${targets[@]}"; do
  run_one "$name" > "$work/$name.out" 2>&1 &
  pids+=("$!:$name")
  if [ "${#pids[@]}" -ge "$jobs" ]; then
    entry=${pids[0]}; pids=("${pids[@]:1}")
    wait "${entry%%:*}" || status=1
    cat "$work/${entry#*:}.out"
  fi
done
for entry in "${pids[@]}"; do
  wait "${entry%%:*}" || status=1
  cat "$work/${entry#*:}.out"
done
[ "$status" -eq 0 ] && echo "PASS: every fuzz target ran ${secs} s without a finding"
exit "$status"
