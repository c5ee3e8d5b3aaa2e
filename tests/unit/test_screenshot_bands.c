/* A screenshot drawn in bands (runtime_open_headless_banded(), what --screenshot uses)
 * decodes to exactly the pixels of the same screen drawn whole: in English and Urdu
 * (right to left, Nastaliq), a scroll view, the timeout overlay, a screen whose first frame
 * changes what the next one draws (admin.pin focuses its field); a banded runtime draws
 * once per band, refuses a save without drawing, and makes no file when drawing fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include "png_test_util.h"
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

/* A screen in a language, as --screenshot shows it (main.c's shot_draw()). */
typedef struct shown {
    const char *screen, *lang;
    int draws; /* times drawn */
} shown_t;

/* The screen from the start (the timeout warning: over home); false for no such screen. */
static bool draw_shown(runtime_t *rt, void *ctx)
{
    shown_t *s = ctx;
    bool warning = strcmp(s->screen, "timeout") == 0;
    s->draws++;
    app_end_session(&rt->app);
    runtime_wipe(rt);
    if (!app_go(&rt->app, warning ? "home" : s->screen)) {
        return false;
    }
    app_apply(&rt->app);
    runtime_wipe(rt);
    snprintf(rt->app.session.lang, sizeof rt->app.session.lang, "%s", s->lang);
    if (warning) {
        app_tick(&rt->app, rt->app.last_input_ms + (uint64_t)rt->cfg.idle_s * 1000u);
    }
    runtime_frame(rt);
    return true;
}

static char *temp_path(void)
{
    char *path = strdup("/tmp/test_screenshot_bands_XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    return path;
}

/* Saves screen in lang through runtime_save_drawn_png(), checks how often it was drawn and
 * decodes the file as RGB; caller frees. */
static unsigned char *saved_rgb(runtime_t *rt, const char *screen, const char *lang,
                                int expect_draws)
{
    char *path = temp_path();
    char err[512] = "";
    shown_t shown = {.screen = screen, .lang = lang};
    if (!runtime_save_drawn_png(rt, path, draw_shown, &shown, err, sizeof err)) {
        unlink(path);
        fail_msg("runtime_save_drawn_png of %s in %s: %s", screen, lang, err);
    }
    if (shown.draws != expect_draws) {
        fail_msg("%s in %s drawn %d times, expected %d (one per band)", screen, lang, shown.draws,
                 expect_draws);
    }
    unsigned char *rgb = png_test_read_rgb(path, TEST_W, TEST_H);
    unlink(path);
    free(path);
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
    int bands = (TEST_H + TEST_BAND_ROWS - 1) / TEST_BAND_ROWS;
    unsigned char *whole = saved_rgb(&p->whole, screen, lang, 1);
    unsigned char *banded = saved_rgb(&p->banded, screen, lang, bands);
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

static void test_scroll_view_overlay_and_focus(void **state)
{
    check_screen(*state, "learn.what", "gu"); /* a scroll view's clip, Gujarati conjuncts */
    check_screen(*state, "timeout", "pl");    /* the warning over a dimmed home */
    /* its first frame gives the PIN field the focus: the last frame drawn again would show
     * a focused field below the top band (what an earlier version of the bands did) */
    check_screen(*state, "admin.pin", "en");
    check_screen(*state, "report.who", "ar");
}

/* A banded surface holds one band: saving it as it is would be wrong, so it is refused;
 * a drawing that fails leaves no file. */
static void test_banded_save_needs_drawing(void **state)
{
    pair_t *p = *state;
    char *path = temp_path();
    char err[512] = "";
    bool ok = runtime_save_png(&p->banded, path, err, sizeof err);
    if (ok || strstr(err, path) == NULL) {
        fail_msg("runtime_save_png on a banded runtime: ok=%d, error \"%s\" (expected false "
                 "naming the file)",
                 ok, err);
    }
    unlink(path);
    shown_t none = {.screen = "no.such.screen", .lang = "en"};
    err[0] = '\0';
    ok = runtime_save_drawn_png(&p->banded, path, draw_shown, &none, err, sizeof err);
    if (ok || access(path, F_OK) == 0 || none.draws != 1) {
        fail_msg("a drawing that fails: ok=%d, file left=%d, drawn %d times (expected false, no "
                 "file, once)",
                 ok, access(path, F_OK) == 0, none.draws);
    }
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_home_en_and_ur),
        cmocka_unit_test(test_scroll_view_overlay_and_focus),
        cmocka_unit_test(test_banded_save_needs_drawing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
