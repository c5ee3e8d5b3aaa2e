#!/usr/bin/env bash
# Issue 10: every English body text reads at Flesch-Kincaid grade 6 or below (reading age
# about 11), computed by Debian's `style` from locales/en.po; and the check fails, naming
# the string, when a deliberately long sentence is planted.
set -euo pipefail
src=${KIOSK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# Debian's python3-polib lives with Debian's python, whatever python3 is first on PATH
py=/usr/bin/python3
check="$src/tests/tools/check-reading-grade.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$py" "$check" "$src/locales/en.po"

cp "$src/locales/en.po" "$work/en.po"
cat >> "$work/en.po" <<'PO'

msgctxt "test.planted.body"
msgid "Notwithstanding the aforementioned considerations, individuals experiencing discriminatory victimisation are encouraged to communicate comprehensive particulars to the appropriate organisational representatives."
msgstr ""
PO
if "$py" "$check" "$work/en.po" > "$work/out.txt"; then
  cat "$work/out.txt"
  echo "FAIL: the planted long sentence passed the reading-grade check"
  exit 1
fi
grep -q "test.planted.body: reading grade" "$work/out.txt" \
  || { cat "$work/out.txt"; echo "FAIL: the failing string was not named"; exit 1; }
[ "$(grep -c "reading grade [0-9.]* is over" "$work/out.txt")" = 1 ] \
  || { cat "$work/out.txt"; echo "FAIL: only the planted string should fail"; exit 1; }
echo "reading_grade: the planted sentence fails and is named: $(grep planted "$work/out.txt" | cut -c1-90)..."
