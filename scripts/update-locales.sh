#!/usr/bin/env bash
# Regenerates locales/en.po from locales/kiosk.pot (English = the msgid) and merges the
# template into every translation, so new keys appear (untranslated) in each <lang>.po.
set -euo pipefail
cd "$(dirname "$0")/../locales"
msgen --no-wrap kiosk.pot -o en.po
sed -i 's/^"Language: \\n"$/"Language: en\\n"/' en.po
for po in *.po; do
  [ "$po" = en.po ] && continue
  msgmerge --quiet --no-wrap --update --backup=none "$po" kiosk.pot
done
