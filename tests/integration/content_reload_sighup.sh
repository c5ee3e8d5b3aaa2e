#!/usr/bin/env bash
# Issue 12: the running kiosk reloads its content on SIGHUP without a restart: new words are
# read (the log says so), a broken file keeps the old content and the log says why with the
# file and line, and the kiosk still stops cleanly on SIGTERM afterwards.
set -euo pipefail
: "${KIOSK_BIN:?}" "${KIOSK_SOURCE_DIR:?}"
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- kiosk log:"; tail -20 "$work/log" || true; exit 1; }
data="$work/data"
mkdir -p "$data"
cp -r "$KIOSK_SOURCE_DIR/locales" "$KIOSK_SOURCE_DIR/config" "$data/"
printf '[kiosk]\ndata_dir = %s\nstate_dir = %s/state\n[session]\nidle_s = 3600\n' \
  "$data" "$work" > "$work/kiosk.ini"
timeout=20
[ "${KIOSK_SANITIZE:-OFF}" = "ON" ] && timeout=60

wait_log() { # PATTERN COUNT: until the log has COUNT lines matching PATTERN
  local i
  for ((i = 0; i < timeout * 10; i++)); do
    [ "$(grep -c -- "$1" "$work/log" || true)" -ge "$2" ] && return 0
    kill -0 "$pid" 2>/dev/null || fail "the kiosk ended while waiting for '$1'"
    sleep 0.1
  done
  fail "no '$1' in the log after ${timeout} s"
}

SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} "$KIOSK_BIN" --config "$work/kiosk.ini" \
  --windowed > "$work/log" 2>&1 &
pid=$!
wait_log 'content: pt:' 1
sleep 1 # into the event loop (the signal watcher's handler is set there)

echo "== new words, SIGHUP: reloaded"
sed -i '/^msgctxt "home.title"$/,/^msgstr/ s/^msgstr ".*"$/msgstr "How can we help you today?"/' \
  "$data/locales/en.po"
kill -HUP "$pid"
wait_log 'content reloaded' 1
echo "reloaded: $(grep 'content reloaded' "$work/log")"

echo "== a broken Polish file, SIGHUP: the old content stays, the log says where"
printf 'msgctxt "broken\nmsgid\n' >> "$data/locales/pl.po"
kill -HUP "$pid"
wait_log 'content NOT reloaded' 1
line=$(grep 'content NOT reloaded' "$work/log")
echo "$line"
case $line in
  *"$data/locales/pl.po:"[0-9]*) ;;
  *) fail "the log does not name pl.po and its line" ;;
esac
grep -q 'content reloaded' "$work/log" || fail "lost the first reload"
kill -0 "$pid" || fail "the kiosk died on a broken file"

echo "== SIGTERM still stops it cleanly"
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=
[ "$rc" = 0 ] || fail "exit $rc after SIGTERM"
echo "all passed"
