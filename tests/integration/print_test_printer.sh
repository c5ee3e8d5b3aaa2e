#!/usr/bin/env bash
# A test slip printed over TCP to the test printer: the printer's decoded raster equals
# the --slip-preview raster dot for dot, its QR codes read back to exactly the service
# URLs, and the cut is the configured one. English on 80 mm, Urdu and Gujarati on 58 mm.
source "$KIOSK_SOURCE_DIR/tests/print/lib.sh"
command -v zbarimg >/dev/null || fail "zbarimg missing (zbar-tools)"

# The URLs the slip should carry: every service with a url (all are on the allow-list).
grep -E '^url *= *https://' "$KIOSK_SOURCE_DIR/config/services.ini" \
  | sed -E 's/^url *= *//' | sort > "$WORK/services.txt"
[ -s "$WORK/services.txt" ] || fail "no service URLs found"

n=0
# The discreet slip (the default) carries one code, of a service marked discreet.
awk '/^\[/{url=""} /^url *=/{sub(/^url *= */,""); url=$0} /^discreet *= *true/{print url}' \
  "$KIOSK_SOURCE_DIR/config/services.ini" | sort > "$WORK/discreet.txt"
[ -s "$WORK/discreet.txt" ] || fail "no discreet service URLs found"

for case in "en 576 true full" "ur 384 false full" "gu 384 true full" "en 576 true discreet" \
            "ur 576 true discreet"; do
  read -r lang width partial style <<<"$case"
  n=$((n + 1))
  dir="$WORK/printer-$n"
  start_printer "$dir" normal
  write_config "$WORK/k.ini" "[printer]" "sink = tcp:127.0.0.1:$PRINTER_PORT" \
    "width_dots = $width" "partial_cut = $partial" "timeout_s = 20" "slip = $style"
  "$DRIVER" test --config "$WORK/k.ini" --lang "$lang" > "$WORK/out.txt" 2>"$WORK/err.txt" \
    || { cat "$WORK/out.txt" "$WORK/err.txt"; fail "$lang: print-test failed"; }
  grep -q "^print-test: done" "$WORK/out.txt" || fail "$lang: no 'done' reported"
  wait_printer
  grep -q "slips=1 .*error=none" "$dir/log.txt" || { cat "$dir/log.txt"; fail "$lang: printer log"; }
  "$DRIVER" preview --config "$WORK/k.ini" --lang "$lang" --out "$WORK/preview.png" 2>"$WORK/err.txt" \
    || { cat "$WORK/err.txt"; fail "$lang: preview failed"; }
  python3 - "$dir/slip-1.png" "$WORK/preview.png" "$width" <<'PY' || fail "$lang: printed raster differs from the preview"
import sys, png1
a, b, width = png1.read_bits(sys.argv[1]), png1.read_bits(sys.argv[2]), int(sys.argv[3])
if a[0] != width:
    sys.exit(f"printed width {a[0]} is not {width}")
if a[:2] != b[:2]:
    sys.exit(f"printed {a[0]}x{a[1]}, preview {b[0]}x{b[1]}")
rows = [y for y, (ra, rb) in enumerate(zip(a[2], b[2])) if ra != rb]
if rows:
    sys.exit(f"{len(rows)} rows differ, first at y={rows[0]}")
PY
  want_cut=$([ "$partial" = true ] && echo partial || echo full)
  [ "$(cat "$dir/slip-1.cut")" = "$want_cut" ] || fail "$lang: cut is not $want_cut"
  qr_urls "$dir/slip-1.png" > "$WORK/read.txt"
  if [ "$style" = full ]; then
    diff -u "$WORK/services.txt" "$WORK/read.txt" \
      || fail "$lang: zbarimg did not read the slip's codes back to the service URLs"
  else
    [ "$(wc -l < "$WORK/read.txt")" = 1 ] && grep -qxF -f "$WORK/read.txt" "$WORK/discreet.txt" \
      || { cat "$WORK/read.txt"; fail "$lang: the discreet slip must carry one discreet service's code"; }
  fi
  echo "print_test_printer: $lang $style at $width dots: raster equals preview, $(wc -l < "$WORK/read.txt") codes read"
done
