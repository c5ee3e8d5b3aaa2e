/* The two ways the atlas draws a glyph give the same pixels: on SDL's software renderer each
 * glyph is copied as a rectangle (SDL_RenderCopy, with the colour's alpha as the texture's
 * alpha), elsewhere queued as a quad (SDL_RenderGeometry). For runs in several scripts, in
 * opaque and translucent colours, over a background of several colours, the frame drawn
 * by copies equals the frame drawn by quads pixel for pixel, and the text put ink there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "text/text_internal.h"
#include "text_test_util.h"

#include <SDL_ttf.h>

#define COPIES_W 1400
#define COPIES_H 400

typedef struct canvas {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
} canvas_t;

static void draw_runs(text_engine_t *e, canvas_t *c, bool copies)
{
    text_engine_set_renderer(e, c->renderer);
    text_atlas_use_copies(e->atlas, copies);
    text_test_stripes(c->renderer, COPIES_W, COPIES_H);
    assert_true(text_test_draw_runs(e, COPIES_W));
    SDL_RenderFlush(c->renderer);
}

static void test_copies_equal_quads(void **state)
{
    (void)state;
    assert_int_equal(TTF_Init(), 0);
    text_engine_t *e = text_test_engine();
    assert_non_null(e);
    canvas_t a, b;
    a.surface = SDL_CreateRGBSurfaceWithFormat(0, COPIES_W, COPIES_H, 32, SDL_PIXELFORMAT_ARGB8888);
    b.surface = SDL_CreateRGBSurfaceWithFormat(0, COPIES_W, COPIES_H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(a.surface);
    assert_non_null(b.surface);
    a.renderer = SDL_CreateSoftwareRenderer(a.surface);
    b.renderer = SDL_CreateSoftwareRenderer(b.surface);
    assert_non_null(a.renderer);
    assert_non_null(b.renderer);

    draw_runs(e, &a, true);
    draw_runs(e, &b, false);
    text_engine_set_renderer(e, NULL);

    long differ = 0, inked = 0;
    int first_x = -1, first_y = -1;
    canvas_t bare = {SDL_CreateRGBSurfaceWithFormat(0, COPIES_W, COPIES_H, 32,
                                                    SDL_PIXELFORMAT_ARGB8888), NULL};
    assert_non_null(bare.surface);
    bare.renderer = SDL_CreateSoftwareRenderer(bare.surface);
    assert_non_null(bare.renderer);
    text_test_stripes(bare.renderer, COPIES_W, COPIES_H);
    SDL_RenderFlush(bare.renderer);
    for (int y = 0; y < COPIES_H; y++) {
        const Uint32 *pa = (const Uint32 *)((const Uint8 *)a.surface->pixels + y * a.surface->pitch);
        const Uint32 *pb = (const Uint32 *)((const Uint8 *)b.surface->pixels + y * b.surface->pitch);
        const Uint32 *p0 =
            (const Uint32 *)((const Uint8 *)bare.surface->pixels + y * bare.surface->pitch);
        for (int x = 0; x < COPIES_W; x++) {
            if (pa[x] != pb[x] && differ++ == 0) {
                first_x = x;
                first_y = y;
            }
            inked += pa[x] != p0[x];
        }
    }
    if (differ) {
        fprintf(stderr, "copies and quads differ at %ld pixels, first at (%d, %d)\n", differ,
                first_x, first_y);
    }
    assert_int_equal(differ, 0); /* glyphs copied as rectangles = glyphs drawn as quads */
    assert_true(inked > 10000);  /* and the runs were drawn at all */
    SDL_DestroyRenderer(bare.renderer);
    SDL_FreeSurface(bare.surface);
    SDL_DestroyRenderer(a.renderer);
    SDL_DestroyRenderer(b.renderer);
    SDL_FreeSurface(a.surface);
    SDL_FreeSurface(b.surface);
    text_engine_destroy(e);
    TTF_Quit();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copies_equal_quads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
