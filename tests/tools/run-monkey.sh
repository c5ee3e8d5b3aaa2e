#!/usr/bin/env bash
# The monkey (issue 17), one seed: seeded random use of the whole kiosk on the virtual
# clock, with an outbox and the spool transport, checking as it goes (events within a
# bound, no widget off screen, no typed marker in memory after any wipe, outbox = submits).
#   run-monkey.sh SEED EVENTS
# Registered in ctest as monkey.<seed> (tests/CMakeLists.txt), several seeds side by side.
# Besides the monkey's own checks, a run must have got somewhere: a monkey that never
# reaches the fields, the review and the done screen checks none of what matters.
set -euo pipefail
: "${KIOSK_BIN:?}"
seed=${1:?seed}
events=${2:?events}
src=${KIOSK_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/receiver"
cp "$src/config/sample-receiver/receiver.pub" "$tmp/receiver/"
printf '[kiosk]\nstate_dir = %s/state\n[report]\nreceiver_public_key = %s/receiver/receiver.pub\nallow_sample_key = true\n' \
  "$tmp" "$tmp" > "$tmp/kiosk.ini"
# Under ASan the scan after each wipe also reads the allocator's quarantine of freed
# chunks (it must: a freed copy of typed text is what the scan is for); at the default
# 256 MB that was two thirds of the run, so this test keeps a 16 MB quarantine.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"
# MONKEY_VALGRIND=1: under valgrind memcheck (0 errors, 0 bytes definitely lost).
# Memcheck runs the memory scan a hundred times slower, so there the scan is off (ASan and
# the normal build run it after every wipe); valgrind's own checks are the point.
runner=() extra=()
if [ "${MONKEY_VALGRIND:-0}" = 1 ]; then
  runner=(valgrind --quiet --error-exitcode=3 --leak-check=full --show-leak-kinds=definite
          --errors-for-leak-kinds=definite --suppressions="$src/tests/valgrind.supp")
  # and every event some 40 times slower: a 200 ms event (the support screen's QR codes)
  # takes 8-10 s, so the bound on one event is a minute there
  extra=(--no-memory-scan --event-bound-ms 60000)
fi
if ! out=$(cd "$tmp" && "${runner[@]}" "$KIOSK_BIN" --headless --monkey "$seed" --events "$events" \
    "${extra[@]}" --config "$tmp/kiosk.ini" 2> "$tmp/err.txt"); then
  echo "$out"
  grep "monkey:" "$tmp/err.txt" >&2 || tail -30 "$tmp/err.txt" >&2
  echo "FAIL: monkey seed $seed" >&2
  exit 1
fi
echo "$out"
figure() { grep -o "[0-9][0-9]* $1" <<<"$out" | head -1 | cut -d' ' -f1; }
submitted=$(figure "reports submitted")
scans=$(figure "memory scans")
typed=$(figure "texts typed")
[ "${submitted:-0}" -ge 1 ] || { echo "FAIL: seed $seed submitted no report in $events events" >&2; exit 1; }
[ "${scans:-0}" -ge 1 ] || [ ${#extra[@]} -gt 0 ] || { echo "FAIL: seed $seed never scanned memory after a wipe (nothing typed?)" >&2; exit 1; }
[ "${typed:-0}" -ge 1 ] || { echo "FAIL: seed $seed typed nothing" >&2; exit 1; }
for screen in report.contact report.review report.done support learn timeout; do
  grep -q "screens reached:.* $screen\( \|$\)" <<<"$out" ||
    { echo "FAIL: seed $seed never reached $screen" >&2; exit 1; }
done
echo "PASS: monkey seed $seed, $events events"
