/* The optional date on the "when" step: validation and JSON. */
#include "report/report.h"
#include "report/report_json.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

static void test_date_shapes(void **state)
{
    assert_true(report_date_valid("2025-03-21"));
    assert_true(report_date_valid("2024-02-29"));  /* leap year */
    assert_true(report_date_valid("2000-02-29"));  /* divisible by 400 */
    assert_false(report_date_valid("1900-02-29")); /* not a leap year */
    assert_false(report_date_valid("2025-02-29"));
    assert_false(report_date_valid("2025-04-31"));
    assert_false(report_date_valid("2025-13-01"));
    assert_false(report_date_valid("2025-00-10"));
    assert_false(report_date_valid("21/03/2025")); /* only the ISO form is stored */
    assert_false(report_date_valid("2025-3-21"));
    assert_false(report_date_valid("1899-12-31"));
    assert_false(report_date_valid(""));
}

static void test_future_date_rejected(void **state)
{
    time_t later = time(NULL) + 5 * 24 * 3600;
    struct tm t;
    gmtime_r(&later, &t);
    char iso[16];
    strftime(iso, sizeof iso, "%Y-%m-%d", &t);
    assert_false(report_date_valid(iso)); /* five days ahead cannot have happened */
    time_t now = time(NULL);
    gmtime_r(&now, &t);
    strftime(iso, sizeof iso, "%Y-%m-%d", &t);
    assert_true(report_date_valid(iso)); /* today is fine */
}

static void test_json_round_trip_with_and_without_date(void **state)
{
    report_t r, back;
    memset(&r, 0, sizeof r);
    snprintf(r.when_period, sizeof r.when_period, "this_month");
    snprintf(r.when_date, sizeof r.when_date, "2025-03-21");
    char buf[16384], err[256];
    size_t len = 0;
    assert_true(report_json_write(&r, buf, sizeof buf, &len, err, sizeof err));
    assert_non_null(strstr(buf, "\"date\":\"2025-03-21\""));
    assert_true(report_json_read(buf, len, &back, err, sizeof err));
    assert_string_equal(back.when_date, "2025-03-21");
    r.when_date[0] = '\0';
    assert_true(report_json_write(&r, buf, sizeof buf, &len, err, sizeof err));
    assert_null(strstr(buf, "\"date\"")); /* no date given: no field */
    assert_true(report_json_read(buf, len, &back, err, sizeof err));
    assert_string_equal(back.when_date, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_shapes),
        cmocka_unit_test(test_future_date_rejected),
        cmocka_unit_test(test_json_round_trip_with_and_without_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
