#!/usr/bin/env bash
# Renders the fleet page in headless Chromium and writes a PNG to look at (not run by ctest:
# the HTML itself is checked by test_intake_service and intake_replay_pull.sh). Three units
# on two sites: two healthy, one whose last heartbeat is 20 minutes old (flagged SILENT:
# more than 3 x 300 s without a heartbeat).
# Usage: tests/intake/fleet-screenshot.sh BUILD_DIR OUT.png
set -euo pipefail
build=$(cd "$1" && pwd); out=$2
INTAKE="$build/kiosk-intake"; TOOL="$build/tests/intake/intake_tool"
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
cat >"$tmp/intake.ini" <<INI
[server]
port = 0
[storage]
target = sqlite:$tmp/intake.db
[fleet]
user = estates
password_hash = $(printf 'look at the fleet\n' | "$INTAKE" hash-password)
INI
for k in lri-ed-01 lri-ed-02 ggh-op-01; do
  key=$("$TOOL" signer "$tmp/$k")
  site="Leicester Royal Infirmary"; [ "$k" = ggh-op-01 ] && site="Glenfield Hospital"
  "$INTAKE" register --config "$tmp/intake.ini" "$k" "$key" --site "$site" >/dev/null
done
"$INTAKE" serve --config "$tmp/intake.ini" --port-file "$tmp/port" 2>"$tmp/log" &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$tmp/port")"
now=$(( $(date +%s) * 1000 ))
beat() { "$TOOL" heartbeat --signer "$tmp/$1" --kiosk "$1" --sent-ms "$2" --depth "$3" \
  | curl -sS -o /dev/null -w "heartbeat $1: %{http_code}\n" --data-binary @- "$base/v1/heartbeat"; }
beat lri-ed-01 "$now" 0
beat lri-ed-02 "$now" 3
beat ggh-op-01 "$now" 1
# lri-ed-02 was last heard 20 minutes ago (the intake stamps arrival; set it back)
sqlite3 "$tmp/intake.db" "update heartbeats set received_ms = received_ms - 1200000 where kiosk_id='lri-ed-02'"
curl -sS -u 'estates:look at the fleet' "$base/fleet" >"$tmp/fleet.html"
grep -c SILENT "$tmp/fleet.html" | sed 's/^/SILENT flags in the HTML: /'
profile=$(mktemp -d)
# Chromium loads the page from the running intake, logging in with HTTP Basic.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1280,720 --hide-scrollbars \
  --screenshot="$out" "http://estates:look%20at%20the%20fleet@127.0.0.1:$(cat "$tmp/port")/fleet" 2>"$tmp/chromium.log" || { cat "$tmp/chromium.log"; exit 1; }
rm -rf "$profile"
echo "wrote $out"
