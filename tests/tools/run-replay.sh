#!/usr/bin/env bash
# Runs one replay script headless in a fresh state directory.
# Usage: run-replay.sh SCRIPT.replay   (env: KIOSK_BIN)
# If SCRIPT.ini exists beside the script it is appended to the test config.
# If SCRIPT.check exists it is run with bash afterwards (env STATE_DIR, CONFIG).
set -euo pipefail
script=$1
: "${KIOSK_BIN:?KIOSK_BIN must point at the kiosk binary}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export STATE_DIR="$work/state" CONFIG="$work/kiosk.ini" SHOTS="$work/shots"
mkdir -p "$SHOTS"
{
  echo "[kiosk]"
  echo "state_dir = $STATE_DIR"
  extra="${script%.replay}.ini"
  [ -f "$extra" ] && cat "$extra"
} > "$CONFIG"
cd "$work"
"$KIOSK_BIN" --headless --replay "$script" --config "$CONFIG"
check="${script%.replay}.check"
if [ -f "$check" ]; then
  bash "$check"
fi
