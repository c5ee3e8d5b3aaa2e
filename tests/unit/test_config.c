/* Configuration: defaults, overrides, and errors that name file, line and problem. */
#include "platform/config.h"
#include "platform/paths.h"

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

/* Loads text; the translations setting both spellings leave behind. */
static void expect_translations(const char *text, const char *want, bool want_drafts)
{
    kiosk_config_t c;
    char err[512] = "";
    config_defaults(&c);
    char *p = write_ini(text);
    bool ok = config_load(&c, p, err, sizeof err);
    unlink(p);
    if (!ok) {
        fail_msg("'%s' was refused: %s", text, err);
    }
    assert_string_equal(c.translations, want);
    assert_int_equal(c.show_unreviewed_translations, want_drafts);
}

static void test_translations_new_and_old_spelling(void **state)
{
    kiosk_config_t d;
    config_defaults(&d);
    /* a fresh install shows every language in its own words */
    assert_string_equal(d.translations, "all");
    assert_true(d.show_unreviewed_translations);
    expect_translations("[content]\ntranslations = reviewed_only\n", "reviewed_only", false);
    expect_translations("[content]\ntranslations = all\n", "all", true);
    /* deployed configs with the old key keep working */
    expect_translations("[content]\nshow_unreviewed_translations = false\n", "reviewed_only",
                        false);
    expect_translations("[content]\nshow_unreviewed_translations = true\n", "all", true);
    expect_translations("[content]\ntranslations = all\nshow_unreviewed_translations = yes\n",
                        "all", true);
    expect_error("[content]\ntranslations = drafts\n", 2, "not all or reviewed_only");
    expect_error("[content]\ntranslations = all\nshow_unreviewed_translations = false\n", 3,
                 "contradicts translations");
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

static void test_https_without_url_never_falls_back(void **state)
{
    kiosk_config_t c;
    char err[512] = "";
    config_defaults(&c);
    char *p = write_ini("[delivery]\ntransport = https\nurl = http://intake.example\n");
    bool ok = config_load(&c, p, err, sizeof err);
    char where[128];
    snprintf(where, sizeof where, "%s:3: ", p);
    unlink(p);
    assert_false(ok);
    if (!strstr(err, where) || !strstr(err, "url must start with https://")) {
        fail_msg("an http:// url is reported on its own line 3: %s", err);
    }
    /* no fallback to the spool nobody collects: the caller refuses reports instead */
    assert_string_equal(c.transport, "https");
}

/* Every problem, not only the first, each at the line it is on. */
static void test_every_problem_at_its_line(void **state)
{
    char longv[260];
    memset(longv, 'a', sizeof longv - 1);
    longv[sizeof longv - 1] = '\0';
    /* line, text, the problem expected on it (NULL: a good line) */
    const struct {
        const char *text, *problem;
    } lines[] = {
        {"[report]", NULL},
        {"receiver-public-key = x", "unknown key 'receiver-public-key'"},
        {"[display]", NULL},
        {"screen_diagonal_in = nan", "is not a number"},
        {"site_name = x", "unknown key 'site_name' in section [display]"},
        {"[displya]", "unknown section [displya]"},
        {"rotation = 90", NULL}, /* inside the unknown section: not reported again */
        {"[kiosk]", NULL},
        {"kiosk_id = k1", NULL},
        {"kiosk_id = k2", "set twice (first on line 9)"},
        {"state_dir = var/lib/kiosk", "relative path"},
        {"site_name = LONG", "line is too long"},
        {"[admin]", NULL},
        {"pin_hash = $argon2i$v=19$garbage", "not an Argon2id hash"},
        {"just words", "not a 'key = value' line"},
        {"[display]", NULL},
        {"rotation = 45", "not 0, 90, 180 or 270"},
        {"off_hours = 25:00-07:00", "not HH:MM-HH:MM"},
        {"[qr]", NULL},
        {"allowed_hosts = a.example", NULL},
        {"allowed_hosts = b.example", NULL}, /* a list: adds, not "set twice" */
    };
    const int n = (int)(sizeof lines / sizeof lines[0]);
    char text[4096] = "";
    for (int i = 0; i < n; i++) {
        if (strstr(lines[i].text, "LONG")) {
            strcat(text, "site_name = ");
            strcat(text, longv);
        } else {
            strcat(text, lines[i].text);
        }
        strcat(text, "\n");
    }
    char *p = write_ini(text);
    kiosk_config_t c;
    ini_problems_t *probs = calloc(1, sizeof *probs);
    config_defaults(&c);
    bool ok = config_load_all(&c, p, probs);
    assert_false(ok);
    int expected = 0;
    for (int i = 0; i < n; i++) {
        char where[128];
        snprintf(where, sizeof where, "%s:%d: ", p, i + 1);
        int found = 0;
        for (int j = 0; j < probs->count; j++) {
            if (strncmp(probs->items[j].text, where, strlen(where)) == 0) {
                found++;
                if (lines[i].problem && !strstr(probs->items[j].text, lines[i].problem)) {
                    fail_msg("line %d: expected '%s' in '%s'", i + 1, lines[i].problem,
                             probs->items[j].text);
                }
            }
        }
        if (found != (lines[i].problem ? 1 : 0)) {
            fail_msg("line %d (%s): %d problems reported, expected %d", i + 1, lines[i].text,
                     found, lines[i].problem ? 1 : 0);
        }
        expected += lines[i].problem ? 1 : 0;
    }
    assert_int_equal(probs->count, expected); /* and none on lines that do not exist */
    assert_string_equal(c.qr_allowed_hosts, "a.example,b.example");
    assert_string_equal(c.kiosk_id, "k1"); /* the second setting is refused, not applied */
    unlink(p);
    free(probs);
}

/* A site's services.ini next to its kiosk.ini wins over the packaged one; without one,
 * the packaged file is used. */
static void test_local_content_overrides(void **state)
{
    char dir[] = "/tmp/kiosk-etc-XXXXXX", ini[64], local[64], out[256];
    assert_non_null(mkdtemp(dir));
    snprintf(ini, sizeof ini, "%s/kiosk.ini", dir);
    snprintf(local, sizeof local, "%s/services.ini", dir);
    paths_content_file(ini, "/usr/share/kiosk", "services.ini", out, sizeof out);
    assert_string_equal(out, "/usr/share/kiosk/config/services.ini");
    FILE *f = fopen(local, "w");
    assert_non_null(f);
    fclose(f);
    paths_content_file(ini, "/usr/share/kiosk", "services.ini", out, sizeof out);
    assert_string_equal(out, local);
    paths_content_file(ini, "/usr/share/kiosk", "areas.ini", out, sizeof out);
    assert_string_equal(out, "/usr/share/kiosk/config/areas.ini"); /* only what is there */
    paths_content_file("", "/usr/share/kiosk", "services.ini", out, sizeof out);
    assert_string_equal(out, "/usr/share/kiosk/config/services.ini"); /* no config file */
    unlink(local);
    rmdir(dir);
}

/* systemd's StateDirectory= wins; the first of a ':' list is the kiosk's. */
static void test_state_directory_from_systemd(void **state)
{
    char out[256];
    setenv("STATE_DIRECTORY", "/var/lib/kiosk:/var/lib/other", 1);
    paths_default_state_dir(out, sizeof out);
    unsetenv("STATE_DIRECTORY");
    assert_string_equal(out, "/var/lib/kiosk");
}

/* What is not a regular file is refused at once: /dev/zero never returns otherwise. */
static void test_not_a_regular_file(void **state)
{
    kiosk_config_t c;
    char err[512] = "";
    config_defaults(&c);
    assert_false(config_load(&c, "/dev/zero", err, sizeof err));
    assert_non_null(strstr(err, "/dev/zero: not a regular file"));
    assert_false(config_load(&c, "/tmp", err, sizeof err));
    assert_non_null(strstr(err, "/tmp: not a regular file"));
}

/* [display] renderer takes the two names and nothing else; a bad one is named at its line
 * and keeps the software renderer. */
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
    p = write_ini("[display]\n\nrenderer = opengl\n");
    bool ok = config_load(&c, p, err, sizeof err);
    unlink(p);
    assert_false(ok);
    if (!strstr(err, ":3:") || !strstr(err, "'opengl' is not a renderer: software or accelerated")) {
        fail_msg("error does not name the line and the value: %s", err);
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
        cmocka_unit_test(test_translations_new_and_old_spelling),
        cmocka_unit_test(test_good_keys_survive_a_bad_one),
        cmocka_unit_test(test_https_without_url_never_falls_back),
        cmocka_unit_test(test_every_problem_at_its_line),
        cmocka_unit_test(test_not_a_regular_file),
        cmocka_unit_test(test_local_content_overrides),
        cmocka_unit_test(test_state_directory_from_systemd),
        cmocka_unit_test(test_renderer_choice),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_shipped_kiosk_ini_matches_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
