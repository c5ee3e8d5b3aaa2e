/* config/services.ini: the shipped file loads, bad files fail with FILE:LINE, and the
 * motivation filter picks the right services. */
#include "content/services.h"

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
        {"[a]\nname = A\nphone = 1\nmotivations = race, hair\n", ":4: unknown motivation 'hair'"},
        {"[a]\nname = A\nphone = 1\nmotivations = all\ncolour = red\n", ":5: unknown key"},
        {"[a]\nname = A\nurl = http://x.org/\nmotivations = all\n",
         ":3: url must start with https"},
        {"[Bad-Id]\nname = A\n", ":2: service id"},
        {"[a]\nname = A\nmotivations = all\n", "service [a] needs phone or url"},
        {"[a]\nphone = 1\nmotivations = all\n", "service [a] needs name"},
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_file_loads),
        cmocka_unit_test(test_filter_by_motivation),
        cmocka_unit_test(test_motivation_codes),
        cmocka_unit_test(test_bad_files_say_file_and_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
