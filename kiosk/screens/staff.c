/* staff: guidance for health staff (issue 19), reached from home ("For health staff"): an
 * index and five short pages, each with a QR code to the trust's own policy page
 * ([staff] policy_url), or a line saying the trust has not set one. The words are the
 * staff.* keys: English only (staff read English), drafts for review by the trust's
 * equality and safeguarding leads (locales/kiosk.pot, docs/staff-guidance.md). */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const STAFF_PAGES[] = {"what", "listen", "help", "safety", "record"};
#define STAFF_SIDE_MIN 400 /* units: the policy QR's column in landscape */
#define STAFF_PAGE_COUNT ((int)(sizeof STAFF_PAGES / sizeof STAFF_PAGES[0]))

static chrome_index_t staff_index(const ui_t *ui)
{
    (void)ui;
    return (chrome_index_t){"staff", "page", "staff.pages", STAFF_PAGES, STAFF_PAGE_COUNT, 1};
}

static void staff_index_frame(app_t *app, ui_t *ui)
{
    SDL_Rect content = chrome_frame(app, ui, "staff.title", "home");
    /* one column: the titles are sentences, read from top to bottom */
    chrome_index_t index = staff_index(ui);
    chrome_page_index(app, ui, content, &index);
}

/* The policy QR (beside the words in landscape, under them in portrait), or the line
 * saying the trust has not set its page: a page never points staff nowhere silently. */
static void staff_page_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    chrome_index_t index = staff_index(ui);
    int i = chrome_page_number(app->screen->id, &index);
    char key[UI_ID_MAX];
    snprintf(key, sizeof key, "staff.%s.title", STAFF_PAGES[i]);
    SDL_Rect area = chrome_frame(app, ui, key, "staff");
    const char *url = app->cfg->staff_policy_url;
    int qr = chrome_qr_side(app, ui, url);
    bool portrait = ui->h > ui->w;
    SDL_Rect side = {0};
    if (qr > 0 && !portrait) {
        /* wide enough for the caption and the host on a line or two */
        int side_w = qr + theme_px(t, 60) > theme_px(t, STAFF_SIDE_MIN) ? qr + theme_px(t, 60)
                                                                      : theme_px(t, STAFF_SIDE_MIN);
        side = ui_cut_end(ui, &area, side_w);
        ui_cut_end(ui, &area, theme_px(t, THEME_GAP));
    }
    SDL_Rect at = chrome_scroll_begin(ui, "staff.scroll", area);
    snprintf(key, sizeof key, "staff.%s.body", STAFF_PAGES[i]);
    ui_text_opts_t body = ui_body(ui);
    int y = at.y + ui_text(ui, "staff.body", app_text(app, key), at, &body) +
            theme_px(t, THEME_GAP);
    if (qr > 0 && portrait) {
        y += chrome_qr(app, ui, "staff.qr", url, app_text(app, "staff.policy"),
                       (SDL_Rect){at.x, y, at.w, 0});
    } else if (qr == 0) {
        ui_text_opts_t muted = body;
        muted.color = t->colors.text_muted;
        y += ui_text(ui, "staff.policy_unset", app_text(app, "staff.policy_unset"),
                     (SDL_Rect){at.x, y, at.w, 0}, &muted);
    }
    ui_scroll_end(ui, y - at.y);
    if (qr > 0 && !portrait) {
        chrome_qr(app, ui, "staff.qr", url, app_text(app, "staff.policy"), side);
    }
}

const screen_def_t SCREEN_STAFF = {"staff", 0, NULL, staff_index_frame, NULL};

const screen_def_t SCREEN_STAFF_PAGES[] = {
    {"staff.what", 0, NULL, staff_page_frame, NULL},
    {"staff.listen", 0, NULL, staff_page_frame, NULL},
    {"staff.help", 0, NULL, staff_page_frame, NULL},
    {"staff.safety", 0, NULL, staff_page_frame, NULL},
    {"staff.record", 0, NULL, staff_page_frame, NULL},
};
const int SCREEN_STAFF_PAGE_COUNT = STAFF_PAGE_COUNT;
