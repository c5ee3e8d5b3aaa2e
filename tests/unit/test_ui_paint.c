/* ui/paint.c and ui/disc.c change how the software renderer is asked to draw a frame, never
 * what it draws:
 *  - a split rectangle is covered exactly by its pieces, with the core aligned;
 *  - a frame drawn with the lazy clear (fills over part of the background, text-like blends,
 *    a clipped fill, an untouched corner) equals the same frame drawn after a whole clear;
 *  - a disc drawn from spans equals its fan of triangles, at many radii and centres. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ui/disc.h"
#include "ui/paint.h"
#include "test_canvas.h"

#include <stdio.h>

#define PAINT_W 1000
#define PAINT_H 600

typedef test_canvas_t canvas_t;

/* A canvas holding last frame's pixels, to be painted over. */
static canvas_t canvas_make(int w, int h)
{
    canvas_t c = test_canvas_open(w, h, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(c.surface, NULL, 0xFF123456);
    return c;
}

/* Pixels where a and b differ (printing the first). */
static long canvas_diff(const canvas_t *a, const canvas_t *b)
{
    long n = 0;
    for (int y = 0; y < a->surface->h; y++) {
        const Uint32 *pa = (const Uint32 *)((const Uint8 *)a->surface->pixels + y * a->surface->pitch);
        const Uint32 *pb = (const Uint32 *)((const Uint8 *)b->surface->pixels + y * b->surface->pitch);
        for (int x = 0; x < a->surface->w; x++) {
            if (pa[x] != pb[x] && n++ == 0) {
                fprintf(stderr, "first difference at (%d, %d): %08x against %08x\n", x, y,
                        pa[x], pb[x]);
            }
        }
    }
    return n;
}

static void test_split_covers_exactly(void **state)
{
    (void)state;
    static const SDL_Rect rects[] = {{0, 0, 1920, 1080}, {101, 5, 800, 3}, {100, 0, 16, 1},
                                     {17, 2, 30, 4},     {3, 3, 10, 10},   {-7, 0, 50, 2},
                                     {31, 9, 1, 1},      {48, 1, 33, 7},   {5, 5, 0, 5}};
    for (size_t i = 0; i < sizeof rects / sizeof rects[0]; i++) {
        SDL_Rect out[3];
        int n = paint_split_rect(rects[i], out);
        assert_true(n >= 1 && n <= 3);
        long area = 0;
        for (int k = 0; k < n; k++) {
            area += (long)out[k].w * out[k].h;
            SDL_Rect in;
            /* every piece inside the rectangle, none overlapping another */
            assert_true(rects[i].w == 0 ||
                        (SDL_IntersectRect(&out[k], &rects[i], &in) && SDL_RectEquals(&in, &out[k])));
            for (int j = 0; j < k; j++) {
                assert_false(SDL_HasIntersection(&out[j], &out[k]));
            }
        }
        assert_int_equal(area, (long)rects[i].w * rects[i].h); /* together all of it */
        if (n > 1) { /* the first piece is the aligned core */
            assert_int_equal(((out[0].x % PAINT_ALIGN_PX) + PAINT_ALIGN_PX) % PAINT_ALIGN_PX, 0);
            assert_int_equal(out[0].w % PAINT_ALIGN_PX, 0);
        }
    }
}

/* A translucent square texture: what text and pictograms blend onto the background. */
static SDL_Texture *blob(SDL_Renderer *r)
{
    SDL_Texture *t = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC,
                                       40, 40);
    Uint32 px[40 * 40];
    for (int i = 0; i < 40 * 40; i++) {
        px[i] = (Uint32)((i * 37) % 256) << 24 | 0x00204080u;
    }
    SDL_UpdateTexture(t, NULL, px, 40 * 4);
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    return t;
}

static const SDL_Color BG = {250, 248, 240, 255};

/* The same drawing, through paint (lazy) or straight to SDL after a whole clear (eager). */
static void frame(canvas_t *c, paint_t *p)
{
    SDL_Texture *t = blob(c->renderer);
    const SDL_Rect card = {37, 21, 610, 333}, inside = {77, 61, 120, 50};
    const SDL_Rect over_edge = {600, 300, 90, 90}, clipped = {700, 10, 280, 400};
    const SDL_Rect clip = {720, 40, 201, 97};
    const SDL_Rect late = {100, 420, 90, 90}, late_fill = {120, 440, 40, 40};
    const SDL_Color surface = {255, 255, 255, 255}, dark = {10, 20, 30, 255};
    if (p) {
        paint_begin(p, PAINT_W, PAINT_H, BG);
        assert_true(paint_pending_tiles(p) > 0); /* the lazy clear is what is tested */
        paint_fill_rects(p, &card, 1, surface);
        paint_prepare(p, inside);
        SDL_RenderCopy(c->renderer, t, NULL, &inside); /* blends onto the card */
        paint_prepare(p, over_edge);
        SDL_RenderCopy(c->renderer, t, NULL, &over_edge); /* half on the background */
        SDL_RenderSetClipRect(c->renderer, &clip);
        paint_fill_rects(p, &clipped, 1, dark); /* only the clip's part is written */
        SDL_RenderSetClipRect(c->renderer, NULL);
        paint_prepare(p, late);
        SDL_RenderCopy(c->renderer, t, NULL, &late); /* and a fill over it, after it */
        paint_fill_rects(p, &late_fill, 1, dark);
        paint_end(p);
    } else {
        SDL_SetRenderDrawColor(c->renderer, BG.r, BG.g, BG.b, 255);
        SDL_RenderClear(c->renderer);
        SDL_SetRenderDrawColor(c->renderer, surface.r, surface.g, surface.b, 255);
        SDL_RenderFillRect(c->renderer, &card);
        SDL_RenderCopy(c->renderer, t, NULL, &inside);
        SDL_RenderCopy(c->renderer, t, NULL, &over_edge);
        SDL_RenderSetClipRect(c->renderer, &clip);
        SDL_SetRenderDrawColor(c->renderer, dark.r, dark.g, dark.b, 255);
        SDL_RenderFillRect(c->renderer, &clipped);
        SDL_RenderSetClipRect(c->renderer, NULL);
        SDL_RenderCopy(c->renderer, t, NULL, &late);
        SDL_RenderFillRect(c->renderer, &late_fill);
    }
    SDL_RenderFlush(c->renderer);
    SDL_DestroyTexture(t);
}

static void test_lazy_clear_same_frame(void **state)
{
    (void)state;
    canvas_t lazy = canvas_make(PAINT_W, PAINT_H), eager = canvas_make(PAINT_W, PAINT_H);
    paint_t *p = paint_create(lazy.renderer);
    assert_non_null(p);
    frame(&lazy, p);
    frame(&eager, NULL);
    assert_int_equal(canvas_diff(&lazy, &eager), 0); /* every pixel as after a whole clear */
    paint_destroy(p);
    test_canvas_close(&lazy);
    test_canvas_close(&eager);
}

/* Fills written into the surface directly (paint_set_target) are SDL's fills pixel for
 * pixel: the same frame (lazy clear, clip, blending over the fills), through a viewport that
 * starts above a band of the frame, and a translucent fill over it, which SDL blends. */
static void test_direct_fills_same_frame(void **state)
{
    (void)state;
    canvas_t direct = canvas_make(PAINT_W, PAINT_H), eager = canvas_make(PAINT_W, PAINT_H);
    paint_t *p = paint_create(direct.renderer);
    assert_non_null(p);
    paint_set_target(p, direct.surface);
    frame(&direct, p);
    frame(&eager, NULL);
    assert_int_equal(canvas_diff(&direct, &eager), 0); /* pixels that differ */
    paint_destroy(p);
    test_canvas_close(&direct);
    test_canvas_close(&eager);

    const int top = 150, rows = 200; /* rows [150, 350) of the frame, as a screenshot band */
    canvas_t band[2] = {canvas_make(PAINT_W, rows), canvas_make(PAINT_W, rows)};
    const SDL_Color veil = {0, 0, 80, 96};
    for (int k = 0; k < 2; k++) {
        paint_t *q = paint_create(band[k].renderer);
        assert_non_null(q);
        paint_set_target(q, k ? band[k].surface : NULL);
        SDL_RenderSetViewport(band[k].renderer, &(SDL_Rect){0, -top, PAINT_W, top + rows});
        paint_begin(q, PAINT_W, PAINT_H, BG); /* cleared at once: the viewport is offset */
        paint_fill_rects(q, &(SDL_Rect){37, 21, 610, 333}, 1, (SDL_Color){255, 255, 255, 255});
        SDL_RenderSetClipRect(band[k].renderer, &(SDL_Rect){720, 40, 201, 197});
        paint_fill_rects(q, &(SDL_Rect){700, 10, 280, 400}, 1, (SDL_Color){10, 20, 30, 255});
        SDL_RenderSetClipRect(band[k].renderer, NULL);
        SDL_SetRenderDrawBlendMode(band[k].renderer, SDL_BLENDMODE_BLEND);
        paint_fill_rects(q, &(SDL_Rect){20, 100, 500, 150}, 1, veil);
        paint_end(q);
        SDL_SetRenderDrawBlendMode(band[k].renderer, SDL_BLENDMODE_NONE);
        SDL_RenderFlush(band[k].renderer);
        paint_destroy(q);
    }
    assert_int_equal(canvas_diff(&band[1], &band[0]), 0);
    test_canvas_close(&band[0]);
    test_canvas_close(&band[1]);
}

/* A window's software renderer queues its drawing (batching), unlike one made on a surface:
 * fills written into the window's surface come after what was queued before them. SDL's
 * dummy video driver gives a window a surface in memory. */
static void test_direct_fills_after_queued_drawing(void **state)
{
    (void)state;
    canvas_t w = test_canvas_window(PAINT_W, PAINT_H);
    canvas_t eager = test_canvas_open(PAINT_W, PAINT_H, w.surface->format->format);
    paint_t *p = paint_create(w.renderer);
    assert_non_null(p);
    paint_set_target(p, w.surface);
    frame(&w, p);
    frame(&eager, NULL);
    assert_int_equal(canvas_diff(&w, &eager), 0); /* pixels that differ */
    paint_destroy(p);
    test_canvas_close(&eager);
    test_canvas_close(&w);
}

static void test_disc_spans_equal_triangles(void **state)
{
    (void)state;
    canvas_t spans = canvas_make(1920, 1080), tris = canvas_make(1920, 1080);
    paint_t *p = paint_create(spans.renderer);
    disc_cache_t *discs = disc_cache_create(spans.renderer);
    assert_non_null(p);
    assert_non_null(discs);
    paint_begin(p, 1920, 1080, BG);
    SDL_SetRenderDrawColor(tris.renderer, BG.r, BG.g, BG.b, 255);
    SDL_RenderClear(tris.renderer);
    int drawn = 0;
    for (int radius = 1; radius <= 40; radius += 3) {
        for (int k = 0; k < 12; k++) {
            /* centres near the origin and far from it (float rounding differs there) */
            int cx = 3 + k * 157 + radius, cy = 5 + (k * 89 + radius * 13) % 1000;
            SDL_Color c = {(Uint8)(radius * 6), (Uint8)(k * 20), 90, 255};
            disc_draw(discs, p, cx, cy, radius, c);
            disc_draw_triangles(tris.renderer, cx, cy, radius, c);
            drawn++;
        }
    }
    paint_end(p);
    SDL_RenderFlush(spans.renderer);
    SDL_RenderFlush(tris.renderer);
    assert_int_equal(canvas_diff(&spans, &tris), 0); /* spans = the triangles' pixels */
    /* nearly all from spans: the test compares the spans, not triangles with themselves */
    assert_true(disc_cache_span_draws(discs) * 10 >= (unsigned long)drawn * 9);
    disc_cache_destroy(discs);
    paint_destroy(p);
    test_canvas_close(&spans);
    test_canvas_close(&tris);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_covers_exactly),
        cmocka_unit_test(test_lazy_clear_same_frame),
        cmocka_unit_test(test_direct_fills_same_frame),
        cmocka_unit_test(test_direct_fills_after_queued_drawing),
        cmocka_unit_test(test_disc_spans_equal_triangles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
