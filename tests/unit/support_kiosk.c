#include "support_kiosk.h"

#include <SDL_ttf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

void support_config(kiosk_config_t *cfg)
{
    config_defaults(cfg);
    const char *src = getenv("KIOSK_SOURCE_DIR");
    snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s", src ? src : KIOSK_SOURCE_DIR);
    char tmpl[] = "/tmp/kiosk-test-XXXXXX";
    const char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    snprintf(cfg->state_dir, sizeof cfg->state_dir, "%s", dir);
}

void support_runtime_open(runtime_t *rt, int w, int h)
{
    kiosk_config_t cfg;
    char err[512] = "";
    support_config(&cfg);
    assert_int_equal(SDL_Init(0), 0);
    assert_int_equal(TTF_Init(), 0);
    if (!runtime_init(rt, &cfg, err, sizeof err)) {
        fail_msg("runtime_init: %s", err);
    }
    if (!runtime_open_headless(rt, w, h, err, sizeof err)) {
        fail_msg("runtime_open_headless: %s", err);
    }
    runtime_frame(rt);
}

void support_runtime_close(runtime_t *rt)
{
    runtime_deinit(rt);
    TTF_Quit();
    SDL_Quit();
}

void support_go(runtime_t *rt, const char *screen, const char *lang)
{
    snprintf(rt->app.session.lang, sizeof rt->app.session.lang, "%s", lang);
    app_go(&rt->app, screen);
    app_apply(&rt->app);
}

void *support_copy_pixels(const SDL_Surface *s)
{
    size_t n = (size_t)s->pitch * (size_t)s->h;
    void *p = malloc(n);
    assert_non_null(p);
    memcpy(p, s->pixels, n);
    return p;
}

void support_tap(runtime_t *rt, const char *id)
{
    const ui_widget_t *w = ui_find(&rt->ui, id);
    if (!w) {
        fail_msg("widget '%s' is not on screen '%s'", id, app_screen_id(&rt->app));
    }
    int x = w->rect.x + w->rect.w / 2, y = w->rect.y + w->rect.h / 2;
    app_input(&rt->app);
    ui_pointer_down(&rt->ui, x, y);
    runtime_frame(rt);
    ui_pointer_up(&rt->ui, x, y);
    runtime_frame(rt);
}
