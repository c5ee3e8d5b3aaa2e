/* attract: a calm, rotating invitation in each enabled language. The whole screen is one
 * target (attract.start). Neutral enough for a waiting room. */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

#define ATTRACT_CTA_W 760 /* units: the invitation's box, narrower than the column */
#define ATTRACT_CTA_PAD 24

static void attract_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    int n = app->langs->count;
    const lang_info_t *lang = n ? &app->langs->langs[app->attract_slot % (unsigned)n] : NULL;
    const char *code = lang ? lang->code : "en";
    SDL_Rect all = {0, 0, ui->w, ui->h};
    if (ui_record(ui, "attract.start", all, true, "")) {
        app->session.active = true;
        app_go(app, "language");
    }
    ui_record_label(ui, "attract.language", (SDL_Rect){0, 0, 0, 0}, code); /* for tests */
    const char *saved = ui->lang;
    bool saved_rtl = ui->rtl;
    ui->lang = code;
    ui->rtl = lang && lang->rtl;
    SDL_Rect col = chrome_column(ui, ui_inset(all, theme_px(t, THEME_MARGIN * 2)));
    ui_cut_top(&col, col.h / 4);
    ui_text_opts_t title = ui_title(ui);
    title.align = TEXT_ALIGN_CENTER;
    title.size = THEME_FONT_TITLE * 1.2;
    int h = ui_text(ui, "attract.title", i18n_text(app->i18n, code, "attract.title"), col, &title);
    ui_cut_top(&col, h + theme_px(t, THEME_GAP * 2));
    ui_text_opts_t body = ui_body(ui);
    body.align = TEXT_ALIGN_CENTER;
    h = ui_text(ui, "attract.body", i18n_text(app->i18n, code, "attract.body"), col, &body);
    ui_cut_top(&col, h + theme_px(t, THEME_GAP * 3));
    /* the invitation's box grows to its words (two lines in Somali or Tamil), never the
     * words out of the box */
    ui_text_opts_t go = {.size = THEME_FONT_BUTTON * 1.2, .bold = true,
                         .align = TEXT_ALIGN_CENTER, .max_lines = 0,
                         .color = t->colors.primary_text};
    const char *label = i18n_text(app->i18n, code, "attract.touch");
    int cw = theme_px(t, ATTRACT_CTA_W) < col.w ? theme_px(t, ATTRACT_CTA_W) : col.w;
    int pad = theme_px(t, ATTRACT_CTA_PAD);
    int text_h = ui_text_height(ui, label, cw - 2 * pad, &go);
    int box_h = text_h + 2 * pad > theme_px(t, THEME_TARGET_MIN * 1.3)
                    ? text_h + 2 * pad
                    : theme_px(t, THEME_TARGET_MIN * 1.3);
    SDL_Rect cta = ui_cut_top(&col, box_h);
    cta.x += (cta.w - cw) / 2;
    cta.w = cw;
    ui_fill(ui, cta, t->colors.primary);
    ui_text(ui, "attract.touch", label,
            (SDL_Rect){cta.x + pad, cta.y + (cta.h - text_h) / 2, cta.w - 2 * pad, text_h}, &go);
    ui->lang = saved;
    ui->rtl = saved_rtl;
    admin_corner(app, ui);
}

const screen_def_t SCREEN_ATTRACT = {"attract", SCREEN_OUTSIDE_SESSION, NULL, attract_frame, NULL};
