/* Text engine benchmark (issue 3): for every language's strings in tests/text/strings.tsv
 * (a representative screen: title, body paragraphs, buttons), laid out as 1920x1080:
 *   cold layout   - layout cache empty (fonts already open), one whole screen: every run
 *                   shaped, broken into lines and measured
 *   warm layout   - the same screen again, every layout from the cache
 *   cached redraw - drawing the screen on a software renderer with every texture cached
 *   cache memory  - textures and layouts held at the end
 * Then the same for every string of every shipped locale (locales/<lang>.po, drafts
 * included), stacked into as many 1920x1080 screens as they fill.
 * Targets: cold < 15 ms per screen, cached redraw < 2 ms per screen.
 * Usage: bench_text [SOURCE_DIR]   (default: $KIOSK_SOURCE_DIR, else the build's source)
 * BENCH_TEXT_LANGS=ur,ar limits both parts to those languages (for profiling one). */
#include "i18n/catalog.h"
#include "i18n/languages.h"
#include "platform/config.h"
#include "text/text.h"

#include <SDL_image.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_W 1920
#define BENCH_H 1080
#define BENCH_MARGIN 60
#define BENCH_STRINGS_MAX 256
#define BENCH_ITEMS_MAX 64
#define BENCH_WARM_ROUNDS 50
#define BENCH_DRAW_ROUNDS 50
#define BENCH_PO_STRINGS_MAX 1024
#define BENCH_PO_PX 32

typedef struct bench_string {
    char lang[16], key[32], text[2048];
} bench_string_t;

typedef struct bench_item {
    const char *text;
    text_style_t style;
    int y;
} bench_item_t;

typedef struct bench {
    bench_string_t strings[BENCH_STRINGS_MAX];
    int count;
    char langs[LANG_MAX][16];
    int lang_count;
    text_engine_t *engine;
    SDL_Surface *surface;
    SDL_Renderer *renderer;
} bench_t;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void expand(const char *in, char *out, size_t size)
{
    size_t n = 0;
    while (*in && n + 4 < size) {
        if (strncmp(in, "{LRI}", 5) == 0 || strncmp(in, "{PDI}", 5) == 0) {
            n += (size_t)snprintf(out + n, size - n, "%s",
                                  in[1] == 'L' ? TEXT_ISOLATE_LRI : TEXT_ISOLATE_PDI);
            in += 5;
        } else {
            out[n++] = *in++;
        }
    }
    out[n] = '\0';
}

/* Whether lang is one of the comma-separated codes in list. */
static bool lang_listed(const char *list, const char *lang)
{
    size_t n = strlen(lang);
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, ",");
        if (k == n && strncmp(p, lang, n) == 0) {
            return true;
        }
        p += k + (p[k] == ',');
    }
    return false;
}

static bool bench_load(bench_t *b, const char *src)
{
    char path[1024], line[4096];
    snprintf(path, sizeof path, "%s/tests/text/strings.tsv", src);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return false;
    }
    while (fgets(line, sizeof line, f) && b->count < BENCH_STRINGS_MAX) {
        line[strcspn(line, "\n")] = '\0';
        char *lang = strtok(line, "\t"), *key = strtok(NULL, "\t"), *text = strtok(NULL, "\t");
        if (!lang || lang[0] == '#' || !key || !text) {
            continue;
        }
        bench_string_t *s = &b->strings[b->count++];
        snprintf(s->lang, sizeof s->lang, "%s", lang);
        snprintf(s->key, sizeof s->key, "%s", key);
        expand(text, s->text, sizeof s->text);
        const char *only = getenv("BENCH_TEXT_LANGS");
        if (only && only[0] && !lang_listed(only, lang)) {
            b->count--;
            continue;
        }
        if (b->lang_count == 0 || strcmp(b->langs[b->lang_count - 1], lang) != 0) {
            snprintf(b->langs[b->lang_count++], sizeof b->langs[0], "%s", lang);
        }
    }
    fclose(f);
    return b->count > 0;
}

static bool bench_engine(bench_t *b, const char *src)
{
    char path[1024], err[512];
    lang_registry_t reg;
    snprintf(path, sizeof path, "%s/locales/languages.ini", src);
    if (!lang_registry_load(&reg, path, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return false;
    }
    kiosk_config_t cfg;
    config_defaults(&cfg);
    b->engine = text_engine_create(cfg.font_dir, err, sizeof err);
    if (!b->engine || !text_engine_add_registry(b->engine, &reg, err, sizeof err)) {
        fprintf(stderr, "engine: %s\n", err);
        return false;
    }
    b->surface = SDL_CreateRGBSurfaceWithFormat(0, BENCH_W, BENCH_H, 32, SDL_PIXELFORMAT_ARGB8888);
    b->renderer = b->surface ? SDL_CreateSoftwareRenderer(b->surface) : NULL;
    if (!b->renderer) {
        fprintf(stderr, "renderer: %s\n", SDL_GetError());
        return false;
    }
    text_engine_set_renderer(b->engine, b->renderer);
    return true;
}

/* A screen in lang: its title, lead, phone line and buttons, then paragraphs until the
 * screen is full. Returns the number of items. */
static int bench_screen(bench_t *b, const char *lang, bench_item_t *items)
{
    static const struct {
        const char *key;
        int px;
        bool bold;
    } roles[] = {{"title", 56, true},   {"lead", 36, false},   {"phone", 32, true},
                 {"button", 40, true},  {"paragraph", 32, false}};
    int n = 0, y = BENCH_MARGIN;
    for (size_t r = 0; r < sizeof roles / sizeof roles[0] && n < BENCH_ITEMS_MAX; r++) {
        for (int i = 0; i < b->count && n < BENCH_ITEMS_MAX; i++) {
            if (strcmp(b->strings[i].lang, lang) == 0 && strcmp(b->strings[i].key, roles[r].key) == 0) {
                items[n++] = (bench_item_t){b->strings[i].text, {.px = roles[r].px, .bold = roles[r].bold}, y};
                y += roles[r].px * 2;
            }
        }
    }
    /* fill: paragraphs again (height estimated, corrected once laid out) */
    int para = n - 1;
    while (y < BENCH_H && n < BENCH_ITEMS_MAX && para >= 0) {
        items[n] = items[para];
        items[n].y = y;
        y += items[para].style.px * 6;
        n++;
    }
    return n;
}

static double bench_layout_screen(bench_t *b, const char *lang, bench_item_t *items, int n)
{
    double t0 = now_ms();
    for (int i = 0; i < n; i++) {
        if (!text_layout(b->engine, items[i].text, lang, &items[i].style,
                         BENCH_W - 2 * BENCH_MARGIN)) {
            fprintf(stderr, "layout failed: %s\n", text_engine_last_error(b->engine));
        }
    }
    return now_ms() - t0;
}

/* Stacks the laid-out items down the screen; returns how many fit on it. */
static int bench_place(bench_t *b, const char *lang, bench_item_t *items, int n)
{
    int y = BENCH_MARGIN;
    for (int i = 0; i < n; i++) {
        const text_layout_t *l = text_layout(b->engine, items[i].text, lang, &items[i].style,
                                             BENCH_W - 2 * BENCH_MARGIN);
        if (y >= BENCH_H) {
            return i;
        }
        items[i].y = y;
        y += text_layout_height(l);
    }
    return n;
}

static double bench_draw_screen(bench_t *b, const char *lang, bench_item_t *items, int n)
{
    double t0 = now_ms();
    SDL_Color ink = {20, 20, 20, 255};
    for (int i = 0; i < n; i++) {
        const text_layout_t *l = text_layout(b->engine, items[i].text, lang, &items[i].style,
                                             BENCH_W - 2 * BENCH_MARGIN);
        text_draw(b->engine, l, BENCH_MARGIN, items[i].y, BENCH_W - 2 * BENCH_MARGIN, ink);
    }
    return now_ms() - t0;
}

typedef struct po_strings {
    const char *texts[BENCH_PO_STRINGS_MAX];
    double cold_ms[BENCH_PO_STRINGS_MAX];
    int y[BENCH_PO_STRINGS_MAX], screen[BENCH_PO_STRINGS_MAX];
    int count;
} po_strings_t;

static void po_collect(void *user, const char *key, const char *text)
{
    po_strings_t *p = user;
    if (p->count < BENCH_PO_STRINGS_MAX && text && text[0]) {
        p->texts[p->count++] = text;
    }
}

/* Every string of lang's PO file: cold layout each, stack them into screens, then time the
 * cached redraw of each screen. Prints one row; updates the worst figures. */
static void bench_po_lang(bench_t *b, i18n_t *i18n, const char *lang, double *worst_cold,
                          double *worst_draw)
{
    po_strings_t *p = calloc(1, sizeof *p);
    if (!p) {
        return;
    }
    i18n_each_key(i18n, lang, po_collect, p);
    text_style_t style = {.px = BENCH_PO_PX};
    const int width = BENCH_W - 2 * BENCH_MARGIN;
    text_layout(b->engine, "0", lang, &style, 0); /* fonts open: cold means no layout cached */
    text_engine_begin_frame(b->engine);
    int screens = 0, y = BENCH_MARGIN;
    double cold_all = 0;
    for (int i = 0; i < p->count; i++) {
        double t0 = now_ms();
        const text_layout_t *l = text_layout(b->engine, p->texts[i], lang, &style, width);
        p->cold_ms[i] = now_ms() - t0;
        cold_all += p->cold_ms[i];
        int h = text_layout_height(l);
        if (y + h > BENCH_H && y > BENCH_MARGIN) {
            screens++;
            y = BENCH_MARGIN;
        }
        p->y[i] = y;
        p->screen[i] = screens;
        y += h;
    }
    screens++;
    double worst_screen_cold = 0, worst_screen_draw = 0;
    for (int sc = 0; sc < screens; sc++) {
        double cold = 0, draw = 0;
        for (int i = 0; i < p->count; i++) {
            cold += p->screen[i] == sc ? p->cold_ms[i] : 0;
        }
        for (int r = 0; r <= BENCH_DRAW_ROUNDS; r++) { /* round 0 fills the texture cache */
            text_engine_begin_frame(b->engine);
            SDL_RenderClear(b->renderer);
            double t0 = now_ms();
            for (int i = 0; i < p->count; i++) {
                if (p->screen[i] == sc) {
                    const text_layout_t *l = text_layout(b->engine, p->texts[i], lang, &style, width);
                    text_draw(b->engine, l, BENCH_MARGIN, p->y[i], width, (SDL_Color){20, 20, 20, 255});
                }
            }
            draw += r > 0 ? now_ms() - t0 : 0;
        }
        draw /= BENCH_DRAW_ROUNDS;
        worst_screen_cold = cold > worst_screen_cold ? cold : worst_screen_cold;
        worst_screen_draw = draw > worst_screen_draw ? draw : worst_screen_draw;
    }
    double t0 = now_ms();
    for (int i = 0; i < p->count; i++) {
        text_layout(b->engine, p->texts[i], lang, &style, width);
    }
    double warm_all = now_ms() - t0;
    printf("%-4s %7d %7d %12.2f %12.2f %10.3f %12.2f\n", lang, p->count, screens, cold_all,
           worst_screen_cold, warm_all, worst_screen_draw);
    *worst_cold = worst_screen_cold > *worst_cold ? worst_screen_cold : *worst_cold;
    *worst_draw = worst_screen_draw > *worst_draw ? worst_screen_draw : *worst_draw;
    free(p);
}

static void bench_po(bench_t *b, const char *src)
{
    i18n_t *i18n = i18n_create(true);
    if (!i18n) {
        return;
    }
    printf("\nshipped locales, every string at %d px in %d px lines:\n", BENCH_PO_PX,
           BENCH_W - 2 * BENCH_MARGIN);
    printf("%-4s %7s %7s %12s %12s %10s %12s\n", "lang", "strings", "screens", "cold all ms",
           "cold/screen", "warm all", "cached draw");
    double worst_cold = 0, worst_draw = 0;
    int langs = 0;
    for (int li = 0; li < b->lang_count; li++) {
        char path[1024], err[512];
        snprintf(path, sizeof path, "%s/locales/%s.po", src, b->langs[li]);
        if (!i18n_load(i18n, b->langs[li], path, err, sizeof err)) {
            printf("%-4s (no catalog: %s)\n", b->langs[li], err);
            continue;
        }
        bench_po_lang(b, i18n, b->langs[li], &worst_cold, &worst_draw);
        langs++;
    }
    if (langs) {
        printf("worst screen: cold layout %.2f ms (target < 15), cached redraw %.2f ms "
               "(target < 2)\n",
               worst_cold, worst_draw);
    }
    i18n_destroy(i18n);
}

int main(int argc, char **argv)
{
    const char *src = argc > 1 ? argv[1] : getenv("KIOSK_SOURCE_DIR");
    src = src ? src : KIOSK_SOURCE_DIR;
    bench_t *b = calloc(1, sizeof *b);
    if (!b || !bench_load(b, src) || !bench_engine(b, src)) {
        return 1;
    }
    printf("%-4s %6s %10s %10s %12s %12s\n", "lang", "items", "cold ms", "warm ms",
           "first draw", "cached draw");
    double worst_cold = 0, worst_draw = 0;
    for (int li = 0; li < b->lang_count; li++) {
        const char *lang = b->langs[li];
        bench_item_t items[BENCH_ITEMS_MAX];
        int n = bench_screen(b, lang, items);
        /* open this language's fonts at these sizes first: cold means no cached layout */
        text_style_t sizes[] = {{.px = 56, .bold = true}, {.px = 36}, {.px = 32, .bold = true},
                                {.px = 40, .bold = true}, {.px = 32}};
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            text_layout(b->engine, "0", lang, &sizes[s], 0);
        }
        text_engine_begin_frame(b->engine);
        double cold = bench_layout_screen(b, lang, items, n);
        n = bench_place(b, lang, items, n);
        double warm = 0;
        for (int r = 0; r < BENCH_WARM_ROUNDS; r++) {
            text_engine_begin_frame(b->engine);
            warm += bench_layout_screen(b, lang, items, n);
        }
        SDL_SetRenderDrawColor(b->renderer, 255, 255, 255, 255);
        SDL_RenderClear(b->renderer);
        double first = bench_draw_screen(b, lang, items, n);
        double draw = 0;
        for (int r = 0; r < BENCH_DRAW_ROUNDS; r++) {
            text_engine_begin_frame(b->engine);
            SDL_RenderClear(b->renderer);
            draw += bench_draw_screen(b, lang, items, n);
        }
        warm /= BENCH_WARM_ROUNDS;
        draw /= BENCH_DRAW_ROUNDS;
        worst_cold = cold > worst_cold ? cold : worst_cold;
        worst_draw = draw > worst_draw ? draw : worst_draw;
        printf("%-4s %6d %10.2f %10.3f %12.2f %12.2f\n", lang, n, cold, warm, first, draw);
        char png[64];
        snprintf(png, sizeof png, "bench_text_%s.png", lang);
        if (getenv("BENCH_TEXT_PNG")) {
            IMG_SavePNG(b->surface, png);
        }
    }
    bench_po(b, src);
    text_cache_stats_t st;
    text_engine_get_stats(b->engine, &st);
    printf("worst cold layout %.2f ms (target < 15), worst cached redraw %.2f ms (target < 2)\n",
           worst_cold, worst_draw);
    printf("cache: %d textures, %.1f MiB; %d layouts, %.1f KiB; texture hits %lu misses %lu; "
           "layout hits %lu misses %lu\n",
           st.textures, st.texture_bytes / 1048576.0, st.layouts, st.layout_bytes / 1024.0,
           st.texture_hits, st.texture_misses, st.layout_hits, st.layout_misses);
    text_engine_destroy(b->engine);
    SDL_DestroyRenderer(b->renderer);
    SDL_FreeSurface(b->surface);
    free(b);
    return 0;
}
