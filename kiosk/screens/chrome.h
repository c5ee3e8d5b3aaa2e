/* What every in-session screen shares: the top bar (Back at the reading start, Quick exit
 * at the end), the title, and the content area. */
#ifndef KIOSK_SCREENS_CHROME_H
#define KIOSK_SCREENS_CHROME_H

#include "app/app.h"
#include "ui/widgets.h"

/** Draws the bar and the title (title_key may be NULL); back_to is the screen Back goes
 *  to (NULL: no Back). Handles both buttons. Returns the content rectangle. */
SDL_Rect chrome_frame(app_t *app, ui_t *ui, const char *title_key, const char *back_to);

/** Content width limit for comfortable reading, centred in r. */
SDL_Rect chrome_column(const ui_t *ui, SDL_Rect r);

#endif
