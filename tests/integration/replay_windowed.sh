#!/usr/bin/env bash
# kiosk --windowed --replay SCRIPT (tests/bench/windowed.sh measures a kiosk in service with
# it): the journey runs in a real window under Xvfb, then the same process goes on as the
# kiosk on its real clock (the session timeout still ends an idle session) until stopped;
# a script that fails stops the kiosk with the line that failed, and never runs as a kiosk.
set -euo pipefail
: "${KIOSK_BIN:?}"
command -v xvfb-run >/dev/null || { echo "xvfb-run missing (scripts/setup-deps.sh installs xvfb)"; exit 1; }
work=$(mktemp -d)
pid="" kpid=""
cleanup() {
  [ -n "$kpid" ] && kill "$kpid" 2>/dev/null || true
  for _ in $(seq 50); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$work"
}
trap cleanup EXIT
printf '[kiosk]\nstate_dir = %s/state\n[session]\nidle_s = 10\nwarning_s = 20\n' "$work" >"$work/kiosk.ini"
cat >"$work/good.replay" <<'EOF'
tap attract.start
tap language.ur
expect-screen home
tap home.learn
expect-screen learn
EOF
sed 's/expect-screen learn/expect-screen support/' "$work/good.replay" >"$work/bad.replay"
unset SDL_VIDEODRIVER
# start NAME SCRIPT: the kiosk in a window of its own Xvfb, running SCRIPT
start() {
  xvfb-run -a -s "-screen 0 1024x768x24" "$KIOSK_BIN" --windowed --size 1024x768 \
    --config "$work/kiosk.ini" --replay "$work/$2" >"$work/$1.out" 2>"$work/$1.err" &
  pid=$!
}

start bad bad.replay
rc=0
for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && { echo "FAIL: a failing script left the kiosk running"; exit 1; }
wait "$pid" || rc=$?
pid=""
[ "$rc" -ne 0 ] || { echo "FAIL: a failing script exited 0"; exit 1; }
grep -q 'bad.replay:5: expected screen' "$work/bad.err" ||
  { cat "$work/bad.err"; echo "FAIL: the failing line is not named"; exit 1; }
if grep -q 'running as the kiosk' "$work/bad.err"; then
  echo "FAIL: the kiosk ran on after a failed script"; exit 1
fi
echo "ok: a failing script exits $rc, naming bad.replay:5"

start good good.replay
for _ in $(seq 150); do
  kpid=$(pgrep -n -f "^$KIOSK_BIN --windowed --size 1024x768 --config $work/kiosk.ini" || true)
  grep -q 'running as the kiosk' "$work/good.err" 2>/dev/null && break
  sleep 0.1
done
grep -q 'good.replay done: running as the kiosk' "$work/good.err" ||
  { cat "$work/good.err"; echo "FAIL: the journey did not finish in the window"; exit 1; }
# on the real clock now: idle_s 10 + warning_s 20 (the shortest allowed) after the last
# tap, the session ends; not before (a clock left virtual ended it 10 s early), not never
t0=$(date +%s%N)
for _ in $(seq 450); do
  grep -q 'session timed out' "$work/good.err" && break
  sleep 0.1
done
waited=$(( ($(date +%s%N) - t0) / 1000000000 ))
grep -q 'session timed out' "$work/good.err" ||
  { cat "$work/good.err"; echo "FAIL: after the replay, the session never timed out"; exit 1; }
[ "$waited" -ge 26 ] ||
  { echo "FAIL: the session timed out $waited s after the replay, not 30 s: a clock not the real one"; exit 1; }
kill -0 "$kpid" 2>/dev/null || { echo "FAIL: the kiosk stopped after the replay"; exit 1; }
kill "$kpid"
rc=0
wait "$pid" || rc=$?
pid="" kpid=""
[ "$rc" -eq 0 ] || { cat "$work/good.err"; echo "FAIL: SIGTERM after the replay exited $rc"; exit 1; }
echo "ok: the journey ran in the window; the kiosk timed the session out after $waited s and stopped on SIGTERM"
