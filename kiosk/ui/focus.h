/* Keyboard focus over the UI's per-frame widget records (issue 13): which control a
 * keyboard or keypad user is on, the order Tab and the arrows move through (reading
 * order, mirrored for right-to-left), where a new screen starts (its first answer or
 * action, never Quick exit or the top bar), and the ring that shows it.
 *
 *     ui_focus_t f = {0};
 *     focus_follow_screen(&f, ui, screen_id);  // after each frame: a new screen restarts
 *     focus_move(&f, ui, +1);                  // Tab; scrolls its view to show it
 *     focus_activate(&f, ui);                  // Enter: the next frame sees a tap on it
 *     focus_draw(&f, ui);                      // in the frame, after the screen drew
 *
 * The focus is a widget id, so it survives redraws and scrolling. Touch and keys mix: a
 * tap does not move the focus, the ring shows only once a key has been used. */
#ifndef KIOSK_UI_FOCUS_H
#define KIOSK_UI_FOCUS_H

#include "ui/ui.h"

#include <stdbool.h>

#define FOCUS_RING_UNITS 6  /* ring thickness: 6 px at 1080p */
#define FOCUS_RING_MIN_PX 4 /* never thinner (EN 301 549 / WCAG 2.4.13 style focus) */

typedef struct ui_focus {
    char id[UI_ID_MAX];     /* the focused widget, "" for none */
    char screen[UI_ID_MAX]; /* the screen it was chosen on */
    bool shown;             /* a key moved or pressed: draw the ring */
    unsigned moves;         /* counts changes, so read-aloud speaks each one */
} ui_focus_t;

/** The widgets a key can reach on screen (last completed frame), in reading order: top
 *  to bottom, then from the reading start (left, or right for rtl). Only enabled
 *  interactive widgets with an id, and only those above the topmost modal blocker.
 *  Returns how many (at most max) are in out. */
int focus_order(const ui_t *ui, const ui_widget_t **out, int max);

/** True for the controls of the top bar (Quick exit, Back, privacy) and read-aloud's
 *  controls under it, where a new screen's focus never starts. */
bool focus_is_chrome(const char *id);

/** After a frame: on a new screen (or when the focused widget is gone) the focus goes to
 *  the first control of the content. True when the focus changed. */
bool focus_follow_screen(ui_focus_t *f, const ui_t *ui, const char *screen_id);

/** Moves step (+1 next, -1 previous) in reading order, wrapping round; scrolls the
 *  widget's view so it is in sight. True when it moved (draw a frame to show it). */
bool focus_move(ui_focus_t *f, ui_t *ui, int step);

/** After a frame: when the focused widget is in a paged scroll view (its "More options" /
 *  "Previous" cues showing) but not wholly in sight, turns one page towards it, as a tap
 *  on the cue would. True when it turned: draw a frame and call again (one page a frame,
 *  the page edges come from what was drawn). Nothing until a key was used. */
bool focus_keep_in_sight(const ui_focus_t *f, ui_t *ui);

/** Presses the focused widget: the next frame's widget call sees a tap, exactly as from
 *  a finger. False when nothing usable has the focus. */
bool focus_activate(ui_focus_t *f, ui_t *ui);

/** The focused widget on screen, or NULL. */
const ui_widget_t *focus_widget(const ui_focus_t *f, const ui_t *ui);

/** Where the focused choice sits among the choices of its question (widgets whose ids
 *  share its prefix up to the last '.' and that have a tick state; the id must have two
 *  dots at least, "report.why.race"): 1-based, with the group's size in *total. 0 when
 *  the focus is not on such a choice. */
int focus_position(const ui_focus_t *f, const ui_t *ui, int *total);

/** Ring thickness in pixels for theme (at least FOCUS_RING_MIN_PX). */
int focus_ring_px(const theme_t *theme);
/** The ring's outer colour (the band against the surroundings) and inner colour. */
SDL_Color focus_ring_outer(const theme_t *theme);
SDL_Color focus_ring_inner(const theme_t *theme);

/** Draws the ring round the focused widget as this frame drew it (call after the screen
 *  drew, before ui_end_frame()). Nothing until a key was used. */
void focus_draw(const ui_focus_t *f, ui_t *ui);

/** Forgets the focus (session end). */
void focus_clear(ui_focus_t *f);

#endif
