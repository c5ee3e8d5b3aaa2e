#!/usr/bin/env bash
# Durability (issue 4): SIGKILL a submitting child 200 times at random moments; every
# reference it announced as saved must be in the outbox and open; integrity_check ok.
set -euo pipefail
: "${KIOSK_BUILD_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$KIOSK_BUILD_DIR/tests/tools/report_kill_test" "$tmp" 200
# An independent check with the sqlite3 shell, not our own code.
result=$(sqlite3 "$tmp/state/outbox.db" "PRAGMA integrity_check")
[ "$result" = ok ] || { echo "FAIL: sqlite3 integrity_check: $result" >&2; exit 1; }
echo "PASS: kill test"
