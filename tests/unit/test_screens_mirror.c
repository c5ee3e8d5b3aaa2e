/* A button set at the reading start of its line (not centred, not full width) is at the
 * left in English and at the right in Urdu and Arabic: the staff PIN's Open, home's staff
 * entry, the report start's privacy link. Both orientations. */
#include "support_kiosk.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static const struct {
    const char *screen, *id;
} START_BUTTONS[] = {
    {"admin.pin", "admin.pin.ok"},
    {"home", "home.staff"},
    {"report.start", "report.start.privacy"},
};

static void check_size(int w, int h)
{
    static const char *langs[] = {"en", "ur", "ar"};
    runtime_t rt;
    support_runtime_open(&rt, w, h);
    for (size_t i = 0; i < sizeof START_BUTTONS / sizeof START_BUTTONS[0]; i++) {
        for (size_t k = 0; k < sizeof langs / sizeof langs[0]; k++) {
            support_go(&rt, START_BUTTONS[i].screen, langs[k]);
            runtime_frame(&rt);
            const ui_widget_t *b = ui_find(&rt.ui, START_BUTTONS[i].id);
            if (!b) {
                fail_msg("%dx%d %s/%s: no %s", w, h, langs[k], START_BUTTONS[i].screen,
                         START_BUTTONS[i].id);
            }
            int centre = b->rect.x + b->rect.w / 2;
            bool rtl = k > 0;
            if (rtl ? centre <= w / 2 : centre >= w / 2) {
                fail_msg("%dx%d %s/%s: %s spans x %d..%d, want it in the %s half", w, h,
                         langs[k], START_BUTTONS[i].screen, START_BUTTONS[i].id, b->rect.x,
                         b->rect.x + b->rect.w, rtl ? "right" : "left");
            }
        }
    }
    support_runtime_close(&rt);
}

static void test_start_buttons_mirror_landscape(void **state)
{
    (void)state;
    check_size(1920, 1080);
}

static void test_start_buttons_mirror_portrait(void **state)
{
    (void)state;
    check_size(1080, 1920);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_buttons_mirror_landscape),
        cmocka_unit_test(test_start_buttons_mirror_portrait),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
