/* UI benchmark: start-up (content, fonts, first frame), frame time of every screen (first
 * draw and redraw from the caches), and memory. Prints figures; not a test (no limits are
 * asserted here). Run: build/tests/bench_ui [WxH] */
#include "app/runtime.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_REDRAWS 20

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, "VmRSS:", 6) == 0) {
            kib = atol(line + 6);
        }
    }
    if (f) {
        fclose(f);
    }
    return kib;
}

int main(int argc, char **argv)
{
    int w = 1920, h = 1080;
    if (argc > 1 && sscanf(argv[1], "%dx%d", &w, &h) != 2) {
        fprintf(stderr, "usage: bench_ui [WxH]\n");
        return 2;
    }
    kiosk_config_t cfg;
    config_defaults(&cfg);
    cfg.show_unreviewed_translations = true;
    char err[512];
    double t0 = now_ms();
    SDL_Init(0);
    TTF_Init();
    runtime_t rt;
    if (!runtime_init(&rt, &cfg, err, sizeof err) ||
        !runtime_open_headless(&rt, w, h, err, sizeof err)) {
        fprintf(stderr, "bench_ui: %s\n", err);
        return 1;
    }
    runtime_frame(&rt);
    double startup = now_ms() - t0;
    printf("start-up (content, fonts, first frame) at %dx%d: %.1f ms, RSS %ld KiB\n", w, h,
           startup, rss_kib());
    int n = 0;
    n = screens_count();
    const char *langs[] = {"en", "ur", "gu", "ar", "ta"};
    double worst_first = 0, worst_redraw = 0, sum_redraw = 0;
    const char *worst_first_at = "", *worst_redraw_at = "";
    int frames = 0;
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        for (int i = 0; i < n; i++) {
            app_go(&rt.app, screens_get(i)->id);
            app_apply(&rt.app);
            snprintf(rt.app.session.lang, sizeof rt.app.session.lang, "%s", langs[l]);
            double a = now_ms();
            runtime_frame(&rt);
            double first = now_ms() - a;
            if (first > worst_first) {
                worst_first = first;
                worst_first_at = screens_get(i)->id;
            }
            a = now_ms();
            for (int k = 0; k < BENCH_REDRAWS; k++) {
                runtime_frame(&rt);
            }
            double redraw = (now_ms() - a) / BENCH_REDRAWS;
            sum_redraw += redraw;
            frames++;
            if (redraw > worst_redraw) {
                worst_redraw = redraw;
                worst_redraw_at = screens_get(i)->id;
            }
        }
    }
    text_cache_stats_t st;
    text_engine_get_stats(rt.text, &st);
    printf("screens x languages: %d x %zu\n", n, sizeof langs / sizeof langs[0]);
    printf("first frame of a screen (cold caches): worst %.1f ms (%s)\n", worst_first,
           worst_first_at);
    printf("redraw of a screen (warm caches): mean %.2f ms, worst %.2f ms (%s)\n",
           sum_redraw / frames, worst_redraw, worst_redraw_at);
    printf("text caches: %d textures (%zu KiB), %d layouts (%zu KiB); RSS %ld KiB\n",
           st.textures, st.texture_bytes / 1024, st.layouts, st.layout_bytes / 1024, rss_kib());
    runtime_deinit(&rt);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
