/* learn: an index of topics and one page per topic (learn.<topic>). Words come from the
 * catalog keys learn.<topic>.title and learn.<topic>.body. */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const TOPICS[] = {"what", "motivations", "examples", "health",
                                     "why_report", "after", "options"};
#define TOPIC_COUNT ((int)(sizeof TOPICS / sizeof TOPICS[0]))

static chrome_index_t learn_index(const ui_t *ui)
{
    int cols = ui->h > ui->w ? 1 : 2; /* portrait: one column */
    return (chrome_index_t){"learn", "topic", "learn.topics", TOPICS, TOPIC_COUNT, cols};
}

static void learn_index_frame(app_t *app, ui_t *ui)
{
    SDL_Rect content = chrome_frame(app, ui, "learn.title", "home");
    chrome_index_t index = learn_index(ui);
    chrome_page_index(app, ui, content, &index);
}

static void learn_page_frame(app_t *app, ui_t *ui)
{
    chrome_index_t index = learn_index(ui);
    int i = chrome_page_number(app->screen->id, &index);
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
