/* The receiver's rules in isolation (issue 16): small-number suppression, known_kiosks
 * with several dated keys per kiosk, and the strict JSON parser. */
#include "cli/kiosk_reports.h"
#include "cli/kiosk_reports_suppress.h"
#include "report/report_json.h"

#include "report_test_support.h"

#include <cjson/cJSON.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- suppression ---- */

typedef struct suppress_case {
    const char *what;
    long counts[6];
    int n;
    bool partition, total_known;
    const char *want; /* one letter a cell: S shown, s small "<5", c withheld */
} suppress_case_t;

static const suppress_case_t SUPPRESS_CASES[] = {
    {"nothing small: all shown", {30, 22, 9}, 3, true, true, "SSS"},
    {"one small cell: the smallest other is withheld with it", {30, 22, 3}, 3, true, true, "Scs"},
    {"zero is shown, and not used to hide behind", {30, 0, 3, 9}, 4, true, true, "SSsc"},
    {"two small cells whose sum (5) fixes neither", {30, 2, 3}, 3, true, true, "Sss"},
    {"two small cells of 1: the sum 2 fixes both", {30, 1, 1}, 3, true, true, "css"},
    {"four and four with nothing else: no bound left", {4, 4}, 2, true, true, "cc"},
    {"multi-valued table: no sum, primary only", {30, 3}, 2, false, true, "Ss"},
    {"total not published: primary only", {30, 3}, 2, true, false, "Ss"},
};

static char suppress_letter(kr_cell_state_t s)
{
    return s == KR_CELL_SMALL ? 's' : s == KR_CELL_WITHHELD ? 'c' : 'S';
}

static void test_suppress_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof SUPPRESS_CASES / sizeof SUPPRESS_CASES[0]; i++) {
        const suppress_case_t *c = &SUPPRESS_CASES[i];
        kr_cell_state_t st[6];
        char got[7] = "";
        long total = 0;
        for (int j = 0; j < c->n; j++) {
            total += c->counts[j];
        }
        kr_suppress(c->counts, c->n, c->partition, c->total_known, total, st);
        for (int j = 0; j < c->n; j++) {
            got[j] = suppress_letter(st[j]);
        }
        CHECK(strcmp(got, c->want) == 0, "%s: got %s, want %s", c->what, got, c->want);
    }
}

static void test_suppress_text(void **state)
{
    (void)state;
    char buf[16];
    CHECK(strcmp(kr_suppress_text(3, KR_CELL_SMALL, buf, sizeof buf), "<5") == 0, "1-4 is <5");
    CHECK(strcmp(kr_suppress_text(9, KR_CELL_WITHHELD, buf, sizeof buf), "[c]") == 0,
          "withheld is [c]");
    CHECK(strcmp(kr_suppress_text(12, KR_CELL_SHOWN, buf, sizeof buf), "12") == 0, "shown exact");
}

/* ---- known_kiosks ---- */

static void known_dir(char *dir, size_t size)
{
    snprintf(dir, size, "/tmp/kiosk-test-receiver-XXXXXX");
    CHECK(mkdtemp(dir) != NULL, "temp dir");
}

static void test_known_rekey(void **state)
{
    (void)state;
    char dir[64], path[128], err[KR_ERROR_MAX];
    unsigned char a[REPORT_SIGN_PK_BYTES], b[REPORT_SIGN_PK_BYTES], sk[REPORT_SIGN_SK_BYTES];
    crypto_sign_keypair(a, sk);
    crypto_sign_keypair(b, sk);
    known_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/known_kiosks", dir);
    kr_known_t k;
    int closed = 0;
    CHECK(kr_known_load(&k, path, err, sizeof err), "a missing file is an empty list: %s", err);
    CHECK(kr_known_add_key(&k, "unit-1", a, "", "", &closed, err, sizeof err), "add: %s", err);
    CHECK(closed == 0, "the first key ends nothing");
    CHECK(kr_known_add_key(&k, "unit-1", b, "2025-06-30", "", &closed, err, sizeof err),
          "re-key: %s", err);
    CHECK(closed == 1, "a new open key ends the old one");
    kr_known_deinit(&k);

    CHECK(kr_known_load(&k, path, err, sizeof err), "reload: %s", err);
    CHECK(k.count == 2, "two keys saved and read back, got %zu", k.count);
    CHECK(kr_known_check(&k, "unit-1", a, "2025-06-29T23:59:59Z", NULL) == KR_PIN_MATCH,
          "old key, before the change");
    CHECK(kr_known_check(&k, "unit-1", a, "2025-06-30T08:00:00Z", NULL) == KR_PIN_MATCH,
          "old key on the day of the change (until is inclusive)");
    CHECK(kr_known_check(&k, "unit-1", a, "2025-07-01T08:00:00Z", NULL) == KR_PIN_OUTSIDE,
          "old key after its until date");
    CHECK(kr_known_check(&k, "unit-1", b, "2025-06-29T08:00:00Z", NULL) == KR_PIN_OUTSIDE,
          "new key before its from date");
    CHECK(kr_known_check(&k, "unit-1", b, "2030-01-01T08:00:00Z", NULL) == KR_PIN_MATCH,
          "new key, open-ended");
    CHECK(kr_known_check(&k, "unit-2", a, "2025-06-29T08:00:00Z", NULL) == KR_PIN_UNKNOWN,
          "another kiosk id is unknown, even with a known key");
    crypto_sign_keypair(a, sk);
    CHECK(kr_known_check(&k, "unit-1", a, "2025-06-29T08:00:00Z", NULL) == KR_PIN_CHANGED,
          "a key never listed for the kiosk");
    kr_known_deinit(&k);
    unlink(path);
    rmdir(dir);
}

static void test_known_bad_lines(void **state)
{
    (void)state;
    static const struct {
        const char *text, *want;
    } CASES[] = {
        {"unit-1\n", ":1: expected"},
        {"# c\nunit-1 AAAA\n", ":2: expected"},
        {"unit-1 %s from=2025-02-30\n", ":1: expected"},
        {"unit-1 %s until=2025-01-01 from=2025-02-01\n", ":1: from=2025-02-01 is after"},
        {"unit-1 %s\nunit-1 %s\n", ":2: kiosk unit-1 lists the same key twice"},
        {"unit-1 %s when=2025-01-01\n", ":1: expected"},
    };
    char dir[64], path[128], err[KR_ERROR_MAX], b64[REPORT_KEY_BASE64_MAX], text[512];
    unsigned char pk[REPORT_SIGN_PK_BYTES], sk[REPORT_SIGN_SK_BYTES];
    crypto_sign_keypair(pk, sk);
    report_key_to_base64(pk, sizeof pk, b64, sizeof b64);
    known_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/known_kiosks", dir);
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        snprintf(text, sizeof text, CASES[i].text, b64, b64);
        FILE *f = fopen(path, "w");
        CHECK(f && fputs(text, f) >= 0 && fclose(f) == 0, "write test file");
        chmod(path, 0644);
        kr_known_t k;
        CHECK(!kr_known_load(&k, path, err, sizeof err), "case %zu must fail to load", i);
        CHECK(strstr(err, CASES[i].want) != NULL, "case %zu: error '%s' should say '%s'", i, err,
              CASES[i].want);
    }
    chmod(path, 0664);
    kr_known_t k;
    CHECK(!kr_known_load(&k, path, err, sizeof err) && strstr(err, "chmod go-w"),
          "a group-writable known_kiosks is refused with the chmod: %s", err);
    unlink(path);
    rmdir(dir);
}

static void test_dates(void **state)
{
    (void)state;
    CHECK(kr_date_valid("2024-02-29"), "leap day");
    CHECK(kr_date_valid("2099-12-31"), "a future until date is allowed");
    CHECK(!kr_date_valid("2025-02-29"), "no leap day in 2025");
    CHECK(!kr_date_valid("2025-13-01"), "month 13");
    CHECK(!kr_date_valid("2025-1-01"), "short month");
    CHECK(!kr_date_valid("+025-01-01"), "sign");
    CHECK(!kr_date_valid("2025-01-01x"), "trailing");
}

/* ---- strict JSON ---- */

static void test_strict_json(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t len;      /* 0 = strlen */
        const char *why; /* NULL = must parse */
    } CASES[] = {
        {" {\"a\":1}\r\n\t", 0, NULL},
        {"{\"a\":{\"b\":1,\"c\":2},\"d\":[{\"b\":1},{\"b\":2}]}", 0, NULL},
        {"{\"a\":1}{\"a\":2}", 0, "data after the end"},
        {"{\"a\":1}\n{\"a\":2}", 0, "data after the end"},
        {"{\"a\":1} x", 0, "data after the end"},
        {"{\"a\":1,\"a\":2}", 0, "same key twice"},
        {"{\"x\":{\"k\":1,\"j\":0,\"k\":2}}", 0, "same key twice"},
        {"[{\"k\":1,\"k\":1}]", 0, "same key twice"},
        {"{\"a\":\"x\0y\"}", 11, "NUL"},
        {"{\"a\":1}\0{\"b\":2}", 15, "NUL"},
        {"{\"a\":", 0, "not valid JSON"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const char *why = "";
        size_t len = CASES[i].len ? CASES[i].len : strlen(CASES[i].text);
        cJSON *root = report_json_parse_strict(CASES[i].text, len, &why);
        if (CASES[i].why) {
            CHECK(!root && strstr(why, CASES[i].why), "case %zu: want refusal '%s', got '%s'", i,
                  CASES[i].why, root ? "(parsed)" : why);
        } else {
            CHECK(root != NULL, "case %zu should parse: %s", i, why);
        }
        report_json_delete_wiped(root);
    }
}

int main(void)
{
    if (sodium_init() < 0) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suppress_table), cmocka_unit_test(test_suppress_text),
        cmocka_unit_test(test_known_rekey),    cmocka_unit_test(test_known_bad_lines),
        cmocka_unit_test(test_dates),          cmocka_unit_test(test_strict_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
