#!/usr/bin/env bash
# kiosk-reports on bad input (issue 4): a wrong key, tampered, truncated and unknown-version
# envelopes and a kiosk whose signing key changed are each rejected with a clear message,
# and one bad file never stops the good ones. Also trust, and CSV export.
set -euo pipefail
: "${KIOSK_REPORTS_BIN:?}" "${KIOSK_BUILD_DIR:?}" "${KIOSK_SOURCE_DIR:?}"
SUBMIT="$KIOSK_BUILD_DIR/tests/tools/submit_report"
INPUT="$KIOSK_SOURCE_DIR/tests/integration/data/report_named.json"
KR="$KIOSK_REPORTS_BIN"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$KR" keygen --out "$tmp/rx" >/dev/null
"$KR" keygen --out "$tmp/other" >/dev/null
if "$KR" keygen --out "$tmp/rx" 2>"$tmp/err"; then fail "keygen overwrote a receiver key"; fi
grep -q "exists" "$tmp/err" || fail "keygen overwrite message unclear"

mk_ini() { # state_dir kiosk_id
  printf '[kiosk]\nkiosk_id = %s\nstate_dir = %s\n[report]\nreceiver_public_key = %s\n' \
    "$2" "$1" "$tmp/rx/receiver.pub" > "$1.ini"
}
mk_ini "$tmp/k1" kiosk-a
mk_ini "$tmp/k2" kiosk-a          # same id, different unit = different signing key
"$SUBMIT" --config "$tmp/k1.ini" --count 3 >/dev/null < "$INPUT"
"$SUBMIT" --config "$tmp/k2.ini" >/dev/null < "$INPUT"

# Register the first unit as the README says; the second (same id, other key) is not.
"$KR" trust --key "$tmp/rx/receiver.key" kiosk-a \
  "$("$KIOSK_BIN" --signing-key --config "$tmp/k1.ini")" >/dev/null
mkdir "$tmp/in"
good=("$tmp"/k1/spool/*.json)
cp "${good[0]}" "$tmp/in/01-good.json"
cp "${good[1]}" "$tmp/in/02-good.json"
cp "${good[0]}" "$tmp/in/03-duplicate.json"
head -c 300 "${good[2]}" > "$tmp/in/04-truncated.json"
python3 - "${good[2]}" "$tmp/in" <<'PY'
import json, sys
env = json.load(open(sys.argv[1]))
d = sys.argv[2]
t = dict(env); ct = t["ciphertext"]; t["ciphertext"] = ct[:50] + ("A" if ct[50] != "A" else "B") + ct[51:]
json.dump(t, open(d + "/05-tampered.json", "w"))
v = dict(env); v["version"] = 9
json.dump(v, open(d + "/06-version9.json", "w"))
open(d + "/07-garbage.json", "w").write("hello")
PY
cp "$tmp"/k2/spool/*.json "$tmp/in/08-impostor.json"

set +e
"$KR" open --key "$tmp/rx/receiver.key" "$tmp/in" >"$tmp/out.jsonl" 2>"$tmp/err"
rc=$?
set -e
cat "$tmp/err"
[ "$rc" = 2 ] || fail "open exit code $rc, expected 2 (some rejected)"
[ "$(wc -l <"$tmp/out.jsonl")" = 2 ] || fail "the two good reports should still print"
grep -q "04-truncated.json: rejected: .*truncated" "$tmp/err" || fail "truncated not named"
grep -q "05-tampered.json: rejected: signature does not verify" "$tmp/err" || fail "tamper not named"
grep -q "06-version9.json: rejected: unknown envelope version 9" "$tmp/err" || fail "version not named"
grep -q "07-garbage.json: rejected" "$tmp/err" || fail "garbage not rejected"
grep -q "08-impostor.json: REJECTED: \*\*\* SIGNING KEY CHANGED for kiosk kiosk-a" "$tmp/err" \
  || fail "changed kiosk key not rejected loudly"
grep -q "1 duplicates removed" "$tmp/err" || fail "duplicate not removed"

# Wrong receiver key: every envelope says so, nothing prints.
set +e
"$KR" open --key "$tmp/other/receiver.key" --known "$tmp/other/known" "${good[0]}" >"$tmp/o2" 2>"$tmp/e2"
rc=$?
set -e
[ "$rc" = 2 ] && [ ! -s "$tmp/o2" ] || fail "wrong key should reject"
grep -q "wrong --key" "$tmp/e2" || fail "wrong-key message unclear: $(cat "$tmp/e2")"

# trust: the unit was re-keyed. The second key is added from today; the first one's
# reports (up to today) still open, and so does the new one's.
key2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["signing_key"])' "$tmp/in/08-impostor.json")
"$KR" trust --key "$tmp/rx/receiver.key" kiosk-a "$key2" >"$tmp/trust.out"
grep -q "previous key now ends on" "$tmp/trust.out" || fail "trust did not say the old key ends: $(cat "$tmp/trust.out")"
"$KR" open --key "$tmp/rx/receiver.key" "$tmp/in/08-impostor.json" "$tmp/in/01-good.json" >"$tmp/o3" 2>&1 \
  || fail "re-keyed kiosk: old or new key not accepted: $(cat "$tmp/o3")"

# CSV export of the first kiosk's reports (a fresh known file, registered first).
"$KR" trust --known "$tmp/known-csv" kiosk-a "$("$KIOSK_BIN" --signing-key --config "$tmp/k1.ini")" >/dev/null
"$KR" export --csv --key "$tmp/rx/receiver.key" --known "$tmp/known-csv" "$tmp/k1/spool" >"$tmp/out.csv" 2>/dev/null
python3 - "$tmp/out.csv" <<'PY'
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "CSV starts with a UTF-8 byte-order mark"
assert raw.split(b"\n")[0].endswith(b"\r") and raw.endswith(b"\r\n"), "records end with CRLF"
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert len(rows) == 3, f"3 rows expected, got {len(rows)}"
r = rows[0]
assert r["motivations"] == "race; religion", r["motivations"]
assert r["contact"] == "named" and r["contact.name"] == "عائشہ خان", "named contact in CSV"
assert r["contact.phone"] == '="+44 116 496 0123"', "a phone is written as text: " + r["contact.phone"]
assert "\n" in r["details"] and '"go home"' in r["details"], "multi-line details with quotes survive"
assert r["consents"] == "police; support", "the row says which consents it carries: " + r["consents"]
print("CSV export ok")
PY
echo "PASS: receiver errors"
