/* support: the services for this person (by the motivations of their report, or all),
 * each with its phone number and a QR code for its website; print them on a slip. */
#include "screens/screens_internal.h"
#include "screens/wizard.h"

#include "print/print.h"

#include <stdio.h>
#include <string.h>

#define SUPPORT_ROW_GAP 36

/* One service: name, what it does, phone and hours at the start; its QR at the end. */
static int service_row(app_t *app, ui_t *ui, const service_t *sv, SDL_Rect at)
{
    const theme_t *t = &ui->theme;
    char id[UI_ID_MAX], line[256], isolated[96];
    int qr = chrome_qr_side(app, ui, sv->url);
    SDL_Rect text = at, code = at;
    if (qr > 0) {
        /* wide enough for the host name under the code on one line */
        int code_w = qr + theme_px(t, 40) > theme_px(t, 420) ? qr + theme_px(t, 40)
                                                              : theme_px(t, 420);
        code = ui_cut_end(ui, &text, code_w);
        ui_cut_end(ui, &text, theme_px(t, THEME_GAP));
    }
    ui_text_opts_t name = ui_body(ui);
    name.bold = true;
    snprintf(id, sizeof id, "support.%s", sv->id);
    int y = text.y + ui_text(ui, id, app_service_name(app, sv), text, &name);
    const char *key = sv->description_key;
    ui_text_opts_t body = ui_body(ui);
    body.size = THEME_FONT_SMALL;
    if (strcmp(app_text(app, key), key) != 0) {
        y += ui_text(ui, "", app_text(app, key), (SDL_Rect){text.x, y, text.w, 0}, &body);
    }
    const char *names[] = {"phone"};
    if (sv->phone[0]) {
        text_isolate(sv->phone, true, isolated, sizeof isolated); /* digits stay in order */
        const char *values[] = {isolated};
        i18n_format(app_text(app, "support.phone"), names, values, 1, line, sizeof line);
        snprintf(id, sizeof id, "support.%s.phone", sv->id);
        ui_text_opts_t phone = ui_body(ui);
        phone.bold = true;
        y += ui_text(ui, id, line, (SDL_Rect){text.x, y, text.w, 0}, &phone);
    }
    const char *hours = app_service_hours(app, sv, line, sizeof line);
    if (hours[0]) {
        y += ui_text(ui, "", hours, (SDL_Rect){text.x, y, text.w, 0}, &body);
    }
    int h = y - at.y;
    if (qr > 0) {
        snprintf(id, sizeof id, "support.%s.qr", sv->id);
        int qh = chrome_qr(app, ui, id, sv->url, "", code);
        h = qh > h ? qh : h;
    }
    return h;
}

static void support_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    SDL_Rect area = chrome_frame(app, ui, "support.title", "home");
    if (print_enabled(app->cfg)) {
        int bw = theme_px(t, 560) < area.w ? theme_px(t, 560) : area.w;
        const char *label = app_text(app, "support.print");
        SDL_Rect nav = ui_cut_bottom(&area, ui_button_height(ui, label, bw, theme_px(t, 120)));
        ui_cut_bottom(&area, theme_px(t, THEME_GAP));
        chrome_print_button(app, ui, "support.print", "support.print", ui_cut_end(ui, &nav, bw));
    }
    SDL_Rect at = chrome_scroll_begin(ui, "support.list", area);
    int y = at.y + chrome_print_status(app, ui, at);
    ui_text_opts_t body = ui_body(ui);
    y += ui_text(ui, "support.body", app_text(app, "support.body"), (SDL_Rect){at.x, y, at.w, 0},
                 &body) +
         theme_px(t, THEME_GAP * 2);
    const service_t *list[SERVICES_MAX];
    int n = services_filter(&app->content->services, session_motivation_bits(&app->session), list, SERVICES_MAX);
    for (int i = 0; i < n; i++) {
        y += service_row(app, ui, list[i], (SDL_Rect){at.x, y, at.w, 0}) +
             theme_px(t, SUPPORT_ROW_GAP);
        ui_fill(ui, (SDL_Rect){at.x, y - theme_px(t, SUPPORT_ROW_GAP) / 2, at.w, 1},
                t->colors.disabled);
    }
    ui_scroll_end(ui, y - at.y);
}

const screen_def_t SCREEN_SUPPORT = {"support", 0, NULL, support_frame, NULL};
