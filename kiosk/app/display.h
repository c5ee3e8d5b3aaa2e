/* The display's schedule and orientation ([display] off_hours, rotation): pure rules, so
 * they are tested without a screen; the runtime applies them. */
#ifndef KIOSK_APP_DISPLAY_H
#define KIOSK_APP_DISPLAY_H

#include <stdbool.h>

#define DISPLAY_MINUTES_PER_DAY (24 * 60)

typedef struct display_hours {
    bool enabled;
    int from_min, to_min; /* blanked from from_min up to (not including) to_min */
} display_hours_t;

/** From an off_hours value ("" disables; "20:00-07:30" wraps midnight). False when
 *  malformed (config_check reports it first, so the kiosk never gets here with one). */
bool display_hours_parse(const char *spec, display_hours_t *out);
/** True when the screen is blanked at minute_of_day (0..1439, local time). */
bool display_hours_off(const display_hours_t *h, int minute_of_day);
/** Minutes from minute_of_day to the next start or end of the off hours (1..1440). */
int display_hours_minutes_to_change(const display_hours_t *h, int minute_of_day);

/** A point on the output (0..1 each way) to the same point of the picture drawn for a
 *  panel turned rotation degrees clockwise (0, 90, 180, 270). */
void display_output_to_picture(int rotation, float ox, float oy, float *px, float *py);

#endif
