#!/usr/bin/env bash
# The one command after editing locales/kiosk.pot. kiosk.pot is the source of every
# string: its msgctxt is the key the code uses, its msgid the English, its "#." comments
# what a translator needs. (Nothing is extracted from the code: the code holds keys only,
# many of them put together at run time, such as service.<id>.desc, so xgettext could not
# find them; and equality leads change words without touching C.)
#
#  1. kiosk.pot: POT-Creation-Date is set to now when its messages changed since the date
#     was last set (X-Messages-Digest in its header records what it was set for).
#  2. en.po is generated from it (English = the msgid; msgen).
#  3. Every <lang>.po is merged with it: msgmerge --no-fuzzy-matching, so a new key comes
#     in untranslated (fuzzy matching would fill it with the translation of a similar
#     English string from another key: a wrong translation is worse than English); a key
#     whose English changed keeps its translation, marked fuzzy, with the old English as
#     "#| msgid" (scripts/po-keep-previous.py: the key-exact form of msgmerge --previous).
#
# Idempotent: a second run on an unchanged tree writes nothing (tests/integration/
# update_locales_idempotent.sh). Needs GNU gettext and python3-polib.
# Usage: scripts/update-locales.sh [LOCALES_DIR]   (default: the checkout's locales/)
set -euo pipefail
scripts="$(cd "$(dirname "$0")" && pwd)"
cd "${1:-$scripts/../locales}"
py=/usr/bin/python3 # Debian's python3-polib lives with Debian's python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Writes $2 over $1 only when they differ, so an unchanged file keeps its mtime.
replace_if_changed() {
  if cmp -s "$1" "$2"; then rm -f "$2"; else mv "$2" "$1"; fi
}

# 1. POT-Creation-Date follows the messages (everything after the header entry).
digest=$(sed -n '/^$/,$p' kiosk.pot | sha256sum | cut -c1-16)
if ! grep -q "^\"X-Messages-Digest: $digest\\\\n\"$" kiosk.pot; then
  stamp=$(date -u '+%Y-%m-%d %H:%M+0000')
  sed -e "s/^\"POT-Creation-Date: .*\\\\n\"$/\"POT-Creation-Date: $stamp\\\\n\"/" \
      -e "s/^\"X-Messages-Digest: .*\\\\n\"$/\"X-Messages-Digest: $digest\\\\n\"/" \
      kiosk.pot >"$work/kiosk.pot"
  grep -q '^"X-Messages-Digest: ' "$work/kiosk.pot" ||
    { echo "update-locales: kiosk.pot header lacks X-Messages-Digest" >&2; exit 1; }
  replace_if_changed kiosk.pot "$work/kiosk.pot"
fi

# 2. en.po: the English of every key, with English's header fields.
msgen --no-wrap kiosk.pot -o "$work/en.po"
sed -i -e 's/^"Language: \\n"$/"Language: en\\n"/' \
       -e 's/^"Language-Team: .*\\n"$/"Language-Team: none (English is the source text)\\n"/' \
       -e 's/^"Plural-Forms: .*\\n"$/"Plural-Forms: nplurals=2; plural=(n != 1);\\n"/' \
       -e '/^"POT-Creation-Date: /{p;s/POT-Creation-Date/PO-Revision-Date/;}' \
       -e '/^"Language-Team: /i "Last-Translator: none (generated from kiosk.pot)\\n"' \
       "$work/en.po"
replace_if_changed en.po "$work/en.po"

# 3. Every translation.
for po in *.po; do
  [ "$po" = en.po ] && continue
  msgmerge --quiet --no-wrap --no-fuzzy-matching --previous "$po" kiosk.pot -o "$work/$po"
  "$py" "$scripts/po-keep-previous.py" "$work/$po"
  msgcat --no-wrap "$work/$po" -o "$work/$po.cat" # gettext's own layout, whoever wrote it
  mv "$work/$po.cat" "$work/$po"
  replace_if_changed "$po" "$work/$po"
done
