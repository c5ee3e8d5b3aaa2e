#include "ui/paint.h"

#include "text/text.h"
#include "ui/damage.h"

#include <pixman.h>
#include <stdlib.h>
#include <string.h>

#define PAINT_BATCH_RECTS 48 /* rectangles handed to SDL in one call */
#define PAINT_WHAT_MAX 48    /* bytes of a drawing's note hashed with its place at once */

struct paint {
    SDL_Renderer *renderer;
    bool software; /* SDL's software renderer: fills split, the clear made lazily */
    bool lazy;     /* this frame's clear is lazy */
    bool dry;      /* nothing is written (paint_set_dry) */
    /* the software renderer's surface, when known (paint_set_target): fills are written
     * into it with plain stores */
    SDL_Surface *target;
    SDL_Color bg;
    int cols, rows, w, h;
    int pending;                            /* tiles not cleared nor covered yet */
    unsigned char tiles[PAINT_TILES_MAX]; /* 1: still to clear */
    short row_pending[PAINT_TILES_MAX];   /* of each row of tiles: most rows soon have none */
    SDL_Rect clears[PAINT_BATCH_RECTS];     /* tiles to clear, queued */
    int clear_count;
    /* the frame is drawn only where it changed (ui/damage.h): the pixels stay in a surface
     * of the frame's size, drawn on directly */
    bool tracked;
    damage_t damage;
    SDL_Rect clip; /* the UI's clip (paint_clip), as it asked: what the notes are cut to */
    bool clipped;
    SDL_Rect limit; /* this frame writes only here (paint_limit) */
    bool limited;
    bool drawn_whole; /* not followed, and this frame was drawn (not dry) */
};

paint_t *paint_create(SDL_Renderer *renderer)
{
    paint_t *p = calloc(1, sizeof *p);
    SDL_RendererInfo info;
    if (p && !damage_init(&p->damage, PAINT_TILES_MAX)) {
        free(p);
        return NULL;
    }
    if (p) {
        p->renderer = renderer;
        p->software = renderer && SDL_GetRendererInfo(renderer, &info) == 0 &&
                      (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    }
    return p;
}

void paint_destroy(paint_t *p)
{
    if (p) {
        damage_free(&p->damage);
    }
    free(p);
}

uint32_t paint_rgba(SDL_Color c)
{
    return (uint32_t)c.r << 24 | (uint32_t)c.g << 16 | (uint32_t)c.b << 8 | c.a;
}

/* A drawing over area, decided by the n bytes at what: cut to the UI's clip and noted in
 * the tiles it covers, its place and clip part of what it is. */
static void note(paint_t *p, SDL_Rect area, const void *what, size_t n)
{
    if (!p->tracked || (p->clipped && !SDL_IntersectRect(&area, &p->clip, &area)) ||
        area.w <= 0 || area.h <= 0) {
        return;
    }
    unsigned char bytes[sizeof area + PAINT_WHAT_MAX];
    memcpy(bytes, &area, sizeof area);
    if (n <= PAINT_WHAT_MAX) { /* one hash: there are hundreds a frame */
        memcpy(bytes + sizeof area, what, n);
        damage_note(&p->damage, area, damage_hash(0, bytes, sizeof area + n));
    } else {
        damage_note(&p->damage, area, damage_hash(damage_hash(0, &area, sizeof area), what, n));
    }
}

/* SDL's clip: the UI's, within the frame's limit. An empty rectangle clips everything
 * away, as SDL_RenderSetClipRect() has it. */
static void sdl_clip(paint_t *p)
{
    SDL_Rect r = p->clip;
    if (p->limited && p->clipped && !SDL_IntersectRect(&p->clip, &p->limit, &r)) {
        r = (SDL_Rect){p->limit.x, p->limit.y, 0, 0};
    } else if (p->limited && !p->clipped) {
        r = p->limit;
    }
    SDL_RenderSetClipRect(p->renderer, p->limited || p->clipped ? &r : NULL);
}

void paint_clip(paint_t *p, const SDL_Rect *clip)
{
    p->clipped = clip != NULL;
    p->clip = clip ? *clip : (SDL_Rect){0, 0, 0, 0};
    sdl_clip(p);
}

bool paint_get_clip(const paint_t *p, SDL_Rect *clip)
{
    *clip = p->clip;
    return p->clipped;
}

void paint_limit(paint_t *p, const SDL_Rect *limit)
{
    p->limited = limit != NULL;
    p->limit = limit ? *limit : (SDL_Rect){0, 0, 0, 0};
}

bool paint_changed(const paint_t *p, SDL_Rect *changed)
{
    if (!p->tracked) { /* the last drawing not dry drew it whole */
        *changed = (SDL_Rect){0, 0, p->w, p->h};
        return !p->drawn_whole;
    }
    return damage_changed(&p->damage, changed);
}

void paint_forget(paint_t *p)
{
    damage_forget(&p->damage);
}

void paint_wipe(paint_t *p)
{
    damage_wipe(&p->damage);
}

/* Rounded towards minus infinity: a rectangle may start left of the screen. */
static int align_down(int x, int unit)
{
    return x >= 0 ? x / unit * unit : -((-x + unit - 1) / unit * unit);
}

int paint_split_rect(SDL_Rect r, SDL_Rect out[3])
{
    int right = r.x + r.w;
    int core_x = align_down(r.x + PAINT_ALIGN_PX - 1, PAINT_ALIGN_PX);
    int core_end = align_down(right, PAINT_ALIGN_PX);
    if (r.w <= 0 || r.h <= 0 || core_end <= core_x) {
        out[0] = r; /* narrower than one line: SDL fills it with plain stores alone */
        return 1;
    }
    int n = 0;
    out[n++] = (SDL_Rect){core_x, r.y, core_end - core_x, r.h};
    if (core_x > r.x) {
        out[n++] = (SDL_Rect){r.x, r.y, core_x - r.x, r.h};
    }
    if (right > core_end) {
        out[n++] = (SDL_Rect){core_end, r.y, right - core_end, r.h};
    }
    return n;
}

/* The rectangles filled with colour c straight into the target surface, clipped as SDL
 * clips: to the clip rectangle, the viewport and the surface. False (nothing drawn) when
 * SDL must draw them: not direct this frame, or a colour that blends. */
static bool fill_direct(paint_t *p, const SDL_Rect *rects, int n, SDL_Color c)
{
    SDL_BlendMode mode = SDL_BLENDMODE_NONE;
    SDL_Rect bound;
    SDL_Point at;
    SDL_GetRenderDrawBlendMode(p->renderer, &mode);
    if (!p->software || !p->target || (mode != SDL_BLENDMODE_NONE && c.a != 255) ||
        !text_surface_bound(p->renderer, p->target, &bound, &at)) {
        return false;
    }
    SDL_RenderFlush(p->renderer); /* what SDL queued lies under these */
    SDL_Surface *s = p->target;
    uint32_t pixel = SDL_MapRGBA(s->format, c.r, c.g, c.b, c.a);
    for (int i = 0; i < n; i++) {
        SDL_Rect r = {rects[i].x + at.x, rects[i].y + at.y, rects[i].w, rects[i].h};
        if (SDL_IntersectRect(&r, &bound, &r)) {
            pixman_fill(s->pixels, s->pitch / 4, 32, r.x, r.y, r.w, r.h, pixel);
        }
    }
    return true;
}

/* The rectangles filled with colour c: into the target, else by SDL, split on the software
 * renderer. */
static void fill_split(paint_t *p, const SDL_Rect *rects, int n, SDL_Color c)
{
    if (fill_direct(p, rects, n, c)) {
        return;
    }
    SDL_SetRenderDrawColor(p->renderer, c.r, c.g, c.b, c.a);
    if (!p->software) {
        SDL_RenderFillRects(p->renderer, rects, n);
        return;
    }
    SDL_Rect batch[PAINT_BATCH_RECTS];
    int queued = 0;
    for (int i = 0; i < n; i++) {
        if (queued + 3 > PAINT_BATCH_RECTS) {
            SDL_RenderFillRects(p->renderer, batch, queued);
            queued = 0;
        }
        queued += paint_split_rect(rects[i], &batch[queued]);
    }
    if (queued > 0) {
        SDL_RenderFillRects(p->renderer, batch, queued);
    }
}

/* The queued tile clears drawn: in the background colour, ignoring the clip rectangle as
 * SDL_RenderClear() does. Leaves the draw colour changed. */
static void clears_flush(paint_t *p)
{
    if (p->clear_count == 0) {
        return;
    }
    SDL_Rect clip;
    bool clipped = SDL_RenderIsClipEnabled(p->renderer);
    if (clipped) {
        SDL_RenderGetClipRect(p->renderer, &clip);
        SDL_RenderSetClipRect(p->renderer, NULL);
    }
    fill_split(p, p->clears, p->clear_count, (SDL_Color){p->bg.r, p->bg.g, p->bg.b, 255});
    if (clipped) {
        SDL_RenderSetClipRect(p->renderer, &clip);
    }
    p->clear_count = 0;
}

/* Tiles col0..col1-1 of row queued for clearing (one rectangle), marked cleared. */
static void clear_run(paint_t *p, int row, int col0, int col1)
{
    if (p->clear_count == PAINT_BATCH_RECTS) {
        clears_flush(p);
    }
    int x = col0 * PAINT_TILE_W, y = row * PAINT_TILE_H;
    int right = col1 * PAINT_TILE_W < p->w ? col1 * PAINT_TILE_W : p->w;
    int bottom = y + PAINT_TILE_H < p->h ? y + PAINT_TILE_H : p->h;
    p->clears[p->clear_count++] = (SDL_Rect){x, y, right - x, bottom - y};
    memset(&p->tiles[row * p->cols + col0], 0, (size_t)(col1 - col0));
    p->pending -= col1 - col0;
    p->row_pending[row] = (short)(p->row_pending[row] - (col1 - col0));
}

/* The tile range a rectangle touches, within the frame; false when it touches none. */
static bool tile_span(const paint_t *p, SDL_Rect r, int *c0, int *c1, int *r0, int *r1)
{
    int left = r.x > 0 ? r.x : 0, top = r.y > 0 ? r.y : 0;
    int right = r.x + r.w < p->w ? r.x + r.w : p->w;
    int bottom = r.y + r.h < p->h ? r.y + r.h : p->h;
    if (r.w <= 0 || r.h <= 0 || left >= right || top >= bottom) {
        return false;
    }
    *c0 = left / PAINT_TILE_W;
    *c1 = (right - 1) / PAINT_TILE_W + 1;
    *r0 = top / PAINT_TILE_H;
    *r1 = (bottom - 1) / PAINT_TILE_H + 1;
    return true;
}

/* The tiles an opaque fill of cover writes whole: columns c0..c1-1, rows r0..r1-1 (empty
 * when c0 >= c1 or r0 >= r1). A tile at the frame's right or bottom edge is narrower. */
static void tiles_inside(const paint_t *p, SDL_Rect cover, int *c0, int *c1, int *r0, int *r1)
{
    SDL_Rect frame = {0, 0, p->w, p->h};
    *c0 = *c1 = *r0 = *r1 = 0;
    if (!SDL_IntersectRect(&cover, &frame, &cover)) {
        return;
    }
    int right = cover.x + cover.w, bottom = cover.y + cover.h;
    *c0 = (cover.x + PAINT_TILE_W - 1) / PAINT_TILE_W;
    *c1 = right == p->w ? p->cols : right / PAINT_TILE_W;
    *r0 = (cover.y + PAINT_TILE_H - 1) / PAINT_TILE_H;
    *r1 = bottom == p->h ? p->rows : bottom / PAINT_TILE_H;
}

/* Whether any tile r touches may still be pending (a row of them has one). */
static bool any_pending(const paint_t *p, SDL_Rect r)
{
    int c0, c1, r0, r1;
    if (p->pending == 0 || !tile_span(p, r, &c0, &c1, &r0, &r1)) {
        return false;
    }
    for (int row = r0; row < r1; row++) {
        if (p->row_pending[row] > 0) {
            return true;
        }
    }
    return false;
}

/* Queues the pending tiles r touches for clearing; cover (may be empty) is the part of r an
 * opaque fill writes: tiles wholly inside it are marked done without a clear. */
static void touch(paint_t *p, SDL_Rect r, SDL_Rect cover)
{
    int c0, c1, r0, r1, in_c0, in_c1, in_r0, in_r1;
    if (p->pending == 0 || !tile_span(p, r, &c0, &c1, &r0, &r1)) {
        return;
    }
    tiles_inside(p, cover, &in_c0, &in_c1, &in_r0, &in_r1);
    for (int row = r0; row < r1; row++) {
        unsigned char *tiles = &p->tiles[row * p->cols];
        if (p->row_pending[row] == 0) {
            continue;
        }
        bool row_inside = row >= in_r0 && row < in_r1;
        int run = -1;
        for (int col = c0; col <= c1; col++) {
            bool pending = col < c1 && tiles[col];
            if (pending && row_inside && col >= in_c0 && col < in_c1) {
                tiles[col] = 0; /* the fill writes all of it */
                p->pending--;
                p->row_pending[row]--;
                pending = false;
            }
            if (pending && run < 0) {
                run = col;
            } else if (!pending && run >= 0) {
                clear_run(p, row, run, col);
                run = -1;
            }
        }
    }
}

void paint_set_dry(paint_t *p, bool dry)
{
    p->dry = dry;
}

bool paint_is_dry(const paint_t *p)
{
    return p->dry;
}

/* Fills go straight into the surface with plain stores: SDL's fill of the software
 * renderer streams past the caches (non-temporal stores), and the glyphs blended next read
 * those pixels back from memory (ur/support warm: 2.25 -> 1.66 ms). */
void paint_set_target(paint_t *p, SDL_Surface *surface)
{
    p->target = surface;
}

/* Tiles row r0..r1-1, columns c0..c1-1, left for the lazy clear; the others are not
 * written this frame. */
static void pending_tiles(paint_t *p, int c0, int c1, int r0, int r1)
{
    memset(p->tiles, 0, (size_t)(p->cols * p->rows));
    memset(p->row_pending, 0, sizeof p->row_pending[0] * (size_t)p->rows);
    p->pending = 0;
    for (int row = r0; row < r1; row++) {
        memset(&p->tiles[row * p->cols + c0], 1, (size_t)(c1 - c0));
        p->row_pending[row] = (short)(c1 - c0);
        p->pending += c1 - c0;
    }
}

/* The software renderer drawing w x h at scale 1 from the corner (a scaled renderer rounds
 * rectangle edges: a fill may not write a tile it covers), in tiles the painter can hold. */
static bool plain_frame(const paint_t *p, int w, int h)
{
    float sx = 1, sy = 1;
    SDL_Rect viewport;
    SDL_RenderGetScale(p->renderer, &sx, &sy);
    SDL_RenderGetViewport(p->renderer, &viewport);
    int tiles = ((w + PAINT_TILE_W - 1) / PAINT_TILE_W) * ((h + PAINT_TILE_H - 1) / PAINT_TILE_H);
    return p->software && sx == 1.0f && sy == 1.0f && viewport.x == 0 && viewport.y == 0 &&
           w > 0 && h > 0 && tiles <= PAINT_TILES_MAX;
}

bool paint_follows(const paint_t *p, const SDL_Surface *surface, int w, int h)
{
    return surface && surface->w == w && surface->h == h && plain_frame(p, w, h);
}

void paint_begin(paint_t *p, int w, int h, SDL_Color bg)
{
    p->bg = bg;
    p->w = w;
    p->h = h;
    p->cols = (w + PAINT_TILE_W - 1) / PAINT_TILE_W;
    p->rows = (h + PAINT_TILE_H - 1) / PAINT_TILE_H;
    p->clear_count = 0;
    bool plain = plain_frame(p, w, h);
    p->tracked = paint_follows(p, p->target, w, h);
    if (p->tracked) {
        uint32_t seed[3] = {(uint32_t)bg.r << 16 | (uint32_t)bg.g << 8 | bg.b, (uint32_t)w,
                            (uint32_t)h};
        damage_begin(&p->damage, w, h, PAINT_TILE_W, PAINT_TILE_H, p->target->pixels,
                     p->target->pitch, damage_hash(0, seed, sizeof seed));
    } else {
        damage_forget(&p->damage);
        p->limited = false; /* what is on screen is not known: all of it is drawn */
    }
    p->clipped = false;
    sdl_clip(p);
    p->drawn_whole = !p->tracked && !p->dry;
    if (p->dry) {
        p->lazy = false;
        p->pending = 0;
        return;
    }
    p->lazy = plain;
    if (!p->lazy) {
        p->pending = 0;
        SDL_SetRenderDrawColor(p->renderer, bg.r, bg.g, bg.b, 255);
        SDL_RenderClear(p->renderer);
        return;
    }
    if (p->limited) { /* whole tiles (damage_changed) */
        pending_tiles(p, p->limit.x / PAINT_TILE_W,
                      (p->limit.x + p->limit.w + PAINT_TILE_W - 1) / PAINT_TILE_W,
                      p->limit.y / PAINT_TILE_H,
                      (p->limit.y + p->limit.h + PAINT_TILE_H - 1) / PAINT_TILE_H);
    } else {
        pending_tiles(p, 0, p->cols, 0, p->rows);
    }
}

void paint_draws(paint_t *p, SDL_Rect area, const void *what, size_t n)
{
    note(p, area, what, n);
    if (!p->dry) {
        paint_prepare(p, area);
    }
}

void paint_prepare(paint_t *p, SDL_Rect area)
{
    if (any_pending(p, area)) {
        touch(p, area, (SDL_Rect){0, 0, 0, 0});
        clears_flush(p);
    }
}

void paint_fill_rects(paint_t *p, const SDL_Rect *rects, int n, SDL_Color c)
{
    SDL_BlendMode blend = SDL_BLENDMODE_NONE;
    SDL_GetRenderDrawBlendMode(p->renderer, &blend);
    uint32_t what[2] = {paint_rgba(c), (uint32_t)blend};
    for (int i = 0; i < n; i++) {
        note(p, rects[i], what, sizeof what);
    }
    paint_fill_shape(p, rects, n, c);
}

void paint_fill_shape(paint_t *p, const SDL_Rect *rects, int n, SDL_Color c)
{
    if (p->dry) {
        return;
    }
    SDL_Rect bounds = n > 0 ? rects[0] : (SDL_Rect){0, 0, 0, 0};
    for (int i = 1; i < n; i++) {
        SDL_UnionRect(&bounds, &rects[i], &bounds);
    }
    /* the usual case once the panels are drawn (QR modules, a button's edge): nothing left
     * to clear there */
    if (any_pending(p, bounds)) {
        SDL_BlendMode mode = SDL_BLENDMODE_NONE;
        SDL_Rect clip = {0, 0, p->w, p->h};
        SDL_GetRenderDrawBlendMode(p->renderer, &mode);
        if (SDL_RenderIsClipEnabled(p->renderer)) {
            SDL_RenderGetClipRect(p->renderer, &clip);
        }
        for (int i = 0; i < n; i++) {
            SDL_Rect cover = {0, 0, 0, 0};
            if (mode == SDL_BLENDMODE_NONE) { /* else it blends: the background first */
                SDL_IntersectRect(&rects[i], &clip, &cover);
            }
            touch(p, rects[i], cover);
        }
        clears_flush(p);
    }
    fill_split(p, rects, n, c);
}

void paint_end(paint_t *p)
{
    if (p->pending > 0) {
        touch(p, (SDL_Rect){0, 0, p->w, p->h}, (SDL_Rect){0, 0, 0, 0});
        clears_flush(p);
    }
    if (p->tracked && !p->dry) {
        damage_commit(&p->damage, p->limited ? p->limit : (SDL_Rect){0, 0, p->w, p->h});
    }
    p->clipped = false;
    p->limited = false; /* for this frame only */
    sdl_clip(p);
}

int paint_pending_tiles(const paint_t *p)
{
    return p->lazy ? p->cols * p->rows : 0;
}
