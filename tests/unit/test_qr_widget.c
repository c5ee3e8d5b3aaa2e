/* The on-screen QR widget: at least 30 mm on every supported screen, whole-pixel
 * modules, a light plate in the high-contrast theme, and nothing for a link that is not
 * allowed. (zbarimg reads the drawn codes in tests/integration/print_qr_screen.sh.) */
#include "support_kiosk.h"

#include "qr/qr.h"
#include "ui/qr_widget.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define URL "https://www.samaritans.org/"

static void test_at_least_30_mm_on_every_screen(void **state)
{
    static const struct {
        int w, h;
        double diagonal_in;
    } screens[] = {{1920, 1080, 21.5}, {1280, 720, 15.6}, {3840, 2160, 32},
                   {1080, 1920, 21.5}, {1280, 800, 10.1}, {1920, 1080, 55}};
    for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++) {
        ui_t ui = {.w = screens[i].w, .h = screens[i].h};
        int size = 37; /* a version 3 code with its quiet zone */
        int px = ui_qr_module_px(&ui, size, screens[i].diagonal_in);
        double px_per_mm =
            sqrt((double)ui.w * ui.w + (double)ui.h * ui.h) / (screens[i].diagonal_in * 25.4);
        double mm = size * px / px_per_mm;
        double mm_one_less = size * (px - 1) / px_per_mm;
        if (mm < UI_QR_MIN_MM || (px > 1 && mm_one_less >= UI_QR_MIN_MM)) {
            fail_msg("%dx%d at %.1f in: %d px a module gives %.1f mm (want the smallest "
                     "whole scale >= %.0f mm)",
                     ui.w, ui.h, screens[i].diagonal_in, px, mm, UI_QR_MIN_MM);
        }
    }
}

static SDL_Color pixel(SDL_Surface *s, int x, int y)
{
    Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
    SDL_Color c;
    SDL_GetRGBA(p, s->format, &c.r, &c.g, &c.b, &c.a);
    return c;
}

static void test_light_plate_and_whole_pixels_in_high_contrast(void **state)
{
    runtime_t rt;
    support_runtime_open(&rt, 1280, 720);
    ui_t *ui = &rt.ui;
    theme_init(&ui->theme, rt.w, rt.h, true, THEME_TEXT_NORMAL);
    ui_begin_frame(ui, rt.w, rt.h, "en", false);
    ui_qr_opts_t o = {.screen_diagonal_in = 15.6, .allowed_hosts = rt.cfg.qr_allowed_hosts};
    SDL_Rect r = {100, 100, 400, 500};
    int used = ui_qr(ui, "support.samaritans.qr", URL, "Samaritans", r, &o);
    int bad = ui_qr(ui, "support.bad.qr", "https://evil.example/", "Bad", r, &o);
    ui_end_frame(ui);
    SDL_RenderPresent(rt.renderer);

    assert_int_equal(bad, 0);                   /* a link not allowed draws nothing */
    assert_null(ui_find(ui, "support.bad.qr")); /* and is not on screen */
    const ui_widget_t *w = ui_find(ui, "support.samaritans.qr");
    assert_non_null(w);
    assert_string_equal(w->text, URL); /* tests can read where it leads */
    assert_true(used > w->rect.h);     /* caption and host below the code */
    assert_int_equal(w->rect.w, ui_qr_side(ui, URL, &o));

    char err[256];
    qr_code_t *qr = qr_code_create(URL, QR_ECC_M, err, sizeof err);
    int px = w->rect.w / qr->size;
    assert_int_equal(w->rect.w, px * qr->size); /* whole pixels per module */
    SDL_Color bg = pixel(rt.surface, 20, 20);
    assert_int_equal(bg.r, 0); /* the high-contrast screen is black */
    SDL_Color quiet = pixel(rt.surface, w->rect.x + 1, w->rect.y + 1);
    assert_int_equal(quiet.r + quiet.g + quiet.b, 3 * 255); /* quiet zone: white */
    /* Every module is one flat colour: dark modules black, light ones white. */
    for (int my = 0; my < qr->size; my++) {
        for (int mx = 0; mx < qr->size; mx++) {
            bool dark = qr_code_dark(qr, mx, my);
            for (int k = 0; k < 2; k++) {
                int x = w->rect.x + mx * px + k * (px - 1), y = w->rect.y + my * px + k * (px - 1);
                SDL_Color c = pixel(rt.surface, x, y);
                if (c.r != (dark ? 0 : 255) || c.g != c.r || c.b != c.r) {
                    fail_msg("module (%d, %d) pixel (%d, %d) is %d,%d,%d, want %s", mx, my, x, y,
                             c.r, c.g, c.b, dark ? "black" : "white");
                }
            }
        }
    }
    qr_code_destroy(qr);
    support_runtime_close(&rt);
}

/* The plate of URL drawn in a new frame at (100, 100) of the screen at diagonal_in; returns
 * its widget's rectangle. */
static SDL_Rect draw_plate(runtime_t *rt, double diagonal_in)
{
    ui_t *ui = &rt->ui;
    theme_init(&ui->theme, rt->w, rt->h, false, THEME_TEXT_NORMAL);
    ui_begin_frame(ui, rt->w, rt->h, "en", false);
    ui_qr_opts_t o = {.screen_diagonal_in = diagonal_in, .allowed_hosts = rt->cfg.qr_allowed_hosts};
    ui_qr(ui, "support.samaritans.qr", URL, "Samaritans", (SDL_Rect){100, 100, 600, 600}, &o);
    ui_end_frame(ui);
    SDL_RenderPresent(rt->renderer);
    const ui_widget_t *w = ui_find(ui, "support.samaritans.qr"); /* this frame's, once ended */
    assert_non_null(w);
    return w->rect;
}

/* The plate's pixels (w x h, row by row) from the screen. */
static void plate_pixels(const runtime_t *rt, SDL_Rect a, Uint32 *out)
{
    for (int y = 0; y < a.h; y++) {
        memcpy(out + (size_t)y * a.w,
               (const Uint8 *)rt->surface->pixels + (a.y + y) * rt->surface->pitch + a.x * 4,
               (size_t)a.w * 4);
    }
}

/* The cache draws a code once as a picture and copies it after: the same pixels as its
 * blocks filled one by one (no cache), made again at a new module size, and gone (zeroed)
 * when the cache is cleared, as at a session's wipe. */
static void test_picture_as_blocks_and_wiped_with_the_cache(void **state)
{
    runtime_t rt;
    support_runtime_open(&rt, 1280, 720);
    struct ui_qr_cache *cache = rt.ui.qr_cache;
    assert_non_null(cache);
    int sides[2];
    for (int k = 0; k < 2; k++) {
        double diagonal = k ? 10.1 : 15.6; /* a smaller screen: more pixels a module */
        SDL_Rect a = draw_plate(&rt, diagonal);
        sides[k] = a.w;
        assert_int_equal(ui_qr_cache_pictures(cache), 1);
        Uint32 *with = malloc((size_t)a.w * (size_t)a.h * 4);
        Uint32 *without = malloc((size_t)a.w * (size_t)a.h * 4);
        assert_non_null(with);
        assert_non_null(without);
        plate_pixels(&rt, a, with);
        rt.ui.qr_cache = NULL; /* blocks made and filled for this draw */
        SDL_Rect b = draw_plate(&rt, diagonal);
        rt.ui.qr_cache = cache;
        assert_memory_equal(&a, &b, sizeof a);
        plate_pixels(&rt, b, without);
        assert_memory_equal(with, without, (size_t)a.w * (size_t)a.h * 4);
        free(with);
        free(without);
    }
    assert_true(sides[1] > sides[0]); /* the picture was made again, larger */
    ui_qr_cache_clear(cache);
    assert_int_equal(ui_qr_cache_pictures(cache), 0);
    support_runtime_close(&rt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_at_least_30_mm_on_every_screen),
        cmocka_unit_test(test_light_plate_and_whole_pixels_in_high_contrast),
        cmocka_unit_test(test_picture_as_blocks_and_wiped_with_the_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
