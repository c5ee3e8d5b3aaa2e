#!/usr/bin/env python3
"""Compares the reports `kiosk-reports open` printed (JSON lines on stdin) with the
expected reports (a JSON list in the file given), field by field.

Each expected object lists the fields that must match exactly; fields it does not list
(id, reference, created_at) are checked for shape only. Exits 1 with one line per
difference."""
import json
import re
import sys

REF = re.compile(r"^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$")


def diff(path, want, have, out):
    if isinstance(want, dict):
        if not isinstance(have, dict):
            out.append(f"{path}: expected an object, found {have!r}")
            return
        for k, v in want.items():
            diff(f"{path}.{k}", v, have.get(k, "<missing>"), out)
    elif want != have:
        out.append(f"{path}: expected {want!r}, found {have!r}")


def main():
    expected = json.load(open(sys.argv[1], encoding="utf-8"))
    actual = [json.loads(line) for line in sys.stdin if line.strip()]
    problems = []
    if len(actual) != len(expected):
        problems.append(f"expected {len(expected)} report(s), found {len(actual)}")
    actual.sort(key=lambda r: r.get("created_at", ""))
    for i, (want, have) in enumerate(zip(expected, actual)):
        diff(f"report[{i}]", want, have, problems)
        if not REF.match(have.get("reference", "")):
            problems.append(f"report[{i}].reference: bad shape {have.get('reference')!r}")
        if have.get("schema") != "kiosk-report/1":
            problems.append(f"report[{i}].schema: {have.get('schema')!r}")
    for p in problems:
        print(p)
    print(f"{len(actual) - (1 if problems else 0)} passed, {1 if problems else 0} failed")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
