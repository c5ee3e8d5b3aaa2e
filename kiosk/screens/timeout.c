/* The "are you still there?" warning. What is behind it is hidden, not dimmed (someone
 * looking on must not read the answers), and Quick exit stays in its corner on top. */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

#include <stdio.h>

#define TIMEOUT_BOX_W 1100

static int timeout_buttons(app_t *app, ui_t *ui, SDL_Rect in)
{
    const theme_t *t = &ui->theme;
    int gap = theme_px(t, THEME_GAP);
    const char *keep = app_text(app, "timeout.continue");
    const char *del = app_text(app, "timeout.delete");
    int h = ui_button_height(ui, keep, in.w, theme_px(t, THEME_TARGET_MIN * 1.3));
    h = ui_button_height(ui, del, in.w, h);
    SDL_Rect grid = {in.x, in.y, in.w, 2 * h + gap};
    if (ui_button(ui, "timeout.continue", keep, ui_grid_cell(ui, grid, 1, 2, 0, gap),
                  UI_BUTTON_PRIMARY, true)) {
        app_continue(app);
    }
    if (ui_button(ui, "timeout.delete", del, ui_grid_cell(ui, grid, 1, 2, 1, gap),
                  UI_BUTTON_SECONDARY, true)) {
        app_end_session(app);
    }
    return grid.h;
}

void screens_timeout_overlay(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    ui_modal_begin(ui);
    ui_fill(ui, (SDL_Rect){0, 0, ui->w, ui->h}, t->colors.background);
    SDL_Rect exit = chrome_quick_exit(app, ui);
    int margin = theme_px(t, THEME_MARGIN);
    int bw = theme_px(t, TIMEOUT_BOX_W) < ui->w - 2 * margin ? theme_px(t, TIMEOUT_BOX_W)
                                                             : ui->w - 2 * margin;
    char seconds[16], body[512];
    int left = app_warning_seconds_left(app);
    snprintf(seconds, sizeof seconds, "%d", left);
    const char *names[] = {"seconds"};
    const char *values[] = {seconds};
    i18n_format(app_text_count(app, "timeout.body", left), names, values, 1, body, sizeof body);
    /* the box is as tall as its words and buttons need, below Quick exit */
    SDL_Rect box = {(ui->w - bw) / 2, exit.y + exit.h + margin, bw, 0};
    SDL_Rect in = ui_inset((SDL_Rect){box.x, box.y, box.w, ui->h}, margin);
    ui_text_opts_t title = ui_title(ui), o = ui_body(ui);
    int th = ui_text_height(ui, app_text(app, "timeout.title"), in.w, &title);
    int bh = ui_text_height(ui, body, in.w, &o);
    int buttons = ui_button_height(ui, app_text(app, "timeout.continue"), in.w,
                                   theme_px(t, THEME_TARGET_MIN * 1.3)) * 2 + theme_px(t, THEME_GAP);
    box.h = th + bh + buttons + 2 * theme_px(t, THEME_GAP) + 2 * margin;
    int room = ui->h - box.y - margin;
    if (box.h < room) {
        box.y += (room - box.h) / 2;
        in.y = box.y + margin;
    }
    ui_fill(ui, box, t->colors.surface);
    ui_frame(ui, box, theme_px(t, 6), t->colors.border);
    in.y += ui_text(ui, "timeout.title", app_text(app, "timeout.title"), in, &title) +
            theme_px(t, THEME_GAP);
    in.y += ui_text(ui, "timeout.body", body, in, &o) + theme_px(t, THEME_GAP);
    timeout_buttons(app, ui, in);
}
