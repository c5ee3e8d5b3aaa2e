#!/usr/bin/env bash
# Regenerates locales/en.po from locales/kiosk.pot (English = the msgid) and merges the
# template into every translation, so new keys appear (untranslated) in each <lang>.po.
# No fuzzy matching: msgmerge would fill a new key with the translation of a similar
# English string (it put "Sexual orientation" under "Useful information"), and a wrong
# translation is worse than English.
set -euo pipefail
cd "$(dirname "$0")/../locales"
msgen --no-wrap kiosk.pot -o en.po
sed -i 's/^"Language: \\n"$/"Language: en\\n"/' en.po
for po in *.po; do
  [ "$po" = en.po ] && continue
  msgmerge --quiet --no-wrap --no-fuzzy-matching --update --backup=none "$po" kiosk.pot
done
