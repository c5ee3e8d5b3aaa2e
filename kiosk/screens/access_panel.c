#include "screens/access_panel.h"

#include "app/keymap.h"
#include "screens/chrome.h"
#include "speech/speech.h"

#include <stdio.h>
#include <string.h>

#define ACCESS_BUTTON_MIN_W 240 /* the bar button, in theme units */
#define ACCESS_BOX_W 1400       /* the panel at most, in theme units */
#define ACCESS_SPEECH_STEPS (SPEECH_STEP_MAX - SPEECH_STEP_MIN + 1)
#define ACCESS_ROW_MAX 4        /* choices side by side in one row */

/* Screens where the control is not offered: before a visit starts and after Quick exit
 * (attract and cover are neutral), and the staff screens, which are in English and hold
 * nothing of the person's. */
static bool access_offered(const app_t *app)
{
    static const char *const STAFF_PREFIXES[] = {"admin", "staff"};
    if (app->screen->flags & SCREEN_OUTSIDE_SESSION) {
        return false;
    }
    for (size_t i = 0; i < sizeof STAFF_PREFIXES / sizeof STAFF_PREFIXES[0]; i++) {
        if (strncmp(app->screen->id, STAFF_PREFIXES[i], strlen(STAFF_PREFIXES[i])) == 0) {
            return false;
        }
    }
    return true;
}

int access_control(app_t *app, ui_t *ui, SDL_Rect exit)
{
    if (!access_offered(app)) {
        return exit.h;
    }
    const theme_t *t = &ui->theme;
    const char *label = app_text(app, "a11y.open");
    int gap = theme_px(t, THEME_GAP / 2);
    /* the bar's start button (Back, Privacy) is at most 2/5 of the bar wide (chrome.c):
     * this one takes what is left between it and Quick exit, never reaching over it */
    int inset = theme_px(t, THEME_MARGIN / 2);
    int bar_w = ui->w - 2 * inset;
    int room = exit.x - gap - (inset + bar_w * 2 / 5 + gap);
    int min_w = theme_px(t, THEME_TARGET_MIN);
    int w = ui_button_width(ui, label, theme_px(t, ACCESS_BUTTON_MIN_W), room);
    w = w > min_w ? w : min_w;
    int h = ui_button_height(ui, label, w, exit.h);
    SDL_Rect r = {exit.x - gap - w, exit.y, w, h};
    if (ui_button(ui, ACCESS_OPEN_ID, label, r, UI_BUTTON_SECONDARY, true)) {
        app->session.access_open = true;
    }
    return h > exit.h ? h : exit.h;
}

/* A section's heading; returns its height with the gap under it. */
static int heading(ui_t *ui, const char *id, const char *text, SDL_Rect at)
{
    ui_text_opts_t o = ui_body(ui);
    o.bold = true;
    return ui_text(ui, id, text, at, &o) + theme_px(&ui->theme, THEME_GAP / 2);
}

/* The height of a row of n choices side by side in width w. */
static int row_height(ui_t *ui, const char *const *labels, int n, int w, int gap)
{
    int cell_w = (w - gap * (n - 1)) / n;
    int h = theme_px(&ui->theme, THEME_TARGET_MIN);
    for (int i = 0; i < n; i++) {
        h = ui_choice_height(ui, labels[i], cell_w, h);
    }
    return h;
}

/* Text size: Normal, Large, Largest, one of them ticked. */
static int text_size_row(app_t *app, ui_t *ui, SDL_Rect at)
{
    static const char *const KEYS[THEME_TEXT_SIZES] = {
        "home.text_size.normal", "home.text_size.large", "home.text_size.largest"};
    static const char *const IDS[THEME_TEXT_SIZES] = {
        "access.text_size.normal", "access.text_size.large", "access.text_size.largest"};
    int gap = theme_px(&ui->theme, THEME_GAP / 2);
    int y = at.y + heading(ui, "access.text_size", app_text(app, "home.text_size"), at);
    const char *labels[THEME_TEXT_SIZES];
    for (int i = 0; i < THEME_TEXT_SIZES; i++) {
        labels[i] = app_text(app, KEYS[i]);
    }
    int h = row_height(ui, labels, THEME_TEXT_SIZES, at.w, gap);
    SDL_Rect row = {at.x, y, at.w, h};
    for (int i = 0; i < THEME_TEXT_SIZES; i++) {
        if (ui_choice(ui, IDS[i], labels[i], ui_grid_cell(ui, row, THEME_TEXT_SIZES, 1, i, gap),
                      (int)app->session.text_size == i, false)) {
            app->session.text_size = (theme_text_size_t)i;
        }
    }
    return y + h - at.y;
}

/* High contrast and read-aloud: two toggles side by side. */
static int toggles_row(app_t *app, ui_t *ui, SDL_Rect at)
{
    session_t *s = &app->session;
    const char *labels[2] = {app_text(app, "home.contrast"), app_text(app, "home.speech")};
    int gap = theme_px(&ui->theme, THEME_GAP / 2);
    int h = row_height(ui, labels, 2, at.w, gap);
    SDL_Rect row = {at.x, at.y, at.w, h};
    if (ui_choice(ui, "access.contrast", labels[0], ui_grid_cell(ui, row, 2, 1, 0, gap),
                  s->high_contrast, true)) {
        s->high_contrast = !s->high_contrast;
    }
    if (ui_choice(ui, "access.speech", labels[1], ui_grid_cell(ui, row, 2, 1, 1, gap), s->speech,
                  true)) {
        s->speech = !s->speech;
    }
    return h;
}

/* "Volume: 4 of 7" with its two buttons under it; the buttons act as the speech keys. */
static int speech_step_row(app_t *app, ui_t *ui, SDL_Rect at, const char *name_key, int step,
                           const char *const ids[2], const int actions[2])
{
    const theme_t *t = &ui->theme;
    int gap = theme_px(t, THEME_GAP / 2);
    char n[16], total[16], where[128], line[256];
    snprintf(n, sizeof n, "%d", step - SPEECH_STEP_MIN + 1);
    snprintf(total, sizeof total, "%d", ACCESS_SPEECH_STEPS);
    const char *names[] = {"n", "total"}, *values[] = {n, total};
    i18n_format(app_text(app, "speech.position"), names, values, 2, where, sizeof where);
    snprintf(line, sizeof line, "%s: %s", app_text(app, name_key), where);
    char id[UI_ID_MAX];
    snprintf(id, sizeof id, "%s.level", name_key);
    int y = at.y + heading(ui, id, line, at);
    const char *labels[2] = {app_text(app, ids[0]), app_text(app, ids[1])};
    int h = row_height(ui, labels, 2, at.w, gap);
    SDL_Rect row = {at.x, y, at.w, h};
    for (int i = 0; i < 2; i++) {
        snprintf(id, sizeof id, "access.%s", ids[i] + strlen("speech."));
        if (ui_button(ui, id, labels[i], ui_grid_cell(ui, row, 2, 1, i, gap),
                      UI_BUTTON_SECONDARY, true)) {
            app->speech_command = actions[i];
        }
    }
    return y + h - at.y;
}

/* Read-aloud's volume and speed, while it is on. */
static int speech_rows(app_t *app, ui_t *ui, SDL_Rect at)
{
    static const char *const VOLUME[2] = {"speech.quieter", "speech.louder"};
    static const char *const SPEED[2] = {"speech.slower", "speech.faster"};
    static const int VOLUME_ACTIONS[2] = {KEY_ACTION_VOLUME_DOWN, KEY_ACTION_VOLUME_UP};
    static const int SPEED_ACTIONS[2] = {KEY_ACTION_SPEECH_SLOWER, KEY_ACTION_SPEECH_FASTER};
    const session_t *s = &app->session;
    if (!s->speech) {
        return 0;
    }
    int gap = theme_px(&ui->theme, THEME_GAP);
    int h = speech_step_row(app, ui, at, "access.volume", s->speech_volume, VOLUME,
                            VOLUME_ACTIONS) + gap;
    at.y += h;
    return h + speech_step_row(app, ui, at, "access.speed", s->speech_rate, SPEED,
                               SPEED_ACTIONS);
}

/* Every enabled language by its own name, each shaped in its own script (as on the
 * language screen); the session's is ticked. */
static int language_grid(app_t *app, ui_t *ui, SDL_Rect at)
{
    const theme_t *t = &ui->theme;
    int gap = theme_px(t, THEME_GAP / 2);
    int y = at.y + heading(ui, "access.language", app_text(app, "home.language"), at);
    int n = app->langs->count;
    int cols = ui->h > ui->w ? 2 : 3;
    int cell_w = (at.w - gap * (cols - 1)) / cols;
    int h = theme_px(t, THEME_TARGET_MIN);
    const char *saved = ui->lang;
    for (int i = 0; i < n; i++) {
        ui->lang = app->langs->langs[i].code;
        h = ui_choice_height(ui, app->langs->langs[i].endonym, cell_w, h);
    }
    int rows = (n + cols - 1) / cols;
    SDL_Rect grid = {at.x, y, at.w, rows * h + (rows - 1) * gap};
    for (int i = 0; i < n; i++) {
        const lang_info_t *l = &app->langs->langs[i];
        char id[UI_ID_MAX];
        snprintf(id, sizeof id, "access.lang.%s", l->code);
        ui->lang = l->code;
        bool tapped = ui_choice(ui, id, l->endonym, ui_grid_cell(ui, grid, cols, rows, i, gap),
                                strcmp(app->session.lang, l->code) == 0, false);
        ui->lang = saved;
        if (tapped) {
            snprintf(app->session.lang, sizeof app->session.lang, "%s", l->code);
        }
    }
    ui->lang = saved;
    return y + grid.h - at.y;
}

/* The panel's box: below Quick exit, as wide as reads well, down to the screen's foot. */
static SDL_Rect panel_box(ui_t *ui, SDL_Rect exit)
{
    const theme_t *t = &ui->theme;
    int margin = theme_px(t, THEME_MARGIN);
    int top = exit.y + exit.h + margin / 2;
    int w = theme_px(t, ACCESS_BOX_W);
    w = w < ui->w - margin ? w : ui->w - margin;
    return (SDL_Rect){(ui->w - w) / 2, top, w, ui->h - top - margin / 2};
}

void access_panel(app_t *app, ui_t *ui)
{
    if (!app->session.access_open) {
        return;
    }
    const theme_t *t = &ui->theme;
    /* what is behind is hidden, as under the timeout warning, not dimmed */
    ui_modal_begin(ui);
    ui_fill(ui, (SDL_Rect){0, 0, ui->w, ui->h}, t->colors.background);
    SDL_Rect exit = chrome_quick_exit(app, ui);
    SDL_Rect box = panel_box(ui, exit);
    ui_fill(ui, box, t->colors.surface);
    ui_frame(ui, box, theme_px(t, 6), t->colors.border);
    SDL_Rect in = ui_inset(box, theme_px(t, THEME_MARGIN / 2));
    int gap = theme_px(t, THEME_GAP);
    ui_text_opts_t title = ui_title(ui);
    ui_cut_top(&in, ui_text(ui, "title", app_text(app, "access.title"), in, &title) + gap);
    /* Close stays in sight at the foot; the settings scroll above it when they are taller */
    const char *close = app_text(app, "access.close");
    int close_h = ui_button_height(ui, close, in.w, theme_px(t, THEME_TARGET_MIN));
    SDL_Rect close_r = ui_cut_bottom(&in, close_h);
    ui_cut_bottom(&in, gap);
    SDL_Rect at = chrome_scroll_begin(ui, "access.scroll", in);
    int y0 = at.y;
    at.y += text_size_row(app, ui, at) + gap;
    at.y += toggles_row(app, ui, at) + gap;
    int speech = speech_rows(app, ui, at);
    at.y += speech ? speech + gap : 0;
    at.y += language_grid(app, ui, at);
    ui_scroll_end(ui, at.y - y0);
    if (ui_button(ui, "access.close", close, close_r, UI_BUTTON_PRIMARY, true)) {
        app->session.access_open = false;
    }
}
