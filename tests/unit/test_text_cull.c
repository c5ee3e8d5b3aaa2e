/* Glyphs outside the renderer's clip are not drawn nor rasterised (text/render.c): the rows
 * of a scroll view below its fold cost nothing. What must hold: inside the clip the pixels
 * are those of a whole draw, glyphs cut by the clip's edge included, in every script; fewer
 * glyphs reach the atlas. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "text_test_util.h"

#define W 900
#define H 600
#define TEXT_W 420 /* narrow: several lines in every script */

typedef text_test_fixture_t fixture_t;

static int setup(void **state)
{
    *state = text_test_fixture_open(W, H);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    text_test_fixture_close(*state);
    return 0;
}

/* The paragraph drawn from cold caches, clipped to clip (NULL: not clipped); returns the
 * glyphs that reached the atlas, the picture in pixels (the caller frees). */
static int draw(fixture_t *f, const char *text, const char *lang, const SDL_Rect *clip,
                Uint32 **pixels)
{
    static const text_style_t STYLE = {.px = 40};
    text_engine_forget(f->engine);
    SDL_SetRenderDrawColor(f->renderer, 255, 255, 255, 255);
    SDL_RenderSetClipRect(f->renderer, NULL);
    SDL_RenderClear(f->renderer);
    SDL_RenderSetClipRect(f->renderer, clip);
    const text_layout_t *l = text_layout(f->engine, text, lang, &STYLE, TEXT_W);
    assert_non_null(l);
    assert_true(text_layout_line_count(l) >= 4); /* lines below the clip to leave out */
    text_draw(f->engine, l, 20, 10, TEXT_W, (SDL_Color){20, 40, 90, 255});
    SDL_RenderPresent(f->renderer);
    SDL_RenderSetClipRect(f->renderer, NULL);
    text_cache_stats_t st;
    text_engine_get_stats(f->engine, &st);
    size_t n = (size_t)f->surface->pitch * H;
    *pixels = malloc(n);
    assert_non_null(*pixels);
    memcpy(*pixels, f->surface->pixels, n);
    return st.glyphs;
}

static void check(fixture_t *f, const char *lang, const char *text)
{
    /* the clip's bottom edge through the second line: glyphs cut by it must still show */
    const text_layout_t *l = text_layout(f->engine, text, lang, &(text_style_t){.px = 40}, TEXT_W);
    int line_h = text_layout_height(l) / text_layout_line_count(l);
    SDL_Rect clip = {0, 0, W, 10 + line_h + line_h / 2};
    Uint32 *whole = NULL, *clipped = NULL;
    int all = draw(f, text, lang, NULL, &whole);
    int some = draw(f, text, lang, &clip, &clipped);
    int pitch = f->surface->pitch / 4;
    for (int y = clip.y; y < clip.y + clip.h; y++) {
        if (memcmp(whole + y * pitch, clipped + y * pitch, W * 4) != 0) {
            fail_msg("%s: row %d inside the clip differs from the whole draw", lang, y);
        }
    }
    if (some >= all) {
        fail_msg("%s: %d glyphs rasterised with the clip, %d without: the lines below it "
                 "should cost none", lang, some, all);
    }
    free(whole);
    free(clipped);
}

static void test_scripts_inside_clip_as_whole(void **state)
{
    fixture_t *f = *state;
    static const char *const TEXTS[][2] = {
        {"en", "Hate crime is any crime that the victim or anyone else thinks was motivated "
               "by hostility or prejudice. Quixotic jukebox wizards vex; zephyrs jog "
               "blithe, frumpy quacks."},
        {"ur", "نفرت انگیز جرائم کی اطلاع دیں۔ اگر آپ ابھی خطرے میں ہیں یا کوئی زخمی ہے تو "
               "999 پر فون کریں۔ پولیس، ایمبولینس یا فائر بریگیڈ۔ ضرب المثل ژالہ باری غضب "
               "ثقیل ظلم"},
        {"ta", "வெறுப்புக் குற்றம் என்பது ஒருவர் யார் என்பதற்காக அவருக்கு எதிராகச் செய்யப்படும் "
               "குற்றம். க்ஷ ஸ்ரீ ஜௌ ஹை ஞொ ஙா ணோ ழு ளூ றெ னே"},
    };
    for (size_t i = 0; i < sizeof TEXTS / sizeof TEXTS[0]; i++) {
        check(f, TEXTS[i][0], TEXTS[i][1]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scripts_inside_clip_as_whole, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
