/* A 1-bit raster as a thermal printer prints it: rows of width/8 bytes, most
 * significant bit leftmost, 1 = a black dot (the ESC/POS GS v 0 layout). */
#ifndef KIOSK_PRINT_RASTER_H
#define KIOSK_PRINT_RASTER_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PRINT_RASTER_WIDTH_MAX 2048
#define PRINT_RASTER_HEIGHT_MAX 32000 /* about 4 m of paper at 203 dpi */

/* Luminance (0-255) below which a pixel prints. Above the midpoint on purpose: the
 * anti-aliased edge of a thin stroke (a Nastaliq hairline, a Gujarati matra) is often
 * only partly covered, and dropping it would break the letter. */
#define PRINT_RASTER_THRESHOLD 176

typedef struct print_raster {
    int width, height; /* dots; width is a multiple of 8 */
    int stride;        /* bytes per row = width / 8 */
    uint8_t *bits;     /* owned */
} print_raster_t;

/** An all-white raster; width is rounded up to a multiple of 8. NULL on bad size or
 *  out of memory. Caller frees with print_raster_destroy(). */
print_raster_t *print_raster_create(int width, int height);
void print_raster_destroy(print_raster_t *raster);

void print_raster_set(print_raster_t *raster, int x, int y, bool black);
bool print_raster_get(const print_raster_t *raster, int x, int y);
/** Fills a rectangle (clipped to the raster). */
void print_raster_fill(print_raster_t *raster, int x, int y, int w, int h, bool black);

/** Thresholds an ARGB8888 surface (drawn on white) into a new raster of the same size. */
print_raster_t *print_raster_from_surface(SDL_Surface *surface);

/** Number of black dots (for tests and empty-slip checks). */
long print_raster_count_black(const print_raster_t *raster);

/** Writes the raster as a black-and-white PNG. False with err. */
bool print_raster_save_png(const print_raster_t *raster, const char *path, char *err,
                           size_t err_size);

#endif
