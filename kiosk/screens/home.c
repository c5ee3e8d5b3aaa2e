/* home: Learn / Report / Get support, and the person's settings (language, text size,
 * contrast, read-aloud). */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

#include <stdio.h>

#define HOME_MAIN_H 300

static void home_main(app_t *app, ui_t *ui, SDL_Rect area, bool stacked)
{
    static const struct {
        const char *id, *key, *to;
    } items[] = {{"home.learn", "home.learn", "learn"},
                 {"home.report", "home.report", "report.start"},
                 {"home.support", "home.support", "support"}};
    int gap = theme_px(&ui->theme, THEME_GAP);
    /* reduced mode (app/reporting.h): Report says plainly it is not available today */
    bool reporting = !app->reporting_fault[0];
    for (int i = 0; i < 3; i++) {
        SDL_Rect cell = stacked ? ui_grid_cell(ui, area, 1, 3, i, gap)
                                 : ui_grid_cell(ui, area, 3, 1, i, gap);
        bool report = i == 1;
        const char *label =
            app_text(app, report && !reporting ? "home.report_unavailable" : items[i].key);
        if (ui_button(ui, items[i].id, label, cell,
                      report ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY, !report || reporting)) {
            app_go(app, items[i].to);
        }
    }
}

/* The four settings in cols columns (4: one row; 2: two rows) in area. */
static void home_settings(app_t *app, ui_t *ui, SDL_Rect area, int cols)
{
    static const char *size_keys[] = {"home.text_size.normal", "home.text_size.large",
                                      "home.text_size.largest"};
    session_t *s = &app->session;
    int rows = 4 / cols;
    int gap = theme_px(&ui->theme, THEME_GAP);
    char label[256];
    snprintf(label, sizeof label, "%s: %s", app_text(app, "home.text_size"),
             app_text(app, size_keys[s->text_size]));
    if (ui_button(ui, "home.language", app_text(app, "home.language"),
                  ui_grid_cell(ui, area, cols, rows, 0, gap), UI_BUTTON_SECONDARY, true)) {
        app_go(app, "language");
    }
    if (ui_button(ui, "home.text_size", label, ui_grid_cell(ui, area, cols, rows, 1, gap),
                  UI_BUTTON_SECONDARY, true)) {
        s->text_size = (s->text_size + 1) % THEME_TEXT_SIZES;
    }
    if (ui_choice(ui, "home.contrast", app_text(app, "home.contrast"),
                  ui_grid_cell(ui, area, cols, rows, 2, gap), s->high_contrast, true)) {
        s->high_contrast = !s->high_contrast;
    }
    if (ui_choice(ui, "home.speech", app_text(app, "home.speech"),
                  ui_grid_cell(ui, area, cols, rows, 3, gap), s->speech, true)) {
        s->speech = !s->speech;
    }
}

/* "For health staff" (issue 19): a small link at the bottom, under the settings, at the
 * reading start, to the staff guidance pages: last in reading and focus order, out of the
 * way of the person's own choices. Returns its height. */
static int home_staff_height(app_t *app, ui_t *ui, int w)
{
    const char *label = app_text(app, "staff.entry");
    int bw = ui_button_width(ui, label, theme_px(&ui->theme, 400), w);
    return ui_button_height(ui, label, bw, theme_px(&ui->theme, THEME_TARGET_MIN));
}

static void home_staff(app_t *app, ui_t *ui, SDL_Rect at)
{
    const char *label = app_text(app, "staff.entry");
    int bw = ui_button_width(ui, label, theme_px(&ui->theme, 400), at.w);
    SDL_Rect r = {ui_start_x(ui, at, bw), at.y, bw, at.h};
    if (ui_button(ui, "home.staff", label, r, UI_BUTTON_SECONDARY, true)) {
        app_go(app, "staff");
    }
}

/* The settings row is as tall as its tallest label needs (longer languages wrap). */
static int settings_row_height(app_t *app, ui_t *ui, int cell_w)
{
    static const char *const keys[] = {"home.language", "home.text_size"};
    int h = theme_px(&ui->theme, THEME_TARGET_MIN * 1.3);
    char label[256];
    for (int i = 0; i < 2; i++) {
        snprintf(label, sizeof label, "%s: %s", app_text(app, keys[i]),
                 app_text(app, "home.text_size.largest"));
        h = ui_button_height(ui, label, cell_w, h);
    }
    h = ui_choice_height(ui, app_text(app, "home.contrast"), cell_w, h);
    return ui_choice_height(ui, app_text(app, "home.speech"), cell_w, h);
}

/* The settings' columns (*cols) and the height of one row in room px: two in portrait,
 * four in landscape unless that row is taller than a page of the view (the labels wrap:
 * Nastaliq at the largest text), when two rows of two are not. */
static int settings_grid(app_t *app, ui_t *ui, int room, int page, int *cols)
{
    int gap = theme_px(&ui->theme, THEME_GAP);
    *cols = ui->h > ui->w ? 2 : 4;
    int row_h = settings_row_height(app, ui, (room - gap * (*cols - 1)) / *cols);
    if (*cols == 4 && row_h > page) {
        int two = settings_row_height(app, ui, (room - gap) / 2);
        if (two <= page) {
            *cols = 2;
            row_h = two;
        }
    }
    return row_h;
}

static void home_frame(app_t *app, ui_t *ui)
{
    static const char *const main_keys[] = {"home.learn", "home.report", "home.support"};
    bool privacy = false;
    SDL_Rect content = chrome_frame_start(app, ui, "home.title", "home.privacy", "home.privacy",
                                          &privacy);
    if (privacy) {
        chrome_go_privacy(app);
    }
    bool portrait = ui->h > ui->w;
    int gap = theme_px(&ui->theme, THEME_GAP);
    int room = content.w - theme_px(&ui->theme, 24); /* the scroll view keeps room for its bar */
    int page = content.h - ui_cue_height(ui, content.w), cols;
    int row_h = settings_grid(app, ui, room, page, &cols);
    int settings_h = cols == 2 ? 2 * row_h + gap : row_h;
    int staff_h = home_staff_height(app, ui, room);
    settings_h += gap + staff_h; /* the staff link sits under the settings */
    const char *labels[3];
    for (int i = 0; i < 3; i++) {
        labels[i] = app_text(app, main_keys[i]);
    }
    /* the three main buttons are tall, but give up height before the page must scroll */
    int main_min = theme_px(&ui->theme, HOME_MAIN_H);
    int spare = (content.h - gap - settings_h - (portrait ? 2 * gap : 0)) / (portrait ? 3 : 1);
    int floor_h = theme_px(&ui->theme, THEME_TARGET_MIN * 1.3);
    main_min = spare < main_min ? (spare > floor_h ? spare : floor_h) : main_min;
    if (portrait && spare > main_min) { /* the height a tall screen has, up to half again */
        main_min = spare < main_min * 3 / 2 ? spare : main_min * 3 / 2;
    }
    int main_row = chrome_row_height(ui, labels, 3, portrait ? 1 : 3, content.w, gap, main_min);
    bool stacked = portrait;
    if (!portrait && main_row > spare) { /* words too tall side by side: one under another */
        int row = chrome_row_height(ui, labels, 3, 1, content.w, gap, floor_h);
        /* a row taller than a page (the view less its pager strip) would be cut
         * whatever the page: stacked, each button fits one */
        if (3 * row + 2 * gap < main_row || 3 * row + 2 * gap <= spare ||
            (main_row > page && row <= page)) {
            stacked = true;
            main_row = row;
        }
    }
    int main_h = stacked ? 3 * main_row + 2 * gap : main_row;
    /* Settings sit at the bottom; when large text needs more room than the screen has,
     * the whole page scrolls instead of squeezing the buttons. */
    int total = main_h + gap + settings_h;
    int height = total > content.h ? total : content.h;
    SDL_Rect at = chrome_grid_begin(ui, "home.scroll", content, 1, height, 0);
    home_main(app, ui, (SDL_Rect){at.x, at.y, at.w, main_h}, stacked);
    home_settings(app, ui, (SDL_Rect){at.x, at.y + height - settings_h, at.w,
                                      settings_h - staff_h - gap},
                  cols);
    home_staff(app, ui, (SDL_Rect){at.x, at.y + height - staff_h, at.w, staff_h});
    ui_scroll_end(ui, height);
}

const screen_def_t SCREEN_HOME = {"home", 0, NULL, home_frame, NULL};
