/* The "are you still there?" warning over the current screen, with a countdown. */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

#include <stdio.h>

#define TIMEOUT_BOX_W 1100
#define TIMEOUT_BOX_H 620

void screens_timeout_overlay(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    ui_modal_begin(ui);
    SDL_SetRenderDrawBlendMode(ui->renderer, SDL_BLENDMODE_BLEND);
    ui_fill(ui, (SDL_Rect){0, 0, ui->w, ui->h}, (SDL_Color){0, 0, 0, 170});
    SDL_SetRenderDrawBlendMode(ui->renderer, SDL_BLENDMODE_NONE);
    int bw = theme_px(t, TIMEOUT_BOX_W) < ui->w - 40 ? theme_px(t, TIMEOUT_BOX_W) : ui->w - 40;
    int bh = theme_px(t, TIMEOUT_BOX_H);
    SDL_Rect box = {(ui->w - bw) / 2, (ui->h - bh) / 2, bw, bh};
    ui_fill(ui, box, t->colors.surface);
    ui_frame(ui, box, theme_px(t, 6), t->colors.border);
    SDL_Rect in = ui_inset(box, theme_px(t, THEME_MARGIN));
    ui_text_opts_t title = ui_title(ui);
    int h = ui_text(ui, "timeout.title", app_text(app, "timeout.title"), in, &title);
    ui_cut_top(&in, h + theme_px(t, THEME_GAP));
    char seconds[16], body[512];
    int left = app_warning_seconds_left(app);
    snprintf(seconds, sizeof seconds, "%d", left);
    const char *names[] = {"seconds"};
    const char *values[] = {seconds};
    i18n_format(app_text_count(app, "timeout.body", left), names, values, 1, body, sizeof body);
    ui_text_opts_t o = ui_body(ui);
    ui_text(ui, "timeout.body", body, in, &o);
    SDL_Rect button = ui_cut_bottom(&in, ui_button_height(ui, app_text(app, "timeout.continue"),
                                                          in.w, theme_px(t, THEME_TARGET_MIN * 1.3)));
    if (ui_button(ui, "timeout.continue", app_text(app, "timeout.continue"), button,
                  UI_BUTTON_PRIMARY, true)) {
        app_input(app);
    }
}
