#include "app/app.h"

#include "platform/log.h"
#include "text/text.h"

#include <string.h>

static uint64_t idle_ms(const app_t *app)
{
    return (uint64_t)app->cfg->idle_s * 1000u;
}

static uint64_t warning_ms(const app_t *app)
{
    int s = app->cfg->warning_s < SESSION_WARNING_MIN_S ? SESSION_WARNING_MIN_S
                                                        : app->cfg->warning_s;
    return (uint64_t)s * 1000u;
}

static bool outside_session(const app_t *app)
{
    return app->screen->flags & SCREEN_OUTSIDE_SESSION;
}

static void app_show(app_t *app, const screen_def_t *s)
{
    if (app->screen && app->screen->leave) {
        app->screen->leave(app);
    }
    app->screen = s;
    app->next = NULL;
    app->screen_since_ms = app->now_ms;
    app->attract_slot = 0;
    app->warning = false;
    app->dirty = true;
    if (s->enter) {
        s->enter(app);
    }
}

void app_init(app_t *app, const kiosk_config_t *cfg, const lang_registry_t *langs,
              const i18n_t *i18n, uint64_t now_ms)
{
    memset(app, 0, sizeof *app);
    app->cfg = cfg;
    app->langs = langs;
    app->i18n = i18n;
    app->now_ms = now_ms;
    app->last_input_ms = now_ms;
    session_wipe(&app->session, cfg->default_language);
    app_show(app, screens_find("attract"));
}

void app_set_clock(app_t *app, uint64_t now_ms)
{
    if (app->reports_retry_ms) { /* a retry keeps its distance on the new clock */
        uint64_t left = app->reports_retry_ms > app->now_ms ? app->reports_retry_ms - app->now_ms : 0;
        app->reports_retry_ms = now_ms + left;
        app->reports_retry_ms += app->reports_retry_ms == 0; /* 0 means "not waiting" */
    }
    app->now_ms = app->last_input_ms = app->screen_since_ms = now_ms;
}

static void app_wipe(app_t *app)
{
    session_wipe(&app->session, app->cfg->default_language);
    app->print_requested = false;
    app->print_state = APP_PRINT_NONE;
    app->wipes++;
}

void app_deinit(app_t *app)
{
    session_wipe(&app->session, "");
}

bool app_go(app_t *app, const char *id)
{
    const screen_def_t *s = screens_find(id);
    if (!s) {
        log_error("no screen '%s'", id);
        return false;
    }
    app->next = s;
    app->dirty = true;
    return true;
}

bool app_apply(app_t *app)
{
    if (!app->next) {
        return false;
    }
    app_show(app, app->next);
    return true;
}

void app_input(app_t *app)
{
    /* While "Are you still there?" shows, only its own buttons answer it: a touch that
     * dismissed it would land on whatever is under the finger once it is gone. */
    if (!app->warning) {
        app->last_input_ms = app->now_ms;
    }
}

void app_continue(app_t *app)
{
    app->warning = false;
    app->last_input_ms = app->now_ms;
    app->dirty = true;
}

void app_quick_exit(app_t *app)
{
    /* Wipe now; the cover replaces the screen as soon as the current frame ends. */
    app_wipe(app);
    app->next = screens_find("cover");
    app->dirty = true;
    app->last_input_ms = app->now_ms;
}

void app_end_session(app_t *app)
{
    app_wipe(app);
    app_show(app, screens_find("attract"));
}

#define APP_PRINT_POLL_MS 100

uint64_t app_next_deadline(const app_t *app)
{
    if (app->print_state == APP_PRINT_PRINTING) {
        return app->now_ms + APP_PRINT_POLL_MS; /* look at the printer again soon */
    }
    if (app->screen == screens_find("attract")) {
        uint64_t since = app->now_ms - app->screen_since_ms;
        return app->now_ms + (APP_ATTRACT_ROTATE_MS - since % APP_ATTRACT_ROTATE_MS);
    }
    if (app->warning) {
        /* Redraw each second for the countdown; the last one wipes. */
        uint64_t end = app->warning_since_ms + warning_ms(app);
        uint64_t next_second = app->now_ms + 1000 - (app->now_ms - app->warning_since_ms) % 1000;
        return next_second < end ? next_second : end;
    }
    uint64_t idle_end = app->last_input_ms + idle_ms(app);
    if (app->screen == screens_find("admin.pin") && app->pin_guard.next_try_ms > app->now_ms &&
        app->pin_guard.next_try_ms < idle_end) {
        return app->pin_guard.next_try_ms; /* the PIN screen enables OK again then */
    }
    if (app->reports_retry_ms && app->reports_retry_ms < idle_end) {
        return app->reports_retry_ms; /* reporting may come back (app/reporting.h) */
    }
    return idle_end;
}

void app_tick(app_t *app, uint64_t now_ms)
{
    app->now_ms = now_ms;
    if (app->print_state == APP_PRINT_PRINTING) {
        app->dirty = true; /* the runtime polls the job on the next frame */
    }
    if (app->screen == screens_find("attract")) {
        unsigned slot = (unsigned)((now_ms - app->screen_since_ms) / APP_ATTRACT_ROTATE_MS);
        if (slot != app->attract_slot) {
            app->attract_slot = slot;
            app->dirty = true;
        }
        return;
    }
    if (app->pin_guard.next_try_ms > 0 && now_ms >= app->pin_guard.next_try_ms &&
        app->screen == screens_find("admin.pin")) {
        app->dirty = true; /* the wait is over: OK is enabled again */
    }
    if (app->warning) {
        app->dirty = true;
        if (now_ms >= app->warning_since_ms + warning_ms(app)) {
            log_info("session timed out: wiped");
            app_end_session(app);
        }
        return;
    }
    if (now_ms < app->last_input_ms + idle_ms(app)) {
        return;
    }
    if (outside_session(app)) {
        app_end_session(app); /* cover -> attract */
    } else {
        app->warning = true;
        app->warning_since_ms = now_ms;
        app->dirty = true;
    }
}

const char *app_screen_id(const app_t *app)
{
    return app->warning ? "timeout" : app->session.access_open ? "access" : app->screen->id;
}

int app_warning_seconds_left(const app_t *app)
{
    if (!app->warning) {
        return 0;
    }
    uint64_t end = app->warning_since_ms + warning_ms(app);
    return app->now_ms >= end ? 0 : (int)((end - app->now_ms + 999) / 1000);
}

const char *app_lang(const app_t *app)
{
    return app->session.lang;
}

bool app_rtl(const app_t *app)
{
    const lang_info_t *l = lang_registry_find(app->langs, app->session.lang);
    return l && l->rtl;
}

const char *app_text(const app_t *app, const char *key)
{
    return i18n_text(app->i18n, app->session.lang, key);
}

const char *app_text_count(const app_t *app, const char *key, long n)
{
    return i18n_text_count(app->i18n, app->session.lang, key, n);
}

const char *app_service_name(const app_t *app, const service_t *sv)
{
    return sv->name_key[0] ? app_text(app, sv->name_key) : sv->name;
}

const char *app_service_hours(const app_t *app, const service_t *sv, char *out, size_t size)
{
    if (sv->hours_key[0]) {
        return app_text(app, sv->hours_key);
    }
    out[0] = '\0';
    if (sv->hours[0]) {
        char isolated[sizeof sv->hours + 8];
        text_isolate(sv->hours, true, isolated, sizeof isolated); /* English data */
        const char *names[] = {"hours"};
        const char *values[] = {isolated};
        i18n_format(app_text(app, "support.hours"), names, values, 1, out, size);
    }
    return out;
}
