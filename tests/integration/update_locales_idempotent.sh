#!/usr/bin/env bash
# scripts/update-locales.sh on a copy of locales/:
#  1. run twice on the shipped tree: nothing changes (the shipped files are its output);
#  2. a new key in kiosk.pot reaches every <lang>.po untranslated (no fuzzy matching, even
#     though its English is close to another key's), and en.po gets it in English;
#  3. a key whose English changed keeps its translation, fuzzy, with the old English as
#     "#| msgid", in every language; POT-Creation-Date moves on;
#  4. run again: nothing changes; every file passes msgfmt -c.
set -euo pipefail
src=${KIOSK_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cp -r "$src/locales" "$tmp/shipped"
cp -r "$src/locales" "$tmp/locales"
bash "$src/scripts/update-locales.sh" "$tmp/locales"
diff -r "$tmp/shipped" "$tmp/locales" >"$tmp/diff1" ||
  { cat "$tmp/diff1"; fail "the shipped locales are not update-locales.sh's output (run it)"; }
bash "$src/scripts/update-locales.sh" "$tmp/locales"
diff -r "$tmp/shipped" "$tmp/locales" >"$tmp/diff2" ||
  { cat "$tmp/diff2"; fail "a second run changed files"; }
echo "ok: two runs on the shipped tree change nothing"

# 2 + 3: a new key close to an existing string, and a changed English
pot="$tmp/locales/kiosk.pot"
grep -q '^msgid "Choose your language"$' "$pot" || fail "fixture: language.title changed"
sed -i 's/^msgid "Choose your language"$/msgid "Choose the language you read best"/' "$pot"
cat >>"$pot" <<'EOF'

#. Test key: close to common.quick_exit's English.
msgctxt "test.new_key"
msgid "Quick exit now"
msgstr ""
EOF
old_date=$(grep '^"POT-Creation-Date: ' "$pot")
sleep 61 & # the date has minutes: wait for the next one only if this run needs it
wait_pid=$!
bash "$src/scripts/update-locales.sh" "$tmp/locales"
new_date=$(grep '^"POT-Creation-Date: ' "$pot")
if [ "$new_date" = "$old_date" ]; then
  wait "$wait_pid"
  sed -i 's/^"X-Messages-Digest: .*\\n"$/"X-Messages-Digest: stale\\n"/' "$pot"
  bash "$src/scripts/update-locales.sh" "$tmp/locales"
  new_date=$(grep '^"POT-Creation-Date: ' "$pot")
else
  kill "$wait_pid" 2>/dev/null || true
fi
[ "$new_date" != "$old_date" ] || fail "POT-Creation-Date did not move on ($new_date)"

entry() { # the entry of key $2 in file $1, as one block
  awk -v key="msgctxt \"$2\"" 'BEGIN{RS=""} index($0, key) {print; exit}' "$1"
}
grep -A2 'msgctxt "test.new_key"' "$tmp/locales/en.po" | grep -q '^msgstr "Quick exit now"$' ||
  fail "en.po lacks the new key in English"
count=0
for po in "$tmp"/locales/*.po; do
  name=$(basename "$po")
  [ "$name" = en.po ] && continue
  new=$(entry "$po" test.new_key)
  grep -q '^msgstr ""$' <<<"$new" || fail "$name: new key was filled in: $new"
  if grep -q 'fuzzy' <<<"$new"; then fail "$name: new key is fuzzy: $new"; fi
  changed=$(entry "$po" language.title)
  was=$(entry "$tmp/shipped/$name" language.title | grep '^msgstr ')
  grep -q '^#, fuzzy' <<<"$changed" || fail "$name: changed key is not fuzzy: $changed"
  grep -q '^#| msgid "Choose your language"$' <<<"$changed" ||
    fail "$name: no previous English on the changed key: $changed"
  grep -qxF "$was" <<<"$changed" || fail "$name: the old translation ($was) was lost: $changed"
  if grep -q '^#~ msgctxt "language.title"' "$po"; then
    fail "$name: the old entry is still there as obsolete"
  fi
  count=$((count + 1))
done
[ "$count" -ge 11 ] || fail "only $count translated catalogs"
echo "ok: new key untranslated and changed key fuzzy with its previous English in $count catalogs"

cp -r "$tmp/locales" "$tmp/after"
bash "$src/scripts/update-locales.sh" "$tmp/locales"
diff -r "$tmp/after" "$tmp/locales" || fail "a run after the change is not idempotent"
for po in "$tmp"/locales/*.po; do
  msgfmt -c -o /dev/null "$po" || fail "msgfmt -c rejects $(basename "$po")"
done
echo "PASS: update-locales.sh is idempotent, keeps previous English, adds keys untranslated"
