#!/usr/bin/env bash
# The text engine against independent references, through the --layout-dump diagnostic:
# for every row of tests/text/cases.tsv, visual order as GNU FriBidi computes it, single-run
# widths as hb-shape computes them (within 1 px), run split, line counts, lines within the
# width, and no missing glyphs. Also checks tests/text/golden.tsv is what the installed
# tools produce today, and that --render-text writes a PNG.
set -uo pipefail
src=${KIOSK_SOURCE_DIR:?}
diag=${KIOSK_BIN:?}  # kiosk --layout-dump / --render-text
. "$src/tests/text/reference.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# 1. The committed golden file matches the installed fribidi and hb-shape.
if ! "$src/tests/text/gen_golden.sh" >"$tmp/golden.tsv"; then
    fail "gen_golden.sh did not run"
elif ! diff -u <(grep -v '^#' "$src/tests/text/golden.tsv") <(grep -v '^#' "$tmp/golden.tsv"); then
    fail "tests/text/golden.tsv is stale: regenerate with tests/text/gen_golden.sh"
fi

# 2. Every case, checked live against fribidi and hb-shape.
font_dir=/usr/share/fonts/truetype/noto
cases=0
while IFS=$'\t' read -r id lang px width lines runs text; do
    cases=$((cases + 1))
    t=$(ref_expand "$text")
    if ! dump=$("$diag" --layout-dump "$t" --lang "$lang" --px "$px" --width "$width"); then
        fail "$id: --layout-dump failed"
        continue
    fi
    missing=$(jq .missing_glyphs <<<"$dump")
    [ "$missing" = 0 ] || fail "$id: $missing missing glyph(s), want 0"
    got_lines=$(jq '.lines | length' <<<"$dump")
    [ "$lines" = - ] || [ "$got_lines" = "$lines" ] || fail "$id: $got_lines lines, want $lines"
    if [ "$width" != 0 ]; then
        widest=$(jq '[.lines[].width] | max' <<<"$dump")
        [ "$widest" -le "$width" ] || fail "$id: a line is $widest px wide, over the $width px limit"
    fi
    if [ "$runs" != - ]; then
        got_runs=$(jq -r '[.lines[0].runs[] | "\(.script)/\(.dir)/\(.font | sub("\\.ttf$"; ""))"]
                          | join(" | ")' <<<"$dump")
        [ "$got_runs" = "$runs" ] || fail "$id: runs (visual order) are '$got_runs', want '$runs'"
    fi
    if [ "$width" = 0 ] && [ "$lines" = 1 ]; then
        base=$(ref_base_dir "$lang" "$t")
        want=$(ref_visual "$base" "$t")
        got=$(ref_dump_visual <<<"$dump")
        [ "$got" = "$want" ] || fail "$id: visual order '$got' differs from fribidi's '$want'"
        if [ "$runs" != - ] && [[ $runs != *"|"* ]]; then
            IFS=/ read -r script dir font <<<"$runs"
            hb=$(ref_hb_width "$font_dir/$font.ttf" "$px" "$dir" "$script" "$t")
            w=$(jq '.lines[0].runs[0].width' <<<"$dump")
            jq -e -n --argjson w "$w" --argjson hb "$hb" '($w - $hb) | fabs <= 1' >/dev/null ||
                fail "$id: width $w px, hb-shape says $hb px (more than 1 px apart)"
        fi
    fi
done < <(grep -v '^#' "$src/tests/text/cases.tsv")
[ "$cases" -ge 30 ] || fail "only $cases cases read from cases.tsv"

# 3. --render-text writes a PNG framed with a 10 px margin around the layout.
for lang in ur gu; do
    out=$tmp/render_$lang.png
    text=$(grep -P "^${lang}_plain\t" "$src/tests/text/cases.tsv" | cut -f7)
    if ! "$diag" --render-text "$text" --lang "$lang" --px 32 --width 720 --out "$out"; then
        fail "--render-text $lang failed"
    elif [ "$(head -c 8 "$out" | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ]; then
        fail "--render-text $lang did not write a PNG"
    fi
done

echo "$cases cases, $failures failure(s)"
[ "$failures" = 0 ]
