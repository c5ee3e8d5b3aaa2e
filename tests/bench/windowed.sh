#!/usr/bin/env bash
# One windowed kiosk under its own Xvfb at WxH: waits SETTLE seconds (the attract screen
# rotates through every enabled language, 6 s each), then prints one line:
#   pss_kib=N rss_kib=N gl_libs=N idle_ticks_10=N idle_ticks=N idle_s=N dirty_kib=N
#   idle_cpu_ms=N wakeups=N redraws=N audio_thread=0|1 threads=NAME:TICKS/WAKEUPS,...
# PSS of the kiosk process (smaps_rollup), whether a GL driver is mapped, and the CPU ticks
# (1/100 s) it used over the first 10 of the IDLE seconds that follow, and over all of
# them (IDLE >= 10). dirty is its Private_Dirty: pages it wrote (heap, stacks, relocated
# library data). PSS divides the libraries' pages among every process mapping them, so it
# falls when other programs using the same libraries run (other kiosks, a build), and USS
# counts them whole when nothing else maps them; neither compares two runs on a busy
# machine, dirty does. Over all IDLE seconds also: CPU time to the millisecond
# (schedstat, every thread), how often its threads went to sleep and woke (voluntary
# context switches), how many attract rotations (one redraw each, every 6 s) fell in
# them, whether SDL's audio hotplug thread is running, and each thread's ticks and
# wake-ups. With WINDOWED_SMAPS=FILE, /proc/PID/smaps is copied there when PSS is read.
# Usage:
#   tests/bench/windowed.sh KIOSK_BIN software|accelerated|default WxH SETTLE IDLE
# WINDOWED_REPORTS=1 also gives it a receiver key (kiosk-reports keygen, from the same build
# directory), so it takes reports and runs its outbox and delivery worker as deployed;
# without, the kiosk runs with reporting off and retries its configuration every 30 s.
# WINDOWED_SESSION=1 (implies WINDOWED_REPORTS=1): before SETTLE starts, the kiosk runs in
# its window one person's whole visit in every enabled language (tests/bench/
# session.replay.in, with kiosk --windowed --replay) and goes on as the kiosk, on attract.
set -euo pipefail
bin=$1 renderer=$2 size=$3 settle=$4 idle=$5
work=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
session=()
if [ "${WINDOWED_SESSION:-0}" = 1 ]; then
  export WINDOWED_REPORTS=1
  for l in $(awk -F'[][]' '/^\[/ { l = $2 } /^enabled *= *true/ { print l }' \
    "$here/../../locales/languages.ini"); do
    sed "s/@LANG@/$l/g" "$here/session.replay.in"
  done >"$work/session.replay"
  session=(--replay "$work/session.replay")
fi
if [ "${WINDOWED_REPORTS:-0}" = 1 ]; then
  "$(dirname "$bin")/kiosk-reports" keygen --out "$work/keys" >/dev/null
fi
{
  printf '[kiosk]\nstate_dir = %s/state\n[session]\nidle_s = 3600\n' "$work"
  [ "${WINDOWED_REPORTS:-0}" = 1 ] && printf '[report]\nreceiver_public_key = %s/keys/receiver.pub\n' "$work"
  [ "$renderer" = default ] || printf '[display]\nrenderer = %s\n' "$renderer"
} >"$work/kiosk.ini"
unset SDL_VIDEODRIVER
w=${size%x*} h=${size#*x}
xvfb-run -a -s "-screen 0 ${w}x${h}x24" "$bin" --windowed --size "$size" \
  --config "$work/kiosk.ini" "${session[@]}" >"$work/out" 2>"$work/err" &
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
if [ ${#session[@]} -gt 0 ]; then # the visit first: SETTLE counts from its end
  for _ in $(seq 600); do
    grep -q 'replay .* done' "$work/err" && break
    kill -0 "$kpid" 2>/dev/null || { cat "$work/err" >&2; echo "the visit failed" >&2; exit 1; }
    sleep 0.1
  done
  grep -q 'replay .* done' "$work/err" || { echo "the visit took over 60 s" >&2; exit 1; }
fi
sleep "$settle"
pss=$(awk '/^Pss:/ {print $2}' "/proc/$kpid/smaps_rollup")
rss=$(awk '/^Rss:/ {print $2}' "/proc/$kpid/smaps_rollup")
dirty=$(awk '/^Private_Dirty:/ {print $2}' "/proc/$kpid/smaps_rollup")
[ -z "${WINDOWED_SMAPS:-}" ] || cp "/proc/$kpid/smaps" "$WINDOWED_SMAPS"
gl=$(grep -cE 'libGL|libEGL|dri/|libLLVM|swrast|llvmpipe' "/proc/$kpid/maps" || true)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# sums over every thread: ns on a CPU, voluntary context switches (went to sleep, woke)
cpu_ns() { cat /proc/"$kpid"/task/*/schedstat 2>/dev/null | awk '{ n += $1 } END { print n + 0 }'; }
switches() {
  cat /proc/"$kpid"/task/*/status 2>/dev/null |
    awk '/^voluntary_ctxt_switches/ { n += $2 } END { print n + 0 }'
}
# "tid name ticks voluntary-switches" of each thread
per_thread() {
  for t in /proc/"$kpid"/task/*; do
    echo "${t##*/} $(tr ' ' _ <"$t/comm") $(awk '{print $14 + $15}' "$t/stat")" \
      "$(awk '/^voluntary_ctxt_switches/ {print $2}' "$t/status")"
  done 2>/dev/null
}
per_thread >"$work/threads0"
c0=$(cpu_ns) s0=$(switches)
ms0=$(date +%s%3N)
t0=$(ticks "$kpid")
sleep 10
t10=$(ticks "$kpid")
sleep $((idle - 10))
t1=$(ticks "$kpid")
ms1=$(date +%s%3N)
c1=$(cpu_ns) s1=$(switches)
per_thread >"$work/threads1"
# rotations are 6 s apart from the kiosk's start (to the second): the multiples of 6 s in
# the window
start_ms=$(( $(date +%s%3N) - $(ps -o etimes= -p "$kpid") * 1000 ))
redraws=$(( (ms1 - start_ms) / 6000 - (ms0 - start_ms) / 6000 ))
audio=0
grep -q 'SDLHotplug\|SDLAudio' "$work/threads1" && audio=1
threads=$(awk 'NR == FNR { t[$1] = $3; v[$1] = $4; next }
  { printf "%s%s:%d/%d", sep, $2, $3 - t[$1], $4 - v[$1]; sep = "," }' \
  "$work/threads0" "$work/threads1")
echo "pss_kib=$pss rss_kib=$rss gl_libs=$gl idle_ticks_10=$((t10 - t0)) idle_ticks=$((t1 - t0))" \
  "idle_s=$idle dirty_kib=$dirty idle_cpu_ms=$(( (c1 - c0) / 1000000 )) wakeups=$((s1 - s0))" \
  "redraws=$redraws audio_thread=$audio threads=$threads"
