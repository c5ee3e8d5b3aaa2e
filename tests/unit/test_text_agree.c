/* Layout and rendering agree. The engine measures with HarfBuzz (one shaping per run, sliced
 * into words and lines) and draws those same glyphs from its atlas. For every string of
 * every shipped language, laid out wrapped and unwrapped, regular and bold:
 *  - each run drawn alone through the atlas puts ink only inside the run's box, and reaches
 *    the box's left, top and bottom edges wherever ink (not the font's own box or the pen's
 *    start) decided them: boxes are neither too small (clipped or overlapping neighbours)
 *    nor too large;
 *  - each run's box is the one SDL_ttf gives that run's text with the same font, direction
 *    and script (how the kiosk drew before the atlas): same height, width within 1 px and
 *    nearly always exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "i18n/catalog.h"
#include "text_test_util.h"
#include "text/text_internal.h" /* text_draw_run(): one run through the atlas */

#include <SDL_ttf.h>

#define AGREE_PX 32
#define AGREE_FONTS_MAX 64
#define AGREE_MARGIN 64                 /* around a run drawn alone: where stray ink would land */
#define AGREE_CANVAS_W (16 * 1024)      /* wider than any unwrapped shipped string at 32 px */
#define AGREE_CANVAS_H 512

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
    SDL_Surface *canvas; /* the atlas draws here, through a software renderer */
    SDL_Renderer *renderer;
    long inked, edges, edges_exact;
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
    a->canvas = SDL_CreateRGBSurfaceWithFormat(0, AGREE_CANVAS_W, AGREE_CANVAS_H, 32,
                                               SDL_PIXELFORMAT_ARGB8888);
    a->renderer = a->canvas ? SDL_CreateSoftwareRenderer(a->canvas) : NULL;
    if (!a->renderer) {
        return -1;
    }
    text_engine_set_renderer(a->engine, a->renderer);
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
    SDL_DestroyRenderer(a->renderer);
    SDL_FreeSurface(a->canvas);
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

/* Bounding box of the ink (alpha > 0) in r of the canvas; false when there is none. */
static bool canvas_ink(const SDL_Surface *c, SDL_Rect r, SDL_Rect *ink)
{
    int x0 = INT32_MAX, y0 = INT32_MAX, x1 = -1, y1 = -1;
    for (int y = r.y; y < r.y + r.h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)c->pixels + (size_t)y * c->pitch);
        for (int x = r.x; x < r.x + r.w; x++) {
            if (row[x] >> 24) {
                x0 = x < x0 ? x : x0;
                x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0;
                y1 = y > y1 ? y : y1;
            }
        }
    }
    *ink = (SDL_Rect){x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    return x1 >= 0;
}

/* The run drawn alone through the atlas: ink inside its box, at the box's edges where ink
 * set them. */
static void agree_atlas(agree_t *a, const text_layout_t *l, int line, int r,
                        const text_run_info_t *run)
{
    const int m = AGREE_MARGIN;
    SDL_Rect area = {0, 0, run->width + 2 * m, run->height + 2 * m};
    if (area.w > AGREE_CANVAS_W || area.h > AGREE_CANVAS_H) {
        fail_msg("%s: a %dx%d px run does not fit the test canvas", a->lang, run->width,
                 run->height);
    }
    SDL_FillRect(a->canvas, &area, 0);
    text_draw_run(a->engine, l, line, r, m, m, (SDL_Color){0, 0, 0, 255});
    SDL_Rect ink;
    if (!canvas_ink(a->canvas, area, &ink)) {
        return; /* spaces only */
    }
    a->inked++;
    if (ink.x < m || ink.y < m || ink.x + ink.w > m + run->width ||
        ink.y + ink.h > m + run->height) {
        fail_msg("%s %s: ink at x %d..%d y %d..%d leaves the run's box x 0..%d y 0..%d: %.*s",
                 a->lang, run->font_file, ink.x - m, ink.x + ink.w - m, ink.y - m,
                 ink.y + ink.h - m, run->width, run->height, run->bytes > 300 ? 300 : run->bytes,
                 run->utf8);
    }
    /* Where the box was widened for ink, the ink reaches its edge: exactly, or one pixel
     * short when the glyph bitmap's outermost row or column (FreeType rounds the outline's
     * box outward) holds too little of the outline to get any coverage. */
    const text_piece_t *p = &l->pieces[l->lines[line].first_piece + r];
    int font_h = TTF_FontHeight(agree_font(a, run->font_file)); /* SDL_ttf's, the engine's own agree (test_text_fonts) */
    int gap[3] = {-1, -1, -1}; /* left, top, bottom: empty columns or rows inside the box */
    if (p->pen_x > 0) {
        gap[0] = ink.x - m;
    }
    if (p->ink_above > 0) {
        gap[1] = ink.y - m;
    }
    if (run->height > font_h + p->ink_above) {
        gap[2] = m + run->height - (ink.y + ink.h);
    }
    static const char *edge[3] = {"left", "top", "bottom"};
    for (int i = 0; i < 3; i++) {
        if (gap[i] > 1) {
            fail_msg("%s %s: the box reaches %d px beyond the ink at the %s: %.*s", a->lang,
                     run->font_file, gap[i], edge[i], run->bytes > 300 ? 300 : run->bytes,
                     run->utf8);
        }
        a->edges += gap[i] >= 0;
        a->edges_exact += gap[i] == 0;
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
                    agree_atlas(a, l, line, r, &run);
                }
            }
        }
    }
}

/* Every run of every shipped string: drawn by the atlas inside its box and out to the edges
 * ink set; the height SDL_ttf rendered it in, its width within 1 px of SDL_ttf's and nearly
 * always exactly it. */
static void test_layout_widths_match_sdl_ttf(void **state)
{
    agree_t *a = *state;
    for (int i = 0; i < a->reg.count; i++) {
        a->lang = a->reg.langs[i].code;
        long before = a->runs;
        i18n_each_text(a->i18n, a->lang, agree_string, a);
        if (a->runs - before < 100) {
            fail_msg("%s: only %ld runs checked; the PO file should give hundreds", a->lang,
                     a->runs - before);
        }
    }
    printf("%ld runs: %ld exact, %ld 1 px apart; worst %d px (%s)\n", a->runs, a->exact,
           a->off_by_one, a->worst_diff, a->worst_diff ? a->worst : "-");
    printf("atlas: %ld runs with ink, all inside their boxes; %ld box edges set by ink, "
           "%ld reached exactly, the rest within 1 px\n", a->inked, a->edges, a->edges_exact);
    if (a->edges < 100 || a->edges_exact * 10 < a->edges * 9) {
        fail_msg("%ld of %ld ink-set box edges reached exactly: want most of hundreds",
                 a->edges_exact, a->edges);
    }
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
