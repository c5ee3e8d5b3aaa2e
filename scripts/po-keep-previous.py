#!/usr/bin/python3
"""Second half of scripts/update-locales.sh: key-exact "previous English" for one PO file.

msgmerge --no-fuzzy-matching (run first) keeps a translation only when both the key
(msgctxt) and the English (msgid) are unchanged; when the English of a key changed, the
old entry becomes obsolete (#~) and the key comes back untranslated. This puts that old
translation back on its own key, marked fuzzy, with the old English as the previous msgid
(#| msgid), so a translator sees exactly what changed. msgmerge's own --previous cannot do
it: it keeps previous msgids only for fuzzy matches, which may come from another key (it
once put "Sexual orientation" under "Useful information"), and never for entries that were
fuzzy already (every shipped draft is).

A new key (no obsolete entry with that msgctxt) stays untranslated. A singular entry that
became a plural keeps its old text as msgstr[0] only; the other forms stay empty.
Writes the file in place. Needs python3-polib (Debian).
Usage: po-keep-previous.py FILE.po
"""

import sys

import polib


def carry_previous(po):
    """Moves obsolete same-key translations onto untranslated entries; returns how many."""
    old = {}
    for e in po.obsolete_entries():
        if e.msgctxt and (e.msgstr or any(e.msgstr_plural.values())):
            old.setdefault(e.msgctxt, e)
    moved = 0
    for e in po:
        if e.obsolete or not e.msgctxt or e.msgctxt not in old:
            continue
        if e.msgstr or any(e.msgstr_plural.values()):
            continue  # translated already: nothing to carry
        prev = old.pop(e.msgctxt)
        prev_forms = prev.msgstr_plural if prev.msgid_plural else {0: prev.msgstr}
        if e.msgid_plural:
            forms = dict(e.msgstr_plural)
            for i in forms:
                forms[i] = prev_forms.get(i, "")
            e.msgstr_plural = forms
        else:
            e.msgstr = prev_forms.get(0, "")
        if "fuzzy" not in e.flags:
            e.flags.insert(0, "fuzzy")
        e.previous_msgid = prev.msgid
        e.previous_msgid_plural = prev.msgid_plural or None
        po.remove(prev)
        moved += 1
    return moved


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    po = polib.pofile(argv[0], wrapwidth=0)
    if carry_previous(po):
        po.save(argv[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
