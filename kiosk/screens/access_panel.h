/* The compact "Accessibility" control (issue 13): one button in the top bar of every
 * screen of the journey, beside Quick exit, that opens a panel over the screen with the
 * person's settings: language, text size, contrast, and read-aloud with its volume and
 * speed. The settings are the session's (as on home), so they reset when it ends; the
 * panel changes nothing else: the answers of a report in progress and the screen and step
 * underneath stay as they were, and Close returns to them.
 *
 * While the panel is open, app_screen_id() is "access" (replays: expect-screen access),
 * read-aloud reads the panel, and keys reach only the panel and Quick exit. */
#ifndef KIOSK_SCREENS_ACCESS_PANEL_H
#define KIOSK_SCREENS_ACCESS_PANEL_H

#include "app/app.h"
#include "ui/widgets.h"

#define ACCESS_OPEN_ID "a11y.open"   /* the bar button */
#define ACCESS_CLOSE_ID "a11y.close" /* the panel's Close; like the bar, never where the focus
                                      * starts (focus_is_chrome): the first setting is */

/** Draws the Accessibility button in the bar at the reading-start side of Quick exit
 *  (exit: its rectangle), on the journey's screens only (not attract, cover or the staff
 *  screens), and opens the panel when tapped; start_w is the width of the bar's start
 *  button (Back, Privacy), 0 when the screen has none. Returns the height the bar takes:
 *  exit.h, or more when the button's label needs it (very large text in a long language). */
int access_control(app_t *app, ui_t *ui, SDL_Rect exit, int start_w);

/** The panel, drawn over the screen after it drew itself, while it is open. Handles its
 *  controls and Close. */
void access_panel(app_t *app, ui_t *ui);

#endif
