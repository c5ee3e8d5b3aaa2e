/* The text engine against the table tests/text/cases.tsv and the references in
 * tests/text/golden.tsv (GNU FriBidi visual order, hb-shape widths; regenerate with
 * tests/text/gen_golden.sh). Each case checks: run split in visual order, line count,
 * every line within the width, no missing glyphs, visual order equal to FriBidi's, and a
 * single run's width within 1 px of hb-shape's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <math.h>

#include "text_test_util.h"

#define TABLE_ROWS_MAX 128
#define TABLE_LINE_MAX 4096
#define TABLE_CPS_MAX 1024

typedef struct table_case {
    char id[64], lang[16], runs[1024], text[2048];
    int px, width, lines; /* lines -1: not checked */
} table_case_t;

typedef struct golden {
    char id[64], visual[2048];
    double hb_width; /* < 0: not a single run */
} golden_t;

typedef struct table {
    table_case_t cases[TABLE_ROWS_MAX];
    int count;
    golden_t golden[TABLE_ROWS_MAX];
    int golden_count;
    text_engine_t *engine;
} table_t;

/* Replaces {LRI} {RLI} {FSI} {PDI} and \n as tests/text/reference.sh does. */
static void expand(const char *in, char *out, size_t size)
{
    static const struct {
        const char *token, *utf8;
    } map[] = {{"{LRI}", "\xE2\x81\xA6"}, {"{RLI}", "\xE2\x81\xA7"}, {"{FSI}", "\xE2\x81\xA8"},
               {"{PDI}", "\xE2\x81\xA9"}, {"\\n", "\n"}};
    size_t n = 0;
    while (*in && n + 4 < size) {
        bool done = false;
        for (size_t k = 0; k < sizeof map / sizeof map[0] && !done; k++) {
            size_t len = strlen(map[k].token);
            if (strncmp(in, map[k].token, len) == 0) {
                n += (size_t)snprintf(out + n, size - n, "%s", map[k].utf8);
                in += len;
                done = true;
            }
        }
        if (!done) {
            out[n++] = *in++;
        }
    }
    out[n] = '\0';
}

static char *next_field(char **p)
{
    char *start = *p, *tab = strchr(start, '\t');
    if (tab) {
        *tab = '\0';
        *p = tab + 1;
    } else {
        *p = start + strlen(start);
    }
    return start;
}

static FILE *open_text_file(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/text/%s", text_test_source_dir(), name);
    FILE *f = fopen(path, "r");
    if (!f) {
        fail_msg("cannot open %s", path);
    }
    return f;
}

static void load_cases(table_t *t)
{
    FILE *f = open_text_file("cases.tsv");
    char line[TABLE_LINE_MAX];
    while (fgets(line, sizeof line, f) && t->count < TABLE_ROWS_MAX) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        table_case_t *c = &t->cases[t->count++];
        char *p = line;
        snprintf(c->id, sizeof c->id, "%s", next_field(&p));
        snprintf(c->lang, sizeof c->lang, "%s", next_field(&p));
        c->px = atoi(next_field(&p));
        c->width = atoi(next_field(&p));
        const char *lines = next_field(&p);
        c->lines = strcmp(lines, "-") == 0 ? -1 : atoi(lines);
        snprintf(c->runs, sizeof c->runs, "%s", next_field(&p));
        expand(next_field(&p), c->text, sizeof c->text);
    }
    fclose(f);
}

static void load_golden(table_t *t)
{
    FILE *f = open_text_file("golden.tsv");
    char line[TABLE_LINE_MAX];
    while (fgets(line, sizeof line, f) && t->golden_count < TABLE_ROWS_MAX) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        golden_t *g = &t->golden[t->golden_count++];
        char *p = line;
        snprintf(g->id, sizeof g->id, "%s", next_field(&p));
        snprintf(g->visual, sizeof g->visual, "%s", next_field(&p));
        const char *hb = next_field(&p);
        g->hb_width = strcmp(hb, "-") == 0 ? -1.0 : atof(hb);
    }
    fclose(f);
}

static const golden_t *find_golden(const table_t *t, const char *id)
{
    for (int i = 0; i < t->golden_count; i++) {
        if (strcmp(t->golden[i].id, id) == 0) {
            return &t->golden[i];
        }
    }
    return NULL;
}

static int setup(void **state)
{
    table_t *t = calloc(1, sizeof *t);
    if (!t) {
        return -1;
    }
    load_cases(t);
    load_golden(t);
    t->engine = text_test_engine();
    *state = t;
    return t->engine ? 0 : -1;
}

static int teardown(void **state)
{
    table_t *t = *state;
    text_engine_destroy(t->engine);
    free(t);
    return 0;
}

/* "Arab/rtl/NotoNastaliqUrdu-Regular | ..." for line 0, as cases.tsv writes it. */
static void describe_runs(const text_layout_t *l, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (int r = 0; r < text_layout_line_run_count(l, 0) && n < size; r++) {
        text_run_info_t run;
        text_layout_line_run(l, 0, r, &run);
        char font[128];
        snprintf(font, sizeof font, "%s", run.font_file ? run.font_file : "(none)");
        char *ext = strstr(font, ".ttf");
        if (ext) {
            *ext = '\0';
        }
        n += (size_t)snprintf(out + n, size - n, "%s%s/%s/%s", r ? " | " : "", run.script,
                              run.rtl ? "rtl" : "ltr", font);
    }
}

static void check_visual(const table_case_t *c, const text_layout_t *l, const golden_t *g)
{
    unsigned want[TABLE_CPS_MAX], got[TABLE_CPS_MAX];
    int nw = text_test_decode(g->visual, want, TABLE_CPS_MAX);
    int ng = text_test_visual(l, 0, got, TABLE_CPS_MAX);
    if (nw != ng) {
        fail_msg("%s: visual order has %d characters, FriBidi's has %d", c->id, ng, nw);
    }
    for (int i = 0; i < nw; i++) {
        if (want[i] != got[i]) {
            fail_msg("%s: visual order differs from FriBidi's at character %d: U+%04X, want "
                     "U+%04X",
                     c->id, i, got[i], want[i]);
        }
    }
}

static void check_case(table_t *t, const table_case_t *c)
{
    text_engine_begin_frame(t->engine);
    text_style_t style = {.px = c->px};
    const text_layout_t *l = text_layout(t->engine, c->text, c->lang, &style, c->width);
    if (!l) {
        fail_msg("%s: no layout: %s", c->id, text_engine_last_error(t->engine));
    }
    if (text_layout_missing_glyphs(l) != 0) {
        fail_msg("%s: %d missing glyph(s), want none", c->id, text_layout_missing_glyphs(l));
    }
    if (c->lines >= 0 && text_layout_line_count(l) != c->lines) {
        fail_msg("%s: %d lines, want %d", c->id, text_layout_line_count(l), c->lines);
    }
    for (int i = 0; c->width > 0 && i < text_layout_line_count(l); i++) {
        if (text_layout_line_width(l, i) > c->width) {
            fail_msg("%s: line %d is %d px, wider than %d", c->id, i,
                     text_layout_line_width(l, i), c->width);
        }
    }
    if (strcmp(c->runs, "-") != 0) {
        char got[1024];
        describe_runs(l, got, sizeof got);
        if (strcmp(got, c->runs) != 0) {
            fail_msg("%s: runs (visual order) are '%s', want '%s'", c->id, got, c->runs);
        }
    }
    const golden_t *g = find_golden(t, c->id);
    if (c->width == 0 && c->lines == 1 && !g) {
        fail_msg("%s: no row in golden.tsv: run tests/text/gen_golden.sh", c->id);
    }
    if (g) {
        check_visual(c, l, g);
    }
    if (g && g->hb_width >= 0) {
        text_run_info_t run;
        text_layout_line_run(l, 0, 0, &run);
        if (fabs(run.width - g->hb_width) > 1.0) {
            fail_msg("%s: run width %d px, hb-shape's %.2f px: more than 1 px apart", c->id,
                     run.width, g->hb_width);
        }
    }
}

static void test_table_cases(void **state)
{
    table_t *t = *state;
    if (t->count < 30) {
        fail_msg("only %d cases in cases.tsv", t->count);
    }
    for (int i = 0; i < t->count; i++) {
        check_case(t, &t->cases[i]);
    }
}

/* Line k's text in logical order (runs sorted by start), into out. */
static void line_logical_text(const text_layout_t *l, int k, char *out, size_t size)
{
    size_t n = 0;
    int at = -1;
    out[0] = '\0';
    for (;;) {
        int best = -1, best_start = 0;
        for (int r = 0; r < text_layout_line_run_count(l, k); r++) {
            text_run_info_t run;
            text_layout_line_run(l, k, r, &run);
            if (run.start > at && (best < 0 || run.start < best_start)) {
                best = r;
                best_start = run.start;
            }
        }
        if (best < 0) {
            return;
        }
        text_run_info_t run;
        text_layout_line_run(l, k, best, &run);
        n += (size_t)snprintf(out + n, size - n, "%.*s", run.bytes, run.utf8);
        at = run.start;
    }
}

/* Greedy filling: line k-1 followed by a space and line k's first word does not fit (so
 * line counts are as small as a greedy breaker can make them). */
static void test_wrapped_lines_are_full(void **state)
{
    table_t *t = *state;
    for (int i = 0; i < t->count; i++) {
        const table_case_t *c = &t->cases[i];
        if (c->width <= 0 || strstr(c->id, "long_word")) {
            continue;
        }
        text_style_t style = {.px = c->px};
        const text_layout_t *l = text_layout(t->engine, c->text, c->lang, &style, c->width);
        assert_non_null(l);
        for (int k = 1; k < text_layout_line_count(l); k++) {
            char prev[2048], next[2048], joined[4096];
            line_logical_text(l, k - 1, prev, sizeof prev);
            line_logical_text(l, k, next, sizeof next);
            next[strcspn(next, " ")] = '\0';
            snprintf(joined, sizeof joined, "%s %s", prev, next);
            const text_layout_t *w = text_layout(t->engine, joined, c->lang, &style, 0);
            assert_non_null(w);
            if (text_layout_width(w) <= c->width) {
                fail_msg("%s: line %d ends early: with '%s' it is %d px, within %d", c->id,
                         k - 1, next, text_layout_width(w), c->width);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_cases),
        cmocka_unit_test(test_wrapped_lines_are_full),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
