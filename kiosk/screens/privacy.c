/* privacy: who runs the kiosk, who reads reports, what is kept and for how long, with a
 * QR code to the full notice. Named from config; reachable from home and the start page. */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

#include <stdio.h>

#define PRIVACY_TEXT_MAX 2048

static void privacy_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    const char *back = app->session.privacy_back[0] ? app->session.privacy_back : "home";
    SDL_Rect area = chrome_frame(app, ui, "privacy.title", back);
    const char *url = app->cfg->privacy_url;
    int qr = chrome_qr_side(app, ui, url);
    bool portrait = ui->h > ui->w;
    SDL_Rect side = {0};
    if (qr > 0 && !portrait) {
        side = ui_cut_end(ui, &area, qr + theme_px(t, 60));
        ui_cut_end(ui, &area, theme_px(t, THEME_GAP));
    }
    SDL_Rect at = chrome_scroll_begin(ui, "privacy.scroll", area);
    char text[PRIVACY_TEXT_MAX];
    chrome_format(app, "privacy.body", text, sizeof text);
    ui_text_opts_t body = ui_body(ui);
    int y = at.y + ui_text(ui, "privacy.body", text, at, &body) + theme_px(t, THEME_GAP);
    if (app->cfg->receiver_phone[0]) {
        chrome_format(app, "privacy.call", text, sizeof text);
        y += ui_text(ui, "privacy.call", text, (SDL_Rect){at.x, y, at.w, 0}, &body) +
             theme_px(t, THEME_GAP);
    }
    if (qr > 0 && portrait) {
        y += chrome_qr(app, ui, "privacy.qr", url, app_text(app, "privacy.scan"),
                       (SDL_Rect){at.x, y, at.w, 0});
    }
    ui_scroll_end(ui, y - at.y);
    if (qr > 0 && !portrait) {
        chrome_qr(app, ui, "privacy.qr", url, app_text(app, "privacy.scan"), side);
    }
}

const screen_def_t SCREEN_PRIVACY = {"privacy", 0, NULL, privacy_frame, NULL};
