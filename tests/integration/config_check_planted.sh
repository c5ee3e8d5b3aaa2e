#!/usr/bin/env bash
# Must show (issue 14): a config with ten planted mistakes: `kiosk --check-config` reports
# all ten, each on its own line number, and nothing else; the kiosk with that config takes
# no report (Report is shown as not available today, nothing reaches the outbox) instead of
# falling back to the sample key, the spool or the default ids.
set -euo pipefail
: "${KIOSK_BIN:?}" "${KIOSK_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
long=$(printf 'x%.0s' $(seq 1 230))
sample=$(cat "$KIOSK_SOURCE_DIR/config/sample-receiver/receiver.pub")
# "line text|what must be reported on it" (empty: a good line)
lines=(
  "[kiosk]|"
  "kiosk_id = LRI ED 01|may hold only letters, digits"
  "state_dir = $work/state|"
  "[report]|"
  "receiver-public-key = /etc/kiosk/receiver.pub|unknown key 'receiver-public-key'"
  "receiver_public_key = $sample|published development sample key"
  "[delivery]|"
  "transport = https|"
  "url = http://intake.example.nhs.uk/v1/reports|url must start with https://"
  "ca_file = $work/missing-ca.pem|is not a readable file"
  "[qr]|"
  "allowed_hosts = samaritans.org,$long.org|line is too long"
  "[display]|"
  "screen_diagonal_in = nan|is not a number"
  "[displya]|unknown section [displya]"
  "rotation = 90|"
  "[content]|"
  "default_language = xx|'xx' is not a language"
  "[admin]|"
  "pin_hash = 1234|not an Argon2id hash"
)
: > "$work/planted.ini"
for l in "${lines[@]}"; do printf '%s\n' "${l%%|*}" >> "$work/planted.ini"; done
cfg="$work/planted.ini"
rc=0
"$KIOSK_BIN" --check-config "$cfg" > "$work/out" 2> "$work/err" || rc=$?
cat "$work/err"
[ "$rc" -ne 0 ] || fail "--check-config passed a file with ten mistakes"
planted=0
for i in "${!lines[@]}"; do
  n=$((i + 1)) want=${lines[$i]#*|}
  got=$(grep -c "^$cfg:$n: " "$work/err" || true)
  if [ -z "$want" ]; then
    [ "$got" -eq 0 ] || fail "line $n is good but $got problems were reported for it"
    continue
  fi
  planted=$((planted + 1))
  [ "$got" -eq 1 ] || fail "line $n: $got problems reported, expected exactly 1 ($want)"
  grep "^$cfg:$n: " "$work/err" | grep -qF -- "$want" || fail "line $n: expected '$want'"
done
[ "$planted" -eq 10 ] || fail "the test plants $planted mistakes, not 10"
others=$(grep "^$cfg" "$work/err" | grep -vc "^$cfg: warning: not configured" || true)
[ "$others" -eq 11 ] || fail "expected the 10 problems and one summary line, got $others lines"
echo "PASS: all 10 planted mistakes reported, each at its own line, nothing else"

# The same file on the kiosk: it runs in the reduced mode (app/reporting.h) — Report is
# replaced by "not available here today", Learn and Support still work — and opens no
# outbox.
cat > "$work/refused.replay" <<'REPLAY'
tap attract.start
tap language.en
expect-screen home
expect-disabled home.report
expect-text home.report Reporting is not available here today
tap home.support
expect-screen support
REPLAY
rc=0
"$KIOSK_BIN" --headless --replay "$work/refused.replay" --config "$cfg" 2> "$work/run.err" || rc=$?
[ "$rc" -eq 0 ] || { cat "$work/run.err"; fail "the replay of the reduced mode failed"; }
grep -q "takes NO reports" "$work/run.err" || fail "the kiosk did not log that it takes no reports"
grep -q "reporting is not available: $cfg:2: " "$work/run.err" ||
  fail "the log does not say why reporting is off (the first problem, at its line)"
[ ! -e "$work/state/outbox.db" ] || fail "an outbox was opened with a broken configuration"
echo "PASS: with that file the kiosk runs without reporting (Report unavailable, no outbox)"
