#!/usr/bin/env bash
# HTTPS delivery under faults (issue 4): a local TLS server (self-signed CA made here)
# answers 500/503, drops connections before and after storing, and stalls past the
# kiosk's time-out. Every report must arrive; duplicates are removed by id at the receiver.
set -euo pipefail
: "${KIOSK_REPORTS_BIN:?}" "${KIOSK_BUILD_DIR:?}" "${KIOSK_SOURCE_DIR:?}"
SUBMIT="$KIOSK_BUILD_DIR/tests/tools/submit_report"
INPUT="$KIOSK_SOURCE_DIR/tests/integration/data/report_named.json"
N=24
tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A throw-away CA and a server certificate for 127.0.0.1.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=kiosk test CA" \
  -keyout "$tmp/ca.key" -out "$tmp/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$tmp/server.key" -out "$tmp/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' >"$tmp/ext.cnf"
openssl x509 -req -in "$tmp/server.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" \
  -CAcreateserial -days 2 -extfile "$tmp/ext.cnf" -out "$tmp/server.pem" 2>/dev/null

mkdir "$tmp/received"
python3 "$KIOSK_SOURCE_DIR/tests/tools/tls_fault_server.py" "$tmp/server.pem" "$tmp/server.key" \
  "$tmp/received" "$tmp/port" "${TLS_FAULT_SEED:-$RANDOM}" 2>"$tmp/server.log" &
server_pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
[ -s "$tmp/port" ] || fail "TLS test server did not start"
port=$(cat "$tmp/port")

"$KIOSK_REPORTS_BIN" keygen --out "$tmp/receiver" >/dev/null
cat > "$tmp/kiosk.ini" <<INI
[kiosk]
kiosk_id = lri-ed-02
state_dir = $tmp/state
[report]
receiver_public_key = $tmp/receiver/receiver.pub
[delivery]
transport = https
url = https://127.0.0.1:$port/reports
ca_file = $tmp/ca.pem
timeout_s = 1
backoff_base_ms = 20
backoff_cap_ms = 400
INI

# Without the CA the server's certificate must be refused (verification is on).
sed '/^ca_file/d' "$tmp/kiosk.ini" > "$tmp/noca.ini"
sed -i "s|state_dir = .*|state_dir = $tmp/state-noca|" "$tmp/noca.ini"
if "$SUBMIT" --config "$tmp/noca.ini" --wait-ms 1500 < "$INPUT" >/dev/null 2>"$tmp/noca.err"; then
  fail "delivered to a server whose certificate is not trusted"
fi
grep -q "certificate" "$tmp/noca.err" || { cat "$tmp/noca.err"; fail "no certificate error reported"; }
got_before=$(ls "$tmp/received" | wc -l)

"$SUBMIT" --config "$tmp/kiosk.ini" --count "$N" --wait-ms 90000 < "$INPUT" >"$tmp/saved.txt" \
  || { tail -20 "$tmp/server.log"; fail "not every report was delivered"; }
[ "$(wc -l <"$tmp/saved.txt")" = "$N" ] || fail "driver did not save $N reports"

# Register the unit as the README says: its key from `kiosk --signing-key`, then trust.
"$KIOSK_REPORTS_BIN" trust --key "$tmp/receiver/receiver.key" lri-ed-02 \
  "$("$KIOSK_BIN" --signing-key --config "$tmp/kiosk.ini")" >/dev/null
"$KIOSK_REPORTS_BIN" open --key "$tmp/receiver/receiver.key" "$tmp/received" \
  >"$tmp/opened.jsonl" 2>"$tmp/open.err" || { cat "$tmp/open.err"; fail "receiver rejected envelopes"; }
cat "$tmp/open.err"
files=$(ls "$tmp/received" | wc -l)
python3 - "$tmp/saved.txt" "$tmp/opened.jsonl" <<'PY'
import json, sys
saved = {line.split()[2]: line.split()[1] for line in open(sys.argv[1])}
opened = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
ids = [r["id"] for r in opened]
assert len(ids) == len(set(ids)), "receiver printed a report twice"
assert set(ids) == set(saved), f"missing at receiver: {set(saved) - set(ids)}"
for r in opened:
    assert r["reference"] == saved[r["id"]], "reference mismatch"
print(f"all {len(saved)} reports arrived exactly once after de-duplication")
PY
modes=$(grep -o 'mode [a-z_0-9]*' "$tmp/server.log" | sort | uniq -c | tr '\n' ';')
echo "server saw: $modes; stored $files files for $N reports (before: $got_before)"
[ "$files" -gt "$N" ] || fail "expected duplicates at the server (stored $files for $N)"
grep -q "duplicates removed" "$tmp/open.err"
echo "PASS: https faults"
