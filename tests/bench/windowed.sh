#!/usr/bin/env bash
# One windowed kiosk under its own Xvfb at WxH: waits SETTLE seconds (the attract screen
# rotates through every enabled language, 6 s each), then prints one line:
#   pss_kib=N rss_kib=N gl_libs=N idle_ticks_10=N idle_ticks=N idle_s=N dirty_kib=N
# PSS of the kiosk process (smaps_rollup), whether a GL driver is mapped, and the CPU ticks
# (1/100 s) it used over the first 10 of the IDLE seconds that follow, and over all of
# them (IDLE >= 10). dirty is its Private_Dirty: pages it wrote (heap, stacks, relocated
# library data). PSS divides the libraries' pages among every process mapping them, so it
# falls when other programs using the same libraries run (other kiosks, a build), and USS
# counts them whole when nothing else maps them; neither compares two runs on a busy
# machine, dirty does. With
# WINDOWED_SMAPS=FILE, /proc/PID/smaps is copied there when PSS is read. Usage:
#   tests/bench/windowed.sh KIOSK_BIN software|accelerated|default WxH SETTLE IDLE
set -euo pipefail
bin=$1 renderer=$2 size=$3 settle=$4 idle=$5
work=$(mktemp -d)
{
  printf '[kiosk]\nstate_dir = %s/state\n[session]\nidle_s = 3600\n' "$work"
  [ "$renderer" = default ] || printf '[display]\nrenderer = %s\n' "$renderer"
} >"$work/kiosk.ini"
unset SDL_VIDEODRIVER
w=${size%x*} h=${size#*x}
xvfb-run -a -s "-screen 0 ${w}x${h}x24" "$bin" --windowed --size "$size" \
  --config "$work/kiosk.ini" >"$work/out" 2>"$work/err" &
xpid=$!
kpid=""
cleanup() {
  [ -n "$kpid" ] && kill "$kpid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$xpid" 2>/dev/null || break; sleep 0.1; done
  wait "$xpid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 100); do
  kpid=$(pgrep -n -f "^$bin --windowed --size $size --config $work/kiosk.ini" || true)
  [ -n "$kpid" ] && break
  sleep 0.1
done
[ -n "$kpid" ] || { cat "$work/err" >&2; echo "kiosk did not start" >&2; exit 1; }
sleep "$settle"
pss=$(awk '/^Pss:/ {print $2}' "/proc/$kpid/smaps_rollup")
rss=$(awk '/^Rss:/ {print $2}' "/proc/$kpid/smaps_rollup")
dirty=$(awk '/^Private_Dirty:/ {print $2}' "/proc/$kpid/smaps_rollup")
[ -z "${WINDOWED_SMAPS:-}" ] || cp "/proc/$kpid/smaps" "$WINDOWED_SMAPS"
gl=$(grep -cE 'libGL|libEGL|dri/|libLLVM|swrast|llvmpipe' "/proc/$kpid/maps" || true)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
t0=$(ticks "$kpid")
sleep 10
t10=$(ticks "$kpid")
sleep $((idle - 10))
t1=$(ticks "$kpid")
echo "pss_kib=$pss rss_kib=$rss gl_libs=$gl idle_ticks_10=$((t10 - t0)) idle_ticks=$((t1 - t0)) idle_s=$idle dirty_kib=$dirty"
