#!/usr/bin/env bash
# Must show (issue 4): kiosk-reports keygen -> a kiosk configured with that public key ->
# a report submitted through the report service (test driver until the wizard exists) ->
# delivered to the spool -> kiosk-reports open prints that exact report as JSON.
# Also: no plaintext on the kiosk's disk, nothing left in the outbox but a count.
set -euo pipefail
: "${KIOSK_REPORTS_BIN:?}" "${KIOSK_BUILD_DIR:?}" "${KIOSK_SOURCE_DIR:?}"
SUBMIT="$KIOSK_BUILD_DIR/tests/tools/submit_report"
INPUT="$KIOSK_SOURCE_DIR/tests/integration/data/report_named.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$KIOSK_REPORTS_BIN" keygen --out "$tmp/receiver"
[ "$(stat -c %a "$tmp/receiver/receiver.key")" = 600 ] || fail "receiver.key is not 0600"

cat > "$tmp/kiosk.ini" <<INI
[kiosk]
site_id = lri-ed
kiosk_id = lri-ed-01
state_dir = $tmp/state
[report]
receiver_public_key = $tmp/receiver/receiver.pub
INI

out=$("$SUBMIT" --config "$tmp/kiosk.ini" --wait-ms 20000 < "$INPUT")
echo "driver: $out"
read -r word ref id <<<"$out"
[ "$word" = saved ] || fail "driver did not print 'saved REF ID'"

# Register the unit as the README says, then open.
"$KIOSK_REPORTS_BIN" trust --key "$tmp/receiver/receiver.key" lri-ed-01 \
  "$("$KIOSK_BIN" --signing-key --config "$tmp/kiosk.ini")" >/dev/null
"$KIOSK_REPORTS_BIN" open --key "$tmp/receiver/receiver.key" "$tmp/state/spool" >"$tmp/opened.jsonl"
cat "$tmp/opened.jsonl"

python3 - "$INPUT" "$tmp/opened.jsonl" "$ref" "$id" <<'PY'
import json, re, sys
inp = json.load(open(sys.argv[1], encoding="utf-8"))
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
assert len(lines) == 1, f"expected exactly one report from the spool, got {len(lines)}"
out = json.loads(lines[0])
for key, value in inp.items():
    assert out.get(key) == value, f"field {key!r}: submitted {value!r}, opened {out.get(key)!r}"
assert out["reference"] == sys.argv[3], "reference printed by the kiosk differs from the report's"
assert out["id"] == sys.argv[4], "report id differs"
assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", out["id"]), "id is not a UUIDv4"
assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", out["created_at"]), "created_at is not UTC ISO 8601"
assert out["kiosk_id"] == "lri-ed-01" and out["site_id"] == "lri-ed", "kiosk/site id not from config"
print("opened report matches the submitted one field by field")
PY

# Privacy: the free text, the name and the phone number appear nowhere on the kiosk's disk.
for needle in "ایک آدمی" "عائشہ" "496 0123" "aisha.example"; do
  if grep -rqF "$needle" "$tmp/state"; then fail "plaintext '$needle' found under the state dir"; fi
done
[ "$(stat -c %a "$tmp/state/signing.key")" = 600 ] || fail "signing.key is not 0600"
left=$(sqlite3 "$tmp/state/outbox.db" "select count(*) from envelopes")
count=$(sqlite3 "$tmp/state/outbox.db" "select value from meta where key='delivered_total'")
[ "$left" = 0 ] || fail "outbox still holds $left envelopes after delivery"
[ "$count" = 1 ] || fail "delivered count is $count, expected 1"
echo "PASS: spool end to end"
