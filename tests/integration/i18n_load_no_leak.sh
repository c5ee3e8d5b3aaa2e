#!/usr/bin/env bash
# Catalog loads leak nothing (issue 17): libgettextpo leaks every msgctxt it parses, so
# PO files are read in a child process. Every shipped catalog is loaded 3 times under
# valgrind (the kiosk process only: the readers' leaks die with them); 0 bytes definitely
# lost and 0 errors. A broken PO file still fails with its line.
set -euo pipefail
: "${KIOSK_BUILD_DIR:?}"
src=${KIOSK_SOURCE_DIR:?}
tool="$KIOSK_BUILD_DIR/tests/tools/i18n_reload"
if [ "${KIOSK_SANITIZE:-OFF}" = ON ]; then
  # valgrind cannot run sanitized binaries; LSan checks this build instead
  "$tool" 3 "$src"/locales/*.po
  echo "PASS: catalogs load (leaks checked by LSan in this build)"
  exit 0
fi
command -v valgrind >/dev/null || { echo "FAIL: valgrind is not installed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# (no --error-exitcode: it would also change the readers' exit codes, and their leaks are
# the library's, gone with them)
valgrind --child-silent-after-fork=yes --leak-check=full --errors-for-leak-kinds=definite \
  "$tool" 3 "$src"/locales/*.po 2> "$tmp/vg.txt" ||
  { cat "$tmp/vg.txt" >&2; echo "FAIL: a catalog did not load under valgrind" >&2; exit 1; }
grep -E "definitely lost|ERROR SUMMARY|All heap blocks" "$tmp/vg.txt"
grep -q "ERROR SUMMARY: 0 errors" "$tmp/vg.txt" || { echo "FAIL: valgrind errors" >&2; exit 1; }
if grep -Eq "definitely lost: [1-9]" "$tmp/vg.txt"; then
  echo "FAIL: catalog loads leak" >&2; exit 1
fi
# a broken file: the error still names file and line
printf 'msgctxt "a"\nmsgid "x"\nmsgstr "y"\nmsgid\n' > "$tmp/bad.po"
if out=$("$tool" 1 "$tmp/bad.po" 2>&1); then echo "FAIL: broken PO accepted" >&2; exit 1; fi
grep -q "bad.po:[0-9]" <<<"$out" || { echo "FAIL: no file:line in '$out'" >&2; exit 1; }
echo "PASS: $(ls "$src"/locales/*.po | wc -l) catalogs x 3 loads, nothing leaked; errors keep file:line"
