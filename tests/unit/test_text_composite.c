/* Glyphs composited by pixman onto the software renderer's surface (text/composite.c) look
 * as SDL's copies do: for runs in several scripts, opaque and translucent, over stripes of
 * several colours, every pixel is within the rounding of SDL's blend (which truncates) and
 * as many pixels are inked. Drawing there keeps to what SDL would keep to: the clip
 * rectangle, a viewport that starts above a band of the frame, an XRGB surface; a scaled
 * renderer is drawn by SDL instead. A wipe zeroes the pages held in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "text/text_internal.h"
#include "test_canvas.h"
#include "text_test_util.h"

#include <SDL_ttf.h>

#define CW 1400
#define CH 400
/* SDL blends (s*a >> 8) + (d*(255-a) >> 8): each term truncated, and /256 for /255. pixman
 * rounds x*y/255 to nearest. The two agree within this many levels. */
#define ROUNDING_LEVELS 3

typedef test_canvas_t canvas_t;



static Uint32 pixel(const canvas_t *c, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)c->surface->pixels + y * c->surface->pitch))[x];
}

/* The runs drawn on c, composited onto its surface when direct, else copied by SDL; within
 * clip when it is not NULL. */
static void draw_runs(text_engine_t *e, canvas_t *c, bool direct, const SDL_Rect *clip)
{
    text_engine_set_renderer(e, c->renderer);
    text_test_stripes(c->renderer, CW, CH);
    text_engine_set_target(e, direct ? c->surface : NULL);
    SDL_RenderSetClipRect(c->renderer, clip);
    assert_true(text_test_draw_runs(e, CW));
    SDL_RenderSetClipRect(c->renderer, NULL);
    SDL_RenderFlush(c->renderer);
}

static int channel_delta(Uint32 a, Uint32 b)
{
    int worst = 0;
    for (int shift = 0; shift < 24; shift += 8) {
        int d = abs((int)(a >> shift & 0xFF) - (int)(b >> shift & 0xFF));
        worst = d > worst ? d : worst;
    }
    return worst;
}

typedef struct compare {
    int worst;         /* largest channel difference between the two */
    long inked_a;      /* pixels a changed from the bare background */
    long inked_b;
    long outside;      /* pixels b changed outside the clip */
} compare_t;

static compare_t compare(const canvas_t *a, const canvas_t *b, const canvas_t *bare,
                         const SDL_Rect *clip)
{
    compare_t r = {0};
    for (int y = 0; y < CH; y++) {
        for (int x = 0; x < CW; x++) {
            Uint32 pa = pixel(a, x, y), pb = pixel(b, x, y), p0 = pixel(bare, x, y);
            int d = channel_delta(pa, pb);
            r.worst = d > r.worst ? d : r.worst;
            r.inked_a += channel_delta(pa, p0) != 0;
            r.inked_b += channel_delta(pb, p0) != 0;
            bool in = !clip || (x >= clip->x && x < clip->x + clip->w && y >= clip->y &&
                                y < clip->y + clip->h);
            r.outside += !in && channel_delta(pb, p0) != 0;
        }
    }
    return r;
}

typedef struct fixture {
    text_engine_t *e;
    canvas_t copies, direct, bare;
} fixture_t;

static int setup(void **state)
{
    assert_int_equal(TTF_Init(), 0);
    fixture_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->e = text_test_engine();
    assert_non_null(f->e);
    f->copies = test_canvas_open(CW, CH, SDL_PIXELFORMAT_ARGB8888);
    f->direct = test_canvas_open(CW, CH, SDL_PIXELFORMAT_ARGB8888);
    f->bare = test_canvas_open(CW, CH, SDL_PIXELFORMAT_ARGB8888);
    text_test_stripes(f->bare.renderer, CW, CH);
    SDL_RenderFlush(f->bare.renderer);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    text_engine_set_renderer(f->e, NULL);
    test_canvas_close(&f->copies);
    test_canvas_close(&f->direct);
    test_canvas_close(&f->bare);
    text_engine_destroy(f->e);
    free(f);
    TTF_Quit();
    return 0;
}

static void test_composite_as_copies(void **state)
{
    fixture_t *f = *state;
    draw_runs(f->e, &f->copies, false, NULL);
    draw_runs(f->e, &f->direct, true, NULL);
    int rows = 0;
    assert_non_null(text_atlas_page_pixels(f->e->atlas, 0, &rows)); /* pages in memory */
    compare_t r = compare(&f->copies, &f->direct, &f->bare, NULL);
    fprintf(stderr, "composited vs copied: worst %d levels, inked %ld vs %ld pixels\n", r.worst,
            r.inked_b, r.inked_a);
    assert_true(r.inked_a > 10000);                  /* the runs were drawn at all */
    assert_in_range(r.worst, 0, ROUNDING_LEVELS);    /* each pixel where SDL put it */
    assert_true(r.inked_b * 100 >= r.inked_a * 99);  /* and as many of them */
    assert_true(r.inked_b * 100 <= r.inked_a * 101);
}

static void test_composite_keeps_clip(void **state)
{
    fixture_t *f = *state;
    const SDL_Rect clip = {300, 70, 500, 200}; /* cuts through glyphs on every side */
    draw_runs(f->e, &f->copies, false, &clip);
    draw_runs(f->e, &f->direct, true, &clip);
    compare_t r = compare(&f->copies, &f->direct, &f->bare, &clip);
    fprintf(stderr, "clipped: inked %ld vs %ld, %ld outside, worst %d\n", r.inked_b, r.inked_a,
            r.outside, r.worst);
    assert_true(r.inked_a > 1000); /* 1614 today */
    assert_int_equal(r.outside, 0); /* nothing outside the clip */
    assert_in_range(r.worst, 0, ROUNDING_LEVELS);
}

/* A band of the frame (screenshots drawn in bands): rows [top, top + rows) of the whole,
 * drawn through a viewport that starts top rows above the band's surface. */
static void test_composite_band_viewport(void **state)
{
    fixture_t *f = *state;
    const int top = 130, rows = 120;
    draw_runs(f->e, &f->direct, true, NULL);
    canvas_t band = test_canvas_open(CW, rows, SDL_PIXELFORMAT_ARGB8888);
    assert_int_equal(SDL_RenderSetViewport(band.renderer, &(SDL_Rect){0, -top, CW, top + rows}),
                     0);
    draw_runs(f->e, &band, true, NULL);
    long differ = 0;
    for (int y = 0; y < rows; y++) {
        for (int x = 0; x < CW; x++) {
            differ += pixel(&band, x, y) != pixel(&f->direct, x, top + y);
        }
    }
    assert_int_equal(differ, 0); /* the band is the whole's rows, pixel for pixel */
    test_canvas_close(&band);
}

/* X11 gives a window an XRGB surface: composited there as onto ARGB. */
static void test_composite_xrgb(void **state)
{
    fixture_t *f = *state;
    draw_runs(f->e, &f->copies, false, NULL);
    canvas_t x = test_canvas_open(CW, CH, SDL_PIXELFORMAT_RGB888);
    draw_runs(f->e, &x, true, NULL);
    int rows = 0;
    assert_non_null(text_atlas_page_pixels(f->e->atlas, 0, &rows));
    compare_t r = compare(&f->copies, &x, &f->bare, NULL);
    assert_true(r.inked_b > 10000);
    assert_in_range(r.worst, 0, ROUNDING_LEVELS);
    test_canvas_close(&x);
}

/* A scaled renderer cannot be composited onto: SDL draws the glyphs, as it would have. */
static void test_scaled_renderer_drawn_by_sdl(void **state)
{
    fixture_t *f = *state;
    canvas_t a = test_canvas_open(CW, CH, SDL_PIXELFORMAT_ARGB8888);
    canvas_t b = test_canvas_open(CW, CH, SDL_PIXELFORMAT_ARGB8888);
    assert_int_equal(SDL_RenderSetScale(a.renderer, 0.5f, 0.5f), 0);
    assert_int_equal(SDL_RenderSetScale(b.renderer, 0.5f, 0.5f), 0);
    draw_runs(f->e, &a, false, NULL);
    draw_runs(f->e, &b, true, NULL);
    int rows = 0;
    assert_null(text_atlas_page_pixels(f->e->atlas, 0, &rows)); /* textures again */
    long differ = 0, inked = 0;
    for (int y = 0; y < CH / 2; y++) {
        for (int x = 0; x < CW / 2; x++) {
            differ += pixel(&a, x, y) != pixel(&b, x, y);
            inked += pixel(&a, x, y) != pixel(&f->bare, 2 * x, 2 * y);
        }
    }
    assert_true(inked > 1000);
    assert_int_equal(differ, 0);
    test_canvas_close(&a);
    test_canvas_close(&b);
}

/* A window's software renderer queues its drawing (a surface's draws at once): the stripes
 * queued under the text are drawn before the glyphs go onto the window's surface. SDL's
 * dummy video driver gives the window a surface in memory. */
static void test_composite_after_queued_drawing(void **state)
{
    fixture_t *f = *state;
    canvas_t w = test_canvas_window(CW, CH);
    canvas_t copies = test_canvas_open(CW, CH, w.surface->format->format);
    canvas_t bare = test_canvas_open(CW, CH, w.surface->format->format);
    text_test_stripes(bare.renderer, CW, CH);
    draw_runs(f->e, &copies, false, NULL);
    draw_runs(f->e, &w, true, NULL);
    int rows = 0;
    assert_non_null(text_atlas_page_pixels(f->e->atlas, 0, &rows)); /* composited */
    compare_t r = compare(&copies, &w, &bare, NULL);
    assert_true(r.inked_a > 10000);
    assert_in_range(r.worst, 0, ROUNDING_LEVELS);
    assert_true(r.inked_b * 100 >= r.inked_a * 99);
    text_engine_set_renderer(f->e, NULL);
    test_canvas_close(&copies);
    test_canvas_close(&bare);
    test_canvas_close(&w);
}

/* A session's wipe overwrites the glyphs held in memory. */
static void test_forget_zeroes_memory_pages(void **state)
{
    fixture_t *f = *state;
    draw_runs(f->e, &f->direct, true, NULL);
    int rows = 0;
    const Uint8 *px = text_atlas_page_pixels(f->e->atlas, 0, &rows);
    assert_non_null(px);
    long inked = 0;
    for (long i = 0; i < (long)rows * TEXT_ATLAS_PAGE_PX; i++) {
        inked += px[i] != 0;
    }
    assert_true(inked > 1000); /* the glyphs were there */
    text_engine_forget(f->e);
    px = text_atlas_page_pixels(f->e->atlas, 0, &rows); /* kept for the next session */
    assert_non_null(px);
    inked = 0;
    for (long i = 0; i < (long)rows * TEXT_ATLAS_PAGE_PX; i++) {
        inked += px[i] != 0;
    }
    assert_int_equal(inked, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_composite_as_copies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_composite_keeps_clip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_composite_band_viewport, setup, teardown),
        cmocka_unit_test_setup_teardown(test_composite_xrgb, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scaled_renderer_drawn_by_sdl, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forget_zeroes_memory_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_composite_after_queued_drawing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
