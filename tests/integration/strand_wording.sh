#!/usr/bin/env bash
# Issue 10: each strand has one wording in every language: the learn pages use the wizard's
# (and the review's) words; a catalog with a different word fails, naming it.
set -euo pipefail
src=${KIOSK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
py=/usr/bin/python3
check="$src/tests/tools/check-strand-wording.py"
"$py" "$check" "$src"/locales/*.po
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -E 's/^(msgid|msgstr) "Transgender identity"$/\1 "Being transgender"/' "$src/locales/en.po" > "$work/en.po"
if "$py" "$check" "$work/en.po" > "$work/out.txt"; then
  cat "$work/out.txt"; echo "FAIL: a changed strand word passed"; exit 1
fi
grep -q "'transgender'" "$work/out.txt" || { cat "$work/out.txt"; echo "FAIL: not named"; exit 1; }
echo "strand_wording: a changed word is caught: $(head -1 "$work/out.txt")"
