#include "screens/chrome.h"

#include "print/print.h"
#include "ui/qr_widget.h"

#define CHROME_BAR_H 120
#define CHROME_BUTTON_W 300
#define CHROME_COLUMN_MAX 1500
#define CHROME_SCROLL_BAR_ROOM 24

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
    int min_w = theme_px(t, CHROME_BUTTON_W), max_w = all.w * 2 / 5;
    const char *exit_label = app_text(app, "common.quick_exit");
    const char *back_label = app_text(app, "common.back");
    /* the bar grows with the text size (Nastaliq at the largest size is tall) */
    int bar_h = ui_button_height(ui, exit_label, ui_button_width(ui, exit_label, min_w, max_w),
                                 theme_px(t, CHROME_BAR_H));
    bar_h = ui_button_height(ui, back_label, ui_button_width(ui, back_label, min_w, max_w), bar_h);
    SDL_Rect bar = ui_cut_top(&all, bar_h);
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

SDL_Rect chrome_scroll_begin(ui_t *ui, const char *scroll_id, SDL_Rect area)
{
    SDL_Rect at = ui_scroll_begin(ui, scroll_id, area);
    int bar = theme_px(&ui->theme, CHROME_SCROLL_BAR_ROOM);
    at.w -= bar;
    at.x += ui->rtl ? bar : 0;
    return at;
}

SDL_Rect chrome_grid_begin(ui_t *ui, const char *scroll_id, SDL_Rect area, int rows, int row_h,
                           int gap)
{
    SDL_Rect at = chrome_scroll_begin(ui, scroll_id, area);
    at.h = rows * row_h + (rows - 1) * gap;
    return at;
}

int chrome_row_height(ui_t *ui, const char *const *labels, int n, int cols, int width, int gap,
                      int min_h)
{
    width -= theme_px(&ui->theme, CHROME_SCROLL_BAR_ROOM); /* as chrome_grid_begin() leaves */
    int cell_w = (width - gap * (cols - 1)) / cols;
    for (int i = 0; i < n; i++) {
        min_h = ui_button_height(ui, labels[i], cell_w, min_h);
    }
    return min_h;
}

static ui_qr_opts_t qr_opts(const app_t *app)
{
    return (ui_qr_opts_t){app->cfg->screen_diagonal_in, app->cfg->qr_allowed_hosts};
}

int chrome_qr(app_t *app, ui_t *ui, const char *id, const char *url, const char *caption,
              SDL_Rect r)
{
    ui_qr_opts_t o = qr_opts(app);
    return url && url[0] ? ui_qr(ui, id, url, caption, r, &o) : 0;
}

int chrome_qr_side(app_t *app, ui_t *ui, const char *url)
{
    ui_qr_opts_t o = qr_opts(app);
    return url && url[0] ? ui_qr_side(ui, url, &o) : 0;
}

bool chrome_print_button(app_t *app, ui_t *ui, const char *id, const char *label_key,
                         SDL_Rect r)
{
    if (!print_enabled(app->cfg)) {
        return false;
    }
    bool busy = app->print_state == APP_PRINT_PRINTING;
    if (ui_button(ui, id, app_text(app, label_key), r, UI_BUTTON_SECONDARY, !busy)) {
        app->print_requested = true;
    }
    return true;
}

int chrome_print_status(app_t *app, ui_t *ui, SDL_Rect r)
{
    static const char *const STATUS_KEYS[] = {NULL, "print.printing", "print.done",
                                              "print.failed"};
    const char *status = STATUS_KEYS[app->print_state];
    if (!status) {
        return 0;
    }
    const theme_t *t = &ui->theme;
    ui_text_opts_t o = ui_body(ui);
    o.bold = app->print_state == APP_PRINT_FAILED;
    o.color = app->print_state == APP_PRINT_FAILED && !t->high_contrast ? t->colors.danger
                                                                         : t->colors.text;
    return ui_text(ui, "print.status", app_text(app, status), r, &o) + theme_px(t, THEME_GAP);
}
