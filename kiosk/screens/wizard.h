/* The report wizard's shared parts: the step order, the frame every step has (title,
 * progress, Back, Next with the reason it is disabled, Quick exit), and choice lists. */
#ifndef KIOSK_SCREENS_WIZARD_H
#define KIOSK_SCREENS_WIZARD_H

#include "screens/chrome.h"

#define WIZARD_STEP_COUNT 10 /* safety .. consent; review comes after */

/** "who" for "report.who"; NULL for screens outside the wizard. */
const char *wizard_step_of(const char *screen_id);
/** Index of a step (0 = safety), or -1. */
int wizard_step_index(const char *step);
/** Screen id of step i ("report.who"); i == WIZARD_STEP_COUNT is the review. */
const char *wizard_step_screen(int i);

/** Whether the person told us it happened to them (titles say "you" vs "them"). */
bool wizard_is_victim(const app_t *app);

/** Draws the title, progress and navigation of the current step. title_key is the catalog
 *  key of the title; next_ok says whether the required answer is there (if not,
 *  why_key's text says why and Next is disabled). Returns the content area. Next goes to
 *  the next step (or back to the review when editing). */
SDL_Rect wizard_frame(app_t *app, ui_t *ui, const char *title_key, bool next_ok,
                      const char *why_key);
/** Goes to the step after the current one (or the review when editing). */
void wizard_next(app_t *app);

typedef struct wizard_choices {
    const char *id_prefix;  /* "report.why." */
    const char *key_prefix; /* "report.why." (label = key_prefix + code) */
    const char *const *codes;
    int count;
    bool multi;
    bool *selected;         /* multi: array of count */
    char *single;           /* single: the chosen code (REPORT_CODE_MAX bytes) */
} wizard_choices_t;

/** Draws choices from the top of at (no scrolling). Returns the height used. */
int wizard_choice_grid(app_t *app, ui_t *ui, SDL_Rect at, const wizard_choices_t *c);
/** Draws a list of choices in area (scrolls when it does not fit). Returns the height. */
int wizard_choice_list(app_t *app, ui_t *ui, const char *scroll_id, SDL_Rect area,
                       const wizard_choices_t *c);

/** Draws a yes/no checkbox bound to a report_answer_t at the top of at (its height is
 *  what the label needs). Returns the height used. */
int wizard_yes_no(app_t *app, ui_t *ui, const char *id, const char *key, SDL_Rect at,
                  report_answer_t *answer);

/** Draws the on-screen keyboard for the focused field at the bottom of area (phone, email
 *  and date fields get their own layouts) and takes its height from area. False when no
 *  field has focus (no keyboard). */
bool wizard_keyboard(app_t *app, ui_t *ui, SDL_Rect *area);

/** After a field gains focus, scrolls its view so the field and its label stay above the
 *  keyboard. Call after the view's ui_scroll_end(). */
void wizard_follow_focus(app_t *app, ui_t *ui);

/** True if any of n flags is set. */
bool wizard_any(const bool *flags, int n);

#endif
