/* What one person's visit holds. Wiped (zeroed with sodium_memzero) on Finish, Quick
 * exit and timeout: nothing of it must survive for the next person. */
#ifndef KIOSK_APP_SESSION_H
#define KIOSK_APP_SESSION_H

#include "ui/theme.h"

#include <stdbool.h>

typedef struct session {
    bool active;             /* someone has started (tapped attract) */
    char lang[16];
    theme_text_size_t text_size;
    bool high_contrast;
    bool speech;
} session_t;

/** Zeroes every byte of the session, then sets the defaults for the next person. */
void session_wipe(session_t *s, const char *default_lang);

#endif
