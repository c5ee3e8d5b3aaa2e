/* learn: an index of topics and one page per topic (learn.<topic>). Words come from the
 * catalog keys learn.<topic>.title and learn.<topic>.body. */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const TOPICS[] = {"what", "motivations", "examples", "health",
                                     "why_report", "after", "options"};
#define TOPIC_COUNT ((int)(sizeof TOPICS / sizeof TOPICS[0]))

static void learn_index_frame(app_t *app, ui_t *ui)
{
    SDL_Rect content = chrome_frame(app, ui, "learn.title", "home");
    int gap = theme_px(&ui->theme, THEME_GAP);
    bool portrait = ui->h > ui->w;
    int cols = portrait ? 1 : 2;
    int rows = (TOPIC_COUNT + cols - 1) / cols;
    const char *labels[TOPIC_COUNT];
    for (int i = 0; i < TOPIC_COUNT; i++) {
        char key[UI_ID_MAX];
        snprintf(key, sizeof key, "learn.%s.title", TOPICS[i]);
        labels[i] = app_text(app, key);
    }
    int row_h = chrome_row_height(ui, labels, TOPIC_COUNT, cols, content.w, gap,
                                  theme_px(&ui->theme, THEME_TARGET_MIN * 1.2));
    SDL_Rect grid = chrome_grid_begin(ui, "learn.topics", content, rows, row_h, gap);
    for (int i = 0; i < TOPIC_COUNT; i++) {
        char id[UI_ID_MAX], to[UI_ID_MAX];
        snprintf(id, sizeof id, "learn.topic.%s", TOPICS[i]);
        snprintf(to, sizeof to, "learn.%s", TOPICS[i]);
        if (ui_button(ui, id, labels[i], ui_grid_cell(ui, grid, cols, rows, i, gap),
                      UI_BUTTON_SECONDARY, true)) {
            app_go(app, to);
        }
    }
    ui_scroll_end(ui, grid.h);
}

static int topic_index(const char *screen_id)
{
    for (int i = 0; i < TOPIC_COUNT; i++) {
        if (strcmp(screen_id + strlen("learn."), TOPICS[i]) == 0) {
            return i;
        }
    }
    return 0;
}

static void learn_page_frame(app_t *app, ui_t *ui)
{
    int i = topic_index(app->screen->id);
    char key[UI_ID_MAX];
    snprintf(key, sizeof key, "learn.%s.title", TOPICS[i]);
    SDL_Rect content = chrome_frame(app, ui, key, "learn");
    const theme_t *t = &ui->theme;
    bool reporting = !app->reporting_fault[0]; /* reduced mode: app/reporting.h */
    const char *next_label =
        app_text(app, i + 1 < TOPIC_COUNT ? "learn.next_topic"
                      : reporting         ? "home.report"
                                          : "home.report_unavailable");
    int nav_w = theme_px(t, 560) < content.w ? theme_px(t, 560) : content.w;
    int min_h = theme_px(t, THEME_TARGET_MIN * 1.2);
    if (ui_button_height(ui, next_label, nav_w, min_h) > min_h) {
        nav_w = content.w; /* a long label (larger text) takes the whole width, not the page */
    }
    SDL_Rect nav = ui_cut_bottom(&content, ui_button_height(ui, next_label, nav_w, min_h));
    snprintf(key, sizeof key, "learn.%s.body", TOPICS[i]);
    ui_cut_bottom(&content, theme_px(t, THEME_GAP));
    ui_text_opts_t body = ui_body(ui);
    SDL_Rect at = chrome_scroll_begin(ui, "learn.scroll", content);
    ui_scroll_end(ui, ui_text(ui, "learn.body", app_text(app, key), at, &body));
    SDL_Rect next = ui_cut_end(ui, &nav, nav_w);
    if (i + 1 < TOPIC_COUNT) {
        if (ui_button(ui, "learn.next", next_label, next, UI_BUTTON_PRIMARY, true)) {
            app_go(app, SCREEN_LEARN_PAGES[i + 1].id);
        }
    } else if (ui_button(ui, "learn.report", next_label, next, UI_BUTTON_PRIMARY, reporting)) {
        app_go(app, "report.start");
    }
}

const screen_def_t SCREEN_LEARN = {"learn", 0, NULL, learn_index_frame, NULL};

const screen_def_t SCREEN_LEARN_PAGES[] = {
    {"learn.what", 0, NULL, learn_page_frame, NULL},
    {"learn.motivations", 0, NULL, learn_page_frame, NULL},
    {"learn.examples", 0, NULL, learn_page_frame, NULL},
    {"learn.health", 0, NULL, learn_page_frame, NULL},
    {"learn.why_report", 0, NULL, learn_page_frame, NULL},
    {"learn.after", 0, NULL, learn_page_frame, NULL},
    {"learn.options", 0, NULL, learn_page_frame, NULL},
};
const int SCREEN_LEARN_PAGE_COUNT = TOPIC_COUNT;
