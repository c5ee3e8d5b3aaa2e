/* Deferred rows (issue 18): a new screen's first picture leaves a scroll view's rows below
 * the view out (ui_scroll_defer()), and runtime_frame_finish() draws them before any input.
 * What must hold for a person: everything the first picture shows is exactly what the
 * whole frame shows; every card is there once the frame is finished; a frame that is not a
 * screen's first, and the fit checks, never leave anything out. */
#include "support_kiosk.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define SUFFIX ".card"

static int count_cards(const ui_t *ui)
{
    int n = 0;
    size_t k = strlen(SUFFIX);
    for (int i = 0; i < ui_widget_count(ui); i++) {
        const char *id = ui_widget_at(ui, i)->id;
        size_t len = strlen(id);
        n += strncmp(id, "support.", 8) == 0 && len > k && strcmp(id + len - k, SUFFIX) == 0;
    }
    return n;
}

/* The first row of r where the two pictures differ, -1 if none. */
static int first_difference(const SDL_Surface *s, const unsigned char *a, const unsigned char *b,
                            SDL_Rect r)
{
    int bpp = s->format->BytesPerPixel;
    for (int y = r.y; y < r.y + r.h; y++) {
        size_t at = (size_t)y * (size_t)s->pitch + (size_t)r.x * (size_t)bpp;
        if (memcmp(a + at, b + at, (size_t)r.w * (size_t)bpp) != 0) {
            return y;
        }
    }
    return -1;
}

/* Support in lang: the first picture leaves cards out and shows, pixel for pixel, what the
 * whole frame shows wherever it shows a widget; the finished frame has every card. */
static void check_support(const char *lang, int width, int height)
{
    runtime_t rt;
    support_runtime_open(&rt, width, height);
    support_go(&rt, "support", lang);
    text_engine_forget(rt.text); /* met cold, as after a wipe */
    runtime_frame_shown(&rt);
    int first_cards = count_cards(&rt.ui);
    assert_true(rt.ui.deferred); /* both lists are taller than their view */
    unsigned char *first = support_copy_pixels(rt.surface);
    runtime_frame_finish(&rt);
    assert_false(rt.ui.deferred); /* the finishing frame draws everything */
    int whole_cards = count_cards(&rt.ui);
    if (first_cards >= whole_cards || first_cards < 1) {
        fail_msg("%s: %d cards in the first picture, %d in the whole frame: want some, not all",
                 lang, first_cards, whole_cards);
    }
    unsigned char *whole = support_copy_pixels(rt.surface);
    /* wherever the whole frame shows something, the first picture showed the same */
    for (int i = 0; i < ui_widget_count(&rt.ui); i++) {
        const ui_widget_t *w = ui_widget_at(&rt.ui, i);
        int y = w->rect.w > 0 && w->rect.h > 0 ? first_difference(rt.surface, first, whole, w->rect)
                                               : -1;
        if (y >= 0) {
            fail_msg("%s %dx%d: the first picture differs from the whole frame at row %d of %s "
                     "(%d,%d %dx%d)",
                     lang, width, height, y, w->id, w->rect.x, w->rect.y, w->rect.w, w->rect.h);
        }
    }
    /* the same screen again: not a first frame, nothing left out */
    runtime_frame_shown(&rt);
    assert_false(rt.ui.deferred);
    assert_int_equal(count_cards(&rt.ui), whole_cards);
    runtime_frame_finish(&rt);
    free(first);
    free(whole);
    support_runtime_close(&rt);
}

static void test_support_ur(void **state)
{
    (void)state;
    check_support("ur", 1920, 1080);
}

/* portrait: several rows in sight, the ones below left out */
static void test_support_en_portrait(void **state)
{
    (void)state;
    check_support("en", 1080, 1920);
}

/* The fit checks measure below the fold: they must never see an estimate. */
static void test_whole_scrolls_never_defer(void **state)
{
    (void)state;
    runtime_t rt;
    support_runtime_open(&rt, 1920, 1080);
    rt.ui.whole_scrolls = true;
    support_go(&rt, "support", "ur");
    runtime_frame_shown(&rt);
    assert_false(rt.ui.deferred);
    int cards = count_cards(&rt.ui);
    runtime_frame_finish(&rt);
    assert_int_equal(count_cards(&rt.ui), cards);
    support_runtime_close(&rt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_support_ur),
        cmocka_unit_test(test_support_en_portrait),
        cmocka_unit_test(test_whole_scrolls_never_defer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
