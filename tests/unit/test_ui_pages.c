/* Pages of a scroll view (ui.c): a page never ends with a heading whose answers it does not
 * show; the heading starts the next page with them. A heading is a label whose id starts
 * its answers' ids ("group" heads "group.a"), ui_widget_heads(). */
#include "support_kiosk.h"
#include "ui/widgets.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#define VIEW_Y 100
#define VIEW_H 400
#define ANSWER_H 100

typedef struct fixture {
    runtime_t rt;
    int heading_y; /* in the content, from the view's top */
} fixture_t;

static void frame(fixture_t *f)
{
    ui_t *ui = &f->rt.ui;
    ui_begin_frame(ui, 1280, 720, "en", false);
    ui->more_label = "More below";
    ui->previous_label = "Previous";
    SDL_Rect at = ui_scroll_begin(ui, "test.list", (SDL_Rect){100, VIEW_Y, 800, VIEW_H});
    if (f->heading_y > 0) {
        ui_record_label(ui, "intro", (SDL_Rect){at.x, at.y, at.w, 60}, "Some words");
        ui_record_lines(ui, 1);
    }
    int y = at.y + f->heading_y;
    ui_record_label(ui, "group", (SDL_Rect){at.x, y, at.w, 40}, "Area");
    ui_record_lines(ui, 1);
    y += 50;
    static const char *const IDS[] = {"group.a", "group.b", "group.c", "group.d"};
    for (int i = 0; i < 4; i++, y += ANSWER_H + 10) {
        ui_choice(ui, IDS[i], "An answer", (SDL_Rect){at.x, y, at.w, ANSWER_H}, false, false);
    }
    ui_scroll_end(ui, y - at.y);
    ui_end_frame(ui);
}

/* Two frames: the pages come from the last frame's records. */
static void settle(fixture_t *f)
{
    frame(f);
    frame(f);
}

static const ui_scroll_t *view(fixture_t *f)
{
    return ui_scroll_at(&f->rt.ui, ui_find(&f->rt.ui, "group")->scroll);
}

static bool whole(fixture_t *f, const char *id)
{
    const ui_widget_t *w = ui_find(&f->rt.ui, id);
    SDL_Rect clip = view(f)->clip;
    return w && w->full.y >= clip.y && w->full.y + w->full.h <= clip.y + clip.h;
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    support_runtime_open(&f->rt, 1280, 720);
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

/* The heading fits at the page's foot but its first answer does not: the page ends above
 * the heading, and the next page shows the heading and that answer. */
static void test_heading_moves_to_the_page_of_its_answers(void **state)
{
    fixture_t *f = *state;
    f->heading_y = 230; /* heading 230..270, first answer 280..380: past the page's foot (320) */
    settle(f);
    assert_true(whole(f, "intro"));
    if (whole(f, "group")) {
        fail_msg("page 1 ends with the heading, and none of its answers (clip %d+%d)",
                 view(f)->clip.y, view(f)->clip.h);
    }
    assert_true(ui_scroll_turn(&f->rt.ui, ui_find(&f->rt.ui, "group")->scroll, 1));
    settle(f);
    assert_true(whole(f, "group"));
    assert_true(whole(f, "group.a"));
}

/* The heading and its first answer fit: nothing moves. */
static void test_heading_stays_with_an_answer_that_fits(void **state)
{
    fixture_t *f = *state;
    f->heading_y = 70;
    settle(f);
    assert_true(whole(f, "group"));
    assert_true(whole(f, "group.a"));
}

/* A heading at the top of a page stays there even when its answer cannot follow it: the
 * page would otherwise be empty. */
static void test_heading_at_the_top_stays(void **state)
{
    fixture_t *f = *state;
    f->heading_y = 0;
    settle(f);
    assert_true(whole(f, "group"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_heading_moves_to_the_page_of_its_answers, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_heading_stays_with_an_answer_that_fits, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_heading_at_the_top_stays, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
