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

static void staff_index_frame(app_t *app, ui_t *ui)
{
    SDL_Rect content = chrome_frame(app, ui, "staff.title", "home");
    int gap = theme_px(&ui->theme, THEME_GAP);
    const char *labels[STAFF_PAGE_COUNT];
    for (int i = 0; i < STAFF_PAGE_COUNT; i++) {
        char key[UI_ID_MAX];
        snprintf(key, sizeof key, "staff.%s.title", STAFF_PAGES[i]);
        labels[i] = app_text(app, key);
    }
    /* one column: the titles are sentences, read from top to bottom */
    int row_h = chrome_row_height(ui, labels, STAFF_PAGE_COUNT, 1, content.w, gap,
                                  theme_px(&ui->theme, THEME_TARGET_MIN * 1.2));
    SDL_Rect grid = chrome_grid_begin(ui, "staff.pages", content, STAFF_PAGE_COUNT, row_h, gap);
    for (int i = 0; i < STAFF_PAGE_COUNT; i++) {
        char id[UI_ID_MAX], to[UI_ID_MAX];
        snprintf(id, sizeof id, "staff.page.%s", STAFF_PAGES[i]);
        snprintf(to, sizeof to, "staff.%s", STAFF_PAGES[i]);
        if (ui_button(ui, id, labels[i], ui_grid_cell(ui, grid, 1, STAFF_PAGE_COUNT, i, gap),
                      UI_BUTTON_SECONDARY, true)) {
            app_go(app, to);
        }
    }
    ui_scroll_end(ui, grid.h);
}

static int staff_page_index(const char *screen_id)
{
    for (int i = 0; i < STAFF_PAGE_COUNT; i++) {
        if (strcmp(screen_id + strlen("staff."), STAFF_PAGES[i]) == 0) {
            return i;
        }
    }
    return 0;
}

/* The policy QR (beside the words in landscape, under them in portrait), or the line
 * saying the trust has not set its page: a page never points staff nowhere silently. */
static void staff_page_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    int i = staff_page_index(app->screen->id);
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
