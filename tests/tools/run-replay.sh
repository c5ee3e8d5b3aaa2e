#!/usr/bin/env bash
# Runs one replay script headless in a fresh state directory, with a receiver key of its
# own (a copy of the development sample, so pinning starts clean for every test).
# Usage: run-replay.sh SCRIPT.replay   (env: KIOSK_BIN, KIOSK_REPORTS_BIN, KIOSK_SOURCE_DIR)
#   SCRIPT.ini         appended to the test config, if present
#   SCRIPT.expect.json the reports the script must have sent, compared field by field
#                      with what `kiosk-reports open` reads from the spool
#   SCRIPT.check       run with bash afterwards (env STATE_DIR, CONFIG, RECEIVER_KEY)
set -euo pipefail
script=$1
: "${KIOSK_BIN:?KIOSK_BIN must point at the kiosk binary}"
src=${KIOSK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export STATE_DIR="$work/state" CONFIG="$work/kiosk.ini" SHOTS="$work/shots"
export RECEIVER_KEY="$work/receiver/receiver.key" REPLAY_KIOSK_ID=dev-kiosk-1
mkdir -p "$SHOTS" "$work/receiver"
cp "$src/config/sample-receiver/receiver.pub" "$src/config/sample-receiver/receiver.key" "$work/receiver/"
chmod 600 "$RECEIVER_KEY"
{
  echo "[kiosk]"
  echo "kiosk_id = $REPLAY_KIOSK_ID"  # the default, which expect.json files name
  echo "state_dir = $STATE_DIR"
  echo "[report]"
  echo "receiver_public_key = $work/receiver/receiver.pub"
  echo "allow_sample_key = true"
  extra="${script%.replay}.ini"
  [ -f "$extra" ] && cat "$extra"
} > "$CONFIG"
cd "$work"
"$KIOSK_BIN" --headless --replay "$script" --config "$CONFIG"
expect="${script%.replay}.expect.json"
if [ -f "$expect" ]; then
  : "${KIOSK_REPORTS_BIN:?KIOSK_REPORTS_BIN must point at kiosk-reports}"
  # the unit is registered as the README says before its reports are opened
  "$KIOSK_REPORTS_BIN" trust --key "$RECEIVER_KEY" "$REPLAY_KIOSK_ID" \
    "$("$KIOSK_BIN" --signing-key --config "$CONFIG")" >/dev/null
  "$KIOSK_REPORTS_BIN" open --key "$RECEIVER_KEY" "$STATE_DIR/spool" > "$work/opened.jsonl"
  python3 "$src/tests/tools/check-reports.py" "$expect" < "$work/opened.jsonl"
fi
check="${script%.replay}.check"
if [ -f "$check" ]; then
  bash "$check"
fi
