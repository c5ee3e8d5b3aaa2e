/* Configuration: defaults, overrides, and errors that name file, line and problem. */
#include "platform/config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static char *write_ini(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/kiosk-config-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void test_defaults(void **state)
{
    kiosk_config_t c;
    config_defaults(&c);
    assert_int_equal(c.idle_s, 90);   /* DESIGN §6 */
    assert_int_equal(c.warning_s, 30);
    assert_string_equal(c.transport, "spool");
    assert_string_equal(c.default_language, "en");
    assert_non_null(strstr(c.state_dir, "kiosk")); /* under the user's state folder */
    char err[256];
    assert_true(config_validate(&c, err, sizeof err));
}

static void test_overrides(void **state)
{
    kiosk_config_t c;
    char err[512] = "";
    config_defaults(&c);
    char *p = write_ini("[kiosk]\nsite_id = lri-ed\nkiosk_id = k7\n[session]\nidle_s = 120\n"
                        "warning_s = 45\n[content]\nlanguages = en,ur,gu\n"
                        "show_unreviewed_translations = yes\n[printer]\nwidth_dots = 384\n");
    bool ok = config_load(&c, p, err, sizeof err);
    unlink(p);
    assert_true(ok);
    assert_string_equal(c.site_id, "lri-ed");
    assert_string_equal(c.kiosk_id, "k7");
    assert_int_equal(c.idle_s, 120);
    assert_int_equal(c.warning_s, 45);
    assert_string_equal(c.languages, "en,ur,gu");
    assert_true(c.show_unreviewed_translations);
    assert_int_equal(c.printer_width_dots, 384);
}

static void expect_error(const char *text, int line, const char *problem)
{
    kiosk_config_t c;
    char err[512] = "";
    config_defaults(&c);
    char *p = write_ini(text);
    char where[128];
    snprintf(where, sizeof where, "%s:%d: ", p, line);
    bool ok = config_load(&c, p, err, sizeof err);
    unlink(p);
    assert_false(ok);
    if (!strstr(err, where) || !strstr(err, problem)) {
        fail_msg("expected '%s...%s' in '%s'", where, problem, err);
    }
}

static void test_errors_name_file_line_problem(void **state)
{
    expect_error("[kiosk]\nsite_id = a\nnonsense line\n", 3, "not a 'key = value'");
    expect_error("[session]\nidle_s = soon\n", 2, "not a whole number");
    expect_error("[session]\n\nwarning_s = 5\n", 3, "out of range");
    expect_error("[kiosk]\ncolour = blue\n", 2, "unknown key 'colour'");
    expect_error("[content]\nshow_unreviewed_translations = maybe\n", 2, "not true or false");
}

static void test_good_keys_survive_a_bad_one(void **state)
{
    kiosk_config_t c;
    char err[512] = "";
    config_defaults(&c);
    char *p = write_ini("[kiosk]\nkiosk_id = k9\n[session]\nidle_s = x\n[report]\n"
                        "receiver_public_key = /etc/kiosk/receiver.pub\n");
    bool ok = config_load(&c, p, err, sizeof err);
    unlink(p);
    assert_false(ok);
    assert_string_equal(c.kiosk_id, "k9"); /* good keys apply */
    assert_string_equal(c.receiver_public_key, "/etc/kiosk/receiver.pub");
    assert_int_equal(c.idle_s, 90); /* the bad one keeps its default */
}

static void test_https_without_url_falls_back_to_spool(void **state)
{
    kiosk_config_t c;
    char err[512] = "";
    config_defaults(&c);
    char *p = write_ini("[delivery]\ntransport = https\n");
    bool ok = config_load(&c, p, err, sizeof err);
    unlink(p);
    assert_false(ok);
    assert_non_null(strstr(err, "url must start with https://"));
    assert_string_equal(c.transport, "spool"); /* safe fallback: reports stay durable */
}

/* [display] renderer takes the two names and nothing else; a bad one says so and keeps
 * the software renderer. */
static void test_renderer_choice(void **state)
{
    kiosk_config_t c;
    char err[512] = "";
    config_defaults(&c);
    assert_string_equal(c.renderer, "software");
    char *p = write_ini("[display]\nrenderer = accelerated\n");
    assert_true(config_load(&c, p, err, sizeof err));
    unlink(p);
    assert_string_equal(c.renderer, "accelerated");
    config_defaults(&c);
    p = write_ini("[display]\nrenderer = opengl\n");
    bool ok = config_load(&c, p, err, sizeof err);
    unlink(p);
    assert_false(ok);
    if (!strstr(err, "[display] renderer must be 'software' or 'accelerated', not 'opengl'")) {
        fail_msg("error does not name the key and the value: %s", err);
    }
    assert_string_equal(c.renderer, "software");
}

static void test_missing_file(void **state)
{
    kiosk_config_t c;
    char err[512] = "";
    config_defaults(&c);
    assert_false(config_load(&c, "/nonexistent/kiosk.ini", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/kiosk.ini: cannot open"));
}

/* The annotated config/kiosk.ini is valid and says what the built-in defaults are. */
static void test_shipped_kiosk_ini_matches_defaults(void **state)
{
    const char *src = getenv("KIOSK_SOURCE_DIR");
    char path[1024], err[512] = "";
    snprintf(path, sizeof path, "%s/config/kiosk.ini", src ? src : KIOSK_SOURCE_DIR);
    kiosk_config_t c, d;
    config_defaults(&c);
    config_defaults(&d);
    if (!config_load(&c, path, err, sizeof err)) {
        fail_msg("config/kiosk.ini: %s", err);
    }
    assert_string_equal(c.site_id, d.site_id);
    assert_string_equal(c.kiosk_id, d.kiosk_id);
    assert_int_equal(c.idle_s, d.idle_s);
    assert_int_equal(c.warning_s, d.warning_s);
    assert_string_equal(c.qr_allowed_hosts, d.qr_allowed_hosts);
    assert_string_equal(c.qr_follow_up_url, d.qr_follow_up_url);
    assert_int_equal(c.show_unreviewed_translations, d.show_unreviewed_translations);
    assert_string_equal(c.receiver_public_key, d.receiver_public_key);
    assert_string_equal(c.transport, d.transport);
    assert_int_equal(c.backoff_base_ms, d.backoff_base_ms);
    assert_int_equal(c.backoff_cap_ms, d.backoff_cap_ms);
    assert_string_equal(c.printer_sink, d.printer_sink);
    assert_int_equal(c.printer_width_dots, d.printer_width_dots);
    assert_true(c.screen_diagonal_in == d.screen_diagonal_in);
    assert_string_equal(c.renderer, d.renderer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_overrides),
        cmocka_unit_test(test_errors_name_file_line_problem),
        cmocka_unit_test(test_good_keys_survive_a_bad_one),
        cmocka_unit_test(test_https_without_url_falls_back_to_spool),
        cmocka_unit_test(test_renderer_choice),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_shipped_kiosk_ini_matches_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
