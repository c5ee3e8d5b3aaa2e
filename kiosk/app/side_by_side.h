/* Side by side (issue 19): every screen shows English beside the person's language, the
 * titles and the answers in both, so a member of staff who does not read that language
 * can follow. On for a staff-assisted report, or when the site ([staff] side_by_side) or
 * the person (the Accessibility control: side_by_side_set()) chooses it; never for English
 * itself. The drawing is ui/gloss.h's; this module says when and finds the English. */
#ifndef KIOSK_APP_SIDE_BY_SIDE_H
#define KIOSK_APP_SIDE_BY_SIDE_H

#include "app/app.h"
#include "ui/ui.h"

/** Whether this session's screens show English beside its language now. */
bool side_by_side_on(const app_t *app);
/** The session's own choice (the Accessibility control's toggle): on or off until the
 *  session ends; the next person starts with the site's default again. */
void side_by_side_set(app_t *app, bool on);
/** Whether the session has chosen (else the site's default and staff help decide). */
bool side_by_side_chosen(const app_t *app);
/** Before each frame: points ui's gloss at this session's English, or turns it off. */
void side_by_side_attach(const app_t *app, ui_t *ui);

#endif
