#include "app/display.h"

#include "platform/config.h"

bool display_hours_parse(const char *spec, display_hours_t *out)
{
    out->enabled = false;
    out->from_min = out->to_min = 0;
    if (spec[0] == '\0') {
        return true;
    }
    if (!config_parse_off_hours(spec, &out->from_min, &out->to_min)) {
        return false;
    }
    out->enabled = true;
    return true;
}

bool display_hours_off(const display_hours_t *h, int minute)
{
    if (!h->enabled) {
        return false;
    }
    if (h->from_min < h->to_min) {
        return minute >= h->from_min && minute < h->to_min;
    }
    return minute >= h->from_min || minute < h->to_min; /* over midnight */
}

static int display_minutes_until(int from, int to)
{
    int d = (to - from + DISPLAY_MINUTES_PER_DAY) % DISPLAY_MINUTES_PER_DAY;
    return d == 0 ? DISPLAY_MINUTES_PER_DAY : d;
}

int display_hours_minutes_to_change(const display_hours_t *h, int minute)
{
    if (!h->enabled) {
        return DISPLAY_MINUTES_PER_DAY;
    }
    int a = display_minutes_until(minute, h->from_min);
    int b = display_minutes_until(minute, h->to_min);
    return a < b ? a : b;
}

void display_output_to_picture(int rotation, float ox, float oy, float *px, float *py)
{
    /* the picture is turned clockwise onto the output; undo that turn */
    switch (rotation) {
    case 90:
        *px = oy;
        *py = 1.0f - ox;
        break;
    case 180:
        *px = 1.0f - ox;
        *py = 1.0f - oy;
        break;
    case 270:
        *px = 1.0f - oy;
        *py = ox;
        break;
    default:
        *px = ox;
        *py = oy;
        break;
    }
}
