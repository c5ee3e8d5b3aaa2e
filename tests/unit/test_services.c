/* config/services.ini: the shipped file loads, bad files fail with FILE:LINE, and the
 * motivation filter picks the right services. */
#include "content/services.h"
#include "i18n/catalog.h"
#include "i18n/languages.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static void shipped_path(char *out, size_t n)
{
    const char *src = getenv("KIOSK_SOURCE_DIR");
    snprintf(out, n, "%s/config/services.ini", src ? src : KIOSK_SOURCE_DIR);
}

static void test_shipped_file_loads(void **state)
{
    services_t s;
    char path[1024], err[512] = "";
    shipped_path(path, sizeof path);
    if (!services_load(&s, path, err, sizeof err)) {
        fail_msg("shipped services.ini does not load: %s", err);
    }
    assert_true(s.count >= 9); /* the national services named in the issue */
    const service_t *e = services_find(&s, "emergency");
    assert_non_null(e);
    assert_string_equal(e->phone, "999");
    assert_true(e->urgent);
    const service_t *sam = services_find(&s, "samaritans");
    assert_non_null(sam);
    assert_string_equal(sam->phone, "116 123");
    assert_string_equal(sam->url, "https://www.samaritans.org/");
    for (int i = 0; i < s.count; i++) {
        const char *url = s.items[i].url;
        if (url[0] && strncmp(url, "https://", 8) != 0) {
            fail_msg("service %s: url is not https: %s", s.items[i].id, url);
        }
    }
}

static void test_filter_by_motivation(void **state)
{
    services_t s;
    char path[1024], err[512];
    shipped_path(path, sizeof path);
    assert_true(services_load(&s, path, err, sizeof err));
    const service_t *out[SERVICES_MAX];

    int n = services_filter(&s, MOTIVATION_DISABILITY, out, SERVICES_MAX);
    assert_true(n > 0);
    assert_string_equal(out[0]->id, "emergency"); /* urgent numbers come first */
    for (int i = 0; i < n; i++) {
        if (strcmp(out[i]->id, "galop") == 0 || strcmp(out[i]->id, "tell_mama") == 0) {
            fail_msg("disability report lists %s, which does not serve it", out[i]->id);
        }
    }
    bool galop = false;
    n = services_filter(&s, MOTIVATION_TRANSGENDER, out, SERVICES_MAX);
    for (int i = 0; i < n; i++) {
        galop |= strcmp(out[i]->id, "galop") == 0;
    }
    assert_true(galop); /* a transgender report lists Galop */

    int all = services_filter(&s, 0, out, SERVICES_MAX);
    assert_int_equal(all, s.count);                      /* no motivation chosen: every service */
    assert_int_equal(services_filter(&s, 0, out, 3), 3); /* never more than max */
}

static void test_motivation_codes(void **state)
{
    static const char *codes[] = {"disability",  "race",
                                  "religion",    "sexual_orientation",
                                  "transgender", "alternative_subculture",
                                  "sex_gender",  "age",
                                  "other",       "not_sure"};
    unsigned seen = 0;
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        unsigned bit = services_motivation_bit(codes[i]);
        if (bit == 0 || (seen & bit)) {
            fail_msg("motivation '%s' has no bit of its own", codes[i]);
        }
        seen |= bit;
    }
    assert_int_equal(seen, MOTIVATION_ALL);               /* all covers exactly the ten */
    assert_int_equal(services_motivation_bit("Race"), 0); /* codes are exact */
}

typedef struct bad_case {
    const char *text;
    const char *want; /* substring of the error */
} bad_case_t;

static void test_bad_files_say_file_and_line(void **state)
{
    static const bad_case_t cases[] = {
        {"[a]\nname = A\nphone = 1\nmotivations = race, hair\n", ":4: motivations: unknown code 'hair'"},
        {"[a]\nname = A\nphone = 1\nmotivations = all\ncolour = red\n", ":5: unknown key"},
        {"[a]\nname = A\nurl = http://x.org/\nmotivations = all\n",
         ":3: url must start with https"},
        {"[Bad-Id]\nname = A\n", ":2: service id"},
        {"[a]\nname = A\nmotivations = all\n", "service [a] needs phone or url"},
        {"[a]\nphone = 1\nmotivations = all\n", "service [a] needs name"},
        {"[a]\nname = A\nphone = 1\ndescription = Help for you\n",
         ":4: description must be a catalog key"},
        {"[a]\nname_key = Emergency\nphone = 1\n", ":2: name_key must be a catalog key"},
    };
    char path[] = "/tmp/kiosk-services-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *f = fopen(path, "w");
        fputs(cases[i].text, f);
        fclose(f);
        services_t s;
        char err[512] = "";
        if (services_load(&s, path, err, sizeof err)) {
            fail_msg("case %zu loaded but should fail with '%s'", i, cases[i].want);
        }
        if (!strstr(err, cases[i].want) || strncmp(err, path, strlen(path)) != 0) {
            fail_msg("case %zu: error '%s' should start with the file and hold '%s'", i, err,
                     cases[i].want);
        }
    }
    unlink(path);
}

/* Every word of a shipped service is a catalog key that en.po has and every shipped
 * language has drafted: nothing reaches a non-English screen in English by accident. */
static void test_shipped_words_come_from_the_catalogs(void **state)
{
    (void)state;
    services_t s;
    char path[1024], err[512] = "";
    shipped_path(path, sizeof path);
    assert_true(services_load(&s, path, err, sizeof err));
    const char *src = getenv("KIOSK_SOURCE_DIR") ? getenv("KIOSK_SOURCE_DIR") : KIOSK_SOURCE_DIR;
    lang_registry_t reg;
    snprintf(path, sizeof path, "%s/locales/languages.ini", src);
    assert_true(lang_registry_load(&reg, path, err, sizeof err));
    i18n_t *i18n = i18n_create(true);
    for (int l = 0; l < reg.count; l++) {
        snprintf(path, sizeof path, "%s/locales/%s.po", src, reg.langs[l].code);
        if (!i18n_load(i18n, reg.langs[l].code, path, err, sizeof err)) {
            fail_msg("%s", err);
        }
    }
    const service_t *e = services_find(&s, "emergency");
    assert_string_equal(e->name_key, "service.emergency.name");
    assert_string_equal(services_find(&s, "samaritans")->hours_key, "hours.always");
    for (int i = 0; i < s.count; i++) {
        const service_t *sv = &s.items[i];
        if (sv->hours[0]) {
            fail_msg("[%s] hours are plain text ('%s'): use a catalog key", sv->id, sv->hours);
        }
        const char *keys[] = {sv->name_key, sv->description_key, sv->hours_key};
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            if (!keys[k][0]) {
                continue;
            }
            for (int l = 0; l < reg.count; l++) {
                if (i18n_state(i18n, reg.langs[l].code, keys[k]) == I18N_MISSING) {
                    fail_msg("[%s] %s has no %s text", sv->id, keys[k], reg.langs[l].code);
                }
            }
        }
    }
    i18n_destroy(i18n);
}

/* Older files wrote hours as text: they still load (shown as written). */
static void test_plain_text_hours_still_load(void **state)
{
    (void)state;
    char path[] = "/tmp/kiosk-services-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "[a]\nname = A\nphone = 1\nmotivations = all\nhours = 24 hours, every day\n"
                       "[b]\nname = B\nphone = 2\nmotivations = all\nhours = hours.weekdays\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    services_t s;
    char err[512] = "";
    if (!services_load(&s, path, err, sizeof err)) {
        fail_msg("%s", err);
    }
    unlink(path);
    assert_string_equal(s.items[0].hours, "24 hours, every day");
    assert_string_equal(s.items[0].hours_key, "");
    assert_string_equal(s.items[0].description_key, "service.a.desc");
    assert_string_equal(s.items[1].hours, "");
    assert_string_equal(s.items[1].hours_key, "hours.weekdays");
    assert_true(services_is_catalog_key("service.x_1.desc"));
    assert_false(services_is_catalog_key("desc"));
    assert_false(services_is_catalog_key("a..b"));
    assert_false(services_is_catalog_key("Open 9.30"));
}

/* The support screen's order: urgent numbers, then specialists for what happened, then
 * the general services; specialists for something else are left out; nothing known: the
 * file's order. The file lists a general service before the specialists on purpose. */
static void test_support_order_by_relevance(void **state)
{
    (void)state;
    char path[] = "/tmp/kiosk-services-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "[general]\nname = G\nphone = 1\nmotivations = all\n"
                       "[lgbt]\nname = L\nphone = 2\nmotivations = sexual_orientation, transgender\n"
                       "[disab]\nname = D\nphone = 3\nmotivations = disability\n"
                       "[general2]\nname = H\nphone = 4\nmotivations = all\n"
                       "[emergency]\nname = E\nphone = 999\nmotivations = all\nurgent = true\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    services_t s;
    char err[512] = "";
    if (!services_load(&s, path, err, sizeof err)) {
        fail_msg("%s", err);
    }
    unlink(path);
    static const struct {
        unsigned motivations;
        const char *want; /* ids in order, space-separated */
    } CASES[] = {
        {MOTIVATION_DISABILITY, "emergency disab general general2"},
        {MOTIVATION_TRANSGENDER | MOTIVATION_DISABILITY, "emergency lgbt disab general general2"},
        {MOTIVATION_RACE, "emergency general general2"},
        {0, "emergency general lgbt disab general2"},
    };
    for (size_t c = 0; c < sizeof CASES / sizeof CASES[0]; c++) {
        const service_t *out[SERVICES_MAX];
        int n = services_for_support(&s, CASES[c].motivations, out, SERVICES_MAX);
        char got[256] = "";
        for (int i = 0; i < n; i++) {
            size_t used = strlen(got);
            snprintf(got + used, sizeof got - used, "%s%s", i ? " " : "", out[i]->id);
        }
        if (strcmp(got, CASES[c].want) != 0) {
            fail_msg("motivations 0x%x: support order \"%s\", expected \"%s\"",
                     CASES[c].motivations, got, CASES[c].want);
        }
    }
    const service_t *two[2];
    assert_int_equal(services_for_support(&s, MOTIVATION_DISABILITY, two, 2), 2); /* max */
    assert_string_equal(two[1]->id, "disab");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_file_loads),
        cmocka_unit_test(test_filter_by_motivation),
        cmocka_unit_test(test_motivation_codes),
        cmocka_unit_test(test_bad_files_say_file_and_line),
        cmocka_unit_test(test_shipped_words_come_from_the_catalogs),
        cmocka_unit_test(test_plain_text_hours_still_load),
        cmocka_unit_test(test_support_order_by_relevance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
