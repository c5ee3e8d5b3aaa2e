/* language: a grid of endonyms, each written in its own script (never flags). */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

#include <stdio.h>

static void language_button(app_t *app, ui_t *ui, const lang_info_t *l, SDL_Rect cell)
{
    char id[UI_ID_MAX];
    snprintf(id, sizeof id, "language.%s", l->code);
    const char *saved = ui->lang;
    ui->lang = l->code; /* each name is shaped in its own language */
    bool tapped = ui_button(ui, id, l->endonym, cell, UI_BUTTON_SECONDARY, true);
    ui->lang = saved;
    if (tapped) {
        snprintf(app->session.lang, sizeof app->session.lang, "%s", l->code);
        app_go(app, "home");
    }
}

static void language_frame(app_t *app, ui_t *ui)
{
    SDL_Rect content = chrome_frame(app, ui, "language.title", NULL);
    int n = app->langs->count;
    bool portrait = ui->h > ui->w;
    int cols = portrait ? 2 : 4;
    int rows = (n + cols - 1) / cols;
    int gap = theme_px(&ui->theme, THEME_GAP);
    int row_h = theme_px(&ui->theme, THEME_TARGET_MIN * 1.4);
    const char *saved = ui->lang;
    for (int i = 0; i < n; i++) { /* each name measured in its own script */
        ui->lang = app->langs->langs[i].code;
        row_h = chrome_row_height(ui, (const char *const[]){app->langs->langs[i].endonym}, 1,
                                  cols, content.w, gap, row_h);
    }
    ui->lang = saved;
    SDL_Rect grid = chrome_grid_begin(ui, "language.grid", content, rows, row_h, gap);
    for (int i = 0; i < n; i++) {
        language_button(app, ui, &app->langs->langs[i], ui_grid_cell(ui, grid, cols, rows, i, gap));
    }
    ui_scroll_end(ui, grid.h);
}

const screen_def_t SCREEN_LANGUAGE = {"language", 0, NULL, language_frame, NULL};
