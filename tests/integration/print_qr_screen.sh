#!/usr/bin/env bash
# zbarimg reads every QR widget, drawn as on the support and done screens (headless,
# normal and high-contrast themes, landscape and portrait), back to exactly the
# configured URL: the services' URLs and the follow-up URL with the reference.
source "$KIOSK_SOURCE_DIR/tests/print/lib.sh"
command -v zbarimg >/dev/null || fail "zbarimg missing (zbar-tools)"

write_config "$WORK/k.ini" "[qr]" \
  "follow_up_url = https://www.report-it.org.uk/follow-up?ref={reference}"
checked=0
for variant in "1920x1080" "1920x1080 --high-contrast" "1080x1920" "1280x720 --high-contrast"; do
  read -r size flag <<<"$variant"
  shot="$WORK/qr-$size${flag:+-hc}.png"
  # shellcheck disable=SC2086
  "$DRIVER" qr-screen --config "$WORK/k.ini" --size "$size" $flag --reference K7M-4QX \
    --out "$shot" > "$WORK/drawn.txt" 2>"$WORK/err.txt" || { cat "$WORK/err.txt"; fail "qr-screen $variant"; }
  sort "$WORK/drawn.txt" > "$WORK/want.txt"
  [ "$(wc -l < "$WORK/want.txt")" -ge 9 ] || fail "$variant: fewer than 9 codes drawn"
  grep -qx "https://www.report-it.org.uk/follow-up?ref=K7M-4QX" "$WORK/want.txt" \
    || fail "$variant: the follow-up URL was not drawn"
  qr_urls "$shot" > "$WORK/read.txt"
  if ! diff -u "$WORK/want.txt" "$WORK/read.txt"; then
    fail "$variant: zbarimg did not read back exactly the drawn URLs"
  fi
  checked=$((checked + $(wc -l < "$WORK/read.txt")))
done
echo "print_qr_screen: zbarimg read $checked codes back to their exact URLs"
