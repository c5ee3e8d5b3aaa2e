#include "app/runtime.h"

#include "app/reporting.h"

#include "platform/log.h"
#include "platform/paths.h"
#include "ui/widgets.h"

#include <SDL_image.h>
#include <sodium.h>
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

static bool load_catalogs(runtime_t *rt, char *err, size_t err_size)
{
    char path[CONFIG_PATH_MAX + 64], msg[CONFIG_ERROR_MAX];
    config_data_path(&rt->cfg, "locales/en.po", path, sizeof path);
    if (!i18n_load(rt->i18n, "en", path, err, err_size)) {
        return false; /* without English there is nothing to fall back to */
    }
    for (int i = 0; i < rt->langs.count; i++) {
        const char *code = rt->langs.langs[i].code;
        if (strcmp(code, "en") == 0) {
            continue;
        }
        char rel[64];
        snprintf(rel, sizeof rel, "locales/%s.po", code);
        config_data_path(&rt->cfg, rel, path, sizeof path);
        if (!i18n_load(rt->i18n, code, path, msg, sizeof msg)) {
            log_error("%s (English is shown for this language)", msg);
            rt->content_errors++;
        }
    }
    return true;
}

static bool load_fonts(runtime_t *rt)
{
    char msg[CONFIG_ERROR_MAX];
    bool ok = true;
    for (int i = 0; i < rt->langs.count; i++) {
        const lang_info_t *l = &rt->langs.langs[i];
        text_lang_def_t def = {.code = l->code, .rtl = l->rtl, .fonts = l->fonts,
                               .bold_fonts = l->bold_fonts, .line_height = l->line_height};
        if (!text_engine_add_language(rt->text, &def, msg, sizeof msg)) {
            log_error("language %s: %s", l->code, msg);
            rt->content_errors++;
            ok = false;
        }
    }
    return ok;
}

static void load_content(runtime_t *rt)
{
    char path[CONFIG_PATH_MAX + 64], msg[CONFIG_ERROR_MAX];
    paths_content_file(rt->cfg.source_path, rt->cfg.data_dir, "areas.ini", path, sizeof path);
    if (!areas_load(&rt->content.areas, path, msg, sizeof msg)) {
        log_error("%s", msg);
        rt->content_errors++;
    }
    paths_content_file(rt->cfg.source_path, rt->cfg.data_dir, "services.ini", path, sizeof path);
    if (!services_load(&rt->content.services, path, msg, sizeof msg)) {
        log_error("%s", msg);
        rt->content_errors++;
    }
    config_data_path(&rt->cfg, "locales/keyboards", path, sizeof path);
    if (!keyboard_set_load(&rt->content.keyboards, path, msg, sizeof msg)) {
        log_error("%s", msg);
        rt->content_errors++;
    }
}

bool runtime_init(runtime_t *rt, const kiosk_config_t *cfg, char *err, size_t err_size)
{
    memset(rt, 0, sizeof *rt);
    rt->cfg = *cfg;
    char path[CONFIG_PATH_MAX + 64], msg[CONFIG_ERROR_MAX];
    config_data_path(&rt->cfg, "locales/languages.ini", path, sizeof path);
    if (!lang_registry_load(&rt->langs, path, msg, sizeof msg)) {
        if (!lang_registry_find(&rt->langs, "en")) {
            snprintf(err, err_size, "%s", msg);
            return false;
        }
        log_error("%s", msg);
        rt->content_errors++;
    }
    if (!lang_registry_select(&rt->langs, rt->cfg.languages, msg, sizeof msg)) {
        log_error("%s", msg);
        rt->content_errors++;
    }
    if (!lang_registry_find(&rt->langs, rt->cfg.default_language)) {
        log_warn("default language '%s' is not enabled: using en", rt->cfg.default_language);
        snprintf(rt->cfg.default_language, sizeof rt->cfg.default_language, "en");
    }
    rt->i18n = i18n_create(rt->cfg.show_unreviewed_translations);
    rt->text = text_engine_create(rt->cfg.font_dir, err, err_size);
    if (!rt->i18n || !rt->text || !load_catalogs(rt, err, err_size)) {
        goto fail;
    }
    load_fonts(rt);
    load_content(rt);
    app_init(&rt->app, &rt->cfg, &rt->langs, rt->i18n, runtime_now_ms());
    rt->app.content = &rt->content;
    rt->app.content_errors = rt->content_errors;
    return true;
fail:
    runtime_deinit(rt);
    return false;
}

void runtime_deinit(runtime_t *rt)
{
    if (rt->app.screen) {
        app_deinit(&rt->app);
    }
    report_service_destroy(rt->reports);
    runtime_print_forget(rt);
    speech_destroy(rt->speech);
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
    return true;
}

bool runtime_open_headless(runtime_t *rt, int w, int h, char *err, size_t err_size)
{
    return runtime_open_headless_scaled(rt, w, h, 1, err, err_size);
}

bool runtime_open_headless_scaled(runtime_t *rt, int w, int h, int divisor, char *err,
                                  size_t err_size)
{
    divisor = divisor < 1 ? 1 : divisor;
    int sw = (w + divisor - 1) / divisor, sh = (h + divisor - 1) / divisor;
    rt->surface = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 32, SDL_PIXELFORMAT_ARGB8888);
    rt->renderer = rt->surface ? SDL_CreateSoftwareRenderer(rt->surface) : NULL;
    if (!rt->renderer ||
        (divisor > 1 &&
         SDL_RenderSetScale(rt->renderer, 1.0f / (float)divisor, 1.0f / (float)divisor) != 0)) {
        snprintf(err, err_size, "software renderer: %s", SDL_GetError());
        return false;
    }
    rt->w = w;
    rt->h = h;
    return attach_renderer(rt, err, err_size);
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
    speech_stop(rt->speech);         /* drops queued text (zeroed); never finish reading out the last person's screen */
    sodium_memzero(rt->spoken_screen, sizeof rt->spoken_screen);
    runtime_burn_stack();
    rt->ui_wipes = rt->app.wipes;
}

void runtime_blank(runtime_t *rt)
{
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

static void draw_once(runtime_t *rt)
{
    app_t *app = &rt->app;
    /* a wipe (Quick exit, Finish, timeout) in the last drawing: forget it before the next */
    if (rt->app.wipes != rt->ui_wipes) {
        runtime_wipe(rt);
    }
    runtime_print_update(rt); /* a Print tapped in the last drawing starts now */
    theme_init(&rt->ui.theme, rt->w, rt->h, app->session.high_contrast, app->session.text_size);
    theme_fit_screen(&rt->ui.theme, rt->w, rt->h, rt->cfg.screen_diagonal_in);
    ui_begin_frame(&rt->ui, rt->w, rt->h, app_lang(app), app_rtl(app));
    app->screen->frame(app, &rt->ui);
    if (app->warning) {
        screens_timeout_overlay(app, &rt->ui);
    }
    ui_end_frame(&rt->ui);
}

void runtime_frame(runtime_t *rt)
{
    if (rt->picture) {
        SDL_SetRenderTarget(rt->renderer, rt->picture);
    }
    for (int i = 0; i < RUNTIME_MAX_REDRAWS; i++) {
        rt->app.dirty = false;
        draw_once(rt);
        bool acted = rt->ui.acted || rt->ui.typed[0] || rt->ui.backspaces || rt->ui.caret_moves ||
                     rt->app.dirty;
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
    runtime_speak_update(rt);
    runtime_reporting_poll(rt);
    if (rt->picture) {
        present_turned(rt);
    }
    SDL_RenderPresent(rt->renderer);
}

bool runtime_save_png(runtime_t *rt, const char *path, char *err, size_t err_size)
{
    if (!rt->surface) {
        snprintf(err, err_size, "screenshots need the headless renderer");
        return false;
    }
    if (IMG_SavePNG(rt->surface, path) != 0) {
        snprintf(err, err_size, "%s: %s", path, IMG_GetError());
        return false;
    }
    return true;
}
