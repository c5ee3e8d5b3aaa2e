/* UI benchmark, in process (headless software renderer at WxH): start-up to the first frame
 * of the home screen in en, gu and ur; the first frame of every screen in every language
 * with cold text caches (everything the text engine holds forgotten first, as a session's
 * wipe does; once more before that as the process's first use of each font) and its warm
 * redraws: the same screen drawn again (its dry drawing finds nothing changed, ui/damage.h),
 * the focus moved to its next control by a Tab key (what changed is drawn), and a forced
 * full repaint (every pixel drawn again, as before damage was followed); tap
 * to the frame that shows the next screen; the QR code and the printed slip; the home
 * screen's frame encoded to PNG alone (what --screenshot spends after drawing).
 * Prints "name value" lines that tests/bench/run.sh puts in its table; not a test (no
 * limit is asserted here). Run: build/tests/bench_ui [WxH] (from the source tree).
 *
 * The start-up rows alone: bench_ui WxH startup
 * The font-first sweep alone, each screen's figure printed: bench_ui WxH fontfirst
 * For a profiler (callgrind, perf), one screen's frame alone, N times:
 *   bench_ui WxH profile SCREEN LANG cold|warm|full|first N
 * first meets every screen before it as bench_font_first() does, then it once with fonts
 * it opens first (N is 1: later frames are cold ones); cold forgets the text engine's caches before each frame and draws the first picture of a
 * new screen (runtime_frame_shown()); full forgets what the surface shows (every pixel is
 * drawn again); warm draws the same screen again. */
#include "app/runtime.h"
#include "content/services.h"
#include "print/print.h"
#include "qr/qr.h"
#include "ui/paint.h"

#include "bench_util.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BENCH_REDRAWS 20
#define BENCH_FRAMES_MAX 1024 /* screens x languages */
#define BENCH_REPEAT 21       /* QR and slip: median of this many */
#define TEXT_LANG_CODE_MAX_BENCH 16

/* The state folder of every run here (compiled catalogs); set by main(). */
static char bench_state_dir[64];

static bool bench_state_remove(void)
{
    char rm[128];
    snprintf(rm, sizeof rm, "rm -rf '%s'", bench_state_dir);
    return system(rm) == 0;
}

static bool bench_open(runtime_t *rt, int w, int h, const char *lang)
{
    kiosk_config_t cfg;
    config_defaults(&cfg);
    cfg.show_unreviewed_translations = true; /* every language has all its text */
    snprintf(cfg.data_dir, sizeof cfg.data_dir, ".");
    snprintf(cfg.state_dir, sizeof cfg.state_dir, "%s", bench_state_dir);
    char err[512];
    if (!runtime_init(rt, &cfg, err, sizeof err) || !runtime_open_headless(rt, w, h, err, sizeof err)) {
        fprintf(stderr, "bench_ui: %s\n", err);
        return false;
    }
    if (lang) {
        snprintf(rt->app.session.lang, sizeof rt->app.session.lang, "%s", lang);
        app_go(&rt->app, "home");
        app_apply(&rt->app);
    }
    return true;
}

/* Content, fonts, window surface and the first frame of home in lang (printed as
 * NAME_LANG); then the content checks the kiosk runs after its first frame. */
static void bench_startup(int w, int h, const char *lang, const char *name)
{
    double t0 = bench_now_ms();
    runtime_t rt;
    if (!bench_open(&rt, w, h, lang)) {
        exit(1);
    }
    runtime_frame(&rt);
    double t1 = bench_now_ms();
    runtime_lint_content(&rt);
    printf("%s_%s %.2f\n", name, lang, t1 - t0);
    printf("lint_after_%s_%s %.2f\n", name, lang, bench_now_ms() - t1);
    runtime_deinit(&rt);
}

/* Screen i in language l, not drawn yet. */
static void bench_show(runtime_t *rt, int i, int l)
{
    app_go(&rt->app, screens_get(i)->id);
    app_apply(&rt->app);
    snprintf(rt->app.session.lang, sizeof rt->app.session.lang, "%s", rt->langs.langs[l].code);
}

/* The targets, only to list the screens over them (run.sh's table judges). */
#define BENCH_COLD_TARGET_MS 8.0
#define BENCH_WARM_TARGET_MS 1.0

/* Prints "NAME ms lang/screen" when ms is over limit, and counts it. */
static void bench_over(const char *name, double ms, double limit, int *count, runtime_t *rt,
                       int l, int i)
{
    if (ms > limit) {
        (*count)++;
        printf("%s %.2f %s/%s\n", name, ms, rt->langs.langs[l].code, screens_get(i)->id);
    }
}

/* Screen i in language l met cold (no layout, glyph or measurement kept): the time to the
 * first picture the person sees, and in *whole (when not NULL) to the frame with the rows
 * that picture left out. */
static double bench_cold_frame(runtime_t *rt, int i, int l, double *whole)
{
    bench_show(rt, i, l);
    text_engine_forget(rt->text);
    double a = bench_now_ms();
    runtime_frame_shown(rt);
    double shown = bench_now_ms() - a;
    runtime_frame_finish(rt);
    if (whole) {
        *whole = bench_now_ms() - a;
    }
    return shown;
}

/* Every screen cold, as the process's first use of each font at each size (opened then,
 * and open for the process's life: no session's words are in a font). bench_screens()
 * then meets each screen as the next person does after a session's wipe, which forgets
 * the text caches and keeps the fonts. */
static void bench_font_first(runtime_t *rt, bool each)
{
    int n = screens_count();
    static double first[BENCH_FRAMES_MAX];
    int firsts = 0;
    double worst_first = 0;
    char worst_first_at[96] = "";
    for (int l = 0; l < rt->langs.count; l++) {
        for (int i = 0; i < n && firsts < BENCH_FRAMES_MAX; i++) {
            first[firsts] = bench_cold_frame(rt, i, l, NULL);
            if (each) {
                printf("font_first %s/%s %.3f\n", rt->langs.langs[l].code, screens_get(i)->id,
                       first[firsts]);
            }
            if (first[firsts] > worst_first) {
                worst_first = first[firsts];
                snprintf(worst_first_at, sizeof worst_first_at, "%s/%s",
                         rt->langs.langs[l].code, screens_get(i)->id);
            }
            firsts++;
        }
    }
    printf("cold_font_first_worst_ms %.2f %s\n", worst_first, worst_first_at);
    printf("cold_font_first_median_ms %.2f\n", bench_median(first, firsts));
}

/* The same frame drawn n times, each after forget (NULL: none) or a Tab key (tab): ms a
 * frame. */
static double bench_redraws(runtime_t *rt, int n, bool forget, bool tab)
{
    double t = 0;
    for (int k = 0; k < n; k++) {
        if (forget) {
            paint_forget(rt->ui.paint); /* every pixel is drawn again */
        }
        if (tab) {
            runtime_key_mod(rt, SDLK_TAB, KMOD_NONE);
        }
        double a = bench_now_ms();
        runtime_frame(rt);
        t += bench_now_ms() - a;
    }
    return t / n;
}

/* Worst and median of the n figures in v, printed as NAME_worst_ms (with where) and
 * NAME_median_ms. */
static void bench_print_spread(const char *name, double *v, const char (*at)[96], int n)
{
    int worst = 0;
    for (int i = 1; i < n; i++) {
        worst = v[i] > v[worst] ? i : worst;
    }
    printf("%s_worst_ms %.3f %s\n", name, n ? v[worst] : 0, n ? at[worst] : "");
    printf("%s_median_ms %.3f\n", name, bench_median(v, n));
}

static void bench_screens(runtime_t *rt)
{
    static double cold[BENCH_FRAMES_MAX], whole[BENCH_FRAMES_MAX], warm[BENCH_FRAMES_MAX];
    static double focus[BENCH_FRAMES_MAX], full[BENCH_FRAMES_MAX];
    static char at[BENCH_FRAMES_MAX][96];
    int n = screens_count(), frames = 0, cold_over = 0, warm_over = 0;
    double worst_cold = 0, worst_warm = 0;
    char worst_cold_at[96] = "", worst_warm_at[96] = "";
    bench_font_first(rt, true);
    for (int l = 0; l < rt->langs.count; l++) {
        for (int i = 0; i < n && frames < BENCH_FRAMES_MAX; i++) {
            cold[frames] = bench_cold_frame(rt, i, l, &whole[frames]);
            warm[frames] = bench_redraws(rt, BENCH_REDRAWS, false, false);
            full[frames] = bench_redraws(rt, BENCH_REDRAWS / 4, true, false);
            focus[frames] = bench_redraws(rt, BENCH_REDRAWS / 4, false, true);
            focus_clear(&rt->focus); /* the next screen is met by touch, no ring */
            snprintf(at[frames], sizeof at[frames], "%s/%s", rt->langs.langs[l].code,
                     screens_get(i)->id);
            bench_over("cold_over", cold[frames], BENCH_COLD_TARGET_MS, &cold_over, rt, l, i);
            bench_over("warm_over", warm[frames], BENCH_WARM_TARGET_MS, &warm_over, rt, l, i);
            if (cold[frames] > worst_cold) {
                worst_cold = cold[frames];
                snprintf(worst_cold_at, sizeof worst_cold_at, "%s/%s", rt->langs.langs[l].code,
                         screens_get(i)->id);
            }
            if (warm[frames] > worst_warm) {
                worst_warm = warm[frames];
                snprintf(worst_warm_at, sizeof worst_warm_at, "%s/%s", rt->langs.langs[l].code,
                         screens_get(i)->id);
            }
            frames++;
        }
    }
    printf("screens %d\n", frames);
    printf("cold_over_count %d\n", cold_over);
    printf("warm_over_count %d\n", warm_over);
    printf("cold_worst_ms %.2f %s\n", worst_cold, worst_cold_at);
    printf("cold_median_ms %.2f\n", bench_median(cold, frames));
    double worst_whole = 0;
    for (int i = 0; i < frames; i++) {
        worst_whole = whole[i] > worst_whole ? whole[i] : worst_whole;
    }
    printf("cold_whole_worst_ms %.2f\n", worst_whole);
    printf("cold_whole_median_ms %.2f\n", bench_median(whole, frames));
    printf("warm_worst_ms %.3f %s\n", worst_warm, worst_warm_at);
    printf("warm_median_ms %.3f\n", bench_median(warm, frames));
    bench_print_spread("focus", focus, at, frames);
    bench_print_spread("full", full, at, frames);
}

/* Every screen in every language, caches kept: how full the bounded caches get (their caps
 * are chosen from this) and the process's memory after. */
static void bench_fill(runtime_t *rt)
{
    int n = screens_count();
    text_cache_stats_t st, peak = {0};
    text_engine_forget(rt->text);
    for (int l = 0; l < rt->langs.count; l++) {
        for (int i = 0; i < n; i++) {
            bench_show(rt, i, l);
            runtime_frame(rt);
            text_engine_get_stats(rt->text, &st);
            peak.textures = st.textures > peak.textures ? st.textures : peak.textures;
            peak.texture_bytes = st.texture_bytes > peak.texture_bytes ? st.texture_bytes
                                                                       : peak.texture_bytes;
            peak.layouts = st.layouts > peak.layouts ? st.layouts : peak.layouts;
            peak.layout_bytes = st.layout_bytes > peak.layout_bytes ? st.layout_bytes
                                                                    : peak.layout_bytes;
            peak.fonts_open = st.fonts_open > peak.fonts_open ? st.fonts_open : peak.fonts_open;
            peak.shapes = st.shapes > peak.shapes ? st.shapes : peak.shapes;
            peak.shape_bytes = st.shape_bytes > peak.shape_bytes ? st.shape_bytes
                                                                 : peak.shape_bytes;
        }
    }
    printf("fill_peak textures %d texture_kib %zu layouts %d layout_kib %zu fonts_open %d "
           "shapes %d shape_kib %zu\n",
           peak.textures, peak.texture_bytes / 1024, peak.layouts, peak.layout_bytes / 1024,
           peak.fonts_open, peak.shapes, peak.shape_bytes / 1024);
    printf("fill_end texture_hits %lu texture_misses %lu font_resets %lu\n", st.texture_hits,
           st.texture_misses, st.font_resets);
    FILE *f = fopen("/proc/self/smaps_rollup", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, "Pss:", 4) == 0 || strncmp(line, "Rss:", 4) == 0) {
            printf("fill_%c%c%c_kib %ld\n", line[0] | 32, line[1], line[2], atol(line + 4));
        }
    }
    if (f) {
        fclose(f);
    }
}

/* Every screen of one language from empty caches, for each language: what one session (one
 * language) fills, the largest of them. */
static void bench_fill_session(runtime_t *rt)
{
    text_cache_stats_t st, peak = {0};
    char at[TEXT_LANG_CODE_MAX_BENCH] = "";
    for (int l = 0; l < rt->langs.count; l++) {
        text_engine_forget(rt->text);
        snprintf(rt->app.session.lang, sizeof rt->app.session.lang, "%s", rt->langs.langs[l].code);
        for (int i = 0; i < screens_count(); i++) {
            bench_show(rt, i, l);
            runtime_frame(rt);
        }
        text_engine_get_stats(rt->text, &st);
        if (st.shape_bytes > peak.shape_bytes) {
            snprintf(at, sizeof at, "%s", rt->langs.langs[l].code);
        }
        peak.shape_bytes = st.shape_bytes > peak.shape_bytes ? st.shape_bytes : peak.shape_bytes;
        peak.shapes = st.shapes > peak.shapes ? st.shapes : peak.shapes;
        peak.layouts = st.layouts > peak.layouts ? st.layouts : peak.layouts;
        peak.glyphs = st.glyphs > peak.glyphs ? st.glyphs : peak.glyphs;
    }
    printf("fill_one_language_peak shapes %d shape_kib %zu (%s) layouts %d glyphs %d\n",
           peak.shapes, peak.shape_bytes / 1024, at, peak.layouts, peak.glyphs);
}

/* A tap, as the event loop handles it: pointer down (drawn), pointer up, then the frame that
 * shows where the tap leads (timed from the pointer up). */
static double bench_tap(runtime_t *rt, const char *id)
{
    const ui_widget_t *w = ui_find(&rt->ui, id);
    if (!w) {
        fprintf(stderr, "bench_ui: no '%s' on %s\n", id, app_screen_id(&rt->app));
        exit(1);
    }
    int x = w->rect.x + w->rect.w / 2, y = w->rect.y + w->rect.h / 2;
    app_input(&rt->app);
    ui_pointer_down(&rt->ui, x, y);
    runtime_frame(rt);
    double a = bench_now_ms();
    ui_pointer_up(&rt->ui, x, y);
    runtime_frame_shown(rt); /* the new screen, as the person first sees it */
    double t = bench_now_ms() - a;
    runtime_frame_finish(rt);
    return t;
}

static void bench_taps(runtime_t *rt)
{
    static const char *path[] = {"home.learn", "learn.topic.what", "back", "back",
                                 "home.support", "back", "home.report", "report.safety.no"};
    double t[2 * sizeof path / sizeof path[0]];
    int n = 0;
    static const char *langs[] = {"en", "ur"};
    for (size_t l = 0; l < 2; l++) {
        app_go(&rt->app, "home");
        app_apply(&rt->app);
        snprintf(rt->app.session.lang, sizeof rt->app.session.lang, "%s", langs[l]);
        text_engine_forget(rt->text); /* every screen reached is met cold */
        runtime_frame(rt);
        for (size_t i = 0; i < sizeof path / sizeof path[0]; i++) {
            if (!ui_find(&rt->ui, path[i])) {
                break; /* a screen without that button: the path ends there */
            }
            t[n++] = bench_tap(rt, path[i]);
        }
    }
    double worst = 0;
    for (int i = 0; i < n; i++) {
        worst = t[i] > worst ? t[i] : worst;
    }
    printf("taps %d\n", n);
    printf("tap_worst_ms %.2f\n", worst);
    printf("tap_median_ms %.2f\n", bench_median(t, n));
}

/* The attract screen turning to its next language, as the event loop does every 6 s while
 * nobody uses the kiosk: the first time round each language is new to the caches, after
 * that it is the redraw idle CPU pays for. */
static void bench_attract(runtime_t *rt)
{
    double first[BENCH_FRAMES_MAX], again[BENCH_FRAMES_MAX];
    int n = rt->langs.count < BENCH_FRAMES_MAX ? rt->langs.count : BENCH_FRAMES_MAX;
    app_go(&rt->app, "attract");
    app_apply(&rt->app);
    text_engine_forget(rt->text);
    runtime_frame(rt);
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < n; i++) {
            rt->app.attract_slot = (unsigned)(i + 1); /* as app_tick() turns it */
            rt->app.dirty = true;
            double a = bench_now_ms();
            runtime_frame(rt);
            (round ? again : first)[i] = bench_now_ms() - a;
        }
    }
    double worst = 0;
    for (int i = 0; i < n; i++) {
        worst = again[i] > worst ? again[i] : worst;
    }
    printf("attract_first_median_ms %.2f\n", bench_median(first, n));
    printf("attract_turn_median_ms %.2f\n", bench_median(again, n));
    printf("attract_turn_worst_ms %.2f\n", worst);
}

static void bench_print(runtime_t *rt)
{
    double qr[BENCH_REPEAT], slip_en[BENCH_REPEAT], slip_ur[BENCH_REPEAT];
    char err[512];
    services_t services;
    if (!services_load(&services, "config/services.ini", err, sizeof err)) {
        fprintf(stderr, "bench_ui: %s\n", err);
        exit(1);
    }
    for (int i = 0; i < BENCH_REPEAT; i++) {
        double a = bench_now_ms();
        qr_code_t *q = qr_code_create("https://www.report-it.org.uk/your_police_force?ref=K7M-4QX",
                                      QR_ECC_M, err, sizeof err);
        qr[i] = bench_now_ms() - a;
        qr_code_destroy(q);
        for (int l = 0; l < 2; l++) {
            print_slip_t slip;
            print_slip_prepare(&slip, &rt->cfg, &services, l ? "ur" : "en", l == 1, "K7M-4QX",
                               MOTIVATION_RACE | MOTIVATION_RELIGION, 0);
            a = bench_now_ms();
            print_raster_t *r = slip_render(rt->text, rt->i18n, &slip.content, 576, NULL, err,
                                            sizeof err);
            (l ? slip_ur : slip_en)[i] = bench_now_ms() - a;
            if (!r) {
                fprintf(stderr, "bench_ui: slip: %s\n", err);
                exit(1);
            }
            print_raster_destroy(r);
        }
    }
    printf("qr_median_ms %.3f\n", bench_median(qr, BENCH_REPEAT));
    printf("slip_en_median_ms %.2f\n", bench_median(slip_en, BENCH_REPEAT));
    printf("slip_ur_median_ms %.2f\n", bench_median(slip_ur, BENCH_REPEAT));
}

/* The English home screen's frame (drawn once) saved as PNG, BENCH_REPEAT times. */
static void bench_png(runtime_t *rt)
{
    int home = -1, en = -1;
    for (int i = 0; i < screens_count() && home < 0; i++) {
        home = strcmp(screens_get(i)->id, "home") == 0 ? i : -1;
    }
    for (int l = 0; l < rt->langs.count && en < 0; l++) {
        en = strcmp(rt->langs.langs[l].code, "en") == 0 ? l : -1;
    }
    char path[] = "/tmp/bench_ui_png_XXXXXX";
    int fd = mkstemp(path);
    if (home < 0 || en < 0 || fd < 0) {
        fprintf(stderr, "bench_ui: png: no home screen, no English or no temporary file\n");
        exit(1);
    }
    close(fd);
    bench_show(rt, home, en);
    runtime_frame(rt);
    double t[BENCH_REPEAT];
    char err[512];
    for (int i = 0; i < BENCH_REPEAT; i++) {
        double a = bench_now_ms();
        if (!runtime_save_png(rt, path, err, sizeof err)) {
            fprintf(stderr, "bench_ui: png: %s\n", err);
            exit(1);
        }
        t[i] = bench_now_ms() - a;
    }
    struct stat st;
    printf("png_encode_median_ms %.2f\n", bench_median(t, BENCH_REPEAT));
    printf("png_encode_bytes %lld\n", stat(path, &st) == 0 ? (long long)st.st_size : -1LL);
    unlink(path);
}

/* The frames a profiler looks at (valgrind --toggle-collect='*bench_profile_frames*'). */
__attribute__((noinline)) static double bench_profile_frames(runtime_t *rt, bool cold,
                                                             bool full, int n)
{
    double t = 0;
    for (int i = 0; i < n; i++) {
        if (full) {
            paint_forget(rt->ui.paint);
        }
        if (cold) {
            text_engine_forget(rt->text);
            /* and met as a new screen: its first picture alone, its scroll views new */
            rt->whole_screen = NULL;
            rt->dry_screen = NULL;
            memset(rt->ui.scrolls, 0, sizeof rt->ui.scrolls);
        }
        double a = bench_now_ms();
        if (cold) {
            runtime_frame_shown(rt);
        } else {
            runtime_frame(rt);
        }
        t += bench_now_ms() - a;
    }
    return t;
}

/* Every screen the font-first sweep (bench_font_first()) meets before screen in lang, cold:
 * the profiled frame then opens what that sweep's frame of it opens. */
static void bench_meet_before(runtime_t *rt, const char *screen, const char *lang)
{
    for (int l = 0; l < rt->langs.count; l++) {
        bool last = strcmp(rt->langs.langs[l].code, lang) == 0;
        for (int i = 0; i < screens_count(); i++) {
            if (last && strcmp(screens_get(i)->id, screen) == 0) {
                bench_show(rt, i, l);
                text_engine_forget(rt->text);
                return;
            }
            bench_cold_frame(rt, i, l, NULL);
        }
    }
}

/* One screen drawn n times, for a profiler: nothing else runs but start-up. */
static int bench_profile(int w, int h, const char *screen, const char *lang, const char *mode,
                         int n)
{
    runtime_t rt;
    if (!bench_open(&rt, w, h, lang)) {
        return 1;
    }
    if (!app_go(&rt.app, screen)) {
        fprintf(stderr, "bench_ui: no screen '%s'\n", screen);
        return 2;
    }
    app_apply(&rt.app);
    bool first = strcmp(mode, "first") == 0;
    if (first) {
        bench_meet_before(&rt, screen, lang);
    } else {
        runtime_frame(&rt);
    }
    bool cold = first || strcmp(mode, "cold") == 0;
    double t = bench_profile_frames(&rt, cold, strcmp(mode, "full") == 0, n);
    text_cache_stats_t st;
    text_engine_get_stats(rt.text, &st);
    printf("profile %s/%s %s: %.3f ms a frame over %d\n", lang, screen, mode, n ? t / n : 0, n);
    printf("  layouts %d (hits %lu, misses %lu), glyphs %d in %d pages (hits %lu, misses %lu, "
           "resets %lu), fonts open %d\n",
           st.layouts, st.layout_hits, st.layout_misses, st.glyphs, st.textures, st.texture_hits,
           st.texture_misses, st.atlas_resets, st.fonts_open);
    runtime_deinit(&rt);
    return 0;
}

int main(int argc, char **argv)
{
    int w = 1920, h = 1080;
    if (argc > 1 && sscanf(argv[1], "%dx%d", &w, &h) != 2) {
        fprintf(stderr, "usage: bench_ui [WxH [startup | screens | fontfirst | profile SCREEN LANG cold|warm|full|first N]]   (run from "
                        "the source tree)\n");
        return 2;
    }
    SDL_Init(0);
    TTF_Init();
    snprintf(bench_state_dir, sizeof bench_state_dir, "/tmp/kiosk-bench-XXXXXX");
    if (!mkdtemp(bench_state_dir)) {
        perror("bench_ui: mkdtemp");
        return 1;
    }
    if (argc == 7 && strcmp(argv[2], "profile") == 0) {
        int rc = bench_profile(w, h, argv[3], argv[4], argv[5], atoi(argv[6]));
        TTF_Quit();
        SDL_Quit();
        return bench_state_remove() && rc == 0 ? 0 : 1;
    }
    /* the first start-up after the PO files changed parses them all (and compiles them) */
    bench_startup(w, h, "en", "startup_first_ms");
    static const char *startup_langs[] = {"en", "gu", "ur"};
    for (size_t i = 0; i < sizeof startup_langs / sizeof startup_langs[0]; i++) {
        bench_startup(w, h, startup_langs[i], "startup_ms");
    }
    bool font_first = argc == 3 && strcmp(argv[2], "fontfirst") == 0;
    if (font_first || (argc == 3 && strcmp(argv[2], "screens") == 0)) { /* a sweep alone */
        runtime_t rt;
        if (!bench_open(&rt, w, h, NULL)) {
            return 1;
        }
        runtime_frame(&rt);
        if (font_first) {
            bench_font_first(&rt, true);
        } else {
            bench_screens(&rt);
        }
        runtime_deinit(&rt);
        TTF_Quit();
        SDL_Quit();
        return bench_state_remove() ? 0 : 1;
    }
    if (argc == 3 && strcmp(argv[2], "startup") == 0) { /* the start-up rows alone */
        TTF_Quit();
        SDL_Quit();
        return bench_state_remove() ? 0 : 1;
    }
    runtime_t rt;
    if (!bench_open(&rt, w, h, NULL)) {
        return 1;
    }
    runtime_frame(&rt);
    bench_screens(&rt);
    bench_fill(&rt);
    bench_fill_session(&rt);
    bench_taps(&rt);
    bench_attract(&rt);
    bench_print(&rt);
    bench_png(&rt);
    runtime_deinit(&rt);
    TTF_Quit();
    SDL_Quit();
    return bench_state_remove() ? 0 : 1;
}
