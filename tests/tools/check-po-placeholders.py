#!/usr/bin/env python3
"""Check translated PO catalogs against locales/kiosk.pot (Python 3 standard library only).

For each locales/*.po except en.po (or the files given on the command line):
  * every msgctxt of kiosk.pot is present exactly once, and there are no extra keys;
  * msgid is the same English text as in kiosk.pot;
  * the set of {placeholders} in a non-empty msgstr equals that of its msgid
    (same names, each as many times as in the msgid);
  * a non-empty msgstr keeps the msgid's line breaks ("\\n") and "• " bullets;
  * a non-empty msgstr keeps the fixed tokens 999, 101, www.report-it.org.uk and
    True Vision where the msgid has them, and writes numbers with the digits 0-9;
  * a plural entry (msgid_plural) has as many msgstr[i] as the header's nplurals, all
    given or none, each checked as above against msgid (msgstr[0]) or msgid_plural;
  * the header has Language, Content-Type with charset=UTF-8, POT-Creation-Date,
    Report-Msgid-Bugs-To, Language-Team and Plural-Forms.
Every entry of kiosk.pot has a translator comment ("#.") unless its key is in OBVIOUS.
It reports, per file, how many entries are translated, how many of those are marked
fuzzy (draft, unreviewed) and how many are not, and how many are untranslated.

Exit status: 0 when no errors were found, 1 otherwise (2 for usage problems).
Usage: check-po-placeholders.py [--source-dir DIR] [--require-fuzzy] [FILE.po ...]
  --require-fuzzy   also fail when a translated entry is not marked fuzzy
"""

import argparse
import collections
import os
import re
import sys
import unicodedata

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
FIXED_TOKENS = ("999", "101", "www.report-it.org.uk", "True Vision")
BULLET = "• "
# Keys whose English says all a translator needs (the titles of the information pages,
# shown as page titles and in the topic list); every other key in kiosk.pot needs a "#."
# comment saying where it shows and its limits. keyboard.shift is issue 11's key.
OBVIOUS = re.compile(r"learn\.[a-z_]+\.title|keyboard\.shift")
# What Poedit, Weblate and the kiosk's maintainers need to know of each catalog.
REQUIRED_HEADER = ("POT-Creation-Date", "Report-Msgid-Bugs-To", "Language-Team",
                   "Plural-Forms")

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a",
            "b": "\b", "f": "\f", "v": "\v"}


class PoError(Exception):
    pass


def _unquote(text, where):
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise PoError(f"{where}: expected a quoted string, got {text!r}")
    body = text[1:-1]
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            if i + 1 >= len(body):
                raise PoError(f"{where}: backslash at end of string")
            nxt = body[i + 1]
            if nxt not in _ESCAPES:
                raise PoError(f"{where}: unknown escape \\{nxt}")
            out.append(_ESCAPES[nxt])
            i += 2
        elif c == '"':
            raise PoError(f"{where}: unescaped quote")
        else:
            out.append(c)
            i += 1
    return "".join(out)


class Entry:
    def __init__(self, line):
        self.line = line
        self.flags = set()
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}
        self.obsolete = False
        self.comments = []  # "#." lines: what the translator is told

    @property
    def fuzzy(self):
        return "fuzzy" in self.flags

    @property
    def text(self):
        return self.msgstr.get(0, "")

    def forms(self):
        """(index, English it translates, msgstr) for each form: one for a singular entry;
        msgstr[0] against msgid and every other msgstr[i] against msgid_plural."""
        if self.msgid_plural is None:
            return [(0, self.msgid, self.text)]
        return [(i, self.msgid if i == 0 else self.msgid_plural, text)
                for i, text in sorted(self.msgstr.items())]


def parse_po(path):
    """Return the list of entries of a PO file (the header is the entry with msgid "")."""
    entries = []
    cur = None
    field = None  # (name, index)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")

    def finish():
        nonlocal cur
        if cur is not None and cur.msgid is not None:
            entries.append(cur)
        cur = None

    for n, raw in enumerate(lines, 1):
        where = f"{path}:{n}"
        line = raw.strip()
        if not line:
            finish()
            field = None
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if not line or line.startswith("|"):  # "#~|": an obsolete entry's previous msgid
                continue
        if line.startswith("#"):
            if cur is not None and cur.msgid is not None:
                finish()
            if cur is None:
                cur = Entry(n)
            if line.startswith("#,"):
                cur.flags.update(x.strip() for x in line[2:].split(",") if x.strip())
            elif line.startswith("#.") and not obsolete:
                cur.comments.append(line[2:].strip())
            field = None
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if cur is None or field is None:
                raise PoError(f"{where}: string continuation outside an entry")
            name, idx = field
            value = _unquote(line, where)
            if name == "msgstr":
                cur.msgstr[idx] += value
            else:
                setattr(cur, name, getattr(cur, name) + value)
            continue
        m = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr") or m:
            if keyword in ("msgctxt", "msgid") and cur is not None and cur.msgid is not None:
                finish()
            if cur is None:
                cur = Entry(n)
            cur.obsolete = cur.obsolete or obsolete
            value = _unquote(rest, where)
            if m or keyword == "msgstr":
                idx = int(m.group(1)) if m else 0
                if idx in cur.msgstr:
                    raise PoError(f"{where}: msgstr[{idx}] given twice")
                cur.msgstr[idx] = value
                field = ("msgstr", idx)
            else:
                if getattr(cur, keyword) is not None:
                    raise PoError(f"{where}: {keyword} given twice in one entry")
                setattr(cur, keyword, value)
                field = (keyword, None)
            continue
        raise PoError(f"{where}: cannot read line {raw!r}")
    finish()
    return entries


def header_fields(entries):
    for e in entries:
        if e.msgid == "" and e.msgctxt is None and not e.obsolete:
            fields = {}
            for line in e.text.split("\n"):
                name, sep, value = line.partition(":")
                if sep:
                    fields[name.strip()] = value.strip()
            return fields
    return None


def placeholders(text):
    return collections.Counter(PLACEHOLDER.findall(text))


def describe(counter):
    return ", ".join(sorted(counter.elements())) or "none"


def check_text(where, english, text):
    """Errors of one translated form against the English it translates."""
    errors = []
    want, got = placeholders(english), placeholders(text)
    if want != got:
        errors.append(f"{where}: placeholders in msgstr: {describe(got)}; "
                      f"in msgid: {describe(want)}")
    if english.count("\n") != text.count("\n"):
        errors.append(f"{where}: {text.count(chr(10))} line breaks, "
                      f"msgid has {english.count(chr(10))}")
    if english.count(BULLET) != text.count(BULLET):
        errors.append(f"{where}: {text.count(BULLET)} bullets, "
                      f"msgid has {english.count(BULLET)}")
    for token in FIXED_TOKENS:
        if english.count(token) > text.count(token):
            errors.append(f"{where}: '{token}' must stay as written")
    odd_digits = sorted({c for c in text
                         if unicodedata.category(c) == "Nd" and not ("0" <= c <= "9")})
    if odd_digits:
        errors.append(f"{where}: use the digits 0-9, not {''.join(odd_digits)}")
    return errors


def check_file(path, template, require_fuzzy):
    """Return (errors, warnings, counts) for one translated catalog."""
    errors, warnings = [], []
    counts = collections.Counter()
    try:
        entries = parse_po(path)
    except (PoError, UnicodeDecodeError, OSError) as exc:
        return [str(exc)], warnings, counts

    fields = header_fields(entries)
    if fields is None:
        errors.append("no header entry")
    else:
        if not fields.get("Language"):
            errors.append("header: Language is missing or empty")
        if "charset=utf-8" not in fields.get("Content-Type", "").lower().replace(" ", ""):
            errors.append("header: Content-Type must say charset=UTF-8")
        if not fields.get("Plural-Forms"):
            warnings.append("header: Plural-Forms is missing")
        for name in REQUIRED_HEADER:
            if not fields.get(name):
                errors.append(f"header: {name} is missing or empty")
    nplurals = None
    if fields:
        m = re.search(r"nplurals\s*=\s*(\d+)", fields.get("Plural-Forms", ""))
        nplurals = int(m.group(1)) if m else None

    seen = collections.Counter()
    for e in entries:
        if e.obsolete or e.msgctxt is None:
            continue
        key = e.msgctxt
        seen[key] += 1
        where = f"{os.path.basename(path)}:{e.line} [{key}]"
        if key not in template:
            errors.append(f"{where}: key is not in kiosk.pot")
            continue
        if (e.msgid, e.msgid_plural) != template[key]:
            errors.append(f"{where}: msgid differs from kiosk.pot")
        forms = e.forms()
        filled = [f for f in forms if f[2]]
        if not filled:
            counts["untranslated"] += 1
            if e.fuzzy:
                warnings.append(f"{where}: empty msgstr is marked fuzzy")
            continue
        if e.msgid_plural is not None:
            if nplurals is not None and len(forms) != nplurals:
                errors.append(f"{where}: {len(forms)} plural forms, Plural-Forms says "
                              f"nplurals={nplurals}")
            empty = [f"msgstr[{i}]" for i, _, text in forms if not text]
            if empty:
                errors.append(f"{where}: plural form {', '.join(empty)} is empty (the "
                              f"kiosk shows English until every form is given)")
        counts["translated"] += 1
        counts["fuzzy" if e.fuzzy else "not_fuzzy"] += 1
        if require_fuzzy and not e.fuzzy:
            errors.append(f"{where}: translated entry is not marked fuzzy")
        for i, english, text in filled:
            form = f"{where} msgstr[{i}]" if e.msgid_plural is not None else where
            errors.extend(check_text(form, english, text))

    for key, n in sorted(seen.items()):
        if n > 1:
            errors.append(f"key {key} appears {n} times")
    missing = [k for k in template if k not in seen]
    for key in missing:
        errors.append(f"key {key} from kiosk.pot is missing")
    counts["missing"] = len(missing)
    counts["keys"] = len(seen)
    return errors, warnings, counts


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source-dir", default=os.environ.get("KIOSK_SOURCE_DIR") or
                    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    ap.add_argument("--require-fuzzy", action="store_true")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args(argv)

    locales = os.path.join(args.source_dir, "locales")
    pot_path = os.path.join(locales, "kiosk.pot")
    try:
        template = {}
        template_entries = []
        for e in parse_po(pot_path):
            if e.msgctxt is None or e.obsolete:
                continue
            template_entries.append(e)
            if e.msgctxt in template:
                print(f"kiosk.pot: key {e.msgctxt} appears twice", file=sys.stderr)
                return 2
            template[e.msgctxt] = (e.msgid, e.msgid_plural)
    except (PoError, OSError) as exc:
        print(f"cannot read template: {exc}", file=sys.stderr)
        return 2

    uncommented = [f"kiosk.pot:{e.line} [{e.msgctxt}]: no translator comment (#.): say "
                   f"where it shows and its limits"
                   for e in template_entries
                   if not e.comments and not OBVIOUS.fullmatch(e.msgctxt)]
    for line in uncommented:
        print(f"  error: {line}")

    files = args.files or sorted(
        os.path.join(locales, name) for name in os.listdir(locales)
        if name.endswith(".po") and name != "en.po")
    if not files:
        print("no translated catalogs found")
        return 1 if uncommented else 0

    failed = 0
    print(f"kiosk.pot: {len(template)} keys")
    for path in files:
        errors, warnings, c = check_file(path, template, args.require_fuzzy)
        status = "FAIL" if errors else "ok"
        print(f"{os.path.basename(path)}: {status}: {c['keys']} keys, "
              f"{c['translated']} translated ({c['fuzzy']} fuzzy, {c['not_fuzzy']} not fuzzy), "
              f"{c['untranslated']} untranslated, {c['missing']} missing")
        for w in warnings:
            print(f"  warning: {w}")
        for err in errors:
            print(f"  error: {err}")
        failed += bool(errors)
    if failed:
        print(f"{failed} of {len(files)} catalogs have errors")
        return 1
    return 1 if uncommented else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
