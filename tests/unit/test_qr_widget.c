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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_at_least_30_mm_on_every_screen),
        cmocka_unit_test(test_light_plate_and_whole_pixels_in_high_contrast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
