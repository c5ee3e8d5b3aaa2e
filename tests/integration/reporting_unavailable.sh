#!/usr/bin/env bash
# Must show (issue 17): start-up faults do not stop the kiosk. With a missing receiver key,
# a read-only state directory or a full disk it starts in the reduced mode — Report shows
# "not available here today", Support still works, the admin screen and the log say why —
# and when the fault is cleared (by this script, while the kiosk runs) reporting comes
# back by itself: a whole report is then submitted and reaches the spool.
# The read-only and full state directories are tmpfs mounts in a private mount namespace
# (`unshare -rm`: no root needed, nothing mounted outside this test).
set -euo pipefail
: "${KIOSK_BIN:?}" "${KIOSK_SOURCE_DIR:?}"
src=$KIOSK_SOURCE_DIR
tmp=$(mktemp -d)
chmod 755 "$tmp"
cleanup() { rm -rf "$tmp" 2>/dev/null || true; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$tmp/run.err" ] && grep -v "^ " "$tmp/run.err" | tail -15 >&2; exit 1; }

# The reduced home screen and its reason on the admin screen, then a wait for reporting to
# come back, then the whole anonymous report (quick exit first: a new person starts it).
{
  cat <<'REPLAY'
tap attract.start
tap language.en
expect-screen home
expect-disabled home.report
expect-text home.report Reporting is not available here today
tap home.support
expect-screen support
tap quick_exit
tap cover.continue
expect-screen attract
tap admin.corner
tap admin.corner
tap admin.corner
tap admin.corner
tap admin.corner
type 2468
tap admin.pin.ok
expect-screen admin
expect-text admin.reporting_off Reporting is OFF
expect-text admin.reporting_off @WHY@
tap back
wait-reporting 60
REPLAY
  sed -e '/^screenshot /d' "$src/tests/e2e/report_anonymous_victim.replay"
} > "$tmp/journey.template"

# $1 name, $2 text the reason must hold, $3 state dir, $4 key path; then the fault is
# cleared by the command in $5 after two seconds, while the replay waits.
run_case() {
  local name=$1 why=$2 state=$3 key=$4 clear=$5
  sed "s|@WHY@|$why|" "$tmp/journey.template" > "$tmp/$name.replay"
  cat > "$tmp/$name.ini" <<INI
[kiosk]
state_dir = $state
[report]
receiver_public_key = $key
allow_sample_key = true
[admin]
pin_hash = \$argon2id\$v=19\$m=65536,t=2,p=1\$J9Dakhlk7C3T3fVYEEEHEg\$kqyA2HyhbKdzy5tX1LB4qwgsxreEHDQeqnL4Y3KD+4E
INI
  (sleep 2; eval "$clear") &
  local clearer=$! rc=0
  (cd "$tmp" && "$KIOSK_BIN" --headless --replay "$tmp/$name.replay" --config "$tmp/$name.ini") \
    2> "$tmp/run.err" || rc=$?
  wait "$clearer" || true
  [ "$rc" -eq 0 ] || fail "$name: the replay failed (rc $rc)"
  grep -q "reporting is not available: .*$why" "$tmp/run.err" || fail "$name: the log does not say why"
  grep -q "reporting is available again" "$tmp/run.err" || fail "$name: the log does not say it came back"
  local sent
  sent=$(find "$state/spool" -name '*.json' 2>/dev/null | wc -l)
  [ "$sent" -eq 1 ] || fail "$name: $sent reports in the spool after the fault cleared, expected 1"
  echo "PASS: $name: reduced mode, reason on the admin screen and in the log, reporting back by itself"
}

# 1. The receiver key file is missing at start; staff copy it in.
mkdir -p "$tmp/keys"
run_case missing-key "receiver_public_key" "$tmp/state1" "$tmp/keys/receiver.pub" \
  "cp '$src/config/sample-receiver/receiver.pub' '$tmp/keys/receiver.pub'"

# 2 and 3 in a private mount namespace: a read-only state directory, then a full one.
export -f run_case fail
export tmp src KIOSK_BIN KIOSK_DATA_DIR
cp "$src/config/sample-receiver/receiver.pub" "$tmp/keys/receiver.pub"
mkdir -p "$tmp/ro" "$tmp/full"
unshare -rm bash -euo pipefail -c '
  mount -t tmpfs -o size=16m,ro tmpfs "$tmp/ro"
  run_case read-only "cannot open the outbox" "$tmp/ro/state" "$tmp/keys/receiver.pub" \
    "mount -o remount,rw \"\$tmp/ro\""
  mount -t tmpfs -o size=8m tmpfs "$tmp/full"
  head -c 7M /dev/zero > "$tmp/full/filler" 2>/dev/null || true
  run_case full-disk "is full" "$tmp/full/state" "$tmp/keys/receiver.pub" "rm -f \"\$tmp/full/filler\""
' || exit 1
echo "PASS: reporting_unavailable: missing key, read-only and full state directories"
