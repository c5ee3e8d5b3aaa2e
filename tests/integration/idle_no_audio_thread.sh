#!/usr/bin/env bash
# Issue 18: the interactive kiosk, idle on the attract screen with read-aloud off, holds no
# sound card: SDL's audio subsystem is not up, so none of its threads run (with the ALSA
# driver SDL 2.26 starts "SDLHotplugALSA", which re-reads the sound cards ten times a
# second; an open device has "SDLAudioP*"). The ALSA driver is asked for explicitly, as a
# Debian kiosk gets it; it starts its thread even on a machine without a sound card.
# Read-aloud turned on and off, and the wipe, are unit.test_read_aloud_audio's.
set -euo pipefail
: "${KIOSK_BIN:?}"
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
printf '[kiosk]\nstate_dir = %s/state\n[session]\nidle_s = 3600\n' "$work" >"$work/kiosk.ini"
SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=alsa "$KIOSK_BIN" --windowed --size 1280x720 \
  --config "$work/kiosk.ini" >"$work/out" 2>"$work/err" &
pid=$!
# up and drawing: the log says the content was loaded; then a little longer for the loop
for _ in $(seq 100); do
  grep -q 'content: en:' "$work/err" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/err"; echo "FAIL: the kiosk ended"; exit 1; }
  sleep 0.1
done
sleep 2
kill -0 "$pid" 2>/dev/null || { cat "$work/err"; echo "FAIL: the kiosk ended"; exit 1; }
threads=$(cat /proc/"$pid"/task/*/comm | sort | uniq -c | awk '{ printf "%s%s x%d", sep, $2, $1; sep = ", " }')
echo "threads of the idle kiosk: $threads"
if grep -q '^SDL.*\(Hotplug\|Audio\)' /proc/"$pid"/task/*/comm; then
  echo "FAIL: an SDL audio thread runs while read-aloud is off"
  exit 1
fi
echo "1 passed, 0 failed"
