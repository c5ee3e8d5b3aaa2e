#!/usr/bin/env bash
# Must show (issue 16): `kiosk-reports stats` counts only reports allowing statistics, by
# site, month, motivation, incident type, role, anonymous or named, health impact and
# "asked for health support"; counts of 1-4 are "<5", and where cells add up to a
# published total, further cells are withheld ("[c]") so that no suppressed count can be
# worked out. The check is independent of the C code: for every such table it enumerates
# every assignment of the hidden cells consistent with what is published and requires at
# least two values for each hidden cell. Also draws the chart of monthly counts.
set -euo pipefail
source "$KIOSK_SOURCE_DIR/tests/tools/receiver_lib.sh"
INPUT="$KIOSK_SOURCE_DIR/tests/integration/data/report_named.json"

rx_setup
read -r seed pub < <("$PYTHON" "$ENVELOPE_PY" keypair)
echo "$seed" >"$tmp/signing.key"
"$KR" trust --key "$RX_KEY" stats-kiosk "$pub" >/dev/null
mkdir "$tmp/spool"

# 303 reports allowing statistics over 2025 (their true counts go to truth.json) and 10 that
# do not. Small cells on purpose: a site with 3, a month with 4, 3 third-party reports,
# 3 named, a rare motivation.
"$PYTHON" - "$KIOSK_SOURCE_DIR/tests/tools" "$INPUT" "$RX_PUB" "$tmp/signing.key" "$tmp" <<'PY'
import json, random, sys, uuid, collections
sys.path.insert(0, sys.argv[1])
import kiosk_envelope as ke
import nacl.public
base = json.load(open(sys.argv[2], encoding="utf-8"))
rx = nacl.public.PublicKey(ke.b64decode(open(sys.argv[3]).read().strip(), 32))
signer = ke.signing_key_from_file(sys.argv[4])
out = sys.argv[5]
rng = random.Random(16)
N = 303
per_month = [30, 26, 4, 28, 31, 27, 25, 29, 33, 24, 22, 24]
months = [f"2025-{m + 1:02d}" for m, n in enumerate(per_month) for _ in range(n)]
sites = ["lri"] * 180 + ["glenfield"] * 120 + ["rutland-mh"] * 3
roles = ["victim"] * 260 + ["witness"] * 40 + ["third_party"] * 3
named = [True] * 3 + [False] * 300
for lst in (sites, roles, named):
    rng.shuffle(lst)
truth = collections.defaultdict(collections.Counter)
def motivations(month, i):
    m = int(month[5:])
    weights = {"race": 10, "religion": 4 + (6 if m in (6, 7) else 0), "disability": 5,
               "sexual_orientation": 3 + (4 if m == 6 else 0), "transgender": 2}
    pick = rng.choices(list(weights), weights=list(weights.values()))[0]
    mot = [pick]
    if rng.random() < 0.15:
        extra = rng.choice(list(weights))
        if extra != pick:
            mot.append(extra)
    if i in (7, 150):
        mot.append("alternative_subculture")
    return mot
def make(i, allow, site, month, role, is_named):
    mot = motivations(month, i)
    r = dict(base, id=str(uuid.uuid4()), reference=f"ST{i:03d}-2345", site_id=site, kiosk_id="stats-kiosk",
             created_at=f"{month}-{rng.randint(1, 28):02d}T12:00:00Z", reporter_role=role, motivations=mot,
             consent={"police": True, "support": False, "statistics": allow})
    r["details"] = f"free text number {i}"
    if not is_named:
        r["contact"] = None
    if allow:
        truth["site"][site] += 1; truth["month"][month] += 1; truth["reporter_role"][role] += 1
        truth["anonymous_or_named"]["named" if is_named else "anonymous"] += 1
        for m in mot:
            truth["motivation"][m] += 1; truth["by_month:" + m][month] += 1
    plain = json.dumps(r, ensure_ascii=False).encode()
    ct = nacl.public.SealedBox(rx).encrypt(ke.pad(plain))
    sig = signer.sign(ke.digest("stats-kiosk", r["id"], ct)).signature
    env = {"format": "kiosk-envelope", "version": 1, "kiosk_id": "stats-kiosk", "report_id": r["id"],
           "signing_key": ke.b64(bytes(signer.verify_key)), "ciphertext": ke.b64(ct), "signature": ke.b64(sig)}
    open(f"{out}/spool/{i:03d}.json", "w").write(json.dumps(env))
for i in range(N):
    make(i, True, sites[i], months[i], roles[i], named[i])
for i in range(N, N + 10):  # no statistics consent: all at a site and month of their own
    make(i, False, "hidden-site", "2026-01", "victim", True)
json.dump({k: dict(v) for k, v in truth.items()}, open(f"{out}/truth.json", "w"))
PY

"$KR" stats --key "$RX_KEY" --out "$tmp/stats.csv" --chart "$tmp/chart.png" "$tmp/spool" 2>"$tmp/err" \
  || { cat "$tmp/err"; fail "stats failed"; }
cat "$tmp/err"
grep -q "313 envelopes: 303 printed, 0 duplicates removed, 10 without statistics consent left out, 0 rejected" "$tmp/err" \
  || fail "stats counted the wrong reports"
[ -z "${KIOSK_KEEP_CHART:-}" ] || cp "$tmp/chart.png" "$tmp/stats.csv" "$KIOSK_KEEP_CHART/"

"$PYTHON" - "$tmp/stats.csv" "$tmp/truth.json" "$tmp/chart.png" <<'PY'
import csv, itertools, json, struct, sys, zlib, collections
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
truth = json.load(open(sys.argv[2]))
tables = collections.defaultdict(dict)
for r in rows:
    if r["category"].startswith('="') and r["category"].endswith('"'):
        r["category"] = r["category"][2:-1]  # a site id, kept as text for spreadsheets
    if r["table"] == "motivation_by_month":
        tables["by_month:" + r["category"]][r["month"]] = r["count"]
    elif r["table"] == "month":
        tables["month"][r["month"]] = r["count"]
    else:
        tables[r["table"]][r["category"]] = r["count"]
total = tables["total"]["reports allowing statistics"]
assert total == "303", f"total {total}: only the 303 reports allowing statistics are counted"
assert "hidden-site" not in tables["site"] and "2026-01" not in tables["month"], "a report without consent was counted"
for text in open(sys.argv[1], encoding="utf-8-sig").read().split('"'):
    assert "free text" not in text, "free text in the statistics"

def check(name, published, true_counts, known_total):
    small = hidden = 0
    for cat, shown in published.items():
        t = true_counts.get(cat, 0)
        if 1 <= t <= 4:
            assert shown == "<5", f"{name}/{cat}: {t} must show as <5, shows {shown}"
            small += 1
        elif shown == "[c]":
            hidden += 1
        else:
            assert shown == str(t), f"{name}/{cat}: shows {shown}, true count {t}"
    if known_total is None:
        return small, hidden
    cats = [c for c, s in published.items() if s in ("<5", "[c]")]
    if not cats:
        return small, hidden
    residual = known_total - sum(int(s) for s in published.values() if s not in ("<5", "[c]"))
    # what a reader may assume: "<5" is 1..4, "[c]" a count of at least 5
    ranges = [range(1, 5) if published[c] == "<5" else range(5, residual + 1) for c in cats]
    def sums(rs):  # every total the given cells can reach (exhaustive, by dynamic programming)
        reach = {0}
        for r in rs:
            reach = {a + v for a in reach for v in r if a + v <= residual}
        return reach
    assert sum(true_counts.get(c, 0) for c in cats) == residual, f"{name}: published cells do not add up"
    for i, c in enumerate(cats):
        others = sums(ranges[:i] + ranges[i + 1:])
        values = [v for v in ranges[i] if residual - v in others]
        assert true_counts.get(c, 0) in values, f"{name}/{c}: the truth is inconsistent with what is published"
        assert len(values) >= 2, f"{name}/{c}: can be worked out from the total: only {values}"
    return small, hidden

summary = {}
for name in ("site", "month", "reporter_role", "anonymous_or_named"):
    summary[name] = check(name, tables[name], truth[name], 303)
for m, shown in tables["motivation"].items():
    if ("by_month:" + m) in tables:
        known = int(shown) if shown not in ("<5", "[c]") else None
        summary["by_month:" + m] = check("by_month:" + m, tables["by_month:" + m], truth.get("by_month:" + m, {}), known)
check("motivation", tables["motivation"], truth["motivation"], None)
assert summary["site"] == (1, 1), f"site: rutland-mh (3) is <5 and one more site is withheld: {summary['site']}"
assert summary["month"] == (1, 1), f"month: 2025-03 (4) is <5 and one more month withheld: {summary['month']}"
assert summary["reporter_role"] == (1, 1), f"role: {summary['reporter_role']}"
print("suppression: no hidden cell can be worked out;", {k: v for k, v in summary.items() if v != (0, 0)})

png = open(sys.argv[3], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "the chart is a PNG"
w, h = struct.unpack(">II", png[16:24])
assert (w, h) == (1280, 760), f"chart size {w}x{h}"
print("chart: PNG", w, "x", h, len(png), "bytes")
PY
echo "PASS: statistics with suppression that cannot be undone, and the chart"
