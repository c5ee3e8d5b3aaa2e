/* A new screen's first drawing is dry (ui_t.dry): it lays the screen out and records it,
 * writes no pixel, and the runtime draws the screen again before presenting; every frame is
 * drawn dry until it settles, then only where it differs from what the surface shows
 * (ui/damage.h). What must hold for a person: a dry drawing changes nothing on the screen;
 * the first picture of every new screen is complete, the same as the screen drawn whole;
 * and a screen that did not change is not drawn again (a drawing noted differently dry and
 * not would repaint it every frame). */
#include "support_kiosk.h"

#include "screens/screens.h"
#include "ui/paint.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define SENTINEL 0xFFFF00FFu /* magenta: no screen draws it */

/* Pixels of s that are not the sentinel. */
static long painted(const SDL_Surface *s)
{
    long n = 0;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            n += row[x] != SENTINEL;
        }
    }
    return n;
}

/* The current screen drawn once onto the sentinel, dry or not, as the runtime draws it. */
static long draw_on_sentinel(runtime_t *rt, bool dry)
{
    /* the renderer leaves the surface clipped to its last clip rectangle */
    SDL_SetClipRect(rt->surface, NULL);
    SDL_FillRect(rt->surface, NULL, SENTINEL);
    rt->ui.dry = dry;
    ui_begin_frame(&rt->ui, rt->w, rt->h, app_lang(&rt->app), app_rtl(&rt->app));
    rt->app.screen->frame(&rt->app, &rt->ui);
    ui_end_frame(&rt->ui);
    SDL_RenderFlush(rt->renderer);
    rt->ui.dry = false;
    return painted(rt->surface);
}

/* Screens with text, a QR code, radio discs and pictograms: a dry drawing writes nothing,
 * the same drawing not dry writes pixels (so the count can tell). */
static void test_dry_writes_no_pixel(void **state)
{
    (void)state;
    static const char *const SCREENS[] = {"home", "support", "report.who", "language"};
    runtime_t rt;
    support_runtime_open(&rt, 1280, 720);
    for (size_t i = 0; i < sizeof SCREENS / sizeof SCREENS[0]; i++) {
        support_go(&rt, SCREENS[i], "ur");
        runtime_frame(&rt); /* laid out once: the dry drawing is the screen's second */
        long dry = draw_on_sentinel(&rt, true);
        long wet = draw_on_sentinel(&rt, false);
        if (dry != 0 || wet < rt.w * rt.h / 2) {
            fail_msg("%s: %ld pixels written by a dry drawing (want 0), %ld by a drawing (want "
                     "most of %d)",
                     SCREENS[i], dry, wet, rt.w * rt.h);
        }
    }
    support_runtime_close(&rt);
}

/* The surface filled with the sentinel behind the painter's back, which is told so. */
static void fill_sentinel(runtime_t *rt)
{
    SDL_SetClipRect(rt->surface, NULL);
    SDL_FillRect(rt->surface, NULL, SENTINEL);
    paint_forget(rt->ui.paint);
}

/* check(rt, lang) on every screen the app shows when sent to it, in each of langs, the
 * screens met one after another; returns what the checks counted. */
static int each_screen(const char *const *langs, size_t n, int w, int h,
                       int (*check)(runtime_t *rt, const char *lang))
{
    runtime_t rt;
    int count = 0;
    support_runtime_open(&rt, w, h);
    for (size_t l = 0; l < n; l++) {
        for (int i = 0; i < screens_count(); i++) {
            support_go(&rt, screens_get(i)->id, langs[l]);
            if (strcmp(app_screen_id(&rt.app), screens_get(i)->id) == 0) {
                count += check(&rt, langs[l]); /* else the screen sends the person on */
            }
        }
    }
    support_runtime_close(&rt);
    return count;
}

static const char *const EN_UR[] = {"en", "ur"};

/* Met new on the sentinel: the first picture is the screen drawn again (a picture left at
 * the dry drawing would be the last screen's, or blank). */
static int first_picture_whole(runtime_t *rt, const char *lang)
{
    fill_sentinel(rt);
    runtime_frame(rt);
    unsigned char *first = support_copy_pixels(rt->surface);
    runtime_frame(rt);
    if (memcmp(first, rt->surface->pixels, (size_t)rt->surface->pitch * rt->h) != 0) {
        fail_msg("%s/%s: the first picture differs from the screen drawn again", lang,
                 app_screen_id(&rt->app));
    }
    free(first);
    return 0;
}

static void test_first_picture_is_whole(void **state)
{
    (void)state;
    each_screen(EN_UR, 2, 1280, 720, first_picture_whole);
}

/* Met after the screen before it: drawn where it differs from that one, the picture equals
 * the screen drawn whole on the sentinel. */
static int changes_whole(runtime_t *rt, const char *lang)
{
    runtime_frame(rt);
    unsigned char *changed = support_copy_pixels(rt->surface);
    fill_sentinel(rt);
    runtime_frame(rt);
    if (painted(rt->surface) != (long)rt->w * rt->h ||
        memcmp(changed, rt->surface->pixels, (size_t)rt->surface->pitch * rt->h) != 0) {
        fail_msg("%s/%s: drawn where it changed, the picture differs from it drawn whole", lang,
                 app_screen_id(&rt->app));
    }
    free(changed);
    return 0;
}

static void test_changes_make_the_whole_picture(void **state)
{
    (void)state;
    each_screen(EN_UR, 2, 1280, 720, changes_whole);
}

/* Settled (its scroll bars placed from its records), then drawn again: 1 when that wrote
 * pixels with nothing changed. */
static int drawn_again(runtime_t *rt, const char *lang)
{
    for (int k = 0; k < 3; k++) {
        runtime_frame(rt);
    }
    runtime_frame(rt);
    if (rt->drawn) {
        fprintf(stderr, "%s/%s: drawn again with nothing changed\n", lang,
                app_screen_id(&rt->app));
    }
    return rt->drawn;
}

static void test_settled_screen_is_not_drawn_again(void **state)
{
    (void)state;
    static const char *const LANGS[] = {"en", "ur", "ta"};
    assert_int_equal(each_screen(LANGS, 3, 1920, 1080, drawn_again), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dry_writes_no_pixel),
        cmocka_unit_test(test_first_picture_is_whole),
        cmocka_unit_test(test_changes_make_the_whole_picture),
        cmocka_unit_test(test_settled_screen_is_not_drawn_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
