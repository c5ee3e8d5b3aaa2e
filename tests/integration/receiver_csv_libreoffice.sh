#!/usr/bin/env bash
# Must show (issue 16): the CSV export opens right in LibreOffice Calc. LibreOffice
# headless (soffice --convert-to) reads the export as Calc would, with the character set
# left for Calc to detect; the Urdu text survives, the phone 07700900123 stays text with
# its leading zero, the reference stays text, when.date is a date, a typed formula stays
# inert text; the xlsx export too. A control file with the phone merely quoted shows the check can fail: Calc
# turns that into the number 7700900123.
set -euo pipefail
source "$KIOSK_SOURCE_DIR/tests/tools/receiver_lib.sh"
INPUT="$KIOSK_SOURCE_DIR/tests/integration/data/report_named.json"
command -v soffice >/dev/null || fail "soffice not installed (scripts/setup-deps.sh: libreoffice-calc-nogui)"

rx_setup
kiosk_setup k1 lri-ed-01 lri-ed
"$PYTHON" - "$INPUT" >"$tmp/report.json" <<'PY'
import datetime, json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
r["contact"]["phone"] = "07700900123"
r["contact"]["access_needs"] = "=HYPERLINK(\"http://example.invalid\")"
r["when"]["date"] = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
print(json.dumps(r, ensure_ascii=False))
PY
"$SUBMIT" --config "$tmp/k1.ini" --wait-ms 20000 < "$tmp/report.json" >/dev/null
register k1 lri-ed-01
"$KR" export --key "$RX_KEY" --out "$tmp/export.csv" "$tmp/k1/spool" 2>/dev/null
[ "$(stat -c %a "$tmp/export.csv")" = 600 ] || fail "the export file is readable by others"
"$KR" export --key "$RX_KEY" --format xlsx --out "$tmp/book.xlsx" "$tmp/k1/spool" 2>/dev/null
[ "$(stat -c %a "$tmp/book.xlsx")" = 600 ] || fail "the xlsx export is readable by others"
printf '"phone","name"\r\n"07700900123","x"\r\n' >"$tmp/control.csv"

# 44 = comma, 34 = double quote, 0 = character set not given (Calc detects it)
HOME="$tmp/home" soffice -env:UserInstallation="file://$tmp/lo-profile" --headless \
  --infilter="CSV:44,34,0" --convert-to html --outdir "$tmp/html" \
  "$tmp/export.csv" "$tmp/control.csv" "$tmp/book.xlsx" >"$tmp/soffice.log" 2>&1 || { cat "$tmp/soffice.log"; fail "soffice failed"; }

"$PYTHON" - "$tmp/html/export.html" "$tmp/html/control.html" "$tmp/report.json" "$tmp/html/book.html" <<'PY'
import html.parser, json, sys

class Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.rows = []; self.cell = None
    def handle_starttag(self, tag, attrs):
        if tag == "tr": self.rows.append([])
        if tag == "td": self.cell = {"text": "", **dict(attrs)}
    def handle_endtag(self, tag):
        if tag == "td": self.rows[-1].append(self.cell); self.cell = None
    def handle_data(self, data):
        if self.cell is not None: self.cell["text"] += data
    def handle_startendtag(self, tag, attrs):
        if tag == "br" and self.cell is not None: self.cell["text"] += "\n"

def sheet(path):
    p = Cells(); p.feed(open(path, encoding="utf-8").read())
    head = [c["text"] for c in p.rows[0]]
    return head, [dict(zip(head, row)) for row in p.rows[1:]]

raw = open(sys.argv[1].replace("/html/export.html", "/export.csv"), "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark first (Excel needs it to read UTF-8)"
assert raw.split(b"\n")[0].endswith(b"\r") and raw.endswith(b"\r\n"), "CRLF line ends"
want = json.load(open(sys.argv[3], encoding="utf-8"))
head, rows = sheet(sys.argv[1])
assert head[0] == "consents", f"first header cell {head[0]!r}: the byte-order mark was not taken as UTF-8"
assert len(rows) == 1, f"one report, one row: got {len(rows)}"
r = rows[0]
assert r["contact.name"]["text"] == "عائشہ خان", f"Urdu name garbled: {r['contact.name']['text']!r}"
assert "بس میں ایک آدمی" in r["details"]["text"], "Urdu details garbled"
phone = r["contact.phone"]
assert phone["text"] == "07700900123" and "sdval" not in phone, f"phone became {phone}"
assert "sdval" not in r["reference"] and r["reference"]["text"], "reference stays text"
date = r["when.date"]
assert "YYYY-MM-DD" in date.get("sdnum", "") and date["text"] == want["when"]["date"], f"when.date not an ISO date: {date}"
guard = r["contact.access_needs"]
assert guard["text"].startswith("'=HYPERLINK") and "sdval" not in guard, f"typed formula not kept inert: {guard}"
assert r["motivations"]["text"] == "race; religion", "multi-valued joined by '; '"

_, control = sheet(sys.argv[2])
assert control[0]["phone"].get("sdval") == "7700900123", \
    f"control: a merely quoted phone should become a number (else this test proves nothing): {control[0]['phone']}"
# The xlsx export (libxlsxwriter): every cell a text cell, the same columns as the CSV.
xhead, xrows = sheet(sys.argv[4])
assert xhead == head, "xlsx and CSV have the same columns"
x = xrows[0]
assert x["contact.phone"]["text"] == "07700900123" and "sdval" not in x["contact.phone"], f"xlsx phone {x['contact.phone']}"
assert x["contact.name"]["text"] == "عائشہ خان", "xlsx Urdu"
assert x["contact.access_needs"]["text"] == want["contact"]["access_needs"], "xlsx: a text cell needs no guard, it is never evaluated"
print("LibreOffice: Urdu intact, 07700900123 text, ISO date, formula inert; the control lost its zero")
PY
echo "PASS: CSV opens right in LibreOffice Calc"
