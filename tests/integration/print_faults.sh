#!/usr/bin/env bash
# Printer faults: paper out, a slow printer and a dropped connection. Each print job
# reports failure with its reason within its time-out (plus a generous margin), and the
# polling thread is never held up: the longest poll stays far below one frame.
source "$KIOSK_SOURCE_DIR/tests/print/lib.sh"

TIMEOUT_S=3
MARGIN_MS=2000     # thread start, ASan, a busy machine
MAX_POLL_US=20000  # a poll must never approach a frame (16 ms) even under ASan

check() {
  local mode=$1 reason=$2; shift 2
  local dir="$WORK/$mode"
  start_printer "$dir" "$mode" "$@"
  write_config "$WORK/k.ini" "[printer]" "sink = tcp:127.0.0.1:$PRINTER_PORT" \
    "timeout_s = $TIMEOUT_S"
  local rc=0
  "$DRIVER" test --config "$WORK/k.ini" --lang en > "$WORK/out.txt" 2>"$WORK/err.txt" || rc=$?
  stop_printer
  cat "$WORK/out.txt"
  [ "$rc" -eq 1 ] || fail "$mode: exit code $rc, want 1 (printing failed)"
  grep -qE "^print-test: failed: .*($reason)" "$WORK/out.txt" || fail "$mode: reason is not '$reason'"
  local polls max_us elapsed
  read -r polls max_us elapsed < <(sed -nE 's/^polls=([0-9]+) max_poll_us=([0-9]+) elapsed_ms=([0-9]+)$/\1 \2 \3/p' "$WORK/out.txt")
  [ -n "$elapsed" ] || fail "$mode: no poll statistics"
  [ "$elapsed" -le $((TIMEOUT_S * 1000 + MARGIN_MS)) ] || fail "$mode: failure took ${elapsed} ms"
  [ "$max_us" -le "$MAX_POLL_US" ] || fail "$mode: a poll took ${max_us} us"
  [ "$polls" -ge 1 ] || fail "$mode: never polled"
}

check paper-out "paper out"
check slow "timed out" --slow-bps 2000
check drop "connection|closed" --drop-after 2000
# The slow printer's job ran into its time-out while the caller kept polling each frame.
echo "print_faults: paper out, slow and dropped printers all failed in time without blocking"
