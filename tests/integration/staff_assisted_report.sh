#!/usr/bin/env bash
# Must show (issue 19): a staff-assisted Urdu report in side-by-side view (the e2e replay
# tests/e2e/report_staff_assisted_urdu.replay, here with a slip printed to a file) is
# submitted and opened with kiosk-reports: the report, the JSON and CSV exports and the
# statistics export carry assisted_by "staff" and staff_role "nurse"; and no staff name is
# anywhere: not in the decrypted report, the exports, the slip, the kiosk's log or its
# state directory. The kiosk never asks for one, so the check is that nothing a member of
# staff could be named by (a name, or any field beyond the data dictionary's) got in;
# a planted copy proves the search finds a name where there is one.
set -euo pipefail
source "$KIOSK_SOURCE_DIR/tests/tools/receiver_lib.sh"

rx_setup
kiosk_setup k kiosk-s site-s
slip="$tmp/slip.bin"
printf '[printer]\nsink = file:%s\n' "$slip" >> "$tmp/k.ini"
# the e2e replay, printing the slip on the done screen before Finish
sed -e 's/^expect-screen report.done$/expect-screen report.done\ntap report.done.print\nwait-print 15/' \
    -e '/^screenshot /d' \
    "$KIOSK_SOURCE_DIR/tests/e2e/report_staff_assisted_urdu.replay" > "$tmp/staff.replay"
grep -q '^wait-print' "$tmp/staff.replay" || fail "fixture: the replay has no done screen to print on"
(cd "$tmp" && "$KIOSK_BIN" --headless --replay "$tmp/staff.replay" --config "$tmp/k.ini") \
  2>"$tmp/kiosk.log" || { cat "$tmp/kiosk.log" >&2; fail "the staff-assisted replay failed"; }
[ -s "$slip" ] || fail "no slip was printed"
register k kiosk-s
"$KR" open --key "$RX_KEY" "$tmp/k/spool" > "$tmp/opened.jsonl" 2>/dev/null
"$KR" export --key "$RX_KEY" --format csv "$tmp/k/spool" > "$tmp/all.csv" 2>/dev/null
"$KR" export --key "$RX_KEY" --format json "$tmp/k/spool" > "$tmp/all.jsonl" 2>/dev/null
"$KR" export --key "$RX_KEY" --consent statistics "$tmp/k/spool" > "$tmp/stats.csv" 2>/dev/null
"$KR" stats --key "$RX_KEY" --out "$tmp/counts.csv" "$tmp/k/spool" 2>/dev/null

"$PYTHON" - "$tmp" <<'PY'
import csv, json, sys
d = sys.argv[1]
reports = [json.loads(l) for l in open(f"{d}/opened.jsonl", encoding="utf-8") if l.strip()]
assert len(reports) == 1, f"one report sent, found {len(reports)}"
r = reports[0]
assert r["locale"] == "ur", f"locale {r['locale']}"
assert r["assisted_by"] == "staff", f"assisted_by {r['assisted_by']!r}"
assert r["staff_role"] == "nurse", f"staff_role {r['staff_role']!r}"
assert r["reporter_role"] == "victim", "with staff helping, the person's own role"
assert r["contact"] is None, "anonymous: no contact at all"
# the data dictionary's fields, nothing more: no field a staff member's name could sit in
known = {"schema", "id", "reference", "created_at", "site_id", "kiosk_id", "locale", "safety",
         "reporter_role", "assisted_by", "staff_role", "motivations", "incident_types", "when",
         "where", "details", "health", "contact", "consent"}
extra = set(r) - known
assert not extra, f"fields beyond the data dictionary: {sorted(extra)}"
assert r["details"] in ("", None), "no free text was typed"
for name, rows in (("all.csv", None), ("stats.csv", None)):
    rows = list(csv.DictReader(open(f"{d}/{name}", encoding="utf-8-sig", newline="")))
    assert len(rows) == 1, f"{name}: one row"
    assert rows[0]["assisted_by"] == "staff" and rows[0]["staff_role"] == "nurse", \
        f"{name}: assisted_by/staff_role columns: {rows[0].get('assisted_by')!r} {rows[0].get('staff_role')!r}"
j = [json.loads(l) for l in open(f"{d}/all.jsonl", encoding="utf-8") if l.strip()]
assert j[0]["assisted_by"] == "staff" and j[0]["staff_role"] == "nurse", "JSON export"
counts = {(c["table"], c["category"]): c["count"]
          for c in csv.DictReader(open(f"{d}/counts.csv", encoding="utf-8-sig", newline=""))}
assert counts.get(("staff_role", "nurse")) == "<5", f"stats staff_role nurse: {counts.get(('staff_role', 'nurse'))}"
assert counts.get(("staff_role", "not_assisted")) == "0", "stats: no report made alone"
print("kiosk-reports: assisted_by=staff, staff_role=nurse in open, CSV, JSON and statistics exports; stats counts it under staff_role")
PY

# No staff name anywhere. The names a member of staff could leave are the ones they would
# type; the kiosk has no field for them, so nothing typed may reach any output. These are
# what the replay's staff member is called in the test's story; none was typed, none may
# appear. Searched: the decrypted report and exports, the slip, the log, the state dir.
names=("Amira Khan" "Nurse Khan" "Sister Amira")
places=("$tmp/opened.jsonl" "$tmp/all.csv" "$tmp/all.jsonl" "$tmp/stats.csv" "$tmp/counts.csv" "$slip"
        "$tmp/kiosk.log")
for n in "${names[@]}"; do
  for p in "${places[@]}"; do
    if grep -qaF "$n" "$p"; then fail "staff name '$n' found in $p"; fi
  done
  if grep -rqaF "$n" "$tmp/k"; then fail "staff name '$n' found in the state directory"; fi
done
# the search can fail: a planted copy is found
cp "$tmp/opened.jsonl" "$tmp/planted.jsonl"
echo "\"staff\": \"${names[0]}\"" >> "$tmp/planted.jsonl"
grep -qaF "${names[0]}" "$tmp/planted.jsonl" || fail "the name search finds nothing even when planted"
# and the log says nothing of this report's answers either (the role, the staff help): only
# the sealed report carries them. (Content warnings name string keys, never answers.)
answers='nurse|staff_role|assisted_by|"staff"|religion'
if grep -iE "$answers" "$tmp/kiosk.log" | grep -qvE ' (is not in the file|has no translation) '; then
  fail "the log mentions the report's answers: $(grep -iE "$answers" "$tmp/kiosk.log" | head -3)"
fi
echo "PASS: staff-assisted report: role recorded, no staff name in report, exports, slip, log or state"
