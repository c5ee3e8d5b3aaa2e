#!/usr/bin/env bash
# Issue 12: `kiosk --screenshot-all DIR` writes DIR/index.html, a contact sheet for a reviewer
# with no kiosk: per language, per screen, every picture it names exists, and a screen whose
# scroll view holds more than it shows has a .whole.png taller than the screen. One language
# (Arabic) at a small size keeps it quick.
set -euo pipefail
: "${KIOSK_BIN:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
printf '[content]\nlanguages = ar\ndefault_language = ar\n' > "$work/kiosk.ini"
"$KIOSK_BIN" --config "$work/kiosk.ini" --screenshot-all "$work/shots" --size 1280x720 \
  2> "$work/log" | tail -1
[ -s "$work/shots/index.html" ] || fail "no index.html"
python3 - "$work/shots" <<'PY'
import html.parser, os, struct, sys
root = sys.argv[1]
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.imgs = []; self.sections = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img": self.imgs.append(a["src"])
        if tag == "section": self.sections.append(a["id"])
p = P(); p.feed(open(os.path.join(root, "index.html"), encoding="utf-8").read())
assert p.sections == ["ar"], p.sections
screens = sorted(f[:-4] for f in os.listdir(os.path.join(root, "ar")) if f.endswith(".png") and ".whole" not in f)
assert len(screens) > 20, screens
def height(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])
for src in p.imgs:
    assert os.path.exists(os.path.join(root, src)), "index.html names a missing picture " + src
ar = [s for s in p.imgs if s.startswith("ar/")]
assert len(ar) == len(screens), (len(ar), len(screens))
whole = [s for s in ar if s.endswith(".whole.png")]
assert whole, "no scroll view rendered whole"
for s in whole:
    w, h = height(os.path.join(root, s))
    assert w == 1280 and h > 720, (s, w, h)
assert "ar/learn.what.whole.png" in whole, whole
print("index.html: %d pictures, %d whole scroll views (e.g. %s %dx%d)" % (len(p.imgs), len(whole), whole[0], *height(os.path.join(root, whole[0]))))
PY
echo "all passed"
