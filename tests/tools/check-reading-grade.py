#!/usr/bin/env python3
"""Reading grade of the kiosk's English (issue 10): every string a patient reads must be at
Flesch-Kincaid grade 6 or below (reading age about 11). The grade comes from `style`
(Debian's diction package), the GNU implementation of the Kincaid formula; this script only
splits each string into the sentences a person reads.

Usage: check-reading-grade.py [--max GRADE] FILE.po
Exit 1 and one line per failing string (its msgctxt key, grade and text) if any is over.
Body text is checked: every string with a full stop, question or exclamation mark and at
least MIN_WORDS words (labels such as "Next" or "Race, colour or nationality" are names,
about which the formula says nothing useful), and every .body, .hint and .desc key. In a
list, items of fewer than MIN_WORDS words are names of things ("Sexual orientation"), read
as labels, and are left out of the grade; longer items count as sentences. Staff-only
strings (admin.*) are skipped."""
import re
import subprocess
import sys

import polib

MIN_WORDS = 4
SKIP_PREFIXES = ("admin.",)
# What a placeholder stands for when the kiosk shows the text (a short common name).
PLACEHOLDER_WORDS = {"receiver": "the team", "operator": "the trust", "phone": "111",
                     "service": "the service", "seconds": "30", "step": "1", "total": "10",
                     "used": "12", "max": "1000"}


def sentences(text):
    """Lines of a list are read as sentences of their own; a line without an end mark
    gets one, so that `style` does not run the whole list into one sentence."""
    text = re.sub(r"\{(\w+)\}", lambda m: PLACEHOLDER_WORDS.get(m.group(1), "it"), text)
    out = []
    for line in text.split("\n"):
        item = line.strip().startswith("•")
        line = line.strip().lstrip("•").strip()
        if not line or (item and len(line.split()) < MIN_WORDS):
            continue
        if line[-1] not in ".!?:":
            line += "."
        out.append(line.rstrip(":") + ("." if line.endswith(":") else ""))
    return "\n".join(out)


def kincaid(text):
    run = subprocess.run(["style"], input=text, capture_output=True, text=True, check=True)
    m = re.search(r"Kincaid:\s*(-?[\d.]+)", run.stdout)
    if not m and "No sentences found" in run.stdout + run.stderr:
        return 0.0  # a label with digits only: nothing to read
    if not m:
        raise SystemExit(f"style printed no Kincaid grade for: {text!r}\n{run.stdout}")
    return float(m.group(1))


def main(argv):
    limit = 6.0
    if len(argv) > 2 and argv[0] == "--max":
        limit = float(argv[1])
        argv = argv[2:]
    if len(argv) != 1:
        raise SystemExit(__doc__)
    po = polib.pofile(argv[0])
    checked, failed = 0, []
    for e in po:
        key = e.msgctxt or ""
        body = re.search(r"\.(body|hint|desc)(#\w+)?$", key) is not None
        sentence = re.search(r"[.?!]", e.msgid) is not None and len(e.msgid.split()) >= MIN_WORDS
        if e.obsolete or key.startswith(SKIP_PREFIXES) or not (body or sentence):
            continue
        checked += 1
        grade = kincaid(sentences(e.msgid))
        if grade > limit:
            failed.append((key, grade, e.msgid))
    for key, grade, text in failed:
        print(f"{argv[0]}: {key}: reading grade {grade:.1f} is over {limit:g}: {text!r}")
    print(f"reading grade: {checked} strings checked, {len(failed)} over grade {limit:g}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
