#!/usr/bin/env bash
# Must show (issue 15): a kiosk replay submits a report; its delivery worker posts it over
# HTTPS to a running kiosk-intake (TLS by libmicrohttpd, CA made here); `kiosk-reports pull`
# fetches the sealed envelope with the receiver token and `kiosk-reports open` reads it with
# every field as the replay expects. Also the HTTP side of the contract over the wire:
# statuses, headers, a second pull that finds nothing new, and a clean SIGTERM stop.
set -euo pipefail
: "${KIOSK_BIN:?}" "${KIOSK_REPORTS_BIN:?}" "${KIOSK_INTAKE_BIN:?}" "${KIOSK_SOURCE_DIR:?}" "${KIOSK_BUILD_DIR:?}"
TOOL="$KIOSK_BUILD_DIR/tests/intake/intake_tool"
REPLAY="$KIOSK_SOURCE_DIR/tests/e2e/report_anonymous_victim.replay"
EXPECT="$KIOSK_SOURCE_DIR/tests/e2e/report_anonymous_victim.expect.json"
tmp=$(mktemp -d)
intake_pid=
cleanup() {
  if [ -n "$intake_pid" ]; then kill "$intake_pid" 2>/dev/null || true; wait "$intake_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$tmp/intake.log" ] && tail -20 "$tmp/intake.log" >&2; exit 1; }

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=intake test CA" \
  -keyout "$tmp/ca.key" -out "$tmp/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$tmp/server.key" -out "$tmp/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' >"$tmp/ext.cnf"
openssl x509 -req -in "$tmp/server.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" \
  -CAcreateserial -days 2 -extfile "$tmp/ext.cnf" -out "$tmp/server.pem" 2>/dev/null

"$KIOSK_REPORTS_BIN" keygen --out "$tmp/receiver" >/dev/null
"$KIOSK_INTAKE_BIN" make-token >"$tmp/token.txt"
token=$(sed -n 's/^token = //p' "$tmp/token.txt")
token_hash=$(sed -n 's/^token_hash = //p' "$tmp/token.txt")
printf '%s\n' "$token" >"$tmp/token"
chmod 600 "$tmp/token"
cat >"$tmp/intake.ini" <<INI
[server]
listen = 127.0.0.1
port = 0
tls_cert = $tmp/server.pem
tls_key = $tmp/server.key
[storage]
target = sqlite:$tmp/intake.db
[limits]
max_envelope_bytes = 65536
[receiver]
token_hash = $token_hash
[fleet]
user = estates
password_hash = $(printf 'fleet password 1\n' | "$KIOSK_INTAKE_BIN" hash-password)
INI
"$KIOSK_INTAKE_BIN" check-config "$tmp/intake.ini" >/dev/null || fail "sample config refused"

# The kiosk: its own signing key, registered at the intake before it sends anything.
# (the replay's expected report carries the default site and kiosk ids)
kiosk_id=dev-kiosk-1
cat >"$tmp/kiosk.ini" <<INI
[kiosk]
state_dir = $tmp/state
[report]
receiver_public_key = $tmp/receiver/receiver.pub
INI
kiosk_key=$("$KIOSK_BIN" --signing-key --config "$tmp/kiosk.ini")
"$KIOSK_INTAKE_BIN" register --config "$tmp/intake.ini" $kiosk_id "$kiosk_key" --site "Leicester Royal Infirmary" \
  || fail "register"
"$KIOSK_INTAKE_BIN" list --config "$tmp/intake.ini" | grep -q "^$kiosk_id	Leicester Royal Infirmary	$kiosk_key	.*	valid$" \
  || fail "list does not show the registered key as valid"

"$KIOSK_INTAKE_BIN" serve --config "$tmp/intake.ini" --port-file "$tmp/port" 2>"$tmp/intake.log" &
intake_pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
[ -s "$tmp/port" ] || fail "kiosk-intake did not start"
port=$(cat "$tmp/port")
base="https://127.0.0.1:$port"
cat >>"$tmp/kiosk.ini" <<INI
[delivery]
transport = https
url = $base/v1/reports
ca_file = $tmp/ca.pem
timeout_s = 5
backoff_base_ms = 50
backoff_cap_ms = 500
INI

# HTTP contract over the wire (TLS verified with the test CA).
c() { curl -sS --cacert "$tmp/ca.pem" -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' "$@"; }
[ "$(c "$base/v1/health")" = 200 ] || fail "health not 200"
grep -q '"storage":"sqlite"' "$tmp/body" || fail "health does not name the storage"
[ "$(c "$base/nothing")" = 404 ] || fail "unknown path not 404"
[ "$(c -X DELETE "$base/v1/reports")" = 405 ] || fail "DELETE not 405"
grep -qi '^Allow: POST' "$tmp/headers" || fail "405 without Allow"
[ "$(c "$base/v1/envelopes")" = 401 ] || fail "pull without token not 401"
head -c 70000 /dev/zero | tr '\0' 'x' >"$tmp/big"
[ "$(c -H 'Idempotency-Key: x' --data-binary @"$tmp/big" "$base/v1/reports")" = 413 ] || fail "oversize not 413"
[ "$(c -H 'Idempotency-Key: x' --data-binary '{"format":1' "$base/v1/reports")" = 400 ] || fail "malformed not 400"
[ "$(wc -l <"$tmp/body")" = 1 ] || fail "400 reason is not one line"
if curl -sS -o /dev/null "$base/v1/health" 2>/dev/null; then fail "served TLS that verifies without the CA"; fi

# The kiosk: a full replay of the wizard; its delivery worker posts to the intake.
(cd "$tmp" && "$KIOSK_BIN" --headless --replay "$REPLAY" --config "$tmp/kiosk.ini") \
  || fail "replay (or its delivery) failed"
[ "$(sqlite3 "$tmp/state/outbox.db" 'select count(*) from envelopes')" = 0 ] || fail "outbox not emptied"
[ "$(sqlite3 "$tmp/intake.db" 'select count(*) from envelopes')" = 1 ] || fail "intake did not store exactly one envelope"
# the kiosk's delivery also sent its signed heartbeat (once at start, then every 300 s)
hb=$(sqlite3 "$tmp/intake.db" "select body from heartbeats where kiosk_id='$kiosk_id'")
python3 - "$hb" <<'PY' || fail "no valid heartbeat from the kiosk"
import json, sys
b = json.loads(sys.argv[1])
assert b["interval_s"] == 300, b
for k in ("version", "uptime_s", "outbox_depth", "oldest_unsent_s", "last_delivery", "printer", "content", "disk_free_mb"):
    assert k in b, f"heartbeat lacks {k}"
assert b["disk_free_mb"] > 0 and b["printer"] == "none", b
PY
# stored still sealed: nothing of the report readable at the intake
if sqlite3 "$tmp/intake.db" 'select envelope from envelopes' | grep -q '"reporter_role"'; then
  fail "intake holds plaintext"
fi

# The receiving organisation: pull, register the kiosk with its own tool, open offline.
"$KIOSK_REPORTS_BIN" pull --from "$base" --into "$tmp/store" --token-file "$tmp/token" --ca-file "$tmp/ca.pem" \
  | tee "$tmp/pull1.txt"
grep -q "^pulled 1 new envelope " "$tmp/pull1.txt" || fail "first pull did not bring one envelope"
"$KIOSK_REPORTS_BIN" pull --from "$base" --into "$tmp/store" --token-file "$tmp/token" --ca-file "$tmp/ca.pem" \
  | tee "$tmp/pull2.txt"
grep -q "^pulled 0 new envelopes " "$tmp/pull2.txt" || fail "second pull fetched again what it had"
# plain http to another machine would send the token in clear: refused
if "$KIOSK_REPORTS_BIN" pull --from "http://192.0.2.1:8080" --into "$tmp/x" --token-file "$tmp/token" 2>"$tmp/err"; then
  fail "pull over plain http to a remote host was attempted"
fi
grep -q "use https://" "$tmp/err" || fail "plain-http refusal unclear"
# from a spool directory: new files once, then nothing new; a FIFO there is skipped, not read
mkdir "$tmp/spool" && cp "$tmp/store/"*.json "$tmp/spool/" && mkfifo "$tmp/spool/zz-fifo.json"
"$KIOSK_REPORTS_BIN" pull --from "$tmp/spool" --into "$tmp/store2" | grep -q "^pulled 1 new envelope " \
  || fail "pull from a spool dir"
"$KIOSK_REPORTS_BIN" pull --from "$tmp/spool" --into "$tmp/store2" | grep -q "^pulled 0 new envelopes into .* (1 already there" \
  || fail "second pull from the spool dir copied again"
"$KIOSK_REPORTS_BIN" trust --key "$tmp/receiver/receiver.key" $kiosk_id "$kiosk_key" >/dev/null
"$KIOSK_REPORTS_BIN" open --key "$tmp/receiver/receiver.key" "$tmp/store" >"$tmp/opened.jsonl" \
  || fail "open refused the pulled envelope"
python3 "$KIOSK_SOURCE_DIR/tests/tools/check-reports.py" "$EXPECT" <"$tmp/opened.jsonl"
python3 - "$tmp/opened.jsonl" <<'PY'
import json, sys
r = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(r) == 1, f"expected one report, got {len(r)}"
assert r[0]["kiosk_id"] == "dev-kiosk-1" and r[0]["site_id"] == "dev-site", "kiosk/site id lost"
PY

# Rate limit (60 a minute, burst 20 per kiosk): a unit that floods gets 429 + Retry-After.
# Each must be newer than the kiosk's own heartbeat, sent moments ago in the same second
# perhaps: count from now in milliseconds, not from the start of this second.
got429=
hb_base=$(( $(date +%s%3N) + 1000 ))
for i in $(seq 1 60); do
  hb=$("$TOOL" heartbeat --signer "$tmp/state" --kiosk "$kiosk_id" --sent-ms "$(( hb_base + i ))")
  code=$(c --data-binary "$hb" "$base/v1/heartbeat")
  if [ "$code" = 429 ]; then got429=$i; break; fi
  [ "$code" = 204 ] || fail "heartbeat $i answered $code"
done
[ -n "$got429" ] || fail "60 heartbeats in a row never hit the rate limit"
grep -qiE '^Retry-After: [1-9][0-9]*' "$tmp/headers" || fail "429 without Retry-After"
echo "rate limit reached at heartbeat $got429, $(grep -i '^Retry-After' "$tmp/headers" | tr -d '\r')"

# Revoked: the next report from this kiosk is refused, and the kiosk keeps it queued.
"$KIOSK_INTAKE_BIN" revoke --config "$tmp/intake.ini" $kiosk_id | grep -q "revoked 1 key" || fail "revoke"
env=$("$TOOL" envelope --receiver "$tmp/receiver/receiver.pub" --signer "$tmp/state" --kiosk $kiosk_id \
  --report-id 88888888-8888-4888-8888-888888888888 <"$KIOSK_SOURCE_DIR/tests/integration/data/report_named.json")
[ "$(c -H 'Idempotency-Key: 88888888-8888-4888-8888-888888888888' --data-binary "$env" "$base/v1/reports")" = 403 ] \
  || fail "revoked key not refused with 403"
grep -q "revoked" "$tmp/body" || fail "403 does not say the key was revoked"
[ "$(sqlite3 "$tmp/intake.db" 'select count(*) from envelopes')" = 1 ] || fail "refused envelope was stored"

# The fleet page, behind HTTP Basic with the Argon2id password.
[ "$(c "$base/fleet")" = 401 ] || fail "fleet without login not 401"
grep -qi '^WWW-Authenticate: Basic' "$tmp/headers" || fail "401 without a Basic challenge"
[ "$(c -u estates:wrong "$base/fleet")" = 401 ] || fail "wrong fleet password accepted"
[ "$(c -u 'estates:fleet password 1' "$base/fleet")" = 200 ] || fail "fleet page not shown"
grep -q "id=\"unit-$kiosk_id\"" "$tmp/body" || fail "fleet page lacks the unit"
grep -q "Leicester Royal Infirmary" "$tmp/body" || fail "fleet page lacks the site"
grep -qi "^Content-Security-Policy: default-src 'none'" "$tmp/headers" || fail "fleet page without CSP"

kill -TERM "$intake_pid"
wait "$intake_pid" || fail "kiosk-intake did not stop cleanly on SIGTERM"
intake_pid=
echo "PASS: replay -> kiosk delivery -> kiosk-intake (TLS) -> pull -> open, every field matching"
