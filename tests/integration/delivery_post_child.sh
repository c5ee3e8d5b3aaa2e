#!/usr/bin/env bash
# Issue 18: HTTPS delivery runs in a kiosk-post child, so the kiosk that shows the screens
# never maps libcurl and its TLS stack (about 5 MiB). Checks: the kiosk binary does not
# link libcurl and kiosk-post does; a running kiosk with https delivery configured (and a
# report queued for it) has no libcurl in its memory map; kiosk-post answers a bad call
# with status 2 and an unreachable receiver with one "error" line; a queued report sent to
# an unreachable receiver stays in the outbox with libcurl's reason in the log.
set -euo pipefail
: "${KIOSK_BIN:?}" "${KIOSK_POST_BIN:?}" "${KIOSK_BUILD_DIR:?}" "${KIOSK_SOURCE_DIR:?}"
SUBMIT="$KIOSK_BUILD_DIR/tests/tools/submit_report"
work=$(mktemp -d)
kpid=""
cleanup() {
  [ -n "$kpid" ] && kill "$kpid" 2>/dev/null && wait "$kpid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pub=$(cat "$KIOSK_SOURCE_DIR/config/sample-receiver/receiver.pub")
# a loopback port nobody listens on (bound, then closed)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf '[kiosk]\nstate_dir = %s/state\n[session]\nidle_s = 3600\n[report]\n' "$work" > "$work/k.ini"
printf 'receiver_public_key = %s\nallow_sample_key = true\n' "$pub" >> "$work/k.ini"
printf '[delivery]\ntransport = https\nurl = https://127.0.0.1:%s/v1/reports\ntimeout_s = 5\n' \
  "$port" >> "$work/k.ini"

echo "== linking: libcurl only in kiosk-post"
# into variables first: with pipefail, `ldd | grep -q` fails when grep quits at its first
# match and ldd dies writing the rest (SIGPIPE), and read as "no libcurl" under load
kiosk_libs=$(ldd "$KIOSK_BIN")
post_libs=$(ldd "$KIOSK_POST_BIN")
if grep -q libcurl <<<"$kiosk_libs"; then fail "the kiosk links libcurl: $(grep libcurl <<<"$kiosk_libs")"; fi
grep -q libcurl <<<"$post_libs" || fail "kiosk-post does not link libcurl"
echo "PASS: kiosk $(wc -l <<<"$kiosk_libs") libraries, no libcurl; kiosk-post links it"

echo "== kiosk-post on its own"
set +e
"$KIOSK_POST_BIN" https://127.0.0.1/ 2>/dev/null </dev/null; rc=$?
set -e
[ "$rc" = 2 ] || fail "kiosk-post with too few arguments: status $rc, not 2"
answer=$(printf '{}' | "$KIOSK_POST_BIN" "https://127.0.0.1:$port/v1/reports" 3 "" "" "" \
  00000000-0000-4000-8000-000000000000)
case $answer in
"error "*) echo "PASS: unreachable receiver -> '$answer'" ;;
*) fail "kiosk-post to a closed port answered '$answer', not an error line" ;;
esac

echo "== a running kiosk delivering over https: no libcurl mapped"
"$SUBMIT" --config "$work/k.ini" --no-delivery \
  < "$KIOSK_SOURCE_DIR/tests/integration/data/report_named.json" > /dev/null
SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} "$KIOSK_BIN" --config "$work/k.ini" --windowed \
  > "$work/log" 2>&1 &
kpid=$!
for _ in $(seq 200); do
  grep -q "https: " "$work/log" && break # the first delivery attempt has come back
  kill -0 "$kpid" 2>/dev/null || { cat "$work/log"; fail "the kiosk ended"; }
  sleep 0.1
done
grep -q "https: Couldn't connect\|https: .*onnect" "$work/log" ||
  { tail -5 "$work/log"; fail "no libcurl reason for the failed delivery in the log"; }
if grep -q libcurl "/proc/$kpid/maps"; then
  fail "libcurl is mapped in the running kiosk"
fi
echo "PASS: delivery tried (log: $(grep -o 'https: [^)]*' "$work/log" | head -1)); no libcurl in /proc/$kpid/maps"
kill "$kpid"
wait "$kpid" 2>/dev/null || true
kpid=""
echo "all passed"
