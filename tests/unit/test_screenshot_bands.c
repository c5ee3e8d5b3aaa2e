/* A screenshot drawn in bands (runtime_open_headless_banded(), what --screenshot uses)
 * decodes to exactly the pixels of the same screen drawn whole: in English and Urdu
 * (right to left, Nastaliq), a scroll view, the timeout overlay, and when saved twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <png.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support_kiosk.h"

#define TEST_W 1366
#define TEST_H 768
/* 768 = 7 x 100 + 68: the last band is a short one */
#define TEST_BAND_ROWS 100

typedef struct pair {
    runtime_t whole;
    runtime_t banded;
} pair_t;

static void open_runtime(runtime_t *rt, int band_rows)
{
    kiosk_config_t cfg;
    char err[512] = "";
    support_config(&cfg);
    if (!runtime_init(rt, &cfg, err, sizeof err)) {
        fail_msg("runtime_init: %s", err);
    }
    bool ok = band_rows
                  ? runtime_open_headless_banded(rt, TEST_W, TEST_H, band_rows, err, sizeof err)
                  : runtime_open_headless(rt, TEST_W, TEST_H, err, sizeof err);
    if (!ok) {
        fail_msg("opening the headless runtime (bands of %d rows): %s", band_rows, err);
    }
}

static int setup(void **state)
{
    assert_int_equal(SDL_Init(0), 0);
    assert_int_equal(TTF_Init(), 0);
    pair_t *p = calloc(1, sizeof *p); /* two runtimes: large, not on the stack */
    assert_non_null(p);
    open_runtime(&p->whole, 0);
    open_runtime(&p->banded, TEST_BAND_ROWS);
    assert_int_equal(p->banded.band_rows, TEST_BAND_ROWS); /* it really is drawn in bands */
    assert_int_equal(p->banded.surface->h, TEST_BAND_ROWS);
    *state = p;
    return 0;
}

static int teardown(void **state)
{
    pair_t *p = *state;
    runtime_deinit(&p->whole);
    runtime_deinit(&p->banded);
    free(p);
    TTF_Quit();
    SDL_Quit();
    return 0;
}

/* screen in lang, as --screenshot shows it (the timeout warning: over home) */
static void show(runtime_t *rt, const char *screen, const char *lang)
{
    bool warning = strcmp(screen, "timeout") == 0;
    if (!app_go(&rt->app, warning ? "home" : screen)) {
        fail_msg("no screen '%s'", screen);
    }
    app_apply(&rt->app);
    snprintf(rt->app.session.lang, sizeof rt->app.session.lang, "%s", lang);
    if (warning) {
        app_tick(&rt->app, rt->app.last_input_ms + (uint64_t)rt->cfg.idle_s * 1000u);
    }
    runtime_frame(rt);
}

/* Saves rt's frame through runtime_save_png() and decodes it as RGB; caller frees. */
static unsigned char *saved_rgb(runtime_t *rt)
{
    char path[] = "/tmp/test_screenshot_bands_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char err[512] = "";
    if (!runtime_save_png(rt, path, err, sizeof err)) {
        unlink(path);
        fail_msg("runtime_save_png: %s", err);
    }
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&im, path)) {
        unlink(path);
        fail_msg("the saved file is not a PNG libpng reads: %s", im.message);
    }
    if (im.width != TEST_W || im.height != TEST_H) {
        fail_msg("saved %ux%u, expected %dx%d", im.width, im.height, TEST_W, TEST_H);
    }
    im.format = PNG_FORMAT_RGB;
    unsigned char *rgb = malloc(PNG_IMAGE_SIZE(im));
    assert_non_null(rgb);
    if (!png_image_finish_read(&im, NULL, rgb, 0, NULL)) {
        fail_msg("decoding the saved file: %s", im.message);
    }
    unlink(path);
    return rgb;
}

/* Fails naming what, the number of differing pixels and the first row where they differ. */
static void assert_same_pixels(const unsigned char *a, const unsigned char *b, const char *what)
{
    long differ = 0;
    int first_row = -1;
    for (long i = 0; i < (long)TEST_W * TEST_H; i++) {
        if (memcmp(a + i * 3, b + i * 3, 3) != 0) {
            differ++;
            first_row = first_row < 0 ? (int)(i / TEST_W) : first_row;
        }
    }
    if (differ) {
        fail_msg("%s: %ld of %d pixels differ, the first in row %d (band %d)", what, differ,
                 TEST_W * TEST_H, first_row, first_row / TEST_BAND_ROWS);
    }
}

/* Not one colour: a screen that drew nothing would match itself whole and banded. */
static void assert_drawn(const unsigned char *rgb, const char *what)
{
    long other = 0; /* pixels of the top band in another colour than the first pixel */
    for (long i = 1; i < (long)TEST_W * TEST_BAND_ROWS; i++) {
        other += memcmp(rgb, rgb + i * 3, 3) != 0;
    }
    if (other == 0) {
        fail_msg("%s: the top band is one flat colour: nothing drawn to compare", what);
    }
}

static void check_screen(pair_t *p, const char *screen, const char *lang)
{
    char what[128];
    snprintf(what, sizeof what, "%s in %s, bands of %d rows against the whole frame", screen, lang,
             TEST_BAND_ROWS);
    show(&p->whole, screen, lang);
    show(&p->banded, screen, lang);
    unsigned char *whole = saved_rgb(&p->whole);
    unsigned char *banded = saved_rgb(&p->banded);
    assert_drawn(whole, what);
    assert_same_pixels(whole, banded, what);
    free(whole);
    free(banded);
}

static void test_home_en_and_ur(void **state)
{
    check_screen(*state, "home", "en");
    check_screen(*state, "home", "ur"); /* right to left, the tall Nastaliq lines */
}

static void test_scroll_view_and_overlay(void **state)
{
    check_screen(*state, "learn.what", "gu"); /* a scroll view's clip, Gujarati conjuncts */
    check_screen(*state, "timeout", "pl");    /* the warning over a dimmed home */
}

/* The first save leaves the last band in the surface: a second save of the same frame, and
 * a save after the next frame, must still start from the top band. */
static void test_saved_twice_and_after_next_frame(void **state)
{
    pair_t *p = *state;
    show(&p->banded, "support", "en");
    unsigned char *first = saved_rgb(&p->banded);
    unsigned char *second = saved_rgb(&p->banded);
    assert_same_pixels(first, second, "support saved twice from the banded runtime");
    free(first);
    free(second);
    check_screen(p, "report.who", "ar"); /* a frame after a save, then saved */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_home_en_and_ur),
        cmocka_unit_test(test_scroll_view_and_overlay),
        cmocka_unit_test(test_saved_twice_and_after_next_frame),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
