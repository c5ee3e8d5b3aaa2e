/* The text engine on generated input: strings glued from fragments of every shipped
 * script, digits, isolates, joiners, marks, emoji (no font has them), newlines, spaces and
 * now and then broken UTF-8, laid out at random widths and line limits. The seed is fixed,
 * so a failure repeats. For each layout:
 *   - it is made (no crash, no sanitizer report), and broken UTF-8 never crashes it;
 *   - no line is wider than the limit unless it holds a single grapheme cluster;
 *   - each line's runs abut and sum to the line's width;
 *   - the line count respects max_lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "text_test_util.h"

#define RANDOM_CASES 600
#define RANDOM_TEXT_MAX 2048

static const char *const FRAGMENTS[] = {
    "Hate crime", "Stop Hate UK", "Jesteś", "ș", "ã", " ", " ", "  ", "\n", ", ", ".",
    "نفرت پر مبنی جرم", "کیا", "سمجھتے", "ہیں۔", "مرحبا بكم", "جريمة الكراهية", "،",
    "નફરત આધારિત ગુનો", "સ્ત્રી", "ਨਫ਼ਰਤੀ ਅਪਰਾਧ", "ਪ੍ਰਧਾਨ", "घृणा अपराध", "क्षमा", "ঘৃণাজনিত",
    "ক্ষমা", "வெறுப்புக் குற்றம்", "க்ஷ", "0800 138 1624", "+44 116 454 1234", "6RN-HRM-TPF",
    "https://www.stophateuk.org", "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9",
    "\xE2\x80\x8D", "\xE2\x80\x8C", "\xCC\x81", "\xD9\x8B", "\xF0\x9F\x98\x80", "\xE2\x80\x8F",
    "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "١٢٣", "۱۲۳",
};

static const char *const LANGS[] = {"en", "ur", "ar", "gu", "pa", "hi", "bn", "ta", "pl", "so"};

static const char *const BROKEN[] = {"\xC3", "\xE2\x81", "\xFF", "\xED\xA0\x80", "\xC0\xAF"};

typedef struct fixture {
    text_engine_t *engine;
    UBreakIterator *graphemes;
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    UErrorCode st = U_ZERO_ERROR;
    if (!f) {
        return -1;
    }
    *state = f;
    f->engine = text_test_engine();
    f->graphemes = ubrk_open(UBRK_CHARACTER, "en", NULL, 0, &st);
    return f->engine && U_SUCCESS(st) ? 0 : -1;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    text_engine_destroy(f->engine);
    ubrk_close(f->graphemes);
    free(f);
    return 0;
}

/* Glues random fragments (and, if broken, one bad byte sequence) into out. */
static void random_text(char *out, size_t cap, bool broken)
{
    size_t len = 0;
    int parts = 1 + rand() % 24;
    out[0] = '\0';
    for (int i = 0; i < parts; i++) {
        const char *frag = FRAGMENTS[rand() % (sizeof FRAGMENTS / sizeof FRAGMENTS[0])];
        if (broken && i == parts / 2) {
            frag = BROKEN[rand() % (sizeof BROKEN / sizeof BROKEN[0])];
        }
        size_t n = strlen(frag);
        if (len + n + 1 >= cap) {
            break;
        }
        memcpy(out + len, frag, n + 1);
        len += n;
    }
}

/* Whether a run's text is one grapheme cluster (ignoring bidi controls around it). */
static bool single_cluster(fixture_t *f, const text_layout_t *l, int line)
{
    UChar u16[RANDOM_TEXT_MAX];
    int32_t n = 0;
    for (int r = 0; r < text_layout_line_run_count(l, line); r++) {
        text_run_info_t run;
        text_layout_line_run(l, line, r, &run);
        int32_t got = 0;
        UErrorCode st = U_ZERO_ERROR;
        u_strFromUTF8(u16 + n, RANDOM_TEXT_MAX - n, &got, run.utf8, run.bytes, &st);
        n += U_SUCCESS(st) ? got : 0;
    }
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(f->graphemes, u16, n, &st);
    int32_t first = ubrk_following(f->graphemes, 0);
    return U_SUCCESS(st) && (first == UBRK_DONE || first >= n);
}

static void check_layout(fixture_t *f, const text_layout_t *l, const char *text,
                         const text_style_t *style, int width)
{
    int lines = text_layout_line_count(l);
    if (style->max_lines > 0 && lines > style->max_lines) {
        fail_msg("%d lines, max_lines %d: '%s'", lines, style->max_lines, text);
    }
    for (int line = 0; line < lines; line++) {
        int sum = 0;
        for (int r = 0; r < text_layout_line_run_count(l, line); r++) {
            text_run_info_t run;
            assert_true(text_layout_line_run(l, line, r, &run));
            if (run.x != sum) {
                fail_msg("line %d run %d at x %d, want %d (runs abut): '%s'", line, r, run.x, sum,
                         text);
            }
            sum += run.width;
        }
        if (sum != text_layout_line_width(l, line)) {
            fail_msg("line %d: runs sum to %d, line width %d: '%s'", line, sum,
                     text_layout_line_width(l, line), text);
        }
        if (width > 0 && sum > width && !single_cluster(f, l, line)) {
            fail_msg("line %d is %d px in a %d px box: '%s'", line, sum, width, text);
        }
    }
}

static void test_random_layouts_hold(void **state)
{
    fixture_t *f = *state;
    srand(20261128);
    char text[RANDOM_TEXT_MAX];
    int made = 0;
    for (int i = 0; i < RANDOM_CASES; i++) {
        bool broken = i % 10 == 9;
        random_text(text, sizeof text, broken);
        text_style_t style = {.px = 20 + rand() % 40, .bold = rand() % 2,
                              .max_lines = rand() % 3 == 0 ? 1 + rand() % 3 : 0};
        int width = rand() % 4 == 0 ? 0 : 40 + rand() % 900;
        const char *lang = LANGS[rand() % (sizeof LANGS / sizeof LANGS[0])];
        text_engine_begin_frame(f->engine);
        const text_layout_t *l = text_layout(f->engine, text, lang, &style, width);
        if (!l && !broken) {
            fail_msg("no layout for valid text '%s' (%s): %s", text, lang,
                     text_engine_last_error(f->engine));
        }
        if (l && !broken) {
            check_layout(f, l, text, &style, width);
            made++;
        }
    }
    printf("%d valid layouts checked of %d cases\n", made, RANDOM_CASES);
    assert_true(made >= RANDOM_CASES * 8 / 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_layouts_hold),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
