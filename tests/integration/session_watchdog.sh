#!/usr/bin/env bash
# Must show (issue 14): under systemd (Type=notify, WatchdogSec) the kiosk says READY=1
# after its first frame and pings WATCHDOG=1 from its main loop even when nothing on the
# screen changes, so a hung UI is restarted. NOTIFY_SOCKET points at a test socket.
set -euo pipefail
: "${KIOSK_BIN:?}" "${KIOSK_SOURCE_DIR:?}"
command -v Xvfb >/dev/null || { echo "Xvfb missing (scripts/setup-deps.sh installs xvfb)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '[kiosk]\nstate_dir = %s/state\n[session]\nidle_s = 3600\n' "$work" > "$work/k.ini"
within=2
[ "${KIOSK_SANITIZE:-OFF}" = "ON" ] && within=4
# WatchdogSec 400 ms: a ping every 100 ms is due, so 1.6 s idle (the attract screen next
# changes after 6 s) must bring several; a loop that slept until its next timer would
# bring none.
python3 "$KIOSK_SOURCE_DIR/tests/tools/session_probe.py" --kiosk "$KIOSK_BIN" \
  --config "$work/k.ini" --watchdog-ms 400 --min-pings 8 --signal TERM --stop-within "$within"
echo "all passed"
