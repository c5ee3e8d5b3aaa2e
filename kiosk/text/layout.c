/* text_layout(): the input is split into paragraphs at newlines, each is itemised and broken
 * into lines, and each line is reordered visually with ICU (ubidi_setLine on the paragraph's
 * levels, so trailing-space and isolate rules apply per line). A line is a list of pieces in
 * visual order, each one run (or part of one) with its font, script and direction. */
#include "text/text_internal.h"

#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>

void text_layout_free(text_layout_t *layout)
{
    if (!layout) {
        return;
    }
    if (layout->text) {
        /* what a person typed may be in here: leave nothing behind in freed memory */
        sodium_memzero(layout->text, strlen(layout->text));
    }
    free(layout->text);
    if (layout->ellipsis_text) {
        sodium_memzero(layout->ellipsis_text, strlen(layout->ellipsis_text));
    }
    if (layout->glyphs) {
        /* glyph indices spell the text out as surely as its characters */
        sodium_memzero(layout->glyphs, (size_t)layout->glyph_cap * sizeof *layout->glyphs);
    }
    free(layout->ellipsis_text);
    free(layout->lines);
    free(layout->pieces);
    free(layout->glyphs);
    sodium_memzero(&layout->key, sizeof layout->key); /* a hash of the words */
    free(layout);
}

static bool grow(void **items, int *cap, int need, size_t size, size_t *bytes)
{
    if (need <= *cap) {
        return true;
    }
    int ncap = *cap ? *cap * 2 : 8;
    while (ncap < need) {
        ncap *= 2;
    }
    void *p = realloc(*items, (size_t)ncap * size);
    if (!p) {
        return false;
    }
    *bytes += (size_t)(ncap - *cap) * size;
    *items = p;
    *cap = ncap;
    return true;
}

static bool layout_push_piece(text_layout_t *l, const text_piece_t *piece)
{
    if (!grow((void **)&l->pieces, &l->piece_cap, l->piece_count + 1, sizeof *piece, &l->bytes)) {
        return false;
    }
    l->pieces[l->piece_count++] = *piece;
    return true;
}

/* The piece's glyphs placed from its pen start, appended to the layout's. */
static bool layout_push_glyphs(text_layout_t *l, text_piece_t *piece, const text_glyph_t *glyphs,
                               int count)
{
    if (!grow((void **)&l->glyphs, &l->glyph_cap, l->glyph_count + count, sizeof *l->glyphs,
              &l->bytes)) {
        return false;
    }
    piece->glyph_first = l->glyph_count;
    piece->glyph_count = count;
    int pen = 0;
    for (int i = 0; i < count; i++) {
        l->glyphs[l->glyph_count++] = (text_placed_glyph_t){
            .index = glyphs[i].index, .x = pen + glyphs[i].x_offset, .y = glyphs[i].y_offset};
        pen += glyphs[i].advance;
    }
    return true;
}

static bool only_ignorables(const text_para_t *para, int start, int end)
{
    for (int i = start; i < end;) {
        UChar32 c;
        U16_NEXT(para->u16, i, end, c);
        if (!text_is_default_ignorable((Uint32)c)) {
            return false;
        }
    }
    return true;
}

/* Pieces of the part [a, b) of para that one visual run covers, in visual order. */
static bool add_visual_run(text_shaper_t *sh, text_layout_t *l, text_para_t *para, int a, int b,
                           bool rtl, int *x)
{
    int first = rtl ? para->run_count - 1 : 0;
    int step = rtl ? -1 : 1;
    for (int r = first; r >= 0 && r < para->run_count; r += step) {
        text_run_t *run = &para->runs[r];
        int s = run->start > a ? run->start : a;
        int e = run->end < b ? run->end : b;
        if (s >= e || only_ignorables(para, s, e)) {
            continue; /* bidi controls have done their work: nothing to draw */
        }
        text_piece_t piece = {
            .utf8 = para->utf8 + para->byte_at[s],
            .bytes = para->byte_at[e] - para->byte_at[s],
            .cp_start = para->cp_base + para->cp_at[s],
            .cp_len = para->cp_at[e] - para->cp_at[s],
            .rtl = rtl,
            .font = run->font,
            .x = *x,
        };
        memcpy(piece.script, run->script, sizeof piece.script);
        if (run->font) {
            /* the glyphs drawn are the glyphs measured: one list gives both */
            text_shaped_t alone;
            const text_glyph_t *glyphs = NULL;
            int count = 0;
            bool ok = text_para_run_glyphs(para, r, s, e, rtl, &alone, &glyphs, &count);
            text_metrics_t m;
            text_glyphs_metrics(run->font, glyphs, count, &m);
            piece.width = m.width;
            piece.height = m.height;
            piece.ink_above = m.ink_above;
            piece.pen_x = m.pen_x;
            ok = ok && layout_push_glyphs(l, &piece, glyphs, count);
            text_shaped_free(&alone);
            if (!ok) {
                return false;
            }
        }
        *x += piece.width;
        if (!layout_push_piece(l, &piece)) {
            return false;
        }
    }
    return true;
}

static bool line_add_pieces(text_shaper_t *sh, text_layout_t *l, text_para_t *para, int start,
                            int end, int *width)
{
    *width = 0;
    if (start >= end) {
        return true;
    }
    UErrorCode st = U_ZERO_ERROR;
    ubidi_setLine(sh->para_bidi, start, end, sh->line_bidi, &st);
    int count = U_SUCCESS(st) ? ubidi_countRuns(sh->line_bidi, &st) : 0;
    if (U_FAILURE(st)) {
        snprintf(sh->err, sizeof sh->err, "ubidi line: %s", u_errorName(st));
        return false;
    }
    for (int v = 0; v < count; v++) {
        int32_t lstart = 0, len = 0;
        UBiDiDirection dir = ubidi_getVisualRun(sh->line_bidi, v, &lstart, &len);
        if (!add_visual_run(sh, l, para, start + lstart, start + lstart + len, dir == UBIDI_RTL,
                            width)) {
            snprintf(sh->err, sizeof sh->err, "out of memory");
            return false;
        }
    }
    return true;
}

/* Line box from the tallest font on the line (Nastaliq reaches far above and below Latin),
 * scaled by the language's factor; the extra space is shared above and below. */
static void line_metrics(text_shaper_t *sh, text_layout_t *l, text_line_t *line)
{
    int ascent = 0, descent = 0;
    for (int i = 0; i < line->piece_count; i++) {
        const text_piece_t *p = &l->pieces[line->first_piece + i];
        const text_font_t *f = p->font;
        if (f) {
            /* what SDL_ttf draws: the font's box plus ink reaching beyond it */
            int a = f->ascent + p->ink_above;
            int d = p->height - a;
            ascent = a > ascent ? a : ascent;
            descent = d > descent ? d : descent;
        }
    }
    if (ascent == 0 && descent == 0) {
        const int *chain = l->style.bold && l->lang->bold_chain_len ? l->lang->bold_chain
                                                                      : l->lang->chain;
        text_font_t *f = text_fonts_get(sh->fonts, chain[0], l->style.px, sh->err, sizeof sh->err);
        ascent = f ? f->ascent : l->style.px;
        descent = f ? -f->descent : l->style.px / 4;
    }
    int natural = ascent + descent;
    double factor = l->lang->line_height >= 1.0 ? l->lang->line_height : 1.0;
    line->height = (int)ceil(natural * factor);
    line->baseline = (line->height - natural) / 2 + ascent;
}

bool text_layout_add_line(text_shaper_t *sh, text_layout_t *l, text_para_t *para, int start,
                          int end)
{
    if (!grow((void **)&l->lines, &l->line_cap, l->line_count + 1, sizeof *l->lines, &l->bytes)) {
        snprintf(sh->err, sizeof sh->err, "out of memory");
        return false;
    }
    text_line_t *line = &l->lines[l->line_count];
    memset(line, 0, sizeof *line);
    line->first_piece = l->piece_count;
    if (!line_add_pieces(sh, l, para, start, end, &line->width)) {
        return false;
    }
    line->piece_count = l->piece_count - line->first_piece;
    line_metrics(sh, l, line);
    line->top = l->height;
    line->rtl = para->rtl;
    if (l->line_count == 0) {
        l->rtl = para->rtl;
    }
    l->height += line->height;
    l->width = line->width > l->width ? line->width : l->width;
    l->line_count++;
    return true;
}

/* Every Unicode paragraph separator (bidi class B: LF, CR, CRLF, U+001C-U+001E, U+0085,
 * U+2029) becomes one '\n', a tab a space, and every other C0/C1 control and DEL is
 * dropped: a stray "\r" in a translation used to make the whole text vanish. In place
 * (the text only shrinks). */
static void normalise_breaks(char *s)
{
    unsigned char *in = (unsigned char *)s, *out = in;
    while (*in) {
        unsigned char c = in[0];
        if (c == '\r') {
            *out++ = '\n';
            in += in[1] == '\n' ? 2 : 1;
        } else if (c == '\n' || (c >= 0x1C && c <= 0x1E)) {
            *out++ = '\n';
            in++;
        } else if (c == '\t') {
            *out++ = ' ';
            in++;
        } else if (c < 0x20 || c == 0x7F) {
            in++;
        } else if (c == 0xC2 && in[1] >= 0x80 && in[1] <= 0x9F) { /* C1: U+0080-U+009F */
            if (in[1] == 0x85) {
                *out++ = '\n';
            }
            in += 2;
        } else if (c == 0xE2 && in[1] == 0x80 && in[2] == 0xA9) { /* U+2029 */
            *out++ = '\n';
            in += 3;
        } else {
            *out++ = *in++;
        }
    }
    *out = '\0';
}

/* True when normalise_breaks() would change s. */
static bool needs_normalising(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p < 0x20 && *p != '\n') || *p == 0x7F || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) ||
            (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xA9)) {
            return true;
        }
    }
    return false;
}

/* Next paragraph of text from *pos: its bytes up to (not including) a newline. */
static int next_paragraph(const char *text, int len, int pos, int *next)
{
    int end = pos;
    while (end < len && text[end] != '\n') {
        end++;
    }
    *next = end < len ? end + 1 : -1;
    return end > pos && text[end - 1] == '\r' ? end - 1 : end;
}

static int count_code_points(const char *s, int n)
{
    int cps = 0;
    for (int i = 0; i < n; i++) {
        cps += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    return cps;
}

static bool layout_paragraphs(text_shaper_t *sh, text_layout_t *l)
{
    normalise_breaks(l->text);
    int len = (int)strlen(l->text), pos = 0, cp = 0;
    bool full = false;
    while (pos >= 0 && !full) {
        int next;
        int end = next_paragraph(l->text, len, pos, &next);
        text_para_t para;
        bool ok = text_para_init(sh, &para, l->text + pos, end - pos, cp, l->lang, l->style.px,
                                 l->style.bold) &&
                  text_para_break_lines(sh, l, &para, l->max_width, next >= 0, &full);
        l->missing += para.missing;
        text_para_deinit(&para);
        if (!ok) {
            return false;
        }
        if (next >= 0) {
            cp += count_code_points(l->text + pos, next - pos);
        }
        pos = next;
    }
    return true;
}

text_layout_t *text_layout_build(text_shaper_t *sh, const char *utf8, const text_lang_t *lang,
                                 const text_style_t *style, int max_width)
{
    sh->err[0] = '\0';
    size_t n = strlen(utf8);
    if (n > TEXT_INPUT_MAX) {
        snprintf(sh->err, sizeof sh->err, "text longer than %d bytes", TEXT_INPUT_MAX);
        return NULL;
    }
    if (style->px < TEXT_PX_MIN || style->px > TEXT_PX_MAX) {
        snprintf(sh->err, sizeof sh->err, "font size %d px out of range", style->px);
        return NULL;
    }
    text_layout_t *l = calloc(1, sizeof *l);
    if (!l || !(l->text = malloc(n + 1))) {
        free(l);
        snprintf(sh->err, sizeof sh->err, "out of memory");
        return NULL;
    }
    memcpy(l->text, utf8, n + 1);
    l->bytes = sizeof *l + n + 1;
    l->lang = lang;
    l->style = *style;
    l->max_width = max_width;
    if (!layout_paragraphs(sh, l)) {
        text_layout_free(l);
        return NULL;
    }
    if (l->ellipsis_text) {
        l->bytes += strlen(l->ellipsis_text) + 1;
    }
    l->key = text_layout_key_hash(utf8, lang->code, style, max_width);
    return l;
}

uint64_t text_layout_key(const text_layout_t *layout)
{
    return layout->key;
}

/* ---- public API ---- */

static const text_layout_t *text_layout_cached(text_engine_t *e, const char *utf8,
                                               const char *lang, const text_style_t *style,
                                               int max_width);

const text_layout_t *text_layout(text_engine_t *e, const char *utf8, const char *lang,
                                 const text_style_t *style, int max_width)
{
    if (!e || !style) {
        return NULL;
    }
    utf8 = utf8 ? utf8 : "";
    /* separators and controls are normalised before the cache sees the text, so the
     * key is the text the layout holds */
    char *normalised = NULL;
    if (needs_normalising(utf8)) {
        normalised = strdup(utf8);
        if (!normalised) {
            snprintf(e->err, sizeof e->err, "out of memory");
            return NULL;
        }
        normalise_breaks(normalised);
        utf8 = normalised;
    }
    const text_layout_t *found = text_layout_cached(e, utf8, lang, style, max_width);
    if (normalised) {
        sodium_memzero(normalised, strlen(normalised)); /* may be what someone typed */
        free(normalised);
    }
    return found;
}

static const text_layout_t *text_layout_cached(text_engine_t *e, const char *utf8,
                                               const char *lang, const text_style_t *style,
                                               int max_width)
{
    const text_lang_t *l = text_engine_find_lang(e, lang ? lang : "en");
    if (!l) {
        snprintf(e->err, sizeof e->err, "no languages registered");
        return NULL;
    }
    l = text_engine_lang_of_text(e, l, utf8);
    const text_layout_t *hit = text_layout_cache_find(e->layouts, utf8, l->code, style, max_width);
    if (hit) {
        e->err[0] = '\0';
        return hit;
    }
    text_layout_t *built = text_layout_build(&e->shaper, utf8, l, style, max_width);
    if (!built) {
        snprintf(e->err, sizeof e->err, "%s", e->shaper.err);
        return NULL;
    }
    if (!text_layout_cache_put(e->layouts, utf8, l->code, style, max_width, built)) {
        snprintf(e->err, sizeof e->err, "layout cache full: %d layouts in one frame",
                 TEXT_LAYOUT_CACHE_MAX);
        return NULL;
    }
    e->err[0] = '\0';
    return built;
}

int text_layout_width(const text_layout_t *layout)
{
    return layout ? layout->width : 0;
}

int text_layout_height(const text_layout_t *layout)
{
    return layout ? layout->height : 0;
}

int text_layout_line_count(const text_layout_t *layout)
{
    return layout ? layout->line_count : 0;
}

bool text_layout_is_rtl(const text_layout_t *layout)
{
    return layout && layout->rtl;
}

int text_layout_missing_glyphs(const text_layout_t *layout)
{
    return layout ? layout->missing : 0;
}

int text_layout_line_width(const text_layout_t *layout, int line)
{
    if (!layout || line < 0 || line >= layout->line_count) {
        return 0;
    }
    return layout->lines[line].width;
}

int text_layout_line_run_count(const text_layout_t *layout, int line)
{
    if (!layout || line < 0 || line >= layout->line_count) {
        return 0;
    }
    return layout->lines[line].piece_count;
}

bool text_layout_line_run(const text_layout_t *layout, int line, int run, text_run_info_t *out)
{
    if (!layout || line < 0 || line >= layout->line_count || run < 0 ||
        run >= layout->lines[line].piece_count) {
        return false;
    }
    const text_piece_t *p = &layout->pieces[layout->lines[line].first_piece + run];
    out->utf8 = p->utf8;
    out->bytes = p->bytes;
    out->start = p->cp_start;
    out->length = p->cp_len;
    memcpy(out->script, p->script, sizeof out->script);
    out->rtl = p->rtl;
    out->font_file = p->font ? p->font->file_name : NULL;
    out->x = p->x;
    out->width = p->width;
    out->height = p->height;
    return true;
}
