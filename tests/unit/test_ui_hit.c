/* Widget hit-testing and taps: press and release on the same widget, slide-off cancels,
 * disabled never fires, modal blocks, topmost wins, labels do not block. */
#include "support_kiosk.h"
#include "ui/widgets.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

typedef struct fixture {
    runtime_t rt;
    int fired_a, fired_b;
    bool b_enabled, modal, label_over_a;
} fixture_t;

static const SDL_Rect A = {100, 100, 300, 120};
static const SDL_Rect B = {300, 150, 300, 120}; /* overlaps A; drawn later, so on top */

static void frame(fixture_t *f)
{
    ui_t *ui = &f->rt.ui;
    ui_begin_frame(ui, 1280, 720, "en", false);
    if (ui_button(ui, "test.a", "A", A, UI_BUTTON_PRIMARY, true)) {
        f->fired_a++;
    }
    if (ui_button(ui, "test.b", "B", B, UI_BUTTON_SECONDARY, f->b_enabled)) {
        f->fired_b++;
    }
    if (f->label_over_a) {
        ui_record_label(ui, "test.label", A, "over A");
    }
    if (f->modal) {
        ui_modal_begin(ui);
        ui_button(ui, "test.modal", "M", (SDL_Rect){900, 500, 200, 100}, UI_BUTTON_PRIMARY, true);
    }
    ui_end_frame(ui);
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    support_runtime_open(&f->rt, 1280, 720);
    f->b_enabled = true;
    frame(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    support_runtime_close(&f->rt);
    free(f);
    return 0;
}

static void tap_at(fixture_t *f, int x0, int y0, int x1, int y1)
{
    ui_pointer_down(&f->rt.ui, x0, y0);
    frame(f);
    ui_pointer_move(&f->rt.ui, x1, y1);
    frame(f);
    ui_pointer_up(&f->rt.ui, x1, y1);
    frame(f);
}

static void test_tap_fires_once(void **state)
{
    fixture_t *f = *state;
    tap_at(f, 150, 120, 150, 120);
    assert_int_equal(f->fired_a, 1); /* press+release on A fires A once */
    frame(f);
    assert_int_equal(f->fired_a, 1); /* and not again on the next frame */
}

static void test_slide_off_cancels(void **state)
{
    fixture_t *f = *state;
    tap_at(f, 150, 120, 1000, 600);
    assert_int_equal(f->fired_a, 0); /* released off the button: no tap */
}

static void test_press_outside_release_inside_does_not_fire(void **state)
{
    fixture_t *f = *state;
    tap_at(f, 1000, 600, 150, 120);
    assert_int_equal(f->fired_a, 0);
}

static void test_topmost_wins(void **state)
{
    fixture_t *f = *state;
    tap_at(f, 350, 180, 350, 180); /* inside both A and B */
    assert_int_equal(f->fired_b, 1);
    assert_int_equal(f->fired_a, 0);
}

static void test_disabled_never_fires_and_blocks(void **state)
{
    fixture_t *f = *state;
    f->b_enabled = false;
    frame(f);
    tap_at(f, 500, 200, 500, 200); /* only B here */
    assert_int_equal(f->fired_b, 0);
    tap_at(f, 350, 180, 350, 180); /* disabled B still covers A */
    assert_int_equal(f->fired_a, 0);
}

static void test_modal_blocks_lower_widgets(void **state)
{
    fixture_t *f = *state;
    f->modal = true;
    frame(f);
    tap_at(f, 150, 120, 150, 120);
    assert_int_equal(f->fired_a, 0);
    assert_null(ui_hit(&f->rt.ui, 150, 120));
    const ui_widget_t *m = ui_hit(&f->rt.ui, 1000, 550);
    assert_non_null(m);
    assert_string_equal(m->id, "test.modal");
}

static void test_labels_do_not_block(void **state)
{
    fixture_t *f = *state;
    f->label_over_a = true;
    frame(f);
    tap_at(f, 150, 120, 150, 120);
    assert_int_equal(f->fired_a, 1);
}

static void test_pressed_feedback_follows_finger(void **state)
{
    fixture_t *f = *state;
    ui_pointer_down(&f->rt.ui, 150, 120);
    assert_true(ui_is_pressed(&f->rt.ui, "test.a"));  /* pressed look at once */
    ui_pointer_move(&f->rt.ui, 1000, 600);
    assert_false(ui_is_pressed(&f->rt.ui, "test.a")); /* slid off: not pressed */
    ui_pointer_move(&f->rt.ui, 160, 130);
    assert_true(ui_is_pressed(&f->rt.ui, "test.a"));  /* back on: pressed again */
    ui_pointer_cancel(&f->rt.ui);
}

static void test_find_by_id_and_text(void **state)
{
    fixture_t *f = *state;
    const ui_widget_t *w = ui_find(&f->rt.ui, "test.b");
    assert_non_null(w);
    assert_int_equal(w->rect.x, B.x);
    assert_string_equal(w->text, "B");
    assert_null(ui_find(&f->rt.ui, "test.none"));
}

/* Every control on every screen is at least 48 px in both directions at 1080p, in every
 * orientation (the theme doubles that; this is the floor). */
static void test_touch_targets_at_least_48px(void **state)
{
    (void)state;
    const int sizes[][2] = {{1920, 1080}, {1080, 1920}};
    for (int s = 0; s < 2; s++) {
        runtime_t rt;
        support_runtime_open(&rt, sizes[s][0], sizes[s][1]);
        int n = 0;
        n = screens_count();
        for (int i = 0; i < n; i++) {
            app_go(&rt.app, screens_get(i)->id);
            app_apply(&rt.app);
            runtime_frame(&rt);
            for (int k = 0; k < ui_widget_count(&rt.ui); k++) {
                const ui_widget_t *w = ui_widget_at(&rt.ui, k);
                /* scrolled-away widgets count at their full size */
                if (w->interactive && w->id[0] && (w->full.w < 48 || w->full.h < 48)) {
                    fail_msg("%s on %s at %dx%d is %dx%d px", w->id, screens_get(i)->id, sizes[s][0],
                             sizes[s][1], w->full.w, w->full.h);
                }
            }
        }
        support_runtime_close(&rt);
    }
}

/* Quick exit sits in the same physical place on every screen that has it, in every
 * language, right-to-left ones included: staff tell people "the red button, top right". */
static void test_quick_exit_same_corner_everywhere(void **state)
{
    (void)state;
    static const char *const LANGS[] = {"en", "ur", "ar", "ta"};
    runtime_t rt;
    support_runtime_open(&rt, 1920, 1080);
    int right = -1, top = -1;
    for (size_t l = 0; l < sizeof LANGS / sizeof LANGS[0]; l++) {
        for (int i = 0; i < screens_count(); i++) {
            snprintf(rt.app.session.lang, sizeof rt.app.session.lang, "%s", LANGS[l]);
            app_go(&rt.app, screens_get(i)->id);
            app_apply(&rt.app);
            runtime_frame(&rt);
            const ui_widget_t *w = ui_find(&rt.ui, "quick_exit");
            if (!w) {
                continue;
            }
            right = right < 0 ? w->rect.x + w->rect.w : right;
            top = top < 0 ? w->rect.y : top;
            if (w->rect.x + w->rect.w != right || w->rect.y != top || right < 1920 * 3 / 4) {
                fail_msg("quick_exit on %s in %s ends at x=%d, y=%d; want the top right corner "
                         "(x=%d, y=%d) as everywhere else", screens_get(i)->id, LANGS[l],
                         w->rect.x + w->rect.w, w->rect.y, right, top);
            }
        }
    }
    support_runtime_close(&rt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tap_fires_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slide_off_cancels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_press_outside_release_inside_does_not_fire, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_topmost_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disabled_never_fires_and_blocks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_modal_blocks_lower_widgets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_labels_do_not_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pressed_feedback_follows_finger, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_by_id_and_text, setup, teardown),
        cmocka_unit_test(test_touch_targets_at_least_48px),
        cmocka_unit_test(test_quick_exit_same_corner_everywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
