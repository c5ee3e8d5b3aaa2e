/* Screen definitions, one per file; collected into the table in screens.c. */
#ifndef KIOSK_SCREENS_INTERNAL_H
#define KIOSK_SCREENS_INTERNAL_H

#include "screens/screens.h"

extern const screen_def_t SCREEN_ATTRACT;
extern const screen_def_t SCREEN_LANGUAGE;
extern const screen_def_t SCREEN_HOME;
extern const screen_def_t SCREEN_LEARN;
extern const screen_def_t SCREEN_LEARN_PAGES[];
extern const int SCREEN_LEARN_PAGE_COUNT;
extern const screen_def_t SCREEN_COVER;
extern const screen_def_t SCREEN_REPORT_URGENT;
extern const screen_def_t SCREEN_PRIVACY;
extern const screen_def_t SCREEN_REPORT_REVIEW[];  /* review error */
extern const screen_def_t SCREEN_REPORT_DONE;
extern const screen_def_t SCREEN_SUPPORT;
extern const screen_def_t SCREEN_STAFF;
extern const screen_def_t SCREEN_STAFF_PAGES[]; /* staff.what ... staff.record */
extern const int SCREEN_STAFF_PAGE_COUNT;
extern const screen_def_t SCREEN_ADMIN[]; /* admin.pin, admin */

/** The size (units) each language's endonym is drawn at on the language screen, for a
 *  name w pixels wide: sizes[i] for app->langs->langs[i] (language.c; tests check it). */
void language_endonym_sizes(app_t *app, ui_t *ui, int w, double *sizes);

/** The hidden admin gesture's target (top corner); call after the screen's own widgets. */
void admin_corner(app_t *app, ui_t *ui);

#endif
