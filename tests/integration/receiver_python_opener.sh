#!/usr/bin/env bash
# Must show (issue 16): docs/envelope-format.md is enough to open kiosk envelopes. An
# opener written from that page alone (tests/tools/kiosk_envelope.py, PyNaCl) opens what
# the kiosk sealed and finds exactly the reports kiosk-reports prints; kiosk-reports opens
# what that implementation seals; both refuse a tampered envelope.
set -euo pipefail
source "$KIOSK_SOURCE_DIR/tests/tools/receiver_lib.sh"
INPUT="$KIOSK_SOURCE_DIR/tests/integration/data/report_named.json"

rx_setup
kiosk_setup k1 lri-ed-01 lri-ed
"$SUBMIT" --config "$tmp/k1.ini" --count 3 --wait-ms 20000 < "$INPUT" >/dev/null
register k1 lri-ed-01

"$KR" open --key "$RX_KEY" "$tmp/k1/spool" >"$tmp/c.jsonl"
"$PYTHON" "$ENVELOPE_PY" open --key "$RX_KEY" --known "$tmp/rx/known_kiosks" "$tmp"/k1/spool/*.json >"$tmp/py.jsonl"
"$PYTHON" - "$tmp/c.jsonl" "$tmp/py.jsonl" <<'PY'
import json, sys
c = sorted(json.dumps(json.loads(l), sort_keys=True) for l in open(sys.argv[1], encoding="utf-8"))
p = sorted(json.dumps(json.loads(l), sort_keys=True) for l in open(sys.argv[2], encoding="utf-8"))
assert len(c) == 3, f"kiosk-reports printed {len(c)} reports, expected 3"
assert c == p, "the Python opener and kiosk-reports disagree on the reports"
print("Python opener found the same 3 reports as kiosk-reports")
PY

# The other way: a kiosk written in Python, registered, opened by kiosk-reports.
read -r seed pub < <("$PYTHON" "$ENVELOPE_PY" keypair)
echo "$seed" > "$tmp/py-signing.key"
"$KR" trust --key "$RX_KEY" py-kiosk "$pub" >/dev/null
"$PYTHON" - "$INPUT" >"$tmp/py-report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
r.update(id="0b6f0c1e-6a43-4f7e-9d2a-3c5b7e9f1a2d", reference="PY23-4567", created_at="2025-03-21T10:00:00Z",
         site_id="py-site", kiosk_id="py-kiosk")
r["when"]["date"] = "2025-03-20"
print(json.dumps(r, ensure_ascii=False))
PY
"$PYTHON" "$ENVELOPE_PY" seal --receiver-pub "$RX_PUB" --signing-key "$tmp/py-signing.key" \
  < "$tmp/py-report.json" > "$tmp/py-envelope.json"
"$KR" open --key "$RX_KEY" "$tmp/py-envelope.json" >"$tmp/from-py.jsonl"
"$PYTHON" - "$tmp/py-report.json" "$tmp/from-py.jsonl" <<'PY'
import json, sys
want = json.load(open(sys.argv[1], encoding="utf-8"))
got = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(got) == 1, f"kiosk-reports printed {len(got)} reports from the Python envelope"
for k, v in want.items():
    assert got[0].get(k) == v, f"field {k}: sealed {v!r}, opened {got[0].get(k)!r}"
print("kiosk-reports opened the Python-sealed envelope field by field")
PY

# A report from a newer kiosk with fields this kiosk-reports does not know: it still
# opens, and each unknown field is named once, never dropped silently.
"$PYTHON" - "$tmp/py-report.json" >"$tmp/newer.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
r.update(id="9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f", pronouns="she/her")
r["when"]["hour"] = "evening"
print(json.dumps(r, ensure_ascii=False))
PY
"$PYTHON" "$ENVELOPE_PY" seal --receiver-pub "$RX_PUB" --signing-key "$tmp/py-signing.key" \
  < "$tmp/newer.json" > "$tmp/newer-envelope.json"
"$KR" open --key "$RX_KEY" "$tmp/newer-envelope.json" >"$tmp/newer.jsonl" 2>"$tmp/newer.err" \
  || fail "a report with extra fields was refused: $(cat "$tmp/newer.err")"
[ "$(wc -l <"$tmp/newer.jsonl")" = 1 ] || fail "the newer report was not printed"
grep -q "field pronouns is not known to this kiosk-reports" "$tmp/newer.err" || fail "unknown top-level field not named"
grep -q "field when.hour is not known" "$tmp/newer.err" || fail "unknown nested field not named"
[ "$(grep -c WARNING "$tmp/newer.err")" = 2 ] || fail "expected exactly 2 warnings: $(cat "$tmp/newer.err")"

# Both refuse one flipped ciphertext byte.
"$PYTHON" - "$tmp/py-envelope.json" "$tmp/tampered.json" <<'PY'
import base64, json, sys
e = json.load(open(sys.argv[1]))
ct = bytearray(base64.b64decode(e["ciphertext"])); ct[100] ^= 1
e["ciphertext"] = base64.b64encode(bytes(ct)).decode()
json.dump(e, open(sys.argv[2], "w"))
PY
if "$PYTHON" "$ENVELOPE_PY" open --key "$RX_KEY" --known "$tmp/rx/known_kiosks" "$tmp/tampered.json" 2>"$tmp/e1"; then
  fail "the Python opener accepted a tampered envelope"
fi
grep -q "signature does not verify" "$tmp/e1" || fail "Python opener: $(cat "$tmp/e1")"
if "$KR" open --key "$RX_KEY" "$tmp/tampered.json" >/dev/null 2>"$tmp/e2"; then
  fail "kiosk-reports accepted a tampered envelope"
fi
grep -q "signature does not verify" "$tmp/e2" || fail "kiosk-reports: $(cat "$tmp/e2")"
echo "PASS: an independent opener written from docs/envelope-format.md"
