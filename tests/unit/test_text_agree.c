/* Layout and rendering agree: the engine measures with HarfBuzz (one shaping per run,
 * sliced into words and lines), SDL_ttf renders. For every string of every shipped
 * language, laid out wrapped and unwrapped, regular and bold, each run's width must be the
 * width and height SDL_ttf gives that run's text with the same font, direction and script
 * (the texture drawn for it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "i18n/catalog.h"
#include "text_test_util.h"

#include <SDL_ttf.h>

#define AGREE_PX 32
#define AGREE_FONTS_MAX 64

typedef struct agree {
    text_engine_t *engine;
    i18n_t *i18n;
    lang_registry_t reg;
    char font_dir[1024];
    struct {
        char file[128];
        TTF_Font *ttf;
    } fonts[AGREE_FONTS_MAX];
    int font_count;
    const char *lang;
    long runs, exact, off_by_one;
    char worst[512];
    int worst_diff;
} agree_t;

static int setup(void **state)
{
    agree_t *a = calloc(1, sizeof *a);
    char path[1200], err[512];
    if (!a || TTF_Init() != 0) {
        return -1;
    }
    *state = a;
    a->engine = text_test_engine();
    snprintf(path, sizeof path, "%s/locales/languages.ini", text_test_source_dir());
    if (!a->engine || !lang_registry_load(&a->reg, path, err, sizeof err)) {
        return -1;
    }
    kiosk_config_t cfg;
    config_defaults(&cfg);
    snprintf(a->font_dir, sizeof a->font_dir, "%s", cfg.font_dir);
    a->i18n = i18n_create(true); /* drafts included: every shipped string */
    for (int i = 0; a->i18n && i < a->reg.count; i++) {
        snprintf(path, sizeof path, "%s/locales/%s.po", text_test_source_dir(),
                 a->reg.langs[i].code);
        if (!i18n_load(a->i18n, a->reg.langs[i].code, path, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            return -1;
        }
    }
    return a->i18n ? 0 : -1;
}

static int teardown(void **state)
{
    agree_t *a = *state;
    for (int i = 0; i < a->font_count; i++) {
        TTF_CloseFont(a->fonts[i].ttf);
    }
    text_engine_destroy(a->engine);
    i18n_destroy(a->i18n);
    free(a);
    TTF_Quit();
    return 0;
}

/* The font file opened as the engine opens it: at AGREE_PX, light hinting. */
static TTF_Font *agree_font(agree_t *a, const char *file)
{
    for (int i = 0; i < a->font_count; i++) {
        if (strcmp(a->fonts[i].file, file) == 0) {
            return a->fonts[i].ttf;
        }
    }
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", a->font_dir, file);
    TTF_Font *ttf = a->font_count < AGREE_FONTS_MAX ? TTF_OpenFont(path, AGREE_PX) : NULL;
    if (ttf) {
        TTF_SetFontHinting(ttf, TTF_HINTING_LIGHT);
        snprintf(a->fonts[a->font_count].file, sizeof a->fonts[0].file, "%s", file);
        a->fonts[a->font_count++].ttf = ttf;
    }
    return ttf;
}

static void agree_run(agree_t *a, const text_run_info_t *run)
{
    TTF_Font *ttf = agree_font(a, run->font_file);
    if (!ttf) {
        fail_msg("cannot open %s", run->font_file);
    }
    char text[4096];
    int n = run->bytes < (int)sizeof text - 1 ? run->bytes : (int)sizeof text - 1;
    memcpy(text, run->utf8, (size_t)n);
    text[n] = '\0';
    TTF_SetFontDirection(ttf, run->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(ttf, run->script);
    int w = 0, h = 0;
    assert_int_equal(TTF_SizeUTF8(ttf, text, &w, &h), 0);
    if (h != run->height) {
        fail_msg("%s %s: layout height %d px, SDL_ttf renders %d px: %.300s", a->lang,
                 run->font_file, run->height, h, text);
    }
    int diff = abs(run->width - w);
    a->runs++;
    a->exact += diff == 0;
    a->off_by_one += diff == 1;
    if (diff > a->worst_diff) {
        a->worst_diff = diff;
        snprintf(a->worst, sizeof a->worst, "%s %s: layout %d px, SDL_ttf %d px: %.300s", a->lang,
                 run->font_file, run->width, w, text);
    }
}

static void agree_string(void *user, const char *key, const char *text)
{
    (void)key;
    agree_t *a = user;
    static const struct {
        bool bold;
        int width;
    } variants[] = {{false, 600}, {true, 0}};
    for (size_t v = 0; text && text[0] && v < sizeof variants / sizeof variants[0]; v++) {
        text_style_t style = {.px = AGREE_PX, .bold = variants[v].bold};
        text_engine_begin_frame(a->engine);
        const text_layout_t *l = text_layout(a->engine, text, a->lang, &style, variants[v].width);
        assert_non_null(l);
        for (int line = 0; line < text_layout_line_count(l); line++) {
            for (int r = 0; r < text_layout_line_run_count(l, line); r++) {
                text_run_info_t run;
                assert_true(text_layout_line_run(l, line, r, &run));
                if (run.font_file && run.bytes > 0) {
                    agree_run(a, &run);
                }
            }
        }
    }
}

/* Every run of every shipped string: the height SDL_ttf renders it in, its width within
 * 1 px of SDL_ttf's and nearly always exactly it. */
static void test_layout_widths_match_sdl_ttf(void **state)
{
    agree_t *a = *state;
    for (int i = 0; i < a->reg.count; i++) {
        a->lang = a->reg.langs[i].code;
        long before = a->runs;
        i18n_each_key(a->i18n, a->lang, agree_string, a);
        if (a->runs - before < 100) {
            fail_msg("%s: only %ld runs checked; the PO file should give hundreds", a->lang,
                     a->runs - before);
        }
    }
    printf("%ld runs: %ld exact, %ld 1 px apart; worst %d px (%s)\n", a->runs, a->exact,
           a->off_by_one, a->worst_diff, a->worst_diff ? a->worst : "-");
    if (a->worst_diff > 1) {
        fail_msg("a run's layout width is %d px from SDL_ttf's: %s", a->worst_diff, a->worst);
    }
    if (a->exact * 1000 < a->runs * 995) {
        fail_msg("only %ld of %ld runs measure exactly as SDL_ttf renders", a->exact, a->runs);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_widths_match_sdl_ttf),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
