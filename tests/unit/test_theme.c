/* Theme: WCAG contrast of every text/background pair in both themes (>= 4.5:1), of the
 * shapes a person must see (>= 3:1), Quick exit's alarm red, and scaled units. */
#include "ui/theme.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static void check_pairs(bool high_contrast)
{
    theme_t t;
    theme_init(&t, 1920, 1080, high_contrast, THEME_TEXT_NORMAL);
    const theme_colors_t *c = &t.colors;
    const struct {
        const char *name;
        SDL_Color fg, bg;
    } pairs[] = {
        {"text on background", c->text, c->background},
        {"text on surface", c->text, c->surface},
        {"muted text on background", c->text_muted, c->background},
        {"primary text on primary", c->primary_text, c->primary},
        {"primary on surface (outlined buttons)", c->primary, c->surface},
        {"danger text on danger", c->danger_text, c->danger},
        {"disabled text on disabled", c->disabled_text, c->disabled},
        {"text on pressed", high_contrast ? c->background : c->primary_text, c->pressed},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        double r = theme_contrast_ratio(pairs[i].fg, pairs[i].bg);
        if (r < 4.5) {
            fail_msg("%s theme: %s is %.2f:1, under 4.5:1", high_contrast ? "high-contrast" : "normal",
                     pairs[i].name, r);
        }
    }
}

/* Shapes a person must see (WCAG 1.4.11, >= 3:1 against what is around them): the
 * progress track (it was drawn in "disabled", black on the black high-contrast page:
 * 1.0:1), the filled part of the bar against the track's inside, Quick exit's button on the
 * page and a checkbox's square on its row. */
static void check_shapes(bool high_contrast)
{
    theme_t t;
    theme_init(&t, 1920, 1080, high_contrast, THEME_TEXT_NORMAL);
    const theme_colors_t *c = &t.colors;
    const struct {
        const char *name;
        SDL_Color fg, bg;
    } pairs[] = {
        {"progress track on background", c->track, c->background},
        {"progress track on surface", c->track, c->surface},
        {"progress filled on the track's inside", c->primary, c->surface},
        {"Quick exit button on background", c->danger, c->background},
        {"checkbox square on surface", c->text, c->surface},
        {"scroll thumb on background", c->text_muted, c->background},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        double r = theme_contrast_ratio(pairs[i].fg, pairs[i].bg);
        if (r < 3.0) {
            fail_msg("%s theme: %s is %.2f:1, under 3:1", high_contrast ? "high-contrast" : "normal",
                     pairs[i].name, r);
        }
    }
}

/* Quick exit keeps its alarm look in both themes: a saturated red (hue within 20 degrees
 * of red, saturation >= 0.75; the old high-contrast pale pink FF8080 has 0.5) with light
 * words on it (>= 4.5:1, checked in check_pairs()). */
static void check_danger_look(bool high_contrast)
{
    theme_t t;
    theme_init(&t, 1920, 1080, high_contrast, THEME_TEXT_NORMAL);
    SDL_Color d = t.colors.danger, w = t.colors.danger_text;
    int max = d.r > d.g ? (d.r > d.b ? d.r : d.b) : (d.g > d.b ? d.g : d.b);
    int min = d.r < d.g ? (d.r < d.b ? d.r : d.b) : (d.g < d.b ? d.g : d.b);
    double saturation = max > 0 ? (double)(max - min) / max : 0;
    /* red leads and green and blue are close: a hue within 20 degrees of red */
    bool red = max == d.r && max > min && fabs((double)d.g - d.b) / (max - min) <= 20.0 / 60.0;
    if (!red || saturation < 0.75) {
        fail_msg("%s theme: Quick exit #%02X%02X%02X is not an alarm red (saturation %.2f)",
                 high_contrast ? "high-contrast" : "normal", d.r, d.g, d.b, saturation);
    }
    int words = w.r + w.g + w.b, face = d.r + d.g + d.b;
    if (words <= face) {
        fail_msg("%s theme: Quick exit's words are darker than its red", high_contrast ? "high-contrast" : "normal");
    }
}

static void test_shapes_and_danger_normal(void **state)
{
    check_shapes(false);
    check_danger_look(false);
}

static void test_shapes_and_danger_high(void **state)
{
    check_shapes(true);
    check_danger_look(true);
}

static void test_contrast_normal(void **state)
{
    check_pairs(false);
}

static void test_contrast_high(void **state)
{
    check_pairs(true);
}

static void test_ratio_reference_values(void **state)
{
    SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    assert_true(theme_contrast_ratio(black, white) > 20.9); /* 21:1 by definition */
    assert_true(theme_contrast_ratio(white, white) < 1.01);
}

static void test_units_scale_with_short_side(void **state)
{
    theme_t t;
    theme_init(&t, 1280, 720, false, THEME_TEXT_NORMAL);
    assert_int_equal(theme_px(&t, 96), 64);
    theme_init(&t, 2160, 3840, false, THEME_TEXT_LARGEST);
    assert_int_equal(theme_px(&t, 96), 192);
    assert_int_equal(theme_font_px(&t, 36), 108); /* 36 units x2 x1.5 */
}

/* Body text is at least 4.8 mm high on the screens a trust might install. */
static void test_body_text_at_least_4_8_mm(void **state)
{
    const struct {
        int w, h;
        double diag;
    } screens[] = {{1920, 1080, 21.5}, {1080, 1920, 21.5}, {1280, 720, 15.6},
                   {1920, 1080, 15.6}, {3840, 2160, 32},   {1366, 768, 18.5}};
    for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++) {
        theme_t t;
        theme_init(&t, screens[i].w, screens[i].h, false, THEME_TEXT_NORMAL);
        theme_fit_screen(&t, screens[i].w, screens[i].h, screens[i].diag);
        double mm = theme_font_px(&t, THEME_FONT_BODY) * THEME_CAP_HEIGHT_EM *
                    theme_mm_per_px(screens[i].w, screens[i].h, screens[i].diag);
        if (mm < THEME_BODY_MIN_MM - 0.05) {
            fail_msg("%dx%d at %.1f in: body text %.2f mm", screens[i].w, screens[i].h,
                     screens[i].diag, mm);
        }
    }
    /* and the fit never shrinks what was already big enough */
    theme_t t;
    theme_init(&t, 3840, 2160, false, THEME_TEXT_NORMAL);
    theme_fit_screen(&t, 3840, 2160, 21.5);
    assert_int_equal(theme_px(&t, 100), 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contrast_normal),
        cmocka_unit_test(test_contrast_high),
        cmocka_unit_test(test_shapes_and_danger_normal),
        cmocka_unit_test(test_shapes_and_danger_high),
        cmocka_unit_test(test_ratio_reference_values),
        cmocka_unit_test(test_units_scale_with_short_side),
        cmocka_unit_test(test_body_text_at_least_4_8_mm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
