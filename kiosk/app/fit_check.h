/* The fit check (issue 11): draws screens headless in a matrix of languages, screen sizes,
 * text sizes and themes and reports what a person would see as broken, from the widgets'
 * records and the ink of their text (glyph boxes from the text engine, never estimated
 * label widths):
 *
 *   FIT_INK_OUTSIDE_BOX     a text's ink leaves its box (a button's inside, a label's rect)
 *   FIT_INK_OUTSIDE_SCREEN  ink beyond an edge of the screen
 *   FIT_UNDER_KEYBOARD      ink under the on-screen keyboard (or a key's ink off its key)
 *   FIT_TEXT_OVERLAP        the ink of two widgets' texts overlaps
 *   FIT_CUT_BY_SCROLL       a widget sliced by a scroll view's edge, or content below the
 *                           fold with no cue (no "More below" for that view), or a
 *                           heading on a page that shows none of its answers
 *   FIT_FOCUS_HIDDEN        the focused field is not wholly visible (keyboard open)
 *   FIT_WIZARD_SCROLL       on a wizard step at normal or large text, an answer needs
 *                           scrolling (answers in pages with "More options" are fine), or
 *                           Back or Next is not on the screen
 *   FIT_MISSING_GLYPH       a character no font of the language covers (widget: U+XXXX)
 *   FIT_TALLER_THAN_VIEW    a control or card taller than its scroll view's page: it can only
 *                           be shown cut, across pages (a note, not a failure: the layout
 *                           leaves it no room; reported once, where its top is in view)
 *   FIT_ANSWERS_LATER       a wizard step whose first page shows none of its answers, only
 *                           its words (a note: a long consent text comes first)
 *
 * Each screen is checked as shown (scroll views at their top), with every scroll view
 * also drawn whole (unclipped), and each typing step once per field with that field
 * focused (then the keyboard takes the room: answers out of view are not counted, but the
 * focused field must be whole in view and nothing under the keyboard). Used by tests/unit/test_screens_fit.c and `kiosk --check-content`. */
#ifndef KIOSK_APP_FIT_CHECK_H
#define KIOSK_APP_FIT_CHECK_H

#include "platform/config.h"
#include "ui/theme.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    FIT_INK_OUTSIDE_BOX,
    FIT_INK_OUTSIDE_SCREEN,
    FIT_UNDER_KEYBOARD,
    FIT_TEXT_OVERLAP,
    FIT_CUT_BY_SCROLL,
    FIT_FOCUS_HIDDEN,
    FIT_WIZARD_SCROLL,
    FIT_MISSING_GLYPH,
    FIT_TALLER_THAN_VIEW,
    FIT_ANSWERS_LATER,
    FIT_KIND_COUNT
} fit_kind_t;

typedef struct fit_size {
    int w, h;
} fit_size_t;

/* The four screens the kiosk is specified for (landscape three, portrait one). */
#define FIT_SIZE_COUNT 4
extern const fit_size_t FIT_SIZES[FIT_SIZE_COUNT];

typedef struct fit_finding {
    const char *screen;   /* "report.why" */
    const char *lang;     /* "ur" */
    fit_size_t size;
    theme_text_size_t text_size;
    bool high_contrast;
    const char *focus;    /* the focused field ("" when none: keyboard closed) */
    bool whole;           /* found with scroll views drawn whole */
    int page;             /* the page of a scroll view it is on: 0 first, N after N "More below" */
    bool staff_assisted;  /* a staff-assisted session: English beside its language */
    const char *widget;   /* its id, or the start of its text in quotes when it has none */
    fit_kind_t kind;
    const char *message;  /* what is wrong, with the pixels measured */
} fit_finding_t;

/** Called once per finding; everything it points at is valid only during the call. */
typedef void (*fit_check_report_fn)(void *ctx, const fit_finding_t *finding);

typedef struct fit_check_options {
    const kiosk_config_t *cfg; /* content and fonts; state_dir must be a scratch directory */
    const char *const *langs;  /* NULL: every language of languages.ini */
    int lang_count;
    const fit_size_t *sizes;   /* NULL: FIT_SIZES */
    int size_count;
    const theme_text_size_t *text_sizes; /* NULL: normal, large, largest */
    int text_size_count;
    const bool *high_contrast; /* NULL: both themes */
    int theme_count;
    const char *const *screens; /* NULL: every screen (screens_get) */
    int screen_count;
    /* each screen as in a staff-assisted report (issue 19): side by side, English under
     * titles and answers, the staff lines on consent and done */
    bool staff_assisted;
} fit_check_options;

/** The name of a kind ("ink outside box"), for messages. */
const char *fit_kind_name(fit_kind_t kind);
/** Whether a kind is a note (reported, never a failure): the layout leaves no room. */
bool fit_kind_is_note(fit_kind_t kind);

/** Runs the check; report is called per finding. Needs SDL_Init() and TTF_Init() done.
 *  False with err only when the check itself cannot run (content or fonts missing);
 *  findings are not errors. */
bool fit_check_run(const fit_check_options *opt, fit_check_report_fn report, void *ctx,
                   char *err, size_t errlen);

#endif
