#!/usr/bin/env bash
# Replay scripts the stress review broke the parser with (issue 17): each must fail at
# once with file:line and what was wrong — no overflow (drag), no hang (wait nan), and no
# tail of an over-long line run as a command of its own.
set -euo pipefail
: "${KIOSK_BIN:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { # SCRIPT-TEXT EXPECTED-MESSAGE
  printf '%s\n' "$1" > "$tmp/s.replay"
  if out=$(cd "$tmp" && timeout 60 "$KIOSK_BIN" --headless --replay "$tmp/s.replay" 2>&1); then
    echo "FAIL: '$1' was accepted" >&2; exit 1
  fi
  grep -q "s.replay:1: .*$2" <<<"$out" || { echo "FAIL: '$1': expected '$2' in: $out" >&2; exit 1; }
}
check "drag attract.start 2147483647" "DY a number of pixels"
check "drag attract.start -2147483648" "DY a number of pixels"
check "drag attract.start 12x" "DY a number of pixels"
check "wait nan" "a number of seconds"
check "wait inf" "a number of seconds"
check "wait 1e300" "a number of seconds"
check "wait-print nan" "a number of seconds"
# a 5000-byte line whose tail would read "tap attract.start"
long="expect-screen $(head -c 5000 /dev/zero | tr '\0' x) tap attract.start"
check "$long" "a line of at most 4095 bytes"
echo "PASS: replay parser faults"
