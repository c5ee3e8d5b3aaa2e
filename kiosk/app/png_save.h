/* Screenshots to PNG with libpng, written for speed: a screen is large flat areas and a
 * little anti-aliased text, and SDL_image's IMG_SavePNG (zlib level 6, libpng's adaptive
 * choice among all five filters per row, an ABGR copy of the surface first) took 57% of
 * `kiosk --screenshot home` (tests/bench). */
#ifndef KIOSK_APP_PNG_SAVE_H
#define KIOSK_APP_PNG_SAVE_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

/** Writes surface to path as 8-bit RGB (what a screen shows: its alpha is not kept). False
 *  with err on failure (the file may then be partly written). */
bool png_save_rgb(SDL_Surface *surface, const char *path, char *err, size_t err_size);

#endif
