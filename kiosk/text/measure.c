/* Measuring one run with SDL_ttf. SDL_ttf keeps direction and script per font, so they are
 * set before every call: a font shared by an LTR digit run and an RTL word must not shape
 * one with the other's settings (and Indic scripts left at Latin lose their conjuncts). */
#include "text/text_internal.h"

#include <hb.h>
#include <math.h>
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
    int width, height;
    int ink_above; /* -1: not computed yet */
} measure_entry_t;

struct text_measure_cache {
    measure_entry_t slots[TEXT_MEASURE_CACHE_SLOTS];
};

struct text_measure_cache *text_measure_cache_create(void)
{
    return calloc(1, sizeof(struct text_measure_cache));
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
}

void text_measure_cache_destroy(struct text_measure_cache *c)
{
    if (!c) {
        return;
    }
    for (int i = 0; i < TEXT_MEASURE_CACHE_SLOTS; i++) {
        free(c->slots[i].text);
    }
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
                        int bytes, uint64_t h, int width, int height)
{
    if (!font->measures || bytes > TEXT_MEASURE_TEXT_MAX) {
        return;
    }
    measure_entry_t *e = &font->measures->slots[h & (TEXT_MEASURE_CACHE_SLOTS - 1)];
    char *copy = e->text && e->bytes >= bytes ? e->text : realloc(e->text, (size_t)bytes);
    if (!copy) {
        return; /* the old entry is intact: realloc failed */
    }
    memcpy(copy, utf8, (size_t)bytes);
    *e = (measure_entry_t){.hash = h, .text = copy, .bytes = bytes, .font_id = font->id,
                           .rtl = rtl, .width = width, .height = height, .ink_above = -1};
    for (size_t i = 0; i < sizeof e->script && script[i]; i++) {
        e->script[i] = script[i];
    }
}

void text_font_prepare(const text_font_t *font, bool rtl, const char *script)
{
    TTF_SetFontDirection(font->ttf, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(font->ttf, script);
}

int text_measure(const text_font_t *font, bool rtl, const char *script, const char *utf8,
                 int bytes, char *scratch, int *height)
{
    if (height) {
        *height = font ? TTF_FontHeight(font->ttf) : 0;
    }
    if (!font || bytes <= 0) {
        return 0;
    }
    if (bytes > TEXT_SCRATCH_MAX - 1) {
        bytes = TEXT_SCRATCH_MAX - 1;
    }
    uint64_t key = 0;
    const measure_entry_t *hit = measure_find(font, rtl, script, utf8, bytes, &key);
    if (hit) {
        if (height) {
            *height = hit->height;
        }
        return hit->width;
    }
    /* SDL_ttf wants NUL-terminated text; runs are slices of a longer string. */
    memcpy(scratch, utf8, (size_t)bytes);
    scratch[bytes] = '\0';
    text_font_prepare(font, rtl, script);
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font->ttf, scratch, &w, &h) != 0) {
        return 0;
    }
    measure_put(font, rtl, script, utf8, bytes, key, w, h);
    if (height) {
        *height = h;
    }
    return w;
}

SDL_Surface *text_piece_render(const text_piece_t *piece, SDL_Color color, char *scratch)
{
    if (!piece->font || piece->bytes <= 0 || piece->bytes > TEXT_SCRATCH_MAX - 1) {
        return NULL;
    }
    memcpy(scratch, piece->utf8, (size_t)piece->bytes);
    scratch[piece->bytes] = '\0';
    text_font_prepare(piece->font, piece->rtl, piece->script);
    return TTF_RenderUTF8_Blended(piece->font->ttf, scratch, color);
}

static hb_font_t *font_hb(text_font_t *font)
{
    if (!font->hb) {
        if (!*font->hb_face) {
            char path[1024 + TEXT_FONT_FILE_MAX + 2];
            snprintf(path, sizeof path, "%s/%s", font->dir, font->file_name);
            hb_blob_t *blob = hb_blob_create_from_file(path);
            *font->hb_face = hb_face_create(blob, 0);
            hb_blob_destroy(blob);
        }
        font->hb = hb_font_create(*font->hb_face);
        hb_font_set_scale(font->hb, font->px * 64, font->px * 64); /* 26.6 pixels */
    }
    return font->hb;
}

static int ink_above_shaped(text_font_t *font, bool rtl, const char *script, const char *utf8,
                            int bytes, int extra);

int text_ink_above(text_font_t *font, bool rtl, const char *script, const char *utf8, int bytes,
                   int height)
{
    int extra = height - TTF_FontHeight(font->ttf);
    if (extra <= 0) {
        return 0;
    }
    /* The ink depends on the text only (height comes from measuring the same text); cache
     * it with the measurement when there is one. */
    uint64_t key = 0;
    measure_entry_t *hit = measure_find(font, rtl, script, utf8, bytes, &key);
    if (hit && hit->height == height && hit->ink_above >= 0) {
        return hit->ink_above;
    }
    int above = ink_above_shaped(font, rtl, script, utf8, bytes, extra);
    if (hit && hit->height == height) {
        hit->ink_above = above;
    }
    return above;
}

/* Rows above the ascent from one HarfBuzz shaping of the text, of SDL_ttf's extra rows. */
static int ink_above_shaped(text_font_t *font, bool rtl, const char *script, const char *utf8,
                            int bytes, int extra)
{
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, utf8, bytes, 0, bytes);
    hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, hb_script_from_string(script, -1));
    hb_buffer_guess_segment_properties(buf);
    hb_font_t *hb = font_hb(font);
    hb_shape(hb, buf, NULL, 0);
    unsigned n = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    hb_position_t top = 0, bottom = 0, y = 0;
    for (unsigned i = 0; i < n; i++) {
        hb_glyph_extents_t ext;
        if (hb_font_get_glyph_extents(hb, info[i].codepoint, &ext)) {
            hb_position_t gt = y + pos[i].y_offset + ext.y_bearing;
            top = gt > top ? gt : top;
            bottom = gt + ext.height < bottom ? gt + ext.height : bottom;
        }
        y += pos[i].y_advance;
    }
    hb_buffer_destroy(buf);
    /* Split SDL_ttf's extra rows between top and bottom as the ink overflows. */
    int over_top = (int)ceil(top / 64.0) - TTF_FontAscent(font->ttf);
    int over_bottom = (int)ceil(-bottom / 64.0) + TTF_FontDescent(font->ttf);
    if (over_bottom <= 0) {
        return extra;
    }
    if (over_top <= 0) {
        return 0;
    }
    return over_top < extra ? over_top : extra;
}
