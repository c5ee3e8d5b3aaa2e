/* Paragraph separators and controls in text (issue 17): a lone CR, U+001C-U+001E, U+0085
 * and U+2029 each break a paragraph like a newline; other controls are dropped, never
 * making the text vanish. */
#include "text_test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static const text_style_t STYLE = {.px = 32};

typedef struct break_case {
    const char *what;
    const char *text;
    int lines;
} break_case_t;

static const break_case_t CASES[] = {
    {"newline", "Are you safe\nright now?", 2},
    {"CRLF (one break)", "Are you safe\r\nright now?", 2},
    {"lone CR", "Are you safe\rright now?", 2},
    {"U+001C file separator", "Are you safe\x1cright now?", 2},
    {"U+001D group separator", "Are you safe\x1dright now?", 2},
    {"U+001E record separator", "Are you safe\x1eright now?", 2},
    {"U+0085 next line", "Are you safe\xc2\x85right now?", 2},
    {"U+2029 paragraph separator", "Are you safe\xe2\x80\xa9right now?", 2},
    {"CR at the end", "Are you safe right now?\r", 2},
    {"C0 control dropped", "Are you\x01 safe\x07 right now?", 1},
    {"C1 control dropped", "Are you\xc2\x9b safe right now?", 1},
    {"DEL dropped", "Are you\x7f safe right now?", 1},
    {"tab as a space", "Are you\tsafe right now?", 1},
    {"Gujarati with a CR", "\xe0\xaa\xb6\xe0\xaa\xbe\r\xe0\xaa\xb6\xe0\xaa\xbe", 2},
};

static void test_separators_break_controls_vanish(void **state)
{
    text_engine_t *e = text_test_engine();
    assert_non_null(e);
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const break_case_t *c = &CASES[i];
        const char *lang = strncmp(c->what, "Gujarati", 8) == 0 ? "gu" : "en";
        const text_layout_t *l = text_layout(e, c->text, lang, &STYLE, 0);
        if (!l) {
            fail_msg("%s: no layout: %s", c->what, text_engine_last_error(e));
        }
        int n = text_layout_line_count(l);
        if (n != c->lines) {
            fail_msg("%s: expected %d lines, found %d", c->what, c->lines, n);
        }
        for (int k = 0; k < n; k++) {
            if (k < n - 1 || c->text[strlen(c->text) - 1] != '\r') {
                if (text_layout_line_width(l, k) <= 0) {
                    fail_msg("%s: line %d is drawn (width > 0)", c->what, k);
                }
            }
        }
    }
    /* a dropped control leaves the same words as without it */
    const text_layout_t *plain = text_layout(e, "Are you safe right now?", "en", &STYLE, 0);
    const text_layout_t *ctl = text_layout(e, "Are you\x01 safe right now?", "en", &STYLE, 0);
    assert_non_null(plain);
    assert_non_null(ctl);
    if (text_layout_line_width(plain, 0) != text_layout_line_width(ctl, 0)) {
        fail_msg("a dropped control changes nothing: width %d vs %d",
                 text_layout_line_width(plain, 0), text_layout_line_width(ctl, 0));
    }
    text_engine_destroy(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_separators_break_controls_vanish),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
