#include "app/runtime.h"
#include "app/side_by_side.h"

#include "app/content_check.h"
#include "app/png_save.h"
#include "app/reporting.h"

#include "platform/log.h"
#include "platform/paths.h"
#include "screens/access_panel.h"
#include "ui/paint.h"
#include "ui/widgets.h"

#include <malloc.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNTIME_MAX_REDRAWS 4
/* deeper than any frame's call chain below runtime_frame() (text layout, shaping) */
#define RUNTIME_STACK_BURN (256 * 1024)

uint64_t runtime_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Fonts for every language of languages.ini, offered or not: a fallback (an Urdu name in an
 * English screen) must never lack its face. */
static bool load_fonts(runtime_t *rt, const lang_registry_t *all)
{
    char msg[CONFIG_ERROR_MAX];
    bool ok = true;
    for (int i = 0; i < all->count; i++) {
        const lang_info_t *l = &all->langs[i];
        text_lang_def_t def = {.code = l->code, .rtl = l->rtl, .fonts = l->fonts,
                               .bold_fonts = l->bold_fonts, .line_height = l->line_height,
                               .script = l->script};
        if (!text_engine_add_language(rt->text, &def, msg, sizeof msg)) {
            log_error("language %s: %s", l->code, msg);
            rt->content_errors++;
            ok = false;
        }
    }
    return ok;
}

/* Moves what content_load() read into the runtime; the old catalogs go to set (freed by
 * its destroy). Nothing of a frame points into them between frames. */
static void content_take(runtime_t *rt, content_set_t *set)
{
    i18n_t *old = rt->i18n;
    rt->i18n = set->i18n;
    set->i18n = old;
    rt->langs = set->langs;
    memcpy(rt->reviews, set->review, sizeof rt->reviews);
    rt->content = set->content;
    rt->app.i18n = rt->i18n;
}

static int content_error_count(const content_report_t *r)
{
    int n = 0;
    for (int i = 0; i < r->count; i++) {
        n += r->items[i].severity == CONTENT_ERROR;
    }
    return n + r->dropped;
}

/* The start-up's content checks, run after the first frame (runtime_lint_content()). */
struct runtime_lint {
    content_set_t *set; /* what content_read() read; its i18n is the runtime's */
    content_report_t report;
    int logged; /* findings of report logged already (files that could not be read) */
};

static void lint_free(runtime_t *rt)
{
    if (rt->lint) {
        rt->lint->set->i18n = NULL; /* the runtime's catalogs, not the set's */
        content_set_destroy(rt->lint->set);
        content_report_deinit(&rt->lint->report);
        free(rt->lint);
        rt->lint = NULL;
    }
}

bool runtime_reload_content(runtime_t *rt, char *err, size_t err_size)
{
    lint_free(rt); /* this reload checks and logs everything itself */
    content_set_t *set = content_set_create();
    content_report_t r;
    content_report_init(&r);
    bool ok = set && content_load(set, &rt->cfg, &r);
    if (set) {
        content_check_glyphs(set, rt->text, &r);
    }
    content_report_log(&r);
    if (!ok) {
        /* a broken file: the kiosk goes on with what it had, and says why */
        snprintf(err, err_size, "%s", !set ? "out of memory" : "a content file cannot be read");
        for (int i = 0; set && i < r.count; i++) {
            const content_finding_t *f = &r.items[i];
            if (f->kind == CONTENT_KIND_FILE) {
                snprintf(err, err_size, "%s:%d: %s", f->path, f->line, f->text);
                break;
            }
        }
        log_error("content NOT reloaded, the previous content stays: %s", err);
    } else {
        content_take(rt, set);
        rt->content_errors = content_error_count(&r);
        rt->app.content_errors = rt->content_errors;
        rt->app.dirty = true;
        log_info("content reloaded (%d languages offered, %d errors, %d warnings)",
                 rt->langs.count, r.errors, r.warnings);
    }
    content_report_deinit(&r);
    content_set_destroy(set);
    return ok;
}

/* At start-up what can be read is used (English stands in for a broken catalog); only a
 * missing English catalog or languages.ini stops the kiosk. */
static bool load_content(runtime_t *rt, char *err, size_t err_size)
{
    content_set_t *set = content_set_create();
    content_report_t r;
    content_report_init(&r);
    if (!set) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    content_read(set, &rt->cfg, &r);
    i18n_review_t en;
    i18n_review_count(set->i18n, "en", &en); /* 0 keys: no English to fall back to */
    bool usable = lang_registry_find(&set->all, "en") && en.reviewed > 0;
    struct runtime_lint *lint = usable ? calloc(1, sizeof *lint) : NULL;
    content_report_log_from(&r, 0, !lint); /* a broken file is said at once */
    if (!lint) {
        snprintf(err, err_size, "%s",
                 !usable ? (r.count ? r.items[0].text : "no English catalog") : "out of memory");
        content_report_deinit(&r);
        content_set_destroy(set);
        return false;
    }
    load_fonts(rt, &set->all);
    content_take(rt, set); /* set->i18n is NULL now: the catalogs are the runtime's */
    *lint = (struct runtime_lint){.set = set, .report = r, .logged = r.count};
    rt->lint = lint;
    return true;
}

void runtime_lint_content(runtime_t *rt)
{
    if (!rt->lint) {
        return;
    }
    content_set_t *set = rt->lint->set;
    content_report_t *r = &rt->lint->report;
    set->i18n = rt->i18n;
    content_lint(set, &rt->cfg, r);
    content_check_glyphs(set, rt->text, r);
    content_report_log_from(r, rt->lint->logged, true);
    rt->content_errors += content_error_count(r);
    rt->app.content_errors = rt->content_errors;
    lint_free(rt);
}

bool runtime_init(runtime_t *rt, const kiosk_config_t *cfg, char *err, size_t err_size)
{
    memset(rt, 0, sizeof *rt);
    rt->cfg = *cfg;
    const char *check = getenv("KIOSK_DAMAGE_CHECK");
    rt->damage_check = check && strcmp(check, "1") == 0;
    rt->text = text_engine_create(rt->cfg.font_dir, err, err_size);
    if (!rt->text || !load_content(rt, err, err_size)) {
        goto fail;
    }
    if (!lang_registry_find(&rt->langs, rt->cfg.default_language)) {
        log_warn("default language '%s' is not offered: using en", rt->cfg.default_language);
        snprintf(rt->cfg.default_language, sizeof rt->cfg.default_language, "en");
    }
    runtime_load_clips(rt); /* recorded speech where espeak-ng has no voice (Somali) */
    char msg[CONFIG_ERROR_MAX];
    if (!keymap_init(&rt->keymap, &rt->cfg, msg, sizeof msg)) {
        log_error("%s", msg); /* that key does nothing; every other key still works */
    }
    app_init(&rt->app, &rt->cfg, &rt->langs, rt->i18n, runtime_now_ms());
    rt->app.content = &rt->content;
    rt->app.reviews = rt->reviews;
    rt->app.content_errors = rt->content_errors;
    return true;
fail:
    runtime_deinit(rt);
    return false;
}

void runtime_deinit(runtime_t *rt)
{
    lint_free(rt);
    if (rt->app.screen) {
        app_deinit(&rt->app);
    }
    report_service_destroy(rt->reports);
    runtime_print_forget(rt);
    speech_destroy(rt->speech);
    speech_destroy(rt->clips);
    icons_destroy(rt->icons); /* its textures before the renderer */
    ui_deinit(&rt->ui);
    text_engine_destroy(rt->text);
    rt->text = NULL;
    if (rt->picture) {
        SDL_DestroyTexture(rt->picture);
    }
    if (rt->renderer) {
        SDL_DestroyRenderer(rt->renderer);
    }
    if (rt->window) {
        SDL_DestroyWindow(rt->window);
    }
    SDL_FreeSurface(rt->surface);
    i18n_destroy(rt->i18n);
    memset(rt, 0, sizeof *rt);
}

static bool attach_renderer(runtime_t *rt, char *err, size_t err_size)
{
    text_engine_set_renderer(rt->text, rt->renderer);
    if (!ui_init(&rt->ui, rt->renderer, rt->text)) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    char dir[CONFIG_PATH_MAX + 64];
    config_data_path(&rt->cfg, "assets/icons", dir, sizeof dir);
    rt->icons = icons_create(rt->renderer, dir); /* NULL (no memory): words only */
    rt->ui.icons = rt->icons;
    return true;
}

bool runtime_open_headless(runtime_t *rt, int w, int h, char *err, size_t err_size)
{
    return runtime_open_headless_scaled(rt, w, h, 1, err, err_size);
}

/* A software renderer on a surface of w / divisor x rows / divisor pixels, laid out at
 * w x h (rows < h: a band of the frame, drawn through a viewport as tall as the frame). */
static bool open_surface(runtime_t *rt, int w, int h, int divisor, int rows, char *err,
                         size_t err_size)
{
    divisor = divisor < 1 ? 1 : divisor;
    int sw = (w + divisor - 1) / divisor, sh = (rows + divisor - 1) / divisor;
    rt->surface = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 32, SDL_PIXELFORMAT_ARGB8888);
    rt->renderer = rt->surface ? SDL_CreateSoftwareRenderer(rt->surface) : NULL;
    if (!rt->renderer ||
        (divisor > 1 &&
         SDL_RenderSetScale(rt->renderer, 1.0f / (float)divisor, 1.0f / (float)divisor) != 0) ||
        (rows < h && SDL_RenderSetViewport(rt->renderer, &(SDL_Rect){0, 0, w, h}) != 0)) {
        snprintf(err, err_size, "software renderer: %s", SDL_GetError());
        return false;
    }
    rt->w = w;
    rt->h = h;
    rt->band_rows = rows < h ? rows : 0;
    return attach_renderer(rt, err, err_size);
}

bool runtime_open_headless_scaled(runtime_t *rt, int w, int h, int divisor, char *err,
                                  size_t err_size)
{
    return open_surface(rt, w, h, divisor, h, err, err_size);
}

bool runtime_open_headless_banded(runtime_t *rt, int w, int h, int band_rows, char *err,
                                  size_t err_size)
{
    int rows = band_rows < 1 || band_rows > h ? h : band_rows;
    return open_surface(rt, w, h, 1, rows, err, err_size);
}

bool runtime_fit_output(runtime_t *rt, char *err, size_t err_size)
{
    int rotation = rt->cfg.rotation;
    SDL_GetRendererOutputSize(rt->renderer, &rt->out_w, &rt->out_h);
    bool turned = rotation == 90 || rotation == 270;
    int w = turned ? rt->out_h : rt->out_w, h = turned ? rt->out_w : rt->out_h;
    if (rt->picture) {
        SDL_DestroyTexture(rt->picture);
        rt->picture = NULL;
    }
    rt->w = w;
    rt->h = h;
    if (rotation == 0) {
        return true;
    }
    rt->picture = SDL_CreateTexture(rt->renderer, SDL_PIXELFORMAT_ARGB8888,
                                    SDL_TEXTUREACCESS_TARGET, w, h);
    if (!rt->picture) {
        snprintf(err, err_size, "[display] rotation = %d: %s", rotation, SDL_GetError());
        return false;
    }
    return true;
}

bool runtime_open_window(runtime_t *rt, bool windowed, int w, int h, char *err, size_t err_size)
{
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI |
                   (windowed ? SDL_WINDOW_RESIZABLE : SDL_WINDOW_FULLSCREEN_DESKTOP);
    SDL_DisplayMode mode;
    if (!windowed && SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.w > 0 && mode.h > 0) {
        /* the output's own size from the first frame: nothing cut, nothing offset */
        w = mode.w;
        h = mode.h;
    }
    rt->window = SDL_CreateWindow("Report & Support", SDL_WINDOWPOS_CENTERED,
                                  SDL_WINDOWPOS_CENTERED, w, h, flags);
    bool accelerated = strcmp(rt->cfg.renderer, "accelerated") == 0;
    if (!accelerated) {
        /* the window's own framebuffer (X11 shared memory), not a GL texture standing in */
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    rt->renderer = rt->window ? SDL_CreateRenderer(rt->window, -1,
                                                   accelerated ? SDL_RENDERER_ACCELERATED
                                                               : SDL_RENDERER_SOFTWARE)
                              : NULL;
    if (!rt->renderer) {
        snprintf(err, err_size, "window: %s", SDL_GetError());
        return false;
    }
    if (!runtime_fit_output(rt, err, err_size)) {
        return false;
    }
    if (!windowed) {
        SDL_ShowCursor(SDL_DISABLE);
    }
    display_hours_parse(rt->cfg.off_hours, &rt->off_hours);
    return attach_renderer(rt, err, err_size);
}

/* Overwrites the stack below the caller with zeros: screens format typed text into local
 * buffers, and their bytes stay in the dead part of the stack until something else
 * happens to reuse it. noinline, so the array lives below every caller's frame. */
__attribute__((noinline)) static void runtime_burn_stack(void)
{
    volatile unsigned char scratch[RUNTIME_STACK_BURN];
    sodium_memzero((void *)scratch, sizeof scratch);
    __asm__ volatile("" : : "r"(scratch) : "memory"); /* keep the zeroing */
}

void runtime_wipe(runtime_t *rt)
{
    session_wipe(&rt->app.session, rt->cfg.default_language); /* app_wipe() did; cheap */
    ui_wipe(&rt->ui);                /* typed keys, both frame records, the last tapped label */
    text_engine_forget(rt->text);    /* laid out and rendered words of the session */
    runtime_print_forget(rt);        /* the slip (reference, services) */
    runtime_speech_release(rt);      /* drops queued text (zeroed), closes the sound card; never finish reading out the last person's screen */
    sodium_memzero(rt->spoken_screen, sizeof rt->spoken_screen);
    speech_set_params(rt->speech, 0, 0); /* the next person hears the default volume, speed */
    speech_set_params(rt->clips, 0, 0);
    focus_clear(&rt->focus);         /* the next person starts by touch, ring hidden */
    rt->spoken_focus_moves = 0;
    runtime_burn_stack();
    /* what the visit's caches held goes back to the system, not only to malloc: after a visit
     * in every language the heap kept 4 MiB of freed pages resident (tests/bench/windowed.sh) */
    malloc_trim(0);
    rt->ui_wipes = rt->app.wipes;
}

void runtime_blank(runtime_t *rt)
{
    paint_forget(rt->ui.paint); /* the picture is drawn whole when the screen wakes */
    SDL_SetRenderTarget(rt->renderer, NULL);
    SDL_SetRenderDrawColor(rt->renderer, 0, 0, 0, 255);
    SDL_RenderClear(rt->renderer);
    SDL_RenderPresent(rt->renderer);
}

/* The picture, turned onto the output (only when [display] rotation is not 0). */
static void present_turned(runtime_t *rt)
{
    SDL_SetRenderTarget(rt->renderer, NULL);
    SDL_SetRenderDrawColor(rt->renderer, 0, 0, 0, 255);
    SDL_RenderClear(rt->renderer);
    SDL_Rect dst = {(rt->out_w - rt->w) / 2, (rt->out_h - rt->h) / 2, rt->w, rt->h};
    SDL_RenderCopyEx(rt->renderer, rt->picture, NULL, &dst, rt->cfg.rotation, NULL,
                     SDL_FLIP_NONE);
}

/* The admin screen's Reload content, or SIGHUP: between frames, so nothing drawn points
 * at the catalogs being replaced. */
static void runtime_reload_if_asked(runtime_t *rt)
{
    if (!rt->app.reload_requested) {
        return;
    }
    char err[CONFIG_ERROR_MAX];
    bool ok = runtime_reload_content(rt, err, sizeof err);
    /* the admin line shows the start of the reason; the log has all of it */
    snprintf(rt->app.reload_result, sizeof rt->app.reload_result, "%.200s", ok ? "done" : err);
    rt->app.reload_requested = false;
}

/* What the last drawing asked for, done before the next one. */
static void before_drawing(runtime_t *rt)
{
    runtime_reload_if_asked(rt);
    /* a wipe (Quick exit, Finish, timeout) in the last drawing: forget it before the next */
    if (rt->app.wipes != rt->ui_wipes) {
        runtime_wipe(rt);
    }
    runtime_print_update(rt); /* a Print tapped in the last drawing starts now */
}

/* One drawing of the app as it is now. */
static void draw_app(runtime_t *rt)
{
    app_t *app = &rt->app;
    /* only a screen's first frame defers (its later ones draw what the first left out) */
    rt->ui.defer_far = rt->defer_far && app->screen != rt->whole_screen;
    /* a new screen's first drawing lays it out without pixels: its scroll views place
     * their cues and edges from its records, so it is drawn again before anyone sees it,
     * and it was a whole repaint for nothing (draw_settled() always draws after it) */
    rt->first_dry = app->screen != rt->dry_screen && !rt->ui.whole_scrolls && !rt->dry_passes;
    rt->ui.dry = rt->first_dry || rt->dry_passes;
    rt->dry_screen = app->screen;
    theme_init(&rt->ui.theme, rt->w, rt->h, app->session.high_contrast, app->session.text_size);
    theme_fit_screen(&rt->ui.theme, rt->w, rt->h, rt->cfg.screen_diagonal_in);
    ui_begin_frame(&rt->ui, rt->w, rt->h, app_lang(app), app_rtl(app));
    side_by_side_attach(app, &rt->ui); /* English beside the language, when it is on */
    app->speech_unavailable = app->session.speech && !runtime_can_speak(rt);
    app->screen->frame(app, &rt->ui);
    access_panel(app, &rt->ui); /* the Accessibility panel, when open, over the screen */
    if (app->warning) {
        screens_timeout_overlay(app, &rt->ui);
    }
    focus_draw(&rt->focus, &rt->ui); /* above everything, overlays too */
    ui_end_frame(&rt->ui);
}

static void draw_once(runtime_t *rt)
{
    before_drawing(rt);
    draw_app(rt);
}

/* The surface the software renderer draws this frame on, for the text engine and the
 * painter to draw into (NULL: the renderer draws everything). A window's surface is asked
 * for each frame: SDL makes it anew when the window is resized. */
static SDL_Surface *drawing_surface(runtime_t *rt)
{
    SDL_RendererInfo info;
    if (rt->picture || SDL_GetRendererInfo(rt->renderer, &info) != 0 ||
        !(info.flags & SDL_RENDERER_SOFTWARE)) {
        return NULL; /* a texture turned onto the output, or a GPU's */
    }
    return rt->surface ? rt->surface : rt->window ? SDL_GetWindowSurface(rt->window) : NULL;
}

/* Every drawing of one frame up to what the person is shown: the navigation it asked for,
 * the focus ring put on the new screen, the speech buttons. */
static void draw_settled(runtime_t *rt)
{
    if (rt->picture) {
        SDL_SetRenderTarget(rt->renderer, rt->picture);
    }
    SDL_Surface *surface = drawing_surface(rt); /* text and fills drawn into it directly */
    text_engine_set_target(rt->text, surface);
    paint_set_target(rt->ui.paint, surface);
    for (int i = 0; i < RUNTIME_MAX_REDRAWS; i++) {
        rt->app.dirty = false;
        draw_once(rt);
        bool acted = rt->ui.acted || rt->ui.typed[0] || rt->ui.backspaces || rt->ui.caret_moves ||
                     rt->app.dirty || rt->first_dry;
        if (!app_apply(&rt->app)) {
            if (!acted) {
                break;
            }
            /* a tap changed an answer, or keys reach their field: draw what it changed
             * (Next enabled, text shown) before anyone looks at the screen */
            continue;
        }
        ui_pointer_cancel(&rt->ui); /* a finger on the old screen presses nothing new */
        rt->ui.focus[0] = '\0';    /* a new screen starts with no field focused */
    }
    /* a new screen (or an overlay) puts the focus on its first answer or action; once keys
     * are in use, draw again so the ring is on it before anyone looks */
    if (focus_follow_screen(&rt->focus, &rt->ui, app_screen_id(&rt->app)) && rt->focus.shown) {
        draw_once(rt);
    }
    /* the focus went to an answer on another page of its list: turn to it */
    for (int i = 0; i < UI_PAGES_MAX && focus_keep_in_sight(&rt->focus, &rt->ui); i++) {
        draw_once(rt);
    }
    if (rt->app.speech_command) { /* an on-screen speech button, as its key */
        runtime_speech_stop(rt);
        runtime_speech_action(rt, (key_action_t)rt->app.speech_command);
        rt->app.speech_command = 0;
        rt->ui.tapped_text[0] = '\0'; /* not "Stop" read out: what it does is heard */
        draw_once(rt); /* the Accessibility panel shows the new volume or speed */
    }
    if (rt->first_dry) { /* the redraws ran out on a new screen's dry drawing: its pixels */
        draw_once(rt);
    }
}

/* The settled frame's pixels where they differ from what the surface shows (dry_passes):
 * none when nothing does. A drawing can change what it shows as it starts (a Print tapped
 * in the last one starts printing): the tiles it then changed outside its limit are drawn
 * by the next. */
static void draw_changes(runtime_t *rt)
{
    SDL_Rect changed;
    rt->drawn = false;
    for (int i = 0; i < RUNTIME_MAX_REDRAWS && paint_changed(rt->ui.paint, &changed); i++) {
        paint_limit(rt->ui.paint, &changed);
        draw_once(rt);
        rt->drawn = true;
    }
}

/* KIOSK_DAMAGE_CHECK: the frame drawn where it changed, against the same frame drawn whole
 * on a surface that held something else. A tile left showing an old picture (a drawing not
 * noted, ui/damage.h) stops the kiosk: tests run with it. */
static void damage_check(runtime_t *rt, SDL_Surface *surface)
{
    SDL_Surface *was = SDL_DuplicateSurface(surface);
    if (!was) {
        return;
    }
    SDL_FillRect(surface, NULL, SDL_MapRGB(surface->format, 255, 0, 255));
    paint_forget(rt->ui.paint);
    draw_app(rt); /* the same app: a print finishing now is the next frame's */
    for (int y = 0; y < surface->h; y++) {
        const Uint8 *a = (const Uint8 *)was->pixels + (ptrdiff_t)y * was->pitch;
        const Uint8 *b = (const Uint8 *)surface->pixels + (ptrdiff_t)y * surface->pitch;
        if (memcmp(a, b, (size_t)surface->w * 4) == 0) {
            continue; /* a row at once: the pixel is looked for only where one differs */
        }
        for (int x = 0; x < surface->w; x++) {
            if (memcmp(a + 4 * x, b + 4 * x, 4) != 0) {
                log_error("KIOSK_DAMAGE_CHECK: %s drawn where it changed differs from it "
                          "drawn whole at (%d, %d)",
                          app_screen_id(&rt->app), x, y);
                abort();
            }
        }
    }
    SDL_FreeSurface(was);
    rt->drawn = true;
}

/* A frame: drawn dry until it settles, then its changes, on a surface drawn on directly;
 * as it settles otherwise (a texture turned onto the output, a GPU's renderer, a scaled
 * or banded surface, the whole scroll views of a contact sheet). */
static void draw_frame(runtime_t *rt)
{
    SDL_Surface *surface = drawing_surface(rt);
    /* the contact sheet's whole scroll views are drawn whole */
    rt->dry_passes = paint_follows(rt->ui.paint, surface, rt->w, rt->h) && !rt->ui.whole_scrolls;
    draw_settled(rt);
    if (!rt->dry_passes) {
        rt->drawn = true;
        return;
    }
    rt->dry_passes = false;
    draw_changes(rt);
    if (rt->damage_check) {
        damage_check(rt, surface);
    }
}

/* The frame onto the output, when it wrote pixels (the same picture is not sent again). */
static void present(runtime_t *rt)
{
    if (!rt->drawn) {
        return;
    }
    if (rt->picture) {
        present_turned(rt);
    }
    SDL_RenderPresent(rt->renderer);
}

void runtime_frame_shown(runtime_t *rt)
{
    rt->defer_far = true; /* a new screen's far rows may wait for runtime_frame_finish() */
    draw_frame(rt);
    rt->defer_far = false;
    present(rt);
}

void runtime_frame_finish(runtime_t *rt)
{
    if (rt->ui.deferred) { /* the rows the first frame left out, now that it is seen */
        draw_frame(rt);
        present(rt);
    }
    rt->whole_screen = rt->app.screen;
    runtime_speak_update(rt); /* from the whole screen's records */
    runtime_reporting_poll(rt);
}

void runtime_frame(runtime_t *rt)
{
    runtime_frame_shown(rt);
    runtime_frame_finish(rt);
}

/* Puts the frame's row top at the surface's top: the software renderer adds the
 * viewport's offset to coordinates it has already made whole, so a band's pixels are the
 * whole frame's. The viewport ends with the band: what lies wholly below it is skipped
 * (SDL's own culling, and text/render.c's, which then rasterises no glyph there). */
static void band_select(runtime_t *rt, int top)
{
    int bottom = top + rt->band_rows < rt->h ? top + rt->band_rows : rt->h;
    SDL_RenderSetViewport(rt->renderer, &(SDL_Rect){0, -top, rt->w, bottom});
}

/* Band by band, top to bottom, each drawn by draw from the start; no file when the first
 * drawing fails. */
static bool save_bands(runtime_t *rt, const char *path, runtime_draw_fn draw, void *ctx,
                       char *err, size_t err_size)
{
    png_stream_t *ps = NULL;
    bool ok = true;
    for (int top = 0; ok && top < rt->h; top += rt->band_rows) {
        band_select(rt, top);
        if (!draw(rt, ctx)) {
            snprintf(err, err_size, "%s: the frame could not be drawn", path);
            ok = false;
            break;
        }
        SDL_RenderFlush(rt->renderer);
        if (!ps && !(ps = png_stream_create(path, rt->w, rt->h, err, err_size))) {
            ok = false;
            break;
        }
        int rows = rt->h - top < rt->band_rows ? rt->h - top : rt->band_rows;
        ok = png_stream_write(ps, rt->surface, rows, err, err_size);
    }
    ok = ok && png_stream_finish(ps, err, err_size);
    png_stream_destroy(ps);
    band_select(rt, 0); /* frames drawn after this show the top band */
    return ok;
}

bool runtime_save_drawn_png(runtime_t *rt, const char *path, runtime_draw_fn draw, void *ctx,
                            char *err, size_t err_size)
{
    if (!rt->surface) {
        snprintf(err, err_size, "screenshots need the headless renderer");
        return false;
    }
    if (rt->band_rows > 0) {
        return save_bands(rt, path, draw, ctx, err, err_size);
    }
    if (!draw(rt, ctx)) {
        snprintf(err, err_size, "%s: the frame could not be drawn", path);
        return false;
    }
    return png_save_rgb(rt->surface, path, err, err_size);
}

bool runtime_save_png(runtime_t *rt, const char *path, char *err, size_t err_size)
{
    if (!rt->surface) {
        snprintf(err, err_size, "screenshots need the headless renderer");
        return false;
    }
    if (rt->band_rows > 0) {
        /* its surface holds one band: the others can only come from drawing again */
        snprintf(err, err_size, "%s: a banded frame is saved by runtime_save_drawn_png()", path);
        return false;
    }
    return png_save_rgb(rt->surface, path, err, err_size);
}
