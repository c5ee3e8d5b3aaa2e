# Shared set-up for tests/integration/print_*.sh (sourced). Needs KIOSK_BUILD_DIR and
# KIOSK_SOURCE_DIR; gives DRIVER, WORK (removed on exit), and the functions below.
set -euo pipefail
: "${KIOSK_BUILD_DIR:?}" "${KIOSK_SOURCE_DIR:?}"
DRIVER="$KIOSK_BUILD_DIR/tests/print/print_driver"
PRINTER="$KIOSK_SOURCE_DIR/tests/print/test_printer.py"
export PYTHONPATH="$KIOSK_SOURCE_DIR/tests/print"
WORK=$(mktemp -d)
PRINTER_PID=""
cleanup() {
  if [ -n "$PRINTER_PID" ]; then kill "$PRINTER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# write_config FILE [extra INI lines...]
write_config() {
  local file=$1; shift
  {
    echo "[kiosk]"
    echo "state_dir = $WORK/state"
    echo "site_name = Test Hospital Outpatients"
    for line in "$@"; do echo "$line"; done
  } > "$file"
}

# start_printer DIR MODE [options...]: starts the test printer; sets PRINTER_PORT.
start_printer() {
  local dir=$1 mode=$2; shift 2
  mkdir -p "$dir"
  python3 "$PRINTER" --port-file "$dir/port" --out-dir "$dir" --mode "$mode" "$@" &
  PRINTER_PID=$!
  for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
  [ -s "$dir/port" ] || fail "test printer did not start"
  PRINTER_PORT=$(cat "$dir/port")
}

stop_printer() {
  if [ -n "$PRINTER_PID" ]; then
    kill "$PRINTER_PID" 2>/dev/null || true
    wait "$PRINTER_PID" 2>/dev/null || true
    PRINTER_PID=""
  fi
}

# wait_printer: lets the test printer finish its connections and exit by itself.
wait_printer() {
  wait "$PRINTER_PID" || fail "test printer failed"
  PRINTER_PID=""
}

# qr_urls PNG: every QR code zbarimg finds, one per line, sorted.
qr_urls() {
  zbarimg -q --raw "$1" 2>/dev/null | sort
}
