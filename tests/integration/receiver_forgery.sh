#!/usr/bin/env bash
# Must show (issue 16): a receiver that cannot be fooled. Each forgery is refused or
# reported, and the genuine report is always printed:
#   decoy with a real report id (from an unregistered kiosk, and pinned on first sight),
#   impostor with a registered kiosk's id, unknown kiosk, trailing data and duplicate keys
#   (inside the report and in the envelope), a schema violation, an id that is no UUID,
#   a FIFO in the spool,
#   loose key permissions, a retired key, trust without a receiver key; nothing is pinned
#   before its envelope fully validates; the summary counts are exact.
set -euo pipefail
source "$KIOSK_SOURCE_DIR/tests/tools/receiver_lib.sh"
INPUT="$KIOSK_SOURCE_DIR/tests/integration/data/report_named.json"

rx_setup
kiosk_setup k1 lri-ed-01 lri-ed
"$SUBMIT" --config "$tmp/k1.ini" --wait-ms 20000 < "$INPUT" >/dev/null
register k1 lri-ed-01
genuine=("$tmp"/k1/spool/*.json)
mkdir "$tmp/in"
cp "${genuine[0]}" "$tmp/in/50-genuine.json"
cp "${genuine[0]}" "$tmp/in/51-genuine-again.json"
mkfifo "$tmp/in/30-fifo.json"

# The forgeries, made with the independent implementation (tests/tools/kiosk_envelope.py).
"$PYTHON" - "$KIOSK_SOURCE_DIR/tests/tools" "$tmp/in" "$RX_PUB" "$tmp/in/50-genuine.json" "$INPUT" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1])
import kiosk_envelope as ke
import nacl.public, nacl.signing
out, rx = sys.argv[2], nacl.public.PublicKey(ke.b64decode(open(sys.argv[3]).read().strip(), 32))
genuine_text = open(sys.argv[4]).read()
genuine = json.loads(genuine_text)
gid = genuine["report_id"]
base = json.load(open(sys.argv[5], encoding="utf-8"))

def report(kiosk, rid, **extra):
    r = dict(base, id=rid, reference="FAKE-2345", created_at="2025-03-21T10:00:00Z",
             site_id="lri-ed", kiosk_id=kiosk, details="decoy text")
    r.update(extra)
    return r

def seal(name, kiosk, rid, plaintext, signer):
    ct = nacl.public.SealedBox(rx).encrypt(ke.pad(plaintext))
    sig = signer.sign(ke.digest(kiosk, rid, ct)).signature
    env = {"format": "kiosk-envelope", "version": 1, "kiosk_id": kiosk, "report_id": rid,
           "signing_key": ke.b64(bytes(signer.verify_key)), "ciphertext": ke.b64(ct),
           "signature": ke.b64(sig)}
    open(f"{out}/{name}", "w").write(json.dumps(env))

def js(r):
    return json.dumps(r, ensure_ascii=False).encode()

attacker = nacl.signing.SigningKey.generate()
# A decoy: a new kiosk id, the genuine report's id. Sorted first, so it is seen first.
seal("10-decoy.json", "decoy-kiosk", gid, js(report("decoy-kiosk", gid)), attacker)
# An impostor: the registered kiosk's id, the attacker's key.
seal("20-impostor.json", "lri-ed-01", gid, js(report("lri-ed-01", gid)), attacker)
# Trailing data: a valid report of its own, then a second one claiming the registered kiosk.
tid = "11111111-2222-4333-8444-555555555555"
seal("40-trailing.json", "trail-kiosk", tid,
     js(report("trail-kiosk", tid)) + b"\n" + js(report("lri-ed-01", gid)), attacker)
# Duplicate keys: kiosk_id twice; a first-wins and a last-wins reader would disagree.
did = "66666666-7777-4888-9999-aaaaaaaaaaaa"
dup = js(report("dup-kiosk", did))[:-1] + b',"kiosk_id":"lri-ed-01"}'
seal("41-duplicate-key.json", "dup-kiosk", did, dup, attacker)
# A schema violation: motivations must be a list of codes.
sid = "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff"
seal("42-schema.json", "schema-kiosk", sid, js(report("schema-kiosk", sid, motivations="race")), attacker)
# An id that is no UUID (it would be printed in messages and exports): a terminal escape.
bid = "\x1b[2J-not-a-uuid-0000-000000000000"
seal("43-bad-id.json", "badid-kiosk", bid, js(report("badid-kiosk", bid)), attacker)
# The genuine envelope with data after it, and with a key repeated in the envelope.
open(f"{out}/60-envelope-trailing.json", "w").write(genuine_text.strip() + '\n{"report_id":"x"}\n')
open(f"{out}/61-envelope-duplicate-key.json", "w").write(
    genuine_text.strip()[:-1] + ',"kiosk_id":"decoy-kiosk"}')
PY

sha_before=$(sha256sum "$tmp/rx/known_kiosks")
cp "$tmp/rx/known_kiosks" "$tmp/known-pin"

# ---- run 1: no trust on first sight ----
set +e
timeout 30 "$KR" open --key "$RX_KEY" "$tmp/in" >"$tmp/out1.jsonl" 2>"$tmp/err1"
rc=$?
set -e
cat "$tmp/err1"
[ "$rc" != 124 ] || fail "open hung (the FIFO?)"
[ "$rc" = 2 ] || fail "exit $rc, expected 2 (some refused)"
"$PYTHON" - "$tmp/out1.jsonl" "$tmp/in/50-genuine.json" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
gid = json.load(open(sys.argv[2]))["report_id"]
assert len(lines) == 1, f"exactly the genuine report is printed, got {len(lines)} lines"
r = json.loads(lines[0])
assert r["id"] == gid and r["kiosk_id"] == "lri-ed-01", "the printed report is the genuine one"
assert r["contact"]["name"] == "عائشہ خان", "the genuine named report, not the decoy"
print("run 1: the genuine report printed, once")
PY
e="$tmp/err1"
grep -q "10-decoy.json: rejected: kiosk decoy-kiosk is not registered" "$e" || fail "decoy not refused as unknown"
grep -q "20-impostor.json: REJECTED: \*\*\* SIGNING KEY CHANGED for kiosk lri-ed-01" "$e" || fail "impostor not refused loudly"
grep -q "30-fifo.json: rejected: not a regular file" "$e" || fail "FIFO not refused"
grep -q "40-trailing.json: rejected: .*data after the end of the JSON document" "$e" || fail "trailing data inside not refused"
grep -q "41-duplicate-key.json: rejected: .*names the same key twice" "$e" || fail "duplicate key inside not refused"
grep -q "42-schema.json: rejected: not a valid kiosk-report/1 report: .*motivations" "$e" || fail "schema violation not refused"
grep -q "60-envelope-trailing.json: rejected: .*data after the end" "$e" || fail "trailing data after the envelope not refused"
grep -q "61-envelope-duplicate-key.json: rejected: .*same key twice" "$e" || fail "duplicate key in the envelope not refused"
grep -q "43-bad-id.json: rejected: not a valid kiosk-report/1 report: report id is not a UUID" "$e" || fail "bad id not refused"
grep -q "kiosk-reports: 11 envelopes: 1 printed, 1 duplicates removed, 9 rejected$" "$e" \
  || fail "summary counts are not exact: $(grep envelopes: "$e")"
grep -q "kiosk-reports trust --key $RX_KEY decoy-kiosk .*# 1 envelope" "$e" || fail "unknown kiosks not listed with the trust command"
[ "$(sha256sum "$tmp/rx/known_kiosks")" = "$sha_before" ] || fail "known_kiosks changed without --pin-first-sight"

# ---- run 2: --pin-first-sight pins only what fully validates ----
set +e
timeout 30 "$KR" open --pin-first-sight --key "$RX_KEY" --known "$tmp/known-pin" "$tmp/in" \
  >"$tmp/out2.jsonl" 2>"$tmp/err2"
rc=$?
set -e
cat "$tmp/err2"
[ "$rc" = 2 ] || fail "pin-first-sight run: exit $rc, expected 2 (refused and conflicting)"
"$PYTHON" - "$tmp/out2.jsonl" "$tmp/in/50-genuine.json" <<'PY'
import json, sys
reports = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
gid = json.load(open(sys.argv[2]))["report_id"]
kiosks = sorted(r["kiosk_id"] for r in reports)
assert kiosks == ["decoy-kiosk", "lri-ed-01"], f"the decoy and the genuine report both print: {kiosks}"
assert all(r["id"] == gid for r in reports), "both claim the genuine id"
print("run 2: the decoy did not make the genuine report vanish")
PY
grep -q "50-genuine.json: \*\*\* CONFLICT: report id .* (kiosk lri-ed-01) was also claimed by a different envelope in .*10-decoy.json (kiosk decoy-kiosk)" "$tmp/err2" \
  || fail "two envelopes claiming one id not reported loudly"
grep -q "^decoy-kiosk " "$tmp/known-pin" || fail "the valid decoy should be pinned on first sight"
for k in trail-kiosk dup-kiosk schema-kiosk badid-kiosk; do
  if grep -q "^$k " "$tmp/known-pin"; then fail "$k was pinned although its envelope was refused"; fi
done
grep -q "11 envelopes: 2 printed, 1 duplicates removed, 8 rejected; 1 CONFLICTING" "$tmp/err2" || fail "run 2 counts: $(grep envelopes: "$tmp/err2")"

# ---- keys: loose permissions are refused, with the chmod to run ----
mkdir "$tmp/loose"
cp "$RX_KEY" "$tmp/loose/receiver.key"
chmod 644 "$tmp/loose/receiver.key"
if "$KR" open --key "$tmp/loose/receiver.key" "$tmp/in/50-genuine.json" >/dev/null 2>"$tmp/e3"; then
  fail "a world-readable receiver key was accepted"
fi
grep -q "chmod 600 $tmp/loose/receiver.key" "$tmp/e3" || fail "no chmod advice: $(cat "$tmp/e3")"
chmod 600 "$tmp/loose/receiver.key"
cp "$tmp/rx/known_kiosks" "$tmp/loose/known_kiosks"
chmod 664 "$tmp/loose/known_kiosks"
if "$KR" open --key "$tmp/loose/receiver.key" "$tmp/in/50-genuine.json" >/dev/null 2>"$tmp/e4"; then
  fail "a group-writable known_kiosks was accepted"
fi
grep -q "chmod go-w $tmp/loose/known_kiosks" "$tmp/e4" || fail "no chmod advice: $(cat "$tmp/e4")"

# ---- trust without a receiver key writes nothing in the current folder ----
mkdir "$tmp/cwd"
if (cd "$tmp/cwd" && "$KR" trust some-kiosk "$("$KIOSK_BIN" --signing-key --config "$tmp/k1.ini")" 2>"$tmp/e5"); then
  fail "trust without --key succeeded"
fi
[ ! -e "$tmp/cwd/known_kiosks" ] || fail "trust wrote ./known_kiosks"
grep -q "needs --key" "$tmp/e5" || fail "trust: $(cat "$tmp/e5")"

# ---- a re-keyed kiosk: each key opens only reports of its own dates ----
read -r old_seed old_pub < <("$PYTHON" "$ENVELOPE_PY" keypair)
read -r new_seed new_pub < <("$PYTHON" "$ENVELOPE_PY" keypair)
echo "$old_seed" >"$tmp/old.key"; echo "$new_seed" >"$tmp/new.key"
"$KR" trust --key "$RX_KEY" --from 2025-01-01 rekeyed "$old_pub" >/dev/null
"$KR" trust --key "$RX_KEY" --from 2025-06-30 rekeyed "$new_pub" | grep -q "previous key now ends on 2025-06-30" \
  || fail "re-keying did not end the old key"
mkdir "$tmp/rk"
for case in old:2025-05-01:ok old:2025-07-02:no new:2025-07-02:ok new:2025-05-01:no old:2025-06-30:ok; do
  IFS=: read -r which day want <<<"$case"
  "$PYTHON" - "$INPUT" "$day" <<'PY' | "$PYTHON" "$ENVELOPE_PY" seal --receiver-pub "$RX_PUB" \
      --signing-key "$tmp/$which.key" >"$tmp/rk/$which-$day-$want.json"
import json, sys, uuid
r = json.load(open(sys.argv[1], encoding="utf-8"))
r.update(id=str(uuid.uuid4()), reference="RK23-4567", created_at=sys.argv[2] + "T09:00:00Z",
         site_id="rk-site", kiosk_id="rekeyed")
print(json.dumps(r, ensure_ascii=False))
PY
done
set +e
"$KR" open --key "$RX_KEY" "$tmp/rk" >"$tmp/rk.jsonl" 2>"$tmp/rk.err"
set -e
cat "$tmp/rk.err"
[ "$(wc -l <"$tmp/rk.jsonl")" = 3 ] || fail "re-keyed kiosk: 3 reports in their key's dates should open"
grep -q "old-2025-07-02-no.json: rejected: .*until 2025-06-30, but this report is dated 2025-07-02" "$tmp/rk.err" \
  || fail "a retired key signing a later report was not refused"
grep -q "new-2025-05-01-no.json: rejected: .*from 2025-06-30" "$tmp/rk.err" || fail "a new key's early report not refused"

# ---- the process is hardened (core dumps off; not ptrace-able unless under LSan) ----
set +e
"$KR" check-hardening >"$tmp/h.out"
set -e
grep -q "core dumps: off" "$tmp/h.out" || fail "core dumps on: $(cat "$tmp/h.out")"
if [ "${KIOSK_SANITIZE:-OFF}" != ON ]; then
  grep -q "ptrace .*: off (not dumpable)" "$tmp/h.out" || fail "still dumpable: $(cat "$tmp/h.out")"
fi
echo "PASS: every forgery refused or reported; the genuine report always printed"
