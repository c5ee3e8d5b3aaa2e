/* Issue 12: content through the one loader. Reload without a restart shows new words, and a
 * broken file keeps the old content and says why (file and line); [content] translations =
 * reviewed_only offers only fully reviewed languages on the language screen; the lookup says
 * which language a string came from. Works on a copy of the shipped content. */
#include "support_kiosk.h"

#include "content/content_load.h"
#include "i18n/review.h"

#include <SDL_ttf.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

typedef struct fixture {
    char dir[64];
    kiosk_config_t cfg;
    runtime_t rt;
    bool open;
} fixture_t;

static void run(const char *cmd)
{
    if (system(cmd) != 0) {
        fail_msg("command failed: %s", cmd);
    }
}

/* A copy of locales/ and config/ under a fresh directory; cfg reads its content there. */
static void fixture_copy(fixture_t *f)
{
    char cmd[1024];
    snprintf(f->dir, sizeof f->dir, "/tmp/kiosk-content-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(cmd, sizeof cmd, "cp -r '%s/locales' '%s/config' '%s/'", KIOSK_SOURCE_DIR, KIOSK_SOURCE_DIR,
             f->dir);
    run(cmd);
    support_config(&f->cfg);
    snprintf(f->cfg.data_dir, sizeof f->cfg.data_dir, "%s", f->dir);
}

static void fixture_open(fixture_t *f)
{
    char err[512] = "";
    assert_int_equal(SDL_Init(0), 0);
    assert_int_equal(TTF_Init(), 0);
    if (!runtime_init(&f->rt, &f->cfg, err, sizeof err)) {
        fail_msg("runtime_init: %s", err);
    }
    if (!runtime_open_headless(&f->rt, 1280, 720, err, sizeof err)) {
        fail_msg("runtime_open_headless: %s", err);
    }
    f->open = true;
    runtime_frame(&f->rt);
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    char cmd[256];
    if (f->open) {
        runtime_deinit(&f->rt);
        TTF_Quit();
        SDL_Quit();
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    run(cmd);
    free(f);
    return 0;
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    fixture_copy(f);
    *state = f;
    return 0;
}

/* Replaces the msgstr of key in locales/LANG.po with text (a sed on the copy). */
static void set_msgstr(fixture_t *f, const char *lang, const char *key, const char *text)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "sed -i '/^msgctxt \"%s\"$/,/^msgstr/ s/^msgstr \".*\"$/msgstr \"%s\"/' '%s/locales/%s.po'",
             key, text, f->dir, lang);
    run(cmd);
}

static void test_reload_shows_new_words_and_keeps_old_on_a_broken_file(void **state)
{
    fixture_t *f = *state;
    fixture_open(f);
    runtime_t *rt = &f->rt;
    snprintf(rt->app.session.lang, sizeof rt->app.session.lang, "pl");
    const char *before = app_text(&rt->app, "home.title");
    assert_string_not_equal(before, "How can we help?"); /* the Polish draft is shown */

    set_msgstr(f, "pl", "home.title", "Jak mozemy pomoc? (nowe)");
    char err[512] = "";
    if (!runtime_reload_content(rt, err, sizeof err)) {
        fail_msg("reload of good content failed: %s", err);
    }
    assert_string_equal(app_text(&rt->app, "home.title"), "Jak mozemy pomoc? (nowe)");
    runtime_frame(rt); /* draws with the new catalogs */

    /* a broken Polish file: the old content stays, and the reason names file and line */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "printf 'msgctxt \"broken\\nmsgid\\n' >> '%s/locales/pl.po'", f->dir);
    run(cmd);
    err[0] = '\0';
    assert_false(runtime_reload_content(rt, err, sizeof err));
    if (!strstr(err, "pl.po:")) {
        fail_msg("the reason does not name the file and line: '%s'", err);
    }
    assert_string_equal(app_text(&rt->app, "home.title"), "Jak mozemy pomoc? (nowe)");

    /* a broken services.ini: the services stay as they were */
    int services = rt->content.services.count;
    assert_true(services > 0);
    snprintf(cmd, sizeof cmd, "printf '[x]\\nnot a key line\\n' >> '%s/config/services.ini'",
             f->dir);
    run(cmd);
    snprintf(cmd, sizeof cmd, "cp '%s/locales/pl.po' '%s/locales/pl.po'", KIOSK_SOURCE_DIR, f->dir);
    run(cmd); /* Polish repaired: only services.ini is broken now */
    err[0] = '\0';
    assert_false(runtime_reload_content(rt, err, sizeof err));
    if (!strstr(err, "services.ini")) {
        fail_msg("the reason does not name services.ini: '%s'", err);
    }
    assert_int_equal(rt->content.services.count, services);
    assert_string_equal(app_text(&rt->app, "home.title"), "Jak mozemy pomoc? (nowe)");
}

static void test_reload_from_the_admin_flag(void **state)
{
    fixture_t *f = *state;
    fixture_open(f);
    runtime_t *rt = &f->rt;
    set_msgstr(f, "en", "home.title", "How can we help you today?");
    rt->app.reload_requested = true; /* what the admin screen's Reload content button sets */
    runtime_frame(rt);
    assert_false(rt->app.reload_requested);
    assert_string_equal(rt->app.reload_result, "done");
    assert_string_equal(app_text(&rt->app, "home.title"), "How can we help you today?");
}

/* The admin screen lists each language's review state and reloads from its button. */
static void test_admin_screen_states_and_reload_button(void **state)
{
    fixture_t *f = *state;
    fixture_open(f);
    runtime_t *rt = &f->rt;
    app_go(&rt->app, "admin");
    app_apply(&rt->app);
    runtime_frame(rt);
    const ui_widget_t *ur = ui_find(&rt->ui, "admin.language.ur");
    assert_non_null(ur);
    i18n_review_t r;
    i18n_review_count(rt->i18n, "ur", &r);
    char want[128];
    snprintf(want, sizeof want, "Urdu: %d reviewed, %d drafts, %d missing", r.reviewed, r.draft,
             r.missing);
    assert_string_equal(ur->text, want);
    assert_true(r.draft > 0); /* the shipped Urdu is all drafts */
    assert_null(ui_find(&rt->ui, "admin.reloaded"));
    set_msgstr(f, "en", "admin.title", "Staff settings");
    set_msgstr(f, "ur", "home.title", ""); /* one Urdu draft emptied: now missing */
    ui_scroll_to_widget(&rt->ui, "admin.reload", 0); /* below the fold at 1280x720 */
    runtime_frame(rt);
    support_tap(rt, "admin.reload");
    runtime_frame(rt);
    assert_string_equal(rt->app.reload_result, "done");
    const ui_widget_t *done = ui_find(&rt->ui, "admin.reloaded");
    assert_non_null(done);
    assert_string_equal(done->text, "Content reload: done");
    assert_string_equal(app_text(&rt->app, "admin.title"), "Staff settings");
    /* the counts are the reloaded catalogs', not the ones the screen showed first */
    snprintf(want, sizeof want, "Urdu: %d reviewed, %d drafts, %d missing", r.reviewed,
             r.draft - 1, r.missing + 1);
    ur = ui_find(&rt->ui, "admin.language.ur");
    assert_non_null(ur);
    assert_string_equal(ur->text, want);
}

static bool offered(const runtime_t *rt, const char *code)
{
    return lang_registry_find(&rt->langs, code) != NULL;
}

static void test_reviewed_only_offers_only_reviewed_languages(void **state)
{
    fixture_t *f = *state;
    char cmd[512];
    /* Somali fully reviewed (every key, no fuzzy mark: the English words stand in as its
     * "translation") but for the staff screens, which an equality lead does not translate
     * (staff.* and admin.* are English-only); Polish stays the shipped draft */
    snprintf(cmd, sizeof cmd,
             "sed '/^msgctxt \"\\(admin\\|staff\\)\\./,/^$/d' '%s/locales/en.po' > "
             "'%s/locales/so.po' && ! grep -q 'msgctxt \"admin\\.' '%s/locales/so.po'",
             f->dir, f->dir, f->dir);
    run(cmd);
    snprintf(f->cfg.languages, sizeof f->cfg.languages, "en,pl,so");
    snprintf(f->cfg.translations, sizeof f->cfg.translations, "reviewed_only");
    f->cfg.show_unreviewed_translations = false;
    fixture_open(f);
    runtime_t *rt = &f->rt;
    assert_true(offered(rt, "en"));
    assert_true(offered(rt, "so"));
    assert_false(offered(rt, "pl")); /* drafts: not offered, rather than shown in English */
    app_go(&rt->app, "language");
    app_apply(&rt->app);
    runtime_frame(rt);
    assert_non_null(ui_find(&rt->ui, "language.so"));
    assert_null(ui_find(&rt->ui, "language.pl"));
}

static void test_all_offers_every_language(void **state)
{
    fixture_t *f = *state;
    snprintf(f->cfg.languages, sizeof f->cfg.languages, "en,pl,so");
    fixture_open(f); /* the default: translations = all */
    runtime_t *rt = &f->rt;
    assert_true(offered(rt, "pl"));
    assert_true(offered(rt, "so"));
    app_go(&rt->app, "language");
    app_apply(&rt->app);
    runtime_frame(rt);
    assert_non_null(ui_find(&rt->ui, "language.pl"));
}

static void test_lookup_says_which_language(void **state)
{
    fixture_t *f = *state;
    fixture_open(f);
    const i18n_t *i = f->rt.i18n;
    set_msgstr(f, "pl", "home.title", ""); /* not loaded yet: check the shipped first */
    assert_string_equal(i18n_text_lang(i, "pl", "home.title"), "pl");
    char err[512];
    assert_true(runtime_reload_content(&f->rt, err, sizeof err));
    i = f->rt.i18n;
    /* an emptied translation falls back to English, and says so */
    assert_string_equal(i18n_text_lang(i, "pl", "home.title"), "en");
    assert_string_equal(i18n_text(i, "pl", "home.title"), i18n_text(i, "en", "home.title"));
    assert_null(i18n_text_lang(i, "pl", "no.such.key"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reload_shows_new_words_and_keeps_old_on_a_broken_file,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_reload_from_the_admin_flag, setup, teardown),
        cmocka_unit_test_setup_teardown(test_admin_screen_states_and_reload_button, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_reviewed_only_offers_only_reviewed_languages, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_all_offers_every_language, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_says_which_language, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
