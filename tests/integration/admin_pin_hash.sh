#!/usr/bin/env bash
# kiosk --hash-pin makes hashes only for PINs of 6 to 16 digits (issue 17), and the
# wrong-PIN log lines of a replay never contain what was typed.
set -euo pipefail
: "${KIOSK_BIN:?}"
src=${KIOSK_SOURCE_DIR:?}
for short in 2468 12345 abcdef 12345678901234567; do
  if echo "$short" | "$KIOSK_BIN" --hash-pin > /dev/null 2>&1; then
    echo "FAIL: --hash-pin accepted '$short'" >&2; exit 1
  fi
done
hash=$(echo 246813 | "$KIOSK_BIN" --hash-pin)
case "$hash" in
  '$argon2id$'*) ;;
  *) echo "FAIL: --hash-pin 246813 printed '$hash'" >&2; exit 1 ;;
esac
# every failure is logged, without the PIN
log=$(bash "$src/tests/tools/run-replay.sh" "$src/tests/e2e/admin_pin_lockout.replay" 2>&1)
failures=$(grep -c "wrong staff PIN" <<<"$log" || true)
[ "$failures" -eq 6 ] || { echo "FAIL: expected 6 logged failures, found $failures" >&2; exit 1; }
if grep "wrong staff PIN" <<<"$log" | grep -Eq "111[1-6]|2468"; then
  echo "FAIL: a PIN reached the log" >&2; exit 1
fi
echo "PASS: PIN hashing needs 6+ digits; 6 failures logged without the PIN"
