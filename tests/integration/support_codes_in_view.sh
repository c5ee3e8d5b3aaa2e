#!/usr/bin/env bash
# Issue 11: the support screen shows at least three scannable QR codes without scrolling.
# A --screenshot of `support` (as a person arrives there: scrolled to the top) is decoded
# with zbarimg; at least three different codes must read back, each exactly a URL of
# config/services.ini. Landscape and portrait, in English and three scripts whose lines are
# taller or wider (Arabic, Urdu Nastaliq, Gujarati), at normal text size, with the draft
# translations shown (what a reviewer sees: the longest words).
set -euo pipefail
: "${KIOSK_BIN:?}" "${KIOSK_SOURCE_DIR:?}"
command -v zbarimg >/dev/null || { echo "FAIL: zbarimg missing (zbar-tools)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

MIN_CODES=3
urls=$(sed -nE 's/^url *= *(https:[^ ]+).*/\1/p' "$KIOSK_SOURCE_DIR/config/services.ini" | sort -u)
cat > "$WORK/k.ini" <<INI
[kiosk]
state_dir = $WORK/state
site_name = Test Hospital Outpatients
[content]
show_unreviewed_translations = true
INI

CASES=("en 1920x1080" "en 1080x1920" "en 1280x720" "ar 1920x1080" "ar 1080x1920"
       "ur 1920x1080" "ur 1080x1920" "ur 1366x768" "gu 1920x1080" "gu 1080x1920")
case "${KIOSK_SANITIZE:-}" in
  # the same layout under ASan+UBSan, three times slower: each language once, both
  # orientations (the normal build checks every case above)
  ON|1|TRUE) CASES=("en 1920x1080" "ar 1080x1920" "ur 1920x1080" "gu 1080x1920") ;;
esac
checked=0
for case in "${CASES[@]}"; do
  read -r lang size <<<"$case"
  shot="$WORK/support-$lang-$size.png"
  "$KIOSK_BIN" --config "$WORK/k.ini" --screenshot support --lang "$lang" --size "$size" \
    --out "$shot" 2>"$WORK/err" || { cat "$WORK/err" >&2; fail "$lang $size: screenshot failed"; }
  zbarimg -q --raw -Sdisable -Sqrcode.enable "$shot" 2>/dev/null | sort -u > "$WORK/read.txt" || true
  while IFS= read -r url; do
    grep -qxF "$url" <<<"$urls" || fail "$lang $size: decoded '$url', not a configured service URL"
  done < "$WORK/read.txt"
  n=$(wc -l < "$WORK/read.txt")
  [ "$n" -ge "$MIN_CODES" ] ||
    fail "$lang $size: $n QR code(s) readable without scrolling, expected at least $MIN_CODES"
  echo "$lang $size: $n codes readable"
  checked=$((checked + 1))
done
echo "support_codes_in_view: $checked screens, each with at least $MIN_CODES readable codes"
