/* Replay scripts: drive a headless session from a file (DESIGN §9), on a virtual clock.
 *
 *   lang CODE              choose the language (as the language screen would)
 *   tap WIDGET-ID          press and release on the widget's centre (scrolling its list
 *                          into view first, as a person would)
 *   drag WIDGET-ID DY      drag a finger from the widget by DY pixels and let go (fling)
 *   type TEXT              type into the focused field (as a physical keyboard would)
 *   key NAME               escape | backspace | return | space | tab | shift+tab | up |
 *                          down | left | right, or an SDL key name ("Keypad 5", "Keypad *")
 *   focus-to WIDGET [MAX]  press Tab until WIDGET has the focus (at most MAX times)
 *   expect-focus WIDGET    the keyboard focus is on WIDGET
 *   wait SECONDS           advance the virtual clock, running every timer on the way
 *   wait-print SECONDS     wait (real time, at most SECONDS) until a slip is printed or failed
 *   wait-reporting SECONDS wait (real time, at most SECONDS) until the kiosk takes reports again
 *   expect-screen ID       the screen is ID or under it ("learn" matches "learn.what")
 *   expect-visited ID      ID was shown at some point since the previous expect-visited
 *   expect-text WIDGET TEXT  the widget shows text containing TEXT
 *   expect-no-widget ID    no widget with this id is on screen
 *   expect-visible ID / expect-hidden ID     the widget is (not) wholly in view (scrolling)
 *   expect-spoken TEXT     read-aloud last said something containing TEXT
 *   expect-spoken-reference  ... and that holds the reference spelled out
 *   expect-clips KEY...    the recorded-speech backend last played these clips, in order
 *   expect-spoken-slip     ... and that holds every line of the slip printed, in order
 *   expect-silent          read-aloud was stopped and has not started anything since
 *   expect-speech-params V R  read-aloud volume and speed steps are V and R
 *   expect-enabled ID / expect-disabled ID   the widget is on screen and (not) tappable
 *   expect-selected ID / expect-unselected ID   the choice is drawn ticked (not ticked)
 *   expect-covered ID      the widget is under an overlay: its pixels are one flat colour
 *                          (nothing shows through) and a tap there does not reach it
 *   expect-theme C S       the screen was drawn in contrast C (normal | high) at text size
 *                          S (normal | large | largest)
 *   screenshot FILE        save the screen as PNG
 * Lines starting with # are comments. The first unmet expectation stops the replay with
 * "FILE:LINE: expected ..., found ...". */
#ifndef KIOSK_APP_REPLAY_H
#define KIOSK_APP_REPLAY_H

#include "app/runtime.h"

#include <stdio.h>

/** Runs the script at path on rt (opened headless, or in a window: expect-covered and the
 *  expect-spoken family need headless). Returns 0 when every line held,
 *  1 on the first failure (message on err_out). */
int replay_run(runtime_t *rt, const char *path, FILE *err_out);

#endif
