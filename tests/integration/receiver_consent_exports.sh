#!/usr/bin/env bash
# Must show (issue 16): reports filed through the kiosk (a replay of five sessions, each
# with different consents) reach exactly the right exports: --consent police only those
# the police may read, --consent support only those a support service may act on, the
# statistics export and `stats` only those allowed in statistics, with no free text, no
# contact and no date finer than the month; the default export says each row's consents.
set -euo pipefail
source "$KIOSK_SOURCE_DIR/tests/tools/receiver_lib.sh"

rx_setup
kiosk_setup k kiosk-c site-c
"$KIOSK_BIN" --headless --replay "$KIOSK_SOURCE_DIR/tests/integration/data/consent_reports.replay" \
  --config "$tmp/k.ini"
register k kiosk-c
[ "$(ls "$tmp/k/spool" | wc -l)" = 5 ] || fail "the replay should have delivered 5 reports"

ex() { "$KR" export --key "$RX_KEY" "$@" "$tmp/k/spool"; }
ex --consent police  --format json >"$tmp/police.jsonl"  2>"$tmp/police.err"
ex --consent support --format csv  >"$tmp/support.csv"   2>"$tmp/support.err"
ex --consent statistics            >"$tmp/stats-rows.csv" 2>/dev/null
ex                                 >"$tmp/all.csv"        2>/dev/null
"$KR" stats --key "$RX_KEY" --out "$tmp/stats.csv" "$tmp/k/spool" 2>/dev/null
grep -q "5 envelopes: 2 printed, 0 duplicates removed, 3 without police consent left out, 0 rejected" \
  "$tmp/police.err" || fail "police counts: $(cat "$tmp/police.err")"

"$PYTHON" - "$tmp" <<'PY'
import csv, json, re, sys
d = sys.argv[1]
def rows(name):
    return list(csv.DictReader(open(f"{d}/{name}", encoding="utf-8-sig", newline="")))
def motivations(reports):
    return sorted(m for r in reports for m in r["motivations"])

police = [json.loads(l) for l in open(f"{d}/police.jsonl", encoding="utf-8")]
assert motivations(police) == ["disability", "sexual_orientation"], f"police export: {motivations(police)}"
assert all(r["consent"]["police"] for r in police), "every police row allows the police"

support = rows("support.csv")
assert sorted(r["motivations"] for r in support) == ["race", "transgender"], "support export rows"
assert all(r["consent.support"] == "true" for r in support), "every support row allows support"
bea = [r for r in support if r["motivations"] == "race"][0]
assert bea["contact.name"] == "Bea Named" and bea["contact.phone"] == '="07700900123"', "named contact kept"

stats_rows = rows("stats-rows.csv")
assert sorted(r["motivations"] for r in stats_rows) == ["religion", "sexual_orientation", "transgender"], \
    f"statistics export rows: {[r['motivations'] for r in stats_rows]}"
text = open(f"{d}/stats-rows.csv", encoding="utf-8-sig").read() + open(f"{d}/stats.csv", encoding="utf-8-sig").read()
for secret in ("free text", "secret words", "Dee Both", "Bea Named", "07700", "kiosk-c-"):
    assert secret not in text, f"statistics contain {secret!r}"
assert not re.search(r"\d{4}-\d\d-\d\d", text), "statistics contain a date finer than the month"
cols = set(stats_rows[0])
for banned in ("details", "id", "reference", "created_at", "when.date", "contact.name", "contact.phone", "contact.email"):
    assert banned not in cols, f"statistics export has column {banned}"
assert {"month", "site_id", "motivations", "contact"} <= cols, f"statistics columns: {sorted(cols)}"
assert all(re.fullmatch(r"\d{4}-\d\d", r["month"]) for r in stats_rows), "month is YYYY-MM"

everyone = rows("all.csv")
assert len(everyone) == 5, "the default export has every report"
want = {"disability": "police", "race": "support", "religion": "statistics",
        "sexual_orientation": "police; statistics", "transgender": "support; statistics"}
got = {r["motivations"]: r["consents"] for r in everyone}
assert got == want, f"each row says which consents it carries: {got}"

counts = {(r["table"], r["month"], r["category"]): r["count"] for r in csv.DictReader(open(f"{d}/stats.csv", encoding="utf-8-sig"))}
assert counts[("total", "", "reports allowing statistics")] == "<5", "3 reports: the total is suppressed"
assert counts[("motivation", "", "disability")] == "0", "a report without statistics consent is not counted"
assert counts[("motivation", "", "religion")] == "<5", "small counts shown as <5"
print("consent filters: police 2, support 2, statistics 3, none mixed; no free text in statistics")
PY
echo "PASS: consent-filtered exports"
