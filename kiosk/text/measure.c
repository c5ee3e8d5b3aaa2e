/* Measuring text with HarfBuzz: one shaping gives a run's glyphs, and from any stretch of
 * them the box the glyph atlas draws that text in (ink beyond the advances included) and
 * the rows its ink reaches above the font's ascent. The atlas draws exactly these glyphs at
 * exactly these positions, with bitmaps of the boxes glyphbox.c measures, so a run's ink
 * never leaves its box and reaches its edges wherever the box was widened for ink
 * (test_text_agree). The box is the one SDL_ttf gave the same text (that is how the
 * kiosk drew until the atlas): heights agree exactly and widths within 1 px.
 * Shaping once and slicing is what makes Nastaliq affordable: the line breaker asks for
 * the width of a candidate line at every break opportunity. */
#include "text/text_internal.h"

#include <hb.h>
#include <stdint.h>
#include <stdio.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

typedef struct measure_entry {
    uint64_t hash;
    char *text; /* owned copy; NULL: slot free */
    int bytes;
    int font_id;
    bool rtl;
    char script[4];
    text_metrics_t metrics;
} measure_entry_t;

/* A run shaped before, by (font, direction, script, text): the same words are laid out at
 * several widths and styles while a screen plans its layout (the support screen's cards:
 * 235 shapings a frame of 42 different runs), and HarfBuzz shaping was most of a cold frame
 * (Nastaliq). Shaping has no context beyond the run, so a copy is exactly what shaping again
 * gives. */
typedef struct shape_entry {
    uint64_t hash;
    uint16_t *u16; /* owned copy; NULL: slot free */
    int len;
    int font_id;
    bool rtl;
    char script[4];
    text_glyph_t *glyphs; /* owned */
    int count;
} shape_entry_t;

struct text_measure_cache {
    measure_entry_t slots[TEXT_MEASURE_CACHE_SLOTS];
    shape_entry_t shapes[TEXT_SHAPE_CACHE_SLOTS];
    size_t shape_bytes; /* held by shapes[]: texts and glyphs */
};

struct text_measure_cache *text_measure_cache_create(void)
{
    return calloc(1, sizeof(struct text_measure_cache));
}

static void shape_entry_clear(struct text_measure_cache *c, shape_entry_t *e)
{
    if (e->u16) {
        /* the text and its glyph indices say what was on the screen */
        sodium_memzero(e->u16, (size_t)e->len * sizeof *e->u16);
        sodium_memzero(e->glyphs, (size_t)e->count * sizeof *e->glyphs);
        c->shape_bytes -= (size_t)e->len * sizeof *e->u16 + (size_t)e->count * sizeof *e->glyphs;
    }
    free(e->u16);
    free(e->glyphs);
    memset(e, 0, sizeof *e);
}

void text_measure_cache_clear(struct text_measure_cache *c)
{
    for (int i = 0; c && i < TEXT_MEASURE_CACHE_SLOTS; i++) {
        if (c->slots[i].text) {
            sodium_memzero(c->slots[i].text, (size_t)c->slots[i].bytes);
        }
        free(c->slots[i].text);
        memset(&c->slots[i], 0, sizeof c->slots[i]);
    }
    for (int i = 0; c && i < TEXT_SHAPE_CACHE_SLOTS; i++) {
        shape_entry_clear(c, &c->shapes[i]);
    }
}

void text_measure_cache_stats(const struct text_measure_cache *c, int *shapes, size_t *bytes)
{
    *shapes = 0;
    *bytes = c ? c->shape_bytes : 0;
    for (int i = 0; c && i < TEXT_SHAPE_CACHE_SLOTS; i++) {
        *shapes += c->shapes[i].u16 != NULL;
    }
}

void text_measure_cache_destroy(struct text_measure_cache *c)
{
    if (!c) {
        return;
    }
    text_measure_cache_clear(c);
    free(c);
}

static uint64_t measure_hash(const text_font_t *font, bool rtl, const char *script,
                             const char *utf8, int bytes)
{
    uint64_t h = 14695981039346656037ULL; /* FNV-1a */
    for (int i = 0; i < bytes; i++) {
        h = (h ^ (unsigned char)utf8[i]) * 1099511628211ULL;
    }
    for (int i = 0; i < 4 && script[i]; i++) {
        h = (h ^ (unsigned char)script[i]) * 1099511628211ULL;
    }
    h = (h ^ (uint64_t)(unsigned)font->id) * 1099511628211ULL;
    return (h ^ (uint64_t)rtl) * 1099511628211ULL;
}

/* The cached measurement of this run text, or NULL; *h gets its hash for measure_put(). */
static measure_entry_t *measure_find(const text_font_t *font, bool rtl, const char *script,
                                     const char *utf8, int bytes, uint64_t *h)
{
    if (!font->measures || bytes > TEXT_MEASURE_TEXT_MAX) {
        return NULL;
    }
    *h = measure_hash(font, rtl, script, utf8, bytes);
    measure_entry_t *e = &font->measures->slots[*h & (TEXT_MEASURE_CACHE_SLOTS - 1)];
    if (e->text && e->hash == *h && e->bytes == bytes && e->font_id == font->id &&
        e->rtl == rtl && strncmp(e->script, script, 4) == 0 &&
        memcmp(e->text, utf8, (size_t)bytes) == 0) {
        return e;
    }
    return NULL;
}

static void measure_put(const text_font_t *font, bool rtl, const char *script, const char *utf8,
                        int bytes, uint64_t h, const text_metrics_t *m)
{
    if (!font->measures || bytes > TEXT_MEASURE_TEXT_MAX) {
        return;
    }
    measure_entry_t *e = &font->measures->slots[h & (TEXT_MEASURE_CACHE_SLOTS - 1)];
    char *copy = e->text && e->bytes >= bytes ? e->text : realloc(e->text, (size_t)bytes);
    if (!copy) {
        return; /* the old entry is intact: realloc failed */
    }
    if (copy == e->text) {
        sodium_memzero(copy, (size_t)e->bytes); /* a shorter text must not leave the old tail */
    }
    memcpy(copy, utf8, (size_t)bytes);
    *e = (measure_entry_t){.hash = h, .text = copy, .bytes = bytes, .font_id = font->id,
                           .rtl = rtl, .metrics = *m};
    for (size_t i = 0; i < sizeof e->script && script[i]; i++) {
        e->script[i] = script[i];
    }
}

static hb_font_t *font_hb(text_font_t *font)
{
    if (!font->hb) {
        if (!font->source->hb_face) {
            font->source->hb_face = hb_face_create(font->source->blob, 0);
        }
        font->hb = hb_font_create(font->source->hb_face);
        hb_font_set_scale(font->hb, font->px * 64, font->px * 64); /* 26.6 pixels */
    }
    return font->hb;
}

/* The glyph's box from HarfBuzz's unhinted extents: at most a row off the hinted one. */
static void unhinted_box(hb_font_t *hb, hb_codepoint_t glyph, text_glyph_box_t *box)
{
    hb_glyph_extents_t ext = {0};
    memset(box, 0, sizeof *box);
    if (hb_font_get_glyph_extents(hb, glyph, &ext) && ext.width && ext.height) {
        box->ink = true;
        box->left = text_px_floor(ext.x_bearing);
        box->right = text_px_ceil(ext.x_bearing + ext.width);
        box->top = text_px_ceil(ext.y_bearing);
        box->bottom = text_px_floor(ext.y_bearing + ext.height); /* height is negative: y is up */
    }
}

/* Shapes the buffer (text already added) as SDL_ttf does: direction and script set, the
 * rest guessed; fills out with its glyphs. */
static bool shape_buffer(text_font_t *font, bool rtl, const char *script, hb_buffer_t *buf,
                         text_shaped_t *out)
{
    hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, hb_script_from_string(script, -1));
    hb_buffer_guess_segment_properties(buf);
    hb_font_t *hb = font_hb(font);
    hb_shape(hb, buf, NULL, 0);
    unsigned n = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    out->glyphs = n ? calloc(n, sizeof *out->glyphs) : NULL;
    out->count = out->glyphs ? (int)n : 0;
    if (n && !out->glyphs) {
        return false;
    }
    for (unsigned i = 0; i < n; i++) {
        text_glyph_t *g = &out->glyphs[i];
        g->cluster = (int)info[i].cluster;
        g->index = info[i].codepoint; /* after shaping: a glyph index in the font file */
        g->advance = pos[i].x_advance;
        g->x_offset = pos[i].x_offset;
        g->y_offset = pos[i].y_offset;
        g->unsafe = (hb_glyph_info_get_glyph_flags(&info[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0;
        if (!text_glyph_box(font, info[i].codepoint, &g->box)) {
            unhinted_box(hb, info[i].codepoint, &g->box); /* FreeType failed: near enough */
        }
    }
    return true;
}

static uint64_t shape_hash(const text_font_t *font, bool rtl, const char *script,
                           const uint16_t *u16, int len)
{
    uint64_t h = 14695981039346656037ULL; /* FNV-1a */
    const unsigned char *p = (const unsigned char *)u16;
    for (size_t i = 0; i < (size_t)len * sizeof *u16; i++) {
        h = (h ^ p[i]) * 1099511628211ULL;
    }
    for (int i = 0; i < 4 && script[i]; i++) {
        h = (h ^ (unsigned char)script[i]) * 1099511628211ULL;
    }
    h = (h ^ (uint64_t)(unsigned)font->id) * 1099511628211ULL;
    return (h ^ (uint64_t)rtl) * 1099511628211ULL;
}

static shape_entry_t *shape_slot(const text_font_t *font, uint64_t h)
{
    return &font->measures->shapes[h & (TEXT_SHAPE_CACHE_SLOTS - 1)];
}

static bool shape_found(const shape_entry_t *e, uint64_t h, const text_font_t *font, bool rtl,
                        const char *script, const uint16_t *u16, int len)
{
    return e->u16 && e->hash == h && e->len == len && e->font_id == font->id && e->rtl == rtl &&
           strncmp(e->script, script, 4) == 0 && memcmp(e->u16, u16, (size_t)len * sizeof *u16) == 0;
}

/* Keeps a copy of a shaping; when the cache's bytes would pass their bound it starts again
 * empty (one run shaped again later, never a wrong one). Out of memory: not kept. */
static void shape_put(const text_font_t *font, bool rtl, const char *script, const uint16_t *u16,
                      int len, uint64_t h, const text_shaped_t *shaped)
{
    struct text_measure_cache *c = font->measures;
    size_t need = (size_t)len * sizeof *u16 + (size_t)shaped->count * sizeof *shaped->glyphs;
    if (need > TEXT_SHAPE_CACHE_BYTES / 8) {
        return; /* a run that long is not worth a big share of the cache */
    }
    shape_entry_t *e = shape_slot(font, h);
    shape_entry_clear(c, e);
    if (c->shape_bytes + need > TEXT_SHAPE_CACHE_BYTES) {
        text_measure_cache_clear(c); /* measurements too: simplest, and as rare */
    }
    uint16_t *text = malloc((size_t)len * sizeof *u16);
    text_glyph_t *glyphs = shaped->count ? malloc((size_t)shaped->count * sizeof *glyphs) : NULL;
    if (!text || (shaped->count && !glyphs)) {
        free(text);
        free(glyphs);
        return;
    }
    memcpy(text, u16, (size_t)len * sizeof *u16);
    if (shaped->count) {
        memcpy(glyphs, shaped->glyphs, (size_t)shaped->count * sizeof *glyphs);
    }
    *e = (shape_entry_t){.hash = h, .u16 = text, .len = len, .font_id = font->id, .rtl = rtl,
                         .glyphs = glyphs, .count = shaped->count};
    for (size_t i = 0; i < sizeof e->script && script[i]; i++) {
        e->script[i] = script[i];
    }
    c->shape_bytes += need;
}

bool text_shape_utf16(text_font_t *font, bool rtl, const char *script, const uint16_t *u16,
                      int len, text_shaped_t *out)
{
    memset(out, 0, sizeof *out);
    bool cached = font->measures && len > 0;
    uint64_t h = cached ? shape_hash(font, rtl, script, u16, len) : 0;
    const shape_entry_t *e = cached ? shape_slot(font, h) : NULL;
    if (e && shape_found(e, h, font, rtl, script, u16, len)) {
        out->glyphs = e->count ? malloc((size_t)e->count * sizeof *out->glyphs) : NULL;
        if (!e->count || out->glyphs) {
            if (e->count) {
                memcpy(out->glyphs, e->glyphs, (size_t)e->count * sizeof *out->glyphs);
            }
            out->count = e->count;
            out->length = len;
            return true;
        }
        /* out of memory for the copy: shape it again below, which will fail alike */
    }
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf16(buf, u16, len, 0, len); /* clusters: UTF-16 offsets into u16 */
    bool ok = shape_buffer(font, rtl, script, buf, out);
    out->length = ok ? len : 0; /* 0: not shaped, callers measure pieces alone */
    hb_buffer_destroy(buf);
    if (ok && cached) {
        shape_put(font, rtl, script, u16, len, h, out);
    }
    return ok;
}

void text_shaped_free(text_shaped_t *shaped)
{
    if (shaped->glyphs) {
        /* glyph indices and clusters spell out the text that was shaped */
        sodium_memzero(shaped->glyphs, (size_t)shaped->count * sizeof *shaped->glyphs);
    }
    free(shaped->glyphs);
    memset(shaped, 0, sizeof *shaped);
}

void text_glyphs_metrics(const text_font_t *font, const text_glyph_t *glyphs, int count,
                         text_metrics_t *m)
{
    /* SDL_ttf's box, as it builds it: each glyph's bitmap at the whole pixel left of its pen
     * position, from the leftmost bitmap (or the start) to the rightmost bitmap (or the pen's
     * end, whole pixels); the font's height plus any ink beyond its ascent and descent. */
    hb_position_t pen = 0;
    int left = 0, right = 0, top = 0, bottom = 0;
    for (int i = 0; i < count; i++) {
        const text_glyph_t *g = &glyphs[i];
        if (g->box.ink) {
            int x = text_px_floor(pen + g->x_offset), y = text_px_ceil(g->y_offset);
            left = x + g->box.left < left ? x + g->box.left : left;
            right = x + g->box.right > right ? x + g->box.right : right;
            top = y + g->box.top > top ? y + g->box.top : top;
            bottom = y + g->box.bottom < bottom ? y + g->box.bottom : bottom;
        }
        pen += g->advance;
    }
    int end = text_px_floor(pen);
    m->width = (right > end ? right : end) - left;
    m->pen_x = -left;
    int over_top = top - font->ascent;
    int over_bottom = -bottom + font->descent; /* descent is negative */
    m->ink_above = over_top > 0 ? over_top : 0;
    m->height = font->height + m->ink_above + (over_bottom > 0 ? over_bottom : 0);
}

/* Whether the text can be cut at UTF-16 offset at and each side shaped alone, giving the
 * same glyphs: at an end, or at the start of a cluster HarfBuzz does not mark unsafe. */
static bool boundary_safe(const text_shaped_t *shaped, int at)
{
    if (at <= 0 || at >= shaped->length) {
        return true;
    }
    for (int i = 0; i < shaped->count; i++) {
        if (shaped->glyphs[i].cluster == at) {
            return !shaped->glyphs[i].unsafe;
        }
    }
    return false; /* inside a cluster */
}

bool text_shaped_slice(const text_shaped_t *shaped, int a, int b, int *first, int *count)
{
    int lo = -1, hi = -1;
    for (int i = 0; i < shaped->count; i++) {
        int c = shaped->glyphs[i].cluster;
        if (c >= a && c < b) {
            lo = lo < 0 ? i : lo;
            hi = i;
        }
    }
    *first = lo < 0 ? 0 : lo;
    *count = lo < 0 ? 0 : hi - lo + 1;
    return boundary_safe(shaped, a) && boundary_safe(shaped, b);
}

void text_measure(text_font_t *font, bool rtl, const char *script, const char *utf8, int bytes,
                  text_metrics_t *m)
{
    memset(m, 0, sizeof *m);
    m->height = font ? font->height : 0;
    if (!font || bytes <= 0) {
        return;
    }
    uint64_t key = 0;
    const measure_entry_t *hit = measure_find(font, rtl, script, utf8, bytes, &key);
    if (hit) {
        *m = hit->metrics;
        return;
    }
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, utf8, bytes, 0, bytes);
    text_shaped_t shaped;
    if (shape_buffer(font, rtl, script, buf, &shaped)) {
        text_glyphs_metrics(font, shaped.glyphs, shaped.count, m);
        measure_put(font, rtl, script, utf8, bytes, key, m);
    }
    text_shaped_free(&shaped);
    hb_buffer_destroy(buf);
}
