#!/usr/bin/env bash
# Issue 19: the [staff] section. `kiosk --check-config` reports a policy_url that is not
# https or not on [qr] allowed_hosts, and a side_by_side that is not a boolean, each at its
# line; `kiosk --check-content` reports the bad policy_url too (the staff pages' QR code),
# and never counts the English-only strings of the staff screens (staff.*, and the
# estates staff's admin.*) missing in another language, while it does count a patient's
# string missing there (home.title emptied in a copy of ur.po); a good [staff] section
# passes both.
set -euo pipefail
: "${KIOSK_BIN:?}" "${KIOSK_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# the words from a copy of locales/, with one Urdu string a patient sees emptied
mkdir -p "$work/data"
cp -r "$KIOSK_SOURCE_DIR/locales" "$work/data/locales"
ln -s "$KIOSK_SOURCE_DIR/config" "$KIOSK_SOURCE_DIR/assets" "$work/data/"
sed -i '/^msgctxt "home.title"$/,/^msgstr/ s/^msgstr ".*"$/msgstr ""/' "$work/data/locales/ur.po"
head_ini() {
  printf '[kiosk]\nstate_dir = %s/state\ndata_dir = %s/data\n[report]\nreceiver_public_key = %s\nallow_sample_key = true\n' \
    "$work" "$work" "$KIOSK_SOURCE_DIR/config/sample-receiver/receiver.pub"
}
{ head_ini; printf '[staff]\npolicy_url = http://www.uhleicester.nhs.uk/policy\nside_by_side = maybe\n'; } > "$work/bad.ini"
{ head_ini; printf '[staff]\npolicy_url = https://www.example.org/policy\n'; } > "$work/host.ini"
{ head_ini; printf '[staff]\npolicy_url = https://www.uhleicester.nhs.uk/policy\nrecord_where = Datix\nside_by_side = true\n'; } > "$work/good.ini"

rc=0; "$KIOSK_BIN" --check-config "$work/bad.ini" 2> "$work/bad.err" >/dev/null || rc=$?
[ "$rc" -ne 0 ] || fail "--check-config passed an http policy_url"
grep -q "^$work/bad.ini:8: \[staff\] policy_url: URL must be https://" "$work/bad.err" ||
  { cat "$work/bad.err"; fail "the http policy_url was not reported at line 8"; }
grep -q "^$work/bad.ini:9: \[staff\] side_by_side: 'maybe' is not true or false" "$work/bad.err" ||
  { cat "$work/bad.err"; fail "side_by_side = maybe was not reported at line 9"; }
rc=0; "$KIOSK_BIN" --check-config "$work/host.ini" 2> "$work/host.err" >/dev/null || rc=$?
[ "$rc" -ne 0 ] && grep -q "^$work/host.ini:8: \[staff\] policy_url: .*example.org" "$work/host.err" ||
  { cat "$work/host.err"; fail "a policy_url off [qr] allowed_hosts was not reported"; }
"$KIOSK_BIN" --check-config "$work/good.ini" 2> "$work/good.err" >/dev/null ||
  { cat "$work/good.err"; fail "a good [staff] section did not pass --check-config"; }
! grep -q "staff" "$work/good.err" || { cat "$work/good.err"; fail "a good [staff] section was reported"; }
echo "ok: --check-config reports the bad [staff] keys at their lines and passes good ones"

rc=0; "$KIOSK_BIN" --check-content --config "$work/bad.ini" --lang ur > "$work/cc.out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { cat "$work/cc.out"; fail "--check-content exit $rc with an http policy_url, expected 1"; }
grep -q "bad.ini:8: all: error: \[staff\] policy_url: URL must be https://" "$work/cc.out" ||
  { cat "$work/cc.out"; fail "--check-content did not report the policy_url at its line"; }
grep -qE "ur: warning: home\.title " "$work/cc.out" ||
  { cat "$work/cc.out"; fail "the emptied Urdu home.title was not listed (the check must see missing keys)"; }
if grep -E "ur: warning: (staff|admin)\.[a-z_.]+ " "$work/cc.out"; then
  fail "English-only staff.* or admin.* strings were counted missing in ur"
fi
rc=0; "$KIOSK_BIN" --check-content --config "$work/good.ini" --lang ur > "$work/cc2.out" 2>&1 || rc=$?
grep -q "policy_url" "$work/cc2.out" && { cat "$work/cc2.out"; fail "a good policy_url was reported"; }
echo "PASS: [staff] checked by --check-config and --check-content; staff.* and admin.* never missing elsewhere"
