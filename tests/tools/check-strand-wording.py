#!/usr/bin/env python3
"""One wording for each hate-crime strand everywhere (issue 10): in every catalog, the
words a person ticks in the wizard (report.why.<code>, also shown on the review) are the
words the learn pages use. learn.what.body lists the five strands in the law; 
learn.motivations.body lists those and alternative subculture.
Usage: check-strand-wording.py FILE.po...   Exit 1, naming language, key and strand."""
import sys

import polib

LEGAL = ["disability", "race", "religion", "sexual_orientation", "transgender"]
PAGES = {"learn.what.body": LEGAL, "learn.motivations.body": LEGAL + ["alternative_subculture"]}


def texts(path):
    """key -> what the kiosk shows: the translation, else the English."""
    return {e.msgctxt: (e.msgstr or e.msgid) for e in polib.pofile(path) if not e.obsolete}


def main(paths):
    bad = 0
    for path in paths:
        t = texts(path)
        for page, codes in PAGES.items():
            for code in codes:
                label = t.get(f"report.why.{code}", "")
                if not label or label not in t.get(page, ""):
                    print(f"{path}: {page} does not use the wizard's words for '{code}': {label!r}")
                    bad += 1
    print(f"strand wording: {len(paths)} catalogs, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
