/* The screen state machine: transitions, Quick exit, idle timeout and wipe. */
#include "support_kiosk.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static int setup(void **state)
{
    runtime_t *rt = calloc(1, sizeof *rt);
    support_runtime_open(rt, 1920, 1080);
    *state = rt;
    return 0;
}

static int teardown(void **state)
{
    support_runtime_close(*state);
    free(*state);
    return 0;
}

static void assert_screen(const runtime_t *rt, const char *want)
{
    const char *have = app_screen_id(&rt->app);
    if (strcmp(have, want) != 0) {
        fail_msg("expected screen '%s', found '%s'", want, have);
    }
}

static void test_starts_on_attract(void **state)
{
    runtime_t *rt = *state;
    assert_screen(rt, "attract");
    assert_null(ui_find(&rt->ui, "quick_exit")); /* attract has no Quick exit */
}

static void test_tap_path_to_learn_page(void **state)
{
    runtime_t *rt = *state;
    support_tap(rt, "attract.start");
    assert_screen(rt, "language");
    assert_true(rt->app.session.active);
    support_tap(rt, "language.ur");
    assert_screen(rt, "home");
    assert_string_equal(rt->app.session.lang, "ur"); /* the choice is kept */
    assert_true(app_rtl(&rt->app));                   /* Urdu mirrors the layout */
    support_tap(rt, "home.learn");
    assert_screen(rt, "learn");
    support_tap(rt, "learn.topic.what");
    assert_screen(rt, "learn.what");
    support_tap(rt, "learn.next");
    assert_screen(rt, "learn.motivations");
    support_tap(rt, "back");
    assert_screen(rt, "learn");
    support_tap(rt, "back");
    assert_screen(rt, "home");
    support_tap(rt, "home.language");
    assert_screen(rt, "language");
}

static void test_quick_exit_from_every_screen(void **state)
{
    runtime_t *rt = *state;
    int n = 0;
    n = screens_count();
    int checked = 0;
    for (int i = 0; i < n; i++) {
        if (screens_get(i)->flags & SCREEN_OUTSIDE_SESSION) {
            continue;
        }
        app_go(&rt->app, screens_get(i)->id);
        app_apply(&rt->app);
        snprintf(rt->app.session.lang, sizeof rt->app.session.lang, "gu");
        rt->app.session.high_contrast = true;
        runtime_frame(rt);
        if (!ui_find(&rt->ui, "quick_exit")) {
            fail_msg("screen '%s' has no quick_exit", screens_get(i)->id);
        }
        support_tap(rt, "quick_exit");
        assert_screen(rt, "cover");
        assert_string_equal(rt->app.session.lang, "en"); /* wiped to the default */
        assert_false(rt->app.session.high_contrast);
        assert_null(ui_find(&rt->ui, "quick_exit")); /* cover shows no trace */
        checked++;
    }
    assert_true(checked >= 5); /* language, home, learn and its pages at least */
}

static void test_timeout_warning_then_wipe(void **state)
{
    runtime_t *rt = *state;
    app_t *app = &rt->app;
    support_tap(rt, "attract.start");
    support_tap(rt, "language.pl");
    uint64_t t0 = app->last_input_ms;
    app_tick(app, t0 + 89999);
    assert_screen(rt, "home"); /* not yet */
    app_tick(app, t0 + 90000);
    assert_screen(rt, "timeout");
    assert_int_equal(app_warning_seconds_left(app), 30);
    app_tick(app, t0 + 90000 + 29999);
    assert_screen(rt, "timeout");
    assert_string_equal(app->session.lang, "pl"); /* still the person's session */
    app_tick(app, t0 + 90000 + 30000);
    assert_screen(rt, "attract");
    assert_string_equal(app->session.lang, "en"); /* wiped */
    assert_false(app->session.active);
}

static void test_tap_during_warning_keeps_session(void **state)
{
    runtime_t *rt = *state;
    app_t *app = &rt->app;
    support_tap(rt, "attract.start");
    support_tap(rt, "language.ta");
    app_tick(app, app->last_input_ms + 90000);
    runtime_frame(rt);
    assert_screen(rt, "timeout");
    support_tap(rt, "timeout.continue");
    assert_screen(rt, "home");
    assert_string_equal(app->session.lang, "ta");
    /* the idle time starts again from the tap */
    app_tick(app, app->now_ms + 89000);
    assert_screen(rt, "home");
}

static void test_cover_returns_to_attract_without_warning(void **state)
{
    runtime_t *rt = *state;
    app_t *app = &rt->app;
    support_tap(rt, "attract.start");
    support_tap(rt, "quick_exit");
    assert_screen(rt, "cover");
    app_tick(app, app->last_input_ms + 90000);
    assert_screen(rt, "attract");
}

static void test_warning_never_under_20_seconds(void **state)
{
    runtime_t *rt = *state;
    kiosk_config_t *cfg = &rt->cfg;
    cfg->warning_s = 5; /* a bad value slipped through: the floor still holds */
    support_tap(rt, "attract.start");
    app_tick(&rt->app, rt->app.last_input_ms + 90000);
    assert_int_equal(app_warning_seconds_left(&rt->app), SESSION_WARNING_MIN_S);
    cfg->warning_s = 30;
}

static void test_attract_rotates_languages(void **state)
{
    runtime_t *rt = *state;
    const ui_widget_t *w = ui_find(&rt->ui, "attract.language");
    assert_non_null(w);
    assert_string_equal(w->text, rt->langs.langs[0].code); /* starts with the first */
    app_tick(&rt->app, rt->app.now_ms + APP_ATTRACT_ROTATE_MS);
    assert_true(rt->app.dirty); /* the rotation asks for a frame */
    runtime_frame(rt);
    w = ui_find(&rt->ui, "attract.language");
    assert_non_null(w);
    assert_string_equal(w->text, rt->langs.langs[1].code); /* then the next language */
}

/* After Quick exit the text engine holds no layout or texture from the session: only what
 * the cover screen itself shows. */
static void test_wipe_forgets_rendered_text(void **state)
{
    runtime_t *rt = *state;
    support_tap(rt, "attract.start");
    support_tap(rt, "language.en");
    support_tap(rt, "home.learn");
    support_tap(rt, "learn.topic.what");
    text_cache_stats_t before, after;
    text_engine_get_stats(rt->text, &before);
    assert_true(before.layouts > 10); /* the session's screens are cached */
    support_tap(rt, "quick_exit");
    assert_screen(rt, "cover");
    text_engine_get_stats(rt->text, &after);
    if (after.layouts > 6 || after.textures > 6) {
        fail_msg("after Quick exit the caches hold %d layouts and %d textures", after.layouts,
                 after.textures);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_starts_on_attract, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tap_path_to_learn_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quick_exit_from_every_screen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeout_warning_then_wipe, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tap_during_warning_keeps_session, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cover_returns_to_attract_without_warning, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_warning_never_under_20_seconds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attract_rotates_languages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wipe_forgets_rendered_text, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
