/* The glyph atlas: each glyph a screen shows is rasterised once per (font, size, glyph) by
 * FreeType, with the hinting its box was measured with (glyphbox.c), into one of a few
 * textures, and every text is drawn from them as textured quads (SDL_RenderGeometry) at
 * HarfBuzz's positions. A new screen costs glyph lookups, not texture creation.
 *
 * Pages are filled shelf by shelf. A page starts a few rows tall and doubles when a shelf
 * does not fit, its glyphs rasterised again into the taller texture (textures cannot be read
 * back on every renderer): memory follows what the screens shown need, up to the bound. The
 * glyph table grows the same way. When every page is full (or the glyph table is), the
 * quads queued so far are drawn, the atlas is emptied and filling starts again: one slower
 * frame, never a missing glyph. In a texture, a glyph is stored in the colour it is drawn in
 * (a screen uses a handful): tinting white glyphs by vertex colour would make the software
 * renderer take SDL's modulating blitter, slower and rounding differently from the plain
 * blend. With a target surface (the software renderer's), pages are coverage in memory and
 * pixman draws a glyph in any colour through it (composite.c). */
#include "text/text_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ATLAS_SLOTS (TEXT_ATLAS_GLYPHS_MAX * 2) /* power of two: the table stays half empty */
#define ATLAS_SLOTS_MIN 1024 /* the table's first size (32 KiB); doubles up to ATLAS_SLOTS */
#define ATLAS_PAD 1                             /* empty columns and rows between glyphs */
#define ATLAS_SHELVES_MAX 256                   /* per page; a shelf is at least 2 rows */
#define ATLAS_ZERO_ROWS 16 /* rows zeroed per upload when wiping (64 KiB: from the heap) */

typedef struct atlas_glyph {
    text_font_t *font; /* to rasterise it again when its page grows */
    uint32_t key;      /* glyph index + 1; 0: empty slot */
    Uint32 rgb;
    short page;    /* -1: nothing to draw (a space, or a glyph larger than a page) */
    short x, y, w, h;
    short left, top; /* bitmap from the pen position, y up */
} atlas_glyph_t;

typedef struct atlas_shelf {
    int y, h, x; /* x: first free column */
} atlas_shelf_t;

typedef struct atlas_page {
    SDL_Texture *texture;   /* drawn by the renderer, or */
    text_pixels_page_t mem; /* composited onto the target surface (composite.c) */
    int rows; /* the texture's height: TEXT_ATLAS_PAGE_ROWS_MIN doubled up to PAGE_PX */
    atlas_shelf_t shelves[ATLAS_SHELVES_MAX];
    int shelf_count;
    int bottom; /* first row below every shelf */
} atlas_page_t;

struct text_atlas {
    SDL_Renderer *renderer;
    /* SDL's software renderer: each glyph is copied at once (SDL_RenderCopy), which is what
     * SDL makes of a textured quad there anyway (SDL_RenderGeometry finds the rectangle and
     * copies it), without turning the quads back into rectangles */
    bool copies;
    /* the software renderer's surface: pages are kept in memory and glyphs composited
     * onto it (composite.c), the renderer queue flushed first (text_atlas_begin) */
    SDL_Surface *surface;
    bool direct;  /* pages are in memory */
    bool refused; /* the renderer could not be drawn on directly: textures from now on */
    text_target_t target;
    atlas_page_t pages[TEXT_ATLAS_PAGES_MAX];
    int page_count;
    /* pages [page_count, kept) hold a zeroed texture from before text_atlas_forget(): the
     * next glyphs go into it, not into a texture made (and its memory faulted in) anew */
    int kept;
    /* each page's height when the atlas was last cleared: it is made that tall again, so the
     * cold frame after a session wipe does not regrow (and rasterise again) what the screens
     * before it needed; a new process starts at TEXT_ATLAS_PAGE_ROWS_MIN */
    int rows_seen[TEXT_ATLAS_PAGES_MAX];
    atlas_glyph_t *slots; /* slot_count of them, a power of two; NULL before the first glyph */
    int slot_count;
    int glyph_count;
    /* quads waiting to be drawn, all from one page */
    SDL_Vertex vertices[TEXT_ATLAS_BATCH_GLYPHS * 4];
    int indices[TEXT_ATLAS_BATCH_GLYPHS * 6];
    int quads;
    int batch_page;
    unsigned long hits, misses, resets;
    unsigned long grows; /* pages grown: each rasterised its glyphs again */
};

text_atlas_t *text_atlas_create(void)
{
    text_atlas_t *a = calloc(1, sizeof *a);
    if (a) {
        a->batch_page = -1;
    }
    return a;
}

/* Pages that hold a texture: in use, or kept by text_atlas_forget(). */
static int pages_held(const text_atlas_t *a)
{
    return a->kept > a->page_count ? a->kept : a->page_count;
}

static void atlas_empty(text_atlas_t *a)
{
    if (a->slots) {
        memset(a->slots, 0, (size_t)a->slot_count * sizeof *a->slots);
    }
    a->glyph_count = 0;
    for (int i = 0; i < a->page_count; i++) {
        a->pages[i].shelf_count = 0;
        a->pages[i].bottom = 0;
    }
}

static bool page_held(const atlas_page_t *pg)
{
    return pg->texture || pg->mem.pixels;
}

/* Overwrites a page's pixels with zeros: its glyphs say which words were shown. */
static void page_zero(atlas_page_t *pg)
{
    if (pg->mem.pixels) {
        text_pixels_page_zero(&pg->mem);
        return;
    }
    const int pitch = TEXT_ATLAS_PAGE_PX * 4;
    void *zeros = pg->texture ? calloc(ATLAS_ZERO_ROWS, (size_t)pitch) : NULL;
    for (int y = 0; zeros && y < pg->rows; y += ATLAS_ZERO_ROWS) {
        int h = pg->rows - y < ATLAS_ZERO_ROWS ? pg->rows - y : ATLAS_ZERO_ROWS;
        SDL_UpdateTexture(pg->texture, &(SDL_Rect){0, y, TEXT_ATLAS_PAGE_PX, h}, zeros, pitch);
    }
    free(zeros);
}

/* The page's pixels freed, zeroed first when zero. */
static void page_free(atlas_page_t *pg, bool zero)
{
    if (zero) {
        page_zero(pg);
    }
    text_pixels_page_free(&pg->mem);
    SDL_DestroyTexture(pg->texture);
    pg->texture = NULL;
}

void text_atlas_clear(text_atlas_t *a, bool zero)
{
    if (!a) {
        return;
    }
    a->quads = 0;
    a->batch_page = -1;
    a->page_count = pages_held(a); /* kept ones go too */
    a->kept = 0;
    for (int i = 0; i < a->page_count; i++) {
        page_free(&a->pages[i], zero && a->renderer);
        a->rows_seen[i] = a->pages[i].rows;
    }
    a->page_count = 0;
    atlas_empty(a);
    /* the table back to nothing (it regrows in microseconds) */
    free(a->slots);
    a->slots = NULL;
    a->slot_count = 0;
}

void text_atlas_forget(text_atlas_t *a)
{
    if (!a) {
        return;
    }
    a->quads = 0;
    a->batch_page = -1;
    for (int i = 0; i < a->page_count && a->renderer; i++) {
        page_zero(&a->pages[i]);
    }
    atlas_empty(a); /* every shelf of every page in use */
    a->kept = pages_held(a);
    a->page_count = 0;
    free(a->slots); /* the table back to nothing, zeroed (atlas_empty) */
    a->slots = NULL;
    a->slot_count = 0;
}

SDL_Texture *text_atlas_page_texture(const text_atlas_t *a, int i)
{
    return i >= 0 && i < pages_held(a) ? a->pages[i].texture : NULL;
}

const Uint8 *text_atlas_page_pixels(const text_atlas_t *a, int i, int *rows)
{
    const atlas_page_t *pg = i >= 0 && i < pages_held(a) ? &a->pages[i] : NULL;
    *rows = pg && pg->mem.pixels ? pg->mem.rows : 0;
    return *rows ? pg->mem.pixels : NULL;
}

void text_atlas_destroy(text_atlas_t *a)
{
    if (a) {
        text_atlas_clear(a, false);
        text_target_release(&a->target);
        free(a);
    }
}

void text_atlas_set_renderer(text_atlas_t *a, SDL_Renderer *renderer)
{
    if (a->renderer != renderer) {
        text_atlas_clear(a, true); /* textures belong to one renderer */
        a->renderer = renderer;
        a->surface = NULL;
        a->direct = false;
        a->refused = false;
        text_atlas_use_copies(a, true);
    }
}

/* Pages in memory (direct) or as textures from now on: the other kind are zeroed and go. */
static void atlas_set_direct(text_atlas_t *a, bool direct)
{
    if (a->direct != direct) {
        text_atlas_clear(a, true);
        a->direct = direct;
    }
}

void text_atlas_set_target(text_atlas_t *a, SDL_Surface *surface)
{
    a->surface = surface;
    atlas_set_direct(a, surface && a->renderer && a->copies && !a->refused &&
                            text_target_supported(surface));
}

void text_atlas_begin(text_atlas_t *a)
{
    if (a->direct && !text_target_begin(&a->target, a->surface, a->renderer)) {
        a->refused = true; /* scaled, or drawing into a texture: the renderer draws glyphs */
        atlas_set_direct(a, false);
    }
}

void text_atlas_use_copies(text_atlas_t *a, bool copies)
{
    SDL_RendererInfo info;
    text_atlas_flush(a);
    a->copies = copies && a->renderer && SDL_GetRendererInfo(a->renderer, &info) == 0 &&
                (info.flags & SDL_RENDERER_SOFTWARE) != 0;
}

void text_atlas_flush(text_atlas_t *a)
{
    if (a->quads > 0 && a->renderer && a->batch_page >= 0) {
        SDL_RenderGeometry(a->renderer, a->pages[a->batch_page].texture, a->vertices,
                           a->quads * 4, a->indices, a->quads * 6);
    }
    a->quads = 0;
    a->batch_page = -1;
}

static atlas_glyph_t *atlas_slot(atlas_glyph_t *slots, int slot_count, const text_font_t *font,
                                 uint32_t key, Uint32 rgb)
{
    uint32_t h = (key * 2654435761u) ^ ((uint32_t)font->id * 40503u) ^ (rgb * 2246822519u);
    uint32_t mask = (uint32_t)slot_count - 1;
    for (uint32_t k = h & mask;; k = (k + 1) & mask) {
        atlas_glyph_t *s = &slots[k];
        if (!s->key || (s->key == key && s->font == font && s->rgb == rgb)) {
            return s; /* the table is never more than half full: an empty slot ends the probe */
        }
    }
}

/* Room in the table for one more glyph, doubling it when it would be more than half full.
 * False when it is at ATLAS_SLOTS (or out of memory): the atlas must be emptied. */
static bool atlas_table_room(text_atlas_t *a)
{
    if (a->slots && (a->glyph_count + 1) * 2 <= a->slot_count) {
        return true;
    }
    int count = a->slots ? a->slot_count * 2 : ATLAS_SLOTS_MIN;
    if (count > ATLAS_SLOTS) {
        return false;
    }
    atlas_glyph_t *slots = calloc((size_t)count, sizeof *slots);
    if (!slots) {
        return false;
    }
    for (int i = 0; i < a->slot_count; i++) {
        const atlas_glyph_t *g = &a->slots[i];
        if (g->key) {
            *atlas_slot(slots, count, g->font, g->key, g->rgb) = *g;
        }
    }
    if (a->slots) {
        memset(a->slots, 0, (size_t)a->slot_count * sizeof *a->slots); /* which glyphs: words */
    }
    free(a->slots);
    a->slots = slots;
    a->slot_count = count;
    return true;
}

/* A page of the given height, empty: in memory when the atlas is direct, else a texture. */
static bool page_make(const text_atlas_t *a, atlas_page_t *pg, int rows)
{
    *pg = (atlas_page_t){.rows = rows};
    if (a->direct) {
        return text_pixels_page_make(&pg->mem, rows);
    }
    pg->texture = SDL_CreateTexture(a->renderer, SDL_PIXELFORMAT_ARGB8888,
                                    SDL_TEXTUREACCESS_STATIC, TEXT_ATLAS_PAGE_PX, rows);
    if (pg->texture) {
        SDL_SetTextureBlendMode(pg->texture, SDL_BLENDMODE_BLEND);
    }
    return pg->texture != NULL;
}

/* The glyph's coverage as alpha in its colour, at (x, y) of the page. */
static bool atlas_upload(atlas_page_t *pg, int x, int y, const text_glyph_bitmap_t *bm, Uint32 rgb)
{
    if (pg->mem.pixels) {
        text_pixels_page_put(&pg->mem, x, y, bm); /* coverage alone: drawn in any colour */
        return true;
    }
    SDL_Texture *t = pg->texture;
    Uint32 *argb = malloc((size_t)bm->width * (size_t)bm->rows * 4);
    if (!argb) {
        return false;
    }
    for (int r = 0; r < bm->rows; r++) {
        const unsigned char *src = bm->pixels + (ptrdiff_t)r * bm->pitch;
        Uint32 *dst = argb + (size_t)r * (size_t)bm->width;
        for (int c = 0; c < bm->width; c++) {
            dst[c] = (Uint32)src[c] << 24 | rgb; /* coverage as alpha */
        }
    }
    bool ok = SDL_UpdateTexture(t, &(SDL_Rect){x, y, bm->width, bm->rows}, argb,
                                bm->width * 4) == 0;
    free(argb);
    return ok;
}

/* Every page freed (zeroed first) and every glyph forgotten; the table keeps its memory. */
static void atlas_drop_pages(text_atlas_t *a)
{
    text_atlas_flush(a); /* queued quads point into the pages */
    atlas_empty(a);
    for (int i = 0; i < pages_held(a); i++) {
        page_free(&a->pages[i], true);
    }
    a->page_count = 0;
    a->kept = 0;
}

/* Page p made at least rows tall: the old texture zeroed and freed first (the peak holds
 * one of the two), then a taller one with every glyph of the page rasterised again at its
 * place. Queued quads from it are drawn first (their texture coordinates are fractions of
 * its height). False (out of memory): every page is dropped, the atlas must start again. */
static bool page_grow(text_atlas_t *a, int p, int rows)
{
    atlas_page_t *pg = &a->pages[p];
    int grown = pg->rows;
    while (grown < rows) {
        grown *= 2;
    }
    if (a->batch_page == p) {
        text_atlas_flush(a);
    }
    page_free(pg, true);
    atlas_page_t grown_page;
    bool ok = page_make(a, &grown_page, grown);
    /* the shelves stay: every glyph goes back where it was */
    pg->texture = grown_page.texture;
    pg->mem = grown_page.mem;
    pg->rows = grown;
    a->grows++;
    for (int i = 0; ok && i < a->slot_count; i++) {
        const atlas_glyph_t *g = &a->slots[i];
        text_glyph_bitmap_t bm;
        /* fails only out of memory: FreeType rasterised each of these before */
        ok = !(g->key && g->page == p) ||
             (text_glyph_render(g->font, g->key - 1, &bm) && bm.width == g->w &&
              bm.rows == g->h && atlas_upload(pg, g->x, g->y, &bm, g->rgb));
    }
    if (!ok) {
        atlas_drop_pages(a);
    }
    return ok;
}

/* Room for a w x h glyph: the first shelf tall enough (and not much taller) with room
 * left, else a new shelf, else a new page. False when every page is full. */
static bool atlas_place(text_atlas_t *a, int w, int h, int *page, int *x, int *y)
{
    int need_w = w + ATLAS_PAD, need_h = h + ATLAS_PAD;
    for (int p = 0; p <= a->page_count && p < TEXT_ATLAS_PAGES_MAX; p++) {
        if (p == a->page_count && p < a->kept && page_held(&a->pages[p])) {
            a->page_count++; /* the zeroed page from before, as tall as it was */
        } else if (p == a->page_count) {
            int rows = a->rows_seen[p] ? a->rows_seen[p] : TEXT_ATLAS_PAGE_ROWS_MIN;
            if (!page_make(a, &a->pages[p], rows)) {
                return false;
            }
            a->page_count++;
        }
        atlas_page_t *pg = &a->pages[p];
        for (int s = 0; s < pg->shelf_count; s++) {
            atlas_shelf_t *sh = &pg->shelves[s];
            if (sh->h >= need_h && sh->h <= need_h + need_h / 4 + 2 &&
                sh->x + need_w <= TEXT_ATLAS_PAGE_PX) {
                *page = p;
                *x = sh->x;
                *y = sh->y;
                sh->x += need_w;
                return true;
            }
        }
        if (pg->shelf_count < ATLAS_SHELVES_MAX && pg->bottom + need_h <= TEXT_ATLAS_PAGE_PX &&
            need_w <= TEXT_ATLAS_PAGE_PX) {
            /* a little taller than this glyph, so its neighbours of the same size fit too */
            int sh_h = need_h + need_h / 8;
            sh_h = pg->bottom + sh_h <= TEXT_ATLAS_PAGE_PX ? sh_h : need_h;
            if (pg->bottom + sh_h > pg->rows && !page_grow(a, p, pg->bottom + sh_h)) {
                return false; /* out of memory: the atlas starts again */
            }
            pg->shelves[pg->shelf_count++] = (atlas_shelf_t){.y = pg->bottom, .h = sh_h,
                                                             .x = need_w};
            *page = p;
            *x = 0;
            *y = pg->bottom;
            pg->bottom += sh_h;
            return true;
        }
    }
    return false;
}

/* Rasterises the glyph into the atlas. False when the atlas must be emptied first. */
static bool atlas_add(text_atlas_t *a, text_font_t *font, unsigned index, Uint32 rgb,
                      atlas_glyph_t *s)
{
    text_glyph_bitmap_t bm;
    *s = (atlas_glyph_t){.key = index + 1, .font = font, .rgb = rgb, .page = -1};
    if (!text_glyph_render(font, index, &bm) || bm.width <= 0 || bm.rows <= 0 ||
        bm.width + ATLAS_PAD > TEXT_ATLAS_PAGE_PX || bm.rows + ATLAS_PAD > TEXT_ATLAS_PAGE_PX) {
        /* nothing to draw, or a glyph larger than a page (hundreds of pixels: no screen
         * has text that large) */
        return true;
    }
    int page = 0, x = 0, y = 0;
    unsigned long grows = a->grows;
    if (!atlas_place(a, bm.width, bm.rows, &page, &x, &y)) {
        s->key = 0;
        return false;
    }
    if (a->batch_page == page) {
        text_atlas_flush(a); /* the page changes under queued quads */
    }
    /* a page that grew rasterised its glyphs again: bm (the font's glyph slot) may now hold
     * another glyph of the same font */
    if ((a->grows != grows && !text_glyph_render(font, index, &bm)) ||
        !atlas_upload(&a->pages[page], x, y, &bm, rgb)) {
        s->key = 0;
        return false;
    }
    s->page = (short)page;
    s->x = (short)x;
    s->y = (short)y;
    s->w = (short)bm.width;
    s->h = (short)bm.rows;
    s->left = (short)bm.left;
    s->top = (short)bm.top;
    return true;
}

/* The glyph's atlas entry, rasterised on a miss; NULL when it cannot be drawn. */
static const atlas_glyph_t *atlas_get(text_atlas_t *a, text_font_t *font, unsigned index,
                                      Uint32 rgb)
{
    atlas_glyph_t *s = a->slots ? atlas_slot(a->slots, a->slot_count, font, index + 1, rgb)
                                : NULL;
    if (s && s->key) {
        a->hits++;
        return s;
    }
    a->misses++;
    bool room = a->glyph_count < TEXT_ATLAS_GLYPHS_MAX && atlas_table_room(a);
    if (room) {
        s = atlas_slot(a->slots, a->slot_count, font, index + 1, rgb); /* the table may be new */
    }
    if (!room || !atlas_add(a, font, index, rgb, s)) {
        /* full: draw what is queued, start again empty (this glyph then always fits) */
        text_atlas_flush(a);
        atlas_empty(a);
        a->resets++;
        if (!atlas_table_room(a)) {
            return NULL; /* no memory for the smallest table */
        }
        s = atlas_slot(a->slots, a->slot_count, font, index + 1, rgb);
        if (!atlas_add(a, font, index, rgb, s)) {
            return NULL;
        }
    }
    a->glyph_count++;
    return s;
}

void text_atlas_draw_glyph(text_atlas_t *a, text_font_t *font, unsigned index, int pen_x,
                           int baseline, SDL_Color color)
{
    if (!a->renderer) {
        return;
    }
    /* pages in memory hold coverage, one glyph for every colour */
    Uint32 rgb = a->direct ? 0 : (Uint32)color.r << 16 | (Uint32)color.g << 8 | color.b;
    const atlas_glyph_t *g = atlas_get(a, font, index, rgb);
    if (!g || g->page < 0) {
        return;
    }
    if (a->direct) {
        text_target_glyph(&a->target, &a->pages[g->page].mem, (SDL_Rect){g->x, g->y, g->w, g->h},
                          pen_x + g->left, baseline - g->top, color);
        return;
    }
    if (a->copies) {
        SDL_Texture *t = a->pages[g->page].texture;
        SDL_SetTextureAlphaMod(t, color.a); /* the glyph has its colour: alpha only */
        SDL_RenderCopy(a->renderer, t, &(SDL_Rect){g->x, g->y, g->w, g->h},
                       &(SDL_Rect){pen_x + g->left, baseline - g->top, g->w, g->h});
        return;
    }
    if (a->batch_page != g->page || a->quads >= TEXT_ATLAS_BATCH_GLYPHS) {
        text_atlas_flush(a);
        a->batch_page = g->page;
    }
    float x0 = (float)(pen_x + g->left), y0 = (float)(baseline - g->top);
    float x1 = x0 + (float)g->w, y1 = y0 + (float)g->h;
    /* powers of two: these fractions are exact, and the renderer's texel back from them */
    const float su = 1.0f / TEXT_ATLAS_PAGE_PX, sv = 1.0f / (float)a->pages[g->page].rows;
    float u0 = (float)g->x * su, v0 = (float)g->y * sv;
    float u1 = (float)(g->x + g->w) * su, v1 = (float)(g->y + g->h) * sv;
    color = (SDL_Color){255, 255, 255, color.a}; /* the glyph has its colour: alpha only */
    SDL_Vertex *v = &a->vertices[a->quads * 4];
    v[0] = (SDL_Vertex){{x0, y0}, color, {u0, v0}};
    v[1] = (SDL_Vertex){{x1, y0}, color, {u1, v0}};
    v[2] = (SDL_Vertex){{x1, y1}, color, {u1, v1}};
    v[3] = (SDL_Vertex){{x0, y1}, color, {u0, v1}};
    int *ix = &a->indices[a->quads * 6];
    int base = a->quads * 4;
    ix[0] = base;
    ix[1] = base + 1;
    ix[2] = base + 2;
    ix[3] = base;
    ix[4] = base + 2;
    ix[5] = base + 3;
    a->quads++;
}

void text_atlas_stats(const text_atlas_t *a, text_cache_stats_t *s)
{
    s->texture_hits = a->hits;
    s->texture_misses = a->misses;
    s->textures = a->page_count;
    s->texture_bytes = 0; /* pages in use and those kept for reuse: memory held */
    for (int i = 0; i < pages_held(a); i++) {
        /* coverage alone in memory; colour and alpha in a texture */
        int bytes_a_pixel = a->pages[i].mem.pixels ? 1 : 4;
        s->texture_bytes += (size_t)TEXT_ATLAS_PAGE_PX * (size_t)a->pages[i].rows * bytes_a_pixel;
    }
    s->glyphs = a->glyph_count;
    s->atlas_resets = a->resets;
}
