# Shared by gen_golden.sh and the integration test: independent references for the text
# engine's test table (tests/text/cases.tsv). Source it; needs fribidi (libfribidi-bin),
# hb-shape (libharfbuzz-bin) and jq.

# Expands {LRI} {RLI} {FSI} {PDI} and \n in a table cell.
ref_expand() {
    local s=$1
    s=${s//\{LRI\}/$'\u2066'}
    s=${s//\{RLI\}/$'\u2067'}
    s=${s//\{FSI\}/$'\u2068'}
    s=${s//\{PDI\}/$'\u2069'}
    s=${s//\\n/$'\n'}
    printf '%s' "$s"
}

# Base direction the engine should use: the language's (ur, ar: rtl), unless the text has no
# letter of that direction and some of the other. Usage: ref_base_dir LANG TEXT
ref_base_dir() {
    local lang_rtl=0 has_r=0 has_l=0
    case $1 in ur | ar) lang_rtl=1 ;; esac
    grep -qP '[\x{0590}-\x{08FF}\x{FB1D}-\x{FDFF}\x{FE70}-\x{FEFF}]' <<<"$2" && has_r=1
    grep -qP '[A-Za-z\x{00C0}-\x{024F}\x{0900}-\x{0DFF}]' <<<"$2" && has_l=1
    if [ $lang_rtl = 1 ]; then
        { [ $has_r = 1 ] || [ $has_l = 0 ]; } && echo rtl || echo ltr
    else
        { [ $has_r = 1 ] && [ $has_l = 0 ]; } && echo rtl || echo ltr
    fi
}

# Visual (left-to-right on screen) order of a one-line text from GNU FriBidi: its
# visual-to-logical map applied to the input (the CLI's visual string would also carry
# Arabic presentation forms), without mirroring and without directional format characters.
# Usage: ref_visual rtl|ltr TEXT
ref_visual() {
    local map
    map=$(printf '%s\n' "$2" | fribidi --nopad --nobreak --nomirror --novisual --vtol "--$1")
    jq -rn --arg t "$2" --arg m "$map" \
        '($t | explode) as $c | [$m | split(" ")[] | select(length > 0) | tonumber | $c[.]]
         | implode' | ref_strip_controls
}

ref_strip_controls() {
    sed $'s/[\u2066\u2067\u2068\u2069\u200e\u200f\u202a\u202b\u202c\u202d\u202e]//g'
}

# Width of TEXT shaped by hb-shape (HarfBuzz's own font functions, no hinting) with FONT at
# PX: the advance sum, widened by any ink that overhangs the advance box at either end
# (SDL_ttf's width covers the ink it draws: Noto Sans "J" reaches left of its origin).
# hb-shape prints positions rounded to whole units at --font-size, so the text is shaped at
# 100 x PX and the sum divided by 100; at --font-size=PX one unit is one pixel, as SDL_ttf
# opens a font at PX points with 72 dpi.
# Usage: ref_hb_width FONTFILE PX ltr|rtl SCRIPT TEXT
ref_hb_width() {
    hb-shape --font-size=$(($2 * 100)) --direction="$3" --script="$4" --show-extents \
        --output-format=json "$1" "$5" |
        jq 'reduce .[] as $g ({pen: 0, minx: 0, maxx: 0};
                .minx = ([.minx, (.pen + $g.dx + $g.xb)] | min)
                | .maxx = ([.maxx, (.pen + $g.dx + $g.xb + $g.w)] | max)
                | .pen += $g.ax)
            | (([.maxx, .pen] | max) - .minx) / 100'
}

# Visual string of line 0 of a --layout-dump: runs concatenated left to right, RTL runs'
# characters reversed, directional format characters removed.
ref_dump_visual() {
    jq -r '[.lines[0].runs[] | if .dir == "rtl" then (.text | explode | reverse | implode)
            else .text end] | join("")' | ref_strip_controls
}
