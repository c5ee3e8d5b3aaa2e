/* Every screen in the languages with the longest words and the tallest script: no button
 * or choice label is cut or taller than its box, at 1920x1080 and 1080x1920, and no
 * character lacks a glyph. Drafts are shown (that is what a reviewer will see). */
#include "support_kiosk.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static const char *const LANGS[] = {"en", "ur", "gu", "pa", "ta", "pl", "so", "ar", "bn", "hi",
                                    "ro", "pt"};

typedef struct missing {
    int count;
    char where[64];
} missing_t;

static void on_missing(void *user, const char *lang, Uint32 codepoint)
{
    missing_t *m = user;
    if (m->count++ == 0) {
        snprintf(m->where, sizeof m->where, "%s U+%04X", lang, (unsigned)codepoint);
    }
}

static void check_size(int w, int h, theme_text_size_t size)
{
    runtime_t rt;
    missing_t missing = {0};
    kiosk_config_t cfg;
    char err[512];
    support_config(&cfg);
    cfg.show_unreviewed_translations = true;
    assert_int_equal(SDL_Init(0), 0);
    assert_int_equal(TTF_Init(), 0);
    assert_true(runtime_init(&rt, &cfg, err, sizeof err));
    assert_true(runtime_open_headless(&rt, w, h, err, sizeof err));
    text_engine_set_missing_glyph_handler(rt.text, on_missing, &missing);
    int n = 0;
    n = screens_count();
    for (size_t l = 0; l < sizeof LANGS / sizeof LANGS[0]; l++) {
        for (int i = 0; i < n; i++) {
            app_go(&rt.app, screens_get(i)->id);
            app_apply(&rt.app);
            snprintf(rt.app.session.lang, sizeof rt.app.session.lang, "%s", LANGS[l]);
            rt.app.session.text_size = size;
            /* the done screen's reference must fit on one line (it shrinks, never wraps) */
            snprintf(rt.app.session.reference, sizeof rt.app.session.reference, "W7K-4PX-9RM");
            int before = rt.ui.overflows;
            runtime_frame(&rt);
            /* text outside a scroll view must end on the screen */
            for (int k = 0; k < ui_widget_count(&rt.ui); k++) {
                const ui_widget_t *wd = ui_widget_at(&rt.ui, k);
                if (wd->scroll < 0 && wd->text[0] && wd->rect.y + wd->rect.h > h + 1) {
                    fail_msg("%s on %s at %dx%d, text size %d: '%s' ends below the screen",
                             LANGS[l], screens_get(i)->id, w, h, (int)size, wd->text);
                }
            }
            if (rt.ui.overflows != before) {
                fail_msg("%s on %s at %dx%d, text size %d: '%s' does not fit its box", LANGS[l],
                         screens_get(i)->id, w, h, (int)size, rt.ui.overflow_text);
            }
        }
    }
    if (missing.count) {
        fail_msg("%d characters without a glyph, first %s", missing.count, missing.where);
    }
    support_runtime_close(&rt);
}

static void test_landscape(void **state)
{
    check_size(1920, 1080, THEME_TEXT_NORMAL);
}

static void test_portrait(void **state)
{
    check_size(1080, 1920, THEME_TEXT_NORMAL);
}

static void test_largest_text_landscape(void **state)
{
    check_size(1920, 1080, THEME_TEXT_LARGEST);
}

static void test_largest_text_portrait(void **state)
{
    check_size(1080, 1920, THEME_TEXT_LARGEST);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_landscape),
        cmocka_unit_test(test_portrait),
        cmocka_unit_test(test_largest_text_landscape),
        cmocka_unit_test(test_largest_text_portrait),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
