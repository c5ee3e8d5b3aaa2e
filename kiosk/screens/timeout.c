/* The "are you still there?" warning. What is behind it is hidden, not dimmed (someone
 * looking on must not read the answers), and Quick exit stays in its corner on top. */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

#include <stdio.h>

#define TIMEOUT_BOX_W 1100

/* The two answers: stacked, or side by side when the box would not fit the screen. */
static int timeout_buttons(app_t *app, ui_t *ui, SDL_Rect in, bool side_by_side, bool draw)
{
    const theme_t *t = &ui->theme;
    int gap = theme_px(t, THEME_GAP);
    int cols = side_by_side ? 2 : 1, rows = side_by_side ? 1 : 2;
    int bw = (in.w - (cols - 1) * gap) / cols;
    const char *keep = app_text(app, "timeout.continue");
    const char *del = app_text(app, "timeout.delete");
    int h = ui_button_height(ui, keep, bw, theme_px(t, THEME_TARGET_MIN * 1.3));
    h = ui_button_height(ui, del, bw, h);
    SDL_Rect grid = {in.x, in.y, in.w, rows * h + (rows - 1) * gap};
    if (!draw) {
        return grid.h;
    }
    if (ui_button(ui, "timeout.continue", keep, ui_grid_cell(ui, grid, cols, rows, 0, gap),
                  UI_BUTTON_PRIMARY, true)) {
        app_continue(app);
    }
    if (ui_button(ui, "timeout.delete", del, ui_grid_cell(ui, grid, cols, rows, 1, gap),
                  UI_BUTTON_SECONDARY, true)) {
        app_end_session(app);
    }
    return grid.h;
}

/* Height of the box's contents at inner width w. */
static int timeout_content_h(app_t *app, ui_t *ui, const char *body, int w, bool side_by_side)
{
    ui_text_opts_t title = ui_title(ui), o = ui_body(ui);
    int gap = theme_px(&ui->theme, THEME_GAP);
    return ui_text_height(ui, app_text(app, "timeout.title"), w, &title) + gap +
           ui_text_height(ui, body, w, &o) + gap +
           timeout_buttons(app, ui, (SDL_Rect){0, 0, w, 0}, side_by_side, false);
}

void screens_timeout_overlay(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    ui_modal_begin(ui);
    ui_fill(ui, (SDL_Rect){0, 0, ui->w, ui->h}, t->colors.background);
    SDL_Rect exit = chrome_quick_exit(app, ui);
    int margin = theme_px(t, THEME_MARGIN);
    char seconds[16], body[512];
    int left = app_warning_seconds_left(app);
    snprintf(seconds, sizeof seconds, "%d", left);
    const char *names[] = {"seconds"};
    const char *values[] = {seconds};
    i18n_format(app_text_count(app, "timeout.body", left), names, values, 1, body, sizeof body);
    /* below Quick exit, as tall as its words and buttons need; when that is more than the
     * screen has (the largest text), the box widens, then its buttons go side by side */
    int top = exit.y + exit.h + margin / 2;
    int room = ui->h - top - margin / 2;
    int bw = theme_px(t, TIMEOUT_BOX_W) < ui->w - 2 * margin ? theme_px(t, TIMEOUT_BOX_W)
                                                             : ui->w - 2 * margin;
    bool side = false;
    if (timeout_content_h(app, ui, body, bw - 2 * margin, side) + 2 * margin > room) {
        bw = ui->w - 2 * margin;
        side = timeout_content_h(app, ui, body, bw - 2 * margin, false) + 2 * margin > room;
    }
    int bh = timeout_content_h(app, ui, body, bw - 2 * margin, side) + 2 * margin;
    SDL_Rect box = {(ui->w - bw) / 2, top + (bh < room ? (room - bh) / 2 : 0), bw, bh};
    ui_fill(ui, box, t->colors.surface);
    ui_frame(ui, box, theme_px(t, 6), t->colors.border);
    SDL_Rect in = ui_inset(box, margin);
    ui_text_opts_t title = ui_title(ui), o = ui_body(ui);
    in.y += ui_text(ui, "timeout.title", app_text(app, "timeout.title"), in, &title) +
            theme_px(t, THEME_GAP);
    in.y += ui_text(ui, "timeout.body", body, in, &o) + theme_px(t, THEME_GAP);
    timeout_buttons(app, ui, in, side, true);
}
