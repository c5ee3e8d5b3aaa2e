/* Helpers for the text engine's unit tests: an engine with every language of
 * locales/languages.ini (from KIOSK_SOURCE_DIR) and the configured font directory. */
#ifndef TESTS_UNIT_TEXT_TEST_UTIL_H
#define TESTS_UNIT_TEXT_TEST_UTIL_H

#include "i18n/languages.h"
#include "platform/config.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline const char *text_test_source_dir(void)
{
    const char *dir = getenv("KIOSK_SOURCE_DIR");
    return dir ? dir : KIOSK_SOURCE_DIR;
}

/** NULL (after printing why) when the engine cannot be set up. */
static inline text_engine_t *text_test_engine(void)
{
    char path[1024], err[512];
    lang_registry_t reg; /* the engine copies what it needs */
    snprintf(path, sizeof path, "%s/locales/languages.ini", text_test_source_dir());
    if (!lang_registry_load(&reg, path, err, sizeof err)) {
        fprintf(stderr, "languages.ini: %s\n", err);
        return NULL;
    }
    kiosk_config_t cfg;
    config_defaults(&cfg);
    text_engine_t *e = text_engine_create(cfg.font_dir, err, sizeof err);
    if (!e || !text_engine_add_registry(e, &reg, err, sizeof err)) {
        fprintf(stderr, "engine: %s\n", err);
        text_engine_destroy(e);
        return NULL;
    }
    return e;
}

/* An engine drawing onto a w x h surface through SDL's software renderer. */
typedef struct text_test_fixture {
    text_engine_t *engine;
    SDL_Surface *surface;
    SDL_Renderer *renderer;
} text_test_fixture_t;

static inline void text_test_fixture_close(text_test_fixture_t *f)
{
    if (!f) {
        return;
    }
    text_engine_destroy(f->engine); /* textures go before their renderer */
    if (f->renderer) {
        SDL_DestroyRenderer(f->renderer);
    }
    SDL_FreeSurface(f->surface);
    free(f);
}

/** NULL (after printing why, for the engine) when it cannot be set up. */
static inline text_test_fixture_t *text_test_fixture_open(int w, int h)
{
    text_test_fixture_t *f = calloc(1, sizeof *f);
    if (!f) {
        return NULL;
    }
    f->engine = text_test_engine();
    f->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    f->renderer = f->surface ? SDL_CreateSoftwareRenderer(f->surface) : NULL;
    if (!f->engine || !f->renderer) {
        text_test_fixture_close(f);
        return NULL;
    }
    text_engine_set_renderer(f->engine, f->renderer);
    return f;
}

/* Decodes one UTF-8 code point at s (valid input assumed: the tests' own strings). */
static inline int text_test_utf8_next(const char *s, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    int n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : 2;
    *cp = p[0] & (0x3F >> (n - 1));
    for (int i = 1; i < n; i++) {
        *cp = (*cp << 6) | (p[i] & 0x3F);
    }
    return n;
}

static inline bool text_test_is_bidi_control(unsigned cp)
{
    return (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E);
}

/* Code points of line 0 as seen on screen, left to right: runs in visual order, RTL runs
 * reversed, directional controls removed. Returns the count written to out. */
static inline int text_test_visual(const text_layout_t *l, int line, unsigned *out, int cap)
{
    int n = 0;
    for (int r = 0; r < text_layout_line_run_count(l, line); r++) {
        text_run_info_t run;
        text_layout_line_run(l, line, r, &run);
        unsigned cps[1024];
        int k = 0;
        for (int i = 0; i < run.bytes && k < 1024;) {
            unsigned cp;
            i += text_test_utf8_next(run.utf8 + i, &cp);
            if (!text_test_is_bidi_control(cp)) {
                cps[k++] = cp;
            }
        }
        for (int i = 0; i < k && n < cap; i++) {
            out[n++] = run.rtl ? cps[k - 1 - i] : cps[i];
        }
    }
    return n;
}

static inline int text_test_decode(const char *s, unsigned *out, int cap)
{
    int n = 0;
    while (*s && n < cap) {
        unsigned cp;
        s += text_test_utf8_next(s, &cp);
        if (!text_test_is_bidi_control(cp)) {
            out[n++] = cp;
        }
    }
    return n;
}

/* Runs in several scripts, in opaque and translucent colours, that two ways of drawing
 * text are compared on (test_text_copies, test_text_composite). */
typedef struct text_test_run {
    const char *lang, *text;
    int px;
    SDL_Color color;
} text_test_run_t;

static inline const text_test_run_t *text_test_runs(size_t *count)
{
    static const text_test_run_t runs[] = {
        {"en", "Report a hate crime, safely.", 40, {20, 30, 120, 255}},
        {"en", "Translucent: quick exit", 36, {200, 0, 40, 160}},
        {"ur", "نفرت انگیز جرم کی اطلاع دیں", 44, {0, 0, 0, 255}},
        {"gu", "નફરતના ગુનાની જાણ કરો", 38, {10, 90, 10, 200}},
        {"ta", "வெறுப்புக் குற்றத்தைப் புகாரளிக்கவும்", 30, {90, 0, 90, 255}},
        {"ar", "أبلغ عن جريمة كراهية", 42, {255, 255, 255, 255}},
    };
    *count = sizeof runs / sizeof runs[0];
    return runs;
}

/** Four stripes of colour across w x h under the text: blending over each must agree. */
static inline void text_test_stripes(SDL_Renderer *r, int w, int h)
{
    static const SDL_Color stripes[] = {{255, 255, 255, 255}, {240, 200, 40, 255},
                                        {30, 60, 200, 255}, {0, 0, 0, 255}};
    for (int i = 0; i < 4; i++) {
        SDL_SetRenderDrawColor(r, stripes[i].r, stripes[i].g, stripes[i].b, 255);
        SDL_RenderFillRect(r, &(SDL_Rect){i * w / 4, 0, w / 4, h});
    }
}

/** The runs laid out w - 40 wide and drawn one under another from (20, 10) with e's
 *  renderer; false when one could not be laid out. */
static inline bool text_test_draw_runs(text_engine_t *e, int w)
{
    size_t n = 0;
    const text_test_run_t *runs = text_test_runs(&n);
    for (size_t i = 0; i < n; i++) {
        text_style_t style = {.px = runs[i].px, .align = TEXT_ALIGN_START};
        const text_layout_t *l = text_layout(e, runs[i].text, runs[i].lang, &style, w - 40);
        if (!l) {
            return false;
        }
        text_draw(e, l, 20, 10 + (int)i * 62, w - 40, runs[i].color);
    }
    return true;
}

#endif
