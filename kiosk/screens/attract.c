/* attract: a calm, rotating invitation in each enabled language. The whole screen is one
 * target (attract.start). Neutral enough for a waiting room. */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

#define ATTRACT_CTA_W 760 /* units: the invitation's box, narrower than the column */
#define ATTRACT_CTA_PAD 24
#define ATTRACT_MIN_SCALE 0.6 /* words shrink to fit the height down to this */

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
    const char *title_text = i18n_text(app->i18n, code, "attract.title");
    const char *body_text = i18n_text(app->i18n, code, "attract.body");
    const char *label = i18n_text(app->i18n, code, "attract.touch");
    ui_text_opts_t title = ui_title(ui);
    title.align = TEXT_ALIGN_CENTER;
    ui_text_opts_t body = ui_body(ui);
    body.align = TEXT_ALIGN_CENTER;
    /* the invitation's box grows to its words (two lines in Somali or Tamil), never the
     * words out of the box */
    ui_text_opts_t go = {.bold = true, .align = TEXT_ALIGN_CENTER, .max_lines = 0,
                         .color = t->colors.primary_text};
    int cw = theme_px(t, ATTRACT_CTA_W) < col.w ? theme_px(t, ATTRACT_CTA_W) : col.w;
    int pad = theme_px(t, ATTRACT_CTA_PAD);
    int min_box = theme_px(t, THEME_TARGET_MIN * 1.3);
    int title_h = 0, body_h = 0, text_h = 0, box_h = 0, total = 0;
    /* the three as large as the screen holds (the largest text in Nastaliq is tall), the
     * group in the middle of the height: portrait uses its whole height too */
    for (double scale = 1.0; scale >= ATTRACT_MIN_SCALE; scale *= 0.9) {
        title.size = THEME_FONT_TITLE * 1.2 * scale;
        body.size = THEME_FONT_BODY * scale;
        go.size = THEME_FONT_BUTTON * 1.2 * scale;
        title_h = ui_text_height(ui, title_text, col.w, &title);
        body_h = ui_text_height(ui, body_text, col.w, &body);
        text_h = ui_text_height(ui, label, cw - 2 * pad, &go);
        box_h = text_h + 2 * pad > min_box ? text_h + 2 * pad : min_box;
        total = title_h + body_h + box_h + theme_px(t, THEME_GAP * 5);
        if (total <= col.h) {
            break;
        }
    }
    ui_cut_top(&col, total < col.h ? (col.h - total) / 2 : 0);
    ui_text(ui, "attract.title", title_text, col, &title);
    ui_cut_top(&col, title_h + theme_px(t, THEME_GAP * 2));
    ui_text(ui, "attract.body", body_text, col, &body);
    ui_cut_top(&col, body_h + theme_px(t, THEME_GAP * 3));
    SDL_Rect cta = {col.x + (col.w - cw) / 2, col.y, cw, box_h};
    ui_fill(ui, cta, t->colors.primary);
    ui_text(ui, "attract.touch", label,
            (SDL_Rect){cta.x + pad, cta.y + (cta.h - text_h) / 2, cta.w - 2 * pad, text_h}, &go);
    ui->lang = saved;
    ui->rtl = saved_rtl;
    admin_corner(app, ui);
}

const screen_def_t SCREEN_ATTRACT = {"attract", SCREEN_OUTSIDE_SESSION, NULL, attract_frame, NULL};
