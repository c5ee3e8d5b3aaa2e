/* The font store opens each font file once in FreeType and each pixel size as a size of that
 * one face (text/fonts.c). What the kiosk drew with SDL_ttf before must not move:
 *  - each font's box (ascent, descent, height) is the one SDL_ttf gives the same file at the
 *    same size, for every font file a language names, at every size a screen can ask for;
 *  - a character is covered exactly when SDL_ttf says the font provides it (the fallback
 *    chain chooses fonts by this);
 *  - sizes of one file share one face, and a glyph drawn at one size after another size of
 *    the same file was used is the glyph drawn alone (the face's active size follows). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "text_test_util.h"
#include "text/text_internal.h"

#include <SDL_ttf.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#define FONTS_PX_EVERY_TO 100  /* every size up to here (text sizes on screens and slips) */
#define FONTS_PX_STEP_ABOVE 13 /* then every 13th to TEXT_PX_MAX */
#define FONTS_CP_LAST 0x1FFFF  /* the BMP and plane 1: every character any language uses */

typedef struct fonts_fixture {
    text_fonts_t fonts;
    char dir[1024];
} fonts_fixture_t;

/* Registers every font file named by locales/languages.ini, regular and bold. */
static int setup(void **state)
{
    fonts_fixture_t *f = calloc(1, sizeof *f);
    char path[1200], err[512];
    lang_registry_t reg;
    kiosk_config_t cfg;
    config_defaults(&cfg);
    snprintf(f->dir, sizeof f->dir, "%s", cfg.font_dir);
    snprintf(path, sizeof path, "%s/locales/languages.ini", text_test_source_dir());
    if (TTF_Init() != 0 || !lang_registry_load(&reg, path, err, sizeof err)) {
        fprintf(stderr, "setup: %s\n", err);
        free(f);
        return -1;
    }
    text_fonts_init(&f->fonts, f->dir);
    for (int i = 0; i < reg.count; i++) {
        int chain[TEXT_CHAIN_MAX], len = 0;
        if (!text_fonts_parse_chain(&f->fonts, reg.langs[i].fonts, chain, &len, err, sizeof err) ||
            (reg.langs[i].bold_fonts[0] &&
             !text_fonts_parse_chain(&f->fonts, reg.langs[i].bold_fonts, chain, &len, err,
                                     sizeof err))) {
            fprintf(stderr, "setup: %s: %s\n", reg.langs[i].code, err);
            text_fonts_deinit(&f->fonts);
            free(f);
            return -1;
        }
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fonts_fixture_t *f = *state;
    text_fonts_deinit(&f->fonts);
    free(f);
    TTF_Quit();
    return 0;
}

static TTF_Font *sdl_ttf_font(const fonts_fixture_t *f, int file, int px)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", f->dir, f->fonts.files[file].name);
    TTF_Font *ttf = TTF_OpenFont(path, px);
    if (!ttf) {
        fail_msg("SDL_ttf cannot open %s at %d px: %s", path, px, TTF_GetError());
    }
    return ttf;
}

static text_font_t *store_font(fonts_fixture_t *f, int file, int px)
{
    char err[512];
    text_font_t *font = text_fonts_get(&f->fonts, file, px, err, sizeof err);
    if (!font) {
        fail_msg("the store cannot open %s at %d px: %s", f->fonts.files[file].name, px, err);
    }
    return font;
}

static void test_box_is_sdl_ttf_box(void **state)
{
    fonts_fixture_t *f = *state;
    int checked = 0;
    assert_true(f->fonts.file_count >= 16); /* Latin, Arabic, Urdu and six Indic scripts, x2 */
    for (int file = 0; file < f->fonts.file_count; file++) {
        for (int px = 8; px <= TEXT_PX_MAX;
             px += px < FONTS_PX_EVERY_TO ? 1 : FONTS_PX_STEP_ABOVE) {
            TTF_Font *ttf = sdl_ttf_font(f, file, px);
            const text_font_t *font = store_font(f, file, px);
            if (font->ascent != TTF_FontAscent(ttf) || font->descent != TTF_FontDescent(ttf) ||
                font->height != TTF_FontHeight(ttf)) {
                fail_msg("%s at %d px: ascent %d descent %d height %d, SDL_ttf %d %d %d",
                         f->fonts.files[file].name, px, font->ascent, font->descent,
                         font->height, TTF_FontAscent(ttf), TTF_FontDescent(ttf),
                         TTF_FontHeight(ttf));
            }
            TTF_CloseFont(ttf);
            checked++;
        }
        text_fonts_close_all(&f->fonts); /* the store holds at most TEXT_FONTS_MAX */
    }
    assert_true(checked > 16 * FONTS_PX_EVERY_TO / 2);
}

static void test_coverage_is_sdl_ttf_coverage(void **state)
{
    fonts_fixture_t *f = *state;
    for (int file = 0; file < f->fonts.file_count; file++) {
        TTF_Font *ttf = sdl_ttf_font(f, file, 32);
        const text_font_t *font = store_font(f, file, 32);
        long covered = 0;
        for (Uint32 cp = 0; cp <= FONTS_CP_LAST; cp++) {
            bool ours = text_font_covers(font, cp);
            if (ours != (TTF_GlyphIsProvided32(ttf, cp) != 0)) {
                fail_msg("%s: U+%04X %s by the store, %s by SDL_ttf", f->fonts.files[file].name,
                         (unsigned)cp, ours ? "covered" : "not covered",
                         ours ? "not covered" : "covered");
            }
            covered += ours;
        }
        TTF_CloseFont(ttf);
        if (covered < 100) { /* every shipped font covers at least Basic Latin's digits... */
            fail_msg("%s covers only %ld characters", f->fonts.files[file].name, covered);
        }
    }
}

/* The glyph's bitmap as text_glyph_render() gives it, copied. */
static unsigned char *rendered(text_font_t *font, unsigned glyph, text_glyph_bitmap_t *bm)
{
    if (!text_glyph_render(font, glyph, bm) || bm->rows <= 0 || bm->width <= 0) {
        fail_msg("glyph %u at %d px did not render", glyph, font->px);
    }
    unsigned char *copy = malloc((size_t)bm->rows * (size_t)bm->width);
    for (int r = 0; r < bm->rows; r++) {
        memcpy(copy + (size_t)r * (size_t)bm->width, bm->pixels + (ptrdiff_t)r * bm->pitch,
               (size_t)bm->width);
    }
    bm->pixels = copy;
    return copy;
}

static void test_sizes_share_a_face(void **state)
{
    fonts_fixture_t *f = *state;
    text_fonts_close_all(&f->fonts);
    text_font_t *small = store_font(f, 0, 20), *large = store_font(f, 0, 64);
    assert_non_null(small->source->ft_face);
    assert_ptr_equal(small->source->ft_face, large->source->ft_face); /* one face a file */
    assert_ptr_not_equal(small->ft_size, large->ft_size);
    unsigned glyph = FT_Get_Char_Index(small->source->ft_face, 'g');
    assert_true(glyph != 0);
    text_glyph_bitmap_t a, b, c;
    unsigned char *pa = rendered(small, glyph, &a); /* fresh */
    unsigned char *pb = rendered(large, glyph, &b); /* the other size, on the same face */
    unsigned char *pc = rendered(small, glyph, &c); /* the first size again */
    assert_true(b.rows > a.rows * 2); /* the large size was active for the large glyph */
    if (a.rows != c.rows || a.width != c.width || a.left != c.left || a.top != c.top ||
        memcmp(pa, pc, (size_t)a.rows * (size_t)a.width) != 0) {
        fail_msg("'g' at 20 px after 64 px: %dx%d at %d,%d, alone %dx%d at %d,%d", c.width,
                 c.rows, c.left, c.top, a.width, a.rows, a.left, a.top);
    }
    free(pa);
    free(pb);
    free(pc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_box_is_sdl_ttf_box),
        cmocka_unit_test(test_coverage_is_sdl_ttf_coverage),
        cmocka_unit_test(test_sizes_share_a_face),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
