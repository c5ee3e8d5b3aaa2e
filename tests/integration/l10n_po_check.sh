#!/usr/bin/env bash
# Checks every translated catalog: msgfmt -c (syntax, header, format strings) on each
# locales/*.po, then tests/tools/check-po-placeholders.py (keys match kiosk.pot, the same
# {placeholders}, line breaks and fixed numbers; counts of fuzzy/draft entries).
# Run by ctest with KIOSK_SOURCE_DIR set; runs from a checkout without it too.
set -u

src="${KIOSK_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
locales="$src/locales"
status=0

if ! command -v msgfmt >/dev/null 2>&1; then
    echo "FAIL: msgfmt (GNU gettext) is not installed" >&2
    exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "FAIL: python3 is not installed" >&2
    exit 1
fi

shopt -s nullglob
files=("$locales"/*.po)
if [ ${#files[@]} -eq 0 ]; then
    echo "FAIL: no PO files in $locales" >&2
    exit 1
fi

for po in "${files[@]}"; do
    if out=$(msgfmt -c --check-format -o /dev/null "$po" 2>&1); then
        echo "msgfmt ok: $(basename "$po")"
        [ -n "$out" ] && printf '%s\n' "$out"
    else
        echo "msgfmt FAIL: $(basename "$po")"
        printf '%s\n' "$out"
        status=1
    fi
done

if ! python3 "$src/tests/tools/check-po-placeholders.py" --source-dir "$src"; then
    status=1
fi

exit $status
