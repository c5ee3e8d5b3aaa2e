/* cover: what Quick exit shows. Neutral (no trace of what was on screen); any touch or
 * the idle time returns to attract. */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

static void cover_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    SDL_Rect all = {0, 0, ui->w, ui->h};
    if (ui_record(ui, "cover.continue", all, true, "")) {
        app_go(app, "attract");
    }
    SDL_Rect col = chrome_column(ui, ui_inset(all, theme_px(t, THEME_MARGIN * 2)));
    ui_cut_top(&col, col.h / 3);
    ui_text_opts_t title = ui_title(ui);
    title.align = TEXT_ALIGN_CENTER;
    int h = ui_text(ui, "cover.title", app_text(app, "cover.title"), col, &title);
    ui_cut_top(&col, h + theme_px(t, THEME_GAP * 2));
    ui_text_opts_t body = ui_body(ui);
    body.align = TEXT_ALIGN_CENTER;
    ui_text(ui, "cover.body", app_text(app, "cover.body"), col, &body);
}

const screen_def_t SCREEN_COVER = {"cover", SCREEN_OUTSIDE_SESSION, NULL, cover_frame, NULL};
