/* The box each glyph's bitmap takes, and the bitmap the atlas draws: FreeType's metrics of
 * the glyph loaded as SDL_ttf loaded it (light hinting, which moves outlines vertically onto
 * the pixel grid), in whole pixels, and its rendering with the same load. HarfBuzz's unhinted extents are a row short for some Devanagari,
 * Gurmukhi and Nastaliq glyphs; these boxes make measured heights match the rendered ones.
 * Loading a glyph costs (the hinter runs), so each font keeps the boxes it has loaded, and
 * the hinted outline of each glyph with ink until it is first rasterised: a glyph measured
 * for layout is then drawn without being loaded and hinted a second time. */
#include "text/text_internal.h"

#include <hb.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
#include FT_SIZES_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BOXES_FIRST_CAP 256 /* power of two */

struct text_glyph_boxes {
    uint32_t *keys; /* glyph index + 1; 0: empty slot */
    text_glyph_box_t *boxes;
    FT_Glyph *outlines; /* the box's hinted outline until first rasterised; NULL after */
    FT_Glyph rendered;  /* the bitmap text_glyph_render() handed out last */
    int cap, count;
};

/* The font's table of boxes, made on first need. */
static struct text_glyph_boxes *font_boxes(text_font_t *font)
{
    if (!font->boxes) {
        font->boxes = calloc(1, sizeof *font->boxes);
    }
    return font->boxes;
}

/* The tables freed (zeroed first: which glyphs were used says something of the text). */
static void tables_free(struct text_glyph_boxes *b)
{
    if (b->keys) {
        memset(b->keys, 0, (size_t)b->cap * sizeof *b->keys);
        memset(b->boxes, 0, (size_t)b->cap * sizeof *b->boxes);
    }
    free(b->keys);
    free(b->boxes);
    free(b->outlines);
    b->keys = NULL;
    b->boxes = NULL;
    b->outlines = NULL;
    b->cap = b->count = 0;
}

/* The font's file face at the font's size, for a load. */
static FT_Face font_face(const text_font_t *font)
{
    FT_Activate_Size(font->ft_size); /* cannot fail: the size is of this face */
    return font->source->ft_face;
}

static bool boxes_grow(struct text_glyph_boxes *b)
{
    int cap = b->cap ? b->cap * 2 : BOXES_FIRST_CAP;
    uint32_t *keys = calloc((size_t)cap, sizeof *keys);
    text_glyph_box_t *boxes = calloc((size_t)cap, sizeof *boxes);
    FT_Glyph *outlines = calloc((size_t)cap, sizeof *outlines);
    if (!keys || !boxes || !outlines) {
        free(keys);
        free(boxes);
        free(outlines);
        return false;
    }
    for (int i = 0; i < b->cap; i++) {
        if (b->keys[i]) {
            int k = (int)(b->keys[i] * 2654435761u) & (cap - 1);
            while (keys[k]) {
                k = (k + 1) & (cap - 1);
            }
            keys[k] = b->keys[i];
            boxes[k] = b->boxes[i];
            outlines[k] = b->outlines[i];
        }
    }
    free(b->keys);
    free(b->boxes);
    free(b->outlines);
    b->keys = keys;
    b->boxes = boxes;
    b->outlines = outlines;
    b->cap = cap;
    return true;
}

/* The slot of glyph in b's table: its own, or the empty one it would take. */
static int box_slot(const struct text_glyph_boxes *b, unsigned glyph)
{
    uint32_t key = glyph + 1;
    int k = (int)(key * 2654435761u) & (b->cap - 1);
    while (b->keys[k] && b->keys[k] != key) {
        k = (k + 1) & (b->cap - 1);
    }
    return k;
}

/* Loads glyph as SDL_ttf loaded it into box; keep (when not NULL) takes a copy of its hinted
 * outline when it has ink. */
static void box_load(const text_font_t *font, unsigned glyph, text_glyph_box_t *box,
                     FT_Glyph *keep)
{
    memset(box, 0, sizeof *box);
    FT_Face face = font_face(font);
    /* Light hinting keeps the designed advances (normal hinting rounds each glyph's advance,
     * 11 px short over one English line at 32 px) and does not distort Indic and Arabic
     * outlines; widths then match HarfBuzz's unhinted shaping within a pixel. */
    if (FT_Load_Glyph(face, glyph, FT_LOAD_DEFAULT | FT_LOAD_TARGET_LIGHT) != 0) {
        return; /* drawn as nothing by SDL_ttf either */
    }
    const FT_Glyph_Metrics *m = &face->glyph->metrics;
    if (m->width <= 0 || m->height <= 0) {
        return;
    }
    box->ink = true;
    box->left = text_px_floor(m->horiBearingX);
    box->right = text_px_ceil(m->horiBearingX + m->width);
    box->top = text_px_ceil(m->horiBearingY);
    box->bottom = text_px_floor(m->horiBearingY - m->height);
    if (keep && face->glyph->format == FT_GLYPH_FORMAT_OUTLINE && FT_Get_Glyph(face->glyph, keep) != 0) {
        *keep = NULL; /* no memory: rasterised from a fresh load */
    }
}

bool text_glyph_box(text_font_t *font, unsigned glyph, text_glyph_box_t *box)
{
    struct text_glyph_boxes *b = font_boxes(font);
    if (!b) {
        return false;
    }
    if ((b->count + 1) * 2 > b->cap && !boxes_grow(b)) {
        box_load(font, glyph, box, NULL); /* no room to keep it: load each time */
        return true;
    }
    int k = box_slot(b, glyph);
    if (!b->keys[k]) {
        box_load(font, glyph, &b->boxes[k], &b->outlines[k]);
        b->keys[k] = glyph + 1;
        b->count++;
    }
    *box = b->boxes[k];
    return true;
}

/* The glyph's bitmap from the outline its box kept (taken: it is rasterised once), into
 * b->rendered; false when there is none. The same hinted outline through the same
 * rasteriser: the pixels of a fresh load and render. */
static bool render_kept(struct text_glyph_boxes *b, unsigned glyph)
{
    int k = b->cap ? box_slot(b, glyph) : 0;
    if (!b->cap || !b->keys[k] || !b->outlines[k]) {
        return false;
    }
    FT_Glyph g = b->outlines[k];
    b->outlines[k] = NULL;
    if (FT_Glyph_To_Bitmap(&g, FT_RENDER_MODE_NORMAL, NULL, 1) != 0) {
        FT_Done_Glyph(g);
        return false;
    }
    b->rendered = g;
    return true;
}

bool text_glyph_render(text_font_t *font, unsigned glyph, text_glyph_bitmap_t *out)
{
    memset(out, 0, sizeof *out);
    struct text_glyph_boxes *b = font_boxes(font);
    if (!b) {
        return false;
    }
    FT_Done_Glyph(b->rendered); /* the caller copied it */
    b->rendered = NULL;
    const FT_Bitmap *bm;
    if (render_kept(b, glyph)) {
        FT_BitmapGlyph bg = (FT_BitmapGlyph)b->rendered;
        bm = &bg->bitmap;
        out->left = bg->left;
        out->top = bg->top;
    } else {
        /* loaded as the box was (box_load), then rendered as SDL_ttf rendered: 256 greys */
        FT_Face face = font_face(font);
        if (FT_Load_Glyph(face, glyph, FT_LOAD_DEFAULT | FT_LOAD_TARGET_LIGHT) != 0 ||
            FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0) {
            return false;
        }
        bm = &face->glyph->bitmap;
        out->left = face->glyph->bitmap_left;
        out->top = face->glyph->bitmap_top;
    }
    if (bm->pixel_mode != FT_PIXEL_MODE_GRAY || bm->num_grays != 256) {
        return false; /* embedded bitmaps: no shipped font has them */
    }
    out->pixels = bm->buffer;
    out->pitch = bm->pitch;
    out->width = (int)bm->width;
    out->rows = (int)bm->rows;
    return true;
}

static void outlines_drop(struct text_glyph_boxes *b)
{
    for (int i = 0; i < b->cap; i++) {
        FT_Done_Glyph(b->outlines[i]); /* NULL: nothing */
        b->outlines[i] = NULL;
    }
    FT_Done_Glyph(b->rendered);
    b->rendered = NULL;
}

/* The tables go too: one visit in every language left 0.7 MiB of them, for fonts the next
 * visitor may never use; they grow again from BOXES_FIRST_CAP as glyphs are met. */
void text_glyph_boxes_clear(struct text_glyph_boxes *b)
{
    if (b) {
        outlines_drop(b);
        tables_free(b);
    }
}

void text_glyph_boxes_free(struct text_glyph_boxes *b)
{
    if (b) {
        outlines_drop(b);
        tables_free(b);
        free(b);
    }
}
