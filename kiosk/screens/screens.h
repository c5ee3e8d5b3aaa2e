/* The screen table: each screen is {id, flags, enter, frame, leave} (DESIGN §3, §6). */
#ifndef KIOSK_SCREENS_SCREENS_H
#define KIOSK_SCREENS_SCREENS_H

#include "ui/ui.h"

typedef struct app app_t;

enum {
    SCREEN_OUTSIDE_SESSION = 1u << 0, /* attract, cover: no Quick exit, no warning */
};

typedef struct screen_def {
    const char *id;
    unsigned flags;
    void (*enter)(app_t *app);        /* may be NULL */
    void (*frame)(app_t *app, ui_t *ui);
    void (*leave)(app_t *app);        /* may be NULL */
} screen_def_t;

/** The screen with this id, or NULL. */
const screen_def_t *screens_find(const char *id);
/** All screens, for --screenshot-all and tests: screens_get(0 .. screens_count()-1). */
int screens_count(void);
const screen_def_t *screens_get(int i);

/** The timeout warning, drawn over whatever screen is showing. */
void screens_timeout_overlay(app_t *app, ui_t *ui);

#endif
