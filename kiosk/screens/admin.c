/* admin: for estates staff, behind a hidden gesture (five taps in the top corner of the
 * attract screen within a few seconds) and a PIN checked against the Argon2id hash in
 * [admin] pin_hash. Shows the outbox, delivery, printer and content status; test print;
 * close the kiosk. Without a pin_hash the gesture does nothing. */
#include "i18n/review.h"
#include "print/print.h"
#include "screens/screens_internal.h"
#include "screens/wizard.h"
#include "ui/keyboard.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define ADMIN_PIN_MAX 16
#define ADMIN_TAPS 5
#define ADMIN_TAP_WINDOW_MS 4000
#define ADMIN_CORNER 120

void admin_corner(app_t *app, ui_t *ui)
{
    SDL_Rect corner = {0, 0, theme_px(&ui->theme, ADMIN_CORNER),
                       theme_px(&ui->theme, ADMIN_CORNER)};
    if (!ui_record(ui, "admin.corner", corner, true, "")) {
        return;
    }
    if (app->now_ms - app->admin_first_tap_ms > ADMIN_TAP_WINDOW_MS) {
        app->admin_taps = 0;
        app->admin_first_tap_ms = app->now_ms;
    }
    if (++app->admin_taps >= ADMIN_TAPS && app->cfg->admin_pin_hash[0]) {
        app->admin_taps = 0;
        app_go(app, "admin.pin");
    }
}

/* app_text(key), or english until the catalogs carry the key. */
static const char *admin_text(const app_t *app, const char *key, const char *english)
{
    const char *t = app_text(app, key);
    return strcmp(t, key) == 0 ? english : t;
}

/* "Too many wrong PINs: try again in N seconds." (the lockout says so too); measured only
 * unless draw. */
static int pin_wait_text(app_t *app, ui_t *ui, uint64_t wait_ms, SDL_Rect at, bool draw)
{
    char secs[24], line[256];
    unsigned long long seconds = (wait_ms + 999) / 1000;
    snprintf(secs, sizeof secs, "%llu", seconds);
    const char *tmpl = app_text_count(
        app, pin_guard_locked(&app->pin_guard, app->now_ms) ? "admin.pin.locked" : "admin.pin.wait",
        (long)seconds);
    const char *n[] = {"seconds"};
    const char *v[] = {secs};
    i18n_format(tmpl, n, v, 1, line, sizeof line);
    ui_text_opts_t o = ui_body(ui);
    o.bold = true;
    int h = draw ? ui_text(ui, "admin.pin.locked", line, at, &o)
                 : ui_text_height(ui, line, at.w, &o);
    return h + theme_px(&ui->theme, THEME_GAP);
}

static void pin_check(app_t *app)
{
    session_t *s = &app->session;
    bool good = crypto_pwhash_str_verify(app->cfg->admin_pin_hash, s->admin_pin,
                                         strlen(s->admin_pin)) == 0;
    sodium_memzero(s->admin_pin, sizeof s->admin_pin);
    s->admin_pin_wrong = !good;
    if (good) {
        pin_guard_succeeded(&app->pin_guard);
        app_go(app, "admin");
    } else {
        pin_guard_failed(&app->pin_guard, app->now_ms);
    }
}

/* Under the title, from the top of area: the PIN as dots (never its digits), what went
 * wrong, the wait, and Open. Measured only unless draw; returns its height. */
static int pin_body(app_t *app, ui_t *ui, SDL_Rect area, uint64_t wait_ms, bool draw)
{
    session_t *s = &app->session;
    const theme_t *t = &ui->theme;
    char dots[ADMIN_PIN_MAX * 3 + 1] = "";
    for (size_t i = 0; i < strlen(s->admin_pin) && i < ADMIN_PIN_MAX; i++) {
        strcat(dots, "\xE2\x97\x8F");
    }
    ui_text_opts_t big = ui_title(ui), body = ui_body(ui);
    int h = (draw ? ui_text(ui, "admin.pin.dots", dots, area, &big)
                  : ui_text_height(ui, dots, area.w, &big)) +
            theme_px(t, THEME_GAP);
    if (s->admin_pin_wrong) {
        const char *wrong = app_text(app, "admin.pin.wrong");
        h += draw ? ui_text(ui, "admin.pin.wrong", wrong, (SDL_Rect){area.x, area.y + h, area.w, 0},
                            &body)
                  : ui_text_height(ui, wrong, area.w, &body);
    }
    if (wait_ms > 0) {
        h += pin_wait_text(app, ui, wait_ms, (SDL_Rect){area.x, area.y + h, area.w, 0}, draw);
    }
    const char *ok_label = app_text(app, "admin.pin.ok");
    int ok_w = theme_px(t, 400);
    /* at the reading start, under the dots: the right in Urdu and Arabic */
    SDL_Rect ok = {ui_start_x(ui, area, ok_w), area.y + h + theme_px(t, THEME_GAP), ok_w,
                   ui_button_height(ui, ok_label, ok_w, theme_px(t, 110))};
    if (draw && ui_button(ui, "admin.pin.ok", ok_label, ok, UI_BUTTON_PRIMARY,
                          s->admin_pin[0] != '\0' && wait_ms == 0)) {
        pin_check(app);
    }
    return ok.y + ok.h - area.y;
}

static void pin_frame(app_t *app, ui_t *ui)
{
    session_t *s = &app->session;
    ui_focus_set(ui, "admin.pin.field"); /* the PIN takes keys from the first frame */
    SDL_Rect area = chrome_frame(app, ui, NULL, "attract");
    wizard_keyboard(app, ui, &area);
    ui_field_apply(ui, "admin.pin.field", s->admin_pin, sizeof s->admin_pin, ADMIN_PIN_MAX);
    uint64_t wait_ms = pin_guard_wait_ms(&app->pin_guard, app->now_ms);
    /* the chrome drops a typing step's title (its field has a label of its own); the PIN's
     * only label is the title, which stays wherever the keypad leaves room for it */
    const char *title = app_text(app, "admin.pin.title");
    ui_text_opts_t o = ui_title(ui);
    int title_h = ui_text_height(ui, title, area.w, &o) + 2 * theme_px(&ui->theme, THEME_GAP);
    if (title_h + pin_body(app, ui, area, wait_ms, false) <= area.h) {
        ui_text(ui, "title", title, area, &o);
        ui_cut_top(&area, title_h);
    }
    pin_body(app, ui, area, wait_ms, true);
    if (wait_ms > 0) {
        sodium_memzero(s->admin_pin, sizeof s->admin_pin); /* nothing is kept while waiting */
    }
}

static int status_line(app_t *app, ui_t *ui, const char *id, const char *key,
                       const char *const *names, const char *const *values, size_t n,
                       SDL_Rect at)
{
    char line[512];
    i18n_format(app_text(app, key), names, values, n, line, sizeof line);
    ui_text_opts_t o = ui_body(ui);
    return ui_text(ui, id, line, at, &o) + theme_px(&ui->theme, THEME_GAP);
}

/* One status line from a template that may not be in the catalogs yet (admin_text()). */
static int admin_line(app_t *app, ui_t *ui, const char *id, const char *key, const char *english,
                      const char *const *names, const char *const *values, size_t n, SDL_Rect at)
{
    char line[512];
    i18n_format(admin_text(app, key, english), names, values, n, line, sizeof line);
    ui_text_opts_t o = ui_body(ui);
    return ui_text(ui, id, line, at, &o) + theme_px(&ui->theme, THEME_GAP);
}

/* Each offered language's review state (the counts of i18n/review.h, the checker's table),
 * and the result of the last Reload content. */
static int admin_languages(app_t *app, ui_t *ui, SDL_Rect at)
{
    int y = at.y;
    for (int i = 0; i < app->langs->count; i++) {
        const lang_info_t *l = &app->langs->langs[i];
        const i18n_review_t r = app->reviews[i]; /* counted when the catalogs were read */
        char reviewed[16], draft[16], missing[16], id[UI_ID_MAX];
        snprintf(reviewed, sizeof reviewed, "%d", r.reviewed);
        snprintf(draft, sizeof draft, "%d", r.draft);
        snprintf(missing, sizeof missing, "%d", r.missing);
        snprintf(id, sizeof id, "admin.language.%s", l->code);
        const char *n[] = {"language", "reviewed", "draft", "missing"};
        const char *v[] = {l->english_name, reviewed, draft, missing};
        y += admin_line(app, ui, id, "admin.language_state",
                        "{language}: {reviewed} reviewed, {draft} drafts, {missing} missing", n,
                        v, 4, (SDL_Rect){at.x, y, at.w, 0});
    }
    if (app->reload_result[0]) {
        const char *n[] = {"result"};
        const char *v[] = {app->reload_result};
        y += admin_line(app, ui, "admin.reloaded", "admin.reloaded", "Content reload: {result}",
                        n, v, 1, (SDL_Rect){at.x, y, at.w, 0});
    }
    return y - at.y;
}

static int admin_status(app_t *app, ui_t *ui, SDL_Rect at)
{
    static const char *const PRINT_STATES[] = {"-", "printing", "printed", "failed"};
    report_service_status_t st = {0};
    if (app->reports) {
        report_service_get_status(app->reports, &st);
    }
    char queued[24], delivered[24], failures[24], errors[16];
    snprintf(queued, sizeof queued, "%lld", (long long)st.queued);
    snprintf(delivered, sizeof delivered, "%lld", (long long)st.delivered_total);
    snprintf(failures, sizeof failures, "%lld", (long long)st.failures_total);
    snprintf(errors, sizeof errors, "%d", app->content_errors);
    const char *none = app_text(app, "admin.none");
    int y = at.y;
    if (st.sample_key) {
        ui_text_opts_t warn = ui_body(ui);
        warn.bold = true;
        warn.color = ui->theme.high_contrast ? ui->theme.colors.text : ui->theme.colors.danger;
        y += ui_text(ui, "admin.sample_key", app_text(app, "admin.sample_key"),
                     (SDL_Rect){at.x, y, at.w, 0}, &warn) +
             theme_px(&ui->theme, THEME_GAP);
    }
    if (app->reporting_fault[0]) {
        ui_text_opts_t warn = ui_body(ui);
        warn.bold = true;
        warn.color = ui->theme.high_contrast ? ui->theme.colors.text : ui->theme.colors.danger;
        const char *names[] = {"reason"}, *values[] = {app->reporting_fault};
        char line[APP_FAULT_MAX + 256];
        i18n_format(app_text(app, "admin.reporting_off"), names, values, 1, line, sizeof line);
        y += ui_text(ui, "admin.reporting_off", line, (SDL_Rect){at.x, y, at.w, 0}, &warn) +
             theme_px(&ui->theme, THEME_GAP);
    }
    char unset[CONFIG_ERROR_MAX];
    if (config_unconfigured(app->cfg, unset, sizeof unset) > 0) {
        ui_text_opts_t warn = ui_body(ui);
        warn.bold = true;
        warn.color = ui->theme.high_contrast ? ui->theme.colors.text : ui->theme.colors.danger;
        char line[CONFIG_ERROR_MAX + 128];
        const char *names[] = {"keys"};
        const char *values[] = {unset};
        i18n_format(app_text(app, "admin.not_configured"), names, values, 1, line, sizeof line);
        y += ui_text(ui, "admin.not_configured", line, (SDL_Rect){at.x, y, at.w, 0}, &warn) +
             theme_px(&ui->theme, THEME_GAP);
    }
    const char *n1[] = {"queued", "delivered", "failures"};
    const char *v1[] = {queued, delivered, failures};
    y += status_line(app, ui, "admin.outbox", "admin.outbox", n1, v1, 3,
                     (SDL_Rect){at.x, y, at.w, 0});
    if (st.dead_letters > 0) { /* refused for good: staff must pass them on by hand */
        char dead[24];
        snprintf(dead, sizeof dead, "%lld", (long long)st.dead_letters);
        const char *key = "admin.dead_letters";
        const char *tmpl = admin_text(
            app, key, "Reports the receiver refused for good (kept here, never resent): {count}.");
        char line[256];
        const char *n[] = {"count"};
        const char *v[] = {dead};
        i18n_format(tmpl, n, v, 1, line, sizeof line);
        ui_text_opts_t o = ui_body(ui);
        o.bold = true;
        y += ui_text(ui, key, line, (SDL_Rect){at.x, y, at.w, 0}, &o) +
             theme_px(&ui->theme, THEME_GAP);
    }
    const char *n2[] = {"transport", "error"};
    const char *v2[] = {st.transport[0] ? st.transport : none,
                        st.last_error[0] ? st.last_error : none};
    y += status_line(app, ui, "admin.delivery", "admin.delivery", n2, v2, 2,
                     (SDL_Rect){at.x, y, at.w, 0});
    const char *n3[] = {"sink", "status"};
    const char *v3[] = {app->cfg->printer_sink, PRINT_STATES[app->print_state]};
    y += status_line(app, ui, "admin.printer", "admin.printer", n3, v3, 2,
                     (SDL_Rect){at.x, y, at.w, 0});
    const char *n4[] = {"count"};
    const char *v4[] = {errors};
    y += status_line(app, ui, "admin.content", "admin.content", n4, v4, 1,
                     (SDL_Rect){at.x, y, at.w, 0});
    y += admin_languages(app, ui, (SDL_Rect){at.x, y, at.w, 0});
    return y - at.y;
}

static void admin_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    SDL_Rect area = chrome_frame(app, ui, "admin.title", "attract");
    SDL_Rect at = chrome_scroll_begin(ui, "admin.scroll", area);
    int y = at.y + admin_status(app, ui, at);
    int bw = theme_px(t, 560) < at.w ? theme_px(t, 560) : at.w;
    int bh = ui_button_height(ui, app_text(app, "admin.test_print"), bw, theme_px(t, 110));
    SDL_Rect b = {at.x, y, bw, ui_button_height(ui, app_text(app, "admin.exit"), bw, bh)};
    if (chrome_print_button(app, ui, "admin.test_print", "admin.test_print", b)) {
        y += b.h + theme_px(t, THEME_GAP);
    }
    b.y = y;
    if (ui_button(ui, "admin.reload", admin_text(app, "admin.reload", "Reload content"), b,
                  UI_BUTTON_SECONDARY,
                  !app->reload_requested)) {
        app->reload_requested = true; /* the runtime reloads between frames */
    }
    y += b.h + theme_px(t, THEME_GAP);
    b.y = y;
    if (ui_button(ui, "admin.exit", app_text(app, "admin.exit"), b, UI_BUTTON_DANGER, true)) {
        app->quit = true; /* for maintenance; systemd starts it again */
    }
    ui_scroll_end(ui, b.y + b.h - at.y);
}

const screen_def_t SCREEN_ADMIN[] = {
    {"admin.pin", 0, NULL, pin_frame, NULL},
    {"admin", 0, NULL, admin_frame, NULL},
};
