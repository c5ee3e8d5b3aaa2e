#!/usr/bin/env bash
# The monkey (issue 17): seeded random use of the whole kiosk on the virtual clock, with an
# outbox and the spool transport, checking as it goes (events within a bound, no widget
# off screen, no typed marker in memory after any wipe, outbox = submits). A few seeds;
# fewer events under the sanitizers, which are several times slower.
set -euo pipefail
: "${KIOSK_BIN:?}"
src=${KIOSK_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
events=${MONKEY_EVENTS:-800}
seeds=${MONKEY_SEEDS:-"1 2 3"}
if [ "${KIOSK_SANITIZE:-OFF}" = ON ]; then
  events=${MONKEY_EVENTS:-300}
  seeds=${MONKEY_SEEDS:-"4 5"}
fi
mkdir -p "$tmp/receiver"
cp "$src/config/sample-receiver/receiver.pub" "$tmp/receiver/"
total=0
for seed in $seeds; do
  rm -rf "$tmp/state"
  printf '[kiosk]\nstate_dir = %s/state\n[report]\nreceiver_public_key = %s/receiver/receiver.pub\n' \
    "$tmp" "$tmp" > "$tmp/kiosk.ini"
  if ! out=$(cd "$tmp" && "$KIOSK_BIN" --headless --monkey "$seed" --events "$events" \
      --config "$tmp/kiosk.ini" 2> "$tmp/err.txt"); then
    echo "$out"
    grep "monkey:" "$tmp/err.txt" >&2 || tail -30 "$tmp/err.txt" >&2
    echo "FAIL: monkey seed $seed" >&2
    exit 1
  fi
  echo "$out"
  total=$((total + events))
done
echo "PASS: monkey, $total events"
