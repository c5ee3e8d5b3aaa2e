/* What one person's visit holds. Wiped (zeroed with sodium_memzero) on Finish, Quick
 * exit and timeout: nothing of it must survive for the next person. */
#ifndef KIOSK_APP_SESSION_H
#define KIOSK_APP_SESSION_H

#include "report/report.h"
#include "ui/theme.h"

#include <stdbool.h>

typedef struct session {
    bool active;             /* someone has started (tapped attract) */
    char lang[16];
    theme_text_size_t text_size;
    bool high_contrast;
    bool speech;
    int speech_volume;       /* read-aloud volume and speed steps (speech.h), 0 = default */
    int speech_rate;
    /* English beside the chosen language (app/side_by_side.h): 0 the site's default
     * ([staff] side_by_side), 1 on, -1 off, as chosen from the Accessibility control */
    signed char side_by_side;
    bool access_open;        /* the Accessibility panel is showing (screens/access_panel.h) */
    report_t report;         /* the answers so far (plain struct: zeroed whole) */
    char admin_pin[24];      /* being typed; zeroed as soon as it is checked */
    bool admin_pin_wrong;
    bool editing;            /* changing one answer from the review: Next returns there */
    /* Next found this step's answer missing or wrong: the error shows at the question */
    char problem_step[REPORT_CODE_MAX];
    char problem_field[REPORT_CODE_MAX]; /* "" = no error; model field ("contact.email") */
    unsigned problem_seq;    /* counts errors shown, so read-aloud speaks each new one */
    bool finish_confirm;     /* done: "Have you noted your reference?" is showing */
    char privacy_back[64];   /* the screen the privacy page returns to */
    char reference[REPORT_REFERENCE_MAX]; /* set only after the durable commit */
    char submit_error[256];  /* why the last submit failed (shown as a plain message) */
} session_t;

/** The motivations chosen in this report as support-service filter bits (0: none chosen,
 *  which shows every service). */
unsigned session_motivation_bits(const session_t *s);

/** Zeroes every byte of the session, then sets the defaults for the next person. */
void session_wipe(session_t *s, const char *default_lang);

#endif
