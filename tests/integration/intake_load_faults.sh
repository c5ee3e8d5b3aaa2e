#!/usr/bin/env bash
# Load and faults (issue 15): simulated kiosks send reports concurrently, with dropped
# connections (half a body, then hang up) and duplicate sends, to two kiosk-intake
# instances sharing one PostgreSQL (a throwaway cluster); one instance is SIGKILLed
# mid-run and restarted on its port. Then the same with SQLite and one instance, killed and
# restarted too. Afterwards every report a kiosk saw acknowledged is stored exactly once
# and opens with the receiver key. Prints reports/s and p50/p99 latency.
# 50 kiosks x 40 reports, also under ASan (about 40 s there; INTAKE_LOAD_KIOSKS and
# INTAKE_LOAD_REPORTS change the size for experiments).
set -euo pipefail
: "${KIOSK_INTAKE_BIN:?}" "${KIOSK_REPORTS_BIN:?}" "${KIOSK_SOURCE_DIR:?}" "${KIOSK_BUILD_DIR:?}"
TOOL="$KIOSK_BUILD_DIR/tests/intake/intake_tool"
TEMPLATE="$KIOSK_SOURCE_DIR/tests/integration/data/report_named.json"
KIOSKS=${INTAKE_LOAD_KIOSKS:-50}
REPORTS=${INTAKE_LOAD_REPORTS:-40}
TOTAL=$((KIOSKS * REPORTS))
tmp=$(mktemp -d)
. "$KIOSK_SOURCE_DIR/tests/intake/pg-cluster.sh"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  pg_cluster_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$tmp"/*.log; do [ -f "$f" ] && { echo "== $f" >&2; tail -5 "$f" >&2; }; done; exit 1; }

"$KIOSK_REPORTS_BIN" keygen --out "$tmp/receiver" >/dev/null
"$KIOSK_INTAKE_BIN" make-token >"$tmp/token.txt"
token=$(sed -n 's/^token = //p' "$tmp/token.txt")
token_hash=$(sed -n 's/^token_hash = //p' "$tmp/token.txt")

config() { # NAME STORAGE PORT
  cat >"$tmp/$1.ini" <<INI
[server]
listen = 127.0.0.1
port = $3
[storage]
target = $2
connections = 8
[limits]
reports_per_minute = 100000
burst = 1000
[receiver]
token_hash = $token_hash
INI
}

start() { # NAME -> sets started_pid, port in $tmp/NAME.port
  rm -f "$tmp/$1.port"
  "$KIOSK_INTAKE_BIN" serve --config "$tmp/$1.ini" --port-file "$tmp/$1.port" 2>>"$tmp/$1.log" &
  started_pid=$!
  pids+=("$started_pid")
  for _ in $(seq 200); do [ -s "$tmp/$1.port" ] && return 0; sleep 0.05; done
  fail "instance $1 did not start"
}

register_all() { # CONFIG
  for i in $(seq 0 $((KIOSKS - 1))); do
    key=$("$TOOL" signer "$tmp/keys/k$i")
    "$KIOSK_INTAKE_BIN" register --config "$1" "load-$(printf %02d "$i")" "$key" --site "site-$((i % 5))" >/dev/null
  done
}

# Kills instance NAME with SIGKILL once a third of the reports are acknowledged, then
# restarts it on the same port.
kill_and_restart() { # NAME PID ACKED
  local name=$1 pid=$2 acked=$3
  for _ in $(seq 600); do
    [ -f "$acked" ] && [ "$(wc -l <"$acked")" -ge $((TOTAL / 3)) ] && break
    sleep 0.05
  done
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  echo "killed $name (SIGKILL) after $(wc -l <"$acked") acknowledgements"
  local port; port=$(cat "$tmp/$name.port")
  sed -i "s/^port = .*/port = $port/" "$tmp/$name.ini"
  sleep 0.3
  start "$name"
  echo "restarted $name on port $port"
}

run_load() { # LABEL ACKED URL...
  local label=$1 acked=$2; shift 2
  local urls=()
  for u in "$@"; do urls+=(--url "$u"); done
  "$TOOL" load --receiver "$tmp/receiver/receiver.pub" --signers "$tmp/keys" --kiosks "$KIOSKS" \
    --reports "$REPORTS" "${urls[@]}" --acked "$acked" <"$TEMPLATE" >"$tmp/$label.out" \
    || { cat "$tmp/$label.out"; fail "$label: not every report was acknowledged"; }
  echo "$label: $(cat "$tmp/$label.out")"
}

mkdir -p "$tmp/keys"
start_s=$(date +%s)

echo "== PostgreSQL, two instances, one SIGKILLed and restarted =="
pg_cluster_start
pg_createdb intake_load
config pg-a "postgresql:$PG_CONNINFO_BASE dbname=intake_load" 0
config pg-b "postgresql:$PG_CONNINFO_BASE dbname=intake_load" 0
register_all "$tmp/pg-a.ini"
start pg-a; pid_a=$started_pid
start pg-b
url_a="http://127.0.0.1:$(cat "$tmp/pg-a.port")"
url_b="http://127.0.0.1:$(cat "$tmp/pg-b.port")"
run_load postgresql "$tmp/acked-pg.txt" "$url_a/v1/reports" "$url_b/v1/reports" &
load_pid=$!
kill_and_restart pg-a "$pid_a" "$tmp/acked-pg.txt"
wait "$load_pid" || fail "PostgreSQL load run failed"
"$TOOL" verify --url "$url_b" --token "$token" --key "$tmp/receiver/receiver.key" \
  --acked "$tmp/acked-pg.txt" || fail "PostgreSQL: acknowledged reports not stored exactly once"
[ "$(wc -l <"$tmp/acked-pg.txt")" = "$TOTAL" ] || fail "PostgreSQL: acked count"

echo "== SQLite, one instance, SIGKILLed and restarted =="
config lite "sqlite:$tmp/intake.db" 0
register_all "$tmp/lite.ini"
start lite; pid_l=$started_pid
url_l="http://127.0.0.1:$(cat "$tmp/lite.port")"
run_load sqlite "$tmp/acked-lite.txt" "$url_l/v1/reports" &
load_pid=$!
kill_and_restart lite "$pid_l" "$tmp/acked-lite.txt"
wait "$load_pid" || fail "SQLite load run failed"
"$TOOL" verify --url "$url_l" --token "$token" --key "$tmp/receiver/receiver.key" \
  --acked "$tmp/acked-lite.txt" || fail "SQLite: acknowledged reports not stored exactly once"
[ "$(sqlite3 "$tmp/intake.db" 'PRAGMA integrity_check')" = ok ] || fail "SQLite database damaged"

echo "PASS: load and faults on PostgreSQL (2 instances) and SQLite in $(( $(date +%s) - start_s )) s"
