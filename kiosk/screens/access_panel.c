#include "screens/access_panel.h"

#include "app/keymap.h"
#include "app/side_by_side.h"
#include "screens/chrome.h"
#include "speech/speech.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define ACCESS_BUTTON_MIN_W 240 /* the bar button, in theme units */
#define ACCESS_BOX_W 1700       /* the panel at most, in theme units */
#define ACCESS_SPEECH_STEPS (SPEECH_STEP_MAX - SPEECH_STEP_MIN + 1)
#define ACCESS_SCALE_MIN 0.75 /* of the normal size: still larger than the small print */
#define ACCESS_SCALE_STEP 0.05  /* the bar button's text shrinks by this to fit one line */

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

int access_control(app_t *app, ui_t *ui, SDL_Rect exit, int start_w)
{
    if (!access_offered(app)) {
        return exit.h;
    }
    const theme_t *t = &ui->theme;
    const char *label = app_text(app, "a11y.open");
    int gap = theme_px(t, THEME_GAP / 2);
    /* this one takes what is left between the bar's start button (Back, Privacy), if the
     * screen has one, and Quick exit, never reaching over either (a Tamil word broke in
     * two on a portrait done screen, which has no start button, when room was kept for
     * one anyway) */
    int inset = theme_px(t, THEME_MARGIN / 2);
    int room = exit.x - gap - (inset + (start_w > 0 ? start_w + gap : 0));
    int min_w = theme_px(t, THEME_TARGET_MIN);
    /* one word that must stay whole: where it would break in the middle ("Accessibi-lity"
     * at the larger sizes, "Acessibilidad-e" in Portuguese on a portrait screen), it is
     * drawn as large as fits on one line, down to ACCESS_SCALE_MIN of the normal size */
    theme_t chosen = ui->theme;
    while (ui->theme.text_scale > ACCESS_SCALE_MIN &&
           ui_button_width(ui, label, 0, INT_MAX) > (room > min_w ? room : min_w)) {
        ui->theme.text_scale -= ACCESS_SCALE_STEP;
        ui->theme.text_scale =
            ui->theme.text_scale > ACCESS_SCALE_MIN ? ui->theme.text_scale : ACCESS_SCALE_MIN;
    }
    int w = ui_button_width(ui, label, theme_px(t, ACCESS_BUTTON_MIN_W), room);
    w = w > min_w ? w : min_w;
    int h = ui_button_height(ui, label, w, exit.h);
    SDL_Rect r = {exit.x - gap - w, exit.y, w, h};
    if (ui_button(ui, ACCESS_OPEN_ID, label, r, UI_BUTTON_SECONDARY, true)) {
        app->session.access_open = true;
        /* a field being typed into under the panel must not take keys meant for it; what
         * it holds is kept (the report's answers), the keyboard opens again with a tap */
        ui_focus_clear(ui);
    }
    ui->theme = chosen;
    return h > exit.h ? h : exit.h;
}

/* A section's heading; returns its height with the gap under it. */
static int heading(ui_t *ui, const char *id, const char *text, SDL_Rect at)
{
    ui_text_opts_t o = ui_body(ui);
    o.bold = true;
    return ui_text(ui, id, text, at, &o) + theme_px(&ui->theme, THEME_GAP / 2);
}

/* True when no word of label would be broken in a choice of width w: each word fits on
 * a line of its own (a label may wrap between words, never inside one). */
static bool words_fit(ui_t *ui, const char *label, int w)
{
    char word[256];
    for (const char *p = label; *p;) {
        size_t n = strcspn(p, " ");
        snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), p);
        /* taller in w than on a line of its own: it was broken */
        if (n > 0 && ui_choice_height(ui, word, w, 0) > ui_choice_height(ui, word, INT_MAX / 2, 0)) {
            return false;
        }
        p += n + (p[n] == ' ');
    }
    return true;
}

/* A grid for n choices in at.w: as many columns (up to max_cols) as keep every label's
 * words whole (langs[i], when given, is the language label i is shaped in), rows as tall
 * as the tallest label needs. Returns the grid's rectangle at the top of at. */
static SDL_Rect choice_grid(ui_t *ui, const char *const *labels, const char *const *langs, int n,
                            SDL_Rect at, int max_cols, int *cols)
{
    int gap = theme_px(&ui->theme, THEME_GAP / 2);
    const char *saved = ui->lang;
    for (*cols = max_cols; *cols > 1; (*cols)--) {
        int cell_w = (at.w - gap * (*cols - 1)) / *cols;
        bool fit = true;
        for (int i = 0; i < n && fit; i++) {
            ui->lang = langs ? langs[i] : saved;
            fit = words_fit(ui, labels[i], cell_w);
        }
        ui->lang = saved;
        if (fit) {
            break;
        }
    }
    int cell_w = (at.w - gap * (*cols - 1)) / *cols;
    int h = theme_px(&ui->theme, THEME_TARGET_MIN);
    for (int i = 0; i < n; i++) {
        ui->lang = langs ? langs[i] : saved;
        h = ui_choice_height(ui, labels[i], cell_w, h);
    }
    ui->lang = saved;
    int rows = (n + *cols - 1) / *cols;
    return (SDL_Rect){at.x, at.y, at.w, rows * h + (rows - 1) * gap};
}

/* Cell i of a grid from choice_grid(). */
static SDL_Rect grid_cell(const ui_t *ui, SDL_Rect grid, int n, int cols, int i)
{
    return ui_grid_cell(ui, grid, cols, (n + cols - 1) / cols, i,
                        theme_px(&ui->theme, THEME_GAP / 2));
}

/* Text size: Normal, Large, Largest, one of them ticked. */
static int text_size_row(app_t *app, ui_t *ui, SDL_Rect at)
{
    static const char *const KEYS[THEME_TEXT_SIZES] = {
        "home.text_size.normal", "home.text_size.large", "home.text_size.largest"};
    static const char *const IDS[THEME_TEXT_SIZES] = {
        "access.text_size.normal", "access.text_size.large", "access.text_size.largest"};
    SDL_Rect r = at;
    r.y += heading(ui, "access.text_size", app_text(app, "home.text_size"), at);
    const char *labels[THEME_TEXT_SIZES];
    for (int i = 0; i < THEME_TEXT_SIZES; i++) {
        labels[i] = app_text(app, KEYS[i]);
    }
    int cols;
    SDL_Rect grid = choice_grid(ui, labels, NULL, THEME_TEXT_SIZES, r, THEME_TEXT_SIZES, &cols);
    for (int i = 0; i < THEME_TEXT_SIZES; i++) {
        if (ui_choice(ui, IDS[i], labels[i], grid_cell(ui, grid, THEME_TEXT_SIZES, cols, i),
                      (int)app->session.text_size == i, false)) {
            app->session.text_size = (theme_text_size_t)i;
        }
    }
    return grid.y + grid.h - at.y;
}

/* High contrast, read-aloud and (in a language other than English) English beside it for
 * a member of staff helping: toggles, side by side where their words fit. */
static int toggles_row(app_t *app, ui_t *ui, SDL_Rect at)
{
    session_t *s = &app->session;
    const char *labels[3] = {app_text(app, "home.contrast"), app_text(app, "home.speech"),
                             app_text(app, "access.side_by_side")};
    int n = strcmp(app_lang(app), "en") == 0 ? 2 : 3;
    int cols;
    SDL_Rect grid = choice_grid(ui, labels, NULL, n, at, 2, &cols);
    if (ui_choice(ui, "access.contrast", labels[0], grid_cell(ui, grid, n, cols, 0),
                  s->high_contrast, true)) {
        s->high_contrast = !s->high_contrast;
    }
    if (ui_choice(ui, "access.speech", labels[1], grid_cell(ui, grid, n, cols, 1), s->speech,
                  true)) {
        s->speech = !s->speech;
    }
    bool beside = side_by_side_on(app);
    if (n == 3 && ui_choice(ui, "access.side_by_side", labels[2],
                            grid_cell(ui, grid, n, cols, 2), beside, true)) {
        side_by_side_set(app, !beside);
    }
    return grid.h;
}

/* "Volume: 4 of 7" with its two buttons under it; the buttons act as the speech keys. */
static int speech_step_row(app_t *app, ui_t *ui, SDL_Rect at, const char *name_key, int step,
                           const char *const ids[2], const int actions[2])
{
    char n[16], total[16], where[128], line[256];
    snprintf(n, sizeof n, "%d", step - SPEECH_STEP_MIN + 1);
    snprintf(total, sizeof total, "%d", ACCESS_SPEECH_STEPS);
    const char *names[] = {"n", "total"}, *values[] = {n, total};
    i18n_format(app_text(app, "speech.position"), names, values, 2, where, sizeof where);
    snprintf(line, sizeof line, "%s: %s", app_text(app, name_key), where);
    char id[UI_ID_MAX];
    snprintf(id, sizeof id, "%s.level", name_key);
    SDL_Rect r = at;
    r.y += heading(ui, id, line, at);
    const char *labels[2] = {app_text(app, ids[0]), app_text(app, ids[1])};
    int cols;
    SDL_Rect grid = choice_grid(ui, labels, NULL, 2, r, 2, &cols);
    for (int i = 0; i < 2; i++) {
        snprintf(id, sizeof id, "access.%s", ids[i] + strlen("speech."));
        if (ui_button(ui, id, labels[i], grid_cell(ui, grid, 2, cols, i), UI_BUTTON_SECONDARY,
                      true)) {
            app->speech_command = actions[i];
        }
    }
    return grid.y + grid.h - at.y;
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
    SDL_Rect r = at;
    r.y += heading(ui, "access.language", app_text(app, "home.language"), at);
    int n = app->langs->count < LANG_MAX ? app->langs->count : LANG_MAX;
    const char *labels[LANG_MAX] = {0}, *langs[LANG_MAX] = {0};
    for (int i = 0; i < n; i++) {
        labels[i] = app->langs->langs[i].endonym;
        langs[i] = app->langs->langs[i].code;
    }
    int cols;
    /* landscape: more side by side, fewer rows to page through */
    SDL_Rect grid = choice_grid(ui, labels, langs, n, r, ui->h > ui->w ? 2 : 4, &cols);
    const char *saved = ui->lang;
    for (int i = 0; i < n; i++) {
        char id[UI_ID_MAX];
        snprintf(id, sizeof id, "access.lang.%s", langs[i]);
        ui->lang = langs[i];
        bool tapped = ui_choice(ui, id, labels[i], grid_cell(ui, grid, n, cols, i),
                                strcmp(app->session.lang, langs[i]) == 0, false);
        ui->lang = saved;
        if (tapped) {
            snprintf(app->session.lang, sizeof app->session.lang, "%s", langs[i]);
        }
    }
    return grid.y + grid.h - at.y;
}

/* The panel's box, down to the screen's foot: on a wide screen beside Quick exit, from
 * the top (height is what a landscape screen lacks), else below it, as wide as reads
 * well. Quick exit keeps its corner either way. */
static SDL_Rect panel_box(ui_t *ui, SDL_Rect exit)
{
    const theme_t *t = &ui->theme;
    int margin = theme_px(t, THEME_MARGIN);
    int beside = exit.x - margin / 2 - margin / 2;
    if (beside >= ui->w * 2 / 3) {
        int w = theme_px(t, ACCESS_BOX_W) < beside ? theme_px(t, ACCESS_BOX_W) : beside;
        return (SDL_Rect){margin / 2 + (beside - w) / 2, exit.y, w, ui->h - exit.y - margin / 2};
    }
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
    /* the title, and Close at the end of its row, always in sight above the settings
     * (which scroll, in pages, when they are taller than the room) */
    const char *close = app_text(app, "access.close");
    int close_w = ui_button_width(ui, close, theme_px(t, ACCESS_BUTTON_MIN_W), in.w / 3);
    int close_h = ui_button_height(ui, close, close_w, theme_px(t, THEME_TARGET_MIN));
    /* on the left in every direction, as Back: away from Quick exit, which a slip of
     * the finger must not reach instead */
    SDL_Rect head = in;
    SDL_Rect close_r = {head.x, head.y, close_w, close_h};
    head.x += close_w + gap;
    head.w -= close_w + gap;
    ui_text_opts_t title = ui_title(ui);
    int title_h = ui_text(ui, "title", app_text(app, "access.title"), head, &title);
    ui_cut_top(&in, (title_h > close_h ? title_h : close_h) + gap);
    SDL_Rect at = chrome_scroll_begin(ui, "access.scroll", in);
    int y0 = at.y;
    at.y += text_size_row(app, ui, at) + gap;
    at.y += toggles_row(app, ui, at) + gap;
    int speech = speech_rows(app, ui, at);
    at.y += speech ? speech + gap : 0;
    at.y += language_grid(app, ui, at);
    ui_scroll_end(ui, at.y - y0);
    if (ui_button(ui, ACCESS_CLOSE_ID, close, close_r, UI_BUTTON_PRIMARY, true)) {
        app->session.access_open = false;
    }
}
