/* Read-aloud's on-screen controls (issue 13), drawn by the chrome under the top bar of
 * every in-session screen while read-aloud is on: Repeat, Stop, Quieter, Louder, Slower,
 * Faster (the same actions as the [input] speech keys). In a language with neither an
 * espeak-ng voice nor recorded clips, a notice says read-aloud cannot speak it and offers
 * English instead: read-aloud never stays silently on. */
#ifndef KIOSK_SCREENS_SPEECH_CONTROLS_H
#define KIOSK_SCREENS_SPEECH_CONTROLS_H

#include "app/app.h"
#include "ui/widgets.h"

/** Draws the controls (or the notice) at the top of r; returns the height used, 0 when
 *  read-aloud is off. Handles the buttons. */
int speech_controls(app_t *app, ui_t *ui, SDL_Rect r);

#endif
