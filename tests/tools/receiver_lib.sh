# Shared set-up for the receiver (kiosk-reports) integration tests; sourced, not run.
# Gives: $KR, $SUBMIT, $PYTHON (the Debian python3 that has python3-nacl), $ENVELOPE_PY,
# $tmp (removed on exit), fail(), and rx_setup / kiosk_setup below.
: "${KIOSK_REPORTS_BIN:?}" "${KIOSK_BUILD_DIR:?}" "${KIOSK_SOURCE_DIR:?}" "${KIOSK_BIN:?}"
KR="$KIOSK_REPORTS_BIN"
SUBMIT="$KIOSK_BUILD_DIR/tests/tools/submit_report"
ENVELOPE_PY="$KIOSK_SOURCE_DIR/tests/tools/kiosk_envelope.py"
# python3-nacl is installed for Debian's own interpreter, which a pyenv or venv on PATH
# would hide.
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# rx_setup: a receiver key pair in $tmp/rx (RX_KEY, RX_PUB).
rx_setup() {
  "$KR" keygen --out "$tmp/rx" >/dev/null
  RX_KEY="$tmp/rx/receiver.key" RX_PUB="$tmp/rx/receiver.pub"
}

# kiosk_setup NAME KIOSK_ID [SITE_ID]: $tmp/NAME.ini with state in $tmp/NAME.
kiosk_setup() {
  printf '[kiosk]\nkiosk_id = %s\nsite_id = %s\nstate_dir = %s\n[report]\nreceiver_public_key = %s\n' \
    "$2" "${3:-site-$2}" "$tmp/$1" "$RX_PUB" > "$tmp/$1.ini"
}

# register NAME KIOSK_ID: trust the unit as the README says.
register() {
  "$KR" trust --key "$RX_KEY" "$2" "$("$KIOSK_BIN" --signing-key --config "$tmp/$1.ini")" >/dev/null
}
