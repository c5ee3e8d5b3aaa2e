#!/usr/bin/env bash
# The intake's storage tests against both backends (issue 15): SQLite in a temp file, and
# PostgreSQL in a throwaway cluster started here on a random loopback port.
set -euo pipefail
: "${KIOSK_BUILD_DIR:?}" "${KIOSK_SOURCE_DIR:?}"
TEST="$KIOSK_BUILD_DIR/tests/intake/test_intake_store"
tmp=$(mktemp -d)
. "$KIOSK_SOURCE_DIR/tests/intake/pg-cluster.sh"
trap 'pg_cluster_stop; rm -rf "$tmp"' EXIT

echo "== sqlite =="
INTAKE_STORE_TARGET="sqlite:$tmp/intake.db" "$TEST"
[ "$(sqlite3 "$tmp/intake.db" 'PRAGMA journal_mode')" = wal ] || { echo "FAIL: not WAL" >&2; exit 1; }

echo "== postgresql =="
pg_cluster_start
pg_createdb intake_store_test
INTAKE_STORE_TARGET="postgresql:$PG_CONNINFO_BASE dbname=intake_store_test" "$TEST"
echo "PASS: the same storage tests on SQLite and PostgreSQL"
