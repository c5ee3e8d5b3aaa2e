/* [display] off_hours and rotation rules (app/display.h): tables of times and points. */
#include "app/display.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

static int hm(int h, int m)
{
    return h * 60 + m;
}

static void test_off_hours(void **state)
{
    display_hours_t over_midnight, daytime, none;
    assert_true(display_hours_parse("20:00-07:30", &over_midnight));
    assert_true(display_hours_parse("12:00-13:00", &daytime));
    assert_true(display_hours_parse("", &none));
    const struct {
        const display_hours_t *h;
        int minute;
        bool off;
        int to_change;
    } cases[] = {
        {&over_midnight, hm(19, 59), false, 1},
        {&over_midnight, hm(20, 0), true, hm(11, 30)},
        {&over_midnight, hm(23, 59), true, hm(7, 31)},
        {&over_midnight, hm(0, 0), true, hm(7, 30)},
        {&over_midnight, hm(7, 29), true, 1},
        {&over_midnight, hm(7, 30), false, hm(12, 30)},
        {&daytime, hm(11, 0), false, 60},
        {&daytime, hm(12, 0), true, 60},
        {&daytime, hm(12, 59), true, 1},
        {&daytime, hm(13, 0), false, hm(23, 0)},
        {&none, hm(3, 0), false, 24 * 60},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool off = display_hours_off(cases[i].h, cases[i].minute);
        int to_change = display_hours_minutes_to_change(cases[i].h, cases[i].minute);
        if (off != cases[i].off || to_change != cases[i].to_change) {
            fail_msg("case %zu at %02d:%02d: off %d (want %d), next change in %d min (want %d)", i,
                     cases[i].minute / 60, cases[i].minute % 60, off, cases[i].off, to_change,
                     cases[i].to_change);
        }
    }
    display_hours_t bad;
    assert_false(display_hours_parse("25:00-07:00", &bad)); /* hour out of range */
    assert_false(display_hours_parse("20:00", &bad));       /* no end */
    assert_false(display_hours_parse("08:00-08:00", &bad)); /* empty span */
}

/* The picture is turned clockwise onto the output: a touch on the output lands on the
 * picture point that is shown under the finger. */
static void test_rotation_maps_touches(void **state)
{
    const struct {
        int rotation;
        float ox, oy, px, py;
    } cases[] = {
        {0, 0.25f, 0.75f, 0.25f, 0.75f},
        {90, 1.0f, 0.0f, 0.0f, 0.0f}, /* picture's top-left is the output's top-right */
        {90, 0.0f, 1.0f, 1.0f, 1.0f}, /* its bottom-right the output's bottom-left */
        {90, 1.0f, 1.0f, 1.0f, 0.0f}, /* its top-right the output's bottom-right */
        {180, 0.0f, 0.0f, 1.0f, 1.0f},
        {180, 0.25f, 0.75f, 0.75f, 0.25f},
        {270, 0.0f, 1.0f, 0.0f, 0.0f}, /* picture's top-left is the output's bottom-left */
        {270, 1.0f, 0.0f, 1.0f, 1.0f},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        float px, py;
        display_output_to_picture(cases[i].rotation, cases[i].ox, cases[i].oy, &px, &py);
        if (px != cases[i].px || py != cases[i].py) {
            fail_msg("rotation %d: output (%.2f, %.2f) -> picture (%.2f, %.2f), want (%.2f, %.2f)",
                     cases[i].rotation, cases[i].ox, cases[i].oy, px, py, cases[i].px, cases[i].py);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_off_hours),
        cmocka_unit_test(test_rotation_maps_touches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
