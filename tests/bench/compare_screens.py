#!/usr/bin/python3
"""Compares two trees of kiosk screenshots (kiosk --screenshot-all DIR), PNG by PNG.

Issue 18 asks for every screen before and after a change to the text engine (the glyph atlas)
with every pixel difference explained. For each pair this prints nothing when identical;
otherwise the count of differing pixels, the largest channel delta, how many pixels differ
by 1-2, 3-16, 17-64 and more than 64 (per channel, the largest of R, G, B), and the bounding
box of the differences. A summary follows. With --crops OUT the worst pairs are written as
OUT/<lang>_<screen>.png: before | after | differences (x8, so a delta of 1 is visible),
around their bounding box, for looking at.

Not a test (nothing is asserted); needs Debian's python3-pil. Usage:

  tests/bench/compare_screens.py BEFORE_DIR AFTER_DIR [--crops OUT] [--worst N] [--quiet]
"""
import argparse
import os
import sys

from PIL import Image, ImageChops

BANDS = ((1, 2), (3, 16), (17, 64), (65, 255))
CROP_MARGIN = 24
CROP_MAX = 900  # px of a crop's side, before and after each; larger boxes are cut


def pngs(root):
    out = []
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".png"):
                out.append(os.path.relpath(os.path.join(d, f), root))
    return sorted(out)


def delta_image(a, b):
    """The largest per-channel difference of each pixel, as an 8-bit image."""
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    r, g, bl = diff.split()
    return ImageChops.lighter(ImageChops.lighter(r, g), bl)


def compare(path_a, path_b):
    a, b = Image.open(path_a), Image.open(path_b)
    if a.size != b.size:
        return {"size": (a.size, b.size)}
    d = delta_image(a, b)
    hist = d.histogram()
    differing = sum(hist[1:])
    if differing == 0:
        return None
    max_delta = max(i for i, n in enumerate(hist) if n)
    bands = [sum(hist[lo : hi + 1]) for lo, hi in BANDS]
    return {"pixels": differing, "max": max_delta, "bands": bands, "bbox": d.getbbox()}


def write_crop(path_a, path_b, r, out_path):
    """Images are opened again here: keeping every pair's would hold gigabytes."""
    a, b = Image.open(path_a).convert("RGB"), Image.open(path_b).convert("RGB")
    x0, y0, x1, y1 = r["bbox"]
    x0, y0 = max(0, x0 - CROP_MARGIN), max(0, y0 - CROP_MARGIN)
    x1 = min(a.size[0], x1 + CROP_MARGIN, x0 + CROP_MAX)
    y1 = min(a.size[1], y1 + CROP_MARGIN, y0 + CROP_MAX)
    box = (x0, y0, x1, y1)
    w, h = x1 - x0, y1 - y0
    sheet = Image.new("RGB", (3 * w + 16, h), (255, 0, 255))
    sheet.paste(a.crop(box), (0, 0))
    sheet.paste(b.crop(box), (w + 8, 0))
    amplified = delta_image(a, b).crop(box).point(lambda v: min(255, v * 8))
    sheet.paste(Image.merge("RGB", (amplified,) * 3), (2 * w + 16, 0))
    sheet.save(out_path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--crops", help="directory for crops of the worst pairs")
    ap.add_argument("--worst", type=int, default=12, help="crops to write (default 12)")
    ap.add_argument("--quiet", action="store_true", help="summary only")
    args = ap.parse_args()
    names_a, names_b = pngs(args.before), set(pngs(args.after))
    only_a = [n for n in names_a if n not in names_b]
    only_b = sorted(names_b - set(names_a))
    same, results = 0, []
    totals = [0] * len(BANDS)
    for name in names_a:
        if name not in names_b:
            continue
        r = compare(os.path.join(args.before, name), os.path.join(args.after, name))
        if r is None:
            same += 1
            continue
        if "size" in r:
            print(f"{name}: sizes differ {r['size'][0]} -> {r['size'][1]}")
            results.append((name, {"pixels": -1, "max": 256}))
            continue
        totals = [t + n for t, n in zip(totals, r["bands"])]
        if not args.quiet:
            bands = " ".join(f"{lo}-{hi}:{n}" for (lo, hi), n in zip(BANDS, r["bands"]))
            print(f"{name}: {r['pixels']} px differ, max delta {r['max']}, [{bands}], "
                  f"bbox {r['bbox']}")
        results.append((name, r))
    compared = same + len(results)
    print(f"\n{compared} pairs compared: {same} identical, {len(results)} differ")
    if only_a or only_b:
        print(f"only before: {len(only_a)} {only_a[:5]}; only after: {len(only_b)} {only_b[:5]}")
    if results:
        sized = [r for _, r in results if r["pixels"] >= 0]
        px = sorted(r["pixels"] for r in sized)
        print(f"differing pixels per pair: median {px[len(px) // 2]}, max {px[-1]}"
              if px else "")
        print("pixels by largest channel delta: " +
              ", ".join(f"{lo}-{hi}: {n}" for (lo, hi), n in zip(BANDS, totals)))
        maxes = {}
        for r in sized:
            maxes[r["max"]] = maxes.get(r["max"], 0) + 1
        print("pairs by their max delta: " +
              ", ".join(f"{k}: {v}" for k, v in sorted(maxes.items())))
    if args.crops and results:
        os.makedirs(args.crops, exist_ok=True)
        worst = sorted((x for x in results if x[1]["pixels"] > 0),
                       key=lambda x: (x[1]["max"], x[1]["pixels"]), reverse=True)
        for name, r in worst[: args.worst]:
            out = os.path.join(args.crops, name.replace(os.sep, "_"))
            write_crop(os.path.join(args.before, name), os.path.join(args.after, name), r, out)
            print(f"crop: {out} (bbox {r['bbox']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
