/* qr/: the module grid (quiet zone, error correction) and what a QR may carry. */
#include "qr/qr.h"
#include "qr/qr_url.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#define ALLOWED "samaritans.org,report-it.org.uk,cst.org.uk"

static void test_grid_has_quiet_zone_and_finders(void **state)
{
    char err[256];
    qr_code_t *qr = qr_code_create("https://www.samaritans.org/", QR_ECC_M, err, sizeof err);
    assert_non_null(qr);
    int inner = qr->size - 2 * QR_QUIET_MODULES;
    assert_int_equal(inner, 17 + 4 * qr->version); /* QR size rule: 4 modules a version */
    for (int i = 0; i < qr->size; i++) {
        for (int q = 0; q < QR_QUIET_MODULES; q++) {
            if (qr_code_dark(qr, i, q) || qr_code_dark(qr, q, i) ||
                qr_code_dark(qr, i, qr->size - 1 - q) || qr_code_dark(qr, qr->size - 1 - q, i)) {
                fail_msg("quiet zone module dark near (%d, %d)", i, q);
            }
        }
    }
    /* Top-left finder: a dark 7x7 ring starts right after the quiet zone. */
    int o = QR_QUIET_MODULES;
    assert_true(qr_code_dark(qr, o, o));
    assert_true(qr_code_dark(qr, o + 6, o + 6));
    assert_false(qr_code_dark(qr, o + 1, o + 1)); /* the light ring inside */
    assert_true(qr_code_dark(qr, o + 3, o + 3));  /* the dark centre */
    assert_false(qr_code_dark(qr, -1, 0));        /* outside reads light */
    qr_code_destroy(qr);
    qr_code_destroy(NULL); /* no-op */
}

/* Error correction level from the format information next to the top-left finder:
 * the first two bits (row 8, columns 0 and 1), unmasked with 0x5412's top bits (1, 0),
 * are L=01, M=00, Q=11, H=10. */
static int ecc_bits(const qr_code_t *qr)
{
    int o = QR_QUIET_MODULES;
    int b14 = qr_code_dark(qr, o + 0, o + 8) ^ 1;
    int b13 = qr_code_dark(qr, o + 1, o + 8) ^ 0;
    return b14 << 1 | b13;
}

static void test_error_correction_is_m_or_better(void **state)
{
    static const struct {
        qr_ecc_t ecc;
        int bits;
    } cases[] = {{QR_ECC_M, 0}, {QR_ECC_Q, 3}, {QR_ECC_H, 2}};
    char err[256];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        qr_code_t *qr = qr_code_create("https://cst.org.uk/", cases[i].ecc, err, sizeof err);
        assert_non_null(qr);
        if (ecc_bits(qr) != cases[i].bits) {
            fail_msg("case %zu: format bits %d, want %d", i, ecc_bits(qr), cases[i].bits);
        }
        qr_code_destroy(qr);
    }
}

static void test_refuses_empty_and_huge_text(void **state)
{
    char err[256] = "", big[QR_TEXT_MAX + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_null(qr_code_create("", QR_ECC_M, err, sizeof err));
    assert_true(err[0] != '\0'); /* says why */
    assert_null(qr_code_create(big, QR_ECC_M, err, sizeof err));
}

static void test_url_check_table(void **state)
{
    static const struct {
        const char *url;
        bool ok;
    } cases[] = {
        {"https://www.samaritans.org/", true},
        {"https://samaritans.org", true},
        {"https://WWW.Samaritans.org/help?x=1#y", true},
        {"http://www.samaritans.org/", false}, /* https only */
        {"https://evil.example/", false},      /* not on the list */
        {"https://notsamaritans.org/", false}, /* suffix is not a subdomain */
        {"https://samaritans.org.evil.example/", false},
        {"https://user@samaritans.org/", false},  /* no user info */
        {"https://samaritans.org:8443/", false},  /* no port */
        {"https://samaritans.org/a b", false},    /* no spaces */
        {"https://samaritans.org/{name}", false}, /* no unexpanded placeholders */
        {"https:///x", false},
        {"", false},
        {"javascript:alert(1)", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[256] = "";
        bool ok = qr_url_check(cases[i].url, ALLOWED, err, sizeof err);
        if (ok != cases[i].ok) {
            fail_msg("'%s': check %s, want %s (%s)", cases[i].url, ok ? "passed" : "failed",
                     cases[i].ok ? "pass" : "fail", err);
        }
        if (!ok && err[0] == '\0') {
            fail_msg("'%s' failed without a reason", cases[i].url);
        }
    }
    char host[QR_HOST_MAX];
    assert_true(qr_url_host("https://WWW.Samaritans.org/x", host, sizeof host));
    assert_string_equal(host, "www.samaritans.org"); /* lower-cased, path dropped */
}

static void test_follow_up_template(void **state)
{
    static const struct {
        const char *tmpl, *ref, *want; /* want NULL: refused */
    } cases[] = {
        {"https://www.report-it.org.uk/follow?ref={reference}", "K7M-4QX",
         "https://www.report-it.org.uk/follow?ref=K7M-4QX"},
        {"https://www.report-it.org.uk/r/{reference}/", "AB12",
         "https://www.report-it.org.uk/r/AB12/"},
        {"https://www.report-it.org.uk/?n={name}", "AB12", NULL}, /* only {reference} */
        {"https://www.report-it.org.uk/?p={phone}&r={reference}", "AB12", NULL},
        {"https://{reference}.report-it.org.uk/", "AB12", NULL},      /* not in the host */
        {"https://www.report-it.org.uk/?r={reference}", "A B", NULL}, /* bad reference */
        {"https://www.report-it.org.uk/?r={reference}", "a&x=1", NULL},
        {"http://www.report-it.org.uk/?r={reference}", "AB12", NULL},   /* https only */
        {"https://elsewhere.example/?r={reference}", "AB12", NULL},     /* allow-list */
        {"https://www.report-it.org.uk/?r={reference}}", "AB12", NULL}, /* stray brace */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[QR_URL_MAX + 1] = "", err[256] = "";
        bool ok =
            qr_url_expand(cases[i].tmpl, cases[i].ref, ALLOWED, out, sizeof out, err, sizeof err);
        if (ok != (cases[i].want != NULL)) {
            fail_msg("case %zu '%s': %s (%s)", i, cases[i].tmpl, ok ? "accepted" : "refused", err);
        }
        if (ok && strcmp(out, cases[i].want) != 0) {
            fail_msg("case %zu: expanded to '%s', want '%s'", i, out, cases[i].want);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid_has_quiet_zone_and_finders),
        cmocka_unit_test(test_error_correction_is_m_or_better),
        cmocka_unit_test(test_refuses_empty_and_huge_text),
        cmocka_unit_test(test_url_check_table),
        cmocka_unit_test(test_follow_up_template),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
