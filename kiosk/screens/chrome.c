#include "screens/chrome.h"

#define CHROME_BAR_H 120
#define CHROME_BUTTON_W 300
#define CHROME_COLUMN_MAX 1500

SDL_Rect chrome_column(const ui_t *ui, SDL_Rect r)
{
    int max = theme_px(&ui->theme, CHROME_COLUMN_MAX);
    if (r.w > max) {
        r.x += (r.w - max) / 2;
        r.w = max;
    }
    return r;
}

SDL_Rect chrome_frame(app_t *app, ui_t *ui, const char *title_key, const char *back_to)
{
    const theme_t *t = &ui->theme;
    SDL_Rect all = ui_inset((SDL_Rect){0, 0, ui->w, ui->h}, theme_px(t, THEME_MARGIN / 2));
    SDL_Rect bar = ui_cut_top(&all, theme_px(t, CHROME_BAR_H));
    int min_w = theme_px(t, CHROME_BUTTON_W), max_w = bar.w * 2 / 5;
    const char *exit_label = app_text(app, "common.quick_exit");
    const char *back_label = app_text(app, "common.back");
    if (ui_button(ui, "quick_exit", exit_label,
                  ui_cut_end(ui, &bar, ui_button_width(ui, exit_label, min_w, max_w)),
                  UI_BUTTON_DANGER, true)) {
        app_quick_exit(app);
    }
    if (back_to && ui_button(ui, "back", back_label,
                             ui_cut_start(ui, &bar, ui_button_width(ui, back_label, min_w, max_w)),
                             UI_BUTTON_SECONDARY, true)) {
        app_go(app, back_to);
    }
    /* while someone types, the keyboard needs the room: a smaller title, less space */
    bool compact = ui->focus[0] != '\0';
    ui_cut_top(&all, theme_px(t, compact ? THEME_GAP / 2 : THEME_GAP));
    SDL_Rect content = chrome_column(ui, all);
    if (title_key) {
        ui_text_opts_t o = ui_title(ui);
        o.size = compact ? THEME_FONT_BODY : o.size;
        o.max_lines = compact ? 1 : 0;
        int h = ui_text(ui, "title", app_text(app, title_key), content, &o);
        ui_cut_top(&content, h + theme_px(t, compact ? THEME_GAP / 2 : THEME_GAP * 2));
    }
    return content;
}
