#!/usr/bin/env bash
# The screens with printing and QR codes, as a person meets them:
#  1. zbarimg reads the QR codes of a --screenshot of `support` and `report.done` to
#     exactly URLs configured in config/services.ini;
#  2. a report ends on `done`, Print is tapped with the printer out of paper: the replay
#     goes on at once (the screen never waits for the printer), then the screen says
#     "Printing isn't working, scan this code instead" with the QR still there;
#  3. the same with a working printer: "printed", and the slip reaches the test printer,
#     whose decoded raster has a readable QR code.
source "$KIOSK_SOURCE_DIR/tests/print/lib.sh"
: "${KIOSK_BIN:?}"
command -v zbarimg >/dev/null || fail "zbarimg missing (zbar-tools)"
urls=$(sed -nE 's/^url *= *(https:[^ ]+).*/\1/p' "$KIOSK_SOURCE_DIR/config/services.ini" | sort -u)

decoded_in_config() { # FILE MIN: every decoded code is a configured URL, at least MIN of them
  local file=$1 min=$2 n=0
  while IFS= read -r line; do
    local url=${line#QR-Code:}
    grep -qxF "$url" <<<"$urls" || fail "$file: QR '$url' is not a configured support URL"
    n=$((n + 1))
  done < <(zbarimg -q --raw -Sdisable -Sqrcode.enable "$file" 2>/dev/null | sed 's/^/QR-Code:/')
  [ "$n" -ge "$min" ] || fail "$file: decoded $n QR codes, expected at least $min"
  echo "$file: $n QR code(s), all configured"
}

write_config "$WORK/k.ini"
for size in 1920x1080 1080x1920; do
  "$KIOSK_BIN" --config "$WORK/k.ini" --screenshot support --lang en --size "$size" \
    --out "$WORK/support-$size.png" 2>/dev/null
  decoded_in_config "$WORK/support-$size.png" 1
  "$KIOSK_BIN" --config "$WORK/k.ini" --screenshot report.done --lang ur --size "$size" \
    --out "$WORK/done-$size.png" 2>/dev/null
  decoded_in_config "$WORK/done-$size.png" 1
done

# A short report, then Print. $1: printer mode, $2: text expected in print.status.
run_print() {
  local mode=$1 expect=$2
  if [ "$mode" = normal ]; then
    # a printer that takes a few seconds, as a real one does: "Printing" must show at
    # once, and on a loaded machine a fast fake printer could finish before that frame
    start_printer "$WORK/$mode" slow --slow-bps 20000 --connections 1
  else
    start_printer "$WORK/$mode" "$mode" --connections 1
  fi
  cp "$KIOSK_SOURCE_DIR/config/sample-receiver/receiver.pub" "$WORK/receiver.pub"
  write_config "$WORK/p.ini" "[printer]" "sink = tcp:127.0.0.1:$PRINTER_PORT" "timeout_s = 4" \
    "[report]" "receiver_public_key = $WORK/receiver.pub" "allow_sample_key = true"
  cat > "$WORK/print.replay" <<REPLAY
tap attract.start
tap language.en
tap home.report
tap next
tap report.safety.no
tap next
tap report.who.victim
tap next
tap report.why.religion
tap next
tap report.what.verbal_abuse
tap next
tap next
tap next
tap next
tap next
tap report.contact.anonymous
tap next
tap report.consent.statistics
tap next
tap report.review.submit
expect-screen report.done
tap report.done.print
# the screen answers at once: no waiting on the printer
expect-text print.status Printing
expect-disabled report.done.print
expect-text report.done.qr https://
wait-print 15
expect-text print.status $expect
expect-text report.done.qr https://
expect-enabled report.done.print
screenshot $WORK/$mode.png
REPLAY
  "$KIOSK_BIN" --headless --replay "$WORK/print.replay" --config "$WORK/p.ini" 2>"$WORK/err" ||
    { cat "$WORK/err"; fail "$mode: replay failed"; }
  # let the printer finish writing what it received (it leaves after one connection)
  wait_printer
  zbarimg -q "$WORK/$mode.png" >/dev/null 2>&1 || fail "$mode: no QR readable on the done screen"
  echo "$mode: screen said '$expect', QR still readable"
}

run_print paper-out "Printing isn't working. Scan this code instead."
run_print normal "Your slip is printed"
ls "$WORK/normal"/*.png >/dev/null 2>&1 || fail "the test printer received no slip"
zbarimg -q "$WORK/normal"/*.png >/dev/null 2>&1 || fail "printed slip: no QR readable"
echo "1 passed, 0 failed"
