/* The report wizard (DESIGN §6): one table of steps drives the screens, their order,
 * progress, Back and Next, the review rows and their Change links. Whether a step must be
 * answered, and what makes an answer valid, lives once in the model
 * (report_validate_step()); Next, the review and submit all ask it. */
#ifndef KIOSK_SCREENS_WIZARD_H
#define KIOSK_SCREENS_WIZARD_H

#include "screens/chrome.h"

/** One row of the wizard. Adding a step is one row here and its content function. */
typedef struct wizard_step {
    screen_def_t screen;      /* "report.who"; every row's frame is the wizard's own */
    const char *step;         /* the model's step id ("who"); NULL: not a question */
    /* draws the step's words and answers from the top of at (below any error), inside the
     * step's one scroll view of height view_h; returns the height used */
    int (*content)(app_t *app, ui_t *ui, SDL_Rect at, int view_h);
    bool typing;              /* has text fields: the keyboard takes the bottom when focused */
    const char *title_victim; /* title key when it happened to the person */
    const char *title_other;  /* title key for a witness or a third party */
    /* the answer in words for the review; NULL: the step has no review row */
    void (*summary)(const app_t *app, char *out, size_t size);
    /* whether the step is asked in this report; NULL: always (the staff step is asked
     * only when a member of staff helps) */
    bool (*asked)(const app_t *app);
} wizard_step_t;

/** Rows of the table, in order (the start page, then the questions). */
int wizard_step_count(void);
const wizard_step_t *wizard_step_at(int i);
/** The row showing screen_id ("report.who"), or NULL. */
const wizard_step_t *wizard_step_find(const char *screen_id);

/** Whether row is asked in this report (steps not asked are skipped by Next and Back,
 *  not counted in the progress and have no review row). */
bool wizard_step_asked(const app_t *app, const wizard_step_t *row);

/** The title key of a row for the person's role. */
const char *wizard_title_key(const app_t *app, const wizard_step_t *row);
/** Whether the person told us it happened to them (titles say "you" vs "them"). */
bool wizard_is_victim(const app_t *app);

/** The frame of every row: title, error at the question, content, Back, Next and
 *  progress. Next always works: with a required answer missing the person stays and the
 *  error shows at the question. */
void wizard_step_frame(app_t *app, ui_t *ui);

/** Shows problem at its step's question (opening that step, from the review, with Next
 *  returning there), spoken when read-aloud is on. False for a problem of no step. */
bool wizard_show_problem(app_t *app, ui_t *ui, const report_problem_t *problem);

#define WIZARD_CHOICE_H 92         /* units: an answer row, when the page has room */
#define WIZARD_CHOICE_COMPACT_H 64 /* ... and when it has not (2/3, still 2.5x the 48 px floor) */

typedef struct wizard_choices {
    const char *id_prefix;  /* "report.why." */
    const char *key_prefix; /* "report.why." (label = key_prefix + code) */
    const char *const *codes;
    int count;
    bool multi;     /* checkboxes (report_toggle() rule) instead of radios */
    bool *selected; /* multi: array of count */
    char *single;   /* single: the chosen code (REPORT_CODE_MAX bytes) */
    int room;       /* the page's height for the grid: rows shrink or grow to it (0: as
                     * their labels need) */
} wizard_choices_t;

/** Draws choices from the top of at (no scrolling); exclusive answers ("Not sure") stand
 *  apart under an "or" divider. With c->room, rows are sized to fill it or to fit in it
 *  (see rows_fit). Returns the height used. */
int wizard_choice_grid(app_t *app, ui_t *ui, SDL_Rect at, const wizard_choices_t *c);

/** The height wizard_yes_no() takes for key at width w. */
int wizard_yes_no_height(app_t *app, ui_t *ui, const char *key, int w);

/** Draws a yes/no checkbox bound to a report_answer_t at the top of at (its height is
 *  what the label needs). Returns the height used. */
int wizard_yes_no(app_t *app, ui_t *ui, const char *id, const char *key, SDL_Rect at,
                  report_answer_t *answer);

/** Draws the on-screen keyboard for the focused field at the bottom of area (phone, email
 *  and date fields get their own layouts) and takes its height from area. False when no
 *  field has focus (no keyboard). */
bool wizard_keyboard(app_t *app, ui_t *ui, SDL_Rect *area);

/** After a field gains focus, scrolls its view so the field and its label stay above the
 *  keyboard. Call after the view's ui_scroll_end(), in a frame that drew the keyboard. */
void wizard_follow_focus(app_t *app, ui_t *ui);

/* Step contents and review summaries (report_steps.c, report_text.c, report_review.c). */
int wizard_start_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h);
int wizard_safety_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h);
int wizard_who_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h);
int wizard_assisted_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h);
bool wizard_assisted_asked(const app_t *app);
int wizard_why_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h);
int wizard_what_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h);
int wizard_when_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h);
int wizard_where_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h);
int wizard_details_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h);
int wizard_health_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h);
int wizard_contact_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h);
int wizard_consent_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h);

void wizard_safety_summary(const app_t *app, char *out, size_t size);
void wizard_who_summary(const app_t *app, char *out, size_t size);
void wizard_assisted_summary(const app_t *app, char *out, size_t size);
void wizard_why_summary(const app_t *app, char *out, size_t size);
void wizard_what_summary(const app_t *app, char *out, size_t size);
void wizard_when_summary(const app_t *app, char *out, size_t size);
void wizard_where_summary(const app_t *app, char *out, size_t size);
void wizard_details_summary(const app_t *app, char *out, size_t size);
void wizard_health_summary(const app_t *app, char *out, size_t size);
void wizard_contact_summary(const app_t *app, char *out, size_t size);
void wizard_consent_summary(const app_t *app, char *out, size_t size);

#endif
